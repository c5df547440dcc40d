//! Chart data as CSV (RFC 4180): a header row, comma-separated fields, fields
//! quoted when they hold a comma, quote or line break, lines ending in CRLF.

/// One field, quoted when it needs to be.
pub fn field(s: &str) -> String {
    // why: a leading = + - @ makes spreadsheets run the cell as a formula.
    let s = if s.starts_with(['=', '+', '@'])
        || (s.starts_with('-') && crate::decimal::parse(s).is_none())
    {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// A number at full precision; empty for one that is not finite.
pub fn number(v: f64) -> String {
    if v.is_finite() {
        crate::decimal::shortest(v)
    } else {
        String::new()
    }
}

/// A table: the header (its names made unique by [`unique`]), then each row.
pub fn table(header: &[String], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let line = |cells: &[String]| {
        let mut l = cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(",");
        l.push_str("\r\n");
        l
    };
    let mut out = line(&unique(header));
    for r in rows {
        out.push_str(&line(&r));
    }
    out
}

/// The header with every name unique: a name met again gets " (2)", " (3)"…,
/// skipping any suffixed name the header already holds.
///
/// why: two lines may share a name (a comparison set equal to the current
/// setting, two empty labels); a spreadsheet or a data-frame reader keys
/// columns by name and would drop or rename one of them silently.
pub fn unique(header: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(header.len());
    for name in header {
        let taken = |n: &str| out.iter().any(|o| o == n) || header.iter().any(|h| h == n);
        let name = if out.iter().any(|o| o == name) {
            (2..)
                .map(|i| format!("{name} ({i})"))
                .find(|n| !taken(n))
                .unwrap_or_default()
        } else {
            name.clone()
        };
        out.push(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("-1.5"), "-1.5");
        assert_eq!(field("=SUM(A1)"), "'=SUM(A1)");
    }

    #[test]
    fn tables_have_a_header_and_crlf_lines() {
        let t = table(
            &["x".to_owned(), "y, in ms".to_owned()],
            vec![
                vec![number(1.0), number(0.25)],
                vec![number(2.0), number(f64::NAN)],
            ],
        );
        assert_eq!(t, "x,\"y, in ms\"\r\n1,0.25\r\n2,\r\n");
    }

    #[test]
    fn header_names_are_made_unique() {
        let h = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(unique(&h(&["x", "y"])), h(&["x", "y"]));
        assert_eq!(
            unique(&h(&["x", "R=2", "R=2"])),
            h(&["x", "R=2", "R=2 (2)"])
        );
        assert_eq!(unique(&h(&["a", "a", "a"])), h(&["a", "a (2)", "a (3)"]));
        // A suffixed name already in the header is skipped, wherever it is.
        assert_eq!(
            unique(&h(&["a", "a", "a (2)"])),
            h(&["a", "a (3)", "a (2)"])
        );
        assert_eq!(unique(&h(&["", ""])), h(&["", " (2)"]));
        let t = table(
            &h(&["x", "y", "y"]),
            vec![vec![number(1.0), number(2.0), number(2.0)]],
        );
        assert_eq!(t, "x,y,y (2)\r\n1,2,2\r\n");
    }
}
