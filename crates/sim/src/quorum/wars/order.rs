//! Ordering without comparison sorts: a trial's responders ranked by
//! counting (at most 15 of them), and a run's thresholds and latencies sorted
//! by an LSD radix sort on order-preserving bit patterns.

/// Position of `keys[i]` in the stable ascending order of `keys`: how many
/// keys are smaller, or equal with a lower index.
pub(super) fn rank_of(keys: &[f64], i: usize) -> usize {
    // why: a full rank by counting is n² comparisons, but branch-free and
    // with n ≤ 15 cheaper than sorting random keys with mispredicted
    // branches. Ties rank in index order, so the r + 1 first responders
    // always contain the r first ones (exact monotonicity in r).
    let key = keys[i];
    let before = keys[..i].iter().filter(|&&x| x <= key).count();
    let after = keys[i + 1..].iter().filter(|&&x| x < key).count();
    before + after
}

/// The key of stable rank `k` (0-based) in `keys` (`k < keys.len()`).
pub(super) fn kth_smallest(keys: &[f64], k: usize) -> f64 {
    (0..keys.len())
        .find(|&i| rank_of(keys, i) == k)
        .map_or(f64::NAN, |i| keys[i])
}

/// Bits per radix digit in [`sort_floats`].
const DIGIT_BITS: u32 = 11;
/// Buckets per radix pass.
const RADIX: usize = 1 << DIGIT_BITS;
/// Radix passes covering all 64 bits.
const PASSES: usize = 64usize.div_ceil(DIGIT_BITS as usize);

/// Sorts `values` ascending in [`f64::total_cmp`] order.
pub(super) fn sort_floats(values: &mut [f64]) {
    let n = values.len();
    if n <= 256 {
        values.sort_unstable_by(f64::total_cmp);
        return;
    }
    // why: an LSD radix sort on order-preserving bit patterns is linear and,
    // at the 10⁵ values per simulation, clearly faster than a comparison sort
    // (the three sorts were about a third of a run).
    let mut keys: Vec<u64> = values.iter().map(|&v| order_key(v)).collect();
    let mut counts = vec![[0u32; RADIX]; PASSES];
    for &k in &keys {
        for (pass, table) in counts.iter_mut().enumerate() {
            table[digit(k, pass)] += 1;
        }
    }
    let mut spare = vec![0u64; n];
    for (pass, table) in counts.iter_mut().enumerate() {
        // why: high digits are often shared by every value (same sign and
        // similar exponents); such a pass would only copy, so skip it.
        if table.iter().any(|&c| c as usize == n) {
            continue;
        }
        let mut sum = 0u32;
        for slot in table.iter_mut() {
            let c = *slot;
            *slot = sum;
            sum += c;
        }
        for &k in &keys {
            let slot = &mut table[digit(k, pass)];
            spare[*slot as usize] = k;
            *slot += 1;
        }
        std::mem::swap(&mut keys, &mut spare);
    }
    for (v, &k) in values.iter_mut().zip(&keys) {
        *v = from_order_key(k);
    }
}

/// Radix digit `pass` of `key`.
fn digit(key: u64, pass: usize) -> usize {
    (key >> (pass as u32 * DIGIT_BITS)) as usize & (RADIX - 1)
}

/// Bit pattern of `v` whose unsigned order is [`f64::total_cmp`] order.
fn order_key(v: f64) -> u64 {
    let bits = v.to_bits();
    // why: negatives have the sign bit set and grow more negative as their
    // magnitude bits grow, so flip them all; positives just need to rank
    // above every negative.
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// Inverse of [`order_key`].
fn from_order_key(key: u64) -> f64 {
    if key >> 63 == 1 {
        f64::from_bits(key & !(1 << 63))
    } else {
        f64::from_bits(!key)
    }
}
