//! The rate limiters' article: from why a service says no to a central
//! counter shared by many gateways, one passage per idea beside the scene
//! that shows it. Every number comes from [`RateFacts`] at the passage's
//! scene; every claim is checked.

use super::facts::RateFacts;
use super::model::{ms, ms_label};
use super::scenes::{cap, first, log_refuses_quiet, num, per, quiet, window};
use super::state::Share;
use crate::kit::article::{Ask, Passage};
use crate::kit::scene::Line;
use crate::ui::readout::{count, ratio};
use sim::rate_limit::traffic::TrafficKind;
use sim::rate_limit::AlgorithmKind::{
    self, FixedWindow, LeakyQueue, SlidingCounter, SlidingLog, TokenBucket,
};

/// How many of a lane's requests of the focus (the spike, or the half after
/// the boundary) went through.
fn focus(f: &RateFacts, k: AlgorithmKind) -> u64 {
    f.of(k, |l| l.focus)
}

/// A lane's requests let through.
fn accepted(f: &RateFacts, k: AlgorithmKind) -> u64 {
    f.of(k, |l| l.accepted)
}

/// A lane's most in any window of W.
fn most(f: &RateFacts, k: AlgorithmKind) -> u32 {
    f.of(k, |l| l.max_in_window)
}

/// On/off bursts: how many on periods start within the stream.
fn bursts(f: &RateFacts) -> u64 {
    let period = f64::from(f.on_off_ms.0 + f.on_off_ms.1).max(1.0);
    (f.end_ms / period).ceil() as u64
}

/// What `L` per `W` allows over the whole stream, without a burst.
fn steady(f: &RateFacts) -> f64 {
    f64::from(f.limit) * f.end_ms / f64::from(f.window_ms)
}

/// The three window counters.
const WINDOWS: [AlgorithmKind; 3] = [FixedWindow, SlidingLog, SlidingCounter];

/// The most of the focus any window counter let through.
fn windows_focus(f: &RateFacts) -> u64 {
    WINDOWS.iter().map(|k| focus(f, *k)).max().unwrap_or(0)
}

/// The quiet clients' requests, and how many of them one shared bucket lets through.
fn shared_quiet(f: &RateFacts) -> (u64, u64) {
    let offered = f.offered_per_client.iter().skip(1).sum();
    let through = f.shared_per_client.iter().skip(1).sum();
    (offered, through)
}

/// The article.
pub const ARTICLE: &[Passage<RateFacts>] = &[
    Passage {
        scene: "one-stream-six-limiters",
        heading: "Why say no?",
        paragraphs: &[
            &[Line::Note("Every service has a rate it can keep up with: a database answers so many queries a second, a payment processor so many charges. Beyond that rate requests pile up, slow down and time out, and the retries they set off add to the pile. A rate limiter stands in front of the service and turns the excess away while that is still cheap, usually with the HTTP status 429, Too Many Requests, so that what it lets in is served well.")],
            &[Line::Note("A limiter also keeps a shared service fair. One script with a bug in its retry loop, or one customer importing a year of records in an afternoon, can use up the capacity everyone else was counting on. With a limit on each client, that client slows down and nobody else has to.")],
            &[Line::Note("The rule sounds simple: at most L requests per W. There are several ways to enforce it, and they disagree about exactly the cases that matter: a burst, the moment a window ends, a request that comes early.")],
            &[Line::Claim {
                holds: |f| f.kind == Some(TrafficKind::OnOff),
                text: |f| format!("In the figure, {} requests arrive in bursts, about {} a second for {}, then {} of quiet, and the limit is {} {}. Under the arrivals each lane sends the same requests through a different limiter: a mark above the lane's line was let through, a cross below it was refused.", count(f.requests as f64), num(f.rate), ms_label(f64::from(f.on_off_ms.0)), ms_label(f64::from(f.on_off_ms.1)), count(f64::from(f.limit)), per(f)),
            }],
        ],
        ask: None,
    },
    Passage {
        scene: "one-stream-six-limiters",
        heading: "Six readings of one rule",
        paragraphs: &[
            &[Line::Note("The six come in two families. The buckets think in rates. A *token bucket* holds up to B tokens and gains L of them every W; each request spends one, or is refused when there is none. The leaky bucket has two forms: as a *queue* it lets requests out evenly, one every W/L; as a meter, called *GCRA*, it remembers when the next request would be exactly on schedule and refuses any that arrive too far ahead of it.")],
            &[Line::Note("The windows think in counts. A *fixed window* counts the requests since the last boundary on the clock and starts from zero at the next. A *sliding log* keeps the time of every request it let through and counts those within the last W. A sliding window counter estimates the log's answer from two numbers: this window's count and the last one's.")],
            &[
                Line::Claim {
                    holds: |f| f.bucket_is_gcra && f.queue_is_gcra,
                    text: |f| format!("On this stream the *token bucket*, *GCRA* and the *queue* let exactly the same {} requests through: with matching settings they are one rule, kept in different books.", count(accepted(f, TokenBucket) as f64)),
                },
                Line::Claim {
                    holds: |f| most(f, LeakyQueue) <= f.limit && most(f, TokenBucket) > f.limit,
                    text: |f| format!("They differ in timing. The bucket and GCRA let {} through within one {}; the queue never passed on more than {}, because it spaces out what it admits.", most(f, TokenBucket), window(f), most(f, LeakyQueue)),
                },
            ],
            &[
                Line::Claim {
                    holds: |f| accepted(f, SlidingLog) == u64::from(f.limit) * bursts(f) && f.on_off_ms.0 <= f.window_ms && f.lanes.iter().all(|l| l.accepted >= accepted(f, SlidingLog)),
                    text: |f| format!("The *sliding log* is the strictest, with {}: exactly {} in each of the {} bursts. The requests it lets in at the start of a burst stay in its memory for a whole {}, and the burst is over before they leave.", count(accepted(f, SlidingLog) as f64), count(f64::from(f.limit)), bursts(f), window(f)),
                },
                Line::Claim {
                    holds: |f| most(f, FixedWindow) > f.limit,
                    text: |f| format!("The *fixed window* lets {} through, and at one point {} within a single {}: a burst that straddles a boundary is counted in two windows, and each of them lets {} through.", count(accepted(f, FixedWindow) as f64), most(f, FixedWindow), window(f), count(f64::from(f.limit))),
                },
                Line::Claim {
                    holds: |f| accepted(f, SlidingCounter) != accepted(f, SlidingLog) && most(f, SlidingCounter) > f.limit,
                    text: |f| format!("The sliding window counter lets {} through where the log it imitates lets {}, once {} within a {}: bursts are what its estimate handles worst.", count(accepted(f, SlidingCounter) as f64), count(accepted(f, SlidingLog) as f64), most(f, SlidingCounter), window(f)),
                },
            ],
        ],
        ask: None,
    },
    Passage {
        scene: "the-window-edge",
        heading: "The edge of a window",
        paragraphs: &[
            &[Line::Note("The fixed window is the limiter most people write first: one counter per client, set back to zero every W. It is cheap, and it has a blind spot: it forgets everything the instant the clock crosses a boundary.")],
            &[
                Line::Claim {
                    holds: |f| f.kind == Some(TrafficKind::Boundary) && f.requests == 2 * f.limit as usize,
                    text: |f| format!("The figure zooms in on a boundary. {} requests arrive in the last {} of one window and {} more in the first {} of the next, so {} in all within {}.", cap(u64::from(f.limit)), ms_label(f64::from(f.spread_ms)), count(f64::from(f.limit)), ms_label(f64::from(f.spread_ms)), count(f.requests as f64), ms(f.span_ms)),
                },
                Line::Note("Until you answer, the clock stops just before the boundary, and the second half has not arrived."),
            ],
        ],
        ask: Some(Ask {
            question: |f| format!("The limit is {} {}. How many of the {} requests will the fixed window let through?", count(f64::from(f.limit)), per(f), count(f.requests as f64)),
            before: "live=1&t=995",
            choices: &[
                "As many as the limit",
                "The limit and one or two more",
                "All of them: twice the limit",
            ],
            answer: |f| {
                let a = accepted(f, FixedWindow);
                if a >= f.requests as u64 {
                    2
                } else if a > u64::from(f.limit) {
                    1
                } else {
                    0
                }
            },
            why: |f| format!("All {}. The first {} filled the window that was ending. At the boundary the *fixed window*'s count went back to zero, so the next {} filled the new one. Within {} it let through twice what it promises for any {}.", count(accepted(f, FixedWindow) as f64), count(f64::from(f.limit)), count(focus(f, FixedWindow) as f64), ms(f.span_ms), window(f)),
        }),
    },
    Passage {
        scene: "the-window-edge",
        heading: "Remembering across the edge",
        paragraphs: &[
            &[Line::Note("A client that knows where the boundaries fall can do this on purpose, every window. The other limiters carry something over from one window to the next.")],
            &[
                Line::Claim {
                    holds: |f| f.focus_offered > 0 && focus(f, SlidingLog) == 0,
                    text: |f| format!("The *sliding log* refuses all {} requests after the boundary: it still holds the times of the first {}, and none of them is yet a {} old.", count(f.focus_offered as f64), count(f64::from(f.limit)), window(f)),
                },
                Line::Claim {
                    holds: |f| focus(f, SlidingCounter) == 0 && most(f, SlidingCounter) <= f.limit,
                    text: |f| format!("The *sliding window counter* refuses them too, without keeping a single time. It knows that the previous window let {} through and that the new one has only just begun, so it counts nearly all of those as still inside the last {}.", count(f64::from(f.limit)), window(f)),
                },
                Line::Claim {
                    holds: |f| f.bucket_is_gcra && focus(f, TokenBucket) < f.focus_offered && most(f, TokenBucket) > f.limit,
                    text: |f| format!("The *token bucket* and *GCRA* let {} of the second half through: the first half emptied the bucket, and it refills at only {} {}. Even so they passed {} within one {}: a bucket promises a rate and a burst, not a count per window, and a full bucket plus what drips back meanwhile can exceed L.", count(focus(f, TokenBucket) as f64), count(f64::from(f.limit)), per(f), most(f, TokenBucket), window(f)),
                },
            ],
            &[Line::Note("The sliding window counter is what Cloudflare chose for its edge, as Julien Desgats described in 2017: two counts per client and rule, the previous one weighted by how much of its window still overlaps the last W. That weighting assumes the previous window's requests were spread evenly, so it is an estimate; measured against exact counts over some 400 million requests, it decided 0.003 % of them differently. An estimate can only change the decision for a client near the limit, and most real clients are not, whereas the bursts in the first figure sat right at it.")],
        ],
        ask: None,
    },
    Passage {
        scene: "room-for-a-burst",
        heading: "Room for a burst",
        paragraphs: &[
            &[Line::Note("Not every burst is abuse. A phone that was offline sends a dozen changes when it reconnects; opening a page fires twenty API calls at once. The buckets have a setting for this, the burst B: how much a client that has been quiet may spend at once.")],
            &[
                Line::Claim {
                    holds: |f| f.kind == Some(TrafficKind::Spike),
                    text: |f| format!("The figure now sends a quiet stream of about {} requests a second and, at {} s, a spike of {} within {}. The limit is {} {}, and the buckets' burst is {}.", num(f.rate), num(f.spike.0), count(f64::from(f.spike.1)), ms_label(f64::from(f.spike.2)), count(f64::from(f.limit)), per(f), count(f64::from(f.burst))),
                },
                Line::Note("Until you answer, the clock stops just before the spike."),
            ],
        ],
        ask: Some(Ask {
            question: |f| format!("Which limiter lets the most of the spike's {} requests through?", count(f.focus_offered as f64)),
            before: "live=1&t=3990",
            choices: &[
                "The token bucket and GCRA",
                "The fixed window and the sliding log",
                "None stands out: each lets about the limit through",
            ],
            answer: |f| {
                let (bucket, windows) = (focus(f, TokenBucket), windows_focus(f));
                if bucket > windows && bucket > u64::from(f.limit) {
                    0
                } else if windows > bucket {
                    1
                } else {
                    2
                }
            },
            why: |f| format!("The *token bucket* and *GCRA* let {} through: the {} tokens of a full bucket, spent at once, and {} more that dripped back during the spike. The window counters had room for no more than {} each, however quiet the client had been before.", count(focus(f, TokenBucket) as f64), count(f64::from(f.burst)), count(focus(f, TokenBucket).saturating_sub(u64::from(f.burst)) as f64), count(windows_focus(f) as f64)),
        }),
    },
    Passage {
        scene: "room-for-a-burst",
        heading: "Spend at once, or wait in line",
        paragraphs: &[
            &[
                Line::Claim {
                    holds: |f| f.queue_is_gcra && focus(f, LeakyQueue) == focus(f, TokenBucket) && f.of(LeakyQueue, |l| l.focus_wait_ms) > 0.0,
                    text: |f| format!("The *queue* admits exactly the same {} requests of the spike, but passes them on one every {}, so one of them waits as long as {}. The service behind it sees a steady trickle instead of the spike.", count(focus(f, LeakyQueue) as f64), ms(f64::from(f.window_ms) / f64::from(f.limit)), ms(f.of(LeakyQueue, |l| l.focus_wait_ms))),
                },
                Line::Note("Which is better depends on who should bear the burst: the bucket leaves it to the service, the queue makes the client wait. nginx's limit_req module, which its documentation says uses the leaky bucket method, offers both: requests beyond the rate wait in a queue of the burst's size, or, with nodelay, pass at once."),
            ],
            &[Line::Note("*GCRA*, the generic cell rate algorithm, comes from ATM networks, where a switch had to check at line speed that every virtual circuit kept to its contracted cell rate; ITU-T Recommendation I.371 and the ATM Forum define it. It stores one number per client, the theoretical arrival time: when the next request would arrive if requests came exactly W/L apart. A request conforms if it is at most (B − 1) × W/L early, and then that time moves on by W/L. The one timestamp holds everything a token count and its refill time hold, which is why GCRA and the token bucket never disagree in the figure, and why limiters kept in a shared store like it: one key, one comparison, one write.")],
            &[Line::Claim {
                holds: |f| f.shows(&WINDOWS) && windows_focus(f) <= u64::from(f.limit),
                text: |f| format!("The window counters have no notion of savings. Whatever the client did before, none of them lets more than {} of the spike through.", count(f64::from(f.limit))),
            }],
        ],
        ask: None,
    },
    Passage {
        scene: "on-a-live-clock",
        heading: "On a live clock",
        paragraphs: &[
            &[Line::Note("So far every figure has shown a whole stream at once. A limiter lives in the present: it decides each request as it arrives, from what it remembers.")],
            &[
                Line::Claim {
                    holds: |f| f.kind == Some(TrafficKind::Poisson) && f.live,
                    text: |f| format!("The figure runs a steady stream of about {} requests a second against {} {}, and its clock stands at {}, with {} requests arrived.", num(f.rate), count(f64::from(f.limit)), per(f), ms(f.t_ms), count(f.arrived as f64)),
                },
                Line::Claim {
                    holds: |f| f.arrived > 0 && f.shows(&[SlidingLog, TokenBucket]),
                    text: |f| {
                        let (log_in, log_out) = f.of(SlidingLog, |l| l.so_far);
                        let (tb_in, tb_out) = f.of(TokenBucket, |l| l.so_far);
                        format!("By now the *sliding log* has let {} through and refused {}; the *token bucket* has let {} through and refused {}.", count(log_in as f64), count(log_out as f64), count(tb_in as f64), count(tb_out as f64))
                    },
                },
            ],
            &[
                Line::Note("Press Play and watch what each remembers, drawn under its lane."),
                Line::Claim {
                    holds: |f| f.shows(&[TokenBucket]),
                    text: |f| format!("The *token bucket*'s level climbs back smoothly after every refusal, so a client that waits {} has earned another request.", ms(f64::from(f.window_ms) / f64::from(f.limit))),
                },
                Line::Note("The *sliding log*'s count falls only when an old time turns W old, so it can refuse for most of a window and then admit several requests close together."),
            ],
            &[
                Line::Claim {
                    holds: |f| {
                        let a = accepted(f, TokenBucket) as f64;
                        a > steady(f) && a <= steady(f) + f64::from(f.burst)
                    },
                    text: |f| format!("By the end of the {} the *token bucket* has let {} through, more than the {} that {} {} adds up to, because it started with a full bucket of {}.", ms_label(f.end_ms), count(accepted(f, TokenBucket) as f64), count(steady(f)), count(f64::from(f.limit)), per(f), count(f64::from(f.burst))),
                },
                Line::Claim {
                    holds: |f| (accepted(f, SlidingLog) as f64) <= steady(f),
                    text: |f| format!("The *sliding log*, exact over every window, lets {}.", count(accepted(f, SlidingLog) as f64)),
                },
            ],
            &[Line::Note("A limiter that refuses should say when to come back, in HTTP's Retry-After header. GCRA knows exactly: its stored time minus the tolerance is when the next request will conform.")],
        ],
        ask: None,
    },
    Passage {
        scene: "one-noisy-client",
        heading: "One noisy client",
        paragraphs: &[
            &[Line::Note("Until now the stream came from one client. A real limit is kept per key, such as an API key, an account or an IP address, and each key gets a bucket or a counter of its own.")],
            &[
                Line::Claim {
                    holds: |f| f.kind == Some(TrafficKind::Clients) && f.offered_per_client.len() > 1,
                    text: |f| format!("The figure now has {} clients, each with a limiter of its own. Client 0 sends about {} requests a second; the other {} send about {} each.", count(f.offered_per_client.len() as f64), num(f.rate), f.offered_per_client.len() - 1, num(f.rate / 4.0)),
                },
                Line::Claim {
                    holds: |f| {
                        let (offered, through) = quiet(f, TokenBucket);
                        offered > 0 && through == offered && f.of(TokenBucket, |l| first(&l.per_client)) < first(&f.offered_per_client)
                    },
                    text: |f| format!("The *token bucket* holds client 0 to {} of its {} requests and lets all {} of the others' through.", count(f.of(TokenBucket, |l| first(&l.per_client)) as f64), count(first(&f.offered_per_client) as f64), count(quiet(f, TokenBucket).0 as f64)),
                },
            ],
            &[Line::Claim {
                holds: |f| {
                    let (offered, through) = shared_quiet(f);
                    let quiet_rate = f.rate / 4.0 * f64::from(f.window_ms) / 1000.0;
                    through < offered && quiet_rate < f64::from(f.limit)
                },
                text: |f| {
                    let (offered, through) = shared_quiet(f);
                    format!("Had all {} shared one bucket, the quiet clients, each sending well under the limit, would have got only {} of their {} requests through, while the noisy one took {}. A shared limit protects the service; only a limit per client protects the neighbours.", count(f.offered_per_client.len() as f64), count(through as f64), count(offered as f64), count(first(&f.shared_per_client) as f64))
                },
            }],
            &[
                Line::Claim {
                    holds: log_refuses_quiet,
                    text: |f| {
                        let (offered, through) = quiet(f, SlidingLog);
                        format!("The *sliding log* is stricter with everyone: it also refuses {} of the quiet clients' requests, where their random arrivals happen to bunch to more than {} in a {}.", count(offered.saturating_sub(through) as f64), count(f64::from(f.limit)), window(f))
                    },
                },
                Line::Note("Keys cost memory, and a popular API has millions: a log keeps up to L times per key, a counter one or two numbers, GCRA one time. Stripe, in a 2017 post by Paul Tarjan, described a token bucket per user kept in Redis."),
            ],
        ],
        ask: None,
    },
    Passage {
        scene: "many-gateways-one-limit",
        heading: "Many gateways, one limit",
        paragraphs: &[
            &[Line::Note("A busy API runs behind several gateways, and each request lands on whichever one the load balancer picks. A gateway can count only what it sees. The obvious fix is to split the limit: with K gateways, each allows L/K. That works only while traffic is spread evenly. A client whose requests mostly reach one gateway, over a kept-open connection or from a nearby region, is held to a Kth of its limit while the other shares go unused.")],
            &[Line::Note("The gateways simulated here do something else: each counts in fixed windows and may spend whatever is left of the whole limit, and every so often they exchange counts and learn the true total.")],
            &[
                Line::Claim {
                    holds: |f| f.gateways.share == Share::Sync && f.gateways.k > 1 && f.sync_ms > 0,
                    text: |f| format!("Here {} gateways take the requests of a steady stream in turn, about {} a second, against one limit of {} {}, and exchange counts every {}.", count(f64::from(f.gateways.k)), num(f.rate), count(f64::from(f.limit)), per(f), ms_label(f64::from(f.sync_ms))),
                },
                Line::Note("Until you answer, the figure shows a single gateway, which always knows the true count."),
            ],
        ],
        ask: Some(Ask {
            question: |f| format!("With {} gateways exchanging counts every {}, what is the most they let through in one {}, against the limit of {}?", count(f64::from(f.gateways.k)), ms_label(f64::from(f.sync_ms)), window(f), count(f64::from(f.limit))),
            before: "k=1",
            choices: &[
                "The limit, as with one gateway",
                "More than the limit, but well short of K times it",
                "K times the limit",
            ],
            answer: |f| {
                let (worst, k) = (f.gateways.worst, f.gateways.k);
                if worst <= f.limit {
                    0
                } else if worst >= k * f.limit {
                    2
                } else {
                    1
                }
            },
            why: |f| format!("{} in the worst {}, {}× the limit. Between exchanges each gateway sees only its own requests, so it keeps admitting while the total it last heard plus its own count since is under {}; {} gateways spending the same remainder at the same time overshoot it.", count(f64::from(f.gateways.worst)), window(f), ratio(f.gateways.over), count(f64::from(f.limit)), count(f64::from(f.gateways.k))),
        }),
    },
    Passage {
        scene: "many-gateways-one-limit",
        heading: "Counting apart",
        paragraphs: &[
            &[
                Line::Claim {
                    holds: |f| f.gateways.accepted > f.gateways.ideal,
                    text: |f| format!("Over the {} the *gateways* let {} requests through where one counter seeing every request would allow {}.", ms_label(f.end_ms), count(f.gateways.accepted as f64), count(f.gateways.ideal as f64)),
                },
                Line::Claim {
                    holds: |f| f.gateways.over < f64::from(f.gateways.k),
                    text: |f| format!("It could be worse. If every gateway spent a whole limit between two exchanges, one window would see {}× the limit. Here only so many requests arrive between two exchanges: the gateways admit what comes until the next exchange tells them the limit is spent.", f.gateways.k),
                },
            ],
            &[Line::Claim {
                holds: |f| f.gateways.messages > 0 && f.gateways.latency_ms == 0.0,
                text: |f| format!("The exchanges cost {} messages, two per gateway each time, and add nothing to any request's wait. Exchanging more often brings the worst window towards the limit for more messages; the chart draws the worst window against the number of gateways for three intervals.", count(f.gateways.messages as f64)),
            }],
        ],
        ask: None,
    },
    Passage {
        scene: "a-central-counter",
        heading: "One counter, one round trip",
        paragraphs: &[
            &[Line::Note("The other way out is to stop counting apart: keep the count in one place and ask it on every request.")],
            &[
                Line::Claim {
                    holds: |f| f.gateways.share == Share::Central,
                    text: |f| format!("Now all {} *gateways* ask one central counter, which adds the request and checks the limit in a single call.", count(f64::from(f.gateways.k))),
                },
                Line::Claim {
                    holds: |f| f.gateways.accepted == f.gateways.ideal && f.gateways.worst <= f.limit,
                    text: |f| format!("That is exact: {} let through, just what one counter allows, and never more than {} in a {}.", count(f.gateways.accepted as f64), count(f64::from(f.limit)), window(f)),
                },
                Line::Claim {
                    holds: |f| f.gateways.latency_ms > 0.0 && f.gateways.messages == 2 * f.requests as u64,
                    text: |f| format!("The price is a {} round trip before every decision, and {} messages, two for each of the {} requests.", ms(f.gateways.latency_ms), count(f.gateways.messages as f64), count(f.requests as f64)),
                },
            ],
            &[Line::Note("The single call matters. A gateway that reads the count, decides, and then writes it back leaves a gap in which others read the same old count, and the overshoot returns; the widget lets you turn the single call off and see it. Stores such as Redis make increment-and-check one atomic step. The counter is also one more thing that can fail, and a deployment must decide whether a gateway that cannot reach it lets requests through or refuses them.")],
            &[Line::Note("Real systems often sit in between: Cloudflare's 2017 design kept each location's counters in a memcached cluster there and updated them without waiting for the answer, so no decision waits on a round trip and the count lags a little.")],
            &[Line::Note("Which limiter, then, follows from what must be protected: a token bucket or GCRA where bursts are normal and should pass, a queue where the service needs an even flow, a sliding window counter where memory is short and a small error is fine, a log where the limit must never be exceeded. The numbers above were computed in this page, for these streams and seeds.")],
        ],
        ask: None,
    },
];
