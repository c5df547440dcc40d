//! Every control of the quorum widget as one plain value, and its URL form.

use crate::embed::query::{fmt_float, shorten, Query, Reader};

/// Most replicas.
pub const MAX_N: u32 = 15;
/// Largest k for "one of the last k versions".
pub const MAX_K: u32 = 10;
/// Fewest Monte Carlo trials.
pub const MIN_TRIALS: u32 = 1_000;
/// Most Monte Carlo trials: with the WARS simulation at a few million trials a
/// second in the browser, this keeps a recomputation within a few frames.
pub const MAX_TRIALS: u32 = 50_000;
/// Mean latency range, in milliseconds.
pub const MIN_LATENCY: f64 = 0.1;
/// See [`MIN_LATENCY`].
pub const MAX_LATENCY: f64 = 500.0;
/// A playhead at or past the end of any timeline.
pub const END: f64 = 1.0e6;
/// Latest start of the concurrent read, in milliseconds after the write starts.
pub const MAX_READ_START: f64 = 2_000.0;

/// Named latency profiles; `Custom` once a mean is moved by hand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// Fast local storage.
    Ssd,
    /// Spinning disks.
    Disk,
    /// Replicas in other regions.
    Wan,
    /// Means set by hand.
    Custom,
}

impl Profile {
    /// Named profiles, in button order.
    pub const NAMED: [Profile; 3] = [Profile::Ssd, Profile::Disk, Profile::Wan];

    /// URL value.
    pub fn slug(self) -> &'static str {
        match self {
            Profile::Ssd => "ssd",
            Profile::Disk => "disk",
            Profile::Wan => "wan",
            Profile::Custom => "custom",
        }
    }

    /// Button label.
    pub fn label(self) -> &'static str {
        match self {
            Profile::Ssd => "Fast SSDs",
            Profile::Disk => "Slow disks",
            Profile::Wan => "Wide area",
            Profile::Custom => "Custom",
        }
    }

    /// Parses a URL value.
    pub fn from_slug(s: &str) -> Option<Profile> {
        [Profile::Ssd, Profile::Disk, Profile::Wan, Profile::Custom]
            .into_iter()
            .find(|p| p.slug() == s)
    }
}

/// Mean one-way delays, in milliseconds, of the four WARS legs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Means {
    /// Coordinator → replica, carrying the write.
    pub write: f64,
    /// Replica → coordinator, acknowledging it.
    pub ack: f64,
    /// Coordinator → replica, carrying a read.
    pub read: f64,
    /// Replica → coordinator, carrying the value read.
    pub response: f64,
}

/// The whole state of the quorum widget.
#[derive(Clone, Debug, PartialEq)]
pub struct QuorumState {
    /// Replicas.
    pub n: u32,
    /// Read quorum: replies a read waits for.
    pub r: u32,
    /// Write quorum: acks a write waits for.
    pub w: u32,
    /// Crashed replicas, sorted, each below `n`.
    pub failed: Vec<u32>,
    /// k of "a read returns one of the last k versions".
    pub k: u32,
    /// The latency profile the means came from.
    pub profile: Profile,
    /// Mean delays.
    pub means: Means,
    /// Read quorum of the setting drawn for comparison.
    pub cmp_r: u32,
    /// Write quorum of the setting drawn for comparison.
    pub cmp_w: u32,
    /// Monte Carlo trials per estimate.
    pub trials: u32,
    /// Seed of every random draw.
    pub seed: u64,
    /// When the concurrent read starts, in ms after the write starts.
    pub read_start: f64,
    /// Whether the read repairs stale replicas it met.
    pub repair: bool,
    /// Timeline playhead, in ms ([`END`] shows the whole run).
    pub t: f64,
}

impl Default for QuorumState {
    fn default() -> Self {
        QuorumState {
            n: 3,
            r: 2,
            w: 2,
            failed: Vec::new(),
            k: 2,
            profile: Profile::Ssd,
            means: Means {
                write: 1.0,
                ack: 1.0,
                read: 1.0,
                response: 1.0,
            },
            cmp_r: 1,
            cmp_w: 1,
            trials: 10_000,
            seed: 1,
            read_start: 1.0,
            repair: false,
            // Past the end: the timeline opens fully drawn; Play starts it from zero.
            t: END,
        }
    }
}

/// The URL parameter names, in the order they are written.
pub const PARAMS: [&str; 17] = [
    "n", "r", "w", "failed", "k", "lat", "lw", "la", "lr", "ls", "cr", "cw", "trials", "seed",
    "read", "repair", "t",
];

impl QuorumState {
    /// Replicas that are up.
    pub fn alive(&self) -> Vec<bool> {
        (0..self.n).map(|i| !self.failed.contains(&i)).collect()
    }

    /// How many replicas are up.
    pub fn alive_count(&self) -> u32 {
        self.n - self.failed.len() as u32
    }

    /// Sets N, keeping R, W and the comparison within it and dropping crashed
    /// replicas that no longer exist.
    pub fn set_n(&mut self, n: u32) {
        self.n = n.clamp(1, MAX_N);
        self.r = self.r.min(self.n);
        self.w = self.w.min(self.n);
        self.cmp_r = self.cmp_r.min(self.n);
        self.cmp_w = self.cmp_w.min(self.n);
        self.failed.retain(|&i| i < self.n);
    }

    /// Crashes replica `i`, or brings it back.
    pub fn toggle_failed(&mut self, i: u32) {
        if i >= self.n {
            return;
        }
        if let Some(pos) = self.failed.iter().position(|&f| f == i) {
            self.failed.remove(pos);
        } else {
            self.failed.push(i);
            self.failed.sort_unstable();
        }
    }

    /// Applies a named latency profile.
    pub fn set_profile(&mut self, p: Profile, means: Means) {
        self.profile = p;
        self.means = means;
    }

    /// Writes every field.
    pub fn to_query(&self, q: &mut Query) {
        q.push("n", self.n.to_string());
        q.push("r", self.r.to_string());
        q.push("w", self.w.to_string());
        q.push(
            "failed",
            self.failed
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(","),
        );
        q.push("k", self.k.to_string());
        q.push("lat", self.profile.slug());
        q.push("lw", fmt_float(self.means.write));
        q.push("la", fmt_float(self.means.ack));
        q.push("lr", fmt_float(self.means.read));
        q.push("ls", fmt_float(self.means.response));
        q.push("cr", self.cmp_r.to_string());
        q.push("cw", self.cmp_w.to_string());
        q.push("trials", self.trials.to_string());
        q.push("seed", self.seed.to_string());
        q.push("read", fmt_float(self.read_start));
        q.push("repair", if self.repair { "1" } else { "0" });
        q.push("t", fmt_float(self.t));
    }

    /// Reads the state from a query: every value checked, a notice for each fix.
    /// `profile_means` gives the means of a named profile.
    pub fn from_query(r: &mut Reader<'_>, profile_means: impl Fn(Profile) -> Means) -> QuorumState {
        let d = QuorumState::default();
        let n = r.int("n", d.n.into(), 1, MAX_N.into()) as u32;
        let rq = r.int("r", d.r.min(n).into(), 1, n.into()) as u32;
        let wq = r.int("w", d.w.min(n).into(), 1, n.into()) as u32;
        let mut failed = Vec::new();
        if let Some(raw) = r.raw("failed") {
            for part in raw
                .split(',')
                .filter(|p| !p.trim().is_empty())
                .take(MAX_N as usize)
            {
                match part.trim().parse::<u32>() {
                    Ok(i) if i < n => failed.push(i),
                    _ => r.notice(
                        "failed",
                        format!("'{}' is not a replica below {n}; ignored", shorten(part)),
                    ),
                }
            }
        }
        failed.sort_unstable();
        failed.dedup();
        let k = r.int("k", d.k.into(), 1, MAX_K.into()) as u32;
        let profile = match r.raw("lat") {
            None => d.profile,
            Some(s) => Profile::from_slug(s.trim()).unwrap_or_else(|| {
                r.notice(
                    "lat",
                    format!(
                        "'{}' is not one of ssd, disk, wan, custom; used ssd",
                        shorten(s)
                    ),
                );
                Profile::Ssd
            }),
        };
        let base = if profile == Profile::Custom {
            d.means
        } else {
            profile_means(profile)
        };
        let mut means = Means {
            write: r.float("lw", base.write, MIN_LATENCY, MAX_LATENCY),
            ack: r.float("la", base.ack, MIN_LATENCY, MAX_LATENCY),
            read: r.float("lr", base.read, MIN_LATENCY, MAX_LATENCY),
            response: r.float("ls", base.response, MIN_LATENCY, MAX_LATENCY),
        };
        // A named profile with different means is a custom one.
        let profile = if profile != Profile::Custom && means != profile_means(profile) {
            Profile::Custom
        } else {
            profile
        };
        if profile != Profile::Custom {
            means = profile_means(profile);
        }
        let cmp_r = r.int("cr", d.cmp_r.min(n).into(), 1, n.into()) as u32;
        let cmp_w = r.int("cw", d.cmp_w.min(n).into(), 1, n.into()) as u32;
        let trials = r.int(
            "trials",
            d.trials.into(),
            MIN_TRIALS.into(),
            MAX_TRIALS.into(),
        ) as u32;
        let seed = r.u64("seed", d.seed);
        let read_start = r.float("read", d.read_start, 0.0, MAX_READ_START);
        let repair = match r.raw("repair").map(str::trim) {
            None => d.repair,
            Some("1" | "true" | "on") => true,
            Some("0" | "false" | "off") => false,
            Some(other) => {
                r.notice(
                    "repair",
                    format!("'{}' is not 0 or 1; used 0", shorten(other)),
                );
                false
            }
        };
        let t = r.float("t", d.t, 0.0, END);
        QuorumState {
            n,
            r: rq,
            w: wq,
            failed,
            k,
            profile,
            means,
            cmp_r,
            cmp_w,
            trials,
            seed,
            read_start,
            repair,
            t,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn means(p: Profile) -> Means {
        match p {
            Profile::Disk => Means {
                write: 10.0,
                ack: 2.0,
                read: 5.0,
                response: 2.0,
            },
            Profile::Wan => Means {
                write: 60.0,
                ack: 60.0,
                read: 60.0,
                response: 60.0,
            },
            _ => QuorumState::default().means,
        }
    }

    fn round_trip(s: &QuorumState) -> (QuorumState, usize) {
        let mut q = Query::default();
        s.to_query(&mut q);
        let parsed = Query::parse(&q.to_query_string());
        let mut r = Reader::new(&parsed);
        let back = QuorumState::from_query(&mut r, means);
        (back, r.finish().len())
    }

    #[test]
    fn default_round_trips() {
        let s = QuorumState::default();
        assert_eq!(round_trip(&s), (s, 0));
    }

    #[test]
    fn shrinking_n_keeps_quorums_valid() {
        let mut s = QuorumState {
            n: 5,
            r: 4,
            w: 5,
            failed: vec![1, 4],
            ..QuorumState::default()
        };
        s.set_n(3);
        assert_eq!((s.r, s.w), (3, 3));
        assert_eq!(s.failed, vec![1]);
        s.toggle_failed(1);
        assert!(s.failed.is_empty());
        s.toggle_failed(7);
        assert!(s.failed.is_empty());
    }

    #[test]
    fn bad_values_are_fixed_with_notices() {
        let q = Query::parse("n=99&r=0&w=x&failed=1,20&lat=moon&lw=-3&repair=maybe&trials=5");
        let mut r = Reader::new(&q);
        let s = QuorumState::from_query(&mut r, means);
        let params: Vec<String> = r.finish().into_iter().map(|n| n.param).collect();
        assert_eq!(s.n, MAX_N);
        assert_eq!(s.r, 1);
        assert_eq!(s.failed, vec![1]);
        assert_eq!(s.trials, MIN_TRIALS);
        assert!(!s.repair);
        for p in ["n", "r", "w", "failed", "lat", "lw", "repair", "trials"] {
            assert!(
                params.iter().any(|x| x == p),
                "no notice for {p}: {params:?}"
            );
        }
    }

    #[test]
    fn a_named_profile_with_other_means_becomes_custom() {
        let q = Query::parse("lat=disk&lw=3");
        let mut r = Reader::new(&q);
        let s = QuorumState::from_query(&mut r, means);
        assert_eq!(s.profile, Profile::Custom);
        assert_eq!(s.means.write, 3.0);
        assert_eq!(s.means.ack, 2.0);
    }

    proptest! {
        #[test]
        fn reachable_states_round_trip(
            n in 1u32..=MAX_N, r in 1u32..=MAX_N, w in 1u32..=MAX_N, fails in proptest::collection::vec(0u32..MAX_N, 0..4),
            k in 1u32..=MAX_K, trials in MIN_TRIALS..=MAX_TRIALS, seed in any::<u64>(),
            lw in MIN_LATENCY..MAX_LATENCY, read in 0.0f64..MAX_READ_START, repair in any::<bool>(), t in 0.0f64..1000.0,
        ) {
            let mut s = QuorumState { r, w, cmp_r: w, cmp_w: r, k, trials, seed, read_start: read, repair, t, ..QuorumState::default() };
            s.set_n(n);
            for f in fails { s.toggle_failed(f); }
            s.profile = Profile::Custom;
            s.means.write = lw;
            let (back, notices) = round_trip(&s);
            prop_assert_eq!(notices, 0);
            prop_assert_eq!(back, s);
        }

        #[test]
        fn arbitrary_links_never_panic(q in "[a-z=&:,0-9.%-]{0,200}") {
            let parsed = Query::parse(&q);
            let mut r = Reader::new(&parsed);
            let s = QuorumState::from_query(&mut r, means);
            let _ = r.finish();
            prop_assert!(s.r >= 1 && s.r <= s.n && s.w >= 1 && s.w <= s.n);
        }
    }
}
