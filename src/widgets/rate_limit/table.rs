//! The table under the lanes: per algorithm, what it let through so far and
//! in all, the most in any window, the waits and the memory per client. On a
//! phone each row becomes a small card of labelled values, so nothing is cut
//! off and the page never scrolls sideways.

use super::figures::Figures;
use super::model::ms;
use crate::ui::readout::count;
use leptos::prelude::*;
use sim::rate_limit::AlgorithmKind;

/// The column headings, as the cells repeat them on a phone.
pub const COLUMNS: [&str; 7] = [
    "So far",
    "Let through",
    "Refused",
    "Most in any window",
    "Mean wait",
    "Worst wait",
    "State per client",
];

/// The table.
#[component]
pub fn RateTable(
    /// The figures.
    figures: Figures,
    /// The algorithms the scene on screen names (their rows stand out).
    #[prop(into)]
    marked: Signal<Vec<AlgorithmKind>>,
) -> impl IntoView {
    let Figures {
        run, live, so_far, ..
    } = figures;
    let rows = move || {
        let named = marked.get();
        run.with(|r| {
            let sf = so_far.get();
            let limit = r.params.limit;
            r.lanes
                .iter()
                .zip(sf)
                .map(|(l, (acc_now, rej_now))| {
                    let slug = l.kind.slug();
                    let s = l.summary;
                    let cell = |m: &str, col: usize, v: Option<f64>, text: String| {
                        view! { <td data-label=COLUMNS[col] data-metric=format!("{m}-{slug}") data-value=v.map(|x| x.to_string()).unwrap_or_default()>{text}</td> }
                    };
                    let delays = l.kind.delays();
                    let over = s.max_in_window > limit;
                    view! {
                        <tr data-algo=slug class:marked=named.contains(&l.kind)>
                            <th scope="row">{l.kind.label()}</th>
                            <td class="so-far" data-label=COLUMNS[0] data-metric=format!("live-accepted-{slug}") data-value=acc_now.to_string()>
                                {format!("{} ✓ {} ✗", count(acc_now as f64), count(rej_now as f64))}
                            </td>
                            {cell("accepted", 1, Some(s.accepted as f64), count(s.accepted as f64))}
                            {cell("rejected", 2, Some(s.rejected as f64), count(s.rejected as f64))}
                            <td data-label=COLUMNS[3] data-metric=format!("maxwin-{slug}") data-value=s.max_in_window.to_string() class:over=over>
                                <span>{format!("{}{}", s.max_in_window, if over { " (over)" } else { "" })}</span>
                            </td>
                            {cell("mean-delay", 4, delays.then_some(s.mean_delay_us / 1000.0), if delays { ms(s.mean_delay_us / 1000.0) } else { "—".into() })}
                            {cell("worst-delay", 5, delays.then_some(s.worst_delay_us as f64 / 1000.0), if delays { ms(s.worst_delay_us as f64 / 1000.0) } else { "—".into() })}
                            {cell("memory", 6, Some(s.memory_peak as f64), format!("{} word{}", s.memory_peak, if s.memory_peak == 1 { "" } else { "s" }))}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="panel rl-table-panel" aria-labelledby="rl-table-h" data-figure="table">
            <h2 id="rl-table-h">"What each let through"</h2>
            <div class="table-wrap">
                <table class="policy-table rate-table" class:live=move || live.get() class:marking=move || !marked.with(Vec::is_empty)>
                    <caption>{move || run.with(|r| format!(
                        "Limit {} per {}; offered: at most {} requests in any window of that length{}",
                        r.params.limit, ms(r.params.window_us as f64 / 1000.0), r.offered_max_in_window,
                        if r.clients > 1 { format!(", {} clients with a limiter each", r.clients) } else { String::new() }
                    ))}</caption>
                    <thead><tr>
                        <th scope="col">"Algorithm"</th><th scope="col" class="so-far">{COLUMNS[0]}</th><th scope="col">{COLUMNS[1]}</th><th scope="col">{COLUMNS[2]}</th>
                        <th scope="col" title="The most one client got through in any window of length W">{COLUMNS[3]}</th>
                        <th scope="col">{COLUMNS[4]}</th><th scope="col">{COLUMNS[5]}</th><th scope="col" title="64-bit words kept for the busiest client at its peak">{COLUMNS[6]}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="note" data-metric="offered-maxwin" data-value=move || run.with(|r| r.offered_max_in_window.to_string())>
                "\"Most in any window\" slides a window of length W over the requests let through: above L, the algorithm let more through than the limit says."
            </p>
        </section>
    }
}
