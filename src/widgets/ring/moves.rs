//! What the last change moved: the ring's count and share beside what to
//! expect (1/(n+1) for a join, with the spread one run can show) and what
//! hash mod N would have moved, measured and in closed form.

use super::memos::Figures;
use super::model::{moved_spread, typical_range};
use crate::ui::readout::{count, percent, Readout};
use leptos::prelude::*;

/// The panel.
#[component]
pub fn MovesPanel(
    /// The widget's figures.
    figures: Figures,
) -> impl IntoView {
    let f = figures;
    let num = Callback::new(count);
    let pct = Callback::new(percent);
    let range = Memo::new(move |_| {
        let expected = f.moves.with(|m| m.ideal);
        f.moves_state
            .with(moved_spread)
            .map(|sd| typical_range(expected, sd))
    });
    let range_text = move || {
        range.get().map_or_else(
            || "The least any scheme must move to keep every node's fair share.".to_owned(),
            |(lo, hi)| {
                format!(
                    "On average; one run typically moves {}.",
                    super::model::range_text(lo, hi)
                )
            },
        )
    };
    view! {
        <section class="panel moves" data-figure="moves" aria-labelledby="moved-h">
            <h2 id="moved-h">"What moved"</h2>
            <p class="change-label">{move || f.moves_state.with(|s| format!("Last change: {}.", s.change_label()))}
                <span class="updating" id="moves-updating">{move || if f.moves_stale.get() { " Updating…" } else { "" }}</span></p>
            <div class="readouts">
                <Readout metric="moved-count" label="Keys moved" value=Signal::derive(move || Some(f.moves.get().moved.moved as f64)) format=num/>
                <Readout metric="moved-share" label="Share moved" value=Signal::derive(move || Some(f.moves.get().moved.share())) format=pct/>
                <Readout metric="ideal-moved-share" label="Expected share moved" value=Signal::derive(move || Some(f.moves.get().ideal)) format=pct
                    title="What a ring moves on average over seeds, and the least any scheme must move to give every node its fair share after the change: 1/(n+1) when a node joins n others."/>
                <Readout metric="modn-moved-share" label="hash mod N would move" value=Signal::derive(move || Some(f.moves.get().modn_moved.share())) format=pct/>
            </div>
            <p class="note moved-range" data-metric="moved-range-low"
                data-value=move || range.get().map(|r| crate::decimal::shortest(r.0)).unwrap_or_default()>{range_text}</p>
            <details class="more-figures">
                <summary>"More figures"</summary>
                <div class="readouts">
                    <Readout metric="removed-share" label="Removed node held" value=Signal::derive(move || f.moves.get().removed_share) format=pct/>
                    <Readout metric="modn-expected-moved-share" label="mod N, closed form" value=Signal::derive(move || f.moves.get().modn_expected) format=pct
                        title="1 − min(a,b)/lcm(a,b) for a change from a to b nodes."/>
                </div>
            </details>
        </section>
    }
}
