//! Traces a person supplies: a typed sequence ("A B C A D") or an imported
//! text/CSV file, turned into dense keys with a name for each.
//!
//! Bad input never stops a parse: each malformed item is reported with its
//! line (or position) and skipped, the rest is kept, and every size limit is a
//! named constant here so the documentation can quote it.

use super::policy::Key;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Items a typed sequence may hold (it lives in the URL).
pub const MAX_TYPED: usize = 200;
/// Characters in one typed item.
pub const MAX_TYPED_CHARS: usize = 16;
/// Bytes of an imported trace that are read; the rest is ignored.
pub const MAX_IMPORT_BYTES: usize = 16 * 1024 * 1024;
/// Requests an imported trace may hold.
pub const MAX_IMPORT_REQUESTS: usize = 1_000_000;
/// Distinct keys an imported trace may name.
pub const MAX_IMPORT_KEYS: usize = 200_000;
/// Characters in one imported key.
pub const MAX_KEY_CHARS: usize = 64;
/// Problems kept with their line number; later ones are only counted.
pub const MAX_PROBLEMS_LISTED: usize = 20;

/// A trace with names: `keys[i]` is the i-th request, `names[k]` what key `k` was called.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trace {
    /// The requests, as dense ids in order of first appearance.
    pub keys: Vec<Key>,
    /// The name of each id.
    pub names: Vec<String>,
}

impl Trace {
    /// Distinct keys: every id is below this.
    pub fn universe(&self) -> u32 {
        self.names.len() as u32
    }

    /// The name of `key` (its number when the trace has no such name).
    pub fn name(&self, key: Key) -> String {
        self.names
            .get(key as usize)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }
}

/// One skipped item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line (imports) or position (typed sequences).
    pub line: usize,
    /// What was wrong, in words.
    pub message: String,
}

/// The outcome of a parse: what was kept and what was not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The kept requests.
    pub trace: Trace,
    /// The first [`MAX_PROBLEMS_LISTED`] problems.
    pub problems: Vec<Problem>,
    /// Problems beyond those listed.
    pub more_problems: usize,
    /// Set when a size limit cut the input short, saying which.
    pub truncated: Option<String>,
}

impl Parsed {
    fn problem(&mut self, line: usize, message: String) {
        if self.problems.len() < MAX_PROBLEMS_LISTED {
            self.problems.push(Problem { line, message });
        } else {
            self.more_problems += 1;
        }
    }
}

/// FNV-1a: a fixed hash, so interning is deterministic and needs no random state.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Gives each distinct name the next dense id.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, Key, BuildHasherDefault<Fnv>>,
    names: Vec<String>,
}

impl Interner {
    fn id(&mut self, name: &str) -> Key {
        if let Some(&k) = self.ids.get(name) {
            return k;
        }
        let k = self.names.len() as Key;
        self.ids.insert(name.to_owned(), k);
        self.names.push(name.to_owned());
        k
    }
    fn knows(&self, name: &str) -> bool {
        self.ids.contains_key(name)
    }
}

/// Parses a typed sequence: items separated by spaces or commas, each made of
/// letters, digits and `- _ . :`, at most [`MAX_TYPED_CHARS`] long, at most
/// [`MAX_TYPED`] of them.
pub fn parse_sequence(text: &str) -> Parsed {
    let mut out = Parsed::default();
    let mut names = Interner::default();
    let items = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty());
    for (i, item) in items.enumerate() {
        let pos = i + 1;
        if out.trace.keys.len() == MAX_TYPED {
            out.truncated = Some(format!("kept the first {MAX_TYPED} items"));
            break;
        }
        if item.chars().count() > MAX_TYPED_CHARS {
            out.problem(
                pos,
                format!("item {pos} is longer than {MAX_TYPED_CHARS} characters"),
            );
            continue;
        }
        if !item
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.:".contains(c))
        {
            out.problem(
                pos,
                format!(
                    "item {pos} (\"{}\") may use only letters, digits and - _ . :",
                    item
                ),
            );
            continue;
        }
        out.trace.keys.push(names.id(item));
    }
    out.trace.names = names.names;
    out
}

/// Parses an imported trace: one request per line, either a bare key or CSV
/// (comma or tab separated). A first line with a column named `key` is a
/// header and picks that column; otherwise the key is the first column. Empty
/// lines and lines starting with `#` are skipped silently; malformed lines
/// are reported with their line number and skipped.
pub fn parse_import(text: &str) -> Parsed {
    let mut out = Parsed::default();
    let mut body = text;
    if body.len() > MAX_IMPORT_BYTES {
        let mut cut = MAX_IMPORT_BYTES;
        while !body.is_char_boundary(cut) {
            cut -= 1;
        }
        // why: a line cut in half would read as a different key.
        let cut = body[..cut].rfind('\n').unwrap_or(0);
        body = &body[..cut];
        out.truncated = Some(format!(
            "read the first {} MiB",
            MAX_IMPORT_BYTES / (1024 * 1024)
        ));
    }
    let mut names = Interner::default();
    let mut column: Option<usize> = None;
    for (i, raw) in body.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split([',', '\t']).map(|f| unquote(f.trim())).collect();
        let col = match column {
            Some(c) => c,
            None => {
                let header = fields.iter().position(|f| f.eq_ignore_ascii_case("key"));
                column = Some(header.unwrap_or(0));
                if header.is_some() {
                    continue;
                }
                0
            }
        };
        let Some(&key) = fields.get(col) else {
            out.problem(line_no, format!("line {line_no} has no column {}", col + 1));
            continue;
        };
        if key.is_empty() {
            out.problem(line_no, format!("line {line_no} has an empty key"));
            continue;
        }
        if key.chars().count() > MAX_KEY_CHARS {
            out.problem(
                line_no,
                format!("line {line_no}: key longer than {MAX_KEY_CHARS} characters"),
            );
            continue;
        }
        if key.chars().any(char::is_control) {
            out.problem(
                line_no,
                format!("line {line_no}: key contains a control character"),
            );
            continue;
        }
        if out.trace.keys.len() == MAX_IMPORT_REQUESTS {
            out.truncated = Some(format!(
                "kept the first {MAX_IMPORT_REQUESTS} requests (line {line_no} onwards ignored)"
            ));
            break;
        }
        if names.names.len() == MAX_IMPORT_KEYS && !names.knows(key) {
            out.truncated = Some(format!(
                "stopped at line {line_no}: more than {MAX_IMPORT_KEYS} distinct keys"
            ));
            break;
        }
        out.trace.keys.push(names.id(key));
    }
    out.trace.names = names.names;
    out
}

fn unquote(f: &str) -> &str {
    f.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(f)
}

/// The typed-sequence form of a trace, for the URL: names joined by spaces.
pub fn to_sequence(trace: &Trace) -> String {
    let parts: Vec<&str> = trace
        .keys
        .iter()
        .map(|&k| trace.names[k as usize].as_str())
        .collect();
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences_intern_in_order_of_first_use() {
        let p = parse_sequence("A B C A, D  B");
        assert_eq!(p.trace.keys, vec![0, 1, 2, 0, 3, 1]);
        assert_eq!(p.trace.names, vec!["A", "B", "C", "D"]);
        assert_eq!(p.trace.universe(), 4);
        assert!(p.problems.is_empty());
        assert_eq!(to_sequence(&p.trace), "A B C A D B");
    }

    #[test]
    fn bad_sequence_items_are_reported_by_position_and_skipped() {
        let p = parse_sequence("A b$d C averyveryverylongname");
        assert_eq!(p.trace.keys.len(), 2);
        assert_eq!(p.problems.len(), 2);
        assert_eq!(p.problems[0].line, 2);
        assert_eq!(p.problems[1].line, 4);
    }

    #[test]
    fn sequences_are_capped() {
        let text = (0..MAX_TYPED + 5)
            .map(|i| format!("k{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let p = parse_sequence(&text);
        assert_eq!(p.trace.keys.len(), MAX_TYPED);
        assert!(p.truncated.is_some());
        assert!(parse_sequence("").trace.keys.is_empty());
    }

    #[test]
    fn plain_imports_keep_good_lines_and_number_bad_ones() {
        let text = "a\nb\n\n# comment\na\n\"\"\nc\n";
        let p = parse_import(text);
        assert_eq!(p.trace.keys, vec![0, 1, 0, 2]);
        assert_eq!(
            p.problems,
            vec![Problem {
                line: 6,
                message: "line 6 has an empty key".into()
            }]
        );
    }

    #[test]
    fn csv_header_picks_the_key_column() {
        let text = "time,key,size\n1,x,10\n2,y,3\n3\n4,x,1\r\n";
        let p = parse_import(text);
        assert_eq!(p.trace.keys, vec![0, 1, 0]);
        assert_eq!(p.trace.names, vec!["x", "y"]);
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].line, 4);
    }

    #[test]
    fn headerless_csv_uses_the_first_column() {
        let p = parse_import("k1,5\nk2,6\nk1\n");
        assert_eq!(p.trace.keys, vec![0, 1, 0]);
    }

    #[test]
    fn control_characters_and_long_keys_are_refused() {
        let long = "x".repeat(MAX_KEY_CHARS + 1);
        let p = parse_import(&format!("ok\n{long}\nbad\u{7}key\n"));
        assert_eq!(p.trace.keys.len(), 1);
        assert_eq!(p.problems.len(), 2);
    }

    #[test]
    fn problems_beyond_the_listed_ones_are_counted() {
        let text = "\"\"\n".repeat(MAX_PROBLEMS_LISTED + 7);
        let p = parse_import(&text);
        assert_eq!(p.problems.len(), MAX_PROBLEMS_LISTED);
        assert_eq!(p.more_problems, 7);
        assert!(p.trace.keys.is_empty());
    }

    #[test]
    fn distinct_key_limit_stops_the_import() {
        let text: String = (0..MAX_IMPORT_KEYS + 3).map(|i| format!("{i}\n")).collect();
        let p = parse_import(&text);
        assert_eq!(p.trace.universe() as usize, MAX_IMPORT_KEYS);
        assert!(p
            .truncated
            .as_deref()
            .is_some_and(|t| t.contains("distinct")));
    }

    #[test]
    fn names_of_unknown_ids_fall_back_to_numbers() {
        let t = Trace {
            keys: vec![0],
            names: vec!["a".into()],
        };
        assert_eq!(t.name(0), "a");
        assert_eq!(t.name(9), "9");
    }
}
