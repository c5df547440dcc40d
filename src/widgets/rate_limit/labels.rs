//! The words and numbers drawn on the lanes: each limiter's state, and the
//! time axis's ticks and their labels.

use crate::ui::readout::count;
use sim::rate_limit::State;

/// A generous estimate of a text's width in units at `size`, bold or not
/// (no font is measured: the same on screen and in export).
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    text.chars().count() as f64 * size * if bold { 0.63 } else { 0.53 }
}

/// The name and value of a state, for the line above its plot. The queue
/// counts the requests waiting behind the one on its way out, so a full
/// queue of burst B holds B − 1 waiting and one leaving.
pub fn state_caption(s: &State) -> String {
    let one = |v: f64| crate::decimal::fixed(v, 1);
    match *s {
        State::TokenBucket { tokens, capacity } => {
            format!("tokens {} of {}", one(tokens), count(f64::from(capacity)))
        }
        State::LeakyQueue { depth, size, .. } if depth > 0 => format!(
            "waiting {} of {} + 1 leaving",
            count(f64::from(depth)),
            count(f64::from(size))
        ),
        State::LeakyQueue { depth, size, .. } => {
            format!("waiting {} of {}", depth, count(f64::from(size)))
        }
        State::Gcra {
            headroom, burst, ..
        } => format!("headroom {} of {}", one(headroom), count(f64::from(burst))),
        State::FixedWindow {
            count: c, limit, ..
        } => {
            format!("this window {} of {}", c, count(f64::from(limit)))
        }
        State::SlidingLog { len, limit, .. } => {
            format!("in the log {} of {}", len, count(f64::from(limit)))
        }
        State::SlidingCounter {
            estimate, limit, ..
        } => format!("estimate {} of {}", one(estimate), count(f64::from(limit))),
    }
}

/// The state as a bare level and ceiling, for a narrow lane (the queue
/// still counts the request leaving).
pub fn short_caption(s: &State) -> String {
    if let State::LeakyQueue { depth, size, .. } = *s {
        if depth > 0 {
            return format!("{depth}/{} waiting + 1 leaving", count(f64::from(size)));
        }
    }
    let level = s.level();
    let level = if level.fract() == 0.0 {
        count(level)
    } else {
        crate::decimal::fixed(level, 1)
    };
    format!("{level}/{}", count(s.ceiling()))
}

/// A tick's label: seconds, with as many decimals as the step needs.
pub fn time_label(us: u64, step_us: f64) -> String {
    let s = us as f64 / 1e6;
    let decimals = if step_us >= 1e6 {
        0
    } else if step_us >= 1e5 {
        1
    } else if step_us >= 1e4 {
        2
    } else {
        3
    };
    format!("{} s", crate::decimal::fixed(s, decimals))
}

/// Ticks of the range: round multiples of a step chosen for about `target` of them.
pub fn ticks(from: f64, to: f64, target: usize) -> (f64, Vec<u64>) {
    let span = (to - from).max(1.0);
    let steps = crate::ui::chart::nice_ticks(span, target);
    let step = steps.get(1).copied().unwrap_or(span).max(1.0);
    let first = (from / step).ceil() as u64;
    let last = (to / step).floor() as u64;
    (
        step,
        (first..=last)
            .map(|k| (k as f64 * step).round() as u64)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_queue_counts_the_request_on_its_way_out() {
        let full = State::LeakyQueue {
            depth: 9,
            size: 9,
            free_at_us: 5,
        };
        assert_eq!(state_caption(&full), "waiting 9 of 9 + 1 leaving");
        let empty = State::LeakyQueue {
            depth: 0,
            size: 9,
            free_at_us: 0,
        };
        assert_eq!(state_caption(&empty), "waiting 0 of 9");
        assert_eq!(short_caption(&full), "9/9 waiting + 1 leaving");
        assert_eq!(short_caption(&empty), "0/9");
    }

    #[test]
    fn ticks_are_round_and_labelled_to_their_step() {
        let (step, marks) = ticks(800_000.0, 1_200_000.0, 6);
        assert_eq!(step, 100_000.0);
        assert_eq!(
            marks,
            vec![800_000, 900_000, 1_000_000, 1_100_000, 1_200_000]
        );
        assert_eq!(time_label(900_000, step), "0.9 s");
        assert_eq!(time_label(2_000_000, 1e6), "2 s");
    }
}
