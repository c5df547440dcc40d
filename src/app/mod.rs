//! The shell: the site's header and footer, the theme, embed options, talk
//! mode (presenter view, keys, when animations may run) and the page a query
//! asks for. Each binary carries the shell's frame and either the shell's own
//! pages or one widget (see [`bundle`]).
//!
//! [`route`] says which page a query asks for and [`nav`] links between pages;
//! [`pages`] holds the shell's own pages; [`bundle`] which binary carries
//! which; [`panic_panel`] turns a crash into a readable message.

pub mod bundle;
pub mod nav;
pub mod pages;
pub mod panic_panel;
pub mod route;

use crate::embed::location::{cancel_pending, current_query, replace_query};
use crate::embed::options::{AutoPlay, EmbedOptions};
use crate::embed::query::{Query, Reader};
use crate::export::Exports;
use crate::talk::help::HelpOverlay;
use crate::talk::motion::use_motion;
use crate::talk::presenter::use_presenter;
use crate::talk::shortcuts::{listen, Keys};
use crate::ui::listen::on_window;
use crate::ui::notices::NoticeList;
use crate::ui::theme::{use_theme, Theme, ThemeChoice};
use bundle::Bundle;
use leptos::prelude::*;
use nav::{AppLink, Nav};
use route::Route;
use wasm_bindgen::JsCast;

/// Starts the app with what this binary carries: installs the crash panel and
/// mounts the shell.
pub fn start(bundle: Bundle) {
    panic_panel::install();
    crate::embed::location::note_start();
    leptos::mount::mount_to_body(move || view! { <App bundle=bundle/> });
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
    let notices = RwSignal::new(reader.finish_known());
    let theme = use_theme(!embed.embedded);
    provide_context(theme);
    provide_context(AutoPlay(embed.play));
    provide_context(embed.clone());
    provide_context(Exports::new());
    apply_embed(&embed, theme);
    let search = RwSignal::new(current_query());
    provide_context(Nav { search });
    // The page is built afresh from the address after every move through the
    // history, and when `r` asks for the state the link opened with.
    let generation = RwSignal::new(0u32);
    on_window("popstate", move |_: web_sys::Event| {
        cancel_pending();
        search.set(current_query());
        generation.update(|g| *g += 1);
    });

    // Talk mode: presenter view, keys, and when animations may run.
    let presenter = use_presenter(&opened);
    provide_context(presenter);
    let stage = NodeRef::<leptos::html::Div>::new();
    provide_context(use_motion(stage));
    let help = RwSignal::new(false);
    let keys = Keys {
        help,
        presenter,
        tour: RwSignal::new(None),
        reset: Callback::new(move |()| {
            replace_query(&search.get_untracked());
            generation.update(|g| *g += 1);
        }),
    };
    provide_context(keys);
    listen(keys);

    let route = Memo::new(move |_| Route::from_query(&Query::parse(&search.get())));
    let page = move || {
        generation.track();
        match route.get() {
            Route::Widget(k) if bundle.widget == Some(k) => {
                (bundle.render)(Query::parse(&current_query()))
            }
            Route::Widget(k) => view! { <pages::Elsewhere title=k.title/> }.into_any(),
            route => match bundle.shell_page {
                Some(shell_page) => shell_page(route),
                None => view! { <pages::Elsewhere title="Dials"/> }.into_any(),
            },
        }
    };
    if embed.embedded {
        return view! {
            <main id="main" class="embedded" tabindex="-1">
                <NoticeList notices=notices/>
                <div class="stage" node_ref=stage>{page}</div>
            </main>
        }
        .into_any();
    }
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
        <main id="main" tabindex="-1">
            <NoticeList notices=notices/>
            <div class="stage" node_ref=stage>{page}</div>
        </main>
        <HelpOverlay open=help/>
        <footer class="site-footer">
            <p>"Every figure on this page is computed in your browser from a seed. Nothing is sent anywhere."</p>
        </footer>
    }
    .into_any()
}

/// Applies the embed options to the page: classes on the root element, the
/// accent colour and the host's theme. (The messages to and from the host
/// are the widget frame's: only a widget is embedded.)
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
