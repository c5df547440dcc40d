//! Presenter mode: the page fills the screen, type grows for the back of the
//! room, contrast goes up, and everything but the widget (and, on a tour, the
//! controls the beat does not need) steps aside. Entered with `p` or the
//! `present=1` option; left with `p` or Escape, or by leaving full screen.

use crate::embed::location::{current_query, replace_query};
use crate::embed::query::Query;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Provided by the shell.
#[derive(Clone, Copy, Debug)]
pub struct Presenter {
    /// Presenter mode is on.
    pub on: RwSignal<bool>,
}

/// Reads `present` from the opening query and keeps the page's class, the URL
/// and full screen in step with the mode.
pub fn use_presenter(opened: &Query) -> Presenter {
    let on = RwSignal::new(opened.get("present") == Some("1"));
    // Effects are for the page outside Leptos: a class on <html> and the URL.
    Effect::new(move |_| {
        let present = on.get();
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.class_list().toggle_with_force("presenting", present);
        }
        let mut q = Query::parse(&current_query());
        if (q.get("present") == Some("1")) != present {
            q.remove("present");
            if present {
                q.push("present", "1");
            }
            replace_query(&q.to_query_string());
        }
    });
    // Leaving full screen (the browser takes Escape for that) leaves the mode.
    crate::ui::listen::on_document("fullscreenchange", move |_: web_sys::Event| {
        let full = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.fullscreen_element().is_some());
        if !full && on.get_untracked() {
            on.set(false);
        }
    });
    Presenter { on }
}

impl Presenter {
    /// Enters or leaves; entering asks for full screen (allowed only from a
    /// key press or click, which is where this is called from).
    pub fn toggle(self) {
        let next = !self.on.get_untracked();
        self.on.set(next);
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if next {
            if let Some(root) = doc.document_element() {
                quietly(call(&root, "requestFullscreen"));
            }
        } else if doc.fullscreen_element().is_some() {
            quietly(call(&doc, "exitFullscreen"));
        }
    }

    /// Leaves presenter mode if it is on.
    pub fn leave(self) {
        if self.on.get_untracked() {
            self.toggle();
        }
    }
}

/// Calls a method that returns a promise, if the browser has it.
fn call(target: &JsValue, method: &str) -> Option<js_sys::Promise> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &JsValue::from_str(method))
        .ok()?
        .dyn_into()
        .ok()?;
    f.call0(target).ok()?.dyn_into().ok()
}

/// A refused full-screen request is fine: the mode works without it.
fn quietly(p: Option<js_sys::Promise>) {
    if let Some(p) = p {
        // why: the handler must live until the promise settles; `once_into_js`
        // hands it to the JS side, which frees it if it is ever called.
        let ignore = Closure::once_into_js(|_: JsValue| {});
        if let Ok(catch) = js_sys::Reflect::get(&p, &JsValue::from_str("catch")) {
            let _ = catch
                .unchecked_into::<js_sys::Function>()
                .call1(&p, &ignore);
        }
    }
}
