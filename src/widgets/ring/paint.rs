//! Drawing the laid-out ring. The many static shapes (arcs, ticks, key dots)
//! are painted on a canvas through a [`Pen`]; the few interactive or animated
//! ones (markers, moved keys and their journey, the preference list) are a
//! small SVG string on top. Export paints both through a pen, so the saved SVG
//! is vector too.

use super::layout::{Marker, RingView, C, MANY_MARKERS, R_KEYS, R_RING, SIDE};
use crate::decimal::fixed;
use crate::draw::math;
use crate::draw::palette::text_on;
use crate::draw::pen::{Align, Pen};
use std::f64::consts::{PI, TAU};
use std::fmt::Write as _;

/// Radius of a key dot, in view-box units.
const DOT: f64 = 2.25;
/// How much of its opacity a node keeps while others are emphasised.
const DIMMED: f64 = 0.18;
/// How much of its opacity a key dot keeps while the moved keys are emphasised.
const KEYS_DIMMED: f64 = 0.25;
/// How long one moved key takes from its old owner to its new one, ms.
pub const TRAVEL_MS: u32 = 420;
/// The last moved key sets off this long after the first, ms.
pub const STAGGER_MS: u32 = 160;
// The whole journey stays under 600 ms.
const _: () = assert!(TRAVEL_MS + STAGGER_MS < 600);

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

/// What the canvas emphasises: some nodes (the others faded) and whether the
/// key dots fade so that the moved keys on top stand out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Emphasis {
    /// Nodes drawn in full; empty: every node in full.
    pub nodes: Vec<u32>,
    /// Fade every key dot (the moved keys drawn on top stay in full).
    pub fade_keys: bool,
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

/// Appends a dot for each centre, as zero-length path segments with round caps.
fn push_dots(d: &mut String, dots: &[(f64, f64)]) {
    for &(x, y) in dots {
        cmd(d, 'M', &[x, y]);
        d.push_str("h0");
    }
}

/// The name a marker shows.
pub fn node_name(id: u32) -> String {
    format!("N{id}")
}

impl RingView {
    /// The interactive and animated parts as SVG markup: moved keys (each
    /// ringed in its old owner's colour, filled with its new owner's), their
    /// journey from the old owner's marker past their spot to the new owner's
    /// (animated; a still trail under reduced motion), the preference list,
    /// the removed nodes' ghosts and the node markers. Numbers and fixed
    /// colours only, so nothing needs escaping; a few hundred elements at most.
    pub fn markup(&self) -> String {
        let mut out = String::with_capacity(16 * 1024);
        let total: usize = self.moved.iter().map(|m| m.dots.len()).sum();
        let mut i = 0usize;
        let mut packets = String::new();
        for m in &self.moved {
            let mut d = String::new();
            push_dots(&mut d, &m.dots);
            let mut trail = String::new();
            for &(x, y) in &m.dots {
                cmd(&mut trail, 'M', &[m.from_at.0, m.from_at.1]);
                cmd(&mut trail, 'L', &[x, y]);
                cmd(&mut trail, 'L', &[m.to_at.0, m.to_at.1]);
                let delay = (i as u64 * u64::from(STAGGER_MS)) / (total.max(2) as u64 - 1);
                i += 1;
                let _ = write!(
                    packets,
                    r#"<circle class="packet" r="3.4" style="--x0:{}px;--y0:{}px;--kx:{}px;--ky:{}px;--x1:{}px;--y1:{}px;--d:{delay}ms"></circle>"#,
                    fixed(m.from_at.0, 1),
                    fixed(m.from_at.1, 1),
                    fixed(x, 1),
                    fixed(y, 1),
                    fixed(m.to_at.0, 1),
                    fixed(m.to_at.1, 1),
                );
            }
            let _ = write!(
                out,
                r#"<g class="moved" data-from="{}" data-to="{}" style="--from:{};--to:{}"><path class="trail" d="{trail}"></path><path class="moved-halo" d="{d}"></path><path class="moved-dot" d="{d}"></path><g class="packets">{packets}</g></g>"#,
                m.from_id, m.to_id, m.from, m.to
            );
            packets.clear();
        }
        if let Some(p) = &self.preference {
            let mut walk = String::new();
            for &leg in &p.walk {
                push_arc(&mut walk, leg, R_KEYS - 14.0);
            }
            let _ = write!(
                out,
                r#"<g class="preference"><path class="pref-walk" d="{}"></path><circle class="pref-key" cx="{}" cy="{}" r="5"></circle><text class="pref-label" x="{}" y="{}" dy="0.35em" text-anchor="middle">key-{}</text>"#,
                walk,
                fixed(p.key.0, 1),
                fixed(p.key.1, 1),
                fixed(p.label.0, 1),
                fixed(p.label.1, 1),
                p.index
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
        let many = self.markers.len() > MANY_MARKERS;
        for m in &self.gone {
            let _ = write!(
                out,
                r#"<g class="ghost" data-node="{id}"><title>{name}, removed</title><circle cx="{x}" cy="{y}" r="11" style="stroke:{c}"></circle><text x="{x}" y="{y}" dy="0.35em" text-anchor="middle">{name}</text></g>"#,
                id = m.id,
                name = node_name(m.id),
                x = fixed(m.x, 1),
                y = fixed(m.y, 1),
                c = m.colour
            );
        }
        for m in &self.markers {
            marker_markup(&mut out, m, many);
        }
        out
    }

    /// Paints the canvas part, the bare ring, each node's arcs, ticks and key
    /// dots, in a square of `side` pixels at (`x`, `y`), with `emphasis`.
    pub fn paint_base(
        &self,
        pen: &mut dyn Pen,
        (x, y, side): (f64, f64, f64),
        emphasis: &Emphasis,
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
            let alpha = if emphasis.nodes.is_empty() || emphasis.nodes.contains(&l.id) {
                1.0
            } else {
                DIMMED
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
            }
            if !l.keys.is_empty() {
                let faded = if emphasis.fade_keys { KEYS_DIMMED } else { 1.0 };
                pen.set_alpha(alpha * faded);
                pen.set_fill(l.colour);
                fill_dots(pen, &l.keys, (x, y, k), DOT);
            }
        }
        pen.set_alpha(1.0);
    }

    /// Paints what the page shows as SVG on top of the canvas (moved keys,
    /// the preference list, the removed nodes' ghosts, the markers), for export.
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
            pen.set_fill(m.from);
            fill_dots(pen, &m.dots, (x, y, k), 3.6);
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
            pen.set_font(9.0 * k, 700);
            pen.set_align(Align::Center);
            let (lx, ly) = at(p.label.0, p.label.1);
            pen.fill_text(&format!("key-{}", p.index), lx, ly - 4.5 * k);
            pen.set_font(8.5 * k, 700);
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
        let many = self.markers.len() > MANY_MARKERS;
        let r = if many { 5.0 } else { 11.0 };
        pen.set_font(9.5 * k, 700);
        pen.set_align(Align::Center);
        pen.set_line_width(2.0 * k);
        for m in &self.gone {
            let (px, py) = at(m.x, m.y);
            pen.set_dash(&[3.0 * k, 2.0 * k]);
            pen.set_stroke(m.colour);
            pen.begin_path();
            pen.circle(px, py, 11.0 * k);
            pen.stroke();
            pen.set_dash(&[]);
            pen.set_fill(colours.fg);
            pen.fill_text(&node_name(m.id), px, py - 5.0 * k);
        }
        pen.set_stroke(colours.bg);
        for m in &self.markers {
            let (px, py) = at(m.x, m.y);
            pen.set_fill(m.colour);
            pen.begin_path();
            pen.circle(px, py, r * k);
            pen.fill();
            pen.stroke();
            if !many {
                pen.set_fill(text_on(m.colour));
                pen.fill_text(&node_name(m.id), px, py - 5.0 * k);
            }
        }
    }
}

/// One node's marker: a dot in its colour with its name.
fn marker_markup(out: &mut String, m: &Marker, many: bool) {
    let r: u8 = if many { 5 } else { 11 };
    let name = node_name(m.id);
    let _ = write!(
        out,
        r#"<g class="marker" data-node="{id}"><title>Node {name}</title><circle cx="{x}" cy="{y}" r="{r}" style="fill:{c}"></circle>"#,
        id = m.id,
        x = fixed(m.x, 1),
        y = fixed(m.y, 1),
        c = m.colour
    );
    if !many {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" dy="0.35em" text-anchor="middle" style="fill:{}">{name}</text>"#,
            fixed(m.x, 1),
            fixed(m.y, 1),
            text_on(m.colour),
        );
    }
    out.push_str("</g>");
}

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
pub fn square(w: f64, h: f64) -> (f64, f64, f64) {
    let side = w.min(h);
    ((w - side) / 2.0, (h - side) / 2.0, side)
}

#[cfg(test)]
mod tests {
    use super::super::layout::{KeyDot, RingInput};
    use super::*;
    use crate::draw::palette::node_colour;

    #[test]
    fn numbers_are_written_with_one_decimal() {
        let mut s = String::new();
        cmd(&mut s, 'M', &[12.34, -0.06, 7.0, -3.25]);
        assert_eq!(s, "M12.3 -0.1 7 -3.3");
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
            gone: vec![],
            preference: Some((7, 1, vec![(0, q), (1, 3 * q)])),
            ..RingInput::default()
        })
    }

    #[test]
    fn the_canvas_gets_every_arc_tick_and_key_and_fades_the_others() {
        let v = two_nodes();
        let mut log = Log::default();
        let emphasis = Emphasis {
            nodes: vec![1],
            fade_keys: false,
        };
        v.paint_base(
            &mut log,
            (0.0, 0.0, 400.0),
            &emphasis,
            RingColours::of(false),
        );
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
    fn fading_the_keys_leaves_the_arcs_in_full() {
        let v = two_nodes();
        let mut log = Log::default();
        let emphasis = Emphasis {
            nodes: vec![],
            fade_keys: true,
        };
        v.paint_base(
            &mut log,
            (0.0, 0.0, 400.0),
            &emphasis,
            RingColours::of(false),
        );
        assert!(log.0.contains(&"alpha 0.25".to_owned()), "keys faded");
        assert!(!log.0.contains(&"alpha 0.18".to_owned()), "no node faded");
    }

    #[test]
    fn the_overlay_paints_what_the_svg_shows() {
        let v = two_nodes();
        let markup = v.markup();
        assert_eq!(markup.matches("class=\"marker\"").count(), 2);
        assert_eq!(markup.matches("class=\"moved\"").count(), 1);
        assert_eq!(markup.matches("class=\"packet\"").count(), 1);
        assert!(markup.contains(">R2</text>"));
        assert!(markup.contains(">key-7</text>"));
        assert!(markup.contains(">N0</text>") && markup.contains(">N1</text>"));
        let mut log = Log::default();
        v.paint_overlay(&mut log, (0.0, 0.0, 400.0), RingColours::of(true));
        let texts: Vec<&String> = log.0.iter().filter(|l| l.starts_with("text")).collect();
        assert_eq!(
            texts,
            ["text key-7", "text R1", "text R2", "text N0", "text N1"]
        );
        // Ring and dot of the one moved key, the preference key, two replicas, two markers.
        assert_eq!(
            log.0.iter().filter(|l| *l == "circle").count(),
            2 + 1 + 2 + 2
        );
    }

    #[test]
    fn moved_keys_set_off_in_turn_and_all_arrive_within_600_ms() {
        let keys: Vec<KeyDot> = (0..50u64)
            .map(|i| KeyDot {
                hash: i * (u64::MAX / 50),
                before: 0,
                after: 1,
            })
            .collect();
        let v = RingView::build(&RingInput {
            points: vec![(1, 0), (u64::MAX / 2, 1)],
            keys,
            markers: vec![(1, u64::MAX / 2)],
            gone: vec![(0, 1)],
            ..RingInput::default()
        });
        let markup = v.markup();
        assert_eq!(markup.matches("class=\"packet\"").count(), 50);
        assert!(markup.contains("--d:0ms") && markup.contains(&format!("--d:{STAGGER_MS}ms")));
        assert!(markup.contains("class=\"ghost\""));
    }

    #[test]
    fn export_of_the_ring_is_a_vector_picture() {
        let v = two_nodes();
        let mut pen = crate::draw::pen::SvgPen::new(400.0, 400.0);
        v.paint_base(
            &mut pen,
            (0.0, 0.0, 400.0),
            &Emphasis::default(),
            RingColours::of(false),
        );
        v.paint_overlay(&mut pen, (0.0, 0.0, 400.0), RingColours::of(false));
        let svg = pen.finish();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(node_colour(0)) && svg.contains(node_colour(1)));
        assert!(svg.contains(">R1</text>"));
        // A full circle is two half arcs; the half circles one arc each.
        assert!(svg.matches('A').count() >= 4);
    }
}
