//! Options for a widget embedded in another page, read from the query next to
//! the widget's own state. Pure: parsed and validated here, tested natively.
//! The messages an embed and its host page exchange are [`super::message`].
//!
//! | parameter | values | meaning |
//! |---|---|---|
//! | `embed` | `1` | the widget alone: no site header or footer, an "Open in Dials" link |
//! | `theme` | `auto`, `light`, `dark` | the embed's colour scheme (not remembered) |
//! | `accent` | `#RRGGBB` | the accent colour of buttons, sliders and links |
//! | `controls` | `all`, `none`, or a list of `presets`, `sliders`, `playback` | which controls are shown (an unknown name is ignored with a notice; a list naming none keeps them all) |
//! | `caption` | text, up to 200 characters | a caption under the widget |
//! | `play` | `1` | start the widget's animation playing (where it has one) |
//! | `export` | `1` | an embed gets a small "Export" menu: its diagrams as SVG and PNG, its charts as CSV |
//! | `fit` | `1` | a scene embed scales to fit its frame (a slide), never taller |

use crate::embed::query::{shorten, Query, Reader};
use crate::ui::theme::ThemeChoice;

/// Parameters the shell reads, which no widget may use for its state.
pub const SHELL_PARAMS: [&str; 13] = [
    "view", "embed", "theme", "accent", "controls", "caption", "play", "fit", "export", "present",
    "beat", "scene", "article",
];
/// The page options carried over when a widget rewrites the URL (the scene is
/// the widget's own to write).
pub const CARRIED: [&str; 9] = [
    "embed", "theme", "accent", "controls", "caption", "play", "fit", "export", "present",
];
/// Longest caption.
pub const MAX_CAPTION: usize = 200;

/// A group of controls the `controls` option can show or hide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Preset buttons.
    Presets,
    /// Every other input that changes the state: sliders, selects,
    /// checkboxes, fields, tabs, buttons that edit the state, the toggles that
    /// show more of them, and the figure elements a click changes (ring nodes,
    /// replicas, grid units), which stay drawn but inert.
    Sliders,
    /// Play, pause, step, replay and scrubbers, and the cache's request chips
    /// (a click moves the step, like the scrubber).
    Playback,
}

impl Part {
    /// Every part.
    pub const ALL: [Part; 3] = [Part::Presets, Part::Sliders, Part::Playback];

    /// Its name in the `controls` option and in the `hide-…` class.
    pub fn name(self) -> &'static str {
        match self {
            Part::Presets => "presets",
            Part::Sliders => "sliders",
            Part::Playback => "playback",
        }
    }
}

/// What the embed options ask for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EmbedOptions {
    /// The page is an embed.
    pub embedded: bool,
    /// A colour scheme chosen by the host page.
    pub theme: Option<ThemeChoice>,
    /// An accent colour, `#RRGGBB`.
    pub accent: Option<String>,
    /// Control groups to hide.
    pub hidden: Vec<Part>,
    /// A caption under the widget.
    pub caption: Option<String>,
    /// Start the widget's animation playing.
    pub play: bool,
    /// Scale the embed to fit its frame's height (for slides) instead of
    /// asking the host for its content's height.
    pub fit: bool,
    /// An embed offers an "Export" menu.
    pub export: bool,
}

/// Whether widgets start their animation playing, shared through context.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AutoPlay(pub bool);

impl EmbedOptions {
    /// Reads the options (each bad value becomes a notice and is ignored).
    pub fn from_query(r: &mut Reader<'_>) -> EmbedOptions {
        let embedded = matches!(r.raw("embed").map(str::trim), Some("1" | "true" | "yes"));
        let theme = r.raw("theme").and_then(|t| match t.trim() {
            "auto" => Some(ThemeChoice::Auto),
            "light" => Some(ThemeChoice::Light),
            "dark" => Some(ThemeChoice::Dark),
            other => {
                r.notice(
                    "theme",
                    format!("'{}' is not auto, light or dark; ignored", shorten(other)),
                );
                None
            }
        });
        let accent = r.raw("accent").and_then(|a| {
            let a = a.trim();
            if is_hex_colour(a) {
                Some(a.to_ascii_lowercase())
            } else {
                r.notice(
                    "accent",
                    format!("'{}' is not a colour like #0072b2; ignored", shorten(a)),
                );
                None
            }
        });
        let hidden = match r.raw("controls").map(str::trim) {
            None | Some("all") => Vec::new(),
            Some("none") => Part::ALL.to_vec(),
            Some(list) => hidden_by_list(r, list),
        };
        let caption = r.raw("caption").map(|c| {
            let c = c.trim();
            if c.chars().count() > MAX_CAPTION {
                r.notice(
                    "caption",
                    format!("longer than {MAX_CAPTION} characters; cut"),
                );
                c.chars().take(MAX_CAPTION).collect()
            } else {
                c.to_owned()
            }
        });
        let play = flag(r, "play");
        let export = flag(r, "export");
        let fit = match r.raw("fit").map(str::trim) {
            None | Some("0") => false,
            Some("1") => true,
            Some(other) => {
                r.notice(
                    "fit",
                    format!("'{}' is not 0 or 1; ignored", shorten(other)),
                );
                false
            }
        };
        EmbedOptions {
            embedded,
            theme,
            accent,
            hidden,
            caption: caption.filter(|c| !c.is_empty()),
            play,
            fit: fit && embedded,
            export,
        }
    }

    /// Whether the `controls` option hides part `p`.
    pub fn hides(&self, p: Part) -> bool {
        self.hidden.contains(&p)
    }

    /// Classes for the root element: `embed` and one `hide-…` per hidden part.
    pub fn classes(&self) -> Vec<String> {
        let mut v = Vec::new();
        if self.embedded {
            v.push("embed".to_owned());
        }
        if self.fit {
            v.push("fit".to_owned());
        }
        v.extend(self.hidden.iter().map(|p| format!("hide-{}", p.name())));
        v
    }
}

/// The parts a `controls` list hides: those it does not name. Each unknown
/// name gets a notice; a list naming no part at all hides nothing.
fn hidden_by_list(r: &mut Reader<'_>, list: &str) -> Vec<Part> {
    let mut shown = Vec::new();
    let mut unknown = 0;
    for name in list
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .take(8)
    {
        match Part::ALL.into_iter().find(|p| p.name() == name) {
            Some(p) => shown.push(p),
            None => {
                unknown += 1;
                r.notice(
                    "controls",
                    format!(
                        "'{}' is not presets, sliders or playback; ignored",
                        shorten(name)
                    ),
                );
            }
        }
    }
    if shown.is_empty() {
        // why: a list with no valid name (a typo, or nothing) asks for nothing
        // we understood; hiding every control would act on a value we ignored.
        if unknown == 0 {
            r.notice("controls", "empty; every control is shown".to_owned());
        }
        return Vec::new();
    }
    Part::ALL
        .into_iter()
        .filter(|p| !shown.contains(p))
        .collect()
}

/// A `0`/`1` option: absent or `0` is off; anything else but `1` is off with a notice.
fn flag(r: &mut Reader<'_>, name: &str) -> bool {
    match r.raw(name).map(str::trim) {
        None | Some("0") => false,
        Some("1") => true,
        Some(other) => {
            r.notice(name, format!("'{}' is not 0 or 1; ignored", shorten(other)));
            false
        }
    }
}

/// `#` and six hex digits.
pub fn is_hex_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// The query of the full app for an embed's query: the embed options dropped.
pub fn app_query(q: &Query) -> String {
    let mut out = Query::default();
    for (k, v) in q.pairs() {
        if !CARRIED.contains(&k.as_str()) {
            out.push(k, v.clone());
        }
    }
    out.to_query_string()
}

/// Adds the embed options of `current` to a widget's freshly written `query`,
/// so an embed stays an embed when its state changes.
pub fn carry(current: &Query, mut query: Query) -> Query {
    for (k, v) in current.pairs() {
        if CARRIED.contains(&k.as_str()) && query.get(k).is_none() {
            query.push(k, v.clone());
        }
    }
    query
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(q: &str) -> (EmbedOptions, Vec<String>) {
        let q = Query::parse(q);
        let mut r = Reader::new(&q);
        let o = EmbedOptions::from_query(&mut r);
        r.allow(&SHELL_PARAMS);
        (o, r.finish().into_iter().map(|n| n.param).collect())
    }

    #[test]
    fn good_options_parse() {
        let (o, notes) = read(
            "embed=1&theme=dark&accent=%230072B2&controls=presets,playback&caption=Hello&play=1",
        );
        assert!(notes.is_empty(), "{notes:?}");
        assert!(o.embedded);
        assert_eq!(o.theme, Some(ThemeChoice::Dark));
        assert_eq!(o.accent.as_deref(), Some("#0072b2"));
        assert_eq!(o.hidden, vec![Part::Sliders]);
        assert_eq!(o.caption.as_deref(), Some("Hello"));
        assert!(o.play);
        assert!(!read("play=0").0.play);
        assert!(read("embed=1&fit=1").0.fit);
        assert!(!read("fit=1").0.fit, "fit means nothing outside an embed");
        assert_eq!(read("embed=1&fit=yes").1, vec!["fit"]);
        assert_eq!(read("embed=1&fit=1").0.classes(), vec!["embed", "fit"]);
        assert_eq!(read("play=maybe").1, vec!["play"]);
        assert_eq!(o.classes(), vec!["embed", "hide-sliders"]);
    }

    #[test]
    fn bad_options_are_ignored_with_notices() {
        let (o, notes) = read(
            "theme=neon&accent=red&controls=knobs&caption="
                .to_owned()
                .as_str(),
        );
        assert_eq!(
            o,
            EmbedOptions::default(),
            "an unknown controls value keeps them all"
        );
        for p in ["theme", "accent", "controls"] {
            assert!(notes.iter().any(|n| n == p), "{notes:?}");
        }
        let long = "x".repeat(MAX_CAPTION + 9);
        let (o, notes) = read(&format!("caption={long}"));
        assert_eq!(o.caption.map(|c| c.len()), Some(MAX_CAPTION));
        assert_eq!(notes, vec!["caption"]);
        assert_eq!(read("controls=none").0.hidden.len(), 3);
        assert!(read("controls=all").0.hidden.is_empty());
    }

    #[test]
    fn controls_hide_exactly_the_parts_not_named() {
        let hidden = |q: &str| read(q).0.hidden;
        assert!(hidden("controls=all").is_empty());
        assert!(hidden("").is_empty());
        assert_eq!(hidden("controls=none"), Part::ALL.to_vec());
        assert_eq!(
            hidden("controls=presets"),
            vec![Part::Sliders, Part::Playback]
        );
        assert_eq!(
            hidden("controls=sliders"),
            vec![Part::Presets, Part::Playback]
        );
        assert_eq!(
            hidden("controls=playback"),
            vec![Part::Presets, Part::Sliders]
        );
        assert_eq!(
            hidden("controls=%20sliders%20,playback,"),
            vec![Part::Presets]
        );
        assert!(hidden("controls=presets,sliders,playback").is_empty());
        let o = read("controls=sliders").0;
        assert!(o.hides(Part::Presets) && !o.hides(Part::Sliders));
    }

    #[test]
    fn unknown_controls_keep_every_control_with_a_notice() {
        for q in [
            "controls=bogus",
            "controls=knobs,dials",
            "controls=",
            "controls=,,",
        ] {
            let (o, notes) = read(q);
            assert!(o.hidden.is_empty(), "{q}: {:?}", o.hidden);
            assert!(notes.iter().any(|n| n == "controls"), "{q}: {notes:?}");
        }
        // Some valid names: those are shown, a notice for the rest.
        let (o, notes) = read("controls=presets,knobs");
        assert_eq!(o.hidden, vec![Part::Sliders, Part::Playback]);
        assert_eq!(notes, vec!["controls"]);
        // `none` and `all` are whole values, not names in a list.
        let (o, notes) = read("controls=none,playback");
        assert_eq!(o.hidden, vec![Part::Presets, Part::Sliders]);
        assert_eq!(notes, vec!["controls"]);
    }

    #[test]
    fn export_is_off_unless_asked_for() {
        assert!(!read("embed=1").0.export);
        assert!(read("embed=1&export=1").0.export);
        let (o, notes) = read("embed=1&export=0");
        assert!(!o.export && notes.is_empty());
        let (o, notes) = read("embed=1&export=yes");
        assert!(!o.export);
        assert_eq!(notes, vec!["export"]);
        assert!(SHELL_PARAMS.contains(&"export") && CARRIED.contains(&"export"));
        let q = Query::parse("view=ring&nodes=4&embed=1&export=1");
        assert_eq!(
            app_query(&q),
            "?view=ring&nodes=4",
            "the full app needs no menu"
        );
    }

    #[test]
    fn the_app_link_drops_embed_options_and_writes_carry_them() {
        let q = Query::parse("view=ring&nodes=4&embed=1&theme=dark");
        assert_eq!(app_query(&q), "?view=ring&nodes=4");
        let mut fresh = Query::default();
        fresh.push("view", "ring");
        fresh.push("nodes", "5");
        assert_eq!(
            carry(&q, fresh).to_query_string(),
            "?view=ring&nodes=5&embed=1&theme=dark"
        );
    }
}
