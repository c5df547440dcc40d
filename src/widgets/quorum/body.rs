//! The quorum widget's page body: the replicas first, beside them the controls
//! that matter and how often a read is stale; below, availability, staleness
//! over time and one write and one read step by step. A scene's `mark` picks
//! what stands out (the words each panel's module lists); every block a scene
//! shows is built at once, the others once the browser is idle.

use super::controls::QuorumControls;
use super::figure::ReplicaFigure;
use super::memos::Figures;
use super::over_time::OverTimePanel;
use super::playback::TimelinePanel;
use super::readouts::{AvailabilityPanel, StalenessPanel};
use super::state::QuorumState;
use crate::kit::later::Later;
use crate::kit::Stage;
use leptos::prelude::*;

/// Whether the scene's mark names `word`.
pub fn names(mark: &str, word: &str) -> bool {
    mark.split(' ').any(|w| w == word)
}

/// The figures and controls.
pub fn body(stage: Stage<QuorumState>) -> AnyView {
    let (state, mark, controls) = (stage.state, stage.mark, stage.controls);
    let f = Figures::of(state);
    let marks = move |word: &'static str| Signal::derive(move || mark.with(|m| names(m, word)));
    // On a scene (every scene marks something) every block is built at once,
    // so the one it brings into view is there to scroll to.
    let scene = Signal::derive(move || !mark.with(|m| m.is_empty()));
    view! {
        <div class="quorum-body" class:marking=move || !mark.get().is_empty()>
            <div class="quorum-stage">
                <div class="quorum-main">
                    <ReplicaFigure state=state figures=f mark=mark/>
                </div>
                <div class="quorum-side">
                    <Later now=scene>
                        <QuorumControls state=state scene_controls=controls/>
                        <StalenessPanel figures=f/>
                    </Later>
                </div>
            </div>
            <Later now=scene><AvailabilityPanel figures=f marked=marks("down")/></Later>
            <Later now=scene><OverTimePanel state=state figures=f mark=mark scene_controls=controls/></Later>
            <Later now=scene><TimelinePanel state=state figures=f marking=marks("stale")/></Later>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_words() {
        assert!(names("now latency", "latency"));
        assert!(!names("nowhere", "now"));
        assert!(!names("", "now"));
    }
}
