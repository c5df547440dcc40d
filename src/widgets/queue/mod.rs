//! The queues and load balancing widget: requests arrive at a balancer, wait
//! in line at servers, and the latency near full load, a slow server, the
//! balancer's choice, fan-out and hedging show in the picture and the charts
//! beside their closed forms.
//!
//! [`state`] holds every control (and its URL form), [`model`] computes every
//! figure from `sim::queue` and [`scenes`] the tour's captions; [`body`]
//! wires them to signals and lays out the page: the [`picture`] beside the
//! [`controls`], then the [`charts`].

pub mod article;
pub mod body;
pub mod charts;
pub mod controls;
pub mod model;
pub mod picture;
pub mod preview;
pub mod scenes;
pub mod state;

use crate::embed::query::{Query, Reader};
use crate::kit::preset::Preset;
use crate::kit::scene::{Layout, Scene};
use crate::kit::{Entry, Stage, Widget};
use leptos::prelude::*;
use scenes::QueueFacts;
use state::{PolicyKind, QueueState, Work};

/// Presets; each ends by keeping dependent fields in range, as every control does.
const PRESETS: &[Preset<QueueState>] = &[
    Preset {
        label: "One server at 90 %",
        apply: |s| {
            s.servers = 1;
            s.load = 90;
            s.slow = 100;
            s.fanout = 1;
            s.hedge = 0;
            s.fix();
        },
    },
    Preset {
        label: "A slow server, round robin",
        apply: |s| {
            s.servers = s.servers.max(4);
            s.policy = PolicyKind::RoundRobin;
            s.slow = 30;
            s.load = 70;
            s.fanout = 1;
            s.hedge = 0;
            s.fix();
        },
    },
    Preset {
        label: "A slow server, least outstanding",
        apply: |s| {
            s.servers = s.servers.max(4);
            s.policy = PolicyKind::Least;
            s.slow = 30;
            s.load = 70;
            s.fanout = 1;
            s.hedge = 0;
            s.fix();
        },
    },
    Preset {
        label: "Two choices among 100",
        apply: |s| {
            s.servers = 100;
            s.policy = PolicyKind::Choices;
            s.d = 2;
            s.load = 90;
            s.slow = 100;
            s.fix();
        },
    },
    Preset {
        label: "Fan-out to 50",
        apply: |s| {
            s.servers = 100;
            s.fanout = 50;
            s.load = 50;
            s.requests = s.requests.min(4_000);
            s.hedge = 0;
            s.fix();
        },
    },
    Preset {
        label: "Hedged at the 95th",
        apply: |s| {
            s.hedge = 95;
            s.work = Work::LogNormal;
            s.policy = PolicyKind::Least;
            s.load = 40;
            s.fix();
        },
    },
];

/// The short explanations.
const EXPLAIN: &str = r#"<h2 id="queue-why-h">Why it works</h2>
<h3>Waiting grows like 1/(1 − ρ)</h3>
<p>A server busy a fraction ρ of the time is idle only 1 − ρ of it, and a request arriving at a random moment waits for the work already in line. With random arrivals and exponential work (the M/M/1 queue) the mean time in the system is the service time divided by 1 − ρ: twice the work at 50 % busy, ten times at 90 %, a hundred times at 99 %. The last few per cent of utilisation are paid for in latency. With other work the Pollaczek–Khinchine formula scales the wait by (1 + c²)/2, c the work's coefficient of variation: constant work waits half as long, heavy-tailed work much longer.</p>
<h3>One shared line beats many</h3>
<p>Servers that take from one queue are never idle while a request waits (M/M/c, whose chance of waiting is Erlang's C formula). A balancer that picks a server at random gives each its own M/M/1 line instead, and a request can wait behind a long one while another server sits idle.</p>
<h3>Round robin is blind</h3>
<p>Round robin (here nginx's smooth weighted variant) spreads requests evenly, which is right only if the servers are equal. A server at a third of the speed still gets its share, falls behind and never catches up. Least outstanding requests sends each request where the fewest are in progress, so a slow server is sent only as much as it finishes.</p>
<h3>The power of two choices</h3>
<p>Knowing every queue costs messages or shared state. Sampling d servers at random and joining the shortest (Mitzenmacher's supermarket model) gets most of the benefit with d = 2: as servers grow, the share with at least i requests falls from ρ<sup>i</sup> with one choice to ρ<sup>(2<sup>i</sup> − 1)</sup> with two, doubly exponentially. Peak-EWMA (Finagle's and Linkerd's balancer) samples two servers the same way and weighs each one's recent latency, peak-sensitive, times its requests in progress.</p>
<h3>Fan-out and hedging</h3>
<p>A request that waits for n servers is as slow as the slowest: if one is slow with chance p, the request is with chance 1 − (1 − p)<sup>n</sup>, so one server's rare tail becomes the common case ("The Tail at Scale", Dean and Barroso). Hedging sends a second copy once the first has taken longer than, say, one job's 95th percentile, and takes the first answer: about 5 % more work removes much of the tail. Here the slower copy runs to the end; cancelling it would save some of that work.</p>
<h3>Little's law</h3>
<p>Over any stretch that starts and ends empty, the mean number of requests in the system is their arrival rate times their mean time in it. The page checks it on every run.</p>"#;

/// The catalogue entry.
pub const ENTRY: Entry = Entry {
    slug: "queue",
    title: "Queues and load balancing",
    blurb: "Why latency explodes near full load, and how the way a balancer picks a server tames the tail.",
    article: true,
};

/// The main figure and controls.
const LAYOUT: Layout = Layout {
    figures: &["picture", "curve"],
    controls: &["policy", "load"],
};

/// The widget.
pub struct QueueWidget;

impl Widget for QueueWidget {
    type State = QueueState;
    type Facts = QueueFacts;
    const ENTRY: &'static Entry = &ENTRY;
    const PARAMS: &'static [&'static str] = &state::PARAMS;
    const LEDE: &'static str = "Requests arrive at random, a balancer sends each to a server, and each server works through its line. Push the load towards 100 %, slow one server down, change how the balancer chooses, fan requests out or hedge them, and watch the waiting and the slowest requests.";
    const EXPLAIN: &'static str = EXPLAIN;
    const LAYOUT: Layout = LAYOUT;
    const PRESETS: &'static [Preset<QueueState>] = PRESETS;
    const SCENES: &'static [Scene<QueueFacts>] = scenes::SCENES;
    const ARTICLE: &'static [crate::kit::article::Passage<QueueFacts>] = article::ARTICLE;
    fn read(r: &mut Reader<'_>) -> QueueState {
        QueueState::from_query(r)
    }
    fn write(s: &QueueState, q: &mut Query) {
        s.to_query(q);
    }
    // The facts run every policy; past this many requests they wait for the scene's own state.
    fn facts_live(s: &QueueState) -> bool {
        u64::from(s.requests) * u64::from(s.fanout) <= 200_000
    }
    fn facts(s: &QueueState) -> QueueFacts {
        scenes::facts(s)
    }
    fn preview(s: &QueueState) -> String {
        preview::preview(s)
    }
    fn body(stage: Stage<QueueState>) -> AnyView {
        body::body(stage)
    }
}

#[cfg(test)]
mod widget_tests {
    #[test]
    fn scenes_presets_and_parameters() {
        crate::widgets::check::<super::QueueWidget>();
    }
}
