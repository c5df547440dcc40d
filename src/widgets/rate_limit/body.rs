//! The rate limiters' body: what every figure is computed from (the state,
//! and the requests fired by hand or imported in this tab), the live clock,
//! firing by hand, and the page: the lanes first with the controls that
//! matter beside them, then the table and the gateways.
//!
//! A scene's `mark` names what stands out: algorithm slugs (`token`, `gcra`,
//! `leaky`, `fixed`, `log`, `sliding`) brighten those lanes and rows and dim
//! the rest; `gateways` opens the gateways section.

use super::controls::RateControls;
use super::distributed_panel::DistributedPanel;
use super::figures::{Clock, Figures};
use super::lanes_panel::LanesPanel;
use super::model;
use super::paint::LanesData;
use super::state::{RateState, Source};
use super::table::RateTable;
use crate::kit::later::Later;
use crate::kit::settle::settle;
use crate::kit::{Shared, Stage};
use crate::ui::theme::Theme;
use leptos::prelude::*;
use sim::rate_limit::AlgorithmKind;
use sim::rate_limit::Request;
use std::sync::Arc;

/// Clock ticks per second while playing.
const FPS: f64 = 30.0;
/// Streams longer than this are recomputed only once the controls are still.
const LARGE_STREAM: usize = 100_000;
/// How long the controls must be still before a large stream is recomputed, ms.
const SETTLE_MS: u32 = 150;

/// The figures: the stream, the run and what the lanes draw. They follow the
/// state without its clock, at once for ordinary streams; past LARGE_STREAM
/// requests once the controls have been still for SETTLE_MS, so a drag costs
/// one recomputation at its end instead of one per frame.
fn figures(
    state: RwSignal<RateState>,
    hand: RwSignal<Vec<Request>>,
    imported: RwSignal<Option<Shared<Vec<Request>>>>,
    marked: Memo<Vec<AlgorithmKind>>,
) -> Figures {
    let theme = expect_context::<Theme>();
    let compute_state = Memo::new(move |_| {
        state.with(|s| RateState {
            t_ms: 0.0,
            live: false,
            zoom: None,
            ..s.clone()
        })
    });
    let large = StoredValue::new(false);
    let (calc, updating) = settle(compute_state, SETTLE_MS, move |_| large.get_value());
    let stream_inputs = Memo::new(move |_| {
        calc.with(|s| {
            (
                (
                    s.source,
                    s.rate.to_bits(),
                    s.duration.to_bits(),
                    s.on_ms,
                    s.off_ms,
                    s.spike_at.to_bits(),
                ),
                (
                    s.spike_count,
                    s.spike_ms,
                    s.spread_ms,
                    s.clients,
                    s.seed,
                    s.limit,
                    s.window_ms,
                ),
            )
        })
    });
    let stream = Memo::new(move |_| {
        let _ = stream_inputs.get();
        let h = hand.get();
        let imp = imported.get();
        let st =
            calc.with_untracked(|s| model::stream(s, &h, imp.as_deref().map(|v| v.as_slice())));
        large.set_value(st.requests.len() > LARGE_STREAM);
        Shared::new(st)
    });
    let run_inputs =
        Memo::new(move |_| calc.with(|s| (s.algos.clone(), s.limit, s.window_ms, s.burst)));
    let run = Memo::new(move |_| {
        let _ = run_inputs.get();
        stream.with(|st| Arc::new(calc.with_untracked(|s| model::run_all(s, st))))
    });
    let times = Memo::new(move |_| stream.with(|s| Arc::clone(&s.times)));
    let live = Memo::new(move |_| state.with(|s| s.live));
    let end_us = Memo::new(move |_| stream.with(|s| s.end_us));
    let playhead_us = Memo::new(move |_| {
        if live.get() {
            (state.with(|s| s.t_ms) * 1000.0).round() as u64
        } else {
            u64::MAX
        }
    });
    let visible = Memo::new(move |_| {
        let p = playhead_us.get();
        times.with(|t| t.partition_point(|&x| x <= p))
    });
    let window_us = Memo::new(move |_| run.with(|r| r.params.window_us));
    let range = Memo::new(move |_| model::shown_range(state.with(|s| s.zoom), end_us.get()));
    let lanes = Memo::new(move |_| LanesData {
        run: run.get(),
        times: times.get(),
        window_us: window_us.get(),
        from_us: range.get().0,
        to_us: range.get().1,
        playhead_us: playhead_us.get(),
        fall: 1.0,
        moving: true,
        marked: marked.get(),
        dark: theme.dark.get(),
    });
    let so_far = Memo::new(move |_| run.with(|r| model::so_far(r, visible.get())));
    Figures {
        stream,
        run,
        times,
        live,
        end_us,
        visible,
        so_far,
        lanes,
        updating,
    }
}

/// The live clock: a timer advances `t`; it lives only while playing. An
/// embed may ask to start playing (the `play` option), and playing means the
/// live clock, so `play` turns it on.
fn clock(state: RwSignal<RateState>, end_us: Memo<u64>) -> Clock {
    let autoplay = use_context::<crate::embed::options::AutoPlay>()
        .unwrap_or_default()
        .0;
    if autoplay && !state.with_untracked(|s| s.live) {
        state.update(|s| {
            s.live = true;
            s.t_ms = 0.0;
        });
    }
    let clock = Clock {
        state,
        end_us,
        playing: RwSignal::new(autoplay),
        speed: RwSignal::new(1.0f64),
    };
    // With reduced motion the clock moves in half-second jumps, not a glide.
    let reduced = crate::talk::motion::prefers_reduced_motion();
    let step = if reduced { 500.0 } else { 1000.0 / FPS };
    crate::talk::motion::use_clock(
        clock.playing,
        move || step as u32,
        move || {
            if state.with_untracked(|s| s.t_ms) >= clock.end_ms() {
                state.update(|s| s.t_ms = 0.0);
            }
        },
        move || {
            let end = clock.end_ms();
            let next = state.with_untracked(|s| s.t_ms) + step * clock.speed.get_untracked();
            state.update(|s| s.t_ms = next.min(end));
            if next >= end {
                clock.playing.set(false);
            }
        },
    );
    clock
}

/// Whether a key event comes from a place where typing means text.
fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| {
            matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || e.has_attribute("contenteditable")
        })
}

/// Firing by hand: a request at the clock's time, kept sorted; the clock
/// starts if stopped. The F key fires too (holding it repeats).
fn firing(state: RwSignal<RateState>, hand: RwSignal<Vec<Request>>, clock: Clock) -> Callback<()> {
    let fire = Callback::new(move |()| {
        if state.with_untracked(|s| s.source != Source::Hand || !s.live) {
            state.update(|s| {
                s.source = Source::Hand;
                s.live = true;
            });
        }
        let t_us = (state.with_untracked(|s| s.t_ms) * 1000.0).round() as u64;
        hand.update(|h| {
            let at = h.partition_point(|r| r.t_us <= t_us);
            h.insert(at, Request { t_us, client: 0 });
        });
        if !clock.playing.get_untracked() {
            clock.playing.set(true);
        }
    });
    // why: firing changes the state, so with the sliders hidden (and the
    // Fire button with them) the key does nothing either.
    if crate::kit::hides(crate::embed::options::Part::Sliders) {
        return fire;
    }
    crate::ui::listen::on_window("keydown", move |ev: web_sys::KeyboardEvent| {
        if (ev.key() == "f" || ev.key() == "F")
            && !ev.ctrl_key()
            && !ev.meta_key()
            && !ev.alt_key()
            && !typing(&ev)
        {
            ev.prevent_default();
            // Holding the key repeats it: the browser's auto-repeat fires again.
            fire.run(());
        }
    });
    fire
}

/// The algorithms a scene's mark names.
pub fn marked_kinds(mark: &str) -> Vec<AlgorithmKind> {
    AlgorithmKind::ALL
        .into_iter()
        .filter(|k| mark.split(' ').any(|w| w == k.slug()))
        .collect()
}

/// The figures and controls.
pub fn body(stage: Stage<RateState>) -> AnyView {
    let state = stage.state;
    let mark = stage.mark;
    let hand: RwSignal<Vec<Request>> = RwSignal::new(Vec::new());
    let imported: RwSignal<Option<Shared<Vec<Request>>>> = RwSignal::new(None);
    let marked = Memo::new(move |_| marked_kinds(mark.get()));
    let figures = figures(state, hand, imported, marked);
    let clock = clock(state, figures.end_us);
    let fire = firing(state, hand, clock);
    let gateways = Signal::derive(move || mark.with(|m| m.split(' ').any(|w| w == "gateways")));
    view! {
        <div class="rate-body">
            <div class="rl-stage">
                <div class="rl-main">
                    <LanesPanel state=state figures=figures clock=clock hand=hand fire=fire/>
                </div>
                <div class="rl-side">
                    <RateControls state=state imported=imported scene_controls=stage.controls/>
                </div>
            </div>
            // Below the first screen: built once the browser is idle, unless
            // the scene shows them.
            // The table is built with the gateways, so it never pushes them
            // away from under the caption.
            <Later now=gateways><RateTable figures=figures marked=marked/></Later>
            <Later now=gateways><DistributedPanel state=state stream=figures.stream open_it=gateways/></Later>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_names_algorithms_by_their_slugs() {
        assert_eq!(
            marked_kinds("token fixed gateways"),
            vec![AlgorithmKind::TokenBucket, AlgorithmKind::FixedWindow]
        );
        assert!(marked_kinds("").is_empty());
    }
}
