//! The cells tour: seven scenes from one shared deployment to a bad deploy
//! rolled out in waves, each caption computed from [`CellsFacts`] at the
//! scene's state, each claim a predicate the widget's tests check.

use super::facts::{CellsFacts, DeployFacts};
use super::state::{ArchKind, Strategy};
use crate::kit::scene::{Layout, Line, Scene};
use crate::ui::readout::{count, percent, ratio};

/// A small count as a word ("eight"), a larger one in digits.
pub(super) fn word(n: u64) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n as usize)
        .map_or_else(|| count(n as f64), |w| (*w).to_owned())
}

/// [`word`] at the start of a sentence.
pub(super) fn cap(n: u64) -> String {
    let w = word(n);
    let mut c = w.chars();
    c.next()
        .map_or(w.clone(), |first| first.to_uppercase().chain(c).collect())
}

/// A small expectation with two significant digits ("35.7", "0.00013").
pub(super) fn small(v: f64) -> String {
    if v >= 0.1 || v <= 0.0 {
        crate::decimal::fixed(v, 1)
    } else {
        crate::decimal::fixed(v, (-v.log10()).ceil() as usize + 1)
    }
}

/// A number of shards, in digits while it fits.
pub(super) fn shards(v: f64) -> String {
    if v < 1e12 {
        count(v)
    } else {
        format!("{v:.3e}")
    }
}

/// Units as a list ("1 and 7").
pub(super) fn list(units: &[u32]) -> String {
    let names: Vec<String> = units.iter().map(u32::to_string).collect();
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

/// Whether the failed units took down exactly their own tenants, and no one
/// lost only part of their capacity.
pub(super) fn whole_cells_down(f: &CellsFacts) -> bool {
    f.damage.partial == 0 && f.damage.full == f.failed_tenants.iter().sum::<u32>()
}

/// Every tenant is down and all traffic fails: one shared deployment failed.
pub(super) fn all_down(f: &CellsFacts) -> bool {
    f.arch == ArchKind::Shared && f.damage.full == f.tenants && f.damage.traffic_lost > 0.999
}

/// The busiest cell is one holding the largest tenant.
pub(super) fn busiest_holds_largest(f: &CellsFacts) -> bool {
    f.arch == ArchKind::Cells && f.largest_units.contains(&f.busiest.0)
}

/// The largest tenant has a cell of its own, and that cell failed.
pub(super) fn giant_alone(f: &CellsFacts) -> bool {
    f.strategy == Strategy::Dedicated && f.largest_alone && f.failed == f.largest_units
}

/// Only the largest tenant is down, and its traffic is what fails.
pub(super) fn giant_down(f: &CellsFacts) -> bool {
    f.damage.full == 1
        && f.damage.partial == 0
        && (f.damage.traffic_lost - f.largest.1).abs() < 1e-9
}

/// The largest tenant's cell is the busiest, with a cost to show.
pub(super) fn giant_busiest(f: &CellsFacts) -> bool {
    f.largest_units == [f.busiest.0] && f.cost.is_some()
}

/// A poison tenant, and no other tenant shares its whole shard.
pub(super) fn nobody_whole(f: &CellsFacts) -> bool {
    f.poison.is_some() && f.damage.full == 0 && sh(f).4.last() == Some(&0)
}

/// Mid-deploy: the cells broken at the minute shown are the failed ones.
pub(super) fn down_now(f: &CellsFacts) -> bool {
    f.deploy.as_ref().is_some_and(|d| {
        d.minute < d.healthy_at && d.broken_now > 0 && d.broken_now as usize == f.failed.len()
    })
}

/// The deploy did some harm.
pub(super) fn harmed(f: &CellsFacts) -> bool {
    f.deploy.as_ref().is_some_and(|d| d.tenant_minutes > 0.0)
}

/// The shuffle-sharding figures, or none.
pub(super) fn sh(f: &CellsFacts) -> (u32, u32, f64, f64, &[u64]) {
    f.shuffle.as_ref().map_or((0, 0, 0.0, 0.0, &[][..]), |s| {
        (
            s.workers,
            s.shard,
            s.shards,
            s.expected_full,
            &s.measured[..],
        )
    })
}

/// The deploy's figures (the defaults when there is none).
pub(super) fn dep(f: &CellsFacts) -> DeployFacts {
    f.deploy.clone().unwrap_or(DeployFacts {
        wave: 0,
        bake: 0,
        detected_at: 0,
        healthy_at: 0,
        rollback: 0,
        waves_out: 0,
        units_out: 0,
        stopped_wave_at: None,
        tenant_minutes: 0.0,
        spread_after_detect: false,
        minute: 0,
        broken_now: 0,
    })
}

/// What a failure in the grid does, with its numbers.
const FAULT: Layout = Layout {
    figures: &["grid", "fault"],
    controls: &["arch", "cells"],
};

/// The tour.
pub const SCENES: &[Scene<CellsFacts>] = &[
    Scene {
        name: "one-shared-deployment",
        title: "One shared deployment",
        query: "arch=shared&fault=units&failed=0&wave=1",
        layout: Layout {
            figures: &["grid", "fault"],
            controls: &["arch"],
        },
        mark: "failed",
        says: &[
            Line::Claim {
                holds: all_down,
                text: |f| format!("All {} tenants share one deployment, so when it fails every one of them is down and {} of the traffic fails.", count(f64::from(f.tenants)), percent(f.damage.traffic_lost)),
            },
            Line::Note("The blast radius of a single failure is the whole customer base."),
        ],
    },
    Scene {
        name: "ten-cells",
        title: "Ten cells",
        query: "arch=cells&cells=10&assign=hash&fault=units&failed=3",
        layout: FAULT,
        mark: "failed",
        says: &[
            Line::Note("Split the fleet into independent cells, each serving its own slice of the tenants, and a failure stays inside one cell."),
            Line::Claim {
                holds: |f| f.arch == ArchKind::Cells && f.failed.len() == 1 && whole_cells_down(f) && (f.damage.tenant_share * f64::from(f.units) - 1.0).abs() < 0.25,
                text: |f| format!("Cell {} holds {} of the {} tenants ({}), about one in {}: when it fails they are down, and everyone else carries on.", list(&f.failed), count(f64::from(f.damage.full)), count(f64::from(f.tenants)), percent(f.damage.tenant_share), word(u64::from(f.units))),
            },
            Line::Claim {
                holds: |f| (f.damage.traffic_lost - f.damage.tenant_share).abs() > 0.01,
                text: |f| format!("But they carry {} of the traffic: tenants differ in size, so a cell's share of the tenants and its share of the traffic need not match.", percent(f.damage.traffic_lost)),
            },
        ],
    },
    Scene {
        name: "a-hundred-cells",
        title: "A hundred cells",
        query: "arch=cells&cells=100&assign=hash&fault=units&failed=3",
        layout: Layout {
            figures: &["grid", "cost"],
            controls: &["cells"],
        },
        mark: "failed busiest",
        says: &[
            Line::Claim {
                holds: |f| f.arch == ArchKind::Cells && f.failed.len() == 1 && whole_cells_down(f),
                text: |f| format!("With {} cells, cell {} failing takes down just {} tenants ({}).", count(f64::from(f.units)), list(&f.failed), count(f64::from(f.damage.full)), percent(f.damage.tenant_share)),
            },
            Line::Claim {
                holds: busiest_holds_largest,
                text: |f| format!("But every cell must be built as big as the busiest, cell {}, which carries {} of all traffic because it holds the largest tenant.", f.busiest.0, percent(f.busiest.1)),
            },
            Line::Claim {
                holds: |f| f.cost.is_some_and(|c| c.1 > 1.0),
                text: |f| {
                    let (cells, cost, _) = f.cost.unwrap_or((0, 0.0, 0.0));
                    format!("With each cell's own headroom and fixed overhead on top, {} such cells cost {}× one shared deployment.", count(f64::from(cells)), ratio(cost))
                },
            },
        ],
    },
    Scene {
        name: "the-largest-tenant-alone",
        title: "The largest tenant alone",
        query: "arch=cells&cells=10&assign=dedicated&big=1&fault=units&failed=0",
        layout: Layout {
            figures: &["grid", "cost"],
            controls: &["assign", "big"],
        },
        mark: "largest",
        says: &[
            Line::Claim {
                holds: giant_alone,
                text: |f| format!("Cell {} holds only tenant {}, the largest; the others are packed into the remaining {} cells by load.", list(&f.failed), f.largest.0, count(f64::from(f.units.saturating_sub(1)))),
            },
            Line::Claim {
                holds: giant_down,
                text: |f| format!("When that cell fails, one tenant in {} is down, yet {} of the traffic fails.", count(f64::from(f.tenants)), percent(f.damage.traffic_lost)),
            },
            Line::Claim {
                holds: giant_busiest,
                text: |f| {
                    let (cells, cost, _) = f.cost.unwrap_or((0, 0.0, 0.0));
                    format!("The giant's cell is the busiest, and every cell is sized like it: {} cells cost {}× one shared deployment.", count(f64::from(cells)), ratio(cost))
                },
            },
        ],
    },
    Scene {
        name: "shuffle-sharding",
        title: "Shuffle sharding",
        query: "arch=shuffle&workers=8&shard=2&fault=poison&poison=0",
        layout: Layout {
            figures: &["grid", "overlap"],
            controls: &["shard"],
        },
        mark: "shard",
        says: &[
            Line::Claim {
                holds: |f| sh(f).1 == 2,
                text: |f| format!("{} workers, and each tenant gets a random pair of them: {} possible pairs.", cap(u64::from(sh(f).0)), shards(sh(f).2)),
            },
            Line::Claim {
                holds: |f| f.poison.is_some() && f.failed.len() == 2,
                text: |f| format!("Tenant {} sends requests that crash every worker they reach: both of its own, {}.", f.poison.unwrap_or(0), list(&f.failed)),
            },
            Line::Claim {
                holds: |f| sh(f).4.last().is_some_and(|&m| m == u64::from(f.damage.full)),
                text: |f| format!("Only the {} tenants on that same pair lose everything (the closed form expects {}).", count(f64::from(f.damage.full)), small(sh(f).3)),
            },
            Line::Claim {
                holds: |f| {
                    let m = sh(f).4;
                    m.len() == 3 && m[1] == u64::from(f.damage.partial) && m[0] + m[1] + m[2] == u64::from(f.tenants) - 1
                },
                text: |f| {
                    let m = sh(f).4;
                    format!("Another {} share one worker and lose half their capacity; the other {} are untouched.", count(f64::from(f.damage.partial)), count(m.first().copied().unwrap_or(0) as f64))
                },
            },
        ],
    },
    Scene {
        name: "a-large-fleet",
        title: "A large fleet",
        query: "arch=shuffle&workers=100&shard=5&tenants=10000&fault=poison&poison=0",
        layout: Layout {
            figures: &["grid", "overlap"],
            controls: &["workers", "shard"],
        },
        mark: "shard",
        says: &[
            Line::Claim {
                holds: |f| f.shuffle.is_some(),
                text: |f| format!("With {} workers and shards of {}, there are {} possible shards.", count(f64::from(sh(f).0)), word(u64::from(sh(f).1)), shards(sh(f).2)),
            },
            Line::Claim {
                holds: nobody_whole,
                text: |f| format!("The poison tenant's {} workers crash, yet none of the other {} tenants has all of them: the closed form expects {} such tenants.", word(u64::from(sh(f).1)), count(f64::from(f.tenants.saturating_sub(1))), small(sh(f).3)),
            },
            Line::Claim {
                holds: |f| {
                    let m = sh(f).4;
                    m.len() > 2 && m[1..].iter().sum::<u64>() == u64::from(f.damage.partial) && f.damage.partial > 0
                },
                text: |f| {
                    let m = sh(f).4;
                    let most = m.iter().rposition(|&c| c > 0).unwrap_or(1);
                    format!("The {} tenants hit ({}) share between one and {} of its workers and lose that part of their capacity; {} are untouched.", count(f64::from(f.damage.partial)), percent(f.damage.tenant_share), word(most as u64), count(m.first().copied().unwrap_or(0) as f64))
                },
            },
            Line::Claim {
                holds: |f| f.damage.traffic_lost < 0.1,
                text: |f| format!("Only {} of all traffic fails.", percent(f.damage.traffic_lost)),
            },
        ],
    },
    Scene {
        name: "a-bad-deploy-in-waves",
        title: "A bad deploy, in waves",
        query: "arch=cells&cells=20&assign=hash&fault=deploy&wave=2&bake=30&detect=45&rollback=20&minute=35",
        layout: Layout {
            figures: &["grid", "fault"],
            controls: &["minute", "detect"],
        },
        mark: "failed",
        says: &[
            Line::Claim {
                holds: |f| f.deploy.is_some(),
                text: |f| format!("A bad change goes out to one canary cell first, then to waves of {} cells, {} minutes apart.", word(u64::from(dep(f).wave)), dep(f).bake),
            },
            Line::Claim {
                holds: |f| f.deploy.as_ref().is_some_and(|d| d.stopped_wave_at.is_some() && !d.spread_after_detect),
                text: |f| {
                    let d = dep(f);
                    let waves = match d.waves_out.saturating_sub(1) {
                        0 => "no wave".to_owned(),
                        1 => "one wave".to_owned(),
                        n => format!("{} waves", word(u64::from(n))),
                    };
                    format!("The problem is noticed at minute {}, before the wave due at minute {}: only the canary and {waves} went out, {} of the {} cells.", d.detected_at, d.stopped_wave_at.unwrap_or(0), count(f64::from(d.units_out)), count(f64::from(f.units)))
                },
            },
            Line::Claim {
                holds: down_now,
                text: |f| format!("At minute {}, {} cells are down: {} of the tenants are hit and {} of the traffic fails.", dep(f).minute, count(f64::from(dep(f).broken_now)), percent(f.damage.tenant_share), percent(f.damage.traffic_lost)),
            },
            Line::Claim {
                holds: harmed,
                text: |f| format!("Rolling back takes {} minutes, so every cell is healthy again at minute {}, after {} tenant-minutes of harm.", dep(f).rollback, dep(f).healthy_at, count(dep(f).tenant_minutes)),
            },
            Line::Note("Press Play, or step from one wave to the next with the down arrow, to watch it unfold."),
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_words() {
        assert_eq!(cap(8), "Eight");
        assert_eq!(word(20), "20");
        assert_eq!(small(35.678), "35.7");
        assert_eq!(small(0.000_132_8), "0.00013");
        assert_eq!(list(&[1, 7]), "1 and 7");
        assert_eq!(shards(28.0), "28");
    }
}
