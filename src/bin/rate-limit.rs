//! The rate limiter page's binary: the shell and this one widget, so the page
//! downloads no other widget's code (see `dials::bundle`).

use dials::bundle::{start, Bundle};
use dials::talk::tours;
use dials::widgets::rate_limit::RateLimitWidget;
use dials::widgets::WidgetKind;
use leptos::prelude::*;

fn main() {
    start(Bundle::with(
        WidgetKind::RateLimit,
        tours::RATE_LIMIT,
        |query| view! { <RateLimitWidget query=query/> }.into_any(),
    ));
}
