//! The quorum page's binary: the shell and this one widget, so the page
//! downloads no other widget's code (see `dials::bundle`).

use dials::bundle::{start, Bundle};
use dials::talk::tours;
use dials::widgets::quorum::QuorumWidget;
use dials::widgets::WidgetKind;
use leptos::prelude::*;

fn main() {
    start(Bundle::with(WidgetKind::Quorum, tours::QUORUM, |query| {
        view! { <QuorumWidget query=query/> }.into_any()
    }));
}
