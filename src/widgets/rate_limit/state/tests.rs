//! Tests of the rate limiters' state: its link read back, bad values fixed with notices, and the zoom.

use super::*;
use proptest::prelude::*;

fn round_trip(s: &RateState) -> (RateState, usize) {
    let mut q = Query::default();
    s.to_query(&mut q);
    let parsed = Query::parse(&q.to_query_string());
    let mut r = Reader::new(&parsed);
    let back = RateState::from_query(&mut r);
    (back, r.finish().len())
}

#[test]
fn default_round_trips() {
    let s = RateState::default();
    assert_eq!(round_trip(&s), (s, 0));
}

#[test]
fn every_source_round_trips() {
    for source in Source::all() {
        let s = RateState {
            source,
            ..RateState::default()
        };
        assert_eq!(round_trip(&s).0.source, source);
    }
}

#[test]
fn bad_values_are_fixed_with_notices() {
    let q = Query::parse("algos=token,zz&limit=0&window=5&traffic=moon&rate=-1&dur=99999&clients=50&live=maybe&k=999&share=x&sync=-3");
    let mut r = Reader::new(&q);
    let s = RateState::from_query(&mut r);
    let params: Vec<String> = r.finish().into_iter().map(|n| n.param).collect();
    assert_eq!(s.algos, vec![AlgorithmKind::TokenBucket]);
    assert_eq!(s.limit, 1);
    assert_eq!(s.window_ms, MIN_WINDOW_MS);
    assert_eq!(s.rate, MIN_RATE);
    assert_eq!(s.duration, MAX_DURATION);
    assert_eq!(s.clients, MAX_CLIENTS);
    assert!(!s.live);
    assert_eq!(s.gateways, MAX_GATEWAYS);
    assert_eq!(s.sync_ms, 0);
    for p in [
        "algos", "limit", "window", "traffic", "rate", "dur", "clients", "live", "k", "share",
        "sync",
    ] {
        assert!(
            params.iter().any(|x| x == p),
            "no notice for {p}: {params:?}"
        );
    }
}

#[test]
fn a_zoom_reads_back_and_a_bad_one_shows_the_whole_stream() {
    let s = RateState {
        zoom: Some((850.0, 1150.5)),
        ..RateState::default()
    };
    assert_eq!(round_trip(&s), (s, 0));
    for bad in [
        "zoom=5",
        "zoom=9,3",
        "zoom=-1,4",
        "zoom=0,9999999",
        "zoom=a,b",
    ] {
        let q = Query::parse(bad);
        let mut r = Reader::new(&q);
        let s = RateState::from_query(&mut r);
        assert_eq!(s.zoom, None, "{bad}");
        assert_eq!(r.finish().len(), 1, "{bad}");
    }
}

#[test]
fn zooming_in_and_out_stays_in_the_stream() {
    let mut s = RateState::default();
    s.zoom_by(0.5, 10_000.0);
    assert_eq!(s.zoom, Some((2_500.0, 7_500.0)));
    s.set_zoom(9_900.0, 9_500.0);
    assert_eq!(s.zoom, Some((9_500.0, 9_900.0)));
    s.zoom_by(4.0, 10_000.0);
    assert_eq!(s.zoom, Some((8_400.0, 10_000.0)));
    s.zoom_by(100.0, 10_000.0);
    assert_eq!(s.zoom, None);
    s.set_zoom(3.0, 3.0);
    assert_eq!(s.zoom, Some((3.0, 4.0)));
}

proptest! {
    #[test]
    fn reachable_states_round_trip(
        mask in 0u8..64, limit in 1u32..=MAX_LIMIT, window in MIN_WINDOW_MS..=MAX_WINDOW_MS, burst in 1u32..=MAX_LIMIT,
        src in 0usize..7, rate in MIN_RATE..MAX_RATE, dur in MIN_DURATION..MAX_DURATION, seed in any::<u64>(),
        live in any::<bool>(), t in 0.0f64..600_000.0, k in 1u32..=MAX_GATEWAYS, central in any::<bool>(),
        sync in 0u32..=MAX_SYNC_MS, rtt in 0.0f64..1000.0, atomic in any::<bool>(), clients in 1u32..=MAX_CLIENTS,
        zoom in proptest::option::of((0.0f64..300_000.0, 1.0f64..300_000.0)),
    ) {
        let s = RateState {
            algos: AlgorithmKind::ALL.into_iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, k)| k).collect(),
            limit, window_ms: window, burst, source: Source::all()[src], rate, duration: dur, seed, live, t_ms: t,
            gateways: k, share: if central { Share::Central } else { Share::Sync }, sync_ms: sync, rtt_ms: rtt, atomic, clients,
            zoom: zoom.and_then(|(a, len)| zoom_range(a, a + len)),
            ..RateState::default()
        };
        let (back, notices) = round_trip(&s);
        prop_assert_eq!(notices, 0);
        prop_assert_eq!(back, s);
    }

    #[test]
    fn arbitrary_links_never_panic(q in "[a-z=&:,0-9.%-]{0,200}") {
        let parsed = Query::parse(&q);
        let mut r = Reader::new(&parsed);
        let s = RateState::from_query(&mut r);
        let _ = r.finish();
        prop_assert!(s.limit >= 1 && s.window_ms >= MIN_WINDOW_MS && s.gateways >= 1);
    }
}
