//! Guided tours: a few beats per widget, each a widget state (a query, the
//! same one a deep link carries) and a caption. The beats themselves are data
//! in [`crate::talk::tours`]; adding one touches no widget.
//!
//! The beat is in the URL (`beat=3`, counted from 1), so a slide can link to
//! it. A beat's state fills in whatever the link does not say, so a link with
//! just `view` and `beat` shows the beat as written, and a link that also
//! carries changed controls shows those changes on that beat.

use crate::embed::options::CARRIED;
use crate::embed::query::{Notice, Query};
use crate::widgets::WidgetKind;

/// One step of a tour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Beat {
    /// A few words, shown as the beat's heading.
    pub title: &'static str,
    /// The widget's state, as query parameters (`nodes=1&keys=200`).
    pub query: &'static str,
    /// What to notice, in a sentence or three.
    pub caption: &'static str,
    /// Control groups the beat needs in presenter mode (`presets`, `sliders`,
    /// `playback`, comma-separated); the others are hidden there.
    pub controls: &'static str,
}

/// The control groups presenter mode can hide.
pub const GROUPS: [&str; 3] = ["presets", "sliders", "playback"];

/// The widget's tour. A binary takes its own widget's tour from its
/// [`crate::bundle::Bundle`] instead, so the others' texts stay out of it.
pub fn tour(kind: WidgetKind) -> &'static [Beat] {
    crate::talk::tours::of(kind)
}

/// The beat a query asks for (1-based in the URL, 0-based here), clamped to
/// the tour `beats`, and a notice when the value had to be changed.
pub fn beat_of(q: &Query, beats: &[Beat]) -> (Option<usize>, Option<Notice>) {
    let Some(raw) = q.get("beat") else {
        return (None, None);
    };
    let len = beats.len();
    let notice = |m: String| {
        Some(Notice {
            param: "beat".to_owned(),
            message: m,
        })
    };
    match raw.trim().parse::<i64>() {
        Ok(n) if (1..=len as i64).contains(&n) => (Some(n as usize - 1), None),
        Ok(n) if len > 0 => {
            let c = n.clamp(1, len as i64);
            (
                Some(c as usize - 1),
                notice(format!("{n} is outside 1–{len}; used {c}")),
            )
        }
        _ => (
            None,
            notice(format!(
                "'{}' is not a beat number; the tour is off",
                crate::embed::query::shorten(raw)
            )),
        ),
    }
}

/// The query a widget is built from: `q`, with the state of its beat of
/// `beats` filling in every parameter `q` does not give.
pub fn expand(beats: &[Beat], q: Query) -> Query {
    let (Some(i), _) = beat_of(&q, beats) else {
        return q;
    };
    let Some(beat) = beats.get(i) else {
        return q;
    };
    let mut out = q;
    for (k, v) in Query::parse(beat.query).pairs() {
        if out.get(k).is_none() {
            out.push(k, v.clone());
        }
    }
    out
}

/// The address of beat `i` (0-based) of `kind`'s tour, or of no beat: just the
/// view, the beat, and the options the page carries (presenter mode, embed
/// options), so the beat's own state applies.
pub fn beat_query(kind: WidgetKind, i: Option<usize>, current: &Query) -> String {
    let mut q = Query::default();
    q.push("view", kind.slug());
    if let Some(i) = i {
        q.push("beat", (i + 1).to_string());
    }
    for (k, v) in current.pairs() {
        if CARRIED.contains(&k.as_str()) && k != "beat" && q.get(k).is_none() {
            q.push(k, v.clone());
        }
    }
    q.to_query_string()
}

/// `current` without its beat: the tour ends, the state stays.
pub fn without_beat(current: &Query) -> String {
    let mut q = current.clone();
    q.remove("beat");
    q.to_query_string()
}

/// Classes that hide the control groups a beat does not need.
pub fn hidden_groups(beat: &Beat) -> Vec<&'static str> {
    let wanted: Vec<&str> = beat.controls.split(',').map(str::trim).collect();
    GROUPS
        .iter()
        .filter(|g| !wanted.contains(g))
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widgets::WidgetKind;

    const ALL: [WidgetKind; 5] = [
        WidgetKind::HashRing,
        WidgetKind::Quorum,
        WidgetKind::Cache,
        WidgetKind::RateLimit,
        WidgetKind::Cells,
    ];

    #[test]
    fn every_widget_has_a_tour_of_four_to_eight_beats() {
        for k in ALL {
            let t = tour(k);
            assert!((4..=8).contains(&t.len()), "{k:?}: {} beats", t.len());
            for b in t {
                assert!(!b.title.is_empty() && b.caption.len() > 40, "{k:?}: {b:?}");
                for g in b.controls.split(',').filter(|g| !g.is_empty()) {
                    assert!(GROUPS.contains(&g.trim()), "{k:?}: unknown group {g}");
                }
                let q = Query::parse(b.query);
                assert!(
                    q.get("view").is_none() && q.get("beat").is_none(),
                    "{k:?}: {}",
                    b.query
                );
            }
        }
    }

    #[test]
    fn beats_are_counted_from_one_and_clamped() {
        let k = tour(WidgetKind::HashRing);
        let n = k.len();
        assert_eq!(beat_of(&Query::parse("?view=ring"), k), (None, None));
        assert_eq!(beat_of(&Query::parse("?view=ring&beat=1"), k).0, Some(0));
        let (b, notice) = beat_of(&Query::parse("?view=ring&beat=99"), k);
        assert_eq!(b, Some(n - 1));
        assert!(notice.is_some_and(|m| m.param == "beat"));
        let (b, notice) = beat_of(&Query::parse("?view=ring&beat=x"), k);
        assert_eq!(b, None);
        assert!(notice.is_some());
    }

    #[test]
    fn a_beat_fills_in_only_what_the_link_leaves_out() {
        let k = tour(WidgetKind::HashRing);
        let beat = Query::parse(k[0].query);
        let (key, value) = beat.pairs()[0].clone();
        let q = expand(k, Query::parse("?view=ring&beat=1"));
        assert_eq!(q.get(&key), Some(value.as_str()));
        let q = expand(k, Query::parse(&format!("?view=ring&beat=1&{key}=42")));
        assert_eq!(q.get(&key), Some("42"));
        // No beat, nothing added.
        assert_eq!(expand(k, Query::parse("?view=ring")).pairs().len(), 1);
    }

    #[test]
    fn moving_between_beats_keeps_the_page_options_and_drops_the_state() {
        let cur = Query::parse("?view=ring&beat=2&nodes=9&present=1&theme=dark");
        let next = Query::parse(&beat_query(WidgetKind::HashRing, Some(2), &cur));
        assert_eq!(next.get("beat"), Some("3"));
        assert_eq!(next.get("present"), Some("1"));
        assert_eq!(next.get("theme"), Some("dark"));
        assert_eq!(next.get("nodes"), None);
        let off = Query::parse(&without_beat(&cur));
        assert_eq!(off.get("beat"), None);
        assert_eq!(off.get("nodes"), Some("9"));
    }

    #[test]
    fn presenter_mode_keeps_only_the_groups_a_beat_names() {
        let b = Beat {
            title: "t",
            query: "",
            caption: "c",
            controls: "presets, playback",
        };
        assert_eq!(hidden_groups(&b), vec!["sliders"]);
        let none = Beat { controls: "", ..b };
        assert_eq!(hidden_groups(&none).len(), 3);
    }
}
