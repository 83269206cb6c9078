//! Cycle breaking: the greedy feedback-arc-set heuristic of Eades, Lin and Smyth (1993).
//!
//! Vertices are peeled off as sinks (to the back), sources (to the front) or, when neither
//! exists, the vertex with the largest out-degree minus in-degree (to the front). Every edge
//! pointing backwards in the resulting order is reversed. Ties go to the lowest index, so
//! the result depends only on the input order.

use std::collections::BTreeSet;

/// A rank per vertex such that few edges `(u, v)` have `rank[u] > rank[v]`.
/// Self-loops are ignored; parallel edges count once each.
pub(crate) fn fas_ranks(n: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let weighted: Vec<(usize, usize, i64)> = edges.iter().map(|&(u, v)| (u, v, 1)).collect();
    weighted_fas_ranks(n, &weighted)
}

/// [`fas_ranks`] with each edge `(u, v, w)` standing for `w` parallel edges: the same ranks,
/// but one degree update per edge rather than per copy.
pub(crate) fn weighted_fas_ranks(n: usize, edges: &[(usize, usize, i64)]) -> Vec<usize> {
    let mut outs: Vec<Vec<(usize, i64)>> = vec![Vec::new(); n];
    let mut ins: Vec<Vec<(usize, i64)>> = vec![Vec::new(); n];
    for &(u, v, w) in edges {
        if u != v && u < n && v < n {
            outs[u].push((v, w));
            ins[v].push((u, w));
        }
    }
    let degree = |list: &Vec<(usize, i64)>| list.iter().map(|&(_, w)| w).sum::<i64>();
    let mut outdeg: Vec<i64> = outs.iter().map(degree).collect();
    let mut indeg: Vec<i64> = ins.iter().map(degree).collect();
    let mut alive = vec![true; n];
    let mut sinks: BTreeSet<usize> = (0..n).filter(|&v| outdeg[v] == 0).collect();
    let mut sources: BTreeSet<usize> = (0..n).filter(|&v| indeg[v] == 0 && outdeg[v] > 0).collect();
    let mut by_delta: BTreeSet<(i64, usize)> = (0..n)
        .filter(|&v| indeg[v] > 0 && outdeg[v] > 0)
        .map(|v| (indeg[v] - outdeg[v], v))
        .collect();
    let mut front = Vec::with_capacity(n);
    let mut back = Vec::new();
    let mut remaining = n;
    while remaining > 0 {
        let (v, to_front) = if let Some(&v) = sinks.iter().next() {
            (v, false)
        } else if let Some(&v) = sources.iter().next() {
            (v, true)
        } else if let Some(&(_, v)) = by_delta.iter().next() {
            (v, true)
        } else {
            break;
        };
        // Remove v from whichever set holds it.
        sinks.remove(&v);
        sources.remove(&v);
        by_delta.remove(&(indeg[v] - outdeg[v], v));
        alive[v] = false;
        remaining -= 1;
        if to_front {
            front.push(v);
        } else {
            back.push(v);
        }
        // Update neighbours.
        for &(w, k) in &outs[v] {
            if !alive[w] {
                continue;
            }
            let was = (indeg[w], outdeg[w]);
            indeg[w] -= k;
            reclassify(
                w,
                was,
                (indeg[w], outdeg[w]),
                &mut sinks,
                &mut sources,
                &mut by_delta,
            );
        }
        for &(w, k) in &ins[v] {
            if !alive[w] {
                continue;
            }
            let was = (indeg[w], outdeg[w]);
            outdeg[w] -= k;
            reclassify(
                w,
                was,
                (indeg[w], outdeg[w]),
                &mut sinks,
                &mut sources,
                &mut by_delta,
            );
        }
    }
    let mut rank = vec![0; n];
    for (i, v) in front.into_iter().chain(back.into_iter().rev()).enumerate() {
        rank[v] = i;
    }
    rank
}

fn class(d: (i64, i64)) -> u8 {
    if d.1 == 0 {
        0
    } else if d.0 == 0 {
        1
    } else {
        2
    }
}

fn reclassify(
    w: usize,
    was: (i64, i64),
    now: (i64, i64),
    sinks: &mut BTreeSet<usize>,
    sources: &mut BTreeSet<usize>,
    by_delta: &mut BTreeSet<(i64, usize)>,
) {
    match class(was) {
        0 => {
            sinks.remove(&w);
        }
        1 => {
            sources.remove(&w);
        }
        _ => {
            by_delta.remove(&(was.0 - was.1, w));
        }
    }
    match class(now) {
        0 => {
            sinks.insert(w);
        }
        1 => {
            sources.insert(w);
        }
        _ => {
            by_delta.insert((now.0 - now.1, w));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dag_keeps_all_edges_forward() {
        let edges = [(0, 1), (1, 2), (0, 2), (3, 1)];
        let r = fas_ranks(4, &edges);
        assert!(edges.iter().all(|&(u, v)| r[u] < r[v]));
    }

    #[test]
    fn cycle_reverses_one_edge() {
        let edges = [(0, 1), (1, 2), (2, 0)];
        let r = fas_ranks(3, &edges);
        let back = edges.iter().filter(|&&(u, v)| r[u] > r[v]).count();
        assert_eq!(back, 1);
    }
}
