//! One write and one concurrent read, event by event, for the animated
//! timeline.
//!
//! The write starts at time 0: the coordinator sends it to every live
//! replica, each applies it on arrival and acks; it commits at the `w`-th
//! ack. The read starts at `read_start` (before or after the commit): each
//! live replica answers with whichever version it holds when the request
//! arrives, and the coordinator returns after `r` answers, keeping the newest
//! (last write wins). Delays follow the [`wars`](super::wars) model, so a
//! timeline is one WARS trial made visible.

use super::wars::Latencies;
use super::{QuorumConfig, MAX_N};
use crate::rng::Rng;

/// What happened at an [`Event`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// The write reached a replica, which applied it.
    WriteArrives,
    /// A replica's write ack reached the coordinator.
    AckArrives,
    /// The `w`-th ack arrived: the write is acknowledged to the client.
    WriteCommitted,
    /// The read request reached a replica, which answers with what it holds.
    ReadRequestArrives,
    /// A replica's read response reached the coordinator.
    ReadResponseArrives,
    /// The `r`-th response arrived: the read returns to the client.
    ReadReturned,
    /// A read-repair copy of the new version reached a stale responder.
    RepairArrives,
}

impl EventKind {
    /// Order among simultaneous events: causes before effects, and a write
    /// arriving at the same instant as a read request counts as applied first
    /// (matching `W_i <= t` in the WARS model).
    fn rank(self) -> u8 {
        match self {
            EventKind::WriteArrives => 0,
            EventKind::AckArrives => 1,
            EventKind::WriteCommitted => 2,
            EventKind::ReadRequestArrives => 3,
            EventKind::ReadResponseArrives => 4,
            EventKind::ReadReturned => 5,
            EventKind::RepairArrives => 6,
        }
    }
}

/// One step of a [`Timeline`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Event {
    /// When it happens, in ms after the write started.
    pub time: f64,
    /// What happens.
    pub kind: EventKind,
    /// The replica involved; `None` for coordinator events (commit, return).
    pub replica: Option<u32>,
    /// For [`EventKind::ReadResponseArrives`]: whether the replica answered
    /// with the new version. For [`EventKind::ReadReturned`]: whether the read
    /// returned it. Otherwise false.
    pub new_version: bool,
}

/// A write and a read, step by step.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    /// Every event, sorted by time; simultaneous events in [`EventKind`]
    /// order, then by replica.
    pub events: Vec<Event>,
    /// When the write committed; `None` if fewer than `w` replicas are alive.
    pub write_committed: Option<f64>,
    /// When the read returned; `None` if fewer than `r` replicas are alive.
    pub read_returned: Option<f64>,
    /// Whether the read returned the new version; `None` if it never returned.
    pub read_saw_new: Option<bool>,
    /// The first `r` responders in arrival order (the ones the read used);
    /// empty if the read never returned.
    pub responders: Vec<u32>,
    /// Time of the last event (0 when there are none).
    pub end: f64,
}

impl Timeline {
    /// Whether `replica` holds the new version at time `t`, by the write
    /// itself or by a read repair.
    pub fn replica_has_new(&self, replica: u32, t: f64) -> bool {
        self.events_until(t).iter().any(|e| {
            e.replica == Some(replica)
                && matches!(e.kind, EventKind::WriteArrives | EventKind::RepairArrives)
        })
    }

    /// The events that have happened by time `t` (inclusive), in order.
    pub fn events_until(&self, t: f64) -> &[Event] {
        let k = self.events.partition_point(|e| e.time <= t);
        &self.events[..k]
    }
}

/// Plays one write (starting at 0) against one read starting at `read_start`
/// ms (negative or NaN treated as 0), with delays drawn from `lat`.
///
/// Replica `i` is crashed iff `alive[i] == false` (missing entries count as
/// alive): it receives, applies and sends nothing. With `read_repair`, once
/// the read returns the new version, every responder that answered with the
/// old one is sent the new one, arriving after a fresh write-distributed
/// delay.
///
/// Five delays are drawn per replica in a fixed order whatever the other
/// arguments, so with the same seed the write's events are identical for any
/// `read_start`, and toggling read repair or crashing a replica leaves the
/// other replicas' delays unchanged.
pub fn timeline(
    cfg: QuorumConfig,
    lat: Latencies,
    read_start: f64,
    read_repair: bool,
    alive: &[bool],
    rng: &mut Rng,
) -> Timeline {
    let cfg = cfg.clamped();
    let n = cfg.n as usize;
    let read_start = read_start.max(0.0);
    let mut events = Vec::with_capacity(5 * n + 2);
    // (arrival time, replica) of acks and of read responses from live replicas
    let mut acks: Vec<(f64, u32)> = Vec::with_capacity(n);
    let mut answers: Vec<(f64, u32)> = Vec::with_capacity(n);
    let mut answered_new = [false; MAX_N as usize];
    let mut repair_delay = [0.0f64; MAX_N as usize];
    for i in 0..n {
        let write = rng.exponential(lat.write);
        let ack = rng.exponential(lat.ack);
        let read = rng.exponential(lat.read);
        let response = rng.exponential(lat.response);
        repair_delay[i] = rng.exponential(lat.write);
        if !alive.get(i).copied().unwrap_or(true) {
            continue;
        }
        let replica = Some(i as u32);
        let mut push = |time: f64, kind: EventKind, new_version: bool| {
            events.push(Event {
                time,
                kind,
                replica,
                new_version,
            });
        };
        push(write, EventKind::WriteArrives, false);
        push(write + ack, EventKind::AckArrives, false);
        let asked = read_start + read;
        // why: ties go to the write, as in the event order and in WARS.
        let has_new = write <= asked;
        answered_new[i] = has_new;
        push(asked, EventKind::ReadRequestArrives, false);
        push(asked + response, EventKind::ReadResponseArrives, has_new);
        acks.push((write + ack, i as u32));
        answers.push((asked + response, i as u32));
    }
    // why: stable sorts, so equal times keep replica order.
    acks.sort_by(|a, b| a.0.total_cmp(&b.0));
    answers.sort_by(|a, b| a.0.total_cmp(&b.0));

    let write_committed = acks.get(cfg.w as usize - 1).map(|&(t, _)| t);
    if let Some(time) = write_committed {
        events.push(Event {
            time,
            kind: EventKind::WriteCommitted,
            replica: None,
            new_version: false,
        });
    }

    let mut responders = Vec::new();
    let mut read_saw_new = None;
    let read_returned = answers.get(cfg.r as usize - 1).map(|&(t, _)| t);
    if let Some(returned) = read_returned {
        responders = answers[..cfg.r as usize].iter().map(|&(_, i)| i).collect();
        let saw_new = responders.iter().any(|&i| answered_new[i as usize]);
        read_saw_new = Some(saw_new);
        events.push(Event {
            time: returned,
            kind: EventKind::ReadReturned,
            replica: None,
            new_version: saw_new,
        });
        if read_repair && saw_new {
            for &i in responders.iter().filter(|&&i| !answered_new[i as usize]) {
                events.push(Event {
                    time: returned + repair_delay[i as usize],
                    kind: EventKind::RepairArrives,
                    replica: Some(i),
                    new_version: false,
                });
            }
        }
    }

    events.sort_by(|a, b| {
        a.time
            .total_cmp(&b.time)
            .then(a.kind.rank().cmp(&b.kind.rank()))
            .then(a.replica.cmp(&b.replica))
    });
    let end = events.last().map_or(0.0, |e| e.time);
    Timeline {
        events,
        write_committed,
        read_returned,
        read_saw_new,
        responders,
        end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quorum::wars::{self, LatencyPreset};

    fn all_configs(max_n: u32) -> impl Iterator<Item = QuorumConfig> {
        (1..=max_n).flat_map(move |n| {
            (1..=n).flat_map(move |r| (1..=n).map(move |w| QuorumConfig::new(n, r, w)))
        })
    }

    /// Time of the single `kind` event of `replica`, if any.
    fn time_of(tl: &Timeline, kind: EventKind, replica: u32) -> Option<f64> {
        tl.events
            .iter()
            .find(|e| e.kind == kind && e.replica == Some(replica))
            .map(|e| e.time)
    }

    #[test]
    fn events_sorted_and_bookkeeping_consistent() {
        let lat = LatencyPreset::Disk.latencies();
        let mut rng = Rng::new(1);
        for cfg in all_configs(6) {
            for read_start in [0.0, 3.0, 12.0] {
                let tl = timeline(cfg, lat, read_start, true, &[], &mut rng);
                assert!(tl.events.windows(2).all(|p| p[0].time <= p[1].time));
                assert_eq!(tl.end, tl.events[tl.events.len() - 1].time);

                // commit is the w-th ack
                let mut acks: Vec<f64> = tl
                    .events
                    .iter()
                    .filter(|e| e.kind == EventKind::AckArrives)
                    .map(|e| e.time)
                    .collect();
                assert_eq!(acks.len(), cfg.n as usize);
                acks.sort_by(f64::total_cmp);
                assert_eq!(tl.write_committed, Some(acks[cfg.w as usize - 1]));

                // return is the r-th response, from the listed responders
                let returned = tl.read_returned.unwrap_or(f64::NAN);
                assert_eq!(tl.responders.len(), cfg.r as usize);
                let last = tl.responders[cfg.r as usize - 1];
                assert_eq!(
                    time_of(&tl, EventKind::ReadResponseArrives, last),
                    Some(returned)
                );
                for &i in &tl.responders {
                    assert!(
                        time_of(&tl, EventKind::ReadResponseArrives, i).unwrap_or(f64::NAN)
                            <= returned
                    );
                }

                // each answer is the replica's state when the request arrived
                let mut any_new = false;
                for e in tl
                    .events
                    .iter()
                    .filter(|e| e.kind == EventKind::ReadResponseArrives)
                {
                    let i = e.replica.unwrap_or(u32::MAX);
                    let asked = time_of(&tl, EventKind::ReadRequestArrives, i).unwrap_or(f64::NAN);
                    assert_eq!(e.new_version, tl.replica_has_new(i, asked), "{cfg:?}");
                    any_new |= e.new_version && tl.responders.contains(&i);
                }
                assert_eq!(tl.read_saw_new, Some(any_new));
                let ret = tl.events.iter().find(|e| e.kind == EventKind::ReadReturned);
                assert_eq!(ret.map(|e| e.new_version), Some(any_new));
            }
        }
    }

    #[test]
    fn strict_quorum_read_after_commit_sees_new() {
        let lat = LatencyPreset::Wan.latencies();
        for seed in 0..300 {
            for cfg in all_configs(5).filter(|c| c.overlaps()) {
                let first = timeline(cfg, lat, 0.0, false, &[], &mut Rng::new(seed));
                let commit = first.write_committed.unwrap_or(f64::NAN);
                // why: the write's delays do not depend on read_start, so the
                // same seed commits at the same time.
                for after in [0.0, 1.0, 50.0] {
                    let tl = timeline(cfg, lat, commit + after, false, &[], &mut Rng::new(seed));
                    assert_eq!(tl.write_committed, Some(commit));
                    assert_eq!(tl.read_saw_new, Some(true), "{cfg:?} seed {seed}");
                }
            }
        }
    }

    #[test]
    fn read_repair_refreshes_stale_responders() {
        let lat = LatencyPreset::Disk.latencies();
        let cfg = QuorumConfig::new(5, 3, 1);
        let mut repaired_some = false;
        for seed in 0..400 {
            let plain = timeline(cfg, lat, 2.0, false, &[], &mut Rng::new(seed));
            let tl = timeline(cfg, lat, 2.0, true, &[], &mut Rng::new(seed));
            let repairs: Vec<&Event> = tl
                .events
                .iter()
                .filter(|e| e.kind == EventKind::RepairArrives)
                .collect();
            assert!(plain
                .events
                .iter()
                .all(|e| e.kind != EventKind::RepairArrives));
            // repair only adds events; everything else is unchanged
            assert_eq!(tl.events.len(), plain.events.len() + repairs.len());
            assert_eq!(tl.read_saw_new, plain.read_saw_new);
            if tl.read_saw_new == Some(true) {
                for &i in &tl.responders {
                    assert!(tl.replica_has_new(i, tl.end), "seed {seed}");
                }
                repaired_some |= !repairs.is_empty();
            } else {
                assert!(repairs.is_empty());
            }
            let returned = tl.read_returned.unwrap_or(f64::NAN);
            for e in repairs {
                assert!(e.time >= returned);
                assert!(tl.responders.contains(&e.replica.unwrap_or(u32::MAX)));
            }
        }
        assert!(repaired_some);
    }

    #[test]
    fn dead_replicas_are_silent() {
        let lat = LatencyPreset::Ssd.latencies();
        let cfg = QuorumConfig::new(5, 2, 3);
        let alive = [true, false, true, false, true];
        for seed in 0..50 {
            let tl = timeline(cfg, lat, 1.0, true, &alive, &mut Rng::new(seed));
            assert!(tl
                .events
                .iter()
                .all(|e| e.replica != Some(1) && e.replica != Some(3)));
            assert!(tl.write_committed.is_some() && tl.read_returned.is_some());
            assert!(!tl.responders.contains(&1) && !tl.responders.contains(&3));
            // live replicas keep the delays they had with everyone up
            let full = timeline(cfg, lat, 1.0, false, &[], &mut Rng::new(seed));
            for i in [0, 2, 4] {
                for kind in [EventKind::WriteArrives, EventKind::ReadResponseArrives] {
                    assert_eq!(time_of(&tl, kind, i), time_of(&full, kind, i));
                }
            }
        }
        // too few replicas: neither write nor read completes
        let tl = timeline(
            cfg,
            lat,
            1.0,
            true,
            &[false, false, false, false, true],
            &mut Rng::new(1),
        );
        assert_eq!(
            (tl.write_committed, tl.read_returned, tl.read_saw_new),
            (None, None, None)
        );
        assert!(tl.responders.is_empty());
        assert!(tl.events.iter().all(|e| e.replica == Some(4)));
        let tl = timeline(cfg, lat, 1.0, true, &[false; 5], &mut Rng::new(1));
        assert!(tl.events.is_empty());
        assert_eq!(tl.end, 0.0);
    }

    #[test]
    fn matches_wars_statistics() {
        // why: a timeline with the read issued t after commit is one WARS
        // trial, so the share of fresh reads must agree with the WARS curve.
        let lat = LatencyPreset::Disk.latencies();
        let cfg = QuorumConfig::new(3, 1, 1);
        let t = 2.0;
        let runs = 20_000u64;
        let mut fresh = 0u64;
        let mut rng = Rng::new(12);
        for _ in 0..runs {
            let mut probe = rng.fork();
            let mut again = probe.clone();
            let commit = timeline(cfg, lat, 0.0, false, &[], &mut probe)
                .write_committed
                .unwrap_or(f64::NAN);
            let tl = timeline(cfg, lat, commit + t, false, &[], &mut again);
            fresh += u64::from(tl.read_saw_new == Some(true));
        }
        let p = fresh as f64 / runs as f64;
        let want = wars::simulate(cfg, lat, 200_000, &mut Rng::new(13)).p_consistent(t);
        // why: binomial se of the timeline share plus that of the WARS estimate
        let se =
            (want * (1.0 - want) / runs as f64).sqrt() + (want * (1.0 - want) / 200_000.0).sqrt();
        assert!((p - want).abs() <= 4.0 * se, "{p} vs {want}");
        assert!(want < 0.99 && want > 0.3);
    }

    #[test]
    fn events_until_and_states() {
        let tl = timeline(
            QuorumConfig::new(3, 1, 1),
            LatencyPreset::Ssd.latencies(),
            0.5,
            false,
            &[],
            &mut Rng::new(3),
        );
        assert_eq!(tl.events.len(), 3 * 4 + 2);
        assert!(tl.events_until(-1.0).is_empty());
        assert_eq!(tl.events_until(tl.end).len(), tl.events.len());
        for e in &tl.events {
            assert!(tl.events_until(e.time).contains(e));
        }
        for i in 0..3 {
            let w = time_of(&tl, EventKind::WriteArrives, i).unwrap_or(f64::NAN);
            assert!(!tl.replica_has_new(i, w - 1e-9));
            assert!(tl.replica_has_new(i, w));
        }
    }
}
