//! The queues article: from one server near full load to hedged requests,
//! one passage per idea beside the scene that shows it. Every number comes
//! from [`QueueFacts`] at the passage's scene; every claim is checked.

use super::model::MS_PER_UNIT;
use super::scenes::{agrees, gap_closed, ms, pct, QueueFacts};
use super::state::PolicyKind;
use crate::decimal::fixed;
use crate::kit::article::{Ask, Passage};
use crate::kit::scene::Line;

/// A policy's row of the comparison: (mean, p99), ms.
fn row(f: &QueueFacts, p: PolicyKind) -> (f64, f64) {
    f.row(p).map_or((0.0, 0.0), |r| (r.mean, r.p99))
}

/// The article.
pub const ARTICLE: &[Passage<QueueFacts>] = &[
    Passage {
        scene: "one-server",
        heading: "A line in front of a server",
        paragraphs: &[
            &[Line::Note("Every server that answers requests has a line in front of it, even when nobody drew one. A request that arrives while the server is busy waits, and the time a user sees is the wait plus the work. Capacity planning usually starts from the work: if a request takes 10 ms and a server can do a hundred a second, then eighty a second is 80 % busy, and the spare 20 % feels like a comfortable margin.")],
            &[Line::Note("The figure beside this text is one such server. Requests arrive at random moments, the way independent users send them, each needs on average 10 ms of work, and the slider sets how busy the server is. The curve plots the mean time a request spends in the system against that load; the dots are what the simulation measured, the line what queueing theory predicts.")],
        ],
        ask: Some(Ask {
            question: |f| format!("Push the server to {} % busy. How long will a request spend in the system, on average, against its {} ms of work?", f.load, fixed(MS_PER_UNIT, 0)),
            before: "load=50",
            choices: &[
                "A little more than its work",
                "About twice its work",
                "About ten times its work",
            ],
            answer: |f| {
                let times = f.mean.0 / MS_PER_UNIT;
                if times > 5.0 {
                    2
                } else if times > 1.5 {
                    1
                } else {
                    0
                }
            },
            why: |f| format!("The simulation measured {} on average, {}× the work. The M/M/1 formula for a server with random arrivals and random work, mean = work ÷ (1 − load), gives 10 ms ÷ (1 − {}) = {}.", ms(f.mean.0), fixed(f.mean.0 / MS_PER_UNIT, 1), fixed(f64::from(f.load) / 100.0, 2), ms(f.closed.as_ref().map_or(0.0, |c| c.mean))),
        }),
    },
    Passage {
        scene: "one-server",
        heading: "Why the curve bends",
        paragraphs: &[
            &[Line::Note("Random arrivals are not evenly spaced: they bunch. A server that is 90 % busy on average still meets stretches where requests arrive faster than it can finish them, and the line those stretches build takes a long time to drain, because only the spare 10 % of its time works the line down. The closer the load gets to 100 %, the slower every burst drains, and the wait grows like 1 ÷ (1 − load).")],
            &[
                Line::Claim {
                    holds: |f| f.closed_80_99.is_some_and(|(a, b)| b > 5.0 * a),
                    text: |f| {
                        let (a, b) = f.closed_80_99.unwrap_or_default();
                        format!("That is the *knee* in the curve: the same server averages {} at 80 % and {} at 99 %.", ms(a), ms(b))
                    },
                },
                Line::Claim {
                    holds: |f| agrees(f),
                    text: |f| format!("At the {} % shown, the simulated mean, {} ± {}, agrees with the formula's {}.", f.load, ms(f.mean.0), ms(f.mean.1), ms(f.closed.as_ref().map_or(0.0, |c| c.mean))),
                },
            ],
            &[
                Line::Claim {
                    holds: |f| f.p99 > 3.0 * f.mean.0,
                    text: |f| format!("The mean is not what users remember. One request in a hundred here takes longer than {}, {}× the mean.", ms(f.p99), fixed(f.p99 / f.mean.0, 1)),
                },
                Line::Note("Variability makes it worse: Kingman's formula says the wait scales with the variability of arrivals and of work together, so a service with a heavy tail of slow requests reaches the knee sooner. Try a log-normal or Pareto work distribution in the widget. The practical rule is to plan capacity so that servers stay below the knee at the peak, not on average."),
            ],
        ],
        ask: None,
    },
    Passage {
        scene: "slow-server",
        heading: "Many servers, one of them slow",
        paragraphs: &[
            &[Line::Note("Real services run many servers behind a balancer, and the balancer decides which line each request joins. The simplest rule is round robin: each server in turn. It spreads requests perfectly evenly, which is exactly right when the servers are equal. They rarely are for long: a noisy neighbour on the same host, a garbage-collection pause, a failing disk, a machine of an older generation.")],
            &[Line::Claim {
                holds: |f| f.kind == PolicyKind::RoundRobin && f.slow < 100,
                text: |f| format!("The figure now has {} servers at {} % load, and S1, drawn first, runs at {} % of the others' speed.", f.servers, f.load, f.slow),
            }],
        ],
        ask: Some(Ask {
            question: |_| "Round robin keeps sending the slow server its turn. What happens to its line?".to_owned(),
            before: "slow=100",
            choices: &[
                "It stays a little longer than the others'",
                "It grows without end",
                "Round robin notices the slow answers and skips it",
            ],
            answer: |f| usize::from(f.first.1 > 0.99 && f.first.0 > 10.0 * f.others.0.max(0.1)),
            why: |f| format!("Round robin looks at nothing but the order, so S1 gets one request in {} whatever its speed: more than it can serve. It is busy {} of the time and its line averages {} requests, against {} at the others.", f.servers, pct(f.first.1), fixed(f.first.0, 0), fixed(f.others.0, 1)),
        }),
    },
    Passage {
        scene: "slow-server",
        heading: "One slow server, everyone's tail",
        paragraphs: &[
            &[Line::Claim {
                holds: |f| f.p99 > 10.0 * f.p50,
                text: |f| format!("Most requests never meet S1, so the median stays healthy at {}. But one request in {} joins the *slow* server's ever longer line, and the p99 climbs to {}.", ms(f.p50), f.servers, ms(f.p99)),
            }],
            &[Line::Note("This is how a single sick machine shows up on a dashboard: averages look fine, and the slowest percent of users, spread over every page and every customer, wait for seconds. Taking the machine out by hand fixes it; a balancer that watches the servers fixes it before anyone looks.")],
        ],
        ask: None,
    },
    Passage {
        scene: "least-outstanding",
        heading: "Least outstanding requests",
        paragraphs: &[
            &[
                Line::Note("A balancer already knows something useful: how many requests it has sent to each server that have not yet come back. Least outstanding requests sends each new one to the server with the fewest in flight. It needs no timing and no health checks, and a slow server throttles itself: it finishes fewer, so it keeps more in flight, so it is sent fewer."),
                Line::Claim {
                    holds: |f| f.kind == PolicyKind::Least && f.slow < 100 && f.first.0 < 3.0,
                    text: |f| format!("Under it the *slow* server's line holds {} requests on average.", fixed(f.first.0, 1)),
                },
            ],
            &[Line::Claim {
                holds: |f| {
                    let (rr, l) = (row(f, PolicyKind::RoundRobin), row(f, PolicyKind::Least));
                    rr.1 > 5.0 * l.1
                },
                text: |f| format!("The table runs every balancer over the same arrivals and the same work. The p99 falls from {} under round robin to {} under least outstanding.", ms(row(f, PolicyKind::RoundRobin).1), ms(row(f, PolicyKind::Least).1)),
            }],
            &[Line::Note("HAProxy calls this leastconn and NGINX least_conn. Its weakness is scale: a balancer sees only its own requests, and a fleet of balancers that each pick the same emptiest server send it a burst together.")],
        ],
        ask: None,
    },
    Passage {
        scene: "two-choices",
        heading: "The power of two random choices",
        paragraphs: &[
            &[Line::Note("Between knowing nothing (random) and knowing everything (least outstanding) there is a rule that looks at almost nothing: pick two servers at random and send the request to the one with the shorter line. It needs two numbers per request, works with stale information, and several balancers using it do not herd onto the same server.")],
            &[Line::Claim {
                holds: |f| f.kind == PolicyKind::Choices && f.servers >= 50,
                text: |f| format!("The figure has {} equal servers at {} % load, and the curve now follows the two-choice balancer.", f.servers, f.load),
            }],
        ],
        ask: Some(Ask {
            question: |_| "Picking at random leaves some servers with long lines. How much of the gap between random and least outstanding does looking at just two servers close?".to_owned(),
            before: "policy=random",
            choices: &["About a tenth of it", "About half", "Most of it"],
            answer: |f| match gap_closed(f) {
                Some(g) if g >= 0.6 => 2,
                Some(g) if g >= 0.3 => 1,
                _ => 0,
            },
            why: |f| format!("The mean falls from {} at random to {} with two *choices*, {} of the way to the {} of least outstanding, which reads every server's count.", ms(row(f, PolicyKind::Random).0), ms(row(f, PolicyKind::Choices).0), pct(gap_closed(f).unwrap_or(0.0)), ms(row(f, PolicyKind::Least).0)),
        }),
    },
    Passage {
        scene: "two-choices",
        heading: "Why two is enough",
        paragraphs: &[
            &[Line::Note("Azar, Broder, Karlin and Upfal showed in 1994 that when n balls are thrown into n bins, the fullest bin holds about log n ÷ log log n balls if each goes to a random bin, and about log log n ÷ log 2 if each goes to the emptier of two: an exponential improvement from one extra look. A third choice helps far less than the second did. Mitzenmacher's thesis (1996) carried the result to lines that fill and drain, which is the balancer's case.")],
            &[
                Line::Claim {
                    holds: |f| {
                        let c = row(f, PolicyKind::Choices).0;
                        agrees(f) && f.closed.as_ref().is_some_and(|m| !m.exact && (c - m.mean).abs() <= 0.15 * m.mean)
                    },
                    text: |f| format!("His supermarket model gives the mean as the number of servers grows without bound: {} at this load, against the {} measured on {} servers.", ms(f.closed.as_ref().map_or(0.0, |c| c.mean)), ms(row(f, PolicyKind::Choices).0), f.servers),
                },
                Line::Claim {
                    holds: |f| {
                        let (c, r) = (row(f, PolicyKind::Choices), row(f, PolicyKind::Random));
                        c.1 < 0.5 * r.1
                    },
                    text: |f| format!("The tail shrinks with the mean: the p99 is {} with two *choices* against {} at random.", ms(row(f, PolicyKind::Choices).1), ms(row(f, PolicyKind::Random).1)),
                },
            ],
            &[Line::Note("Finagle and Linkerd take the idea one step further with peak-EWMA: of two random servers, pick the one whose recent latency, weighted by its requests in flight, is lower, so a server that slows down is avoided before its line shows it. Envoy's least-request balancer draws two by default, and NGINX offers random two least_conn.")],
        ],
        ask: None,
    },
    Passage {
        scene: "fan-out",
        heading: "Fan-out: when every request meets the tail",
        paragraphs: &[
            &[Line::Note("A search, a page of a social network or a dashboard is rarely one request. The front end asks dozens or hundreds of servers at once, one per shard of the data, and can answer only when the last of them has. The response time of the whole is the maximum of its parts.")],
            &[Line::Claim {
                holds: |f| f.fanout > 1,
                text: |f| format!("In the figure each request now fans out to {} of the {} servers, at {} % load.", f.fanout, f.servers, f.load),
            }],
        ],
        ask: Some(Ask {
            question: |f| format!("One server's answer is slower than its 99th percentile once in a hundred. How often is a request that waits for {} of them that slow?", f.fanout),
            before: "fanout=1",
            choices: &["Once in a hundred, as before", "About one request in three", "Nearly every request"],
            answer: |f| {
                if f.job_p99.1 < 0.05 {
                    0
                } else if f.job_p99.1 < 0.6 {
                    1
                } else {
                    2
                }
            },
            why: |f| format!("A request is slow if any of its {} jobs is: {} of requests took longer than one job's p99 of {}. Were the jobs independent, 1 − 0.99^{} = {} would.", f.fanout, pct(f.job_p99.1), ms(f.job_p99.0), f.fanout, pct(f.fanout_tail)),
        }),
    },
    Passage {
        scene: "fan-out",
        heading: "The tail becomes the median",
        paragraphs: &[
            &[Line::Claim {
                holds: |f| f.fanout > 1 && f.median_rank >= 0.95,
                text: |f| format!("Look at the distribution: the median request, {}, is slower than {} of single jobs. With *fan-out* a component's rare slow answer is the whole system's typical one.", ms(f.p50), pct(f.median_rank)),
            }],
            &[Line::Claim {
                holds: |f| f.fanout > 1 && f.job_p99.1 < f.fanout_tail,
                text: |f| format!("The measured share, {}, sits a little under the {} of independent jobs: a request's jobs arrive together, so they meet the same moments of high load and their luck is shared.", pct(f.job_p99.1), pct(f.fanout_tail)),
            }],
            &[Line::Note("This is the argument of Dean and Barroso's \"The Tail at Scale\" (2013): at large fan-out, making every server fast on average is not enough, because some server is always having a bad moment. Either each component's p99.9 must be excellent, or the system must work around the slow ones.")],
        ],
        ask: None,
    },
    Passage {
        scene: "hedging",
        heading: "Hedged requests",
        paragraphs: &[
            &[Line::Note("Working around them is cheap when a request can be answered by more than one server. A hedged request goes to one server; if no answer has come back after a short delay, a copy goes to a second, and the first answer wins. Choosing the delay at the 95th percentile of one answer means only about one request in twenty sends a copy.")],
            &[
                Line::Claim {
                    holds: |f| f.hedge.as_ref().is_some_and(|h| h.p99.1 < 0.8 * h.p99.0),
                    text: |f| {
                        let h = f.hedge.clone().unwrap_or_default();
                        format!("In the figure, with *hedging* after {} (the {}th percentile), the p99 falls from {} to {}.", ms(h.delay), h.percentile, ms(h.p99.0), ms(h.p99.1))
                    },
                },
                Line::Claim {
                    holds: |f| f.hedge.as_ref().is_some_and(|h| h.extra < 0.15),
                    text: |f| format!("The copies cost {} more work.", pct(f.hedge.as_ref().map_or(0.0, |h| h.extra))),
                },
            ],
            &[Line::Note("Dean and Barroso report a Google benchmark reading 1,000 keys spread over 100 servers, in which sending a copy after 10 ms cut the 99.9th percentile from 1,800 ms to 74 ms for 2 % more requests. The catch is load: copies add work exactly when servers are slow, so a delay set too short, or kept while the servers are overloaded, spends capacity there is none of to spare. Tied requests, whose copies are cancelled as soon as one server starts on them, trim the waste further.")],
        ],
        ask: None,
    },
    Passage {
        scene: "hedging",
        heading: "What to take away",
        paragraphs: &[&[Line::Note("Latency is a queue's, not a server's: it depends on how busy the server is far more than on how fast, and it explodes past the knee. Watch the p99 and the p99.9, not the mean; plan for the peak, not the average. Give the balancer information, even two numbers' worth, and a slow server stops being everyone's problem. And where a request touches many servers, the tail of each becomes the median of all: hedge it, at a cost you can measure. Every number on this page was computed by the simulation beside it, from its seed, in your browser; open the widget to change the servers, the load and the work and see which of these rules still hold.")]],
        ask: None,
    },
];
