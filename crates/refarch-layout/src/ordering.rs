//! Crossing reduction: layer sweeps with the barycenter heuristic, sorted hierarchically so
//! that every zone stays one contiguous block in every layer (Forster 2002).
//!
//! Within a zone's block the entries are its own items and its child zones. Child zones are
//! ordered by one key for the whole sweep (so two sibling zones keep the same relative order
//! in every layer they share, which keeps both of them rectangles); items are merged in
//! between by their barycenters. Each sweep is followed by transposition (Gansner et al.
//! 1993): neighbours of one zone swap while that removes crossings with both adjacent layers
//! (and with the links that turn back within a layer), and then sibling zones next to each
//! other trade places where that removes crossings. Crossings are counted between adjacent
//! layers with a Fenwick tree (the accumulator of Barth, Jünger and Mutzel 2002), plus those
//! of the turns, and the best ordering seen is kept; the sweeps stop once they cycle. Small
//! graphs are ordered from several starting orders and keep the best result (four on every
//! trial of the arrangement search; for the layout that is kept, twelve seeded shuffles
//! more); then a zone's own items (say, a link passing through) move past a neighbouring
//! child zone's whole block where that removes crossings, which neither the barycenters nor
//! transposition can see.

use std::mem::take;
use std::ops::Range;

use crate::graph::{ItemKind, Layered, Stop, Zones};

/// Items per layer, in order.
pub(crate) type Layers = Vec<Vec<usize>>;

/// Neighbours of each item in the previous and next layer (from route segments).
pub(crate) struct Adjacency {
    pub(crate) up: Vec<Vec<usize>>,
    pub(crate) down: Vec<Vec<usize>>,
    /// Items each item links to within its own layer (a link that turns back in the
    /// channel before or after the layer).
    pub(crate) same: Vec<Vec<usize>>,
    /// Those links per layer.
    pub(crate) turns: Vec<Vec<Turn>>,
}

/// A link between two items of one layer: a U that runs along the channel after the layer
/// or, as `lead` allows, the channel before it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Turn {
    pub(crate) a: usize,
    pub(crate) b: usize,
    pub(crate) lead: Lead,
}

/// When a turn runs along the channel before its layer rather than after it. A U should not
/// leave the innermost zone holding both its ends only to come back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lead {
    /// Never: the channel before lies outside that zone and the one after does not.
    Never,
    /// When it crosses fewer edges there.
    IfFewer,
    /// Unless it crosses more edges there: the channel after lies outside that zone and the
    /// one before does not.
    UnlessMore,
}

impl Lead {
    /// The rule for a turn in layer `layer` whose ends' innermost common zone is `common`.
    fn of(g: &Layered, common: Option<usize>, layer: usize) -> Lead {
        let Some(z) = common else {
            return Lead::IfFewer;
        };
        match (g.lo[z] == layer, g.hi[z] == layer) {
            (true, false) => Lead::Never,
            (false, true) => Lead::UnlessMore,
            _ => Lead::IfFewer,
        }
    }
}

impl Adjacency {
    pub(crate) fn new(g: &Layered) -> Adjacency {
        let n = g.items.len();
        let mut up = vec![Vec::new(); n];
        let mut down = vec![Vec::new(); n];
        let mut same = vec![Vec::new(); n];
        let mut turns = vec![Vec::new(); g.n_layers];
        for r in &g.routes {
            for w in r.stops.windows(2) {
                let (Stop::Item(a), Stop::Item(b)) = (w[0], w[1]) else {
                    continue;
                };
                let (la, lb) = (g.items[a].layer, g.items[b].layer);
                // The links of a fan share their dummies (`Build::looks`): one edge on from
                // each.
                let shared = g.items[a].kind == ItemKind::Dummy && down[a].contains(&b);
                if la + 1 == lb && !shared {
                    down[a].push(b);
                    up[b].push(a);
                } else if la == lb && a != b {
                    same[a].push(b);
                    same[b].push(a);
                    let common = g.zones.common(g.items[a].owner, g.items[b].owner);
                    let lead = Lead::of(g, common, la);
                    turns[la].push(Turn { a, b, lead });
                }
            }
        }
        Adjacency {
            up,
            down,
            same,
            turns,
        }
    }
}

/// Graphs of up to this many items (components, placeholders and dummies) are ordered from
/// several starting orders ([`start_keys`]); larger ones from the first only, to keep them
/// fast.
const RESTART_ITEMS: usize = 1_000;

/// The fixed starting orders: zones (depth-first) and items in file order, then with the
/// zones, the items, or both reversed.
const STARTS: [(bool, bool); 4] = [(false, false), (true, false), (false, true), (true, true)];

/// Starting orders tried on every layout of a graph of up to [`RESTART_ITEMS`] items.
pub(crate) const SEARCH_STARTS: usize = STARTS.len();
/// Starting orders tried on the layout that is kept: [`STARTS`], then seeded shuffles.
pub(crate) const FINAL_STARTS: usize = 16;

/// The initial sort keys of the zones among their siblings and of the items for start
/// `k`: [`STARTS`] first, then shuffles seeded by `k`. Zones whose place is
/// [`fixed`](crate::graph::Zones) keep it in every start.
fn start_keys(g: &Layered, k: usize) -> (Vec<f64>, Vec<f64>) {
    let zones = &g.zones;
    let signed = |k: usize, reversed: bool| if reversed { -(k as f64) } else { k as f64 };
    if let Some(&(zones_reversed, items_reversed)) = STARTS.get(k) {
        let zone_key = zone_keys(zones, |z| signed(zones.tin[z], zones_reversed));
        let key = (0..g.items.len())
            .map(|i| signed(i, items_reversed))
            .collect();
        return (zone_key, key);
    }
    let mut random = Shuffle::new(k);
    let zone_key = zone_keys(zones, |_| random.next());
    let key = (0..g.items.len()).map(|_| random.next()).collect();
    (zone_key, key)
}

/// Each zone's key: its fixed place, or `free(z)`.
fn zone_keys(zones: &Zones, mut free: impl FnMut(usize) -> f64) -> Vec<f64> {
    (0..zones.len())
        .map(|z| match zones.fixed[z] {
            true => zones.place[z] as f64,
            false => free(z),
        })
        .collect()
}

/// A xorshift generator of sort keys: the same seed gives the same keys on every machine.
struct Shuffle(u64);

impl Shuffle {
    /// A generator for start `k` (a multiplicative hash of it, so that near seeds give
    /// unrelated keys).
    fn new(k: usize) -> Shuffle {
        Shuffle((k as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64
    }
}

/// How many of `starts` starting orders a graph of `items` items is ordered from: all of
/// them up to [`RESTART_ITEMS`], one past it.
pub(crate) fn starts_for(items: usize, starts: usize) -> usize {
    if items <= RESTART_ITEMS {
        starts.max(1)
    } else {
        1
    }
}

/// Orders every layer. `sweeps` caps the number of down-and-up passes; a graph of up to
/// [`RESTART_ITEMS`] items is ordered from `starts` starting orders and keeps the one with
/// the fewest crossings (ties go to the earlier start). Layer sweeps settle in a local
/// optimum that depends on where they start. The result is then mirrored (every layer
/// reversed) when that brings it nearer the file's order and no zone's place is fixed.
pub(crate) fn order(g: &Layered, adj: &Adjacency, sweeps: usize, starts: usize) -> Layers {
    let starts = starts_for(g.items.len(), starts);
    let chains = &g.chains;
    let mut runs = Sweeps::new(g, adj, chains, sweeps);
    let mut best: Option<(usize, Layers)> = None;
    for k in 0..starts {
        let (zone_key, key) = start_keys(g, k);
        let (c, layers) = runs.order_from(zone_key, key);
        if best.as_ref().is_none_or(|(b, _)| c < *b) {
            best = Some((c, layers));
        }
        if c == 0 {
            break;
        }
    }
    let Some((crossings, mut layers)) = best else {
        return Vec::new();
    };
    // Small graphs only, as for the restarts.
    if g.items.len() <= RESTART_ITEMS {
        let spans = Spans {
            lo: &g.lo,
            hi: &g.hi,
        };
        pass_blocks(
            adj,
            chains,
            spans,
            &mut layers,
            crossings,
            &mut runs.counter,
        );
        adjoin_turns(adj, chains, &mut layers, &mut runs.counter);
    }
    // The mirror has the same crossings: a tie, broken by file order, so that what the
    // model lists first comes first across the flow (on top, or on the left). Fixed zones
    // keep their order, which the mirror would reverse.
    if !g.zones.fixed.contains(&true) && against_file_order(g, &layers, &mut runs.arranger) {
        for layer in &mut layers {
            layer.reverse();
        }
    }
    layers
}

/// Whether more pairs of items in `layers` lie in the opposite order to the one the first
/// start ([`STARTS`]: zones and items in file order) sorts them into than in the same.
fn against_file_order(g: &Layered, layers: &Layers, arranger: &mut Arranger) -> bool {
    let (zone_key, key) = start_keys(g, 0);
    let mut rank = vec![0; g.items.len()];
    let (mut written, mut ranks, mut tree) = (Vec::new(), Vec::new(), Vec::new());
    let (mut pairs, mut against) = (0, 0);
    for layer in layers {
        written.clone_from(layer);
        arranger.arrange(&mut written, &key, &zone_key);
        for (k, &i) in written.iter().enumerate() {
            rank[i] = k;
        }
        ranks.clear();
        ranks.extend(layer.iter().map(|&i| rank[i]));
        let n = layer.len();
        pairs += n * n.saturating_sub(1) / 2;
        against += inversions(&ranks, n, &mut tree);
    }
    2 * against > pairs
}

/// Passes of [`pass_blocks`] over the whole ordering, at most.
const BLOCK_PASSES: usize = 4;

/// The layers each zone spans, from `lo` to `hi`.
#[derive(Clone, Copy)]
struct Spans<'a> {
    lo: &'a [usize],
    hi: &'a [usize],
}

/// A link crossing a zone's box in a channel weighs as much as this many crossings. At two
/// (for the zone's two borders), mission-partner traded 2% of its scale for more
/// direct links between its networks and fell below [`LEGIBLE`](crate::shape::LEGIBLE);
/// at one, only moves that cost no crossing pass a zone, and the 79-model corpus has fewer
/// crossings and a larger mean scale than with none.
const TRESPASS: usize = 1;

/// Moves items (say, the dummies of a link between two zones) to the other side of a
/// neighbouring child zone's block, one at a time, while that removes crossings (`crossings`
/// now, which it returns updated) or links across the block's zone ([`trespasses`], each
/// weighing [`TRESPASS`] crossings). The sweeps merge a zone's own items with its child zones
/// by barycenter alone, which cannot tell that a link passing a zone on one side crosses the
/// links that turn back around it there, and transposition swaps single items only.
fn pass_blocks(
    adj: &Adjacency,
    chains: &[Vec<usize>],
    spans: Spans,
    layers: &mut Layers,
    mut crossings: usize,
    counter: &mut Counter,
) -> usize {
    for _ in 0..BLOCK_PASSES {
        let mut improved = false;
        for l in 0..layers.len() {
            let mut p = 0;
            while p < layers[l].len() {
                for side in [Side::After, Side::Before] {
                    let Some((to, zone)) = past_block(&layers[l], chains, p, side) else {
                        continue;
                    };
                    let (across, could) = trespasses(adj, chains, spans, layers, l, p, zone);
                    let weigh = |c: usize, t: usize| c + TRESPASS * t;
                    let kept = counter.move_if(layers, adj, l, (p, to), |here, there| {
                        weigh(there, could - across) < weigh(here, across)
                    });
                    if let Some((here, there)) = kept {
                        crossings = crossings + there - here;
                        improved = true;
                        break;
                    }
                }
                p += 1;
            }
        }
        if !improved {
            break;
        }
    }
    crossings
}

/// How many links of the item at `p` in layer `l` cross the box of `zone` (a child zone of
/// the item's own, whose block lies next to it) in the channel to the layer before or after,
/// and how many could: those to items outside the zone in a layer it also spans. The zone's
/// box covers those channels, so a link whose ends lie on either side of its blocks runs
/// across a boundary it has nothing to do with. Passing the block turns the one number into
/// the other's remainder.
fn trespasses(
    adj: &Adjacency,
    chains: &[Vec<usize>],
    spans: Spans,
    layers: &Layers,
    l: usize,
    p: usize,
    zone: usize,
) -> (usize, usize) {
    let depth = chains[layers[l][p]].len();
    let inside = |i: usize| chains[i].get(depth) == Some(&zone);
    // Whether `i`, outside the zone, lies before the zone's block in `layer`.
    let before = |layer: &[usize], i: usize| {
        let start = layer.iter().position(|&x| inside(x))?;
        let at = layer.iter().position(|&x| x == i)?;
        Some(at < start)
    };
    let Some(here) = before(&layers[l], layers[l][p]) else {
        return (0, 0);
    };
    let (mut across, mut could) = (0, 0);
    let item = layers[l][p];
    for (next, other) in [
        (&adj.up[item], l.checked_sub(1)),
        (&adj.down[item], Some(l + 1)),
    ] {
        let Some(o) = other.filter(|&o| spans.lo[zone] <= o && o <= spans.hi[zone]) else {
            continue;
        };
        for &j in next.iter().filter(|&&j| !inside(j)) {
            if let Some(there) = layers.get(o).and_then(|layer| before(layer, j)) {
                could += 1;
                across += usize::from(there != here);
            }
        }
    }
    (across, could)
}

/// A side of an item in its layer.
#[derive(Clone, Copy)]
enum Side {
    Before,
    After,
}

/// Where the item at `p` of `layer` goes to pass the block of the child zone of its own zone
/// that lies next to it on `side` (the index it takes once removed and inserted), if one
/// does, and that zone.
fn past_block(
    layer: &[usize],
    chains: &[Vec<usize>],
    p: usize,
    side: Side,
) -> Option<(usize, usize)> {
    let own = &chains[layer[p]];
    let depth = own.len();
    let next = match side {
        Side::After => p + 1,
        Side::Before => p.checked_sub(1)?,
    };
    let chain = chains.get(*layer.get(next)?)?;
    if chain.len() <= depth || chain[..depth] != own[..] {
        return None;
    }
    let child = chain[depth];
    let inside = |k: &usize| chains[layer[*k]].get(depth) == Some(&child);
    let to = match side {
        Side::After => (next..layer.len()).take_while(inside).last(),
        Side::Before => (0..=next).rev().take_while(inside).last(),
    };
    to.map(|to| (to, child))
}

/// Puts the two ends of each link within a layer (a replication or gossip loop between
/// peers) next to each other when only items of their own zone lie between them and that
/// adds no crossings: the loop then spans no other box. The sweeps are
/// indifferent to it, as a loop that spans a box crosses nothing there.
fn adjoin_turns(
    adj: &Adjacency,
    chains: &[Vec<usize>],
    layers: &mut Layers,
    counter: &mut Counter,
) {
    for l in 0..layers.len() {
        for t in &adj.turns[l] {
            let at = |layers: &Layers, i: usize| layers[l].iter().position(|&x| x == i);
            let (Some(pa), Some(pb)) = (at(layers, t.a), at(layers, t.b)) else {
                continue;
            };
            let (lo, hi) = (pa.min(pb), pa.max(pb));
            let own = &chains[layers[l][lo]];
            if hi - lo < 2 || layers[l][lo..=hi].iter().any(|&i| chains[i] != *own) {
                continue;
            }
            // Either end moves next to the other: the far one in, then the near one out.
            for step in [(hi, lo + 1), (lo, hi - 1)] {
                let kept = counter.move_if(layers, adj, l, step, |here, there| there <= here);
                if kept.is_some() {
                    break;
                }
            }
        }
    }
}

/// What every run of the sweeps shares: the graph, the sibling zones, and the tools each
/// step uses, whose buffers serve one run after another.
struct Sweeps<'a> {
    g: &'a Layered,
    adj: &'a Adjacency,
    /// Each item's zones, outermost first.
    chains: &'a [Vec<usize>],
    /// The cap on down-and-up passes.
    sweeps: usize,
    /// Every set of sibling zones ([`sibling_sets`]).
    families: Vec<Vec<usize>>,
    /// Groups of sibling zones free to trade places ([`sibling_groups`]).
    siblings: Vec<Vec<usize>>,
    arranger: Arranger<'a>,
    transposer: Transposer<'a>,
    zone_swaps: ZoneSwaps<'a>,
    counter: Counter,
    /// Sums and counts of the positions of each zone's items (buffers).
    zone_sums: Vec<f64>,
    zone_counts: Vec<usize>,
    /// Zones sorted by their old keys (a buffer).
    zone_order: Vec<usize>,
}

impl<'a> Sweeps<'a> {
    /// The runs over `g`, whose items lie in the zones `chains` lists (outermost first).
    fn new(g: &'a Layered, adj: &'a Adjacency, chains: &'a [Vec<usize>], sweeps: usize) -> Self {
        let families = sibling_sets(g);
        let siblings = sibling_groups(g, &families);
        Sweeps {
            g,
            adj,
            chains,
            sweeps,
            families,
            siblings,
            arranger: Arranger::new(chains, g.zones.len()),
            transposer: Transposer::new(g, adj),
            zone_swaps: ZoneSwaps::new(g, adj, chains),
            counter: Counter::default(),
            zone_sums: Vec::new(),
            zone_counts: Vec::new(),
            zone_order: Vec::new(),
        }
    }

    /// Orders every layer from the initial sort keys of the zones among their siblings
    /// and of the items; returns the crossings of the best ordering seen and that ordering.
    fn order_from(&mut self, mut zone_key: Vec<f64>, mut key: Vec<f64>) -> (usize, Layers) {
        let (g, adj) = (self.g, self.adj);
        let n = g.items.len();
        let mut layers: Layers = vec![Vec::new(); g.n_layers];
        for (i, it) in g.items.iter().enumerate() {
            layers[it.layer].push(i);
        }
        for layer in layers.iter_mut() {
            self.arranger.arrange(layer, &key, &zone_key);
        }
        let mut pos = vec![0.0; n];
        set_positions(&layers, &mut pos);
        let mut best = layers.clone();
        let mut best_cross = self.counter.crossings(&layers, adj);
        // Transposition costs up to the product of two neighbours' degrees per pair; a work
        // budget (not a clock, so the result stays deterministic) keeps dense graphs fast.
        let mut transpose_budget: usize = TRANSPOSE_WORK;
        // Trial swaps of sibling zones count the crossings of the edges of the items they
        // move.
        let mut zones_budget: usize = ZONE_SWAP_WORK;
        // The ordering and zone keys after each of the last two sweeps: a sweep starts from
        // those alone, so once they repeat, the sweeps only go round the same cycle.
        let mut previous: [(Layers, Vec<f64>); 2] = Default::default();
        // The zone keys before the last update.
        let mut old_zone_key = Vec::new();
        for sweep in 0..self.sweeps {
            if best_cross == 0 {
                break;
            }
            self.sweep(&mut layers, sweep % 2 == 0, &mut key, &zone_key, &mut pos);
            old_zone_key.clone_from(&zone_key);
            self.update_zone_keys(&pos, &mut zone_key);
            // Re-sort every layer with the new zone keys so siblings agree everywhere. Sorted
            // by their positions, the layers come out as they are unless siblings change
            // order.
            let buf = &mut self.zone_order;
            if self
                .families
                .iter()
                .any(|set| reorders(set, &old_zone_key, &zone_key, buf))
            {
                key.copy_from_slice(&pos);
                for layer in layers.iter_mut() {
                    self.arranger.arrange(layer, &key, &zone_key);
                }
            }
            if transpose_budget > 0 {
                self.transposer.run(&mut layers, &mut transpose_budget);
            }
            set_positions(&layers, &mut pos);
            if zones_budget > 0 {
                self.zone_swaps.reset(&layers);
                for _ in 0..ZONE_SWAP_PASSES {
                    let swaps = &mut self.zone_swaps;
                    if !swaps.run(
                        &mut layers,
                        &self.siblings,
                        &mut zone_key,
                        &mut zones_budget,
                    ) {
                        break;
                    }
                }
                set_positions(&layers, &mut pos);
            }
            let c = self.counter.crossings(&layers, adj);
            if c < best_cross {
                best_cross = c;
                best.clone_from(&layers);
            }
            let last = &mut previous[sweep % 2];
            if last.0 == layers && last.1 == zone_key {
                break;
            }
            last.0.clone_from(&layers);
            last.1.clone_from(&zone_key);
        }
        (best_cross, best)
    }

    /// One pass over the layers, `down` or up, sorting each by the barycenters of its
    /// items' neighbours in the layer before; `pos` follows.
    fn sweep(
        &mut self,
        layers: &mut Layers,
        down: bool,
        key: &mut [f64],
        zone_key: &[f64],
        pos: &mut [f64],
    ) {
        let adj = self.adj;
        for step in 0..layers.len() {
            let l = if down { step } else { layers.len() - 1 - step };
            for &i in &layers[l] {
                let nb = if down { &adj.up[i] } else { &adj.down[i] };
                key[i] = if nb.is_empty() {
                    pos[i]
                } else {
                    nb.iter().map(|&j| pos[j]).sum::<f64>() / nb.len() as f64
                };
            }
            self.arranger.arrange(&mut layers[l], key, zone_key);
            for (k, &i) in layers[l].iter().enumerate() {
                pos[i] = (k as f64 + 0.5) / layers[l].len() as f64;
            }
        }
    }

    /// Sets the key of each zone free to move to the mean position of its items over all
    /// layers.
    fn update_zone_keys(&mut self, pos: &[f64], zone_key: &mut [f64]) {
        let g = self.g;
        let (sum, cnt) = (&mut self.zone_sums, &mut self.zone_counts);
        sum.clear();
        sum.resize(g.zones.len(), 0.0);
        cnt.clear();
        cnt.resize(g.zones.len(), 0);
        for (i, &p) in pos.iter().enumerate() {
            for &z in &self.chains[i] {
                sum[z] += p;
                cnt[z] += 1;
            }
        }
        for z in 0..g.zones.len() {
            if cnt[z] > 0 && !g.zones.fixed[z] {
                zone_key[z] = sum[z] / cnt[z] as f64;
            }
        }
    }
}

/// Pair comparisons transposition may spend over a whole ordering.
const TRANSPOSE_WORK: usize = 4_000_000;

/// Items moved and edge ends counted that trial swaps of sibling zones may spend over a
/// whole ordering.
const ZONE_SWAP_WORK: usize = 4_000_000;

/// Passes of zone swaps after each sweep. A swap can open the way for another, but past
/// three passes they seldom find one and cost a tenth more time on large models.
const ZONE_SWAP_PASSES: usize = 3;

/// Sets of two or more sibling zones: the top-level zones, then each zone's children.
fn sibling_sets(g: &Layered) -> Vec<Vec<usize>> {
    let top: Vec<usize> = (0..g.zones.len())
        .filter(|&z| g.zones.parent[z].is_none())
        .collect();
    std::iter::once(top)
        .chain(g.zones.children.iter().cloned())
        .filter(|set| set.len() > 1)
        .collect()
}

/// The sets of sibling zones ([`sibling_sets`]) free to trade places (none of them
/// [`fixed`](crate::graph::Zones::fixed)).
fn sibling_groups(g: &Layered, sets: &[Vec<usize>]) -> Vec<Vec<usize>> {
    sets.iter()
        .filter(|set| !set.iter().any(|&z| g.zones.fixed[z]))
        .cloned()
        .collect()
}

/// Whether sorting `zones` by `after` gives another order than sorting them by `before`
/// (ties broken by index, as [`Arranger`] breaks them). `buf` is scratch.
fn reorders(zones: &[usize], before: &[f64], after: &[f64], buf: &mut Vec<usize>) -> bool {
    let by = |key: &[f64], a: usize, b: usize| key[a].total_cmp(&key[b]).then(a.cmp(&b));
    buf.clear();
    buf.extend_from_slice(zones);
    buf.sort_unstable_by(|&a, &b| by(before, a, b));
    !buf.is_sorted_by(|&a, &b| by(after, a, b).is_le())
}

/// Transposition of whole zones: two sibling zones next to each other in the zone order
/// trade places in every layer they share when that lowers the crossings (transposition
/// as in Gansner et al. 1993, applied to the blocks of Forster's compound ordering). The
/// barycenter sweeps order sibling zones by their mean position alone, which leaves many
/// crossings between zones' links that a swap removes.
///
/// In a layer the two blocks may have items of their parent between them; those stay in the
/// middle. Only the order of the two blocks and the middle changes, so the gain is counted
/// from their own edges alone (with the accumulated-sorting idea of Barth, Jünger and
/// Mutzel: two sorted lists of neighbour positions are merged).
struct ZoneSwaps<'a> {
    g: &'a Layered,
    adj: &'a Adjacency,
    chains: &'a [Vec<usize>],
    /// Position of each item in its layer.
    idx: Vec<usize>,
    /// Where each zone's blocks start in `blocks`: zone `z`'s block in layer `l` is
    /// `blocks[first[z] + l - g.lo[z]]` (empty where it has no items).
    first: Vec<usize>,
    blocks: Vec<Range<usize>>,
    /// Swaps made so far; `changed[l]`: the swap count when layer `l` last changed;
    /// `kept[a]`: `(b, t)` when zone `a` was last found better before `b` after `t` swaps
    /// (not tried again until a layer it depends on changes).
    swaps: usize,
    changed: Vec<usize>,
    kept: Vec<Option<(usize, usize)>>,
    /// Neighbour positions of the edges of one side of a block (buffers).
    left: Vec<usize>,
    right: Vec<usize>,
    /// The layer, start and span in `undone` of each exchange a trial made, and the old
    /// order of the items exchanged, one exchange after another (buffers).
    undo: Vec<(usize, usize, Range<usize>)>,
    undone: Vec<usize>,
    /// A group of siblings in key order (a buffer).
    group: Vec<usize>,
}

impl<'a> ZoneSwaps<'a> {
    /// Swaps over `g`, whose items lie in the zones `chains` lists; [`reset`](Self::reset)
    /// before use.
    fn new(g: &'a Layered, adj: &'a Adjacency, chains: &'a [Vec<usize>]) -> ZoneSwaps<'a> {
        let mut first = Vec::with_capacity(g.zones.len());
        let mut total = 0;
        for z in 0..g.zones.len() {
            first.push(total);
            total += (g.hi[z] + 1).saturating_sub(g.lo[z]);
        }
        ZoneSwaps {
            g,
            adj,
            chains,
            idx: vec![0; g.items.len()],
            first,
            blocks: vec![0..0; total],
            swaps: 0,
            changed: vec![0; g.n_layers],
            kept: vec![None; g.zones.len()],
            left: Vec::new(),
            right: Vec::new(),
            undo: Vec::new(),
            undone: Vec::new(),
            group: Vec::new(),
        }
    }

    /// Starts afresh from `layers`: no swaps made, and none found not worth making.
    fn reset(&mut self, layers: &Layers) {
        fill_indices(layers, &mut self.idx);
        self.blocks.fill(0..0);
        self.swaps = 0;
        self.changed.fill(0);
        self.kept.fill(None);
        for (l, layer) in layers.iter().enumerate() {
            self.record_blocks(l, layer, 0, 0);
        }
    }

    /// Records the blocks, in layer `l`, of the zones at `depth` or deeper that hold the
    /// `items` starting at position `start` (all of those zones' items in the layer).
    fn find_blocks(&mut self, l: usize, items: &[usize], start: usize, depth: usize) {
        for &i in items {
            for &z in &self.chains[i][depth.min(self.chains[i].len())..] {
                self.blocks[self.first[z] + l - self.g.lo[z]] = 0..0;
            }
        }
        self.record_blocks(l, items, start, depth);
    }

    /// [`find_blocks`](Self::find_blocks) where those zones' blocks are empty so far.
    fn record_blocks(&mut self, l: usize, items: &[usize], start: usize, depth: usize) {
        for (k, &i) in items.iter().enumerate() {
            for &z in &self.chains[i][depth.min(self.chains[i].len())..] {
                let b = &mut self.blocks[self.first[z] + l - self.g.lo[z]];
                if b.start == b.end {
                    b.start = start + k;
                }
                b.end = start + k + 1;
            }
        }
    }

    /// One pass over every group of siblings in `zone_key` order, swapping neighbours (and
    /// their keys) where that gains; whether any swapped.
    fn run(
        &mut self,
        layers: &mut Layers,
        siblings: &[Vec<usize>],
        zone_key: &mut [f64],
        budget: &mut usize,
    ) -> bool {
        let mut swapped = false;
        let mut group = take(&mut self.group);
        'groups: for members in siblings {
            group.clone_from(members);
            group.sort_by(|&a, &b| zone_key[a].total_cmp(&zone_key[b]).then(a.cmp(&b)));
            for k in 1..group.len() {
                if *budget == 0 {
                    break 'groups;
                }
                let (a, b) = (group[k - 1], group[k]);
                if self.try_swap(layers, a, b, budget) {
                    group.swap(k - 1, k);
                    zone_key.swap(a, b);
                    swapped = true;
                }
            }
        }
        self.group = group;
        swapped
    }

    /// Exchanges the blocks of zones `a` and `b` in every layer they share, layer by layer,
    /// and keeps the exchange when it removes crossings in total; whether it did.
    fn try_swap(&mut self, layers: &mut Layers, a: usize, b: usize, budget: &mut usize) -> bool {
        let g = self.g;
        let shared = g.lo[a].max(g.lo[b])..=g.hi[a].min(g.hi[b]);
        if shared.is_empty() {
            return false;
        }
        // The gain depends on the shared layers and their neighbours alone.
        let around =
            shared.start().saturating_sub(1)..=(*shared.end() + 1).min(self.changed.len() - 1);
        let last_change = self.changed[around].iter().copied().max().unwrap_or(0);
        if self.kept[a].is_some_and(|(w, t)| w == b && last_change <= t) {
            return false;
        }
        let mut gain = 0i64;
        let (mut undo, mut undone) = (take(&mut self.undo), take(&mut self.undone));
        undo.clear();
        undone.clear();
        let depth = g.zones.depth[a];
        for l in shared {
            let (ra, rb) = (self.block(l, a), self.block(l, b));
            if ra.is_empty() || rb.is_empty() {
                continue;
            }
            let (first, second) = if ra.start < rb.start {
                (ra, rb)
            } else {
                (rb, ra)
            };
            let from = undone.len();
            undone.extend_from_slice(&layers[l][first.start..second.end]);
            let old = &undone[from..];
            *budget = budget.saturating_sub(old.len());
            let (head, rest) = old.split_at(first.len());
            let (mid, tail) = rest.split_at(second.start - first.end);
            // Another sibling between the two would change places with them in this layer
            // only, and so lose its order relative to them in the others.
            if mid.iter().any(|&i| self.chains[i].len() > depth) {
                gain = 0;
                break;
            }
            // The first block passes the middle and the second block; the middle passes the
            // second block.
            gain += self.reversal(head, rest, budget) + self.reversal(mid, tail, budget);
            let new = tail.iter().chain(mid).chain(head);
            for (slot, &i) in layers[l][first.start..second.end].iter_mut().zip(new) {
                *slot = i;
            }
            self.index(&layers[l][first.start..second.end], first.start);
            undo.push((l, first.start, from..undone.len()));
        }
        let kept = gain < 0;
        if kept {
            self.swaps += 1;
            self.kept[a] = None;
            for (l, start, old) in &undo {
                self.changed[*l] = self.swaps;
                let span = *start..start + old.len();
                self.find_blocks(*l, &layers[*l][span], *start, depth);
            }
        } else {
            for (l, start, old) in undo.iter().rev() {
                let old = &undone[old.clone()];
                layers[*l][*start..start + old.len()].copy_from_slice(old);
                self.index(old, *start);
            }
            self.kept[a] = Some((b, self.swaps));
        }
        (self.undo, self.undone) = (undo, undone);
        kept
    }

    /// The positions of zone `z`'s block in layer `l` (empty where it has no items).
    fn block(&self, l: usize, z: usize) -> Range<usize> {
        self.blocks[self.first[z] + l - self.g.lo[z]].clone()
    }

    /// Crossings gained (negative) or lost when `left`, now left of `right` in one layer,
    /// moves right of it, counted with the layers on both sides.
    fn reversal(&mut self, left: &[usize], right: &[usize], budget: &mut usize) -> i64 {
        let mut change = 0i64;
        for side in [&self.adj.up, &self.adj.down] {
            let idx = &self.idx;
            // Per item (a slice of known length each), not one flat_map: its extend cannot
            // reserve ahead and costs several times as much per neighbour.
            let positions = |items: &[usize], out: &mut Vec<usize>| {
                out.clear();
                for &i in items {
                    out.extend(side[i].iter().map(|&j| idx[j]));
                }
            };
            positions(left, &mut self.left);
            positions(right, &mut self.right);
            *budget = budget.saturating_sub(self.left.len() + self.right.len());
            self.left.sort_unstable();
            self.right.sort_unstable();
            let (now, swapped) = (
                pairs_above(&self.left, &self.right),
                pairs_above(&self.right, &self.left),
            );
            change += swapped as i64 - now as i64;
        }
        change
    }

    /// Records the positions of `items`, which start at `start` in their layer.
    fn index(&mut self, items: &[usize], start: usize) {
        for (k, &i) in items.iter().enumerate() {
            self.idx[i] = start + k;
        }
    }
}

/// Pairs `(x, y)` of `xs` and `ys` (both sorted) with `x > y`.
fn pairs_above(xs: &[usize], ys: &[usize]) -> usize {
    let mut below = 0;
    xs.iter()
        .map(|&x| {
            while below < ys.len() && ys[below] < x {
                below += 1;
            }
            below
        })
        .sum()
}

/// Transposition ([`Transposer::run`]), with what it reads for every pair side by side and
/// its buffers.
struct Transposer<'a> {
    adj: &'a Adjacency,
    /// The zone owning each item.
    owner: Vec<Option<usize>>,
    /// The edges entering and leaving each item.
    degree: Vec<(usize, usize)>,
    /// Position of each item in its layer.
    idx: Vec<usize>,
    /// Swaps so far; `changed[l]`: the swap count when layer `l` last changed; `kept[u]`:
    /// `(v, t)` when `u` was last found better left of `v` after `t` swaps.
    swaps: usize,
    changed: Vec<usize>,
    kept: Vec<Option<(usize, usize)>>,
}

impl<'a> Transposer<'a> {
    /// Transposition over `g`'s items, linked as `adj` says.
    fn new(g: &Layered, adj: &'a Adjacency) -> Self {
        let n = g.items.len();
        Transposer {
            adj,
            owner: g.items.iter().map(|it| it.owner).collect(),
            degree: (0..n)
                .map(|i| (adj.up[i].len(), adj.down[i].len()))
                .collect(),
            idx: vec![0; n],
            swaps: 0,
            changed: vec![0; g.n_layers],
            kept: vec![None; n],
        }
    }

    /// Comparisons a recount of the pair (u, v) costs, both ways round and on both sides.
    fn work(&self, u: usize, v: usize) -> usize {
        let ((up_u, down_u), (up_v, down_v)) = (self.degree[u], self.degree[v]);
        2 * (up_u * up_v + 1) + 2 * (down_u * down_v + 1)
    }

    /// Swaps neighbours that belong to the same zone while a swap lowers the crossings with
    /// the layers on both sides, until no swap helps or `budget` comparisons are spent.
    ///
    /// A pair's crossings depend only on the orders of the two adjacent layers, so a pair
    /// found not worth swapping is not counted again until one of those layers changes (it
    /// is still charged to the budget, so the budget runs out exactly where a full recount
    /// would).
    fn run(&mut self, layers: &mut Layers, budget: &mut usize) {
        let adj = self.adj;
        fill_indices(layers, &mut self.idx);
        self.swaps = 0;
        self.changed.fill(0);
        self.kept.fill(None);
        let mut improved = true;
        while improved && *budget > 0 {
            improved = false;
            for l in 0..layers.len() {
                let around = l
                    .checked_sub(1)
                    .map_or(0, |p| self.changed[p])
                    .max(self.changed.get(l + 1).copied().unwrap_or(0));
                for k in 1..layers[l].len() {
                    let (u, v) = (layers[l][k - 1], layers[l][k]);
                    if self.owner[u] != self.owner[v] || *budget == 0 {
                        continue;
                    }
                    *budget = budget.saturating_sub(self.work(u, v));
                    // A turn's crossings depend on its own layer too: those pairs are
                    // recounted.
                    let turning = !adj.same[u].is_empty() || !adj.same[v].is_empty();
                    if !turning && self.kept[u].is_some_and(|(w, t)| w == v && around <= t) {
                        continue;
                    }
                    if self.gains(u, v) {
                        layers[l].swap(k - 1, k);
                        self.idx[u] = k;
                        self.idx[v] = k - 1;
                        self.swaps += 1;
                        self.changed[l] = self.swaps;
                        self.kept[u] = None;
                        improved = true;
                    } else {
                        self.kept[u] = Some((v, self.swaps));
                    }
                }
            }
        }
    }

    /// Whether swapping `u` with `v`, its right-hand neighbour, removes crossings.
    fn gains(&self, u: usize, v: usize) -> bool {
        let (adj, idx) = (self.adj, &self.idx);
        let (up_now, up_swapped) = pair_crossings(&adj.up[u], &adj.up[v], idx);
        let (down_now, down_swapped) = pair_crossings(&adj.down[u], &adj.down[v], idx);
        let (turn_now, turn_swapped) = pair_turns(u, v, adj, idx);
        up_swapped + down_swapped + turn_swapped < up_now + down_now + turn_now
    }
}

/// Crossings of the turns of `u` and `v` (next to each other in a layer, `u` first) with
/// the edges leaving the other one: with `u` first, and the other way round. Turns are taken
/// to run after the layer here (a cheap local estimate); [`Counter::crossings`] counts each
/// on the side it is drawn on.
fn pair_turns(u: usize, v: usize, adj: &Adjacency, idx: &[usize]) -> (usize, usize) {
    let (mut now, mut swapped) = (0, 0);
    // A turn of `u` that reaches past `v` spans `v` now; one that reaches back before `u`
    // spans `v` once swapped. Likewise the other way round for `v`'s turns.
    for &w in &adj.same[u] {
        if idx[w] > idx[v] {
            now += adj.down[v].len();
        } else if idx[w] < idx[u] {
            swapped += adj.down[v].len();
        }
    }
    for &w in &adj.same[v] {
        if idx[w] < idx[u] {
            now += adj.down[u].len();
        } else if idx[w] > idx[v] {
            swapped += adj.down[u].len();
        }
    }
    (now, swapped)
}

/// Edges leaving (`down`) and entering (`up`) the items of one layer, summed over its first
/// `k` items: a turn between two items crosses the edges on its side of the items it spans.
#[derive(Default)]
struct Spanned {
    down: Vec<usize>,
    up: Vec<usize>,
}

impl Spanned {
    /// Sums the edges of `layer`, in place of those of the layer before.
    fn fill(&mut self, layer: &[usize], adj: &Adjacency) {
        let prefix = |sums: &mut Vec<usize>, edges: &[Vec<usize>]| {
            sums.clear();
            sums.push(0);
            for &i in layer {
                sums.push(sums[sums.len() - 1] + edges[i].len());
            }
        };
        prefix(&mut self.down, &adj.down);
        prefix(&mut self.up, &adj.up);
    }

    /// Crossings of the `turns` of the layer with the edges of the items they span, each
    /// along the channel (before or after the layer) its [`Lead`] picks.
    fn total(&self, turns: &[Turn], idx: &[usize]) -> usize {
        turns.iter().map(|t| self.crossings(t, idx).0).sum()
    }

    /// Crossings of turn `t` along the channel its [`Lead`] picks, and whether that is the
    /// channel before the layer.
    fn crossings(&self, t: &Turn, idx: &[usize]) -> (usize, bool) {
        let (lo, hi) = (idx[t.a].min(idx[t.b]), idx[t.a].max(idx[t.b]));
        let after = self.down[hi] - self.down[lo + 1];
        let before = self.up[hi] - self.up[lo + 1];
        let leads = match t.lead {
            Lead::Never => false,
            Lead::IfFewer => before < after,
            Lead::UnlessMore => before <= after,
        };
        if leads {
            (before, true)
        } else {
            (after, false)
        }
    }
}

/// The turns (links between two items of one layer, as item pairs, lower index first) that
/// run along the channel before their layer, as their [`Lead`] decides.
pub(crate) fn turn_sides(layers: &Layers, adj: &Adjacency, n: usize) -> Vec<(usize, usize)> {
    let idx = indices(layers, n);
    let mut before = Vec::new();
    let mut spanned = Spanned::default();
    for (layer, turns) in layers.iter().zip(&adj.turns) {
        if turns.is_empty() {
            continue;
        }
        spanned.fill(layer, adj);
        for t in turns {
            if spanned.crossings(t, idx.as_slice()).1 {
                before.push((t.a.min(t.b), t.a.max(t.b)));
            }
        }
    }
    before.sort_unstable();
    before.dedup();
    before
}

/// Crossings between the edges to `a` and to `b` (neighbours on one side of two items of one
/// layer): with the first item left of the second, and the other way round.
fn pair_crossings(a: &[usize], b: &[usize], idx: &[usize]) -> (usize, usize) {
    let (mut now, mut swapped) = (0, 0);
    for &x in a {
        for &y in b {
            now += usize::from(idx[x] > idx[y]);
            swapped += usize::from(idx[x] < idx[y]);
        }
    }
    (now, swapped)
}

/// The index of each of `n` items within its layer.
fn indices(layers: &Layers, n: usize) -> Vec<usize> {
    let mut idx = vec![0usize; n];
    fill_indices(layers, &mut idx);
    idx
}

/// Sets `idx[i]` to the index of item `i` within its layer.
fn fill_indices(layers: &[Vec<usize>], idx: &mut [usize]) {
    for layer in layers {
        for (k, &i) in layer.iter().enumerate() {
            idx[i] = k;
        }
    }
}

fn set_positions(layers: &Layers, pos: &mut [f64]) {
    for layer in layers {
        for (k, &i) in layer.iter().enumerate() {
            pos[i] = (k as f64 + 0.5) / layer.len() as f64;
        }
    }
}

/// Sorts layers hierarchically, reusing its buffers from one layer to the next.
struct Arranger<'a> {
    /// Zones of each item, outermost first.
    chains: &'a [Vec<usize>],
    /// While a block is split: the index of each child zone's run (`usize::MAX` otherwise).
    slot: Vec<usize>,
    /// A copy of the block being split.
    copy: Vec<usize>,
    /// A copy of the layer being arranged, reordered in place block by block.
    block: Vec<usize>,
    /// The runs of every block being split, innermost last: each split pushes its runs and
    /// takes them off once its block is done.
    runs: Vec<Run>,
}

/// The items of one child zone within a split block: `block[start..end]`.
#[derive(Clone, Copy)]
struct Run {
    zone: usize,
    start: usize,
    end: usize,
    bary: f64,
}

impl<'a> Arranger<'a> {
    fn new(chains: &'a [Vec<usize>], n_zones: usize) -> Arranger<'a> {
        Arranger {
            chains,
            slot: vec![usize::MAX; n_zones],
            copy: Vec::new(),
            block: Vec::new(),
            runs: Vec::new(),
        }
    }

    /// Sorts one layer hierarchically: the block of each zone stays contiguous, child zones
    /// follow `zone_key`, items follow `key`, and the two are merged by barycenter.
    fn arrange(&mut self, layer: &mut Vec<usize>, key: &[f64], zone_key: &[f64]) {
        let mut block = take(&mut self.block);
        block.clone_from(layer);
        layer.clear();
        self.arrange_block(&mut block, 0, key, zone_key, layer);
        self.block = block;
    }

    /// Appends the block of the zone at `depth` (its items and child zones' items) in order.
    fn arrange_block(
        &mut self,
        block: &mut [usize],
        depth: usize,
        key: &[f64],
        zone_key: &[f64],
        out: &mut Vec<usize>,
    ) {
        // One item is in order, whatever zones hold it.
        if let &mut [i] = block {
            out.push(i);
            return;
        }
        let base = self.runs.len();
        let n_direct = self.split(block, depth, key, zone_key);
        let end = self.runs.len();
        let (direct, rest) = block.split_at_mut(n_direct);
        // Merge the two sorted sequences by barycenter.
        let mut di = 0;
        for r in base..end {
            let run = self.runs[r];
            while di < direct.len() && key[direct[di]] < run.bary {
                out.push(direct[di]);
                di += 1;
            }
            let zone_block = &mut rest[run.start - n_direct..run.end - n_direct];
            self.arrange_block(zone_block, depth + 1, key, zone_key, out);
        }
        out.extend_from_slice(&direct[di..]);
        self.runs.truncate(base);
    }

    /// Reorders `block` into its own items (those in no zone deeper than `depth`), sorted by
    /// `key`, then one run per child zone, runs sorted by `zone_key`, each run's items in
    /// their order in `block` (which fixes the order the barycenter sums them in). Pushes
    /// the runs onto `self.runs` and returns the number of own items.
    fn split(&mut self, block: &mut [usize], depth: usize, key: &[f64], zone_key: &[f64]) -> usize {
        let chains = self.chains;
        let base = self.runs.len();
        let mut n_direct = 0;
        // Count each run's items in `end` for now.
        for &i in block.iter() {
            let Some(&z) = chains[i].get(depth) else {
                n_direct += 1;
                continue;
            };
            if self.slot[z] == usize::MAX {
                self.slot[z] = self.runs.len();
                self.runs.push(Run {
                    zone: z,
                    start: 0,
                    end: 0,
                    bary: 0.0,
                });
            }
            self.runs[self.slot[z]].end += 1;
        }
        let runs = &mut self.runs[base..];
        if let [run] = runs
            && n_direct == 0
        {
            // The block is one child zone's, already in order (no barycenter is needed).
            self.slot[run.zone] = usize::MAX;
            run.start = 0;
            return 0;
        }
        // Zones are distinct, so the order is total and an unstable sort gives the same.
        runs.sort_unstable_by(|a, b| {
            zone_key[a.zone]
                .total_cmp(&zone_key[b.zone])
                .then(a.zone.cmp(&b.zone))
        });
        // Lay the runs out after the own items; `end` becomes each run's fill cursor.
        let mut at = n_direct;
        for (k, run) in runs.iter_mut().enumerate() {
            self.slot[run.zone] = k;
            let len = run.end;
            run.start = at;
            run.end = at;
            at += len;
        }
        self.copy.clear();
        self.copy.extend_from_slice(block);
        let mut d = 0;
        for &i in &self.copy {
            match chains[i].get(depth) {
                None => {
                    block[d] = i;
                    d += 1;
                }
                Some(&z) => {
                    let run = &mut runs[self.slot[z]];
                    block[run.end] = i;
                    run.end += 1;
                }
            }
        }
        for run in runs.iter_mut() {
            self.slot[run.zone] = usize::MAX;
            let items = &block[run.start..run.end];
            run.bary = items.iter().map(|&i| key[i]).sum::<f64>() / items.len() as f64;
        }
        block[..n_direct].sort_unstable_by(|&a, &b| key[a].total_cmp(&key[b]).then(a.cmp(&b)));
        n_direct
    }
}

/// Counts crossings, reusing its buffers from one count to the next.
#[derive(Default)]
struct Counter {
    /// Position of each item in its layer.
    idx: Vec<usize>,
    /// Positions of the targets of the edges between two layers, by source then target.
    targets: Vec<usize>,
    /// The Fenwick tree of targets seen.
    tree: Vec<usize>,
    spanned: Spanned,
}

impl Counter {
    /// Crossings between adjacent layers, counted per layer pair in O(E log V), and of the
    /// turns within layers.
    fn crossings(&mut self, layers: &Layers, adj: &Adjacency) -> usize {
        self.idx.resize(adj.up.len(), 0);
        fill_indices(layers, &mut self.idx);
        let turns: usize = (0..layers.len()).map(|l| self.turns(layers, adj, l)).sum();
        let between: usize = (1..layers.len())
            .map(|l| self.between(layers, adj, l))
            .sum();
        turns + between
    }

    /// The crossings that the order of layer `l` alone decides: those of its turns and of
    /// the edges to the layers before and after it. After a change to that order, the
    /// difference in this count is the difference in [`crossings`](Counter::crossings).
    fn around(&mut self, layers: &Layers, adj: &Adjacency, l: usize) -> usize {
        let next = layers.len().min(l + 2);
        self.idx.resize(adj.up.len(), 0);
        fill_indices(&layers[l..next], &mut self.idx);
        let between: usize = (l.max(1)..next).map(|k| self.between(layers, adj, k)).sum();
        self.turns(layers, adj, l) + between
    }

    /// Moves the item at `from` in layer `l` to `to` (its index once moved), and keeps it
    /// there when `keep(here, there)` holds for the crossings [`around`](Counter::around)
    /// the layer before and after; returns those when it does, and moves it back otherwise.
    fn move_if(
        &mut self,
        layers: &mut Layers,
        adj: &Adjacency,
        l: usize,
        (from, to): (usize, usize),
        keep: impl Fn(usize, usize) -> bool,
    ) -> Option<(usize, usize)> {
        let here = self.around(layers, adj, l);
        let moved = layers[l].remove(from);
        layers[l].insert(to, moved);
        let there = self.around(layers, adj, l);
        if keep(here, there) {
            return Some((here, there));
        }
        let moved = layers[l].remove(to);
        layers[l].insert(from, moved);
        None
    }

    /// Crossings of the turns in layer `l` (`idx` filled for that layer).
    fn turns(&mut self, layers: &Layers, adj: &Adjacency, l: usize) -> usize {
        if adj.turns[l].is_empty() {
            return 0;
        }
        self.spanned.fill(&layers[l], adj);
        self.spanned.total(&adj.turns[l], &self.idx)
    }

    /// Crossings of the edges between layers `l - 1` and `l` (`idx` filled for layer `l`),
    /// in O(E log V).
    fn between(&mut self, layers: &Layers, adj: &Adjacency, l: usize) -> usize {
        let idx = &self.idx;
        // Sources come in layer order: sorting each one's targets sorts all the edges.
        self.targets.clear();
        for &a in &layers[l - 1] {
            let from = self.targets.len();
            self.targets.extend(adj.down[a].iter().map(|&b| idx[b]));
            self.targets[from..].sort_unstable();
        }
        // Two edges cross where the later one's target comes first.
        inversions(&self.targets, layers[l].len(), &mut self.tree)
    }
}

/// Pairs of `xs` (each below `bound`) whose later value is smaller, in O(n log bound) with a
/// Fenwick tree (`tree` is scratch).
fn inversions(xs: &[usize], bound: usize, tree: &mut Vec<usize>) -> usize {
    tree.clear();
    tree.resize(bound + 1, 0);
    let mut total = 0;
    for (seen, &x) in xs.iter().enumerate() {
        // Count earlier values greater than x.
        let mut k = x + 1;
        let mut le = 0;
        while k > 0 {
            le += tree[k];
            k -= k & k.wrapping_neg();
        }
        total += seen - le;
        let mut k = x + 1;
        while k <= bound {
            tree[k] += 1;
            k += k & k.wrapping_neg();
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Four items in one layer (0..4), each with one edge down to item 4, and a turn between
    /// items 0 and 3 that runs after the layer.
    fn fan_with_turn() -> Adjacency {
        let mut down = vec![vec![4]; 4];
        down.push(Vec::new());
        Adjacency {
            up: vec![Vec::new(); 5],
            down,
            same: vec![vec![3], Vec::new(), Vec::new(), vec![0], Vec::new()],
            turns: vec![
                vec![Turn {
                    a: 0,
                    b: 3,
                    lead: Lead::Never,
                }],
                Vec::new(),
            ],
        }
    }

    /// Crossings of the turns in `layer` with the edges of the items they span.
    fn turn_crossings(layer: &[usize], turns: &[Turn], adj: &Adjacency, idx: &[usize]) -> usize {
        let mut spanned = Spanned::default();
        spanned.fill(layer, adj);
        spanned.total(turns, idx)
    }

    #[test]
    fn inversions_counts_pairs_out_of_order() {
        let mut tree = Vec::new();
        // (3,0) (3,1) (3,2) (4,1) (4,2)
        assert_eq!(inversions(&[3, 0, 4, 1, 2], 5, &mut tree), 5);
        assert_eq!(inversions(&[4, 3, 2, 1, 0], 5, &mut tree), 10);
        assert_eq!(inversions(&[0, 1, 2], 3, &mut tree), 0);
        // Equal values are not out of order.
        assert_eq!(inversions(&[2, 2, 1], 3, &mut tree), 2);
        assert_eq!(inversions(&[], 0, &mut tree), 0);
    }

    #[test]
    fn pairs_above_counts_inversions() {
        assert_eq!(pairs_above(&[1, 3, 5], &[0, 2, 4]), 1 + 2 + 3);
        assert_eq!(pairs_above(&[0, 0], &[0]), 0);
    }

    #[test]
    fn a_turn_crosses_the_edges_leaving_the_items_it_spans() {
        let adj = fan_with_turn();
        let idx = [0, 1, 2, 3, 0];
        assert_eq!(turn_crossings(&[0, 1, 2, 3], &adj.turns[0], &adj, &idx), 2);
        // Swapping the turn's end 0 with item 1 takes item 1 out of its span.
        assert_eq!(pair_turns(0, 1, &adj, &idx), (1, 0));
        // Swapping item 2 with the other end 3 likewise.
        assert_eq!(pair_turns(2, 3, &adj, &idx), (1, 0));
        // Swapping two items inside the span changes nothing.
        assert_eq!(pair_turns(1, 2, &adj, &idx), (0, 0));
    }

    #[test]
    fn an_item_passes_a_zone_to_the_side_where_it_crosses_nothing() {
        // One layer: zone 0's items 1 and 2, item 0 of no zone, zone 1's item 3; items 0 and
        // 3 link on to items 4 and 5 in the next layer, and a link turns back from item 2 to
        // item 3 after the layer, around item 0.
        let lists = |l: [&[usize]; 6]| l.map(<[usize]>::to_vec).to_vec();
        let adj = Adjacency {
            up: lists([&[], &[], &[], &[], &[0], &[3]]),
            down: lists([&[4], &[], &[], &[5], &[], &[]]),
            same: lists([&[], &[], &[3], &[2], &[], &[]]),
            turns: vec![
                vec![Turn {
                    a: 2,
                    b: 3,
                    lead: Lead::Never,
                }],
                Vec::new(),
            ],
        };
        let chains = lists([&[], &[0], &[0], &[1], &[], &[]]);
        let mut layers = vec![vec![1, 2, 0, 3], vec![4, 5]];
        let mut counter = Counter::default();
        assert_eq!(counter.crossings(&layers, &adj), 1);
        let spans = Spans {
            lo: &[0, 0],
            hi: &[0, 0],
        };
        let left = pass_blocks(&adj, &chains, spans, &mut layers, 1, &mut counter);
        // Item 0 goes before zone 0's whole block (after zone 1's, its edge would cross item
        // 3's); the zones' items keep their order.
        assert_eq!((left, layers[0].as_slice()), (0, [0, 1, 2, 3].as_slice()));
        // Items of one zone pass only blocks of that zone's child zones.
        assert_eq!(
            past_block(&[1, 2, 0, 3], &chains, 2, Side::Before),
            Some((0, 0))
        );
        assert_eq!(
            past_block(&[1, 2, 0, 3], &chains, 2, Side::After),
            Some((3, 1))
        );
        assert_eq!(past_block(&[1, 2, 0, 3], &chains, 1, Side::After), None);
        assert_eq!(past_block(&[1, 2, 0, 3], &chains, 3, Side::Before), None);
    }

    #[test]
    fn an_item_passes_a_zone_its_link_would_run_across() {
        // Zone 0 spans two layers (items 1 and 2). Item 0, before the zone's block, links to
        // item 3, after it in the next layer: the link would cross the zone's box in the
        // channel, though it crosses no other link either way. Item 0 passes the block.
        let lists = |l: [&[usize]; 4]| l.map(<[usize]>::to_vec).to_vec();
        let adj = Adjacency {
            up: lists([&[], &[], &[], &[0]]),
            down: lists([&[3], &[], &[], &[]]),
            same: lists([&[], &[], &[], &[]]),
            turns: vec![Vec::new(), Vec::new()],
        };
        let chains = lists([&[], &[0], &[0], &[]]);
        let mut layers = vec![vec![0, 1], vec![2, 3]];
        let mut counter = Counter::default();
        let spans = Spans { lo: &[0], hi: &[1] };
        assert_eq!(trespasses(&adj, &chains, spans, &layers, 0, 0, 0), (1, 1));
        let left = pass_blocks(&adj, &chains, spans, &mut layers, 0, &mut counter);
        assert_eq!((left, layers[0].as_slice()), (0, [1, 0].as_slice()));
        assert_eq!(trespasses(&adj, &chains, spans, &layers, 0, 1, 0), (0, 1));
        // Where the zone ends with the first layer, the channel lies outside its box.
        let mut layers = vec![vec![0, 1], vec![3]];
        let spans = Spans { lo: &[0], hi: &[0] };
        pass_blocks(&adj, &chains, spans, &mut layers, 0, &mut counter);
        assert_eq!(layers[0], [0, 1]);
    }

    #[test]
    fn a_turn_runs_along_the_channel_where_it_crosses_fewer_edges() {
        // Item 5, in a layer before, links to item 1 only: before the layer, the turn
        // between items 0 and 3 crosses one edge instead of two.
        let mut adj = fan_with_turn();
        adj.turns[0][0].lead = Lead::IfFewer;
        adj.up[1].push(5);
        adj.down.push(vec![1]);
        adj.up.push(Vec::new());
        adj.same.push(Vec::new());
        adj.turns.insert(0, Vec::new());
        let layers = vec![vec![5], vec![0, 1, 2, 3], vec![4]];
        let idx = indices(&layers, 6);
        assert_eq!(turn_crossings(&layers[1], &adj.turns[1], &adj, &idx), 1);
        assert_eq!(turn_sides(&layers, &adj, 6), vec![(0, 3)]);
        // A second edge before the layer makes the two sides tie: the turn stays after.
        adj.up[2].push(5);
        adj.down[5].push(2);
        assert_eq!(turn_crossings(&layers[1], &adj.turns[1], &adj, &idx), 2);
        assert!(turn_sides(&layers, &adj, 6).is_empty());
        // One whose channel after leaves its zone leads on a tie.
        adj.turns[1][0].lead = Lead::UnlessMore;
        assert_eq!(turn_crossings(&layers[1], &adj.turns[1], &adj, &idx), 2);
        assert_eq!(turn_sides(&layers, &adj, 6), vec![(0, 3)]);
        // A turn that must not lead stays after, and is counted there.
        adj.up[2].clear();
        adj.down[5].pop();
        adj.turns[1][0].lead = Lead::Never;
        assert_eq!(turn_crossings(&layers[1], &adj.turns[1], &adj, &idx), 2);
        assert!(turn_sides(&layers, &adj, 6).is_empty());
    }
}
