//! Inert SVG: no output can run code or fetch anything, whatever the scenario says. Every
//! bundled scenario (and variant) in every theme, and the hostile corpus, is parsed and
//! checked: no `<script>`, no `foreignObject`, no event attributes, references only to ids
//! in the document, no `url()` but `url(#id)`, no `@import`, no `javascript:`.
//! And output file names come only from validated ids.

use std::path::{Path, PathBuf};

use refarch::core::Policy;
use refarch::layout::{Diagram, LayoutOptions};
use refarch::render::{SvgOptions, Theme};

use crate::hostile;

fn scenario_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("scenarios/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 5,
        "bundled scenarios found in {}",
        dir.display()
    );
    files
}

/// The diagrams of every bundled scenario and of its variants.
fn bundled() -> Vec<Diagram> {
    let mut out = Vec::new();
    for path in scenario_files() {
        let checked = refarch::finish_check(refarch::check_path(&path), &Policy::default());
        let model = checked
            .model
            .as_ref()
            .unwrap_or_else(|| panic!("{} does not validate", path.display()));
        for m in std::iter::once(model).chain(&checked.variants) {
            out.push(refarch::diagram(m, &LayoutOptions::default()));
        }
    }
    out
}

/// Why `svg` is not inert, or `Ok`. `embedded_font` allows the one data URL the writer uses
/// for `--embed-font` (`url(data:font/otf;base64,…)` in `@font-face`).
pub(crate) fn check_inert(svg: &str, embedded_font: bool) -> Result<(), String> {
    let lower = svg.to_ascii_lowercase();
    for needle in [
        "<script",
        "foreignobject",
        "<!entity",
        "<!doctype",
        "<?xml-stylesheet",
    ] {
        if lower.contains(needle) {
            return Err(format!("contains `{needle}`"));
        }
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(svg, options)
        .map_err(|e| format!("does not parse as XML: {e}"))?;
    for node in doc.descendants() {
        if node.is_element() {
            let tag = node.tag_name().name().to_ascii_lowercase();
            if matches!(
                tag.as_str(),
                "script"
                    | "foreignobject"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "a"
                    | "image"
                    | "feimage"
                    | "animate"
                    | "set"
                    | "handler"
                    | "listener"
            ) {
                return Err(format!("has a <{tag}> element"));
            }
            for attr in node.attributes() {
                let name = attr.name().to_ascii_lowercase();
                let value = attr.value();
                if name.starts_with("on") {
                    return Err(format!("<{tag}> has the event attribute `{name}`"));
                }
                if name == "href" && !value.starts_with('#') {
                    return Err(format!(
                        "<{tag}> refers outside the document: {name}={value:?}"
                    ));
                }
                check_css(value, false).map_err(|e| format!("<{tag} {name}>: {e}"))?;
            }
            if tag == "style" {
                let css: String = node
                    .children()
                    .filter_map(|c| c.text())
                    .collect::<Vec<_>>()
                    .concat();
                check_css(&css, embedded_font).map_err(|e| format!("<style>: {e}"))?;
            }
        }
    }
    Ok(())
}

/// `url(` only as `url(#id)` (or the embedded font's data URL), no `@import`, no
/// `javascript:`, no `expression(`.
fn check_css(text: &str, embedded_font: bool) -> Result<(), String> {
    let lower = text.to_ascii_lowercase();
    for needle in [
        "@import",
        "javascript:",
        "expression(",
        "behavior:",
        "-moz-binding",
    ] {
        if lower.contains(needle) {
            return Err(format!("contains `{needle}`"));
        }
    }
    for (i, _) in lower.match_indices("url(") {
        let rest = lower[i + 4..].trim_start_matches([' ', '\'', '"']);
        let font = embedded_font && rest.starts_with("data:font/otf;base64,");
        if !rest.starts_with('#') && !font {
            return Err(format!(
                "has an external url(): {}",
                &text[i..(i + 60).min(text.len())]
            ));
        }
    }
    Ok(())
}

#[test]
fn the_checker_catches_active_content() {
    let ok =
        r##"<svg xmlns="http://www.w3.org/2000/svg"><use href="#a"/><rect fill="url(#p)"/></svg>"##;
    assert_eq!(check_inert(ok, false), Ok(()));
    for bad in [
        r#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><use href="https://x/y.svg#a"/></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="x.svg#a"/></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://x/p)"/></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><style>@import "x.css";</style></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"/></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><style>@font-face{src:url(data:font/otf;base64,AA)}</style></svg>"#,
    ] {
        assert!(check_inert(bad, false).is_err(), "not caught: {bad}");
    }
}

#[test]
fn every_bundled_svg_in_every_theme_is_inert() {
    let diagrams = bundled();
    assert!(diagrams.len() > scenario_files().len(), "variants included");
    for d in &diagrams {
        for theme in Theme::ALL {
            let options = SvgOptions {
                theme,
                ..SvgOptions::default()
            };
            let svg = refarch::render::svg(d, &options);
            if let Err(e) = check_inert(&svg, false) {
                panic!("{} in theme {}: {e}", d.scenario, theme.name());
            }
        }
        // The optional outputs: embedded font, text as outlines.
        for (embed_font, text_as_paths) in [(true, false), (false, true)] {
            let options = SvgOptions {
                embed_font,
                text_as_paths,
                ..SvgOptions::default()
            };
            let svg = refarch::render::svg(d, &options);
            if let Err(e) = check_inert(&svg, embed_font) {
                panic!("{} (embed_font {embed_font}): {e}", d.scenario);
            }
        }
    }
}

#[test]
fn every_hostile_svg_in_every_theme_is_inert() {
    for (name, text) in hostile::corpus() {
        for d in hostile::diagrams(&name, &text) {
            for theme in Theme::ALL {
                let options = SvgOptions {
                    theme,
                    ..SvgOptions::default()
                };
                let svg = refarch::render::svg(&d, &options);
                if let Err(e) = check_inert(&svg, false) {
                    panic!("{name} ({}) in theme {}: {e}", d.scenario, theme.name());
                }
            }
        }
    }
}

#[test]
fn a_path_as_id_is_refused() {
    // (crates/refarch-cli/tests/interrupt.rs checks that the command line writes nothing.)
    let dir = tempfile::tempdir().expect("temp dir");
    let scenario = dir.path().join("escape.ron");
    for id in [
        "../../etc/x",
        "/etc/x",
        "..",
        ".",
        "a/b",
        "a\\\\b",
        "C:x",
        "x.svg",
        "X",
        "é",
        "",
    ] {
        let text = format!(
            r#"Scenario(id: "{id}", title: "Escape", components: [Component(id: "a", label: "A", kind: Client)])"#
        );
        std::fs::write(&scenario, &text).expect("write scenario");
        let checked = refarch::check_path(&scenario);
        assert!(checked.model.is_none(), "id {id:?} accepted");
        let codes: Vec<&str> = checked
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert!(codes.contains(&"E0009"), "id {id:?}: {codes:?}");
        let rendered = refarch::render(
            "escape.ron",
            &text,
            refarch::Format::Svg,
            &Default::default(),
        );
        assert!(
            matches!(rendered, Err(refarch::Error::Invalid(_))),
            "id {id:?} rendered"
        );
        // A variant's id names files too.
        let text = format!(
            r#"Scenario(id: "ok", title: "Escape", components: [Component(id: "a", label: "A", kind: Client)],
                variants: [Variant(id: "{id}", title: "V")])"#
        );
        let checked = refarch::check_str("variant.ron", &text);
        assert!(
            checked.model.is_none() && checked.variants.is_empty(),
            "variant id {id:?} accepted"
        );
    }
}
