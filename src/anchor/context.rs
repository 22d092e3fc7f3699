//! What an annotation's stored context says about a candidate place: how well the text
//! around it agrees with the stored prefix and suffix, how near it is to where the passage was,
//! and whether the passage's surroundings are still together where it stood (it was edited
//! away in place). The acceptance rules in the parent module weigh these numbers.

use std::ops::Range;

use super::normalise::Normalised;
use super::{
    NEAR_BYTES, SURROUNDING_CHARS, SURROUNDING_MIN, Selectors, ceil_char_boundary,
    floor_char_boundary,
};
use crate::annotation::CONTEXT_CHARS;

/// What the candidates are compared against.
pub(super) struct Context {
    pub(super) prefix: Vec<char>,
    pub(super) suffix: Vec<char>,
    /// Where the passage was, in normalised bytes (if a position was stored).
    pub(super) expected: Option<usize>,
    pub(super) text_len: usize,
    /// The passage began the text it was made on.
    pub(super) at_start: bool,
}

impl Context {
    pub(super) fn new(sel: &Selectors<'_>, norm: &Normalised, _article_chars: usize) -> Context {
        let prefix = Normalised::string(sel.prefix);
        let suffix = Normalised::string(sel.suffix);
        // A short prefix that reaches back exactly to char 0 of the old text says the passage
        // began the text. (The end cannot be judged the same way: the old text's length is
        // not stored.)
        let raw_prefix = sel.prefix.chars().count();
        let at_start = raw_prefix < CONTEXT_CHARS
            && sel.position.as_ref().is_some_and(|r| r.start == raw_prefix);
        Context {
            prefix: prefix.chars().collect(),
            suffix: suffix.chars().collect(),
            expected: sel.position.as_ref().map(|r| norm.byte_of_char(r.start)),
            text_len: norm.len().max(1),
            at_start,
        }
    }

    /// Similarity (0–1) of the stored prefix to the text before `start`: how well it fits
    /// somewhere in a window twice its length (edits next to the quote shift it about).
    pub(super) fn prefix_similarity(&self, text: &str, start: usize) -> f32 {
        let window: Vec<char> = text[..start]
            .chars()
            .rev()
            .take(2 * CONTEXT_CHARS)
            .collect();
        // The passage stood at the very start of the text: a candidate with much more text
        // before it is not at the start.
        if self.at_start && window.len() > self.prefix.len() + CONTEXT_CHARS {
            return 0.0;
        }
        if self.prefix.is_empty() {
            return 1.0; // both at the start of the text
        }
        let window: Vec<char> = window.into_iter().take(2 * self.prefix.len()).collect();
        let window: Vec<char> = window.into_iter().rev().collect();
        fit(&self.prefix, &window)
    }

    pub(super) fn suffix_similarity(&self, text: &str, end: usize) -> f32 {
        let window: Vec<char> = text[end..].chars().take(2 * CONTEXT_CHARS).collect();
        if self.suffix.is_empty() {
            return 1.0;
        }
        let window: Vec<char> = window.into_iter().take(2 * self.suffix.len()).collect();
        fit(&self.suffix, &window)
    }

    pub(super) fn position_similarity(&self, start: usize) -> f32 {
        match self.expected {
            Some(e) => 1.0 - (start.abs_diff(e) as f32 / self.text_len as f32).min(1.0),
            None => 0.5,
        }
    }

    /// A byte range of the normalised text within `radius` of where the passage was (on char
    /// boundaries), or `None` when no position is known.
    pub(super) fn window(
        &self,
        text: &str,
        quote_len: usize,
        radius: usize,
    ) -> Option<Range<usize>> {
        let expected = self.expected?;
        let start = floor_char_boundary(text, expected.saturating_sub(radius));
        let end = ceil_char_boundary(text, (expected + radius + quote_len).min(text.len()));
        Some(start..end)
    }

    /// Chars of exact agreement right before and right after a candidate.
    pub(super) fn adjacent(&self, text: &str, start: usize, end: usize) -> (usize, usize) {
        let before = text[..start]
            .chars()
            .rev()
            .zip(self.prefix.iter().rev())
            .take_while(|(a, b)| a == *b)
            .count();
        let after = text[end..]
            .chars()
            .zip(self.suffix.iter())
            .take_while(|(a, b)| a == *b)
            .count();
        (before, after)
    }

    /// Where the passage was, if the text that stood around it is still there, together:
    /// the end of the stored prefix followed, not too far on, by the start of the stored
    /// suffix, near the stored position. Returns the span between them.
    pub(super) fn surroundings_in_place(&self, text: &str, quote: &str) -> Option<Range<usize>> {
        let quote_len = quote.len();
        let expected = self.expected?;
        // Trimmed: once the passage is gone, the spaces on either side of it fold into one.
        let tail: String = self.prefix[self.prefix.len().saturating_sub(SURROUNDING_CHARS)..]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_owned();
        let head: String = self.suffix[..self.suffix.len().min(SURROUNDING_CHARS)]
            .iter()
            .collect::<String>()
            .trim_start()
            .to_owned();
        if tail.trim().len() < SURROUNDING_MIN || head.trim().len() < SURROUNDING_MIN {
            return None; // too little known context to judge by
        }
        let from = floor_char_boundary(text, expected.saturating_sub(2 * NEAR_BYTES + tail.len()));
        let to = ceil_char_boundary(
            text,
            (expected + 2 * NEAR_BYTES + 4 * quote_len).min(text.len()),
        );
        let window = &text[from..to];
        let max_gap = 4 * quote_len + 200;
        let mut best: Option<Range<usize>> = None;
        for (at, _) in window.match_indices(tail.as_str()) {
            let after = at + tail.len();
            let limit =
                ceil_char_boundary(window, (after + max_gap + head.len()).min(window.len()));
            let Some(gap) = window[after..limit].find(head.as_str()) else {
                continue;
            };
            if window[after..after + gap].trim() == quote {
                continue; // the passage itself (or a copy with the same surroundings), not a hole
            }
            let hole = from + after..from + after + gap;
            if best
                .as_ref()
                .is_none_or(|b| hole.start.abs_diff(expected) < b.start.abs_diff(expected))
            {
                best = Some(hole);
            }
        }
        best
    }

    /// Chars of agreement next to the quote, compared exactly (cheap, for shortlisting).
    pub(super) fn quick_agreement(&self, text: &str, start: usize, end: usize) -> usize {
        let (before, after) = self.adjacent(text, start, end);
        before + after
    }

    pub(super) fn distance(&self, start: usize) -> usize {
        self.expected.map_or(0, |e| start.abs_diff(e))
    }
}

/// 1 − (edits needed to find `pattern` somewhere in `window`) / pattern length: the
/// semi-global edit distance (free start and end in the window), as Hypothesis scores context.
pub(super) fn fit(pattern: &[char], window: &[char]) -> f32 {
    if pattern.is_empty() {
        return 1.0;
    }
    let mut prev = vec![0usize; window.len() + 1]; // row 0: starting anywhere is free
    for (i, p) in pattern.iter().enumerate() {
        let mut cur = vec![i + 1; window.len() + 1];
        for (j, w) in window.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(p != w))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    let best = prev.into_iter().min().unwrap_or(pattern.len());
    1.0 - best as f32 / pattern.len() as f32
}
