//! Reading a file the reader chose in an `<input type="file">`, bounded.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Reads the first file chosen in the input behind `ev` as text, at most
/// `max_bytes` plus one (so a parser can tell it was cut), and hands the text
/// to `done`. Nothing happens when no file was chosen or it cannot be read.
pub fn read_chosen_text(
    ev: &web_sys::Event,
    max_bytes: usize,
    done: impl FnOnce(String) + 'static,
) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    let Ok(reader) = web_sys::FileReader::new() else {
        return;
    };
    let Ok(blob) = file.slice_with_f64_and_f64(0.0, max_bytes as f64 + 1.0) else {
        return;
    };
    let r2 = reader.clone();
    // why: the callback runs once, when the file is read; handed to the JS
    // side, it is freed when it runs.
    let onload = Closure::once_into_js(move || {
        done(
            r2.result()
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default(),
        )
    });
    reader.set_onload(Some(onload.unchecked_ref()));
    let _ = reader.read_as_text(&blob);
}
