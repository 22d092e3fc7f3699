//! Anchoring through a kept version: when an article changed since an annotation was placed
//! and the text it was placed on is kept ([`crate::versions`]), the passage is carried through
//! the diff between the two texts instead of being looked for by its selectors. The diff of
//! two texts is computed once and shared by all their annotations.
//!
//! What the diff cannot place — a passage most of which was deleted or rewritten, or one cut
//! and pasted elsewhere (a diff sees a deletion and an insertion) — goes on to the selector
//! pipeline, which finds a moved passage by its intact context and orphans the rest.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::Anchor;
use super::normalise::Normalised;
use crate::annotation::Annotation;
use crate::corpus::Article;
use crate::text::Paragraphs;
use crate::versions::{DiffMap, Mapped, VersionStore};

/// An old text, its paragraph table (for char slicing) and its map to a newer text.
pub struct Carried {
    pub old_text: String,
    pub old_paragraphs: Paragraphs,
    pub map: DiffMap,
}

/// The kept versions of a corpus and the diffs taken so far.
#[derive(Default)]
pub struct Versions {
    store: Option<VersionStore>,
    /// (old hash, new hash) → the map between them; `None` when the old text is not kept (or
    /// does not read back).
    maps: HashMap<(String, String), Option<Arc<Carried>>>,
}

impl Versions {
    pub fn of_corpus(root: &Path) -> Versions {
        Versions {
            store: Some(VersionStore::of_corpus(root)),
            maps: HashMap::new(),
        }
    }

    /// The map from the text with hash `old` to `article`'s text, if `old` is kept.
    pub fn map_to(&mut self, old: &str, article: &Article) -> Option<Arc<Carried>> {
        let store = self.store.as_ref()?;
        let key = (old.to_owned(), article.hash.clone());
        self.maps
            .entry(key)
            .or_insert_with(|| {
                let old_text = store.load(old)?;
                let map = DiffMap::new(&old_text, &article.text);
                Some(Arc::new(Carried {
                    old_paragraphs: Paragraphs::new(&old_text),
                    old_text,
                    map,
                }))
            })
            .clone()
    }

    /// Where the annotation's passage is, carried through the change.
    pub fn carry(&mut self, article: &Article, annotation: &Annotation) -> Carry {
        let old = annotation.article_hash.as_str();
        let range = annotation.range();
        if old.is_empty() || old == article.hash || range.is_empty() {
            return Carry::NoVersion;
        }
        let Some(carried) = self.map_to(old, article) else {
            return Carry::NoVersion;
        };
        // The stored position must hold the quote in the old text (a notes file edited by
        // hand may say otherwise): carrying a wrong range would place the note confidently on
        // the wrong words.
        let old_chars = carried.old_paragraphs.total_chars();
        if range.end > old_chars
            || crate::text::slice_chars(&carried.old_text, &carried.old_paragraphs, range.clone())
                != annotation.quote.exact
        {
            return Carry::NoVersion;
        }
        if carried.map.unfinished(&range) {
            // The diff ran out of time before comparing the words here.
            return Carry::NoVersion;
        }
        match carried.map.map(range.clone()) {
            Mapped::Exact(r) if r == range => Carry::Placed(Anchor::Exact(r)),
            Mapped::Exact(r) => Carry::Placed(Anchor::Moved(r)),
            Mapped::Changed { range, kept } => {
                let Some(r) = crate::text::trim_range(&article.text, &article.paragraphs, range)
                else {
                    return Carry::NoVersion;
                };
                // Only the quote marks or white space changed: the same words, not a text
                // change worth a reader's attention.
                let same =
                    |a: &str, b: &str| Normalised::string(a).trim() == Normalised::string(b).trim();
                if same(article.slice(r.clone()), &annotation.quote.exact) {
                    return Carry::Placed(Anchor::Moved(r));
                }
                // The whole quote, unchanged, overlapping what the diff kept: the diff chose
                // another copy of a word at its edge ("to" of a deleted "is to carry on"),
                // the words themselves say where the passage is.
                if let Some(exact) = intact_overlapping(article, &annotation.quote.exact, &r) {
                    return Carry::Placed(Anchor::Moved(exact));
                }
                Carry::Placed(Anchor::Approximate {
                    range: r,
                    score: kept,
                })
            }
            Mapped::Gone => {
                if let Some(anchor) =
                    lone_word_in_replacement(&carried.map, article, annotation, range)
                {
                    return Carry::Placed(anchor);
                }
                // Gone where it stood: if the text it was made on had the same words twice,
                // whatever the selectors find now is the twin, not the passage.
                let q = &annotation.quote;
                let needle = format!("{}{}{}", q.prefix, q.exact, q.suffix);
                if super::occurrences(&carried.old_text, &needle)
                    .nth(1)
                    .is_some()
                {
                    Carry::Placed(Anchor::Orphan)
                } else {
                    Carry::GoneFromItsPlace
                }
            }
        }
    }
}

/// The one occurrence of `quote` overlapping `r` (looked for within a quote's length of it).
fn intact_overlapping(
    article: &Article,
    quote: &str,
    r: &std::ops::Range<usize>,
) -> Option<std::ops::Range<usize>> {
    let len = quote.chars().count();
    let from = r.start.saturating_sub(len);
    let to = (r.end + len).min(article.char_len());
    let window = article.slice(from..to);
    let mut hits = window
        .match_indices(quote)
        .map(|(at, _)| from + window[..at].chars().count())
        .filter(|&start| start < r.end && start + len > r.start);
    let first = hits.next()?;
    hits.next().is_none().then_some(first..first + len)
}

/// What carrying an annotation through a kept version found.
pub enum Carry {
    Placed(Anchor),
    /// Deleted or rewritten where it stood, or moved: a copy with its context intact
    /// elsewhere is the passage moved (the text it was made on held it only once).
    GoneFromItsPlace,
    /// No kept version to carry it through (or the article did not change).
    NoVersion,
}

/// Longest replacement looked through for a short passage's words.
const MAX_REPLACEMENT_CHARS: usize = 600;

/// A word or three whose sentence was rewritten around them, and which the diff paired with
/// nothing (two alignments of a rewritten sentence can be equally good): if the words occur
/// exactly once, as whole words, in the text that replaced their stretch, that is where they
/// are. Anywhere else — or twice there — is left to the selectors.
fn lone_word_in_replacement(
    map: &crate::versions::DiffMap,
    article: &Article,
    annotation: &Annotation,
    range: std::ops::Range<usize>,
) -> Option<Anchor> {
    let quote = annotation.quote.exact.trim();
    if quote.is_empty() || quote.split_whitespace().count() > 3 {
        return None;
    }
    let (old_gap, gap) = map.replacement(range.clone())?;
    if gap.is_empty() || gap.len() > MAX_REPLACEMENT_CHARS {
        return None;
    }
    // The words around it were rewritten with it (it sat inside the changed stretch), not
    // the passage itself replaced by other words that happen to include it.
    if old_gap.start >= range.start || old_gap.end <= range.end {
        return None;
    }
    let text = article.slice(gap.clone());
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut hits = text.match_indices(quote).filter(|(at, _)| {
        !alnum(text[..*at].chars().next_back()) && !alnum(text[at + quote.len()..].chars().next())
    });
    let (at, _) = hits.next()?;
    if hits.next().is_some() {
        return None;
    }
    let start = gap.start + text[..at].chars().count();
    Some(Anchor::Moved(start..start + quote.chars().count()))
}
