//! Drawing primitives any figure uses: the [`pen`] that paints on a canvas or
//! writes SVG, [`markup`] for layers written as text, the [`math`] of drawing (trigonometry from the browser), and
//! the colour-blind-safe [`palette`].

pub mod markup;
pub mod math;
pub mod palette;
pub mod pen;
