//! Items grouped by a small integer key in one buffer, by counting first: a grid's cells, a
//! graph's adjacency lists. Two passes and two allocations, where a list per key allocates
//! once for each key and grows.

/// Items grouped by key: those of key `k`, in the order they were given, are
/// [`of(k)`](Buckets::of). The default has no keys.
#[derive(Clone, Default)]
pub(crate) struct Buckets<T> {
    /// The items of key `k` are `items[starts[k]..starts[k + 1]]`.
    starts: Vec<usize>,
    items: Vec<T>,
}

impl<T: Copy + Default> Buckets<T> {
    /// The `(key, item)` pairs that `pairs` gives (each time alike: once to count them, once
    /// to place them) under keys `0..keys`.
    pub(crate) fn new<I>(keys: usize, pairs: impl Fn() -> I) -> Buckets<T>
    where
        I: Iterator<Item = (usize, T)>,
    {
        // Count each key's items into the start of the next key, then sum up.
        let mut starts = vec![0; keys + 1];
        for (k, _) in pairs() {
            starts[k + 1] += 1;
        }
        for k in 0..keys {
            starts[k + 1] += starts[k];
        }
        let mut fill = starts.clone();
        let mut items = vec![T::default(); starts[keys]];
        for (k, item) in pairs() {
            items[fill[k]] = item;
            fill[k] += 1;
        }
        Buckets { starts, items }
    }

    /// The items of key `k`.
    pub(crate) fn of(&self, k: usize) -> &[T] {
        &self.items[self.range(k)]
    }

    /// Where the items of key `k` lie in [`items`](Buckets::items): for going through them
    /// while the caller changes something else it owns.
    pub(crate) fn range(&self, k: usize) -> std::ops::Range<usize> {
        self.starts[k]..self.starts[k + 1]
    }

    /// Every item, key by key.
    pub(crate) fn items(&self) -> &[T] {
        &self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_keep_their_order_within_a_key() {
        let pairs = [(2, 'a'), (0, 'b'), (2, 'c'), (3, 'd'), (0, 'e')];
        let b = Buckets::new(4, || pairs.iter().copied());
        assert_eq!(b.of(0), ['b', 'e']);
        assert!(b.of(1).is_empty());
        assert_eq!(b.of(2), ['a', 'c']);
        assert_eq!(b.of(3), ['d']);
    }
}
