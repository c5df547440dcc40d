//! The page's keyboard: one listener on the window turns keys into
//! [`Action`]s and carries them out. Widgets take part by marking buttons:
//! `data-shortcut="play"`, `"back"` or `"forward"` for their clocks, and
//! `data-preset="i"` inside `.presets` for their presets.

use crate::talk::keys::{action, Action, Context};
use crate::talk::presenter::Presenter;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What the keys drive, provided by the shell.
#[derive(Clone, Copy)]
pub struct Keys {
    /// The shortcut overlay is open.
    pub help: RwSignal<bool>,
    /// Presenter mode.
    pub presenter: Presenter,
    /// The tour of the widget on the page, registered by the widget while it
    /// is shown; `None` on pages without one.
    pub tour: RwSignal<Option<TourKeys>>,
    /// Goes back to the state the page was opened with.
    pub reset: Callback<()>,
}

/// How the keys move a widget's tour.
#[derive(Clone, Copy)]
pub struct TourKeys {
    /// A scene is on screen (the arrows move between scenes).
    pub on: Signal<bool>,
    /// Moves by this many scenes.
    pub step: Callback<i32>,
    /// Starts the tour at its first scene.
    pub start: Callback<()>,
}

impl Keys {
    /// Whether the arrows move between scenes: on a tour, or presenting a
    /// widget that has one.
    fn scenes_move(&self) -> Option<TourKeys> {
        let t = self.tour.get_untracked()?;
        (t.on.get_untracked() || self.presenter.on.get_untracked()).then_some(t)
    }
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

/// Listens for shortcuts while the calling component lives.
pub fn listen(keys: Keys) {
    use crate::embed::options::{EmbedOptions, Part};
    // why: the keys click the widget's own buttons, hidden or not; a part the
    // `controls` option hides must not come back through its keys. Scenes
    // are named states like presets, so they go with the presets.
    let embed = use_context::<EmbedOptions>().unwrap_or_default();
    let (no_presets, no_playback) = (embed.hides(Part::Presets), embed.hides(Part::Playback));
    crate::ui::listen::on_window("keydown", move |ev: web_sys::KeyboardEvent| {
        let Some(a) = action(&ev.key(), focus_context(&ev)) else {
            return;
        };
        let blocked = match a {
            Action::Preset(_) | Action::Tour => no_presets,
            Action::Back | Action::Forward if keys.scenes_move().is_some() => no_presets,
            Action::PlayPause
            | Action::Back
            | Action::Forward
            | Action::Earlier
            | Action::Later => no_playback,
            _ => false,
        };
        if blocked {
            return;
        }
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
            Action::Back | Action::Forward => match keys.scenes_move() {
                Some(t) => {
                    t.step.run(if a == Action::Back { -1 } else { 1 });
                    true
                }
                None if a == Action::Back => click("[data-shortcut=\"back\"]"),
                None => click("[data-shortcut=\"forward\"]"),
            },
            // Off a tour the up and down arrows keep scrolling the page.
            Action::Earlier if keys.scenes_move().is_some() => click("[data-shortcut=\"back\"]"),
            Action::Later if keys.scenes_move().is_some() => click("[data-shortcut=\"forward\"]"),
            Action::Earlier | Action::Later => false,
            Action::Reset => {
                keys.reset.run(());
                true
            }
            Action::Tour => match keys.tour.get_untracked() {
                Some(t) => {
                    t.start.run(());
                    true
                }
                None => false,
            },
            Action::Preset(i) => click(&format!(".presets [data-preset=\"{i}\"]")),
        };
        if done {
            // Space would scroll the page, arrows too.
            ev.prevent_default();
        }
    });
}
