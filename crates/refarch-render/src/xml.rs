//! XML text escaping, id sanitising and the one fixed-precision number printer.

use std::fmt::Write as _;

/// Escapes `text` for use in XML character data and attribute values.
///
/// `&`, `<`, `>`, `"` and `'` become entities (so `]]>` can never close anything), and
/// control characters, which XML 1.0 forbids or which would be invisible, are dropped
/// (tab, line feed and carriage return become a space).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // Runs of characters that need nothing are copied as one slice.
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&apos;",
            '\t' | '\n' | '\r' => " ",
            c if c.is_control() => "",
            // Non-characters and lone surrogate-like code points cannot occur in a Rust
            // `str`; U+FFFE and U+FFFF are not allowed in XML.
            '\u{FFFE}' | '\u{FFFF}' => "",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        start = i + c.len_utf8();
    }
    out.push_str(&text[start..]);
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
///
/// The text lives on the stack and prints through `Display`: SVG writing formats thousands
/// of numbers, and a `String` each (or `format!("{:.2}")`, which takes the slow exact
/// float path) dominated its time.
pub(crate) fn num(v: f64) -> Num {
    let mut n = Num {
        buf: [0; Num::CAP],
        start: Num::CAP,
    };
    // Beyond ±1e15 hundredths no longer fit the integer path; nothing we draw is that big.
    if !v.is_finite() || v.abs() >= 1e13 {
        n.push_front(b'0');
        return n;
    }
    // In range by the check above, so the cast is exact after rounding.
    #[allow(clippy::cast_possible_truncation, reason = "bounded above")]
    let hundredths = (v * 100.0).round() as i64;
    let mut h = hundredths.unsigned_abs();
    let frac = h % 100;
    // Digits are written back to front: fraction (trimmed), point, integer part, sign.
    if frac != 0 {
        if frac.is_multiple_of(10) {
            n.push_digit(frac / 10);
        } else {
            n.push_digit(frac % 10);
            n.push_digit(frac / 10);
        }
        n.push_front(b'.');
    }
    h /= 100;
    loop {
        n.push_digit(h % 10);
        h /= 10;
        if h == 0 {
            break;
        }
    }
    if hundredths < 0 {
        n.push_front(b'-');
    }
    n
}

/// A number as [`num`] prints it.
#[derive(Clone, Copy)]
pub(crate) struct Num {
    buf: [u8; Num::CAP],
    /// The text is `buf[start..]`.
    start: usize,
}

impl Num {
    /// Room for a sign, 13 integer digits, a point and two decimals.
    const CAP: usize = 20;

    fn push_front(&mut self, b: u8) {
        self.start -= 1;
        self.buf[self.start] = b;
    }

    fn push_digit(&mut self, d: u64) {
        // A digit below ten always fits a byte.
        self.push_front(b'0' + u8::try_from(d % 10).unwrap_or(0));
    }

    /// The text.
    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII digits, `-` and `.` are ever written.
        std::str::from_utf8(&self.buf[self.start..]).unwrap_or("0")
    }
}

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Appends [`num`]'s text.
pub(crate) fn push_num(out: &mut String, v: f64) {
    out.push_str(num(v).as_str());
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
        assert_eq!(num(1.0).to_string(), "1");
        assert_eq!(num(1.005).to_string(), "1");
        assert_eq!(num(1.256).to_string(), "1.26");
        assert_eq!(num(-0.001).to_string(), "0");
        assert_eq!(num(f64::NAN).to_string(), "0");
        assert_eq!(num(12.5).to_string(), "12.5");
        assert_eq!(num(-3.04).to_string(), "-3.04");
        assert_eq!(num(-0.5).to_string(), "-0.5");
        assert_eq!(num(1920.0).to_string(), "1920");
        assert_eq!(num(0.07).to_string(), "0.07");
        assert_eq!(num(1e20).to_string(), "0");
    }

    #[test]
    fn ids_are_sanitised() {
        assert_eq!(id_part("app-01"), "app-01");
        assert_eq!(id_part("a b\"<"), "a_20b_22_3c");
    }
}
