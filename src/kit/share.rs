//! Share this widget: a link to exactly this view, and an embed snippet for the
//! whole widget or for one scene (its figure, controls and caption only), with
//! the script that sizes the frame to its content by default, and a live
//! preview at a chosen width.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The height a snippet reserves before the script corrects it, px.
const SCENE_HEIGHT: u32 = 560;
/// The same for the whole widget.
const WIDGET_HEIGHT: u32 = 720;

/// The panel.
#[component]
pub fn SharePanel(
    /// The widget's scenes: name and title.
    scenes: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let width = RwSignal::new(640u32);
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
    let script_url = move || {
        let h = here();
        let base = h.split('?').next().unwrap_or_default();
        let dir = base.rsplit_once('/').map_or(base, |(d, _)| d);
        format!("{dir}/embed.js")
    };
    let height = move || {
        if chosen.with(String::is_empty) {
            WIDGET_HEIGHT
        } else {
            SCENE_HEIGHT
        }
    };
    let with_script = move || snippet(&embed_url(), height(), Some(&script_url()));
    let plain = move || snippet(&embed_url(), height(), None);
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
                    <label for="share-script">"Embed snippet, sized to its content"</label>
                    <textarea id="share-script" rows="4" readonly prop:value=with_script></textarea>
                </div>
                <div class="field wide">
                    <label for="share-iframe">"Without the script (fixed height)"</label>
                    <textarea id="share-iframe" rows="3" readonly prop:value=plain></textarea>
                </div>
                <p class="note">"Add theme=dark, accent=%23RRGGBB, controls=none (or presets,sliders,playback) or caption=… to the embed's address; see the embedding guide in the docs."</p>
                <div class="field">
                    <label for="share-width">"Preview width"</label>
                    <select id="share-width" on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<u32>() {
                            width.set(v);
                        }
                    }>
                        <option value="360">"360 px"</option>
                        <option value="640" selected>"640 px"</option>
                        <option value="700">"700 px"</option>
                        <option value="960">"960 px"</option>
                    </select>
                </div>
                <iframe class="share-preview" title="Preview of the embed" src=embed_url data-dials
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
    fn snippets_escape_the_address() {
        let s = snippet("a?b=1&c=\"x\"", 560, Some("e.js"));
        assert!(s.contains("src=\"a?b=1&amp;c=&quot;x&quot;\""));
        assert!(s.contains("height=\"560\""));
        assert!(s.ends_with("<script src=\"e.js\" defer></script>"));
    }
}
