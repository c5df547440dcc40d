//! Links between the app's pages.

use super::bundle::Bundle;
use super::route::Route;
use crate::embed::location::navigate;
use crate::embed::query::Query;
use leptos::prelude::*;

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
