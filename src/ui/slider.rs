//! A labelled range input with its value shown beside it.

use crate::decimal::shortest;
use crate::draw::math;
use leptos::prelude::*;

/// How slider positions map to values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    /// Position is the value.
    Linear,
    /// Position is log10 of the value, for ranges spanning orders of magnitude.
    Log,
}

/// Slider positions on a log scale use this many steps per decade.
const LOG_STEPS: f64 = 100.0;

impl Scale {
    /// The input position for `value`.
    pub fn position(self, value: f64) -> f64 {
        match self {
            Scale::Linear => value,
            Scale::Log => (math::log10(value.max(1e-12)) * LOG_STEPS).round(),
        }
    }

    /// The value at input position `pos`.
    pub fn value(self, pos: f64) -> f64 {
        match self {
            Scale::Linear => pos,
            Scale::Log => math::pow(10.0, pos / LOG_STEPS),
        }
    }
}

/// A range input with a `<label>`, the formatted value in an `<output>`, and
/// native keyboard behaviour (arrows, Page Up/Down, Home/End).
#[component]
pub fn Slider(
    /// Element id, also used to tie the label to the input.
    #[prop(into)]
    id: String,
    /// Visible label.
    #[prop(into)]
    label: String,
    /// Smallest value.
    min: f64,
    /// Largest value.
    max: f64,
    /// Step in value units (linear scale only).
    #[prop(default = 1.0)]
    step: f64,
    /// Linear or logarithmic positions.
    #[prop(default = Scale::Linear)]
    scale: Scale,
    /// The current value.
    #[prop(into)]
    value: Signal<f64>,
    /// Formats the value for display.
    #[prop(default = Callback::new(|v: f64| format!("{v}")))]
    format: Callback<f64, String>,
    /// Called with the new value (already snapped to `step` on linear scales).
    on_change: Callback<f64>,
    /// Optional hint shown under the slider.
    #[prop(optional, into)]
    hint: Option<String>,
) -> impl IntoView {
    let (pmin, pmax) = (scale.position(min), scale.position(max));
    let pstep = if scale == Scale::Linear { step } else { 1.0 };
    let out_id = format!("{id}-value");
    let on_input = move |ev: leptos::ev::Event| {
        let raw = crate::decimal::parse(&event_target_value(&ev)).unwrap_or(pmin);
        let v = scale.value(raw).clamp(min, max);
        let v = if scale == Scale::Linear {
            (v / step).round() * step
        } else {
            v
        };
        on_change.run(v);
    };
    view! {
        <div class="slider">
            <label for=id.clone()>{label}</label>
            <input
                type="range"
                id=id.clone()
                min=shortest(pmin)
                max=shortest(pmax)
                step=shortest(pstep)
                prop:value=Signal::derive(move || scale.position(value.get()))
                aria-valuetext=Signal::derive(move || format.run(value.get()))
                on:input=on_input
            />
            <output id=out_id for=id>{Signal::derive(move || format.run(value.get()))}</output>
            {hint.map(|h| view! { <small class="hint">{h}</small> })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_scale_round_trips_decades() {
        for v in [1.0, 10.0, 1000.0, 100_000.0] {
            let p = Scale::Log.position(v);
            assert!((Scale::Log.value(p) - v).abs() / v < 1e-9);
        }
        assert_eq!(Scale::Linear.position(7.0), 7.0);
    }
}
