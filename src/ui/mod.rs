//! Presentational pieces: each takes plain data or signals of plain data and
//! knows nothing of any simulation.

pub mod canvas;
pub mod chart;
pub mod line_chart;
pub mod listen;
pub mod notices;
pub mod readout;
pub mod seed_field;
pub mod slider;
pub mod theme;
