//! Hedging's effect on one configuration: the tail it removes and the work
//! it adds, with the hedge delay picked the way "The Tail at Scale" suggests
//! (a high percentile of a single job's latency, e.g. the 95th).

use super::run::{simulate, Summary};
use super::stats::quantiles;
use super::Config;
use crate::rng::Rng;

/// The same configuration run without and with hedging.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HedgeEffect {
    /// The hedge delay used: the chosen percentile of one job's response
    /// time, measured by a pilot run.
    pub delay: f64,
    /// The run without hedging.
    pub without: Summary,
    /// The run with hedging after `delay`.
    pub with: Summary,
}

impl HedgeEffect {
    /// How much hedging lowered the 99th percentile (negative if it rose).
    pub fn p99_removed(&self) -> f64 {
        self.without.p99 - self.with.p99
    }

    /// How much hedging lowered the 99.9th percentile.
    pub fn p999_removed(&self) -> f64 {
        self.without.p999 - self.with.p999
    }

    /// Extra work done by the hedge copies / the work without them.
    pub fn extra_load(&self) -> f64 {
        self.with.extra_load()
    }
}

/// Runs `config` without and with hedging, the delay being the `num/den`
/// nearest-rank percentile of a single job's response time (clamped to
/// `[0, 1]`; the paper's example is 95/100).
///
/// The delay comes from a pilot run of one job per request at the same load
/// per server (arrival rate × fan-out, no hedging). Both compared runs start
/// from the same state of `rng`, so they see the same arrivals and the same
/// first-copy work: the difference is hedging alone. Three runs in all.
pub fn hedging_effect(config: &Config, num: u64, den: u64, rng: &mut Rng) -> HedgeEffect {
    let base = Config {
        hedge_delay: None,
        ..config.clamped()
    };
    let mut pilot_rng = rng.fork();
    let pilot = Config {
        fanout: 1,
        arrivals: base
            .arrivals
            .with_rate(base.arrivals.mean_rate() * f64::from(base.fanout)),
        samples: 0,
        trace: 0,
        ..base.clone()
    };
    let mut response = simulate(&pilot, &mut pilot_rng).response;
    let [delay] = quantiles(&mut response, [(num, den)]);
    let without = simulate(&base, &mut rng.clone()).summary;
    let with = simulate(
        &Config {
            hedge_delay: Some(delay),
            ..base
        },
        rng,
    )
    .summary;
    HedgeEffect {
        delay,
        without,
        with,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::queue::{Arrivals, Policy, Service};

    #[test]
    fn hedging_at_p95_trims_the_tail_of_a_fan_out() {
        let config = Config {
            servers: 50,
            requests: 40_000,
            arrivals: Arrivals::Poisson { rate: 5.0 },
            service: Service::LogNormal {
                mean: 1.0,
                sigma: 1.0,
            },
            policy: Policy::LeastOutstanding,
            fanout: 5,
            samples: 0,
            trace: 0,
            ..Config::default()
        };
        let e = hedging_effect(&config, 95, 100, &mut Rng::new(1));
        assert!(e.delay > 1.0 && e.delay.is_finite(), "{e:?}");
        assert!(e.p99_removed() > 0.1 * e.without.p99, "{e:?}");
        assert!(e.p999_removed() > 0.0, "{e:?}");
        // why: up to 5 % of jobs hedged, each costing one more job's work,
        // plus a little from the extra queueing it causes.
        assert!(e.extra_load() > 0.0 && e.extra_load() < 0.08, "{e:?}");
        assert_eq!(e.without.hedges, 0);
        // deterministic
        assert_eq!(e, hedging_effect(&config, 95, 100, &mut Rng::new(1)));
    }
}
