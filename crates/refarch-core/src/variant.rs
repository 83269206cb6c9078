//! Variants: one scenario file, several diagrams of the same deployment.
//!
//! A page often shows one architecture at several sizes or on several clouds (the HA page's
//! tabs, the scaling tiers). Rather than copying the file, the scenario lists
//! [`Variant`]s: each names a diagram of its own (`id`, `title`) and says only what differs
//! from the base: replica counts, instance sizes (`tech`), notes and labels, and the
//! components or zones it leaves out. [`expand_variants`] turns each into a complete
//! [`Scenario`]; [`validate_variants`] reports overrides that name no component or zone.
//!
//! ```
//! use refarch_core::{Code, check_str, expand_variants, parse, validate_variants};
//!
//! let text = r#"Scenario(
//!     id: "ha",
//!     title: "HA",
//!     components: [
//!         Component(id: "lb", label: "Load balancer", kind: LoadBalancer),
//!         Component(id: "app", label: "App server", kind: AppServer, replicas: 2, tech: "c7i.large"),
//!         Component(id: "cache", label: "Redis", kind: Cache)
//!     ],
//!     links: [
//!         Link(from: "lb", to: "app", protocol: "HTTP", port: 8065),
//!         Link(from: "app", to: "cache", protocol: "Redis", port: 6379)
//!     ],
//!     variants: [
//!         Variant(
//!             id: "ha-large",
//!             title: "HA, large",
//!             replicas: {"app": 6},
//!             tech: {"app": "c7i.2xlarge"},
//!         ),
//!         Variant(id: "ha-small", title: "HA, small", omit: ["cache"]),
//!     ],
//! )"#;
//! assert!(check_str("ha.ron", text).diagnostics.is_empty());
//! let scenario = parse(text).expect("valid").scenario;
//! assert!(validate_variants(&scenario).is_empty());
//!
//! let expanded = expand_variants(&scenario);
//! assert_eq!(expanded[0].id, "ha-large");
//! assert_eq!(expanded[0].components[1].replicas, Some(6));
//! assert_eq!(expanded[0].components[1].tech.as_deref(), Some("c7i.2xlarge"));
//! assert_eq!(expanded[1].components.len(), 2);
//! assert_eq!(expanded[1].links.len(), 1); // the link to the omitted cache goes too
//!
//! // A misspelt id is an unknown reference, with a suggestion.
//! let bad = parse(&text.replace(r#"{"app": 6}"#, r#"{"ap": 6}"#)).expect("valid").scenario;
//! let diagnostics = validate_variants(&bad);
//! assert_eq!(diagnostics[0].code, Code::UnknownReference);
//! assert!(diagnostics[0].help.as_deref().unwrap().contains("did you mean `app`?"));
//! ```

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::ron_index::{self, Node};
use crate::scenario::Scenario;
use crate::suggest::did_you_mean;

/// One more diagram of a scenario's deployment: the base scenario with a few overrides.
///
/// Written in the scenario's `variants: [...]` list:
///
/// ```ron
/// Variant(
///     id: "high-availability-aws-10k",
///     title: "Deploy with High Availability: 10,000 users on AWS",
///     summary: "Two app nodes and a job node on c7i.xlarge, Aurora on db.r7g.xlarge.",
///     replicas: {"app01": 1},
///     tech: {"app01": "c7i.xlarge", "db-writer": "db.r7g.xlarge"},
///     note: {"db-writer": "1 writer, 1 reader"},
///     label: {"users": "Concurrent users (10,000)"},
///     omit: ["redis"],
/// )
/// ```
///
/// Every map is keyed by the ids of the base scenario; an id the base does not have is an
/// error ([`validate_variants`]). Everything not overridden is the base's: zones,
/// components, links, `doc`, `direction`, `allow`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// The expanded scenario's id: `[a-z0-9-]+`, unique across scenarios and variants
    /// (names its output files). By convention the base id plus a suffix.
    pub id: String,
    /// The expanded scenario's title.
    pub title: String,
    /// The expanded scenario's summary. Default: the base's.
    #[serde(default)]
    pub summary: Option<String>,
    /// Whether the variant claims high availability. Default: the base's.
    #[serde(default)]
    pub high_availability: Option<bool>,
    /// Component id → instance count (at least 1).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub replicas: BTreeMap<String, u32>,
    /// Component id → product or instance size, replacing the component's `tech`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tech: BTreeMap<String, String>,
    /// Component id → remark, replacing the component's `note`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub note: BTreeMap<String, String>,
    /// Component or zone id → label, replacing its `label`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub label: BTreeMap<String, String>,
    /// Component or zone ids left out of the variant. Leaving out a zone leaves out the
    /// zones nested in it and every component inside; links that touch anything left out
    /// go too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub omit: Vec<String>,
}

/// Every variant of `scenario`, each expanded into a complete scenario: the base with the
/// variant's overrides applied and its own id, title and (when given) summary and
/// `high_availability`. The result has no variants of its own. Overrides naming an id the
/// base does not have are ignored here; [`validate_variants`] reports them.
pub fn expand_variants(scenario: &Scenario) -> Vec<Scenario> {
    scenario
        .variants
        .iter()
        .map(|v| expand(scenario, v))
        .collect()
}

fn expand(base: &Scenario, v: &Variant) -> Scenario {
    let mut s = base.clone();
    s.variants.clear();
    s.id.clone_from(&v.id);
    s.title.clone_from(&v.title);
    if v.summary.is_some() {
        s.summary.clone_from(&v.summary);
    }
    if let Some(ha) = v.high_availability {
        s.high_availability = ha;
    }

    // Zones left out: the named ones and everything nested in them.
    let mut gone_zones: HashSet<String> = v
        .omit
        .iter()
        .filter(|id| base.zones.iter().any(|z| &z.id == *id))
        .cloned()
        .collect();
    loop {
        let before = gone_zones.len();
        for z in &base.zones {
            if z.parent.as_ref().is_some_and(|p| gone_zones.contains(p)) {
                gone_zones.insert(z.id.clone());
            }
        }
        if gone_zones.len() == before {
            break;
        }
    }
    let gone_components: HashSet<String> = base
        .components
        .iter()
        .filter(|c| {
            v.omit.contains(&c.id) || c.zone.as_ref().is_some_and(|z| gone_zones.contains(z))
        })
        .map(|c| c.id.clone())
        .collect();
    let gone = |id: &String| gone_zones.contains(id) || gone_components.contains(id);

    s.zones.retain(|z| !gone(&z.id));
    s.components.retain(|c| !gone(&c.id));
    s.links.retain(|l| !gone(&l.from) && !gone(&l.to));

    for z in &mut s.zones {
        if let Some(label) = v.label.get(&z.id) {
            z.label.clone_from(label);
        }
    }
    for c in &mut s.components {
        if let Some(&n) = v.replicas.get(&c.id) {
            c.replicas = Some(n);
        }
        if let Some(tech) = v.tech.get(&c.id) {
            c.tech = Some(tech.clone());
        }
        if let Some(note) = v.note.get(&c.id) {
            c.note = Some(note.clone());
        }
        if let Some(label) = v.label.get(&c.id) {
            c.label.clone_from(label);
        }
    }
    s
}

/// Checks the variants of a scenario without source text (diagnostics carry no spans).
///
/// Reports: a variant id that is not `[a-z0-9-]+` (E0009), one that repeats the base's or
/// another variant's id (E0006), an empty title or label (E0010), a replica count of 0
/// (E0011), and override keys or `omit` entries naming no component (or, for `label` and
/// `omit`, no zone) of the base (E0007, with a did-you-mean suggestion). It also validates
/// each expanded variant and reports what the base does not already have, e.g. a zone that
/// the variant leaves empty.
pub fn validate_variants(scenario: &Scenario) -> Vec<Diagnostic> {
    check(
        scenario,
        Spans {
            root: None,
            text: "",
        },
    )
}

/// Like [`validate_variants`], with spans pointing into `text`, the scenario file's source.
pub fn validate_variants_in(scenario: &Scenario, text: &str) -> Vec<Diagnostic> {
    let root = ron_index::index(text);
    check(
        scenario,
        Spans {
            root: root.as_ref(),
            text,
        },
    )
}

/// Where a variant's parts sit in the source, when an index is available.
struct Spans<'a> {
    root: Option<&'a Node>,
    text: &'a str,
}

impl Spans<'_> {
    fn variant(&self, i: usize) -> Option<&Node> {
        self.root?.field("variants")?.value.items().get(i)
    }

    fn field(&self, i: usize, name: &str) -> Option<Range<usize>> {
        Some(self.variant(i)?.field(name)?.value.span.clone())
    }

    /// The span of map key `key` in the variant's map field `name`, else the whole map.
    fn key(&self, i: usize, name: &str, key: &str) -> Option<Range<usize>> {
        let items = self.variant(i)?.field(name)?.value.items();
        items
            .iter()
            .step_by(2)
            .find(|n| {
                self.text
                    .get(n.span.clone())
                    .is_some_and(|t| t.trim_matches('"') == key)
            })
            .map(|n| n.span.clone())
            .or_else(|| self.field(i, name))
    }

    /// The span of the `n`-th item of the variant's list field `name`.
    fn item(&self, i: usize, name: &str, n: usize) -> Option<Range<usize>> {
        Some(
            self.variant(i)?
                .field(name)?
                .value
                .items()
                .get(n)?
                .span
                .clone(),
        )
    }
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn check(scenario: &Scenario, spans: Spans<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let component_ids: Vec<&str> = scenario.components.iter().map(|c| c.id.as_str()).collect();
    let zone_ids: Vec<&str> = scenario.zones.iter().map(|z| z.id.as_str()).collect();
    let any_ids: Vec<&str> = component_ids.iter().chain(&zone_ids).copied().collect();
    let mut seen: Vec<&str> = vec![scenario.id.as_str()];

    for (i, v) in scenario.variants.iter().enumerate() {
        let id_span = spans.field(i, "id");
        if !is_valid_id(&v.id) {
            out.push(
                Diagnostic::new(Code::InvalidId, format!("invalid variant id `{}`", v.id))
                    .at(id_span.clone(), "not `[a-z0-9-]+`")
                    .help("use lowercase letters, digits and `-`"),
            );
        } else if seen.contains(&v.id.as_str()) {
            out.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    format!("duplicate variant id `{}`", v.id),
                )
                .at(id_span.clone(), "used before")
                .help("give every variant an id of its own, e.g. the base id plus a suffix"),
            );
        }
        seen.push(&v.id);
        if v.title.trim().is_empty() {
            out.push(
                Diagnostic::new(
                    Code::EmptyLabel,
                    format!("variant `{}` has an empty title", v.id),
                )
                .at(spans.field(i, "title"), "empty"),
            );
        }

        let source_key = |name: &str, key: &str| spans.key(i, name, key);
        let mut unknown =
            |name: &str, key: &str, candidates: &[&str], what: &str, at: Option<Range<usize>>| {
                let mut d = Diagnostic::new(
                    Code::UnknownReference,
                    format!("variant `{}`: unknown {what} `{key}` in `{name}`", v.id),
                )
                .at(at, format!("no {what} with this id in the base scenario"));
                d = match did_you_mean(key, candidates.iter().copied()) {
                    Some(s) => d.help(format!("did you mean `{s}`?")),
                    None => d.help(format!("`{name}` keys are the base scenario's {what} ids")),
                };
                out.push(d);
            };
        for key in v.replicas.keys() {
            if !component_ids.contains(&key.as_str()) {
                unknown(
                    "replicas",
                    key,
                    &component_ids,
                    "component",
                    source_key("replicas", key),
                );
            }
        }
        for key in v.tech.keys() {
            if !component_ids.contains(&key.as_str()) {
                unknown(
                    "tech",
                    key,
                    &component_ids,
                    "component",
                    source_key("tech", key),
                );
            }
        }
        for key in v.note.keys() {
            if !component_ids.contains(&key.as_str()) {
                unknown(
                    "note",
                    key,
                    &component_ids,
                    "component",
                    source_key("note", key),
                );
            }
        }
        for key in v.label.keys() {
            if !any_ids.contains(&key.as_str()) {
                unknown(
                    "label",
                    key,
                    &any_ids,
                    "component or zone",
                    source_key("label", key),
                );
            }
        }
        for (n, key) in v.omit.iter().enumerate() {
            if !any_ids.contains(&key.as_str()) {
                unknown(
                    "omit",
                    key,
                    &any_ids,
                    "component or zone",
                    spans.item(i, "omit", n),
                );
            }
        }
        for (key, &n) in &v.replicas {
            if n == 0 {
                out.push(
                    Diagnostic::new(
                        Code::ZeroReplicas,
                        format!("variant `{}`: `{key}` has 0 replicas", v.id),
                    )
                    .at(source_key("replicas", key), "must be at least 1")
                    .help("leave the component out with `omit` instead"),
                );
            }
        }
        for (key, text) in &v.label {
            if text.trim().is_empty() {
                out.push(
                    Diagnostic::new(
                        Code::EmptyLabel,
                        format!("variant `{}`: empty label for `{key}`", v.id),
                    )
                    .at(spans.field(i, "label"), "empty"),
                );
            }
        }
    }

    // What the expansions add to the base's own diagnostics (e.g. a zone left empty).
    let base: HashSet<(Code, String)> = crate::validate(&strip(scenario))
        .diagnostics
        .into_iter()
        .map(|d| (d.code, d.message))
        .collect();
    for (i, expanded) in expand_variants(scenario).iter().enumerate() {
        for d in crate::validate(expanded).diagnostics {
            // Ids, titles, labels and replica counts are reported on the variant above;
            // limits on the base (an expansion only ever shrinks it).
            if matches!(
                d.code,
                Code::InvalidId
                    | Code::EmptyLabel
                    | Code::ZeroReplicas
                    | Code::TooMany
                    | Code::TooDeep
                    | Code::TooLong
            ) || base.contains(&(d.code, d.message.clone()))
            {
                continue;
            }
            let message = format!("variant `{}`: {}", expanded.id, d.message);
            let mut nd =
                Diagnostic::new(d.code, message).at(spans.field(i, "id"), "in this variant");
            if let Some(h) = d.help {
                nd = nd.help(h);
            }
            out.push(nd);
        }
    }
    out
}

/// The scenario without its variants (what the base validates as).
fn strip(scenario: &Scenario) -> Scenario {
    let mut s = scenario.clone();
    s.variants.clear();
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse;

    const BASE: &str = r#"Scenario(
    id: "base",
    title: "Base",
    zones: [
        Zone(id: "dc", label: "Data center"),
        Zone(id: "data", label: "Data", parent: "dc"),
        Zone(id: "cold", label: "Cold storage", parent: "data")
    ],
    components: [
        Component(id: "app", label: "App", kind: AppServer, zone: "dc", replicas: 2),
        Component(id: "db", label: "DB", kind: Database, zone: "data"),
        Component(id: "archive", label: "Archive", kind: FileStore, zone: "cold")
    ],
    links: [
        Link(from: "app", to: "db"),
        Link(from: "app", to: "archive"),
        Link(from: "app", to: "cold")
    ],
    variants: [VARIANTS],
)"#;

    fn scenario(variants: &str) -> (String, Scenario) {
        let text = BASE.replace("VARIANTS", variants);
        let s = parse(&text).expect("parses").scenario;
        (text, s)
    }

    #[test]
    fn omitting_a_zone_drops_nested_zones_their_components_and_links() {
        let (_, s) = scenario(r#"Variant(id: "hot", title: "Hot only", omit: ["cold"])"#);
        let v = &expand_variants(&s)[0];
        assert_eq!(v.zones.len(), 2);
        assert!(v.components.iter().all(|c| c.id != "archive"));
        assert_eq!(v.links.len(), 1);
        assert!(v.variants.is_empty());
        assert!(validate_variants(&s).is_empty());
        // The base is untouched.
        assert_eq!(s.components.len(), 3);
    }

    #[test]
    fn overrides_replace_only_what_they_name() {
        let (_, s) = scenario(
            r#"Variant(id: "big", title: "Big", summary: "Bigger.", high_availability: true,
                replicas: {"app": 5}, tech: {"db": "db.r7g.4xlarge"}, note: {"db": "writer"},
                label: {"dc": "Region", "app": "App node"})"#,
        );
        let v = &expand_variants(&s)[0];
        assert_eq!((v.id.as_str(), v.title.as_str()), ("big", "Big"));
        assert_eq!(v.summary.as_deref(), Some("Bigger."));
        assert!(v.high_availability);
        let app = &v.components[0];
        assert_eq!((app.replicas, app.label.as_str()), (Some(5), "App node"));
        assert_eq!(v.components[1].tech.as_deref(), Some("db.r7g.4xlarge"));
        assert_eq!(v.components[1].note.as_deref(), Some("writer"));
        assert_eq!(v.components[2], s.components[2]);
        assert_eq!(v.zones[0].label, "Region");
        assert_eq!(v.links, s.links);
    }

    #[test]
    fn reports_bad_ids_zero_replicas_and_unknown_references_with_spans() {
        let (text, s) = scenario(
            r#"Variant(id: "base", title: "Same id"),
               Variant(id: "Big", title: ""),
               Variant(id: "ok", title: "OK", replicas: {"app": 0, "dbb": 2}, omit: ["colt"])"#,
        );
        let d = validate_variants_in(&s, &text);
        let codes: Vec<Code> = d.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [
                Code::DuplicateId,
                Code::InvalidId,
                Code::EmptyLabel,
                Code::UnknownReference,
                Code::UnknownReference,
                Code::ZeroReplicas,
            ]
        );
        let at = |d: &Diagnostic| &text[d.primary_span().expect("span")];
        assert_eq!(at(&d[3]), r#""dbb""#);
        assert_eq!(d[3].help.as_deref(), Some("did you mean `db`?"));
        assert_eq!(at(&d[4]), r#""colt""#);
        assert_eq!(d[4].help.as_deref(), Some("did you mean `cold`?"));
        assert_eq!(at(&d[5]), r#""app""#);
        // Without the text, the same findings, without spans.
        assert_eq!(validate_variants(&s).len(), d.len());
    }

    #[test]
    fn reports_what_an_expansion_breaks() {
        // Without the app, nothing links to the database or the archive. (Without the
        // archive, its zone would be empty but still linked to, which is fine.)
        let (_, s) = scenario(r#"Variant(id: "no-app", title: "No app", omit: ["app"])"#);
        let d = validate_variants(&s);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d.iter().all(|d| d.code == Code::UnlinkedComponent));
        assert!(d[0].message.starts_with("variant `no-app`: "));
    }
}
