//! Cell-based architecture and shuffle sharding: how far one failure, one
//! poison tenant or one bad deploy reaches, and what the isolation costs.
//!
//! Tenants are dense ids with traffic shares ([`Population`]); an
//! [`Architecture`] places them on units — one shared deployment, cells, or
//! shuffle-sharded workers ([`Placement`]); failures of units then hit some
//! tenants fully and some partially ([`Impact`]).
//!
//! # Layout
//!
//! - [`population`] — seeded tenant populations: equal, Zipf or Pareto traffic.
//! - [`architecture`] — shared, cells (hash, dedicated, random per request), shuffle sharding.
//! - [`placement`] — which units each tenant uses, in CSR form, and each unit's load.
//! - `guard` (private) — the subset set behind shuffle sharding's overlap guarantee.
//! - [`fault`] — the impact of failed units and of a poison tenant.
//! - [`shuffle`] — closed forms for shard overlap and the measured overlap.
//! - [`deploy`] — a bad deploy rolled out in waves, minute by minute.
//! - [`cost`] — the isolation bill: blast radius against cost as cells grow.

pub mod architecture;
pub mod cost;
pub mod deploy;
pub mod fault;
mod guard;
pub mod placement;
pub mod population;
pub mod shuffle;

pub use architecture::{Architecture, CellStrategy};
pub use cost::{curve, CostModel, CurvePoint};
pub use deploy::{state_at, timeline, Plan, Timeline};
pub use fault::{impact, poison, Impact};
pub use placement::{place, Placement};
pub use population::{Population, Skew, MAX_TENANTS};
