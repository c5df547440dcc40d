//! The cell blast radius page's binary: the shell and this one widget, so the page
//! downloads no other widget's code (see `dials::bundle`).

use dials::bundle::{start, Bundle};
use dials::talk::tours;
use dials::widgets::cells::CellsWidget;
use dials::widgets::WidgetKind;
use leptos::prelude::*;

fn main() {
    start(Bundle::with(WidgetKind::Cells, tours::CELLS, |query| {
        view! { <CellsWidget query=query/> }.into_any()
    }));
}
