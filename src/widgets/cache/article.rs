//! The cache article: from why a full cache must choose a victim to a hotspot
//! that moves, one passage per idea beside the scene that shows it. Every
//! number comes from [`CacheFacts`] at the passage's scene; every claim is
//! checked.

use super::facts::CacheFacts;
use super::scenes::{
    and_list, cleared, cmp, entries, hits, key_at, served, shape_is, sides, st, victim,
};
use crate::decimal::fixed;
use crate::kit::article::{Ask, Passage};
use crate::kit::scene::Line;
use crate::ui::readout::{count, percent};
use sim::cache::policy::{PolicyKind, Why};
use sim::cache::workload::Shape;
use PolicyKind::{Arc, Clock, Fifo, Lfu, Lru, Opt, Random, S3Fifo, Sieve};

/// The share of all requests drawn by the `top` most popular of `keys` keys
/// under Zipf's law with skew `alpha`: H(top, α) / H(keys, α).
fn zipf_top(alpha: f64, keys: u32, top: usize) -> f64 {
    let h = |n: usize| (1..=n).map(|i| (i as f64).powf(-alpha)).sum::<f64>();
    h(top.min(keys as usize)) / h(keys as usize)
}

/// A difference of hit ratios in percentage points ("23.3").
fn points(d: f64) -> String {
    fixed(d * 100.0, 1)
}

/// A compared policy's hit ratio (0 when it was not compared).
fn h(f: &CacheFacts, k: PolicyKind) -> f64 {
    cmp(f).h(k)
}

/// A policy's hit ratio over the first and the second half of the requests.
fn halves(f: &CacheFacts, k: PolicyKind) -> (f64, f64) {
    cmp(f)
        .halves
        .iter()
        .find(|x| x.0 == k)
        .map_or((0.0, 0.0), |x| (x.1, x.2))
}

/// The top 10, 100 and 1,000 keys' shares, when the chosen size is the middle
/// one and the closed form beside LFU agrees with it.
fn tenfolds(f: &CacheFacts) -> Option<[(usize, f64); 3]> {
    let c = cmp(f);
    let top = |k: usize| (k, zipf_top(c.alpha, c.universe, k));
    let mid = top(c.capacity);
    (shape_is(f, Shape::Zipf)
        && c.capacity >= 10
        && c.capacity * 10 <= c.universe as usize
        && c.predicted(Lfu).is_some_and(|p| (p - mid.1).abs() < 1e-9))
    .then(|| [top(c.capacity / 10), mid, top(c.capacity * 10)])
}

/// The keys LRU might evict at the first question.
const EVICT: &[&str] = &["A", "B", "E"];

/// The article.
pub const ARTICLE: &[Passage<CacheFacts>] = &[
    Passage {
        scene: "lru-and-fifo",
        heading: "A small store in front of a slow one",
        paragraphs: &[
            &[Line::Note("A cache is a small, fast store in front of a large, slow one: memory in front of a database, an edge server in front of the origin. A request for something the cache holds is a hit, answered at once. Anything else is a miss: it goes on to the slow store, and the answer is kept in case someone asks again.")],
            &[Line::Note("Fast storage is dear, so the cache fills, and from then on every miss must throw something out. The rule that picks the victim is the eviction policy, and it is judged by one number, the hit ratio: the share of requests the cache answers itself. The misses are the slow store's load, so going from 90% hits to 95% halves it.")],
            &[
                Line::Note("The figure runs two policies side by side on twelve requests for five keys, A to E, with room for three. FIFO, first in first out, evicts the key that arrived earliest, however busy it has been since. LRU, least recently used, evicts the key whose last use lies furthest back, betting that what was used lately will be used again soon."),
                Line::Claim {
                    holds: |f| {
                        let s = st(f);
                        sides(f, Lru, Fifo)
                            && s.left.last.as_ref().is_some_and(|l| !l.hit && l.evicted.is_some())
                            && s.right.last.as_ref().is_some_and(|r| !r.hit && r.evicted.is_some())
                    },
                    text: |f| format!("Both caches are full, and the next request, number {}, asks for {}, which neither holds.", st(f).at, key_at(&st(f).left)),
                },
            ],
        ],
        ask: Some(Ask {
            question: |f| format!("Which key will LRU evict to make room for {}?", key_at(&st(f).left)),
            before: "at=9",
            choices: EVICT,
            answer: |f| {
                let v = victim(&st(f).left);
                EVICT.iter().position(|c| *c == v).unwrap_or(EVICT.len())
            },
            why: |f| {
                let l = served(&st(f).left);
                format!("LRU evicts *{}*. It was last asked for at request {}, and every other key in the cache has been used since, so it has gone longest without a use.", l.evicted.clone().unwrap_or_default(), l.victim_last.unwrap_or_default())
            },
        }),
    },
    Passage {
        scene: "lru-and-fifo",
        heading: "Recency against arrival",
        paragraphs: &[
            &[Line::Claim {
                holds: |f| {
                    let s = st(f);
                    sides(f, Lru, Fifo)
                        && matches!(served(&s.left).why, Why::LeastRecent)
                        && matches!(served(&s.right).why, Why::Oldest)
                        && victim(&s.left) != victim(&s.right)
                        && served(&s.right).victim_last.is_some()
                },
                text: |f| {
                    let s = st(f);
                    format!("FIFO makes another choice for the same request. It evicts *{}*, the earliest of its keys to arrive, though {} was used again at request {}: FIFO never looks at hits, only at the order of arrival.", victim(&s.right), victim(&s.right), served(&s.right).victim_last.unwrap_or_default())
                },
            }],
            &[Line::Note("LRU's bet is usually the better one, because most workloads reuse what they have just used, which is why LRU or something close to it is the default in so many caches.")],
            &[Line::Claim {
                holds: |f| sides(f, Lru, Fifo) && st(f).right.total > st(f).left.total && st(f).len > 0,
                text: |f| {
                    let s = st(f);
                    format!("Bets can lose, though. Step on to the end: FIFO finishes with {} of {} requests, a hit ratio of {}, and LRU with {}, {}.", hits(s.right.total), s.len, percent(f64::from(s.right.total) / s.len as f64), s.left.total, percent(f64::from(s.left.total) / s.len as f64))
                },
            }],
            &[Line::Note("This string is the textbook case of the anomaly Belady, Nelson and Shedler found in 1969: give FIFO a fourth slot and it misses more. LRU never does that, since every key it keeps with three slots it also keeps with four.")],
        ],
        ask: None,
    },
    Passage {
        scene: "opt",
        heading: "The best possible, and why nobody can build it",
        paragraphs: &[
            &[Line::Note("How well could any policy do? László Belady, at IBM, gave the answer in 1966: on a miss, evict the key whose next use lies furthest in the future, or one that will never be used again. Any other victim is wanted sooner, so it costs a miss sooner. The rule is called OPT, or MIN, and no policy beats it on any sequence of requests.")],
            &[
                Line::Claim {
                    holds: |f| {
                        let s = st(f);
                        sides(f, Lru, Opt)
                            && served(&s.left).victim_next == Some(s.at + 1)
                            && served(&s.right).victim_next > served(&s.left).victim_next
                    },
                    text: |f| {
                        let s = st(f);
                        format!("The figure goes back to request {}, {}, the first miss on a full cache. LRU evicts *{}*, its least recently used key, and {} is the very next request. OPT looks ahead and evicts *{}*, which nothing asks for until request {}, later than any other key it holds.", s.at, key_at(&s.left), victim(&s.left), victim(&s.left), victim(&s.right), served(&s.right).victim_next.unwrap_or_default())
                    },
                },
                Line::Claim {
                    holds: |f| sides(f, Lru, Opt) && st(f).right.total > st(f).left.total,
                    text: |f| {
                        let s = st(f);
                        format!("Over all {} requests OPT scores {} against LRU's {}.", s.len, hits(s.right.total), s.left.total)
                    },
                },
            ],
            &[Line::Note("A cache cannot see the future, so OPT runs nowhere in production. It is a yardstick: run over a recorded trace, the gap between it and a real policy is what a better guess could still win. Every chart below draws it as the ceiling.")],
        ],
        ask: None,
    },
    Passage {
        scene: "clock-and-sieve",
        heading: "A bit and a hand",
        paragraphs: &[
            &[Line::Note("LRU has a cost the figure hides. Every hit moves its key to the front of a list, so every read becomes a write, and threads serving hits at once queue for the lock that guards the list. A rule that makes hits nearly free is worth a lot, even if it guesses a little worse.")],
            &[Line::Note("CLOCK, from Fernando Corbató's paging experiments on Multics in 1968, arranges the entries in a circle with one bit each. A hit only sets its key's bit. On a miss a *hand* sweeps round: an entry whose bit is set has it cleared and is passed over, a second chance, and the first entry found with a clear bit is evicted. SIEVE, from Zhang, Yang, Yue, Vigfusson and Rashmi at NSDI 2024, keeps a queue instead, newest at the head, and its *hand* walks from the tail towards the head by the same rule. It leaves newcomers at the head, ahead of the hand, and stays where it stopped. That small difference will matter later.")],
            &[
                Line::Claim {
                    holds: |f| sides(f, Clock, Sieve) && cleared(&st(f).left) > 0 && cleared(&st(f).right) > 0,
                    text: |f| {
                        let s = st(f);
                        format!("Request {} is {}, a miss for both. CLOCK's *hand* finds {} with the bit set, because they were hit after they arrived; it clears them and evicts {}. SIEVE's *hand* clears {} and evicts {}.", s.at, key_at(&s.left), entries(cleared(&s.left)), victim(&s.left), entries(cleared(&s.right)), victim(&s.right))
                    },
                },
                Line::Claim {
                    holds: |f| sides(f, Clock, Sieve) && st(f).left.total == st(f).right.total,
                    text: |f| {
                        let s = st(f);
                        format!("Over all {} requests each scores {}.", s.len, hits(s.left.total))
                    },
                },
            ],
            &[Line::Note("Neither keeps exact order, yet on most real traffic both come close to LRU, and SIEVE often does better, with a hit that costs one write of one bit.")],
        ],
        ask: None,
    },
    Passage {
        scene: "zipf",
        heading: "Skewed popularity",
        paragraphs: &[
            &[Line::Note("Twelve requests show how each rule decides; what the rules are worth shows only over many. Real traffic is far from even: a few keys are asked for all the time and most hardly ever. A common model is Zipf's law, under which the key of rank k is requested in proportion to 1/k^α; Breslau and colleagues found web requests following it with α somewhat below 1 (INFOCOM 1999).")],
            &[Line::Claim {
                holds: |f| shape_is(f, Shape::Zipf) && cmp(f).universe > 0,
                text: |f| {
                    let c = cmp(f);
                    format!("The figure now works at scale: {} requests over {} keys, and a chart of hit ratio against cache size, one line per policy, with the chosen size marked: {} entries, {} of the keys.", count(c.requests as f64), count(f64::from(c.universe)), count(c.capacity as f64), percent(c.capacity as f64 / f64::from(c.universe)))
                },
            }],
        ],
        ask: Some(Ask {
            question: |f| {
                let c = cmp(f);
                let share = percent(c.capacity as f64 / f64::from(c.universe));
                format!("With every key equally likely, as in the figure now, a cache holding {share} of the keys hits about {share} of requests. Under Zipf's law with α = {}, what will LRU hit with the same {} entries?", c.alpha, count(c.capacity as f64))
            },
            before: "alpha=0",
            choices: &["About 1%, as before", "About 10%", "More than a third"],
            answer: |f| {
                let l = h(f, Lru);
                if l > 1.0 / 3.0 {
                    2
                } else if (0.05..0.2).contains(&l) {
                    1
                } else if l < 0.03 {
                    0
                } else {
                    3
                }
            },
            why: |f| {
                let c = cmp(f);
                format!("*LRU* hits {}. Under Zipf's law with α = {} the {} most popular keys draw {} of all requests between them, and the most popular of those come back long before LRU would let them go.", percent(c.h(Lru)), c.alpha, count(c.capacity as f64), percent(c.predicted(Lfu).unwrap_or_default()))
            },
        }),
    },
    Passage {
        scene: "zipf",
        heading: "More memory, smaller returns",
        paragraphs: &[
            &[Line::Claim {
                holds: |f| {
                    let c = cmp(f);
                    shape_is(f, Shape::Zipf) && c.hit(Lru).zip(c.predicted(Lru)).is_some_and(|(h, p)| (h - p).abs() < 0.02)
                },
                text: |f| {
                    let c = cmp(f);
                    format!("Che, Tung and Wang (2002) showed how to predict LRU from the popularities alone: treat every key as staying a fixed time after its last use, the time that just fills the cache. Their approximation, the dashed line labelled LRU theory, predicts {} at {} entries; the simulation measured {}.", percent(c.predicted(Lru).unwrap_or_default()), count(c.capacity as f64), percent(c.h(Lru)))
                },
            }],
            &[Line::Claim {
                holds: |f| {
                    tenfolds(f).is_some_and(|[a, b, c]| {
                        let (d1, d2) = (b.1 - a.1, c.1 - b.1);
                        (cmp(f).alpha - 1.0).abs() < 1e-9 && (d1 - d2).abs() < 0.03
                    })
                },
                text: |f| {
                    let [a, b, c] = tenfolds(f).unwrap_or_default();
                    format!("The chart's axis of size is logarithmic, and through the middle the curves climb at a nearly even slope. That is Zipf's law at α = 1: the share of requests the top k keys draw grows with the logarithm of k. The top {} keys draw {}, the top {} draw {}, the top {} draw {}; each tenfold of memory buys about the same {} points, so the first entries are worth far more than the last.", count(a.0 as f64), percent(a.1), count(b.0 as f64), percent(b.1), count(c.0 as f64), percent(c.1), points((c.1 - a.1) / 2.0))
                },
            }],
            &[
                Line::Claim {
                    holds: |f| {
                        let c = cmp(f);
                        shape_is(f, Shape::Zipf) && c.hit(Lfu).zip(c.predicted(Lfu)).is_some_and(|(h, p)| h <= p + 0.005 && p - h < 0.05)
                    },
                    text: |f| {
                        let c = cmp(f);
                        format!("*LFU* counts each key's uses and evicts the least used, so it learns which keys are popular: it hits {}, near the {} of a cache that held exactly the top {} keys for good.", percent(c.h(Lfu)), percent(c.predicted(Lfu).unwrap_or_default()), count(c.capacity as f64))
                    },
                },
                Line::Claim {
                    holds: |f| {
                        let c = cmp(f);
                        shape_is(f, Shape::Zipf) && c.best_real().is_some_and(|(k, b)| k != Lru && c.h(Opt) >= b && b > c.h(Lru) + 0.05)
                    },
                    text: |f| {
                        let c = cmp(f);
                        let (best, b) = c.best_real().unwrap_or((Lru, 0.0));
                        format!("*OPT*, which knows every request in advance, reaches {}. The best policy that does not, {}, hits {}, {} points above *LRU*, which pays for its short memory: every key asked for once pushes a popular key one place nearer the exit.", percent(c.h(Opt)), best.label(), percent(b), points(b - c.h(Lru)))
                    },
                },
            ],
        ],
        ask: None,
    },
    Passage {
        scene: "scans",
        heading: "Keys read once",
        paragraphs: &[
            &[Line::Note("A skewed stream is the friendly case. Caches also meet scans: a backup, an analytics query or a crawler reads a long run of keys once each, in order, and moves on.")],
            &[
                Line::Claim {
                    holds: |f| shape_is(f, Shape::Scan) && cmp(f).hot < cmp(f).capacity as u32,
                    text: |f| {
                        let c = cmp(f);
                        format!("Here {} of the requests belong to scans through {} cold keys, and the rest go to {} hot keys, few enough for a cache of {} to hold them all.", percent(c.scan_share), count(f64::from(c.universe - c.hot)), count(f64::from(c.hot)), count(c.capacity as f64))
                    },
                },
                Line::Note("Until you answer, the figure shows the hot keys alone."),
            ],
        ],
        ask: Some(Ask {
            question: |_| "On the twelve requests CLOCK and SIEVE scored the same. With half the requests scans, which of the two keeps more of its hits?".to_owned(),
            before: "scan=0",
            choices: &["CLOCK", "SIEVE", "Neither: they stay even"],
            answer: |f| {
                let (c, s) = (h(f, Clock), h(f, Sieve));
                if s > c + 0.02 {
                    1
                } else if c > s + 0.02 {
                    0
                } else if (c - s).abs() < 0.005 {
                    2
                } else {
                    3
                }
            },
            why: |f| {
                let (c, l) = (h(f, Clock), h(f, Lru));
                let beside = if (c - l).abs() < 0.005 { "the same as" } else { "against" };
                format!("*SIEVE* hits {} and CLOCK {}, {beside} *LRU*'s {}. What separates the two hands is where a newcomer waits, which twelve requests never put to the test.", percent(h(f, Sieve)), percent(c), percent(l))
            },
        }),
    },
    Passage {
        scene: "scans",
        heading: "Where a newcomer waits",
        paragraphs: &[
            &[Line::Claim {
                holds: |f| shape_is(f, Shape::Scan) && h(f, Lru) + 0.05 < 1.0 - cmp(f).scan_share && cmp(f).scan_run > cmp(f).capacity,
                text: |f| format!("*LRU* hits {}, though the requests that are not scans go to hot keys it has room for. A scan here reads up to {} cold keys in a row, and each goes to the front of LRU's list, so after {} of them no hot key is left: the hot set must be fetched again, one miss at a time.", percent(h(f, Lru)), count(cmp(f).scan_run as f64), count(cmp(f).capacity as f64)),
            }],
            &[Line::Claim {
                holds: |f| shape_is(f, Shape::Scan) && (h(f, Clock) - h(f, Lru)).abs() < 0.01 && cmp(f).scan_run > 2 * cmp(f).capacity,
                text: |f| format!("CLOCK hits {} too. Its newcomer takes the evicted entry's slot, just behind the hand, the last place the hand will reach, and a scan that long drives the hand twice round the circle: on the first turn it clears the hot keys' bits, on the second it evicts them.", percent(h(f, Clock))),
            }],
            &[Line::Claim {
                holds: |f| shape_is(f, Shape::Scan) && h(f, Sieve) > h(f, Lru) + 0.05,
                text: |f| format!("*SIEVE* hits {}. Its newcomer waits at the head, ahead of the hand, so the hand meets it before it comes back round to the keys it has already passed. The scanned keys are what the hand keeps finding, and they go in the order they came, while the hot keys behind the hand wait untouched until the scan is over. A new key must prove itself quickly; one that has is left alone.", percent(h(f, Sieve))),
            }],
        ],
        ask: None,
    },
    Passage {
        scene: "scans",
        heading: "New keys on probation",
        paragraphs: &[
            &[Line::Note("Two other designs reach the same result by putting new keys on probation. ARC, by Nimrod Megiddo and Dharmendra Modha of IBM (FAST 2003), keeps two LRU lists: one for keys seen once lately, one for keys seen at least twice. It also remembers the keys it recently evicted from each, without their data, and when one comes back it moves the boundary between the lists towards the side that would have kept it. A scan fills only the first list; the hot keys sit safe in the second.")],
            &[Line::Note("S3-FIFO, by Juncheng Yang and colleagues (SOSP 2023), uses three FIFO queues: a small one, a tenth of the cache, where new keys start; a main one for keys hit repeatedly while there; and a ghost queue remembering keys recently dropped from the small one, so that one coming back soon goes straight to main. Keys used once leave from the small queue without disturbing main.")],
            &[Line::Claim {
                holds: |f| {
                    let c = cmp(f);
                    shape_is(f, Shape::Scan)
                        && [Arc, S3Fifo, Sieve].iter().all(|&k| c.hit(k).is_some_and(|x| x > c.h(Lru) + 0.05))
                        && c.hit(Opt).is_some_and(|o| o <= 1.0 - c.scan_share + 0.005)
                },
                text: |f| {
                    let c = cmp(f);
                    let worst = [Arc, S3Fifo, Sieve].iter().map(|&k| c.h(k)).fold(1.0, f64::min);
                    format!("*ARC* hits {} and *S3-FIFO* {}; with *SIEVE*'s {}, all three are within {} points of *OPT*'s {}. OPT itself gets no more than about the hot share of the requests, {}: a scanned key comes back only after all {} cold keys have passed, far too late to be worth its slot.", percent(c.h(Arc)), percent(c.h(S3Fifo)), percent(c.h(Sieve)), points(c.h(Opt) - worst), percent(c.h(Opt)), percent(1.0 - c.scan_share), count(f64::from(c.universe - c.hot)))
                },
            }],
        ],
        ask: None,
    },
    Passage {
        scene: "loop",
        heading: "A loop just too big",
        paragraphs: &[
            &[Line::Note("Scans read keys once. Loops read the same keys again and again in the same order: a batch job walking a table every few minutes, a join rereading one side for every row of the other. When the loop fits in the cache, every lap after the first is all hits.")],
            &[Line::Claim {
                holds: |f| shape_is(f, Shape::Loop) && cmp(f).capacity < cmp(f).universe as usize,
                text: |f| {
                    let c = cmp(f);
                    format!("The figure's loop runs over {} keys, {} requests in all; until you answer, the cache holds every one of them.", count(f64::from(c.universe)), count(c.requests as f64))
                },
            }],
        ],
        ask: Some(Ask {
            question: |f| {
                let c = cmp(f);
                format!("Shrink the cache to {} entries, {} fewer than the loop. What will LRU hit?", count(c.capacity as f64), count((c.universe as usize - c.capacity) as f64))
            },
            before: "cap=1100",
            choices: &[
                "About 90%: most of the loop still fits",
                "About half",
                "Nothing at all",
            ],
            answer: |f| {
                let l = h(f, Lru);
                if l == 0.0 {
                    2
                } else if (0.35..0.65).contains(&l) {
                    1
                } else if (0.85..0.95).contains(&l) {
                    0
                } else {
                    3
                }
            },
            why: |f| {
                let c = cmp(f);
                format!("*LRU* hits {}. Between two requests for a key come the {} other keys of the loop, and an LRU cache of {} forgets a key once {} others have been asked for after it: every key is evicted just before it is wanted again.", percent(c.h(Lru)), count(f64::from(c.universe - 1)), count(c.capacity as f64), count(c.capacity as f64))
            },
        }),
    },
    Passage {
        scene: "loop",
        heading: "Recency's blind spot",
        paragraphs: &[
            &[Line::Claim {
                holds: |f| shape_is(f, Shape::Loop) && cmp(f).hit(Lru) == Some(0.0) && cmp(f).hit(Fifo) == Some(0.0),
                text: |f| {
                    let zero: Vec<&str> = cmp(f).hits.iter().filter(|h| h.1 == 0.0).map(|h| h.0.label()).collect();
                    format!("{} all hit nothing. One key more than the cache holds would be enough: the key a loop asks for next is always the one it asked for longest ago, and each of these rules has just thrown that key out. A loop is the exact opposite of LRU's bet.", and_list(&zero))
                },
            }],
            &[
                Line::Claim {
                    holds: |f| shape_is(f, Shape::Loop) && h(f, Random) > 0.1,
                    text: |f| format!("*Random* keeps no order at all, so part of the loop survives each lap by luck, and it hits {}.", percent(h(f, Random))),
                },
                Line::Claim {
                    holds: |f| shape_is(f, Shape::Loop) && h(f, S3Fifo) > 0.3 && cmp(f).hit(Lru) == Some(0.0),
                    text: |f| format!("S3-FIFO is the exception, at {}. Its main queue holds keys that came back while the ghost queue still remembered them, and when it needs room it puts back any key used since its last turn instead of evicting it. On a loop every key in that queue is used once a lap, so much of it survives from one lap to the next.", percent(h(f, S3Fifo))),
                },
                Line::Claim {
                    holds: |f| {
                        let c = cmp(f);
                        let lap = (c.capacity as f64 - 1.0) / f64::from(c.universe);
                        shape_is(f, Shape::Loop) && (c.h(Opt) - lap).abs() < 0.02 && c.h(Opt) > c.h(Random)
                    },
                    text: |f| {
                        let c = cmp(f);
                        format!("*OPT* hits {}. On a loop the key wanted furthest in the future is the one just used, so OPT keeps {} keys in place and cycles the rest through a single slot, close to the (c − 1)/n = {} of a lap in steady state.", percent(c.h(Opt)), count(c.capacity as f64 - 1.0), percent((c.capacity as f64 - 1.0) / f64::from(c.universe)))
                    },
                },
            ],
            &[Line::Note("Databases meet this when queries read a table a little larger than memory, lap after lap. PostgreSQL reads a large table through a small ring of buffers set aside for the scan, so one query cannot flush the shared pool. For a loop itself the best rule is the reverse of LRU, evicting the most recently used key, which is what OPT ends up doing.")],
        ],
        ask: None,
    },
    Passage {
        scene: "hotspot-moves",
        heading: "When the favourites change",
        paragraphs: &[
            &[Line::Note("LRU lost to the scan and the loop because it remembers only order; LFU did well on the skewed stream because it remembers counts. Counts fail in their own way, because popularity moves: yesterday's news, last season's catalogue.")],
            &[Line::Claim {
                holds: |f| shape_is(f, Shape::Shift),
                text: |f| {
                    let c = cmp(f);
                    format!("The figure draws {} requests from a Zipf law over {} keys, with room for {}, but halfway through the ranking turns: the hot keys go cold and keys from the cold middle take their place.", count(c.requests as f64), count(f64::from(c.universe)), count(c.capacity as f64))
                },
            }],
            &[Line::Claim {
                holds: |f| {
                    let (lfu, lru) = (halves(f, Lfu), halves(f, Lru));
                    shape_is(f, Shape::Shift) && lfu.0 > lru.0 + 0.02 && lfu.1 + 0.1 < lru.1 && (lru.1 - lru.0).abs() < 0.03
                },
                text: |f| {
                    let (lfu, lru) = (halves(f, Lfu), halves(f, Lru));
                    format!("Before the turn *LFU* hits {} of requests, ahead of *LRU*'s {}. After it, LFU falls to {}. The old favourites have built up high counts and keep their slots long after anyone asks for them, while each new favourite arrives with a count of one and is the first to go. LRU soon forgets the old keys and hits {} in the second half.", percent(lfu.0), percent(lru.0), percent(lfu.1), percent(lru.1))
                },
            }],
            &[Line::Claim {
                holds: |f| {
                    let (arc, lfu, lru) = (halves(f, Arc), halves(f, Lfu), halves(f, Lru));
                    shape_is(f, Shape::Shift) && arc.0 >= lfu.0 - 0.02 && arc.1 >= arc.0 - 0.02 && arc.1 > lru.1 + 0.02
                },
                text: |f| {
                    let arc = halves(f, Arc);
                    format!("*ARC* gets the best of both: {} before the turn and {} after. Its second list favours keys seen twice or more, as counts do, but it is kept in LRU order, so a favourite nobody asks for any more drifts to its end and leaves.", percent(arc.0), percent(arc.1))
                },
            }],
            &[Line::Note("Production LFUs age their counts for this reason: Redis's LFU mode lets a key's counter decay with time, and Caffeine's TinyLFU halves all its counts every so often. The widget's LFU keeps raw counts, to show what ageing is for.")],
        ],
        ask: None,
    },
    Passage {
        scene: "hotspot-moves",
        heading: "Choosing a policy",
        paragraphs: &[
            &[Line::Claim {
                holds: |f| {
                    let c = cmp(f);
                    shape_is(f, Shape::Shift) && c.h(Arc) > c.h(Lru) && c.h(Lru) > c.h(Lfu) && c.best_real().is_some_and(|(_, b)| c.h(Opt) >= b)
                },
                text: |f| {
                    let c = cmp(f);
                    format!("Over the whole run *ARC* hits {}, *LRU* {} and *LFU* {}, with OPT's {} as the ceiling.", percent(c.h(Arc)), percent(c.h(Lru)), percent(c.h(Lfu)), percent(c.h(Opt)))
                },
            }],
            &[Line::Note("No rule wins everywhere, and each workload on this page breaks one. LRU is simple and good when the recent past predicts the near future, and fails on scans and loops. LFU holds a steady hot set and fails when it moves. FIFO and CLOCK are cheaper than LRU and behave much like it, failures included. ARC, S3-FIFO and SIEVE keep new keys on probation and let reused ones stay, which holds up against scans and moving hotspots; on the loop, only S3-FIFO kept some of its hits. SIEVE does it with one bit per key.")],
            &[Line::Note("So measure before choosing: record a day of your cache's keys, import the trace into the widget, and run every policy and OPT over it. Every number on this page was computed by the simulation beside the text, in your browser.")],
        ],
        ask: None,
    },
];
