//! The catalogue of widgets, and one folder per widget, named like the
//! simulation module it explains.
//!
//! A widget is its folder (a type implementing [`crate::kit::Widget`] in its
//! `mod.rs`), its line in [`CATALOGUE`] and its binary in `src/bin/`; the test
//! below fails when one of those is missing (see "Adding a widget" in
//! `docs/architecture.md`).

pub mod cache;
pub mod cells;
pub mod queue;
pub mod quorum;
pub mod rate_limit;
pub mod ring;

use crate::kit::Entry;

/// Every widget, in the order the gallery suggests to a newcomer: the first
/// two on a single server, then data spread over many, copies kept in step,
/// failures kept apart, and requests queued and balanced across servers.
pub const CATALOGUE: &[&Entry] = &[
    &cache::ENTRY,
    &rate_limit::ENTRY,
    &ring::ENTRY,
    &quorum::ENTRY,
    &cells::ENTRY,
    &queue::ENTRY,
];

/// The checks every widget's own tests run: the kit's (scenes, claims,
/// presets, parameters) and that its type is the catalogue's entry.
#[cfg(test)]
pub fn check<W: crate::kit::Widget>() {
    assert!(
        CATALOGUE.iter().any(|e| std::ptr::eq(*e, W::ENTRY)),
        "{} is not in the catalogue",
        W::ENTRY.slug
    );
    crate::kit::checks::params::<W>();
    crate::kit::checks::scenes_and_presets::<W>();
    crate::kit::article::checks::article::<W>();
    assert_eq!(
        W::ENTRY.article,
        !W::ARTICLE.is_empty(),
        "{}: the catalogue's article flag",
        W::ENTRY.slug
    );
    // The URL docs list the scenes' names, in tour order.
    let docs = std::fs::read_to_string(format!(
        "{}/docs/url-parameters.md",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_default();
    let names: Vec<String> = W::SCENES.iter().map(|s| format!("`{}`", s.name)).collect();
    let row = format!("| `{}` | {} |", W::ENTRY.slug, names.join(", "));
    assert!(
        docs.contains(&row),
        "docs/url-parameters.md should have the row {row}"
    );
    check_preview::<W>();
    check_scene_previews::<W>();
    check_article_text::<W>();
}

/// The gallery card's picture is the widget's preview of its opening scene
/// (the tour's first), kept in `assets/previews/<slug>.svg`: small, and equal
/// to what the widget paints now. `DIALS_PREVIEWS=write cargo test -p dials --lib
/// widgets` writes the files afresh.
#[cfg(test)]
fn check_preview<W: crate::kit::Widget>() {
    let slug = W::ENTRY.slug;
    let opening = W::SCENES[0].query;
    let (state, notices) = crate::kit::read_state::<W>(&crate::embed::query::Query::parse(opening));
    assert!(
        notices.is_empty(),
        "{slug}: the opening scene reads with notices"
    );
    let svg = W::preview(&state);
    assert!(
        svg.starts_with("<svg") && svg.ends_with("</svg>"),
        "{slug}: the preview is not an SVG document"
    );
    assert!(
        svg.len() <= PREVIEW_BYTES,
        "{slug}: the preview takes {} bytes, more than {PREVIEW_BYTES}",
        svg.len()
    );
    let path = format!("{}/assets/previews/{slug}.svg", env!("CARGO_MANIFEST_DIR"));
    if std::env::var("DIALS_PREVIEWS").as_deref() == Ok("write") {
        std::fs::write(&path, &svg).expect("writing the preview");
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == svg,
        "{path} differs from what {slug} paints: run DIALS_PREVIEWS=write cargo test -p dials --lib widgets"
    );
}

/// Every scene's preview and words, kept in `assets/previews/<slug>/`: an
/// SVG per scene (`<scene>.svg`, painted by [`crate::kit::Widget::preview`]
/// at the scene's state) and `scenes.tsv`, tab-separated: first the widget's
/// own line (no name, its title and blurb), then one line per scene in tour
/// order (its name, its title and its caption at its own state). The
/// build turns these into each scene's link preview and the text shown
/// without JavaScript, and the embed script into a scene's placeholder.
/// `DIALS_PREVIEWS=write cargo test -p dials --lib widgets` writes them afresh.
#[cfg(test)]
fn check_scene_previews<W: crate::kit::Widget>() {
    use crate::embed::query::Query;
    use crate::kit::scene::expand;
    let slug = W::ENTRY.slug;
    let dir = format!("{}/assets/previews/{slug}", env!("CARGO_MANIFEST_DIR"));
    let write = std::env::var("DIALS_PREVIEWS").as_deref() == Ok("write");
    if write {
        std::fs::create_dir_all(&dir).expect("making the previews folder");
    }
    let clean = |t: &str| t.replace(['\t', '\n', '\r'], " ");
    let mut table = format!("\t{}\t{}\n", clean(W::ENTRY.title), clean(W::ENTRY.blurb));
    for (i, scene) in W::SCENES.iter().enumerate() {
        let (state, _) =
            crate::kit::read_state::<W>(&expand(W::SCENES, Some(i), Query::parse("?")));
        let svg = W::preview(&state);
        assert!(
            svg.len() <= SCENE_PREVIEW_BYTES,
            "{slug}/{}: the preview takes {} bytes, more than {SCENE_PREVIEW_BYTES}",
            scene.name,
            svg.len()
        );
        let path = format!("{dir}/{}.svg", scene.name);
        if write {
            std::fs::write(&path, &svg).expect("writing a scene preview");
        }
        assert!(
            std::fs::read_to_string(&path).unwrap_or_default() == svg,
            "{path} differs from what {slug} paints: run DIALS_PREVIEWS=write cargo test -p dials --lib widgets"
        );
        let caption = scene.caption(&W::facts(&state)).join(" ");
        table.push_str(&format!(
            "{}\t{}\t{}\n",
            scene.name,
            clean(scene.title),
            clean(&caption)
        ));
    }
    let path = format!("{dir}/scenes.tsv");
    if write {
        std::fs::write(&path, &table).expect("writing the scene list");
    }
    assert!(
        std::fs::read_to_string(&path).unwrap_or_default() == table,
        "{path} differs from the scenes: run DIALS_PREVIEWS=write cargo test -p dials --lib widgets"
    );
    // No file left over from a scene that was renamed or removed.
    let article = (!W::ARTICLE.is_empty()).then(|| "article.tsv".to_owned());
    let names: Vec<String> = W::SCENES
        .iter()
        .map(|s| format!("{}.svg", s.name))
        .chain(["scenes.tsv".to_owned()])
        .chain(article)
        .collect();
    for f in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = f.file_name().to_string_lossy().into_owned();
        assert!(names.contains(&name), "{dir}/{name} belongs to no scene");
    }
}

/// A widget's article as text, kept in `assets/previews/<slug>/article.tsv`
/// for the build to write the article's page for readers without JavaScript
/// and the site's feed. Tab-separated records, one per line: first
/// `article`, the title, the lede and the number of words; then for each
/// passage `passage`, its scene and its heading, a `p` line per paragraph
/// (its `*highlights*` kept), and for a question `ask`, the question, the
/// right choice's index, why, and the choices. Every number is computed at
/// the passage's scene, as on the article's page.
/// `DIALS_PREVIEWS=write cargo test -p dials --lib widgets` writes it afresh.
#[cfg(test)]
fn check_article_text<W: crate::kit::Widget>() {
    if W::ARTICLE.is_empty() {
        return;
    }
    let slug = W::ENTRY.slug;
    let clean = |t: &str| t.replace(['\t', '\n', '\r'], " ");
    let facts = crate::kit::article::passage_facts::<W>();
    let words = crate::kit::article::words(W::ARTICLE, &facts);
    let mut table = format!(
        "article\t{}\t{}\t{words}\n",
        clean(W::ENTRY.title),
        clean(W::LEDE)
    );
    for (p, f) in W::ARTICLE.iter().zip(&facts) {
        table.push_str(&format!("passage\t{}\t{}\n", p.scene, clean(p.heading)));
        for t in p.text(f) {
            table.push_str(&format!("p\t{}\n", clean(&t)));
        }
        if let Some(a) = &p.ask {
            let choices: Vec<String> = a.choices.iter().map(|c| clean(c)).collect();
            table.push_str(&format!(
                "ask\t{}\t{}\t{}\t{}\n",
                clean(&(a.question)(f)),
                (a.answer)(f),
                clean(&(a.why)(f)),
                choices.join("\t")
            ));
        }
    }
    let path = format!(
        "{}/assets/previews/{slug}/article.tsv",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var("DIALS_PREVIEWS").as_deref() == Ok("write") {
        std::fs::write(&path, &table).expect("writing the article's text");
    }
    assert!(
        std::fs::read_to_string(&path).unwrap_or_default() == table,
        "{path} differs from the article: run DIALS_PREVIEWS=write cargo test -p dials --lib widgets"
    );
}

/// The most a preview may weigh, uncompressed.
#[cfg(test)]
const PREVIEW_BYTES: usize = 60_000;

/// The same for a scene's preview, an embed's placeholder (a busy scene's
/// many marks compress to a seventh of this).
#[cfg(test)]
const SCENE_PREVIEW_BYTES: usize = 100_000;

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &str) -> String {
        std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
            .unwrap_or_default()
    }

    /// A widget is registered in every place or in none: its folder (declared
    /// here, with a `Widget` type whose tests run [`check`]), its catalogue
    /// line, its binary (naming it and no other widget), its Trunk link in
    /// index.html and its section in the URL docs.
    #[test]
    fn every_widget_is_registered_everywhere() {
        let root = env!("CARGO_MANIFEST_DIR");
        let this = read("src/widgets/mod.rs");
        let index = read("index.html");
        let docs = read("docs/url-parameters.md");
        let mut folders: Vec<String> = std::fs::read_dir(format!("{root}/src/widgets"))
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        folders.sort();
        let mut slugs: Vec<String> = CATALOGUE.iter().map(|e| e.slug.replace('-', "_")).collect();
        slugs.sort();
        assert_eq!(folders, slugs, "widget folders and catalogue lines differ");
        for e in CATALOGUE {
            let module = e.slug.replace('-', "_");
            assert!(
                this.contains(&format!("pub mod {module};")),
                "{module} not declared"
            );
            assert!(
                this.contains(&format!("&{module}::ENTRY,")),
                "{module} not catalogued"
            );
            let own = read(&format!("src/widgets/{module}/mod.rs"));
            assert!(own.contains("impl Widget for"), "{module}: no Widget type");
            let tests: String = std::fs::read_dir(format!("{root}/src/widgets/{module}"))
                .map(|d| {
                    d.filter_map(Result::ok)
                        .map(|f| std::fs::read_to_string(f.path()).unwrap_or_default())
                        .collect()
                })
                .unwrap_or_default();
            assert!(
                tests.contains("widgets::check::<"),
                "{module}: its tests do not run widgets::check"
            );
            let bin = read(&format!("src/bin/{}.rs", e.slug));
            assert!(
                bin.contains(&format!("widgets::{module}::")),
                "src/bin/{}.rs does not start {module}",
                e.slug
            );
            for other in CATALOGUE.iter().filter(|o| o.slug != e.slug) {
                let o = other.slug.replace('-', "_");
                assert!(
                    !bin.contains(&format!("widgets::{o}::")),
                    "src/bin/{}.rs names {o} too",
                    e.slug
                );
            }
            assert!(
                index.contains(&format!("data-bin=\"{}\"", e.slug)),
                "index.html builds no {} binary",
                e.slug
            );
            assert!(
                docs.contains(&format!("view={}", e.slug)),
                "docs/url-parameters.md has no view={}",
                e.slug
            );
        }
    }

    #[test]
    fn slugs_are_unique() {
        let mut s: Vec<&str> = CATALOGUE.iter().map(|e| e.slug).collect();
        s.sort_unstable();
        s.dedup();
        assert_eq!(s.len(), CATALOGUE.len());
    }
}
