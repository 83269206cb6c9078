//! Web-font subsets of the bundled faces for `embed_font`: exactly the glyphs a diagram's
//! text uses, as an OpenType (CFF) font that browsers accept.
//!
//! The well-kept subsetter (`subsetter`, typst's) cuts the outlines, metrics and names down
//! to the glyphs kept and renumbers them, but it writes fonts for PDF: no `cmap`, no `OS/2`
//! and no layout tables. A browser needs the first two, so they are added back:
//!
//! ```text
//! Inter-*.otf ──subsetter──▶ CFF head hhea hmtx maxp name post   (glyphs renumbered)
//!                 + cmap     the used characters → new glyph ids (format 4, 12 if needed)
//!                 + OS/2     copied: it names no glyph ids
//!                 + GPOS     pair kerning of the used characters, as the shaper applies it
//!             ──▶ one sfnt, tables sorted, checksums and head.checkSumAdjustment set
//! ```
//!
//! The original `GPOS` cannot be copied (it addresses the old glyph ids), so kerning is
//! rebuilt as a minimal `GPOS`: one `kern` feature for every script, one pair-adjustment
//! lookup listing each kerned pair of the new glyph ids. (A classic `kern` table would be
//! smaller, but OpenType fonts with CFF outlines may not use it, and browsers ignore it
//! there.) Contextual alternates (`GSUB`) are not carried: the browser draws each
//! character's default glyph.

use std::collections::BTreeSet;

use rustybuzz::ttf_parser::GlyphId;
use subsetter::GlyphRemapper;

use crate::fonts;

/// Largest pair-adjustment subtable: its offsets are 16-bit.
const MAX_PAIR_BYTES: usize = u16::MAX as usize;

/// The subset of the regular (`bold == false`) or semibold face holding the glyphs of
/// `chars` (characters the face lacks are skipped), or `None` if the subsetter fails.
///
/// Deterministic: the same characters give the same bytes.
pub(crate) fn subset(bold: bool, chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let face = fonts::face(bold);
    // New glyph ids follow character order, so runs of characters map to runs of ids.
    let mut remapper = GlyphRemapper::new();
    let mut mapped: Vec<(char, u16, u16)> = Vec::new();
    for &c in chars {
        if let Some(GlyphId(old)) = face.glyph_index(c) {
            mapped.push((c, old, remapper.remap(old)));
        }
    }
    let sub = subsetter::subset(fonts::face_bytes(bold), 0, &remapper).ok()?;
    let mut tables = read_tables(&sub)?;
    let os2 = read_tables(fonts::face_bytes(bold))?
        .into_iter()
        .find(|t| &t.0 == b"OS/2")?;
    tables.push(os2);
    tables.push((*b"cmap", cmap(&mapped)));
    let pairs = kerning(bold, &mapped);
    if !pairs.is_empty() {
        tables.push((*b"GPOS", gpos(&pairs)));
    }
    Some(write_sfnt(sub.get(..4)?, tables))
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<usize> {
    let v = u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?);
    usize::try_from(v).ok()
}

/// Every table of an sfnt: (tag, bytes).
fn read_tables(font: &[u8]) -> Option<Vec<([u8; 4], Vec<u8>)>> {
    let count = usize::from(u16_at(font, 4)?);
    (0..count)
        .map(|i| {
            let rec = 12 + 16 * i;
            let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
            let (off, len) = (u32_at(font, rec + 8)?, u32_at(font, rec + 12)?);
            Some((tag, font.get(off..off + len)?.to_vec()))
        })
        .collect()
}

/// Big-endian writes into a byte vector. Every count written is bounded by the caller, so
/// the narrowing casts below cannot truncate.
trait Put {
    fn u16(&mut self, v: usize);
    fn u32(&mut self, v: usize);
}

impl Put for Vec<u8> {
    fn u16(&mut self, v: usize) {
        self.extend_from_slice(&u16::try_from(v).unwrap_or(u16::MAX).to_be_bytes());
    }
    fn u32(&mut self, v: usize) {
        self.extend_from_slice(&u32::try_from(v).unwrap_or(u32::MAX).to_be_bytes());
    }
}

/// `searchRange`, `entrySelector` and `rangeShift` for `n` entries of `size` bytes.
fn search_params(n: usize, size: usize) -> (usize, usize, usize) {
    let mut selector = 0;
    while n >> (selector + 1) != 0 {
        selector += 1;
    }
    let range = (1 << selector) * size;
    (range, selector, (n * size).saturating_sub(range))
}

/// A `cmap` mapping each character to its new glyph id: a format 4 subtable for the Basic
/// Multilingual Plane, plus format 12 when a character lies beyond it.
fn cmap(mapped: &[(char, u16, u16)]) -> Vec<u8> {
    // Runs of consecutive characters on consecutive glyph ids: (first char, last, first id).
    let mut runs: Vec<(u32, u32, u32)> = Vec::new();
    for &(c, _, g) in mapped {
        let (c, g) = (u32::from(c), u32::from(g));
        match runs.last_mut() {
            Some(r) if r.1 + 1 == c && r.2 + (r.1 - r.0) + 1 == g => r.1 = c,
            _ => runs.push((c, c, g)),
        }
    }
    let mut f4 = Vec::new();
    let mut segs: Vec<(u32, u32, u32)> = runs
        .iter()
        .filter(|r| r.0 <= 0xFFFF)
        .map(|&(s, e, g)| (s, e.min(0xFFFF), g))
        .filter(|r| r.0 != 0xFFFF)
        .collect();
    // The required last segment maps U+FFFF to glyph 0.
    segs.push((0xFFFF, 0xFFFF, 0));
    let n = segs.len();
    let (range, selector, shift) = search_params(n, 2);
    for v in [4, 16 + 8 * n, 0, 2 * n, range, selector, shift] {
        f4.u16(v);
    }
    segs.iter().for_each(|s| f4.u16(s.1 as usize));
    f4.u16(0);
    segs.iter().for_each(|s| f4.u16(s.0 as usize));
    // idDelta is added modulo 65536: the new id minus the character code.
    segs.iter()
        .for_each(|s| f4.u16(((s.2 + 0x1_0000 - s.0) % 0x1_0000) as usize));
    segs.iter().for_each(|_| f4.u16(0));

    let wide = runs.iter().any(|r| r.1 > 0xFFFF);
    let mut f12 = Vec::new();
    if wide {
        f12.u16(12);
        f12.u16(0);
        f12.u32(16 + 12 * runs.len());
        f12.u32(0);
        f12.u32(runs.len());
        for &(s, e, g) in &runs {
            f12.u32(s as usize);
            f12.u32(e as usize);
            f12.u32(g as usize);
        }
    }

    let records = if wide { 2 } else { 1 };
    let mut out = Vec::new();
    out.u16(0);
    out.u16(records);
    let start = 4 + 8 * records;
    out.extend_from_slice(&[0, 3, 0, 1]);
    out.u32(start);
    if wide {
        out.extend_from_slice(&[0, 3, 0, 10]);
        out.u32(start + f4.len());
    }
    out.extend_from_slice(&f4);
    out.extend_from_slice(&f12);
    out
}

/// Every pair of the used characters the shaper kerns, on the new glyph ids: (first,
/// second, adjustment of the first's advance in font units), sorted.
fn kerning(bold: bool, mapped: &[(char, u16, u16)]) -> Vec<(u16, u16, i16)> {
    let face = fonts::face(bold);
    let mut pairs: BTreeSet<(u16, u16, i16)> = BTreeSet::new();
    let mut seen: BTreeSet<(u16, u16)> = BTreeSet::new();
    let mut text = String::with_capacity(8);
    for &(a, old_a, new_a) in mapped {
        let Some(advance) = face.glyph_hor_advance(GlyphId(old_a)) else {
            continue;
        };
        for &(b, old_b, new_b) in mapped {
            // Two characters sharing a glyph kern alike: shape each glyph pair once.
            if !seen.insert((new_a, new_b)) {
                continue;
            }
            text.clear();
            text.push(a);
            text.push(b);
            let (glyphs, _) = fonts::shape(&text, bold);
            // Only a plain pair of the two default glyphs is a kerning pair; anything the
            // shaper substituted is left to the default glyphs.
            let [ga, gb] = glyphs.as_slice() else {
                continue;
            };
            if ga.id != old_a || gb.id != old_b || ga.x != 0 {
                continue;
            }
            let value = gb.x - i32::from(advance);
            if let Ok(v) = i16::try_from(value)
                && v != 0
            {
                pairs.insert((new_a, new_b, v));
            }
        }
    }
    pairs.into_iter().collect()
}

/// A `GPOS` table applying `pairs` (sorted) through one `kern` feature of the default
/// script and of `latn`: a single lookup with one format 1 pair-adjustment subtable.
/// Pairs that would overflow the subtable's 16-bit offsets are dropped, last first.
fn gpos(pairs: &[(u16, u16, i16)]) -> Vec<u8> {
    // First glyph -> (second glyph, value), in glyph order.
    let mut sets: Vec<(u16, Vec<(u16, i16)>)> = Vec::new();
    let mut size = 10 + 4; // subtable header, coverage header
    for &(a, b, v) in pairs {
        let new_set = sets.last().is_none_or(|s| s.0 != a);
        let grow = 4 + if new_set { 2 + 2 + 2 } else { 0 };
        if size + grow > MAX_PAIR_BYTES {
            break;
        }
        size += grow;
        if new_set {
            sets.push((a, Vec::new()));
        }
        if let Some(set) = sets.last_mut() {
            set.1.push((b, v));
        }
    }
    // The pair-adjustment subtable (format 1, XAdvance on the first glyph).
    let n = sets.len();
    let coverage_at = 10 + 2 * n;
    let mut set_at = coverage_at + 4 + 2 * n;
    let mut pair = Vec::new();
    for v in [1, coverage_at, 0x0004, 0, n] {
        pair.u16(v);
    }
    for (_, set) in &sets {
        pair.u16(set_at);
        set_at += 2 + 4 * set.len();
    }
    pair.u16(1);
    pair.u16(n);
    sets.iter().for_each(|(a, _)| pair.u16(usize::from(*a)));
    for (_, set) in &sets {
        pair.u16(set.len());
        for &(b, v) in set {
            pair.u16(usize::from(b));
            pair.extend_from_slice(&v.to_be_bytes());
        }
    }
    // Script list: `DFLT` and `latn` share one script whose default language system
    // requires nothing and enables feature 0.
    let mut scripts = Vec::new();
    scripts.u16(2);
    for tag in [b"DFLT", b"latn"] {
        scripts.extend_from_slice(tag);
        scripts.u16(14);
    }
    for v in [4, 0, 0, 0xFFFF, 1, 0] {
        scripts.u16(v);
    }
    // Feature list: `kern`, using lookup 0.
    let mut features = Vec::new();
    features.u16(1);
    features.extend_from_slice(b"kern");
    for v in [8, 0, 1, 0] {
        features.u16(v);
    }
    // Lookup list: one pair-adjustment lookup (type 2) with the subtable above.
    let mut lookups = Vec::new();
    for v in [1, 4, 2, 0, 1, 8] {
        lookups.u16(v);
    }
    lookups.extend_from_slice(&pair);
    let mut out = Vec::new();
    let scripts_at = 10;
    let features_at = scripts_at + scripts.len();
    let lookups_at = features_at + features.len();
    for v in [1, 0, scripts_at, features_at, lookups_at] {
        out.u16(v);
    }
    out.extend_from_slice(&scripts);
    out.extend_from_slice(&features);
    out.extend_from_slice(&lookups);
    out
}

/// The sum of a table's big-endian 32-bit words, zero-padded.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// One sfnt from its version tag and tables: records sorted by tag, tables 4-byte aligned,
/// `head.checkSumAdjustment` set.
fn write_sfnt(version: &[u8], mut tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    tables.sort_by_key(|t| t.0);
    for (tag, data) in &mut tables {
        if tag == b"head"
            && let Some(adj) = data.get_mut(8..12)
        {
            adj.fill(0);
        }
    }
    let n = tables.len();
    let (range, selector, shift) = search_params(n, 16);
    let mut out = version.to_vec();
    for v in [n, range, selector, shift] {
        out.u16(v);
    }
    let mut offset = 12 + 16 * n;
    let mut head_at = None;
    for (tag, data) in &tables {
        if tag == b"head" {
            head_at = Some(offset);
        }
        out.extend_from_slice(tag);
        out.u32(checksum(data) as usize);
        out.u32(offset);
        out.u32(data.len());
        offset += data.len().next_multiple_of(4);
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBA_u32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustybuzz::ttf_parser::Face;

    #[test]
    fn subset_maps_every_character_and_is_small() {
        let chars: BTreeSet<char> = "Mattermost Server ×3 — HTTPS :443 (Ünïcode)"
            .chars()
            .collect();
        for bold in [false, true] {
            let font = subset(bold, &chars).expect("subset");
            let face = Face::parse(&font, 0).expect("the subset parses");
            for c in &chars {
                let g = face.glyph_index(*c).expect("mapped");
                assert_ne!(g.0, 0, "{c:?}");
                let original = fonts::face(bold);
                let old = original.glyph_index(*c).expect("in Inter");
                assert_eq!(
                    face.glyph_hor_advance(g),
                    original.glyph_hor_advance(old),
                    "{c:?}"
                );
            }
            assert_eq!(usize::from(face.number_of_glyphs()), 1 + chars.len());
            assert!(face.tables().os2.is_some() && face.tables().cff.is_some());
            assert!(
                font.len() * 10 < fonts::face_bytes(bold).len(),
                "{}",
                font.len()
            );
            assert_eq!(checksum(&font), 0xB1B0_AFBA);
            assert_eq!(subset(bold, &chars), Some(font), "deterministic");
        }
    }

    #[test]
    fn kerning_survives() {
        // Shaped with the subset, text advances exactly as with the whole face.
        let text = "AVATAR To We Ty \"Vo\" 7.4 LT";
        let chars: BTreeSet<char> = text.chars().collect();
        for bold in [false, true] {
            let font = subset(bold, &chars).expect("subset");
            let face = rustybuzz::Face::from_slice(&font, 0).expect("parses");
            assert!(face.tables().gpos.is_some(), "a GPOS table");
            let mut buffer = rustybuzz::UnicodeBuffer::new();
            buffer.push_str(text);
            let shaped = rustybuzz::shape(&face, &[], buffer);
            let width: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
            let (_, full) = fonts::shape(text, bold);
            assert_eq!(width, full, "bold: {bold}");
            let mut plain = rustybuzz::UnicodeBuffer::new();
            plain.push_str(text);
            let unkerned: i32 = rustybuzz::shape(
                &face,
                &[rustybuzz::Feature::new(
                    rustybuzz::ttf_parser::Tag::from_bytes(b"kern"),
                    0,
                    ..,
                )],
                plain,
            )
            .glyph_positions()
            .iter()
            .map(|p| p.x_advance)
            .sum();
            assert!(
                unkerned > width,
                "kerning narrows the text: {unkerned} vs {width}"
            );
        }
    }
}
