//! The least size any layout of a plan can have, known before its items are ordered: the
//! arrangement search ([`crate::shape`]) drafts only the arrangements whose plans may fit
//! the page better than the best layout it has.
//!
//! Along the flow: the layers' widths, the room inside zone borders with no turns along
//! them, and each channel between two layers at its least length, longer where a label
//! surely lies in its lane. Across the flow: in every layer, the boxes and the zones that
//! span it stacked at their least gaps, zone by zone from the innermost. Every part is one
//! the ordering and the later steps can only lengthen, so the bound holds for every draft of
//! the plan (a unit test in `pipeline.rs` checks it on the bundled models).

use crate::LayoutOptions;
use crate::cards::Header;
use crate::coords::FILLER_GAP;
use crate::graph::{ItemKind, Layered};
use crate::layer_axis::{BorderRoom, layer_widths};
use crate::route::placed;
use crate::runs::{between_layers, least_channel};

/// The least width and height of any finished layout of `g` (laid out left to right when
/// `lr`) with options `o` and the zones' `headers`, margins included. `label_along(r)` is
/// the length along the flow of link `r`'s label: `None` for a link without one, or whose
/// label may sit on a bundle's trunk.
pub(crate) fn least_size(
    g: &Layered,
    lr: bool,
    o: &LayoutOptions,
    headers: &[Header],
    label_along: impl Fn(usize) -> Option<f64>,
) -> (f64, f64) {
    let along = least_along(g, lr, o, headers, label_along);
    let across = least_across(g, lr, o, headers);
    let (along, across) = (
        (along + 2.0 * o.margin).ceil(),
        (across + 2.0 * o.margin).ceil(),
    );
    if lr { (along, across) } else { (across, along) }
}

/// The least length along the flow, from the first layer's leading zone borders to the last
/// layer's trailing ones.
fn least_along(
    g: &Layered,
    lr: bool,
    o: &LayoutOptions,
    headers: &[Header],
    label_along: impl Fn(usize) -> Option<f64>,
) -> f64 {
    let nl = g.n_layers;
    let room = BorderRoom::new(g, lr, headers, o.zone_padding, o.nested_zone_gap, |_| {
        (0.0, 0.0)
    });
    let (start, end) = room.lanes(g);
    let mut channel: Vec<f64> = (0..=nl)
        .map(|ch| match between_layers(ch, nl) {
            true => o.layer_spacing,
            false => 0.0,
        })
        .collect();
    // A label sits on its link's middle piece. Where that piece runs between two layers
    // from one side of its channel to the other, the label lies in the channel's lane (a
    // turn's channel, and whether it runs in a zone's own run, may depend on the ordering).
    for (r, route) in g.routes.iter().enumerate() {
        let Some(len) = label_along(r) else {
            continue;
        };
        let pieces = route.stops.len().saturating_sub(1);
        if pieces == 0 {
            continue;
        }
        let k = (pieces - 1) / 2;
        let Some((ch, att)) = placed(g, route.stops[k], route.stops[k + 1]) else {
            continue;
        };
        if att[0] != att[1] && between_layers(ch, nl) {
            channel[ch] = channel[ch].max(least_channel(len));
        }
    }
    let layers: f64 = layer_widths(g).iter().sum();
    layers
        + (0..=nl)
            .map(|ch| end[ch] + channel[ch] + start[ch])
            .sum::<f64>()
}

/// Entries stacked across the flow in one layer of one zone (or of the top level): boxes,
/// dummies, fillers and the child zones that span the layer.
#[derive(Clone, Copy, Default)]
struct Stack {
    /// The entries' extents across the flow.
    size: f64,
    /// The sum of the entries' gaps, as the order axis's constraints keep them: two
    /// neighbours keep the larger of their two gaps ([`crate::coords::order_axis`]).
    gaps: f64,
    /// The smallest of the entries' gaps.
    least_gap: f64,
    entries: usize,
}

impl Stack {
    /// Adds an entry `size` long across the flow that keeps `gap` from its neighbours.
    fn push(&mut self, size: f64, gap: f64) {
        self.least_gap = if self.entries == 0 {
            gap
        } else {
            self.least_gap.min(gap)
        };
        self.size += size;
        self.gaps += gap;
        self.entries += 1;
    }

    /// The least length of the entries stacked in any order. Two neighbours keep the larger
    /// of their gaps, so the gaps along a stack add up to at least all the entries' gaps
    /// but the smallest: taking out the entry with the largest gap takes out one or two
    /// gaps that large and puts in at most one no larger, so the sum falls by at least
    /// that entry's gap, entry by entry down to the one with the smallest.
    fn least(&self) -> f64 {
        match self.entries {
            0 => 0.0,
            _ => self.size + self.gaps - self.least_gap,
        }
    }
}

/// The least extent across the flow: the largest of the layers' stacks at the top level,
/// each zone counted at its own least extent in every layer it spans.
fn least_across(g: &Layered, lr: bool, o: &LayoutOptions, headers: &[Header]) -> f64 {
    let (nz, nl) = (g.zones.len(), g.n_layers);
    // Each zone's stack in each layer, then the top level's (row `nz`).
    let mut stacks = vec![Stack::default(); (nz + 1) * nl];
    let at = |owner: Option<usize>, layer: usize| owner.unwrap_or(nz) * nl + layer;
    for it in &g.items {
        let (size, gap) = match it.kind {
            ItemKind::Filler => (0.0, FILLER_GAP),
            // A dummy is drawn as its link passing, whatever room it holds.
            ItemKind::Dummy => (0.0, o.edge_spacing),
            ItemKind::Node(_) => (it.osize, o.node_spacing),
        };
        stacks[at(it.owner, it.layer)].push(size, gap);
    }
    for z in g.zones.innermost_first() {
        // Its header (left to right) and the least gaps inside its borders.
        let lead = if lr { headers[z].row_h } else { 0.0 };
        let inside = 2.0 * o.zone_padding.min(o.nested_zone_gap);
        let content = (g.lo[z]..=g.hi[z])
            .map(|l| stacks[at(Some(z), l)].least())
            .fold(0.0, f64::max);
        let least = (lead + inside + content)
            .max(lead + 2.0 * o.zone_padding)
            .max(if lr { 0.0 } else { headers[z].need_w });
        for l in g.lo[z]..=g.hi[z] {
            stacks[at(g.zones.parent[z], l)].push(least, o.zone_spacing);
        }
    }
    (0..nl)
        .map(|l| stacks[at(None, l)].least())
        .fold(0.0, f64::max)
}
