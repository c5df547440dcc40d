//! Queues and load balancing: requests arrive, a balancer sends each one to a
//! server, every server is a FIFO queue with one worker, and the run reports
//! response times, utilisation and queue lengths next to the closed forms
//! that predict them.
//!
//! Time is simulated (one unit is whatever the service-time mean is measured
//! in); every random draw comes from the [`Rng`](crate::rng::Rng) passed to
//! [`Run::new`] or [`simulate`], split into independent streams for
//! arrivals, work, balancing and hedge copies, so two policies run on the
//! same seed see the very same arrivals and the very same work (common random
//! numbers): their difference is the policy alone.
//!
//! # Layout
//!
//! - [`arrival`] — Poisson and bursty on/off (two-state Markov-modulated
//!   Poisson) arrivals with the same mean rate.
//! - [`service`] — exponential, constant, log-normal and Pareto service times.
//! - [`balancer`] — round robin (nginx smooth weighted), weighted random,
//!   least outstanding requests, join-the-shortest-of-d, peak-EWMA.
//! - [`run`] — the event loop, resumable in slices, and its [`Report`].
//! - [`hedge`] — hedging's effect: the tail removed and the extra load, with
//!   the delay set at a percentile of one job's latency.
//! - [`stats`] — nearest-rank quantiles and batch-means confidence intervals.
//! - [`closed`] — M/M/1, Erlang C (M/M/c), the supermarket model's limit for
//!   JSQ(d) and the fan-out tail `1 − (1 − p)^n`.

pub mod arrival;
pub mod balancer;
pub mod closed;
mod heap;
pub mod hedge;
pub mod run;
pub mod service;
pub mod stats;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;

pub use arrival::Arrivals;
pub use balancer::Policy;
pub use hedge::{hedging_effect, HedgeEffect};
pub use run::{simulate, Job, Report, Run, Summary};
pub use service::Service;

/// Most servers (or shared-queue workers) a run simulates.
pub const MAX_SERVERS: u32 = 1024;

/// Most requests a run simulates.
pub const MAX_REQUESTS: u64 = 2_000_000;

/// Most jobs (requests × fan-out) a run simulates; `requests` is lowered so
/// that `requests × fanout` stays below this.
pub const MAX_JOBS: u64 = 4_000_000;

/// Most jobs a run's trace keeps (see [`Config::trace`]).
pub const MAX_TRACE: u64 = 500_000;

/// Most queue-length samples per server.
pub const MAX_SAMPLES: u32 = 1000;

/// Largest balancer weight; weights are clamped to `1..=MAX_WEIGHT`.
pub const MAX_WEIGHT: u32 = 100;

/// Slowest and fastest server speed (service time is divided by the speed).
pub const SPEED_RANGE: (f64, f64) = (0.01, 100.0);

/// One simulation's inputs. Every field is clamped by [`Config::clamped`]
/// before use, so any value is safe.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Servers behind the balancer (workers of the shared queue in
    /// [`Policy::SharedQueue`]), clamped to `1..=MAX_SERVERS`.
    pub servers: u32,
    /// Requests to simulate, clamped to `0..=MAX_REQUESTS` and to
    /// `MAX_JOBS / fanout`.
    pub requests: u64,
    /// How requests arrive.
    pub arrivals: Arrivals,
    /// How much work one job is (time at speed 1).
    pub service: Service,
    /// Per-server speed, clamped to [`SPEED_RANGE`] (1 when missing or not a
    /// number); a job takes `work / speed`.
    pub speeds: Vec<f64>,
    /// Per-server balancer weight, clamped to `1..=MAX_WEIGHT` (1 when
    /// missing); read by round robin, random and join-the-shortest-of-d.
    pub weights: Vec<u32>,
    /// How the balancer chooses a server.
    pub policy: Policy,
    /// Jobs per request, each to a different server; the request completes
    /// when all have answered. Clamped to `1..=servers`.
    pub fanout: u32,
    /// Hedging (Dean & Barroso's hedged requests): when a job has not
    /// answered this long after it was sent, a second copy goes to a server
    /// the policy picks other than the first copy's, and the first answer
    /// counts. The slower copy is not cancelled (see [`run`]). `None` (or a
    /// delay that is not a finite non-negative number) turns it off, and so
    /// does a single server behind a balancer (there is no other).
    pub hedge_delay: Option<f64>,
    /// Queue-length samples per server for the chart, clamped to
    /// `0..=MAX_SAMPLES`.
    pub samples: u32,
    /// Jobs whose journey the report keeps ([`Report::jobs`]): the first
    /// this many sent, hedge copies included; clamped to `0..=MAX_TRACE`.
    pub trace: u64,
}

impl Default for Config {
    /// 10 servers, 100,000 Poisson requests at 80 % load with exponential
    /// service of mean 1, random balancing, 200 samples.
    fn default() -> Config {
        Config {
            servers: 10,
            requests: 100_000,
            arrivals: Arrivals::Poisson { rate: 8.0 },
            service: Service::Exponential { mean: 1.0 },
            speeds: Vec::new(),
            weights: Vec::new(),
            policy: Policy::Random,
            fanout: 1,
            hedge_delay: None,
            samples: 200,
            trace: 0,
        }
    }
}

impl Config {
    /// `self` with every field in range: speeds and weights exactly one per
    /// server, a usable hedge delay or none, clamped counts.
    pub fn clamped(&self) -> Config {
        let servers = self.servers.clamp(1, MAX_SERVERS);
        let fanout = self.fanout.clamp(1, servers);
        let n = servers as usize;
        let speeds = (0..n)
            .map(|i| match self.speeds.get(i) {
                Some(&s) if !s.is_nan() => s.clamp(SPEED_RANGE.0, SPEED_RANGE.1),
                _ => 1.0,
            })
            .collect();
        let weights = (0..n)
            .map(|i| self.weights.get(i).map_or(1, |&w| w.clamp(1, MAX_WEIGHT)))
            .collect();
        Config {
            servers,
            requests: self
                .requests
                .min(MAX_REQUESTS)
                .min(MAX_JOBS / u64::from(fanout)),
            arrivals: self.arrivals.clamped(),
            service: self.service.clamped(),
            speeds,
            weights,
            policy: self.policy.clamped(),
            fanout,
            hedge_delay: self
                .hedge_delay
                .filter(|d| d.is_finite() && *d >= 0.0)
                .map(|d| d.min(1e12)),
            samples: self.samples.min(MAX_SAMPLES),
            trace: self.trace.min(MAX_TRACE),
        }
    }

    /// Offered load per unit of capacity: `rate × fanout × mean work / Σ
    /// speeds` (hedge copies not counted). Below 1 the queues are stable.
    pub fn offered_load(&self) -> f64 {
        let c = self.clamped();
        let capacity: f64 = c.speeds.iter().sum();
        c.arrivals.mean_rate() * f64::from(c.fanout) * c.service.mean() / capacity
    }

    /// The arrival rate giving offered load `rho` (see
    /// [`Config::offered_load`]); `rho` is clamped to `[0.001, 100]`.
    pub fn rate_for_load(&self, rho: f64) -> f64 {
        let c = self.clamped();
        let rho = if rho.is_nan() {
            0.5
        } else {
            rho.clamp(0.001, 100.0)
        };
        let capacity: f64 = c.speeds.iter().sum();
        rho * capacity / (f64::from(c.fanout) * c.service.mean())
    }

    /// `self` with the arrival process rescaled to offered load `rho`,
    /// keeping its shape (burstiness).
    pub fn with_load(&self, rho: f64) -> Config {
        let rate = self.rate_for_load(rho);
        Config {
            arrivals: self.arrivals.with_rate(rate),
            ..self.clone()
        }
    }
}
