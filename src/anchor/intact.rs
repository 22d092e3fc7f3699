//! A passage whose stored context is intact is clearly there: the prefix and suffix an
//! annotation stores (32 chars each) found together at exactly one place name that place,
//! however far the passage moved and whether or not its own words were touched up since.
//!
//! 1. The quote with both sides exactly around it, at one place only: that is it (a quote
//!    that occurs many times is told apart by its context; far from where it was is fine).
//! 2. Both sides together at one place with other words between them, close to the quote
//!    (typos fixed, a word changed — up to a third of its chars): the passage, edited.
//!
//! Both leave every doubtful case — a side too short to name anything, two places that fit —
//! to the full rules, which lean towards orphaning.

use std::ops::Range;

use super::context::Context;
use super::normalise::Normalised;
use super::{NEAR_BYTES, SHORT_ADJACENT, ceil_char_boundary};

/// Fewest chars each side of the stored context must have to name a place.
const MIN_SIDE: usize = 12;
/// Largest share of a quote's chars that may differ when it is found between its context.
const MAX_CHANGED: f32 = 1.0 / 3.0;
/// Longest quote compared char by char (the comparison costs the product of the lengths).
const MAX_COMPARED: usize = 2_000;
/// Places of the prefix looked at: a prefix repeated more often is boilerplate.
const MAX_PLACES: usize = 64;

/// A place found by its context, in normalised bytes, and how alike its text is to the quote.
pub(super) struct Found {
    pub range: Range<usize>,
    pub similarity: f32,
}

pub(super) fn between_intact_context(
    norm: &Normalised,
    quote: &str,
    context: &Context,
) -> Option<Found> {
    let found = find(norm, quote, context)?;
    let text = norm.text.as_str();
    // The passage edited away where it stood (the words around it still together there), and
    // a twin elsewhere: the twin is a look-alike, not the passage.
    if let Some(hole) = context.surroundings_in_place(text, quote)
        && (hole.end <= found.range.start || found.range.end <= hole.start)
    {
        return None;
    }
    // Found far from where it was while the quote still stands near there with some of its
    // old neighbours (edited around where it was): that one, not a far twin, may be the
    // passage — the full rules decide.
    if context.distance(found.range.start) > NEAR_BYTES
        && let Some(window) = context.window(text, quote.len(), NEAR_BYTES)
    {
        let contested = super::occurrences(&text[window.clone()], quote).any(|at| {
            let at = window.start + at;
            let (before, after) = context.adjacent(text, at, at + quote.len());
            before.max(after) >= SHORT_ADJACENT
        });
        if contested {
            return None;
        }
    }
    Some(found)
}

/// Rules 1 and 2 alone, without the checks against a twin (for a passage known to have been
/// alone in the text it was made on).
pub(super) fn find(norm: &Normalised, quote: &str, context: &Context) -> Option<Found> {
    if context.prefix.len() < MIN_SIDE || context.suffix.len() < MIN_SIDE {
        return None;
    }
    let text = norm.text.as_str();
    let prefix: String = context.prefix.iter().collect();
    let suffix: String = context.suffix.iter().collect();

    let needle = format!("{prefix}{quote}{suffix}");
    let mut whole = super::occurrences(text, &needle);
    if let Some(at) = whole.next() {
        if whole.next().is_some() {
            return None; // the same words in the same context twice: the full rules decide
        }
        let start = at + prefix.len();
        return Some(Found {
            range: start..start + quote.len(),
            similarity: 1.0,
        });
    }

    let quote_chars: Vec<char> = quote.chars().collect();
    if quote_chars.len() > MAX_COMPARED || quote_chars.is_empty() {
        return None;
    }
    let max_gap = quote.len() + quote.len() / 2 + 8;
    let mut found: Option<Found> = None;
    for at in super::occurrences(text, &prefix).take(MAX_PLACES) {
        let from = at + prefix.len();
        let limit = ceil_char_boundary(text, (from + max_gap + suffix.len()).min(text.len()));
        let Some(gap) = text[from..limit].find(&suffix) else {
            continue;
        };
        let between = &text[from..from + gap];
        // The quote itself there, with words inserted next to it: just the quote. (Not for a
        // word or two: a passage rewritten between its context may reuse them by chance.)
        let mut exact = between.match_indices(quote);
        if !super::is_short(quote)
            && let (Some((at, _)), None) = (exact.next(), exact.next())
        {
            if found.is_some() {
                return None;
            }
            found = Some(Found {
                range: from + at..from + at + quote.len(),
                similarity: 1.0,
            });
            continue;
        }
        let lead = between.len() - between.trim_start().len();
        let trail = between.len() - between.trim_end().len();
        let trimmed: Vec<char> = between.trim().chars().collect();
        if trimmed.is_empty() {
            continue;
        }
        let edits = levenshtein(&quote_chars, &trimmed);
        if edits as f32 > MAX_CHANGED * quote_chars.len() as f32 {
            continue;
        }
        if found.is_some() {
            return None; // two places fit
        }
        found = Some(Found {
            range: from + lead..from + gap - trail,
            similarity: 1.0 - edits as f32 / quote_chars.len().max(trimmed.len()) as f32,
        });
    }
    found
}

/// Edits (insert, delete, replace one char) turning `a` into `b`.
fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.iter().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, y) in b.iter().enumerate() {
            let v = (prev[j] + usize::from(x != y))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
            cur.push(v);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::Anchor;
    use crate::anchor::tests::{anchor, made_on};

    #[test]
    fn edit_distance() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(levenshtein(&c("kitten"), &c("sitting")), 3);
        assert_eq!(levenshtein(&c(""), &c("ab")), 2);
        assert_eq!(levenshtein(&c("same"), &c("same")), 0);
    }

    #[test]
    fn a_one_word_quote_never_anchors_inside_another_word() {
        let old = "Talks with the UK went on. Officials from Russ and others met in Geneva today.";
        let a = made_on(old, "Russ");
        // "Russ" is gone; "Russia" remains, its first letters the quote's.
        let new =
            "Talks with the UK went on. Officials from Russia and others met in Geneva today.";
        assert_eq!(anchor(new, &a), Anchor::Orphan);
    }

    #[test]
    fn the_stored_position_of_a_short_quote_counts_only_with_its_neighbours() {
        let old = "The minister met the ambassador in Moscow on Tuesday.";
        let a = made_on(old, "the");
        // The same three letters stand at the stored position, in other words entirely.
        let new = "Yesterday, after the storm had passed, all was calm.";
        let at = a.range();
        assert_eq!(
            &new[at.clone()],
            "the",
            "the test puts a \"the\" at the old place"
        );
        assert_eq!(anchor(new, &a), Anchor::Orphan);
    }

    #[test]
    fn a_quote_with_its_context_intact_is_found_however_far_it_moved_and_however_its_typos_were_fixed()
     {
        let filler = "Unrelated words fill the page between the two places. ".repeat(1500);
        let passage = "Before the talks, officials said the meeting would be frank and useful, and \
                       nothing more would come of it this week. ";
        let old = format!("{passage}{filler}End.");
        let a = made_on(&old, "the meeting would be frank and useful");
        // Moved 80 kB on, with its surroundings.
        let new = format!("{filler}{passage}End.");
        match anchor(&new, &a) {
            Anchor::Moved(r) => assert_eq!(
                crate::text::slice_chars(&new, &crate::text::Paragraphs::new(&new), r),
                "the meeting would be frank and useful"
            ),
            other => panic!("{other:?}"),
        }
        // Typos fixed inside it (a quarter of its letters), context intact: between them.
        let typos = old.replace(
            "the meeting would be frank and useful",
            "tha meating wuold be frenk and usefull",
        );
        let a = made_on(&typos, "tha meating wuold be frenk and usefull");
        match anchor(&old, &a) {
            Anchor::Approximate { range, .. } => assert_eq!(
                crate::text::slice_chars(&old, &crate::text::Paragraphs::new(&old), range),
                "the meeting would be frank and useful"
            ),
            other => panic!("{other:?}"),
        }
    }
}
