//! Every figure the cache widget shows, computed from its state: the
//! workload, the frames of step mode, the jobs of compare mode and the chart.

use super::state::{CacheState, Source, MAX_STEPS};
use crate::draw::palette::node_colour;
use crate::draw::palette::text_on;
use crate::ui::line_chart::{LineChartData, Series};
use crate::widgets::cache::lanes::{BoxView, Highlight, LaneView, LanesView};
use sim::cache::che::Popularity;
use sim::cache::policy::{Access, Config, Key, PolicyKind, Why};
use sim::cache::run::{build, Stats};
use sim::cache::snapshot::{Mark, Snapshot};
use sim::cache::trace::{parse_sequence, Trace};
use sim::cache::workload::{generate, popularity};
use std::collections::BTreeMap;

/// Cache sizes on the hit-ratio curve, besides the chosen one.
pub const CURVE_POINTS: usize = 10;

/// The requests every view works on.
#[derive(Debug, PartialEq)]
pub struct Workload {
    /// The requests, as dense keys.
    pub keys: Vec<Key>,
    /// Every key is below this.
    pub universe: u32,
    /// Names of keys for typed and imported traces; generated keys are numbers.
    pub names: Option<Vec<String>>,
    /// Key popularity when requests are independent (Zipf, uniform), for the closed forms.
    pub popularity: Option<Popularity>,
    /// The source actually used (an imported trace a link cannot carry falls back to Zipf).
    pub source: Source,
}

impl Workload {
    /// The name of `key` as the learner knows it.
    pub fn name(&self, key: Key) -> String {
        match &self.names {
            Some(n) => n
                .get(key as usize)
                .cloned()
                .unwrap_or_else(|| key.to_string()),
            None => key.to_string(),
        }
    }
}

/// Builds the workload `state` asks for; `imported` is the trace loaded in this tab, if any.
pub fn workload(state: &CacheState, imported: Option<&Trace>) -> Workload {
    let source = match (state.source, imported) {
        (Source::Imported, None) => Source::Generated(sim::cache::workload::Shape::Zipf),
        (s, _) => s,
    };
    match source {
        Source::Typed => {
            let t = parse_sequence(&state.sequence).trace;
            Workload {
                universe: t.universe().max(1),
                keys: t.keys,
                names: Some(t.names),
                popularity: None,
                source,
            }
        }
        Source::Imported => {
            let t = imported.cloned().unwrap_or_default();
            Workload {
                universe: t.universe().max(1),
                keys: t.keys,
                names: Some(t.names),
                popularity: None,
                source,
            }
        }
        Source::Generated(shape) => {
            let spec = CacheState {
                source: Source::Generated(shape),
                ..state.clone()
            }
            .spec()
            .unwrap_or(sim::cache::workload::Spec {
                shape,
                requests: 1,
                universe: 1,
                alpha: 1.0,
                hot: 1,
                scan_share: 0.0,
            });
            Workload {
                keys: generate(&spec, state.seed),
                universe: spec.universe,
                names: None,
                popularity: popularity(&spec).map(|p| Popularity::new(&p)),
                source,
            }
        }
    }
}

/// The cache configuration for `capacity`.
pub fn config(state: &CacheState, capacity: usize, universe: u32) -> Config {
    Config {
        capacity: capacity.max(1),
        universe: universe.max(1),
        seed: state.seed,
        ttl: u64::from(state.ttl),
    }
}

/// One request of step mode: what happened and the state after it.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// The key requested.
    pub key: Key,
    /// The outcome.
    pub access: Access,
    /// The policy's state after serving it.
    pub snapshot: Snapshot,
    /// Hits so far, this one included.
    pub hits: u32,
}

/// The requests step mode walks through: the first [`MAX_STEPS`].
pub fn step_keys(w: &Workload) -> &[Key] {
    &w.keys[..w.keys.len().min(MAX_STEPS)]
}

/// Every step of one policy over the step-mode requests.
#[derive(Clone, Debug, PartialEq)]
pub struct Frames {
    /// The state before any request.
    pub empty: Snapshot,
    /// `steps[i]` is the state after request `i`.
    pub steps: Vec<Frame>,
}

impl Frames {
    /// The frame after `served` requests (`None` before the first).
    pub fn after(&self, served: usize) -> Option<&Frame> {
        served.checked_sub(1).and_then(|j| self.steps.get(j))
    }
}

/// Serves every step-mode request with `kind`, keeping each state.
pub fn frames(kind: PolicyKind, cfg: &Config, keys: &[Key]) -> Frames {
    let mut p = build(kind, cfg, keys);
    let empty = p.snapshot();
    let mut hits = 0;
    let steps = keys
        .iter()
        .enumerate()
        .map(|(i, &key)| {
            let access = p.access(key, i as u64);
            hits += u32::from(access.hit);
            Frame {
                key,
                access,
                snapshot: p.snapshot(),
                hits,
            }
        })
        .collect();
    Frames { empty, steps }
}

/// One sentence on what a request did, for the caption under a policy.
pub fn describe(kind: PolicyKind, f: &Frame, name: &dyn Fn(Key) -> String) -> String {
    let key = name(f.key);
    let a = f.access;
    let victim = a.evicted.map(name).unwrap_or_default();
    match a.why {
        Why::Hit => format!("{key}: hit."),
        Why::Free => format!("{key}: miss, stored in a free slot."),
        Why::Expired => format!("{key}: miss, its copy had expired; fetched again."),
        why => {
            let reason = match why {
                Why::LeastRecent => "the least recently used".to_owned(),
                Why::LeastFrequent { count } => format!("used least often ({count}×), oldest use among ties"),
                Why::Oldest => "the oldest arrival".to_owned(),
                Why::ClockHand { cleared: 0 } => "the hand found its reference bit clear".to_owned(),
                Why::ClockHand { cleared } => format!("the hand cleared {cleared} reference bit(s) — second chances — then found it clear"),
                Why::Random => "picked at random".to_owned(),
                Why::SieveHand { cleared: 0 } => "the hand found it unvisited".to_owned(),
                Why::SieveHand { cleared } => format!("the hand cleared {cleared} visited bit(s), then found it unvisited"),
                Why::SmallToGhost { promoted } => {
                    let p = if promoted > 0 { format!("{promoted} reused entr(ies) moved to main first; ") } else { String::new() };
                    format!("{p}it was not reused while in the small queue, so only its key is remembered in the ghost queue")
                }
                Why::MainEvict { reinserted, promoted } => {
                    let p = if promoted > 0 { format!("{promoted} moved from small to main; ") } else { String::new() };
                    format!("{p}main's oldest entry with count 0, after {reinserted} reinsertion(s)")
                }
                Why::Arc { ghost, from_t1 } => {
                    let g = match ghost {
                        Some(1) => "it was in ghost list B1, so the target for T1 grew; ",
                        Some(2) => "it was in ghost list B2, so the target for T1 shrank; ",
                        _ => "",
                    };
                    format!("{g}the LRU end of {}", if from_t1 { "T1 (seen once)" } else { "T2 (seen twice or more)" })
                }
                Why::FarthestNextUse { next: None } => "never requested again".to_owned(),
                Why::FarthestNextUse { next: Some(t) } => format!("next requested at step {}, the farthest away", t + 1),
                Why::EvictedExpired => "it had expired".to_owned(),
                _ => String::new(),
            };
            let _ = kind;
            if victim.is_empty() {
                format!("{key}: miss.")
            } else {
                format!("{key}: miss, evicted {victim}: {reason}.")
            }
        }
    }
}

/// The text under a box for a policy's mark.
pub fn mark_text(kind: PolicyKind, mark: Mark) -> String {
    match mark {
        Mark::None => String::new(),
        Mark::Count(n) => format!("×{n}"),
        Mark::Bit(b) => {
            let name = if kind == PolicyKind::Sieve {
                "seen"
            } else {
                "ref"
            };
            format!("{name} {}", u8::from(b))
        }
        Mark::Expires(t) => format!("exp {}", t + 1),
        Mark::NextUse(Some(t)) => format!("next {}", t + 1),
        Mark::NextUse(None) => "never".to_owned(),
    }
}

/// The drawing of `snapshot`, with the request of `frame` (if any) highlighted.
pub fn lanes_view(
    kind: PolicyKind,
    snapshot: &Snapshot,
    frame: Option<&Frame>,
    name: &dyn Fn(Key) -> String,
) -> LanesView {
    let current = frame.map(|f| (f.key, f.access.hit));
    let lanes = snapshot
        .lanes
        .iter()
        .map(|lane| {
            let boxes: Vec<BoxView> = lane
                .entries
                .iter()
                .map(|e| {
                    let colour = key_colour(e.key);
                    let highlight = match current {
                        Some((k, true)) if k == e.key && !lane.ghost => Highlight::Hit,
                        Some((k, false)) if k == e.key && !lane.ghost => Highlight::Inserted,
                        _ => Highlight::None,
                    };
                    BoxView {
                        name: name(e.key),
                        colour,
                        ink: text_on(colour),
                        mark: mark_text(kind, e.mark),
                        highlight,
                    }
                })
                .collect();
            LaneView {
                label: lane.label.to_owned(),
                order: lane.order.to_owned(),
                ghost: lane.ghost,
                empty: lane.capacity.saturating_sub(boxes.len()).min(64),
                boxes,
                hand: lane.hand,
                hand_label: "hand".into(),
            }
        })
        .collect();
    let target = snapshot
        .target
        .map(|(n, v)| format!("Target size of T1 ({n}): {v}"));
    let evicted = frame.and_then(|f| f.access.evicted).map(|k| {
        let colour = key_colour(k);
        BoxView {
            name: name(k),
            colour,
            ink: text_on(colour),
            mark: String::new(),
            highlight: Highlight::None,
        }
    });
    LanesView {
        lanes,
        target,
        evicted,
    }
}

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

/// Each policy's colour, fixed so a policy keeps it in every chart and table.
pub fn policy_colour(k: PolicyKind) -> &'static str {
    // why: Okabe–Ito hues first, yellow left out (it vanishes as a thin line on
    // white); OPT, the ceiling, gets the neutral grey.
    match k {
        PolicyKind::Lru => "#0072B2",
        PolicyKind::Lfu => "#E69F00",
        PolicyKind::Fifo => "#009E73",
        PolicyKind::Clock => "#CC79A7",
        PolicyKind::Random => "#B8AC1A",
        PolicyKind::Sieve => "#D55E00",
        PolicyKind::S3Fifo => "#56B4E9",
        PolicyKind::Arc => "#99507A",
        PolicyKind::Opt => "#8C8C8C",
        PolicyKind::LruTtl => "#006B4E",
    }
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

/// The key colour used in step mode.
pub fn key_colour(key: Key) -> &'static str {
    node_colour(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widgets::cache::state::Mode;
    use sim::cache::workload::Shape;

    #[test]
    fn the_default_typed_sequence_is_belady_string() {
        let s = CacheState::default();
        let w = workload(&s, None);
        assert_eq!(w.keys.len(), 12);
        assert_eq!(w.universe, 5);
        assert_eq!(w.name(4), "E");
    }

    #[test]
    fn fifo_shows_belady_anomaly_on_the_default_sequence() {
        // why: the textbook result — with FIFO, 4 frames fault more than 3 on
        // this string (10 misses against 9).
        let s = CacheState::default();
        let w = workload(&s, None);
        let misses = |slots| {
            let f = frames(PolicyKind::Fifo, &config(&s, slots, w.universe), &w.keys).steps;
            f.len() as u32 - f.last().map_or(0, |x| x.hits)
        };
        assert_eq!(misses(3), 9);
        assert_eq!(misses(4), 10);
    }

    #[test]
    fn frames_follow_the_requests_and_every_step_is_described() {
        let s = CacheState::default();
        let w = workload(&s, None);
        for kind in PolicyKind::ALL {
            let Frames { empty, steps: f } =
                frames(kind, &config(&s, 3, w.universe), step_keys(&w));
            assert_eq!(empty.resident(), 0);
            assert_eq!(f.len(), 12);
            for fr in &f {
                assert!(fr.snapshot.resident() <= 3);
                let text = describe(kind, fr, &|k| w.name(k));
                assert!(text.starts_with(&w.name(fr.key)), "{text}");
                assert!(fr.access.hit || text.contains("miss"), "{text}");
            }
        }
    }

    #[test]
    fn an_imported_trace_missing_from_a_link_falls_back_to_zipf() {
        let s = CacheState {
            source: Source::Imported,
            mode: Mode::Compare,
            ..CacheState::default()
        };
        let w = workload(&s, None);
        assert_eq!(w.source, Source::Generated(Shape::Zipf));
        assert!(w.popularity.is_some());
        let t = Trace {
            keys: vec![0, 1, 0],
            names: vec!["a".into(), "b".into()],
        };
        let w = workload(&s, Some(&t));
        assert_eq!(w.source, Source::Imported);
        assert_eq!(w.keys, vec![0, 1, 0]);
    }

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
