//! Cells or workers as a grid on a canvas, tenants as marks sized by traffic
//! and shaped by how a fault reaches them (a grey circle: untouched; an orange
//! triangle: part of its capacity lost; a vermillion square: lost entirely).
//! Clicking a box (or moving to it with the arrow keys and pressing Enter)
//! toggles its failure. The grid's columns and rows are fixed by the unit
//! count alone, so the canvas takes their shape (no empty band) and the SVG
//! laid over it (see [`super::overlay`]) lines up box for box.

use crate::draw::pen::{Align, CanvasPen, Pen};
use crate::ui::canvas::{drawing_scale, redraw_on_change};
use leptos::html::Canvas;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Lost entirely (vermillion squares), partly (orange triangles); failed boxes.
pub const FULL: &str = "#D55E00";
/// Part of a tenant's capacity lost.
pub const PARTIAL: &str = "#E69F00";
const FAILED_BORDER: &str = "#D55E00";

/// The smallest slot a tenant mark gets, in CSS pixels: marks stay at least
/// about 7 px across, enough to tell a circle, a triangle and a square apart.
pub const MIN_SLOT: f64 = 13.0;
/// The largest slot, in CSS pixels.
pub const MAX_SLOT: f64 = 40.0;

/// Everything the grid shows.
#[derive(Clone, Debug)]
pub struct GridData {
    /// Boxes to draw.
    pub units: u32,
    /// Columns and rows of boxes.
    pub shape: (u32, u32),
    /// Per unit: broken.
    pub failed: Arc<Vec<bool>>,
    /// Per unit: drawn at full strength (empty: every unit is). The others
    /// are dimmed, so what a caption names stands out.
    pub focus: Arc<Vec<bool>>,
    /// Per unit: the tenants drawn (heaviest first) as (tenant, size 0..=1).
    pub dots: Arc<Vec<Vec<(u32, f32)>>>,
    /// Per unit: tenants on it in all (drawn or not).
    pub counts: Arc<Vec<u32>>,
    /// Per tenant: 0 untouched, 1 partly, 2 entirely.
    pub status: Arc<Vec<u8>>,
    /// The tenant drawn with a ring (picked, or the poison tenant).
    pub ringed: Option<u32>,
    /// The keyboard cursor.
    pub cursor: Option<u32>,
    /// Draw for a dark background.
    pub dark: bool,
}

impl PartialEq for GridData {
    fn eq(&self, o: &Self) -> bool {
        self.units == o.units
            && self.shape == o.shape
            && Arc::ptr_eq(&self.failed, &o.failed)
            && Arc::ptr_eq(&self.focus, &o.focus)
            && Arc::ptr_eq(&self.dots, &o.dots)
            && Arc::ptr_eq(&self.counts, &o.counts)
            && Arc::ptr_eq(&self.status, &o.status)
            && self.ringed == o.ringed
            && self.cursor == o.cursor
            && self.dark == o.dark
    }
}

/// Columns and rows for `units` square boxes in an area `aspect` times as
/// wide as it is tall: the arrangement with the largest boxes (the fewest
/// columns on a tie).
pub fn shape(units: u32, aspect: f64) -> (u32, u32) {
    let n = units.max(1);
    let mut best = (1, n, 0.0);
    for cols in 1..=n {
        let rows = n.div_ceil(cols);
        let side = (aspect / f64::from(cols)).min(1.0 / f64::from(rows));
        if side > best.2 + 1e-12 {
            best = (cols, rows, side);
        }
    }
    (best.0, best.1)
}

/// Where the boxes sit in a `w`×`h` area: centred, as an SVG with the
/// viewBox `0 0 cols rows` and the default `xMidYMid meet` places them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    /// Columns.
    pub cols: u32,
    /// Rows.
    pub rows: u32,
    /// Side of a box.
    pub side: f64,
    /// Left edge of the first column.
    pub x0: f64,
    /// Top edge of the first row.
    pub y0: f64,
}

/// The boxes of a `cols`×`rows` grid in a `w`×`h` area.
pub fn geometry((cols, rows): (u32, u32), w: f64, h: f64) -> Geometry {
    let (c, r) = (f64::from(cols.max(1)), f64::from(rows.max(1)));
    let side = (w / c).min(h / r).max(0.0);
    Geometry {
        cols: cols.max(1),
        rows: rows.max(1),
        side,
        x0: (w - c * side) / 2.0,
        y0: (h - r * side) / 2.0,
    }
}

/// The unit under a point (CSS pixels from the canvas's top left), if any.
pub fn unit_at(units: u32, g: &Geometry, x: f64, y: f64) -> Option<u32> {
    let (x, y) = (x - g.x0, y - g.y0);
    if g.side <= 0.0 || x < 0.0 || y < 0.0 {
        return None;
    }
    let (c, r) = ((x / g.side) as u32, (y / g.side) as u32);
    let u = r * g.cols + c;
    (c < g.cols && r < g.rows && u < units).then_some(u)
}

/// How many marks fit in a box, and their slot: as large as `n` marks allow,
/// never under `min_slot` (then only the heaviest that fit are drawn).
pub fn mark_slots(n: usize, inner_w: f64, inner_h: f64, min_slot: f64) -> (usize, usize, f64) {
    if n == 0 || inner_w <= 0.0 || inner_h <= 0.0 {
        return (0, 1, 0.0);
    }
    let per_row = ((n as f64) * inner_w / inner_h).sqrt().ceil().max(1.0);
    let rows = (n as f64 / per_row).ceil().max(1.0);
    let slot = (inner_w / per_row).min(inner_h / rows);
    if slot >= min_slot {
        return (n, per_row as usize, slot);
    }
    let per_row = (inner_w / min_slot).floor().max(1.0);
    let rows = (inner_h / min_slot).floor().max(1.0);
    let fit = (per_row * rows) as usize;
    (
        n.min(fit),
        per_row as usize,
        min_slot.min(inner_w).min(inner_h),
    )
}

/// The grid canvas.
#[component]
pub fn CellsGrid(
    /// What to draw.
    #[prop(into)]
    data: Signal<GridData>,
    /// Accessible description.
    #[prop(into)]
    label: Signal<String>,
    /// Called with a unit to fail or restore.
    on_toggle: Callback<u32>,
    /// Called when the keyboard cursor moves.
    on_cursor: Callback<u32>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    redraw_on_change(canvas, data, draw_grid);
    crate::export::register_figure(
        "cells-grid",
        "Cells or workers, and who is hit",
        crate::export::Picture::Painted {
            paint: Arc::new(move |pen, w, h, ratio| {
                // The keyboard cursor is for the page, not for the picture.
                let d = GridData {
                    cursor: None,
                    ..data.get_untracked()
                };
                paint_grid(pen, w, h, ratio, &d);
            }),
            height: None,
        },
    );
    let geom = move || {
        canvas.get_untracked().map(|c| {
            let el: &web_sys::HtmlCanvasElement = c.unchecked_ref();
            let shape = data.with_untracked(|d| d.shape);
            geometry(
                shape,
                f64::from(el.client_width()),
                f64::from(el.client_height()),
            )
        })
    };
    // With the sliders hidden the grid is a picture: no focus, no clicks.
    let inert = crate::kit::hides(crate::embed::options::Part::Sliders);
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if inert {
            return;
        }
        let Some(g) = geom() else { return };
        let units = data.with_untracked(|d| d.units);
        if let Some(u) = unit_at(
            units,
            &g,
            f64::from(ev.offset_x()),
            f64::from(ev.offset_y()),
        ) {
            on_cursor.run(u);
            on_toggle.run(u);
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if inert {
            return;
        }
        let (units, cursor, cols) =
            data.with_untracked(|d| (d.units, d.cursor.unwrap_or(0), d.shape.0.max(1)));
        let next = match ev.key().as_str() {
            "ArrowRight" => Some((cursor + 1).min(units - 1)),
            "ArrowLeft" => Some(cursor.saturating_sub(1)),
            "ArrowDown" => Some((cursor + cols).min(units - 1)),
            "ArrowUp" => Some(cursor.saturating_sub(cols)),
            "Home" => Some(0),
            "End" => Some(units - 1),
            "Enter" | " " => {
                ev.prevent_default();
                on_toggle.run(cursor);
                None
            }
            _ => None,
        };
        if let Some(n) = next {
            ev.prevent_default();
            ev.stop_propagation();
            on_cursor.run(n);
        }
    };
    view! {
        <canvas class="cells-grid" id="cells-grid" node_ref=canvas tabindex=(!inert).then_some("0") role="img"
            aria-label=label on:click=on_click on:keydown=on_key></canvas>
    }
}

/// Draws `d` onto `canvas` (sized to its CSS box by the caller).
pub fn draw_grid(canvas: web_sys::HtmlCanvasElement, d: &GridData) -> Result<(), String> {
    let mut pen = CanvasPen::new(&canvas)?;
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    pen.clear(w, h);
    paint_grid(&mut pen, w, h, drawing_scale(), d);
    Ok(())
}

/// Colours of the grid: background, text, box lines, untouched tenants.
fn colours(dark: bool) -> (&'static str, &'static str, &'static str, &'static str) {
    if dark {
        ("#161a20", "#e6e6e6", "#5a626d", "#8b949e")
    } else {
        ("#ffffff", "#1f2328", "#9aa1ab", "#8c8c8c")
    }
}

/// Paints `d` on a `w` × `h` pixel surface, `ratio` pixels to a CSS pixel.
pub fn paint_grid(ctx: &mut dyn Pen, w: f64, h: f64, ratio: f64, d: &GridData) {
    let (bg, fg, line, _) = colours(d.dark);
    ctx.set_fill(bg);
    ctx.fill_rect(0.0, 0.0, w, h);
    let g = geometry(d.shape, w, h);
    let side = g.side;
    let pad = (side * 0.06).clamp(1.0, 6.0 * ratio);
    ctx.set_font(11.0 * ratio, 400);
    for u in 0..d.units {
        let (c, r) = (u % g.cols, u / g.cols);
        let (x, y) = (
            g.x0 + f64::from(c) * side + pad,
            g.y0 + f64::from(r) * side + pad,
        );
        let s = side - 2.0 * pad;
        let dim = !d.focus.is_empty() && !d.focus.get(u as usize).copied().unwrap_or(false);
        ctx.set_alpha(if dim { 0.3 } else { 1.0 });
        let failed = d.failed.get(u as usize).copied().unwrap_or(false);
        ctx.set_stroke(if failed { FAILED_BORDER } else { line });
        ctx.set_line_width(if failed { 3.0 * ratio } else { ratio });
        ctx.stroke_rect(x, y, s, s);
        if failed {
            hatch(ctx, x, y, s, ratio, dim);
        }
        let label_h = if s >= 44.0 * ratio { 15.0 * ratio } else { 0.0 };
        if label_h > 0.0 {
            ctx.set_fill(fg);
            ctx.set_align(Align::Left);
            let n = d.counts.get(u as usize).copied().unwrap_or(0);
            ctx.fill_text(&format!("{u} · {n}"), x + 3.0 * ratio, y + 2.0 * ratio);
        }
        if let Some(dots) = d.dots.get(u as usize) {
            paint_marks(ctx, (x, y + label_h), (s, s - label_h), ratio, dots, d);
        }
    }
    ctx.set_alpha(1.0);
    if let Some(u) = d.cursor {
        let (c, r) = (u % g.cols, u / g.cols);
        ctx.set_stroke(if d.dark { "#7cc0ff" } else { "#0059a0" });
        ctx.set_line_width(2.0 * ratio);
        ctx.set_dash(&[4.0 * ratio, 3.0 * ratio]);
        ctx.stroke_rect(
            g.x0 + f64::from(c) * side + 1.0,
            g.y0 + f64::from(r) * side + 1.0,
            side - 2.0,
            side - 2.0,
        );
        ctx.set_dash(&[]);
    }
}

/// Faint hatching over a failed box, so it reads without colour too.
fn hatch(ctx: &mut dyn Pen, x: f64, y: f64, s: f64, ratio: f64, dim: bool) {
    ctx.set_line_width(ratio);
    ctx.set_alpha(if dim { 0.12 } else { 0.35 });
    ctx.begin_path();
    let step = (8.0 * ratio).max(s / 6.0);
    let mut k = step;
    while k < 2.0 * s {
        ctx.move_to(x + (k - s).max(0.0), y + k.min(s));
        ctx.line_to(x + k.min(s), y + (k - s).max(0.0));
        k += step;
    }
    ctx.stroke();
    ctx.set_alpha(if dim { 0.3 } else { 1.0 });
}

/// The tenants of one box (`at` its top left below the label, `size` its
/// inner width and height): the heaviest that fit, each shaped by its status.
fn paint_marks(
    ctx: &mut dyn Pen,
    at: (f64, f64),
    size: (f64, f64),
    ratio: f64,
    dots: &[(u32, f32)],
    d: &GridData,
) {
    let (_, fg, _, fine) = colours(d.dark);
    let inset = 2.0 * ratio;
    let (shown, per_row, slot) = mark_slots(
        dots.len(),
        size.0 - 2.0 * inset,
        size.1 - 2.0 * inset,
        MIN_SLOT * ratio,
    );
    // Marks stay marks in a large box: the heaviest at most a few times the
    // smallest allowed.
    let slot = slot.min(MAX_SLOT * ratio);
    for (i, &(tenant, weight)) in dots.iter().take(shown).enumerate() {
        let (col, row) = ((i % per_row) as f64, (i / per_row) as f64);
        let cx = at.0 + inset + (col + 0.5) * slot;
        let cy = at.1 + inset + (row + 0.5) * slot;
        let rad = slot * (0.28 + 0.2 * f64::from(weight).sqrt());
        match d.status.get(tenant as usize).copied().unwrap_or(0) {
            2 => {
                ctx.set_fill(FULL);
                let half = rad * 0.9;
                ctx.fill_rect(cx - half, cy - half, 2.0 * half, 2.0 * half);
            }
            1 => {
                ctx.set_fill(PARTIAL);
                ctx.begin_path();
                ctx.move_to(cx, cy - rad * 1.1);
                ctx.line_to(cx + rad * 1.05, cy + rad * 0.8);
                ctx.line_to(cx - rad * 1.05, cy + rad * 0.8);
                ctx.line_to(cx, cy - rad * 1.1);
                ctx.fill();
            }
            _ => {
                ctx.set_fill(fine);
                ctx.begin_path();
                ctx.circle(cx, cy, rad * 0.85);
                ctx.fill();
            }
        }
        if d.ringed == Some(tenant) {
            ctx.set_stroke(fg);
            ctx.set_line_width(2.0 * ratio);
            ctx.begin_path();
            ctx.circle(cx, cy, rad + 2.5 * ratio);
            ctx.stroke();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_fit_every_unit_and_clicks_find_them() {
        for units in [1u32, 2, 7, 8, 10, 20, 100, 1000] {
            let (cols, rows) = shape(units, 2.0);
            assert!(cols * rows >= units && cols * (rows - 1) < units, "{units}");
            // A canvas of the grid's own shape has no empty band.
            let g = geometry((cols, rows), f64::from(cols) * 30.0, f64::from(rows) * 30.0);
            assert!((g.side - 30.0).abs() < 1e-9 && g.x0.abs() < 1e-9 && g.y0.abs() < 1e-9);
            let last = units - 1;
            let (c, r) = (last % cols, last / cols);
            let hit = unit_at(
                units,
                &g,
                (f64::from(c) + 0.5) * g.side,
                (f64::from(r) + 0.5) * g.side,
            );
            assert_eq!(hit, Some(last));
        }
        assert_eq!(shape(10, 2.0), (5, 2));
        assert_eq!(shape(8, 2.0), (4, 2));
        // A wider area centres the grid: clicks left of it find nothing.
        let g = geometry((2, 1), 400.0, 100.0);
        assert_eq!((g.side, g.x0, g.y0), (100.0, 100.0, 0.0));
        assert_eq!(unit_at(2, &g, 50.0, 50.0), None);
        assert_eq!(unit_at(2, &g, 250.0, 50.0), Some(1));
    }

    #[test]
    fn marks_never_shrink_below_the_smallest_slot() {
        // Few marks in a big box: as large as they can be.
        let (n, per_row, slot) = mark_slots(4, 100.0, 100.0, 13.0);
        assert_eq!((n, per_row), (4, 2));
        assert!((slot - 50.0).abs() < 1e-9);
        // Many marks in a small box: only those that fit, none smaller.
        let (n, per_row, slot) = mark_slots(64, 40.0, 40.0, 13.0);
        assert_eq!((n, per_row, slot), (9, 3, 13.0));
        assert_eq!(mark_slots(0, 40.0, 40.0, 13.0).0, 0);
    }
}
