//! The hash ring as SVG: node arcs, virtual-node ticks, key dots, moved keys and a
//! preference list, built from plain data by [`RingView::build`].
//!
//! Each node's arcs, ticks and keys are one `<path>` each, so a ring of 100,000
//! virtual nodes and thousands of keys is still a few hundred DOM elements.

use crate::ui::palette::{node_colour, text_on};
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::f64::consts::PI;
use std::fmt::Write as _;

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
    /// Path data of the arcs it owns.
    pub arcs: String,
    /// Path data of its virtual-node ticks (empty when ticks are hidden).
    pub ticks: String,
    /// Path data of its key dots.
    pub keys: String,
}

/// Keys that moved from one node to another.
#[derive(Clone, Debug, PartialEq)]
pub struct MovedLayer {
    /// Old owner's colour.
    pub from: &'static str,
    /// New owner's colour.
    pub to: &'static str,
    /// Path data of the dots.
    pub dots: String,
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
    /// The clockwise walk from the key past each replica, as path data.
    pub walk: String,
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
    (C + r * a.cos(), C + r * a.sin())
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

/// Appends an arc from position `from` clockwise to `to` (exclusive of full turns).
fn push_arc(d: &mut String, from: u64, to: u64, r: f64) {
    let span = to.wrapping_sub(from);
    if span == 0 {
        return;
    }
    let (x0, y0) = at(from, r);
    let (x1, y1) = at(to, r);
    let large = u8::from(span > u64::MAX / 2);
    cmd(d, 'M', &[x0, y0]);
    let _ = write!(d, "A{r} {r} 0 {large} 1");
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
                arcs: String::new(),
                ticks: String::new(),
                keys: String::new(),
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
                push_arc(&mut l.arcs, h, h.wrapping_add(u64::MAX / 2), R_RING);
                push_arc(&mut l.arcs, h.wrapping_add(u64::MAX / 2), h, R_RING);
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
                    if from == to {
                        push_arc(&mut l.arcs, from, from.wrapping_add(u64::MAX / 2), R_RING);
                        push_arc(&mut l.arcs, from.wrapping_add(u64::MAX / 2), from, R_RING);
                    } else {
                        push_arc(&mut l.arcs, from, to, R_RING);
                    }
                }
            }
        }

        let ticks_drawn = input.bins.is_empty() && pts.len() <= MAX_TICKS;
        if ticks_drawn {
            for &(h, id) in pts {
                get(&mut layers, id);
                let (x0, y0) = at(h, R_RING - 11.0);
                let (x1, y1) = at(h, R_RING + 11.0);
                if let Some(l) = layers.get_mut(&id) {
                    cmd(&mut l.ticks, 'M', &[x0, y0]);
                    cmd(&mut l.ticks, 'L', &[x1, y1]);
                }
            }
        }

        let mut moved: BTreeMap<(u32, u32), String> = BTreeMap::new();
        for k in &input.keys {
            let (x, y) = at(k.hash, R_KEYS);
            get(&mut layers, k.after);
            if let Some(l) = layers.get_mut(&k.after) {
                cmd(&mut l.keys, 'M', &[x, y]);
                l.keys.push_str("h0");
            }
            if k.before != k.after
                && (moved.len() < MAX_MOVED_GROUPS || moved.contains_key(&(k.before, k.after)))
            {
                let entry = moved.entry((k.before, k.after)).or_default();
                cmd(entry, 'M', &[x, y]);
                entry.push_str("h0");
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
            let mut walk = String::new();
            let mut from = *key;
            for &(_, h) in replicas {
                push_arc(&mut walk, from, h, R_KEYS - 14.0);
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

impl RingView {
    /// The whole drawing as SVG markup. Numbers and fixed colours only, so nothing
    /// needs escaping. Setting one string is far cheaper than updating hundreds of
    /// elements one attribute at a time when the ring changes.
    pub fn markup(&self) -> String {
        let mut out = String::with_capacity(64 * 1024);
        out.push_str(&format!(
            r#"<circle class="ring-base" cx="{C}" cy="{C}" r="{R_RING}"></circle>"#
        ));
        for l in &self.layers {
            let _ = write!(
                out,
                r#"<g class="node-layer" data-node="{}" style="--c:{}"><path class="arc" d="{}"></path><path class="ticks" d="{}"></path><path class="keys" d="{}"></path></g>"#,
                l.id, l.colour, l.arcs, l.ticks, l.keys
            );
        }
        for m in &self.moved {
            let _ = write!(
                out,
                r#"<g class="moved" style="--from:{};--to:{}"><path class="moved-halo" d="{}"></path><path class="moved-dot" d="{}"></path></g>"#,
                m.from, m.to, m.dots, m.dots
            );
        }
        if let Some(p) = &self.preference {
            let _ = write!(
                out,
                r#"<g class="preference"><path class="pref-walk" d="{}"></path><circle class="pref-key" cx="{:.1}" cy="{:.1}" r="5"></circle>"#,
                p.walk, p.key.0, p.key.1
            );
            for (x, y, id, rank) in &p.replicas {
                let _ = write!(
                    out,
                    r#"<g class="pref-replica" data-node="{id}"><circle cx="{x:.1}" cy="{y:.1}" r="10"></circle><text x="{x:.1}" y="{y:.1}" dy="0.35em" text-anchor="middle">R{rank}</text></g>"#
                );
            }
            out.push_str("</g>");
        }
        let many = self.markers.len() > 24;
        for m in &self.markers {
            let r = if many { 5.0 } else { 11.0 };
            let _ = write!(
                out,
                r#"<g class="marker" data-node="{id}"><title>Node N{id}</title><circle cx="{x:.1}" cy="{y:.1}" r="{r}" style="fill:{c}"></circle>"#,
                id = m.id,
                x = m.x,
                y = m.y,
                c = m.colour
            );
            if !many {
                let _ = write!(
                    out,
                    r#"<text x="{:.1}" y="{:.1}" dy="0.35em" text-anchor="middle" style="fill:{}">{}</text>"#,
                    m.x,
                    m.y,
                    text_on(m.colour),
                    m.id
                );
            }
            out.push_str("</g>");
        }
        out
    }
}

/// The node id of the marker an event happened on, if any.
fn marker_of(ev: &web_sys::Event) -> Option<u32> {
    use wasm_bindgen::JsCast;
    let el: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let g = el.closest("g.marker").ok().flatten()?;
    g.get_attribute("data-node")?.parse().ok()
}

/// The ring drawing. Hovering or clicking a marker reports the node; `highlight`
/// dims every other node. The markup is set as one string and events are
/// delegated to the `<svg>`.
#[component]
pub fn RingSvg(
    /// What to draw.
    #[prop(into)]
    view: Signal<RingView>,
    /// The node to emphasise, if any.
    #[prop(into)]
    highlight: Signal<Option<u32>>,
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
    // Reading the animation key makes the markup be set again (even when equal),
    // which restarts the moved keys' CSS animation.
    crate::embed::export::register_figure(
        "ring-svg",
        "The ring",
        crate::embed::export::Source::Svg,
    );
    let markup = Memo::new(move |_| {
        let _ = animation_key.get();
        view.with(RingView::markup)
    });
    // Dimming is one generated style rule, not a binding per node.
    let dim_rule = move || {
        highlight.get().map_or_else(String::new, |id| {
            format!(
                "svg.ring .node-layer:not([data-node=\"{id}\"]){{opacity:.18}}svg.ring .marker[data-node=\"{id}\"] circle{{stroke:var(--fg);stroke-width:3}}"
            )
        })
    };
    view! {
        <style>{dim_rule}</style>
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
        assert_eq!(v.layers[0].arcs.matches('A').count(), 2);
        assert!(v.ticks_drawn);
    }

    #[test]
    fn runs_of_one_owner_merge_into_one_arc() {
        let q = u64::MAX / 4;
        let v = RingView::build(&RingInput {
            points: vec![(q, 0), (2 * q, 0), (3 * q, 1)],
            ..RingInput::default()
        });
        let arcs: Vec<usize> = v
            .layers
            .iter()
            .map(|l| l.arcs.matches('A').count())
            .collect();
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
        let arcs: usize = v.layers.iter().map(|l| l.arcs.matches('A').count()).sum();
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
        assert_eq!(v.moved[0].dots.matches('M').count(), 2);
    }

    #[test]
    fn angle_starts_at_the_top_and_goes_clockwise() {
        assert!((angle(0) + PI / 2.0).abs() < 1e-12);
        let (x, y) = at(u64::MAX / 4, 100.0);
        assert!((x - 300.0).abs() < 1e-6 && (y - 200.0).abs() < 1e-6);
    }
}
