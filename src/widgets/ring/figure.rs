//! The hash ring: node arcs, virtual-node ticks, key dots, moved keys, node
//! markers and a preference list, laid out from plain data by [`RingView::build`].
//!
//! The many and static shapes (arcs, ticks, key dots) are painted on a canvas;
//! the few that are interactive or animated (markers, moved keys, the
//! preference list) are a small SVG on top. A change of the ring then repaints
//! a canvas instead of parsing and styling a large SVG. Export paints
//! everything through a [`Pen`], so the saved SVG is vector too.

use crate::decimal::fixed;
use crate::draw::math;
use crate::draw::palette::{node_colour, text_on};
use crate::draw::pen::{Align, CanvasPen, Pen};
use crate::ui::chart::redraw_on_change;
use leptos::html::Canvas;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::f64::consts::{PI, TAU};
use std::fmt::Write as _;
use std::sync::Arc;

/// Side of the square the drawing is laid out in.
const SIDE: f64 = 400.0;
/// Centre of the 400×400 view box.
const C: f64 = 200.0;
/// Radius of the node band.
const R_RING: f64 = 140.0;
/// Radius the key dots sit on.
const R_KEYS: f64 = 118.0;
/// Radius of the node markers.
const R_MARKER: f64 = 172.0;
/// Most arc segments drawn; beyond this the ring is drawn at one-degree resolution.
pub const MAX_SEGMENTS: usize = 360;
/// Most virtual-node ticks drawn; beyond this they are denser than pixels.
pub const MAX_TICKS: usize = 1_200;
/// Most moved-key groups drawn.
const MAX_MOVED_GROUPS: usize = 200;

/// One key drawn on the ring.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KeyDot {
    /// Ring position.
    pub hash: u64,
    /// Owner before the last change.
    pub before: u32,
    /// Owner now.
    pub after: u32,
}

/// Plain inputs for a ring drawing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RingInput {
    /// Ring positions, sorted by hash, with their physical node. Left empty for a
    /// dense ring, which is drawn from [`RingInput::bins`] instead.
    pub points: Vec<(u64, u32)>,
    /// For a dense ring: the owner of the middle of each of [`MAX_SEGMENTS`] equal
    /// slices of the circle (see [`bin_middle`]). Empty when `points` is given.
    pub bins: Vec<u32>,
    /// The keys to draw (a sample when there are many).
    pub keys: Vec<KeyDot>,
    /// One marker per node: its id and the position it is drawn at.
    pub markers: Vec<(u32, u64)>,
    /// A key and its preference list: the key's position and each replica's node
    /// with the ring position that makes it the next distinct node.
    pub preference: Option<(u64, Vec<(u32, u64)>)>,
}

/// One node's drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeLayer {
    /// Node id.
    pub id: u32,
    /// Its colour.
    pub colour: &'static str,
    /// The arcs it owns: start angle and clockwise sweep, in radians.
    pub arcs: Vec<(f64, f64)>,
    /// The angles of its virtual-node ticks (empty when ticks are hidden).
    pub ticks: Vec<f64>,
    /// Its key dots' centres.
    pub keys: Vec<(f64, f64)>,
}

/// Keys that moved from one node to another.
#[derive(Clone, Debug, PartialEq)]
pub struct MovedLayer {
    /// Old owner's colour.
    pub from: &'static str,
    /// New owner's colour.
    pub to: &'static str,
    /// The dots' centres.
    pub dots: Vec<(f64, f64)>,
}

/// A node marker.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// Node id.
    pub id: u32,
    /// Colour.
    pub colour: &'static str,
    /// Position.
    pub x: f64,
    /// Position.
    pub y: f64,
}

/// A preference list drawn as numbered rings around the replicas' positions.
#[derive(Clone, Debug, PartialEq)]
pub struct PreferenceView {
    /// The key's position.
    pub key: (f64, f64),
    /// The clockwise walk from the key past each replica: start angle and sweep
    /// of each leg, on a circle just inside the keys.
    pub walk: Vec<(f64, f64)>,
    /// Each replica's position, node id and rank (1 = owner).
    pub replicas: Vec<(f64, f64, u32, usize)>,
}

/// Everything the SVG shows, as strings and numbers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RingView {
    /// One layer per node, in id order.
    pub layers: Vec<NodeLayer>,
    /// Moved keys grouped by (from, to).
    pub moved: Vec<MovedLayer>,
    /// Node markers.
    pub markers: Vec<Marker>,
    /// The preference list, if one is shown.
    pub preference: Option<PreferenceView>,
    /// Whether virtual-node ticks were drawn.
    pub ticks_drawn: bool,
    /// Whether arcs were drawn at reduced resolution.
    pub arcs_binned: bool,
}

/// The hash at the middle of slice `b` of [`MAX_SEGMENTS`].
pub fn bin_middle(b: usize) -> u64 {
    let (lo, hi) = bin_bounds(b as u64);
    lo + (hi - lo) / 2
}

fn bin_bounds(b: u64) -> (u64, u64) {
    let bin = u64::MAX / MAX_SEGMENTS as u64;
    let hi = if b + 1 == MAX_SEGMENTS as u64 {
        u64::MAX
    } else {
        (b + 1) * bin
    };
    (b * bin, hi)
}

/// Arcs `(from, to, owner)` of a ring: point i owns (point i−1, point i], and
/// runs of one owner merge into one arc.
fn point_segments(pts: &[(u64, u32)]) -> Vec<(u64, u64, u32)> {
    let n = pts.len();
    let mut segments: Vec<(u64, u64, u32)> = Vec::new();
    for i in 0..n {
        let (prev, _) = pts[(i + n - 1) % n];
        let (h, id) = pts[i];
        match segments.last_mut() {
            Some(last) if last.2 == id => last.1 = h,
            _ => segments.push((prev, h, id)),
        }
    }
    if segments.len() > 1 && segments[0].2 == segments[segments.len() - 1].2 {
        let last = segments.pop().unwrap_or_default();
        segments[0].0 = last.0;
    }
    segments
}

/// The owner of the middle of each of [`MAX_SEGMENTS`] slices, for sorted points.
fn slice_owners(pts: &[(u64, u32)]) -> Vec<u32> {
    (0..MAX_SEGMENTS)
        .map(|b| {
            let mid = bin_middle(b);
            pts[pts.partition_point(|p| p.0 < mid) % pts.len()].1
        })
        .collect()
}

/// Arcs of a sliced ring: runs of slices with one owner merge into one arc.
fn bin_segments(bins: &[u32]) -> Vec<(u64, u64, u32)> {
    let mut segments: Vec<(u64, u64, u32)> = Vec::new();
    for (b, &id) in bins.iter().enumerate() {
        let (lo, hi) = bin_bounds(b as u64);
        match segments.last_mut() {
            Some(last) if last.2 == id => last.1 = hi,
            _ => segments.push((lo, hi, id)),
        }
    }
    segments
}

/// Angle of a hash position: 0 at the top, clockwise.
pub fn angle(hash: u64) -> f64 {
    (hash as f64 / 18_446_744_073_709_551_616.0) * 2.0 * PI - PI / 2.0
}

fn at(hash: u64, r: f64) -> (f64, f64) {
    let a = angle(hash);
    (C + r * math::cos(a), C + r * math::sin(a))
}

/// Appends `v` with one decimal. Path data is most of the drawing's text, and
/// the general float formatter is several times slower than this.
fn num(out: &mut String, v: f64) {
    let tenths = (v * 10.0).round() as i64;
    if tenths < 0 {
        out.push('-');
    }
    let t = tenths.unsigned_abs();
    let _ = write!(out, "{}", t / 10);
    let frac = t % 10;
    if frac != 0 {
        out.push('.');
        out.push(char::from(b'0' + frac as u8));
    }
}

/// Appends `M x y`-style commands: a letter, then the numbers separated by spaces.
fn cmd(out: &mut String, letter: char, values: &[f64]) {
    out.push(letter);
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        num(out, *v);
    }
}

/// The arc from position `from` clockwise to `to` as a start angle and a sweep;
/// equal positions make a full turn.
fn arc_of(from: u64, to: u64) -> (f64, f64) {
    let span = to.wrapping_sub(from);
    let sweep = if span == 0 {
        TAU
    } else {
        span as f64 / 18_446_744_073_709_551_616.0 * TAU
    };
    (angle(from), sweep)
}

/// Appends the SVG path data of an arc on the circle of radius `r`.
fn push_arc(d: &mut String, (start, sweep): (f64, f64), r: f64) {
    let point = |a: f64| (C + r * math::cos(a), C + r * math::sin(a));
    let (x0, y0) = point(start);
    if sweep >= TAU - 1e-9 {
        // One arc cannot end where it starts: two halves.
        let (x1, y1) = point(start + PI);
        cmd(d, 'M', &[x0, y0]);
        cmd(d, 'A', &[r, r]);
        d.push_str(" 0 1 1");
        cmd(d, ' ', &[x1, y1]);
        cmd(d, 'A', &[r, r]);
        d.push_str(" 0 1 1");
        cmd(d, ' ', &[x0, y0]);
        return;
    }
    let (x1, y1) = point(start + sweep);
    let large = u8::from(sweep > PI);
    cmd(d, 'M', &[x0, y0]);
    cmd(d, 'A', &[r, r]);
    let _ = write!(d, " 0 {large} 1");
    cmd(d, ' ', &[x1, y1]);
}

impl RingView {
    /// Lays out the drawing.
    pub fn build(input: &RingInput) -> RingView {
        let mut layers: BTreeMap<u32, NodeLayer> = BTreeMap::new();
        let get = |layers: &mut BTreeMap<u32, NodeLayer>, id: u32| {
            layers.entry(id).or_insert_with(|| NodeLayer {
                id,
                colour: node_colour(id),
                arcs: Vec::new(),
                ticks: Vec::new(),
                keys: Vec::new(),
            });
        };
        for &(id, _) in &input.markers {
            get(&mut layers, id);
        }

        // Arcs: point i owns (point i−1, point i]. Merge runs of the same owner.
        let pts = &input.points;
        let mut arcs_binned = false;
        if pts.len() == 1 {
            let (h, id) = pts[0];
            get(&mut layers, id);
            if let Some(l) = layers.get_mut(&id) {
                l.arcs.push(arc_of(h, h));
            }
        } else if !pts.is_empty() || !input.bins.is_empty() {
            let mut segments = if input.bins.is_empty() {
                point_segments(pts)
            } else {
                Vec::new()
            };
            if !input.bins.is_empty() || segments.len() > MAX_SEGMENTS {
                // More arcs than pixels: one owner per degree, given or computed.
                arcs_binned = true;
                let computed;
                let bins = if input.bins.is_empty() {
                    computed = slice_owners(pts);
                    &computed
                } else {
                    &input.bins
                };
                segments = bin_segments(bins);
            }
            for (from, to, id) in segments {
                get(&mut layers, id);
                if let Some(l) = layers.get_mut(&id) {
                    l.arcs.push(arc_of(from, to));
                }
            }
        }

        let ticks_drawn = input.bins.is_empty() && pts.len() <= MAX_TICKS;
        if ticks_drawn {
            for &(h, id) in pts {
                get(&mut layers, id);
                if let Some(l) = layers.get_mut(&id) {
                    l.ticks.push(angle(h));
                }
            }
        }

        let mut moved: BTreeMap<(u32, u32), Vec<(f64, f64)>> = BTreeMap::new();
        for k in &input.keys {
            let xy = at(k.hash, R_KEYS);
            get(&mut layers, k.after);
            if let Some(l) = layers.get_mut(&k.after) {
                l.keys.push(xy);
            }
            if k.before != k.after
                && (moved.len() < MAX_MOVED_GROUPS || moved.contains_key(&(k.before, k.after)))
            {
                moved.entry((k.before, k.after)).or_default().push(xy);
            }
        }

        let markers = input
            .markers
            .iter()
            .map(|&(id, h)| {
                let (x, y) = at(h, R_MARKER);
                Marker {
                    id,
                    colour: node_colour(id),
                    x,
                    y,
                }
            })
            .collect();

        let preference = input.preference.as_ref().map(|(key, replicas)| {
            let mut walk = Vec::new();
            let mut from = *key;
            for &(_, h) in replicas {
                if h != from {
                    walk.push(arc_of(from, h));
                }
                from = h;
            }
            PreferenceView {
                key: at(*key, R_KEYS),
                walk,
                replicas: replicas
                    .iter()
                    .enumerate()
                    .map(|(i, &(id, h))| {
                        let (x, y) = at(h, R_RING);
                        (x, y, id, i + 1)
                    })
                    .collect(),
            }
        });

        RingView {
            layers: layers.into_values().collect(),
            moved: moved
                .into_iter()
                .map(|((f, t), dots)| MovedLayer {
                    from: node_colour(f),
                    to: node_colour(t),
                    dots,
                })
                .collect(),
            markers,
            preference,
            ticks_drawn,
            arcs_binned,
        }
    }
}

/// Appends a dot for each centre, as zero-length path segments with round caps.
fn push_dots(d: &mut String, dots: &[(f64, f64)]) {
    for &(x, y) in dots {
        cmd(d, 'M', &[x, y]);
        d.push_str("h0");
    }
}

/// Colours of the painted parts, by theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RingColours {
    /// Page background.
    pub bg: &'static str,
    /// Text and lines.
    pub fg: &'static str,
    /// The bare ring under the arcs.
    pub base: &'static str,
}

impl RingColours {
    /// The page's colours in the light or dark theme (the style sheet's
    /// `--bg`, `--fg` and `--ring-base`).
    pub fn of(dark: bool) -> RingColours {
        if dark {
            RingColours {
                bg: "#161a20",
                fg: "#e6e6e6",
                base: "#2b323b",
            }
        } else {
            RingColours {
                bg: "#ffffff",
                fg: "#1f2328",
                base: "#e3e6ea",
            }
        }
    }
}

/// How much of its opacity a node keeps while another node is highlighted.
const DIMMED: f64 = 0.18;

impl RingView {
    /// The interactive and animated parts as SVG markup: moved keys, the
    /// preference list and the node markers. Numbers and fixed colours only, so
    /// nothing needs escaping; a few hundred elements at most.
    pub fn markup(&self) -> String {
        let mut out = String::with_capacity(16 * 1024);
        for m in &self.moved {
            let mut d = String::new();
            push_dots(&mut d, &m.dots);
            let _ = write!(
                out,
                r#"<g class="moved" style="--from:{};--to:{}"><path class="moved-halo" d="{d}"></path><path class="moved-dot" d="{d}"></path></g>"#,
                m.from, m.to
            );
        }
        if let Some(p) = &self.preference {
            let mut walk = String::new();
            for &leg in &p.walk {
                push_arc(&mut walk, leg, R_KEYS - 14.0);
            }
            let _ = write!(
                out,
                r#"<g class="preference"><path class="pref-walk" d="{}"></path><circle class="pref-key" cx="{}" cy="{}" r="5"></circle>"#,
                walk,
                fixed(p.key.0, 1),
                fixed(p.key.1, 1)
            );
            for (x, y, id, rank) in &p.replicas {
                let (x, y) = (fixed(*x, 1), fixed(*y, 1));
                let _ = write!(
                    out,
                    r#"<g class="pref-replica" data-node="{id}"><circle cx="{x}" cy="{y}" r="10"></circle><text x="{x}" y="{y}" dy="0.35em" text-anchor="middle">R{rank}</text></g>"#
                );
            }
            out.push_str("</g>");
        }
        let many = self.markers.len() > 24;
        for m in &self.markers {
            let r: u8 = if many { 5 } else { 11 };
            let _ = write!(
                out,
                r#"<g class="marker" data-node="{id}"><title>Node N{id}</title><circle cx="{x}" cy="{y}" r="{r}" style="fill:{c}"></circle>"#,
                id = m.id,
                x = fixed(m.x, 1),
                y = fixed(m.y, 1),
                c = m.colour
            );
            if !many {
                let _ = write!(
                    out,
                    r#"<text x="{}" y="{}" dy="0.35em" text-anchor="middle" style="fill:{}">{}</text>"#,
                    fixed(m.x, 1),
                    fixed(m.y, 1),
                    text_on(m.colour),
                    m.id
                );
            }
            out.push_str("</g>");
        }
        out
    }

    /// Paints the canvas part, the bare ring, each node's arcs, ticks and key
    /// dots, in a square of `side` pixels at (`x`, `y`). Every node but
    /// `highlight`, when there is one, is faded.
    pub fn paint_base(
        &self,
        pen: &mut dyn Pen,
        (x, y, side): (f64, f64, f64),
        highlight: Option<u32>,
        colours: RingColours,
    ) {
        let k = side / SIDE;
        let (cx, cy) = (x + C * k, y + C * k);
        pen.set_dash(&[]);
        pen.set_alpha(1.0);
        pen.set_stroke(colours.base);
        pen.set_line_width(16.0 * k);
        pen.begin_path();
        pen.arc(cx, cy, R_RING * k, 0.0, TAU);
        pen.stroke();
        for l in &self.layers {
            let alpha = match highlight {
                Some(h) if h != l.id => DIMMED,
                _ => 1.0,
            };
            pen.set_alpha(alpha);
            pen.set_stroke(l.colour);
            pen.set_line_width(14.0 * k);
            pen.begin_path();
            for &(start, sweep) in &l.arcs {
                pen.arc(cx, cy, R_RING * k, start, sweep);
            }
            pen.stroke();
            if !l.ticks.is_empty() {
                pen.set_alpha(alpha * 0.55);
                pen.set_stroke(colours.fg);
                pen.set_line_width(1.2 * k);
                pen.begin_path();
                for &a in &l.ticks {
                    let (c, s) = (math::cos(a), math::sin(a));
                    pen.move_to(cx + (R_RING - 11.0) * k * c, cy + (R_RING - 11.0) * k * s);
                    pen.line_to(cx + (R_RING + 11.0) * k * c, cy + (R_RING + 11.0) * k * s);
                }
                pen.stroke();
                pen.set_alpha(alpha);
            }
            if !l.keys.is_empty() {
                pen.set_fill(l.colour);
                fill_dots(pen, &l.keys, (x, y, k), DOT);
            }
        }
        pen.set_alpha(1.0);
    }

    /// Paints what the page shows as SVG on top of the canvas (moved keys in
    /// their new colour, the preference list, the markers), for export.
    pub fn paint_overlay(
        &self,
        pen: &mut dyn Pen,
        (x, y, side): (f64, f64, f64),
        colours: RingColours,
    ) {
        let k = side / SIDE;
        let at = |px: f64, py: f64| (x + px * k, y + py * k);
        pen.set_alpha(1.0);
        pen.set_dash(&[]);
        for m in &self.moved {
            // The halo as the page leaves it after its pulse, then the dot.
            pen.set_alpha(0.35);
            pen.set_fill(colours.fg);
            fill_dots(pen, &m.dots, (x, y, k), 3.5);
            pen.set_alpha(1.0);
            pen.set_fill(m.to);
            fill_dots(pen, &m.dots, (x, y, k), DOT);
        }
        if let Some(p) = &self.preference {
            let (cx, cy) = at(C, C);
            pen.set_stroke(colours.fg);
            pen.set_line_width(2.0 * k);
            pen.set_dash(&[4.0 * k, 3.0 * k]);
            pen.begin_path();
            for &(start, sweep) in &p.walk {
                pen.arc(cx, cy, (R_KEYS - 14.0) * k, start, sweep);
            }
            pen.stroke();
            pen.set_dash(&[]);
            pen.set_fill(colours.fg);
            pen.begin_path();
            let (kx, ky) = at(p.key.0, p.key.1);
            pen.circle(kx, ky, 5.0 * k);
            pen.fill();
            pen.set_font(8.5 * k, 700);
            pen.set_align(Align::Center);
            for &(rx, ry, _, rank) in &p.replicas {
                let (px, py) = at(rx, ry);
                pen.set_fill(colours.bg);
                pen.begin_path();
                pen.circle(px, py, 10.0 * k);
                pen.fill();
                pen.stroke();
                pen.set_fill(colours.fg);
                pen.fill_text(&format!("R{rank}"), px, py - 4.5 * k);
            }
        }
        let many = self.markers.len() > 24;
        let r = if many { 5.0 } else { 11.0 };
        pen.set_font(11.0 * k, 700);
        pen.set_align(Align::Center);
        pen.set_stroke(colours.bg);
        pen.set_line_width(2.0 * k);
        for m in &self.markers {
            let (px, py) = at(m.x, m.y);
            pen.set_fill(m.colour);
            pen.begin_path();
            pen.circle(px, py, r * k);
            pen.fill();
            pen.stroke();
            if !many {
                pen.set_fill(text_on(m.colour));
                pen.fill_text(&m.id.to_string(), px, py - 6.0 * k);
            }
        }
    }
}

/// Radius of a key dot, in view-box units.
const DOT: f64 = 2.25;

/// Fills one dot of radius `r` (view-box units) at each centre, as one path;
/// `(x, y, k)` places the view box: its origin and pixels per unit.
fn fill_dots(pen: &mut dyn Pen, dots: &[(f64, f64)], (x, y, k): (f64, f64, f64), r: f64) {
    pen.begin_path();
    for &(dx, dy) in dots {
        pen.circle(x + dx * k, y + dy * k, r * k);
    }
    pen.fill();
}

/// The largest centred square in a `w` × `h` surface: `(x, y, side)`.
fn square(w: f64, h: f64) -> (f64, f64, f64) {
    let side = w.min(h);
    ((w - side) / 2.0, (h - side) / 2.0, side)
}

/// What the canvas shows.
#[derive(Clone, Debug, PartialEq)]
pub struct RingPaint {
    /// The drawing.
    pub view: Arc<RingView>,
    /// The node not faded, if any.
    pub highlight: Option<u32>,
    /// Dark theme.
    pub dark: bool,
}

/// Paints the canvas part of the ring, sized to the canvas's CSS box.
fn draw_ring(canvas: web_sys::HtmlCanvasElement, d: &RingPaint) -> Result<(), String> {
    let mut pen = CanvasPen::new(&canvas)?;
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    pen.clear(w, h);
    d.view
        .paint_base(&mut pen, square(w, h), d.highlight, RingColours::of(d.dark));
    Ok(())
}

/// The node id of the marker an event happened on, if any.
fn marker_of(ev: &web_sys::Event) -> Option<u32> {
    use wasm_bindgen::JsCast;
    let el: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let g = el.closest("g.marker").ok().flatten()?;
    g.get_attribute("data-node")?.parse().ok()
}

/// The ring drawing. Hovering or clicking a marker reports the node; `highlight`
/// fades every other node. The markers' markup is set as one string and events
/// are delegated to the `<svg>`.
#[component]
pub fn RingFigure(
    /// What to draw.
    #[prop(into)]
    view: Signal<Arc<RingView>>,
    /// The node to emphasise, if any.
    #[prop(into)]
    highlight: Signal<Option<u32>>,
    /// Dark theme.
    #[prop(into)]
    dark: Signal<bool>,
    /// Called with a node id when its marker is clicked.
    on_select: Callback<u32>,
    /// Called with the hovered node (or `None` when the pointer leaves).
    on_hover: Callback<Option<u32>>,
    /// Changes whenever the moved keys should animate again.
    #[prop(into)]
    animation_key: Signal<String>,
    /// Accessible summary of the drawing.
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    crate::export::register_figure(
        "ring-svg",
        "The ring",
        crate::export::Source::Painted {
            paint: Arc::new(move |pen, w, h, _ratio| {
                let colours = RingColours::of(dark.get_untracked());
                pen.set_fill(colours.bg);
                pen.fill_rect(0.0, 0.0, w, h);
                let v = view.get_untracked();
                v.paint_base(pen, square(w, h), None, colours);
                v.paint_overlay(pen, square(w, h), colours);
            }),
            height: None,
        },
    );
    let canvas = NodeRef::<Canvas>::new();
    let paint = Memo::new(move |_| RingPaint {
        view: view.get(),
        highlight: highlight.get(),
        dark: dark.get(),
    });
    redraw_on_change(canvas, paint.into(), draw_ring);
    // Reading the animation key makes the markup be set again (even when equal),
    // which restarts the moved keys' CSS animation.
    let markup = Memo::new(move |_| {
        let _ = animation_key.get();
        view.with(|v| v.markup())
    });
    // The marker's ring is one generated style rule, not a binding per node.
    let marker_rule = move || {
        highlight.get().map_or_else(String::new, |id| {
            format!(
                "svg.ring .marker[data-node=\"{id}\"] circle{{stroke:var(--fg);stroke-width:3}}"
            )
        })
    };
    view! {
        <style>{marker_rule}</style>
        <div class="ring-figure">
            <canvas class="ring-canvas" node_ref=canvas aria-hidden="true"></canvas>
            <svg
                class="ring"
                id="ring-svg"
                viewBox="0 0 400 400"
                role="img"
                aria-label=label
                inner_html=markup
                on:click=move |ev| {
                    if let Some(id) = marker_of(&ev) {
                        on_select.run(id);
                    }
                }
                on:mouseover=move |ev| on_hover.run(marker_of(&ev))
                on:mouseleave=move |_| on_hover.run(None)
            ></svg>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_with_one_decimal() {
        let mut s = String::new();
        cmd(&mut s, 'M', &[12.34, -0.06, 7.0, -3.25]);
        assert_eq!(s, "M12.3 -0.1 7 -3.3");
    }

    #[test]
    fn one_node_owns_a_full_circle() {
        let v = RingView::build(&RingInput {
            points: vec![(7, 0)],
            markers: vec![(0, 7)],
            ..RingInput::default()
        });
        assert_eq!(v.layers.len(), 1);
        assert_eq!(v.layers[0].arcs.len(), 1);
        assert!((v.layers[0].arcs[0].1 - TAU).abs() < 1e-12, "a full turn");
        assert!(v.ticks_drawn);
    }

    #[test]
    fn runs_of_one_owner_merge_into_one_arc() {
        let q = u64::MAX / 4;
        let v = RingView::build(&RingInput {
            points: vec![(q, 0), (2 * q, 0), (3 * q, 1)],
            ..RingInput::default()
        });
        let arcs: Vec<usize> = v.layers.iter().map(|l| l.arcs.len()).collect();
        assert_eq!(arcs, vec![1, 1]);
    }

    #[test]
    fn dense_rings_are_binned_and_ticks_hidden() {
        let n = 5_000u64;
        let points: Vec<(u64, u32)> = (0..n)
            .map(|i| (i * (u64::MAX / n), (i % 7) as u32))
            .collect();
        let v = RingView::build(&RingInput {
            points,
            ..RingInput::default()
        });
        assert!(v.arcs_binned);
        assert!(!v.ticks_drawn);
        let arcs: usize = v.layers.iter().map(|l| l.arcs.len()).sum();
        assert!(arcs <= MAX_SEGMENTS);
    }

    #[test]
    fn a_sliced_ring_draws_the_same_arcs_as_its_points() {
        let n = 5_000u64;
        let points: Vec<(u64, u32)> = (0..n)
            .map(|i| (i * (u64::MAX / n), ((i / 3) % 7) as u32))
            .collect();
        let bins = slice_owners(&points);
        let from_points = RingView::build(&RingInput {
            points,
            ..RingInput::default()
        });
        let from_bins = RingView::build(&RingInput {
            bins,
            ..RingInput::default()
        });
        assert!(from_bins.arcs_binned && !from_bins.ticks_drawn);
        let arcs = |v: &RingView| {
            v.layers
                .iter()
                .map(|l| (l.id, l.arcs.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(arcs(&from_points), arcs(&from_bins));
    }

    #[test]
    fn moved_keys_are_grouped_by_pair() {
        let keys = vec![
            KeyDot {
                hash: 1,
                before: 0,
                after: 1,
            },
            KeyDot {
                hash: 2,
                before: 0,
                after: 1,
            },
            KeyDot {
                hash: 3,
                before: 1,
                after: 1,
            },
            KeyDot {
                hash: 4,
                before: 2,
                after: 1,
            },
        ];
        let v = RingView::build(&RingInput {
            points: vec![(10, 1)],
            keys,
            ..RingInput::default()
        });
        assert_eq!(v.moved.len(), 2);
        assert_eq!(v.moved[0].dots.len(), 2);
    }

    #[test]
    fn angle_starts_at_the_top_and_goes_clockwise() {
        assert!((angle(0) + PI / 2.0).abs() < 1e-12);
        let (x, y) = at(u64::MAX / 4, 100.0);
        assert!((x - 300.0).abs() < 1e-6 && (y - 200.0).abs() < 1e-6);
    }

    /// A pen that records what is asked of it.
    #[derive(Default)]
    struct Log(Vec<String>);

    impl Pen for Log {
        fn set_fill(&mut self, c: &str) {
            self.0.push(format!("fill-colour {c}"));
        }
        fn set_stroke(&mut self, c: &str) {
            self.0.push(format!("stroke-colour {c}"));
        }
        fn set_line_width(&mut self, _: f64) {}
        fn set_dash(&mut self, _: &[f64]) {}
        fn set_alpha(&mut self, a: f64) {
            self.0.push(format!("alpha {a:.2}"));
        }
        fn set_font(&mut self, _: f64, _: u16) {}
        fn set_align(&mut self, _: Align) {}
        fn begin_path(&mut self) {}
        fn move_to(&mut self, _: f64, _: f64) {}
        fn line_to(&mut self, _: f64, _: f64) {
            self.0.push("line".into());
        }
        fn circle(&mut self, _: f64, _: f64, _: f64) {
            self.0.push("circle".into());
        }
        fn arc(&mut self, _: f64, _: f64, _: f64, _: f64, sweep: f64) {
            self.0.push(format!("arc {sweep:.3}"));
        }
        fn fill(&mut self) {}
        fn stroke(&mut self) {}
        fn fill_rect(&mut self, _: f64, _: f64, _: f64, _: f64) {}
        fn stroke_rect(&mut self, _: f64, _: f64, _: f64, _: f64) {}
        fn fill_text(&mut self, t: &str, _: f64, _: f64) {
            self.0.push(format!("text {t}"));
        }
    }

    fn two_nodes() -> RingView {
        let q = u64::MAX / 4;
        RingView::build(&RingInput {
            points: vec![(q, 0), (3 * q, 1)],
            keys: vec![
                KeyDot {
                    hash: 1,
                    before: 1,
                    after: 0,
                },
                KeyDot {
                    hash: 2 * q,
                    before: 1,
                    after: 1,
                },
            ],
            markers: vec![(0, q), (1, 3 * q)],
            preference: Some((1, vec![(0, q), (1, 3 * q)])),
            ..RingInput::default()
        })
    }

    #[test]
    fn the_canvas_gets_every_arc_tick_and_key_and_fades_the_others() {
        let v = two_nodes();
        let mut log = Log::default();
        v.paint_base(&mut log, (0.0, 0.0, 400.0), Some(1), RingColours::of(false));
        let arcs = log.0.iter().filter(|l| l.starts_with("arc")).count();
        // The bare ring, then one arc per node (each owns half the circle).
        assert_eq!(arcs, 3);
        assert!(log.0.contains(&"arc 3.142".to_owned()));
        assert_eq!(
            log.0.iter().filter(|l| *l == "line").count(),
            2,
            "one tick per point"
        );
        assert_eq!(
            log.0.iter().filter(|l| *l == "circle").count(),
            2,
            "one dot per key"
        );
        // Node 0 is drawn faded, node 1 in full.
        let n0 = log
            .0
            .iter()
            .position(|l| l == &format!("stroke-colour {}", node_colour(0)))
            .unwrap_or(0);
        assert_eq!(log.0[n0 - 1], "alpha 0.18");
        let n1 = log
            .0
            .iter()
            .position(|l| l == &format!("stroke-colour {}", node_colour(1)))
            .unwrap_or(0);
        assert_eq!(log.0[n1 - 1], "alpha 1.00");
    }

    #[test]
    fn the_overlay_paints_what_the_svg_shows() {
        let v = two_nodes();
        let markup = v.markup();
        assert_eq!(markup.matches("class=\"marker\"").count(), 2);
        assert_eq!(markup.matches("class=\"moved\"").count(), 1);
        assert!(markup.contains(">R2</text>"));
        let mut log = Log::default();
        v.paint_overlay(&mut log, (0.0, 0.0, 400.0), RingColours::of(true));
        let texts: Vec<&String> = log.0.iter().filter(|l| l.starts_with("text")).collect();
        assert_eq!(texts, ["text R1", "text R2", "text 0", "text 1"]);
        // Halo and dot of the one moved key, the preference key, two replicas, two markers.
        assert_eq!(
            log.0.iter().filter(|l| *l == "circle").count(),
            2 + 1 + 2 + 2
        );
    }

    #[test]
    fn export_of_the_ring_is_a_vector_picture() {
        let v = two_nodes();
        let mut pen = crate::draw::pen::SvgPen::new(400.0, 400.0);
        v.paint_base(&mut pen, (0.0, 0.0, 400.0), None, RingColours::of(false));
        v.paint_overlay(&mut pen, (0.0, 0.0, 400.0), RingColours::of(false));
        let svg = pen.finish();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(node_colour(0)) && svg.contains(node_colour(1)));
        assert!(svg.contains(">R1</text>"));
        // A full circle is two half arcs; the half circles one arc each.
        assert!(svg.matches('A').count() >= 4);
    }

    #[test]
    fn arcs_sweep_clockwise_from_their_start() {
        let q = u64::MAX / 4;
        let (start, sweep) = arc_of(q, 2 * q);
        assert!(
            (start - 0.0).abs() < 1e-9,
            "a quarter turn from the top is the right"
        );
        assert!((sweep - PI / 2.0).abs() < 1e-9);
        let (_, wrap) = arc_of(3 * q, q);
        assert!((wrap - PI).abs() < 1e-9, "wraps past the top");
        assert!((arc_of(5, 5).1 - TAU).abs() < 1e-12);
    }
}
