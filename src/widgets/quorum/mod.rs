//! The quorum widget: N replicas, read and write quorums, failures, and how
//! often and for how long a read can come back stale.
//!
//! [`state`] holds every control (and its URL form), [`model`] computes every
//! figure, [`timeline`] turns one simulated write and read into a drawing; this
//! file wires them to signals and lays out the page.

pub mod model;
pub mod replicas;
pub mod scenes;
pub mod state;
pub mod timeline;
pub mod timeline_svg;

use crate::embed::query::{Query, Reader};
use crate::kit::preset::Preset;
use crate::kit::scene::{Layout, Scene};
use crate::kit::Shared;
use crate::kit::{Entry, Stage, Widget};
use crate::ui::line_chart::{LineChart, LineChartData, Series};
use crate::ui::readout::{percent, Readout};
use crate::ui::seed_field::SeedField;
use crate::ui::slider::{Scale, Slider};
use crate::ui::theme::Theme;
use crate::widgets::quorum::replicas::{ReplicaSvg, ReplicaView};
use crate::widgets::quorum::timeline_svg::TimelineSvg;
use leptos::prelude::*;
use state::{
    Means, Profile, QuorumState, MAX_K, MAX_LATENCY, MAX_N, MAX_TRIALS, MIN_LATENCY, MIN_TRIALS,
};

/// Frames per second of timeline playback.
const FPS: f64 = 30.0;
/// Seconds a whole timeline takes to play at 1×.
const PLAY_SECONDS: f64 = 6.0;

const PRESETS: &[Preset<QuorumState>] = &[
    Preset {
        label: "N=3, ONE (R=1 W=1)",
        apply: |s| {
            s.set_n(3);
            s.r = 1;
            s.w = 1;
        },
    },
    Preset {
        label: "N=3, QUORUM (R=2 W=2)",
        apply: |s| {
            s.set_n(3);
            s.r = 2;
            s.w = 2;
        },
    },
    Preset {
        label: "N=3, ALL (R=3 W=3)",
        apply: |s| {
            s.set_n(3);
            s.r = 3;
            s.w = 3;
        },
    },
    Preset {
        label: "Fast writes: W=1, R=N",
        apply: |s| {
            s.set_n(3);
            s.r = 3;
            s.w = 1;
        },
    },
    Preset {
        label: "Fast reads: W=N, R=1",
        apply: |s| {
            s.set_n(3);
            s.r = 1;
            s.w = 3;
        },
    },
    Preset {
        label: "N=5, QUORUM (R=3 W=3)",
        apply: |s| {
            s.set_n(5);
            s.r = 3;
            s.w = 3;
        },
    },
];

/// Milliseconds, to three significant figures or so.
fn ms(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0} ms")
    } else if v >= 10.0 {
        format!("{v:.1} ms")
    } else {
        format!("{v:.2} ms")
    }
}

fn yes_no(v: f64) -> String {
    if v > 0.5 {
        "yes".into()
    } else {
        "no".into()
    }
}

/// A whole number.
fn whole(v: f64) -> String {
    format!("{}", v.round() as i64)
}

/// The figures and controls.
pub fn body(stage: Stage<QuorumState>) -> AnyView {
    let theme = expect_context::<Theme>();
    let state = stage.state;

    let avail = Memo::new(move |_| state.with(model::availability));
    let stale_inputs = Memo::new(move |_| state.with(|s| (s.n, s.r, s.w, s.k, s.trials, s.seed)));
    let staleness = Memo::new(move |_| {
        let _ = stale_inputs.get();
        state.with_untracked(model::staleness)
    });
    let wars_inputs = Memo::new(move |_| {
        state.with(|s| (s.n, s.r, s.w, s.failed.clone(), s.means, s.trials, s.seed))
    });
    let wars_now = Memo::new(move |_| {
        let (_, r, w, ..) = wars_inputs.get();
        Shared::new(state.with_untracked(|s| model::wars_of(s, r, w)))
    });
    let cmp_inputs = Memo::new(move |_| {
        state.with(|s| {
            (
                s.n,
                s.cmp_r,
                s.cmp_w,
                s.failed.clone(),
                s.means,
                s.trials,
                s.seed,
            )
        })
    });
    let wars_cmp = Memo::new(move |_| {
        let (_, r, w, ..) = cmp_inputs.get();
        Shared::new(state.with_untracked(|s| model::wars_of(s, r, w)))
    });
    let end = Memo::new(move |_| {
        let (a, b) = (wars_now.get(), wars_cmp.get());
        model::curve_end(a.as_ref(), b.as_ref(), state.with(|s| s.means))
    });
    let chart = Memo::new(move |_| {
        let (a, b, e) = (wars_now.get(), wars_cmp.get(), end.get());
        let (r, w, cr, cw) = state.with(|s| (s.r, s.w, s.cmp_r, s.cmp_w));
        let mut series = Vec::new();
        if let Some(a) = a.as_ref() {
            series.push(Series {
                label: format!("R={r} W={w}"),
                colour: "#0072B2",
                points: model::curve(a, e),
                dashed: false,
            });
        }
        if let Some(b) = b.as_ref() {
            series.push(Series {
                label: format!("R={cr} W={cw}"),
                colour: "#D55E00",
                points: model::curve(b, e),
                dashed: true,
            });
        }
        let markers = a
            .as_ref()
            .map(|a| vec![(a.time_to(0.999), "99.9%".to_owned())])
            .unwrap_or_default();
        LineChartData {
            series,
            markers,
            x_label: "time since the write committed (ms)".into(),
            y_label: "P(read sees the write)".into(),
            y_min: 0.0,
            y_max: 1.0,
            y_percent: true,
            dark: theme.dark.get(),
            ..LineChartData::default()
        }
    });

    let set_inputs = Memo::new(move |_| state.with(|s| (s.n, s.r, s.w, s.failed.clone(), s.seed)));
    let replica_view = Memo::new(move |_| {
        let (n, _, _, failed, _) = set_inputs.get();
        let (write_set, read_set) = state.with_untracked(model::sample_sets);
        ReplicaView {
            n,
            write_set,
            read_set,
            failed,
        }
    });

    let tl_inputs = Memo::new(move |_| {
        state.with(|s| {
            (
                s.n,
                s.r,
                s.w,
                s.failed.clone(),
                s.means,
                s.read_start,
                s.repair,
                s.seed,
            )
        })
    });
    let tl = Memo::new(move |_| {
        let _ = tl_inputs.get();
        Shared::new(state.with_untracked(model::timeline_of))
    });
    let tl_view = Memo::new(move |_| tl.with(|t| state.with_untracked(|s| timeline::view(t, s))));
    let tl_end = Memo::new(move |_| tl_view.with(|v| v.end));
    let playhead = Signal::derive(move || state.with(|s| s.t).min(tl_end.get()));

    // Playback: a timer advances the playhead; it lives only while playing.
    // An embed may ask to start playing (the `play` option).
    let autoplay = use_context::<crate::embed::options::AutoPlay>()
        .unwrap_or_default()
        .0;
    let playing = RwSignal::new(autoplay);
    let speed = RwSignal::new(1.0f64);
    let reduced = crate::talk::motion::prefers_reduced_motion();
    crate::talk::motion::use_clock(
        playing,
        // With reduced motion the playhead jumps from event to event instead of gliding.
        move || if reduced { 700 } else { (1000.0 / FPS) as u32 },
        move || {
            if state.with_untracked(|s| s.t) >= tl_end.get_untracked() {
                state.update(|s| s.t = 0.0);
            }
        },
        move || {
            let end = tl_end.get_untracked();
            let t = state.with_untracked(|s| s.t);
            let next = if reduced {
                tl.with_untracked(|tl| timeline::next_time(tl, t))
                    .unwrap_or(end)
            } else {
                t + end / (PLAY_SECONDS * FPS) * speed.get_untracked()
            };
            state.update(|s| s.t = next.min(end));
            if next >= end {
                playing.set(false);
            }
        },
    );

    let set =
        move |f: fn(&mut QuorumState, f64)| Callback::new(move |v: f64| state.update(|s| f(s, v)));
    let pct = Callback::new(percent);
    let to_means = move |f: fn(&mut Means, f64)| {
        Callback::new(move |v: f64| {
            state.update(|s| {
                f(&mut s.means, v);
                s.profile = Profile::Custom;
            })
        })
    };

    view! {
        <div class="quorum-body">
            <div class="widget-grid">
                <figure class="diagram">
                    <ReplicaSvg view=replica_view on_toggle=Callback::new(move |i| state.update(|s| s.toggle_failed(i)))/>
                    <p class="badge-line" data-metric="overlap-guaranteed"
                        data-value=Signal::derive(move || if avail.get().cfg.overlaps() { "1" } else { "0" })>
                        {Signal::derive(move || {
                            let a = avail.get();
                            if a.cfg.overlaps() {
                                let m = a.cfg.min_overlap();
                                let noun = if m == 1 { "replica" } else { "replicas" };
                                format!("R + W > N: every read overlaps the latest write in at least {m} {noun}.")
                            } else {
                                "R + W ≤ N: a read can miss the latest write entirely.".to_owned()
                            }
                        })}
                    </p>
                    <figcaption>"Orange lines: a sampled write set. Blue dashed: a sampled read set; a replica in both gets both lines and a dot. Click a replica (or focus it and press Enter) to crash it."</figcaption>
                </figure>
                <div class="controls">
                    <Slider id="q-n" label="Replicas N" min=1.0 max=f64::from(MAX_N)
                        value=Signal::derive(move || f64::from(state.with(|s| s.n)))
                        on_change=set(|s, v| s.set_n(v as u32)) format=Callback::new(whole)/>
                    <Slider id="q-w" label="Write quorum W" min=1.0 max=f64::from(MAX_N)
                        value=Signal::derive(move || f64::from(state.with(|s| s.w)))
                        on_change=set(|s, v| s.w = (v as u32).clamp(1, s.n)) format=Callback::new(whole)
                        hint="Acks a write waits for (clamped to N)."/>
                    <Slider id="q-r" label="Read quorum R" min=1.0 max=f64::from(MAX_N)
                        value=Signal::derive(move || f64::from(state.with(|s| s.r)))
                        on_change=set(|s, v| s.r = (v as u32).clamp(1, s.n)) format=Callback::new(whole)
                        hint="Replies a read waits for (clamped to N)."/>
                    <Slider id="q-k" label="Last k versions" min=1.0 max=f64::from(MAX_K)
                        value=Signal::derive(move || f64::from(state.with(|s| s.k)))
                        on_change=set(|s, v| s.k = v as u32) format=Callback::new(whole)/>
                    <Slider id="q-trials" label="Monte Carlo trials" min=f64::from(MIN_TRIALS) max=f64::from(MAX_TRIALS) scale=Scale::Log
                        value=Signal::derive(move || f64::from(state.with(|s| s.trials)))
                        on_change=set(|s, v| s.trials = (v.round() as u32).clamp(MIN_TRIALS, MAX_TRIALS))
                        format=Callback::new(|v: f64| crate::ui::readout::count(v))
                        hint="Each simulation runs at most 30,000 ÷ N of them, to stay within a frame."/>
                    <SeedField id="q" seed=Signal::derive(move || state.with(|s| s.seed))
                        on_change=Callback::new(move |v: u64| state.update(|s| s.seed = v))/>
                </div>
            </div>

            <section class="panel" aria-labelledby="q-avail-h">
                <h2 id="q-avail-h">"Availability"</h2>
                <div class="readouts">
                    <Readout metric="can-write" label="Writes succeed" value=Signal::derive(move || Some(f64::from(u8::from(avail.get().can_write)))) format=Callback::new(yes_no)/>
                    <Readout metric="can-read" label="Reads succeed" value=Signal::derive(move || Some(f64::from(u8::from(avail.get().can_read)))) format=Callback::new(yes_no)/>
                    <Readout metric="write-tolerates" label="Writes survive failures" value=Signal::derive(move || Some(f64::from(avail.get().cfg.write_tolerates()))) format=Callback::new(whole) title="N − W"/>
                    <Readout metric="read-tolerates" label="Reads survive failures" value=Signal::derive(move || Some(f64::from(avail.get().cfg.read_tolerates()))) format=Callback::new(whole) title="N − R"/>
                    <Readout metric="alive" label="Replicas up" value=Signal::derive(move || Some(f64::from(avail.get().alive))) format=Callback::new(whole)/>
                </div>
            </section>

            <section class="panel" aria-labelledby="q-stale-h">
                <h2 id="q-stale-h">"How often a read is stale"</h2>
                <p class="note">"With each operation sent to a random quorum: the exact figure beside a seeded simulation of it."</p>
                <div class="readouts">
                    <Readout metric="p-stale" label="Misses the latest write (exact)" value=Signal::derive(move || Some(staleness.get().stale)) format=pct title="C(N−W, R) / C(N, R)"/>
                    <Readout metric="p-stale-mc" label="Simulated" value=Signal::derive(move || Some(staleness.get().stale_mc.p)) format=pct/>
                    <Readout metric="p-within-k" label="Within the last k versions (exact)" value=Signal::derive(move || Some(staleness.get().within_k)) format=pct title="1 − (C(N−W, R) / C(N, R))^k"/>
                    <Readout metric="p-within-k-mc" label="Simulated" value=Signal::derive(move || Some(staleness.get().within_k_mc.p)) format=pct/>
                    <Readout metric="mc-trials" label="Trials each" value=Signal::derive(move || Some(staleness.get().stale_mc.trials as f64)) format=Callback::new(|v: f64| crate::ui::readout::count(v))
                        title="At most 30,000 ÷ N, so a recomputation stays within a frame."/>
                </div>
            </section>

            <section class="panel" aria-labelledby="q-time-h">
                <h2 id="q-time-h">"Staleness over time"</h2>
                <p class="note">"Each replica's delays are random (exponential). How likely is a read, started some time after the write committed, to see it?"</p>
                <div class="presets" role="group" aria-label="Latency profiles">
                    {Profile::NAMED.into_iter().map(|p| view! {
                        <button type="button" class="preset" data-profile=p.slug()
                            aria-pressed=Signal::derive(move || if state.with(|s| s.profile == p) { "true" } else { "false" })
                            on:click=move |_| state.update(|s| s.set_profile(p, model::profile_means(p)))>{p.label()}</button>
                    }).collect_view()}
                </div>
                <LineChart id="q-chart" title="Consistent reads over time" data=chart label=Signal::derive(move || {
                    let a = wars_now.get();
                    match a.as_ref() {
                        Some(a) => format!("Probability of a consistent read against time; 99.9% after {}", ms(a.time_to(0.999))),
                        None => "No curve: too few replicas are up".to_owned(),
                    }
                })/>
                <div class="readouts">
                    <Readout metric="p-consistent-0" label="Consistent at once" value=Signal::derive(move || wars_now.get().as_ref().as_ref().map(|r| r.p_consistent(0.0))) format=pct/>
                    <Readout metric="t-999" label="99.9% consistent after" value=Signal::derive(move || wars_now.get().as_ref().as_ref().map(|r| r.time_to(0.999))) format=Callback::new(ms)/>
                    <Readout metric="t-999-cmp" label="…for the comparison" value=Signal::derive(move || wars_cmp.get().as_ref().as_ref().map(|r| r.time_to(0.999))) format=Callback::new(ms)/>
                    <Readout metric="read-p50" label="Read latency p50" value=Signal::derive(move || wars_now.get().as_ref().as_ref().map(|r| r.read_percentile(0.5))) format=Callback::new(ms)/>
                    <Readout metric="read-p99" label="Read latency p99" value=Signal::derive(move || wars_now.get().as_ref().as_ref().map(|r| r.read_percentile(0.99))) format=Callback::new(ms)/>
                    <Readout metric="write-p50" label="Write latency p50" value=Signal::derive(move || wars_now.get().as_ref().as_ref().map(|r| r.write_percentile(0.5))) format=Callback::new(ms)/>
                    <Readout metric="write-p99" label="Write latency p99" value=Signal::derive(move || wars_now.get().as_ref().as_ref().map(|r| r.write_percentile(0.99))) format=Callback::new(ms)/>
                </div>
                <div class="controls two-col">
                    <Slider id="q-cmp-w" label="Compare with W" min=1.0 max=f64::from(MAX_N)
                        value=Signal::derive(move || f64::from(state.with(|s| s.cmp_w)))
                        on_change=set(|s, v| s.cmp_w = (v as u32).clamp(1, s.n)) format=Callback::new(whole)/>
                    <Slider id="q-cmp-r" label="Compare with R" min=1.0 max=f64::from(MAX_N)
                        value=Signal::derive(move || f64::from(state.with(|s| s.cmp_r)))
                        on_change=set(|s, v| s.cmp_r = (v as u32).clamp(1, s.n)) format=Callback::new(whole)/>
                    <Slider id="q-lw" label="Write delay (mean)" min=MIN_LATENCY max=MAX_LATENCY scale=Scale::Log
                        value=Signal::derive(move || state.with(|s| s.means.write)) on_change=to_means(|m, v| m.write = v) format=Callback::new(ms)/>
                    <Slider id="q-la" label="Ack delay (mean)" min=MIN_LATENCY max=MAX_LATENCY scale=Scale::Log
                        value=Signal::derive(move || state.with(|s| s.means.ack)) on_change=to_means(|m, v| m.ack = v) format=Callback::new(ms)/>
                    <Slider id="q-lr" label="Read request delay (mean)" min=MIN_LATENCY max=MAX_LATENCY scale=Scale::Log
                        value=Signal::derive(move || state.with(|s| s.means.read)) on_change=to_means(|m, v| m.read = v) format=Callback::new(ms)/>
                    <Slider id="q-ls" label="Read response delay (mean)" min=MIN_LATENCY max=MAX_LATENCY scale=Scale::Log
                        value=Signal::derive(move || state.with(|s| s.means.response)) on_change=to_means(|m, v| m.response = v) format=Callback::new(ms)/>
                </div>
            </section>

            <section class="panel" aria-labelledby="q-tl-h">
                <h2 id="q-tl-h">"One write and one read, step by step"</h2>
                <p class="note">{Signal::derive(move || tl.with(|t| timeline::summary(t)))}</p>
                <TimelineSvg view=tl_view playhead=playhead/>
                <div class="timeline-controls" role="group" aria-label="Timeline controls">
                    <button type="button" id="q-step-back" data-shortcut="back" on:click=move |_| {
                        playing.set(false);
                        let t = state.with_untracked(|s| s.t);
                        let prev = tl.with_untracked(|tl| timeline::prev_time(tl, t)).unwrap_or(0.0);
                        state.update(|s| s.t = prev);
                    }>"◀ Step"</button>
                    <button type="button" id="q-play" data-shortcut="play" on:click=move |_| playing.update(|p| *p = !*p)>
                        {Signal::derive(move || if playing.get() { "Pause" } else { "Play" })}
                    </button>
                    <button type="button" id="q-step" data-shortcut="forward" on:click=move |_| {
                        playing.set(false);
                        let t = state.with_untracked(|s| s.t);
                        let next = tl.with_untracked(|tl| timeline::next_time(tl, t)).unwrap_or_else(|| tl_end.get_untracked());
                        state.update(|s| s.t = next);
                    }>"Step ▶"</button>
                    <label for="q-speed">"Speed"</label>
                    <select id="q-speed" on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            speed.set(v);
                        }
                    }>
                        <option value="0.25">"¼×"</option>
                        <option value="0.5">"½×"</option>
                        <option value="1" selected>"1×"</option>
                        <option value="2">"2×"</option>
                    </select>
                    <label class="check"><input type="checkbox" id="q-repair"
                        prop:checked=Signal::derive(move || state.with(|s| s.repair))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            state.update(|s| s.repair = on);
                        }/>" Read repair"</label>
                </div>
                <div class="scrub">
                    <label for="q-t">"Time"</label>
                    <input type="range" id="q-t" min="0" step="any"
                        max=Signal::derive(move || tl_end.get().to_string())
                        prop:value=Signal::derive(move || playhead.get().to_string())
                        aria-valuetext=Signal::derive(move || ms(playhead.get()))
                        on:input=move |ev| {
                            if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                                playing.set(false);
                                state.update(|s| s.t = v.max(0.0));
                            }
                        }/>
                    <output for="q-t">{Signal::derive(move || ms(playhead.get()))}</output>
                </div>
                <Slider id="q-read" label="Read starts at" min=0.0 max=state::MAX_READ_START scale=Scale::Linear step=0.05
                    value=Signal::derive(move || state.with(|s| s.read_start))
                    on_change=set(|s, v| s.read_start = v) format=Callback::new(ms)
                    hint="Milliseconds after the write starts; before the commit the read races the write."/>
            </section>
        </div>
    }
    .into_any()
}

/// The short explanations.
const EXPLAIN: &str = r#"<h2 id="q-why-h">Why it works</h2>
<h3>Why R + W > N means fresh reads</h3>
<p>If a write reached W replicas and a read asks R of the same N, the two groups must share at least R + W − N replicas when that number is positive. At least one replica the read asks holds the latest write, and the read keeps the newest version it hears, so it cannot miss it.</p>
<h3>What each setting survives</h3>
<p>A write needs W replicas up and a read needs R, so writes ride out N − W failures and reads N − R. Raising one quorum buys freshness at the cost of availability and latency for that operation: ALL is always fresh and stops at the first failure.</p>
<h3>Stale, but for how long?</h3>
<p>With R + W ≤ N a read can be stale, but the write keeps spreading to the other replicas after it commits. The longer the gap between write and read, the likelier the read is fresh: the curve shows how fast that happens for the delays you choose, which is what "eventually consistent" hides.</p>
<h3>The latency bill</h3>
<p>A quorum operation finishes when its slowest needed reply arrives: the W-th fastest ack, the R-th fastest response. Waiting for one reply rides on the fastest replica; waiting for all of them rides on the slowest.</p>"#;

/// The catalogue entry.
pub const ENTRY: Entry = Entry {
    slug: "quorum",
    title: "Quorum reads and writes",
    blurb: "Pick N, R and W, fail replicas, and watch how often a read comes back stale.",
};

/// The main figure and controls.
const LAYOUT: Layout = Layout {
    figures: &["main"],
    controls: &[],
};

/// The widget.
pub struct QuorumWidget;

impl Widget for QuorumWidget {
    type State = QuorumState;
    type Facts = scenes::QuorumFacts;
    const ENTRY: &'static Entry = &ENTRY;
    const PARAMS: &'static [&'static str] = &state::PARAMS;
    const LEDE: &'static str = "A write waits for W of N replicas to acknowledge it; a read asks R replicas and keeps the newest answer. Choose R, W and N, crash replicas, and see what each choice costs in staleness, availability and latency.";
    const EXPLAIN: &'static str = EXPLAIN;
    const LAYOUT: Layout = LAYOUT;
    const PRESETS: &'static [Preset<QuorumState>] = PRESETS;
    const SCENES: &'static [Scene<scenes::QuorumFacts>] = scenes::SCENES;
    fn read(r: &mut Reader<'_>) -> QuorumState {
        QuorumState::from_query(r, model::profile_means)
    }
    fn write(s: &QuorumState, q: &mut Query) {
        s.to_query(q);
    }
    fn facts(s: &QuorumState) -> scenes::QuorumFacts {
        scenes::facts(s)
    }
    fn body(stage: Stage<QuorumState>) -> AnyView {
        body(stage)
    }
}

#[cfg(test)]
mod widget_tests {
    #[test]
    fn scenes_presets_and_parameters() {
        crate::widgets::check::<super::QuorumWidget>();
    }
}
