//! The deployment shapes the widget compares: one shared deployment, cells,
//! and shuffle sharding.

/// Most cells a cell architecture may have.
pub const MAX_CELLS: u32 = 1_000;
/// Most workers a shuffle-sharded fleet may have.
pub const MAX_WORKERS: u32 = 1_000;
/// Largest shard (workers per tenant) shuffle sharding may give.
pub const MAX_SHARD: u32 = 8;

/// How tenants are mapped to cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellStrategy {
    /// A fixed hash of the tenant id picks one cell.
    Hash,
    /// The `largest` heaviest tenants each get a cell of their own; the rest
    /// are packed greedily by load onto the remaining cells.
    Dedicated {
        /// Tenants given a dedicated cell (at most cells − 1 are honoured).
        largest: u32,
    },
    /// No affinity: every request goes to a random cell, so every tenant
    /// touches every cell.
    RandomPerRequest,
}

impl CellStrategy {
    /// Short name for URLs (`hash`, `dedicated`, `random`).
    pub fn slug(self) -> &'static str {
        match self {
            CellStrategy::Hash => "hash",
            CellStrategy::Dedicated { .. } => "dedicated",
            CellStrategy::RandomPerRequest => "random",
        }
    }

    /// Name on screen.
    pub fn label(self) -> &'static str {
        match self {
            CellStrategy::Hash => "Hash tenant → cell",
            CellStrategy::Dedicated { .. } => "Dedicated cells for the largest",
            CellStrategy::RandomPerRequest => "Random cell per request",
        }
    }
}

/// One way of deploying the service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Architecture {
    /// One deployment: a single unit that every tenant uses.
    Shared,
    /// Independent cells (1..=[`MAX_CELLS`]), tenants mapped by `strategy`.
    Cells {
        /// Number of cells.
        cells: u32,
        /// How tenants are mapped to cells.
        strategy: CellStrategy,
    },
    /// Shuffle sharding: each tenant gets its own `shard` of distinct workers
    /// out of `workers` (2..=[`MAX_WORKERS`]; shard 1..=min(8, workers)).
    Shuffle {
        /// Workers in the fleet.
        workers: u32,
        /// Workers per tenant.
        shard: u32,
        /// If set, no two tenants share more than this many workers
        /// (must be below `shard`; larger values are lowered to `shard − 1`).
        max_overlap: Option<u32>,
    },
}

impl Architecture {
    /// The architecture with every number inside its documented range.
    pub fn clamped(self) -> Architecture {
        match self {
            Architecture::Shared => Architecture::Shared,
            Architecture::Cells { cells, strategy } => {
                let cells = cells.clamp(1, MAX_CELLS);
                let strategy = match strategy {
                    CellStrategy::Dedicated { largest } => CellStrategy::Dedicated {
                        largest: largest.min(cells - 1),
                    },
                    other => other,
                };
                Architecture::Cells { cells, strategy }
            }
            Architecture::Shuffle {
                workers,
                shard,
                max_overlap,
            } => {
                let workers = workers.clamp(2, MAX_WORKERS);
                let shard = shard.clamp(1, MAX_SHARD.min(workers));
                Architecture::Shuffle {
                    workers,
                    shard,
                    max_overlap: max_overlap.map(|m| m.min(shard - 1)),
                }
            }
        }
    }

    /// Units (cells or workers) the clamped architecture deploys; 1 for shared.
    pub fn units(self) -> u32 {
        match self.clamped() {
            Architecture::Shared => 1,
            Architecture::Cells { cells, .. } => cells,
            Architecture::Shuffle { workers, .. } => workers,
        }
    }

    /// Short name for URLs (`shared`, `cells`, `shuffle`).
    pub fn slug(self) -> &'static str {
        match self {
            Architecture::Shared => "shared",
            Architecture::Cells { .. } => "cells",
            Architecture::Shuffle { .. } => "shuffle",
        }
    }

    /// Name on screen.
    pub fn label(self) -> &'static str {
        match self {
            Architecture::Shared => "One shared deployment",
            Architecture::Cells { .. } => "Cells",
            Architecture::Shuffle { .. } => "Shuffle sharding",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamping_keeps_documented_limits() {
        let a = Architecture::Cells {
            cells: 0,
            strategy: CellStrategy::Dedicated { largest: 9 },
        };
        assert_eq!(
            a.clamped(),
            Architecture::Cells {
                cells: 1,
                strategy: CellStrategy::Dedicated { largest: 0 }
            }
        );
        let s = Architecture::Shuffle {
            workers: 5_000,
            shard: 20,
            max_overlap: Some(30),
        };
        assert_eq!(
            s.clamped(),
            Architecture::Shuffle {
                workers: MAX_WORKERS,
                shard: MAX_SHARD,
                max_overlap: Some(MAX_SHARD - 1)
            }
        );
        let tiny = Architecture::Shuffle {
            workers: 0,
            shard: 0,
            max_overlap: None,
        };
        assert_eq!(tiny.units(), 2);
        assert_eq!(
            tiny.clamped(),
            Architecture::Shuffle {
                workers: 2,
                shard: 1,
                max_overlap: None
            }
        );
        assert_eq!(Architecture::Shared.units(), 1);
    }

    #[test]
    fn names_are_distinct() {
        assert_eq!(Architecture::Shared.slug(), "shared");
        assert_ne!(
            CellStrategy::Hash.slug(),
            CellStrategy::RandomPerRequest.slug()
        );
        assert!(!CellStrategy::Dedicated { largest: 1 }.label().is_empty());
    }
}
