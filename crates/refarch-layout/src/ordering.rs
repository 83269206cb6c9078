//! Crossing reduction: layer sweeps with the barycenter heuristic, sorted hierarchically so
//! that every zone stays one contiguous block in every layer (Forster 2002).
//!
//! Within a zone's block the entries are its own items and its child zones. Child zones are
//! ordered by one key for the whole sweep (so two sibling zones keep the same relative order
//! in every layer they share, which keeps both of them rectangles); items are merged in
//! between by their barycenters. Each sweep is followed by transposition (Gansner et al.
//! 1993): neighbours of one zone swap while that removes crossings with both adjacent layers.
//! Crossings are counted between adjacent layers with a Fenwick tree (the accumulator of
//! Barth, Jünger and Mutzel 2002) and the best ordering seen is kept.

use crate::graph::{Layered, Stop};

/// Items per layer, in order.
pub(crate) type Layers = Vec<Vec<usize>>;

/// Neighbours of each item in the previous and next layer (from route segments).
pub(crate) struct Adjacency {
    pub(crate) up: Vec<Vec<usize>>,
    pub(crate) down: Vec<Vec<usize>>,
}

impl Adjacency {
    pub(crate) fn new(g: &Layered) -> Adjacency {
        let n = g.items.len();
        let mut up = vec![Vec::new(); n];
        let mut down = vec![Vec::new(); n];
        for r in &g.routes {
            for w in r.stops.windows(2) {
                if let (Stop::Item(a), Stop::Item(b)) = (w[0], w[1])
                    && g.items[a].layer + 1 == g.items[b].layer
                {
                    down[a].push(b);
                    up[b].push(a);
                }
            }
        }
        Adjacency { up, down }
    }
}

/// Orders every layer. `sweeps` caps the number of down-and-up passes.
pub(crate) fn order(g: &Layered, adj: &Adjacency, sweeps: usize) -> Layers {
    let n = g.items.len();
    let nz = g.zones.len();
    let chains: Vec<Vec<usize>> = g.items.iter().map(|it| g.zones.chain(it.owner)).collect();
    let mut layers: Layers = vec![Vec::new(); g.n_layers];
    for (i, it) in g.items.iter().enumerate() {
        layers[it.layer].push(i);
    }
    // Initial order: depth-first zone order, items in index (file) order.
    let mut zone_key: Vec<f64> = (0..nz).map(|z| g.zones.tin[z] as f64).collect();
    let mut key: Vec<f64> = (0..n).map(|i| i as f64).collect();
    for layer in layers.iter_mut() {
        *layer = arrange(layer, &chains, &key, &zone_key);
    }
    let mut pos = vec![0.0; n];
    set_positions(&layers, &mut pos);
    let mut best = layers.clone();
    let mut best_cross = crossings(&layers, adj, n);
    // Transposition costs up to the product of two neighbours' degrees per pair; a work
    // budget (not a clock, so the result stays deterministic) keeps dense graphs fast.
    let mut transpose_budget: usize = TRANSPOSE_WORK;
    for sweep in 0..sweeps {
        if best_cross == 0 {
            break;
        }
        let down = sweep % 2 == 0;
        let idx: Vec<usize> = if down {
            (0..layers.len()).collect()
        } else {
            (0..layers.len()).rev().collect()
        };
        for &l in &idx {
            for &i in &layers[l] {
                let nb = if down { &adj.up[i] } else { &adj.down[i] };
                key[i] = if nb.is_empty() {
                    pos[i]
                } else {
                    nb.iter().map(|&j| pos[j]).sum::<f64>() / nb.len() as f64
                };
            }
            layers[l] = arrange(&layers[l], &chains, &key, &zone_key);
            for (k, &i) in layers[l].iter().enumerate() {
                pos[i] = (k as f64 + 0.5) / layers[l].len() as f64;
            }
        }
        // New zone keys: mean position of each zone's items over all layers.
        let mut sum = vec![0.0; nz];
        let mut cnt = vec![0usize; nz];
        for i in 0..n {
            for &z in &chains[i] {
                sum[z] += pos[i];
                cnt[z] += 1;
            }
        }
        for z in 0..nz {
            if cnt[z] > 0 {
                zone_key[z] = sum[z] / cnt[z] as f64;
            }
        }
        // Re-sort every layer with the new zone keys so siblings agree everywhere.
        key.copy_from_slice(&pos);
        for layer in layers.iter_mut() {
            *layer = arrange(layer, &chains, &key, &zone_key);
        }
        if transpose_budget > 0 {
            transpose(&mut layers, g, adj, &mut transpose_budget);
        }
        set_positions(&layers, &mut pos);
        let c = crossings(&layers, adj, n);
        if c < best_cross {
            best_cross = c;
            best = layers.clone();
        }
    }
    best
}

/// Pair comparisons transposition may spend over a whole ordering.
const TRANSPOSE_WORK: usize = 4_000_000;

/// Swaps neighbours that belong to the same zone while a swap lowers the crossings with the
/// layers on both sides, until no swap helps or `budget` comparisons are spent.
///
/// A pair's crossings depend only on the orders of the two adjacent layers, so a pair found
/// not worth swapping is not counted again until one of those layers changes (it is still
/// charged to the budget, so the budget runs out exactly where a full recount would).
fn transpose(layers: &mut Layers, g: &Layered, adj: &Adjacency, budget: &mut usize) {
    let mut idx = vec![0usize; g.items.len()];
    for layer in layers.iter() {
        for (k, &i) in layer.iter().enumerate() {
            idx[i] = k;
        }
    }
    let owner: Vec<Option<usize>> = g.items.iter().map(|it| it.owner).collect();
    // Comparisons a recount of the pair (u, v) costs, both ways round and on both sides.
    let work = |u: usize, v: usize| {
        let side = |nb: &[Vec<usize>]| nb[u].len() * nb[v].len() + 1;
        2 * side(&adj.up) + 2 * side(&adj.down)
    };
    // Swaps so far; `changed[l]`: the swap count when layer `l` last changed; `kept[u]`:
    // `(v, t)` when `u` was last found better left of `v` after `t` swaps.
    let mut swaps = 0usize;
    let mut changed = vec![0usize; layers.len()];
    let mut kept: Vec<Option<(usize, usize)>> = vec![None; g.items.len()];
    let mut improved = true;
    while improved && *budget > 0 {
        improved = false;
        for l in 0..layers.len() {
            let around = l
                .checked_sub(1)
                .map_or(0, |p| changed[p])
                .max(changed.get(l + 1).copied().unwrap_or(0));
            for k in 1..layers[l].len() {
                let (u, v) = (layers[l][k - 1], layers[l][k]);
                if owner[u] != owner[v] || *budget == 0 {
                    continue;
                }
                *budget = budget.saturating_sub(work(u, v));
                if kept[u].is_some_and(|(w, t)| w == v && around <= t) {
                    continue;
                }
                let (up_now, up_swapped) = pair_crossings(&adj.up[u], &adj.up[v], &idx);
                let (down_now, down_swapped) = pair_crossings(&adj.down[u], &adj.down[v], &idx);
                if up_swapped + down_swapped < up_now + down_now {
                    layers[l].swap(k - 1, k);
                    idx[u] = k;
                    idx[v] = k - 1;
                    swaps += 1;
                    changed[l] = swaps;
                    kept[u] = None;
                    improved = true;
                } else {
                    kept[u] = Some((v, swaps));
                }
            }
        }
    }
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

fn set_positions(layers: &Layers, pos: &mut [f64]) {
    for layer in layers {
        for (k, &i) in layer.iter().enumerate() {
            pos[i] = (k as f64 + 0.5) / layer.len() as f64;
        }
    }
}

/// Sorts one layer hierarchically: the block of each zone stays contiguous, child zones
/// follow `zone_key`, items follow `key`, and the two are merged by barycenter.
pub(crate) fn arrange(
    items: &[usize],
    chains: &[Vec<usize>],
    key: &[f64],
    zone_key: &[f64],
) -> Vec<usize> {
    let mut out = Vec::with_capacity(items.len());
    arrange_block(items.to_vec(), 0, chains, key, zone_key, &mut out);
    out
}

enum Entry {
    Item(usize),
    Zone(Vec<usize>, f64),
}

fn arrange_block(
    items: Vec<usize>,
    depth: usize,
    chains: &[Vec<usize>],
    key: &[f64],
    zone_key: &[f64],
    out: &mut Vec<usize>,
) {
    let mut direct: Vec<usize> = Vec::new();
    let mut zones: Vec<(usize, Vec<usize>)> = Vec::new();
    // Zone -> slot in `zones`; only looked up, never iterated, so the order stays
    // deterministic.
    let mut slot: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for i in items {
        match chains[i].get(depth) {
            None => direct.push(i),
            Some(&z) => match slot.get(&z) {
                Some(&k) => zones[k].1.push(i),
                None => {
                    slot.insert(z, zones.len());
                    zones.push((z, vec![i]));
                }
            },
        }
    }
    direct.sort_by(|&a, &b| key[a].total_cmp(&key[b]).then(a.cmp(&b)));
    zones.sort_by(|a, b| zone_key[a.0].total_cmp(&zone_key[b.0]).then(a.0.cmp(&b.0)));
    let zone_entries: Vec<Entry> = zones
        .into_iter()
        .map(|(_, v)| {
            let bary = v.iter().map(|&i| key[i]).sum::<f64>() / v.len() as f64;
            Entry::Zone(v, bary)
        })
        .collect();
    // Merge the two sorted sequences by barycenter.
    let mut merged: Vec<Entry> = Vec::new();
    let mut di = direct.into_iter().peekable();
    let mut zi = zone_entries.into_iter().peekable();
    loop {
        let take_item = match (di.peek(), zi.peek()) {
            (Some(&i), Some(Entry::Zone(_, b))) => key[i] < *b,
            (Some(_), _) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if take_item {
            if let Some(i) = di.next() {
                merged.push(Entry::Item(i));
            }
        } else if let Some(e) = zi.next() {
            merged.push(e);
        }
    }
    for e in merged {
        match e {
            Entry::Item(i) => out.push(i),
            Entry::Zone(v, _) => arrange_block(v, depth + 1, chains, key, zone_key, out),
        }
    }
}

/// Crossings between adjacent layers, counted per layer pair in O(E log V).
pub(crate) fn crossings(layers: &Layers, adj: &Adjacency, n: usize) -> usize {
    let mut idx = vec![0usize; n];
    for layer in layers {
        for (k, &i) in layer.iter().enumerate() {
            idx[i] = k;
        }
    }
    let mut total = 0;
    for w in layers.windows(2) {
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for &a in &w[0] {
            for &b in &adj.down[a] {
                pairs.push((idx[a], idx[b]));
            }
        }
        pairs.sort_unstable();
        let m = w[1].len();
        let mut tree = vec![0usize; m + 1];
        for (seen, &(_, b)) in pairs.iter().enumerate() {
            // Count earlier pairs whose target is greater than b.
            let mut k = b + 1;
            let mut le = 0;
            while k > 0 {
                le += tree[k];
                k -= k & k.wrapping_neg();
            }
            total += seen - le;
            let mut k = b + 1;
            while k <= m {
                tree[k] += 1;
                k += k & k.wrapping_neg();
            }
        }
    }
    total
}
