//! The quorum widget's tour: six scenes from overlapping quorums to the
//! latency bill across regions, each caption computed from [`QuorumFacts`] at
//! the scene's state, each claim a predicate the widget's tests check.

use super::model;
use super::state::{Means, Profile, QuorumState};
use super::{ms, whole};
use crate::decimal::fixed;
use crate::kit::scene::{Layout, Line, Scene};
use crate::ui::readout::{count, percent};
use sim::quorum::timeline::EventKind;
use sim::quorum::wars::WarsResult;

/// What the staleness-over-time chart and its readouts show for one setting.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Wars {
    /// Chance a read started at the commit sees the write.
    pub fresh_at_once: f64,
    /// Time after the commit by which 99.9% of reads see it, in ms.
    pub t999: f64,
    /// Read latency, median and 99th percentile, in ms.
    pub read_p50: f64,
    /// See `read_p50`.
    pub read_p99: f64,
    /// Write latency, median and 99th percentile, in ms.
    pub write_p50: f64,
    /// See `write_p50`.
    pub write_p99: f64,
}

impl Wars {
    fn of(r: &WarsResult) -> Wars {
        Wars {
            fresh_at_once: r.p_consistent(0.0),
            t999: r.time_to(0.999),
            read_p50: r.read_percentile(0.5),
            read_p99: r.read_percentile(0.99),
            write_p50: r.write_percentile(0.5),
            write_p99: r.write_percentile(0.99),
        }
    }
}

/// What the step-by-step timeline shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// When the read starts, in ms after the write started.
    pub read_start: f64,
    /// When the write committed.
    pub committed: Option<f64>,
    /// Replicas holding the new value at the commit.
    pub holding_at_commit: u32,
    /// When the read returned.
    pub returned: Option<f64>,
    /// Whether it returned the new value.
    pub saw_new: Option<bool>,
    /// The replicas whose answers the read used, first first.
    pub responders: Vec<u32>,
    /// When the write reached each replica (`None` for a crashed one).
    pub write_arrives: Vec<Option<f64>>,
}

impl Run {
    /// When the write reached replica `i`.
    pub fn arrival(&self, i: u32) -> Option<f64> {
        self.write_arrives.get(i as usize).copied().flatten()
    }
}

/// What the quorum widget's captions say, computed by the same model
/// functions as its figures.
#[derive(Clone, Debug, PartialEq)]
pub struct QuorumFacts {
    /// Replicas, read quorum, write quorum.
    pub n: u32,
    /// See `n`.
    pub r: u32,
    /// See `n`.
    pub w: u32,
    /// Crashed replicas.
    pub failed: Vec<u32>,
    /// Replicas up.
    pub alive: u32,
    /// R + W > N.
    pub overlaps: bool,
    /// Replicas every read set shares with every write set.
    pub min_overlap: u32,
    /// Whether writes and reads can gather their quorums.
    pub can_write: bool,
    /// See `can_write`.
    pub can_read: bool,
    /// Failures writes survive (N − W) and reads survive (N − R).
    pub write_tolerates: u32,
    /// See `write_tolerates`.
    pub read_tolerates: u32,
    /// The diagram's sampled write set and read set.
    pub write_set: Vec<u32>,
    /// See `write_set`.
    pub read_set: Vec<u32>,
    /// Exact chance a read misses the latest write, and its simulation.
    pub stale: f64,
    /// See `stale`.
    pub stale_mc: f64,
    /// The simulation's standard error.
    pub stale_stderr: f64,
    /// Trials the simulation ran.
    pub trials: u64,
    /// The latency profile.
    pub profile: Profile,
    /// The four mean delays, in ms.
    pub means: Means,
    /// The largest of the four mean delays, in ms.
    pub slowest_mean: f64,
    /// The chart's setting (R, W) and the comparison's.
    pub now: Option<Wars>,
    /// See `now`.
    pub cmp: Option<Wars>,
    /// The comparison's R and W (never the setting's own).
    pub cmp_rw: (u32, u32),
    /// The timeline.
    pub run: Run,
}

impl QuorumFacts {
    /// Replicas the diagram's write set and read set share.
    pub fn shared(&self) -> Vec<u32> {
        self.write_set
            .iter()
            .copied()
            .filter(|i| self.read_set.contains(i))
            .collect()
    }
}

/// The facts of a state: every figure the captions quote.
pub fn facts(s: &QuorumState) -> QuorumFacts {
    let a = model::availability(s);
    let st = model::staleness(s);
    let (write_set, read_set) = model::sample_sets(s);
    let tl = model::timeline_of(s);
    let committed = tl.write_committed;
    let mut write_arrives = vec![None; s.n as usize];
    for e in &tl.events {
        if let (EventKind::WriteArrives, Some(i)) = (e.kind, e.replica) {
            if let Some(slot) = write_arrives.get_mut(i as usize) {
                *slot = Some(e.time);
            }
        }
    }
    let holding_at_commit = committed.map_or(0, |c| {
        (0..s.n).filter(|&i| tl.replica_has_new(i, c)).count()
    }) as u32;
    let m = s.means;
    // The chart's two runs share one set of draws, as on the page.
    let draws = model::draws(s.n, s.seed);
    let cmp_rw = model::comparison(s);
    QuorumFacts {
        n: s.n,
        r: s.r,
        w: s.w,
        failed: s.failed.clone(),
        alive: a.alive,
        overlaps: a.cfg.overlaps(),
        min_overlap: a.cfg.min_overlap(),
        can_write: a.can_write,
        can_read: a.can_read,
        write_tolerates: a.cfg.write_tolerates(),
        read_tolerates: a.cfg.read_tolerates(),
        write_set,
        read_set,
        stale: st.stale,
        stale_mc: st.stale_mc.p,
        stale_stderr: st.stale_mc.stderr,
        trials: st.stale_mc.trials,
        profile: s.profile,
        means: m,
        slowest_mean: m.write.max(m.ack).max(m.read).max(m.response),
        now: model::wars_from(&draws, s, (s.r, s.w))
            .as_ref()
            .map(Wars::of),
        cmp: cmp_rw
            .and_then(|rw| model::wars_from(&draws, s, rw))
            .as_ref()
            .map(Wars::of),
        cmp_rw: cmp_rw.unwrap_or((s.cmp_r, s.cmp_w)),
        run: Run {
            read_start: s.read_start,
            committed,
            holding_at_commit,
            returned: tl.read_returned,
            saw_new: tl.read_saw_new,
            responders: tl.responders.clone(),
            write_arrives,
        },
    }
}

/// Replica numbers as a list: "0", "0 and 2", "0, 1 and 2".
pub(super) fn list(ids: &[u32]) -> String {
    let v: Vec<String> = ids.iter().map(u32::to_string).collect();
    match v.len() {
        0 => String::new(),
        1 => v[0].clone(),
        n => format!("{} and {}", v[..n - 1].join(", "), v[n - 1]),
    }
}

/// "replica 2" or "replicas 0 and 2".
pub(super) fn replicas(ids: &[u32]) -> String {
    let noun = if ids.len() == 1 {
        "replica"
    } else {
        "replicas"
    };
    format!("{noun} {}", list(ids))
}

/// "1 replica" or "2 replicas".
pub(super) fn n_replicas(n: u32) -> String {
    format!("{n} {}", if n == 1 { "replica" } else { "replicas" })
}

/// `subject` with "is" or "are".
pub(super) fn is_are(subject: &str, n: usize) -> String {
    format!("{subject} {}", if n == 1 { "is" } else { "are" })
}

/// "1 failure" or "2 failures".
pub(super) fn failures(n: u32) -> String {
    format!("{n} {}", if n == 1 { "failure" } else { "failures" })
}

/// The setting's numbers from the chart, or zeros when there is no chart.
pub(super) fn now(f: &QuorumFacts) -> Wars {
    f.now.clone().unwrap_or_default()
}

/// The comparison's numbers, or zeros.
pub(super) fn cmp(f: &QuorumFacts) -> Wars {
    f.cmp.clone().unwrap_or_default()
}

/// The first replica whose answer the read used.
pub(super) fn first_answer(f: &QuorumFacts) -> Option<u32> {
    f.run.responders.first().copied()
}

/// The tour.
pub const SCENES: &[Scene<QuorumFacts>] = &[
    Scene {
        name: "overlap",
        title: "Overlapping quorums",
        query: "n=3&r=2&w=2&seed=2",
        layout: Layout {
            figures: &["replicas", "staleness"],
            controls: &["w", "r"],
        },
        mark: "shared",
        says: &[
            Line::Note("A write waits until W replicas have stored it; a read asks R replicas and keeps the newest version it hears."),
            Line::Claim {
                holds: |f| f.overlaps,
                text: |f| format!("Here N = {}, W = {} and R = {}. R + W = {} is more than N, so every read set shares at least {} with every write set.", f.n, f.w, f.r, f.r + f.w, n_replicas(f.min_overlap)),
            },
            Line::Claim {
                holds: |f| !f.shared().is_empty(),
                text: |f| format!("In the diagram the write reached {} and the read asked {}: {} in both, so the read hears the new value.", replicas(&f.write_set), replicas(&f.read_set), is_are(&replicas(&f.shared()), f.shared().len())),
            },
            Line::Claim {
                holds: |f| f.stale == 0.0 && f.stale_mc == 0.0,
                text: |f| format!("No read can miss the latest write: the exact chance is {}, and not one of {} simulated reads did.", percent(f.stale), count(f.trials as f64)),
            },
        ],
    },
    Scene {
        name: "one-each",
        title: "Faster, looser",
        query: "n=3&r=1&w=1&seed=2",
        layout: Layout {
            figures: &["replicas", "staleness"],
            controls: &["w", "r"],
        },
        mark: "miss",
        says: &[
            Line::Claim {
                holds: |f| !f.overlaps,
                text: |f| format!("Wait for {} and {} and the sets can miss each other: R + W = {} is not more than N = {}.", if f.w == 1 { "one ack".to_owned() } else { format!("{} acks", f.w) }, if f.r == 1 { "one reply".to_owned() } else { format!("{} replies", f.r) }, f.r + f.w, f.n),
            },
            Line::Claim {
                holds: |f| f.shared().is_empty() && !f.write_set.is_empty(),
                text: |f| format!("In the diagram they do: the write reached {}, the read asked {}.", replicas(&f.write_set), replicas(&f.read_set)),
            },
            Line::Claim {
                holds: |f| f.stale > 0.0 && (f.stale - f.stale_mc).abs() <= 4.0 * f.stale_stderr,
                text: |f| {
                    let which = if f.r == 1 { "its one replica is".to_owned() } else { format!("all {} of its replicas are", f.r) };
                    format!("If each operation goes to a random quorum, a read right after a write misses it when {which} among the {} the write skipped: exactly {} of the time. A seeded simulation of {} reads gives {}.", f.n - f.w, percent(f.stale), count(f.trials as f64), percent(f.stale_mc))
                },
            },
        ],
    },
    Scene {
        name: "slow-motion",
        title: "One write, one read, in slow motion",
        query: "n=3&r=1&w=1&seed=7&read=2",
        layout: Layout {
            figures: &["timeline"],
            controls: &["playback", "read-start"],
        },
        mark: "stale",
        says: &[
            Line::Note("Press Play or Step to replay the messages."),
            Line::Claim {
                holds: |f| f.w == 1 && f.failed.is_empty() && f.run.committed.is_some(),
                text: |f| format!("The write goes to all {} replicas and commits at {}, as soon as the first ack comes back.", f.alive, ms(f.run.committed.unwrap_or_default())),
            },
            Line::Claim {
                holds: |f| f.run.committed.is_some() && f.run.holding_at_commit < f.alive,
                text: |f| format!("At that moment only {} of the {} replicas {} the new value; the write is still on its way to the {}.", f.run.holding_at_commit, f.alive, if f.run.holding_at_commit == 1 { "holds" } else { "hold" }, if f.alive - f.run.holding_at_commit == 1 { "last one" } else { "others" }),
            },
            Line::Claim {
                holds: |f| {
                    f.r == 1
                        && f.run.saw_new == Some(false)
                        && f.run.committed.is_some_and(|c| f.run.read_start > c)
                },
                text: |f| format!("The read starts later, at {}, asks every replica and keeps the first answer. That answer comes from replica {}, which the write has not reached yet, so the read returns the old value at {}.", ms(f.run.read_start), first_answer(f).map_or_else(String::new, |i| i.to_string()), ms(f.run.returned.unwrap_or_default())),
            },
            Line::Claim {
                holds: |f| {
                    f.run.saw_new == Some(false)
                        && first_answer(f)
                            .and_then(|i| f.run.arrival(i))
                            .zip(f.run.returned)
                            .is_some_and(|(a, r)| a > r)
                },
                text: |f| {
                    let i = first_answer(f).unwrap_or_default();
                    format!("Replica {i} stores the write only at {}, after the read has gone.", ms(f.run.arrival(i).unwrap_or_default()))
                },
            },
        ],
    },
    Scene {
        name: "how-long",
        title: "Stale, for how long?",
        query: "n=3&r=1&w=1&lat=disk&cr=2&cw=2",
        layout: Layout {
            figures: &["over-time"],
            controls: &["profile"],
        },
        mark: "now",
        says: &[
            Line::Claim {
                holds: |f| f.profile == Profile::Disk && f.now.as_ref().is_some_and(|w| w.fresh_at_once < 0.9),
                text: |f| format!("On slow disks, with R = {} and W = {}, a read that starts the moment the write commits sees it only {} of the time.", f.r, f.w, percent(now(f).fresh_at_once)),
            },
            Line::Claim {
                holds: |f| f.now.as_ref().is_some_and(|w| w.fresh_at_once > 1.0 - f.stale + 0.05),
                text: |f| format!("That is not the {} chance of missing the latest write, which asks about random quorums with no delays: by the commit the write has often reached more than W replicas.", percent(f.stale)),
            },
            Line::Claim {
                holds: |f| f.profile == Profile::Disk && f.now.as_ref().is_some_and(|w| w.t999 > 0.0 && w.t999 <= 8.0 * f.slowest_mean),
                text: |f| format!("But the window soon closes: {} after the commit, 99.9% of reads see it. That is only {} times the mean delay of the slowest step, the {} disk write.", ms(now(f).t999), fixed(now(f).t999 / f.slowest_mean, 1), ms(f.slowest_mean)),
            },
            Line::Claim {
                holds: |f| f.cmp.as_ref().is_some_and(|w| w.fresh_at_once == 1.0),
                text: |f| format!("The dashed line, R = {} and W = {}, has overlapping quorums: it is at 100% from the start.", f.cmp_rw.0, f.cmp_rw.1),
            },
        ],
    },
    Scene {
        name: "replica-down",
        title: "A replica crashes",
        query: "n=3&r=2&w=2&failed=2",
        layout: Layout {
            figures: &["replicas", "availability"],
            controls: &["w", "r"],
        },
        mark: "down",
        says: &[
            Line::Claim {
                holds: |f| !f.failed.is_empty() && f.can_write && f.can_read,
                text: |f| format!("{} down. The other {} still answer, enough for W = {} and R = {}: writes and reads both go on.", capital(&is_are(&replicas(&f.failed), f.failed.len())), whole(f64::from(f.alive)), f.w, f.r),
            },
            Line::Claim {
                holds: |f| !f.failed.is_empty() && f.write_tolerates as usize == f.failed.len() && f.read_tolerates as usize == f.failed.len(),
                text: |f| format!("That was all the slack: writes survive N − W = {} and reads N − R = {}. Crash one more replica and neither quorum can be met.", failures(f.write_tolerates), failures(f.read_tolerates)),
            },
        ],
    },
    Scene {
        name: "across-regions",
        title: "Across regions",
        query: "n=5&r=1&w=1&lat=wan&cr=3&cw=3",
        layout: Layout {
            figures: &["over-time", "latency"],
            controls: &["w", "r"],
        },
        mark: "latency",
        says: &[
            Line::Claim {
                holds: |f| f.profile == Profile::Wan && f.now.is_some() && f.r == 1 && f.w == 1,
                text: |f| format!("Across regions, with R = 1 and W = 1 of {} replicas, each operation waits only for the fastest reply: reads take {} at the median and {} at the 99th percentile, writes {} and {}.", f.n, ms(now(f).read_p50), ms(now(f).read_p99), ms(now(f).write_p50), ms(now(f).write_p99)),
            },
            Line::Claim {
                holds: |f| f.cmp.as_ref().is_some_and(|c| c.read_p50 > now(f).read_p50 && c.write_p50 > now(f).write_p50),
                text: |f| format!("The dashed setting, R = {} and W = {}, waits for {} replies and {} acks: its reads take {} at the median, its writes {}.", f.cmp_rw.0, f.cmp_rw.1, f.cmp_rw.0, f.cmp_rw.1, ms(cmp(f).read_p50), ms(cmp(f).write_p50)),
            },
            Line::Claim {
                holds: |f| f.cmp.as_ref().is_some_and(|c| c.fresh_at_once == 1.0) && now(f).t999 > 0.0,
                text: |f| format!("What the wait buys: its reads see the latest write at once; with R = 1 and W = 1 only {} do, and 99.9% only {} after the commit.", percent(now(f).fresh_at_once), ms(now(f).t999)),
            },
        ],
    },
];

/// `s` with its first letter in capitals.
pub(super) fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_english() {
        assert_eq!(replicas(&[2]), "replica 2");
        assert_eq!(replicas(&[0, 1, 2]), "replicas 0, 1 and 2");
        assert_eq!(capital("replica 2"), "Replica 2");
    }

    #[test]
    fn every_scene_points_at_something_its_figures_show() {
        for sc in SCENES {
            assert!(!sc.mark.is_empty(), "{}", sc.name);
            let figures = sc.layout.figures;
            for word in sc.mark.split(' ') {
                let shows = match word {
                    "shared" | "miss" => figures.contains(&"replicas"),
                    "down" => figures.contains(&"replicas") && figures.contains(&"availability"),
                    "stale" => figures.contains(&"timeline"),
                    "now" => figures.contains(&"over-time"),
                    "latency" => figures.contains(&"latency"),
                    _ => false,
                };
                assert!(shows, "{}: {word}", sc.name);
            }
        }
    }

    #[test]
    fn the_default_timeline_commits_and_returns() {
        let f = facts(&QuorumState::default());
        assert!(f.run.committed.is_some() && f.run.returned.is_some());
        assert_eq!(f.run.responders.len(), 2);
        assert!(f.overlaps && f.stale == 0.0);
    }
}
