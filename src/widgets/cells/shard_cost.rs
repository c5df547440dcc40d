//! What isolation costs under shuffle sharding: against the shard size k,
//! the share of the other tenants a poison tenant reaches (closed form), and
//! the pool's capacity relative to one shared deployment (each worker
//! provisioned like the busiest, from a placement at each k).

use super::state::{CellsState, MAX_SHARD};
use crate::ui::line_chart::{LineChartData, Series};
use sim::cells::cost::{shuffle_curve, ShufflePoint};
use sim::cells::population::Population;

/// The shard sizes on the curve: 1 to the largest the workers allow.
pub fn sizes(s: &CellsState) -> Vec<u32> {
    (1..=MAX_SHARD.min(s.workers)).collect()
}

/// The curve for the workers `s` has.
pub fn curve(s: &CellsState, pop: &Population) -> Vec<ShufflePoint> {
    shuffle_curve(pop, s.workers, &sizes(s), s.seed)
}

/// The marker at the shard size shown.
fn marker(k: u32) -> Vec<(f64, String)> {
    vec![(f64::from(k), format!("k = {k}"))]
}

/// Who a poison tenant reaches, against the shard size.
pub fn radius_chart(points: &[ShufflePoint], k: u32, dark: bool) -> LineChartData {
    let series =
        |label: &str, colour: &'static str, dashed: bool, f: fn(&ShufflePoint) -> f64| Series {
            label: label.into(),
            colour,
            points: points.iter().map(|p| (f64::from(p.shard), f(p))).collect(),
            dashed,
        };
    LineChartData {
        series: vec![
            series("hit at all", "#E69F00", false, |p| p.hit_share),
            series("lose everything", "#D55E00", true, |p| p.full_share),
        ],
        gaps: Vec::new(),
        markers: marker(k),
        x_label: "shard size k (workers per tenant)".into(),
        y_label: "poison tenant: share of others hit (closed form)".into(),
        y_min: 0.0,
        y_max: 1.0,
        y_percent: true,
        dark,
        x_log: false,
        hide_legend: false,
    }
}

/// The pool's cost, against the shard size.
pub fn cost_chart(points: &[ShufflePoint], k: u32, dark: bool) -> LineChartData {
    let top = points.iter().map(|p| p.cost).fold(1.0f64, f64::max);
    LineChartData {
        series: vec![Series {
            label: "cost".into(),
            colour: "#009E73",
            points: points
                .iter()
                .map(|p| (f64::from(p.shard), p.cost))
                .collect(),
            dashed: false,
        }],
        gaps: Vec::new(),
        markers: marker(k),
        x_label: "shard size k (workers per tenant)".into(),
        y_label: "cost ÷ one shared deployment".into(),
        y_min: 0.0,
        y_max: (top * 1.1).max(1.5),
        y_percent: false,
        dark,
        x_log: false,
        hide_legend: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widgets::cells::model;
    use crate::widgets::cells::state::ArchKind;

    #[test]
    fn the_curve_follows_the_workers_and_agrees_with_the_population_at_k() {
        let s = CellsState {
            arch: ArchKind::Shuffle,
            workers: 8,
            shard: 2,
            ..CellsState::default()
        };
        let pop = model::population(&s);
        let pts = curve(&s, &pop);
        assert_eq!(sizes(&s), (1..=8).collect::<Vec<_>>());
        assert_eq!(
            sizes(&CellsState {
                workers: 3,
                ..s.clone()
            }),
            vec![1, 2, 3]
        );
        // The closed form at k = 2 beside this population's own overlap.
        let pl = model::placement(&s, &pop);
        let o = model::overlap(&s, &pl).expect("shuffle");
        let others = f64::from(s.tenants - 1);
        let measured = 1.0 - o.measured[0] as f64 / others;
        assert!(
            (pts[1].hit_share - measured).abs() < 0.05,
            "{} vs {measured}",
            pts[1].hit_share
        );
        // The cost at k = 2 is the population's own busiest worker times n.
        let busiest = pl.unit_load.iter().fold(0.0f64, |m, &x| m.max(x));
        assert!((pts[1].cost - 8.0 * busiest).abs() < 1e-9);
        let c = cost_chart(&pts, 2, false);
        assert_eq!(c.series[0].points.len(), 8);
        assert_eq!(c.markers[0].1, "k = 2");
        assert_eq!(radius_chart(&pts, 2, false).series.len(), 2);
    }
}
