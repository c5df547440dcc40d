//! The gallery card's picture: the opening scene's grid of cells or workers
//! with its tenants and what the fault reaches, painted by the same function
//! as the page's grid.

use super::grid::{paint_grid, GridData};
use super::model;
use super::state::CellsState;
use crate::draw::pen::SvgPen;
use std::sync::Arc;

/// Size of the picture, px.
const WIDTH: f64 = 240.0;
/// See `WIDTH`.
const HEIGHT: f64 = 240.0;

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
    let d = GridData {
        units: pl.units,
        failed: Arc::new(failed),
        dots: Arc::new(dots),
        counts: Arc::new(counts),
        status: Arc::new(fault.impact.status.clone()),
        poison: fault.poison,
        cursor: None,
        dark: false,
    };
    let mut pen = SvgPen::new(WIDTH, HEIGHT);
    paint_grid(&mut pen, WIDTH, HEIGHT, 1.0, &d);
    pen.finish()
}
