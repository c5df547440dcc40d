//! The cache eviction page's binary: the shell and this one widget, so the page
//! downloads no other widget's code (see `dials::bundle`).

use dials::bundle::{start, Bundle};
use dials::talk::tours;
use dials::widgets::cache::CacheWidget;
use dials::widgets::WidgetKind;
use leptos::prelude::*;

fn main() {
    start(Bundle::with(WidgetKind::Cache, tours::CACHE, |query| {
        view! { <CacheWidget query=query/> }.into_any()
    }));
}
