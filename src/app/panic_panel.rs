//! A crash shows a readable panel instead of a blank or frozen page.

use std::panic;

/// Installs a panic hook that logs to the console and puts an error panel on the
/// page with the message and a way back.
pub fn install() {
    panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let message = info.to_string();
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Ok(panel) = doc.create_element("div") else {
            return;
        };
        panel.set_id("crash");
        let _ = panel.set_attribute("role", "alert");
        panel.set_inner_html(
            "<h2>Something broke</h2><p>This page hit an internal error and stopped. \
             Reloading usually helps; the link below starts afresh.</p><pre></pre>\
             <p><a href=\"?\">Back to the gallery</a></p>",
        );
        if let Ok(Some(pre)) = panel.query_selector("pre") {
            pre.set_text_content(Some(&message));
        }
        if let Some(body) = doc.body() {
            let _ = body.append_child(&panel);
        }
    }));
}
