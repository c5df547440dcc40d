//! The main figure: the replicas around the coordinator with a sampled write
//! set and read set, the guarantee they give, a replay of their messages and
//! a legend of every mark. A scene's `mark` picks the replicas that stand out:
//! `shared` (in both sets), `miss` (in either set, when they miss each other),
//! `down` (crashed).

use super::memos::Figures;
use super::replicas::{ReplicaSvg, ReplicaView};
use super::state::QuorumState;
use leptos::prelude::*;

/// The replicas a scene's mark points at.
pub fn marked(mark: &str, write: &[u32], read: &[u32], failed: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for word in mark.split(' ') {
        match word {
            "shared" => out.extend(write.iter().filter(|i| read.contains(i))),
            "miss" => out.extend(write.iter().chain(read)),
            "down" => out.extend(failed),
            _ => {}
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The replica diagram, its guarantee and its legend.
#[component]
pub fn ReplicaFigure(
    /// The widget state.
    state: RwSignal<QuorumState>,
    /// The page's figures.
    figures: Figures,
    /// What the scene on screen highlights.
    #[prop(into)]
    mark: Signal<&'static str>,
) -> impl IntoView {
    let replay = RwSignal::new(0u32);
    let view = Memo::new(move |_| {
        let (write_set, read_set) = figures.sets.get();
        let (n, failed) = state.with(|s| (s.n, s.failed.clone()));
        let marked = marked(mark.get(), &write_set, &read_set, &failed);
        ReplicaView {
            n,
            write_set,
            read_set,
            failed,
            marked,
            replay: replay.get(),
        }
    });
    let avail = figures.avail;
    let guarantee = move || {
        let a = avail.get();
        if a.cfg.overlaps() {
            let m = a.cfg.min_overlap();
            let noun = if m == 1 { "replica" } else { "replicas" };
            format!("R + W > N: every read overlaps the latest write in at least {m} {noun}.")
        } else {
            "R + W ≤ N: a read can miss the latest write entirely.".to_owned()
        }
    };
    view! {
        <figure class="diagram replica-diagram" data-figure="replicas">
            <ReplicaSvg view=view on_toggle=Callback::new(move |i| state.update(|s| s.toggle_failed(i)))/>
            <p class="badge-line" data-metric="overlap-guaranteed"
                data-value=move || if avail.get().cfg.overlaps() { "1" } else { "0" }>{guarantee}</p>
            <p class="replay-row">
                <button type="button" id="q-replay" class="replay" data-part="playback" on:click=move |_| replay.update(|r| *r += 1)>"Replay the messages"</button>
            </p>
        </figure>
        <ReplicaLegend/>
    }
}

/// What every mark of the diagram means.
#[component]
fn ReplicaLegend() -> impl IntoView {
    view! {
        <ul class="quorum-legend" data-legend-for="replicas" aria-label="What the marks mean">
            <li data-sign="write"><svg viewBox="0 0 24 16" aria-hidden="true"><path class="sw-write" d="M1 8h22"></path></svg>
                "orange, solid: the write set"<span class="legend-more">", the W replicas whose acks the write waited for"</span></li>
            <li data-sign="read"><svg viewBox="0 0 24 16" aria-hidden="true"><path class="sw-read" d="M1 8h22"></path></svg>
                "blue, dashed: the read set"<span class="legend-more">", the R replicas whose replies the read kept"</span></li>
            <li data-sign="both"><svg viewBox="0 0 24 16" aria-hidden="true"><circle class="sw-both" cx="12" cy="8" r="5"></circle></svg>
                "dot: in both sets"<span class="legend-more">", so this replica hands the read the new value"</span></li>
            <li data-sign="down"><svg viewBox="0 0 24 16" aria-hidden="true"><path class="sw-down" d="M6 2l12 12M18 2l-12 12"></path></svg>
                "cross: crashed"<span class="legend-more">"; click a replica, or focus it and press Enter, to crash it or bring it back"</span></li>
            <li data-sign="packets"><svg viewBox="0 0 24 16" aria-hidden="true"><circle class="sw-packet-w" cx="6" cy="8" r="4"></circle><circle class="sw-packet-r" cx="18" cy="8" r="4"></circle></svg>
                "moving dots: the write and its acks, then the read and its replies"</li>
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_picks_its_replicas() {
        let (w, r, down) = ([0, 2], [2, 3], [1]);
        assert_eq!(marked("shared", &w, &r, &down), vec![2]);
        assert_eq!(marked("miss", &w, &r, &down), vec![0, 2, 3]);
        assert_eq!(marked("down", &w, &r, &down), vec![1]);
        assert_eq!(marked("shared down", &w, &r, &down), vec![1, 2]);
        assert!(marked("", &w, &r, &down).is_empty());
        assert!(marked("stale", &w, &r, &down).is_empty());
    }
}
