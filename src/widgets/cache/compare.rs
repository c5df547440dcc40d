//! Compare mode: every selected policy on the same trace at many cache sizes,
//! computed in slices across frames so a million requests never freeze the page.

use super::model::{
    self, chart, curve_sizes, plan, policy_colour, theory, theory_series, Job, Results, Workload,
};
use super::state::{CacheState, Source, MAX_RATE, MAX_TTL, MIN_RATE};
use crate::kit::Shared;
use crate::ui::line_chart::LineChart;
use crate::ui::readout::{count, percent};
use crate::ui::slider::{Scale, Slider};
use crate::ui::theme::Theme;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use sim::cache::run::Runner;
use sim::cache::workload::Shape;
use sim::cache::PolicyKind;

/// Milliseconds of simulation per slice: half a frame, so the page keeps drawing.
const SLICE_MS: f64 = 8.0;
/// Requests between clock checks inside a slice.
const CHUNK: usize = 16_384;

/// A workload and cache size that tell one story.
struct ComparePreset {
    label: &'static str,
    shape: Shape,
    alpha: f64,
    universe: u32,
    requests: u32,
    hot: u32,
    scan: f64,
    capacity: u32,
}

const PRESETS: [ComparePreset; 6] = [
    ComparePreset {
        label: "Zipf α = 1, cache 1% of keys",
        shape: Shape::Zipf,
        alpha: 1.0,
        universe: 10_000,
        requests: 100_000,
        hot: 100,
        scan: 0.3,
        capacity: 100,
    },
    ComparePreset {
        label: "A loop a little larger than the cache",
        shape: Shape::Loop,
        alpha: 1.0,
        universe: 1_100,
        requests: 100_000,
        hot: 100,
        scan: 0.3,
        capacity: 1_000,
    },
    ComparePreset {
        label: "Scans through a hot set",
        shape: Shape::Scan,
        alpha: 0.8,
        universe: 20_000,
        requests: 200_000,
        hot: 500,
        scan: 0.5,
        capacity: 600,
    },
    ComparePreset {
        label: "The hotspot moves",
        shape: Shape::Shift,
        alpha: 1.0,
        universe: 10_000,
        requests: 200_000,
        hot: 100,
        scan: 0.3,
        capacity: 300,
    },
    ComparePreset {
        label: "Uniform: nothing to learn",
        shape: Shape::Uniform,
        alpha: 1.0,
        universe: 10_000,
        requests: 100_000,
        hot: 100,
        scan: 0.3,
        capacity: 1_000,
    },
    ComparePreset {
        label: "A million requests, 100,000 keys",
        shape: Shape::Zipf,
        alpha: 1.0,
        universe: 100_000,
        requests: 1_000_000,
        hot: 100,
        scan: 0.3,
        capacity: 1_000,
    },
];

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The policy checkboxes, sliders, progress, chart and table.
#[component]
pub fn ComparePanel(
    /// The widget state.
    state: RwSignal<CacheState>,
    /// The requests.
    workload: Memo<Shared<Workload>>,
) -> impl IntoView {
    let theme = expect_context::<Theme>();
    let sizes = Memo::new(move |_| {
        let cap = state.with(|s| s.capacity);
        workload.with(|w| curve_sizes(w.universe, cap))
    });
    let chosen = Memo::new(move |_| {
        let cap = state.with(|s| s.capacity);
        workload.with(|w| cap.clamp(1, w.universe) as usize)
    });
    let inputs = Memo::new(move |_| state.with(|s| (s.policies.clone(), s.ttl, s.seed)));
    let results: RwSignal<Results> = RwSignal::new(Results::new());
    let progress = RwSignal::new((0usize, 0usize));
    let generation = StoredValue::new(0u64);

    // Runs the plan in slices. An effect, because the work spans many frames:
    // each new input starts a new generation and the old loop stops at its next slice.
    Effect::new(move |_| {
        let (policies, ..) = inputs.get();
        let (sz, c, wl) = (sizes.get(), chosen.get(), workload.get());
        let jobs = plan(&policies, &sz, c);
        let gen = generation.get_value() + 1;
        generation.set_value(gen);
        results.set(Results::new());
        progress.set((0, jobs.len()));
        let universe = wl.universe;
        let cfg_of = move |size: usize| state.with_untracked(|s| model::config(s, size, universe));
        spawn_local(async move {
            let keys = &wl.keys;
            let mut i = 0;
            let mut current: Option<(Job, Runner)> = None;
            while i < jobs.len() {
                // Yield first: the input that started this run finishes its
                // own task (and the page draws) before any simulation.
                TimeoutFuture::new(0).await;
                if generation.try_get_value() != Some(gen) {
                    return;
                }
                let start = now_ms();
                let mut done_now = Vec::new();
                while i < jobs.len() && now_ms() - start < SLICE_MS {
                    let (job, runner) = current.get_or_insert_with(|| {
                        (
                            jobs[i],
                            Runner::new(jobs[i].policy, &cfg_of(jobs[i].size), keys),
                        )
                    });
                    if runner.advance(keys, CHUNK) {
                        done_now.push((*job, runner.stats()));
                        current = None;
                        i += 1;
                    }
                }
                if generation.try_get_value() != Some(gen) {
                    return;
                }
                if !done_now.is_empty() {
                    results.update(|r| r.extend(done_now));
                    progress.set((i, jobs.len()));
                }
            }
        });
    });
    on_cleanup(move || {
        // Stops a running loop: its generation no longer matches.
        let _ = generation.try_update_value(|g| *g += 1);
    });

    let policies = Memo::new(move |_| state.with(|s| s.policies.clone()));
    // The closed forms depend on the workload and the sizes, not on the runs.
    let theory_lines = Memo::new(move |_| {
        policies.with(|p| {
            sizes.with(|sz| workload.with(|w| theory_series(p, sz, w.popularity.as_ref())))
        })
    });
    let chart_data = Memo::new(move |_| {
        let mut data = results.with(|r| {
            policies.with(|p| {
                sizes.with(|sz| theory_lines.with(|t| chart(p, sz, r, t, theme.dark.get())))
            })
        });
        data.markers.push((
            chosen.get() as f64,
            format!("{} entries", count(chosen.get() as f64)),
        ));
        data
    });
    let busy = move || {
        let (d, t) = progress.get();
        d < t
    };

    let rows = move || {
        let (policies, rate, c) = state.with(|s| (s.policies.clone(), s.rate, chosen.get()));
        results.with(|r| {
            workload.with(|w| {
                policies
                    .into_iter()
                    .map(|k| {
                        let stats = r.get(&Job { policy: k, size: c }).copied();
                        let hit = stats.map(|s| s.hit_ratio());
                        let th = w.popularity.as_ref().and_then(|p| theory(k, p, c));
                        // "…" while a run is pending, "—" where no figure applies.
                        let cell = |metric: &str, v: Option<f64>, f: fn(f64) -> String, none: &'static str| {
                            let metric = format!("{metric}-{}", k.slug());
                            view! {
                                <td data-metric=metric data-value=v.map(|x| x.to_string()).unwrap_or_default()>
                                    {v.map(f).unwrap_or_else(|| none.into())}
                                </td>
                            }
                        };
                        let swatch = format!("background:{}", policy_colour(k));
                        view! {
                            <tr>
                                <th scope="row"><span class="swatch" style=swatch></span>{k.label()}</th>
                                {cell("hit", hit, percent, "…")}
                                {cell("mpk", hit.map(|h| (1.0 - h) * 1000.0), |v| format!("{v:.1}"), "…")}
                                {cell("load", hit.map(|h| (1.0 - h) * rate), |v| format!("{}/s", count(v)), "…")}
                                {cell("theory", th.map(|t| t.1), percent, "—")}
                                <td class="theory-name">{th.map(|t| t.0).unwrap_or("")}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };

    view! {
        <section class="panel compare-panel" aria-labelledby="cache-cmp-h">
            <h2 id="cache-cmp-h">"Compare at scale"</h2>
            <div class="presets" role="group" aria-label="Compare presets">
                {PRESETS.iter().enumerate().map(|(i, p)| {
                    let (shape, alpha, universe, requests, hot, scan, capacity) = (p.shape, p.alpha, p.universe, p.requests, p.hot, p.scan, p.capacity);
                    view! {
                        <button type="button" class="preset" data-preset=i on:click=move |_| state.update(|s| {
                            s.source = Source::Generated(shape);
                            s.alpha = alpha;
                            s.universe = universe;
                            s.requests = requests;
                            s.hot = hot;
                            s.scan_share = scan;
                            s.capacity = capacity;
                        })>{p.label}</button>
                    }
                }).collect_view()}
            </div>
            <fieldset class="policy-picks">
                <legend>"Policies"</legend>
                {PolicyKind::ALL.into_iter().map(|k| {
                    let id = format!("pick-{}", k.slug());
                    let label_for = id.clone();
                    let swatch = format!("background:{}", policy_colour(k));
                    view! {
                        <label class="check" for=label_for>
                            <input type="checkbox" id=id
                                prop:checked=move || state.with(|s| s.policies.contains(&k))
                                on:change=move |_| state.update(|s| s.toggle_policy(k))/>
                            <span class="swatch" style=swatch></span>{k.label()}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <div class="controls two-col">
                <Slider id="cache-cap" label="Cache size (entries)" min=1.0 max=f64::from(sim::cache::workload::MAX_UNIVERSE) scale=Scale::Log
                    value=Signal::derive(move || chosen.get() as f64)
                    on_change=Callback::new(move |v: f64| {
                        let top = workload.with_untracked(|w| w.universe);
                        state.update(|s| s.capacity = (v.round() as u32).clamp(1, top));
                    })
                    format=Callback::new(|v: f64| count(v.round()))
                    hint="Up to the number of distinct keys."/>
                <Slider id="cache-rate" label="Requests per second" min=MIN_RATE max=MAX_RATE scale=Scale::Log
                    value=Signal::derive(move || state.with(|s| s.rate))
                    on_change=Callback::new(move |v: f64| state.update(|s| s.rate = v.round().max(MIN_RATE)))
                    format=Callback::new(|v: f64| format!("{}/s", count(v.round())))
                    hint="Each miss becomes a request to the backing store."/>
                <Slider id="cache-ttl" label="LRU+TTL: time to live (requests)" min=1.0 max=f64::from(MAX_TTL) scale=Scale::Log
                    value=Signal::derive(move || f64::from(state.with(|s| s.ttl).max(1)))
                    on_change=Callback::new(move |v: f64| state.update(|s| s.ttl = (v.round() as u32).clamp(1, MAX_TTL)))
                    format=Callback::new(|v: f64| count(v.round()))/>
            </div>
            <div class="progress-line" class:busy=busy>
                <label for="cache-progress">"Simulations"</label>
                <progress id="cache-progress" max=move || progress.get().1.max(1).to_string() value=move || progress.get().0.to_string()></progress>
                <output for="cache-progress" data-metric="jobs-done" data-value=move || progress.get().0.to_string()
                    data-total=move || progress.get().1.to_string()>
                    {move || {
                        let (d, t) = progress.get();
                        if d < t { format!("{d} of {t} runs…") } else { format!("all {t} runs done") }
                    }}
                </output>
            </div>
            <LineChart id="cache-chart" title="Hit ratio against cache size" data=chart_data label=Signal::derive(move || {
                let c = chosen.get();
                format!("Hit ratio against cache size for each selected policy, sizes 1 to {}; the table below gives the figures at {c} entries", workload.with(|w| w.universe))
            })/>
            <p class="note">{move || workload.with(|w| if w.popularity.is_some() {
                "Solid lines: simulated. Dashed: the closed forms for independent requests (Che's approximation for LRU; one formula for FIFO and Random)."
            } else {
                "Solid lines: simulated. This workload is not independent draws from a fixed popularity, so no closed form applies."
            })}</p>
            <div class="table-wrap">
                <table class="policy-table">
                    <caption>{move || format!("At {} entries, {} requests over {} keys", count(chosen.get() as f64), count(workload.with(|w| w.keys.len()) as f64), count(workload.with(|w| w.universe) as f64))}</caption>
                    <thead><tr><th scope="col">"Policy"</th><th scope="col">"Hit ratio"</th><th scope="col">"Misses per 1,000"</th><th scope="col">"Backing-store load"</th><th scope="col">"Closed form"</th><th scope="col">"Which"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
