//! Every figure the rate-limiter widget shows, computed from its state and
//! the requests fired by hand or imported in this tab.

use super::state::{RateState, Share, Source, MAX_DURATION, MAX_STREAM};
use crate::ui::line_chart::{LineChartData, Series};
use sim::rate_limit::distributed::{self, Report, Setup, Sharing, Spread};
use sim::rate_limit::traffic::{Traffic, TrafficKind};
use sim::rate_limit::{run, Params, Request, Run};
use std::sync::Arc;

/// State samples per lane plot.
pub const SAMPLES: usize = 600;
/// The time axis a hand-fired recording starts with, in µs.
pub const HAND_AXIS_US: u64 = 10_000_000;
/// Gateway counts on the distributed chart.
pub const SWEEP_GATEWAYS: [u32; 7] = [1, 2, 4, 8, 16, 32, 64];

/// The requests every figure is computed from.
#[derive(Debug, PartialEq)]
pub struct Stream {
    /// The requests, sorted by time.
    pub requests: Vec<Request>,
    /// Arrival times in µs (the same order), for drawing and searching;
    /// shared with the lanes drawing rather than copied.
    pub times: Arc<Vec<u64>>,
    /// Right end of the time axis, in µs.
    pub end_us: u64,
    /// The generator made more than [`MAX_STREAM`] requests; the rest were dropped.
    pub cut: bool,
}

/// The limit as every algorithm reads it.
pub fn params(s: &RateState) -> Params {
    Params::new(s.limit, u64::from(s.window_ms) * 1000).with_burst(s.burst)
}

fn us(seconds: f64) -> u64 {
    (seconds.max(0.0) * 1e6).round() as u64
}

/// The generator for a generated source.
pub fn traffic(s: &RateState, kind: TrafficKind) -> Traffic {
    let duration_us = us(s.duration);
    match kind {
        TrafficKind::Poisson => Traffic::Poisson {
            rate_per_s: s.rate,
            duration_us,
        },
        TrafficKind::OnOff => Traffic::OnOff {
            rate_per_s: s.rate,
            on_us: u64::from(s.on_ms) * 1000,
            off_us: u64::from(s.off_ms) * 1000,
            duration_us,
        },
        TrafficKind::Spike => Traffic::Spike {
            base_per_s: s.rate,
            at_us: us(s.spike_at),
            count: s.spike_count,
            width_us: u64::from(s.spike_ms) * 1000,
            duration_us,
        },
        TrafficKind::Boundary => {
            let window = u64::from(s.window_ms) * 1000;
            Traffic::Boundary {
                limit: s.limit,
                window_us: window,
                boundary_us: window,
                spread_us: u64::from(s.spread_ms) * 1000,
            }
        }
        TrafficKind::Clients => Traffic::Clients {
            // why: one noisy client at the full rate and quieter ones at a
            // quarter of it, so per-client limits have something to protect.
            rates_per_s: (0..s.clients)
                .map(|c| if c == 0 { s.rate } else { s.rate / 4.0 })
                .collect(),
            duration_us,
        },
    }
}

/// The stream `s` asks for; `hand` holds the requests fired by hand and
/// `imported` the imported ones (an imported source without a trace has none).
pub fn stream(s: &RateState, hand: &[Request], imported: Option<&[Request]>) -> Stream {
    let (mut requests, end_us) = match s.source {
        Source::Generated(kind) => {
            let reqs = traffic(s, kind).generate(s.seed);
            let end = match kind {
                TrafficKind::Boundary => 2 * u64::from(s.window_ms) * 1000,
                _ => us(s.duration),
            };
            (reqs, end)
        }
        Source::Hand => {
            let last = hand.last().map_or(0, |r| r.t_us);
            let end = HAND_AXIS_US.max(last.div_ceil(HAND_AXIS_US) * HAND_AXIS_US);
            (hand.to_vec(), end.min(us(MAX_DURATION)))
        }
        Source::Imported => {
            let reqs = imported.map(<[Request]>::to_vec).unwrap_or_default();
            let last = reqs.last().map_or(0, |r| r.t_us);
            (reqs, last + last / 20 + 1)
        }
    };
    let cut = requests.len() > MAX_STREAM;
    requests.truncate(MAX_STREAM);
    let times = Arc::new(requests.iter().map(|r| r.t_us).collect());
    Stream {
        requests,
        times,
        end_us: end_us.max(1),
        cut,
    }
}

/// The stretch of time the lanes show, µs: the zoom (ms) within the stream's
/// axis, or all of it when there is no zoom or nothing of it is left.
pub fn shown_range(zoom: Option<(f64, f64)>, end_us: u64) -> (u64, u64) {
    let end = end_us.max(1);
    match zoom {
        Some((a, b)) => {
            let us = |ms: f64| ((ms * 1000.0).round().max(0.0) as u64).min(end);
            let (lo, hi) = (us(a), us(b));
            if hi > lo {
                (lo, hi)
            } else {
                (0, end)
            }
        }
        None => (0, end),
    }
}

/// Every selected algorithm on the stream.
pub fn run_all(s: &RateState, stream: &Stream) -> Run {
    run(&stream.requests, params(s), &s.algos, SAMPLES)
}

/// Accepted and rejected so far: the requests up to `visible` (an index).
pub fn so_far(run: &Run, visible: usize) -> Vec<(u64, u64)> {
    run.lanes
        .iter()
        .map(|l| {
            let shown = &l.accepted[..visible.min(l.accepted.len())];
            let acc = shown.iter().filter(|&&a| a).count() as u64;
            (acc, shown.len() as u64 - acc)
        })
        .collect()
}

/// The distributed setup `s` describes.
pub fn setup(s: &RateState) -> Setup {
    let sharing = match s.share {
        Share::Sync => Sharing::Sync {
            every_us: u64::from(s.sync_ms) * 1000,
        },
        Share::Central => Sharing::Central {
            round_trip_us: us(s.rtt_ms / 1000.0),
            atomic: s.atomic,
        },
    };
    Setup {
        params: params(s),
        gateways: s.gateways,
        sharing,
        spread: Spread::RoundRobin,
        seed: s.seed,
    }
}

/// The distributed figures for the current setup.
pub fn distributed_report(s: &RateState, stream: &Stream) -> Report {
    distributed::simulate(&stream.requests, &setup(s))
}

/// Over-admission against the number of gateways, for the chosen sync
/// interval and for syncing ten times as often and ten times as rarely.
pub fn sweep_chart(s: &RateState, stream: &Stream, dark: bool) -> LineChartData {
    let chosen = u64::from(s.sync_ms) * 1000;
    let mut intervals = vec![chosen / 10, chosen, chosen.saturating_mul(10)];
    intervals.dedup();
    let reports = distributed::sweep(
        &stream.requests,
        params(s),
        &SWEEP_GATEWAYS,
        &intervals,
        Spread::RoundRobin,
        s.seed,
    );
    let colours = ["#009E73", "#0072B2", "#D55E00"];
    let series = intervals
        .iter()
        .enumerate()
        .map(|(j, &every)| Series {
            label: format!("sync every {}", ms_label(every as f64 / 1000.0)),
            colour: colours[j % colours.len()],
            points: SWEEP_GATEWAYS
                .iter()
                .enumerate()
                .map(|(i, &k)| (f64::from(k), reports[i * intervals.len() + j].over_ratio))
                .collect(),
            dashed: every != chosen,
        })
        .collect::<Vec<_>>();
    let top = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .fold(1.0f64, f64::max);
    LineChartData {
        series,
        gaps: Vec::new(),
        markers: vec![(f64::from(s.gateways), format!("K = {}", s.gateways))],
        x_label: "gateways K (log scale)".into(),
        y_label: "worst window ÷ limit".into(),
        y_min: 0.0,
        y_max: (top * 1.1).ceil().max(2.0),
        y_percent: false,
        dark,
        x_log: true,
        hide_legend: false,
    }
}

/// A time in milliseconds as the table and the clock write it.
pub fn ms(v: f64) -> String {
    if v >= 1000.0 {
        format!("{:.2} s", v / 1000.0)
    } else if v >= 10.0 {
        format!("{v:.0} ms")
    } else {
        format!("{v:.1} ms")
    }
}

/// Milliseconds for people.
pub fn ms_label(ms: f64) -> String {
    if ms == 0.0 {
        "request".to_owned()
    } else if ms >= 1000.0 {
        format!("{} s", crate::embed::query::fmt_float(ms / 1000.0))
    } else {
        format!("{} ms", crate::embed::query::fmt_float(ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim::rate_limit::AlgorithmKind;

    #[test]
    fn every_generated_source_gives_a_sorted_bounded_stream() {
        for kind in TrafficKind::ALL {
            let s = RateState {
                source: Source::Generated(kind),
                ..RateState::default()
            };
            let st = stream(&s, &[], None);
            assert!(!st.requests.is_empty(), "{kind:?}");
            assert!(st.times.windows(2).all(|w| w[0] <= w[1]), "{kind:?}");
            assert!(st.times.iter().all(|&t| t <= st.end_us), "{kind:?}");
            assert_eq!(run_all(&s, &st).lanes.len(), 6);
        }
    }

    #[test]
    fn the_boundary_attack_doubles_the_fixed_window_only() {
        let s = RateState {
            source: Source::Generated(TrafficKind::Boundary),
            limit: 10,
            ..RateState::default()
        };
        let r = run_all(&s, &stream(&s, &[], None));
        let max = |k: AlgorithmKind| {
            r.lanes
                .iter()
                .find(|l| l.kind == k)
                .map(|l| l.summary.max_in_window)
        };
        assert_eq!(max(AlgorithmKind::FixedWindow), Some(20));
        assert_eq!(max(AlgorithmKind::SlidingLog), Some(10));
        assert!(max(AlgorithmKind::SlidingCounter).is_some_and(|m| m <= 11));
    }

    #[test]
    fn streams_longer_than_the_limit_are_cut_and_say_so() {
        let s = RateState {
            source: Source::Generated(TrafficKind::Poisson),
            rate: 100_000.0,
            duration: 20.0,
            ..RateState::default()
        };
        let st = stream(&s, &[], None);
        assert!(st.cut);
        assert_eq!(st.requests.len(), MAX_STREAM);
    }

    #[test]
    fn hand_fired_streams_grow_their_axis_in_ten_second_steps() {
        let s = RateState {
            source: Source::Hand,
            ..RateState::default()
        };
        assert_eq!(stream(&s, &[], None).end_us, HAND_AXIS_US);
        let late = [Request {
            t_us: 12_000_000,
            client: 0,
        }];
        assert_eq!(stream(&s, &late, None).end_us, 2 * HAND_AXIS_US);
        let s = RateState {
            source: Source::Imported,
            ..RateState::default()
        };
        assert!(stream(&s, &[], None).requests.is_empty());
    }

    #[test]
    fn the_zoom_stays_inside_the_stream() {
        assert_eq!(shown_range(None, 2_000_000), (0, 2_000_000));
        assert_eq!(
            shown_range(Some((800.0, 1_200.0)), 2_000_000),
            (800_000, 1_200_000)
        );
        assert_eq!(
            shown_range(Some((1_500.0, 9_000.0)), 2_000_000),
            (1_500_000, 2_000_000)
        );
        assert_eq!(
            shown_range(Some((5_000.0, 9_000.0)), 2_000_000),
            (0, 2_000_000)
        );
    }

    #[test]
    fn counts_so_far_add_up() {
        let s = RateState::default();
        let st = stream(&s, &[], None);
        let r = run_all(&s, &st);
        let all = so_far(&r, st.requests.len());
        for (l, (a, j)) in r.lanes.iter().zip(all) {
            assert_eq!((a, j), (l.summary.accepted, l.summary.rejected));
        }
        assert!(so_far(&r, 0).iter().all(|&(a, j)| a == 0 && j == 0));
    }

    #[test]
    fn syncing_rarely_with_many_gateways_over_admits() {
        let s = RateState {
            source: Source::Generated(TrafficKind::Poisson),
            rate: 100.0,
            gateways: 8,
            sync_ms: 1000,
            ..RateState::default()
        };
        let st = stream(&s, &[], None);
        let rare = distributed_report(&s, &st);
        let exact = distributed_report(
            &RateState {
                sync_ms: 0,
                ..s.clone()
            },
            &st,
        );
        assert!(
            rare.over_ratio > exact.over_ratio,
            "{} vs {}",
            rare.over_ratio,
            exact.over_ratio
        );
        let chart = sweep_chart(&s, &st, false);
        assert_eq!(chart.series.len(), 3);
        assert!(chart
            .series
            .iter()
            .all(|c| c.points.len() == SWEEP_GATEWAYS.len()));
    }
}
