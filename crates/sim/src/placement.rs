//! One entry point for every placement strategy the widgets compare.

use crate::hash_ring::Ring;
use crate::keys::Keys;
use crate::topology::{NodeId, Topology};
use crate::{bounded_load, jump, mod_n, rendezvous};

/// A way of assigning keys to nodes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Strategy {
    /// Consistent hashing ring with virtual nodes.
    Ring,
    /// `hash mod N`.
    ModN,
    /// Rendezvous / highest random weight hashing.
    Rendezvous,
    /// Jump consistent hash.
    Jump,
    /// Ring with bounded loads.
    BoundedLoads,
}

impl Strategy {
    /// Every strategy, in display order.
    pub const ALL: [Strategy; 5] = [
        Strategy::Ring,
        Strategy::ModN,
        Strategy::Rendezvous,
        Strategy::Jump,
        Strategy::BoundedLoads,
    ];

    /// Human-readable name.
    pub fn label(self) -> &'static str {
        match self {
            Strategy::Ring => "Ring + virtual nodes",
            Strategy::ModN => "hash mod N",
            Strategy::Rendezvous => "Rendezvous (HRW)",
            Strategy::Jump => "Jump hash",
            Strategy::BoundedLoads => "Bounded loads",
        }
    }

    /// Short stable identifier, e.g. for URLs.
    pub fn slug(self) -> &'static str {
        match self {
            Strategy::Ring => "ring",
            Strategy::ModN => "mod-n",
            Strategy::Rendezvous => "hrw",
            Strategy::Jump => "jump",
            Strategy::BoundedLoads => "bounded",
        }
    }

    /// The strategy whose [`Strategy::slug`] is `slug`, if any.
    pub fn from_slug(slug: &str) -> Option<Strategy> {
        Strategy::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// Tunables shared by the strategies (each uses the ones it needs).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacementParams {
    /// Virtual nodes per unit of weight (ring and bounded loads).
    pub vnodes: u32,
    /// Seed for ring positions and rendezvous node scores.
    pub seed: u64,
    /// Bounded loads: each node may hold `(1 + epsilon)` times its fair share.
    pub epsilon: f64,
}

impl Default for PlacementParams {
    /// 100 virtual nodes, seed 0, ε = 0.25.
    fn default() -> Self {
        PlacementParams {
            vnodes: 100,
            seed: 0,
            epsilon: 0.25,
        }
    }
}

/// Owner of every key under `strategy` (empty when the topology is empty).
pub fn assign(
    strategy: Strategy,
    topology: &Topology,
    keys: &Keys,
    params: &PlacementParams,
) -> Vec<NodeId> {
    match strategy {
        Strategy::Ring => Ring::build(topology, params.vnodes, params.seed).assign(keys),
        Strategy::ModN => mod_n::assign(topology, keys),
        Strategy::Rendezvous => rendezvous::assign(topology, keys, params.seed),
        Strategy::Jump => jump::assign(topology, keys),
        Strategy::BoundedLoads => {
            let ring = Ring::build(topology, params.vnodes, params.seed);
            bounded_load::assign(&ring, topology, keys, params.epsilon)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_slugs_are_unique() {
        for (i, a) in Strategy::ALL.iter().enumerate() {
            assert_eq!(Strategy::from_slug(a.slug()), Some(*a));
            for b in &Strategy::ALL[i + 1..] {
                assert_ne!(a.label(), b.label());
                assert_ne!(a.slug(), b.slug());
            }
        }
        assert_eq!(Strategy::from_slug("nope"), None);
        assert_eq!(Strategy::Rendezvous.slug(), "hrw");
    }

    #[test]
    fn every_strategy_assigns_every_key_to_a_live_node() {
        let t = Topology::uniform(7);
        let keys = Keys::generate(3000, 1);
        let params = PlacementParams::default();
        for s in Strategy::ALL {
            let owners = assign(s, &t, &keys, &params);
            assert_eq!(owners.len(), 3000, "{}", s.label());
            assert!(owners.iter().all(|&o| o < 7), "{}", s.label());
            assert!(assign(s, &Topology::default(), &keys, &params).is_empty());
        }
    }

    #[test]
    fn dispatch_matches_modules() {
        let t = Topology::uniform(5);
        let keys = Keys::generate(2000, 3);
        let params = PlacementParams {
            vnodes: 20,
            seed: 9,
            epsilon: 0.1,
        };
        let ring = Ring::build(&t, 20, 9);
        assert_eq!(
            assign(Strategy::Ring, &t, &keys, &params),
            ring.assign(&keys)
        );
        assert_eq!(
            assign(Strategy::BoundedLoads, &t, &keys, &params),
            bounded_load::assign(&ring, &t, &keys, 0.1)
        );
        assert_eq!(
            assign(Strategy::Rendezvous, &t, &keys, &params),
            rendezvous::assign(&t, &keys, 9)
        );
        assert_eq!(
            assign(Strategy::Jump, &t, &keys, &params),
            jump::assign(&t, &keys)
        );
        assert_eq!(
            assign(Strategy::ModN, &t, &keys, &params),
            mod_n::assign(&t, &keys)
        );
    }
}
