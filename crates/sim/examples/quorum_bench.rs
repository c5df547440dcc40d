//! Native throughput of the quorum simulations, printed as a Markdown table.
//!
//! Run with `cargo run -p dials-sim --release --example quorum_bench`.
//! Each row is the median of several runs, so one slow outlier (a page fault,
//! another process) does not distort it.

use std::hint::black_box;
use std::time::Instant;

use dials_sim::quorum::wars::{self, LatencyPreset};
use dials_sim::quorum::{monte_carlo, QuorumConfig};
use dials_sim::rng::Rng;

/// Runs per measurement; the median is reported.
const RUNS: usize = 9;

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

/// One table row: `trials` per run, median time, throughput.
fn row(name: &str, cfg: QuorumConfig, trials: u64, secs: f64) {
    let (n, r, w) = (cfg.n, cfg.r, cfg.w);
    let rate = trials as f64 / secs / 1e6;
    println!(
        "| {name} | n={n} r={r} w={w} | {trials} | {:.2} | {rate:.2} |",
        secs * 1e3
    );
}

fn main() {
    let lat = LatencyPreset::Ssd.latencies();
    println!("| function | config | trials | median ms | M trials/s |");
    println!("|---|---|---:|---:|---:|");
    for (n, q) in [(3, 2), (5, 3), (15, 8)] {
        let cfg = QuorumConfig::new(n, q, q);
        let trials = 100_000usize;
        let mut rng = Rng::new(1);
        let secs = median_secs(|| wars::simulate(cfg, lat, trials, &mut rng));
        row("wars::simulate", cfg, trials as u64, secs);
    }
    for (n, q) in [(3, 2), (15, 8)] {
        let cfg = QuorumConfig::new(n, q, q);
        let trials = 1_000_000u64;
        let mut rng = Rng::new(2);
        let secs = median_secs(|| monte_carlo::stale(cfg, trials, &mut rng));
        row("monte_carlo::stale", cfg, trials, secs);
    }
}
