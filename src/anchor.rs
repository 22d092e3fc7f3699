//! Anchoring: finding an annotation's passage in the article as it is now.
//!
//! The stored position is trusted only when the text there still equals the quote. Otherwise
//! the quote is searched for exactly, and among several occurrences the one whose surrounding
//! text agrees best with the stored prefix/suffix wins, then the one nearest the old position.
//! When the quote is nowhere, the annotation is an orphan: it is kept, never moved to a guess.

use std::ops::Range;

use crate::annotation::Annotation;
use crate::corpus::Article;

/// Where an annotation sits in the current text of its article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// The stored position still holds the quote.
    Exact(Range<usize>),
    /// The quote was found elsewhere (the article was edited before it).
    Moved(Range<usize>),
    /// The quote is not in the article any more.
    Orphan,
}

impl Anchor {
    pub fn range(&self) -> Option<Range<usize>> {
        match self {
            Anchor::Exact(r) | Anchor::Moved(r) => Some(r.clone()),
            Anchor::Orphan => None,
        }
    }
}

/// Locates an annotation in `article`.
pub fn locate(article: &Article, annotation: &Annotation) -> Anchor {
    let exact = annotation.quote.exact.as_str();
    let stored = annotation.range();
    if exact.is_empty() {
        return Anchor::Orphan;
    }
    if stored.end <= article.char_len()
        && stored.start < stored.end
        && article.slice(stored.clone()) == exact
    {
        return Anchor::Exact(stored);
    }
    let quote_chars = exact.chars().count();
    let text = &article.text;
    let mut best: Option<(usize, usize, Range<usize>)> = None; // (agreement, distance, range)
    let mut char_pos = 0;
    let mut last_byte = 0;
    for (byte, _) in text.match_indices(exact) {
        char_pos += text[last_byte..byte].chars().count();
        last_byte = byte;
        let range = char_pos..char_pos + quote_chars;
        let agreement = context_agreement(article, annotation, range.clone());
        let distance = range.start.abs_diff(stored.start);
        let better = match &best {
            None => true,
            Some((a, d, _)) => agreement > *a || (agreement == *a && distance < *d),
        };
        if better {
            best = Some((agreement, distance, range));
        }
    }
    match best {
        Some((_, _, range)) => Anchor::Moved(range),
        None => Anchor::Orphan,
    }
}

/// How many chars of the stored prefix and suffix match the text around `range`.
fn context_agreement(article: &Article, annotation: &Annotation, range: Range<usize>) -> usize {
    let prefix_len = annotation.quote.prefix.chars().count();
    let suffix_len = annotation.quote.suffix.chars().count();
    let before = article.slice(range.start.saturating_sub(prefix_len)..range.start);
    let after = article.slice(range.end..(range.end + suffix_len).min(article.char_len()));
    let common_suffix = before
        .chars()
        .rev()
        .zip(annotation.quote.prefix.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let common_prefix = after
        .chars()
        .zip(annotation.quote.suffix.chars())
        .take_while(|(a, b)| a == b)
        .count();
    common_suffix + common_prefix
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Color;

    #[test]
    fn an_unchanged_article_anchors_exactly() {
        let article = Article::from_text("a.txt", "alpha beta gamma".into(), None);
        let a = Annotation::new(&article, 6..10, Color::Yellow);
        assert_eq!(locate(&article, &a), Anchor::Exact(6..10));
    }

    #[test]
    fn an_insertion_before_moves_the_anchor_to_the_right_occurrence() {
        let old = Article::from_text("a.txt", "x beta one. y beta two.".into(), None);
        let a = Annotation::new(&old, 14..18, Color::Yellow); // the second "beta"
        let new = Article::from_text("a.txt", "NEW! x beta one. y beta two.".into(), None);
        assert_eq!(locate(&new, &a), Anchor::Moved(19..23));
    }

    #[test]
    fn a_deleted_passage_is_an_orphan() {
        let old = Article::from_text("a.txt", "keep this. drop that.".into(), None);
        let a = Annotation::new(&old, 11..20, Color::Yellow);
        let new = Article::from_text("a.txt", "keep this.".into(), None);
        assert_eq!(locate(&new, &a), Anchor::Orphan);
    }
}
