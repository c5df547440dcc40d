//! Work the first frame does not need. A page first paints its text (title,
//! caption) and its main figure; a block below the first screen is built once
//! the browser is idle, so start-up is several short tasks rather than one
//! long one, and the page shows what matters sooner.

use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::time::Duration;

thread_local! {
    // Blocks waiting to be built, and what waits for them all (`when_built`).
    static PENDING: Cell<usize> = const { Cell::new(0) };
    static WAITERS: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
}

/// Calls `f` once every deferred block on the page, and every block those
/// build in turn, is built (at once if there are none).
pub fn when_built(f: impl FnOnce() + 'static) {
    WAITERS.with(|w| w.borrow_mut().push(Box::new(f)));
    set_timeout(check_built, Duration::ZERO);
}

// why: a block's children render in a microtask after its signal is set, and
// any block among them counts itself then; a task later, the count is final.
fn check_built() {
    if PENDING.with(Cell::get) == 0 {
        let waiting = WAITERS.with(|w| std::mem::take(&mut *w.borrow_mut()));
        for f in waiting {
            f();
        }
    }
}

/// The longest an idle block waits: a page kept busy (many embeds loading on
/// a slow phone) still builds it, and an embed's `ready` is not held back.
const IDLE_AT_MOST_MS: u32 = 1500;

// Calls `go` once the browser is idle, or after `IDLE_AT_MOST_MS` at most;
// the handle cancels it. None where the browser has no idle callbacks.
fn idle(go: impl FnOnce() + 'static) -> Option<u32> {
    use wasm_bindgen::{closure::Closure, JsCast};
    let w = web_sys::window()?;
    let f = Closure::once_into_js(go);
    let opts = web_sys::IdleRequestOptions::new();
    opts.set_timeout(IDLE_AT_MOST_MS);
    w.request_idle_callback_with_options(f.unchecked_ref(), &opts)
        .ok()
}

/// When a deferred block is built.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum When {
    /// Right after the next frame is painted.
    AfterPaint,
    /// Once the browser is idle (or after `IDLE_AT_MOST_MS` at most).
    #[default]
    Idle,
}

/// Renders `children` later (see [`When`]), or at once while `now` is true
/// (a scene that shows the block).
#[component]
pub fn Later(
    /// Build the block at once.
    #[prop(optional, into)]
    now: Signal<bool>,
    /// When to build it otherwise.
    #[prop(optional)]
    when: When,
    /// The block.
    children: ChildrenFn,
) -> impl IntoView {
    let ready = RwSignal::new(false);
    PENDING.with(|p| p.set(p.get() + 1));
    let counted = StoredValue::new(true);
    let go = move || {
        let _ = ready.try_set(true);
        if counted.try_update_value(std::mem::take) == Some(true) {
            PENDING.with(|p| p.set(p.get().saturating_sub(1)));
            set_timeout(check_built, Duration::ZERO);
        }
    };
    on_cleanup(move || {
        if counted.try_update_value(std::mem::take) == Some(true) {
            PENDING.with(|p| p.set(p.get().saturating_sub(1)));
        }
    });
    // why: a browser draws no frame for an iframe of another site that is out
    // of view, so an embed below the screen would wait for a paint that never
    // comes; it builds in the next task instead. (Its `ready` message waits
    // for every block, so it shows whole.)
    let embedded = use_context::<crate::embed::options::EmbedOptions>().is_some_and(|e| e.embedded);
    match when {
        When::AfterPaint if embedded => set_timeout(go, Duration::ZERO),
        When::AfterPaint => {
            // A timeout queued from an animation frame runs after that frame's paint.
            request_animation_frame(move || set_timeout(go, Duration::ZERO));
        }
        When::Idle => match idle(go) {
            Some(handle) => on_cleanup(move || {
                if let Some(w) = web_sys::window() {
                    w.cancel_idle_callback(handle);
                }
            }),
            None => go(),
        },
    }
    move || (ready.get() || now.get()).then(|| children())
}
