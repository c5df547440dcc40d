//! Colours for nodes: a colour-blind-safe palette.
//!
//! The first eight are the Okabe–Ito set, chosen to stay distinct under the common
//! colour-vision deficiencies; the next sixteen are darker and lighter variants of
//! the same hues, so a ring of many nodes cycles through 24 before repeating.
//! Colour is never the only cue: nodes are also named in labels and tooltips.

const PALETTE: [&str; 24] = [
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#8C8C8C",
    "#A87300", "#2D87BD", "#006B4E", "#B8AC1A", "#004D7A", "#9B4400", "#99507A", "#5C5C5C",
    "#F5C96A", "#A3D7F3", "#5CCCAB", "#F7F09A", "#5AA6D6", "#F0945C", "#E3B3CF", "#C4C4C4",
];

/// The colour of node `id`, stable across topology changes.
pub fn node_colour(id: u32) -> &'static str {
    PALETTE[id as usize % PALETTE.len()]
}

/// `#RRGGBB` as three bytes (black when malformed).
pub fn rgb(hex: &str) -> (u8, u8, u8) {
    let h = hex.trim_start_matches('#');
    let byte = |i: usize| {
        h.get(i..i + 2)
            .and_then(|s| u8::from_str_radix(s, 16).ok())
            .unwrap_or(0)
    };
    (byte(0), byte(2), byte(4))
}

/// Black or white, whichever reads better on `hex` (higher WCAG contrast).
pub fn text_on(hex: &str) -> &'static str {
    let (r, g, b) = rgb(hex);
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            crate::draw::math::pow((c + 0.055) / 1.055, 2.4)
        }
    };
    let l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    // Contrast with black is (l+0.05)/0.05, with white 1.05/(l+0.05).
    if (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) {
        "#000000"
    } else {
        "#ffffff"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_cycle_and_parse() {
        assert_eq!(node_colour(0), node_colour(24));
        assert_ne!(node_colour(0), node_colour(1));
        assert_eq!(rgb("#E69F00"), (0xE6, 0x9F, 0x00));
        assert_eq!(rgb("nonsense"), (0, 0, 0));
        assert_eq!(text_on("#0072B2"), "#ffffff");
        assert_eq!(text_on("#F0E442"), "#000000");
    }
}
