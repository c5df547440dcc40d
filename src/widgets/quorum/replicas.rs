//! Replicas around a coordinator, with a write set, a read set and crashed
//! replicas, built from plain data. Each replica is a button: clicking or pressing
//! Enter crashes it or brings it back. Whenever the sets change (or the reader
//! asks for a replay; during a drag, once it stops) the messages travel: the write out to the write set and
//! its acks back, then the read out to the read set and its replies back, in
//! under 600 ms; under reduced motion the lines alone are the still picture.

use crate::draw::markup::num;
use crate::draw::math;
use leptos::prelude::*;
use std::f64::consts::PI;
use std::fmt::Write as _;

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

/// How long the sets must be still before a change that follows another
/// plays its messages (sooner than the heavier figures catch up, in a task
/// of its own).
const QUIET_MS: u32 = 100;

/// When the last packet arrives, in ms after a change.
pub const JOURNEY_MS: u32 = LEG_START_MS[3] + STAGGER_MS + LEG_MS;
// Motion stays under 600 ms.
const _: () = assert!(JOURNEY_MS < 600);

/// Appends one travelling message: its class, where it starts and ends, and
/// its delay.
fn packet(out: &mut String, class: &str, from: (f64, f64), to: (f64, f64), delay: u32) {
    out.push_str("<circle class=\"");
    out.push_str(class);
    out.push_str("\" r=\"7\" style=\"");
    for (name, v) in [
        ("--x0", from.0),
        ("--y0", from.1),
        ("--x1", to.0),
        ("--y1", to.1),
    ] {
        out.push_str(name);
        out.push(':');
        num(out, v);
        out.push_str("px;");
    }
    let _ = write!(out, "--d:{delay}ms;--t:{LEG_MS}ms\"></circle>");
}

/// The messages of one change, to and from every replica of the two sets,
/// as markup. Set whole, it makes new elements, so every message's animation
/// starts again (an element patched in place would keep its finished
/// animation); the replay count makes a replay's markup differ from the last.
fn packets(v: &ReplicaView) -> String {
    let c = (200.0, 170.0);
    let n = v.n;
    let lag = |k: usize, of: usize| (k as u32 * STAGGER_MS) / (of.max(2) as u32 - 1);
    let mut out = String::with_capacity(140 * 2 * (v.write_set.len() + v.read_set.len()) + 40);
    let _ = write!(out, "<g data-replay=\"{}\">", v.replay);
    for (k, &i) in v.write_set.iter().enumerate() {
        let at = replica_xy(i, n);
        let d = lag(k, v.write_set.len());
        packet(&mut out, "packet write", c, at, LEG_START_MS[0] + d);
        packet(&mut out, "packet ack", at, c, LEG_START_MS[1] + d);
    }
    for (k, &i) in v.read_set.iter().enumerate() {
        let at = replica_xy(i, n);
        let d = lag(k, v.read_set.len());
        packet(&mut out, "packet read", c, at, LEG_START_MS[2] + d);
        packet(&mut out, "packet reply", at, c, LEG_START_MS[3] + d);
    }
    out.push_str("</g>");
    out
}

/// Position of replica `i` of `n` around the coordinator.
pub fn replica_xy(i: u32, n: u32) -> (f64, f64) {
    let a = 2.0 * PI * f64::from(i) / f64::from(n.max(1)) - PI / 2.0;
    (200.0 + 140.0 * math::cos(a), 170.0 + 130.0 * math::sin(a))
}

/// What one replica shows.
#[derive(Clone, Debug, PartialEq)]
struct Node {
    x: f64,
    y: f64,
    write: bool,
    read: bool,
    down: bool,
    marked: bool,
}

/// Replica `i` as a button, following `view`.
fn replica(i: u32, view: Signal<ReplicaView>, on_toggle: Callback<u32>) -> impl IntoView {
    let me = Memo::new(move |_| {
        view.with(|v| {
            let (x, y) = replica_xy(i, v.n);
            Node {
                x,
                y,
                write: v.write_set.contains(&i),
                read: v.read_set.contains(&i),
                down: v.failed.contains(&i),
                marked: v.marked.contains(&i),
            }
        })
    });
    // With the sliders hidden a replica is drawn but cannot be crashed.
    let inert = crate::kit::hides(crate::embed::options::Part::Sliders);
    let label = move || {
        me.with(|m| {
            let role = match (m.write, m.read) {
                (true, true) => "in the write set and the read set",
                (true, false) => "in the write set",
                (false, true) => "in the read set",
                _ => "in neither set",
            };
            let press = if inert {
                ""
            } else if m.down {
                " Press to bring it back."
            } else {
                " Press to crash it."
            };
            format!(
                "Replica {i}: {}, {role}.{press}",
                if m.down { "crashed" } else { "up" },
            )
        })
    };
    let x = move || me.with(|m| m.x);
    let y = move || me.with(|m| m.y);
    view! {
        <g
            class="replica"
            class:write=move || me.with(|m| m.write)
            class:read=move || me.with(|m| m.read)
            class:down=move || me.with(|m| m.down)
            class:marked=move || me.with(|m| m.marked)
            data-replica=i
            role=(!inert).then_some("button")
            tabindex=(!inert).then_some("0")
            aria-label=label
            aria-pressed=move || (!inert).then(|| if me.with(|m| m.down) { "true" } else { "false" })
            on:click=move |_| if !inert { on_toggle.run(i) }
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if !inert && (ev.key() == "Enter" || ev.key() == " ") {
                    ev.prevent_default();
                    on_toggle.run(i);
                }
            }
        >
            <circle class="replica-ring" cx=x cy=y r="24"></circle>
            <text x=x y=y dy="0.35em" text-anchor="middle">{i}</text>
            {move || me.with(|m| (m.write && m.read).then_some((m.x, m.y))).map(|(x, y)| view! {
                <circle class="overlap-mark" cx=x + 17.0 cy=y - 17.0 r="6"></circle>
            })}
            {move || me.with(|m| m.down.then_some((m.x, m.y))).map(|(x, y)| view! {
                <path class="cross" d=format!("M{} {}l24 24M{} {}l-24 24", x - 12.0, y - 12.0, x + 12.0, y - 12.0)></path>
            })}
        </g>
    }
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
    // The lines of the two sets, each keyed by what it shows: a change of W or
    // R adds or removes lines and leaves the others alone.
    let links = move || {
        view.with(|v| {
            (0..v.n)
                .flat_map(|i| {
                    let marked = v.marked.contains(&i);
                    // A replica in both sets gets both lines, the read set's dashes on top.
                    [
                        (v.write_set.contains(&i), "link write"),
                        (v.read_set.contains(&i), "link read"),
                    ]
                    .into_iter()
                    .filter(|(on, _)| *on)
                    .map(move |(_, class)| (i, v.n, class, marked))
                })
                .collect::<Vec<_>>()
        })
    };
    let count = Memo::new(move |_| view.with(|v| v.n));
    // A click replays the messages at once; a drag, once it stops (on every
    // frame of it they would only flicker at the coordinator).
    let journey = crate::kit::settle::leading(Memo::new(move |_| view.with(packets)), QUIET_MS);
    let marking = move || view.with(|v| !v.marked.is_empty());
    view! {
        <svg class="replicas" class:marking=marking id="replica-svg" viewBox="0 0 400 340" role="group" aria-label="Replicas around the coordinator">
            <For each=links key=|l| *l children=|(i, n, class, marked)| {
                let (x, y) = replica_xy(i, n);
                view! { <line class=class class:marked=marked x1="200" y1="170" x2=x y2=y></line> }
            }/>
            <circle class="coordinator" cx="200" cy="170" r="20"></circle>
            <text class="coordinator-label" x="200" y="170" dy="0.35em" text-anchor="middle">"C"</text>
            // Each replica keeps its element while N, W or R change (and so its
            // focus when a key press crashes it): only what differs is set.
            <For each=move || 0..count.get() key=|i| *i children=move |i| replica(i, view, on_toggle)/>
            <g class="packets" aria-hidden="true" inner_html=journey></g>
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
