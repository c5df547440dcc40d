//! The rate limiters' figures and live clock, as the page's panels share them.

use super::model::Stream;
use super::paint::LanesData;
use super::state::{RateState, Source, MAX_DURATION};
use crate::kit::Shared;
use leptos::prelude::*;
use sim::rate_limit::Run;
use std::sync::Arc;

/// Every figure of the page, following the state.
#[derive(Clone, Copy)]
pub struct Figures {
    /// The requests.
    pub stream: Memo<Shared<Stream>>,
    /// Every selected algorithm on them.
    pub run: Memo<Arc<Run>>,
    /// Their arrival times, µs.
    pub times: Memo<Arc<Vec<u64>>>,
    /// The live clock is on.
    pub live: Memo<bool>,
    /// Right end of the time axis, µs.
    pub end_us: Memo<u64>,
    /// Requests that have arrived by the clock.
    pub visible: Memo<usize>,
    /// Per algorithm: let through and refused so far.
    pub so_far: Memo<Vec<(u64, u64)>>,
    /// What the lanes canvas draws.
    pub lanes: Memo<LanesData>,
    /// The figures lag behind the controls (a large stream waits for them).
    pub updating: Memo<bool>,
}

/// The live clock: whether it plays, how fast, and where it stops.
#[derive(Clone, Copy)]
pub struct Clock {
    /// The widget state (the clock's time is `t_ms`).
    pub state: RwSignal<RateState>,
    /// Right end of the time axis, µs.
    pub end_us: Memo<u64>,
    /// Playing.
    pub playing: RwSignal<bool>,
    /// Clock seconds per second.
    pub speed: RwSignal<f64>,
}

impl Clock {
    /// Where the clock stops, ms: the end of the stream, or the longest
    /// recording when firing by hand.
    pub fn end_ms(&self) -> f64 {
        if self.state.with_untracked(|s| s.source == Source::Hand) {
            MAX_DURATION * 1000.0
        } else {
            self.end_us.get_untracked() as f64 / 1000.0
        }
    }
}
