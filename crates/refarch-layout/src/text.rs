//! Text measurement: the layout sizes boxes from text widths it asks a [`TextMeasure`] for.

use serde::{Deserialize, Serialize};

/// The kinds of text a diagram draws; each has one size and weight, shared by the layout
/// (which measures) and the renderers (which draw).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TextStyle {
    /// The diagram title.
    Title,
    /// The line under the title.
    Summary,
    /// A zone header.
    ZoneHeader,
    /// A component's label.
    Label,
    /// A component's `tech` line.
    Tech,
    /// A component's note.
    Note,
    /// A link's label chip.
    LinkLabel,
}

impl TextStyle {
    /// Font size in CSS pixels.
    pub fn size(self) -> f64 {
        match self {
            TextStyle::Title => 22.0,
            TextStyle::Summary => 14.0,
            TextStyle::ZoneHeader => 13.0,
            TextStyle::Label => 14.0,
            TextStyle::Tech => 12.0,
            TextStyle::Note => 11.0,
            TextStyle::LinkLabel => 11.0,
        }
    }

    /// Whether the text is set in the bold (semibold) face.
    pub fn bold(self) -> bool {
        matches!(
            self,
            TextStyle::Title | TextStyle::ZoneHeader | TextStyle::Label
        )
    }

    /// Distance between baselines of consecutive lines.
    pub fn line_height(self) -> f64 {
        (self.size() * 1.3).round()
    }
}

/// Measures the advance width of a single line of text.
///
/// The real implementation (`refarch_render::FontMetrics`) reads the bundled font, so the
/// layout and the drawing agree; tests may use [`ApproxMeasure`].
pub trait TextMeasure {
    /// Width in CSS pixels of `text` set on one line in `style`.
    fn width(&self, text: &str, style: TextStyle) -> f64;
}

/// A font-free estimate: every character is 0.6 em wide (bold 0.64 em). For tests and
/// callers without fonts; real output uses the bundled font's metrics.
#[derive(Clone, Copy, Debug, Default)]
pub struct ApproxMeasure;

impl TextMeasure for ApproxMeasure {
    fn width(&self, text: &str, style: TextStyle) -> f64 {
        let em = if style.bold() { 0.64 } else { 0.6 };
        text.chars().count() as f64 * style.size() * em
    }
}
