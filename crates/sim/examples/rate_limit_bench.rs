//! Native throughput of the rate limiters on a 1,000,000-request Poisson
//! stream, printed as a Markdown table.
//!
//! Run with `cargo run --release -p dials-sim --example rate_limit_bench`.
//! Each row is the median of several runs, so one slow outlier (a page
//! fault, another process) does not distort it.

use std::hint::black_box;
use std::time::Instant;

use dials_sim::rate_limit::traffic::poisson;
use dials_sim::rate_limit::{run, AlgorithmKind, Limiter, Params};
use dials_sim::rng::Rng;

/// Runs per measurement; the median is reported.
const RUNS: usize = 9;

/// Requests in the stream.
const REQUESTS: usize = 1_000_000;

/// Median wall time of `f` in seconds over [`RUNS`] runs.
fn median_secs<T>(mut f: impl FnMut() -> T) -> f64 {
    // why: one warm-up run so allocation and cache effects of the first call
    // do not count.
    black_box(f());
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[RUNS / 2]
}

fn main() {
    // why: 100 000 requests/s against 50 000 per second, so about half are
    // refused and the log holds up to 50 000 timestamps.
    let rate = 100_000.0;
    let duration_us = (REQUESTS as f64 / rate * 1e6 * 1.1) as u64;
    let mut stream = poisson(rate, duration_us, &mut Rng::new(1));
    stream.truncate(REQUESTS);
    let times: Vec<u64> = stream.iter().map(|r| r.t_us).collect();
    let params = Params::new(50_000, 1_000_000);
    println!(
        "{} requests over {:.1} s, limit {} per {} µs",
        times.len(),
        times.last().copied().unwrap_or(0) as f64 / 1e6,
        params.limit,
        params.window_us
    );
    println!();
    println!("| algorithm | accepted | median ms | M decisions/s |");
    println!("|---|---:|---:|---:|");
    let mut total = 0.0;
    for kind in AlgorithmKind::ALL {
        let decide_all = || {
            let mut limiter = kind.build(params);
            times
                .iter()
                .filter(|&&t| limiter.decide(t).admitted())
                .count()
        };
        let accepted = decide_all();
        let secs = median_secs(decide_all);
        total += secs;
        println!(
            "| {} | {accepted} | {:.2} | {:.1} |",
            kind.label(),
            secs * 1e3,
            times.len() as f64 / secs / 1e6
        );
    }
    println!("| all six, decisions only | | {:.2} | |", total * 1e3);
    let secs = median_secs(|| run(&stream, params, &AlgorithmKind::ALL, 600));
    println!(
        "| all six through run (outcomes, 600 samples, readouts) | | {:.2} | {:.1} |",
        secs * 1e3,
        6.0 * times.len() as f64 / secs / 1e6
    );
}
