//! Cycle breaking: the greedy feedback-arc-set heuristic of Eades, Lin and Smyth (1993).
//!
//! Vertices are peeled off as sinks (to the back), sources (to the front) or, when neither
//! exists, the vertex with the largest out-degree minus in-degree (to the front). Every edge
//! pointing backwards in the resulting order is reversed. Ties go to the lowest index, so
//! the result depends only on the input order.

use crate::buckets::Buckets;

/// A rank per vertex such that edges `(u, v, w)` with `rank[u] > rank[v]` weigh little in
/// total. An edge of weight `w` stands for `w` parallel edges (one degree update, not one
/// per copy); self-loops are ignored, parallel edges count once each.
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
    let mut queue = Queue::new((0..n).map(|v| Queue::key(indeg[v], outdeg[v])));
    let mut front = Vec::with_capacity(n);
    let mut back = Vec::new();
    while let Some(((class, _), v)) = queue.pop() {
        if class == SINK {
            back.push(v);
        } else {
            front.push(v);
        }
        // Update neighbours.
        for &(w, k) in outs.of(v) {
            if queue.holds(w) {
                indeg[w] -= k;
                queue.rekey(w, Queue::key(indeg[w], outdeg[w]));
            }
        }
        for &(w, k) in ins.of(v) {
            if queue.holds(w) {
                outdeg[w] -= k;
                queue.rekey(w, Queue::key(indeg[w], outdeg[w]));
            }
        }
    }
    let mut rank = vec![0; n];
    for (i, v) in front.into_iter().chain(back.into_iter().rev()).enumerate() {
        rank[v] = i;
    }
    rank
}

/// The class of a vertex without out-edges, which goes to the back.
const SINK: u8 = 0;
/// The class of a vertex with out-edges but no in-edges.
const SOURCE: u8 = 1;
/// The class of the others, taken by in-degree minus out-degree.
const OTHER: u8 = 2;

/// A vertex's place in the peeling order: its class, then (for [`OTHER`]) in-degree minus
/// out-degree, then its index.
type Key = (u8, i64);

/// The vertices left, in a binary min-heap by (key, index) that knows where each vertex
/// sits, so a vertex whose degrees change moves to its new place: the least entry is the
/// next vertex to peel (a sink, else a source, else the largest out-degree minus
/// in-degree, lowest index first).
struct Queue {
    heap: Vec<(Key, usize)>,
    /// Each vertex's place in `heap` (`usize::MAX` once taken).
    at: Vec<usize>,
}

impl Queue {
    /// The key of a vertex with these degrees.
    fn key(indeg: i64, outdeg: i64) -> Key {
        if outdeg == 0 {
            (SINK, 0)
        } else if indeg == 0 {
            (SOURCE, 0)
        } else {
            (OTHER, indeg - outdeg)
        }
    }

    /// Vertices `0..` with `keys`.
    fn new(keys: impl Iterator<Item = Key>) -> Queue {
        let heap: Vec<(Key, usize)> = keys.enumerate().map(|(v, k)| (k, v)).collect();
        let at = (0..heap.len()).collect();
        let mut q = Queue { heap, at };
        for i in (0..q.heap.len() / 2).rev() {
            q.down(i);
        }
        q
    }

    fn holds(&self, v: usize) -> bool {
        self.at[v] != usize::MAX
    }

    /// Takes the least vertex.
    fn pop(&mut self) -> Option<(Key, usize)> {
        let last = self.heap.len().checked_sub(1)?;
        self.swap(0, last);
        let top = self.heap.pop()?;
        self.at[top.1] = usize::MAX;
        if !self.heap.is_empty() {
            self.down(0);
        }
        Some(top)
    }

    /// Gives vertex `v` (still held) key `key`.
    fn rekey(&mut self, v: usize, key: Key) {
        let i = self.at[v];
        let old = self.heap[i].0;
        self.heap[i].0 = key;
        if key < old {
            self.up(i);
        } else if key > old {
            self.down(i);
        }
    }

    fn swap(&mut self, i: usize, j: usize) {
        self.heap.swap(i, j);
        self.at[self.heap[i].1] = i;
        self.at[self.heap[j].1] = j;
    }

    fn up(&mut self, mut i: usize) {
        while i > 0 {
            let parent = (i - 1) / 2;
            if self.heap[i] >= self.heap[parent] {
                break;
            }
            self.swap(i, parent);
            i = parent;
        }
    }

    fn down(&mut self, mut i: usize) {
        loop {
            let (l, r) = (2 * i + 1, 2 * i + 2);
            let mut least = i;
            if l < self.heap.len() && self.heap[l] < self.heap[least] {
                least = l;
            }
            if r < self.heap.len() && self.heap[r] < self.heap[least] {
                least = r;
            }
            if least == i {
                break;
            }
            self.swap(i, least);
            i = least;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dag_keeps_all_edges_forward() {
        let edges = [(0, 1, 1), (1, 2, 1), (0, 2, 1), (3, 1, 1)];
        let r = weighted_fas_ranks(4, &edges);
        assert!(edges.iter().all(|&(u, v, _)| r[u] < r[v]));
    }

    /// The ranks of the greedy rule, found by scanning every vertex left at each step.
    fn peeled_by_scanning(n: usize, edges: &[(usize, usize, i64)]) -> Vec<usize> {
        let (mut indeg, mut outdeg) = (vec![0; n], vec![0; n]);
        for &(u, v, w) in edges.iter().filter(|e| e.0 != e.1) {
            outdeg[u] += w;
            indeg[v] += w;
        }
        let mut left: Vec<usize> = (0..n).collect();
        let (mut front, mut back) = (Vec::new(), Vec::new());
        while let Some(&v) = left
            .iter()
            .min_by_key(|&&v| (Queue::key(indeg[v], outdeg[v]), v))
        {
            left.retain(|&x| x != v);
            if outdeg[v] == 0 {
                back.push(v);
            } else {
                front.push(v);
            }
            for &(a, b, w) in edges.iter().filter(|e| e.0 != e.1) {
                if a == v && left.contains(&b) {
                    indeg[b] -= w;
                } else if b == v && left.contains(&a) {
                    outdeg[a] -= w;
                }
            }
        }
        let mut rank = vec![0; n];
        for (i, v) in front.into_iter().chain(back.into_iter().rev()).enumerate() {
            rank[v] = i;
        }
        rank
    }

    #[test]
    fn peeling_follows_the_greedy_rule_on_random_graphs() {
        // A small linear congruential generator: the graphs are the same on every run.
        let mut seed = 7u64;
        let mut next = |bound: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize % bound
        };
        for _ in 0..200 {
            let n = 1 + next(12);
            let edges: Vec<(usize, usize, i64)> = (0..next(30))
                .map(|_| (next(n), next(n), 1 + next(4) as i64))
                .collect();
            assert_eq!(
                weighted_fas_ranks(n, &edges),
                peeled_by_scanning(n, &edges),
                "{edges:?}"
            );
        }
    }

    #[test]
    fn cycle_reverses_one_edge() {
        let edges = [(0, 1, 1), (1, 2, 1), (2, 0, 1)];
        let r = weighted_fas_ranks(3, &edges);
        let back = edges.iter().filter(|&&(u, v, _)| r[u] > r[v]).count();
        assert_eq!(back, 1);
    }
}
