//! The consistent hashing page's binary: the shell and this one widget, so the page
//! downloads no other widget's code (see `dials::bundle`).

use dials::bundle::{start, Bundle};
use dials::talk::tours;
use dials::widgets::hash_ring::HashRingWidget;
use dials::widgets::WidgetKind;
use leptos::prelude::*;

fn main() {
    start(Bundle::with(WidgetKind::HashRing, tours::RING, |query| {
        view! { <HashRingWidget query=query/> }.into_any()
    }));
}
