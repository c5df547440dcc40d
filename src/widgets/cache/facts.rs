//! What the cache widget's captions are computed from: step mode's two
//! columns at the current request, or compare mode's table at the chosen
//! cache size, by the same model functions the figures use.

use super::curve::theory;
use super::frames::{frames, step_keys};
use super::model;
use super::state::{CacheState, Mode, Source};
use sim::cache::policy::{PolicyKind, Why};
use sim::cache::run::{Runner, Stats};
use sim::cache::workload::Shape;

/// One request as a policy served it in step mode.
#[derive(Clone, Debug, PartialEq)]
pub struct Served {
    /// The key requested.
    pub key: String,
    /// Whether it was a hit.
    pub hit: bool,
    /// The key evicted to make room, if one was.
    pub evicted: Option<String>,
    /// Why.
    pub why: Why,
    /// The request (counted from 1) that last asked for the evicted key.
    pub victim_last: Option<usize>,
    /// The next request (counted from 1) that asks for it again.
    pub victim_next: Option<usize>,
}

/// One column of step mode.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The policy.
    pub kind: PolicyKind,
    /// Hits in the requests served so far.
    pub hits: u32,
    /// Hits once every request is served.
    pub total: u32,
    /// The request served last, if any.
    pub last: Option<Served>,
}

impl Column {
    /// The policy's name on screen.
    pub fn name(&self) -> &'static str {
        self.kind.label()
    }
}

/// What step mode shows.
#[derive(Clone, Debug, PartialEq)]
pub struct StepFacts {
    /// Cache slots.
    pub slots: u32,
    /// Requests served so far.
    pub at: usize,
    /// Requests in all.
    pub len: usize,
    /// Policy A.
    pub left: Column,
    /// Policy B.
    pub right: Column,
}

/// What compare mode shows at the chosen cache size.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareFacts {
    /// The workload's shape (`None` for a typed sequence).
    pub shape: Option<Shape>,
    /// Requests and distinct keys.
    pub requests: usize,
    /// See `requests`.
    pub universe: u32,
    /// Zipf skew α, hot keys and the share of scan requests.
    pub alpha: f64,
    /// See `alpha`.
    pub hot: u32,
    /// See `alpha`.
    pub scan_share: f64,
    /// The cache size the table describes.
    pub capacity: usize,
    /// Each selected policy's hit ratio there, in table order.
    pub hits: Vec<(PolicyKind, f64)>,
    /// Each selected policy's hit ratio over the first half of the requests
    /// and over the second, in table order (a shifting hotspot turns at the
    /// midpoint): (policy, first half, second half).
    pub halves: Vec<(PolicyKind, f64, f64)>,
    /// The hot-set-and-scans workload: the longest scan, in requests for
    /// cold keys in a row (0 for other workloads).
    pub scan_run: usize,
    /// The closed forms there, where one applies: (policy, name, value).
    pub theory: Vec<(PolicyKind, &'static str, f64)>,
}

impl CompareFacts {
    /// A policy's hit ratio, if it was compared.
    pub fn hit(&self, k: PolicyKind) -> Option<f64> {
        self.hits.iter().find(|h| h.0 == k).map(|h| h.1)
    }

    /// A policy's hit ratio, or 0 when it was not compared.
    pub fn h(&self, k: PolicyKind) -> f64 {
        self.hit(k).unwrap_or(0.0)
    }

    /// A closed form's prediction for a policy.
    pub fn predicted(&self, k: PolicyKind) -> Option<f64> {
        self.theory.iter().find(|t| t.0 == k).map(|t| t.2)
    }

    /// The compared policy with the highest hit ratio other than OPT.
    pub fn best_real(&self) -> Option<(PolicyKind, f64)> {
        self.hits
            .iter()
            .copied()
            .filter(|h| h.0 != PolicyKind::Opt)
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }
}

/// What the cache widget's captions say, computed by the same model
/// functions as its figures.
#[derive(Clone, Debug, PartialEq)]
pub struct CacheFacts {
    /// Step mode's columns, in step mode.
    pub step: Option<StepFacts>,
    /// Compare mode's table, in compare mode.
    pub compare: Option<CompareFacts>,
}

/// The facts of a state: only the mode on screen is computed, and compare
/// mode only at the chosen cache size, not along the whole curve.
pub fn facts(s: &CacheState) -> CacheFacts {
    let w = model::workload(&s.workload_inputs(), None);
    match s.mode {
        Mode::Step => {
            let keys = step_keys(&w);
            let at = (s.at as usize).min(keys.len());
            let cfg = model::config(s, s.slots as usize, w.universe);
            let column = |kind: PolicyKind| {
                let f = frames(kind, &cfg, keys);
                let last = f.after(at).map(|fr| {
                    let victim = fr.access.evicted;
                    let before = &keys[..at - 1];
                    Served {
                        key: w.name(fr.key),
                        hit: fr.access.hit,
                        evicted: victim.map(|v| w.name(v)),
                        why: fr.access.why,
                        victim_last: victim
                            .and_then(|v| before.iter().rposition(|&k| k == v))
                            .map(|i| i + 1),
                        victim_next: victim
                            .and_then(|v| keys[at..].iter().position(|&k| k == v))
                            .map(|i| at + i + 1),
                    }
                });
                Column {
                    kind,
                    hits: f.after(at).map_or(0, |fr| fr.hits),
                    total: f.steps.last().map_or(0, |fr| fr.hits),
                    last,
                }
            };
            CacheFacts {
                step: Some(StepFacts {
                    slots: s.slots,
                    at,
                    len: keys.len(),
                    left: column(s.left),
                    right: column(s.right),
                }),
                compare: None,
            }
        }
        Mode::Compare => {
            let capacity = s.capacity.clamp(1, w.universe) as usize;
            let cfg = model::config(s, capacity, w.universe);
            // One run per policy, read at the midpoint on the way: the same
            // hits as `simulate`, and the halves for free.
            let runs: Vec<(PolicyKind, Stats, Stats)> = s
                .policies
                .iter()
                .map(|&k| {
                    let mut run = Runner::new(k, &cfg, &w.keys);
                    run.advance(&w.keys, w.keys.len() / 2);
                    let first = run.stats();
                    run.advance(&w.keys, usize::MAX);
                    (k, first, run.stats())
                })
                .collect();
            let hits = runs.iter().map(|r| (r.0, r.2.hit_ratio())).collect();
            let halves = runs
                .iter()
                .map(|(k, first, all)| {
                    let second = Stats {
                        requests: all.requests - first.requests,
                        hits: all.hits - first.hits,
                    };
                    (*k, first.hit_ratio(), second.hit_ratio())
                })
                .collect();
            let scan_run = if w.source == Source::Generated(Shape::Scan) {
                w.keys
                    .split(|&k| k < s.hot)
                    .map(<[_]>::len)
                    .max()
                    .unwrap_or(0)
            } else {
                0
            };
            let theory = w.popularity.as_ref().map_or_else(Vec::new, |p| {
                s.policies
                    .iter()
                    .filter_map(|&k| theory(k, p, capacity).map(|(name, v)| (k, name, v)))
                    .collect()
            });
            CacheFacts {
                step: None,
                compare: Some(CompareFacts {
                    shape: match w.source {
                        Source::Generated(shape) => Some(shape),
                        _ => None,
                    },
                    requests: w.keys.len(),
                    universe: w.universe,
                    alpha: s.alpha,
                    hot: s.hot,
                    scan_share: s.scan_share,
                    capacity,
                    hits,
                    halves,
                    scan_run,
                    theory,
                }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn before_the_first_request_nothing_is_served() {
        let f = facts(&CacheState::default());
        let s = f.step.expect("step mode");
        assert_eq!((s.at, s.len), (0, 12));
        assert!(s.left.last.is_none() && s.left.hits == 0);
        assert!(
            s.right.total > s.left.total,
            "OPT beats LRU on Belady's string"
        );
        assert!(f.compare.is_none());
    }

    #[test]
    fn compare_mode_runs_each_policy_at_the_chosen_size_only() {
        let s = CacheState {
            mode: Mode::Compare,
            source: Source::Generated(Shape::Loop),
            universe: 50,
            requests: 1_000,
            capacity: 500,
            policies: vec![PolicyKind::Lru, PolicyKind::Opt],
            ..CacheState::default()
        };
        let c = facts(&s).compare.expect("compare mode");
        assert_eq!(c.capacity, 50, "clamped to the keys, as the slider is");
        assert_eq!(c.hits.len(), 2);
        assert!((c.h(PolicyKind::Lru) - 0.95).abs() < 1e-9);
        let lru = c.halves[0];
        assert!(
            (lru.1 + lru.2 - 2.0 * 0.95).abs() < 1e-9,
            "the halves average to the whole"
        );
        assert!(
            lru.1 < lru.2,
            "the first lap's misses fall in the first half"
        );
        assert!(c.theory.is_empty(), "a loop has no closed form");
    }
}
