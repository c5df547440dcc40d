//! Parsing and formatting of URL query strings, with no browser in sight.
//!
//! Query values are untrusted: whatever a link carries, [`Reader`] turns it into a
//! safe value and a [`Notice`] that names the parameter and what was used instead.
//! Nothing here panics, whatever the input (a property test holds it to that).

use crate::decimal;
use crate::ui::notices::Notice;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Longest query string we read; the rest is ignored with a notice. Keeps a hostile
/// link from making us allocate or loop without bound.
pub const MAX_QUERY_LEN: usize = 8_192;

/// Most parameters we read from one query.
pub const MAX_PARAMS: usize = 64;

/// A `key=value` list decoded from a query string, in the order given.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    /// Decoded pairs; a key without `=` has an empty value.
    pairs: Vec<(String, String)>,
    /// Set when the input was longer than [`MAX_QUERY_LEN`] or had more than
    /// [`MAX_PARAMS`] parameters, so the reader can say so.
    truncated: bool,
}

impl Query {
    /// Decodes `?a=1&b=x%20y` (the leading `?` is optional). `+` means a space.
    pub fn parse(input: &str) -> Query {
        let mut truncated = false;
        let mut text = input.strip_prefix('?').unwrap_or(input);
        if text.len() > MAX_QUERY_LEN {
            truncated = true;
            let mut end = MAX_QUERY_LEN;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text = &text[..end];
        }
        let mut pairs = Vec::new();
        for part in text.split('&').filter(|p| !p.is_empty()) {
            if pairs.len() == MAX_PARAMS {
                truncated = true;
                break;
            }
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            pairs.push((decode(k), decode(v)));
        }
        Query { pairs, truncated }
    }

    /// The first value given for `key`, if any.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// All decoded pairs in order.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// Whether the input was cut to the size limits.
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    /// Drops every pair named `key`.
    pub fn remove(&mut self, key: &str) {
        self.pairs.retain(|(k, _)| k != key);
    }

    /// Appends a pair (used when formatting).
    pub fn push(&mut self, key: &str, value: impl Into<String>) {
        self.pairs.push((key.to_owned(), value.into()));
    }

    /// Formats as `?a=1&b=x%20y`, or an empty string when there are no pairs.
    pub fn to_query_string(&self) -> String {
        let mut out = String::new();
        for (i, (k, v)) in self.pairs.iter().enumerate() {
            out.push(if i == 0 { '?' } else { '&' });
            out.push_str(&encode(k));
            out.push('=');
            out.push_str(&encode(v));
        }
        out
    }
}

/// Percent-decodes a component; invalid escapes are kept literally and invalid
/// UTF-8 is replaced, so decoding never fails.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-encodes everything but the unreserved characters and a few that read
/// well in a link (`:` and `,`, used by list values).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b':' | b',' => {
                out.push(b as char)
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// Reads typed values out of a [`Query`], collecting a [`Notice`] for every value
/// that was out of range, malformed or unknown.
#[derive(Debug)]
pub struct Reader<'a> {
    /// The query being read.
    query: &'a Query,
    /// Keys some reader method asked for, so the rest can be reported as unknown.
    known: BTreeSet<String>,
    /// What went wrong so far.
    notices: Vec<Notice>,
}

impl<'a> Reader<'a> {
    /// Starts reading `query`.
    pub fn new(query: &'a Query) -> Self {
        let mut notices = Vec::new();
        if query.truncated() {
            notices.push(Notice {
                param: "(link)".into(),
                message: format!(
                    "the link is longer than {MAX_QUERY_LEN} characters or {MAX_PARAMS} parameters; the rest was ignored"
                ),
            });
        }
        Reader {
            query,
            known: BTreeSet::new(),
            notices,
        }
    }

    /// Marks keys that are read elsewhere (for example the route) as known.
    pub fn allow(&mut self, keys: &[&str]) {
        self.known.extend(keys.iter().map(|k| (*k).to_owned()));
    }

    /// The raw value of `key`, marking it known.
    pub fn raw(&mut self, key: &str) -> Option<&'a str> {
        self.known.insert(key.to_owned());
        self.query.get(key)
    }

    /// Records a notice about `key`.
    pub fn notice(&mut self, key: &str, message: impl Into<String>) {
        self.notices.push(Notice {
            param: key.to_owned(),
            message: message.into(),
        });
    }

    /// An integer in `min..=max`; clamped when out of range, `default` when malformed.
    pub fn int(&mut self, key: &str, default: i64, min: i64, max: i64) -> i64 {
        let Some(raw) = self.raw(key) else {
            return default;
        };
        match raw.trim().parse::<i64>() {
            Ok(v) if v < min => {
                self.notice(key, format!("{v} is below the minimum {min}; used {min}"));
                min
            }
            Ok(v) if v > max => {
                self.notice(key, format!("{v} is above the maximum {max}; used {max}"));
                max
            }
            Ok(v) => v,
            Err(_) => {
                // A number too large for i64 is still "out of range", not malformed.
                let t = raw.trim();
                if !t.is_empty()
                    && t.trim_start_matches('-')
                        .bytes()
                        .all(|b| b.is_ascii_digit())
                {
                    let v = if t.starts_with('-') { min } else { max };
                    self.notice(key, format!("{} is out of range; used {v}", shorten(raw)));
                    return v;
                }
                self.notice(
                    key,
                    format!("'{}' is not a whole number; used {default}", shorten(raw)),
                );
                default
            }
        }
    }

    /// An unsigned 64-bit integer such as a seed; `default` when malformed.
    pub fn u64(&mut self, key: &str, default: u64) -> u64 {
        let Some(raw) = self.raw(key) else {
            return default;
        };
        match raw.trim().parse::<u64>() {
            Ok(v) => v,
            Err(_) => {
                self.notice(
                    key,
                    format!(
                        "'{}' is not a whole number from 0 to {}; used {default}",
                        shorten(raw),
                        u64::MAX
                    ),
                );
                default
            }
        }
    }

    /// A finite number in `min..=max`; clamped when out of range, `default` when malformed.
    pub fn float(&mut self, key: &str, default: f64, min: f64, max: f64) -> f64 {
        let Some(raw) = self.raw(key) else {
            return default;
        };
        match decimal::parse(raw.trim()) {
            Some(v) if v.is_nan() => {
                self.notice(
                    key,
                    format!(
                        "'{}' is not a number; used {}",
                        shorten(raw),
                        fmt_float(default)
                    ),
                );
                default
            }
            Some(v) if v < min => {
                self.notice(
                    key,
                    format!(
                        "{} is below the minimum {lo}; used {lo}",
                        shorten(raw),
                        lo = fmt_float(min)
                    ),
                );
                min
            }
            Some(v) if v > max => {
                self.notice(
                    key,
                    format!(
                        "{} is above the maximum {hi}; used {hi}",
                        shorten(raw),
                        hi = fmt_float(max)
                    ),
                );
                max
            }
            Some(v) => v,
            None => {
                self.notice(
                    key,
                    format!(
                        "'{}' is not a number; used {}",
                        shorten(raw),
                        fmt_float(default)
                    ),
                );
                default
            }
        }
    }

    /// One of `options` (by exact name); `default` otherwise.
    pub fn choice(
        &mut self,
        key: &str,
        default: &'static str,
        options: &[&'static str],
    ) -> &'static str {
        let Some(raw) = self.raw(key) else {
            return default;
        };
        if let Some(o) = options.iter().find(|o| **o == raw.trim()) {
            return o;
        }
        self.notice(
            key,
            format!(
                "'{}' is not one of {}; used {default}",
                shorten(raw),
                options.join(", ")
            ),
        );
        default
    }

    /// Ends reading, keeping only the notices about values read: for a reader
    /// that looks at a few parameters among others it does not own.
    pub fn finish_known(self) -> Vec<Notice> {
        self.notices
    }

    /// Ends reading: every parameter no method asked for is reported as ignored.
    pub fn finish(mut self) -> Vec<Notice> {
        let mut seen = BTreeSet::new();
        for (k, _) in self.query.pairs() {
            if !self.known.contains(k) && seen.insert(k.clone()) {
                self.notices.push(Notice {
                    param: shorten(k),
                    message: "is not a parameter of this page; ignored".into(),
                });
            }
        }
        self.notices
    }
}

/// Cuts a user-supplied string for display in a notice.
pub fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

/// Formats a float for a URL: short text that parses back to the same value.
pub fn fmt_float(v: f64) -> String {
    decimal::shortest(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn remove_drops_every_pair_of_a_name() {
        let mut q = Query::parse("?a=1&b=2&a=3");
        q.remove("a");
        assert_eq!(q.to_query_string(), "?b=2");
        q.remove("missing");
        assert_eq!(q.to_query_string(), "?b=2");
    }

    #[test]
    fn parses_and_decodes_pairs() {
        let q = Query::parse("?a=1&b=x%20y&c=p+q&flag&d=%zz");
        assert_eq!(q.get("a"), Some("1"));
        assert_eq!(q.get("b"), Some("x y"));
        assert_eq!(q.get("c"), Some("p q"));
        assert_eq!(q.get("flag"), Some(""));
        assert_eq!(q.get("d"), Some("%zz"));
        assert_eq!(q.get("missing"), None);
    }

    #[test]
    fn ints_are_clamped_or_defaulted_with_notices() {
        let q = Query::parse("n=500&m=-3&k=abc&ok=7&big=99999999999999999999999");
        let mut r = Reader::new(&q);
        assert_eq!(r.int("n", 5, 1, 100), 100);
        assert_eq!(r.int("m", 5, 1, 100), 1);
        assert_eq!(r.int("k", 5, 1, 100), 5);
        assert_eq!(r.int("ok", 5, 1, 100), 7);
        assert_eq!(r.int("big", 5, 1, 100), 100);
        assert_eq!(r.int("absent", 5, 1, 100), 5);
        let notices = r.finish();
        let params: Vec<&str> = notices.iter().map(|n| n.param.as_str()).collect();
        assert_eq!(params, ["n", "m", "k", "big"]);
        assert!(notices[0].message.contains("used 100"));
        assert!(notices[2].message.contains("not a whole number"));
    }

    #[test]
    fn unknown_parameters_are_reported_once() {
        let q = Query::parse("x=1&x=2&n=3");
        let mut r = Reader::new(&q);
        r.int("n", 1, 0, 9);
        let notices = r.finish();
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].param, "x");
    }

    #[test]
    fn floats_reject_nan_and_infinity() {
        let q = Query::parse("a=NaN&b=inf&c=0.25");
        let mut r = Reader::new(&q);
        assert_eq!(r.float("a", 1.0, 0.0, 2.0), 1.0);
        assert_eq!(r.float("b", 1.0, 0.0, 2.0), 2.0);
        assert_eq!(r.float("c", 1.0, 0.0, 2.0), 0.25);
        assert_eq!(r.finish().len(), 2);
    }

    #[test]
    fn choice_falls_back_to_default() {
        let q = Query::parse("t=dark&u=purple");
        let mut r = Reader::new(&q);
        assert_eq!(r.choice("t", "auto", &["auto", "light", "dark"]), "dark");
        assert_eq!(r.choice("u", "auto", &["auto", "light", "dark"]), "auto");
        assert_eq!(r.finish().len(), 1);
    }

    #[test]
    fn oversized_queries_are_cut_with_a_notice() {
        let long = "a=1&".repeat(MAX_PARAMS + 10);
        let q = Query::parse(&long);
        assert!(q.truncated());
        assert_eq!(q.pairs().len(), MAX_PARAMS);
        let r = Reader::new(&q);
        assert!(!r.finish().is_empty());
    }

    proptest! {
        #[test]
        fn arbitrary_input_never_panics(s in ".{0,300}") {
            let q = Query::parse(&s);
            let mut r = Reader::new(&q);
            let _ = r.int("n", 1, 0, 10);
            let _ = r.float("f", 1.0, 0.0, 10.0);
            let _ = r.u64("seed", 1);
            let _ = r.choice("c", "a", &["a", "b"]);
            let _ = r.finish();
        }

        #[test]
        fn format_then_parse_round_trips(pairs in proptest::collection::vec(("[a-z]{1,8}", ".{0,20}"), 0..10)) {
            let mut q = Query::default();
            for (k, v) in &pairs {
                q.push(k, v.clone());
            }
            let again = Query::parse(&q.to_query_string());
            prop_assert_eq!(again.pairs(), q.pairs());
        }

        #[test]
        fn floats_round_trip_through_text(v in -1.0e9f64..1.0e9) {
            let text = fmt_float(v);
            let back: f64 = text.parse().map_err(|_| TestCaseError::fail("parse"))?;
            prop_assert_eq!(back, v);
            prop_assert_eq!(decimal::parse(&text), Some(v));
        }
    }
}
