//! A bar chart drawn with plotters on a canvas.
//!
//! The component only owns the canvas and redraws it when its data changes; the
//! drawing is one plain function, [`draw_bars`], that takes the canvas and the data.

use crate::decimal::{fixed, shortest};
use crate::draw::math;
use crate::draw::palette::{on_page, rgb};
use crate::ui::canvas::{drawing_scale, redraw_on_change};
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;

/// Everything a bar chart shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BarChartData {
    /// Bar heights.
    pub values: Vec<f64>,
    /// Bar labels on the x axis, one per bar.
    pub labels: Vec<String>,
    /// Bar colours (`#RRGGBB`), one per bar.
    pub colours: Vec<&'static str>,
    /// A horizontal reference line (e.g. the mean), if any.
    pub reference: Option<f64>,
    /// Label of the reference line.
    pub reference_label: String,
    /// The bar to emphasise, if any.
    pub highlight: Option<usize>,
    /// X-axis caption.
    pub x_label: String,
    /// Y-axis caption.
    pub y_label: String,
    /// Draw for a dark background.
    pub dark: bool,
}

/// A canvas bar chart that redraws whenever `data` changes.
#[component]
pub fn BarChart(
    /// What to draw.
    #[prop(into)]
    data: Signal<BarChartData>,
    /// Accessible description of the chart (canvas content is invisible to screen readers).
    #[prop(into)]
    label: Signal<String>,
    /// Element id.
    #[prop(into)]
    id: String,
    /// A short name, for the export panel.
    title: &'static str,
) -> impl IntoView {
    let highlight =
        Signal::derive(move || data.with(|d| d.highlight.and_then(|i| d.labels.get(i).cloned())));
    canvas_chart(
        id,
        title,
        label,
        data,
        (draw_bars, bars_csv),
        Some(highlight),
        None,
    )
}

/// Draws a chart's data on a canvas.
pub(crate) type DrawFn<T> = fn(web_sys::HtmlCanvasElement, &T) -> Result<(), String>;

/// A chart canvas, described for screen readers, redrawn with `draw` whenever
/// `data` changes, its numbers offered for export as `csv` makes them: from
/// `export`'s data when given (made when the file is asked for), else from
/// `data` as drawn.
pub(crate) fn canvas_chart<T: Clone + Send + Sync + 'static>(
    id: String,
    title: &str,
    label: Signal<String>,
    data: Signal<T>,
    (draw, csv): (DrawFn<T>, fn(&T) -> String),
    highlight: Option<Signal<Option<String>>>,
    export: Option<Callback<(), T>>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    redraw_on_change(canvas, data, draw);
    crate::export::register_table(
        &id,
        title,
        std::sync::Arc::new(move || match export {
            Some(make) => csv(&make.run(())),
            None => data.with_untracked(csv),
        }),
    );
    view! {
        <canvas class="chart" id=id node_ref=canvas role="img" aria-label=label
            data-highlight=move || highlight.and_then(|h| h.get())></canvas>
    }
}

/// A bar chart's numbers: one row per bar, and the reference line's value
/// beside each when there is one.
pub fn bars_csv(d: &BarChartData) -> String {
    use crate::export::csv::{number, table};
    let mut header = vec![d.x_label.clone(), d.y_label.clone()];
    if d.reference.is_some() {
        header.push(d.reference_label.clone());
    }
    let rows = d.values.iter().enumerate().map(|(i, &v)| {
        let mut r = vec![d.labels.get(i).cloned().unwrap_or_default(), number(v)];
        if let Some(m) = d.reference {
            r.push(number(m));
        }
        r
    });
    table(&header, rows)
}

/// Background, foreground and grid colours.
pub(crate) type Colours = (RGBColor, RGBColor, RGBColor);

/// Opens `canvas` for drawing: the drawing area, filled with the background, and
/// the theme's [`Colours`].
pub(crate) fn open_canvas(
    canvas: web_sys::HtmlCanvasElement,
    dark: bool,
) -> Result<(DrawingArea<CanvasBackend, Shift>, Colours), String> {
    let backend = CanvasBackend::with_canvas_object(canvas).ok_or("no 2d context")?;
    let root = backend.into_drawing_area();
    let colours = theme_colours(dark);
    root.fill(&colours.0).map_err(|e| e.to_string())?;
    Ok((root, colours))
}

/// The plot's two axis lines and their captions: x centred under the plot, y at
/// the top left.
pub(crate) fn draw_axes(
    root: &DrawingArea<CanvasBackend, Shift>,
    (x0, x1, y0, y1): (i32, i32, i32, i32),
    (x_label, y_label): (&str, &str),
    fg: RGBColor,
    ratio: f64,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<_>| e.to_string();
    let px = |v: f64| (v * ratio).round() as i32;
    let small = (FontFamily::SansSerif, 12.0 * ratio).into_font().color(&fg);
    let (_, h) = root.dim_in_pixel();
    root.draw(&PathElement::new([(x0, y1), (x1, y1)], fg))
        .map_err(err)?;
    root.draw(&PathElement::new([(x0, y0), (x0, y1)], fg))
        .map_err(err)?;
    root.draw(&Text::new(
        x_label.to_owned(),
        ((x0 + x1) / 2, h as i32 - px(2.0)),
        small.pos(Pos::new(HPos::Center, VPos::Bottom)),
    ))
    .map_err(err)?;
    root.draw(&Text::new(
        y_label.to_owned(),
        (px(4.0), px(2.0)),
        small.pos(Pos::new(HPos::Left, VPos::Top)),
    ))
    .map_err(err)?;
    Ok(())
}

/// Background, foreground and grid colours for a light or dark page.
pub(crate) fn theme_colours(dark: bool) -> Colours {
    if dark {
        (
            RGBColor(0x16, 0x1a, 0x20),
            RGBColor(0xe6, 0xe6, 0xe6),
            RGBColor(0x3a, 0x40, 0x48),
        )
    } else {
        (
            RGBColor(0xff, 0xff, 0xff),
            RGBColor(0x1f, 0x23, 0x28),
            RGBColor(0xdd, 0xdd, 0xdd),
        )
    }
}

/// Round tick values from 0 to at least `max`: steps of 1, 2 or 5 times a power
/// of ten, about `target` of them.
pub fn nice_ticks(max: f64, target: usize) -> Vec<f64> {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let raw = max / target.max(1) as f64;
    let mag = math::pow(10.0, math::log10(raw).floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let n = (max / step).ceil() as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

/// Formats a tick value compactly (12 000 → "12k").
pub(crate) fn tick_label(v: f64) -> String {
    if v >= 10_000.0 {
        format!("{}k", shortest((v / 1000.0).round()))
    } else if v.fract().abs() > 1e-9 && v < 100.0 {
        // Small fractional ticks (0.5, 1.5 …) keep their decimal, so two ticks never read alike.
        fixed(v, 1)
    } else {
        shortest(v.round())
    }
}

/// Draws `d` onto `canvas`: bars on a zero-based axis with round ticks, a labelled
/// reference line, and the node labels under the bars when they fit. Built from
/// plotters' drawing-area primitives rather than its chart builder, which costs a
/// lot of bundle size for axes this simple.
pub fn draw_bars(canvas: web_sys::HtmlCanvasElement, d: &BarChartData) -> Result<(), String> {
    let ratio = drawing_scale();
    let (root, (_, fg, grid)) = open_canvas(canvas, d.dark)?;
    let err = |e: DrawingAreaErrorKind<_>| e.to_string();
    let (w, h) = root.dim_in_pixel();
    let px = |v: f64| (v * ratio).round() as i32;
    // The reference line's label sits in the right margin, past every bar:
    // its name over its value.
    let reference = d
        .reference
        .map(|m| (d.reference_label.clone(), tick_label(m)));
    let right = reference.as_ref().map_or(px(10.0), |(name, value)| {
        px(7.0 * name.chars().count().max(value.chars().count()) as f64 + 12.0)
    });
    let (left, top, bottom) = (px(48.0), px(24.0), px(38.0));
    let (x0, x1, y0, y1) = (left, w as i32 - right, top, h as i32 - bottom);
    if x1 <= x0 || y1 <= y0 {
        return Ok(());
    }
    let max = d
        .values
        .iter()
        .copied()
        .chain(d.reference)
        .fold(0.0f64, f64::max);
    let ticks = nice_ticks(max * 1.05, 4);
    let top_value = ticks.last().copied().unwrap_or(1.0).max(1e-9);
    let y_of = |v: f64| y1 - ((v / top_value) * f64::from(y1 - y0)).round() as i32;
    let font = |size: f64| (FontFamily::SansSerif, size * ratio).into_font().color(&fg);
    let small = font(12.0);

    for t in &ticks {
        let y = y_of(*t);
        root.draw(&PathElement::new([(x0, y), (x1, y)], grid))
            .map_err(err)?;
        root.draw(&Text::new(
            tick_label(*t),
            (x0 - px(6.0), y),
            small.pos(Pos::new(HPos::Right, VPos::Center)),
        ))
        .map_err(err)?;
    }

    let n = d.values.len().max(1);
    let slot = f64::from(x1 - x0) / n as f64;
    let gap = if slot > 12.0 * ratio {
        slot * 0.15
    } else {
        0.0
    };
    // Label every bar while labels fit, otherwise every k-th.
    let every = ((px(34.0) as f64 / slot).ceil() as usize).max(1);
    for (i, v) in d.values.iter().enumerate() {
        let (r, g, b) = rgb(on_page(
            d.colours.get(i).copied().unwrap_or("#888888"),
            d.dark,
        ));
        let dim = d.highlight.is_some_and(|h| h != i);
        let colour = RGBColor(r, g, b).mix(if dim { 0.3 } else { 1.0 });
        let bx0 = x0 + (i as f64 * slot + gap).round() as i32;
        let bx1 = (x0 + ((i + 1) as f64 * slot - gap).round() as i32).max(bx0 + 1);
        root.draw(&Rectangle::new(
            [(bx0, y_of(*v)), (bx1, y1)],
            colour.filled(),
        ))
        .map_err(err)?;
        if d.highlight == Some(i) {
            root.draw(&Text::new(
                tick_label(*v),
                ((bx0 + bx1) / 2, y_of(*v) - px(3.0)),
                font(12.0).pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))
            .map_err(err)?;
        }
        if i % every == 0 {
            if let Some(label) = d.labels.get(i) {
                root.draw(&Text::new(
                    label.clone(),
                    ((bx0 + bx1) / 2, y1 + px(4.0)),
                    small.pos(Pos::new(HPos::Center, VPos::Top)),
                ))
                .map_err(err)?;
            }
        }
    }
    draw_axes(&root, (x0, x1, y0, y1), (&d.x_label, &d.y_label), fg, ratio)?;

    if let (Some(m), Some((name, value))) = (d.reference, reference) {
        let y = y_of(m);
        let style = ShapeStyle::from(fg).stroke_width(px(2.0).max(1) as u32);
        root.draw(&PathElement::new([(x0, y), (x1 + px(2.0), y)], style))
            .map_err(err)?;
        root.draw(&Text::new(
            name,
            (x1 + px(5.0), y - px(1.0)),
            font(12.0).pos(Pos::new(HPos::Left, VPos::Bottom)),
        ))
        .map_err(err)?;
        root.draw(&Text::new(
            value,
            (x1 + px(5.0), y + px(1.0)),
            font(12.0).pos(Pos::new(HPos::Left, VPos::Top)),
        ))
        .map_err(err)?;
    }
    root.present().map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(nice_ticks(560.0, 4), vec![0.0, 200.0, 400.0, 600.0]);
        assert_eq!(nice_ticks(9.0, 4), vec![0.0, 5.0, 10.0]);
        assert_eq!(nice_ticks(1.0, 4), vec![0.0, 0.5, 1.0]);
        let t = nice_ticks(0.0, 4);
        assert!(t.len() >= 2 && t[0] == 0.0);
        let t = nice_ticks(f64::NAN, 4);
        assert!(t.iter().all(|v| v.is_finite()));
        assert_eq!(tick_label(12_000.0), "12k");
    }

    #[test]
    fn bars_become_rows_with_the_reference_beside_them() {
        let d = BarChartData {
            values: vec![3.0, 5.0],
            labels: vec!["A".to_owned(), "B".to_owned()],
            reference: Some(4.0),
            reference_label: "mean".to_owned(),
            x_label: "node".to_owned(),
            y_label: "keys".to_owned(),
            ..Default::default()
        };
        assert_eq!(bars_csv(&d), "node,keys,mean\r\nA,3,4\r\nB,5,4\r\n");
    }
}
