//! Native timings of the placement code, printed as a Markdown table.
//!
//! Run with `cargo run -p dials-sim --release --example ring_bench`.
//! Each row is the median of several runs, so one slow outlier (a page fault,
//! another process) does not distort it.

use std::hint::black_box;
use std::time::Instant;

use dials_sim::hash_ring::Ring;
use dials_sim::keys::Keys;
use dials_sim::placement::{self, PlacementParams, Strategy};
use dials_sim::topology::Topology;

/// Runs per measurement; the median is reported.
const RUNS: usize = 15;

/// Median wall time of `f` in milliseconds over [`RUNS`] runs.
fn median_ms<T>(mut f: impl FnMut() -> T) -> f64 {
    // why: one warm-up run so allocation and cache effects of the first call
    // do not count.
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

fn main() {
    println!("| function | nodes × vnodes, keys | median ms |");
    println!("|---|---|---:|");
    for (nodes, vnodes, nkeys) in [(10u32, 100u32, 10_000usize), (100, 1000, 100_000)] {
        let sizes = format!("{nodes} × {vnodes}, {nkeys}");
        let topology = Topology::uniform(nodes);
        let params = PlacementParams {
            vnodes,
            seed: 1,
            epsilon: 0.25,
        };
        let row = |name: &str, ms: f64| println!("| {name} | {sizes} | {ms:.3} |");

        row("Keys::generate", median_ms(|| Keys::generate(nkeys, 7)));
        let keys = Keys::generate(nkeys, 7);
        row(
            "Keys::update (2% fewer)",
            median_ms(|| keys.update(nkeys * 49 / 50, 7)),
        );
        row(
            "Ring::build",
            median_ms(|| Ring::build(&topology, vnodes, 1)),
        );
        let ring = Ring::build(&topology, vnodes, 1);
        let fewer = Topology::uniform(topology.len() as u32 - 1);
        row(
            "Ring::update (one node leaves)",
            median_ms(|| ring.update(&fewer, vnodes, 1)),
        );
        row("Ring::assign", median_ms(|| ring.assign(&keys)));
        row(
            "Ring::build + assign",
            median_ms(|| Ring::build(&topology, vnodes, 1).assign(&keys)),
        );
        for strategy in Strategy::ALL {
            let name = format!("placement::assign({})", strategy.slug());
            row(
                &name,
                median_ms(|| placement::assign(strategy, &topology, &keys, &params)),
            );
        }
    }
}
