//! Every control of the cells widget as one plain value, and its URL form.

use crate::embed::query::{fmt_float, shorten, Query, Reader};

/// Most tenants.
pub const MAX_TENANTS: u32 = 100_000;
/// Most cells.
pub const MAX_CELLS: u32 = 1_000;
/// Most workers for shuffle sharding.
pub const MAX_WORKERS: u32 = 1_000;
/// Largest shard.
pub const MAX_SHARD: u32 = 8;
/// Most failed units a link may name.
pub const MAX_FAILED: usize = 64;

/// How tenant traffic is distributed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkewKind {
    /// Every tenant the same size.
    Equal,
    /// Zipf: weight ∝ 1/rank^s.
    Zipf,
    /// Pareto draws with tail index α.
    Pareto,
}

/// Which architecture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArchKind {
    /// One shared deployment.
    Shared,
    /// N cells.
    Cells,
    /// Shuffle sharding over workers.
    Shuffle,
}

/// How tenants are assigned to cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// By a hash of the tenant id.
    Hash,
    /// The largest tenants in cells of their own, the rest packed by load.
    Dedicated,
    /// Stateless work: every request to a random cell.
    Random,
}

/// Which fault the page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Units failed by clicking them.
    Units,
    /// A poison tenant crashing every unit its requests reach.
    Poison,
    /// A bad deploy rolled out in waves.
    Deploy,
}

/// The whole state of the cells widget.
#[derive(Clone, Debug, PartialEq)]
pub struct CellsState {
    /// Tenants.
    pub tenants: u32,
    /// Size distribution.
    pub skew: SkewKind,
    /// Zipf exponent s or Pareto tail index α.
    pub skew_param: f64,
    /// Architecture.
    pub arch: ArchKind,
    /// Cells.
    pub cells: u32,
    /// Cell assignment.
    pub strategy: Strategy,
    /// Dedicated: how many of the largest tenants get a cell of their own.
    pub dedicated: u32,
    /// Shuffle sharding: workers.
    pub workers: u32,
    /// Shuffle sharding: workers per tenant.
    pub shard: u32,
    /// Shuffle sharding: no two tenants share more than this many workers.
    pub max_overlap: Option<u32>,
    /// The fault shown.
    pub fault: Fault,
    /// Failed units (cells or workers), sorted.
    pub failed: Vec<u32>,
    /// The poison tenant.
    pub poison: u32,
    /// The tenant picked on the grid: its units outlined, the others shaped
    /// by how many of them they share (none: the poison tenant, if any).
    pub pick: Option<u32>,
    /// Deploy: units per wave after the canary.
    pub wave: u32,
    /// Deploy: minutes between waves.
    pub bake: u32,
    /// Deploy: minutes until the problem is detected.
    pub detect: u32,
    /// Deploy: minutes to roll back.
    pub rollback: u32,
    /// Deploy: the minute shown.
    pub minute: u32,
    /// Cost: fixed overhead per cell, as a share of the fleet's baseline.
    pub overhead: f64,
    /// Cost: spare capacity each cell keeps.
    pub headroom: f64,
    /// Seed of the population and of every placement.
    pub seed: u64,
}

impl Default for CellsState {
    fn default() -> Self {
        CellsState {
            tenants: 1_000,
            skew: SkewKind::Zipf,
            skew_param: 1.0,
            arch: ArchKind::Cells,
            cells: 10,
            strategy: Strategy::Hash,
            dedicated: 1,
            workers: 8,
            shard: 2,
            max_overlap: None,
            fault: Fault::Units,
            failed: vec![3],
            poison: 0,
            pick: None,
            wave: 2,
            bake: 30,
            detect: 45,
            rollback: 20,
            minute: 0,
            overhead: 0.02,
            headroom: 0.3,
            seed: 1,
        }
    }
}

/// The URL parameter names, in the order they are written.
pub const PARAMS: [&str; 22] = [
    "tenants", "skew", "sk", "arch", "cells", "assign", "big", "workers", "shard", "maxov",
    "fault", "failed", "poison", "pick", "wave", "bake", "detect", "rollback", "minute",
    "overhead", "headroom", "seed",
];

impl CellsState {
    /// The fields a placement depends on, the rest at their defaults, so a
    /// change of any other control does not place the tenants again.
    pub fn placement_inputs(&self) -> CellsState {
        CellsState {
            arch: self.arch,
            cells: self.cells,
            strategy: self.strategy,
            dedicated: self.dedicated,
            workers: self.workers,
            shard: self.shard,
            max_overlap: self.max_overlap,
            seed: self.seed,
            ..CellsState::default()
        }
    }

    /// Cells or workers, whichever the architecture has.
    pub fn units(&self) -> u32 {
        match self.arch {
            ArchKind::Shared => 1,
            ArchKind::Cells => self.cells,
            ArchKind::Shuffle => self.workers,
        }
    }

    /// Fails unit `u`, or brings it back.
    pub fn toggle_failed(&mut self, u: u32) {
        if u >= self.units() {
            return;
        }
        if let Some(i) = self.failed.iter().position(|&f| f == u) {
            self.failed.remove(i);
        } else if self.failed.len() < MAX_FAILED {
            self.failed.push(u);
            self.failed.sort_unstable();
        }
    }

    /// Keeps every field that depends on another within range.
    pub fn fix(&mut self) {
        let units = self.units();
        self.failed.retain(|&f| f < units);
        self.shard = self.shard.clamp(1, MAX_SHARD.min(self.workers));
        if let Some(m) = self.max_overlap {
            self.max_overlap = (m < self.shard).then_some(m);
        }
        self.dedicated = self.dedicated.clamp(1, self.cells.saturating_sub(1).max(1));
        self.poison = self.poison.min(self.tenants.saturating_sub(1));
        self.pick = self.pick.filter(|&p| p < self.tenants);
        self.wave = self.wave.clamp(1, units.max(1));
    }

    /// Writes every field (the `view` parameter is the caller's).
    pub fn to_query(&self, q: &mut Query) {
        q.push("tenants", self.tenants.to_string());
        q.push(
            "skew",
            match self.skew {
                SkewKind::Equal => "equal",
                SkewKind::Zipf => "zipf",
                SkewKind::Pareto => "pareto",
            },
        );
        q.push("sk", fmt_float(self.skew_param));
        q.push(
            "arch",
            match self.arch {
                ArchKind::Shared => "shared",
                ArchKind::Cells => "cells",
                ArchKind::Shuffle => "shuffle",
            },
        );
        q.push("cells", self.cells.to_string());
        q.push(
            "assign",
            match self.strategy {
                Strategy::Hash => "hash",
                Strategy::Dedicated => "dedicated",
                Strategy::Random => "random",
            },
        );
        q.push("big", self.dedicated.to_string());
        q.push("workers", self.workers.to_string());
        q.push("shard", self.shard.to_string());
        q.push(
            "maxov",
            self.max_overlap
                .map_or_else(|| "none".to_owned(), |m| m.to_string()),
        );
        q.push(
            "fault",
            match self.fault {
                Fault::Units => "units",
                Fault::Poison => "poison",
                Fault::Deploy => "deploy",
            },
        );
        q.push(
            "failed",
            self.failed
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(","),
        );
        q.push("poison", self.poison.to_string());
        q.push(
            "pick",
            self.pick
                .map_or_else(|| "none".to_owned(), |p| p.to_string()),
        );
        q.push("wave", self.wave.to_string());
        q.push("bake", self.bake.to_string());
        q.push("detect", self.detect.to_string());
        q.push("rollback", self.rollback.to_string());
        q.push("minute", self.minute.to_string());
        q.push("overhead", fmt_float(self.overhead));
        q.push("headroom", fmt_float(self.headroom));
        q.push("seed", self.seed.to_string());
    }

    /// Reads the state from a query: every value checked, a notice for each fix.
    pub fn from_query(r: &mut Reader<'_>) -> CellsState {
        let d = CellsState::default();
        let tenants = r.int("tenants", d.tenants.into(), 1, MAX_TENANTS.into()) as u32;
        let skew = match r.choice("skew", "zipf", &["equal", "zipf", "pareto"]) {
            "equal" => SkewKind::Equal,
            "pareto" => SkewKind::Pareto,
            _ => SkewKind::Zipf,
        };
        let (lo, hi, def) = if skew == SkewKind::Pareto {
            (0.5, 5.0, 1.2)
        } else {
            (0.0, 3.0, d.skew_param)
        };
        let skew_param = r.float("sk", def, lo, hi);
        let arch = match r.choice("arch", "cells", &["shared", "cells", "shuffle"]) {
            "shared" => ArchKind::Shared,
            "shuffle" => ArchKind::Shuffle,
            _ => ArchKind::Cells,
        };
        let cells = r.int("cells", d.cells.into(), 1, MAX_CELLS.into()) as u32;
        let strategy = match r.choice("assign", "hash", &["hash", "dedicated", "random"]) {
            "dedicated" => Strategy::Dedicated,
            "random" => Strategy::Random,
            _ => Strategy::Hash,
        };
        let dedicated = r.int("big", d.dedicated.into(), 1, MAX_CELLS.into()) as u32;
        let workers = r.int("workers", d.workers.into(), 2, MAX_WORKERS.into()) as u32;
        let shard = r.int("shard", d.shard.into(), 1, MAX_SHARD.into()) as u32;
        let max_overlap = match r.raw("maxov").map(str::trim) {
            None | Some("none") => None,
            Some(v) => {
                match v.parse::<u32>() {
                    Ok(m) if m < shard => Some(m),
                    _ => {
                        r.notice("maxov", format!("'{}' is not none or a number below the shard size {shard}; used none", shorten(v)));
                        None
                    }
                }
            }
        };
        let fault = match r.choice("fault", "units", &["units", "poison", "deploy"]) {
            "poison" => Fault::Poison,
            "deploy" => Fault::Deploy,
            _ => Fault::Units,
        };
        let mut s = CellsState {
            tenants,
            skew,
            skew_param,
            arch,
            cells,
            strategy,
            dedicated,
            workers,
            shard,
            max_overlap,
            fault,
            failed: Vec::new(),
            poison: 0,
            pick: None,
            wave: 0,
            bake: 0,
            detect: 0,
            rollback: 0,
            minute: 0,
            overhead: 0.0,
            headroom: 0.0,
            seed: 0,
        };
        let units = s.units();
        match r.raw("failed") {
            None => s.failed = d.failed.iter().copied().filter(|&f| f < units).collect(),
            Some(raw) => {
                for part in raw
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .take(MAX_FAILED)
                {
                    match part.parse::<u32>() {
                        Ok(u) if u < units => s.failed.push(u),
                        _ => r.notice(
                            "failed",
                            format!("'{}' is not a unit below {units}; ignored", shorten(part)),
                        ),
                    }
                }
            }
        }
        s.failed.sort_unstable();
        s.failed.dedup();
        s.poison = r.int("poison", 0, 0, i64::from(tenants) - 1) as u32;
        s.pick = match r.raw("pick").map(str::trim) {
            None | Some("none") | Some("") => None,
            Some(v) => match v.parse::<u32>() {
                Ok(p) if p < tenants => Some(p),
                _ => {
                    r.notice(
                        "pick",
                        format!(
                            "'{}' is not none or a tenant below {tenants}; used none",
                            shorten(v)
                        ),
                    );
                    None
                }
            },
        };
        s.wave = r.int("wave", d.wave.into(), 1, MAX_WORKERS.into()) as u32;
        s.bake = r.int("bake", d.bake.into(), 1, 1_440) as u32;
        s.detect = r.int("detect", d.detect.into(), 0, 1_440) as u32;
        s.rollback = r.int("rollback", d.rollback.into(), 0, 1_440) as u32;
        s.minute = r.int("minute", 0, 0, 100_000) as u32;
        s.overhead = r.float("overhead", d.overhead, 0.0, 0.5);
        s.headroom = r.float("headroom", d.headroom, 0.0, 2.0);
        s.seed = r.u64("seed", d.seed);
        let before = s.clone();
        s.fix();
        if s.shard != before.shard {
            r.notice(
                "shard",
                format!(
                    "{} is more than the workers allow; used {}",
                    before.shard, s.shard
                ),
            );
        }
        if s.dedicated != before.dedicated {
            r.notice(
                "big",
                format!(
                    "{} leaves no shared cell; used {}",
                    before.dedicated, s.dedicated
                ),
            );
        }
        if s.wave != before.wave {
            r.notice(
                "wave",
                format!(
                    "{} is more units than there are; used {}",
                    before.wave, s.wave
                ),
            );
        }
        s
    }
}

#[cfg(test)]
mod tests;
