//! The page around a widget's body, the same for every widget: the link read
//! into a state (with notices for what had to be fixed), the state written
//! back to the address, the header, the presets, the tour's caption card, the
//! explanation, and under them the share and export panels.
//!
//! Three views of one page:
//! - the **page**: everything; on a tour the caption card stays on screen and
//!   each scene brings its figure into view and highlights what it names;
//! - a **slide** (presenter mode): one scene at a time, its figures filling
//!   the screen beside a large caption, only its controls;
//! - a **scene embed** (`embed=1&scene=…`): the scene's figures, controls and
//!   caption, and nothing else.

use super::scene::{expand, scene_address, scene_of, Layout};
use super::settle::settle;
use super::tour::{card, talk_row, Card};
use super::{read_state, state_query, Stage, Widget};
use crate::embed::location::{current_query, navigate, write_query};
use crate::embed::options::{app_query, EmbedOptions};
use crate::embed::query::Query;
use crate::talk::presenter::Presenter;
use crate::talk::shortcuts::{Keys, TourKeys};
use crate::ui::notices::NoticeList;
use leptos::html::Article;
use leptos::prelude::*;

/// How long the controls must be still before a caption follows them.
const FACTS_DELAY_MS: u32 = 150;

/// The page of widget `W`, starting from `query` (the scene it names fills in
/// whatever the link leaves out).
pub fn page<W: Widget>(query: Query) -> AnyView {
    let embed = use_context::<EmbedOptions>().unwrap_or_default();
    let presenter = use_context::<Presenter>();
    let presenting = Signal::derive(move || presenter.is_some_and(|p| p.on.get()));
    let (first, scene_notice) = scene_of(&query, W::SCENES);
    let (read, read_notice) = super::article::wants_article(&query);
    let (initial, mut first_notices) = read_state::<W>(&expand(W::SCENES, first, query));
    first_notices.extend(scene_notice);
    first_notices.extend(read_notice);
    if read && W::ARTICLE.is_empty() && !embed.embedded {
        first_notices.push(crate::ui::notices::Notice {
            param: "article".to_owned(),
            message: "this widget has no article yet; showing the widget".to_owned(),
        });
    }
    let notices = RwSignal::new(first_notices);
    if embed.embedded {
        // The host page learns the embed's height and may set its theme.
        crate::embed::host::report_height(embed.fit);
        if let Some(theme) = use_context::<crate::ui::theme::Theme>() {
            crate::embed::host::follow_host(theme);
        }
    }
    let state = RwSignal::new(initial);
    let scene = RwSignal::new(first);
    let article = NodeRef::<Article>::new();

    // The address follows the state (debounced inside write_query).
    Effect::new(move |_| {
        let mut q = Query::default();
        q.push("view", W::ENTRY.slug);
        if let Some(i) = scene.get() {
            q.push("scene", W::SCENES[i].name);
        }
        state.with(|s| W::write(s, &mut q));
        write_query(q.to_query_string());
    });

    let jumped = StoredValue::new(false);
    let go = scene_mover::<W>(state, scene, jumped, article);
    let end = Callback::new(move |()| scene.set(None));
    register_keys::<W>(scene, go);
    if let Some(i) = first {
        reveal_later(article, W::SCENES[i].layout);
    }
    let (facts, lagging) = scene_facts::<W>(state, scene, jumped);

    let scene_view = {
        let embedded_scene = embed.embedded && first.is_some();
        Signal::derive(move || presenting.get() || embedded_scene)
    };
    let layout = move || scene.get().map_or(W::LAYOUT, |i| W::SCENES[i].layout);
    let rule = move || scene_view.get().then(|| scene_rule(layout()));
    let mark = Signal::derive(move || scene.get().map_or("", |i| W::SCENES[i].mark));
    let controls = Signal::derive(move || {
        scene
            .get()
            .map_or(&[][..], |i| W::SCENES[i].layout.controls)
    });
    let scene_name = move || scene.get().map(|i| W::SCENES[i].name);
    let slug = W::ENTRY.slug;

    let tour = card(Card {
        title: W::ENTRY.title,
        lede: W::LEDE,
        scenes: W::SCENES,
        at: scene.into(),
        facts: facts.into(),
        lagging: lagging.into(),
        go,
        end,
        restore: Callback::new(move |()| go.run(scene.get_untracked())),
        embedded: embed.embedded,
        presenting,
    });
    let footer = embed
        .embedded
        .then(|| embed_footer::<W>(state, embed.caption.clone(), scene_name));
    let panels = (!embed.embedded).then(|| {
        let scenes: Vec<(&'static str, &'static str)> =
            W::SCENES.iter().map(|s| (s.name, s.title)).collect();
        view! {
            <super::later::Later>
                <super::share::SharePanel title=W::ENTRY.title scenes=scenes.clone()/>
                <crate::export::panel::ExportPanel/>
            </super::later::Later>
        }
    });
    let embedded = embed.embedded;
    view! {
        <article class=format!("widget {slug}-widget") class:scene-view=scene_view class:slide=presenting
            data-widget=slug data-scene=scene_name data-mark=mark node_ref=article>
            <style>{rule}</style>
            <header class="widget-header">
                <h1>{W::ENTRY.title}</h1>
                <p class="lede">{W::LEDE}
                    // On a phone the article's link ends the lede, where the
                    // talk row would wrap it onto a line of its own.
                    {move || (!W::ARTICLE.is_empty() && scene.get().is_none() && !embedded && !presenting.get()).then(|| view! {
                        " " <a class="lede-read" href=format!("?view={slug}&article=1")>"Read the article"</a>
                    })}
                </p>
            </header>
            <NoticeList notices=notices/>
            {tour}
            <div class="widget-bar">
                {super::preset::preset_row(W::PRESETS, state, "Presets")}
                {move || (scene.get().is_none() && !embed.embedded && !presenting.get()).then(|| talk_row(W::SCENES.len(), (!W::ARTICLE.is_empty()).then_some(slug), go))}
            </div>
            // The text paints first; the figures follow in the next task.
            <div class="widget-body">
                <super::later::Later when=super::later::When::AfterPaint>
                    {W::body(Stage { state, mark, controls })}
                </super::later::Later>
            </div>
            <super::later::Later>
                <section class="explain" inner_html=W::EXPLAIN></section>
            </super::later::Later>
            {footer}
        </article>
        {panels}
    }
    .into_any()
}

/// Moving to a scene sets its state in place (the figures stay, so they can
/// show what changed), pushes its address so Back returns, and brings its
/// figure into view.
fn scene_mover<W: Widget>(
    state: RwSignal<W::State>,
    scene: RwSignal<Option<usize>>,
    jumped: StoredValue<bool>,
    article: NodeRef<Article>,
) -> Callback<Option<usize>> {
    Callback::new(move |i: Option<usize>| {
        let i = i.map(|i| i.min(W::SCENES.len().saturating_sub(1)));
        let address = scene_address(W::ENTRY.slug, W::SCENES, i, &Query::parse(&current_query()));
        let (s, _) = read_state::<W>(&expand(W::SCENES, i, Query::parse(&address)));
        navigate(&address);
        jumped.set_value(true);
        scene.set(i);
        state.set(s);
        if let Some(i) = i {
            reveal_later(article, W::SCENES[i].layout);
        }
    })
}

/// Lets the page's keys move through the tour while this widget is shown.
fn register_keys<W: Widget>(scene: RwSignal<Option<usize>>, go: Callback<Option<usize>>) {
    let Some(keys) = use_context::<Keys>() else {
        return;
    };
    let n = W::SCENES.len() as i64;
    keys.tour.set(Some(TourKeys {
        on: Signal::derive(move || scene.get().is_some()),
        step: Callback::new(move |d: i32| {
            let at = scene.get_untracked().map_or(-1, |i| i as i64);
            let next = (at + i64::from(d)).clamp(0, n - 1) as usize;
            if Some(next) != scene.get_untracked() {
                go.run(Some(next));
            }
        }),
        start: Callback::new(move |()| go.run(Some(0))),
    }));
    on_cleanup(move || {
        let _ = keys.tour.try_set(None);
    });
}

/// The facts captions are computed from, while a scene is shown: of the state
/// once the controls are still (a scene's own state at once), and only where
/// they are cheap or the state is the scene's own. Also whether they lag.
fn scene_facts<W: Widget>(
    state: RwSignal<W::State>,
    scene: RwSignal<Option<usize>>,
    jumped: StoredValue<bool>,
) -> (Memo<Option<W::Facts>>, Memo<bool>) {
    let live = Memo::new(move |_| state.get());
    let (settled, lagging) = settle(live, FACTS_DELAY_MS, move |_| {
        let jump = jumped.get_value();
        jumped.set_value(false);
        !jump
    });
    let scene_state = Memo::new(move |_| {
        scene.get().map(|i| {
            let q = expand(W::SCENES, Some(i), Query::parse("?"));
            read_state::<W>(&q).0
        })
    });
    let facts = Memo::new(move |_| {
        scene.get()?;
        settled.with(|s| {
            let own = scene_state.with(|o| o.as_ref() == Some(s));
            (own || W::facts_live(s)).then(|| W::facts(s))
        })
    });
    (facts, lagging)
}

/// Under an embed: the host's caption, a link to the full widget in the
/// state shown, and (with `export=1`) the export menu.
fn embed_footer<W: Widget>(
    state: RwSignal<W::State>,
    caption: Option<String>,
    scene_name: impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let open = move || {
        let mut q = state.with(state_query::<W>);
        if let Some(name) = scene_name() {
            q.push("scene", name);
        }
        let path = web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .unwrap_or_default();
        format!("{path}{}", app_query(&q))
    };
    // `export=1`: a small menu with the export panel's list.
    let export = use_context::<EmbedOptions>().is_some_and(|o| o.export);
    view! {
        {caption.map(|c| view! { <p class="embed-caption">{c}</p> })}
        <p class="embed-open"><a href=open target="_blank" rel="noopener">"Open in Dials ↗"</a></p>
        {export.then(|| view! { <div class="embed-export"><crate::export::panel::ExportMenu/></div> })}
    }
}

/// The style rule of a slide or a scene embed: every figure, legend and
/// control `layout` does not show is hidden, and its main figure (the first)
/// is the hero, beside the caption.
pub fn scene_rule(layout: Layout) -> String {
    let hide = |attr: &str, shown: &[&str]| {
        if shown.is_empty() {
            format!(".scene-view [{attr}]{{display:none}}")
        } else {
            let keep: Vec<String> = shown.iter().map(|n| format!("[{attr}=\"{n}\"]")).collect();
            format!(
                ".scene-view [{attr}]:not({}){{display:none}}",
                keep.join(",")
            )
        }
    };
    // On a short screen a slide keeps the hero alone beside the caption.
    let hero = layout.figures.first().map_or_else(String::new, |f| {
        format!(
            ".scene-view [data-figure=\"{f}\"]{{grid-column:var(--hero-column);grid-row:var(--hero-row) / span 20;order:-1;margin-bottom:0;--chart-height:var(--hero-chart-height)}}\
             @media (max-height:900px){{.slide [data-figure]:not([data-figure=\"{f}\"]){{display:none}}}}"
        )
    });
    format!(
        "{}{}{}{hero}",
        hide("data-figure", layout.figures),
        hide("data-legend-for", layout.figures),
        hide("data-control", layout.controls)
    )
}

/// Once the page has laid out the new scene, scrolls its main figure into view
/// just under the caption card (which stays at the top of the screen). A
/// figure built later (below the first screen) is waited for a moment.
fn reveal_later(article: NodeRef<Article>, layout: Layout) {
    let Some(figure) = layout.figures.first().copied() else {
        return;
    };
    fn attempt(article: NodeRef<Article>, figure: &'static str, tries: u32) {
        let Some(a) = article.try_get_untracked().flatten() else {
            return;
        };
        if a.class_list().contains("scene-view") {
            return;
        }
        if !reveal(&a, figure) && tries > 0 {
            set_timeout(
                move || attempt(article, figure, tries - 1),
                std::time::Duration::from_millis(100),
            );
        }
    }
    request_animation_frame(move || attempt(article, figure, 20));
}

/// Scrolls the page so the `data-figure` block `figure` sits under the card;
/// whether the block was there.
fn reveal(article: &web_sys::Element, figure: &str) -> bool {
    let Some(w) = web_sys::window() else {
        return true;
    };
    let Ok(Some(fig)) = article.query_selector(&format!("[data-figure=\"{figure}\"]")) else {
        return false;
    };
    let card = article
        .query_selector(".tour-card")
        .ok()
        .flatten()
        .map_or(0.0, |c| c.get_bounding_client_rect().height());
    let view_h = w
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let r = fig.get_bounding_client_rect();
    let want = card + 12.0;
    if r.top() >= want && r.bottom() <= view_h {
        return true;
    }
    let options = web_sys::ScrollToOptions::new();
    options.set_top(r.top() - want);
    let smooth = !crate::talk::motion::prefers_reduced_motion();
    options.set_behavior(if smooth {
        web_sys::ScrollBehavior::Smooth
    } else {
        web_sys::ScrollBehavior::Instant
    });
    w.scroll_by_with_scroll_to_options(&options);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scene_view_keeps_only_its_figures_and_controls() {
        let r = scene_rule(Layout {
            figures: &["ring", "moves"],
            controls: &[],
        });
        assert_eq!(
            r,
            ".scene-view [data-figure]:not([data-figure=\"ring\"],[data-figure=\"moves\"]){display:none}\
             .scene-view [data-legend-for]:not([data-legend-for=\"ring\"],[data-legend-for=\"moves\"]){display:none}\
             .scene-view [data-control]{display:none}\
             .scene-view [data-figure=\"ring\"]{grid-column:var(--hero-column);grid-row:var(--hero-row) / span 20;order:-1;margin-bottom:0;--chart-height:var(--hero-chart-height)}\
             @media (max-height:900px){.slide [data-figure]:not([data-figure=\"ring\"]){display:none}}"
        );
    }
}
