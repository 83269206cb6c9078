//! XML text escaping, id sanitising and the one fixed-precision number printer.

use std::fmt::Write as _;

/// Escapes `text` for use in XML character data and attribute values.
///
/// `&`, `<`, `>`, `"` and `'` become entities (so `]]>` can never close anything), and
/// control characters, which XML 1.0 forbids or which would be invisible, are dropped
/// (tab, line feed and carriage return become a space).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            // Non-characters and lone surrogate-like code points cannot occur in a Rust
            // `str`; U+FFFE and U+FFFF are not allowed in XML.
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Turns a model id into something safe inside an XML `id` (letters, digits, `-`, `_`).
///
/// Other characters become `_` followed by their hex code point, so distinct ids stay
/// distinct.
pub(crate) fn id_part(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            out.push(c);
        } else {
            let _ = write!(out, "_{:x}", c as u32);
        }
    }
    out
}

/// Formats a number with at most two decimals, trailing zeros trimmed, `-0` as `0`, and
/// non-finite values as `0`, so the same geometry always prints the same bytes.
pub(crate) fn num(v: f64) -> String {
    let mut s = String::new();
    push_num(&mut s, v);
    s
}

/// Appends [`num`]'s text. Integer arithmetic: `format!("{:.2}")` takes the slow exact
/// float path and dominated SVG writing time.
pub(crate) fn push_num(out: &mut String, v: f64) {
    // Beyond ±1e15 hundredths no longer fit the integer path; nothing we draw is that big.
    if !v.is_finite() || v.abs() >= 1e13 {
        out.push('0');
        return;
    }
    // In range by the check above, so the cast is exact after rounding.
    #[allow(clippy::cast_possible_truncation, reason = "bounded above")]
    let hundredths = (v * 100.0).round() as i64;
    if hundredths == 0 {
        out.push('0');
        return;
    }
    if hundredths < 0 {
        out.push('-');
    }
    let h = hundredths.unsigned_abs();
    let _ = write!(out, "{}", h / 100);
    let frac = h % 100;
    if frac != 0 {
        if frac.is_multiple_of(10) {
            let _ = write!(out, ".{}", frac / 10);
        } else {
            let _ = write!(out, ".{frac:02}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_strips_controls() {
        assert_eq!(
            escape("<script>&]]>\"'\u{0}\u{7}a\nb"),
            "&lt;script&gt;&amp;]]&gt;&quot;&apos;a b"
        );
    }

    #[test]
    fn numbers_are_fixed() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.005), "1");
        assert_eq!(num(1.256), "1.26");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(-3.04), "-3.04");
        assert_eq!(num(-0.5), "-0.5");
        assert_eq!(num(1920.0), "1920");
        assert_eq!(num(0.07), "0.07");
        assert_eq!(num(1e20), "0");
    }

    #[test]
    fn ids_are_sanitised() {
        assert_eq!(id_part("app-01"), "app-01");
        assert_eq!(id_part("a b\"<"), "a_20b_22_3c");
    }
}
