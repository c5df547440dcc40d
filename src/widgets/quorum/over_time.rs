//! Staleness over time: the chance a read sees the write against how long
//! after the commit it starts, for the setting and a comparison, with the
//! latency profile and the four mean delays.

use super::model;
use super::state::{Means, Profile, QuorumState, MAX_LATENCY, MAX_N, MIN_LATENCY};
use super::{ms, setter, whole};
use crate::kit::Shared;
use crate::ui::line_chart::{LineChart, LineChartData, Series};
use crate::ui::readout::{percent, Readout};
use crate::ui::slider::{Scale, Slider};
use crate::ui::theme::Theme;
use leptos::prelude::*;
use sim::quorum::wars::WarsResult;

/// One WARS simulation of the state at the quorums `pick` gives, rerun
/// whenever an input of it changes.
fn wars_memo(
    state: RwSignal<QuorumState>,
    pick: fn(&QuorumState) -> (u32, u32),
) -> Memo<Shared<Option<WarsResult>>> {
    let inputs = Memo::new(move |_| {
        state.with(|s| (s.n, pick(s), s.failed.clone(), s.means, s.trials, s.seed))
    });
    Memo::new(move |_| {
        let (_, (r, w), ..) = inputs.get();
        Shared::new(state.with_untracked(|s| model::wars_of(s, r, w)))
    })
}

/// The chart's data: both curves over a common axis, with the 99.9% marker.
fn chart_memo(
    state: RwSignal<QuorumState>,
    wars_now: Memo<Shared<Option<WarsResult>>>,
    wars_cmp: Memo<Shared<Option<WarsResult>>>,
) -> Memo<LineChartData> {
    let theme = expect_context::<Theme>();
    let end = Memo::new(move |_| {
        let (a, b) = (wars_now.get(), wars_cmp.get());
        model::curve_end(a.as_ref(), b.as_ref(), state.with(|s| s.means))
    });
    Memo::new(move |_| {
        let (a, b, e) = (wars_now.get(), wars_cmp.get(), end.get());
        let (r, w, cr, cw) = state.with(|s| (s.r, s.w, s.cmp_r, s.cmp_w));
        let mut series = Vec::new();
        if let Some(a) = a.as_ref() {
            series.push(Series {
                label: format!("R={r} W={w}"),
                colour: "#0072B2",
                points: model::curve(a, e),
                dashed: false,
            });
        }
        if let Some(b) = b.as_ref() {
            series.push(Series {
                label: format!("R={cr} W={cw}"),
                colour: "#D55E00",
                points: model::curve(b, e),
                dashed: true,
            });
        }
        let markers = a
            .as_ref()
            .map(|a| vec![(a.time_to(0.999), "99.9%".to_owned())])
            .unwrap_or_default();
        LineChartData {
            series,
            markers,
            x_label: "time since the write committed (ms)".into(),
            y_label: "P(read sees the write)".into(),
            y_min: 0.0,
            y_max: 1.0,
            y_percent: true,
            dark: theme.dark.get(),
            ..LineChartData::default()
        }
    })
}

/// The panel: profiles, chart, readouts, the comparison and the delays.
#[component]
pub fn OverTimePanel(
    /// The widget state.
    state: RwSignal<QuorumState>,
) -> impl IntoView {
    let wars_now = wars_memo(state, |s| (s.r, s.w));
    let wars_cmp = wars_memo(state, |s| (s.cmp_r, s.cmp_w));
    let chart = chart_memo(state, wars_now, wars_cmp);
    let pct = Callback::new(percent);
    let now =
        move |f: fn(&WarsResult) -> f64| Signal::derive(move || wars_now.get().as_ref().map(f));
    let set = move |f| setter(state, f);
    let to_means = move |f: fn(&mut Means, f64)| {
        Callback::new(move |v: f64| {
            state.update(|s| {
                f(&mut s.means, v);
                s.profile = Profile::Custom;
            })
        })
    };

    view! {
        <section class="panel" aria-labelledby="q-time-h" data-figure="over-time">
            <h2 id="q-time-h">"Staleness over time"</h2>
            <p class="note">"Each replica's delays are random (exponential). How likely is a read, started some time after the write committed, to see it?"</p>
            <div class="presets" role="group" aria-label="Latency profiles" data-control="profile">
                {Profile::NAMED.into_iter().map(|p| view! {
                    <button type="button" class="preset" data-profile=p.slug()
                        aria-pressed=Signal::derive(move || if state.with(|s| s.profile == p) { "true" } else { "false" })
                        on:click=move |_| state.update(|s| s.set_profile(p, model::profile_means(p)))>{p.label()}</button>
                }).collect_view()}
            </div>
            <LineChart id="q-chart" title="Consistent reads over time" data=chart label=Signal::derive(move || {
                let a = wars_now.get();
                match a.as_ref() {
                    Some(a) => format!("Probability of a consistent read against time; 99.9% after {}", ms(a.time_to(0.999))),
                    None => "No curve: too few replicas are up".to_owned(),
                }
            })/>
            <div class="readouts">
                <Readout metric="p-consistent-0" label="Consistent at once" value=now(|r| r.p_consistent(0.0)) format=pct/>
                <Readout metric="t-999" label="99.9% consistent after" value=now(|r| r.time_to(0.999)) format=Callback::new(ms)/>
                <Readout metric="t-999-cmp" label="…for the comparison" value=Signal::derive(move || wars_cmp.get().as_ref().map(|r| r.time_to(0.999))) format=Callback::new(ms)/>
                <Readout metric="read-p50" label="Read latency p50" value=now(|r| r.read_percentile(0.5)) format=Callback::new(ms)/>
                <Readout metric="read-p99" label="Read latency p99" value=now(|r| r.read_percentile(0.99)) format=Callback::new(ms)/>
                <Readout metric="write-p50" label="Write latency p50" value=now(|r| r.write_percentile(0.5)) format=Callback::new(ms)/>
                <Readout metric="write-p99" label="Write latency p99" value=now(|r| r.write_percentile(0.99)) format=Callback::new(ms)/>
            </div>
            <div class="controls two-col">
                <Slider attr:data-control="compare" id="q-cmp-w" label="Compare with W" min=1.0 max=f64::from(MAX_N)
                    value=Signal::derive(move || f64::from(state.with(|s| s.cmp_w)))
                    on_change=set(|s, v| s.cmp_w = (v as u32).clamp(1, s.n)) format=Callback::new(whole)/>
                <Slider attr:data-control="compare" id="q-cmp-r" label="Compare with R" min=1.0 max=f64::from(MAX_N)
                    value=Signal::derive(move || f64::from(state.with(|s| s.cmp_r)))
                    on_change=set(|s, v| s.cmp_r = (v as u32).clamp(1, s.n)) format=Callback::new(whole)/>
                <Slider attr:data-control="delays" id="q-lw" label="Write delay (mean)" min=MIN_LATENCY max=MAX_LATENCY scale=Scale::Log
                    value=Signal::derive(move || state.with(|s| s.means.write)) on_change=to_means(|m, v| m.write = v) format=Callback::new(ms)/>
                <Slider attr:data-control="delays" id="q-la" label="Ack delay (mean)" min=MIN_LATENCY max=MAX_LATENCY scale=Scale::Log
                    value=Signal::derive(move || state.with(|s| s.means.ack)) on_change=to_means(|m, v| m.ack = v) format=Callback::new(ms)/>
                <Slider attr:data-control="delays" id="q-lr" label="Read request delay (mean)" min=MIN_LATENCY max=MAX_LATENCY scale=Scale::Log
                    value=Signal::derive(move || state.with(|s| s.means.read)) on_change=to_means(|m, v| m.read = v) format=Callback::new(ms)/>
                <Slider attr:data-control="delays" id="q-ls" label="Read response delay (mean)" min=MIN_LATENCY max=MAX_LATENCY scale=Scale::Log
                    value=Signal::derive(move || state.with(|s| s.means.response)) on_change=to_means(|m, v| m.response = v) format=Callback::new(ms)/>
            </div>
        </section>
    }
}
