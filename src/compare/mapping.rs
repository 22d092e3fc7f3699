//! Scrolling in step: where a position of one article is in the other, along the
//! corresponding passages (and, later, the reader's links).
//!
//! The passages give anchor points (start to start, end to end). Anchors that would make the
//! mapping go backwards (passages in a different order in the two articles) are left out, so
//! the mapping only ever moves forward. Around each passage — [`LEVEL_WINDOW`] chars, about a
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
    let mut sorted: Vec<&(Range<usize>, Range<usize>)> = pairs.iter().collect();
    sorted.sort_by_key(|(a, _)| a.start);
    for (a, b) in sorted {
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
    fn without_passages_the_texts_are_followed_in_proportion() {
        assert_eq!(map_position(&[], 250, 1000, 2000), 500);
    }
}
