//! The controls beside the lanes: the limit L and where requests come from
//! first; the window, the burst, the algorithms shown, the generator's
//! details, importing and the seed behind "More" until a scene names one (or
//! imported timestamps need their report).

use super::limit_panel::{AlgoPicks, LimitSlider, WindowSliders};
use super::state::{RateState, Source};
use super::traffic_panel::{SourcePicker, TrafficDetails};
use crate::kit::Shared;
use leptos::prelude::*;
use sim::rate_limit::Request;

/// Controls behind "More" unless a scene names one.
pub const TUCKED: [&str; 14] = [
    "window", "burst", "algos", "rate", "dur", "on", "off", "at", "count", "width", "spread",
    "clients", "seed", "import",
];

/// Whether the tucked controls show: asked for, named by the scene, or
/// needed by imported timestamps.
pub fn more_open(asked: bool, scene: &[&str], source: Source) -> bool {
    asked || source == Source::Imported || scene.iter().any(|n| TUCKED.contains(n))
}

/// The controls.
#[component]
pub fn RateControls(
    /// The widget state.
    state: RwSignal<RateState>,
    /// Timestamps imported in this tab.
    imported: RwSignal<Option<Shared<Vec<Request>>>>,
    /// The controls the scene on screen offers.
    #[prop(into)]
    scene_controls: Signal<&'static [&'static str]>,
) -> impl IntoView {
    let more = RwSignal::new(false);
    let open =
        Memo::new(move |_| more_open(more.get(), scene_controls.get(), state.with(|s| s.source)));
    view! {
        <div class="controls rl-controls">
            <LimitSlider state=state/>
            <SourcePicker state=state/>
            <button type="button" class="more-toggle" id="rl-more-toggle" aria-controls="rl-more"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| more.update(|m| *m = !*m)>
                {move || if open.get() { "Fewer controls" } else { "More controls" }}
            </button>
            <div class="more-body" id="rl-more" class:open=open>
                <WindowSliders state=state/>
                <AlgoPicks state=state/>
                <TrafficDetails state=state imported=imported/>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim::rate_limit::traffic::TrafficKind;

    #[test]
    fn tucked_controls_come_out_when_a_scene_names_them() {
        let gen = Source::Generated(TrafficKind::OnOff);
        assert!(!more_open(false, &["limit", "traffic"], gen));
        assert!(more_open(false, &["spread"], gen));
        assert!(more_open(true, &[], gen));
        assert!(more_open(false, &[], Source::Imported));
        // Every scene's tucked controls are among the ones this panel holds.
        for s in super::super::scenes::SCENES {
            for c in s.layout.controls {
                assert!(
                    TUCKED.contains(c)
                        || ["limit", "traffic", "clock", "zoom", "k", "sync", "share", "rtt"]
                            .contains(c),
                    "{}: {c}",
                    s.name
                );
            }
        }
    }
}
