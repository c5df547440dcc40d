//! Every control of the ring widget as one plain value; its URL form is in
//! [`super::link`].
//!
//! The widget keeps a single [`RingState`] in a signal; the actions below are the
//! only ways the controls change it, so they are tested here without a browser.

use crate::embed::query::fmt_float;
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
}

/// The sort key of a weight entry.
pub(super) fn weight_id(w: &(NodeId, f64)) -> u64 {
    u64::from(w.0)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
