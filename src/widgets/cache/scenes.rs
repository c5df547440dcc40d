//! The cache widget's tour: three scenes step by step, then four at scale,
//! each caption computed from [`CacheFacts`] at the scene's state, each claim
//! a predicate the widget's tests check.

use super::facts::{CacheFacts, Column, CompareFacts, Served, StepFacts};
use crate::kit::scene::{Layout, Line, Scene};
use crate::ui::readout::{count, percent};
use sim::cache::policy::{PolicyKind, Why};
use sim::cache::workload::Shape;

/// Step mode's facts (empty in compare mode, where no step claim holds).
pub(super) fn st(f: &CacheFacts) -> StepFacts {
    f.step.clone().unwrap_or(StepFacts {
        slots: 0,
        at: 0,
        len: 0,
        left: Column {
            kind: PolicyKind::Lru,
            hits: 0,
            total: 0,
            last: None,
        },
        right: Column {
            kind: PolicyKind::Lru,
            hits: 0,
            total: 0,
            last: None,
        },
    })
}

/// Compare mode's facts (empty in step mode, where no compare claim holds).
pub(super) fn cmp(f: &CacheFacts) -> CompareFacts {
    f.compare.clone().unwrap_or(CompareFacts {
        shape: None,
        requests: 0,
        universe: 0,
        alpha: 0.0,
        hot: 0,
        scan_share: 0.0,
        capacity: 0,
        hits: Vec::new(),
        halves: Vec::new(),
        scan_run: 0,
        theory: Vec::new(),
    })
}

/// The request a column served last (a blank one if none).
pub(super) fn served(c: &Column) -> Served {
    c.last.clone().unwrap_or(Served {
        key: String::new(),
        hit: false,
        evicted: None,
        why: Why::Free,
        victim_last: None,
        victim_next: None,
    })
}

/// "1 hit" or "3 hits".
pub(super) fn hits(n: u32) -> String {
    format!("{n} {}", if n == 1 { "hit" } else { "hits" })
}

/// Bits the hand cleared on the last request (CLOCK or SIEVE), else 0.
pub(super) fn cleared(c: &Column) -> u32 {
    match served(c).why {
        Why::ClockHand { cleared } | Why::SieveHand { cleared } => cleared,
        _ => 0,
    }
}

/// "one entry" or "2 entries".
pub(super) fn entries(n: u32) -> String {
    if n == 1 {
        "one entry".to_owned()
    } else {
        format!("{n} entries")
    }
}

/// "A", "A and B", "A, B and C".
pub(super) fn and_list(v: &[&str]) -> String {
    match v.len() {
        0 => String::new(),
        1 => v[0].to_owned(),
        n => format!("{} and {}", v[..n - 1].join(", "), v[n - 1]),
    }
}

/// Whether `k` is in step mode's columns: on the left, on the right.
pub(super) fn sides(f: &CacheFacts, l: PolicyKind, r: PolicyKind) -> bool {
    f.step
        .as_ref()
        .is_some_and(|s| s.left.kind == l && s.right.kind == r)
}

/// A compare scene's workload is the one its caption describes.
pub(super) fn shape_is(f: &CacheFacts, shape: Shape) -> bool {
    f.compare.as_ref().is_some_and(|c| c.shape == Some(shape))
}

/// The last request's key, for captions that name it.
pub(super) fn key_at(c: &Column) -> String {
    served(c).key
}

/// The key a request evicted, or "".
pub(super) fn victim(c: &Column) -> String {
    served(c).evicted.unwrap_or_default()
}

/// The tour.
pub const SCENES: &[Scene<CacheFacts>] = &[
    Scene {
        name: "lru-and-fifo",
        title: "LRU, one request at a time",
        query: "mode=step&work=typed&left=lru&right=fifo&slots=3&at=10",
        layout: STEP,
        mark: "evicted",
        says: &[
            Line::Note("LRU keeps the keys used most recently and evicts the one left untouched longest. FIFO evicts the key that arrived first, however busy it has been since."),
            Line::Claim {
                holds: |f| {
                    sides(f, PolicyKind::Lru, PolicyKind::Fifo)
                        && matches!(served(&st(f).left).why, Why::LeastRecent)
                        && matches!(served(&st(f).right).why, Why::Oldest)
                        && victim(&st(f).left) != victim(&st(f).right)
                },
                text: |f| {
                    let s = st(f);
                    format!("Request {} is {}, and neither cache holds it. LRU evicts {}, the key left untouched longest. FIFO evicts {}, the oldest arrival in the cache, though it was used again at request {}.", s.at, key_at(&s.left), victim(&s.left), victim(&s.right), served(&s.right).victim_last.unwrap_or_default())
                },
            },
            Line::Claim {
                holds: |f| st(f).right.total > st(f).left.total && sides(f, PolicyKind::Lru, PolicyKind::Fifo),
                text: |f| {
                    let s = st(f);
                    format!("Step on to the end: FIFO finishes with {} and LRU with {}. On this sequence the simpler policy wins.", hits(s.right.total), s.left.total)
                },
            },
        ],
    },
    Scene {
        name: "opt",
        title: "The unreachable best",
        query: "mode=step&work=typed&left=lru&right=opt&slots=3&at=4",
        layout: STEP,
        mark: "evicted",
        says: &[
            Line::Note("OPT evicts the key that will be wanted furthest in the future. No real cache can see the future, but OPT is the ceiling every other policy is measured against."),
            Line::Claim {
                holds: |f| {
                    let s = st(f);
                    sides(f, PolicyKind::Lru, PolicyKind::Opt)
                        && served(&s.left).victim_next == Some(s.at + 1)
                        && served(&s.right).victim_next > served(&s.left).victim_next
                },
                text: |f| {
                    let s = st(f);
                    format!("Request {} is {} and the cache is full. LRU evicts {}, the least recently used key, and {} is the very next request. OPT evicts {}, which is not wanted again until request {}.", s.at, key_at(&s.left), victim(&s.left), victim(&s.left), victim(&s.right), served(&s.right).victim_next.unwrap_or_default())
                },
            },
            Line::Claim {
                holds: |f| sides(f, PolicyKind::Lru, PolicyKind::Opt) && st(f).right.total > st(f).left.total,
                text: |f| {
                    let s = st(f);
                    format!("Over all {} requests OPT scores {} against LRU's {}.", s.len, hits(s.right.total), s.left.total)
                },
            },
        ],
    },
    Scene {
        name: "clock-and-sieve",
        title: "Cheap approximations",
        query: "mode=step&work=typed&left=clock&right=sieve&slots=3&at=10",
        layout: STEP,
        mark: "hand",
        says: &[
            Line::Note("CLOCK and SIEVE keep one bit per entry instead of reordering a list on every hit, so a hit costs almost nothing: it only sets the bit. When room is needed, a hand sweeps the entries, clearing set bits, and evicts the first entry whose bit is already clear."),
            Line::Claim {
                holds: |f| sides(f, PolicyKind::Clock, PolicyKind::Sieve) && cleared(&st(f).left) > 0,
                text: |f| {
                    let s = st(f);
                    format!("Request {} is {}, a miss. CLOCK's hand passes {} whose bit is set, because they were used again after they arrived. It clears those bits, giving each a second chance, and evicts {}.", s.at, key_at(&s.left), entries(cleared(&s.left)), victim(&s.left))
                },
            },
            Line::Claim {
                holds: |f| sides(f, PolicyKind::Clock, PolicyKind::Sieve) && cleared(&st(f).right) > 0,
                text: |f| {
                    let s = st(f);
                    format!("SIEVE's hand does the same with its visited bits: it clears {} and evicts {}.", cleared(&s.right), victim(&s.right))
                },
            },
            Line::Claim {
                holds: |f| sides(f, PolicyKind::Clock, PolicyKind::Sieve) && st(f).left.total == st(f).right.total,
                text: |f| {
                    let s = st(f);
                    format!("Over all {} requests they score the same: {} each.", s.len, hits(s.left.total))
                },
            },
        ],
    },
    Scene {
        name: "zipf",
        title: "Popularity at scale",
        query: "mode=compare&work=zipf&alpha=1&keys=10000&reqs=100000&cap=100",
        layout: COMPARE,
        mark: "lru lfu opt",
        says: &[
            Line::Claim {
                holds: |f| shape_is(f, Shape::Zipf),
                text: |f| {
                    let c = cmp(f);
                    format!("{} requests over {} keys, drawn so that a few keys are very popular (Zipf, α = {}). The cache holds {} entries, {} of the keys.", count(c.requests as f64), count(f64::from(c.universe)), c.alpha, count(c.capacity as f64), percent(c.capacity as f64 / f64::from(c.universe)))
                },
            },
            Line::Claim {
                holds: |f| {
                    let c = cmp(f);
                    shape_is(f, Shape::Zipf) && c.hit(PolicyKind::Lru).zip(c.predicted(PolicyKind::Lru)).is_some_and(|(h, p)| (h - p).abs() < 0.02)
                },
                text: |f| {
                    let c = cmp(f);
                    format!("LRU hits {} of requests; Che's approximation, the dashed line, predicts {}.", percent(c.h(PolicyKind::Lru)), percent(c.predicted(PolicyKind::Lru).unwrap_or_default()))
                },
            },
            Line::Claim {
                holds: |f| {
                    let c = cmp(f);
                    shape_is(f, Shape::Zipf) && c.hit(PolicyKind::Lfu).zip(c.predicted(PolicyKind::Lfu)).is_some_and(|(h, p)| h <= p + 0.005 && p - h < 0.05)
                },
                text: |f| {
                    let c = cmp(f);
                    format!("The closed form beside LFU gives {}: what a cache that kept the {} most popular keys for good would hit on average. LFU, which learns popularity by counting uses, gets {}.", percent(c.predicted(PolicyKind::Lfu).unwrap_or_default()), count(c.capacity as f64), percent(c.h(PolicyKind::Lfu)))
                },
            },
            Line::Claim {
                holds: |f| {
                    let c = cmp(f);
                    c.best_real().is_some_and(|(_, b)| c.hit(PolicyKind::Opt).is_some_and(|o| o >= b))
                },
                text: |f| {
                    let c = cmp(f);
                    let (best, b) = c.best_real().unwrap_or((PolicyKind::Lru, 0.0));
                    format!("The best policy that cannot see the future, {}, hits {}; OPT hits {}.", best.label(), percent(b), percent(c.h(PolicyKind::Opt)))
                },
            },
        ],
    },
    Scene {
        name: "scans",
        title: "Scans flush LRU",
        query: "mode=compare&work=scan&keys=20000&hot=500&scan=0.5&cap=600",
        layout: COMPARE,
        mark: "lru arc s3fifo sieve opt",
        says: &[
            Line::Claim {
                holds: |f| shape_is(f, Shape::Scan) && cmp(f).hot < cmp(f).capacity as u32,
                text: |f| {
                    let c = cmp(f);
                    format!("{} of the requests sweep in order through {} cold keys; the rest go to {} hot keys, which a cache of {} could hold.", percent(c.scan_share), count(f64::from(c.universe - c.hot)), count(f64::from(c.hot)), count(c.capacity as f64))
                },
            },
            Line::Claim {
                holds: |f| {
                    let c = cmp(f);
                    shape_is(f, Shape::Scan) && [PolicyKind::Arc, PolicyKind::S3Fifo, PolicyKind::Sieve].iter().all(|&k| c.hit(k).is_some_and(|h| h > c.h(PolicyKind::Lru) + 0.05))
                },
                text: |f| {
                    let c = cmp(f);
                    format!("LRU hits only {}: every sweep pushes the hot set out. ARC ({}), S3-FIFO ({}) and SIEVE ({}) keep keys seen once from displacing it.", percent(c.h(PolicyKind::Lru)), percent(c.h(PolicyKind::Arc)), percent(c.h(PolicyKind::S3Fifo)), percent(c.h(PolicyKind::Sieve)))
                },
            },
            Line::Claim {
                holds: |f| shape_is(f, Shape::Scan) && cmp(f).hit(PolicyKind::Opt).is_some_and(|o| o <= 1.0 - cmp(f).scan_share + 0.005),
                text: |f| {
                    let c = cmp(f);
                    format!("Even OPT hits only {}: a cold key comes back only after the scans have passed through all {} of them, far too late to be worth keeping.", percent(c.h(PolicyKind::Opt)), count(f64::from(c.universe - c.hot)))
                },
            },
        ],
    },
    Scene {
        name: "loop",
        title: "A loop just too big",
        query: "mode=compare&work=loop&keys=1100&reqs=100000&cap=1000",
        layout: COMPARE,
        mark: "lru fifo random opt",
        says: &[
            Line::Claim {
                holds: |f| shape_is(f, Shape::Loop) && cmp(f).capacity < cmp(f).universe as usize,
                text: |f| {
                    let c = cmp(f);
                    format!("The keys come round in a loop of {}, and the cache holds {}.", count(f64::from(c.universe)), count(c.capacity as f64))
                },
            },
            Line::Claim {
                holds: |f| shape_is(f, Shape::Loop) && cmp(f).hit(PolicyKind::Lru) == Some(0.0) && cmp(f).hit(PolicyKind::Fifo) == Some(0.0),
                text: |f| {
                    let zero: Vec<&str> = cmp(f).hits.iter().filter(|h| h.1 == 0.0).map(|h| h.0.label()).collect();
                    format!("{} hit nothing at all. The next key in the loop is always the one used longest ago, and that is just the key LRU and FIFO have already thrown out.", and_list(&zero))
                },
            },
            Line::Claim {
                holds: |f| shape_is(f, Shape::Loop) && cmp(f).hit(PolicyKind::Random).is_some_and(|r| r > 0.1) && cmp(f).h(PolicyKind::Opt) > cmp(f).h(PolicyKind::Random),
                text: |f| {
                    let c = cmp(f);
                    format!("Random evicts without a pattern, so part of the loop survives each lap: it hits {}. OPT hits {}.", percent(c.h(PolicyKind::Random)), percent(c.h(PolicyKind::Opt)))
                },
            },
        ],
    },
    Scene {
        name: "hotspot-moves",
        title: "The hotspot moves",
        query: "mode=compare&work=shift&keys=10000&reqs=100000&cap=300",
        layout: COMPARE,
        mark: "lfu lru arc",
        says: &[
            Line::Claim {
                holds: |f| shape_is(f, Shape::Shift),
                text: |f| {
                    let c = cmp(f);
                    format!("Halfway through these {} requests, the popular keys go cold and others take their place.", count(c.requests as f64))
                },
            },
            Line::Claim {
                holds: |f| shape_is(f, Shape::Shift) && cmp(f).hit(PolicyKind::Lfu).is_some_and(|l| l + 0.02 < cmp(f).h(PolicyKind::Lru)),
                text: |f| {
                    let c = cmp(f);
                    format!("LFU still counts the old favourites' uses and keeps them: it hits {}, against LRU's {}.", percent(c.h(PolicyKind::Lfu)), percent(c.h(PolicyKind::Lru)))
                },
            },
            Line::Claim {
                holds: |f| shape_is(f, Shape::Shift) && cmp(f).h(PolicyKind::Arc) > cmp(f).h(PolicyKind::Lru),
                text: |f| {
                    let c = cmp(f);
                    format!("ARC weighs recency against frequency and shifts its balance as it goes: it hits {}.", percent(c.h(PolicyKind::Arc)))
                },
            },
        ],
    },
];

/// The figures and controls of a step-mode scene.
const STEP: Layout = Layout {
    figures: &["step"],
    controls: &["playback"],
};

/// The figures and controls of a compare-mode scene.
const COMPARE: Layout = Layout {
    figures: &["compare"],
    controls: &["capacity"],
};
