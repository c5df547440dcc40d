//! The [`Pen`] that writes SVG, for export: the same paint calls as the
//! canvas, as vector elements.

use super::{Align, Pen};
use crate::draw::math;
use std::fmt::Write;

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
