//! Painting the laid-out ring through a [`Pen`]: the many static shapes
//! (arcs, ticks, key dots) on the canvas, and for export the shapes the page
//! draws as SVG on top ([`super::markup`]), so the saved SVG is vector too.

use super::layout::{RingView, C, MANY_MARKERS, R_KEYS, R_RING, SIDE};
use crate::draw::math;
use crate::draw::palette::text_on;
use crate::draw::pen::{Align, Pen};
use std::f64::consts::TAU;

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

/// The name a marker shows.
pub fn node_name(id: u32) -> String {
    format!("N{id}")
}

impl RingView {
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
