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
    // An embed stays an embed: its options ride along with the new state.
    let query = crate::embed::options::carry(
        &crate::embed::query::Query::parse(&current_query()),
        crate::embed::query::Query::parse(&query),
    )
    .to_query_string();
    let t = Timeout::new(WRITE_DELAY_MS, move || set_query(&query, false));
    PENDING.with(|p| *p.borrow_mut() = Some(t));
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
