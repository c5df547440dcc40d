//! The rate-limiter widget: one request stream, six algorithms side by side,
//! a live clock with requests fired by hand, and the same limit enforced by
//! several gateways.
//!
//! [`state`] holds every control (and its URL form), [`model`] computes every
//! figure; [`traffic_panel`] and [`distributed_panel`] are two of the page's
//! sections; this file wires the clock, the lanes and the table.

pub mod distributed_panel;
pub mod lanes;
pub mod model;
pub mod state;
pub mod traffic_panel;

use crate::embed::query::{Query, Reader};
use crate::kit::preset::Preset;
use crate::kit::scene::{Layout, Line, Scene};
use crate::kit::settle::settle;
use crate::kit::Shared;
use crate::kit::{Entry, Stage, Widget};
use crate::ui::readout::count;
use crate::ui::slider::{Scale, Slider};
use crate::ui::theme::Theme;
use crate::widgets::rate_limit::lanes::{LanesCanvas, LanesData};
use distributed_panel::DistributedPanel;
use gloo_timers::callback::Interval;
use leptos::prelude::*;
use sim::rate_limit::traffic::TrafficKind;
use sim::rate_limit::{AlgorithmKind, Request};
use state::{RateState, Source, MAX_DURATION, MAX_LIMIT, MAX_WINDOW_MS, MIN_WINDOW_MS};
use std::sync::Arc;
use traffic_panel::TrafficPanel;

/// Clock ticks per second while playing.
const FPS: f64 = 30.0;
/// Streams longer than this are recomputed only once the controls are still.
const LARGE_STREAM: usize = 100_000;
/// How long the controls must be still before a large stream is recomputed, ms.
const SETTLE_MS: u32 = 150;
/// Requests fired per second while the fire button or key is held.
const HOLD_PER_SECOND: u32 = 8;

/// Traffic and limits that each tell one story.
const PRESETS: &[Preset<RateState>] = &[
    Preset {
        label: "Bursts against 10 per second",
        apply: |s| {
            *s = RateState {
                algos: s.algos.clone(),
                ..RateState::default()
            };
        },
    },
    Preset {
        label: "Steady overload",
        apply: |s| {
            s.source = Source::Generated(TrafficKind::Poisson);
            s.rate = 15.0;
            s.limit = 10;
            s.window_ms = 1000;
            s.burst = 10;
            s.duration = 10.0;
        },
    },
    Preset {
        label: "A single spike",
        apply: |s| {
            s.source = Source::Generated(TrafficKind::Spike);
            s.rate = 4.0;
            s.spike_at = 4.0;
            s.spike_count = 40;
            s.spike_ms = 200;
            s.limit = 10;
            s.window_ms = 1000;
            s.burst = 10;
            s.duration = 10.0;
        },
    },
    Preset {
        label: "The window-boundary attack",
        apply: |s| {
            s.source = Source::Generated(TrafficKind::Boundary);
            s.limit = 10;
            s.window_ms = 1000;
            s.burst = 10;
            s.spread_ms = 100;
        },
    },
    Preset {
        label: "One noisy client among four",
        apply: |s| {
            s.source = Source::Generated(TrafficKind::Clients);
            s.clients = 4;
            s.rate = 20.0;
            s.limit = 10;
            s.window_ms = 1000;
            s.duration = 10.0;
        },
    },
    Preset {
        label: "Fire requests by hand",
        apply: |s| {
            s.source = Source::Hand;
            s.live = true;
            s.t_ms = 0.0;
            s.limit = 5;
            s.window_ms = 2000;
            s.burst = 5;
        },
    },
];

fn ms(v: f64) -> String {
    if v >= 1000.0 {
        format!("{:.2} s", v / 1000.0)
    } else if v >= 10.0 {
        format!("{v:.0} ms")
    } else {
        format!("{v:.1} ms")
    }
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

/// The figures and controls.
pub fn body(stage: Stage<RateState>) -> AnyView {
    let theme = expect_context::<Theme>();
    let state = stage.state;
    let hand: RwSignal<Vec<Request>> = RwSignal::new(Vec::new());
    let imported: RwSignal<Option<Shared<Vec<Request>>>> = RwSignal::new(None);

    // What the figures are computed from: the state without the clock. It
    // follows the controls at once for ordinary streams; past LARGE_STREAM
    // requests it follows once they have been still for SETTLE_MS, so a drag
    // costs one recomputation at its end instead of one per frame.
    let compute_state = Memo::new(move |_| {
        state.with(|s| RateState {
            t_ms: 0.0,
            live: false,
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
    let lanes = Memo::new(move |_| LanesData {
        run: run.get(),
        times: times.get(),
        end_us: end_us.get(),
        playhead_us: playhead_us.get(),
        dark: theme.dark.get(),
    });
    let so_far = Memo::new(move |_| run.with(|r| model::so_far(r, visible.get())));

    // The live clock: a timer advances `t`; it lives only while playing.
    // An embed may ask to start playing (the `play` option).
    let autoplay = use_context::<crate::embed::options::AutoPlay>()
        .unwrap_or_default()
        .0;
    // Playing means the live clock, so `play` turns it on.
    if autoplay && !state.with_untracked(|s| s.live) {
        state.update(|s| {
            s.live = true;
            s.t_ms = 0.0;
        });
    }
    let playing = RwSignal::new(autoplay);
    let speed = RwSignal::new(1.0f64);
    // With reduced motion the clock moves in half-second jumps, not a glide.
    let reduced = crate::talk::motion::prefers_reduced_motion();
    let step = if reduced { 500.0 } else { 1000.0 / FPS };
    let clock_end_ms = move || {
        if state.with_untracked(|s| s.source == Source::Hand) {
            MAX_DURATION * 1000.0
        } else {
            end_us.get_untracked() as f64 / 1000.0
        }
    };
    crate::talk::motion::use_clock(
        playing,
        move || step as u32,
        move || {
            if state.with_untracked(|s| s.t_ms) >= clock_end_ms() {
                state.update(|s| s.t_ms = 0.0);
            }
        },
        move || {
            let end = clock_end_ms();
            let next = state.with_untracked(|s| s.t_ms) + step * speed.get_untracked();
            state.update(|s| s.t_ms = next.min(end));
            if next >= end {
                playing.set(false);
            }
        },
    );

    // Firing by hand: at the clock's time, kept sorted; the clock starts if stopped.
    let fire = move || {
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
        if !playing.get_untracked() {
            playing.set(true);
        }
    };
    let holder = StoredValue::new_local(None::<Interval>);
    let stop_hold = move || holder.set_value(None);
    on_cleanup(move || holder.try_set_value(None).map_or((), |_| ()));
    let key = window_event_listener(leptos::ev::keydown, move |ev| {
        if (ev.key() == "f" || ev.key() == "F")
            && !ev.ctrl_key()
            && !ev.meta_key()
            && !ev.alt_key()
            && !typing(&ev)
        {
            ev.prevent_default();
            // Holding the key repeats it: the browser's auto-repeat fires again.
            fire();
        }
    });
    on_cleanup(move || key.remove());

    let set =
        move |f: fn(&mut RateState, f64)| Callback::new(move |v: f64| state.update(|s| f(s, v)));
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
        <div class="rate-body">
            <section class="panel" aria-labelledby="rl-limit-h">
                <h2 id="rl-limit-h">"The limit"</h2>
                <div class="controls two-col">
                    <Slider id="rl-limit" label="Requests allowed, L" min=1.0 max=f64::from(MAX_LIMIT) scale=Scale::Log
                        value=Signal::derive(move || f64::from(state.with(|s| s.limit)))
                        on_change=set(|s, v| {
                            let old = s.limit;
                            s.limit = (v.round() as u32).clamp(1, MAX_LIMIT);
                            // The burst follows the limit unless it was set apart.
                            if s.burst == old {
                                s.burst = s.limit;
                            }
                        })
                        format=Callback::new(|v: f64| count(v.round()))/>
                    <Slider id="rl-window" label="Per window, W" min=f64::from(MIN_WINDOW_MS) max=f64::from(MAX_WINDOW_MS) scale=Scale::Log
                        value=Signal::derive(move || f64::from(state.with(|s| s.window_ms)))
                        on_change=set(|s, v| s.window_ms = (v.round() as u32).clamp(MIN_WINDOW_MS, MAX_WINDOW_MS))
                        format=Callback::new(ms)/>
                    <Slider id="rl-burst" label="Burst (buckets and GCRA)" min=1.0 max=f64::from(MAX_LIMIT) scale=Scale::Log
                        value=Signal::derive(move || f64::from(state.with(|s| s.burst)))
                        on_change=set(|s, v| s.burst = (v.round() as u32).clamp(1, MAX_LIMIT))
                        format=Callback::new(|v: f64| count(v.round()))
                        hint="How many may pass at once when the bucket is full; the window counters ignore it."/>
                </div>
                <fieldset class="policy-picks">
                    <legend>"Algorithms"</legend>
                    {AlgorithmKind::ALL.into_iter().map(|k| {
                        let id = format!("algo-{}", k.slug());
                        let label_for = id.clone();
                        view! {
                            <label class="check" for=label_for>
                                <input type="checkbox" id=id
                                    prop:checked=move || state.with(|s| s.algos.contains(&k))
                                    on:change=move |_| state.update(|s| s.toggle_algo(k))/>
                                {k.label()}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            </section>
            <TrafficPanel state=state imported=imported hand=hand/>
            <section class="panel" aria-labelledby="rl-lanes-h">
                <h2 id="rl-lanes-h">"Every request, every algorithm"</h2>
                <div class="timeline-controls" role="group" aria-label="Clock">
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
                            let to = next.map_or(clock_end_ms(), |n| n as f64 / 1000.0);
                            state.update(|s| s.t_ms = to);
                        }>"Next request ▶"</button>
                        <label for="rl-speed">"Speed"</label>
                        <select id="rl-speed" on:change=move |ev| {
                            if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                                speed.set(v);
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
                            fire();
                            holder.set_value(Some(Interval::new(1000 / HOLD_PER_SECOND, fire)));
                        }
                        on:pointerup=move |_| stop_hold()
                        on:pointerleave=move |_| stop_hold()
                        on:pointercancel=move |_| stop_hold()
                        on:click=move |ev| {
                            // Keyboard activation (Enter or Space) has no pointer: fire once.
                            if ev.detail() == 0 {
                                fire();
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
                <Show when=move || live.get()>
                    <div class="scrub">
                        <label for="rl-t">"Clock"</label>
                        <input type="range" id="rl-t" min="0" step="any"
                            max=move || (end_us.get() as f64 / 1000.0).to_string()
                            prop:value=move || state.with(|s| s.t_ms).to_string()
                            aria-valuetext=move || ms(state.with(|s| s.t_ms))
                            on:input=move |ev| {
                                if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                                    playing.set(false);
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
                <p class="note" data-metric="offered-maxwin" data-value=move || run.with(|r| r.offered_max_in_window.to_string())>
                    "\"Most in any window\" slides a window of length W over the requests let through: above L, the algorithm let more through than the limit says."
                </p>
            </section>
            <DistributedPanel state=state stream=stream/>
        </div>
    }
    .into_any()
}

/// The short explanations.
const EXPLAIN: &str = r#"<h2 id="rl-why-h">Which one, when</h2>
<h3>Let bursts through: token bucket and GCRA</h3>
<p>A token bucket refills at L per W and holds at most a burst's worth, so a client that was quiet may spend its savings at once. GCRA keeps one timestamp instead of a token count (the time the next request would be on schedule) and, with matching parameters, admits exactly the same requests: the same rule in cheaper bookkeeping.</p>
<h3>Smooth the output: the leaky bucket as a queue</h3>
<p>The queue admits the same requests as the bucket but releases them one every W/L, so what reaches the service is perfectly even. The price is waiting: a burst sits in the queue, and the lanes show how long each request waited.</p>
<h3>Windows and their edges</h3>
<p>A fixed window counts requests per calendar slot and resets at the boundary, so L requests just before it and L just after both pass: twice the limit within one window's length. The sliding log remembers every accepted timestamp and is exact, at the cost of memory proportional to the limit. The sliding counter keeps only two counts and weights the previous window by how much of it still overlaps: nearly exact for the price of a fixed window.</p>
<h3>Many gateways, one limit</h3>
<p>When several gateways enforce one limit, each sees only part of the traffic. If they exchange counts only now and then, each may let through a full limit before hearing from the others, so the total can approach K times the limit. Syncing more often, or asking one central counter on every request, brings it back to L, paid for in messages and latency.</p>"#;

/// The catalogue entry.
pub const ENTRY: Entry = Entry {
    slug: "rate-limit",
    title: "Rate limiters",
    blurb: "Feed one stream of requests to six limiters and see which bursts get through.",
};

/// The main figure and controls.
const LAYOUT: Layout = Layout {
    figures: &["main"],
    controls: &[],
};

/// The widget.
pub struct RateLimitWidget;

impl Widget for RateLimitWidget {
    type State = RateState;
    type Facts = ();
    const ENTRY: &'static Entry = &ENTRY;
    const PARAMS: &'static [&'static str] = &state::PARAMS;
    const LEDE: &'static str = "Six ways to say \"at most L requests per W\" disagree about bursts, boundaries and waiting. Feed them one stream of requests, or fire your own, and see what each lets through.";
    const EXPLAIN: &'static str = EXPLAIN;
    const LAYOUT: Layout = LAYOUT;
    const PRESETS: &'static [Preset<RateState>] = PRESETS;
    const SCENES: &'static [Scene<()>] = SCENES;
    fn read(r: &mut Reader<'_>) -> RateState {
        let s = RateState::from_query(r);
        match s.source {
            Source::Imported => r.notice("traffic", "names imported timestamps, which a link cannot carry; import them here to see them"),
            Source::Hand => r.notice("traffic", "names requests fired by hand, which a link cannot carry; fire your own with the button or the F key"),
            Source::Generated(_) => {}
        }
        s
    }
    fn write(s: &RateState, q: &mut Query) {
        s.to_query(q);
    }
    fn facts(_: &RateState) {}
    fn body(stage: Stage<RateState>) -> AnyView {
        body(stage)
    }
}

/// The tour.
const SCENES: &[Scene<()>] = &[
    Scene {
        name: "one-stream-six-limiters",
        title: "One stream, six limiters",
        query: "traffic=onoff&limit=10&window=1000",
        layout: LAYOUT,
        mark: "",
        says: &[Line::Note("Bursts of traffic, then quiet. Every lane is the same requests under a different algorithm: marks above the line pass, crosses below are refused, and the trace underneath is the limiter's state.")],
    },
    Scene {
        name: "the-window-edge",
        title: "The window edge",
        query: "traffic=boundary&limit=10&window=1000&spread=100",
        layout: LAYOUT,
        mark: "",
        says: &[Line::Note("Ten requests just before a window boundary and ten just after. The fixed window lets all twenty through within a fifth of a second; the sliding log and sliding counter refuse most of the second ten.")],
    },
    Scene {
        name: "room-for-a-burst",
        title: "Room for a burst",
        query: "traffic=spike&limit=10&window=1000&burst=20&rate=5",
        layout: LAYOUT,
        mark: "",
        says: &[Line::Note("A quiet stream with one spike. The token bucket and GCRA let a burst up to their size through at once and then hold to the rate; the queue delays requests instead of refusing them.")],
    },
    Scene {
        name: "on-a-live-clock",
        title: "On a live clock",
        query: "traffic=poisson&rate=15&limit=10&window=1000&live=1&t=0",
        layout: LAYOUT,
        mark: "",
        says: &[Line::Note("Play the clock and watch each limiter's state move as requests arrive: tokens draining and refilling, the queue filling, counts resetting at every window.")],
    },
    Scene {
        name: "many-gateways-one-limit",
        title: "Many gateways, one limit",
        query: "traffic=poisson&rate=30&limit=10&window=1000&k=8&share=sync&sync=500",
        layout: LAYOUT,
        mark: "",
        says: &[Line::Note("Eight gateways share one limit by exchanging counts every half second. Between exchanges each one only knows its own traffic, so together they let through more than the limit.")],
    },
];

#[cfg(test)]
mod widget_tests {
    #[test]
    fn scenes_presets_and_parameters() {
        crate::widgets::check::<super::RateLimitWidget>();
    }
}
