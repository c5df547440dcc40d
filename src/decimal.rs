//! Decimal text ↔ `f64`, exactly, in a few KB of wasm.
//!
//! The standard library's float formatting and parsing are exact too, but they
//! carry large tables and two algorithms each (about 40 KB of wasm). Every
//! number on a page is small enough for 128-bit integers, so this module works
//! with those: a value is `m × 2^e`, a decimal is `n × 10^-k`, and converting is
//! one division with round-half-to-even.
//!
//! - [`parse`] reads what `str::parse::<f64>` reads (sign, digits, point,
//!   exponent, `inf`, `nan`) and gives the same value for up to 19 significant
//!   digits and decimal exponents within ±38; beyond that it is within 1 ulp.
//! - [`shortest`] writes text that [`parse`] and `str::parse` read back to the
//!   same value, like `{}`; it is the shortest such text for any value that came
//!   from a decimal of up to 15 digits (a slider step, a typed number).
//! - [`fixed`] writes `places` decimals, like `{:.places$}`: the exact value,
//!   rounded half to even. Where that needs more than 64 bits (more than about
//!   19 digits in all) it writes the 17 exact significant digits, then zeros.
//!
//! Exactness holds for magnitudes from about 10^-6 to 10^38 (for [`fixed`], while
//! the scaled value is under 10^19); outside that the digits come from float arithmetic
//! and are correct to about 15 places. No figure on a page gets there.

/// Powers of ten that fit in a `u128`.
const POW10: [u128; 39] = {
    let mut t = [1u128; 39];
    let mut i = 1;
    while i < 39 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// Reads a decimal number: `[+-]digits[.digits][(e|E)[+-]digits]`, or `inf`,
/// `infinity` or `nan` in any case. Surrounding spaces are not allowed.
pub fn parse(s: &str) -> Option<f64> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let sign = |v: f64| if neg { -v } else { v };
    if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        return Some(sign(f64::INFINITY));
    }
    if body.eq_ignore_ascii_case("nan") {
        return Some(f64::NAN);
    }
    let bytes = body.as_bytes();
    let mut i = 0;
    let mut mantissa: u64 = 0;
    let mut kept = 0; // significant digits held in `mantissa`
    let mut exp10: i64 = 0;
    let mut any_digit = false;
    let mut after_point = false;
    while i < bytes.len() {
        match bytes[i] {
            d @ b'0'..=b'9' => {
                any_digit = true;
                if kept < 19 {
                    if mantissa > 0 || d != b'0' {
                        kept += 1;
                    }
                    mantissa = mantissa * 10 + u64::from(d - b'0');
                    if after_point {
                        exp10 -= 1;
                    }
                } else if !after_point {
                    exp10 += 1;
                }
            }
            b'.' if !after_point => after_point = true,
            _ => break,
        }
        i += 1;
    }
    if !any_digit {
        return None;
    }
    if i < bytes.len() {
        if bytes[i] != b'e' && bytes[i] != b'E' {
            return None;
        }
        i += 1;
        let (eneg, start) = match bytes.get(i) {
            Some(b'-') => (true, i + 1),
            Some(b'+') => (false, i + 1),
            _ => (false, i),
        };
        let digits = &bytes[start..];
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let e = digits.iter().fold(0i64, |acc, d| {
            (acc * 10 + i64::from(d - b'0')).min(1_000_000)
        });
        exp10 += if eneg { -e } else { e };
    }
    if mantissa == 0 {
        return Some(sign(0.0));
    }
    Some(sign(from_decimal(mantissa, exp10)))
}

/// The nearest `f64` to `m × 10^x`.
fn from_decimal(m: u64, x: i64) -> f64 {
    let m = u128::from(m);
    if (0..=19).contains(&x) {
        // m < 2^64 and 10^19 < 2^64: the product fits.
        ratio_to_f64(m * POW10[x as usize], 1)
    } else if (-38..0).contains(&x) {
        ratio_to_f64(m, POW10[(-x) as usize])
    } else if x > 0 {
        (m as f64) * 10f64.powi(x.min(400) as i32)
    } else {
        (m as f64) / 10f64.powi((-x).min(400) as i32)
    }
}

/// The nearest `f64` to `a / b`, for `a > 0` and `0 < b < 2^127`.
fn ratio_to_f64(a: u128, b: u128) -> f64 {
    let (mut q, mut r) = divmod(a, b);
    let mut exp2: i32 = 0;
    // Make q hold exactly 54 significant bits: 53 for the mantissa, one to round with.
    let mut sticky = false;
    let bits = 128 - q.leading_zeros() as i32;
    if bits > 54 {
        let drop = (bits - 54) as u32;
        sticky = q & ((1u128 << drop) - 1) != 0;
        q >>= drop;
        exp2 += drop as i32;
    } else {
        while q < (1u128 << 53) {
            r <<= 1;
            q <<= 1;
            if r >= b {
                r -= b;
                q |= 1;
            }
            exp2 -= 1;
        }
    }
    sticky |= r != 0;
    let round = q & 1 == 1;
    let mut mant = (q >> 1) as u64;
    exp2 += 1;
    if round && (sticky || mant & 1 == 1) {
        mant += 1;
    }
    (mant as f64) * pow2(exp2)
}

/// 2^e as an `f64`, for the exponents [`ratio_to_f64`] produces.
fn pow2(e: i32) -> f64 {
    if (-1022..=1023).contains(&e) {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else {
        2f64.powi(e)
    }
}

/// `(a / b, a % b)` by shifting and subtracting, for `0 < b < 2^127`. It keeps
/// the 128-bit division routines out of the wasm.
fn divmod(a: u128, b: u128) -> (u128, u128) {
    let mut q = 0u128;
    let mut r = 0u128;
    let top = 128 - a.leading_zeros();
    for i in (0..top).rev() {
        r = (r << 1) | ((a >> i) & 1);
        q <<= 1;
        if r >= b {
            r -= b;
            q |= 1;
        }
    }
    (q, r)
}

/// `a / b` rounded half to even, for `0 < b < 2^127`.
fn div_round(a: u128, b: u128) -> u128 {
    let (q, r) = divmod(a, b);
    let twice = r << 1;
    if twice > b || (twice == b && q & 1 == 1) {
        q + 1
    } else {
        q
    }
}

/// A positive finite `v` as `m × 2^e`.
fn split(v: f64) -> (u64, i32) {
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    }
}

/// `round(v × 10^k)` exactly, for a positive finite `v`; `None` when the
/// numbers involved do not fit in 128 bits.
fn scaled(v: f64, k: i32) -> Option<u128> {
    let (m, e) = split(v);
    let mut a = u128::from(m);
    let mut b = 1u128;
    if k >= 0 {
        a = a.checked_mul(*POW10.get(k as usize)?)?;
    } else {
        b = *POW10.get((-k) as usize)?;
    }
    if e >= 0 {
        if a.leading_zeros() <= e as u32 {
            return None;
        }
        a <<= e;
    } else {
        if b.leading_zeros() <= (-e) as u32 + 1 {
            return None;
        }
        b <<= -e;
    }
    Some(div_round(a, b))
}

/// The `p` significant digits of a positive finite `v`, correctly rounded:
/// `(n, k)` with `v ≈ n × 10^-k` and `10^(p-1) <= n < 10^p`.
fn digits(v: f64, p: u32) -> Option<(u64, i32)> {
    let (m, e) = split(v);
    let bits = 64 - m.leading_zeros() as i32 + e; // v < 2^bits
    let log10 = (f64::from(bits - 1) * std::f64::consts::LOG10_2).floor() as i32;
    let mut k = p as i32 - 1 - log10;
    for _ in 0..3 {
        let n = scaled(v, k)?;
        if n >= POW10[p as usize] {
            k -= 1;
        } else if n < POW10[p as usize - 1] {
            k += 1;
        } else {
            return Some((n as u64, k));
        }
    }
    None
}

/// Writes `n × 10^-k` in plain notation; `trim` drops trailing zeros after the point.
fn plain(out: &mut String, n: u64, k: i32, trim: bool) {
    let s = n.to_string();
    if k <= 0 {
        out.push_str(&s);
        for _ in 0..-k {
            out.push('0');
        }
        return;
    }
    let k = k as usize;
    let (int, frac) = if s.len() > k {
        (&s[..s.len() - k], s[s.len() - k..].to_owned())
    } else {
        ("0", "0".repeat(k - s.len()) + &s)
    };
    let frac = if trim {
        frac.trim_end_matches('0')
    } else {
        &frac
    };
    out.push_str(int);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
}

/// The start of a finite value's text (its sign) and its magnitude, or the
/// whole text of a value that has no digits (`NaN`, `inf`, `-inf`).
fn signed(v: f64) -> Result<(String, f64), String> {
    if v.is_nan() {
        Err("NaN".into())
    } else if v.is_infinite() {
        Err(if v > 0.0 { "inf" } else { "-inf" }.into())
    } else {
        let sign = if v.is_sign_negative() { "-" } else { "" };
        Ok((sign.to_owned(), v.abs()))
    }
}

/// Text that reads back to exactly `v`, in plain notation (as `{}` writes it).
pub fn shortest(v: f64) -> String {
    let (mut out, a) = match signed(v) {
        Ok(start) => start,
        Err(name) => return name,
    };
    if a == 0.0 {
        out.push('0');
        return out;
    }
    for p in 15..=17 {
        match digits(a, p) {
            Some((n, k)) => {
                let mut text = String::new();
                plain(&mut text, n, k, true);
                if p == 17 || parse(&text) == Some(a) {
                    out.push_str(&text);
                    return out;
                }
            }
            None => break,
        }
    }
    // Far outside any figure's range: seventeen digits by float arithmetic.
    if let Some((n, k)) = approximate(a) {
        plain(&mut out, n, k, true);
    } else {
        out.push('0');
    }
    out
}

/// `v` with exactly `places` decimals, rounded half to even (as `{:.places$}` writes it).
pub fn fixed(v: f64, places: usize) -> String {
    let (mut out, a) = match signed(v) {
        Ok(start) => start,
        Err(name) => return name,
    };
    let k = i32::try_from(places).unwrap_or(i32::MAX);
    if a == 0.0 {
        plain(&mut out, 0, k, false);
        return out;
    }
    if let Some(n) = scaled(a, k).and_then(|n| u64::try_from(n).ok()) {
        plain(&mut out, n, k, false);
        return out;
    }
    // The scaled value does not fit: start from the 17 exact significant digits.
    let Some((n, k17)) = digits(a, 17).or_else(|| approximate(a)) else {
        return out + "0";
    };
    if k >= k17 {
        plain(&mut out, n, k17, false);
        if k17 <= 0 && k > 0 {
            out.push('.');
        }
        for _ in k17.max(0)..k {
            out.push('0');
        }
    } else {
        let drop = (k17 - k) as u32;
        let q = if drop > 17 {
            0
        } else {
            let p = 10u64.pow(drop);
            let (q, r) = (n / p, n % p);
            if 2 * r > p || (2 * r == p && q % 2 == 1) {
                q + 1
            } else {
                q
            }
        };
        plain(&mut out, q, k, false);
    }
    out
}

/// Seventeen significant digits of a positive finite `v` by float arithmetic,
/// for magnitudes [`digits`] cannot do exactly: `(n, k)` with `v ≈ n × 10^-k`.
fn approximate(a: f64) -> Option<(u64, i32)> {
    let (m, e) = split(a);
    let log10 =
        (f64::from(64 - m.leading_zeros() as i32 + e - 1) * std::f64::consts::LOG10_2).floor();
    let k = 16 - log10 as i32;
    let n = (a * 10f64.powi(k / 2) * 10f64.powi(k - k / 2)).round_ties_even();
    (n.is_finite() && n >= 0.0).then_some((n as u64, k))
}

#[cfg(test)]
mod tests;
