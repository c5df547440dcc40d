//! The quorum widget's figures as memos over its state, made once for the
//! whole page, each rerun only by the controls it depends on: the sampled
//! sets by N, R, W, the failures and the seed; the closed forms by N, R, W
//! and k; the timeline by what one run depends on.
//!
//! The simulations are the heavy part: the staleness chart's two WARS runs
//! and the Monte Carlo check of the closed forms follow the controls once
//! those have been still for [`CHART_DELAY_MS`] and [`CHECK_DELAY_MS`]
//! (one after the other, never in one task), so a drag moves the diagram,
//! the timeline and the closed forms frame by frame and the simulations
//! catch up when it stops. The chart's delays are drawn by N and the seed
//! alone (the runs scale them by the means and take as many trials as asked,
//! so a delay or the trial count reruns only the two runs, never the draws).

use super::model::{self, Availability, Staleness, StalenessInputs};
use super::state::{Means, QuorumState};
use crate::kit::settle::settle;
use crate::kit::Shared;
use leptos::prelude::*;
use sim::quorum::closed;
use sim::quorum::timeline::Timeline;
use sim::quorum::wars::{Draws, WarsResult};

/// Every figure of the page.
#[derive(Clone, Copy)]
pub struct Figures {
    /// Quorum arithmetic under the current failures.
    pub avail: Memo<Availability>,
    /// The diagram's sampled write set and read set.
    pub sets: Memo<(Vec<u32>, Vec<u32>)>,
    /// The closed forms, exact, as (misses the latest write, within the last
    /// k versions): they follow the controls at once.
    pub exact: Memo<(f64, f64)>,
    /// The closed forms beside their simulation, for the controls once still.
    pub staleness: Memo<Staleness>,
    /// Whether the simulation still lags behind the controls.
    pub staleness_lags: Memo<bool>,
    /// The setting the chart compares with, as (R, W).
    pub cmp: Memo<Option<(u32, u32)>>,
    /// What the staleness chart shows: the controls as they were once still.
    pub chart_for: ReadSignal<ChartInputs>,
    /// Whether the chart still lags behind the controls.
    pub chart_stale: Memo<bool>,
    /// The staleness chart's run of the setting.
    pub wars_now: Memo<Shared<Option<WarsResult>>>,
    /// Its run of the comparison.
    pub wars_cmp: Memo<Shared<Option<WarsResult>>>,
    /// One write and one read, event by event.
    pub timeline: Memo<Shared<Timeline>>,
}

/// How long the controls must be still before the staleness chart follows.
pub const CHART_DELAY_MS: u32 = 150;

/// How long the controls must be still before the Monte Carlo check of the
/// closed forms follows: later than the chart, so the two land in separate
/// tasks rather than one long one.
pub const CHECK_DELAY_MS: u32 = 200;

/// How long the controls must be still before a timeline out of view follows
/// (after the chart and the check, for the same reason).
pub const OFFSCREEN_DELAY_MS: u32 = 250;

/// Everything the staleness chart's runs depend on.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartInputs {
    /// Replicas.
    pub n: u32,
    /// The seed of the delays.
    pub seed: u64,
    /// The setting, as (R, W).
    pub now: (u32, u32),
    /// The comparison, as (R, W).
    pub cmp: Option<(u32, u32)>,
    /// Which replicas are up.
    pub alive: Vec<bool>,
    /// Mean delays.
    pub means: Means,
    /// Trials each run takes.
    pub trials: u32,
}

impl ChartInputs {
    /// The chart's inputs in `s`.
    pub fn of(s: &QuorumState) -> ChartInputs {
        ChartInputs {
            n: s.n,
            seed: s.seed,
            now: (s.r, s.w),
            cmp: model::comparison(s),
            alive: s.alive(),
            means: s.means,
            trials: model::effective_trials(s),
        }
    }
}

/// What a run of the chart depends on besides the draws.
type RunInputs = (Option<(u32, u32)>, Vec<bool>, Means, u32);

impl Figures {
    /// The memos of `state`.
    pub fn of(state: RwSignal<QuorumState>) -> Figures {
        let avail = Memo::new(move |_| state.with(model::availability));
        let set_inputs =
            Memo::new(move |_| state.with(|s| (s.n, s.r, s.w, s.failed.clone(), s.seed)));
        let sets = Memo::new(move |_| {
            set_inputs.with(|_| ());
            state.with_untracked(model::sample_sets)
        });
        let stale_live = Memo::new(move |_| state.with(StalenessInputs::of));
        let exact = Memo::new(move |_| {
            stale_live.with(|i| (closed::p_stale(i.cfg), closed::p_within_k(i.cfg, i.k)))
        });
        let (stale_for, staleness_lags) = settle(stale_live, CHECK_DELAY_MS, |_| true);
        let staleness = Memo::new(move |_| stale_for.with(model::staleness_of));
        let cmp = Memo::new(move |_| state.with(model::comparison));
        let chart_live = Memo::new(move |_| state.with(ChartInputs::of));
        let (chart_for, chart_stale) = settle(chart_live, CHART_DELAY_MS, |_| true);
        let draw_inputs = Memo::new(move |_| chart_for.with(|c| (c.n, c.seed)));
        let draws = Memo::new(move |_| {
            let (n, seed) = draw_inputs.get();
            Shared::new(model::draws(n, seed))
        });
        let run = move |pick: fn(&ChartInputs) -> Option<(u32, u32)>| {
            let inputs: Memo<RunInputs> = Memo::new(move |_| {
                chart_for.with(|c| (pick(c), c.alive.clone(), c.means, c.trials))
            });
            Memo::new(move |_| {
                let (rw, alive, means, trials) = inputs.get();
                draws.with(|d: &Shared<Draws>| {
                    Shared::new(rw.and_then(|rw| model::wars_run(d, rw, &alive, means, trials)))
                })
            })
        };
        let wars_now = run(|c| Some(c.now));
        let wars_cmp = run(|c| c.cmp);
        let tl_inputs = Memo::new(move |_| {
            state.with(|s| {
                (
                    s.n,
                    s.r,
                    s.w,
                    s.failed.clone(),
                    s.means,
                    s.read_start,
                    s.repair,
                    s.seed,
                )
            })
        });
        let timeline = Memo::new(move |_| {
            tl_inputs.with(|_| ());
            Shared::new(state.with_untracked(model::timeline_of))
        });
        Figures {
            avail,
            sets,
            exact,
            staleness,
            staleness_lags,
            cmp,
            chart_for,
            chart_stale,
            wars_now,
            wars_cmp,
            timeline,
        }
    }
}
