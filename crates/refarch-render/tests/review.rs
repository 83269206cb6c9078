//! Boundary gates, findings on the diagram and slide PNGs, over a small hand-built diagram:
//!
//! ```text
//!            ┌ corp (internal) ──────────────────────────────┐
//!  [user] ───┼──────────────(gate)──────────────┬ data ──┐    │
//!            │                                  ┼──▶ [db] │   │   link 0 passes two borders
//!            │   [app]                          └─────────┘   │
//!            │     │  link 1 stays inside corp                │
//!            │   [worker]                                     │
//!            └────────────────────────────────────────────────┘
//! ```

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use refarch_core::{ComponentKind, Direction, Trust};
use refarch_layout::{
    ComponentBox, Diagram, Finding, FindingSeverity, FindingTarget, GEOMETRY_VERSION, LinkPath,
    Rect, TextLine, TextStyle, ZoneBox,
};
use refarch_render::{PngOptions, SvgOptions, Theme, png, svg};

fn zone(id: &str, parent: Option<&str>, r: (f64, f64, f64, f64), trust: Trust) -> ZoneBox {
    let (x, y, w, h) = r;
    ZoneBox {
        id: id.into(),
        parent: parent.map(Into::into),
        x,
        y,
        w,
        h,
        label: format!("Zone {id}"),
        trust,
        kind: None,
        depth: u32::from(parent.is_some()),
        header: Rect {
            x: x + 12.0,
            y: y + 6.0,
            w: 80.0,
            h: 16.0,
        },
        caption: None,
        icon: None,
        texts: vec![TextLine {
            text: format!("Zone {id}"),
            x: x + 12.0,
            y: y + 18.0,
            style: TextStyle::ZoneHeader,
            centered: false,
        }],
    }
}

fn card(id: &str, zone: Option<&str>, r: (f64, f64, f64, f64)) -> ComponentBox {
    let (x, y, w, h) = r;
    let rect = Rect { x, y, w, h };
    ComponentBox {
        id: id.into(),
        zone: zone.map(Into::into),
        x,
        y,
        w,
        h,
        kind: ComponentKind::AppServer,
        replicas: 1,
        face: rect,
        icon: Rect {
            x: x + 8.0,
            y: y + 8.0,
            w: 24.0,
            h: 24.0,
        },
        texts: vec![TextLine {
            text: format!("Card {id}"),
            x: x + 40.0,
            y: y + 26.0,
            style: TextStyle::Label,
            centered: false,
        }],
        optional: false,
    }
}

fn link(from: &str, to: &str, points: Vec<[f64; 2]>, port: Option<u16>) -> LinkPath {
    LinkPath {
        from: from.into(),
        to: to.into(),
        points,
        label: None,
        text: None,
        texts: vec![],
        protocol: None,
        port,
        encrypted: None,
        bidirectional: false,
        intermittent: false,
        crosses_boundary: true,
        bundle: None,
    }
}

fn diagram() -> Diagram {
    Diagram {
        version: GEOMETRY_VERSION,
        scenario: "gates".into(),
        title: "Gates".into(),
        summary: None,
        direction: Direction::LeftToRight,
        width: 820.0,
        height: 320.0,
        zones: vec![
            zone("corp", None, (200.0, 0.0, 600.0, 310.0), Trust::Internal),
            zone(
                "data",
                Some("corp"),
                (500.0, 40.0, 280.0, 100.0),
                Trust::Restricted,
            ),
        ],
        components: vec![
            card("user", None, (10.0, 50.0, 120.0, 60.0)),
            card("db", Some("data"), (580.0, 60.0, 160.0, 60.0)),
            card("app", Some("corp"), (240.0, 160.0, 160.0, 50.0)),
            card("worker", Some("corp"), (240.0, 240.0, 160.0, 50.0)),
        ],
        links: vec![
            // Leaves nothing, enters corp and data: two borders.
            link("user", "db", vec![[130.0, 90.0], [580.0, 90.0]], Some(5432)),
            // Both ends in corp (wrongly flagged as crossing): no border of its own.
            link(
                "app",
                "worker",
                vec![[320.0, 210.0], [320.0, 240.0]],
                Some(8080),
            ),
        ],
        findings: vec![],
    }
}

/// A label chip's box.
fn chip(x: f64, y: f64, w: f64, h: f64) -> Rect {
    Rect { x, y, w, h }
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

fn parses(text: &str) {
    usvg::Tree::from_str(text, &usvg::Options::default()).expect("our SVG parses");
}

#[test]
fn a_link_gets_one_gate_per_zone_border_it_passes() {
    let d = diagram();
    let text = svg(&d, &SvgOptions::default());
    parses(&text);
    assert_eq!(count(&text, "<title>Boundary gate"), 2, "{text}");
    assert_eq!(count(&text, "passes the border of Zone corp"), 1);
    assert_eq!(count(&text, "passes the border of Zone data"), 1);
    // The port is written on the tags, and nothing is drawn for the link inside corp.
    assert_eq!(count(&text, ">:5432</text>"), 2);
    assert!(!text.contains(":8080"));
    assert!(text.contains("Boundary gate (port)"), "legend entry");
}

#[test]
fn a_link_inside_one_zone_gets_no_gate() {
    let mut d = diagram();
    d.links.remove(0);
    let text = svg(&d, &SvgOptions::default());
    assert!(!text.contains("Boundary gate"), "{text}");
}

#[test]
fn gates_are_optional_and_portless_links_get_a_ring() {
    let d = diagram();
    let off = svg(
        &d,
        &SvgOptions {
            gates: false,
            ..SvgOptions::default()
        },
    );
    assert!(!off.contains("Boundary gate"));
    let mut d = diagram();
    d.links[0].port = None;
    let text = svg(&d, &SvgOptions::default());
    assert_eq!(count(&text, "<title>Boundary gate"), 2);
    assert!(!text.contains(":5432"));
}

#[test]
fn a_port_is_tagged_once_where_it_is_written_nearby() {
    // The data zone's border 30 px past corp's: the link's second tag would repeat its
    // first, so that border gets a ring.
    let mut d = diagram();
    d.zones[1].x = 230.0;
    d.zones[1].w = 550.0;
    let text = svg(&d, &SvgOptions::default());
    parses(&text);
    assert_eq!(count(&text, "<title>Boundary gate"), 2, "{text}");
    assert_eq!(count(&text, ">:5432</text>"), 1, "{text}");
    // The legend explains both marks.
    assert_eq!(count(&text, ">Boundary gate (port)</text>"), 1, "{text}");
    assert_eq!(count(&text, ">Boundary gate</text>"), 1, "{text}");
    // A chip naming the port just before corp's border says it there; the data zone's
    // border, far from both, keeps its tag. A chip that names another number does not.
    let mut d = diagram();
    d.links[0].label = Some(chip(140.0, 80.0, 50.0, 20.0));
    for (text, tags) in [("SQL :5432", 1), ("SQL 15432", 2), ("SQL :54321", 2)] {
        d.links[0].text = Some(text.into());
        let svg = svg(&d, &SvgOptions::default());
        assert_eq!(count(&svg, "<title>Boundary gate"), 2, "{text}");
        assert_eq!(count(&svg, ">:5432</text>"), tags, "{text}");
    }
}

#[test]
fn links_passing_a_border_side_by_side_get_rings() {
    // A second link passes corp's border 12 px beside the first, then turns away and
    // enters the data zone 50 px from it. At corp's border only the first link's tag
    // fits, which read as tag, ring, tag, ring along a fan: both get rings. At the data
    // zone's border both keep their tags.
    let mut d = diagram();
    let mut beside = d.links[0].clone();
    beside.points = vec![
        [130.0, 102.0],
        [300.0, 102.0],
        [300.0, 140.0],
        [580.0, 140.0],
    ];
    d.links.push(beside);
    let text = svg(&d, &SvgOptions::default());
    parses(&text);
    assert_eq!(count(&text, "<title>Boundary gate"), 4, "{text}");
    assert_eq!(count(&text, ">:5432</text>"), 2, "{text}");
}

#[test]
fn a_gate_tag_never_covers_a_label_chip() {
    let mut d = diagram();
    // A chip straddling the corp border: the tag moves along the line or gives way.
    d.links[0].label = Some(chip(170.0, 82.0, 70.0, 16.0));
    d.links[0].texts = vec![TextLine {
        text: "TCP".into(),
        x: 180.0,
        y: 94.0,
        style: TextStyle::Tech,
        centered: false,
    }];
    let text = svg(&d, &SvgOptions::default());
    parses(&text);
    let chip_right = 240.0 + 24.0; // plus the page margin the diagram is drawn at
    // Each tag is a <rect> right before its port text; none may start inside the chip.
    for (i, _) in text.match_indices(">:5432</text>") {
        let before = &text[..i];
        let rect = &before[before.rfind("<rect x=\"").unwrap() + 9..];
        let x: f64 = rect[..rect.find('"').unwrap()].parse().unwrap();
        let w_at = rect.find("width=\"").unwrap() + 7;
        let w: f64 = rect[w_at..w_at + rect[w_at..].find('"').unwrap()]
            .parse()
            .unwrap();
        assert!(
            x >= chip_right || x + w <= 170.0 + 24.0,
            "tag at {x}..{} overlaps the chip",
            x + w
        );
    }
}

#[test]
fn findings_are_drawn_only_when_asked() {
    let mut d = diagram();
    d.findings = vec![
        Finding {
            code: "L0001".into(),
            severity: FindingSeverity::Warning,
            target: FindingTarget::Link(0),
            message: "plaintext link crosses a trust boundary".into(),
        },
        Finding {
            code: "W0002".into(),
            severity: FindingSeverity::Warning,
            target: FindingTarget::Component("worker".into()),
            message: "component without links".into(),
        },
        Finding {
            code: "W0001".into(),
            severity: FindingSeverity::Warning,
            target: FindingTarget::Zone("data".into()),
            message: "empty zone".into(),
        },
        Finding {
            code: "L0009".into(),
            severity: FindingSeverity::Warning,
            target: FindingTarget::Component("not-on-this-diagram".into()),
            message: "ignored".into(),
        },
    ];
    let off = svg(&d, &SvgOptions::default());
    assert!(!off.contains("L0001") && !off.contains("W0002"));
    assert!(!off.contains("Findings"));
    for theme in Theme::ALL {
        let on = svg(
            &d,
            &SvgOptions {
                theme,
                findings: true,
                ..SvgOptions::default()
            },
        );
        parses(&on);
        for code in ["L0001", "W0002", "W0001"] {
            assert!(
                on.contains(&format!(">{code}</text>")),
                "{theme:?}: {code} badge"
            );
        }
        assert!(on.contains("<title>L0001: plaintext link crosses a trust boundary</title>"));
        assert!(
            on.contains(">Findings: L0001, W0001, W0002</text>"),
            "legend"
        );
        assert!(!on.contains("L0009"), "a target not drawn has no badge");
    }
}

#[test]
fn slide_png_is_1920_by_1080() {
    let d = diagram();
    let bytes = png(
        &d,
        &PngOptions {
            slide: true,
            ..PngOptions::default()
        },
    )
    .unwrap();
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    assert_eq!((be(16), be(20)), (1920, 1080));
    let plain = png(&d, &PngOptions::default()).unwrap();
    let be = |i: usize| u32::from_be_bytes(plain[i..i + 4].try_into().unwrap());
    assert_ne!((be(16), be(20)), (1920, 1080));
}

/// [`diagram`] with two links from the user to app and worker on port 8080 instead, which
/// part at x = 160 and pass corp's border at x = 200 at heights `first` and `second`.
fn branches(first: f64, second: f64) -> Diagram {
    let branch = |to: &str, y: f64| {
        let points = vec![[130.0, 100.0], [160.0, 100.0], [160.0, y], [240.0, y]];
        link("user", to, points, Some(8080))
    };
    Diagram {
        links: vec![branch("app", first), branch("worker", second)],
        ..diagram()
    }
}

#[test]
fn a_bundle_tags_each_border_its_branches_pass_once() {
    // A bundle from the user branches out before corp, and its two branches pass corp's
    // border 80 px apart: one tag says the port there and the other branch gets a ring.
    // (A gateway's fan into a zone of five services read `:8443` five times along its
    // border.) Two links that are not one bundle keep a tag each.
    let mut d = branches(185.0, 265.0);
    let text = svg(&d, &SvgOptions::default());
    assert_eq!(count(&text, "<title>Boundary gate"), 2, "{text}");
    assert_eq!(count(&text, ">:8080</text>"), 2, "{text}");
    for l in &mut d.links {
        l.bundle = Some(0);
    }
    let text = svg(&d, &SvgOptions::default());
    parses(&text);
    assert_eq!(count(&text, "<title>Boundary gate"), 2, "{text}");
    assert_eq!(count(&text, ">:8080</text>"), 1, "{text}");
}

#[test]
fn a_bundle_tags_a_border_on_the_first_branch_with_room_right_on_it() {
    // The first branch passes corp's border beside corp's header: a tag right on the border
    // would cover the header, and nudged off it, it sat outside the zone by the branch's
    // bend. The second branch has room on the border, so the tag goes there and the first
    // branch gets a ring.
    let mut d = branches(14.0, 265.0);
    for l in &mut d.links {
        l.bundle = Some(0);
    }
    let text = svg(&d, &SvgOptions::default());
    parses(&text);
    assert_eq!(count(&text, "<title>Boundary gate"), 2, "{text}");
    let tags: Vec<&str> = text
        .split("<text ")
        .filter(|t| t.contains(">:8080</text>"))
        .collect();
    assert_eq!(tags.len(), 1, "{text}");
    let attr = |name: &str| -> f64 {
        let (_, rest) = tags[0]
            .split_once(&format!("{name}=\""))
            .expect("attribute");
        rest[..rest.find('"').expect("closing quote")]
            .parse()
            .expect("number")
    };
    // On the second branch's line (the text's baseline sits 3.67 px below it), centred on
    // the border at x = 200 (inset by half the border's width).
    assert!((attr("y") - 265.0).abs() < 5.0, "{}", tags[0]);
    assert!((attr("x") - 200.0).abs() < 2.0, "{}", tags[0]);
}
