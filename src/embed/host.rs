//! Talking to the page that embeds a widget: the content height goes out (so
//! the host can size the iframe), theme changes come in. Every incoming
//! message is checked against the schema in [`super::options`]; anything else
//! is ignored, never acted on.

use crate::embed::options::{host_message, HostMessage, SOURCE, VERSION};
use crate::ui::theme::Theme;
use js_sys::{Object, Reflect};
use leptos::prelude::Set;
use wasm_bindgen::prelude::*;

fn field(obj: &JsValue, name: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Posts the document's height to the parent page now and whenever the
/// layout changes, while the calling component lives. Nothing happens outside
/// an iframe.
pub fn report_height() {
    let Some(w) = web_sys::window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    if parent == w {
        return;
    }
    let send = move || {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(root) = doc.document_element() else {
            return;
        };
        let msg = Object::new();
        let _ = Reflect::set(&msg, &"source".into(), &SOURCE.into());
        let _ = Reflect::set(&msg, &"version".into(), &JsValue::from(VERSION));
        let _ = Reflect::set(&msg, &"type".into(), &"height".into());
        let _ = Reflect::set(&msg, &"height".into(), &JsValue::from(root.scroll_height()));
        // why: the message holds only a number, so any host may read it.
        let _ = parent.post_message(&msg, "*");
    };
    send();
    if let Some(body) = w.document().and_then(|d| d.body()) {
        crate::ui::listen::on_resize(&body, send);
    }
}

/// Follows theme messages from the host page, while the calling component lives.
pub fn follow_host(theme: Theme) {
    crate::ui::listen::on_window("message", move |ev: web_sys::MessageEvent| {
        let data = ev.data();
        if !data.is_object() {
            return;
        }
        let text = |name| field(&data, name).as_string();
        let message = host_message(
            text("source").as_deref(),
            field(&data, "version").as_f64(),
            text("type").as_deref(),
            text("theme").as_deref(),
        );
        if let Some(HostMessage::Theme(choice)) = message {
            theme.choice.set(choice);
        }
    });
}
