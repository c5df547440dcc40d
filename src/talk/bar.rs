//! The tour bar above a widget: on a tour, the beat's heading and caption with
//! buttons to move on; otherwise a row to start the tour, enter presenter
//! mode, or see the keys.

use crate::talk::shortcuts::Keys;
use crate::talk::tour::Beat;
use leptos::prelude::*;

/// The bar for `kind`'s page.
#[component]
pub fn TourBar(
    /// The shown widget's tour.
    beats: &'static [Beat],
    /// The beat shown (0-based), if a tour is on.
    #[prop(into)]
    beat: Signal<Option<usize>>,
    /// Ends the tour, keeping the state.
    end: Callback<()>,
    /// Show the start row when no tour is on.
    #[prop(optional)]
    quiet: bool,
) -> impl IntoView {
    let keys = expect_context::<Keys>();
    let n = beats.len();
    move || {
        match beat.get() {
        Some(i) => {
            let b = beats[i.min(n - 1)];
            view! {
                <section class="tour-bar" aria-label="Tour" data-beat={i + 1}>
                    <p class="tour-count">{format!("Tour · {} of {n}", i + 1)}</p>
                    <h2 class="tour-title">{b.title}</h2>
                    <p class="tour-caption" aria-live="polite">{b.caption}</p>
                    <div class="tour-buttons">
                        <button type="button" id="tour-prev" disabled={i == 0}
                            on:click=move |_| keys.step_beat.run(-1)>"◀ Previous"</button>
                        <button type="button" id="tour-next" disabled={i + 1 >= n}
                            on:click=move |_| keys.step_beat.run(1)>"Next ▶"</button>
                        <button type="button" id="tour-end" on:click=move |_| end.run(())>"End tour"</button>
                    </div>
                </section>
            }
            .into_any()
        }
        None if quiet => ().into_any(),
        None => view! {
            <div class="talk-row">
                <button type="button" id="tour-start" on:click=move |_| keys.start_tour.run(())>
                    {format!("Take the tour ({n} steps)")}
                </button>
                <button type="button" id="present" on:click=move |_| keys.presenter.toggle()>"Present"</button>
                <button type="button" id="keys-help" aria-haspopup="dialog" on:click=move |_| keys.help.set(true)>"Keys ?"</button>
            </div>
        }
        .into_any(),
    }
    }
}
