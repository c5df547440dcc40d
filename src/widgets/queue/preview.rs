//! The gallery card's picture: the opening scene's balancer and servers at
//! its moment, painted by the same function as the page's picture.

use super::model;
use super::picture::{data_at, paint};
use super::state::QueueState;
use crate::draw::pen::SvgPen;

/// Size of the picture, px.
const SIZE: (f64, f64) = (400.0, 240.0);

/// The picture at `s`, as an SVG document.
pub fn preview(s: &QueueState) -> String {
    let out = model::run(s);
    let t = s.at / 100.0 * model::trace_end(&out.report);
    let d = data_at(&out.report, t, s.policy_name(), false, false);
    let mut pen = SvgPen::new(SIZE.0, SIZE.1);
    paint(&mut pen, SIZE.0, SIZE.1, 1.0, &d);
    pen.finish()
}
