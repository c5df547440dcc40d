//! Replicas around a coordinator, with a write set, a read set and crashed
//! replicas, built from plain data. Each replica is a button: clicking or pressing
//! Enter crashes it or brings it back.

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
        // A replica in both sets gets both lines, the read set's dashes on top.
        let lines = (0..n)
            .flat_map(|i| {
                let (x, y) = replica_xy(i, n);
                let sets = [
                    (v.write_set.contains(&i), "link write"),
                    (v.read_set.contains(&i), "link read"),
                ];
                sets.into_iter()
                    .filter(|(on, _)| *on)
                    .map(move |(_, class)| {
                        view! { <line class=class x1="200" y1="170" x2=x y2=y></line> }
                    })
            })
            .collect_view();
        let nodes = (0..n)
            .map(|i| {
                let (x, y) = replica_xy(i, n);
                let w = v.write_set.contains(&i);
                let r = v.read_set.contains(&i);
                let down = v.failed.contains(&i);
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
        }
    };
    view! {
        <svg class="replicas" id="replica-svg" viewBox="0 0 400 340" role="group" aria-label="Replicas around the coordinator">
            {body}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replicas_sit_on_a_circle_starting_at_the_top() {
        let (x, y) = replica_xy(0, 4);
        assert!((x - 200.0).abs() < 1e-9 && (y - 40.0).abs() < 1e-9);
        let (x, _) = replica_xy(1, 4);
        assert!((x - 340.0).abs() < 1e-9);
    }
}
