//! Whether animations may run: only while the tab is shown and the widget is
//! at least partly on screen (for an embed, on the host page's screen). A
//! clock that is not allowed to move skips its ticks, so it resumes where it
//! stopped.

use gloo_timers::callback::Interval;
use leptos::html::Div;
use leptos::prelude::*;

/// Provided by the shell; read by every widget's clock.
#[derive(Clone, Copy, Debug)]
pub struct Motion {
    /// The tab is visible and the widget is on screen.
    pub active: Signal<bool>,
}

/// Whether a clock may tick now (true where no [`Motion`] is provided).
pub fn may_move(m: Option<Motion>) -> bool {
    m.is_none_or(|m| m.active.get_untracked())
}

/// The reader asks for reduced motion: clocks jump in discrete steps.
pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

fn tab_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
}

/// Watches the tab's visibility and whether `target` (the element around the
/// widget) intersects the viewport. Listeners live as long as the page.
pub fn use_motion(target: NodeRef<Div>) -> Motion {
    let visible = RwSignal::new(tab_visible());
    crate::ui::listen::on_document("visibilitychange", move |_: web_sys::Event| {
        visible.set(tab_visible());
    });
    let in_view = crate::ui::listen::use_in_view(target, true);
    Motion {
        active: Signal::derive(move || visible.get() && in_view.get()),
    }
}

/// A widget's clock: while `playing`, calls `tick` every `period()` ms, except
/// while [`Motion`] says animations must wait. `start` runs each time play
/// begins (to rewind a finished run); `period` may read signals, and a change
/// restarts the timer. The timer goes with the component.
pub fn use_clock(
    playing: RwSignal<bool>,
    period: impl Fn() -> u32 + 'static,
    start: impl Fn() + 'static,
    tick: impl Fn() + Clone + 'static,
) {
    let motion = use_context::<Motion>();
    let timer = StoredValue::new_local(None::<Interval>);
    // Effects are for timers: they live outside Leptos' reactive graph.
    Effect::new(move |_| {
        if !playing.get() {
            timer.set_value(None);
            return;
        }
        start();
        let tick = tick.clone();
        timer.set_value(Some(Interval::new(period(), move || {
            if may_move(motion) {
                tick();
            }
        })));
    });
    on_cleanup(move || {
        let _ = timer.try_set_value(None);
    });
}
