//! Trust-boundary analysis: crossings, the lint rules on their fixtures, the severity
//! policy, SARIF and the flow matrix.

use std::path::{Path, PathBuf};

use crate::util::bless_or_compare;
use refarch_core::{
    Checked, Code, Model, Policy, Severity, TrustDirection, check_path, check_str, crossings,
    flows, flows_csv, flows_json, flows_markdown, lint, sarif,
};

fn lints_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("lints")
}

fn load(name: &str) -> (Checked, Model) {
    let checked = check_path(&lints_dir().join(name));
    let model = checked
        .model
        .clone()
        .unwrap_or_else(|| panic!("{name} does not validate: {:?}", checked.diagnostics));
    (checked, model)
}

fn model_of(text: &str) -> Model {
    let checked = check_str("inline.ron", text);
    checked
        .model
        .unwrap_or_else(|| panic!("does not validate: {:?}", checked.diagnostics))
}

/// `(code, line)` for every `// expect CODE` marker in a fixture.
fn expected(text: &str) -> Vec<(String, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let (_, code) = line.split_once("// expect ")?;
            Some((code.trim().to_owned(), i + 1))
        })
        .collect()
}

/// Each broken fixture yields exactly the findings its markers list, at those lines; its
/// fixed twin yields no diagnostic at all.
fn check_rule(name: &str, code: Code) {
    let (checked, model) = load(&format!("{name}.ron"));
    assert!(
        checked.diagnostics.is_empty(),
        "{name}: validation warnings {:?}",
        checked.diagnostics
    );
    let found: Vec<(String, usize)> = lint(&model)
        .iter()
        .map(|d| {
            let span = d.primary_span().expect("findings point at the source");
            (d.code.to_string(), checked.source.line_col(span.start).0)
        })
        .collect();
    let want = expected(&checked.source.text);
    assert!(!want.is_empty(), "{name} has no `// expect` marker");
    assert!(want.iter().all(|(c, _)| c == code.as_str()));
    assert_eq!(found, want, "{name}");

    let fixed = format!("{name}-fixed.ron");
    let (checked, model) = load(&fixed);
    assert!(
        checked.diagnostics.is_empty(),
        "{fixed}: {:?}",
        checked.diagnostics
    );
    assert_eq!(lint(&model), vec![], "{fixed}");
}

#[test]
fn plaintext_crossing() {
    check_rule("plaintext-crossing", Code::PlaintextCrossing);
}

#[test]
fn unstated_encryption() {
    check_rule("unstated-encryption", Code::UnstatedEncryption);
}

#[test]
fn untrusted_to_restricted() {
    check_rule("untrusted-to-restricted", Code::UntrustedToRestricted);
}

#[test]
fn partner_data_store() {
    check_rule("partner-data-store", Code::PartnerToDataStore);
}

#[test]
fn single_point_of_failure() {
    check_rule("single-point-of-failure", Code::SinglePointOfFailure);
}

#[test]
fn duplicate_link() {
    check_rule("duplicate-link", Code::DuplicateLink);
}

/// A link's own `allow` drops its findings of those codes and no other link's; an unknown
/// code there is an error at the code, with the nearest code suggested.
#[test]
fn a_link_allows_its_own_findings_only() {
    let text = |allow: &str| {
        format!(
            r#"Scenario(id: "s", title: "S",
    zones: [
        Zone(id: "dmz", label: "DMZ", trust: Perimeter),
        Zone(id: "private", label: "Private network", trust: Internal),
    ],
    components: [
        Component(id: "proxy", label: "NGINX", kind: Proxy, zone: "dmz"),
        Component(id: "app", label: "App", kind: AppServer, zone: "private"),
        Component(id: "admin", label: "Admin", kind: AppServer, zone: "private"),
    ],
    links: [
        Link(from: "proxy", to: "app", protocol: "HTTP", encrypted: false, allow: [{allow}]),
        Link(from: "proxy", to: "admin", protocol: "HTTP", encrypted: false),
        Link(from: "proxy", to: "admin", protocol: "HTTP", encrypted: false, allow: ["L0006"]),
    ],
)"#
        )
    };
    let found = |text: &str| -> Vec<(String, usize)> {
        let checked = check_str("inline.ron", text);
        let model = checked.model.clone().expect("valid");
        (lint(&model).iter())
            .map(|d| {
                let span = d.primary_span().expect("findings point at the source");
                (d.code.to_string(), checked.source.line_col(span.start).0)
            })
            .collect()
    };
    let all = found(&text(""));
    let codes = |v: &[(String, usize)]| {
        v.iter()
            .map(|(c, l)| format!("{c}@{l}"))
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&all), ["L0001@12", "L0001@13", "L0001@14"]);
    assert_eq!(codes(&found(&text(r#""L0001""#))), ["L0001@13", "L0001@14"]);
    // The third link allows L0006 (duplicate link) but not L0001.
    let dup = text("").replace(
        r#"protocol: "HTTP", encrypted: false, allow: ["L0006"]"#,
        r#"protocol: "HTTP", encrypted: false"#,
    );
    assert!(found(&dup).iter().any(|(c, l)| c == "L0006" && *l == 14));
    assert!(!found(&text("")).iter().any(|(c, _)| c == "L0006"));

    let checked = check_str("inline.ron", &text(r#""L001""#));
    let report = checked
        .source
        .render(&checked.diagnostics, refarch_core::Style::Plain);
    assert!(checked.model.is_none(), "{report}");
    assert!(
        report.contains("unknown diagnostic code `L001`"),
        "{report}"
    );
    assert!(report.contains("inline.ron:12:"), "{report}");
    assert!(report.contains("did you mean `L0001`?"), "{report}");
}

#[test]
fn every_fixture_has_a_twin() {
    let mut names: Vec<String> = std::fs::read_dir(lints_dir())
        .expect("tests/lints")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    names.sort();
    let broken: Vec<&String> = names
        .iter()
        .filter(|n| !n.ends_with("-fixed.ron"))
        .collect();
    assert_eq!(broken.len(), 6);
    for n in broken {
        let twin = n.replace(".ron", "-fixed.ron");
        assert!(names.contains(&twin), "{n} has no fixed twin");
    }
}

#[test]
fn lint_codes_are_appended_warnings_with_explanations() {
    let lints: Vec<Code> = Code::ALL
        .iter()
        .copied()
        .filter(|c| c.as_str().starts_with('L'))
        .collect();
    assert_eq!(
        lints.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        ["L0001", "L0002", "L0003", "L0004", "L0005", "L0006"]
    );
    for c in lints {
        assert_eq!(c.default_severity(), Severity::Warning);
        assert!(c.explanation().len() > 100, "{c}");
        assert_eq!(c.as_str().parse::<Code>(), Ok(c));
    }
}

const NESTED: &str = r#"Scenario(
    id: "nested",
    title: "Nested zones",
    zones: [
        Zone(id: "internet", label: "Internet", trust: Untrusted),
        Zone(id: "dmz", label: "DMZ", trust: Perimeter),
        Zone(id: "private", label: "Private", trust: Internal),
        Zone(id: "cluster", label: "Cluster", parent: "private", kind: Cluster),
        Zone(id: "data", label: "Data", trust: Restricted, parent: "cluster"),
        Zone(id: "site-b", label: "Site B", trust: Internal)
    ],
    components: [
        Component(id: "clients", label: "Clients", kind: Client, zone: "internet"),
        Component(id: "proxy", label: "Proxy", kind: Proxy, zone: "dmz"),
        Component(id: "app", label: "App", kind: AppServer, zone: "cluster"),
        Component(id: "db", label: "DB", kind: Database, zone: "data"),
        Component(id: "mon", label: "Monitoring", kind: Monitoring, zone: "private"),
        Component(id: "backup", label: "Backup", kind: FileStore, zone: "site-b"),
        Component(id: "push", label: "Push", kind: PushProxy)
    ],
    links: [
        Link(from: "clients", to: "proxy", encrypted: true),
        Link(from: "proxy", to: "db", encrypted: true),
        Link(from: "db", to: "backup", encrypted: true),
        Link(from: "app", to: "push", encrypted: true),
        Link(from: "mon", to: "app"),
        Link(from: "app", to: "data", encrypted: true),
        Link(from: "mon", to: "site-b", encrypted: true),
        Link(from: "app", to: "mon", encrypted: false)
    ],
)"#;

#[test]
fn crossings_follow_the_zone_tree() {
    let m = model_of(NESTED);
    let ids = |zones: &[refarch_core::ZoneId]| -> Vec<String> {
        zones.iter().map(|&z| m.zone(z).id.clone()).collect()
    };
    let cs = crossings(&m);
    assert_eq!(cs.len(), m.links().len());
    for (i, c) in cs.iter().enumerate() {
        assert_eq!(c.link.index(), i);
    }

    // Sibling top-level zones: leave one, enter the other.
    assert_eq!(ids(&cs[0].leaves), ["internet"]);
    assert_eq!(ids(&cs[0].enters), ["dmz"]);
    assert_eq!(cs[0].common, None);
    assert_eq!(cs[0].direction, TrustDirection::Inbound);

    // Into a nested zone: entered outermost first.
    assert_eq!(ids(&cs[1].leaves), ["dmz"]);
    assert_eq!(ids(&cs[1].enters), ["private", "cluster", "data"]);
    assert_eq!(cs[1].direction, TrustDirection::Inbound);

    // Out of a nested zone: left innermost first; Restricted → Internal is outbound.
    assert_eq!(ids(&cs[2].leaves), ["data", "cluster", "private"]);
    assert_eq!(ids(&cs[2].enters), ["site-b"]);
    assert_eq!(cs[2].direction, TrustDirection::Outbound);

    // To a component outside every zone, which counts as untrusted.
    assert_eq!(ids(&cs[3].leaves), ["cluster", "private"]);
    assert!(cs[3].enters.is_empty());
    assert_eq!(cs[3].to_zone, None);
    assert_eq!(cs[3].direction, TrustDirection::Outbound);

    // Within `private`: the common ancestor is not crossed; inherited trust is lateral.
    assert_eq!(
        cs[4].common.map(|z| m.zone(z).id.clone()),
        Some("private".into())
    );
    assert!(cs[4].leaves.is_empty());
    assert_eq!(ids(&cs[4].enters), ["cluster"]);
    assert_eq!(cs[4].direction, TrustDirection::Lateral);
    assert!(cs[4].crosses_boundary());

    // A zone end: `app` in `cluster` to the `data` zone's border.
    assert_eq!(ids(&cs[5].enters), ["data"]);
    assert!(cs[5].leaves.is_empty());

    // Between two Internal zones: a boundary, but lateral.
    assert_eq!(ids(&cs[6].leaves), ["private"]);
    assert_eq!(ids(&cs[6].enters), ["site-b"]);
    assert_eq!(cs[6].direction, TrustDirection::Lateral);

    // Up into the parent: leaves `cluster` only.
    assert_eq!(ids(&cs[7].leaves), ["cluster"]);
    assert_eq!(
        cs[7]
            .boundaries()
            .map(|z| m.zone(z).id.clone())
            .collect::<Vec<_>>(),
        ["cluster"]
    );
}

#[test]
fn crossing_free_links_and_the_nested_scenarios_findings() {
    let m = model_of(NESTED);
    let codes: Vec<(Code, usize)> = lint(&m)
        .iter()
        .map(|d| {
            let s = d.primary_span().expect("span");
            let line = NESTED[..s.start].matches('\n').count() + 1;
            (d.code, line)
        })
        .collect();
    assert_eq!(
        codes,
        [
            (Code::UnstatedEncryption, 26),
            (Code::PlaintextCrossing, 29)
        ]
    );
}

#[test]
fn untrusted_to_restricted_through_a_perimeter_zone_is_fine() {
    // The restricted zone nests in a perimeter one, so the link passes a perimeter
    // boundary; a loose component counts as untrusted.
    let m = model_of(
        r#"Scenario(id: "p", title: "P",
        zones: [
            Zone(id: "edge", label: "Edge", trust: Perimeter),
            Zone(id: "vault", label: "Vault", trust: Restricted, parent: "edge"),
            Zone(id: "safe", label: "Safe", trust: Restricted)
        ],
        components: [
            Component(id: "user", label: "User", kind: User),
            Component(id: "hsm", label: "HSM", kind: Other, zone: "vault"),
            Component(id: "box", label: "Box", kind: Other, zone: "safe")
        ],
        links: [
            Link(from: "user", to: "hsm", encrypted: true),
            Link(from: "user", to: "box", encrypted: true)
        ],
    )"#,
    );
    let found: Vec<Code> = lint(&m).iter().map(|d| d.code).collect();
    assert_eq!(found, [Code::UntrustedToRestricted]);
}

#[test]
fn bidirectional_links_are_checked_both_ways() {
    let text = r#"Scenario(id: "b", title: "B",
        zones: [
            Zone(id: "internet", label: "Internet", trust: Untrusted),
            Zone(id: "partner", label: "Partner", trust: Partner),
            Zone(id: "vault", label: "Vault", trust: Restricted)
        ],
        components: [
            Component(id: "user", label: "User", kind: User, zone: "internet"),
            Component(id: "erp", label: "ERP", kind: Integration, zone: "partner"),
            Component(id: "db", label: "DB", kind: Database, zone: "vault")
        ],
        links: [
            Link(from: "db", to: "user", encrypted: true, bidirectional: true),
            Link(from: "db", to: "erp", encrypted: true, bidirectional: true)
        ],
    )"#;
    let found: Vec<Code> = lint(&model_of(text)).iter().map(|d| d.code).collect();
    assert_eq!(
        found,
        [Code::UntrustedToRestricted, Code::PartnerToDataStore]
    );
    let one_way = text.replace(", bidirectional: true", "");
    assert_eq!(lint(&model_of(&one_way)), vec![]);
}

#[test]
fn single_point_of_failure_needs_the_ha_claim_and_follows_zone_ends() {
    let text = r#"Scenario(id: "ha", title: "HA", high_availability: true,
        zones: [Zone(id: "data", label: "Data")],
        components: [
            Component(id: "user", label: "User", kind: User),
            Component(id: "lb", label: "LB", kind: LoadBalancer),
            Component(id: "db", label: "DB", kind: Database, zone: "data", replicas: 2)
        ],
        links: [
            Link(from: "user", to: "lb", encrypted: true),
            Link(from: "lb", to: "data", encrypted: true)
        ],
    )"#;
    let found: Vec<(Code, String)> = lint(&model_of(text))
        .into_iter()
        .map(|d| (d.code, d.message))
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, Code::SinglePointOfFailure);
    assert!(found[0].1.contains("`lb`") && found[0].1.contains("`db`"));

    let without_claim = text.replace("high_availability: true,", "");
    assert_eq!(lint(&model_of(&without_claim)), vec![]);
    let redundant = text.replace("kind: LoadBalancer)", "kind: LoadBalancer, replicas: 2)");
    assert_eq!(lint(&model_of(&redundant)), vec![]);
}

#[test]
fn scenario_allow_silences_a_lint() {
    let text = std::fs::read_to_string(lints_dir().join("duplicate-link.ron")).expect("fixture");
    let allowed = text.replace(
        "title: \"Duplicate link\",",
        "title: \"Duplicate link\", allow: [\"L0006\"],",
    );
    assert_ne!(allowed, text);
    assert_eq!(lint(&model_of(&allowed)), vec![]);
}

#[test]
fn policy_allows_and_denies() {
    let (_, model) = load("unstated-encryption.ron");
    let mut diags = lint(&model);
    Policy::default().apply(&mut diags);
    assert_eq!(diags.len(), 2);
    assert!(diags.iter().all(|d| d.severity == Severity::Warning));

    let mut denied = diags.clone();
    Policy {
        deny_warnings: true,
        ..Policy::default()
    }
    .apply(&mut denied);
    assert!(denied.iter().all(|d| d.severity == Severity::Error));

    let mut denied_one = diags.clone();
    Policy {
        deny: vec![Code::UnstatedEncryption],
        ..Policy::default()
    }
    .apply(&mut denied_one);
    assert!(denied_one.iter().all(|d| d.is_error()));

    let mut allowed = diags.clone();
    Policy {
        deny_warnings: true,
        allow: vec![Code::UnstatedEncryption],
        ..Policy::default()
    }
    .apply(&mut allowed);
    assert!(allowed.is_empty());

    // Errors are never allowed away.
    let checked = check_str("bad.ron", "Scenario(id: \"x\")");
    let mut errors = checked.diagnostics.clone();
    assert!(!errors.is_empty());
    let codes = errors.iter().map(|d| d.code).collect();
    Policy {
        allow: codes,
        ..Policy::default()
    }
    .apply(&mut errors);
    assert_eq!(errors, checked.diagnostics);
}

#[test]
fn sarif_is_json_with_rules_and_located_results() {
    let (a, ma) = load("plaintext-crossing.ron");
    let (b, mb) = load("duplicate-link.ron");
    let (da, db) = (lint(&ma), lint(&mb));
    let log = sarif(&[(&a.source, &da), (&b.source, &db)]);
    let v: serde_json::Value = serde_json::from_str(&log).expect("SARIF is JSON");
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "refarch");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    for id in [
        "E0001", "W0002", "L0001", "L0002", "L0003", "L0004", "L0005", "L0006",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    let l1 = rules.iter().find(|r| r["id"] == "L0001").expect("L0001");
    assert_eq!(
        l1["help"]["text"].as_str(),
        Some(Code::PlaintextCrossing.explanation())
    );

    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["ruleId"], "L0001");
    assert_eq!(results[0]["level"], "warning");
    let idx = results[0]["ruleIndex"].as_u64().expect("index") as usize;
    assert_eq!(rules[idx]["id"], "L0001");
    let loc = &results[0]["locations"][0]["physicalLocation"];
    assert!(
        loc["artifactLocation"]["uri"]
            .as_str()
            .expect("uri")
            .ends_with("lints/plaintext-crossing.ron")
    );
    assert_eq!(loc["region"]["startLine"], 14);
    assert_eq!(loc["region"]["startColumn"], 9);
    assert_eq!(results[1]["ruleId"], "L0006");
    assert_eq!(
        results[1]["locations"][0]["physicalLocation"]["region"]["startLine"],
        14
    );
    assert_eq!(
        results[1]["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        13
    );

    let named = |name: &str| {
        let file = refarch_core::SourceFile::new(name, "x");
        let log = sarif(&[(&file, &db)]);
        let v: serde_json::Value = serde_json::from_str(&log).expect("JSON");
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .expect("uri")
            .to_owned()
    };
    assert_eq!(named("scenarios/a b.ron"), "scenarios/a%20b.ron");
    assert_eq!(named("/srv/x.ron"), "file:///srv/x.ron");
    assert_eq!(named("C:\\dir\\x.ron"), "file:///C:/dir/x.ron");

    let empty: serde_json::Value = serde_json::from_str(&sarif(&[])).expect("JSON");
    assert_eq!(empty["runs"][0]["results"], serde_json::json!([]));
}

const FLOWS: &str = r#"Scenario(
    id: "flows",
    title: "Flows",
    zones: [
        Zone(id: "dmz", label: "DMZ, \"edge\"", trust: Perimeter),
        Zone(id: "private", label: "Private | core", trust: Internal)
    ],
    components: [
        Component(id: "user", label: "User", kind: User),
        Component(id: "proxy", label: "NGINX\nedge", kind: Proxy, zone: "dmz"),
        Component(id: "app", label: "App", kind: AppServer, zone: "private"),
        Component(id: "jobs", label: "Jobs", kind: JobServer, zone: "private")
    ],
    links: [
        Link(from: "user", to: "proxy", protocol: "HTTPS", port: 443, encrypted: true),
        Link(from: "proxy", to: "app", protocol: "HTTP", port: 8065, encrypted: false),
        Link(from: "app", to: "jobs", protocol: "gRPC", bidirectional: true, label: "sync, | fast"),
        Link(from: "proxy", to: "private", protocol: "HTTP", port: 8080)
    ],
)"#;

#[test]
fn flow_matrix_rows() {
    let m = model_of(FLOWS);
    let f = flows(&m);
    assert_eq!(f.len(), 4);
    assert_eq!(f[0].source_zone, None);
    assert_eq!(f[0].direction, TrustDirection::Inbound);
    assert_eq!(f[1].source.id, "proxy");
    assert_eq!(
        f[1].destination_zone.as_ref().map(|z| z.id.as_str()),
        Some("private")
    );
    assert_eq!(f[1].encrypted, Some(false));
    assert!(f[1].crosses_boundary);
    assert!(!f[2].crosses_boundary);
    assert_eq!(f[2].direction, TrustDirection::Lateral);
    assert!(f[3].destination.is_zone);
}

/// A minimal RFC 4180 reader, to check that the writer's quoting round-trips.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        !quoted && field.is_empty() && row.is_empty(),
        "CSV ends mid-row"
    );
    rows
}

#[test]
fn flow_csv_quotes_fields() {
    let csv = flows_csv(&flows(&model_of(FLOWS)));
    assert!(csv.starts_with(
        "source_zone,source_zone_id,source_trust,source,source_id,destination_zone,\
         destination_zone_id,destination_trust,destination,destination_id,protocol,port,\
         encrypted,direction,bidirectional,label\n\
         ,,Untrusted,User,user,\"DMZ, \"\"edge\"\"\",dmz,Perimeter,\"NGINX\nedge\",proxy,\
         HTTPS,443,yes,inbound,no,\n"
    ));
    let rows = parse_csv(&csv);
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| r.len() == 16));
    assert_eq!(rows[1][5], "DMZ, \"edge\"");
    assert_eq!(rows[1][8], "NGINX\nedge");
    assert_eq!(
        rows[2],
        [
            "DMZ, \"edge\"",
            "dmz",
            "Perimeter",
            "NGINX\nedge",
            "proxy",
            "Private | core",
            "private",
            "Internal",
            "App",
            "app",
            "HTTP",
            "8065",
            "no",
            "inbound",
            "no",
            ""
        ]
    );
    assert_eq!(rows[3][11], "");
    assert_eq!(rows[3][12], "unknown");
    assert_eq!(rows[3][13], "lateral");
    assert_eq!(rows[3][14], "yes");
    assert_eq!(rows[3][15], "sync, | fast");
}

#[test]
fn flow_markdown_groups_by_boundary() {
    let md = flows_markdown(&flows(&model_of(FLOWS)));
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Outside every zone (Untrusted) → DMZ, \"edge\" (Perimeter)",
            "## DMZ, \"edge\" (Perimeter) → Private \\| core (Internal)",
            "## Within Private \\| core (Internal)",
        ]
    );
    // Two flows from the DMZ into the private zone share one section.
    let section = md
        .split("## ")
        .find(|s| s.starts_with("DMZ, \"edge\" (Perimeter) →"))
        .expect("section");
    assert_eq!(
        section
            .lines()
            .filter(|l| l.starts_with("| NGINX edge"))
            .count(),
        2
    );
    assert!(
        md.contains("| App | Jobs | gRPC |  | unknown | lateral (both ways) | sync, \\| fast |")
    );
}

#[test]
fn flow_json_serializes() {
    let json = flows_json(&flows(&model_of(FLOWS)));
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let rows = v.as_array().expect("array");
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["source_zone"], serde_json::Value::Null);
    assert_eq!(rows[1]["destination_zone"]["trust"], "Internal");
    assert_eq!(rows[1]["source"]["id"], "proxy");
    assert_eq!(rows[1]["port"], 8065);
    assert_eq!(rows[1]["encrypted"], false);
    assert_eq!(rows[2]["encrypted"], serde_json::Value::Null);
    assert_eq!(rows[1]["direction"], "inbound");
}

fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios")
}

/// The committed flow matrix of the high-availability scenario, as Markdown and CSV.
/// Re-bless with `REFARCH_BLESS=1 cargo test -p refarch-tests`.
#[test]
fn high_availability_flow_matrix_matches_expected() {
    let checked = check_path(&scenarios_dir().join("high-availability.ron"));
    let model = checked.model.expect("the HA scenario validates");
    let rows = flows(&model);
    let expected = lints_dir().join("expected");
    let md = bless_or_compare(
        &expected.join("high-availability.flows.md"),
        &flows_markdown(&rows),
    );
    assert!(md.is_ok(), "{}", md.err().unwrap_or_default());
    let csv = bless_or_compare(
        &expected.join("high-availability.flows.csv"),
        &flows_csv(&rows),
    );
    assert!(csv.is_ok(), "{}", csv.err().unwrap_or_default());
}

/// Every bundled scenario's lint findings, including those its `allow` list silences
/// (marked `allowed`), against a committed list a reviewer can read.
#[test]
fn bundled_scenarios_findings_match_expected() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(scenarios_dir())
        .expect("scenarios/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 7, "{} scenarios", files.len());
    let mut out = String::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("readable");
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let checked = check_str(&name, &text);
        let model = checked
            .model
            .unwrap_or_else(|| panic!("{name} does not validate"));
        let reported = lint(&model);
        // The same file with its `allow` list blanked (same byte offsets), to see what the
        // list silences.
        let unallowed: String = text
            .split_inclusive('\n')
            .map(|l| {
                if l.trim_start().starts_with("allow:") {
                    l.replace(|c: char| c != '\n', " ")
                } else {
                    l.to_owned()
                }
            })
            .collect();
        let all = lint(&model_of(&unallowed));
        out.push_str(&format!("{name}:\n"));
        if all.is_empty() {
            out.push_str("  (no findings)\n");
        }
        for d in &all {
            let r = checked.source.record(d);
            let allowed = if reported.contains(d) {
                ""
            } else {
                " (allowed)"
            };
            out.push_str(&format!(
                "  {}:{} {}{allowed} {}\n",
                r.line, r.column, r.code, r.message
            ));
        }
        assert!(
            checked.diagnostics.iter().all(|d| !d.is_error()),
            "{name} has errors"
        );
    }
    let result = bless_or_compare(&lints_dir().join("expected/scenarios.findings"), &out);
    assert!(result.is_ok(), "{}", result.err().unwrap_or_default());
}
