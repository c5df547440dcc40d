//! Consistent hashing on a ring with virtual nodes (Karger et al., 1997).
//!
//! Every physical node is hashed to several points ("virtual nodes") of the
//! 2^64 hash space, read as a circle. A key belongs to the first point at or
//! clockwise after its own hash. More virtual nodes make each node's share of
//! the circle a sum of more small arcs and therefore closer to fair.

use crate::hash::vnode_hash;
use crate::keys::Keys;
use crate::sort::sort_by_hash;
use crate::topology::{NodeId, Topology};

/// [`Ring::update`] edits rings whose node ids are below this; others are rebuilt.
const ID_TABLE_MAX: u32 = 1 << 16;

/// Upper bound on virtual nodes per physical node, to bound memory.
const MAX_VNODES: u32 = 1_000_000;

/// One virtual node: where it sits and which physical node it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Point {
    /// Position on the ring.
    pub hash: u64,
    /// The physical node this point belongs to.
    pub node: NodeId,
    /// Which of the node's virtual nodes this is (0-based).
    pub vnode: u32,
}

/// A built ring: points sorted by `(hash, node, vnode)`.
#[derive(Clone, Debug)]
pub struct Ring {
    points: Vec<Point>,
    /// Number of distinct physical nodes on the ring.
    distinct_nodes: usize,
    /// The base virtual-node count and seed it was built with.
    vnodes: u32,
    seed: u64,
}

/// The sort key of a point. One named function for both sorts, so the sort is
/// compiled once.
fn point_hash(p: &Point) -> u64 {
    p.hash
}

/// Virtual nodes given to a node of `weight` when the base count is `vnodes`:
/// `round(vnodes · weight)`, at least 1 and at most 1 000 000.
pub fn vnodes_for(weight: f64, vnodes: u32) -> u32 {
    let want = (f64::from(vnodes) * weight).round();
    // why: NaN (from a NaN weight) also gets the floor of 1.
    if want.is_nan() || want < 1.0 {
        1
    } else if want >= f64::from(MAX_VNODES) {
        MAX_VNODES
    } else {
        want as u32
    }
}

impl Ring {
    /// Builds the ring: node `id` gets `vnodes_for(weight, vnodes)` points, the
    /// `j`-th at `vnode_hash(seed, id, j)`.
    pub fn build(topology: &Topology, vnodes: u32, seed: u64) -> Ring {
        let total: usize = topology
            .nodes
            .iter()
            .map(|n| vnodes_for(n.weight, vnodes) as usize)
            .sum();
        let mut points = Vec::with_capacity(total);
        for node in &topology.nodes {
            for j in 0..vnodes_for(node.weight, vnodes) {
                points.push(Point {
                    hash: vnode_hash(seed, node.id, j),
                    node: node.id,
                    vnode: j,
                });
            }
        }
        // why: sorting by hash alone is enough for the (hash, node, vnode)
        // order: distinct (node, vnode) pairs never share a hash (see the
        // `hash` module), and the sort is stable besides.
        sort_by_hash(&mut points, point_hash);
        // why: `nodes` is a public field, so do not trust ids to be unique.
        let mut ids = topology.ids();
        ids.sort_unstable();
        ids.dedup();
        Ring {
            points,
            distinct_nodes: ids.len(),
            vnodes,
            seed,
        }
    }

    /// The ring [`Ring::build`] would make for `topology`, found by editing this
    /// one: the points of nodes that left or shrank are dropped, the points of
    /// nodes that joined or grew are hashed, sorted and merged in. A point's
    /// position depends only on the seed, its node and its index, so a small
    /// change (one node joining) costs one pass over the ring instead of hashing
    /// and sorting every point again.
    pub fn update(&self, topology: &Topology, vnodes: u32, seed: u64) -> Ring {
        if vnodes != self.vnodes || seed != self.seed {
            return Ring::build(topology, vnodes, seed);
        }
        // why: ids index plain tables here; a ring with huge ids is rebuilt.
        let Some(top) = self
            .points
            .iter()
            .map(|p| p.node)
            .chain(topology.nodes.iter().map(|n| n.id))
            .max()
        else {
            return Ring::build(topology, vnodes, seed);
        };
        if top >= ID_TABLE_MAX {
            return Ring::build(topology, vnodes, seed);
        }
        // Points each node has now, and will have, by id.
        let mut have = vec![0u32; top as usize + 1];
        for p in &self.points {
            let c = &mut have[p.node as usize];
            *c = (*c).max(p.vnode + 1);
        }
        // why: a ring built from repeated ids holds repeated points, which the
        // edit below would keep; rebuild those.
        if have.iter().map(|&c| c as usize).sum::<usize>() != self.points.len() {
            return Ring::build(topology, vnodes, seed);
        }
        let mut want = vec![0u32; top as usize + 1];
        let mut added = Vec::new();
        for node in &topology.nodes {
            let slot = &mut want[node.id as usize];
            if *slot != 0 {
                // Repeated ids: `build` would push every copy's points.
                return Ring::build(topology, vnodes, seed);
            }
            *slot = vnodes_for(node.weight, vnodes);
            for j in have[node.id as usize]..*slot {
                added.push(Point {
                    hash: vnode_hash(seed, node.id, j),
                    node: node.id,
                    vnode: j,
                });
            }
        }
        if added.len() > self.points.len() / 2 {
            // Most of the ring is new: building is as cheap.
            return Ring::build(topology, vnodes, seed);
        }
        sort_by_hash(&mut added, point_hash);
        let kept = self
            .points
            .iter()
            .filter(|p| p.vnode < want[p.node as usize]);
        let mut points = Vec::with_capacity(self.points.len() + added.len());
        let mut new = added.into_iter().peekable();
        for &p in kept {
            while let Some(a) = new.next_if(|a| a.hash < p.hash) {
                points.push(a);
            }
            points.push(p);
        }
        points.extend(new);
        Ring {
            points,
            distinct_nodes: topology.nodes.len(),
            vnodes,
            seed,
        }
    }

    /// The points in ring order.
    pub fn points(&self) -> &[Point] {
        &self.points
    }

    /// Number of points (virtual nodes) on the ring.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// True when the ring has no points.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// Index of the first point with `point.hash >= hash`, wrapping to 0.
    /// Only meaningful for a non-empty ring.
    pub fn successor_index(&self, hash: u64) -> usize {
        let i = self.points.partition_point(|p| p.hash < hash);
        if i == self.points.len() {
            0
        } else {
            i
        }
    }

    /// The node owning `hash`: the first point clockwise at or after it.
    pub fn owner_of(&self, hash: u64) -> Option<NodeId> {
        if self.points.is_empty() {
            return None;
        }
        Some(self.points[self.successor_index(hash)].node)
    }

    /// For every key (by key index), the index of its successor point.
    /// Empty when the ring is empty.
    pub fn successor_indices(&self, keys: &Keys) -> Vec<u32> {
        if self.points.is_empty() {
            return Vec::new();
        }
        let mut out = vec![0u32; keys.len()];
        let mut p = 0usize;
        // why: keys and points are both sorted, so one forward walk over the
        // points serves every key: O(K + P) with no per-key binary search.
        for (&k, &h) in keys.by_hash().iter().zip(keys.sorted_hashes()) {
            while p < self.points.len() && self.points[p].hash < h {
                p += 1;
            }
            // why: past the last point the key wraps round to point 0.
            out[k as usize] = if p == self.points.len() { 0 } else { p as u32 };
        }
        out
    }

    /// The owner of every key, indexed by key number (empty for an empty ring).
    pub fn assign(&self, keys: &Keys) -> Vec<NodeId> {
        if self.points.is_empty() {
            return Vec::new();
        }
        let mut out = vec![0; keys.len()];
        let first = self.points[0].node;
        let mut p = 0usize;
        // why: the same O(K + P) merge walk as `successor_indices`.
        for (&k, &h) in keys.by_hash().iter().zip(keys.sorted_hashes()) {
            while p < self.points.len() && self.points[p].hash < h {
                p += 1;
            }
            out[k as usize] = match self.points.get(p) {
                Some(point) => point.node,
                None => first,
            };
        }
        out
    }

    /// The owner of every key in hash order: entry `i` belongs to key
    /// `keys.by_hash()[i]`. Reads and writes run front to back, which makes this
    /// much faster than [`Ring::assign`] on large inputs; use it where only counts,
    /// or before/after comparisons over the same keys, are needed.
    pub fn assign_sorted(&self, keys: &Keys) -> Vec<NodeId> {
        let Some(first) = self.points.first().map(|p| p.node) else {
            return Vec::new();
        };
        let mut p = 0usize;
        keys.sorted_hashes()
            .iter()
            .map(|&h| {
                while p < self.points.len() && self.points[p].hash < h {
                    p += 1;
                }
                self.points.get(p).map_or(first, |pt| pt.node)
            })
            .collect()
    }

    /// The replicas for `hash`: the first `rf` distinct nodes met walking
    /// clockwise from its owner (fewer if the ring has fewer nodes).
    pub fn preference_list(&self, hash: u64, rf: usize) -> Vec<NodeId> {
        let want = rf.min(self.distinct_nodes);
        let mut out: Vec<NodeId> = Vec::with_capacity(want);
        if self.points.is_empty() || want == 0 {
            return out;
        }
        let start = self.successor_index(hash);
        let n = self.points.len();
        for step in 0..n {
            let node = self.points[(start + step) % n].node;
            if !out.contains(&node) {
                out.push(node);
                if out.len() == want {
                    break;
                }
            }
        }
        out
    }

    /// Fraction of the hash space owned by each node of `topology` (by node
    /// index). Point `p` owns the half-open arc `(previous.hash, p.hash]`.
    /// Nodes not on the ring get 0; points of nodes missing from `topology`
    /// are left out, so then the shares sum to less than 1.
    pub fn arc_shares(&self, topology: &Topology) -> Vec<f64> {
        let mut owned = vec![0u128; topology.len()];
        let Some(last) = self.points.last() else {
            return vec![0.0; topology.len()];
        };
        let mut prev = last.hash;
        for (i, p) in self.points.iter().enumerate() {
            // why: the first point's arc wraps past 2^64; with a single point
            // that arc is the whole circle, hence the u128 arithmetic.
            let arc = if i == 0 {
                (1u128 << 64) + u128::from(p.hash) - u128::from(prev)
            } else {
                u128::from(p.hash - prev)
            };
            if let Some(idx) = topology.index_of(p.node) {
                owned[idx] += arc;
            }
            prev = p.hash;
        }
        let circle = (1u128 << 64) as f64;
        owned.into_iter().map(|a| a as f64 / circle).collect()
    }
}

#[cfg(test)]
mod tests;
