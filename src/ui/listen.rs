//! Browser listeners and observers tied to the component that made them: each
//! is released when that component goes, so nothing outlives its page.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Calls `f` with every `event` on `target` while the calling component lives.
pub fn on_event<E: JsCast + 'static>(
    target: &web_sys::EventTarget,
    event: &'static str,
    f: impl Fn(E) + 'static,
) {
    let cb = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| f(e.unchecked_into()));
    let _ = target.add_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
    let held = StoredValue::new_local(Some((target.clone(), cb)));
    on_cleanup(move || {
        if let Some(Some((target, cb))) = held.try_update_value(Option::take) {
            let _ = target.remove_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
        }
    });
}

/// Calls `f` with every `event` on the window while the calling component lives.
pub fn on_window<E: JsCast + 'static>(event: &'static str, f: impl Fn(E) + 'static) {
    if let Some(w) = web_sys::window() {
        on_event(&w, event, f);
    }
}

/// Calls `f` with every `event` on the document while the calling component lives.
pub fn on_document<E: JsCast + 'static>(event: &'static str, f: impl Fn(E) + 'static) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        on_event(&d, event, f);
    }
}

/// Calls `f` whenever `el` changes size, while the calling component lives.
pub fn on_resize(el: &web_sys::Element, f: impl Fn() + 'static) {
    let cb = Closure::<dyn Fn()>::new(f);
    let Ok(observer) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) else {
        return;
    };
    observer.observe(el);
    let held = StoredValue::new_local(Some((observer, cb)));
    on_cleanup(move || {
        if let Some(Some((observer, _))) = held.try_update_value(Option::take) {
            observer.disconnect();
        }
    });
}

/// Calls `f` with whether `el` intersects the viewport, whenever that changes,
/// while the calling component lives.
pub fn on_visible(el: &web_sys::Element, f: impl Fn(bool) + 'static) {
    let cb = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(e) = entries
            .iter()
            .last()
            .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
        {
            f(e.is_intersecting());
        }
    });
    let Ok(observer) = web_sys::IntersectionObserver::new(cb.as_ref().unchecked_ref()) else {
        return;
    };
    observer.observe(el);
    let held = StoredValue::new_local(Some((observer, cb)));
    on_cleanup(move || {
        if let Some(Some((observer, _))) = held.try_update_value(Option::take) {
            observer.disconnect();
        }
    });
}

/// Whether the element `target` will hold intersects the viewport: `initial`
/// until the element exists and its observer first reports. The observer
/// attaches once (effects are for the page outside Leptos) and goes with the
/// calling component.
pub fn use_in_view<E>(target: NodeRef<E>, initial: bool) -> ReadSignal<bool>
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let in_view = RwSignal::new(initial);
    let owner = Owner::current();
    Effect::new(move |watching: Option<bool>| {
        if watching == Some(true) {
            return true;
        }
        let Some(el) = target.get() else {
            return false;
        };
        let observe = || on_visible(el.unchecked_ref(), move |v| in_view.set(v));
        match &owner {
            Some(o) => o.with(observe),
            None => observe(),
        }
        true
    });
    in_view.read_only()
}
