//! The cell blast radius widget: tenants on one deployment, on cells or on
//! shuffle shards; fail a part, poison a tenant or roll out a bad deploy, and
//! count who is hurt and what the isolation costs.
//!
//! [`state`] holds every control (and its URL form), [`model`] computes every
//! figure; this file wires them to signals and lays out the page.

pub mod grid;
pub mod model;
pub mod state;

use crate::embed::query::{Query, Reader};
use crate::kit::preset::Preset;
use crate::kit::scene::{Layout, Line, Scene};
use crate::kit::settle::settle;
use crate::kit::Shared;
use crate::kit::{Entry, Stage, Widget};
use crate::ui::line_chart::LineChart;
use crate::ui::readout::{count, percent, Readout};
use crate::ui::seed_field::SeedField;
use crate::ui::slider::{Scale, Slider};
use crate::ui::theme::Theme;
use crate::widgets::cells::grid::{CellsGrid, GridData};
use leptos::prelude::*;
use state::{
    ArchKind, CellsState, Fault, SkewKind, Strategy, MAX_CELLS, MAX_SHARD, MAX_TENANTS, MAX_WORKERS,
};
use std::sync::Arc;

/// How long the controls must be still before the trade-off curve (a dozen
/// placements of the whole population) is recomputed, ms.
const CURVE_SETTLE_MS: u32 = 250;

/// Populations larger than this wait for still controls before a guarded
/// shuffle placement: keeping every pair of tenants' shards apart costs about a
/// million set insertions at 100,000 tenants, longer than a frame.
const LARGE_GUARDED: u32 = 10_000;
/// How long the controls must be still before such a placement runs, ms.
const PLACE_SETTLE_MS: u32 = 150;

/// Tenants sorted for the grid before falling back to the whole population.
const HEAVIEST: usize = 20_000;

/// Presets; each ends by keeping dependent fields in range, as every control does.
const PRESETS: &[Preset<CellsState>] = &[
    Preset {
        label: "One deployment",
        apply: |s| {
            s.arch = ArchKind::Shared;
            s.fault = Fault::Units;
            s.failed = vec![0];
            s.fix();
        },
    },
    Preset {
        label: "10 cells",
        apply: |s| {
            s.arch = ArchKind::Cells;
            s.cells = 10;
            s.strategy = Strategy::Hash;
            s.fault = Fault::Units;
            s.failed = vec![3];
            s.fix();
        },
    },
    Preset {
        label: "100 cells",
        apply: |s| {
            s.arch = ArchKind::Cells;
            s.cells = 100;
            s.strategy = Strategy::Hash;
            s.tenants = s.tenants.max(10_000);
            s.fault = Fault::Units;
            s.failed = vec![3];
            s.fix();
        },
    },
    Preset {
        label: "The largest tenant in its own cell",
        apply: |s| {
            s.arch = ArchKind::Cells;
            s.cells = 10;
            s.strategy = Strategy::Dedicated;
            s.dedicated = 1;
            s.skew = SkewKind::Zipf;
            s.skew_param = 1.2;
            s.fault = Fault::Units;
            s.failed = vec![0];
            s.fix();
        },
    },
    Preset {
        label: "8 workers, shards of 2",
        apply: |s| {
            s.arch = ArchKind::Shuffle;
            s.workers = 8;
            s.shard = 2;
            s.max_overlap = None;
            s.fault = Fault::Poison;
            s.poison = 0;
            s.fix();
        },
    },
    Preset {
        label: "100 workers, shards of 5",
        apply: |s| {
            s.arch = ArchKind::Shuffle;
            s.workers = 100;
            s.shard = 5;
            s.max_overlap = None;
            s.tenants = s.tenants.max(10_000);
            s.fault = Fault::Poison;
            s.poison = 0;
            s.fix();
        },
    },
    Preset {
        label: "A bad deploy in waves",
        apply: |s| {
            s.arch = ArchKind::Cells;
            s.cells = 20;
            s.strategy = Strategy::Hash;
            s.fault = Fault::Deploy;
            s.wave = 3;
            s.bake = 30;
            s.detect = 75;
            s.rollback = 20;
            s.minute = 0;
            s.fix();
        },
    },
];

/// The figures and controls.
pub fn body(stage: Stage<CellsState>) -> AnyView {
    let theme = expect_context::<Theme>();
    let state = stage.state;
    let update = move |f: &dyn Fn(&mut CellsState)| {
        state.update(|s| {
            f(s);
            s.fix();
        })
    };

    let pop_inputs =
        Memo::new(move |_| state.with(|s| (s.tenants, s.skew, s.skew_param.to_bits(), s.seed)));
    let pop = Memo::new(move |_| {
        let _ = pop_inputs.get();
        Shared::new(state.with_untracked(model::population))
    });
    let arch_inputs = Memo::new(move |_| state.with(CellsState::placement_inputs));
    // The placement follows its controls at once, except a shuffle placement
    // with an overlap guarantee over a large population: that one follows once
    // the controls have been still, so a drag costs one placement at its end.
    let (arch_calc, placing) = settle(arch_inputs, PLACE_SETTLE_MS, move |a: &CellsState| {
        a.arch == ArchKind::Shuffle
            && a.max_overlap.is_some()
            && state.with_untracked(|s| s.tenants) > LARGE_GUARDED
    });
    let placement =
        Memo::new(move |_| arch_calc.with(|a| pop.with(|p| Shared::new(model::placement(a, p)))));
    // Heaviest first, the top few thousand, once per population: enough for
    // the grid to show each unit's heaviest tenants; the whole order only
    // when those do not fill every unit.
    let order = Memo::new(move |_| pop.with(|p| Shared::new(model::heaviest(p, HEAVIEST))));
    let dots = Memo::new(move |_| {
        placement.with(|pl| {
            pop.with(|p| {
                let (mut d, mut c, full) = order.with(|o| model::grid_dots(p, pl, o));
                if !full && p.len() > HEAVIEST {
                    (d, c, _) = model::grid_dots(p, pl, &model::heaviest(p, p.len()));
                }
                (Arc::new(d), Arc::new(c))
            })
        })
    });
    let deploy_inputs =
        Memo::new(move |_| state.with(|s| (s.fault, s.wave, s.bake, s.detect, s.rollback)));
    let timeline = Memo::new(move |_| {
        let _ = deploy_inputs.get();
        placement
            .with(|pl| pop.with(|p| Shared::new(state.with_untracked(|s| model::deploy(s, p, pl)))))
    });
    let fault_inputs =
        Memo::new(move |_| state.with(|s| (s.fault, s.failed.clone(), s.poison, s.minute)));
    let fault = Memo::new(move |_| {
        let _ = fault_inputs.get();
        placement.with(|pl| {
            pop.with(|p| {
                timeline.with(|tl| {
                    Shared::new(state.with_untracked(|s| model::fault_view(s, p, pl, tl.as_ref())))
                })
            })
        })
    });
    let cursor = RwSignal::new(None::<u32>);
    let grid = Memo::new(move |_| {
        let (d, c) = dots.get();
        let units = placement.with(|pl| pl.units);
        fault.with(|f| {
            let mut failed = vec![false; units as usize];
            for &u in &f.failed {
                if let Some(x) = failed.get_mut(u as usize) {
                    *x = true;
                }
            }
            GridData {
                units,
                failed: Arc::new(failed),
                dots: d,
                counts: c,
                status: Arc::new(f.impact.status.clone()),
                poison: f.poison,
                cursor: cursor.get(),
                dark: theme.dark.get(),
            }
        })
    });
    let overlap = Memo::new(move |_| {
        let _ = state.with(|s| (s.poison, s.arch));
        placement.with(|pl| state.with_untracked(|s| model::overlap(s, pl)))
    });

    // The trade-off curve follows the controls once they have been still.
    let curve_key = Memo::new(move |_| {
        state.with(|s| {
            (
                s.tenants,
                s.skew,
                s.skew_param.to_bits(),
                s.seed,
                s.strategy,
                s.dedicated,
                s.overhead.to_bits(),
                s.headroom.to_bits(),
            )
        })
    });
    let (curve_settled, curve_updating) = settle(curve_key, CURVE_SETTLE_MS, |_| true);
    let curve = Memo::new(move |_| {
        let _ = curve_settled.get();
        Shared::new(pop.with_untracked(|p| state.with_untracked(|s| model::cost_curve(s, p))))
    });
    let cells_now = Memo::new(move |_| state.with(|s| s.cells));
    let radius_chart = Memo::new(move |_| {
        curve.with(|c| model::radius_chart(c, cells_now.get(), theme.dark.get()))
    });
    let cost_chart =
        Memo::new(move |_| curve.with(|c| model::cost_chart(c, cells_now.get(), theme.dark.get())));

    // Deploy playback: a minute every tick while playing.
    // An embed may ask to start playing (the `play` option).
    let autoplay = use_context::<crate::embed::options::AutoPlay>()
        .unwrap_or_default()
        .0;
    let playing = RwSignal::new(autoplay && state.with_untracked(|s| s.fault == Fault::Deploy));
    let speed = RwSignal::new(1u32);
    let last_minute =
        Memo::new(move |_| timeline.with(|t| t.as_ref().as_ref().map_or(0, |t| t.minutes)));
    crate::talk::motion::use_clock(
        playing,
        || 100,
        move || {
            if state.with_untracked(|s| s.minute) >= last_minute.get_untracked() {
                state.update(|s| s.minute = 0);
            }
        },
        move || {
            let end = last_minute.get_untracked();
            let next = state.with_untracked(|s| s.minute) + speed.get_untracked();
            state.update(|s| s.minute = next.min(end));
            if next >= end {
                playing.set(false);
            }
        },
    );

    let set = move |f: fn(&mut CellsState, f64)| Callback::new(move |v: f64| update(&|s| f(s, v)));
    let whole = Callback::new(|v: f64| count(v.round()));
    let pct = Callback::new(percent);
    let imp = move |f: fn(&sim::cells::fault::Impact) -> f64| {
        Signal::derive(move || Some(fault.with(|x| f(&x.impact))))
    };
    let unit_name = move || {
        state.with(|s| {
            if s.arch == ArchKind::Shuffle {
                "worker"
            } else {
                "cell"
            }
        })
    };

    view! {
        <div class="cells-body">
            <div class="widget-grid">
                <figure class="diagram">
                    <CellsGrid data=grid
                        label=Signal::derive(move || fault.with(|f| format!(
                            "{} {}s; {} failed; {} of tenants hit, {} fully",
                            placement.with(|p| p.units), unit_name(), f.failed.len(), percent(f.impact.tenant_share), percent(f.impact.full_share)
                        )))
                        on_toggle=Callback::new(move |u| update(&|s| {
                            s.fault = Fault::Units;
                            s.toggle_failed(u);
                        }))
                        on_cursor=Callback::new(move |u| cursor.set(Some(u)))/>
                    <figcaption>{move || format!(
                        "Each box is a {}, labelled with its number and tenant count; dots are its heaviest tenants, sized by traffic. Grey: unharmed; orange circle: partly hit; vermillion square: lost entirely. Click a box, or focus the grid and use the arrow keys and Enter, to fail it.",
                        unit_name()
                    )}<span class="updating" id="cells-placing" aria-live="polite">{move || if placing.get() { " Updating…" } else { "" }}</span></figcaption>
                </figure>
                <div class="controls">
                    <div class="field">
                        <label for="cells-arch">"Architecture"</label>
                        <select id="cells-arch" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            update(&|s| s.arch = match v.as_str() {
                                "shared" => ArchKind::Shared,
                                "shuffle" => ArchKind::Shuffle,
                                _ => ArchKind::Cells,
                            });
                        }>
                            <option value="shared" selected=move || state.with(|s| s.arch == ArchKind::Shared)>"One shared deployment"</option>
                            <option value="cells" selected=move || state.with(|s| s.arch == ArchKind::Cells)>"Cells"</option>
                            <option value="shuffle" selected=move || state.with(|s| s.arch == ArchKind::Shuffle)>"Shuffle sharding"</option>
                        </select>
                    </div>
                    <Show when=move || state.with(|s| s.arch == ArchKind::Cells)>
                        <Slider id="cells-n" label="Cells" min=1.0 max=f64::from(MAX_CELLS) scale=Scale::Log
                            value=Signal::derive(move || f64::from(state.with(|s| s.cells)))
                            on_change=set(|s, v| s.cells = (v.round() as u32).clamp(1, MAX_CELLS)) format=whole/>
                        <div class="field">
                            <label for="cells-assign">"Tenants go to cells by"</label>
                            <select id="cells-assign" on:change=move |ev| {
                                let v = event_target_value(&ev);
                                update(&|s| s.strategy = match v.as_str() {
                                    "dedicated" => Strategy::Dedicated,
                                    "random" => Strategy::Random,
                                    _ => Strategy::Hash,
                                });
                            }>
                                <option value="hash" selected=move || state.with(|s| s.strategy == Strategy::Hash)>"hash of tenant id"</option>
                                <option value="dedicated" selected=move || state.with(|s| s.strategy == Strategy::Dedicated)>"largest tenants alone, the rest by load"</option>
                                <option value="random" selected=move || state.with(|s| s.strategy == Strategy::Random)>"random per request (stateless)"</option>
                            </select>
                        </div>
                        <Show when=move || state.with(|s| s.strategy == Strategy::Dedicated)>
                            <Slider id="cells-big" label="Largest tenants in their own cell" min=1.0 max=f64::from(MAX_CELLS - 1) scale=Scale::Log
                                value=Signal::derive(move || f64::from(state.with(|s| s.dedicated)))
                                on_change=set(|s, v| s.dedicated = v.round() as u32) format=whole/>
                        </Show>
                    </Show>
                    <Show when=move || state.with(|s| s.arch == ArchKind::Shuffle)>
                        <Slider id="cells-workers" label="Workers n" min=2.0 max=f64::from(MAX_WORKERS) scale=Scale::Log
                            value=Signal::derive(move || f64::from(state.with(|s| s.workers)))
                            on_change=set(|s, v| s.workers = (v.round() as u32).clamp(2, MAX_WORKERS)) format=whole/>
                        <Slider id="cells-shard" label="Shard size k" min=1.0 max=f64::from(MAX_SHARD)
                            value=Signal::derive(move || f64::from(state.with(|s| s.shard)))
                            on_change=set(|s, v| s.shard = v as u32) format=whole/>
                        <div class="field">
                            <label for="cells-maxov">"No two tenants share more than"</label>
                            <select id="cells-maxov" on:change=move |ev| {
                                let v = event_target_value(&ev);
                                update(&|s| s.max_overlap = v.parse::<u32>().ok());
                            }>
                                <option value="none" selected=move || state.with(|s| s.max_overlap.is_none())>"(no guarantee)"</option>
                                {(0..MAX_SHARD).map(|m| view! {
                                    <option value=m.to_string() selected=move || state.with(|s| s.max_overlap == Some(m))
                                        disabled=move || state.with(|s| m >= s.shard)>{format!("{m} workers")}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    </Show>
                    <Slider id="cells-tenants" label="Tenants" min=1.0 max=f64::from(MAX_TENANTS) scale=Scale::Log
                        value=Signal::derive(move || f64::from(state.with(|s| s.tenants)))
                        on_change=set(|s, v| s.tenants = (v.round() as u32).clamp(1, MAX_TENANTS)) format=whole/>
                    <div class="field">
                        <label for="cells-skew">"Tenant sizes"</label>
                        <select id="cells-skew" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            update(&|s| {
                                s.skew = match v.as_str() {
                                    "equal" => SkewKind::Equal,
                                    "pareto" => SkewKind::Pareto,
                                    _ => SkewKind::Zipf,
                                };
                                s.skew_param = if s.skew == SkewKind::Pareto { 1.2 } else { 1.0 };
                            });
                        }>
                            <option value="equal" selected=move || state.with(|s| s.skew == SkewKind::Equal)>"all equal"</option>
                            <option value="zipf" selected=move || state.with(|s| s.skew == SkewKind::Zipf)>"Zipf (a few large)"</option>
                            <option value="pareto" selected=move || state.with(|s| s.skew == SkewKind::Pareto)>"Pareto (heavy tail)"</option>
                        </select>
                    </div>
                    <Show when=move || state.with(|s| s.skew != SkewKind::Equal)>
                        <Slider id="cells-sk" label="Skew" min=0.0 max=3.0 step=0.05
                            value=Signal::derive(move || state.with(|s| s.skew_param))
                            on_change=set(|s, v| s.skew_param = if s.skew == SkewKind::Pareto { v.clamp(0.5, 5.0) } else { v })
                            format=Callback::new(|v: f64| format!("{v:.2}"))
                            hint="Zipf exponent s (larger: the top tenants carry more), or Pareto tail index α (smaller: heavier tail)."/>
                    </Show>
                    <SeedField id="cells" seed=Signal::derive(move || state.with(|s| s.seed))
                        on_change=Callback::new(move |v: u64| update(&|s| s.seed = v))/>
                </div>
            </div>

            <section class="panel" aria-labelledby="cells-fault-h">
                <h2 id="cells-fault-h">"The fault"</h2>
                <div class="tabs" role="group" aria-label="Fault">
                    {[(Fault::Units, "Failed parts"), (Fault::Poison, "A poison tenant"), (Fault::Deploy, "A bad deploy")].into_iter().map(|(f, label)| view! {
                        <button type="button" class="tab" id=format!("cells-fault-{}", match f { Fault::Units => "units", Fault::Poison => "poison", Fault::Deploy => "deploy" })
                            aria-pressed=move || if state.with(|s| s.fault == f) { "true" } else { "false" }
                            on:click=move |_| update(&|s| s.fault = f)>{label}</button>
                    }).collect_view()}
                </div>
                <Show when=move || state.with(|s| s.fault == Fault::Units)>
                    <p class="note">{move || state.with(|s| if s.failed.is_empty() { "Nothing has failed: click a box in the grid.".to_owned() } else {
                        format!("Failed: {}.", s.failed.iter().map(u32::to_string).collect::<Vec<_>>().join(", "))
                    })}
                        " "<button type="button" id="cells-clear" on:click=move |_| update(&|s| s.failed.clear())>"Restore all"</button>
                    </p>
                </Show>
                <Show when=move || state.with(|s| s.fault == Fault::Poison)>
                    <div class="field">
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
                        <span class="note">"Its requests crash every " {unit_name} " they reach; the figures count the other tenants."</span>
                    </div>
                </Show>
                <Show when=move || state.with(|s| s.fault == Fault::Deploy)>
                    <div class="controls two-col">
                        <Slider id="cells-wave" label="Units per wave (after a canary of one)" min=1.0 max=f64::from(MAX_WORKERS) scale=Scale::Log
                            value=Signal::derive(move || f64::from(state.with(|s| s.wave)))
                            on_change=set(|s, v| s.wave = v.round() as u32) format=whole/>
                        <Slider id="cells-bake" label="Bake time between waves" min=1.0 max=240.0
                            value=Signal::derive(move || f64::from(state.with(|s| s.bake)))
                            on_change=set(|s, v| s.bake = v as u32) format=Callback::new(|v: f64| format!("{v:.0} min"))/>
                        <Slider id="cells-detect" label="Detected after" min=0.0 max=480.0
                            value=Signal::derive(move || f64::from(state.with(|s| s.detect)))
                            on_change=set(|s, v| s.detect = v as u32) format=Callback::new(|v: f64| format!("{v:.0} min"))/>
                        <Slider id="cells-rollback" label="Rollback takes" min=0.0 max=240.0
                            value=Signal::derive(move || f64::from(state.with(|s| s.rollback)))
                            on_change=set(|s, v| s.rollback = v as u32) format=Callback::new(|v: f64| format!("{v:.0} min"))/>
                    </div>
                    <div class="timeline-controls" role="group" aria-label="Deploy timeline">
                        <button type="button" id="cells-back" data-shortcut="back" on:click=move |_| {
                            playing.set(false);
                            state.update(|s| s.minute = s.minute.saturating_sub(1));
                        }>"◀ Minute"</button>
                        <button type="button" id="cells-play" data-shortcut="play" on:click=move |_| playing.update(|p| *p = !*p)>
                            {move || if playing.get() { "Pause" } else { "Play" }}
                        </button>
                        <button type="button" id="cells-step" data-shortcut="forward" on:click=move |_| {
                            playing.set(false);
                            let end = last_minute.get_untracked();
                            state.update(|s| s.minute = (s.minute + 1).min(end));
                        }>"Minute ▶"</button>
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
                    <div class="scrub">
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
                    <LineChart id="cells-deploy-chart" title="Traffic failing during the deploy" data=Signal::derive(move || timeline.with(|t| t.as_ref().as_ref().map(|t| model::deploy_chart(t, state.with(|s| s.minute), theme.dark.get())).unwrap_or_default()))
                        label=Signal::derive(move || "Share of traffic failing, minute by minute, over the deploy".to_owned())/>
                    <div class="readouts">
                        <Readout metric="tenant-minutes" label="Tenant-minutes of impact" value=Signal::derive(move || timeline.with(|t| t.as_ref().as_ref().map(|t| t.tenant_minutes))) format=Callback::new(|v: f64| count(v.round()))/>
                        <Readout metric="detected-at" label="Detected at minute" value=Signal::derive(move || timeline.with(|t| t.as_ref().as_ref().map(|t| f64::from(t.detected_at)))) format=whole/>
                        <Readout metric="halted-after" label="Waves that went out" value=Signal::derive(move || timeline.with(|t| t.as_ref().as_ref().map(|t| f64::from(t.halted_after_wave) + 1.0))) format=whole/>
                        <Readout metric="healthy-at" label="All healthy at minute" value=Signal::derive(move || timeline.with(|t| t.as_ref().as_ref().map(|t| f64::from(t.healthy_at)))) format=whole/>
                    </div>
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

            <Show when=move || state.with(|s| s.arch == ArchKind::Shuffle)>
                <section class="panel" aria-labelledby="cells-shuffle-h">
                    <h2 id="cells-shuffle-h">"How much shards overlap"</h2>
                    <p class="note">{move || overlap.with(|o| o.as_ref().map(|o| format!(
                        "Compared with tenant {}: how many of the other tenants share exactly j of its workers. Closed form (hypergeometric) beside this seeded population.", o.tenant
                    )).unwrap_or_default())}</p>
                    <div class="readouts">
                        <Readout metric="distinct-shards" label="Distinct shards C(n, k)" value=Signal::derive(move || overlap.with(|o| o.as_ref().map(|o| o.shards))) format=Callback::new(|v: f64| if v < 1e9 { count(v) } else { format!("{v:.3e}") })/>
                        <Readout metric="full-overlap-expected" label="Same shard, expected" value=Signal::derive(move || overlap.with(|o| o.as_ref().map(|o| o.full))) format=Callback::new(|v: f64| if v == 0.0 || v >= 0.001 { format!("{v:.3}") } else { format!("{v:.2e}") })
                            title="(tenants − 1) ÷ C(n, k)"/>
                        <Readout metric="full-overlap-measured" label="Same shard, in this population" value=Signal::derive(move || overlap.with(|o| o.as_ref().and_then(|o| o.measured.last().map(|&m| m as f64)))) format=whole/>
                    </div>
                    <div class="table-wrap">
                        <table class="overlap-table">
                            <thead><tr><th scope="col">"Workers shared, j"</th><th scope="col">"Probability (closed form)"</th><th scope="col">"Expected tenants"</th><th scope="col">"Tenants in this population"</th></tr></thead>
                            <tbody>{move || overlap.with(|o| o.as_ref().map(|o| {
                                let others = o.expected.iter().sum::<f64>().max(1e-12);
                                o.expected.iter().zip(&o.measured).enumerate().map(|(j, (&e, &m))| view! {
                                    <tr>
                                        <th scope="row">{j}</th>
                                        <td data-metric=format!("overlap-p-{j}") data-value=(e / others).to_string()>{format!("{:.4}", e / others)}</td>
                                        <td data-metric=format!("overlap-expected-{j}") data-value=e.to_string()>{format!("{e:.1}")}</td>
                                        <td data-metric=format!("overlap-measured-{j}") data-value=m.to_string()>{count(m as f64)}</td>
                                    </tr>
                                }).collect_view()
                            }))}</tbody>
                        </table>
                    </div>
                    <LineChart id="cells-overlap-chart" title="Tenants sharing j workers" data=Signal::derive(move || overlap.with(|o| o.as_ref().map(|o| model::overlap_chart(o, theme.dark.get())).unwrap_or_default()))
                        label=Signal::derive(move || "Share of other tenants sharing j workers: closed form and this population".to_owned())/>
                </section>
            </Show>

            <section class="panel" aria-labelledby="cells-cost-h">
                <h2 id="cells-cost-h">"What isolation costs"</h2>
                <p class="note">"Each cell is provisioned like the busiest one, with its own headroom and a fixed overhead. More cells shrink what one failure reaches and raise the bill."
                    <span class="updating" id="cells-curve-updating">{move || if curve_updating.get() { " Updating…" } else { "" }}</span></p>
                <div class="controls two-col">
                    <Slider id="cells-overhead" label="Fixed overhead per cell" min=0.0 max=0.2 step=0.005
                        value=Signal::derive(move || state.with(|s| s.overhead))
                        on_change=set(|s, v| s.overhead = v) format=pct
                        hint="As a share of the whole fleet's baseline capacity: control planes, minimum sizes, tooling."/>
                    <Slider id="cells-headroom" label="Headroom each cell keeps" min=0.0 max=1.0 step=0.05
                        value=Signal::derive(move || state.with(|s| s.headroom))
                        on_change=set(|s, v| s.headroom = v) format=pct/>
                </div>
                <div class="chart-pair">
                    <LineChart id="cells-radius-chart" title="Blast radius against cells" data=radius_chart label=Signal::derive(move || "Share of tenants and of traffic hit when one cell fails, against the number of cells".to_owned())/>
                    <LineChart id="cells-cost-chart" title="Cost against cells" data=cost_chart label=Signal::derive(move || "Cost relative to one shared deployment, against the number of cells".to_owned())/>
                </div>
            </section>
        </div>
    }
    .into_any()
}

/// The short explanations.
const EXPLAIN: &str = r#"<h2 id="cells-why-h">Why it works</h2>
<h3>Cells cap the blast radius</h3>
<p>A cell is a complete, independent copy of the service serving a fixed slice of the tenants. Whatever goes wrong inside one cell (a crash, a bad config, an overload) stays there, so with N cells one failure reaches about 1/N of the tenants instead of all of them.</p>
<h3>Big tenants bend the numbers</h3>
<p>When a few tenants carry most of the traffic, the share of tenants hit and the share of traffic hit part ways: a cell holding one giant tenant hurts few customers but much traffic. Giving the largest tenants cells of their own keeps them from sinking their neighbours, and keeps their neighbours from sinking them.</p>
<h3>Shuffle sharding: combinations, not slices</h3>
<p>Give each tenant a random handful of k workers out of n. A poison tenant can take down its own k workers, but another tenant loses everything only if its whole shard sits inside those k, which becomes vanishingly rare as the number of possible shards C(n, k) grows. Everyone else loses a worker or two and carries on with the rest.</p>
<h3>Deploy in waves</h3>
<p>Cells also give deploys a place to fail small: a canary cell first, then waves, with a bake time between them. The earlier a bad change is noticed, the fewer waves have gone out; tenant-minutes of impact add up the harm over the whole incident.</p>
<h3>The bill</h3>
<p>Every cell carries fixed overhead and must keep headroom for its own peak, and the busiest cell sets the size of all of them. More cells buy a smaller blast radius at a growing cost; the curve shows where more isolation stops being worth it.</p>"#;

/// The catalogue entry.
pub const ENTRY: Entry = Entry {
    slug: "cells",
    title: "Cell blast radius",
    blurb: "Split customers into cells or shuffle shards and measure what one failure reaches.",
};

/// The main figure and controls.
const LAYOUT: Layout = Layout {
    figures: &["main"],
    controls: &[],
};

/// The widget.
pub struct CellsWidget;

impl Widget for CellsWidget {
    type State = CellsState;
    type Facts = ();
    const ENTRY: &'static Entry = &ENTRY;
    const PARAMS: &'static [&'static str] = &state::PARAMS;
    const LEDE: &'static str = "Put every customer on one deployment and one failure reaches all of them. Split them into cells, or give each a random shard of workers, and the same failure reaches a few. Fail parts, poison a tenant or ship a bad deploy, and count who is hurt and what the isolation costs.";
    const EXPLAIN: &'static str = EXPLAIN;
    const LAYOUT: Layout = LAYOUT;
    const PRESETS: &'static [Preset<CellsState>] = PRESETS;
    const SCENES: &'static [Scene<()>] = SCENES;
    fn read(r: &mut Reader<'_>) -> CellsState {
        CellsState::from_query(r)
    }
    fn write(s: &CellsState, q: &mut Query) {
        s.to_query(q);
    }
    fn facts(_: &CellsState) {}
    fn body(stage: Stage<CellsState>) -> AnyView {
        body(stage)
    }
}

/// The tour.
const SCENES: &[Scene<()>] = &[
    Scene {
        name: "one-shared-deployment",
        title: "One shared deployment",
        query: "arch=shared&fault=units&failed=0&wave=1",
        layout: LAYOUT,
        mark: "",
        says: &[Line::Note("Every tenant on one deployment. When it fails, everyone is hit: the blast radius is the whole customer base.")],
    },
    Scene {
        name: "ten-cells",
        title: "Ten cells",
        query: "arch=cells&cells=10&assign=hash&fault=units&failed=3",
        layout: LAYOUT,
        mark: "",
        says: &[Line::Note("Split the fleet into ten independent cells and a failure stays inside one: about a tenth of the tenants, though not always a tenth of the traffic when tenant sizes are skewed.")],
    },
    Scene {
        name: "a-hundred-cells",
        title: "A hundred cells",
        query: "arch=cells&cells=100&assign=hash&fault=units&failed=3",
        layout: LAYOUT,
        mark: "",
        says: &[Line::Note("More cells, a smaller radius, but each cell carries its own fixed overhead and spare capacity. The cost chart shows what the isolation costs.")],
    },
    Scene {
        name: "the-largest-tenant-alone",
        title: "The largest tenant alone",
        query: "arch=cells&cells=10&assign=dedicated&big=1&fault=units&failed=0",
        layout: LAYOUT,
        mark: "",
        says: &[Line::Note("Give the biggest tenant a cell of its own and pack the rest by load. Its cell failing hurts one tenant but a large share of traffic.")],
    },
    Scene {
        name: "shuffle-sharding",
        title: "Shuffle sharding",
        query: "arch=shuffle&workers=8&shard=2&fault=poison&poison=0",
        layout: LAYOUT,
        mark: "",
        says: &[Line::Note("Eight workers, each tenant on a random pair of them: 28 possible pairs. A poison tenant crashes its two workers, but only tenants on that same pair lose everything; the rest lose half their capacity.")],
    },
    Scene {
        name: "a-large-fleet",
        title: "A large fleet",
        query: "arch=shuffle&workers=100&shard=5&tenants=10000&fault=poison&poison=0",
        layout: LAYOUT,
        mark: "",
        says: &[Line::Note("A hundred workers and shards of five give 75 million possible shards. A poison tenant now shares all five workers with almost nobody: the overlap table gives the exact odds beside the seeded population.")],
    },
    Scene {
        name: "a-bad-deploy-in-waves",
        title: "A bad deploy, in waves",
        query: "arch=cells&cells=20&fault=deploy&wave=2&bake=30&detect=45&rollback=20&minute=0",
        layout: LAYOUT,
        mark: "",
        says: &[Line::Note("A change goes to one canary cell, then to waves of two, baking half an hour between waves. Play the timeline: the harm stops spreading once the problem is noticed and rolled back.")],
    },
];

#[cfg(test)]
mod widget_tests {
    #[test]
    fn scenes_presets_and_parameters() {
        crate::widgets::check::<super::CellsWidget>();
    }
}
