//! Probabilistically bounded staleness: the WARS model of Bailis et al.,
//! "Probabilistically Bounded Staleness for Practical Partial Quorums"
//! (VLDB 2012).
//!
//! Each replica `i` has four independent, exponentially distributed delays:
//! `W_i` for the write request to reach it (it applies the write on arrival),
//! `A_i` for its ack to return, `R_i` for a read request to reach it and
//! `S_i` for its response to return. The write commits at `commit`, the
//! `w`-th smallest `W_i + A_i`. A read issued `t` ms after commit reaches
//! replica `i` at `commit + t + R_i`, which by then has the write iff
//! `W_i <= commit + t + R_i`. The coordinator keeps the first `r` responses
//! (smallest `R_i + S_i`) and the read is consistent iff one of them has the
//! write.
//!
//! Rearranged, a trial is consistent at `t` iff
//! `t >= threshold = min over the first r responders of (W_i − commit − R_i)`,
//! so one threshold per trial gives the whole curve: the probability of a
//! consistent read at `t` is the empirical CDF of the thresholds.

use super::{QuorumConfig, MAX_N};
use crate::rng::Rng;

/// Scratch size for per-trial arrays.
const CAP: usize = MAX_N as usize;

/// Mean one-way delays of the WARS model, in milliseconds. Non-positive or
/// non-finite means give delays of exactly 0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Latencies {
    /// Mean time for the write to reach a replica and be applied (`W`).
    pub write: f64,
    /// Mean time for a replica's write ack to reach the coordinator (`A`).
    pub ack: f64,
    /// Mean time for a read request to reach a replica (`R`).
    pub read: f64,
    /// Mean time for a replica's read response to reach the coordinator (`S`).
    pub response: f64,
}

/// Named latency profiles for the widget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LatencyPreset {
    /// Replicas on local SSDs in one datacenter: every step about 1 ms.
    Ssd,
    /// Replicas on spinning disks in one datacenter: slow writes.
    Disk,
    /// Replicas spread across regions: every message crosses a WAN.
    Wan,
}

impl LatencyPreset {
    /// Every preset, in display order.
    pub const ALL: [LatencyPreset; 3] =
        [LatencyPreset::Ssd, LatencyPreset::Disk, LatencyPreset::Wan];

    /// Mean delays of the preset, in ms.
    ///
    /// - SSD: write 1.5, ack 1, read 1, response 1. Intra-datacenter
    ///   messages take around a millisecond with queueing; the write is a
    ///   little slower because the replica persists it (fsync to flash)
    ///   before it counts as applied. Close to the LinkedIn SSD fit in the
    ///   PBS paper, where writes were slightly slower than reads.
    /// - Disk: write 10, ack 1, read 5, response 1. A spinning-disk write
    ///   waits for a seek and a sync (~10 ms); the read request includes a
    ///   seek before the replica reads its version (~5 ms); acks and
    ///   responses are plain network hops. Like the PBS paper's LinkedIn
    ///   disk profile, the slow write is what opens the staleness window.
    /// - WAN: write 80, ack 40, read 40, response 40. Each one-way hop
    ///   between regions costs ~40 ms (an 80 ms round trip, typical between
    ///   continents); the write also queues behind replication traffic, so
    ///   its mean is doubled.
    pub fn latencies(self) -> Latencies {
        match self {
            LatencyPreset::Ssd => Latencies {
                write: 1.5,
                ack: 1.0,
                read: 1.0,
                response: 1.0,
            },
            LatencyPreset::Disk => Latencies {
                write: 10.0,
                ack: 1.0,
                read: 5.0,
                response: 1.0,
            },
            LatencyPreset::Wan => Latencies {
                write: 80.0,
                ack: 40.0,
                read: 40.0,
                response: 40.0,
            },
        }
    }

    /// Short stable identifier, e.g. for URLs.
    pub fn slug(self) -> &'static str {
        match self {
            LatencyPreset::Ssd => "ssd",
            LatencyPreset::Disk => "disk",
            LatencyPreset::Wan => "wan",
        }
    }

    /// Human-readable name.
    pub fn label(self) -> &'static str {
        match self {
            LatencyPreset::Ssd => "SSD, one datacenter",
            LatencyPreset::Disk => "Disk, one datacenter",
            LatencyPreset::Wan => "Wide area",
        }
    }

    /// The preset whose [`LatencyPreset::slug`] is `slug`, if any.
    pub fn from_slug(slug: &str) -> Option<LatencyPreset> {
        LatencyPreset::ALL.into_iter().find(|p| p.slug() == slug)
    }
}

/// Outcome of many WARS trials: the staleness curve and the latencies.
#[derive(Clone, Debug, PartialEq)]
pub struct WarsResult {
    /// Per-trial consistency thresholds, sorted ascending: the trial's read
    /// is consistent iff issued at least this long after commit.
    thresholds: Vec<f64>,
    /// Per-trial read latency (the `r`-th smallest `R_i + S_i`), sorted.
    pub read_latency: Vec<f64>,
    /// Per-trial write latency (the `w`-th smallest `W_i + A_i`), sorted.
    pub write_latency: Vec<f64>,
    /// Number of trials.
    pub trials: usize,
}

impl WarsResult {
    /// The sorted per-trial thresholds (see the module docs).
    pub fn thresholds(&self) -> &[f64] {
        &self.thresholds
    }

    /// Probability that a read issued `t` ms after commit returns the write
    /// (0 when there are no trials). Non-decreasing in `t`; negative `t`
    /// means the read was issued before the write committed.
    pub fn p_consistent(&self, t: f64) -> f64 {
        if self.trials == 0 {
            return 0.0;
        }
        self.thresholds.partition_point(|&x| x <= t) as f64 / self.trials as f64
    }

    /// [`WarsResult::p_consistent`] at each of `times`.
    pub fn curve(&self, times: &[f64]) -> Vec<f64> {
        times.iter().map(|&t| self.p_consistent(t)).collect()
    }

    /// The smallest `t >= 0` with `p_consistent(t) >= p`: how long after
    /// commit a read must wait to be consistent with probability `p`. 0 when
    /// `p <= 0` (or NaN) or already reached at commit; infinite when never
    /// reached (`p > 1`, or no trials).
    pub fn time_to(&self, p: f64) -> f64 {
        if p.is_nan() || p <= 0.0 {
            return 0.0;
        }
        let n = self.trials;
        if n == 0 {
            return f64::INFINITY;
        }
        // why: p_consistent(t) is (thresholds <= t) / n, so reaching p needs
        // the k-th smallest threshold for the least k with k / n >= p. Start
        // from ceil(p n) and correct for rounding using the very comparison
        // p_consistent makes, so the two always agree.
        let mut k = (p * n as f64).ceil().min(n as f64 + 1.0) as usize;
        while k > 0 && (k - 1) as f64 / n as f64 >= p {
            k -= 1;
        }
        while k <= n && (k as f64 / n as f64) < p {
            k += 1;
        }
        if k == 0 {
            return 0.0;
        }
        match self.thresholds.get(k - 1) {
            Some(&t) => t.max(0.0),
            None => f64::INFINITY,
        }
    }

    /// Nearest-rank `q`-quantile of the read latency (`q` in `0..=1`); 0
    /// when there are no trials.
    pub fn read_percentile(&self, q: f64) -> f64 {
        nearest_rank(&self.read_latency, q)
    }

    /// Nearest-rank `q`-quantile of the write latency (`q` in `0..=1`); 0
    /// when there are no trials.
    pub fn write_percentile(&self, q: f64) -> f64 {
        nearest_rank(&self.write_latency, q)
    }
}

/// Nearest-rank quantile of sorted `values`: the `ceil(q·len)`-th smallest
/// (at least the first); 0 when empty.
fn nearest_rank(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let q = if q.is_nan() { 0.0 } else { q.clamp(0.0, 1.0) };
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// Runs `trials` WARS trials with every replica alive.
pub fn simulate(cfg: QuorumConfig, lat: Latencies, trials: usize, rng: &mut Rng) -> WarsResult {
    run(cfg, lat, &[true; CAP], trials, rng)
}

/// Runs `trials` WARS trials where replica `i` is crashed iff
/// `alive[i] == false` (missing entries count as alive): crashed replicas
/// never receive, apply or answer anything. `None` when fewer than
/// `max(r, w)` replicas are alive, since then writes or reads cannot finish.
///
/// Delays are drawn for every replica, dead or alive, in a fixed order, so
/// the same seed gives the same delays to the surviving replicas whichever
/// crash (common random numbers across failure scenarios).
pub fn simulate_with_failures(
    cfg: QuorumConfig,
    lat: Latencies,
    alive: &[bool],
    trials: usize,
    rng: &mut Rng,
) -> Option<WarsResult> {
    let cfg = cfg.clamped();
    let live = live_of(cfg, alive)?;
    Some(run(cfg, lat, &live, trials, rng))
}

/// Unit-mean exponential delays for every trial, replica and leg (write,
/// ack, read, response), drawn in the order [`simulate`] draws them. A run
/// scales them by the means ([`simulate_draws`]), so two settings compared
/// on one chart share their delays (common random numbers), a new mean needs
/// no new draws, and fewer trials use a prefix of the same draws: the results
/// are bit-identical to [`simulate_with_failures`] with the same seed (for
/// positive means: `Rng::exponential` draws nothing for a zero mean).
#[derive(Clone, Debug, PartialEq)]
pub struct Draws {
    n: usize,
    /// `trials × n` entries, trial by trial, each replica's four legs.
    unit: Vec<[f64; 4]>,
}

impl Draws {
    /// Draws `trials` trials of `n` replicas (`n` clamped to `1..=MAX_N`).
    pub fn new(n: u32, trials: usize, rng: &mut Rng) -> Draws {
        let n = n.clamp(1, MAX_N) as usize;
        let unit = (0..n * trials)
            .map(|_| {
                [
                    rng.exponential(1.0),
                    rng.exponential(1.0),
                    rng.exponential(1.0),
                    rng.exponential(1.0),
                ]
            })
            .collect();
        Draws { n, unit }
    }

    /// Replicas per trial.
    pub fn n(&self) -> u32 {
        self.n as u32
    }

    /// Trials drawn.
    pub fn trials(&self) -> usize {
        self.unit.len() / self.n
    }
}

/// [`simulate_with_failures`] on the first `trials` trials of `draws`, each
/// delay scaled by its mean. `None` when too few replicas are alive, or when
/// `draws` holds another replica count or fewer trials.
pub fn simulate_draws(
    cfg: QuorumConfig,
    lat: Latencies,
    alive: &[bool],
    draws: &Draws,
    trials: usize,
) -> Option<WarsResult> {
    let cfg = cfg.clamped();
    let n = cfg.n as usize;
    if draws.n != n || draws.trials() < trials {
        return None;
    }
    let live = live_of(cfg, alive)?;
    // why: rng.exponential(m) is −m·ln(1 − u) and the unit draw −ln(1 − u);
    // m times it is the same float, and a mean that is not a positive finite
    // number gives exactly 0 there too.
    let scale = |m: f64| if m > 0.0 && m.is_finite() { m } else { 0.0 };
    let means = [
        scale(lat.write),
        scale(lat.ack),
        scale(lat.read),
        scale(lat.response),
    ];
    let mut at = 0usize;
    Some(trials_of(cfg, &live, trials, || {
        let u = draws.unit[at];
        at += 1;
        std::array::from_fn(|k| {
            if means[k] == 0.0 {
                0.0
            } else {
                means[k] * u[k]
            }
        })
    }))
}

/// The first `n` of `alive` padded with live replicas, or `None` when fewer
/// than `max(r, w)` of them are up.
fn live_of(cfg: QuorumConfig, alive: &[bool]) -> Option<[bool; CAP]> {
    let mut live = [true; CAP];
    for (slot, &a) in live.iter_mut().zip(alive) {
        *slot = a;
    }
    let up = live[..cfg.n as usize].iter().filter(|&&a| a).count() as u32;
    (up >= cfg.r.max(cfg.w)).then_some(live)
}

/// The WARS trials proper; at least `max(r, w)` of the first `n` entries of
/// `live` must be true.
fn run(
    cfg: QuorumConfig,
    lat: Latencies,
    live: &[bool; CAP],
    trials: usize,
    rng: &mut Rng,
) -> WarsResult {
    // why: always four draws per replica in the same order, so the delays do
    // not depend on r, w or which replicas are up, and comparisons between
    // configurations use common random numbers.
    trials_of(cfg.clamped(), live, trials, || {
        [
            rng.exponential(lat.write),
            rng.exponential(lat.ack),
            rng.exponential(lat.read),
            rng.exponential(lat.response),
        ]
    })
}

/// `trials` trials, taking each replica's four delays (write, ack, read,
/// response) from `delays`, called for every replica of every trial in order,
/// dead or alive.
fn trials_of(
    cfg: QuorumConfig,
    live: &[bool; CAP],
    trials: usize,
    mut delays: impl FnMut() -> [f64; 4],
) -> WarsResult {
    let n = cfg.n as usize;
    let (r, w) = (cfg.r as usize, cfg.w as usize);
    let mut thresholds = Vec::with_capacity(trials);
    let mut read_latency = Vec::with_capacity(trials);
    let mut write_latency = Vec::with_capacity(trials);
    // why: fixed scratch reused by every trial, holding only live replicas
    // (compacted, in index order) so no trial allocates.
    let mut write_at = [0.0f64; CAP];
    let mut read_at = [0.0f64; CAP];
    let mut acked_at = [0.0f64; CAP];
    let mut answered_at = [0.0f64; CAP];
    for _ in 0..trials {
        let mut m = 0;
        for &is_live in &live[..n] {
            let [wd, ad, rd, sd] = delays();
            if is_live {
                write_at[m] = wd;
                read_at[m] = rd;
                acked_at[m] = wd + ad;
                answered_at[m] = rd + sd;
                m += 1;
            }
        }
        let commit = kth_smallest(&acked_at[..m], w - 1);
        let mut threshold = f64::INFINITY;
        let mut read_done = 0.0;
        for i in 0..m {
            let rank = rank_of(&answered_at[..m], i);
            if rank < r {
                // why: computed as (W − commit) − R. A replica in the write
                // quorum has W ≤ W + A ≤ commit in floating point too, so
                // this is ≤ 0 exactly and strict quorums are consistent at
                // t = 0 exactly.
                let t = (write_at[i] - commit) - read_at[i];
                if t < threshold {
                    threshold = t;
                }
            }
            if rank == r - 1 {
                read_done = answered_at[i];
            }
        }
        thresholds.push(threshold);
        read_latency.push(read_done);
        write_latency.push(commit);
    }
    sort_floats(&mut thresholds);
    sort_floats(&mut read_latency);
    sort_floats(&mut write_latency);
    WarsResult {
        thresholds,
        read_latency,
        write_latency,
        trials,
    }
}

/// Position of `keys[i]` in the stable ascending order of `keys`: how many
/// keys are smaller, or equal with a lower index.
fn rank_of(keys: &[f64], i: usize) -> usize {
    // why: a full rank by counting is n² comparisons, but branch-free and
    // with n ≤ 15 cheaper than sorting random keys with mispredicted
    // branches. Ties rank in index order, so the r + 1 first responders
    // always contain the r first ones (exact monotonicity in r).
    let key = keys[i];
    let before = keys[..i].iter().filter(|&&x| x <= key).count();
    let after = keys[i + 1..].iter().filter(|&&x| x < key).count();
    before + after
}

/// The key of stable rank `k` (0-based) in `keys` (`k < keys.len()`).
fn kth_smallest(keys: &[f64], k: usize) -> f64 {
    (0..keys.len())
        .find(|&i| rank_of(keys, i) == k)
        .map_or(f64::NAN, |i| keys[i])
}

/// Bits per radix digit in [`sort_floats`].
const DIGIT_BITS: u32 = 11;
/// Buckets per radix pass.
const RADIX: usize = 1 << DIGIT_BITS;
/// Radix passes covering all 64 bits.
const PASSES: usize = 64usize.div_ceil(DIGIT_BITS as usize);

/// Sorts `values` ascending in [`f64::total_cmp`] order.
fn sort_floats(values: &mut [f64]) {
    let n = values.len();
    if n <= 256 {
        values.sort_unstable_by(f64::total_cmp);
        return;
    }
    // why: an LSD radix sort on order-preserving bit patterns is linear and,
    // at the 10⁵ values per simulation, clearly faster than a comparison sort
    // (the three sorts were about a third of a run).
    let mut keys: Vec<u64> = values.iter().map(|&v| order_key(v)).collect();
    let mut counts = vec![[0u32; RADIX]; PASSES];
    for &k in &keys {
        for (pass, table) in counts.iter_mut().enumerate() {
            table[digit(k, pass)] += 1;
        }
    }
    let mut spare = vec![0u64; n];
    for (pass, table) in counts.iter_mut().enumerate() {
        // why: high digits are often shared by every value (same sign and
        // similar exponents); such a pass would only copy, so skip it.
        if table.iter().any(|&c| c as usize == n) {
            continue;
        }
        let mut sum = 0u32;
        for slot in table.iter_mut() {
            let c = *slot;
            *slot = sum;
            sum += c;
        }
        for &k in &keys {
            let slot = &mut table[digit(k, pass)];
            spare[*slot as usize] = k;
            *slot += 1;
        }
        std::mem::swap(&mut keys, &mut spare);
    }
    for (v, &k) in values.iter_mut().zip(&keys) {
        *v = from_order_key(k);
    }
}

/// Radix digit `pass` of `key`.
fn digit(key: u64, pass: usize) -> usize {
    (key >> (pass as u32 * DIGIT_BITS)) as usize & (RADIX - 1)
}

/// Bit pattern of `v` whose unsigned order is [`f64::total_cmp`] order.
fn order_key(v: f64) -> u64 {
    let bits = v.to_bits();
    // why: negatives have the sign bit set and grow more negative as their
    // magnitude bits grow, so flip them all; positives just need to rank
    // above every negative.
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// Inverse of [`order_key`].
fn from_order_key(key: u64) -> f64 {
    if key >> 63 == 1 {
        f64::from_bits(key & !(1 << 63))
    } else {
        f64::from_bits(!key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quorum::closed::p_stale;

    const TIMES: [f64; 12] = [
        -5.0, -1.0, 0.0, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 200.0,
    ];

    #[test]
    fn presets_round_trip() {
        for (i, a) in LatencyPreset::ALL.iter().enumerate() {
            assert_eq!(LatencyPreset::from_slug(a.slug()), Some(*a));
            for b in &LatencyPreset::ALL[i + 1..] {
                assert_ne!(a.slug(), b.slug());
                assert_ne!(a.label(), b.label());
            }
            let l = a.latencies();
            for mean in [l.write, l.ack, l.read, l.response] {
                assert!(mean > 0.0 && mean.is_finite());
            }
        }
        assert_eq!(LatencyPreset::from_slug("tape"), None);
        assert_eq!(LatencyPreset::Wan.slug(), "wan");
    }

    #[test]
    fn ranks_match_stable_sort() {
        let mut rng = Rng::new(8);
        for _ in 0..2000 {
            let len = 1 + rng.below(CAP as u64) as usize;
            // why: few distinct values so ties are common
            let keys: Vec<f64> = (0..len).map(|_| rng.below(4) as f64).collect();
            let mut sorted: Vec<usize> = (0..len).collect();
            sorted.sort_by(|&a, &b| keys[a].total_cmp(&keys[b]));
            for (pos, &i) in sorted.iter().enumerate() {
                assert_eq!(rank_of(&keys, i), pos, "{keys:?}");
                assert_eq!(kth_smallest(&keys, pos), keys[i]);
            }
        }
    }

    #[test]
    fn radix_sort_matches_total_cmp() {
        let mut rng = Rng::new(21);
        let specials = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
            -5e-324,
        ];
        for len in [0usize, 1, 7, 256, 257, 1000, 50_000] {
            let mut v: Vec<f64> = (0..len)
                .map(|i| match i % 4 {
                    0 => specials[rng.below(specials.len() as u64) as usize],
                    1 => rng.exponential(10.0),
                    2 => -rng.exponential(0.01),
                    _ => rng.uniform() * 1e300 - 5e299,
                })
                .collect();
            let mut want = v.clone();
            want.sort_by(f64::total_cmp);
            sort_floats(&mut v);
            let bits = |x: &[f64]| x.iter().map(|f| f.to_bits()).collect::<Vec<u64>>();
            assert_eq!(bits(&v), bits(&want), "len {len}");
        }
        // a pass shared by every value is skipped without harm
        let mut same = vec![2.5; 1000];
        sort_floats(&mut same);
        assert!(same.iter().all(|&x| x == 2.5));
    }

    #[test]
    fn curve_is_monotone_and_result_sorted() {
        let cfg = QuorumConfig::new(5, 1, 2);
        let res = simulate(
            cfg,
            LatencyPreset::Disk.latencies(),
            20_000,
            &mut Rng::new(1),
        );
        assert_eq!(res.trials, 20_000);
        for v in [res.thresholds(), &res.read_latency, &res.write_latency] {
            assert_eq!(v.len(), 20_000);
            assert!(v.windows(2).all(|p| p[0] <= p[1]));
        }
        let fine: Vec<f64> = (0..2000).map(|i| i as f64 * 0.05 - 10.0).collect();
        let curve = res.curve(&fine);
        assert!(curve.windows(2).all(|p| p[0] <= p[1]));
        assert!(curve[0] >= 0.0 && curve[curve.len() - 1] <= 1.0);
        // a partial quorum with slow writes is visibly stale at commit
        assert!(res.p_consistent(0.0) < 0.95);
        assert!(res.p_consistent(1e9) == 1.0);
    }

    #[test]
    fn larger_quorums_never_lower_the_curve() {
        // why: same seed = same delays for every (r, w) (common random
        // numbers), and each trial's threshold can only fall as r or w grows,
        // so the comparison is exact, not statistical.
        let lat = LatencyPreset::Disk.latencies();
        for n in [3u32, 5] {
            let curves: Vec<Vec<Vec<f64>>> = (1..=n)
                .map(|r| {
                    (1..=n)
                        .map(|w| {
                            let cfg = QuorumConfig::new(n, r, w);
                            simulate(cfg, lat, 3000, &mut Rng::new(77)).curve(&TIMES)
                        })
                        .collect()
                })
                .collect();
            for r in 0..n as usize {
                for w in 0..n as usize {
                    for (ti, &t) in TIMES.iter().enumerate() {
                        let here = curves[r][w][ti];
                        if r + 1 < n as usize {
                            assert!(
                                curves[r + 1][w][ti] >= here,
                                "n={n} r={} w={} t={t}",
                                r + 1,
                                w + 1
                            );
                        }
                        if w + 1 < n as usize {
                            assert!(
                                curves[r][w + 1][ti] >= here,
                                "n={n} r={} w={} t={t}",
                                r + 1,
                                w + 1
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn strict_quorums_are_consistent_at_commit() {
        let mut rng = Rng::new(2);
        for preset in LatencyPreset::ALL {
            for (n, r, w) in [(3, 2, 2), (3, 1, 3), (5, 3, 3), (5, 4, 2), (15, 8, 8)] {
                let cfg = QuorumConfig::new(n, r, w);
                let res = simulate(cfg, preset.latencies(), 5000, &mut rng);
                assert_eq!(res.p_consistent(0.0), 1.0, "{cfg:?} {preset:?}");
                assert_eq!(res.time_to(1.0), 0.0);
            }
        }
    }

    #[test]
    fn instant_messages_reduce_to_random_quorums() {
        // why: with A = R = S = 0 the responders are fixed (ties in index
        // order), W_i are i.i.d., so the replicas holding the write at commit
        // are a uniformly random w-set: consistent at t = 0 with probability
        // exactly 1 − p_stale.
        let lat = Latencies {
            write: 3.0,
            ack: 0.0,
            read: 0.0,
            response: 0.0,
        };
        let trials = 100_000;
        let mut rng = Rng::new(5);
        for (n, r, w) in [(3, 1, 1), (5, 2, 2), (5, 1, 3), (10, 2, 3)] {
            let cfg = QuorumConfig::new(n, r, w);
            let p = simulate(cfg, lat, trials, &mut rng).p_consistent(0.0);
            let want = 1.0 - p_stale(cfg);
            let se = (want * (1.0 - want) / trials as f64).sqrt();
            assert!(
                (p - want).abs() <= 4.0 * se + 1e-9,
                "{cfg:?}: {p} vs {want}"
            );
        }
    }

    #[test]
    fn read_latency_grows_with_r_and_write_latency_with_w() {
        let lat = LatencyPreset::Ssd.latencies();
        let n = 5;
        let res: Vec<WarsResult> = (1..=n)
            .map(|q| simulate(QuorumConfig::new(n, q, q), lat, 5000, &mut Rng::new(3)))
            .collect();
        for q in [0.0, 0.5, 0.9, 0.99, 1.0] {
            for pair in res.windows(2) {
                assert!(pair[1].read_percentile(q) >= pair[0].read_percentile(q));
                assert!(pair[1].write_percentile(q) >= pair[0].write_percentile(q));
            }
            // medians strictly apart: order statistics of exponentials
            assert!(res[4].read_percentile(0.5) > res[0].read_percentile(0.5));
        }
        let r = &res[2];
        assert_eq!(r.read_percentile(0.0), r.read_latency[0]);
        assert_eq!(r.read_percentile(1.0), r.read_latency[4999]);
        assert_eq!(r.read_percentile(0.5), r.read_latency[2499]);
        assert_eq!(r.write_percentile(0.999), r.write_latency[4994]);
    }

    #[test]
    fn tiny_delays_reach_full_consistency() {
        let lat = Latencies {
            write: 1e-3,
            ack: 1e-3,
            read: 1e-3,
            response: 1e-3,
        };
        let res = simulate(QuorumConfig::new(5, 1, 1), lat, 10_000, &mut Rng::new(4));
        assert_eq!(res.p_consistent(1.0), 1.0);
        assert!(res.time_to(0.999) < 0.1);
    }

    #[test]
    fn time_to_inverts_the_curve() {
        let res = simulate(
            QuorumConfig::new(3, 1, 1),
            LatencyPreset::Wan.latencies(),
            997,
            &mut Rng::new(6),
        );
        for p in [0.0, 0.1, 0.5, 0.9, 0.99, 0.999, 1.0] {
            let t = res.time_to(p);
            assert!(t >= 0.0);
            assert!(res.p_consistent(t) >= p, "p={p}");
            // nothing earlier (on the threshold grid) reaches p
            if t > 0.0 {
                let below = res.thresholds().partition_point(|&x| x < t);
                assert!((below as f64 / 997.0) < p, "p={p}");
            }
        }
        assert_eq!(res.time_to(1.5), f64::INFINITY);
        assert_eq!(res.time_to(-1.0), 0.0);
        let empty = simulate(
            QuorumConfig::new(3, 1, 1),
            LatencyPreset::Ssd.latencies(),
            0,
            &mut Rng::new(6),
        );
        assert_eq!(empty.p_consistent(5.0), 0.0);
        assert_eq!(empty.read_percentile(0.5), 0.0);
        assert_eq!(empty.write_percentile(0.5), 0.0);
        assert_eq!(empty.time_to(0.5), f64::INFINITY);
    }

    #[test]
    fn shared_draws_give_the_same_runs_bit_for_bit() {
        let lat = LatencyPreset::Disk.latencies();
        let alive = [true, false, true, true, true];
        let draws = Draws::new(5, 3000, &mut Rng::new(12));
        assert_eq!((draws.n(), draws.trials()), (5, 3000));
        for (r, w, trials) in [(1, 1, 3000), (2, 3, 3000), (1, 2, 1200)] {
            let cfg = QuorumConfig::new(5, r, w);
            let own = simulate_with_failures(cfg, lat, &alive, trials, &mut Rng::new(12));
            let shared = simulate_draws(cfg, lat, &alive, &draws, trials);
            let bits = |x: &WarsResult| {
                [x.thresholds(), &x.read_latency, &x.write_latency]
                    .iter()
                    .flat_map(|v| v.iter().map(|f| f.to_bits()))
                    .collect::<Vec<u64>>()
            };
            assert!(shared.is_some());
            assert_eq!(own.as_ref().map(bits), shared.as_ref().map(bits));
        }
        // a zero mean is a zero delay: with instant acks a write commits
        // when its w-th replica applies it, never later than with real acks
        let cfg = QuorumConfig::new(5, 1, 2);
        let zero = Latencies { ack: 0.0, ..lat };
        let (fast, slow) = (
            simulate_draws(cfg, zero, &alive, &draws, 500),
            simulate_draws(cfg, lat, &alive, &draws, 500),
        );
        let (fast, slow) = (
            fast.unwrap_or_else(|| unreachable!()),
            slow.unwrap_or_else(|| unreachable!()),
        );
        assert!(fast
            .write_latency
            .iter()
            .zip(&slow.write_latency)
            .all(|(a, b)| a <= b));
        assert!(fast.write_latency[250] < slow.write_latency[250]);
        // draws made for another n, or too few of them, are refused
        assert!(simulate_draws(QuorumConfig::new(3, 1, 1), lat, &[], &draws, 10).is_none());
        assert!(simulate_draws(cfg, lat, &alive, &draws, 3001).is_none());
        let down = [false, false, false, false, true];
        assert!(simulate_draws(QuorumConfig::new(5, 2, 2), lat, &down, &draws, 10).is_none());
    }

    #[test]
    fn failures() {
        let cfg = QuorumConfig::new(5, 2, 3);
        let lat = LatencyPreset::Ssd.latencies();
        assert!(simulate_with_failures(
            cfg,
            lat,
            &[true, false, false, false, true],
            100,
            &mut Rng::new(1)
        )
        .is_none());
        assert!(simulate_with_failures(
            cfg,
            lat,
            &[true, false, false, true, true],
            100,
            &mut Rng::new(1)
        )
        .is_some());
        // all alive (or unspecified) is plain simulate
        let plain = simulate(cfg, lat, 2000, &mut Rng::new(9));
        assert_eq!(
            simulate_with_failures(cfg, lat, &[true; 5], 2000, &mut Rng::new(9)).as_ref(),
            Some(&plain)
        );
        assert_eq!(
            simulate_with_failures(cfg, lat, &[], 2000, &mut Rng::new(9)).as_ref(),
            Some(&plain)
        );
        // with exactly w = n − 2 survivors the write quorum is every live
        // replica, so every read among them overlaps it: consistent at commit
        let down = [false, true, true, true, false];
        let res = simulate_with_failures(cfg, lat, &down, 2000, &mut Rng::new(9));
        assert_eq!(res.map(|r| r.p_consistent(0.0)), Some(1.0));
    }
}
