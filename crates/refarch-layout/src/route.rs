//! Orthogonal routing in the channels between layers.
//!
//! Every route is cut into one segment per channel it crosses. A segment leaves one stop
//! horizontally, runs along a vertical track in the channel and enters the next stop
//! horizontally (for left-to-right; axes swap for top-to-bottom). Ports on one side of a box
//! are spread in the order of their other ends, so neighbours do not cross. Tracks are
//! assigned as in Sander (2003): for every pair of segments whose vertical spans overlap,
//! the relative order that causes fewer crossings is preferred — an order that would make
//! two horizontal pieces run on top of each other is forbidden outright — cycles are broken
//! with the greedy feedback-arc-set heuristic, and each segment gets the lowest track above
//! all segments it must follow. Segments on one track never overlap.

use crate::buckets::Buckets;
use crate::bundle::{Join, fan_middles, share_ports};
use crate::coords::{Bands, OrderCoords};
use crate::cycles::weighted_fas_ranks;
use crate::graph::{Layered, Stop};

/// Which way a segment's horizontal piece runs from its track.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Att {
    /// The stop lies left of the track (the piece runs from the stop rightwards).
    Left,
    /// The stop lies right of the track.
    Right,
}

/// One route's piece in one channel.
#[derive(Clone, Debug)]
pub(crate) struct Seg {
    /// Route (link) index.
    pub(crate) route: usize,
    /// Channel index (channel `k` lies before layer `k`).
    pub(crate) ch: usize,
    /// The two stops and how each attaches.
    pub(crate) ends: [(Stop, Att); 2],
    /// Order-axis coordinate of each end's port.
    pub(crate) y: [f64; 2],
    /// Track in the channel, `None` for a straight segment.
    pub(crate) track: Option<usize>,
    /// For each end at a zone's border, whether its port sits in the band at the zone's
    /// trailing end across the flow (its bottom, or right) rather than its leading end.
    pub(crate) trail: [bool; 2],
    /// How the segment joins a bundle, sharing one end's port with the bundle's first
    /// segment ([`crate::bundle`]); `None` when it is drawn alone or is that first.
    pub(crate) join: Option<Join>,
}

impl Seg {
    /// Whether end `e` shares another segment's port (and so has none of its own).
    pub(crate) fn joined(&self, e: usize) -> bool {
        self.join.is_some_and(|j| j.end == e)
    }
}

/// A side that ports are spread along.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Side {
    /// An item's trailing side (right, or bottom).
    ItemHi(usize),
    /// An item's leading side.
    ItemLo(usize),
    /// A zone's trailing border.
    ZoneHi(usize),
    /// A zone's leading border.
    ZoneLo(usize),
}

impl Side {
    /// A number for each side of a graph of `items` items: the items' sides, then the zones'
    /// borders, two each.
    pub(crate) fn index(self, items: usize) -> usize {
        match self {
            Side::ItemHi(i) => 2 * i,
            Side::ItemLo(i) => 2 * i + 1,
            Side::ZoneHi(z) => 2 * (items + z),
            Side::ZoneLo(z) => 2 * (items + z) + 1,
        }
    }
}

/// The side of `stop` that a segment attached at `att` meets.
pub(crate) fn side_of(stop: Stop, att: Att) -> Side {
    match (stop, att) {
        (Stop::Item(i), Att::Left) => Side::ItemHi(i),
        (Stop::Item(i), Att::Right) => Side::ItemLo(i),
        (Stop::ZoneHi(z), _) => Side::ZoneHi(z),
        (Stop::ZoneLo(z), _) => Side::ZoneLo(z),
    }
}

/// Cuts every route into channel segments. A turn (two items of one layer) runs along the
/// channel after its layer, or before it when the pair is in `turns_before` (sorted).
pub(crate) fn segments(g: &Layered, turns_before: &[(usize, usize)]) -> Vec<Seg> {
    let before = |a: Stop, b: Stop| match (a, b) {
        (Stop::Item(a), Stop::Item(b)) => turns_before.binary_search(&(a.min(b), a.max(b))).is_ok(),
        _ => false,
    };
    let mut out = Vec::new();
    for (r, route) in g.routes.iter().enumerate() {
        for w in route.stops.windows(2) {
            let (ch, att) = placed(g, w[0], w[1]).unwrap_or_else(|| {
                let p = g.pos(w[0]);
                let chpos = if before(w[0], w[1]) { p - 1 } else { p + 1 };
                (chpos / 2, [attach(w[0], p, chpos), attach(w[1], p, chpos)])
            });
            out.push(Seg {
                route: r,
                ch,
                ends: [(w[0], att[0]), (w[1], att[1])],
                y: [0.0; 2],
                track: None,
                trail: [false; 2],
                join: None,
            });
        }
    }
    out
}

/// The channel of a route's piece from stop `a` to stop `b` (in increasing position) and
/// how each end attaches, where the ordering has no say: `None` for a turn between two
/// items of one layer, which runs along the channel after the layer or before it.
pub(crate) fn placed(g: &Layered, a: Stop, b: Stop) -> Option<(usize, [Att; 2])> {
    let (pa, pb) = (g.pos(a), g.pos(b));
    let chpos = if pa % 2 == 0 {
        pa
    } else if pb % 2 == 0 {
        pb
    } else if pa == pb {
        return None;
    } else {
        pa + 1
    };
    Some((chpos / 2, [attach(a, pa, chpos), attach(b, pb, chpos)]))
}

/// How stop `s` at position `p` attaches to a segment in the channel at position `chpos`.
fn attach(s: Stop, p: usize, chpos: usize) -> Att {
    if p < chpos {
        Att::Left
    } else if p > chpos || matches!(s, Stop::ZoneLo(_)) {
        Att::Right
    } else {
        Att::Left
    }
}

/// One port: a segment's end on a side, and the room it needs along that side.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Port {
    pub(crate) seg: usize,
    pub(crate) end: usize,
    /// Room along the side, centred on the port.
    pub(crate) slot: f64,
}

/// Ports per side. A zone's border ports sit in one of two bands across the flow, at its
/// leading end (index 0) or its trailing end (index 1), next to their other ends.
#[derive(Clone, Debug)]
pub(crate) struct Ports {
    pub(crate) item_hi: Vec<Vec<Port>>,
    pub(crate) item_lo: Vec<Vec<Port>>,
    pub(crate) zone_hi: Vec<[Vec<Port>; 2]>,
    pub(crate) zone_lo: Vec<[Vec<Port>; 2]>,
    /// Room at each end of a side, beyond its ports' slots (half at each end).
    margin: f64,
}

impl Ports {
    /// Collects the ports of all segments; `slot(s, e)` is the room the port of end `e` of
    /// segment `s` needs, and `margin` the room left at the ends of each side.
    pub(crate) fn new(
        g: &Layered,
        segs: &[Seg],
        slot: impl Fn(usize, usize) -> f64,
        margin: f64,
    ) -> Ports {
        let n = g.items.len();
        let nz = g.zones.len();
        let mut p = Ports {
            item_hi: vec![Vec::new(); n],
            item_lo: vec![Vec::new(); n],
            zone_hi: vec![Default::default(); nz],
            zone_lo: vec![Default::default(); nz],
            margin,
        };
        for (s, seg) in segs.iter().enumerate() {
            for (e, &(stop, att)) in seg.ends.iter().enumerate() {
                if seg.joined(e) {
                    continue;
                }
                p.list_mut(side_of(stop, att), seg.trail[e]).push(Port {
                    seg: s,
                    end: e,
                    slot: slot(s, e),
                });
            }
        }
        p
    }

    /// The ports of `side` (in the trailing band, for a zone's border, when `trail`).
    fn list_mut(&mut self, side: Side, trail: bool) -> &mut Vec<Port> {
        let band = usize::from(trail);
        match side {
            Side::ItemHi(i) => &mut self.item_hi[i],
            Side::ItemLo(i) => &mut self.item_lo[i],
            Side::ZoneHi(z) => &mut self.zone_hi[z][band],
            Side::ZoneLo(z) => &mut self.zone_lo[z][band],
        }
    }

    /// Length a side needs for its ports: their slots plus the margin (none when empty).
    fn need(&self, list: &[Port]) -> f64 {
        if list.is_empty() {
            return 0.0;
        }
        list.iter().map(|p| p.slot).sum::<f64>() + self.margin
    }

    /// The length item `i` needs along the order axis to hold the ports of either side.
    pub(crate) fn item_need(&self, i: usize) -> f64 {
        self.need(&self.item_hi[i]).max(self.need(&self.item_lo[i]))
    }

    /// Moves each zone border port into the band its segment end asks for
    /// ([`Seg::trail`]).
    pub(crate) fn band(&mut self, segs: &[Seg]) {
        for list in self.zone_hi.iter_mut().chain(self.zone_lo.iter_mut()) {
            let all = list.iter_mut().flat_map(std::mem::take);
            let (trail, lead) = all.partition(|p| segs[p.seg].trail[p.end]);
            *list = [lead, trail];
        }
    }

    /// The lengths zone `z`'s leading and trailing port bands need to hold the ports of
    /// either border.
    pub(crate) fn zone_need(&self, z: usize) -> [f64; 2] {
        [0, 1].map(|b| {
            self.need(&self.zone_hi[z][b])
                .max(self.need(&self.zone_lo[z][b]))
        })
    }
}

/// Gives every segment end its port coordinate along the order axis (a joined end its
/// bundle's port).
pub(crate) fn place_ports(
    g: &Layered,
    segs: &mut [Seg],
    ports: &Ports,
    c: &OrderCoords,
    bands: &Bands,
) {
    // The middle of the side (or band) that end `e` of segment `s` attaches to.
    let center = |seg: &Seg, e: usize| -> f64 {
        match seg.ends[e].0 {
            Stop::Item(i) => c.item[i] + g.items[i].osize / 2.0,
            Stop::ZoneHi(z) | Stop::ZoneLo(z) => {
                let (start, len) = bands.span(c, z, seg.trail[e]);
                start + len / 2.0
            }
        }
    };
    // Ports go in the order of their other ends, each in its slot, slots scaled to fill the
    // side. A segment that turns back to a stop on the same side (a link within one layer,
    // but not a self-loop) is an arc: arcs to one side nest only when the farther end takes
    // the outer port, so those come first going left, last going right.
    // A bundle's shared port sits among the ports of its side by the middle of the
    // bundle's other ends.
    let fans = fan_middles(segs, |seg, e| Some(center(seg, e)));
    let key = |segs: &[Seg], s: usize, e: usize| -> (u8, f64) {
        let other = match fans[s] {
            Some((shared, middle)) if shared == e => middle,
            _ => center(&segs[s], 1 - e),
        };
        let own = center(&segs[s], e);
        if segs[s].ends[0].1 != segs[s].ends[1].1 || other == own {
            (1, other)
        } else if other < own {
            (0, -other)
        } else {
            (2, -other)
        }
    };
    // One buffer for every side's ports: a new one per side (a few ports each) once cost a
    // sixth of a 1,000-component layout in the allocator's slow path.
    let mut l: Vec<((u8, f64), Port)> = Vec::new();
    let mut spread = |list: &[Port], start: f64, extent: f64| {
        l.clear();
        l.extend(list.iter().map(|&p| (key(segs, p.seg, p.end), p)));
        // Parallel arcs nest when the order of their segments is mirrored at the two ends.
        l.sort_by(|a, b| {
            let (sa, sb) = ((a.1.seg, a.1.end), (b.1.seg, b.1.end));
            let by_segment = if a.0.0 == 0 { sb.cmp(&sa) } else { sa.cmp(&sb) };
            (a.0.0.cmp(&b.0.0))
                .then(a.0.1.total_cmp(&b.0.1))
                .then(by_segment)
        });
        let scale = extent / ports.need(list).max(1e-9);
        let mut at = ports.margin / 2.0;
        for &(_, p) in &l {
            let y = start + (at + p.slot / 2.0) * scale;
            at += p.slot;
            segs[p.seg].y[p.end] = (y * 2.0).round() / 2.0;
        }
    };
    for i in 0..g.items.len() {
        spread(&ports.item_hi[i], c.item[i], g.items[i].osize);
        spread(&ports.item_lo[i], c.item[i], g.items[i].osize);
    }
    for z in 0..g.zones.len() {
        for trail in [false, true] {
            let (start, len) = bands.span(c, z, trail);
            let band = usize::from(trail);
            spread(&ports.zone_hi[z][band], start, len);
            spread(&ports.zone_lo[z][band], start, len);
        }
    }
    // Joined ends take their bundle's ports.
    share_ports(segs);
}

const BIG: usize = 64;

/// A multiset of port coordinates compared with `==` (0.0 and -0.0 are one level, NaN is never
/// found), for looking a coordinate up without scanning a channel's ports: their keys, sorted.
struct Levels(Vec<u64>);

impl Levels {
    /// The key of `y`, or `None` for NaN (equal to nothing).
    fn key(y: f64) -> Option<u64> {
        if y.is_nan() {
            None
        } else if y == 0.0 {
            Some(0)
        } else {
            Some(y.to_bits())
        }
    }

    /// The levels of `ys`.
    fn of(ys: Vec<f64>) -> Levels {
        let mut keys: Vec<u64> = ys.into_iter().filter_map(Levels::key).collect();
        keys.sort_unstable();
        Levels(keys)
    }

    /// Where the keys equal to `k` lie.
    fn run(&self, k: u64) -> std::ops::Range<usize> {
        let start = self.0.partition_point(|&x| x < k);
        start..start + self.0[start..].partition_point(|&x| x == k)
    }

    fn add(&mut self, y: f64) {
        if let Some(k) = Levels::key(y) {
            let at = self.0.partition_point(|&x| x < k);
            self.0.insert(at, k);
        }
    }

    /// Removes one `y`; whether there was one.
    fn remove(&mut self, y: f64) -> bool {
        let Some(run) = Levels::key(y).map(|k| self.run(k)) else {
            return false;
        };
        if run.is_empty() {
            return false;
        }
        self.0.remove(run.start);
        true
    }

    /// How many ports lie at `y`.
    fn count(&self, y: f64) -> usize {
        Levels::key(y).map_or(0, |k| self.run(k).len())
    }
}

/// Moves box and zone ports off the coordinates of ports on the other side of their channel
/// (other than their own segment's), so that no two horizontal pieces can be forced onto one
/// line whichever way their tracks are ordered. A bundle's shared port moves with its first
/// segment, and passes on to the rest ([`share_ports`]).
pub(crate) fn nudge_ports(
    g: &Layered,
    segs: &mut [Seg],
    by_ch: &[Vec<usize>],
    c: &OrderCoords,
    bands: &Bands,
) {
    for idx in by_ch {
        for att in [Att::Right, Att::Left] {
            // Ports of the opposite attachment, and ports of this one (must stay distinct).
            let (mut same_ys, mut other_ys) = (Vec::new(), Vec::new());
            for &s in idx {
                for e in (0..2).filter(|&e| !segs[s].joined(e)) {
                    let ys = if segs[s].ends[e].1 == att {
                        &mut same_ys
                    } else {
                        &mut other_ys
                    };
                    ys.push(segs[s].y[e]);
                }
            }
            let (other, mut same) = (Levels::of(other_ys), Levels::of(same_ys));
            for &s in idx {
                for e in 0..2 {
                    let (stop, a) = segs[s].ends[e];
                    if a != att || segs[s].joined(e) {
                        continue;
                    }
                    let (lo, hi) = match stop {
                        Stop::Item(i) if g.items[i].is_box() => {
                            (c.item[i] + 2.0, c.item[i] + g.items[i].osize - 2.0)
                        }
                        Stop::ZoneLo(z) | Stop::ZoneHi(z) => {
                            let (start, len) = bands.span(c, z, segs[s].trail[e]);
                            (start + 2.0, start + len - 2.0)
                        }
                        _ => continue,
                    };
                    let y0 = segs[s].y[e];
                    // The segment's own ends on the other side (which never move here).
                    let own = segs[s].ends.map(|end| end.1 != att);
                    let own_y = segs[s].y;
                    let clash = |y: f64| {
                        let own_at = (0..2).filter(|&o| own[o] && own_y[o] == y).count();
                        other.count(y) > own_at || (y != y0 && same.count(y) > 0)
                    };
                    if !clash(y0) {
                        continue;
                    }
                    for k in 1..40 {
                        let d = 0.5 * f64::from((k + 1) / 2) * if k % 2 == 1 { 1.0 } else { -1.0 };
                        let y = y0 + d;
                        if y >= lo && y <= hi && !clash(y) {
                            segs[s].y[e] = y;
                            if same.remove(y0) {
                                same.add(y);
                            }
                            break;
                        }
                    }
                }
            }
        }
    }
    share_ports(segs);
}

/// The tracks of the segments `idx` of one channel (of `segs`): each bent segment with its
/// track, and the number of tracks. Straight segments take none. The bent segments of one
/// bundle are one line on one track: they are weighed as one unit, with the ends of all of
/// them.
pub(crate) fn assign_tracks(segs: &[Seg], idx: &[usize], margin: f64) -> Tracks {
    let bent: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&s| {
            let sg = &segs[s];
            !((sg.y[0] - sg.y[1]).abs() < 1e-6 && sg.ends[0].1 != sg.ends[1].1)
        })
        .collect();
    // Units in the order of their first segment (a bundle's first leads it): runs of
    // `keyed` with one lead, and their ends (port, attachment; a bundle's shared port once),
    // back to back.
    let mut keyed: Vec<(usize, usize)> = bent
        .iter()
        .map(|&s| (segs[s].join.map_or(s, |j| j.lead), s))
        .collect();
    keyed.sort_unstable();
    let units: Vec<&[(usize, usize)]> = keyed.chunk_by(|a, b| a.0 == b.0).collect();
    let mut all_ends: Vec<(f64, Att)> = Vec::with_capacity(2 * keyed.len());
    let mut ends_at: Vec<usize> = Vec::with_capacity(units.len() + 1);
    for unit in &units {
        let first = all_ends.len();
        ends_at.push(first);
        for &(_, s) in *unit {
            for e in 0..2 {
                let end = (segs[s].y[e], segs[s].ends[e].1);
                if unit.len() == 1 || !all_ends[first..].contains(&end) {
                    all_ends.push(end);
                }
            }
        }
    }
    ends_at.push(all_ends.len());
    let ends = |u: usize| &all_ends[ends_at[u]..ends_at[u + 1]];
    let m = units.len();
    if m == 0 {
        return Tracks::default();
    }
    let spans: Vec<(f64, f64)> = (0..m)
        .map(|u| {
            ends(u)
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &(y, _)| {
                    (lo.min(y), hi.max(y))
                })
        })
        .collect();
    let span = |u: usize| spans[u];
    // Each span less the tolerance at both ends: an end strictly inside it is a crossing.
    let inner: Vec<(f64, f64)> = spans
        .iter()
        .map(|&(lo, hi)| (lo + 1e-6, hi - 1e-6))
        .collect();
    // The costs of `a` left of `b` and of `b` left of `a`, from one pass over their ends:
    // an end inside the other's span is a crossing in one of the two orders, and a right
    // end meeting a left end at one height makes one order all but impossible (`BIG`).
    let costs = |a: usize, b: usize| -> (usize, usize) {
        let (ends_a, ends_b) = (ends(a), ends(b));
        let ((a_lo, a_hi), (b_lo, b_hi)) = (inner[a], inner[b]);
        let (mut a_left, mut b_left) = (0, 0);
        for &(ya, att_a) in ends_a {
            let crosses = usize::from(ya > b_lo && ya < b_hi);
            match att_a {
                Att::Right => a_left += crosses,
                Att::Left => b_left += crosses,
            }
        }
        for &(yb, att_b) in ends_b {
            let crosses = usize::from(yb > a_lo && yb < a_hi);
            match att_b {
                Att::Left => a_left += crosses,
                Att::Right => b_left += crosses,
            }
        }
        for &(ya, att_a) in ends_a {
            for &(yb, att_b) in ends_b {
                if att_a != att_b && (yb - ya).abs() < 1e-6 {
                    match att_a {
                        Att::Right => a_left += BIG,
                        Att::Left => b_left += BIG,
                    }
                }
            }
        }
        (a_left, b_left)
    };
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| {
        let (sa, sb) = (span(a), span(b));
        sa.0.total_cmp(&sb.0)
            .then(sa.1.total_cmp(&sb.1))
            .then(a.cmp(&b))
    });
    // Sweep for overlapping pairs, and weigh each as it is found: the preferred order of
    // the two, weighted by how many crossings it saves (at most 4), and the orders forced.
    let mut edges: Vec<(usize, usize, i64)> = Vec::new();
    let mut forced: Vec<(usize, usize)> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut active: Vec<usize> = Vec::new();
    for &b in &order {
        let lo = span(b).0;
        active.retain(|&a| span(a).1 + margin >= lo);
        for &a in &active {
            pairs.push((a, b));
            let (c1, c2) = costs(a, b);
            let (u, v, w) = if c1 <= c2 {
                (a, b, c2 - c1)
            } else {
                (b, a, c1 - c2)
            };
            if c1.max(c2) >= BIG && c1.min(c2) < BIG {
                forced.push((u, v));
            }
            if w > 0 {
                edges.push((u, v, w.min(4) as i64));
            }
        }
        active.push(b);
    }
    let fas = weighted_fas_ranks(m, &edges);
    // Forced orders first: a topological order of the forced edges, ties by the FAS rank.
    let mut indeg = vec![0usize; m];
    let mut fout: Vec<Vec<usize>> = vec![Vec::new(); m];
    for &(u, v) in &forced {
        indeg[v] += 1;
        fout[u].push(v);
    }
    let mut heap: std::collections::BinaryHeap<std::cmp::Reverse<(usize, usize)>> = (0..m)
        .filter(|&v| indeg[v] == 0)
        .map(|v| std::cmp::Reverse((fas[v], v)))
        .collect();
    let mut rank = vec![usize::MAX; m];
    let mut next = 0;
    while let Some(std::cmp::Reverse((_, v))) = heap.pop() {
        rank[v] = next;
        next += 1;
        for &w in &fout[v] {
            indeg[w] -= 1;
            if indeg[w] == 0 {
                heap.push(std::cmp::Reverse((fas[w], w)));
            }
        }
    }
    let mut rest: Vec<usize> = (0..m).filter(|&v| rank[v] == usize::MAX).collect();
    rest.sort_by_key(|&v| fas[v]);
    for v in rest {
        rank[v] = next;
        next += 1;
    }
    // `rank` numbers the units 0..m.
    let mut by_rank = vec![0; m];
    for (v, &r) in rank.iter().enumerate() {
        by_rank[r] = v;
    }
    let preds = Buckets::new(m, || {
        pairs.iter().map(|&(a, b)| {
            let (u, v) = if rank[a] < rank[b] { (a, b) } else { (b, a) };
            (v, u)
        })
    });
    let mut track = vec![0usize; m];
    for &v in &by_rank {
        track[v] = preds.of(v).iter().map(|&u| track[u] + 1).max().unwrap_or(0);
    }
    Tracks {
        of: units
            .iter()
            .zip(&track)
            .flat_map(|(unit, &t)| unit.iter().map(move |&(_, s)| (s, t)))
            .collect(),
        count: track.iter().max().map_or(0, |t| t + 1),
    }
}

/// The tracks [`assign_tracks`] gives one channel's segments.
#[derive(Debug, Default)]
pub(crate) struct Tracks {
    /// Each bent segment and its track.
    pub(crate) of: Vec<(usize, usize)>,
    /// The number of tracks.
    pub(crate) count: usize,
}

/// Free space along a label lane: sorted occupied intervals, each tagged with the route it
/// belongs to (a label may cover its own route's line).
#[derive(Clone, Debug, Default)]
pub(crate) struct Lane {
    iv: Vec<(f64, f64, usize)>,
    max_len: f64,
}

impl Lane {
    /// Marks `lo..hi` as taken by `route`.
    pub(crate) fn take(&mut self, lo: f64, hi: f64, route: usize) {
        let p = self.iv.partition_point(|v| v.0 < lo);
        self.iv.insert(p, (lo, hi, route));
        self.max_len = self.max_len.max(hi - lo);
    }

    fn fits(&self, c: f64, h: f64, own: usize) -> bool {
        let (a, b) = (c - h / 2.0, c + h / 2.0);
        let start = self.iv.partition_point(|v| v.0 < a - self.max_len - 1.0);
        self.iv[start..]
            .iter()
            .take_while(|v| v.0 < b)
            .all(|v| v.2 == own || b <= v.0 || a >= v.1)
    }

    /// The free centre for an extent `h` nearest to `want`, ignoring `own`'s intervals; the
    /// extent is then taken.
    pub(crate) fn place(&mut self, want: f64, h: f64, own: usize) -> f64 {
        let c = if self.fits(want, h, own) {
            want
        } else {
            let p = self.iv.partition_point(|v| v.0 < want);
            let mut best: Option<f64> = None;
            let reach = self.max_len + h + 1.0;
            let (mut down, mut up) = (p, p);
            let (mut down_done, mut up_done) = (false, false);
            while !(down_done && up_done) {
                for side in 0..2 {
                    let j = if side == 0 {
                        if down_done || down == 0 {
                            down_done = true;
                            continue;
                        }
                        down -= 1;
                        down
                    } else {
                        if up_done || up >= self.iv.len() {
                            up_done = true;
                            continue;
                        }
                        up += 1;
                        up - 1
                    };
                    let (lo, hi, _) = self.iv[j];
                    if best.is_some_and(|b: f64| (lo - want).abs() > (b - want).abs() + reach) {
                        if side == 0 {
                            down_done = true;
                        } else {
                            up_done = true;
                        }
                        continue;
                    }
                    for cand in [lo - h / 2.0, hi + h / 2.0] {
                        if best.is_none_or(|b| (cand - want).abs() < (b - want).abs())
                            && self.fits(cand, h, own)
                        {
                            best = Some(cand);
                        }
                    }
                }
            }
            best.unwrap_or(want)
        };
        let c = (c * 2.0).round() / 2.0;
        if !self.fits(c, h, own) {
            // Rounding moved it onto a neighbour: fall back past everything.
            let end = self.iv.iter().map(|v| v.1).fold(c, f64::max) + h / 2.0 + 1.0;
            let end = end.ceil();
            self.take(end - h / 2.0, end + h / 2.0, usize::MAX);
            return end;
        }
        self.take(c - h / 2.0, c + h / 2.0, usize::MAX);
        c
    }
}

/// The tracks of a channel with the span each one's line covers across the flow, for
/// finding how close to the tracks a label may sit.
#[derive(Clone, Debug, Default)]
pub(crate) struct TrackSpans {
    /// (start, end, track), sorted by start once [`sort`](TrackSpans::sort) is called.
    spans: Vec<(f64, f64, usize)>,
    max_len: f64,
}

impl TrackSpans {
    /// Records that `track`'s line covers `lo..=hi`.
    pub(crate) fn add(&mut self, track: usize, lo: f64, hi: f64) {
        self.spans.push((lo, hi, track));
        self.max_len = self.max_len.max(hi - lo);
    }

    /// Sorts the spans; call once, after the last [`add`](TrackSpans::add).
    pub(crate) fn sort(&mut self) {
        self.spans.sort_by(|a, b| {
            a.0.total_cmp(&b.0)
                .then(a.1.total_cmp(&b.1))
                .then(a.2.cmp(&b.2))
        });
    }

    /// The last track whose line meets `lo..=hi`, if any.
    pub(crate) fn last_within(&self, lo: f64, hi: f64) -> Option<usize> {
        self.within(lo, hi).max()
    }

    /// The first track whose line meets `lo..=hi`, if any.
    pub(crate) fn first_within(&self, lo: f64, hi: f64) -> Option<usize> {
        self.within(lo, hi).min()
    }

    /// The tracks whose lines meet `lo..=hi`.
    fn within(&self, lo: f64, hi: f64) -> impl Iterator<Item = usize> {
        let start = self.spans.partition_point(|s| s.0 < lo - self.max_len);
        self.spans[start..]
            .iter()
            .take_while(move |s| s.0 <= hi)
            .filter(move |s| s.1 >= lo)
            .map(|s| s.2)
    }
}

#[cfg(test)]
mod tests {
    use super::Levels;

    #[test]
    fn levels_count_equal_coordinates_and_never_find_nan() {
        let mut levels = Levels::of(vec![3.0, -0.0, 3.0, f64::NAN, 1.5]);
        assert_eq!(levels.count(3.0), 2);
        // 0.0 and -0.0 are one level; NaN equals nothing.
        assert_eq!(levels.count(0.0), 1);
        assert_eq!(levels.count(f64::NAN), 0);
        assert!(levels.remove(3.0));
        assert_eq!(levels.count(3.0), 1);
        assert!(!levels.remove(2.0));
        levels.add(2.0);
        assert_eq!(levels.count(2.0), 1);
        assert_eq!(levels.count(1.5), 1);
    }
}
