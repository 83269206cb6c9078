//! Security and structure lints on a valid model, and the severity policy.

use std::collections::{HashMap, VecDeque};

use crate::code::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{ComponentId, Endpoint, Link, Model, ZoneId};
use crate::scenario::{ComponentKind, Trust};

use super::crossings::{Crossing, crossings};
use super::span;

/// Runs every lint on a model and returns the findings sorted by position, without the
/// codes the scenario allows (`allow: [...]`), nor, for the findings about one link, the
/// codes that link allows.
///
/// The findings are warnings by default; a [`Policy`] can drop or escalate them. The
/// structural warnings W0001 (empty zone) and W0002 (unlinked component) come from
/// validation, not from here.
pub fn lint(model: &Model) -> Vec<Diagnostic> {
    let crossings = crossings(model);
    let mut out = Vec::new();
    for c in &crossings {
        let from = out.len();
        encryption(model, c, &mut out);
        untrusted_to_restricted(model, c, &mut out);
        partner_to_data_store(model, c, &mut out);
        allowed_by(model.link(c.link), &mut out, from);
    }
    single_points_of_failure(model, &mut out);
    duplicate_links(model, &mut out);
    out.retain(|d| !model.allow().contains(&d.code));
    out.sort_by_key(|d| d.primary_span().map_or(0, |s| s.start));
    out
}

/// How the command line changes diagnostics: codes it allows, and warnings it turns into
/// errors.
///
/// ```
/// use refarch_core::{Code, Diagnostic, Policy, Severity};
///
/// let mut diags = vec![
///     Diagnostic::new(Code::UnstatedEncryption, "encryption not stated"),
///     Diagnostic::new(Code::DuplicateLink, "link written twice"),
/// ];
/// let policy = Policy { deny_warnings: true, allow: vec![Code::DuplicateLink], ..Policy::default() };
/// policy.apply(&mut diags);
/// assert_eq!(diags.len(), 1);
/// assert_eq!(diags[0].severity, Severity::Error);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    /// `--deny warnings`: every warning left becomes an error.
    pub deny_warnings: bool,
    /// `--allow CODE`: warnings with these codes are dropped. Errors are never dropped,
    /// since a file with errors cannot be used.
    pub allow: Vec<Code>,
    /// `--deny CODE`: warnings with these codes become errors.
    pub deny: Vec<Code>,
}

impl Policy {
    /// Drops allowed warnings, then raises denied ones to errors. `allow` wins over
    /// `deny` and `deny_warnings`.
    pub fn apply(&self, diags: &mut Vec<Diagnostic>) {
        diags.retain(|d| d.is_error() || !self.allow.contains(&d.code));
        for d in diags {
            if d.severity == Severity::Warning
                && (self.deny_warnings || self.deny.contains(&d.code))
            {
                d.severity = Severity::Error;
            }
        }
    }
}

/// `from` → `to` with the authors' ids, for messages.
/// Drops the findings from `out[from..]` (all about `link`) whose codes the link allows.
fn allowed_by(link: &Link, out: &mut Vec<Diagnostic>, from: usize) {
    let found = out.split_off(from);
    out.extend(found.into_iter().filter(|d| !link.allow.contains(&d.code)));
}

fn arrow(model: &Model, link: &Link) -> String {
    format!(
        "`{}` → `{}`",
        model.endpoint_id(link.from),
        model.endpoint_id(link.to)
    )
}

/// "leaves `dmz`, enters `private`".
fn passes(model: &Model, c: &Crossing) -> String {
    let list = |zones: &[ZoneId]| {
        zones
            .iter()
            .map(|&z| format!("`{}`", model.zone(z).id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (c.leaves.is_empty(), c.enters.is_empty()) {
        (false, false) => format!("leaves {}, enters {}", list(&c.leaves), list(&c.enters)),
        (false, true) => format!("leaves {}", list(&c.leaves)),
        _ => format!("enters {}", list(&c.enters)),
    }
}

/// L0001 and L0002: boundary-crossing links in plaintext or of unstated encryption.
fn encryption(model: &Model, c: &Crossing, out: &mut Vec<Diagnostic>) {
    if !c.crosses_boundary() {
        return;
    }
    let link = model.link(c.link);
    match link.encrypted {
        Some(true) => {}
        Some(false) => out.push(
            Diagnostic::new(
                Code::PlaintextCrossing,
                format!(
                    "plaintext link {} crosses a trust boundary",
                    arrow(model, link)
                ),
            )
            .at(
                span(&link.span),
                format!("`encrypted: false`; the link {}", passes(model, c)),
            )
            .help("encrypt the flow (TLS, a tunnel) and write `encrypted: true`"),
        ),
        None => out.push(
            Diagnostic::new(
                Code::UnstatedEncryption,
                format!(
                    "link {} crosses a trust boundary but does not say whether it is encrypted",
                    arrow(model, link)
                ),
            )
            .at(span(&link.span), format!("the link {}", passes(model, c)))
            .help("write `encrypted: true` or `encrypted: false`"),
        ),
    }
}

/// L0003: from `Untrusted` straight into `Restricted` without passing a `Perimeter` zone
/// (either way round for a bidirectional link).
fn untrusted_to_restricted(model: &Model, c: &Crossing, out: &mut Vec<Diagnostic>) {
    let link = model.link(c.link);
    let forward = c.from_trust == Trust::Untrusted && c.to_trust == Trust::Restricted;
    let backward =
        link.bidirectional && c.to_trust == Trust::Untrusted && c.from_trust == Trust::Restricted;
    if !(forward || backward) {
        return;
    }
    if c.boundaries()
        .any(|z| model.zone(z).trust == Trust::Perimeter)
    {
        return;
    }
    let mut d = Diagnostic::new(
        Code::UntrustedToRestricted,
        format!(
            "link {} goes from an untrusted zone straight into a restricted one",
            arrow(model, link)
        ),
    )
    .at(span(&link.span), "no perimeter zone on the way");
    if let Some(z) = if forward { c.to_zone } else { c.from_zone } {
        d = d.also(span(&model.zone(z).span), "the restricted zone");
    }
    out.push(d.help("route the flow through a proxy or gateway in a `Perimeter` zone"));
}

/// Components in `zone` or any zone nested in it, in file order.
fn components_within(model: &Model, zone: ZoneId) -> Vec<ComponentId> {
    model
        .component_ids()
        .filter(|&c| {
            model
                .component(c)
                .zone
                .is_some_and(|z| model.zone_within(z, zone))
        })
        .collect()
}

/// The first data store of higher trust than `Partner` at an end: the component itself,
/// or for a zone end the first such store inside it.
fn store_at(model: &Model, end: Endpoint) -> Option<ComponentId> {
    let candidates = match end {
        Endpoint::Component(id) => vec![id],
        Endpoint::Zone(z) => components_within(model, z),
    };
    candidates.into_iter().find(|&s| {
        let comp = model.component(s);
        comp.kind.is_data_store()
            && comp.zone.map_or(Trust::Untrusted, |z| model.zone(z).trust) > Trust::Partner
    })
}

/// L0004: a `Partner` end linking to a data store of higher trust (either way round for a
/// bidirectional link).
fn partner_to_data_store(model: &Model, c: &Crossing, out: &mut Vec<Diagnostic>) {
    if !c.crosses_boundary() {
        return;
    }
    let link = model.link(c.link);
    let forward = (c.from_trust == Trust::Partner)
        .then(|| store_at(model, link.to).map(|s| (s, link.to)))
        .flatten();
    let backward = (link.bidirectional && c.to_trust == Trust::Partner)
        .then(|| store_at(model, link.from).map(|s| (s, link.from)))
        .flatten();
    let Some((store, end)) = forward.or(backward) else {
        return;
    };
    let comp = model.component(store);
    let mut d = Diagnostic::new(
        Code::PartnerToDataStore,
        format!(
            "link {} lets a partner zone reach the data store `{}` directly",
            arrow(model, link),
            comp.id
        ),
    )
    .at(span(&link.span), "partner traffic straight to a data store");
    if end != Endpoint::Component(store) {
        d = d.also(span(&comp.span), "the data store");
    }
    out.push(d.help("put an application server, gateway or integration component in between"));
}

/// L0006: the same from/to/protocol/port written twice; reported at the repetition.
fn duplicate_links(model: &Model, out: &mut Vec<Diagnostic>) {
    let mut seen = HashMap::new();
    for id in model.link_ids() {
        let link = model.link(id);
        let protocol = link
            .protocol
            .as_deref()
            .map(|p| p.trim().to_ascii_lowercase());
        let key = (link.from, link.to, protocol, link.port);
        match seen.get(&key) {
            None => {
                seen.insert(key, id);
            }
            Some(&first) => {
                let from = out.len();
                out.push(
                    Diagnostic::new(
                        Code::DuplicateLink,
                        format!("link {} is written twice", arrow(model, link)),
                    )
                    .at(span(&link.span), "same from, to, protocol and port")
                    .also(span(&model.link(first).span), "first written here")
                    .help("remove one of the two links"),
                );
                allowed_by(link, out, from);
            }
        }
    }
}

/// The data-flow graph for reachability: one node per component, plus two per zone so
/// that a link to a zone reaches every component in it (`zone_in`) and a link from a zone
/// leaves from every component in it (`zone_out`).
struct Graph {
    components: usize,
    edges: Vec<Vec<usize>>,
}

impl Graph {
    fn new(model: &Model) -> Self {
        let n = model.components().len();
        let z = model.zones().len();
        let mut edges = vec![Vec::new(); n + 2 * z];
        let zone_in = |zone: ZoneId| n + zone.index();
        let zone_out = |zone: ZoneId| n + z + zone.index();
        let source = |end| match end {
            Endpoint::Component(c) => ComponentId::index(c),
            Endpoint::Zone(zone) => zone_out(zone),
        };
        let target = |end| match end {
            Endpoint::Component(c) => ComponentId::index(c),
            Endpoint::Zone(zone) => zone_in(zone),
        };
        for link in model.links() {
            edges[source(link.from)].push(target(link.to));
            if link.bidirectional {
                edges[source(link.to)].push(target(link.from));
            }
        }
        for zone in model.zone_ids() {
            for c in components_within(model, zone) {
                edges[zone_in(zone)].push(c.index());
                edges[c.index()].push(zone_out(zone));
            }
        }
        Self {
            components: n,
            edges,
        }
    }

    /// Which components can be reached from `starts` without passing `removed`.
    fn reach(&self, starts: &[usize], removed: Option<usize>) -> Vec<bool> {
        let mut seen = vec![false; self.edges.len()];
        let mut queue: VecDeque<usize> = VecDeque::new();
        for &s in starts {
            if Some(s) != removed && !seen[s] {
                seen[s] = true;
                queue.push_back(s);
            }
        }
        while let Some(v) = queue.pop_front() {
            for &w in &self.edges[v] {
                if Some(w) != removed && !seen[w] {
                    seen[w] = true;
                    queue.push_back(w);
                }
            }
        }
        seen.truncate(self.components);
        seen
    }
}

/// Where traffic enters the system: users, clients, devices and anything in an
/// `Untrusted` zone; failing those, the components no link reaches that link somewhere.
fn entry_points(model: &Model, graph: &Graph) -> Vec<usize> {
    let entries: Vec<usize> = model
        .component_ids()
        .filter(|&c| {
            let comp = model.component(c);
            matches!(
                comp.kind,
                ComponentKind::User | ComponentKind::Client | ComponentKind::Device
            ) || comp
                .zone
                .is_some_and(|z| model.zone(z).trust == Trust::Untrusted)
        })
        .map(ComponentId::index)
        .collect();
    if !entries.is_empty() {
        return entries;
    }
    let mut reached = vec![false; graph.components];
    for targets in &graph.edges {
        for &t in targets {
            if t < graph.components {
                reached[t] = true;
            }
        }
    }
    (0..graph.components)
        .filter(|&c| !reached[c] && !graph.edges[c].is_empty())
        .filter(|&c| !model.components()[c].kind.is_data_store())
        .collect()
}

/// L0005: in a high-availability scenario, single-instance components whose failure
/// cuts every entry point off a data store (cut vertices between the entry points and
/// the data stores of the directed data-flow graph).
fn single_points_of_failure(model: &Model, out: &mut Vec<Diagnostic>) {
    if !model.high_availability() {
        return;
    }
    let graph = Graph::new(model);
    let entries = entry_points(model, &graph);
    let reached = graph.reach(&entries, None);
    let stores: Vec<usize> = (0..graph.components)
        .filter(|&c| reached[c] && model.components()[c].kind.is_data_store())
        .collect();
    if stores.is_empty() {
        return;
    }
    for (v, comp) in model.components().iter().enumerate() {
        if comp.replicas != 1 || !reached[v] || entries.contains(&v) {
            continue;
        }
        let without = graph.reach(&entries, Some(v));
        let cut: Vec<usize> = stores
            .iter()
            .copied()
            .filter(|&s| s != v && !without[s])
            .collect();
        let Some(&first) = cut.first() else { continue };
        let names = cut
            .iter()
            .map(|&s| format!("`{}`", model.components()[s].id))
            .collect::<Vec<_>>()
            .join(", ");
        let mut d = Diagnostic::new(
            Code::SinglePointOfFailure,
            format!(
                "`{}` runs a single instance and is the only way to reach {names}",
                comp.id
            ),
        )
        .at(span(&comp.span), "a single point of failure");
        d = d.also(
            span(&model.components()[first].span),
            "unreachable if it fails",
        );
        out.push(d.help(
            "run more instances (`replicas: 2`), add a redundant path, \
             or drop `high_availability`",
        ));
    }
}
