//! Seeded, portable random numbers.
//!
//! Every random draw in the simulation comes from an [`Rng`] that the caller
//! creates from a seed and passes in. The generator is ChaCha with 8 rounds
//! (`rand_chacha::ChaCha8Rng`): its output is specified bit for bit by the
//! algorithm, so the same seed gives the same numbers natively and in wasm32.
//! Seeding from a `u64` uses `rand_core`'s documented `seed_from_u64`, which
//! expands the seed with a PCG32 stream and is promised to stay stable.

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// 2^-53: one step between consecutive values of [`Rng::uniform`].
const UNIT_53: f64 = 1.0 / (1u64 << 53) as f64;

/// A seeded random number generator (ChaCha8) with the few draws the
/// simulations need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rng {
    inner: ChaCha8Rng,
}

impl Rng {
    /// Creates the generator for `seed`; equal seeds give equal streams.
    pub fn new(seed: u64) -> Rng {
        Rng {
            inner: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    /// The next 64 uniformly random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.inner.next_u64()
    }

    /// A uniform float in `[0, 1)` built from the top 53 bits of one draw.
    pub fn uniform(&mut self) -> f64 {
        // why: 53 bits is exactly an f64 mantissa, so every value is exact and
        // the grid is evenly spaced; the conversion is IEEE-exact everywhere.
        (self.next_u64() >> 11) as f64 * UNIT_53
    }

    /// A uniform integer in `[0, n)` without modulo bias; returns 0 for `n == 0`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        // why: Lemire's multiply-and-reject. The high word of x·n is uniform
        // over [0, n) once the few low words that would over-represent some
        // results (those below 2^64 mod n) are rejected.
        let threshold = n.wrapping_neg() % n;
        loop {
            let wide = u128::from(self.next_u64()) * u128::from(n);
            if (wide as u64) >= threshold {
                return (wide >> 64) as u64;
            }
        }
    }

    /// An exponentially distributed value with the given mean (0 if `mean <= 0`
    /// or not finite).
    pub fn exponential(&mut self, mean: f64) -> f64 {
        if !(mean > 0.0 && mean.is_finite()) {
            return 0.0;
        }
        // why: inverse CDF. 1 - u lies in (0, 1], so the log is finite; libm
        // keeps the logarithm bit-identical across platforms.
        let u = self.uniform();
        -mean * libm::log(1.0 - u)
    }

    /// Splits off a new, independent generator seeded from this one's output
    /// (256 fresh bits), advancing this generator.
    pub fn fork(&mut self) -> Rng {
        let mut seed = <ChaCha8Rng as SeedableRng>::Seed::default();
        self.inner.fill_bytes(&mut seed);
        Rng {
            inner: ChaCha8Rng::from_seed(seed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..1000 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        let mut c = Rng::new(8);
        let mut d = Rng::new(7);
        let differing = (0..100).filter(|_| c.next_u64() != d.next_u64()).count();
        assert!(differing > 95);
    }

    #[test]
    fn golden_values_for_seed_42() {
        // why: pinned once from this implementation. The app's wasm tests pin
        // the same numbers, which is what proves native and wasm agree.
        let mut rng = Rng::new(42);
        let got: Vec<u64> = (0..4).map(|_| rng.next_u64()).collect();
        assert_eq!(got, GOLDEN_42.to_vec());
    }

    const GOLDEN_42: [u64; 4] = [
        0xAE90_BFB5_395D_5BA1,
        0xF345_3FC6_2579_9188,
        0x6D71_B708_C5B6_538C,
        0xA09A_B2F9_5816_6752,
    ];

    #[test]
    fn uniform_mean_and_range() {
        let mut rng = Rng::new(1);
        let n = 200_000;
        let mut sum = 0.0;
        for _ in 0..n {
            let u = rng.uniform();
            assert!((0.0..1.0).contains(&u));
            sum += u;
        }
        let mean = sum / n as f64;
        // why: sd of the mean is sqrt(1/12 / n) ≈ 0.00065; 0.005 is > 7 sd.
        assert!((mean - 0.5).abs() < 0.005, "mean {mean}");
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut rng = Rng::new(3);
        for n in [1u64, 2, 3, 7, 10, 1000, u64::MAX] {
            for _ in 0..1000 {
                assert!(rng.below(n) < n);
            }
        }
        assert_eq!(rng.below(0), 0);
        let mut seen = [0usize; 6];
        for _ in 0..60_000 {
            seen[rng.below(6) as usize] += 1;
        }
        // why: each bucket expects 10 000 with sd ≈ 91; 600 is > 6 sd.
        for count in seen {
            assert!((count as i64 - 10_000).abs() < 600, "{seen:?}");
        }
    }

    #[test]
    fn exponential_mean() {
        let mut rng = Rng::new(5);
        let n = 200_000;
        let mean = (0..n).map(|_| rng.exponential(3.0)).sum::<f64>() / n as f64;
        // why: sd of the mean is 3/sqrt(n) ≈ 0.0067; 0.05 is > 7 sd.
        assert!((mean - 3.0).abs() < 0.05, "mean {mean}");
        assert_eq!(rng.exponential(0.0), 0.0);
        assert_eq!(rng.exponential(-1.0), 0.0);
        assert_eq!(rng.exponential(f64::NAN), 0.0);
    }

    #[test]
    fn fork_is_deterministic_and_independent() {
        let mut a = Rng::new(9);
        let mut b = Rng::new(9);
        let mut fa = a.fork();
        let mut fb = b.fork();
        for _ in 0..100 {
            assert_eq!(fa.next_u64(), fb.next_u64());
        }
        // the parent moved on and differs from the child
        let parent: Vec<u64> = (0..16).map(|_| a.next_u64()).collect();
        let child: Vec<u64> = (0..16).map(|_| fa.next_u64()).collect();
        assert_ne!(parent, child);
        // two successive forks differ
        let mut f2 = a.fork();
        let mut f3 = a.fork();
        assert_ne!(f2.next_u64(), f3.next_u64());
    }
}
