//! Presentational pieces: each takes plain data or signals of plain data and
//! knows nothing of any simulation.

pub mod cache_lanes;
pub mod cells_grid;
pub mod chart;
pub mod csv;
pub mod lanes_canvas;
pub mod line_chart;
pub mod math;
pub mod notices;
pub mod palette;
pub mod pen;
pub mod readout;
pub mod replica_svg;
pub mod ring_figure;
pub mod seed_field;
pub mod slider;
pub mod timeline_svg;
