//! The shell's own pages: the gallery, the 404 page, the crash test, and the
//! moment a page of another binary takes to load. Only the shell's binary
//! names them (see [`super::bundle::Bundle`]), except [`Elsewhere`].

use super::bundle::Bundle;
use super::nav::AppLink;
use super::route::Route;
use crate::embed::location::load_afresh;
use crate::widgets::CATALOGUE;
use leptos::prelude::*;

/// The shell alone: gallery, 404 and the crash test, no widget.
pub const SHELL: Bundle = Bundle {
    widget: None,
    render: |_| ().into_any(),
    shell_page: Some(shell_page),
};

/// A page of the shell's own.
pub fn shell_page(route: Route) -> AnyView {
    match route {
        Route::Gallery => view! { <Gallery/> }.into_any(),
        Route::NotFound(slug) => view! { <NotFound slug=slug/> }.into_any(),
        Route::CrashTest => view! { <CrashTest/> }.into_any(),
        Route::Widget(k) => view! { <Elsewhere title=k.title/> }.into_any(),
    }
}

/// The list of widgets.
#[component]
fn Gallery() -> impl IntoView {
    view! {
        <section class="gallery">
            <h1>"See how distributed systems behave"</h1>
            <p class="lede">
                "Each explainer is a small simulation you can steer: move a slider and every chart, "
                "count and diagram is recomputed on the spot. Links keep the exact state, so you can "
                "share what you see."
            </p>
            <p class="path">
                "New to these ideas? Take them in order: the first two start on a single server, "
                "the next three spread data, copies and failures across many."
            </p>
            <ol class="cards">
                {CATALOGUE
                    .iter()
                    .enumerate()
                    .map(|(i, k)| {
                        view! {
                            <li class="card" data-widget=k.slug>
                                // The picture is the widget's own drawing of the
                                // state its page opens on (assets/previews).
                                <img
                                    class="card-preview"
                                    src=format!("previews/{}.svg", k.slug)
                                    alt=""
                                    loading="lazy"
                                    decoding="async"
                                />
                                <h2>
                                    <span class="card-step">{format!("{}. ", i + 1)}</span>
                                    <AppLink query=format!("?view={}", k.slug)>{k.title}</AppLink>
                                </h2>
                                <p>{k.blurb}</p>
                                {k.article.then(|| view! {
                                    <p class="card-read"><a href=format!("?view={}&article=1", k.slug)>"Read the article"</a></p>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// A page that another binary carries, shown for the moment it takes to load
/// that binary (after the back or forward button, say).
#[component]
pub fn Elsewhere(
    /// The page's title.
    title: &'static str,
) -> impl IntoView {
    let loading = load_afresh();
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    view! {
        <section class="not-found" data-page="elsewhere">
            <h1>{title}</h1>
            {if loading {
                view! { <p>"Loading…"</p> }.into_any()
            } else {
                // Not loaded afresh (it would loop, or cannot be guarded): a
                // plain link lets the reader load it.
                view! { <p><a href=href>"Open this page"</a>" or go "<AppLink query="">"back to the gallery"</AppLink>"."</p> }
                    .into_any()
            }}
        </section>
    }
}

/// The 404 page.
#[component]
fn NotFound(slug: String) -> impl IntoView {
    view! {
        <section class="not-found" data-page="not-found">
            <h1>"Page not found"</h1>
            <p>"There is no explainer called "<code>{crate::embed::query::shorten(&slug)}</code>" here."</p>
            <p><AppLink query="">"Back to the gallery"</AppLink></p>
        </section>
    }
}

/// Panics on purpose, to show the crash panel.
#[component]
fn CrashTest() -> impl IntoView {
    #[allow(clippy::panic)]
    {
        panic!("crash test requested by the link (view=crash-test)");
    }
    #[allow(unreachable_code)]
    ()
}
