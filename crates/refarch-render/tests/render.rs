//! Integration tests of the renderer over hand-built diagrams.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod fixture;

use refarch_layout::Diagram;
use refarch_render::{PdfOptions, PngOptions, RenderError, SvgOptions, Theme, pdf, png, svg};

fn all_options() -> Vec<SvgOptions> {
    let mut v: Vec<SvgOptions> = Theme::ALL
        .iter()
        .map(|t| SvgOptions {
            theme: *t,
            ..SvgOptions::default()
        })
        .collect();
    v.push(SvgOptions {
        text_as_paths: true,
        ..SvgOptions::default()
    });
    v.push(SvgOptions {
        embed_font: true,
        ..SvgOptions::default()
    });
    v.push(SvgOptions {
        id_prefix: Some("page-2".into()),
        ..SvgOptions::default()
    });
    v
}

fn parse(text: &str) -> usvg::Tree {
    let mut db = usvg::fontdb::Database::new();
    for f in ["Inter-Regular.otf", "Inter-SemiBold.otf"] {
        let path = format!("{}/../../assets/fonts/{f}", env!("CARGO_MANIFEST_DIR"));
        db.load_font_file(path).expect("bundled font");
    }
    let opts = usvg::Options {
        fontdb: std::sync::Arc::new(db),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(text, &opts).expect("our SVG parses")
}

fn texts(d: &Diagram) -> Vec<String> {
    let mut v: Vec<String> = d.zones.iter().map(|z| z.label.clone()).collect();
    for c in &d.components {
        v.extend(c.texts.iter().map(|t| t.text.clone()));
    }
    for l in &d.links {
        v.extend(l.texts.iter().map(|t| t.text.clone()));
    }
    v
}

fn collect_text(node: &usvg::Group, out: &mut Vec<String>) {
    for child in node.children() {
        match child {
            usvg::Node::Group(g) => collect_text(g, out),
            usvg::Node::Text(t) => out.push(
                t.chunks()
                    .iter()
                    .map(|c| c.text().to_owned())
                    .collect::<String>(),
            ),
            _ => {}
        }
    }
}

#[test]
fn every_svg_parses_shows_every_label_and_stays_in_the_view_box() {
    let d = fixture::ha();
    for opts in all_options() {
        let text = svg(&d, &opts);
        let tree = parse(&text);
        let size = tree.size();
        let bbox = tree.root().abs_stroke_bounding_box();
        assert!(
            bbox.left() >= -0.01
                && bbox.top() >= -0.01
                && bbox.right() <= size.width() + 0.01
                && bbox.bottom() <= size.height() + 0.01,
            "{opts:?}: {bbox:?} outside {size:?}"
        );
        if !opts.text_as_paths {
            let mut found = Vec::new();
            collect_text(tree.root(), &mut found);
            for t in texts(&d) {
                assert!(found.iter().any(|f| f == &t), "{opts:?}: {t:?} missing");
            }
            assert!(found.iter().any(|f| f == &d.title));
        }
    }
}

#[test]
fn renders_are_deterministic() {
    let d = fixture::ha();
    for opts in all_options() {
        assert_eq!(svg(&d, &opts), svg(&d.clone(), &opts));
    }
    let p = PngOptions::default();
    assert_eq!(png(&d, &p).unwrap(), png(&d, &p).unwrap());
    let o = PdfOptions::default();
    assert_eq!(pdf(&[&d], &o).unwrap(), pdf(&[&d], &o).unwrap());
}

fn assert_inert(text: &str) {
    let lower = text.to_lowercase();
    assert!(!lower.contains("<script"), "script element");
    assert!(!lower.contains("foreignobject"), "foreignObject");
    assert!(!lower.contains("<![cdata["), "CDATA section");
    // Attributes: no event handlers, no href leaving the document.
    let doc = roxmltree_parse(text);
    for node in doc.descendants().filter(|n| n.is_element()) {
        for a in node.attributes() {
            let name = a.name().to_lowercase();
            assert!(!name.starts_with("on"), "event handler {name}");
            if name == "href" {
                assert!(a.value().starts_with('#'), "external href {}", a.value());
            }
            assert!(!a.value().to_lowercase().contains("javascript:"));
        }
    }
}

fn roxmltree_parse(text: &str) -> usvg::roxmltree::Document<'_> {
    usvg::roxmltree::Document::parse(text).expect("well-formed XML")
}

#[test]
fn output_is_inert() {
    for d in [fixture::ha(), fixture::hostile()] {
        for opts in all_options() {
            assert_inert(&svg(&d, &opts));
        }
    }
}

#[test]
fn hostile_text_is_escaped_and_kept() {
    let d = fixture::hostile();
    let text = svg(&d, &SvgOptions::default());
    let doc = roxmltree_parse(&text);
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap_or_default();
    assert_eq!(title, "<script>alert(1)</script> & ]]> \"quoted\" 'single'");
    assert!(text.contains("&lt;script&gt;evil()&lt;/script&gt;"));
    assert!(!text.contains('\u{0}') && !text.contains('\u{1b}') && !text.contains('\u{7}'));
    // Ids stay valid and unique.
    let mut ids: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate ids");
    assert!(ids.iter().all(|i| {
        i.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    }));
    parse(&text);
}

#[test]
fn accessibility_structure() {
    let d = fixture::ha();
    let text = svg(&d, &SvgOptions::default());
    let doc = roxmltree_parse(&text);
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(
        root.attribute("aria-labelledby"),
        Some("ha-aws-title ha-aws-desc")
    );
    let desc = doc
        .descendants()
        .find(|n| n.has_tag_name("desc"))
        .and_then(|n| n.text())
        .unwrap();
    assert!(
        desc.contains("Zone Data tier (restricted network, inside Corporate AWS account) holds")
    );
    assert!(
        desc.contains("Mattermost server → Amazon Aurora (PostgreSQL on port 5432, encrypted)")
    );
    for z in &d.zones {
        let g = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(&format!("ha-aws-zone-{}", z.id)));
        let g = g.unwrap_or_else(|| panic!("zone {}", z.id));
        assert!(
            g.first_element_child()
                .is_some_and(|t| t.has_tag_name("title"))
        );
    }
    for c in &d.components {
        let id = format!("ha-aws-component-{}", c.id);
        let g = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(&id))
            .expect("component group");
        assert!(
            g.first_element_child()
                .is_some_and(|t| t.has_tag_name("title"))
        );
    }
    // Every id carries the prefix, so two diagrams can share a page.
    let other = svg(
        &d,
        &SvgOptions {
            id_prefix: Some("second".into()),
            ..SvgOptions::default()
        },
    );
    let doc2 = roxmltree_parse(&other);
    assert!(
        doc2.descendants()
            .filter_map(|n| n.attribute("id"))
            .all(|i| i.starts_with("second-"))
    );
    assert!(
        doc.descendants()
            .filter_map(|n| n.attribute("id"))
            .all(|i| i.starts_with("ha-aws-"))
    );
}

#[test]
fn legend_lists_only_what_is_used() {
    let mut d = fixture::ha();
    let full = svg(&d, &SvgOptions::default());
    assert!(full.contains(">Restricted zone<") && full.contains(">Intermittent link<"));
    d.zones
        .retain(|z| z.trust != refarch_core::Trust::Restricted);
    d.links.iter_mut().for_each(|l| l.intermittent = false);
    let less = svg(&d, &SvgOptions::default());
    assert!(!less.contains(">Restricted zone<") && !less.contains(">Intermittent link<"));
}

#[test]
fn auto_theme_switches_with_a_media_query_and_parses_light() {
    let d = fixture::ha();
    let text = svg(
        &d,
        &SvgOptions {
            theme: Theme::Auto,
            ..SvgOptions::default()
        },
    );
    assert!(text.contains("@media (prefers-color-scheme: dark)"));
    // resvg has no media: the light palette is what it paints.
    let light = png(&d, &PngOptions::default()).unwrap();
    let auto = png(
        &d,
        &PngOptions {
            svg: SvgOptions {
                theme: Theme::Auto,
                ..SvgOptions::default()
            },
            ..PngOptions::default()
        },
    )
    .unwrap();
    assert_eq!(light, auto);
}

#[test]
fn png_scale_transparency_and_budget() {
    let d = fixture::ha();
    let one = png(&d, &PngOptions::default()).unwrap();
    let two = png(
        &d,
        &PngOptions {
            scale: 2.0,
            transparent: true,
            ..PngOptions::default()
        },
    )
    .unwrap();
    let dims = |b: &[u8]| {
        let w = u32::from_be_bytes([b[16], b[17], b[18], b[19]]);
        let h = u32::from_be_bytes([b[20], b[21], b[22], b[23]]);
        (w, h)
    };
    let (w1, h1) = dims(&one);
    assert_eq!(dims(&two), (w1 * 2, h1 * 2));
    let err = png(
        &d,
        &PngOptions {
            scale: 100.0,
            ..PngOptions::default()
        },
    )
    .unwrap_err();
    assert!(matches!(err, RenderError::TooLarge { .. }), "{err}");
    assert!(
        png(
            &d,
            &PngOptions {
                scale: f64::NAN,
                ..PngOptions::default()
            }
        )
        .is_err()
    );
}

#[test]
fn pdf_pages_and_slides() {
    let d = fixture::ha();
    let doc = pdf(&[&d, &d], &PdfOptions::default()).unwrap();
    assert!(doc.starts_with(b"%PDF-"));
    assert!(
        String::from_utf8_lossy(&doc).contains("/Count 2"),
        "two pages"
    );
    let slide = pdf(
        &[&d],
        &PdfOptions {
            slide: true,
            ..PdfOptions::default()
        },
    )
    .unwrap();
    let s = String::from_utf8_lossy(&slide);
    assert!(s.contains("/MediaBox[0 0 1920 1080]"), "slide media box");
    assert!(!s.contains("CreationDate"));
    assert!(matches!(
        pdf(&[], &PdfOptions::default()),
        Err(RenderError::NoDiagrams)
    ));
}

/// Writes the fixture in every theme to `$REFARCH_RENDER_OUT` (for looking at).
#[test]
fn write_previews_when_asked() {
    let Ok(dir) = std::env::var("REFARCH_RENDER_OUT") else {
        return;
    };
    let d = fixture::ha();
    std::fs::write(format!("{dir}/ha.json"), serde_json::to_string(&d).unwrap()).unwrap();
    for t in Theme::ALL {
        let o = SvgOptions {
            theme: t,
            ..SvgOptions::default()
        };
        std::fs::write(format!("{dir}/ha-{}.svg", t.name()), svg(&d, &o)).unwrap();
        let p = PngOptions {
            svg: o,
            scale: 1.5,
            ..PngOptions::default()
        };
        std::fs::write(format!("{dir}/ha-{}.png", t.name()), png(&d, &p).unwrap()).unwrap();
    }
    let o = PdfOptions {
        slide: true,
        ..PdfOptions::default()
    };
    std::fs::write(format!("{dir}/ha-slide.pdf"), pdf(&[&d], &o).unwrap()).unwrap();
    let sheet = PngOptions {
        scale: 2.0,
        ..PngOptions::default()
    };
    std::fs::write(
        format!("{dir}/icons.png"),
        png(&fixture::icon_sheet(), &sheet).unwrap(),
    )
    .unwrap();
    let o = SvgOptions {
        text_as_paths: true,
        ..SvgOptions::default()
    };
    std::fs::write(format!("{dir}/ha-paths.svg"), svg(&d, &o)).unwrap();
    let p = PngOptions {
        svg: o,
        scale: 1.5,
        ..PngOptions::default()
    };
    std::fs::write(format!("{dir}/ha-paths.png"), png(&d, &p).unwrap()).unwrap();
}

/// Outlined text must look like the text resvg shapes itself: same shaper, same font.
#[test]
fn text_as_paths_matches_rendered_text() {
    let d = fixture::ha();
    let decode = |bytes: &[u8]| {
        let mut r = png_decoder(bytes);
        let mut buf = vec![0; r.output_buffer_size().unwrap()];
        r.next_frame(&mut buf).unwrap();
        buf
    };
    let text = decode(&png(&d, &PngOptions::default()).unwrap());
    let paths_opts = SvgOptions {
        text_as_paths: true,
        ..SvgOptions::default()
    };
    let paths = decode(
        &png(
            &d,
            &PngOptions {
                svg: paths_opts,
                ..PngOptions::default()
            },
        )
        .unwrap(),
    );
    assert_eq!(text.len(), paths.len());
    let differing = text
        .iter()
        .zip(&paths)
        .filter(|(a, b)| a.abs_diff(**b) > 32)
        .count();
    let share = differing as f64 / text.len() as f64;
    assert!(share < 0.001, "{share}");
}

fn png_decoder(bytes: &[u8]) -> png::Reader<std::io::Cursor<&[u8]>> {
    png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap()
}

/// Degenerate geometry (empty, tiny, non-finite, one-point links) never panics and still
/// gives a parseable SVG.
#[test]
fn degenerate_geometry_does_not_panic() {
    let mut empty = fixture::ha();
    empty.zones.clear();
    empty.components.clear();
    empty.links.clear();
    empty.width = 0.0;
    empty.height = 0.0;
    empty.summary = None;
    parse(&svg(&empty, &SvgOptions::default()));
    png(&empty, &PngOptions::default()).unwrap();

    let mut odd = fixture::ha();
    odd.width = f64::NAN;
    odd.components[0].face = refarch_layout::Rect {
        x: 0.0,
        y: 0.0,
        w: 0.0,
        h: 0.0,
    };
    odd.components[2].face.w = 3.0;
    odd.components[2].icon.x = f64::INFINITY;
    odd.links[0].points.truncate(1);
    odd.links[1].points = vec![[1.0, 1.0], [1.0, 1.0], [f64::NAN, 2.0]];
    odd.links[2].label = Some(refarch_layout::Rect {
        x: 0.0,
        y: 0.0,
        w: -5.0,
        h: 0.0,
    });
    for opts in all_options() {
        let text = svg(&odd, &opts);
        assert!(!text.contains("NaN") && !text.contains("inf\""));
        parse(&text);
    }
}
