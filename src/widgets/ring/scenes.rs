//! The ring's tour: seven scenes from one node to bounded loads, each caption
//! computed from [`RingFacts`] at the scene's state, each claim a predicate
//! the widget's tests check.

use super::model;
use super::state::{Change, RingState};
use crate::kit::scene::{Layout, Line, Scene};
use crate::ui::readout::{count, percent, ratio};
use sim::hash_ring::Ring;
use sim::keys::Keys;
use sim::movement;
use sim::placement::Strategy;
use sim::topology::NodeId;

/// What the ring's captions say, computed by the same model functions as its
/// figures.
#[derive(Clone, Debug, PartialEq)]
pub struct RingFacts {
    /// Keys placed.
    pub keys: usize,
    /// Virtual nodes per node.
    pub vnodes: u32,
    /// Keys per active node, in id order.
    pub counts: Vec<(NodeId, usize)>,
    /// Mean keys per node.
    pub mean: f64,
    /// The node holding the most keys, and how many.
    pub busiest: (NodeId, usize),
    /// The node holding the fewest keys, and how many.
    pub idlest: (NodeId, usize),
    /// Busiest over mean (relative to fair shares).
    pub max_over_mean: f64,
    /// Nodes that joined in the last change.
    pub joined: Vec<NodeId>,
    /// The node removed in the last change, with the keys it held.
    pub removed: Option<(NodeId, usize)>,
    /// Active nodes before the last change.
    pub nodes_before: usize,
    /// Keys the last change moved.
    pub moved: usize,
    /// Their share of all keys.
    pub moved_share: f64,
    /// The expected share a ring moves for the change (the least any scheme
    /// must move).
    pub expected: f64,
    /// The spread of one run around it (a standard deviation), for a change of
    /// node count with equal weights.
    pub spread: Option<f64>,
    /// Old owners of the moved keys.
    pub sources: Vec<NodeId>,
    /// New owners of the moved keys.
    pub targets: Vec<NodeId>,
    /// What hash mod N would have moved.
    pub modn_share: f64,
    /// The chosen key and its preference list.
    pub key: u32,
    /// The chosen key's replicas, owner first.
    pub preference: Vec<NodeId>,
    /// Positions of nodes already on the list that the walk passed.
    pub skipped: usize,
    /// Bounded loads' slack ε.
    pub epsilon: f64,
    /// Each scheme's share moved and busiest over fair, in `Strategy::ALL` order.
    pub schemes: Vec<(Strategy, f64, f64)>,
}

impl RingFacts {
    /// A scheme's (share moved, busiest over fair).
    pub fn scheme(&self, s: Strategy) -> (f64, f64) {
        self.schemes
            .iter()
            .find(|r| r.0 == s)
            .map_or((0.0, 0.0), |r| (r.1, r.2))
    }

    /// The typical range of one run's share moved: two spreads either side of
    /// the expectation, within 0–100 %.
    pub fn range(&self) -> Option<(f64, f64)> {
        self.spread
            .map(|sd| model::typical_range(self.expected, sd))
    }
}

/// The facts of a state: every figure the captions quote.
pub fn facts(s: &RingState) -> RingFacts {
    let keys = Keys::generate(s.keys as usize, s.seed);
    let (before, after) = (s.topology_before(), s.topology_after());
    let ring_before = Ring::build(&before, s.vnodes, s.seed);
    let ring_after = Ring::build(&after, s.vnodes, s.seed);
    let (pb, pa) = (
        ring_before.assign_sorted(&keys),
        ring_after.assign_sorted(&keys),
    );
    let load = model::load_report(s, &keys, &ring_after, &after, &pa);
    let moves = model::move_report(s, &keys, &before, &after, &pb, &pa);
    let pairs = movement::moved_pairs(&pb, &pa);
    let distinct = |v: Vec<NodeId>| {
        let mut v = v;
        v.sort_unstable();
        v.dedup();
        v
    };
    let counts: Vec<(NodeId, usize)> = load.nodes.iter().map(|n| (n.id, n.keys)).collect();
    let busiest = counts
        .iter()
        .copied()
        .max_by_key(|c| (c.1, std::cmp::Reverse(c.0)))
        .unwrap_or((0, 0));
    let idlest = counts
        .iter()
        .copied()
        .min_by_key(|c| (c.1, c.0))
        .unwrap_or((0, 0));
    let joined: Vec<NodeId> = after
        .ids()
        .into_iter()
        .filter(|id| before.index_of(*id).is_none())
        .collect();
    let removed = match s.change {
        Change::Removed(id) => Some((id, pb.iter().filter(|&&o| o == id).count())),
        _ => None,
    };
    let spread = model::moved_spread(s);
    let key_hash = keys.hash((s.key as usize).min(keys.len().saturating_sub(1)));
    let walk = model::preference_walk(&ring_after, key_hash, s.rf as usize);
    let comparison = model::compare(s);
    RingFacts {
        keys: keys.len(),
        vnodes: s.vnodes,
        mean: keys.len() as f64 / counts.len().max(1) as f64,
        counts,
        busiest,
        idlest,
        max_over_mean: load.stats.max_over_mean,
        joined,
        removed,
        nodes_before: before.len(),
        moved: moves.moved.moved,
        moved_share: moves.moved.share(),
        expected: moves.ideal,
        spread,
        sources: distinct(pairs.iter().map(|((from, _), _)| *from).collect()),
        targets: distinct(pairs.iter().map(|((_, to), _)| *to).collect()),
        modn_share: moves.modn_moved.share(),
        key: s.key,
        skipped: model::walk_skips(&ring_after, key_hash, &walk),
        preference: walk.iter().map(|w| w.0).collect(),
        epsilon: s.epsilon,
        schemes: comparison
            .rows
            .iter()
            .map(|r| (r.strategy, r.moved_share, r.max_over_mean))
            .collect(),
    }
}

/// Node names as the ring and the tables write them.
pub(super) fn names(ids: &[NodeId]) -> String {
    let names: Vec<String> = ids.iter().map(|id| format!("N{id}")).collect();
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

/// The figures a scene with moved keys shows.
const MOVED: Layout = Layout {
    figures: &["ring", "moves"],
    controls: &["nodes"],
};

/// The tour.
pub const SCENES: &[Scene<RingFacts>] = &[
    Scene {
        name: "one-node",
        title: "One node holds everything",
        query: "nodes=1&vnodes=1&keys=2000&change=none",
        layout: Layout {
            figures: &["ring"],
            controls: &["nodes"],
        },
        mark: "",
        says: &[
            Line::Note("Keys and nodes are hashed onto the same circle, and each key belongs to the first node clockwise from it."),
            Line::Claim {
                holds: |f| f.counts.len() == 1 && f.counts[0].1 == f.keys,
                text: |f| format!("With one node, N{} owns the whole circle: all {} keys.", f.counts[0].0, count(f.keys as f64)),
            },
        ],
    },
    Scene {
        name: "one-spot-each",
        title: "A few nodes, one spot each",
        query: "nodes=5&vnodes=1&keys=2000&change=none",
        layout: Layout {
            figures: &["ring", "load"],
            controls: &["nodes"],
        },
        mark: "busiest",
        says: &[
            Line::Claim {
                holds: |f| f.vnodes == 1 && f.counts.len() > 1,
                text: |f| format!("Here {} nodes have one spot each. A node owns the arc that ends at its spot, and the spots fall wherever the hash puts them.", f.counts.len()),
            },
            Line::Claim {
                holds: |f| f.max_over_mean > 1.5,
                text: |f| format!("So the arcs are far from even: the busiest node, N{}, holds {} keys, {}× the mean of {}.", f.busiest.0, count(f.busiest.1 as f64), ratio(f.max_over_mean), count(f.mean)),
            },
            Line::Claim {
                holds: |f| (f.idlest.1 as f64) < 0.5 * f.mean,
                text: |f| format!("N{} gets only {}.", f.idlest.0, count(f.idlest.1 as f64)),
            },
        ],
    },
    Scene {
        name: "node-joins",
        title: "A node joins",
        query: "nodes=6&vnodes=1&keys=2000&change=nodes:5",
        layout: MOVED,
        mark: "moved",
        says: &[
            Line::Claim {
                holds: |f| f.joined.len() == 1,
                text: |f| format!("{} lands on the circle and takes over the stretch just before its spot.", names(&f.joined)),
            },
            Line::Claim {
                holds: |f| f.sources.len() == 1 && f.moved > 0,
                text: |f| format!("Every key that moved came from one neighbour, {}: {} of {} keys ({}).", names(&f.sources), count(f.moved as f64), count(f.keys as f64), percent(f.moved_share)),
            },
            Line::Claim {
                holds: |f| f.range().is_some_and(|(lo, hi)| (lo..=hi).contains(&f.moved_share)),
                text: |f| {
                    let (lo, hi) = f.range().unwrap_or_default();
                    format!("On average a join moves 1/(n+1) = {} of the keys; with one spot per node a single join typically moves anywhere from {}.", percent(f.expected), model::range_text(lo, hi))
                },
            },
            Line::Claim {
                holds: |f| f.modn_share > 0.6,
                text: |f| format!("Numbering the nodes and placing keys by hash mod N would have moved {} of them.", percent(f.modn_share)),
            },
        ],
    },
    Scene {
        name: "virtual-nodes",
        title: "Virtual nodes",
        query: "nodes=6&vnodes=100&keys=2000&change=nodes:5",
        layout: Layout {
            figures: &["ring", "load"],
            controls: &["vnodes"],
        },
        mark: "moved busiest",
        says: &[
            Line::Claim {
                holds: |f| f.vnodes > 1,
                text: |f| format!("Give every node {} spots instead of one: many small arcs average out.", count(f64::from(f.vnodes))),
            },
            Line::Claim {
                holds: |f| f.max_over_mean < 1.25,
                text: |f| format!("The busiest node, N{}, now holds only {}× the mean.", f.busiest.0, ratio(f.max_over_mean)),
            },
            Line::Claim {
                holds: |f| f.joined.len() == 1 && f.sources.len() == f.nodes_before && f.nodes_before > 1,
                text: |f| format!("And the newcomer, {}, took a little from each of the other {} nodes: {} keys ({}) against 1/(n+1) = {} expected.", names(&f.joined), f.nodes_before, count(f.moved as f64), percent(f.moved_share), percent(f.expected)),
            },
        ],
    },
    Scene {
        name: "node-leaves",
        title: "A node leaves",
        query: "nodes=6&vnodes=100&keys=2000&down=2&change=removed:2",
        layout: Layout {
            figures: &["ring", "moves"],
            controls: &[],
        },
        mark: "moved",
        says: &[
            Line::Claim {
                holds: |f| f.removed.is_some_and(|(id, held)| f.moved == held && f.sources == [id]),
                text: |f| {
                    let (id, held) = f.removed.unwrap_or_default();
                    format!("N{id} is removed. Only its keys move: the {} it held, and no other.", count(held as f64))
                },
            },
            Line::Claim {
                holds: |f| f.targets.len() == f.counts.len() && f.counts.len() > 1,
                text: |f| format!("With {} spots per node they spread over all {} survivors instead of doubling one neighbour's load.", count(f64::from(f.vnodes)), f.counts.len()),
            },
        ],
    },
    Scene {
        name: "replicas",
        title: "Replicas on the ring",
        query: "nodes=6&vnodes=4&keys=2000&rf=3&key=8&change=none",
        layout: Layout {
            figures: &["ring"],
            controls: &["rf", "key"],
        },
        mark: "replicas",
        says: &[
            Line::Note("To keep copies, walk on clockwise from the key and take the next distinct nodes: the key's preference list."),
            Line::Claim {
                holds: |f| f.preference.len() >= 2,
                text: |f| format!("key-{}'s list is {}: R1, the owner, then the copies.", f.key, names(&f.preference)),
            },
            Line::Claim {
                holds: |f| f.skipped > 0,
                text: |f| {
                    let passed = if f.skipped == 1 {
                        "one more spot of a node".to_owned()
                    } else {
                        format!("{} more spots of nodes", f.skipped)
                    };
                    format!("On the way the walk passed {passed} already on the list: once nodes have several spots, repeats must be skipped.")
                },
            },
        ],
    },
    Scene {
        name: "bounded-loads",
        title: "Bounded loads",
        query: "nodes=6&vnodes=10&keys=2000&eps=0.1&change=nodes:5",
        layout: Layout {
            figures: &["compare"],
            controls: &["eps"],
        },
        mark: "bounded",
        says: &[
            Line::Claim {
                holds: |f| f.scheme(Strategy::Ring).1 > 1.0 + f.epsilon,
                text: |f| format!("Even with {} spots per node someone is busiest: on the plain ring, {}× its fair share.", count(f64::from(f.vnodes)), ratio(f.scheme(Strategy::Ring).1)),
            },
            Line::Claim {
                holds: |f| f.scheme(Strategy::BoundedLoads).1 <= 1.0 + f.epsilon + f.counts.len() as f64 / f.keys as f64,
                text: |f| format!("Capping every node at (1 + ε) = {} times the mean, and sending a key on to the next node with room, keeps the busiest at {}×.", ratio(1.0 + f.epsilon), ratio(f.scheme(Strategy::BoundedLoads).1)),
            },
            Line::Claim {
                holds: |f| f.scheme(Strategy::BoundedLoads).0 > f.scheme(Strategy::Ring).0,
                text: |f| format!("The price shows when {} joins: bounded loads moved {} of the keys, the plain ring {}.", names(&f.joined), percent(f.scheme(Strategy::BoundedLoads).0), percent(f.scheme(Strategy::Ring).0)),
            },
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_as_a_list() {
        assert_eq!(names(&[2]), "N2");
        assert_eq!(names(&[1, 2, 3]), "N1, N2 and N3");
    }

    #[test]
    fn the_default_ring_says_what_moved() {
        let f = facts(&RingState::default());
        assert_eq!(f.joined, vec![4]);
        assert_eq!(f.counts.iter().map(|c| c.1).sum::<usize>(), f.keys);
        assert!((f.expected - 0.2).abs() < 1e-12);
        assert!(f.spread.is_some_and(|s| s > 0.0));
    }
}
