//! The ring on screen: the painted canvas under the SVG of markers, moved
//! keys and the preference list, and a legend of the marks it shows.

use super::layout::RingView;
use super::paint::{square, Emphasis, RingColours};
use crate::draw::pen::CanvasPen;
use crate::ui::canvas::redraw_on_change;
use leptos::html::Canvas;
use leptos::prelude::*;
use std::sync::Arc;

/// What the canvas shows.
#[derive(Clone, Debug, PartialEq)]
pub struct RingPaint {
    /// The drawing.
    pub view: Arc<RingView>,
    /// What stands out.
    pub emphasis: Emphasis,
    /// Dark theme.
    pub dark: bool,
}

/// Paints the canvas part of the ring, sized to the canvas's CSS box.
fn draw_ring(canvas: web_sys::HtmlCanvasElement, d: &RingPaint) -> Result<(), String> {
    let mut pen = CanvasPen::new(&canvas)?;
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    pen.clear(w, h);
    d.view
        .paint_base(&mut pen, square(w, h), &d.emphasis, RingColours::of(d.dark));
    Ok(())
}

/// The node id of the marker an event happened on, if any.
fn marker_of(ev: &web_sys::Event) -> Option<u32> {
    use wasm_bindgen::JsCast;
    let el: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let g = el.closest("g.marker").ok().flatten()?;
    g.get_attribute("data-node")?.parse().ok()
}

/// The ring drawing. Hovering or clicking a marker reports the node. The
/// markers' markup is set as one string and events are delegated to the `<svg>`.
#[component]
pub fn RingFigure(
    /// What to draw.
    #[prop(into)]
    view: Signal<Arc<RingView>>,
    /// What the canvas emphasises.
    #[prop(into)]
    emphasis: Signal<Emphasis>,
    /// The node whose marker is ringed (hovered or selected), if any.
    #[prop(into)]
    ringed: Signal<Option<u32>>,
    /// Dark theme.
    #[prop(into)]
    dark: Signal<bool>,
    /// Called with a node id when its marker is clicked.
    on_select: Callback<u32>,
    /// Called with the hovered node (or `None` when the pointer leaves).
    on_hover: Callback<Option<u32>>,
    /// Changes whenever the moved keys should travel again.
    #[prop(into)]
    animation_key: Signal<String>,
    /// Accessible summary of the drawing.
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    crate::export::register_figure(
        "ring-svg",
        "The ring",
        crate::export::Picture::Painted {
            paint: Arc::new(move |pen, w, h, _ratio| {
                let colours = RingColours::of(dark.get_untracked());
                pen.set_fill(colours.bg);
                pen.fill_rect(0.0, 0.0, w, h);
                let v = view.get_untracked();
                v.paint_base(pen, square(w, h), &Emphasis::default(), colours);
                v.paint_overlay(pen, square(w, h), colours);
            }),
            height: None,
        },
    );
    let canvas = NodeRef::<Canvas>::new();
    let paint = Memo::new(move |_| RingPaint {
        view: view.get(),
        emphasis: emphasis.get(),
        dark: dark.get(),
    });
    redraw_on_change(canvas, paint.into(), draw_ring);
    // Reading the animation key makes the markup be set again (even when equal),
    // which starts the moved keys' journey again. The markers and the walk are
    // a layer of their own, so changing them leaves the journey alone.
    let moved = Memo::new(move |_| {
        let _ = animation_key.get();
        view.with(|v| v.moved_markup())
    });
    let marks = Memo::new(move |_| view.with(|v| v.marks_markup()));
    // The marker's ring is one generated style rule, not a binding per node.
    let marker_rule = move || {
        ringed.get().map_or_else(String::new, |id| {
            format!(
                "svg.ring .marker[data-node=\"{id}\"] circle{{stroke:var(--fg);stroke-width:3}}"
            )
        })
    };
    // With the sliders hidden, a click on a node selects nothing (hovering
    // still shows its arcs).
    let inert = crate::kit::hides(crate::embed::options::Part::Sliders);
    view! {
        <style>{marker_rule}</style>
        <div class="ring-figure">
            <canvas class="ring-canvas" node_ref=canvas aria-hidden="true"></canvas>
            <svg
                class="ring"
                id="ring-svg"
                viewBox="0 0 400 400"
                role="img"
                aria-label=label
                on:click=move |ev| {
                    if inert {
                        return;
                    }
                    if let Some(id) = marker_of(&ev) {
                        on_select.run(id);
                    }
                }
                on:mouseover=move |ev| on_hover.run(marker_of(&ev))
                on:mouseleave=move |_| on_hover.run(None)
            >
                <g class="moved-layer" inner_html=moved></g>
                <g class="marks-layer" inner_html=marks></g>
            </svg>
        </div>
    }
}

/// The legend beside the ring: the marks the drawing shows now.
#[component]
pub fn RingLegend(
    /// What the ring draws.
    #[prop(into)]
    view: Signal<Arc<RingView>>,
) -> impl IntoView {
    move || legend(&view.get())
}

/// The marks the drawing shows, each with a small sample of itself.
fn legend(v: &RingView) -> impl IntoView {
    let moved = v.has_moves().then(|| {
        view! {
            <li data-sign="moved"><svg viewBox="0 0 16 16" aria-hidden="true"><circle class="swatch-halo" cx="8" cy="8" r="6"></circle><circle class="swatch-dot" cx="8" cy="8" r="3"></circle></svg>
                "a key the last change moved: the ring is its old owner's colour, the fill its new owner's"</li>
        }
    });
    let gone = (!v.gone.is_empty()).then(|| {
        view! {
            <li data-sign="gone"><svg viewBox="0 0 16 16" aria-hidden="true"><circle class="swatch-ghost" cx="8" cy="8" r="6"></circle></svg>
                "a node the change removed"</li>
        }
    });
    let walk = v.preference.as_ref().map(|p| {
        let key = format!("key-{}", p.index);
        view! {
            <li data-sign="key"><svg viewBox="0 0 16 16" aria-hidden="true"><circle class="swatch-key" cx="8" cy="8" r="4"></circle></svg>
                {key.clone()}", the chosen key"</li>
            <li data-sign="walk"><svg viewBox="0 0 16 16" aria-hidden="true"><path class="swatch-walk" d="M1 8h14"></path></svg>
                "its walk clockwise to its replicas R1, R2…"</li>
        }
    });
    view! {
        <ul class="ring-legend" data-legend-for="ring" aria-label="What the marks mean">
            <li data-sign="nodes"><svg viewBox="0 0 16 16" aria-hidden="true"><circle class="swatch-node" cx="8" cy="8" r="6"></circle></svg>
                "a node, the arc it owns in its colour, and its keys as dots"</li>
            {moved}
            {gone}
            {walk}
        </ul>
    }
}
