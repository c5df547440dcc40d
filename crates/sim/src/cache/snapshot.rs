//! A policy's inner state as plain data: the lanes of boxes step mode draws.

use super::policy::Key;

/// What is drawn inside or under one entry's box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Nothing beyond the key.
    None,
    /// An access count (LFU) or a small frequency counter (S3-FIFO).
    Count(u32),
    /// A one-bit flag: CLOCK's reference bit, SIEVE's visited bit.
    Bit(bool),
    /// The request index at which the entry expires (LRU+TTL).
    Expires(u64),
    /// The request index at which the key is next requested, `None` if
    /// never again (OPT).
    NextUse(Option<u64>),
}

/// One resident or ghost entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The key.
    pub key: Key,
    /// Its policy-specific mark.
    pub mark: Mark,
}

/// One ordered list of entries: a queue, a recency list, a frequency class, a ring of slots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    /// Its name on screen ("recency", "T1", "small", "ghost", …).
    pub label: &'static str,
    /// How the entries are ordered, read left to right ("most recent → least recent").
    pub order: &'static str,
    /// Entries it may hold (for drawing empty slots); ghost lanes give their bound too.
    pub capacity: usize,
    /// Holds remembered keys only, not cached data.
    pub ghost: bool,
    /// The entries, in `order`.
    pub entries: Vec<Entry>,
    /// Index into `entries` the policy's hand points at (CLOCK, SIEVE), if any.
    pub hand: Option<usize>,
}

/// A policy's state: its lanes and, for ARC, the adaptive target.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Snapshot {
    /// The lanes, top to bottom.
    pub lanes: Vec<Lane>,
    /// A named number the policy adapts (ARC's target size `p` for T1).
    pub target: Option<(&'static str, f64)>,
}

impl Snapshot {
    /// Resident entries across every non-ghost lane.
    pub fn resident(&self) -> usize {
        self.lanes
            .iter()
            .filter(|l| !l.ghost)
            .map(|l| l.entries.len())
            .sum()
    }
}
