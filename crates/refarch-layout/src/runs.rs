//! Runs of tracks along the flow, each with a lane for labels: the channels between layers,
//! and inside each zone the runs along its leading and trailing borders that carry its own
//! turns (a loop between two boxes of a zone that ends at their layer), so that a
//! replication or gossip loop stays within its trust boundary.
//!
//! Places along a run are counted from its start: a channel's start past the borders of
//! the zones that end before it, a zone's runs from its content (its boxes and the child
//! zones that end with it) towards its border.

use crate::graph::{Layered, Stop};
use crate::route::{Att, Lane, Seg, TrackSpans, assign_tracks};

/// Gap between a run's start or end and its first or last track.
pub(crate) const TRACK_MARGIN: f64 = 12.0;
/// Gap around label chips in their lane.
const LANE_PAD: f64 = 6.0;

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
    /// and places the labels: link `r`'s sits on its segment `label_seg[r]` and is
    /// `extent(r)` (along the flow, across it).
    pub(crate) fn lay_out(
        g: &Layered,
        segs: &mut [Seg],
        by_ch: &[Vec<usize>],
        label_seg: &[Option<usize>],
        extent: impl Fn(usize) -> (f64, f64),
        gaps: RunGaps,
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
        let mut want: Vec<Vec<(f64, usize, usize)>> = vec![Vec::new(); by_run.len()];
        for (r, s) in label_seg.iter().enumerate() {
            let Some(s) = *s else { continue };
            let seg = &segs[s];
            let c = match seg.ends.iter().position(|e| e.1 == Att::Right) {
                Some(e) => seg.y[e],
                None => (seg.y[0] + seg.y[1]) / 2.0,
            };
            want[runs.of[s]].push((c, r, s));
        }
        let mut chips = vec![None; label_seg.len()];
        for (ru, want) in want.iter_mut().enumerate() {
            let n = assign_tracks(segs, &by_run[ru], 3.0);
            want.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let run = Lanes {
                segs,
                want,
                extent: &extent,
                gaps,
            };
            // A zone's run: the channel it lies in, which end of the other lines there run
            // across it, and whether it goes against the flow (tracks are numbered along it).
            let (ch, crossing, before) = match runs.kind(ru) {
                Run::Channel(ch) => {
                    let between = between_layers(ch, g.n_layers);
                    runs.len[ru] = run.channel(ru, n, &by_run[ru], between, &mut chips);
                    runs.tracks[ru] = (0..n).map(|t| track_at(t, gaps)).collect();
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

    /// The zone run of `seg`: a turn between two items whose innermost shared zone ends
    /// (or starts) with their layer, on that side.
    fn own_run(&self, g: &Layered, seg: &Seg) -> Option<usize> {
        let [(Stop::Item(a), att_a), (Stop::Item(b), att_b)] = seg.ends else {
            return None;
        };
        let z = g.zones.common(g.items[a].owner, g.items[b].owner)?;
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

/// Where the `k`th track from a channel's start lies.
fn track_at(k: usize, gaps: RunGaps) -> f64 {
    TRACK_MARGIN + k as f64 * gaps.edge
}

/// The labels of one run to place, with what placing them needs.
struct Lanes<'a, E> {
    segs: &'a [Seg],
    /// (centre across the flow it would like, link, segment), sorted.
    want: &'a [(f64, usize, usize)],
    extent: &'a E,
    gaps: RunGaps,
}

impl<E: Fn(usize) -> (f64, f64)> Lanes<'_, E> {
    /// Places the labels of channel `ru`, whose segments `own` take `n` tracks; returns its
    /// length. Each label sits on its link where the link enters the next layer, as far
    /// towards the tracks as no other route's track is in its way, centred in the room
    /// from there to the lane's end: the channel widens past its tracks only for labels
    /// that do not fit beside them. A channel `between` two layers is at least the layer
    /// spacing long.
    fn channel(
        &self,
        ru: usize,
        n: usize,
        own: &[usize],
        between: bool,
        chips: &mut [Option<ChipAt>],
    ) -> f64 {
        let min = if between { self.gaps.layer } else { 0.0 };
        let region = match n {
            0 => min,
            _ => (2.0 * TRACK_MARGIN + (n as f64 - 1.0) * self.gaps.edge).max(min),
        };
        let mut lane = Lane::default();
        let mut tracks = TrackSpans::default();
        for &s in own {
            let seg = &self.segs[s];
            for e in 0..2 {
                if seg.ends[e].1 == Att::Right {
                    lane.take(seg.y[e] - 1.5, seg.y[e] + 1.5, seg.route);
                }
            }
            if let Some(t) = seg.track {
                tracks.add(t, seg.y[0].min(seg.y[1]), seg.y[0].max(seg.y[1]));
            }
        }
        tracks.sort();
        let mut lane_w = 0.0f64;
        let mut starts = Vec::with_capacity(self.want.len());
        for &(c, r, _) in self.want {
            let (along, across) = (self.extent)(r);
            let y = lane.place(c, across + 4.0, r);
            let half = across / 2.0 + LANE_PAD;
            let start = match tracks.last_within(y - half, y + half) {
                Some(t) => track_at(t, self.gaps) + LANE_PAD,
                None => LANE_PAD,
            };
            lane_w = lane_w.max(start + along + LANE_PAD - region);
            starts.push((r, y, start));
        }
        let len = region + lane_w;
        for (r, y, start) in starts {
            chips[r] = Some(ChipAt {
                run: ru,
                across: y,
                along: (start + len - LANE_PAD) / 2.0,
            });
        }
        len
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
        for &(_, r, s) in self.want {
            if let Some(k) = rank_of(s) {
                room[k] = room[k].max((self.extent)(r).0 + 2.0 * LANE_PAD);
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
                        lane.take(seg.y[e] - 1.5, seg.y[e] + 1.5, seg.route);
                    }
                }
            }
            for &(c, r, s) in self.want {
                if rank_of(s) == Some(k) {
                    let (along, across) = (self.extent)(r);
                    chips[r] = Some(ChipAt {
                        run: ru,
                        across: lane.place(c, across + 4.0, r),
                        along: at[k] + LANE_PAD + along / 2.0,
                    });
                }
            }
        }
        (at, len)
    }
}
