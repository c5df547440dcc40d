//! A value that follows another once it has been still: how a widget keeps
//! heavy figures out of a drag. The figures read the settled value; the
//! controls and the URL keep following the live one.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;

/// Follows `source`: at once when `wait` says the new value need not wait,
/// else once `source` has not changed for `delay_ms`. Returns the settled
/// value and whether it still lags behind `source` (for an "Updating…" note):
/// from a change until the value settles, even where a drag passes back over
/// the settled value meanwhile, so the note does not flicker.
pub fn settle<T>(
    source: Memo<T>,
    delay_ms: u32,
    wait: impl Fn(&T) -> bool + 'static,
) -> (ReadSignal<T>, Memo<bool>)
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let settled = RwSignal::new(source.get_untracked());
    let waiting = RwSignal::new(false);
    let timer = StoredValue::new_local(None::<Timeout>);
    Effect::new(move |_| {
        let next = source.get();
        let must_wait = wait(&next);
        if !waiting.get_untracked() && settled.with_untracked(|s| *s == next) {
            return;
        }
        if must_wait {
            if !waiting.get_untracked() {
                waiting.set(true);
            }
            timer.set_value(Some(Timeout::new(delay_ms, move || {
                settled.set(next);
                waiting.set(false);
            })));
        } else {
            timer.set_value(None);
            settled.set(next);
            waiting.set(false);
        }
    });
    // The value may already be gone when the page changes: try, never panic.
    on_cleanup(move || {
        let _ = timer.try_set_value(None);
    });
    (settled.read_only(), Memo::new(move |_| waiting.get()))
}

/// Follows `source` at once while `in_view`, else once it has been still for
/// `delay_ms`: a figure out of view does not redraw on every input of a drag
/// elsewhere on the page, and has caught up by the time anyone looks.
pub fn follow_in_view<T>(source: Memo<T>, in_view: ReadSignal<bool>, delay_ms: u32) -> ReadSignal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    settle(source, delay_ms, move |_| !in_view.get_untracked()).0
}

/// Follows `source` at once after a quiet spell of `quiet_ms`, and changes in
/// quicker succession (a drag) once they stop: motion that replays on every
/// change plays for a click at once and for a drag once, at its end.
pub fn leading<T>(source: Memo<T>, quiet_ms: u32) -> ReadSignal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let last = StoredValue::new(f64::NEG_INFINITY);
    settle(source, quiet_ms, move |_| {
        let now = js_sys::Date::now();
        let busy = now - last.get_value() < f64::from(quiet_ms);
        last.set_value(now);
        busy
    })
    .0
}
