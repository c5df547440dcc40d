//! Running a whole trace: building a policy by kind, counting hits fast, and
//! the LRU hit-ratio curve at every size in one pass.

use super::arc::ArcCache;
use super::clock::Clock;
use super::fifo::Fifo;
use super::lfu::Lfu;
use super::list::fit_key;
use super::lru::Lru;
use super::opt::Opt;
use super::policy::{Config, Key, Policy, PolicyKind};
use super::random::RandomEvict;
use super::s3fifo::S3Fifo;
use super::sieve::Sieve;
use super::ttl::LruTtl;

/// Builds the policy `kind` for `config`, boxed for step mode. `trace` is
/// read by OPT only (it must see the future); the others ignore it.
pub fn build(kind: PolicyKind, config: &Config, trace: &[Key]) -> Box<dyn Policy> {
    match kind {
        PolicyKind::Lru => Box::new(Lru::new(config)),
        PolicyKind::Lfu => Box::new(Lfu::new(config)),
        PolicyKind::Fifo => Box::new(Fifo::new(config)),
        PolicyKind::Clock => Box::new(Clock::new(config)),
        PolicyKind::Random => Box::new(RandomEvict::new(config)),
        PolicyKind::Sieve => Box::new(Sieve::new(config)),
        PolicyKind::S3Fifo => Box::new(S3Fifo::new(config)),
        PolicyKind::Arc => Box::new(ArcCache::new(config)),
        PolicyKind::Opt => Box::new(Opt::new(config, trace)),
        PolicyKind::LruTtl => Box::new(LruTtl::new(config)),
    }
}

/// Requests and hits of one run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Requests served.
    pub requests: u64,
    /// Requests that hit.
    pub hits: u64,
}

impl Stats {
    /// Requests that missed.
    pub fn misses(&self) -> u64 {
        self.requests.saturating_sub(self.hits)
    }

    /// Hits per request, 0 for no requests.
    pub fn hit_ratio(&self) -> f64 {
        if self.requests == 0 {
            0.0
        } else {
            self.hits as f64 / self.requests as f64
        }
    }

    /// Misses per request, 0 for no requests.
    pub fn miss_ratio(&self) -> f64 {
        if self.requests == 0 {
            0.0
        } else {
            self.misses() as f64 / self.requests as f64
        }
    }
}

/// Serves every request of `trace` (request `i` at time `i`) and counts hits.
#[inline(never)]
fn count<P: Policy>(mut policy: P, trace: &[Key]) -> Stats {
    let mut hits = 0u64;
    for (i, &key) in trace.iter().enumerate() {
        hits += u64::from(policy.access(key, i as u64).hit);
    }
    Stats {
        requests: trace.len() as u64,
        hits,
    }
}

/// Runs `trace` through a fresh policy `kind` and counts hits: the fast path.
///
/// Each policy runs in its own monomorphised loop on the concrete type (no
/// dynamic dispatch, no snapshots, no allocation per request). The counts
/// equal stepping through [`build`]'s policy with `now` = request index.
pub fn simulate(kind: PolicyKind, config: &Config, trace: &[Key]) -> Stats {
    match kind {
        PolicyKind::Lru => count(Lru::new(config), trace),
        PolicyKind::Lfu => count(Lfu::new(config), trace),
        PolicyKind::Fifo => count(Fifo::new(config), trace),
        PolicyKind::Clock => count(Clock::new(config), trace),
        PolicyKind::Random => count(RandomEvict::new(config), trace),
        PolicyKind::Sieve => count(Sieve::new(config), trace),
        PolicyKind::S3Fifo => count(S3Fifo::new(config), trace),
        PolicyKind::Arc => count(ArcCache::new(config), trace),
        PolicyKind::Opt => count(Opt::new(config, trace), trace),
        PolicyKind::LruTtl => count(LruTtl::new(config), trace),
    }
}

/// One concrete policy of any kind, so a resumable run keeps the fast,
/// monomorphised loop of [`simulate`].
enum Concrete {
    Lru(Lru),
    Lfu(Lfu),
    Fifo(Fifo),
    Clock(Clock),
    Random(RandomEvict),
    Sieve(Sieve),
    S3Fifo(S3Fifo),
    Arc(ArcCache),
    Opt(Opt),
    LruTtl(LruTtl),
}

/// Serves `trace[from..to]` (request `i` at time `i`) and returns the hits.
#[inline(never)]
fn serve<P: Policy>(policy: &mut P, trace: &[Key], from: usize, to: usize) -> u64 {
    let mut hits = 0u64;
    for (i, &key) in trace[from..to].iter().enumerate() {
        hits += u64::from(policy.access(key, (from + i) as u64).hit);
    }
    hits
}

/// A run of one policy over one trace that can stop and resume, so a caller
/// can spread a long trace over many short slices (the browser's frames) and
/// still get exactly what [`simulate`] gives.
pub struct Runner {
    policy: Concrete,
    /// Requests served so far.
    next: usize,
    /// Hits so far.
    hits: u64,
}

impl Runner {
    /// A fresh policy `kind` for `config`, before the first request of `trace`.
    pub fn new(kind: PolicyKind, config: &Config, trace: &[Key]) -> Runner {
        let policy = match kind {
            PolicyKind::Lru => Concrete::Lru(Lru::new(config)),
            PolicyKind::Lfu => Concrete::Lfu(Lfu::new(config)),
            PolicyKind::Fifo => Concrete::Fifo(Fifo::new(config)),
            PolicyKind::Clock => Concrete::Clock(Clock::new(config)),
            PolicyKind::Random => Concrete::Random(RandomEvict::new(config)),
            PolicyKind::Sieve => Concrete::Sieve(Sieve::new(config)),
            PolicyKind::S3Fifo => Concrete::S3Fifo(S3Fifo::new(config)),
            PolicyKind::Arc => Concrete::Arc(ArcCache::new(config)),
            PolicyKind::Opt => Concrete::Opt(Opt::new(config, trace)),
            PolicyKind::LruTtl => Concrete::LruTtl(LruTtl::new(config)),
        };
        Runner {
            policy,
            next: 0,
            hits: 0,
        }
    }

    /// Serves up to `budget` more requests of `trace` (the same trace every
    /// call); true once every request has been served.
    pub fn advance(&mut self, trace: &[Key], budget: usize) -> bool {
        let from = self.next.min(trace.len());
        let to = from.saturating_add(budget).min(trace.len());
        self.hits += match &mut self.policy {
            Concrete::Lru(p) => serve(p, trace, from, to),
            Concrete::Lfu(p) => serve(p, trace, from, to),
            Concrete::Fifo(p) => serve(p, trace, from, to),
            Concrete::Clock(p) => serve(p, trace, from, to),
            Concrete::Random(p) => serve(p, trace, from, to),
            Concrete::Sieve(p) => serve(p, trace, from, to),
            Concrete::S3Fifo(p) => serve(p, trace, from, to),
            Concrete::Arc(p) => serve(p, trace, from, to),
            Concrete::Opt(p) => serve(p, trace, from, to),
            Concrete::LruTtl(p) => serve(p, trace, from, to),
        };
        self.next = to;
        to == trace.len()
    }

    /// Requests served and hits so far.
    pub fn stats(&self) -> Stats {
        Stats {
            requests: self.next as u64,
            hits: self.hits,
        }
    }
}

/// A Fenwick (binary indexed) tree of counts over positions `0..n`.
struct Fenwick {
    tree: Vec<u32>,
}

impl Fenwick {
    fn new(n: usize) -> Fenwick {
        Fenwick {
            tree: vec![0; n + 1],
        }
    }

    /// Adds one at position `i`.
    fn inc(&mut self, i: usize) {
        let mut j = i + 1;
        while j < self.tree.len() {
            self.tree[j] += 1;
            j += j & j.wrapping_neg();
        }
    }

    /// Removes one at position `i` (which must hold at least one).
    fn dec(&mut self, i: usize) {
        let mut j = i + 1;
        while j < self.tree.len() {
            self.tree[j] -= 1;
            j += j & j.wrapping_neg();
        }
    }

    /// The sum over positions `0..end`.
    fn prefix(&self, end: usize) -> u32 {
        let mut j = end;
        let mut sum = 0;
        while j > 0 {
            sum += self.tree[j];
            j &= j - 1;
        }
        sum
    }
}

/// LRU hit counts on `trace` at every cache size in `sizes`, from one pass.
///
/// LRU has the inclusion property: a cache of size `s` always holds the `s`
/// most recently used keys. So a request hits at size `s` exactly when its
/// stack distance — the number of distinct keys used since the key's previous
/// request, counting itself — is at most `s` (Mattson et al., 1970). The
/// distance is counted with a Fenwick tree over request times in which only
/// each key's latest request is marked: the marks strictly between the
/// previous request and now are the distinct keys used in between. Cost
/// O(n log n) for any number of sizes. Sizes of 0 count as 1, as in
/// [`simulate`]. The result is in the order of `sizes`.
pub fn lru_curve(trace: &[Key], universe: u32, sizes: &[usize]) -> Vec<Stats> {
    let n = trace.len();
    // why: a stack distance never exceeds the number of requests, so larger
    // sizes all see the same hits; this also bounds the histogram.
    let top = sizes.iter().copied().max().unwrap_or(0).clamp(1, n.max(1));
    let mut histogram = vec![0u64; top + 1];
    let mut last = vec![usize::MAX; universe as usize];
    let mut marks = Fenwick::new(n);
    for (i, &key) in trace.iter().enumerate() {
        if key as usize >= last.len() && !fit_key(&mut last, key, usize::MAX) {
            continue;
        }
        let prev = last[key as usize];
        if prev != usize::MAX {
            let between = marks.prefix(i) - marks.prefix(prev + 1);
            let distance = between as usize + 1;
            if distance <= top {
                histogram[distance] += 1;
            }
            marks.dec(prev);
        }
        marks.inc(i);
        last[key as usize] = i;
    }
    // why: cumulative[s] = hits of a cache of size s.
    let mut cumulative = histogram;
    for d in 1..cumulative.len() {
        cumulative[d] += cumulative[d - 1];
    }
    sizes
        .iter()
        .map(|&s| Stats {
            requests: n as u64,
            hits: cumulative[s.clamp(1, top)],
        })
        .collect()
}

/// Helpers shared by the policies' tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::cache::policy::{Access, Config, Key, Policy};

    /// A config with no TTL and seed 1.
    pub(crate) fn config(capacity: usize, universe: u32) -> Config {
        Config {
            capacity,
            universe,
            seed: 1,
            ttl: 0,
        }
    }

    /// Serves `keys` in order (request `i` at time `i`) and returns every outcome.
    pub(crate) fn run(p: &mut impl Policy, keys: &[Key]) -> Vec<Access> {
        keys.iter()
            .enumerate()
            .map(|(i, &k)| p.access(k, i as u64))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::config;
    use super::*;
    use crate::rng::Rng;
    use proptest::prelude::*;

    fn hits(kind: PolicyKind, capacity: usize, trace: &[Key]) -> u64 {
        let universe = trace.iter().max().map_or(1, |&m| m + 1);
        simulate(kind, &config(capacity, universe), trace).hits
    }

    /// A simple Zipf-like trace: key `k` drawn with weight 1/(k+1).
    fn zipf_trace(n: usize, universe: u32, seed: u64) -> Vec<Key> {
        let mut cdf = Vec::with_capacity(universe as usize);
        let mut total = 0.0;
        for k in 0..universe {
            total += 1.0 / f64::from(k + 1);
            cdf.push(total);
        }
        let mut rng = Rng::new(seed);
        (0..n)
            .map(|_| {
                let u = rng.uniform() * total;
                cdf.partition_point(|&c| c <= u).min(universe as usize - 1) as Key
            })
            .collect()
    }

    #[test]
    fn stats_ratios() {
        let s = Stats {
            requests: 10,
            hits: 4,
        };
        assert_eq!(s.misses(), 6);
        assert!((s.hit_ratio() - 0.4).abs() < 1e-12);
        assert!((s.miss_ratio() - 0.6).abs() < 1e-12);
        let empty = Stats::default();
        assert_eq!((empty.hit_ratio(), empty.miss_ratio()), (0.0, 0.0));
    }

    #[test]
    fn loop_defeats_lru_and_fifo_but_not_opt() {
        let c = 10;
        let trace: Vec<Key> = (0..1_100u32).map(|i| i % (c as u32 + 1)).collect();
        assert_eq!(hits(PolicyKind::Lru, c, &trace), 0);
        assert_eq!(hits(PolicyKind::Fifo, c, &trace), 0);
        // OPT misses about once per c requests after warm-up
        assert!(hits(PolicyKind::Opt, c, &trace) > 900);
    }

    #[test]
    fn scans_flush_lru_more_than_the_scan_resistant_policies() {
        // A hot set of 4 keys, each used twice per round, then a scan of 8
        // keys never seen again; the cache holds 10.
        let mut trace = vec![];
        let mut fresh = 100u32;
        for _ in 0..300 {
            for _ in 0..2 {
                trace.extend(0..4u32);
            }
            for _ in 0..8 {
                trace.push(fresh);
                fresh += 1;
            }
        }
        let lru = hits(PolicyKind::Lru, 10, &trace);
        for kind in [PolicyKind::Arc, PolicyKind::S3Fifo, PolicyKind::Sieve] {
            let h = hits(kind, 10, &trace);
            assert!(h > lru + 500, "{kind:?}: {h} vs LRU {lru}");
        }
    }

    #[test]
    fn lru_curve_matches_simulation() {
        let trace = zipf_trace(20_000, 500, 4);
        let sizes = [0, 1, 2, 5, 10, 50, 100, 499, 500, 10_000];
        let curve = lru_curve(&trace, 500, &sizes);
        for (&s, stats) in sizes.iter().zip(&curve) {
            let direct = simulate(PolicyKind::Lru, &config(s, 500), &trace);
            assert_eq!(*stats, direct, "size {s}");
        }
        assert!(lru_curve(&[], 4, &[3]) == vec![Stats::default()]);
        assert!(lru_curve(&trace, 500, &[]).is_empty());
    }

    #[test]
    fn lru_curve_hand_example() {
        // A B C A B D A: distances A→3, B→3, A→3 (D, B, … between)
        let t = [0, 1, 2, 0, 1, 3, 0];
        let curve = lru_curve(&t, 4, &[1, 2, 3, 4]);
        let h: Vec<u64> = curve.iter().map(|s| s.hits).collect();
        assert_eq!(h, vec![0, 0, 3, 3]);
    }

    #[test]
    fn random_policy_is_deterministic_per_seed() {
        let trace = zipf_trace(5_000, 200, 9);
        let a = simulate(PolicyKind::Random, &config(20, 200), &trace);
        let b = simulate(PolicyKind::Random, &config(20, 200), &trace);
        assert_eq!(a, b);
    }

    #[test]
    fn ordering_on_zipf_is_sensible() {
        let trace = zipf_trace(50_000, 2_000, 11);
        let opt = hits(PolicyKind::Opt, 100, &trace);
        for kind in PolicyKind::ALL {
            let h = hits(kind, 100, &trace);
            assert!(h <= opt, "{kind:?} {h} > OPT {opt}");
            assert!(h > 0);
        }
        // LFU and the frequency-aware policies beat FIFO on a static Zipf
        assert!(hits(PolicyKind::Lfu, 100, &trace) > hits(PolicyKind::Fifo, 100, &trace));
        assert!(hits(PolicyKind::S3Fifo, 100, &trace) > hits(PolicyKind::Fifo, 100, &trace));
    }

    fn arb_case() -> impl Strategy<Value = (Vec<Key>, usize, u64, u64)> {
        (1u32..30).prop_flat_map(|universe| {
            (
                proptest::collection::vec(0..universe, 0..150),
                1usize..=20,
                0u64..8,
                any::<u64>(),
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn invariants_hold_for_every_policy((trace, capacity, ttl, seed) in arb_case()) {
            let universe = trace.iter().max().map_or(1, |&m| m + 1);
            let cfg = Config { capacity, universe, seed, ttl };
            let opt_hits = simulate(PolicyKind::Opt, &cfg, &trace).hits;
            for kind in PolicyKind::ALL {
                let mut p = build(kind, &cfg, &trace);
                prop_assert_eq!(p.kind(), kind);
                prop_assert_eq!(p.capacity(), capacity);
                let mut stepped = 0u64;
                for (i, &k) in trace.iter().enumerate() {
                    let resident = p.contains(k);
                    let a = p.access(k, i as u64);
                    stepped += u64::from(a.hit);
                    if kind != PolicyKind::LruTtl || ttl == 0 {
                        prop_assert_eq!(resident, a.hit, "{:?} at {}", kind, i);
                    }
                    prop_assert!(!a.hit || resident);
                    prop_assert!(a.evicted.is_none_or(|v| !p.contains(v)));
                    prop_assert!(p.contains(k));
                    prop_assert!(p.len() <= capacity);
                    let snap = p.snapshot();
                    prop_assert_eq!(snap.resident(), p.len());
                    for lane in &snap.lanes {
                        prop_assert!(lane.entries.len() <= lane.capacity, "{:?} {}", kind, lane.label);
                        prop_assert!(lane.hand.is_none_or(|h| h < lane.entries.len()));
                    }
                }
                prop_assert!(stepped <= opt_hits, "{:?}: {} > OPT {}", kind, stepped, opt_hits);
                let fast = simulate(kind, &cfg, &trace);
                prop_assert_eq!(fast.hits, stepped, "{:?}", kind);
                prop_assert_eq!(fast.requests, trace.len() as u64);
            }
        }

        #[test]
        fn lru_curve_agrees_with_lru((trace, capacity, _ttl, _seed) in arb_case()) {
            let universe = trace.iter().max().map_or(1, |&m| m + 1);
            let sizes = [capacity, 1, capacity / 2, capacity + 3];
            let curve = lru_curve(&trace, universe, &sizes);
            for (&s, stats) in sizes.iter().zip(&curve) {
                prop_assert_eq!(*stats, simulate(PolicyKind::Lru, &config(s, universe), &trace));
            }
        }
    }

    #[test]
    fn capacity_zero_and_wild_keys_never_panic() {
        let trace = [5u32, 1_000, 5, u32::MAX - 1, 3, 1_000];
        for kind in PolicyKind::ALL {
            let cfg = config(0, 4);
            let mut p = build(kind, &cfg, &trace);
            for (i, &k) in trace.iter().enumerate() {
                p.access(k, i as u64);
                assert!(p.len() <= 1);
            }
            let _ = simulate(kind, &cfg, &trace);
        }
        let _ = lru_curve(&trace, 4, &[0, 1, usize::MAX]);
    }

    #[test]
    fn a_run_in_slices_equals_one_pass() {
        let trace: Vec<Key> = (0..5_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 7) % 300)
            .collect();
        let config = Config {
            capacity: 40,
            universe: 300,
            seed: 3,
            ttl: 500,
        };
        for kind in PolicyKind::ALL {
            let mut r = Runner::new(kind, &config, &trace);
            let mut calls = 0;
            while !r.advance(&trace, 777) {
                calls += 1;
            }
            assert_eq!(calls, 6, "{kind:?}");
            assert_eq!(r.stats(), simulate(kind, &config, &trace), "{kind:?}");
            assert!(r.advance(&trace, 10), "stays done");
        }
        let mut empty = Runner::new(PolicyKind::Lru, &config, &[]);
        assert!(empty.advance(&[], 1));
        assert_eq!(empty.stats(), Stats::default());
    }
}
