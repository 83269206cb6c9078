//! Runs of tracks along the flow, each with a lane for labels: the channels between layers,
//! and inside each zone the runs along its leading and trailing borders that carry its own
//! turns (a loop between two boxes of a zone that ends at their layer), so that a
//! replication or gossip loop stays within its trust boundary.
//!
//! Places along a run are counted from its start: a channel's start past the borders of
//! the zones that end before it, a zone's runs from its content (its boxes and the child
//! zones that end with it) towards its border.

use rayon::prelude::*;

use crate::bundle::Bundles;
use crate::graph::{Layered, Stop};
use crate::route::{Att, Lane, Seg, TrackSpans, Tracks, assign_tracks, side_of};

/// Gap between a run's start or end and its first or last track.
pub(crate) const TRACK_MARGIN: f64 = 12.0;
/// Gap around label chips in their lane.
const LANE_PAD: f64 = 6.0;
/// Gap between a label chip and the end of its channel where its line crosses a zone border
/// there: room for the border's gate mark, which a chip at [`LANE_PAD`] would hide (the
/// renderer's ring reaches 3.5 past the border and keeps 3 clear of a chip).
const GATE_PAD: f64 = 7.0;

/// The least length of a channel whose lane holds a label `along` long along the flow:
/// [`Lanes::channel`] keeps at least [`LANE_PAD`] on either side of it, whether it sits
/// before the channel's tracks or after them.
pub(crate) fn least_channel(along: f64) -> f64 {
    along + 2.0 * LANE_PAD
}

/// Whether channel `ch` lies between two of `n_layers` layers (not before the first or after
/// the last).
pub(crate) fn between_layers(ch: usize, n_layers: usize) -> bool {
    ch != 0 && ch != n_layers
}

/// A run of tracks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Run {
    /// The channel before a layer (or after the last).
    Channel(usize),
    /// A zone's own turns along its trailing border, inside it.
    After(usize),
    /// A zone's own turns along its leading border, inside it.
    Before(usize),
}

/// Spacing the runs keep.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RunGaps {
    /// Between parallel tracks.
    pub(crate) edge: f64,
    /// The least length of a channel between two layers.
    pub(crate) layer: f64,
}

/// Where a label sits: its run, its centre across the flow, and its centre along the run.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ChipAt {
    pub(crate) run: usize,
    pub(crate) across: f64,
    pub(crate) along: f64,
}

/// Where a link's label sits: on segment `seg`, beside the port of its end `end` (a turn's,
/// whose ends attach on one side, sits at its middle when `end` is `None`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct LabelAt {
    pub(crate) seg: usize,
    pub(crate) end: Option<usize>,
}

impl LabelAt {
    /// Whether the label sits where its segment (of `segs`) leaves its stop, in the lane
    /// before the channel's tracks, rather than after them.
    fn leading(&self, segs: &[Seg]) -> bool {
        self.end
            .is_some_and(|e| segs[self.seg].ends[e].1 == Att::Left)
    }
}

/// Where each link's label sits on its segment `label_seg[r]`: beside the port where the
/// segment enters its next stop, unless the labels there would stretch that side of its box
/// by more than this label's width (say, the internet or a database that many labelled
/// links enter) and the label fits beside the port of the box the segment leaves without
/// stretching that one: then there. A bundle's label sits beside the port its links share
/// ([`Bundles::shared`]), always.
///
/// A label's port takes the label's extent across the flow plus 4 (`extent(r)` is along
/// the flow, then across it), every other port `edge`. Before the tracks a label may
/// lengthen the channel by its extent along the flow: labels longer along the flow than
/// across it (left to right) move only where all of their channel's labels move, as the
/// links of branch offices into one hub do, and then every such label into a stretched
/// side moves. Links are visited in order, so the result is deterministic.
pub(crate) fn label_ends(
    g: &Layered,
    segs: &[Seg],
    label_seg: &[Option<usize>],
    bundles: &Bundles,
    extent: impl Fn(usize) -> (f64, f64),
    edge: f64,
) -> Vec<Option<LabelAt>> {
    let mut at: Vec<Option<LabelAt>> = label_seg
        .iter()
        .zip(&bundles.shared)
        .map(|(&s, &shared)| {
            if let Some((seg, end)) = shared {
                return Some(LabelAt {
                    seg,
                    end: Some(end),
                });
            }
            let end = segs[s?].ends.iter().position(|e| e.1 == Att::Right);
            Some(LabelAt { seg: s?, end })
        })
        .collect();
    let slot = |r: usize| (extent(r).1 + 4.0).max(edge);
    // The room the ports of each side need, as `Ports` counts it (by `Side::index`).
    let items = g.items.len();
    let side = |stop: Stop, att: Att| side_of(stop, att).index(items);
    let mut need = vec![edge; 2 * (items + g.zones.len())];
    for seg in segs {
        for (e, (stop, att)) in seg.ends.into_iter().enumerate() {
            if !seg.joined(e) {
                need[side(stop, att)] += edge;
            }
        }
    }
    for (r, a) in at.iter().enumerate() {
        if let Some(LabelAt { seg, end: Some(e) }) = *a {
            let (stop, att) = segs[seg].ends[e];
            need[side(stop, att)] += slot(r) - edge;
        }
    }
    // The size across the flow of a box (not a dummy or a zone's border).
    let box_size = |stop: Stop| match stop {
        Stop::Item(i) if g.items[i].is_box() => Some(g.items[i].osize),
        _ => None,
    };
    // A side's need before any label moves: labels longer along the flow than across it
    // move all together or not at all (see below).
    let need_before = need.clone();
    // Labels longer along the flow than across it that moved, with the end they sat at,
    // by the channel of their segment.
    let channel = |a: &LabelAt| segs[a.seg].ch.min(g.n_layers);
    let mut lengthwise: Vec<Vec<(usize, usize)>> = vec![Vec::new(); g.n_layers + 1];
    for (r, a) in at.iter_mut().enumerate() {
        // A bundle's label stays by the port its links share.
        let Some(a) = a.as_mut().filter(|_| bundles.shared[r].is_none()) else {
            continue;
        };
        let ends = segs[a.seg].ends;
        let Some(e) = a.end.filter(|_| ends[0].1 != ends[1].1) else {
            continue;
        };
        let left = 1 - e;
        let (here, there) = (side(ends[e].0, ends[e].1), side(ends[left].0, ends[left].1));
        let (Some(here_size), Some(there_size)) = (box_size(ends[e].0), box_size(ends[left].0))
        else {
            continue;
        };
        let (n_here, n_there) = (need[here], need[there]);
        let moved = slot(r) - edge;
        let (along, across) = extent(r);
        let lengthwise_label = across <= along;
        let side_need = if lengthwise_label {
            need_before[here]
        } else {
            n_here
        };
        if side_need - here_size > slot(r) && n_there + moved <= there_size {
            need[here] = n_here - moved;
            need[there] = n_there + moved;
            a.end = Some(left);
            if lengthwise_label {
                lengthwise[channel(a)].push((r, e));
            }
        }
    }
    // A label longer along the flow than across it lengthens its channel by that length
    // where the channel keeps labels beside the ports they enter too: such labels move
    // only where every label of their channel does (say, branch offices' links into one
    // hub).
    let mut stay = vec![false; g.n_layers + 1];
    for a in at.iter().flatten().filter(|a| !a.leading(segs)) {
        stay[channel(a)] = true;
    }
    for (ch, moved) in lengthwise.iter().enumerate() {
        for &(r, e) in moved.iter().filter(|_| stay[ch]) {
            if let Some(a) = &mut at[r] {
                a.end = Some(e);
            }
        }
    }
    at
}

/// The runs of one layout, numbered: the channels, then the zones' trailing runs, then
/// their leading ones.
pub(crate) struct Runs {
    n_ch: usize,
    nz: usize,
    /// Each segment's run.
    of: Vec<usize>,
    /// Each run's tracks, by the number [`assign_tracks`] gave them: where each lies along
    /// the run.
    tracks: Vec<Vec<f64>>,
    /// Each run's length along the flow: its tracks and its labels' lane.
    len: Vec<f64>,
}

impl Runs {
    /// Puts each of `segs` (listed by channel in `by_ch`) in its run, assigns its tracks,
    /// and places the labels: link `r`'s sits where `label_at[r]` says ([`label_ends`]) and
    /// is `extent(r)` (along the flow, across it). A label may lie on the lines of its own
    /// link's bundle (`bundles`).
    pub(crate) fn lay_out(
        g: &Layered,
        segs: &mut [Seg],
        by_ch: &[Vec<usize>],
        label_at: &[Option<LabelAt>],
        extent: impl Fn(usize) -> (f64, f64),
        gaps: RunGaps,
        bundles: &Bundles,
    ) -> (Runs, Vec<Option<ChipAt>>) {
        let (n_ch, nz) = (by_ch.len(), g.zones.len());
        let mut runs = Runs {
            n_ch,
            nz,
            of: Vec::with_capacity(segs.len()),
            tracks: vec![Vec::new(); n_ch + 2 * nz],
            len: vec![0.0; n_ch + 2 * nz],
        };
        for seg in segs.iter() {
            let ru = runs.own_run(g, seg).unwrap_or(seg.ch);
            runs.of.push(ru);
        }
        let mut by_run: Vec<Vec<usize>> = vec![Vec::new(); runs.tracks.len()];
        for (s, &ru) in runs.of.iter().enumerate() {
            by_run[ru].push(s);
        }
        let mut want: Vec<Vec<Want>> = vec![Vec::new(); by_run.len()];
        for (r, at) in label_at.iter().enumerate() {
            let Some(at) = at else { continue };
            let seg = &segs[at.seg];
            let across = match at.end {
                Some(e) => seg.y[e],
                None => (seg.y[0] + seg.y[1]) / 2.0,
            };
            let gated = at.end.is_some_and(|e| gate_at(g, seg, e));
            want[runs.of[at.seg]].push(Want {
                across,
                link: r,
                seg: at.seg,
                leading: at.leading(segs),
                pad: if gated { GATE_PAD } else { LANE_PAD },
            });
        }
        let counts = lay_tracks(segs, &by_run);
        let mut chips = vec![None; label_at.len()];
        for (ru, want) in want.iter_mut().enumerate() {
            let n = counts[ru];
            want.sort_by(|a, b| a.across.total_cmp(&b.across).then(a.link.cmp(&b.link)));
            let run = Lanes {
                segs,
                want,
                bundles,
                extent: &extent,
                gaps,
            };
            // A zone's run: the channel it lies in, which end of the other lines there run
            // across it, and whether it goes against the flow (tracks are numbered along it).
            let (ch, crossing, before) = match runs.kind(ru) {
                Run::Channel(ch) => {
                    let between = between_layers(ch, g.n_layers);
                    let (len, lead) = run.channel(ru, n, &by_run[ru], between, &mut chips);
                    runs.len[ru] = len;
                    runs.tracks[ru] = (0..n).map(|t| lead + track_at(t, gaps)).collect();
                    continue;
                }
                Run::After(z) => (g.hi[z] + 1, Att::Left, false),
                Run::Before(z) => (g.lo[z], Att::Right, true),
            };
            let rank = |t: usize| if before { n - 1 - t } else { t };
            let others = by_ch[ch].iter().filter(|&&s| runs.of[s] != ru);
            let (at, len) = run.own(ru, n, &by_run[ru], rank, others, crossing, &mut chips);
            runs.tracks[ru] = (0..n).map(|t| at[rank(t)]).collect();
            runs.len[ru] = len;
        }
        (runs, chips)
    }

    /// The zone run of `seg`: a turn whose two ends lie in a zone that ends (or starts)
    /// with their layer, on that side: the innermost zone holding two items, or an item and
    /// a child zone whose border the turn reaches (a control plane's link to a namespace
    /// that starts with the cluster). In the channel the turn would leave that zone and
    /// come back.
    fn own_run(&self, g: &Layered, seg: &Seg) -> Option<usize> {
        // The zone a stop's piece of the segment lies in.
        let inside = |stop: Stop| match stop {
            Stop::Item(i) => g.items[i].owner,
            Stop::ZoneLo(z) | Stop::ZoneHi(z) => g.zones.parent[z],
        };
        let [(a, att_a), (b, att_b)] = seg.ends;
        if !matches!((a, b), (Stop::Item(_), _) | (_, Stop::Item(_))) {
            return None;
        }
        let z = g.zones.common(inside(a), inside(b))?;
        match (att_a, att_b) {
            (Att::Left, Att::Left) if g.hi[z] + 1 == seg.ch => Some(self.after(z)),
            (Att::Right, Att::Right) if g.lo[z] == seg.ch => Some(self.before(z)),
            _ => None,
        }
    }

    /// The run along zone `z`'s trailing border.
    pub(crate) fn after(&self, z: usize) -> usize {
        self.n_ch + z
    }

    /// The run along zone `z`'s leading border.
    pub(crate) fn before(&self, z: usize) -> usize {
        self.n_ch + self.nz + z
    }

    /// What run `ru` is.
    pub(crate) fn kind(&self, ru: usize) -> Run {
        if ru < self.n_ch {
            Run::Channel(ru)
        } else if ru < self.n_ch + self.nz {
            Run::After(ru - self.n_ch)
        } else {
            Run::Before(ru - self.n_ch - self.nz)
        }
    }

    /// Segment `s`'s run.
    pub(crate) fn of(&self, s: usize) -> usize {
        self.of[s]
    }

    /// Run `ru`'s length along the flow.
    pub(crate) fn len(&self, ru: usize) -> f64 {
        self.len[ru]
    }

    /// Where track `t` of run `ru` lies along it.
    pub(crate) fn track(&self, ru: usize, t: usize) -> f64 {
        self.tracks[ru][t]
    }
}

/// Segments in a layout from which the runs' tracks are assigned side by side (when rayon
/// has threads to spare): each run's are independent of the others', and on the generated
/// 3,000-component model they take an eighth of the layout. Below this, the work is too
/// small to share.
const PARALLEL_SEGMENTS: usize = 2_000;

/// Gives the segments of each run (`by_run`) their tracks ([`assign_tracks`]); returns the
/// number of tracks of each run.
fn lay_tracks(segs: &mut [Seg], by_run: &[Vec<usize>]) -> Vec<usize> {
    let shared: &[Seg] = segs;
    let assign = |idx: &Vec<usize>| assign_tracks(shared, idx, 3.0);
    let all: Vec<Tracks> = if segs.len() >= PARALLEL_SEGMENTS {
        by_run.par_iter().map(assign).collect()
    } else {
        by_run.iter().map(assign).collect()
    };
    all.into_iter()
        .map(|tracks| {
            for (s, t) in tracks.of {
                segs[s].track = Some(t);
            }
            tracks.count
        })
        .collect()
}

/// Where the `k`th track from a channel's start lies.
fn track_at(k: usize, gaps: RunGaps) -> f64 {
    TRACK_MARGIN + k as f64 * gaps.edge
}

/// A label to place.
#[derive(Clone, Copy, Debug)]
struct Want {
    /// The centre across the flow it would like.
    across: f64,
    /// Its link.
    link: usize,
    /// Its segment.
    seg: usize,
    /// Whether it sits where the segment leaves its stop rather than where it enters the next.
    leading: bool,
    /// The gap it keeps from its end of the run: [`GATE_PAD`] where its line crosses a zone
    /// border there ([`gate_at`]), else [`LANE_PAD`].
    pad: f64,
}

/// Whether the line of `seg` crosses a zone border where its end `e` meets the channel: the
/// item there (before the channel's tracks, or after them) is in a zone that ends (starts)
/// with the item's layer, so the line passes that zone's border at the channel's end.
fn gate_at(g: &Layered, seg: &Seg, e: usize) -> bool {
    let (Stop::Item(i), att) = seg.ends[e] else {
        return false;
    };
    let layer = g.items[i].layer;
    let mut zone = g.items[i].owner;
    while let Some(z) = zone {
        let edge = match att {
            Att::Left => g.hi[z],
            Att::Right => g.lo[z],
        };
        if edge == layer {
            return true;
        }
        zone = g.zones.parent[z];
    }
    false
}

/// The labels of one run to place, with what placing them needs.
struct Lanes<'a, E> {
    segs: &'a [Seg],
    /// The links' bundles: a label may lie on its bundle's lines.
    bundles: &'a Bundles,
    /// The labels, sorted.
    want: &'a [Want],
    extent: &'a E,
    gaps: RunGaps,
}

impl<E: Fn(usize) -> (f64, f64)> Lanes<'_, E> {
    /// The link whose label may lie on segment `s`'s line: its own, or its bundle's.
    fn owner(&self, s: usize) -> usize {
        self.bundles.owner(self.segs[s].route)
    }

    /// Places the labels of channel `ru`, whose segments `own` take `n` tracks; returns its
    /// length and how far its tracks move along it for labels before them. Each label sits
    /// on its link where the link enters the next layer, as far towards the tracks as no
    /// other route's track is in its way, centred in the room from there to the lane's end:
    /// the channel widens past its tracks only for labels that do not fit beside them. A
    /// label that sits where its link leaves the layer before does the same on the other
    /// side of the tracks. A channel `between` two layers is at least the layer spacing
    /// long.
    fn channel(
        &self,
        ru: usize,
        n: usize,
        own: &[usize],
        between: bool,
        chips: &mut [Option<ChipAt>],
    ) -> (f64, f64) {
        let min = if between { self.gaps.layer } else { 0.0 };
        let region = match n {
            0 => min,
            _ => (2.0 * TRACK_MARGIN + (n as f64 - 1.0) * self.gaps.edge).max(min),
        };
        // The lines across each lane: from the tracks to the stops they enter (after the
        // tracks), and from the stops they leave (before them).
        let (mut after, mut before) = (Lane::default(), Lane::default());
        let mut tracks = TrackSpans::default();
        for &s in own {
            let seg = &self.segs[s];
            for e in 0..2 {
                let lane = match seg.ends[e].1 {
                    Att::Right => &mut after,
                    Att::Left => &mut before,
                };
                lane.take(seg.y[e] - 1.5, seg.y[e] + 1.5, self.owner(s));
            }
            if let Some(t) = seg.track {
                tracks.add(t, seg.y[0].min(seg.y[1]), seg.y[0].max(seg.y[1]));
            }
        }
        tracks.sort();
        let (mut lane_w, mut lead_w) = (0.0f64, 0.0f64);
        let mut placed = Vec::with_capacity(self.want.len());
        for w in self.want {
            let r = w.link;
            let (along, across) = (self.extent)(r);
            let half = across / 2.0 + LANE_PAD;
            if w.leading {
                let y = before.place(w.across, across + 4.0, r);
                let end = match tracks.first_within(y - half, y + half) {
                    Some(t) => track_at(t, self.gaps) - LANE_PAD,
                    None => region - LANE_PAD,
                };
                lead_w = lead_w.max(w.pad + along - end);
                placed.push((r, y, w.pad, Err(end)));
            } else {
                let y = after.place(w.across, across + 4.0, r);
                let start = match tracks.last_within(y - half, y + half) {
                    Some(t) => track_at(t, self.gaps) + LANE_PAD,
                    None => LANE_PAD,
                };
                lane_w = lane_w.max(start + along + w.pad - region);
                placed.push((r, y, w.pad, Ok(start)));
            }
        }
        let len = lead_w + region + lane_w;
        for (r, y, pad, room) in placed {
            // Centred in the room beside its tracks: after them (`Ok(start)`) or before them
            // (`Err(end)`), both counted as if there were no labels before the tracks, and
            // `pad` short of the run's end.
            let along = match room {
                Ok(start) => (lead_w + start + len - pad) / 2.0,
                Err(end) => (pad + lead_w + end) / 2.0,
            };
            chips[r] = Some(ChipAt {
                run: ru,
                across: y,
                along,
            });
        }
        (len, lead_w)
    }

    /// Places the labels of zone run `ru`, whose segments `own` take `n` tracks (track `t`
    /// the `rank(t)`th from the run's start), crossed by the ends attached at `crossing` of
    /// the `others` in its channel; returns where each track lies (by rank) and the run's
    /// length. The zone's turns nest, innermost nearest its content, and each label hangs
    /// just past its own turn, with the next turn beyond it: every other line leaving the
    /// content there, and the turns further out, run across it.
    #[allow(clippy::too_many_arguments)]
    fn own<'s>(
        &self,
        ru: usize,
        n: usize,
        own: &'s [usize],
        rank: impl Fn(usize) -> usize,
        others: impl Iterator<Item = &'s usize> + Clone,
        crossing: Att,
        chips: &mut [Option<ChipAt>],
    ) -> (Vec<f64>, f64) {
        let rank_of = |s: usize| self.segs[s].track.map(&rank);
        let mut room = vec![self.gaps.edge; n];
        for w in self.want {
            if let Some(k) = rank_of(w.seg) {
                room[k] = room[k].max((self.extent)(w.link).0 + 2.0 * LANE_PAD);
            }
        }
        let at: Vec<f64> = room
            .iter()
            .scan(TRACK_MARGIN, |m, gap| {
                let here = *m;
                *m += gap;
                Some(here)
            })
            .collect();
        let len = match n {
            0 => 0.0,
            _ => at[n - 1] + room[n - 1].max(TRACK_MARGIN),
        };
        for k in 0..n {
            let mut lane = Lane::default();
            let outer = own.iter().filter(|&&s| rank_of(s).is_some_and(|o| o > k));
            for &s in others.clone().chain(outer) {
                let seg = &self.segs[s];
                for e in 0..2 {
                    if seg.ends[e].1 == crossing {
                        lane.take(seg.y[e] - 1.5, seg.y[e] + 1.5, self.owner(s));
                    }
                }
            }
            for w in self.want.iter().filter(|w| rank_of(w.seg) == Some(k)) {
                let (along, across) = (self.extent)(w.link);
                chips[w.link] = Some(ChipAt {
                    run: ru,
                    across: lane.place(w.across, across + 4.0, w.link),
                    along: at[k] + LANE_PAD + along / 2.0,
                });
            }
        }
        (at, len)
    }
}
