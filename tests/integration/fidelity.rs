//! Fidelity of the bundled scenarios: each test asserts the facts a reviewer of the
//! documentation page would check (from the reference-architecture inventory), not counts
//! read off the files.

use std::path::PathBuf;

use refarch_core::{
    Component, ComponentId, ComponentKind, Endpoint, Link, Model, Trust, ZoneId, ZoneKind,
};

/// The seven scenarios: id, title, toctree target.
const SCENARIOS: [(&str, &str, &str); 7] = [
    (
        "application-architecture",
        "Application Architecture",
        "/deployment-guide/reference-architecture/application-architecture",
    ),
    (
        "high-availability",
        "Deploy with High Availability",
        "/deployment-guide/reference-architecture/server-architecture",
    ),
    (
        "scale-for-enterprise",
        "Scale for Enterprise",
        "/administration-guide/scale/scaling-for-enterprise",
    ),
    (
        "out-of-band",
        "Deploy for Out-of-Band Use",
        "/deployment-guide/reference-architecture/deploy-oob",
    ),
    (
        "mission-partner",
        "Deploy for Mission Partner Collaboration",
        "/deployment-guide/reference-architecture/deploy-mission-partner",
    ),
    (
        "ddil-operations",
        "Deploy for Enterprise to Edge DDIL Operations",
        "/deployment-guide/reference-architecture/deploy-ddil-operations",
    ),
    (
        "sovereign-collaboration",
        "Deploy for Sovereign Collaboration in Microsoft",
        "/deployment-guide/reference-architecture/deploy-sovereign-collaboration",
    ),
];

fn scenarios_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scenarios")
}

fn path(id: &str) -> PathBuf {
    scenarios_dir().join(format!("{id}.ron"))
}

/// Loads a bundled scenario and asserts it is clean: no validation diagnostic and no lint
/// finding (beyond the codes the file itself allows, with a reason in a comment).
fn load(id: &str) -> Model {
    let checked = refarch_core::check_path(&path(id));
    let report = checked
        .source
        .render(&checked.diagnostics, refarch_core::Style::Plain);
    assert!(
        checked.diagnostics.is_empty(),
        "{id}: diagnostics:\n{report}"
    );
    let model = checked.model.expect("a clean file has a model");
    let findings = refarch_core::lint(&model);
    let report = checked.source.render(&findings, refarch_core::Style::Plain);
    assert!(findings.is_empty(), "{id}: lint findings:\n{report}");
    model
}

fn comp_id(m: &Model, id: &str) -> ComponentId {
    m.component_ids()
        .find(|&c| m.component(c).id == id)
        .unwrap_or_else(|| panic!("no component `{id}` in `{}`", m.id()))
}

fn comp<'m>(m: &'m Model, id: &str) -> &'m Component {
    m.component(comp_id(m, id))
}

fn zone_id(m: &Model, id: &str) -> ZoneId {
    m.zone_ids()
        .find(|&z| m.zone(z).id == id)
        .unwrap_or_else(|| panic!("no zone `{id}` in `{}`", m.id()))
}

/// The zone whose label contains `text` (case-insensitive); exactly one must.
fn zone_labelled(m: &Model, text: &str) -> ZoneId {
    let found: Vec<ZoneId> = m
        .zone_ids()
        .filter(|&z| {
            m.zone(z)
                .label
                .to_lowercase()
                .contains(&text.to_lowercase())
        })
        .collect();
    assert_eq!(found.len(), 1, "zones labelled like {text:?} in {}", m.id());
    found[0]
}

/// Whether a component sits in `zone` or a zone nested in it.
fn inside(m: &Model, c: ComponentId, zone: ZoneId) -> bool {
    m.component(c).zone.is_some_and(|z| m.zone_within(z, zone))
}

/// Whether an endpoint sits in `zone` or a zone nested in it.
fn end_inside(m: &Model, end: Endpoint, zone: ZoneId) -> bool {
    m.endpoint_zone(end).is_some_and(|z| m.zone_within(z, zone))
}

fn trust(m: &Model, end: Endpoint) -> Trust {
    m.endpoint_zone(end)
        .map_or(Trust::Untrusted, |z| m.zone(z).trust)
}

/// Components of a kind, in file order.
fn of_kind(m: &Model, kind: ComponentKind) -> Vec<ComponentId> {
    m.component_ids()
        .filter(|&c| m.component(c).kind == kind)
        .collect()
}

/// Links between two components, in either direction.
fn links_between<'m>(m: &'m Model, a: &str, b: &str) -> Vec<&'m Link> {
    let (a, b) = (
        Endpoint::Component(comp_id(m, a)),
        Endpoint::Component(comp_id(m, b)),
    );
    m.links()
        .iter()
        .filter(|l| (l.from == a && l.to == b) || (l.from == b && l.to == a))
        .collect()
}

/// Whether an endpoint is, or (for a zone end) contains, component `c`.
fn touches(m: &Model, end: Endpoint, c: ComponentId) -> bool {
    match end {
        Endpoint::Component(x) => x == c,
        Endpoint::Zone(z) => inside(m, c, z),
    }
}

/// The links that reach component `c` (directly or through its zone), in either direction,
/// each with the far end.
fn links_of(m: &Model, c: ComponentId) -> Vec<(&Link, Endpoint)> {
    let mut out = Vec::new();
    for l in m.links() {
        if touches(m, l.to, c) {
            out.push((l, l.from));
        } else if touches(m, l.from, c) {
            out.push((l, l.to));
        }
    }
    out
}

/// The outermost organisation zone around an endpoint, if any.
fn organisation(m: &Model, end: Endpoint) -> Option<ZoneId> {
    m.ancestors(m.endpoint_zone(end))
        .into_iter()
        .rev()
        .find(|&z| m.zone(z).kind == Some(ZoneKind::Organization))
}

#[test]
fn every_scenario_is_clean_and_matches_the_docs_table() {
    for (id, title, doc) in SCENARIOS {
        let m = load(id);
        assert_eq!(m.id(), id);
        assert_eq!(m.title(), title, "{id}");
        assert_eq!(m.doc(), Some(doc), "{id}");
        assert!(m.summary().is_some_and(|s| !s.is_empty()), "{id}: summary");
    }
    let mut files: Vec<String> = std::fs::read_dir(scenarios_dir())
        .expect("scenarios/")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".ron").map(str::to_owned)
        })
        .collect();
    files.sort();
    let mut expected: Vec<String> = SCENARIOS.iter().map(|s| s.0.to_owned()).collect();
    expected.sort();
    assert_eq!(files, expected, "one file per toctree entry, nothing else");
}

#[test]
fn docs_index_lists_the_seven_targets_in_toctree_order() {
    let text = std::fs::read_to_string(scenarios_dir().join("index.rst")).expect("index.rst");
    assert!(text.contains(".. toctree::"));
    let entries: Vec<&str> = text
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let start = l.rfind('<')?;
            l.strip_suffix('>').map(|l| &l[start + 1..])
        })
        .collect();
    let docs: Vec<&str> = SCENARIOS.iter().map(|s| s.2).collect();
    assert_eq!(entries, docs);
    for (_, title, doc) in SCENARIOS {
        assert!(text.contains(&format!("{title} <{doc}>")), "{title}");
    }
}

#[test]
fn no_link_goes_from_an_untrusted_zone_straight_into_a_restricted_one() {
    for (id, _, _) in SCENARIOS {
        let m = load(id);
        for l in m.links() {
            let (a, b) = (trust(&m, l.from), trust(&m, l.to));
            let shortcut = (a == Trust::Untrusted && b == Trust::Restricted)
                || (l.bidirectional && b == Trust::Untrusted && a == Trust::Restricted);
            assert!(
                !shortcut,
                "{id}: {} -> {} skips the perimeter",
                m.endpoint_id(l.from),
                m.endpoint_id(l.to)
            );
        }
    }
}

#[test]
fn every_data_store_sits_in_a_restricted_zone_and_database_links_use_5432() {
    for (id, _, _) in SCENARIOS {
        let m = load(id);
        for c in m.component_ids() {
            let comp = m.component(c);
            if matches!(comp.kind, ComponentKind::Database) && id != "out-of-band" {
                // OOB's database runs inside the cluster (both images); its backups are restricted.
                assert_eq!(
                    trust(&m, Endpoint::Component(c)),
                    Trust::Restricted,
                    "{id}: {}",
                    comp.id
                );
            }
            if comp.kind == ComponentKind::Database {
                for (l, far) in links_of(&m, c) {
                    if let Endpoint::Component(f) = far
                        && m.component(f).kind == ComponentKind::AppServer
                    {
                        assert_eq!(
                            l.port,
                            Some(5432),
                            "{id}: {} -> {}",
                            m.component(f).id,
                            comp.id
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn application_architecture_shows_the_building_blocks_and_their_ports() {
    let m = load("application-architecture");
    // Four client experiences from the picture plus the desktop app from the text.
    assert!(of_kind(&m, ComponentKind::Client).len() >= 5);
    for c in of_kind(&m, ComponentKind::Client) {
        assert_eq!(trust(&m, Endpoint::Component(c)), Trust::Untrusted);
    }
    let mm = comp(&m, "mm");
    for module in [
        "RESTful JSON web service",
        "Authentication client",
        "Authentication provider",
        "Notification service",
        "Data management service",
    ] {
        assert!(mm.capabilities.iter().any(|c| c == module), "{module}");
    }
    let proxy_mm = links_between(&m, "proxy", "mm");
    assert_eq!(proxy_mm[0].port, Some(8065));
    assert_eq!(links_between(&m, "mm", "ldap")[0].port, Some(389));
    assert_eq!(links_between(&m, "mm", "smtp")[0].port, Some(10025));
    assert_eq!(links_between(&m, "mm", "mm-ha")[0].port, Some(8074));
    assert_eq!(links_between(&m, "prometheus", "mm")[0].port, Some(8067));
    let files = links_between(&m, "mm", "files");
    assert_eq!((files[0].port, files[0].encrypted), (Some(443), Some(true)));
    let push = links_between(&m, "mm", "push");
    assert_eq!((push[0].port, push[0].encrypted), (Some(443), Some(true)));
    // The proxy is the only way in from the internet to the server side.
    let private = zone_id(&m, "private");
    for l in m.links() {
        let into_private =
            end_inside(&m, l.to, private) || (l.bidirectional && end_inside(&m, l.from, private));
        let from_outside = !end_inside(&m, l.from, private) || !end_inside(&m, l.to, private);
        if into_private && from_outside {
            let inner = if end_inside(&m, l.to, private) {
                l.to
            } else {
                l.from
            };
            let outer = if inner == l.to { l.from } else { l.to };
            if l.bidirectional || inner == l.to {
                assert!(
                    m.endpoint_id(inner) == "proxy"
                        || m.endpoint_id(outer) == "inet" && l.encrypted == Some(true),
                    "unexpected way in: {} -> {}",
                    m.endpoint_id(l.from),
                    m.endpoint_id(l.to)
                );
            }
        }
    }
    assert!(comp(&m, "mm-ha").optional);
}

#[test]
fn high_availability_has_redundant_app_servers_behind_a_load_balancer_and_writer_plus_reader() {
    let m = load("high-availability");
    assert!(m.high_availability());
    let lbs = of_kind(&m, ComponentKind::LoadBalancer);
    assert!(!lbs.is_empty(), "a load balancer");
    // App servers fed by a load balancer on 8065.
    let behind: Vec<ComponentId> = of_kind(&m, ComponentKind::AppServer)
        .into_iter()
        .filter(|&a| {
            m.links().iter().any(|l| {
                l.to == Endpoint::Component(a)
                    && matches!(l.from, Endpoint::Component(f) if lbs.contains(&f))
                    && l.port == Some(8065)
            })
        })
        .collect();
    let instances: u32 = behind.iter().map(|&a| m.component(a).replicas).sum();
    assert!(
        instances >= 2,
        "at least two app servers behind the load balancer"
    );
    assert_eq!(of_kind(&m, ComponentKind::JobServer).len(), 1, "MM-JOB-01");
    // AWS 5,000-user tab sizes.
    for a in behind.iter().chain(&of_kind(&m, ComponentKind::JobServer)) {
        assert_eq!(m.component(*a).tech.as_deref(), Some("c7i.large"));
    }
    let dbs = of_kind(&m, ComponentKind::Database);
    assert_eq!(dbs.len(), 2, "one writer and one reader");
    let label = |c: ComponentId| m.component(c).label.to_lowercase();
    assert!(dbs.iter().any(|&d| label(d).contains("writer")));
    assert!(dbs.iter().any(|&d| label(d).contains("reader")));
    for &d in &dbs {
        assert_eq!(m.component(d).tech.as_deref(), Some("db.r7g.large"));
    }
    // Every node gossips with every other on 8074.
    let nodes = ["app01", "app02", "job01"];
    for (i, a) in nodes.iter().enumerate() {
        for b in &nodes[i + 1..] {
            assert!(
                links_between(&m, a, b).iter().any(|l| l.port == Some(8074)),
                "{a} <-> {b}"
            );
        }
    }
    // One AWS account, S3 for files, the hosted push service outside it.
    let aws = zone_labelled(&m, "AWS Account");
    assert!(inside(&m, comp_id(&m, "s3"), aws));
    assert!(!inside(&m, comp_id(&m, "hpns"), aws));
    for (l, _) in links_of(&m, comp_id(&m, "hpns")) {
        assert_eq!(l.encrypted, Some(true));
    }
    assert!(inside(&m, comp_id(&m, "igw"), aws) && inside(&m, comp_id(&m, "vgw"), aws));
}

#[test]
fn scale_for_enterprise_is_the_200000_user_tier() {
    let m = load("scale-for-enterprise");
    let expect = [
        ("proxy", 4, "m6in.8xlarge"),
        ("app", 14, "c7i.4xlarge"),
        ("db-writer", 1, "db.r7g.4xlarge"),
        ("db-reader", 6, "db.r7g.4xlarge"),
        ("search", 4, "r6g.2xlarge.search"),
        ("redis", 1, "cache.m7g.2xlarge"),
    ];
    for (id, replicas, tech) in expect {
        let c = comp(&m, id);
        assert_eq!(c.replicas, replicas, "{id}");
        assert!(
            c.tech.as_deref().is_some_and(|t| t.contains(tech)),
            "{id}: {tech}"
        );
    }
    assert!(comp(&m, "users").label.contains("200,000"));
    assert_eq!(links_between(&m, "app", "search")[0].port, Some(9200));
    assert_eq!(links_between(&m, "app", "redis")[0].port, Some(6379));
    assert_eq!(links_between(&m, "proxy", "app")[0].port, Some(8065));
    assert_eq!(links_between(&m, "prometheus", "app")[0].port, Some(8067));
    assert_eq!(comp(&m, "redis").kind, ComponentKind::Cache);
    assert_eq!(comp(&m, "search").kind, ComponentKind::Search);
}

#[test]
fn out_of_band_is_independent_of_the_primary_infrastructure() {
    let m = load("out-of-band");
    let oob = zone_labelled(&m, "Out-of-band environment");
    let primary = zone_labelled(&m, "Primary infrastructure");
    assert!(!m.zone_within(oob, primary) && !m.zone_within(primary, oob));
    assert!(
        m.zone(oob)
            .caption
            .as_deref()
            .is_some_and(|c| c.contains("Tier 0"))
    );
    // Its own identity provider, database and backups, all inside the OOB environment.
    for kind in [
        ComponentKind::IdentityProvider,
        ComponentKind::Database,
        ComponentKind::AppServer,
        ComponentKind::Proxy,
    ] {
        let found = of_kind(&m, kind);
        assert!(!found.is_empty(), "{kind:?}");
        assert!(
            found.iter().all(|&c| inside(&m, c, oob)),
            "{kind:?} outside OOB"
        );
    }
    // The only link to the primary infrastructure is the health check's probe.
    let to_primary: Vec<&Link> = m
        .links()
        .iter()
        .filter(|l| end_inside(&m, l.from, primary) || end_inside(&m, l.to, primary))
        .collect();
    assert_eq!(to_primary.len(), 1);
    assert_eq!(m.endpoint_id(to_primary[0].from), "health");
    assert!(!to_primary[0].bidirectional);
    // Failover: health check -> DNS manager -> ingress -> app.
    for (a, b) in [("health", "dns"), ("dns", "ingress"), ("ingress", "app")] {
        assert!(!links_between(&m, a, b).is_empty(), "{a} -> {b}");
    }
    // The inventory's kinds: the access layer is a firewall, the failover manager is DNS,
    // and the backups go to object storage.
    for (id, kind) in [
        ("access-layer", ComponentKind::Firewall),
        ("dns", ComponentKind::Dns),
        ("blob", ComponentKind::ObjectStore),
    ] {
        assert_eq!(comp(&m, id).kind, kind, "{id}");
    }
    // Backups land in restricted, encrypted storage.
    let blob = comp_id(&m, "blob");
    assert_eq!(trust(&m, Endpoint::Component(blob)), Trust::Restricted);
    for (l, _) in links_of(&m, blob)
        .into_iter()
        .filter(|(l, _)| l.to == Endpoint::Component(blob))
    {
        assert_eq!(l.encrypted, Some(true));
    }
}

#[test]
fn mission_partner_has_four_organisations_that_keep_their_data() {
    let m = load("mission-partner");
    let orgs: Vec<ZoneId> = m
        .zone_ids()
        .filter(|&z| m.zone(z).kind == Some(ZoneKind::Organization))
        .collect();
    assert_eq!(orgs.len(), 4, "networks A, B, C and D");
    for &o in &orgs {
        assert_eq!(m.zone(o).trust, Trust::Partner, "{}", m.zone(o).id);
    }
    // No data store is linked from another organisation (or from outside every one).
    for c in m.component_ids() {
        if !m.component(c).kind.is_data_store() {
            continue;
        }
        let home = organisation(&m, Endpoint::Component(c));
        assert!(
            home.is_some(),
            "{} belongs to an organisation",
            m.component(c).id
        );
        for (_, far) in links_of(&m, c) {
            assert_eq!(
                organisation(&m, far),
                home,
                "{} reachable from {}",
                m.component(c).id,
                m.endpoint_id(far)
            );
        }
    }
    // Network C runs no Mattermost server and keeps no data.
    let net_c = zone_labelled(&m, "Network C");
    assert!(
        m.component_ids()
            .filter(|&c| inside(&m, c, net_c))
            .all(|c| !m.component(c).kind.is_data_store()
                && m.component(c).kind != ComponentKind::AppServer)
    );
    // Federation: shared channels over HTTPS 443, encrypted, between A-B, A-D and B-D.
    for (a, b) in [("a-mm", "b-mm"), ("a-mm", "d-mm"), ("b-mm", "d-mm")] {
        assert!(
            links_between(&m, a, b).iter().any(|l| l.port == Some(443)
                && l.encrypted == Some(true)
                && l.bidirectional
                && l.label
                    .as_deref()
                    .is_some_and(|t| t.contains("Shared channels"))),
            "shared channels {a} <-> {b}"
        );
    }
    assert!(
        links_between(&m, "a-mm", "b-mm").iter().any(|l| l
            .label
            .as_deref()
            .is_some_and(|t| t.contains("Matrix") && t.contains("XMPP"))),
        "Matrix & XMPP bridge between A and B"
    );
    for mm in ["a-mm", "d-mm"] {
        assert!(
            links_between(&m, "c-m365", mm)
                .iter()
                .any(|l| l.label.as_deref().is_some_and(|t| t.contains("Guest"))),
            "guest accounts C -> {mm}"
        );
    }
    // Every cross-organisation link is encrypted (site-to-site VPN / HTTPS).
    for l in m.links() {
        let (a, b) = (organisation(&m, l.from), organisation(&m, l.to));
        if a.is_some() && b.is_some() && a != b {
            assert_eq!(
                l.encrypted,
                Some(true),
                "{} -> {}",
                m.endpoint_id(l.from),
                m.endpoint_id(l.to)
            );
        }
    }
    // Mattermost runs in a DMZ in each network that hosts it.
    for mm in ["a-mm", "b-mm", "d-mm"] {
        assert_eq!(
            trust(&m, Endpoint::Component(comp_id(&m, mm))),
            Trust::Perimeter,
            "{mm}"
        );
    }
    assert!(matches!(
        m.zone(zone_id(&m, "wan")).arrange,
        Some(refarch_core::Arrange::Grid { columns: 2 })
    ));
}

#[test]
fn ddil_tactical_network_is_self_contained_and_reaches_out_only_intermittently() {
    let m = load("ddil-operations");
    let tac = zone_labelled(&m, "Tactical Network");
    for kind in [
        ComponentKind::IdentityProvider,
        ComponentKind::Database,
        ComponentKind::ObjectStore,
        ComponentKind::AppServer,
        ComponentKind::Proxy,
    ] {
        assert!(
            of_kind(&m, kind).iter().any(|&c| inside(&m, c, tac)),
            "tactical network holds its own {kind:?}"
        );
    }
    // Every data store of the deployment is at the edge.
    for c in m.component_ids() {
        if m.component(c).kind.is_data_store() {
            assert!(inside(&m, c, tac), "{}", m.component(c).id);
        }
    }
    let enterprise = zone_labelled(&m, "Enterprise Network");
    let mut to_enterprise = 0;
    for l in m.links() {
        let (a, b) = (end_inside(&m, l.from, tac), end_inside(&m, l.to, tac));
        if a != b {
            assert!(
                l.intermittent,
                "{} -> {} leaves the tactical network but is not intermittent",
                m.endpoint_id(l.from),
                m.endpoint_id(l.to)
            );
            if end_inside(&m, l.from, enterprise) || end_inside(&m, l.to, enterprise) {
                to_enterprise += 1;
            }
        }
    }
    assert!(
        to_enterprise >= 1,
        "the enterprise reaches the edge when online"
    );
    // Mission users sign in at the edge, not through the cloud identity provider.
    let mission_idp: Vec<&Link> = links_of(&m, comp_id(&m, "mission"))
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert!(mission_idp.iter().all(|l| !l.intermittent));
    assert!(!links_between(&m, "mission", "local-idp").is_empty());
    assert!(links_between(&m, "mission", "entra").is_empty());
}

#[test]
fn sovereign_keeps_every_data_store_inside_the_sovereign_zone() {
    let m = load("sovereign-collaboration");
    let sov = zone_labelled(&m, "Mattermost for Sovereign Collaboration");
    let enterprise = zone_labelled(&m, "Enterprise Network");
    assert!(
        m.zone_within(sov, enterprise),
        "nested in the enterprise network"
    );
    let stores: Vec<ComponentId> = m
        .component_ids()
        .filter(|&c| m.component(c).kind.is_data_store())
        .collect();
    assert!(stores.len() >= 2, "database and object storage");
    for &c in &stores {
        assert!(
            inside(&m, c, sov),
            "{} outside the sovereign zone",
            m.component(c).id
        );
    }
    // Recording and Calls media stay inside too.
    for kind in [
        ComponentKind::CallsServer,
        ComponentKind::JobServer,
        ComponentKind::AppServer,
    ] {
        for c in of_kind(&m, kind) {
            assert!(inside(&m, c, sov), "{}", m.component(c).id);
        }
    }
    // Microsoft's cloud holds no data store and is outside the enterprise network.
    let cloud = zone_labelled(&m, "Microsoft");
    assert!(!m.zone_within(cloud, enterprise));
    assert_eq!(m.zone(cloud).trust, Trust::Untrusted);
    // Users reach Mattermost through the proxy from the Teams / Outlook clients.
    let m365c_proxy = links_between(&m, "m365c", "proxy");
    assert_eq!(
        (m365c_proxy[0].port, m365c_proxy[0].encrypted),
        (Some(443), Some(true))
    );
}

/// The variants of a bundled scenario, expanded, validated and linted clean.
fn variants(id: &str) -> Vec<(refarch_core::Scenario, Model)> {
    let text = std::fs::read_to_string(path(id)).expect("scenario file");
    let base = refarch_core::parse(&text).expect("parses").scenario;
    let problems = refarch_core::validate_variants_in(&base, &text);
    assert!(problems.is_empty(), "{id}: {problems:?}");
    refarch_core::expand_variants(&base)
        .into_iter()
        .map(|s| {
            let v = refarch_core::validate(&s);
            assert!(v.diagnostics.is_empty(), "{}: {:?}", s.id, v.diagnostics);
            let m = v.model.expect("valid variant");
            let findings = refarch_core::lint(&m);
            assert!(findings.is_empty(), "{}: {findings:?}", s.id);
            (s, m)
        })
        .collect()
}

fn variant<'v>(all: &'v [(refarch_core::Scenario, Model)], id: &str) -> &'v Model {
    &all.iter()
        .find(|(s, _)| s.id == id)
        .unwrap_or_else(|| panic!("no variant `{id}`"))
        .1
}

/// App-server instances (excluding job servers) and the sizes they run on.
fn app_instances(m: &Model) -> (u32, Vec<String>) {
    let apps = of_kind(m, ComponentKind::AppServer);
    let n = apps.iter().map(|&a| m.component(a).replicas).sum();
    let tech = apps
        .iter()
        .filter_map(|&a| m.component(a).tech.clone())
        .collect();
    (n, tech)
}

#[test]
fn high_availability_variants_follow_the_aws_tabs() {
    let all = variants("high-availability");
    let ids: Vec<&str> = all.iter().map(|(s, _)| s.id.as_str()).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "variant ids are unique");
    // (variant, app instances, app sizes, job size, database size)
    let tabs = [
        (
            "high-availability-aws-5k",
            2,
            vec!["c7i.large"; 2],
            "c7i.large",
            "db.r7g.large",
        ),
        (
            "high-availability-aws-10k",
            2,
            vec!["c7i.xlarge"; 2],
            "c7i.xlarge",
            "db.r7g.xlarge",
        ),
        (
            "high-availability-aws-25k",
            2,
            vec!["c7i.xlarge", "c7i.2xlarge"],
            "c7i.2xlarge",
            "db.r7g.2xlarge",
        ),
        (
            "high-availability-aws-50k",
            5,
            vec!["c7i.xlarge", "c7i.2xlarge"],
            "c7i.2xlarge",
            "db.r7g.2xlarge",
        ),
    ];
    for (id, apps, sizes, job, db) in tabs {
        let m = variant(&all, id);
        assert!(m.high_availability(), "{id}");
        assert!(m.title().contains("AWS"), "{id}");
        let (n, tech) = app_instances(m);
        assert_eq!(n, apps, "{id}: app instances");
        assert_eq!(tech, sizes, "{id}: app sizes");
        let jobs = of_kind(m, ComponentKind::JobServer);
        assert_eq!(jobs.len(), 1, "{id}");
        assert_eq!(m.component(jobs[0]).tech.as_deref(), Some(job), "{id}");
        let dbs = of_kind(m, ComponentKind::Database);
        assert_eq!(dbs.len(), 2, "{id}: 1 writer, 1 reader");
        for d in dbs {
            assert_eq!(m.component(d).tech.as_deref(), Some(db), "{id}");
            assert_eq!(m.component(d).replicas, 1, "{id}");
        }
    }
    // Azure 50,000: 5 database servers = 1 writer + 4 readers.
    let m = variant(&all, "high-availability-azure-50k");
    let db_total: u32 = of_kind(m, ComponentKind::Database)
        .iter()
        .map(|&d| m.component(d).replicas)
        .sum();
    assert_eq!(db_total, 5);
    assert_eq!(m.zone(zone_id(m, "aws")).label, "Corporate Data Center");
    // Oracle 5,000: four OKE nodes and no separate job node.
    let m = variant(&all, "high-availability-oracle-5k");
    assert_eq!(app_instances(m).0, 4);
    assert!(of_kind(m, ComponentKind::JobServer).is_empty());
}

#[test]
fn scaling_variants_follow_the_tier_table() {
    let all = variants("scale-for-enterprise");
    // (variant, app nodes, app size, readers, search nodes, redis?)
    let tiers = [
        ("scale-for-enterprise-2000", 2, "c7i.large", 1, 2, false),
        ("scale-for-enterprise-30000", 2, "c7i.2xlarge", 1, 4, false),
        ("scale-for-enterprise-50000", 5, "c7i.2xlarge", 4, 4, false),
        ("scale-for-enterprise-100000", 6, "c7i.4xlarge", 5, 4, false),
    ];
    for (id, apps, size, readers, search, redis) in tiers {
        let m = variant(&all, id);
        let app = comp(m, "app");
        assert_eq!(app.replicas, apps, "{id}");
        assert!(
            app.tech.as_deref().is_some_and(|t| t.contains(size)),
            "{id}"
        );
        assert_eq!(comp(m, "db-reader").replicas, readers, "{id}");
        assert_eq!(comp(m, "db-writer").replicas, 1, "{id}");
        assert_eq!(comp(m, "search").replicas, search, "{id}");
        assert_eq!(
            m.component_ids()
                .any(|c| m.component(c).kind == ComponentKind::Cache),
            redis,
            "{id}: Redis only at 200,000"
        );
        assert!(m.high_availability(), "{id}: HA required");
    }
    // The 200-user tier: one node, no readers, no search, no HA claim.
    let m = variant(&all, "scale-for-enterprise-200");
    assert!(!m.high_availability());
    assert_eq!(comp(m, "app").replicas, 1);
    assert_eq!(of_kind(m, ComponentKind::Database).len(), 1);
    assert!(of_kind(m, ComponentKind::Search).is_empty());
    // No link is left dangling by the omissions, and the base keeps its own counts.
    let base = load("scale-for-enterprise");
    assert_eq!(comp(&base, "app").replicas, 14);
    assert_eq!(
        all.len(),
        8,
        "the eight other tiers (200 ... 100,000) next to the 200,000 base"
    );
}

#[test]
fn variant_overrides_naming_no_component_are_reported_with_a_suggestion() {
    let text = std::fs::read_to_string(path("high-availability")).expect("file");
    let bad = text.replacen(r#""app01": 3"#, r#""app1": 3"#, 1);
    assert_ne!(bad, text, "the 50k tab overrides app01's replicas");
    let scenario = refarch_core::parse(&bad).expect("still parses").scenario;
    let problems = refarch_core::validate_variants_in(&scenario, &bad);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].code, refarch_core::Code::UnknownReference);
    assert_eq!(problems[0].help.as_deref(), Some("did you mean `app01`?"));
    let span = problems[0].primary_span().expect("points into the file");
    assert_eq!(&bad[span], r#""app1""#);
}

/// The kinds that refine the shared format's (`ObjectStore` a `FileStore`, `Firewall` and
/// `Dns` a `Gateway`) change a card's icon and colour, never the layout: every bundled
/// scenario lays out exactly as it does with the kinds they refine.
#[test]
fn refined_kinds_change_icons_not_layouts() {
    let plain = |text: &str| {
        text.replace("kind: ObjectStore", "kind: FileStore")
            .replace("kind: Firewall", "kind: Gateway")
            .replace("kind: Dns", "kind: Gateway")
    };
    let laid_out = |name: &str, text: &str| {
        let checked = refarch_core::check_str(name, text);
        let model = checked.model.expect("a clean file has a model");
        refarch::diagram(&model, &refarch::layout::LayoutOptions::default())
    };
    let mut refined = 0;
    for (id, _, _) in SCENARIOS {
        let text = std::fs::read_to_string(path(id)).expect("read scenario");
        if plain(&text) == text {
            continue;
        }
        refined += 1;
        let mut d = laid_out(id, &text);
        let before = laid_out(id, &plain(&text));
        for (c, b) in d.components.iter_mut().zip(&before.components) {
            c.kind = b.kind;
        }
        assert!(d == before, "{id}: the refined kinds moved something");
    }
    assert!(refined >= 5, "{refined} scenarios use the refined kinds");
}
