//! One drawing vocabulary, two surfaces: a [`Pen`] is what the hand-drawn
//! diagrams (the rate limiter's lanes, the cells grid, the cache's queues)
//! paint with, so the same paint function fills an on-screen canvas
//! ([`CanvasPen`]) and writes a vector SVG for export ([`SvgPen`]).
//!
//! The calls mirror the canvas 2D API the diagrams were first written
//! against: state setters, then a path built and filled or stroked. Text is
//! always placed by its top edge.

use crate::draw::math;
use std::fmt::Write;
use wasm_bindgen::{JsCast, JsValue};

/// Horizontal anchor of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// `x` is the text's left edge.
    Left,
    /// `x` is the text's centre.
    Center,
    /// `x` is the text's right edge.
    Right,
}

/// A surface the diagrams paint on, in device pixels.
pub trait Pen {
    /// Colour of later fills and text (`#RRGGBB`).
    fn set_fill(&mut self, colour: &str);
    /// Colour of later strokes.
    fn set_stroke(&mut self, colour: &str);
    /// Width of later strokes.
    fn set_line_width(&mut self, width: f64);
    /// Dash pattern of later strokes: dash and gap lengths; empty for solid.
    fn set_dash(&mut self, pattern: &[f64]);
    /// Opacity of everything drawn later, 0 to 1.
    fn set_alpha(&mut self, alpha: f64);
    /// Font of later text: size in pixels and weight (400 normal, 600 bold).
    fn set_font(&mut self, size: f64, weight: u16);
    /// Anchor of later text.
    fn set_align(&mut self, align: Align);
    /// Starts a new path.
    fn begin_path(&mut self);
    /// Starts a sub-path at a point.
    fn move_to(&mut self, x: f64, y: f64);
    /// Adds a straight segment to a point.
    fn line_to(&mut self, x: f64, y: f64);
    /// Adds a whole circle as a sub-path.
    fn circle(&mut self, cx: f64, cy: f64, r: f64);
    /// Adds an arc of the circle (`cx`, `cy`, `r`) as a sub-path: from angle
    /// `start` (radians, 0 pointing right) clockwise on screen by `sweep`.
    fn arc(&mut self, cx: f64, cy: f64, r: f64, start: f64, sweep: f64);
    /// Fills the current path.
    fn fill(&mut self);
    /// Strokes the current path.
    fn stroke(&mut self);
    /// Fills a rectangle.
    fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64);
    /// Strokes a rectangle's outline.
    fn stroke_rect(&mut self, x: f64, y: f64, w: f64, h: f64);
    /// Writes text with its top edge at `y`.
    fn fill_text(&mut self, text: &str, x: f64, y: f64);
}

/// A [`Pen`] that draws nothing: for painting functions that report the height
/// they need.
#[derive(Debug, Default)]
pub struct NullPen;

impl Pen for NullPen {
    fn set_fill(&mut self, _: &str) {}
    fn set_stroke(&mut self, _: &str) {}
    fn set_line_width(&mut self, _: f64) {}
    fn set_dash(&mut self, _: &[f64]) {}
    fn set_alpha(&mut self, _: f64) {}
    fn set_font(&mut self, _: f64, _: u16) {}
    fn set_align(&mut self, _: Align) {}
    fn begin_path(&mut self) {}
    fn move_to(&mut self, _: f64, _: f64) {}
    fn line_to(&mut self, _: f64, _: f64) {}
    fn circle(&mut self, _: f64, _: f64, _: f64) {}
    fn arc(&mut self, _: f64, _: f64, _: f64, _: f64, _: f64) {}
    fn fill(&mut self) {}
    fn stroke(&mut self) {}
    fn fill_rect(&mut self, _: f64, _: f64, _: f64, _: f64) {}
    fn stroke_rect(&mut self, _: f64, _: f64, _: f64, _: f64) {}
    fn fill_text(&mut self, _: &str, _: f64, _: f64) {}
}

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

/// A [`Pen`] that writes an SVG document.
#[derive(Debug)]
pub struct SvgPen {
    out: String,
    path: String,
    fill: String,
    stroke: String,
    width: f64,
    dash: String,
    alpha: f64,
    font: (f64, u16),
    align: Align,
    /// The attributes of the stroked path written last, while nothing else
    /// followed it: an opaque stroke with the same attributes joins that path
    /// (the same picture, in fewer elements).
    last_stroke: Option<String>,
}

/// A number for an SVG attribute: two decimals at most, no trailing zeros.
fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".to_owned();
    }
    let s = crate::decimal::fixed(v, 2);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// Escapes text for SVG content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

impl SvgPen {
    /// A blank document `width` × `height` pixels.
    pub fn new(width: f64, height: f64) -> Self {
        let mut out = String::with_capacity(64 * 1024);
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">",
            w = num(width),
            h = num(height)
        );
        Self {
            out,
            path: String::new(),
            fill: "#000000".to_owned(),
            stroke: "#000000".to_owned(),
            width: 1.0,
            dash: String::new(),
            alpha: 1.0,
            font: (12.0, 400),
            align: Align::Left,
            last_stroke: None,
        }
    }

    /// The finished document.
    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }

    fn opacity(&self) -> String {
        if self.alpha < 1.0 {
            format!(" opacity=\"{}\"", num(self.alpha))
        } else {
            String::new()
        }
    }

    fn stroke_attrs(&self) -> String {
        let mut a = format!(
            "fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"",
            xml_escape(&self.stroke),
            num(self.width)
        );
        if !self.dash.is_empty() {
            let _ = write!(a, " stroke-dasharray=\"{}\"", self.dash);
        }
        a.push_str(&self.opacity());
        a
    }
}

impl Pen for SvgPen {
    fn set_fill(&mut self, colour: &str) {
        colour.clone_into(&mut self.fill);
    }
    fn set_stroke(&mut self, colour: &str) {
        colour.clone_into(&mut self.stroke);
    }
    fn set_line_width(&mut self, width: f64) {
        self.width = width;
    }
    fn set_dash(&mut self, pattern: &[f64]) {
        self.dash = pattern
            .iter()
            .map(|&v| num(v))
            .collect::<Vec<_>>()
            .join(" ");
    }
    fn set_alpha(&mut self, alpha: f64) {
        self.alpha = alpha.clamp(0.0, 1.0);
    }
    fn set_font(&mut self, size: f64, weight: u16) {
        self.font = (size.round(), weight);
    }
    fn set_align(&mut self, align: Align) {
        self.align = align;
    }
    fn begin_path(&mut self) {
        self.path.clear();
    }
    fn move_to(&mut self, x: f64, y: f64) {
        let _ = write!(self.path, "M{} {}", num(x), num(y));
    }
    fn line_to(&mut self, x: f64, y: f64) {
        let _ = write!(self.path, "L{} {}", num(x), num(y));
    }
    fn circle(&mut self, cx: f64, cy: f64, r: f64) {
        // Two half arcs: one arc cannot end where it starts.
        let _ = write!(
            self.path,
            "M{x0} {y}A{r} {r} 0 1 0 {x1} {y}A{r} {r} 0 1 0 {x0} {y}Z",
            x0 = num(cx + r),
            x1 = num(cx - r),
            y = num(cy),
            r = num(r)
        );
    }
    fn arc(&mut self, cx: f64, cy: f64, r: f64, start: f64, sweep: f64) {
        let point = |a: f64| (num(cx + r * math::cos(a)), num(cy + r * math::sin(a)));
        let (x0, y0) = point(start);
        let r = num(r);
        if sweep.abs() >= std::f64::consts::TAU - 1e-9 {
            // One arc cannot end where it starts: two halves.
            let (x1, y1) = point(start + std::f64::consts::PI);
            let _ = write!(
                self.path,
                "M{x0} {y0}A{r} {r} 0 1 1 {x1} {y1}A{r} {r} 0 1 1 {x0} {y0}"
            );
            return;
        }
        let (x1, y1) = point(start + sweep);
        let large = u8::from(sweep.abs() > std::f64::consts::PI);
        let _ = write!(self.path, "M{x0} {y0}A{r} {r} 0 {large} 1 {x1} {y1}");
    }
    fn fill(&mut self) {
        if self.path.is_empty() {
            return;
        }
        self.last_stroke = None;
        let _ = write!(
            self.out,
            "<path d=\"{}\" fill=\"{}\"{}/>",
            self.path,
            xml_escape(&self.fill),
            self.opacity()
        );
    }
    fn stroke(&mut self) {
        if self.path.is_empty() {
            return;
        }
        let attrs = self.stroke_attrs();
        if self.alpha >= 1.0 && self.last_stroke.as_deref() == Some(attrs.as_str()) {
            let end = self.out.len() - attrs.len() - 4; // before `" {attrs}/>`
            self.out.insert_str(end, &self.path);
            return;
        }
        let _ = write!(self.out, "<path d=\"{}\" {attrs}/>", self.path);
        self.last_stroke = Some(attrs);
    }
    fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.last_stroke = None;
        let _ = write!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"{}/>",
            num(x),
            num(y),
            num(w),
            num(h),
            xml_escape(&self.fill),
            self.opacity()
        );
    }
    fn stroke_rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.last_stroke = None;
        let _ = write!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {}/>",
            num(x),
            num(y),
            num(w),
            num(h),
            self.stroke_attrs()
        );
    }
    fn fill_text(&mut self, text: &str, x: f64, y: f64) {
        let anchor = match self.align {
            Align::Left => "start",
            Align::Center => "middle",
            Align::Right => "end",
        };
        self.last_stroke = None;
        let _ = write!(
            self.out,
            "<text x=\"{}\" y=\"{}\" font-family=\"system-ui, sans-serif\" font-size=\"{}\" font-weight=\"{}\" text-anchor=\"{anchor}\" dominant-baseline=\"hanging\" fill=\"{}\"{}>{}</text>",
            num(x),
            num(y),
            num(self.font.0),
            self.font.1,
            xml_escape(&self.fill),
            self.opacity(),
            xml_escape(text)
        );
    }
}

/// A pen that draws everything moved by (`dx`, `dy`).
pub struct Shifted<'a> {
    pen: &'a mut dyn Pen,
    dx: f64,
    dy: f64,
}

impl<'a> Shifted<'a> {
    /// Draws on `pen` moved right by `dx` and down by `dy`.
    pub fn new(pen: &'a mut dyn Pen, dx: f64, dy: f64) -> Self {
        Self { pen, dx, dy }
    }
}

impl Pen for Shifted<'_> {
    fn set_fill(&mut self, c: &str) {
        self.pen.set_fill(c);
    }
    fn set_stroke(&mut self, c: &str) {
        self.pen.set_stroke(c);
    }
    fn set_line_width(&mut self, w: f64) {
        self.pen.set_line_width(w);
    }
    fn set_dash(&mut self, p: &[f64]) {
        self.pen.set_dash(p);
    }
    fn set_alpha(&mut self, a: f64) {
        self.pen.set_alpha(a);
    }
    fn set_font(&mut self, size: f64, weight: u16) {
        self.pen.set_font(size, weight);
    }
    fn set_align(&mut self, a: Align) {
        self.pen.set_align(a);
    }
    fn begin_path(&mut self) {
        self.pen.begin_path();
    }
    fn move_to(&mut self, x: f64, y: f64) {
        self.pen.move_to(x + self.dx, y + self.dy);
    }
    fn line_to(&mut self, x: f64, y: f64) {
        self.pen.line_to(x + self.dx, y + self.dy);
    }
    fn circle(&mut self, cx: f64, cy: f64, r: f64) {
        self.pen.circle(cx + self.dx, cy + self.dy, r);
    }
    fn arc(&mut self, cx: f64, cy: f64, r: f64, start: f64, sweep: f64) {
        self.pen.arc(cx + self.dx, cy + self.dy, r, start, sweep);
    }
    fn fill(&mut self) {
        self.pen.fill();
    }
    fn stroke(&mut self) {
        self.pen.stroke();
    }
    fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.pen.fill_rect(x + self.dx, y + self.dy, w, h);
    }
    fn stroke_rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.pen.stroke_rect(x + self.dx, y + self.dy, w, h);
    }
    fn fill_text(&mut self, t: &str, x: f64, y: f64) {
        self.pen.fill_text(t, x + self.dx, y + self.dy);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_never_negative_zero() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.234_56), "1.23");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(12.5), "12.5");
    }

    #[test]
    fn opaque_strokes_alike_in_a_row_share_one_path() {
        let mut p = SvgPen::new(10.0, 10.0);
        p.set_stroke("#0072B2");
        for x in [1.0, 2.0] {
            p.begin_path();
            p.move_to(x, 0.0);
            p.line_to(x, 5.0);
            p.stroke();
        }
        // A different colour, text in between, or transparency start afresh.
        p.set_stroke("#D55E00");
        p.begin_path();
        p.move_to(3.0, 0.0);
        p.stroke();
        p.fill_text("t", 0.0, 0.0);
        p.begin_path();
        p.move_to(4.0, 0.0);
        p.stroke();
        p.set_alpha(0.5);
        p.begin_path();
        p.move_to(5.0, 0.0);
        p.stroke();
        p.begin_path();
        p.move_to(6.0, 0.0);
        p.stroke();
        let svg = p.finish();
        assert!(
            svg.contains("<path d=\"M1 0L1 5M2 0L2 5\" fill=\"none\" stroke=\"#0072B2\" stroke-width=\"1\"/>"),
            "{svg}"
        );
        assert_eq!(svg.matches("<path").count(), 5, "{svg}");
    }

    #[test]
    fn text_is_escaped() {
        let mut p = SvgPen::new(10.0, 10.0);
        p.fill_text("a<b & \"c\"\u{1}", 0.0, 0.0);
        let svg = p.finish();
        assert!(svg.contains(">a&lt;b &amp; &quot;c&quot;</text>"), "{svg}");
    }

    #[test]
    fn paths_become_elements_with_the_state_at_the_time() {
        let mut p = SvgPen::new(100.0, 50.0);
        p.set_stroke("#0072B2");
        p.set_line_width(2.0);
        p.set_dash(&[4.0, 3.0]);
        p.begin_path();
        p.move_to(0.0, 0.0);
        p.line_to(10.0, 5.5);
        p.stroke();
        p.set_dash(&[]);
        p.set_fill("#D55E00");
        p.set_alpha(0.5);
        p.begin_path();
        p.circle(5.0, 5.0, 2.0);
        p.fill();
        // An empty path draws nothing.
        p.begin_path();
        p.stroke();
        let svg = p.finish();
        assert!(svg
            .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"50\""));
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains("<path d=\"M0 0L10 5.5\" fill=\"none\" stroke=\"#0072B2\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"), "{svg}");
        assert!(
            svg.contains(
                "<path d=\"M7 5A2 2 0 1 0 3 5A2 2 0 1 0 7 5Z\" fill=\"#D55E00\" opacity=\"0.5\"/>"
            ),
            "{svg}"
        );
        assert_eq!(svg.matches("<path").count(), 2);
    }

    #[test]
    fn text_anchors_follow_the_alignment() {
        let mut p = SvgPen::new(10.0, 10.0);
        p.set_font(12.4, 600);
        p.set_align(Align::Right);
        p.fill_text("x", 9.0, 1.0);
        let svg = p.finish();
        assert!(
            svg.contains("font-size=\"12\" font-weight=\"600\" text-anchor=\"end\""),
            "{svg}"
        );
    }
}
