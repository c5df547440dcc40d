//! Replicas around a coordinator, with a write set, a read set and crashed
//! replicas, built from plain data. Each replica is a button: clicking or pressing
//! Enter crashes it or brings it back. Whenever the sets change (or the reader
//! asks for a replay) the messages travel: the write out to the write set and
//! its acks back, then the read out to the read set and its replies back, in
//! under 600 ms; under reduced motion the lines alone are the still picture.

use crate::draw::math;
use leptos::prelude::*;
use std::f64::consts::PI;

/// What the diagram shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReplicaView {
    /// Replicas.
    pub n: u32,
    /// Replicas the sampled write reached.
    pub write_set: Vec<u32>,
    /// Replicas the sampled read asked.
    pub read_set: Vec<u32>,
    /// Crashed replicas.
    pub failed: Vec<u32>,
    /// Replicas a scene points at; the others are dimmed while any is.
    pub marked: Vec<u32>,
    /// Counts replays: a new value draws the messages again.
    pub replay: u32,
}

/// Milliseconds each leg of the journey takes, and when each leg starts.
const LEG_MS: u32 = 125;
/// See [`LEG_MS`]: write, ack, read, reply.
const LEG_START_MS: [u32; 4] = [0, 145, 290, 435];
/// The most a replica's packet lags behind the first one's, in ms.
const STAGGER_MS: u32 = 15;

/// When the last packet arrives, in ms after a change.
pub const JOURNEY_MS: u32 = LEG_START_MS[3] + STAGGER_MS + LEG_MS;
// Motion stays under 600 ms.
const _: () = assert!(JOURNEY_MS < 600);

/// One travelling message: its class, where it starts and ends, and its delay.
fn packet(class: &'static str, from: (f64, f64), to: (f64, f64), delay: u32) -> impl IntoView {
    let style = format!(
        "--x0:{:.1}px;--y0:{:.1}px;--x1:{:.1}px;--y1:{:.1}px;--d:{delay}ms;--t:{LEG_MS}ms",
        from.0, from.1, to.0, to.1
    );
    view! { <circle class=class r="7" style=style></circle> }
}

/// The messages of one change: to and from every replica of the two sets.
fn packets(v: &ReplicaView) -> impl IntoView {
    let c = (200.0, 170.0);
    let n = v.n;
    let lag = |k: usize, of: usize| (k as u32 * STAGGER_MS) / (of.max(2) as u32 - 1);
    let mut out = Vec::new();
    for (k, &i) in v.write_set.iter().enumerate() {
        let at = replica_xy(i, n);
        let d = lag(k, v.write_set.len());
        out.push(packet("packet write", c, at, LEG_START_MS[0] + d));
        out.push(packet("packet ack", at, c, LEG_START_MS[1] + d));
    }
    for (k, &i) in v.read_set.iter().enumerate() {
        let at = replica_xy(i, n);
        let d = lag(k, v.read_set.len());
        out.push(packet("packet read", c, at, LEG_START_MS[2] + d));
        out.push(packet("packet reply", at, c, LEG_START_MS[3] + d));
    }
    view! { <g class="packets" aria-hidden="true">{out}</g> }
}

/// Position of replica `i` of `n` around the coordinator.
pub fn replica_xy(i: u32, n: u32) -> (f64, f64) {
    let a = 2.0 * PI * f64::from(i) / f64::from(n.max(1)) - PI / 2.0;
    (200.0 + 140.0 * math::cos(a), 170.0 + 130.0 * math::sin(a))
}

/// The replica diagram.
#[component]
pub fn ReplicaSvg(
    /// What to draw.
    #[prop(into)]
    view: Signal<ReplicaView>,
    /// Called with a replica index when it is clicked or activated by keyboard.
    on_toggle: Callback<u32>,
) -> impl IntoView {
    crate::export::register_figure(
        "replica-svg",
        "Replicas, read and write sets",
        crate::export::Picture::Svg,
    );
    let body = move || {
        let v = view.get();
        let n = v.n;
        let journey = (
            format!("{}|{}|{:?}|{:?}", v.replay, n, v.write_set, v.read_set),
            v.clone(),
        );
        // A replica in both sets gets both lines, the read set's dashes on top.
        let lines = (0..n)
            .flat_map(|i| {
                let (x, y) = replica_xy(i, n);
                let marked = v.marked.contains(&i);
                let sets = [
                    (v.write_set.contains(&i), "link write"),
                    (v.read_set.contains(&i), "link read"),
                ];
                sets.into_iter()
                    .filter(|(on, _)| *on)
                    .map(move |(_, class)| {
                        view! { <line class=class class:marked=marked x1="200" y1="170" x2=x y2=y></line> }
                    })
            })
            .collect_view();
        let nodes = (0..n)
            .map(|i| {
                let (x, y) = replica_xy(i, n);
                let w = v.write_set.contains(&i);
                let r = v.read_set.contains(&i);
                let down = v.failed.contains(&i);
                let marked = v.marked.contains(&i);
                let role = match (w, r) {
                    (true, true) => "in the write set and the read set",
                    (true, false) => "in the write set",
                    (false, true) => "in the read set",
                    _ => "in neither set",
                };
                let label = format!(
                    "Replica {i}: {}, {role}. Press to {}.",
                    if down { "crashed" } else { "up" },
                    if down { "bring it back" } else { "crash it" }
                );
                view! {
                    <g
                        class="replica"
                        class:write=w
                        class:read=r
                        class:down=down
                        class:marked=marked
                        data-replica=i
                        role="button"
                        tabindex="0"
                        aria-label=label
                        aria-pressed=if down { "true" } else { "false" }
                        on:click=move |_| on_toggle.run(i)
                        on:keydown=move |ev: web_sys::KeyboardEvent| {
                            if ev.key() == "Enter" || ev.key() == " " {
                                ev.prevent_default();
                                on_toggle.run(i);
                            }
                        }
                    >
                        <circle class="replica-ring" cx=x cy=y r="24"></circle>
                        <text x=x y=y dy="0.35em" text-anchor="middle">{i}</text>
                        {(w && r).then(|| view! { <circle class="overlap-mark" cx=x + 17.0 cy=y - 17.0 r="6"></circle> })}
                        {down.then(|| view! {
                            <path class="cross" d=format!("M{} {}l24 24M{} {}l-24 24", x - 12.0, y - 12.0, x + 12.0, y - 12.0)></path>
                        })}
                    </g>
                }
            })
            .collect_view();
        view! {
            {lines}
            <circle class="coordinator" cx="200" cy="170" r="20"></circle>
            <text class="coordinator-label" x="200" y="170" dy="0.35em" text-anchor="middle">"C"</text>
            {nodes}
            // Keyed by the change and the replay count: new elements each time,
            // so every message's animation starts again (an element patched in
            // place would keep its finished animation).
            <For each=move || std::iter::once(journey.clone()) key=|(k, _)| k.clone()
                children=|(_, v)| packets(&v)/>
        }
    };
    let marking = move || view.with(|v| !v.marked.is_empty());
    view! {
        <svg class="replicas" class:marking=marking id="replica-svg" viewBox="0 0 400 340" role="group" aria-label="Replicas around the coordinator">
            {body}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_journey_ends_within_600_ms() {
        assert_eq!(JOURNEY_MS, 575);
        for w in LEG_START_MS.windows(2) {
            // each leg starts once every packet of the one before has arrived
            assert!(w[1] >= w[0] + LEG_MS + STAGGER_MS);
        }
    }

    #[test]
    fn replicas_sit_on_a_circle_starting_at_the_top() {
        let (x, y) = replica_xy(0, 4);
        assert!((x - 200.0).abs() < 1e-9 && (y - 40.0).abs() < 1e-9);
        let (x, _) = replica_xy(1, 4);
        assert!((x - 340.0).abs() < 1e-9);
    }
}
