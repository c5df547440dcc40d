//! Every control of the rate-limiter widget as one plain value, and its URL form.

use crate::embed::query::{fmt_float, shorten, Query, Reader};
use sim::rate_limit::traffic::TrafficKind;
use sim::rate_limit::AlgorithmKind;

/// Largest limit per window the sliders offer.
pub const MAX_LIMIT: u32 = 100_000;
/// Window length range, in milliseconds.
pub const MIN_WINDOW_MS: u32 = 10;
/// See [`MIN_WINDOW_MS`].
pub const MAX_WINDOW_MS: u32 = 60_000;
/// Arrival rate range, requests per second.
pub const MIN_RATE: f64 = 0.1;
/// See [`MIN_RATE`].
pub const MAX_RATE: f64 = 100_000.0;
/// Stream length range, in seconds.
pub const MIN_DURATION: f64 = 1.0;
/// See [`MIN_DURATION`]; also the longest a hand-fired recording runs.
pub const MAX_DURATION: f64 = 600.0;
/// Requests a stream may hold: longer streams are cut here, with a note.
pub const MAX_STREAM: usize = 1_000_000;
/// Most clients of the "several clients" traffic.
pub const MAX_CLIENTS: u32 = 8;
/// Most gateways in the distributed panel.
pub const MAX_GATEWAYS: u32 = 64;
/// Longest sync interval, in milliseconds.
pub const MAX_SYNC_MS: u32 = 10_000;

/// Where requests come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A seeded generator.
    Generated(TrafficKind),
    /// Requests fired by hand (recorded in this tab, not in the URL).
    Hand,
    /// Timestamps imported from a file or pasted text (not in the URL).
    Imported,
}

impl Source {
    /// Every source, in menu order.
    pub fn all() -> Vec<Source> {
        let mut v: Vec<Source> = TrafficKind::ALL
            .into_iter()
            .map(Source::Generated)
            .collect();
        v.push(Source::Hand);
        v.push(Source::Imported);
        v
    }

    /// URL value.
    pub fn slug(self) -> &'static str {
        match self {
            Source::Generated(k) => k.slug(),
            Source::Hand => "hand",
            Source::Imported => "import",
        }
    }

    /// Menu label.
    pub fn label(self) -> &'static str {
        match self {
            Source::Generated(TrafficKind::Poisson) => "Steady (Poisson)",
            Source::Generated(TrafficKind::OnOff) => "On/off bursts",
            Source::Generated(TrafficKind::Spike) => "A single spike",
            Source::Generated(TrafficKind::Boundary) => "Window-boundary attack",
            Source::Generated(TrafficKind::Clients) => "Several clients",
            Source::Hand => "Fired by hand",
            Source::Imported => "Imported timestamps",
        }
    }

    /// Parses a URL value.
    pub fn from_slug(s: &str) -> Option<Source> {
        Source::all().into_iter().find(|x| x.slug() == s)
    }
}

/// How gateways share the limit in the distributed panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Share {
    /// Local counts exchanged every `sync_ms`.
    Sync,
    /// One central counter a round trip away.
    Central,
}

/// The whole state of the rate-limiter widget.
#[derive(Clone, Debug, PartialEq)]
pub struct RateState {
    /// The algorithms shown, in [`AlgorithmKind::ALL`] order.
    pub algos: Vec<AlgorithmKind>,
    /// `L`: requests allowed per window.
    pub limit: u32,
    /// `W`: the window, in milliseconds.
    pub window_ms: u32,
    /// Largest burst for the bucket-style algorithms.
    pub burst: u32,
    /// Where requests come from.
    pub source: Source,
    /// Arrival rate, requests per second (the background rate for a spike,
    /// the noisiest client's rate for several clients).
    pub rate: f64,
    /// Stream length, in seconds.
    pub duration: f64,
    /// On/off: on period, ms.
    pub on_ms: u32,
    /// On/off: off period, ms.
    pub off_ms: u32,
    /// Spike: when it starts, in seconds.
    pub spike_at: f64,
    /// Spike: requests in it.
    pub spike_count: u32,
    /// Spike: how long it lasts, ms.
    pub spike_ms: u32,
    /// Boundary attack: how far each half spreads from the boundary, ms.
    pub spread_ms: u32,
    /// Several clients: how many (client 0 at `rate`, the others at a quarter of it).
    pub clients: u32,
    /// Seed of every random draw.
    pub seed: u64,
    /// Live clock (true) or the whole stream at once.
    pub live: bool,
    /// Live clock position, in milliseconds.
    pub t_ms: f64,
    /// Distributed: gateways.
    pub gateways: u32,
    /// Distributed: how they share.
    pub share: Share,
    /// Distributed: sync interval, ms (0 = after every request).
    pub sync_ms: u32,
    /// Distributed: round trip to the central counter, ms.
    pub rtt_ms: f64,
    /// Distributed: the central counter increments and checks in one call.
    pub atomic: bool,
    /// The stretch of time the lanes show, ms (`None`: the whole stream).
    pub zoom: Option<(f64, f64)>,
}

impl Default for RateState {
    fn default() -> Self {
        RateState {
            algos: AlgorithmKind::ALL.to_vec(),
            limit: 10,
            window_ms: 1_000,
            burst: 10,
            source: Source::Generated(TrafficKind::OnOff),
            rate: 30.0,
            duration: 10.0,
            on_ms: 1_000,
            off_ms: 1_500,
            spike_at: 4.0,
            spike_count: 40,
            spike_ms: 200,
            spread_ms: 100,
            clients: 4,
            seed: 1,
            live: false,
            t_ms: 0.0,
            gateways: 4,
            share: Share::Sync,
            sync_ms: 500,
            rtt_ms: 20.0,
            atomic: true,
            zoom: None,
        }
    }
}

/// The URL parameter names, in the order they are written.
pub const PARAMS: [&str; 23] = [
    "algos", "limit", "window", "burst", "traffic", "rate", "dur", "on", "off", "at", "count",
    "width", "spread", "clients", "seed", "live", "t", "k", "share", "sync", "rtt", "atomic",
    "zoom",
];

/// The shortest stretch the lanes zoom to, ms.
pub const MIN_ZOOM_MS: f64 = 1.0;

impl RateState {
    /// Adds or removes an algorithm, keeping [`AlgorithmKind::ALL`] order.
    pub fn toggle_algo(&mut self, k: AlgorithmKind) {
        if self.algos.contains(&k) {
            self.algos.retain(|a| *a != k);
        } else {
            self.algos.push(k);
            self.algos.sort_unstable();
        }
    }

    /// Writes every field (the `view` parameter is the caller's).
    pub fn to_query(&self, q: &mut Query) {
        let algos: Vec<&str> = self.algos.iter().map(|k| k.slug()).collect();
        q.push("algos", algos.join(","));
        q.push("limit", self.limit.to_string());
        q.push("window", self.window_ms.to_string());
        q.push("burst", self.burst.to_string());
        q.push("traffic", self.source.slug());
        q.push("rate", fmt_float(self.rate));
        q.push("dur", fmt_float(self.duration));
        q.push("on", self.on_ms.to_string());
        q.push("off", self.off_ms.to_string());
        q.push("at", fmt_float(self.spike_at));
        q.push("count", self.spike_count.to_string());
        q.push("width", self.spike_ms.to_string());
        q.push("spread", self.spread_ms.to_string());
        q.push("clients", self.clients.to_string());
        q.push("seed", self.seed.to_string());
        q.push("live", if self.live { "1" } else { "0" });
        q.push("t", fmt_float(self.t_ms));
        q.push("k", self.gateways.to_string());
        q.push(
            "share",
            match self.share {
                Share::Sync => "sync",
                Share::Central => "central",
            },
        );
        q.push("sync", self.sync_ms.to_string());
        q.push("rtt", fmt_float(self.rtt_ms));
        q.push("atomic", if self.atomic { "1" } else { "0" });
        q.push(
            "zoom",
            self.zoom.map_or_else(
                || "all".to_owned(),
                |(a, b)| format!("{},{}", fmt_float(a), fmt_float(b)),
            ),
        );
    }

    /// Shows the stretch from `a` to `b` ms (in either order), at least
    /// [`MIN_ZOOM_MS`] long, within the longest stream.
    pub fn set_zoom(&mut self, a: f64, b: f64) {
        self.zoom = zoom_range(a, b);
    }

    /// Zooms by `factor` (below 1 in, above 1 out) around the middle of the
    /// stretch shown, within `0..=end_ms`; back to the whole stream once it
    /// covers all of it.
    pub fn zoom_by(&mut self, factor: f64, end_ms: f64) {
        let (a, b) = self.zoom.unwrap_or((0.0, end_ms));
        let (mid, half) = ((a + b) / 2.0, (b - a) / 2.0 * factor);
        let (mut lo, mut hi) = (mid - half, mid + half);
        if lo < 0.0 {
            (lo, hi) = (0.0, hi - lo);
        }
        if hi > end_ms {
            (lo, hi) = ((lo - (hi - end_ms)).max(0.0), end_ms);
        }
        self.zoom = if lo <= 0.0 && hi >= end_ms {
            None
        } else {
            zoom_range(lo, hi)
        };
    }

    /// Reads the state from a query: every value checked, a notice for each fix.
    pub fn from_query(r: &mut Reader<'_>) -> RateState {
        let d = RateState::default();
        let algos = match r.raw("algos") {
            None => d.algos.clone(),
            Some(raw) => {
                let mut v = Vec::new();
                for part in raw
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .take(16)
                {
                    match AlgorithmKind::from_slug(part) {
                        Some(k) if !v.contains(&k) => v.push(k),
                        Some(_) => {}
                        None => r.notice(
                            "algos",
                            format!("'{}' is not an algorithm; ignored", shorten(part)),
                        ),
                    }
                }
                v.sort_unstable();
                v
            }
        };
        let limit = r.int("limit", d.limit.into(), 1, MAX_LIMIT.into()) as u32;
        let window_ms = r.int(
            "window",
            d.window_ms.into(),
            MIN_WINDOW_MS.into(),
            MAX_WINDOW_MS.into(),
        ) as u32;
        let burst = r.int("burst", limit.into(), 1, MAX_LIMIT.into()) as u32;
        let source = match r.raw("traffic") {
            None => d.source,
            Some(s) => Source::from_slug(s.trim()).unwrap_or_else(|| {
                let names: Vec<&str> = Source::all().iter().map(|x| x.slug()).collect();
                r.notice(
                    "traffic",
                    format!(
                        "'{}' is not one of {}; used onoff",
                        shorten(s),
                        names.join(", ")
                    ),
                );
                d.source
            }),
        };
        let rate = r.float("rate", d.rate, MIN_RATE, MAX_RATE);
        let duration = r.float("dur", d.duration, MIN_DURATION, MAX_DURATION);
        let on_ms = r.int("on", d.on_ms.into(), 1, 600_000) as u32;
        let off_ms = r.int("off", d.off_ms.into(), 0, 600_000) as u32;
        let spike_at = r.float("at", d.spike_at, 0.0, MAX_DURATION);
        let spike_count = r.int("count", d.spike_count.into(), 1, MAX_STREAM as i64) as u32;
        let spike_ms = r.int("width", d.spike_ms.into(), 1, 600_000) as u32;
        let spread_ms = r.int("spread", d.spread_ms.into(), 1, MAX_WINDOW_MS.into()) as u32;
        let clients = r.int("clients", d.clients.into(), 1, MAX_CLIENTS.into()) as u32;
        let seed = r.u64("seed", d.seed);
        let flag = |r: &mut Reader<'_>, key: &str, default: bool| match r.raw(key).map(str::trim) {
            None => default,
            Some("1" | "true" | "on") => true,
            Some("0" | "false" | "off") => false,
            Some(other) => {
                r.notice(
                    key,
                    format!(
                        "'{}' is not 0 or 1; used {}",
                        shorten(other),
                        u8::from(default)
                    ),
                );
                default
            }
        };
        let live = flag(r, "live", d.live);
        let t_ms = r.float("t", 0.0, 0.0, MAX_DURATION * 1000.0);
        let gateways = r.int("k", d.gateways.into(), 1, MAX_GATEWAYS.into()) as u32;
        let share = match r.choice("share", "sync", &["sync", "central"]) {
            "central" => Share::Central,
            _ => Share::Sync,
        };
        let sync_ms = r.int("sync", d.sync_ms.into(), 0, MAX_SYNC_MS.into()) as u32;
        let rtt_ms = r.float("rtt", d.rtt_ms, 0.0, 1_000.0);
        let atomic = flag(r, "atomic", d.atomic);
        let zoom = match r.raw("zoom").map(str::trim) {
            None | Some("all" | "") => None,
            Some(raw) => {
                let parsed = raw.split_once(',').and_then(|(a, b)| {
                    let (a, b) = (
                        crate::decimal::parse(a.trim())?,
                        crate::decimal::parse(b.trim())?,
                    );
                    let ok = (0.0..=MAX_DURATION * 1000.0).contains(&a)
                        && (0.0..=MAX_DURATION * 1000.0).contains(&b)
                        && b - a >= MIN_ZOOM_MS;
                    ok.then_some((a, b))
                });
                if parsed.is_none() {
                    r.notice(
                        "zoom",
                        format!(
                            "'{}' is not a stretch from,to in ms (0 to {}, at least {} ms long); showing the whole stream",
                            shorten(raw),
                            fmt_float(MAX_DURATION * 1000.0),
                            fmt_float(MIN_ZOOM_MS)
                        ),
                    );
                }
                parsed
            }
        };
        RateState {
            algos,
            limit,
            window_ms,
            burst,
            source,
            rate,
            duration,
            on_ms,
            off_ms,
            spike_at,
            spike_count,
            spike_ms,
            spread_ms,
            clients,
            seed,
            live,
            t_ms,
            gateways,
            share,
            sync_ms,
            rtt_ms,
            atomic,
            zoom,
        }
    }
}

/// A stretch from `a` to `b` ms in order, within the longest stream and at
/// least [`MIN_ZOOM_MS`] long; `None` when nothing of it is left.
fn zoom_range(a: f64, b: f64) -> Option<(f64, f64)> {
    let top = MAX_DURATION * 1000.0;
    let (lo, hi) = (a.min(b).clamp(0.0, top), a.max(b).clamp(0.0, top));
    if !(lo.is_finite() && hi.is_finite()) {
        return None;
    }
    let hi = hi.max(lo + MIN_ZOOM_MS).min(top);
    let lo = lo.min(hi - MIN_ZOOM_MS);
    Some((
        (lo * 1000.0).round() / 1000.0,
        (hi * 1000.0).round() / 1000.0,
    ))
}

#[cfg(test)]
mod tests;
