//! The lanes section: the clock and the fire button, every request under
//! every algorithm on one canvas, and the table of what each let through.

use super::figures::{Clock, Figures};
use super::lanes::LanesCanvas;
use super::model::ms;
use super::state::{self, RateState, Source};
use crate::ui::readout::count;
use gloo_timers::callback::Interval;
use leptos::prelude::*;
use sim::rate_limit::Request;

/// Requests fired per second while the fire button or key is held.
const HOLD_PER_SECOND: u32 = 8;

/// The lanes section.
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
    view! {
        <section class="panel" aria-labelledby="rl-lanes-h" data-figure="lanes">
            <h2 id="rl-lanes-h">"Every request, every algorithm"</h2>
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
            <p class="note" data-metric="requests" data-value=move || stream.with(|s| s.requests.len()).to_string()>
                {move || stream.with(|s| {
                    let n = s.requests.len();
                    let shown = if live.get() { format!("{} of ", count(visible.get() as f64)) } else { String::new() };
                    let cut = if s.cut { format!(" (cut at {} requests)", count(state::MAX_STREAM as f64)) } else { String::new() };
                    format!("{shown}{} requests over {}{cut}. Upper marks: let through (green with a line to its release when it waited); crosses below: refused. Under each lane: what the limiter holds for the first client.", count(n as f64), ms(s.end_us as f64 / 1000.0))
                })}
            </p>
            <p class="updating" id="rl-updating" aria-live="polite">{move || if updating.get() { "Updating…" } else { "" }}</p>
            <LanesCanvas data=lanes label=Signal::derive(move || run.with(|r| {
                let parts: Vec<String> = r.lanes.iter().map(|l| format!("{}: {} let through, {} refused", l.kind.label(), l.summary.accepted, l.summary.rejected)).collect();
                format!("Lanes of requests over time. {}", parts.join("; "))
            }))/>
            <RateTable figures=figures/>
            <p class="note" data-metric="offered-maxwin" data-value=move || run.with(|r| r.offered_max_in_window.to_string())>
                "\"Most in any window\" slides a window of length W over the requests let through: above L, the algorithm let more through than the limit says."
            </p>
        </section>
    }
}

/// The clock's buttons: live or not, play, step between requests, speed,
/// fire, and (for requests fired by hand) replay and clear.
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
                <button type="button" id="rl-play" data-shortcut="play" on:click=move |_| playing.update(|p| *p = !*p)>
                    {move || if playing.get() { "Pause" } else { "Play" }}
                </button>
                <button type="button" id="rl-back" data-shortcut="back" on:click=move |_| {
                    playing.set(false);
                    let t = (state.with_untracked(|s| s.t_ms) * 1000.0).round() as u64;
                    // The latest request strictly before the clock, or the start.
                    let prev = times.with_untracked(|ts| ts[..ts.partition_point(|&x| x < t)].last().copied());
                    state.update(|s| s.t_ms = prev.map_or(0.0, |p| p as f64 / 1000.0));
                }>"◀ Previous request"</button>
                <button type="button" id="rl-step" data-shortcut="forward" on:click=move |_| {
                    playing.set(false);
                    let t = (state.with_untracked(|s| s.t_ms) * 1000.0) as u64;
                    let next = times.with_untracked(|ts| ts.get(ts.partition_point(|&x| x <= t)).copied());
                    let to = next.map_or(clock.end_ms(), |n| n as f64 / 1000.0);
                    state.update(|s| s.t_ms = to);
                }>"Next request ▶"</button>
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
            <button type="button" id="rl-fire" class="fire"
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
                <button type="button" id="rl-replay" on:click=move |_| {
                    state.update(|s| s.t_ms = 0.0);
                    playing.set(true);
                }>"Replay"</button>
                <button type="button" id="rl-clear" on:click=move |_| {
                    playing.set(false);
                    hand.set(Vec::new());
                    state.update(|s| s.t_ms = 0.0);
                }>"Clear"</button>
            </Show>
        </div>
    }
}

/// The table: per algorithm, what it let through so far and in all, the
/// most in any window, the waits and the memory per client.
#[component]
fn RateTable(figures: Figures) -> impl IntoView {
    let Figures {
        run, live, so_far, ..
    } = figures;
    let rows = move || {
        run.with(|r| {
            let sf = so_far.get();
            let limit = r.params.limit;
            r.lanes
                .iter()
                .zip(sf)
                .map(|(l, (acc_now, rej_now))| {
                    let slug = l.kind.slug();
                    let s = l.summary;
                    let cell = |m: &str, v: Option<f64>, text: String| {
                        view! { <td data-metric=format!("{m}-{slug}") data-value=v.map(|x| x.to_string()).unwrap_or_default()>{text}</td> }
                    };
                    let delays = l.kind.delays();
                    let over = s.max_in_window > limit;
                    view! {
                        <tr>
                            <th scope="row">{l.kind.label()}</th>
                            <td class="so-far" data-metric=format!("live-accepted-{slug}") data-value=acc_now.to_string()>
                                {format!("{} ✓ {} ✗", count(acc_now as f64), count(rej_now as f64))}
                            </td>
                            {cell("accepted", Some(s.accepted as f64), count(s.accepted as f64))}
                            {cell("rejected", Some(s.rejected as f64), count(s.rejected as f64))}
                            <td data-metric=format!("maxwin-{slug}") data-value=s.max_in_window.to_string() class:over=over>
                                {format!("{}{}", s.max_in_window, if over { " (over)" } else { "" })}
                            </td>
                            {cell("mean-delay", delays.then_some(s.mean_delay_us / 1000.0), if delays { ms(s.mean_delay_us / 1000.0) } else { "—".into() })}
                            {cell("worst-delay", delays.then_some(s.worst_delay_us as f64 / 1000.0), if delays { ms(s.worst_delay_us as f64 / 1000.0) } else { "—".into() })}
                            {cell("memory", Some(s.memory_peak as f64), format!("{} word{}", s.memory_peak, if s.memory_peak == 1 { "" } else { "s" }))}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="table-wrap">
            <table class="policy-table rate-table" class:live=move || live.get()>
                <caption>{move || run.with(|r| format!(
                    "Limit {} per {}; offered: at most {} requests in any window of that length{}",
                    r.params.limit, ms(r.params.window_us as f64 / 1000.0), r.offered_max_in_window,
                    if r.clients > 1 { format!(", {} clients with a limiter each", r.clients) } else { String::new() }
                ))}</caption>
                <thead><tr>
                    <th scope="col">"Algorithm"</th><th scope="col" class="so-far">"So far"</th><th scope="col">"Let through"</th><th scope="col">"Refused"</th>
                    <th scope="col" title="The most one client got through in any window of length W">"Most in any window"</th>
                    <th scope="col">"Mean wait"</th><th scope="col">"Worst wait"</th><th scope="col" title="64-bit words kept for the busiest client at its peak">"State per client"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
