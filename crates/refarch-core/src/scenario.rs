//! The scenario file as written: plain serde types that mirror the RON format.
//!
//! These types keep the author's strings. [`crate::validate()`] resolves them into a
//! [`crate::Model`], the only type the layout accepts.

use serde::{Deserialize, Serialize};

/// One diagram: the components of a deployment, the links between them and the
/// trust boundaries (zones) they sit in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// `[a-z0-9-]+`, unique across scenarios; names the output files.
    pub id: String,
    /// Shown as the diagram's title.
    pub title: String,
    /// The documentation page (toctree target) this diagram belongs to.
    #[serde(default)]
    pub doc: Option<String>,
    /// One line under the title; also used in alt text.
    #[serde(default)]
    pub summary: Option<String>,
    /// Main flow direction of the layout. Default: [`Direction::LeftToRight`].
    #[serde(default)]
    pub direction: Direction,
    /// Whether the deployment claims high availability; lints then look for single points
    /// of failure on the way to data stores. Default: false.
    #[serde(default)]
    pub high_availability: bool,
    /// Diagnostic codes (e.g. `"W0002"`) not reported for this scenario.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Trust boundaries, in file order.
    #[serde(default)]
    pub zones: Vec<Zone>,
    /// Deployed pieces, in file order.
    #[serde(default)]
    pub components: Vec<Component>,
    /// Data flows, in file order.
    #[serde(default)]
    pub links: Vec<Link>,
    /// More diagrams of the same deployment (other sizes, other clouds), each the base with a
    /// few overrides; see [`crate::Variant`] and [`crate::expand_variants`]. Default: none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<crate::variant::Variant>,
}

/// Main flow direction of a layout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Direction {
    /// Traffic flows from left to right (the default).
    #[default]
    LeftToRight,
    /// Traffic flows from top to bottom.
    TopToBottom,
}

impl Direction {
    /// The other direction.
    ///
    /// ```
    /// use refarch_core::Direction;
    /// assert_eq!(Direction::LeftToRight.other(), Direction::TopToBottom);
    /// ```
    pub fn other(self) -> Direction {
        match self {
            Direction::LeftToRight => Direction::TopToBottom,
            Direction::TopToBottom => Direction::LeftToRight,
        }
    }
}

/// A trust boundary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Zone {
    /// Unique among zones and components.
    pub id: String,
    /// Shown in the zone's header.
    pub label: String,
    /// How much the zone is trusted. Default: the parent's, else [`Trust::Internal`].
    #[serde(default)]
    pub trust: Option<Trust>,
    /// What the boundary is; drawn as a small header icon.
    #[serde(default)]
    pub kind: Option<ZoneKind>,
    /// The enclosing zone, if any.
    #[serde(default)]
    pub parent: Option<String>,
    /// A short caption drawn under the header, e.g. `"Tier 0"`.
    #[serde(default)]
    pub caption: Option<String>,
    /// Layout hint: the flow direction inside this zone. Default: chosen by the layout.
    #[serde(default)]
    pub direction: Option<Direction>,
    /// Layout hint: how this zone's child zones are arranged. Default: chosen by the layout.
    #[serde(default)]
    pub arrange: Option<Arrange>,
}

/// How a zone's child zones are arranged (a layout hint).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Arrange {
    /// Side by side.
    Row,
    /// One above the other.
    Column,
    /// In a grid with this many columns, filled row by row. Each line of the grid along the
    /// flow (a row left to right, a column top-down) packs its blocks one after another.
    Grid {
        /// Number of columns, at least 1.
        columns: u32,
    },
    /// In the order of the flow between them: a block comes a step after the blocks whose
    /// links lead into it, and the blocks of one step stack across the flow, starting
    /// together (branch sites, then the head office they report to). Blocks that lead into
    /// each other share a step.
    ByFlow,
}

/// Where a component goes within its zone (a layout hint).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Place {
    /// In the zone's first layer (nearest the flow's start).
    First,
    /// In the zone's last layer.
    Last,
    /// In the same layer as the component with this id.
    With(String),
}

/// How much a zone is trusted, from least to most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Trust {
    /// The public internet or anything nobody vouches for.
    Untrusted,
    /// A partner's or coalition network.
    Partner,
    /// A DMZ between the outside and the inside.
    Perimeter,
    /// The organisation's own network.
    Internal,
    /// The most protected tier, typically data.
    Restricted,
}

/// What a zone's boundary is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ZoneKind {
    /// A network segment.
    Network,
    /// A cloud account, subscription or region.
    Cloud,
    /// An organisation.
    Organization,
    /// A physical site.
    Site,
    /// A cluster of machines.
    Cluster,
}

impl ZoneKind {
    /// Every kind, in declaration order.
    pub const ALL: [ZoneKind; 5] = [
        Self::Network,
        Self::Cloud,
        Self::Organization,
        Self::Site,
        Self::Cluster,
    ];
}

/// A deployed piece of the system.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// Unique among zones and components.
    pub id: String,
    /// The component's name on the diagram.
    pub label: String,
    /// Picks the icon and default styling.
    pub kind: ComponentKind,
    /// The zone holding it; none means outside every boundary.
    #[serde(default)]
    pub zone: Option<String>,
    /// How many instances run; drawn as a stack with a count. Must be at least 1.
    #[serde(default)]
    pub replicas: Option<u32>,
    /// Product or technology, shown small under the label.
    #[serde(default)]
    pub tech: Option<String>,
    /// A short remark, shown in the diagram and its text description.
    #[serde(default)]
    pub note: Option<String>,
    /// What the component does, listed inside its card (e.g. a server's plugins).
    #[serde(default)]
    pub capabilities: Vec<String>,
    /// An optional part of the deployment; drawn with a dashed outline. Default: false.
    #[serde(default)]
    pub optional: bool,
    /// Layout hint: where the component goes within its zone.
    #[serde(default)]
    pub place: Option<Place>,
}

/// What a component is: it picks the icon and the accent colour, and a few kinds also steer
/// the layout (clients and devices start flows; data stores and queues are read towards).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ComponentKind {
    /// A person: an end user, an administrator, an operator.
    User,
    /// Software people use: a browser, a desktop or mobile app.
    Client,
    /// A reverse proxy or ingress controller.
    Proxy,
    /// A load balancer.
    LoadBalancer,
    /// A content delivery network at the edge.
    Cdn,
    /// An application server, service or API.
    AppServer,
    /// A worker, scheduler or batch job server.
    JobServer,
    /// A database.
    Database,
    /// A file store: NAS, NFS, a shared disk.
    FileStore,
    /// An object store: S3, Azure Blob Storage, MinIO.
    ObjectStore,
    /// A search engine or index.
    Search,
    /// A cache.
    Cache,
    /// A message queue, broker or event bus.
    Queue,
    /// An identity provider: SSO, SAML, OIDC, LDAP.
    IdentityProvider,
    /// A push notification proxy.
    PushProxy,
    /// A calls or media server.
    CallsServer,
    /// Monitoring, logging or alerting.
    Monitoring,
    /// A gateway: an API gateway, a VPN gateway, a NAT gateway, a bastion.
    Gateway,
    /// A firewall, web application firewall or security appliance.
    Firewall,
    /// DNS: a name server, resolver or DNS-based traffic manager.
    Dns,
    /// A service outside the deployment: SaaS, a third-party API.
    ExternalService,
    /// An integration: a webhook, plugin, connector or bot.
    Integration,
    /// A device: a phone, a sensor, a kiosk.
    Device,
    /// Anything else.
    Other,
}

impl ComponentKind {
    /// Every kind, in declaration order.
    pub const ALL: [ComponentKind; 24] = [
        Self::User,
        Self::Client,
        Self::Proxy,
        Self::LoadBalancer,
        Self::Cdn,
        Self::AppServer,
        Self::JobServer,
        Self::Database,
        Self::FileStore,
        Self::ObjectStore,
        Self::Search,
        Self::Cache,
        Self::Queue,
        Self::IdentityProvider,
        Self::PushProxy,
        Self::CallsServer,
        Self::Monitoring,
        Self::Gateway,
        Self::Firewall,
        Self::Dns,
        Self::ExternalService,
        Self::Integration,
        Self::Device,
        Self::Other,
    ];

    /// Whether the component holds data at rest (database, file or object store, cache,
    /// search).
    pub fn is_data_store(self) -> bool {
        matches!(
            self,
            Self::Database | Self::FileStore | Self::ObjectStore | Self::Cache | Self::Search
        )
    }
}

/// A data flow between two components or zones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// Source component or zone id.
    pub from: String,
    /// Target component or zone id.
    pub to: String,
    /// E.g. `HTTPS`, `PostgreSQL`, `SAML`.
    #[serde(default)]
    pub protocol: Option<String>,
    /// 1..=65535.
    #[serde(default)]
    pub port: Option<u32>,
    /// Unknown when left out.
    #[serde(default)]
    pub encrypted: Option<bool>,
    /// Arrowheads at both ends. Default: false.
    #[serde(default)]
    pub bidirectional: bool,
    /// A link that comes and goes (satellite, radio, sneakernet); drawn dashed. Default: false.
    #[serde(default)]
    pub intermittent: bool,
    /// Replaces the text made from protocol and port.
    #[serde(default)]
    pub label: Option<String>,
    /// A remark on the flow, e.g. `"temporarily isolated"`, drawn under its label.
    #[serde(default)]
    pub note: Option<String>,
    /// Diagnostic codes (e.g. `"L0001"`) not reported for this link: a risk accepted for
    /// this flow alone, such as plain HTTP behind a proxy that ends TLS.
    #[serde(default)]
    pub allow: Vec<String>,
}
