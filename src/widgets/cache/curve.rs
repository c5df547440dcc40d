//! Compare mode's figures: the cache sizes on the curve, the runs to do, the
//! closed forms and the chart.

use super::model::policy_colour;
use crate::ui::line_chart::{LineChartData, Series};
use sim::cache::che::Popularity;
use sim::cache::policy::PolicyKind;
use sim::cache::run::Stats;
use std::collections::BTreeMap;

/// Cache sizes on the hit-ratio curve, besides the chosen one.
pub const CURVE_POINTS: usize = 10;

/// Cache sizes on the curve: about [`CURVE_POINTS`] spaced evenly on a log
/// scale from 1 to the universe, plus `chosen`.
pub fn curve_sizes(universe: u32, chosen: u32) -> Vec<usize> {
    let top = universe.max(1) as f64;
    let mut v: Vec<usize> = (0..CURVE_POINTS)
        .map(|i| {
            let f = i as f64 / (CURVE_POINTS - 1) as f64;
            top.powf(f).round().max(1.0) as usize
        })
        .collect();
    v.push(chosen.clamp(1, universe.max(1)) as usize);
    v.sort_unstable();
    v.dedup();
    v
}

/// One simulation of compare mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Job {
    /// The policy.
    pub policy: PolicyKind,
    /// The cache size.
    pub size: usize,
}

/// Every job compare mode runs, the chosen size first so the readouts fill in
/// before the curve.
pub fn plan(policies: &[PolicyKind], sizes: &[usize], chosen: usize) -> Vec<Job> {
    let mut jobs: Vec<Job> = policies
        .iter()
        .map(|&policy| Job {
            policy,
            size: chosen,
        })
        .collect();
    for &size in sizes {
        if size != chosen {
            jobs.extend(policies.iter().map(|&policy| Job { policy, size }));
        }
    }
    jobs
}

/// Results so far.
pub type Results = BTreeMap<Job, Stats>;

/// The closed forms, dashed, beside LRU and beside FIFO/Random when they are
/// selected and the workload is independent draws (`pop`).
pub fn theory_series(
    policies: &[PolicyKind],
    sizes: &[usize],
    pop: Option<&Popularity>,
) -> Vec<Series> {
    let Some(pop) = pop else {
        return Vec::new();
    };
    let fine = theory_sizes(sizes);
    let mut series = Vec::new();
    if policies.contains(&PolicyKind::Lru) {
        series.push(Series {
            label: "Che (LRU)".into(),
            colour: policy_colour(PolicyKind::Lru),
            points: fine.iter().map(|&c| (c as f64, pop.lru(c))).collect(),
            dashed: true,
        });
    }
    if policies
        .iter()
        .any(|k| matches!(k, PolicyKind::Fifo | PolicyKind::Random))
    {
        series.push(Series {
            label: "FIFO/Random approx.".into(),
            colour: policy_colour(PolicyKind::Fifo),
            points: fine.iter().map(|&c| (c as f64, pop.fifo(c))).collect(),
            dashed: true,
        });
    }
    series
}

/// The hit-ratio chart: one line per policy over the sizes done so far, then
/// the closed forms (from [`theory_series`]).
pub fn chart(
    policies: &[PolicyKind],
    sizes: &[usize],
    results: &Results,
    theory: &[Series],
    dark: bool,
) -> LineChartData {
    let mut series: Vec<Series> = policies
        .iter()
        .map(|&k| Series {
            label: k.label().to_owned(),
            colour: policy_colour(k),
            points: sizes
                .iter()
                .filter_map(|&size| {
                    results
                        .get(&Job { policy: k, size })
                        .map(|s| (size as f64, s.hit_ratio()))
                })
                .collect(),
            dashed: false,
        })
        .collect();
    series.extend(theory.iter().cloned());
    LineChartData {
        series,
        markers: Vec::new(),
        x_label: "cache size (entries, log scale)".into(),
        y_label: "hit ratio".into(),
        y_min: 0.0,
        y_max: 1.0,
        y_percent: true,
        dark,
        x_log: true,
        hide_legend: true,
    }
}

/// Sizes for drawing a closed form smoothly: four per curve point.
fn theory_sizes(sizes: &[usize]) -> Vec<usize> {
    let (Some(&lo), Some(&hi)) = (sizes.first(), sizes.last()) else {
        return Vec::new();
    };
    let steps = 4 * sizes.len();
    let mut v: Vec<usize> = (0..=steps)
        .map(|i| {
            let f = i as f64 / steps as f64;
            ((lo as f64) * (hi as f64 / lo as f64).powf(f)).round() as usize
        })
        .collect();
    v.dedup();
    v
}

/// What a closed form predicts for `k` at `capacity`, with its name, when one applies.
pub fn theory(k: PolicyKind, pop: &Popularity, capacity: usize) -> Option<(&'static str, f64)> {
    match k {
        PolicyKind::Lru => Some(("Che's approximation", pop.lru(capacity))),
        PolicyKind::Fifo | PolicyKind::Random => {
            Some(("FIFO/Random approximation", pop.fifo(capacity)))
        }
        PolicyKind::Lfu => Some(("top-C popularity mass", pop.top_mass(capacity))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curve_sizes_span_the_universe_and_include_the_choice() {
        let v = curve_sizes(10_000, 123);
        assert_eq!(v.first(), Some(&1));
        assert_eq!(v.last(), Some(&10_000));
        assert!(v.contains(&123));
        assert!(v.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(curve_sizes(1, 5), vec![1]);
    }

    #[test]
    fn the_plan_puts_the_chosen_size_first() {
        let p = plan(&[PolicyKind::Lru, PolicyKind::Opt], &[1, 10, 100], 10);
        assert_eq!(p.len(), 6);
        assert!(p[..2].iter().all(|j| j.size == 10));
    }

    #[test]
    fn theory_applies_to_lru_fifo_random_and_lfu_only() {
        let pop = Popularity::new(&sim::cache::workload::zipf_probabilities(1000, 1.0));
        assert!(theory(PolicyKind::Lru, &pop, 10).is_some());
        assert!(theory(PolicyKind::Random, &pop, 10).is_some());
        assert!(theory(PolicyKind::Lfu, &pop, 10).is_some());
        assert!(theory(PolicyKind::Arc, &pop, 10).is_none());
    }
}
