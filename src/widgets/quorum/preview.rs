//! The gallery card's picture: the replicas of the opening scene, the
//! sampled write set and read set drawn as the replica diagram draws them.

use super::replicas::replica_xy;
use super::scenes::facts;
use super::state::QuorumState;
use crate::draw::palette::BLUE;
use crate::draw::pen::{Align, Pen, SvgPen};

/// The write set's colour (vermillion), as on the page.
const WRITE: &str = "#D55E00";

/// The replicas at `s`, as an SVG document (the page's 400 × 340 drawing).
pub fn preview(s: &QuorumState) -> String {
    let f = facts(s);
    let mut pen = SvgPen::new(400.0, 340.0);
    let (cx, cy) = (200.0, 170.0);
    for i in 0..f.n {
        let (x, y) = replica_xy(i, f.n);
        for (on, colour, dash) in [
            (f.write_set.contains(&i), WRITE, &[][..]),
            (f.read_set.contains(&i), BLUE, &[6.0, 4.0][..]),
        ] {
            if on {
                pen.set_stroke(colour);
                pen.set_line_width(3.0);
                pen.set_dash(dash);
                pen.begin_path();
                pen.move_to(cx, cy);
                pen.line_to(x, y);
                pen.stroke();
            }
        }
    }
    pen.set_dash(&[]);
    pen.set_fill("#f4f5f7");
    pen.set_stroke("#1f2328");
    pen.set_line_width(2.0);
    pen.begin_path();
    pen.circle(cx, cy, 20.0);
    pen.fill();
    pen.stroke();
    pen.set_font(15.0, 700);
    pen.set_align(Align::Center);
    pen.set_fill("#1f2328");
    pen.fill_text("C", cx, cy - 8.0);
    for i in 0..f.n {
        let (x, y) = replica_xy(i, f.n);
        let (w, r) = (f.write_set.contains(&i), f.read_set.contains(&i));
        pen.set_fill(if f.failed.contains(&i) {
            "#ffffff"
        } else {
            "#f4f5f7"
        });
        pen.begin_path();
        pen.circle(x, y, 24.0);
        pen.fill();
        let (colour, width, dash): (&str, f64, &[f64]) = match (w, r) {
            (true, _) => (WRITE, 4.0, &[]),
            (false, true) => (BLUE, 4.0, &[6.0, 3.0]),
            _ => ("#c9ced6", 2.0, &[]),
        };
        pen.set_stroke(colour);
        pen.set_line_width(width);
        pen.set_dash(dash);
        pen.begin_path();
        pen.circle(x, y, 24.0);
        pen.stroke();
        pen.set_dash(&[]);
        if w && r {
            // In both sets: the overlap's blue mark.
            pen.set_fill(BLUE);
            pen.begin_path();
            pen.circle(x + 17.0, y - 17.0, 6.0);
            pen.fill();
        }
        pen.set_fill("#1f2328");
        pen.fill_text(&i.to_string(), x, y - 8.0);
    }
    pen.finish()
}
