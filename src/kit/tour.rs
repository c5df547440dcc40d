//! The caption card above a widget's figures. On a tour it shows the scene's
//! heading and its caption (the sentences true of the screen) with buttons to
//! move on; away from a tour, a row to start the tour, present, or see the keys.
//! It stays on screen (sticky) while the page scrolls.

use super::scene::Scene;
use crate::talk::shortcuts::Keys;
use leptos::prelude::*;

/// What the card needs to know and do.
pub struct Card<F: Send + Sync + 'static> {
    /// The widget's title, shown on a slide away from the tour.
    pub title: &'static str,
    /// The sentence under the title, likewise.
    pub lede: &'static str,
    /// The tour.
    pub scenes: &'static [Scene<F>],
    /// The scene shown, if any.
    pub at: Signal<Option<usize>>,
    /// The facts of the state shown, while a scene is.
    pub facts: Signal<Option<F>>,
    /// The facts lag behind the controls (the caption is about to change).
    pub lagging: Signal<bool>,
    /// Goes to a scene.
    pub go: Callback<Option<usize>>,
    /// Ends the tour, keeping the state.
    pub end: Callback<()>,
    /// Goes back to the scene's own settings.
    pub restore: Callback<()>,
    /// An embed: no tour buttons, no start row.
    pub embedded: bool,
    /// Presenter mode.
    pub presenting: Signal<bool>,
}

/// The card.
pub fn card<F: Clone + Send + Sync + 'static>(c: Card<F>) -> impl IntoView {
    let Card {
        title,
        lede,
        scenes,
        at,
        facts,
        lagging,
        go,
        end,
        restore,
        embedded,
        presenting,
    } = c;
    let n = scenes.len();
    // Without facts (the reader took the state somewhere too large to follow
    // live) the caption keeps its notes only, and offers the way back.
    let caption = move || {
        facts.with(|f| match (at.get(), f) {
            (Some(i), Some(f)) => scenes[i.min(n - 1)].caption(f).join(" "),
            (Some(i), None) => scenes[i.min(n - 1)].notes().join(" "),
            _ => String::new(),
        })
    };
    let away = move || {
        facts.with(Option::is_none).then(|| {
            view! {
                <span class="tour-away">" This step's numbers are for its own settings. "
                    <button type="button" id="tour-restore" on:click=move |_| restore.run(())>"Back to them"</button>
                </span>
            }
        })
    };
    move || match at.get() {
        Some(i) => {
            let s = &scenes[i.min(n - 1)];
            view! {
                <section class="tour-card" aria-label="Tour" data-beat={i + 1} data-scene=s.name>
                    {(!embedded).then(|| view! { <p class="tour-count">{format!("Tour · {} of {n}", i + 1)}</p> })}
                    <h2 class="tour-title">{s.title}</h2>
                    <p class="tour-caption" class:updating=lagging aria-live="polite">{caption}{away}</p>
                    {(!embedded).then(|| view! {
                        <div class="tour-buttons">
                            <button type="button" id="tour-prev" disabled={i == 0}
                                on:click=move |_| go.run(Some(i.saturating_sub(1)))>"◀ Previous"</button>
                            <button type="button" id="tour-next" disabled={i + 1 >= n}
                                on:click=move |_| go.run(Some((i + 1).min(n - 1)))>"Next ▶"</button>
                            <button type="button" id="tour-end" on:click=move |_| end.run(())>"End tour"</button>
                        </div>
                    })}
                </section>
            }
            .into_any()
        }
        None if embedded => ().into_any(),
        None if presenting.get() => view! {
            <section class="tour-card" aria-label="Tour">
                <h2 class="tour-title">{title}</h2>
                <p class="tour-caption">{lede}</p>
                <div class="tour-buttons">
                    <button type="button" id="tour-start" on:click=move |_| go.run(Some(0))>
                        {format!("Take the tour ({n} steps) ▶")}
                    </button>
                </div>
            </section>
        }
        .into_any(),
        None => ().into_any(),
    }
}

/// Away from a tour: start it, read the article (the widget's slug, where it
/// has one), present, or see the keys.
pub fn talk_row(
    scenes: usize,
    article: Option<&'static str>,
    go: Callback<Option<usize>>,
) -> impl IntoView {
    let keys = use_context::<Keys>();
    view! {
        <div class="talk-row">
            <button type="button" id="tour-start" on:click=move |_| go.run(Some(0))>
                {format!("Take the tour ({scenes} steps)")}
            </button>
            {article.map(|slug| view! {
                <a class="read-link" id="read-article" href=format!("?view={slug}&article=1")>"Read the article"</a>
            })}
            {keys.map(|k| view! {
                <button type="button" id="present" on:click=move |_| k.presenter.toggle()>"Present"</button>
                <button type="button" id="keys-help" aria-haspopup="dialog" on:click=move |_| k.help.set(true)>"Keys ?"</button>
            })}
        </div>
    }
}
