//! Native throughput of every cache policy, printed as a Markdown table.
//!
//! Run with `cargo run -p dials-sim --release --example cache_bench`.
//! The trace is the widget's own "a million requests" workload: 1,000,000
//! requests from Zipf(α = 1.0) over 100,000 keys, seed 1. Each row is the
//! median of several runs after one warm-up. The last rows time a whole
//! hit-ratio curve: every policy but LRU+TTL at the curve's eleven sizes.
//! `tests/sim_bench.rs` prints the same table from WebAssembly.

use std::hint::black_box;
use std::time::Instant;

use dials_sim::cache::policy::Config;
use dials_sim::cache::workload::{generate, Shape, Spec};
use dials_sim::cache::{simulate, PolicyKind};

/// Runs per measurement; the median is reported.
const RUNS: usize = 5;

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

/// The trace every row uses.
fn trace() -> Vec<u32> {
    let spec = Spec {
        shape: Shape::Zipf,
        requests: 1_000_000,
        universe: 100_000,
        alpha: 1.0,
        hot: 1,
        scan_share: 0.0,
    };
    generate(&spec, 1)
}

/// The cache sizes of the widget's curve at 100,000 keys with 1,000 chosen.
fn curve_sizes() -> Vec<usize> {
    let mut v: Vec<usize> = (0..10)
        .map(|i| 100_000f64.powf(f64::from(i) / 9.0).round() as usize)
        .collect();
    v.push(1_000);
    v.sort_unstable();
    v.dedup();
    v
}

fn main() {
    let trace = trace();
    println!("| policy | cache size | median ms | M requests/s |");
    println!("|---|---|---:|---:|");
    for kind in PolicyKind::ALL {
        for capacity in [1_000usize, 10_000] {
            let config = Config {
                capacity,
                universe: 100_000,
                seed: 1,
                ttl: 1_000,
            };
            let ms = median_ms(|| simulate(kind, &config, &trace));
            println!(
                "| {} | {capacity} | {ms:.1} | {:.1} |",
                kind.label(),
                trace.len() as f64 / ms / 1e3
            );
        }
    }
    let sizes = curve_sizes();
    let kinds: Vec<PolicyKind> = PolicyKind::ALL
        .into_iter()
        .filter(|k| *k != PolicyKind::LruTtl)
        .collect();
    let runs = sizes.len() * kinds.len();
    let start = Instant::now();
    for &capacity in &sizes {
        for &kind in &kinds {
            let config = Config {
                capacity,
                universe: 100_000,
                seed: 1,
                ttl: 1_000,
            };
            black_box(simulate(kind, &config, &trace));
        }
    }
    let ms = start.elapsed().as_secs_f64() * 1e3;
    println!(
        "| whole curve ({runs} runs) | 1–100,000 | {ms:.0} | {:.1} |",
        (runs * trace.len()) as f64 / ms / 1e3
    );
}
