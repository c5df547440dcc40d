//! One drawing vocabulary, two surfaces: a [`Pen`] is what the hand-drawn
//! diagrams (the rate limiter's lanes, the cells grid, the cache's queues)
//! paint with, so the same paint function fills an on-screen canvas
//! ([`CanvasPen`]) and writes a vector SVG for export ([`SvgPen`]).
//!
//! The calls mirror the canvas 2D API the diagrams were first written
//! against: state setters, then a path built and filled or stroked. Text is
//! always placed by its top edge.

mod canvas;
mod svg;

pub use canvas::CanvasPen;
pub use svg::{xml_escape, SvgPen};

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
