//! The cells article: from one shared deployment to a bad deploy rolled out
//! in waves, one passage per idea beside the scene that shows it. Every number
//! comes from [`CellsFacts`] at the passage's scene; every claim is checked.

use super::facts::CellsFacts;
use super::scenes::{
    all_down, busiest_holds_largest, cap, dep, down_now, giant_alone, giant_busiest, giant_down,
    harmed, list, nobody_whole, sh, shards, small, whole_cells_down, word,
};
use super::state::{ArchKind, Strategy};
use crate::kit::article::{Ask, Passage};
use crate::kit::scene::Line;
use crate::ui::readout::{count, percent, ratio};

/// The article.
pub const ARTICLE: &[Passage<CellsFacts>] = &[
    Passage {
        scene: "one-shared-deployment",
        heading: "One deployment, one blast radius",
        paragraphs: &[
            &[Line::Note("A service that many customers share runs, at first, as one deployment: one fleet of servers, one database, one configuration, every customer's requests mixed together. It is the cheapest way to run, because every spare server can help every customer. It is also a single thing that can break. A bad configuration push, a bug that one unusual request sets off, a customer whose traffic triples overnight: whatever goes wrong goes wrong for everyone.")],
            &[Line::Note("Redundancy inside the deployment does not help with these. Three availability zones survive a power cut in one of them, but a bad configuration is pushed to all three, and a request that crashes one server crashes its replacement too. Surviving those takes separating customers, not only machines.")],
            &[Line::Note("The share of customers one failure reaches is its blast radius. In the figure each box is a part of the system that can fail, holding marks for its heaviest tenants (customers, in the jargon), sized by their traffic; a failed box is outlined and hatched.")],
            &[Line::Claim {
                holds: all_down,
                text: |f| format!("Here all {} tenants share the deployment, and it has *failed*: every one of them is down, and {} of the traffic fails.", count(f64::from(f.tenants)), percent(f.damage.traffic_lost)),
            }],
        ],
        ask: None,
    },
    Passage {
        scene: "ten-cells",
        heading: "Cells",
        paragraphs: &[
            &[Line::Note("The oldest answer is to stop sharing everything. Split the fleet into cells: complete, independent copies of the service, each with its own servers and its own data, each serving a fixed slice of the tenants. A thin routing layer in front sends each tenant's requests to its cell and does nothing else, so it has little that can fail. A cell that breaks takes only its own tenants with it.")],
            &[Line::Note("The routing layer is the one piece every tenant still shares, so it is kept as simple as it can be: a table from tenant to cell, cached everywhere, changed rarely and carefully. Each cell is also capped in size, so that it can be tested at its full load before it is needed; a growing service gets more cells, not bigger ones.")],
            &[Line::Claim {
                holds: |f| f.arch == ArchKind::Cells && f.strategy == Strategy::Hash,
                text: |f| format!("The figure splits the same tenants into {} cells, placing each by a hash of its name.", word(u64::from(f.units))),
            }],
        ],
        ask: Some(Ask {
            question: |f| format!("Cell {} is about to fail. What goes down with it?", list(&f.failed)),
            before: "failed=",
            choices: &[
                "A tenth of the tenants, and a tenth of the traffic",
                "About a tenth of the tenants, but not a tenth of the traffic",
                "Every tenant, a little",
            ],
            answer: |f| {
                if f.damage.partial > 0 {
                    2
                } else if (f.damage.traffic_lost - f.damage.tenant_share).abs() > 0.01 {
                    1
                } else {
                    0
                }
            },
            why: |f| format!("Cell {} holds {} of the {} tenants ({}), and they are down while everyone else carries on. But they send {} of the traffic: tenants differ in size, and a hash spreads them by count, not by weight.", list(&f.failed), count(f64::from(f.damage.full)), count(f64::from(f.tenants)), percent(f.damage.tenant_share), percent(f.damage.traffic_lost)),
        }),
    },
    Passage {
        scene: "a-hundred-cells",
        heading: "Why not a hundred?",
        paragraphs: &[
            &[Line::Claim {
                holds: |f| f.arch == ArchKind::Cells && f.failed.len() == 1 && whole_cells_down(f),
                text: |f| format!("More cells, smaller blast radius: with {} cells, cell {} *failing* takes down just {} tenants ({}).", count(f64::from(f.units)), list(&f.failed), count(f64::from(f.damage.full)), percent(f.damage.tenant_share)),
            }],
        ],
        ask: Some(Ask {
            question: |_| "What does the fleet of small cells cost, against one shared deployment serving the same traffic?".to_owned(),
            before: "cells=10",
            choices: &[
                "About the same: the same servers, divided differently",
                "About one and a half times as much",
                "Many times as much",
            ],
            answer: |f| match f.cost {
                Some((_, c, _)) if c > 4.0 => 2,
                Some((_, c, _)) if c > 1.2 => 1,
                _ => 0,
            },
            why: |f| {
                let (cells, cost, _) = f.cost.unwrap_or((0, 0.0, 0.0));
                format!("Cells cannot lend each other capacity, so every cell must be built for the *busiest*, cell {}, which carries {} of all traffic because it holds the largest tenant. With each cell's own headroom and fixed overhead on top, {} cells cost {}× one shared deployment.", f.busiest.0, percent(f.busiest.1), count(f64::from(cells)), ratio(cost))
            },
        }),
    },
    Passage {
        scene: "a-hundred-cells",
        heading: "Size and skew",
        paragraphs: &[
            &[Line::Note("Two things make small cells expensive. Every cell carries a fixed cost whatever its size: its monitoring, its deployment pipeline, its minimum of servers in each availability zone. And real tenants are skewed: a few large customers send much of the traffic, and the cell that draws one of them must be built for it. The more cells, the further the busiest one stands from the average, and the more of every other cell's capacity sits idle.")],
            &[Line::Claim {
                holds: busiest_holds_largest,
                text: |f| format!("In the figure the *busiest* cell, cell {}, is the one holding tenant {}, the largest, alone worth {} of all traffic.", f.busiest.0, f.largest.0, percent(f.largest.1)),
            }],
            &[Line::Note("So the number of cells is a trade, not a setting to maximise: each halving of the blast radius is paid for in idle capacity. The cost chart in the widget draws the whole curve for the tenants shown.")],
        ],
        ask: None,
    },
    Passage {
        scene: "the-largest-tenant-alone",
        heading: "The giant in a cell of its own",
        paragraphs: &[
            &[
                Line::Note("A tenant large enough to size every cell is better placed on purpose than by a hash."),
                Line::Claim {
                    holds: giant_alone,
                    text: |f| format!("Here cell {} holds only tenant {}, the *largest*, and the other tenants are packed into the remaining {} cells by load.", list(&f.failed), f.largest.0, count(f64::from(f.units.saturating_sub(1)))),
                },
            ],
            &[
                Line::Claim {
                    holds: giant_down,
                    text: |f| format!("When that cell fails, one tenant in {} is down, yet {} of the traffic fails: a blast radius counted in customers and one counted in requests are different numbers, and a contract with a large customer cares about the second.", count(f64::from(f.tenants)), percent(f.damage.traffic_lost)),
                },
                Line::Claim {
                    holds: giant_busiest,
                    text: |f| {
                        let (cells, cost, _) = f.cost.unwrap_or((0, 0.0, 0.0));
                        format!("The giant's cell is still the busiest and every cell is sized like it, but with {} cells the fleet costs {}× one shared deployment.", count(f64::from(cells)), ratio(cost))
                    },
                },
            ],
            &[Line::Note("Systems that take cells seriously keep a map from tenant to cell that can be changed, so a customer who grows can be moved to a larger cell, or a cell of its own, without its requests noticing.")],
        ],
        ask: None,
    },
    Passage {
        scene: "shuffle-sharding",
        heading: "Shuffle sharding",
        paragraphs: &[
            &[Line::Note("Cells protect tenants from failures of the system. Some failures come from a tenant: a request that crashes the server that handles it, a flood that exhausts it. In a cell, that tenant takes down its cell-mates, and retries carry the poison to every server of the cell in turn.")],
            &[
                Line::Note("Shuffle sharding, as AWS named it, keeps one pool of workers but gives every tenant its own small random set of them, its shard, and sends its requests only there."),
                Line::Claim {
                    holds: |f| sh(f).1 == 2,
                    text: |f| format!("{} workers, and each tenant gets a random pair of them: there are {} possible *shards*.", cap(u64::from(sh(f).0)), shards(sh(f).2)),
                },
            ],
        ],
        ask: Some(Ask {
            question: |f| format!("Tenant {} is about to send requests that crash every worker they reach: both of its own. How many of the other {} tenants lose everything?", f.poison.unwrap_or(0), count(f64::from(f.tenants.saturating_sub(1)))),
            before: "fault=units&failed=",
            choices: &[
                "Hundreds: everyone who shares a worker with it",
                "A few dozen: only those on the very same pair",
                "None at all",
            ],
            answer: |f| {
                if f.damage.full == 0 {
                    2
                } else if f.damage.full < f.tenants / 10 {
                    1
                } else {
                    0
                }
            },
            why: |f| format!("A tenant loses everything only if its whole *shard* is the poisoned pair, {}: {} tenants, where the closed form, the other tenants times one chance in {}, expects {}. {} others share one worker and keep half their capacity.", list(&f.failed), count(f64::from(f.damage.full)), shards(sh(f).2), small(sh(f).3), count(f64::from(f.damage.partial))),
        }),
    },
    Passage {
        scene: "a-large-fleet",
        heading: "Combinatorics does the isolating",
        paragraphs: &[
            &[Line::Claim {
                holds: |f| f.shuffle.is_some(),
                text: |f| format!("The number of shards grows like a binomial coefficient, C(n, k). With {} workers and *shards* of {}, there are {} of them.", count(f64::from(sh(f).0)), word(u64::from(sh(f).1)), shards(sh(f).2)),
            }],
            &[Line::Note("Another tenant's shard is the poisoned one with probability 1 ÷ C(n, k), and shares exactly j of its workers with the hypergeometric probability C(k, j) · C(n − k, k − j) ÷ C(n, k). One more worker per shard multiplies the number of shards by (n − k) ÷ (k + 1), so the chance of a total overlap falls fast, while a poisoned request still reaches only k workers.")],
            &[
                Line::Claim {
                    holds: nobody_whole,
                    text: |f| format!("The poison tenant's {} workers crash, yet none of the other {} tenants has all of them: the closed form expects {} such tenants.", word(u64::from(sh(f).1)), count(f64::from(f.tenants.saturating_sub(1))), small(sh(f).3)),
                },
                Line::Claim {
                    holds: |f| {
                        let m = sh(f).4;
                        m.len() > 2 && m[1..].iter().sum::<u64>() == u64::from(f.damage.partial) && f.damage.partial > 0 && f.damage.traffic_lost < 0.1
                    },
                    text: |f| format!("The {} tenants that share some of its workers lose that part of their capacity and keep the rest, which a client that retries on another worker of its shard barely notices. Only {} of all traffic fails.", count(f64::from(f.damage.partial)), percent(f.damage.traffic_lost)),
                },
            ],
            &[Line::Note("Amazon Route 53 gives every hosted zone four of its 2,048 virtual name servers: C(2048, 4), about 730 billion possible shards, so an attack on one customer's name servers leaves every other customer with at least one server it does not share. Colm MacCárthaigh described the scheme in 2014; the Amazon Builders' Library has the longer account.")],
        ],
        ask: None,
    },
    Passage {
        scene: "a-bad-deploy-in-waves",
        heading: "A bad deploy, in waves",
        paragraphs: &[
            &[Line::Note("The most common failure of all is self-inflicted: a change. Cells give change a natural unit. A deployment goes out to one canary cell first, then to the rest in waves, with a pause between waves to watch the alarms. A bad change caught early has reached a few cells, and rolling it back there is quick.")],
            &[Line::Claim {
                holds: |f| f.deploy.is_some(),
                text: |f| format!("In the figure the change goes to one canary cell, then to waves of {} cells, {} minutes apart.", word(u64::from(dep(f).wave)), dep(f).bake),
            }],
        ],
        ask: Some(Ask {
            question: |f| format!("The problem is noticed at minute {}. How many of the {} cells will the change have reached by then?", dep(f).detected_at, count(f64::from(f.units))),
            before: "minute=0",
            choices: &["The canary alone", "The canary and a wave or two", "Every cell"],
            answer: |f| {
                let d = dep(f);
                if d.units_out <= 1 {
                    0
                } else if d.units_out >= f.units {
                    2
                } else {
                    1
                }
            },
            why: |f| {
                let d = dep(f);
                format!("Waves leave every {} minutes, so by minute {} the canary and {} went out: {} of the {} cells. The wave due at minute {} never left.", d.bake, d.detected_at, if d.waves_out == 2 { "one wave".to_owned() } else { format!("{} waves", word(u64::from(d.waves_out.saturating_sub(1)))) }, count(f64::from(d.units_out)), count(f64::from(f.units)), d.stopped_wave_at.unwrap_or(0))
            },
        }),
    },
    Passage {
        scene: "a-bad-deploy-in-waves",
        heading: "Detection sets the damage",
        paragraphs: &[
            &[
                Line::Claim {
                    holds: down_now,
                    text: |f| format!("At minute {}, {} cells are *down*: {} of the tenants are hit and {} of the traffic fails.", dep(f).minute, count(f64::from(dep(f).broken_now)), percent(f.damage.tenant_share), percent(f.damage.traffic_lost)),
                },
                Line::Claim {
                    holds: harmed,
                    text: |f| format!("Rolling back takes {} minutes, so every cell is healthy again at minute {}, after {} tenant-minutes of harm.", dep(f).rollback, dep(f).healthy_at, count(dep(f).tenant_minutes)),
                },
            ],
            &[Line::Note("The harm is an area: cells down times minutes down. Faster detection cuts both of its sides, since fewer waves leave and each broken cell is broken for less time; a longer pause between waves buys detection time at the price of slower releases; a smaller canary lowers the first step. Try the detection slider in the widget and watch the area change.")],
            &[Line::Note("The same waves suit every change that can hurt: code, configuration, feature flags, the cell map itself. What matters is that a change never reaches a second cell before the first has had time to show what it did.")],
            &[Line::Note("AWS describes the whole pattern, cells, a thin routing layer and deployments one cell at a time, in its Well-Architected guidance on cell-based architecture. None of it makes failures rarer. It makes each one smaller, and the figures above are the price and the pay-off, computed for this fleet from its seed.")],
        ],
        ask: None,
    },
];
