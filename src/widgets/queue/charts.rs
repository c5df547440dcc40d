//! The charts under the picture: latency against load with its closed form,
//! the policies side by side, the distribution of response times, and each
//! server's queue over time. The data builders are pure, so the tests check
//! them without a browser.

use super::model::{self, Closed, Compared, CurvePoint, MS_PER_UNIT};
use super::scenes::ms;
use super::state::{PolicyKind, QueueState};
use crate::draw::palette::on_page;
use crate::draw::palette::BLUE;
use crate::ui::line_chart::{LineChartData, Series};
use sim::queue::Report;

/// Vermillion, the tail's colour.
const TAIL: &str = "#D55E00";
/// Bluish green, a second server's line.
const GREEN: &str = "#009E73";

/// The top of the curve's y axis: the largest value at loads up to 90 % (or
/// the state's load, if higher), so the last points climb off the chart as
/// the latency does.
fn curve_top(points: &[CurvePoint], closed: &[(f64, f64)], load: u32) -> f64 {
    let upto = f64::from(load.max(90));
    let sim = points
        .iter()
        .filter(|p| f64::from(p.load) <= upto)
        .map(|p| p.p99.max(p.mean));
    let cf = closed.iter().filter(|p| p.0 <= upto).map(|p| p.1);
    nice_ceil(sim.chain(cf).fold(MS_PER_UNIT, f64::max) * 1.05)
}

/// The smallest of 1, 2, 2.5, 5 × a power of ten at or above `v`, so the
/// axis's ticks (a quarter of it apart) are round numbers.
pub fn nice_ceil(v: f64) -> f64 {
    if v.is_nan() || v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    let p = crate::draw::math::pow(10.0, crate::draw::math::log10(v).floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|&x| x >= v * (1.0 - 1e-12))
        .unwrap_or(10.0 * p)
}

/// The latency-against-load chart at `s`: the simulated mean and p99 at each
/// load, the closed form's mean (and p99 where it has one) as dashed lines,
/// and a marker at the state's load.
pub fn curve_chart(s: &QueueState, points: &[CurvePoint], dark: bool) -> LineChartData {
    let closed: Vec<(f64, Closed)> = (10..=99)
        .filter_map(|l| model::closed_at(s, s.policy, l).map(|c| (f64::from(l), c)))
        .collect();
    let mut series = vec![
        Series {
            label: "mean, simulated".into(),
            colour: on_page(BLUE, dark),
            points: points.iter().map(|p| (f64::from(p.load), p.mean)).collect(),
            dashed: false,
        },
        Series {
            label: "p99, simulated".into(),
            colour: TAIL,
            points: points.iter().map(|p| (f64::from(p.load), p.p99)).collect(),
            dashed: false,
        },
    ];
    let fg = if dark { "#e6e6e6" } else { "#1f2328" };
    if let Some((_, first)) = closed.first() {
        series.push(Series {
            label: format!("mean, {}", first.name),
            colour: fg,
            points: closed.iter().map(|(l, c)| (*l, c.mean)).collect(),
            dashed: true,
        });
        if first.p99.is_some() {
            series.push(Series {
                label: format!("p99, {}", first.name),
                colour: TAIL,
                points: closed
                    .iter()
                    .filter_map(|(l, c)| c.p99.map(|p| (*l, p)))
                    .collect(),
                dashed: true,
            });
        }
    }
    let means: Vec<(f64, f64)> = closed.iter().map(|(l, c)| (*l, c.mean)).collect();
    LineChartData {
        series,
        markers: vec![(f64::from(s.load), format!("{} %", s.load))],
        gaps: Vec::new(),
        x_label: "load (% of capacity)".into(),
        y_label: "response time (ms)".into(),
        y_max: curve_top(points, &means, s.load),
        y_min: 0.0,
        y_percent: false,
        dark,
        x_log: false,
        hide_legend: false,
    }
}

/// The p99 of every balancer against load, a line each, the state's own
/// drawn thicker by being last (on top); a marker at the state's load.
pub fn all_chart(
    s: &QueueState,
    all: &[(PolicyKind, Vec<CurvePoint>)],
    dark: bool,
) -> LineChartData {
    const COLOURS: [&str; 6] = [
        "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#CC79A7", "#D55E00",
    ];
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by_key(|&i| all[i].0 == s.policy);
    let series: Vec<Series> = order
        .into_iter()
        .map(|i| {
            let (p, pts) = &all[i];
            Series {
                label: p.name(s.d),
                colour: on_page(COLOURS[i % COLOURS.len()], dark),
                points: pts.iter().map(|q| (f64::from(q.load), q.p99)).collect(),
                dashed: *p != s.policy,
            }
        })
        .collect();
    let upto = f64::from(s.load.max(90));
    let top = series
        .iter()
        .flat_map(|l| l.points.iter().filter(|p| p.0 <= upto).map(|p| p.1))
        .fold(MS_PER_UNIT, f64::max);
    LineChartData {
        series,
        markers: vec![(f64::from(s.load), format!("{} %", s.load))],
        gaps: Vec::new(),
        x_label: "load (% of capacity)".into(),
        y_label: "p99 response time (ms)".into(),
        y_max: nice_ceil(top * 1.05),
        y_min: 0.0,
        y_percent: false,
        dark,
        x_log: false,
        hide_legend: false,
    }
}

/// The distribution of response times on a log axis, with the median and
/// p99 marked; with an M/M/1 closed form, its density per bin dashed.
pub fn dist_chart(s: &QueueState, report: &Report, dark: bool) -> LineChartData {
    let bins = model::histogram(&report.response, 40);
    let centre = |lo: f64, hi: f64| (lo * hi).sqrt();
    let mut series = vec![Series {
        label: "simulated".into(),
        colour: on_page(BLUE, dark),
        points: bins
            .iter()
            .map(|&(lo, hi, share)| (centre(lo, hi), share))
            .collect(),
        dashed: false,
    }];
    if let Some(c) = model::closed_at(s, s.policy, s.load).filter(|c| c.p99.is_some()) {
        // Exponential response time of mean c.mean: the share in [lo, hi).
        let m = c.mean;
        series.push(Series {
            label: c.name.to_owned(),
            colour: if dark { "#e6e6e6" } else { "#1f2328" },
            points: bins
                .iter()
                .map(|&(lo, hi, _)| (centre(lo, hi), (-lo / m).exp() - (-hi / m).exp()))
                .collect(),
            dashed: true,
        });
    }
    let top = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .fold(0.01, f64::max);
    let sm = report.summary;
    LineChartData {
        series,
        markers: vec![
            (sm.p50 * MS_PER_UNIT, "p50".into()),
            (sm.p99 * MS_PER_UNIT, "p99".into()),
        ],
        gaps: Vec::new(),
        x_label: "response time (ms, log scale)".into(),
        y_label: "share of requests".into(),
        y_max: nice_ceil(top * 1.05),
        y_min: 0.0,
        y_percent: true,
        dark,
        x_log: true,
        hide_legend: false,
    }
}

/// Each server's queue over time: the first server, the busiest of the
/// others, and the mean of all (for one shared queue, the whole system).
pub fn queues_chart(report: &Report, dark: bool) -> LineChartData {
    let t: Vec<f64> = report
        .sample_times
        .iter()
        .map(|t| t * MS_PER_UNIT / 1000.0)
        .collect();
    let line = |q: &[u32]| -> Vec<(f64, f64)> {
        t.iter().zip(q).map(|(&x, &y)| (x, f64::from(y))).collect()
    };
    let rows = &report.queue_lengths;
    let mut series = Vec::new();
    if rows.len() == 1 {
        series.push(Series {
            label: "in the system".into(),
            colour: on_page(BLUE, dark),
            points: line(&rows[0]),
            dashed: false,
        });
    } else if let Some(first) = rows.first() {
        let slow = report.config.speeds.first().is_some_and(|&v| v < 1.0);
        series.push(Series {
            label: if slow {
                "S1 (slow)".into()
            } else {
                "S1".into()
            },
            colour: if slow { TAIL } else { on_page(BLUE, dark) },
            points: line(first),
            dashed: false,
        });
        let total = |q: &Vec<u32>| q.iter().map(|&x| u64::from(x)).sum::<u64>();
        if let Some((i, busiest)) = rows
            .iter()
            .enumerate()
            .skip(1)
            .max_by_key(|(i, q)| (total(q), std::cmp::Reverse(*i)))
        {
            series.push(Series {
                label: format!("S{} (busiest other)", i + 1),
                colour: GREEN,
                points: line(busiest),
                dashed: false,
            });
        }
        let n = rows.len() as f64;
        series.push(Series {
            label: "mean of all".into(),
            colour: if dark { "#e6e6e6" } else { "#1f2328" },
            points: t
                .iter()
                .enumerate()
                .map(|(k, &x)| {
                    (
                        x,
                        rows.iter()
                            .map(|q| f64::from(q.get(k).copied().unwrap_or(0)))
                            .sum::<f64>()
                            / n,
                    )
                })
                .collect(),
            dashed: true,
        });
    }
    let top = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .fold(1.0, f64::max);
    LineChartData {
        series,
        markers: Vec::new(),
        gaps: Vec::new(),
        x_label: "simulated time (s)".into(),
        y_label: "requests at the server".into(),
        y_max: nice_ceil(top * 1.05),
        y_min: 0.0,
        y_percent: false,
        dark,
        x_log: false,
        hide_legend: false,
    }
}

/// The curve's sentence under the chart: what it shows, and where a short run
/// falls below the closed form's steady state near full load.
pub fn curve_note(s: &QueueState, points: &[CurvePoint]) -> String {
    let servers = if s.servers == 1 {
        "1 server".to_owned()
    } else {
        format!("{} servers", s.servers)
    };
    let mut out = format!(
        "{}, {servers}, {} requests per point; the vertical line is the load set above.",
        s.policy_name(),
        model::sweep_requests(s)
    );
    // While the sweep is still running there is nothing more to say.
    let Some(top) = points.last() else {
        return out;
    };
    match model::closed_at(s, s.policy, top.load).map(|c| (top, c)) {
        None => out.push_str(" No closed form holds for this setting."),
        Some((p, c)) if p.mean < 0.8 * c.mean => out.push_str(&format!(
            " At {} % a queue takes longer to fill than this run lasts: the simulated mean, {}, is still below the formula's steady state, {}.",
            p.load,
            ms(p.mean),
            ms(c.mean)
        )),
        Some(_) => {}
    }
    out
}

/// One row of the comparison table, as shown: the policy's name, its
/// figures and the closed form's mean where one holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The policy.
    pub policy: PolicyKind,
    /// Its name.
    pub name: String,
    /// Mean, p50, p99 and p99.9, formatted.
    pub cells: [String; 4],
    /// The closed form's mean, formatted, or a dash.
    pub closed: String,
}

/// The comparison's rows at `s`.
pub fn compare_rows(s: &QueueState, compared: &[Compared]) -> Vec<Row> {
    compared
        .iter()
        .map(|c| Row {
            policy: c.policy,
            name: c.policy.name(s.d),
            cells: [ms(c.mean), ms(c.p50), ms(c.p99), ms(c.p999)],
            closed: model::closed_at(s, c.policy, s.load)
                .map_or_else(|| "—".into(), |cf| format!("{} ({})", ms(cf.mean), cf.name)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(q: &str) -> QueueState {
        let q = crate::embed::query::Query::parse(q);
        let mut r = crate::embed::query::Reader::new(&q);
        QueueState::from_query(&mut r)
    }

    #[test]
    fn the_curve_shows_its_closed_form_where_one_holds() {
        let s = state("?servers=1&requests=2000");
        let d = curve_chart(&s, &model::curve(&s), false);
        assert_eq!(d.series.len(), 4, "mean and p99, simulated and M/M/1");
        let rr = state("?policy=round-robin&requests=2000");
        assert_eq!(curve_chart(&rr, &model::curve(&rr), false).series.len(), 2);
        // The top leaves the p99 near 99 % climbing off the chart.
        let last = d.series[3].points.last().map_or(0.0, |p| p.1);
        assert!(last > d.y_max, "{last} vs {}", d.y_max);
    }

    #[test]
    fn every_balancer_has_its_line_and_the_chosen_one_is_on_top() {
        let s = state("?policy=least&slow=30&load=70&requests=2000");
        let all = model::all_curves(&s);
        let d = all_chart(&s, &all, false);
        assert_eq!(d.series.len(), PolicyKind::ALL.len());
        let last = d.series.last().map(|l| (l.label.clone(), l.dashed));
        assert_eq!(last, Some(("least outstanding".to_owned(), false)));
        // Round robin's tail at 70 % with a slow server is far above least outstanding's.
        let at = |name: &str| {
            d.series
                .iter()
                .find(|l| l.label == name)
                .and_then(|l| l.points.iter().find(|p| p.0 == 70.0))
                .map_or(0.0, |p| p.1)
        };
        assert!(at("round robin") > 5.0 * at("least outstanding"));
    }

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(nice_ceil(369.0), 500.0);
        assert_eq!(nice_ceil(19_000.0), 20_000.0);
        assert_eq!(nice_ceil(0.14), 0.2);
        assert_eq!(nice_ceil(240.0), 250.0);
        assert_eq!(nice_ceil(100.0), 100.0);
    }

    #[test]
    fn the_note_says_when_a_short_run_is_below_the_formula() {
        let s = state("?servers=1&load=90");
        let pts = model::curve(&s);
        let note = curve_note(&s, &pts);
        let top = pts.last().map_or(0.0, |p| p.mean);
        let cf = model::closed_at(&s, s.policy, 99).map_or(0.0, |c| c.mean);
        assert_eq!(note.contains("still below"), top < 0.8 * cf, "{note}");
        assert!(note.contains("1 server,"));
    }

    #[test]
    fn the_queues_chart_follows_the_slow_server() {
        let s = state("?policy=round-robin&slow=30&load=70&requests=3000");
        let r = model::run(&s).report;
        let d = queues_chart(&r, false);
        assert_eq!(d.series[0].label, "S1 (slow)");
        let end = |i: usize| d.series[i].points.last().map_or(0.0, |p| p.1);
        assert!(end(0) > 5.0 * end(1).max(1.0));
    }

    #[test]
    fn the_table_names_the_closed_forms() {
        let s = state("?requests=2000");
        let rows = compare_rows(&s, &model::compare(&s));
        assert_eq!(rows.len(), PolicyKind::ALL.len());
        let random = rows
            .iter()
            .find(|r| r.policy == PolicyKind::Random)
            .map(|r| r.closed.clone());
        assert!(random.is_some_and(|c| c.contains("M/M/1")));
        let rr = rows
            .iter()
            .find(|r| r.policy == PolicyKind::RoundRobin)
            .map(|r| r.closed.clone());
        assert_eq!(rr.as_deref(), Some("—"));
    }
}
