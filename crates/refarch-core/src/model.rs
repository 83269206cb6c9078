//! The resolved model: every reference checked and turned into an index.
//!
//! A [`Model`] can only be made by [`crate::validate()`], so code that takes one (the layout,
//! the renderer, the analysis) never meets a dangling id or a zone cycle.

use std::ops::Range;

use crate::scenario::{Arrange, ComponentKind, Direction, Trust, ZoneKind};

/// Index of a zone in [`Model::zones`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ZoneId(pub(crate) u32);

/// Index of a component in [`Model::components`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ComponentId(pub(crate) u32);

/// Index of a link in [`Model::links`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LinkId(pub(crate) u32);

macro_rules! index_type {
    ($($t:ident),*) => {$(
        impl $t {
            /// The position in the model's list (file order).
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    )*};
}
index_type!(ZoneId, ComponentId, LinkId);

/// One end of a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Endpoint {
    /// A component's box.
    Component(ComponentId),
    /// A zone's border.
    Zone(ZoneId),
}

/// A resolved trust boundary.
#[derive(Clone, Debug, PartialEq)]
pub struct Zone {
    /// The author's id.
    pub id: String,
    /// Header text.
    pub label: String,
    /// Trust level, inherited from the parent when the file leaves it out.
    pub trust: Trust,
    /// What the boundary is.
    pub kind: Option<ZoneKind>,
    /// The enclosing zone.
    pub parent: Option<ZoneId>,
    /// Directly nested zones, in file order.
    pub children: Vec<ZoneId>,
    /// Components directly inside, in file order.
    pub components: Vec<ComponentId>,
    /// 0 for a top-level zone.
    pub depth: u32,
    /// Caption under the header.
    pub caption: Option<String>,
    /// Layout hint: flow direction inside the zone.
    pub direction: Option<Direction>,
    /// Layout hint: arrangement of child zones.
    pub arrange: Option<Arrange>,
    /// Where the zone is defined in the source (empty when built from code).
    pub span: Range<usize>,
}

/// A resolved placement hint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Placement {
    /// The zone's first layer.
    First,
    /// The zone's last layer.
    Last,
    /// The same layer as this component.
    With(ComponentId),
}

/// A resolved component.
#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    /// The author's id.
    pub id: String,
    /// Name on the diagram.
    pub label: String,
    /// What it is.
    pub kind: ComponentKind,
    /// The innermost zone holding it.
    pub zone: Option<ZoneId>,
    /// Running instances, at least 1.
    pub replicas: u32,
    /// Product or technology.
    pub tech: Option<String>,
    /// A short remark.
    pub note: Option<String>,
    /// What it does, listed in its card.
    pub capabilities: Vec<String>,
    /// Drawn as optional (dashed outline).
    pub optional: bool,
    /// Layout hint: placement within its zone.
    pub place: Option<Placement>,
    /// Where the component is defined in the source.
    pub span: Range<usize>,
}

/// A resolved data flow.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// Where the data comes from.
    pub from: Endpoint,
    /// Where it goes.
    pub to: Endpoint,
    /// E.g. `HTTPS`.
    pub protocol: Option<String>,
    /// 1..=65535.
    pub port: Option<u16>,
    /// `None` when the file does not say.
    pub encrypted: Option<bool>,
    /// Arrowheads at both ends.
    pub bidirectional: bool,
    /// Comes and goes.
    pub intermittent: bool,
    /// Explicit label text, replacing protocol and port.
    pub label: Option<String>,
    /// A remark drawn under the label.
    pub note: Option<String>,
    /// Diagnostic codes not reported for this link (a risk accepted for this flow alone).
    pub allow: Vec<crate::Code>,
    /// Where the link is defined in the source.
    pub span: Range<usize>,
}

impl Link {
    /// The text shown on the link: its label, else protocol and port (`HTTPS :443`), else none.
    pub fn text(&self) -> Option<String> {
        if let Some(label) = &self.label {
            return Some(label.clone());
        }
        match (&self.protocol, self.port) {
            (Some(p), Some(port)) => Some(format!("{p} :{port}")),
            (Some(p), None) => Some(p.clone()),
            (None, Some(port)) => Some(format!(":{port}")),
            (None, None) => None,
        }
    }
}

/// A validated scenario. Lists keep file order; ids index into them.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) doc: Option<String>,
    pub(crate) summary: Option<String>,
    pub(crate) direction: Direction,
    pub(crate) high_availability: bool,
    pub(crate) allow: Vec<crate::Code>,
    pub(crate) zones: Vec<Zone>,
    pub(crate) components: Vec<Component>,
    pub(crate) links: Vec<Link>,
}

impl Model {
    /// The scenario id (`[a-z0-9-]+`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The diagram title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The documentation page this diagram belongs to.
    pub fn doc(&self) -> Option<&str> {
        self.doc.as_deref()
    }

    /// One line under the title.
    pub fn summary(&self) -> Option<&str> {
        self.summary.as_deref()
    }

    /// Main flow direction.
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// Whether the scenario declares high availability.
    pub fn high_availability(&self) -> bool {
        self.high_availability
    }

    /// Diagnostic codes the scenario allows (does not report).
    pub fn allow(&self) -> &[crate::Code] {
        &self.allow
    }

    /// All zones in file order.
    pub fn zones(&self) -> &[Zone] {
        &self.zones
    }

    /// All components in file order.
    pub fn components(&self) -> &[Component] {
        &self.components
    }

    /// All links in file order.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// One zone.
    pub fn zone(&self, id: ZoneId) -> &Zone {
        &self.zones[id.index()]
    }

    /// One component.
    pub fn component(&self, id: ComponentId) -> &Component {
        &self.components[id.index()]
    }

    /// One link.
    pub fn link(&self, id: LinkId) -> &Link {
        &self.links[id.index()]
    }

    /// Ids of all zones, in file order.
    pub fn zone_ids(&self) -> impl Iterator<Item = ZoneId> + '_ {
        (0..self.zones.len() as u32).map(ZoneId)
    }

    /// Ids of all components, in file order.
    pub fn component_ids(&self) -> impl Iterator<Item = ComponentId> + '_ {
        (0..self.components.len() as u32).map(ComponentId)
    }

    /// Ids of all links, in file order.
    pub fn link_ids(&self) -> impl Iterator<Item = LinkId> + '_ {
        (0..self.links.len() as u32).map(LinkId)
    }

    /// Zones without a parent, in file order.
    pub fn root_zones(&self) -> impl Iterator<Item = ZoneId> + '_ {
        self.zone_ids().filter(|&z| self.zone(z).parent.is_none())
    }

    /// Components outside every zone, in file order.
    pub fn loose_components(&self) -> impl Iterator<Item = ComponentId> + '_ {
        self.component_ids()
            .filter(|&c| self.component(c).zone.is_none())
    }

    /// The zone an endpoint sits in: a component's zone, or the zone itself.
    pub fn endpoint_zone(&self, end: Endpoint) -> Option<ZoneId> {
        match end {
            Endpoint::Component(c) => self.component(c).zone,
            Endpoint::Zone(z) => Some(z),
        }
    }

    /// The author's id of an endpoint.
    pub fn endpoint_id(&self, end: Endpoint) -> &str {
        match end {
            Endpoint::Component(c) => &self.component(c).id,
            Endpoint::Zone(z) => &self.zone(z).id,
        }
    }

    /// The human label of an endpoint.
    pub fn endpoint_label(&self, end: Endpoint) -> &str {
        match end {
            Endpoint::Component(c) => &self.component(c).label,
            Endpoint::Zone(z) => &self.zone(z).label,
        }
    }

    /// The chain of zones from `zone` up to its top-level ancestor, innermost first.
    pub fn ancestors(&self, zone: Option<ZoneId>) -> Vec<ZoneId> {
        let mut chain = Vec::new();
        let mut cur = zone;
        while let Some(z) = cur {
            chain.push(z);
            cur = self.zone(z).parent;
        }
        chain
    }

    /// Whether `inner` is `outer` or nested somewhere inside it.
    pub fn zone_within(&self, inner: ZoneId, outer: ZoneId) -> bool {
        self.ancestors(Some(inner)).contains(&outer)
    }

    /// The innermost zone containing both, or `None` when only the whole diagram does.
    pub fn common_zone(&self, a: Option<ZoneId>, b: Option<ZoneId>) -> Option<ZoneId> {
        let chain_b = self.ancestors(b);
        self.ancestors(a).into_iter().find(|z| chain_b.contains(z))
    }
}
