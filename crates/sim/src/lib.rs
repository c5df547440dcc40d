//! The pure simulation core behind every Dials widget.
//!
//! No web dependencies, randomness only from a seeded [`rng::Rng`] passed in,
//! time only as an argument, and transcendental maths through `libm`, so the
//! same seed gives the same numbers natively and in wasm32.
//!
//! # Layout
//!
//! - [`rng`] — seeded portable random numbers (ChaCha8).
//! - [`hash`] — fixed splitmix64-based hashes for keys, virtual nodes and nodes.
//! - [`topology`] — the active nodes and their weights.
//! - [`keys`] — a generated key population, pre-sorted by hash.
//! - [`hash_ring`] — consistent-hashing ring with virtual nodes.
//! - [`mod_n`] — naive `hash mod N` placement and its expected movement.
//! - [`jump`] — Lamping & Veach jump consistent hash.
//! - [`rendezvous`] — highest-random-weight hashing, plain and weighted.
//! - [`bounded_load`] — consistent hashing with bounded loads.
//! - [`placement`] — one entry point dispatching over all strategies.
//! - [`movement`] — keys moved by a topology change versus the ideal.
//! - [`load`] — keys per node, balance statistics and closed-form predictions.
//! - [`quorum`] — Dynamo-style R/W/N quorums: staleness closed forms, Monte Carlo, WARS and timelines.
//! - [`cache`] — eviction policies (LRU … OPT), workloads, traces and Che's approximation.
//! - [`rate_limit`] — token and leaky buckets, GCRA, window counters and logs on one request stream.
//! - [`queue`] — queues and load balancing: arrivals, service times, balancer policies, fan-out and hedging, M/M/1, Erlang C and the supermarket model.
//! - [`cells`] — cell-based architecture and shuffle sharding: blast radius, poison tenants, wave deploys, cost.
//! - [`sort`] — stable linear-time sort by well-mixed 64-bit hashes, and the one
//!   comparison sort the ring uses.

#![warn(missing_docs)]

pub mod bounded_load;
pub mod cache;
pub mod cells;
pub mod hash;
pub mod hash_ring;
pub mod jump;
pub mod keys;
pub mod load;
pub mod mod_n;
pub mod movement;
pub mod placement;
pub mod queue;
pub mod quorum;
pub mod rate_limit;
pub mod rendezvous;
pub mod rng;
pub mod sort;
pub mod topology;
