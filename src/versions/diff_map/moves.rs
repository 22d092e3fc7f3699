//! Moved blocks: a paragraph (or a section) cut from one place and pasted at another shows in
//! a line diff as a deletion here and an insertion there. Paired up by their words and
//! compared word by word, the block's text is shared text again — so annotations inside it are
//! carried to the new place with their offsets inside the block, and one whose own words were
//! edited on the way is carried as changed, not lost.

use std::collections::HashSet;
use std::ops::Range;
use std::time::Instant;

use super::{Sink, words_same};

/// A changed stretch of the diff: where it starts (chars) on each side, and its bytes.
pub(super) struct Stretch {
    pub old_at: usize,
    pub new_at: usize,
    pub old: Range<usize>,
    pub new: Range<usize>,
}

/// Share of words two blocks must have in common (of the smaller one's distinct words) to be
/// one block moved: a moved paragraph lightly edited keeps nearly all of them, two unrelated
/// paragraphs of one article share their function words and little else.
const MOVE_MIN_SHARED: f32 = 0.6;
/// Blocks looked at on each side (a text rewritten throughout has many; pairing is quadratic).
const MAX_BLOCKS: usize = 400;
/// A block shorter than this (distinct words) is too little to recognise elsewhere.
const MIN_WORDS: usize = 4;

/// Pairs the stretches deleted on one side with those inserted on the other that hold mostly
/// the same words, and compares each pair by words (into `sink`).
pub(super) fn carry_moves(
    old: &str,
    new: &str,
    stretches: &[Stretch],
    sink: &mut Sink<'_>,
    deadline: Instant,
) {
    let words = |s: &str| -> HashSet<String> {
        s.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect()
    };
    let blocks = |deleted: bool| -> Vec<(&Stretch, HashSet<String>)> {
        stretches
            .iter()
            .filter(|s| {
                let (gone, here) = if deleted {
                    (&old[s.old.clone()], &new[s.new.clone()])
                } else {
                    (&new[s.new.clone()], &old[s.old.clone()])
                };
                here.trim().is_empty() && !gone.trim().is_empty()
            })
            .take(MAX_BLOCKS)
            .map(|s| {
                let text = if deleted {
                    &old[s.old.clone()]
                } else {
                    &new[s.new.clone()]
                };
                (s, words(text))
            })
            .filter(|(_, w)| w.len() >= MIN_WORDS)
            .collect()
    };
    let (deleted, inserted) = (blocks(true), blocks(false));
    let mut used = vec![false; inserted.len()];
    for (d, dw) in &deleted {
        if Instant::now() >= deadline {
            return;
        }
        let best = inserted
            .iter()
            .enumerate()
            .filter(|(k, _)| !used[*k])
            .map(|(k, (_, iw))| {
                let shared = dw.intersection(iw).count();
                (k, shared as f32 / dw.len().min(iw.len()) as f32)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((k, share)) = best
            && share >= MOVE_MIN_SHARED
        {
            used[k] = true;
            let i = inserted[k].0;
            words_same(
                &old[d.old.clone()],
                &new[i.new.clone()],
                d.old_at,
                i.new_at,
                sink,
                deadline,
            );
        }
    }
}
