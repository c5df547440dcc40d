//! Talking to the page that embeds a widget: the content height goes out (so
//! the host can size the iframe), theme changes come in. Every incoming
//! message is checked against the schema in [`super::options`]; anything else
//! is ignored, never acted on.

use crate::embed::options::{HostMessage, Wire};
use crate::ui::theme::Theme;
use leptos::prelude::Set;

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
        let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        else {
            return;
        };
        let Ok(msg) = serde_wasm_bindgen::to_value(&Wire::height(f64::from(root.scroll_height())))
        else {
            return;
        };
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
        let message = serde_wasm_bindgen::from_value::<Wire>(ev.data())
            .ok()
            .and_then(|w| w.from_host());
        if let Some(HostMessage::Theme(choice)) = message {
            theme.choice.set(choice);
        }
    });
}
