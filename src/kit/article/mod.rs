//! Articles: a widget's explainer as an essay whose figure follows the text
//! (`?view=ring&article=1`). The article is a list of passages, each tied to one
//! of the widget's scenes: as a passage reaches the reading line (the middle
//! of the screen, or of what the figure leaves on a phone), the figure beside
//! the text moves to that scene's state, as a tour step does, and highlights
//! what the scene names, like the passage's highlighted words.
//!
//! A passage's paragraphs are made of the same [`Line`]s as a caption: notes
//! (prose that claims nothing about the figure) and claims (a sentence whose
//! numbers come from the widget's facts at the scene's state, beside the
//! predicate that makes it true). In a note or a claim, `*words*` are
//! highlighted. A passage may ask the reader to predict what the figure will
//! do ([`Ask`]): the figure shows the state before until the reader answers,
//! then moves to the scene's and the answer is explained, from the facts.
//!
//! `widgets::check` checks every article natively: every passage names a
//! scene, every claim holds at its scene's state, every question's answer is
//! one of its choices, the length is an essay's.

mod page;

pub use page::{figure_rule, page};

use super::read_state;
use super::scene::{expand, Line, Scene};
use super::Widget;
use crate::embed::query::Query;
use crate::ui::notices::Notice;
use leptos::prelude::AnyView;

/// One passage of an article: a few paragraphs beside one scene.
pub struct Passage<F: 'static> {
    /// The scene the figure shows beside it (a name in the widget's tour).
    pub scene: &'static str,
    /// Its heading.
    pub heading: &'static str,
    /// Its paragraphs, each a list of sentences.
    pub paragraphs: &'static [&'static [Line<F>]],
    /// A question to answer before the figure shows the answer.
    pub ask: Option<Ask<F>>,
}

/// Predict, then reveal: a question about what the figure is about to show.
pub struct Ask<F: 'static> {
    /// The question, from the facts at the scene's state.
    pub question: fn(&F) -> String,
    /// The figure's state until the reader answers: parameters laid over the
    /// scene's own.
    pub before: &'static str,
    /// The answers offered.
    pub choices: &'static [&'static str],
    /// The right one (an index into `choices`), from the facts at the scene's state.
    pub answer: fn(&F) -> usize,
    /// Why, from the same facts.
    pub why: fn(&F) -> String,
}

/// Whether `article` in a query asks for the article, and a notice for a value
/// that means nothing.
pub fn wants_article(q: &Query) -> (bool, Option<Notice>) {
    match q.get("article").map(str::trim) {
        None | Some("" | "0" | "false" | "no") => (false, None),
        Some("1" | "true" | "yes") => (true, None),
        Some(other) => (
            false,
            Some(Notice {
                param: "article".to_owned(),
                message: format!(
                    "'{}' is not 1 or 0; showing the widget",
                    crate::embed::query::shorten(other)
                ),
            }),
        ),
    }
}

/// The page a widget's binary shows for `query`: its article when the link
/// asks for it (and the widget has one, outside an embed), else its page.
pub fn route<W: Widget>(query: Query) -> AnyView {
    let (read, _) = wants_article(&query);
    let embedded = matches!(
        query.get("embed").map(str::trim),
        Some("1" | "true" | "yes")
    );
    if read && !W::ARTICLE.is_empty() && !embedded {
        page::<W>(query)
    } else {
        super::frame::page::<W>(query)
    }
}

/// The text of a note or a claim at `facts`, if it holds.
fn sentence<F>(line: &Line<F>, facts: &F) -> Option<String> {
    match line {
        Line::Note(t) => Some((*t).to_owned()),
        Line::Claim { holds, text } => holds(facts).then(|| text(facts)),
    }
}

impl<F> Passage<F> {
    /// Its paragraphs at `facts`: each the sentences that hold, joined.
    pub fn text(&self, facts: &F) -> Vec<String> {
        self.paragraphs
            .iter()
            .map(|p| {
                p.iter()
                    .filter_map(|l| sentence(l, facts))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The claims that do not hold of `facts`, by their text (for tests).
    pub fn broken(&self, facts: &F) -> Vec<String> {
        self.paragraphs
            .iter()
            .flat_map(|p| p.iter())
            .filter_map(|l| match l {
                Line::Claim { holds, text } if !holds(facts) => Some(text(facts)),
                _ => None,
            })
            .collect()
    }
}

/// The query of the state passage `p` shows: its scene's, with the question's
/// `before` laid over it until the reader has answered.
pub fn passage_query<F>(scenes: &[Scene<F>], p: &Passage<F>, answered: bool) -> Query {
    let i = scenes.iter().position(|s| s.name == p.scene);
    let scene = expand(scenes, i, Query::parse("?"));
    match (&p.ask, answered) {
        (Some(a), false) => {
            let mut q = Query::parse(a.before);
            for (k, v) in scene.pairs() {
                if q.get(k).is_none() {
                    q.push(k, v.clone());
                }
            }
            q
        }
        _ => scene,
    }
}

/// The facts each passage of widget `W`'s article is computed from: those of
/// its scene's state (computed once per scene).
pub fn passage_facts<W: Widget>() -> Vec<W::Facts> {
    let mut seen: Vec<(&str, W::Facts)> = Vec::new();
    W::ARTICLE
        .iter()
        .map(|p| {
            if let Some((_, f)) = seen.iter().find(|(n, _)| *n == p.scene) {
                return f.clone();
            }
            let f = W::facts(&read_state::<W>(&passage_query(W::SCENES, p, true)).0);
            seen.push((p.scene, f.clone()));
            f
        })
        .collect()
}

/// The number of words of an article, its numbers computed from `facts`
/// (one per passage).
pub fn words<F>(passages: &[Passage<F>], facts: &[F]) -> usize {
    passages
        .iter()
        .zip(facts)
        .map(|(p, facts)| {
            let ask = p.ask.as_ref().map_or(0, |a| {
                count_words(&(a.question)(facts))
                    + a.choices.iter().map(|c| count_words(c)).sum::<usize>()
                    + count_words(&(a.why)(facts))
            });
            count_words(p.heading)
                + p.text(facts).iter().map(|t| count_words(t)).sum::<usize>()
                + ask
        })
        .sum()
}

fn count_words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
pub mod checks {
    //! What every article must pass, run by `widgets::check`.

    use super::*;

    /// Every passage names a scene, every claim holds at its scene's state,
    /// highlights are closed, every question's state reads without a notice
    /// and its answer is one of its choices; an essay's length, at least two
    /// questions, and every scene of the tour met.
    pub fn article<W: Widget>() {
        let slug = W::ENTRY.slug;
        if W::ARTICLE.is_empty() {
            return;
        }
        let mut asks = 0;
        for (i, p) in W::ARTICLE.iter().enumerate() {
            let at = format!("{slug} article passage {} ({})", i + 1, p.scene);
            assert!(
                W::SCENES.iter().any(|s| s.name == p.scene),
                "{at}: no such scene"
            );
            let (state, notices) = read_state::<W>(&passage_query(W::SCENES, p, true));
            assert!(notices.is_empty(), "{at}: {notices:?}");
            let facts = W::facts(&state);
            let broken = p.broken(&facts);
            assert!(
                broken.is_empty(),
                "{at}: claims that do not hold: {broken:?}"
            );
            let mark = W::SCENES
                .iter()
                .find(|s| s.name == p.scene)
                .map_or("", |s| s.mark);
            for t in p.text(&facts) {
                assert!(
                    t.matches('*').count() % 2 == 0,
                    "{at}: an open highlight in {t}"
                );
                assert!(
                    !mark.is_empty() || !t.contains('*'),
                    "{at}: highlights words, but its scene highlights nothing"
                );
                assert!(!t.trim().is_empty(), "{at}: an empty paragraph");
            }
            if let Some(a) = &p.ask {
                asks += 1;
                let (_, notices) = read_state::<W>(&passage_query(W::SCENES, p, false));
                assert!(
                    notices.is_empty(),
                    "{at}: the question's state: {notices:?}"
                );
                assert!(a.choices.len() >= 2, "{at}: one choice");
                assert!((a.answer)(&facts) < a.choices.len(), "{at}: no such answer");
                let why = (a.why)(&facts);
                assert!(why.len() > 20, "{at}: the answer explains nothing");
                assert!(
                    why.matches('*').count() % 2 == 0,
                    "{at}: an open highlight in {why}"
                );
                assert!(
                    !mark.is_empty() || !why.contains('*'),
                    "{at}: highlights, but its scene highlights nothing"
                );
                let before = read_state::<W>(&passage_query(W::SCENES, p, false)).0;
                assert!(
                    before != state,
                    "{at}: the question shows the answer already"
                );
            }
        }
        assert!(asks >= 2, "{slug}: {asks} questions");
        for s in W::SCENES {
            assert!(
                W::ARTICLE.iter().any(|p| p.scene == s.name),
                "{slug}: the article never shows {}",
                s.name
            );
        }
        let words = words(W::ARTICLE, &passage_facts::<W>());
        assert!(
            (1500..=3000).contains(&words),
            "{slug}: the article has {words} words"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kit::scene::Layout;

    #[test]
    fn read_asks_for_the_article_or_says_why_not() {
        let w = |q: &str| wants_article(&Query::parse(q));
        assert_eq!(w("?view=x"), (false, None));
        assert_eq!(w("?article=1"), (true, None));
        assert_eq!(w("?article=0"), (false, None));
        let (on, n) = w("?article=%3Cb%3E");
        assert!(!on);
        assert!(n.is_some_and(|n| n.param == "article"));
    }

    const SCENES: &[Scene<u32>] = &[Scene {
        name: "s",
        title: "S",
        query: "a=1&b=2",
        layout: Layout {
            figures: &["f"],
            controls: &[],
        },
        mark: "",
        says: &[],
    }];

    #[test]
    fn a_question_shows_the_state_before_until_answered() {
        let p = Passage::<u32> {
            scene: "s",
            heading: "H",
            paragraphs: &[&[
                Line::Note("One."),
                Line::Claim {
                    holds: |n| *n > 2,
                    text: |n| format!("{n} is *more* than two."),
                },
            ]],
            ask: Some(Ask {
                question: |_| "Q?".to_owned(),
                before: "b=5",
                choices: &["x", "y"],
                answer: |_| 1,
                why: |_| String::new(),
            }),
        };
        let before = passage_query(SCENES, &p, false);
        assert_eq!(before.get("b"), Some("5"));
        assert_eq!(before.get("a"), Some("1"));
        assert_eq!(passage_query(SCENES, &p, true).get("b"), Some("2"));
        assert_eq!(p.text(&5), vec!["One. 5 is *more* than two."]);
        assert_eq!(p.text(&1), vec!["One."]);
        assert_eq!(p.broken(&1).len(), 1);
        assert_eq!(count_words("A sixth node — 17 % of keys."), 6);
    }
}
