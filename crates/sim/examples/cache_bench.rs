//! Native throughput of every cache policy, printed as a Markdown table.
//!
//! Run with `cargo run -p dials-sim --release --example cache_bench`.
//! The trace is 1 000 000 requests drawn from Zipf(α = 1.0) over 100 000
//! keys, generated here by inverse CDF (a binary search on the cumulative
//! weights) so the benchmark depends on nothing but the policies. Each cell
//! is the median of several runs, so one slow outlier does not distort it.

use std::hint::black_box;
use std::time::Instant;

use dials_sim::cache::policy::Config;
use dials_sim::cache::{lru_curve, simulate, PolicyKind};
use dials_sim::rng::Rng;

/// Requests in the trace.
const REQUESTS: usize = 1_000_000;
/// Distinct keys.
const UNIVERSE: u32 = 100_000;
/// Runs per measurement; the median is reported.
const RUNS: usize = 5;

/// A Zipf(α = 1) trace: key `k` drawn with weight 1/(k+1).
fn zipf_trace(n: usize, universe: u32, seed: u64) -> Vec<u32> {
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
            // why: the first key whose cumulative weight exceeds u; the min
            // guards the (rounding-only) case of u at the very top.
            cdf.partition_point(|&c| c <= u).min(universe as usize - 1) as u32
        })
        .collect()
}

/// Median wall time of `f` in seconds over [`RUNS`] runs.
fn median_secs<T>(mut f: impl FnMut() -> T) -> f64 {
    // why: one warm-up run so first-touch page faults do not count.
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
    let trace = zipf_trace(REQUESTS, UNIVERSE, 42);
    let sizes = [1_000usize, 10_000];
    println!("Zipf(1.0), {REQUESTS} requests over {UNIVERSE} keys; M requests/s (hit ratio)\n");
    println!("| policy | size 1,000 | size 10,000 |");
    println!("|---|---|---|");
    for kind in PolicyKind::ALL {
        let mut cells = Vec::new();
        for &capacity in &sizes {
            let config = Config {
                capacity,
                universe: UNIVERSE,
                seed: 7,
                ttl: if kind == PolicyKind::LruTtl {
                    50_000
                } else {
                    0
                },
            };
            let stats = simulate(kind, &config, &trace);
            let secs = median_secs(|| simulate(kind, &config, &trace));
            cells.push(format!(
                "{:.1} ({:.3})",
                REQUESTS as f64 / secs / 1e6,
                stats.hit_ratio()
            ));
        }
        println!("| {} | {} | {} |", kind.label(), cells[0], cells[1]);
    }
    let curve_sizes: Vec<usize> = (1..=100).map(|i| i * 1_000).collect();
    let secs = median_secs(|| lru_curve(&trace, UNIVERSE, &curve_sizes));
    println!(
        "\nLRU curve at {} sizes in one pass: {:.1} ms ({:.1} M requests/s)",
        curve_sizes.len(),
        secs * 1e3,
        REQUESTS as f64 / secs / 1e6
    );
}
