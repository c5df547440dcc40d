//! The overlap section, for shuffle sharding: how many other tenants share
//! j workers with the picked (or poison) tenant, in closed form beside the
//! seeded population.

use super::model;
use super::state::{ArchKind, CellsState};
use crate::ui::line_chart::LineChart;
use crate::ui::readout::{count, Readout};
use crate::ui::theme::Theme;
use leptos::prelude::*;

/// The overlap section (shown for shuffle sharding only).
#[component]
pub fn OverlapPanel(
    /// The widget state.
    state: RwSignal<CellsState>,
    /// The overlap figures, for the picked (or poison) tenant.
    overlap: Memo<Option<model::Overlap>>,
) -> impl IntoView {
    let theme = expect_context::<Theme>();
    let whole = Callback::new(|v: f64| count(v.round()));
    view! {
        <Show when=move || state.with(|s| s.arch == ArchKind::Shuffle)>
            <section class="panel" aria-labelledby="cells-shuffle-h" data-figure="overlap">
                <h2 id="cells-shuffle-h">"How much shards overlap"</h2>
                <p class="note">{move || overlap.with(|o| o.as_ref().map(|o| format!(
                    "Compared with tenant {}: how many of the other tenants share exactly j of its workers. Closed form (hypergeometric) beside this seeded population.", o.tenant
                )).unwrap_or_default())}</p>
                <div class="readouts">
                    <Readout metric="distinct-shards" label="Distinct shards C(n, k)" value=Signal::derive(move || overlap.with(|o| o.as_ref().map(|o| o.shards))) format=Callback::new(|v: f64| if v < 1e9 { count(v) } else { format!("{v:.3e}") })/>
                    <Readout metric="full-overlap-expected" label="Same shard, expected" value=Signal::derive(move || overlap.with(|o| o.as_ref().map(|o| o.full))) format=Callback::new(|v: f64| if v == 0.0 || v >= 0.001 { format!("{v:.3}") } else { format!("{v:.2e}") })
                        title="(tenants − 1) ÷ C(n, k)"/>
                    <Readout metric="full-overlap-measured" label="Same shard, in this population" value=Signal::derive(move || overlap.with(|o| o.as_ref().and_then(|o| o.measured.last().map(|&m| m as f64)))) format=whole/>
                </div>
                <div class="table-wrap">
                    <table class="overlap-table">
                        <thead><tr><th scope="col">"Workers shared, j"</th><th scope="col">"Probability (closed form)"</th><th scope="col">"Expected tenants"</th><th scope="col">"Tenants in this population"</th></tr></thead>
                        <tbody>{move || overlap.with(|o| o.as_ref().map(|o| {
                            let others = o.expected.iter().sum::<f64>().max(1e-12);
                            o.expected.iter().zip(&o.measured).enumerate().map(|(j, (&e, &m))| view! {
                                <tr>
                                    <th scope="row">{j}</th>
                                    <td data-metric=format!("overlap-p-{j}") data-value=(e / others).to_string()>{format!("{:.4}", e / others)}</td>
                                    <td data-metric=format!("overlap-expected-{j}") data-value=e.to_string()>{format!("{e:.1}")}</td>
                                    <td data-metric=format!("overlap-measured-{j}") data-value=m.to_string()>{count(m as f64)}</td>
                                </tr>
                            }).collect_view()
                        }))}</tbody>
                    </table>
                </div>
                <LineChart id="cells-overlap-chart" title="Tenants sharing j workers" data=Signal::derive(move || overlap.with(|o| o.as_ref().map(|o| model::overlap_chart(o, theme.dark.get())).unwrap_or_default()))
                    label=Signal::derive(move || "Share of other tenants sharing j workers: closed form and this population".to_owned())/>
            </section>
        </Show>
    }
}
