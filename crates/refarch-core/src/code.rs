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
            /// Every code, in numeric order.
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
        "The zone holds no component, directly or through child zones. It will be drawn as an empty box; remove it or move its components into it.";
    UnlinkedComponent = "W0002", Warning, "component without links",
        "No link starts or ends at the component. A diagram of data flows rarely needs an isolated box; add its links or remove it.";
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
