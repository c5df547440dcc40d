//! Seeded request streams: steady Poisson traffic, on/off bursts, a single
//! spike, the window-boundary attack and several clients at once.
//!
//! Every stream is sorted by time (then client). Gaps are drawn in floating
//! point but rounded to whole µs before they are added, so arrival times are
//! integers summed exactly and a long stream does not drift.

use crate::rng::Rng;

/// Longest stream a generator produces; generation stops there.
pub const MAX_REQUESTS: usize = 5_000_000;

/// Most clients [`clients`] accepts (further rates are ignored).
pub const MAX_CLIENTS: usize = 10_000;

/// One request: when it arrives and from whom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Request {
    /// Arrival time in µs.
    pub t_us: u64,
    /// Dense client id (0 for single-client streams).
    pub client: u32,
}

/// The kinds of stream the widget offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TrafficKind {
    /// Steady Poisson arrivals.
    Poisson,
    /// Poisson arrivals during on periods, silence during off periods.
    OnOff,
    /// Background traffic with one sudden spike.
    Spike,
    /// A full limit just before a window boundary and again just after.
    Boundary,
    /// Several clients with their own rates.
    Clients,
}

impl TrafficKind {
    /// Every kind, in the order the widget lists them.
    pub const ALL: [TrafficKind; 5] = [
        TrafficKind::Poisson,
        TrafficKind::OnOff,
        TrafficKind::Spike,
        TrafficKind::Boundary,
        TrafficKind::Clients,
    ];

    /// A short lowercase name for URLs.
    pub fn slug(self) -> &'static str {
        match self {
            TrafficKind::Poisson => "poisson",
            TrafficKind::OnOff => "onoff",
            TrafficKind::Spike => "spike",
            TrafficKind::Boundary => "boundary",
            TrafficKind::Clients => "clients",
        }
    }

    /// The name shown on screen.
    pub fn label(self) -> &'static str {
        match self {
            TrafficKind::Poisson => "Steady (Poisson)",
            TrafficKind::OnOff => "On/off bursts",
            TrafficKind::Spike => "Single spike",
            TrafficKind::Boundary => "Window-boundary attack",
            TrafficKind::Clients => "Several clients",
        }
    }

    /// The kind named by `slug`, if any.
    pub fn from_slug(slug: &str) -> Option<TrafficKind> {
        TrafficKind::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

/// Mean gap in µs for `rate_per_s`, or `None` when the rate cannot produce
/// arrivals.
fn mean_gap_us(rate_per_s: f64) -> Option<f64> {
    (rate_per_s > 0.0 && rate_per_s.is_finite()).then(|| 1e6 / rate_per_s)
}

/// Poisson arrival times in `[0, duration_us)`, at most `cap` of them.
fn poisson_times(rate_per_s: f64, duration_us: u64, cap: usize, rng: &mut Rng) -> Vec<u64> {
    let Some(mean) = mean_gap_us(rate_per_s) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut t = 0u64;
    loop {
        // why: rounding each gap to an integer before summing is what keeps
        // the clock exact; `as` saturates a huge gap to u64::MAX.
        t = t.saturating_add(libm::round(rng.exponential(mean)) as u64);
        if t >= duration_us || out.len() >= cap {
            return out;
        }
        out.push(t);
    }
}

/// Steady Poisson traffic from client 0 at `rate_per_s` over `duration_us`.
pub fn poisson(rate_per_s: f64, duration_us: u64, rng: &mut Rng) -> Vec<Request> {
    poisson_times(rate_per_s, duration_us, MAX_REQUESTS, rng)
        .into_iter()
        .map(|t_us| Request { t_us, client: 0 })
        .collect()
}

/// Poisson traffic at `rate_per_s` during `on_us`-long periods separated by
/// `off_us` of silence, starting with an on period, over `duration_us`.
pub fn on_off(
    rate_per_s: f64,
    on_us: u64,
    off_us: u64,
    duration_us: u64,
    rng: &mut Rng,
) -> Vec<Request> {
    let on = on_us.max(1);
    let cycle = on.saturating_add(off_us);
    // why: draw arrivals on a clock that only runs while on, then stretch it:
    // on-time `s` is real time `(s / on)·cycle + s mod on`, exactly.
    let on_total = (duration_us / cycle) * on + (duration_us % cycle).min(on);
    poisson_times(rate_per_s, on_total, MAX_REQUESTS, rng)
        .into_iter()
        .map(|s| Request {
            t_us: (s / on) * cycle + s % on,
            client: 0,
        })
        .collect()
}

/// Poisson background at `base_per_s` over `duration_us`, plus `count`
/// requests spread uniformly over `[at_us, at_us + width_us)`.
pub fn spike(
    base_per_s: f64,
    at_us: u64,
    count: u32,
    width_us: u64,
    duration_us: u64,
    rng: &mut Rng,
) -> Vec<Request> {
    // why: fork first so the background does not shift when the spike changes.
    let mut background = rng.fork();
    let mut times = poisson_times(base_per_s, duration_us, MAX_REQUESTS, &mut background);
    let room = MAX_REQUESTS.saturating_sub(times.len());
    let width = width_us.max(1);
    times.extend((0..(count as usize).min(room)).map(|_| at_us.saturating_add(rng.below(width))));
    times.sort_unstable();
    times
        .into_iter()
        .map(|t_us| Request { t_us, client: 0 })
        .collect()
}

/// The window-boundary attack on a fixed window of `window_us`: `limit`
/// requests evenly spread over the `spread_us` before the boundary
/// `boundary_us` (a multiple of the window is what hurts) and `limit` over
/// the `spread_us` from it. `spread_us` is clamped to `1..=window_us` and the
/// boundary raised to at least the spread.
pub fn boundary_attack(
    limit: u32,
    window_us: u64,
    boundary_us: u64,
    spread_us: u64,
) -> Vec<Request> {
    let limit = u64::from(limit).min(MAX_REQUESTS as u64 / 2);
    let spread = spread_us.clamp(1, window_us.max(1));
    let boundary = boundary_us.max(spread);
    let offsets = (0..limit).map(move |i| i * spread / limit);
    offsets
        .clone()
        .map(|o| boundary - spread + o)
        .chain(offsets.map(|o| boundary + o))
        .map(|t_us| Request { t_us, client: 0 })
        .collect()
}

/// Several clients over `duration_us`, client `i` sending Poisson traffic at
/// `rates_per_s[i]` (at most [`MAX_CLIENTS`] clients), merged by time.
pub fn clients(rates_per_s: &[f64], duration_us: u64, rng: &mut Rng) -> Vec<Request> {
    let mut out = Vec::new();
    for (client, &rate) in rates_per_s.iter().take(MAX_CLIENTS).enumerate() {
        // why: one forked generator per client, so changing one client's
        // rate leaves every other client's arrivals unchanged.
        let mut own = rng.fork();
        let room = MAX_REQUESTS.saturating_sub(out.len());
        let client = client as u32;
        out.extend(
            poisson_times(rate, duration_us, room, &mut own)
                .into_iter()
                .map(|t_us| Request { t_us, client }),
        );
    }
    out.sort_unstable();
    out
}

/// A stream described by its parameters, ready to generate from a seed.
#[derive(Clone, Debug, PartialEq)]
pub enum Traffic {
    /// See [`poisson`].
    Poisson {
        /// Mean requests per second.
        rate_per_s: f64,
        /// Length of the stream in µs.
        duration_us: u64,
    },
    /// See [`on_off`].
    OnOff {
        /// Mean requests per second while on.
        rate_per_s: f64,
        /// Length of each on period in µs.
        on_us: u64,
        /// Length of each off period in µs.
        off_us: u64,
        /// Length of the stream in µs.
        duration_us: u64,
    },
    /// See [`spike`].
    Spike {
        /// Background requests per second.
        base_per_s: f64,
        /// When the spike starts, in µs.
        at_us: u64,
        /// Requests in the spike.
        count: u32,
        /// How long the spike lasts, in µs.
        width_us: u64,
        /// Length of the stream in µs.
        duration_us: u64,
    },
    /// See [`boundary_attack`].
    Boundary {
        /// Requests on each side of the boundary.
        limit: u32,
        /// The fixed window's length in µs.
        window_us: u64,
        /// The boundary attacked, in µs.
        boundary_us: u64,
        /// How far each half spreads from the boundary, in µs.
        spread_us: u64,
    },
    /// See [`clients`].
    Clients {
        /// Requests per second of each client.
        rates_per_s: Vec<f64>,
        /// Length of the stream in µs.
        duration_us: u64,
    },
}

impl Traffic {
    /// Which kind of stream this is.
    pub fn kind(&self) -> TrafficKind {
        match self {
            Traffic::Poisson { .. } => TrafficKind::Poisson,
            Traffic::OnOff { .. } => TrafficKind::OnOff,
            Traffic::Spike { .. } => TrafficKind::Spike,
            Traffic::Boundary { .. } => TrafficKind::Boundary,
            Traffic::Clients { .. } => TrafficKind::Clients,
        }
    }

    /// The stream for `seed`; equal seeds give equal streams.
    pub fn generate(&self, seed: u64) -> Vec<Request> {
        let mut rng = Rng::new(seed);
        match *self {
            Traffic::Poisson {
                rate_per_s,
                duration_us,
            } => poisson(rate_per_s, duration_us, &mut rng),
            Traffic::OnOff {
                rate_per_s,
                on_us,
                off_us,
                duration_us,
            } => on_off(rate_per_s, on_us, off_us, duration_us, &mut rng),
            Traffic::Spike {
                base_per_s,
                at_us,
                count,
                width_us,
                duration_us,
            } => spike(base_per_s, at_us, count, width_us, duration_us, &mut rng),
            Traffic::Boundary {
                limit,
                window_us,
                boundary_us,
                spread_us,
            } => boundary_attack(limit, window_us, boundary_us, spread_us),
            Traffic::Clients {
                ref rates_per_s,
                duration_us,
            } => clients(rates_per_s, duration_us, &mut rng),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::{prop_oneof, Just, Strategy};

    /// Sorted arrival times with bursts: many equal or close times mixed
    /// with long gaps, the shapes that stress limiters (shared by the
    /// algorithms' property tests).
    pub(crate) fn bursty_times(max_len: usize) -> impl Strategy<Value = Vec<u64>> {
        proptest::collection::vec(
            prop_oneof![Just(0u64), 0..20u64, 0..2000u64, 0..200_000u64],
            0..max_len,
        )
        .prop_map(|gaps| {
            gaps.into_iter()
                .scan(0u64, |t, g| {
                    *t += g;
                    Some(*t)
                })
                .collect()
        })
    }

    fn sorted(s: &[Request]) -> bool {
        s.windows(2).all(|w| w[0] <= w[1])
    }

    #[test]
    fn kinds_round_trip() {
        for (i, a) in TrafficKind::ALL.iter().enumerate() {
            assert_eq!(TrafficKind::from_slug(a.slug()), Some(*a));
            for b in &TrafficKind::ALL[i + 1..] {
                assert_ne!(a.slug(), b.slug());
                assert_ne!(a.label(), b.label());
            }
        }
    }

    #[test]
    fn poisson_has_the_right_rate_and_is_seeded() {
        let a = poisson(1000.0, 100_000_000, &mut Rng::new(1));
        // why: 100 000 expected, sd ≈ 316; 2000 is > 6 sd.
        assert!((a.len() as i64 - 100_000).abs() < 2000, "{}", a.len());
        assert!(sorted(&a));
        assert!(a.iter().all(|r| r.t_us < 100_000_000 && r.client == 0));
        assert_eq!(a, poisson(1000.0, 100_000_000, &mut Rng::new(1)));
        assert_ne!(a, poisson(1000.0, 100_000_000, &mut Rng::new(2)));
        assert!(poisson(0.0, 1000, &mut Rng::new(1)).is_empty());
        assert!(poisson(f64::NAN, 1000, &mut Rng::new(1)).is_empty());
    }

    #[test]
    fn on_off_is_silent_when_off() {
        let s = on_off(10_000.0, 1000, 4000, 50_000, &mut Rng::new(3));
        assert!(sorted(&s));
        assert!(!s.is_empty());
        assert!(s.iter().all(|r| r.t_us % 5000 < 1000 && r.t_us < 50_000));
        // why: 10 on periods of 1 ms at 10/ms: 100 expected, sd 10.
        assert!((s.len() as i64 - 100).abs() < 60, "{}", s.len());
    }

    #[test]
    fn spike_adds_its_requests_in_its_interval() {
        let base = spike(100.0, 0, 0, 1, 1_000_000, &mut Rng::new(4));
        let s = spike(100.0, 500_000, 300, 1000, 1_000_000, &mut Rng::new(4));
        assert!(sorted(&s));
        assert_eq!(s.len(), base.len() + 300);
        let inside = s
            .iter()
            .filter(|r| (500_000..501_000).contains(&r.t_us))
            .count();
        assert!(inside >= 300);
    }

    #[test]
    fn boundary_attack_hugs_the_boundary() {
        let s = boundary_attack(4, 1000, 1000, 8);
        let t: Vec<u64> = s.iter().map(|r| r.t_us).collect();
        assert_eq!(t, vec![992, 994, 996, 998, 1000, 1002, 1004, 1006]);
        // the boundary is raised so nothing precedes time 0
        assert_eq!(boundary_attack(2, 10, 0, 4)[0].t_us, 0);
    }

    #[test]
    fn clients_are_independent_streams() {
        let s = clients(&[1000.0, 10.0, 0.0], 10_000_000, &mut Rng::new(5));
        assert!(sorted(&s));
        let count = |c| s.iter().filter(|r| r.client == c).count() as i64;
        assert!((count(0) - 10_000).abs() < 600);
        assert!((count(1) - 100).abs() < 60);
        assert_eq!(count(2), 0);
        // changing client 1's rate leaves client 0's arrivals alone
        let t = clients(&[1000.0, 50.0, 0.0], 10_000_000, &mut Rng::new(5));
        let of = |s: &[Request], c| {
            s.iter()
                .filter(|r| r.client == c)
                .copied()
                .collect::<Vec<_>>()
        };
        assert_eq!(of(&s, 0), of(&t, 0));
    }

    #[test]
    fn traffic_spec_generates_by_seed() {
        let spec = Traffic::OnOff {
            rate_per_s: 500.0,
            on_us: 10_000,
            off_us: 10_000,
            duration_us: 1_000_000,
        };
        assert_eq!(spec.kind(), TrafficKind::OnOff);
        assert_eq!(spec.generate(9), spec.generate(9));
        let b = Traffic::Boundary {
            limit: 3,
            window_us: 100,
            boundary_us: 100,
            spread_us: 3,
        };
        assert_eq!(b.generate(0).len(), 6);
    }
}
