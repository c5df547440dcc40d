//! The ring's page body: the ring first, beside it what moved and the controls
//! that matter, then the load per node and the other placement schemes.
//! A scene's `mark` picks what stands out: `moved` (the moved keys and the
//! nodes that joined), `busiest` (the busiest node), `replicas` (the chosen
//! key's list), `bounded` (the bounded-loads row).

use super::compare::ComparePanel;
use super::controls::RingControls;
use super::figure::{RingFigure, RingLegend};
use super::load::LoadPanel;
use super::memos::Figures;
use super::model::DRAWN_KEYS;
use super::moves::MovesPanel;
use super::paint::Emphasis;
use super::state::RingState;
use crate::decimal::fixed;
use crate::kit::later::Later;
use crate::kit::Stage;
use crate::ui::readout::count;
use crate::ui::theme::Theme;
use leptos::prelude::*;
use sim::topology::NodeId;

/// The figures and controls.
pub fn body(stage: Stage<RingState>) -> AnyView {
    let theme = expect_context::<Theme>();
    let state = stage.state;
    let mark = stage.mark;
    let hover: RwSignal<Option<NodeId>> = RwSignal::new(None);
    let f = Figures::of(state);

    // A memo, so the per-node bindings wake only when the highlighted node
    // changes, not on every control change.
    let selected = Memo::new(move |_| state.with(|s| s.node));
    let pointed = Memo::new(move |_| hover.get().or_else(|| selected.get()));
    let marks = move |word: &str| mark.with(|m| m.split(' ').any(|w| w == word));
    let busiest = Memo::new(move |_| {
        f.load.with(|r| {
            r.nodes
                .iter()
                .max_by_key(|n| (n.keys, std::cmp::Reverse(n.id)))
                .map(|n| n.id)
        })
    });
    // The bar to emphasise: the node pointed at, else the busiest when the
    // scene names it.
    let bar = Signal::derive(move || {
        pointed
            .get()
            .or_else(|| marks("busiest").then(|| busiest.get()).flatten())
    });
    let emphasis = Memo::new(move |_| {
        if let Some(id) = pointed.get() {
            return Emphasis {
                nodes: vec![id],
                fade_keys: false,
            };
        }
        if marks("moved") && f.ring_view.with(|v| v.has_moves()) {
            let joined = f.moves_state.with(|s| {
                let before = s.topology_before();
                s.active_ids()
                    .into_iter()
                    .filter(|id| before.index_of(*id).is_none())
                    .collect()
            });
            return Emphasis {
                nodes: joined,
                fade_keys: true,
            };
        }
        if marks("replicas") {
            return Emphasis {
                nodes: Vec::new(),
                fade_keys: true,
            };
        }
        if marks("busiest") {
            return Emphasis {
                nodes: busiest.get().into_iter().collect(),
                fade_keys: false,
            };
        }
        Emphasis::default()
    });

    let label = Signal::derive(move || {
        let r = f.load.get();
        format!(
            "Hash ring with {} nodes and {} positions; {} keys. Busiest node holds {} times the mean.",
            r.nodes.len(),
            r.points,
            state.with(|s| s.keys),
            fixed(r.stats.max_over_mean, 2)
        )
    });
    let animation_key = Signal::derive(move || state.with(|s| s.change_label()));
    let note = move || {
        let v = f.ring_view.get();
        let r = f.load.get();
        let k = state.with(|s| s.keys as usize);
        let mut parts = vec![format!("{} ring positions", count(r.points as f64))];
        if !v.ticks_drawn {
            parts.push("too many to draw as ticks".into());
        }
        if k > DRAWN_KEYS {
            parts.push(format!(
                "dots show the first {DRAWN_KEYS} of {} keys; every figure uses all of them",
                count(k as f64)
            ));
        }
        parts.join(" · ")
    };
    view! {
        <div class="ring-body" class:marking=move || !mark.get().is_empty()>
            <div class="ring-stage">
                <div class="ring-main">
                <figure class="diagram ring-diagram" data-figure="ring">
                    <RingFigure
                        view=f.ring_view
                        emphasis=emphasis
                        ringed=pointed
                        dark=theme.dark
                        on_select=Callback::new(move |id| state.update(|s| s.node = if s.node == Some(id) { None } else { Some(id) }))
                        on_hover=Callback::new(move |id| hover.set(id))
                        animation_key=animation_key
                        label=label
                    />
                    <figcaption>{note}</figcaption>
                </figure>
                <RingLegend view=f.ring_view/>
                </div>
                // The first frame shows the ring; what moved and the controls
                // follow as soon as the browser is idle.
                <div class="ring-side">
                    <Later>
                        <MovesPanel figures=f/>
                        <RingControls state=state scene_controls=stage.controls/>
                    </Later>
                </div>
            </div>
            // Below the first screen: built once the browser is idle, unless
            // the scene shows them.
            <Later now=Signal::derive(move || marks("busiest"))>
                <LoadPanel figures=f bar=bar dark=theme.dark/>
            </Later>
            <Later now=Signal::derive(move || marks("bounded"))>
                <ComparePanel figures=f marked=Signal::derive(move || marks("bounded")) dark=theme.dark/>
            </Later>
        </div>
    }
    .into_any()
}
