//! A cache policy's state drawn as lanes of boxes: one row per queue or list,
//! one box per entry with its mark, empty slots dashed, ghost entries faded,
//! the hand as a caret under its box.

use leptos::prelude::*;

/// How a box relates to the request just served.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Highlight {
    /// Not the requested key.
    None,
    /// The requested key was found here.
    Hit,
    /// The requested key was just stored here.
    Inserted,
}

/// One entry's box.
#[derive(Clone, Debug, PartialEq)]
pub struct BoxView {
    /// The key's name.
    pub name: String,
    /// Background colour (`#RRGGBB`).
    pub colour: &'static str,
    /// Text colour that reads on `colour`.
    pub ink: &'static str,
    /// The policy's mark ("×3", "ref 1", …), empty for none.
    pub mark: String,
    /// Its relation to the current request.
    pub highlight: Highlight,
}

/// One lane.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneView {
    /// Its name.
    pub label: String,
    /// How to read it ("most recent → least recent").
    pub order: String,
    /// Remembered keys only.
    pub ghost: bool,
    /// Empty slots to draw after the entries.
    pub empty: usize,
    /// The entries.
    pub boxes: Vec<BoxView>,
    /// The box the hand points at.
    pub hand: Option<usize>,
    /// The hand's name ("hand").
    pub hand_label: String,
}

/// Everything drawn for one policy at one step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LanesView {
    /// The lanes, top to bottom.
    pub lanes: Vec<LaneView>,
    /// A line about an adaptive parameter (ARC's target), if any.
    pub target: Option<String>,
    /// The key evicted by the current request, with its colour.
    pub evicted: Option<BoxView>,
}

/// Draws `view`; `id` prefixes element ids so two panels can sit side by side.
#[component]
pub fn CacheLanes(
    /// What to draw.
    #[prop(into)]
    view: Signal<LanesView>,
    /// Element id of the wrapper.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let one_box = |b: BoxView, hand: bool, hand_label: String| {
        let class = match b.highlight {
            Highlight::None => "slot",
            Highlight::Hit => "slot hit",
            Highlight::Inserted => "slot inserted",
        };
        let tag = match b.highlight {
            Highlight::None => None,
            Highlight::Hit => Some("hit"),
            Highlight::Inserted => Some("new"),
        };
        let style = format!("background:{};color:{}", b.colour, b.ink);
        let key = b.name.clone();
        view! {
            <li class=class class:hand=hand data-key=key style=style>
                <span class="slot-key">{b.name}</span>
                {(!b.mark.is_empty()).then(|| view! { <span class="slot-mark">{b.mark}</span> })}
                {tag.map(|t| view! { <span class="slot-tag">{t}</span> })}
                {hand.then(|| view! { <span class="slot-hand" aria-label=hand_label>"▲"</span> })}
            </li>
        }
    };
    view! {
        <div class="cache-lanes" id=id>
            {move || {
                let v = view.get();
                let lanes = v.lanes.into_iter().map(|lane| {
                    let hand = lane.hand;
                    let hl = lane.hand_label.clone();
                    let boxes = lane.boxes.into_iter().enumerate()
                        .map(|(i, b)| one_box(b, hand == Some(i), hl.clone()))
                        .collect_view();
                    let empties = (0..lane.empty).map(|_| view! { <li class="slot empty" aria-hidden="true"></li> }).collect_view();
                    view! {
                        <div class="cache-lane" class:ghost=lane.ghost>
                            <div class="cache-lane-head">
                                <span class="cache-lane-label">{lane.label}</span>
                                <span class="cache-lane-order">{lane.order}</span>
                            </div>
                            <ol class="slots">{boxes}{empties}</ol>
                        </div>
                    }
                }).collect_view();
                let target = v.target.map(|t| view! { <p class="cache-target">{t}</p> });
                let evicted = v.evicted.map(|b| {
                    let style = format!("background:{};color:{}", b.colour, b.ink);
                    let key = b.name.clone();
                    view! {
                        <p class="evicted">"Evicted: "<span class="slot gone" data-key=key style=style>{b.name}</span></p>
                    }
                });
                view! { {lanes}{target}{evicted} }
            }}
        </div>
    }
}
