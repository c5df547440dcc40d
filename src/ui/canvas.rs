//! Canvas plumbing every canvas figure shares: a drawing that follows its data
//! and its box, at most once per animation frame, sharp at any pixel ratio and
//! scaled with the page's type.

use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Redraws `canvas` with `draw` whenever `data` changes or the canvas's box
/// changes size (a resized window, full screen, a turned phone, an embed's
/// frame), at most once per animation frame and after the frame's layout, so a
/// burst of inputs costs one drawing and reading the canvas size never forces a
/// layout mid-update.
pub fn redraw_on_change<T: Clone + Send + Sync + 'static>(
    canvas: NodeRef<Canvas>,
    data: Signal<T>,
    draw: fn(web_sys::HtmlCanvasElement, &T) -> Result<(), String>,
) {
    let pending = StoredValue::new(false);
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
            let (Some(d), Some(Some(c))) = (data.try_get_untracked(), canvas.try_get_untracked())
            else {
                return;
            };
            let el: &web_sys::HtmlCanvasElement = c.unchecked_ref();
            fit_to_css_size(el);
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
    type Watch = (web_sys::ResizeObserver, Closure<dyn FnMut()>);
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
        let target = el.clone();
        let cb = Closure::<dyn FnMut()>::new(move || {
            // Only a box that no longer matches the backing store needs a drawing
            // (the observer also reports the first size, which was just drawn).
            let (w, h) = backing_size(&target);
            if target.width() != w || target.height() != h {
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

/// The backing-store size that matches the canvas's CSS box at this device
/// pixel ratio.
fn backing_size(el: &web_sys::HtmlCanvasElement) -> (u32, u32) {
    let ratio = pixel_ratio();
    (
        (f64::from(el.client_width()).max(200.0) * ratio) as u32,
        (f64::from(el.client_height()).max(120.0) * ratio) as u32,
    )
}

/// Sizes the canvas backing store to its CSS box times the device pixel ratio.
pub fn fit_to_css_size(el: &web_sys::HtmlCanvasElement) {
    let (w, h) = backing_size(el);
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
