//! Lengths along the flow (the layer axis) that the ordering does not set: the layers'
//! widths and the room between each zone's borders and what it holds. The same rules serve
//! a draft (whose zones' own turns are known) and the least size of a plan
//! ([`crate::least`], where they are taken as none).

use crate::cards::Header;
use crate::graph::Layered;

/// The length of each layer of `g` along the flow: its longest item's.
pub(crate) fn layer_widths(g: &Layered) -> Vec<f64> {
    let mut widths = vec![0.0f64; g.n_layers];
    for it in &g.items {
        widths[it.layer] = widths[it.layer].max(it.lsize);
    }
    widths
}

/// Room along the flow at each zone's leading and trailing borders.
pub(crate) struct BorderRoom {
    /// From the zone's leading border to its first layer: its header (top to bottom), then
    /// its own turns past its content, or its padding.
    pub(crate) lead: Vec<f64>,
    /// From the zone's last layer to its trailing border.
    pub(crate) trail: Vec<f64>,
    /// From the zone's first layer to its own turns along its leading border: room for the
    /// child zones that start with it.
    pub(crate) content_lead: Vec<f64>,
    /// The same at its trailing border, for the child zones that end with it.
    pub(crate) content_trail: Vec<f64>,
}

impl BorderRoom {
    /// The room of every zone of `g` (laid out left to right when `lr`), worked out
    /// innermost first: `headers` are the zones' headers (which lie along the flow top to
    /// bottom), `turns(z)` the lengths of its own turns' runs along its leading and
    /// trailing borders, `pad` the least room inside a border and `nest` the gap between a
    /// zone's border and a child zone's.
    pub(crate) fn new(
        g: &Layered,
        lr: bool,
        headers: &[Header],
        pad: f64,
        nest: f64,
        turns: impl Fn(usize) -> (f64, f64),
    ) -> BorderRoom {
        let nz = g.zones.len();
        let mut room = BorderRoom {
            lead: vec![0.0; nz],
            trail: vec![0.0; nz],
            content_lead: vec![0.0; nz],
            content_trail: vec![0.0; nz],
        };
        for z in g.zones.innermost_first() {
            // Room from the border to what starts (ends) in the zone's first (last) layer:
            // its components' padding, or its own turns past a child zone's nesting gap and
            // the child's own room.
            let children = |at: &[usize], room: &[f64]| {
                g.zones.children[z]
                    .iter()
                    .filter(|&&c| at[c] == at[z])
                    .map(|&c| nest + room[c])
                    .fold(0.0, f64::max)
            };
            room.content_lead[z] = children(&g.lo, &room.lead);
            room.content_trail[z] = children(&g.hi, &room.trail);
            let (before, after) = turns(z);
            let header = if lr { 0.0 } else { headers[z].row_h };
            room.lead[z] = header + (room.content_lead[z] + before).max(pad);
            room.trail[z] = (room.content_trail[z] + after).max(pad);
        }
        room
    }

    /// For each of the `n_layers + 1` channels of `g`, the room past it that the zones
    /// starting at the next layer need (their [`lead`](BorderRoom::lead)s), and the room
    /// before it that the zones ending at the layer before need.
    pub(crate) fn lanes(&self, g: &Layered) -> (Vec<f64>, Vec<f64>) {
        let n_ch = g.n_layers + 1;
        let mut start = vec![0.0f64; n_ch];
        let mut end = vec![0.0f64; n_ch];
        for z in 0..g.zones.len() {
            start[g.lo[z]] = start[g.lo[z]].max(self.lead[z]);
            end[g.hi[z] + 1] = end[g.hi[z] + 1].max(self.trail[z]);
        }
        (start, end)
    }
}
