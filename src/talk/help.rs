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
    // Where focus was before the dialog opened, to give it back on close.
    let before = StoredValue::new_local(None::<web_sys::HtmlElement>);
    // Effects are for the page outside Leptos: focus moves into the dialog, and
    // back out to where it was when the dialog closes.
    Effect::new(move |was_open: Option<bool>| {
        let now = open.get();
        if now {
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
            before.set_value(active);
            if let Some(b) = close.get() {
                let _ = b.focus();
            }
        } else if was_open == Some(true) {
            if let Some(e) = before.get_value() {
                let _ = e.focus();
            }
        }
        now
    });
    // The dialog is modal: Tab and Shift+Tab stay on its one control.
    let trap = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Tab" {
            ev.prevent_default();
            if let Some(b) = close.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    view! {
        <Show when=move || open.get()>
            <div class="overlay" on:click=move |_| open.set(false)>
                <div class="overlay-box" role="dialog" aria-modal="true" aria-labelledby="keys-h"
                    on:click=|ev| ev.stop_propagation() on:keydown=trap>
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
