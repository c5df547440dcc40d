//! Where the timeline puts things for a box of a given size, and its lanes,
//! messages and labels written as SVG text (each layer set whole).

use super::timeline_svg::{MessageKind, TimelineView};
use crate::draw::markup::attr;
use crate::draw::pen::xml_escape;

/// Room above the lanes for two rows of labels, and below them, in rem.
const TOP: f64 = 2.9;
/// See [`TOP`].
const BOTTOM: f64 = 0.6;
/// A lane's height when the box leaves the choice to the drawing, in rem.
const LANE: f64 = 1.75;
/// Width of a label character, for placing labels, in rem (0.75 rem type).
const CHAR_W: f64 = 0.47;
/// Height of a row of labels, in rem.
const ROW_H: f64 = 1.06;

/// Where the drawing puts things, for a box `width` × `height` CSS pixels
/// (`height` 0 when the drawing chooses its own) on a page whose rem is
/// `rem` pixels (larger in presenter mode, so a room can read the labels).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    /// Width and height of the drawing.
    pub width: f64,
    /// See `width`.
    pub height: f64,
    /// Left and right ends of the time axis.
    pub left: f64,
    /// See `left`.
    pub right: f64,
    /// Height of a lane.
    pub lane: f64,
    /// Top of the first lane.
    pub top: f64,
    /// The page's rem, in pixels.
    pub rem: f64,
    /// Whether lanes carry short names ("C", "0", …).
    pub short: bool,
}

impl Geometry {
    /// The geometry of `lanes` lanes in a box of `width` × `height`.
    pub fn of(width: f64, height: f64, lanes: u32, rem: f64) -> Geometry {
        let rem = if rem.is_finite() && rem > 4.0 {
            rem
        } else {
            16.0
        };
        let width = width.max(240.0);
        let short = width < 30.0 * rem;
        let (top, bottom) = (TOP * rem, BOTTOM * rem);
        let natural = top + LANE * rem * f64::from(lanes) + bottom;
        let height = if height > natural + 2.0 {
            height
        } else {
            natural
        };
        Geometry {
            width,
            height,
            left: if short { 1.9 * rem } else { 6.0 * rem },
            right: width - 0.9 * rem,
            lane: (height - top - bottom) / f64::from(lanes.max(1)),
            top,
            rem,
            short,
        }
    }

    /// The x position of time `t` on an axis ending at `end`.
    pub fn x_of(&self, t: f64, end: f64) -> f64 {
        self.left + (t / end.max(1e-9)).clamp(0.0, 1.0) * (self.right - self.left)
    }

    /// The y position of a lane's line.
    pub fn y_of(&self, lane: u32) -> f64 {
        self.top + self.lane * (f64::from(lane) + 0.5)
    }
}

/// A label's place: its anchor x, whether it ends there (else starts there),
/// and its row (0 nearest the lanes).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    /// Anchor.
    pub x: f64,
    /// Whether the text ends at `x`.
    pub end: bool,
    /// Row.
    pub row: usize,
}

/// Places labels of `chars` characters (each `char_w` wide) at `xs`
/// (ascending) between `left` and `right`: each starts just right of its line, or ends just left of it when
/// it would pass `right`, in the lowest row where it overlaps no other.
pub fn place_labels(items: &[(f64, usize)], left: f64, right: f64, char_w: f64) -> Vec<Placed> {
    let mut taken: Vec<Vec<(f64, f64)>> = Vec::new();
    items
        .iter()
        .map(|&(x, chars)| {
            let w = chars as f64 * char_w;
            let end = x + 4.0 + w > right && x - 4.0 - w >= left - 30.0;
            let span = if end {
                (x - 4.0 - w, x - 4.0)
            } else {
                (x + 4.0, x + 4.0 + w)
            };
            let free = |row: &Vec<(f64, f64)>| {
                row.iter()
                    .all(|&(a, b)| span.1 + 6.0 <= a || b + 6.0 <= span.0)
            };
            let row = taken.iter().position(free).unwrap_or(taken.len());
            if row == taken.len() {
                taken.push(Vec::new());
            }
            taken[row].push(span);
            Placed {
                x: if end { x - 4.0 } else { x + 4.0 },
                end,
                row,
            }
        })
        .collect()
}

/// The lane's name.
fn lane_name(lane: u32, short: bool) -> String {
    match (lane, short) {
        (0, true) => "C".to_owned(),
        (0, false) => "coordinator".to_owned(),
        (l, true) => format!("{}", l - 1),
        (l, false) => format!("replica {}", l - 1),
    }
}

/// The lanes: a name and a line each, dotted for a crashed replica.
pub fn lanes_markup(v: &TimelineView, g: &Geometry) -> String {
    let mut out = String::with_capacity(160 * (v.replicas as usize + 1));
    for lane in 0..=v.replicas {
        let y = g.y_of(lane);
        let down = lane > 0 && v.failed.contains(&(lane - 1));
        out.push_str(if down {
            "<g class=\"lane down\">"
        } else {
            "<g class=\"lane\">"
        });
        out.push_str("<text class=\"lane-label\" x=\"4\"");
        attr(&mut out, "y", y);
        out.push_str(" dy=\"0.35em\">");
        out.push_str(&lane_name(lane, g.short));
        out.push_str("</text><line class=\"lane-line\"");
        for (name, value) in [("x1", g.left), ("y1", y), ("x2", g.right), ("y2", y)] {
            attr(&mut out, name, value);
        }
        out.push_str("></line></g>");
    }
    out
}

/// What has happened by `now`: each replica's bar from when it holds the new
/// value, the messages sent so far (in flight, the part travelled), and the
/// labelled moments, placed so that no two labels overlap.
pub fn moving_markup(v: &TimelineView, g: &Geometry, now: f64) -> String {
    let mut out = String::with_capacity(120 * (v.messages.len() + v.applied.len() + 2));
    let line = |out: &mut String, class: &str, (x1, y1): (f64, f64), (x2, y2): (f64, f64)| {
        out.push_str("<line");
        if !class.is_empty() {
            out.push_str(" class=\"");
            out.push_str(class);
            out.push('"');
        }
        for (name, value) in [("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2)] {
            attr(out, name, value);
        }
        out.push_str("></line>");
    };
    for (i, applied) in v.applied.iter().enumerate() {
        if let Some(a) = applied.filter(|a| *a <= now) {
            let y = g.y_of(i as u32 + 1);
            line(
                &mut out,
                "lane-new",
                (g.x_of(a, v.end), y),
                (g.x_of(now, v.end), y),
            );
        }
    }
    for m in v.messages.iter().filter(|m| m.t0 <= now) {
        let (x0, y0) = (g.x_of(m.t0, v.end), g.y_of(m.from));
        let (x1, y1) = (g.x_of(m.t1, v.end), g.y_of(m.to));
        // In flight: draw the part travelled so far.
        let f = if m.t1 > m.t0 {
            ((now - m.t0) / (m.t1 - m.t0)).clamp(0.0, 1.0)
        } else {
            1.0
        };
        let mut class = m.kind.class().to_owned();
        if m.kind == MessageKind::Response && !m.new_version {
            class.push_str(" stale");
        }
        if m.key {
            class.push_str(" marked");
        }
        if f >= 1.0 {
            class.push_str(" arrived");
        }
        line(
            &mut out,
            &class,
            (x0, y0),
            (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f),
        );
    }
    let shown: Vec<&(f64, String)> = v.marks.iter().filter(|(t, _)| *t <= now).collect();
    let items: Vec<(f64, usize)> = shown
        .iter()
        .map(|(t, l)| (g.x_of(*t, v.end), l.chars().count()))
        .collect();
    let placed = place_labels(&items, g.left, g.right, CHAR_W * g.rem);
    for ((t, label), p) in shown.into_iter().zip(placed) {
        let x = g.x_of(*t, v.end);
        let y = g.top - 0.4 * g.rem - ROW_H * g.rem * p.row as f64;
        out.push_str("<g class=\"mark\">");
        line(&mut out, "", (x, y - 0.5 * g.rem), (x, g.y_of(0) + 6.0));
        out.push_str("<text");
        attr(&mut out, "x", p.x);
        attr(&mut out, "y", y);
        out.push_str(if p.end {
            " text-anchor=\"end\">"
        } else {
            " text-anchor=\"start\">"
        });
        out.push_str(&xml_escape(label));
        out.push_str("</text></g>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widgets::quorum::timeline_svg::Message;

    #[test]
    fn time_maps_into_the_axis_and_clamps() {
        let g = Geometry::of(600.0, 0.0, 4, 16.0);
        assert_eq!(g.x_of(0.0, 10.0), g.left);
        assert_eq!(g.x_of(10.0, 10.0), g.right);
        assert_eq!(g.x_of(50.0, 10.0), g.right);
        assert_eq!(g.x_of(-1.0, 10.0), g.left);
        assert_eq!(g.height, 16.0 * (TOP + 4.0 * LANE + BOTTOM));
        // presenter mode's larger type makes room for itself
        let big = Geometry::of(1000.0, 0.0, 4, 24.0);
        assert!(big.left > g.left && big.height > g.height);
    }

    #[test]
    fn a_phone_gets_short_names_and_a_slide_tall_lanes() {
        let phone = Geometry::of(330.0, 0.0, 4, 16.0);
        assert!(phone.short && lane_name(0, true) == "C" && lane_name(3, true) == "2");
        let slide = Geometry::of(1200.0, 800.0, 4, 24.0);
        assert!(!slide.short && slide.lane > 2.0 * LANE * 24.0 && slide.height == 800.0);
    }

    fn sample() -> TimelineView {
        let msg = |from, to, t0, t1, kind, new_version, key| Message {
            from,
            to,
            t0,
            t1,
            kind,
            new_version,
            key,
        };
        TimelineView {
            end: 10.0,
            replicas: 2,
            messages: vec![
                msg(0, 1, 0.0, 2.0, MessageKind::Write, true, false),
                msg(0, 2, 0.0, 8.0, MessageKind::Write, true, true),
                msg(2, 0, 3.0, 5.0, MessageKind::Response, false, true),
            ],
            applied: vec![Some(2.0), Some(8.0)],
            failed: vec![1],
            marks: vec![(2.5, "commit <1>".to_owned())],
        }
    }

    #[test]
    fn the_lanes_are_named_and_a_crashed_one_is_dotted() {
        let g = Geometry::of(600.0, 0.0, 3, 16.0);
        let m = lanes_markup(&sample(), &g);
        assert_eq!(m.matches("<g class=\"lane\">").count(), 2);
        assert_eq!(m.matches("<g class=\"lane down\">").count(), 1);
        assert!(m.contains(">coordinator<") && m.contains(">replica 1<"));
    }

    #[test]
    fn the_playhead_decides_what_is_drawn() {
        let (v, g) = (sample(), Geometry::of(600.0, 0.0, 3, 16.0));
        // At the start both writes are just sent and nothing has arrived.
        let start = moving_markup(&v, &g, 0.0);
        assert_eq!(start.matches("class=\"msg write").count(), 2);
        assert!(
            !start.contains("arrived")
                && !start.contains("lane-new")
                && !start.contains("class=\"mark\"")
        );
        // At 4: the first write has arrived (its replica holds the new value),
        // the second is halfway, the stale answer is on its way.
        let mid = moving_markup(&v, &g, 4.0);
        assert_eq!(mid.matches("arrived").count(), 1);
        assert_eq!(mid.matches("lane-new").count(), 1);
        assert!(mid.contains("class=\"msg write marked\""));
        assert!(mid.contains("class=\"msg response stale marked\""));
        // The label is placed and escaped.
        assert!(mid.contains("commit &lt;1&gt;") && mid.contains("<g class=\"mark\">"));
        let halfway = g.x_of(0.0, 10.0) + (g.x_of(8.0, 10.0) - g.x_of(0.0, 10.0)) / 2.0;
        let mut x2 = String::new();
        crate::draw::markup::attr(&mut x2, "x2", halfway);
        assert!(mid.contains(&x2), "{mid}");
        let end = moving_markup(&v, &g, 10.0);
        assert_eq!(end.matches("arrived").count(), 3);
        assert_eq!(end.matches("lane-new").count(), 2);
    }

    #[test]
    fn labels_never_overlap_or_pass_the_edge() {
        // Two labels a few pixels apart near the right edge, as when a
        // replica has failed and the run ends soon after the commit.
        let items: [(f64, usize); 3] = [(540.0, 15), (548.0, 14), (300.0, 6)];
        let mut sorted = items.to_vec();
        sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
        let char_w = CHAR_W * 16.0;
        let placed = place_labels(&sorted, 96.0, 586.0, char_w);
        let spans: Vec<(f64, f64, usize)> = placed
            .iter()
            .zip(&sorted)
            .map(|(p, &(_, c))| {
                let w = c as f64 * char_w;
                if p.end {
                    (p.x - w, p.x, p.row)
                } else {
                    (p.x, p.x + w, p.row)
                }
            })
            .collect();
        for (i, a) in spans.iter().enumerate() {
            assert!(a.1 <= 586.0 && a.0 >= 0.0, "{a:?}");
            for b in &spans[i + 1..] {
                assert!(a.2 != b.2 || a.1 <= b.0 || b.1 <= a.0, "{a:?} {b:?}");
            }
        }
        assert!(placed.iter().all(|p| p.row < 2));
    }
}
