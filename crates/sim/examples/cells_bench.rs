//! Native timings of the cell blast-radius simulation, printed as a
//! Markdown table.
//!
//! Run with `cargo run --release -p dials-sim --example cells_bench`.
//! Every row works on the widget's largest population: 100,000 tenants with
//! Zipf(1) traffic, seed 1. Each row is the median of several runs after one
//! warm-up.

use std::hint::black_box;
use std::time::Instant;

use dials_sim::cells::deploy::{timeline, Plan};
use dials_sim::cells::fault::{impact, poison};
use dials_sim::cells::shuffle::measured_overlap;
use dials_sim::cells::{curve, place, Architecture, CellStrategy, CostModel, Population, Skew};

/// Runs per measurement; the median is reported.
const RUNS: usize = 9;
/// Tenants in every row.
const TENANTS: usize = 100_000;

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

fn row(function: &str, setting: &str, ms: f64) {
    println!("| {function} | {setting} | {ms:.2} |");
}

fn main() {
    let pop = Population::generate(TENANTS, Skew::Zipf(1.0), 1);
    let hash = Architecture::Cells {
        cells: 100,
        strategy: CellStrategy::Hash,
    };
    let dedicated = Architecture::Cells {
        cells: 100,
        strategy: CellStrategy::Dedicated { largest: 10 },
    };
    let random = Architecture::Cells {
        cells: 100,
        strategy: CellStrategy::RandomPerRequest,
    };
    let shuffle = |max_overlap| Architecture::Shuffle {
        workers: 100,
        shard: 5,
        max_overlap,
    };
    println!("| function | setting | median ms |");
    println!("|---|---|---:|");
    row(
        "Population::generate",
        "100k, Zipf(1)",
        median_ms(|| Population::generate(TENANTS, Skew::Zipf(1.0), 1)),
    );
    row(
        "Population::generate",
        "100k, Pareto(1.16)",
        median_ms(|| Population::generate(TENANTS, Skew::Pareto(1.16), 1)),
    );
    row(
        "place",
        "Hash, 100 cells",
        median_ms(|| place(&pop, hash, 1)),
    );
    row(
        "place",
        "Dedicated 10 largest, 100 cells",
        median_ms(|| place(&pop, dedicated, 1)),
    );
    row(
        "place",
        "RandomPerRequest, 100 cells",
        median_ms(|| place(&pop, random, 1)),
    );
    row(
        "place",
        "Shuffle 100 workers, k=5",
        median_ms(|| place(&pop, shuffle(None), 1)),
    );
    let guarded = place(&pop, shuffle(Some(2)), 1);
    row(
        "place",
        &format!(
            "Shuffle 100 workers, k=5, max_overlap=2 (kept for {:?})",
            guarded.guarantee_kept_for
        ),
        median_ms(|| place(&pop, shuffle(Some(2)), 1)),
    );
    let big = Architecture::Shuffle {
        workers: 1_000,
        shard: 5,
        max_overlap: Some(2),
    };
    let kept = place(&pop, big, 1).guarantee_kept_for;
    row(
        "place",
        &format!("Shuffle 1000 workers, k=5, max_overlap=2 (kept for {kept:?})"),
        median_ms(|| place(&pop, big, 1)),
    );
    let placed = [
        ("Hash 100 cells", place(&pop, hash, 1)),
        ("RandomPerRequest 100 cells", place(&pop, random, 1)),
        ("Shuffle 100 workers k=5", place(&pop, shuffle(None), 1)),
    ];
    for (name, pl) in &placed {
        row(
            "impact",
            &format!("{name}, one failed unit"),
            median_ms(|| impact(&pop, pl, &[7])),
        );
    }
    for (name, pl) in &placed {
        row(
            "poison",
            &format!("{name}, tenant 0"),
            median_ms(|| poison(&pop, pl, 0)),
        );
    }
    row(
        "place + impact",
        "Hash 100 cells (one slider change)",
        median_ms(|| impact(&pop, &place(&pop, hash, 1), &[7])),
    );
    row(
        "place + impact",
        "Shuffle 100 workers k=5 (one slider change)",
        median_ms(|| impact(&pop, &place(&pop, shuffle(None), 1), &[7])),
    );
    row(
        "measured_overlap",
        "Shuffle 100 workers k=5, tenant 0",
        median_ms(|| measured_overlap(&placed[2].1, 0)),
    );
    let plan = Plan {
        wave: 10,
        bake_min: 15,
        detect_min: 50,
        rollback_min: 20,
    };
    for (name, pl) in &placed {
        row(
            "timeline",
            &format!("{name}, wave 10, bake 15, detect 50, rollback 20"),
            median_ms(|| timeline(&pop, pl, plan)),
        );
    }
    let counts = [1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 500, 1000];
    let model = CostModel {
        cell_overhead: 0.02,
        headroom: 0.3,
    };
    for strategy in [CellStrategy::Hash, CellStrategy::Dedicated { largest: 10 }] {
        row(
            "curve",
            &format!("{} over 12 cell counts (1..1000)", strategy.slug()),
            median_ms(|| curve(&pop, strategy, &counts, model, 1)),
        );
    }
}
