//! Layering: longest path from the sources over the acyclic orientation, then sources are
//! pulled towards their successors and unlinked nodes join their zone's first layer, so that
//! edges stay short and zones compact.

/// Assigns a layer to each of `n` nodes so that every edge `(u, v)` with `rank[u] < rank[v]`
/// goes from a lower to a higher layer (the others are treated as reversed).
/// `zone_of[v]` lists the zones of `v` from the innermost out, for placing unlinked nodes.
pub(crate) fn assign_layers(
    n: usize,
    edges: &[(usize, usize)],
    rank: &[usize],
    zone_of: &[Vec<usize>],
    n_zones: usize,
) -> Vec<usize> {
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(u, v) in edges {
        if u == v {
            continue;
        }
        let (a, b) = if rank[u] < rank[v] { (u, v) } else { (v, u) };
        preds[b].push(a);
        succs[a].push(b);
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&v| rank[v]);
    let mut layer = vec![0usize; n];
    for &v in &order {
        layer[v] = preds[v].iter().map(|&p| layer[p] + 1).max().unwrap_or(0);
    }
    // Pull sources next to their nearest successor.
    for &v in order.iter().rev() {
        if preds[v].is_empty()
            && let Some(m) = succs[v].iter().map(|&s| layer[s]).min()
        {
            layer[v] = m.saturating_sub(1);
        }
    }
    // Unlinked nodes go to the first layer of their innermost zone that has linked nodes.
    let mut zone_min = vec![usize::MAX; n_zones];
    for v in 0..n {
        if !preds[v].is_empty() || !succs[v].is_empty() {
            for &z in &zone_of[v] {
                zone_min[z] = zone_min[z].min(layer[v]);
            }
        }
    }
    for v in 0..n {
        if preds[v].is_empty() && succs[v].is_empty() {
            layer[v] = zone_of[v]
                .iter()
                .map(|&z| zone_min[z])
                .find(|&m| m != usize::MAX)
                .unwrap_or(0);
        }
    }
    let min = layer.iter().copied().min().unwrap_or(0);
    for l in &mut layer {
        *l -= min;
    }
    layer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_gets_consecutive_layers() {
        let edges = [(0, 1), (1, 2)];
        let l = assign_layers(3, &edges, &[0, 1, 2], &[vec![], vec![], vec![]], 0);
        assert_eq!(l, vec![0, 1, 2]);
    }

    #[test]
    fn source_is_pulled_forward() {
        let edges = [(0, 1), (1, 2), (3, 2)];
        let l = assign_layers(
            4,
            &edges,
            &[0, 1, 3, 2],
            &[vec![], vec![], vec![], vec![]],
            0,
        );
        assert_eq!(l[3], 1);
    }
}
