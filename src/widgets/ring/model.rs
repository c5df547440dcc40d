//! What the ring widget computes, as plain functions over [`RingState`]: the
//! figures of the "what moved" and "load" panels, the strategy comparison and the
//! drawing's inputs. The component only wires these to signals.

use super::layout::{bin_middle, KeyDot, RingInput, MAX_SEGMENTS, MAX_TICKS};
use super::state::RingState;
use sim::hash_ring::Ring;
use sim::keys::Keys;
use sim::load::{self, LoadStats};
use sim::mod_n;
use sim::movement::{self, Moves};
use sim::placement::{self, PlacementParams, Strategy};
use sim::topology::{NodeId, Topology};

/// Keys drawn as dots; statistics always use every key.
pub const DRAWN_KEYS: usize = 400;

/// One row of the node list.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeRow {
    /// Node id.
    pub id: NodeId,
    /// Its weight.
    pub weight: f64,
    /// Keys it owns now.
    pub keys: usize,
    /// Its share of the keys.
    pub share: f64,
    /// Its fair share (weight / total weight).
    pub fair: f64,
    /// Its virtual nodes.
    pub vnodes: u32,
}

/// Every figure of the load panel.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadReport {
    /// Per-node figures, in id order.
    pub nodes: Vec<NodeRow>,
    /// Load spread, each node's keys relative to its fair share.
    pub stats: LoadStats,
    /// Closed-form std/mean of keys per node (equal weights only).
    pub expected_std_over_mean: Option<f64>,
    /// Gaussian approximation of max/mean (equal weights only).
    pub expected_max_over_mean: Option<f64>,
    /// Total ring positions.
    pub points: usize,
}

/// Every figure of the "what moved" panel.
#[derive(Clone, Debug, PartialEq)]
pub struct MoveReport {
    /// Whether there is a change to explain.
    pub has_change: bool,
    /// Keys the ring moved in the last change.
    pub moved: Moves,
    /// The least share any scheme had to move.
    pub ideal: f64,
    /// For a removal: the removed node's share of keys before it left.
    pub removed_share: Option<f64>,
    /// What `hash mod N` moved for the same change.
    pub modn_moved: Moves,
    /// The closed form for `hash mod N` (node count changes only).
    pub modn_expected: Option<f64>,
}

/// The load figures of the ring as it is now.
pub fn load_report(
    state: &RingState,
    keys: &Keys,
    ring: &Ring,
    topology: &Topology,
    assignment: &[NodeId],
) -> LoadReport {
    let counts = load::counts(topology, assignment);
    let fair = topology.fair_shares();
    let total = keys.len().max(1) as f64;
    let nodes = topology
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| NodeRow {
            id: n.id,
            weight: n.weight,
            keys: counts[i],
            share: counts[i] as f64 / total,
            fair: fair[i],
            vnodes: sim::hash_ring::vnodes_for(n.weight, state.vnodes),
        })
        .collect();
    let stats = LoadStats::from_counts_weighted(&counts, &fair);
    let equal = topology
        .nodes
        .iter()
        .all(|n| n.weight == topology.nodes[0].weight);
    let (expected_std_over_mean, expected_max_over_mean) = if equal && !topology.is_empty() {
        let n = topology.len() as u32;
        let cv = load::expected_ring_std_over_mean(
            n,
            sim::hash_ring::vnodes_for(topology.nodes[0].weight, state.vnodes),
            keys.len(),
        );
        (Some(cv), Some(load::expected_max_over_mean(n, cv)))
    } else {
        (None, None)
    };
    LoadReport {
        nodes,
        stats,
        expected_std_over_mean,
        expected_max_over_mean,
        points: ring.points().len(),
    }
}

/// What the state's change moved, from the placements before and after it.
pub fn move_report(
    state: &RingState,
    keys: &Keys,
    before: &Topology,
    after: &Topology,
    assign_before: &[NodeId],
    assign_after: &[NodeId],
) -> MoveReport {
    let total = keys.len().max(1) as f64;
    let has_change = before != after;
    let moved = movement::count_moved(assign_before, assign_after);
    let ideal = movement::ideal_moved_share(before, after);
    let removed_share = match state.change {
        super::state::Change::Removed(id) => {
            let c = assign_before.iter().filter(|&&o| o == id).count();
            Some(c as f64 / total)
        }
        _ => None,
    };
    let modn_before = mod_n::assign(before, keys);
    let modn_after = mod_n::assign(after, keys);
    let modn_moved = movement::count_moved(&modn_before, &modn_after);
    let modn_expected = (before.len() != after.len() && has_change)
        .then(|| mod_n::expected_moved_share(before.len(), after.len()));
    MoveReport {
        has_change,
        moved,
        ideal,
        removed_share,
        modn_moved,
        modn_expected,
    }
}

/// The spread (a standard deviation) of one run's share moved around its
/// expectation, for a change of node count with equal weights (see
/// [`sim::movement::ring_moved_std`]); `None` for any other change.
pub fn moved_spread(s: &RingState) -> Option<f64> {
    let (before, after) = (s.topology_before(), s.topology_after());
    let equal = before
        .nodes
        .iter()
        .chain(&after.nodes)
        .all(|n| n.weight == 1.0);
    let (small, large) = (before.len().min(after.len()), before.len().max(after.len()));
    (equal && large > small).then(|| {
        movement::ring_moved_std(
            small as u32,
            (large - small) as u32,
            s.vnodes,
            s.keys as usize,
        )
    })
}

/// Two spreads either side of `expected`, within 0–100 %: where one run
/// typically lands.
pub fn typical_range(expected: f64, sd: f64) -> (f64, f64) {
    (
        (expected - 2.0 * sd).max(0.0),
        (expected + 2.0 * sd).min(1.0),
    )
}

/// A typical range in words: "almost none to 44.9%", "7.4% to 32.6%".
pub fn range_text(lo: f64, hi: f64) -> String {
    let lo = if lo < 0.005 {
        "almost none".to_owned()
    } else {
        crate::ui::readout::percent(lo)
    };
    format!("{lo} to {}", crate::ui::readout::percent(hi))
}

/// The drawing's inputs: ring positions, a sample of keys (each with its owner
/// on `before` and on `ring`), a marker per node and the chosen key's preference
/// list.
pub fn ring_input(state: &RingState, keys: &Keys, ring: &Ring, before: &Ring) -> RingInput {
    // A dense ring is handed over as one owner per slice of the circle, not as
    // every position: the drawing cannot show more, and copying 100,000 positions
    // on every input costs more than the rest of the drawing.
    let dense = ring.len() > MAX_TICKS;
    let points: Vec<(u64, u32)> = if dense {
        Vec::new()
    } else {
        ring.points().iter().map(|p| (p.hash, p.node)).collect()
    };
    let bins = if dense {
        (0..MAX_SEGMENTS)
            .map(|b| ring.owner_of(bin_middle(b)).unwrap_or(0))
            .collect()
    } else {
        Vec::new()
    };
    let drawn = keys.len().min(DRAWN_KEYS);
    let keys_drawn = (0..drawn)
        .map(|i| {
            let h = keys.hash(i);
            let after = ring.owner_of(h).unwrap_or(0);
            KeyDot {
                hash: h,
                before: before.owner_of(h).unwrap_or(after),
                after,
            }
        })
        .collect();
    let firsts = |r: &Ring| -> Vec<(u32, u64)> {
        r.points()
            .iter()
            .filter(|p| p.vnode == 0)
            .map(|p| (p.node, p.hash))
            .collect()
    };
    let markers = firsts(ring);
    // Nodes the change took away keep a ghost where their marker was.
    let gone = firsts(before)
        .into_iter()
        .filter(|(id, _)| !markers.iter().any(|m| m.0 == *id))
        .collect();
    let key = (state.key as usize).min(keys.len().saturating_sub(1));
    let preference = (!keys.is_empty()).then(|| {
        let h = keys.hash(key);
        (key as u32, h, preference_walk(ring, h, state.rf as usize))
    });
    RingInput {
        points,
        bins,
        keys: keys_drawn,
        markers,
        gone,
        preference,
    }
}

/// The next `rf` distinct nodes clockwise from `hash`, each with the ring position
/// at which it is first met.
pub fn preference_walk(ring: &Ring, hash: u64, rf: usize) -> Vec<(NodeId, u64)> {
    let pts = ring.points();
    let mut out: Vec<(NodeId, u64)> = Vec::new();
    if pts.is_empty() {
        return out;
    }
    let start = pts.partition_point(|p| p.hash < hash);
    for k in 0..pts.len() {
        let p = pts[(start + k) % pts.len()];
        if !out.iter().any(|(id, _)| *id == p.node) {
            out.push((p.node, p.hash));
            if out.len() == rf {
                break;
            }
        }
    }
    out
}

/// How many positions of nodes already on the list the clockwise walk from
/// `hash` passed before reaching the last replica of `walk`.
pub fn walk_skips(ring: &Ring, hash: u64, walk: &[(NodeId, u64)]) -> usize {
    let pts = ring.points();
    let Some(&(_, last)) = walk.last() else {
        return 0;
    };
    let start = pts.partition_point(|p| p.hash < hash);
    let end = pts.partition_point(|p| p.hash < last);
    let visited = if end >= start {
        end - start + 1
    } else {
        pts.len() - start + end + 1
    };
    visited.saturating_sub(walk.len())
}

/// One strategy's figures in the comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareRow {
    /// The strategy.
    pub strategy: Strategy,
    /// Share of keys it moved for the change.
    pub moved_share: f64,
    /// Its max/mean load relative to fair shares after the change.
    pub max_over_mean: f64,
    /// Its std/mean load relative to fair shares after the change.
    pub std_over_mean: f64,
}

/// All strategies on the same keys and the same change.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// One row per strategy, in [`Strategy::ALL`] order.
    pub rows: Vec<CompareRow>,
    /// The least share any scheme had to move.
    pub ideal: f64,
    /// Whether the change removed a node other than the last, which jump hash
    /// cannot do without renumbering.
    pub jump_renumbers: bool,
    /// Bounded loads' slack ε.
    pub epsilon: f64,
}

/// Runs every strategy on the state's keys, before and after its change.
pub fn compare(state: &RingState) -> Comparison {
    let keys = Keys::generate(state.keys as usize, state.seed);
    let before = state.topology_before();
    let after = state.topology_after();
    let params = PlacementParams {
        vnodes: state.vnodes,
        seed: state.seed,
        epsilon: state.epsilon,
    };
    let rows = Strategy::ALL
        .iter()
        .map(|&s| {
            let a = placement::assign(s, &before, &keys, &params);
            let b = placement::assign(s, &after, &keys, &params);
            let stats =
                LoadStats::from_counts_weighted(&load::counts(&after, &b), &after.fair_shares());
            CompareRow {
                strategy: s,
                moved_share: movement::count_moved(&a, &b).share(),
                max_over_mean: stats.max_over_mean,
                std_over_mean: stats.std_over_mean,
            }
        })
        .collect();
    let jump_renumbers = match state.change {
        super::state::Change::Removed(id) => after.nodes.iter().any(|n| n.id > id),
        _ => false,
    };
    Comparison {
        rows,
        ideal: movement::ideal_moved_share(&before, &after),
        jump_renumbers,
        epsilon: state.epsilon,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widgets::ring::state::Change;

    struct Both {
        load: LoadReport,
        moves: MoveReport,
    }

    fn run(state: &RingState) -> Both {
        let keys = Keys::generate(state.keys as usize, state.seed);
        let (b, a) = (state.topology_before(), state.topology_after());
        let rb = Ring::build(&b, state.vnodes, state.seed);
        let ra = Ring::build(&a, state.vnodes, state.seed);
        let (pb, pa) = (rb.assign_sorted(&keys), ra.assign_sorted(&keys));
        Both {
            load: load_report(state, &keys, &ra, &a, &pa),
            moves: move_report(state, &keys, &b, &a, &pb, &pa),
        }
    }

    #[test]
    fn adding_a_node_moves_about_its_share_and_mod_n_moves_most() {
        let s = RingState {
            nodes: 10,
            vnodes: 200,
            keys: 50_000,
            change: Change::Nodes(9),
            ..RingState::default()
        };
        let Both { load, moves: r } = run(&s);
        assert!(r.has_change);
        assert!((r.ideal - 0.1).abs() < 1e-12);
        assert!(
            (r.moved.share() - 0.1).abs() < 0.03,
            "moved {}",
            r.moved.share()
        );
        let expected = r.modn_expected.unwrap_or(0.0);
        assert!((expected - 0.9).abs() < 1e-12);
        assert!((r.modn_moved.share() - expected).abs() < 0.01);
        assert_eq!(load.nodes.iter().map(|n| n.keys).sum::<usize>(), 50_000);
    }

    #[test]
    fn removal_moves_exactly_the_removed_nodes_keys() {
        let mut s = RingState {
            nodes: 8,
            vnodes: 50,
            keys: 20_000,
            ..RingState::default()
        };
        assert!(s.remove_node(3));
        let r = run(&s).moves;
        assert_eq!(Some(r.moved.share()), r.removed_share);
        assert!((r.ideal - 0.125).abs() < 1e-12);
    }

    #[test]
    fn no_change_moves_nothing() {
        let s = RingState {
            change: Change::None,
            ..RingState::default()
        };
        let r = run(&s).moves;
        assert!(!r.has_change);
        assert_eq!(r.moved.moved, 0);
        assert_eq!(r.modn_expected, None);
    }

    #[test]
    fn preference_walk_is_distinct_and_starts_at_the_owner() {
        let s = RingState::default();
        let ring = Ring::build(&s.topology_after(), s.vnodes, s.seed);
        let keys = Keys::generate(100, 1);
        for i in 0..100 {
            let walk = preference_walk(&ring, keys.hash(i), 3);
            assert_eq!(walk.len(), 3);
            assert_eq!(Some(walk[0].0), ring.owner_of(keys.hash(i)));
            let ids: Vec<NodeId> = walk.iter().map(|w| w.0).collect();
            assert_eq!(ids, ring.preference_list(keys.hash(i), 3));
        }
    }

    #[test]
    fn comparison_covers_every_strategy_and_ring_matches_report() {
        let s = RingState {
            nodes: 10,
            vnodes: 100,
            keys: 20_000,
            change: Change::Nodes(9),
            ..RingState::default()
        };
        let c = compare(&s);
        assert_eq!(c.rows.len(), Strategy::ALL.len());
        let r = run(&s).moves;
        assert!((c.rows[0].moved_share - r.moved.share()).abs() < 1e-12);
        let modn = &c.rows[1];
        assert!(modn.moved_share > 0.8);
        let bounded = &c.rows[4];
        assert!(bounded.max_over_mean <= 1.0 + s.epsilon + 1e-9 + 10.0 / 2_000.0);
    }

    #[test]
    fn a_join_has_a_range_around_its_expectation_and_a_weight_change_none() {
        let s = RingState::default();
        let sd = moved_spread(&s).unwrap_or_default();
        let (lo, hi) = typical_range(0.2, sd);
        assert!(sd > 0.0 && lo < 0.2 && 0.2 < hi);
        let mut w = RingState::default();
        w.set_weight(1, 2.0);
        assert_eq!(moved_spread(&w), None);
    }
}
