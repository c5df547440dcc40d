//! A bar chart drawn with plotters on a canvas.
//!
//! The component only owns the canvas and redraws it when its data changes; the
//! drawing is one plain function, [`draw_bars`], that takes the canvas and the data.

use crate::ui::palette::rgb;
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;

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
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    // Effects are for drawing: the canvas is outside Leptos' DOM model.
    Effect::new(move |_| {
        let d = data.get();
        if let Some(c) = canvas.get() {
            let el: &web_sys::HtmlCanvasElement = c.unchecked_ref();
            fit_to_css_size(el);
            if let Err(e) = draw_bars(el.clone(), &d) {
                leptos::logging::warn!("chart: {e}");
            }
        }
    });
    view! {
        <canvas class="chart" id=id node_ref=canvas role="img" aria-label=label></canvas>
    }
}

/// Sizes the canvas backing store to its CSS box times the device pixel ratio.
fn fit_to_css_size(el: &web_sys::HtmlCanvasElement) {
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 3.0);
    let w = (f64::from(el.client_width()).max(200.0) * ratio) as u32;
    let h = (f64::from(el.client_height()).max(120.0) * ratio) as u32;
    if el.width() != w {
        el.set_width(w);
    }
    if el.height() != h {
        el.set_height(h);
    }
}

/// Draws `d` onto `canvas`.
pub fn draw_bars(canvas: web_sys::HtmlCanvasElement, d: &BarChartData) -> Result<(), String> {
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 3.0);
    let backend = CanvasBackend::with_canvas_object(canvas).ok_or("no 2d context")?;
    let root = backend.into_drawing_area();
    let (bg, fg, grid) = if d.dark {
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
    };
    root.fill(&bg).map_err(|e| e.to_string())?;
    // Segments 0..=n−1: one per bar.
    let n = d.values.len().max(1);
    let top = d
        .values
        .iter()
        .copied()
        .chain(d.reference)
        .fold(0.0f64, f64::max)
        .max(1.0)
        * 1.12;
    let font = (12.0 * ratio) as u32;
    let mut chart = ChartBuilder::on(&root)
        .margin((8.0 * ratio) as u32)
        .x_label_area_size((40.0 * ratio) as u32)
        .y_label_area_size((52.0 * ratio) as u32)
        .build_cartesian_2d((0..n - 1).into_segmented(), 0f64..top)
        .map_err(|e| e.to_string())?;
    let labels = &d.labels;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(bg)
        .bold_line_style(grid)
        .axis_style(fg)
        .x_desc(d.x_label.as_str())
        .y_desc(d.y_label.as_str())
        // Label every bar while they fit, then every k-th.
        .x_labels(n.min(20))
        .x_label_formatter(&|x| match x {
            SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => {
                labels.get(*i).cloned().unwrap_or_default()
            }
            SegmentValue::Last => String::new(),
        })
        .y_labels(5)
        .y_label_formatter(&|y| format!("{}", y.round() as i64))
        .label_style(("sans-serif", font, &fg))
        .axis_desc_style(("sans-serif", font, &fg))
        .draw()
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(d.values.iter().enumerate().map(|(i, v)| {
            let (r, g, b) = rgb(d.colours.get(i).copied().unwrap_or("#888888"));
            let dim = d.highlight.is_some_and(|h| h != i);
            let colour = RGBColor(r, g, b).mix(if dim { 0.3 } else { 1.0 });
            let mut bar = Rectangle::new(
                [
                    (SegmentValue::Exact(i), 0.0),
                    (SegmentValue::Exact(i + 1), *v),
                ],
                colour.filled(),
            );
            if n <= 40 {
                bar.set_margin(0, 0, (3.0 * ratio) as u32, (3.0 * ratio) as u32);
            }
            bar
        }))
        .map_err(|e| e.to_string())?;
    if let Some(m) = d.reference {
        chart
            .draw_series(LineSeries::new(
                [(SegmentValue::Exact(0), m), (SegmentValue::Exact(n), m)],
                ShapeStyle::from(fg).stroke_width((2.0 * ratio) as u32),
            ))
            .map_err(|e| e.to_string())?
            .label(d.reference_label.as_str())
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], fg));
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(bg.mix(0.85))
            .border_style(grid)
            .label_font(("sans-serif", font, &fg))
            .draw()
            .map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())?;
    Ok(())
}
