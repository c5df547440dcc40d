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

use super::later::{Later, When};
use super::scene::{expand, scene_of, Layout, Line, Scene};
use super::settle::settle;
use super::{read_state, state_query, Stage, Widget};
use crate::embed::location::write_query;
use crate::embed::query::Query;
use crate::ui::notices::{Notice, NoticeList};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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

/// Text with its `*highlighted*` stretches marked as the figure marks `mark`.
fn rich(text: &str, mark: &'static str) -> impl IntoView {
    text.split('*')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                view! { <mark class="hl" data-mark=mark>{part.to_owned()}</mark> }.into_any()
            } else {
                part.to_owned().into_any()
            }
        })
        .collect_view()
}

/// The scene named `name`, if the widget has it.
fn scene_named<F>(scenes: &'static [Scene<F>], name: &str) -> Option<&'static Scene<F>> {
    scenes.iter().find(|s| s.name == name)
}

/// The article page of widget `W`.
pub fn page<W: Widget>(query: Query) -> AnyView {
    let slug = W::ENTRY.slug;
    let passages = W::ARTICLE;
    let n = passages.len();
    // A link may name a scene: the article opens at its first passage.
    let (named, notice) = scene_of(&query, W::SCENES);
    let start = named
        .and_then(|i| passages.iter().position(|p| p.scene == W::SCENES[i].name))
        .unwrap_or(0);
    let notices = RwSignal::new(notice.into_iter().collect::<Vec<_>>());
    let answers = RwSignal::new(vec![None::<usize>; n]);
    let at = RwSignal::new(start);
    let state_of = move |i: usize, answered: bool| {
        read_state::<W>(&passage_query(W::SCENES, &passages[i], answered)).0
    };
    let state = RwSignal::new(state_of(start, false));
    // The facts each passage's text is computed from: its scene's state.
    let facts = passage_facts::<W>();
    let words = words(passages, &facts);

    // The address keeps the passage read, so a reload or a shared link returns.
    Effect::new(move |_| {
        let mut q = Query::default();
        q.push("view", slug);
        q.push("article", "1");
        q.push("scene", passages[at.get()].scene);
        write_query(q.to_query_string());
    });
    let go = move |i: usize| {
        if i != at.get_untracked() && i < n {
            let answered = answers.with_untracked(|a| a[i].is_some());
            at.set(i);
            state.set(state_of(i, answered));
        }
    };
    // Answering a question brings its passage to the figure, whatever the
    // reading line says, and the figure then shows the answer.
    let answer = move |i: usize, k: usize| {
        answers.update(|a| a[i] = Some(k));
        if at.get_untracked() != i {
            at.set(i);
        }
        state.set(state_of(i, true));
    };

    let scene_at = Memo::new(move |_| {
        W::SCENES
            .iter()
            .position(|s| s.name == passages[at.get()].scene)
    });
    let scene = move || scene_at.get().map(|i| &W::SCENES[i]);
    let mark = Signal::derive(move || scene().map_or("", |s| s.mark));
    let layout = move || scene().map_or(W::LAYOUT, |s| s.layout);
    let controls = Signal::derive(move || layout().controls);
    let rule = move || figure_rule(layout());
    // What the figure shows, in words: the scene's caption at the state on
    // screen once the controls are still (only the sentences that hold).
    let live = Memo::new(move |_| state.get());
    let (settled, lagging) = settle(live, 150, |_| true);
    let own = Memo::new(move |_| {
        let i = at.get();
        let answered = answers.with(|a| a[i].is_some());
        state_of(i, answered)
    });
    let description = Memo::new(move |_| {
        let s = settled.get();
        let sc = scene()?;
        (W::facts_live(&s) || own.with(|o| *o == s)).then(|| sc.caption(&W::facts(&s)).join(" "))
    });
    let moved_away = Memo::new(move |_| state.with(|s| own.with(|o| s != o)));
    let here = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let base = here.split('?').next().unwrap_or_default().to_owned();
    let dir = base
        .rsplit_once('/')
        .map_or(base.as_str(), |(d, _)| d)
        .to_owned()
        + "/";

    let sections = passages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let f = &facts[i];
            let mark = scene_named(W::SCENES, p.scene).map_or("", |s| s.mark);
            let title = scene_named(W::SCENES, p.scene).map_or(p.heading, |s| s.title);
            let still_alt = scene_named(W::SCENES, p.scene)
                .map(|s| s.caption(f).join(" "))
                .unwrap_or_default();
            let paragraphs = p
                .text(f)
                .into_iter()
                .map(|t| view! { <p>{rich(&t, mark)}</p> })
                .collect_view();
            let ask = p.ask.as_ref().map(|a| {
                let right = (a.answer)(f).min(a.choices.len().saturating_sub(1));
                let why = (a.why)(f);
                let question = (a.question)(f);
                ask_view(
                    AskView { i, ask: a, question, right, why, mark },
                    answers,
                    Callback::new(move |k| answer(i, k)),
                )
            });
            let try_it = format!("?view={slug}&scene={}", p.scene);
            let embed = super::share::element_snippet(
                &format!("{base}?view={slug}"),
                &dir,
                p.scene,
                title,
                super::share::SCENE_HEIGHT,
            );
            let still = format!("previews/{slug}/{}.svg", p.scene);
            view! {
                <section class="passage" id=format!("passage-{}", i + 1) data-scene=p.scene data-passage=i
                    class:current=move || at.get() == i>
                    <h2>{p.heading}</h2>
                    <img class="passage-still" src=still alt=still_alt loading="lazy" width="480"/>
                    {paragraphs}
                    {ask}
                    <div class="passage-links">
                        <a class="try-it" href=try_it>"Try it in the widget ▸"</a>
                        <details class="passage-embed">
                            <summary>"Embed this figure"</summary>
                            <textarea readonly rows="4" aria-label="Embed snippet">{embed}</textarea>
                        </details>
                    </div>
                </section>
            }
        })
        .collect_view();

    // A still of each passage's figure is what prints; being lazy, the
    // browser would not fetch one it never showed, so printing asks for them.
    crate::ui::listen::on_window("beforeprint", move |_: web_sys::Event| {
        if let Some(list) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector_all(".passage-still").ok())
        {
            for k in 0..list.length() {
                if let Some(img) = list
                    .item(k)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    let _ = img.set_attribute("loading", "eager");
                }
            }
        }
    });
    let text_ref = NodeRef::<leptos::html::Div>::new();
    let figure_ref = NodeRef::<leptos::html::Div>::new();
    follow_reading(text_ref, figure_ref, Callback::new(go));
    if start > 0 {
        // why: the passages' heights are known only once they are laid out.
        request_animation_frame(move || {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&format!("passage-{}", start + 1)))
            {
                el.scroll_into_view();
            }
        });
    }
    let scene_name = move || passages[at.get()].scene;
    let back = move |_| {
        let i = at.get_untracked();
        let answered = answers.with_untracked(|a| a[i].is_some());
        state.set(state_of(i, answered));
    };
    let state_attr = move || state.with(|s| state_query::<W>(s).to_query_string());
    view! {
        <div class=format!("article-page {slug}-article") data-article=slug>
            <div class="article-grid">
                <div class="article-text" node_ref=text_ref>
                    <header class="article-header">
                        <h1>{W::ENTRY.title}</h1>
                        <p class="lede">{W::LEDE}</p>
                        <p class="article-meta">
                            {format!("An essay in {n} parts, about {} minutes. ", words.div_ceil(200))}
                            <a href=format!("?view={slug}")>"Open the widget"</a>
                        </p>
                    </header>
                    <NoticeList notices=notices/>
                    {sections}
                </div>
                <div class="article-figure" node_ref=figure_ref>
                    <article class=format!("widget {slug}-widget scene-view") aria-label="Figure"
                        data-widget=slug data-scene=scene_name data-mark=mark data-state=state_attr>
                        <style>{rule}</style>
                        <div class="widget-body">
                            <Later when=When::AfterPaint>
                                {W::body(Stage { state, mark, controls })}
                            </Later>
                        </div>
                        <p class="figure-words" class:updating=lagging aria-live="polite">
                            {move || description.get().unwrap_or_default()}
                        </p>
                        <Show when=move || moved_away.get()>
                            <p class="figure-away">"You moved the controls; the text is about this passage's own settings. "
                                <button type="button" class="figure-back" on:click=back>"Back to them"</button>
                            </p>
                        </Show>
                    </article>
                </div>
            </div>
        </div>
    }
    .into_any()
}

/// What a question shows: passage `i`'s question at its facts, the right
/// choice and why, and what the figure highlights.
struct AskView<F: 'static> {
    i: usize,
    ask: &'static Ask<F>,
    question: String,
    right: usize,
    why: String,
    mark: &'static str,
}

/// A question, its choices, and once answered, the answer and why.
fn ask_view<F>(
    v: AskView<F>,
    answers: RwSignal<Vec<Option<usize>>>,
    pick: Callback<usize>,
) -> impl IntoView {
    let AskView {
        i,
        ask: a,
        question,
        right,
        why,
        mark,
    } = v;
    let chosen = move || answers.with(|a| a.get(i).copied().flatten());
    let id = format!("ask-{i}");
    let labelled_by = id.clone();
    let reveal = move || {
        chosen().map(|k| {
            let verdict = if k == right { "Right." } else { "Not quite." };
            let answer = a.choices[right];
            view! {
                <p class="ask-reveal" data-right=(k == right).to_string()>
                    <strong>{verdict}</strong>" "{format!("The answer: {answer}. ")}{rich(&why, mark)}
                </p>
            }
        })
    };
    view! {
        <div class="ask" role="group" aria-labelledby=labelled_by data-answer=right>
            <p class="ask-question" id=id><span class="ask-label">"Predict: "</span>{question}</p>
            <div class="ask-choices">
                {a.choices.iter().enumerate().map(|(k, c)| view! {
                    <button type="button" class="ask-choice" data-choice=k
                        aria-pressed=move || (chosen() == Some(k)).to_string()
                        disabled=move || chosen().is_some()
                        class:right=move || chosen().is_some() && k == right
                        on:click=move |_| pick.run(k)>{*c}</button>
                }).collect_view()}
            </div>
            <div aria-live="polite">{reveal}</div>
        </div>
    }
}

/// Calls `go` with the passage on the reading line whenever scrolling or a
/// resize moves another there: the middle of the screen, or where the
/// figure stays on top of the screen (a phone), the middle of what it leaves.
fn follow_reading(
    text: NodeRef<leptos::html::Div>,
    figure: NodeRef<leptos::html::Div>,
    go: Callback<usize>,
) {
    let queued = StoredValue::new(false);
    let check = move || {
        queued.set_value(false);
        let (Some(text), Some(w)) = (text.get_untracked(), web_sys::window()) else {
            return;
        };
        let size = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|x| x.as_f64());
        let vh = size(w.inner_height()).unwrap_or(800.0);
        let vw = size(w.inner_width()).unwrap_or(1280.0);
        // On a narrow screen the figure spans the width and stays on top.
        let top = figure
            .get_untracked()
            .map(|f| f.get_bounding_client_rect())
            .filter(|r| r.width() > vw * 0.8)
            .map_or(0.0, |r| r.bottom().clamp(0.0, vh * 0.7));
        let line = top + (vh - top) * 0.5;
        let Ok(passages) = text.query_selector_all(".passage") else {
            return;
        };
        let mut current = 0usize;
        for k in 0..passages.length() {
            if let Some(c) = passages
                .item(k)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                if c.get_bounding_client_rect().top() <= line {
                    current = k as usize;
                }
            }
        }
        go.run(current);
    };
    let schedule = move || {
        if !queued.get_value() {
            queued.set_value(true);
            request_animation_frame(check);
        }
    };
    crate::ui::listen::on_window("scroll", move |_: web_sys::Event| schedule());
    crate::ui::listen::on_window("resize", move |_: web_sys::Event| schedule());
}

/// The style rule of the figure beside an article: the scene's figures,
/// legends and controls, and nothing else of the widget's page; on a narrow
/// screen, where the figure stays on top of the text, its main figure alone.
pub fn figure_rule(layout: Layout) -> String {
    let hero = layout.figures.first().map_or_else(String::new, |f| {
        format!("@media (max-width:900px){{.article-figure [data-figure]:not([data-figure=\"{f}\"]){{display:none}}}}")
    });
    format!("{}{hero}", super::frame::scene_rule(layout))
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
