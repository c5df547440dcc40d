//! One column of step mode (a policy's choice, hit count, queues and the
//! sentence on its last request) and the strip of requests under both.

use super::frames::{describe, lanes_view, step_keys, Frames};
use super::lanes::CacheLanes;
use super::model::Workload;
use super::state::CacheState;
use crate::draw::palette::text_on;
use crate::kit::Shared;
use leptos::prelude::*;
use sim::cache::PolicyKind;

/// A policy's column.
#[component]
pub fn StepColumn(
    /// The widget state.
    state: RwSignal<CacheState>,
    /// The requests.
    workload: Memo<Shared<Workload>>,
    /// Requests served so far.
    at: Memo<u32>,
    /// The policy's frames.
    data: Memo<Shared<Frames>>,
    /// `left` (policy A) or `right` (policy B).
    side: &'static str,
    /// Which policy of the state it shows.
    pick: fn(&CacheState) -> PolicyKind,
) -> impl IntoView {
    let kind = Memo::new(move |_| state.with(pick));
    let lanes = Signal::derive(move || {
        let i = at.get() as usize;
        let k = kind.get();
        data.with(|d| {
            workload.with(|w| {
                let name = |key| w.name(key);
                let mut v = match d.after(i) {
                    Some(f) => lanes_view(k, &f.snapshot, Some(f), &name),
                    None => lanes_view(k, &d.empty, None, &name),
                };
                // Where each hand stood before this request: it travels from there.
                if let Some(before) = i.checked_sub(1) {
                    let prev = d.after(before).map_or(&d.empty, |f| &f.snapshot);
                    for (lane, was) in v.lanes.iter_mut().zip(&prev.lanes) {
                        lane.hand_from = was.hand;
                    }
                }
                v
            })
        })
    });
    let caption = Signal::derive(move || {
        let i = at.get() as usize;
        let k = kind.get();
        data.with(|d| {
            workload.with(|w| match d.after(i) {
                Some(f) => format!("Request {i}: {}", describe(k, f, &|key| w.name(key))),
                None => "No request served yet: press Step or Play.".to_owned(),
            })
        })
    });
    let hits = Signal::derive(move || {
        let i = at.get() as usize;
        data.with(|d| d.after(i).map_or(0, |f| f.hits))
    });
    let select_id = format!("cache-{side}");
    view! {
        <section class="step-column" data-side=side>
            <div class="field">
                <label for=select_id.clone()>{if side == "left" { "Policy A" } else { "Policy B" }}</label>
                <select id=select_id on:change=move |ev| {
                    if let Some(k) = PolicyKind::from_slug(&event_target_value(&ev)) {
                        state.update(|s| if side == "left" { s.left = k } else { s.right = k });
                    }
                }>
                    {PolicyKind::ALL.into_iter().map(|k| view! {
                        <option value=k.slug() selected=move || kind.get() == k>{k.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <p class="step-hits" data-metric=format!("hits-{side}") data-value=move || hits.get().to_string()>
                {move || {
                    let (h, n) = (hits.get(), at.get());
                    format!("{h} {} in {n} {}", if h == 1 { "hit" } else { "hits" }, if n == 1 { "request" } else { "requests" })
                }}
            </p>
            <CacheLanes id=format!("lanes-{side}") view=lanes
                title=if side == "left" { "Policy A's queues at this step" } else { "Policy B's queues at this step" }/>
            <p class="step-caption" aria-live="polite" data-caption=side>{caption}</p>
        </section>
    }
}

/// Colour of a hit cell (Okabe–Ito bluish green).
pub const HIT_COLOUR: &str = "#009E73";
/// Colour of a miss cell (Okabe–Ito vermillion).
pub const MISS_COLOUR: &str = "#D55E00";

/// One policy's row of outcomes: `Some(hit)` for each request served so far.
pub fn outcomes(f: &Frames, served: usize) -> Vec<Option<bool>> {
    f.steps
        .iter()
        .enumerate()
        .map(|(i, s)| (i < served).then_some(s.access.hit))
        .collect()
}

/// The requests in a row (a click jumps to one, unless playback is hidden), and under them one named
/// row per policy, each served request a coloured cell: ✓ on green for a
/// hit, ✗ on vermillion for a miss.
#[component]
pub fn HitRows(
    /// The widget state.
    state: RwSignal<CacheState>,
    /// The requests.
    workload: Memo<Shared<Workload>>,
    /// Policy A's frames.
    left: Memo<Shared<Frames>>,
    /// Policy B's frames.
    right: Memo<Shared<Frames>>,
    /// Requests in step mode.
    len: Memo<u32>,
    /// Requests served so far.
    at: Memo<u32>,
    /// Jumps to a request.
    go: Callback<u32>,
) -> impl IntoView {
    let inert = crate::kit::hides(crate::embed::options::Part::Playback);
    let head = move || {
        let (n, a) = (len.get() as usize, at.get() as usize);
        workload.with(|w| {
            step_keys(w)
                .iter()
                .take(n)
                .enumerate()
                .map(|(i, &k)| {
                    let label = format!("Request {}: {}", i + 1, w.name(k));
                    // A chip moves the step like the scrubber: with playback
                    // hidden it is a plain label.
                    if inert {
                        return view! {
                            <td>
                                <span class="req" class:current=i + 1 == a class:done=i < a
                                    aria-label=label role="img">{w.name(k)}</span>
                            </td>
                        }
                        .into_any();
                    }
                    view! {
                        <td>
                            <button type="button" class="req" class:current=i + 1 == a class:done=i < a
                                aria-label=label on:click=move |_| go.run(i as u32 + 1)>{w.name(k)}</button>
                        </td>
                    }
                    .into_any()
                })
                .collect_view()
        })
    };
    let row = move |side: &'static str,
                    data: Memo<Shared<Frames>>,
                    pick: fn(&CacheState) -> PolicyKind| {
        let name = move || state.with(pick).label();
        let cells = move || {
            let a = at.get() as usize;
            data.with(|d| {
                outcomes(d, a)
                    .into_iter()
                    .enumerate()
                    .map(|(i, o)| {
                        let (class, glyph, bg) = match o {
                            Some(true) => ("hm hit", "✓", HIT_COLOUR),
                            Some(false) => ("hm miss", "✗", MISS_COLOUR),
                            None => ("hm", "", "transparent"),
                        };
                        let style = if o.is_some() {
                            format!("background:{bg};color:{}", text_on(bg))
                        } else {
                            String::new()
                        };
                        view! { <td class=class class:current=i + 1 == a style=style>{glyph}</td> }
                    })
                    .collect_view()
            })
        };
        view! {
            <tr data-side=side>
                <th scope="row">{name}</th>
                {cells}
            </tr>
        }
    };
    view! {
        <div class="hit-rows">
            <table class="hit-table">
                <caption>"Each request, hit (✓) or miss (✗), for both policies"</caption>
                <tbody>
                    <tr class="req-row"><th scope="row">"Request"</th>{head}</tr>
                    {row("left", left, |s| s.left)}
                    {row("right", right, |s| s.right)}
                </tbody>
            </table>
        </div>
    }
}
