//! The marks of one lane, and the arrivals above them: every request one by
//! one where they fit, counts per pixel column where they do not, the
//! requests still falling on their way down, and the limiter's state.

use super::labels::{short_caption, state_caption, text_width};
use super::paint::{fallen, Frame, LanesData, ACCEPTED, DELAYED, DIMMED, PLOT_TOP, REJECTED};
use crate::draw::pen::{Align, Pen};
use sim::rate_limit::{Lane, State};

/// The requests as they arrive, before any limiter: neutral ticks (or counts
/// per column) along the top, under the word "Arriving".
pub(super) fn paint_arrivals(
    ctx: &mut dyn Pen,
    f: &Frame,
    d: &LanesData,
    range: std::ops::Range<usize>,
    one_by_one: bool,
) {
    let (y0, y1) = (f.px(16.0), f.px(28.0));
    ctx.set_stroke(f.fg);
    ctx.set_fill(f.fg);
    ctx.set_alpha(0.6);
    ctx.set_line_width(f.px(1.5));
    if one_by_one {
        ctx.begin_path();
        for &t in &d.times[range] {
            let x = f.x_of(t).round() + 0.5;
            ctx.move_to(x, y0);
            ctx.line_to(x, y1);
        }
        ctx.stroke();
    } else {
        let columns = f.span().round().max(1.0) as usize;
        let bins = bin(f, &d.times[range], columns, |_| true);
        let most = f64::from(bins.iter().copied().max().unwrap_or(1).max(1));
        let width = (f.span() / columns as f64).max(1.0);
        for (c, &n) in bins.iter().enumerate() {
            if n > 0 {
                let hgt = (f64::from(n) / most * (y1 - y0)).max(f.px(1.0));
                ctx.fill_rect(f.x0 + c as f64 * width, y1 - hgt, width, hgt);
            }
        }
    }
    ctx.set_alpha(1.0);
    ctx.set_font(11.0 * f.ratio, 600);
    ctx.set_align(Align::Left);
    ctx.fill_text("Arriving", f.x0, f.px(2.0));
}

/// Counts per pixel column of the times `keep` accepts (by index in `times`).
fn bin(f: &Frame, times: &[u64], columns: usize, keep: impl Fn(usize) -> bool) -> Vec<u32> {
    let mut out = vec![0u32; columns + 1];
    for (i, &t) in times.iter().enumerate() {
        if keep(i) {
            let c = (f.frac(t).clamp(0.0, 1.0) * columns as f64) as usize;
            out[c] += 1;
        }
    }
    out
}

/// Every request of a lane as its own mark: a tick up when let through
/// (with a line to its release when it waited), a cross below when refused.
/// A request still falling is drawn on its way down from the arrivals, grey
/// until it lands.
pub(super) fn paint_marks(
    ctx: &mut dyn Pen,
    f: &Frame,
    d: &LanesData,
    lane: &Lane,
    range: std::ops::Range<usize>,
    mid: f64,
) {
    let accepted_colour = ACCEPTED[usize::from(d.dark)];
    let base = if d.marked.is_empty() || d.marked.contains(&lane.kind) {
        1.0
    } else {
        DIMMED
    };
    for i in range {
        let t = d.times[i];
        let q = fallen(f, d, t);
        if q <= 0.0 {
            continue;
        }
        let x = f.x_of(t).round() + 0.5;
        // Eased: quick at first, settling into place.
        let drop = (1.0 - q) * (1.0 - q) * (mid - f.px(20.0));
        let landed = q >= 0.85;
        let accepted = lane.accepted.get(i).copied().unwrap_or(false);
        let delay = lane.delays_us.get(i).copied().unwrap_or(0);
        if !landed {
            ctx.set_alpha(base * (0.35 + 0.65 * q));
        }
        if accepted {
            let colour = match (landed, delay > 0) {
                (false, _) => f.fg,
                (true, true) => DELAYED,
                (true, false) => accepted_colour,
            };
            let y = mid - drop;
            ctx.set_stroke(colour);
            ctx.set_line_width(f.px(2.0));
            ctx.begin_path();
            ctx.move_to(x, y);
            ctx.line_to(x, y - f.px(12.0));
            ctx.stroke();
            if delay > 0 && landed {
                // The line to its release stops at the axis's end when the
                // release is later than the stretch shown.
                let release = f.x_of(t.saturating_add(delay));
                let (y0, y1) = (mid - f.px(12.0), mid - f.px(4.0));
                let end = release.min(f.x1);
                let share = if release > x {
                    (end - x) / (release - x)
                } else {
                    1.0
                };
                ctx.set_line_width(f.px(1.0));
                ctx.begin_path();
                ctx.move_to(x, y0);
                ctx.line_to(end, y0 + (y1 - y0) * share);
                ctx.stroke();
            }
        } else {
            let (cy, r) = (mid + f.px(7.0) - drop, f.px(3.5));
            ctx.set_stroke(if landed { REJECTED } else { f.fg });
            ctx.set_line_width(f.px(1.8));
            ctx.begin_path();
            ctx.move_to(x - r, cy - r);
            ctx.line_to(x + r, cy + r);
            ctx.move_to(x - r, cy + r);
            ctx.line_to(x + r, cy - r);
            ctx.stroke();
        }
        ctx.set_alpha(base);
    }
}

/// Too many requests to draw one by one: counts per pixel column, scaled to
/// the busiest, up for let through and down for refused; while the requests
/// fall, the columns grow into place from left to right.
pub(super) fn paint_columns(
    ctx: &mut dyn Pen,
    f: &Frame,
    d: &LanesData,
    lane: &Lane,
    range: std::ops::Range<usize>,
    mid: f64,
    columns: usize,
) {
    let lo = range.start;
    let times = &d.times[range];
    let ok = |i: usize| lane.accepted.get(lo + i).copied().unwrap_or(false);
    let acc = bin(f, times, columns, ok);
    let rej = bin(f, times, columns, |i| !ok(i));
    let most = f64::from(acc.iter().chain(&rej).copied().max().unwrap_or(1).max(1));
    let width = (f.span() / columns as f64).max(1.0);
    let accepted_colour = ACCEPTED[usize::from(d.dark)];
    for (colour, counts, up) in [(accepted_colour, &acc, true), (REJECTED, &rej, false)] {
        ctx.set_fill(colour);
        for (c, &n) in counts.iter().enumerate() {
            let grown = ((d.fall - 0.6 * c as f64 / columns as f64) / 0.4).clamp(0.0, 1.0);
            if n == 0 || grown <= 0.0 {
                continue;
            }
            let hgt = (f64::from(n) / most * f.px(14.0) * grown).max(f.px(1.0));
            let x = f.x0 + c as f64 * width;
            let y = if up { mid - hgt } else { mid + f.px(1.0) };
            ctx.fill_rect(x, y, width, hgt);
        }
    }
}

/// The state of the lane's first client over time, against its ceiling, up
/// to the playhead; the lane's name and the state's last value on the line above.
pub(super) fn paint_state(ctx: &mut dyn Pen, f: &Frame, lane: &Lane, d: &LanesData, top: f64) {
    let (p0, p1) = (top + f.px(PLOT_TOP), top + f.lane - f.px(5.0));
    let series = lane.series.first().map_or(&[][..], Vec::as_slice);
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
    let until = d.playhead_us.min(d.to_us);
    for (k, s) in series.iter().enumerate() {
        let Some(&t) = d.run.sample_times_us.get(k) else {
            break;
        };
        if t > until {
            break;
        }
        // The sample just before the range starts the line at its left edge.
        let next_in = d
            .run
            .sample_times_us
            .get(k + 1)
            .is_some_and(|&n| n >= d.from_us);
        if t < d.from_us && !next_in {
            continue;
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
    ctx.set_fill(f.fg);
    ctx.set_font(13.0 * f.ratio, 600);
    ctx.set_align(Align::Left);
    let title = lane.kind.label();
    ctx.fill_text(title, f.x0, top + f.px(2.0));
    if let Some(s) = last {
        // Beside the title when both fit, else the short form.
        let room = f.span() / f.ratio - text_width(title, 13.0, true) - 12.0;
        let full = state_caption(s);
        let text = if text_width(&full, 12.0, false) <= room {
            full
        } else {
            short_caption(s)
        };
        ctx.set_font(12.0 * f.ratio, 400);
        ctx.set_align(Align::Right);
        ctx.fill_text(&text, f.x1, top + f.px(3.0));
    }
}
