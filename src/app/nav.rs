//! Which page a query asks for, and links between the app's pages.
//!
//! Routing lives in the query (`?view=ring&…`), not the path, so every deep link
//! works from any static file server, at the site root or under a sub-path, with
//! no rewrite rules.

use super::bundle::Bundle;
use crate::embed::location::navigate;
use crate::embed::query::Query;
use crate::kit::Entry;
use crate::widgets::CATALOGUE;
use leptos::prelude::*;

/// The page a query string asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// No `view` parameter: the gallery.
    Gallery,
    /// A widget of the catalogue.
    Widget(&'static Entry),
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
            Some(slug) => match CATALOGUE.iter().find(|e| e.slug == slug) {
                Some(e) => Route::Widget(e),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_from_queries() {
        assert_eq!(Route::from_query(&Query::parse("")), Route::Gallery);
        assert_eq!(
            Route::from_query(&Query::parse("?view=ring&nodes=3")),
            Route::Widget(CATALOGUE[0])
        );
        for e in CATALOGUE {
            let q = Query::parse(&format!("?view={}", e.slug));
            assert_eq!(Route::from_query(&q), Route::Widget(e));
        }
        assert_eq!(
            Route::from_query(&Query::parse("?view=zzz")),
            Route::NotFound("zzz".into())
        );
        assert_eq!(
            Route::from_query(&Query::parse("?view=crash-test")),
            Route::CrashTest
        );
    }
}
