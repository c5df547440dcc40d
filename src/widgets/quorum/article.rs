//! The quorum article: from why a write cannot wait for every replica to the
//! latency bill of a quorum that crosses an ocean, one passage per idea beside
//! the scene that shows it. Every number comes from [`QuorumFacts`] at the
//! passage's scene; every claim is checked.

use super::ms;
use super::scenes::{capital, cmp, first_answer, is_are, list, now, replicas, QuorumFacts};
use super::state::Profile;
use crate::decimal::fixed;
use crate::kit::article::{Ask, Passage};
use crate::kit::scene::Line;
use crate::ui::readout::{count, percent};

/// A mean delay: whole milliseconds as they are ("40 ms"), others as [`ms`].
fn mean(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0} ms")
    } else {
        ms(v)
    }
}

/// A small count in words ("three"), a larger one in digits.
fn word(n: u32) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n as usize)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// The chance a read misses the latest write, written out: "C(2, 1) ÷ C(3, 1)".
fn miss_formula(f: &QuorumFacts) -> String {
    format!("C({}, {}) ÷ C({}, {})", f.n - f.w, f.r, f.n, f.r)
}

/// The three answers to "how often does a read right after the write miss it?".
const HOW_OFTEN: &[&str] = &[
    "Never: the write has committed",
    "About one time in three",
    "About two times in three",
];

/// Which of [`HOW_OFTEN`] is nearest the exact chance.
fn how_often(f: &QuorumFacts) -> usize {
    let d = |p: f64| (f.stale - p).abs();
    [0.0, 1.0 / 3.0, 2.0 / 3.0]
        .iter()
        .enumerate()
        .min_by(|a, b| d(*a.1).total_cmp(&d(*b.1)))
        .map_or(0, |(i, _)| i)
}

/// The time by which 99.9% of reads see the write, in mean delays of the
/// slowest step.
fn t999_in_means(f: &QuorumFacts) -> f64 {
    now(f).t999 / f.slowest_mean
}

/// The article.
pub const ARTICLE: &[Passage<QuorumFacts>] = &[
    Passage {
        scene: "overlap",
        heading: "Copies, and how many to wait for",
        paragraphs: &[
            &[Line::Note("A database that keeps each piece of data on one server loses it when that server dies, and cannot answer while it restarts. So it keeps copies, called replicas, on several servers. The number of copies is called N, and it is usually three. From then on every write has several machines to reach, and every read has several machines it could believe.")],
            &[Line::Note("The obvious rule is to wait for all of them: a write returns only once every replica has stored it, and then any one replica can answer a read. But a write that waits for every replica is as slow as the slowest of them, and it cannot finish at all while one of them is down. With three replicas, one failed disk would stop every write.")],
            &[Line::Note("Quorum replication loosens both ends. A write is sent to all N replicas but returns as soon as W of them have acknowledged it. A read asks R replicas and keeps the newest version among their answers; every write carries a version, a counter or a timestamp, so the read can tell new from old. W and R are dials. Turn them down and operations get faster and survive more failures; turn them up and reads become more trustworthy.")],
            &[Line::Claim {
                holds: |f| f.n == 3 && f.failed.is_empty(),
                text: |f| format!("The figure shows {} replicas around the coordinator, the server that handles a client's request, with W = {} and R = {}. For now it treats every message as instant: the orange lines go to the replicas the write reached, the blue dashed ones to those the read asked.", word(f.n), f.w, f.r),
            }],
        ],
        ask: None,
    },
    Passage {
        scene: "overlap",
        heading: "Why R + W > N is enough",
        paragraphs: &[
            &[Line::Claim {
                holds: |f| f.overlaps && f.min_overlap >= 1,
                text: |f| format!("Here R + W = {}, more than N = {}. A write set of {} and a read set of {}, drawn from only {} replicas, cannot avoid each other: between them they name {} replicas, so at least R + W − N = {} must be named twice.", f.r + f.w, f.n, f.w, f.r, f.n, f.r + f.w, f.min_overlap),
            }],
            &[Line::Claim {
                holds: |f| f.shared().len() == 1,
                text: |f| format!("In the diagram the write reached {} and the read asked {}. *{}* is in both: it hands the read the new version, and the read keeps it because it is the newest it heard.", replicas(&f.write_set), replicas(&f.read_set), capital(&replicas(&f.shared()))),
            }],
            &[Line::Claim {
                holds: |f| f.stale == 0.0 && f.stale_mc == 0.0,
                text: |f| format!("It does not depend on which sets are drawn. The exact chance that a read misses the latest write is {}, and not one of {} simulated reads did.", percent(f.stale), count(f.trials as f64)),
            }],
            &[Line::Note("The rule is older than the systems that made it famous. David Gifford published it in 1979 as weighted voting (“Weighted Voting for Replicated Data”, SOSP): every copy holds some votes, a read must collect r of them and a write w, and r + w is larger than the total, so every read meets every write. Amazon's Dynamo paper (DeCandia and colleagues, SOSP 2007) brought the idea to key-value stores under the names N, R and W, and its open-source descendants, Cassandra, Riak and Voldemort, made the three numbers a setting any operator can change.")],
            &[Line::Claim {
                holds: |f| f.n == 3 && f.r == 2 && f.w == 2 && f.write_tolerates == 1,
                text: |f| format!("The figure's setting, N = {} with R = W = {}, is the one the Dynamo paper reports as common among its instances.", f.n, f.r),
            }],
        ],
        ask: None,
    },
    Passage {
        scene: "one-each",
        heading: "One ack, one reply",
        paragraphs: &[
            &[Line::Note("Waiting for two of three replicas is cheaper than waiting for all three, but every request still pays for the second-fastest reply. Plenty of data can live with less care, a view counter or a user's place in a video. So turn both dials to the bottom. A write returns after the first acknowledgement, a read after the first reply.")],
            &[Line::Note("Until you answer, the figure keeps the previous setting.")],
        ],
        ask: Some(Ask {
            question: |f| format!("With W = {} and R = {}, a write sits on {} of the {} replicas and a read asks {} of them, each picked at random. How often does a read right after the write miss it?", f.w, f.r, word(f.w), word(f.n), word(f.r)),
            before: "r=2&w=2",
            choices: HOW_OFTEN,
            answer: how_often,
            why: |f| format!("The read sees the write only if it happens to ask the replica that has it. It misses whenever it picks one of the {} the write skipped: {} of the time. Here it did: the write reached *{}* and the read asked *{}*.", word(f.n - f.w), percent(f.stale), replicas(&f.write_set), replicas(&f.read_set)),
        }),
    },
    Passage {
        scene: "one-each",
        heading: "Fast, and sometimes stale",
        paragraphs: &[
            &[
                Line::Claim {
                    holds: |f| !f.overlaps,
                    text: |f| format!("R + W = {} is not more than N = {}, so nothing forces the two sets to meet.", f.r + f.w, f.n),
                },
                Line::Claim {
                    holds: |f| f.shared().is_empty() && f.r == 1 && f.read_set.len() == 1,
                    text: |f| format!("In the diagram they miss: *{}* still holds the old value, hands it to the read, and the read returns it with no way of knowing that *{}* had something newer.", replicas(&f.read_set), replicas(&f.write_set)),
                },
            ],
            &[Line::Claim {
                holds: |f| f.stale > 0.0 && (f.stale - f.stale_mc).abs() <= 4.0 * f.stale_stderr,
                text: |f| format!("The general count is C(N − W, R) ÷ C(N, R): the ways to pick the read's replicas among those the write skipped, over all the ways to pick them. Here that is {} = {}, and the widget's simulation of {} reads gives {}.", miss_formula(f), percent(f.stale), count(f.trials as f64), percent(f.stale_mc)),
            }],
            &[Line::Note("Stale is not lost. The write is still on its way to the replicas it skipped, and a later read will find it there. That is eventual consistency, and it is what Cassandra's consistency level ONE gives a read or a write.")],
            &[Line::Claim {
                holds: |f| f.write_tolerates == f.n - 1 && f.read_tolerates == f.n - 1,
                text: |f| format!("In exchange, each operation waits only for the fastest replica, and writes and reads both carry on with {} of the {} replicas down.", word(f.write_tolerates), word(f.n)),
            }],
        ],
        ask: None,
    },
    Passage {
        scene: "slow-motion",
        heading: "Messages take time",
        paragraphs: &[
            &[Line::Note("So far every message arrived the moment it was sent. Real ones take a while, and a different while for every replica: a busy disk, a queue in a switch, a pause for garbage collection. The figure now draws one write and one read on a time axis, a lane for the coordinator and one for each replica, with fast SSDs and R = W = 1.")],
            &[Line::Claim {
                holds: |f| f.w == 1 && f.failed.is_empty() && f.run.committed.is_some(),
                text: |f| format!("The write leaves for all {} replicas at time zero and commits at {}, when the first acknowledgement comes back. The client is told its write succeeded.", word(f.alive), ms(f.run.committed.unwrap_or_default())),
            }],
            &[Line::Note("Until you answer, the figure shows the same write beside a read that starts earlier, while the write is still on its way.")],
        ],
        ask: Some(Ask {
            question: |f| format!("Now the read starts at {}, after the commit. It asks all {} replicas and keeps the first answer. Which value will it return?", ms(f.run.read_start), word(f.alive)),
            before: "read=0.5",
            choices: &[
                "The new value: the write committed before the read began",
                "The old value",
                "Neither: it waits until every replica has the write",
            ],
            answer: |f| match f.run.saw_new {
                Some(true) => 0,
                Some(false) => 1,
                None => 2,
            },
            why: |f| {
                let i = first_answer(f).unwrap_or_default();
                format!("The first answer came from replica {i}, and *the write reached replica {i} only at {}*, after the read had returned at {}. The commit meant that one replica had the write, not that every replica did.", ms(f.run.arrival(i).unwrap_or_default()), ms(f.run.returned.unwrap_or_default()))
            },
        }),
    },
    Passage {
        scene: "slow-motion",
        heading: "Committed is not everywhere",
        paragraphs: &[
            &[
                Line::Claim {
                    holds: |f| f.run.committed.is_some() && f.run.holding_at_commit < f.alive,
                    text: |f| format!("At the commit only {} of the {} replicas held the new value; the write was still travelling to the {}.", word(f.run.holding_at_commit), word(f.alive), if f.alive - f.run.holding_at_commit == 1 { "last one" } else { "others" }),
                },
                Line::Claim {
                    holds: |f| f.r == 1 && f.run.saw_new == Some(false) && f.run.committed.is_some_and(|c| f.run.read_start > c),
                    text: |f| format!("The read started at {}, and the fastest reply came from replica {}: *an old answer*, which the read returned at {}.", ms(f.run.read_start), first_answer(f).map_or_else(String::new, |i| i.to_string()), ms(f.run.returned.unwrap_or_default())),
                },
                Line::Claim {
                    holds: |f| first_answer(f).and_then(|i| f.run.arrival(i)).zip(f.run.returned).is_some_and(|(a, r)| a > r),
                    text: |f| {
                        let i = first_answer(f).unwrap_or_default();
                        format!("*The write reached replica {i} at {}*, too late.", ms(f.run.arrival(i).unwrap_or_default()))
                    },
                },
            ],
            &[Line::Note("This is the stale read in slow motion. With R = W = 1 nothing waits for the slow replica, so a read can land on it in the window between the commit and the write's arrival. Had both dials been at two, the commit would have waited for a second replica and the read for a second answer, and any two of three replicas include one of any other two.")],
            &[Line::Note("Dynamo-style stores also close the window from the other side. A read that notices a replica answering with an old version can send it the new one, which is called read repair (the checkbox under the timeline turns it on), and replicas compare their contents in the background to catch what reads never touch.")],
        ],
        ask: None,
    },
    Passage {
        scene: "how-long",
        heading: "How long is eventually?",
        paragraphs: &[
            &[Line::Note("Eventual consistency promises that replicas agree once writes stop, and says nothing about when. Peter Bailis and colleagues at Berkeley put a number on it in “Probabilistically Bounded Staleness for Practical Partial Quorums” (VLDB 2012). Their model, WARS, gives each replica four random delays: the Write reaching it, its Ack coming back, a Read request reaching it and its reSponse returning. Run it many times and ask, for a read that starts t milliseconds after the commit, how likely it is to see the write. They called this t-visibility, and the chart plots it against t.")],
            &[Line::Claim {
                holds: |f| f.profile == Profile::Disk && f.means.write > f.means.read && f.means.read > f.means.ack,
                text: |f| format!("The figure now uses slow spinning disks: storing a write takes {} on average and serving a read {}, while each network hop takes about {}. Until you answer, the chart shows fast SSDs instead.", mean(f.means.write), mean(f.means.read), mean(f.means.ack)),
            }],
        ],
        ask: Some(Ask {
            question: |f| format!("With R = {} and W = {} on slow disks, how long after the commit until 99.9% of reads see the write?", f.r, f.w),
            before: "lat=ssd",
            choices: &[
                "About one disk write",
                "Several disk writes",
                "Seconds: eventually is a long time",
            ],
            answer: |f| {
                let t = now(f).t999;
                if t <= 2.0 * f.slowest_mean {
                    0
                } else if t < 1_000.0 {
                    1
                } else {
                    2
                }
            },
            why: |f| format!("*{}*, or {} times the mean disk write of {}. The write does not stop at the first acknowledgement: it keeps arriving at the other replicas, and the chance that a read meets it climbs with every millisecond.", ms(now(f).t999), fixed(t999_in_means(f), 1), mean(f.slowest_mean)),
        }),
    },
    Passage {
        scene: "how-long",
        heading: "Probably fresh, and how soon",
        paragraphs: &[
            &[Line::Claim {
                holds: |f| f.w == 1 && f.now.as_ref().is_some_and(|w| w.fresh_at_once > 1.0 - f.stale && w.fresh_at_once < 0.9),
                text: |f| format!("*The solid line* starts at {}: a read issued at the very moment of the commit sees the write that often. That beats the {} that random quorums promised earlier, because by the commit the write has often reached more replicas than the one whose acknowledgement was awaited.", percent(now(f).fresh_at_once), percent(1.0 - f.stale)),
            }],
            &[
                Line::Claim {
                    holds: |f| f.now.as_ref().is_some_and(|w| w.t999 > 10.0 && w.t999 < 100.0),
                    text: |f| format!("Then it climbs steeply, and *{} after the commit*, at the grey line, 99.9% of reads see the write: the window is measured in tens of milliseconds.", ms(now(f).t999)),
                },
                Line::Note("Why several disk writes rather than one? In the model every delay is exponential, and an exponential has a long tail: one write in a thousand takes more than ln 1000 ≈ 6.9 times its mean. The last tenth of a percent waits for those unlucky replicas."),
            ],
            &[Line::Claim {
                holds: |f| f.cmp.as_ref().is_some_and(|w| w.fresh_at_once == 1.0) && f.cmp_rw.0 + f.cmp_rw.1 > f.n,
                text: |f| format!("The dashed line, R = {} and W = {}, is at 100% from the start: overlapping quorums leave nothing to wait for.", f.cmp_rw.0, f.cmp_rw.1),
            }],
            &[Line::Note("Bailis and colleagues fitted their model to latencies measured in production at LinkedIn and Yammer, and found that partial quorums usually return the latest write within tens of milliseconds of the commit, while answering noticeably faster than strict ones. The chart reproduces the shape of that result rather than the paper's own numbers: its delays are plain exponentials with round means, which you can change in the widget.")],
        ],
        ask: None,
    },
    Passage {
        scene: "replica-down",
        heading: "A replica crashes",
        paragraphs: &[
            &[Line::Note("Back to the strict setting, and to the other reason for not waiting on every replica: machines fail. A crashed replica answers nothing, so an operation that needs its answer waits until a timeout gives up.")],
            &[Line::Note("Until you answer, every replica in the figure is up.")],
        ],
        ask: Some(Ask {
            question: |f| format!("With N = {}, W = {} and R = {}, {} is about to crash. What happens to writes and reads?", f.n, f.w, f.r, replicas(&f.failed)),
            before: "failed=",
            choices: &[
                "Both go on",
                "Reads go on, but writes stop",
                "Both stop until the replica returns",
            ],
            answer: |f| {
                if f.can_write && f.can_read {
                    0
                } else if f.can_read {
                    1
                } else {
                    2
                }
            },
            why: |f| {
                let up: Vec<u32> = (0..f.n).filter(|i| !f.failed.contains(i)).collect();
                let sets = if f.write_set == f.read_set && !f.write_set.is_empty() {
                    format!(" The write set and the read set are now both {}, so they still overlap and reads stay fresh.", replicas(&f.write_set))
                } else {
                    String::new()
                };
                format!("{} still up: enough for W = {} acknowledgements and R = {} replies.{sets}", capital(&is_are(&replicas(&up), up.len())), f.w, f.r)
            },
        }),
    },
    Passage {
        scene: "replica-down",
        heading: "Slack, and what it costs",
        paragraphs: &[
            &[
                Line::Claim {
                    holds: |f| f.failed.len() == 1 && f.can_write && f.can_read && f.overlaps,
                    text: |f| format!("With *replica {} down*, writes and reads both still succeed, and the write set and the read set still overlap.", list(&f.failed)),
                },
                Line::Claim {
                    holds: |f| f.failed.len() == 1 && f.write_tolerates == 1 && f.read_tolerates == 1,
                    text: |f| format!("But that was all the slack there was. Writes survive N − W = {} failure and reads N − R = {}; crash a second replica and neither can gather its quorum.", f.write_tolerates, f.read_tolerates),
                },
            ],
            &[Line::Note("Here the trade shows in its plainest form. Waiting for all three would have stopped writes at the first crash. One ack and one reply would have kept both going with two replicas down, at the price of the stale reads above. Every setting of the dials picks a point between staying available and staying consistent, and the sum R + W decides which side of the line it falls on.")],
            &[Line::Note("Dynamo goes one step further than the figure: when a replica is down it hands the write to another healthy server to keep until the replica returns, a sloppy quorum that keeps writes available but no longer guarantees the overlap. The widget does not model it; a crashed replica here is simply missing.")],
        ],
        ask: None,
    },
    Passage {
        scene: "across-regions",
        heading: "Across an ocean",
        paragraphs: &[
            &[Line::Note("Replicas in one building protect against a failed machine, not a failed building. For that the copies go to different regions, and every message between them crosses hundreds or thousands of kilometres of fibre.")],
            &[Line::Claim {
                holds: |f| f.profile == Profile::Wan && f.r == 1 && f.w == 1 && f.means.write > f.means.ack,
                text: |f| format!("The figure puts N = {} replicas in different regions. A message between regions takes {} on average, and a write takes {} to arrive and be stored. R = W = 1.", f.n, mean(f.means.ack), mean(f.means.write)),
            }],
            &[Line::Claim {
                holds: |f| f.now.as_ref().is_some_and(|w| w.read_p50 < f.means.read + f.means.response),
                text: |f| format!("Waiting only for the fastest of {} replies, *reads take {} at the median and {} at the 99th percentile; writes take {} and {}*. That is quicker than one average round trip, because the fastest of {} random delays is much shorter than a typical one. (The model draws every replica's delays alike; a real client has one region that is always nearest.)", word(f.n), ms(now(f).read_p50), ms(now(f).read_p99), ms(now(f).write_p50), ms(now(f).write_p99), word(f.n)),
            }],
            &[Line::Claim {
                holds: |f| f.n == 5 && f.cmp_rw == (3, 3) && f.cmp.as_ref().is_some_and(|c| c.read_p50 > now(f).read_p50 && c.write_p50 > now(f).write_p50),
                text: |f| format!("The dashed setting, a majority of R = {} and W = {}, must wait for the third-fastest: its reads take {} at the median and its writes {}, {} times as long.", f.cmp_rw.0, f.cmp_rw.1, ms(cmp(f).read_p50), ms(cmp(f).write_p50), fixed(cmp(f).write_p50 / now(f).write_p50, 1)),
            }],
            &[Line::Claim {
                holds: |f| f.cmp.as_ref().is_some_and(|c| c.fresh_at_once == 1.0) && now(f).t999 > 0.0,
                text: |f| format!("What the wait buys is on the chart: every majority read sees the latest write at once, while with R = W = 1 only {} do, and 99.9% only {} after the commit.", percent(now(f).fresh_at_once), ms(now(f).t999)),
            }],
        ],
        ask: None,
    },
    Passage {
        scene: "across-regions",
        heading: "Choosing the dials",
        paragraphs: &[
            &[Line::Note("Few systems pay that bill on every request. Cassandra's LOCAL_QUORUM asks for a majority of the replicas in the client's own data centre and lets the other regions catch up in the background: strict and fast at home, eventually consistent across the ocean, with the window this essay measured.")],
            &[Line::Note("A few rules of thumb come out of the figures. R + W > N makes every read that starts after a write has committed see it, for as long as replicas are only ever behind, never wrong. Raising W makes writes slower and more fragile and lets reads be cheaper; raising R does the opposite; N = 3 with R = W = 2 is the usual middle. R = W = 1 is the fastest and the most available setting, and its reads are usually fresh within a few message delays, but “usually” and “a few” are numbers worth measuring on your own latencies, which is what the PBS model is for.")],
            &[Line::Note("Overlap is not the whole of consistency, either. A read that overlaps a write still in flight can return the new value while a later read returns the old one, and when timestamps decide which version is newest, one of two concurrent writes quietly disappears. Those are the next layer of the subject, and the reason databases that promise more than quorums do build on consensus protocols such as Paxos and Raft.")],
        ],
        ask: None,
    },
];
