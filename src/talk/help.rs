//! The `?` overlay: every shortcut and what it does.

use crate::talk::keys::HELP;
use leptos::html::Button;
use leptos::prelude::*;

/// The overlay, shown while `open`.
#[component]
pub fn HelpOverlay(
    /// Shown or not; the close button and Escape clear it.
    open: RwSignal<bool>,
) -> impl IntoView {
    let close = NodeRef::<Button>::new();
    // Effects are for the page outside Leptos: focus moves into the dialog.
    Effect::new(move |_| {
        if open.get() {
            if let Some(b) = close.get() {
                let _ = b.focus();
            }
        }
    });
    view! {
        <Show when=move || open.get()>
            <div class="overlay" on:click=move |_| open.set(false)>
                <div class="overlay-box" role="dialog" aria-modal="true" aria-labelledby="keys-h"
                    on:click=|ev| ev.stop_propagation()>
                    <h2 id="keys-h">"Keyboard shortcuts"</h2>
                    <p class="note">"They work anywhere on the page except while typing in a field or moving a slider."</p>
                    <table class="keys">
                        <tbody>
                            {HELP.iter().map(|(k, what)| view! { <tr><th scope="row"><kbd>{*k}</kbd></th><td>{*what}</td></tr> }).collect_view()}
                        </tbody>
                    </table>
                    <button type="button" id="keys-close" node_ref=close on:click=move |_| open.set(false)>"Close"</button>
                </div>
            </div>
        </Show>
    }
}
