//! A line chart drawn with plotters on a canvas: a few series over a shared x axis,
//! with optional vertical markers.

use crate::draw::math;
use crate::draw::palette::rgb;
use crate::ui::canvas::drawing_scale;
use crate::ui::chart::{canvas_chart, draw_axes, nice_ticks, open_canvas, tick_label};
use leptos::prelude::*;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    /// Legend text.
    pub label: String,
    /// Colour (`#RRGGBB`).
    pub colour: &'static str,
    /// Points, x ascending.
    pub points: Vec<(f64, f64)>,
    /// Drawn dashed (for a comparison line).
    pub dashed: bool,
}

/// Everything a line chart shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineChartData {
    /// The lines.
    pub series: Vec<Series>,
    /// Vertical markers: x position and label.
    pub markers: Vec<(f64, String)>,
    /// X-axis caption.
    pub x_label: String,
    /// Y-axis caption.
    pub y_label: String,
    /// Y range top (the bottom is `y_min`).
    pub y_max: f64,
    /// Y range bottom.
    pub y_min: f64,
    /// Formats y tick labels.
    pub y_percent: bool,
    /// Draw for a dark background.
    pub dark: bool,
    /// X on a log scale (all x must be positive), ticks at powers of ten.
    pub x_log: bool,
    /// Leave the legend out (the page shows its own, for example a table).
    pub hide_legend: bool,
}

/// A line chart's numbers. When every line has the same x values: one row per
/// x, a column per line. Otherwise one row per point: line, x, y.
pub fn lines_csv(d: &LineChartData) -> String {
    use crate::export::csv::{number, table};
    let xs = |s: &Series| s.points.iter().map(|p| p.0.to_bits()).collect::<Vec<_>>();
    let shared = d.series.first().map(xs);
    let aligned = d.series.iter().all(|s| Some(xs(s)) == shared);
    if aligned {
        let mut header = vec![d.x_label.clone()];
        header.extend(d.series.iter().map(|s| s.label.clone()));
        let n = d.series.first().map_or(0, |s| s.points.len());
        let rows = (0..n).map(|i| {
            let mut r = vec![number(d.series[0].points[i].0)];
            r.extend(d.series.iter().map(|s| number(s.points[i].1)));
            r
        });
        table(&header, rows)
    } else {
        let header = ["line".to_owned(), d.x_label.clone(), d.y_label.clone()];
        let rows = d.series.iter().flat_map(|s| {
            s.points
                .iter()
                .map(|&(x, y)| vec![s.label.clone(), number(x), number(y)])
        });
        table(&header, rows)
    }
}

/// A canvas line chart that redraws whenever `data` changes.
#[component]
pub fn LineChart(
    /// What to draw.
    #[prop(into)]
    data: Signal<LineChartData>,
    /// Accessible description.
    #[prop(into)]
    label: Signal<String>,
    /// Element id.
    #[prop(into)]
    id: String,
    /// A short name, for the export panel.
    title: &'static str,
) -> impl IntoView {
    canvas_chart(id, title, label, data, draw_lines, lines_csv, None)
}

/// Draws `d` onto `canvas`.
pub fn draw_lines(canvas: web_sys::HtmlCanvasElement, d: &LineChartData) -> Result<(), String> {
    let ratio = drawing_scale();
    let (root, (_, fg, grid)) = open_canvas(canvas, d.dark)?;
    let err = |e: DrawingAreaErrorKind<_>| e.to_string();
    let (w, h) = root.dim_in_pixel();
    let px = |v: f64| (v * ratio).round() as i32;
    let (x0, x1, y0, y1) = (px(52.0), w as i32 - px(12.0), px(24.0), h as i32 - px(36.0));
    if x1 <= x0 || y1 <= y0 {
        return Ok(());
    }
    let xs = || d.series.iter().flat_map(|s| s.points.iter().map(|p| p.0));
    let x_max = xs().fold(0.0f64, f64::max);
    let (xt, x_lo, x_top) = if d.x_log {
        let lo = xs().filter(|x| *x > 0.0).fold(f64::INFINITY, f64::min);
        let lo = if lo.is_finite() { lo } else { 1.0 };
        let (e0, e1) = (
            math::log10(lo).floor() as i32,
            math::log10(x_max.max(lo * 10.0)).ceil() as i32,
        );
        let ticks: Vec<f64> = (e0..=e1).map(|e| 10f64.powi(e)).collect();
        (ticks, 10f64.powi(e0), 10f64.powi(e1))
    } else {
        let t = nice_ticks(x_max, 5);
        let top = t.last().copied().unwrap_or(1.0).max(1e-9);
        (t, 0.0, top)
    };
    let (ylo, yhi) = (
        d.y_min,
        if d.y_max > d.y_min {
            d.y_max
        } else {
            d.y_min + 1.0
        },
    );
    let x_of = |x: f64| {
        let f = if d.x_log {
            math::log10(x.max(x_lo) / x_lo) / math::log10(x_top / x_lo).max(1e-9)
        } else {
            x / x_top
        };
        x0 + (f * f64::from(x1 - x0)).round() as i32
    };
    let y_of = |y: f64| {
        let f = ((y - ylo) / (yhi - ylo)).clamp(-0.02, 1.02);
        y1 - (f * f64::from(y1 - y0)).round() as i32
    };
    let small = (FontFamily::SansSerif, 12.0 * ratio).into_font().color(&fg);

    for i in 0..=4 {
        let y = ylo + (yhi - ylo) * f64::from(i) / 4.0;
        let yy = y_of(y);
        root.draw(&PathElement::new([(x0, yy), (x1, yy)], grid))
            .map_err(err)?;
        let text = if d.y_percent {
            format!("{}%", crate::decimal::fixed(y * 100.0, 0))
        } else {
            tick_label(y)
        };
        root.draw(&Text::new(
            text,
            (x0 - px(6.0), yy),
            small.pos(Pos::new(HPos::Right, VPos::Center)),
        ))
        .map_err(err)?;
    }
    for t in &xt {
        let xx = x_of(*t);
        root.draw(&PathElement::new([(xx, y1), (xx, y1 + px(4.0))], fg))
            .map_err(err)?;
        root.draw(&Text::new(
            tick_label(*t),
            (xx, y1 + px(6.0)),
            small.pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .map_err(err)?;
    }
    draw_axes(&root, (x0, x1, y0, y1), (&d.x_label, &d.y_label), fg, ratio)?;

    // A label that would run into the one before it drops a line (three at most).
    let mut ends = [i32::MIN; 3];
    for (x, label) in &d.markers {
        let xx = x_of(*x);
        let style = ShapeStyle::from(fg.mix(0.6)).stroke_width(px(1.0).max(1) as u32);
        root.draw(&PathElement::new([(xx, y0), (xx, y1)], style))
            .map_err(err)?;
        let row = ends.iter().position(|&e| xx > e).unwrap_or(0);
        ends[row] = xx + px(4.0 + 6.5 * label.chars().count() as f64);
        root.draw(&Text::new(
            label.clone(),
            (xx + px(4.0), y0 + px(14.0) * row as i32),
            small.pos(Pos::new(HPos::Left, VPos::Top)),
        ))
        .map_err(err)?;
    }

    for (i, s) in d.series.iter().enumerate() {
        let (r, g, b) = rgb(s.colour);
        let style = ShapeStyle::from(RGBColor(r, g, b)).stroke_width(px(2.5).max(1) as u32);
        let pts: Vec<(i32, i32)> = s.points.iter().map(|&(x, y)| (x_of(x), y_of(y))).collect();
        if s.dashed {
            // Dashes by hand: every other short run of points.
            for chunk in pts.chunks(4).step_by(2) {
                root.draw(&PathElement::new(chunk.to_vec(), style))
                    .map_err(err)?;
            }
        } else {
            root.draw(&PathElement::new(pts, style)).map_err(err)?;
        }
        if d.hide_legend {
            continue;
        }
        // Legend, top right, one line per series.
        let ly = y1 - px(14.0) - px(18.0) * i as i32;
        let lx = x1 - px(150.0);
        root.draw(&PathElement::new([(lx, ly), (lx + px(22.0), ly)], style))
            .map_err(err)?;
        root.draw(&Text::new(
            s.label.clone(),
            (lx + px(28.0), ly),
            small.pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(err)?;
    }
    root.present().map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(label: &str, points: &[(f64, f64)]) -> Series {
        Series {
            label: label.to_owned(),
            colour: "#000000",
            points: points.to_vec(),
            dashed: false,
        }
    }

    #[test]
    fn lines_on_shared_x_make_one_column_each() {
        let d = LineChartData {
            series: vec![
                line("LRU", &[(1.0, 0.5), (2.0, 0.75)]),
                line("FIFO", &[(1.0, 0.4), (2.0, 0.6)]),
            ],
            x_label: "cache size".to_owned(),
            ..Default::default()
        };
        assert_eq!(
            lines_csv(&d),
            "cache size,LRU,FIFO\r\n1,0.5,0.4\r\n2,0.75,0.6\r\n"
        );
    }

    #[test]
    fn lines_on_different_x_make_one_row_per_point() {
        let d = LineChartData {
            series: vec![
                line("a", &[(1.0, 2.0)]),
                line("b", &[(3.0, 4.0), (5.0, 6.0)]),
            ],
            x_label: "x".to_owned(),
            y_label: "y".to_owned(),
            ..Default::default()
        };
        assert_eq!(lines_csv(&d), "line,x,y\r\na,1,2\r\nb,3,4\r\nb,5,6\r\n");
    }
}
