//! Colour roles: every painted colour is named by a role, so the `Auto` theme can switch
//! them all with one CSS class per role; and the component categories sharing an accent.

use refarch_core::{ComponentKind, Trust};

use super::{Accent, Accents, Palette};

/// Component categories that share an accent colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Category {
    People,
    Network,
    Compute,
    Data,
    Security,
    Ops,
    External,
}

impl Category {
    pub(crate) const ALL: [Category; 7] = [
        Category::People,
        Category::Network,
        Category::Compute,
        Category::Data,
        Category::Security,
        Category::Ops,
        Category::External,
    ];

    pub(crate) fn of(kind: ComponentKind) -> Category {
        use ComponentKind as K;
        match kind {
            K::User | K::Client | K::Device => Category::People,
            K::Proxy | K::LoadBalancer | K::Cdn | K::Gateway | K::Dns | K::PushProxy => {
                Category::Network
            }
            K::AppServer | K::JobServer | K::CallsServer | K::Integration => Category::Compute,
            K::Database | K::FileStore | K::ObjectStore | K::Search | K::Cache | K::Queue => {
                Category::Data
            }
            K::IdentityProvider | K::Firewall => Category::Security,
            K::Monitoring => Category::Ops,
            K::ExternalService | K::Other => Category::External,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Category::People => "people",
            Category::Network => "network",
            Category::Compute => "compute",
            Category::Data => "data",
            Category::Security => "security",
            Category::Ops => "ops",
            Category::External => "external",
        }
    }

    pub(crate) fn accent(self, a: &Accents) -> &Accent {
        match self {
            Category::People => &a.people,
            Category::Network => &a.network,
            Category::Compute => &a.compute,
            Category::Data => &a.data,
            Category::Security => &a.security,
            Category::Ops => &a.ops,
            Category::External => &a.external,
        }
    }
}

/// All trust levels, least trusted first.
pub(crate) const TRUSTS: [Trust; 5] = [
    Trust::Untrusted,
    Trust::Partner,
    Trust::Perimeter,
    Trust::Internal,
    Trust::Restricted,
];

/// The lower-case name of a trust level (class names, legend).
pub(crate) fn trust_key(t: Trust) -> &'static str {
    match t {
        Trust::Untrusted => "untrusted",
        Trust::Partner => "partner",
        Trust::Perimeter => "perimeter",
        Trust::Internal => "internal",
        Trust::Restricted => "restricted",
    }
}

/// A named colour slot. Every painted colour goes through one, so the `Auto` theme can
/// switch them all with one class per slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Background,
    Title,
    Summary,
    CardFill,
    CardStroke,
    CardShadow,
    CardText,
    CardMuted,
    BadgeFill,
    BadgeText,
    Link,
    ChipFill,
    ChipStroke,
    ChipText,
    Lock,
    Warn,
    MarkInk,
    GateFill,
    GateText,
    LegendFill,
    LegendStroke,
    LegendText,
    LegendHeading,
    Tile(Category),
    Ink(Category),
    ZoneFill(Trust),
    ZoneFillNested(Trust),
    ZoneStroke(Trust),
    ZoneText(Trust),
}

impl Role {
    /// Every role, in a fixed order (the order of the `Auto` theme's CSS rules).
    pub(crate) fn all() -> Vec<Role> {
        let mut v = vec![
            Role::Background,
            Role::Title,
            Role::Summary,
            Role::CardFill,
            Role::CardStroke,
            Role::CardShadow,
            Role::CardText,
            Role::CardMuted,
            Role::BadgeFill,
            Role::BadgeText,
            Role::Link,
            Role::ChipFill,
            Role::ChipStroke,
            Role::ChipText,
            Role::Lock,
            Role::Warn,
            Role::MarkInk,
            Role::GateFill,
            Role::GateText,
            Role::LegendFill,
            Role::LegendStroke,
            Role::LegendText,
            Role::LegendHeading,
        ];
        for c in Category::ALL {
            v.extend([Role::Tile(c), Role::Ink(c)]);
        }
        for t in TRUSTS {
            v.extend([
                Role::ZoneFill(t),
                Role::ZoneFillNested(t),
                Role::ZoneStroke(t),
                Role::ZoneText(t),
            ]);
        }
        v
    }

    /// Short class-name stem, unique per role.
    pub(crate) fn key(self) -> String {
        match self {
            Role::Background => "bg".into(),
            Role::Title => "title".into(),
            Role::Summary => "summary".into(),
            Role::CardFill => "card".into(),
            Role::CardStroke => "card-line".into(),
            Role::CardShadow => "shadow".into(),
            Role::CardText => "card-text".into(),
            Role::CardMuted => "card-muted".into(),
            Role::BadgeFill => "badge".into(),
            Role::BadgeText => "badge-text".into(),
            Role::Link => "link".into(),
            Role::ChipFill => "chip".into(),
            Role::ChipStroke => "chip-line".into(),
            Role::ChipText => "chip-text".into(),
            Role::Lock => "lock".into(),
            Role::Warn => "warn".into(),
            Role::MarkInk => "mark-ink".into(),
            Role::GateFill => "gate".into(),
            Role::GateText => "gate-text".into(),
            Role::LegendFill => "legend".into(),
            Role::LegendStroke => "legend-line".into(),
            Role::LegendText => "legend-text".into(),
            Role::LegendHeading => "legend-heading".into(),
            Role::Tile(c) => format!("tile-{}", c.name()),
            Role::Ink(c) => format!("ink-{}", c.name()),
            Role::ZoneFill(t) => format!("zone-{}", trust_key(t)),
            Role::ZoneFillNested(t) => format!("zone-{}-nested", trust_key(t)),
            Role::ZoneStroke(t) => format!("zone-{}-line", trust_key(t)),
            Role::ZoneText(t) => format!("zone-{}-text", trust_key(t)),
        }
    }

    /// The colour of this role in a palette.
    pub(crate) fn color(self, p: &Palette) -> &str {
        match self {
            Role::Background => &p.background,
            Role::Title => &p.title,
            Role::Summary => &p.summary,
            Role::CardFill => &p.card.fill,
            Role::CardStroke => &p.card.stroke,
            Role::CardShadow => &p.card.shadow,
            Role::CardText => &p.card.text,
            Role::CardMuted => &p.card.muted,
            Role::BadgeFill => &p.badge.fill,
            Role::BadgeText => &p.badge.text,
            Role::Link => &p.link.stroke,
            Role::ChipFill => &p.link.chip_fill,
            Role::ChipStroke => &p.link.chip_stroke,
            Role::ChipText => &p.link.chip_text,
            Role::Lock => &p.link.lock,
            Role::Warn => &p.link.warn,
            Role::MarkInk => &p.link.mark_ink,
            Role::GateFill => &p.link.gate_fill,
            Role::GateText => &p.link.gate_text,
            Role::LegendFill => &p.legend.fill,
            Role::LegendStroke => &p.legend.stroke,
            Role::LegendText => &p.legend.text,
            Role::LegendHeading => &p.legend.heading,
            Role::Tile(c) => &c.accent(&p.accents).tile,
            Role::Ink(c) => &c.accent(&p.accents).ink,
            Role::ZoneFill(t) => &p.zones.get(t).fill,
            Role::ZoneFillNested(t) => &p.zones.get(t).fill_nested,
            Role::ZoneStroke(t) => &p.zones.get(t).stroke,
            Role::ZoneText(t) => &p.zones.get(t).text,
        }
    }
}
