//! One limit enforced by `K` gateways: how much more than the limit gets
//! through when they only share counts every `S` µs, or what a central
//! counter costs instead.
//!
//! The limit is a fixed window counter, `L` per aligned window `W`, on one
//! shared key: the whole stream counts against it and client ids are
//! ignored. Counts are what gateways can cheaply add up, which is why real
//! deployments share them rather than bucket states.
//!
//! - [`Sharing::Sync`]: each gateway admits while the global count it last
//!   heard plus what it admitted since is below `L`; every `S` µs (at
//!   multiples of `S`) all gateways learn the true global count. Between
//!   syncs the `K` gateways spend the same remaining allowance
//!   independently, so up to `K` times the limit can get through.
//! - [`Sharing::Central`]: every request asks one counter a round trip
//!   away. Atomic increment-and-check is exact and costs the round trip;
//!   read-then-write lets every request whose read lands before earlier
//!   writes see a stale count.

use super::fixed_window::FixedWindow;
use super::limiter::{Limiter, Params};
use super::run::max_in_window;
use super::traffic::Request;
use crate::rng::Rng;
use std::collections::VecDeque;

/// Most gateways a simulation uses (more are clamped).
pub const MAX_GATEWAYS: u32 = 256;

/// How requests are spread over gateways.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spread {
    /// In turn, starting from a gateway drawn from the seed.
    RoundRobin,
    /// Each request to a gateway drawn uniformly from the seed.
    Random,
}

/// How the gateways share the limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sharing {
    /// Local counts, exchanged every `every_us` µs; 0 means after every
    /// request (exact).
    Sync {
        /// Interval between exchanges in µs.
        every_us: u64,
    },
    /// One central counter `round_trip_us` away from every gateway.
    Central {
        /// Gateway to counter and back, in µs.
        round_trip_us: u64,
        /// Increment-and-check in one call; otherwise a read, then a write
        /// that lands a round trip later.
        atomic: bool,
    },
}

/// One distributed configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Setup {
    /// The intended limit: `L` per aligned window `W` (burst is unused).
    pub params: Params,
    /// `K`, clamped to `1..=MAX_GATEWAYS`.
    pub gateways: u32,
    /// How they share it.
    pub sharing: Sharing,
    /// How requests reach them.
    pub spread: Spread,
    /// Seed for the spread.
    pub seed: u64,
}

/// What a distributed configuration let through.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// `K` as used.
    pub gateways: u32,
    /// The sharing simulated.
    pub sharing: Sharing,
    /// Requests admitted.
    pub accepted: u64,
    /// Requests refused.
    pub rejected: u64,
    /// What one fixed window counter seeing every request admits.
    pub ideal_accepted: u64,
    /// Most admitted in one aligned window (the limit is `L`).
    pub worst_window: u32,
    /// Most admitted in any window of length `W`.
    pub max_in_window: u32,
    /// `worst_window − L`, or 0: requests over the limit in the worst window.
    pub excess: u32,
    /// `worst_window / L`: 1 is on target, `K` is the worst sync can do.
    pub over_ratio: f64,
    /// Latency each request pays for the decision, in µs.
    pub added_latency_us: u64,
    /// Messages exchanged: 2 per gateway per sync (report and hear the
    /// total), 2 per request for a central atomic call, 4 for a read and a
    /// write, 2 per request for sync after every request.
    pub messages: u64,
    /// Requests admitted by each gateway.
    pub per_gateway: Vec<u64>,
}

/// Simulates `setup` on `stream` (sorted by time; an earlier time is taken
/// as the latest seen).
pub fn simulate(stream: &[Request], setup: &Setup) -> Report {
    let params = setup.params.clamped();
    let k = setup.gateways.clamp(1, MAX_GATEWAYS);
    let mut rng = Rng::new(setup.seed);
    let start = rng.below(u64::from(k));
    let mut now = 0u64;
    let arrivals: Vec<(u64, usize)> = stream
        .iter()
        .enumerate()
        .map(|(i, r)| {
            now = now.max(r.t_us);
            let g = match setup.spread {
                Spread::RoundRobin => (start + i as u64) % u64::from(k),
                Spread::Random => rng.below(u64::from(k)),
            };
            (now, g as usize)
        })
        .collect();
    let admitted = match setup.sharing {
        Sharing::Sync { every_us } => sync(&arrivals, params, k, every_us),
        Sharing::Central {
            round_trip_us,
            atomic,
        } => central(&arrivals, params, round_trip_us, atomic),
    };
    let mut per_gateway = vec![0u64; k as usize];
    let mut times = Vec::new();
    for (&(t, g), &ok) in arrivals.iter().zip(&admitted) {
        if ok {
            per_gateway[g] += 1;
            times.push(t);
        }
    }
    let accepted = times.len() as u64;
    let worst_window = worst_aligned(&times, params.window_us);
    let mut ideal = FixedWindow::from_params(params);
    let ideal_accepted = arrivals
        .iter()
        .filter(|&&(t, _)| ideal.decide(t).admitted())
        .count() as u64;
    let n = stream.len() as u64;
    let (added_latency_us, messages) = match setup.sharing {
        Sharing::Sync { every_us: 0 } => (0, 2 * n),
        Sharing::Sync { every_us } => {
            let syncs = match (arrivals.first(), arrivals.last()) {
                (Some(a), Some(b)) => b.0 / every_us - a.0 / every_us + 1,
                _ => 0,
            };
            (0, syncs * 2 * u64::from(k))
        }
        Sharing::Central {
            round_trip_us,
            atomic,
        } => (round_trip_us, if atomic { 2 * n } else { 4 * n }),
    };
    Report {
        gateways: k,
        sharing: setup.sharing,
        accepted,
        rejected: n - accepted,
        ideal_accepted,
        worst_window,
        max_in_window: max_in_window(&times, params.window_us),
        excess: worst_window.saturating_sub(params.limit),
        over_ratio: f64::from(worst_window) / f64::from(params.limit),
        added_latency_us,
        messages,
        per_gateway,
    }
}

/// Most of the sorted `times` falling in one aligned window `[jW, (j+1)W)`.
fn worst_aligned(times: &[u64], window_us: u64) -> u32 {
    let mut best = 0u32;
    let mut current = (u64::MAX, 0u32);
    for &t in times {
        let w = t / window_us;
        current = if w == current.0 {
            (w, current.1 + 1)
        } else {
            (w, 1)
        };
        best = best.max(current.1);
    }
    best
}

/// Periodic sharing: which of the `(time, gateway)` arrivals are admitted.
fn sync(arrivals: &[(u64, usize)], params: Params, k: u32, every_us: u64) -> Vec<bool> {
    let limit = params.limit;
    let w = params.window_us;
    let mut window = 0u64;
    // why: the true count in the current window, the count every gateway
    // heard at the last sync, and what each admitted since then. A sync
    // resets every local count, so each carries the sync it belongs to
    // instead of being cleared one by one.
    let mut global = 0u32;
    let mut heard = 0u32;
    let mut local = vec![(0u64, 0u32); k as usize];
    let mut sync_id = 0u64;
    let mut epoch: Option<u64> = None;
    /// Moves to window `to`, clearing every count if it is a new one.
    fn roll(to: u64, window: &mut u64, global: &mut u32, heard: &mut u32, id: &mut u64) {
        if to != *window {
            *window = to;
            *global = 0;
            *heard = 0;
            *id += 1;
        }
    }
    arrivals
        .iter()
        .map(|&(t, g)| {
            if every_us > 0 && epoch != Some(t / every_us) {
                // why: only the last sync before `t` matters; no request
                // happened between it and any skipped earlier one.
                let e = t / every_us;
                epoch = Some(e);
                roll(
                    e * every_us / w,
                    &mut window,
                    &mut global,
                    &mut heard,
                    &mut sync_id,
                );
                heard = global;
                sync_id += 1;
            }
            roll(t / w, &mut window, &mut global, &mut heard, &mut sync_id);
            let mine = &mut local[g];
            if mine.0 != sync_id {
                *mine = (sync_id, 0);
            }
            let seen = if every_us == 0 {
                global
            } else {
                heard + mine.1
            };
            if seen < limit {
                mine.1 += 1;
                global += 1;
                true
            } else {
                false
            }
        })
        .collect()
}

/// A central counter: which arrivals are admitted.
fn central(
    arrivals: &[(u64, usize)],
    params: Params,
    round_trip_us: u64,
    atomic: bool,
) -> Vec<bool> {
    if atomic {
        // why: calls reach the counter in arrival order (every gateway is
        // the same distance away), so it is one exact fixed window.
        let mut counter = FixedWindow::from_params(params);
        return arrivals
            .iter()
            .map(|&(t, _)| counter.decide(t).admitted())
            .collect();
    }
    // why: a read sent at t lands at t + r/2; an admitted request's write
    // lands at t + 3r/2. So request i sees exactly the admitted j in its
    // window with t_j + r <= t_i (earlier in the stream when r = 0).
    let w = params.window_us;
    let mut pending: VecDeque<(u64, u64)> = VecDeque::new();
    let mut applied = (0u64, 0u32);
    arrivals
        .iter()
        .map(|&(t, _)| {
            while let Some(&(tj, wj)) = pending.front() {
                if tj.saturating_add(round_trip_us) > t {
                    break;
                }
                pending.pop_front();
                applied = if wj == applied.0 {
                    (wj, applied.1 + 1)
                } else {
                    (wj, 1)
                };
            }
            let window = t / w;
            let seen = if applied.0 == window { applied.1 } else { 0 };
            let ok = seen < params.limit;
            if ok {
                pending.push_back((t, window));
            }
            ok
        })
        .collect()
}

/// [`simulate`] with periodic sharing for every `K` in `gateways` and every
/// interval in `every_us`, `K`-major.
pub fn sweep(
    stream: &[Request],
    params: Params,
    gateways: &[u32],
    every_us: &[u64],
    spread: Spread,
    seed: u64,
) -> Vec<Report> {
    gateways
        .iter()
        .flat_map(|&k| {
            every_us.iter().map(move |&s| {
                simulate(
                    stream,
                    &Setup {
                        params,
                        gateways: k,
                        sharing: Sharing::Sync { every_us: s },
                        spread,
                        seed,
                    },
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::traffic::poisson;
    use super::*;

    fn at(times: &[u64]) -> Vec<Request> {
        times
            .iter()
            .map(|&t_us| Request { t_us, client: 0 })
            .collect()
    }

    fn setup(k: u32, sharing: Sharing) -> Setup {
        Setup {
            params: Params::new(4, 100),
            gateways: k,
            sharing,
            spread: Spread::RoundRobin,
            seed: 1,
        }
    }

    #[test]
    fn hand_worked_sync() {
        // L = 4 per 100 µs, two gateways in turn, exchanging every 10 µs.
        let stream = at(&[1, 2, 3, 4, 5, 6, 11, 12, 21, 101, 102]);
        let r = simulate(&stream, &setup(2, Sharing::Sync { every_us: 10 }));
        // at 1..6 each gateway heard 0 and admits 4 itself: 6 of 6 pass;
        // at 10 both hear 6 ≥ 4: 11, 12, 21 are refused; at 101 a new window.
        assert_eq!(r.accepted, 8);
        assert_eq!(r.worst_window, 6);
        assert_eq!(r.excess, 2);
        assert!((r.over_ratio - 1.5).abs() < 1e-12);
        assert_eq!(r.ideal_accepted, 6);
        assert_eq!(r.per_gateway.iter().sum::<u64>(), 8);
        // syncs at 0, 10, …, 100: 11 instants, 2 messages per gateway
        assert_eq!(r.messages, 11 * 2 * 2);
    }

    #[test]
    fn one_gateway_or_instant_sharing_is_exact() {
        let stream = poisson(200.0, 2_000_000, &mut Rng::new(3));
        for s in [
            Sharing::Sync { every_us: 0 },
            Sharing::Central {
                round_trip_us: 500,
                atomic: true,
            },
        ] {
            let r = simulate(&stream, &setup(8, s));
            assert_eq!(r.accepted, r.ideal_accepted, "{s:?}");
            assert!(r.worst_window <= 4);
        }
        for every_us in [1, 1000, 1_000_000] {
            let r = simulate(&stream, &setup(1, Sharing::Sync { every_us }));
            assert_eq!(r.accepted, r.ideal_accepted);
            assert_eq!(r.excess, 0);
        }
    }

    #[test]
    fn over_admission_grows_with_gateways_and_interval() {
        let stream = poisson(50_000.0, 1_000_000, &mut Rng::new(4));
        let p = Params::new(20, 10_000);
        let reports = sweep(&stream, p, &[1, 4, 16], &[100, 10_000], Spread::Random, 7);
        assert_eq!(reports.len(), 6);
        let worst = |i: usize| reports[i].worst_window;
        assert_eq!(worst(0), 20);
        assert_eq!(worst(1), 20);
        assert!(worst(3) > worst(2), "{} {}", worst(3), worst(2));
        assert!(worst(5) > worst(3));
        // syncing once per window lets each gateway spend the whole limit
        assert!(worst(5) <= 16 * 20);
        assert!(reports.iter().all(|r| r.worst_window <= r.gateways * 20));
    }

    #[test]
    fn racing_reads_over_admit() {
        // 10 requests in 5 µs against L = 4 and a 100 µs round trip: every
        // read lands before any write, so all pass.
        let stream = at(&[0, 1, 2, 3, 4, 5, 5, 5, 5, 5]);
        let racy = Sharing::Central {
            round_trip_us: 100,
            atomic: false,
        };
        let r = simulate(&stream, &setup(3, racy));
        assert_eq!(r.accepted, 10);
        assert_eq!(r.added_latency_us, 100);
        assert_eq!(r.messages, 40);
        // writes visible 2 µs later: the request at t sees those admitted
        // at or before t − 2, so 0..=4 see 0, 0, 1, 2, 3 and pass; the five
        // at 5 see 4 and are refused.
        let quick = Sharing::Central {
            round_trip_us: 2,
            atomic: false,
        };
        let r = simulate(&stream, &setup(3, quick));
        assert_eq!(r.accepted, 5);
        let exact = Sharing::Central {
            round_trip_us: 0,
            atomic: false,
        };
        assert_eq!(simulate(&stream, &setup(3, exact)).accepted, 4);
    }
}
