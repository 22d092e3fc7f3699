//! Scrolling in step: where a position of one article is in the other, along the
//! corresponding passages (and, later, the reader's links).
//!
//! The passages give anchor points (start to start, end to end). Of passages in a different
//! order in the two articles, the heaviest chain in the same order is kept and the others
//! left out ([`in_order`]), so the mapping only ever moves forward. Around each passage — [`LEVEL_WINDOW`] chars, about a
//! screen, before and after — the two texts move char for char, so the passage and its
//! counterpart stay level however differently the texts around them are proportioned; between
//! those windows (and the starts and ends of both texts) the mapping interpolates linearly, so
//! the other pane never drifts away. Piecewise linear through increasing anchors: continuous
//! and never going back.

use std::ops::Range;

/// Chars around an anchor within which the texts move in step, char for char.
pub const LEVEL_WINDOW: usize = 4000;

/// Maps char `pos` of text A (of `len_a` chars) to text B (of `len_b`) along `pairs` of
/// corresponding ranges (A range, B range).
pub fn map_position(
    pairs: &[(Range<usize>, Range<usize>)],
    pos: usize,
    len_a: usize,
    len_b: usize,
) -> usize {
    let w = LEVEL_WINDOW;
    let mut anchors: Vec<(usize, usize)> = vec![(0, 0)];
    for (a, b) in in_order(pairs) {
        // Each passage, with a window of a screen before and after it in which the texts
        // move char for char.
        let points = [
            (a.start.checked_sub(w), b.start.checked_sub(w)),
            (Some(a.start), Some(b.start)),
            (Some(a.end), Some(b.end)),
            (Some(a.end + w), Some(b.end + w)),
        ];
        for (pa, pb) in points {
            let (Some(pa), Some(pb)) = (pa, pb) else {
                continue;
            };
            let last = *anchors.last().expect("starts with (0, 0)");
            // Forward only, and inside both texts: an anchor out of order would make the
            // other pane jump back.
            if pa > last.0 && pb > last.1 && pa <= len_a && pb <= len_b {
                anchors.push((pa, pb));
            }
        }
    }
    if let Some(&last) = anchors.last()
        && len_a > last.0
        && len_b >= last.1
    {
        anchors.push((len_a, len_b));
    }
    let pos = pos.min(len_a);
    let k = anchors.partition_point(|&(a, _)| a <= pos);
    let (a0, b0) = anchors[k.saturating_sub(1)];
    let Some(&(a1, b1)) = anchors.get(k) else {
        return (b0 + (pos - a0)).min(len_b);
    };
    let t = (pos - a0) as f64 / (a1 - a0).max(1) as f64;
    (b0 as f64 + t * (b1 - b0) as f64).round() as usize
}

/// The heaviest chain of pairs that come in the same order in both texts (a longest
/// increasing subsequence weighted by passage length, O(n log n) with a Fenwick tree of
/// prefix maxima), sorted by A position. Taking pairs greedily in A's order instead let one
/// passage out of place — the lead of A quoted at the end of B — shut out every passage after
/// it, and the follower pane then drifted through the whole article.
fn in_order(pairs: &[(Range<usize>, Range<usize>)]) -> Vec<&(Range<usize>, Range<usize>)> {
    let mut sorted: Vec<&(Range<usize>, Range<usize>)> = pairs.iter().collect();
    sorted.sort_by_key(|(a, b)| (a.start, b.start));
    let mut b_starts: Vec<usize> = sorted.iter().map(|(_, b)| b.start).collect();
    b_starts.sort_unstable();
    b_starts.dedup();
    // tree[k]: the best (chain weight, last pair) among pairs whose B rank is in k's span.
    let mut tree: Vec<(usize, Option<usize>)> = vec![(0, None); b_starts.len() + 1];
    let mut back: Vec<Option<usize>> = vec![None; sorted.len()];
    let mut best: (usize, Option<usize>) = (0, None);
    for (i, (a, b)) in sorted.iter().enumerate() {
        let rank = b_starts.partition_point(|&s| s < b.start); // pairs starting earlier in B
        let mut before = (0, None);
        let mut k = rank;
        while k > 0 {
            before = before.max(tree[k]);
            k &= k - 1;
        }
        let total = before.0 + a.len() + b.len();
        back[i] = before.1;
        best = best.max((total, Some(i)));
        let mut k = rank + 1;
        while k < tree.len() {
            tree[k] = tree[k].max((total, Some(i)));
            k += k & k.wrapping_neg();
        }
    }
    let mut chain = Vec::new();
    let mut at = best.1;
    while let Some(i) = at {
        chain.push(sorted[i]);
        at = back[i];
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_a_passage_the_texts_move_char_for_char() {
        // A passage at 20,000..20,500 in A is at 80,000..80,500 in B.
        let pairs = vec![(20_000..20_500, 80_000..80_500)];
        let (la, lb) = (100_000, 100_000);
        assert_eq!(map_position(&pairs, 20_250, la, lb), 80_250);
        assert_eq!(map_position(&pairs, 20_000, la, lb), 80_000);
        // A screen before it, the counterpart is a screen before too (not 4x as far, as a
        // plain interpolation from the start would put it).
        assert_eq!(map_position(&pairs, 19_000, la, lb), 79_000);
        assert_eq!(map_position(&pairs, 21_500, la, lb), 81_500);
        // Far from it: proportional between the anchors.
        assert_eq!(map_position(&pairs, 8_000, la, lb), 38_000);
        assert_eq!(map_position(&pairs, la, la, lb), lb);
    }

    #[test]
    fn a_passage_out_of_order_does_not_make_the_mapping_go_back() {
        let pairs = vec![(100..200, 600..700), (300..400, 100..200)];
        let mut last = 0;
        for pos in (0..=1000).step_by(10) {
            let mapped = map_position(&pairs, pos, 1000, 1000);
            assert!(mapped >= last, "{pos} -> {mapped} after {last}");
            last = mapped;
        }
    }

    #[test]
    fn one_passage_out_of_place_does_not_shut_out_the_others() {
        // A's opening passage is quoted at the end of B; the rest come in the same order.
        let pairs = vec![
            (0..300, 95_000..95_300),
            (20_000..20_500, 22_000..22_500),
            (50_000..50_400, 51_000..51_400),
            (70_000..70_600, 73_000..73_600),
        ];
        let (la, lb) = (100_000, 100_000);
        assert_eq!(map_position(&pairs, 20_250, la, lb), 22_250);
        assert_eq!(map_position(&pairs, 50_100, la, lb), 51_100);
        assert_eq!(map_position(&pairs, 70_000, la, lb), 73_000);
        let chain: Vec<usize> = in_order(&pairs).iter().map(|(a, _)| a.start).collect();
        assert_eq!(chain, [20_000, 50_000, 70_000]);
    }

    #[test]
    fn without_passages_the_texts_are_followed_in_proportion() {
        assert_eq!(map_position(&[], 250, 1000, 2000), 500);
    }
}
