//! The pipeline: runs the stages in order and writes the [`Diagram`].

use refarch_core::{Arrange, Direction, Model};

use crate::LayoutOptions;
use crate::bundle::{Bundles, bundle, fan_middles, looks, split_by_far_zone};
use crate::cards::{Card, Chip, Header};
use crate::coords::{Bands, Gaps, OrderCoords, order_axis};
use crate::diagram::{ComponentBox, Diagram, GEOMETRY_VERSION, LinkPath, Rect, TextLine, ZoneBox};
use crate::faults::detached;
use crate::graph::{Build, ItemKind, LabelRoom, Layered, NodeKind, Ranking, Stop};
use crate::layer_axis::{BorderRoom, layer_widths};
use crate::least::least_size;
use crate::metrics::{crossings_by_link, link_length, needless_crossings};
use crate::ordering::{Adjacency, FINAL_STARTS, SEARCH_STARTS, order, starts_for, turn_sides};
use crate::route::{Att, Ports, Seg, nudge_ports, place_ports, segments};
use crate::runs::{Run, RunGaps, Runs, between_layers, label_ends};
use crate::shape::{self, Frame, GAIN, Layouts, Quality};
use crate::text::TextMeasure;

/// Size of the invisible box that holds an empty zone open: (layer axis, order axis) for
/// left-to-right.
const PLACEHOLDER: (f64, f64) = (120.0, 40.0);
/// The aspect (long side over short) a diagram slightly too long across the flow is
/// stretched to along it, a little inside [`shape::page_shaped`]'s 2 to leave room for
/// labels past the boxes.
const STRETCH_ASPECT: f64 = 1.95;
/// The most a diagram is stretched along the flow, as a share of its length.
const STRETCH_MAX: f64 = 0.2;

/// How much a diagram `long` by `short` must grow on its short side to [`STRETCH_ASPECT`],
/// when it is more than twice as long as short and that is at most [`STRETCH_MAX`] of
/// `base` (the short side's length to stretch); `None` otherwise (a page, or a strip).
fn short_of_page(long: f64, short: f64, base: f64) -> Option<f64> {
    let extra = long / STRETCH_ASPECT - short;
    (long > 2.0 * short && extra <= STRETCH_MAX * base).then_some(extra)
}

/// Lays out a model. Infallible, pure and deterministic: the same model and options give the
/// same diagram, bit for bit.
///
/// Sizes of text come from `measure`, so a renderer that uses the same measure draws text
/// that fits its boxes.
pub fn layout(model: &Model, options: &LayoutOptions, measure: &dyn TextMeasure) -> Diagram {
    let o = sanitize(options);
    let frame = Frame { aspect: o.aspect };
    let (texts, ranking) = measured_and_ranked(model, &o, measure);
    let hinted = |ranking: &Ranking, dir: Direction| {
        let trials = Trials {
            model,
            o: &o,
            dir,
            texts: &texts,
            ranking,
            starts: SEARCH_STARTS,
            reading_order: false,
            through_zones: false,
            looks: None,
            label_room: None,
        };
        shape::as_hinted(model, &trials)
    };
    let main = o.direction.unwrap_or(model.direction());
    // Sibling zones that share one layer make a staircase; parted, they may fit better. The
    // two rankings are weighed on their hinted layouts, in each flow direction when that is
    // fitted, and only the better one is searched.
    let fitted = o.fit_arrangement && model.components().len() <= FIT_MAX;
    let Some(parted) = fitted.then(|| ranking.parted()).flatten() else {
        let sketch = Sketch(hinted(&ranking, main), None);
        return layout_ranked(model, &o, &texts, &ranking, sketch);
    };
    let both_ways = o.direction.is_none() && o.fit_direction;
    let sketch = |ranking: &Ranking| {
        let (first, second) = rayon::join(
            || hinted(ranking, main),
            || both_ways.then(|| hinted(ranking, main.other())),
        );
        Sketch(first, second)
    };
    let (plain, apart) = (sketch(&ranking), sketch(&parted));
    if second_is_better(plain.pick(frame), apart.pick(frame), frame) {
        layout_ranked(model, &o, &texts, &parted, apart)
    } else {
        layout_ranked(model, &o, &texts, &ranking, plain)
    }
}

/// The model's texts measured and its components ranked into layers, side by side when
/// rayon has a thread to spare: the two are independent, and on the generated
/// 3,000-component model each takes 7% of the layout (the measure stays on this thread, as
/// it need not be `Sync`).
fn measured_and_ranked(
    model: &Model,
    o: &LayoutOptions,
    measure: &dyn TextMeasure,
) -> (Texts, Ranking) {
    let mut ranking = None;
    let texts = rayon::in_place_scope(|s| {
        s.spawn(|_| ranking = Some(Ranking::new(model)));
        Texts::measure(model, o, measure)
    });
    (texts, ranking.expect("the scope ends after the ranking"))
}

/// A ranking's hinted layouts: in the author's flow direction, and in the other one when
/// that has been laid out.
struct Sketch(Diagram, Option<Diagram>);

impl Sketch {
    /// The layout of the two that [`layout_ranked`] would start from, as it picks a flow
    /// direction.
    fn pick(&self, frame: Frame) -> &Diagram {
        match &self.1 {
            Some(other) if second_is_better(&self.0, other, frame) => other,
            _ => &self.0,
        }
    }
}

/// Whether `second` (another layout of the same model) fits the frame clearly better than
/// `first`, gives the diagram a page's shape at little cost (a page's shape is worth one
/// detached label here), or reads better at little cost.
fn second_is_better(first: &Diagram, second: &Diagram, frame: Frame) -> bool {
    let (q_first, q_second) = (Quality::of(first, frame), Quality::of(second, frame));
    q_second.preferred(&q_first, 1.15)
        || q_second.reshapes(&q_first, 1)
        || q_second.reads_better(&q_first)
        || q_second.flows_better(&q_first)
}

/// `first`, unless [`second_is_better`].
fn better_of(first: Diagram, second: Diagram, frame: Frame) -> Diagram {
    if second_is_better(&first, &second, frame) {
        second
    } else {
        first
    }
}

/// [`layout`] with the model's nodes in the layers of `ranking`, from its hinted layouts
/// (`sketch`; the other direction's is laid out here when needed and not there).
fn layout_ranked(
    model: &Model,
    o: &LayoutOptions,
    texts: &Texts,
    ranking: &Ranking,
    sketch: Sketch,
) -> Diagram {
    let frame = Frame { aspect: o.aspect };
    let fitted = model.components().len() <= FIT_MAX;
    let searchable = o.fit_arrangement && model.components().len() <= ARRANGE_MAX;
    let trials = |dir: Direction, starts: usize| Trials {
        model,
        o,
        dir,
        texts,
        ranking,
        starts,
        reading_order: false,
        through_zones: false,
        looks: None,
        label_room: None,
    };
    let lr = |dir: Direction| dir == Direction::LeftToRight;
    // The layout in `dir`, from its hinted layout `hinted_only`, searched when `search`,
    // then ordered more thoroughly. Bundles, links through zones and roomier gaps cost up to
    // five more layouts: only for models whose direction is fitted.
    let shaped = |dir: Direction, hinted_only: Diagram, search: bool| {
        let searched = trials(dir, SEARCH_STARTS);
        let (d, arrangement) = shape::fit(model, &searched, lr(dir), frame, hinted_only, search);
        let (d, looks) = with_bundles(d, &arrangement, &searched, frame);
        let thorough = Trials {
            looks: looks.as_deref(),
            ..trials(dir, FINAL_STARTS)
        };
        let (d, thorough) = better_ordered(d, &arrangement, thorough, frame);
        if !fitted {
            return d;
        }
        // Room for labels first, so that roomier gaps keep it.
        let roomier = |d: Diagram, trials: &Trials| {
            let (d, room) = room_for_labels(d, &arrangement, trials, frame);
            let trials = Trials {
                label_room: room.as_deref(),
                ..*trials
            };
            roomier_across(d, &arrangement, &trials, frame)
        };
        through_zones(d, &arrangement, &thorough, frame, roomier)
    };
    let main = o.direction.unwrap_or(model.direction());
    let other = main.other();
    let Sketch(hinted_main, hinted_other) = sketch;
    // The author's hints need a search when they do not give a legible, page-shaped diagram;
    // the other direction is searched only when this one is.
    let search = searchable && shape::needs_search(&hinted_main, frame);
    // The author's direction and hints stand when they give a page-shaped diagram that fits
    // at full size.
    let settled = !search && frame.scale(&hinted_main) >= 1.0 && shape::page_shaped(&hinted_main);
    if o.direction.is_some() || !o.fit_direction || !fitted || settled {
        return shaped(main, hinted_main, search);
    }
    // The two directions' searches are independent; they run side by side when there are
    // threads to spare (rayon's pool), with the same result either way.
    let (first, second) = rayon::join(
        || shaped(main, hinted_main, search),
        || {
            let hinted_other = hinted_other
                .unwrap_or_else(|| shape::as_hinted(model, &trials(other, SEARCH_STARTS)));
            let search = search && shape::needs_search(&hinted_other, frame);
            shaped(other, hinted_other, search)
        },
    );
    // The author's direction wins unless the other one is better.
    better_of(first, second, frame)
}

/// `d`, laid out by `apart` with `arrangement` and every link on its own line, or the same
/// with links that look alike drawn as bundles when that reads
/// [`no_worse`](Quality::no_worse), or fits the page clearly larger with few more crossings
/// ([`better`](Quality::better), as the arrangement search weighs its choices: six agents'
/// links into one load balancer ran around a zone as a ribbon of six lines), without
/// crossing more zone borders needlessly; when it does not because some bundles cross more links
/// than their links did apart, once more with those split by the zones of their far ends
/// ([`split_by_far_zone`]), and once more without them. Also returns the looks the result
/// bundles by (`None` for none). The arrangement search weighs layouts with links apart: one
/// that saw bundles chose other arrangements for a few shared labels (mission-partner below
/// the legibility floor, GitLab's subnets out of the order of the flow).
fn with_bundles(
    d: Diagram,
    arrangement: &[Option<Arrange>],
    apart: &Trials,
    frame: Frame,
) -> (Diagram, Option<Vec<Option<usize>>>) {
    if apart.texts.looks.iter().all(Option::is_none) {
        return (d, None);
    }
    // Bundles are weighed as drawn: a trunk crossing a line is one crossing, but it may not
    // run across zones the links apart kept clear of.
    let quality = Quality::as_drawn(&d, frame);
    let needless = std::cell::OnceCell::new();
    let lay_out = |looks: &[Option<usize>]| {
        let trials = Trials {
            looks: Some(looks),
            ..*apart
        };
        trials.lay_out(arrangement)
    };
    // Kept only when it draws some bundle (its fans may all have come apart in drawing).
    let keep = |b: &Diagram| {
        if !b.links.iter().any(|l| l.bundle.is_some()) {
            return false;
        }
        let drawn = Quality::as_drawn(b, frame);
        (drawn.no_worse(&quality) || drawn.better(&quality, GAIN))
            && needless_crossings(b) <= *needless.get_or_init(|| needless_crossings(&d))
    };
    let mut looks = apart.texts.looks.clone();
    let b = lay_out(&looks);
    if keep(&b) {
        return (b, Some(looks));
    }
    // Bundles whose links cross more than they did apart are split by the zones of their
    // far ends (sensors of two production lines into one gateway: each line's branches
    // crossed the other line's links on their way to one trunk); failing that, they are
    // drawn apart.
    let crossing = crossing_bundles(&b, &d);
    if let Some(split) = split_by_far_zone(apart.model, &looks, &crossing) {
        let b = lay_out(&split);
        if keep(&b) {
            return (b, Some(split));
        }
    }
    let mut dropped = false;
    for (m, &crossing) in crossing.iter().enumerate() {
        if crossing {
            looks[m] = None;
            dropped = true;
        }
    }
    if !dropped || looks.iter().all(Option::is_none) {
        return (d, None);
    }
    let b = lay_out(&looks);
    if keep(&b) {
        (b, Some(looks))
    } else {
        (d, None)
    }
}

/// Whether each link of `bundled` lies in a bundle whose links cross more links than they
/// do in `apart`, the same layout with every link on its own line.
fn crossing_bundles(bundled: &Diagram, apart: &Diagram) -> Vec<bool> {
    let (with, without) = (crossings_by_link(bundled), crossings_by_link(apart));
    // Each bundle's crossings, by its first link: drawn bundled, and apart.
    let mut crossed = vec![(0, 0); bundled.links.len()];
    for (m, l) in bundled.links.iter().enumerate() {
        if let Some(first) = l.bundle {
            crossed[first].0 += with[m];
            crossed[first].1 += without[m];
        }
    }
    (bundled.links.iter())
        .map(|l| {
            l.bundle
                .is_some_and(|first| crossed[first].0 > crossed[first].1)
        })
        .collect()
}

/// `d`, laid out with `arrangement`, [`more_thoroughly`] ordered; then, when blocks the
/// search arranged do not read in the order of the flow across it, the same with them kept
/// in that order (a stack reads from its first block down), when that is
/// [`no_worse`](Quality::no_worse). Also returns the trials that laid out the result.
fn better_ordered<'a>(
    d: Diagram,
    arrangement: &[Option<Arrange>],
    thorough: Trials<'a>,
    frame: Frame,
) -> (Diagram, Trials<'a>) {
    let d = more_thoroughly(d, arrangement, &thorough, frame);
    // Only blocks the search arranged can be out of order (the author's keep file order).
    let zones = thorough.model.zones();
    let searched = arrangement
        .iter()
        .enumerate()
        .any(|(z, a)| a.is_some() && zones.get(z).is_none_or(|z| z.arrange.is_none()));
    let reading = Trials {
        reading_order: true,
        ..thorough
    };
    if !searched {
        return (d, thorough);
    }
    let plan = reading.layered(arrangement);
    if in_reading_order(&d, &plan) {
        return (d, thorough);
    }
    let read = reading.finished(plan);
    if Quality::of(&read, frame).no_worse(&Quality::of(&d, frame)) {
        (read, reading)
    } else {
        (d, thorough)
    }
}

/// `d`, laid out with `arrangement`, or the same arrangement laid out by `thorough` (whose
/// ordering tries more starting orders than the search can afford on every trial) when
/// that [`reads_better`](Quality::reads_better): fewer crossings or bends, and nothing
/// worse. Only tried when `d` has crossings and the graph is small enough to be ordered
/// from more starts.
fn more_thoroughly(
    d: Diagram,
    arrangement: &[Option<Arrange>],
    thorough: &Trials,
    frame: Frame,
) -> Diagram {
    let more_starts =
        |items: usize| starts_for(items, thorough.starts) > starts_for(items, SEARCH_STARTS);
    // The components alone may already be too many; the graph's items (with dummies) decide.
    if !more_starts(thorough.model.components().len()) {
        return d;
    }
    let plan = thorough.layered(arrangement);
    if !more_starts(plan.items.len()) {
        return d;
    }
    let quality = Quality::of(&d, frame);
    if quality.crossings() == 0 {
        return d;
    }
    let again = thorough.finished(plan);
    if Quality::of(&again, frame).reads_better(&quality) {
        again
    } else {
        d
    }
}

/// `d`, laid out by `trials` with `arrangement`, made `roomier`; or the same with links
/// run through the zones of their ends ([`Build::through_zones`]) when that
/// [`reads_better`](Quality::reads_better) (fewer crossings or bends, or a larger scale,
/// and nothing worse), or is [`as_good`](Quality::as_good) with links shorter by a larger
/// share than its scale is smaller. Run beside a zone, a link keeps clear of what the zone
/// holds; run through it, the link does not go round the zone to cut in from the side.
/// Which reads better depends on the model, so both are laid out, when any link would run
/// through a zone.
fn through_zones(
    d: Diagram,
    arrangement: &[Option<Arrange>],
    trials: &Trials,
    frame: Frame,
    roomier: impl Fn(Diagram, &Trials) -> Diagram,
) -> Diagram {
    let through = Trials {
        through_zones: true,
        ..*trials
    };
    let d = roomier(d, trials);
    let plan = through.layered(arrangement);
    if !plan.runs_through {
        return d;
    }
    let t = roomier(through.finished(plan), &through);
    let (q_through, q_beside) = (Quality::of(&t, frame), Quality::of(&d, frame));
    // Links shorter by a larger share than the scale is smaller.
    let shorter = q_through.outweighs_scale(&q_beside, link_length(&t), link_length(&d));
    if q_through.reads_better(&q_beside) || (q_through.as_good(&q_beside) && shorter) {
        t
    } else {
        d
    }
}

/// Whether every two sibling zones of `d` whose places `g` fixes
/// ([`Zones::fixed`](crate::graph::Zones)) and that lie beside each other across the flow
/// come in the order of their places.
fn in_reading_order(d: &Diagram, g: &Layered) -> bool {
    let lr = d.direction == Direction::LeftToRight;
    let spans = |z: &ZoneBox| {
        let (x, y) = ((z.x, z.x + z.w), (z.y, z.y + z.h));
        if lr { (x, y) } else { (y, x) }
    };
    let zones = &g.zones;
    (0..zones.len()).filter(|&a| zones.fixed[a]).all(|a| {
        (0..zones.len())
            .filter(|&b| zones.fixed[b] && zones.parent[b] == zones.parent[a])
            .filter(|&b| zones.place[a] < zones.place[b])
            .all(|b| {
                let ((along_a, across_a), (along_b, across_b)) =
                    (spans(&d.zones[a]), spans(&d.zones[b]));
                let beside = along_a.0 < along_b.1 && along_b.0 < along_a.1;
                !beside || across_a.0 < across_b.0
            })
    })
}

/// A diagram a little more than twice as long along the flow as across it (up to a fifth
/// short of a page's shape) gets roomier gaps across the flow, between boxes and between
/// zones, to a page's shape: its length along the flow still sets its scale, so nothing
/// gets smaller. (One a little too long across the flow gets wider channels instead, in
/// [`draft_in`].) The layout with wider gaps is kept only when it has no more crossings,
/// faults or labels off their links than `d`. [`layout`] asks for this up to [`FIT_MAX`]
/// components: each try is a whole layout.
fn roomier_across(
    d: Diagram,
    arrangement: &[Option<Arrange>],
    trials: &Trials,
    frame: Frame,
) -> Diagram {
    let lr = d.direction == Direction::LeftToRight;
    let across_of = |d: &Diagram| if lr { d.height } else { d.width };
    let (along, across) = if lr {
        (d.width, d.height)
    } else {
        (d.height, d.width)
    };
    let Some(extra) = short_of_page(along, across, across) else {
        return d;
    };
    let with_gaps = |factor: f64| {
        let o = LayoutOptions {
            node_spacing: trials.o.node_spacing * factor,
            zone_spacing: trials.o.zone_spacing * factor,
            ..trials.o.clone()
        };
        let roomier = Trials { o: &o, ..*trials };
        roomier.lay_out(arrangement)
    };
    // Gaps make up part of the extent across the flow: a first guess that they make a third
    // of it, then a second one from what the first gave.
    let first = 1.0 + 3.0 * extra / across;
    let tried = with_gaps(first);
    let grown = across_of(&tried) - across;
    let mut candidates = vec![tried];
    if grown > 0.0 && across_of(&candidates[0]) < along / 2.0 {
        candidates.push(with_gaps(1.0 + (first - 1.0) * extra / grown));
    }
    let quality = Quality::of(&d, frame);
    candidates
        .into_iter()
        .rev()
        .find(|r| Quality::of(r, frame).reshapes_freely(&quality))
        .unwrap_or(d)
}

/// `d`, or, when some of its labels found no room on their own links, the same arrangement
/// laid out with room for them: the dummies of those links (where they pass a layer) as
/// large as their labels, so each label can sit on its link there as on a box of its own
/// (as Graphviz lays out every edge label). Kept when it has fewer labels off their links
/// and reads no worse otherwise, at a scale smaller by no more than one such label is
/// worth ([`Quality::frees_labels`]); then also returns the room given
/// ([`Build::label_room`]). The try is a whole layout, made only for a diagram with labels
/// off their links (none of the bundled scenarios).
fn room_for_labels(
    d: Diagram,
    arrangement: &[Option<Arrange>],
    trials: &Trials,
    frame: Frame,
) -> (Diagram, Option<Vec<LabelRoom>>) {
    if !d.links.iter().any(detached) {
        return (d, None);
    }
    let lr = trials.dir == Direction::LeftToRight;
    let room: Vec<LabelRoom> = (d.links.iter().zip(&trials.texts.chips))
        .map(|(l, chip)| chip.as_ref().filter(|_| detached(l)).map(|c| c.extent(lr)))
        .collect();
    let roomier = Trials {
        label_room: Some(&room),
        ..*trials
    };
    // Room is made where a link passes a layer; with no such link (a loop between two
    // boxes of one layer, say) the try would change nothing.
    let plan = roomier.layered(arrangement);
    let passing = |k: usize| plan.routes[k].stops.len() > 2;
    if !(0..room.len()).any(|k| room[k].is_some() && passing(k)) {
        return (d, None);
    }
    let r = roomier.finished(plan);
    if Quality::of(&r, frame).frees_labels(&Quality::of(&d, frame)) {
        (r, Some(room))
    } else {
        (d, None)
    }
}

/// Puts the port of each segment end at a zone's border into the band at the zone's
/// trailing end across the flow when the segment's other end (an item) lies past the
/// zone's middle in `oc`: the link then reaches the border near its other end instead of
/// crossing the zone's other links to its leading end. Returns whether any port moved.
fn trail_zone_ports(g: &Layered, oc: &OrderCoords, segs: &mut [Seg]) -> bool {
    // An item's centre across the flow.
    let centre = |stop: Stop| match stop {
        Stop::Item(i) => Some(oc.item[i] + g.items[i].osize / 2.0),
        Stop::ZoneLo(_) | Stop::ZoneHi(_) => None,
    };
    // A bundle's shared port goes by the middle of the bundle's other ends.
    let fans = fan_middles(segs, |seg, e| centre(seg.ends[e].0));
    let mut moved = false;
    for (s, seg) in segs.iter_mut().enumerate() {
        for e in 0..2 {
            let (Stop::ZoneLo(z) | Stop::ZoneHi(z), Some(other)) =
                (seg.ends[e].0, centre(seg.ends[1 - e].0))
            else {
                continue;
            };
            let other = match fans[s] {
                Some((shared, middle)) if shared == e => middle,
                _ => other,
            };
            seg.trail[e] = other > (oc.top[z] + oc.bottom[z]) / 2.0;
            moved |= seg.trail[e];
        }
    }
    moved
}

/// Largest model (in components) whose direction is fitted to the frame.
const FIT_MAX: usize = 400;
/// Largest model (in components) whose arrangement is searched: each trial is a whole
/// layout (the work budget allows a few at this size), and past it no arrangement makes
/// the text legible on one page anyway.
const ARRANGE_MAX: usize = 200;

/// The text boxes of a model: the same for every direction and arrangement tried.
struct Texts {
    cards: Vec<Card>,
    headers: Vec<Header>,
    /// Each link's label chip, if it has text.
    chips: Vec<Option<Chip>>,
    /// Each link's look ([`looks`]): links of one look may be drawn as one bundle.
    looks: Vec<Option<usize>>,
}

impl Texts {
    fn measure(model: &Model, o: &LayoutOptions, measure: &dyn TextMeasure) -> Texts {
        // The renderer marks encrypted links, and plaintext ones that cross a boundary.
        let marked = |l: &refarch_core::Link| match l.encrypted {
            Some(true) => true,
            Some(false) => crosses_boundary(model, l),
            None => false,
        };
        Texts {
            cards: model
                .components()
                .iter()
                .map(|c| Card::new(c, o.card_text_width, measure))
                .collect(),
            headers: model
                .zones()
                .iter()
                .map(|z| Header::new(z, o.zone_padding, measure))
                .collect(),
            chips: model
                .links()
                .iter()
                .map(|l| {
                    l.text()
                        .map(|t| Chip::new(&t, l.note.as_deref(), marked(l), measure))
                })
                .collect(),
            // Weighing bundles costs up to two more layouts: only for models whose direction
            // is fitted.
            looks: if o.bundle_links && model.components().len() <= FIT_MAX {
                looks(model)
            } else {
                vec![None; model.links().len()]
            },
        }
    }
}

/// Whether `l` crosses a trust boundary: its ends lie in different zones (the innermost
/// zone decides the chain of zones around an end).
fn crosses_boundary(model: &Model, l: &refarch_core::Link) -> bool {
    model.endpoint_zone(l.from) != model.endpoint_zone(l.to)
}

/// The layouts of one model in one direction, for [`shape::fit`].
struct Trials<'a> {
    model: &'a Model,
    o: &'a LayoutOptions,
    dir: Direction,
    texts: &'a Texts,
    ranking: &'a Ranking,
    /// Starting orders of the layer ordering ([`order`]).
    starts: usize,
    /// Whether the blocks the search arranged keep the order of the flow across it
    /// ([`Build::reading_order`]).
    reading_order: bool,
    /// Whether links run through the zones of their ends ([`Build::through_zones`]).
    through_zones: bool,
    /// The links' looks to bundle links by ([`crate::bundle`]); `None` draws every link on
    /// its own line.
    looks: Option<&'a [Option<usize>]>,
    /// The room the dummies of each link take for its label ([`Build::label_room`]).
    label_room: Option<&'a [LabelRoom]>,
}

impl shape::Layouts for Trials<'_> {
    type Plan = Layered;

    fn plan(&self, arrangement: &[Option<Arrange>]) -> Layered {
        self.layered(arrangement)
    }

    fn draft(&self, plan: &Layered) -> Diagram {
        draft_in(self, plan.clone())
    }

    fn least_plan_size(&self, plan: &Layered) -> (f64, f64) {
        let lr = self.dir == Direction::LeftToRight;
        let chips = &self.texts.chips;
        // With bundles, a label may sit on a trunk's shared piece instead.
        let label_along = |r: usize| match self.looks {
            Some(_) => None,
            None => chips[r].as_ref().map(|c| c.extent(lr).0),
        };
        least_size(plan, lr, self.o, &self.texts.headers, label_along)
    }

    fn least_size(&self, draft: &Diagram) -> (f64, f64) {
        // Moving labels moves nothing else, and `normalize` only shifts.
        size(bounds(draft, false), self.o.margin)
    }

    fn finish(&self, mut draft: Diagram) -> Diagram {
        crate::labels::attach_labels(&mut draft);
        normalize(&mut draft, self.o.margin);
        draft
    }
}

impl Trials<'_> {
    /// The finished layout with `arrangement`.
    fn lay_out(&self, arrangement: &[Option<Arrange>]) -> Diagram {
        self.finished(self.layered(arrangement))
    }

    /// The finished layout of `plan` ([`Trials::layered`]).
    fn finished(&self, plan: Layered) -> Diagram {
        self.finish(draft_in(self, plan))
    }

    /// The model's items in layers under `arrangement`, with their routes and dummies.
    fn layered(&self, arrangement: &[Option<Arrange>]) -> Layered {
        let lr = self.dir == Direction::LeftToRight;
        let axis = |w: f64, h: f64| if lr { (w, h) } else { (h, w) };
        let sizes: Vec<(f64, f64)> = self.texts.cards.iter().map(|c| axis(c.w, c.h)).collect();
        let placeholder = axis(PLACEHOLDER.0, PLACEHOLDER.1);
        let how = Build {
            left_to_right: lr,
            reading_order: self.reading_order,
            through_zones: self.through_zones,
            looks: self.looks,
            label_room: self.label_room,
        };
        Layered::build(
            self.model,
            self.ranking,
            &sizes,
            placeholder,
            arrangement,
            how,
        )
    }
}

/// Lays out in one fixed direction with one arrangement, all but moving labels onto their
/// links and placing the drawing ([`shape::Layouts::finish`]).
fn draft_in(trials: &Trials, mut g: Layered) -> Diagram {
    let Trials {
        model,
        o,
        dir,
        texts,
        starts,
        ..
    } = *trials;
    let lr = dir == Direction::LeftToRight;
    // 1. Cards (measured once, in `texts`).
    let Texts {
        cards,
        headers,
        chips,
        ..
    } = texts;
    // 2–4. Layers, routes, dummies: `g`.
    let nz = g.zones.len();
    // 5. Order.
    let adj = Adjacency::new(&g);
    let big = g.items.len() > 3_000;
    let sweeps = if big {
        o.max_sweeps.min(8)
    } else {
        o.max_sweeps
    };
    let layers = order(&g, &adj, sweeps, starts);
    let mut segs = segments(&g, &turn_sides(&layers, &adj, g.items.len()));
    let mut route_segs: Vec<Vec<usize>> = vec![Vec::new(); g.routes.len()];
    for (s, seg) in segs.iter().enumerate() {
        route_segs[seg.route].push(s);
    }
    let bundles = if let Some(looks) = trials.looks {
        bundle(&g, &mut segs, &route_segs, looks, model.components().len())
    } else {
        Bundles::none(g.routes.len())
    };
    let links = model.links();
    // A label sits on its link where the link enters the next stop: that port gets a slot a
    // label tall, every other port one edge spacing. A link that leaves and re-enters one side
    // (a U between neighbours in a layer) carries its label along the U's bottom, which also
    // spans the gap between the two boxes, so each of its two ports gets half a label; a loop
    // back to its own box spans only its own ports, which get a whole label each.
    // (Where the labels entering a box would stretch it, a label may sit by the port its
    // link leaves instead: [`label_ends`].)
    // A bundle has one label, its first link's, on the segment they share.
    let label_seg: Vec<Option<usize>> = (0..links.len())
        .map(|r| {
            chips[r].as_ref()?;
            if bundles.of[r].is_some() {
                return bundles.shared[r].map(|(s, _)| s);
            }
            let v = &route_segs[r];
            (!v.is_empty()).then(|| v[(v.len() - 1) / 2])
        })
        .collect();
    let extent = |r: usize| chips[r].as_ref().map_or((0.0, 0.0), |c| c.extent(lr));
    let label_at = label_ends(&g, &segs, &label_seg, &bundles, extent, o.edge_spacing);
    let slot = |s: usize, e: usize| -> f64 {
        let seg = &segs[s];
        let at = match label_at[seg.route] {
            Some(at) if at.seg == s => at,
            _ => return o.edge_spacing,
        };
        let extent = extent(seg.route).1 + 4.0;
        let u_turn = seg.ends[0].1 == seg.ends[1].1;
        let room = if u_turn && seg.ends[0].0 != seg.ends[1].0 {
            extent / 2.0
        } else if u_turn || at.end == Some(e) {
            extent
        } else {
            0.0
        };
        o.edge_spacing.max(room)
    };
    let mut ports = Ports::new(&g, &segs, slot, o.edge_spacing);
    for (i, it) in g.items.iter_mut().enumerate() {
        if it.is_box() {
            it.osize = it.osize.max(ports.item_need(i));
        }
    }
    let min_size: Vec<f64> = (0..nz)
        .map(|z| if lr { 0.0 } else { headers[z].need_w })
        .collect();
    // The bands at either end of each zone across the flow: its header (left to right) and
    // its border ports.
    let bands_of = |ports: &Ports| {
        let (lead, trail) = (0..nz)
            .map(|z| {
                let [lead, trail] = ports.zone_need(z);
                (if lr { headers[z].row_h.max(lead) } else { lead }, trail)
            })
            .unzip();
        Bands { lead, trail }
    };
    // 6. Order axis.
    let gaps = Gaps {
        node: o.node_spacing,
        edge: o.edge_spacing,
        zone: o.zone_spacing,
        pad: o.zone_padding,
        nest: o.nested_zone_gap,
    };
    let solve = |bands: &Bands| {
        order_axis(
            &g,
            &layers,
            &adj,
            bands,
            &min_size,
            gaps,
            if big { 4 } else { 8 },
        )
    };
    // Border ports start at the leading end of their zone; those whose other ends lie
    // past the zone's middle then move to its trailing end, and the axis is solved again.
    let mut bands = bands_of(&ports);
    let mut oc = solve(&bands);
    if trail_zone_ports(&g, &oc, &mut segs) {
        ports.band(&segs);
        bands = bands_of(&ports);
        oc = solve(&bands);
    }
    // 7. Ports, tracks, labels.
    place_ports(&g, &mut segs, &ports, &oc, &bands);
    let n_ch = g.n_layers + 1;
    let mut by_ch: Vec<Vec<usize>> = vec![Vec::new(); n_ch];
    for (s, seg) in segs.iter().enumerate() {
        by_ch[seg.ch.min(n_ch - 1)].push(s);
    }
    nudge_ports(&g, &mut segs, &by_ch, &oc, &bands);
    let nl = g.n_layers;
    let gaps = RunGaps {
        edge: o.edge_spacing,
        layer: o.layer_spacing,
    };
    let (runs, chip_at) = Runs::lay_out(&g, &mut segs, &by_ch, &label_at, extent, gaps, &bundles);
    // 8. Layer axis.
    let room = BorderRoom::new(&g, lr, headers, o.zone_padding, o.nested_zone_gap, |z| {
        (runs.len(runs.before(z)), runs.len(runs.after(z)))
    });
    let (so, eo) = (&room.lead, &room.trail);
    let (start_lane, end_lane) = room.lanes(&g);
    let mut col_w = layer_widths(&g);
    // Room added to every channel between two layers (half before its tracks, half after
    // its labels) to give the diagram a page's shape; see below.
    let mut stretch = 0.0;
    let stretch_of = |ch: usize, stretch: f64| {
        if between_layers(ch, nl) { stretch } else { 0.0 }
    };
    let place = |col_w: &[f64], stretch: f64| -> (Vec<f64>, Vec<f64>, f64) {
        let mut col_x = vec![0.0; nl];
        let mut ch_x = vec![0.0; n_ch];
        let mut x = 0.0;
        for ch in 0..n_ch {
            ch_x[ch] = x;
            x += end_lane[ch] + runs.len(ch) + stretch_of(ch, stretch) + start_lane[ch];
            if ch < nl {
                col_x[ch] = x;
                x += col_w[ch];
            }
        }
        (col_x, ch_x, x)
    };
    let (mut col_x, mut ch_x, mut total_l) = place(&col_w, stretch);
    let zone_l = |z: usize, col_x: &[f64], col_w: &[f64]| -> (f64, f64) {
        (
            col_x[g.lo[z]] - so[z],
            col_x[g.hi[z]] + col_w[g.hi[z]] + eo[z],
        )
    };
    if lr {
        for z in g.zones.innermost_first() {
            let (a, b) = zone_l(z, &col_x, &col_w);
            let need = headers[z].need_w;
            if b - a < need {
                col_w[g.hi[z]] += (need - (b - a)).ceil();
                (col_x, ch_x, total_l) = place(&col_w, stretch);
            }
        }
    }
    // A diagram a little more than twice as long across the flow as along it (the flow's
    // labels now sit beside their tracks) gets its channels widened to a page's shape:
    // its longer side still sets its scale, so nothing gets smaller. A strip is left to
    // the arrangement search.
    if nl >= 2 {
        let labels = chips.iter().zip(&chip_at).filter_map(|(chip, at)| {
            let (chip, at) = (chip.as_ref()?, at.as_ref()?);
            let half = if lr { chip.h } else { chip.w } / 2.0;
            Some((at.across - half, at.across + half))
        });
        let across = order_extent(&g, &oc, labels) + 2.0 * o.margin;
        let along = total_l + 2.0 * o.margin;
        if let Some(extra) = short_of_page(across, along, total_l) {
            stretch = (extra / (nl - 1) as f64 * 2.0).ceil() / 2.0;
            (col_x, ch_x, _) = place(&col_w, stretch);
        }
    }
    // Where a run starts along the flow, and which way it runs: a channel past the borders
    // of zones that end before it and half its stretch, forwards; a zone's own turns from
    // its content towards its border.
    let run_at = |ru: usize| -> (f64, f64) {
        match runs.kind(ru) {
            Run::Channel(ch) => (ch_x[ch] + end_lane[ch] + stretch_of(ch, stretch) / 2.0, 1.0),
            Run::After(z) => (col_x[g.hi[z]] + col_w[g.hi[z]] + room.content_trail[z], 1.0),
            Run::Before(z) => (col_x[g.lo[z]] - room.content_lead[z], -1.0),
        }
    };
    // The place `m` into run `ru`.
    let along_run = |ru: usize, m: f64| -> f64 {
        let (start, way) = run_at(ru);
        start + way * m
    };
    // Coordinates out.
    let xy = |l: f64, ord: f64| -> [f64; 2] { if lr { [l, ord] } else { [ord, l] } };
    let rect = |l: f64, ord: f64, ls: f64, os: f64| -> Rect {
        if lr {
            Rect {
                x: l,
                y: ord,
                w: ls,
                h: os,
            }
        } else {
            Rect {
                x: ord,
                y: l,
                w: os,
                h: ls,
            }
        }
    };
    let item_l = |i: usize| -> (f64, f64) {
        let it = &g.items[i];
        let (cx, cw) = (col_x[it.layer], col_w[it.layer]);
        if it.is_box() {
            let a = cx + ((cw - it.lsize) / 2.0).round();
            (a, a + it.lsize)
        } else {
            (cx, cx + cw)
        }
    };
    let stop_l = |s: Stop, att: Att| -> f64 {
        match s {
            Stop::Item(i) => {
                let (a, b) = item_l(i);
                if att == Att::Left { b } else { a }
            }
            Stop::ZoneLo(z) => zone_l(z, &col_x, &col_w).0,
            Stop::ZoneHi(z) => zone_l(z, &col_x, &col_w).1,
        }
    };
    let mut zones_out = Vec::with_capacity(nz);
    for (z, mz) in model.zones().iter().enumerate() {
        let (a, b) = zone_l(z, &col_x, &col_w);
        let r = rect(a, oc.top[z], b - a, oc.bottom[z] - oc.top[z]);
        let h = &headers[z];
        let off = |rr: Rect| Rect {
            x: rr.x + r.x,
            y: rr.y + r.y,
            ..rr
        };
        zones_out.push(ZoneBox {
            id: mz.id.clone(),
            parent: mz.parent.map(|p| model.zone(p).id.clone()),
            x: r.x,
            y: r.y,
            w: r.w,
            h: r.h,
            label: mz.label.clone(),
            trust: mz.trust,
            kind: mz.kind,
            depth: mz.depth,
            header: off(h.rect),
            caption: mz.caption.clone(),
            icon: h.icon.map(off),
            texts: h
                .texts
                .iter()
                .map(|t| TextLine {
                    x: t.x + r.x,
                    y: t.y + r.y,
                    ..t.clone()
                })
                .collect(),
        });
    }
    let mut comps_out = Vec::with_capacity(model.components().len());
    for (c, mc) in model.components().iter().enumerate() {
        let it = &g.items[c];
        debug_assert!(matches!(it.kind, ItemKind::Node(NodeKind::Comp(_))));
        let (a, _) = item_l(c);
        let r = rect(a, oc.item[c], it.lsize, it.osize);
        let card = &cards[c];
        let stack = card.w - card.face.w;
        comps_out.push(ComponentBox {
            id: mc.id.clone(),
            zone: mc.zone.map(|z| model.zone(z).id.clone()),
            x: r.x,
            y: r.y,
            w: r.w,
            h: r.h,
            kind: mc.kind,
            replicas: mc.replicas,
            face: Rect {
                x: r.x,
                y: r.y,
                w: r.w - stack,
                h: r.h - stack,
            },
            icon: Rect {
                x: card.icon.x + r.x,
                y: card.icon.y + r.y,
                ..card.icon
            },
            texts: card
                .texts
                .iter()
                .map(|t| TextLine {
                    x: t.x + r.x,
                    y: t.y + r.y,
                    ..t.clone()
                })
                .collect(),
            optional: mc.optional,
        });
    }
    let mut links_out = Vec::with_capacity(links.len());
    for (r, l) in links.iter().enumerate() {
        let mut pts: Vec<[f64; 2]> = Vec::new();
        for &s in &route_segs[r] {
            let seg = &segs[s];
            let la = stop_l(seg.ends[0].0, seg.ends[0].1);
            let lb = stop_l(seg.ends[1].0, seg.ends[1].1);
            match seg.track {
                None => {
                    pts.push(xy(la, seg.y[0]));
                    pts.push(xy(lb, seg.y[1]));
                }
                Some(t) => {
                    let ru = runs.of(s);
                    let tl = along_run(ru, runs.track(ru, t));
                    pts.push(xy(la, seg.y[0]));
                    pts.push(xy(tl, seg.y[0]));
                    pts.push(xy(tl, seg.y[1]));
                    pts.push(xy(lb, seg.y[1]));
                }
            }
        }
        let mut pts = simplify(pts);
        if g.routes[r].reversed {
            pts.reverse();
        }
        let (label, texts) = match (&chips[r], chip_at[r]) {
            (Some(chip), Some(at)) => {
                let (c, lc) = (at.across, along_run(at.run, at.along));
                let (cw, chh) = (chip.w, chip.h);
                let rr = if lr {
                    Rect {
                        x: (lc - cw / 2.0).round(),
                        y: c - chh / 2.0,
                        w: cw,
                        h: chh,
                    }
                } else {
                    Rect {
                        x: c - cw / 2.0,
                        y: (lc - chh / 2.0).round(),
                        w: cw,
                        h: chh,
                    }
                };
                let texts = chip
                    .texts
                    .iter()
                    .map(|t| TextLine {
                        x: rr.x + rr.w / 2.0 + t.x,
                        y: rr.y + t.y,
                        ..t.clone()
                    })
                    .collect();
                (Some(rr), texts)
            }
            _ => (None, Vec::new()),
        };
        links_out.push(LinkPath {
            from: model.endpoint_id(l.from).to_string(),
            to: model.endpoint_id(l.to).to_string(),
            points: pts,
            label,
            text: l.text(),
            texts,
            protocol: l.protocol.clone(),
            port: l.port,
            encrypted: l.encrypted,
            bidirectional: l.bidirectional,
            intermittent: l.intermittent,
            crosses_boundary: crosses_boundary(model, l),
            bundle: bundles.of[r],
        });
    }
    Diagram {
        version: GEOMETRY_VERSION,
        scenario: model.id().to_string(),
        title: model.title().to_string(),
        summary: model.summary().map(str::to_string),
        direction: dir,
        width: 0.0,
        height: 0.0,
        zones: zones_out,
        components: comps_out,
        links: links_out,
        findings: Vec::new(),
    }
}

/// The extent of the diagram across the flow: the span of its zones, boxes and `labels`
/// (each a span) on the order axis.
fn order_extent(g: &Layered, oc: &OrderCoords, labels: impl Iterator<Item = (f64, f64)>) -> f64 {
    let boxes = g
        .items
        .iter()
        .zip(&oc.item)
        .filter(|(it, _)| it.is_box())
        .map(|(it, &top)| (top, top + it.osize));
    let zones = oc.top.iter().copied().zip(oc.bottom.iter().copied());
    let (lo, hi) = boxes
        .chain(zones)
        .chain(labels)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (a, b)| {
            (lo.min(a), hi.max(b))
        });
    if lo <= hi { hi - lo } else { 0.0 }
}

/// Replaces nonsense options (negative, not finite) by defaults.
fn sanitize(o: &LayoutOptions) -> LayoutOptions {
    let def = LayoutOptions::default();
    let f = |v: f64, d: f64, min: f64| {
        if v.is_finite() && v >= min {
            v.min(1e4)
        } else {
            d
        }
    };
    LayoutOptions {
        direction: o.direction,
        node_spacing: f(o.node_spacing, def.node_spacing, 4.0),
        layer_spacing: f(o.layer_spacing, def.layer_spacing, 16.0),
        edge_spacing: f(o.edge_spacing, def.edge_spacing, 4.0),
        zone_spacing: f(o.zone_spacing, def.zone_spacing, 4.0),
        zone_padding: f(o.zone_padding, def.zone_padding, 4.0),
        nested_zone_gap: f(o.nested_zone_gap, def.nested_zone_gap, 2.0),
        card_text_width: f(o.card_text_width, def.card_text_width, 40.0),
        aspect: f(o.aspect, def.aspect, 0.05),
        margin: f(o.margin, def.margin, 0.0),
        max_sweeps: o.max_sweeps.min(200),
        fit_direction: o.fit_direction,
        fit_arrangement: o.fit_arrangement,
        bundle_links: o.bundle_links,
    }
}

/// Drops repeated points and the middle of three collinear points.
fn simplify(pts: Vec<[f64; 2]>) -> Vec<[f64; 2]> {
    let mut out: Vec<[f64; 2]> = Vec::with_capacity(pts.len());
    for p in pts {
        if out.last() == Some(&p) {
            continue;
        }
        if out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            let collinear = (a[0] == b[0] && b[0] == p[0]) || (a[1] == b[1] && b[1] == p[1]);
            // Only drop b when it lies between a and p (no doubling back).
            let between =
                (b[0] - a[0]) * (p[0] - b[0]) >= 0.0 && (b[1] - a[1]) * (p[1] - b[1]) >= 0.0;
            if collinear && between {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// The bounds `[x0, y0, x1, y1]` of what `d` draws: zones, boxes, links and, with `labels`,
/// link labels (all zero when there is nothing).
fn bounds(d: &Diagram, labels: bool) -> [f64; 4] {
    let (mut x0, mut y0, mut x1, mut y1) = (
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );
    let mut grow = |r: Rect| {
        x0 = x0.min(r.x);
        y0 = y0.min(r.y);
        x1 = x1.max(r.right());
        y1 = y1.max(r.bottom());
    };
    for z in &d.zones {
        grow(z.rect());
    }
    for c in &d.components {
        grow(c.rect());
    }
    for l in &d.links {
        for p in &l.points {
            grow(Rect {
                x: p[0],
                y: p[1],
                w: 0.0,
                h: 0.0,
            });
        }
        if let Some(r) = l.label.filter(|_| labels) {
            grow(r);
        }
    }
    if x0.is_finite() {
        [x0, y0, x1, y1]
    } else {
        [0.0; 4]
    }
}

/// Width and height of a drawing with bounds `b` and `margin` all round.
fn size(b: [f64; 4], margin: f64) -> (f64, f64) {
    (
        (b[2] - b[0] + 2.0 * margin).ceil(),
        (b[3] - b[1] + 2.0 * margin).ceil(),
    )
}

/// Moves the drawing so that it starts at `margin` and sets its size.
fn normalize(d: &mut Diagram, margin: f64) {
    let b = bounds(d, true);
    let (x0, y0) = (b[0], b[1]);
    let (dx, dy) = (margin - x0, margin - y0);
    let mv = |r: &mut Rect| {
        r.x += dx;
        r.y += dy;
    };
    let mv_t = |t: &mut TextLine| {
        t.x += dx;
        t.y += dy;
    };
    for z in &mut d.zones {
        z.x += dx;
        z.y += dy;
        mv(&mut z.header);
        if let Some(i) = &mut z.icon {
            mv(i);
        }
        z.texts.iter_mut().for_each(mv_t);
    }
    for c in &mut d.components {
        c.x += dx;
        c.y += dy;
        mv(&mut c.face);
        mv(&mut c.icon);
        c.texts.iter_mut().for_each(mv_t);
    }
    for l in &mut d.links {
        for p in &mut l.points {
            p[0] += dx;
            p[1] += dy;
        }
        if let Some(r) = &mut l.label {
            mv(r);
        }
        l.texts.iter_mut().for_each(mv_t);
    }
    (d.width, d.height) = size(b, margin);
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::ApproxMeasure;

    /// The models the least size is checked on: the bundled scenarios and the test models,
    /// hard ones included.
    fn models() -> Vec<(String, Model)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files: Vec<_> = ["scenarios", "tests/models", "tests/models/hard"]
            .iter()
            .flat_map(|dir| std::fs::read_dir(root.join(dir)).into_iter().flatten())
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        files.sort();
        files
            .into_iter()
            .filter_map(|p| Some((p.display().to_string(), refarch_core::check_path(&p).model?)))
            .collect()
    }

    /// No draft of a plan is smaller than the plan's least size, in either direction, under
    /// the hints or with every zone arranged one way, at the default spacing and at tight
    /// and roomy ones: the search relies on it to skip drafting plans that cannot fit the
    /// page better.
    #[test]
    fn no_draft_is_smaller_than_its_plans_least_size() {
        let base = LayoutOptions::default();
        let options = [
            base.clone(),
            LayoutOptions {
                node_spacing: 4.0,
                layer_spacing: 16.0,
                edge_spacing: 4.0,
                zone_spacing: 4.0,
                zone_padding: 30.0,
                nested_zone_gap: 2.0,
                margin: 0.0,
                ..base.clone()
            },
            LayoutOptions {
                node_spacing: 50.0,
                layer_spacing: 90.0,
                edge_spacing: 20.0,
                zone_spacing: 60.0,
                zone_padding: 4.0,
                nested_zone_gap: 24.0,
                ..base
            },
        ];
        let models = models();
        assert!(models.len() >= 50, "{} models", models.len());
        for o in options.iter().map(sanitize) {
            for (file, model) in &models {
                least_size_holds(file, model, &o);
            }
        }
    }

    /// Checks [`no_draft_is_smaller_than_its_plans_least_size`] on one model.
    fn least_size_holds(file: &str, model: &Model, o: &LayoutOptions) {
        let texts = Texts::measure(model, o, &ApproxMeasure);
        let ranking = Ranking::new(model);
        let all = |a: Arrange| vec![Some(a); model.zones().len() + 1];
        let arrangements = [
            shape::hinted(model),
            all(Arrange::Row),
            all(Arrange::Column),
        ];
        for dir in [Direction::LeftToRight, Direction::TopToBottom] {
            let trials = Trials {
                model,
                o,
                dir,
                texts: &texts,
                ranking: &ranking,
                starts: 1,
                reading_order: false,
                through_zones: false,
                looks: None,
                label_room: None,
            };
            for arrangement in &arrangements {
                let plan = trials.layered(arrangement);
                let least = trials.least_plan_size(&plan);
                let drafted = trials.least_size(&trials.draft(&plan));
                assert!(
                    least.0 <= drafted.0 && least.1 <= drafted.1,
                    "{file} {dir:?} {arrangement:?} {o:?}: least {least:?}, drafted {drafted:?}"
                );
            }
        }
    }
}
