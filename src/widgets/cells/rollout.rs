//! A bad deploy's events on its time axis (each wave that went out, the
//! detection, every cell healthy again), the chart that marks them, and the
//! step from one event to the next that the timeline's buttons and the ↑/↓
//! keys take.

use crate::ui::line_chart::{LineChartData, Series};
use sim::cells::deploy::Timeline;

/// The minutes something happens, in order, with a short name: the canary,
/// each later wave that went out, the detection, every unit healthy again.
/// Events at the same minute share one entry.
pub fn events(tl: &Timeline) -> Vec<(u32, String)> {
    let mut out: Vec<(u32, String)> = Vec::new();
    let mut add = |m: u32, name: String| match out.iter_mut().find(|e| e.0 == m) {
        Some(e) => {
            e.1.push_str(" · ");
            e.1.push_str(&name);
        }
        None => out.push((m, name)),
    };
    for (i, &start) in tl
        .wave_start
        .iter()
        .enumerate()
        .take(tl.halted_after_wave as usize + 1)
    {
        add(
            start,
            if i == 0 {
                "canary".to_owned()
            } else {
                format!("wave {i}")
            },
        );
    }
    add(tl.detected_at, "detected".to_owned());
    add(tl.healthy_at, "all healthy".to_owned());
    out.sort_by_key(|e| e.0);
    out
}

/// The minute a step from `minute` lands on: the next event (forward) or the
/// previous one (back), else the timeline's end or its start.
pub fn step(tl: &Timeline, minute: u32, forward: bool) -> u32 {
    let ev = events(tl);
    if forward {
        ev.iter()
            .map(|e| e.0)
            .find(|&m| m > minute)
            .unwrap_or(tl.minutes)
            .min(tl.minutes)
    } else {
        ev.iter()
            .rev()
            .map(|e| e.0)
            .find(|&m| m < minute)
            .unwrap_or(0)
    }
}

/// Traffic failing minute by minute over the deploy, down to zero at the
/// minute every unit is healthy again, with the events marked.
pub fn chart(tl: &Timeline, minute: u32, dark: bool) -> LineChartData {
    let mut points: Vec<(f64, f64)> = tl
        .traffic_lost
        .iter()
        .enumerate()
        .map(|(m, &v)| (m as f64, v))
        .collect();
    // why: the timeline lists the minutes something is broken; at its end,
    // the minute the caption calls healthy, nothing fails.
    points.push((f64::from(tl.minutes), 0.0));
    let mut markers: Vec<(f64, String)> = events(tl)
        .into_iter()
        .map(|(m, name)| (f64::from(m), name))
        .collect();
    if !markers.iter().any(|m| m.0 == f64::from(minute)) {
        markers.push((f64::from(minute), format!("now: {minute}")));
    }
    markers.sort_by(|a, b| a.0.total_cmp(&b.0));
    LineChartData {
        series: vec![Series {
            label: "traffic failing".into(),
            colour: "#D55E00",
            points,
            dashed: false,
        }],
        gaps: Vec::new(),
        markers,
        x_label: "minutes since the canary".into(),
        y_label: "share of traffic failing".into(),
        y_min: 0.0,
        y_max: 1.0,
        y_percent: true,
        dark,
        x_log: false,
        hide_legend: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widgets::cells::model;
    use crate::widgets::cells::state::{CellsState, Fault};

    fn deploy() -> Timeline {
        let s = CellsState {
            cells: 20,
            fault: Fault::Deploy,
            wave: 2,
            bake: 30,
            detect: 45,
            rollback: 20,
            ..CellsState::default()
        };
        let pop = model::population(&s);
        let pl = model::placement(&s, &pop);
        model::deploy(&s, &pop, &pl).expect("a deploy")
    }

    #[test]
    fn the_events_are_the_waves_the_detection_and_the_end() {
        let tl = deploy();
        let names: Vec<(u32, String)> = events(&tl);
        let minutes: Vec<u32> = names.iter().map(|e| e.0).collect();
        assert_eq!(
            minutes,
            vec![0, tl.wave_start[1], tl.detected_at, tl.healthy_at]
        );
        // why: the caption counts "the canary and one wave", so the first wave
        // after the canary is wave 1.
        assert_eq!(names[1].1, "wave 1");
        assert_eq!(names[3].1, "all healthy");
    }

    #[test]
    fn a_step_goes_a_whole_wave_and_stops_at_the_ends() {
        let tl = deploy();
        assert_eq!(step(&tl, 0, true), tl.wave_start[1]);
        assert_eq!(step(&tl, 1, true), tl.wave_start[1]);
        assert_eq!(step(&tl, tl.wave_start[1], true), tl.detected_at);
        assert_eq!(step(&tl, tl.detected_at, true), tl.healthy_at);
        assert_eq!(step(&tl, tl.healthy_at, true), tl.healthy_at);
        assert_eq!(step(&tl, tl.healthy_at, false), tl.detected_at);
        assert_eq!(step(&tl, tl.wave_start[1] + 3, false), tl.wave_start[1]);
        assert_eq!(step(&tl, 0, false), 0);
    }

    #[test]
    fn the_chart_reaches_zero_when_every_unit_is_healthy() {
        let tl = deploy();
        let c = chart(&tl, 35, false);
        let pts = &c.series[0].points;
        assert_eq!(pts.len(), tl.traffic_lost.len() + 1);
        assert_eq!(pts.last(), Some(&(f64::from(tl.healthy_at), 0.0)));
        assert!(
            pts[tl.detected_at as usize].1 > 0.0,
            "still failing at detection"
        );
        let labels: Vec<&str> = c.markers.iter().map(|m| m.1.as_str()).collect();
        assert_eq!(
            labels,
            ["canary", "wave 1", "now: 35", "detected", "all healthy"]
        );
        assert!(c.markers.windows(2).all(|w| w[0].0 <= w[1].0));
    }
}
