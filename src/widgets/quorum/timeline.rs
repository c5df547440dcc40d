//! Turns one simulated write and read into the timeline drawing, and finds the
//! moments the step buttons jump between.

use super::state::QuorumState;
use crate::widgets::quorum::timeline_svg::{Message, MessageKind, TimelineView};
use sim::quorum::timeline::{EventKind, Timeline};

/// The drawing of `t` for the state's replicas.
pub fn view(t: &Timeline, s: &QuorumState) -> TimelineView {
    let n = s.n as usize;
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
                });
            }
            EventKind::WriteCommitted => marks.push((e.time, "write committed".to_owned())),
            EventKind::ReadReturned => marks.push((
                e.time,
                if e.new_version {
                    "read: new value".to_owned()
                } else {
                    "read: stale value".to_owned()
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

/// One sentence on how the run ended.
pub fn summary(tl: &Timeline) -> String {
    let commit = tl.write_committed.map_or(
        "The write never commits (too few replicas up)".to_owned(),
        |c| format!("The write commits at {c:.2} ms"),
    );
    let read = match (tl.read_returned, tl.read_saw_new) {
        (Some(r), Some(true)) => format!("the read returns the new value at {r:.2} ms"),
        (Some(r), _) => format!("the read returns a stale value at {r:.2} ms"),
        _ => "the read never returns (too few replicas up)".to_owned(),
    };
    format!("{commit}; {read}.")
}
