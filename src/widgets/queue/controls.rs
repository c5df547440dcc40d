//! The controls beside the picture: the balancer, the load, the servers and
//! a slow one first; fan-out, hedging, the work, the arrivals, the run's
//! length and the seed behind "More" until a scene names one. Each is a
//! `data-control` block, so slides and scene embeds show only the ones their
//! scene names.

use super::state::{
    PolicyKind, QueueState, Work, HEDGE_RANGE, LOAD_RANGE, MAX_D, MAX_REQUESTS, MAX_SERVERS,
    MIN_REQUESTS, MIN_SLOW,
};
use crate::ui::readout::count;
use crate::ui::seed_field::SeedField;
use crate::ui::slider::{Scale, Slider};
use leptos::prelude::*;

/// Controls behind "More" unless a scene names one.
const TUCKED: [&str; 6] = ["fanout", "hedge", "work", "arrivals", "requests", "seed"];

/// Sets a field from a slider's value, keeping the state in range.
fn set(state: RwSignal<QueueState>, f: fn(&mut QueueState, f64)) -> Callback<f64> {
    Callback::new(move |v: f64| {
        state.update(|s| {
            f(s, v);
            s.fix();
        })
    })
}

/// The controls.
#[component]
pub fn QueueControls(
    /// The widget state.
    state: RwSignal<QueueState>,
    /// The controls the scene on screen offers.
    #[prop(into)]
    scene_controls: Signal<&'static [&'static str]>,
) -> impl IntoView {
    let whole = Callback::new(|v: f64| count(v.round()));
    let more = RwSignal::new(false);
    let open = Memo::new(move |_| {
        more.get() || scene_controls.with(|c| c.iter().any(|n| TUCKED.contains(n)))
    });
    view! {
        <div class="controls queue-controls">
            <div class="field" data-control="policy">
                <label for="queue-policy">"Balancer"</label>
                <select id="queue-policy" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(p) = PolicyKind::ALL.into_iter().find(|p| p.key() == v) {
                        state.update(|s| s.policy = p);
                    }
                }>
                    {PolicyKind::ALL.into_iter().map(|p| view! {
                        <option value=p.key() selected=move || state.with(|s| s.policy == p)>
                            {match p {
                                PolicyKind::Choices => "shortest of d random choices".to_owned(),
                                p => p.name(2),
                            }}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <Show when=move || state.with(|s| s.policy == PolicyKind::Choices)>
                <Slider attr:data-control="d" id="queue-d" label="Choices d" min=1.0 max=f64::from(MAX_D)
                    value=Signal::derive(move || f64::from(state.with(|s| s.d)))
                    on_change=set(state, |s, v| s.d = v as u32) format=whole
                    hint="d = 1 is random; d = 2 is the power of two choices."/>
            </Show>
            <Slider attr:data-control="load" id="queue-load" label="Load" min=f64::from(LOAD_RANGE.0) max=f64::from(LOAD_RANGE.1)
                value=Signal::derive(move || f64::from(state.with(|s| s.load)))
                on_change=set(state, |s, v| s.load = v as u32)
                format=Callback::new(|v: f64| format!("{} %", v.round()))
                hint="The share of the servers' capacity the arrivals ask for."/>
            <Slider attr:data-control="servers" id="queue-servers" label="Servers" min=1.0 max=f64::from(MAX_SERVERS) scale=Scale::Log
                value=Signal::derive(move || f64::from(state.with(|s| s.servers)))
                on_change=set(state, |s, v| s.servers = v.round() as u32) format=whole/>
            <Slider attr:data-control="slow" id="queue-slow" label="Speed of S1" min=f64::from(MIN_SLOW) max=100.0 step=5.0
                value=Signal::derive(move || f64::from(state.with(|s| s.slow)))
                on_change=set(state, |s, v| s.slow = v as u32)
                format=Callback::new(|v: f64| if v >= 100.0 { "like the others".to_owned() } else { format!("{} %", v.round()) })/>
            <button type="button" class="more-toggle" id="queue-more-toggle" aria-controls="queue-more"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| more.update(|m| *m = !*m)>
                {move || if open.get() { "Fewer controls" } else { "More controls" }}
            </button>
            <div class="more-body" id="queue-more" class:open=open>
                <Slider attr:data-control="fanout" id="queue-fanout" label="Fan-out" min=1.0 max=f64::from(MAX_SERVERS) scale=Scale::Log
                    value=Signal::derive(move || f64::from(state.with(|s| s.fanout)))
                    on_change=set(state, |s, v| s.fanout = v.round() as u32) format=whole
                    hint="Each request goes to this many servers and waits for all of them."/>
                <div class="field" data-control="hedge">
                    <label for="queue-hedge">"Hedging"</label>
                    <select id="queue-hedge" on:change=move |ev| {
                        let v = event_target_value(&ev).parse::<u32>().unwrap_or(0);
                        state.update(|s| { s.hedge = v; s.fix(); });
                    }>
                        <option value="0" selected=move || state.with(|s| s.hedge == 0)>"off"</option>
                        {[HEDGE_RANGE.0, 75, 90, 95, HEDGE_RANGE.1].into_iter().map(|p| view! {
                            <option value=p.to_string() selected=move || state.with(|s| s.hedge == p)>
                                {format!("a copy after one job's {p}th percentile")}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field" data-control="work">
                    <label for="queue-work">"Work per request"</label>
                    <select id="queue-work" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(w) = Work::ALL.into_iter().find(|w| w.key() == v) {
                            state.update(|s| s.work = w);
                        }
                    }>
                        {Work::ALL.into_iter().map(|w| view! {
                            <option value=w.key() selected=move || state.with(|s| s.work == w)>{w.name()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field" data-control="arrivals">
                    <label for="queue-arrivals">"Arrivals"</label>
                    <select id="queue-arrivals" on:change=move |ev| {
                        let bursty = event_target_value(&ev) == "bursty";
                        state.update(|s| s.bursty = bursty);
                    }>
                        <option value="poisson" selected=move || state.with(|s| !s.bursty)>"at random (Poisson)"</option>
                        <option value="bursty" selected=move || state.with(|s| s.bursty)>"in bursts (on 200 ms, off 200 ms)"</option>
                    </select>
                </div>
                <Slider attr:data-control="requests" id="queue-requests" label="Requests simulated" min=f64::from(MIN_REQUESTS) max=f64::from(MAX_REQUESTS) scale=Scale::Log
                    value=Signal::derive(move || f64::from(state.with(|s| s.requests)))
                    on_change=set(state, |s, v| s.requests = v.round() as u32) format=whole/>
                <div data-control="seed">
                    <SeedField id="queue" seed=Signal::derive(move || state.with(|s| s.seed))
                        on_change=Callback::new(move |v| state.update(|s| s.seed = v))/>
                </div>
            </div>
        </div>
    }
}
