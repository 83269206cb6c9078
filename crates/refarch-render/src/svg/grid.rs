//! A uniform grid of rectangles for overlap queries: gate placement asks "does this box
//! overlap anything?" once per candidate, and a scan of every card, chip and line segment
//! made that quadratic in the number of links.
//!
//! ```text
//!   +----+----+----+        each rectangle is listed in every cell it touches; a query
//!   | a  | a b|    |        looks only at the cells its box touches, so it sees every
//!   +----+----+----+        rectangle that can overlap it (and a few that cannot, which
//!   |    |  b | q  |        the exact test then rejects)
//!   +----+----+----+
//! ```
//!
//! Answers are exactly those of a linear scan with [`Rect::overlaps`]: rectangles with
//! non-finite or out-of-range coordinates, and queries like that, fall back to the scan.

use refarch_layout::Rect;

/// Most cells along one axis (bounds memory on a huge, sparse diagram).
const MAX_CELLS: usize = 512;
/// Smallest cell side in CSS pixels.
const MIN_CELL: f64 = 32.0;

/// Rectangles with a tag each, bucketed by the grid cells they touch.
#[derive(Debug)]
pub(crate) struct Grid<T> {
    /// Left and top edge of the grid.
    origin: [f64; 2],
    /// Cell side.
    cell: f64,
    /// Cells per row and per column.
    cols: usize,
    rows: usize,
    /// Indexes into `items`, per cell, row-major.
    cells: Vec<Vec<usize>>,
    /// Indexes into `items` of rectangles not in any cell (checked by every query).
    loose: Vec<usize>,
    /// Every rectangle inserted, with its tag.
    items: Vec<(Rect, T)>,
}

impl<T: Copy> Grid<T> {
    /// An empty grid covering `bounds` (rectangles outside it still work, more slowly).
    pub(crate) fn new(bounds: Rect) -> Self {
        let ok = [bounds.x, bounds.y, bounds.w, bounds.h]
            .iter()
            .all(|v| v.is_finite());
        let (w, h) = if ok {
            (bounds.w.max(0.0), bounds.h.max(0.0))
        } else {
            (0.0, 0.0)
        };
        let cell = (w.max(h) / MAX_CELLS as f64).max(MIN_CELL);
        let count = |side: f64| ((side / cell).ceil() as usize).clamp(1, MAX_CELLS);
        let (cols, rows) = (count(w), count(h));
        Grid {
            origin: if ok { [bounds.x, bounds.y] } else { [0.0, 0.0] },
            cell,
            cols,
            rows,
            cells: vec![Vec::new(); cols * rows],
            loose: Vec::new(),
            items: Vec::new(),
        }
    }

    /// The cell range `[c0, c1] x [r0, r1]` that `r` touches, or `None` when `r` is not
    /// finite or reaches outside the grid.
    fn span(&self, r: &Rect) -> Option<(usize, usize, usize, usize)> {
        let idx = |v: f64, o: f64, n: usize| {
            let i = ((v - o) / self.cell).floor();
            (i.is_finite() && i >= 0.0 && i < n as f64).then_some(i as usize)
        };
        let (ox, oy) = (self.origin[0], self.origin[1]);
        Some((
            idx(r.x, ox, self.cols)?,
            idx(r.right(), ox, self.cols)?,
            idx(r.y, oy, self.rows)?,
            idx(r.bottom(), oy, self.rows)?,
        ))
    }

    /// Adds `r` with its tag.
    pub(crate) fn insert(&mut self, r: Rect, tag: T) {
        let i = self.items.len();
        self.items.push((r, tag));
        match self.span(&r) {
            Some((c0, c1, r0, r1)) => {
                for row in r0..=r1 {
                    for col in c0..=c1 {
                        self.cells[row * self.cols + col].push(i);
                    }
                }
            }
            None => self.loose.push(i),
        }
    }

    /// Whether any rectangle whose tag passes `keep` overlaps `q`.
    pub(crate) fn any_overlap(&self, q: &Rect, keep: impl Fn(T) -> bool) -> bool {
        let hit = |&i: &usize| {
            let (r, tag) = &self.items[i];
            keep(*tag) && r.overlaps(q)
        };
        if self.loose.iter().any(hit) {
            return true;
        }
        let Some((c0, c1, r0, r1)) = self.span(q) else {
            return self
                .items
                .iter()
                .any(|(r, tag)| keep(*tag) && r.overlaps(q));
        };
        (r0..=r1).any(|row| (c0..=c1).any(|col| self.cells[row * self.cols + col].iter().any(hit)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    #[test]
    fn answers_like_a_linear_scan() {
        let mut g = Grid::new(r(0.0, 0.0, 1000.0, 800.0));
        let items = [
            (r(10.0, 10.0, 50.0, 20.0), 0),
            (r(500.0, 0.0, 1.5, 800.0), 1),
            (r(-50.0, -50.0, 20.0, 20.0), 2),
            (r(f64::NAN, 0.0, 10.0, 10.0), 3),
            (r(990.0, 790.0, 100.0, 100.0), 4),
        ];
        for (rect, tag) in items {
            g.insert(rect, tag);
        }
        let mut seed = 7_u64;
        for _ in 0..2_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let x = (seed >> 33) as f64 % 1200.0 - 100.0;
            let y = (seed >> 13) as f64 % 1000.0 - 100.0;
            let q = r(x, y, 13.0, 7.0);
            for skip in 0..5 {
                let scan = items.iter().any(|(o, t)| *t != skip && o.overlaps(&q));
                assert_eq!(
                    g.any_overlap(&q, |t| t != skip),
                    scan,
                    "{q:?} skipping {skip}"
                );
            }
        }
    }
}
