//! The quorum widget's figures as memos over its state, made once for the
//! whole page, each rerun only by the controls it depends on: the sampled
//! sets by N, R, W, the failures and the seed; the closed forms and their
//! simulation by N, R, W, k and the trials; the staleness chart's delays by N
//! and the seed alone (its runs scale them by the means and take as many
//! trials as asked, so a delay or the trial count reruns only the two runs,
//! never the draws); the timeline by what one run depends on.

use super::model::{self, Availability, Staleness};
use super::state::{Means, QuorumState};
use crate::kit::Shared;
use leptos::prelude::*;
use sim::quorum::timeline::Timeline;
use sim::quorum::wars::{Draws, WarsResult};

/// Every figure of the page.
#[derive(Clone, Copy)]
pub struct Figures {
    /// Quorum arithmetic under the current failures.
    pub avail: Memo<Availability>,
    /// The diagram's sampled write set and read set.
    pub sets: Memo<(Vec<u32>, Vec<u32>)>,
    /// The closed forms beside their simulation.
    pub staleness: Memo<Staleness>,
    /// The setting the chart compares with, as (R, W).
    pub cmp: Memo<Option<(u32, u32)>>,
    /// The staleness chart's run of the setting.
    pub wars_now: Memo<Shared<Option<WarsResult>>>,
    /// Its run of the comparison.
    pub wars_cmp: Memo<Shared<Option<WarsResult>>>,
    /// One write and one read, event by event.
    pub timeline: Memo<Shared<Timeline>>,
}

/// What a run of the chart depends on besides the draws.
type RunInputs = (Option<(u32, u32)>, Vec<u32>, Means, u32);

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
        let stale_inputs = Memo::new(move |_| {
            state.with(|s| (s.n, s.r, s.w, s.k, model::effective_trials(s), s.seed))
        });
        let staleness = Memo::new(move |_| {
            stale_inputs.with(|_| ());
            state.with_untracked(model::staleness)
        });
        let draw_inputs = Memo::new(move |_| state.with(|s| (s.n, s.seed)));
        let draws = Memo::new(move |_| {
            let (n, seed) = draw_inputs.get();
            Shared::new(model::draws(n, seed))
        });
        let cmp = Memo::new(move |_| state.with(model::comparison));
        let run = move |pick: fn(&QuorumState) -> Option<(u32, u32)>| {
            let inputs: Memo<RunInputs> = Memo::new(move |_| {
                state.with(|s| {
                    (
                        pick(s),
                        s.failed.clone(),
                        s.means,
                        model::effective_trials(s),
                    )
                })
            });
            Memo::new(move |_| {
                let (rw, ..) = inputs.get();
                draws.with(|d: &Shared<Draws>| {
                    Shared::new(
                        rw.and_then(|rw| state.with_untracked(|s| model::wars_from(d, s, rw))),
                    )
                })
            })
        };
        let wars_now = run(|s| Some((s.r, s.w)));
        let wars_cmp = run(model::comparison);
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
            staleness,
            cmp,
            wars_now,
            wars_cmp,
            timeline,
        }
    }
}
