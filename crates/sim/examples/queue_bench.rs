//! Native throughput of the queueing simulation, printed as a Markdown table.
//!
//! Run with `cargo run -p dials-sim --release --example queue_bench`.
//! Every row is 1,000,000 requests through 100 servers at 90 % load
//! (Poisson arrivals, exponential service of mean 1, 200 queue-length
//! samples per server, seed 1), one row per balancing policy, then fan-out
//! (100,000 requests of 10 jobs each) and hedging. Each row is the median of several runs after one warm-up;
//! the time includes building the report (quantiles by selection).

use std::hint::black_box;
use std::time::Instant;

use dials_sim::queue::{simulate, Arrivals, Config, Policy, Service};
use dials_sim::rng::Rng;

/// Runs per measurement; the median is reported.
const RUNS: usize = 5;

/// Requests per run.
const REQUESTS: u64 = 1_000_000;

/// Median wall time of `f` in milliseconds over [`RUNS`] runs.
fn median_ms<T>(mut f: impl FnMut() -> T) -> f64 {
    // why: one warm-up run so first-touch page faults do not count.
    black_box(f());
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[RUNS / 2]
}

/// 100 servers at 90 % load with `policy`.
fn config(policy: Policy) -> Config {
    Config {
        servers: 100,
        requests: REQUESTS,
        arrivals: Arrivals::Poisson { rate: 90.0 },
        service: Service::Exponential { mean: 1.0 },
        policy,
        samples: 200,
        trace: 0,
        ..Config::default()
    }
}

fn main() {
    let mut rows: Vec<(String, Config)> = [
        Policy::RoundRobin,
        Policy::Random,
        Policy::LeastOutstanding,
        Policy::ShortestOfD { d: 2 },
        Policy::ShortestOfD { d: 4 },
        Policy::PeakEwma { tau: 10.0 },
        Policy::SharedQueue,
    ]
    .into_iter()
    .map(|p| {
        let name = match p {
            Policy::ShortestOfD { d } => format!("{} (d = {d})", p.label()),
            _ => p.label().to_string(),
        };
        (name, config(p))
    })
    .collect();
    let mut weighted = config(Policy::RoundRobin);
    // why: speeds follow the weights, so every server is at 90 % load.
    weighted.weights = (0..100).map(|i| 1 + i % 4).collect();
    weighted.speeds = weighted.weights.iter().map(|&w| f64::from(w)).collect();
    let weighted = weighted.with_load(0.9);
    rows.push(("smooth weighted round robin".into(), weighted));
    let mut fanout = config(Policy::Random);
    fanout.fanout = 10;
    fanout.requests = REQUESTS / 10;
    // why: after setting the fan-out, which multiplies the load per request.
    let mut fanout = fanout.with_load(0.5);
    rows.push(("random, fan-out 10 (50 % load)".into(), fanout.clone()));
    // why: 6 ≈ the p95 of one job at 50 % load (−ln 0.05 / 0.5), the
    // paper's suggested hedge delay.
    fanout.hedge_delay = Some(6.0);
    rows.push(("… with hedging after 6 (≈ p95)".into(), fanout));
    let mut hedged = config(Policy::Random).with_load(0.5);
    hedged.service = Service::Pareto {
        mean: 1.0,
        alpha: 2.2,
    };
    hedged.hedge_delay = Some(6.0);
    rows.push(("random, Pareto α = 2.2, hedging after 6".into(), hedged));

    println!(
        "| configuration | servers | requests | jobs per request | median ms | M requests/s |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, c) in rows {
        let ms = median_ms(|| simulate(&c, &mut Rng::new(1)));
        let requests = c.clamped().requests;
        println!(
            "| {name} | {} | {requests} | {} | {ms:.1} | {:.2} |",
            c.servers,
            c.fanout,
            requests as f64 / ms / 1e3
        );
    }
}
