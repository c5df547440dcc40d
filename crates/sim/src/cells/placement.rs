//! Which units (cells or workers) each tenant uses under an architecture.
//!
//! A placement is stored in compressed-sparse-row form: tenant `t` uses
//! `members[offsets[t]..offsets[t+1]]`. The one exception is
//! [`CellStrategy::RandomPerRequest`], where every tenant uses every cell:
//! storing that list per tenant would take tenants × cells entries (10^8 at
//! the limits), so it is stored once and flagged by [`Placement::everywhere`].
//! Always read a tenant's units through [`Placement::units_of`].

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::architecture::{Architecture, CellStrategy, MAX_WORKERS};
use super::guard::SubsetSet;
use super::population::{heaviest_first_keys, Population};
use crate::hash;
use crate::rng::Rng;

/// Shard draws tried per tenant before the overlap guarantee is given up.
pub const GUARANTEE_ATTEMPTS: u32 = 64;

// why: a domain tag of its own so shard draws are unrelated to the hash that
// maps tenants to cells under the same seed.
const SHARD_DOMAIN: u64 = u64::from_be_bytes(*b"dialsshd");

/// Which units every tenant uses, and the load that puts on each unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    /// Units deployed: cells, or workers; 1 for a shared deployment.
    pub units: u32,
    /// Tenant `t` uses `members[offsets[t]..offsets[t+1]]` (CSR layout);
    /// `tenants + 1` entries. All zero when [`Placement::everywhere`].
    pub offsets: Vec<u32>,
    /// Unit ids, sorted within each tenant. When [`Placement::everywhere`],
    /// the single list `0..units` that every tenant uses.
    pub members: Vec<u32>,
    /// Traffic share on each unit (a tenant's weight split evenly over its units).
    pub unit_load: Vec<f64>,
    /// Tenants using each unit.
    pub unit_tenants: Vec<u32>,
    /// Shuffle sharding with `max_overlap`: `Some(i)` when tenant `i` was the
    /// first whose shard could not honour the guarantee (tenants `0..i`
    /// honour it pairwise); `None` when every tenant does or none was asked.
    pub guarantee_kept_for: Option<usize>,
    /// Every tenant uses every unit (random cell per request); `members`
    /// then holds `0..units` once. An addition to the CSR layout.
    pub everywhere: bool,
}

impl Placement {
    /// The units tenant `tenant` uses, sorted (empty for an unknown tenant).
    // why: always inlined, on slices rather than the Vecs: impact, poison
    // and the overlap count call it for every one of 100,000 tenants, and
    // the size-optimised release build would otherwise make it, and each
    // index into a Vec, a call of its own.
    #[inline(always)]
    pub fn units_of(&self, tenant: u32) -> &[u32] {
        let (offsets, members) = (self.offsets.as_slice(), self.members.as_slice());
        let t = tenant as usize;
        if t + 1 >= offsets.len() {
            return &[];
        }
        if self.everywhere {
            return members;
        }
        &members[offsets[t] as usize..offsets[t + 1] as usize]
    }

    /// Tenants placed.
    pub fn tenants(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Builds the placement from one unit per tenant.
    fn single(pop: &Population, units: u32, unit_of: Vec<u32>) -> Placement {
        let mut unit_load = vec![0.0; units as usize];
        let mut unit_tenants = vec![0u32; units as usize];
        for (&u, &w) in unit_of.iter().zip(&pop.weights) {
            unit_load[u as usize] += w;
            unit_tenants[u as usize] += 1;
        }
        Placement {
            units,
            offsets: (0..=unit_of.len() as u32).collect(),
            members: unit_of,
            unit_load,
            unit_tenants,
            guarantee_kept_for: None,
            everywhere: false,
        }
    }
}

/// Places `pop` on `arch` (clamped to its documented limits); `seed` drives
/// the hash of [`CellStrategy::Hash`] and the shard draws of shuffle sharding.
///
/// - Shared: one unit, every tenant on it.
/// - Hash: cell = `hash::key_hash(seed, tenant) % cells`.
/// - Dedicated `{ largest: k }`: the k heaviest tenants (k ≤ cells − 1) alone
///   in cells `0..k`, heaviest in cell 0; the rest, heaviest first, each onto
///   the least-loaded remaining cell (ties to the lower id).
/// - RandomPerRequest: every tenant on every cell.
/// - Shuffle: each tenant's first shard is the next `shard` distinct workers
///   drawn from one generator seeded by `seed`, tenants in id order, so
///   tenant `t`'s first shard depends only on `seed` and `t` (not on the
///   population size or on the guarantee). With `max_overlap: Some(m)` a
///   first shard that would share more than `m` workers with an earlier
///   tenant is re-drawn from a generator of the tenant's own, seeded from
///   `(seed, t)`, up to [`GUARANTEE_ATTEMPTS`] draws in all. The first tenant
///   that runs out keeps its last draw and ends the guarantee: it is
///   reported in [`Placement::guarantee_kept_for`], and every later tenant
///   keeps its first shard, exactly as without a guarantee. Turning the
///   guarantee on therefore moves only the tenants that had a conflict.
pub fn place(pop: &Population, arch: Architecture, seed: u64) -> Placement {
    let n = pop.len();
    match arch.clamped() {
        Architecture::Shared => Placement::single(pop, 1, vec![0; n]),
        Architecture::Cells { cells, strategy } => match strategy {
            CellStrategy::Hash => {
                let unit_of = (0..n as u64)
                    .map(|t| (hash::key_hash(seed, t) % u64::from(cells)) as u32)
                    .collect();
                Placement::single(pop, cells, unit_of)
            }
            CellStrategy::Dedicated { largest } => {
                let mut order = heaviest_first_keys(&pop.weights);
                order.sort_unstable();
                dedicated_sorted(pop, &order, cells, largest)
            }
            CellStrategy::RandomPerRequest => everywhere(pop, cells),
        },
        Architecture::Shuffle {
            workers,
            shard,
            max_overlap,
        } => shuffle(pop, workers, shard, max_overlap, seed),
    }
}

/// The dedicated placement from tenants already ordered heaviest first
/// (`order` as from sorting [`heaviest_first_keys`]); `largest < cells`.
pub(crate) fn dedicated_sorted(
    pop: &Population,
    order: &[(u64, u32)],
    cells: u32,
    largest: u32,
) -> Placement {
    Placement::single(pop, cells, dedicated(pop, order, cells, largest))
}

/// Cell of each tenant under the dedicated strategy (`largest < cells`).
fn dedicated(pop: &Population, order: &[(u64, u32)], cells: u32, largest: u32) -> Vec<u32> {
    let mut unit_of = vec![0u32; pop.len()];
    let dedicated = (largest as usize).min(order.len());
    for (cell, &(_, t)) in order[..dedicated].iter().enumerate() {
        unit_of[t as usize] = cell as u32;
    }
    // why: longest-processing-time-first greedy (Graham 1969): heaviest
    // first onto the least-loaded cell. Loads are non-negative, so their bit
    // patterns order like the values and the heap compares plain integers;
    // the cell id breaks ties deterministically.
    let mut heap: BinaryHeap<Reverse<(u64, u32)>> = (largest..cells)
        .map(|c| Reverse((0.0f64.to_bits(), c)))
        .collect();
    for &(_, t) in &order[dedicated..] {
        if let Some(mut top) = heap.peek_mut() {
            let Reverse((bits, cell)) = *top;
            unit_of[t as usize] = cell;
            let load = f64::from_bits(bits) + pop.weights[t as usize];
            *top = Reverse((load.to_bits(), cell));
        }
    }
    unit_of
}

/// Every tenant on every cell, stored once.
fn everywhere(pop: &Population, cells: u32) -> Placement {
    let n = pop.len();
    let total: f64 = pop.weights.iter().sum();
    Placement {
        units: cells,
        offsets: vec![0; n + 1],
        members: (0..cells).collect(),
        unit_load: vec![total / f64::from(cells); cells as usize],
        unit_tenants: vec![n as u32; cells as usize],
        guarantee_kept_for: None,
        everywhere: true,
    }
}

/// Where random words come from: the seeded generator, or a fast stream
/// seeded from it.
trait Words {
    /// The next 64 random bits.
    fn word(&mut self) -> u64;
}

impl Words for Rng {
    fn word(&mut self) -> u64 {
        self.next_u64()
    }
}

/// SplitMix64 over a counter, seeded once from the caller's [`Rng`]: the
/// first draws of every shard come from here.
struct Stream {
    state: u64,
}

impl Words for Stream {
    fn word(&mut self) -> u64 {
        // why: ChaCha is the costliest part of placing 100,000 shards in
        // wasm; a SplitMix stream seeded from it stays seeded and
        // reproducible and is several times cheaper per word.
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        hash::mix64(self.state)
    }
}

/// Uniform worker ids cut from 16-bit slices of the generator's output.
struct Draws<'a, W: Words> {
    /// The generator the bits come from.
    rng: &'a mut W,
    /// Unused bits of the last 64-bit draw.
    word: u64,
    /// 16-bit slices left in `word`.
    left: u32,
}

impl<W: Words> Draws<'_, W> {
    /// A uniform id below `n` (1 ≤ n ≤ 65,536).
    // why: always inlined; the release profile optimises for size and would
    // otherwise call it once per worker drawn.
    #[inline(always)]
    fn below(&mut self, n: u32) -> u32 {
        // why: four 16-bit slices per 64-bit word, each mapped to [0, n) by
        // Lemire's multiply-and-shift: the high half of slice·n, rejecting
        // the few low halves (below 2^16 mod n) that would favour some ids.
        // Exactly uniform, no division on the common path, and for n ≤ 1000
        // under 1.6% of slices rejected.
        loop {
            if self.left == 0 {
                self.word = self.rng.word();
                self.left = 4;
            }
            let slice = (self.word & 0xFFFF) as u32;
            self.word >>= 16;
            self.left -= 1;
            let m = slice * n;
            if (m & 0xFFFF) >= n || (m & 0xFFFF) >= (1u32 << 16) % n {
                return m >> 16;
            }
        }
    }
}

/// Draws `out.len()` distinct workers below `workers` and sorts them.
fn draw_shard<W: Words>(rng: &mut W, workers: u32, out: &mut [u32]) {
    let mut draws = Draws {
        rng,
        word: 0,
        left: 0,
    };
    fill_shard(&mut draws, workers, out);
}

/// Fleets up to this many workers draw shards into two 64-bit words.
const SMALL_FLEET: u32 = 128;

/// Words of the bit set a shard of a larger fleet is drawn into: one bit
/// per worker, enough for [`MAX_WORKERS`].
const SHARD_WORDS: usize = (MAX_WORKERS as usize).div_ceil(64);

// why: `fill_shard` tracks the non-empty words in a u16.
const _: () = assert!(SHARD_WORDS <= 16);

/// [`draw_shard`] from a running [`Draws`], so consecutive shards share
/// words instead of starting a fresh one each.
///
/// The result is exactly "draw ids, skip any already drawn, until
/// `out.len()` are distinct, then sort": rejection keeps every k-subset
/// equally likely, and with k ≤ 8 of at least k workers it needs few draws
/// on average.
///
/// why: a bit per worker makes the duplicate check one AND, and reading the
/// bits back low to high yields the shard already sorted. A general sort of
/// 5 ids (branchy, and out of line in the size-optimised release build) was
/// the largest cost of placing 100,000 tenants. Both loops are branch-free
/// inside: a repeat only leaves `left` as it was (setting a set bit again is
/// harmless), and reading back takes exactly one lowest set bit per slot, so
/// neither mispredicts on where the ids fall.
fn fill_shard<W: Words>(draws: &mut Draws<'_, W>, workers: u32, out: &mut [u32]) {
    if workers <= SMALL_FLEET {
        // why: two words the compiler keeps in registers rather than a
        // 16-word array in memory: about a sixth faster in V8 at 100
        // workers.
        let mut set = [0u64; 2];
        let mut left = out.len();
        while left > 0 {
            let w = draws.below(workers);
            let (word, bit) = (&mut set[(w >> 6) as usize & 1], 1u64 << (w & 63));
            left -= usize::from(*word & bit == 0);
            *word |= bit;
        }
        let [mut lo, mut hi] = set;
        for slot in out.iter_mut() {
            // why: arithmetic, not a choice of word: once the low word is
            // used up its count of trailing zeros is 64, so `past` is 1 and
            // the id comes from the high word instead. Each word then only
            // waits on its own lowest bit being cleared, two short chains
            // the processor runs side by side.
            let low = lo.trailing_zeros();
            let past = low >> 6;
            *slot = low + past * hi.trailing_zeros();
            lo &= lo.wrapping_sub(1);
            hi &= hi.wrapping_sub(u64::from(past));
        }
        return;
    }
    // why: `used` has a bit per non-empty word, so reading back skips the
    // empty words without a scan.
    let mut set = [0u64; SHARD_WORDS];
    let mut used = 0u16;
    let mut left = out.len();
    while left > 0 {
        // why: the clamp (a no-op for a clamped architecture) keeps every
        // id inside the bit set.
        let w = draws.below(workers.min(MAX_WORKERS)) as usize;
        let (word, bit) = (&mut set[w / 64], 1u64 << (w % 64));
        left -= usize::from(*word & bit == 0);
        *word |= bit;
        used |= 1 << (w / 64);
    }
    for slot in out.iter_mut() {
        let at = used.trailing_zeros() as usize;
        let bits = set[at];
        *slot = 64 * at as u32 + bits.trailing_zeros();
        let rest = bits & bits.wrapping_sub(1);
        set[at] = rest;
        used &= !(u16::from(rest == 0) << at);
    }
}

/// Shuffle sharding, with the optional overlap guarantee.
fn shuffle(
    pop: &Population,
    workers: u32,
    shard: u32,
    max_overlap: Option<u32>,
    seed: u64,
) -> Placement {
    let n = pop.len();
    let k = shard as usize;
    let mut members = vec![0u32; n * k];
    let mut guard = max_overlap.map(|m| SubsetSet::new(workers, shard, m + 1, n));
    let mut failed_at = None;
    // why: one stream for the first draws. Seeding a ChaCha generator per
    // tenant costs more than the draws themselves (15 ms at 100,000
    // tenants); per-tenant generators are only needed for re-draws.
    let mut stream = Stream {
        state: Rng::new(hash::mix64(seed ^ SHARD_DOMAIN)).next_u64(),
    };
    let mut first = Draws {
        rng: &mut stream,
        word: 0,
        left: 0,
    };
    // why: shards are drawn straight into their slot of `members`, so no
    // per-tenant buffer or copy.
    for (t, shard) in members.chunks_exact_mut(k).enumerate() {
        fill_shard(&mut first, workers, shard);
        if let Some(set) = guard.as_mut() {
            let mut own: Option<Rng> = None;
            let mut attempt = 1;
            loop {
                if set.admit(shard) {
                    break;
                }
                if attempt == GUARANTEE_ATTEMPTS {
                    failed_at = Some(t);
                    break;
                }
                let rng = own
                    .get_or_insert_with(|| Rng::new(hash::key_hash(seed ^ SHARD_DOMAIN, t as u64)));
                draw_shard(rng, workers, shard);
                attempt += 1;
            }
            if failed_at.is_some() {
                // why: once one pair breaks the guarantee it is broken for
                // the fleet; searching on would only cost time, so later
                // tenants keep their first draw.
                guard = None;
            }
        }
    }
    let mut unit_load = vec![0.0; workers as usize];
    let mut unit_tenants = vec![0u32; workers as usize];
    {
        // why: indexing plain slices, not the Vecs: the size-optimised
        // release build leaves `Vec`'s IndexMut as a call per member.
        let (load, count) = (unit_load.as_mut_slice(), unit_tenants.as_mut_slice());
        for (shard, &w) in members.chunks_exact(k).zip(&pop.weights) {
            let part = w / k as f64;
            for &u in shard {
                load[u as usize] += part;
                count[u as usize] += 1;
            }
        }
    }
    Placement {
        units: workers,
        offsets: (0..=n as u32).map(|t| t * shard).collect(),
        members,
        unit_load,
        unit_tenants,
        guarantee_kept_for: failed_at,
        everywhere: false,
    }
}

#[cfg(test)]
mod tests;
