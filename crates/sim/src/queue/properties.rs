//! Property tests: no input panics, outputs are finite, Little's law holds
//! on every run, and the closed forms never return NaN.

use super::closed::*;
use super::*;
use crate::rng::Rng;
use proptest::prelude::*;

fn weird() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-1.0),
        Just(1e300),
        Just(1e-300),
        0.01f64..100.0,
    ]
}

fn policy() -> impl Strategy<Value = Policy> {
    prop_oneof![
        Just(Policy::RoundRobin),
        Just(Policy::Random),
        Just(Policy::LeastOutstanding),
        (0u32..40).prop_map(|d| Policy::ShortestOfD { d }),
        weird().prop_map(|tau| Policy::PeakEwma { tau }),
        Just(Policy::SharedQueue),
    ]
}

fn arrivals() -> impl Strategy<Value = Arrivals> {
    prop_oneof![
        weird().prop_map(|rate| Arrivals::Poisson { rate }),
        (weird(), weird(), weird(), weird()).prop_map(|(rate, mean_on, mean_off, off_share)| {
            Arrivals::OnOff {
                rate,
                mean_on,
                mean_off,
                off_share,
            }
        }),
    ]
}

fn service() -> impl Strategy<Value = Service> {
    prop_oneof![
        weird().prop_map(|mean| Service::Exponential { mean }),
        weird().prop_map(|mean| Service::Constant { mean }),
        (weird(), weird()).prop_map(|(mean, sigma)| Service::LogNormal { mean, sigma }),
        (weird(), weird()).prop_map(|(mean, alpha)| Service::Pareto { mean, alpha }),
    ]
}

fn config() -> impl Strategy<Value = Config> {
    (
        (0u32..40, 0u64..1500, arrivals(), service(), policy()),
        (
            proptest::collection::vec(weird(), 0..8),
            proptest::collection::vec(0u32..500, 0..8),
            0u32..12,
            proptest::option::of(weird()),
            0u32..1500,
        ),
    )
        .prop_map(
            |(
                (servers, requests, arrivals, service, policy),
                (speeds, weights, fanout, hedge_delay, samples),
            )| Config {
                servers,
                requests,
                arrivals,
                service,
                speeds,
                weights,
                policy,
                fanout,
                hedge_delay,
                samples,
                trace: u64::from(samples) * 100,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_input_panics_and_outputs_are_finite(c in config(), seed in any::<u64>()) {
        let r = simulate(&c, &mut Rng::new(seed));
        let cc = c.clamped();
        let s = r.summary;
        prop_assert_eq!(s.count, cc.requests);
        prop_assert_eq!(r.response.len() as u64, cc.requests);
        for v in [s.mean, s.mean_half_width, s.p50, s.p90, s.p99, s.p999, s.max,
                  s.mean_wait, s.horizon, s.mean_in_system, s.job_rate,
                  s.mean_job_time, s.base_work, s.hedge_work, s.extra_load()] {
            prop_assert!(v.is_finite() && v >= 0.0, "{:?}", s);
        }
        prop_assert!(s.p50 <= s.p90 && s.p90 <= s.p99 && s.p99 <= s.p999 && s.p999 <= s.max);
        for i in 0..r.response.len() {
            let (a, w, x) = (r.arrival[i], r.wait[i], r.response[i]);
            prop_assert!(a.is_finite() && w >= 0.0 && x >= w && x.is_finite());
        }
        // Little's law holds exactly on a window that starts and ends empty
        prop_assert!(s.littles_law_gap().abs() < 1e-9, "{}", s.littles_law_gap());
        prop_assert!(r.utilisation.iter().all(|u| (0.0..=1.0).contains(u)));
        prop_assert_eq!(r.sample_times.len(), cc.samples as usize);
        for row in &r.queue_lengths {
            prop_assert_eq!(row.len(), cc.samples as usize);
        }
        // The trace: the first jobs sent, in order, each a consistent journey.
        let jobs = cc.requests * u64::from(cc.fanout);
        prop_assert!(r.jobs.len() as u64 <= cc.trace.min(jobs + r.summary.hedges));
        prop_assert!(r.jobs.len() as u64 >= cc.trace.min(jobs));
        for (k, j) in r.jobs.iter().enumerate() {
            prop_assert!(j.sent <= j.start && j.start <= j.finish && j.server < cc.servers);
            prop_assert!(k == 0 || r.jobs[k - 1].sent <= j.sent);
            prop_assert!((j.request as u64) < cc.requests);
        }
        for f in [c.offered_load(), c.rate_for_load(0.5)] {
            prop_assert!(f.is_finite() && f >= 0.0);
        }
    }

    #[test]
    fn closed_forms_never_nan(a in weird(), b in weird(), p in weird(), c in 0u32..300, d in 0u32..40) {
        for v in [
            mm1_mean_response(a, b), mm1_response_quantile(a, b, p),
            mm1_mean_in_system(a, b), erlang_c(c, a), mmc_mean_wait(c, a, b),
            mmc_mean_response(c, a, b), mmc_wait_tail(c, a, b, p),
            mg1_mean_response(a, b, p), supermarket_tail(a, d, c),
            supermarket_mean_response(a, d), fanout_tail(p, c),
        ] {
            prop_assert!(!v.is_nan() && v >= 0.0);
        }
    }
}

#[test]
fn huge_counts_are_clamped() {
    let c = Config {
        servers: u32::MAX,
        requests: u64::MAX,
        fanout: u32::MAX,
        samples: u32::MAX,
        trace: u64::MAX,
        ..Config::default()
    }
    .clamped();
    assert_eq!(c.servers, MAX_SERVERS);
    assert_eq!(c.fanout, MAX_SERVERS);
    assert_eq!(c.requests, MAX_JOBS / u64::from(MAX_SERVERS));
    assert_eq!(c.samples, MAX_SAMPLES);
    assert_eq!(c.speeds.len(), MAX_SERVERS as usize);
}
