//! The steps of a zone's blocks along the flow between them, for the `ByFlow` arrangement:
//! a block comes a step after every block whose links lead into it, and blocks that lead
//! into each other, directly or round a cycle, share a step.

use petgraph::Graph;
use petgraph::algo::tarjan_scc;

/// The step of each of `n` blocks, given the links between them (`from`, `to`, as block
/// indices; links within one block are ignored): the longest chain of blocks leading into
/// it, counting the blocks of a cycle as one. A block with no links is at step 0.
pub(crate) fn flow_steps(n: usize, links: impl IntoIterator<Item = (usize, usize)>) -> Vec<usize> {
    let mut graph: Graph<(), ()> = Graph::with_capacity(n, 0);
    let nodes: Vec<_> = (0..n).map(|_| graph.add_node(())).collect();
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (a, b) in links {
        if a != b && a < n && b < n && !into[b].contains(&a) {
            into[b].push(a);
            graph.add_edge(nodes[a], nodes[b], ());
        }
    }
    // Tarjan lists the strongly connected components in reverse topological order.
    let sccs = tarjan_scc(&graph);
    let mut scc_of = vec![0; n];
    for (k, scc) in sccs.iter().enumerate() {
        for v in scc {
            scc_of[v.index()] = k;
        }
    }
    let mut step = vec![0; n];
    for scc in sccs.iter().rev() {
        let k = scc_of[scc[0].index()];
        let here = scc
            .iter()
            .flat_map(|v| &into[v.index()])
            .filter(|&&a| scc_of[a] != k)
            .map(|&a| step[a] + 1)
            .max()
            .unwrap_or(0);
        for v in scc {
            step[v.index()] = here;
        }
    }
    step
}

#[cfg(test)]
mod tests {
    use super::flow_steps;

    #[test]
    fn blocks_follow_the_blocks_that_lead_into_them() {
        // Three sites report to a head office, which calls two services; a sixth block
        // has no links.
        let links = [(0, 3), (1, 3), (2, 3), (3, 4), (3, 5)];
        assert_eq!(flow_steps(7, links), vec![0, 0, 0, 1, 2, 2, 0]);
    }

    #[test]
    fn a_block_comes_after_its_longest_chain_of_predecessors() {
        assert_eq!(flow_steps(3, [(0, 1), (1, 2), (0, 2)]), vec![0, 1, 2]);
    }

    #[test]
    fn blocks_on_a_cycle_share_a_step() {
        // 1 and 2 link both ways; 0 leads into them and 3 follows them.
        let links = [(0, 1), (1, 2), (2, 1), (2, 3), (1, 1)];
        assert_eq!(flow_steps(4, links), vec![0, 1, 1, 2]);
    }
}
