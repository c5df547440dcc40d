//! Running one stream through every selected algorithm, per client: the
//! outcome of each request, sampled state series for the lane plots and the
//! summary readouts under each lane.
//!
//! The stream should be sorted by time. A request earlier than one before it
//! is decided at the latest time seen so far (its "effective" time), which is
//! also what the limiters themselves would do.

use super::fixed_window::FixedWindow;
use super::gcra::Gcra;
use super::leaky_queue::LeakyQueue;
use super::limiter::{AlgorithmKind, Decision, Limiter, Params, State};
use super::sliding_counter::SlidingCounter;
use super::sliding_log::SlidingLog;
use super::token_bucket::TokenBucket;
use super::traffic::Request;

/// Clients with their own state series (the first ones by id); the others
/// still count in every summary.
pub const MAX_SERIES_CLIENTS: usize = 8;

/// Most state samples per series.
pub const MAX_SAMPLES: usize = 10_000;

/// Most distinct clients a run keeps limiters for; larger ids share
/// limiters (id modulo this).
pub const MAX_RUN_CLIENTS: u32 = 100_000;

/// The readouts under one lane.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Summary {
    /// Requests let through, now or after a delay.
    pub accepted: u64,
    /// Requests refused.
    pub rejected: u64,
    /// Accepted requests that had to wait.
    pub delayed: u64,
    /// The largest number of requests of one client let through in any
    /// window of length `W` (by the time they go through): the limit when
    /// the algorithm is exact, up to `2L` for the fixed window.
    pub max_in_window: u32,
    /// Mean wait over accepted requests, in µs (0 when none).
    pub mean_delay_us: f64,
    /// Longest wait, in µs.
    pub worst_delay_us: u64,
    /// Largest [`Limiter::memory`] of any one client after any decision.
    pub memory_peak: usize,
    /// [`Limiter::memory`] summed over clients at the end.
    pub memory_final: usize,
}

/// One algorithm's results on the stream.
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// The algorithm.
    pub kind: AlgorithmKind,
    /// Per request (stream order): whether it was let through.
    pub accepted: Vec<bool>,
    /// Per request: its wait in µs; empty unless [`AlgorithmKind::delays`].
    pub delays_us: Vec<u64>,
    /// `series[c][k]`: client `c`'s state at [`Run::sample_times_us`]`[k]`,
    /// for the first [`MAX_SERIES_CLIENTS`] clients.
    pub series: Vec<Vec<State>>,
    /// The readouts.
    pub summary: Summary,
}

impl Lane {
    /// The decision on request `i` (a `Reject` past the end).
    pub fn decision(&self, i: usize) -> Decision {
        match (self.accepted.get(i), self.delays_us.get(i)) {
            (Some(true), Some(&d)) if d > 0 => Decision::Delay(d),
            (Some(true), _) => Decision::Accept,
            _ => Decision::Reject,
        }
    }
}

/// Every selected algorithm's results on one stream.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// The (clamped) parameters every algorithm was built from.
    pub params: Params,
    /// Clients with their own limiters (largest id + 1, capped).
    pub clients: u32,
    /// When the states were sampled, evenly from the first request to the last.
    pub sample_times_us: Vec<u64>,
    /// [`Summary::max_in_window`] of the offered stream itself: what an
    /// algorithm admitting everything would reach.
    pub offered_max_in_window: u32,
    /// One lane per selected algorithm, in the order given.
    pub lanes: Vec<Lane>,
}

/// The largest number of `times` (sorted ascending) inside any half-open
/// window `[t, t + window_us)`, by two pointers in O(n).
pub fn max_in_window(times: &[u64], window_us: u64) -> u32 {
    let mut best = 0;
    let mut lo = 0;
    for (hi, &t) in times.iter().enumerate() {
        // why: `times[lo]` and `t` fit in one window iff `t − times[lo] < W`.
        while t - times[lo] >= window_us {
            lo += 1;
        }
        best = best.max(hi - lo + 1);
    }
    u32::try_from(best).unwrap_or(u32::MAX)
}

/// [`max_in_window`] per client: `ids[i]` is the client of `times[i]`, and
/// each client's times are in non-decreasing order; the largest over clients.
fn max_in_window_per_client(ids: &[u32], times: &[u64], clients: u32, window_us: u64) -> u32 {
    if clients <= 1 {
        return max_in_window(times, window_us);
    }
    // why: a counting sort by client keeps every client's times in order
    // and the whole readout O(n + clients).
    let mut start = vec![0usize; clients as usize + 1];
    for &c in ids {
        start[c as usize + 1] += 1;
    }
    for c in 0..clients as usize {
        start[c + 1] += start[c];
    }
    let mut fill = start.clone();
    let mut sorted = vec![0u64; times.len()];
    for (&c, &t) in ids.iter().zip(times) {
        sorted[fill[c as usize]] = t;
        fill[c as usize] += 1;
    }
    start
        .windows(2)
        .map(|w| max_in_window(&sorted[w[0]..w[1]], window_us))
        .max()
        .unwrap_or(0)
}

/// Sample instants: `samples` (at most [`MAX_SAMPLES`]) evenly spaced from
/// `first` to `last` inclusive.
fn sample_times(first: u64, last: u64, samples: usize) -> Vec<u64> {
    let n = samples.min(MAX_SAMPLES);
    if n <= 1 {
        return if n == 1 { vec![last] } else { Vec::new() };
    }
    let span = u128::from(last - first);
    (0..n)
        .map(|k| first + (span * k as u128 / (n as u128 - 1)) as u64)
        .collect()
}

/// Runs `stream` through every algorithm in `kinds`, one limiter per client
/// per algorithm, sampling each state series at `samples` instants.
pub fn run(stream: &[Request], params: Params, kinds: &[AlgorithmKind], samples: usize) -> Run {
    let params = params.clamped();
    let mut clients = 1u32;
    for r in stream {
        clients = clients.max(r.client.saturating_add(1));
    }
    let clients = clients.min(MAX_RUN_CLIENTS);
    // why: client indices and effective times are computed once here, not
    // per algorithm. Ids past the cap wrap (a modulo is a division, so only
    // then). Effective times are the running maximum, so everything below
    // can rely on them being sorted even if the stream is not.
    let mut ids: Vec<u32> = Vec::with_capacity(stream.len());
    let mut effective: Vec<u64> = Vec::with_capacity(stream.len());
    let mut latest = 0u64;
    for r in stream {
        ids.push(if r.client < clients {
            r.client
        } else {
            r.client % clients
        });
        latest = latest.max(r.t_us);
        effective.push(latest);
    }
    let (first, last) = match (effective.first(), effective.last()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => (0, 0),
    };
    let times = if stream.is_empty() {
        Vec::new()
    } else {
        sample_times(first, last, samples)
    };
    let offered_max_in_window =
        max_in_window_per_client(&ids, &effective, clients, params.window_us);
    let lanes = kinds
        .iter()
        .map(|&kind| run_lane(&ids, &effective, clients, params, kind, &times))
        .collect();
    Run {
        params,
        clients,
        sample_times_us: times,
        offered_max_in_window,
        lanes,
    }
}

/// One algorithm over the stream: builds the typed limiter and runs it.
fn run_lane(
    ids: &[u32],
    effective: &[u64],
    clients: u32,
    params: Params,
    kind: AlgorithmKind,
    times: &[u64],
) -> Lane {
    // why: one monomorphised loop per algorithm, so `decide` inlines and no
    // per-request `match` on the kind remains.
    match kind {
        AlgorithmKind::TokenBucket => lane_of(
            TokenBucket::from_params(params),
            ids,
            effective,
            clients,
            params,
            times,
        ),
        AlgorithmKind::LeakyQueue => lane_of(
            LeakyQueue::from_params(params),
            ids,
            effective,
            clients,
            params,
            times,
        ),
        AlgorithmKind::Gcra => lane_of(
            Gcra::from_params(params),
            ids,
            effective,
            clients,
            params,
            times,
        ),
        AlgorithmKind::FixedWindow => lane_of(
            FixedWindow::from_params(params),
            ids,
            effective,
            clients,
            params,
            times,
        ),
        AlgorithmKind::SlidingLog => lane_of(
            SlidingLog::from_params(params),
            ids,
            effective,
            clients,
            params,
            times,
        ),
        AlgorithmKind::SlidingCounter => lane_of(
            SlidingCounter::from_params(params),
            ids,
            effective,
            clients,
            params,
            times,
        ),
    }
}

/// One algorithm over the stream, `fresh` cloned for every client.
fn lane_of<L: Limiter + Clone>(
    fresh: L,
    ids: &[u32],
    effective: &[u64],
    clients: u32,
    params: Params,
    times: &[u64],
) -> Lane {
    let kind = fresh.kind();
    let n = ids.len();
    // why: memory only changes for the log and the queue, and only grows
    // when a request is admitted; the others keep a fixed few words.
    let grows = matches!(kind, AlgorithmKind::SlidingLog | AlgorithmKind::LeakyQueue);
    let mut summary = Summary {
        memory_peak: fresh.memory(),
        ..Summary::default()
    };
    let mut limiters: Vec<L> = vec![fresh; clients as usize];
    let plotted = (clients as usize).min(MAX_SERIES_CLIENTS);
    let mut series: Vec<Vec<State>> = vec![Vec::with_capacity(times.len()); plotted];
    let mut accepted = vec![false; n];
    let mut delays_us = if kind.delays() {
        vec![0u64; n]
    } else {
        Vec::new()
    };
    // why: release times of admitted requests, collected as we go for the
    // window readout (plain pushes stay cheap even at opt-level "z").
    let mut released: Vec<u64> = Vec::with_capacity(n);
    let mut released_ids: Vec<u32> = Vec::with_capacity(if clients > 1 { n } else { 0 });
    let mut delay_sum = 0u128;
    let mut next_sample = 0;
    let mut sample_at = times.first().copied().unwrap_or(u64::MAX);
    for i in 0..n.min(effective.len()) {
        let (id, now) = (ids[i], effective[i]);
        // why: a sample at `t` shows the state after every request at or
        // before `t`, so it is taken when the first later request arrives.
        while sample_at < now {
            for (c, s) in series.iter_mut().enumerate() {
                s.push(limiters[c].state(sample_at));
            }
            next_sample += 1;
            sample_at = times.get(next_sample).copied().unwrap_or(u64::MAX);
        }
        let limiter = &mut limiters[id as usize];
        let decision = limiter.decide(now);
        if !decision.admitted() {
            continue;
        }
        accepted[i] = true;
        summary.accepted += 1;
        if grows {
            summary.memory_peak = summary.memory_peak.max(limiter.memory());
        }
        let delay = decision.delay_us();
        if delay > 0 {
            summary.delayed += 1;
            delay_sum += u128::from(delay);
            summary.worst_delay_us = summary.worst_delay_us.max(delay);
            delays_us[i] = delay;
        }
        // why: judged by when requests go through; the queue's departures
        // are in order per client, so each client's times stay sorted.
        released.push(now.saturating_add(delay));
        if clients > 1 {
            released_ids.push(id);
        }
    }
    summary.rejected = n as u64 - summary.accepted;
    for &at in &times[next_sample.min(times.len())..] {
        for (c, s) in series.iter_mut().enumerate() {
            s.push(limiters[c].state(at));
        }
    }
    if summary.accepted > 0 {
        summary.mean_delay_us = delay_sum as f64 / summary.accepted as f64;
    }
    summary.memory_final = limiters.iter().map(Limiter::memory).sum();
    summary.max_in_window =
        max_in_window_per_client(&released_ids, &released, clients, params.window_us);
    Lane {
        kind,
        accepted,
        delays_us,
        series,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::super::traffic::{boundary_attack, clients, poisson};
    use super::*;
    use crate::rng::Rng;

    fn single(times: &[u64]) -> Vec<Request> {
        times
            .iter()
            .map(|&t_us| Request { t_us, client: 0 })
            .collect()
    }

    #[test]
    fn max_in_window_by_hand() {
        assert_eq!(max_in_window(&[], 10), 0);
        assert_eq!(max_in_window(&[5], 10), 1);
        // [3, 13) holds 3, 9, 10, 12; 0 and 10 are a full window apart
        assert_eq!(max_in_window(&[0, 3, 9, 10, 12, 30], 10), 4);
        assert_eq!(max_in_window(&[0, 10, 20, 30], 10), 1);
        assert_eq!(max_in_window(&[0, 3, 9, 10, 12, 18, 19], 10), 4);
        assert_eq!(max_in_window(&[7, 7, 7, 7], 1), 4);
    }

    #[test]
    fn boundary_attack_shows_the_fixed_windows_double_burst() {
        let p = Params::new(5, 1000);
        let stream = boundary_attack(5, 1000, 1000, 10);
        let r = run(&stream, p, &AlgorithmKind::ALL, 16);
        assert_eq!(r.offered_max_in_window, 10);
        for lane in &r.lanes {
            let s = lane.summary;
            assert_eq!(s.accepted + s.rejected, 10);
            let want = match lane.kind {
                AlgorithmKind::FixedWindow => 10,
                _ => 5,
            };
            assert_eq!(s.max_in_window, want, "{:?}", lane.kind);
            assert_eq!(lane.series.len(), 1);
            assert_eq!(lane.series[0].len(), 16);
        }
        assert_eq!(r.sample_times_us.first(), Some(&990));
        assert_eq!(r.sample_times_us.last(), Some(&1008));
    }

    #[test]
    fn queue_lane_reports_delays() {
        // 1 per 10 µs with 2 waiting: three at 0 go at 0, 10, 20; the fourth drops.
        let p = Params::new(1, 10).with_burst(3);
        let r = run(&single(&[0, 0, 0, 0]), p, &[AlgorithmKind::LeakyQueue], 0);
        let lane = &r.lanes[0];
        assert_eq!(lane.delays_us, vec![0, 10, 20, 0]);
        assert_eq!(lane.accepted, vec![true, true, true, false]);
        assert_eq!(lane.decision(1), Decision::Delay(10));
        assert_eq!(lane.decision(3), Decision::Reject);
        assert_eq!(lane.decision(99), Decision::Reject);
        let s = lane.summary;
        assert_eq!((s.accepted, s.rejected, s.delayed), (3, 1, 2));
        assert_eq!(s.worst_delay_us, 20);
        assert!((s.mean_delay_us - 10.0).abs() < 1e-12);
        // released at 0, 10, 20: a half-open 10 µs window holds one of them.
        assert_eq!(s.max_in_window, 1);
        assert_eq!(s.memory_peak, 3);
        assert!(r.sample_times_us.is_empty());
    }

    #[test]
    fn clients_have_their_own_limiters() {
        // two clients hammering at once, 2 per window each
        let stream: Vec<Request> = (0..10)
            .map(|i| Request {
                t_us: i,
                client: (i % 2) as u32,
            })
            .collect();
        let r = run(
            &stream,
            Params::new(2, 1000),
            &[AlgorithmKind::SlidingLog],
            4,
        );
        assert_eq!(r.clients, 2);
        let lane = &r.lanes[0];
        assert_eq!(
            lane.accepted,
            vec![true, true, true, true, false, false, false, false, false, false]
        );
        assert_eq!(lane.summary.max_in_window, 2);
        assert_eq!(lane.summary.memory_final, 4);
        assert_eq!(lane.series.len(), 2);
    }

    #[test]
    fn bucket_family_admits_the_same_requests() {
        let stream = poisson(2000.0, 2_000_000, &mut Rng::new(11));
        let p = Params::new(50, 100_000).with_burst(7);
        let r = run(
            &stream,
            p,
            &[
                AlgorithmKind::TokenBucket,
                AlgorithmKind::Gcra,
                AlgorithmKind::LeakyQueue,
            ],
            100,
        );
        assert_eq!(r.lanes[0].accepted, r.lanes[1].accepted);
        assert_eq!(r.lanes[0].accepted, r.lanes[2].accepted);
        assert!(r.lanes[0].summary.rejected > 0);
        // the gauges agree too: GCRA's headroom is the bucket's tokens
        for (a, b) in r.lanes[0].series[0].iter().zip(&r.lanes[1].series[0]) {
            assert!((a.level() - b.level()).abs() < 1e-9, "{a:?} {b:?}");
        }
    }

    #[test]
    fn many_clients_and_unsorted_input_are_handled() {
        let stream = clients(&[300.0; 20], 1_000_000, &mut Rng::new(2));
        let r = run(&stream, Params::new(10, 100_000), &AlgorithmKind::ALL, 10);
        assert_eq!(r.clients, 20);
        for lane in &r.lanes {
            assert_eq!(lane.series.len(), MAX_SERIES_CLIENTS);
            assert_eq!(lane.accepted.len(), stream.len());
        }
        let log = &r.lanes[4];
        assert_eq!(log.kind, AlgorithmKind::SlidingLog);
        assert!(log.summary.max_in_window <= 10);
        let r = run(
            &single(&[50, 10, 60]),
            Params::new(1, 5),
            &AlgorithmKind::ALL,
            3,
        );
        assert_eq!(r.lanes[0].accepted, vec![true, false, true]);
        assert!(run(&[], Params::new(1, 5), &AlgorithmKind::ALL, 3).lanes[0].series[0].is_empty());
    }
}
