//! Arbitrary scenarios built in code → validate → layout → SVG → PNG at a small scale.
//! Nothing may panic; a valid model's layout must have no faults; our own SVG must parse.

#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use refarch::core::{
    Arrange, ComponentKind, ComponentSpec, Direction, LinkSpec, Place, Scenario, Trust, Variant,
    ZoneKind, ZoneSpec, expand_variants, validate,
};
use refarch::layout::{LayoutOptions, faults};
use refarch::render::{FontMetrics, PngOptions, RenderError, SvgOptions, Theme};

/// Texts the fuzzer picks from, besides arbitrary ones.
const NASTY: &[&str] = &[
    "",
    " ",
    "App server",
    "PostgreSQL 16 (primary)",
    "<script>alert(1)</script>",
    "]]> & &amp; &#x41; \"'<>",
    "\u{202e}txt.exe\u{202c}",
    "Z\u{351}\u{36b}\u{343}a\u{302}\u{300}\u{301}\u{489}",
    "🔥🚀 👩‍💻 🏳️‍🌈",
    "数据库服务器 アプリケーション",
    "a\u{200b}b\u{200d}c\u{feff}",
    "\u{0}\u{7}\t\n\r\u{1b}[31m\u{7f}\u{85}\u{fffe}",
    "averyveryveryveryveryveryveryveryveryveryveryveryveryverylongwordwithoutanyspaces",
    "many short words in a label that wraps over several lines of the card",
];

#[derive(Debug)]
struct Text(String);

impl<'a> Arbitrary<'a> for Text {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(Text(match u.int_in_range(0..=3)? {
            0 | 1 => (*u.choose(NASTY)?).to_owned(),
            2 => {
                let s: String = u.arbitrary()?;
                s.chars().take(300).collect()
            }
            _ => {
                // A long run of one character, up to the limit.
                let c: char = u.arbitrary()?;
                let n = u.int_in_range(1..=10_000)?;
                std::iter::repeat_n(c, n).collect()
            }
        }))
    }
}

#[derive(Debug, Arbitrary)]
enum Id {
    /// The usual generated id (`z3`, `c5`).
    Index,
    /// Something else, usually invalid.
    Raw(String),
}

#[derive(Debug, Arbitrary)]
struct ZoneIn {
    id: Id,
    label: Text,
    trust: Option<u8>,
    kind: Option<u8>,
    parent: Option<u8>,
    caption: Option<Text>,
    direction: Option<bool>,
    arrange: Option<u8>,
}

#[derive(Debug, Arbitrary)]
struct ComponentIn {
    id: Id,
    label: Text,
    kind: u8,
    zone: Option<u8>,
    replicas: Option<u8>,
    tech: Option<Text>,
    note: Option<Text>,
    capabilities: Vec<Text>,
    optional: bool,
    place: Option<u8>,
}

#[derive(Debug, Arbitrary)]
struct LinkIn {
    from: u8,
    to: u8,
    protocol: Option<Text>,
    port: Option<u32>,
    encrypted: Option<bool>,
    bidirectional: bool,
    intermittent: bool,
    label: Option<Text>,
    note: Option<Text>,
}

#[derive(Debug, Arbitrary)]
struct VariantIn {
    title: Text,
    replicas: Vec<(u8, u8)>,
    label: Vec<(u8, Text)>,
    omit: Vec<u8>,
}

#[derive(Debug, Arbitrary)]
struct Input {
    title: Text,
    summary: Option<Text>,
    top_to_bottom: bool,
    high_availability: bool,
    zones: Vec<ZoneIn>,
    components: Vec<ComponentIn>,
    links: Vec<LinkIn>,
    variants: Vec<VariantIn>,
    layout_direction: Option<bool>,
    aspect: u8,
    max_sweeps: u8,
    fit_direction: bool,
    theme: u8,
}

const MAX_ZONES: usize = 10;
const MAX_COMPONENTS: usize = 24;
const MAX_LINKS: usize = 48;

fn pick<T: Copy>(items: &[T], i: u8) -> T {
    items[i as usize % items.len()]
}

fn direction(top_to_bottom: bool) -> Direction {
    if top_to_bottom {
        Direction::TopToBottom
    } else {
        Direction::LeftToRight
    }
}

fn build(input: &Input) -> Scenario {
    let zones = &input.zones[..input.zones.len().min(MAX_ZONES)];
    let components = &input.components[..input.components.len().min(MAX_COMPONENTS)];
    let links = &input.links[..input.links.len().min(MAX_LINKS)];
    let zone_id = |i: usize| match &zones[i].id {
        Id::Index => format!("z{i}"),
        Id::Raw(s) => s.clone(),
    };
    let component_id = |i: usize| match &components[i].id {
        Id::Index => format!("c{i}"),
        Id::Raw(s) => s.clone(),
    };
    // Zones first, then components: one index space for link ends and variant keys.
    let any_id = |i: u8| {
        let n = zones.len() + components.len();
        if n == 0 {
            return "nothing".to_owned();
        }
        let i = i as usize % n;
        if i < zones.len() {
            zone_id(i)
        } else {
            component_id(i - zones.len())
        }
    };
    let trusts = [
        Trust::Untrusted,
        Trust::Partner,
        Trust::Perimeter,
        Trust::Internal,
        Trust::Restricted,
    ];
    let zone_kinds = ZoneKind::ALL;
    Scenario {
        id: "fuzz".into(),
        title: input.title.0.clone(),
        doc: None,
        summary: input.summary.as_ref().map(|t| t.0.clone()),
        direction: direction(input.top_to_bottom),
        high_availability: input.high_availability,
        allow: vec![],
        zones: zones
            .iter()
            .enumerate()
            .map(|(i, z)| ZoneSpec {
                id: zone_id(i),
                label: z.label.0.clone(),
                trust: z.trust.map(|t| pick(&trusts, t)),
                kind: z.kind.map(|k| pick(&zone_kinds, k)),
                // Parents point at any zone, so cycles and self-parents happen.
                parent: z.parent.map(|p| zone_id(p as usize % zones.len())),
                caption: z.caption.as_ref().map(|t| t.0.clone()),
                direction: z.direction.map(direction),
                arrange: z.arrange.map(|a| match a % 5 {
                    0 => Arrange::Row,
                    1 => Arrange::Column,
                    2 => Arrange::ByFlow,
                    _ => Arrange::Grid {
                        columns: u32::from(a / 4 % 6),
                    },
                }),
            })
            .collect(),
        components: components
            .iter()
            .enumerate()
            .map(|(i, c)| ComponentSpec {
                id: component_id(i),
                label: c.label.0.clone(),
                kind: pick(&ComponentKind::ALL, c.kind),
                zone: c.zone.and_then(|z| {
                    (!zones.is_empty()).then(|| zone_id(z as usize % zones.len()))
                }),
                replicas: c.replicas.map(u32::from),
                tech: c.tech.as_ref().map(|t| t.0.clone()),
                note: c.note.as_ref().map(|t| t.0.clone()),
                capabilities: c.capabilities.iter().take(4).map(|t| t.0.clone()).collect(),
                optional: c.optional,
                place: c.place.map(|p| match p % 3 {
                    0 => Place::First,
                    1 => Place::Last,
                    _ => Place::With(component_id(p as usize % components.len())),
                }),
            })
            .collect(),
        links: links
            .iter()
            .map(|l| LinkSpec {
                from: any_id(l.from),
                to: any_id(l.to),
                protocol: l.protocol.as_ref().map(|t| t.0.clone()),
                port: l.port,
                encrypted: l.encrypted,
                bidirectional: l.bidirectional,
                intermittent: l.intermittent,
                label: l.label.as_ref().map(|t| t.0.clone()),
                note: l.note.as_ref().map(|t| t.0.clone()),
                allow: Vec::new(),
            })
            .collect(),
        variants: input
            .variants
            .iter()
            .take(2)
            .enumerate()
            .map(|(i, v)| Variant {
                id: format!("fuzz-v{i}"),
                title: v.title.0.clone(),
                summary: None,
                high_availability: None,
                replicas: v.replicas.iter().map(|&(k, n)| (any_id(k), u32::from(n))).collect(),
                tech: Default::default(),
                note: Default::default(),
                label: v.label.iter().map(|(k, t)| (any_id(*k), t.0.clone())).collect(),
                omit: v.omit.iter().map(|&k| any_id(k)).collect(),
            })
            .collect(),
    }
}

fuzz_target!(|input: Input| {
    let scenario = build(&input);
    let validated = validate(&scenario);
    assert_eq!(
        validated.model.is_some(),
        !validated.diagnostics.iter().any(|d| d.is_error())
    );
    let Some(model) = validated.model else {
        return;
    };
    let _ = refarch::core::lint(&model);
    let layout = LayoutOptions {
        direction: input.layout_direction.map(direction),
        aspect: [1.6, 16.0 / 9.0, 1.0, 0.5, 4.0][input.aspect as usize % 5],
        max_sweeps: usize::from(input.max_sweeps % 20),
        fit_direction: input.fit_direction,
        ..LayoutOptions::default()
    };
    let svg = SvgOptions {
        theme: Theme::ALL[input.theme as usize % Theme::ALL.len()],
        ..SvgOptions::default()
    };
    let mut models = vec![model];
    models.extend(
        expand_variants(&scenario)
            .iter()
            .filter_map(|s| validate(s).model),
    );
    for model in &models {
        let diagram = refarch::layout::layout(model, &layout, &FontMetrics::new());
        let f = faults(&diagram);
        assert_eq!(f.total(), 0, "layout faults {f:?} in {}", model.id());
        let text = refarch::render::svg(&diagram, &svg);
        assert!(text.starts_with("<svg"));
        let png = PngOptions {
            svg: svg.clone(),
            scale: 0.1,
            ..PngOptions::default()
        };
        match refarch::render::png(&diagram, &png) {
            Ok(bytes) => assert_eq!(&bytes[1..4], b"PNG"),
            Err(RenderError::Svg(e)) => panic!("our own SVG does not parse: {e}"),
            Err(_) => {}
        }
    }
});
