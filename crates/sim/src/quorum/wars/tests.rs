//! Tests of the WARS simulation against its definition, closed forms and
//! hand-worked trials.

use super::*;
use crate::quorum::closed::p_stale;

const TIMES: [f64; 12] = [
    -5.0, -1.0, 0.0, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 200.0,
];

#[test]
fn presets_round_trip() {
    for (i, a) in LatencyPreset::ALL.iter().enumerate() {
        assert_eq!(LatencyPreset::from_slug(a.slug()), Some(*a));
        for b in &LatencyPreset::ALL[i + 1..] {
            assert_ne!(a.slug(), b.slug());
            assert_ne!(a.label(), b.label());
        }
        let l = a.latencies();
        for mean in [l.write, l.ack, l.read, l.response] {
            assert!(mean > 0.0 && mean.is_finite());
        }
    }
    assert_eq!(LatencyPreset::from_slug("tape"), None);
    assert_eq!(LatencyPreset::Wan.slug(), "wan");
}

#[test]
fn ranks_match_stable_sort() {
    let mut rng = Rng::new(8);
    for _ in 0..2000 {
        let len = 1 + rng.below(CAP as u64) as usize;
        // why: few distinct values so ties are common
        let keys: Vec<f64> = (0..len).map(|_| rng.below(4) as f64).collect();
        let mut sorted: Vec<usize> = (0..len).collect();
        sorted.sort_by(|&a, &b| keys[a].total_cmp(&keys[b]));
        for (pos, &i) in sorted.iter().enumerate() {
            assert_eq!(rank_of(&keys, i), pos, "{keys:?}");
            assert_eq!(kth_smallest(&keys, pos), keys[i]);
        }
    }
}

#[test]
fn radix_sort_matches_total_cmp() {
    let mut rng = Rng::new(21);
    let specials = [
        0.0,
        -0.0,
        1.0,
        -1.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MIN_POSITIVE,
        -5e-324,
    ];
    for len in [0usize, 1, 7, 256, 257, 1000, 50_000] {
        let mut v: Vec<f64> = (0..len)
            .map(|i| match i % 4 {
                0 => specials[rng.below(specials.len() as u64) as usize],
                1 => rng.exponential(10.0),
                2 => -rng.exponential(0.01),
                _ => rng.uniform() * 1e300 - 5e299,
            })
            .collect();
        let mut want = v.clone();
        want.sort_by(f64::total_cmp);
        sort_floats(&mut v);
        let bits = |x: &[f64]| x.iter().map(|f| f.to_bits()).collect::<Vec<u64>>();
        assert_eq!(bits(&v), bits(&want), "len {len}");
    }
    // a pass shared by every value is skipped without harm
    let mut same = vec![2.5; 1000];
    sort_floats(&mut same);
    assert!(same.iter().all(|&x| x == 2.5));
}

#[test]
fn curve_is_monotone_and_result_sorted() {
    let cfg = QuorumConfig::new(5, 1, 2);
    let res = simulate(
        cfg,
        LatencyPreset::Disk.latencies(),
        20_000,
        &mut Rng::new(1),
    );
    assert_eq!(res.trials, 20_000);
    for v in [res.thresholds(), &res.read_latency, &res.write_latency] {
        assert_eq!(v.len(), 20_000);
        assert!(v.windows(2).all(|p| p[0] <= p[1]));
    }
    let fine: Vec<f64> = (0..2000).map(|i| i as f64 * 0.05 - 10.0).collect();
    let curve = res.curve(&fine);
    assert!(curve.windows(2).all(|p| p[0] <= p[1]));
    assert!(curve[0] >= 0.0 && curve[curve.len() - 1] <= 1.0);
    // a partial quorum with slow writes is visibly stale at commit
    assert!(res.p_consistent(0.0) < 0.95);
    assert!(res.p_consistent(1e9) == 1.0);
}

#[test]
fn larger_quorums_never_lower_the_curve() {
    // why: same seed = same delays for every (r, w) (common random
    // numbers), and each trial's threshold can only fall as r or w grows,
    // so the comparison is exact, not statistical.
    let lat = LatencyPreset::Disk.latencies();
    for n in [3u32, 5] {
        let curves: Vec<Vec<Vec<f64>>> = (1..=n)
            .map(|r| {
                (1..=n)
                    .map(|w| {
                        let cfg = QuorumConfig::new(n, r, w);
                        simulate(cfg, lat, 3000, &mut Rng::new(77)).curve(&TIMES)
                    })
                    .collect()
            })
            .collect();
        for r in 0..n as usize {
            for w in 0..n as usize {
                for (ti, &t) in TIMES.iter().enumerate() {
                    let here = curves[r][w][ti];
                    if r + 1 < n as usize {
                        assert!(
                            curves[r + 1][w][ti] >= here,
                            "n={n} r={} w={} t={t}",
                            r + 1,
                            w + 1
                        );
                    }
                    if w + 1 < n as usize {
                        assert!(
                            curves[r][w + 1][ti] >= here,
                            "n={n} r={} w={} t={t}",
                            r + 1,
                            w + 1
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn strict_quorums_are_consistent_at_commit() {
    let mut rng = Rng::new(2);
    for preset in LatencyPreset::ALL {
        for (n, r, w) in [(3, 2, 2), (3, 1, 3), (5, 3, 3), (5, 4, 2), (15, 8, 8)] {
            let cfg = QuorumConfig::new(n, r, w);
            let res = simulate(cfg, preset.latencies(), 5000, &mut rng);
            assert_eq!(res.p_consistent(0.0), 1.0, "{cfg:?} {preset:?}");
            assert_eq!(res.time_to(1.0), 0.0);
        }
    }
}

#[test]
fn instant_messages_reduce_to_random_quorums() {
    // why: with A = R = S = 0 the responders are fixed (ties in index
    // order), W_i are i.i.d., so the replicas holding the write at commit
    // are a uniformly random w-set: consistent at t = 0 with probability
    // exactly 1 − p_stale.
    let lat = Latencies {
        write: 3.0,
        ack: 0.0,
        read: 0.0,
        response: 0.0,
    };
    let trials = 100_000;
    let mut rng = Rng::new(5);
    for (n, r, w) in [(3, 1, 1), (5, 2, 2), (5, 1, 3), (10, 2, 3)] {
        let cfg = QuorumConfig::new(n, r, w);
        let p = simulate(cfg, lat, trials, &mut rng).p_consistent(0.0);
        let want = 1.0 - p_stale(cfg);
        let se = (want * (1.0 - want) / trials as f64).sqrt();
        assert!(
            (p - want).abs() <= 4.0 * se + 1e-9,
            "{cfg:?}: {p} vs {want}"
        );
    }
}

#[test]
fn read_latency_grows_with_r_and_write_latency_with_w() {
    let lat = LatencyPreset::Ssd.latencies();
    let n = 5;
    let res: Vec<WarsResult> = (1..=n)
        .map(|q| simulate(QuorumConfig::new(n, q, q), lat, 5000, &mut Rng::new(3)))
        .collect();
    for q in [0.0, 0.5, 0.9, 0.99, 1.0] {
        for pair in res.windows(2) {
            assert!(pair[1].read_percentile(q) >= pair[0].read_percentile(q));
            assert!(pair[1].write_percentile(q) >= pair[0].write_percentile(q));
        }
        // medians strictly apart: order statistics of exponentials
        assert!(res[4].read_percentile(0.5) > res[0].read_percentile(0.5));
    }
    let r = &res[2];
    assert_eq!(r.read_percentile(0.0), r.read_latency[0]);
    assert_eq!(r.read_percentile(1.0), r.read_latency[4999]);
    assert_eq!(r.read_percentile(0.5), r.read_latency[2499]);
    assert_eq!(r.write_percentile(0.999), r.write_latency[4994]);
}

#[test]
fn tiny_delays_reach_full_consistency() {
    let lat = Latencies {
        write: 1e-3,
        ack: 1e-3,
        read: 1e-3,
        response: 1e-3,
    };
    let res = simulate(QuorumConfig::new(5, 1, 1), lat, 10_000, &mut Rng::new(4));
    assert_eq!(res.p_consistent(1.0), 1.0);
    assert!(res.time_to(0.999) < 0.1);
}

#[test]
fn time_to_inverts_the_curve() {
    let res = simulate(
        QuorumConfig::new(3, 1, 1),
        LatencyPreset::Wan.latencies(),
        997,
        &mut Rng::new(6),
    );
    for p in [0.0, 0.1, 0.5, 0.9, 0.99, 0.999, 1.0] {
        let t = res.time_to(p);
        assert!(t >= 0.0);
        assert!(res.p_consistent(t) >= p, "p={p}");
        // nothing earlier (on the threshold grid) reaches p
        if t > 0.0 {
            let below = res.thresholds().partition_point(|&x| x < t);
            assert!((below as f64 / 997.0) < p, "p={p}");
        }
    }
    assert_eq!(res.time_to(1.5), f64::INFINITY);
    assert_eq!(res.time_to(-1.0), 0.0);
    let empty = simulate(
        QuorumConfig::new(3, 1, 1),
        LatencyPreset::Ssd.latencies(),
        0,
        &mut Rng::new(6),
    );
    assert_eq!(empty.p_consistent(5.0), 0.0);
    assert_eq!(empty.read_percentile(0.5), 0.0);
    assert_eq!(empty.write_percentile(0.5), 0.0);
    assert_eq!(empty.time_to(0.5), f64::INFINITY);
}

#[test]
fn shared_draws_give_the_same_runs_bit_for_bit() {
    let lat = LatencyPreset::Disk.latencies();
    let alive = [true, false, true, true, true];
    let draws = Draws::new(5, 3000, &mut Rng::new(12));
    assert_eq!((draws.n(), draws.trials()), (5, 3000));
    for (r, w, trials) in [(1, 1, 3000), (2, 3, 3000), (1, 2, 1200)] {
        let cfg = QuorumConfig::new(5, r, w);
        let own = simulate_with_failures(cfg, lat, &alive, trials, &mut Rng::new(12));
        let shared = simulate_draws(cfg, lat, &alive, &draws, trials);
        let bits = |x: &WarsResult| {
            [x.thresholds(), &x.read_latency, &x.write_latency]
                .iter()
                .flat_map(|v| v.iter().map(|f| f.to_bits()))
                .collect::<Vec<u64>>()
        };
        assert!(shared.is_some());
        assert_eq!(own.as_ref().map(bits), shared.as_ref().map(bits));
    }
    // a zero mean is a zero delay: with instant acks a write commits
    // when its w-th replica applies it, never later than with real acks
    let cfg = QuorumConfig::new(5, 1, 2);
    let zero = Latencies { ack: 0.0, ..lat };
    let (fast, slow) = (
        simulate_draws(cfg, zero, &alive, &draws, 500),
        simulate_draws(cfg, lat, &alive, &draws, 500),
    );
    let (fast, slow) = (
        fast.unwrap_or_else(|| unreachable!()),
        slow.unwrap_or_else(|| unreachable!()),
    );
    assert!(fast
        .write_latency
        .iter()
        .zip(&slow.write_latency)
        .all(|(a, b)| a <= b));
    assert!(fast.write_latency[250] < slow.write_latency[250]);
    // draws made for another n, or too few of them, are refused
    assert!(simulate_draws(QuorumConfig::new(3, 1, 1), lat, &[], &draws, 10).is_none());
    assert!(simulate_draws(cfg, lat, &alive, &draws, 3001).is_none());
    let down = [false, false, false, false, true];
    assert!(simulate_draws(QuorumConfig::new(5, 2, 2), lat, &down, &draws, 10).is_none());
}

#[test]
fn failures() {
    let cfg = QuorumConfig::new(5, 2, 3);
    let lat = LatencyPreset::Ssd.latencies();
    assert!(simulate_with_failures(
        cfg,
        lat,
        &[true, false, false, false, true],
        100,
        &mut Rng::new(1)
    )
    .is_none());
    assert!(simulate_with_failures(
        cfg,
        lat,
        &[true, false, false, true, true],
        100,
        &mut Rng::new(1)
    )
    .is_some());
    // all alive (or unspecified) is plain simulate
    let plain = simulate(cfg, lat, 2000, &mut Rng::new(9));
    assert_eq!(
        simulate_with_failures(cfg, lat, &[true; 5], 2000, &mut Rng::new(9)).as_ref(),
        Some(&plain)
    );
    assert_eq!(
        simulate_with_failures(cfg, lat, &[], 2000, &mut Rng::new(9)).as_ref(),
        Some(&plain)
    );
    // with exactly w = n − 2 survivors the write quorum is every live
    // replica, so every read among them overlaps it: consistent at commit
    let down = [false, true, true, true, false];
    let res = simulate_with_failures(cfg, lat, &down, 2000, &mut Rng::new(9));
    assert_eq!(res.map(|r| r.p_consistent(0.0)), Some(1.0));
}
