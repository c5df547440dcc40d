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

/// The palette's blue, the mark for reads, accepted requests and LRU.
pub const BLUE: &str = "#0072B2";

/// The same blue lightened for a dark page: `BLUE` has a contrast of only
/// 3.4 against the dark background; this has 5.1, and stays darker than the
/// palette's sky blue (`#56B4E9`) so the two remain apart.
pub const BLUE_ON_DARK: &str = "#3B8EDB";

/// The colour to draw `colour` with on a light or dark page: the palette's
/// blue is lightened on a dark one, every other colour is kept.
pub fn on_page(colour: &'static str, dark: bool) -> &'static str {
    if dark && colour.eq_ignore_ascii_case(BLUE) {
        BLUE_ON_DARK
    } else {
        colour
    }
}

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

/// The WCAG relative luminance of `hex`, 0 (black) to 1 (white).
fn luminance(hex: &str) -> f64 {
    let (r, g, b) = rgb(hex);
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            crate::draw::math::pow((c + 0.055) / 1.055, 2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// Black or white, whichever reads better on `hex` (higher WCAG contrast).
pub fn text_on(hex: &str) -> &'static str {
    let l = luminance(hex);
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

    /// The WCAG contrast of two colours.
    fn contrast(a: &str, b: &str) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn the_blue_is_lightened_on_a_dark_page_only() {
        let dark_bg = "#161a20";
        assert!(contrast(BLUE, dark_bg) < 3.5);
        assert!(contrast(on_page(BLUE, true), dark_bg) >= 4.5);
        assert!(contrast(on_page("#0072b2", true), dark_bg) >= 4.5);
        assert_eq!(on_page(BLUE, false), BLUE);
        assert_eq!(on_page("#D55E00", true), "#D55E00");
        // Still apart from the sky blue by lightness.
        assert!(contrast(on_page(BLUE, true), "#56B4E9") > 1.4);
    }
}
