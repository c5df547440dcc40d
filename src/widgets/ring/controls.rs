//! The ring's controls: nodes and virtual nodes first; the key count, the
//! replication factor, the chosen key, bounded loads' ε and the seed behind
//! "More" until a scene needs one; the selected node's weight and removal
//! when a node is picked. Each group is a `data-control` block, so slides and
//! scene embeds show only the ones their scene names.

use super::state::{
    RingState, MAX_EPSILON, MAX_KEYS, MAX_NODES, MAX_RF, MAX_VNODES, MAX_WEIGHT, MIN_EPSILON,
    MIN_WEIGHT,
};
use crate::decimal::fixed;
use crate::ui::readout::count;
use crate::ui::seed_field::SeedField;
use crate::ui::slider::{Scale, Slider};
use leptos::prelude::*;

/// Controls behind "More" unless a scene names one.
const TUCKED: [&str; 6] = ["keys", "rf", "key", "eps", "seed", "node-list"];

/// The controls.
#[component]
pub fn RingControls(
    /// The widget state.
    state: RwSignal<RingState>,
    /// The controls the scene on screen offers.
    #[prop(into)]
    scene_controls: Signal<&'static [&'static str]>,
) -> impl IntoView {
    let more = RwSignal::new(false);
    let open = Memo::new(move |_| {
        more.get() || scene_controls.with(|c| c.iter().any(|n| TUCKED.contains(n)))
    });
    let set =
        move |f: fn(&mut RingState, f64)| Callback::new(move |v: f64| state.update(|s| f(s, v)));
    let num = Callback::new(count);
    let selected = Memo::new(move |_| state.with(|s| s.node));
    let active_ids = Memo::new(move |_| state.with(RingState::active_ids));
    view! {
        <div class="controls ring-controls">
            <div class="control-group" data-control="nodes">
                <Slider id="ring-nodes" label="Nodes" min=1.0 max=f64::from(MAX_NODES)
                    value=Signal::derive(move || f64::from(state.with(|s| s.nodes)))
                    on_change=set(|s, v| s.set_nodes(v as u32)) format=num/>
                <button type="button" id="ring-add" on:click=move |_| state.update(RingState::add_node)
                    disabled=Signal::derive(move || state.with(|s| s.nodes >= MAX_NODES))>"Add a node"</button>
            </div>
            <div class="control-group" data-control="vnodes">
                <Slider id="ring-vnodes" label="Virtual nodes per node" min=1.0 max=f64::from(MAX_VNODES) scale=Scale::Log
                    value=Signal::derive(move || f64::from(state.with(|s| s.vnodes)))
                    on_change=set(|s, v| s.vnodes = (v.round() as u32).clamp(1, MAX_VNODES)) format=num
                    hint="Spots on the circle each node takes."/>
            </div>
            {move || selected.get().map(|id| view! {
                <div class="control-group selected-node" data-control="node" data-node=id>
                    <Slider id="ring-weight" label=format!("Weight of N{id}") min=MIN_WEIGHT max=MAX_WEIGHT step=0.25
                        value=Signal::derive(move || state.with(|s| s.weight(id)))
                        on_change=Callback::new(move |v| state.update(|s| s.set_weight(id, v)))
                        format=Callback::new(|v: f64| format!("{}×", fixed(v, 2)))
                        hint="Capacity: the node gets weight × virtual nodes."/>
                    <button type="button" id="ring-remove" on:click=move |_| state.update(|s| { s.remove_node(id); })
                        disabled=Signal::derive(move || state.with(|s| s.active_ids().len() <= 1))>{format!("Remove N{id}")}</button>
                </div>
            })}
            <button type="button" class="more-toggle" id="ring-more-toggle" aria-controls="ring-more"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| more.update(|m| *m = !*m)>
                {move || if open.get() { "Fewer controls" } else { "More controls" }}
            </button>
            <div class="more-body" id="ring-more" class:open=open>
                <div class="control-group" data-control="keys">
                    <Slider id="ring-keys" label="Keys" min=1.0 max=f64::from(MAX_KEYS) scale=Scale::Log
                        value=Signal::derive(move || f64::from(state.with(|s| s.keys)))
                        on_change=set(|s, v| {
                            s.keys = (v.round() as u32).clamp(1, MAX_KEYS);
                            s.key = s.key.min(s.keys - 1);
                        }) format=num/>
                </div>
                <div class="control-group" data-control="rf">
                    <Slider id="ring-rf" label="Replication factor" min=1.0 max=f64::from(MAX_RF)
                        value=Signal::derive(move || f64::from(state.with(|s| s.rf)))
                        on_change=set(|s, v| s.rf = v as u32) format=num
                        hint="Replicas of the chosen key: the next distinct nodes clockwise."/>
                </div>
                <div class="control-group" data-control="key">
                    <Slider id="ring-key" label="Chosen key" min=0.0 max=f64::from(MAX_KEYS - 1)
                        value=Signal::derive(move || f64::from(state.with(|s| s.key)))
                        on_change=set(|s, v| s.key = (v as u32).min(s.keys - 1))
                        format=Callback::new(|v: f64| format!("key-{}", v as u64))/>
                </div>
                <div class="control-group" data-control="eps">
                    <Slider id="ring-eps" label="Bounded-loads slack ε" min=MIN_EPSILON max=MAX_EPSILON step=0.05
                        value=Signal::derive(move || state.with(|s| s.epsilon))
                        on_change=set(|s, v| s.epsilon = v.clamp(MIN_EPSILON, MAX_EPSILON))
                        format=Callback::new(|v: f64| fixed(v, 2))
                        hint="Bounded loads cap each node at (1 + ε) times the mean."/>
                </div>
                <div class="control-group" data-control="seed">
                    <SeedField id="ring" seed=Signal::derive(move || state.with(|s| s.seed)) button="New seed"
                        on_change=Callback::new(move |v: u64| state.update(|s| s.seed = v))/>
                </div>
                <div class="field control-group" data-control="node-list">
                    <label for="ring-node">"Selected node"</label>
                    <select id="ring-node"
                        prop:value=move || selected.get().map_or_else(|| "none".to_owned(), |id| id.to_string())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            state.update(|s| s.node = v.parse::<u32>().ok().filter(|id| s.is_active(*id)));
                        }>
                        // Options carry the selection they were built with; prop:value
                        // on the select follows later changes.
                        {move || {
                            let sel = selected.get_untracked();
                            let none = view! { <option value="none" selected=sel.is_none()>"none"</option> };
                            let ids = active_ids.get().into_iter().map(|id| view! {
                                <option value=id.to_string() selected=sel == Some(id)>{format!("N{id}")}</option>
                            }).collect_view();
                            (none, ids)
                        }}
                    </select>
                </div>
            </div>
        </div>
    }
}
