//! Every control of the cache widget as one plain value, and its URL form.

use crate::embed::query::{fmt_float, shorten, Query, Reader};
use sim::cache::trace::{parse_sequence, to_sequence, MAX_TYPED};
use sim::cache::workload::{Shape, Spec, MAX_REQUESTS, MAX_UNIVERSE};
use sim::cache::PolicyKind;

/// Most slots in step mode: enough to show every policy's structure, few
/// enough that each box stays readable on a phone.
pub const MAX_SLOTS: u32 = 16;
/// Requests step mode walks through: the first this many of the workload.
pub const MAX_STEPS: usize = MAX_TYPED;
/// Fewest requests a generated workload may have.
pub const MIN_REQUESTS: u32 = 100;
/// Largest time to live, in requests.
pub const MAX_TTL: u32 = 1_000_000;
/// Backing-store request rates offered, per second.
pub const MIN_RATE: f64 = 1.0;
/// See [`MIN_RATE`].
pub const MAX_RATE: f64 = 10_000_000.0;
/// The sequence step mode starts with: Belady's classic page string.
pub const DEFAULT_SEQUENCE: &str = "A B C D A B E A B C D E";

/// Step by step, or every policy at scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Two policies side by side, one request at a time.
    Step,
    /// Hit ratios of many policies over many cache sizes.
    Compare,
}

impl Mode {
    /// URL value.
    pub fn slug(self) -> &'static str {
        match self {
            Mode::Step => "step",
            Mode::Compare => "compare",
        }
    }
}

/// Where the requests come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A sequence typed by hand (it lives in the URL).
    Typed,
    /// A seeded generator.
    Generated(Shape),
    /// A trace imported from a file or pasted text (it cannot live in the URL).
    Imported,
}

impl Source {
    /// Every source, in the order of the workload menu.
    pub fn all() -> Vec<Source> {
        let mut v = vec![Source::Typed];
        v.extend(Shape::ALL.into_iter().map(Source::Generated));
        v.push(Source::Imported);
        v
    }

    /// URL value.
    pub fn slug(self) -> &'static str {
        match self {
            Source::Typed => "typed",
            Source::Generated(s) => s.slug(),
            Source::Imported => "import",
        }
    }

    /// Menu label.
    pub fn label(self) -> &'static str {
        match self {
            Source::Typed => "Typed sequence",
            Source::Generated(s) => s.label(),
            Source::Imported => "Imported trace",
        }
    }

    /// Parses a URL value.
    pub fn from_slug(s: &str) -> Option<Source> {
        Source::all().into_iter().find(|x| x.slug() == s)
    }
}

/// The whole state of the cache widget.
#[derive(Clone, Debug, PartialEq)]
pub struct CacheState {
    /// Step mode or compare mode.
    pub mode: Mode,
    /// Where requests come from.
    pub source: Source,
    /// The typed sequence (kept while another source is chosen).
    pub sequence: String,
    /// Zipf skew α.
    pub alpha: f64,
    /// Distinct keys of a generated workload (the loop length for a loop).
    pub universe: u32,
    /// Requests of a generated workload.
    pub requests: u32,
    /// Hot-set size of the scan workload.
    pub hot: u32,
    /// Share of scan requests in the scan workload.
    pub scan_share: f64,
    /// Seed of the workload and of the Random policy.
    pub seed: u64,
    /// Step mode: cache slots.
    pub slots: u32,
    /// Step mode: the policy on the left.
    pub left: PolicyKind,
    /// Step mode: the policy on the right.
    pub right: PolicyKind,
    /// Step mode: requests served so far (0 = none yet).
    pub at: u32,
    /// Compare mode: the policies compared, in [`PolicyKind::ALL`] order.
    pub policies: Vec<PolicyKind>,
    /// Compare mode: the cache size the readouts describe.
    pub capacity: u32,
    /// Compare mode: requests per second reaching the cache, for the backing-store load.
    pub rate: f64,
    /// LRU+TTL: time to live in requests (0 = never).
    pub ttl: u32,
}

impl Default for CacheState {
    fn default() -> Self {
        CacheState {
            mode: Mode::Step,
            source: Source::Typed,
            sequence: DEFAULT_SEQUENCE.to_owned(),
            alpha: 1.0,
            universe: 10_000,
            requests: 100_000,
            hot: 100,
            scan_share: 0.3,
            seed: 1,
            slots: 3,
            left: PolicyKind::Lru,
            right: PolicyKind::Opt,
            at: 0,
            policies: default_policies(),
            capacity: 100,
            rate: 1_000.0,
            ttl: 1_000,
        }
    }
}

/// Every policy but LRU+TTL, which equals LRU until a TTL is chosen.
pub fn default_policies() -> Vec<PolicyKind> {
    PolicyKind::ALL
        .into_iter()
        .filter(|k| *k != PolicyKind::LruTtl)
        .collect()
}

/// The URL parameter names, in the order they are written.
pub const PARAMS: [&str; 17] = [
    "mode", "work", "seq", "alpha", "keys", "reqs", "hot", "scan", "seed", "slots", "left",
    "right", "at", "policies", "cap", "rate", "ttl",
];

impl CacheState {
    /// The fields the workload depends on, the rest at their defaults, so a
    /// change of any other control does not make a new trace. Step mode shows
    /// only its first requests, so it asks for no more.
    pub fn workload_inputs(&self) -> CacheState {
        CacheState {
            source: self.source,
            sequence: self.sequence.clone(),
            alpha: self.alpha,
            universe: self.universe,
            requests: if self.mode == Mode::Step {
                self.requests.min(MAX_STEPS as u32)
            } else {
                self.requests
            },
            hot: self.hot,
            scan_share: self.scan_share,
            seed: self.seed,
            ..CacheState::default()
        }
    }

    /// The generator spec, when the source is generated.
    pub fn spec(&self) -> Option<Spec> {
        match self.source {
            Source::Generated(shape) => Some(
                Spec {
                    shape,
                    requests: self.requests as usize,
                    universe: self.universe,
                    alpha: self.alpha,
                    hot: self.hot,
                    scan_share: self.scan_share,
                }
                .clamped(),
            ),
            _ => None,
        }
    }

    /// Adds or removes a policy from the comparison, keeping [`PolicyKind::ALL`] order.
    pub fn toggle_policy(&mut self, k: PolicyKind) {
        if self.policies.contains(&k) {
            self.policies.retain(|p| *p != k);
        } else {
            self.policies.push(k);
            self.policies.sort_unstable();
        }
    }

    /// Writes every field (the `view` parameter is the caller's).
    pub fn to_query(&self, q: &mut Query) {
        q.push("mode", self.mode.slug());
        q.push("work", self.source.slug());
        q.push("seq", self.sequence.clone());
        q.push("alpha", fmt_float(self.alpha));
        q.push("keys", self.universe.to_string());
        q.push("reqs", self.requests.to_string());
        q.push("hot", self.hot.to_string());
        q.push("scan", fmt_float(self.scan_share));
        q.push("seed", self.seed.to_string());
        q.push("slots", self.slots.to_string());
        q.push("left", self.left.slug());
        q.push("right", self.right.slug());
        q.push("at", self.at.to_string());
        let list: Vec<&str> = self.policies.iter().map(|k| k.slug()).collect();
        q.push("policies", list.join(","));
        q.push("cap", self.capacity.to_string());
        q.push("rate", fmt_float(self.rate));
        q.push("ttl", self.ttl.to_string());
    }

    /// Reads the state from a query: every value checked, a notice for each fix.
    pub fn from_query(r: &mut Reader<'_>) -> CacheState {
        let d = CacheState::default();
        let mode = match r.choice("mode", "step", &["step", "compare"]) {
            "compare" => Mode::Compare,
            _ => Mode::Step,
        };
        let source = match r.raw("work") {
            None => d.source,
            Some(s) => Source::from_slug(s.trim()).unwrap_or_else(|| {
                let names: Vec<&str> = Source::all().iter().map(|x| x.slug()).collect();
                r.notice(
                    "work",
                    format!(
                        "'{}' is not one of {}; used typed",
                        shorten(s),
                        names.join(", ")
                    ),
                );
                Source::Typed
            }),
        };
        let sequence = match r.raw("seq") {
            None => d.sequence.clone(),
            Some(raw) => {
                let parsed = parse_sequence(raw);
                for p in &parsed.problems {
                    r.notice("seq", format!("{}; skipped", p.message));
                }
                if parsed.more_problems > 0 {
                    r.notice(
                        "seq",
                        format!("{} more items skipped", parsed.more_problems),
                    );
                }
                if let Some(t) = &parsed.truncated {
                    r.notice("seq", t.clone());
                }
                if parsed.trace.keys.is_empty() {
                    r.notice(
                        "seq",
                        format!("no usable items; used \"{DEFAULT_SEQUENCE}\""),
                    );
                    d.sequence.clone()
                } else {
                    to_sequence(&parsed.trace)
                }
            }
        };
        let alpha = r.float("alpha", d.alpha, 0.0, 3.0);
        let universe = r.int("keys", d.universe.into(), 1, MAX_UNIVERSE.into()) as u32;
        let requests = r.int(
            "reqs",
            d.requests.into(),
            MIN_REQUESTS.into(),
            MAX_REQUESTS as i64,
        ) as u32;
        let hot = r.int("hot", d.hot.min(universe).into(), 1, universe.into()) as u32;
        let scan_share = r.float("scan", d.scan_share, 0.0, 0.95);
        let seed = r.u64("seed", d.seed);
        let slots = r.int("slots", d.slots.into(), 1, MAX_SLOTS.into()) as u32;
        let policy = |r: &mut Reader<'_>, key: &str, default: PolicyKind| match r.raw(key) {
            None => default,
            Some(s) => PolicyKind::from_slug(s.trim()).unwrap_or_else(|| {
                r.notice(
                    key,
                    format!("'{}' is not a policy; used {}", shorten(s), default.slug()),
                );
                default
            }),
        };
        let left = policy(r, "left", d.left);
        let right = policy(r, "right", d.right);
        let at = r.int("at", 0, 0, MAX_STEPS as i64) as u32;
        let policies = match r.raw("policies") {
            None => d.policies.clone(),
            Some(raw) => {
                let mut v = Vec::new();
                for part in raw
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .take(32)
                {
                    match PolicyKind::from_slug(part) {
                        Some(k) if !v.contains(&k) => v.push(k),
                        Some(_) => {}
                        None => r.notice(
                            "policies",
                            format!("'{}' is not a policy; ignored", shorten(part)),
                        ),
                    }
                }
                v.sort_unstable();
                v
            }
        };
        let capacity = r.int("cap", d.capacity.into(), 1, MAX_UNIVERSE.into()) as u32;
        let rate = r.float("rate", d.rate, MIN_RATE, MAX_RATE);
        let ttl = r.int("ttl", d.ttl.into(), 0, MAX_TTL.into()) as u32;
        CacheState {
            mode,
            source,
            sequence,
            alpha,
            universe,
            requests,
            hot,
            scan_share,
            seed,
            slots,
            left,
            right,
            at,
            policies,
            capacity,
            rate,
            ttl,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn round_trip(s: &CacheState) -> (CacheState, usize) {
        let mut q = Query::default();
        s.to_query(&mut q);
        let parsed = Query::parse(&q.to_query_string());
        let mut r = Reader::new(&parsed);
        let back = CacheState::from_query(&mut r);
        (back, r.finish().len())
    }

    #[test]
    fn default_round_trips() {
        let s = CacheState::default();
        assert_eq!(round_trip(&s), (s, 0));
    }

    #[test]
    fn every_source_round_trips() {
        for source in Source::all() {
            let s = CacheState {
                source,
                mode: Mode::Compare,
                ..CacheState::default()
            };
            assert_eq!(round_trip(&s).0.source, source);
        }
    }

    #[test]
    fn bad_values_are_fixed_with_notices() {
        let q = Query::parse(
            "mode=x&work=moon&seq=A%20b%24c%20C&alpha=9&keys=0&reqs=5&slots=99&left=zzz&policies=lru,nope,lru&cap=-1&rate=abc&ttl=-4",
        );
        let mut r = Reader::new(&q);
        let s = CacheState::from_query(&mut r);
        let params: Vec<String> = r.finish().into_iter().map(|n| n.param).collect();
        assert_eq!(s.mode, Mode::Step);
        assert_eq!(s.source, Source::Typed);
        assert_eq!(s.sequence, "A C");
        assert_eq!(s.alpha, 3.0);
        assert_eq!(s.universe, 1);
        assert_eq!(s.requests, MIN_REQUESTS);
        assert_eq!(s.slots, MAX_SLOTS);
        assert_eq!(s.left, PolicyKind::Lru);
        assert_eq!(s.policies, vec![PolicyKind::Lru]);
        assert_eq!(s.capacity, 1);
        assert_eq!(s.ttl, 0);
        for p in [
            "mode", "work", "seq", "alpha", "keys", "reqs", "slots", "left", "policies", "cap",
            "rate", "ttl",
        ] {
            assert!(
                params.iter().any(|x| x == p),
                "no notice for {p}: {params:?}"
            );
        }
    }

    #[test]
    fn an_empty_sequence_falls_back_to_the_default() {
        let q = Query::parse("seq=%24%24");
        let mut r = Reader::new(&q);
        let s = CacheState::from_query(&mut r);
        assert_eq!(s.sequence, DEFAULT_SEQUENCE);
        assert!(!r.finish().is_empty());
    }

    #[test]
    fn toggling_policies_keeps_their_order() {
        let mut s = CacheState {
            policies: vec![PolicyKind::Opt],
            ..CacheState::default()
        };
        s.toggle_policy(PolicyKind::Lru);
        assert_eq!(s.policies, vec![PolicyKind::Lru, PolicyKind::Opt]);
        s.toggle_policy(PolicyKind::Opt);
        assert_eq!(s.policies, vec![PolicyKind::Lru]);
    }

    proptest! {
        #[test]
        fn reachable_states_round_trip(
            compare in any::<bool>(), src in 0usize..7, alpha in 0.0f64..3.0, universe in 1u32..=MAX_UNIVERSE,
            requests in MIN_REQUESTS..=(MAX_REQUESTS as u32), scan in 0.0f64..0.95, seed in any::<u64>(),
            slots in 1u32..=MAX_SLOTS, l in 0usize..10, rr in 0usize..10, at in 0u32..=(MAX_STEPS as u32),
            mask in 0u16..1024, cap in 1u32..=MAX_UNIVERSE, rate in MIN_RATE..MAX_RATE, ttl in 0u32..=MAX_TTL,
        ) {
            let s = CacheState {
                mode: if compare { Mode::Compare } else { Mode::Step },
                source: Source::all()[src],
                sequence: "x y x z".into(),
                alpha, universe, requests, hot: universe / 2 + 1, scan_share: scan, seed, slots,
                left: PolicyKind::ALL[l], right: PolicyKind::ALL[rr], at,
                policies: PolicyKind::ALL.into_iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, k)| k).collect(),
                capacity: cap, rate, ttl,
            };
            let (back, notices) = round_trip(&s);
            prop_assert_eq!(notices, 0);
            prop_assert_eq!(back, s);
        }

        #[test]
        fn arbitrary_links_never_panic(q in "[a-z=&:,0-9.%-]{0,200}") {
            let parsed = Query::parse(&q);
            let mut r = Reader::new(&parsed);
            let s = CacheState::from_query(&mut r);
            let _ = r.finish();
            prop_assert!(s.slots >= 1 && s.hot <= s.universe && s.capacity >= 1);
        }
    }
}
