//! The page's keyboard: one listener on the window turns keys into
//! [`Action`]s and carries them out. Widgets take part by marking buttons:
//! `data-shortcut="play"`, `"back"` or `"forward"` for their clocks, and
//! `data-preset="i"` inside `.presets` for their presets.

use crate::talk::keys::{action, Action, Context};
use crate::talk::presenter::Presenter;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the keys drive, provided by the shell.
#[derive(Clone, Copy)]
pub struct Keys {
    /// The shortcut overlay is open.
    pub help: RwSignal<bool>,
    /// Presenter mode.
    pub presenter: Presenter,
    /// A tour is running (arrows move between beats).
    pub touring: Signal<bool>,
    /// Moves the tour by this many beats.
    pub step_beat: Callback<i32>,
    /// Starts the tour.
    pub start_tour: Callback<()>,
    /// Goes back to the state the page was opened with.
    pub reset: Callback<()>,
}

/// Where focus is, for [`action`].
fn focus_context(ev: &web_sys::KeyboardEvent) -> Context {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let (mut in_field, mut on_button) = (false, false);
    if let Some(el) = el {
        match el.tag_name().to_ascii_lowercase().as_str() {
            "textarea" | "select" => in_field = true,
            "input" => {
                let kind = el
                    .get_attribute("type")
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if matches!(
                    kind.as_str(),
                    "checkbox" | "radio" | "button" | "submit" | "reset"
                ) {
                    on_button = true;
                } else {
                    in_field = true;
                }
            }
            "button" | "a" | "summary" => on_button = true,
            _ => {}
        }
        if el
            .dyn_ref::<web_sys::HtmlElement>()
            .is_some_and(|h| h.is_content_editable())
        {
            in_field = true;
        }
    }
    Context {
        in_field,
        on_button,
        modified: ev.ctrl_key() || ev.meta_key() || ev.alt_key(),
    }
}

/// Clicks the first element in the page's main area matching `selector`;
/// whether there was one.
fn click(selector: &str) -> bool {
    let found = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&format!("main {selector}")).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match found {
        Some(b) if !b.has_attribute("disabled") => {
            b.click();
            true
        }
        _ => false,
    }
}

/// Listens for shortcuts for as long as the page lives.
pub fn listen(keys: Keys) {
    let Some(w) = web_sys::window() else { return };
    let cb = Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |ev: web_sys::KeyboardEvent| {
        let Some(a) = action(&ev.key(), focus_context(&ev)) else {
            return;
        };
        let done = match a {
            Action::Help => {
                keys.help.update(|h| *h = !*h);
                true
            }
            Action::Escape => {
                if keys.help.get_untracked() {
                    keys.help.set(false);
                    true
                } else if keys.presenter.on.get_untracked() {
                    keys.presenter.leave();
                    true
                } else {
                    false
                }
            }
            Action::Presenter => {
                keys.presenter.toggle();
                true
            }
            Action::PlayPause => click("[data-shortcut=\"play\"]"),
            Action::Back if keys.touring.get_untracked() => {
                keys.step_beat.run(-1);
                true
            }
            Action::Forward if keys.touring.get_untracked() => {
                keys.step_beat.run(1);
                true
            }
            Action::Back => click("[data-shortcut=\"back\"]"),
            Action::Forward => click("[data-shortcut=\"forward\"]"),
            Action::Reset => {
                keys.reset.run(());
                true
            }
            Action::Tour => {
                keys.start_tour.run(());
                true
            }
            Action::Preset(i) => click(&format!(".presets [data-preset=\"{i}\"]")),
        };
        if done {
            // Space would scroll the page, arrows too.
            ev.prevent_default();
        }
    });
    let _ = w.add_event_listener_with_callback("keydown", cb.as_ref().unchecked_ref());
    cb.forget();
}
