//! Presentational pieces: each takes plain data or signals of plain data and
//! knows nothing of any simulation.

pub mod chart;
pub mod notices;
pub mod palette;
pub mod readout;
pub mod ring_svg;
pub mod slider;
