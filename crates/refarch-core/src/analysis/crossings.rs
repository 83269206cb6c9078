//! Which zones a link leaves and enters, and whether it goes towards more or less trust.

use serde::Serialize;

use crate::model::{LinkId, Model, ZoneId};
use crate::scenario::Trust;

use super::endpoint_trust;

/// A link's direction against trust, from its `from` end to its `to` end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TrustDirection {
    /// Towards higher trust (e.g. DMZ → private network).
    Inbound,
    /// Towards lower trust (e.g. private network → internet).
    Outbound,
    /// Between ends of equal trust.
    Lateral,
}

impl TrustDirection {
    /// The direction from `from` to `to`.
    pub fn between(from: Trust, to: Trust) -> Self {
        match to.cmp(&from) {
            std::cmp::Ordering::Greater => Self::Inbound,
            std::cmp::Ordering::Less => Self::Outbound,
            std::cmp::Ordering::Equal => Self::Lateral,
        }
    }

    /// `inbound`, `outbound` or `lateral`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Inbound => "inbound",
            Self::Outbound => "outbound",
            Self::Lateral => "lateral",
        }
    }
}

impl std::fmt::Display for TrustDirection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The trust boundaries one link passes.
///
/// The link climbs from its source's zone up to the lowest zone holding both ends
/// ([`Model::common_zone`]), leaving every zone on the way, then descends to its
/// destination's zone, entering every zone on the way. A link between two components of
/// one zone crosses nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crossing {
    /// The link.
    pub link: LinkId,
    /// The innermost zone of the `from` end (the zone itself for a zone end); `None`
    /// outside every zone.
    pub from_zone: Option<ZoneId>,
    /// The innermost zone of the `to` end.
    pub to_zone: Option<ZoneId>,
    /// The innermost zone holding both ends; `None` when only the whole diagram does.
    pub common: Option<ZoneId>,
    /// Zones the link leaves, innermost first: `from_zone` up to, not including, `common`.
    pub leaves: Vec<ZoneId>,
    /// Zones the link enters, outermost first: below `common` down to `to_zone`.
    pub enters: Vec<ZoneId>,
    /// Trust at the `from` end (`Untrusted` outside every zone).
    pub from_trust: Trust,
    /// Trust at the `to` end.
    pub to_trust: Trust,
    /// `from_trust` compared with `to_trust`.
    pub direction: TrustDirection,
}

impl Crossing {
    /// Whether the link leaves or enters at least one zone.
    pub fn crosses_boundary(&self) -> bool {
        !self.leaves.is_empty() || !self.enters.is_empty()
    }

    /// Every zone boundary passed, in the order the link passes them.
    pub fn boundaries(&self) -> impl Iterator<Item = ZoneId> + '_ {
        self.leaves.iter().chain(&self.enters).copied()
    }
}

/// The crossing of every link, one per link in file order.
pub fn crossings(model: &Model) -> Vec<Crossing> {
    model.link_ids().map(|id| crossing(model, id)).collect()
}

/// The crossing of one link.
pub(crate) fn crossing(model: &Model, id: LinkId) -> Crossing {
    let link = model.link(id);
    let from_zone = model.endpoint_zone(link.from);
    let to_zone = model.endpoint_zone(link.to);
    let common = model.common_zone(from_zone, to_zone);
    let below_common = |zone| {
        model
            .ancestors(zone)
            .into_iter()
            .take_while(|&z| Some(z) != common)
            .collect::<Vec<_>>()
    };
    let leaves = below_common(from_zone);
    let mut enters = below_common(to_zone);
    enters.reverse();
    let from_trust = endpoint_trust(model, link.from);
    let to_trust = endpoint_trust(model, link.to);
    Crossing {
        link: id,
        from_zone,
        to_zone,
        common,
        leaves,
        enters,
        from_trust,
        to_trust,
        direction: TrustDirection::between(from_trust, to_trust),
    }
}
