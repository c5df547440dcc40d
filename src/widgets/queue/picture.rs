//! The picture: the balancer on the left, a lane per server on the right,
//! each job a square in its server's line (the one in service at the server),
//! jobs on their way as dots; painted with a [`Pen`], on the page's canvas
//! and in the preview alike. It replays the run's trace: a moment of
//! simulated time, which "Play" moves on.

use super::model::{self, Snapshot};
use crate::draw::palette::{on_page, BLUE};
use crate::draw::pen::{Align, CanvasPen, Pen};
use crate::ui::canvas::drawing_scale;

/// The slow server's colour (Okabe–Ito vermillion).
pub const SLOW: &str = "#D55E00";

/// Everything the picture shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PictureData {
    /// The moment.
    pub snap: Snapshot,
    /// Each server's speed (1 is normal).
    pub speeds: Vec<f64>,
    /// One shared queue rather than a balancer.
    pub shared: bool,
    /// The balancer's name.
    pub policy: String,
    /// Highlight the slow server.
    pub mark_slow: bool,
    /// Draw for a dark page.
    pub dark: bool,
}

/// Colours: background, text, faint lines, lane fill.
fn colours(dark: bool) -> (&'static str, &'static str, &'static str, &'static str) {
    if dark {
        ("#161a20", "#e6e6e6", "#5a626d", "#20262e")
    } else {
        ("#ffffff", "#1f2328", "#9aa1ab", "#f1f3f5")
    }
}

/// Where things are, for a `w` × `h` surface at `ratio`.
struct Geometry {
    /// The balancer's box: x, y, width, height.
    balancer: (f64, f64, f64, f64),
    /// Lanes: left x, right x (the server's box starts there), top y, row height.
    lane_left: f64,
    lane_right: f64,
    top: f64,
    row: f64,
    /// The server boxes' width.
    server_w: f64,
    /// Side of one job's square.
    square: f64,
}

fn geometry(n: usize, w: f64, h: f64, ratio: f64) -> Geometry {
    let pad = 8.0 * ratio;
    let bw = (w * 0.16).clamp(44.0 * ratio, 110.0 * ratio);
    let bh = (h * 0.22).clamp(30.0 * ratio, 70.0 * ratio);
    let server_w = (w * 0.09).clamp(28.0 * ratio, 56.0 * ratio);
    let top = pad;
    let row = ((h - 2.0 * pad) / n.max(1) as f64).max(1.0);
    let square = (row * 0.62).clamp(1.0, 12.0 * ratio);
    Geometry {
        balancer: (pad, (h - bh) / 2.0, bw, bh),
        lane_left: pad + bw + (w * 0.12).max(24.0 * ratio),
        lane_right: w - pad - server_w,
        top,
        row,
        server_w,
        square,
    }
}

/// Paints `d` on a `w` × `h` pixel surface, `ratio` pixels to a CSS pixel.
pub fn paint(ctx: &mut dyn Pen, w: f64, h: f64, ratio: f64, d: &PictureData) {
    let (bg, fg, faint, lane) = colours(d.dark);
    let blue = on_page(BLUE, d.dark);
    ctx.set_fill(bg);
    ctx.fill_rect(0.0, 0.0, w, h);
    let n = d.snap.queues.len();
    if n == 0 {
        return;
    }
    let g = geometry(n, w, h, ratio);
    let (bx, by, bw, bh) = g.balancer;
    let cy = by + bh / 2.0;
    let row_cy = |i: usize| g.top + g.row * (i as f64 + 0.5);
    let labels = g.row >= 13.0 * ratio;
    // Paths from the balancer to each lane, while they can be told apart.
    if n <= 24 {
        ctx.set_stroke(faint);
        ctx.set_line_width(ratio);
        ctx.set_alpha(0.6);
        for i in 0..n {
            ctx.begin_path();
            ctx.move_to(bx + bw, cy);
            ctx.line_to(g.lane_left, row_cy(i));
            ctx.stroke();
        }
        ctx.set_alpha(1.0);
    }
    // The balancer, or the shared queue with its waiting jobs.
    ctx.set_fill(lane);
    ctx.fill_rect(bx, by, bw, bh);
    ctx.set_stroke(fg);
    ctx.set_line_width(1.5 * ratio);
    ctx.stroke_rect(bx, by, bw, bh);
    ctx.set_fill(fg);
    ctx.set_align(Align::Center);
    ctx.set_font(11.0 * ratio, 600);
    let title = if d.shared { "one queue" } else { "balancer" };
    ctx.fill_text(title, bx + bw / 2.0, by + 4.0 * ratio);
    ctx.set_font(10.0 * ratio, 400);
    if d.shared {
        let waiting = d.snap.shared_waiting;
        ctx.fill_text(
            &format!("{waiting} waiting"),
            bx + bw / 2.0,
            by + bh - 14.0 * ratio,
        );
        let s = 6.0 * ratio;
        let per_row = ((bw - 8.0 * ratio) / (s + 2.0 * ratio)).floor().max(1.0) as u32;
        let shown = waiting.min(per_row * 2);
        ctx.set_fill(fg);
        for k in 0..shown {
            let (r, c) = (k / per_row, k % per_row);
            ctx.fill_rect(
                bx + 4.0 * ratio + f64::from(c) * (s + 2.0 * ratio),
                by + 20.0 * ratio + f64::from(r) * (s + 2.0 * ratio),
                s,
                s,
            );
        }
    } else if bh >= 44.0 * ratio {
        ctx.fill_text(&short(&d.policy), bx + bw / 2.0, by + 20.0 * ratio);
    }
    // The lanes.
    for (i, &q) in d.snap.queues.iter().enumerate() {
        let y = row_cy(i);
        let slow = d.speeds.get(i).is_some_and(|&s| s < 1.0);
        let colour = if slow { SLOW } else { blue };
        let lh = (g.row * 0.8).max(1.0);
        ctx.set_fill(lane);
        ctx.fill_rect(g.lane_left, y - lh / 2.0, g.lane_right - g.lane_left, lh);
        // The server: filled while it works.
        let sx = g.lane_right + 2.0 * ratio;
        let sw = g.server_w - 2.0 * ratio;
        if q > 0 {
            ctx.set_fill(colour);
            ctx.fill_rect(sx, y - lh / 2.0, sw, lh);
        }
        ctx.set_stroke(colour);
        ctx.set_line_width(if slow && d.mark_slow { 2.5 } else { 1.2 } * ratio);
        ctx.stroke_rect(sx, y - lh / 2.0, sw, lh);
        if labels {
            let size = (g.row * 0.5).min(11.0 * ratio);
            ctx.set_fill(if q > 0 {
                crate::draw::palette::text_on(colour)
            } else {
                fg
            });
            ctx.set_align(Align::Center);
            ctx.set_font(size, 600);
            ctx.fill_text(
                &format!("S{}", i + 1),
                sx + sw / 2.0,
                y - size / 2.0 - ratio,
            );
        }
        // A slower server says how much slower, left of its lane.
        if let Some(&s) = d.speeds.get(i).filter(|&&s| s < 1.0) {
            let size = (g.row * 0.6).clamp(8.0 * ratio, 11.0 * ratio);
            ctx.set_fill(SLOW);
            ctx.set_align(Align::Right);
            ctx.set_font(size, 700);
            ctx.fill_text(
                &format!("×{}", crate::decimal::shortest(s)),
                g.lane_left - 3.0 * ratio,
                y - size / 2.0,
            );
        }
        // The waiting jobs, from the server leftwards.
        let waiting = q.saturating_sub(1);
        let step = g.square + (g.square * 0.3).max(ratio);
        let room = ((g.lane_right - g.lane_left - 4.0 * ratio) / step)
            .floor()
            .max(0.0) as u32;
        let overflow = waiting > room;
        let drawn = if overflow {
            room.saturating_sub(4)
        } else {
            waiting
        };
        ctx.set_fill(colour);
        for k in 0..drawn {
            let x = g.lane_right - step * f64::from(k + 1);
            ctx.fill_rect(x, y - g.square / 2.0, g.square, g.square);
        }
        if overflow {
            ctx.set_fill(fg);
            ctx.set_align(Align::Left);
            ctx.set_font((g.row * 0.6).clamp(7.0 * ratio, 11.0 * ratio), 600);
            ctx.fill_text(
                &format!("+{}", waiting - drawn),
                g.lane_left + 2.0 * ratio,
                y - (g.row * 0.6).clamp(7.0 * ratio, 11.0 * ratio) / 2.0,
            );
        }
    }
    // Jobs on their way.
    ctx.set_fill(fg);
    let r = (g.square * 0.45).max(1.5 * ratio);
    for &(s, f) in &d.snap.flying {
        let (x0, y0) = (bx + bw, cy);
        let (x1, y1) = (g.lane_left, row_cy(s as usize));
        ctx.begin_path();
        ctx.circle(x0 + (x1 - x0) * f, y0 + (y1 - y0) * f, r);
        ctx.fill();
    }
}

/// A policy's name, short enough for the balancer's box.
fn short(name: &str) -> String {
    match name {
        "least outstanding" => "least out.".into(),
        "two random choices" => "2 choices".into(),
        n if n.starts_with("shortest of") => n
            .replace("shortest of ", "")
            .replace(" random choices", " choices"),
        n => n.into(),
    }
}

/// Draws `d` onto `canvas`.
pub fn draw(canvas: web_sys::HtmlCanvasElement, d: &PictureData) -> Result<(), String> {
    let mut pen = CanvasPen::new(&canvas)?;
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    pen.clear(w, h);
    paint(&mut pen, w, h, drawing_scale(), d);
    Ok(())
}

/// The picture's data at simulated time `t` of `report`.
pub fn data_at(
    report: &sim::queue::Report,
    t: f64,
    policy: String,
    mark_slow: bool,
    dark: bool,
) -> PictureData {
    PictureData {
        snap: model::snapshot(report, t),
        speeds: report.config.speeds.clone(),
        shared: report.config.policy == sim::queue::Policy::SharedQueue,
        policy,
        mark_slow,
        dark,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::pen::SvgPen;

    #[test]
    fn paints_every_server_and_the_overflow() {
        let d = PictureData {
            snap: Snapshot {
                time: 1.0,
                queues: vec![500, 0, 2, 1],
                shared_waiting: 0,
                flying: vec![(1, 0.5)],
            },
            speeds: vec![0.3, 1.0, 1.0, 1.0],
            shared: false,
            policy: "round robin".into(),
            mark_slow: true,
            dark: false,
        };
        let mut pen = SvgPen::new(400.0, 240.0);
        paint(&mut pen, 400.0, 240.0, 1.0, &d);
        let svg = pen.finish();
        for t in ["S1", "×0.3", "S2", "S4", "+", "balancer"] {
            assert!(svg.contains(t), "no {t}");
        }
    }
}
