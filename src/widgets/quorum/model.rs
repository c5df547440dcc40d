//! What the quorum widget computes, as plain functions over [`QuorumState`].

use super::state::{Means, Profile, QuorumState};
use sim::quorum::monte_carlo::{self, Estimate};
use sim::quorum::timeline::{self, Timeline};
use sim::quorum::wars::{self, Draws, Latencies, LatencyPreset, WarsResult};
use sim::quorum::{closed, QuorumConfig};
use sim::rng::Rng;

/// Replica-trials one simulation may use. A WARS trial costs about one unit per
/// replica, so with N = 15 the page runs fewer trials than with N = 3: either way
/// one recomputation stays within about a frame.
pub const TRIAL_BUDGET: u32 = 30_000;

/// The trials actually run for the state: what the slider asks for, within
/// [`TRIAL_BUDGET`] divided by N.
pub fn effective_trials(s: &QuorumState) -> u32 {
    s.trials
        .min(TRIAL_BUDGET / s.n.max(1))
        .max(super::state::MIN_TRIALS)
}

/// Points on the staleness-over-time curve.
pub const CURVE_POINTS: usize = 120;

/// The means of a named profile, from the simulation's presets.
pub fn profile_means(p: Profile) -> Means {
    let preset = match p {
        Profile::Ssd | Profile::Custom => LatencyPreset::Ssd,
        Profile::Disk => LatencyPreset::Disk,
        Profile::Wan => LatencyPreset::Wan,
    };
    let l = preset.latencies();
    Means {
        write: l.write,
        ack: l.ack,
        read: l.read,
        response: l.response,
    }
}

/// The simulation's latencies for the state's means.
pub fn latencies(m: Means) -> Latencies {
    Latencies {
        write: m.write,
        ack: m.ack,
        read: m.read,
        response: m.response,
    }
}

/// Quorum arithmetic and availability under the current failures.
#[derive(Clone, Debug, PartialEq)]
pub struct Availability {
    /// R, W, N.
    pub cfg: QuorumConfig,
    /// Replicas up.
    pub alive: u32,
    /// Whether a write can gather W acks.
    pub can_write: bool,
    /// Whether a read can gather R replies.
    pub can_read: bool,
}

/// Availability of the state's setting.
pub fn availability(s: &QuorumState) -> Availability {
    let cfg = QuorumConfig::new(s.n, s.r, s.w);
    let alive = s.alive_count();
    Availability {
        cfg,
        alive,
        can_write: cfg.can_write(alive),
        can_read: cfg.can_read(alive),
    }
}

/// Closed forms beside their Monte Carlo estimates.
#[derive(Clone, Debug, PartialEq)]
pub struct Staleness {
    /// Exact probability that a read misses the latest write.
    pub stale: f64,
    /// Its estimate.
    pub stale_mc: Estimate,
    /// Exact probability that a read returns one of the last k versions.
    pub within_k: f64,
    /// Its estimate.
    pub within_k_mc: Estimate,
    /// Probability the read and write sets share exactly j replicas.
    pub overlap: Vec<f64>,
}

/// The staleness figures, seeded from the state.
pub fn staleness(s: &QuorumState) -> Staleness {
    staleness_of(&StalenessInputs::of(s))
}

/// Everything the staleness figures depend on.
#[derive(Clone, Debug, PartialEq)]
pub struct StalenessInputs {
    /// N, R, W.
    pub cfg: QuorumConfig,
    /// Versions a read may lag by.
    pub k: u32,
    /// Trials of each simulation.
    pub trials: u32,
    /// The seed.
    pub seed: u64,
}

impl StalenessInputs {
    /// The inputs in `s`.
    pub fn of(s: &QuorumState) -> StalenessInputs {
        StalenessInputs {
            cfg: QuorumConfig::new(s.n, s.r, s.w),
            k: s.k,
            trials: effective_trials(s),
            seed: s.seed,
        }
    }
}

/// The staleness figures of `i`.
pub fn staleness_of(i: &StalenessInputs) -> Staleness {
    let cfg = i.cfg;
    let mut rng = Rng::new(i.seed ^ 0x5154_414c_454e_4553);
    let trials = u64::from(i.trials);
    let stale_mc = monte_carlo::stale(cfg, trials, &mut rng);
    let within_k_mc = monte_carlo::within_k(cfg, i.k, trials, &mut rng);
    Staleness {
        stale: closed::p_stale(cfg),
        stale_mc,
        within_k: closed::p_within_k(cfg, i.k),
        within_k_mc,
        overlap: closed::overlap_pmf(cfg),
    }
}

/// The delays the staleness chart's simulations scale: unit-mean draws for
/// as many trials as any trial count allows at `n` replicas, from the seed.
/// Both settings on the chart, every mean and every trial count share them,
/// so only a new N or seed draws again.
pub fn draws(n: u32, seed: u64) -> Draws {
    let most = (TRIAL_BUDGET / n.max(1)).clamp(super::state::MIN_TRIALS, super::state::MAX_TRIALS);
    // Both settings share the seed: common random numbers make them comparable.
    let mut rng = Rng::new(seed ^ 0x5741_5253);
    Draws::new(n, most as usize, &mut rng)
}

/// The WARS simulation of setting `(r, w)` on `draws` (whose replica count
/// is N) with the replicas `alive` up, or `None` when the failures leave too
/// few replicas for it to read or write.
pub fn wars_run(
    d: &Draws,
    (r, w): (u32, u32),
    alive: &[bool],
    means: Means,
    trials: u32,
) -> Option<WarsResult> {
    wars::simulate_draws(
        QuorumConfig::new(d.n(), r, w),
        latencies(means),
        alive,
        d,
        trials as usize,
    )
}

/// [`wars_run`] for the state's failures, means and trials.
pub fn wars_from(d: &Draws, s: &QuorumState, rw: (u32, u32)) -> Option<WarsResult> {
    wars_run(d, rw, &s.alive(), s.means, effective_trials(s))
}

/// The WARS simulation of one setting, or `None` when the failures leave too
/// few replicas for it to read or write.
pub fn wars_of(s: &QuorumState, r: u32, w: u32) -> Option<WarsResult> {
    wars_from(&draws(s.n, s.seed), s, (r, w))
}

/// The setting the chart compares with, as (R, W): the chosen one, unless it
/// is the setting itself (a line drawn against itself says nothing); then
/// one read and one write if the setting's quorums overlap, majorities if
/// they do not. `None` with a single replica, where no other setting exists.
pub fn comparison(s: &QuorumState) -> Option<(u32, u32)> {
    if (s.cmp_r, s.cmp_w) != (s.r, s.w) {
        return Some((s.cmp_r, s.cmp_w));
    }
    if s.n <= 1 {
        return None;
    }
    if s.r + s.w > s.n {
        Some((1, 1))
    } else {
        let m = s.n / 2 + 1;
        Some((m, m))
    }
}

/// The chart's time axis: long enough for the slower setting to reach 99.9%.
pub fn curve_end(a: Option<&WarsResult>, b: Option<&WarsResult>, m: Means) -> f64 {
    let t = [a, b]
        .into_iter()
        .flatten()
        .map(|r| r.time_to(0.999))
        .fold(0.0f64, f64::max);
    // Never shorter than a couple of round trips, so a flat line still has context.
    (t * 1.15).max(2.0 * (m.write + m.ack).max(m.read + m.response))
}

/// Points of one curve.
pub fn curve(r: &WarsResult, end: f64) -> Vec<(f64, f64)> {
    let times: Vec<f64> = (0..=CURVE_POINTS)
        .map(|i| end * i as f64 / CURVE_POINTS as f64)
        .collect();
    let ps = r.curve(&times);
    times.into_iter().zip(ps).collect()
}

/// The replicas a sampled write and a sampled read reach, for the diagram:
/// random W and R live replicas, drawn from the seed.
pub fn sample_sets(s: &QuorumState) -> (Vec<u32>, Vec<u32>) {
    let live: Vec<u32> = (0..s.n).filter(|i| !s.failed.contains(i)).collect();
    let mut rng = Rng::new(s.seed ^ 0x5345_5453);
    let mut pick = |k: u32| {
        let mut pool = live.clone();
        let k = (k as usize).min(pool.len());
        for i in 0..k {
            let j = i + rng.below((pool.len() - i) as u64) as usize;
            pool.swap(i, j);
        }
        let mut chosen = pool[..k].to_vec();
        chosen.sort_unstable();
        chosen
    };
    let w = pick(s.w);
    let r = pick(s.r);
    (w, r)
}

/// The animated write and read.
pub fn timeline_of(s: &QuorumState) -> Timeline {
    let cfg = QuorumConfig::new(s.n, s.r, s.w);
    let mut rng = Rng::new(s.seed ^ 0x5449_4d45);
    timeline::timeline(
        cfg,
        latencies(s.means),
        s.read_start,
        s.repair,
        &s.alive(),
        &mut rng,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_clusters_run_fewer_trials() {
        let small = QuorumState {
            n: 3,
            trials: 50_000,
            ..QuorumState::default()
        };
        let large = QuorumState {
            n: 15,
            trials: 50_000,
            ..QuorumState::default()
        };
        assert_eq!(effective_trials(&small), 10_000);
        assert_eq!(effective_trials(&large), 2_000);
        assert_eq!(effective_trials(&QuorumState::default()), 10_000);
        assert_eq!(staleness(&large).stale_mc.trials, 2_000);
    }

    #[test]
    fn sampled_sets_have_quorum_sizes_and_avoid_crashed_replicas() {
        let s = QuorumState {
            n: 5,
            r: 2,
            w: 3,
            failed: vec![0],
            ..QuorumState::default()
        };
        let (w, r) = sample_sets(&s);
        assert_eq!((w.len(), r.len()), (3, 2));
        assert!(!w.contains(&0) && !r.contains(&0));
    }

    #[test]
    fn estimates_sit_near_the_closed_forms() {
        let s = QuorumState {
            n: 5,
            r: 2,
            w: 2,
            trials: 50_000,
            ..QuorumState::default()
        };
        let st = staleness(&s);
        assert!((st.stale - st.stale_mc.p).abs() <= 5.0 * st.stale_mc.stderr + 1e-9);
        assert!((st.within_k - st.within_k_mc.p).abs() <= 5.0 * st.within_k_mc.stderr + 1e-9);
    }

    #[test]
    fn strict_quorums_read_the_latest_write_at_once() {
        let s = QuorumState::default();
        let r = wars_of(&s, 2, 2).map(|r| r.p_consistent(0.0));
        assert_eq!(r, Some(1.0));
        let weak = wars_of(&s, 1, 1)
            .map(|r| r.p_consistent(0.0))
            .unwrap_or(1.0);
        assert!(weak < 1.0);
    }

    #[test]
    fn the_chart_never_compares_a_setting_with_itself() {
        for n in 1..=super::super::state::MAX_N {
            for r in 1..=n {
                for w in 1..=n {
                    let s = QuorumState {
                        n,
                        r,
                        w,
                        cmp_r: r,
                        cmp_w: w,
                        ..QuorumState::default()
                    };
                    let c = comparison(&s);
                    assert_eq!(c.is_none(), n == 1);
                    if let Some((cr, cw)) = c {
                        assert_ne!((cr, cw), (r, w));
                        assert!(cr >= 1 && cr <= n && cw >= 1 && cw <= n);
                        // the other side of R + W > N
                        assert_ne!(cr + cw > n, r + w > n, "n={n} r={r} w={w}");
                    }
                    let chosen = QuorumState {
                        cmp_r: 1,
                        cmp_w: n,
                        ..s.clone()
                    };
                    if (1, n) != (r, w) {
                        assert_eq!(comparison(&chosen), Some((1, n)));
                    }
                }
            }
        }
    }

    #[test]
    fn both_settings_share_one_set_of_draws() {
        let s = QuorumState {
            n: 5,
            r: 1,
            w: 2,
            cmp_r: 3,
            cmp_w: 3,
            trials: 4_000,
            failed: vec![3],
            ..QuorumState::default()
        };
        let d = draws(s.n, s.seed);
        assert_eq!(d.trials(), 6_000);
        // the chart's runs are the ones a simulation of its own would give
        let mut rng = Rng::new(s.seed ^ 0x5741_5253);
        let own = wars::simulate_with_failures(
            QuorumConfig::new(5, 3, 3),
            latencies(s.means),
            &s.alive(),
            4_000,
            &mut rng,
        );
        assert_eq!(wars_from(&d, &s, (3, 3)), own);
        assert_eq!(wars_from(&d, &s, (1, 2)), wars_of(&s, 1, 2));
        assert_eq!(wars_from(&d, &s, (1, 2)).map(|r| r.trials), Some(4_000));
    }

    #[test]
    fn too_many_failures_make_the_simulation_unavailable() {
        let s = QuorumState {
            failed: vec![0, 1],
            ..QuorumState::default()
        };
        assert!(wars_of(&s, 2, 2).is_none());
        let a = availability(&s);
        assert!(!a.can_write && !a.can_read);
    }

    #[test]
    fn the_curve_spans_the_axis_and_never_falls() {
        let s = QuorumState::default();
        let r = wars_of(&s, 1, 1);
        let end = curve_end(r.as_ref(), None, s.means);
        let c = r.map(|r| curve(&r, end)).unwrap_or_default();
        assert_eq!(c.len(), CURVE_POINTS + 1);
        assert!(c.windows(2).all(|p| p[1].1 >= p[0].1));
        assert!(c.last().map_or(0.0, |p| p.1) >= 0.999);
    }
}
