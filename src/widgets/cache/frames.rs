//! Step mode's figures: every request of one policy, what it did and why,
//! and the drawing of its queues.

use super::lanes::{BoxView, Highlight, LaneView, LanesView};
use super::model::{key_colour, Workload};
use super::state::MAX_STEPS;
use crate::draw::palette::text_on;
use sim::cache::policy::{Access, Config, Key, PolicyKind, Why};
use sim::cache::run::build;
use sim::cache::snapshot::{Mark, Snapshot};

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
                    let p = moved_to_main(promoted);
                    format!("{p}it was not reused while in the small queue, so only its key is remembered in the ghost queue")
                }
                Why::MainEvict { reinserted, promoted } => {
                    let p = moved_to_main(promoted);
                    let r = match reinserted {
                        0 => String::new(),
                        1 => ", after one entry went round again with its count lowered".to_owned(),
                        n => format!(", after {n} entries went round again with their counts lowered"),
                    };
                    format!("{p}main's oldest entry with count 0{r}")
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
                hand_from: None,
                hand_label: "hand".into(),
            }
        })
        .collect();
    let target = snapshot
        .target
        .map(|(n, v)| format!("Target size of T1 ({n}): {}", target_text(v)));
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

/// S3-FIFO's promotions before an eviction, as the start of a sentence.
fn moved_to_main(promoted: u32) -> String {
    match promoted {
        0 => String::new(),
        1 => {
            "one entry hit at least twice in small moved to main, its count reset to 0; ".to_owned()
        }
        n => format!(
            "{n} entries hit at least twice in small moved to main, their counts reset to 0; "
        ),
    }
}

/// ARC's real-valued target, with up to two decimals ("1.5", "3").
pub fn target_text(v: f64) -> String {
    let t = crate::decimal::fixed(v, 2);
    t.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widgets::cache::model::{config, workload};
    use crate::widgets::cache::state::CacheState;

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
    fn arc_target_reads_as_a_short_decimal() {
        assert_eq!(target_text(1.5), "1.5");
        assert_eq!(target_text(3.0), "3");
        assert_eq!(target_text(0.0), "0");
        assert_eq!(target_text(4.0 / 3.0), "1.33");
    }
}
