//! Cache eviction policies, workloads and the closed forms that predict them.
//!
//! Keys are dense `u32` ids below a known universe size, so every policy can
//! index plain vectors instead of hashing: that is what makes a million
//! requests cost a few milliseconds. Time is the request's index in the trace
//! (one tick per request), passed in by the caller.
//!
//! # Layout
//!
//! - [`policy`] — the [`Policy`] trait, the [`PolicyKind`] enum and what a step reports.
//! - [`snapshot`] — a policy's inner state as plain data, for drawing step by step.
//! - `lru`, `lfu`, `fifo`, `clock`, `random`, `sieve`, `s3fifo`, `arc`, `opt`,
//!   `ttl` — one policy per file.
//! - [`list`] — the index-linked list the policies share.
//! - [`run`] — running a whole trace: hit counts, hit-ratio curves.
//! - [`workload`] — seeded request generators (Zipf, uniform, loop, scan, shifting hotspot).
//! - [`trace`] — typed sequences and imported traces parsed into dense keys, with line-numbered problems.
//! - [`che`] — Che's approximation for LRU, its FIFO/Random counterpart and the top-C bound for LFU.

pub mod arc;
pub mod che;
pub mod clock;
pub mod fifo;
pub mod lfu;
pub mod list;
pub mod lru;
pub mod opt;
pub mod policy;
pub mod random;
pub mod run;
pub mod s3fifo;
pub mod sieve;
pub mod snapshot;
pub mod trace;
pub mod ttl;
pub mod workload;

pub use arc::ArcCache;
pub use clock::Clock;
pub use fifo::Fifo;
pub use lfu::Lfu;
pub use lru::Lru;
pub use opt::Opt;
pub use policy::{Access, Policy, PolicyKind, Why};
pub use random::RandomEvict;
pub use run::{build, lru_curve, simulate, Runner, Stats};
pub use s3fifo::S3Fifo;
pub use sieve::Sieve;
pub use snapshot::{Entry, Lane, Mark, Snapshot};
pub use ttl::LruTtl;
