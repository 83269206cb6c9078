//! The adversarial text corpus: labels, notes and protocols that try to break out of the SVG
//! (XML specials, `<script>`, `]]>`, entity text), confuse text handling (control
//! characters, bidi overrides, combining marks, zero-width characters, emoji, CJK) or the
//! layout (a 10,000-character word). Every scenario must render to SVG and PNG, the SVG must
//! re-parse with usvg, the text must come out escaped (never as markup), and the layout
//! must keep its invariants.

use refarch::core::{Limits, Policy};
use refarch::layout::{Diagram, LayoutOptions, faults};
use refarch::{Format, Options};

/// One hostile string per concern.
pub(crate) fn payloads() -> Vec<(&'static str, String)> {
    vec![
        ("xml-specials", r#"a & b < c > d " e ' f"#.to_owned()),
        (
            "script",
            "<script>alert(1)</script><img src=x onerror=alert(1)>".to_owned(),
        ),
        (
            "cdata-end",
            "]]> <![CDATA[ x ]]> --> <!-- <?xml?>".to_owned(),
        ),
        (
            "entities",
            "&amp; &lt;b&gt; &#x41; &#65; &nbsp; &bogus; &#0; &#xD800;".to_owned(),
        ),
        (
            "active-text",
            "javascript:alert(1) url(https://evil.example/x) @import 'x.css'; onload=alert(1) \
             xlink:href=\"https://evil.example\""
                .to_owned(),
        ),
        (
            "controls",
            "nul\u{0} bel\u{7} bs\u{8} tab\t lf\n cr\r vt\u{b} ff\u{c} esc\u{1b}[31m del\u{7f} \
             nel\u{85} c1\u{9b} ls\u{2028} ps\u{2029} nonchar\u{fffe}\u{ffff}"
                .to_owned(),
        ),
        (
            "bidi",
            "\u{202e}txt.exe\u{202c} \u{2066}isolated\u{2069} \u{200f}rtl\u{200e} \
             \u{202d}override \u{61c}arabic-mark عربى עברית"
                .to_owned(),
        ),
        (
            "combining",
            format!(
                "Z{m}a{m}l{m}g{m}o e\u{301} \u{301}leading n\u{303}\u{303}\u{303}",
                m = "\u{351}\u{36b}\u{343}\u{36a}\u{302}\u{300}\u{301}\u{489}".repeat(6)
            ),
        ),
        (
            "emoji",
            "🔥🚀 👩‍💻 🏳️‍🌈 🇺🇳 👍🏽 ❤️ 🧑🏿‍🤝‍🧑🏻 \u{1f600}\u{fe0f}".to_owned(),
        ),
        (
            "cjk",
            "数据库服务器 アプリケーションサーバー 데이터베이스 𠀀𪚥 全角ＡＢＣ".to_owned(),
        ),
        (
            "zero-width",
            "a\u{200b}b\u{200c}c\u{200d}d\u{feff}e\u{2060}f\u{ad}g \u{200b}\u{200b}\u{200b}"
                .to_owned(),
        ),
        ("long-word", "W".repeat(10_000)),
        (
            "long-mixed-word",
            "é\u{301}中🔥<&>".repeat(10_000 / 7) + "x",
        ),
        ("long-sentence", "lorem ipsum ".repeat(833)),
        (
            "whitespace",
            "  leading\u{a0}and\u{3000}trailing\u{2003}  ".to_owned(),
        ),
    ]
}

/// A RON string literal holding `text` exactly.
fn lit(text: &str) -> String {
    ron::to_string(text).expect("a string serialises")
}

/// A scenario whose every text field holds `text` (the title and summary only when it is
/// short: see [`a_10000_character_title_is_cut_short`]).
pub(crate) fn scenario(id: &str, text: &str) -> String {
    let t = lit(text);
    let head = if text.chars().count() <= 300 {
        t.clone()
    } else {
        lit(&format!("Hostile: {id}"))
    };
    format!(
        r#"Scenario(
    id: "{id}",
    title: {head},
    summary: {head},
    zones: [
        Zone(id: "outer", label: {t}, trust: Untrusted, caption: {t}),
        Zone(id: "inner", label: {t}, trust: Perimeter, parent: "outer", kind: Cloud),
        Zone(id: "core", label: {t}, trust: Restricted),
    ],
    components: [
        Component(id: "client", label: {t}, kind: Client, zone: "outer", note: {t}),
        Component(id: "proxy", label: {t}, kind: Proxy, zone: "inner", tech: {t}, replicas: 3),
        Component(id: "app", label: {t}, kind: AppServer, zone: "core", capabilities: [{t}, {t}]),
        Component(id: "db", label: {t}, kind: Database, zone: "core", tech: {t}, note: {t}),
        Component(id: "loose", label: {t}, kind: ExternalService),
    ],
    links: [
        Link(from: "client", to: "proxy", protocol: {t}, port: 443, encrypted: true, label: {t}),
        Link(from: "proxy", to: "app", protocol: {t}, note: {t}, encrypted: false),
        Link(from: "app", to: "db", protocol: {t}, port: 5432, label: {t}, note: {t}),
        Link(from: "app", to: "loose", protocol: {t}, bidirectional: true, intermittent: true),
        Link(from: "loose", to: "core", protocol: {t}, label: {t}),
    ],
    variants: [
        Variant(id: "{id}-small", title: {t}, label: {{"app": {t}}}, note: {{"db": {t}}}, omit: ["loose"]),
    ],
)
"#
    )
}

/// Every hostile scenario: one per payload, and one with all payloads at once.
pub(crate) fn corpus() -> Vec<(String, String)> {
    let all = payloads();
    let mut out: Vec<(String, String)> = all
        .iter()
        .map(|(name, text)| (format!("{name}.ron"), scenario(name, text)))
        .collect();
    // Every payload in a different place of one diagram.
    let mut mixed = scenario("mixed", "placeholder");
    for (_, text) in &all {
        mixed = mixed.replacen(&lit("placeholder"), &lit(text), 1);
    }
    out.push(("mixed.ron".to_owned(), mixed));
    out
}

/// The laid-out diagrams of a hostile scenario: the base and its variant.
pub(crate) fn diagrams(name: &str, text: &str) -> Vec<Diagram> {
    let checked = refarch::check(name, text, &Policy::default());
    let report = checked
        .source
        .render(&checked.diagnostics, refarch::core::Style::Plain);
    let model = checked
        .model
        .as_ref()
        .unwrap_or_else(|| panic!("{name} does not validate:\n{report}"));
    assert_eq!(checked.variants.len(), 1, "{name}: the variant expands");
    std::iter::once(model)
        .chain(&checked.variants)
        .map(|m| refarch::diagram(m, &LayoutOptions::default()))
        .collect()
}

#[test]
fn every_payload_validates_lays_out_and_renders() {
    let options = Options::default();
    for (name, text) in corpus() {
        for diagram in diagrams(&name, &text) {
            let f = faults(&diagram);
            assert_eq!(
                f.total(),
                0,
                "{name} ({}): layout faults {f:?}",
                diagram.scenario
            );
            for v in [diagram.width, diagram.height] {
                assert!(v.is_finite() && v > 0.0, "{name}: size {v}");
            }
        }
        let svg = refarch::render(&name, &text, Format::Svg, &options)
            .unwrap_or_else(|e| panic!("{name}: SVG: {e}"));
        let svg = String::from_utf8(svg).expect("SVG is UTF-8");
        if let Err(e) = usvg::Tree::from_str(&svg, &usvg::Options::default()) {
            panic!("{name}: the SVG does not re-parse: {e}");
        }
        let png = refarch::render(&name, &text, Format::Png, &options)
            .unwrap_or_else(|e| panic!("{name}: PNG: {e}"));
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{name}: PNG signature");
        assert_eq!(
            &png[png.len() - 8..png.len() - 4],
            b"IEND",
            "{name}: PNG ends"
        );
    }
}

#[test]
fn markup_in_text_comes_out_escaped() {
    let text = scenario("script", "<script>alert(1)</script> ]]> &amp;");
    let svg =
        refarch::render("script.ron", &text, Format::Svg, &Options::default()).expect("renders");
    let svg = String::from_utf8(svg).expect("UTF-8");
    assert!(!svg.contains("<script"), "raw markup in the SVG");
    assert!(!svg.contains("]]>"), "a CDATA end in the SVG");
    assert!(
        svg.contains("&lt;script&gt;"),
        "the text is escaped and kept"
    );
    assert!(svg.contains("&amp;amp;"), "entity text stays text");
    // The parsed document holds the text as text, never as elements.
    let doc = roxmltree::Document::parse(&svg).expect("parses");
    assert!(doc.descendants().all(|n| n.tag_name().name() != "script"));
    assert!(
        doc.descendants()
            .filter(|n| n.is_text())
            .any(|n| n.text().is_some_and(|t| t.contains("<script>"))),
        "the title's text node holds the literal `<script>`"
    );
}

#[test]
fn text_at_the_limit_renders_and_one_more_character_is_refused() {
    let max = Limits::default().max_text_chars;
    let at = scenario("at-limit", &"a".repeat(max));
    refarch::render("at.ron", &at, Format::Svg, &Options::default()).expect("at the limit");
    let over = scenario("over-limit", &"a".repeat(max + 1));
    match refarch::render("over.ron", &over, Format::Svg, &Options::default()) {
        Err(refarch::Error::Invalid(checked)) => {
            let codes: Vec<_> = checked.diagnostics.iter().map(|d| d.code).collect();
            assert!(codes.iter().all(|c| c.as_str() == "E0020"), "{codes:?}");
            let report = checked
                .source
                .render(&checked.diagnostics, refarch::core::Style::Plain);
            assert!(report.contains(&format!(
                "the zone label is {} characters long; the limit is {max}",
                max + 1
            )));
            // The caret points into the file, at the first zone's label.
            assert!(report.contains("over.ron:6:34"), "{}", &report[..400]);
        }
        other => panic!("expected E0020, got {other:?}"),
    }
}

#[test]
fn the_long_word_is_cut_short_not_drawn_10000_characters_wide() {
    let text = scenario("long", &"W".repeat(10_000));
    let diagrams = diagrams("long.ron", &text);
    let d = &diagrams[0];
    // Five boxes and three zones side by side stay far narrower than 10,000 Ws (~100,000 px).
    assert!(d.width < 20_000.0, "diagram is {} wide", d.width);
    for c in &d.components {
        assert!(c.w < 1_000.0, "component {} is {} wide", c.id, c.w);
    }
}

/// Found by this corpus: the header drew the title and the summary on one line, unwrapped
/// and uncut, so a 10,000-character title made the SVG 221,533 px wide (the summary
/// 132,889 px) and the PNG was refused by the pixel budget. The header now wraps to the
/// diagram's width and cuts the last line short with an ellipsis.
#[test]
fn a_10000_character_title_is_cut_short() {
    for (field, head) in [("title", "summary: \"S\""), ("summary", "title: \"T\"")] {
        let long = lit(&"W".repeat(10_000));
        let text = format!(
            r#"Scenario(id: "long-{field}", {head}, {field}: {long},
                components: [Component(id: "a", label: "A", kind: Client)], allow: ["W0002"])"#
        );
        let diagram = &diagrams_of(&text)[0];
        let svg = refarch::render::svg(diagram, &Default::default());
        let view_box = svg
            .split("viewBox=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .expect("a viewBox");
        let width: f64 = view_box
            .split(' ')
            .nth(2)
            .and_then(|w| w.parse().ok())
            .expect("a width");
        assert!(width < 2_000.0, "{field}: the SVG is {width} px wide");
        assert!(
            svg.contains("W…<"),
            "{field}: the header line ends with an ellipsis"
        );
        refarch::render("long.ron", &text, Format::Png, &Options::default())
            .unwrap_or_else(|e| panic!("{field}: PNG: {e}"));
    }
}

fn diagrams_of(text: &str) -> Vec<Diagram> {
    let checked = refarch::check("t.ron", text, &Policy::default());
    let report = checked
        .source
        .render(&checked.diagnostics, refarch::core::Style::Plain);
    let model = checked.model.unwrap_or_else(|| panic!("invalid: {report}"));
    vec![refarch::diagram(&model, &LayoutOptions::default())]
}

/// A pathological model: components in deeply nested zones (up to 16 levels) with random
/// links, most of them crossing several trust boundaries, so the SVG carries many boundary
/// gates. At the default limits (2,000 components, 1,000 zones, 4,000 links) gate placement
/// once took 90 s, growing faster than quadratically with the links; it now uses a grid
/// (`svg::gate`) and the time is measured by the `svg/dense` benchmark, never here. This
/// test checks the output of a smaller model of the same shape, quick in the test profile.
#[test]
fn a_dense_model_renders_a_valid_inert_svg() {
    let text = refarch_benches::dense_ron(150, 75, 300, 7);
    let diagram = &diagrams_of(&text)[0];
    assert_eq!(faults(diagram).total(), 0, "layout faults");
    let svg = refarch::render::svg(diagram, &Default::default());
    crate::inert::check_inert(&svg, false).unwrap_or_else(|e| panic!("active content: {e}"));
    let tree = usvg::Tree::from_str(&svg, &usvg::Options::default()).expect("the SVG parses");
    assert!(tree.size().width() > 0.0 && tree.size().height() > 0.0);
    let doc = roxmltree::Document::parse(&svg).expect("parses");
    for n in doc.descendants().filter(|n| n.is_element()) {
        for a in n.attributes() {
            let v = a.value();
            assert!(
                !v.contains("NaN") && !v.contains("inf"),
                "{}={v:?}",
                a.name()
            );
        }
    }
    // Every gate mark (a port tag or a ring), with its box.
    let marks: Vec<[f64; 4]> = doc
        .descendants()
        .filter(|g| {
            g.first_element_child()
                .and_then(|t| t.text())
                .is_some_and(|t| t.starts_with("Boundary gate:"))
        })
        .filter_map(|g| {
            let mark = g
                .children()
                .find(|n| matches!(n.tag_name().name(), "rect" | "circle"))?;
            let f = |k: &str| mark.attribute(k)?.parse::<f64>().ok();
            Some(match mark.tag_name().name() {
                "rect" => [f("x")?, f("y")?, f("width")?, f("height")?],
                _ => {
                    let r = f("r")?;
                    [f("cx")? - r, f("cy")? - r, 2.0 * r, 2.0 * r]
                }
            })
        })
        .collect();
    // Dense crossings are the point of this model: many gates, none covering another.
    assert!(marks.len() > 50, "only {} gates", marks.len());
    for (i, a) in marks.iter().enumerate() {
        for b in &marks[i + 1..] {
            let apart = a[0] + a[2] <= b[0]
                || b[0] + b[2] <= a[0]
                || a[1] + a[3] <= b[1]
                || b[1] + b[3] <= a[1];
            assert!(apart, "gate marks overlap: {a:?} and {b:?}");
        }
    }
}
