//! Painting the lanes: the arrivals across the top, then per algorithm every
//! request as a mark on a shared time axis (let through above the line,
//! refused below, a wait as a line to its release) and the limiter's state
//! under it, with the window boundaries across every lane.
//!
//! Drawn through a [`Pen`] (the canvas on screen, SVG for export): a lane may
//! hold a million marks, binned per pixel column once they no longer fit.
//! Lengths are in units (CSS pixels at the page's usual type size) times
//! `ratio`; the lanes share whatever height the canvas has.

use super::labels::{ticks, time_label};
use super::marks::{paint_arrivals, paint_columns, paint_marks, paint_state};
use crate::draw::pen::{Align, Pen};
use sim::rate_limit::{AlgorithmKind, Run};
use std::sync::Arc;

/// Units per lane at its natural height: title, marks and the state plot.
pub const LANE_HEIGHT: f64 = 88.0;
/// The least a lane is squeezed to.
pub const MIN_LANE: f64 = 66.0;
/// The arrivals strip across the top.
pub const ARRIVALS_HEIGHT: f64 = 30.0;
/// The time axis under the lanes.
pub const AXIS_HEIGHT: f64 = 28.0;
/// Left and right margins of the time axis.
pub const MARGIN: f64 = 8.0;
/// How long a request takes to fall into its lane on the live clock, µs of
/// clock time.
pub const FALL_US: u64 = 300_000;
/// Where a lane's line sits under its top, units: let through above it,
/// refused below.
pub const MID: f64 = 31.0;
/// Where the plot of a lane's state starts under its top, units.
pub const PLOT_TOP: f64 = 46.0;
/// The opacity of a lane the scene does not name.
pub(super) const DIMMED: f64 = 0.3;
/// Window boundaries closer than this (units) are not drawn.
pub const MIN_BOUNDARY_GAP: f64 = 8.0;

/// Let through (Okabe–Ito blue, sky blue on dark), let through after a wait
/// (bluish green), refused (vermillion).
pub(super) const ACCEPTED: [&str; 2] = ["#0072B2", "#56B4E9"];
pub(super) const DELAYED: &str = "#009E73";
pub(super) const REJECTED: &str = "#D55E00";

/// Everything the lanes show.
#[derive(Clone, Debug)]
pub struct LanesData {
    /// Every algorithm's outcomes and state series.
    pub run: Arc<Run>,
    /// Arrival time of every request in µs, ascending.
    pub times: Arc<Vec<u64>>,
    /// The window W, µs (boundaries at its multiples).
    pub window_us: u64,
    /// The stretch of time shown, µs: the whole stream or the zoomed range.
    pub from_us: u64,
    /// See `from_us`.
    pub to_us: u64,
    /// Requests after this time are not drawn yet (the live clock); `u64::MAX` shows all.
    pub playhead_us: u64,
    /// How far the requests have fallen into their lanes, 0 to 1 (1: all in place).
    pub fall: f64,
    /// Requests fall on the live clock (false under reduced motion: they appear in place).
    pub moving: bool,
    /// The lanes a scene points at (the others are dimmed); empty: none dimmed.
    pub marked: Vec<AlgorithmKind>,
    /// Draw for a dark background.
    pub dark: bool,
}

impl PartialEq for LanesData {
    fn eq(&self, o: &Self) -> bool {
        Arc::ptr_eq(&self.run, &o.run)
            && Arc::ptr_eq(&self.times, &o.times)
            && (self.window_us, self.from_us, self.to_us, self.playhead_us)
                == (o.window_us, o.from_us, o.to_us, o.playhead_us)
            && self.fall == o.fall
            && self.moving == o.moving
            && self.marked == o.marked
            && self.dark == o.dark
    }
}

/// The canvas's natural height for `lanes` lanes, units.
pub fn natural_height(lanes: usize) -> f64 {
    ARRIVALS_HEIGHT + lanes.max(1) as f64 * LANE_HEIGHT + AXIS_HEIGHT
}

/// The canvas's least height for `lanes` lanes, units.
pub fn squeezed_height(lanes: usize) -> f64 {
    ARRIVALS_HEIGHT + lanes.max(1) as f64 * MIN_LANE + AXIS_HEIGHT
}

/// A lane's height on a surface `h_units` tall.
pub fn lane_height(h_units: f64, lanes: usize) -> f64 {
    ((h_units - ARRIVALS_HEIGHT - AXIS_HEIGHT) / lanes.max(1) as f64).clamp(MIN_LANE, 160.0)
}

/// Where things go on the surface: the time axis across it, and the scale.
pub struct Frame {
    /// Pixels per unit.
    pub ratio: f64,
    /// Left and right ends of the time axis, px.
    pub x0: f64,
    /// See `x0`.
    pub x1: f64,
    /// The stretch of time shown, µs.
    pub from: f64,
    /// See `from`.
    pub to: f64,
    /// A lane's height, px.
    pub lane: f64,
    /// Text and line colour, and the grid's.
    pub(super) fg: &'static str,
    /// See `fg`.
    pub(super) grid: &'static str,
}

impl Frame {
    /// The frame of a `w` × `h` pixel surface for `d`.
    pub fn new(w: f64, h: f64, ratio: f64, d: &LanesData) -> Frame {
        let from = d.from_us as f64;
        Frame {
            ratio,
            x0: ratio * MARGIN,
            x1: w - ratio * MARGIN,
            from,
            to: (d.to_us as f64).max(from + 1.0),
            lane: ratio * lane_height(h / ratio, d.run.lanes.len()),
            fg: if d.dark { "#e6e6e6" } else { "#1f2328" },
            grid: if d.dark { "#3a414b" } else { "#d0d4da" },
        }
    }

    /// Units to pixels.
    pub(super) fn px(&self, v: f64) -> f64 {
        v * self.ratio
    }

    /// The axis's width, px.
    pub(super) fn span(&self) -> f64 {
        (self.x1 - self.x0).max(1.0)
    }

    /// Where a time falls along the axis, 0 to 1 (outside the range, beyond).
    pub fn frac(&self, t: u64) -> f64 {
        (t as f64 - self.from) / (self.to - self.from)
    }

    /// The x of a time in µs (clamped to the axis).
    pub fn x_of(&self, t: u64) -> f64 {
        self.x0 + self.frac(t).clamp(0.0, 1.0) * self.span()
    }

    /// The top of lane `i`, px.
    pub(super) fn lane_top(&self, i: usize) -> f64 {
        self.px(ARRIVALS_HEIGHT) + self.lane * i as f64
    }

    /// The y of the time axis under `n` lanes, px.
    pub(super) fn axis_y(&self, n: usize) -> f64 {
        self.lane_top(n) + self.px(4.0)
    }
}

/// The window boundaries inside the range that are far enough apart to
/// draw, µs; none when they would crowd closer than [`MIN_BOUNDARY_GAP`].
pub fn boundaries(f: &Frame, window_us: u64) -> Vec<u64> {
    let w = window_us.max(1) as f64;
    if w / (f.to - f.from) * f.span() < f.px(MIN_BOUNDARY_GAP) {
        return Vec::new();
    }
    let first = (f.from / w).ceil() as u64;
    let last = (f.to / w).floor() as u64;
    (first.max(1)..=last).map(|k| k * window_us).collect()
}

/// How far a request at `t` has fallen into its lane, 0 to 1: the sweep
/// (`d.fall`) brings requests in from left to right, and on the live clock
/// a request falls for [`FALL_US`] after it arrives.
pub fn fallen(f: &Frame, d: &LanesData, t: u64) -> f64 {
    let sweep = ((d.fall - 0.6 * f.frac(t).clamp(0.0, 1.0)) / 0.4).clamp(0.0, 1.0);
    let live = if d.playhead_us == u64::MAX || !d.moving {
        1.0
    } else {
        (d.playhead_us.saturating_sub(t) as f64 / FALL_US as f64).clamp(0.0, 1.0)
    };
    sweep.min(live)
}

/// The indices of the requests inside the range and up to the playhead.
fn shown(d: &LanesData) -> std::ops::Range<usize> {
    let lo = d.times.partition_point(|&t| t < d.from_us);
    let hi = d
        .times
        .partition_point(|&t| t <= d.to_us.min(d.playhead_us));
    lo..hi.max(lo)
}

/// Paints every lane of `d` on a `w` × `h` pixel surface, `ratio` pixels to a unit.
pub fn paint_lanes(ctx: &mut dyn Pen, w: f64, h: f64, ratio: f64, d: &LanesData) {
    let f = Frame::new(w, h, ratio, d);
    ctx.set_fill(if d.dark { "#161a20" } else { "#ffffff" });
    ctx.fill_rect(0.0, 0.0, w, h);
    let range = shown(d);
    let columns = f.span().round().max(1.0) as usize;
    let one_by_one = range.len() * 2 <= columns;
    // A faint band behind each lane the caption names.
    ctx.set_fill(if d.dark { "#2a3442" } else { "#eef4fb" });
    for (li, lane) in d.run.lanes.iter().enumerate() {
        if d.marked.contains(&lane.kind) {
            ctx.fill_rect(0.0, f.lane_top(li), w, f.lane);
        }
    }
    paint_boundaries(ctx, &f, d);
    paint_arrivals(ctx, &f, d, range.clone(), one_by_one);
    for (li, lane) in d.run.lanes.iter().enumerate() {
        let top = f.lane_top(li);
        let mid = top + f.px(MID);
        let named = d.marked.contains(&lane.kind);
        ctx.set_alpha(if d.marked.is_empty() || named {
            1.0
        } else {
            DIMMED
        });
        ctx.set_stroke(f.grid);
        ctx.set_line_width(f.px(1.0));
        ctx.begin_path();
        ctx.move_to(f.x0, mid);
        ctx.line_to(f.x1, mid);
        ctx.stroke();
        if one_by_one {
            paint_marks(ctx, &f, d, lane, range.clone(), mid);
        } else {
            paint_columns(ctx, &f, d, lane, range.clone(), mid, columns);
        }
        paint_state(ctx, &f, lane, d, top);
        ctx.set_alpha(1.0);
    }
    paint_axis(ctx, &f, d);
}

/// Dashed lines at every multiple of W, across the arrivals and every lane:
/// where a fixed window starts counting again.
fn paint_boundaries(ctx: &mut dyn Pen, f: &Frame, d: &LanesData) {
    let marks = boundaries(f, d.window_us);
    if marks.is_empty() {
        return;
    }
    ctx.set_stroke(f.fg);
    ctx.set_alpha(0.45);
    ctx.set_line_width(f.px(1.0));
    ctx.set_dash(&[f.px(5.0), f.px(4.0)]);
    ctx.begin_path();
    for t in marks {
        let x = f.x_of(t).round() + 0.5;
        ctx.move_to(x, f.px(2.0));
        ctx.line_to(x, f.axis_y(d.run.lanes.len()));
    }
    ctx.stroke();
    ctx.set_dash(&[]);
    ctx.set_alpha(1.0);
}

/// The time axis under the lanes, and the playhead across them.
fn paint_axis(ctx: &mut dyn Pen, f: &Frame, d: &LanesData) {
    let axis = f.axis_y(d.run.lanes.len());
    ctx.set_stroke(f.fg);
    ctx.set_line_width(f.px(1.0));
    ctx.begin_path();
    ctx.move_to(f.x0, axis);
    ctx.line_to(f.x1, axis);
    ctx.stroke();
    ctx.set_fill(f.fg);
    ctx.set_font(12.0 * f.ratio, 400);
    // Fewer ticks on a narrow canvas, so their labels never touch.
    let target = ((f.span() / f.ratio) / 70.0).clamp(2.0, 8.0) as usize;
    let (step, marks) = ticks(f.from, f.to, target);
    for t in marks {
        let x = f.x_of(t);
        ctx.begin_path();
        ctx.move_to(x, axis);
        ctx.line_to(x, axis + f.px(4.0));
        ctx.stroke();
        let at_edge = x - f.x0 < f.px(20.0);
        let at_right = f.x1 - x < f.px(20.0);
        ctx.set_align(if at_edge {
            Align::Left
        } else if at_right {
            Align::Right
        } else {
            Align::Center
        });
        ctx.fill_text(&time_label(t, step), x, axis + f.px(6.0));
    }
    if d.playhead_us != u64::MAX && (d.from_us..=d.to_us).contains(&d.playhead_us) {
        let x = f.x_of(d.playhead_us);
        ctx.set_stroke(if d.dark { "#7cc0ff" } else { "#0059a0" });
        ctx.set_line_width(f.px(2.0));
        ctx.begin_path();
        ctx.move_to(x, 0.0);
        ctx.line_to(x, axis);
        ctx.stroke();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::pen::SvgPen;
    use sim::rate_limit::{run, AlgorithmKind, Params, Request};

    fn data(window_us: u64, from_us: u64, to_us: u64) -> LanesData {
        let reqs: Vec<Request> = (0..20)
            .map(|i| Request {
                t_us: 900_000 + i * 10_000,
                client: 0,
            })
            .collect();
        let times = reqs.iter().map(|r| r.t_us).collect();
        LanesData {
            run: Arc::new(run(
                &reqs,
                Params::new(10, window_us).with_burst(10),
                &AlgorithmKind::ALL,
                50,
            )),
            times: Arc::new(times),
            window_us,
            from_us,
            to_us,
            playhead_us: u64::MAX,
            fall: 1.0,
            moving: true,
            marked: Vec::new(),
            dark: false,
        }
    }

    #[test]
    fn boundaries_fall_on_every_multiple_of_the_window_in_range() {
        let d = data(1_000_000, 0, 4_000_000);
        let f = Frame::new(800.0, 600.0, 1.0, &d);
        assert_eq!(
            boundaries(&f, d.window_us),
            vec![1_000_000, 2_000_000, 3_000_000, 4_000_000]
        );
        let zoomed = data(1_000_000, 800_000, 1_200_000);
        let f = Frame::new(800.0, 600.0, 1.0, &zoomed);
        assert_eq!(boundaries(&f, zoomed.window_us), vec![1_000_000]);
        // Ten thousand boundaries across 800 px would be a grey wash: none.
        let crowded = data(10_000, 0, 100_000_000);
        let f = Frame::new(800.0, 600.0, 1.0, &crowded);
        assert!(boundaries(&f, crowded.window_us).is_empty());
    }

    #[test]
    fn the_painting_draws_a_dashed_boundary_across_the_lanes() {
        let d = data(1_000_000, 0, 2_000_000);
        let mut pen = SvgPen::new(800.0, 600.0);
        paint_lanes(&mut pen, 800.0, 600.0, 1.0, &d);
        let svg = pen.finish();
        assert!(svg.contains("stroke-dasharray=\"5 4\""), "{svg}");
        assert!(svg.contains(">Arriving<"));
        for k in AlgorithmKind::ALL {
            assert!(svg.contains(k.label()), "{}", k.label());
        }
    }

    #[test]
    fn requests_fall_from_left_to_right_and_land() {
        let mut d = data(1_000_000, 0, 2_000_000);
        let f = Frame::new(800.0, 600.0, 1.0, &d);
        d.fall = 0.5;
        let (early, late) = (fallen(&f, &d, 100_000), fallen(&f, &d, 1_900_000));
        assert!(early > late, "{early} vs {late}");
        assert_eq!(late, 0.0);
        d.fall = 1.0;
        assert_eq!(fallen(&f, &d, 1_900_000), 1.0);
        // On the live clock, a request just arrived is still on its way.
        d.playhead_us = 1_000_000 + FALL_US / 2;
        assert!((fallen(&f, &d, 1_000_000) - 0.5).abs() < 1e-9);
        assert_eq!(fallen(&f, &d, 500_000), 1.0);
        // Under reduced motion it is in place at once.
        d.moving = false;
        assert_eq!(fallen(&f, &d, 1_000_000), 1.0);
    }

    #[test]
    fn lanes_share_the_height_they_are_given() {
        assert_eq!(lane_height(natural_height(6), 6), LANE_HEIGHT);
        assert_eq!(lane_height(squeezed_height(6), 6), MIN_LANE);
        assert_eq!(lane_height(100.0, 6), MIN_LANE);
        assert!(lane_height(1000.0, 6) > LANE_HEIGHT);
    }
}
