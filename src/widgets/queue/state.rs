//! Every control of the queues widget as one plain value, and its URL form.

use crate::embed::query::{fmt_float, Query, Reader};

/// Most servers.
pub const MAX_SERVERS: u32 = 100;
/// Most requests a run simulates.
pub const MAX_REQUESTS: u32 = 1_000_000;
/// Fewest requests a run simulates.
pub const MIN_REQUESTS: u32 = 1_000;
/// Load range, per cent of the servers' capacity.
pub const LOAD_RANGE: (u32, u32) = (10, 99);
/// Slowest speed of the first server, per cent of the others'.
pub const MIN_SLOW: u32 = 10;
/// Most random choices for join-the-shortest-of-d.
pub const MAX_D: u32 = 4;
/// Most jobs (requests × fan-out) a run simulates, so no setting holds the
/// page for long; hedging runs four simulations, so a quarter of it.
pub const MAX_JOBS: u64 = 1_000_000;

/// Hedge delay range, as a percentile of one job's latency (0 is off).
pub const HEDGE_RANGE: (u32, u32) = (50, 99);

/// How the balancer picks a server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyKind {
    /// In turn.
    RoundRobin,
    /// At random.
    Random,
    /// The server with the fewest requests outstanding.
    Least,
    /// The shorter queue of d servers drawn at random.
    Choices,
    /// Two random servers, the lower peak-EWMA latency × load.
    PeakEwma,
    /// No balancer: one queue that every server takes from.
    Shared,
}

impl PolicyKind {
    /// Every policy, in the order the controls list them.
    pub const ALL: [PolicyKind; 6] = [
        PolicyKind::RoundRobin,
        PolicyKind::Random,
        PolicyKind::Least,
        PolicyKind::Choices,
        PolicyKind::PeakEwma,
        PolicyKind::Shared,
    ];

    /// Its URL value.
    pub fn key(self) -> &'static str {
        match self {
            PolicyKind::RoundRobin => "round-robin",
            PolicyKind::Random => "random",
            PolicyKind::Least => "least",
            PolicyKind::Choices => "choices",
            PolicyKind::PeakEwma => "peak-ewma",
            PolicyKind::Shared => "shared",
        }
    }

    /// Its name on the page; `d` names the choices.
    pub fn name(self, d: u32) -> String {
        match self {
            PolicyKind::RoundRobin => "round robin".into(),
            PolicyKind::Random => "random".into(),
            PolicyKind::Least => "least outstanding".into(),
            PolicyKind::Choices if d == 2 => "two random choices".into(),
            PolicyKind::Choices => format!("shortest of {d} random choices"),
            PolicyKind::PeakEwma => "peak-EWMA".into(),
            PolicyKind::Shared => "one shared queue".into(),
        }
    }
}

/// How much work a request is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Work {
    /// Exponential: memoryless, the textbook case.
    Exp,
    /// Every request the same.
    Const,
    /// Log-normal, σ = 1.5: most requests quick, a few very slow.
    LogNormal,
    /// Pareto, α = 2.1: a power-law tail.
    Pareto,
}

impl Work {
    /// Every kind, in the order the controls list them.
    pub const ALL: [Work; 4] = [Work::Exp, Work::Const, Work::LogNormal, Work::Pareto];

    /// Its URL value.
    pub fn key(self) -> &'static str {
        match self {
            Work::Exp => "exp",
            Work::Const => "const",
            Work::LogNormal => "lognormal",
            Work::Pareto => "pareto",
        }
    }

    /// Its name on the page.
    pub fn name(self) -> &'static str {
        match self {
            Work::Exp => "exponential",
            Work::Const => "constant",
            Work::LogNormal => "log-normal (σ 1.5)",
            Work::Pareto => "Pareto (α 2.1)",
        }
    }
}

/// The whole state of the queues widget.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueState {
    /// The balancer.
    pub policy: PolicyKind,
    /// Choices for [`PolicyKind::Choices`], `1..=MAX_D`.
    pub d: u32,
    /// Servers behind the balancer.
    pub servers: u32,
    /// Offered load, per cent of the capacity of all servers together.
    pub load: u32,
    /// Service times.
    pub work: Work,
    /// The first server's speed, per cent of the others' (100: all equal).
    pub slow: u32,
    /// Servers each request fans out to, waiting for all (`1..=servers`).
    pub fanout: u32,
    /// Hedge a job once it has waited this percentile of one job's
    /// latency (0: no hedging).
    pub hedge: u32,
    /// Arrivals in bursts (on/off) instead of Poisson.
    pub bursty: bool,
    /// Requests simulated.
    pub requests: u32,
    /// The moment the picture shows, per cent of the run.
    pub at: f64,
    /// Seed of every random draw.
    pub seed: u64,
}

impl Default for QueueState {
    fn default() -> Self {
        QueueState {
            policy: PolicyKind::Random,
            d: 2,
            servers: 10,
            load: 80,
            work: Work::Exp,
            slow: 100,
            fanout: 1,
            hedge: 0,
            bursty: false,
            requests: 20_000,
            at: 50.0,
            seed: 1,
        }
    }
}

/// The URL parameter names, in the order they are written.
pub const PARAMS: [&str; 12] = [
    "policy", "d", "servers", "load", "work", "slow", "fanout", "hedge", "arrivals", "requests",
    "at", "seed",
];

impl QueueState {
    /// Keeps dependent fields in range: the fan-out within the servers.
    pub fn fix(&mut self) {
        self.servers = self.servers.clamp(1, MAX_SERVERS);
        self.fanout = self.fanout.clamp(1, self.servers);
        self.d = self.d.clamp(1, MAX_D);
        self.load = self.load.clamp(LOAD_RANGE.0, LOAD_RANGE.1);
        self.slow = self.slow.clamp(MIN_SLOW, 100);
        if self.hedge != 0 {
            self.hedge = self.hedge.clamp(HEDGE_RANGE.0, HEDGE_RANGE.1);
        }
        self.requests = self
            .requests
            .clamp(MIN_REQUESTS, MAX_REQUESTS)
            .min(self.max_requests());
        self.at = if self.at.is_nan() {
            50.0
        } else {
            self.at.clamp(0.0, 100.0)
        };
    }

    /// The most requests a run may simulate at this fan-out and hedging
    /// (see [`MAX_JOBS`]).
    pub fn max_requests(&self) -> u32 {
        let jobs = if self.hedge == 0 {
            MAX_JOBS
        } else {
            MAX_JOBS / 4
        };
        (jobs / u64::from(self.fanout.max(1)))
            .clamp(u64::from(MIN_REQUESTS), u64::from(MAX_REQUESTS)) as u32
    }

    /// The policy's name on the page.
    pub fn policy_name(&self) -> String {
        self.policy.name(self.d)
    }

    /// Writes every field.
    pub fn to_query(&self, q: &mut Query) {
        q.push("policy", self.policy.key());
        q.push("d", self.d.to_string());
        q.push("servers", self.servers.to_string());
        q.push("load", self.load.to_string());
        q.push("work", self.work.key());
        q.push("slow", self.slow.to_string());
        q.push("fanout", self.fanout.to_string());
        q.push("hedge", self.hedge.to_string());
        q.push("arrivals", if self.bursty { "bursty" } else { "poisson" });
        q.push("requests", self.requests.to_string());
        q.push("at", fmt_float(self.at));
        q.push("seed", self.seed.to_string());
    }

    /// Reads every field, each checked: out of range is clamped, malformed
    /// is the default, each with a notice.
    pub fn from_query(r: &mut Reader<'_>) -> QueueState {
        let d = QueueState::default();
        let keys: Vec<&'static str> = PolicyKind::ALL.iter().map(|p| p.key()).collect();
        let pk = r.choice("policy", d.policy.key(), &keys);
        let policy = PolicyKind::ALL
            .into_iter()
            .find(|p| p.key() == pk)
            .unwrap_or(d.policy);
        let choices = r.int("d", d.d.into(), 1, MAX_D.into()) as u32;
        let servers = r.int("servers", d.servers.into(), 1, MAX_SERVERS.into()) as u32;
        let load = r.int(
            "load",
            d.load.into(),
            LOAD_RANGE.0.into(),
            LOAD_RANGE.1.into(),
        ) as u32;
        let wk: Vec<&'static str> = Work::ALL.iter().map(|w| w.key()).collect();
        let wkey = r.choice("work", d.work.key(), &wk);
        let work = Work::ALL
            .into_iter()
            .find(|w| w.key() == wkey)
            .unwrap_or(d.work);
        let slow = r.int("slow", d.slow.into(), MIN_SLOW.into(), 100) as u32;
        let fanout = r.int("fanout", d.fanout.into(), 1, MAX_SERVERS.into()) as u32;
        if fanout > servers {
            r.notice(
                "fanout",
                format!("{fanout} is more than the {servers} servers; used {servers}"),
            );
        }
        let hedge = match r.int("hedge", 0, 0, HEDGE_RANGE.1.into()) as u32 {
            h if h != 0 && h < HEDGE_RANGE.0 => {
                r.notice(
                    "hedge",
                    format!(
                        "{h} is below the lowest percentile {lo}; used {lo}",
                        lo = HEDGE_RANGE.0
                    ),
                );
                HEDGE_RANGE.0
            }
            h => h,
        };
        let bursty = r.choice("arrivals", "poisson", &["poisson", "bursty"]) == "bursty";
        let requests = r.int(
            "requests",
            d.requests.into(),
            MIN_REQUESTS.into(),
            MAX_REQUESTS.into(),
        ) as u32;
        let at = r.float("at", d.at, 0.0, 100.0);
        let seed = r.u64("seed", d.seed);
        let mut s = QueueState {
            policy,
            d: choices,
            servers,
            load,
            work,
            slow,
            fanout,
            hedge,
            bursty,
            requests,
            at,
            seed,
        };
        let cap = QueueState {
            fanout: fanout.min(servers),
            ..s.clone()
        }
        .max_requests();
        if requests > cap {
            r.notice(
                "requests",
                format!(
                    "{requests} requests × a fan-out of {} is more than the page simulates; used {cap}",
                    fanout.min(servers)
                ),
            );
        }
        s.fix();
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(q: &str) -> (QueueState, Vec<crate::ui::notices::Notice>) {
        let q = Query::parse(q);
        let mut r = Reader::new(&q);
        let s = QueueState::from_query(&mut r);
        (s, r.finish())
    }

    #[test]
    fn a_link_round_trips_every_field() {
        let s = QueueState {
            policy: PolicyKind::Choices,
            d: 3,
            servers: 40,
            load: 95,
            work: Work::Pareto,
            slow: 30,
            fanout: 5,
            hedge: 95,
            bursty: true,
            requests: 50_000,
            at: 12.5,
            seed: 99,
        };
        let mut q = Query::default();
        s.to_query(&mut q);
        let (back, notices) = read(&q.to_query_string());
        assert_eq!(back, s);
        assert!(notices.is_empty(), "{notices:?}");
    }

    #[test]
    fn bad_values_are_clamped_with_notices() {
        let (s, n) = read(
            "?policy=fastest&servers=0&load=150&fanout=9&hedge=10&requests=5&at=nan&slow=1&d=9",
        );
        assert_eq!(s.policy, PolicyKind::Random);
        assert_eq!((s.servers, s.load, s.fanout, s.hedge), (1, 99, 1, 50));
        assert_eq!((s.requests, s.slow, s.d), (MIN_REQUESTS, MIN_SLOW, MAX_D));
        assert_eq!(s.at, 50.0);
        for p in [
            "policy", "servers", "load", "fanout", "hedge", "requests", "at", "slow", "d",
        ] {
            assert!(n.iter().any(|x| x.param == p), "no notice for {p}: {n:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Any value of any parameter reads to a state in range, which its
        /// own link reads back exactly.
        #[test]
        fn any_link_reads_to_a_state_in_range(
            values in proptest::collection::vec("[-0-9a-z.%]{0,8}", PARAMS.len()),
        ) {
            let q: String = PARAMS
                .iter()
                .zip(&values)
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("&");
            let (s, _) = read(&format!("?{q}"));
            let mut fixed = s.clone();
            fixed.fix();
            proptest::prop_assert_eq!(&fixed, &s);
            proptest::prop_assert!(s.fanout <= s.servers);
            let mut back = Query::default();
            s.to_query(&mut back);
            let (again, n) = read(&back.to_query_string());
            proptest::prop_assert_eq!(again, s);
            proptest::prop_assert!(n.is_empty());
        }
    }
}
