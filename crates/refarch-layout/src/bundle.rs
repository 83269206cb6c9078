//! Fans drawn as bundles. Links that look alike (the same text and marks) and enter one
//! component (or one zone's border) from one side are drawn as one bundle, the way a
//! hand-drawn diagram draws four clients reaching one gateway with one arrow: their last
//! stretches share a port, a track and a label, and branch out towards their sources (edge
//! concentration, after Newbery, "Edge concentration: a method for clustering directed
//! graphs", 1989). Links that leave one component or zone alike share their first stretch
//! in the same way.
//!
//! A bundle is decided per channel segment: the segments of its links that end at the
//! shared stop are joined to the first link's ([`Join`]). Ports, tracks and label
//! lanes then treat a bundle's segments as one line ([`crate::route`], [`crate::runs`]).

use std::collections::{BTreeMap, BTreeSet};

use refarch_core::{Endpoint, Model};

use crate::graph::{Layered, Stop};
use crate::route::{Att, Seg};

/// How a segment joins its bundle: its end `end` shares the port of end `lead_end` of
/// segment `lead`, the bundle's first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Join {
    pub(crate) lead: usize,
    pub(crate) end: usize,
    pub(crate) lead_end: usize,
}

/// The bundles of one layout, by route (link).
#[derive(Clone, Debug)]
pub(crate) struct Bundles {
    /// Each route's bundle, as the bundle's first route; `None` for a route drawn alone.
    pub(crate) of: Vec<Option<usize>>,
    /// For a bundle's first route, its shared segment and that segment's shared end: where
    /// the bundle's one label sits.
    pub(crate) shared: Vec<Option<(usize, usize)>>,
}

impl Bundles {
    /// No bundles among `n` routes: every link drawn alone.
    pub(crate) fn none(n: usize) -> Bundles {
        Bundles {
            of: vec![None; n],
            shared: vec![None; n],
        }
    }

    /// The route whose label and lane space route `r` shares: its bundle's first, or
    /// itself.
    pub(crate) fn owner(&self, r: usize) -> usize {
        self.of[r].unwrap_or(r)
    }
}

/// What links of one fan share: a stop (a component or a zone's border), its side (true for
/// the side facing the channel before it), and a look.
type FanKey = (Stop, bool, usize);
/// A link in a fan: its route, its segment at the shared stop, and that segment's end there.
type Member = (usize, usize, usize);

/// Finds the bundles among `segs` (listed by route in `route_segs`) and joins their
/// segments. `looks[r]` tells links that are drawn alike apart (`None` for a link never
/// bundled); the first `components` items of `g` are the model's components. Fans into a
/// component or zone are found first; a link already in one does not join a fan out of
/// another.
pub(crate) fn bundle(
    g: &Layered,
    segs: &mut [Seg],
    route_segs: &[Vec<usize>],
    looks: &[Option<usize>],
    components: usize,
) -> Bundles {
    let n = g.routes.len();
    let mut out = Bundles::none(n);
    for into in [true, false] {
        // Each fan's links, in file order.
        let mut fans: BTreeMap<FanKey, Vec<Member>> = BTreeMap::new();
        for r in (0..n).filter(|&r| out.of[r].is_none()) {
            let (Some(look), Some(&first), Some(&last)) =
                (looks[r], route_segs[r].first(), route_segs[r].last())
            else {
                continue;
            };
            // A route's stops run from its link's source, unless it is reversed.
            let (s, e) = if into != g.routes[r].reversed {
                (last, 1)
            } else {
                (first, 0)
            };
            let seg = &segs[s];
            let stop = seg.ends[e].0;
            // A turn (both ends on one side of its channel) has no trunk to share.
            if matches!(stop, Stop::Item(i) if i >= components) || seg.ends[0].1 == seg.ends[1].1 {
                continue;
            }
            let key = (stop, seg.ends[e].1 == Att::Right, look);
            fans.entry(key).or_default().push((r, s, e));
        }
        for fan in fans.values() {
            // A second link between the same two components would lie on top of the first:
            // it keeps a line of its own. (Links that pass one dummy share it on purpose.)
            let mut far = BTreeSet::new();
            let fan: Vec<Member> = fan
                .iter()
                .copied()
                .filter(|&(_, s, e)| match segs[s].ends[1 - e].0 {
                    stop @ Stop::Item(i) if i < components => far.insert(stop),
                    _ => true,
                })
                .collect();
            let [(first, lead, lead_end), ..] = fan[..] else {
                continue;
            };
            if fan.len() < 2 {
                continue;
            }
            out.shared[first] = Some((lead, lead_end));
            // A segment of the fan's links that ends, towards the shared end, where an
            // earlier one does joins it there: at the shared end, and wherever they pass one
            // dummy ([`Build::looks`](crate::graph::Build)) from one side. From each place
            // they meet they run on as one line.
            let mut first_at: BTreeMap<(Stop, Att), (usize, usize)> = BTreeMap::new();
            for &(r, _, e) in &fan {
                out.of[r] = Some(first);
                for &s in &route_segs[r] {
                    let (earlier, earlier_end) = *first_at.entry(segs[s].ends[e]).or_insert((s, e));
                    if earlier != s && segs[s].join.is_none() {
                        segs[s].join = Some(Join {
                            lead: earlier,
                            end: e,
                            lead_end: earlier_end,
                        });
                    }
                }
            }
        }
    }
    out
}

/// Each link's look, for links that may be bundled: links of one look are drawn alike (the
/// same label and note, protocol and port, marks, arrowheads and dashes). `None` for a link
/// no other link of its look shares an end with (it has no fan to join), and for a link
/// back to its own end.
pub(crate) fn looks(model: &Model) -> Vec<Option<usize>> {
    let zones_of = |e| model.ancestors(model.endpoint_zone(e));
    let mut seen = BTreeMap::new();
    let looks: Vec<Option<usize>> = model
        .links()
        .iter()
        .map(|l| {
            if l.from == l.to {
                return None;
            }
            let drawn = (
                (l.text(), l.note.as_deref(), l.protocol.as_deref(), l.port),
                (l.encrypted, l.bidirectional, l.intermittent),
                zones_of(l.from) != zones_of(l.to),
            );
            let next = seen.len();
            Some(*seen.entry(drawn).or_insert(next))
        })
        .collect();
    fan_ends(model, &looks)
        .iter()
        .zip(looks)
        .map(|(end, look)| end.and(look))
        .collect()
}

/// `looks` with each link of `split` (true) given a look of its own for each zone its far
/// end lies in (the end its fan does not share), where the links of its look in `split`
/// have far ends in two zones or more: a fan of links from two zones into one end becomes
/// one fan per zone. `None` when no look changes.
pub(crate) fn split_by_far_zone(
    model: &Model,
    looks: &[Option<usize>],
    split: &[bool],
) -> Option<Vec<Option<usize>>> {
    let ends = fan_ends(model, looks);
    // Each link's look and the zone of its far end, for the links to split.
    let keyed: Vec<Option<(usize, Option<usize>)>> = (model.links().iter().enumerate())
        .map(|(m, l)| {
            let look = looks[m].filter(|_| split[m])?;
            let (_, into) = ends[m]?;
            let far = if into { l.from } else { l.to };
            Some((look, model.endpoint_zone(far).map(|z| z.index())))
        })
        .collect();
    let mut zones_of: BTreeMap<usize, BTreeSet<Option<usize>>> = BTreeMap::new();
    for &(look, zone) in keyed.iter().flatten() {
        zones_of.entry(look).or_default().insert(zone);
    }
    // New looks are numbered past the old ones.
    let first_new = looks.iter().flatten().max().map_or(0, |&k| k + 1);
    let mut new_looks: BTreeMap<(usize, Option<usize>), usize> = BTreeMap::new();
    let mut out = looks.to_vec();
    for (m, key) in keyed.into_iter().enumerate() {
        let Some((look, zone)) = key.filter(|(look, _)| zones_of[look].len() >= 2) else {
            continue;
        };
        let id = first_new + new_looks.len();
        out[m] = Some(*new_looks.entry((look, zone)).or_insert(id));
    }
    (!new_looks.is_empty()).then_some(out)
}

/// A fan: an end links share (a component or zone), whether they enter it, and their look.
pub(crate) type Fan = (Endpoint, bool, usize);

/// Each link's fan, for links of `looks` ([`fan_ends`]).
pub(crate) fn fans(model: &Model, looks: &[Option<usize>]) -> Vec<Option<Fan>> {
    fan_ends(model, looks)
        .into_iter()
        .zip(looks)
        .map(|(end, &look)| {
            let (end, into) = end?;
            Some((end, into, look?))
        })
        .collect()
}

/// The end each link of `looks` may share with others of its look: its target (`true`)
/// when another link of its look enters it too, else its source (`false`) when another
/// leaves it too; `None` for a link without a look or a fan.
pub(crate) fn fan_ends(model: &Model, looks: &[Option<usize>]) -> Vec<Option<(Endpoint, bool)>> {
    let ends = |l: &refarch_core::Link| [(l.to, true), (l.from, false)];
    // How many links of each look enter (or leave) each component or zone.
    let mut fans: BTreeMap<(Endpoint, bool, usize), usize> = BTreeMap::new();
    for (l, &look) in model.links().iter().zip(looks) {
        let Some(k) = look else { continue };
        for (e, into) in ends(l) {
            *fans.entry((e, into, k)).or_default() += 1;
        }
    }
    model
        .links()
        .iter()
        .zip(looks)
        .map(|(l, &look)| {
            let k = look?;
            ends(l)
                .into_iter()
                .find(|&(e, into)| fans.get(&(e, into, k)).is_some_and(|&n| n >= 2))
        })
        .collect()
}

/// Where each bundle's other ends lie on average, by its first segment: `(the first's
/// shared end, the mean of `at(segment, end)` over the bundle's other ends that have one)`.
/// A bundle's shared port sits by that middle, as a lone link's port sits by its other end.
pub(crate) fn fan_middles(
    segs: &[Seg],
    at: impl Fn(&Seg, usize) -> Option<f64>,
) -> Vec<Option<(usize, f64)>> {
    let mut sums: Vec<Option<(usize, f64, f64)>> = vec![None; segs.len()];
    let ends = segs.iter().filter_map(|seg| Some((seg.join?, seg)));
    for (j, seg) in ends {
        let sum = sums[j.lead].get_or_insert_with(|| {
            let (y, n) = at(&segs[j.lead], 1 - j.lead_end).map_or((0.0, 0.0), |y| (y, 1.0));
            (j.lead_end, y, n)
        });
        if let Some(y) = at(seg, 1 - j.end) {
            sum.1 += y;
            sum.2 += 1.0;
        }
    }
    sums.into_iter()
        .map(|s| {
            let (end, sum, n) = s?;
            (n > 0.0).then(|| (end, sum / n))
        })
        .collect()
}

/// Gives every joined segment end its bundle's port.
pub(crate) fn share_ports(segs: &mut [Seg]) {
    for s in 0..segs.len() {
        if let Some(j) = segs[s].join {
            segs[s].y[j.end] = segs[j.lead].y[j.lead_end];
        }
    }
}
