//! The legend beside the lanes: every kind of mark the canvas draws, each
//! with a small sample of itself.

use super::model::ms;
use leptos::prelude::*;

/// The legend.
#[component]
pub fn LanesLegend(
    /// The window W, ms (the boundaries' spacing).
    #[prop(into)]
    window_ms: Signal<u32>,
) -> impl IntoView {
    let boundary = move || {
        format!(
            "a window boundary, every W = {}: where a fixed window starts counting again",
            ms(f64::from(window_ms.get()))
        )
    };
    view! {
        <ul class="rl-legend" data-legend-for="lanes" aria-label="What the marks mean">
            <li data-sign="arriving"><svg viewBox="0 0 16 16" aria-hidden="true"><path class="sw-arriving" d="M8 2v12"></path></svg>
                "a request arriving, before any limiter decides"</li>
            <li data-sign="accepted"><svg viewBox="0 0 16 16" aria-hidden="true"><path class="sw-accepted" d="M8 2v11"></path></svg>
                "let through at once (above the lane's line)"</li>
            <li data-sign="delayed"><svg viewBox="0 0 16 16" aria-hidden="true"><path class="sw-delayed" d="M4 2v9M4 2l10 7"></path></svg>
                "let through after waiting in the queue; the thin line runs to its release"</li>
            <li data-sign="refused"><svg viewBox="0 0 16 16" aria-hidden="true"><path class="sw-refused" d="M4 4l8 8M4 12l8-8"></path></svg>
                "refused (below the line)"</li>
            <li data-sign="boundary"><svg viewBox="0 0 16 16" aria-hidden="true"><path class="sw-boundary" d="M8 0v16"></path></svg>
                {boundary}</li>
            <li data-sign="state"><svg viewBox="0 0 16 16" aria-hidden="true"><path class="sw-state" d="M1 12l4-8 4 4 6-6"></path></svg>
                "under each lane, what the limiter holds for the first client, between its dashed floor and ceiling; the queue counts those waiting behind the one leaving, so burst B holds B − 1 waiting"</li>
        </ul>
    }
}
