//! The ring's derivation chain: each memo reruns only when what it reads
//! changes, split by how urgently a figure must follow a slider.
//!
//! - **Live**, on every input: the ring, its placement of every key and the
//!   load figures.
//! - **Settled**, once the controls have been still for [`MOVES_DELAY_MS`]:
//!   what the last change moved, which needs a second placement (before the
//!   change) and mod-N twice. These memos track only the settled state and
//!   reuse the live placement when it matches, so a drag never computes them.
//! - **Comparison**, after [`COMPARE_DELAY_MS`]: five schemes placing every
//!   key before and after the change.

use super::layout::RingView;
use super::model::{self, Comparison, LoadReport, MoveReport};
use super::state::RingState;
use crate::kit::settle::settle;
use crate::kit::Shared;
use leptos::prelude::*;
use sim::hash_ring::Ring;
use sim::keys::Keys;
use sim::topology::Topology;
use std::sync::Arc;

/// How long the controls must be still before the strategy comparison reruns.
/// It places every key five times over; doing that on every slider step of a
/// drag would drop frames at the largest sizes.
pub const COMPARE_DELAY_MS: u32 = 250;

/// How long the controls must be still before the "what moved" figures follow.
pub const MOVES_DELAY_MS: u32 = 120;

/// Every figure of the ring widget, as memos.
#[derive(Clone, Copy)]
pub struct Figures {
    /// The keys.
    pub keys: Memo<Shared<Keys>>,
    /// The nodes as they are now.
    pub topo_after: Memo<Topology>,
    /// The ring as it is now.
    pub ring_after: Memo<Shared<Ring>>,
    /// Keys per node and the load spread, now.
    pub load: Memo<LoadReport>,
    /// The state the "what moved" figures are computed from.
    pub moves_state: ReadSignal<RingState>,
    /// Whether they lag behind the controls.
    pub moves_stale: Memo<bool>,
    /// What the last change moved.
    pub moves: Memo<MoveReport>,
    /// The drawing (moved keys marked only once the figures match it).
    pub ring_view: Memo<Arc<RingView>>,
    /// Five schemes on the same keys and change.
    pub comparison: Memo<Comparison>,
    /// Whether the comparison lags behind the controls.
    pub comparison_stale: Memo<bool>,
}

impl Figures {
    /// Derives every figure from the state.
    pub fn of(state: RwSignal<RingState>) -> Figures {
        let key_params = Memo::new(move |_| state.with(|s| (s.keys, s.seed)));
        // A change of the key count edits the previous keys instead of drawing anew.
        let keys = Memo::new(move |prev: Option<&Shared<Keys>>| {
            let (n, seed) = key_params.get();
            Shared::new(match prev {
                Some(k) => k.update(n as usize, seed),
                None => Keys::generate(n as usize, seed),
            })
        });
        let topo_after = Memo::new(move |_| state.with(|s| s.topology_after()));
        let ring_params = Memo::new(move |_| state.with(|s| (s.vnodes, s.seed)));
        // A node joining or leaving edits the previous ring instead of building anew.
        let ring_after = Memo::new(move |prev: Option<&Shared<Ring>>| {
            let (v, seed) = ring_params.get();
            topo_after.with(|t| {
                Shared::new(match prev {
                    Some(r) => r.update(t, v, seed),
                    None => Ring::build(t, v, seed),
                })
            })
        });
        // Owners in key-hash order: counts and before/after comparisons need no more.
        let assign_after = Memo::new(move |_| {
            let k = keys.get();
            ring_after.with(|r| Shared::new(r.assign_sorted(&k)))
        });
        let load = Memo::new(move |_| {
            let (k, ra, pa) = (keys.get(), ring_after.get(), assign_after.get());
            topo_after.with(|a| state.with_untracked(|s| model::load_report(s, &k, &ra, a, &pa)))
        });

        let inputs = Memo::new(move |_| state.with(RingState::comparison_inputs));
        let (moves_state, moves_stale) = settle(inputs, MOVES_DELAY_MS, |_| true);
        // The settled memos read the live values untracked: once the controls
        // are still the settled state equals the live one and the live
        // placement is reused.
        let s_keys = Memo::new(move |_| {
            let kp = moves_state.with(|s| (s.keys, s.seed));
            if kp == key_params.get_untracked() {
                keys.get_untracked()
            } else {
                Shared::new(Keys::generate(kp.0 as usize, kp.1))
            }
        });
        let s_topo_after = Memo::new(move |_| moves_state.with(RingState::topology_after));
        let s_topo_before = Memo::new(move |_| moves_state.with(RingState::topology_before));
        let s_ring_after = Memo::new(move |_| {
            let rp = moves_state.with(|s| (s.vnodes, s.seed));
            let same = rp == ring_params.get_untracked()
                && s_topo_after.with(|s| topo_after.with_untracked(|t| s == t));
            if same {
                ring_after.get_untracked()
            } else {
                s_topo_after.with(|t| Shared::new(Ring::build(t, rp.0, rp.1)))
            }
        });
        let s_ring_before = Memo::new(move |_| {
            if s_topo_before.with(|b| s_topo_after.with(|a| a == b)) {
                return s_ring_after.get();
            }
            let rp = moves_state.with(|s| (s.vnodes, s.seed));
            s_topo_before.with(|t| Shared::new(Ring::build(t, rp.0, rp.1)))
        });
        let s_assign_after = Memo::new(move |_| {
            let (k, r) = (s_keys.get(), s_ring_after.get());
            if k == keys.get_untracked() && r == ring_after.get_untracked() {
                assign_after.get_untracked()
            } else {
                Shared::new(r.assign_sorted(&k))
            }
        });
        let s_assign_before = Memo::new(move |_| {
            if s_ring_before.get() == s_ring_after.get() {
                return s_assign_after.get();
            }
            let k = s_keys.get();
            s_ring_before.with(|r| Shared::new(r.assign_sorted(&k)))
        });
        let moves = Memo::new(move |_| {
            let (k, pb, pa) = (s_keys.get(), s_assign_before.get(), s_assign_after.get());
            let (b, a) = (s_topo_before.get(), s_topo_after.get());
            moves_state.with(|s| model::move_report(s, &k, &b, &a, &pb, &pa))
        });

        let draw_params = Memo::new(move |_| state.with(|s| (s.key, s.rf)));
        let ring_view = Memo::new(move |_| {
            let _ = draw_params.get();
            let (k, ra) = (keys.get(), ring_after.get());
            // Moved keys are marked only once the "what moved" figures match the ring drawn.
            let rb = if moves_stale.get() {
                ra.clone()
            } else {
                s_ring_before.get()
            };
            let input = state.with_untracked(|s| model::ring_input(s, &k, &ra, &rb));
            Arc::new(RingView::build(&input))
        });

        // The comparison follows the state once the controls have been still longer.
        let (settled, comparison_stale) = settle(inputs, COMPARE_DELAY_MS, |_| true);
        let comparison = Memo::new(move |_| settled.with(model::compare));
        Figures {
            keys,
            topo_after,
            ring_after,
            load,
            moves_state,
            moves_stale,
            moves,
            ring_view,
            comparison,
            comparison_stale,
        }
    }
}
