//! The [`Policy`] trait every eviction policy implements, the [`PolicyKind`]
//! enum that names and builds them, and the [`Access`] each request reports.

use super::snapshot::Snapshot;

/// A dense key id, below the trace's universe size.
pub type Key = u32;

/// What a cache is built with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// Resident entries the cache may hold (at least 1). Ghost entries
    /// (ARC's B1/B2, S3-FIFO's ghost queue) do not count against it.
    pub capacity: usize,
    /// Every key in the trace is below this; policies size their tables by it.
    pub universe: u32,
    /// Seed for the policies that draw random numbers (Random).
    pub seed: u64,
    /// Time to live in requests for [`PolicyKind::LruTtl`]; 0 means never expire.
    pub ttl: u64,
}

/// Why a request ended as it did: enough for a sentence under each step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// The key was resident.
    Hit,
    /// A miss that found a free slot: nothing was evicted.
    Free,
    /// LRU (and LRU+TTL when nothing had expired): the least recently used entry left.
    LeastRecent,
    /// LFU: the entry with the smallest count left; ties go to the least recently used.
    LeastFrequent {
        /// The victim's access count.
        count: u32,
    },
    /// FIFO: the entry inserted earliest left.
    Oldest,
    /// CLOCK: the hand cleared `cleared` reference bits, then took the first entry whose bit was clear.
    ClockHand {
        /// Reference bits cleared on the way (second chances given).
        cleared: u32,
    },
    /// Random: a uniformly drawn resident entry left.
    Random,
    /// SIEVE: the hand moved from the tail towards the head, clearing `cleared`
    /// visited bits, and took the first unvisited entry.
    SieveHand {
        /// Visited bits cleared on the way.
        cleared: u32,
    },
    /// S3-FIFO: the small queue's oldest entry had not been reused, so it left
    /// the cache and its key went to the ghost queue.
    SmallToGhost {
        /// Entries promoted from small to main on the way.
        promoted: u32,
    },
    /// S3-FIFO: the main queue's oldest entry with a zero count left, after
    /// `reinserted` entries were given another round.
    MainEvict {
        /// Entries reinserted (count decremented) on the way.
        reinserted: u32,
        /// Entries promoted from small to main before main had to evict.
        promoted: u32,
    },
    /// ARC: a miss; `ghost` tells whether the key was remembered in B1 or B2
    /// (which moved the target `p`), `from_t1` which resident list lost its LRU entry.
    Arc {
        /// The key was found in a ghost list: `Some(1)` for B1, `Some(2)` for B2.
        ghost: Option<u8>,
        /// The victim came from T1 (seen once) rather than T2 (seen twice or more).
        from_t1: bool,
    },
    /// OPT: the resident entry used farthest in the future left (`None`: never used again).
    FarthestNextUse {
        /// Index of the victim's next request, if any.
        next: Option<u64>,
    },
    /// LRU+TTL: the key was resident but had expired, so it was fetched again.
    Expired,
    /// LRU+TTL: a miss that evicted an expired entry rather than the least recent one.
    EvictedExpired,
}

/// The outcome of one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Access {
    /// The key was resident (and, under a TTL, fresh).
    pub hit: bool,
    /// The key that left the cache to make room, if one did.
    pub evicted: Option<Key>,
    /// Why: see [`Why`].
    pub why: Why,
}

/// An eviction policy: a cache of at most `capacity` resident keys.
pub trait Policy {
    /// Which policy this is.
    fn kind(&self) -> PolicyKind;
    /// Resident entries it may hold.
    fn capacity(&self) -> usize;
    /// Resident entries it holds now (never more than `capacity`).
    fn len(&self) -> usize;
    /// No entry is resident.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// `key` is resident now.
    fn contains(&self, key: Key) -> bool;
    /// Serves one request for `key` at time `now` (the request's index in
    /// the trace: OPT needs it to look ahead, the TTL to expire).
    fn access(&mut self, key: Key, now: u64) -> Access;
    /// The policy's inner state as plain data, for drawing.
    fn snapshot(&self) -> Snapshot;
}

/// Every policy the widget offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PolicyKind {
    /// Least recently used.
    Lru,
    /// Least frequently used, ties broken by least recent use.
    Lfu,
    /// First in, first out.
    Fifo,
    /// CLOCK (second chance): FIFO with a reference bit per entry.
    Clock,
    /// A uniformly random victim from a seeded generator.
    Random,
    /// SIEVE (Zhang et al., NSDI 2024): a FIFO with visited bits and a moving hand.
    Sieve,
    /// S3-FIFO (Yang et al., SOSP 2023): small, main and ghost FIFO queues.
    S3Fifo,
    /// ARC (Megiddo & Modha, FAST 2003): adaptive between recency and frequency.
    Arc,
    /// Belady's OPT: evicts the entry used farthest in the future (offline optimum).
    Opt,
    /// LRU whose entries also expire a fixed number of requests after insertion.
    LruTtl,
}

impl PolicyKind {
    /// Every policy, in the order the widget lists them.
    pub const ALL: [PolicyKind; 10] = [
        PolicyKind::Lru,
        PolicyKind::Lfu,
        PolicyKind::Fifo,
        PolicyKind::Clock,
        PolicyKind::Random,
        PolicyKind::Sieve,
        PolicyKind::S3Fifo,
        PolicyKind::Arc,
        PolicyKind::Opt,
        PolicyKind::LruTtl,
    ];

    /// A short lowercase name for URLs.
    pub fn slug(self) -> &'static str {
        match self {
            PolicyKind::Lru => "lru",
            PolicyKind::Lfu => "lfu",
            PolicyKind::Fifo => "fifo",
            PolicyKind::Clock => "clock",
            PolicyKind::Random => "random",
            PolicyKind::Sieve => "sieve",
            PolicyKind::S3Fifo => "s3fifo",
            PolicyKind::Arc => "arc",
            PolicyKind::Opt => "opt",
            PolicyKind::LruTtl => "lruttl",
        }
    }

    /// The name shown on screen.
    pub fn label(self) -> &'static str {
        match self {
            PolicyKind::Lru => "LRU",
            PolicyKind::Lfu => "LFU",
            PolicyKind::Fifo => "FIFO",
            PolicyKind::Clock => "CLOCK",
            PolicyKind::Random => "Random",
            PolicyKind::Sieve => "SIEVE",
            PolicyKind::S3Fifo => "S3-FIFO",
            PolicyKind::Arc => "ARC",
            PolicyKind::Opt => "OPT",
            PolicyKind::LruTtl => "LRU+TTL",
        }
    }

    /// The policy named by `slug`, if any.
    pub fn from_slug(slug: &str) -> Option<PolicyKind> {
        PolicyKind::ALL.into_iter().find(|k| k.slug() == slug)
    }
}
