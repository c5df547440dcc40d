//! Every widget's tour, as data: a beat is a state (the query a deep link
//! would carry), a heading and a caption. Adding or changing a beat touches
//! nothing else.

use crate::talk::tour::Beat;
use crate::widgets::WidgetKind;

/// The tour of `kind`.
pub fn of(kind: WidgetKind) -> &'static [Beat] {
    match kind {
        WidgetKind::HashRing => RING,
        WidgetKind::Quorum => QUORUM,
        WidgetKind::Cache => CACHE,
        WidgetKind::RateLimit => RATE_LIMIT,
        WidgetKind::Cells => CELLS,
    }
}

pub const RING: &[Beat] = &[
    Beat {
        title: "One node holds everything",
        query: "nodes=1&vnodes=1&keys=2000&change=none",
        caption: "Keys and nodes are hashed onto the same circle, and each key belongs to the first node clockwise from it. With a single node, that is every key.",
        controls: "sliders",
    },
    Beat {
        title: "A few nodes, one spot each",
        query: "nodes=5&vnodes=1&keys=2000&change=none",
        caption: "Five nodes, each at one spot. A node owns the arc that ends at it, and the arcs come out very uneven: look at the load chart and how far the busiest node sits above the mean.",
        controls: "sliders",
    },
    Beat {
        title: "A node joins",
        query: "nodes=6&vnodes=1&keys=2000&change=nodes:5",
        caption: "A sixth node lands on the circle and takes keys from one neighbour only. About a sixth of the keys move; numbering the nodes and using hash mod N would have moved most of them.",
        controls: "",
    },
    Beat {
        title: "Virtual nodes",
        query: "nodes=6&vnodes=100&keys=2000&change=nodes:5",
        caption: "Give every node a hundred spots instead of one. Many small arcs average out, the busiest node comes close to the mean, and a newcomer takes a little from everyone rather than a lot from one.",
        controls: "sliders",
    },
    Beat {
        title: "A node leaves",
        query: "nodes=6&vnodes=100&keys=2000&down=2&change=removed:2",
        caption: "Node 2 is removed. Only its keys move, and with virtual nodes they spread over all the survivors instead of doubling one neighbour's load.",
        controls: "",
    },
    Beat {
        title: "Replicas on the ring",
        query: "nodes=6&vnodes=100&keys=2000&rf=3&key=7&change=none",
        caption: "To keep copies, walk on clockwise from the key and take the next three distinct nodes: the key's preference list, marked R1 to R3. Skipping repeats matters once nodes have many spots.",
        controls: "sliders",
    },
    Beat {
        title: "Bounded loads",
        query: "nodes=6&vnodes=100&keys=2000&eps=0.1&change=none",
        caption: "Even with virtual nodes someone is busiest. Capping every node at (1 + ε) times the average, and sending a key on to the next node with room, bounds the worst load exactly; the comparison below shows the price in keys moved.",
        controls: "sliders",
    },
];

pub const QUORUM: &[Beat] = &[
    Beat {
        title: "Overlapping quorums",
        query: "n=3&r=2&w=2&read=1",
        caption: "Three replicas; a write waits for two acks and a read for two replies. Since 2 + 2 > 3, every read set shares a replica with every write set, so a read finds the latest acknowledged write.",
        controls: "sliders",
    },
    Beat {
        title: "Faster, looser",
        query: "n=3&r=1&w=1&read=1",
        caption: "Wait for one ack and one reply and the sets can miss each other. The readouts give the exact chance that a read straight after a write returns the older value, beside a seeded simulation of it.",
        controls: "sliders",
    },
    Beat {
        title: "One write, one read, in slow motion",
        query: "n=3&r=1&w=1&read=1&t=0",
        caption: "Play the timeline. The write commits after the first ack, while the other replicas are still being updated; a read that lands on one of those sees the old value.",
        controls: "playback",
    },
    Beat {
        title: "Stale, for how long?",
        query: "n=3&r=1&w=1&read=1&lat=disk",
        caption: "The chart shows the chance of a fresh read against the time since the write committed. Staleness is brief: within a few of the slowest message delays, almost every read is fresh.",
        controls: "sliders",
    },
    Beat {
        title: "A replica crashes",
        query: "n=3&r=2&w=2&failed=2&read=1",
        caption: "With one of three replicas down, two still answer, so reads and writes both go on. Crash a second one and neither quorum can be met.",
        controls: "",
    },
    Beat {
        title: "Across regions",
        query: "n=5&r=1&w=1&lat=wan&cr=3&cw=3&read=1",
        caption: "Over wide-area links the waiting dominates. ONE answers after the fastest reply; QUORUM (drawn for comparison) waits for the third, and the latency readouts show the bill.",
        controls: "sliders",
    },
];

pub const CACHE: &[Beat] = &[
    Beat {
        title: "LRU, one request at a time",
        query: "mode=step&left=lru&right=fifo&slots=3&at=0",
        caption: "Step through the requests. LRU keeps the most recently used keys and evicts the one left untouched longest; FIFO evicts the oldest arrival, however busy it is.",
        controls: "playback",
    },
    Beat {
        title: "The unreachable best",
        query: "mode=step&left=lru&right=opt&slots=3&at=12",
        caption: "OPT evicts the key that will be wanted furthest in the future. No real cache can see the future, but OPT is the ceiling every other policy is measured against.",
        controls: "playback",
    },
    Beat {
        title: "Cheap approximations",
        query: "mode=step&left=clock&right=sieve&slots=3&at=12",
        caption: "CLOCK and SIEVE keep one bit per entry instead of reordering a list on every hit, so hits cost almost nothing. Watch the hand sweep and clear the bits.",
        controls: "playback",
    },
    Beat {
        title: "Popularity at scale",
        query: "mode=compare&work=zipf&alpha=1&keys=10000&reqs=100000",
        caption: "A hundred thousand requests where a few keys are very popular. Every policy's hit ratio against cache size, with the closed-form approximations dashed beside the simulated curves.",
        controls: "sliders",
    },
    Beat {
        title: "Scans flush LRU",
        query: "mode=compare&work=scan&keys=20000&hot=500&scan=0.5&cap=600",
        caption: "Half of the requests now sweep through cold keys once. LRU lets each sweep push out the hot set; ARC, S3-FIFO and SIEVE keep one-hit keys from displacing it.",
        controls: "sliders",
    },
    Beat {
        title: "A loop just too big",
        query: "mode=compare&work=loop&keys=1000&reqs=100000",
        caption: "Keys requested in a loop of a thousand. Any cache smaller than the loop gets nothing from LRU, which always evicts the next key needed; Random and OPT keep part of the loop.",
        controls: "sliders",
    },
];

pub const RATE_LIMIT: &[Beat] = &[
    Beat {
        title: "One stream, six limiters",
        query: "traffic=onoff&limit=10&window=1000",
        caption: "Bursts of traffic, then quiet. Every lane is the same requests under a different algorithm: marks above the line pass, crosses below are refused, and the trace underneath is the limiter's state.",
        controls: "",
    },
    Beat {
        title: "The window edge",
        query: "traffic=boundary&limit=10&window=1000&spread=100",
        caption: "Ten requests just before a window boundary and ten just after. The fixed window lets all twenty through within a fifth of a second; the sliding log and sliding counter refuse most of the second ten.",
        controls: "",
    },
    Beat {
        title: "Room for a burst",
        query: "traffic=spike&limit=10&window=1000&burst=20&rate=5",
        caption: "A quiet stream with one spike. The token bucket and GCRA let a burst up to their size through at once and then hold to the rate; the queue delays requests instead of refusing them.",
        controls: "sliders",
    },
    Beat {
        title: "On a live clock",
        query: "traffic=poisson&rate=15&limit=10&window=1000&live=1&t=0",
        caption: "Play the clock and watch each limiter's state move as requests arrive: tokens draining and refilling, the queue filling, counts resetting at every window.",
        controls: "playback",
    },
    Beat {
        title: "Many gateways, one limit",
        query: "traffic=poisson&rate=30&limit=10&window=1000&k=8&share=sync&sync=500",
        caption: "Eight gateways share one limit by exchanging counts every half second. Between exchanges each one only knows its own traffic, so together they let through more than the limit.",
        controls: "sliders",
    },
];

pub const CELLS: &[Beat] = &[
    Beat {
        title: "One shared deployment",
        query: "arch=shared&fault=units&failed=0&wave=1",
        caption: "Every tenant on one deployment. When it fails, everyone is hit: the blast radius is the whole customer base.",
        controls: "",
    },
    Beat {
        title: "Ten cells",
        query: "arch=cells&cells=10&assign=hash&fault=units&failed=3",
        caption: "Split the fleet into ten independent cells and a failure stays inside one: about a tenth of the tenants, though not always a tenth of the traffic when tenant sizes are skewed.",
        controls: "sliders",
    },
    Beat {
        title: "A hundred cells",
        query: "arch=cells&cells=100&assign=hash&fault=units&failed=3",
        caption: "More cells, a smaller radius, but each cell carries its own fixed overhead and spare capacity. The cost chart shows what the isolation costs.",
        controls: "sliders",
    },
    Beat {
        title: "The largest tenant alone",
        query: "arch=cells&cells=10&assign=dedicated&big=1&fault=units&failed=0",
        caption: "Give the biggest tenant a cell of its own and pack the rest by load. Its cell failing hurts one tenant but a large share of traffic.",
        controls: "",
    },
    Beat {
        title: "Shuffle sharding",
        query: "arch=shuffle&workers=8&shard=2&fault=poison&poison=0",
        caption: "Eight workers, each tenant on a random pair of them: 28 possible pairs. A poison tenant crashes its two workers, but only tenants on that same pair lose everything; the rest lose half their capacity.",
        controls: "sliders",
    },
    Beat {
        title: "A large fleet",
        query: "arch=shuffle&workers=100&shard=5&tenants=10000&fault=poison&poison=0",
        caption: "A hundred workers and shards of five give 75 million possible shards. A poison tenant now shares all five workers with almost nobody: the overlap table gives the exact odds beside the seeded population.",
        controls: "sliders",
    },
    Beat {
        title: "A bad deploy, in waves",
        query: "arch=cells&cells=20&fault=deploy&wave=2&bake=30&detect=45&rollback=20&minute=0",
        caption: "A change goes to one canary cell, then to waves of two, baking half an hour between waves. Play the timeline: the harm stops spreading once the problem is noticed and rolled back.",
        controls: "playback",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embed::query::{Query, Reader};

    /// The notices a widget raises reading `query`.
    fn notices(kind: WidgetKind, query: &str) -> Vec<String> {
        let q = Query::parse(query);
        let mut r = Reader::new(&q);
        r.allow(&crate::embed::options::SHELL_PARAMS);
        match kind {
            WidgetKind::HashRing => {
                crate::widgets::hash_ring::state::RingState::from_query(&mut r);
            }
            WidgetKind::Quorum => {
                crate::widgets::quorum::state::QuorumState::from_query(
                    &mut r,
                    crate::widgets::quorum::model::profile_means,
                );
            }
            WidgetKind::Cache => {
                crate::widgets::cache::state::CacheState::from_query(&mut r);
            }
            WidgetKind::RateLimit => {
                crate::widgets::rate_limit::state::RateState::from_query(&mut r);
            }
            WidgetKind::Cells => {
                crate::widgets::cells::state::CellsState::from_query(&mut r);
            }
        }
        r.finish()
            .into_iter()
            .map(|n| format!("{}: {}", n.param, n.message))
            .collect()
    }

    #[test]
    fn every_beat_is_a_state_its_widget_reads_without_complaint() {
        for kind in [
            WidgetKind::HashRing,
            WidgetKind::Quorum,
            WidgetKind::Cache,
            WidgetKind::RateLimit,
            WidgetKind::Cells,
        ] {
            for (i, b) in of(kind).iter().enumerate() {
                let n = notices(kind, b.query);
                assert!(n.is_empty(), "{kind:?} beat {}: {n:?}", i + 1);
            }
        }
    }
}
