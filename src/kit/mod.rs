//! The widget kit: what every widget is made of, written once.
//!
//! A widget is a type implementing [`Widget`]: its catalogue [`Entry`], a
//! state with its URL form, its presets and scenes as data, the facts its
//! captions are computed from, and a body (its figures and controls). The
//! kit's [`frame`] does the rest for every widget alike: reading the link
//! (with notices for what it had to fix), writing the state back, the header,
//! the presets, the tour and its captions, slides and scene embeds, the
//! explanation, and the share and export panels.
//!
//! - [`article`]: the widget's essay, its passages tied to scenes;
//! - [`scene`]: scenes, their captions and claims, and which scene a link names;
//! - [`preset`]: named starting points and their buttons;
//! - [`frame`]: the page around a widget's body;
//! - [`tour`]: the caption card and the tour's buttons;
//! - [`share`]: the share panel, with a snippet per scene;
//! - [`settle`]: a value that follows another once it is still;
//! - [`import`]: reading a file the reader chose, and the report of what was kept;
//! - [`later`]: blocks built once the browser is idle after the first paint.

pub mod article;
pub mod frame;
pub mod import;
pub mod later;
pub mod preset;
pub mod scene;
pub mod settle;
pub mod share;
pub mod tour;

use crate::embed::query::{Query, Reader};
use leptos::prelude::AnyView;
use leptos::prelude::RwSignal;
use leptos::prelude::Signal;
use preset::Preset;
use scene::{Layout, Scene};

/// Whether the page's `controls` option hides part `p` of every widget.
/// Controls of a hidden part are hidden by the style sheet (`hide-…` classes);
/// a figure element a click changes stays drawn but is made inert by the
/// widget, which asks here (the option is fixed for the page's life).
pub fn hides(p: crate::embed::options::Part) -> bool {
    leptos::prelude::use_context::<crate::embed::options::EmbedOptions>()
        .is_some_and(|o| o.hides(p))
}

/// A widget's line in the catalogue: what the gallery and the router know of it.
#[derive(Debug, PartialEq, Eq)]
pub struct Entry {
    /// The value of the `view` URL parameter, and the name of its binary.
    pub slug: &'static str,
    /// Its title.
    pub title: &'static str,
    /// One line for the gallery.
    pub blurb: &'static str,
    /// Whether it has an article (`article=1`), which the gallery links to.
    pub article: bool,
}

/// One widget: data and functions the kit builds its page from.
pub trait Widget: 'static {
    /// Every control, as one plain value.
    type State: Clone + PartialEq + Send + Sync + 'static;
    /// What captions are computed from: the figures' numbers at a state.
    type Facts: Clone + PartialEq + Send + Sync + std::fmt::Debug + 'static;
    /// Its catalogue entry.
    const ENTRY: &'static Entry;
    /// Its URL parameters, as `docs/url-parameters.md` lists them.
    const PARAMS: &'static [&'static str];
    /// The sentence under its title.
    const LEDE: &'static str;
    /// The explanation under the figures, as static HTML.
    const EXPLAIN: &'static str;
    /// The main figure and controls: what a slide shows away from a scene.
    const LAYOUT: Layout;
    /// Named starting points (keys 1–9).
    const PRESETS: &'static [Preset<Self::State>];
    /// Its tour.
    const SCENES: &'static [Scene<Self::Facts>];
    /// Its article (`article=1`): passages, each beside one of the scenes.
    /// Empty for a widget that has none yet.
    const ARTICLE: &'static [article::Passage<Self::Facts>] = &[];
    /// Reads the state from a link: every value checked, a notice for each fix.
    fn read(r: &mut Reader<'_>) -> Self::State;
    /// Writes every field of the state (defaults too, so a link keeps its meaning).
    fn write(state: &Self::State, q: &mut Query);
    /// The facts of a state, from the same model functions the figures use.
    fn facts(state: &Self::State) -> Self::Facts;
    /// Whether a caption may follow this state as the reader moves the
    /// controls: its facts take well under a frame to compute. Past that
    /// size a caption shows only its notes, with a way back to the scene's
    /// own settings (whose facts are always computed).
    fn facts_live(_state: &Self::State) -> bool {
        true
    }
    /// The gallery card's picture of a state (its opening scene's): an SVG
    /// document painted from the same model as the figures. The tests keep
    /// `assets/previews/<slug>.svg` equal to it (see `widgets::check`).
    fn preview(state: &Self::State) -> String;
    /// The figures and controls.
    fn body(stage: Stage<Self::State>) -> AnyView;
}

/// What the frame hands a widget's body.
pub struct Stage<S: Send + Sync + 'static> {
    /// The state; every control reads and writes it.
    pub state: RwSignal<S>,
    /// What the scene on screen highlights (the scene's `mark`, words the
    /// widget knows), or `""`.
    pub mark: Signal<&'static str>,
    /// The controls the scene on screen offers (empty away from a tour): a
    /// control tucked away (behind "More") comes out when a scene names it.
    pub controls: Signal<&'static [&'static str]>,
}

impl<S: Send + Sync + 'static> Clone for Stage<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: Send + Sync + 'static> Copy for Stage<S> {}

/// Reads a widget's state from a query, allowing the shell's own parameters;
/// returns the state and the notices.
pub fn read_state<W: Widget>(q: &Query) -> (W::State, Vec<crate::ui::notices::Notice>) {
    let mut reader = Reader::new(q);
    reader.allow(&crate::embed::options::SHELL_PARAMS);
    let state = W::read(&mut reader);
    (state, reader.finish())
}

/// The query a widget's state writes, with its `view`.
pub fn state_query<W: Widget>(state: &W::State) -> Query {
    let mut q = Query::default();
    q.push("view", W::ENTRY.slug);
    W::write(state, &mut q);
    q
}

#[cfg(test)]
pub mod checks {
    //! Checks every widget must pass, run by each widget's tests.

    use super::*;

    /// Every scene's state reads without a notice, every claim of every scene
    /// holds at that state, names are unique and URL-safe, and every preset,
    /// applied to the default state and to each scene's state, gives a state
    /// its link reads back exactly.
    pub fn scenes_and_presets<W: Widget>() {
        let mut names = std::collections::BTreeSet::new();
        assert!(
            (4..=8).contains(&W::SCENES.len()),
            "{}: {} scenes",
            W::ENTRY.slug,
            W::SCENES.len()
        );
        for (i, s) in W::SCENES.iter().enumerate() {
            let at = format!("{} scene {} ({})", W::ENTRY.slug, i + 1, s.name);
            assert!(names.insert(s.name), "{at}: name used twice");
            assert!(
                !s.name.is_empty()
                    && s.name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{at}: name"
            );
            assert!(!s.layout.figures.is_empty(), "{at}: no figure");
            let q = Query::parse(s.query);
            assert!(q.get("view").is_none() && q.get("scene").is_none(), "{at}");
            let (state, notices) = read_state::<W>(&q);
            assert!(notices.is_empty(), "{at}: {notices:?}");
            let facts = W::facts(&state);
            let broken = s.broken(&facts);
            assert!(
                broken.is_empty(),
                "{at}: claims that do not hold: {broken:?}\nfacts: {facts:#?}"
            );
            let caption = s.caption(&facts).join(" ");
            assert!(caption.len() > 40, "{at}: caption too short: {caption}");
            for p in W::PRESETS {
                let mut applied = state.clone();
                (p.apply)(&mut applied);
                let (back, n) = read_state::<W>(&state_query::<W>(&applied));
                assert!(back == applied, "{at}, preset {}: {n:?}", p.label);
            }
        }
        let (default, _) = read_state::<W>(&Query::default());
        for p in W::PRESETS {
            let mut applied = default.clone();
            (p.apply)(&mut applied);
            let (back, n) = read_state::<W>(&state_query::<W>(&applied));
            assert!(back == applied, "preset {}: {n:?}", p.label);
        }
    }

    /// Every parameter the default state writes is one of [`Widget::PARAMS`],
    /// and none of those is the shell's.
    pub fn params<W: Widget>() {
        let (default, _) = read_state::<W>(&Query::default());
        let q = state_query::<W>(&default);
        let written: Vec<&str> = q.pairs().iter().map(|(k, _)| k.as_str()).collect();
        for k in &written[1..] {
            assert!(
                W::PARAMS.contains(k),
                "{} writes {k}, not in PARAMS",
                W::ENTRY.slug
            );
        }
        for p in W::PARAMS {
            assert!(
                !crate::embed::options::SHELL_PARAMS.contains(p),
                "{p} is the shell's"
            );
        }
    }
}

/// A large computed value shared by reference between memos. Two values are equal
/// only when they are the same allocation, so a memo holding one notifies on every
/// recomputation without comparing megabytes.
#[derive(Debug)]
pub struct Shared<T>(pub std::sync::Arc<T>);

impl<T> Shared<T> {
    /// Wraps a value.
    pub fn new(v: T) -> Self {
        Shared(std::sync::Arc::new(v))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(std::sync::Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_compares_by_identity() {
        let a = Shared::new(vec![1, 2]);
        let b = Shared::new(vec![1, 2]);
        assert!(a == a.clone());
        assert!(a != b);
    }
}
