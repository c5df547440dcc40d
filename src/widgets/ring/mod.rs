//! The consistent-hashing widget: a ring of nodes and virtual nodes, keys placed
//! on it, what moves when the topology changes, and how other placement schemes
//! would have fared on the same keys.
//!
//! [`state`] holds every control (and its URL form), [`model`] computes every
//! figure; this file wires them to signals and lays out the page.

pub mod figure;
pub mod model;
pub mod scenes;
pub mod state;

use crate::decimal::{fixed, shortest};
use crate::draw::palette::node_colour;
use crate::embed::query::{Query, Reader};
use crate::kit::preset::Preset;
use crate::kit::scene::{Layout, Scene};
use crate::kit::settle::settle;
use crate::kit::Shared;
use crate::kit::{Entry, Stage, Widget};
use crate::ui::chart::{BarChart, BarChartData};
use crate::ui::readout::{count, percent, ratio, Readout};
use crate::ui::seed_field::SeedField;
use crate::ui::slider::{Scale, Slider};
use crate::ui::theme::Theme;
use crate::widgets::ring::figure::{RingFigure, RingView};
use leptos::prelude::*;
use model::DRAWN_KEYS;
use sim::hash_ring::Ring;
use sim::keys::Keys;
use sim::topology::NodeId;
use state::{
    Change, RingState, MAX_EPSILON, MAX_KEYS, MAX_NODES, MAX_RF, MAX_VNODES, MAX_WEIGHT,
    MIN_EPSILON, MIN_WEIGHT,
};
use std::sync::Arc;

/// How long the controls must be still before the strategy comparison reruns.
/// It places every key five times over; doing that on every slider step of a
/// drag would drop frames at the largest sizes.
const COMPARE_DELAY_MS: u32 = 250;

/// How long the controls must be still before the "what moved" figures follow.
const MOVES_DELAY_MS: u32 = 120;

const PRESETS: &[Preset<RingState>] = &[
    Preset {
        label: "One spot per node",
        apply: |s| {
            *s = RingState {
                nodes: 5,
                vnodes: 1,
                keys: 2_000,
                down: vec![],
                weights: vec![],
                change: Change::Nodes(4),
                node: None,
                ..s.clone()
            };
        },
    },
    Preset {
        label: "Virtual nodes even it out",
        apply: |s| {
            *s = RingState {
                nodes: 5,
                vnodes: 100,
                keys: 2_000,
                down: vec![],
                weights: vec![],
                change: Change::Nodes(4),
                node: None,
                ..s.clone()
            };
        },
    },
    Preset {
        label: "A node twice as big",
        apply: |s| {
            *s = RingState {
                nodes: 5,
                vnodes: 50,
                keys: 5_000,
                down: vec![],
                weights: vec![(0, 2.0)],
                change: Change::Weight(0, 1.0),
                node: Some(0),
                ..s.clone()
            };
        },
    },
    Preset {
        label: "A node fails",
        apply: |s| {
            *s = RingState {
                nodes: 6,
                vnodes: 50,
                keys: 5_000,
                down: vec![2],
                weights: vec![],
                change: Change::Removed(2),
                node: None,
                ..s.clone()
            };
        },
    },
    Preset {
        label: "Big cluster",
        apply: |s| {
            *s = RingState {
                nodes: 100,
                vnodes: 100,
                keys: 100_000,
                down: vec![],
                weights: vec![],
                change: Change::Nodes(99),
                node: None,
                key: 0,
                ..s.clone()
            };
        },
    },
];

/// The short explanations beside the diagram. Static text is set as one block of
/// HTML: it never changes, and building it element by element would cost bundle size.
const EXPLAIN: &str = r#"<h2 id="why-h">Why it works</h2>
<h3>Why not hash mod N?</h3>
<p>With <code>hash mod N</code>, a key's node depends on N itself. Change N by one and almost every key lands somewhere new: going from 10 to 11 nodes keeps only one key in eleven where it was. For a cache that means a cold start; for a store, a mass migration.</p>
<h3>Why a ring?</h3>
<p>On the ring, a key only cares about the nearest node clockwise. A new node takes over the stretch just before it and nothing else changes, so about 1/(n+1) of the keys move: the least any scheme could move.</p>
<h3>Why virtual nodes?</h3>
<p>With one position per node the gaps between nodes are very uneven, and so is the load: some nodes get several times their share. Giving each node many positions averages the gaps out; the spread shrinks roughly like one over the square root of the positions per node. Weights give a bigger machine more positions.</p>
<h3>What do bounded loads buy?</h3>
<p>Even with virtual nodes, some node is the busiest. Consistent hashing with bounded loads caps every node at (1+ε) times the average: a key whose node is full walks on clockwise to the next node with room. The cap holds exactly, at the price of moving a few more keys when the cluster changes.</p>
<h3>Rendezvous and jump hashing</h3>
<p>Rendezvous hashing scores every node for every key and picks the best, so it needs no ring but costs n hashes per lookup. Jump hash needs no memory at all and balances almost perfectly, but its nodes are numbered, so it can only grow or shrink at the end.</p>"#;

/// The figures and controls.
pub fn body(stage: Stage<RingState>) -> AnyView {
    let theme = expect_context::<Theme>();
    let state = stage.state;
    let hover: RwSignal<Option<NodeId>> = RwSignal::new(None);
    let table_open = RwSignal::new(false);

    // URL write: every change, debounced inside write_query.

    // The derivation chain: each memo reruns only when what it reads changes.
    // Live: the ring as it is now and its load, recomputed on every input.
    let key_params = Memo::new(move |_| state.with(|s| (s.keys, s.seed)));
    // A change of the key count edits the previous keys instead of drawing anew.
    let keys = Memo::new(move |prev: Option<&Shared<Keys>>| {
        let (n, seed) = key_params.get();
        Shared::new(match prev {
            Some(k) => k.update(n as usize, seed),
            None => Keys::generate(n as usize, seed),
        })
    });
    let topo_after = Memo::new(move |_| state.with(|s| s.topology_after()));
    let ring_params = Memo::new(move |_| state.with(|s| (s.vnodes, s.seed)));
    // A node joining or leaving edits the previous ring instead of building anew.
    let ring_after = Memo::new(move |prev: Option<&Shared<Ring>>| {
        let (v, seed) = ring_params.get();
        topo_after.with(|t| {
            Shared::new(match prev {
                Some(r) => r.update(t, v, seed),
                None => Ring::build(t, v, seed),
            })
        })
    });
    // Owners in key-hash order: counts and before/after comparisons need no more.
    let assign_after = Memo::new(move |_| {
        let k = keys.get();
        ring_after.with(|r| Shared::new(r.assign_sorted(&k)))
    });
    let load = Memo::new(move |_| {
        let (k, ra, pa) = (keys.get(), ring_after.get(), assign_after.get());
        topo_after.with(|a| state.with_untracked(|s| model::load_report(s, &k, &ra, a, &pa)))
    });

    // Settled: what the last change moved. It needs a second placement (before the
    // change) and mod-N twice, so it follows the controls once they have been still
    // for a moment instead of on every step of a drag; when the ring has not
    // changed since, it reuses the live placement.
    let inputs = Memo::new(move |_| state.with(RingState::comparison_inputs));
    let (moves_state, moves_stale) = settle(inputs, MOVES_DELAY_MS, |_| true);
    // The settled memos track only the settled state: live values are read
    // untracked, so a drag does not recompute them; once the controls are still the
    // settled state equals the live one and the live placement is reused.
    let s_keys = Memo::new(move |_| {
        let kp = moves_state.with(|s| (s.keys, s.seed));
        if kp == key_params.get_untracked() {
            keys.get_untracked()
        } else {
            Shared::new(Keys::generate(kp.0 as usize, kp.1))
        }
    });
    let s_topo_after = Memo::new(move |_| moves_state.with(RingState::topology_after));
    let s_topo_before = Memo::new(move |_| moves_state.with(RingState::topology_before));
    let s_ring_after = Memo::new(move |_| {
        let rp = moves_state.with(|s| (s.vnodes, s.seed));
        let same = rp == ring_params.get_untracked()
            && s_topo_after.with(|s| topo_after.with_untracked(|t| s == t));
        if same {
            ring_after.get_untracked()
        } else {
            s_topo_after.with(|t| Shared::new(Ring::build(t, rp.0, rp.1)))
        }
    });
    let s_ring_before = Memo::new(move |_| {
        if s_topo_before.with(|b| s_topo_after.with(|a| a == b)) {
            return s_ring_after.get();
        }
        let rp = moves_state.with(|s| (s.vnodes, s.seed));
        s_topo_before.with(|t| Shared::new(Ring::build(t, rp.0, rp.1)))
    });
    let s_assign_after = Memo::new(move |_| {
        let (k, r) = (s_keys.get(), s_ring_after.get());
        if k == keys.get_untracked() && r == ring_after.get_untracked() {
            assign_after.get_untracked()
        } else {
            Shared::new(r.assign_sorted(&k))
        }
    });
    let s_assign_before = Memo::new(move |_| {
        if s_ring_before.get() == s_ring_after.get() {
            return s_assign_after.get();
        }
        let k = s_keys.get();
        s_ring_before.with(|r| Shared::new(r.assign_sorted(&k)))
    });
    let moves = Memo::new(move |_| {
        let (k, pb, pa) = (s_keys.get(), s_assign_before.get(), s_assign_after.get());
        let (b, a) = (s_topo_before.get(), s_topo_after.get());
        moves_state.with(|s| model::move_report(s, &k, &b, &a, &pb, &pa))
    });

    let draw_params = Memo::new(move |_| state.with(|s| (s.key, s.rf)));
    let ring_view = Memo::new(move |_| {
        let _ = draw_params.get();
        let (k, ra) = (keys.get(), ring_after.get());
        // Moved keys are marked only once the "what moved" figures match the ring drawn.
        let rb = if moves_stale.get() {
            ra.clone()
        } else {
            s_ring_before.get()
        };
        let input = state.with_untracked(|s| model::ring_input(s, &k, &ra, &rb));
        Arc::new(RingView::build(&input))
    });

    // The comparison follows the state once the controls have been still longer.
    let (settled, comparison_stale) = settle(inputs, COMPARE_DELAY_MS, |_| true);
    let comparison = Memo::new(move |_| settled.with(model::compare));

    // A memo, so the per-node highlight bindings wake only when the highlighted
    // node changes, not on every control change.
    let selected = Memo::new(move |_| state.with(|s| s.node));
    let highlight = Memo::new(move |_| hover.get().or_else(|| selected.get()));
    let active_ids = Memo::new(move |_| state.with(RingState::active_ids));
    let chart = Memo::new(move |_| {
        let r = load.get();
        let h = highlight.get();
        BarChartData {
            values: r.nodes.iter().map(|n| n.keys as f64).collect(),
            labels: r.nodes.iter().map(|n| format!("N{}", n.id)).collect(),
            colours: r.nodes.iter().map(|n| node_colour(n.id)).collect(),
            reference: Some(
                r.nodes.iter().map(|n| n.keys).sum::<usize>() as f64 / r.nodes.len().max(1) as f64,
            ),
            reference_label: "mean".into(),
            highlight: h.and_then(|id| r.nodes.iter().position(|n| n.id == id)),
            x_label: "node".into(),
            y_label: "keys".into(),
            dark: theme.dark.get(),
        }
    });

    let set =
        move |f: fn(&mut RingState, f64)| Callback::new(move |v: f64| state.update(|s| f(s, v)));
    let num = |v: f64| count(v);

    let svg_label = Signal::derive(move || {
        let r = load.get();
        format!(
            "Hash ring with {} nodes and {} positions; {} keys. Busiest node holds {} times the mean.",
            r.nodes.len(),
            r.points,
            state.with(|s| s.keys),
            fixed(r.stats.max_over_mean, 2)
        )
    });
    let animation_key = Signal::derive(move || state.with(|s| s.change_label()));

    view! {
        <div class="ring-body">
            <div class="widget-grid">
                <figure class="diagram">
                    <RingFigure
                        view=ring_view
                        highlight=highlight
                        dark=theme.dark
                        on_select=Callback::new(move |id| state.update(|s| s.node = if s.node == Some(id) { None } else { Some(id) }))
                        on_hover=Callback::new(move |id| hover.set(id))
                        animation_key=animation_key
                        label=svg_label
                    />
                    <figcaption>
                        {Signal::derive(move || {
                            let v = ring_view.get();
                            let r = load.get();
                            let k = state.with(|s| s.keys as usize);
                            let mut parts = vec![format!("{} ring positions", count(r.points as f64))];
                            if !v.ticks_drawn {
                                parts.push("too many to draw as ticks".into());
                            }
                            parts.push(if k > DRAWN_KEYS {
                                format!("dots show the first {} of {} keys; every figure uses all of them", DRAWN_KEYS, count(k as f64))
                            } else {
                                format!("{} keys", count(k as f64))
                            });
                            parts.push("ringed dots moved in the last change; R1, R2… mark the chosen key's replicas".into());
                            parts.join(" · ")
                        })}
                    </figcaption>
                </figure>
                <div class="controls">
                    <Slider id="ring-nodes" label="Nodes" min=1.0 max=f64::from(MAX_NODES)
                        value=Signal::derive(move || f64::from(state.with(|s| s.nodes)))
                        on_change=set(|s, v| s.set_nodes(v as u32)) format=Callback::new(num)/>
                    <Slider id="ring-vnodes" label="Virtual nodes per node" min=1.0 max=f64::from(MAX_VNODES) scale=Scale::Log
                        value=Signal::derive(move || f64::from(state.with(|s| s.vnodes)))
                        on_change=set(|s, v| s.vnodes = (v.round() as u32).clamp(1, MAX_VNODES)) format=Callback::new(num)/>
                    <Slider id="ring-keys" label="Keys" min=1.0 max=f64::from(MAX_KEYS) scale=Scale::Log
                        value=Signal::derive(move || f64::from(state.with(|s| s.keys)))
                        on_change=set(|s, v| {
                            s.keys = (v.round() as u32).clamp(1, MAX_KEYS);
                            s.key = s.key.min(s.keys - 1);
                        }) format=Callback::new(num)/>
                    <Slider id="ring-rf" label="Replication factor" min=1.0 max=f64::from(MAX_RF)
                        value=Signal::derive(move || f64::from(state.with(|s| s.rf)))
                        on_change=set(|s, v| s.rf = v as u32) format=Callback::new(num)
                        hint="Replicas of the chosen key: the next distinct nodes clockwise."/>
                    <Slider id="ring-key" label="Chosen key" min=0.0 max=f64::from(MAX_KEYS - 1)
                        value=Signal::derive(move || f64::from(state.with(|s| s.key)))
                        on_change=set(|s, v| s.key = (v as u32).min(s.keys - 1))
                        format=Callback::new(|v: f64| format!("key-{}", v as u64))/>
                    <Slider id="ring-eps" label="Bounded-loads slack ε" min=MIN_EPSILON max=MAX_EPSILON step=0.05
                        value=Signal::derive(move || state.with(|s| s.epsilon))
                        on_change=set(|s, v| s.epsilon = v.clamp(MIN_EPSILON, MAX_EPSILON))
                        format=Callback::new(|v: f64| fixed(v, 2))/>
                    <SeedField id="ring" seed=Signal::derive(move || state.with(|s| s.seed)) button="New seed"
                        on_change=Callback::new(move |v: u64| state.update(|s| s.seed = v))/>
                    <fieldset class="node-tools">
                        <legend>"Nodes"</legend>
                        <button type="button" id="ring-add" on:click=move |_| state.update(RingState::add_node)
                            disabled=Signal::derive(move || state.with(|s| s.nodes >= MAX_NODES))>"Add a node"</button>
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
                        {move || selected.get().map(|id| view! {
                            <div class="selected-node" data-node=id>
                                <Slider id="ring-weight" label=format!("Weight of N{id}") min=MIN_WEIGHT max=MAX_WEIGHT step=0.25
                                    value=Signal::derive(move || state.with(|s| s.weight(id)))
                                    on_change=Callback::new(move |v| state.update(|s| s.set_weight(id, v)))
                                    format=Callback::new(|v: f64| format!("{}×", fixed(v, 2)))
                                    hint="Capacity: the node gets weight × virtual nodes."/>
                                <button type="button" id="ring-remove" on:click=move |_| state.update(|s| { s.remove_node(id); })
                                    disabled=Signal::derive(move || state.with(|s| s.active_ids().len() <= 1))>{format!("Remove N{id}")}</button>
                            </div>
                        })}
                    </fieldset>
                </div>
            </div>

            <section class="panel" aria-labelledby="moved-h">
                <h2 id="moved-h">"What moved"</h2>
                <p class="change-label">{Signal::derive(move || {
                    let label = moves_state.with(RingState::change_label);
                    format!("Last change: {label}.")
                })}<span class="updating" id="moves-updating">{Signal::derive(move || if moves_stale.get() { " Updating…" } else { "" })}</span></p>
                <div class="readouts">
                    <Readout metric="moved-count" label="Keys moved" value=Signal::derive(move || Some(moves.get().moved.moved as f64)) format=Callback::new(num)/>
                    <Readout metric="moved-share" label="Share moved" value=Signal::derive(move || Some(moves.get().moved.share())) format=Callback::new(percent)/>
                    <Readout metric="ideal-moved-share" label="Least possible" value=Signal::derive(move || Some(moves.get().ideal)) format=Callback::new(percent)
                        title="The smallest share any scheme must move to give every node its fair share after the change."/>
                    <Readout metric="removed-share" label="Removed node held" value=Signal::derive(move || moves.get().removed_share) format=Callback::new(percent)/>
                    <Readout metric="modn-moved-share" label="hash mod N would move" value=Signal::derive(move || Some(moves.get().modn_moved.share())) format=Callback::new(percent)/>
                    <Readout metric="modn-expected-moved-share" label="mod N, closed form" value=Signal::derive(move || moves.get().modn_expected) format=Callback::new(percent)
                        title="1 − min(a,b)/lcm(a,b) for a change from a to b nodes."/>
                </div>
            </section>

            <section class="panel" aria-labelledby="load-h">
                <h2 id="load-h">"Load per node"</h2>
                <BarChart id="ring-load-chart" title="Keys per node" data=chart label=Signal::derive(move || {
                    let r = load.get();
                    format!("Keys per node: {}", r.nodes.iter().map(|n| format!("N{} {}", n.id, n.keys)).collect::<Vec<_>>().join(", "))
                })/>
                <div class="readouts">
                    <Readout metric="max-over-mean" label="Busiest ÷ fair share" value=Signal::derive(move || Some(load.get().stats.max_over_mean)) format=Callback::new(ratio)/>
                    <Readout metric="expected-max-over-mean" label="Expected (approx.)" value=Signal::derive(move || load.get().expected_max_over_mean) format=Callback::new(ratio)
                        title="1 + (std/mean)·√(2 ln n), a Gaussian approximation."/>
                    <Readout metric="std-over-mean" label="Std ÷ mean" value=Signal::derive(move || Some(load.get().stats.std_over_mean)) format=Callback::new(ratio)/>
                    <Readout metric="expected-std-over-mean" label="Expected (closed form)" value=Signal::derive(move || load.get().expected_std_over_mean) format=Callback::new(ratio)
                        title="√((n−1)/(nv+1) + (n−1)nv/(K(nv+1))): arc-length spread plus key sampling noise, for equal weights."/>
                </div>
                <details class="node-table" on:toggle=move |ev| {
                    use wasm_bindgen::JsCast;
                    let open = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()).is_some_and(|d| d.open());
                    table_open.set(open);
                }>
                    <summary>"Per-node figures"</summary>
                    <table>
                        <thead><tr><th scope="col">"Node"</th><th scope="col">"Weight"</th><th scope="col">"Positions"</th><th scope="col">"Hash space"</th><th scope="col">"Keys"</th><th scope="col">"Fair share"</th></tr></thead>
                        <tbody>
                            // Rows exist only while the table is open: a hundred rows
                            // rebuilt on every slider step would cost more than the ring.
                            // Hash-space shares are only needed here, so they are computed here.
                            {move || {
                                let (rows, arcs) = if table_open.get() {
                                    (load.get().nodes, ring_after.with(|r| topo_after.with(|t| r.arc_shares(t))))
                                } else {
                                    (Vec::new(), Vec::new())
                                };
                                rows.into_iter().zip(arcs).map(|(n, arc)| view! {
                                <tr data-node=n.id>
                                    <th scope="row"><span class="swatch" style=format!("background:{}", node_colour(n.id))></span>{format!("N{}", n.id)}</th>
                                    <td>{fixed(n.weight, 2)}</td>
                                    <td>{count(f64::from(n.vnodes))}</td>
                                    <td>{percent(arc)}</td>
                                    <td>{count(n.keys as f64)}" ("{percent(n.share)}")"</td>
                                    <td>{percent(n.fair)}</td>
                                </tr>
                            }).collect_view()
                            }}
                        </tbody>
                    </table>
                </details>
            </section>

            <section class="panel" aria-labelledby="compare-h">
                <h2 id="compare-h">"Other ways to place keys"</h2>
                <p>"The same keys and the same change, placed five ways."
                    <span class="updating" id="compare-updating" aria-live="polite">{Signal::derive(move || if comparison_stale.get() { " Updating…" } else { "" })}</span>
                </p>
                <table class="compare" class:stale=comparison_stale>
                    <thead><tr><th scope="col">"Scheme"</th><th scope="col">"Moved"</th><th scope="col">"Least possible"</th><th scope="col">"Busiest ÷ fair"</th><th scope="col">"Std ÷ mean"</th></tr></thead>
                    <tbody>
                        {move || {
                            let c = comparison.get();
                            c.rows.into_iter().map(|r| {
                                let slug = r.strategy.slug();
                                view! {
                                    <tr data-strategy=slug>
                                        <th scope="row">{r.strategy.label()}</th>
                                        <td data-metric=format!("compare-{slug}-moved-share") data-value=shortest(r.moved_share)>{percent(r.moved_share)}</td>
                                        <td>{percent(c.ideal)}</td>
                                        <td data-metric=format!("compare-{slug}-max-over-mean") data-value=shortest(r.max_over_mean)>{ratio(r.max_over_mean)}</td>
                                        <td data-metric=format!("compare-{slug}-std-over-mean") data-value=shortest(r.std_over_mean)>{ratio(r.std_over_mean)}</td>
                                    </tr>
                                }
                            }).collect_view()
                        }}
                    </tbody>
                </table>
                <p class="note">{Signal::derive(move || if comparison.get().jump_renumbers {
                    "Jump hash numbers its buckets 0…n−1, so removing a node from the middle renumbers every node after it; that is why it moves so much here."
                } else {
                    ""
                })}</p>
            </section>
        </div>
    }
    .into_any()
}

/// The catalogue entry.
pub const ENTRY: Entry = Entry {
    slug: "ring",
    title: "Consistent hashing ring",
    blurb: "Place keys on a ring of nodes, add or remove one, and count what has to move.",
};

/// The main figure and controls.
const LAYOUT: Layout = Layout {
    figures: &["main"],
    controls: &[],
};

/// The widget.
pub struct RingWidget;

impl Widget for RingWidget {
    type State = RingState;
    type Facts = scenes::RingFacts;
    const ENTRY: &'static Entry = &ENTRY;
    const PARAMS: &'static [&'static str] = &state::PARAMS;
    const LEDE: &'static str = "Nodes take positions on a circle of hash values; each key belongs to the first node clockwise from its own hash. Change the cluster and watch how few keys move.";
    const EXPLAIN: &'static str = EXPLAIN;
    const LAYOUT: Layout = LAYOUT;
    const PRESETS: &'static [Preset<RingState>] = PRESETS;
    const SCENES: &'static [Scene<scenes::RingFacts>] = scenes::SCENES;
    fn read(r: &mut Reader<'_>) -> RingState {
        RingState::from_query(r)
    }
    fn write(s: &RingState, q: &mut Query) {
        s.to_query(q);
    }
    fn facts(s: &RingState) -> scenes::RingFacts {
        scenes::facts(s)
    }
    fn body(stage: Stage<RingState>) -> AnyView {
        body(stage)
    }
}

#[cfg(test)]
mod widget_tests {
    #[test]
    fn scenes_presets_and_parameters() {
        crate::widgets::check::<super::RingWidget>();
    }
}
