//! Work the first frame does not need. A page first paints its text (title,
//! caption) and its main figure; a block below the first screen is built once
//! the browser is idle, so start-up is several short tasks rather than one
//! long one, and the page shows what matters sooner.

use leptos::prelude::*;
use std::time::Duration;

/// When a deferred block is built.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum When {
    /// Right after the next frame is painted.
    AfterPaint,
    /// Once the browser is idle.
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
    let go = move || {
        let _ = ready.try_set(true);
    };
    match when {
        When::AfterPaint => {
            // A timeout queued from an animation frame runs after that frame's paint.
            request_animation_frame(move || set_timeout(go, Duration::ZERO));
        }
        When::Idle => match request_idle_callback_with_handle(go) {
            Ok(handle) => {
                let held = StoredValue::new_local(Some(handle));
                on_cleanup(move || {
                    if let Some(Some(h)) = held.try_update_value(Option::take) {
                        h.cancel();
                    }
                });
            }
            Err(_) => ready.set(true),
        },
    }
    move || (ready.get() || now.get()).then(|| children())
}
