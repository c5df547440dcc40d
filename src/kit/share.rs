//! Share this widget: a link to exactly this view, and an embed snippet for the
//! whole widget or for one scene (its figure, controls and caption only): a
//! `<dials-embed>` element with the script (sized to its content, its
//! picture shown until it is used; a link and the picture for readers
//! without JavaScript), or a plain iframe; and a live preview at a chosen
//! width, whose height the snippets reserve.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The height a snippet reserves before the preview has reported its own, px.
pub const SCENE_HEIGHT: u32 = 560;
/// The same for the whole widget.
const WIDGET_HEIGHT: u32 = 720;

/// The panel.
#[component]
pub fn SharePanel(
    /// The widget's title.
    title: &'static str,
    /// The widget's scenes: name and title.
    scenes: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let width = RwSignal::new(700u32);
    // The height the preview reports, at its width.
    let measured = RwSignal::new(None::<u32>);
    let preview = NodeRef::<leptos::html::Iframe>::new();
    crate::ui::listen::on_window("message", move |ev: web_sys::MessageEvent| {
        let from_preview = preview
            .get_untracked()
            .and_then(|f| f.content_window())
            .is_some_and(|w| ev.source().is_some_and(|s| s.loose_eq(&w)));
        let wire = serde_wasm_bindgen::from_value::<crate::embed::message::Wire>(ev.data()).ok();
        if let (true, Some(h)) = (from_preview, wire.and_then(|w| w.height)) {
            if h.is_finite() && (1.0..100_000.0).contains(&h) {
                measured.set(Some(h.ceil() as u32));
            }
        }
    });
    let titles = StoredValue::new(scenes.clone());
    let scene_title = move |name: &str| {
        titles.with_value(|ts| {
            ts.iter()
                .find(|(n, _)| *n == name)
                .map_or(title, |(_, t)| *t)
        })
    };
    // The scene to embed (its name), or the whole widget ("").
    let chosen = RwSignal::new(String::new());
    let here = move || {
        let _ = open.get();
        web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default()
    };
    let embed_url = move || {
        let h = here();
        chosen.with(|c| embed_address(&h, c))
    };
    // The build's folder, where the script, the pictures and the pages are.
    let dir = move || {
        let h = here();
        let base = h.split('?').next().unwrap_or_default();
        base.rsplit_once('/').map_or(base, |(d, _)| d).to_owned() + "/"
    };
    let height = move || {
        measured.get().unwrap_or(if chosen.with(String::is_empty) {
            WIDGET_HEIGHT
        } else {
            SCENE_HEIGHT
        })
    };
    let element =
        move || chosen.with(|c| element_snippet(&here(), &dir(), c, scene_title(c), height()));
    let plain = move || snippet(&embed_url(), height(), None);
    let card = move || chosen.with(|c| card_address(&here(), &dir(), c));
    view! {
        <details class="panel share" id="share" on:toggle=move |ev| {
            if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                open.set(d.open());
            }
        }>
            <summary><h2>"Share and embed"</h2></summary>
            <Show when=move || open.get()>
                <div class="field wide">
                    <label for="share-link">"Link to exactly this view"</label>
                    <input id="share-link" type="text" readonly prop:value=here/>
                </div>
                <div class="field">
                    <label for="share-scene">"Embed"</label>
                    <select id="share-scene" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <option value="" selected>"The whole widget, as it is now"</option>
                        {scenes.iter().enumerate().map(|(i, (name, title))| view! {
                            <option value=*name>{format!("Scene {}: {title}", i + 1)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field wide">
                    <label for="share-card">"Link with a preview card (for chats and social networks)"</label>
                    <input id="share-card" type="text" readonly prop:value=card/>
                </div>
                <div class="field wide">
                    <label for="share-script">"Embed snippet: sized to its content, its picture shown until it is used"</label>
                    <textarea id="share-script" rows="5" readonly prop:value=element></textarea>
                </div>
                <div class="field wide">
                    <label for="share-iframe">"Without the script (fixed height)"</label>
                    <textarea id="share-iframe" rows="3" readonly prop:value=plain></textarea>
                </div>
                <p class="note">"Add theme, accent, controls, caption, play, fit (for a slide), export or load=\"eager\" to the element (or to the iframe's address); see the embedding guide in the docs."</p>
                <div class="field">
                    <label for="share-width">"Preview width"</label>
                    <select id="share-width" on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<u32>() {
                            width.set(v);
                        }
                    }>
                        <option value="360">"360 px"</option>
                        <option value="640">"640 px"</option>
                        <option value="700" selected>"700 px"</option>
                        <option value="960">"960 px"</option>
                    </select>
                </div>
                <iframe class="share-preview" title="Preview of the embed" src=embed_url data-dials node_ref=preview
                    on:load=move |_| measured.set(None)
                    style=move || format!("width:{}px;max-width:100%;height:{}px", width.get(), height())></iframe>
            </Show>
        </details>
    }
}

/// The embed's address: for a scene, the scene alone (its own state); for the
/// whole widget, this page as it is now.
pub fn embed_address(here: &str, scene: &str) -> String {
    let (base, query) = here.split_once('?').unwrap_or((here, ""));
    let q = crate::embed::query::Query::parse(query);
    if scene.is_empty() {
        let sep = if query.is_empty() { '?' } else { '&' };
        return format!("{here}{sep}embed=1");
    }
    let mut out = crate::embed::query::Query::default();
    out.push("view", q.get("view").unwrap_or_default());
    out.push("scene", scene);
    out.push("embed", "1");
    format!("{base}{}", out.to_query_string())
}

/// The `<dials-embed>` element for the page at `here` (the whole widget in
/// its state when `scene` is empty), and the script from `dir`. Its style
/// holds the embed's height at the preview's width, so the page does not
/// move when the script arrives (the script then sets the height for the
/// width the element has). Inside it, for readers without JavaScript (and
/// feed readers), a link to the widget and the scene's picture.
pub fn element_snippet(here: &str, dir: &str, scene: &str, title: &str, height: u32) -> String {
    let (view, state) = view_and_state(here, &["scene", "beat", "embed", "present"]);
    let (attrs, link, picture) = if scene.is_empty() {
        let state = state.to_query_string();
        let state = state.trim_start_matches('?');
        (
            format!(
                "view=\"{}\" state=\"{}\" height=\"{height}\" style=\"display:block;height:{height}px\"",
                html_attr(&view),
                html_attr(state)
            ),
            if state.is_empty() {
                format!("{dir}?view={view}")
            } else {
                format!("{dir}?view={view}&{state}")
            },
            format!("{dir}previews/{view}.svg"),
        )
    } else {
        (
            format!(
                "scene=\"{}/{}\" style=\"display:block;height:{height}px\"",
                html_attr(&view),
                html_attr(scene)
            ),
            format!("{dir}?view={view}&scene={scene}"),
            format!("{dir}previews/{view}/{scene}.svg"),
        )
    };
    format!(
        "<dials-embed {attrs}><a href=\"{}\"><img src=\"{}\" alt=\"\" width=\"480\"><br>{} (Dials)</a></dials-embed>\n<script src=\"{}embed.js\" defer></script>",
        html_attr(&link),
        html_attr(&picture),
        html_text(title),
        html_attr(dir)
    )
}

/// The page of the widget (in its state) or of a scene, whose link shows a
/// preview card: `ring.html?nodes=9`, `ring.node-joins.html`.
pub fn card_address(here: &str, dir: &str, scene: &str) -> String {
    let (view, state) = view_and_state(here, &["embed"]);
    if scene.is_empty() {
        format!("{dir}{view}.html{}", state.to_query_string())
    } else {
        format!("{dir}{view}.{scene}.html")
    }
}

/// The `view` of the page at `here`, and its other parameters but `drop`.
fn view_and_state(here: &str, drop: &[&str]) -> (String, crate::embed::query::Query) {
    let q = crate::embed::query::Query::parse(here.split_once('?').map_or("", |(_, q)| q));
    let mut state = crate::embed::query::Query::default();
    for (k, v) in q.pairs() {
        if k != "view" && !drop.contains(&k.as_str()) {
            state.push(k, v.clone());
        }
    }
    (q.get("view").unwrap_or_default().to_owned(), state)
}

/// Escapes text between HTML tags.
fn html_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The iframe, and the sizing script when given.
pub fn snippet(src: &str, height: u32, script: Option<&str>) -> String {
    let frame = format!(
        "<iframe src=\"{}\" title=\"Dials\" width=\"100%\" height=\"{height}\" style=\"border:0\" loading=\"lazy\" data-dials></iframe>",
        html_attr(src)
    );
    match script {
        Some(s) => format!("{frame}\n<script src=\"{}\" defer></script>", html_attr(s)),
        None => frame,
    }
}

/// Escapes a value for a double-quoted HTML attribute.
fn html_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scene_embed_carries_the_scene_alone() {
        let here = "https://x.org/dials/?view=ring&nodes=9&scene=a";
        assert_eq!(
            embed_address(here, "node-joins"),
            "https://x.org/dials/?view=ring&scene=node-joins&embed=1"
        );
        assert_eq!(embed_address(here, ""), format!("{here}&embed=1"));
    }

    #[test]
    fn the_element_names_the_scene_or_the_state() {
        let here = "https://x.org/dials/?view=quorum&n=5&r=3&scene=overlap&embed=1";
        let s = element_snippet(here, "https://x.org/dials/", "overlap", "R + W > N", 612);
        assert!(s.starts_with("<dials-embed scene=\"quorum/overlap\" style=\"display:block;height:612px\"><a href=\"https://x.org/dials/?view=quorum&amp;scene=overlap\">"), "{s}");
        assert!(s.contains("<img src=\"https://x.org/dials/previews/quorum/overlap.svg\""));
        assert!(s.contains("R + W &gt; N (Dials)</a></dials-embed>"), "{s}");
        assert!(s.ends_with("<script src=\"https://x.org/dials/embed.js\" defer></script>"));
        let w = element_snippet(here, "https://x.org/dials/", "", "Quorums", 2400);
        assert!(
            w.starts_with("<dials-embed view=\"quorum\" state=\"n=5&amp;r=3\" height=\"2400\" style=\"display:block;height:2400px\">"),
            "{w}"
        );
        assert!(w.contains("previews/quorum.svg"));
    }

    #[test]
    fn a_card_link_names_the_page_of_the_scene_or_widget() {
        let here = "https://x.org/dials/?view=ring&nodes=9";
        assert_eq!(
            card_address(here, "https://x.org/dials/", "node-joins"),
            "https://x.org/dials/ring.node-joins.html"
        );
        assert_eq!(
            card_address(here, "https://x.org/dials/", ""),
            "https://x.org/dials/ring.html?nodes=9"
        );
    }

    #[test]
    fn snippets_escape_the_address() {
        let s = snippet("a?b=1&c=\"x\"", 560, Some("e.js"));
        assert!(s.contains("src=\"a?b=1&amp;c=&quot;x&quot;\""));
        assert!(s.contains("height=\"560\""));
        assert!(s.ends_with("<script src=\"e.js\" defer></script>"));
    }
}
