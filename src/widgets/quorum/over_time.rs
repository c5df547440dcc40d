//! Staleness over time: the chance a read sees the write against how long
//! after the commit it starts, for the setting and a comparison (never the
//! setting itself), with the latency profile; the four mean delays behind
//! "More" until a scene names them. A scene's `mark` picks what stands out:
//! `now` (the setting's curve and its readouts; the comparison fades) or
//! `latency` (the latency readouts).

use super::memos::Figures;
use super::model;
use super::state::{Means, Profile, QuorumState, MAX_LATENCY, MAX_N, MIN_LATENCY};
use super::{ms, setter, whole};
use crate::ui::line_chart::{LineChart, LineChartData, Series};
use crate::ui::readout::{percent, Readout};
use crate::ui::slider::{Scale, Slider};
use crate::ui::theme::Theme;
use leptos::prelude::*;
use sim::quorum::wars::WarsResult;

/// The setting's colour and the comparison's, and theirs when faded (all
/// from the palette), by theme.
fn colours(dark: bool, faded: bool) -> (&'static str, &'static str) {
    match (faded, dark) {
        (false, _) => ("#0072B2", "#D55E00"),
        (true, false) => ("#0072B2", "#F0945C"),
        (true, true) => ("#0072B2", "#9B4400"),
    }
}

/// The chart's data: both curves over a common axis, with the 99.9% marker.
fn chart_memo(f: Figures, fade_cmp: Signal<bool>) -> Memo<LineChartData> {
    let theme = expect_context::<Theme>();
    let end = Memo::new(move |_| {
        let (a, b) = (f.wars_now.get(), f.wars_cmp.get());
        model::curve_end(a.as_ref(), b.as_ref(), f.chart_for.with(|c| c.means))
    });
    Memo::new(move |_| {
        let (a, b, e) = (f.wars_now.get(), f.wars_cmp.get(), end.get());
        // The settings the runs are of (the controls once still).
        let ((r, w), cmp) = f.chart_for.with(|c| (c.now, c.cmp));
        let dark = theme.dark.get();
        let (mine, theirs) = colours(dark, fade_cmp.get());
        let mut series = Vec::new();
        if let Some(a) = a.as_ref() {
            series.push(Series {
                label: format!("R={r} W={w} (yours)"),
                colour: mine,
                points: model::curve(a, e),
                dashed: false,
            });
        }
        if let (Some(b), Some((cr, cw))) = (b.as_ref(), cmp) {
            series.push(Series {
                label: format!("R={cr} W={cw}"),
                colour: theirs,
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
            gaps: Vec::new(),
            markers,
            x_label: "time since the write committed (ms)".into(),
            y_label: "P(read sees the write)".into(),
            y_min: 0.0,
            y_max: 1.0,
            y_percent: true,
            dark,
            ..LineChartData::default()
        }
    })
}

/// Why the dashed line is not the comparison the reader chose, if it is not.
fn swapped_note(s: &QuorumState, cmp: Option<(u32, u32)>) -> Option<String> {
    if (s.cmp_r, s.cmp_w) != (s.r, s.w) {
        return None;
    }
    Some(match cmp {
        Some((r, w)) => format!("The comparison you chose is your own setting, so the dashed line shows R = {r}, W = {w} instead."),
        None => "With one replica there is no other setting to compare with.".to_owned(),
    })
}

/// The panel: profiles, chart, readouts, the comparison and the delays.
#[component]
pub fn OverTimePanel(
    /// The widget state.
    state: RwSignal<QuorumState>,
    /// The page's figures.
    figures: Figures,
    /// What the scene on screen highlights.
    #[prop(into)]
    mark: Signal<&'static str>,
    /// The controls the scene on screen offers.
    #[prop(into)]
    scene_controls: Signal<&'static [&'static str]>,
) -> impl IntoView {
    let f = figures;
    let marks =
        move |w: &'static str| Signal::derive(move || mark.with(|m| m.split(' ').any(|x| x == w)));
    let chart = chart_memo(f, marks("now"));
    let pct = Callback::new(percent);
    let now =
        move |g: fn(&WarsResult) -> f64| Signal::derive(move || f.wars_now.get().as_ref().map(g));
    let more = RwSignal::new(false);
    let open = Memo::new(move |_| more.get() || scene_controls.with(|c| c.contains(&"delays")));
    let set = move |g| setter(state, g);
    let to_means = move |g: fn(&mut Means, f64)| {
        Callback::new(move |v: f64| {
            state.update(|s| {
                g(&mut s.means, v);
                s.profile = Profile::Custom;
            })
        })
    };
    let swapped = move || state.with(|s| swapped_note(s, f.cmp.get()));
    view! {
        <section class="panel" aria-labelledby="q-time-h" data-figure="over-time" data-highlight=move || mark.get()>
            <h2 id="q-time-h">"Staleness over time"
                <span class="updating" id="q-chart-updating" aria-live="polite">{move || if f.chart_stale.get() { " Updating…" } else { "" }}</span></h2>
            <LineChart id="q-chart" title="Consistent reads over time" data=chart label=Signal::derive(move || {
                match f.wars_now.get().as_ref() {
                    Some(a) => format!("Probability of a consistent read against time; 99.9% after {}", ms(a.time_to(0.999))),
                    None => "No curve: too few replicas are up".to_owned(),
                }
            })/>
            <ul class="quorum-legend chart-legend" data-legend-for="over-time" aria-label="What the lines mean">
                <li><svg viewBox="0 0 24 16" aria-hidden="true"><path class="sw-now" d="M1 8h22"></path></svg>"solid: your setting"</li>
                <li><svg viewBox="0 0 24 16" aria-hidden="true"><path class="sw-cmp" d="M1 8h22"></path></svg>"dashed: the comparison"</li>
                <li><svg viewBox="0 0 24 16" aria-hidden="true"><path class="sw-marker" d="M12 1v14"></path></svg>"grey line: when 99.9% of your reads see the write"</li>
            </ul>
            <p class="note">"Each replica's delays are random (exponential). How likely is a read, started some time after the write committed, to see it?"</p>
            <div class="presets" role="group" aria-label="Latency profiles" data-control="profile">
                {Profile::NAMED.into_iter().map(|p| view! {
                    <button type="button" class="preset" data-profile=p.slug()
                        aria-pressed=Signal::derive(move || if state.with(|s| s.profile == p) { "true" } else { "false" })
                        on:click=move |_| state.update(|s| s.set_profile(p, model::profile_means(p)))>{p.label()}</button>
                }).collect_view()}
            </div>
            {move || swapped().map(|t| view! { <p class="note" id="q-cmp-note">{t}</p> })}
            <div class="readouts q-mark" class:marked=marks("now")>
                <Readout metric="p-consistent-0" label="Consistent at once (with delays)" value=now(|r| r.p_consistent(0.0)) format=pct/>
                <Readout metric="t-999" label="99.9% consistent after" value=now(|r| r.time_to(0.999)) format=Callback::new(ms)/>
                <Readout metric="t-999-cmp" label="…for the comparison" value=Signal::derive(move || f.wars_cmp.get().as_ref().map(|r| r.time_to(0.999))) format=Callback::new(ms)/>
            </div>
            <div class="readouts q-mark" class:marked=marks("latency") data-figure="latency">
                <Readout metric="read-p50" label="Read latency p50" value=now(|r| r.read_percentile(0.5)) format=Callback::new(ms)/>
                <Readout metric="read-p99" label="Read latency p99" value=now(|r| r.read_percentile(0.99)) format=Callback::new(ms)/>
                <Readout metric="write-p50" label="Write latency p50" value=now(|r| r.write_percentile(0.5)) format=Callback::new(ms)/>
                <Readout metric="write-p99" label="Write latency p99" value=now(|r| r.write_percentile(0.99)) format=Callback::new(ms)/>
            </div>
            <div class="controls two-col" data-control="compare">
                <Slider id="q-cmp-w" label="Compare with W" min=1.0 max=f64::from(MAX_N)
                    value=Signal::derive(move || f64::from(state.with(|s| s.cmp_w)))
                    on_change=set(|s, v| s.cmp_w = (v as u32).clamp(1, s.n)) format=Callback::new(whole)/>
                <Slider id="q-cmp-r" label="Compare with R" min=1.0 max=f64::from(MAX_N)
                    value=Signal::derive(move || f64::from(state.with(|s| s.cmp_r)))
                    on_change=set(|s, v| s.cmp_r = (v as u32).clamp(1, s.n)) format=Callback::new(whole)/>
            </div>
            <button type="button" class="more-toggle" id="q-delays-toggle" aria-controls="q-delays"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| more.update(|m| *m = !*m)>
                {move || if open.get() { "Hide the delays" } else { "Set the delays by hand" }}
            </button>
            <div class="controls two-col more-body" id="q-delays" class:open=open data-control="delays">
                <Slider id="q-lw" label="Write delay (mean)" min=MIN_LATENCY max=MAX_LATENCY scale=Scale::Log
                    value=Signal::derive(move || state.with(|s| s.means.write)) on_change=to_means(|m, v| m.write = v) format=Callback::new(ms)/>
                <Slider id="q-la" label="Ack delay (mean)" min=MIN_LATENCY max=MAX_LATENCY scale=Scale::Log
                    value=Signal::derive(move || state.with(|s| s.means.ack)) on_change=to_means(|m, v| m.ack = v) format=Callback::new(ms)/>
                <Slider id="q-lr" label="Read request delay (mean)" min=MIN_LATENCY max=MAX_LATENCY scale=Scale::Log
                    value=Signal::derive(move || state.with(|s| s.means.read)) on_change=to_means(|m, v| m.read = v) format=Callback::new(ms)/>
                <Slider id="q-ls" label="Read response delay (mean)" min=MIN_LATENCY max=MAX_LATENCY scale=Scale::Log
                    value=Signal::derive(move || state.with(|s| s.means.response)) on_change=to_means(|m, v| m.response = v) format=Callback::new(ms)/>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comparison_equal_to_the_setting_is_explained() {
        let mine = QuorumState {
            cmp_r: 2,
            cmp_w: 2,
            ..QuorumState::default()
        };
        let cmp = model::comparison(&mine);
        assert_eq!(cmp, Some((1, 1)));
        assert!(swapped_note(&mine, cmp).is_some_and(|t| t.contains("R = 1, W = 1")));
        assert_eq!(swapped_note(&QuorumState::default(), Some((1, 1))), None);
    }

    #[test]
    fn fading_keeps_the_setting_and_dims_the_comparison() {
        assert_eq!(colours(false, false), ("#0072B2", "#D55E00"));
        for dark in [false, true] {
            let (a, b) = colours(dark, true);
            assert_eq!(a, "#0072B2");
            assert_ne!(b, "#D55E00");
        }
    }
}
