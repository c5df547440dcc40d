//! WebAssembly timings of the simulation: the placement code, the same functions
//! at the same sizes as the native `crates/sim/examples/ring_bench.rs`, and the
//! quorum simulations, as in `crates/sim/examples/quorum_bench.rs`, and the cache
//! policies, as in `crates/sim/examples/cache_bench.rs`, and the rate limiters, as
//! in `crates/sim/examples/rate_limit_bench.rs`, and the cells simulation, as in
//! `crates/sim/examples/cells_bench.rs`, and the queueing simulation, as in
//! `crates/sim/examples/queue_bench.rs`. Each prints
//! the same Markdown table as its native example, so `scripts/bench.sh` can put
//! the two side by side.
//!
//! Not part of `scripts/test.sh`: it reports figures and never fails on time.
//! Run it optimised in headless Chromium:
//!
//! ```sh
//! cargo test -p dials --release --target wasm32-unknown-unknown --test sim_bench -- --nocapture
//! ```
#![cfg(target_arch = "wasm32")]

use std::hint::black_box;

use sim::hash_ring::Ring;
use sim::keys::Keys;
use sim::placement::{self, PlacementParams, Strategy};
use sim::quorum::wars::LatencyPreset;
use sim::quorum::{monte_carlo, wars, QuorumConfig};
use sim::rng::Rng;
use sim::topology::Topology;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Runs per measurement; the median is reported (as natively).
const RUNS: usize = 15;

/// A browser rounds `performance.now()` (to 0.1 ms without cross-origin
/// isolation), so a run repeats a fast function until it lasts at least this
/// long and reports the mean per call.
const MIN_RUN_MS: f64 = 5.0;

fn now_ms() -> f64 {
    web_sys::window()
        .expect("a window")
        .performance()
        .expect("window.performance")
        .now()
}

/// Median time per call of `f` in milliseconds over [`RUNS`] runs.
fn median_ms<T>(mut f: impl FnMut() -> T) -> f64 {
    // why: one warm-up call (as natively), which also sizes the batches.
    let start = now_ms();
    black_box(f());
    let first = now_ms() - start;
    let calls = if first >= MIN_RUN_MS {
        1
    } else {
        // At most 10,000 calls: a call that rounds to zero still ends.
        (MIN_RUN_MS / first.max(MIN_RUN_MS / 10_000.0)).ceil() as usize
    };
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = now_ms();
            for _ in 0..calls {
                black_box(f());
            }
            (now_ms() - start) / calls as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[RUNS / 2]
}

#[wasm_bindgen_test]
fn placement_timings() {
    let mut table =
        String::from("| function | nodes × vnodes, keys | median ms |\n|---|---|---:|\n");
    for (nodes, vnodes, nkeys) in [(10u32, 100u32, 10_000usize), (100, 1000, 100_000)] {
        let sizes = format!("{nodes} × {vnodes}, {nkeys}");
        let topology = Topology::uniform(nodes);
        let params = PlacementParams {
            vnodes,
            seed: 1,
            epsilon: 0.25,
        };
        let mut row =
            |name: &str, ms: f64| table.push_str(&format!("| {name} | {sizes} | {ms:.3} |\n"));

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
    console_log!("{table}");
}

/// Throughput of the quorum simulations: WARS (the staleness-over-time curve)
/// and the Monte Carlo staleness estimate, at the native example's sizes.
#[wasm_bindgen_test]
fn quorum_throughput() {
    let mut table = String::from(
        "| function | config | trials | median ms | M trials/s |\n|---|---|---:|---:|---:|\n",
    );
    let mut row = |name: &str, cfg: QuorumConfig, trials: u64, ms: f64| {
        let (n, r, w) = (cfg.n, cfg.r, cfg.w);
        let rate = trials as f64 / ms / 1e3;
        table.push_str(&format!(
            "| {name} | n={n} r={r} w={w} | {trials} | {ms:.2} | {rate:.2} |\n"
        ));
    };
    let lat = LatencyPreset::Ssd.latencies();
    for (n, q) in [(3, 2), (5, 3), (15, 8)] {
        let cfg = QuorumConfig::new(n, q, q);
        let trials = 100_000usize;
        let mut rng = Rng::new(1);
        let ms = median_ms(|| wars::simulate(cfg, lat, trials, &mut rng));
        row("wars::simulate", cfg, trials as u64, ms);
    }
    for (n, q) in [(3, 2), (15, 8)] {
        let cfg = QuorumConfig::new(n, q, q);
        let trials = 1_000_000u64;
        let mut rng = Rng::new(2);
        let ms = median_ms(|| monte_carlo::stale(cfg, trials, &mut rng));
        row("monte_carlo::stale", cfg, trials, ms);
    }
    console_log!("{table}");
}

/// Requests per second of every cache policy on the widget's largest
/// workload (1,000,000 Zipf(1.0) requests over 100,000 keys), and a whole
/// hit-ratio curve, as in `crates/sim/examples/cache_bench.rs`.
#[wasm_bindgen_test]
fn cache_throughput() {
    use sim::cache::policy::Config;
    use sim::cache::workload::{generate, Shape, Spec};
    use sim::cache::{simulate, PolicyKind};

    let spec = Spec {
        shape: Shape::Zipf,
        requests: 1_000_000,
        universe: 100_000,
        alpha: 1.0,
        hot: 1,
        scan_share: 0.0,
    };
    let trace = generate(&spec, 1);
    let mut table =
        String::from("| policy | cache size | median ms | M requests/s |\n|---|---|---:|---:|\n");
    for kind in PolicyKind::ALL {
        for capacity in [1_000usize, 10_000] {
            let config = Config {
                capacity,
                universe: 100_000,
                seed: 1,
                ttl: 1_000,
            };
            let ms = median_ms(|| simulate(kind, &config, &trace));
            table.push_str(&format!(
                "| {} | {capacity} | {ms:.1} | {:.1} |\n",
                kind.label(),
                trace.len() as f64 / ms / 1e3
            ));
        }
    }
    let mut sizes: Vec<usize> = (0..10)
        .map(|i| 100_000f64.powf(f64::from(i) / 9.0).round() as usize)
        .collect();
    sizes.push(1_000);
    sizes.sort_unstable();
    sizes.dedup();
    let kinds: Vec<PolicyKind> = PolicyKind::ALL
        .into_iter()
        .filter(|k| *k != PolicyKind::LruTtl)
        .collect();
    let runs = sizes.len() * kinds.len();
    let start = now_ms();
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
    let ms = now_ms() - start;
    table.push_str(&format!(
        "| whole curve ({runs} runs) | 1–100,000 | {ms:.0} | {:.1} |\n",
        (runs * trace.len()) as f64 / ms / 1e3
    ));
    console_log!("{table}");
}

/// Decisions per second of every rate limiter on a 1,000,000-request Poisson
/// stream, and all six through `run` as the widget calls it, as in
/// `crates/sim/examples/rate_limit_bench.rs`.
#[wasm_bindgen_test]
fn rate_limit_throughput() {
    use sim::rate_limit::traffic::poisson;
    use sim::rate_limit::{run, AlgorithmKind, Limiter, Params};

    const REQUESTS: usize = 1_000_000;
    let rate = 100_000.0;
    let duration_us = (REQUESTS as f64 / rate * 1e6 * 1.1) as u64;
    let mut stream = poisson(rate, duration_us, &mut Rng::new(1));
    stream.truncate(REQUESTS);
    let times: Vec<u64> = stream.iter().map(|r| r.t_us).collect();
    let params = Params::new(50_000, 1_000_000);
    let mut table = String::from(
        "| algorithm | accepted | median ms | M decisions/s |\n|---|---:|---:|---:|\n",
    );
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
        let ms = median_ms(decide_all);
        total += ms;
        table.push_str(&format!(
            "| {} | {accepted} | {ms:.2} | {:.1} |\n",
            kind.label(),
            times.len() as f64 / ms / 1e3
        ));
    }
    table.push_str(&format!("| all six, decisions only | | {total:.2} | |\n"));
    let ms = median_ms(|| run(&stream, params, &AlgorithmKind::ALL, 600));
    table.push_str(&format!(
        "| all six through run (outcomes, 600 samples, readouts) | | {ms:.2} | {:.1} |\n",
        6.0 * times.len() as f64 / ms / 1e3
    ));
    console_log!("{table}");
}

/// The cells simulation at 100,000 tenants, the same rows as
/// `crates/sim/examples/cells_bench.rs` (the placements, faults and curves a
/// slider or a click recomputes).
#[wasm_bindgen_test]
fn cells_timings() {
    use sim::cells::architecture::{Architecture, CellStrategy};
    use sim::cells::cost::{curve, CostModel};
    use sim::cells::deploy::{timeline, Plan};
    use sim::cells::fault::{impact, poison};
    use sim::cells::placement::place;
    use sim::cells::population::{Population, Skew};
    use sim::cells::shuffle::measured_overlap;

    const TENANTS: usize = 100_000;
    let mut table = String::from("| function | setting | median ms |\n|---|---|---:|\n");
    let mut row = |f: &str, s: &str, ms: f64| table.push_str(&format!("| {f} | {s} | {ms:.2} |\n"));
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
    let kept = place(&pop, shuffle(Some(2)), 1).guarantee_kept_for;
    row(
        "place",
        &format!("Shuffle 100 workers, k=5, max_overlap=2 (kept for {kept:?})"),
        median_ms(|| place(&pop, shuffle(Some(2)), 1)),
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
    console_log!("{table}");
}

/// The queueing simulation, the same rows as
/// `crates/sim/examples/queue_bench.rs`: a million requests through 100
/// servers at 90 % load per balancing policy, then fan-out and hedging. Three
/// runs per row (a row takes a fraction of a second), the median reported.
#[wasm_bindgen_test]
fn queue_throughput() {
    use sim::queue::{simulate, Arrivals, Config, Policy, Service};
    let config = |policy: Policy| Config {
        servers: 100,
        requests: 1_000_000,
        arrivals: Arrivals::Poisson { rate: 90.0 },
        service: Service::Exponential { mean: 1.0 },
        policy,
        samples: 200,
        trace: 0,
        ..Config::default()
    };
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
    weighted.weights = (0..100).map(|i| 1 + i % 4).collect();
    weighted.speeds = weighted.weights.iter().map(|&w| f64::from(w)).collect();
    rows.push((
        "smooth weighted round robin".into(),
        weighted.with_load(0.9),
    ));
    let mut fanout = config(Policy::Random);
    fanout.fanout = 10;
    fanout.requests = 100_000;
    let mut fanout = fanout.with_load(0.5);
    rows.push(("random, fan-out 10 (50 % load)".into(), fanout.clone()));
    fanout.hedge_delay = Some(6.0);
    rows.push(("… with hedging after 6 (≈ p95)".into(), fanout));
    let mut hedged = config(Policy::Random).with_load(0.5);
    hedged.service = Service::Pareto {
        mean: 1.0,
        alpha: 2.2,
    };
    hedged.hedge_delay = Some(6.0);
    rows.push(("random, Pareto α = 2.2, hedging after 6".into(), hedged));
    console_log!(
        "| configuration | servers | requests | jobs per request | median ms | M requests/s |"
    );
    console_log!("|---|---:|---:|---:|---:|---:|");
    for (name, c) in rows {
        black_box(simulate(&c, &mut Rng::new(1)));
        let mut times: Vec<f64> = (0..3)
            .map(|_| {
                let start = now_ms();
                black_box(simulate(&c, &mut Rng::new(1)));
                now_ms() - start
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let ms = times[1];
        let requests = c.clamped().requests;
        console_log!(
            "| {name} | {} | {requests} | {} | {ms:.1} | {:.2} |",
            c.servers,
            c.fanout,
            requests as f64 / ms / 1e3
        );
    }
}
