//! Paragraph heights for the virtualised reading view.
//!
//! The reading view lays out only the paragraphs on screen, so it needs to know where each
//! paragraph *would* be without laying out the others. Heights start as estimates (from the
//! char count) and are replaced by measured values as paragraphs come into view. A Fenwick tree
//! keeps the prefix sums, so updating one height and finding the paragraph at a given `y` are
//! both O(log n): the per-frame cost does not grow with the length of the article.
//!
//! Heights depend only on the wrap width, the font size and the paragraph's text — not on its
//! highlights, which change colours but never glyph positions — so a new highlight costs no
//! relayout of anything but the paragraphs it touches on screen.

#[derive(Debug, Default, Clone)]
pub struct HeightIndex {
    /// What the heights were measured for; a change invalidates everything.
    key: Option<LayoutKey>,
    heights: Vec<f32>,
    tree: Vec<f32>,
}

/// The layout parameters that determine paragraph heights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutKey {
    pub article_id: u64,
    pub wrap_width: f32,
    pub font_size: f32,
}

impl HeightIndex {
    /// Makes sure the index matches `key`; otherwise rebuilds it from estimates.
    /// Returns true when it was rebuilt.
    pub fn ensure(&mut self, key: LayoutKey, estimates: impl Iterator<Item = f32>) -> bool {
        if self.key == Some(key) {
            return false;
        }
        self.key = Some(key);
        self.heights = estimates.collect();
        self.rebuild_tree();
        true
    }

    fn rebuild_tree(&mut self) {
        let n = self.heights.len();
        self.tree = vec![0.0; n + 1];
        for i in 0..n {
            // Children of node j all have smaller indices, so tree[j] is complete here.
            let j = i + 1;
            self.tree[j] += self.heights[i];
            let parent = j + (j & j.wrapping_neg());
            if parent <= n {
                let v = self.tree[j];
                self.tree[parent] += v;
            }
        }
    }

    /// Records the measured height of paragraph `i`; returns the change.
    pub fn set_measured(&mut self, i: usize, height: f32) -> f32 {
        let delta = height - self.heights[i];
        if delta != 0.0 {
            self.heights[i] = height;
            let n = self.heights.len();
            let mut j = i + 1;
            while j <= n {
                self.tree[j] += delta;
                j += j & j.wrapping_neg();
            }
        }
        delta
    }

    /// Top of paragraph `i` (sum of the heights before it).
    pub fn top_of(&self, i: usize) -> f32 {
        let mut sum = 0.0;
        let mut j = i.min(self.heights.len());
        while j > 0 {
            sum += self.tree[j];
            j -= j & j.wrapping_neg();
        }
        sum
    }

    pub fn total(&self) -> f32 {
        self.top_of(self.heights.len())
    }

    /// Index of the paragraph that covers `y` (clamped to the valid range).
    pub fn index_at(&self, y: f32) -> usize {
        let n = self.heights.len();
        if n == 0 {
            return 0;
        }
        // Fenwick descent: find the largest prefix whose sum is <= y.
        let mut pos = 0;
        let mut remaining = y.max(0.0);
        let mut step = n.next_power_of_two();
        while step > 0 {
            let next = pos + step;
            if next <= n && self.tree[next] <= remaining {
                pos = next;
                remaining -= self.tree[next];
            }
            step >>= 1;
        }
        pos.min(n - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(w: f32) -> LayoutKey {
        LayoutKey {
            article_id: 1,
            wrap_width: w,
            font_size: 18.0,
        }
    }

    #[test]
    fn prefix_sums_and_lookup_follow_measurements() {
        let mut idx = HeightIndex::default();
        assert!(idx.ensure(key(500.0), [10.0, 20.0, 0.0, 30.0].into_iter()));
        assert_eq!(idx.top_of(3), 30.0);
        assert_eq!(idx.total(), 60.0);
        assert_eq!(idx.index_at(0.0), 0);
        assert_eq!(idx.index_at(9.9), 0);
        assert_eq!(idx.index_at(10.0), 1);
        assert_eq!(idx.index_at(31.0), 3, "zero-height paragraphs are skipped");
        assert_eq!(idx.index_at(1e9), 3);
        assert_eq!(idx.set_measured(1, 25.0), 5.0);
        assert_eq!(idx.top_of(3), 35.0);
        assert_eq!(idx.index_at(34.0), 1);
        assert!(
            !idx.ensure(key(500.0), [1.0].into_iter()),
            "same key keeps measurements"
        );
        assert!(
            idx.ensure(key(400.0), [1.0, 1.0].into_iter()),
            "a new width re-estimates"
        );
        assert_eq!(idx.total(), 2.0);
    }

    #[test]
    fn large_indices_stay_consistent() {
        let mut idx = HeightIndex::default();
        idx.ensure(key(1.0), (0..10_000).map(|i| (i % 7) as f32));
        let naive: f32 = (0..5_000).map(|i| (i % 7) as f32).sum();
        assert_eq!(idx.top_of(5_000), naive);
        let i = idx.index_at(naive + 0.5);
        assert!(idx.top_of(i) <= naive + 0.5 && naive + 0.5 < idx.top_of(i + 1));
    }
}
