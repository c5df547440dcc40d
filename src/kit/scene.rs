//! Scenes: named views of one widget. A scene is a state (the query a link
//! carries), the figures it shows and the few controls it offers (in slides
//! and embeds), what it highlights, and a caption made of sentences computed
//! from the model at that state. A widget's tour is its list of scenes.
//!
//! Every sentence of a caption that says something about the screen is a
//! [`Line::Claim`]: a predicate on the widget's facts beside the text it
//! justifies. A caption shows only the claims that hold, so it stays true when
//! the reader moves a control; a native test checks that every claim of every
//! scene holds at the scene's own state.
//!
//! Scenes are named in the URL (`scene=node-joins`); `beat=N` (counted from 1)
//! still works and names the tour's N-th scene.

use crate::embed::options::CARRIED;
use crate::embed::query::{shorten, Query};
use crate::ui::notices::Notice;

/// What a view shows: the figures (each a `data-figure` block of the widget's
/// page) and the controls (each a `data-control` block).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Figures shown, the main one first.
    pub figures: &'static [&'static str],
    /// Controls offered.
    pub controls: &'static [&'static str],
}

/// One sentence of a caption.
pub enum Line<F: 'static> {
    /// Background that claims nothing about the screen.
    Note(&'static str),
    /// A sentence about what the screen shows, with its numbers taken from the
    /// facts; shown only while `holds` is true of them.
    Claim {
        /// Whether the sentence is true of the facts.
        holds: fn(&F) -> bool,
        /// The sentence.
        text: fn(&F) -> String,
    },
}

/// A named view of one widget.
pub struct Scene<F: 'static> {
    /// Its name in the URL (`scene=…`): lower case and hyphens.
    pub name: &'static str,
    /// A few words, shown as its heading.
    pub title: &'static str,
    /// The widget's state, as query parameters (`nodes=6&change=nodes:5`).
    pub query: &'static str,
    /// The figures and controls a slide or an embed of the scene shows.
    pub layout: Layout,
    /// What the widget highlights (its own vocabulary; empty for nothing).
    pub mark: &'static str,
    /// The caption.
    pub says: &'static [Line<F>],
}

impl<F> Scene<F> {
    /// The caption's sentences that are true of `facts`.
    pub fn caption(&self, facts: &F) -> Vec<String> {
        self.says
            .iter()
            .filter_map(|l| match l {
                Line::Note(t) => Some((*t).to_owned()),
                Line::Claim { holds, text } => holds(facts).then(|| text(facts)),
            })
            .collect()
    }

    /// The sentences that claim nothing about the screen.
    pub fn notes(&self) -> Vec<String> {
        self.says
            .iter()
            .filter_map(|l| match l {
                Line::Note(t) => Some((*t).to_owned()),
                Line::Claim { .. } => None,
            })
            .collect()
    }

    /// The claims that do not hold of `facts`, by their text (for tests).
    pub fn broken(&self, facts: &F) -> Vec<String> {
        self.says
            .iter()
            .filter_map(|l| match l {
                Line::Claim { holds, text } if !holds(facts) => Some(text(facts)),
                _ => None,
            })
            .collect()
    }
}

/// The scene a query names (`scene=name`, or `beat=N` counted from 1), and a
/// notice when the value could not be used as given.
pub fn scene_of<F>(q: &Query, scenes: &[Scene<F>]) -> (Option<usize>, Option<Notice>) {
    let notice = |param: &str, message: String| {
        Some(Notice {
            param: param.to_owned(),
            message,
        })
    };
    if let Some(raw) = q.get("scene") {
        let name = raw.trim();
        return match scenes.iter().position(|s| s.name == name) {
            Some(i) => (Some(i), None),
            None if name.is_empty() => (None, None),
            None => (
                None,
                notice(
                    "scene",
                    format!(
                        "'{}' is not a scene of this widget; showing the widget without one",
                        shorten(raw)
                    ),
                ),
            ),
        };
    }
    let Some(raw) = q.get("beat") else {
        return (None, None);
    };
    let len = scenes.len();
    match raw.trim().parse::<i64>() {
        Ok(n) if (1..=len as i64).contains(&n) => (Some(n as usize - 1), None),
        Ok(n) if len > 0 => {
            let c = n.clamp(1, len as i64);
            (
                Some(c as usize - 1),
                notice("beat", format!("{n} is outside 1–{len}; used {c}")),
            )
        }
        _ => (
            None,
            notice(
                "beat",
                format!("'{}' is not a step number; the tour is off", shorten(raw)),
            ),
        ),
    }
}

/// `q` with the state of scene `i` filling in every parameter `q` does not give.
pub fn expand<F>(scenes: &[Scene<F>], i: Option<usize>, q: Query) -> Query {
    let Some(scene) = i.and_then(|i| scenes.get(i)) else {
        return q;
    };
    let mut out = q;
    for (k, v) in Query::parse(scene.query).pairs() {
        if out.get(k).is_none() {
            out.push(k, v.clone());
        }
    }
    out
}

/// The address of scene `i` of a widget (or of no scene): the view, the
/// scene's name and the options the page carries (presenter mode, embed
/// options), so the scene's own state applies.
pub fn scene_address<F>(
    slug: &str,
    scenes: &[Scene<F>],
    i: Option<usize>,
    current: &Query,
) -> String {
    let mut q = Query::default();
    q.push("view", slug);
    if let Some(s) = i.and_then(|i| scenes.get(i)) {
        q.push("scene", s.name);
    }
    for (k, v) in current.pairs() {
        if CARRIED.contains(&k.as_str()) && q.get(k).is_none() {
            q.push(k, v.clone());
        }
    }
    q.to_query_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCENES: &[Scene<u32>] = &[
        Scene {
            name: "one",
            title: "One",
            query: "a=1&b=2",
            layout: Layout {
                figures: &["f"],
                controls: &[],
            },
            mark: "",
            says: &[
                Line::Note("Background."),
                Line::Claim {
                    holds: |n| *n > 2,
                    text: |n| format!("{n} is more than two."),
                },
            ],
        },
        Scene {
            name: "two",
            title: "Two",
            query: "a=3",
            layout: Layout {
                figures: &["f"],
                controls: &["c"],
            },
            mark: "m",
            says: &[],
        },
    ];

    #[test]
    fn a_caption_says_only_what_holds() {
        assert_eq!(
            SCENES[0].caption(&5),
            vec!["Background.", "5 is more than two."]
        );
        assert_eq!(SCENES[0].caption(&1), vec!["Background."]);
        assert_eq!(SCENES[0].broken(&1), vec!["1 is more than two."]);
        assert!(SCENES[0].broken(&3).is_empty());
    }

    #[test]
    fn scenes_are_named_or_counted_from_one() {
        let of = |q: &str| scene_of(&Query::parse(q), SCENES);
        assert_eq!(of("?view=x"), (None, None));
        assert_eq!(of("?scene=two").0, Some(1));
        assert_eq!(of("?beat=1").0, Some(0));
        assert_eq!(of("?scene=two&beat=1").0, Some(1), "the name wins");
        let (i, n) = of("?beat=9");
        assert_eq!(i, Some(1));
        assert!(n.is_some_and(|n| n.param == "beat"));
        let (i, n) = of("?beat=x");
        assert_eq!(i, None);
        assert!(n.is_some());
        let (i, n) = of("?scene=%3Cscript%3E");
        assert_eq!(i, None);
        assert!(n.is_some_and(|n| n.param == "scene"));
    }

    #[test]
    fn a_scene_fills_in_only_what_the_link_leaves_out() {
        let q = expand(SCENES, Some(0), Query::parse("?view=x&b=9"));
        assert_eq!(q.get("a"), Some("1"));
        assert_eq!(q.get("b"), Some("9"));
        assert_eq!(
            expand(SCENES, None, Query::parse("?view=x")).pairs().len(),
            1
        );
    }

    #[test]
    fn a_scene_address_keeps_the_page_options_and_drops_the_state() {
        let cur = Query::parse("?view=x&scene=one&a=9&present=1&theme=dark&beat=2");
        let next = Query::parse(&scene_address("x", SCENES, Some(1), &cur));
        assert_eq!(next.get("scene"), Some("two"));
        assert_eq!(next.get("present"), Some("1"));
        assert_eq!(next.get("theme"), Some("dark"));
        assert_eq!(next.get("a"), None);
        assert_eq!(next.get("beat"), None);
        let off = Query::parse(&scene_address("x", SCENES, None, &cur));
        assert_eq!(off.get("scene"), None);
    }
}
