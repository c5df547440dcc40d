//! Compare mode: every selected policy on the same trace at many cache sizes,
//! computed in slices across frames so a million requests never freeze the page.
//! Its controls are in [`super::compare_controls`], its table in [`super::table`].

use super::compare_controls::CompareControls;
use super::curve::{
    chart, curve_sizes, emphasise, focus, marked_policies, plan, story, theory_series, Job, Results,
};
use super::model::{self, Workload};
use super::state::CacheState;
use super::state::Source;
use super::table::PolicyTable;
use crate::kit::Shared;
use crate::ui::line_chart::{Gap, LineChart};
use crate::ui::readout::count;
use crate::ui::theme::Theme;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use sim::cache::run::Runner;

/// Milliseconds of simulation per slice: half a frame, so the page keeps drawing.
const SLICE_MS: f64 = 8.0;
/// Requests between clock checks inside a slice.
const CHUNK: usize = 16_384;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Runs every job of the plan for the chosen size and the curve, in slices
/// across frames, into `results`, with `progress` as (done, total).
fn run_plan(
    state: RwSignal<CacheState>,
    workload: Memo<Shared<Workload>>,
    sizes: Memo<Vec<usize>>,
    chosen: Memo<usize>,
    results: RwSignal<Results>,
    progress: RwSignal<(usize, usize)>,
) {
    let inputs = Memo::new(move |_| state.with(|s| (s.policies.clone(), s.ttl, s.seed)));
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
}

/// The policy checkboxes, sliders, progress, chart and table.
#[component]
pub fn ComparePanel(
    /// The widget state.
    state: RwSignal<CacheState>,
    /// The requests.
    workload: Memo<Shared<Workload>>,
    /// What the scene on screen highlights: policy slugs (their lines and
    /// rows stand out, the others fade).
    mark: Signal<&'static str>,
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
    let results: RwSignal<Results> = RwSignal::new(Results::new());
    // What stands out: the policies the scene names, else those the
    // workload's story is about.
    let shape = Memo::new(move |_| match workload.with(|w| w.source) {
        Source::Generated(s) => Some(s),
        _ => None,
    });
    let marked = Memo::new(move |_| {
        let named = marked_policies(mark.get());
        if named.is_empty() {
            focus(shape.get())
        } else {
            named
        }
    });
    let told = Memo::new(move |_| {
        let c = chosen.get();
        results.with(|r| {
            let hit = |k| r.get(&Job { policy: k, size: c }).map(|s| s.hit_ratio());
            story(shape.get(), &hit, &count(c as f64))
        })
    });
    let told_text = move || told.with(|t| t.as_ref().map(|t| t.text.clone()));
    let highlight =
        move || marked.with(|m| m.iter().map(|k| k.slug()).collect::<Vec<_>>().join(","));
    let progress = RwSignal::new((0usize, 0usize));
    run_plan(state, workload, sizes, chosen, results, progress);

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
        emphasise(&mut data, &marked.get());
        // The gap the sentence under the chart names, pointed at in the chart.
        if let Some(t) = told.get() {
            data.gaps.push(Gap {
                x: chosen.get() as f64,
                low: t.gap.0,
                high: t.gap.1,
                label: t.gap_label,
            });
        }
        data
    });
    let busy = move || {
        let (d, t) = progress.get();
        d < t
    };

    view! {
        <section class="panel compare-panel" aria-labelledby="cache-cmp-h" data-figure="compare">
            <h2 id="cache-cmp-h">"Compare at scale"</h2>
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
            <div class="cache-chart" data-highlight=highlight
                data-gap=move || told.with(|t| t.as_ref().map(|t| t.gap_label.clone()).unwrap_or_default())
                class:marking=move || !marked.with(Vec::is_empty)>
            <LineChart id="cache-chart" title="Hit ratio against cache size" end_labels=true data=chart_data label=Signal::derive(move || {
                let c = chosen.get();
                format!("Hit ratio against cache size for each selected policy, sizes 1 to {}; the table below gives the figures at {c} entries", workload.with(|w| w.universe))
            })/>
            </div>
            <p class="cache-story" data-metric="story" data-value=move || told_text().unwrap_or_default()>{told_text}</p>
            <p class="note">{move || workload.with(|w| if w.popularity.is_some() {
                "Solid lines with a shape per policy: simulated. Dashed: the closed forms for independent requests (\"LRU theory\": Che's approximation; \"FIFO theory\": its counterpart for FIFO and Random)."
            } else {
                "Solid lines: simulated. This workload is not independent draws from a fixed popularity, so no closed form applies."
            })}</p>
            <PolicyTable state=state workload=workload chosen=chosen results=results marked=marked/>
            <CompareControls state=state workload=workload chosen=chosen/>
        </section>
    }
}
