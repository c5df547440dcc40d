//! The article's page: the passages beside the widget's figure, which
//! follows the passage on the reading line (see the module above).

use super::{passage_facts, passage_query, words, Ask};
use crate::embed::location::write_query;
use crate::embed::query::Query;
use crate::kit::later::{Later, When};
use crate::kit::scene::{scene_of, Layout, Scene};
use crate::kit::settle::settle;
use crate::kit::{read_state, state_query, Stage, Widget};
use crate::ui::notices::NoticeList;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

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
    let facts = Arc::new(passage_facts::<W>());
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
    let text_ref = NodeRef::<leptos::html::Div>::new();
    let figure_ref = NodeRef::<leptos::html::Div>::new();
    // Answering a question brings its passage to the figure, whatever the
    // reading line says, and the figure then shows the answer.
    let answer = move |i: usize, k: usize| {
        answers.update(|a| a[i] = Some(k));
        if at.get_untracked() != i {
            at.set(i);
        }
        state.set(state_of(i, true));
        // The answer's state may highlight rows the question's did not.
        set_timeout(
            move || reveal_mark(figure_ref),
            std::time::Duration::from_millis(400),
        );
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
    // A passage's own scene's facts are those its text was computed from.
    let known = Arc::clone(&facts);
    let description = Memo::new(move |_| {
        let s = settled.get();
        let i = at.get();
        let sc = scene()?;
        if s == state_of(i, true) {
            return Some(sc.caption(&known[i]).join(" "));
        }
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
            let embed = crate::kit::share::element_snippet(
                &format!("{base}?view={slug}"),
                &dir,
                p.scene,
                title,
                crate::kit::share::SCENE_HEIGHT,
            );
            let still = format!("previews/{slug}/{}.svg", p.scene);
            let asks = p.ask.is_some();
            view! {
                <section class="passage" id=format!("passage-{}", i + 1) data-scene=p.scene data-passage=i
                    class:current=move || at.get() == i
                    class:asking=move || asks && answers.with(|a| a[i].is_none())>
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
    follow_reading(text_ref, figure_ref, at, Callback::new(go));
    // On a narrow screen the figure lies over the passage's slot: it moves
    // with the passage the figure shows, whether reading or an answer chose it.
    Effect::new(move |_| {
        let i = at.get();
        request_animation_frame(move || place_figure(text_ref, figure_ref, i));
        // Once the scene has been drawn, what it highlights is brought into
        // the figure's view (a table's marked rows can sit below its fold).
        set_timeout(
            move || reveal_mark(figure_ref),
            std::time::Duration::from_millis(400),
        );
    });
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

/// Whether the screen is narrow: the figure sits between the paragraphs
/// (the style sheet's breakpoint).
fn narrow() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(max-width: 900px)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// On a narrow screen, lays the figure over passage `i`'s slot (its still,
/// which keeps the figure's height); on a wide one, leaves it beside the text.
fn place_figure(text: NodeRef<leptos::html::Div>, figure: NodeRef<leptos::html::Div>, i: usize) {
    let (Some(text), Some(figure)) = (text.get_untracked(), figure.get_untracked()) else {
        return;
    };
    let style = web_sys::HtmlElement::style(&figure);
    if !narrow() {
        let _ = style.remove_property("top");
        return;
    }
    let slot = text
        .query_selector(&format!("#passage-{} .passage-still", i + 1))
        .ok()
        .flatten();
    let grid = figure.parent_element();
    if let (Some(slot), Some(grid)) = (slot, grid) {
        let top = slot.get_bounding_client_rect().top() - grid.get_bounding_client_rect().top();
        let _ = style.set_property("top", &format!("{top:.0}px"));
    }
}

/// On a wide screen, where the figure's column scrolls on its own, scrolls
/// it back to the top, then on until the highlighted elements outside a
/// drawing (a table's marked rows, a marked readout) are in view, as far as
/// the first of them stays in view; the page itself does not move.
fn reveal_mark(figure: NodeRef<leptos::html::Div>) {
    let Some(figure) = figure.get_untracked() else {
        return;
    };
    if narrow() {
        return;
    }
    figure.set_scroll_top(0);
    let Ok(marks) = figure.query_selector_all(".marked:not(svg *)") else {
        return;
    };
    // Those drawn: a figure the scene leaves out is not displayed.
    let drawn: Vec<web_sys::DomRect> = (0..marks.length())
        .filter_map(|k| marks.item(k))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .map(|e| e.get_bounding_client_rect())
        .filter(|r| r.width() > 0.0 || r.height() > 0.0)
        .collect();
    let (Some(first), Some(last)) = (drawn.first(), drawn.last()) else {
        return;
    };
    let frame = figure.get_bounding_client_rect();
    if last.bottom() > frame.bottom() {
        // The last one's bottom into view, but never the first one's top out of it.
        let by = (last.bottom() - frame.bottom() + 16.0).min(first.top() - frame.top() - 16.0);
        figure.set_scroll_top(by.max(0.0) as i32);
    }
}

/// Calls `go` with the passage on the reading line whenever scrolling or a
/// resize moves another there: the middle of the screen, or on a narrow
/// one, where the figure sits in the passage, a third of the way down, so
/// that the passage's figure is in view when it arrives.
fn follow_reading(
    text_ref: NodeRef<leptos::html::Div>,
    figure: NodeRef<leptos::html::Div>,
    at: RwSignal<usize>,
    go: Callback<usize>,
) {
    let queued = StoredValue::new(false);
    let check = move || {
        queued.set_value(false);
        let (Some(text), Some(w)) = (text_ref.get_untracked(), web_sys::window()) else {
            return;
        };
        let size = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|x| x.as_f64());
        let vh = size(w.inner_height()).unwrap_or(800.0);
        let line = vh * if narrow() { 0.35 } else { 0.5 };
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
        // A resize, or a question's answer above, may have moved the slot.
        place_figure(text_ref, figure, at.get_untracked());
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
    format!("{}{hero}", crate::kit::frame::scene_rule(layout))
}
