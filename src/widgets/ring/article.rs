//! The ring's article: from why a cluster needs a placement rule to bounded
//! loads, one passage per idea beside the scene that shows it. Every number
//! comes from [`RingFacts`] at the passage's scene; every claim is checked.

use super::scenes::{names, RingFacts};
use crate::kit::article::{Ask, Passage};
use crate::kit::scene::Line;
use crate::ui::readout::{count, percent, ratio};
use sim::placement::Strategy;

/// The harmonic number H(n) = 1 + 1/2 + … + 1/n: the expected longest of n
/// random arcs of a circle, in units of the mean arc.
fn harmonic(n: usize) -> f64 {
    (1..=n).map(|k| 1.0 / k as f64).sum()
}

/// A small count in words ("five"), a larger one in digits.
fn word(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// The three answers to "where will the newcomer's keys come from?".
const FROM: &[&str] = &[
    "A little from each of the other nodes",
    "All of them from one neighbour",
    "From everywhere: most keys change owner",
];

/// Which of [`FROM`] the facts show.
fn from_answer(f: &RingFacts) -> usize {
    if f.sources.len() == 1 {
        1
    } else if f.sources.len() == f.nodes_before && f.moved_share < 0.5 {
        0
    } else {
        2
    }
}

/// The article.
pub const ARTICLE: &[Passage<RingFacts>] = &[
    Passage {
        scene: "one-node",
        heading: "Where does a key live?",
        paragraphs: &[
            &[Line::Note("A cache or a database outgrows one machine, so its data is split over several servers. From then on every client that reads or writes a key must know which server holds it. Asking a directory first costs a round trip on every request and makes the directory a single point of failure, so most systems use a rule instead: every client hashes the key and computes the server from the hash, with no one to ask.")],
            &[Line::Note("The rule everyone tries first is hash mod N: number the servers 0 to N − 1 and send each key to server hash(key) mod N. It spreads keys evenly and costs one division. Its trouble shows on the day N changes. Going from four servers to five changes almost every key's remainder, so almost every key now belongs somewhere else: a cache goes cold all at once, and a database has to copy nearly everything it stores while it is busiest.")],
            &[Line::Note("Consistent hashing, introduced by Karger and colleagues in 1997 for caching the web, is a rule under which a change of servers moves only the keys that must move. The figure beside this text is its whole idea. Bend the range of hash values into a circle. Hash every key to a point on it, the small dots, and hash every node to a point as well. A key belongs to the first node found by walking clockwise from its point.")],
            &[Line::Claim {
                holds: |f| f.counts.len() == 1 && f.counts[0].1 == f.keys,
                text: |f| format!("With a single node every walk ends at the same place, so N{} owns the whole circle: all {} keys.", f.counts[0].0, count(f.keys as f64)),
            }],
        ],
        ask: None,
    },
    Passage {
        scene: "one-spot-each",
        heading: "A few nodes, one spot each",
        paragraphs: &[
            &[Line::Note("Add nodes and each one takes a spot where its name hashes. A node now owns an arc: the stretch of circle that ends at its spot, because every key on that stretch walks clockwise into it. Keys are scattered evenly round the circle, so a node's share of the keys is just the length of its arc.")],
            &[
                Line::Claim {
                    holds: |f| f.vnodes == 1 && f.counts.len() > 1 && f.max_over_mean > 1.5,
                    text: |f| format!("Nothing makes those arcs equal. Here {} nodes have one spot each, and *the busiest node, N{}, holds {} keys*: {}× the mean of {}.", f.counts.len(), f.busiest.0, count(f.busiest.1 as f64), ratio(f.max_over_mean), count(f.mean)),
                },
                Line::Claim {
                    holds: |f| (f.idlest.1 as f64) < 0.5 * f.mean,
                    text: |f| format!("N{}, squeezed between two close neighbours, gets only {}.", f.idlest.0, count(f.idlest.1 as f64)),
                },
            ],
            &[Line::Claim {
                holds: |f| f.vnodes == 1 && f.counts.len() > 1,
                text: |f| format!("This is not an unlucky seed. When n points fall at random on a circle, the longest of the n arcs they cut is on average H(n) = 1 + 1/2 + … + 1/n times the mean arc, and for {} nodes that is {}×. The busiest node's excess grows with the size of the cluster, slowly, like the logarithm of n.", f.counts.len(), ratio(harmonic(f.counts.len()))),
            }],
            &[Line::Note("Keep this in mind for later: the ring's first answer to change is excellent, and its first answer to balance is poor.")],
        ],
        ask: None,
    },
    Passage {
        scene: "node-joins",
        heading: "A node joins",
        paragraphs: &[
            &[Line::Note("Now the moment that hash mod N handles so badly: the cluster grows. The new node hashes its name, and its spot lands somewhere on the circle, inside an arc that some node already owns. Before the figure moves, picture the circle with one more spot on it and the keys walking clockwise as before.")],
        ],
        ask: Some(Ask {
            question: |f| format!("{} is about to join these {}. Where will its keys come from?", names(&f.joined), word(f.nodes_before)),
            before: "nodes=5&change=none",
            choices: FROM,
            answer: from_answer,
            why: |f| format!("{} took the stretch of circle just before its spot, and every key on that stretch used to walk on to the next node, {}. No other key's walk changed, so no other key moved.", names(&f.joined), names(&f.sources)),
        }),
    },
    Passage {
        scene: "node-joins",
        heading: "Only what must move, moves",
        paragraphs: &[
            &[
                Line::Claim {
                    holds: |f| f.sources.len() == 1 && f.targets == f.joined && f.moved > 0,
                    text: |f| format!("Count them: {} of {} keys changed owner ({}). Every one came from *{}* and went to {}, and every other key stayed where it was.", count(f.moved as f64), count(f.keys as f64), percent(f.moved_share), names(&f.sources), names(&f.joined)),
                },
                Line::Note("For a cache that means the misses of one node's worth of keys, not a cold cluster; for a database, one copy between two machines."),
            ],
            &[Line::Claim {
                holds: |f| f.range().is_some_and(|(lo, hi)| (lo..=hi).contains(&f.moved_share)),
                text: |f| {
                    let (lo, hi) = f.range().unwrap_or_default();
                    format!("How many move depends on where the newcomer lands. On average a join moves 1/(n+1) of the keys, here {}, and no scheme can move fewer, since the new node must end up with its share. With one spot per node a single join typically moves anywhere from {}: the same lottery of arc lengths as before.", percent(f.expected), super::model::range_text(lo, hi))
                },
            }],
            &[Line::Claim {
                holds: |f| f.modn_share > 0.6,
                text: |f| format!("Set the same keys out by hash mod N instead and the step from {} servers to {} moves {} of them: a key stays only if its hash leaves the same remainder for both counts, which happens for about one key in n+1.", f.nodes_before, f.counts.len(), percent(f.modn_share)),
            }],
        ],
        ask: None,
    },
    Passage {
        scene: "virtual-nodes",
        heading: "Virtual nodes",
        paragraphs: &[
            &[Line::Note("The join also showed the ring's weakness. The newcomer's share was whatever arc it happened to land in, and it took all of it from one neighbour, which had no say in the matter. The fix, used by Amazon's Dynamo, by Cassandra and by most ring implementations since, is to give every node many spots instead of one. A node hashes its name with a counter (N0#0, N0#1, …) and owns every arc that ends at one of its spots. The spots are called virtual nodes.")],
        ],
        ask: Some(Ask {
            question: |f| format!("Every node now has {} spots, and {} joins again. Where will its keys come from this time?", count(f64::from(f.vnodes)), names(&f.joined)),
            before: "nodes=5&change=none",
            choices: FROM,
            answer: from_answer,
            why: |f| format!("Its {} spots land all over the circle, and each one takes a sliver of whichever node's arc it falls in. {} took {} keys ({}) from all {} other nodes, close to the 1/(n+1) = {} a join must move.", count(f64::from(f.vnodes)), names(&f.joined), count(f.moved as f64), percent(f.moved_share), f.nodes_before, percent(f.expected)),
        }),
    },
    Passage {
        scene: "virtual-nodes",
        heading: "Many small arcs average out",
        paragraphs: &[
            &[Line::Claim {
                holds: |f| f.vnodes > 1 && f.max_over_mean < 1.25,
                text: |f| format!("Balance improves for the same reason. A node's share is now the sum of {} small arcs, and a sum of many small random pieces strays far less from its average than one piece does: *the busiest node, N{}, holds {}× the mean*.", count(f64::from(f.vnodes)), f.busiest.0, ratio(f.max_over_mean)),
            }],
            &[Line::Note("The spread shrinks roughly with the square root of the number of spots, so a hundred spots cut it about tenfold against one. That is not free: a ring of 100 nodes with 100 spots each keeps 10,000 positions, and every lookup is a binary search among them. Spots also make weights easy, since a machine twice as large can simply take twice as many.")],
        ],
        ask: None,
    },
    Passage {
        scene: "node-leaves",
        heading: "A node leaves",
        paragraphs: &[
            &[Line::Note("Machines also go away: one crashes, or is drained for maintenance. Removing a node is a join played backwards. Its spots vanish, and each of its arcs merges into the arc of the next spot clockwise.")],
            &[
                Line::Note("With one spot per node, the whole arc would fall to a single neighbour, which would suddenly carry two shares: exactly the overload that makes one failure become two."),
                Line::Claim {
                    holds: |f| f.vnodes > 1,
                    text: |f| format!("The figure keeps {} spots per node.", count(f64::from(f.vnodes))),
                },
            ],
        ],
        ask: Some(Ask {
            question: |f| format!("N{} is about to be removed. Which keys will change owner?", f.removed.map_or(0, |r| r.0)),
            before: "down=&change=none",
            choices: &[
                "Only the keys it held",
                "Its keys, and some of its neighbours' to even out the load",
                "About a sixth of every node's keys",
            ],
            answer: |f| usize::from(!f.removed.is_some_and(|(id, held)| f.moved == held && f.sources == [id])),
            why: |f| {
                let (id, held) = f.removed.unwrap_or_default();
                format!("Every other key still walks clockwise to the same spot as before. N{id}'s {} keys are the only ones left without an owner, and with {} spots to fall from they spread over all {} survivors instead of doubling one neighbour's load.", count(held as f64), count(f64::from(f.vnodes)), f.counts.len())
            },
        }),
    },
    Passage {
        scene: "replicas",
        heading: "Copies: the preference list",
        paragraphs: &[
            &[Line::Note("A key kept on one machine is lost with it, so real systems keep several copies. The ring gives them a natural place: walk on clockwise from the key past its owner and take the next distinct nodes. Dynamo calls this the key's *preference list*: the first node is the key's home, the next ones hold its replicas and stand in when the home is down.")],
            &[
                Line::Claim {
                    holds: |f| f.preference.len() >= 2,
                    text: |f| format!("Here the circle keeps {} copies of every key, and key-{}'s *preference list* is {}.", f.preference.len(), f.key, names(&f.preference)),
                },
                Line::Claim {
                    holds: |f| f.skipped > 0,
                    text: |f| format!("On the way the walk passed {} of a node already on the list and skipped {}: with several spots per node, the next spot clockwise often belongs to a node the list already has, and two copies on one machine would protect nothing.", if f.skipped == 1 { "one spot".to_owned() } else { format!("{} spots", f.skipped) }, if f.skipped == 1 { "it" } else { "them" }),
                },
            ],
            &[Line::Note("The same property that kept joins cheap keeps replication cheap: when a node joins or leaves, only the preference lists that pass through its spots change, and the copies that must be made are the ones a neighbour can send. Cassandra goes one step further and chooses replicas that sit in different racks or data centres, walking on past nodes that share a failure domain.")],
        ],
        ask: None,
    },
    Passage {
        scene: "bounded-loads",
        heading: "Bounded loads",
        paragraphs: &[
            &[Line::Note("Back to balance. Virtual nodes pull the busiest node towards the average only as fast as the square root of their number, and every spot costs memory and lookup time. With a few spots per node, or where every request is expensive (a video server streaming from its cache, a load balancer pinning users to backends), the excess still hurts. In 2016 Mirrokni, Thorup and Zadimoghaddam proposed a bound: give every node a capacity of (1 + ε) times the mean, and when a key's node is full, walk on clockwise to the next node with room. Vimeo put it into HAProxy soon after.")],
            &[
                Line::Claim {
                    holds: |f| f.scheme(Strategy::Ring).1 > 1.0 + f.epsilon,
                    text: |f| format!("The table compares the schemes on the same keys. With {} spots per node the plain ring's busiest node holds {}× its fair share.", count(f64::from(f.vnodes)), ratio(f.scheme(Strategy::Ring).1)),
                },
                Line::Claim {
                    holds: |f| f.scheme(Strategy::BoundedLoads).1 <= 1.0 + f.epsilon + f.counts.len() as f64 / f.keys as f64,
                    text: |f| format!("With *bounded loads* and ε = {}, every node is capped at {} times the mean, rounded up to a whole key, and the busiest holds {}×.", ratio(f.epsilon), ratio(1.0 + f.epsilon), ratio(f.scheme(Strategy::BoundedLoads).1)),
                },
            ],
            &[Line::Claim {
                holds: |f| f.scheme(Strategy::BoundedLoads).0 > f.scheme(Strategy::Ring).0,
                text: |f| format!("The price is paid on change. A key pushed on by a full node can be pushed again when the loads shift, so when {} joined, *bounded loads* moved {} of the keys where the plain ring moved {}: the bound trades some stability for balance, and ε sets the exchange rate.", names(&f.joined), percent(f.scheme(Strategy::BoundedLoads).0), percent(f.scheme(Strategy::Ring).0)),
            }],
        ],
        ask: None,
    },
    Passage {
        scene: "bounded-loads",
        heading: "Other ways to agree without asking",
        paragraphs: &[
            &[Line::Note("The ring is not the only rule with the property Karger was after. Rendezvous hashing (Thaler and Ravishankar, 1996) gives every key a score with every node and picks the highest: perfectly consistent and well balanced, at the cost of a score per node on every lookup. Jump consistent hash (Lamping and Veach, 2014) computes a bucket number from the key in a few instructions with no table at all, but only for nodes numbered 0 to n − 1 that join and leave at the end.")],
            &[Line::Claim {
                holds: |f| f.scheme(Strategy::ModN).0 > 0.5 && f.scheme(Strategy::Jump).0 < 0.3 && f.scheme(Strategy::Rendezvous).0 < 0.3,
                text: |f| format!("On the same join, rendezvous hashing moved {} of the keys with its busiest node at {}×; jump hash moved {} at {}×; hash mod N moved {}.", percent(f.scheme(Strategy::Rendezvous).0), ratio(f.scheme(Strategy::Rendezvous).1), percent(f.scheme(Strategy::Jump).0), ratio(f.scheme(Strategy::Jump).1), percent(f.scheme(Strategy::ModN).0)),
            }],
            &[Line::Note("Which to choose follows from what changes. Servers that come and go in any order, with replicas to place: a ring with virtual nodes, as in Dynamo and Cassandra. Shards numbered in order that only grow: jump hash. Few servers and a need for even load: rendezvous. Expensive requests and a load that must never overshoot: bounded loads. The widget lets you put each of them through the same joins and failures; the numbers above were computed by it, in this page, from the same seed.")],
        ],
        ask: None,
    },
];
