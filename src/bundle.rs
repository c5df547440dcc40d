//! Which binary carries which page.
//!
//! The app is built as several WebAssembly binaries from this one library, so
//! a page downloads only the code it shows: `dials` (`src/main.rs`) is the
//! shell alone (header, gallery, 404), and each widget has a binary named like
//! its slug (`src/bin/ring.rs`, `src/bin/quorum.rs`, …) that is the shell's
//! frame plus that widget. A binary names its widget's component and no other, so the
//! linker leaves the other widgets out.
//!
//! The shell's own pages (gallery, 404, …) are in the shell binary only, and
//! the panels under a widget (share, export) in the widget binaries only: a
//! `Bundle` names them, so the linker leaves each out where it is not named.
//!
//! The start-up script (`loader.js`, written at build time by
//! `scripts/csp_loader.py`) picks the binary from the `view` parameter by the
//! same rule as [`binary_for`]. A page the running binary does not carry (a
//! link to the gallery from a widget, a back button into another widget's
//! address) is loaded afresh, so the script picks again.

use crate::app::{shell_page, widget_panels, App, Route};
use crate::embed::query::Query;
use crate::talk::tour::Beat;
use crate::widgets::WidgetKind;
use leptos::prelude::*;

/// The binary that is the shell alone.
pub const SHELL_BINARY: &str = "dials";

/// What one binary carries: the shell always, and at most one widget.
#[derive(Clone, Copy, Debug)]
pub struct Bundle {
    /// The widget this binary shows; `None` for the shell alone.
    pub widget: Option<WidgetKind>,
    /// Builds that widget's page from its query (tour beat already filled in).
    pub render: fn(Query) -> AnyView,
    /// That widget's tour (a binary holds no other widget's tour text).
    pub tour: &'static [Beat],
    /// The shell's pages (gallery, 404, …); `None` in a widget binary, which
    /// loads the shell's binary for them.
    pub shell_page: Option<fn(Route) -> AnyView>,
    /// What goes under the widget: the share and export panels.
    pub panels: fn() -> AnyView,
}

impl Bundle {
    /// The shell alone: gallery, 404 and the crash test, no widget.
    pub const SHELL: Bundle = Bundle {
        widget: None,
        render: |_| ().into_any(),
        tour: &[],
        shell_page: Some(shell_page),
        panels: || ().into_any(),
    };

    /// The shell and one widget, drawn by `render`, with its tour.
    pub fn with(widget: WidgetKind, tour: &'static [Beat], render: fn(Query) -> AnyView) -> Bundle {
        Bundle {
            widget: Some(widget),
            render,
            tour,
            shell_page: None,
            panels: widget_panels,
        }
    }

    /// The binary's name, which is also the name of its files in the build.
    pub fn name(&self) -> &'static str {
        self.widget.map_or(SHELL_BINARY, WidgetKind::slug)
    }

    /// Whether this binary can show `route` without loading another: a widget
    /// binary its widget's page, the shell binary every other page.
    pub fn carries(&self, route: &Route) -> bool {
        match route {
            Route::Widget(k) => self.widget == Some(*k),
            _ => self.shell_page.is_some(),
        }
    }
}

/// The binary the start-up script loads for `route`: the widget's own for a
/// widget that is built, the shell for everything else.
pub fn binary_for(route: &Route) -> &'static str {
    match route {
        Route::Widget(k) => k.slug(),
        _ => SHELL_BINARY,
    }
}

/// Starts the app with what this binary carries: installs the crash panel and
/// mounts the shell.
pub fn start(bundle: Bundle) {
    crate::embed::panic_panel::install();
    crate::embed::location::note_start();
    leptos::mount::mount_to_body(move || view! { <App bundle=bundle/> });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundles() -> Vec<Bundle> {
        let mut all = vec![Bundle::SHELL];
        all.extend(
            WidgetKind::ALL
                .into_iter()
                .map(|k| Bundle::with(k, crate::talk::tour::tour(k), Bundle::SHELL.render)),
        );
        all
    }

    #[test]
    fn each_route_loads_the_binary_that_carries_it() {
        let mut routes = vec![
            Route::Gallery,
            Route::CrashTest,
            Route::NotFound("zzz".into()),
        ];
        routes.extend(WidgetKind::ALL.into_iter().map(Route::Widget));
        routes.extend(WidgetKind::ALL.into_iter().map(Route::Coming));
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
        let ring = Bundle::with(
            WidgetKind::HashRing,
            crate::talk::tours::RING,
            Bundle::SHELL.render,
        );
        assert!(!ring.carries(&Route::Gallery));
        assert!(!ring.carries(&Route::NotFound("x".into())));
        assert!(ring.carries(&Route::Widget(WidgetKind::HashRing)));
        assert!(!ring.carries(&Route::Widget(WidgetKind::Quorum)));
        assert!(!Bundle::SHELL.carries(&Route::Widget(WidgetKind::HashRing)));
    }

    /// The build follows the naming rule: every widget has a binary named like
    /// its slug, and index.html asks Trunk to build it.
    #[test]
    fn every_widget_has_its_binary_in_the_build() {
        let root = env!("CARGO_MANIFEST_DIR");
        let index = std::fs::read_to_string(format!("{root}/index.html")).unwrap_or_default();
        for k in WidgetKind::ALL {
            let slug = k.slug();
            let source = format!("{root}/src/bin/{slug}.rs");
            let code = std::fs::read_to_string(&source).unwrap_or_default();
            assert!(
                code.contains(&format!("WidgetKind::{k:?}")),
                "{source} should start the {k:?} widget"
            );
            for other in WidgetKind::ALL.into_iter().filter(|o| *o != k) {
                assert!(
                    !code.contains(&format!("WidgetKind::{other:?}")),
                    "{source} names {other:?} too"
                );
            }
            assert!(
                index.contains(&format!("data-bin=\"{slug}\"")),
                "index.html has no Trunk link for the {slug} binary"
            );
        }
    }
}
