//! The queues widget's body: the run and the slower figures computed from
//! the state, the picture's clock, and the page: the picture with its
//! readouts first, the controls beside it, then the charts.

use super::charts::{self, compare_rows};
use super::controls::QueueControls;
use super::model::{self, Compared, CurvePoint, Outcome, MS_PER_UNIT};
use super::picture::{self, PictureData};
use super::scenes::ms;
use super::state::{PolicyKind, QueueState};
use crate::kit::later::Later;
use crate::kit::settle::{settle, sliced};
use crate::kit::{Shared, Stage};
use crate::ui::line_chart::LineChart;
use crate::ui::readout::{percent, Readout};
use crate::ui::theme::Theme;
use leptos::html::Canvas;
use leptos::prelude::*;
use std::sync::Arc;

/// Runs of more jobs than this wait for the controls to be still.
const LIVE_JOBS: u64 = 100_000;
/// How long the controls must be still before a large run or the sweeps, ms.
const SETTLE_MS: u32 = 150;

/// The state without the picture's moment: what the run depends on.
fn run_inputs(s: &QueueState) -> QueueState {
    QueueState {
        at: 0.0,
        ..s.clone()
    }
}

/// The figures, each following only what it depends on.
#[derive(Clone, Copy)]
pub struct Figures {
    /// The run at the state.
    pub outcome: Memo<Shared<Outcome>>,
    /// The run lags behind the controls.
    pub running: Memo<bool>,
    /// The curve, once the controls are still.
    pub curve: ReadSignal<Arc<Vec<CurvePoint>>>,
    /// Every policy at the load, once the controls are still.
    pub compared: ReadSignal<Arc<Vec<Compared>>>,
    /// The sweeps lag behind the controls.
    pub sweeping: Memo<bool>,
    /// The state the sweeps are of.
    pub swept: ReadSignal<QueueState>,
}

fn figures(state: RwSignal<QueueState>) -> Figures {
    let inputs = Memo::new(move |_| state.with(run_inputs));
    let (settled, running) = settle(inputs, SETTLE_MS, |s: &QueueState| {
        u64::from(s.requests) * u64::from(s.fanout) > LIVE_JOBS || s.hedge != 0
    });
    let outcome = Memo::new(move |_| settled.with(|s| Shared::new(model::run(s))));
    let sweep_inputs = Memo::new(move |_| {
        state.with(|s| QueueState {
            hedge: 0,
            at: 0.0,
            requests: model::sweep_requests(s),
            ..s.clone()
        })
    });
    let (swept, lagging) = settle(sweep_inputs, SETTLE_MS, |_| true);
    // Each a simulation per point: one per task, so the page stays responsive.
    let (curve, curving) = sliced(
        swept,
        |_| model::CURVE_LOADS.len(),
        |s, i| model::curve_point(s, model::CURVE_LOADS[i]),
    );
    let (compared, comparing) = sliced(
        swept,
        |_| PolicyKind::ALL.len(),
        |s, i| model::compared(s, PolicyKind::ALL[i]),
    );
    let sweeping = Memo::new(move |_| lagging.get() || curving.get() || comparing.get());
    Figures {
        outcome,
        running,
        curve,
        compared,
        sweeping,
        swept,
    }
}

/// The figures and controls.
pub fn body(stage: Stage<QueueState>) -> AnyView {
    let state = stage.state;
    let f = figures(state);
    let marks = move |m: &str| stage.mark.get().split(' ').any(|w| w == m);
    view! {
        <div class="queue-body">
            <div class="queue-stage">
                <div class="queue-main">
                    <PictureFigure state=state figures=f mark=stage.mark/>
                </div>
                // A scene builds its controls at once: on a phone they sit above
                // the scene's figure, which must not move once in view.
                <div class="queue-side">
                    <Later now=Signal::derive(move || stage.controls.with(|c| !c.is_empty()))>
                        <QueueControls state=state scene_controls=stage.controls/>
                    </Later>
                </div>
            </div>
            <Later now=Signal::derive(move || marks("knee") || marks("choices"))>
                <CurvePanel state=state figures=f/>
            </Later>
            <Later now=Signal::derive(move || marks("choices") || marks("slow") || marks("hedge"))>
                <ComparePanel state=state figures=f mark=stage.mark/>
            </Later>
            <Later now=Signal::derive(move || marks("fanout") || marks("hedge"))>
                <DistPanel state=state figures=f/>
            </Later>
            <Later now=Signal::derive(move || marks("slow"))>
                <QueuesPanel figures=f/>
            </Later>
        </div>
    }
    .into_any()
}

/// The picture, its clock and its readouts.
#[component]
fn PictureFigure(
    state: RwSignal<QueueState>,
    figures: Figures,
    #[prop(into)] mark: Signal<&'static str>,
) -> impl IntoView {
    let theme = expect_context::<Theme>();
    let outcome = figures.outcome;
    let end = Memo::new(move |_| outcome.with(|o| model::trace_end(&o.report)));
    // Simulated time while playing (and until the next pause writes it back).
    let clock = RwSignal::new(None::<f64>);
    let autoplay = use_context::<crate::embed::options::AutoPlay>()
        .unwrap_or_default()
        .0;
    let playing = RwSignal::new(autoplay);
    let moment = Memo::new(move |_| {
        clock
            .get()
            .unwrap_or_else(|| state.with(|s| s.at) / 100.0 * end.get())
    });
    // Simulated time per second of playing: about twenty arrivals a second.
    let speed = Memo::new(move |_| {
        outcome.with(|o| (20.0 / o.report.config.arrivals.mean_rate()).clamp(0.05, 20.0))
    });
    let reduced = crate::talk::motion::prefers_reduced_motion();
    let period = if reduced { 1000 } else { 40 };
    let write_back = move |t: f64| {
        let e = end.get_untracked();
        let at = if e > 0.0 {
            (t / e * 100.0).clamp(0.0, 100.0)
        } else {
            0.0
        };
        state.update(|s| s.at = (at * 1000.0).round() / 1000.0);
        clock.set(None);
    };
    crate::talk::motion::use_clock(
        playing,
        move || period,
        move || {
            if state.with_untracked(|s| s.at) >= 100.0 {
                clock.set(Some(0.0));
            }
        },
        move || {
            let t = moment.get_untracked() + speed.get_untracked() * f64::from(period) / 1000.0;
            let e = end.get_untracked();
            if t >= e {
                playing.set(false);
                write_back(e);
            } else {
                clock.set(Some(t));
            }
        },
    );
    Effect::new(move |_| {
        if !playing.get() {
            if let Some(t) = clock.get_untracked() {
                write_back(t);
            }
        }
    });
    let data = Memo::new(move |_| {
        let t = moment.get();
        let slow = mark.get().split(' ').any(|w| w == "slow");
        let name = state.with(QueueState::policy_name);
        outcome.with(|o| picture::data_at(&o.report, t, name, slow, theme.dark.get()))
    });
    let canvas = NodeRef::<Canvas>::new();
    crate::ui::canvas::redraw_on_change(canvas, data.into(), picture::draw);
    crate::export::register_figure(
        "queue-picture",
        "The balancer and the servers' queues",
        crate::export::Picture::Painted {
            paint: Arc::new(move |pen, w, h, ratio| {
                picture::paint(pen, w, h, ratio, &data.get_untracked())
            }),
            height: None,
        },
    );
    let label = Signal::derive(move || {
        data.with(|d: &PictureData| {
            let waiting: u32 = d
                .snap
                .queues
                .iter()
                .map(|q| q.saturating_sub(1))
                .sum::<u32>()
                + d.snap.shared_waiting;
            let busiest = d.snap.queues.iter().copied().max().unwrap_or(0);
            format!(
                "{} servers behind {}; at {:.2} s, {} requests wait and the longest line holds {}",
                d.snap.queues.len(),
                d.policy,
                d.snap.time * MS_PER_UNIT / 1000.0,
                waiting,
                busiest
            )
        })
    });
    let summary = move |f: fn(&sim::queue::Summary) -> f64| {
        Signal::derive(move || Some(outcome.with(|o| f(&o.report.summary)) * MS_PER_UNIT))
    };
    let closed = Memo::new(move |_| state.with(|s| model::closed_at(s, s.policy, s.load)));
    let msf = Callback::new(ms);
    let pending = figures.running;
    view! {
        <figure class="diagram queue-diagram" data-figure="picture">
            <canvas id="queue-picture" class="queue-picture" node_ref=canvas role="img" aria-label=label
                data-marked=move || data.with(|d| if d.mark_slow { "slow" } else { "" })
                data-waiting=move || data.with(|d| d.snap.queues.iter().map(|q| q.saturating_sub(1)).sum::<u32>() + d.snap.shared_waiting)
                data-first=move || data.with(|d| d.snap.queues.first().copied().unwrap_or(0))></canvas>
            <div class="queue-playback" data-part="playback">
                <button type="button" id="queue-back" data-shortcut="back" aria-label="10 ms earlier"
                    on:click=move |_| { playing.set(false); write_back((moment.get_untracked() - 1.0).max(0.0)); }>"◀"</button>
                <button type="button" id="queue-play" data-shortcut="play" aria-pressed=move || if playing.get() { "true" } else { "false" }
                    on:click=move |_| playing.update(|p| *p = !*p)>
                    {move || if playing.get() { "Pause" } else { "Play" }}
                </button>
                <button type="button" id="queue-forward" data-shortcut="forward" aria-label="10 ms later"
                    on:click=move |_| { playing.set(false); write_back((moment.get_untracked() + 1.0).min(end.get_untracked())); }>"▶"</button>
                <label for="queue-at">"Moment"</label>
                <input type="range" id="queue-at" class="scrub" min="0" max="100" step="0.1"
                    prop:value=move || {
                        let e = end.get();
                        if e > 0.0 { moment.get() / e * 100.0 } else { 0.0 }
                    }
                    aria-valuetext=move || format!("{:.1} s of simulated time", moment.get() * MS_PER_UNIT / 1000.0)
                    on:input=move |ev| {
                        let v = crate::decimal::parse(&event_target_value(&ev)).unwrap_or(0.0);
                        playing.set(false);
                        clock.set(None);
                        state.update(|s| s.at = v.clamp(0.0, 100.0));
                    }/>
                <output for="queue-at" id="queue-time">{move || format!("{:.1} s of {:.1} s", moment.get() * MS_PER_UNIT / 1000.0, end.get() * MS_PER_UNIT / 1000.0)}</output>
            </div>
            <ul class="queue-legend" data-legend-for="picture">
                <li><svg viewBox="0 0 16 16" aria-hidden="true"><rect class="swatch-job" x="4" y="4" width="8" height="8"></rect></svg>"a request waiting in line"</li>
                <li><svg viewBox="0 0 16 16" aria-hidden="true"><rect class="swatch-job" x="1" y="3" width="14" height="10"></rect></svg>"a server at work (on the right)"</li>
                <li><svg viewBox="0 0 16 16" aria-hidden="true"><circle class="swatch-flying" cx="8" cy="8" r="3.5"></circle></svg>"a request on its way"</li>
                <li hidden=move || state.with(|s| s.slow == 100)><svg viewBox="0 0 16 16" aria-hidden="true"><rect class="swatch-slow" x="1" y="3" width="14" height="10"></rect></svg>
                    {move || format!("S1, at {} % speed", state.with(|s| s.slow))}</li>
            </ul>
            <div class="readouts queue-readouts">
                <Readout metric="mean" label="Mean response" value=summary(|s| s.mean) format=msf pending=pending/>
                <Readout metric="p50" label="Median" value=summary(|s| s.p50) format=msf pending=pending/>
                <Readout metric="p99" label="p99" value=summary(|s| s.p99) format=msf pending=pending/>
                <Readout metric="p999" label="p99.9" value=summary(|s| s.p999) format=msf pending=pending/>
                <Readout metric="closed-mean" label=Signal::derive(move || closed.with(|c| c.as_ref().map_or("Closed form".to_owned(), |c| format!("Mean, {}", c.name)))).get_untracked()
                    value=Signal::derive(move || closed.with(|c| c.as_ref().map(|c| c.mean))) format=msf
                    title="The closed form's mean for this setting, where one holds: random arrivals, equal servers, no fan-out or hedging."/>
                <Readout metric="waiting" label="Waiting now" value=Signal::derive(move || Some(f64::from(data.with(|d| {
                    d.snap.queues.iter().map(|q| q.saturating_sub(1)).sum::<u32>() + d.snap.shared_waiting
                })))) format=Callback::new(|v: f64| crate::ui::readout::count(v)) pending=pending/>
            </div>
            <p class="note queue-little" id="queue-little">{move || outcome.with(|o| {
                let s = o.report.summary;
                let per_s = 1000.0 / MS_PER_UNIT;
                format!(
                    "Little's law on this run: {:.2} jobs in the system on average; arrival rate × mean time in the system = {:.1} per second × {:.4} s = {:.2}.",
                    s.mean_in_system, s.job_rate * per_s, s.mean_job_time / per_s, s.job_rate * s.mean_job_time
                )
            })}</p>
            <p class="note" hidden=move || outcome.with(|o| o.hedge.is_none())>{move || outcome.with(|o| o.hedge.map(|h| format!(
                "Hedging after {} (one job's {}th percentile): p99 {} without, {} with; p99.9 {} without, {} with; {} more work.",
                ms(h.delay * MS_PER_UNIT), state.with_untracked(|s| s.hedge),
                ms(h.without.p99 * MS_PER_UNIT), ms(h.with.p99 * MS_PER_UNIT),
                ms(h.without.p999 * MS_PER_UNIT), ms(h.with.p999 * MS_PER_UNIT),
                percent(h.extra_load())
            )).unwrap_or_default())}</p>
        </figure>
    }
}

/// Latency against load.
#[component]
fn CurvePanel(state: RwSignal<QueueState>, figures: Figures) -> impl IntoView {
    let theme = expect_context::<Theme>();
    // Every balancer's curve: six times the work, so only while it is open.
    let open = RwSignal::new(false);
    let all = Memo::new(move |_| {
        let dark = theme.dark.get();
        if !open.get() {
            return crate::ui::line_chart::LineChartData::default();
        }
        figures
            .swept
            .with(|s| charts::all_chart(s, &model::all_curves(s), dark))
    });
    // why: the CSV must be whole whether or not the reader opened it.
    let export = Callback::new(move |()| {
        let dark = theme.dark.get_untracked();
        figures
            .swept
            .with_untracked(|s| charts::all_chart(s, &model::all_curves(s), dark))
    });
    let data = Memo::new(move |_| {
        figures
            .curve
            .with(|c| state.with(|s| charts::curve_chart(s, c, theme.dark.get())))
    });
    view! {
        <section class="panel queue-curve" data-figure="curve">
            <h2>"Latency against load"</h2>
            <LineChart id="queue-curve-chart" title="Latency against load" data=data
                label=Signal::derive(move || state.with(|s| format!("Mean and 99th percentile response time of {} from 10 % to 99 % load, with the closed form where one holds", s.policy_name())))/>
            <p class="note">{move || figures.curve.with(|c| state.with(|s| charts::curve_note(s, c)))}<span class="updating" aria-live="polite">{move || if figures.sweeping.get() { " Updating…" } else { "" }}</span></p>
            <details class="queue-all" prop:open=move || open.get() on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                    if d.open() != open.get_untracked() {
                        open.set(d.open());
                    }
                }
            }>
                <summary>"Every balancer against load (p99)"</summary>
                <LineChart id="queue-all-chart" title="p99 against load, every balancer" data=all export=export
                    label=Signal::derive(move || "The 99th percentile of every balancer from 10 % to 99 % load".to_owned())/>
                <p class="note">{move || figures.swept.with(|s| format!("{} requests per point, the same arrivals and work for every balancer.", (model::sweep_requests(s) / 2).max(100)))}</p>
            </details>
        </section>
    }
}

/// Every policy at this load.
#[component]
fn ComparePanel(
    state: RwSignal<QueueState>,
    figures: Figures,
    #[prop(into)] mark: Signal<&'static str>,
) -> impl IntoView {
    let rows = Memo::new(move |_| {
        figures
            .compared
            .with(|c| state.with(|s| compare_rows(s, c)))
    });
    let marked = move |p: PolicyKind| {
        let m = mark.get();
        match m {
            "choices" => matches!(
                p,
                PolicyKind::Random | PolicyKind::Choices | PolicyKind::Least
            ),
            "slow" => matches!(p, PolicyKind::RoundRobin | PolicyKind::Least),
            _ => false,
        }
    };
    let csv = Memo::new(move |_| {
        use crate::export::csv::table;
        let header: Vec<String> = ["policy", "mean (ms)", "p50 (ms)", "p99 (ms)", "p99.9 (ms)"]
            .iter()
            .map(|h| (*h).to_owned())
            .collect();
        figures.compared.with(|c| {
            table(
                &header,
                c.iter().map(|r| {
                    vec![
                        r.policy.key().to_owned(),
                        crate::export::csv::number(r.mean),
                        crate::export::csv::number(r.p50),
                        crate::export::csv::number(r.p99),
                        crate::export::csv::number(r.p999),
                    ]
                }),
            )
        })
    });
    crate::export::register_table(
        "queue-compare",
        "Every policy at this load",
        Arc::new(move || csv.get_untracked()),
    );
    view! {
        <section class="panel queue-compare" data-figure="compare">
            <h2>"Every balancer at this load"</h2>
            <div class="table-wrap">
                <table class="compare queue-table" class:marking=move || matches!(mark.get(), "choices" | "slow")>
                    <caption>{move || state.with(|s| format!("{} % load, {} servers, the same {} requests for each", s.load, s.servers, model::sweep_requests(s)))}</caption>
                    <thead><tr><th scope="col">"Balancer"</th><th scope="col">"Mean"</th><th scope="col">"p50"</th><th scope="col">"p99"</th><th scope="col">"p99.9"</th><th scope="col">"Closed form"</th></tr></thead>
                    <tbody>
                        <For each=move || rows.get() key=|r| (r.policy.key(), r.cells.clone(), r.closed.clone(), r.name.clone()) let:r>
                            <tr data-policy=r.policy.key() class:current=move || state.with(|s| s.policy == r.policy) class:marked=move || marked(r.policy)>
                                <th scope="row">{r.name.clone()}</th>
                                <td>{r.cells[0].clone()}</td><td>{r.cells[1].clone()}</td><td>{r.cells[2].clone()}</td><td>{r.cells[3].clone()}</td>
                                <td>{r.closed.clone()}</td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </div>
            <p class="note"><span class="updating" aria-live="polite">{move || if figures.sweeping.get() { "Updating…" } else { "" }}</span></p>
        </section>
    }
}

/// The distribution of response times.
#[component]
fn DistPanel(state: RwSignal<QueueState>, figures: Figures) -> impl IntoView {
    let theme = expect_context::<Theme>();
    let data = Memo::new(move |_| {
        figures
            .outcome
            .with(|o| state.with(|s| charts::dist_chart(s, &o.report, theme.dark.get())))
    });
    view! {
        <section class="panel queue-dist" data-figure="dist">
            <h2>"How long requests take"</h2>
            <LineChart id="queue-dist-chart" title="Response-time distribution" data=data
                label=Signal::derive(move || figures.outcome.with(|o| format!("Share of requests by response time on a log scale; median {}, p99 {}", ms(o.report.summary.p50 * MS_PER_UNIT), ms(o.report.summary.p99 * MS_PER_UNIT))))/>
        </section>
    }
}

/// Each server's queue over time.
#[component]
fn QueuesPanel(figures: Figures) -> impl IntoView {
    let theme = expect_context::<Theme>();
    let data = Memo::new(move |_| {
        figures
            .outcome
            .with(|o| charts::queues_chart(&o.report, theme.dark.get()))
    });
    view! {
        <section class="panel queue-queues" data-figure="queues">
            <h2>"Queues over time"</h2>
            <LineChart id="queue-queues-chart" title="Queue length over time" data=data
                label=Signal::derive(move || "Requests at the first server, at the busiest other server and on average, over the run".to_owned())/>
        </section>
    }
}
