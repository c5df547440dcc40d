//! The same keys and the same change, placed by five schemes: what each
//! moved and how evenly it spreads the keys.

use super::memos::Figures;
use super::model::Comparison;
use crate::decimal::shortest;
use crate::ui::chart::{BarChart, BarChartData};
use crate::ui::readout::{percent, ratio};
use leptos::prelude::*;
use sim::placement::Strategy;

/// The panel.
#[component]
pub fn ComparePanel(
    /// The widget's figures.
    figures: Figures,
    /// Whether the scene on screen points at the bounded-loads row.
    #[prop(into)]
    marked: Signal<bool>,
    /// Dark theme.
    #[prop(into)]
    dark: Signal<bool>,
) -> impl IntoView {
    let f = figures;
    let chart = Memo::new(move |_| {
        f.comparison
            .with(|c| busiest_chart(c, marked.get(), dark.get()))
    });
    let label = Signal::derive(move || {
        f.comparison.with(|c| {
            let bars: Vec<String> = c
                .rows
                .iter()
                .map(|r| format!("{} {}", short_name(r.strategy), ratio(r.max_over_mean)))
                .collect();
            format!(
                "Busiest node over its fair share, by scheme: {}; bounded loads cap it at {}",
                bars.join(", "),
                ratio(1.0 + c.epsilon)
            )
        })
    });
    view! {
        <section class="panel" data-figure="compare" aria-labelledby="compare-h">
            <h2 id="compare-h">"Other ways to place keys"</h2>
            <p class="intro">{move || format!(
                    "The same keys and the same change, placed five ways. Expected share moved: {}.",
                    percent(f.comparison.get().ideal)
                )}
                <span class="updating" id="compare-updating" aria-live="polite">{move || if f.comparison_stale.get() { " Updating…" } else { "" }}</span>
            </p>
            <BarChart id="ring-schemes-chart" title="Busiest node by scheme" data=chart label=label/>
            <table class="compare" class:stale=f.comparison_stale class:marking=marked>
                <thead><tr><th scope="col">"Scheme"</th><th scope="col">"Moved"</th><th scope="col">"Busiest ÷ fair"</th><th scope="col">"Std ÷ mean"</th></tr></thead>
                <tbody>
                    {move || {
                        let c = f.comparison.get();
                        c.rows.into_iter().map(|r| {
                            let slug = r.strategy.slug();
                            view! {
                                <tr data-strategy=slug class:marked=r.strategy == Strategy::BoundedLoads>
                                    <th scope="row">{r.strategy.label()}</th>
                                    <td data-metric=format!("compare-{slug}-moved-share") data-value=shortest(r.moved_share)>{percent(r.moved_share)}</td>
                                    <td data-metric=format!("compare-{slug}-max-over-mean") data-value=shortest(r.max_over_mean)>{ratio(r.max_over_mean)}</td>
                                    <td data-metric=format!("compare-{slug}-std-over-mean") data-value=shortest(r.std_over_mean)>{ratio(r.std_over_mean)}</td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
            <p class="note">{move || if f.comparison.get().jump_renumbers {
                "Jump hash numbers its buckets 0…n−1, so removing a node from the middle renumbers every node after it; that is why it moves so much here."
            } else {
                ""
            }}</p>
        </section>
    }
}

/// A scheme's name under its bar.
fn short_name(s: Strategy) -> &'static str {
    match s {
        Strategy::Ring => "ring",
        Strategy::ModN => "mod N",
        Strategy::Rendezvous => "HRW",
        Strategy::Jump => "jump",
        Strategy::BoundedLoads => "bounded",
    }
}

/// Each scheme's busiest node over its fair share, with bounded loads' cap
/// 1 + ε as the reference line; the bounded-loads bar stands out when `marked`.
pub fn busiest_chart(c: &Comparison, marked: bool, dark: bool) -> BarChartData {
    BarChartData {
        values: c.rows.iter().map(|r| r.max_over_mean).collect(),
        labels: c
            .rows
            .iter()
            .map(|r| short_name(r.strategy).to_owned())
            .collect(),
        colours: c.rows.iter().map(|_| "#0072B2").collect(),
        reference: Some(1.0 + c.epsilon),
        reference_label: "cap".into(),
        highlight: marked
            .then(|| {
                c.rows
                    .iter()
                    .position(|r| r.strategy == Strategy::BoundedLoads)
            })
            .flatten(),
        x_label: "scheme".into(),
        y_label: "busiest ÷ fair share".into(),
        dark,
    }
}
