//! Canvas plumbing every canvas figure shares: a drawing that follows its data
//! and its box, at most once per animation frame, sharp at any pixel ratio and
//! scaled with the page's type.

use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Redraws `canvas` with `draw` whenever `data` changes or the canvas's box
/// changes size (a resized window, full screen, a turned phone, an embed's
/// frame), at most once per animation frame. The box's size comes from a
/// `ResizeObserver`, which reports it after layout: a drawing never reads the
/// layout itself, so a page with several canvases lays out once a frame, not
/// once per canvas. Until the observer has reported, nothing is drawn.
pub fn redraw_on_change<T: Clone + Send + Sync + 'static>(
    canvas: NodeRef<Canvas>,
    data: Signal<T>,
    draw: fn(web_sys::HtmlCanvasElement, &T) -> Result<(), String>,
) {
    let pending = StoredValue::new(false);
    // The canvas's CSS box, as the observer last reported it.
    let css_box = StoredValue::new(None::<(f64, f64)>);
    let schedule = move || {
        if pending.try_get_value() != Some(false) {
            return;
        }
        pending.set_value(true);
        request_animation_frame(move || {
            // The widget may be gone by the time the frame comes.
            if pending.try_set_value(false).is_some() {
                return;
            }
            let (Some(d), Some(Some(c)), Some(Some(size))) = (
                data.try_get_untracked(),
                canvas.try_get_untracked(),
                css_box.try_get_value(),
            ) else {
                return;
            };
            let el: &web_sys::HtmlCanvasElement = c.unchecked_ref();
            fit_backing_store(el, size);
            if let Err(e) = draw(el.clone(), &d) {
                leptos::logging::warn!("chart: {e}");
            }
        });
    };
    // Effects are for drawing: the canvas is outside Leptos' DOM model.
    Effect::new(move |_| {
        data.track();
        schedule();
    });
    // The observer and its callback live as long as the canvas.
    type Watch = (web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>);
    let watch = StoredValue::new_local(None::<Watch>);
    let stop = move || {
        let _ = watch.try_with_value(|w| {
            if let Some((observer, _)) = w {
                observer.disconnect();
            }
        });
    };
    Effect::new(move |_| {
        let Some(c) = canvas.get() else { return };
        let el: web_sys::HtmlCanvasElement = c.unchecked_into();
        let cb = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let Some(e) = entries
                .iter()
                .last()
                .and_then(|e| e.dyn_into::<web_sys::ResizeObserverEntry>().ok())
            else {
                return;
            };
            let r = e.content_rect();
            let size = (r.width(), r.height());
            if css_box.try_get_value() != Some(Some(size)) {
                css_box.set_value(Some(size));
                schedule();
            }
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
            observer.observe(&el);
            stop();
            watch.set_value(Some((observer, cb)));
        }
    });
    on_cleanup(move || {
        stop();
        let _ = watch.try_set_value(None);
    });
}

/// The backing-store size for a CSS box at this device pixel ratio.
fn backing_size((w, h): (f64, f64)) -> (u32, u32) {
    let ratio = pixel_ratio();
    ((w.max(200.0) * ratio) as u32, (h.max(120.0) * ratio) as u32)
}

/// Sizes the canvas backing store to a CSS box times the device pixel ratio.
fn fit_backing_store(el: &web_sys::HtmlCanvasElement, size: (f64, f64)) {
    let (w, h) = backing_size(size);
    if el.width() != w {
        el.set_width(w);
    }
    if el.height() != h {
        el.set_height(h);
    }
}

/// The device pixel ratio, bounded.
pub fn pixel_ratio() -> f64 {
    web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 3.0)
}

/// Device pixels per unit the on-screen canvases are drawn in: the pixel ratio
/// times the page's type scale (root font size over 16 px). Presenter mode's
/// larger type, or a reader's larger default font, grows the canvases' text,
/// margins and lines with it; the canvases' heights are in `rem`, so the
/// drawing keeps its proportions.
pub fn drawing_scale() -> f64 {
    let root = web_sys::window().and_then(|w| {
        let html = w.document()?.document_element()?;
        let size = w
            .get_computed_style(&html)
            .ok()??
            .get_property_value("font-size")
            .ok()?;
        crate::decimal::parse(size.trim_end_matches("px"))
    });
    pixel_ratio() * type_scale(root)
}

/// The type scale for a root font size in CSS pixels (16 is 1), bounded; 1
/// when it is unknown.
pub fn type_scale(root_px: Option<f64>) -> f64 {
    root_px
        .filter(|v| v.is_finite() && *v > 0.0)
        .map_or(1.0, |v| (v / 16.0).clamp(0.75, 2.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_scale_follows_the_root_font_within_bounds() {
        assert_eq!(type_scale(Some(16.0)), 1.0);
        assert_eq!(type_scale(Some(24.0)), 1.5);
        assert_eq!(type_scale(Some(20.0)), 1.25);
        assert_eq!(type_scale(Some(200.0)), 2.0);
        assert_eq!(type_scale(Some(4.0)), 0.75);
        assert_eq!(type_scale(None), 1.0);
        assert_eq!(type_scale(Some(f64::NAN)), 1.0);
        assert_eq!(type_scale(Some(0.0)), 1.0);
    }
}
