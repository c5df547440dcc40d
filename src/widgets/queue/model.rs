//! Every figure of the queues widget, computed from the state by the
//! simulation (`sim::queue`) and its closed forms: the run behind the picture
//! and the readouts, the latency against load, the policies side by side, the
//! distribution of response times and the queues over time.
//!
//! One unit of simulated time is one mean service time, shown as
//! [`MS_PER_UNIT`] milliseconds.

use super::state::{PolicyKind, QueueState, Work};
use crate::draw::math;
use sim::queue::closed;
use sim::queue::{
    hedging_effect, simulate, Arrivals, Config, HedgeEffect, Policy, Report, Service,
};
use sim::rng::Rng;

/// Milliseconds in one mean service time.
pub const MS_PER_UNIT: f64 = 10.0;
/// Most jobs the picture can replay.
pub const TRACE_JOBS: u64 = 250_000;
/// Queue-length samples per server.
pub const SAMPLES: u32 = 200;
/// Requests per point of the latency-against-load curve and per policy of
/// the comparison, at most.
pub const SWEEP_REQUESTS: u32 = 10_000;
/// Jobs (requests × fan-out) per point or policy, at most.
pub const SWEEP_JOBS: u32 = 50_000;
/// The loads the curve simulates, per cent.
pub const CURVE_LOADS: [u32; 12] = [10, 20, 30, 40, 50, 60, 70, 80, 85, 90, 95, 99];
/// Log-normal σ and Pareto α of the heavy-tailed work.
pub const SIGMA: f64 = 1.5;
/// See [`SIGMA`].
pub const ALPHA: f64 = 2.1;
/// Bursty arrivals: mean on and off phases (in mean service times) and the
/// off rate's share of the on rate.
pub const BURST: (f64, f64, f64) = (20.0, 20.0, 0.1);

/// The simulation's policy for the state's.
pub fn policy(p: PolicyKind, d: u32) -> Policy {
    match p {
        PolicyKind::RoundRobin => Policy::RoundRobin,
        PolicyKind::Random => Policy::Random,
        PolicyKind::Least => Policy::LeastOutstanding,
        PolicyKind::Choices => Policy::ShortestOfD { d },
        // Finagle's default decay is 10 s on services of tens of ms: a few
        // hundred mean service times.
        PolicyKind::PeakEwma => Policy::PeakEwma { tau: 100.0 },
        PolicyKind::Shared => Policy::SharedQueue,
    }
}

/// The service-time distribution, mean 1.
pub fn service(w: Work) -> Service {
    match w {
        Work::Exp => Service::Exponential { mean: 1.0 },
        Work::Const => Service::Constant { mean: 1.0 },
        Work::LogNormal => Service::LogNormal {
            mean: 1.0,
            sigma: SIGMA,
        },
        Work::Pareto => Service::Pareto {
            mean: 1.0,
            alpha: ALPHA,
        },
    }
}

/// The simulation's configuration at `s` (no hedging, no trace), `requests`
/// of them, at load `load` per cent.
pub fn config_at(s: &QueueState, policy_kind: PolicyKind, load: u32, requests: u32) -> Config {
    let mut speeds = vec![1.0; s.servers as usize];
    if let Some(first) = speeds.first_mut() {
        *first = f64::from(s.slow) / 100.0;
    }
    let arrivals = if s.bursty {
        Arrivals::OnOff {
            rate: 1.0,
            mean_on: BURST.0,
            mean_off: BURST.1,
            off_share: BURST.2,
        }
    } else {
        Arrivals::Poisson { rate: 1.0 }
    };
    Config {
        servers: s.servers,
        requests: u64::from(requests),
        arrivals,
        service: service(s.work),
        speeds,
        weights: Vec::new(),
        policy: policy(policy_kind, s.d),
        fanout: s.fanout.min(s.servers),
        hedge_delay: None,
        samples: 0,
        trace: 0,
    }
    .with_load(f64::from(load) / 100.0)
}

/// The run the page shows: the picture replays its trace, the readouts and
/// the charts read its report; with hedging, also the same run without.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The run at the state.
    pub report: Report,
    /// With hedging: the delay and the run without hedging beside it.
    pub hedge: Option<HedgeEffect>,
}

/// Runs the state.
pub fn run(s: &QueueState) -> Outcome {
    let base = Config {
        samples: SAMPLES,
        trace: TRACE_JOBS,
        ..config_at(s, s.policy, s.load, s.requests)
    };
    let rng = Rng::new(s.seed);
    if s.hedge == 0 {
        return Outcome {
            report: simulate(&base, &mut rng.clone()),
            hedge: None,
        };
    }
    let effect = hedging_effect(
        &Config {
            samples: 0,
            trace: 0,
            ..base.clone()
        },
        u64::from(s.hedge),
        100,
        &mut rng.clone(),
    );
    // The same random streams as the effect's hedged run: its pilot forks
    // first, then the run draws from what is left.
    let mut r = rng;
    let _ = r.fork();
    let report = simulate(
        &Config {
            hedge_delay: Some(effect.delay),
            ..base
        },
        &mut r,
    );
    Outcome {
        report,
        hedge: Some(effect),
    }
}

/// A closed form for the state, where one exists.
#[derive(Clone, Debug, PartialEq)]
pub struct Closed {
    /// Which model.
    pub name: &'static str,
    /// Mean response time, ms.
    pub mean: f64,
    /// 99th percentile, ms, where the model gives it.
    pub p99: Option<f64>,
    /// Exact for this many servers (not a large-system limit).
    pub exact: bool,
}

/// The closed form of `s` at `load` per cent with `policy_kind`: with
/// Poisson arrivals, equal servers, no fan-out and no hedging,
/// - one server, or random balancing: each server is M/G/1 at the load
///   (M/M/1, with its percentiles, when the work is exponential);
/// - one shared queue with exponential work: M/M/c (Erlang C);
/// - join the shortest of d ≥ 2 with exponential work: the supermarket
///   model's limit as servers grow.
pub fn closed_at(s: &QueueState, policy_kind: PolicyKind, load: u32) -> Option<Closed> {
    if s.bursty || s.slow != 100 || s.fanout != 1 || s.hedge != 0 {
        return None;
    }
    let rho = f64::from(load) / 100.0;
    let exp = s.work == Work::Exp;
    let random = matches!(policy_kind, PolicyKind::Random)
        || (policy_kind == PolicyKind::Choices && s.d == 1);
    if s.servers == 1 || random {
        let svc = service(s.work);
        return Some(if exp {
            Closed {
                name: "M/M/1",
                mean: closed::mm1_mean_response(rho, 1.0) * MS_PER_UNIT,
                p99: Some(closed::mm1_response_quantile(rho, 1.0, 0.99) * MS_PER_UNIT),
                exact: true,
            }
        } else {
            Closed {
                name: "M/G/1 (Pollaczek–Khinchine)",
                mean: closed::mg1_mean_response(rho, svc.mean(), svc.scv()) * MS_PER_UNIT,
                p99: None,
                exact: true,
            }
        });
    }
    match policy_kind {
        PolicyKind::Shared if exp => Some(Closed {
            name: "M/M/c (Erlang C)",
            mean: closed::mmc_mean_response(s.servers, rho * f64::from(s.servers), 1.0)
                * MS_PER_UNIT,
            p99: None,
            exact: true,
        }),
        PolicyKind::Choices if exp => Some(Closed {
            name: "supermarket model, servers → ∞",
            mean: closed::supermarket_mean_response(rho, s.d) * MS_PER_UNIT,
            p99: None,
            exact: false,
        }),
        _ => None,
    }
}

/// One point of the latency-against-load curve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurvePoint {
    /// Load, per cent.
    pub load: u32,
    /// Mean response time, ms.
    pub mean: f64,
    /// 99th percentile, ms.
    pub p99: f64,
}

/// Requests per sweep run at `s`.
pub fn sweep_requests(s: &QueueState) -> u32 {
    s.requests
        .min(SWEEP_REQUESTS)
        .min(SWEEP_JOBS / s.fanout.max(1))
        .max(100)
}

/// The state's policy simulated at every load of [`CURVE_LOADS`] (no
/// hedging), each on the state's seed.
pub fn curve(s: &QueueState) -> Vec<CurvePoint> {
    CURVE_LOADS
        .iter()
        .map(|&load| curve_point(s, load))
        .collect()
}

/// One point of [`curve`]: the state's policy at `load` per cent.
pub fn curve_point(s: &QueueState, load: u32) -> CurvePoint {
    let c = config_at(s, s.policy, load, sweep_requests(s));
    let r = simulate(&c, &mut Rng::new(s.seed)).summary;
    CurvePoint {
        load,
        mean: r.mean * MS_PER_UNIT,
        p99: r.p99 * MS_PER_UNIT,
    }
}

/// Every policy's curve at the state (no hedging), each point at half the
/// sweep's requests, on the state's seed: the balancers against load.
pub fn all_curves(s: &QueueState) -> Vec<(PolicyKind, Vec<CurvePoint>)> {
    let half = QueueState {
        requests: (sweep_requests(s) / 2).max(100),
        ..s.clone()
    };
    PolicyKind::ALL
        .iter()
        .map(|&p| {
            (
                p,
                curve(&QueueState {
                    policy: p,
                    ..half.clone()
                }),
            )
        })
        .collect()
}

/// Every policy at the state's load (no hedging), on the same seed: the
/// same arrivals and the same work, so the difference is the policy.
#[derive(Clone, Debug, PartialEq)]
pub struct Compared {
    /// The policy.
    pub policy: PolicyKind,
    /// Mean, ms.
    pub mean: f64,
    /// Median, ms.
    pub p50: f64,
    /// 99th percentile, ms.
    pub p99: f64,
    /// 99.9th percentile, ms.
    pub p999: f64,
}

/// The policies compared at `s`.
pub fn compare(s: &QueueState) -> Vec<Compared> {
    PolicyKind::ALL.iter().map(|&p| compared(s, p)).collect()
}

/// One row of [`compare`]: policy `p` at the state's load.
pub fn compared(s: &QueueState, p: PolicyKind) -> Compared {
    let c = config_at(s, p, s.load, sweep_requests(s));
    let r = simulate(&c, &mut Rng::new(s.seed)).summary;
    Compared {
        policy: p,
        mean: r.mean * MS_PER_UNIT,
        p50: r.p50 * MS_PER_UNIT,
        p99: r.p99 * MS_PER_UNIT,
        p999: r.p999 * MS_PER_UNIT,
    }
}

/// The response-time histogram: `bins` log-spaced bins in ms from the
/// fastest to the slowest request, each as (low edge, high edge, share of
/// requests).
pub fn histogram(response: &[f64], bins: usize) -> Vec<(f64, f64, f64)> {
    let ms: Vec<f64> = response
        .iter()
        .map(|r| r * MS_PER_UNIT)
        .filter(|v| v.is_finite() && *v > 0.0)
        .collect();
    if ms.is_empty() || bins == 0 {
        return Vec::new();
    }
    let lo = ms.iter().copied().fold(f64::INFINITY, f64::min).max(0.01);
    let hi = ms.iter().copied().fold(0.0, f64::max).max(lo * 1.01);
    let (l0, l1) = (math::log10(lo), math::log10(hi));
    let width = (l1 - l0) / bins as f64;
    let mut counts = vec![0u64; bins];
    for v in &ms {
        let i = ((math::log10(v.max(lo)) - l0) / width) as usize;
        counts[i.min(bins - 1)] += 1;
    }
    let n = ms.len() as f64;
    let edge = |i: usize| math::pow(10.0, l0 + i as f64 * width);
    counts
        .iter()
        .enumerate()
        .map(|(i, &c)| (edge(i), edge(i + 1), c as f64 / n))
        .collect()
}

/// The `p` nearest-rank quantile of one job's latency (sent to answered)
/// among the traced jobs, ms; 0 when there are none.
pub fn job_quantile(report: &Report, p: f64) -> f64 {
    let mut l: Vec<f64> = report
        .jobs
        .iter()
        .filter(|j| !j.hedge)
        .map(|j| j.finish - j.sent)
        .collect();
    if l.is_empty() {
        return 0.0;
    }
    l.sort_by(f64::total_cmp);
    let k = ((p * l.len() as f64).ceil() as usize).clamp(1, l.len());
    l[k - 1] * MS_PER_UNIT
}

/// The share of requests slower than `ms`.
pub fn share_slower(report: &Report, ms: f64) -> f64 {
    if report.response.is_empty() {
        return 0.0;
    }
    let n = report
        .response
        .iter()
        .filter(|r| **r * MS_PER_UNIT > ms)
        .count();
    n as f64 / report.response.len() as f64
}

/// The moment the picture shows: for each server, its jobs (waiting or in
/// service) and whether it is working, and the jobs on their way.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    /// Simulated time, in mean service times.
    pub time: f64,
    /// Jobs at each server, the one in service included.
    pub queues: Vec<u32>,
    /// For the shared queue: jobs waiting in it.
    pub shared_waiting: u32,
    /// Jobs sent during the last [`FLIGHT`]: (server, how far along, 0..1).
    pub flying: Vec<(u32, f64)>,
}

/// How long a job takes to travel from the balancer to its server in the
/// picture, in mean service times.
pub const FLIGHT: f64 = 0.6;

/// The last time the picture can show: the last traced job's send time.
pub fn trace_end(report: &Report) -> f64 {
    report.jobs.last().map_or(0.0, |j| j.sent)
}

/// The picture at simulated time `t`. A job counts at its server from the
/// moment it arrives there ([`FLIGHT`] after it was sent; the simulation
/// itself has no travel time) until it is answered.
pub fn snapshot(report: &Report, t: f64) -> Snapshot {
    let n = report.config.servers as usize;
    let shared = report.config.policy == Policy::SharedQueue;
    let mut queues = vec![0u32; n];
    let mut flying = Vec::new();
    let mut waiting = 0;
    let end = report.jobs.partition_point(|j| j.sent <= t);
    for j in &report.jobs[..end] {
        if j.finish <= t {
            continue;
        }
        let age = t - j.sent;
        if age < FLIGHT && !shared {
            flying.push((j.server, age / FLIGHT));
        } else if shared && j.start > t {
            waiting += 1;
        } else if let Some(q) = queues.get_mut(j.server as usize) {
            *q += 1;
        }
    }
    Snapshot {
        time: t,
        queues,
        shared_waiting: waiting,
        flying,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(q: &str) -> QueueState {
        let q = crate::embed::query::Query::parse(q);
        let mut r = crate::embed::query::Reader::new(&q);
        QueueState::from_query(&mut r)
    }

    #[test]
    fn one_server_at_ninety_per_cent_is_ten_service_times() {
        let s = state("?servers=1&load=90&requests=200000");
        let c = closed_at(&s, s.policy, s.load).expect("M/M/1");
        assert!((c.mean - 100.0).abs() < 1e-9);
        let r = run(&s).report.summary;
        let half = r.mean_half_width * MS_PER_UNIT * 3.0;
        assert!(
            (r.mean * MS_PER_UNIT - c.mean).abs() < half,
            "{} vs {}",
            r.mean,
            c.mean
        );
    }

    #[test]
    fn hedged_run_is_the_effects_hedged_run() {
        let s = state("?hedge=95&work=lognormal&requests=5000");
        let o = run(&s);
        let e = o.hedge.expect("hedging");
        assert_eq!(o.report.summary, e.with);
        assert!(o.report.summary.hedges > 0);
    }

    #[test]
    fn snapshot_counts_match_the_samples_once_jobs_have_landed() {
        let s = state("?policy=round-robin&slow=30&load=70&requests=4000");
        let r = run(&s).report;
        let k = 100;
        let t = r.sample_times[k];
        let snap = snapshot(&r, t);
        let landed: u32 = snap.queues.iter().sum();
        let total: u32 = r.queue_lengths.iter().map(|q| q[k]).sum();
        assert_eq!(landed as usize + snap.flying.len(), total as usize);
        // The slow first server holds the most.
        assert!(snap.queues[1..].iter().all(|&q| q < snap.queues[0]));
    }

    #[test]
    fn histogram_shares_sum_to_one() {
        let r = run(&state("?requests=3000")).report;
        let h = histogram(&r.response, 40);
        assert_eq!(h.len(), 40);
        assert!((h.iter().map(|b| b.2).sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(h
            .windows(2)
            .all(|w| w[0].0 < w[1].0 && (w[0].1 - w[1].0).abs() < 1e-9));
    }

    #[test]
    fn closed_forms_only_where_they_hold() {
        assert!(closed_at(&state("?policy=round-robin"), PolicyKind::RoundRobin, 80).is_none());
        assert!(closed_at(&state("?slow=50"), PolicyKind::Random, 80).is_none());
        let shared = closed_at(&state("?policy=shared"), PolicyKind::Shared, 80).expect("M/M/c");
        let random = closed_at(&state("?"), PolicyKind::Random, 80).expect("M/M/1");
        assert!(shared.mean < random.mean);
        let two = closed_at(&state("?policy=choices"), PolicyKind::Choices, 80).expect("limit");
        assert!(!two.exact && two.mean < random.mean && two.mean > 10.0);
    }
}
