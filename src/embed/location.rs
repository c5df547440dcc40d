//! Reading and writing the address bar.
//!
//! Widgets write their state with [`write_query`], which waits until the controls
//! have been still for a moment and then *replaces* the history entry, so dragging
//! a slider neither floods the history nor trips the browser's rate limit on
//! history updates. Moving between pages uses [`navigate`], which pushes an entry.

use gloo_timers::callback::Timeout;
use std::cell::RefCell;

/// How long the controls must be still before the URL is rewritten.
pub const WRITE_DELAY_MS: u32 = 200;

thread_local! {
    /// The pending rewrite, dropped (cancelled) when a newer one arrives.
    static PENDING: RefCell<Option<Timeout>> = const { RefCell::new(None) };
}

/// The current query string, including its leading `?` (or empty).
pub fn current_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Replaces the current history entry's query with `query` after [`WRITE_DELAY_MS`].
pub fn write_query(query: String) {
    let t = Timeout::new(WRITE_DELAY_MS, move || {
        // The page's options (embed, presenter mode, the tour's beat) ride along
        // with the new state, as they are when it is written.
        let query = crate::embed::options::carry(
            &crate::embed::query::Query::parse(&current_query()),
            crate::embed::query::Query::parse(&query),
        )
        .to_query_string();
        set_query(&query, false);
    });
    PENDING.with(|p| *p.borrow_mut() = Some(t));
}

/// Replaces the current history entry's query now, for a page option (such as
/// presenter mode) rather than a widget's state; a pending state rewrite still
/// happens and keeps the option.
pub fn replace_query(query: &str) {
    set_query(query, false);
}

/// Goes to another page of the app: cancels pending rewrites, pushes an entry.
pub fn navigate(query: &str) {
    PENDING.with(|p| *p.borrow_mut() = None);
    set_query(query, true);
}

fn set_query(query: &str, push: bool) {
    let Some(w) = web_sys::window() else { return };
    let path = w.location().pathname().unwrap_or_default();
    let url = if query.is_empty() {
        path
    } else {
        format!("{path}{query}")
    };
    if let Ok(h) = w.history() {
        let _ = if push {
            h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        } else {
            h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        };
    }
}
