//! Docs-build support: reading a Sphinx toctree and writing figure snippets that a page can
//! `.. include::`.

/// One entry of a toctree: `Title <target>` or a bare `target`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TocEntry {
    /// The explicit title, when the entry has one.
    pub title: Option<String>,
    /// The document the entry points to, as written.
    pub target: String,
    /// 1-based line of the entry in the file.
    pub line: usize,
}

/// The entries of every `.. toctree::` directive in a reStructuredText text, in order.
///
/// ```
/// let rst = ".. toctree::\n   :maxdepth: 1\n\n   High availability </guide/ha>\n   guide/scale\n\nAfter.\n";
/// let entries = refarch::toctree(rst);
/// assert_eq!(entries.len(), 2);
/// assert_eq!(entries[0].title.as_deref(), Some("High availability"));
/// assert_eq!(entries[0].target, "/guide/ha");
/// assert_eq!(entries[1].target, "guide/scale");
/// ```
pub fn toctree(rst: &str) -> Vec<TocEntry> {
    let mut entries = Vec::new();
    let mut in_tree = false;
    let mut indent = None;
    for (i, line) in rst.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with(".. toctree::") {
            in_tree = true;
            indent = None;
            continue;
        }
        if !in_tree {
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        let this_indent = line.len() - line.trim_start().len();
        if this_indent == 0 {
            // Back at the left margin: the directive's body has ended.
            in_tree = false;
            continue;
        }
        if indent.is_some_and(|ind| this_indent < ind) {
            in_tree = false;
            continue;
        }
        indent.get_or_insert(this_indent);
        if trimmed.starts_with(':') || trimmed.starts_with("..") {
            continue; // an option such as `:maxdepth: 1`, or a comment
        }
        let entry = match (trimmed.rfind('<'), trimmed.ends_with('>')) {
            (Some(open), true) if open > 0 => TocEntry {
                title: Some(trimmed[..open].trim().to_owned()),
                target: trimmed[open + 1..trimmed.len() - 1].trim().to_owned(),
                line: i + 1,
            },
            _ => TocEntry {
                title: None,
                target: trimmed.to_owned(),
                line: i + 1,
            },
        };
        entries.push(entry);
    }
    entries
}

/// Whether a scenario's `doc` names the same document as a toctree target: leading `/`,
/// trailing `/`, and a `.rst`, `.md` or `.html` extension are ignored.
pub fn same_document(doc: &str, target: &str) -> bool {
    fn norm(s: &str) -> &str {
        let s = s.trim().trim_matches('/');
        [".rst", ".md", ".html"]
            .iter()
            .fold(s, |s, ext| s.strip_suffix(ext).unwrap_or(s))
    }
    norm(doc) == norm(target)
}

/// What a figure snippet shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure<'a> {
    /// Diagram id: the snippet refers to `<image_base><id>.svg` and `.png`.
    pub id: &'a str,
    /// Prefix of the image paths as the including page sees them, e.g. `/_diagrams/`
    /// (Sphinx resolves a leading `/` from the source folder), or empty for images beside
    /// the including page.
    pub image_base: &'a str,
    /// The caption.
    pub caption: &'a str,
    /// Alt text: the diagram's generated text description.
    pub alt: &'a str,
}

/// A reStructuredText snippet: the SVG figure for HTML builders, the PNG for the others.
pub fn rst_figure(f: &Figure<'_>) -> String {
    let alt = one_line(f.alt);
    let caption = one_line(f.caption);
    let mut out = String::new();
    for (only, ext) in [("html", "svg"), ("not html", "png")] {
        out.push_str(&format!(
            ".. only:: {only}\n\n   .. figure:: {base}{id}.{ext}\n      :alt: {alt}\n      :width: 100%\n      :class: refarch-diagram\n\n      {caption}\n\n",
            base = f.image_base,
            id = f.id,
        ));
    }
    out
}

/// A MyST Markdown snippet: a figure of the SVG.
pub fn myst_figure(f: &Figure<'_>) -> String {
    format!(
        ":::{{figure}} {base}{id}.svg\n:alt: {alt}\n:width: 100%\n:class: refarch-diagram\n\n{caption}\n:::\n",
        base = f.image_base,
        id = f.id,
        alt = one_line(f.alt),
        caption = one_line(f.caption),
    )
}

/// Collapses whitespace (newlines included), so text fits one directive option line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toctree_ends_at_the_margin_and_skips_options() {
        let rst = "Title\n=====\n\n.. toctree::\n   :maxdepth: 2\n   :caption: Guides\n\n   A <a>\n   b\n\nText\n   not an entry\n";
        let entries = toctree(rst);
        assert_eq!(
            entries
                .iter()
                .map(|e| e.target.as_str())
                .collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(entries[1].line, 9);
    }

    #[test]
    fn documents_match_without_slashes_or_extensions() {
        assert!(same_document("/guide/ha", "guide/ha.rst"));
        assert!(same_document("guide/ha/", "/guide/ha.html"));
        assert!(!same_document("/guide/ha", "/guide/ha2"));
    }

    #[test]
    fn snippets_are_single_line_options() {
        let f = Figure {
            id: "ha",
            image_base: "",
            caption: "High\navailability",
            alt: "Zones:\n a, b",
        };
        let rst = rst_figure(&f);
        assert!(rst.contains("   .. figure:: ha.svg\n      :alt: Zones: a, b\n"));
        assert!(rst.contains(".. only:: not html\n\n   .. figure:: ha.png"));
        assert!(rst.contains("      High availability\n"));
        let md = myst_figure(&f);
        assert!(md.starts_with(":::{figure} ha.svg\n:alt: Zones: a, b\n"));
        let f = Figure {
            image_base: "/_diagrams/",
            ..f
        };
        assert!(rst_figure(&f).contains(".. figure:: /_diagrams/ha.svg"));
    }
}
