//! Fixed, documented hash functions for placing keys and nodes.
//!
//! Everything is built on the splitmix64 generator (Steele, Lea & Flood,
//! 2014): its state advances by the odd "golden gamma" `0x9E3779B97F4A7C15`
//! and each state is scrambled by the finalizer [`mix64`] (constants
//! `0xBF58476D1CE4E5B9`, `0x94D049BB133111EB`).
//!
//! A hash such as [`key_hash`]`(seed, i)` is the `i`-th output of a splitmix64
//! stream whose start is `mix64(seed ^ DOMAIN)`. Keys, virtual nodes and nodes
//! use different `DOMAIN` constants so that key 5 and virtual node 5 do not
//! land on the same spot. Because `mix64` is a bijection and the gamma is odd,
//! distinct indices in one domain never collide.

/// The splitmix64 state increment (2^64 divided by the golden ratio, made odd).
pub const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;
const MIX_A: u64 = 0xBF58_476D_1CE4_E5B9;
const MIX_B: u64 = 0x94D0_49BB_1331_11EB;

// why: readable ASCII tags ("dialskey" …) make the domains obviously distinct.
const KEY_DOMAIN: u64 = u64::from_be_bytes(*b"dialskey");
const VNODE_DOMAIN: u64 = u64::from_be_bytes(*b"dialsvnd");
const NODE_DOMAIN: u64 = u64::from_be_bytes(*b"dialsnod");

/// 2^-53, the spacing of [`to_unit`]'s output grid.
const UNIT_53: f64 = 1.0 / (1u64 << 53) as f64;

/// The splitmix64 finalizer: a fast bijective scramble of 64 bits.
#[inline]
pub fn mix64(x: u64) -> u64 {
    let mut z = x;
    z = (z ^ (z >> 30)).wrapping_mul(MIX_A);
    z = (z ^ (z >> 27)).wrapping_mul(MIX_B);
    z ^ (z >> 31)
}

/// The `index`-th output (counting from 1) of the splitmix64 stream for
/// `(seed, domain)`.
#[inline]
fn stream(seed: u64, domain: u64, index: u64) -> u64 {
    let start = mix64(seed ^ domain);
    mix64(start.wrapping_add(index.wrapping_add(1).wrapping_mul(GOLDEN_GAMMA)))
}

/// Position on the ring (a point of the 2^64 hash space) of key number `key`.
#[inline]
pub fn key_hash(seed: u64, key: u64) -> u64 {
    stream(seed, KEY_DOMAIN, key)
}

/// Position on the ring of virtual node `vnode` of physical node `node`.
#[inline]
pub fn vnode_hash(seed: u64, node: u32, vnode: u32) -> u64 {
    // why: node and vnode are packed into one index, so every (node, vnode)
    // pair of a ring gets a distinct position.
    stream(
        seed,
        VNODE_DOMAIN,
        (u64::from(node) << 32) | u64::from(vnode),
    )
}

/// A per-node 64-bit value, used by rendezvous hashing to score keys at `node`.
#[inline]
pub fn node_hash(seed: u64, node: u32) -> u64 {
    stream(seed, NODE_DOMAIN, u64::from(node))
}

/// Maps a hash to `[0, 1)` using its top 53 bits (exact, evenly spaced).
#[inline]
pub fn to_unit(h: u64) -> f64 {
    (h >> 11) as f64 * UNIT_53
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mix64_golden() {
        // why: published splitmix64 outputs. With state 0 the first output is
        // mix64(GOLDEN_GAMMA) = 0xE220A8397B1DCDAF.
        assert_eq!(mix64(0), 0);
        assert_eq!(mix64(GOLDEN_GAMMA), 0xE220_A839_7B1D_CDAF);
        assert_eq!(mix64(GOLDEN_GAMMA.wrapping_mul(2)), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn derived_hashes_golden() {
        // why: pinned once; any change would silently move every key and node.
        assert_eq!(key_hash(0, 0), GOLDEN_KEY_0_0);
        assert_eq!(key_hash(42, 7), GOLDEN_KEY_42_7);
        assert_eq!(vnode_hash(42, 3, 9), GOLDEN_VNODE_42_3_9);
        assert_eq!(node_hash(42, 3), GOLDEN_NODE_42_3);
    }

    // why: also cross-checked against an independent Python transcription.
    const GOLDEN_KEY_0_0: u64 = 0x6EFC_1CFC_C2FE_0F3E;
    const GOLDEN_KEY_42_7: u64 = 0xA83C_971E_2859_8212;
    const GOLDEN_VNODE_42_3_9: u64 = 0x85EC_CB68_3DCB_E684;
    const GOLDEN_NODE_42_3: u64 = 0x59D2_9967_64C8_9CEE;

    #[test]
    fn domains_are_separated() {
        assert_ne!(key_hash(1, 5), vnode_hash(1, 0, 5));
        assert_ne!(key_hash(1, 5), node_hash(1, 5));
        assert_ne!(vnode_hash(1, 0, 5), node_hash(1, 5));
        assert_ne!(key_hash(1, 5), key_hash(2, 5));
        assert_ne!(vnode_hash(1, 1, 0), vnode_hash(1, 0, 1));
    }

    #[test]
    fn to_unit_range() {
        assert_eq!(to_unit(0), 0.0);
        assert!(to_unit(u64::MAX) < 1.0);
        assert_eq!(to_unit(1 << 63), 0.5);
    }

    #[test]
    fn key_hashes_are_roughly_uniform() {
        const BUCKETS: usize = 64;
        const N: u64 = 100_000;
        let mut counts = [0u64; BUCKETS];
        for k in 0..N {
            counts[(key_hash(11, k) >> 58) as usize] += 1;
        }
        let expected = N as f64 / BUCKETS as f64;
        let chi2: f64 = counts
            .iter()
            .map(|&c| (c as f64 - expected).powi(2) / expected)
            .sum();
        // why: chi-square with 63 degrees of freedom has mean 63 and sd ≈ 11.2;
        // 130 is six sd above the mean, far past any honest fluctuation.
        assert!(chi2 < 130.0, "chi2 {chi2}");
        // and it is not suspiciously perfect either (lower tail, ~3.5 sd)
        assert!(chi2 > 25.0, "chi2 {chi2}");
    }

    #[test]
    fn low_bits_are_uniform_too() {
        let mut counts = [0u64; 16];
        for k in 0..64_000 {
            counts[(key_hash(3, k) & 15) as usize] += 1;
        }
        for c in counts {
            // why: expected 4000, sd ≈ 61; 400 is > 6 sd.
            assert!((c as i64 - 4000).abs() < 400, "{counts:?}");
        }
    }
}
