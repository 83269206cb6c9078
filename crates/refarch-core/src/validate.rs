//! Validation: a [`Scenario`] as written becomes a resolved [`Model`], or diagnostics say why not.

use std::collections::HashMap;
use std::ops::Range;

use crate::Code as DiagCode;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::load::Limits;
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

/// Validates a scenario built in code (no source text, so diagnostics carry no positions),
/// within the default [`Limits`].
pub fn validate(scenario: &Scenario) -> Validated {
    validate_with(scenario, &Limits::default())
}

/// Validates a scenario built in code within `limits`: counts, zone nesting and text
/// lengths over a limit are errors (`E0018`, `E0019`, `E0020`).
pub fn validate_with(scenario: &Scenario, limits: &Limits) -> Validated {
    validate_with_spans(scenario, None, limits)
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

    /// Entry `k` of the scenario's list `field`, or of `list[i].field` when `at` is
    /// `Some((list, i))`.
    fn entry(&self, at: Option<(&str, usize)>, field: &str, k: usize) -> Option<Range<usize>> {
        let node = match at {
            None => self.0?,
            Some((list, i)) => self.item(list, i)?,
        };
        Some(node.field(field)?.value.items().get(k)?.span.clone())
    }

    /// The name of `list[i].field`, or the whole item when the field is not written.
    fn name(&self, list: &str, i: usize, field: &str) -> Option<Range<usize>> {
        let item = self.item(list, i)?;
        Some(
            item.field(field)
                .map_or(item.span.clone(), |f| f.name_span.clone()),
        )
    }
}

/// Where `list[i].field` is written in scenario `text` (e.g. `("zones", 2, "direction")`):
/// the field's name, or the whole item when the field is not written; `None` when there is
/// no such item. For diagnostics about one field that are made after validation.
pub fn field_span(text: &str, list: &str, i: usize, field: &str) -> Option<Range<usize>> {
    Spans(crate::ron_index::index(text).as_ref()).name(list, i, field)
}

#[derive(Clone, Copy)]
enum Def {
    Zone(usize),
    Component(usize),
}

pub(crate) fn validate_with_spans(
    s: &Scenario,
    index: Option<&Node>,
    limits: &Limits,
) -> Validated {
    let spans = Spans(index);
    let mut diags = Vec::new();

    // Counts first: over a limit, nothing else is checked, so that a huge file costs no
    // more than reading it.
    check_counts(s, &spans, limits, &mut diags);
    if !diags.is_empty() {
        return Validated {
            model: None,
            diagnostics: diags,
        };
    }
    check_lengths(s, &spans, limits, &mut diags);

    check_id(&s.id, spans.top("id"), "scenario", &mut diags);
    check_text(&s.title, spans.top("title"), "title", &mut diags);
    let allow = allowed_codes(&s.allow, &spans, None, &mut diags);

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
    check_depth(s, &parents, &in_cycle, &spans, limits, &mut diags);

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
    let mut link_allow: Vec<Vec<DiagCode>> = Vec::with_capacity(s.links.len());
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
        link_allow.push(allowed_codes(
            &l.allow,
            &spans,
            Some(("links", i)),
            &mut diags,
        ));
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
            link_allow,
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
        None => {
            // Name a handful: a list of thousands of ids helps nobody.
            const SHOWN: usize = 12;
            let mut list = candidates
                .iter()
                .take(SHOWN)
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ");
            if candidates.len() > SHOWN {
                list.push_str(&format!(" and {} more", candidates.len() - SHOWN));
            }
            d.help(format!("defined: {list}"))
        }
    }
}

/// Reports each parent cycle once, at its first zone in file order; returns which zones
/// sit on a cycle. Linear in the number of zones: every zone is walked through once.
fn report_cycles(
    s: &Scenario,
    parents: &[Option<usize>],
    spans: &Spans<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<bool> {
    const OFF_PATH: usize = usize::MAX;
    let n = parents.len();
    let mut in_cycle = vec![false; n];
    // `done`: walked before, so whatever lies above it is known; `on_path`: position on the
    // current walk.
    let mut done = vec![false; n];
    let mut on_path = vec![OFF_PATH; n];
    let mut path = Vec::new();
    for start in 0..n {
        if done[start] {
            continue;
        }
        // Walk up; a cycle exists iff we come back to a zone already on this walk.
        path.clear();
        let mut cur = Some(start);
        while let Some(z) = cur {
            if done[z] {
                break;
            }
            if on_path[z] != OFF_PATH {
                let cycle = &path[on_path[z]..];
                for &c in cycle {
                    in_cycle[c] = true;
                }
                let first = *cycle.iter().min().unwrap_or(&z);
                let rot = cycle.iter().position(|&c| c == first).unwrap_or(0);
                let order: Vec<usize> = cycle[rot..].iter().chain(&cycle[..rot]).copied().collect();
                let names: Vec<&str> = order
                    .iter()
                    .chain(order.first())
                    .map(|&c| s.zones[c].id.as_str())
                    .collect();
                let mut d = Diagnostic::new(
                    Code::ZoneCycle,
                    format!("zone parents form a cycle: {}", names.join(" → ")),
                )
                .at(
                    spans.value("zones", first, "parent"),
                    "this parent starts the cycle",
                );
                for &c in &order[1..] {
                    d = d.also(spans.value("zones", c, "parent"), "");
                }
                diags
                    .push(d.help("remove one `parent` so that the chain ends at a top-level zone"));
                break;
            }
            on_path[z] = path.len();
            path.push(z);
            cur = parents[z];
        }
        for &z in &path {
            done[z] = true;
            on_path[z] = OFF_PATH;
        }
    }
    in_cycle
}

/// Reports zones nested deeper than the limit: each zone one level over it (the zones
/// below are then over too, and not reported again). Zones on or under a cycle have no depth.
fn check_depth(
    s: &Scenario,
    parents: &[Option<usize>],
    in_cycle: &[bool],
    spans: &Spans<'_>,
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
) {
    const UNKNOWN: usize = 0;
    const NO_DEPTH: usize = usize::MAX;
    let n = parents.len();
    // Nesting level: 1 for a top-level zone; computed once per zone, walking up only as far
    // as the first zone already known.
    let mut level = vec![UNKNOWN; n];
    let mut chain = Vec::new();
    for start in 0..n {
        chain.clear();
        let mut cur = Some(start);
        let mut above = 0;
        while let Some(z) = cur {
            if level[z] != UNKNOWN {
                above = level[z];
                break;
            }
            if in_cycle[z] {
                above = NO_DEPTH;
                break;
            }
            chain.push(z);
            cur = parents[z];
        }
        for &z in chain.iter().rev() {
            above = if above == NO_DEPTH {
                NO_DEPTH
            } else {
                above + 1
            };
            level[z] = above;
        }
    }
    let deepest = level.iter().filter(|&&l| l != NO_DEPTH).max().copied();
    for (i, &l) in level.iter().enumerate() {
        if l != NO_DEPTH && l == limits.max_zone_depth.saturating_add(1) {
            let deepest = deepest.unwrap_or(l);
            let below = if deepest > l {
                format!(" (zones under it go down to level {deepest})")
            } else {
                String::new()
            };
            diags.push(
                Diagnostic::new(
                    Code::TooDeep,
                    format!(
                        "zone `{}` is nested {l} levels deep{below}; the limit is {}",
                        s.zones[i].id, limits.max_zone_depth
                    ),
                )
                .at(spans.value("zones", i, "parent"), format!("level {l}"))
                .help("flatten the zone hierarchy: merge zones that only wrap one other zone"),
            );
        }
    }
}

/// Reports counts over the limits, pointing at the first item over each.
fn check_counts(s: &Scenario, spans: &Spans<'_>, limits: &Limits, diags: &mut Vec<Diagnostic>) {
    let counts = [
        (
            "components",
            "component",
            s.components.len(),
            limits.max_components,
        ),
        ("zones", "zone", s.zones.len(), limits.max_zones),
        ("links", "link", s.links.len(), limits.max_links),
        ("variants", "variant", s.variants.len(), limits.max_variants),
    ];
    for (list, noun, count, max) in counts {
        if count > max {
            diags.push(
                Diagnostic::new(
                    Code::TooMany,
                    format!("the scenario has {count} {list}; the limit is {max}"),
                )
                .at(
                    spans.whole(list, max).or_else(|| spans.top(list)),
                    format!("{noun} {} is over the limit", max + 1),
                )
                .help("split the deployment into several scenarios, e.g. one per site or tier"),
            );
        }
    }
}

/// Whether `text` has more than `max` characters (counted only when the bytes say it may).
fn longer_than(text: &str, max: usize) -> bool {
    text.len() > max && text.chars().count() > max
}

fn too_long(
    text: &str,
    max: usize,
    span: Option<Range<usize>>,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) {
    if longer_than(text, max) {
        let n = text.chars().count();
        diags.push(
            Diagnostic::new(
                Code::TooLong,
                format!("the {what} is {n} characters long; the limit is {max}"),
            )
            .at(span, format!("{n} characters"))
            .help("shorten it; long explanations belong on the documentation page"),
        );
    }
}

/// The diagnostic codes of `codes`, an `allow` list: the scenario's, or that of
/// `list[i]` when `at` is `Some((list, i))`. An unknown code is an error, with the nearest
/// known code suggested.
fn allowed_codes(
    codes: &[String],
    spans: &Spans<'_>,
    at: Option<(&str, usize)>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<DiagCode> {
    let mut allow = Vec::new();
    for (k, code) in codes.iter().enumerate() {
        match code.parse::<DiagCode>() {
            Ok(c) => allow.push(c),
            Err(_) => {
                let all: Vec<&str> = DiagCode::ALL.iter().map(|c| c.as_str()).collect();
                let d = Diagnostic::new(
                    Code::UnknownVariant,
                    format!("unknown diagnostic code `{code}`"),
                )
                .at(spans.entry(at, "allow", k), "not a refarch code");
                diags.push(match did_you_mean(code, all) {
                    Some(s) => d.help(format!(
                        "did you mean `{s}`? `refarch explain` lists the codes"
                    )),
                    None => d.help("`refarch explain` lists the codes"),
                });
            }
        }
    }
    allow
}

/// Reports texts and ids over the length limits (ids are checked in [`check_id`]).
fn check_lengths(s: &Scenario, spans: &Spans<'_>, limits: &Limits, diags: &mut Vec<Diagnostic>) {
    let max = limits.max_text_chars;
    let top = |f: &str| spans.top(f);
    too_long(&s.title, max, top("title"), "title", diags);
    for (field, text) in [("doc", &s.doc), ("summary", &s.summary)] {
        if let Some(t) = text {
            too_long(t, max, top(field), field, diags);
        }
    }
    for (k, code) in s.allow.iter().enumerate() {
        too_long(
            code,
            max,
            spans.entry(None, "allow", k),
            "diagnostic code",
            diags,
        );
    }
    for (i, z) in s.zones.iter().enumerate() {
        let at = |f: &str| spans.value("zones", i, f);
        too_long(&z.label, max, at("label"), "zone label", diags);
        if let Some(c) = &z.caption {
            too_long(c, max, at("caption"), "zone caption", diags);
        }
        if let Some(p) = &z.parent {
            too_long(p, max, at("parent"), "zone parent", diags);
        }
    }
    for (i, c) in s.components.iter().enumerate() {
        let at = |f: &str| spans.value("components", i, f);
        too_long(&c.label, max, at("label"), "component label", diags);
        for (field, text) in [("tech", &c.tech), ("note", &c.note), ("zone", &c.zone)] {
            if let Some(t) = text {
                too_long(t, max, at(field), &format!("component {field}"), diags);
            }
        }
        for cap in &c.capabilities {
            too_long(cap, max, at("capabilities"), "capability", diags);
        }
        if let Some(Place::With(other)) = &c.place {
            too_long(other, max, at("place"), "placement", diags);
        }
    }
    for (i, l) in s.links.iter().enumerate() {
        let at = |f: &str| spans.value("links", i, f);
        too_long(&l.from, max, at("from"), "link source", diags);
        too_long(&l.to, max, at("to"), "link target", diags);
        for (field, text) in [
            ("protocol", &l.protocol),
            ("label", &l.label),
            ("note", &l.note),
        ] {
            if let Some(t) = text {
                too_long(t, max, at(field), &format!("link {field}"), diags);
            }
        }
        for (k, code) in l.allow.iter().enumerate() {
            let span = spans.entry(Some(("links", i)), "allow", k);
            too_long(code, max, span, "diagnostic code", diags);
        }
    }
    for (i, v) in s.variants.iter().enumerate() {
        let at = |f: &str| spans.value("variants", i, f);
        check_id_length(&v.id, at("id"), "variant", limits, diags);
        too_long(&v.title, max, at("title"), "variant title", diags);
        if let Some(t) = &v.summary {
            too_long(t, max, at("summary"), "variant summary", diags);
        }
        let maps = [("tech", &v.tech), ("note", &v.note), ("label", &v.label)];
        for (field, map) in maps {
            for (key, text) in map {
                too_long(key, max, at(field), &format!("variant {field} key"), diags);
                too_long(text, max, at(field), &format!("variant {field}"), diags);
            }
        }
        for key in v.replicas.keys().chain(&v.omit) {
            too_long(key, max, at("id"), "variant reference", diags);
        }
    }
    check_id_length(&s.id, top("id"), "scenario", limits, diags);
    for (i, z) in s.zones.iter().enumerate() {
        check_id_length(&z.id, spans.value("zones", i, "id"), "zone", limits, diags);
    }
    for (i, c) in s.components.iter().enumerate() {
        check_id_length(
            &c.id,
            spans.value("components", i, "id"),
            "component",
            limits,
            diags,
        );
    }
}

fn check_id_length(
    id: &str,
    span: Option<Range<usize>>,
    what: &str,
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
) {
    let max = limits.max_id_chars;
    if longer_than(id, max) {
        let n = id.chars().count();
        diags.push(
            Diagnostic::new(
                Code::TooLong,
                format!("the {what} id is {n} characters long; the limit is {max}"),
            )
            .at(span, format!("{n} characters"))
            .help("ids name output files and SVG elements; use a short name like `app-server`"),
        );
    }
}

/// The references validation resolved, ready to build the model from.
struct Resolved<'a> {
    parents: &'a [Option<usize>],
    component_zone: &'a [Option<usize>],
    places: Vec<Option<Placement>>,
    ends: Vec<(Endpoint, Endpoint)>,
    allow: Vec<DiagCode>,
    /// Each link's own `allow` codes.
    link_allow: Vec<Vec<DiagCode>>,
}

fn build(s: &Scenario, r: Resolved<'_>, spans: &Spans<'_>) -> Model {
    let Resolved {
        parents,
        component_zone,
        places,
        ends,
        allow,
        link_allow,
    } = r;
    let n = s.zones.len();
    // Depth and trust follow the parent chain (acyclic by now), each zone computed once
    // from its parent's: linear however deep the nesting.
    let mut depth = vec![0u32; n];
    let mut trust = vec![Trust::Internal; n];
    let mut known = vec![false; n];
    let mut chain = Vec::new();
    for i in 0..n {
        chain.clear();
        let mut cur = Some(i);
        while let Some(z) = cur.filter(|&z| !known[z]) {
            chain.push(z);
            cur = parents[z];
        }
        // `cur` is the nearest known ancestor, if any; fill in downwards from it.
        let mut above = cur.map(|p| (depth[p], trust[p]));
        for &z in chain.iter().rev() {
            let d = above.map_or(0, |(d, _)| d + 1);
            // Trust: the nearest explicitly written level on the way up.
            let t = s.zones[z]
                .trust
                .or(above.map(|(_, t)| t))
                .unwrap_or(Trust::Internal);
            depth[z] = d;
            trust[z] = t;
            known[z] = true;
            above = Some((d, t));
        }
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
        .zip(ends.into_iter().zip(link_allow))
        .enumerate()
        .map(|(i, (l, ((from, to), allow)))| model::Link {
            from,
            to,
            protocol: l.protocol.clone(),
            port: l.port.and_then(|p| u16::try_from(p).ok()),
            encrypted: l.encrypted,
            bidirectional: l.bidirectional,
            intermittent: l.intermittent,
            label: l.label.clone(),
            note: l.note.clone(),
            allow,
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
    // The ends of links: components, and zones whose border a link reaches.
    let mut linked = vec![false; m.components().len()];
    let mut linked_zone = vec![false; m.zones().len()];
    for l in m.links() {
        for end in [l.from, l.to] {
            match end {
                Endpoint::Component(c) => linked[c.index()] = true,
                Endpoint::Zone(z) => linked_zone[z.index()] = true,
            }
        }
    }
    let mut holds = vec![false; m.zones().len()];
    for c in m.components() {
        for z in m.ancestors(c.zone) {
            holds[z.index()] = true;
        }
    }
    // A zone that links reach stands for what the model leaves out (a partner's network
    // known only by its border), so it may be empty.
    for (i, z) in m.zones().iter().enumerate() {
        if !holds[i] && !linked_zone[i] {
            diags.push(
                Diagnostic::new(
                    Code::EmptyZone,
                    format!("zone `{}` holds no component", z.id),
                )
                .at(spans.value("zones", i, "id"), "empty zone")
                .help("add components to it (`zone: \"...\"`), link to it, or remove it"),
            );
        }
    }
    // A link to a zone's border reaches everything the zone holds (a scraper of a whole
    // cluster, the agents of a whole office): those components are linked too.
    for (i, c) in m.components().iter().enumerate() {
        let in_linked_zone = (m.ancestors(c.zone).iter()).any(|z| linked_zone[z.index()]);
        if !linked[i] && !in_linked_zone {
            diags.push(
                Diagnostic::new(
                    Code::UnlinkedComponent,
                    format!("component `{}` has no links", c.id),
                )
                .at(
                    spans.value("components", i, "id"),
                    "no link starts or ends here",
                )
                .help("add a link from or to it, or to a zone that holds it, or remove it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Style, check_str, check_str_with};

    /// A scenario with `zones` zones nested in a chain, `components` components in the
    /// innermost zone (or outside when there are none), and a link between neighbours.
    fn chain(zones: usize, components: usize) -> String {
        let mut t =
            String::from("Scenario(id: \"s\", title: \"S\", allow: [\"W0002\"], zones: [\n");
        for z in 0..zones {
            let parent = if z == 0 {
                String::new()
            } else {
                format!(", parent: \"z{}\"", z - 1)
            };
            t.push_str(&format!("Zone(id: \"z{z}\", label: \"Z\"{parent}),\n"));
        }
        t.push_str("], components: [\n");
        for c in 0..components {
            let zone = if zones > 0 {
                format!(", zone: \"z{}\"", zones - 1)
            } else {
                String::new()
            };
            t.push_str(&format!(
                "Component(id: \"c{c}\", label: \"C\", kind: AppServer{zone}),\n"
            ));
        }
        t.push_str("], links: [\n");
        for c in 1..components {
            t.push_str(&format!("Link(from: \"c{}\", to: \"c{c}\"),\n", c - 1));
        }
        t.push_str("])\n");
        t
    }

    fn codes(text: &str, limits: &Limits) -> Vec<Code> {
        diagnose(text, limits).0
    }

    /// The codes of `text`'s diagnostics within `limits`, and the plain report.
    fn diagnose(text: &str, limits: &Limits) -> (Vec<Code>, String) {
        let checked = check_str_with("t.ron", text, limits);
        let report = checked.source.render(&checked.diagnostics, Style::Plain);
        (checked.diagnostics.iter().map(|d| d.code).collect(), report)
    }

    #[test]
    fn counts_over_the_limits_are_refused_at_the_first_item_over() {
        let limits = Limits {
            max_components: 5,
            max_links: 3,
            ..Limits::default()
        };
        assert_eq!(codes(&chain(1, 4), &limits), []);
        let text = chain(1, 6);
        let (found, report) = diagnose(&text, &limits);
        assert_eq!(found, [Code::TooMany, Code::TooMany], "{report}");
        assert!(report.contains("error[E0018]: the scenario has 6 components; the limit is 5"));
        assert!(report.contains("component 6 is over the limit"));
        assert!(report.contains("the scenario has 5 links; the limit is 3"));
        // The caret is on the sixth component (line 9: header, zone, `]`, 5 before it).
        assert!(report.contains("t.ron:9:1"), "{report}");
        let limits = Limits {
            max_zones: 2,
            ..Limits::default()
        };
        assert_eq!(codes(&chain(3, 1), &limits), [Code::TooMany]);
    }

    #[test]
    fn nesting_over_the_limit_is_refused_once_per_subtree() {
        assert_eq!(codes(&chain(16, 1), &Limits::default()), []);
        let checked = check_str("t.ron", &chain(40, 1));
        let report = checked.source.render(&checked.diagnostics, Style::Plain);
        assert_eq!(checked.diagnostics.len(), 1, "{report}");
        assert!(
            report.contains(
                "zone `z16` is nested 17 levels deep (zones under it go down to level 40); \
                 the limit is 16"
            ),
            "{report}"
        );
        let limits = Limits {
            max_zone_depth: 1,
            ..Limits::default()
        };
        assert_eq!(codes(&chain(2, 1), &limits), [Code::TooDeep]);
    }

    #[test]
    fn deep_chains_and_long_cycles_validate_in_linear_time() {
        // 50,000 zones in one chain: quadratic walks would take minutes.
        let limits = Limits {
            max_zones: usize::MAX,
            max_zone_depth: usize::MAX,
            max_file_bytes: u64::MAX,
            ..Limits::default()
        };
        let text = chain(50_000, 1);
        assert_eq!(codes(&text, &limits), []);
        assert_eq!(codes(&text, &Limits::default()), [Code::TooMany]);
        let cycle = text.replacen(
            "Zone(id: \"z0\", label: \"Z\")",
            "Zone(id: \"z0\", label: \"Z\", parent: \"z49999\")",
            1,
        );
        assert_eq!(codes(&cycle, &limits), [Code::ZoneCycle]);
    }

    #[test]
    fn text_and_ids_over_the_limits_are_refused_where_they_are() {
        let limits = Limits {
            max_text_chars: 10,
            max_id_chars: 4,
            ..Limits::default()
        };
        let text = r#"Scenario(id: "s", title: "0123456789", allow: ["W0002"], components: [
            Component(id: "abcde", label: "ééééééééééé", kind: Client, note: "fine"),
        ])"#;
        let (found, report) = diagnose(text, &limits);
        assert_eq!(found, [Code::TooLong, Code::TooLong], "{report}");
        // Characters, not bytes: 11 two-byte characters.
        assert!(report.contains("the component label is 11 characters long; the limit is 10"));
        assert!(report.contains("the component id is 5 characters long; the limit is 4"));
        assert!(report.contains("t.ron:2:43"), "{report}");
    }

    #[test]
    fn a_huge_misspelt_reference_gets_no_expensive_suggestion() {
        let long = "x".repeat(1_000_000);
        let text = format!(
            r#"Scenario(id: "s", title: "S", components: [Component(id: "a", label: "A", kind: Client, zone: "{long}")])"#
        );
        let found = codes(&text, &Limits::default());
        assert_eq!(found, [Code::TooLong, Code::UnknownReference]);
    }

    #[test]
    fn unlimited_limits_accept_what_the_defaults_refuse() {
        let text = chain(20, 3);
        assert_eq!(codes(&text, &Limits::default()), [Code::TooDeep]);
        assert_eq!(codes(&text, &Limits::unlimited()), []);
    }

    #[test]
    fn a_link_to_a_zone_links_what_it_holds_and_may_end_at_an_empty_zone() {
        let text = r#"Scenario(id: "s", title: "S",
            zones: [
                Zone(id: "office", label: "Office"),
                Zone(id: "floor", label: "Floor", parent: "office"),
                Zone(id: "partner", label: "Partner network"),
                Zone(id: "spare", label: "Spare"),
            ],
            components: [
                Component(id: "agent", label: "Agent", kind: Client, zone: "floor"),
                Component(id: "siem", label: "SIEM", kind: Monitoring),
                Component(id: "idle", label: "Idle", kind: AppServer),
            ],
            links: [
                Link(from: "office", to: "siem"),
                Link(from: "siem", to: "partner"),
            ],
        )"#;
        let (found, report) = diagnose(text, &Limits::default());
        assert_eq!(
            found,
            [Code::EmptyZone, Code::UnlinkedComponent],
            "{report}"
        );
        assert!(
            report.contains("zone `spare` holds no component"),
            "{report}"
        );
        assert!(report.contains("component `idle` has no links"), "{report}");
    }
}
