//! The shell: header, gallery, routing and the 404 page.
//!
//! Routing lives in the query (`?view=ring&…`), not the path, so every deep link
//! works from any static file server, at the site root or under a sub-path, with
//! no rewrite rules. Each binary carries the shell's frame and either the shell's
//! own pages or one widget (see [`crate::bundle`]); the shell shows that widget
//! through [`Bundle::render`].

use crate::bundle::Bundle;
use crate::embed::location::{current_query, load_afresh, navigate};
use crate::embed::options::{app_query, EmbedOptions};
use crate::embed::query::{Notice, Query, Reader};
use crate::embed::theme::{use_theme, Theme, ThemeChoice};
use crate::talk::bar::TourBar;
use crate::talk::help::HelpOverlay;
use crate::talk::motion::use_motion;
use crate::talk::presenter::use_presenter;
use crate::talk::shortcuts::Keys;
use crate::talk::tour;
use crate::ui::notices::NoticeList;
use crate::widgets::WidgetKind;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// The page a query string asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// No `view` parameter: the gallery.
    Gallery,
    /// A widget.
    Widget(WidgetKind),
    /// A widget that is listed but not built yet.
    Coming(WidgetKind),
    /// An unknown `view` value.
    NotFound(String),
    /// A deliberate crash, to check the crash panel (documented in the URL docs).
    CrashTest,
}

impl Route {
    /// The route for a query.
    pub fn from_query(q: &Query) -> Route {
        match q.get("view") {
            None | Some("") => Route::Gallery,
            Some("crash-test") => Route::CrashTest,
            Some(slug) => match WidgetKind::from_slug(slug) {
                Some(k) if k.ready() => Route::Widget(k),
                Some(k) => Route::Coming(k),
                None => Route::NotFound(slug.to_owned()),
            },
        }
    }
}

/// Navigation state shared with links.
#[derive(Clone, Copy, Debug)]
pub struct Nav {
    /// The query string of the page being shown.
    pub search: RwSignal<String>,
}

/// The whole app.
#[component]
pub fn App(
    /// What this binary carries: the shell, and at most one widget.
    bundle: Bundle,
) -> impl IntoView {
    provide_context(bundle);
    // Embed options come from the query the page was opened with.
    let opened = Query::parse(&current_query());
    let mut reader = Reader::new(&opened);
    let embed = EmbedOptions::from_query(&mut reader);
    let embed_notices = reader.finish_known();
    let theme = use_theme(!embed.embedded);
    provide_context(theme);
    provide_context(crate::embed::options::AutoPlay(embed.play));
    provide_context(crate::embed::export::Exports::new());
    apply_embed(&embed, theme);
    let search = RwSignal::new(current_query());
    provide_context(Nav { search });
    // Back and forward buttons: show the page the history entry names. The
    // listener lives as long as the page.
    if let Some(w) = web_sys::window() {
        let cb = Closure::<dyn Fn()>::new(move || {
            crate::embed::location::cancel_pending();
            search.set(current_query());
        });
        let _ = w.add_event_listener_with_callback("popstate", cb.as_ref().unchecked_ref());
        cb.forget();
    }
    let notices: RwSignal<Vec<Notice>> = RwSignal::new(embed_notices);

    // Talk mode: presenter view, tours, keys, and when animations may run.
    let presenter = use_presenter(&opened);
    provide_context(presenter);
    let stage = NodeRef::<leptos::html::Div>::new();
    provide_context(use_motion(stage));
    let route = Memo::new(move |_| Route::from_query(&Query::parse(&search.get())));
    // The widget on screen: one this binary carries (another is being loaded).
    let kind = Memo::new(move |_| match route.get() {
        Route::Widget(k) if bundle.widget == Some(k) => Some(k),
        _ => None,
    });
    let beat = Memo::new(move |_| {
        kind.get()
            .and_then(|_| tour::beat_of(&Query::parse(&search.get()), bundle.tour).0)
    });
    let go = move |q: String| {
        navigate(&q);
        search.set(q);
    };
    // Beat `i` of the current widget's tour, keeping the page's options.
    let to_beat = move |i: usize| {
        if let Some(k) = kind.get_untracked() {
            go(tour::beat_query(
                k,
                Some(i),
                &Query::parse(&current_query()),
            ));
        }
    };
    let help = RwSignal::new(false);
    let keys = Keys {
        help,
        presenter,
        touring: Signal::derive(move || beat.get().is_some()),
        step_beat: Callback::new(move |d: i32| {
            if kind.get_untracked().is_none() {
                return;
            }
            let last = bundle.tour.len().saturating_sub(1) as i64;
            let at = beat.get_untracked().map_or(-1, |b| b as i64);
            let next = (at + i64::from(d)).clamp(0, last) as usize;
            if Some(next) != beat.get_untracked() {
                to_beat(next);
            }
        }),
        start_tour: Callback::new(move |()| to_beat(0)),
        reset: Callback::new(move |()| {
            // The page is built again from the query it was opened with.
            let q = search.get_untracked();
            crate::embed::location::replace_query(&q);
            search.set(q);
        }),
    };
    provide_context(keys);
    crate::talk::shortcuts::listen(keys);
    let end_tour = Callback::new(move |()| go(tour::without_beat(&Query::parse(&current_query()))));
    // On a tour in presenter mode, the controls the beat does not need step aside.
    let main_class = move || {
        let (Some(_), Some(b), true) = (kind.get(), beat.get(), presenter.on.get()) else {
            return String::new();
        };
        tour::hidden_groups(&bundle.tour[b])
            .iter()
            .map(|g| format!("hide-{g}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let tour_bar = move |quiet: bool| {
        kind.get()
            .map(|_| view! { <TourBar beats=bundle.tour beat=beat end=end_tour quiet=quiet/> })
    };

    let page = move || {
        let raw = search.get();
        let q = Query::parse(&raw);
        match Route::from_query(&q) {
            Route::Widget(k) if bundle.widget == Some(k) => {
                if let (_, Some(n)) = tour::beat_of(&q, bundle.tour) {
                    notices.update(|v| v.push(n));
                }
                (bundle.render)(tour::expand(bundle.tour, q))
            }
            Route::Widget(k) => view! { <Elsewhere title=k.title()/> }.into_any(),
            route => match bundle.shell_page {
                Some(shell_page) => shell_page(route),
                None => view! { <Elsewhere title="Dials"/> }.into_any(),
            },
        }
    };
    if embed.embedded {
        let caption = embed.caption.clone();
        let open_link = move || {
            let q = Query::parse(&search.get());
            let base = web_sys::window()
                .and_then(|w| w.location().pathname().ok())
                .unwrap_or_default();
            format!("{base}{}", app_query(&q))
        };
        return view! {
            <main id="main" class="embedded" tabindex="-1">
                <NoticeList notices=notices/>
                {move || tour_bar(true)}
                <div class="stage" node_ref=stage>{page}</div>
                {caption.map(|c| view! { <p class="embed-caption">{c}</p> })}
                <p class="embed-open"><a href=open_link target="_blank" rel="noopener">"Open in Dials ↗"</a></p>
            </main>
        }
        .into_any();
    }
    let share = move || kind.get().map(|_| (bundle.panels)());
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <AppLink query="" class="brand">
                <span class="brand-mark" aria-hidden="true">"◐"</span>
                " Dials"
            </AppLink>
            <nav aria-label="Site">
                <AppLink query="" class="nav-link">"Gallery"</AppLink>
            </nav>
            <ThemeToggle theme=theme/>
        </header>
        <main id="main" tabindex="-1" class=main_class>
            <NoticeList notices=notices/>
            {move || tour_bar(false)}
            <div class="stage" node_ref=stage>{page}</div>
            {share}
        </main>
        <HelpOverlay open=help/>
        <footer class="site-footer">
            <p>"Every figure on this page is computed in your browser from a seed. Nothing is sent anywhere."</p>
        </footer>
    }
    .into_any()
}

/// Applies the embed options to the page: classes on the root element, the
/// accent colour, the host's theme, and the messages to and from the host.
fn apply_embed(embed: &EmbedOptions, theme: Theme) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    for c in embed.classes() {
        let _ = root.class_list().add_1(&c);
    }
    if let (Some(accent), Some(html)) = (&embed.accent, root.dyn_ref::<web_sys::HtmlElement>()) {
        let style = html.style();
        let _ = style.set_property("--accent", accent);
        let _ = style.set_property("--focus", accent);
    }
    if let Some(choice) = embed.theme {
        theme.choice.set(choice);
    }
    if embed.embedded {
        crate::embed::host::report_height();
        crate::embed::host::follow_host(theme);
    }
}

/// Share this widget: its permalink, the iframe snippet with and without the
/// resize script, and a live preview of the embed at a chosen width.
#[component]
fn SharePanel() -> impl IntoView {
    let open = RwSignal::new(false);
    let width = RwSignal::new(640u32);
    let here = move || {
        let _ = open.get();
        web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default()
    };
    let embed_url = move || {
        let h = here();
        let sep = if h.contains('?') { '&' } else { '?' };
        format!("{h}{sep}embed=1")
    };
    let script_url = move || {
        let h = here();
        let base = h.split('?').next().unwrap_or_default();
        let dir = base.rsplit_once('/').map_or(base, |(d, _)| d);
        format!("{dir}/embed.js")
    };
    let snippet = move || {
        format!("<iframe src=\"{}\" title=\"Dials\" width=\"100%\" height=\"720\" style=\"border:0\" loading=\"lazy\" data-dials></iframe>", html_attr(&embed_url()))
    };
    let with_script = move || {
        format!(
            "{}\n<script src=\"{}\" defer></script>",
            snippet(),
            html_attr(&script_url())
        )
    };
    view! {
        <details class="panel share" id="share" on:toggle=move |ev| {
            if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                open.set(d.open());
            }
        }>
            <summary><h2>"Share and embed"</h2></summary>
            <Show when=move || open.get()>
                <div class="field wide">
                    <label for="share-link">"Link to exactly this view"</label>
                    <input id="share-link" type="text" readonly prop:value=here/>
                </div>
                <div class="field wide">
                    <label for="share-iframe">"Embed it (fixed height)"</label>
                    <textarea id="share-iframe" rows="3" readonly prop:value=snippet></textarea>
                </div>
                <div class="field wide">
                    <label for="share-script">"Embed it, sized to its content"</label>
                    <textarea id="share-script" rows="4" readonly prop:value=with_script></textarea>
                </div>
                <p class="note">"Add theme=dark, accent=%23RRGGBB, controls=none (or presets,sliders,playback) or caption=… to the embed's address; see the embedding guide in the docs."</p>
                <div class="field">
                    <label for="share-width">"Preview width"</label>
                    <select id="share-width" on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<u32>() {
                            width.set(v);
                        }
                    }>
                        <option value="360">"360 px"</option>
                        <option value="640" selected>"640 px"</option>
                        <option value="960">"960 px"</option>
                    </select>
                </div>
                <iframe class="share-preview" title="Preview of the embed" src=embed_url data-dials
                    style=move || format!("width:{}px;max-width:100%;height:600px", width.get())></iframe>
            </Show>
        </details>
    }
}

/// Escapes a value for a double-quoted HTML attribute.
fn html_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// A link to another page of the app. A page this binary carries is shown
/// without reloading; for any other the browser follows the link, and the
/// start-up script loads the binary that carries it.
#[component]
pub fn AppLink(
    /// The target query string (`""` for the gallery, `"?view=ring"` for a widget).
    #[prop(into)]
    query: String,
    /// CSS class.
    #[prop(optional, into)]
    class: String,
    /// Link content.
    children: Children,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let here = use_context::<Bundle>()
        .is_some_and(|b| b.carries(&Route::from_query(&Query::parse(&query))));
    let href = if query.is_empty() {
        "?".to_owned()
    } else {
        query.clone()
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        // Let the browser handle new-tab and new-window clicks, and load the
        // pages of other binaries.
        if !here
            || ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        ev.prevent_default();
        navigate(&query);
        nav.search.set(query.clone());
        if let Some(w) = web_sys::window() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
    };
    view! { <a href=href class=class on:click=on_click>{children()}</a> }
}

/// Cycles auto → light → dark.
#[component]
fn ThemeToggle(theme: Theme) -> impl IntoView {
    let label = move || match theme.choice.get() {
        ThemeChoice::Auto => "Theme: auto",
        ThemeChoice::Light => "Theme: light",
        ThemeChoice::Dark => "Theme: dark",
    };
    view! {
        <button
            type="button"
            class="theme-toggle"
            id="theme-toggle"
            on:click=move |_| theme.choice.update(|c| *c = c.next())
            title="Switch between automatic, light and dark"
        >
            {label}
        </button>
    }
}

/// A page of the shell's own: the gallery, a widget still to come, the 404
/// and the crash test. Only the shell's binary carries them (see [`Bundle`]).
pub fn shell_page(route: Route) -> AnyView {
    match route {
        Route::Gallery => view! { <Gallery/> }.into_any(),
        Route::Coming(k) => view! { <Coming kind=k/> }.into_any(),
        Route::NotFound(slug) => view! { <NotFound slug=slug/> }.into_any(),
        Route::CrashTest => view! { <CrashTest/> }.into_any(),
        Route::Widget(k) => view! { <Elsewhere title=k.title()/> }.into_any(),
    }
}

/// The panels under a widget: share and embed, then export. Only the widget
/// binaries carry them (see [`Bundle`]).
pub fn widget_panels() -> AnyView {
    view! { <SharePanel/><crate::embed::export::ExportPanel/> }.into_any()
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
            <ul class="cards">
                {WidgetKind::ALL
                    .into_iter()
                    .map(|k| {
                        view! {
                            <li class="card" class:coming=!k.ready() data-widget=k.slug()>
                                <h2>
                                    {if k.ready() {
                                        view! {
                                            <AppLink query=format!("?view={}", k.slug())>{k.title()}</AppLink>
                                        }
                                            .into_any()
                                    } else {
                                        view! { <span>{k.title()}</span> }.into_any()
                                    }}
                                </h2>
                                <p>{k.blurb()}</p>
                                {(!k.ready()).then(|| view! { <p class="badge">"Coming soon"</p> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// A listed widget that is not built yet.
#[component]
fn Coming(kind: WidgetKind) -> impl IntoView {
    view! {
        <section class="not-found">
            <h1>{kind.title()}</h1>
            <p>"This explainer is on its way. The gallery lists what is ready now."</p>
            <p><AppLink query="">"Back to the gallery"</AppLink></p>
        </section>
    }
}

/// A page that another binary carries, shown for the moment it takes to load
/// that binary (after the back or forward button, say).
#[component]
fn Elsewhere(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_widget_parameter_shadows_the_route() {
        let all = crate::widgets::hash_ring::state::PARAMS
            .iter()
            .chain(crate::widgets::quorum::state::PARAMS.iter())
            .chain(crate::widgets::cache::state::PARAMS.iter())
            .chain(crate::widgets::rate_limit::state::PARAMS.iter())
            .chain(crate::widgets::cells::state::PARAMS.iter());
        for p in all {
            assert_ne!(*p, "view", "the route parameter is reserved");
        }
    }

    #[test]
    fn routes_from_queries() {
        assert_eq!(Route::from_query(&Query::parse("")), Route::Gallery);
        assert_eq!(
            Route::from_query(&Query::parse("?view=ring&nodes=3")),
            Route::Widget(WidgetKind::HashRing)
        );
        assert_eq!(
            Route::from_query(&Query::parse("?view=quorum")),
            Route::Widget(WidgetKind::Quorum)
        );
        assert_eq!(
            Route::from_query(&Query::parse("?view=cache")),
            Route::Widget(WidgetKind::Cache)
        );
        assert_eq!(
            Route::from_query(&Query::parse("?view=zzz")),
            Route::NotFound("zzz".into())
        );
    }
}
