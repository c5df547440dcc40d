//! How the cells widget's controls change its state: every change keeps the
//! dependent fields in range, and a unit is called what the architecture calls it.

use super::state::ArchKind;
use super::state::CellsState;
use leptos::prelude::*;

/// Applies a change to the state, then keeps dependent fields in range, as
/// every control does.
pub fn updater(
    state: RwSignal<CellsState>,
) -> impl Fn(&dyn Fn(&mut CellsState)) + Copy + Send + Sync + 'static {
    move |f| {
        state.update(|s| {
            f(s);
            s.fix();
        })
    }
}

/// A slider's change handler: sets a field through [`updater`].
pub fn setter(
    state: RwSignal<CellsState>,
) -> impl Fn(fn(&mut CellsState, f64)) -> Callback<f64> + Copy + Send + Sync + 'static {
    let update = updater(state);
    move |f| Callback::new(move |v: f64| update(&|s| f(s, v)))
}

/// What one unit of the architecture is called.
pub fn unit_name(s: &CellsState) -> &'static str {
    if s.arch == ArchKind::Shuffle {
        "worker"
    } else {
        "cell"
    }
}
