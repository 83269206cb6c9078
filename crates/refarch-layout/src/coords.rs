//! Order-axis coordinates (y for left-to-right): a separation-constraint DAG over item tops
//! and zone borders, solved by longest path for a compact feasible placement, then balanced
//! by moving items and whole zone blocks towards their neighbours within their slack (a
//! priority method in the spirit of Sugiyama's, with projection onto the constraints built
//! in, so feasibility holds after every move).

use crate::buckets::Buckets;
use crate::graph::{ItemKind, Layered};
use crate::ordering::{Adjacency, Layers};

/// The gap next to a filler (which holds a zone open in a layer where it has nothing).
pub(crate) const FILLER_GAP: f64 = 2.0;

/// Spacing used by the constraints.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Gaps {
    /// Between two boxes, or a box and a zone.
    pub(crate) node: f64,
    /// Next to a route's dummy.
    pub(crate) edge: f64,
    /// Between sibling zones.
    pub(crate) zone: f64,
    /// Inside a zone's border.
    pub(crate) pad: f64,
    /// Between a zone's border and a child zone's.
    pub(crate) nest: f64,
}

/// Tops of items and zone borders along the order axis.
#[derive(Clone, Debug)]
pub(crate) struct OrderCoords {
    /// Top of each item.
    pub(crate) item: Vec<f64>,
    /// Leading border of each zone.
    pub(crate) top: Vec<f64>,
    /// Trailing border of each zone.
    pub(crate) bottom: Vec<f64>,
}

/// The bands at the two ends of each zone across the flow kept free for its border ports
/// (and, at the leading end, its header), as [`order_axis`] leaves them.
pub(crate) struct Bands {
    pub(crate) lead: Vec<f64>,
    pub(crate) trail: Vec<f64>,
}

impl Bands {
    /// Where zone `z`'s leading (or, when `trail`, trailing) band starts, and its length.
    pub(crate) fn span(&self, c: &OrderCoords, z: usize, trail: bool) -> (f64, f64) {
        if trail {
            (c.bottom[z] - self.trail[z], self.trail[z])
        } else {
            (c.top[z], self.lead[z])
        }
    }
}

struct Cons {
    from: usize,
    to: usize,
    d: f64,
}

/// Solves the order axis. `bands` are kept free at the start of each zone (for its header
/// and border ports) and at its end (for border ports); `min_size[z]` is zone `z`'s smallest
/// extent.
pub(crate) fn order_axis(
    g: &Layered,
    layers: &Layers,
    adj: &Adjacency,
    bands: &Bands,
    min_size: &[f64],
    gaps: Gaps,
    rounds: usize,
) -> OrderCoords {
    let n = g.items.len();
    let nz = g.zones.len();
    let nv = n + 2 * nz;
    let chains = &g.chains;
    let t = |z: usize| n + 2 * z;
    let b = |z: usize| n + 2 * z + 1;
    let item_gap = |i: usize| match g.items[i].kind {
        ItemKind::Node(_) => gaps.node,
        ItemKind::Dummy => gaps.edge,
        ItemKind::Filler => FILLER_GAP,
    };
    let mut cons: Vec<Cons> = Vec::new();
    for z in 0..nz {
        cons.push(Cons {
            from: t(z),
            to: b(z),
            d: min_size[z].max(bands.lead[z] + bands.trail[z] + 2.0 * gaps.pad),
        });
    }
    for layer in layers {
        let mut prev: Option<usize> = None;
        for &i in layer {
            let ci = &chains[i];
            let m = match prev {
                None => 0,
                Some(p) => {
                    let cp = &chains[p];
                    let m = cp.iter().zip(ci).take_while(|(a, b)| a == b).count();
                    // Leave p's zones below the common prefix.
                    let mut last = (p, g.items[p].osize + gaps.pad);
                    for k in (m..cp.len()).rev() {
                        cons.push(Cons {
                            from: last.0,
                            to: b(cp[k]),
                            d: last.1 + bands.trail[cp[k]],
                        });
                        last = (b(cp[k]), gaps.nest);
                    }
                    // Separate the two outermost differing entries.
                    let (fv, fd, fg) = match cp.get(m) {
                        Some(&z) => (b(z), 0.0, gaps.zone),
                        None => (p, g.items[p].osize, item_gap(p)),
                    };
                    let (tv, tg) = match ci.get(m) {
                        Some(&z) => (t(z), gaps.zone),
                        None => (i, item_gap(i)),
                    };
                    cons.push(Cons {
                        from: fv,
                        to: tv,
                        d: fd + fg.max(tg),
                    });
                    m
                }
            };
            // Enter i's zones below the common prefix.
            for k in m..ci.len() {
                let (to, pad) = if k + 1 < ci.len() {
                    (t(ci[k + 1]), gaps.nest)
                } else {
                    (i, gaps.pad)
                };
                cons.push(Cons {
                    from: t(ci[k]),
                    to,
                    d: bands.lead[ci[k]] + pad,
                });
            }
            prev = Some(i);
        }
        if let Some(p) = prev {
            let cp = &chains[p];
            let mut last = (p, g.items[p].osize + gaps.pad);
            for k in (0..cp.len()).rev() {
                cons.push(Cons {
                    from: last.0,
                    to: b(cp[k]),
                    d: last.1 + bands.trail[cp[k]],
                });
                last = (b(cp[k]), gaps.nest);
            }
        }
    }
    // Longest path (Kahn) for a compact feasible start.
    // The constraints at each variable, (other end, gap), in the order they were made
    // (back to back, so a sweep over the variables reads them in sequence).
    let outs = Buckets::new(nv, || cons.iter().map(|c| (c.from, (c.to, c.d))));
    let ins = Buckets::new(nv, || cons.iter().map(|c| (c.to, (c.from, c.d))));
    let mut indeg: Vec<usize> = (0..nv).map(|v| ins.of(v).len()).collect();
    let mut y = vec![0.0f64; nv];
    let mut queue: std::collections::VecDeque<usize> = (0..nv).filter(|&v| indeg[v] == 0).collect();
    while let Some(v) = queue.pop_front() {
        for &(to, d) in outs.of(v) {
            y[to] = y[to].max(y[v] + d);
            indeg[to] -= 1;
            if indeg[to] == 0 {
                queue.push_back(to);
            }
        }
    }
    // Balancing.
    let owner_zone = |v: usize| -> Option<usize> {
        if v < n {
            g.items[v].owner
        } else {
            Some((v - n) / 2)
        }
    };
    let inside = |v: usize, z: usize| -> bool {
        if v >= n && (v - n) / 2 == z {
            return true;
        }
        owner_zone(v).is_some_and(|o| g.zones.within(o, z))
    };
    // The items in each zone, at any depth, and the zones in each zone, itself included.
    let members = Buckets::new(nz, || {
        chains
            .iter()
            .enumerate()
            .flat_map(|(i, chain)| chain.iter().map(move |&z| (z, i)))
    });
    let sub_zones = Buckets::new(nz, || {
        (0..nz).flat_map(|z| {
            std::iter::successors(Some(z), |&x| g.zones.parent[x]).map(move |x| (x, z))
        })
    });
    let mut zone_order: Vec<usize> = (0..nz).collect();
    zone_order.sort_by_key(|&z| (g.zones.depth[z], z));
    let half: Vec<f64> = g.items.iter().map(|it| it.osize / 2.0).collect();
    let center = |y: &[f64], i: usize| y[i] + half[i];
    let slack = |y: &[f64], vars: &[usize], skip: &dyn Fn(usize) -> bool| -> (f64, f64) {
        let (mut lo, mut hi) = (f64::NEG_INFINITY, f64::INFINITY);
        for &v in vars {
            for &(from, d) in ins.of(v) {
                if !skip(from) {
                    lo = lo.max(y[from] + d - y[v]);
                }
            }
            for &(to, d) in outs.of(v) {
                if !skip(to) {
                    hi = hi.min(y[to] - d - y[v]);
                }
            }
        }
        (lo.min(0.0), hi.max(0.0))
    };
    // Neighbours' centres of one item (kept across items to save allocations).
    let mut cs: Vec<f64> = Vec::new();
    // The items outside a zone its members link to, each with the member's centre; the
    // dummies among them that two or more members link to (bundles' trunks), by dummy, with
    // the span of those members' centres (all kept across zones to save allocations).
    let mut links: Vec<(usize, f64)> = Vec::new();
    let mut to_dummies: Vec<(usize, f64)> = Vec::new();
    let mut trunks: Vec<Trunk> = Vec::new();
    for round in 0..rounds {
        // Whole zones first, outermost first.
        for &z in &zone_order {
            links.clear();
            for &i in members.of(z) {
                for &j in adj.up[i].iter().chain(&adj.down[i]) {
                    if !inside(j, z) {
                        links.push((j, center(&y, i)));
                    }
                }
            }
            to_dummies.clear();
            to_dummies.extend((links.iter()).filter(|&&(j, _)| g.items[j].kind == ItemKind::Dummy));
            to_dummies.sort_unstable_by_key(|&(j, _)| j);
            trunks.clear();
            trunks.extend(
                to_dummies
                    .chunk_by(|a, b| a.0 == b.0)
                    .filter(|group| group.len() >= 2)
                    .map(Trunk::of),
            );
            let trunk = |j: usize| trunks.binary_search_by_key(&j, |t| t.dummy).is_ok();
            let (mut sum, mut cnt) = (0.0, 0usize);
            for &(j, from) in links.iter().filter(|&&(j, _)| !trunk(j)) {
                sum += center(&y, j) - from;
                cnt += 1;
            }
            // A trunk branches out to its members wherever it meets them: it pulls the zone
            // only as far as needed to reach the span of their centres. Pulled towards its
            // middle, a zone that a bundle reaches after passing a sibling would drop by half
            // its length below the sibling, a staircase of boxes.
            for t in &trunks {
                let c = center(&y, t.dummy);
                sum += (c - c.clamp(t.lo, t.hi)) * t.count as f64;
                cnt += t.count;
            }
            if cnt == 0 {
                continue;
            }
            let want = sum / cnt as f64;
            let (lo, hi) = slack(&y, &[t(z), b(z)], &|v| inside(v, z));
            let d = want.clamp(lo, hi);
            if d.abs() > 1e-9 && d.is_finite() {
                for &i in members.of(z) {
                    y[i] += d;
                }
                for &s in sub_zones.of(z) {
                    y[t(s)] += d;
                    y[b(s)] += d;
                }
            }
        }
        let forward = round % 2 == 0;
        for k in 0..n {
            let i = if forward { k } else { n - 1 - k };
            cs.clear();
            cs.extend(adj.up[i].iter().chain(&adj.down[i]).map(|&j| center(&y, j)));
            if cs.is_empty() {
                continue;
            }
            cs.sort_by(f64::total_cmp);
            let med = if cs.len() % 2 == 1 {
                cs[cs.len() / 2]
            } else {
                (cs[cs.len() / 2 - 1] + cs[cs.len() / 2]) / 2.0
            };
            let want = med - center(&y, i);
            let (lo, hi) = slack(&y, &[i], &|v| v == i);
            let d = want.clamp(lo, hi);
            if d.is_finite() {
                y[i] += d;
            }
        }
    }
    let min = y.iter().copied().fold(f64::INFINITY, f64::min);
    let shift = if min.is_finite() { -min } else { 0.0 };
    let round = |v: f64| ((v + shift) * 2.0).round() / 2.0;
    OrderCoords {
        item: (0..n).map(|i| round(y[i])).collect(),
        top: (0..nz).map(|z| round(y[t(z)])).collect(),
        bottom: (0..nz).map(|z| round(y[b(z)])).collect(),
    }
}

/// The members of one zone linked to one dummy outside it: how many, and the span of their
/// centres on the order axis.
struct Trunk {
    dummy: usize,
    count: usize,
    lo: f64,
    hi: f64,
}

impl Trunk {
    /// The trunk of `links`, two or more (dummy, member's centre) pairs of one dummy.
    fn of(links: &[(usize, f64)]) -> Trunk {
        let centres = links.iter().map(|&(_, c)| c);
        Trunk {
            dummy: links[0].0,
            count: links.len(),
            lo: centres.clone().fold(f64::INFINITY, f64::min),
            hi: centres.fold(f64::NEG_INFINITY, f64::max),
        }
    }
}
