//! Tests of decimal parsing and formatting against the standard library.

use super::*;
use proptest::prelude::*;

#[test]
fn reads_what_the_standard_parser_reads() {
    for s in [
        "0",
        "-0",
        "1",
        "+1",
        "0.5",
        ".5",
        "5.",
        "1e3",
        "1E-3",
        "2.5e+2",
        "007",
        "0.1",
        "123456789012345678901234",
        "0.000000001",
        "1e38",
        "1e-38",
        "inf",
        "-Infinity",
        "NaN",
    ] {
        let ours = parse(s);
        let std = s.parse::<f64>().ok();
        match (ours, std) {
            (Some(a), Some(b)) if a.is_nan() => assert!(b.is_nan(), "{s}"),
            (Some(a), Some(b)) => assert_eq!(a.to_bits(), b.to_bits(), "{s}"),
            _ => panic!("{s}: ours {ours:?}, std {std:?}"),
        }
    }
    for s in ["1e-300", "1e300", "3e-50", "7e45"] {
        let (ours, std) = (parse(s).unwrap_or(0.0), s.parse::<f64>().unwrap_or(1.0));
        assert!(((ours - std) / std).abs() < 1e-15, "{s}");
    }
}

#[test]
fn rejects_what_is_not_a_number() {
    for s in [
        "", "-", ".", "e5", "1e", "1e+", "1.2.3", "0x10", " 1", "1 ", "1,5", "--1", "in",
    ] {
        assert_eq!(parse(s), None, "{s:?}");
    }
}

#[test]
fn writes_like_display_for_everyday_values() {
    for v in [
        0.0, -0.0, 1.0, 0.1, 0.25, 1.5, 100.0, 1e20, 1e-7, 123.456, -2.75, 0.3,
    ] {
        assert_eq!(shortest(v), format!("{v}"));
    }
    assert_eq!(shortest(f64::NAN), "NaN");
    assert_eq!(shortest(f64::NEG_INFINITY), "-inf");
}

#[test]
fn fixed_matches_the_standard_formatter_on_ties() {
    for (v, p) in [
        (0.125, 2),
        (0.375, 2),
        (0.5, 0),
        (1.5, 0),
        (2.5, 0),
        (0.25, 1),
        (0.35, 1),
    ] {
        assert_eq!(fixed(v, p), format!("{v:.p$}"), "{v} to {p}");
    }
    assert_eq!(fixed(-0.001, 2), "-0.00");
    assert_eq!(fixed(1e30, 1), "1000000000000000000000000000000.0");
    for (v, p) in [
        (0.5, 40),
        (0.1, 30),
        (123456789012.5, 9),
        (1e-30, 35),
        (2.5e-7, 25),
        (1e300, 2),
    ] {
        let (ours, std) = (fixed(v, p), format!("{v:.p$}"));
        assert!(
            ours.len() == std.len() || v > 1e30,
            "{v} to {p}: {ours} vs {std}"
        );
        let (a, b) = (
            parse(&ours).unwrap_or(f64::NAN),
            std.parse::<f64>().unwrap_or(0.0),
        );
        assert!(
            a == b || ((a - b) / b).abs() < 1e-15,
            "{v} to {p}: {ours} vs {std}"
        );
    }
}

proptest! {
    #[test]
    fn parse_is_exact(m in 0u64..10_000_000_000_000_000_000, point in 0usize..20, e in -19i32..20) {
        let digits = m.to_string();
        let point = point.min(digits.len());
        let s = format!("{}.{}e{e}", &digits[..digits.len() - point], &digits[digits.len() - point..]);
        let want: f64 = s.parse().map_err(|_| TestCaseError::fail("std"))?;
        prop_assert_eq!(parse(&s).map(f64::to_bits), Some(want.to_bits()), "{}", s);
    }

    #[test]
    fn shortest_reads_back_exactly(frac in 0u64..(1 << 52), exp in -19i32..126, neg in any::<bool>()) {
        let bits = (u64::from(neg) << 63) | (((exp + 1023) as u64) << 52) | frac;
        let v = f64::from_bits(bits);
        let text = shortest(v);
        let std: f64 = text.parse().map_err(|_| TestCaseError::fail("std"))?;
        prop_assert_eq!(std.to_bits(), v.to_bits(), "{}", text);
        prop_assert_eq!(parse(&text).map(f64::to_bits), Some(v.to_bits()), "{}", text);
    }

    #[test]
    fn shortest_is_display_for_short_decimals(n in 0u64..1_000_000_000_000_000, k in 0i32..12) {
        let v = n as f64 / 10f64.powi(k);
        let v: f64 = format!("{v}").parse().map_err(|_| TestCaseError::fail("std"))?;
        prop_assert_eq!(shortest(v), format!("{v}"));
    }

    #[test]
    fn fixed_matches_the_standard_formatter(v in -1.0e12f64..1.0e12, places in 0usize..8) {
        prop_assert_eq!(fixed(v, places), format!("{v:.places$}"));
    }

    #[test]
    fn fixed_matches_for_small_values(v in -1.0f64..1.0, places in 0usize..12) {
        prop_assert_eq!(fixed(v, places), format!("{v:.places$}"));
    }

    #[test]
    fn fixed_keeps_its_places_and_value_anywhere(frac in 0u64..(1 << 52), exp in -60i32..80, places in 0usize..45) {
        let v = f64::from_bits((((exp + 1023) as u64) << 52) | frac);
        let text = fixed(v, places);
        let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
        prop_assert_eq!(decimals, places, "{}", text);
        let back = parse(&text).ok_or_else(|| TestCaseError::fail("parse"))?;
        let unit = 10f64.powi(-(places as i32));
        prop_assert!((back - v).abs() <= unit.max(v * 1e-15), "{} from {}", text, v);
    }

    #[test]
    fn any_value_writes_without_panic(bits in any::<u64>(), places in 0usize..40) {
        let v = f64::from_bits(bits);
        prop_assert!(!shortest(v).is_empty());
        prop_assert!(!fixed(v, places).is_empty());
    }

    #[test]
    fn arbitrary_text_never_panics(s in ".{0,40}") {
        let _ = parse(&s);
    }
}
