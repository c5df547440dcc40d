//! The architecture and population controls beside the grid: one shared
//! deployment, cells (how many) or shuffle sharding (workers, shard size, the
//! tenant picked on the grid) first; how tenants go to cells, an overlap
//! guarantee, the tenants, their sizes and the seed behind "More" until a
//! scene names one. Each group is a `data-control` block, so slides and scene
//! embeds show only the ones their scene names.

use super::state::{
    ArchKind, CellsState, SkewKind, Strategy, MAX_CELLS, MAX_SHARD, MAX_TENANTS, MAX_WORKERS,
};
use super::update::{setter, updater};
use crate::kit::Shared;
use crate::ui::readout::count;
use crate::ui::seed_field::SeedField;
use crate::ui::slider::{Scale, Slider};
use leptos::prelude::*;
use sim::cells::population::Population;

/// Controls behind "More" unless a scene names one.
const TUCKED: [&str; 7] = ["assign", "big", "maxov", "tenants", "skew", "sk", "seed"];

/// The controls beside the grid.
#[component]
pub fn ArchControls(
    /// The widget state.
    state: RwSignal<CellsState>,
    /// The tenants (for picking the largest).
    pop: Memo<Shared<Population>>,
    /// The controls the scene on screen offers.
    #[prop(into)]
    scene_controls: Signal<&'static [&'static str]>,
) -> impl IntoView {
    let update = updater(state);
    let set = setter(state);
    let whole = Callback::new(|v: f64| count(v.round()));
    let more = RwSignal::new(false);
    let open = Memo::new(move |_| {
        more.get() || scene_controls.with(|c| c.iter().any(|n| TUCKED.contains(n)))
    });
    view! {
        <div class="controls cells-controls">
            <div class="field" data-control="arch">
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
                <Slider attr:data-control="cells" id="cells-n" label="Cells" min=1.0 max=f64::from(MAX_CELLS) scale=Scale::Log
                    value=Signal::derive(move || f64::from(state.with(|s| s.cells)))
                    on_change=set(|s, v| s.cells = (v.round() as u32).clamp(1, MAX_CELLS)) format=whole/>
            </Show>
            <Show when=move || state.with(|s| s.arch == ArchKind::Shuffle)>
                <Slider attr:data-control="workers" id="cells-workers" label="Workers n" min=2.0 max=f64::from(MAX_WORKERS) scale=Scale::Log
                    value=Signal::derive(move || f64::from(state.with(|s| s.workers)))
                    on_change=set(|s, v| s.workers = (v.round() as u32).clamp(2, MAX_WORKERS)) format=whole/>
                <Slider attr:data-control="shard" id="cells-shard" label="Shard size k" min=1.0 max=f64::from(MAX_SHARD)
                    value=Signal::derive(move || f64::from(state.with(|s| s.shard)))
                    on_change=set(|s, v| s.shard = v as u32) format=whole/>
                <PickControl state=state pop=pop/>
            </Show>
            <button type="button" class="more-toggle" id="cells-more-toggle" aria-controls="cells-more"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| more.update(|m| *m = !*m)>
                {move || if open.get() { "Fewer controls" } else { "More controls" }}
            </button>
            <div class="more-body" id="cells-more" class:open=open>
            <Show when=move || state.with(|s| s.arch == ArchKind::Cells)>
                <div class="field" data-control="assign">
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
                    <Slider attr:data-control="big" id="cells-big" label="Largest tenants in their own cell" min=1.0 max=f64::from(MAX_CELLS - 1) scale=Scale::Log
                        value=Signal::derive(move || f64::from(state.with(|s| s.dedicated)))
                        on_change=set(|s, v| s.dedicated = v.round() as u32) format=whole/>
                </Show>
            </Show>
            <Show when=move || state.with(|s| s.arch == ArchKind::Shuffle)>
                <div class="field" data-control="maxov">
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
            <Slider attr:data-control="tenants" id="cells-tenants" label="Tenants" min=1.0 max=f64::from(MAX_TENANTS) scale=Scale::Log
                value=Signal::derive(move || f64::from(state.with(|s| s.tenants)))
                on_change=set(|s, v| s.tenants = (v.round() as u32).clamp(1, MAX_TENANTS)) format=whole/>
            <div class="field" data-control="skew">
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
                <Slider attr:data-control="sk" id="cells-sk" label="Skew" min=0.0 max=3.0 step=0.05
                    value=Signal::derive(move || state.with(|s| s.skew_param))
                    on_change=set(|s, v| s.skew_param = if s.skew == SkewKind::Pareto { v.clamp(0.5, 5.0) } else { v })
                    format=Callback::new(|v: f64| format!("{v:.2}"))
                    hint="Zipf exponent s (larger: the top tenants carry more), or Pareto tail index α (smaller: heavier tail)."/>
            </Show>
            <SeedField attr:data-control="seed" id="cells" seed=Signal::derive(move || state.with(|s| s.seed))
                on_change=Callback::new(move |v: u64| update(&|s| s.seed = v))/>
            </div>
        </div>
    }
}

/// Picks the tenant whose shard the grid outlines: by number, the largest,
/// or none (then the poison tenant, when the fault is one).
#[component]
fn PickControl(state: RwSignal<CellsState>, pop: Memo<Shared<Population>>) -> impl IntoView {
    let update = updater(state);
    view! {
        <div class="field control-group cells-pick" data-control="pick">
            <label for="cells-pick">"Show the shard of tenant"</label>
            <div class="cells-pick-row">
                <input id="cells-pick" type="number" min="0" step="1" inputmode="numeric"
                    max=move || state.with(|s| s.tenants.saturating_sub(1).to_string())
                    placeholder="none"
                    prop:value=move || state.with(|s| s.pick.map_or_else(String::new, |p| p.to_string()))
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let v = v.trim().to_owned();
                        update(&|s| s.pick = v.parse::<u32>().ok().map(|p| p.min(s.tenants.saturating_sub(1))));
                    }/>
                <button type="button" id="cells-pick-big" on:click=move |_| {
                    let big = pop.with_untracked(|p| p.largest(1).first().copied());
                    update(&|s| s.pick = big);
                }>"The largest"</button>
                <button type="button" id="cells-pick-none" on:click=move |_| update(&|s| s.pick = None)
                    disabled=move || state.with(|s| s.pick.is_none())>"None"</button>
            </div>
        </div>
    }
}
