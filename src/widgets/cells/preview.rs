//! The gallery card's picture: the opening scene's grid of cells or workers
//! with its tenants and what the fault reaches, painted by the same function
//! as the page's grid.

use super::grid::{paint_grid, shape, GridData};
use super::model;
use super::state::CellsState;
use crate::draw::pen::SvgPen;
use std::sync::Arc;

/// Width of the picture, px; its height follows the grid's shape.
const WIDTH: f64 = 400.0;
/// The grid's width over its height, as on a laptop's page.
const ASPECT: f64 = 5.0 / 3.0;

/// The grid at `s`, as an SVG document.
pub fn preview(s: &CellsState) -> String {
    let pop = model::population(s);
    let pl = model::placement(s, &pop);
    let tl = model::deploy(s, &pop, &pl);
    let fault = model::fault_view(s, &pop, &pl, tl.as_ref());
    let (dots, counts, _) = model::grid_dots(&pop, &pl, &model::heaviest(&pop, pop.len()));
    let mut failed = vec![false; pl.units as usize];
    for &u in &fault.failed {
        if let Some(x) = failed.get_mut(u as usize) {
            *x = true;
        }
    }
    let (cols, rows) = shape(pl.units, ASPECT);
    let height = (WIDTH / f64::from(cols.max(1)) * f64::from(rows.max(1))).ceil();
    let d = GridData {
        units: pl.units,
        shape: (cols, rows),
        failed: Arc::new(failed),
        focus: Arc::new(Vec::new()),
        dots: Arc::new(dots),
        counts: Arc::new(counts),
        status: Arc::new(fault.impact.status.clone()),
        ringed: fault.poison,
        cursor: None,
        dark: false,
    };
    let mut pen = SvgPen::new(WIDTH, height);
    paint_grid(&mut pen, WIDTH, height, 1.0, &d);
    pen.finish()
}
