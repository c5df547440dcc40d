//! The rate-limiter widget: one request stream, six algorithms side by side,
//! a live clock with requests fired by hand, and the same limit enforced by
//! several gateways.
//!
//! [`state`] holds every control (and its URL form), [`model`] computes every
//! figure and [`scenes`] the tour's captions; [`body`] wires the figures and
//! the clock to the page: [`lanes_panel`] (the canvas in [`lanes`], painted
//! by [`paint`] and [`marks`] with [`labels`], and its [`legend`]) first, beside it [`controls`] (from
//! [`limit_panel`] and [`traffic_panel`]), then [`table`] and
//! [`distributed_panel`].

pub mod article;
pub mod body;
pub mod controls;
pub mod distributed_panel;
pub mod facts;
pub mod figures;
pub mod labels;
pub mod lanes;
pub mod lanes_panel;
pub mod legend;
pub mod limit_panel;
pub mod marks;
pub mod model;
pub mod paint;
pub mod preview;
pub mod scenes;
pub mod state;
pub mod table;
pub mod traffic_panel;

use crate::embed::query::{Query, Reader};
use crate::kit::preset::Preset;
use crate::kit::scene::{Layout, Scene};
use crate::kit::{Entry, Stage, Widget};
use facts::RateFacts;
use leptos::prelude::*;
use sim::rate_limit::traffic::TrafficKind;
use state::{RateState, Source};

/// Traffic and limits that each tell one story.
const PRESETS: &[Preset<RateState>] = &[
    Preset {
        label: "On/off bursts",
        apply: |s| {
            *s = RateState {
                algos: s.algos.clone(),
                ..RateState::default()
            };
        },
    },
    Preset {
        label: "Steady overload",
        apply: |s| {
            s.source = Source::Generated(TrafficKind::Poisson);
            s.rate = 15.0;
            s.limit = 10;
            s.window_ms = 1000;
            s.burst = 10;
            s.duration = 10.0;
        },
    },
    Preset {
        label: "A spike",
        apply: |s| {
            s.source = Source::Generated(TrafficKind::Spike);
            s.rate = 4.0;
            s.spike_at = 4.0;
            s.spike_count = 40;
            s.spike_ms = 200;
            s.limit = 10;
            s.window_ms = 1000;
            s.burst = 10;
            s.duration = 10.0;
        },
    },
    Preset {
        label: "Boundary attack",
        apply: |s| {
            s.source = Source::Generated(TrafficKind::Boundary);
            s.limit = 10;
            s.window_ms = 1000;
            s.burst = 10;
            s.spread_ms = 100;
        },
    },
    Preset {
        label: "A noisy client",
        apply: |s| {
            s.source = Source::Generated(TrafficKind::Clients);
            s.clients = 4;
            s.rate = 20.0;
            s.limit = 10;
            s.window_ms = 1000;
            s.duration = 10.0;
        },
    },
    Preset {
        label: "Fire by hand",
        apply: |s| {
            s.source = Source::Hand;
            s.live = true;
            s.t_ms = 0.0;
            s.limit = 5;
            s.window_ms = 2000;
            s.burst = 5;
        },
    },
];

/// The short explanations.
const EXPLAIN: &str = r#"<h2 id="rl-why-h">Which one, when</h2>
<h3>Let bursts through: token bucket and GCRA</h3>
<p>A token bucket refills at L per W and holds at most a burst's worth, so a client that was quiet may spend its savings at once. GCRA keeps one timestamp instead of a token count (the time the next request would be on schedule) and, with matching parameters, admits exactly the same requests: the same rule in cheaper bookkeeping.</p>
<h3>Smooth the output: the leaky bucket as a queue</h3>
<p>The queue admits the same requests as the bucket but releases them one every W/L, so what reaches the service is perfectly even. The price is waiting: a burst sits in the queue, and the lanes show how long each request waited.</p>
<h3>Windows and their edges</h3>
<p>A fixed window counts requests per calendar slot and resets at the boundary, so L requests just before it and L just after both pass: twice the limit within one window's length. The sliding log remembers every accepted timestamp and is exact, at the cost of memory proportional to the limit. The sliding counter keeps only two counts and weights the previous window by how much of it still overlaps: nearly exact for the price of a fixed window.</p>
<h3>Many gateways, one limit</h3>
<p>When several gateways enforce one limit, each sees only part of the traffic. If they exchange counts only now and then, each may let through a full limit before hearing from the others, so the total can approach K times the limit. Syncing more often, or asking one central counter on every request, brings it back to L, paid for in messages and latency.</p>"#;

/// The catalogue entry.
pub const ENTRY: Entry = Entry {
    slug: "rate-limit",
    title: "Rate limiters",
    blurb: "Send the same stream of requests through six ways of saying \"slow down\" and see which bursts each lets through.",
    article: true,
};

/// The main figure and controls.
const LAYOUT: Layout = Layout {
    figures: &["lanes"],
    controls: &["limit", "traffic"],
};

/// The widget.
pub struct RateLimitWidget;

impl Widget for RateLimitWidget {
    type State = RateState;
    type Facts = RateFacts;
    const ENTRY: &'static Entry = &ENTRY;
    const PARAMS: &'static [&'static str] = &state::PARAMS;
    const LEDE: &'static str = "Six ways to say \"at most L requests per W\" disagree about bursts, boundaries and waiting. Feed them one stream of requests, or fire your own, and see what each lets through.";
    const EXPLAIN: &'static str = EXPLAIN;
    const LAYOUT: Layout = LAYOUT;
    const PRESETS: &'static [Preset<RateState>] = PRESETS;
    const SCENES: &'static [Scene<RateFacts>] = scenes::SCENES;
    const ARTICLE: &'static [crate::kit::article::Passage<RateFacts>] = article::ARTICLE;
    fn read(r: &mut Reader<'_>) -> RateState {
        let s = RateState::from_query(r);
        match s.source {
            Source::Imported => r.notice("traffic", "names imported timestamps, which a link cannot carry; import them here to see them"),
            Source::Hand => r.notice("traffic", "names requests fired by hand, which a link cannot carry; fire your own with the button or the F key"),
            Source::Generated(_) => {}
        }
        s
    }
    fn write(s: &RateState, q: &mut Query) {
        s.to_query(q);
    }
    // About as many requests as the figures follow at once.
    fn facts_live(s: &RateState) -> bool {
        s.rate * s.duration * f64::from(s.clients.max(1)) <= 100_000.0
    }
    fn facts(s: &RateState) -> RateFacts {
        facts::facts(s)
    }
    fn preview(s: &RateState) -> String {
        preview::preview(s)
    }
    fn body(stage: Stage<RateState>) -> AnyView {
        body::body(stage)
    }
}

#[cfg(test)]
mod widget_tests {
    #[test]
    fn scenes_presets_and_parameters() {
        crate::widgets::check::<super::RateLimitWidget>();
    }
}
