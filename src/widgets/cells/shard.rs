//! The tenant picked on the grid: its units, and every other tenant shaped by
//! how many of them it shares, which is what a poison tenant would do to it.

use super::state::{CellsState, Fault};
use sim::cells::placement::Placement;

/// The tenant the grid picks out: the one picked, else the poison tenant
/// when the fault is one.
pub fn picked(s: &CellsState) -> Option<u32> {
    s.pick
        .or_else(|| (s.fault == Fault::Poison).then_some(s.poison))
        .filter(|&p| p < s.tenants)
}

/// Per tenant, as the grid shapes it: 2 when it shares every one of its
/// units with `tenant` (the picked tenant itself too), 1 when it shares
/// some, 0 when none. Exactly the damage `tenant`'s units failing would do.
pub fn share_status(pl: &Placement, tenant: u32) -> Vec<u8> {
    let n = pl.tenants();
    let mut marked = vec![false; pl.units as usize];
    for &u in pl.units_of(tenant) {
        if let Some(m) = marked.get_mut(u as usize) {
            *m = true;
        }
    }
    let mut status = vec![0u8; n];
    for (t, st) in status.iter_mut().enumerate() {
        let mine = pl.units_of(t as u32);
        let shared = mine
            .iter()
            .filter(|&&u| marked.get(u as usize).copied().unwrap_or(false))
            .count();
        *st = match shared {
            0 => 0,
            j if j == mine.len() => 2,
            _ => 1,
        };
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widgets::cells::model;
    use crate::widgets::cells::state::ArchKind;
    use sim::cells::fault::poison;

    #[test]
    fn sharing_a_shard_is_what_a_poison_tenant_would_do() {
        let s = CellsState {
            arch: ArchKind::Shuffle,
            workers: 8,
            shard: 2,
            fault: Fault::Poison,
            poison: 5,
            ..CellsState::default()
        };
        assert_eq!(picked(&s), Some(5));
        assert_eq!(
            picked(&CellsState {
                pick: Some(9),
                ..s.clone()
            }),
            Some(9)
        );
        assert_eq!(
            picked(&CellsState {
                fault: Fault::Units,
                ..s.clone()
            }),
            None
        );
        let pop = model::population(&s);
        let pl = model::placement(&s, &pop);
        let shares = share_status(&pl, 5);
        let (_, hit) = poison(&pop, &pl, 5);
        assert_eq!(shares, hit.status);
        assert_eq!(shares[5], 2, "the picked tenant shares all of its own");
        let overlap = sim::cells::shuffle::measured_overlap(&pl, 5);
        let count = |v: u8| shares.iter().filter(|&&x| x == v).count() as u64;
        assert_eq!(count(1), overlap[1]);
        assert_eq!(count(2), overlap[2] + 1);
    }
}
