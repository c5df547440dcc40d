//! Turns one simulated write and read into the timeline drawing, and finds the
//! moments the step buttons jump between.

use super::state::QuorumState;
use crate::decimal::fixed;
use crate::widgets::quorum::timeline_svg::{Message, MessageKind, TimelineView};
use sim::quorum::timeline::{EventKind, Timeline};

/// The drawing of `t` for the state's replicas.
pub fn view(t: &Timeline, s: &QuorumState) -> TimelineView {
    let n = s.n as usize;
    // The replicas whose old answers the read used, when it came back stale.
    let stale_by: Vec<u32> = t
        .events
        .iter()
        .filter(|e| e.kind == EventKind::ReadResponseArrives && !e.new_version)
        .filter_map(|e| e.replica)
        .filter(|r| t.read_saw_new == Some(false) && t.responders.contains(r))
        .collect();
    let key = |e: &sim::quorum::timeline::Event| e.replica.is_some_and(|r| stale_by.contains(&r));
    let mut applied: Vec<Option<f64>> = vec![None; n];
    let mut write_arrival: Vec<Option<f64>> = vec![None; n];
    let mut read_arrival: Vec<Option<f64>> = vec![None; n];
    let mut messages = Vec::new();
    let mut marks = Vec::new();
    for e in &t.events {
        let lane = e.replica.map_or(0, |r| r + 1);
        let idx = e.replica.map(|r| r as usize).filter(|&r| r < n);
        match e.kind {
            EventKind::WriteArrives => {
                if let Some(i) = idx {
                    write_arrival[i] = Some(e.time);
                    applied[i] = Some(applied[i].map_or(e.time, |a: f64| a.min(e.time)));
                }
                messages.push(Message {
                    from: 0,
                    to: lane,
                    t0: 0.0,
                    t1: e.time,
                    kind: MessageKind::Write,
                    new_version: true,
                    key: key(e),
                });
            }
            EventKind::AckArrives => {
                let t0 = idx.and_then(|i| write_arrival[i]).unwrap_or(e.time);
                messages.push(Message {
                    from: lane,
                    to: 0,
                    t0,
                    t1: e.time,
                    kind: MessageKind::Ack,
                    new_version: true,
                    key: false,
                });
            }
            EventKind::ReadRequestArrives => {
                if let Some(i) = idx {
                    read_arrival[i] = Some(e.time);
                }
                messages.push(Message {
                    from: 0,
                    to: lane,
                    t0: s.read_start,
                    t1: e.time,
                    kind: MessageKind::Read,
                    new_version: false,
                    key: false,
                });
            }
            EventKind::ReadResponseArrives => {
                let t0 = idx.and_then(|i| read_arrival[i]).unwrap_or(e.time);
                messages.push(Message {
                    from: lane,
                    to: 0,
                    t0,
                    t1: e.time,
                    kind: MessageKind::Response,
                    new_version: e.new_version,
                    key: !e.new_version && key(e),
                });
            }
            EventKind::RepairArrives => {
                if let Some(i) = idx {
                    applied[i] = Some(applied[i].map_or(e.time, |a: f64| a.min(e.time)));
                }
                let t0 = t.read_returned.unwrap_or(e.time);
                messages.push(Message {
                    from: 0,
                    to: lane,
                    t0,
                    t1: e.time,
                    kind: MessageKind::Repair,
                    new_version: true,
                    key: false,
                });
            }
            EventKind::WriteCommitted => marks.push((e.time, "commit".to_owned())),
            EventKind::ReadReturned => marks.push((
                e.time,
                if e.new_version {
                    "read returns new".to_owned()
                } else {
                    "read returns old".to_owned()
                },
            )),
        }
    }
    TimelineView {
        end: t.end.max(1e-6),
        replicas: s.n,
        messages,
        applied,
        failed: s.failed.clone(),
        marks,
    }
}

/// The first event strictly after `t`.
pub fn next_time(tl: &Timeline, t: f64) -> Option<f64> {
    tl.events.iter().map(|e| e.time).find(|&x| x > t + 1e-9)
}

/// The last event strictly before `t` (or the start).
pub fn prev_time(tl: &Timeline, t: f64) -> Option<f64> {
    tl.events
        .iter()
        .rev()
        .map(|e| e.time)
        .find(|&x| x < t - 1e-9)
        .or(Some(0.0))
}

/// How the run ended, and why when a read beats the commit to the new value.
pub fn summary(tl: &Timeline) -> String {
    let commit = tl.write_committed.map_or(
        "The write never commits (too few replicas up)".to_owned(),
        |c| format!("The write commits at {}", fixed(c, 2)),
    );
    let read = match (tl.read_returned, tl.read_saw_new) {
        (Some(r), Some(true)) => format!("the read returns the new value at {} ms", fixed(r, 2)),
        (Some(r), _) => format!("the read returns the old value at {} ms", fixed(r, 2)),
        _ => "the read never returns (too few replicas up)".to_owned(),
    };
    let mut out = format!(
        "{commit}{}; {read}.",
        if tl.write_committed.is_some() {
            " ms"
        } else {
            ""
        }
    );
    if let Some(why) = early_new_value(tl) {
        out.push(' ');
        out.push_str(&why);
    }
    out
}

/// When the read returns the new value before the write commits: which
/// replica gave it, and why that is allowed.
pub fn early_new_value(tl: &Timeline) -> Option<String> {
    let (r, c) = (tl.read_returned?, tl.write_committed);
    if tl.read_saw_new != Some(true) || c.is_some_and(|c| r >= c) {
        return None;
    }
    let from = tl
        .events
        .iter()
        .find(|e| {
            e.kind == EventKind::ReadResponseArrives
                && e.new_version
                && e.replica.is_some_and(|i| tl.responders.contains(&i))
        })
        .and_then(|e| e.replica)?;
    Some(format!(
        "The read came back before the commit, yet with the new value: replica {from} had already stored the write, though not enough acks had reached the coordinator. A read that overlaps a write may return either value; only reads that start after the commit are promised it."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widgets::quorum::model;

    #[test]
    fn a_read_that_beats_the_commit_to_the_new_value_is_explained() {
        // Search a few seeds for a read that starts before the write
        // commits and still returns the new value (the browser tests use
        // the first one found).
        let found = (1..400u64).find_map(|seed| {
            let q = crate::embed::query::Query::parse(&format!("n=3&r=1&w=3&read=0.5&seed={seed}"));
            let (s, _) = crate::kit::read_state::<crate::widgets::quorum::QuorumWidget>(&q);
            let tl = model::timeline_of(&s);
            early_new_value(&tl).map(|why| (tl, why))
        });
        let Some((tl, why)) = found else {
            panic!("no seed shows an early new value")
        };
        assert!(tl.read_returned < tl.write_committed && tl.read_saw_new == Some(true));
        assert!(summary(&tl).contains(&why));
        // and a plain run says nothing of the kind
        let plain = model::timeline_of(&QuorumState {
            read_start: 50.0,
            ..QuorumState::default()
        });
        assert_eq!(early_new_value(&plain), None);
    }

    #[test]
    fn a_stale_read_marks_the_old_answer_it_used_and_the_late_write() {
        // The slow-motion scene's state.
        let q = crate::embed::query::Query::parse("n=3&r=1&w=1&seed=7&read=2");
        let (s, _) = crate::kit::read_state::<crate::widgets::quorum::QuorumWidget>(&q);
        let tl = model::timeline_of(&s);
        assert_eq!(tl.read_saw_new, Some(false));
        let v = view(&tl, &s);
        let keyed: Vec<&Message> = v.messages.iter().filter(|m| m.key).collect();
        assert!(keyed
            .iter()
            .any(|m| m.kind == MessageKind::Response && !m.new_version));
        assert!(keyed.iter().any(|m| m.kind == MessageKind::Write));
        assert!(keyed
            .iter()
            .all(|m| matches!(m.kind, MessageKind::Response | MessageKind::Write)));
        assert!(v.marks.iter().any(|(_, l)| l == "read returns old"));
    }
}
