//! Layering over the acyclic orientation: the shorter of longest path with pulled sources and
//! network simplex (see [`crate::simplex`]); unlinked nodes then join their zone's first layer,
//! so that edges stay short and zones compact. A zone of sinks (a data tier) can then line up
//! in its last layer, and a zone of sources (clients, log shippers) in its first ([`align`]).

use crate::buckets::Buckets;
use crate::simplex::network_simplex;

/// Steps (tree-growing rounds and tree-edge exchanges) network simplex may take per node
/// before the longest-path layering is kept instead. Steps grow about linearly with the
/// graph: the generated 3,000-component model takes 3,088, about one a node.
const SIMPLEX_STEPS_PER_NODE: usize = 2;
/// The least step budget, however small the graph.
const SIMPLEX_BUDGET: usize = 5_000;

/// Assigns a layer to each node so that every edge `(u, v)` with `rank[u] < rank[v]` goes from
/// a lower to a higher layer (the others are treated as reversed); `weights[k]` is how much
/// `edges[k]` counts in the total length. `zone_of[v]` lists the zones of `v` from the
/// innermost out, for placing unlinked nodes.
pub(crate) fn assign_layers(
    edges: &[(usize, usize)],
    weights: &[i64],
    rank: &[usize],
    zone_of: &[Vec<usize>],
    n_zones: usize,
) -> Vec<usize> {
    let forward: Vec<(usize, usize, i64)> = edges
        .iter()
        .zip(weights)
        .filter(|((u, v), _)| u != v)
        .map(|(&(u, v), &w)| {
            if rank[u] < rank[v] {
                (u, v, w)
            } else {
                (v, u, w)
            }
        })
        .collect();
    let mut layer = shortest(&forward, rank);
    place_unlinked(&forward, zone_of, n_zones, &mut layer);
    let min = layer.iter().copied().min().unwrap_or(0);
    for l in &mut layer {
        *l -= min;
    }
    layer
}

/// Network simplex's layering when it is at least a fifth shorter than longest path with
/// pulled sources, else the latter. Small savings are not worth it: the optimum moves nodes
/// towards the bulk of their neighbours, away from the upstream order the longest path keeps,
/// which on the bundled scenarios cost more crossings in routing than the few dummies saved.
fn shortest(forward: &[(usize, usize, i64)], rank: &[usize]) -> Vec<usize> {
    let pulled = longest_path_pulled(forward, rank);
    let budget = SIMPLEX_BUDGET.max(SIMPLEX_STEPS_PER_NODE * rank.len());
    match network_simplex(rank.len(), forward, budget) {
        Some(optimal)
            if 5 * total_length(forward, &optimal) <= 4 * total_length(forward, &pulled) =>
        {
            optimal
        }
        _ => pulled,
    }
}

/// Weighted total length of `forward` edges under `layer`.
fn total_length(forward: &[(usize, usize, i64)], layer: &[usize]) -> i64 {
    forward
        .iter()
        .map(|&(u, v, w)| w * (layer[v] as i64 - layer[u] as i64))
        .sum()
}

/// Longest path from the sources, then each source pulled next to its nearest successor.
/// `rank` orders the nodes topologically.
fn longest_path_pulled(forward: &[(usize, usize, i64)], rank: &[usize]) -> Vec<usize> {
    let n = rank.len();
    let preds = Buckets::new(n, || forward.iter().map(|&(a, b, _)| (b, a)));
    let succs = Buckets::new(n, || forward.iter().map(|&(a, b, _)| (a, b)));
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&v| rank[v]);
    let mut layer = vec![0usize; n];
    for &v in &order {
        layer[v] = preds.of(v).iter().map(|&p| layer[p] + 1).max().unwrap_or(0);
    }
    for &v in order.iter().rev() {
        if preds.of(v).is_empty()
            && let Some(m) = succs.of(v).iter().map(|&s| layer[s]).min()
        {
            layer[v] = m.saturating_sub(1);
        }
    }
    layer
}

/// Moves every node without edges to the first layer of its innermost zone that has linked
/// nodes (layer 0 when none has).
fn place_unlinked(
    forward: &[(usize, usize, i64)],
    zone_of: &[Vec<usize>],
    n_zones: usize,
    layer: &mut [usize],
) {
    let mut linked = vec![false; layer.len()];
    for &(u, v, _) in forward {
        linked[u] = true;
        linked[v] = true;
    }
    let mut zone_min = vec![usize::MAX; n_zones];
    for v in (0..layer.len()).filter(|&v| linked[v]) {
        for &z in &zone_of[v] {
            zone_min[z] = zone_min[z].min(layer[v]);
        }
    }
    for v in (0..layer.len()).filter(|&v| !linked[v]) {
        layer[v] = zone_of[v]
            .iter()
            .map(|&z| zone_min[z])
            .find(|&m| m != usize::MAX)
            .unwrap_or(0);
    }
}

/// Which nodes the edges leave and which they enter (an edge from a node to itself aside).
pub(crate) struct Ends {
    leaves: Vec<bool>,
    enters: Vec<bool>,
}

impl Ends {
    /// The ends of `edges` among `n` nodes.
    pub(crate) fn of(edges: &[(usize, usize)], n: usize) -> Ends {
        let (mut leaves, mut enters) = (vec![false; n], vec![false; n]);
        for &(u, v) in edges.iter().filter(|(u, v)| u != v) {
            leaves[u] = true;
            enters[v] = true;
        }
        Ends { leaves, enters }
    }

    /// Whether some edge leaves or enters `v`.
    pub(crate) fn linked(&self, v: usize) -> bool {
        self.leaves[v] || self.enters[v]
    }

    /// Whether edges only leave `v`.
    pub(crate) fn source(&self, v: usize) -> bool {
        self.leaves[v] && !self.enters[v]
    }

    /// Whether edges only enter `v`.
    pub(crate) fn sink(&self, v: usize) -> bool {
        self.enters[v] && !self.leaves[v]
    }
}

/// The end of the flow a zone's members line up at ([`align`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum End {
    /// The first layer: a zone of sources.
    First,
    /// The last layer: a zone of sinks.
    Last,
}

/// Moves the linked members of each zone whose linked nodes, in its child zones too, are all
/// sinks of `edges` (the layering edges, along the flow: no edge leaves them) to the last
/// layer any of them is in, at [`End::Last`]; or all sources (no edge enters them) to the
/// first, at [`End::First`]. The outermost such zone decides.
///
/// The shortest edges put each store right after the first node that uses it, which spreads
/// a data tier (databases and caches, or a primary site's stores and a standby's) over as
/// many layers as its users span, with gaps in the zone between them; and they pull each
/// source next to what it feeds, so that a zone of sources (log shippers in several
/// networks, the clients of several sites) straddles the zones it feeds, which then stack
/// beside it in a staircase. Lined up, either is one row (one column, left to right) at its
/// end of the flow, as an architect draws it. Only the edges into a data tier or out of a
/// zone of sources grow, and none turns back.
pub(crate) fn align(
    edges: &[(usize, usize)],
    zone_of: &[Vec<usize>],
    n_zones: usize,
    layer: &mut [usize],
    end: End,
) {
    let ends = Ends::of(edges, layer.len());
    // The nodes a zone lines up from: sinks at its end, sources at its start.
    let lines_up = |v: usize| match end {
        End::Last => ends.sink(v),
        End::First => ends.source(v),
    };
    let (start, extreme): (usize, fn(usize, usize) -> usize) = match end {
        End::Last => (0, usize::max),
        End::First => (usize::MAX, usize::min),
    };
    let mut at = vec![start; n_zones];
    let mut only = vec![true; n_zones];
    let linked = || (0..layer.len()).filter(|&v| ends.linked(v));
    for v in linked() {
        for &z in &zone_of[v] {
            at[z] = extreme(at[z], layer[v]);
            only[z] &= lines_up(v);
        }
    }
    for v in linked() {
        if let Some(&z) = zone_of[v].iter().rev().find(|&&z| only[z]) {
            layer[v] = at[z];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_gets_consecutive_layers() {
        let edges = [(0, 1), (1, 2)];
        let l = assign_layers(&edges, &[1; 2], &[0, 1, 2], &[vec![], vec![], vec![]], 0);
        assert_eq!(l, vec![0, 1, 2]);
    }

    #[test]
    fn source_is_pulled_forward() {
        let edges = [(0, 1), (1, 2), (3, 2)];
        let l = assign_layers(
            &edges,
            &[1; 3],
            &[0, 1, 3, 2],
            &[vec![], vec![], vec![], vec![]],
            0,
        );
        assert_eq!(l[3], 1);
    }

    #[test]
    fn a_zone_of_sinks_lines_up_in_its_last_layer() {
        // An API (0) uses a cache (2) and a queue (1), whose worker (3) uses a database (4):
        // the cache and the database, one data tier, line up after the worker; the queue,
        // outside the tier, stays next to the API.
        let edges = [(0, 1), (1, 3), (0, 2), (3, 4)];
        let shortest = vec![0, 1, 1, 2, 3];
        let zones = [vec![], vec![], vec![0], vec![], vec![0]];
        let mut l = shortest.clone();
        align(&edges, &zones, 1, &mut l, End::Last);
        assert_eq!(l, vec![0, 1, 3, 2, 3]);
        // A zone that also holds the worker is no data tier: it keeps the shortest edges.
        let zones = [vec![], vec![], vec![0], vec![0], vec![0]];
        let mut l = shortest.clone();
        align(&edges, &zones, 1, &mut l, End::Last);
        assert_eq!(l, shortest);
    }

    #[test]
    fn sources_in_child_zones_line_up_in_their_zones_first_layer() {
        // Agents in two networks of one zone of log sources (0 in zone 1, 1 and 2 in zone
        // 2; both children of zone 0) feed a collector (3) and a buffer (4) behind it,
        // pulled next to what each feeds; a device outside the zone (5) feeds the buffer.
        let edges = [(0, 3), (3, 4), (1, 4), (2, 4), (5, 4)];
        let zones = [vec![1, 0], vec![2, 0], vec![2, 0], vec![], vec![], vec![]];
        let mut l = vec![0, 1, 1, 1, 2, 1];
        align(&edges, &zones, 3, &mut l, End::First);
        assert_eq!(l, vec![0, 0, 0, 1, 2, 1]);
        // With the collector in the zone too, the zone holds a node an edge enters: it
        // stays as it is (its child zones still line up, each on its own).
        let zones = [vec![1, 0], vec![2, 0], vec![2, 0], vec![0], vec![], vec![]];
        let mut l = vec![0, 1, 1, 1, 2, 1];
        align(&edges, &zones, 3, &mut l, End::First);
        assert_eq!(l, vec![0, 1, 1, 1, 2, 1]);
    }

    #[test]
    fn a_data_tier_of_child_zones_lines_up_in_its_last_layer() {
        // An API (0) writes to a database (1, in zone 1) and a worker (2) it feeds writes
        // to an archive (3, in zone 2): zones 1 and 2 sit in one data tier, zone 0.
        let edges = [(0, 1), (0, 2), (2, 3)];
        let zones = [vec![], vec![1, 0], vec![], vec![2, 0]];
        let mut l = vec![0, 1, 1, 2];
        align(&edges, &zones, 3, &mut l, End::Last);
        assert_eq!(l, vec![0, 2, 1, 2]);
    }

    #[test]
    fn markedly_shorter_optimum_is_taken() {
        // Node 6 hangs off 0 and feeds 7, 8, 9, which 4 also feeds: network simplex moves it
        // next to them (total length 15 against 21).
        let mut edges = vec![(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (0, 6)];
        edges.extend([7, 8, 9].iter().flat_map(|&t| [(6, t), (4, t)]));
        let rank: Vec<usize> = (0..10).collect();
        let l = assign_layers(&edges, &vec![1; edges.len()], &rank, &vec![vec![]; 10], 0);
        assert_eq!(l[6], 4);
    }
}
