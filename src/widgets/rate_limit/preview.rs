//! The gallery card's picture: the first limiters' lanes for the opening
//! scene's stream, painted by the same function as the page's lanes (all six
//! would weigh more than a card should).

use super::model;
use super::paint::{natural_height, paint_lanes, LanesData};
use super::state::RateState;
use crate::draw::pen::SvgPen;
use std::sync::Arc;

/// Lanes drawn.
const LANES: usize = 3;

/// Width of the picture, px.
const WIDTH: f64 = 480.0;

/// The lanes at `s`, as an SVG document.
pub fn preview(s: &RateState) -> String {
    let stream = model::stream(s, &[], None);
    let mut run = model::run_all(s, &stream);
    run.lanes.truncate(LANES);
    let (from_us, to_us) = model::shown_range(s.zoom, stream.end_us);
    let d = LanesData {
        window_us: run.params.window_us,
        run: Arc::new(run),
        times: Arc::clone(&stream.times),
        from_us,
        to_us,
        playhead_us: u64::MAX,
        fall: 1.0,
        moving: false,
        marked: Vec::new(),
        dark: false,
    };
    let height = natural_height(LANES);
    let mut pen = SvgPen::new(WIDTH, height);
    paint_lanes(&mut pen, WIDTH, height, 1.0, &d);
    pen.finish()
}
