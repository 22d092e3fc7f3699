//! A passage moved with its own context: the rule that keeps a moved paragraph's highlights.
//!
//! **The invariant.** A quote that occurs in the new text with at least one side of its
//! stored context intact right next to it — every char of the stored prefix before it, or of
//! the stored suffix after it — and occurs so nowhere else, is the passage, wherever it
//! moved. The surroundings check ("the words around its old place are still together, so it
//! was edited away there") must not overrule this: when a paragraph moves, the paragraphs on
//! either side of it close up, and at a paragraph's start or end one side of the stored
//! context is exactly those closed-up neighbours. That check orphaned about 70 % of the
//! highlights in moved paragraphs.
//!
//! A passage that was a whole paragraph keeps neither side of its context (both were its
//! neighbours), and one in a paragraph moved *and* lightly edited may keep only part of a
//! side. Such a passage is still the one when it occurs exactly once now, is not a word or two
//! (a common word whose context changed is never guessed), and either the hole it left is
//! blank — cut out, not rewritten — or it was a whole paragraph and is one now (the first paragraph of an
//! article, moved, leaves no neighbours behind to judge the hole by).

use std::ops::Range;

use super::context::Context;
use super::normalise::Normalised;
use super::{SURROUNDING_MIN, Selectors, cuts_a_word, is_short};
use crate::corpus::Article;

/// Chars of agreement on one side of a distinctive quote whose other side agrees up to its
/// paragraph's edge.
const ONE_SIDE_CHARS: usize = 12;

/// Occurrences looked at: a quote found more often than this is too common to be placed by
/// this rule (the general rules, which weigh position, still try).
const MAX_OCCURRENCES: usize = 1_000;

/// The place of `quote` in the normalised `text` by the invariant (see the module
/// documentation), in normalised bytes; `None` when the rule does not decide.
pub(super) fn with_its_context(
    article: &Article,
    norm: &Normalised,
    sel: &Selectors<'_>,
    quote: &str,
    context: &Context,
) -> Option<Range<usize>> {
    let text = norm.text.as_str();
    // The passage edited where it stood (a typo fixed, a word changed) while a copy stands
    // elsewhere: its surroundings are still together, around something like it. Then its
    // context did not move with the copy, and the general rules decide.
    let hole = context.surroundings_in_place(text, quote);
    if let Some(hole) = &hole
        && edited_in_place(quote, text[hole.clone()].trim())
    {
        return None;
    }
    // Chars of the stored context inside the quote's own paragraph (up to a line break).
    let prefix_in_paragraph = sel
        .prefix
        .rsplit_once('\n')
        .map_or(context.prefix.len(), |(_, own)| {
            Normalised::string(own).chars().count()
        });
    let suffix_in_paragraph = sel
        .suffix
        .split_once('\n')
        .map_or(context.suffix.len(), |(own, _)| {
            Normalised::string(own).chars().count()
        });
    let mut intact: Option<Range<usize>> = None;
    let mut intact_count = 0;
    let short = is_short(quote);
    let words = quote.split(' ').filter(|w| !w.is_empty()).count();
    let one_side = if short {
        2 * ONE_SIDE_CHARS
    } else {
        ONE_SIDE_CHARS
    };
    let mut only: Option<Range<usize>> = None;
    let mut count = 0;
    for at in super::occurrences(text, quote).take(MAX_OCCURRENCES + 1) {
        count += 1;
        if count > MAX_OCCURRENCES {
            return None;
        }
        let end = at + quote.len();
        if cuts_a_word(text, at, end, quote, context) {
            continue;
        }
        let (before, after) = context.adjacent(text, at, end);
        only = Some(at..end);
        let side = |known: usize, agreeing: usize| known >= SURROUNDING_MIN && agreeing >= known;
        // A side agrees as far as the quote's own paragraph goes: its neighbours, past a line
        // break, are not its context any more.
        let (prefix_own, suffix_own) =
            (before >= prefix_in_paragraph, after >= suffix_in_paragraph);
        let intact_here = side(context.prefix.len(), before)
            || side(context.suffix.len(), after)
            // Both sides, as far as the paragraph goes, with enough chars to go by.
            || (prefix_own && suffix_own && before + after >= SURROUNDING_MIN)
            // One side, as far as the paragraph goes, and that is a good stretch.
            || (prefix_own && prefix_in_paragraph >= SURROUNDING_MIN)
            || (suffix_own && suffix_in_paragraph >= SURROUNDING_MIN)
            // One side to the paragraph's edge, and the other intact for a stretch before a
            // small edit (twice that stretch for a quote of few chars; never a word or two).
            || (words >= 3
                && ((prefix_own && after >= one_side) || (suffix_own && before >= one_side)))
            // One side to the paragraph's edge, and most of the other side of the paragraph
            // intact before an edit near its far end (a short paragraph's last word changed).
            || (words >= 3
                && ((prefix_own && mostly(after, suffix_in_paragraph))
                    || (suffix_own && mostly(before, prefix_in_paragraph))));
        if intact_here {
            intact_count += 1;
            intact = Some(at..end);
        }
    }
    // Where the quote occurs more than once, its stored context and position decide, by the
    // general rules.
    if count != 1 {
        return None;
    }
    // The surroundings closed up around nothing where it stood: cut out there. Its context
    // intact elsewhere too is then a copy (a move takes its context along, leaving none
    // behind) — except for a whole paragraph, whose context was its neighbours.
    // A "hole" at the quote's own place is no hole: words of the quote repeated right after
    // it ("talks sanctions court on harbour sanctions court") make its stored prefix and
    // suffix meet there.
    let cut_out = hole.as_ref().is_some_and(|h| {
        let own = only
            .as_ref()
            .is_some_and(|o| h.start <= o.end && o.start <= h.end);
        !own && text[h.clone()].trim().is_empty()
    });
    match intact_count {
        1 if !cut_out => intact,
        _ if !short => {
            let range = only?;
            // A whole paragraph then, a whole paragraph now, cut out where it stood.
            let was_block = (sel.prefix.is_empty() || sel.prefix.ends_with('\n'))
                && (sel.suffix.is_empty() || sel.suffix.starts_with('\n'));
            let chars = norm.original_range(range.start, range.end);
            let before = chars.start.checked_sub(1).map(|i| article.slice(i..i + 1));
            let after =
                (chars.end < article.char_len()).then(|| article.slice(chars.end..chars.end + 1));
            let is_block = before.is_none_or(|c| c == "\n") && after.is_none_or(|c| c == "\n");
            (was_block && is_block && (cut_out || hole.is_none())).then_some(range)
        }
        _ => None,
    }
}

/// At least [`ONE_SIDE_CHARS`] and over half of a side's chars within the paragraph agree.
fn mostly(agreeing: usize, in_paragraph: usize) -> bool {
    agreeing >= ONE_SIDE_CHARS && agreeing * 2 > in_paragraph
}

/// Whether what now stands between a passage's old surroundings looks like the passage
/// edited: about as long, at least half of the quote's words in it, and most of it fitting the
/// quote char by char (a chance likeness of other words is not an edit of these).
fn edited_in_place(quote: &str, inside: &str) -> bool {
    // The passage itself stands in there, beside other text: moved next to its old place.
    if inside.is_empty() || inside.len() > 2 * quote.len() + 40 || inside.contains(quote) {
        return false;
    }
    let words: Vec<&str> = quote.split(' ').filter(|w| !w.is_empty()).collect();
    let there: std::collections::HashSet<&str> = inside.split(' ').collect();
    let kept = words.iter().filter(|w| there.contains(*w)).count();
    if kept * 2 < words.len() {
        return false;
    }
    let (q, w): (Vec<char>, Vec<char>) = (quote.chars().collect(), inside.chars().collect());
    super::context::fit(&q, &w) >= IN_PLACE_FIT
}

/// How well (0–1) the text in the hole must fit the quote to count as the passage edited in
/// place.
const IN_PLACE_FIT: f32 = 0.5;
