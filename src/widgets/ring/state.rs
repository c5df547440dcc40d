//! Every control of the ring widget as one plain value, and its URL form.
//!
//! The widget keeps a single [`RingState`] in a signal; the actions below are the
//! only ways the controls change it, so they are tested here without a browser.

use crate::embed::query::{fmt_float, shorten, Query, Reader};
use sim::topology::{Node, NodeId, Topology};

/// Most physical nodes.
pub const MAX_NODES: u32 = 100;
/// Most virtual nodes per unit of weight.
pub const MAX_VNODES: u32 = 1_000;
/// Most keys.
pub const MAX_KEYS: u32 = 100_000;
/// Largest replication factor.
pub const MAX_RF: u32 = 7;
/// Weight range: a node's share of virtual nodes is `vnodes × weight`.
pub const MIN_WEIGHT: f64 = 0.25;
/// See [`MIN_WEIGHT`].
pub const MAX_WEIGHT: f64 = 4.0;
/// Bounded-loads slack ε range.
pub const MIN_EPSILON: f64 = 0.05;
/// See [`MIN_EPSILON`].
pub const MAX_EPSILON: f64 = 2.0;

/// The last topology change, which the "what moved" panel compares against.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// Nothing to compare: before equals after.
    None,
    /// The node count was this many before (ids `0..n`).
    Nodes(u32),
    /// This node was removed.
    Removed(NodeId),
    /// This node had this weight before.
    Weight(NodeId, f64),
}

/// The whole state of the ring widget; each field is one control or selection.
#[derive(Clone, Debug, PartialEq)]
pub struct RingState {
    /// Node slots: ids `0..nodes`, less those in `down`.
    pub nodes: u32,
    /// Virtual nodes per unit of weight.
    pub vnodes: u32,
    /// Keys placed on the ring (`key-0 … key-(keys−1)`).
    pub keys: u32,
    /// Replication factor of the preference list shown for [`RingState::key`].
    pub rf: u32,
    /// Seed of every hash position.
    pub seed: u64,
    /// Removed node ids, sorted, each below `nodes`; at least one node stays.
    pub down: Vec<NodeId>,
    /// Weights that differ from 1, sorted by id, each id below `nodes`.
    pub weights: Vec<(NodeId, f64)>,
    /// The change the "what moved" panel explains.
    pub change: Change,
    /// Bounded-loads slack: capacity is ⌈(1+ε)·keys/nodes⌉.
    pub epsilon: f64,
    /// The key whose preference list is drawn.
    pub key: u32,
    /// The node picked in the diagram or the list, if any.
    pub node: Option<NodeId>,
}

impl Default for RingState {
    fn default() -> Self {
        RingState {
            nodes: 5,
            vnodes: 8,
            keys: 2_000,
            rf: 3,
            seed: 1,
            down: Vec::new(),
            weights: Vec::new(),
            // Open on the story the widget tells: what moved when the fifth node joined.
            change: Change::Nodes(4),
            epsilon: 0.25,
            key: 0,
            node: None,
        }
    }
}

/// The URL parameter names, in the order they are written.
pub const PARAMS: [&str; 11] = [
    "nodes", "vnodes", "keys", "rf", "seed", "down", "weights", "change", "eps", "key", "node",
];

impl RingState {
    /// The weight of node `id` (1 unless set).
    pub fn weight(&self, id: NodeId) -> f64 {
        self.weights
            .iter()
            .find(|(i, _)| *i == id)
            .map_or(1.0, |(_, w)| *w)
    }

    /// Whether node `id` exists and is not removed.
    pub fn is_active(&self, id: NodeId) -> bool {
        id < self.nodes && !self.down.contains(&id)
    }

    /// Ids of the active nodes, ascending.
    pub fn active_ids(&self) -> Vec<NodeId> {
        (0..self.nodes)
            .filter(|id| !self.down.contains(id))
            .collect()
    }

    /// The topology the diagram shows.
    pub fn topology_after(&self) -> Topology {
        self.topology_of(self.active_ids(), None)
    }

    /// The topology before [`RingState::change`].
    pub fn topology_before(&self) -> Topology {
        match self.change {
            Change::None => self.topology_after(),
            Change::Nodes(from) => {
                let ids = (0..from).filter(|id| !self.down.contains(id)).collect();
                self.topology_of(ids, None)
            }
            Change::Removed(id) => {
                let mut ids = self.active_ids();
                ids.push(id);
                self.topology_of(ids, None)
            }
            Change::Weight(id, w) => self.topology_of(self.active_ids(), Some((id, w))),
        }
    }

    fn topology_of(&self, ids: Vec<NodeId>, override_weight: Option<(NodeId, f64)>) -> Topology {
        Topology::new(
            ids.into_iter()
                .map(|id| Node {
                    id,
                    weight: match override_weight {
                        Some((o, w)) if o == id => w,
                        _ => self.weight(id),
                    },
                })
                .collect(),
        )
    }

    /// A short sentence naming the change, for the "what moved" panel.
    pub fn change_label(&self) -> String {
        match self.change {
            Change::None => "no change yet".into(),
            Change::Nodes(from) if from < self.nodes => {
                if self.nodes - from == 1 {
                    format!("node N{from} joined")
                } else {
                    format!("nodes grew from {from} to {}", self.nodes)
                }
            }
            Change::Nodes(from) if from > self.nodes => {
                if from - self.nodes == 1 {
                    format!("node N{} left", self.nodes)
                } else {
                    format!("nodes shrank from {from} to {}", self.nodes)
                }
            }
            Change::Nodes(_) => "no change yet".into(),
            Change::Removed(id) => format!("node N{id} was removed"),
            Change::Weight(id, w) => {
                format!(
                    "node N{id}'s weight went from {} to {}",
                    fmt_float(w),
                    fmt_float(self.weight(id))
                )
            }
        }
    }

    /// The fields the strategy comparison depends on; the rest (chosen key,
    /// replication factor, selected node) reset, so changing them does not rerun it.
    pub fn comparison_inputs(&self) -> RingState {
        RingState {
            rf: 1,
            key: 0,
            node: None,
            ..self.clone()
        }
    }

    /// Sets the node count, recording the change.
    pub fn set_nodes(&mut self, n: u32) {
        let n = n.clamp(1, MAX_NODES);
        if n == self.nodes {
            return;
        }
        self.change = Change::Nodes(self.nodes);
        self.nodes = n;
        self.down.retain(|&id| id < n);
        self.weights.retain(|&(id, _)| id < n);
        // Never leave the ring empty: bring back the lowest removed node.
        if self.active_ids().is_empty() && !self.down.is_empty() {
            self.down.remove(0);
        }
        if self.node.is_some_and(|id| !self.is_active(id)) {
            self.node = None;
        }
    }

    /// Adds one node at the next free id.
    pub fn add_node(&mut self) {
        self.set_nodes(self.nodes.saturating_add(1));
    }

    /// Removes node `id` unless it is the last one; returns whether it did.
    pub fn remove_node(&mut self, id: NodeId) -> bool {
        if !self.is_active(id) || self.active_ids().len() <= 1 {
            return false;
        }
        self.down.push(id);
        self.down.sort_unstable();
        self.change = Change::Removed(id);
        if self.node == Some(id) {
            self.node = None;
        }
        true
    }

    /// Sets node `id`'s weight (clamped), recording the change.
    pub fn set_weight(&mut self, id: NodeId, w: f64) {
        if !self.is_active(id) || !w.is_finite() {
            return;
        }
        let w = w.clamp(MIN_WEIGHT, MAX_WEIGHT);
        let old = self.weight(id);
        if old == w {
            return;
        }
        self.change = Change::Weight(id, old);
        self.weights.retain(|&(i, _)| i != id);
        if w != 1.0 {
            self.weights.push((id, w));
            sim::sort::stable_by_key(&mut self.weights, weight_id);
        }
    }

    /// Writes every field (defaults too, so a link means the same thing forever).
    pub fn to_query(&self, q: &mut Query) {
        q.push("nodes", self.nodes.to_string());
        q.push("vnodes", self.vnodes.to_string());
        q.push("keys", self.keys.to_string());
        q.push("rf", self.rf.to_string());
        q.push("seed", self.seed.to_string());
        q.push("down", join(self.down.iter().map(|d| d.to_string())));
        q.push(
            "weights",
            join(
                self.weights
                    .iter()
                    .map(|(id, w)| format!("{id}:{}", fmt_float(*w))),
            ),
        );
        q.push(
            "change",
            match self.change {
                Change::None => "none".to_owned(),
                Change::Nodes(n) => format!("nodes:{n}"),
                Change::Removed(id) => format!("removed:{id}"),
                Change::Weight(id, w) => format!("weight:{id}:{}", fmt_float(w)),
            },
        );
        q.push("eps", fmt_float(self.epsilon));
        q.push("key", self.key.to_string());
        q.push(
            "node",
            self.node
                .map_or_else(|| "none".to_owned(), |n| n.to_string()),
        );
    }

    /// Reads the state from a query: every value checked, a notice for each fix.
    pub fn from_query(r: &mut Reader<'_>) -> RingState {
        let d = RingState::default();
        let nodes = r.int("nodes", d.nodes.into(), 1, MAX_NODES.into()) as u32;
        let vnodes = r.int("vnodes", d.vnodes.into(), 1, MAX_VNODES.into()) as u32;
        let keys = r.int("keys", d.keys.into(), 1, MAX_KEYS.into()) as u32;
        let rf = r.int("rf", d.rf.into(), 1, MAX_RF.into()) as u32;
        let seed = r.u64("seed", d.seed);
        let epsilon = r.float("eps", d.epsilon, MIN_EPSILON, MAX_EPSILON);
        let key = r.int("key", 0, 0, i64::from(keys) - 1) as u32;

        let mut down = Vec::new();
        if let Some(raw) = r.raw("down") {
            for part in raw
                .split(',')
                .filter(|p| !p.trim().is_empty())
                .take(MAX_NODES as usize)
            {
                match part.trim().parse::<u32>() {
                    Ok(id) if id < nodes => down.push(id),
                    _ => r.notice(
                        "down",
                        format!(
                            "'{}' is not a node id below {nodes}; ignored",
                            shorten(part)
                        ),
                    ),
                }
            }
        }
        down.sort_unstable();
        down.dedup();
        if down.len() as u32 >= nodes {
            r.notice(
                "down",
                "every node was removed; the ring needs one, so none was removed",
            );
            down.clear();
        }

        let mut weights: Vec<(NodeId, f64)> = Vec::new();
        if let Some(raw) = r.raw("weights") {
            for part in raw
                .split(',')
                .filter(|p| !p.trim().is_empty())
                .take(MAX_NODES as usize)
            {
                let parsed = part.split_once(':').and_then(|(i, w)| {
                    Some((
                        i.trim().parse::<u32>().ok()?,
                        crate::decimal::parse(w.trim())?,
                    ))
                });
                match parsed {
                    Some((id, w)) if id < nodes && w.is_finite() => {
                        let c = w.clamp(MIN_WEIGHT, MAX_WEIGHT);
                        if c != w {
                            r.notice(
                                "weights",
                                format!(
                                    "N{id}'s weight {} is outside {}–{}; used {}",
                                    fmt_float(w),
                                    fmt_float(MIN_WEIGHT),
                                    fmt_float(MAX_WEIGHT),
                                    fmt_float(c)
                                ),
                            );
                        }
                        weights.retain(|&(i, _)| i != id);
                        if c != 1.0 {
                            weights.push((id, c));
                        }
                    }
                    _ => r.notice(
                        "weights",
                        format!(
                            "'{}' is not id:weight with an id below {nodes}; ignored",
                            shorten(part)
                        ),
                    ),
                }
            }
        }
        sim::sort::stable_by_key(&mut weights, weight_id);

        let mut s = RingState {
            nodes,
            vnodes,
            keys,
            rf,
            seed,
            down,
            weights,
            change: Change::None,
            epsilon,
            key,
            node: None,
        };

        if let Some(raw) = r.raw("change") {
            let parts: Vec<&str> = raw.trim().split(':').collect();
            let change = match parts.as_slice() {
                ["none"] => Some(Change::None),
                ["nodes", n] => n
                    .parse::<u32>()
                    .ok()
                    .filter(|n| {
                        (1..=MAX_NODES).contains(n) && (0..*n).any(|id| !s.down.contains(&id))
                    })
                    .map(Change::Nodes),
                ["removed", id] => id
                    .parse::<u32>()
                    .ok()
                    .filter(|id| s.down.contains(id))
                    .map(Change::Removed),
                ["weight", id, w] => match (id.parse::<u32>(), crate::decimal::parse(w)) {
                    (Ok(id), Some(w)) if s.is_active(id) && w.is_finite() => {
                        Some(Change::Weight(id, w.clamp(MIN_WEIGHT, MAX_WEIGHT)))
                    }
                    _ => None,
                },
                _ => None,
            };
            match change {
                Some(c) => s.change = c,
                None => r.notice(
                    "change",
                    format!(
                        "'{}' is not a change this ring can show (none, nodes:N, removed:ID or weight:ID:W); used none",
                        shorten(raw)
                    ),
                ),
            }
        } else {
            s.change = d.change.clone();
            if let Change::Nodes(from) = s.change {
                if from >= s.nodes {
                    s.change = Change::None;
                }
            }
        }

        if let Some(raw) = r.raw("node") {
            match raw.trim() {
                "none" | "" => {}
                t => match t.parse::<u32>() {
                    Ok(id) if s.is_active(id) => s.node = Some(id),
                    _ => r.notice(
                        "node",
                        format!(
                            "'{}' is not an active node id; no node selected",
                            shorten(raw)
                        ),
                    ),
                },
            }
        }
        s
    }
}

/// The sort key of a weight entry.
fn weight_id(w: &(NodeId, f64)) -> u64 {
    u64::from(w.0)
}

fn join(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn round_trip(s: &RingState) -> (RingState, usize) {
        let mut q = Query::default();
        s.to_query(&mut q);
        let parsed = Query::parse(&q.to_query_string());
        let mut r = Reader::new(&parsed);
        let back = RingState::from_query(&mut r);
        (back, r.finish().len())
    }

    #[test]
    fn default_round_trips_without_notices() {
        let s = RingState::default();
        assert_eq!(round_trip(&s), (s, 0));
    }

    #[test]
    fn empty_query_gives_the_default() {
        let q = Query::parse("");
        let mut r = Reader::new(&q);
        assert_eq!(RingState::from_query(&mut r), RingState::default());
        assert!(r.finish().is_empty());
    }

    #[test]
    fn actions_record_changes_and_round_trip() {
        let mut s = RingState::default();
        s.add_node();
        assert_eq!(s.nodes, 6);
        assert_eq!(s.change, Change::Nodes(5));
        assert!(s.remove_node(2));
        assert_eq!(s.change, Change::Removed(2));
        assert_eq!(s.topology_before().len(), 6);
        assert_eq!(s.topology_after().len(), 5);
        s.set_weight(3, 2.0);
        assert_eq!(s.change, Change::Weight(3, 1.0));
        assert_eq!(s.weight(3), 2.0);
        let before = s.topology_before();
        assert_eq!(before.nodes[before.index_of(3).unwrap_or(0)].weight, 1.0);
        s.node = Some(4);
        assert_eq!(round_trip(&s), (s.clone(), 0));
    }

    #[test]
    fn the_last_node_cannot_be_removed() {
        let mut s = RingState {
            nodes: 2,
            ..RingState::default()
        };
        assert!(s.remove_node(0));
        assert!(!s.remove_node(1));
        assert_eq!(s.active_ids(), vec![1]);
        // Shrinking to one slot brings node 0 back rather than leaving nothing.
        s.set_nodes(1);
        assert_eq!(s.active_ids(), vec![0]);
    }

    #[test]
    fn bad_values_are_fixed_with_notices() {
        let q = Query::parse(
            "nodes=500&vnodes=abc&keys=0&down=1,99,x&weights=0:9,1:zz&change=removed:4&node=177&zzz=1",
        );
        let mut r = Reader::new(&q);
        let s = RingState::from_query(&mut r);
        let notices = r.finish();
        assert_eq!(s.nodes, MAX_NODES);
        assert_eq!(s.vnodes, RingState::default().vnodes);
        assert_eq!(s.keys, 1);
        assert_eq!(s.down, vec![1, 99]);
        assert_eq!(s.weights, vec![(0, MAX_WEIGHT)]);
        assert_eq!(s.change, Change::None);
        assert_eq!(s.node, None);
        let params: Vec<&str> = notices.iter().map(|n| n.param.as_str()).collect();
        for p in [
            "nodes", "vnodes", "keys", "down", "weights", "change", "node", "zzz",
        ] {
            assert!(params.contains(&p), "no notice for {p}: {params:?}");
        }
    }

    #[test]
    fn removing_every_node_by_link_is_refused() {
        let q = Query::parse("nodes=2&down=0,1");
        let mut r = Reader::new(&q);
        let s = RingState::from_query(&mut r);
        assert_eq!(s.active_ids(), vec![0, 1]);
        assert_eq!(r.finish().len(), 1);
    }

    fn arb_state() -> impl Strategy<Value = RingState> {
        (
            1u32..=MAX_NODES,
            1u32..=MAX_VNODES,
            1u32..=MAX_KEYS,
            1u32..=MAX_RF,
            any::<u64>(),
            0.05f64..2.0,
        )
            .prop_flat_map(|(nodes, vnodes, keys, rf, seed, eps)| {
                (
                    Just((nodes, vnodes, keys, rf, seed, eps)),
                    proptest::collection::vec(0..nodes, 0..4),
                    proptest::collection::vec((0..nodes, 0.25f64..4.0), 0..4),
                    0..keys,
                )
            })
            .prop_map(
                |((nodes, vnodes, keys, rf, seed, eps), removals, weights, key)| {
                    let mut s = RingState {
                        nodes,
                        vnodes,
                        keys,
                        rf,
                        seed,
                        epsilon: eps,
                        key,
                        ..RingState::default()
                    };
                    s.change = Change::None;
                    for (id, w) in weights {
                        s.set_weight(id, w);
                    }
                    for id in removals {
                        s.remove_node(id);
                    }
                    s
                },
            )
    }

    proptest! {
        #[test]
        fn any_reachable_state_round_trips(s in arb_state()) {
            let (back, notices) = round_trip(&s);
            prop_assert_eq!(notices, 0);
            prop_assert_eq!(back, s);
        }

        #[test]
        fn arbitrary_links_never_panic_and_stay_in_range(q in "[a-z=&:,0-9.%-]{0,200}") {
            let parsed = Query::parse(&q);
            let mut r = Reader::new(&parsed);
            let s = RingState::from_query(&mut r);
            let _ = r.finish();
            prop_assert!((1..=MAX_NODES).contains(&s.nodes));
            prop_assert!(!s.active_ids().is_empty());
            prop_assert!(s.key < s.keys);
            prop_assert!(!s.topology_before().is_empty());
        }
    }
}
