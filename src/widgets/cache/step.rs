//! Step mode: two policies side by side on the same requests, one request at a time.

use super::frames::{frames, step_keys, Frames};
use super::model::{self, Workload};
use super::state::{CacheState, MAX_SLOTS};
use super::step_column::{HitRows, StepColumn};
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
    /// What to watch for, shown beside the button.
    watch: &'static str,
}

const PRESETS: [StepPreset; 6] = [
    StepPreset {
        label: "LRU against the optimum",
        seq: "A B C D A B E A B C D E",
        slots: 3,
        left: PolicyKind::Lru,
        right: PolicyKind::Opt,
        ttl: 1_000,
        watch: "Watch the fourth request: LRU evicts the very key asked for next; OPT keeps it.",
    },
    StepPreset {
        label: "A loop one longer than the cache",
        seq: "A B C D A B C D A B C D",
        slots: 3,
        left: PolicyKind::Lru,
        right: PolicyKind::Opt,
        ttl: 1_000,
        watch: "Watch LRU's row: every request misses, because each one wants the key LRU has just evicted.",
    },
    StepPreset {
        label: "A scan through a hot set",
        seq: "A B A B A B C D E F G A B A B H I J K A B",
        slots: 4,
        left: PolicyKind::Lru,
        right: PolicyKind::S3Fifo,
        ttl: 1_000,
        watch: "Watch A and B after each run of one-off keys: LRU has evicted them, S3-FIFO still hits them.",
    },
    StepPreset {
        label: "CLOCK's second chance",
        seq: "A B C A D A E B A F",
        slots: 3,
        left: PolicyKind::Fifo,
        right: PolicyKind::Clock,
        ttl: 1_000,
        watch: "Watch A: FIFO evicts it though it was just used again; CLOCK's hand clears its bit and passes it by.",
    },
    StepPreset {
        label: "Frequency against recency",
        seq: "A A A B B C D E A B F G A B",
        slots: 3,
        left: PolicyKind::Lru,
        right: PolicyKind::Lfu,
        ttl: 1_000,
        watch: "Watch A and B: their counts keep them in LFU while one-off keys come and go; LRU evicts them.",
    },
    StepPreset {
        label: "ARC and SIEVE adapt",
        seq: "A B C A B D E F G A B H I A B",
        slots: 4,
        left: PolicyKind::Arc,
        right: PolicyKind::Sieve,
        ttl: 1_000,
        watch: "Watch A and B: once they are reused, both policies keep them through the one-off keys that follow.",
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
    /// What the scene on screen highlights: `evicted` (each policy's victim
    /// and the key that took its place), `hand` (CLOCK's and SIEVE's hands).
    mark: Signal<&'static str>,
) -> impl IntoView {
    let marks = move |word: &str| mark.with(|m| m.split(' ').any(|w| w == word));
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
        <section class="panel step-panel" aria-labelledby="cache-step-h">
            <h2 id="cache-step-h">"Step by step"</h2>
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
            <div class="step-figure" data-figure="step" class:marking=move || !mark.get().is_empty()
                class:mark-evicted=move || marks("evicted") class:mark-hand=move || marks("hand")>
                <div class="step-columns">
                    <StepColumn state=state workload=workload at=at data=left side="left" pick=|s| s.left/>
                    <StepColumn state=state workload=workload at=at data=right side="right" pick=|s| s.right/>
                </div>
                <HitRows state=state workload=workload left=left right=right len=len at=at go=go/>
            </div>
            <StepLegend/>
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
            <StepPresets state=state playing=playing/>
            <Slider attr:data-control="slots" id="cache-slots" label="Cache slots" min=1.0 max=f64::from(MAX_SLOTS)
                value=Signal::derive(move || f64::from(state.with(|s| s.slots)))
                on_change=Callback::new(move |v: f64| state.update(|s| s.slots = (v as u32).clamp(1, MAX_SLOTS)))
                format=Callback::new(|v: f64| format!("{v:.0}"))/>
        </section>
    }
}

/// What each mark in the lanes means, beside the figure.
#[component]
fn StepLegend() -> impl IntoView {
    view! {
        <ul class="cache-legend" data-legend-for="step" aria-label="How to read the lanes">
            <li><span class="legend-box inserted">"new"</span>"just stored by this request"</li>
            <li><span class="legend-box hit">"hit"</span>"found in the cache"</li>
            <li><span class="legend-box gone">"X"</span>"evicted by this request"</li>
            <li><span class="legend-box ghost">"G"</span>"ghost: only the key is remembered"</li>
            <li><span class="legend-hand">"▲ hand"</span>"where CLOCK's or SIEVE's hand points"</li>
        </ul>
    }
}

/// The presets: each a short sequence, two policies and what to watch for.
#[component]
fn StepPresets(
    /// The widget state.
    state: RwSignal<CacheState>,
    /// Playback, stopped by a preset.
    playing: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <div class="presets step-presets" role="group" aria-label="Step presets" data-control="step-presets">
            {PRESETS.iter().enumerate().map(|(i, p)| {
                let (seq, slots, l, r, ttl) = (p.seq, p.slots, p.left, p.right, p.ttl);
                let hint_id = format!("cache-preset-hint-{i}");
                view! {
                    <div class="preset-item">
                        <button type="button" class="preset" data-preset=i aria-describedby=hint_id.clone() on:click=move |_| {
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
                        <span class="preset-hint" id=hint_id>{p.watch}</span>
                    </div>
                }
            }).collect_view()}
        </div>
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

    /// Each request of preset `i` under `kind`: (key, hit, evicted key).
    fn outcomes(i: usize, kind: PolicyKind) -> Vec<(String, bool, Option<String>)> {
        let p = &PRESETS[i];
        let s = CacheState {
            source: Source::Typed,
            sequence: p.seq.into(),
            slots: p.slots,
            ..CacheState::default()
        };
        let w = model::workload(&s, None);
        let f = frames(
            kind,
            &model::config(&s, p.slots as usize, w.universe),
            step_keys(&w),
        );
        f.steps
            .iter()
            .map(|x| {
                (
                    w.name(x.key),
                    x.access.hit,
                    x.access.evicted.map(|k| w.name(k)),
                )
            })
            .collect()
    }

    fn evicts(i: usize, kind: PolicyKind, key: &str) -> bool {
        outcomes(i, kind)
            .iter()
            .any(|o| o.2.as_deref() == Some(key))
    }

    #[test]
    fn each_preset_shows_what_it_says_to_watch() {
        // 0: at the fourth request LRU evicts the key asked for next; OPT does not.
        let lru = outcomes(0, PolicyKind::Lru);
        let opt = outcomes(0, PolicyKind::Opt);
        assert_eq!(lru[3].2.as_deref(), Some(lru[4].0.as_str()));
        assert_ne!(opt[3].2.as_deref(), Some(opt[4].0.as_str()));
        // 1: LRU misses every request; each one wants the key it evicted last.
        let lru = outcomes(1, PolicyKind::Lru);
        assert!(lru.iter().all(|o| !o.1));
        assert!(lru
            .windows(2)
            .all(|w| w[0].2.is_none() || w[0].2.as_deref() == Some(w[1].0.as_str())));
        // 2: after each run of one-off keys, LRU misses A and B and S3-FIFO hits them.
        let (lru, s3) = (
            outcomes(2, PolicyKind::Lru),
            outcomes(2, PolicyKind::S3Fifo),
        );
        for j in [11, 12, 19, 20] {
            assert!(lru[j].0 == "A" || lru[j].0 == "B");
            assert!(!lru[j].1 && s3[j].1, "request {}", j + 1);
        }
        // 3: FIFO evicts A after its reuse; CLOCK never does.
        assert!(evicts(3, PolicyKind::Fifo, "A") && !evicts(3, PolicyKind::Clock, "A"));
        // 4: LFU keeps A and B; LRU evicts both.
        for k in ["A", "B"] {
            assert!(!evicts(4, PolicyKind::Lfu, k) && evicts(4, PolicyKind::Lru, k));
        }
        // 5: once reused, neither ARC nor SIEVE evicts A or B.
        for kind in [PolicyKind::Arc, PolicyKind::Sieve] {
            assert!(!evicts(5, kind, "A") && !evicts(5, kind, "B"));
        }
    }
}
