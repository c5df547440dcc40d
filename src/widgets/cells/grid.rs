//! Cells or workers as a grid on a canvas, tenants as dots sized by traffic
//! and marked by how a fault reaches them. Clicking a box (or moving to it
//! with the arrow keys and pressing Enter) toggles its failure.

use crate::draw::pen::{Align, CanvasPen, Pen};
use crate::ui::canvas::{drawing_scale, redraw_on_change};
use leptos::html::Canvas;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Tenants reached fully (vermillion squares), partly (orange circles), not at all (grey circles).
const FULL: &str = "#D55E00";
const PARTIAL: &str = "#E69F00";
const FAILED_BORDER: &str = "#D55E00";

/// Everything the grid shows.
#[derive(Clone, Debug)]
pub struct GridData {
    /// Boxes to draw.
    pub units: u32,
    /// Per unit: broken.
    pub failed: Arc<Vec<bool>>,
    /// Per unit: the tenants drawn (heaviest first) as (tenant, size 0..=1).
    pub dots: Arc<Vec<Vec<(u32, f32)>>>,
    /// Per unit: tenants on it in all (drawn or not).
    pub counts: Arc<Vec<u32>>,
    /// Per tenant: 0 fine, 1 partly hit, 2 fully hit.
    pub status: Arc<Vec<u8>>,
    /// The poison tenant, drawn with a ring.
    pub poison: Option<u32>,
    /// The keyboard cursor.
    pub cursor: Option<u32>,
    /// Draw for a dark background.
    pub dark: bool,
}

impl PartialEq for GridData {
    fn eq(&self, o: &Self) -> bool {
        self.units == o.units
            && Arc::ptr_eq(&self.failed, &o.failed)
            && Arc::ptr_eq(&self.dots, &o.dots)
            && Arc::ptr_eq(&self.counts, &o.counts)
            && Arc::ptr_eq(&self.status, &o.status)
            && self.poison == o.poison
            && self.cursor == o.cursor
            && self.dark == o.dark
    }
}

/// Columns and rows for `units` boxes in a `w`×`h` area, and the box side.
pub fn layout(units: u32, w: f64, h: f64) -> (u32, u32, f64) {
    let n = units.max(1);
    let mut best = (1, n, 0.0);
    for cols in 1..=n {
        let rows = n.div_ceil(cols);
        let side = (w / f64::from(cols)).min(h / f64::from(rows));
        if side > best.2 {
            best = (cols, rows, side);
        }
    }
    best
}

/// The unit under a point (CSS pixels from the canvas's top left), if any.
pub fn unit_at(units: u32, w: f64, h: f64, x: f64, y: f64) -> Option<u32> {
    let (cols, _, side) = layout(units, w, h);
    if side <= 0.0 || x < 0.0 || y < 0.0 {
        return None;
    }
    let (c, r) = ((x / side) as u32, (y / side) as u32);
    let u = r * cols + c;
    (c < cols && u < units).then_some(u)
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
    let size = move || {
        canvas.get_untracked().map(|c| {
            let el: &web_sys::HtmlCanvasElement = c.unchecked_ref();
            (f64::from(el.client_width()), f64::from(el.client_height()))
        })
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((w, h)) = size() else { return };
        let units = data.with_untracked(|d| d.units);
        if let Some(u) = unit_at(
            units,
            w,
            h,
            f64::from(ev.offset_x()),
            f64::from(ev.offset_y()),
        ) {
            on_cursor.run(u);
            on_toggle.run(u);
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some((w, h)) = size() else { return };
        let (units, cursor) = data.with_untracked(|d| (d.units, d.cursor.unwrap_or(0)));
        let (cols, _, _) = layout(units, w, h);
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
            on_cursor.run(n);
        }
    };
    view! {
        <canvas class="cells-grid" id="cells-grid" node_ref=canvas tabindex="0" role="img"
            aria-label=label on:click=on_click on:keydown=on_key></canvas>
    }
}

/// Draws `d` onto `canvas` (sized to its CSS box by the caller).
pub fn draw_grid(canvas: web_sys::HtmlCanvasElement, d: &GridData) -> Result<(), String> {
    let mut pen = CanvasPen::new(&canvas)?;
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    paint_grid(&mut pen, w, h, drawing_scale(), d);
    Ok(())
}

/// Paints `d` on a `w` × `h` pixel surface, `ratio` pixels to a CSS pixel.
pub fn paint_grid(ctx: &mut dyn Pen, w: f64, h: f64, ratio: f64, d: &GridData) {
    let (bg, fg, line, fine) = if d.dark {
        ("#161a20", "#e6e6e6", "#5a626d", "#8b949e")
    } else {
        ("#ffffff", "#1f2328", "#9aa1ab", "#8c8c8c")
    };
    ctx.set_fill(bg);
    ctx.fill_rect(0.0, 0.0, w, h);
    let (cols, _, side) = layout(d.units, w, h);
    let pad = (side * 0.06).clamp(1.0, 6.0 * ratio);
    ctx.set_font(11.0 * ratio, 400);
    for u in 0..d.units {
        let (c, r) = (u % cols, u / cols);
        let (x, y) = (f64::from(c) * side + pad, f64::from(r) * side + pad);
        let s = side - 2.0 * pad;
        let failed = d.failed.get(u as usize).copied().unwrap_or(false);
        ctx.set_stroke(if failed { FAILED_BORDER } else { line });
        ctx.set_line_width(if failed { 3.0 * ratio } else { ratio });
        ctx.stroke_rect(x, y, s, s);
        if failed {
            // Hatching, so a failed box reads without colour too; faint, so
            // the tenants drawn on top stay visible.
            ctx.set_line_width(ratio);
            ctx.set_alpha(0.35);
            ctx.begin_path();
            let step = (8.0 * ratio).max(s / 6.0);
            let mut k = step;
            while k < 2.0 * s {
                ctx.move_to(x + (k - s).max(0.0), y + k.min(s));
                ctx.line_to(x + k.min(s), y + (k - s).max(0.0));
                k += step;
            }
            ctx.stroke();
            ctx.set_alpha(1.0);
        }
        let label_h = if s >= 40.0 * ratio { 14.0 * ratio } else { 0.0 };
        if label_h > 0.0 {
            ctx.set_fill(fg);
            ctx.set_align(Align::Left);
            let n = d.counts.get(u as usize).copied().unwrap_or(0);
            ctx.fill_text(&format!("{u} · {n}"), x + 3.0 * ratio, y + 2.0 * ratio);
        }
        let Some(dots) = d.dots.get(u as usize) else {
            continue;
        };
        if dots.is_empty() {
            continue;
        }
        let inner = s - label_h - 4.0 * ratio;
        let per_row = (dots.len() as f64).sqrt().ceil().max(1.0);
        let slot = (s - 4.0 * ratio) / per_row;
        let slot = slot.min(inner / (dots.len() as f64 / per_row).ceil().max(1.0));
        for (i, &(tenant, size)) in dots.iter().enumerate() {
            let (col, row) = ((i as f64) % per_row, ((i as f64) / per_row).floor());
            let cx = x + 2.0 * ratio + (col + 0.5) * slot;
            let cy = y + label_h + 2.0 * ratio + (row + 0.5) * slot;
            let rad = (f64::from(size).sqrt() * slot * 0.45).max(ratio);
            let status = d.status.get(tenant as usize).copied().unwrap_or(0);
            match status {
                2 => {
                    ctx.set_fill(FULL);
                    ctx.fill_rect(cx - rad, cy - rad, 2.0 * rad, 2.0 * rad);
                }
                1 => {
                    ctx.set_fill(PARTIAL);
                    ctx.begin_path();
                    ctx.circle(cx, cy, rad);
                    ctx.fill();
                }
                _ => {
                    ctx.set_fill(fine);
                    ctx.begin_path();
                    ctx.circle(cx, cy, rad);
                    ctx.fill();
                }
            }
            if d.poison == Some(tenant) {
                ctx.set_stroke(fg);
                ctx.set_line_width(2.0 * ratio);
                ctx.begin_path();
                ctx.circle(cx, cy, rad + 3.0 * ratio);
                ctx.stroke();
            }
        }
    }
    if let Some(u) = d.cursor {
        let (c, r) = (u % cols, u / cols);
        ctx.set_stroke(if d.dark { "#7cc0ff" } else { "#0059a0" });
        ctx.set_line_width(2.0 * ratio);
        ctx.set_dash(&[4.0 * ratio, 3.0 * ratio]);
        ctx.stroke_rect(
            f64::from(c) * side + 1.0,
            f64::from(r) * side + 1.0,
            side - 2.0,
            side - 2.0,
        );
        ctx.set_dash(&[]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_fit_every_unit_and_clicks_find_them() {
        for units in [1u32, 2, 7, 10, 100, 1000] {
            let (cols, rows, side) = layout(units, 600.0, 300.0);
            assert!(cols * rows >= units);
            assert!(
                f64::from(cols) * side <= 600.0 + 1e-9 && f64::from(rows) * side <= 300.0 + 1e-9
            );
            let last = units - 1;
            let (c, r) = (last % cols, last / cols);
            let hit = unit_at(
                units,
                600.0,
                300.0,
                (f64::from(c) + 0.5) * side,
                (f64::from(r) + 0.5) * side,
            );
            assert_eq!(hit, Some(last));
        }
        assert_eq!(unit_at(3, 600.0, 300.0, 599.0, 299.0), None);
    }
}
