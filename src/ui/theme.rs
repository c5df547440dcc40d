//! Light and dark: the page follows `prefers-color-scheme` unless the reader picks
//! a theme, which is remembered in local storage and applied as `data-theme` on
//! the root element (the stylesheet does the rest).

use leptos::prelude::*;

/// The reader's choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeChoice {
    /// Follow the system.
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    /// Storage and attribute name.
    pub fn name(self) -> &'static str {
        match self {
            ThemeChoice::Auto => "auto",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    /// Parses a stored name; anything else is `Auto`.
    pub fn parse(s: &str) -> ThemeChoice {
        match s {
            "light" => ThemeChoice::Light,
            "dark" => ThemeChoice::Dark,
            _ => ThemeChoice::Auto,
        }
    }

    /// The next choice in the toggle's cycle.
    pub fn next(self) -> ThemeChoice {
        match self {
            ThemeChoice::Auto => ThemeChoice::Light,
            ThemeChoice::Light => ThemeChoice::Dark,
            ThemeChoice::Dark => ThemeChoice::Auto,
        }
    }
}

/// The theme in force, shared with every widget through context.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    /// What the reader chose.
    pub choice: RwSignal<ThemeChoice>,
    /// Whether the page is dark right now (choice and system combined).
    pub dark: Signal<bool>,
}

const STORAGE_KEY: &str = "dials-theme";

/// Sets up the theme: reads the stored choice, follows the system setting, and
/// keeps `data-theme` on `<html>` in step.
pub fn use_theme(persist: bool) -> Theme {
    let stored = web_sys::window()
        .filter(|_| persist)
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .map_or(ThemeChoice::Auto, |s| ThemeChoice::parse(&s));
    let choice = RwSignal::new(stored);
    let system_dark = RwSignal::new(false);
    if let Some(mq) =
        web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
    {
        system_dark.set(mq.matches());
        crate::ui::listen::on_event(&mq, "change", move |e: web_sys::MediaQueryListEvent| {
            system_dark.set(e.matches());
        });
    }
    let dark = Signal::derive(move || match choice.get() {
        ThemeChoice::Auto => system_dark.get(),
        ThemeChoice::Light => false,
        ThemeChoice::Dark => true,
    });
    // Host-page write: the root element's attribute and the stored choice.
    Effect::new(move |_| {
        let c = choice.get();
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-theme", c.name());
        }
        // An embed follows its host page and leaves the reader's own choice alone.
        if !persist {
            return;
        }
        if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = s.set_item(STORAGE_KEY, c.name());
        }
    });
    Theme { choice, dark }
}
