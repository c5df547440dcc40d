//! The lanes figure: the clock's buttons and the fire button, the zoom, every
//! request under every algorithm on one canvas, and the legend of its marks.

use super::figures::{Clock, Figures};
use super::lanes::LanesCanvas;
use super::legend::LanesLegend;
use super::model::ms;
use super::state::{self, RateState, Source};
use crate::ui::readout::count;
use gloo_timers::callback::Interval;
use leptos::prelude::*;
use sim::rate_limit::Request;

/// Requests fired per second while the fire button or key is held.
const HOLD_PER_SECOND: u32 = 8;

/// The lanes figure.
#[component]
pub fn LanesPanel(
    /// The widget state.
    state: RwSignal<RateState>,
    /// The figures.
    figures: Figures,
    /// The live clock.
    clock: Clock,
    /// Requests fired by hand in this tab.
    hand: RwSignal<Vec<Request>>,
    /// Fires a request at the clock's time.
    fire: Callback<()>,
) -> impl IntoView {
    let Figures {
        stream,
        run,
        live,
        end_us,
        visible,
        updating,
        lanes,
        ..
    } = figures;
    let on_zoom = Callback::new(move |(a, b): (u64, u64)| {
        state.update(|s| s.set_zoom(a as f64 / 1000.0, b as f64 / 1000.0));
    });
    let inert = crate::kit::hides(crate::embed::options::Part::Sliders);
    view! {
        <section class="panel rl-lanes" aria-label="Every request, every algorithm" data-figure="lanes">
            <p class="updating" id="rl-updating" aria-live="polite">{move || if updating.get() { "Updating…" } else { "" }}</p>
            <LanesCanvas data=lanes on_zoom=on_zoom label=Signal::derive(move || run.with(|r| {
                let parts: Vec<String> = r.lanes.iter().map(|l| format!("{}: {} let through, {} refused", l.kind.label(), l.summary.accepted, l.summary.rejected)).collect();
                format!("Lanes of requests over time. {}", parts.join("; "))
            }))/>
            <ClockControls state=state figures=figures clock=clock hand=hand fire=fire/>
            <Show when=move || live.get()>
                <div class="scrub" data-control="clock">
                    <label for="rl-t">"Clock"</label>
                    <input type="range" id="rl-t" min="0" step="any"
                        max=move || (end_us.get() as f64 / 1000.0).to_string()
                        prop:value=move || state.with(|s| s.t_ms).to_string()
                        aria-valuetext=move || ms(state.with(|s| s.t_ms))
                        on:input=move |ev| {
                            if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                                clock.playing.set(false);
                                state.update(|s| s.t_ms = v.max(0.0));
                            }
                        }/>
                    <output for="rl-t" data-metric="clock" data-value=move || state.with(|s| s.t_ms).to_string()>{move || ms(state.with(|s| s.t_ms))}</output>
                </div>
            </Show>
            <ZoomControls state=state figures=figures/>
            <p class="note rl-count" data-metric="requests" data-value=move || stream.with(|s| s.requests.len()).to_string()>
                {move || stream.with(|s| {
                    let n = s.requests.len();
                    let shown = if live.get() { format!("{} of ", count(visible.get() as f64)) } else { String::new() };
                    let cut = if s.cut { format!(" (cut at {} requests)", count(state::MAX_STREAM as f64)) } else { String::new() };
                    let drag = if inert { "" } else { " Drag across the lanes to zoom in." };
                    format!("{shown}{} requests over {}{cut}.{drag}", count(n as f64), ms(s.end_us as f64 / 1000.0))
                })}
            </p>
            <Show when=move || state.with(|s| s.source == Source::Hand)>
                <p class="note share-note" data-metric="hand-count" data-value=move || hand.with(Vec::len).to_string()>
                    {move || format!(
                        "{} requests fired.{} A link to this page carries every setting but not these requests.",
                        hand.with(Vec::len),
                        if inert { "" } else { " Press F or hold the Fire button while the clock runs; Replay plays them again." }
                    )}
                </p>
            </Show>
        </section>
        <LanesLegend window_ms=Signal::derive(move || state.with(|s| s.window_ms))/>
    }
}

/// Zooming on the time axis: in, out, or the whole stream, and the stretch shown.
#[component]
fn ZoomControls(state: RwSignal<RateState>, figures: Figures) -> impl IntoView {
    let end_ms = move || figures.end_us.get_untracked() as f64 / 1000.0;
    let zoomed = Memo::new(move |_| state.with(|s| s.zoom.is_some()));
    let shown = move || {
        figures.lanes.with(|d| {
            format!(
                "{} to {}",
                ms(d.from_us as f64 / 1000.0),
                ms(d.to_us as f64 / 1000.0)
            )
        })
    };
    view! {
        <div class="rl-zoom" role="group" aria-label="Zoom on the time axis" data-control="zoom">
            <button type="button" id="rl-zoom-in" data-part="sliders" on:click=move |_| state.update(|s| s.zoom_by(0.5, end_ms()))>"Zoom in"</button>
            <button type="button" id="rl-zoom-out" data-part="sliders" disabled=move || !zoomed.get()
                on:click=move |_| state.update(|s| s.zoom_by(2.0, end_ms()))>"Zoom out"</button>
            <button type="button" id="rl-zoom-all" data-part="sliders" disabled=move || !zoomed.get()
                on:click=move |_| state.update(|s| s.zoom = None)>"Whole stream"</button>
            <output id="rl-zoom-range" data-metric="zoom" data-value=move || figures.lanes.with(|d| format!("{},{}", d.from_us, d.to_us))>
                {shown}
            </output>
        </div>
    }
}

/// The clock's buttons: play, step between requests, live or not, speed,
/// fire, and (for requests fired by hand) replay and clear. Play and the
/// steps work whether or not the live clock is on: they turn it on.
#[component]
fn ClockControls(
    state: RwSignal<RateState>,
    figures: Figures,
    clock: Clock,
    hand: RwSignal<Vec<Request>>,
    fire: Callback<()>,
) -> impl IntoView {
    let Figures { live, times, .. } = figures;
    let playing = clock.playing;
    let holder = StoredValue::new_local(None::<Interval>);
    let stop_hold = move || holder.set_value(None);
    on_cleanup(move || holder.try_set_value(None).map_or((), |_| ()));
    view! {
        <div class="timeline-controls" role="group" aria-label="Clock" data-control="clock">
            <button type="button" id="rl-play" data-shortcut="play" on:click=move |_| {
                if !live.get_untracked() {
                    state.update(|s| {
                        s.live = true;
                        s.t_ms = 0.0;
                    });
                    playing.set(true);
                } else {
                    playing.update(|p| *p = !*p);
                }
            }>
                {move || if playing.get() { "Pause" } else { "Play" }}
            </button>
            <button type="button" id="rl-back" data-shortcut="back" on:click=move |_| {
                playing.set(false);
                let end = clock.end_ms();
                let t_ms = if live.get_untracked() { state.with_untracked(|s| s.t_ms) } else { end };
                let t = (t_ms * 1000.0).round() as u64;
                let prev = times.with_untracked(|ts| ts[..ts.partition_point(|&x| x < t)].last().copied());
                state.update(|s| {
                    s.live = true;
                    s.t_ms = prev.map_or(0.0, |p| p as f64 / 1000.0);
                });
            }>"◀ Previous request"</button>
            <button type="button" id="rl-step" data-shortcut="forward" on:click=move |_| {
                playing.set(false);
                let t_ms = if live.get_untracked() { state.with_untracked(|s| s.t_ms) } else { -1.0 };
                let next = times.with_untracked(|ts| {
                    if t_ms < 0.0 {
                        ts.first().copied()
                    } else {
                        let t = (t_ms * 1000.0) as u64;
                        ts.get(ts.partition_point(|&x| x <= t)).copied()
                    }
                });
                let to = next.map_or(clock.end_ms(), |n| n as f64 / 1000.0);
                state.update(|s| {
                    s.live = true;
                    s.t_ms = to;
                });
            }>"Next request ▶"</button>
            <label class="check"><input type="checkbox" id="rl-live"
                prop:checked=move || live.get()
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    playing.set(false);
                    state.update(|s| {
                        s.live = on;
                        s.t_ms = 0.0;
                    });
                }/>" Live clock"</label>
            <Show when=move || live.get()>
                <label for="rl-speed">"Speed"</label>
                <select id="rl-speed" on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                        clock.speed.set(v);
                    }
                }>
                    <option value="0.25">"¼×"</option>
                    <option value="1" selected>"1×"</option>
                    <option value="4">"4×"</option>
                    <option value="10">"10×"</option>
                </select>
            </Show>
            <button type="button" id="rl-fire" class="fire" data-part="sliders"
                on:pointerdown=move |ev| {
                    if ev.button() != 0 {
                        return;
                    }
                    fire.run(());
                    holder.set_value(Some(Interval::new(1000 / HOLD_PER_SECOND, move || fire.run(()))));
                }
                on:pointerup=move |_| stop_hold()
                on:pointerleave=move |_| stop_hold()
                on:pointercancel=move |_| stop_hold()
                on:click=move |ev| {
                    // Keyboard activation (Enter or Space) has no pointer: fire once.
                    if ev.detail() == 0 {
                        fire.run(());
                    }
                }>"Fire a request (F)"</button>
            <Show when=move || state.with(|s| s.source == Source::Hand)>
                <button type="button" id="rl-replay" data-part="playback" on:click=move |_| {
                    state.update(|s| s.t_ms = 0.0);
                    playing.set(true);
                }>"Replay"</button>
                <button type="button" id="rl-clear" data-part="sliders" on:click=move |_| {
                    playing.set(false);
                    hand.set(Vec::new());
                    state.update(|s| s.t_ms = 0.0);
                }>"Clear"</button>
            </Show>
        </div>
    }
}
