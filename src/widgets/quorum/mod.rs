//! The quorum widget: N replicas, read and write quorums, failures, and how
//! often and for how long a read can come back stale.
//!
//! [`state`] holds every control (and its URL form), [`model`] computes every
//! figure and [`memos`] chains them to the state, [`timeline`] turns one
//! simulated write and read into a drawing and [`scenes`] holds the tour. The
//! page ([`body`]) is made of [`figure`] (the replicas, drawn by [`replicas`]),
//! [`controls`], [`readouts`] (availability and staleness), [`over_time`]
//! (the staleness chart) and [`playback`] (the timeline, drawn by
//! [`timeline_svg`], laid out and written by [`timeline_layout`]).

pub mod article;
pub mod body;
pub mod controls;
pub mod figure;
pub mod memos;
pub mod model;
pub mod over_time;
pub mod playback;
pub mod preview;
pub mod readouts;
pub mod replicas;
pub mod scenes;
pub mod state;
pub mod timeline;
pub mod timeline_layout;
pub mod timeline_svg;

use crate::embed::query::{Query, Reader};
use crate::kit::preset::Preset;
use crate::kit::scene::{Layout, Scene};
use crate::kit::{Entry, Stage, Widget};
use leptos::prelude::*;
use state::QuorumState;

const PRESETS: &[Preset<QuorumState>] = &[
    Preset {
        label: "N=3, ONE (R=1 W=1)",
        apply: |s| {
            s.set_n(3);
            s.r = 1;
            s.w = 1;
        },
    },
    Preset {
        label: "N=3, QUORUM (R=2 W=2)",
        apply: |s| {
            s.set_n(3);
            s.r = 2;
            s.w = 2;
        },
    },
    Preset {
        label: "N=3, ALL (R=3 W=3)",
        apply: |s| {
            s.set_n(3);
            s.r = 3;
            s.w = 3;
        },
    },
    Preset {
        label: "Fast writes: W=1, R=N",
        apply: |s| {
            s.set_n(3);
            s.r = 3;
            s.w = 1;
        },
    },
    Preset {
        label: "Fast reads: W=N, R=1",
        apply: |s| {
            s.set_n(3);
            s.r = 1;
            s.w = 3;
        },
    },
    Preset {
        label: "N=5, QUORUM (R=3 W=3)",
        apply: |s| {
            s.set_n(5);
            s.r = 3;
            s.w = 3;
        },
    },
];

/// Milliseconds, to three significant figures or so.
fn ms(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0} ms")
    } else if v >= 10.0 {
        format!("{v:.1} ms")
    } else {
        format!("{v:.2} ms")
    }
}

/// A flag readout (1 or 0) as a word.
fn yes_no(v: f64) -> String {
    if v > 0.5 {
        "yes".into()
    } else {
        "no".into()
    }
}

/// A whole number.
fn whole(v: f64) -> String {
    format!("{}", v.round() as i64)
}

/// A callback that sets a field of the state from a slider's value.
fn setter(state: RwSignal<QuorumState>, f: fn(&mut QuorumState, f64)) -> Callback<f64> {
    Callback::new(move |v: f64| state.update(|s| f(s, v)))
}

/// The short explanations.
const EXPLAIN: &str = r#"<h2 id="q-why-h">Why it works</h2>
<h3>Why R + W > N means fresh reads</h3>
<p>If a write reached W replicas and a read asks R of the same N, the two groups must share at least R + W − N replicas when that number is positive. At least one replica the read asks holds the latest write, and the read keeps the newest version it hears, so it cannot miss it.</p>
<h3>What each setting survives</h3>
<p>A write needs W replicas up and a read needs R, so writes ride out N − W failures and reads N − R. Raising one quorum buys freshness at the cost of availability and latency for that operation: ALL is always fresh and stops at the first failure.</p>
<h3>Two questions about a stale read</h3>
<p>“Misses the latest write” is about quorums alone: the write has reached W replicas picked at random, the read asks R others picked at random, and nothing is in flight. It has an exact answer, C(N−W, R) / C(N, R). “Consistent at once” adds time: every message takes a random while, the write keeps travelling to the replicas it has not reached after it commits, and the read keeps the R replies that come back first. So a read started at the commit often does better than the first figure suggests, and only the simulation can say by how much.</p>
<h3>Stale, but for how long?</h3>
<p>With R + W ≤ N a read can be stale, but the write keeps spreading to the other replicas after it commits. The longer the gap between write and read, the likelier the read is fresh: the curve shows how fast that happens for the delays you choose, which is what "eventually consistent" hides.</p>
<h3>The latency bill</h3>
<p>A quorum operation finishes when its slowest needed reply arrives: the W-th fastest ack, the R-th fastest response. Waiting for one reply rides on the fastest replica; waiting for all of them rides on the slowest.</p>"#;

/// The catalogue entry.
pub const ENTRY: Entry = Entry {
    slug: "quorum",
    title: "Quorum reads and writes",
    blurb: "Keep copies of data on several servers and see when a read can miss the latest write.",
    article: true,
};

/// The main figure and controls.
const LAYOUT: Layout = Layout {
    figures: &["replicas", "staleness"],
    controls: &["w", "r"],
};

/// The widget.
pub struct QuorumWidget;

impl Widget for QuorumWidget {
    type State = QuorumState;
    type Facts = scenes::QuorumFacts;
    const ENTRY: &'static Entry = &ENTRY;
    const PARAMS: &'static [&'static str] = &state::PARAMS;
    const LEDE: &'static str = "A write waits for W of N replicas to acknowledge it; a read asks R replicas and keeps the newest answer. Choose R, W and N, crash replicas, and see what each choice costs in staleness, availability and latency.";
    const EXPLAIN: &'static str = EXPLAIN;
    const LAYOUT: Layout = LAYOUT;
    const PRESETS: &'static [Preset<QuorumState>] = PRESETS;
    const SCENES: &'static [Scene<scenes::QuorumFacts>] = scenes::SCENES;
    const ARTICLE: &'static [crate::kit::article::Passage<scenes::QuorumFacts>] = article::ARTICLE;
    fn read(r: &mut Reader<'_>) -> QuorumState {
        QuorumState::from_query(r, model::profile_means)
    }
    fn write(s: &QuorumState, q: &mut Query) {
        s.to_query(q);
    }
    fn facts(s: &QuorumState) -> scenes::QuorumFacts {
        scenes::facts(s)
    }
    fn preview(s: &QuorumState) -> String {
        preview::preview(s)
    }
    fn body(stage: Stage<QuorumState>) -> AnyView {
        body::body(stage)
    }
}

#[cfg(test)]
mod widget_tests {
    #[test]
    fn scenes_presets_and_parameters() {
        crate::widgets::check::<super::QuorumWidget>();
    }
}
