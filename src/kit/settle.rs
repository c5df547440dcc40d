//! A value that follows another once it has been still: how a widget keeps
//! heavy figures out of a drag. The figures read the settled value; the
//! controls and the URL keep following the live one.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;

/// Follows `source`: at once when `wait` says the new value need not wait,
/// else once `source` has not changed for `delay_ms`. Returns the settled
/// value and whether it still lags behind `source` (for an "Updating…" note).
pub fn settle<T>(
    source: Memo<T>,
    delay_ms: u32,
    wait: impl Fn(&T) -> bool + 'static,
) -> (ReadSignal<T>, Memo<bool>)
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let settled = RwSignal::new(source.get_untracked());
    let timer = StoredValue::new_local(None::<Timeout>);
    Effect::new(move |_| {
        let next = source.get();
        if wait(&next) {
            timer.set_value(Some(Timeout::new(delay_ms, move || settled.set(next))));
        } else {
            timer.set_value(None);
            settled.set(next);
        }
    });
    // The value may already be gone when the page changes: try, never panic.
    on_cleanup(move || {
        let _ = timer.try_set_value(None);
    });
    let lagging = Memo::new(move |_| settled.with(|s| source.with(|t| s != t)));
    (settled.read_only(), lagging)
}
