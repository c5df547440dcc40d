//! The gallery card's picture: the ring as the page opens on it, painted by
//! the same functions as the figure.

use super::layout::RingView;
use super::model;
use super::paint::{square, Emphasis, RingColours};
use super::state::RingState;
use crate::draw::pen::SvgPen;
use sim::hash_ring::Ring;
use sim::keys::Keys;

/// Side of the picture, px.
const SIDE: f64 = 240.0;

/// The ring at `s`, as an SVG document.
pub fn preview(s: &RingState) -> String {
    let keys = Keys::generate(s.keys as usize, s.seed);
    let ring = Ring::build(&s.topology_after(), s.vnodes, s.seed);
    let view = RingView::build(&model::ring_input(s, &keys, &ring, &ring));
    let mut pen = SvgPen::new(SIDE, SIDE);
    let colours = RingColours::of(false);
    view.paint_base(&mut pen, square(SIDE, SIDE), &Emphasis::default(), colours);
    view.paint_overlay(&mut pen, square(SIDE, SIDE), colours);
    pen.finish()
}
