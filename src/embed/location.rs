//! Reading and writing the address bar.
//!
//! Widgets write their state with [`write_query`], which waits until the controls
//! have been still for a moment and then *replaces* the history entry, so dragging
//! a slider neither floods the history nor trips the browser's rate limit on
//! history updates. A state that never stands still (a playing clock) is still
//! written at least every [`MAX_WAIT_MS`], so the address follows it. Moving
//! between pages uses [`navigate`], which pushes an entry.
//! A page that the running binary does not carry is loaded afresh with
//! [`load_afresh`] (see [`crate::bundle`]).

use gloo_timers::callback::Timeout;
use std::cell::{Cell, RefCell};

/// How long the controls must be still before the URL is rewritten.
pub const WRITE_DELAY_MS: u32 = 200;

/// The longest a changing state waits to be written, ms.
pub const MAX_WAIT_MS: f64 = 1000.0;

/// The session-storage key under which [`load_afresh`] notes the address it loads.
const RELOADED: &str = "dials-reloaded";

thread_local! {
    /// The pending rewrite, dropped (cancelled) when a newer one arrives.
    static PENDING: RefCell<Option<Timeout>> = const { RefCell::new(None) };
    /// When the oldest state not yet written arrived (`Date.now()`, ms).
    static WAITING_SINCE: Cell<Option<f64>> = const { Cell::new(None) };
    /// Whether this page was loaded by [`load_afresh`], for the address it
    /// had at start-up: loading that address afresh again would loop.
    static ARRIVED_AFRESH: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The current query string, including its leading `?` (or empty).
pub fn current_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Replaces the current history entry's query with `query` after [`WRITE_DELAY_MS`]
/// of no newer state, or at once when the oldest unwritten state has waited
/// [`MAX_WAIT_MS`].
pub fn write_query(query: String) {
    let now = js_sys::Date::now();
    let since = WAITING_SINCE.with(|w| {
        let since = w.get().unwrap_or(now);
        w.set(Some(since));
        since
    });
    if must_write_now(since, now) {
        cancel_pending();
        write_now(&query);
        return;
    }
    let t = Timeout::new(WRITE_DELAY_MS, move || {
        WAITING_SINCE.with(|w| w.set(None));
        write_now(&query);
    });
    PENDING.with(|p| *p.borrow_mut() = Some(t));
}

/// Whether a state that has waited since `since` is written at `now` without
/// waiting for the controls to be still.
fn must_write_now(since: f64, now: f64) -> bool {
    now - since >= MAX_WAIT_MS
}

/// Writes a widget's state over its page's address.
fn write_now(query: &str) {
    let now = crate::embed::query::Query::parse(&current_query());
    let next = crate::embed::query::Query::parse(query);
    // why: the history may have moved to another page's entry meanwhile;
    // a widget's state is written only over its own page's address.
    if !same_page(&now, &next) {
        return;
    }
    // The page's options (embed, presenter mode, the tour's beat) ride along
    // with the new state, as they are when it is written.
    let query = crate::embed::options::carry(&now, next).to_query_string();
    set_query(&query, false);
}

/// Whether two queries are the same page (the same `view`).
fn same_page(a: &crate::embed::query::Query, b: &crate::embed::query::Query) -> bool {
    let view = |q: &crate::embed::query::Query| q.get("view").unwrap_or_default().trim().to_owned();
    view(a) == view(b)
}

/// Drops a pending state rewrite: the history moved (back or forward), and the
/// entry now shown keeps the address it had.
pub fn cancel_pending() {
    PENDING.with(|p| *p.borrow_mut() = None);
    WAITING_SINCE.with(|w| w.set(None));
}

/// Replaces the current history entry's query now, for a page option (such as
/// presenter mode) rather than a widget's state; a pending state rewrite still
/// happens and keeps the option.
pub fn replace_query(query: &str) {
    set_query(query, false);
}

/// Goes to another page of the app: cancels pending rewrites, pushes an entry.
pub fn navigate(query: &str) {
    cancel_pending();
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

/// Reads, once at start-up, whether [`load_afresh`] brought this page here,
/// and clears the note so that it applies to this one load only.
pub fn note_start() {
    let Some(w) = web_sys::window() else { return };
    let Ok(Some(storage)) = w.session_storage() else {
        return;
    };
    let noted = storage.get_item(RELOADED).ok().flatten();
    let _ = storage.remove_item(RELOADED);
    let here = w.location().href().ok();
    if noted.is_some() && noted == here {
        ARRIVED_AFRESH.with(|a| *a.borrow_mut() = noted);
    }
}

/// Loads the current address afresh, so the start-up script picks the binary
/// that carries its page. Returns `false` and does nothing when it cannot tell
/// a loop from progress: this page was itself loaded afresh for this address
/// (the start-up script and the app disagree), or the session keeps no notes
/// (a sandboxed frame). The caller then offers a link instead.
pub fn load_afresh() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let Ok(here) = w.location().href() else {
        return false;
    };
    if ARRIVED_AFRESH.with(|a| a.borrow().as_deref() == Some(here.as_str())) {
        return false;
    }
    let Ok(Some(storage)) = w.session_storage() else {
        return false;
    };
    if storage.set_item(RELOADED, &here).is_err() {
        return false;
    }
    cancel_pending();
    w.location().reload().is_ok()
}

#[cfg(test)]
mod tests {
    use super::{must_write_now, same_page, MAX_WAIT_MS};
    use crate::embed::query::Query;

    #[test]
    fn a_state_that_keeps_changing_is_written_once_it_has_waited_long_enough() {
        assert!(!must_write_now(1000.0, 1000.0));
        assert!(!must_write_now(1000.0, 1000.0 + MAX_WAIT_MS - 1.0));
        assert!(must_write_now(1000.0, 1000.0 + MAX_WAIT_MS));
    }

    #[test]
    fn a_state_is_written_only_over_its_own_page() {
        let q = |s: &str| Query::parse(s);
        assert!(same_page(
            &q("?view=ring&nodes=3"),
            &q("?view=ring&nodes=9&seed=2")
        ));
        assert!(same_page(&q("?view=ring&embed=1"), &q("?view=ring")));
        assert!(!same_page(&q("?view=quorum&n=5"), &q("?view=ring&nodes=3")));
        assert!(!same_page(&q(""), &q("?view=ring")));
        assert!(same_page(&q(""), &q("?seed=1")));
    }
}
