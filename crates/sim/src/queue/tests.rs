//! The simulation against the closed forms, and its invariants.
//!
//! Statistical checks compare with a confidence interval computed from the
//! run itself (batch means over the requests in time order): a check passes
//! within 3 half-widths of the 95 % interval, about 6 standard errors, so the
//! fixed seeds are not what makes them pass.

use super::balancer::Balancer;
use super::closed::*;
use super::stats::{batch_means, MeanCi};
use super::*;
use crate::rng::Rng;

/// `servers` unit-speed servers, Poisson arrivals at `rate`, exponential
/// service of mean 1, no samples.
fn cfg(servers: u32, rate: f64, policy: Policy, requests: u64) -> Config {
    Config {
        servers,
        requests,
        arrivals: Arrivals::Poisson { rate },
        service: Service::Exponential { mean: 1.0 },
        policy,
        samples: 0,
        trace: 0,
        ..Config::default()
    }
}

fn run(c: &Config, seed: u64) -> Report {
    simulate(c, &mut Rng::new(seed))
}

/// Batch-means interval of the fraction of `values` for which `f` holds.
fn fraction(values: &[f64], f: impl Fn(f64) -> bool) -> MeanCi {
    let ind: Vec<f64> = values.iter().map(|&v| f64::from(u8::from(f(v)))).collect();
    batch_means(&ind)
}

/// `got` within 3 half-widths of `want`, and the interval itself tight
/// (below `rel` of `want`) so the check is not vacuous.
fn within(ci: MeanCi, want: f64, rel: f64, what: &str) {
    assert!(
        (ci.mean - want).abs() <= 3.0 * ci.half_width,
        "{what}: measured {} ± {}, expected {want}",
        ci.mean,
        ci.half_width
    );
    assert!(
        ci.half_width < rel * want,
        "{what}: interval too wide {ci:?}"
    );
}

#[test]
fn mm1_mean_matches_at_several_loads() {
    for (rho, requests) in [(0.5, 300_000), (0.8, 600_000), (0.9, 1_000_000)] {
        let r = run(&cfg(1, rho, Policy::Random, requests), 1);
        let ci = MeanCi {
            mean: r.summary.mean,
            half_width: r.summary.mean_half_width,
        };
        within(ci, mm1_mean_response(rho, 1.0), 0.06, &format!("ρ={rho}"));
        // why: one server at load ρ is busy a fraction ρ of the time; the
        // busy fraction's error is the arrival count's, √(ρ/n) relative.
        assert!((r.utilisation[0] - rho).abs() < 0.02, "{:?}", r.utilisation);
    }
}

#[test]
fn mm1_percentiles_match() {
    let rho = 0.8;
    let r = run(&cfg(1, rho, Policy::Random, 1_000_000), 2);
    for (p, got) in [
        (0.5, r.summary.p50),
        (0.9, r.summary.p90),
        (0.99, r.summary.p99),
    ] {
        let q = mm1_response_quantile(rho, 1.0, p);
        // the fraction of responses at or below the true quantile is p …
        let ci = fraction(&r.response, |x| x <= q);
        within(ci, p, 0.05, &format!("P(R ≤ q{p})"));
        // … and the measured quantile is near the true one. why: at p99 the
        // density is 0.2 · 0.01, so ±0.003 in probability is ±7 % in time.
        assert!((got / q - 1.0).abs() < 0.08, "p{p}: {got} vs {q}");
    }
}

#[test]
fn md1_matches_pollaczek_khinchine() {
    let mut c = cfg(1, 0.8, Policy::Random, 400_000);
    c.service = Service::Constant { mean: 1.0 };
    let r = run(&c, 3);
    let ci = MeanCi {
        mean: r.summary.mean,
        half_width: r.summary.mean_half_width,
    };
    within(ci, mg1_mean_response(0.8, 1.0, 0.0), 0.05, "M/D/1");
}

#[test]
fn shared_queue_matches_erlang_c() {
    let (c, lambda) = (10, 8.0);
    let r = run(&cfg(c, lambda, Policy::SharedQueue, 600_000), 4);
    let ci = MeanCi {
        mean: r.summary.mean,
        half_width: r.summary.mean_half_width,
    };
    within(
        ci,
        mmc_mean_response(c, lambda, 1.0),
        0.03,
        "M/M/c response",
    );
    within(
        fraction(&r.wait, |w| w > 0.0),
        erlang_c(c, lambda),
        0.05,
        "P(wait)",
    );
    within(
        batch_means(&r.wait),
        mmc_mean_wait(c, lambda, 1.0),
        0.1,
        "M/M/c wait",
    );
    assert_eq!(r.queue_lengths.len(), 1);
    assert_eq!(r.utilisation.len(), c as usize);
}

#[test]
fn jsq2_beats_random_and_approaches_the_supermarket_limit() {
    let random = run(&cfg(100, 90.0, Policy::Random, 1_000_000), 5);
    let jsq = run(&cfg(100, 90.0, Policy::ShortestOfD { d: 2 }, 1_000_000), 5);
    let limit = supermarket_mean_response(0.9, 2);
    assert!(
        jsq.summary.mean < 0.4 * random.summary.mean,
        "{} vs {}",
        jsq.summary.mean,
        random.summary.mean
    );
    // why: the limit is for infinitely many servers; with 100 the mean
    // exceeds it by O(1/n) (a few per cent at ρ = 0.9), so allow 5 % plus
    // the run's own 3 half-widths, and the finite system is never faster.
    let (m, hw) = (jsq.summary.mean, jsq.summary.mean_half_width);
    assert!(m > limit - 3.0 * hw, "{m} < {limit}");
    assert!(m < limit * 1.05 + 3.0 * hw, "{m} ≫ {limit}");
    // random splitting is 100 independent M/M/1 queues at ρ = 0.9
    let ci = MeanCi {
        mean: random.summary.mean,
        half_width: random.summary.mean_half_width,
    };
    within(ci, mm1_mean_response(0.9, 1.0), 0.06, "random");
}

#[test]
fn least_outstanding_beats_jsq2() {
    let jsq = run(&cfg(50, 45.0, Policy::ShortestOfD { d: 2 }, 200_000), 6);
    let lor = run(&cfg(50, 45.0, Policy::LeastOutstanding, 200_000), 6);
    assert!(lor.summary.mean < jsq.summary.mean);
    // sending to an idle server whenever there is one: hardly any waiting
    assert!(lor.summary.mean < 1.5, "{}", lor.summary.mean);
}

#[test]
fn speeds_divide_service_times() {
    // why: round robin alternates, so each server gets rate 0.5; the fast
    // one needs half the time per job. Busy fractions 0.5 and 0.25, within
    // the arrival count's relative error √(1/n) ≈ 0.3 %.
    let mut c = cfg(2, 1.0, Policy::RoundRobin, 200_000);
    c.speeds = vec![1.0, 2.0];
    c.service = Service::Constant { mean: 1.0 };
    let r = run(&c, 17);
    assert!((r.utilisation[0] - 0.5).abs() < 0.01, "{:?}", r.utilisation);
    assert!(
        (r.utilisation[1] - 0.25).abs() < 0.01,
        "{:?}",
        r.utilisation
    );
    assert!((c.offered_load() - 1.0 / 3.0).abs() < 1e-12);
    assert!((c.with_load(0.5).offered_load() - 0.5).abs() < 1e-12);
}

#[test]
fn round_robin_equals_random_for_one_server() {
    let rr = run(&cfg(1, 0.7, Policy::RoundRobin, 5_000), 7);
    let random = run(&cfg(1, 0.7, Policy::Random, 5_000), 7);
    let jsq1 = run(&cfg(1, 0.7, Policy::ShortestOfD { d: 1 }, 5_000), 7);
    for other in [&random, &jsq1] {
        assert_eq!(rr.response, other.response);
        assert_eq!(rr.arrival, other.arrival);
        assert_eq!(rr.summary, other.summary);
    }
}

#[test]
fn jsq1_is_random() {
    let mut c = cfg(7, 5.0, Policy::Random, 5_000);
    c.weights = vec![1, 2, 3, 4, 5, 6, 7];
    let random = run(&c, 8);
    c.policy = Policy::ShortestOfD { d: 1 };
    let jsq1 = run(&c, 8);
    assert_eq!(random.response, jsq1.response);
}

#[test]
fn fan_out_tail_matches_one_minus_power() {
    // why: each server sees Poisson arrivals at 0.3 and is an M/M/1 queue
    // whatever the fan-out, so one job exceeds x with p = e^{−0.7 x}; the
    // jobs of one request sit on 10 different servers out of 100, nearly
    // independent at this load.
    let (n, rho) = (10u32, 0.3);
    let mut c = cfg(100, 100.0 * rho / f64::from(n), Policy::Random, 200_000);
    c.fanout = n;
    let r = run(&c, 9);
    let p = 0.05;
    let x = -libm::log(p) / (1.0 - rho);
    let ci = fraction(&r.response, |v| v > x);
    within(ci, fanout_tail(p, n), 0.05, "fan-out tail");
    // one job alone would be slow 5 % of the time; the request 40 %.
    assert!(ci.mean > 0.35);
}

#[test]
fn hedging_cuts_the_tail_for_a_few_per_cent_more_work() {
    let mut c = cfg(20, 10.0, Policy::Random, 300_000);
    c.service = Service::Pareto {
        mean: 1.0,
        alpha: 2.2,
    };
    let base = run(&c, 10);
    let mut sorted = base.response.clone();
    let [p95] = stats::quantiles(&mut sorted, [(95, 100)]);
    c.hedge_delay = Some(p95);
    let hedged = run(&c, 10);
    let (b, h) = (base.summary, hedged.summary);
    assert!(h.p99 < 0.7 * b.p99, "p99 {} → {}", b.p99, h.p99);
    assert!(h.p999 < b.p999, "p99.9 {} → {}", b.p999, h.p999);
    // why: a hedge goes out for the ~5 % of jobs slower than p95 and costs
    // one more job's work each.
    let extra = h.extra_load();
    assert!((0.02..0.08).contains(&extra), "extra load {extra}");
    assert_eq!(b.extra_load(), 0.0);
    assert!(h.hedges > 0 && b.hedges == 0);
    // common random numbers: the same arrivals and first-copy work
    assert_eq!(base.arrival, hedged.arrival);
    assert!((b.base_work - h.base_work).abs() < 1e-6 * b.base_work);
}

#[test]
fn peak_ewma_avoids_a_slow_server() {
    let mut c = cfg(10, 6.0, Policy::Random, 200_000);
    c.speeds = vec![0.2, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0];
    let random = run(&c, 11);
    c.policy = Policy::PeakEwma { tau: 10.0 };
    let peak = run(&c, 11);
    // random overloads the slow server (0.6 / 0.2 > 1): its queue explodes.
    assert!(random.utilisation[0] > 0.99);
    assert!(peak.summary.mean < 0.2 * random.summary.mean);
    assert!(peak.summary.p99 < random.summary.p99);
}

#[test]
fn bursty_arrivals_wait_longer_at_the_same_load() {
    let mut c = cfg(10, 7.0, Policy::LeastOutstanding, 100_000);
    let poisson = run(&c, 12);
    c.arrivals = Arrivals::OnOff {
        rate: 7.0,
        mean_on: 10.0,
        mean_off: 10.0,
        off_share: 0.0,
    };
    let bursty = run(&c, 12);
    assert!(bursty.summary.mean > 1.5 * poisson.summary.mean);
    // why: the same mean rate, so the same work over a similar horizon.
    let rate = bursty.summary.count as f64 / bursty.arrival[bursty.arrival.len() - 1];
    assert!((rate / 7.0 - 1.0).abs() < 0.1, "{rate}");
}

#[test]
fn smooth_weighted_round_robin_sequence() {
    // nginx's example: weights {a: 5, b: 1, c: 1} give a a b a c a a.
    let mut b = Balancer::new(Policy::RoundRobin, &[5, 1, 1]);
    let mut rng = Rng::new(0);
    let seq: Vec<u32> = (0..14).map(|_| b.pick(&mut rng, &[0; 3], 0.0)).collect();
    assert_eq!(seq, [0, 0, 1, 0, 2, 0, 0, 0, 0, 1, 0, 2, 0, 0]);
    // the precomputed period equals nginx's algorithm run live
    let weights: Vec<u32> = (0..37).map(|i| 1 + (i * i) % 13).collect();
    let total: u32 = weights.iter().sum();
    let mut table = Balancer::new(Policy::RoundRobin, &weights);
    let mut live = Balancer::new(Policy::RoundRobin, &weights).without_schedule();
    for _ in 0..3 * total {
        assert_eq!(
            table.pick(&mut rng, &[0; 37], 0.0),
            live.pick(&mut rng, &[0; 37], 0.0)
        );
    }
    let mut equal = Balancer::new(Policy::RoundRobin, &[2, 2, 2]);
    let seq: Vec<u32> = (0..5).map(|_| equal.pick(&mut rng, &[0; 3], 0.0)).collect();
    assert_eq!(seq, [0, 1, 2, 0, 1]);
}

#[test]
fn weighted_random_follows_weights() {
    let mut b = Balancer::new(Policy::Random, &[1, 3]);
    let mut rng = Rng::new(1);
    let n = 100_000;
    let ones = (0..n)
        .filter(|_| b.pick(&mut rng, &[0; 2], 0.0) == 1)
        .count();
    // why: sd of the share is √(0.1875 / n) ≈ 0.0014; 0.01 is 7 sd.
    assert!((ones as f64 / n as f64 - 0.75).abs() < 0.01);
}

#[test]
fn least_outstanding_picks_a_uniform_minimum() {
    let n = 6;
    let mut b = Balancer::new(Policy::LeastOutstanding, &vec![1; n]);
    let mut out = vec![0u32; n];
    let mut rng = Rng::new(2);
    let mut wins = vec![0u32; n];
    for step in 0..20_000 {
        if rng.below(2) == 0 {
            let s = b.pick(&mut rng, &out, 0.0) as usize;
            assert_eq!(out[s], *out.iter().min().unwrap_or(&0), "step {step}");
            out[s] += 1;
            b.dispatched(s as u32);
            wins[s] += 1;
        } else {
            let s = rng.below(n as u64) as usize;
            if out[s] > 0 {
                out[s] -= 1;
                b.completed(s as u32, 1.0, 0.0);
            }
        }
    }
    // every server gets a fair share of the picks
    assert!(wins.iter().all(|&w| w > 1_300), "{wins:?}");
}

#[test]
fn same_seed_same_result_different_seed_different() {
    let mut c = cfg(8, 6.0, Policy::PeakEwma { tau: 5.0 }, 20_000);
    c.fanout = 2;
    c.hedge_delay = Some(3.0);
    c.samples = 50;
    assert_eq!(run(&c, 13), run(&c, 13));
    assert_ne!(run(&c, 13).response, run(&c, 14).response);
}

#[test]
fn slices_equal_one_shot() {
    let policies = [
        Policy::RoundRobin,
        Policy::Random,
        Policy::LeastOutstanding,
        Policy::ShortestOfD { d: 3 },
        Policy::PeakEwma { tau: 4.0 },
        Policy::SharedQueue,
    ];
    for (k, policy) in policies.into_iter().enumerate() {
        let mut c = cfg(6, 4.0, policy, 10_000);
        c.weights = vec![1, 2, 3];
        c.speeds = vec![1.0, 2.0, 0.5];
        c.fanout = 1 + k as u32 % 3;
        c.hedge_delay = Some(2.0);
        c.samples = 100;
        c.service = Service::LogNormal {
            mean: 1.0,
            sigma: 1.0,
        };
        let one_shot = run(&c, 15);
        let mut rng = Rng::new(15);
        let mut sliced = Run::new(&c, &mut rng);
        let mut sizes = Rng::new(k as u64);
        let mut total = 0;
        while !sliced.is_done() {
            total += sliced.step(sizes.below(700));
        }
        assert_eq!(total, 10_000);
        assert_eq!(sliced.progress(), (10_000, 10_000));
        assert_eq!(sliced.finish(), one_shot, "{policy:?}");
    }
}

#[test]
fn samples_count_the_jobs_in_system() {
    let mut c = cfg(5, 4.0, Policy::LeastOutstanding, 3_000);
    c.samples = 120;
    let r = run(&c, 16);
    assert_eq!(r.queue_lengths.len(), 5);
    for (k, &t) in r.sample_times.iter().enumerate() {
        let brute = r
            .arrival
            .iter()
            .zip(&r.response)
            .filter(|&(&a, &w)| a <= t && t < a + w)
            .count();
        let sampled: u32 = r.queue_lengths.iter().map(|row| row[k]).sum();
        assert_eq!(sampled as usize, brute, "sample {k} at {t}");
    }
    // the last sample is past the expected end: nearly always drained, never
    // negative; the mean in system is Little's L.
    let l = r.summary.mean_in_system;
    assert!(l > 0.0 && r.summary.littles_law_gap().abs() < 1e-9);
}

#[test]
fn the_trace_counts_what_the_samples_count() {
    // At every sample time, the jobs of the trace at a server (sent, not yet
    // answered) are the queue length the run sampled there.
    let c = Config {
        policy: Policy::RoundRobin,
        requests: 3_000,
        samples: 50,
        trace: MAX_TRACE,
        speeds: vec![0.4],
        ..Config::default()
    }
    .with_load(0.85);
    let r = simulate(&c, &mut Rng::new(7));
    assert_eq!(r.jobs.len(), 3_000);
    for (k, &t) in r.sample_times.iter().enumerate() {
        for s in 0..c.servers {
            let n = r
                .jobs
                .iter()
                .filter(|j| j.server == s && j.sent < t && t <= j.finish)
                .count();
            assert_eq!(
                n as u32, r.queue_lengths[s as usize][k],
                "server {s} at {t}"
            );
        }
    }
    // Round robin: request i goes to server i mod 10.
    assert!(r.jobs.iter().all(|j| j.server == j.request % 10));
    // The slow server piles up: its last sample holds the most.
    let last = |s: usize| *r.queue_lengths[s].last().unwrap_or(&0);
    assert!((1..10).all(|s| last(0) > last(s)));
}
