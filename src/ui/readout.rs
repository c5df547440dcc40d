//! A computed figure with its label, readable by people, tests and host pages.

use crate::decimal::{fixed, shortest};
use leptos::prelude::*;

/// One figure. The element carries `data-metric` (a stable name) and `data-value`
/// (full precision), so tests and embedding pages never parse formatted text.
#[component]
pub fn Readout(
    /// Stable metric name, e.g. `moved-share`.
    #[prop(into)]
    metric: String,
    /// Visible label.
    #[prop(into)]
    label: String,
    /// The value; `None` shows a dash (not applicable here).
    #[prop(into)]
    value: Signal<Option<f64>>,
    /// Formats the value for people.
    format: Callback<f64, String>,
    /// Optional longer explanation, shown as a tooltip and to screen readers.
    #[prop(optional, into)]
    title: Option<String>,
    /// Whether the value is being recomputed for the controls as they are
    /// now: it shows "…" meanwhile, never a figure of an earlier setting.
    #[prop(optional, into)]
    pending: Signal<bool>,
) -> impl IntoView {
    let shown = move || (!pending.get()).then(|| value.get()).flatten();
    view! {
        <div
            class="readout"
            data-metric=metric
            data-value=move || shown().map(shortest).unwrap_or_default()
            aria-busy=move || pending.get().then_some("true")
            title=title
        >
            <span class="readout-label">{label}</span>
            <span class="readout-value">
                {move || match shown() {
                    Some(v) => format.run(v),
                    None if pending.get() => "…".into(),
                    None => "—".into(),
                }}
            </span>
        </div>
    }
}

/// Formats a share as a percentage with one decimal.
pub fn percent(v: f64) -> String {
    format!("{}%", fixed(v * 100.0, 1))
}

/// Formats a count with narrow no-break spaces between thousands, so a number
/// never breaks across lines.
pub fn count(v: f64) -> String {
    let n = v.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202F}');
        }
        out.push(c);
    }
    if n < 0 {
        format!("−{out}")
    } else {
        out
    }
}

/// Formats a ratio with two decimals.
pub fn ratio(v: f64) -> String {
    fixed(v, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(percent(0.1234), "12.3%");
        assert_eq!(count(1234567.0), "1\u{202F}234\u{202F}567");
        assert_eq!(count(12.0), "12");
        assert_eq!(ratio(1.005), "1.00");
    }
}
