//! A cache policy's state drawn as lanes of boxes: one row per queue or list,
//! one box per entry with its mark, empty slots dashed, ghost entries faded,
//! the hand as a caret under its box.

use crate::draw::pen::{Align, NullPen, Pen};
use leptos::prelude::*;
use std::sync::Arc;

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
    /// The box it pointed at before the request (where its travel starts).
    pub hand_from: Option<usize>,
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
    /// What the export panel calls this picture.
    #[prop(into)]
    title: String,
) -> impl IntoView {
    let dark = use_context::<crate::ui::theme::Theme>().map(|t| t.dark);
    let is_dark = move || dark.is_some_and(|d| d.get_untracked());
    crate::export::register_figure(
        &id,
        &title,
        crate::export::Picture::Painted {
            paint: Arc::new(move |pen, w, _, ratio| {
                view.with_untracked(|v| paint_lanes_view(pen, w, ratio, v, is_dark()));
            }),
            height: Some(Arc::new(move |w| {
                view.with_untracked(|v| paint_lanes_view(&mut NullPen, w, 1.0, v, is_dark()))
            })),
        },
    );
    // Each box is keyed by everything drawn in it, so a box that changes is
    // built afresh and its CSS animation plays: the new entry drops in, a hit
    // pulses, the evicted key is lifted out, and the hand travels (see
    // `hand_travel`). Boxes that did not change keep their elements.
    let lanes = Memo::new(move |_| {
        view.with(|v| {
            v.lanes
                .iter()
                .map(|lane| {
                    let boxes: Vec<(String, BoxView, Option<usize>)> = lane
                        .boxes
                        .iter()
                        .enumerate()
                        .map(|(i, b)| {
                            let from =
                                (lane.hand == Some(i)).then_some(lane.hand_from.unwrap_or(i));
                            (
                                format!("{}|{}|{:?}|{from:?}", b.name, b.mark, b.highlight),
                                b.clone(),
                                from,
                            )
                        })
                        .collect();
                    (
                        lane.label.clone(),
                        lane.order.clone(),
                        lane.ghost,
                        lane.empty,
                        boxes,
                        lane.hand_label.clone(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let wrapper = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        lanes.track();
        if let Some(el) = wrapper.get_untracked() {
            let el: web_sys::Element = el.into();
            request_animation_frame(move || hand_travel(&el));
        }
    });
    view! {
        <div class="cache-lanes" id=id.clone() node_ref=wrapper>
            {move || lanes.get().into_iter().map(|(label, order, ghost, empty, boxes, hand_label)| {
                let empties = (0..empty).map(|_| view! { <li class="slot empty" aria-hidden="true"></li> }).collect_view();
                view! {
                    <div class="cache-lane" class:ghost=ghost>
                        <div class="cache-lane-head">
                            <span class="cache-lane-label">{label}</span>
                            <span class="cache-lane-order">{order}</span>
                        </div>
                        <ol class="slots">
                            <For each=move || boxes.clone() key=|(k, _, _)| k.clone()
                                children=move |(_, b, from)| one_box(b, from, hand_label.clone())/>
                            {empties}
                        </ol>
                    </div>
                }
            }).collect_view()}
            {move || view.with(|v| v.target.clone()).map(|t| view! { <p class="cache-target">{t}</p> })}
            <For each=move || view.with(|v| v.evicted.clone()) key=|b| b.name.clone() children=|b| {
                let style = format!("background:{};color:{}", b.colour, b.ink);
                let key = b.name.clone();
                view! {
                    <p class="evicted">"Evicted: "<span class="slot gone" data-key=key style=style>{b.name}</span></p>
                }
            }/>
        </div>
    }
}

/// One entry's box; `hand` is where the hand came from when it points here.
fn one_box(b: BoxView, hand: Option<usize>, hand_label: String) -> impl IntoView {
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
        <li class=class class:hand=hand.is_some() data-key=key style=style>
            <span class="slot-key">{b.name}</span>
            {(!b.mark.is_empty()).then(|| view! { <span class="slot-mark">{b.mark}</span> })}
            {tag.map(|t| view! { <span class="slot-tag">{t}</span> })}
            {hand.map(|from| view! {
                <span class="slot-hand" aria-label=hand_label data-from=from>"▲"<small>"hand"</small></span>
            })}
        </li>
    }
}

/// Starts each hand that just moved at the box it left: the offset from there
/// goes into `--hand-dx`/`--hand-dy`, which the `cache-hand` keyframes start
/// from. Runs before the frame is painted; under reduced motion nothing moves.
fn hand_travel(root: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    if crate::talk::motion::prefers_reduced_motion() {
        return;
    }
    let Ok(hands) = root.query_selector_all(".slot-hand[data-from]") else {
        return;
    };
    for i in 0..hands.length() {
        let Some(hand) = hands
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        let from = hand
            .get_attribute("data-from")
            .and_then(|f| f.parse::<u32>().ok());
        let (Some(from), Some(slot)) = (from, hand.parent_element()) else {
            continue;
        };
        let Some(start) = slot
            .parent_element()
            .and_then(|ol| ol.children().item(from))
        else {
            continue;
        };
        let (a, b) = (
            start.get_bounding_client_rect(),
            slot.get_bounding_client_rect(),
        );
        let style = hand.style();
        let _ = style.set_property("--hand-dx", &format!("{}px", a.x() - b.x()));
        let _ = style.set_property("--hand-dy", &format!("{}px", a.y() - b.y()));
        // Once travelled, the attribute goes: a later pass leaves it alone.
        let _ = hand.remove_attribute("data-from");
    }
}

/// CSS pixels a box takes on each side.
const SLOT: f64 = 44.0;
/// CSS pixels between boxes.
const GAP: f64 = 6.0;

/// Paints `v` as lanes of boxes across `w` pixels, `ratio` pixels to a CSS
/// pixel, and returns the height it took: the export's picture of what the
/// page shows as HTML.
pub fn paint_lanes_view(pen: &mut dyn Pen, w: f64, ratio: f64, v: &LanesView, dark: bool) -> f64 {
    let (bg, fg, line, muted) = if dark {
        ("#161a20", "#e6e6e6", "#5a626d", "#a8b0ba")
    } else {
        ("#ffffff", "#1f2328", "#9aa1ab", "#59636e")
    };
    let px = |v: f64| v * ratio;
    let (pad, size, gap) = (px(8.0), px(SLOT), px(GAP));
    // Measure first, so the background goes under everything.
    let height = layout_height(w, ratio, v);
    pen.set_fill(bg);
    pen.fill_rect(0.0, 0.0, w, height);
    let per_row = (((w - 2.0 * pad + gap) / (size + gap)).floor() as usize).max(1);
    let mut y = pad;
    for lane in &v.lanes {
        pen.set_fill(fg);
        pen.set_font(px(14.0), 700);
        pen.set_align(Align::Left);
        pen.fill_text(&lane.label, pad, y);
        y += px(18.0);
        pen.set_fill(muted);
        pen.set_font(px(11.0), 400);
        pen.fill_text(&lane.order, pad, y);
        y += px(18.0);
        let row_h = size + gap + if lane.hand.is_some() { px(14.0) } else { 0.0 };
        let slots = lane.boxes.len() + lane.empty;
        for i in 0..slots {
            let (col, row) = (i % per_row, i / per_row);
            let x = pad + col as f64 * (size + gap);
            let top = y + row as f64 * row_h;
            match lane.boxes.get(i) {
                Some(b) => {
                    paint_box(pen, b, (x, top, size), ratio, lane.ghost, (fg, bg));
                    if lane.hand == Some(i) {
                        pen.set_fill(fg);
                        pen.set_font(px(12.0), 400);
                        pen.set_align(Align::Center);
                        pen.fill_text("▲", x + size / 2.0, top + size + px(2.0));
                    }
                }
                None => {
                    pen.set_stroke(line);
                    pen.set_line_width(px(2.0));
                    pen.set_dash(&[px(4.0), px(3.0)]);
                    pen.stroke_rect(x + px(1.0), top + px(1.0), size - px(2.0), size - px(2.0));
                    pen.set_dash(&[]);
                }
            }
        }
        y += slots.div_ceil(per_row) as f64 * row_h + px(6.0);
    }
    if let Some(t) = &v.target {
        pen.set_fill(fg);
        pen.set_font(px(13.0), 600);
        pen.set_align(Align::Left);
        pen.fill_text(t, pad, y);
        y += px(22.0);
    }
    if let Some(b) = &v.evicted {
        pen.set_fill(fg);
        pen.set_font(px(13.0), 400);
        pen.set_align(Align::Left);
        pen.fill_text("Evicted:", pad, y + size / 2.0 - px(8.0));
        let x = pad + px(64.0);
        paint_box(pen, b, (x, y, size), ratio, false, (fg, bg));
        pen.set_stroke(b.ink);
        pen.set_line_width(px(1.5));
        pen.begin_path();
        pen.move_to(x + px(6.0), y + px(16.0));
        pen.line_to(x + size - px(6.0), y + px(16.0));
        pen.stroke();
    }
    height
}

/// The height [`paint_lanes_view`] takes.
fn layout_height(w: f64, ratio: f64, v: &LanesView) -> f64 {
    let px = |v: f64| v * ratio;
    let (pad, size, gap) = (px(8.0), px(SLOT), px(GAP));
    let per_row = (((w - 2.0 * pad + gap) / (size + gap)).floor() as usize).max(1);
    let mut y = pad;
    for lane in &v.lanes {
        let row_h = size + gap + if lane.hand.is_some() { px(14.0) } else { 0.0 };
        let slots = lane.boxes.len() + lane.empty;
        y += px(36.0) + slots.div_ceil(per_row) as f64 * row_h + px(6.0);
    }
    if v.target.is_some() {
        y += px(22.0);
    }
    if v.evicted.is_some() {
        y += size + gap;
    }
    y + pad
}

/// One entry: its colour, name and mark, the tag and ring of a hit or a new entry.
fn paint_box(
    pen: &mut dyn Pen,
    b: &BoxView,
    (x, y, size): (f64, f64, f64),
    ratio: f64,
    ghost: bool,
    (fg, bg): (&str, &str),
) {
    let px = |v: f64| v * ratio;
    if ghost {
        pen.set_alpha(0.55);
    }
    pen.set_fill(b.colour);
    pen.fill_rect(x, y, size, size);
    if ghost {
        pen.set_stroke(fg);
        pen.set_line_width(px(2.0));
        pen.set_dash(&[px(2.0), px(2.0)]);
        pen.stroke_rect(x + px(1.0), y + px(1.0), size - px(2.0), size - px(2.0));
        pen.set_dash(&[]);
    }
    pen.set_fill(b.ink);
    pen.set_font(px(13.0), 700);
    pen.set_align(Align::Center);
    pen.fill_text(&b.name, x + size / 2.0, y + px(8.0));
    if !b.mark.is_empty() {
        pen.set_font(px(10.0), 600);
        pen.fill_text(&b.mark, x + size / 2.0, y + px(26.0));
    }
    pen.set_alpha(1.0);
    let (ring, tag) = match b.highlight {
        Highlight::None => return,
        Highlight::Hit => ("#009E73", "HIT"),
        Highlight::Inserted => ("#0072B2", "NEW"),
    };
    pen.set_stroke(fg);
    pen.set_line_width(px(2.0));
    pen.stroke_rect(x + px(1.0), y + px(1.0), size - px(2.0), size - px(2.0));
    pen.set_stroke(ring);
    pen.set_line_width(px(2.5));
    pen.stroke_rect(x - px(2.5), y - px(2.5), size + px(5.0), size + px(5.0));
    pen.set_fill(fg);
    pen.fill_rect(x + size - px(22.0), y - px(7.0), px(26.0), px(12.0));
    pen.set_fill(bg);
    pen.set_font(px(9.0), 600);
    pen.set_align(Align::Center);
    pen.fill_text(tag, x + size - px(9.0), y - px(6.0));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::pen::SvgPen;

    fn entry(name: &str, highlight: Highlight) -> BoxView {
        BoxView {
            name: name.to_owned(),
            colour: "#0072B2",
            ink: "#ffffff",
            mark: "ref 1".to_owned(),
            highlight,
        }
    }

    #[test]
    fn painting_reports_the_height_it_measured_and_draws_every_entry() {
        let v = LanesView {
            lanes: vec![LaneView {
                label: "Queue".to_owned(),
                order: "newest → oldest".to_owned(),
                ghost: false,
                empty: 3,
                boxes: (0..12)
                    .map(|i| {
                        entry(
                            &format!("k{i}"),
                            if i == 0 {
                                Highlight::Hit
                            } else {
                                Highlight::None
                            },
                        )
                    })
                    .collect(),
                hand: Some(2),
                hand_from: Some(1),
                hand_label: "hand".to_owned(),
            }],
            target: Some("target 3".to_owned()),
            evicted: Some(entry("gone", Highlight::None)),
        };
        let h1 = paint_lanes_view(&mut NullPen, 300.0, 1.0, &v, false);
        assert_eq!(h1, layout_height(300.0, 1.0, &v));
        // Narrower means more rows.
        assert!(paint_lanes_view(&mut NullPen, 150.0, 1.0, &v, false) > h1);
        // Twice the pixels per CSS pixel, twice the height.
        assert!((paint_lanes_view(&mut NullPen, 600.0, 2.0, &v, false) - 2.0 * h1).abs() < 1e-9);
        let mut pen = SvgPen::new(300.0, h1);
        paint_lanes_view(&mut pen, 300.0, 1.0, &v, true);
        let svg = pen.finish();
        for i in 0..12 {
            assert!(svg.contains(&format!(">k{i}</text>")), "k{i}");
        }
        assert!(
            svg.contains(">HIT</text>")
                && svg.contains(">▲</text>")
                && svg.contains(">gone</text>")
        );
        assert!(svg.contains("fill=\"#161a20\""), "dark background");
    }
}
