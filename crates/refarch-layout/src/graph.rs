//! The layered compound graph: the zone tree, layout nodes (components and placeholders for
//! empty zones), layering edges, and — once layers are known — the routes of all links as
//! chains of stops with dummy items in every layer they pass.

use std::collections::BTreeMap;

use petgraph::unionfind::UnionFind;
use refarch_core::{Arrange, ComponentKind, Endpoint, Model, Placement, Trust};

use crate::bundle::Fan;
use crate::cycles::weighted_fas_ranks;
use crate::layering::{End, Ends, align, assign_layers};
use crate::steps::flow_steps;

/// The zone tree in index form with Euler-tour numbers for O(1) containment tests.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Zones {
    /// Parent zone.
    pub(crate) parent: Vec<Option<usize>>,
    /// Child zones, file order.
    pub(crate) children: Vec<Vec<usize>>,
    /// Depth, 0 for top level.
    pub(crate) depth: Vec<usize>,
    /// Entry time in a depth-first walk.
    pub(crate) tin: Vec<usize>,
    /// Exit time in a depth-first walk.
    pub(crate) tout: Vec<usize>,
    /// Whether the zone's position among its siblings, across the flow, is fixed (by
    /// [`place`](Zones::place)): its parent's blocks are arranged, so a grid's rows and a
    /// column's blocks read in order: as written when the author arranged them (`arrange`),
    /// and, when asked for, in the order of the flow when the search did.
    pub(crate) fixed: Vec<bool>,
    /// The key that orders a [`fixed`](Zones::fixed) zone among its siblings.
    pub(crate) place: Vec<usize>,
}

impl Zones {
    pub(crate) fn new(model: &Model) -> Zones {
        let n = model.zones().len();
        let parent: Vec<Option<usize>> = model
            .zones()
            .iter()
            .map(|z| z.parent.map(|p| p.index()))
            .collect();
        let children: Vec<Vec<usize>> = model
            .zones()
            .iter()
            .map(|z| z.children.iter().map(|c| c.index()).collect())
            .collect();
        let roots: Vec<usize> = (0..n).filter(|&z| parent[z].is_none()).collect();
        let mut depth = vec![0; n];
        let mut tin = vec![0; n];
        let mut tout = vec![0; n];
        let mut t = 0;
        // Iterative DFS: (zone, next child index).
        for &r in &roots {
            let mut stack = vec![(r, 0usize)];
            tin[r] = t;
            t += 1;
            while let Some(&mut (z, ref mut i)) = stack.last_mut() {
                if *i < children[z].len() {
                    let c = children[z][*i];
                    *i += 1;
                    depth[c] = depth[z] + 1;
                    tin[c] = t;
                    t += 1;
                    stack.push((c, 0));
                } else {
                    tout[z] = t;
                    t += 1;
                    stack.pop();
                }
            }
        }
        let fixed = parent
            .iter()
            .map(|p| p.is_some_and(|p| model.zones()[p].arrange.is_some()))
            .collect();
        Zones {
            parent,
            children,
            depth,
            place: tin.clone(),
            tin,
            tout,
            fixed,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.parent.len()
    }

    /// The zones, innermost first: deepest first, in file order within a depth (so every
    /// zone comes after the zones it holds).
    pub(crate) fn innermost_first(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.sort_by_key(|&z| (std::cmp::Reverse(self.depth[z]), z));
        order
    }

    /// Whether `inner` is `outer` or inside it.
    pub(crate) fn within(&self, inner: usize, outer: usize) -> bool {
        self.tin[outer] <= self.tin[inner] && self.tout[inner] <= self.tout[outer]
    }

    /// Whether zone context `inner` lies within `outer` (`None` is the whole diagram).
    pub(crate) fn within_opt(&self, inner: Option<usize>, outer: Option<usize>) -> bool {
        match (inner, outer) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(i), Some(o)) => self.within(i, o),
        }
    }

    /// Zones from the top level down to `z` inclusive.
    pub(crate) fn chain(&self, z: Option<usize>) -> Vec<usize> {
        let mut c = vec![0; z.map_or(0, |z| self.depth[z] + 1)];
        let mut cur = z;
        for slot in c.iter_mut().rev() {
            let Some(x) = cur else { break };
            *slot = x;
            cur = self.parent[x];
        }
        c
    }

    /// The innermost zone holding both contexts.
    pub(crate) fn common(&self, a: Option<usize>, b: Option<usize>) -> Option<usize> {
        let mut cur = a;
        while let Some(x) = cur {
            if self.within_opt(b, Some(x)) {
                return Some(x);
            }
            cur = self.parent[x];
        }
        None
    }
}

/// What a layout node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NodeKind {
    /// A component (node index = component index).
    Comp(usize),
    /// Holds the place of an empty zone.
    Placeholder(usize),
}

/// Something that occupies a slot in a layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ItemKind {
    /// A layout node.
    Node(NodeKind),
    /// A route passing through the layer.
    Dummy,
    /// Keeps a zone's block present in a layer it spans but has nothing in.
    Filler,
}

/// One slot in a layer.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Item {
    pub(crate) kind: ItemKind,
    /// The innermost zone holding the item.
    pub(crate) owner: Option<usize>,
    /// The layer (column for left-to-right).
    pub(crate) layer: usize,
    /// Extent along the layer axis (width for left-to-right).
    pub(crate) lsize: f64,
    /// Extent along the order axis (height for left-to-right).
    pub(crate) osize: f64,
}

impl Item {
    pub(crate) fn is_box(&self) -> bool {
        matches!(self.kind, ItemKind::Node(_))
    }
}

/// A stop on a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Stop {
    /// An item (component, placeholder or dummy).
    Item(usize),
    /// A zone's leading border (left, or top).
    ZoneLo(usize),
    /// A zone's trailing border (right, or bottom).
    ZoneHi(usize),
}

/// A link as a chain of stops in increasing position.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Route {
    /// Stops from the lower position to the higher.
    pub(crate) stops: Vec<Stop>,
    /// Whether the stops run from the link's target to its source.
    pub(crate) reversed: bool,
}

/// Everything decided before ordering.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Layered {
    pub(crate) zones: Zones,
    pub(crate) items: Vec<Item>,
    /// First layer of each zone.
    pub(crate) lo: Vec<usize>,
    /// Last layer of each zone.
    pub(crate) hi: Vec<usize>,
    /// Number of layers.
    pub(crate) n_layers: usize,
    /// One route per link, file order.
    pub(crate) routes: Vec<Route>,
    /// Whether some link runs through a zone of its ends ([`Build::through_zones`]): a
    /// dummy of it sits in a zone below its ends' common one.
    pub(crate) runs_through: bool,
    /// Each item's zones, from the top level down to its owner ([`Zones::chain`]).
    pub(crate) chains: Vec<Vec<usize>>,
}

/// The layers of a model's nodes before any arrangement of blocks: the same for every
/// arrangement and both flow directions, so a layout ranks its model once.
#[derive(Clone, Debug)]
pub(crate) struct Ranking {
    zones: Zones,
    /// What each node stands for: components, then placeholders of empty zones.
    kinds: Vec<NodeKind>,
    /// The innermost zone of each node.
    owner: Vec<Option<usize>>,
    /// Zones of each node, innermost first.
    zone_of: Vec<Vec<usize>>,
    /// The layer of each node.
    layer: Vec<usize>,
    /// The layer of each node before zones of sources and data tiers lined up ([`line_up`]):
    /// where parting siblings starts from, since a data tier spread over its users' layers is
    /// what often joins it to their zone.
    shortest: Vec<usize>,
    /// The layering edges between nodes, for [`Ranking::parted`].
    edges: Vec<(usize, usize)>,
}

impl Ranking {
    /// Builds nodes, breaks cycles and assigns layers.
    pub(crate) fn new(model: &Model) -> Ranking {
        let zones = Zones::new(model);
        let nz = zones.len();
        let nc = model.components().len();
        // Nodes: components, then one placeholder per zone with nothing in its subtree.
        let mut kinds: Vec<NodeKind> = (0..nc).map(NodeKind::Comp).collect();
        let mut owner: Vec<Option<usize>> = model
            .components()
            .iter()
            .map(|c| c.zone.map(|z| z.index()))
            .collect();
        let mut has_comp = vec![false; nz];
        for c in model.components() {
            let mut cur = c.zone.map(|z| z.index());
            while let Some(z) = cur {
                if has_comp[z] {
                    break;
                }
                has_comp[z] = true;
                cur = zones.parent[z];
            }
        }
        for z in 0..nz {
            if !has_comp[z] && zones.children[z].is_empty() {
                kinds.push(NodeKind::Placeholder(z));
                owner.push(Some(z));
            }
        }
        // Zones of each node, innermost first, and up to four representatives per zone.
        let zone_of: Vec<Vec<usize>> = owner
            .iter()
            .map(|&o| zones.chain(o).into_iter().rev().collect())
            .collect();
        let mut reps: Vec<Vec<usize>> = vec![Vec::new(); nz];
        for (v, zs) in zone_of.iter().enumerate() {
            for &z in zs {
                if reps[z].len() < 4 {
                    reps[z].push(v);
                }
            }
        }
        // Layering edges.
        let trust = |e: Endpoint| -> Trust {
            match model.endpoint_zone(e) {
                Some(z) => model.zone(z).trust,
                None => Trust::Internal,
            }
        };
        let ctx = |e: Endpoint| -> Option<usize> { model.endpoint_zone(e).map(|z| z.index()) };
        let mut edges: Vec<(usize, usize)> = Vec::new();
        // Peers meant to share a layer: components of one zone talking both ways, and pairs
        // of data stores (a primary and its replica).
        let mut peer_pairs: Vec<(usize, usize)> = Vec::new();
        // Links between two components of one zone that are not peers.
        let mut inner_links: Vec<(usize, usize)> = Vec::new();
        // How much each edge counts in the layering's total length: a link between zones
        // stands for up to sixteen representative edges, which share one link's weight.
        let mut weights: Vec<i64> = Vec::new();
        let kind = |e: Endpoint| match e {
            Endpoint::Component(c) => Some(model.component(c).kind),
            Endpoint::Zone(_) => None,
        };
        // People and their apps, where traffic starts.
        let is_client =
            |e: Endpoint| matches!(kind(e), Some(ComponentKind::User | ComponentKind::Client));
        // Sensors, controllers and the things they drive.
        let is_device = |e: Endpoint| kind(e) == Some(ComponentKind::Device);
        // People, their apps and devices, whose flows out are never calls out.
        let originates = |e: Endpoint| is_client(e) || is_device(e);
        // Where data is kept: a store, or a queue it is published to.
        let holds_data =
            |e: Endpoint| kind(e).is_some_and(|k| k.is_data_store() || k == ComponentKind::Queue);
        let store_links = store_links(model);
        // Each link that gives layering edges, from the end laid out first, with the two
        // sibling zones it runs between ([`sibling_blocks`]).
        let mut flows = Vec::new();
        for l in model.links() {
            let (mut a, mut b) = (l.from, l.to);
            if l.bidirectional && trust(b) < trust(a) {
                std::mem::swap(&mut a, &mut b);
            }
            // Peers inside one zone share a layer: components talking both ways, and a pair
            // of data stores feeding each other (replication). Stores chained to several
            // others are a pipeline, laid out along the flow like any other. Stores or
            // queues of one kind replicating both ways are peers wherever they are (the
            // primaries of two regions, or their mirrored queues).
            if let (Endpoint::Component(ca), Endpoint::Component(cb)) = (a, b) {
                let (ka, kb) = (model.component(ca).kind, model.component(cb).kind);
                let stores = ka.is_data_store() && kb.is_data_store();
                let paired = store_links[ca.index()] == 1 && store_links[cb.index()] == 1;
                let together = ctx(a) == ctx(b)
                    && ((stores && paired)
                        || (l.bidirectional && peer_class(ka) == peer_class(kb)));
                if together || (holds_data(a) && ka == kb && l.bidirectional) {
                    peer_pairs.push((ca.index(), cb.index()));
                    continue;
                }
                if ctx(a) == ctx(b) {
                    inner_links.push((ca.index(), cb.index()));
                }
            }
            // Traffic reads from the clients inwards: a flow back to a client (a push, a
            // reply) is laid out as if it went the other way. A flow to a device (a
            // controller taking commands) keeps its way: devices sit where their links put
            // them.
            // Likewise a flow out to a less trusted zone (a call out to the internet) is laid
            // out as coming in from there, unless it starts at a client or device; a flow
            // into a zone nested in its own (a gateway's to a perimeter zone within its
            // account) does not go out, nor does one to a zone around its own (a clinical
            // tier's audit logs to the SIEM in the hospital's network), nor one between two
            // sibling zones trusted alike (an account's restricted storage feeding
            // dashboards in an operations zone beside the account), and neither does data
            // written to a store or published to a queue (a stream job filling another
            // account's lake, a plant's gateway publishing telemetry to a cloud broker): it
            // reads towards the store. Nor does a command to a device (a home hub's to the
            // plugs on an untrusted IoT network): it reads towards the device, as a flow to a
            // device does anywhere.
            let inwards = ctx(a).is_some() && zones.within_opt(ctx(b), ctx(a));
            let enclosing = ctx(b).is_some() && zones.within_opt(ctx(a), ctx(b));
            let mut blocks = sibling_blocks(&zones, ctx(a), ctx(b));
            // Where the two ends' zones part, the second is less trusted.
            let parts_down =
                blocks.is_none_or(|(x, y)| model.zones()[y].trust < model.zones()[x].trust);
            let out =
                trust(b) < trust(a) && parts_down && !holds_data(b) && !is_device(b) && !enclosing;
            if (is_client(b) && !originates(a)) || (!originates(a) && !inwards && out) {
                std::mem::swap(&mut a, &mut b);
                blocks = blocks.map(|(x, y)| (y, x));
            }
            let (za, zb) = (ctx(a), ctx(b));
            let nested = match (a, b) {
                (Endpoint::Zone(z), _) => zones.within_opt(zb, Some(z.index())),
                _ => false,
            } || match (b, a) {
                (Endpoint::Zone(z), _) => zones.within_opt(za, Some(z.index())),
                _ => false,
            };
            if !nested {
                flows.push((a, b, blocks));
            }
        }
        // Two sibling zones with flows both ways interleave along the flow unless the fewer
        // run back. Of two flows between the same two components, one runs back anyway:
        // the one that runs the way most flows between their zones run weighs double when
        // cycles are broken, so the other one is reversed (a bus's commands back to the
        // services that publish to it).
        let mut between: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        for pair in flows.iter().filter_map(|&(_, _, blocks)| blocks) {
            *between.entry(pair).or_default() += 1;
        }
        let count = |pair: (usize, usize)| between.get(&pair).copied().unwrap_or(0);
        // Whether each layering edge runs the way most flows between its zones run.
        let mut along: Vec<bool> = Vec::new();
        for (a, b, blocks) in flows {
            let with_most = blocks.is_some_and(|(x, y)| count((x, y)) > count((y, x)));
            let ends = |e: Endpoint| -> Vec<usize> {
                match e {
                    Endpoint::Component(c) => vec![c.index()],
                    Endpoint::Zone(z) => reps[z.index()].clone(),
                }
            };
            let (ea, eb) = (ends(a), ends(b));
            let share = (LINK_WEIGHT / (ea.len() * eb.len()).max(1) as i64).max(1);
            for &u in &ea {
                for &v in &eb {
                    if u != v {
                        edges.push((u, v));
                        weights.push(share);
                        along.push(with_most);
                    }
                }
            }
        }
        for edge in pipelines(nc, &mut peer_pairs, &inner_links) {
            edges.push(edge);
            weights.push(LINK_WEIGHT);
            along.push(false);
        }
        let mut sorted = edges.clone();
        sorted.sort_unstable();
        let both_ways = |&(u, v): &(usize, usize)| sorted.binary_search(&(v, u)).is_ok();
        let fas_weights: Vec<i64> = edges
            .iter()
            .zip(along)
            .map(|(e, along)| if along && both_ways(e) { 2 } else { 1 })
            .collect();
        let shortest = layers(
            &edges,
            &weights,
            &fas_weights,
            &zone_of,
            nz,
            &peer_pairs,
            nc,
        );
        let mut layer = shortest.clone();
        line_up(&edges, &zone_of, nz, &mut layer);
        Ranking {
            zones,
            kinds,
            owner,
            zone_of,
            layer,
            shortest,
            edges,
        }
    }

    /// The ranking with sibling zones that share one layer parted ([`part_siblings`], from
    /// the layers before zones lined up at the ends of the flow, which then line up again),
    /// if that moves a node.
    pub(crate) fn parted(&self) -> Option<Ranking> {
        let mut parted = self.shortest.clone();
        part_siblings(&self.edges, &self.zone_of, &self.zones.parent, &mut parted);
        line_up(&self.edges, &self.zone_of, self.zones.len(), &mut parted);
        (parted != self.layer).then(|| Ranking {
            layer: parted,
            ..self.clone()
        })
    }
}

/// Lines up zones of sources at the start of the flow and data tiers at its end ([`align`]).
fn line_up(edges: &[(usize, usize)], zone_of: &[Vec<usize>], nz: usize, layer: &mut [usize]) {
    align(edges, zone_of, nz, layer, End::First);
    align(edges, zone_of, nz, layer, End::Last);
}

/// The extent (along the flow, across it) the dummies of a link take for its label, or
/// `None` for none ([`Build::label_room`]).
pub(crate) type LabelRoom = Option<(f64, f64)>;

/// How [`Layered::build`] lays out a model, besides the arrangement of its blocks.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Build<'a> {
    /// Whether the flow runs left to right (else top down).
    pub(crate) left_to_right: bool,
    /// Whether the blocks the search arranged keep the order of the flow across it, as the
    /// author's keep the order written ([`Zones::fixed`]).
    pub(crate) reading_order: bool,
    /// Whether a link runs through the zones of its ends wherever they span its layers
    /// ([`Layered::passing_zone`]); else it runs in its ends' common zone from end to end.
    pub(crate) through_zones: bool,
    /// The links' looks when links that look alike are drawn as bundles
    /// ([`crate::bundle`]): the links of a fan then share their dummies in every layer they
    /// pass in one zone, one line towards their shared end.
    pub(crate) looks: Option<&'a [Option<usize>]>,
    /// The extent (along the flow, across it) the dummies of each link take, for links
    /// whose labels need room beside their lines: the label then sits on its link where the
    /// link passes a layer, as on a box of its own (`None`: dummies take no room).
    pub(crate) label_room: Option<&'a [LabelRoom]>,
}

impl Layered {
    /// The zone a link runs in at `layer` when it runs through zones
    /// ([`Build::through_zones`]): the deepest zone that holds one of its ends (innermost
    /// zones `ends`, the end first along the flow first) but not both (below their `common`
    /// zone) and spans the layer; `common` when there is none. Run in `common`, a link into
    /// a zone that starts along the flow before its end runs beside the zone and cuts into
    /// it from the side at its end's layer (around the whole zone, when the zone is wide);
    /// run through, it crosses the zone's leading border and runs inside to its end (and
    /// leaves a zone across its trailing border). Along the flow the first end's zones only
    /// end and the second's only start, so, the deeper winning (ties to the second end's),
    /// the link crosses each border once.
    fn passing_zone(
        &self,
        layer: usize,
        ends: [Option<usize>; 2],
        common: Option<usize>,
    ) -> Option<usize> {
        let spanning = |end: Option<usize>| {
            let mut cur = end;
            while let Some(z) = cur.filter(|&z| Some(z) != common) {
                if self.lo[z] <= layer && layer <= self.hi[z] {
                    return Some(z);
                }
                cur = self.zones.parent[z];
            }
            None
        };
        match (spanning(ends[0]), spanning(ends[1])) {
            (Some(a), Some(b)) if self.zones.depth[a] > self.zones.depth[b] => Some(a),
            (a, b) => b.or(a).or(common),
        }
    }

    /// Position of a stop on the half-layer axis: layer `l` is `2l + 1`, the channel before
    /// it `2l`.
    pub(crate) fn pos(&self, s: Stop) -> usize {
        match s {
            Stop::Item(i) => 2 * self.items[i].layer + 1,
            Stop::ZoneLo(z) => 2 * self.lo[z],
            Stop::ZoneHi(z) => 2 * self.hi[z] + 2,
        }
    }

    /// Places the nodes of `ranking` in their layers under `arrangement`, and makes the
    /// routes. `sizes[c]` is (layer-axis, order-axis) size of component `c`.
    pub(crate) fn build(
        model: &Model,
        ranking: &Ranking,
        sizes: &[(f64, f64)],
        placeholder: (f64, f64),
        arrangement: &[Option<Arrange>],
        how: Build,
    ) -> Layered {
        let Build {
            left_to_right,
            reading_order,
            through_zones,
            looks,
            label_room,
        } = how;
        let Ranking {
            zones,
            kinds,
            owner,
            zone_of,
            layer,
            ..
        } = ranking;
        let mut zones = zones.clone();
        let nz = zones.len();
        let n = kinds.len();
        let ctx = |e: Endpoint| -> Option<usize> { model.endpoint_zone(e).map(|z| z.index()) };
        let node_sizes: Vec<(f64, f64)> = kinds
            .iter()
            .map(|k| match *k {
                NodeKind::Comp(c) => sizes[c],
                NodeKind::Placeholder(_) => placeholder,
            })
            .collect();
        let mut layer = layer.clone();
        arrange_children(
            arrangement,
            &ranking.edges,
            &mut zones,
            zone_of,
            &node_sizes,
            (left_to_right, reading_order),
            &mut layer,
        );
        apply_placements(model, zone_of, nz, &mut layer);
        // Drop empty layers.
        let mut used: Vec<usize> = layer.clone();
        used.sort_unstable();
        used.dedup();
        for l in layer.iter_mut() {
            *l = used.partition_point(|&u| u < *l);
        }
        let mut n_layers = layer.iter().map(|l| l + 1).max().unwrap_or(0);
        // Zone spans.
        let mut lo = vec![usize::MAX; nz];
        let mut hi = vec![0usize; nz];
        for v in 0..n {
            for &z in &zone_of[v] {
                lo[z] = lo[z].min(layer[v]);
                hi[z] = hi[z].max(layer[v]);
            }
        }
        for z in 0..nz {
            if lo[z] == usize::MAX {
                lo[z] = 0;
            }
        }
        let mut items: Vec<Item> = (0..n)
            .map(|v| {
                let (ls, os) = node_sizes[v];
                Item {
                    kind: ItemKind::Node(kinds[v]),
                    owner: owner[v],
                    layer: layer[v],
                    lsize: ls,
                    osize: os,
                }
            })
            .collect();
        let mut built = Layered {
            zones,
            items: Vec::new(),
            lo,
            hi,
            n_layers,
            routes: Vec::new(),
            runs_through: false,
            chains: Vec::new(),
        };
        built.items = std::mem::take(&mut items);
        // Routes.
        let center = |me: &Layered, e: Endpoint| -> usize {
            match e {
                Endpoint::Component(c) => 2 * me.items[c.index()].layer + 1,
                Endpoint::Zone(z) => me.lo[z.index()] + me.hi[z.index()] + 1,
            }
        };
        let mut routes = Vec::with_capacity(model.links().len());
        let fans: Vec<Option<Fan>> = match looks {
            Some(looks) => crate::bundle::fans(model, looks),
            None => vec![None; model.links().len()],
        };
        // The dummy of each fan in each zone and layer it passes.
        let mut fan_dummies: BTreeMap<(Fan, Option<usize>, usize), usize> = BTreeMap::new();
        for (k, (l, fan)) in model.links().iter().zip(&fans).enumerate() {
            let (lsize, osize) = label_room.and_then(|room| room[k]).unwrap_or((0.0, 0.0));
            let (a, b) = (l.from, l.to);
            let stop_for = |me: &Layered, e: Endpoint, other: Endpoint| -> (Stop, Option<usize>) {
                match e {
                    Endpoint::Component(c) => (Stop::Item(c.index()), ctx(e)),
                    Endpoint::Zone(z) => {
                        let z = z.index();
                        if me.zones.within_opt(ctx(other), Some(z)) {
                            (Stop::ZoneHi(z), Some(z))
                        } else if center(me, other) <= me.lo[z] + me.hi[z] + 1 {
                            (Stop::ZoneLo(z), me.zones.parent[z])
                        } else {
                            (Stop::ZoneHi(z), me.zones.parent[z])
                        }
                    }
                }
            };
            let (sa, ca) = stop_for(&built, a, b);
            let (sb, cb) = stop_for(&built, b, a);
            let owner = built.zones.common(ca, cb);
            let (pa, pb) = (built.pos(sa), built.pos(sb));
            let (first, last, reversed) = if pa <= pb {
                (sa, sb, false)
            } else {
                (sb, sa, true)
            };
            let (p0, p1) = (pa.min(pb), pa.max(pb));
            let ends = if reversed { [cb, ca] } else { [ca, cb] };
            let mut stops = vec![first];
            // Layers strictly between the two positions get a dummy.
            let l_from = p0 / 2; // first layer with 2l+1 > p0
            for layer in l_from.. {
                let p = 2 * layer + 1;
                if p >= p1 {
                    break;
                }
                if p <= p0 {
                    continue;
                }
                let passing = match through_zones {
                    true => built.passing_zone(layer, ends, owner),
                    false => owner,
                };
                built.runs_through |= passing != owner;
                let shared = fan.map(|fan| (fan, passing, layer));
                if let Some(&dummy) = shared.and_then(|key| fan_dummies.get(&key)) {
                    stops.push(Stop::Item(dummy));
                    continue;
                }
                if let Some(key) = shared {
                    fan_dummies.insert(key, built.items.len());
                }
                stops.push(Stop::Item(built.items.len()));
                built.items.push(Item {
                    kind: ItemKind::Dummy,
                    owner: passing,
                    layer,
                    lsize,
                    osize,
                });
            }
            stops.push(last);
            routes.push(Route { stops, reversed });
        }
        built.routes = routes;
        // A trailing channel may be needed by zone borders past the last layer.
        n_layers = n_layers.max(built.hi.iter().map(|h| h + 1).max().unwrap_or(0));
        built.n_layers = n_layers;
        // Fillers: every zone present in every layer it spans.
        let mut present = vec![Vec::<bool>::new(); nz];
        for z in 0..nz {
            present[z] = vec![false; built.hi[z] + 1 - built.lo[z].min(built.hi[z] + 1)];
        }
        for it in &built.items {
            let mut cur = it.owner;
            while let Some(z) = cur {
                if let Some(slot) = it
                    .layer
                    .checked_sub(built.lo[z])
                    .and_then(|k| present[z].get_mut(k))
                {
                    *slot = true;
                }
                cur = built.zones.parent[z];
            }
        }
        // Innermost first, so a parent sees its child's filler.
        for z in built.zones.innermost_first() {
            for layer in built.lo[z]..=built.hi[z] {
                let k = layer - built.lo[z];
                if !present[z][k] {
                    built.items.push(Item {
                        kind: ItemKind::Filler,
                        owner: Some(z),
                        layer,
                        lsize: 0.0,
                        osize: 0.0,
                    });
                    let mut cur = Some(z);
                    while let Some(x) = cur {
                        if let Some(slot) = layer
                            .checked_sub(built.lo[x])
                            .and_then(|k| present[x].get_mut(k))
                        {
                            *slot = true;
                        }
                        cur = built.zones.parent[x];
                    }
                }
            }
        }
        built.chains = built
            .items
            .iter()
            .map(|it| built.zones.chain(it.owner))
            .collect();
        built
    }
}

/// The layering weight of one link (divisible by most counts of representative pairs, up to
/// 4 × 4, so that the shares stay nearly equal).
const LINK_WEIGHT: i64 = 48;

/// Obeys the authors' placement hints: `First` and `Last` move a component to the first or
/// last layer of its zone (of the whole diagram when it is in none), `With` to the layer of
/// another component. Hints are applied in file order.
fn apply_placements(model: &Model, zone_of: &[Vec<usize>], nz: usize, layer: &mut [usize]) {
    let comps = model.components();
    if comps.iter().all(|c| c.place.is_none()) {
        return;
    }
    let mut zmin = vec![usize::MAX; nz];
    let mut zmax = vec![0usize; nz];
    for (v, zs) in zone_of.iter().enumerate() {
        for &z in zs {
            zmin[z] = zmin[z].min(layer[v]);
            zmax[z] = zmax[z].max(layer[v]);
        }
    }
    let gmin = layer.iter().copied().min().unwrap_or(0);
    let gmax = layer.iter().copied().max().unwrap_or(0);
    for (c, comp) in comps.iter().enumerate() {
        let inner = zone_of[c].first().copied();
        layer[c] = match comp.place {
            None => continue,
            Some(Placement::First) => inner.map_or(gmin, |z| zmin[z]),
            Some(Placement::Last) => inner.map_or(gmax, |z| zmax[z]),
            Some(Placement::With(o)) => layer[o.index()],
        };
    }
}

/// Keeps zones compact: a node more than one layer away from every other member of its
/// innermost zone is moved next to them, so that the zone does not become a band stretched
/// across the picture to reach one far member. (Routes may run backwards, so any layering
/// can be drawn.) Of the two members of a zone that holds no other zone, far apart, the one
/// only `edges` leave (a source pulled next to what it feeds, far upstream) moves up to the
/// other, or else the one only edges enter moves back to it; two sources or two sinks line
/// up at their end of the flow instead ([`line_up`]). An audit feed from the innermost of
/// five nested networks back to the outermost made all five bands as long as the flow.
fn compact_zones(edges: &[(usize, usize)], zone_of: &[Vec<usize>], nz: usize, layer: &mut [usize]) {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); nz];
    // Zones that hold other zones' members too: two own members are not all they hold.
    let mut holds_zones = vec![false; nz];
    for (v, zs) in zone_of.iter().enumerate() {
        if let Some(&z) = zs.first() {
            members[z].push(v);
        }
        for &z in zs.iter().skip(1) {
            holds_zones[z] = true;
        }
    }
    let ends = Ends::of(edges, layer.len());
    for (z, m) in members.iter().enumerate() {
        if let (&[a, b], false) = (m.as_slice(), holds_zones[z]) {
            let (early, late) = if layer[a] <= layer[b] { (a, b) } else { (b, a) };
            if layer[late] - layer[early] > 1 {
                if ends.source(early) && !ends.source(late) {
                    layer[early] = layer[late] - 1;
                } else if ends.sink(late) && !ends.sink(early) {
                    layer[late] = layer[early] + 1;
                }
            }
            continue;
        }
        if m.len() < 3 {
            continue;
        }
        for &v in m {
            let others = m.iter().filter(|&&u| u != v).map(|&u| layer[u]);
            let lo = others.clone().min().unwrap_or(layer[v]);
            let hi = others.max().unwrap_or(layer[v]);
            if layer[v] > hi + 1 {
                layer[v] = hi + 1;
            } else if layer[v] + 1 < lo {
                layer[v] = lo - 1;
            }
        }
    }
}

/// Parts sibling zones that one layer joins: when a zone's last layer is a sibling's first,
/// its own members there (not those of its child zones) move back one layer, where no link
/// into them from another zone comes from. Zones that share a layer are drawn one across
/// the flow from the other and shifted along it, a staircase with two empty corners the size
/// of the zones; parted, they can sit side by side or stack as clean bands. (`parent` gives
/// each zone's parent zone.)
fn part_siblings(
    edges: &[(usize, usize)],
    zone_of: &[Vec<usize>],
    parent: &[Option<usize>],
    layer: &mut [usize],
) {
    let nz = parent.len();
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); layer.len()];
    for &(u, v) in edges {
        into[v].push(u);
    }
    // Each zone's first and last layer.
    let spans = |layer: &[usize]| {
        let mut span = vec![(usize::MAX, 0); nz];
        for (v, zs) in zone_of.iter().enumerate() {
            for &z in zs {
                span[z] = (span[z].0.min(layer[v]), span[z].1.max(layer[v]));
            }
        }
        span
    };
    let mut span = spans(layer);
    // The sibling zones that followed a parted zone in its last layer.
    let mut followers = vec![false; nz];
    for a in 0..nz {
        let (lo, hi) = span[a];
        let joined: Vec<usize> = (0..nz)
            .filter(|&b| {
                b != a && parent[b] == parent[a] && lo < hi && span[b].0 == hi && hi < span[b].1
            })
            .collect();
        if joined.is_empty() {
            continue;
        }
        let at_end: Vec<usize> = (0..layer.len())
            .filter(|&v| zone_of[v].contains(&a) && layer[v] == hi)
            .collect();
        let own = at_end.iter().all(|&v| zone_of[v][0] == a);
        // Links from other zones keep pointing forwards (or backwards) as they did.
        let free = at_end.iter().all(|&v| {
            into[v]
                .iter()
                .all(|&u| layer[u] < hi - 1 || layer[u] > hi || zone_of[u].contains(&a))
        });
        if own && free {
            for v in at_end {
                layer[v] = hi - 1;
            }
            for b in joined {
                followers[b] = true;
            }
            span = spans(layer);
        }
    }
    pull_back(edges, zone_of, &span, &followers, layer);
}

/// Moves each node of the `followers` zones, from the earliest layer on, back to one past
/// its latest predecessor when that stays within its innermost zone's layers (`span`), no
/// neighbour shares its layer, and more of its links come from before than go onwards (so
/// the links get shorter in all): once [`part_siblings`] has moved a zone's last members
/// back, what follows them in the sibling zone that started in that layer would otherwise
/// keep the layer it had, and that zone stay needlessly deep.
fn pull_back(
    edges: &[(usize, usize)],
    zone_of: &[Vec<usize>],
    span: &[(usize, usize)],
    followers: &[bool],
    layer: &mut [usize],
) {
    let n = layer.len();
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(u, v) in edges {
        if u != v {
            neighbours[u].push(v);
            neighbours[v].push(u);
        }
    }
    let mut by_layer: Vec<usize> = (0..n).collect();
    by_layer.sort_by_key(|&v| (layer[v], v));
    for v in by_layer {
        let Some(&z) = zone_of[v].first() else {
            continue;
        };
        if !zone_of[v].iter().any(|&f| followers[f]) {
            continue;
        }
        let near = &neighbours[v];
        if near.is_empty() || near.iter().any(|&u| layer[u] == layer[v]) {
            continue;
        }
        // Moving back shortens the links from before and lengthens those onwards.
        let before = near.iter().filter(|&&u| layer[u] < layer[v]).count();
        if before <= near.len() - before {
            continue;
        }
        let earliest = near
            .iter()
            .filter(|&&u| layer[u] < layer[v])
            .map(|&u| layer[u] + 1)
            .max()
            .unwrap_or(layer[v]);
        layer[v] = earliest.max(span[z].0);
    }
}

/// Largest model (in components) whose peers are also tried laid out together, which
/// lays the model out in layers twice.
const JOIN_MAX: usize = 400;

/// Each node's layer for the layering `edges` (with their `weights`; `zone_of` lists each
/// node's zones, innermost first), with the `peers` of a pair in one layer where that keeps
/// as many edges pointing forwards. Peers talking both ways (say brokers replicating, or a
/// primary and its replica) read best side by side. Layered as the graph stands, a peer
/// held in place by its own edges stays where they put it, and only a free one joins its
/// partner; up to [`JOIN_MAX`] components (`nc`), each group of peers is also laid out as
/// one node that takes all their edges, which places the group where all its edges point
/// forwards when the graph allows, and that is kept when no more edges point backwards
/// (or lie flat) and they are no longer in total.
fn layers(
    edges: &[(usize, usize)],
    weights: &[i64],
    fas_weights: &[i64],
    zone_of: &[Vec<usize>],
    nz: usize,
    peers: &[(usize, usize)],
    nc: usize,
) -> Vec<usize> {
    let n = zone_of.len();
    let layered = |edges: &[(usize, usize)]| {
        let weighted: Vec<(usize, usize, i64)> = edges
            .iter()
            .zip(fas_weights)
            .map(|(&(u, v), &w)| (u, v, w))
            .collect();
        let rank = weighted_fas_ranks(n, &weighted);
        let mut layer = assign_layers(edges, weights, &rank, zone_of, nz);
        compact_zones(edges, zone_of, nz, &mut layer);
        layer
    };
    let mut apart = layered(edges);
    join_peers(peers, edges, &mut apart);
    if nc > JOIN_MAX || peers.iter().all(|&(a, b)| apart[a] == apart[b]) {
        return apart;
    }
    let mut groups = UnionFind::<usize>::new(n);
    for &(a, b) in peers {
        groups.union(a, b);
    }
    // Each group is laid out as one of its members (the same one every time).
    let lead = groups.into_labeling();
    let led: Vec<(usize, usize)> = edges.iter().map(|&(u, v)| (lead[u], lead[v])).collect();
    let mut together = layered(&led);
    for v in 0..n {
        together[v] = together[lead[v]];
    }
    let against = |layer: &[usize]| {
        edges
            .iter()
            .filter(|&&(u, v)| u != v && layer[v] <= layer[u])
            .count()
    };
    let span = |layer: &[usize]| -> usize {
        edges
            .iter()
            .map(|&(u, v)| layer[u].abs_diff(layer[v]))
            .sum()
    };
    if (against(&together), span(&together)) <= (against(&apart), span(&apart)) {
        together
    } else {
        apart
    }
}

/// The two sibling zones (children of one zone, or top-level zones) that hold zone
/// contexts `a` and `b`; `None` when one context holds the other or lies at the level
/// where they part (a component of the parent zone, or of no zone).
fn sibling_blocks(zones: &Zones, a: Option<usize>, b: Option<usize>) -> Option<(usize, usize)> {
    let (mut a, mut b) = (a?, b?);
    while zones.depth[a] > zones.depth[b] {
        a = zones.parent[a]?;
    }
    while zones.depth[b] > zones.depth[a] {
        b = zones.parent[b]?;
    }
    while a != b {
        let (pa, pb) = (zones.parent[a], zones.parent[b]);
        if pa == pb {
            return Some((a, b));
        }
        (a, b) = (pa?, pb?);
    }
    None
}

/// Puts each member of a peer pair that no layering edge holds in place into its partner's
/// layer (a replica linked only to its primary, or a job server only to its application
/// server, would otherwise float to the first layer).
fn join_peers(pairs: &[(usize, usize)], edges: &[(usize, usize)], layer: &mut [usize]) {
    let mut held = vec![false; layer.len()];
    for &(u, v) in edges {
        held[u] = true;
        held[v] = true;
    }
    for &(a, b) in pairs {
        if !held[b] {
            layer[b] = layer[a];
        } else if !held[a] {
            layer[a] = layer[b];
        }
    }
}

/// Per component, how many data stores of its own zone it is linked to when it is a data
/// store itself (0 for other components). Repeated links and links both ways count once.
fn store_links(model: &Model) -> Vec<usize> {
    let mut pairs: Vec<(usize, usize)> = model
        .links()
        .iter()
        .filter_map(|l| match (l.from, l.to) {
            (Endpoint::Component(a), Endpoint::Component(b)) => {
                let (ca, cb) = (model.component(a), model.component(b));
                let stores = ca.kind.is_data_store() && cb.kind.is_data_store();
                (a != b && ca.zone == cb.zone && stores)
                    .then(|| (a.index().min(b.index()), a.index().max(b.index())))
            }
            _ => None,
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut degree = vec![0; model.components().len()];
    for (a, b) in pairs {
        degree[a] += 1;
        degree[b] += 1;
    }
    degree
}

/// Takes out of `peer_pairs` (components) the pairs whose group of peers is a pipeline, not
/// a cluster: some of `inner_links` (links between two components of one zone that are not
/// peers) joins two of its members (a front end talking both ways with the services it
/// calls, which call each other one way). Returns those pairs, to be laid out as the links
/// they are, from the caller on.
fn pipelines(
    nc: usize,
    peer_pairs: &mut Vec<(usize, usize)>,
    inner_links: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let mut groups = UnionFind::<usize>::new(nc);
    for &(a, b) in peer_pairs.iter() {
        groups.union(a, b);
    }
    let mut directed = vec![false; nc];
    for &(a, b) in inner_links {
        if groups.equiv(a, b) {
            directed[groups.find(a)] = true;
        }
    }
    let (pipelines, peers) = peer_pairs
        .iter()
        .partition(|&&(a, _)| directed[groups.find(a)]);
    *peer_pairs = peers;
    pipelines
}

/// Kinds that act as peers of each other (a cluster of application and job servers).
fn peer_class(k: ComponentKind) -> ComponentKind {
    match k {
        ComponentKind::JobServer | ComponentKind::CallsServer => ComponentKind::AppServer,
        other => other,
    }
}

/// Where block `i` of a zone arranged as `arr` goes: the line of blocks that follow one
/// another along the flow it joins, and its place in that line. Lines stack across the flow;
/// each packs its blocks one after another from the zone's first layer, so a short block
/// leaves no gap in the other lines (a grid's columns line up when its blocks are alike).
/// `None` for `ByFlow`, whose blocks go by the links between them ([`flow_steps`]).
pub(crate) fn slot(arr: Arrange, left_to_right: bool, i: usize) -> Option<(usize, usize)> {
    Some(match (arr, left_to_right) {
        (Arrange::Row, true) | (Arrange::Column, false) => (0, i),
        (Arrange::Row, false) | (Arrange::Column, true) => (i, 0),
        (Arrange::Grid { columns }, lr) => {
            let c = columns.max(1) as usize;
            if lr { (i / c, i % c) } else { (i % c, i / c) }
        }
        (Arrange::ByFlow, _) => return None,
    })
}

/// Wraps the flow of `block` (a zone's components, when it has no child zones) after every
/// `steps` layers: the layers from `lo + k * steps` on move back to `lo`, so the block's
/// chunks of `steps` layers share layers and the ordering stacks them across the flow, in
/// the order of their items (a long chain becomes rows, or columns top to bottom).
fn wrap(block: &[usize], steps: usize, layer: &mut [usize]) {
    let Some(lo) = block.iter().map(|&v| layer[v]).min() else {
        return;
    };
    for &v in block {
        layer[v] = lo + (layer[v] - lo) % steps;
    }
}

/// What an arrangement does to a zone whose one block is its own components (it has no
/// child zones): a grid wraps their flow every `N` layers, the arrangement along the flow
/// (`Row` left to right, `Column` top-down) spreads crowded layers, the other nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flow {
    /// [`wrap`] after this many layers.
    Wrap(usize),
    /// [`spread`] crowded layers.
    Spread,
}

impl Flow {
    /// The effect of `arr` on the flow of a zone of components alone.
    pub(crate) fn of(arr: Arrange, left_to_right: bool) -> Option<Flow> {
        match arr {
            Arrange::Grid { columns } => Some(Flow::Wrap(columns.max(1) as usize)),
            _ if slot(arr, left_to_right, 1) == Some((0, 1)) => Some(Flow::Spread),
            _ => None,
        }
    }
}

/// Gap assumed between cards along the flow, for [`spread`]: a channel with its labels.
const SPREAD_CHANNEL: f64 = 80.0;
/// Gap assumed between cards across the flow, for [`spread`].
const SPREAD_GAP: f64 = 24.0;

/// Spreads each crowded layer of `blocks` (zones' components, when they have no child
/// zones) over consecutive sub-layers, so that its cards make a block about as long along
/// the flow as across it: a layer of `m` cards becomes `s` sub-layers of `⌈m / s⌉` cards,
/// in file order. Every layer is first spaced out by the most sub-layers any needs; the
/// layers left empty are dropped afterwards, as all are.
fn spread(blocks: &[Vec<usize>], sizes: &[(f64, f64)], layer: &mut [usize]) {
    let mut sub = vec![0usize; layer.len()];
    let mut most = 1;
    for block in blocks {
        let mut by_layer: Vec<(usize, usize)> = block.iter().map(|&v| (layer[v], v)).collect();
        by_layer.sort_unstable();
        for run in by_layer.chunk_by(|a, b| a.0 == b.0) {
            let m = run.len();
            let mean = |f: fn(&(f64, f64)) -> f64| {
                run.iter().map(|&(_, v)| f(&sizes[v])).sum::<f64>() / m as f64
            };
            let (along, across) = (mean(|s| s.0) + SPREAD_CHANNEL, mean(|s| s.1) + SPREAD_GAP);
            let subs = ((m as f64 * across / along).sqrt().round() as usize).clamp(1, m);
            let per = m.div_ceil(subs);
            for (j, &(_, v)) in run.iter().enumerate() {
                sub[v] = j / per;
            }
            most = most.max(m.div_ceil(per));
        }
    }
    if most > 1 {
        for (l, s) in layer.iter_mut().zip(&sub) {
            *l = *l * most + s;
        }
    }
}

/// Applies an arrangement of blocks: `arrangement[z]` for zone `z`, and its last entry for
/// the top level (whose blocks are the top-level zones). A zone's blocks are its own
/// components (one block, placed first, when it has any) and each child zone. Blocks placed
/// one after another along the flow (`Row` for left-to-right, `Column` for top-to-bottom)
/// get consecutive, disjoint bands of layers; blocks placed across the flow start at one
/// layer and stack. `Grid { columns }` combines the two: each line along the flow packs its
/// blocks, and the lines stack ([`slot`]). Zones are handled from the bottom up, so
/// a block's span of layers is its final one when its parent lines it up with its siblings
/// (a grid inside a zone that is stacked with another would otherwise leave that other
/// zone's layers between the grid's columns); only the members of the arranged blocks move
/// (routes may run in any direction, so every layering can be drawn).
fn arrange_children(
    arrangement: &[Option<Arrange>],
    edges: &[(usize, usize)],
    zones: &mut Zones,
    zone_of: &[Vec<usize>],
    sizes: &[(f64, f64)],
    (left_to_right, reading_order): (bool, bool),
    layer: &mut [usize],
) {
    let nz = zones.len();
    if arrangement.iter().all(Option::is_none) {
        return;
    }
    // Nodes of each zone's subtree; the top level (index nz) holds every node.
    let mut nodes: Vec<Vec<usize>> = vec![Vec::new(); nz + 1];
    for (v, zs) in zone_of.iter().enumerate() {
        for &z in zs {
            nodes[z].push(v);
        }
        nodes[nz].push(v);
    }
    let top: Vec<usize> = (0..nz).filter(|&z| zones.parent[z].is_none()).collect();
    let mut order = zones.innermost_first();
    order.push(nz);
    // Blocks of components to spread once every zone is arranged.
    let mut crowded: Vec<Vec<usize>> = Vec::new();
    for z in order {
        let Some(arr) = arrangement.get(z).copied().flatten() else {
            continue;
        };
        let (own_zone, mut kids) = if z == nz {
            (None, top.clone())
        } else {
            (Some(z), zones.children[z].clone())
        };
        kids.retain(|&c| !nodes[c].is_empty());
        // The author's blocks go in the order written; the search's, in reading order, in
        // the order of the flow (where each starts, then as written), and stay so.
        if reading_order && !kids.iter().any(|&c| zones.fixed[c]) {
            let start = |c: usize| nodes[c].iter().map(|&v| layer[v]).min();
            let mut places: Vec<usize> = kids.iter().map(|&c| zones.place[c]).collect();
            places.sort_unstable();
            kids.sort_by_key(|&c| (start(c), zones.place[c]));
            for (&c, place) in kids.iter().zip(places) {
                zones.place[c] = place;
                zones.fixed[c] = true;
            }
        }
        // Blocks: the zone's own nodes (one block, when it has any) and each child zone.
        let own: Vec<usize> = nodes[z]
            .iter()
            .copied()
            .filter(|&v| zone_of[v].first().copied() == own_zone)
            .collect();
        let mut blocks: Vec<Vec<usize>> = Vec::new();
        if !own.is_empty() {
            blocks.push(own);
        }
        blocks.extend(kids.iter().map(|&c| nodes[c].clone()));
        if blocks.len() < 2 {
            // A zone of components alone: a grid wraps their flow, an arrangement along the
            // flow spreads its crowded layers.
            if let ([own], true) = (blocks.as_slice(), kids.is_empty()) {
                match Flow::of(arr, left_to_right) {
                    Some(Flow::Wrap(steps)) => wrap(own, steps, layer),
                    Some(Flow::Spread) => crowded.push(own.to_vec()),
                    None => {}
                }
            }
            continue;
        }
        let span = |block: &[usize]| -> (usize, usize) {
            let lo = block.iter().map(|&v| layer[v]).min().unwrap_or(0);
            let hi = block.iter().map(|&v| layer[v]).max().unwrap_or(0);
            (lo, hi)
        };
        let spans: Vec<(usize, usize)> = blocks.iter().map(|b| span(b)).collect();
        let base = spans.iter().map(|s| s.0).min().unwrap_or(0);
        let mut starts = vec![base; blocks.len()];
        if arr == Arrange::ByFlow {
            // The blocks of a step start together, right after the blocks of the steps
            // before it end, but not before a node outside the zone that leads into one of
            // them (the clients of a data centre whose proxy tier comes first).
            let mut block_of = vec![usize::MAX; layer.len()];
            for (b, block) in blocks.iter().enumerate() {
                for &v in block {
                    block_of[v] = b;
                }
            }
            let between = edges.iter().map(|&(a, b)| (block_of[a], block_of[b]));
            let steps = flow_steps(blocks.len(), between);
            let mut earliest = vec![base; blocks.len()];
            for &(u, v) in edges {
                let b = block_of[v];
                if b != usize::MAX && block_of[u] == usize::MAX {
                    let after_u = (layer[u] + 1).saturating_sub(layer[v] - spans[b].0);
                    earliest[b] = earliest[b].max(after_u);
                }
            }
            let mut by_step: Vec<usize> = (0..blocks.len()).collect();
            by_step.sort_by_key(|&b| steps[b]);
            let mut earlier_end = base;
            for step in by_step.chunk_by(|&a, &b| steps[a] == steps[b]) {
                let start = step
                    .iter()
                    .map(|&b| earliest[b])
                    .fold(earlier_end, usize::max);
                for &b in step {
                    starts[b] = start;
                    earlier_end = earlier_end.max(start + spans[b].1 - spans[b].0 + 1);
                }
            }
        } else {
            let mut by_slot: Vec<((usize, usize), usize)> = (0..blocks.len())
                .filter_map(|i| Some((slot(arr, left_to_right, i)?, i)))
                .collect();
            by_slot.sort_unstable();
            // Each line packs its blocks from `base`, in their places.
            for line in by_slot.chunk_by(|a, b| a.0.0 == b.0.0) {
                let mut start = base;
                for &(_, i) in line {
                    starts[i] = start;
                    start += spans[i].1 - spans[i].0 + 1;
                }
            }
        }
        for ((block, (lo, _)), start) in blocks.iter().zip(&spans).zip(starts) {
            for &v in block {
                layer[v] = layer[v] - lo + start;
            }
        }
    }
    spread(&crowded, sizes, layer);
}
