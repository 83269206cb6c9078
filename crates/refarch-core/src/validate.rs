//! Validation: a [`Scenario`] as written becomes a resolved [`Model`], or diagnostics say why not.

use std::collections::HashMap;
use std::ops::Range;

use crate::Code as DiagCode;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{self, ComponentId, Endpoint, Model, Placement, ZoneId};
use crate::ron_index::Node;
use crate::scenario::{Arrange, Place, Scenario, Trust};
use crate::suggest::did_you_mean;

/// The outcome of validation: the model when there are no errors, and every diagnostic
/// (errors and warnings) in source order.
#[derive(Clone, Debug)]
pub struct Validated {
    /// `Some` when no diagnostic is an error.
    pub model: Option<Model>,
    /// Errors and warnings, sorted by position in the file.
    pub diagnostics: Vec<Diagnostic>,
}

/// Validates a scenario built in code (no source text, so diagnostics carry no positions).
pub fn validate(scenario: &Scenario) -> Validated {
    validate_with_spans(scenario, None)
}

/// Where things are in the source, looked up through the span index when there is one.
struct Spans<'a>(Option<&'a Node>);

impl Spans<'_> {
    fn item(&self, list: &str, i: usize) -> Option<&Node> {
        self.0?.field(list)?.value.items().get(i)
    }

    /// The whole `list[i]` item.
    fn whole(&self, list: &str, i: usize) -> Option<Range<usize>> {
        self.item(list, i).map(|n| n.span.clone())
    }

    /// The value of `list[i].field`, or the whole item when the field is not written.
    fn value(&self, list: &str, i: usize, field: &str) -> Option<Range<usize>> {
        let item = self.item(list, i)?;
        Some(
            item.field(field)
                .map_or(item.span.clone(), |f| f.value.span.clone()),
        )
    }

    fn top(&self, field: &str) -> Option<Range<usize>> {
        Some(self.0?.field(field)?.value.span.clone())
    }
}

#[derive(Clone, Copy)]
enum Def {
    Zone(usize),
    Component(usize),
}

pub(crate) fn validate_with_spans(s: &Scenario, index: Option<&Node>) -> Validated {
    let spans = Spans(index);
    let mut diags = Vec::new();

    check_id(&s.id, spans.top("id"), "scenario", &mut diags);
    check_text(&s.title, spans.top("title"), "title", &mut diags);
    let mut allow = Vec::new();
    for (i, code) in s.allow.iter().enumerate() {
        let span = spans
            .0
            .and_then(|r| r.field("allow"))
            .and_then(|f| f.value.items().get(i))
            .map(|n| n.span.clone());
        match code.parse::<DiagCode>() {
            Ok(c) => allow.push(c),
            Err(_) => {
                let all: Vec<&str> = DiagCode::ALL.iter().map(|c| c.as_str()).collect();
                let d = Diagnostic::new(
                    Code::UnknownVariant,
                    format!("unknown diagnostic code `{code}`"),
                )
                .at(span, "not a refarch code");
                diags.push(match did_you_mean(code, all) {
                    Some(s) => d.help(format!(
                        "did you mean `{s}`? `refarch explain` lists the codes"
                    )),
                    None => d.help("`refarch explain` lists the codes"),
                });
            }
        }
    }

    // One namespace for zone and component ids; the first definition wins.
    let mut defs: HashMap<&str, Def> = HashMap::new();
    let defined = (s
        .zones
        .iter()
        .enumerate()
        .map(|(i, z)| (z.id.as_str(), Def::Zone(i))))
    .chain(
        s.components
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), Def::Component(i))),
    );
    for (id, def) in defined {
        let (list, i) = locate(def);
        check_id(id, spans.value(list, i, "id"), what(def), &mut diags);
        if let Some(&first) = defs.get(id) {
            let (fl, fi) = locate(first);
            diags.push(
                Diagnostic::new(Code::DuplicateId, format!("the id `{id}` is defined twice"))
                    .at(
                        spans.value(list, i, "id"),
                        format!("{} `{id}` defined again here", what(def)),
                    )
                    .also(
                        spans.value(fl, fi, "id"),
                        format!("first defined here as a {}", what(first)),
                    )
                    .help("zones and components share one namespace; rename one of them"),
            );
        } else {
            defs.insert(id, def);
        }
    }
    let zone_ids: Vec<&str> = s.zones.iter().map(|z| z.id.as_str()).collect();
    let all_ids: Vec<&str> = s
        .zones
        .iter()
        .map(|z| z.id.as_str())
        .chain(s.components.iter().map(|c| c.id.as_str()))
        .collect();

    // Zones: labels and parents.
    let mut parents: Vec<Option<usize>> = vec![None; s.zones.len()];
    for (i, z) in s.zones.iter().enumerate() {
        check_text(
            &z.label,
            spans.value("zones", i, "label"),
            "zone label",
            &mut diags,
        );
        if let Some(Arrange::Grid { columns: 0 }) = z.arrange {
            diags.push(
                Diagnostic::new(
                    Code::WrongType,
                    format!("zone `{}` asks for a grid of 0 columns", z.id),
                )
                .at(spans.value("zones", i, "arrange"), "at least 1 column")
                .help("write `arrange: Grid(columns: 2)`, or `Row` / `Column`"),
            );
        }
        let Some(parent) = &z.parent else { continue };
        match defs.get(parent.as_str()) {
            Some(Def::Zone(p)) => parents[i] = Some(*p),
            Some(Def::Component(_)) => diags.push(
                Diagnostic::new(
                    Code::UnknownReference,
                    format!(
                        "zone `{}` has parent `{parent}`, which is a component",
                        z.id
                    ),
                )
                .at(
                    spans.value("zones", i, "parent"),
                    "a zone's parent must be a zone",
                ),
            ),
            None => diags.push(unknown_ref(
                "zone",
                parent,
                spans.value("zones", i, "parent"),
                &zone_ids,
            )),
        }
    }
    let in_cycle = report_cycles(s, &parents, &spans, &mut diags);

    // Components.
    let mut component_zone: Vec<Option<usize>> = vec![None; s.components.len()];
    for (i, c) in s.components.iter().enumerate() {
        check_text(
            &c.label,
            spans.value("components", i, "label"),
            "component label",
            &mut diags,
        );
        if c.replicas == Some(0) {
            diags.push(
                Diagnostic::new(
                    Code::ZeroReplicas,
                    format!("component `{}` has 0 replicas", c.id),
                )
                .at(
                    spans.value("components", i, "replicas"),
                    "must be at least 1",
                )
                .help("leave `replicas` out for a single instance"),
            );
        }
        if let Some(zone) = &c.zone {
            match defs.get(zone.as_str()) {
                Some(Def::Zone(z)) => component_zone[i] = Some(*z),
                Some(Def::Component(_)) => diags.push(
                    Diagnostic::new(
                        Code::UnknownReference,
                        format!(
                            "component `{}` is placed in `{zone}`, which is a component",
                            c.id
                        ),
                    )
                    .at(spans.value("components", i, "zone"), "not a zone"),
                ),
                None => diags.push(unknown_ref(
                    "zone",
                    zone,
                    spans.value("components", i, "zone"),
                    &zone_ids,
                )),
            }
        }
    }

    let mut places: Vec<Option<Placement>> = vec![None; s.components.len()];
    for (i, c) in s.components.iter().enumerate() {
        places[i] = match &c.place {
            None => None,
            Some(Place::First) => Some(Placement::First),
            Some(Place::Last) => Some(Placement::Last),
            Some(Place::With(other)) => match defs.get(other.as_str()) {
                Some(Def::Component(o)) => Some(Placement::With(ComponentId(*o as u32))),
                _ => {
                    let names: Vec<&str> = s.components.iter().map(|c| c.id.as_str()).collect();
                    diags.push(unknown_ref(
                        "component",
                        other,
                        spans.value("components", i, "place"),
                        &names,
                    ));
                    None
                }
            },
        };
    }

    // Links.
    let mut ends: Vec<Option<(Endpoint, Endpoint)>> = Vec::with_capacity(s.links.len());
    let resolve = |id: &str| match defs.get(id) {
        Some(Def::Zone(z)) => Some(Endpoint::Zone(ZoneId(*z as u32))),
        Some(Def::Component(c)) => Some(Endpoint::Component(ComponentId(*c as u32))),
        None => None,
    };
    for (i, l) in s.links.iter().enumerate() {
        let end = |id: &str, field: &str, diags: &mut Vec<Diagnostic>| {
            let r = resolve(id);
            if r.is_none() {
                diags.push(unknown_ref(
                    "component or zone",
                    id,
                    spans.value("links", i, field),
                    &all_ids,
                ));
            }
            r
        };
        let from = end(&l.from, "from", &mut diags);
        let to = end(&l.to, "to", &mut diags);
        ends.push(from.zip(to));
        if let Some(port) = l.port.filter(|p| !(1..=65535).contains(p)) {
            diags.push(
                Diagnostic::new(Code::InvalidPort, format!("port {port} is out of range"))
                    .at(spans.value("links", i, "port"), "must be 1 to 65535"),
            );
        }
        if let Some(label) = &l.label {
            check_text(
                label,
                spans.value("links", i, "label"),
                "link label",
                &mut diags,
            );
        }
    }

    let errors = diags.iter().any(Diagnostic::is_error) || in_cycle.iter().any(|&c| c);
    let model = (!errors).then(|| {
        let ends = ends.into_iter().flatten().collect::<Vec<_>>();
        let resolved = Resolved {
            parents: &parents,
            component_zone: &component_zone,
            places,
            ends,
            allow,
        };
        build(s, resolved, &spans)
    });
    if let Some(m) = &model {
        warn_structure(m, &spans, &mut diags);
        diags.retain(|d| d.is_error() || !m.allow.contains(&d.code));
    }
    diags.sort_by_key(|d| d.primary_span().map_or(0, |s| s.start));
    Validated {
        model,
        diagnostics: diags,
    }
}

fn locate(def: Def) -> (&'static str, usize) {
    match def {
        Def::Zone(i) => ("zones", i),
        Def::Component(i) => ("components", i),
    }
}

fn what(def: Def) -> &'static str {
    match def {
        Def::Zone(_) => "zone",
        Def::Component(_) => "component",
    }
}

fn check_id(id: &str, span: Option<Range<usize>>, what: &str, diags: &mut Vec<Diagnostic>) {
    let valid = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !valid {
        let suggestion: String = id
            .trim()
            .chars()
            .map(|c| c.to_ascii_lowercase())
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let mut d = Diagnostic::new(Code::InvalidId, format!("invalid {what} id `{id}`"))
            .at(span, "only `a-z`, `0-9` and `-` are allowed");
        if !suggestion.trim_matches('-').is_empty() {
            d = d.help(format!("write it as `{}`", suggestion.trim_matches('-')));
        }
        diags.push(d);
    }
}

fn check_text(text: &str, span: Option<Range<usize>>, what: &str, diags: &mut Vec<Diagnostic>) {
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::new(Code::EmptyLabel, format!("the {what} is empty")).at(span, "empty"),
        );
    }
}

fn unknown_ref(
    what: &str,
    id: &str,
    span: Option<Range<usize>>,
    candidates: &[&str],
) -> Diagnostic {
    let d = Diagnostic::new(Code::UnknownReference, format!("unknown {what} `{id}`"))
        .at(span, format!("no {what} has this id"));
    match did_you_mean(id, candidates.iter().copied()) {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None if candidates.is_empty() => d.help(format!("this file defines no {what}")),
        None => d.help(format!(
            "defined: {}",
            candidates
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Reports each parent cycle once, at its first zone in file order; returns which zones
/// sit on a cycle.
fn report_cycles(
    s: &Scenario,
    parents: &[Option<usize>],
    spans: &Spans<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<bool> {
    let mut in_cycle = vec![false; parents.len()];
    for start in 0..parents.len() {
        if in_cycle[start] {
            continue;
        }
        // Walk up; a cycle exists iff we come back to a zone already on this walk.
        let mut path = vec![start];
        let mut cur = parents[start];
        while let Some(p) = cur {
            if let Some(pos) = path.iter().position(|&z| z == p) {
                let cycle = &path[pos..];
                if cycle.iter().any(|&z| in_cycle[z]) {
                    break;
                }
                for &z in cycle {
                    in_cycle[z] = true;
                }
                let first = *cycle.iter().min().unwrap_or(&p);
                let rot = cycle.iter().position(|&z| z == first).unwrap_or(0);
                let order: Vec<usize> = cycle[rot..].iter().chain(&cycle[..rot]).copied().collect();
                let names: Vec<&str> = order
                    .iter()
                    .chain(order.first())
                    .map(|&z| s.zones[z].id.as_str())
                    .collect();
                let mut d = Diagnostic::new(
                    Code::ZoneCycle,
                    format!("zone parents form a cycle: {}", names.join(" → ")),
                )
                .at(
                    spans.value("zones", first, "parent"),
                    "this parent starts the cycle",
                );
                for &z in &order[1..] {
                    d = d.also(spans.value("zones", z, "parent"), "");
                }
                diags
                    .push(d.help("remove one `parent` so that the chain ends at a top-level zone"));
                break;
            }
            path.push(p);
            cur = parents[p];
        }
    }
    in_cycle
}

/// The references validation resolved, ready to build the model from.
struct Resolved<'a> {
    parents: &'a [Option<usize>],
    component_zone: &'a [Option<usize>],
    places: Vec<Option<Placement>>,
    ends: Vec<(Endpoint, Endpoint)>,
    allow: Vec<DiagCode>,
}

fn build(s: &Scenario, r: Resolved<'_>, spans: &Spans<'_>) -> Model {
    let Resolved {
        parents,
        component_zone,
        places,
        ends,
        allow,
    } = r;
    let n = s.zones.len();
    // Depth and trust follow the parent chain (acyclic by now).
    let mut depth = vec![0u32; n];
    let mut trust = vec![Trust::Internal; n];
    for i in 0..n {
        let mut chain = vec![i];
        let mut cur = parents[i];
        while let Some(p) = cur {
            chain.push(p);
            cur = parents[p];
        }
        depth[i] = chain.len() as u32 - 1;
        // Trust: the nearest explicitly written level on the way up.
        trust[i] = chain
            .iter()
            .find_map(|&z| s.zones[z].trust)
            .unwrap_or(Trust::Internal);
    }
    let mut zones: Vec<model::Zone> = s
        .zones
        .iter()
        .enumerate()
        .map(|(i, z)| model::Zone {
            id: z.id.clone(),
            label: z.label.clone(),
            trust: trust[i],
            kind: z.kind,
            parent: parents[i].map(|p| ZoneId(p as u32)),
            children: Vec::new(),
            components: Vec::new(),
            depth: depth[i],
            caption: z.caption.clone(),
            direction: z.direction,
            arrange: z.arrange,
            span: spans.whole("zones", i).unwrap_or_default(),
        })
        .collect();
    for (i, p) in parents.iter().enumerate() {
        if let Some(p) = p {
            zones[*p].children.push(ZoneId(i as u32));
        }
    }
    for (i, z) in component_zone.iter().enumerate() {
        if let Some(z) = z {
            zones[*z].components.push(ComponentId(i as u32));
        }
    }
    let components = s
        .components
        .iter()
        .enumerate()
        .map(|(i, c)| model::Component {
            id: c.id.clone(),
            label: c.label.clone(),
            kind: c.kind,
            zone: component_zone[i].map(|z| ZoneId(z as u32)),
            replicas: c.replicas.unwrap_or(1),
            tech: c.tech.clone(),
            note: c.note.clone(),
            capabilities: c.capabilities.clone(),
            optional: c.optional,
            place: places[i],
            span: spans.whole("components", i).unwrap_or_default(),
        })
        .collect();
    let links = s
        .links
        .iter()
        .zip(ends)
        .enumerate()
        .map(|(i, (l, (from, to)))| model::Link {
            from,
            to,
            protocol: l.protocol.clone(),
            port: l.port.and_then(|p| u16::try_from(p).ok()),
            encrypted: l.encrypted,
            bidirectional: l.bidirectional,
            intermittent: l.intermittent,
            label: l.label.clone(),
            note: l.note.clone(),
            span: spans.whole("links", i).unwrap_or_default(),
        })
        .collect();
    Model {
        id: s.id.clone(),
        title: s.title.clone(),
        doc: s.doc.clone(),
        summary: s.summary.clone(),
        direction: s.direction,
        high_availability: s.high_availability,
        allow,
        zones,
        components,
        links,
    }
}

/// Warnings about a valid model: empty zones and components no link touches.
fn warn_structure(m: &Model, spans: &Spans<'_>, diags: &mut Vec<Diagnostic>) {
    let mut holds = vec![false; m.zones().len()];
    for c in m.components() {
        for z in m.ancestors(c.zone) {
            holds[z.index()] = true;
        }
    }
    for (i, z) in m.zones().iter().enumerate() {
        if !holds[i] {
            diags.push(
                Diagnostic::new(
                    Code::EmptyZone,
                    format!("zone `{}` holds no component", z.id),
                )
                .at(spans.value("zones", i, "id"), "empty zone")
                .help("add components to it (`zone: \"...\"`) or remove it"),
            );
        }
    }
    let mut linked = vec![false; m.components().len()];
    for l in m.links() {
        for end in [l.from, l.to] {
            if let Endpoint::Component(c) = end {
                linked[c.index()] = true;
            }
        }
    }
    for (i, c) in m.components().iter().enumerate() {
        if !linked[i] {
            diags.push(
                Diagnostic::new(
                    Code::UnlinkedComponent,
                    format!("component `{}` has no links", c.id),
                )
                .at(
                    spans.value("components", i, "id"),
                    "no link starts or ends here",
                )
                .help("add a link from or to it, or remove it"),
            );
        }
    }
}
