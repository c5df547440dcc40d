//! Rate limiters on one request stream.
//!
//! Six algorithms decide the same requests so the widget can show them side
//! by side: which requests each admits, how its state evolves, how much it
//! lets through around a window boundary and how much it remembers per
//! client. Time is integer microseconds everywhere and every rate is kept
//! in exact integer units, so a long run never drifts and native and wasm32
//! runs agree bit for bit.
//!
//! # Layout
//!
//! - [`limiter`] — the [`Limiter`] trait, [`Decision`], [`State`],
//!   [`AlgorithmKind`] and the common [`Params`] with its mapping to each algorithm.
//! - [`token_bucket`], [`leaky_queue`], [`gcra`], [`fixed_window`],
//!   [`sliding_log`], [`sliding_counter`] — one algorithm per file.
//! - [`traffic`] — seeded request streams: Poisson, on/off bursts, a spike,
//!   the window-boundary attack and several clients.
//! - [`import`] — timestamps pasted as text or CSV, with line-numbered problems.
//! - [`run`](mod@run) — every selected algorithm over one stream, per client:
//!   outcomes, sampled state series and summary readouts.
//! - [`distributed`] — one limit enforced by several gateways that share
//!   counts periodically or ask a central counter, and the over-admission
//!   that results.

pub mod distributed;
pub mod fixed_window;
pub mod gcra;
pub mod import;
pub mod leaky_queue;
pub mod limiter;
pub mod run;
pub mod sliding_counter;
pub mod sliding_log;
pub mod token_bucket;
pub mod traffic;

pub use fixed_window::FixedWindow;
pub use gcra::Gcra;
pub use leaky_queue::LeakyQueue;
pub use limiter::{AlgorithmKind, AnyLimiter, Decision, Limiter, Params, State};
pub use run::{run, Lane, Run, Summary};
pub use sliding_counter::SlidingCounter;
pub use sliding_log::SlidingLog;
pub use token_bucket::TokenBucket;
pub use traffic::Request;
