//! The event loop: arrivals, dispatch, hedge copies and completions in time
//! order, resumable in slices.
//!
//! Every server is FIFO with one worker, so a job's start and finish are
//! fixed the moment it is dispatched (Lindley's recursion: it starts when
//! both it and the server are ready). Completions still have to be replayed
//! in time order, because the balancer's view (outstanding jobs, observed
//! latencies), the queue-length samples and the time-integral of the number
//! in system change at each of them: a binary heap of pending completions
//! does that in O(log jobs in flight) per job. Nothing is allocated per
//! request beyond the output vectors, reserved up front.
//!
//! Hedging follows Dean & Barroso's hedged requests ("The Tail at Scale",
//! CACM 2013): when a job has not answered `hedge_delay` after it was sent, a
//! copy goes to another server, and whichever answers first counts. The
//! paper's client cancels the outstanding copy once the first answer
//! arrives; this model does **not** cancel: the loser runs to completion.
//! That is the case of servers that cannot abort work (or a cancel that
//! arrives too late), so the extra load reported (hedge work / base work) is
//! an upper bound on what cancelling would cost.

use std::collections::VecDeque;

use super::arrival::ArrivalGen;
use super::balancer::{Balancer, Policy};
use super::heap::{pack, unpack, MinHeap};
use super::stats::{batch_means, quantiles};
use super::Config;
use crate::rng::Rng;

/// The readouts of one run.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Summary {
    /// Requests completed.
    pub count: u64,
    /// Mean response time (arrival to last answer).
    pub mean: f64,
    /// Half-width of the 95 % confidence interval of `mean`, by batch means
    /// ([`super::stats::batch_means`]).
    pub mean_half_width: f64,
    /// Nearest-rank quantiles of the response time (the `⌈p n⌉`-th smallest,
    /// [`super::stats::nearest_rank`]): median, 90th, 99th, 99.9th.
    pub p50: f64,
    /// 90th percentile response time.
    pub p90: f64,
    /// 99th percentile response time.
    pub p99: f64,
    /// 99.9th percentile response time.
    pub p999: f64,
    /// Slowest response.
    pub max: f64,
    /// Mean queueing delay (see [`Report::wait`]).
    pub mean_wait: f64,
    /// Time of the last answer: every measurement below spans `[0, horizon]`,
    /// which starts and ends with an empty system.
    pub horizon: f64,
    /// Time-average number of jobs in the system (waiting or in service),
    /// integrated over the horizon: Little's `L`.
    pub mean_in_system: f64,
    /// Jobs per unit time over the horizon (requests × fan-out + hedge
    /// copies): Little's `λ`.
    pub job_rate: f64,
    /// Mean time a job spends at its server (wait plus service): Little's `W`.
    pub mean_job_time: f64,
    /// Service time of the first copies of all jobs (what the servers would
    /// do without hedging).
    pub base_work: f64,
    /// Service time of the hedge copies.
    pub hedge_work: f64,
    /// Hedge copies sent.
    pub hedges: u64,
}

impl Summary {
    /// Extra load from hedging: hedge work / base work (0 without hedging).
    pub fn extra_load(&self) -> f64 {
        if self.base_work > 0.0 {
            self.hedge_work / self.base_work
        } else {
            0.0
        }
    }

    /// Little's law check, `(L − λ W) / L` with `L` measured by
    /// time-integration and `λ W` from the jobs' own times (0 for an empty
    /// run). The window starts and ends empty, so the law holds exactly and
    /// the gap is rounding error: anything else is a bookkeeping bug.
    pub fn littles_law_gap(&self) -> f64 {
        if self.mean_in_system > 0.0 {
            (self.mean_in_system - self.job_rate * self.mean_job_time) / self.mean_in_system
        } else {
            0.0
        }
    }
}

/// Everything a run measured.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The clamped configuration that ran.
    pub config: Config,
    /// Per request: arrival time.
    pub arrival: Vec<f64>,
    /// Per request: queueing delay, from arrival to the start of service of
    /// the copy whose answer completed the request (for a hedge copy this
    /// includes the hedge delay).
    pub wait: Vec<f64>,
    /// Per request: response time, arrival to the last of its jobs' first
    /// answers.
    pub response: Vec<f64>,
    /// Per server (worker): busy time / horizon.
    pub utilisation: Vec<f64>,
    /// When the queue lengths were sampled: `k · H / S` for `k = 1..=S`,
    /// `H = requests / rate` the expected duration of the arrivals.
    pub sample_times: Vec<f64>,
    /// `queue_lengths[s][k]`: jobs at server `s` (waiting or in service) at
    /// `sample_times[k]`; for the shared queue one row, the whole system.
    pub queue_lengths: Vec<Vec<u32>>,
    /// The first [`Config::trace`] jobs, in the order they were sent.
    pub jobs: Vec<Job>,
    /// The readouts.
    pub summary: Summary,
}

/// One job's journey: a request's copy sent to one server.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Job {
    /// Its request, counted from 0.
    pub request: u32,
    /// The server (the worker, for the shared queue).
    pub server: u32,
    /// When the balancer sent it.
    pub sent: f64,
    /// When its service started.
    pub start: f64,
    /// When it was answered.
    pub finish: f64,
    /// Whether it is a hedge copy.
    pub hedge: bool,
}

/// A hedge copy due to be sent.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Pending {
    /// When it is sent.
    time: f64,
    /// Its request.
    request: usize,
    /// The first copy's server, start and finish.
    server: u32,
    start: f64,
    finish: f64,
}

/// A simulation that can run in slices: [`Run::step`] dispatches a bounded
/// number of requests and returns, and [`Run::finish`] gives exactly what
/// [`simulate`] gives however the run was sliced.
#[derive(Clone, Debug)]
pub struct Run {
    config: Config,
    arrival_rng: Rng,
    work_rng: Rng,
    pick_rng: Rng,
    hedge_rng: Rng,
    source: ArrivalGen,
    /// `None` for the shared queue.
    balancer: Option<Balancer>,
    /// Per server: when its worker is free (per-server queues).
    free_at: Vec<f64>,
    /// Shared queue: workers by the time they are free.
    workers: MinHeap,
    /// Jobs per server (one row for the shared queue).
    outstanding: Vec<u32>,
    busy: Vec<f64>,
    /// Per server: the last request with a job there (fan-out spreads).
    stamp: Vec<u64>,
    /// Pending completions by finish time, then server.
    completions: MinHeap,
    /// Peak-EWMA only: per server, the dispatch times of its jobs in FIFO
    /// order, which is also their completion order.
    sent: Vec<VecDeque<f64>>,
    hedges: VecDeque<Pending>,
    in_system: u64,
    clock: f64,
    area: f64,
    jobs: u64,
    job_time: f64,
    base_work: f64,
    hedge_work: f64,
    hedges_sent: u64,
    arrival: Vec<f64>,
    wait: Vec<f64>,
    response: Vec<f64>,
    sample_times: Vec<f64>,
    queue_lengths: Vec<Vec<u32>>,
    jobs_trace: Vec<Job>,
    next_sample: usize,
    drained: bool,
}

impl Run {
    /// A run of `config` (clamped) with random streams split off `rng`.
    pub fn new(config: &Config, rng: &mut Rng) -> Run {
        let config = config.clamped();
        let mut arrival_rng = rng.fork();
        let work_rng = rng.fork();
        let pick_rng = rng.fork();
        let hedge_rng = rng.fork();
        let source = ArrivalGen::new(config.arrivals, &mut arrival_rng);
        let n = config.servers as usize;
        let shared = config.policy == Policy::SharedQueue;
        let peak = matches!(config.policy, Policy::PeakEwma { .. });
        let rows = if shared { 1 } else { n };
        let s = config.samples as usize;
        let span = config.requests as f64 / config.arrivals.mean_rate();
        let requests = config.requests as usize;
        Run {
            balancer: (!shared).then(|| Balancer::new(config.policy, &config.weights)),
            free_at: vec![0.0; n],
            workers: {
                let mut heap = MinHeap::with_capacity(if shared { n } else { 0 });
                if shared {
                    (0..n as u32).for_each(|w| heap.push(pack(0.0, w)));
                }
                heap
            },
            outstanding: vec![0; rows],
            busy: vec![0.0; n],
            stamp: vec![0; n],
            completions: MinHeap::with_capacity(n * 4),
            sent: vec![VecDeque::new(); if peak { n } else { 0 }],
            hedges: VecDeque::new(),
            in_system: 0,
            clock: 0.0,
            area: 0.0,
            jobs: 0,
            job_time: 0.0,
            base_work: 0.0,
            hedge_work: 0.0,
            hedges_sent: 0,
            arrival: Vec::with_capacity(requests),
            wait: Vec::with_capacity(requests),
            response: Vec::with_capacity(requests),
            sample_times: (1..=s).map(|k| k as f64 * span / s as f64).collect(),
            queue_lengths: vec![Vec::with_capacity(s); rows],
            jobs_trace: Vec::with_capacity(
                config.trace.min(config.requests * u64::from(config.fanout)) as usize,
            ),
            next_sample: 0,
            drained: false,
            config,
            arrival_rng,
            work_rng,
            pick_rng,
            hedge_rng,
            source,
        }
    }

    /// Requests dispatched so far and in all.
    pub fn progress(&self) -> (u64, u64) {
        (self.arrival.len() as u64, self.config.requests)
    }

    /// Whether every request has been dispatched and answered.
    pub fn is_done(&self) -> bool {
        self.drained
    }

    /// Dispatches up to `max_requests` more requests (draining the system
    /// after the last one) and returns how many it dispatched.
    pub fn step(&mut self, max_requests: u64) -> u64 {
        let left = self.config.requests - self.arrival.len() as u64;
        let todo = left.min(max_requests);
        for _ in 0..todo {
            self.request();
        }
        if self.arrival.len() as u64 == self.config.requests && !self.drained {
            self.drain();
        }
        todo
    }

    /// Runs to the end and reports.
    pub fn finish(mut self) -> Report {
        self.step(u64::MAX);
        let horizon = self.clock;
        let per_time = |x: f64| if horizon > 0.0 { x / horizon } else { 0.0 };
        let count = self.response.len();
        let mut sorted = self.response.clone();
        let [p50, p90, p99, p999, max] = quantiles(
            &mut sorted,
            [(1, 2), (9, 10), (99, 100), (999, 1000), (1, 1)],
        );
        let ci = batch_means(&self.response);
        let mean_wait = if count > 0 {
            self.wait.iter().sum::<f64>() / count as f64
        } else {
            0.0
        };
        let summary = Summary {
            count: count as u64,
            mean: ci.mean,
            mean_half_width: ci.half_width,
            p50,
            p90,
            p99,
            p999,
            max,
            mean_wait,
            horizon,
            mean_in_system: per_time(self.area),
            job_rate: per_time(self.jobs as f64),
            mean_job_time: if self.jobs > 0 {
                self.job_time / self.jobs as f64
            } else {
                0.0
            },
            base_work: self.base_work,
            hedge_work: self.hedge_work,
            hedges: self.hedges_sent,
        };
        Report {
            utilisation: self.busy.iter().map(|&b| per_time(b).min(1.0)).collect(),
            config: self.config,
            arrival: self.arrival,
            wait: self.wait,
            response: self.response,
            sample_times: self.sample_times,
            queue_lengths: self.queue_lengths,
            jobs: self.jobs_trace,
            summary,
        }
    }

    /// Moves the clock to `t` (not before it is): records the samples due
    /// strictly before `t` and integrates the number in system.
    fn tick(&mut self, t: f64) {
        while self.next_sample < self.sample_times.len() && self.sample_times[self.next_sample] < t
        {
            for (row, &q) in self.queue_lengths.iter_mut().zip(&self.outstanding) {
                row.push(q);
            }
            self.next_sample += 1;
        }
        if t > self.clock && t.is_finite() {
            self.area += self.in_system as f64 * (t - self.clock);
            self.clock = t;
        }
    }

    /// Applies every completion at or before `t`, then moves the clock to `t`.
    fn advance(&mut self, t: f64) {
        while let Some(k) = self.completions.peek() {
            let (f, s) = unpack(k);
            if f > t {
                break;
            }
            self.completions.pop();
            self.tick(f);
            let row = if self.balancer.is_some() {
                s as usize
            } else {
                0
            };
            self.outstanding[row] -= 1;
            self.in_system -= 1;
            if let Some(b) = &mut self.balancer {
                let sent = self.sent.get_mut(s as usize).and_then(VecDeque::pop_front);
                b.completed(s, sent.map_or(0.0, |d| f - d), f);
            }
        }
        if t.is_finite() {
            self.tick(t);
        }
    }

    /// After the last arrival: sends the remaining hedges, applies every
    /// completion, and fills the samples after the end with the empty state.
    fn drain(&mut self) {
        while let Some(h) = self.hedges.pop_front() {
            self.advance(h.time);
            self.send_hedge(h);
        }
        self.advance(f64::INFINITY);
        self.tick(f64::INFINITY);
        self.drained = true;
    }

    /// A server for a job of request `tag − 1` sent at `now`, not one already
    /// used by that request (`stamp`) nor `avoid`.
    fn choose(&mut self, now: f64, tag: u64, avoid: u32) -> u32 {
        let Some(b) = &mut self.balancer else {
            return 0;
        };
        let ok = |s: u32, stamp: &[u64]| stamp[s as usize] != tag && s != avoid;
        let mut s = b.pick(&mut self.pick_rng, &self.outstanding, now);
        // why: a few fresh picks keep the policy's preference; then the next
        // free server in index order, which always exists (fan-out ≤ servers).
        for _ in 0..3 {
            if ok(s, &self.stamp) {
                return s;
            }
            s = b.pick(&mut self.pick_rng, &self.outstanding, now);
        }
        let n = self.config.servers;
        while !ok(s, &self.stamp) {
            s = if s + 1 == n { 0 } else { s + 1 };
        }
        s
    }

    /// Queues a job of `work` sent at `now` on `server` (ignored by the
    /// shared queue); returns the server, service time, start and finish.
    fn send(&mut self, now: f64, work: f64, server: u32) -> (u32, f64, f64, f64) {
        let (s, start, service) = if self.balancer.is_some() {
            let i = server as usize;
            let start = now.max(self.free_at[i]);
            let service = work / self.config.speeds[i];
            self.free_at[i] = start + service;
            self.outstanding[i] += 1;
            (server, start, service)
        } else {
            let Some(k) = self.workers.peek() else {
                return (0, 0.0, now, now);
            };
            let (free, w) = unpack(k);
            let start = now.max(free);
            let service = work / self.config.speeds[w as usize];
            self.workers.replace_top(pack(start + service, w));
            self.outstanding[0] += 1;
            (w, start, service)
        };
        let finish = start + service;
        self.busy[s as usize] += service;
        self.in_system += 1;
        self.jobs += 1;
        self.job_time += finish - now;
        self.completions.push(pack(finish, s));
        if let Some(q) = self.sent.get_mut(s as usize) {
            q.push_back(now);
        }
        if let Some(b) = &mut self.balancer {
            b.dispatched(s);
        }
        (s, service, start, finish)
    }

    /// Keeps job `(request, server, sent, start, finish)` while the trace has room.
    fn trace(
        &mut self,
        request: usize,
        server: u32,
        sent: f64,
        start: f64,
        finish: f64,
        hedge: bool,
    ) {
        if (self.jobs_trace.len() as u64) < self.config.trace {
            self.jobs_trace.push(Job {
                request: request as u32,
                server,
                sent,
                start,
                finish,
                hedge,
            });
        }
    }

    /// Counts one job's answer (`start`, `finish`) towards request `i`.
    fn answer(&mut self, i: usize, start: f64, finish: f64) {
        let a = self.arrival[i];
        if finish - a > self.response[i] {
            self.response[i] = finish - a;
            self.wait[i] = start - a;
        }
    }

    /// Dispatches the next request.
    fn request(&mut self) {
        let t = self.source.next(&mut self.arrival_rng);
        while let Some(&h) = self.hedges.front() {
            if h.time > t {
                break;
            }
            self.hedges.pop_front();
            self.advance(h.time);
            self.send_hedge(h);
        }
        self.advance(t);
        let i = self.arrival.len();
        self.arrival.push(t);
        self.wait.push(0.0);
        self.response.push(-1.0);
        let hedging = self
            .config
            .hedge_delay
            .filter(|_| self.config.servers > 1 || self.config.policy == Policy::SharedQueue);
        for _ in 0..self.config.fanout {
            let work = self.config.service.sample(&mut self.work_rng);
            let tag = i as u64 + 1;
            let server = self.choose(t, tag, u32::MAX);
            self.stamp[server as usize] = tag;
            let (s, service, start, finish) = self.send(t, work, server);
            self.trace(i, s, t, start, finish, false);
            self.base_work += service;
            match hedging {
                Some(delay) if finish - t > delay => self.hedges.push_back(Pending {
                    time: t + delay,
                    request: i,
                    server: s,
                    start,
                    finish,
                }),
                _ => self.answer(i, start, finish),
            }
        }
    }

    /// Sends the hedge copy `h` at `h.time`; the earlier answer counts.
    fn send_hedge(&mut self, h: Pending) {
        let work = self.config.service.sample(&mut self.hedge_rng);
        let server = self.choose(h.time, u64::MAX, h.server);
        let (s, service, start, finish) = self.send(h.time, work, server);
        self.trace(h.request, s, h.time, start, finish, true);
        self.hedge_work += service;
        self.hedges_sent += 1;
        if finish < h.finish {
            self.answer(h.request, start, finish);
        } else {
            self.answer(h.request, h.start, h.finish);
        }
    }
}

/// Runs `config` from start to end in one go.
pub fn simulate(config: &Config, rng: &mut Rng) -> Report {
    Run::new(config, rng).finish()
}
