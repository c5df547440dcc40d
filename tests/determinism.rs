//! The same seed gives the same numbers natively and in WebAssembly.
//!
//! One fingerprint folds together random draws, hashes, every placement strategy
//! and floating-point results; it is pinned here and checked on both targets
//! (`cargo test` and `cargo test --target wasm32-unknown-unknown` in Chromium).

use sim::hash_ring::Ring;
use sim::keys::Keys;
use sim::load::{self, LoadStats};
use sim::placement::{self, PlacementParams, Strategy};
use sim::rng::Rng;
use sim::topology::{Node, Topology};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// The fingerprint computed on x86_64 Linux; wasm must agree to the bit.
const PINNED: u64 = 0x0d04_a14a_cbe2_9eb6;

fn fold(acc: u64, x: u64) -> u64 {
    (acc ^ x).wrapping_mul(0x0100_0000_01b3).rotate_left(17)
}

fn fingerprint() -> u64 {
    let mut acc = 0xcbf2_9ce4_8422_2325u64;
    let mut rng = Rng::new(42);
    for _ in 0..64 {
        acc = fold(acc, rng.next_u64());
        acc = fold(acc, rng.uniform().to_bits());
        acc = fold(acc, rng.exponential(3.5).to_bits());
        acc = fold(acc, rng.below(1_000));
    }
    let keys = Keys::generate(20_000, 7);
    for &h in keys.hashes() {
        acc = fold(acc, h);
    }
    let topo = Topology::new(
        (0..12)
            .map(|id| Node {
                id,
                weight: if id % 3 == 0 { 2.0 } else { 1.0 },
            })
            .collect(),
    );
    let params = PlacementParams {
        vnodes: 40,
        seed: 7,
        epsilon: 0.25,
    };
    for s in Strategy::ALL {
        let a = placement::assign(s, &topo, &keys, &params);
        for &o in &a {
            acc = fold(acc, u64::from(o));
        }
        let stats = LoadStats::from_counts_weighted(&load::counts(&topo, &a), &topo.fair_shares());
        acc = fold(acc, stats.std_over_mean.to_bits());
    }
    let ring = Ring::build(&topo, 40, 7);
    for share in ring.arc_shares(&topo) {
        acc = fold(acc, share.to_bits());
    }
    acc = fold(
        acc,
        load::expected_ring_std_over_mean(12, 40, 20_000).to_bits(),
    );
    acc = fold(acc, load::expected_max_over_mean(12, 0.3).to_bits());
    acc
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn same_seed_same_numbers_on_every_target() {
    let got = fingerprint();
    assert_eq!(
        got, PINNED,
        "fingerprint {got:#x} differs from the pinned {PINNED:#x}"
    );
}

/// The cache fingerprint computed on x86_64 Linux; wasm must agree to the bit.
const PINNED_CACHE: u64 = 0x2e9b_5a5b_0062_37cd;

/// Every workload shape, every policy's hit count on it, and the closed forms.
fn cache_fingerprint() -> u64 {
    use sim::cache::che::Popularity;
    use sim::cache::policy::Config;
    use sim::cache::workload::{generate, zipf_probabilities, Shape, Spec};
    use sim::cache::{simulate, PolicyKind};

    let mut acc = 0xcbf2_9ce4_8422_2325u64;
    for shape in Shape::ALL {
        let spec = Spec {
            shape,
            requests: 20_000,
            universe: 2_000,
            alpha: 0.9,
            hot: 100,
            scan_share: 0.3,
        };
        let trace = generate(&spec, 5);
        for &k in trace.iter().step_by(97) {
            acc = fold(acc, u64::from(k));
        }
        for kind in PolicyKind::ALL {
            let cfg = Config {
                capacity: 150,
                universe: 2_000,
                seed: 9,
                ttl: 400,
            };
            acc = fold(acc, simulate(kind, &cfg, &trace).hits);
        }
    }
    let pop = Popularity::new(&zipf_probabilities(5_000, 1.1));
    for c in [1, 50, 500] {
        acc = fold(acc, pop.lru(c).to_bits());
        acc = fold(acc, pop.fifo(c).to_bits());
        acc = fold(acc, pop.top_mass(c).to_bits());
    }
    acc
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn same_seed_same_cache_results_on_every_target() {
    let got = cache_fingerprint();
    assert_eq!(
        got, PINNED_CACHE,
        "cache fingerprint {got:#x} differs from the pinned {PINNED_CACHE:#x}"
    );
}

/// The rate-limiter fingerprint computed on x86_64 Linux; wasm must agree to the bit.
const PINNED_RATE: u64 = 0x6448_1d02_c0fd_5fba;

/// Every traffic kind, every algorithm's decisions and summaries, and a distributed run.
fn rate_fingerprint() -> u64 {
    use sim::rate_limit::distributed::{self, Setup, Sharing, Spread};
    use sim::rate_limit::traffic::Traffic;
    use sim::rate_limit::{run, AlgorithmKind, Params};

    let mut acc = 0xcbf2_9ce4_8422_2325u64;
    let params = Params::new(20, 1_000_000).with_burst(12);
    let streams = [
        Traffic::Poisson {
            rate_per_s: 35.0,
            duration_us: 20_000_000,
        },
        Traffic::OnOff {
            rate_per_s: 60.0,
            on_us: 700_000,
            off_us: 1_300_000,
            duration_us: 20_000_000,
        },
        Traffic::Spike {
            base_per_s: 5.0,
            at_us: 3_000_000,
            count: 80,
            width_us: 150_000,
            duration_us: 10_000_000,
        },
        Traffic::Boundary {
            limit: 20,
            window_us: 1_000_000,
            boundary_us: 1_000_000,
            spread_us: 90_000,
        },
        Traffic::Clients {
            rates_per_s: vec![40.0, 10.0, 10.0],
            duration_us: 10_000_000,
        },
    ];
    for t in &streams {
        let stream = t.generate(3);
        for r in stream.iter().step_by(7) {
            acc = fold(acc, r.t_us ^ u64::from(r.client) << 48);
        }
        let out = run(&stream, params, &AlgorithmKind::ALL, 50);
        for lane in &out.lanes {
            let s = lane.summary;
            acc = fold(acc, s.accepted);
            acc = fold(acc, u64::from(s.max_in_window));
            acc = fold(acc, s.worst_delay_us);
            acc = fold(acc, s.mean_delay_us.to_bits());
            for series in &lane.series {
                for st in series.iter().step_by(5) {
                    acc = fold(acc, st.level().to_bits());
                }
            }
        }
        let setup = Setup {
            params,
            gateways: 4,
            sharing: Sharing::Sync { every_us: 250_000 },
            spread: Spread::Random,
            seed: 9,
        };
        let report = distributed::simulate(&stream, &setup);
        acc = fold(acc, report.accepted);
        acc = fold(acc, report.over_ratio.to_bits());
    }
    acc
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn same_seed_same_rate_limits_on_every_target() {
    let got = rate_fingerprint();
    assert_eq!(
        got, PINNED_RATE,
        "rate fingerprint {got:#x} differs from the pinned {PINNED_RATE:#x}"
    );
}

/// The cells fingerprint computed on x86_64 Linux; wasm must agree to the bit.
const PINNED_CELLS: u64 = 0x9c1b_b3a7_de8c_b967;

/// Populations, every architecture's placement, faults, deploys and the cost curve.
fn cells_fingerprint() -> u64 {
    use sim::cells::architecture::{Architecture, CellStrategy};
    use sim::cells::cost::{curve, CostModel};
    use sim::cells::deploy::{timeline, Plan};
    use sim::cells::fault::{impact, poison};
    use sim::cells::placement::place;
    use sim::cells::population::{Population, Skew};
    use sim::cells::shuffle::{measured_overlap, overlap_pmf};

    let mut acc = 0xcbf2_9ce4_8422_2325u64;
    for skew in [Skew::Equal, Skew::Zipf(1.1), Skew::Pareto(1.3)] {
        let pop = Population::generate(3_000, skew, 4);
        for w in pop.weights.iter().step_by(37) {
            acc = fold(acc, w.to_bits());
        }
        let archs = [
            Architecture::Shared,
            Architecture::Cells {
                cells: 12,
                strategy: CellStrategy::Hash,
            },
            Architecture::Cells {
                cells: 12,
                strategy: CellStrategy::Dedicated { largest: 3 },
            },
            Architecture::Cells {
                cells: 12,
                strategy: CellStrategy::RandomPerRequest,
            },
            Architecture::Shuffle {
                workers: 30,
                shard: 4,
                max_overlap: None,
            },
            Architecture::Shuffle {
                workers: 30,
                shard: 4,
                max_overlap: Some(2),
            },
        ];
        for arch in archs {
            let pl = place(&pop, arch, 6);
            for t in (0..3_000u32).step_by(101) {
                for &u in pl.units_of(t) {
                    acc = fold(acc, u64::from(u));
                }
            }
            let hit = impact(&pop, &pl, &[0, 5]);
            acc = fold(acc, hit.traffic_lost.to_bits());
            acc = fold(acc, u64::from(hit.tenants_full));
            acc = fold(acc, poison(&pop, &pl, 7).1.traffic_touched.to_bits());
            let tl = timeline(
                &pop,
                &pl,
                Plan {
                    wave: 2,
                    bake_min: 10,
                    detect_min: 25,
                    rollback_min: 5,
                },
            );
            acc = fold(acc, tl.tenant_minutes.to_bits());
            for m in measured_overlap(&pl, 7) {
                acc = fold(acc, m);
            }
        }
        for p in curve(
            &pop,
            CellStrategy::Hash,
            &[1, 4, 16],
            CostModel {
                cell_overhead: 0.02,
                headroom: 0.3,
            },
            6,
        ) {
            acc = fold(acc, p.cost.to_bits());
            acc = fold(acc, p.blast_radius.to_bits());
        }
    }
    for p in overlap_pmf(100, 5) {
        acc = fold(acc, p.to_bits());
    }
    acc
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn same_seed_same_cells_on_every_target() {
    let got = cells_fingerprint();
    assert_eq!(
        got, PINNED_CELLS,
        "cells fingerprint {got:#x} differs from the pinned {PINNED_CELLS:#x}"
    );
}

/// The queueing fingerprint computed on x86_64 Linux; wasm must agree to the bit.
const PINNED_QUEUE: u64 = 0x8f15_5e40_6dd4_3463;

/// Every balancing policy, each service-time law, bursty arrivals, fan-out
/// and hedging, and the closed forms.
fn queue_fingerprint() -> u64 {
    use sim::queue::closed;
    use sim::queue::{hedging_effect, simulate, Arrivals, Config, Policy, Service};
    let mut acc = 0xcbf2_9ce4_8422_2325u64;
    let policies = [
        Policy::RoundRobin,
        Policy::Random,
        Policy::LeastOutstanding,
        Policy::ShortestOfD { d: 2 },
        Policy::PeakEwma { tau: 10.0 },
        Policy::SharedQueue,
    ];
    let services = [
        Service::Exponential { mean: 1.0 },
        Service::Constant { mean: 1.0 },
        Service::LogNormal {
            mean: 1.0,
            sigma: 1.5,
        },
        Service::Pareto {
            mean: 1.0,
            alpha: 2.1,
        },
    ];
    for (i, &policy) in policies.iter().enumerate() {
        let c = Config {
            servers: 8,
            requests: 3_000,
            arrivals: if i % 2 == 0 {
                Arrivals::Poisson { rate: 1.0 }
            } else {
                Arrivals::OnOff {
                    rate: 1.0,
                    mean_on: 20.0,
                    mean_off: 20.0,
                    off_share: 0.1,
                }
            },
            service: services[i % services.len()],
            speeds: vec![0.3],
            weights: vec![2, 1, 1, 3],
            policy,
            fanout: 1 + (i as u32 % 3),
            hedge_delay: (i % 3 == 2).then_some(2.5),
            samples: 20,
            trace: 500,
        }
        .with_load(0.8);
        let r = simulate(&c, &mut Rng::new(9 + i as u64));
        for &x in &r.response {
            acc = fold(acc, x.to_bits());
        }
        for row in &r.queue_lengths {
            for &q in row {
                acc = fold(acc, u64::from(q));
            }
        }
        for j in &r.jobs {
            acc = fold(acc, u64::from(j.server));
            acc = fold(acc, j.finish.to_bits());
        }
        for v in [r.summary.mean, r.summary.p99, r.summary.mean_in_system] {
            acc = fold(acc, v.to_bits());
        }
        let h = hedging_effect(&c, 95, 100, &mut Rng::new(3));
        acc = fold(acc, h.delay.to_bits());
        acc = fold(acc, h.with.p99.to_bits());
    }
    for rho in [0.5, 0.9, 0.99] {
        for v in [
            closed::mm1_mean_response(rho, 1.0),
            closed::mm1_response_quantile(rho, 1.0, 0.99),
            closed::mmc_mean_response(10, rho * 10.0, 1.0),
            closed::mg1_mean_response(rho, 1.0, 4.0),
            closed::supermarket_mean_response(rho, 2),
            closed::fanout_tail(0.01, 50),
        ] {
            acc = fold(acc, v.to_bits());
        }
    }
    acc
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn same_seed_same_queues_on_every_target() {
    let got = queue_fingerprint();
    assert_eq!(
        got, PINNED_QUEUE,
        "queue fingerprint {got:#x} differs from the pinned {PINNED_QUEUE:#x}"
    );
}
