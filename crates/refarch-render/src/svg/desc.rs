//! The text alternative: `<desc>` generated from the diagram, for screen readers and as
//! alt text (what each zone holds, and every flow with its protocol and port).

use refarch_layout::Diagram;

use super::card;
use super::link;
use crate::theme::trust_key;

/// `a`, `a and b`, `a, b and c`.
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The plain-text description of a diagram (the SVG's `<desc>`, and alt text for pages).
pub fn describe(d: &Diagram) -> String {
    let mut parts = vec![format!(
        "Architecture diagram: {}.",
        d.title.trim_end_matches('.')
    )];
    if let Some(s) = &d.summary {
        parts.push(format!("{}.", s.trim_end_matches('.')));
    }
    for z in &d.zones {
        let mut holds: Vec<String> = d
            .components
            .iter()
            .filter(|c| c.zone.as_deref() == Some(z.id.as_str()))
            .map(|c| {
                let mut s = card::label(c);
                if c.replicas > 1 {
                    s.push_str(&format!(" (×{})", c.replicas));
                }
                s
            })
            .collect();
        holds.extend(
            d.zones
                .iter()
                .filter(|c| c.parent.as_deref() == Some(z.id.as_str()))
                .map(|c| format!("the zone {}", c.label)),
        );
        let within = z
            .parent
            .as_ref()
            .and_then(|p| d.zones.iter().find(|o| &o.id == p))
            .map(|p| format!(", inside {}", p.label))
            .unwrap_or_default();
        let what = if holds.is_empty() {
            "nothing".to_owned()
        } else {
            list(&holds)
        };
        let kind = z
            .kind
            .map(|k| format!(" {}", format!("{k:?}").to_lowercase()))
            .unwrap_or_default();
        parts.push(format!(
            "Zone {} ({}{kind}{within}) holds {what}.",
            z.label,
            trust_key(z.trust)
        ));
    }
    let outside: Vec<String> = d
        .components
        .iter()
        .filter(|c| c.zone.is_none())
        .map(card::label)
        .collect();
    if !outside.is_empty() {
        parts.push(format!("Outside every zone: {}.", list(&outside)));
    }
    if !d.links.is_empty() {
        let flows: Vec<String> = d.links.iter().map(|l| link::describe(d, l)).collect();
        parts.push(format!("Flows: {}.", flows.join("; ")));
    }
    parts.join(" ")
}
