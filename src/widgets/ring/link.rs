//! The ring's state as a link: every field written, and read back with every
//! value checked and a notice for each one that had to be fixed.

use super::state::{
    weight_id, Change, RingState, MAX_EPSILON, MAX_KEYS, MAX_NODES, MAX_RF, MAX_VNODES, MAX_WEIGHT,
    MIN_EPSILON, MIN_WEIGHT,
};
use crate::embed::query::{fmt_float, shorten, Query, Reader};
use sim::topology::NodeId;

impl RingState {
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
        let mut s = RingState {
            nodes,
            vnodes,
            keys,
            rf,
            seed,
            down: read_down(r, nodes),
            weights: read_weights(r, nodes),
            change: Change::None,
            epsilon,
            key,
            node: None,
        };
        s.change = read_change(r, &s, d.change);
        s.node = read_node(r, &s);
        s
    }
}

/// The items of a comma-separated list, at most one per node slot.
fn items(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(',')
        .filter(|p| !p.trim().is_empty())
        .take(MAX_NODES as usize)
}

/// The removed nodes a link names, each below `nodes`, sorted; never all of them.
fn read_down(r: &mut Reader<'_>, nodes: u32) -> Vec<NodeId> {
    let mut down = Vec::new();
    if let Some(raw) = r.raw("down") {
        for part in items(raw) {
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
    down
}

/// The weights other than 1 a link gives, each id below `nodes`, clamped to
/// the range, sorted by id.
fn read_weights(r: &mut Reader<'_>, nodes: u32) -> Vec<(NodeId, f64)> {
    let mut weights: Vec<(NodeId, f64)> = Vec::new();
    let Some(raw) = r.raw("weights") else {
        return weights;
    };
    for part in items(raw) {
        let parsed = part.split_once(':').and_then(|(i, w)| {
            Some((
                i.trim().parse::<u32>().ok()?,
                crate::decimal::parse(w.trim())?,
            ))
        });
        let Some((id, w)) = parsed.filter(|(id, w)| *id < nodes && w.is_finite()) else {
            r.notice(
                "weights",
                format!(
                    "'{}' is not id:weight with an id below {nodes}; ignored",
                    shorten(part)
                ),
            );
            continue;
        };
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
    sim::sort::stable_by_key(&mut weights, weight_id);
    weights
}

/// The change a link names, if `s` can show it (else none, with a notice);
/// without one, `default` when it fits the node count.
fn read_change(r: &mut Reader<'_>, s: &RingState, default: Change) -> Change {
    let Some(raw) = r.raw("change") else {
        return match default {
            Change::Nodes(from) if from >= s.nodes => Change::None,
            other => other,
        };
    };
    let parts: Vec<&str> = raw.trim().split(':').collect();
    let change = match parts.as_slice() {
        ["none"] => Some(Change::None),
        ["nodes", n] => n
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_NODES).contains(n) && (0..*n).any(|id| !s.down.contains(&id)))
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
    change.unwrap_or_else(|| {
        r.notice(
            "change",
            format!(
                "'{}' is not a change this ring can show (none, nodes:N, removed:ID or weight:ID:W); used none",
                shorten(raw)
            ),
        );
        Change::None
    })
}

/// The selected node a link names, if it is active.
fn read_node(r: &mut Reader<'_>, s: &RingState) -> Option<NodeId> {
    let raw = r.raw("node")?;
    match raw.trim() {
        "none" | "" => None,
        t => match t.parse::<u32>() {
            Ok(id) if s.is_active(id) => Some(id),
            _ => {
                r.notice(
                    "node",
                    format!(
                        "'{}' is not an active node id; no node selected",
                        shorten(raw)
                    ),
                );
                None
            }
        },
    }
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
