//! Card interiors: wrapping and truncating text with a [`TextMeasure`], sizing component
//! cards, zone headers and link label chips.

use refarch_core::{Component, Zone};

use crate::diagram::{ComponentBox, Rect, TextLine};
use crate::text::{TextMeasure, TextStyle};

/// Padding inside a card.
const PAD: f64 = 12.0;
/// Side of a component's kind icon.
const ICON: f64 = 28.0;
/// Gap between the icon and the text column.
const ICON_GAP: f64 = 10.0;
/// Side of a zone's header icon.
const ZONE_ICON: f64 = 16.0;
/// Padding around a link label's text.
const CHIP_PAD: f64 = 4.0;
/// Widest line in a link label; longer labels wrap onto a second line.
const CHIP_TEXT: f64 = 140.0;
/// Widest line of a zone's header; a longer label wraps.
const HEADER_TEXT: f64 = 360.0;
/// Most lines of a zone's label; the last is truncated with an ellipsis past them.
const HEADER_LINES: usize = 2;
/// Longest text the layout looks at; the rest can never fit in a card anyway.
const MAX_CHARS: usize = 2_000;
/// The ellipsis appended to truncated text.
const ELLIPSIS: &str = "…";

/// The baseline of a line whose box starts at `top`.
fn baseline(top: f64, style: TextStyle) -> f64 {
    top + (style.line_height() * 0.78).round()
}

/// `text` truncated with an ellipsis so that it is at most `max_w` wide.
pub(crate) fn fit(text: &str, style: TextStyle, max_w: f64, m: &dyn TextMeasure) -> String {
    let chars: Vec<char> = text.chars().take(MAX_CHARS).collect();
    let full: String = chars.iter().collect();
    if chars.len() < MAX_CHARS && m.width(&full, style) <= max_w {
        return full;
    }
    // Largest prefix that fits with the ellipsis (binary search: measures are monotone).
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let s: String = chars[..mid].iter().collect::<String>() + ELLIPSIS;
        if m.width(&s, style) <= max_w {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let prefix: String = chars[..lo].iter().collect();
    format!("{}{ELLIPSIS}", prefix.trim_end())
}

/// Greedy word wrap into at most `max_lines` lines of at most `max_w`; the last line is
/// truncated with an ellipsis when text is left over, and so is any word too long alone.
/// Only the first 2,000 characters are looked at: no card or header holds more.
///
/// Cards use it, and so do the renderers for text the layout does not place (the header).
pub fn wrap(
    text: &str,
    style: TextStyle,
    max_w: f64,
    max_lines: usize,
    m: &dyn TextMeasure,
) -> Vec<String> {
    let text: String = text.chars().take(MAX_CHARS).collect();
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut i = 0;
    while i < words.len() {
        if lines.len() + 1 == max_lines.max(1) {
            // Last allowed line: everything left, truncated.
            let rest = words[i..].join(" ");
            let line = if cur.is_empty() {
                rest
            } else {
                format!("{cur} {rest}")
            };
            lines.push(fit(&line, style, max_w, m));
            return lines;
        }
        if cur.is_empty()
            && let Some(end) = line_end(&words[i..], style, max_w, m)
        {
            lines.push(words[i..i + end].join(" "));
            i += end;
            continue;
        }
        let candidate = if cur.is_empty() {
            words[i].to_string()
        } else {
            format!("{cur} {}", words[i])
        };
        if m.width(&candidate, style) <= max_w {
            cur = candidate;
            i += 1;
        } else if cur.is_empty() {
            lines.push(fit(words[i], style, max_w, m));
            i += 1;
        } else {
            lines.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// [`wrap`] into lines of about one width: the narrowest width up to `max_w` that takes no
/// more lines than `max_w` does, so that a second line holds about half the text rather
/// than its last word.
fn wrap_balanced(
    text: &str,
    style: TextStyle,
    max_w: f64,
    max_lines: usize,
    m: &dyn TextMeasure,
) -> Vec<String> {
    let lines = wrap(text, style, max_w, max_lines, m);
    let n = lines.len();
    if n < 2 || lines[n - 1].ends_with(ELLIPSIS) {
        return lines;
    }
    // Whether `text` fits in `n` lines of width `w`, none truncated.
    let fits = |w: f64| wrap(text, style, w, n + 1, m).len() <= n;
    let (mut lo, mut hi) = (max_w / n as f64, max_w);
    while hi - lo > 1.0 {
        let mid = (lo + hi) / 2.0;
        if fits(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    wrap(text, style, hi, n, m)
}

/// How many of `words` the greedy fill in [`wrap`] puts on one line, found without
/// measuring every longer prefix: estimated from each word's width (words repeat, and their
/// widths are cached) and checked exactly at its end. Widths only grow as words are added,
/// so a run that fits followed by one that does not (or by no more words) is the greedy
/// line. `None` when the estimate misses (kerning across spaces): then [`wrap`] fills the
/// line word by word.
fn line_end(words: &[&str], style: TextStyle, max_w: f64, m: &dyn TextMeasure) -> Option<usize> {
    let space = m.width(" ", style);
    let mut estimate = 0.0;
    let mut end = 0;
    for (k, word) in words.iter().enumerate() {
        let gap = if k == 0 { 0.0 } else { space };
        let next = estimate + gap + m.width(word, style);
        if next > max_w {
            break;
        }
        estimate = next;
        end = k + 1;
    }
    let fits = |n: usize| m.width(&words[..n].join(" "), style) <= max_w;
    (end >= 1 && fits(end) && (end == words.len() || !fits(end + 1))).then_some(end)
}

/// A component card laid out at the origin: size, front face, icon and text lines.
#[derive(Clone, Debug)]
pub(crate) struct Card {
    /// Width of the whole box (including replica cards behind).
    pub(crate) w: f64,
    /// Height of the whole box.
    pub(crate) h: f64,
    /// The front card, relative to the box.
    pub(crate) face: Rect,
    /// The icon, relative to the box.
    pub(crate) icon: Rect,
    /// Text lines, relative to the box.
    pub(crate) texts: Vec<TextLine>,
}

impl Card {
    /// Sizes a component's card. `text_w` is the widest text column.
    pub(crate) fn new(c: &Component, text_w: f64, m: &dyn TextMeasure) -> Card {
        let text_x = PAD + ICON + ICON_GAP;
        let mut groups: Vec<(TextStyle, Vec<String>)> = Vec::new();
        groups.push((
            TextStyle::Label,
            wrap(&c.label, TextStyle::Label, text_w, 3, m),
        ));
        if let Some(t) = &c.tech {
            groups.push((TextStyle::Tech, wrap(t, TextStyle::Tech, text_w, 2, m)));
        }
        if let Some(n) = &c.note {
            groups.push((TextStyle::Note, wrap(n, TextStyle::Note, text_w, 3, m)));
        }
        if !c.capabilities.is_empty() {
            let caps = c
                .capabilities
                .iter()
                .take(24)
                .map(|cap| fit(&format!("• {cap}"), TextStyle::Tech, text_w, m))
                .collect();
            groups.push((TextStyle::Tech, caps));
        }
        let mut texts = Vec::new();
        let mut widest: f64 = 0.0;
        let mut cursor = PAD;
        for (gi, (style, lines)) in groups.into_iter().enumerate() {
            if gi > 0 {
                cursor += 4.0;
            }
            for line in lines {
                widest = widest.max(m.width(&line, style));
                texts.push(TextLine {
                    y: baseline(cursor, style),
                    text: line,
                    x: text_x,
                    style,
                    centered: false,
                });
                cursor += style.line_height();
            }
        }
        let face_w = (text_x + widest.min(text_w).max(72.0) + PAD).round();
        let face_h = (cursor + PAD).max(PAD + ICON + PAD).round();
        let stack = if c.replicas > 1 {
            2.0 * ComponentBox::STACK_STEP
        } else {
            0.0
        };
        Card {
            w: face_w + stack,
            h: face_h + stack,
            face: Rect {
                x: 0.0,
                y: 0.0,
                w: face_w,
                h: face_h,
            },
            icon: Rect {
                x: PAD,
                y: PAD,
                w: ICON,
                h: ICON,
            },
            texts,
        }
    }
}

/// A zone's header: label (with room for an icon) and caption, relative to the zone's corner.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    /// Height of the header row (from the zone's top edge).
    pub(crate) row_h: f64,
    /// Width the header needs, padding included.
    pub(crate) need_w: f64,
    /// The header box.
    pub(crate) rect: Rect,
    /// The icon, when the zone has a kind.
    pub(crate) icon: Option<Rect>,
    /// Label and caption lines.
    pub(crate) texts: Vec<TextLine>,
}

impl Header {
    /// Lays out a zone's header.
    pub(crate) fn new(z: &Zone, pad: f64, m: &dyn TextMeasure) -> Header {
        let x0 = pad.min(10.0);
        let y0 = 6.0;
        let icon_w = if z.kind.is_some() {
            ZONE_ICON + 6.0
        } else {
            0.0
        };
        let lh = TextStyle::ZoneHeader.line_height();
        let mut texts = Vec::new();
        let mut w: f64 = 0.0;
        let mut h = 0.0;
        for line in wrap_balanced(
            &z.label,
            TextStyle::ZoneHeader,
            HEADER_TEXT,
            HEADER_LINES,
            m,
        ) {
            w = w.max(icon_w + m.width(&line, TextStyle::ZoneHeader));
            texts.push(TextLine {
                text: line,
                x: x0 + icon_w,
                y: baseline(y0 + h, TextStyle::ZoneHeader),
                style: TextStyle::ZoneHeader,
                centered: false,
            });
            h += lh;
        }
        if let Some(c) = &z.caption {
            let cap = fit(c, TextStyle::Note, HEADER_TEXT, m);
            w = w.max(m.width(&cap, TextStyle::Note));
            texts.push(TextLine {
                text: cap,
                x: x0,
                y: baseline(y0 + h, TextStyle::Note),
                style: TextStyle::Note,
                centered: false,
            });
            h += TextStyle::Note.line_height();
        }
        let icon = z.kind.map(|_| Rect {
            x: x0,
            y: y0 + ((lh - ZONE_ICON) / 2.0).max(0.0),
            w: ZONE_ICON,
            h: ZONE_ICON,
        });
        Header {
            row_h: (y0 + h + 4.0).round(),
            need_w: (x0 + w + pad).ceil(),
            rect: Rect {
                x: x0,
                y: y0,
                w: w.ceil(),
                h,
            },
            icon,
            texts,
        }
    }
}

/// A link label chip: size and text lines relative to its top-left corner.
#[derive(Clone, Debug)]
pub(crate) struct Chip {
    /// Width.
    pub(crate) w: f64,
    /// Height.
    pub(crate) h: f64,
    /// Lines, `x` relative to the chip's centre line, `y` to its top.
    pub(crate) texts: Vec<TextLine>,
}

/// Room a chip keeps in front of its text for the renderer's lock or warning mark (a
/// 16 px disc with 3 px on each side), so the mark never has to grow the chip over a
/// neighbour.
pub(crate) const CHIP_MARK_ROOM: f64 = 22.0;

impl Chip {
    /// The chip's extent along the flow and across it (left to right when `lr`).
    pub(crate) fn extent(&self, lr: bool) -> (f64, f64) {
        if lr {
            (self.w, self.h)
        } else {
            (self.h, self.w)
        }
    }

    /// Sizes a chip for `text` and an optional note; `marked` keeps [`CHIP_MARK_ROOM`] free
    /// on the left.
    pub(crate) fn new(text: &str, note: Option<&str>, marked: bool, m: &dyn TextMeasure) -> Chip {
        let style = TextStyle::LinkLabel;
        let lh = style.line_height();
        let mut lines = wrap(text, style, CHIP_TEXT, 2, m);
        if let Some(n) = note {
            lines.extend(wrap(n, style, CHIP_TEXT, 2, m));
        }
        let widest = lines
            .iter()
            .map(|l| m.width(l, style))
            .fold(0.0_f64, f64::max);
        let room = if marked { CHIP_MARK_ROOM } else { 0.0 };
        let texts = lines
            .into_iter()
            .enumerate()
            .map(|(i, text)| TextLine {
                text,
                x: room / 2.0,
                y: baseline(CHIP_PAD + lh * i as f64, style),
                style,
                centered: true,
            })
            .collect::<Vec<_>>();
        Chip {
            w: (widest + 2.0 * CHIP_PAD + room).ceil(),
            h: (lh * texts.len() as f64 + 2.0 * CHIP_PAD).ceil(),
            texts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::ApproxMeasure;

    #[test]
    fn fit_truncates_huge_words() {
        let word = "x".repeat(10_000);
        let s = fit(&word, TextStyle::Label, 200.0, &ApproxMeasure);
        assert!(s.ends_with('…'));
        assert!(ApproxMeasure.width(&s, TextStyle::Label) <= 200.0);
    }

    #[test]
    fn wrap_respects_width_and_lines() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let lines = wrap(text, TextStyle::Tech, 60.0, 3, &ApproxMeasure);
        assert_eq!(lines.len(), 3);
        for l in &lines {
            assert!(ApproxMeasure.width(l, TextStyle::Tech) <= 60.0, "{l}");
        }
        assert!(lines[2].ends_with('…'));
    }

    #[test]
    fn wrap_fills_each_line_greedily() {
        // Every line but the last takes words until the next would not fit.
        let text = "a bb ccc dddd eeeee ffffff ggggggg hh i jjjjjjj kk lll mmmm n oo ppp";
        for max_w in [70.0, 90.0, 120.0, 160.0, 240.0] {
            let lines = wrap(text, TextStyle::Tech, max_w, 100, &ApproxMeasure);
            assert_eq!(lines.join(" "), text, "width {max_w}");
            for pair in lines.windows(2) {
                let longer = format!("{} {}", pair[0], pair[1].split(' ').next().unwrap_or(""));
                assert!(ApproxMeasure.width(&pair[0], TextStyle::Tech) <= max_w);
                assert!(
                    ApproxMeasure.width(&longer, TextStyle::Tech) > max_w,
                    "width {max_w}: {longer:?} would fit"
                );
            }
        }
    }

    #[test]
    fn a_long_zone_label_wraps_to_lines_of_about_one_width() {
        let m = &ApproxMeasure;
        let width = |l: &str| m.width(l, TextStyle::ZoneHeader);
        // Words up to just past the header's width: a greedy wrap leaves the last alone.
        let mut label = String::from("Mattermost");
        for word in [
            "deployment",
            "on",
            "local",
            "infrastructure",
            "at",
            "the",
            "edge",
            "site",
        ]
        .iter()
        .cycle()
        {
            label = format!("{label} {word}");
            if width(&label) > HEADER_TEXT {
                break;
            }
        }
        let label = label.as_str();
        let zone = |label: &str| Zone {
            id: "z".into(),
            label: label.into(),
            trust: refarch_core::Trust::Internal,
            kind: None,
            parent: None,
            children: Vec::new(),
            components: Vec::new(),
            depth: 1,
            caption: None,
            direction: None,
            arrange: None,
            span: 0..0,
        };
        let lines =
            |h: &Header| -> Vec<String> { h.texts.iter().map(|t| t.text.clone()).collect() };
        // It takes two lines, all words kept, about as wide as each other.
        let two = lines(&Header::new(&zone(label), 12.0, m));
        assert_eq!(two.len(), 2);
        assert_eq!(two.join(" "), label);
        let greedy = wrap(label, TextStyle::ZoneHeader, HEADER_TEXT, 2, m);
        assert!(
            width(&two[1]) > width(&greedy[1]),
            "{two:?} against {greedy:?}"
        );
        assert!(width(&two[0]).max(width(&two[1])) <= HEADER_TEXT);
        // A short label keeps one line, and a very long one is cut after two.
        assert_eq!(lines(&Header::new(&zone("DMZ"), 12.0, m)), ["DMZ"]);
        let long = lines(&Header::new(&zone(&label.repeat(4)), 12.0, m));
        assert_eq!(long.len(), 2);
        assert!(long[1].ends_with('…'));
    }
}
