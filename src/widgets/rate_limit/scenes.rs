//! The rate limiters' tour: seven scenes from one bursty stream to a central
//! counter, each caption computed from [`RateFacts`] at the scene's state,
//! each claim a predicate the widget's tests check.

use super::facts::RateFacts;
use super::model::{self, ms};
use super::state::Share;
use crate::kit::scene::{Layout, Line, Scene};
use crate::ui::readout::{count, ratio};
use sim::rate_limit::traffic::TrafficKind;
use sim::rate_limit::AlgorithmKind;
use AlgorithmKind::{FixedWindow, LeakyQueue, SlidingCounter, SlidingLog, TokenBucket};

/// A small count as a word at the start of a sentence ("Eight"), a larger one in digits.
pub(super) fn cap(n: u64) -> String {
    const WORDS: [&str; 11] = [
        "No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
    ];
    WORDS
        .get(n as usize)
        .map_or_else(|| count(n as f64), |w| (*w).to_owned())
}

/// A rate or a setting as a short number ("5", "2.5").
pub(super) fn num(v: f64) -> String {
    crate::decimal::shortest(v)
}

/// "per second", or "per 2 s".
pub(super) fn per(f: &RateFacts) -> String {
    if f.window_ms == 1000 {
        "per second".to_owned()
    } else {
        format!("per {}", model::ms_label(f64::from(f.window_ms)))
    }
}

/// "second", or "2 s window": what "any …" and "the worst …" count over.
pub(super) fn window(f: &RateFacts) -> String {
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
pub(super) fn quiet(f: &RateFacts, k: AlgorithmKind) -> (u64, u64) {
    let offered = f.offered_per_client.iter().skip(1).sum();
    let through = f.of(k, |l| l.per_client.iter().skip(1).sum());
    (offered, through)
}

/// Whether the sliding log also refuses some of the quiet clients' requests.
pub(super) fn log_refuses_quiet(f: &RateFacts) -> bool {
    let (offered, through) = quiet(f, AlgorithmKind::SlidingLog);
    f.lane(AlgorithmKind::SlidingLog).is_some() && through < offered
}

/// The first client's count.
pub(super) fn first(v: &[u64]) -> u64 {
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
                holds: log_refuses_quiet,
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
    use crate::widgets::rate_limit::facts::facts;

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
