//! The consistent-hashing widget: a ring of nodes and virtual nodes, keys placed
//! on it, what moves when the topology changes, and how other placement schemes
//! would have fared on the same keys.
//!
//! [`state`] holds every control ([`link`] its URL form), [`model`] computes every
//! figure and [`memos`] chains them to the state; [`layout`], [`paint`] and
//! [`markup`] draw the ring and [`figure`] puts it on the page; [`body`] lays out the
//! page with [`moves`], [`controls`], [`load`] and [`compare`]; [`scenes`] is
//! the tour, its captions computed from the model.

pub mod article;
pub mod body;
pub mod compare;
pub mod controls;
pub mod figure;
pub mod layout;
pub mod link;
pub mod load;
pub mod markup;
pub mod memos;
pub mod model;
pub mod moves;
pub mod paint;
pub mod preview;
pub mod scenes;
pub mod state;

use crate::embed::query::{Query, Reader};
use crate::kit::preset::Preset;
use crate::kit::scene::{Layout, Scene};
use crate::kit::{Entry, Stage, Widget};
use leptos::prelude::*;
use scenes::RingFacts;
use state::{Change, RingState};

/// Named starting points.
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

/// The catalogue entry.
pub const ENTRY: Entry = Entry {
    slug: "ring",
    title: "Consistent hashing ring",
    blurb:
        "Spread data over servers so that adding or removing one server moves only a little of it.",
    article: true,
};

/// The main figure and controls.
const LAYOUT: Layout = Layout {
    figures: &["ring", "moves"],
    controls: &["nodes", "vnodes"],
};

/// The widget.
pub struct RingWidget;

impl Widget for RingWidget {
    type State = RingState;
    type Facts = RingFacts;
    const ENTRY: &'static Entry = &ENTRY;
    const PARAMS: &'static [&'static str] = &state::PARAMS;
    const LEDE: &'static str = "Nodes take positions on a circle of hash values; each key belongs to the first node clockwise from its own hash. Change the cluster and watch how few keys move.";
    const EXPLAIN: &'static str = EXPLAIN;
    const LAYOUT: Layout = LAYOUT;
    const PRESETS: &'static [Preset<RingState>] = PRESETS;
    const SCENES: &'static [Scene<RingFacts>] = scenes::SCENES;
    const ARTICLE: &'static [crate::kit::article::Passage<RingFacts>] = article::ARTICLE;
    fn read(r: &mut Reader<'_>) -> RingState {
        RingState::from_query(r)
    }
    fn write(s: &RingState, q: &mut Query) {
        s.to_query(q);
    }
    // Keys × nodes bounds rendezvous hashing, the dearest of the five schemes
    // the caption compares; positions bound the two rings it builds.
    fn facts_live(s: &RingState) -> bool {
        u64::from(s.keys) * u64::from(s.nodes) <= 200_000
            && u64::from(s.nodes) * u64::from(s.vnodes) <= 20_000
    }
    fn facts(s: &RingState) -> RingFacts {
        scenes::facts(s)
    }
    fn preview(s: &RingState) -> String {
        preview::preview(s)
    }
    fn body(stage: Stage<RingState>) -> AnyView {
        body::body(stage)
    }
}

#[cfg(test)]
mod widget_tests {
    #[test]
    fn scenes_presets_and_parameters() {
        crate::widgets::check::<super::RingWidget>();
    }
}
