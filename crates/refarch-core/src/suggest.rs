//! "Did you mean ...?" suggestions for misspelt names.

/// The candidate closest to `found`, if any is close enough to be a likely typo.
///
/// Ties go to the earliest candidate, so suggestions follow file order.
pub fn did_you_mean<'a>(
    found: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // Similarity costs the product of the two lengths; nothing that long is a typo of a name.
    const LONGEST: usize = 128;
    if found.len() > LONGEST {
        return None;
    }
    let found_lower = found.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        if c.len() > LONGEST {
            continue;
        }
        let score = strsim::jaro_winkler(&found_lower, &c.to_lowercase());
        if score >= 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Names other tools and everyday speech use for each component kind, lower case without
/// separators: an author who writes `Worker` or `LB` means `JobServer` or `LoadBalancer`.
const KIND_ALIASES: &[(&str, &[&str])] = &[
    (
        "User",
        &[
            "person", "actor", "human", "customer", "people", "enduser", "admin", "operator",
        ],
    ),
    (
        "Client",
        &[
            "browser",
            "mobile",
            "mobileapp",
            "desktop",
            "desktopapp",
            "frontend",
            "spa",
            "ui",
            "webclient",
        ],
    ),
    (
        "Proxy",
        &[
            "reverseproxy",
            "nginx",
            "haproxy",
            "envoy",
            "ingress",
            "ingresscontroller",
        ],
    ),
    ("LoadBalancer", &["lb", "alb", "elb", "nlb", "balancer"]),
    (
        "Cdn",
        &[
            "contentdeliverynetwork",
            "cloudfront",
            "akamai",
            "fastly",
            "frontdoor",
            "edgecache",
        ],
    ),
    (
        "AppServer",
        &[
            "server",
            "service",
            "microservice",
            "api",
            "apiserver",
            "backend",
            "webserver",
            "application",
            "app",
            "webapp",
            "function",
            "lambda",
            "container",
            "pod",
        ],
    ),
    (
        "JobServer",
        &[
            "worker",
            "workers",
            "job",
            "jobs",
            "batch",
            "cron",
            "scheduler",
            "consumer",
            "processor",
        ],
    ),
    (
        "Database",
        &[
            "db",
            "sql",
            "rdbms",
            "postgres",
            "postgresql",
            "mysql",
            "mariadb",
            "mongodb",
            "mongo",
            "datastore",
            "warehouse",
            "datawarehouse",
            "nosql",
            "dynamodb",
        ],
    ),
    (
        "FileStore",
        &[
            "storage",
            "nfs",
            "nas",
            "fileshare",
            "filesystem",
            "disk",
            "volume",
        ],
    ),
    (
        "ObjectStore",
        &[
            "objectstorage",
            "bucket",
            "s3",
            "blob",
            "blobstore",
            "blobstorage",
            "minio",
            "gcs",
        ],
    ),
    (
        "Search",
        &[
            "searchindex",
            "index",
            "elasticsearch",
            "opensearch",
            "solr",
            "searchengine",
        ],
    ),
    ("Cache", &["redis", "memcached", "memcache", "valkey"]),
    (
        "Queue",
        &[
            "broker",
            "messagebroker",
            "kafka",
            "rabbitmq",
            "mq",
            "topic",
            "bus",
            "eventbus",
            "pubsub",
            "stream",
            "sqs",
            "nats",
        ],
    ),
    (
        "IdentityProvider",
        &[
            "idp",
            "sso",
            "auth",
            "authentication",
            "oidc",
            "saml",
            "ldap",
            "activedirectory",
            "keycloak",
            "okta",
            "iam",
        ],
    ),
    (
        "PushProxy",
        &[
            "push",
            "pushnotification",
            "pushnotifications",
            "pushservice",
        ],
    ),
    (
        "CallsServer",
        &["calls", "voice", "video", "rtc", "webrtc", "turn", "sfu"],
    ),
    (
        "Monitoring",
        &[
            "metrics",
            "prometheus",
            "grafana",
            "logging",
            "logs",
            "observability",
            "telemetry",
            "alerting",
            "siem",
        ],
    ),
    (
        "Gateway",
        &[
            "apigateway",
            "vpn",
            "vpngateway",
            "nat",
            "natgateway",
            "router",
            "bastion",
        ],
    ),
    (
        "Firewall",
        &[
            "waf",
            "fw",
            "ngfw",
            "securitygroup",
            "nsg",
            "ids",
            "ips",
            "allowlist",
        ],
    ),
    (
        "Dns",
        &[
            "nameserver",
            "resolver",
            "route53",
            "trafficmanager",
            "dnsfailover",
            "gslb",
        ],
    ),
    (
        "ExternalService",
        &[
            "external",
            "thirdparty",
            "saas",
            "cloudservice",
            "externalapi",
            "smtp",
            "email",
        ],
    ),
    (
        "Integration",
        &["webhook", "webhooks", "plugin", "connector", "bot"],
    ),
    (
        "Device",
        &["iot", "sensor", "phone", "edgedevice", "hardware", "kiosk"],
    ),
];

/// Names other tools and everyday speech use for each zone kind, as [`KIND_ALIASES`]: an
/// author who writes `Subnet` or `Kubernetes` means `Network` or `Cluster`.
const ZONE_KIND_ALIASES: &[(&str, &[&str])] = &[
    (
        "Network",
        &[
            "subnet",
            "vpc",
            "vnet",
            "virtualnetwork",
            "lan",
            "vlan",
            "segment",
            "dmz",
            "intranet",
        ],
    ),
    (
        "Cloud",
        &[
            "account",
            "cloudaccount",
            "subscription",
            "tenant",
            "project",
            "aws",
            "azure",
            "gcp",
        ],
    ),
    (
        "Organization",
        &[
            "org",
            "organisation",
            "company",
            "enterprise",
            "agency",
            "department",
        ],
    ),
    (
        "Site",
        &[
            "datacenter",
            "datacentre",
            "dc",
            "office",
            "branch",
            "building",
            "campus",
            "plant",
            "factory",
        ],
    ),
    (
        "Cluster",
        &[
            "kubernetes",
            "k8s",
            "eks",
            "aks",
            "gke",
            "openshift",
            "namespace",
            "nodepool",
        ],
    ),
];

/// The kind an author most likely means by `found` where the enum `kinds` (`ComponentKind`
/// or `ZoneKind`) is expected: a name other tools use for it ([`KIND_ALIASES`],
/// [`ZONE_KIND_ALIASES`]; case, `_`, `-` and spaces aside).
pub(crate) fn kind_alias(kinds: &str, found: &str) -> Option<&'static str> {
    let table = match kinds {
        "ComponentKind" => KIND_ALIASES,
        "ZoneKind" => ZONE_KIND_ALIASES,
        _ => return None,
    };
    let word: String = found
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect();
    table
        .iter()
        .find(|(_, aliases)| aliases.contains(&word.as_str()))
        .map(|&(kind, _)| kind)
}

#[cfg(test)]
mod tests {
    use super::{KIND_ALIASES, ZONE_KIND_ALIASES, did_you_mean, kind_alias};
    use crate::{ComponentKind, ZoneKind};

    #[test]
    fn names_from_other_tools_point_to_a_kind() {
        let component = |name| kind_alias("ComponentKind", name);
        assert_eq!(component("Worker"), Some("JobServer"));
        assert_eq!(component("LB"), Some("LoadBalancer"));
        assert_eq!(component("message_broker"), Some("Queue"));
        assert_eq!(component("Elasticsearch"), Some("Search"));
        assert_eq!(component("WAF"), Some("Firewall"));
        assert_eq!(component("S3"), Some("ObjectStore"));
        assert_eq!(component("Route 53"), Some("Dns"));
        assert_eq!(component("CloudFront"), Some("Cdn"));
        assert_eq!(component("Databse"), None);
        let zone = |name| kind_alias("ZoneKind", name);
        assert_eq!(zone("Subnet"), Some("Network"));
        assert_eq!(zone("VPC"), Some("Network"));
        assert_eq!(zone("data-center"), Some("Site"));
        assert_eq!(zone("Kubernetes"), Some("Cluster"));
        assert_eq!(zone("Worker"), None, "a component kind's alias");
        // Every alias points to a kind that exists, and no alias is claimed twice.
        let components: Vec<String> = ComponentKind::ALL
            .iter()
            .map(|k| format!("{k:?}"))
            .collect();
        let zones: Vec<String> = ZoneKind::ALL.iter().map(|k| format!("{k:?}")).collect();
        for (table, kinds) in [(KIND_ALIASES, components), (ZONE_KIND_ALIASES, zones)] {
            let mut seen = Vec::new();
            for (kind, aliases) in table {
                assert!(kinds.iter().any(|k| k == kind), "{kind}");
                for alias in *aliases {
                    assert!(!seen.contains(alias), "{alias} twice");
                    assert!(
                        !kinds.iter().any(|k| k.to_lowercase() == *alias),
                        "{alias} is a kind"
                    );
                    seen.push(alias);
                }
            }
        }
    }

    #[test]
    fn suggests_close_names_only() {
        let zones = ["internet", "dmz", "private", "data"];
        assert_eq!(did_you_mean("dmzz", zones), Some("dmz"));
        assert_eq!(did_you_mean("privat", zones), Some("private"));
        assert_eq!(
            did_you_mean("Databse", ["Database", "Cache"]),
            Some("Database")
        );
        assert_eq!(did_you_mean("kubernetes", zones), None);
    }
}
