//! The gallery card's picture: step mode's two policies side by side at the
//! opening scene's request, painted by the same functions as the lanes.

use super::frames::{frames, lanes_view, step_keys};
use super::lanes::paint_lanes_view;
use super::model;
use super::state::CacheState;
use crate::draw::pen::{Align, NullPen, Pen, Shifted, SvgPen};

/// Width of one policy's column, px.
const COLUMN: f64 = 190.0;

/// The two policies at `s`, as an SVG document.
pub fn preview(s: &CacheState) -> String {
    let w = model::workload(&s.workload_inputs(), None);
    let keys = step_keys(&w);
    let at = (s.at as usize).min(keys.len());
    let cfg = model::config(s, s.slots as usize, w.universe);
    let name = |key| w.name(key);
    let views: Vec<_> = [s.left, s.right]
        .into_iter()
        .map(|kind| {
            let f = frames(kind, &cfg, keys);
            let view = match f.after(at) {
                Some(fr) => lanes_view(kind, &fr.snapshot, Some(fr), &name),
                None => lanes_view(kind, &f.empty, None, &name),
            };
            (kind, view)
        })
        .collect();
    let title = 22.0;
    let height = views
        .iter()
        .map(|(_, v)| paint_lanes_view(&mut NullPen, COLUMN, 1.0, v, false))
        .fold(0.0, f64::max)
        + title;
    let mut pen = SvgPen::new(COLUMN * 2.0 + 12.0, height);
    for (i, (kind, v)) in views.iter().enumerate() {
        let x = i as f64 * (COLUMN + 12.0);
        pen.set_fill(model::policy_colour(*kind));
        pen.set_font(14.0, 600);
        pen.set_align(Align::Left);
        pen.fill_text(kind.label(), x + 4.0, 2.0);
        paint_lanes_view(&mut Shifted::new(&mut pen, x, title), COLUMN, 1.0, v, false);
    }
    pen.finish()
}
