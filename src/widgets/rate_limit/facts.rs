//! What the rate limiters' captions are computed from: each algorithm's
//! numbers at a scene's state, the stream's, and the gateways'.

use super::model;
use super::state::{RateState, Share, Source};
use sim::rate_limit::traffic::TrafficKind;
use sim::rate_limit::{AlgorithmKind, Limiter};

/// One algorithm's numbers, as its lane and its row of the table show them.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneFacts {
    /// The algorithm.
    pub kind: AlgorithmKind,
    /// Requests let through.
    pub accepted: u64,
    /// Requests refused.
    pub rejected: u64,
    /// The most of one client's requests let through in any window of W.
    pub max_in_window: u32,
    /// Requests of the focus (the spike, or the half after the boundary) let through.
    pub focus: u64,
    /// The longest wait of a request of the focus, ms (the queue only).
    pub focus_wait_ms: f64,
    /// Requests let through per client.
    pub per_client: Vec<u64>,
    /// Let through and refused up to the live clock (everything when it is off).
    pub so_far: (u64, u64),
}

/// What several gateways sharing one limit let through.
#[derive(Clone, Debug, PartialEq)]
pub struct GatewayFacts {
    /// Gateways.
    pub k: u32,
    /// How they share.
    pub share: Share,
    /// Let through.
    pub accepted: u64,
    /// What one counter seeing every request lets through.
    pub ideal: u64,
    /// The most let through in one window of W.
    pub worst: u32,
    /// `worst / L`.
    pub over: f64,
    /// What each request waits for the decision, ms.
    pub latency_ms: f64,
    /// Messages exchanged.
    pub messages: u64,
}

/// What the rate limiters' captions say, computed by the same model
/// functions as the lanes, the table and the gateways panel.
#[derive(Clone, Debug, PartialEq)]
pub struct RateFacts {
    /// L.
    pub limit: u32,
    /// W, in ms.
    pub window_ms: u32,
    /// The buckets' burst.
    pub burst: u32,
    /// The generator, or `None` for requests fired by hand or imported.
    pub kind: Option<TrafficKind>,
    /// Mean arrival rate, per second (the background for a spike, the
    /// noisiest client for several).
    pub rate: f64,
    /// On/off: on and off periods, ms.
    pub on_off_ms: (u32, u32),
    /// Spike: when (s), how many, over how long (ms).
    pub spike: (f64, u32, u32),
    /// Boundary attack: how far each half spreads, ms.
    pub spread_ms: u32,
    /// Requests in the stream.
    pub requests: usize,
    /// From the first request to the last, ms.
    pub span_ms: f64,
    /// Length of the stream's time axis, ms.
    pub end_ms: f64,
    /// The most requests offered in any window of W.
    pub offered_max: u32,
    /// Requests in the focus: the spike, or the half after the boundary.
    pub focus_offered: u64,
    /// Requests offered per client.
    pub offered_per_client: Vec<u64>,
    /// Each algorithm shown, in [`AlgorithmKind::ALL`] order.
    pub lanes: Vec<LaneFacts>,
    /// Several clients: what each would get through if one token bucket
    /// counted every client's requests together (empty for one client).
    pub shared_per_client: Vec<u64>,
    /// The token bucket and GCRA let through exactly the same requests.
    pub bucket_is_gcra: bool,
    /// The queue lets through exactly the requests GCRA does.
    pub queue_is_gcra: bool,
    /// The live clock is on.
    pub live: bool,
    /// The clock, ms.
    pub t_ms: f64,
    /// Requests that have arrived by the clock.
    pub arrived: usize,
    /// Sync interval, ms.
    pub sync_ms: u32,
    /// Round trip to the central counter, ms.
    pub rtt_ms: f64,
    /// The gateways' figures.
    pub gateways: GatewayFacts,
}

impl RateFacts {
    /// An algorithm's lane, if shown.
    pub fn lane(&self, k: AlgorithmKind) -> Option<&LaneFacts> {
        self.lanes.iter().find(|l| l.kind == k)
    }

    /// A number of an algorithm's lane (0 when it is not shown).
    pub fn of<T: Default>(&self, k: AlgorithmKind, f: fn(&LaneFacts) -> T) -> T {
        self.lane(k).map(f).unwrap_or_default()
    }

    /// Whether every one of `kinds` is shown.
    pub fn shows(&self, kinds: &[AlgorithmKind]) -> bool {
        kinds.iter().all(|k| self.lane(*k).is_some())
    }
}

/// The requests of the focus: the spike's, or those from the boundary on.
fn focus(s: &RateState) -> Option<(u64, u64)> {
    match s.source {
        Source::Generated(TrafficKind::Spike) => {
            let at = (s.spike_at.max(0.0) * 1e6).round() as u64;
            Some((at, at + u64::from(s.spike_ms.max(1)) * 1000))
        }
        Source::Generated(TrafficKind::Boundary) => {
            let w = u64::from(s.window_ms) * 1000;
            Some((w, 2 * w))
        }
        _ => None,
    }
}

/// The facts of a state: every figure the captions quote. Requests fired by
/// hand or imported live in the page, not in the state, so their facts are
/// those of an empty stream.
pub fn facts(s: &RateState) -> RateFacts {
    let stream = model::stream(s, &[], None);
    let run = model::run_all(s, &stream);
    let visible = if s.live {
        let t = (s.t_ms * 1000.0).round() as u64;
        stream.times.partition_point(|&x| x <= t)
    } else {
        stream.requests.len()
    };
    let so_far = model::so_far(&run, visible);
    let clients = stream
        .requests
        .iter()
        .map(|r| r.client as usize + 1)
        .max()
        .unwrap_or(0)
        .min(8);
    let mut offered_per_client = vec![0u64; clients];
    for r in &stream.requests {
        if let Some(c) = offered_per_client.get_mut(r.client as usize) {
            *c += 1;
        }
    }
    let range = focus(s);
    let in_focus = |t: u64| range.is_some_and(|(lo, hi)| (lo..hi).contains(&t));
    let focus_offered = stream.times.iter().filter(|&&t| in_focus(t)).count() as u64;
    let lanes = run
        .lanes
        .iter()
        .zip(so_far)
        .map(|(l, so_far)| {
            let mut per_client = vec![0u64; clients];
            let (mut focus, mut focus_wait) = (0, 0);
            for (i, (r, &ok)) in stream.requests.iter().zip(&l.accepted).enumerate() {
                if ok {
                    if let Some(c) = per_client.get_mut(r.client as usize) {
                        *c += 1;
                    }
                    if in_focus(r.t_us) {
                        focus += 1;
                        focus_wait = focus_wait.max(l.delays_us.get(i).copied().unwrap_or(0));
                    }
                }
            }
            LaneFacts {
                kind: l.kind,
                accepted: l.summary.accepted,
                rejected: l.summary.rejected,
                max_in_window: l.summary.max_in_window,
                focus,
                focus_wait_ms: focus_wait as f64 / 1000.0,
                per_client,
                so_far,
            }
        })
        .collect();
    // why: the contrast the per-client limiters are there for, one pass of
    // one bucket over the stream, so it costs no more than a lane.
    let shared_per_client = if clients > 1 {
        let mut bucket = AlgorithmKind::TokenBucket.build(run.params);
        let mut v = vec![0u64; clients];
        for r in &stream.requests {
            if bucket.decide(r.t_us).admitted() {
                if let Some(c) = v.get_mut(r.client as usize) {
                    *c += 1;
                }
            }
        }
        v
    } else {
        Vec::new()
    };
    let decisions = |k: AlgorithmKind| run.lanes.iter().find(|l| l.kind == k).map(|l| &l.accepted);
    let same = |a, b| decisions(a).is_some() && decisions(a) == decisions(b);
    let report = model::distributed_report(s, &stream);
    RateFacts {
        limit: run.params.limit,
        window_ms: s.window_ms,
        burst: run.params.burst,
        kind: match s.source {
            Source::Generated(k) => Some(k),
            _ => None,
        },
        rate: s.rate,
        on_off_ms: (s.on_ms, s.off_ms),
        spike: (s.spike_at, s.spike_count, s.spike_ms),
        spread_ms: s.spread_ms,
        requests: stream.requests.len(),
        span_ms: match (stream.times.first(), stream.times.last()) {
            (Some(a), Some(b)) => (b - a) as f64 / 1000.0,
            _ => 0.0,
        },
        end_ms: stream.end_us as f64 / 1000.0,
        offered_max: run.offered_max_in_window,
        focus_offered,
        offered_per_client,
        lanes,
        shared_per_client,
        bucket_is_gcra: same(AlgorithmKind::TokenBucket, AlgorithmKind::Gcra),
        queue_is_gcra: same(AlgorithmKind::LeakyQueue, AlgorithmKind::Gcra),
        live: s.live,
        t_ms: s.t_ms,
        arrived: visible,
        sync_ms: s.sync_ms,
        rtt_ms: s.rtt_ms,
        gateways: GatewayFacts {
            k: report.gateways,
            share: s.share,
            accepted: report.accepted,
            ideal: report.ideal_accepted,
            worst: report.worst_window,
            over: report.over_ratio,
            latency_ms: report.added_latency_us as f64 / 1000.0,
            messages: report.messages,
        },
    }
}
