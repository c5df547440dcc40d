//! The rate limiters' tour: seven scenes from one bursty stream to a central
//! counter, each caption computed from [`RateFacts`] at the scene's state,
//! each claim a predicate the widget's tests check.

use super::model::{self, ms};
use super::state::{RateState, Share, Source};
use crate::kit::scene::{Layout, Line, Scene};
use crate::ui::readout::{count, ratio};
use sim::rate_limit::traffic::TrafficKind;
use sim::rate_limit::AlgorithmKind;

/// One algorithm's numbers, as its lane and its row of the table show them.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneFacts {
    /// The algorithm.
    pub kind: AlgorithmKind,
    /// Requests let through.
    pub accepted: u64,
    /// Requests refused.
    pub rejected: u64,
    /// The most of one client's requests let through in any window of W.
    pub max_in_window: u32,
    /// Requests of the focus (the spike, or the half after the boundary) let through.
    pub focus: u64,
    /// The longest wait of a request of the focus, ms (the queue only).
    pub focus_wait_ms: f64,
    /// Requests let through per client.
    pub per_client: Vec<u64>,
    /// Let through and refused up to the live clock (everything when it is off).
    pub so_far: (u64, u64),
}

/// What several gateways sharing one limit let through.
#[derive(Clone, Debug, PartialEq)]
pub struct GatewayFacts {
    /// Gateways.
    pub k: u32,
    /// How they share.
    pub share: Share,
    /// Let through.
    pub accepted: u64,
    /// What one counter seeing every request lets through.
    pub ideal: u64,
    /// The most let through in one window of W.
    pub worst: u32,
    /// `worst / L`.
    pub over: f64,
    /// What each request waits for the decision, ms.
    pub latency_ms: f64,
    /// Messages exchanged.
    pub messages: u64,
}

/// What the rate limiters' captions say, computed by the same model
/// functions as the lanes, the table and the gateways panel.
#[derive(Clone, Debug, PartialEq)]
pub struct RateFacts {
    /// L.
    pub limit: u32,
    /// W, in ms.
    pub window_ms: u32,
    /// The buckets' burst.
    pub burst: u32,
    /// The generator, or `None` for requests fired by hand or imported.
    pub kind: Option<TrafficKind>,
    /// Mean arrival rate, per second (the background for a spike, the
    /// noisiest client for several).
    pub rate: f64,
    /// On/off: on and off periods, ms.
    pub on_off_ms: (u32, u32),
    /// Spike: when (s), how many, over how long (ms).
    pub spike: (f64, u32, u32),
    /// Boundary attack: how far each half spreads, ms.
    pub spread_ms: u32,
    /// Requests in the stream.
    pub requests: usize,
    /// From the first request to the last, ms.
    pub span_ms: f64,
    /// Length of the stream's time axis, ms.
    pub end_ms: f64,
    /// The most requests offered in any window of W.
    pub offered_max: u32,
    /// Requests in the focus: the spike, or the half after the boundary.
    pub focus_offered: u64,
    /// Requests offered per client.
    pub offered_per_client: Vec<u64>,
    /// Each algorithm shown, in [`AlgorithmKind::ALL`] order.
    pub lanes: Vec<LaneFacts>,
    /// The token bucket and GCRA let through exactly the same requests.
    pub bucket_is_gcra: bool,
    /// The queue lets through exactly the requests GCRA does.
    pub queue_is_gcra: bool,
    /// The live clock is on.
    pub live: bool,
    /// The clock, ms.
    pub t_ms: f64,
    /// Requests that have arrived by the clock.
    pub arrived: usize,
    /// Sync interval, ms.
    pub sync_ms: u32,
    /// Round trip to the central counter, ms.
    pub rtt_ms: f64,
    /// The gateways' figures.
    pub gateways: GatewayFacts,
}

impl RateFacts {
    /// An algorithm's lane, if shown.
    pub fn lane(&self, k: AlgorithmKind) -> Option<&LaneFacts> {
        self.lanes.iter().find(|l| l.kind == k)
    }

    /// A number of an algorithm's lane (0 when it is not shown).
    fn of<T: Default>(&self, k: AlgorithmKind, f: fn(&LaneFacts) -> T) -> T {
        self.lane(k).map(f).unwrap_or_default()
    }

    /// Whether every one of `kinds` is shown.
    fn shows(&self, kinds: &[AlgorithmKind]) -> bool {
        kinds.iter().all(|k| self.lane(*k).is_some())
    }
}

/// The requests of the focus: the spike's, or those from the boundary on.
fn focus(s: &RateState) -> Option<(u64, u64)> {
    match s.source {
        Source::Generated(TrafficKind::Spike) => {
            let at = (s.spike_at.max(0.0) * 1e6).round() as u64;
            Some((at, at + u64::from(s.spike_ms.max(1)) * 1000))
        }
        Source::Generated(TrafficKind::Boundary) => {
            let w = u64::from(s.window_ms) * 1000;
            Some((w, 2 * w))
        }
        _ => None,
    }
}

/// The facts of a state: every figure the captions quote. Requests fired by
/// hand or imported live in the page, not in the state, so their facts are
/// those of an empty stream.
pub fn facts(s: &RateState) -> RateFacts {
    let stream = model::stream(s, &[], None);
    let run = model::run_all(s, &stream);
    let visible = if s.live {
        let t = (s.t_ms * 1000.0).round() as u64;
        stream.times.partition_point(|&x| x <= t)
    } else {
        stream.requests.len()
    };
    let so_far = model::so_far(&run, visible);
    let clients = stream
        .requests
        .iter()
        .map(|r| r.client as usize + 1)
        .max()
        .unwrap_or(0)
        .min(8);
    let mut offered_per_client = vec![0u64; clients];
    for r in &stream.requests {
        if let Some(c) = offered_per_client.get_mut(r.client as usize) {
            *c += 1;
        }
    }
    let range = focus(s);
    let in_focus = |t: u64| range.is_some_and(|(lo, hi)| (lo..hi).contains(&t));
    let focus_offered = stream.times.iter().filter(|&&t| in_focus(t)).count() as u64;
    let lanes = run
        .lanes
        .iter()
        .zip(so_far)
        .map(|(l, so_far)| {
            let mut per_client = vec![0u64; clients];
            let (mut focus, mut focus_wait) = (0, 0);
            for (i, (r, &ok)) in stream.requests.iter().zip(&l.accepted).enumerate() {
                if ok {
                    if let Some(c) = per_client.get_mut(r.client as usize) {
                        *c += 1;
                    }
                    if in_focus(r.t_us) {
                        focus += 1;
                        focus_wait = focus_wait.max(l.delays_us.get(i).copied().unwrap_or(0));
                    }
                }
            }
            LaneFacts {
                kind: l.kind,
                accepted: l.summary.accepted,
                rejected: l.summary.rejected,
                max_in_window: l.summary.max_in_window,
                focus,
                focus_wait_ms: focus_wait as f64 / 1000.0,
                per_client,
                so_far,
            }
        })
        .collect();
    let decisions = |k: AlgorithmKind| run.lanes.iter().find(|l| l.kind == k).map(|l| &l.accepted);
    let same = |a, b| decisions(a).is_some() && decisions(a) == decisions(b);
    let report = model::distributed_report(s, &stream);
    RateFacts {
        limit: run.params.limit,
        window_ms: s.window_ms,
        burst: run.params.burst,
        kind: match s.source {
            Source::Generated(k) => Some(k),
            _ => None,
        },
        rate: s.rate,
        on_off_ms: (s.on_ms, s.off_ms),
        spike: (s.spike_at, s.spike_count, s.spike_ms),
        spread_ms: s.spread_ms,
        requests: stream.requests.len(),
        span_ms: match (stream.times.first(), stream.times.last()) {
            (Some(a), Some(b)) => (b - a) as f64 / 1000.0,
            _ => 0.0,
        },
        end_ms: stream.end_us as f64 / 1000.0,
        offered_max: run.offered_max_in_window,
        focus_offered,
        offered_per_client,
        lanes,
        bucket_is_gcra: same(AlgorithmKind::TokenBucket, AlgorithmKind::Gcra),
        queue_is_gcra: same(AlgorithmKind::LeakyQueue, AlgorithmKind::Gcra),
        live: s.live,
        t_ms: s.t_ms,
        arrived: visible,
        sync_ms: s.sync_ms,
        rtt_ms: s.rtt_ms,
        gateways: GatewayFacts {
            k: report.gateways,
            share: s.share,
            accepted: report.accepted,
            ideal: report.ideal_accepted,
            worst: report.worst_window,
            over: report.over_ratio,
            latency_ms: report.added_latency_us as f64 / 1000.0,
            messages: report.messages,
        },
    }
}

use AlgorithmKind::{FixedWindow, LeakyQueue, SlidingCounter, SlidingLog, TokenBucket};

/// A small count as a word at the start of a sentence ("Eight"), a larger one in digits.
fn cap(n: u64) -> String {
    const WORDS: [&str; 11] = [
        "No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
    ];
    WORDS
        .get(n as usize)
        .map_or_else(|| count(n as f64), |w| (*w).to_owned())
}

/// A rate or a setting as a short number ("5", "2.5").
fn num(v: f64) -> String {
    crate::decimal::shortest(v)
}

/// "per second", or "per 2 s".
fn per(f: &RateFacts) -> String {
    if f.window_ms == 1000 {
        "per second".to_owned()
    } else {
        format!("per {}", model::ms_label(f64::from(f.window_ms)))
    }
}

/// "second", or "2 s window": what "any …" and "the worst …" count over.
fn window(f: &RateFacts) -> String {
    if f.window_ms == 1000 {
        "second".to_owned()
    } else {
        format!("{} window", model::ms_label(f64::from(f.window_ms)))
    }
}

/// Tokens a bucket gains over `ms`, rounded up, plus the one in hand.
fn refill(f: &RateFacts, ms: f64) -> u64 {
    (ms * f64::from(f.limit) / f64::from(f.window_ms)).ceil() as u64 + 1
}

/// Requests of clients other than the first, and how many of them a lane let through.
fn quiet(f: &RateFacts, k: AlgorithmKind) -> (u64, u64) {
    let offered = f.offered_per_client.iter().skip(1).sum();
    let through = f.of(k, |l| l.per_client.iter().skip(1).sum());
    (offered, through)
}

/// The first client's count.
fn first(v: &[u64]) -> u64 {
    v.first().copied().unwrap_or(0)
}

/// What the lanes show; the table is part of the same figure.
const LANES: Layout = Layout {
    figures: &["lanes"],
    controls: &["limit"],
};

/// The tour.
pub const SCENES: &[Scene<RateFacts>] = &[
    Scene {
        name: "one-stream-six-limiters",
        title: "One stream, six limiters",
        query: "traffic=onoff&rate=30&on=1000&off=1500&limit=10&window=1000&seed=1",
        layout: LANES,
        mark: "token gcra leaky log fixed",
        says: &[
            Line::Claim {
                holds: |f| f.kind == Some(TrafficKind::OnOff),
                text: |f| format!("{} requests arrive in bursts: about {} a second for {}, then {} of quiet. The limit is {} {}.", count(f.requests as f64), num(f.rate), model::ms_label(f64::from(f.on_off_ms.0)), model::ms_label(f64::from(f.on_off_ms.1)), count(f64::from(f.limit)), per(f)),
            },
            Line::Note("Each lane sends those same requests through a different algorithm."),
            Line::Claim {
                holds: |f| f.bucket_is_gcra,
                text: |f| format!("The token bucket and GCRA decide every request the same way: each lets {} through.", count(f.of(TokenBucket, |l| l.accepted) as f64)),
            },
            Line::Claim {
                holds: |f| f.shows(&[SlidingLog, LeakyQueue, FixedWindow]) && f.of(SlidingLog, |l| l.max_in_window) <= f.limit && f.of(LeakyQueue, |l| l.max_in_window) <= f.limit && f.of(FixedWindow, |l| l.max_in_window) > f.limit,
                text: |f| format!("The sliding log and the queue never let more than {} through in any {}; the fixed window lets {} through within one, because its count starts over at each boundary.", count(f64::from(f.limit)), window(f), f.of(FixedWindow, |l| l.max_in_window)),
            },
        ],
    },
    Scene {
        name: "the-window-edge",
        title: "The window edge",
        query: "traffic=boundary&limit=10&window=1000&spread=100&zoom=800,1200",
        layout: Layout {
            figures: &["lanes"],
            controls: &["spread", "zoom"],
        },
        mark: "fixed log sliding token gcra",
        says: &[
            Line::Claim {
                holds: |f| f.kind == Some(TrafficKind::Boundary),
                text: |f| {
                    let spread = model::ms_label(f64::from(f.spread_ms));
                    format!("{} requests arrive in the {spread} before a window boundary, and {} more in the {spread} after it.", cap(u64::from(f.limit)), count(f64::from(f.limit)))
                },
            },
            Line::Claim {
                holds: |f| f.requests == 2 * f.limit as usize && f.of(FixedWindow, |l| l.accepted) == f.requests as u64 && f.of(FixedWindow, |l| l.max_in_window) as usize == f.requests,
                text: |f| format!("The fixed window lets all {} through within {}: twice the limit, because its count starts again at the boundary.", count(f.requests as f64), ms(f.span_ms)),
            },
            Line::Claim {
                holds: |f| f.shows(&[SlidingLog, SlidingCounter]) && f.focus_offered > 0 && f.of(SlidingLog, |l| l.focus) == 0 && f.of(SlidingCounter, |l| l.focus) == 0,
                text: |f| format!("The sliding log and the sliding counter still count the first {}, so they refuse all {} that come after the boundary.", count(f64::from(f.limit)), count(f.focus_offered as f64)),
            },
            Line::Claim {
                holds: |f| f.bucket_is_gcra && f.of(TokenBucket, |l| l.focus) < f.focus_offered && f.of(TokenBucket, |l| l.focus) <= refill(f, f.span_ms),
                text: |f| format!("The token bucket and GCRA let only {} of those through: the first {} spent the bucket's tokens, and it refills at {} {}.", count(f.of(TokenBucket, |l| l.focus) as f64), count(f64::from(f.limit)), count(f64::from(f.limit)), per(f)),
            },
        ],
    },
    Scene {
        name: "room-for-a-burst",
        title: "Room for a burst",
        query: "traffic=spike&rate=5&at=4&count=40&width=200&limit=10&window=1000&burst=20&seed=1",
        layout: Layout {
            figures: &["lanes"],
            controls: &["burst"],
        },
        mark: "token gcra leaky",
        says: &[
            Line::Claim {
                holds: |f| f.kind == Some(TrafficKind::Spike),
                text: |f| format!("A quiet stream of about {} requests a second, and at {} s a spike of {} within {}.", num(f.rate), num(f.spike.0), count(f64::from(f.spike.1)), model::ms_label(f64::from(f.spike.2))),
            },
            Line::Claim {
                holds: |f| {
                    let got = f.of(TokenBucket, |l| l.focus);
                    f.bucket_is_gcra && got >= u64::from(f.burst) && got <= u64::from(f.burst) + refill(f, f64::from(f.spike.2)) && got < f.focus_offered
                },
                text: |f| format!("The token bucket and GCRA let {} of the spike's {} through: the {} tokens a full bucket holds, and the few that refill during the spike.", count(f.of(TokenBucket, |l| l.focus) as f64), count(f.focus_offered as f64), count(f64::from(f.burst))),
            },
            Line::Claim {
                holds: |f| f.queue_is_gcra && f.of(LeakyQueue, |l| l.focus_wait_ms) > 0.0,
                text: |f| format!("The queue lets in exactly the same requests but lets them out evenly, one every {}, so part of the spike waits as long as {}.", ms(f64::from(f.window_ms) / f64::from(f.limit)), ms(f.of(LeakyQueue, |l| l.focus_wait_ms))),
            },
            Line::Claim {
                holds: |f| f.shows(&[FixedWindow, SlidingLog, SlidingCounter]) && [FixedWindow, SlidingLog, SlidingCounter].iter().all(|k| f.of(*k, |l| l.focus) <= u64::from(f.limit)),
                text: |f| format!("The three window counters have no room for a burst: none lets more than {} of the spike through.", count(f64::from(f.limit))),
            },
        ],
    },
    Scene {
        name: "on-a-live-clock",
        title: "On a live clock",
        query: "traffic=poisson&rate=15&limit=10&window=1000&live=1&t=4000&seed=1",
        layout: Layout {
            figures: &["lanes"],
            controls: &["clock"],
        },
        mark: "log token",
        says: &[
            Line::Claim {
                holds: |f| f.kind == Some(TrafficKind::Poisson),
                text: |f| format!("A steady stream of about {} requests a second meets a limit of {} {}: {} requests over {}.", num(f.rate), count(f64::from(f.limit)), per(f), count(f.requests as f64), model::ms_label(f.end_ms)),
            },
            Line::Claim {
                holds: |f| f.live && f.arrived > 0 && f.shows(&[SlidingLog, TokenBucket]),
                text: |f| {
                    let (log_in, log_out) = f.of(SlidingLog, |l| l.so_far);
                    let (tb_in, tb_out) = f.of(TokenBucket, |l| l.so_far);
                    format!("With the clock at {}, {} have arrived: so far the sliding log has let {} through and refused {}, while the token bucket has let {} through and refused {}.", ms(f.t_ms), count(f.arrived as f64), count(log_in as f64), count(log_out as f64), count(tb_in as f64), count(tb_out as f64))
                },
            },
            Line::Note("Press Play, or step from one request to the next, and watch the trace under each lane: tokens draining and refilling, the queue filling, counts starting over at every window."),
        ],
    },
    Scene {
        name: "one-noisy-client",
        title: "One noisy client",
        query: "traffic=clients&clients=4&rate=20&limit=10&window=1000&seed=1",
        layout: Layout {
            figures: &["lanes"],
            controls: &["clients"],
        },
        mark: "token log",
        says: &[
            Line::Claim {
                holds: |f| f.kind == Some(TrafficKind::Clients) && f.offered_per_client.len() > 1,
                text: |f| format!("{} clients, each with a limiter of its own: client 0 sends about {} requests a second, the other {} about {} each.", cap(f.offered_per_client.len() as u64), num(f.rate), f.offered_per_client.len() - 1, num(f.rate / 4.0)),
            },
            Line::Claim {
                holds: |f| {
                    let (offered, through) = quiet(f, TokenBucket);
                    f.lane(TokenBucket).is_some() && offered > 0 && through == offered && f.of(TokenBucket, |l| first(&l.per_client)) < first(&f.offered_per_client)
                },
                text: |f| format!("The token bucket holds client 0 to {} of its {} requests and lets all {} of the others' through.", count(f.of(TokenBucket, |l| first(&l.per_client)) as f64), count(first(&f.offered_per_client) as f64), count(quiet(f, TokenBucket).0 as f64)),
            },
            Line::Claim {
                holds: |f| {
                    let (offered, through) = quiet(f, SlidingLog);
                    f.lane(SlidingLog).is_some() && through < offered
                },
                text: |f| {
                    let (offered, through) = quiet(f, SlidingLog);
                    format!("The sliding log is stricter: it also refuses {} of the quiet clients' requests, where their random arrivals bunch up to more than {} in a {}.", count(offered.saturating_sub(through) as f64), count(f64::from(f.limit)), window(f))
                },
            },
        ],
    },
    Scene {
        name: "many-gateways-one-limit",
        title: "Many gateways, one limit",
        query: "traffic=poisson&rate=30&limit=10&window=1000&k=8&share=sync&sync=500&seed=1",
        layout: Layout {
            figures: &["gateways"],
            controls: &["k", "sync"],
        },
        mark: "gateways",
        says: &[
            Line::Claim {
                holds: |f| f.gateways.share == Share::Sync && f.gateways.k > 1 && f.sync_ms > 0,
                text: |f| format!("{} gateways enforce one limit of {} {}, taking the requests in turn and exchanging counts every {}.", cap(u64::from(f.gateways.k)), count(f64::from(f.limit)), per(f), model::ms_label(f64::from(f.sync_ms))),
            },
            Line::Claim {
                holds: |f| f.gateways.accepted > f.gateways.ideal && f.gateways.worst > f.limit,
                text: |f| format!("Between exchanges each knows only its own count, so together they let through {} requests where one counter would allow {}: {} in the worst {}, {}× the limit.", count(f.gateways.accepted as f64), count(f.gateways.ideal as f64), count(f64::from(f.gateways.worst)), window(f), ratio(f.gateways.over)),
            },
            Line::Claim {
                holds: |f| f.gateways.over <= f64::from(f.gateways.k),
                text: |f| format!("At worst each gateway spends a whole limit before it hears from the others, so one window could see up to {}× the limit.", f.gateways.k),
            },
        ],
    },
    Scene {
        name: "a-central-counter",
        title: "A central counter",
        query: "traffic=poisson&rate=30&limit=10&window=1000&k=8&share=central&rtt=20&atomic=1&seed=1",
        layout: Layout {
            figures: &["gateways"],
            controls: &["share", "rtt"],
        },
        mark: "gateways",
        says: &[
            Line::Claim {
                holds: |f| f.gateways.share == Share::Central,
                text: |f| format!("Now all {} gateways ask one central counter, which adds and checks in a single call.", f.gateways.k),
            },
            Line::Claim {
                holds: |f| f.gateways.accepted == f.gateways.ideal && f.gateways.worst <= f.limit,
                text: |f| format!("That is exact: {} let through, as many as one counter allows, and never more than {} in a {}.", count(f.gateways.accepted as f64), count(f64::from(f.limit)), window(f)),
            },
            Line::Claim {
                holds: |f| f.gateways.latency_ms > 0.0 && f.gateways.messages == 2 * f.requests as u64,
                text: |f| format!("The price is a {} round trip before every decision, and {} messages, two per request.", ms(f.gateways.latency_ms), count(f.gateways.messages as f64)),
            },
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_read_as_words() {
        let (state, _) = crate::kit::read_state::<super::super::RateLimitWidget>(
            &crate::embed::query::Query::parse("traffic=boundary&window=2000"),
        );
        let f = facts(&state);
        assert_eq!(
            (per(&f), window(&f)),
            ("per 2 s".into(), "2 s window".into())
        );
        assert_eq!(cap(8), "Eight");
        assert_eq!(cap(12), "12");
        assert_eq!(f.requests, 2 * f.limit as usize);
    }
}
