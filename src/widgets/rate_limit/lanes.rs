//! The lanes on screen: one canvas painted by [`super::paint`], the requests
//! falling into their lanes whenever the run changes (a still picture under
//! reduced motion: the arrivals strip above, the decisions below), and a
//! brush on the time axis: drag across the lanes to zoom in on that stretch.

use super::paint::{natural_height, paint_lanes, squeezed_height, LanesData, MARGIN};
use crate::draw::pen::CanvasPen;
use crate::talk::motion::{prefers_reduced_motion, use_clock};
use crate::ui::canvas::{drawing_scale, pixel_ratio, redraw_on_change};
use leptos::html::Canvas;
use leptos::prelude::*;
use std::sync::Arc;

/// How long the requests take to fall into their lanes, ms.
pub const FALL_MS: f64 = 480.0;
/// A drag narrower than this (CSS px) is a click, not a brush.
const MIN_BRUSH_PX: f64 = 6.0;

/// Draws every lane of `d` onto `canvas` (sized to its CSS box by the caller).
pub fn draw_lanes(canvas: web_sys::HtmlCanvasElement, d: &LanesData) -> Result<(), String> {
    let mut pen = CanvasPen::new(&canvas)?;
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    paint_lanes(&mut pen, w, h, drawing_scale(), d);
    Ok(())
}

/// The time under a point `x` CSS px from the canvas's left edge, `width`
/// px wide, showing `from_us..to_us` with margins of `margin` px.
pub fn time_at(x: f64, width: f64, margin: f64, (from_us, to_us): (u64, u64)) -> u64 {
    let frac = ((x - margin) / (width - 2.0 * margin).max(1.0)).clamp(0.0, 1.0);
    (from_us as f64 + frac * (to_us.saturating_sub(from_us)) as f64).round() as u64
}

/// The canvas's current time: `performance.now()`, ms.
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The requests' fall: 0 to 1, restarted whenever the run changes; always
/// 1 under reduced motion.
fn falling(data: Signal<LanesData>) -> RwSignal<f64> {
    let fall = RwSignal::new(1.0f64);
    let playing = RwSignal::new(false);
    let started = StoredValue::new(0.0f64);
    use_clock(
        playing,
        || 16,
        || {},
        move || {
            let p = ((now_ms() - started.get_value()) / FALL_MS).min(1.0);
            fall.set(p);
            if p >= 1.0 {
                playing.set(false);
            }
        },
    );
    // Effects are for drawing: a new run starts the fall.
    let run = Memo::new(move |_| data.with(|d| Arc::as_ptr(&d.run) as usize));
    Effect::new(move |_| {
        let _ = run.get();
        if prefers_reduced_motion() {
            return;
        }
        started.set_value(now_ms());
        fall.set(0.0);
        playing.set(true);
    });
    fall
}

/// The lanes canvas, sized to its lanes, redrawn whenever `data` changes.
/// Dragging across it asks `on_zoom` to show the stretch brushed.
#[component]
pub fn LanesCanvas(
    /// What to draw (its `fall` is the canvas's own).
    #[prop(into)]
    data: Signal<LanesData>,
    /// Accessible description (the canvas itself is invisible to screen readers).
    #[prop(into)]
    label: Signal<String>,
    /// Called with a stretch of time brushed, µs.
    on_zoom: Callback<(u64, u64)>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let fall = falling(data);
    let moving = !prefers_reduced_motion();
    let painted = Memo::new(move |_| LanesData {
        fall: fall.get(),
        moving,
        ..data.get()
    });
    redraw_on_change(canvas, painted.into(), draw_lanes);
    crate::export::register_figure(
        "rl-lanes",
        "Every limiter's decisions and state",
        crate::export::Picture::Painted {
            paint: Arc::new(move |pen, w, h, ratio| {
                data.with_untracked(|d| {
                    paint_lanes(
                        pen,
                        w,
                        h,
                        ratio,
                        &LanesData {
                            fall: 1.0,
                            ..d.clone()
                        },
                    );
                });
            }),
            height: None,
        },
    );
    let height = move || {
        let n = data.with(|d| d.run.lanes.len());
        // why: in rem, so a larger page type (presenter mode) grows the canvas
        // with its drawing; on a short screen the lanes give up some height so
        // the whole figure fits under a caption.
        format!(
            "height:clamp({}rem, calc(100vh - 20rem), {}rem)",
            squeezed_height(n) / 16.0,
            natural_height(n) / 16.0
        )
    };
    // The brush, in CSS px from the canvas's left edge: where the drag began and where it is.
    let brush = RwSignal::new(None::<(f64, f64)>);
    let local_x = move |ev: &web_sys::PointerEvent| -> Option<(f64, f64)> {
        let c = canvas.get_untracked()?;
        let r = c.get_bounding_client_rect();
        Some((f64::from(ev.client_x()) - r.left(), r.width()))
    };
    let finish = move |ev: web_sys::PointerEvent| {
        let Some((a, _)) = brush.get_untracked() else {
            return;
        };
        brush.set(None);
        let Some((b, width)) = local_x(&ev) else {
            return;
        };
        if (b - a).abs() < MIN_BRUSH_PX {
            return;
        }
        let margin = MARGIN * drawing_scale() / pixel_ratio();
        let range = data.with_untracked(|d| (d.from_us, d.to_us));
        let (t0, t1) = (
            time_at(a.min(b), width, margin, range),
            time_at(a.max(b), width, margin, range),
        );
        if t1 > t0 {
            on_zoom.run((t0, t1));
        }
    };
    let brush_style = move || {
        brush.get().map_or_else(
            || "display:none".to_owned(),
            |(a, b)| format!("left:{}px;width:{}px", a.min(b), (a - b).abs()),
        )
    };
    // With the sliders hidden, dragging zooms nothing (the zoom is state).
    let inert = crate::kit::hides(crate::embed::options::Part::Sliders);
    view! {
        <div class="rl-canvas-wrap">
            <canvas class="lanes" id="rl-lanes" node_ref=canvas role="img" aria-label=label style=height
                data-falling=move || (painted.with(|d| d.fall) < 1.0).then_some("1")
                data-marked=move || data.with(|d| d.marked.iter().map(|k| k.slug()).collect::<Vec<_>>().join(" "))
                on:pointerdown=move |ev| {
                    if inert || ev.button() != 0 {
                        return;
                    }
                    if let (Some((x, _)), Some(c)) = (local_x(&ev), canvas.get_untracked()) {
                        let _ = c.set_pointer_capture(ev.pointer_id());
                        brush.set(Some((x, x)));
                    }
                }
                on:pointermove=move |ev| {
                    if let (Some((a, _)), Some((x, _))) = (brush.get_untracked(), local_x(&ev)) {
                        brush.set(Some((a, x)));
                    }
                }
                on:pointerup=finish
                on:pointercancel=move |_| brush.set(None)
            ></canvas>
            <div class="rl-brush" aria-hidden="true" style=brush_style></div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_on_the_canvas_is_a_time_in_the_range_shown() {
        let range = (1_000_000, 2_000_000);
        assert_eq!(time_at(8.0, 216.0, 8.0, range), 1_000_000);
        assert_eq!(time_at(108.0, 216.0, 8.0, range), 1_500_000);
        assert_eq!(time_at(500.0, 216.0, 8.0, range), 2_000_000);
        assert_eq!(time_at(-3.0, 216.0, 8.0, range), 1_000_000);
    }
}
