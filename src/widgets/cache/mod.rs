//! The cache eviction widget: watch policies decide one request at a time,
//! then compare their hit ratios at scale against the closed forms.
//!
//! [`state`] holds every control (and its URL form); [`model`] builds the
//! workload, [`frames`] computes step mode's figures and [`curve`] compare
//! mode's; [`facts`] and [`scenes`] make the tour. [`workload_panel`],
//! [`step`] and [`compare`] are the three sections, with their parts in
//! [`import_box`], [`step_column`], [`lanes`], [`compare_controls`] and
//! [`table`].

pub mod article;
pub mod compare;
pub mod compare_controls;
pub mod curve;
pub mod facts;
pub mod frames;
pub mod import_box;
pub mod lanes;
pub mod model;
pub mod preview;
pub mod scenes;
pub mod state;
pub mod step;
pub mod step_column;
pub mod table;
pub mod workload_panel;

use crate::embed::query::{Query, Reader};
use crate::kit::preset::Preset;
use crate::kit::scene::{Layout, Scene};
use crate::kit::settle::settle;
use crate::kit::Shared;
use crate::kit::{Entry, Stage, Widget};
use compare::ComparePanel;
use leptos::prelude::*;
use sim::cache::trace::Trace;
use state::{CacheState, Mode, Source};
use step::StepPanel;
use workload_panel::WorkloadPanel;

/// Traces longer than this follow the workload controls once they have been
/// still for [`SETTLE_MS`]: drawing a million requests takes longer than a frame.
const LARGE_TRACE: u32 = 200_000;
/// How long the workload controls must be still before a large trace is drawn again.
const SETTLE_MS: u32 = 150;

/// The figures and controls.
pub fn body(stage: Stage<CacheState>) -> AnyView {
    let state = stage.state;
    let imported: RwSignal<Option<Shared<Trace>>> = RwSignal::new(None);

    let mode = Memo::new(move |_| state.with(|s| s.mode));
    let work_inputs = Memo::new(move |_| state.with(CacheState::workload_inputs));
    // The workload follows its controls at once for ordinary traces; past
    // LARGE_TRACE requests it follows once they have been still, so a drag of
    // α or the key count costs one new trace at its end, not one per frame.
    let (work_calc, work_updating) = settle(work_inputs, SETTLE_MS, |w: &CacheState| {
        w.requests > LARGE_TRACE
    });
    let workload = Memo::new(move |_| {
        let trace = imported.get();
        work_calc.with(|s| Shared::new(model::workload(s, trace.as_deref())))
    });

    let tab = move |m: Mode, label: &'static str| {
        view! {
            <button type="button" class="tab" id=format!("cache-mode-{}", m.slug())
                aria-pressed=move || if mode.get() == m { "true" } else { "false" }
                on:click=move |_| state.update(|s| s.mode = m)>{label}</button>
        }
    };

    let mark = stage.mark;
    // The figure first, its workload after it: the first screen is the
    // picture and the controls that drive it.
    view! {
        <div class="cache-body" class:marking=move || !mark.get().is_empty()>
            <div class="tabs" role="group" aria-label="Mode" data-control="mode">
                {tab(Mode::Step, "Step by step")}
                {tab(Mode::Compare, "Compare at scale")}
            </div>
            {move || match mode.get() {
                Mode::Step => view! { <StepPanel state=state workload=workload mark=mark/> }.into_any(),
                Mode::Compare => view! { <ComparePanel state=state workload=workload mark=mark/> }.into_any(),
            }}
            <WorkloadPanel state=state workload=workload imported=imported updating=work_updating scene_controls=stage.controls/>
        </div>
    }
    .into_any()
}

/// The short explanations.
const EXPLAIN: &str = r#"<h2 id="cache-why-h">Why they differ</h2>
<h3>Recency fails on loops and scans</h3>
<p>LRU bets that what was used lately will be used again soon. A loop over one key more than the cache holds breaks that bet every time: the key about to come back is always the one just evicted, so LRU and FIFO miss on every request. A scan through keys used once pushes the whole hot set out of an LRU cache, even though none of the scanned keys will be back.</p>
<h3>Frequency protects a hot set</h3>
<p>When a few keys take most of the traffic, counting uses keeps them resident while one-off keys come and go. Pure LFU pays for it when popularity shifts: old favourites keep high counts long after they cool. ARC, S3-FIFO and SIEVE take the middle road, keeping new keys on probation and giving reused ones a longer stay, which is why they shrug off scans.</p>
<h3>What OPT proves</h3>
<p>Belady's OPT evicts the key whose next use lies farthest in the future. No policy can beat it on any trace, but it needs to see the future, so it is a ceiling for the others, not a design. The gap between a policy and OPT is what better guesses could still win.</p>
<h3>Theory beside simulation</h3>
<p>When each request picks a key independently with fixed popularity, an LRU cache behaves as if every key stayed for one fixed "characteristic time" after its last use. Solving for the time that fills the cache (Che's approximation) predicts LRU's hit ratio closely; a similar formula covers FIFO and Random, and the most popular keys' total share bounds what any popularity-based policy can reach.</p>
<h3>More room can hurt FIFO</h3>
<p>On the string A B C D A B E A B C D E, FIFO misses 9 times with three slots but 10 times with four: Belady's anomaly. LRU and OPT never do this, because the keys they hold at a size are always among those they would hold with more room.</p>"#;

/// The catalogue entry.
pub const ENTRY: Entry = Entry {
    slug: "cache",
    title: "Cache eviction",
    blurb: "A small, fast store in front of a slow one can keep only so much: watch which rules for throwing things out keep it most useful.",
    article: true,
};

/// The main figure and controls.
const LAYOUT: Layout = Layout {
    figures: &["step", "compare"],
    controls: &["playback", "capacity"],
};

/// The widget.
pub struct CacheWidget;

impl Widget for CacheWidget {
    type State = CacheState;
    type Facts = facts::CacheFacts;
    const ENTRY: &'static Entry = &ENTRY;
    const PARAMS: &'static [&'static str] = &state::PARAMS;
    const LEDE: &'static str = "A full cache must drop something to make room. Each policy bets on a different clue to what will be needed next: how recently, how often, or in what order keys arrived. Step through their choices one request at a time, then race them on a million.";
    const EXPLAIN: &'static str = EXPLAIN;
    const LAYOUT: Layout = LAYOUT;
    const PRESETS: &'static [Preset<CacheState>] = &[];
    const SCENES: &'static [Scene<facts::CacheFacts>] = scenes::SCENES;
    const ARTICLE: &'static [crate::kit::article::Passage<facts::CacheFacts>] = article::ARTICLE;
    fn read(r: &mut Reader<'_>) -> CacheState {
        let s = CacheState::from_query(r);
        if s.source == Source::Imported {
            r.notice("work", "names an imported trace, which a link cannot carry; showing a Zipf workload until you import one");
        }
        s
    }
    fn write(s: &CacheState, q: &mut Query) {
        s.to_query(q);
    }
    // Past this many requests the workload itself waits for still controls.
    fn facts_live(s: &CacheState) -> bool {
        s.requests <= LARGE_TRACE
    }
    fn facts(s: &CacheState) -> facts::CacheFacts {
        facts::facts(s)
    }
    fn preview(s: &CacheState) -> String {
        preview::preview(s)
    }
    fn body(stage: Stage<CacheState>) -> AnyView {
        body(stage)
    }
}

#[cfg(test)]
mod widget_tests {
    #[test]
    fn scenes_presets_and_parameters() {
        crate::widgets::check::<super::CacheWidget>();
    }
}
