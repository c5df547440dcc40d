//! The queues tour: six scenes from one server near full load to hedged
//! requests, each caption computed from [`QueueFacts`] at the scene's state,
//! each claim a predicate the widget's tests check.

use super::model::{self, Closed, Compared, MS_PER_UNIT};
use super::state::{PolicyKind, QueueState};
use crate::decimal::fixed;
use crate::kit::scene::{Layout, Line, Scene};
use crate::ui::readout::count;

/// Hedging's effect, as the readouts show it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HedgeFacts {
    /// The delay before a copy is sent, ms.
    pub delay: f64,
    /// The percentile it is.
    pub percentile: u32,
    /// p99 without and with hedging, ms.
    pub p99: (f64, f64),
    /// p99.9 without and with, ms.
    pub p999: (f64, f64),
    /// Extra work the copies add, a share of the work without them.
    pub extra: f64,
}

/// What the queues captions say, computed by the same model functions as
/// the picture, the readouts and the charts.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueFacts {
    /// The policy's name.
    pub policy: String,
    /// The policy.
    pub kind: PolicyKind,
    /// Servers.
    pub servers: u32,
    /// Load, per cent.
    pub load: u32,
    /// Fan-out.
    pub fanout: u32,
    /// The first server's speed, per cent.
    pub slow: u32,
    /// Mean response time and its 95 % half-width, ms.
    pub mean: (f64, f64),
    /// Median, p99 and p99.9, ms.
    pub p50: f64,
    /// See [`QueueFacts::p50`].
    pub p99: f64,
    /// See [`QueueFacts::p50`].
    pub p999: f64,
    /// The closed form, where one holds.
    pub closed: Option<Closed>,
    /// The closed-form mean at 80 % and 99 % load, where one holds.
    pub closed_80_99: Option<(f64, f64)>,
    /// The first server's mean queue and utilisation.
    pub first: (f64, f64),
    /// The other servers' mean queue and utilisation.
    pub others: (f64, f64),
    /// Every policy at this load.
    pub compared: Vec<Compared>,
    /// One job's p99, ms, and the share of requests slower than it.
    pub job_p99: (f64, f64),
    /// `1 − 0.99^fanout`.
    pub fanout_tail: f64,
    /// The share of single jobs faster than the median request.
    pub median_rank: f64,
    /// Hedging, when on.
    pub hedge: Option<HedgeFacts>,
    /// Little's law, over jobs: mean number in the system, and their arrival
    /// rate × their mean time in the system.
    pub little: (f64, f64),
}

impl QueueFacts {
    /// The comparison's row for `p`.
    pub fn row(&self, p: PolicyKind) -> Option<&Compared> {
        self.compared.iter().find(|c| c.policy == p)
    }
}

/// The mean of a server's sampled queue lengths.
fn mean_queue(q: &[u32]) -> f64 {
    if q.is_empty() {
        0.0
    } else {
        q.iter().map(|&x| f64::from(x)).sum::<f64>() / q.len() as f64
    }
}

/// The facts of a state.
pub fn facts(s: &QueueState) -> QueueFacts {
    let out = model::run(s);
    let r = &out.report;
    let sm = r.summary;
    let first = (
        r.queue_lengths.first().map_or(0.0, |q| mean_queue(q)),
        r.utilisation.first().copied().unwrap_or(0.0),
    );
    let rest = r.queue_lengths.len().saturating_sub(1).max(1) as f64;
    let others = (
        r.queue_lengths
            .iter()
            .skip(1)
            .map(|q| mean_queue(q))
            .sum::<f64>()
            / rest,
        r.utilisation.iter().skip(1).sum::<f64>()
            / (r.utilisation.len().saturating_sub(1).max(1)) as f64,
    );
    let job_p99 = model::job_quantile(r, 0.99);
    let p50 = sm.p50 * MS_PER_UNIT;
    let jobs: Vec<f64> = r
        .jobs
        .iter()
        .filter(|j| !j.hedge)
        .map(|j| (j.finish - j.sent) * MS_PER_UNIT)
        .collect();
    let median_rank = if jobs.is_empty() {
        0.0
    } else {
        jobs.iter().filter(|&&l| l < p50).count() as f64 / jobs.len() as f64
    };
    let closed = model::closed_at(s, s.policy, s.load);
    let closed_80_99 = model::closed_at(s, s.policy, 80)
        .zip(model::closed_at(s, s.policy, 99))
        .map(|(a, b)| (a.mean, b.mean));
    QueueFacts {
        policy: s.policy_name(),
        kind: s.policy,
        servers: s.servers,
        load: s.load,
        fanout: s.fanout,
        slow: s.slow,
        mean: (sm.mean * MS_PER_UNIT, sm.mean_half_width * MS_PER_UNIT),
        p50,
        p99: sm.p99 * MS_PER_UNIT,
        p999: sm.p999 * MS_PER_UNIT,
        closed,
        closed_80_99,
        first,
        others,
        compared: model::compare(s),
        job_p99: (job_p99, model::share_slower(r, job_p99)),
        fanout_tail: sim::queue::closed::fanout_tail(0.01, s.fanout),
        median_rank,
        hedge: out.hedge.map(|e| HedgeFacts {
            delay: e.delay * MS_PER_UNIT,
            percentile: s.hedge,
            p99: (e.without.p99 * MS_PER_UNIT, e.with.p99 * MS_PER_UNIT),
            p999: (e.without.p999 * MS_PER_UNIT, e.with.p999 * MS_PER_UNIT),
            extra: e.extra_load(),
        }),
        little: (sm.mean_in_system, sm.job_rate * sm.mean_job_time),
    }
}

/// Milliseconds for a caption: whole past 100, one decimal below.
pub fn ms(v: f64) -> String {
    if v >= 100.0 {
        format!("{} ms", count(v))
    } else {
        format!("{} ms", fixed(v, 1))
    }
}

/// A share as a whole percentage.
pub(super) fn pct(v: f64) -> String {
    format!("{} %", fixed(v * 100.0, 0))
}

/// Whether the simulated mean agrees with the closed form within three
/// half-widths of its 95 % interval (or 15 % for a large-system limit).
pub fn agrees(f: &QueueFacts) -> bool {
    f.closed.as_ref().is_some_and(|c| {
        if c.exact {
            (f.mean.0 - c.mean).abs() <= 3.0 * f.mean.1.max(1e-9)
        } else {
            (f.mean.0 - c.mean).abs() <= 0.15 * c.mean
        }
    })
}

/// How much of the mean's gap from random to least outstanding this
/// policy closes.
pub(super) fn gap_closed(f: &QueueFacts) -> Option<f64> {
    let (r, l) = (f.row(PolicyKind::Random)?, f.row(PolicyKind::Least)?);
    let c = f.row(PolicyKind::Choices)?;
    (r.mean > l.mean).then(|| (r.mean - c.mean) / (r.mean - l.mean))
}

const PICTURE_FIRST: Layout = Layout {
    figures: &["picture", "queues"],
    controls: &["policy", "slow"],
};

/// The tour.
pub static SCENES: &[Scene<QueueFacts>] = &[
    Scene {
        name: "one-server",
        title: "One server: why 90 % busy means ten times the wait",
        query: "servers=1&load=90&requests=100000",
        layout: Layout {
            figures: &["curve", "picture"],
            controls: &["load"],
        },
        mark: "knee",
        says: &[
            Line::Claim {
                holds: |f| agrees(f) && f.mean.0 >= 5.0 * MS_PER_UNIT,
                text: |f| format!(
                    "At {} % busy a request spends {} in the system on average, {}× its 10 ms of work. The M/M/1 formula, 10 ms ÷ (1 − {}), gives {}.",
                    f.load,
                    ms(f.mean.0),
                    fixed(f.mean.0 / MS_PER_UNIT, 1),
                    fixed(f64::from(f.load) / 100.0, 2),
                    ms(f.closed.as_ref().map_or(0.0, |c| c.mean)),
                ),
            },
            Line::Claim {
                holds: |f| f.closed_80_99.is_some_and(|(a, b)| b > 5.0 * a),
                text: |f| {
                    let (a, b) = f.closed_80_99.unwrap_or_default();
                    format!(
                        "The curve bends up near full load: {} at 80 %, {} at 99 %.",
                        ms(a),
                        ms(b)
                    )
                },
            },
            Line::Claim {
                holds: |f| f.p99 > 3.0 * f.mean.0,
                text: |f| format!("One request in a hundred takes longer than {}.", ms(f.p99)),
            },
        ],
    },
    Scene {
        name: "slow-server",
        title: "A slow server and round robin",
        query: "policy=round-robin&slow=30&load=70&at=90",
        layout: PICTURE_FIRST,
        mark: "slow",
        says: &[
            Line::Claim {
                holds: |f| f.kind == PolicyKind::RoundRobin && f.slow < 100 && f.first.1 > 0.99 && f.first.0 > 10.0 * f.others.0.max(0.1),
                text: |f| format!(
                    "S1 runs at {} % of the others' speed, yet round robin still sends it one request in {}. It is busy {} of the time and its line grows without end: {} requests on average, against {} at the others.",
                    f.slow,
                    f.servers,
                    pct(f.first.1),
                    fixed(f.first.0, 0),
                    fixed(f.others.0, 1),
                ),
            },
            Line::Claim {
                holds: |f| f.p99 > 10.0 * f.p50,
                text: |f| format!(
                    "The median request takes {}, but the requests stuck behind S1 push the p99 to {}.",
                    ms(f.p50),
                    ms(f.p99)
                ),
            },
        ],
    },
    Scene {
        name: "least-outstanding",
        title: "Least outstanding steers around it",
        query: "policy=least&slow=30&load=70&at=90",
        layout: Layout {
            figures: &["picture", "compare"],
            controls: &["policy"],
        },
        mark: "slow",
        says: &[
            Line::Note("Least outstanding sends each request to the server with the fewest requests in progress."),
            Line::Claim {
                holds: |f| f.kind == PolicyKind::Least && f.slow < 100 && f.first.0 < 3.0,
                text: |f| format!(
                    "S1 finishes fewer, so it is sent fewer: its line holds {} requests on average.",
                    fixed(f.first.0, 1)
                ),
            },
            Line::Claim {
                holds: |f| {
                    f.row(PolicyKind::RoundRobin)
                        .zip(f.row(PolicyKind::Least))
                        .is_some_and(|(rr, l)| rr.p99 > 5.0 * l.p99)
                },
                text: |f| format!(
                    "Over the same arrivals the p99 falls from {} under round robin to {}.",
                    ms(f.row(PolicyKind::RoundRobin).map_or(0.0, |r| r.p99)),
                    ms(f.row(PolicyKind::Least).map_or(0.0, |r| r.p99))
                ),
            },
        ],
    },
    Scene {
        name: "two-choices",
        title: "Two random choices, almost as good as knowing everything",
        query: "policy=choices&d=2&servers=100&load=90",
        layout: Layout {
            figures: &["curve", "compare"],
            controls: &["policy", "d"],
        },
        mark: "choices",
        says: &[
            Line::Claim {
                holds: |f| f.kind == PolicyKind::Choices && gap_closed(f).is_some_and(|g| g >= 0.6),
                text: |f| format!(
                    "At {} % load a random server gives a mean of {}. The shorter of two random queues gives {}: {} of the way to the {} of least outstanding, which knows every queue.",
                    f.load,
                    ms(f.row(PolicyKind::Random).map_or(0.0, |r| r.mean)),
                    ms(f.row(PolicyKind::Choices).map_or(0.0, |r| r.mean)),
                    pct(gap_closed(f).unwrap_or(0.0)),
                    ms(f.row(PolicyKind::Least).map_or(0.0, |r| r.mean)),
                ),
            },
            Line::Claim {
                holds: |f| {
                    let (r, l, c) = (f.row(PolicyKind::Random), f.row(PolicyKind::Least), f.row(PolicyKind::Choices));
                    f.kind == PolicyKind::Choices
                        && r.zip(l).zip(c).is_some_and(|((r, l), c)| c.p99 < 0.5 * r.p99 && c.p99 < 3.0 * l.p99)
                },
                text: |f| format!(
                    "The tail shrinks too: p99 {} against {} at random and {} for least outstanding.",
                    ms(f.row(PolicyKind::Choices).map_or(0.0, |r| r.p99)),
                    ms(f.row(PolicyKind::Random).map_or(0.0, |r| r.p99)),
                    ms(f.row(PolicyKind::Least).map_or(0.0, |r| r.p99)),
                ),
            },
            Line::Claim {
                holds: |f| agrees(f) && f.closed.as_ref().is_some_and(|c| !c.exact),
                text: |f| format!(
                    "Mitzenmacher's supermarket model, the limit as servers grow without bound, predicts {}.",
                    ms(f.closed.as_ref().map_or(0.0, |c| c.mean))
                ),
            },
        ],
    },
    Scene {
        name: "fan-out",
        title: "Fan-out: the tail becomes the median",
        query: "servers=100&fanout=50&load=50&requests=4000",
        layout: Layout {
            figures: &["dist", "picture"],
            controls: &["fanout"],
        },
        mark: "fanout",
        says: &[
            Line::Claim {
                holds: |f| f.fanout > 1 && f.job_p99.1 >= 0.2 && (f.job_p99.1 - f.fanout_tail).abs() < 0.1,
                text: |f| format!(
                    "Each request waits for all {} of its jobs. One job is slower than {} once in a hundred, yet {} of requests are. Were a request's jobs independent, 1 − 0.99^{} = {} would be; they arrive together, so their luck is shared a little.",
                    f.fanout,
                    ms(f.job_p99.0),
                    pct(f.job_p99.1),
                    f.fanout,
                    pct(f.fanout_tail),
                ),
            },
            Line::Claim {
                holds: |f| f.fanout > 1 && f.median_rank >= 0.95,
                text: |f| format!(
                    "The median request ({}) is slower than {} of single jobs: one job's tail is now the typical request.",
                    ms(f.p50),
                    pct(f.median_rank)
                ),
            },
        ],
    },
    Scene {
        name: "hedging",
        title: "Hedging: the tail for a few per cent more load",
        query: "hedge=95&work=lognormal&load=40&policy=least",
        layout: Layout {
            figures: &["dist", "compare"],
            controls: &["hedge"],
        },
        mark: "hedge",
        says: &[
            Line::Note("A hedged request sends a second copy when the first is slow to answer, and takes whichever answers first."),
            Line::Claim {
                holds: |f| f.hedge.as_ref().is_some_and(|h| h.p99.1 < 0.8 * h.p99.0),
                text: |f| {
                    let h = f.hedge.clone().unwrap_or_default();
                    format!(
                        "With a copy sent after {} (one job's {}th percentile), the p99 falls from {} to {}.",
                        ms(h.delay),
                        h.percentile,
                        ms(h.p99.0),
                        ms(h.p99.1)
                    )
                },
            },
            Line::Claim {
                holds: |f| f.hedge.as_ref().is_some_and(|h| h.extra < 0.15),
                text: |f| format!(
                    "The copies cost {} more work.",
                    pct(f.hedge.as_ref().map_or(0.0, |h| h.extra))
                ),
            },
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn littles_law_holds_at_every_scene() {
        for sc in SCENES {
            let q = crate::embed::query::Query::parse(sc.query);
            let mut r = crate::embed::query::Reader::new(&q);
            let s = QueueState::from_query(&mut r);
            let f = facts(&s);
            let (l, lw) = f.little;
            assert!(
                (l - lw).abs() <= 1e-6 * l.max(1.0),
                "{}: {l} vs {lw}",
                sc.name
            );
        }
    }
}
