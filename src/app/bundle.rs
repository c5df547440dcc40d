//! Which binary carries which page.
//!
//! The app is built as several WebAssembly binaries from this one library, so
//! a page downloads only the code it shows: `dials` (`src/main.rs`) is the
//! shell alone (header, gallery, 404), and each widget has a binary named like
//! its slug (`src/bin/ring.rs`, `src/bin/quorum.rs`, …) that is the shell's
//! frame plus that widget. A binary names its widget's type and no other, so the
//! linker leaves the other widgets out; the gallery's pages are named only in
//! the shell's binary.
//!
//! The start-up script (`loader.js`, written at build time by
//! `scripts/csp_loader.py`) picks the binary from the `view` parameter by the
//! same rule as [`binary_for`]. A page the running binary does not carry (a
//! link to the gallery from a widget, a back button into another widget's
//! address) is loaded afresh, so the script picks again.

use super::route::Route;
use crate::embed::query::Query;
use crate::kit::{Entry, Widget};
use leptos::prelude::*;

/// The binary that is the shell alone.
pub const SHELL_BINARY: &str = "dials";

/// What one binary carries: the shell always, and at most one widget.
#[derive(Clone, Copy, Debug)]
pub struct Bundle {
    /// The widget this binary shows; `None` for the shell alone.
    pub widget: Option<&'static Entry>,
    /// Builds that widget's page from the page's query.
    pub render: fn(Query) -> AnyView,
    /// The shell's pages (gallery, 404, …); `None` in a widget binary, which
    /// loads the shell's binary for them.
    pub shell_page: Option<fn(Route) -> AnyView>,
}

impl Bundle {
    /// The shell and widget `W`.
    pub fn of<W: Widget>() -> Bundle {
        Bundle {
            widget: Some(W::ENTRY),
            render: crate::kit::article::route::<W>,
            shell_page: None,
        }
    }

    /// The binary's name, which is also the name of its files in the build.
    pub fn name(&self) -> &'static str {
        self.widget.map_or(SHELL_BINARY, |e| e.slug)
    }

    /// Whether this binary can show `route` without loading another: a widget
    /// binary its widget's page, the shell binary every other page.
    pub fn carries(&self, route: &Route) -> bool {
        match route {
            Route::Widget(k) => self.widget.is_some_and(|w| w == *k),
            _ => self.shell_page.is_some(),
        }
    }
}

/// The binary the start-up script loads for `route`: the widget's own for a
/// widget, the shell for everything else.
pub fn binary_for(route: &Route) -> &'static str {
    match route {
        Route::Widget(k) => k.slug,
        _ => SHELL_BINARY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widgets::CATALOGUE;

    /// The shell's bundle, with stand-ins for its pages.
    const SHELL: Bundle = Bundle {
        widget: None,
        render: |_| ().into_any(),
        shell_page: Some(|_| ().into_any()),
    };

    fn bundles() -> Vec<Bundle> {
        let mut all = vec![SHELL];
        all.extend(CATALOGUE.iter().map(|e| Bundle {
            widget: Some(e),
            render: SHELL.render,
            shell_page: None,
        }));
        all
    }

    #[test]
    fn each_route_loads_the_binary_that_carries_it() {
        let mut routes = vec![
            Route::Gallery,
            Route::CrashTest,
            Route::NotFound("zzz".into()),
        ];
        routes.extend(CATALOGUE.iter().map(|e| Route::Widget(e)));
        for route in &routes {
            let name = binary_for(route);
            let bundle = bundles().into_iter().find(|b| b.name() == name);
            assert!(
                bundle.is_some_and(|b| b.carries(route)),
                "{route:?} loads {name}"
            );
        }
    }

    #[test]
    fn routes_map_to_binaries() {
        let of = |q: &str| binary_for(&Route::from_query(&Query::parse(q)));
        assert_eq!(of(""), "dials");
        assert_eq!(of("?view="), "dials");
        assert_eq!(of("?view=ring&nodes=3"), "ring");
        assert_eq!(of("?view=quorum"), "quorum");
        assert_eq!(of("?view=cache"), "cache");
        assert_eq!(of("?view=rate-limit"), "rate-limit");
        assert_eq!(of("?view=cells&beat=2"), "cells");
        assert_eq!(of("?view=crash-test"), "dials");
        assert_eq!(of("?view=nope"), "dials");
    }

    #[test]
    fn a_widget_binary_carries_its_widget_only() {
        let ring = bundles()
            .into_iter()
            .find(|b| b.name() == "ring")
            .expect("a ring binary");
        assert!(!ring.carries(&Route::Gallery));
        assert!(!ring.carries(&Route::NotFound("x".into())));
        let entry = |slug: &str| {
            *CATALOGUE
                .iter()
                .find(|e| e.slug == slug)
                .expect("catalogued")
        };
        assert!(ring.carries(&Route::Widget(entry("ring"))));
        assert!(!ring.carries(&Route::Widget(entry("quorum"))));
        assert!(!SHELL.carries(&Route::Widget(entry("ring"))));
    }
}
