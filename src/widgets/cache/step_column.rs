//! One column of step mode (a policy's choice, hit count, queues and the
//! sentence on its last request) and the strip of requests under both.

use super::frames::{describe, lanes_view, step_keys, Frame, Frames};
use super::lanes::CacheLanes;
use super::model::Workload;
use super::state::CacheState;
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
                match d.after(i) {
                    Some(f) => lanes_view(k, &f.snapshot, Some(f), &name),
                    None => lanes_view(k, &d.empty, None, &name),
                }
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
                {move || format!("{} hits in {} requests", hits.get(), at.get())}
            </p>
            <CacheLanes id=format!("lanes-{side}") view=lanes
                title=if side == "left" { "Policy A's queues at this step" } else { "Policy B's queues at this step" }/>
            <p class="step-caption" aria-live="polite" data-caption=side>{caption}</p>
        </section>
    }
}

/// The requests, each marked hit or miss for both policies once served; a
/// click jumps to it.
#[component]
pub fn RequestStrip(
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
    let strip = move || {
        let n = len.get() as usize;
        let a = at.get() as usize;
        left.with(|l| {
            right.with(|r| {
                workload.with(|w| {
                    step_keys(w)
                        .iter()
                        .take(n)
                        .enumerate()
                        .map(|(i, &k)| {
                            let mark = |f: Option<&Frame>| match f {
                                Some(f) if i < a => if f.access.hit { "✓" } else { "✗" },
                                _ => "·",
                            };
                            let (ml, mr) = (mark(l.steps.get(i)), mark(r.steps.get(i)));
                            let label = format!("Request {}: {}", i + 1, w.name(k));
                            view! {
                                <li>
                                    <button type="button" class="req" class:current=i + 1 == a class:done=i < a
                                        aria-label=label on:click=move |_| go.run(i as u32 + 1)>
                                        <span class="req-key">{w.name(k)}</span>
                                        <span class="req-marks" aria-hidden="true">{ml}{mr}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                })
            })
        })
    };
    view! { <ol class="req-strip" aria-label="Requests (✓ hit, ✗ miss: policy A then B)">{strip}</ol> }
}
