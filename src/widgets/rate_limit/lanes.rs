//! Rate-limiter lanes on one canvas: per algorithm, every request as a mark on
//! a shared time axis (accepted up, rejected down, a delay as a line to its
//! release) and, under it, the limiter's state over time.
//!
//! Drawn with the canvas's own 2D calls rather than plotters: a lane may hold
//! a million marks, binned per pixel column once they no longer fit.

use crate::draw::pen::{Align, CanvasPen, Pen};
use crate::ui::canvas::{drawing_scale, redraw_on_change};
use leptos::html::Canvas;
use leptos::prelude::*;
use sim::rate_limit::{Lane, Run, State};
use std::sync::Arc;

/// CSS pixels per lane: title, marks and the state plot.
pub const LANE_HEIGHT: f64 = 104.0;
/// CSS pixels of the time axis under the lanes.
pub const AXIS_HEIGHT: f64 = 28.0;

/// Accepted marks (Okabe–Ito blue), delayed (bluish green), rejected (vermillion).
const ACCEPTED: &str = "#0072B2";
const DELAYED: &str = "#009E73";
const REJECTED: &str = "#D55E00";

/// Everything the lanes show.
#[derive(Clone, Debug)]
pub struct LanesData {
    /// Every algorithm's outcomes and state series.
    pub run: Arc<Run>,
    /// Arrival time of every request in µs, ascending.
    pub times: Arc<Vec<u64>>,
    /// Right end of the time axis, µs.
    pub end_us: u64,
    /// Requests after this time are not drawn yet (the live clock); `u64::MAX` shows all.
    pub playhead_us: u64,
    /// Draw for a dark background.
    pub dark: bool,
}

impl PartialEq for LanesData {
    fn eq(&self, o: &Self) -> bool {
        Arc::ptr_eq(&self.run, &o.run)
            && Arc::ptr_eq(&self.times, &o.times)
            && self.end_us == o.end_us
            && self.playhead_us == o.playhead_us
            && self.dark == o.dark
    }
}

/// The lanes canvas, sized to its lanes, redrawn whenever `data` changes.
#[component]
pub fn LanesCanvas(
    /// What to draw.
    #[prop(into)]
    data: Signal<LanesData>,
    /// Accessible description (the canvas itself is invisible to screen readers).
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    redraw_on_change(canvas, data, draw_lanes);
    crate::export::register_figure(
        "rl-lanes",
        "Every limiter's decisions and state",
        crate::export::Picture::Painted {
            paint: Arc::new(move |pen, w, h, ratio| {
                data.with_untracked(|d| paint_lanes(pen, w, h, ratio, d));
            }),
            height: None,
        },
    );
    let height = move || {
        let n = data.with(|d| d.run.lanes.len()).max(1) as f64;
        // why: in rem, so a larger page type (presenter mode) grows the canvas with its drawing.
        format!("height:{}rem", (n * LANE_HEIGHT + AXIS_HEIGHT) / 16.0)
    };
    view! {
        <canvas class="lanes" id="rl-lanes" node_ref=canvas role="img" aria-label=label style=height></canvas>
    }
}

/// The name and value of a state, for the caption of its plot.
pub fn state_caption(s: &State) -> String {
    match *s {
        State::TokenBucket { tokens, capacity } => format!("tokens {tokens:.1} of {capacity}"),
        State::LeakyQueue { depth, size, .. } => format!("waiting {depth} of {size}"),
        State::Gcra {
            headroom, burst, ..
        } => format!("headroom {headroom:.1} of {burst}"),
        State::FixedWindow { count, limit, .. } => format!("this window {count} of {limit}"),
        State::SlidingLog { len, limit, .. } => format!("in the log {len} of {limit}"),
        State::SlidingCounter {
            estimate, limit, ..
        } => format!("estimate {estimate:.1} of {limit}"),
    }
}

fn seconds_label(us: u64) -> String {
    let s = us as f64 / 1e6;
    if s >= 10.0 || s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s:.1} s")
    }
}

/// Draws every lane of `d` onto `canvas` (sized to its CSS box by the caller).
pub fn draw_lanes(canvas: web_sys::HtmlCanvasElement, d: &LanesData) -> Result<(), String> {
    let mut pen = CanvasPen::new(&canvas)?;
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    paint_lanes(&mut pen, w, h, drawing_scale(), d);
    Ok(())
}

/// Where things go on the surface: the time axis across it, and the scale.
struct Frame {
    /// Pixels per CSS pixel.
    ratio: f64,
    /// Left and right ends of the time axis, px.
    x0: f64,
    x1: f64,
    /// Right end of the time axis, µs.
    end: f64,
    /// Text and line colour, and the grid's.
    fg: &'static str,
    grid: &'static str,
}

impl Frame {
    /// CSS pixels to pixels.
    fn px(&self, v: f64) -> f64 {
        v * self.ratio
    }

    /// The axis's width, px.
    fn span(&self) -> f64 {
        (self.x1 - self.x0).max(1.0)
    }

    /// The x of a time in µs.
    fn x_of(&self, t: u64) -> f64 {
        self.x0 + (t as f64 / self.end).min(1.0) * self.span()
    }
}

/// Paints every lane of `d` on a `w` × `h` pixel surface, `ratio` pixels to a CSS pixel.
pub fn paint_lanes(ctx: &mut dyn Pen, w: f64, h: f64, ratio: f64, d: &LanesData) {
    let (bg, fg, grid) = if d.dark {
        ("#161a20", "#e6e6e6", "#3a414b")
    } else {
        ("#ffffff", "#1f2328", "#d0d4da")
    };
    ctx.set_fill(bg);
    ctx.fill_rect(0.0, 0.0, w, h);
    let f = Frame {
        ratio,
        x0: ratio * 8.0,
        x1: w - ratio * 8.0,
        end: d.end_us.max(1) as f64,
        fg,
        grid,
    };
    let visible = d.times.partition_point(|&t| t <= d.playhead_us);

    for (li, lane) in d.run.lanes.iter().enumerate() {
        let top = f.px(LANE_HEIGHT) * li as f64;
        ctx.set_fill(fg);
        ctx.set_font(13.0 * ratio, 600);
        ctx.set_align(Align::Left);
        ctx.fill_text(lane.kind.label(), f.x0, top + f.px(2.0));
        // Marks: accepted rise from the middle line, rejected hang below it.
        let mid = top + f.px(34.0);
        ctx.set_stroke(grid);
        ctx.set_line_width(f.px(1.0));
        ctx.begin_path();
        ctx.move_to(f.x0, mid);
        ctx.line_to(f.x1, mid);
        ctx.stroke();
        let times = &d.times[..visible];
        let columns = f.span().round().max(1.0) as usize;
        if visible * 2 <= columns {
            paint_marks(ctx, &f, lane, times, mid);
        } else {
            paint_columns(ctx, &f, lane, times, mid, columns);
        }
        paint_state(ctx, &f, lane, d, top);
    }
    paint_axis(ctx, &f, d);
}

/// Every request of a lane as its own mark: a tick up when let through
/// (with a line to its release when it waited), a cross below when refused.
fn paint_marks(ctx: &mut dyn Pen, f: &Frame, lane: &Lane, times: &[u64], mid: f64) {
    for (i, &t) in times.iter().enumerate() {
        let x = f.x_of(t).round() + 0.5;
        let accepted = lane.accepted.get(i).copied().unwrap_or(false);
        let delay = lane.delays_us.get(i).copied().unwrap_or(0);
        if accepted {
            let colour = if delay > 0 { DELAYED } else { ACCEPTED };
            ctx.set_stroke(colour);
            ctx.set_line_width(f.px(2.0));
            ctx.begin_path();
            ctx.move_to(x, mid);
            ctx.line_to(x, mid - f.px(12.0));
            ctx.stroke();
            if delay > 0 {
                let release = f.x_of(t.saturating_add(delay));
                ctx.set_line_width(f.px(1.0));
                ctx.begin_path();
                ctx.move_to(x, mid - f.px(12.0));
                ctx.line_to(release, mid - f.px(4.0));
                ctx.stroke();
            }
        } else {
            let (cy, r) = (mid + f.px(7.0), f.px(3.5));
            ctx.set_stroke(REJECTED);
            ctx.set_line_width(f.px(1.8));
            ctx.begin_path();
            ctx.move_to(x - r, cy - r);
            ctx.line_to(x + r, cy + r);
            ctx.move_to(x - r, cy + r);
            ctx.line_to(x + r, cy - r);
            ctx.stroke();
        }
    }
}

/// Too many requests to draw one by one: counts per pixel column, scaled to
/// the busiest, up for let through and down for refused.
fn paint_columns(
    ctx: &mut dyn Pen,
    f: &Frame,
    lane: &Lane,
    times: &[u64],
    mid: f64,
    columns: usize,
) {
    let mut acc = vec![0u32; columns + 1];
    let mut rej = vec![0u32; columns + 1];
    for (i, &t) in times.iter().enumerate() {
        let c = (((t as f64 / f.end).min(1.0)) * columns as f64) as usize;
        if lane.accepted.get(i).copied().unwrap_or(false) {
            acc[c] += 1;
        } else {
            rej[c] += 1;
        }
    }
    let most = acc
        .iter()
        .chain(rej.iter())
        .copied()
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let span = f.span();
    for (colour, counts, up) in [(ACCEPTED, &acc, true), (REJECTED, &rej, false)] {
        ctx.set_fill(colour);
        for (c, &n) in counts.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let hgt = (f64::from(n) / most * f.px(14.0)).max(f.px(1.0));
            let x = f.x0 + c as f64 * span / columns as f64;
            let y = if up { mid - hgt } else { mid + f.px(1.0) };
            ctx.fill_rect(x, y, (span / columns as f64).max(1.0), hgt);
        }
    }
}

/// The state of the lane's first client over time, against its ceiling, up
/// to the playhead, with its last value written above the plot.
fn paint_state(ctx: &mut dyn Pen, f: &Frame, lane: &Lane, d: &LanesData, top: f64) {
    let (p0, p1) = (top + f.px(64.0), top + f.px(96.0));
    let Some(series) = lane.series.first() else {
        return;
    };
    let ceiling = series.first().map_or(1.0, State::ceiling).max(1e-9);
    ctx.set_stroke(f.grid);
    ctx.set_line_width(f.px(1.0));
    ctx.set_dash(&[f.px(4.0), f.px(3.0)]);
    ctx.begin_path();
    ctx.move_to(f.x0, p0);
    ctx.line_to(f.x1, p0);
    ctx.move_to(f.x0, p1);
    ctx.line_to(f.x1, p1);
    ctx.stroke();
    ctx.set_dash(&[]);
    ctx.set_stroke(f.fg);
    ctx.set_line_width(f.px(1.5));
    ctx.begin_path();
    let mut last = None;
    for (k, s) in series.iter().enumerate() {
        let Some(&t) = d.run.sample_times_us.get(k) else {
            break;
        };
        if t > d.playhead_us {
            break;
        }
        let y = p1 - (s.level() / ceiling).clamp(0.0, 1.0) * (p1 - p0);
        if last.is_none() {
            ctx.move_to(f.x_of(t), y);
        } else {
            ctx.line_to(f.x_of(t), y);
        }
        last = Some(s);
    }
    ctx.stroke();
    if let Some(s) = last {
        // On its own line above the plot, so it never runs into the
        // lane's title on a narrow screen.
        ctx.set_fill(f.fg);
        ctx.set_font(12.0 * f.ratio, 400);
        ctx.set_align(Align::Right);
        ctx.fill_text(&state_caption(s), f.x1, top + f.px(48.0));
    }
}

/// The time axis under the lanes, and the playhead across them.
fn paint_axis(ctx: &mut dyn Pen, f: &Frame, d: &LanesData) {
    let axis = f.px(LANE_HEIGHT) * d.run.lanes.len() as f64 + f.px(4.0);
    ctx.set_stroke(f.fg);
    ctx.set_line_width(f.px(1.0));
    ctx.begin_path();
    ctx.move_to(f.x0, axis);
    ctx.line_to(f.x1, axis);
    ctx.stroke();
    ctx.set_fill(f.fg);
    ctx.set_font(12.0 * f.ratio, 400);
    let step = crate::ui::chart::nice_ticks(f.end / 1e6, 6);
    for (i, s) in step.iter().enumerate() {
        let t = (s * 1e6) as u64;
        if t > d.end_us {
            break;
        }
        let x = f.x_of(t);
        ctx.begin_path();
        ctx.move_to(x, axis);
        ctx.line_to(x, axis + f.px(4.0));
        ctx.stroke();
        ctx.set_align(if i == 0 { Align::Left } else { Align::Center });
        ctx.fill_text(&seconds_label(t), x, axis + f.px(6.0));
    }
    if d.playhead_us != u64::MAX {
        let x = f.x_of(d.playhead_us);
        ctx.set_stroke(if d.dark { "#7cc0ff" } else { "#0059a0" });
        ctx.set_line_width(f.px(2.0));
        ctx.begin_path();
        ctx.move_to(x, 0.0);
        ctx.line_to(x, axis);
        ctx.stroke();
    }
}
