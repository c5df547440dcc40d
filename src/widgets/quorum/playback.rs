//! One write and one read, step by step: the timeline drawing with its
//! legend, playback, step and scrub controls, read repair and the read's
//! start. The scene about a stale read (`stale`) points at the old answer the
//! read used and the write that reached its replica too late.

use super::memos::{Figures, OFFSCREEN_DELAY_MS};
use super::state::{self, QuorumState};
use super::timeline_svg::TimelineSvg;
use super::{ms, setter, timeline};
use crate::kit::settle::follow_in_view;
use crate::ui::slider::{Scale, Slider};
use leptos::prelude::*;

/// Frames per second of timeline playback.
const FPS: f64 = 30.0;
/// Seconds a whole timeline takes to play at 1×.
const PLAY_SECONDS: f64 = 6.0;

/// The timeline panel.
#[component]
pub fn TimelinePanel(
    /// The widget state.
    state: RwSignal<QuorumState>,
    /// The page's figures.
    figures: Figures,
    /// Whether a scene points at the stale answer.
    #[prop(into)]
    marking: Signal<bool>,
) -> impl IntoView {
    // Out of view (below the controls on a page), the timeline follows a drag
    // once it stops rather than on every input.
    let section = NodeRef::<leptos::html::Section>::new();
    let in_view = crate::ui::listen::use_in_view(section, false);
    let tl = follow_in_view(figures.timeline, in_view, OFFSCREEN_DELAY_MS);
    let tl_view = Memo::new(move |_| tl.with(|t| state.with_untracked(|s| timeline::view(t, s))));
    let tl_end = Memo::new(move |_| tl_view.with(|v| v.end));
    // A memo: the drawing follows the time, not every change of the state.
    let playhead = Memo::new(move |_| state.with(|s| s.t).min(tl_end.get()));

    // Playback: a timer advances the playhead; it lives only while playing.
    // An embed may ask to start playing (the `play` option).
    let autoplay = use_context::<crate::embed::options::AutoPlay>()
        .unwrap_or_default()
        .0;
    let playing = RwSignal::new(autoplay);
    let speed = RwSignal::new(1.0f64);
    let reduced = crate::talk::motion::prefers_reduced_motion();
    crate::talk::motion::use_clock(
        playing,
        // With reduced motion the playhead jumps from event to event instead of gliding.
        move || if reduced { 700 } else { (1000.0 / FPS) as u32 },
        move || {
            if state.with_untracked(|s| s.t) >= tl_end.get_untracked() {
                state.update(|s| s.t = 0.0);
            }
        },
        move || {
            let end = tl_end.get_untracked();
            let t = state.with_untracked(|s| s.t);
            let next = if reduced {
                tl.with_untracked(|tl| timeline::next_time(tl, t))
                    .unwrap_or(end)
            } else {
                t + end / (PLAY_SECONDS * FPS) * speed.get_untracked()
            };
            state.update(|s| s.t = next.min(end));
            if next >= end {
                playing.set(false);
            }
        },
    );

    view! {
        <section class="panel" aria-labelledby="q-tl-h" data-figure="timeline" node_ref=section>
            <h2 id="q-tl-h">"One write and one read, step by step"</h2>
            <p class="note">{Signal::derive(move || tl.with(|t| timeline::summary(t)))}</p>
            <TimelineSvg view=tl_view playhead=playhead marking=marking/>
            <TimelineLegend/>
            <div class="timeline-controls" role="group" aria-label="Timeline controls" data-control="playback">
                <button type="button" id="q-step-back" data-shortcut="back" on:click=move |_| {
                    playing.set(false);
                    let t = state.with_untracked(|s| s.t);
                    let prev = tl.with_untracked(|tl| timeline::prev_time(tl, t)).unwrap_or(0.0);
                    state.update(|s| s.t = prev);
                }>"◀ Step"</button>
                <button type="button" id="q-play" data-shortcut="play" on:click=move |_| playing.update(|p| *p = !*p)>
                    {Signal::derive(move || if playing.get() { "Pause" } else { "Play" })}
                </button>
                <button type="button" id="q-step" data-shortcut="forward" on:click=move |_| {
                    playing.set(false);
                    let t = state.with_untracked(|s| s.t);
                    let next = tl.with_untracked(|tl| timeline::next_time(tl, t)).unwrap_or_else(|| tl_end.get_untracked());
                    state.update(|s| s.t = next);
                }>"Step ▶"</button>
                <label for="q-speed">"Speed"</label>
                <select id="q-speed" on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                        speed.set(v);
                    }
                }>
                    <option value="0.25">"¼×"</option>
                    <option value="0.5">"½×"</option>
                    <option value="1" selected>"1×"</option>
                    <option value="2">"2×"</option>
                </select>
                <label class="check" data-part="sliders"><input type="checkbox" id="q-repair"
                    prop:checked=Signal::derive(move || state.with(|s| s.repair))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.update(|s| s.repair = on);
                    }/>" Read repair"</label>
            </div>
            <div class="scrub" data-control="playback">
                <label for="q-t">"Time"</label>
                <input type="range" id="q-t" min="0" step="any"
                    max=Signal::derive(move || tl_end.get().to_string())
                    prop:value=Signal::derive(move || playhead.get().to_string())
                    aria-valuetext=Signal::derive(move || ms(playhead.get()))
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            playing.set(false);
                            state.update(|s| s.t = v.max(0.0));
                        }
                    }/>
                <output for="q-t">{Signal::derive(move || ms(playhead.get()))}</output>
            </div>
            <Slider attr:data-control="read-start" id="q-read" label="Read starts at" min=0.0 max=state::MAX_READ_START scale=Scale::Linear step=0.05
                value=Signal::derive(move || state.with(|s| s.read_start))
                on_change=setter(state, |s, v| s.read_start = v) format=Callback::new(ms)
                hint="Milliseconds after the write starts; before the commit the read races the write."/>
        </section>
    }
}

/// What every line and mark of the timeline means.
#[component]
fn TimelineLegend() -> impl IntoView {
    view! {
        <ul class="quorum-legend" data-legend-for="timeline" aria-label="What the lines mean">
            <li><svg viewBox="0 0 24 16" aria-hidden="true"><path class="sw-write" d="M1 8h22"></path></svg>"orange: the write"<span class="legend-more">" travelling to a replica"</span></li>
            <li><svg viewBox="0 0 24 16" aria-hidden="true"><path class="sw-ack" d="M1 8h22"></path></svg>"orange, dashed: its ack"</li>
            <li><svg viewBox="0 0 24 16" aria-hidden="true"><path class="sw-read-solid" d="M1 8h22"></path></svg>"blue: the read"<span class="legend-more">" asking a replica"</span></li>
            <li><svg viewBox="0 0 24 16" aria-hidden="true"><path class="sw-read" d="M1 8h22"></path></svg>"blue, dashed: a new reply"<span class="legend-more">", with the new value"</span></li>
            <li><svg viewBox="0 0 24 16" aria-hidden="true"><path class="sw-stale" d="M1 8h22"></path></svg>"dark, dashed: an old reply"<span class="legend-more">", with the old value"</span></li>
            <li><svg viewBox="0 0 24 16" aria-hidden="true"><path class="sw-new" d="M1 8h22"></path></svg>"green: holds the new value"<span class="legend-more">"; a green line is a read repair"</span></li>
            <li><svg viewBox="0 0 24 16" aria-hidden="true"><path class="sw-down-lane" d="M1 8h22"></path></svg>"dotted lane: crashed"</li>
            <li><svg viewBox="0 0 24 16" aria-hidden="true"><path class="sw-mark" d="M12 1v14"></path></svg>"thin lines: commit, return"<span class="legend-more">"; thick blue line: now"</span></li>
        </ul>
    }
}
