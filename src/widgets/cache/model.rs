//! What every view of the cache widget starts from: the workload a state
//! asks for, the cache configuration, and the colours of policies and keys.
//! Step mode's frames are in [`super::frames`], compare mode's runs and chart
//! in [`super::curve`].

use super::state::{CacheState, Source};
use crate::draw::palette::node_colour;
use sim::cache::che::Popularity;
use sim::cache::policy::{Config, Key, PolicyKind};
use sim::cache::trace::{parse_sequence, Trace};
use sim::cache::workload::{generate, popularity};

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
}
