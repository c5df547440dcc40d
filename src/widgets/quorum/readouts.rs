//! Two panels of readouts: what the setting survives, and how often a read
//! misses the latest write when each operation goes to a random quorum (the
//! exact figure beside a seeded simulation), told apart from the chart's
//! "consistent at once", which asks about a read with message delays.

use super::memos::Figures;
use super::{whole, yes_no};
use crate::ui::readout::{count, percent, Readout};
use leptos::prelude::*;
use sim::quorum::wars::WarsResult;

/// Whether writes and reads succeed, and how many failures each survives.
/// The scene about a crash (`down`) points at them.
#[component]
pub fn AvailabilityPanel(
    /// The page's figures.
    figures: Figures,
    /// Whether a scene points at this panel.
    #[prop(into)]
    marked: Signal<bool>,
) -> impl IntoView {
    let avail = figures.avail;
    view! {
        <section class="panel" aria-labelledby="q-avail-h" data-figure="availability">
            <h2 id="q-avail-h">"Availability"</h2>
            <div class="readouts q-mark" class:marked=marked>
                <Readout metric="can-write" label="Writes succeed" value=Signal::derive(move || Some(f64::from(u8::from(avail.get().can_write)))) format=Callback::new(yes_no)/>
                <Readout metric="can-read" label="Reads succeed" value=Signal::derive(move || Some(f64::from(u8::from(avail.get().can_read)))) format=Callback::new(yes_no)/>
                <Readout metric="write-tolerates" label="Writes survive failures" value=Signal::derive(move || Some(f64::from(avail.get().cfg.write_tolerates()))) format=Callback::new(whole) title="N − W"/>
                <Readout metric="read-tolerates" label="Reads survive failures" value=Signal::derive(move || Some(f64::from(avail.get().cfg.read_tolerates()))) format=Callback::new(whole) title="N − R"/>
                <Readout metric="alive" label="Replicas up" value=Signal::derive(move || Some(f64::from(avail.get().alive))) format=Callback::new(whole)/>
            </div>
        </section>
    }
}

/// The sentence that tells the two questions apart, with both answers:
/// `stale` is the closed form for the setting `wars` was run on.
pub fn two_questions(stale: f64, wars: Option<&WarsResult>) -> String {
    let at_once = wars.map_or_else(
        || "no figure (too few replicas are up)".to_owned(),
        |w| percent(w.p_consistent(0.0)),
    );
    format!(
        "Two different questions. “Misses the latest write” ({}) draws the read's R replicas at random, right after the write reached W, with no delays. “Consistent at once” ({at_once}), on the chart below, simulates message delays: by the time the write commits it has often reached more than W replicas, and the read keeps the R fastest replies.",
        percent(stale)
    )
}

/// The chance a read misses the latest write, exact and simulated.
#[component]
pub fn StalenessPanel(
    /// The page's figures.
    figures: Figures,
) -> impl IntoView {
    let (exact, staleness, lags) = (figures.exact, figures.staleness, figures.staleness_lags);
    let pct = Callback::new(percent);
    // Both answers for the setting the chart was run on (the controls once still).
    let versus = move || {
        let (n, (r, w)) = figures.chart_for.with(|c| (c.n, c.now));
        let stale = sim::quorum::closed::p_stale(sim::quorum::QuorumConfig::new(n, r, w));
        figures
            .wars_now
            .with(|run| two_questions(stale, run.as_ref()))
    };
    view! {
        <section class="panel" aria-labelledby="q-stale-h" data-figure="staleness">
            <h2 id="q-stale-h">"How often a read is stale"</h2>
            <div class="readouts">
                <Readout metric="p-stale" label="Misses the latest write (exact)" value=Signal::derive(move || Some(exact.get().0)) format=pct title="C(N−W, R) / C(N, R)"/>
                <Readout metric="p-stale-mc" label="Simulated" value=Signal::derive(move || Some(staleness.get().stale_mc.p)) format=pct pending=lags/>
                <Readout metric="p-within-k" label="Within the last k versions (exact)" value=Signal::derive(move || Some(exact.get().1)) format=pct title="1 − (C(N−W, R) / C(N, R))^k"/>
                <Readout metric="p-within-k-mc" label="Simulated" value=Signal::derive(move || Some(staleness.get().within_k_mc.p)) format=pct pending=lags/>
                <Readout metric="mc-trials" label="Trials each" value=Signal::derive(move || Some(staleness.get().stale_mc.trials as f64)) format=Callback::new(count) pending=lags
                    title="At most 30,000 ÷ N. The simulation reruns once the controls are still."/>
            </div>
            <p class="note q-versus" id="q-versus">{versus}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widgets::quorum::model;
    use crate::widgets::quorum::state::QuorumState;

    #[test]
    fn the_two_questions_quote_both_answers() {
        let s = QuorumState {
            r: 1,
            w: 1,
            ..QuorumState::default()
        };
        let st = model::staleness(&s);
        let w = model::wars_of(&s, 1, 1);
        let text = two_questions(st.stale, w.as_ref());
        let at_once = w.map(|w| w.p_consistent(0.0)).unwrap_or_default();
        assert!(text.contains(&percent(st.stale)), "{text}");
        assert!(text.contains(&percent(at_once)), "{text}");
        // with delays a read at the commit is fresh more often than a random quorum
        assert!(at_once > 1.0 - st.stale);
    }
}
