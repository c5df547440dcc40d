//! Step mode: two policies side by side on the same requests, one request at a time.

use super::frames::{frames, step_keys, Frames};
use super::model::{self, Workload};
use super::state::{CacheState, MAX_SLOTS};
use super::step_column::{RequestStrip, StepColumn};
use crate::kit::Shared;
use crate::ui::slider::Slider;
use leptos::prelude::*;
use sim::cache::PolicyKind;

/// A short request string and the two policies it tells apart.
struct StepPreset {
    label: &'static str,
    seq: &'static str,
    slots: u32,
    left: PolicyKind,
    right: PolicyKind,
    ttl: u32,
}

const PRESETS: [StepPreset; 6] = [
    StepPreset {
        label: "LRU against the optimum",
        seq: "A B C D A B E A B C D E",
        slots: 3,
        left: PolicyKind::Lru,
        right: PolicyKind::Opt,
        ttl: 1_000,
    },
    StepPreset {
        label: "A loop one longer than the cache",
        seq: "A B C D A B C D A B C D",
        slots: 3,
        left: PolicyKind::Lru,
        right: PolicyKind::Opt,
        ttl: 1_000,
    },
    StepPreset {
        label: "A scan through a hot set",
        seq: "A B A B A B C D E F G A B A B H I J K A B",
        slots: 4,
        left: PolicyKind::Lru,
        right: PolicyKind::S3Fifo,
        ttl: 1_000,
    },
    StepPreset {
        label: "CLOCK's second chance",
        seq: "A B C A D A E B A F",
        slots: 3,
        left: PolicyKind::Fifo,
        right: PolicyKind::Clock,
        ttl: 1_000,
    },
    StepPreset {
        label: "Frequency against recency",
        seq: "A A A B B C D E A B F G A B",
        slots: 3,
        left: PolicyKind::Lru,
        right: PolicyKind::Lfu,
        ttl: 1_000,
    },
    StepPreset {
        label: "ARC and SIEVE adapt",
        seq: "A B C A B D E F G A B H I A B",
        slots: 4,
        left: PolicyKind::Arc,
        right: PolicyKind::Sieve,
        ttl: 1_000,
    },
];

/// Steps per second at 1× playback.
const STEPS_PER_SECOND: f64 = 1.5;

/// One policy's column: its frames for the current workload and settings.
fn policy_frames(
    state: RwSignal<CacheState>,
    workload: Memo<Shared<Workload>>,
    pick: fn(&CacheState) -> PolicyKind,
) -> Memo<Shared<Frames>> {
    let inputs = Memo::new(move |_| state.with(|s| (pick(s), s.slots, s.ttl, s.seed)));
    Memo::new(move |_| {
        let (kind, slots, ..) = inputs.get();
        workload.with(|w| {
            let cfg = state.with_untracked(|s| model::config(s, slots as usize, w.universe));
            Shared::new(frames(kind, &cfg, step_keys(w)))
        })
    })
}

/// The two-column step view with its sequence strip and playback controls.
#[component]
pub fn StepPanel(
    /// The widget state.
    state: RwSignal<CacheState>,
    /// The requests.
    workload: Memo<Shared<Workload>>,
) -> impl IntoView {
    let left = policy_frames(state, workload, |s| s.left);
    let right = policy_frames(state, workload, |s| s.right);
    let len = Memo::new(move |_| workload.with(|w| step_keys(w).len() as u32));
    let at = Memo::new(move |_| state.with(|s| s.at).min(len.get()));

    // Playback: a timer advances `at`; it lives only while playing.
    // An embed may ask to start playing (the `play` option).
    let autoplay = use_context::<crate::embed::options::AutoPlay>()
        .unwrap_or_default()
        .0;
    let playing = RwSignal::new(autoplay);
    let speed = RwSignal::new(1.0f64);
    crate::talk::motion::use_clock(
        playing,
        move || (1000.0 / (STEPS_PER_SECOND * speed.get())) as u32,
        move || {
            if at.get_untracked() >= len.get_untracked() {
                state.update(|s| s.at = 0);
            }
        },
        move || {
            let (a, n) = (at.get_untracked(), len.get_untracked());
            if a >= n {
                playing.set(false);
                return;
            }
            state.update(|s| s.at = a + 1);
        },
    );

    let go = Callback::new(move |to: u32| {
        playing.set(false);
        state.update(|s| s.at = to);
    });
    view! {
        <section class="panel step-panel" aria-labelledby="cache-step-h" data-figure="step">
            <h2 id="cache-step-h">"Step by step"</h2>
            <div class="presets" role="group" aria-label="Step presets" data-control="step-presets">
                {PRESETS.iter().enumerate().map(|(i, p)| {
                    let (seq, slots, l, r, ttl) = (p.seq, p.slots, p.left, p.right, p.ttl);
                    view! {
                        <button type="button" class="preset" data-preset=i on:click=move |_| {
                            playing.set(false);
                            state.update(|s| {
                                s.source = super::state::Source::Typed;
                                s.sequence = seq.to_owned();
                                s.slots = slots;
                                s.left = l;
                                s.right = r;
                                s.ttl = ttl;
                                s.at = 0;
                            });
                        }>{p.label}</button>
                    }
                }).collect_view()}
            </div>
            <Slider attr:data-control="slots" id="cache-slots" label="Cache slots" min=1.0 max=f64::from(MAX_SLOTS)
                value=Signal::derive(move || f64::from(state.with(|s| s.slots)))
                on_change=Callback::new(move |v: f64| state.update(|s| s.slots = (v as u32).clamp(1, MAX_SLOTS)))
                format=Callback::new(|v: f64| format!("{v:.0}"))/>
            <div class="step-columns">
                <StepColumn state=state workload=workload at=at data=left side="left" pick=|s| s.left/>
                <StepColumn state=state workload=workload at=at data=right side="right" pick=|s| s.right/>
            </div>
            <RequestStrip workload=workload left=left right=right len=len at=at go=go/>
            <div class="timeline-controls" role="group" aria-label="Step controls" data-control="playback">
                <button type="button" id="cache-reset" on:click=move |_| go.run(0)>"◀◀ Start"</button>
                <button type="button" id="cache-back" data-shortcut="back" on:click=move |_| go.run(at.get_untracked().saturating_sub(1))>"◀ Step"</button>
                <button type="button" id="cache-play" data-shortcut="play" on:click=move |_| playing.update(|p| *p = !*p)>
                    {move || if playing.get() { "Pause" } else { "Play" }}
                </button>
                <button type="button" id="cache-step" data-shortcut="forward" on:click=move |_| go.run((at.get_untracked() + 1).min(len.get_untracked()))>"Step ▶"</button>
                <label for="cache-speed">"Speed"</label>
                <select id="cache-speed" on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                        speed.set(v);
                    }
                }>
                    <option value="0.5">"½×"</option>
                    <option value="1" selected>"1×"</option>
                    <option value="2">"2×"</option>
                    <option value="4">"4×"</option>
                </select>
            </div>
            <div class="scrub" data-control="playback">
                <label for="cache-at">"Request"</label>
                <input type="range" id="cache-at" min="0" step="1"
                    max=move || len.get().to_string()
                    prop:value=move || at.get().to_string()
                    aria-valuetext=move || format!("{} of {}", at.get(), len.get())
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<u32>() {
                            go.run(v);
                        }
                    }/>
                <output for="cache-at">{move || format!("{} / {}", at.get(), len.get())}</output>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widgets::cache::state::Source;

    fn hits(seq: &str, slots: u32, kind: PolicyKind) -> u32 {
        let s = CacheState {
            source: Source::Typed,
            sequence: seq.into(),
            slots,
            ..CacheState::default()
        };
        let w = model::workload(&s, None);
        let f = frames(
            kind,
            &model::config(&s, slots as usize, w.universe),
            step_keys(&w),
        );
        f.steps.last().map_or(0, |x| x.hits)
    }

    #[test]
    fn each_preset_tells_its_story() {
        let h = |i: usize, k: PolicyKind| hits(PRESETS[i].seq, PRESETS[i].slots, k);
        // OPT beats LRU on Belady's string; a loop one longer defeats LRU entirely.
        assert!(h(0, PolicyKind::Opt) > h(0, PolicyKind::Lru));
        assert_eq!(h(1, PolicyKind::Lru), 0);
        assert!(h(1, PolicyKind::Opt) > 0);
        // The scan flushes LRU's hot keys but not S3-FIFO's.
        assert!(h(2, PolicyKind::S3Fifo) > h(2, PolicyKind::Lru));
        // A second chance keeps the reused key that FIFO throws out.
        assert!(h(3, PolicyKind::Clock) > h(3, PolicyKind::Fifo));
        // Counting keeps the popular keys that recency forgets.
        assert!(h(4, PolicyKind::Lfu) > h(4, PolicyKind::Lru));
        // ARC and SIEVE both keep the reused pair through one-off keys, unlike LRU.
        assert!(h(5, PolicyKind::Arc) > h(5, PolicyKind::Lru));
        assert!(h(5, PolicyKind::Sieve) > h(5, PolicyKind::Lru));
    }
}
