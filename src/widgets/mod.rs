//! The widgets, one module each, named like the simulation module they explain.

pub mod cache;
pub mod cells;
pub mod hash_ring;
pub mod quorum;
pub mod rate_limit;
pub mod settle;

use std::sync::Arc;

/// Every widget the gallery lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WidgetKind {
    /// Consistent hashing ring.
    HashRing,
    /// Quorum reads and writes.
    Quorum,
    /// Cache eviction policies.
    Cache,
    /// Rate limiters.
    RateLimit,
    /// Cells and shuffle sharding.
    Cells,
}

impl WidgetKind {
    /// Gallery order.
    pub const ALL: [WidgetKind; 5] = [
        WidgetKind::HashRing,
        WidgetKind::Quorum,
        WidgetKind::Cache,
        WidgetKind::RateLimit,
        WidgetKind::Cells,
    ];

    /// The value of the `view` URL parameter.
    pub fn slug(self) -> &'static str {
        match self {
            WidgetKind::HashRing => "ring",
            WidgetKind::Quorum => "quorum",
            WidgetKind::Cache => "cache",
            WidgetKind::RateLimit => "rate-limit",
            WidgetKind::Cells => "cells",
        }
    }

    /// Finds a widget by slug.
    pub fn from_slug(s: &str) -> Option<WidgetKind> {
        WidgetKind::ALL.into_iter().find(|k| k.slug() == s)
    }

    /// Title.
    pub fn title(self) -> &'static str {
        match self {
            WidgetKind::HashRing => "Consistent hashing ring",
            WidgetKind::Quorum => "Quorum reads and writes",
            WidgetKind::Cache => "Cache eviction",
            WidgetKind::RateLimit => "Rate limiters",
            WidgetKind::Cells => "Cell blast radius",
        }
    }

    /// One-line description for the gallery.
    pub fn blurb(self) -> &'static str {
        match self {
            WidgetKind::HashRing => {
                "Place keys on a ring of nodes, add or remove one, and count what has to move."
            }
            WidgetKind::Quorum => "Pick N, R and W, fail replicas, and watch how often a read comes back stale.",
            WidgetKind::Cache => "Run LRU, LFU, CLOCK, SIEVE, ARC and friends on one workload and compare hit ratios.",
            WidgetKind::RateLimit => "Feed one request stream to six limiters and see which bursts get through.",
            WidgetKind::Cells => "Split customers into cells or shuffle shards and measure what one failure reaches.",
        }
    }

    /// Whether the widget is built yet.
    pub fn ready(self) -> bool {
        matches!(
            self,
            WidgetKind::HashRing
                | WidgetKind::Quorum
                | WidgetKind::Cache
                | WidgetKind::RateLimit
                | WidgetKind::Cells
        )
    }
}

/// A large computed value shared by reference between memos. Two values are equal
/// only when they are the same allocation, so a memo holding one notifies on every
/// recomputation without comparing megabytes.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Shared<T> {
    /// Wraps a value.
    pub fn new(v: T) -> Self {
        Shared(Arc::new(v))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip() {
        for k in WidgetKind::ALL {
            assert_eq!(WidgetKind::from_slug(k.slug()), Some(k));
        }
        assert_eq!(WidgetKind::from_slug("nope"), None);
    }

    #[test]
    fn shared_compares_by_identity() {
        let a = Shared::new(vec![1, 2]);
        let b = Shared::new(vec![1, 2]);
        assert!(a == a.clone());
        assert!(a != b);
    }
}
