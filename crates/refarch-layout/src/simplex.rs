//! Network-simplex layering after Gansner, Koutsofios, North and Vo, "A technique for drawing
//! directed graphs" (IEEE TSE 19(3), 1993), section 2: ranks that minimise the total weighted
//! edge length `Σ w(u, v) · (rank[v] − rank[u])` subject to every edge spanning at least one
//! rank. Shorter edges mean fewer dummy items in the layers between their ends, and so
//! usually fewer crossings.
//!
//! The solver keeps a feasible spanning tree of tight edges (edges of length exactly one;
//! it handles a forest, though the virtual root of [`network_simplex`] makes one tree) and
//! repeatedly exchanges a tree edge whose cut value is negative for a non-tree edge of least
//! slack that reconnects the tree. Every choice is a fixed function of the input, so the
//! result is too (and the optimum [`network_simplex`] asks for is unique anyway).
//!
//! About half the exchanges on large graphs are degenerate: a tight non-tree edge reconnects
//! the tree, so no rank moves and only the tree turns. The search for the entering edge
//! therefore stops at the first tight one, and the data is kept flat for the walks every
//! exchange makes: edge lists per node in one array each, and the tree as parent links plus
//! doubly linked child lists, so that walking a subtree and turning a path around touch a
//! few words a node.

use crate::buckets::Buckets;

/// A directed edge with its weight (parallel edges merged, their weights added).
#[derive(Clone, Copy, Debug)]
struct Edge {
    tail: usize,
    head: usize,
    weight: i64,
}

/// No node: the parent of a root, the sibling after the last, the child of a leaf.
const NONE: usize = usize::MAX;

/// The optimal ranks of `n` nodes for weighted `edges` `(u, v, w)`, which must form a DAG
/// (each `(u, v)` is to point from a lower rank to a higher one), or `None` when the solver
/// needs more than `budget` steps (tree-growing rounds plus exchanges). Self-loops are
/// ignored and the weights of parallel edges add up.
///
/// Among layerings of least total length, the one with the least sum of ranks is taken:
/// every node is as early as the optimum allows, as in a longest-path layering, and each
/// weakly connected component starts at rank 0. This is done with a virtual root joined to
/// every node by an edge of weight 1, the real weights being scaled past any such sum.
pub(crate) fn network_simplex(
    n: usize,
    edges: &[(usize, usize, i64)],
    budget: usize,
) -> Option<Vec<usize>> {
    let mut s = Simplex::new(n + 1, &with_virtual_root(n, edges));
    let mut steps = 0;
    s.feasible_tree(&mut steps, budget)?;
    s.optimise(&mut steps, budget)?;
    // The root sits at rank 0 and the earliest nodes just after it.
    Some(
        s.rank[..n]
            .iter()
            .map(|&r| (r - s.rank[n] - 1) as usize)
            .collect(),
    )
}

/// `edges` with their weights scaled, plus an edge of weight 1 from a virtual root `n` to
/// every node: the edges of the graph [`network_simplex`] solves.
fn with_virtual_root(n: usize, edges: &[(usize, usize, i64)]) -> Vec<(usize, usize, i64)> {
    // Σ rank over the nodes is below (n + 1)², so one unit of real length outweighs it.
    let scale = (n as i64 + 1).pow(2);
    let mut all: Vec<(usize, usize, i64)> =
        edges.iter().map(|&(u, v, w)| (u, v, w * scale)).collect();
    all.extend((0..n).map(|v| (n, v, 1)));
    all
}

/// The state of the solver: the graph, the ranks and the spanning forest.
#[cfg_attr(test, derive(Clone))]
struct Simplex {
    edges: Vec<Edge>,
    /// Per node, the edges into it and out of it in edge order, each as its other end and its
    /// id: [`Simplex::enter_edge`] goes through them without looking the edges up.
    ins: Buckets<(usize, usize)>,
    outs: Buckets<(usize, usize)>,
    rank: Vec<i64>,
    /// Whether each edge is in the spanning forest.
    in_tree: Vec<bool>,
    /// Each node's parent in the forest (`NONE` at a root) and the tree edge to it.
    parent: Vec<usize>,
    parent_edge: Vec<usize>,
    /// Each node's children as a doubly linked list (first child, next and previous
    /// siblings), so that a node changes parents in constant time.
    first_child: Vec<usize>,
    next_sibling: Vec<usize>,
    prev_sibling: Vec<usize>,
    /// Per node, the climb that last passed it in [`Simplex::meet`] (see there).
    passed: Vec<usize>,
    /// Number of calls of [`Simplex::meet`] so far.
    meetings: usize,
    /// Per node, the number of the last cut-off subtree it was in (see `cuts`): a node is in
    /// the current one when this is `cuts`, so no marks need clearing.
    cut_off: Vec<usize>,
    /// Number of calls of [`Simplex::cut_off_subtree`] so far.
    cuts: usize,
    /// Cut value of each tree edge.
    cut: Vec<i64>,
    /// The tree edges, each in a slot of its own: an entering edge takes the slot of the
    /// edge it replaces. The search for a leaving edge goes round the slots, so it never
    /// looks at the non-tree edges (with the virtual root, as many as the graph's own
    /// edges); going round them also takes fewer exchanges than going round the edge ids
    /// (3,088 against 3,213 on the generated 3,000-component model).
    tree_edges: Vec<usize>,
    /// The slot where the cyclic search for a leaving edge resumes.
    search_from: usize,
    /// The nodes of the subtree cut off by the leaving edge (kept between exchanges to save
    /// allocating it every time).
    nodes: Vec<usize>,
}

impl Simplex {
    /// Merges parallel edges and starts from longest-path ranks.
    fn new(n: usize, edges: &[(usize, usize, i64)]) -> Simplex {
        // Edges by tail (in buckets), then by head within each tail: the order of their ids.
        let by_tail = Buckets::new(n, || {
            edges
                .iter()
                .filter(|&&(u, v, _)| u != v)
                .map(|&(u, v, w)| (u, (v, w)))
        });
        let mut merged: Vec<Edge> = Vec::with_capacity(by_tail.items().len());
        let mut heads = Vec::new();
        for tail in 0..n {
            heads.clear();
            heads.extend_from_slice(by_tail.of(tail));
            heads.sort_unstable_by_key(|&(head, _)| head);
            for &(head, weight) in &heads {
                match merged.last_mut() {
                    Some(e) if e.tail == tail && e.head == head => e.weight += weight,
                    _ => merged.push(Edge { tail, head, weight }),
                }
            }
        }
        // Each node's edges as (other end, edge id), in edge order.
        let ends = || merged.iter().enumerate();
        let outs = Buckets::new(n, || ends().map(|(i, e)| (e.tail, (e.head, i))));
        let ins = Buckets::new(n, || ends().map(|(i, e)| (e.head, (e.tail, i))));
        let rank = longest_path(n, &outs);
        let m = merged.len();
        Simplex {
            edges: merged,
            ins,
            outs,
            rank,
            in_tree: vec![false; m],
            parent: vec![NONE; n],
            parent_edge: vec![NONE; n],
            first_child: vec![NONE; n],
            next_sibling: vec![NONE; n],
            prev_sibling: vec![NONE; n],
            passed: vec![0; n],
            meetings: 0,
            cut_off: vec![0; n],
            cuts: 0,
            cut: vec![0; m],
            tree_edges: Vec::new(),
            search_from: 0,
            nodes: Vec::new(),
        }
    }

    fn slack(&self, e: usize) -> i64 {
        let Edge { tail, head, .. } = self.edges[e];
        self.rank[head] - self.rank[tail] - 1
    }

    /// The edges at `v`, out of it and into it, each as its other end and its id.
    fn incident(&self, v: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.outs.of(v).iter().chain(self.ins.of(v)).copied()
    }

    /// Builds a spanning forest of tight edges (the paper's `feasible_tree`): grows a tree
    /// over tight edges from the highest-indexed node left, and while some edge leaves it,
    /// shifts the tree's ranks to make the least-slack such edge tight. Starting from the
    /// virtual root (the last node), whose longest-path ranks make every node tight to a
    /// predecessor, the first tree already spans the graph.
    fn feasible_tree(&mut self, steps: &mut usize, budget: usize) -> Option<()> {
        let n = self.rank.len();
        let mut member = vec![false; n];
        for start in (0..n).rev() {
            if member[start] {
                continue;
            }
            member[start] = true;
            let mut tree = vec![start];
            loop {
                self.grow_tight(&mut tree, &mut member);
                let Some(e) = self.least_slack_leaving(&tree, &member) else {
                    break;
                };
                *steps += 1;
                if *steps > budget {
                    return None;
                }
                let delta = if member[self.edges[e].tail] {
                    self.slack(e)
                } else {
                    -self.slack(e)
                };
                for &v in &tree {
                    self.rank[v] += delta;
                }
            }
        }
        Some(())
    }

    /// Adds to `tree` every node reachable from it over tight edges, making those edges
    /// tree edges.
    fn grow_tight(&mut self, tree: &mut Vec<usize>, member: &mut [bool]) {
        let mut stack = tree.clone();
        while let Some(v) = stack.pop() {
            for k in self.outs.range(v) {
                let (other, e) = self.outs.items()[k];
                self.join_if_tight(other, e, tree, &mut stack, member);
            }
            for k in self.ins.range(v) {
                let (other, e) = self.ins.items()[k];
                self.join_if_tight(other, e, tree, &mut stack, member);
            }
        }
    }

    /// Makes `e` a tree edge and puts `other`, its end outside the tree, in `tree` and on
    /// `stack` when `e` is tight.
    fn join_if_tight(
        &mut self,
        other: usize,
        e: usize,
        tree: &mut Vec<usize>,
        stack: &mut Vec<usize>,
        member: &mut [bool],
    ) {
        if member[other] || self.slack(e) != 0 {
            return;
        }
        member[other] = true;
        self.in_tree[e] = true;
        tree.push(other);
        stack.push(other);
    }

    /// The edge with one end in the tree and the least slack (lowest id on ties).
    fn least_slack_leaving(&self, tree: &[usize], member: &[bool]) -> Option<usize> {
        tree.iter()
            .flat_map(|&v| self.incident(v))
            .filter(|&(other, _)| !member[other])
            .map(|(_, e)| e)
            .min_by_key(|&e| (self.slack(e), e))
    }

    /// Exchanges tree edges while one has a negative cut value.
    fn optimise(&mut self, steps: &mut usize, budget: usize) -> Option<()> {
        self.hang_and_cut();
        while let Some(slot) = self.leave_slot() {
            *steps += 1;
            if *steps > budget {
                return None;
            }
            let enter = self.enter_edge(self.tree_edges[slot]);
            self.exchange(slot, enter);
        }
        Some(())
    }

    /// Hangs every tree of the forest from its highest node (parents and child lists), sets
    /// every rank from its root along the tight tree edges, computes all cut values and puts
    /// the tree edges in slots in id order. The
    /// virtual root of [`network_simplex`], the highest node, is thus never in a cut-off
    /// subtree, whose edges [`Simplex::enter_edge`] goes through.
    fn hang_and_cut(&mut self) {
        let n = self.rank.len();
        self.first_child.fill(NONE);
        let mut seen = vec![false; n];
        // Parents before children.
        let mut order = Vec::with_capacity(n);
        for r in (0..n).rev() {
            if seen[r] {
                continue;
            }
            self.parent[r] = NONE;
            self.parent_edge[r] = NONE;
            let start = order.len();
            self.hang_below(r, &mut order);
            for &v in &order[start..] {
                seen[v] = true;
            }
        }
        self.compute_cuts(&order);
        self.tree_edges = (0..self.edges.len()).filter(|&e| self.in_tree[e]).collect();
        self.search_from = 0;
    }

    /// Sets the parents and ranks of the nodes below `r` from `r`'s own, along the tree
    /// edges other than `r`'s parent edge; appends `r` and those nodes to `nodes`, parents
    /// before children.
    fn hang_below(&mut self, r: usize, nodes: &mut Vec<usize>) {
        let mut next = nodes.len();
        nodes.push(r);
        while let Some(&v) = nodes.get(next) {
            next += 1;
            for k in self.outs.range(v) {
                let (child, e) = self.outs.items()[k];
                self.hang(child, v, e, 1, nodes);
            }
            for k in self.ins.range(v) {
                let (child, e) = self.ins.items()[k];
                self.hang(child, v, e, -1, nodes);
            }
        }
    }

    /// When `e` is a tree edge other than `v`'s parent edge, makes it the parent edge of its
    /// other end `child`, one rank from `v` in the direction `step`, and appends `child` to
    /// `nodes`.
    fn hang(&mut self, child: usize, v: usize, e: usize, step: i64, nodes: &mut Vec<usize>) {
        if self.in_tree[e] && e != self.parent_edge[v] {
            self.rank[child] = self.rank[v] + step;
            self.attach(child, v, e);
            nodes.push(child);
        }
    }

    /// Computes every cut value from scratch, going through `order` (parents before
    /// children) backwards.
    fn compute_cuts(&mut self, order: &[usize]) {
        // Subtree sums of out-weight minus in-weight; a tree edge's cut value is the sum of
        // its child's subtree, negated when the edge points into the child.
        let mut flow = vec![0i64; self.rank.len()];
        for e in &self.edges {
            flow[e.tail] += e.weight;
            flow[e.head] -= e.weight;
        }
        for &v in order.iter().rev() {
            let e = self.parent_edge[v];
            if e != NONE {
                self.cut[e] = if self.edges[e].tail == v {
                    flow[v]
                } else {
                    -flow[v]
                };
                flow[self.parent[v]] += flow[v];
            }
        }
    }

    /// The slot of a tree edge with a negative cut value, searched cyclically from where the
    /// last search stopped (as the paper suggests, to avoid favouring low ids).
    fn leave_slot(&mut self) -> Option<usize> {
        let slots = self.tree_edges.len();
        let found = (self.search_from..slots)
            .chain(0..self.search_from)
            .find(|&k| self.cut[self.tree_edges[k]] < 0)?;
        self.search_from = (found + 1) % slots;
        Some(found)
    }

    /// The end of tree edge `e` that is the other's child.
    fn child_end(&self, e: usize) -> usize {
        let Edge { tail, head, .. } = self.edges[e];
        if self.parent_edge[tail] == e {
            tail
        } else {
            head
        }
    }

    /// Makes `v` (a root) a child of `p` through tree edge `e`.
    fn attach(&mut self, v: usize, p: usize, e: usize) {
        self.parent[v] = p;
        self.parent_edge[v] = e;
        let first = self.first_child[p];
        self.next_sibling[v] = first;
        self.prev_sibling[v] = NONE;
        if first != NONE {
            self.prev_sibling[first] = v;
        }
        self.first_child[p] = v;
    }

    /// Takes `v` out of its parent's child list, making it a root.
    fn detach(&mut self, v: usize) {
        let (prev, next) = (self.prev_sibling[v], self.next_sibling[v]);
        if prev == NONE {
            self.first_child[self.parent[v]] = next;
        } else {
            self.next_sibling[prev] = next;
        }
        if next != NONE {
            self.prev_sibling[next] = prev;
        }
        self.parent[v] = NONE;
        self.parent_edge[v] = NONE;
    }

    /// Marks the subtree of `v` cut off (with a new stamp in `cut_off`) and puts its nodes in
    /// `self.nodes`, breadth-first.
    fn cut_off_subtree(&mut self, v: usize) {
        self.cuts += 1;
        let mut nodes = std::mem::take(&mut self.nodes);
        nodes.clear();
        nodes.push(v);
        let mut next = 0;
        while let Some(&u) = nodes.get(next) {
            next += 1;
            self.cut_off[u] = self.cuts;
            let mut c = self.first_child[u];
            while c != NONE {
                nodes.push(c);
                c = self.next_sibling[c];
            }
        }
        self.nodes = nodes;
    }

    /// A non-tree edge of least slack that goes from the head component of `leave` to its
    /// tail component (one exists because the cut value is negative): the first tight one
    /// found going through the cut-off subtree breadth-first, else the lowest-id one of
    /// least slack. Only the edges at nodes of the cut-off subtree are looked at (as in the
    /// paper's `enter_edge`); those nodes are left in `self.nodes` for [`Simplex::exchange`].
    ///
    /// About half the exchanges on large graphs find a tight edge, usually well before the
    /// end of the subtree, and stop looking there. Breadth-first finds one near the
    /// subtree's root, so the path that turns around is short; it also takes fewer
    /// exchanges (3,088 on the generated 3,000-component model, against 3,666 taking the
    /// lowest-id tight edge and 3,205 going depth-first).
    fn enter_edge(&mut self, leave: usize) -> usize {
        let child = self.child_end(leave);
        self.cut_off_subtree(child);
        // From the head component into the tail component: into the subtree when it is the
        // tail component, out of it otherwise. `leave` itself crosses the other way, so every
        // edge found with its other end outside the subtree is a non-tree edge.
        let into = child == self.edges[leave].tail;
        let crossing = if into { &self.ins } else { &self.outs };
        let sign = if into { 1 } else { -1 };
        let (mut least, mut best) = (i64::MAX, NONE);
        for &v in &self.nodes {
            let rank = sign * self.rank[v];
            for &(other, e) in crossing.of(v) {
                if self.cut_off[other] == self.cuts {
                    continue;
                }
                let slack = rank - sign * self.rank[other] - 1;
                if slack < least || (slack == least && e < best) {
                    if slack == 0 {
                        return e;
                    }
                    (least, best) = (slack, e);
                }
            }
        }
        assert_ne!(
            best, NONE,
            "a negative cut value has an edge back across the cut"
        );
        best
    }

    /// Replaces the tree edge `leave` in `slot` with `enter` (found by
    /// [`Simplex::enter_edge`], whose cut-off subtree is still in `self.nodes`) and brings
    /// the tree up to date incrementally (the paper's `update`): only the cut values on the
    /// cycle that `enter` closes change, the cut-off subtree moves as one (its tree edges
    /// stay tight) to make `enter` tight, and only the parents on its path from `enter` to
    /// `leave` turn around.
    fn exchange(&mut self, slot: usize, enter: usize) {
        let leave = self.tree_edges[slot];
        let cut = self.cut[leave];
        self.shift_cuts(enter, cut);
        self.cut[enter] = -cut;
        let child = self.child_end(leave);
        let Edge { tail, head, .. } = self.edges[enter];
        // `enter` points into the cut-off subtree when that is `leave`'s tail component.
        let (inside, outside) = if child == self.edges[leave].tail {
            (head, tail)
        } else {
            (tail, head)
        };
        let shift = self.rank[outside] - self.rank[inside] + if tail == outside { 1 } else { -1 };
        if shift != 0 {
            for &v in &self.nodes {
                self.rank[v] += shift;
            }
        }
        self.in_tree[leave] = false;
        self.in_tree[enter] = true;
        self.tree_edges[slot] = enter;
        self.reroot(inside, outside, enter, leave);
    }

    /// Hangs the cut-off subtree from `outside` through `enter` at its node `inside`: the
    /// parents on the path from `inside` up to the subtree's old root (whose parent edge was
    /// `leave`) turn around.
    fn reroot(&mut self, inside: usize, outside: usize, enter: usize, leave: usize) {
        let (mut v, mut p, mut up) = (inside, outside, enter);
        loop {
            let (old_p, old_up) = (self.parent[v], self.parent_edge[v]);
            self.detach(v);
            self.attach(v, p, up);
            if old_up == leave {
                return;
            }
            (v, p, up) = (old_p, v, old_up);
        }
    }

    /// Adds `delta` to the cut value of each tree edge on the path from `enter`'s tail to its
    /// head that points along the path, and subtracts it from each that points against it.
    ///
    /// Exchanging `leave` (cut value `c`) for `enter` changes the cut values on that path by
    /// exactly this with `delta = c`; `leave` itself points against the path (`enter`
    /// crosses its cut the other way), so it comes out at zero.
    fn shift_cuts(&mut self, enter: usize, delta: i64) {
        let Edge {
            tail: mut a,
            head: mut b,
            ..
        } = self.edges[enter];
        let top = self.meet(a, b);
        while a != top {
            a = self.climb(a, delta);
        }
        while b != top {
            b = self.climb(b, -delta);
        }
    }

    /// The nearest common ancestor of `a` and `b` (in one tree): climbs from both by turns,
    /// stamping the nodes passed, until one climber comes to a node the other has passed.
    /// Taking turns keeps the climbing within about twice the longer leg of the path between
    /// them, however deep it lies, and needs no depths (which re-hanging a subtree would
    /// have to renew).
    fn meet(&mut self, a: usize, b: usize) -> usize {
        self.meetings += 1;
        // Stamps of this meeting, one per climber; older stamps are all smaller.
        let stamp = [2 * self.meetings, 2 * self.meetings + 1];
        let mut at = [a, b];
        self.passed[a] = stamp[0];
        if a == b {
            return a;
        }
        self.passed[b] = stamp[1];
        loop {
            for side in 0..2 {
                let up = self.parent[at[side]];
                if up == NONE {
                    continue;
                }
                if self.passed[up] == stamp[1 - side] {
                    return up;
                }
                self.passed[up] = stamp[side];
                at[side] = up;
            }
        }
    }

    /// Adds `delta` to the cut value of `v`'s parent edge when it points up and subtracts it
    /// when it points down; returns `v`'s parent.
    fn climb(&mut self, v: usize, delta: i64) -> usize {
        let e = self.parent_edge[v];
        self.cut[e] += if self.edges[e].tail == v {
            delta
        } else {
            -delta
        };
        self.parent[v]
    }
}

/// Longest-path ranks: each node one past its highest predecessor (Kahn's order, lowest index
/// first, so the result is deterministic), given each node's out-edges.
fn longest_path(n: usize, outs: &Buckets<(usize, usize)>) -> Vec<i64> {
    let mut indeg = vec![0usize; n];
    for &(w, _) in outs.items() {
        indeg[w] += 1;
    }
    let mut rank = vec![0i64; n];
    let mut ready: Vec<usize> = (0..n).rev().filter(|&v| indeg[v] == 0).collect();
    while let Some(v) = ready.pop() {
        for &(w, _) in outs.of(v) {
            rank[w] = rank[w].max(rank[v] + 1);
            indeg[w] -= 1;
            if indeg[w] == 0 {
                ready.push(w);
            }
        }
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

    /// Unit-weight edges.
    fn unit(edges: &[(usize, usize)]) -> Vec<(usize, usize, i64)> {
        edges.iter().map(|&(u, v)| (u, v, 1)).collect()
    }

    /// Ranks computed with unit weights.
    fn solve(n: usize, edges: &[(usize, usize)], budget: usize) -> Option<Vec<usize>> {
        network_simplex(n, &unit(edges), budget)
    }

    fn total_length(edges: &[(usize, usize)], rank: &[usize]) -> usize {
        edges.iter().map(|&(u, v)| rank[v] - rank[u]).sum()
    }

    #[test]
    fn shortens_what_longest_path_stretches() {
        // 0→1→2→3→4 and 5→4, 5→6: longest path puts 5 at rank 0 (length 4 to node 4); the
        // optimum moves 5 and 6 along, total 4 + 1 + 1 = 6 against 4 + 4 + 1 = 9.
        let edges = [(0, 1), (1, 2), (2, 3), (3, 4), (5, 4), (5, 6)];
        let lp: Vec<usize> = longest_path(7, &Simplex::new(7, &unit(&edges)).outs)
            .iter()
            .map(|&r| r as usize)
            .collect();
        assert_eq!(total_length(&edges, &lp), 9);
        let r = solve(7, &edges, 1000).expect("within budget");
        assert_eq!(total_length(&edges, &r), 6);
        assert_eq!(solve(7, &edges, 0), None, "needs a step beyond the budget");
    }

    #[test]
    fn moves_a_node_towards_its_many_successors() {
        // Chain 0→…→5; node 6 hangs off 0 and feeds 7, 8, 9, which 4 also feeds. Longest path
        // keeps 6 at rank 1 (total 21); the optimum moves it to rank 4 (total 15).
        let mut edges = vec![(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (0, 6)];
        edges.extend([7, 8, 9].iter().flat_map(|&t| [(6, t), (4, t)]));
        let r = solve(10, &edges, 1000).expect("within budget");
        assert_eq!(r[6], 4);
        assert_eq!(total_length(&edges, &r), 15);
    }

    #[test]
    fn weights_pull_towards_heavier_edges() {
        // Node 5 hangs between 0 (rank 0) and 4 (rank 4): two parallel edges to 4 outweigh
        // the one from 0, and two from 0 outweigh the one to 4.
        let chain = [(0, 1), (1, 2), (2, 3), (3, 4)];
        let heavy_out = [&chain[..], &[(0, 5), (5, 4), (5, 4)]].concat();
        let r = solve(6, &heavy_out, 1000).expect("within budget");
        assert_eq!(r[5], 3);
        let heavy_in = [&chain[..], &[(0, 5), (0, 5), (5, 4)]].concat();
        let r = solve(6, &heavy_in, 1000).expect("within budget");
        assert_eq!(r[5], 1);
    }

    #[test]
    fn every_edge_points_forward_and_components_start_at_zero() {
        let edges = [
            (0, 2),
            (1, 2),
            (2, 3),
            (1, 3),
            (4, 5),
            (6, 5),
            (6, 7),
            (7, 5),
        ];
        let r = solve(9, &edges, 1000).expect("within budget");
        assert!(edges.iter().all(|&(u, v)| r[u] < r[v]), "{r:?}");
        assert_eq!(r[..4].iter().min(), Some(&0));
        assert_eq!(r[4..8].iter().min(), Some(&0));
        assert_eq!(r[8], 0);
    }

    #[test]
    fn is_deterministic_and_bounded() {
        // A layered random-ish DAG: edges from lower to higher ids.
        let n = 60;
        let edges: Vec<(usize, usize)> = (0..n)
            .flat_map(|u| [(u, (u * 7 + 3) % n), (u, (u * 13 + 5) % n)])
            .filter(|&(u, v)| u < v)
            .collect();
        let a = solve(n, &edges, 10_000).expect("within budget");
        assert_eq!(Some(a.clone()), solve(n, &edges, 10_000));
        assert!(edges.iter().all(|&(u, v)| a[u] < a[v]));
        let lp = longest_path(n, &Simplex::new(n, &unit(&edges)).outs);
        let lp: Vec<usize> = lp.iter().map(|&r| r as usize).collect();
        assert!(total_length(&edges, &a) <= total_length(&edges, &lp));
    }

    #[test]
    fn matches_exhaustive_search_on_small_graphs() {
        // Every DAG on five nodes from a fixed family of edge sets, weights 1 to 3: the
        // solver's ranks are the assignment of ranks 0..5 of least total length and, among
        // those, of least rank sum (which is unique, so any correct solver finds it).
        let n = 5;
        let pairs: Vec<(usize, usize)> = (0..n)
            .flat_map(|u| (u + 1..n).map(move |v| (u, v)))
            .collect();
        for mask in (1u32..1 << pairs.len()).step_by(11) {
            let edges: Vec<(usize, usize, i64)> = pairs
                .iter()
                .enumerate()
                .filter(|(k, _)| mask >> k & 1 == 1)
                .map(|(k, &(u, v))| (u, v, 1 + (k as i64 % 3)))
                .collect();
            let length = |r: &[usize]| -> i64 {
                edges
                    .iter()
                    .map(|&(u, v, w)| w * (r[v] as i64 - r[u] as i64))
                    .sum()
            };
            let best = (0..n.pow(n as u32))
                .map(|code| {
                    (0..n)
                        .map(|k| code / n.pow(k as u32) % n)
                        .collect::<Vec<_>>()
                })
                .filter(|r| edges.iter().all(|&(u, v, _)| r[u] < r[v]))
                .min_by_key(|r| (length(r), r.iter().sum::<usize>()));
            let r = network_simplex(n, &edges, 1000).expect("within budget");
            assert_eq!(Some(r), best, "edges {edges:?}");
        }
    }

    /// A DAG on 2 to 29 nodes in shuffled order, with up to three edges a node, weights 1
    /// to 3 (parallel edges allowed), and whether to add the virtual root.
    fn random_dag() -> impl Strategy<Value = (usize, Vec<(usize, usize, i64)>, bool)> {
        (2usize..30).prop_flat_map(|n| {
            let order = Just((0..n).collect::<Vec<usize>>()).prop_shuffle();
            let edges = prop::collection::vec((0..n, 0..n, 1i64..4), 0..3 * n);
            (Just(n), order, edges, any::<bool>()).prop_map(|(n, order, edges, rooted)| {
                let edges = edges
                    .into_iter()
                    .map(|(u, v, w)| (order[u.min(v)], order[u.max(v)], w))
                    .collect();
                (n, edges, rooted)
            })
        })
    }

    /// Whether the incremental state of `s` (parents, ranks and the cut values of
    /// tree edges) is what hanging the trees and cutting from scratch gives.
    fn matches_scratch(s: &Simplex) -> bool {
        let mut scratch = s.clone();
        scratch.hang_and_cut();
        let tree_cuts = |t: &Simplex| -> Vec<i64> {
            (0..t.edges.len())
                .filter(|&e| t.in_tree[e])
                .map(|e| t.cut[e])
                .collect()
        };
        s.parent_edge == scratch.parent_edge
            && s.rank == scratch.rank
            && tree_cuts(s) == tree_cuts(&scratch)
            && children_match_parents(s)
            && sorted(&s.tree_edges) == scratch.tree_edges
    }

    /// `v` in increasing order.
    fn sorted(v: &[usize]) -> Vec<usize> {
        let mut v = v.to_vec();
        v.sort_unstable();
        v
    }

    /// Whether each node's child list holds just the nodes whose parent it is.
    fn children_match_parents(s: &Simplex) -> bool {
        let n = s.rank.len();
        let mut listed = vec![NONE; n];
        for v in 0..n {
            let mut c = s.first_child[v];
            while c != NONE {
                if listed[c] != NONE || s.parent[c] != v {
                    return false;
                }
                listed[c] = v;
                c = s.next_sibling[c];
            }
        }
        listed == s.parent
    }

    /// A property-test runner of `cases` cases, seeded so every run draws the same ones.
    fn seeded_runner(cases: u32, seed: u8) -> TestRunner {
        TestRunner::new_with_rng(
            Config {
                cases,
                failure_persistence: None,
                ..Config::default()
            },
            TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]),
        )
    }

    #[test]
    fn incremental_update_matches_recomputation_after_every_exchange() {
        let mut runner = seeded_runner(400, 11);
        let exchanges = std::cell::Cell::new(0);
        runner
            .run(&random_dag(), |(n, edges, rooted)| {
                let mut s = if rooted {
                    Simplex::new(n + 1, &with_virtual_root(n, &edges))
                } else {
                    Simplex::new(n, &edges)
                };
                s.feasible_tree(&mut 0, usize::MAX).expect("no budget");
                s.hang_and_cut();
                while let Some(slot) = s.leave_slot() {
                    let leave = s.tree_edges[slot];
                    let enter = s.enter_edge(leave);
                    s.exchange(slot, enter);
                    exchanges.set(exchanges.get() + 1);
                    prop_assert!(matches_scratch(&s), "after {leave} → {enter} on {edges:?}");
                }
                Ok(())
            })
            .expect("the incremental update matches");
        let exchanges = exchanges.get();
        assert!(exchanges > 400, "only {exchanges} exchanges were checked");
    }

    #[test]
    fn ranks_do_not_depend_on_the_order_of_nodes() {
        // The optimum is unique, so renumbering the nodes (which changes every tie-break and
        // so the exchanges made) renumbers the ranks and changes nothing else.
        let mut runner = seeded_runner(300, 12);
        let relabelled = random_dag().prop_flat_map(|(n, edges, _)| {
            let order = Just((0..n).collect::<Vec<usize>>()).prop_shuffle();
            (Just(n), Just(edges), order)
        });
        runner
            .run(&relabelled, |(n, edges, order)| {
                let renamed: Vec<(usize, usize, i64)> = edges
                    .iter()
                    .map(|&(u, v, w)| (order[u], order[v], w))
                    .collect();
                let r = network_simplex(n, &edges, usize::MAX).expect("no budget");
                let s = network_simplex(n, &renamed, usize::MAX).expect("no budget");
                prop_assert!(
                    (0..n).all(|v| r[v] == s[order[v]]),
                    "{edges:?} as {order:?}"
                );
                Ok(())
            })
            .expect("the ranks are the same");
    }
}
