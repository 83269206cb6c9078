//! Stable diagnostic codes, each with a default severity and an explanation.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::diagnostic::Severity;

macro_rules! codes {
    ($( $variant:ident = $code:literal, $severity:ident, $title:literal, $explain:literal; )*) => {
        /// A stable diagnostic code. Codes are never reused or renumbered.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(
                #[doc = $title]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in the order the codes were introduced (new codes are appended).
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as written in output, e.g. `E0007`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The severity the code has unless a scenario or the command line changes it.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// A short title.
            pub fn title(self) -> &'static str {
                match self { $(Code::$variant => $title,)* }
            }

            /// A paragraph explaining the problem and how to fix it (`refarch explain CODE`).
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => $explain,)* }
            }
        }
    };
}

codes! {
    Syntax = "E0001", Error, "RON syntax error",
        "The file is not well-formed RON: a comma, bracket or quote is missing or extra. The caret points where the reader stopped; the mistake is usually there or just before it.";
    WrongType = "E0002", Error, "value of the wrong type",
        "A field holds a value of the wrong type, e.g. a number where a string is expected (`port: \"443\"` instead of `port: 443`).";
    UnknownField = "E0003", Error, "unknown field",
        "The field is not part of the format. Unknown fields are refused rather than ignored so that a typo never silently drops information. The help line lists the fields this item accepts.";
    UnknownVariant = "E0004", Error, "unknown variant",
        "The value must be one of a fixed set of names (a component kind, a trust level, a direction...). The help line lists them.";
    MissingField = "E0005", Error, "missing field",
        "A required field is missing. Every scenario needs `id` and `title`; every zone `id` and `label`; every component `id`, `label` and `kind`; every link `from` and `to`.";
    DuplicateId = "E0006", Error, "duplicate id",
        "Zones and components share one namespace of ids, and each id may be defined once. Rename one of the two.";
    UnknownReference = "E0007", Error, "unknown reference",
        "A zone's `parent`, a component's `zone` or a link's `from`/`to` names an id that is not defined in this file (or names the wrong kind of thing: a zone's parent must be a zone).";
    ZoneCycle = "E0008", Error, "zone parent cycle",
        "Zones nest through their `parent` fields; following the parents must end at a top-level zone. Break the cycle by removing one `parent`.";
    InvalidId = "E0009", Error, "invalid id",
        "Ids name output files and SVG elements, so they are restricted to lowercase ASCII letters, digits and `-`, e.g. `app-server`.";
    EmptyLabel = "E0010", Error, "empty text",
        "A title or label is empty or only whitespace; the diagram would show a blank box.";
    ZeroReplicas = "E0011", Error, "zero replicas",
        "`replicas` counts running instances and must be at least 1. Leave it out for a single instance.";
    InvalidPort = "E0012", Error, "port out of range",
        "A port must be between 1 and 65535.";
    NotUtf8 = "E0013", Error, "file is not UTF-8",
        "Scenario files must be UTF-8 text. Re-save the file as UTF-8.";
    EmptyFile = "E0014", Error, "empty file",
        "The file is empty; a scenario file holds one `Scenario(...)`.";
    TooLarge = "E0015", Error, "file too large",
        "The file is larger than the input limit. Scenario files are small text models; a file this large is almost certainly not one.";
    Io = "E0016", Error, "file cannot be read",
        "The file could not be read: it does not exist, is a folder, or permissions forbid it.";
    DuplicateField = "E0017", Error, "field written twice",
        "The same field appears twice in one item. Keep one of the two.";
    EmptyZone = "W0001", Warning, "empty zone",
        "The zone holds no component, directly or through child zones, and no link ends at its border. It will be drawn as an empty box; remove it or move its components into it. A zone that links reach may stay empty: it stands for a network the model knows only by its border, such as a partner's.";
    UnlinkedComponent = "W0002", Warning, "component without links",
        "No link starts or ends at the component, nor at the border of a zone that holds it (such a link reaches everything the zone holds). A diagram of data flows rarely needs an isolated box; add its links or remove it.";
    PlaintextCrossing = "L0001", Warning, "plaintext link crosses a trust boundary",
        "A link marked `encrypted: false` crosses a trust boundary: it leaves or enters at least one zone. Anyone on the network between the two zones can read and alter the traffic, and a boundary is exactly where the model says trust changes. Encrypt the flow (TLS, mutual TLS, an IPsec or WireGuard tunnel) and write `encrypted: true`. If the plaintext is deliberate and the risk accepted (plain HTTP behind a proxy that ends TLS, say), say so with `allow: [\"L0001\"]` on the link, or in the scenario for every link.";
    UnstatedEncryption = "L0002", Warning, "boundary-crossing link does not state its encryption",
        "A link crosses a trust boundary (it leaves or enters at least one zone) but does not say whether it is encrypted, so a reviewer cannot tell whether the flow is protected where trust changes, and the flow matrix shows `unknown`. Write `encrypted: true` or `encrypted: false` on the link; a plaintext crossing is then reported as L0001.";
    UntrustedToRestricted = "L0003", Warning, "untrusted zone links straight into a restricted zone",
        "A link goes from an `Untrusted` zone (or from a component outside every zone, which nobody vouches for) directly into a `Restricted` zone, without leaving or entering any `Perimeter` zone on the way (for a bidirectional link, either way round). The most protected tier is then reachable straight from the outside. Route the flow through a proxy, gateway or other component in a DMZ (`trust: Perimeter`), or correct the zones' `trust` if the diagram misstates it.";
    PartnerToDataStore = "L0004", Warning, "partner zone reaches a data store directly",
        "A component or zone in a `Partner` zone links directly to a data store (a `Database`, `FileStore`, `ObjectStore`, `Cache` or `Search` component, or a zone holding one) in a more trusted zone, or shares a bidirectional link with one. A partner should reach data through an application or API that authenticates it and limits what it may read and write, not through the store's own protocol. Put an application server, gateway or integration component between the two.";
    SinglePointOfFailure = "L0005", Warning, "single instance on the only path to a data store",
        "The scenario declares `high_availability: true`, but a component running a single instance (`replicas: 1`, the default) lies on every path from the entry points to a data store: if it fails, the store can no longer be reached. Entry points are users, clients and devices and every component in an `Untrusted` zone (or, when there are none, the components nothing links to). Run more instances (`replicas: 2` or more), add a redundant path around it, or drop the high-availability claim.";
    DuplicateLink = "L0006", Warning, "link written twice",
        "Two links have the same `from`, `to`, `protocol` and `port` (protocols compared ignoring letter case). The diagram would draw the same flow twice and the flow matrix would list it twice. Remove one of them; if they really are different flows, give them different protocols or ports, or merge them into one link whose `label` names both.";
    TooMany = "E0018", Error, "too many items",
        "The scenario has more components, zones, links or variants than the input limits allow (by default 2,000 components, 1,000 zones, 4,000 links and 100 variants). The limits keep layout time and memory bounded for files that come from pull requests; no real architecture diagram comes near them, and a diagram that large is unreadable anyway. Split the deployment into several scenarios (one per site, tier or team), or raise the limit where refarch is called as a library (`Limits`).";
    TooDeep = "E0019", Error, "zones nested too deeply",
        "Zones nest through their `parent` fields, and the chain from this zone up to its top-level zone is longer than the limit (by default 16 levels). Each level adds a border, padding and a header to the drawing, so deep nesting makes an unreadable diagram and costs layout time. Flatten the hierarchy: merge zones that only wrap one other zone, or give the inner zones a `caption` instead of another level.";
    TooLong = "E0020", Error, "text or id too long",
        "A title, label, note, protocol or other text is longer than the limit (by default 10,000 characters), or an id is longer than its limit (by default 100 characters; ids name output files). The diagram shows text in boxes; a very long text is almost certainly a mistake (a pasted file), and the renderer would cut it short anyway. Shorten it, and move long explanations into the documentation page the diagram belongs to.";
    HintNotHonoured = "W0003", Warning, "layout hint not honoured",
        "A zone asks for a flow `direction` different from the direction the whole diagram is laid out in. The layout runs one flow direction through the diagram, so that links between zones stay short and straight, and cannot turn inside one zone. Remove the zone's `direction`, or set the scenario's `direction` to it; to shape a zone's contents use `arrange` (`Row`, `Column`, `Grid(columns: N)`, `ByFlow`) on the zone, which stacks or lines up its own components and child zones.";
    UndrawableText = "W0004", Warning, "text the bundled font cannot draw",
        "A title, label or other text holds characters the bundled font (Inter, which covers the Latin, Greek and Cyrillic scripts and common symbols) has no glyph for, such as Chinese, Japanese, Korean, Arabic or Hebrew letters or emoji. refarch draws only with its bundled font, so that every machine renders the same bytes, and draws each such character as an empty box. Write the text in a covered script, or leave the character out.";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The error of parsing a [`Code`] from text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCode(pub String);

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown diagnostic code `{}`", self.0)
    }
}

impl std::error::Error for UnknownCode {}

impl FromStr for Code {
    type Err = UnknownCode;

    /// Accepts the code in any letter case, e.g. `e0007`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownCode(s.to_owned()))
    }
}
