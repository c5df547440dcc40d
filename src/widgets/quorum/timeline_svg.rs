//! A message-sequence timeline: one lane for the coordinator and one per
//! replica, messages as lines between lanes, drawn up to a playhead so messages
//! visibly travel as it moves. Built from plain data.

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
    fn class(self) -> &'static str {
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

const LEFT: f64 = 92.0;
const RIGHT: f64 = 590.0;
const LANE: f64 = 26.0;
const TOP: f64 = 18.0;

/// The x position of time `t`.
pub fn x_of(t: f64, end: f64) -> f64 {
    LEFT + (t / end.max(1e-9)).clamp(0.0, 1.0) * (RIGHT - LEFT)
}

fn y_of(lane: u32) -> f64 {
    TOP + LANE * (f64::from(lane) + 0.5)
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
) -> impl IntoView {
    crate::export::register_figure(
        "timeline-svg",
        "Timeline of a write and a read",
        crate::export::Picture::Svg,
    );
    let height = move || TOP + LANE * (f64::from(view.with(|v| v.replicas)) + 1.0) + 22.0;
    let lanes = move || {
        let v = view.get();
        let now = playhead.get();
        (0..=v.replicas)
            .map(|lane| {
                let y = y_of(lane);
                let label = if lane == 0 { "coordinator".to_owned() } else { format!("replica {}", lane - 1) };
                let down = lane > 0 && v.failed.contains(&(lane - 1));
                let applied = if lane > 0 { v.applied.get(lane as usize - 1).copied().flatten() } else { None };
                let new_bar = applied.filter(|a| *a <= now).map(|a| {
                    view! { <line class="lane-new" x1=x_of(a, v.end) y1=y x2=x_of(now, v.end) y2=y></line> }
                });
                view! {
                    <g class="lane" class:down=down>
                        <text class="lane-label" x="4" y=y dy="0.35em">{label}</text>
                        <line class="lane-line" x1=LEFT y1=y x2=RIGHT y2=y></line>
                        {new_bar}
                    </g>
                }
            })
            .collect_view()
    };
    let messages = move || {
        let v = view.get();
        let now = playhead.get();
        v.messages
            .iter()
            .filter(|m| m.t0 <= now)
            .map(|m| {
                let (x0, y0) = (x_of(m.t0, v.end), y_of(m.from));
                let (x1, y1) = (x_of(m.t1, v.end), y_of(m.to));
                // In flight: draw the part travelled so far.
                let f = if m.t1 > m.t0 {
                    ((now - m.t0) / (m.t1 - m.t0)).clamp(0.0, 1.0)
                } else {
                    1.0
                };
                let (xe, ye) = (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f);
                let stale = m.kind == MessageKind::Response && !m.new_version;
                view! {
                    <line class=m.kind.class() class:stale={stale} class:arrived={f >= 1.0}
                        x1=x0 y1=y0 x2=xe y2=ye></line>
                }
            })
            .collect_view()
    };
    let marks = move || {
        let v = view.get();
        let now = playhead.get();
        v.marks
            .iter()
            .filter(|(t, _)| *t <= now)
            .enumerate()
            .map(|(i, (t, label))| {
                let x = x_of(*t, v.end);
                let y = TOP - 4.0 + if i % 2 == 1 { 10.0 } else { 0.0 };
                view! {
                    <g class="mark">
                        <line x1=x y1=TOP x2=x y2=y_of(0) + 6.0></line>
                        <text x=x + 3.0 y=y>{label.clone()}</text>
                    </g>
                }
            })
            .collect_view()
    };
    let head = move || {
        let x = x_of(playhead.get(), view.with(|v| v.end));
        view! { <line class="playhead" x1=x y1=TOP x2=x y2=height() - 18.0></line> }
    };
    view! {
        <svg class="timeline" id="timeline-svg" viewBox=move || format!("0 0 600 {}", height()) role="img"
            aria-label="Timeline of one write and one concurrent read">
            {lanes}
            {messages}
            {marks}
            {head}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_maps_into_the_plot_and_clamps() {
        assert_eq!(x_of(0.0, 10.0), LEFT);
        assert_eq!(x_of(10.0, 10.0), RIGHT);
        assert_eq!(x_of(50.0, 10.0), RIGHT);
        assert_eq!(x_of(-1.0, 10.0), LEFT);
    }
}
