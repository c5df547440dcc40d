//! The set of active nodes and their weights.

/// Identifier of a physical node (server).
pub type NodeId = u32;

/// One physical node: its id and its relative capacity.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Stable identifier; survives other nodes joining or leaving.
    pub id: NodeId,
    /// Relative capacity; a node of weight 2 should own twice the keys of a
    /// node of weight 1. Always finite and positive inside a [`Topology`].
    pub weight: f64,
}

/// The active nodes, sorted by id, ids unique, weights finite and positive.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Topology {
    /// The nodes in ascending id order.
    pub nodes: Vec<Node>,
}

impl Topology {
    /// `n` nodes with ids `0..n`, all of weight 1.
    pub fn uniform(n: u32) -> Topology {
        Topology {
            nodes: (0..n).map(|id| Node { id, weight: 1.0 }).collect(),
        }
    }

    /// Normalises `nodes`: sorts by id, keeps the first of duplicate ids and
    /// replaces a non-finite or non-positive weight by 1.
    pub fn new(mut nodes: Vec<Node>) -> Topology {
        // why: a stable sort keeps duplicates in input order, so dedup keeps
        // the first one the caller gave.
        crate::sort::stable_by_key(&mut nodes, |n| u64::from(n.id));
        nodes.dedup_by_key(|n| n.id);
        for node in &mut nodes {
            if !(node.weight.is_finite() && node.weight > 0.0) {
                node.weight = 1.0;
            }
        }
        Topology { nodes }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Sum of all weights (0 when empty).
    pub fn total_weight(&self) -> f64 {
        self.nodes.iter().map(|n| n.weight).sum()
    }

    /// Position of node `id` in [`Topology::nodes`], if present.
    pub fn index_of(&self, id: NodeId) -> Option<usize> {
        self.nodes.binary_search_by_key(&id, |n| n.id).ok()
    }

    /// The node ids in ascending order.
    pub fn ids(&self) -> Vec<NodeId> {
        self.nodes.iter().map(|n| n.id).collect()
    }

    /// Each node's fair share of keys, `weight / total_weight`, by node index.
    pub fn fair_shares(&self) -> Vec<f64> {
        let total = self.total_weight();
        if total <= 0.0 {
            return vec![0.0; self.len()];
        }
        self.nodes.iter().map(|n| n.weight / total).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uniform_topology() {
        let t = Topology::uniform(4);
        assert_eq!(t.ids(), vec![0, 1, 2, 3]);
        assert_eq!(t.len(), 4);
        assert_eq!(t.total_weight(), 4.0);
        assert_eq!(t.fair_shares(), vec![0.25; 4]);
        assert!(Topology::uniform(0).is_empty());
        assert!(Topology::default().fair_shares().is_empty());
    }

    #[test]
    fn new_normalises() {
        let t = Topology::new(vec![
            Node { id: 5, weight: 2.0 },
            Node {
                id: 1,
                weight: f64::NAN,
            },
            Node { id: 5, weight: 9.0 },
            Node {
                id: 3,
                weight: -1.0,
            },
            Node {
                id: 2,
                weight: f64::INFINITY,
            },
            Node { id: 4, weight: 0.0 },
        ]);
        assert_eq!(t.ids(), vec![1, 2, 3, 4, 5]);
        let weights: Vec<f64> = t.nodes.iter().map(|n| n.weight).collect();
        assert_eq!(weights, vec![1.0, 1.0, 1.0, 1.0, 2.0]);
        assert_eq!(t.index_of(5), Some(4));
        assert_eq!(t.index_of(0), None);
        let shares = t.fair_shares();
        assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((shares[4] - 2.0 / 6.0).abs() < 1e-12);
    }
}
