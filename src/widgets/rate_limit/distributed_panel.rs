//! The distributed section: one limit enforced by K gateways that share
//! counts every S milliseconds, or ask one central counter. Computed only
//! while the section is open (its CSV whenever it is asked for); a scene
//! about the gateways opens it.

use super::model::{self, Stream};
use super::state::{RateState, Share, MAX_GATEWAYS, MAX_SYNC_MS};
use crate::kit::Shared;
use crate::ui::line_chart::LineChart;
use crate::ui::readout::{count, Readout};
use crate::ui::slider::{Scale, Slider};
use crate::ui::theme::Theme;
use leptos::prelude::*;

/// The distributed section.
#[component]
pub fn DistributedPanel(
    /// The widget state.
    state: RwSignal<RateState>,
    /// The requests.
    stream: Memo<Shared<Stream>>,
    /// The scene on screen is about the gateways: the section opens.
    #[prop(into)]
    open_it: Signal<bool>,
) -> impl IntoView {
    let theme = expect_context::<Theme>();
    // Opened by the reader (the toggle event), or by a scene about the gateways.
    let toggled = RwSignal::new(false);
    let open = Memo::new(move |_| toggled.get() || open_it.get());
    let inputs = Memo::new(move |_| {
        state.with(|s| {
            (
                s.limit,
                s.window_ms,
                s.gateways,
                s.share,
                s.sync_ms,
                s.rtt_ms.to_bits(),
                s.atomic,
                s.seed,
            )
        })
    });
    let report = Memo::new(move |_| {
        if !open.get() {
            return None;
        }
        let _ = inputs.get();
        Some(stream.with(|st| state.with_untracked(|s| model::distributed_report(s, st))))
    });
    let chart_inputs =
        Memo::new(move |_| state.with(|s| (s.limit, s.window_ms, s.gateways, s.sync_ms, s.seed)));
    let chart = Memo::new(move |_| {
        if !open.get() {
            return Default::default();
        }
        let _ = chart_inputs.get();
        let dark = theme.dark.get();
        stream.with(|st| state.with_untracked(|s| model::sweep_chart(s, st, dark)))
    });
    // why: the chart is computed only while the section is open, but its CSV
    // must be whole whether or not the reader opened it: the file is made
    // from the state when it is asked for.
    let export = Callback::new(move |()| {
        let dark = theme.dark.get_untracked();
        stream.with_untracked(|st| state.with_untracked(|s| model::sweep_chart(s, st, dark)))
    });
    let fig = move |f: fn(&sim::rate_limit::distributed::Report) -> f64| {
        Signal::derive(move || report.with(|r| r.as_ref().map(f)))
    };
    let set =
        move |f: fn(&mut RateState, f64)| Callback::new(move |v: f64| state.update(|s| f(s, v)));

    view! {
        <details class="panel distributed" id="rl-dist" data-figure="gateways" prop:open=move || open.get() on:toggle=move |ev| {
            use wasm_bindgen::JsCast;
            if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                if d.open() != open.get_untracked() {
                    toggled.set(d.open());
                }
            }
        }>
            <summary><h2>"Many gateways, one limit"</h2></summary>
            <LineChart id="rl-dist-chart" title="Worst window ÷ limit, by gateways" data=chart export=export label=Signal::derive(move || "Worst window divided by the limit against the number of gateways, for three sync intervals".to_owned())/>
            <p class="note">"The same stream spread in turn over K gateways, each counting in fixed windows of W. They add up their counts every S, or ask one central counter on every request."</p>
            <div class="controls two-col">
                <Slider attr:data-control="k" id="rl-k" label="Gateways K" min=1.0 max=f64::from(MAX_GATEWAYS) scale=Scale::Log
                    value=Signal::derive(move || f64::from(state.with(|s| s.gateways)))
                    on_change=set(|s, v| s.gateways = (v.round() as u32).clamp(1, MAX_GATEWAYS))
                    format=Callback::new(|v: f64| count(v.round()))/>
                <div class="field" data-control="share">
                    <label for="rl-share">"Sharing"</label>
                    <select id="rl-share" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        state.update(|s| s.share = if v == "central" { Share::Central } else { Share::Sync });
                    }>
                        <option value="sync" selected=move || state.with(|s| s.share == Share::Sync)>"Exchange counts every S"</option>
                        <option value="central" selected=move || state.with(|s| s.share == Share::Central)>"One central counter"</option>
                    </select>
                </div>
                <Show when=move || state.with(|s| s.share == Share::Sync)>
                    <Slider attr:data-control="sync" id="rl-sync" label="Sync every S" min=0.0 max=f64::from(MAX_SYNC_MS) step=10.0
                        value=Signal::derive(move || f64::from(state.with(|s| s.sync_ms)))
                        on_change=set(|s, v| s.sync_ms = (v.round() as u32).min(MAX_SYNC_MS))
                        format=Callback::new(|v: f64| if v == 0.0 { "every request".into() } else { model::ms_label(v) })/>
                </Show>
                <Show when=move || state.with(|s| s.share == Share::Central)>
                    <Slider attr:data-control="rtt" id="rl-rtt" label="Round trip to the counter" min=0.0 max=1000.0 step=1.0
                        value=Signal::derive(move || state.with(|s| s.rtt_ms))
                        on_change=set(|s, v| s.rtt_ms = v.clamp(0.0, 1000.0))
                        format=Callback::new(|v: f64| format!("{v:.0} ms"))/>
                    <label class="check" data-control="atomic"><input type="checkbox" id="rl-atomic"
                        prop:checked=move || state.with(|s| s.atomic)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            state.update(|s| s.atomic = on);
                        }/>" Increment and check in one call"</label>
                </Show>
            </div>
            <div class="readouts">
                <Readout metric="dist-accepted" label="Let through" value=fig(|r| r.accepted as f64) format=Callback::new(count)/>
                <Readout metric="dist-ideal" label="One counter would let through" value=fig(|r| r.ideal_accepted as f64) format=Callback::new(count)/>
                <Readout metric="dist-worst" label="Worst window" value=fig(|r| f64::from(r.worst_window)) format=Callback::new(count) title="The most let through in one window of W; the limit is L."/>
                <Readout metric="dist-over" label="Worst window ÷ L" value=fig(|r| r.over_ratio) format=Callback::new(|v: f64| format!("{v:.2}×"))/>
                <Readout metric="dist-latency" label="Added latency" value=fig(|r| r.added_latency_us as f64 / 1000.0) format=Callback::new(|v: f64| format!("{v:.0} ms"))/>
                <Readout metric="dist-messages" label="Messages" value=fig(|r| r.messages as f64) format=Callback::new(count)/>
            </div>
        </details>
    }
}
