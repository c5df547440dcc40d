//! Which page a query asks for.
//!
//! Routing lives in the query (`?view=ring&…`), not the path, so every deep link
//! works from any static file server, at the site root or under a sub-path, with
//! no rewrite rules.

use crate::embed::query::Query;
use crate::kit::Entry;
use crate::widgets::CATALOGUE;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_from_queries() {
        assert_eq!(Route::from_query(&Query::parse("")), Route::Gallery);
        assert_eq!(
            Route::from_query(&Query::parse("?view=ring&nodes=3")),
            Route::Widget(&crate::widgets::ring::ENTRY)
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
