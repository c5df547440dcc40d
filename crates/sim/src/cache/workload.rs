//! Seeded request generators: the synthetic workloads the cache widget offers.
//!
//! Every generator returns dense keys below [`Spec::universe`]. Under the
//! Zipf-shaped workloads key `0` is the most popular, key `1` the next, and so
//! on, so a learner can read popularity straight off the key.

use super::policy::Key;
use crate::rng::Rng;

/// Requests a generated workload may hold: a million, the widget's maximum.
pub const MAX_REQUESTS: usize = 1_000_000;
/// Distinct keys a generated workload may draw from.
pub const MAX_UNIVERSE: u32 = 100_000;

/// The shape of a generated workload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    /// Independent requests, key `i` drawn with probability ∝ 1/(i+1)^α.
    Zipf,
    /// Independent requests, every key equally likely.
    Uniform,
    /// Keys `0, 1, …, universe−1` over and over: the case that defeats LRU
    /// when the loop is a little longer than the cache.
    Loop,
    /// A Zipf hot set interrupted by sequential scans of keys used once.
    Scan,
    /// Zipf popularity whose ranking rotates by half the universe halfway
    /// through: yesterday's hot keys go cold.
    Shift,
}

impl Shape {
    /// Every shape, in the order the widget lists them.
    pub const ALL: [Shape; 5] = [
        Shape::Zipf,
        Shape::Uniform,
        Shape::Loop,
        Shape::Scan,
        Shape::Shift,
    ];

    /// Short name for URLs.
    pub fn slug(self) -> &'static str {
        match self {
            Shape::Zipf => "zipf",
            Shape::Uniform => "uniform",
            Shape::Loop => "loop",
            Shape::Scan => "scan",
            Shape::Shift => "shift",
        }
    }

    /// Name on screen.
    pub fn label(self) -> &'static str {
        match self {
            Shape::Zipf => "Zipf popularity",
            Shape::Uniform => "Uniform",
            Shape::Loop => "Loop",
            Shape::Scan => "Hot set + scans",
            Shape::Shift => "Shifting hotspot",
        }
    }

    /// The shape named by `slug`.
    pub fn from_slug(slug: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// Requests are independent draws from a fixed popularity, so Che's
    /// approximation applies.
    pub fn independent(self) -> bool {
        matches!(self, Shape::Zipf | Shape::Uniform)
    }
}

/// Everything a generated workload depends on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spec {
    /// The shape.
    pub shape: Shape,
    /// Requests to generate (clamped to 1..=[`MAX_REQUESTS`]).
    pub requests: usize,
    /// Distinct keys (clamped to 1..=[`MAX_UNIVERSE`]); for [`Shape::Loop`] the loop length.
    pub universe: u32,
    /// Zipf skew α (0 is uniform; clamped to 0..=3).
    pub alpha: f64,
    /// [`Shape::Scan`]: keys in the hot set (the rest of the universe is scanned).
    pub hot: u32,
    /// [`Shape::Scan`]: share of requests that belong to scans (clamped to 0..=0.95).
    pub scan_share: f64,
}

impl Spec {
    /// The spec with every field inside its documented range.
    pub fn clamped(&self) -> Spec {
        let universe = self.universe.clamp(1, MAX_UNIVERSE);
        let alpha = if self.alpha.is_finite() {
            self.alpha.clamp(0.0, 3.0)
        } else {
            1.0
        };
        let share = if self.scan_share.is_finite() {
            self.scan_share.clamp(0.0, 0.95)
        } else {
            0.0
        };
        Spec {
            shape: self.shape,
            requests: self.requests.clamp(1, MAX_REQUESTS),
            universe,
            alpha,
            hot: self.hot.clamp(1, universe),
            scan_share: share,
        }
    }
}

/// Zipf probabilities for `universe` keys with skew `alpha`, most popular first.
pub fn zipf_probabilities(universe: u32, alpha: f64) -> Vec<f64> {
    let n = universe.max(1) as usize;
    let mut p: Vec<f64> = (1..=n).map(|i| libm::pow(i as f64, -alpha)).collect();
    let total: f64 = p.iter().sum();
    for x in &mut p {
        *x /= total;
    }
    p
}

/// The popularity every key has under `spec`, when requests are independent
/// ([`Shape::independent`]); `None` otherwise.
pub fn popularity(spec: &Spec) -> Option<Vec<f64>> {
    let s = spec.clamped();
    match s.shape {
        Shape::Zipf => Some(zipf_probabilities(s.universe, s.alpha)),
        Shape::Uniform => Some(vec![1.0 / f64::from(s.universe); s.universe as usize]),
        _ => None,
    }
}

/// Draws keys from a fixed popularity in constant time with Walker's alias
/// method (Vose's construction): column `i` keeps key `i` with probability
/// `keep[i]` and hands the rest of its share to `alias[i]`.
struct Sampler {
    keep: Vec<f64>,
    alias: Vec<Key>,
}

impl Sampler {
    fn zipf(universe: u32, alpha: f64) -> Sampler {
        let p = zipf_probabilities(universe, alpha);
        let n = p.len();
        let mut keep: Vec<f64> = p.iter().map(|&x| x * n as f64).collect();
        let mut alias: Vec<Key> = (0..n as Key).collect();
        let (mut small, mut large): (Vec<usize>, Vec<usize>) = (0..n).partition(|&i| keep[i] < 1.0);
        while let (Some(s), Some(&l)) = (small.pop(), large.last()) {
            alias[s] = l as Key;
            keep[l] -= 1.0 - keep[s];
            if keep[l] < 1.0 {
                large.pop();
                small.push(l);
            }
        }
        // why: what remains is 1 up to rounding; those columns keep their own key.
        for i in small.into_iter().chain(large) {
            keep[i] = 1.0;
        }
        Sampler { keep, alias }
    }

    fn draw(&self, rng: &mut Rng) -> Key {
        // why: one uniform serves both choices: its integer part picks the
        // column, its fraction decides between the column's key and its alias.
        let u = rng.uniform() * self.keep.len() as f64;
        let i = (u as usize).min(self.keep.len() - 1);
        if u - (i as f64) < self.keep[i] {
            i as Key
        } else {
            self.alias[i]
        }
    }
}

/// Generates the request trace for `spec` from `seed`.
pub fn generate(spec: &Spec, seed: u64) -> Vec<Key> {
    let s = spec.clamped();
    let mut rng = Rng::new(seed);
    let n = s.requests;
    match s.shape {
        Shape::Zipf => {
            let z = Sampler::zipf(s.universe, s.alpha);
            (0..n).map(|_| z.draw(&mut rng)).collect()
        }
        Shape::Uniform => (0..n)
            .map(|_| rng.below(u64::from(s.universe)) as Key)
            .collect(),
        Shape::Loop => (0..n).map(|i| (i % s.universe as usize) as Key).collect(),
        Shape::Shift => {
            let z = Sampler::zipf(s.universe, s.alpha);
            let half = n / 2;
            let turn = s.universe / 2;
            (0..n)
                .map(|i| {
                    let k = z.draw(&mut rng);
                    if i < half {
                        k
                    } else {
                        // why: rotating the ranking moves the hot head onto keys
                        // that were in the cold middle, without changing the shape.
                        ((u64::from(k) + u64::from(turn)) % u64::from(s.universe)) as Key
                    }
                })
                .collect()
        }
        Shape::Scan => scan_trace(&s, &mut rng),
    }
}

/// A Zipf hot set of `hot` keys, interrupted every so often by a scan through
/// the cold keys `hot..universe` in order, each used once per pass.
fn scan_trace(s: &Spec, rng: &mut Rng) -> Vec<Key> {
    let z = Sampler::zipf(s.hot, s.alpha);
    let cold = s.universe - s.hot;
    let mut out = Vec::with_capacity(s.requests);
    if cold == 0 || s.scan_share <= 0.0 {
        out.extend((0..s.requests).map(|_| z.draw(rng)));
        return out;
    }
    // why: phases of hot traffic four times the hot set long, each followed by
    // a scan sized so scans make up `scan_share` of all requests. A scan longer
    // than the cache is what flushes a recency-only policy.
    let hot_len = (4 * s.hot as usize).max(1);
    let scan_len = ((hot_len as f64) * s.scan_share / (1.0 - s.scan_share))
        .round()
        .max(1.0) as usize;
    let mut next_cold: u32 = 0;
    while out.len() < s.requests {
        for _ in 0..hot_len {
            if out.len() == s.requests {
                break;
            }
            out.push(z.draw(rng));
        }
        for _ in 0..scan_len {
            if out.len() == s.requests {
                break;
            }
            out.push(s.hot + next_cold);
            next_cold = (next_cold + 1) % cold;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(shape: Shape) -> Spec {
        Spec {
            shape,
            requests: 20_000,
            universe: 1_000,
            alpha: 1.0,
            hot: 50,
            scan_share: 0.3,
        }
    }

    #[test]
    fn every_shape_stays_in_its_universe_and_length() {
        for shape in Shape::ALL {
            let s = spec(shape);
            let t = generate(&s, 7);
            assert_eq!(t.len(), s.requests, "{shape:?}");
            assert!(t.iter().all(|&k| k < s.universe), "{shape:?}");
        }
    }

    #[test]
    fn same_seed_same_trace_other_seed_other_trace() {
        let s = spec(Shape::Zipf);
        assert_eq!(generate(&s, 1), generate(&s, 1));
        assert_ne!(generate(&s, 1), generate(&s, 2));
    }

    #[test]
    fn zipf_frequencies_follow_the_law() {
        let s = Spec {
            requests: 200_000,
            universe: 100,
            ..spec(Shape::Zipf)
        };
        let t = generate(&s, 3);
        let p = zipf_probabilities(100, 1.0);
        let mut counts = [0u32; 100];
        for &k in &t {
            counts[k as usize] += 1;
        }
        for i in [0usize, 1, 9, 50] {
            let seen = f64::from(counts[i]) / t.len() as f64;
            assert!(
                (seen - p[i]).abs() < 0.1 * p[i] + 0.001,
                "key {i}: {seen} vs {}",
                p[i]
            );
        }
    }

    #[test]
    fn probabilities_sum_to_one_and_fall() {
        let p = zipf_probabilities(1000, 0.8);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(p.windows(2).all(|w| w[0] >= w[1]));
        let u = zipf_probabilities(10, 0.0);
        assert!(u.iter().all(|&x| (x - 0.1).abs() < 1e-12));
    }

    #[test]
    fn loop_cycles_through_the_universe() {
        let s = Spec {
            requests: 7,
            universe: 3,
            ..spec(Shape::Loop)
        };
        assert_eq!(generate(&s, 0), vec![0, 1, 2, 0, 1, 2, 0]);
    }

    #[test]
    fn scans_take_their_share_and_use_cold_keys_in_order() {
        let s = spec(Shape::Scan);
        let t = generate(&s, 5);
        let cold: Vec<Key> = t.iter().copied().filter(|&k| k >= s.hot).collect();
        let share = cold.len() as f64 / t.len() as f64;
        assert!((share - 0.3).abs() < 0.02, "{share}");
        assert!(cold.windows(2).all(|w| w[1] == w[0] + 1 || w[1] == s.hot));
    }

    #[test]
    fn shift_moves_the_hot_key_halfway() {
        let s = Spec {
            requests: 40_000,
            universe: 1_000,
            ..spec(Shape::Shift)
        };
        let t = generate(&s, 9);
        let top = |part: &[Key]| {
            let mut c = vec![0u32; 1000];
            for &k in part {
                c[k as usize] += 1;
            }
            (0..1000).max_by_key(|&i| c[i]).unwrap_or(0)
        };
        assert_eq!(top(&t[..20_000]), 0);
        assert_eq!(top(&t[20_000..]), 500);
    }

    #[test]
    fn out_of_range_specs_are_clamped_not_panicking() {
        let s = Spec {
            shape: Shape::Scan,
            requests: 0,
            universe: 0,
            alpha: f64::NAN,
            hot: 9,
            scan_share: 2.0,
        };
        let t = generate(&s, 1);
        assert_eq!(t.len(), 1);
        assert!(t[0] < 1);
        assert_eq!(Shape::from_slug("scan"), Some(Shape::Scan));
        assert_eq!(Shape::from_slug("nope"), None);
    }
}
