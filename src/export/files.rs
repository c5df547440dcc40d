//! Makes the files [`crate::export`] offers and hands them to the
//! browser as downloads: an SVG copied from the page with its styles written
//! in, a painted figure as SVG, PNGs at a chosen scale, and text.

use crate::draw::pen::{CanvasPen, SvgPen};
use crate::export::registry::{file_name, Figure, Picture};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What an export did: the file's name and size, or why it failed.
pub type Outcome = Result<(String, usize), String>;

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Computed properties written into an exported SVG element, with the value
/// that needs no writing (the initial one).
const PAINT: &[(&str, &str)] = &[
    ("fill", ""),
    ("fill-opacity", "1"),
    ("fill-rule", "nonzero"),
    ("stroke", "none"),
    ("stroke-width", "1px"),
    ("stroke-opacity", "1"),
    ("stroke-dasharray", "none"),
    ("stroke-dashoffset", "0px"),
    ("stroke-linecap", "butt"),
    ("stroke-linejoin", "miter"),
    ("opacity", "1"),
    ("visibility", "visible"),
    ("display", "inline"),
];

/// Text properties, written only on text and groups.
const TEXT: &[(&str, &str)] = &[
    ("font-family", ""),
    ("font-size", ""),
    ("font-weight", "400"),
    ("font-style", "normal"),
    ("text-anchor", "start"),
    ("dominant-baseline", "auto"),
    ("letter-spacing", "normal"),
    ("text-decoration-line", "none"),
];

fn document() -> Result<web_sys::Document, String> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "no document".to_owned())
}

/// The element's size on the page in CSS pixels.
fn css_size(id: &str) -> Result<(web_sys::Element, f64, f64), String> {
    let el = document()?
        .get_element_by_id(id)
        .ok_or_else(|| format!("{id} is not on the page"))?;
    let r = el.get_bounding_client_rect();
    let (w, h) = (r.width().round(), r.height().round());
    if w < 1.0 || h < 1.0 {
        return Err(format!("{id} is not visible"));
    }
    Ok((el, w, h))
}

/// A figure as an SVG document and its size in CSS pixels.
pub fn svg_text(fig: &Figure) -> Result<(String, f64, f64), String> {
    match &fig.source {
        Picture::Svg => svg_of_element(&fig.id),
        Picture::Painted { paint, height } => {
            let (_, w, mut h) = css_size(&fig.id)?;
            if let Some(height) = height {
                h = height(w).ceil().max(1.0);
            }
            let mut pen = SvgPen::new(w, h);
            paint(&mut pen, w, h, 1.0);
            Ok((pen.finish(), w, h))
        }
    }
}

/// Saves a figure as SVG.
pub fn save_svg(fig: &Figure) -> Outcome {
    let (svg, _, _) = svg_text(fig)?;
    save_text(&file_name(&fig.id, ".svg"), "image/svg+xml", &svg)
}

/// Saves a figure as PNG at `scale` device pixels per CSS pixel; `done` hears
/// how it went (a copied SVG is rasterised by the browser, which takes a task).
pub fn save_png(fig: &Figure, scale: f64, done: Callback<Outcome>) {
    let suffix = if scale == 1.0 {
        ".png".to_owned()
    } else {
        format!("@{scale}x.png")
    };
    let name = file_name(&fig.id, &suffix);
    match &fig.source {
        Picture::Painted { paint, height } => {
            let run = || -> Result<web_sys::HtmlCanvasElement, String> {
                let (_, w, mut h) = css_size(&fig.id)?;
                if let Some(height) = height {
                    h = height(w).ceil().max(1.0);
                }
                let canvas = new_canvas(w * scale, h * scale)?;
                let mut pen = CanvasPen::new(&canvas)?;
                paint(&mut pen, w * scale, h * scale, scale);
                Ok(canvas)
            };
            match run() {
                Ok(canvas) => save_canvas(&canvas, name, done),
                Err(e) => done.run(Err(e)),
            }
        }
        Picture::Svg => match svg_of_element(&fig.id) {
            Ok((svg, w, h)) => rasterise(svg, w, h, scale, name, done),
            Err(e) => done.run(Err(e)),
        },
    }
}

/// Saves text as a file.
pub fn save_text(name: &str, mime: &str, text: &str) -> Outcome {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag)
        .map_err(|_| "the browser refused the file".to_owned())?;
    save_blob(name, &blob)
}

/// Hands a blob to the browser as a download named `name`.
fn save_blob(name: &str, blob: &web_sys::Blob) -> Outcome {
    let doc = document()?;
    let url = web_sys::Url::create_object_url_with_blob(blob)
        .map_err(|_| "the browser refused the file".to_owned())?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|_| "no link")?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The download has started from the URL by the time this runs.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok((name.to_owned(), blob.size() as usize))
}

fn new_canvas(w: f64, h: f64) -> Result<web_sys::HtmlCanvasElement, String> {
    // why: a browser canvas fails past about 16k pixels a side or 268M pixels.
    if w > 16_000.0 || h > 16_000.0 || w * h > 120e6 {
        return Err("the picture would be too large".to_owned());
    }
    let canvas: web_sys::HtmlCanvasElement = document()?
        .create_element("canvas")
        .map_err(|_| "no canvas")?
        .unchecked_into();
    canvas.set_width(w.round() as u32);
    canvas.set_height(h.round() as u32);
    Ok(canvas)
}

fn save_canvas(canvas: &web_sys::HtmlCanvasElement, name: String, done: Callback<Outcome>) {
    let cb = Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
        done.run(match blob {
            Some(b) => save_blob(&name, &b),
            None => Err("the browser could not encode the PNG".to_owned()),
        });
    });
    if canvas
        .to_blob_with_type(cb.unchecked_ref(), "image/png")
        .is_err()
    {
        done.run(Err("the browser could not encode the PNG".to_owned()));
    }
}

/// Draws an SVG document into a canvas `scale` times its size, then saves it.
fn rasterise(svg: String, w: f64, h: f64, scale: f64, name: String, done: Callback<Outcome>) {
    let run = || -> Result<(), String> {
        let canvas = new_canvas(w * scale, h * scale)?;
        let img = web_sys::HtmlImageElement::new().map_err(|_| "no image")?;
        let (cw, ch) = (f64::from(canvas.width()), f64::from(canvas.height()));
        let shown = img.clone();
        let onload = Closure::once_into_js(move || {
            let drawn = canvas
                .get_context("2d")
                .ok()
                .flatten()
                .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
                .and_then(|ctx| {
                    ctx.draw_image_with_html_image_element_and_dw_and_dh(&shown, 0.0, 0.0, cw, ch)
                        .ok()
                });
            match drawn {
                Some(()) => save_canvas(&canvas, name, done),
                None => done.run(Err("the browser could not draw the SVG".to_owned())),
            }
        });
        let onerror = Closure::once_into_js(move || {
            done.run(Err("the browser could not read the SVG".to_owned()));
        });
        img.set_onload(Some(onload.unchecked_ref()));
        img.set_onerror(Some(onerror.unchecked_ref()));
        let url = format!(
            "data:image/svg+xml;charset=utf-8,{}",
            String::from(js_sys::encode_uri_component(&svg))
        );
        img.set_src(&url);
        Ok(())
    };
    if let Err(e) = run() {
        done.run(Err(e));
    }
}

/// A copy of the page's `<svg id=…>` that looks the same on its own: every
/// element's computed paint and text styles written in as attributes, the
/// page's background behind it, classes and style sheets left out.
pub fn svg_of_element(id: &str) -> Result<(String, f64, f64), String> {
    let (el, w, h) = css_size(id)?;
    let win = web_sys::window().ok_or("no window")?;
    let copy: web_sys::Element = el
        .clone_node_with_deep(true)
        .map_err(|_| "could not copy the diagram")?
        .unchecked_into();
    let all = |e: &web_sys::Element| {
        e.query_selector_all("*")
            .map_err(|_| "no elements".to_owned())
    };
    let (from, to) = (all(&el)?, all(&copy)?);
    write_styles(&win, &el, &copy)?;
    for i in 0..from.length().min(to.length()) {
        if let (Some(a), Some(b)) = (from.item(i), to.item(i)) {
            write_styles(&win, a.unchecked_ref(), b.unchecked_ref())?;
        }
    }
    // Style sheets inside the diagram are now written into its elements.
    let sheets = copy
        .query_selector_all("style")
        .map_err(|_| "no elements")?;
    for i in 0..sheets.length() {
        if let Some(s) = sheets.item(i) {
            let s: web_sys::Element = s.unchecked_into();
            s.remove();
        }
    }
    let _ = copy.set_attribute("width", &crate::decimal::shortest(w));
    let _ = copy.set_attribute("height", &crate::decimal::shortest(h));
    let bg = document()?
        .create_element_ns(Some(SVG_NS), "rect")
        .map_err(|_| "no rect")?;
    for (k, v) in [
        ("x", "-50%"),
        ("y", "-50%"),
        ("width", "200%"),
        ("height", "200%"),
    ] {
        let _ = bg.set_attribute(k, v);
    }
    let _ = bg.set_attribute("fill", &background(&win, &el));
    let _ = copy.prepend_with_node_1(&bg);
    let text = web_sys::XmlSerializer::new()
        .and_then(|s| s.serialize_to_string(&copy))
        .map_err(|_| "could not write the SVG")?;
    Ok((
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}"),
        w,
        h,
    ))
}

fn write_styles(
    win: &web_sys::Window,
    from: &web_sys::Element,
    to: &web_sys::Element,
) -> Result<(), String> {
    let cs = win
        .get_computed_style(from)
        .ok()
        .flatten()
        .ok_or("no computed style")?;
    let tag = from.tag_name().to_ascii_lowercase();
    let texty = matches!(tag.as_str(), "svg" | "g" | "text" | "tspan");
    let mut style = String::new();
    let props = PAINT.iter().chain(if texty { TEXT } else { &[] });
    for (name, initial) in props {
        let v = cs.get_property_value(name).unwrap_or_default();
        if v.is_empty() || v == *initial {
            continue;
        }
        style.push_str(name);
        style.push(':');
        style.push_str(&v);
        style.push(';');
    }
    let _ = to.remove_attribute("class");
    let _ = to.set_attribute("style", &style);
    Ok(())
}

/// The colour the diagram is seen on: the first opaque background around it.
fn background(win: &web_sys::Window, el: &web_sys::Element) -> String {
    let mut at = Some(el.clone());
    while let Some(e) = at {
        if let Some(cs) = win.get_computed_style(&e).ok().flatten() {
            let v = cs
                .get_property_value("background-color")
                .unwrap_or_default();
            if !v.is_empty() && v != "transparent" && v != "rgba(0, 0, 0, 0)" {
                return v;
            }
        }
        at = e.parent_element();
    }
    "#ffffff".to_owned()
}
