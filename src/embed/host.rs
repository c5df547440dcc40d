//! Talking to the page that embeds a widget: a `ready` message when the
//! embed is mounted (the host answers with the theme it set, so the order of
//! loading never matters), the content height whenever it changes (so the
//! host can size the iframe), theme changes coming in. Every incoming message
//! is checked against the schema in [`super::options`]; anything else is
//! ignored, never acted on. An embed that fits its frame (`fit=1`, a slide)
//! reports no height: it scales itself to the frame instead.

use crate::embed::message::{HostMessage, Wire};
use crate::ui::theme::Theme;
use leptos::prelude::{request_animation_frame, Set};

/// Smallest scale a fitted embed takes: below it, text would be unreadable,
/// and the frame scrolls instead.
const MIN_FIT: f64 = 0.45;
/// Largest: a big frame (a projected slide) shows the scene larger, up to this.
const MAX_FIT: f64 = 1.6;

/// Announces the embed to the parent page, then posts the document's height
/// whenever the layout changes (unless `fit`: then it scales itself to the
/// frame), while the calling component lives. Nothing happens outside an
/// iframe.
pub fn report_height(fit: bool) {
    let Some(w) = web_sys::window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    if parent == w {
        return;
    }
    let post = {
        let parent = parent.clone();
        move |wire: Wire| post_to(&parent, &wire)
    };
    // why: the body's scroll height is its content's; the root element's is
    // never less than the frame, so an iframe given too much room would keep it.
    let height = || {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
            .map(|body| f64::from(body.scroll_height()))
    };
    // Ready once the figures are built (see `kit::later`).
    let announce = move || post_to(&parent, &Wire::ready(if fit { None } else { height() }));
    crate::kit::later::when_built(announce);
    let Some(body) = w.document().and_then(|d| d.body()) else {
        return;
    };
    if fit {
        let refit = move || {
            request_animation_frame(fit_to_frame);
        };
        refit();
        crate::ui::listen::on_resize(&body, refit);
        crate::ui::listen::on_window("resize", move |_: web_sys::Event| refit());
    } else {
        crate::ui::listen::on_resize(&body, move || {
            if let Some(h) = height() {
                post(Wire::height(h));
            }
        });
    }
}

/// Posts a message to the host page.
fn post_to(parent: &web_sys::Window, wire: &Wire) {
    if let Ok(msg) = serde_wasm_bindgen::to_value(wire) {
        // why: the messages hold only numbers and names, so any host may read them.
        let _ = parent.post_message(&msg, "*");
    }
}

/// Scales the page (CSS `zoom` on the body) to the largest factor at which it
/// fits the frame's height: smaller in a small frame, larger in a large one. A smaller zoom also widens the layout,
/// which can shorten it, so the factor is searched for, not divided out.
fn fit_to_frame() {
    let Some(w) = web_sys::window() else { return };
    let Some(doc) = w.document() else { return };
    let (Some(root), Some(body)) = (doc.document_element(), doc.body()) else {
        return;
    };
    let frame = w
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    if frame <= 0.0 {
        return;
    }
    let style = body.style();
    let fits = |z: f64| {
        let _ = style.set_property("zoom", &format!("{z:.3}"));
        f64::from(root.scroll_height()) <= frame + 0.5
    };
    let best = if fits(1.0) {
        fit_search(1.0, MAX_FIT, fits)
    } else {
        fit_search(MIN_FIT, 1.0, fits)
    };
    let _ = style.set_property("zoom", &format!("{best:.3}"));
}

/// The largest `z` in `[lo, hi]` (to 1/200) for which `fits` holds (taken to
/// hold below any `z` where it holds); `lo` if it fails everywhere.
pub fn fit_search(lo: f64, hi: f64, mut fits: impl FnMut(f64) -> bool) -> f64 {
    let (mut ok, mut bad) = (lo, hi);
    if fits(hi) {
        return hi;
    }
    if !fits(lo) {
        return lo;
    }
    while bad - ok > 0.005 {
        let mid = (ok + bad) / 2.0;
        if fits(mid) {
            ok = mid;
        } else {
            bad = mid;
        }
    }
    ok
}

/// Follows theme messages from the host page, while the calling component lives.
pub fn follow_host(theme: Theme) {
    crate::ui::listen::on_window("message", move |ev: web_sys::MessageEvent| {
        let message = serde_wasm_bindgen::from_value::<Wire>(ev.data())
            .ok()
            .and_then(|w| w.from_host());
        if let Some(HostMessage::Theme(choice)) = message {
            theme.choice.set(choice);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::fit_search;

    #[test]
    fn the_fit_is_the_largest_zoom_that_fits() {
        // A page 1,000 px tall at zoom 1 in a 540 px frame: 0.54 fits.
        let z = fit_search(0.45, 1.0, |z| 1000.0 * z <= 540.0);
        assert!((0.535..=0.54).contains(&z), "{z}");
        // Never below the floor, even when nothing fits.
        assert_eq!(fit_search(0.45, 1.0, |_| false), 0.45);
        // A page that fits with room to spare grows, up to the ceiling.
        let z = fit_search(1.0, 1.6, |z| 400.0 * z <= 540.0);
        assert!((1.345..=1.35).contains(&z), "{z}");
        assert_eq!(fit_search(1.0, 1.6, |_| true), 1.6);
        // A layout that shortens as it widens fits at a larger zoom than
        // dividing the heights would give.
        let z = fit_search(0.45, 1.0, |z| (1000.0 - 400.0 * (1.0 - z)) * z <= 540.0);
        assert!(z > 0.6, "{z}");
    }
}
