//! Compare mode's table: each policy's hit ratio at the chosen cache size,
//! its misses per thousand requests, the load they put on the backing store
//! and the closed form, where one applies.

use super::curve::{theory, Job, Results};
use super::model::{policy_colour, Workload};
use super::state::CacheState;
use crate::kit::Shared;
use crate::ui::readout::{count, percent};
use leptos::prelude::*;

/// The table, filling in as the runs at the chosen size finish.
#[component]
pub fn PolicyTable(
    /// The widget state.
    state: RwSignal<CacheState>,
    /// The requests.
    workload: Memo<Shared<Workload>>,
    /// The cache size the table describes.
    chosen: Memo<usize>,
    /// The runs done so far.
    results: RwSignal<Results>,
    /// The policies a scene names: their rows stand out.
    marked: Memo<Vec<sim::cache::PolicyKind>>,
) -> impl IntoView {
    let rows = move || {
        let (policies, rate, c) = state.with(|s| (s.policies.clone(), s.rate, chosen.get()));
        results.with(|r| {
            workload.with(|w| {
                policies
                    .into_iter()
                    .map(|k| {
                        let stats = r.get(&Job { policy: k, size: c }).copied();
                        let hit = stats.map(|s| s.hit_ratio());
                        let th = w.popularity.as_ref().and_then(|p| theory(k, p, c));
                        // "…" while a run is pending, "—" where no figure applies.
                        let cell = |metric: &str, v: Option<f64>, f: fn(f64) -> String, none: &'static str| {
                            let metric = format!("{metric}-{}", k.slug());
                            view! {
                                <td data-metric=metric data-value=v.map(|x| x.to_string()).unwrap_or_default()>
                                    {v.map(f).unwrap_or_else(|| none.into())}
                                </td>
                            }
                        };
                        let swatch = format!("background:{}", policy_colour(k));
                        view! {
                            <tr data-policy=k.slug() class:marked=marked.with(|m| m.contains(&k))>
                                <th scope="row"><span class="swatch" style=swatch></span>{k.label()}</th>
                                {cell("hit", hit, percent, "…")}
                                {cell("mpk", hit.map(|h| (1.0 - h) * 1000.0), |v| format!("{v:.1}"), "…")}
                                {cell("load", hit.map(|h| (1.0 - h) * rate), |v| format!("{}/s", count(v)), "…")}
                                {cell("theory", th.map(|t| t.1), percent, "—")}
                                <td class="theory-name">{th.map(|t| t.0).unwrap_or("")}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };

    view! {
        <div class="table-wrap">
            <table class="policy-table" class:marking=move || !marked.with(Vec::is_empty)>
                <caption>{move || format!("At {} entries, {} requests over {} keys", count(chosen.get() as f64), count(workload.with(|w| w.keys.len()) as f64), count(workload.with(|w| w.universe) as f64))}</caption>
                <thead><tr><th scope="col">"Policy"</th><th scope="col">"Hit ratio"</th><th scope="col">"Misses per 1,000"</th><th scope="col">"Backing-store load"</th><th scope="col">"Closed form"</th><th scope="col">"Which"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
