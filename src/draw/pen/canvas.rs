//! The [`Pen`] on an on-screen canvas.

use super::{Align, Pen};
use crate::draw::math;
use wasm_bindgen::{JsCast, JsValue};

/// A [`Pen`] on a canvas's 2D context.
pub struct CanvasPen {
    ctx: web_sys::CanvasRenderingContext2d,
}

impl CanvasPen {
    /// Opens `canvas` for painting, text placed by its top edge.
    pub fn new(canvas: &web_sys::HtmlCanvasElement) -> Result<Self, String> {
        let ctx: web_sys::CanvasRenderingContext2d = canvas
            .get_context("2d")
            .map_err(|_| "no 2d context")?
            .ok_or("no 2d context")?
            .dyn_into()
            .map_err(|_| "not a 2d context")?;
        ctx.set_text_baseline("top");
        Ok(Self { ctx })
    }

    /// Makes a `w` × `h` area transparent again.
    pub fn clear(&mut self, w: f64, h: f64) {
        self.ctx.clear_rect(0.0, 0.0, w, h);
    }
}

impl Pen for CanvasPen {
    fn set_fill(&mut self, colour: &str) {
        self.ctx.set_fill_style_str(colour);
    }
    fn set_stroke(&mut self, colour: &str) {
        self.ctx.set_stroke_style_str(colour);
    }
    fn set_line_width(&mut self, width: f64) {
        self.ctx.set_line_width(width);
    }
    fn set_dash(&mut self, pattern: &[f64]) {
        let a: js_sys::Array = pattern.iter().map(|&v| JsValue::from_f64(v)).collect();
        let _ = self.ctx.set_line_dash(&a);
    }
    fn set_alpha(&mut self, alpha: f64) {
        self.ctx.set_global_alpha(alpha);
    }
    fn set_font(&mut self, size: f64, weight: u16) {
        self.ctx.set_font(&format!(
            "{weight} {}px system-ui, sans-serif",
            size.round() as i64
        ));
    }
    fn set_align(&mut self, align: Align) {
        self.ctx.set_text_align(match align {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        });
    }
    fn begin_path(&mut self) {
        self.ctx.begin_path();
    }
    fn move_to(&mut self, x: f64, y: f64) {
        self.ctx.move_to(x, y);
    }
    fn line_to(&mut self, x: f64, y: f64) {
        self.ctx.line_to(x, y);
    }
    fn circle(&mut self, cx: f64, cy: f64, r: f64) {
        self.ctx.move_to(cx + r, cy);
        let _ = self.ctx.arc(cx, cy, r, 0.0, std::f64::consts::TAU);
    }
    fn arc(&mut self, cx: f64, cy: f64, r: f64, start: f64, sweep: f64) {
        self.ctx
            .move_to(cx + r * math::cos(start), cy + r * math::sin(start));
        let _ = self.ctx.arc(cx, cy, r, start, start + sweep);
    }
    fn fill(&mut self) {
        self.ctx.fill();
    }
    fn stroke(&mut self) {
        self.ctx.stroke();
    }
    fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.ctx.fill_rect(x, y, w, h);
    }
    fn stroke_rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.ctx.stroke_rect(x, y, w, h);
    }
    fn fill_text(&mut self, text: &str, x: f64, y: f64) {
        let _ = self.ctx.fill_text(text, x, y);
    }
}
