//! The bundled font (Inter, SIL OFL 1.1): the only font anything here loads.
//!
//! The same bytes measure text for the layout ([`FontMetrics`]), draw the PNG and PDF
//! (through a font database holding only these faces), outline text for
//! `text_as_paths`, and are embedded for `embed_font`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use refarch_layout::{TextMeasure, TextStyle};
use rustybuzz::{Direction, Face, Language, Script, ShapePlan, UnicodeBuffer};

/// Inter Regular (OpenType/CFF).
pub(crate) const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/Inter-Regular.otf");
/// Inter SemiBold (OpenType/CFF).
pub(crate) const SEMIBOLD: &[u8] = include_bytes!("../../../assets/fonts/Inter-SemiBold.otf");

/// The family name written into SVG `font-family`, first in the stack.
pub(crate) const FAMILY: &str = "Inter";

/// The SVG font stack: Inter first, then common UI sans-serif fonts for viewers that have
/// neither Inter installed nor the embedded copy.
pub(crate) const FONT_STACK: &str = "Inter, 'Inter var', system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/// The font file bytes used for a style.
pub(crate) fn face_bytes(bold: bool) -> &'static [u8] {
    if bold { SEMIBOLD } else { REGULAR }
}

struct Faces {
    regular: Face<'static>,
    semibold: Face<'static>,
}

fn faces() -> &'static Faces {
    static FACES: OnceLock<Faces> = OnceLock::new();
    FACES.get_or_init(|| Faces {
        // The bytes are compiled in and known to parse; a failure is a build defect that
        // every test would show at once.
        regular: Face::from_slice(REGULAR, 0).expect("bundled Inter Regular parses"),
        semibold: Face::from_slice(SEMIBOLD, 0).expect("bundled Inter SemiBold parses"),
    })
}

/// The shaping face for a weight.
pub(crate) fn face(bold: bool) -> &'static Face<'static> {
    let f = faces();
    if bold { &f.semibold } else { &f.regular }
}

/// One shaped glyph: id and pen position in font units.
pub(crate) struct Glyph {
    pub(crate) id: u16,
    pub(crate) x: i32,
    pub(crate) y: i32,
}

/// A compiled shaping plan, kept per face, direction, script and language: building a
/// plan costs far more than shaping a short label with it.
struct CachedPlan {
    bold: bool,
    direction: Direction,
    script: Script,
    language: Option<Language>,
    plan: ShapePlan,
}

/// Shapes one line with the same shaper (rustybuzz) and font usvg uses, returning the
/// glyphs and the total advance in font units.
pub(crate) fn shape(text: &str, bold: bool) -> (Vec<Glyph>, i32) {
    static PLANS: Mutex<Vec<CachedPlan>> = Mutex::new(Vec::new());
    let face = face(bold);
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let (direction, script, language) = (buffer.direction(), buffer.script(), buffer.language());
    let out = {
        // A poisoned lock only means another thread panicked mid-insert; the cache is
        // still a valid list.
        let mut plans = PLANS
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let found = plans.iter().position(|p| {
            p.bold == bold
                && p.direction == direction
                && p.script == script
                && p.language == language
        });
        let i = match found {
            Some(i) => i,
            None => {
                let plan = ShapePlan::new(face, direction, Some(script), language.as_ref(), &[]);
                plans.push(CachedPlan {
                    bold,
                    direction,
                    script,
                    language,
                    plan,
                });
                plans.len() - 1
            }
        };
        rustybuzz::shape_with_plan(face, &plans[i].plan, buffer)
    };
    let mut pen = 0;
    let glyphs = out
        .glyph_infos()
        .iter()
        .zip(out.glyph_positions())
        .map(|(info, pos)| {
            // Glyph ids in a face always fit in u16; the shaper stores them in u32.
            let g = Glyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                x: pen + pos.x_offset,
                y: pos.y_offset,
            };
            pen += pos.x_advance;
            g
        })
        .collect();
    (glyphs, pen)
}

/// Shaped advances already measured, per weight (regular, semibold), with the bytes of text
/// they hold.
#[derive(Default)]
struct Advances {
    by_weight: [HashMap<String, i32>; 2],
    bytes: usize,
}

impl Advances {
    /// Text bytes kept before the cache starts over: bounds its memory in long-running tools
    /// however long or many the texts are.
    const LIMIT: usize = 1 << 20;

    fn get(&self, text: &str, bold: bool) -> Option<i32> {
        self.by_weight[usize::from(bold)].get(text).copied()
    }

    fn insert(&mut self, text: &str, bold: bool, advance: i32) {
        if text.len() > Self::LIMIT {
            return;
        }
        if self.bytes + text.len() > Self::LIMIT {
            *self = Self::default();
        }
        self.bytes += text.len();
        self.by_weight[usize::from(bold)].insert(text.to_owned(), advance);
    }
}

/// The shaped advance of a line in font units, remembered: diagrams repeat the same
/// labels (legend entries, protocols, ports) render after render. The cache only saves
/// time; every entry is exactly what shaping returns, so output does not depend on it.
fn advance(text: &str, bold: bool) -> i32 {
    static CACHE: Mutex<Option<Advances>> = Mutex::new(None);
    // A poisoned lock only means another thread panicked mid-insert; the map is still valid.
    let lock = || {
        CACHE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    if let Some(a) = lock().as_ref().and_then(|c| c.get(text, bold)) {
        return a;
    }
    // Shaped outside the lock, so that threads measuring at once do not wait on each other.
    let (_, a) = shape(text, bold);
    lock().get_or_insert_default().insert(text, bold, a);
    a
}

/// Text measurement from the bundled Inter faces, shaped exactly as the PNG and PDF
/// renderer shapes them (kerning included).
///
/// Pass it to the layout so boxes fit the text that is finally drawn.
#[derive(Clone, Copy, Debug, Default)]
pub struct FontMetrics;

impl FontMetrics {
    /// A measurer over the bundled fonts.
    pub fn new() -> Self {
        Self
    }

    /// Whether the bundled fonts draw `c`: they have a glyph for it, or it takes none (a
    /// space, a joiner or another invisible format character).
    pub fn draws(&self, c: char) -> bool {
        c.is_whitespace()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FE00}'..='\u{FE0F}')
            || [false, true]
                .iter()
                .all(|&bold| face(bold).glyph_index(c).is_some())
    }

    /// Width in CSS pixels of `text` on one line at `size` pixels, regular or semibold.
    pub fn width_at(&self, text: &str, size: f64, bold: bool) -> f64 {
        if text.is_empty() {
            return 0.0;
        }
        f64::from(advance(text, bold)) * size / f64::from(face(bold).units_per_em())
    }
}

impl TextMeasure for FontMetrics {
    fn width(&self, text: &str, style: TextStyle) -> f64 {
        self.width_at(text, style.size(), style.bold())
    }
}

/// A font database holding only the bundled faces (never system fonts), shared by the PNG
/// and PDF exporters.
pub(crate) fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(SEMIBOLD.to_vec());
        // Whatever family a viewer asks for, the bundled face answers.
        db.set_sans_serif_family(FAMILY);
        db.set_serif_family(FAMILY);
        db.set_monospace_family(FAMILY);
        db.set_cursive_family(FAMILY);
        db.set_fantasy_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_fonts_draw_latin_greek_and_cyrillic_only() {
        let font = FontMetrics::new();
        for c in [
            'A', 'ü', 'ñ', '—', '…', '→', 'α', 'Ж', ' ', '\u{200D}', '\u{FE0F}',
        ] {
            assert!(font.draws(c), "{c:?}");
        }
        for c in ['国', 'テ', 'ق', 'א', '🚀'] {
            assert!(!font.draws(c), "{c:?}");
        }
    }

    #[test]
    fn bundled_faces_register_as_inter() {
        let db = fontdb();
        let families: Vec<String> = db
            .faces()
            .flat_map(|f| f.families.iter().map(|(n, _)| n.clone()))
            .collect();
        assert!(families.iter().all(|n| n == FAMILY), "{families:?}");
        assert_eq!(db.len(), 2);
    }

    #[test]
    fn remembered_widths_stay_within_their_byte_limit() {
        let mut cache = Advances::default();
        let long = "x".repeat(1_000);
        for k in 0..3_000 {
            let text = format!("{k}{long}");
            cache.insert(&text, k % 2 == 0, 1);
            assert!(cache.bytes <= Advances::LIMIT);
            assert_eq!(cache.get(&text, k % 2 == 0), Some(1));
        }
        let huge = "y".repeat(Advances::LIMIT + 1);
        cache.insert(&huge, false, 1);
        assert_eq!(cache.get(&huge, false), None);
    }

    #[test]
    fn measures_plausible_widths() {
        let m = FontMetrics::new();
        let w = m.width("Mattermost Server", TextStyle::Label);
        assert!(w > 100.0 && w < 140.0, "{w}");
        assert!(m.width("Mattermost", TextStyle::Label) > m.width("Mattermost", TextStyle::Tech));
        assert_eq!(m.width("", TextStyle::Label), 0.0);
    }
}
