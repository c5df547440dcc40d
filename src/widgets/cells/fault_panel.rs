//! The fault section: which fault (failed parts, a poison tenant or a bad
//! deploy), its controls, and what it does to the tenants; for a deploy, the
//! rollout's controls, its timeline and its chart.

use super::model::FaultView;
use super::rollout;
use super::state::{CellsState, Fault, MAX_WORKERS};
use super::update::{setter, unit_name, updater};
use crate::kit::Shared;
use crate::ui::line_chart::LineChart;
use crate::ui::readout::{count, percent, Readout};
use crate::ui::slider::{Scale, Slider};
use crate::ui::theme::Theme;
use leptos::prelude::*;
use sim::cells::deploy::Timeline;
use sim::cells::population::Population;

/// The deploy's playback: a minute every tick while playing.
#[derive(Clone, Copy)]
pub struct DeployClock {
    /// Playing.
    pub playing: RwSignal<bool>,
    /// Minutes per tick.
    pub speed: RwSignal<u32>,
    /// The timeline's last minute.
    pub last_minute: Memo<u32>,
}

/// The fault section.
#[component]
pub fn FaultPanel(
    /// The widget state.
    state: RwSignal<CellsState>,
    /// The tenants.
    pop: Memo<Shared<Population>>,
    /// The fault's damage.
    fault: Memo<Shared<FaultView>>,
    /// The deploy's timeline, when the fault is one.
    timeline: Memo<Shared<Option<Timeline>>>,
    /// The deploy's clock.
    clock: DeployClock,
) -> impl IntoView {
    let update = updater(state);
    let whole = Callback::new(|v: f64| count(v.round()));
    let pct = Callback::new(percent);
    let imp = move |f: fn(&sim::cells::fault::Impact) -> f64| {
        Signal::derive(move || Some(fault.with(|x| f(&x.impact))))
    };
    view! {
        <section class="panel" aria-labelledby="cells-fault-h" data-figure="fault">
            <h2 id="cells-fault-h">"The fault"</h2>
            <div class="tabs" role="group" aria-label="Fault" data-control="fault">
                {[(Fault::Units, "Failed parts"), (Fault::Poison, "A poison tenant"), (Fault::Deploy, "A bad deploy")].into_iter().map(|(f, label)| view! {
                    <button type="button" class="tab" id=format!("cells-fault-{}", match f { Fault::Units => "units", Fault::Poison => "poison", Fault::Deploy => "deploy" })
                        aria-pressed=move || if state.with(|s| s.fault == f) { "true" } else { "false" }
                        on:click=move |_| update(&|s| s.fault = f)>{label}</button>
                }).collect_view()}
            </div>
            <Show when=move || state.with(|s| s.fault == Fault::Units)>
                <p class="note" data-control="failed">{move || state.with(|s| if s.failed.is_empty() { "Nothing has failed: click a box in the grid.".to_owned() } else {
                    format!("Failed: {}.", s.failed.iter().map(u32::to_string).collect::<Vec<_>>().join(", "))
                })}
                    " "<button type="button" id="cells-clear" data-part="sliders" on:click=move |_| update(&|s| s.failed.clear())>"Restore all"</button>
                </p>
            </Show>
            <Show when=move || state.with(|s| s.fault == Fault::Poison)>
                <div class="field" data-control="poison">
                    <label for="cells-poison">"Poison tenant"</label>
                    <input id="cells-poison" type="number" min="0" step="1"
                        prop:value=move || state.with(|s| s.poison.to_string())
                        on:change=move |ev| {
                            if let Ok(v) = event_target_value(&ev).trim().parse::<u32>() {
                                update(&|s| s.poison = v);
                            }
                        }/>
                    <button type="button" id="cells-poison-big" on:click=move |_| {
                        let big = pop.with_untracked(|p| p.largest(1).first().copied().unwrap_or(0));
                        update(&|s| s.poison = big);
                    }>"The largest tenant"</button>
                    <span class="note">"Its requests crash every " {move || state.with(unit_name)} " they reach; the figures count the other tenants."</span>
                </div>
            </Show>
            <Show when=move || state.with(|s| s.fault == Fault::Deploy)>
            <DeployPanel state=state timeline=timeline clock=clock/>
        </Show>
            <div class="readouts">
                <Readout metric="tenant-share" label="Tenants hit" value=imp(|i| i.tenant_share) format=pct/>
                <Readout metric="full-share" label="Tenants lost entirely" value=imp(|i| i.full_share) format=pct/>
                <Readout metric="traffic-lost" label="Traffic failing" value=imp(|i| i.traffic_lost) format=pct/>
                <Readout metric="traffic-touched" label="Traffic of tenants hit" value=imp(|i| i.traffic_touched) format=pct/>
                <Readout metric="tenants-full" label="Tenants lost (count)" value=imp(|i| f64::from(i.tenants_full)) format=whole/>
                <Readout metric="tenants-partial" label="Tenants degraded (count)" value=imp(|i| f64::from(i.tenants_partial)) format=whole/>
            </div>
        </section>
    }
}

/// A bad deploy: waves, bake time, detection and rollback; the minute shown
/// and its playback; traffic failing minute by minute; the incident's totals.
#[component]
fn DeployPanel(
    state: RwSignal<CellsState>,
    timeline: Memo<Shared<Option<Timeline>>>,
    clock: DeployClock,
) -> impl IntoView {
    let theme = expect_context::<Theme>();
    let set = setter(state);
    let whole = Callback::new(|v: f64| count(v.round()));
    let DeployClock {
        playing,
        speed,
        last_minute,
    } = clock;
    // A step goes from one event to the next: a whole wave, the detection,
    // the rollback's end.
    let step = move |forward: bool| {
        let to = timeline.with_untracked(|t| {
            t.as_ref()
                .as_ref()
                .map(|t| rollout::step(t, state.with_untracked(|s| s.minute), forward))
        });
        if let Some(m) = to {
            state.update(|s| s.minute = m);
        }
    };
    view! {
            <div class="controls two-col">
                <Slider attr:data-control="wave" id="cells-wave" label="Units per wave (after a canary of one)" min=1.0 max=f64::from(MAX_WORKERS) scale=Scale::Log
                    value=Signal::derive(move || f64::from(state.with(|s| s.wave)))
                    on_change=set(|s, v| s.wave = v.round() as u32) format=whole/>
                <Slider attr:data-control="bake" id="cells-bake" label="Bake time between waves" min=1.0 max=240.0
                    value=Signal::derive(move || f64::from(state.with(|s| s.bake)))
                    on_change=set(|s, v| s.bake = v as u32) format=Callback::new(|v: f64| format!("{v:.0} min"))/>
                <Slider attr:data-control="detect" id="cells-detect" label="Detected after" min=0.0 max=480.0
                    value=Signal::derive(move || f64::from(state.with(|s| s.detect)))
                    on_change=set(|s, v| s.detect = v as u32) format=Callback::new(|v: f64| format!("{v:.0} min"))/>
                <Slider attr:data-control="rollback" id="cells-rollback" label="Rollback takes" min=0.0 max=240.0
                    value=Signal::derive(move || f64::from(state.with(|s| s.rollback)))
                    on_change=set(|s, v| s.rollback = v as u32) format=Callback::new(|v: f64| format!("{v:.0} min"))/>
            </div>
            <div class="timeline-controls" role="group" aria-label="Deploy timeline" data-control="minute">
                <button type="button" id="cells-back" data-shortcut="back" title="The previous wave, the detection or the end (↑)" on:click=move |_| {
                    playing.set(false);
                    step(false);
                }>"◀ Previous event"</button>
                <button type="button" id="cells-play" data-shortcut="play" on:click=move |_| playing.update(|p| *p = !*p)>
                    {move || if playing.get() { "Pause" } else { "Play" }}
                </button>
                <button type="button" id="cells-step" data-shortcut="forward" title="The next wave, the detection or the end (↓)" on:click=move |_| {
                    playing.set(false);
                    step(true);
                }>"Next event ▶"</button>
                <label for="cells-speed">"Speed"</label>
                <select id="cells-speed" on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<u32>() {
                        speed.set(v);
                    }
                }>
                    <option value="1" selected>"10 min/s"</option>
                    <option value="3">"30 min/s"</option>
                </select>
            </div>
            <div class="scrub" data-control="minute">
                <label for="cells-minute">"Minute"</label>
                <input type="range" id="cells-minute" min="0" step="1"
                    max=move || last_minute.get().to_string()
                    prop:value=move || state.with(|s| s.minute).to_string()
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<u32>() {
                            playing.set(false);
                            state.update(|s| s.minute = v);
                        }
                    }/>
                <output for="cells-minute" data-metric="minute" data-value=move || state.with(|s| s.minute).to_string()>
                    {move || format!("{} of {}", state.with(|s| s.minute), last_minute.get())}
                </output>
            </div>
            <LineChart id="cells-deploy-chart" title="Traffic failing during the deploy" data=Signal::derive(move || timeline.with(|t| t.as_ref().as_ref().map(|t| rollout::chart(t, state.with(|s| s.minute), theme.dark.get())).unwrap_or_default()))
                label=Signal::derive(move || "Share of traffic failing, minute by minute, over the deploy, with each wave, the detection and the end of the rollback marked".to_owned())/>
            <div class="readouts">
                <Readout metric="tenant-minutes" label="Tenant-minutes of impact" value=Signal::derive(move || timeline.with(|t| t.as_ref().as_ref().map(|t| t.tenant_minutes))) format=Callback::new(|v: f64| count(v.round()))/>
                <Readout metric="detected-at" label="Detected at minute" value=Signal::derive(move || timeline.with(|t| t.as_ref().as_ref().map(|t| f64::from(t.detected_at)))) format=whole/>
                <Readout metric="halted-after" label="Waves that went out" value=Signal::derive(move || timeline.with(|t| t.as_ref().as_ref().map(|t| f64::from(t.halted_after_wave) + 1.0))) format=whole/>
                <Readout metric="healthy-at" label="All healthy at minute" value=Signal::derive(move || timeline.with(|t| t.as_ref().as_ref().map(|t| f64::from(t.healthy_at)))) format=whole/>
            </div>
    }
}
