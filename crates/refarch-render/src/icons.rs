//! Our icon set: one 24×24 stroke icon per component kind and zone kind, drawn for this
//! project (files in `assets/icons/`), compiled in and emitted once per diagram as
//! `<symbol>`s that cards and zone headers `<use>` by in-document id.
//!
//! Every icon file is a complete SVG (so it can be previewed on its own) with one shared
//! style on the root: `fill="none" stroke="currentColor" stroke-width="1.75"`, round caps
//! and joins. Only the inner elements are inlined; the symbol carries the shared style.

use refarch_core::{ComponentKind, ZoneKind};

macro_rules! icon {
    ($file:literal) => {
        include_str!(concat!("../../../assets/icons/", $file, ".svg"))
    };
}

/// The icon file name (without `.svg`) and its text for a component kind.
pub(crate) fn component(kind: ComponentKind) -> (&'static str, &'static str) {
    match kind {
        ComponentKind::User => ("user", icon!("user")),
        ComponentKind::Client => ("client", icon!("client")),
        ComponentKind::Proxy => ("proxy", icon!("proxy")),
        ComponentKind::LoadBalancer => ("load-balancer", icon!("load-balancer")),
        ComponentKind::Cdn => ("cdn", icon!("cdn")),
        ComponentKind::AppServer => ("app-server", icon!("app-server")),
        ComponentKind::JobServer => ("job-server", icon!("job-server")),
        ComponentKind::Database => ("database", icon!("database")),
        ComponentKind::FileStore => ("file-store", icon!("file-store")),
        ComponentKind::ObjectStore => ("object-store", icon!("object-store")),
        ComponentKind::Search => ("search", icon!("search")),
        ComponentKind::Cache => ("cache", icon!("cache")),
        ComponentKind::Queue => ("queue", icon!("queue")),
        ComponentKind::IdentityProvider => ("identity-provider", icon!("identity-provider")),
        ComponentKind::PushProxy => ("push-proxy", icon!("push-proxy")),
        ComponentKind::CallsServer => ("calls-server", icon!("calls-server")),
        ComponentKind::Monitoring => ("monitoring", icon!("monitoring")),
        ComponentKind::Gateway => ("gateway", icon!("gateway")),
        ComponentKind::Firewall => ("firewall", icon!("firewall")),
        ComponentKind::Dns => ("dns", icon!("dns")),
        ComponentKind::ExternalService => ("external-service", icon!("external-service")),
        ComponentKind::Integration => ("integration", icon!("integration")),
        ComponentKind::Device => ("device", icon!("device")),
        ComponentKind::Other => ("other", icon!("other")),
    }
}

/// The icon file name (without `.svg`) and its text for a zone kind.
pub(crate) fn zone(kind: ZoneKind) -> (&'static str, &'static str) {
    match kind {
        ZoneKind::Network => ("zone-network", icon!("zone-network")),
        ZoneKind::Cloud => ("zone-cloud", icon!("zone-cloud")),
        ZoneKind::Organization => ("zone-organization", icon!("zone-organization")),
        ZoneKind::Site => ("zone-site", icon!("zone-site")),
        ZoneKind::Cluster => ("zone-cluster", icon!("zone-cluster")),
    }
}

/// The drawing inside an icon file: everything between the root `<svg ...>` and `</svg>`.
pub(crate) fn body(file: &str) -> &str {
    let start = file
        .find("<svg")
        .and_then(|s| file[s..].find('>').map(|e| s + e + 1));
    let end = file.rfind("</svg>");
    match (start, end) {
        (Some(s), Some(e)) if s <= e => file[s..e].trim(),
        _ => "",
    }
}

/// The `<symbol>` for one icon, with id `{prefix}-icon-{name}`.
pub(crate) fn symbol(prefix: &str, name: &str, file: &str) -> String {
    format!(
        "<symbol id=\"{prefix}-icon-{name}\" viewBox=\"0 0 24 24\" fill=\"none\" \
         stroke=\"currentColor\" stroke-width=\"1.75\" stroke-linecap=\"round\" \
         stroke-linejoin=\"round\">{}</symbol>",
        body(file)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use refarch_core::ComponentKind;

    #[test]
    fn every_icon_has_a_body_and_no_foreign_references() {
        let files = ComponentKind::ALL
            .iter()
            .map(|k| component(*k))
            .chain(ZoneKind::ALL.iter().map(|k| zone(*k)));
        for (name, file) in files {
            let b = body(file);
            assert!(b.starts_with('<') && b.ends_with("/>"), "{name}: {b}");
            assert!(!b.contains("href") && !b.contains("style"), "{name}");
            assert!(file.contains("viewBox=\"0 0 24 24\""), "{name}");
        }
    }
}
