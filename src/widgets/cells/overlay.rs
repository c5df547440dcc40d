//! What is drawn over the grid's canvas as one small SVG string: the boxes a
//! scene's caption names (outlined), the picked tenant's shard (dashed), and
//! a failure spreading box by box: a spark travels from each box the failure
//! has reached to the next, and each box is struck as it arrives. Under
//! reduced motion the same picture is a still: the trail of the spread and
//! every box it struck, outlined.
//!
//! The viewBox is the grid itself (100 units a box), so the SVG's default
//! `xMidYMid meet` puts every box where the canvas, centring the grid the
//! same way, paints it.

use std::fmt::Write as _;

/// One box's side in the viewBox.
const BOX: u32 = 100;
/// How long a spark takes from one box to the next, ms.
pub const HOP_MS: u32 = 160;
/// How long a box takes to be struck, ms.
pub const STRIKE_MS: u32 = 220;
/// The most time between two sparks, ms.
const STEP_MS: u32 = 120;
/// Everything is over by then, ms.
pub const SPREAD_MS: u32 = 590;
const _: () = assert!(HOP_MS + STRIKE_MS + 200 <= SPREAD_MS && SPREAD_MS < 600);

/// What the overlay shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overlay {
    /// Columns and rows of the grid.
    pub shape: (u32, u32),
    /// Boxes a caption names, each with its role (`failed`, `busiest`…).
    pub focus: Vec<(u32, &'static str)>,
    /// The picked tenant's units.
    pub shard: Vec<u32>,
    /// The spread: where it came from (a box already down), and the boxes it
    /// reached, in order.
    pub spread: Spread,
    /// Bumped to play the spread again.
    pub replay: u32,
}

/// A failure reaching new boxes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spread {
    /// A box already down that it spreads from, if any.
    pub from: Option<u32>,
    /// The boxes newly down, in the order it reached them.
    pub to: Vec<u32>,
}

/// How a failure spread from the boxes down before (`before`) to those down
/// now (`now`, in the order the failure reaches them): the last box still
/// down is where it comes from. Nothing spreads when no new box is down.
pub fn spread(before: &[u32], now: &[u32]) -> Spread {
    let to: Vec<u32> = now
        .iter()
        .copied()
        .filter(|u| !before.contains(u))
        .collect();
    let from = if to.is_empty() {
        None
    } else {
        before.iter().rev().copied().find(|u| now.contains(u))
    };
    Spread { from, to }
}

/// When a spark leaves for the `i`-th of `n` boxes, ms.
pub fn start_ms(i: usize, n: usize) -> u32 {
    let gaps = n.saturating_sub(1).max(1) as u32;
    let step = STEP_MS.min((SPREAD_MS - HOP_MS - STRIKE_MS) / gaps);
    step * (i as u32).min(gaps)
}

impl Overlay {
    /// The box's top left in the viewBox.
    fn at(&self, u: u32) -> (u32, u32) {
        let cols = self.shape.0.max(1);
        ((u % cols) * BOX, (u / cols) * BOX)
    }

    /// The viewBox attribute.
    pub fn view_box(&self) -> String {
        format!(
            "0 0 {} {}",
            self.shape.0.max(1) * BOX,
            self.shape.1.max(1) * BOX
        )
    }

    /// The markup: numbers and fixed names only, nothing to escape.
    pub fn markup(&self) -> String {
        let mut out = String::with_capacity(1024);
        for &u in &self.shard {
            let (x, y) = self.at(u);
            let _ = write!(
                out,
                r#"<rect class="cells-shard" data-unit="{u}" x="{}" y="{}" width="{}" height="{}"></rect>"#,
                x + 2,
                y + 2,
                BOX - 4,
                BOX - 4
            );
        }
        for &(u, role) in &self.focus {
            let (x, y) = self.at(u);
            let _ = write!(
                out,
                r#"<rect class="cells-focus" data-unit="{u}" data-role="{role}" x="{x}" y="{y}" width="{BOX}" height="{BOX}"></rect>"#
            );
        }
        self.spread_markup(&mut out);
        out
    }

    /// The spread: its trail, a spark per hop, a cover that lifts and a
    /// strike as each box is reached.
    fn spread_markup(&self, out: &mut String) {
        let to = &self.spread.to;
        if to.is_empty() {
            return;
        }
        let centre = |u: u32| {
            let (x, y) = self.at(u);
            (x + BOX / 2, y + BOX / 2)
        };
        let _ = write!(
            out,
            r#"<g class="cells-spread" data-replay="{}" data-from="{}" data-to="{}">"#,
            self.replay,
            self.spread.from.map_or_else(String::new, |u| u.to_string()),
            to.iter().map(u32::to_string).collect::<Vec<_>>().join(" ")
        );
        let stops: Vec<u32> = self
            .spread
            .from
            .into_iter()
            .chain(to.iter().copied())
            .collect();
        if stops.len() > 1 {
            let mut d = String::new();
            for (i, &u) in stops.iter().enumerate() {
                let (x, y) = centre(u);
                let _ = write!(d, "{}{x} {y}", if i == 0 { 'M' } else { 'L' });
            }
            let _ = write!(out, r#"<path class="cells-trail" d="{d}"></path>"#);
        }
        let n = to.len();
        for (i, &u) in to.iter().enumerate() {
            let (x, y) = self.at(u);
            let leave = start_ms(i, n);
            // The first box struck with nothing down before it is where the
            // failure starts: no spark reaches it.
            let prev = if i == 0 {
                self.spread.from
            } else {
                Some(to[i - 1])
            };
            let strike = match prev {
                Some(p) => {
                    let ((x0, y0), (x1, y1)) = (centre(p), centre(u));
                    let _ = write!(
                        out,
                        r#"<circle class="cells-spark" r="12" style="--x0:{x0}px;--y0:{y0}px;--x1:{x1}px;--y1:{y1}px;--d:{leave}ms"></circle>"#
                    );
                    leave + HOP_MS
                }
                None => leave,
            };
            let _ = write!(
                out,
                r#"<rect class="cells-cover" x="{}" y="{}" width="{}" height="{}" style="--d:{strike}ms"></rect><rect class="cells-hit" data-unit="{u}" x="{}" y="{}" width="{}" height="{}" style="--d:{strike}ms"></rect>"#,
                x + 1,
                y + 1,
                BOX - 2,
                BOX - 2,
                x + 3,
                y + 3,
                BOX - 6,
                BOX - 6
            );
        }
        out.push_str("</g>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spread_starts_from_a_box_still_down_and_reaches_the_new_ones_in_order() {
        assert_eq!(
            spread(&[0], &[0, 1, 2]),
            Spread {
                from: Some(0),
                to: vec![1, 2]
            }
        );
        assert_eq!(
            spread(&[], &[5, 3]),
            Spread {
                from: None,
                to: vec![5, 3]
            }
        );
        assert_eq!(spread(&[0, 1, 2], &[0, 1]), Spread::default());
        assert_eq!(
            spread(&[4], &[7]),
            Spread {
                from: None,
                to: vec![7]
            }
        );
    }

    #[test]
    fn every_strike_is_over_in_under_600_ms() {
        for n in [1usize, 2, 3, 10, 64, 1000] {
            let last = start_ms(n - 1, n) + HOP_MS + STRIKE_MS;
            assert!(last <= SPREAD_MS, "{n} boxes: {last} ms");
            assert!(start_ms(0, n) == 0);
        }
        assert_eq!(start_ms(1, 2), STEP_MS, "two boxes, a beat apart");
    }

    #[test]
    fn the_markup_places_boxes_on_the_grid() {
        let o = Overlay {
            shape: (5, 2),
            focus: vec![(3, "failed")],
            shard: vec![6],
            spread: Spread {
                from: Some(0),
                to: vec![1, 7],
            },
            replay: 2,
        };
        assert_eq!(o.view_box(), "0 0 500 200");
        let m = o.markup();
        assert!(m.contains(
            r#"<rect class="cells-focus" data-unit="3" data-role="failed" x="300" y="0""#
        ));
        assert!(m.contains(r#"class="cells-shard" data-unit="6" x="102" y="102""#));
        assert!(m.contains(r#"<path class="cells-trail" d="M50 50L150 50L250 150">"#));
        assert_eq!(m.matches("cells-spark").count(), 2);
        assert_eq!(m.matches(r#"class="cells-hit""#).count(), 2);
        assert!(m.contains(r#"data-replay="2""#));
        assert!(Overlay::default().markup().is_empty());
    }
}
