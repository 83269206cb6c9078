//! Cycle breaking: the greedy feedback-arc-set heuristic of Eades, Lin and Smyth (1993).
//!
//! Vertices are peeled off as sinks (to the back), sources (to the front) or, when neither
//! exists, the vertex with the largest out-degree minus in-degree (to the front). Every edge
//! pointing backwards in the resulting order is reversed. Ties go to the lowest index, so
//! the result depends only on the input order.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::buckets::Buckets;

/// A rank per vertex such that few edges `(u, v)` have `rank[u] > rank[v]`.
/// Self-loops are ignored; parallel edges count once each.
pub(crate) fn fas_ranks(n: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let weighted: Vec<(usize, usize, i64)> = edges.iter().map(|&(u, v)| (u, v, 1)).collect();
    weighted_fas_ranks(n, &weighted)
}

/// [`fas_ranks`] with each edge `(u, v, w)` standing for `w` parallel edges: the same ranks,
/// but one degree update per edge rather than per copy.
pub(crate) fn weighted_fas_ranks(n: usize, edges: &[(usize, usize, i64)]) -> Vec<usize> {
    let kept: Vec<(usize, usize, i64)> = edges
        .iter()
        .copied()
        .filter(|&(u, v, _)| u != v && u < n && v < n)
        .collect();
    // Each vertex's neighbours and the weights of the edges to them, in edge order.
    let outs = Buckets::new(n, || kept.iter().map(|&(u, v, w)| (u, (v, w))));
    let ins = Buckets::new(n, || kept.iter().map(|&(u, v, w)| (v, (u, w))));
    let degree = |list: &[(usize, i64)]| list.iter().map(|&(_, w)| w).sum::<i64>();
    let mut outdeg: Vec<i64> = (0..n).map(|v| degree(outs.of(v))).collect();
    let mut indeg: Vec<i64> = (0..n).map(|v| degree(ins.of(v))).collect();
    let mut alive = vec![true; n];
    let mut left = Classes::default();
    for v in 0..n {
        left.add(v, (indeg[v], outdeg[v]));
    }
    let mut front = Vec::with_capacity(n);
    let mut back = Vec::new();
    loop {
        let (v, to_front) = if let Some(v) = first(&mut left.sinks, |v| alive[v]) {
            (v, false)
        } else if let Some(v) = first(&mut left.sources, |v| alive[v] && outdeg[v] > 0) {
            (v, true)
        } else if let Some((_, v)) = first(&mut left.by_delta, |(d, v)| {
            alive[v] && indeg[v] > 0 && outdeg[v] > 0 && indeg[v] - outdeg[v] == d
        }) {
            (v, true)
        } else {
            break;
        };
        alive[v] = false;
        if to_front {
            front.push(v);
        } else {
            back.push(v);
        }
        // Update neighbours.
        for &(w, k) in outs.of(v) {
            if alive[w] {
                let was = (indeg[w], outdeg[w]);
                indeg[w] -= k;
                left.moved(w, was, (indeg[w], outdeg[w]));
            }
        }
        for &(w, k) in ins.of(v) {
            if alive[w] {
                let was = (indeg[w], outdeg[w]);
                outdeg[w] -= k;
                left.moved(w, was, (indeg[w], outdeg[w]));
            }
        }
    }
    let mut rank = vec![0; n];
    for (i, v) in front.into_iter().chain(back.into_iter().rev()).enumerate() {
        rank[v] = i;
    }
    rank
}

/// The vertices left, by class: sinks, sources, and the others by in-degree minus
/// out-degree, each class a min-heap. A vertex is added again when its class or key changes;
/// the entries left behind (and those of vertices taken) are skipped when met, so the least
/// valid entry is what a set of exactly the current members would give first.
#[derive(Default)]
struct Classes {
    sinks: BinaryHeap<Reverse<usize>>,
    sources: BinaryHeap<Reverse<usize>>,
    by_delta: BinaryHeap<Reverse<(i64, usize)>>,
}

impl Classes {
    /// Adds `v` with degrees `(in, out)` to its class.
    fn add(&mut self, v: usize, (indeg, outdeg): (i64, i64)) {
        if outdeg == 0 {
            self.sinks.push(Reverse(v));
        } else if indeg == 0 {
            self.sources.push(Reverse(v));
        } else {
            self.by_delta.push(Reverse((indeg - outdeg, v)));
        }
    }

    /// Files `v` anew after its degrees went from `was` to `now`, unless its class and key
    /// stayed the same (a sink stays a sink, a source a source or becomes a sink).
    fn moved(&mut self, v: usize, was: (i64, i64), now: (i64, i64)) {
        let same = match (was.1 == 0, was.0 == 0) {
            (true, _) => true,
            (false, true) => now.1 != 0,
            (false, false) => now.0 != 0 && now.1 != 0 && now.0 - now.1 == was.0 - was.1,
        };
        if !same {
            self.add(v, now);
        }
    }
}

/// The least entry of `heap` for which `valid` holds, dropping the invalid ones before it.
fn first<T: Ord + Copy>(heap: &mut BinaryHeap<Reverse<T>>, valid: impl Fn(T) -> bool) -> Option<T> {
    while let Some(&Reverse(x)) = heap.peek() {
        if valid(x) {
            return Some(x);
        }
        heap.pop();
    }
    None
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
