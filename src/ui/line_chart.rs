//! A line chart drawn with plotters on a canvas: a few series over a shared x axis,
//! with optional vertical markers.

use crate::draw::math;
use crate::draw::palette::{on_page, rgb};
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

/// A gap the chart points at: a bracket at `x` from `low` to `high`, named.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gap {
    /// Where, on the x axis.
    pub x: f64,
    /// The lower y.
    pub low: f64,
    /// The higher y.
    pub high: f64,
    /// What it is ("12.3 points").
    pub label: String,
}

/// Everything a line chart shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineChartData {
    /// The lines.
    pub series: Vec<Series>,
    /// Vertical markers: x position and label.
    pub markers: Vec<(f64, String)>,
    /// Gaps between two lines to point at, drawn over them.
    pub gaps: Vec<Gap>,
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
    /// Name each line where it ends (instead of a legend), mark its points
    /// with a shape of its own, and end the x axis at the data.
    #[prop(optional)]
    end_labels: bool,
    /// Makes the data for the CSV file when it is asked for, where `data`
    /// may not hold it (a chart computed only while its section is open).
    #[prop(optional, into)]
    export: Option<Callback<(), LineChartData>>,
) -> impl IntoView {
    let draw = if end_labels {
        draw_labelled_lines
    } else {
        draw_lines
    };
    canvas_chart(id, title, label, data, (draw, lines_csv), None, export)
}

/// Draws `d` onto `canvas`.
pub fn draw_lines(canvas: web_sys::HtmlCanvasElement, d: &LineChartData) -> Result<(), String> {
    draw_lines_with(canvas, d, false)
}

/// Draws `d` onto `canvas`, each line named where it ends (see [`LineChart`]'s `end_labels`).
pub fn draw_labelled_lines(
    canvas: web_sys::HtmlCanvasElement,
    d: &LineChartData,
) -> Result<(), String> {
    draw_lines_with(canvas, d, true)
}

/// End labels' heights in pixels, moved apart so no two are closer than
/// `gap`, kept within `lo..=hi`, in the order given (sorted by height).
pub fn spread_labels(ys: &[i32], gap: i32, lo: i32, hi: i32) -> Vec<i32> {
    let mut order: Vec<usize> = (0..ys.len()).collect();
    order.sort_by_key(|&i| ys[i]);
    let mut placed = vec![0; ys.len()];
    let mut last = i32::MIN / 2;
    for &i in &order {
        let y = ys[i].max(last + gap).max(lo);
        placed[i] = y;
        last = y;
    }
    // Pushed past the bottom: slide the run back up.
    let mut next = i32::MAX / 2;
    for &i in order.iter().rev() {
        let y = placed[i].min(next - gap).min(hi);
        placed[i] = y;
        next = y;
    }
    placed
}

fn draw_lines_with(
    canvas: web_sys::HtmlCanvasElement,
    d: &LineChartData,
    labelled: bool,
) -> Result<(), String> {
    let ratio = drawing_scale();
    let (root, (bg, fg, grid)) = open_canvas(canvas, d.dark)?;
    let err = |e: DrawingAreaErrorKind<_>| e.to_string();
    let (w, h) = root.dim_in_pixel();
    let px = |v: f64| (v * ratio).round() as i32;
    let widest = d
        .series
        .iter()
        .map(|s| s.label.chars().count())
        .max()
        .unwrap_or(0);
    let right = if labelled {
        px(7.2 * widest as f64 + 14.0)
    } else {
        px(12.0)
    };
    let (x0, x1, y0, y1) = (px(52.0), w as i32 - right, px(24.0), h as i32 - px(36.0));
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
        if labelled && x_max > 10f64.powi(e0) {
            // The axis ends at the data: powers of ten up to it, and its end.
            let mut t: Vec<f64> = ticks.into_iter().filter(|&t| t < x_max * 0.7).collect();
            t.push(x_max);
            (t, 10f64.powi(e0), x_max)
        } else {
            (ticks, 10f64.powi(e0), 10f64.powi(e1))
        }
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

    // A label that would run into the one before it drops a line (four at most).
    let mut ends = [i32::MIN; 4];
    for (x, label) in &d.markers {
        let xx = x_of(*x);
        let style = ShapeStyle::from(fg.mix(0.6)).stroke_width(px(1.0).max(1) as u32);
        root.draw(&PathElement::new([(xx, y0), (xx, y1)], style))
            .map_err(err)?;
        let width = px(4.0 + 6.5 * label.chars().count() as f64);
        // A label that would run off the right edge goes on the line's left.
        let (lx, anchor, start, end) = if xx + width > w as i32 - px(2.0) {
            (xx - px(4.0), HPos::Right, xx - width, xx)
        } else {
            (xx + px(4.0), HPos::Left, xx, xx + width)
        };
        // The first row free there, else the one that frees up soonest.
        let row = ends
            .iter()
            .position(|&e| start > e)
            .unwrap_or_else(|| (0..ends.len()).min_by_key(|&r| ends[r]).unwrap_or(0));
        ends[row] = end;
        root.draw(&Text::new(
            label.clone(),
            (lx, y0 + px(14.0) * row as i32),
            small.pos(Pos::new(anchor, VPos::Top)),
        ))
        .map_err(err)?;
    }

    for (i, s) in d.series.iter().enumerate() {
        let (r, g, b) = rgb(on_page(s.colour, d.dark));
        let style = ShapeStyle::from(RGBColor(r, g, b)).stroke_width(px(2.5).max(1) as u32);
        let pts: Vec<(i32, i32)> = s.points.iter().map(|&(x, y)| (x_of(x), y_of(y))).collect();
        if s.dashed {
            // Dashes by hand along the whole line, however few its points.
            for dash in dashes(&pts, f64::from(px(7.0)), f64::from(px(5.0))) {
                root.draw(&PathElement::new(dash, style)).map_err(err)?;
            }
        } else {
            root.draw(&PathElement::new(pts.clone(), style))
                .map_err(err)?;
        }
        if labelled && !s.dashed {
            for &(x, y) in &pts {
                point_mark(&root, i, (x, y), px(4.0), RGBColor(r, g, b)).map_err(err)?;
            }
        }
        if d.hide_legend || labelled {
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
    for g in &d.gaps {
        let (xx, top, bottom) = (x_of(g.x), y_of(g.high), y_of(g.low));
        let bracket = ShapeStyle::from(fg).stroke_width(px(2.0).max(1) as u32);
        let cap = px(5.0);
        for y in [top, bottom] {
            root.draw(&PathElement::new([(xx - cap, y), (xx + cap, y)], bracket))
                .map_err(err)?;
        }
        root.draw(&PathElement::new([(xx, top), (xx, bottom)], bracket))
            .map_err(err)?;
        // The name on the side with more room, level with the bracket's middle.
        let left = xx - x0 > x1 - xx;
        let (hx, hpos) = if left {
            (xx - px(8.0), HPos::Right)
        } else {
            (xx + px(8.0), HPos::Left)
        };
        // On a patch of the background, so the lines under it do not cross it.
        let (tw, mid) = (
            px(7.8 * g.label.chars().count() as f64 + 6.0),
            (top + bottom) / 2,
        );
        let (l, r) = if left {
            (hx - tw, hx + px(2.0))
        } else {
            (hx - px(2.0), hx + tw)
        };
        root.draw(&Rectangle::new(
            [(l, mid - px(9.0)), (r, mid + px(9.0))],
            bg.filled(),
        ))
        .map_err(err)?;
        let bold = (FontFamily::SansSerif, 13.0 * ratio, FontStyle::Bold)
            .into_font()
            .color(&fg);
        root.draw(&Text::new(
            g.label.clone(),
            (hx, mid),
            bold.pos(Pos::new(hpos, VPos::Center)),
        ))
        .map_err(err)?;
    }
    if labelled {
        let ends: Vec<(i32, &Series)> = d
            .series
            .iter()
            .filter_map(|s| s.points.last().map(|&(_, y)| (y_of(y), s)))
            .collect();
        let ys: Vec<i32> = ends.iter().map(|e| e.0).collect();
        let at = spread_labels(&ys, px(13.0), y0, y1);
        for ((y, s), ly) in ends.iter().zip(at) {
            let last = s.points.last().map_or(x1, |p| x_of(p.0));
            let (r, g, b) = rgb(s.colour);
            let colour = RGBColor(r, g, b);
            root.draw(&PathElement::new(
                [(last + px(3.0), *y), (x1 + px(5.0), ly)],
                ShapeStyle::from(colour).stroke_width(px(1.0).max(1) as u32),
            ))
            .map_err(err)?;
            let font = (FontFamily::SansSerif, 12.0 * ratio)
                .into_font()
                .color(&colour);
            root.draw(&Text::new(
                s.label.clone(),
                (x1 + px(7.0), ly),
                font.pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(err)?;
        }
    }
    root.present().map_err(err)?;
    Ok(())
}

/// A point of line `i`: a circle, square, triangle or cross, filled for the
/// first four lines and hollow for the next four, so lines that overlap can
/// still be told apart.
fn point_mark<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    i: usize,
    (x, y): (i32, i32),
    r: i32,
    colour: RGBColor,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = if (i / 4) % 2 == 0 {
        colour.filled()
    } else {
        ShapeStyle::from(colour).stroke_width(2)
    };
    match i % 4 {
        0 => root.draw(&Circle::new((x, y), r, style)),
        1 => root.draw(&Rectangle::new([(x - r, y - r), (x + r, y + r)], style)),
        2 => root.draw(&TriangleMarker::new((x, y), r + 1, style)),
        _ => root.draw(&Cross::new(
            (x, y),
            r,
            ShapeStyle::from(colour).stroke_width(2),
        )),
    }
}

/// A polyline cut into dashes `on` long with gaps `off` long (pixels), each
/// dash a polyline of its own that follows the corners it passes.
fn dashes(pts: &[(i32, i32)], on: f64, off: f64) -> Vec<Vec<(i32, i32)>> {
    let (on, off) = (on.max(1.0), off.max(1.0));
    let mut out = Vec::new();
    let mut dash = Vec::new();
    // Where along the current dash or gap we are, and whether it is a dash.
    let (mut used, mut drawing) = (0.0f64, true);
    for w in pts.windows(2) {
        let ((x0, y0), (x1, y1)) = (
            (f64::from(w[0].0), f64::from(w[0].1)),
            (f64::from(w[1].0), f64::from(w[1].1)),
        );
        let len = ((x1 - x0).powi(2) + (y1 - y0).powi(2)).sqrt();
        let at = |d: f64| {
            let f = if len > 0.0 { d / len } else { 0.0 };
            (
                (x0 + f * (x1 - x0)).round() as i32,
                (y0 + f * (y1 - y0)).round() as i32,
            )
        };
        let mut d = 0.0;
        if drawing && dash.is_empty() {
            dash.push(at(0.0));
        }
        while d < len {
            let step = (if drawing { on } else { off } - used).min(len - d);
            d += step;
            used += step;
            if drawing {
                dash.push(at(d));
            }
            if used >= if drawing { on } else { off } {
                if drawing {
                    out.push(std::mem::take(&mut dash));
                } else {
                    dash.push(at(d));
                }
                drawing = !drawing;
                used = 0.0;
            }
        }
    }
    if dash.len() > 1 {
        out.push(dash);
    }
    out
}

#[cfg(test)]
mod tests;
