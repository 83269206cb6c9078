//! The flow matrix: every link as a row a network or security team can review.

use serde::Serialize;

use crate::model::{Endpoint, Model, ZoneId};
use crate::scenario::Trust;

use super::crossings::{TrustDirection, crossing};

/// One end of a flow: a component or a zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FlowEnd {
    /// The author's id.
    pub id: String,
    /// The name on the diagram.
    pub label: String,
    /// Whether the end is a zone's border rather than a component.
    pub is_zone: bool,
}

/// The zone a flow starts or ends in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FlowZone {
    /// The zone's id.
    pub id: String,
    /// The zone's label.
    pub label: String,
    /// The zone's trust level.
    pub trust: Trust,
}

/// One row of the flow matrix: one link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Flow {
    /// The innermost zone of the source; `None` outside every zone.
    pub source_zone: Option<FlowZone>,
    /// The source component or zone.
    pub source: FlowEnd,
    /// The innermost zone of the destination.
    pub destination_zone: Option<FlowZone>,
    /// The destination component or zone.
    pub destination: FlowEnd,
    /// E.g. `HTTPS`.
    pub protocol: Option<String>,
    /// The destination port.
    pub port: Option<u16>,
    /// `None` when the scenario does not say.
    pub encrypted: Option<bool>,
    /// Against trust, from source to destination.
    pub direction: TrustDirection,
    /// Whether the flow leaves or enters a zone.
    pub crosses_boundary: bool,
    /// Whether data also flows back (arrowheads at both ends).
    pub bidirectional: bool,
    /// The link's explicit label, e.g. `replication`.
    pub label: Option<String>,
}

/// The flow matrix of a model: one row per link, in file order.
pub fn flows(model: &Model) -> Vec<Flow> {
    let zone = |z: Option<ZoneId>| {
        z.map(|z| {
            let zone = model.zone(z);
            FlowZone {
                id: zone.id.clone(),
                label: zone.label.clone(),
                trust: zone.trust,
            }
        })
    };
    let end = |e: Endpoint| FlowEnd {
        id: model.endpoint_id(e).to_owned(),
        label: model.endpoint_label(e).to_owned(),
        is_zone: matches!(e, Endpoint::Zone(_)),
    };
    model
        .link_ids()
        .map(|id| {
            let link = model.link(id);
            let c = crossing(model, id);
            Flow {
                source_zone: zone(c.from_zone),
                source: end(link.from),
                destination_zone: zone(c.to_zone),
                destination: end(link.to),
                protocol: link.protocol.clone(),
                port: link.port,
                encrypted: link.encrypted,
                direction: c.direction,
                crosses_boundary: c.crosses_boundary(),
                bidirectional: link.bidirectional,
                label: link.label.clone(),
            }
        })
        .collect()
}

fn encrypted_word(e: Option<bool>) -> &'static str {
    match e {
        Some(true) => "yes",
        Some(false) => "no",
        None => "unknown",
    }
}

fn trust_word(t: Trust) -> &'static str {
    match t {
        Trust::Untrusted => "Untrusted",
        Trust::Partner => "Partner",
        Trust::Perimeter => "Perimeter",
        Trust::Internal => "Internal",
        Trust::Restricted => "Restricted",
    }
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}

fn zone_title(z: Option<&FlowZone>) -> String {
    z.map_or_else(
        || "Outside every zone (Untrusted)".to_owned(),
        |z| format!("{} ({})", cell(&z.label), trust_word(z.trust)),
    )
}

/// The flow matrix as Markdown, grouped by boundary: one `##` section per (source zone,
/// destination zone) pair, in order of first appearance (`## Within ...` for flows inside
/// one zone), each with a table of its flows.
pub fn flows_markdown(flows: &[Flow]) -> String {
    let key = |f: &Flow| {
        (
            f.source_zone.as_ref().map(|z| z.id.clone()),
            f.destination_zone.as_ref().map(|z| z.id.clone()),
        )
    };
    let mut groups: Vec<(_, Vec<&Flow>)> = Vec::new();
    for f in flows {
        let k = key(f);
        match groups.iter_mut().find(|(g, _)| *g == k) {
            Some((_, rows)) => rows.push(f),
            None => groups.push((k, vec![f])),
        }
    }
    let mut out = String::new();
    for (i, (_, rows)) in groups.iter().enumerate() {
        let first = rows[0];
        if i > 0 {
            out.push('\n');
        }
        if first.source_zone == first.destination_zone {
            out.push_str(&format!(
                "## Within {}\n\n",
                zone_title(first.source_zone.as_ref())
            ));
        } else {
            out.push_str(&format!(
                "## {} → {}\n\n",
                zone_title(first.source_zone.as_ref()),
                zone_title(first.destination_zone.as_ref())
            ));
        }
        out.push_str(
            "| Source | Destination | Protocol | Port | Encrypted | Direction | Label |\n",
        );
        out.push_str("|---|---|---|---|---|---|---|\n");
        for f in rows {
            let both = if f.bidirectional { " (both ways)" } else { "" };
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {}{both} | {} |\n",
                cell(&f.source.label),
                cell(&f.destination.label),
                f.protocol.as_deref().map_or_else(String::new, cell),
                f.port.map_or_else(String::new, |p| p.to_string()),
                encrypted_word(f.encrypted),
                f.direction,
                f.label.as_deref().map_or_else(String::new, cell),
            ));
        }
    }
    out
}

/// A CSV field, quoted when it holds a comma, quote, line break or edge spaces
/// (RFC 4180; quotes doubled).
fn csv_field(text: &str) -> String {
    let needs =
        text.contains([',', '"', '\r', '\n']) || text.starts_with(' ') || text.ends_with(' ');
    if needs {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The column names of [`flows_csv`].
const CSV_HEADER: [&str; 16] = [
    "source_zone",
    "source_zone_id",
    "source_trust",
    "source",
    "source_id",
    "destination_zone",
    "destination_zone_id",
    "destination_trust",
    "destination",
    "destination_id",
    "protocol",
    "port",
    "encrypted",
    "direction",
    "bidirectional",
    "label",
];

/// The flow matrix as CSV (RFC 4180 quoting, `\n` line ends): a header row, then one row
/// per flow. Empty cells mean "outside every zone" or "not stated"; `encrypted` is `yes`,
/// `no` or `unknown`, `bidirectional` `yes` or `no`.
pub fn flows_csv(flows: &[Flow]) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push('\n');
    for f in flows {
        let zone = |z: &Option<FlowZone>| match z {
            Some(z) => [
                z.label.clone(),
                z.id.clone(),
                trust_word(z.trust).to_owned(),
            ],
            None => [
                String::new(),
                String::new(),
                trust_word(Trust::Untrusted).to_owned(),
            ],
        };
        let [sz, szi, st] = zone(&f.source_zone);
        let [dz, dzi, dt] = zone(&f.destination_zone);
        let row = [
            sz,
            szi,
            st,
            f.source.label.clone(),
            f.source.id.clone(),
            dz,
            dzi,
            dt,
            f.destination.label.clone(),
            f.destination.id.clone(),
            f.protocol.clone().unwrap_or_default(),
            f.port.map(|p| p.to_string()).unwrap_or_default(),
            encrypted_word(f.encrypted).to_owned(),
            f.direction.to_string(),
            if f.bidirectional { "yes" } else { "no" }.to_owned(),
            f.label.clone().unwrap_or_default(),
        ];
        let row: Vec<String> = row.iter().map(|s| csv_field(s)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// The flow matrix as a pretty-printed JSON array of [`Flow`] objects.
pub fn flows_json(flows: &[Flow]) -> String {
    // Serializing plain strings, numbers and enums cannot fail.
    serde_json::to_string_pretty(flows).unwrap_or_else(|_| "[]".to_owned())
}
