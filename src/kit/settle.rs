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

/// Follows `source` with a list computed one item per task: `count(source)`
/// items, the i-th `item(source, i)`, so a sweep of many simulations never
/// blocks the page for longer than one of them (a phone stays responsive
/// while an embed starts). Until the list for the latest value is whole, the
/// last whole list stays (empty at first). Returns the list and whether it
/// lags behind `source`.
pub fn sliced<S, T>(
    source: ReadSignal<S>,
    count: fn(&S) -> usize,
    item: fn(&S, usize) -> T,
) -> (ReadSignal<std::sync::Arc<Vec<T>>>, ReadSignal<bool>)
where
    S: Clone + Send + Sync + 'static,
    T: Send + Sync + 'static,
{
    let out = RwSignal::new(std::sync::Arc::new(Vec::new()));
    let busy = RwSignal::new(true);
    let run = StoredValue::new(0u64);
    Effect::new(move |_| {
        let s = source.get();
        let id = run.get_value().wrapping_add(1);
        run.set_value(id);
        busy.set(true);
        let n = count(&s);
        slice(Slice {
            s,
            acc: Vec::with_capacity(n),
            n,
            id,
            run,
            out,
            busy,
            item,
        });
    });
    (out.read_only(), busy.read_only())
}

/// What one task of [`sliced`] needs: the value, the items so far, and how
/// to tell a newer value has replaced it.
struct Slice<S: Send + Sync + 'static, T: Send + Sync + 'static> {
    s: S,
    acc: Vec<T>,
    n: usize,
    id: u64,
    run: StoredValue<u64>,
    out: RwSignal<std::sync::Arc<Vec<T>>>,
    busy: RwSignal<bool>,
    item: fn(&S, usize) -> T,
}

// One item in the next task, then the next, until the list is whole or a
// newer value (or the page's end) makes it moot.
fn slice<S: Send + Sync + 'static, T: Send + Sync + 'static>(mut w: Slice<S, T>) {
    set_timeout(
        move || {
            if w.run.try_get_value() != Some(w.id) {
                return;
            }
            if w.acc.len() < w.n {
                let i = w.acc.len();
                w.acc.push((w.item)(&w.s, i));
            }
            if w.acc.len() >= w.n {
                let _ = w.out.try_set(std::sync::Arc::new(w.acc));
                let _ = w.busy.try_set(false);
            } else {
                slice(w);
            }
        },
        std::time::Duration::ZERO,
    );
}
