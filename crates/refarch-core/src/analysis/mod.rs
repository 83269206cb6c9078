//! Trust-boundary analysis: which zones each link crosses, security lints, the flow matrix
//! and SARIF output.
//!
//! Every zone is a trust boundary. A link whose two ends sit in different zones leaves the
//! zones between its source and the zone tree's lowest common ancestor, and enters those
//! between that ancestor and its destination ([`crossings()`]). Comparing the trust of the
//! two ends gives its [`TrustDirection`]. A component outside every zone counts as
//! [`Trust::Untrusted`]: nobody vouches for it.
//!
//! [`lint`] reports the `L` codes (plaintext or unstated encryption on boundary-crossing
//! links, untrusted-to-restricted shortcuts, partners reaching data stores, single points
//! of failure in high-availability scenarios, duplicate links); a [`Policy`] applies the
//! command line's `--allow` and `--deny warnings`. [`flows()`] builds the flow matrix that
//! [`flows_markdown`], [`flows_csv`] and [`flows_json`] write, and [`sarif()`] turns
//! diagnostics into a SARIF 2.1.0 log for code-scanning tools.
//!
//! ```
//! use refarch_core::{Code, TrustDirection, check_str, crossings, flows, flows_csv, lint};
//!
//! let text = r#"Scenario(
//!     id: "demo",
//!     title: "Demo",
//!     zones: [
//!         Zone(id: "internet", label: "Internet", trust: Untrusted),
//!         Zone(id: "dmz", label: "DMZ", trust: Perimeter),
//!         Zone(id: "private", label: "Private network", trust: Internal)
//!     ],
//!     components: [
//!         Component(id: "clients", label: "Clients", kind: Client, zone: "internet"),
//!         Component(id: "proxy", label: "NGINX", kind: Proxy, zone: "dmz"),
//!         Component(id: "app", label: "App server", kind: AppServer, zone: "private")
//!     ],
//!     links: [
//!         Link(from: "clients", to: "proxy", protocol: "HTTPS", port: 443, encrypted: true),
//!         Link(from: "proxy", to: "app", protocol: "HTTP", port: 8065, encrypted: false)
//!     ],
//! )"#;
//! let checked = check_str("demo.ron", text);
//! let model = checked.model.expect("valid");
//!
//! let crossing = &crossings(&model)[1];
//! assert_eq!(crossing.direction, TrustDirection::Inbound);
//! assert_eq!(model.zone(crossing.leaves[0]).id, "dmz");
//! assert_eq!(model.zone(crossing.enters[0]).id, "private");
//!
//! let findings = lint(&model);
//! assert_eq!(findings.len(), 1);
//! assert_eq!(findings[0].code, Code::PlaintextCrossing);
//! assert_eq!(checked.source.line_col(findings[0].primary_span().expect("span").start).0, 16);
//!
//! let csv = flows_csv(&flows(&model));
//! assert!(csv.lines().nth(2).expect("row").contains("DMZ,dmz,Perimeter,NGINX,proxy"));
//! ```

mod crossings;
mod flows;
mod lints;
mod sarif;

pub use crossings::{Crossing, TrustDirection, crossings};
pub use flows::{Flow, FlowEnd, FlowZone, flows, flows_csv, flows_json, flows_markdown};
pub use lints::{Policy, lint};
pub use sarif::sarif;

use std::ops::Range;

use crate::model::{Endpoint, Model};
use crate::scenario::Trust;

/// The trust of an endpoint: its zone's, or `Untrusted` outside every zone.
fn endpoint_trust(model: &Model, end: Endpoint) -> Trust {
    model
        .endpoint_zone(end)
        .map_or(Trust::Untrusted, |z| model.zone(z).trust)
}

/// A span for a diagnostic label, or none for items built in code (empty span).
fn span(range: &Range<usize>) -> Option<Range<usize>> {
    (!range.is_empty()).then(|| range.clone())
}
