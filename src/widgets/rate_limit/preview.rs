//! The gallery card's picture: the first limiters' lanes for the opening
//! scene's stream, painted by the same function as the page's lanes (all six
//! would weigh more than a card should).

use super::lanes::{paint_lanes, LanesData, AXIS_HEIGHT, LANE_HEIGHT};
use super::model;
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
    let lanes = run.lanes.len().max(1) as f64;
    let d = LanesData {
        run: Arc::new(run),
        times: Arc::clone(&stream.times),
        end_us: stream.end_us,
        playhead_us: u64::MAX,
        dark: false,
    };
    let height = lanes * LANE_HEIGHT + AXIS_HEIGHT;
    let mut pen = SvgPen::new(WIDTH, height);
    paint_lanes(&mut pen, WIDTH, height, 1.0, &d);
    pen.finish()
}
