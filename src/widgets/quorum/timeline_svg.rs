//! A message-sequence timeline: one lane for the coordinator and one per
//! replica, messages as lines between lanes, drawn up to a playhead so messages
//! visibly travel as it moves. Built from plain data, at the size of its box
//! (one unit a CSS pixel), so its text keeps its size on a phone and its lanes
//! spread out on a slide; the labels on the time axis never overlap or leave
//! the drawing. Where things go, and the drawing's markup, are in
//! [`super::timeline_layout`].

use super::timeline_layout::{lanes_markup, moving_markup, Geometry};
use crate::ui::listen::on_resize;
use leptos::html::Div;
use leptos::prelude::*;

/// What kind of message a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageKind {
    /// The write, coordinator → replica.
    Write,
    /// Its acknowledgement.
    Ack,
    /// A read request.
    Read,
    /// A read response.
    Response,
    /// A read repair.
    Repair,
}

impl MessageKind {
    /// The line's classes.
    pub fn class(self) -> &'static str {
        match self {
            MessageKind::Write => "msg write",
            MessageKind::Ack => "msg ack",
            MessageKind::Read => "msg read",
            MessageKind::Response => "msg response",
            MessageKind::Repair => "msg repair",
        }
    }
}

/// One message.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Message {
    /// Lane it leaves (0 = coordinator, i+1 = replica i).
    pub from: u32,
    /// Lane it reaches.
    pub to: u32,
    /// Send time.
    pub t0: f64,
    /// Arrival time.
    pub t1: f64,
    /// Kind.
    pub kind: MessageKind,
    /// For responses: whether it carried the new version.
    pub new_version: bool,
    /// Part of why the read came back stale: an old answer it used, or the
    /// write that reached that replica too late.
    pub key: bool,
}

/// Everything the timeline shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineView {
    /// Right edge of the time axis.
    pub end: f64,
    /// Replicas (lanes besides the coordinator's).
    pub replicas: u32,
    /// Messages.
    pub messages: Vec<Message>,
    /// Per replica: when it holds the new version, if ever.
    pub applied: Vec<Option<f64>>,
    /// Crashed replicas.
    pub failed: Vec<u32>,
    /// Labelled moments on the coordinator lane (commit, read returned).
    pub marks: Vec<(f64, String)>,
}

/// The timeline, drawn up to `playhead`.
#[component]
pub fn TimelineSvg(
    /// What to draw.
    #[prop(into)]
    view: Signal<TimelineView>,
    /// The current time.
    #[prop(into)]
    playhead: Signal<f64>,
    /// Whether a scene points at the stale answer (the rest fades).
    #[prop(into)]
    marking: Signal<bool>,
) -> impl IntoView {
    crate::export::register_figure(
        "timeline-svg",
        "Timeline of a write and a read",
        crate::export::Picture::Svg,
    );
    let holder = NodeRef::<Div>::new();
    let size = RwSignal::new((600.0f64, 0.0f64, 16.0f64));
    Effect::new(move |_| {
        if let Some(el) = holder.get() {
            let el2 = el.clone();
            let measure = move || {
                let r = el2.get_bounding_client_rect();
                // The box sets the height only where the style sheet says so
                // (a slide, an embed); elsewhere the lanes do.
                let fills = web_sys::window()
                    .and_then(|w| w.get_computed_style(&el2).ok().flatten())
                    .and_then(|cs| cs.get_property_value("--timeline-fill").ok())
                    .is_some_and(|v| v.trim() == "1");
                let rem = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.document_element())
                    .and_then(|h| web_sys::window()?.get_computed_style(&h).ok().flatten())
                    .and_then(|cs| cs.get_property_value("font-size").ok())
                    .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok())
                    .unwrap_or(16.0);
                let next = (
                    r.width().round(),
                    if fills { r.height().round() } else { 0.0 },
                    rem,
                );
                if size.get_untracked() != next {
                    size.set(next);
                }
            };
            measure();
            on_resize(&el, measure);
        }
    });
    let geometry = Memo::new(move |_| {
        let (w, h, rem) = size.get();
        Geometry::of(w, h, view.with(|v| v.replicas) + 1, rem)
    });
    // Two layers written as text, each set whole: the lanes change with the
    // setting and the size; the messages, the new-value bars and the labels
    // with the playhead too. Elements patched one by one cost several times more.
    let lanes = move || view.with(|v| lanes_markup(v, &geometry.get()));
    let moving = move || {
        let now = playhead.get();
        view.with(|v| moving_markup(v, &geometry.get(), now))
    };
    let head = move || {
        let g = geometry.get();
        g.x_of(playhead.get(), view.with(|v| v.end))
    };
    view! {
        <div class="timeline-box" node_ref=holder>
            <svg class="timeline" class:marking=marking id="timeline-svg" role="img"
                viewBox=move || geometry.with(|g| format!("0 0 {} {}", g.width, g.height))
                height=move || geometry.with(|g| g.height)
                aria-label="Timeline of one write and one concurrent read">
                <g class="lanes" inner_html=lanes></g>
                <g class="moving" inner_html=moving></g>
                <line class="playhead" x1=head y1=move || geometry.with(|g| g.top - 4.0)
                    x2=head y2=move || geometry.with(|g| g.height - 4.0)></line>
            </svg>
        </div>
    }
}
