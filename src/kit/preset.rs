//! Presets: named starting points, as data, and the row of buttons that
//! applies them (keys 1–9 press these buttons).

use leptos::prelude::*;

/// A named change of the state.
pub struct Preset<S: 'static> {
    /// The button's text.
    pub label: &'static str,
    /// What it does to the state (controls it does not name keep their value).
    pub apply: fn(&mut S),
}

/// A row of preset buttons; `data-preset` numbers them for the keyboard.
pub fn preset_row<S: Send + Sync + 'static>(
    presets: &'static [Preset<S>],
    state: RwSignal<S>,
    label: &'static str,
) -> impl IntoView {
    (!presets.is_empty()).then(|| {
        view! {
            <div class="presets" role="group" aria-label=label data-control="presets">
                {presets
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let apply = p.apply;
                        view! {
                            <button type="button" class="preset" data-preset=i
                                on:click=move |_| state.update(apply)>{p.label}</button>
                        }
                    })
                    .collect_view()}
            </div>
        }
    })
}
