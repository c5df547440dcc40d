//! Rate-limiter lanes on one canvas: per algorithm, every request as a mark on
//! a shared time axis (accepted up, rejected down, a delay as a line to its
//! release) and, under it, the limiter's state over time.
//!
//! Drawn with the canvas's own 2D calls rather than plotters: a lane may hold
//! a million marks, binned per pixel column once they no longer fit.

use crate::ui::chart::{fit_to_css_size, pixel_ratio, redraw_on_change};
use leptos::html::Canvas;
use leptos::prelude::*;
use sim::rate_limit::{Run, State};
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};

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
    let height = move || {
        let n = data.with(|d| d.run.lanes.len()).max(1) as f64;
        format!("height:{}px", n * LANE_HEIGHT + AXIS_HEIGHT)
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

/// Draws every lane of `d` onto `canvas`.
pub fn draw_lanes(canvas: web_sys::HtmlCanvasElement, d: &LanesData) -> Result<(), String> {
    fit_to_css_size(&canvas);
    let ratio = pixel_ratio();
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(|_| "no 2d context")?
        .ok_or("no 2d context")?
        .dyn_into()
        .map_err(|_| "not a 2d context")?;
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    let (bg, fg, grid) = if d.dark {
        ("#161a20", "#e6e6e6", "#3a414b")
    } else {
        ("#ffffff", "#1f2328", "#d0d4da")
    };
    ctx.set_fill_style_str(bg);
    ctx.fill_rect(0.0, 0.0, w, h);
    let px = |v: f64| v * ratio;
    let (x0, x1) = (px(8.0), w - px(8.0));
    let span = (x1 - x0).max(1.0);
    let end = d.end_us.max(1) as f64;
    let x_of = |t: u64| x0 + (t as f64 / end).min(1.0) * span;
    let visible = d.times.partition_point(|&t| t <= d.playhead_us);
    let font = format!("{}px system-ui, sans-serif", (12.0 * ratio).round());
    let bold = format!("600 {}px system-ui, sans-serif", (13.0 * ratio).round());
    ctx.set_text_baseline("top");

    for (li, lane) in d.run.lanes.iter().enumerate() {
        let top = px(LANE_HEIGHT) * li as f64;
        ctx.set_fill_style_str(fg);
        ctx.set_font(&bold);
        ctx.set_text_align("left");
        let _ = ctx.fill_text(lane.kind.label(), x0, top + px(2.0));
        // Marks: accepted rise from the middle line, rejected hang below it.
        let mid = top + px(34.0);
        ctx.set_stroke_style_str(grid);
        ctx.set_line_width(px(1.0));
        ctx.begin_path();
        ctx.move_to(x0, mid);
        ctx.line_to(x1, mid);
        ctx.stroke();
        let columns = span.round().max(1.0) as usize;
        if visible * 2 <= columns {
            for i in 0..visible {
                let x = x_of(d.times[i]).round() + 0.5;
                let accepted = lane.accepted.get(i).copied().unwrap_or(false);
                let delay = lane.delays_us.get(i).copied().unwrap_or(0);
                if accepted {
                    let colour = if delay > 0 { DELAYED } else { ACCEPTED };
                    ctx.set_stroke_style_str(colour);
                    ctx.set_line_width(px(2.0));
                    ctx.begin_path();
                    ctx.move_to(x, mid);
                    ctx.line_to(x, mid - px(12.0));
                    ctx.stroke();
                    if delay > 0 {
                        let release = x_of(d.times[i].saturating_add(delay));
                        ctx.set_line_width(px(1.0));
                        ctx.begin_path();
                        ctx.move_to(x, mid - px(12.0));
                        ctx.line_to(release, mid - px(4.0));
                        ctx.stroke();
                    }
                } else {
                    let (cy, r) = (mid + px(7.0), px(3.5));
                    ctx.set_stroke_style_str(REJECTED);
                    ctx.set_line_width(px(1.8));
                    ctx.begin_path();
                    ctx.move_to(x - r, cy - r);
                    ctx.line_to(x + r, cy + r);
                    ctx.move_to(x - r, cy + r);
                    ctx.line_to(x + r, cy - r);
                    ctx.stroke();
                }
            }
        } else {
            // Too many to draw one by one: counts per pixel column, scaled to the busiest.
            let mut acc = vec![0u32; columns + 1];
            let mut rej = vec![0u32; columns + 1];
            for i in 0..visible {
                let c = (((d.times[i] as f64 / end).min(1.0)) * columns as f64) as usize;
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
            for (colour, counts, up) in [(ACCEPTED, &acc, true), (REJECTED, &rej, false)] {
                ctx.set_fill_style_str(colour);
                for (c, &n) in counts.iter().enumerate() {
                    if n == 0 {
                        continue;
                    }
                    let hgt = (f64::from(n) / most * px(14.0)).max(px(1.0));
                    let x = x0 + c as f64 * span / columns as f64;
                    let y = if up { mid - hgt } else { mid + px(1.0) };
                    ctx.fill_rect(x, y, (span / columns as f64).max(1.0), hgt);
                }
            }
        }
        // The state of the first client over time, against its ceiling.
        let (p0, p1) = (top + px(64.0), top + px(96.0));
        if let Some(series) = lane.series.first() {
            let ceiling = series.first().map_or(1.0, State::ceiling).max(1e-9);
            ctx.set_stroke_style_str(grid);
            ctx.set_line_width(px(1.0));
            let dash = js_sys::Array::of2(&JsValue::from_f64(px(4.0)), &JsValue::from_f64(px(3.0)));
            let _ = ctx.set_line_dash(&dash);
            ctx.begin_path();
            ctx.move_to(x0, p0);
            ctx.line_to(x1, p0);
            ctx.move_to(x0, p1);
            ctx.line_to(x1, p1);
            ctx.stroke();
            let _ = ctx.set_line_dash(&js_sys::Array::new());
            ctx.set_stroke_style_str(fg);
            ctx.set_line_width(px(1.5));
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
                    ctx.move_to(x_of(t), y);
                } else {
                    ctx.line_to(x_of(t), y);
                }
                last = Some(s);
            }
            ctx.stroke();
            if let Some(s) = last {
                // On its own line above the plot, so it never runs into the
                // lane's title on a narrow screen.
                ctx.set_fill_style_str(fg);
                ctx.set_font(&font);
                ctx.set_text_align("right");
                let _ = ctx.fill_text(&state_caption(s), x1, top + px(48.0));
            }
        }
    }

    // Time axis.
    let axis = px(LANE_HEIGHT) * d.run.lanes.len() as f64 + px(4.0);
    ctx.set_stroke_style_str(fg);
    ctx.set_line_width(px(1.0));
    ctx.begin_path();
    ctx.move_to(x0, axis);
    ctx.line_to(x1, axis);
    ctx.stroke();
    ctx.set_fill_style_str(fg);
    ctx.set_font(&font);
    let step = crate::ui::chart::nice_ticks(end / 1e6, 6);
    for (i, s) in step.iter().enumerate() {
        let t = (s * 1e6) as u64;
        if t > d.end_us {
            break;
        }
        let x = x_of(t);
        ctx.begin_path();
        ctx.move_to(x, axis);
        ctx.line_to(x, axis + px(4.0));
        ctx.stroke();
        ctx.set_text_align(if i == 0 { "left" } else { "center" });
        let _ = ctx.fill_text(&seconds_label(t), x, axis + px(6.0));
    }
    if d.playhead_us != u64::MAX {
        let x = x_of(d.playhead_us);
        ctx.set_stroke_style_str(if d.dark { "#7cc0ff" } else { "#0059a0" });
        ctx.set_line_width(px(2.0));
        ctx.begin_path();
        ctx.move_to(x, 0.0);
        ctx.line_to(x, axis);
        ctx.stroke();
    }
    Ok(())
}
