//! SVG written as text, for figures that set a layer's markup whole rather
//! than patch its elements one by one: numbers with one decimal (path data is
//! most of such a drawing, and the general float formatter is several times
//! slower than this) and path commands.

use std::fmt::Write as _;

/// Appends `v` with one decimal, no trailing zero and never `-0`.
pub fn num(out: &mut String, v: f64) {
    let v = if v.is_finite() { v } else { 0.0 };
    let tenths = (v * 10.0).round() as i64;
    if tenths < 0 {
        out.push('-');
    }
    let t = tenths.unsigned_abs();
    let _ = write!(out, "{}", t / 10);
    let frac = t % 10;
    if frac != 0 {
        out.push('.');
        out.push(char::from(b'0' + frac as u8));
    }
}

/// Appends `M x y`-style commands: a letter, then the numbers separated by spaces.
pub fn cmd(out: &mut String, letter: char, values: &[f64]) {
    out.push(letter);
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        num(out, *v);
    }
}

/// Appends ` name="v"` with `v` as [`num`] writes it.
pub fn attr(out: &mut String, name: &str, v: f64) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    num(out, v);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        let mut s = String::new();
        for v in [0.0, -0.01, 1.25, -3.96, 12.0, f64::NAN] {
            num(&mut s, v);
            s.push(',');
        }
        assert_eq!(s, "0,0,1.3,-4,12,0,");
        let mut d = String::new();
        cmd(&mut d, 'M', &[1.0, 2.5]);
        attr(&mut d, "x", 3.0);
        assert_eq!(d, "M1 2.5 x=\"3\"");
    }
}
