//! Seeded random scenarios for the layout's tests and examples.
#![allow(dead_code, unreachable_pub, missing_docs)]

use refarch_core::{
    Arrange, ComponentKind, ComponentSpec, Direction, LinkSpec, Model, Place, Scenario, Trust,
    ZoneKind, ZoneSpec,
};

/// A small deterministic generator (SplitMix64).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() % 10_000) as f64 / 10_000.0 < p
    }
}

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub components: usize,
    pub zones: usize,
    pub links: usize,
    /// Probability that a link end is a zone.
    pub zone_ends: f64,
    /// Use layout hints.
    pub hints: bool,
    /// Odd text: long labels, huge words, notes, capabilities.
    pub odd_text: bool,
    pub top_to_bottom: bool,
}

const WORDS: &[&str] = &[
    "app", "server", "proxy", "gateway", "store", "Postgres", "NGINX", "cluster", "edge",
    "identity", "provider", "push", "calls", "search", "cache", "queue", "worker", "mobile",
];

fn words(rng: &mut Rng, n: usize) -> String {
    (0..n.max(1))
        .map(|_| WORDS[rng.below(WORDS.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

/// A scenario with every optional field at its default (robust to fields added later).
pub fn base() -> Scenario {
    serde_json::from_str(r#"{"id": "base", "title": "Base"}"#).expect("minimal scenario")
}

/// `sc` with most of its links sent into (or out of) one of a few hubs, in one of three
/// protocols: fans that the layout draws as bundles.
pub fn fanned(mut sc: Scenario, seed: u64) -> Scenario {
    let mut rng = Rng(seed ^ 0xfa4);
    let n = sc.components.len();
    if n < 2 {
        return sc;
    }
    let hubs: Vec<String> = (0..1 + rng.below(3))
        .map(|_| sc.components[rng.below(n)].id.clone())
        .collect();
    for l in &mut sc.links {
        if !rng.chance(0.7) {
            continue;
        }
        let hub = hubs[rng.below(hubs.len())].clone();
        let into = rng.chance(0.75);
        if (into && l.from == hub) || (!into && l.to == hub) {
            continue;
        }
        if into {
            l.to = hub;
        } else {
            l.from = hub;
        }
        l.protocol = Some(["HTTPS", "gRPC", "logs"][rng.below(3)].into());
        (l.port, l.label, l.note) = (None, None, None);
    }
    sc
}

/// Builds a random scenario.
pub fn scenario(seed: u64, s: Shape) -> Scenario {
    let mut rng = Rng(seed);
    let trusts = [
        Trust::Untrusted,
        Trust::Partner,
        Trust::Perimeter,
        Trust::Internal,
        Trust::Restricted,
    ];
    let kinds = ZoneKind::ALL;
    let mut zones = Vec::new();
    for i in 0..s.zones {
        let parent = if i > 0 && rng.chance(0.6) {
            Some(format!("z{}", rng.below(i)))
        } else {
            None
        };
        zones.push(ZoneSpec {
            id: format!("z{i}"),
            label: if s.odd_text && rng.chance(0.1) {
                "W".repeat(300)
            } else {
                {
                    let n = 1 + rng.below(3);
                    words(&mut rng, n)
                }
            },
            trust: if rng.chance(0.7) {
                Some(trusts[rng.below(5)])
            } else {
                None
            },
            kind: if rng.chance(0.5) {
                Some(kinds[rng.below(5)])
            } else {
                None
            },
            parent,
            caption: if rng.chance(0.3) {
                Some(words(&mut rng, 2))
            } else {
                None
            },
            direction: if s.hints && rng.chance(0.3) {
                Some(if rng.chance(0.5) {
                    Direction::LeftToRight
                } else {
                    Direction::TopToBottom
                })
            } else {
                None
            },
            arrange: if s.hints && rng.chance(0.3) {
                Some(match rng.below(4) {
                    0 => Arrange::Row,
                    1 => Arrange::Column,
                    2 => Arrange::ByFlow,
                    _ => Arrange::Grid {
                        columns: 1 + rng.below(3) as u32,
                    },
                })
            } else {
                None
            },
        });
    }
    let mut components = Vec::new();
    for i in 0..s.components {
        let zone = if s.zones > 0 && rng.chance(0.85) {
            Some(format!("z{}", rng.below(s.zones)))
        } else {
            None
        };
        let odd = s.odd_text && rng.chance(0.2);
        components.push(ComponentSpec {
            id: format!("c{i}"),
            label: if odd && rng.chance(0.3) {
                "x".repeat(10_000)
            } else {
                {
                    let n = 1 + rng.below(if odd { 30 } else { 3 });
                    words(&mut rng, n)
                }
            },
            kind: ComponentKind::ALL[rng.below(ComponentKind::ALL.len())],
            zone,
            replicas: if rng.chance(0.2) {
                Some(1 + rng.below(4) as u32)
            } else {
                None
            },
            tech: if rng.chance(0.4) {
                Some({
                    let n = 1 + rng.below(4);
                    words(&mut rng, n)
                })
            } else {
                None
            },
            note: if odd { Some(words(&mut rng, 12)) } else { None },
            capabilities: if odd {
                let k = rng.below(6);
                (0..k).map(|_| words(&mut rng, 2)).collect()
            } else {
                vec![]
            },
            optional: rng.chance(0.1),
            place: if s.hints && i > 0 && rng.chance(0.2) {
                Some(match rng.below(3) {
                    0 => Place::First,
                    1 => Place::Last,
                    _ => Place::With(format!("c{}", rng.below(i))),
                })
            } else {
                None
            },
        });
    }
    let mut links = Vec::new();
    let n_ends = s.components + s.zones;
    if n_ends > 0 {
        for _ in 0..s.links {
            let end = |rng: &mut Rng| -> String {
                if s.zones > 0 && (s.components == 0 || rng.chance(s.zone_ends)) {
                    format!("z{}", rng.below(s.zones))
                } else {
                    format!("c{}", rng.below(s.components))
                }
            };
            let from = end(&mut rng);
            let to = end(&mut rng);
            let labelled = rng.chance(0.6);
            links.push(LinkSpec {
                from,
                to,
                protocol: if labelled {
                    Some(words(&mut rng, 1).to_uppercase())
                } else {
                    None
                },
                port: if labelled && rng.chance(0.5) {
                    Some(1 + rng.below(65_000) as u32)
                } else {
                    None
                },
                encrypted: if rng.chance(0.5) {
                    Some(rng.chance(0.5))
                } else {
                    None
                },
                bidirectional: rng.chance(0.15),
                intermittent: rng.chance(0.1),
                label: if rng.chance(0.1) {
                    Some(words(&mut rng, 3))
                } else {
                    None
                },
                note: if rng.chance(0.1) {
                    Some(words(&mut rng, 4))
                } else {
                    None
                },
                allow: Vec::new(),
            });
        }
    }
    Scenario {
        id: format!("random-{seed}"),
        title: "Random".into(),
        direction: if s.top_to_bottom {
            Direction::TopToBottom
        } else {
            Direction::LeftToRight
        },
        variants: vec![],
        zones,
        components,
        links,
        ..base()
    }
}

/// Validates a scenario into a model (panics on invalid input, which the generator never makes).
pub fn model(s: &Scenario) -> Model {
    let v = refarch_core::validate(s);
    match v.model {
        Some(m) => m,
        None => panic!("generated scenario is invalid: {:?}", v.diagnostics),
    }
}

/// A model of `n` components in nested zones with mostly local flows (each component talks to
/// a few components listed shortly after it, plus a third as many longer links), for timing.
pub fn synthetic(n: usize, seed: u64) -> Model {
    let mut s = scenario(
        seed,
        Shape {
            components: n,
            zones: (n / 8).max(1),
            links: 0,
            zone_ends: 0.0,
            hints: false,
            odd_text: false,
            top_to_bottom: false,
        },
    );
    let mut rng = Rng(seed ^ 0xA5A5);
    let nz = s.zones.len();
    for (j, z) in s.zones.iter_mut().enumerate() {
        z.parent = if j > 0 && rng.chance(0.5) {
            Some(format!("z{}", j - 1 - rng.below(j.min(4))))
        } else {
            None
        };
    }
    for (i, c) in s.components.iter_mut().enumerate() {
        c.zone = Some(format!("z{}", i * nz / n.max(1)));
    }
    let mut links = Vec::new();
    let mut push = |from: usize, to: usize, rng: &mut Rng| {
        links.push(LinkSpec {
            from: format!("c{from}"),
            to: format!("c{to}"),
            protocol: if rng.chance(0.6) {
                Some("HTTPS".into())
            } else {
                None
            },
            port: if rng.chance(0.4) { Some(443) } else { None },
            encrypted: Some(true),
            bidirectional: false,
            intermittent: false,
            label: None,
            note: None,
            allow: Vec::new(),
        });
    };
    for i in 0..n {
        let j = i + 1 + rng.below(6);
        if j < n {
            push(i, j, &mut rng);
        }
        if rng.chance(0.33) {
            let j = i + 1 + rng.below(40);
            if j < n {
                push(i, j, &mut rng);
            }
        }
    }
    s.links = links;
    model(&s)
}

/// The scenario with its lists reversed and rotated (another file order, same meaning).
pub fn shuffled(s: &Scenario, seed: u64) -> Scenario {
    let mut rng = Rng(seed);
    let mut t = s.clone();
    for _ in 0..3 {
        let k = rng.below(t.components.len().max(1));
        let len = t.components.len();
        t.components.rotate_left(k.min(len));
        let k = rng.below(t.links.len().max(1));
        let len = t.links.len();
        t.links.rotate_left(k.min(len));
        let k = rng.below(t.zones.len().max(1));
        let len = t.zones.len();
        t.zones.rotate_left(k.min(len));
    }
    t.components.reverse();
    t.links.reverse();
    t
}

/// `model` laid out (with [`refarch_layout::ApproxMeasure`]) in its own direction, then in
/// each fixed one.
pub fn each_direction(model: &Model) -> Vec<(Option<Direction>, refarch_layout::Diagram)> {
    [
        None,
        Some(Direction::LeftToRight),
        Some(Direction::TopToBottom),
    ]
    .into_iter()
    .map(|direction| {
        let o = refarch_layout::LayoutOptions {
            direction,
            ..refarch_layout::LayoutOptions::default()
        };
        (
            direction,
            refarch_layout::layout(model, &o, &refarch_layout::ApproxMeasure),
        )
    })
    .collect()
}
