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
use order::{kth_smallest, rank_of, sort_floats};

mod order;

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

#[cfg(test)]
mod tests;
