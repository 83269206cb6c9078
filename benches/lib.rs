//! Benchmark inputs for refarch: the bundled scenarios and seeded synthetic deployments.
//!
//! [`synthetic`] builds a deployment of any size that looks like the real ones: nested trust
//! zones (about one per eight components, up to three levels deep) ordered from the outside in,
//! links that mostly flow inwards through the tiers, some back links and some long cross-zone
//! links (about 1.3 links per component), labels of varied length and some replicas. The same
//! `(components, seed)` always gives the same scenario.
//!
//! ```
//! let scenario = refarch_benches::synthetic(50, 7);
//! assert_eq!(scenario.components.len(), 50);
//! let model = refarch::core::validate(&scenario).model.expect("valid");
//! assert_eq!(model.components().len(), 50);
//! ```

use std::path::{Path, PathBuf};

use refarch::core::{
    ComponentKind, ComponentSpec, Direction, LinkSpec, Model, Scenario, Trust, ZoneKind, ZoneSpec,
};

/// A small deterministic generator (SplitMix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const TRUSTS: [Trust; 5] = [
    Trust::Untrusted,
    Trust::Partner,
    Trust::Perimeter,
    Trust::Internal,
    Trust::Restricted,
];

const WORDS: &[&str] = &[
    "app",
    "server",
    "proxy",
    "gateway",
    "store",
    "PostgreSQL",
    "NGINX",
    "cluster",
    "edge",
    "identity",
    "provider",
    "push",
    "calls",
    "search",
    "cache",
    "queue",
    "worker",
    "mobile",
    "replica",
    "primary",
    "ingest",
    "analytics",
    "reporting",
    "billing",
    "notification",
    "Elasticsearch",
    "Kubernetes",
    "ingress",
    "service",
    "mesh",
    "VPN",
    "bastion",
    "backup",
];

const ZONE_WORDS: &[&str] = &[
    "network",
    "segment",
    "tier",
    "subnet",
    "VPC",
    "site",
    "enclave",
    "region",
    "cluster",
    "partner",
    "DMZ",
    "core",
    "data",
    "services",
    "management",
    "operations",
];

const PROTOCOLS: &[(&str, Option<u16>)] = &[
    ("HTTPS", Some(443)),
    ("HTTP", Some(8065)),
    ("PostgreSQL", Some(5432)),
    ("gRPC", Some(9000)),
    ("AMQP", Some(5672)),
    ("Redis", Some(6379)),
    ("LDAP", Some(636)),
    ("SAML", None),
    ("SMTP", Some(587)),
    ("WebSocket", Some(443)),
    ("SSH", Some(22)),
    ("Gossip TCP+UDP", Some(8074)),
];

fn words(rng: &mut Rng, list: &[&str], n: usize) -> String {
    let mut s = String::new();
    for i in 0..n.max(1) {
        if i > 0 {
            s.push(' ');
        }
        let word: &&str = rng.pick(list);
        s.push_str(word);
    }
    s
}

/// Component kinds that fit a trust level (outside → inside).
fn kinds_for(trust: Trust) -> &'static [ComponentKind] {
    use ComponentKind::*;
    match trust {
        Trust::Untrusted => &[Client, User, ExternalService, Device],
        Trust::Partner => &[Integration, ExternalService, IdentityProvider, PushProxy],
        Trust::Perimeter => &[Proxy, LoadBalancer, Gateway, PushProxy],
        Trust::Internal => &[
            AppServer,
            JobServer,
            Queue,
            Cache,
            Search,
            Monitoring,
            CallsServer,
            IdentityProvider,
        ],
        Trust::Restricted => &[Database, FileStore, Cache, Search],
    }
}

fn trust_level(t: Trust) -> usize {
    TRUSTS.iter().position(|&x| x == t).unwrap_or(3)
}

struct ZoneDraft {
    spec: ZoneSpec,
    trust: Trust,
    depth: usize,
    /// Flow position of the zone's top-level ancestor (outermost trust first).
    root_rank: usize,
}

/// A seeded synthetic deployment with `components` components.
///
/// Zones: about `components / 8`, nested up to three levels, trust never decreasing inwards.
/// Components are dealt to zones in flow order (untrusted first, restricted last), a few stay
/// outside every zone. Links: each component links forwards to a near successor in flow order
/// (inwards); about a third get a second link, which is a back link, a cross-zone link to
/// anywhere, or a link to a zone's border.
pub fn synthetic(components: usize, seed: u64) -> Scenario {
    let mut rng = Rng::new(seed ^ 0x5EED_0000_0000_0000 ^ components as u64);
    let n = components;

    // Zones: top-level ones spread over the trust levels, children at least as trusted.
    let zone_count = if n == 0 { 0 } else { n.div_ceil(8) };
    let mut zones: Vec<ZoneDraft> = Vec::with_capacity(zone_count);
    for i in 0..zone_count {
        let candidates: Vec<usize> = (0..i).filter(|&z| zones[z].depth < 2).collect();
        let parent = if i > 0 && !candidates.is_empty() && rng.chance(0.45) {
            // Prefer recent zones, so nesting is local.
            let k = candidates.len();
            Some(candidates[k - 1 - rng.below(k.min(6))])
        } else {
            None
        };
        let (trust, depth, root_rank, explicit) = match parent {
            Some(p) => {
                let pt = trust_level(zones[p].trust);
                let t = (pt + usize::from(rng.chance(0.5))).min(4);
                (TRUSTS[t], zones[p].depth + 1, zones[p].root_rank, t != pt)
            }
            None => {
                let t = rng.below(5);
                (TRUSTS[t], 0, t, true)
            }
        };
        let label = {
            let wide = rng.chance(0.15);
            let k = 1 + rng.below(if wide { 7 } else { 3 });
            let mut l = words(&mut rng, ZONE_WORDS, k);
            if let Some(first) = l.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            l
        };
        zones.push(ZoneDraft {
            spec: ZoneSpec {
                id: format!("z{i}"),
                label,
                trust: (explicit || rng.chance(0.3)).then_some(trust),
                kind: rng.chance(0.4).then(|| {
                    *rng.pick(&[
                        ZoneKind::Network,
                        ZoneKind::Cloud,
                        ZoneKind::Organization,
                        ZoneKind::Site,
                        ZoneKind::Cluster,
                    ])
                }),
                parent: parent.map(|p| format!("z{p}")),
                caption: rng.chance(0.15).then(|| words(&mut rng, ZONE_WORDS, 2)),
                direction: None,
                arrange: None,
            },
            trust,
            depth,
            root_rank,
        });
    }

    // Flow order of zones: by the top-level zone's trust, then the zone's own, then file order.
    let mut flow: Vec<usize> = (0..zone_count).collect();
    flow.sort_by_key(|&z| (zones[z].root_rank, trust_level(zones[z].trust), z));

    // Deal components to zones in flow order: every zone gets at least one, the rest at
    // random (weighted towards the zone's place in the flow), and ~2 % stay outside.
    let loose = if n >= 10 { (n / 50).max(1) } else { 0 };
    let in_zones = n - loose;
    let mut per_zone = vec![0usize; zone_count];
    if zone_count > 0 {
        for (k, &z) in flow.iter().enumerate() {
            if k < in_zones {
                per_zone[z] = 1;
            }
        }
        let assigned: usize = per_zone.iter().sum();
        for _ in assigned..in_zones {
            per_zone[rng.below(zone_count)] += 1;
        }
    }
    // Component slots in flow order: loose ones first (users and clients at the flow's start).
    let mut slots: Vec<Option<usize>> = vec![None; if zone_count == 0 { n } else { loose }];
    for &z in &flow {
        slots.extend(std::iter::repeat_n(Some(z), per_zone[z]));
    }

    let mut comps = Vec::with_capacity(n);
    for (i, zone) in slots.iter().enumerate() {
        let trust = zone.map_or(Trust::Untrusted, |z| zones[z].trust);
        let kind = *rng.pick(kinds_for(trust));
        let label_words = match rng.below(10) {
            0..=4 => 1 + rng.below(2),
            5..=8 => 2 + rng.below(3),
            _ => 5 + rng.below(8),
        };
        let mut label = words(&mut rng, WORDS, label_words);
        if let Some(first) = label.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        comps.push(ComponentSpec {
            id: format!("c{i}"),
            label,
            kind,
            zone: zone.map(|z| format!("z{z}")),
            replicas: rng.chance(0.12).then(|| 2 + rng.below(4) as u32),
            tech: rng.chance(0.3).then(|| {
                let k = 1 + rng.below(3);
                words(&mut rng, WORDS, k)
            }),
            note: rng.chance(0.05).then(|| {
                let k = 3 + rng.below(6);
                words(&mut rng, WORDS, k)
            }),
            capabilities: Vec::new(),
            optional: rng.chance(0.05),
            place: None,
        });
    }

    // Links, in flow order: forwards to a near successor, plus back, cross and zone links.
    let mut links = Vec::with_capacity(n + n / 3 + 1);
    let mut seen = std::collections::HashSet::new();
    let mut add = |links: &mut Vec<LinkSpec>, rng: &mut Rng, from: String, to: String| {
        if from == to || !seen.insert((from.clone(), to.clone())) {
            return;
        }
        let (protocol, port) = *rng.pick(PROTOCOLS);
        let explicit = rng.chance(0.08);
        links.push(LinkSpec {
            from,
            to,
            protocol: (!explicit).then(|| protocol.to_string()),
            port: if explicit { None } else { port.map(u32::from) },
            encrypted: match rng.below(5) {
                0 => None,
                1 => Some(false),
                _ => Some(true),
            },
            bidirectional: rng.chance(0.05),
            intermittent: rng.chance(0.03),
            label: explicit.then(|| {
                let k = 1 + rng.below(4);
                words(rng, WORDS, k)
            }),
            note: rng.chance(0.04).then(|| {
                let k = 2 + rng.below(4);
                words(rng, WORDS, k)
            }),
            allow: Vec::new(),
        });
    };
    let near = |rng: &mut Rng| -> usize {
        // 1, 2, 3... with a geometric tail, up to 12.
        let mut k = 1;
        while k < 12 && rng.chance(0.45) {
            k += 1;
        }
        k
    };
    for i in 0..n {
        if i + 1 < n {
            let j = (i + near(&mut rng)).min(n - 1);
            add(&mut links, &mut rng, format!("c{i}"), format!("c{j}"));
        }
        if rng.chance(0.32) {
            let r = rng.below(100);
            if r < 35 && i > 0 {
                // A back link (replies, callbacks, replication).
                let j = i.saturating_sub(near(&mut rng));
                add(&mut links, &mut rng, format!("c{i}"), format!("c{j}"));
            } else if r < 90 {
                // A cross-zone link, mostly inwards.
                let j = if rng.chance(0.8) && i + 1 < n {
                    i + 1 + rng.below(n - i - 1)
                } else {
                    rng.below(n)
                };
                add(&mut links, &mut rng, format!("c{i}"), format!("c{j}"));
            } else if zone_count > 0 {
                // To a zone's border (e.g. "the application layer").
                let z = rng.below(zone_count);
                add(&mut links, &mut rng, format!("c{i}"), format!("z{z}"));
            }
        }
    }

    Scenario {
        id: format!("synthetic-{n}-{seed}"),
        title: format!("Synthetic deployment: {n} components (seed {seed})"),
        doc: None,
        summary: Some(format!(
            "{n} components in {zone_count} nested zones, {} links",
            links.len()
        )),
        direction: Direction::LeftToRight,
        high_availability: false,
        allow: vec![],
        zones: zones.into_iter().map(|z| z.spec).collect(),
        components: comps,
        links,
        variants: vec![],
    }
}

/// [`synthetic`], validated into a model without the loader's size limits (the CLI refuses
/// files over 2,000 components by default).
///
/// # Panics
///
/// Never for the generator's own output (checked by the tests).
pub fn synthetic_model(components: usize, seed: u64) -> Model {
    let scenario = synthetic(components, seed);
    match refarch::core::validate_with(&scenario, &refarch::core::Limits::unlimited()).model {
        Some(model) => model,
        None => panic!("synthetic({components}, {seed}) does not validate"),
    }
}

/// The synthetic scenario as RON text, in the scenario format.
pub fn synthetic_ron(components: usize, seed: u64) -> String {
    to_ron(&synthetic(components, seed))
}

/// A pathological scenario as RON text: `components` components in `zones` zones nested up
/// to 16 deep (each zone under one of the 30 before it, four times in five) and `links`
/// random links between any two components, so most links cross several trust boundaries.
/// Warnings and lints about such a model are allowed. Same arguments, same text.
///
/// ```
/// let text = refarch_benches::dense_ron(40, 10, 80, 1);
/// let checked = refarch::check("dense.ron", &text, &Default::default());
/// assert_eq!(checked.model.expect("valid").links().len(), 80);
/// ```
pub fn dense_ron(components: usize, zones: usize, links: usize, seed: u64) -> String {
    use std::fmt::Write as _;
    let mut rng = Rng::new(seed);
    let mut depth = vec![0usize; zones];
    let mut text = String::from(
        "Scenario(id: \"dense\", title: \"Dense\", allow: [\"W0001\", \"W0002\", \"L0001\", \
         \"L0002\", \"L0003\", \"L0004\", \"L0005\", \"L0006\"], zones: [\n",
    );
    // Writing to a String cannot fail.
    for i in 0..zones {
        let parent = (i > 0 && rng.below(5) > 0)
            .then(|| i - 1 - rng.below(i.min(30)))
            .filter(|&p| depth[p] < 15);
        depth[i] = parent.map_or(0, |p| depth[p] + 1);
        let parent = parent
            .map(|p| format!(", parent: \"z{p}\""))
            .unwrap_or_default();
        let _ = writeln!(text, "Zone(id: \"z{i}\", label: \"Zone {i}\"{parent}),");
    }
    text.push_str("], components: [\n");
    for c in 0..components {
        let z = rng.below(zones);
        let _ = writeln!(
            text,
            "Component(id: \"c{c}\", label: \"Component {c}\", kind: AppServer, zone: \"z{z}\"),"
        );
    }
    text.push_str("], links: [\n");
    for _ in 0..links {
        let (a, b) = (rng.below(components), rng.below(components));
        let _ = writeln!(
            text,
            "Link(from: \"c{a}\", to: \"c{b}\", protocol: \"TCP\", port: 443),"
        );
    }
    text.push_str("])\n");
    text
}

/// A scenario as pretty RON with struct names (`Scenario(…)`, `Zone(…)`).
pub fn to_ron(scenario: &Scenario) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_string());
    // Plain data: serialising cannot fail.
    let mut text = ron::ser::to_string_pretty(scenario, config).unwrap_or_default();
    text.push('\n');
    text
}

/// The workspace's `scenarios/` folder.
pub fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."))
        .join("scenarios")
}

/// The bundled scenarios (`scenarios/*.ron`, base diagrams only, no variants), by file name,
/// with their models.
///
/// # Panics
///
/// When the folder cannot be read or a bundled scenario has errors.
pub fn bundled() -> Vec<(String, Model)> {
    let dir = scenarios_dir();
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect(),
        Err(e) => panic!("{}: {e}", dir.display()),
    };
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let checked = refarch::check_path(&path);
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            match checked.model {
                Some(model) => (name, model),
                None => panic!("{}: the bundled scenario has errors", path.display()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_is_valid_and_deterministic() {
        for (n, seed) in [(0, 1), (1, 1), (7, 2), (50, 42), (200, 42), (1000, 42)] {
            let s = synthetic(n, seed);
            assert_eq!(s, synthetic(n, seed));
            assert_eq!(s.components.len(), n);
            let v = refarch::core::validate(&s);
            let model = v
                .model
                .unwrap_or_else(|| panic!("{n}: {:?}", v.diagnostics));
            assert_eq!(model.components().len(), n);
        }
        assert_ne!(synthetic(50, 1), synthetic(50, 2));
        assert_eq!(synthetic_model(3000, 42).components().len(), 3000);
    }

    #[test]
    fn generated_models_are_page_shaped() {
        // Issue 9's goal (`benches/shape.sh` measures it on 156 models, too many for a debug
        // test), on a sample that includes the one a change once broke: 200 components,
        // seed 3, laid out 2.39 times as wide as tall.
        for (n, seed) in [(200, 3), (150, 1), (100, 2), (50, 42)] {
            let d = refarch::diagram(&synthetic_model(n, seed), &Default::default());
            let aspect = d.width / d.height;
            assert!(
                (0.5..=2.0).contains(&aspect),
                "{n} components, seed {seed}: {aspect:.2}"
            );
        }
    }

    #[test]
    fn synthetic_has_the_promised_shape() {
        let s = synthetic(1000, 42);
        let model = synthetic_model(1000, 42);
        let zones = model.zones();
        assert_eq!(zones.len(), 125);
        assert!(zones.iter().all(|z| z.depth <= 2));
        assert!(zones.iter().any(|z| z.depth == 2));
        assert!(zones.iter().all(|z| !z.components.is_empty()));
        // Trust never decreases inwards.
        for z in zones {
            if let Some(p) = z.parent {
                assert!(z.trust >= model.zone(p).trust);
            }
        }
        let per = s.links.len() as f64 / 1000.0;
        assert!((1.2..1.4).contains(&per), "{per} links per component");
        assert!(s.components.iter().any(|c| c.replicas.is_some()));
        assert!(s.components.iter().any(|c| c.zone.is_none()));
        assert!(s.links.iter().any(|l| l.to.starts_with('z')));
        let short = s.components.iter().map(|c| c.label.len()).min();
        let long = s.components.iter().map(|c| c.label.len()).max();
        assert!(short < Some(10) && long > Some(40), "{short:?} {long:?}");
        // Mostly inwards: most links go to a later component in flow order.
        let forward = s
            .links
            .iter()
            .filter(|l| {
                let n = |id: &str| id[1..].parse::<usize>().unwrap_or(0);
                l.from.starts_with('c') && l.to.starts_with('c') && n(&l.to) > n(&l.from)
            })
            .count();
        assert!(forward as f64 > 0.75 * s.links.len() as f64);
    }

    #[test]
    fn ron_round_trips_through_the_checker() {
        for n in [10, 200] {
            let text = synthetic_ron(n, 3);
            assert!(text.starts_with("Scenario("), "{}", &text[..40]);
            let checked = refarch::check_str("synthetic.ron", &text);
            assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
            let model = checked.model.expect("valid");
            // The same model as the scenario validated directly (spans aside: compare exports).
            let direct = synthetic_model(n, 3);
            for format in refarch::ExportFormat::ALL {
                assert_eq!(
                    refarch::export(&model, format),
                    refarch::export(&direct, format)
                );
            }
            assert_eq!(model.components().len(), n);
        }
    }

    #[test]
    fn bundled_scenarios_load() {
        assert_eq!(bundled().len(), 7);
    }
}
