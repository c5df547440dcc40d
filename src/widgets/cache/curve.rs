//! Compare mode's figures: the cache sizes on the curve, the runs to do, the
//! closed forms and the chart.

use super::model::policy_colour;
use crate::ui::line_chart::{LineChartData, Series};
use sim::cache::che::Popularity;
use sim::cache::policy::PolicyKind;
use sim::cache::run::Stats;
use sim::cache::workload::Shape;
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
            label: "LRU theory".into(),
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
            label: "FIFO theory".into(),
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
        gaps: Vec::new(),
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

/// The policies a scene's `mark` names (words that are policy slugs).
pub fn marked_policies(mark: &str) -> Vec<PolicyKind> {
    mark.split(' ').filter_map(PolicyKind::from_slug).collect()
}

/// The policies a workload's story is about, drawn on top with the others
/// faded when no scene names its own.
pub fn focus(shape: Option<Shape>) -> Vec<PolicyKind> {
    use PolicyKind::*;
    match shape {
        Some(Shape::Scan) => vec![Lru, Arc, S3Fifo, Sieve],
        Some(Shape::Loop) => vec![Lru, Fifo, Random, Opt],
        Some(Shape::Shift) => vec![Lfu, Lru, Arc],
        _ => Vec::new(),
    }
}

/// What a workload's runs show at the chosen size: a sentence, and the gap
/// between two lines it is about (drawn on the chart as a bracket).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Told {
    /// The sentence under the chart.
    pub text: String,
    /// The lower and the higher hit ratio of the gap.
    pub gap: (f64, f64),
    /// The bracket's name ("7.2 points").
    pub gap_label: String,
}

/// The story of a workload told by the runs at the chosen size, once they
/// are in: what the highlighted lines show there.
pub fn story(
    shape: Option<Shape>,
    hit: &dyn Fn(PolicyKind) -> Option<f64>,
    size: &str,
) -> Option<Told> {
    use crate::ui::readout::percent;
    use PolicyKind::*;
    let points = |d: f64| crate::decimal::fixed(d * 100.0, 1);
    let told = |text: String, low: f64, high: f64| Told {
        text,
        gap: (low, high),
        gap_label: format!("{} points", points(high - low)),
    };
    match shape {
        Some(Shape::Scan) => {
            let lru = hit(Lru)?;
            let others = [Arc, S3Fifo, Sieve].map(|k| hit(k).map(|h| (k, h)));
            let others: Option<Vec<(PolicyKind, f64)>> = others.into_iter().collect();
            let others = others?;
            let worst = others.iter().min_by(|a, b| a.1.total_cmp(&b.1))?;
            (worst.1 > lru).then(|| told(format!(
                "At {size} entries the scans cost LRU: it hits {}, {} points below {} ({}), the lowest of ARC, S3-FIFO and SIEVE.",
                percent(lru), points(worst.1 - lru), worst.0.label(), percent(worst.1)
            ), lru, worst.1))
        }
        Some(Shape::Loop) => {
            let (lru, fifo, random) = (hit(Lru)?, hit(Fifo)?, hit(Random)?);
            (lru == 0.0 && fifo == 0.0 && random > 0.0).then(|| {
                told(
                    format!(
                        "At {size} entries LRU and FIFO hit nothing on the loop; Random hits {}.",
                        percent(random)
                    ),
                    0.0,
                    random,
                )
            })
        }
        Some(Shape::Shift) => {
            let (lfu, lru) = (hit(Lfu)?, hit(Lru)?);
            (lfu < lru).then(|| told(format!(
                "At {size} entries LFU hits {}, {} points below LRU ({}): its counts keep the old favourites.",
                percent(lfu), points(lru - lfu), percent(lru)
            ), lfu, lru))
        }
        _ => None,
    }
}

/// A paler (light theme) or darker (dark theme) variant of a policy's
/// colour from the palette, for lines a scene does not name.
pub fn faded_colour(colour: &str, dark: bool) -> &'static str {
    use crate::draw::palette::node_colour;
    // The palette's lighter variants sit 16 places on, its darker ones 8.
    let base = (0..8).find(|&i| node_colour(i).eq_ignore_ascii_case(colour));
    let dim = (8..16).find(|&i| node_colour(i).eq_ignore_ascii_case(colour));
    match (base, dim) {
        (Some(i), _) => node_colour(if dark { i + 8 } else { i + 16 }),
        (None, Some(i)) => node_colour(if dark { 15 } else { i + 8 }),
        _ => node_colour(if dark { 15 } else { 23 }),
    }
}

/// Fades every line of `data` whose colour is not one of `keep`'s, and puts
/// the kept lines last, so they are drawn on top.
pub fn emphasise(data: &mut LineChartData, keep: &[PolicyKind]) {
    if keep.is_empty() {
        return;
    }
    let kept: Vec<&str> = keep.iter().map(|&k| policy_colour(k)).collect();
    let dark = data.dark;
    for s in &mut data.series {
        if !kept.contains(&s.colour) {
            s.colour = faded_colour(s.colour, dark);
        }
    }
    let is_kept = |s: &Series| kept.contains(&s.colour);
    let (mut on, off): (Vec<Series>, Vec<Series>) = data.series.drain(..).partition(is_kept);
    data.series = off;
    data.series.append(&mut on);
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

    #[test]
    fn a_scene_fades_the_lines_it_does_not_name() {
        assert_eq!(
            marked_policies("lru arc nope"),
            vec![PolicyKind::Lru, PolicyKind::Arc]
        );
        let line = |k: PolicyKind| Series {
            label: k.label().into(),
            colour: policy_colour(k),
            points: vec![(1.0, 0.5)],
            dashed: false,
        };
        let mut d = LineChartData {
            series: vec![
                line(PolicyKind::Lru),
                line(PolicyKind::Fifo),
                line(PolicyKind::Arc),
            ],
            ..Default::default()
        };
        emphasise(&mut d, &[PolicyKind::Lru, PolicyKind::Arc]);
        let labels: Vec<&str> = d.series.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["FIFO", "LRU", "ARC"]);
        assert_eq!(d.series[0].colour, "#5CCCAB");
        assert_eq!(d.series[1].colour, policy_colour(PolicyKind::Lru));
        assert_ne!(faded_colour("#99507A", true), "#99507A");
    }

    #[test]
    fn the_scan_story_names_lru_loss_from_the_runs() {
        let hits = |k: PolicyKind| match k {
            PolicyKind::Lru => Some(0.411),
            PolicyKind::Arc => Some(0.49),
            PolicyKind::S3Fifo => Some(0.483),
            PolicyKind::Sieve => Some(0.49),
            _ => None,
        };
        let told = story(Some(Shape::Scan), &hits, "600").unwrap_or_default();
        let s = &told.text;
        assert!(
            s.contains("41.1%") && s.contains("7.2 points below S3-FIFO (48.3%)"),
            "{s}"
        );
        // The bracket on the chart spans the same two runs and says the same gap.
        assert_eq!(told.gap, (0.411, 0.483));
        assert_eq!(told.gap_label, "7.2 points");
        // Until every run it names is in, it says nothing.
        let partial = |k: PolicyKind| (k == PolicyKind::Lru).then_some(0.4);
        assert!(story(Some(Shape::Scan), &partial, "600").is_none());
        assert!(focus(Some(Shape::Scan)).contains(&PolicyKind::S3Fifo));
        assert!(story(Some(Shape::Zipf), &hits, "600").is_none());
    }
}
