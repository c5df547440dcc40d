//! The seed: a number field and a button for the next sample.

use leptos::prelude::*;

/// A labelled seed field (`<id>-seed`) and a button (`<id>-reseed`) that moves
/// to the next seed.
#[component]
pub fn SeedField(
    /// Prefix of the element ids.
    id: &'static str,
    /// The seed shown.
    #[prop(into)]
    seed: Signal<u64>,
    /// Called with a new seed, typed or from the button.
    on_change: Callback<u64>,
    /// The button's text.
    #[prop(default = "New sample")]
    button: &'static str,
) -> impl IntoView {
    let field = format!("{id}-seed");
    view! {
        <div class="field">
            <label for=field.clone()>"Seed"</label>
            <input id=field type="number" min="0" step="1"
                prop:value=move || seed.get().to_string()
                on:change=move |ev| {
                    // Anything but a whole number leaves the seed as it was.
                    if let Ok(v) = event_target_value(&ev).trim().parse::<u64>() {
                        on_change.run(v);
                    }
                }/>
            <button type="button" id=format!("{id}-reseed")
                on:click=move |_| on_change.run(seed.get_untracked().wrapping_add(1))>{button}</button>
        </div>
    }
}
