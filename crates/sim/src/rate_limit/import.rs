//! Request timestamps pasted as text or CSV.
//!
//! One request per line: a time, then optionally a client name, separated
//! by a comma, semicolon, tab or spaces (further fields are ignored, fields
//! may be in double quotes). Times are decimal numbers with an optional
//! unit suffix `s`, `ms`, `us` or `µs`; without one the caller's default
//! unit applies. Digits finer than a microsecond are dropped. Blank lines
//! and lines starting with `#` are skipped, and so is a first line whose
//! time does not parse (a header).
//!
//! Malformed lines are reported with their 1-based line numbers and the
//! rest are kept. The result is sorted by time and shifted so the earliest
//! request is at 0 (the shift is reported), and client names become dense
//! ids in order of first appearance.

use std::collections::BTreeMap;

use super::traffic::Request;

/// Input beyond this many bytes is ignored (from the last line break
/// before it) and [`Imported::truncated`] is set.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// Most requests kept; later lines are ignored and reported once.
pub const MAX_ROWS: usize = 1_000_000;

/// Longest line read, in bytes; longer lines are reported.
pub const MAX_LINE_BYTES: usize = 1024;

/// Most distinct client names; lines naming a further one are reported.
pub const MAX_IMPORT_CLIENTS: usize = 1000;

/// Most problems listed; [`Imported::problem_count`] counts them all.
pub const MAX_PROBLEMS: usize = 100;

/// The unit of a time written without a suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Seconds.
    Seconds,
    /// Milliseconds.
    Millis,
    /// Microseconds.
    Micros,
}

impl Unit {
    /// Microseconds per unit.
    fn micros(self) -> u64 {
        match self {
            Unit::Seconds => 1_000_000,
            Unit::Millis => 1000,
            Unit::Micros => 1,
        }
    }
}

/// What was wrong with a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// The time is not a decimal number with an optional unit.
    NotANumber(String),
    /// The time is negative.
    Negative,
    /// The time does not fit in 64-bit microseconds.
    TooLarge,
    /// The line is longer than [`MAX_LINE_BYTES`].
    LineTooLong,
    /// The line names a client beyond the first [`MAX_IMPORT_CLIENTS`].
    TooManyClients,
    /// [`MAX_ROWS`] requests were already read; this line and all later
    /// ones are ignored.
    TooManyRows,
}

/// A malformed line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line number.
    pub line: usize,
    /// What was wrong.
    pub kind: ProblemKind,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: ", self.line)?;
        match &self.kind {
            ProblemKind::NotANumber(s) => write!(f, "\"{s}\" is not a time"),
            ProblemKind::Negative => write!(f, "negative time"),
            ProblemKind::TooLarge => write!(f, "time too large"),
            ProblemKind::LineTooLong => write!(f, "longer than {MAX_LINE_BYTES} bytes"),
            ProblemKind::TooManyClients => {
                write!(f, "more than {MAX_IMPORT_CLIENTS} clients")
            }
            ProblemKind::TooManyRows => {
                write!(f, "more than {MAX_ROWS} requests; the rest is ignored")
            }
        }
    }
}

/// The result of an import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    /// The requests, sorted by time then client, the earliest at 0.
    pub requests: Vec<Request>,
    /// Client names by id; a single empty name when no line named one.
    pub clients: Vec<String>,
    /// What was subtracted from every time, in µs.
    pub offset_us: u64,
    /// The first [`MAX_PROBLEMS`] problems, in line order.
    pub problems: Vec<Problem>,
    /// Every problem, listed or not.
    pub problem_count: usize,
    /// The line skipped as a header, if any.
    pub header_line: Option<usize>,
    /// The input was longer than [`MAX_INPUT_BYTES`] and was cut.
    pub truncated: bool,
}

impl Imported {
    /// Records a problem, listing it if there is room.
    fn problem(&mut self, line: usize, kind: ProblemKind) {
        self.problem_count += 1;
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(Problem { line, kind });
        }
    }
}

/// A decimal time with an optional unit suffix, in µs.
fn parse_time(field: &str, default: Unit) -> Result<u64, ProblemKind> {
    let bad = || ProblemKind::NotANumber(field.chars().take(40).collect());
    let (number, unit) = if let Some(n) = field.strip_suffix("ms") {
        (n, Unit::Millis)
    } else if let Some(n) = field.strip_suffix("us").or(field.strip_suffix("µs")) {
        (n, Unit::Micros)
    } else if let Some(n) = field.strip_suffix('s') {
        (n, Unit::Seconds)
    } else {
        (field, default)
    };
    let number = number.trim_end();
    let (negative, digits) = match number.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, number.strip_prefix('+').unwrap_or(number)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return Err(bad());
    }
    let is_zero = whole.bytes().chain(fraction.bytes()).all(|b| b == b'0');
    if negative && !is_zero {
        return Err(ProblemKind::Negative);
    }
    let per = unit.micros();
    let mut us: u64 = 0;
    for b in whole.bytes() {
        us = us
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(b - b'0')))
            .ok_or(ProblemKind::TooLarge)?;
    }
    us = us.checked_mul(per).ok_or(ProblemKind::TooLarge)?;
    // why: each fractional digit is worth a tenth of the previous one; once
    // that drops below a microsecond the rest is finer than we keep.
    let mut place = per;
    for b in fraction.bytes() {
        place /= 10;
        if place == 0 {
            break;
        }
        us = us
            .checked_add(u64::from(b - b'0') * place)
            .ok_or(ProblemKind::TooLarge)?;
    }
    Ok(us)
}

/// Splits a line into trimmed fields, without surrounding quotes.
fn fields(line: &str) -> impl Iterator<Item = &str> {
    line.split([',', ';', '\t', ' '])
        .map(|f| f.trim().trim_matches('"').trim())
        .filter(|f| !f.is_empty())
}

/// Parses pasted text: see the module documentation for the format.
pub fn import(text: &str, default: Unit) -> Imported {
    let mut out = Imported::default();
    let text = if text.len() > MAX_INPUT_BYTES {
        out.truncated = true;
        // why: cut at a line break so no half line is misread; a char
        // boundary is guaranteed since '\n' is a single byte.
        let cut = text.as_bytes()[..MAX_INPUT_BYTES]
            .iter()
            .rposition(|&b| b == b'\n')
            .unwrap_or(0);
        &text[..cut]
    } else {
        text
    };
    let mut rows: Vec<(u64, u32)> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    // why: a B-tree, not a hash map: no random state, so nothing in wasm32
    // depends on where std finds its hashing keys.
    let mut ids: BTreeMap<String, u32> = BTreeMap::new();
    let mut seen_data = false;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if raw.len() > MAX_LINE_BYTES {
            out.problem(line, ProblemKind::LineTooLong);
            seen_data = true;
            continue;
        }
        let mut parts = fields(trimmed);
        let time = parts.next().map(|f| parse_time(f, default));
        let first = !seen_data;
        seen_data = true;
        let t = match time {
            Some(Ok(t)) => t,
            Some(Err(ProblemKind::NotANumber(_))) if first => {
                out.header_line = Some(line);
                continue;
            }
            Some(Err(kind)) => {
                out.problem(line, kind);
                continue;
            }
            None => continue,
        };
        if rows.len() >= MAX_ROWS {
            out.problem(line, ProblemKind::TooManyRows);
            break;
        }
        let client = match parts.next() {
            None => 0,
            Some(name) => match ids.get(name) {
                Some(&id) => id,
                None if names.len() < MAX_IMPORT_CLIENTS => {
                    let id = names.len() as u32;
                    ids.insert(name.to_string(), id);
                    names.push(name.to_string());
                    id
                }
                None => {
                    out.problem(line, ProblemKind::TooManyClients);
                    continue;
                }
            },
        };
        rows.push((t, client));
    }
    rows.sort_unstable();
    out.offset_us = rows.first().map_or(0, |r| r.0);
    out.requests = rows
        .into_iter()
        .map(|(t, client)| Request {
            t_us: t - out.offset_us,
            client,
        })
        .collect();
    out.clients = if names.is_empty() {
        vec![String::new()]
    } else {
        names
    };
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_times_with_units() {
        let ok = |s: &str, u| parse_time(s, u).ok();
        assert_eq!(ok("1.5", Unit::Seconds), Some(1_500_000));
        assert_eq!(ok("1.5", Unit::Millis), Some(1500));
        assert_eq!(ok("7", Unit::Micros), Some(7));
        assert_eq!(ok("2ms", Unit::Seconds), Some(2000));
        assert_eq!(ok("2 ms", Unit::Seconds), Some(2000));
        assert_eq!(ok("3us", Unit::Seconds), Some(3));
        assert_eq!(ok("3µs", Unit::Seconds), Some(3));
        assert_eq!(ok(".25s", Unit::Micros), Some(250_000));
        assert_eq!(
            ok("1699999999.1234567", Unit::Seconds),
            Some(1_699_999_999_123_456)
        );
        assert_eq!(ok("+4.", Unit::Millis), Some(4000));
        assert_eq!(ok("-0", Unit::Millis), Some(0));
        assert_eq!(parse_time("-1", Unit::Seconds), Err(ProblemKind::Negative));
        assert_eq!(
            parse_time("99999999999999999999", Unit::Micros),
            Err(ProblemKind::TooLarge)
        );
        for bad in ["", ".", "1e3", "abc", "1.2.3", "s", "0x10", "1,5"] {
            assert!(
                matches!(
                    parse_time(bad, Unit::Seconds),
                    Err(ProblemKind::NotANumber(_))
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn keeps_good_lines_reports_bad_ones_and_sorts() {
        let text = "time,client\n\
                    10.5,alice\n\
                    # a comment\n\
                    \n\
                    oops,bob\n\
                    10.0 , bob\n\
                    -3,alice\n\
                    \"12\",\"alice\",GET /\n\
                    11;carol\n";
        let got = import(text, Unit::Millis);
        assert_eq!(got.header_line, Some(1));
        assert_eq!(got.offset_us, 10_000);
        assert_eq!(got.clients, vec!["alice", "bob", "carol"]);
        assert_eq!(
            got.requests,
            vec![
                Request { t_us: 0, client: 1 },
                Request {
                    t_us: 500,
                    client: 0
                },
                Request {
                    t_us: 1000,
                    client: 2
                },
                Request {
                    t_us: 2000,
                    client: 0
                },
            ]
        );
        assert_eq!(got.problem_count, 2);
        assert_eq!(got.problems[0].line, 5);
        assert_eq!(
            got.problems[1],
            Problem {
                line: 7,
                kind: ProblemKind::Negative
            }
        );
        assert_eq!(
            got.problems[0].to_string(),
            "line 5: \"oops\" is not a time"
        );
        assert!(!got.truncated);
    }

    #[test]
    fn bare_numbers_are_one_client_and_only_the_first_line_can_be_a_header() {
        let got = import("5\nx\n3\n", Unit::Micros);
        assert_eq!(got.header_line, None);
        assert_eq!(got.clients, vec![String::new()]);
        assert_eq!(
            got.requests.iter().map(|r| r.t_us).collect::<Vec<_>>(),
            vec![0, 2]
        );
        assert_eq!(got.offset_us, 3);
        assert_eq!(got.problems[0].line, 2);
        assert_eq!(
            import("", Unit::Seconds),
            Imported {
                clients: vec![String::new()],
                ..Imported::default()
            }
        );
    }

    #[test]
    fn limits_are_enforced() {
        let long = format!("1,{}\n2\n", "x".repeat(MAX_LINE_BYTES));
        let got = import(&long, Unit::Seconds);
        assert_eq!(got.problems[0].kind, ProblemKind::LineTooLong);
        assert_eq!(got.requests.len(), 1);

        let many: String = (0..MAX_IMPORT_CLIENTS + 5)
            .map(|i| format!("{i},c{i}\n"))
            .collect();
        let got = import(&many, Unit::Micros);
        assert_eq!(got.clients.len(), MAX_IMPORT_CLIENTS);
        assert_eq!(got.problem_count, 5);

        let lots: String = (0..MAX_ROWS + 3).map(|i| format!("{}\n", i % 10)).collect();
        let got = import(&lots, Unit::Micros);
        assert_eq!(got.requests.len(), MAX_ROWS);
        assert_eq!(got.problem_count, 1);
        assert_eq!(got.problems[0].kind, ProblemKind::TooManyRows);

        let huge = "1\n".repeat(MAX_INPUT_BYTES / 2 + 10);
        let got = import(&huge, Unit::Micros);
        assert!(got.truncated);
        assert_eq!(got.requests.len(), MAX_ROWS);

        let errors: String = (0..MAX_PROBLEMS + 50).map(|_| "bad\n").collect();
        let got = import(&format!("1\n{errors}"), Unit::Micros);
        assert_eq!(got.problems.len(), MAX_PROBLEMS);
        assert_eq!(got.problem_count, MAX_PROBLEMS + 50);
    }
}
