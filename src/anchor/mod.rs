//! Anchoring: finding an annotation's passage in the article as it is now — or admitting that
//! it is gone.
//!
//! The pipeline, cheapest first:
//!
//! 1. **Position check.** When the text at the stored position still equals the quote, that
//!    is the anchor. (An unchanged article — same content hash — always ends here.)
//! 2. **Exact search.** Every occurrence of the quote in the [normalised](normalise) text is a
//!    candidate; they are ranked by how well the text around them agrees with the stored
//!    prefix and suffix, then by nearness to the stored position.
//! 3. **Approximate search.** If the quote occurs nowhere, [Myers' bit-parallel
//!    search](myers) finds the places it occurs with up to a quarter of its characters edited,
//!    and each is scored on quote, prefix, suffix and position similarity (weights 50/20/20/2,
//!    as in Hypothesis).
//!
//! Unlike Hypothesis, a candidate is accepted only when it is good enough **and** clearly better
//! than the runner-up; otherwise the annotation is an orphan. A wrong anchor puts a reader's
//! note on a sentence that does not say what the note is about, which is worse than admitting
//! the passage is gone, so every threshold leans towards orphaning.

pub mod myers;
pub mod normalise;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::annotation::Annotation;
use crate::corpus::Article;
use normalise::Normalised;

/// Where an annotation sits in the current text of its article.
#[derive(Debug, Clone, PartialEq)]
pub enum Anchor {
    /// The stored position still holds the quote.
    Exact(Range<usize>),
    /// The quote was found unchanged (up to white space, quote and dash styles) elsewhere.
    Moved(Range<usize>),
    /// A passage close to the quote was found; `score` (0–1) says how close.
    Approximate { range: Range<usize>, score: f32 },
    /// The passage is not in the article any more.
    Orphan,
}

impl Anchor {
    pub fn range(&self) -> Option<Range<usize>> {
        match self {
            Anchor::Exact(r) | Anchor::Moved(r) | Anchor::Approximate { range: r, .. } => {
                Some(r.clone())
            }
            Anchor::Orphan => None,
        }
    }

    /// A one-word name for reports: exact, moved, approximate, orphan.
    pub fn kind(&self) -> &'static str {
        match self {
            Anchor::Exact(_) => "exact",
            Anchor::Moved(_) => "moved",
            Anchor::Approximate { .. } => "approximate",
            Anchor::Orphan => "orphan",
        }
    }
}

/// What is known of a passage: the W3C selectors plus, when known, the article's hash.
#[derive(Debug, Clone)]
pub struct Selectors<'a> {
    pub exact: &'a str,
    pub prefix: &'a str,
    pub suffix: &'a str,
    /// Stored char position (a hint when the text changed).
    pub position: Option<Range<usize>>,
    /// Content hash of the text the position refers to ("" when unknown).
    pub article_hash: &'a str,
}

impl<'a> Selectors<'a> {
    pub fn of(annotation: &'a Annotation) -> Selectors<'a> {
        Selectors {
            exact: &annotation.quote.exact,
            prefix: &annotation.quote.prefix,
            suffix: &annotation.quote.suffix,
            position: Some(annotation.range()),
            article_hash: &annotation.article_hash,
        }
    }
}

/// Normalised views of articles, built on first need and shared (articles can be megabytes).
#[derive(Default)]
pub struct NormCache(HashMap<String, (String, Arc<Normalised>)>);

impl NormCache {
    pub fn get(&mut self, article: &Article) -> Arc<Normalised> {
        if let Some((hash, norm)) = self.0.get(&article.file_name)
            && *hash == article.hash
        {
            return norm.clone();
        }
        let norm = Arc::new(Normalised::new(&article.text));
        self.0.insert(
            article.file_name.clone(),
            (article.hash.clone(), norm.clone()),
        );
        norm
    }
}

/// Locates an annotation in `article` (convenience over [`locate_selectors`]).
pub fn locate(article: &Article, annotation: &Annotation, cache: &mut NormCache) -> Anchor {
    locate_selectors(article, &Selectors::of(annotation), cache)
}

/// The anchoring pipeline (see the module documentation).
pub fn locate_selectors(article: &Article, sel: &Selectors<'_>, cache: &mut NormCache) -> Anchor {
    if sel.exact.is_empty() {
        return Anchor::Orphan;
    }
    if let Some(r) = &sel.position
        && r.start < r.end
        && r.end <= article.char_len()
        && article.slice(r.clone()) == sel.exact
    {
        return Anchor::Exact(r.clone());
    }
    let norm = cache.get(article);
    let quote = Normalised::string(sel.exact).trim().to_owned();
    if quote.is_empty() {
        return Anchor::Orphan;
    }
    let context = Context::new(sel, &norm, article.char_len());
    let found = exact_candidates(&norm, &quote, &context)
        .or_else(|| approximate_candidates(&norm, &quote, &context));
    let Some((range, quote_sim, score)) = found else {
        return Anchor::Orphan;
    };
    let chars = norm.original_range(range.start, range.end);
    let Some(chars) = crate::text::trim_range(&article.text, &article.paragraphs, chars) else {
        return Anchor::Orphan;
    };
    if quote_sim >= 1.0 {
        Anchor::Moved(chars)
    } else {
        Anchor::Approximate {
            range: chars,
            score,
        }
    }
}

/// What the candidates are compared against.
struct Context {
    prefix: Vec<char>,
    suffix: Vec<char>,
    /// Where the passage was, in normalised bytes (if a position was stored).
    expected: Option<usize>,
    text_len: usize,
}

impl Context {
    fn new(sel: &Selectors<'_>, norm: &Normalised, _article_chars: usize) -> Context {
        let prefix = Normalised::string(sel.prefix);
        let suffix = Normalised::string(sel.suffix);
        Context {
            prefix: prefix.chars().collect(),
            suffix: suffix.chars().collect(),
            expected: sel.position.as_ref().map(|r| norm.byte_of_char(r.start)),
            text_len: norm.len().max(1),
        }
    }

    /// Similarity (0–1) of the stored prefix to the text just before `start`.
    fn prefix_similarity(&self, text: &str, start: usize) -> f32 {
        if self.prefix.is_empty() {
            return 0.5; // nothing known before the quote: neither for nor against
        }
        let before: Vec<char> = text[..start]
            .chars()
            .rev()
            .take(self.prefix.len())
            .collect();
        let before: Vec<char> = before.into_iter().rev().collect();
        similarity(&self.prefix, &before)
    }

    fn suffix_similarity(&self, text: &str, end: usize) -> f32 {
        if self.suffix.is_empty() {
            return 0.5;
        }
        let after: Vec<char> = text[end..].chars().take(self.suffix.len()).collect();
        similarity(&self.suffix, &after)
    }

    fn position_similarity(&self, start: usize) -> f32 {
        match self.expected {
            Some(e) => 1.0 - (start.abs_diff(e) as f32 / self.text_len as f32).min(1.0),
            None => 0.5,
        }
    }

    /// Chars of agreement next to the quote, compared exactly (cheap, for shortlisting).
    fn quick_agreement(&self, text: &str, start: usize, end: usize) -> usize {
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
        before + after
    }

    fn distance(&self, start: usize) -> usize {
        self.expected.map_or(0, |e| start.abs_diff(e))
    }
}

/// 1 − (edit distance / longer length).
fn similarity(a: &[char], b: &[char]) -> f32 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    1.0 - levenshtein(a, b) as f32 / longest as f32
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Weights of the combined score: quote, prefix, suffix, position (Hypothesis's).
const WEIGHTS: [f32; 4] = [50.0, 20.0, 20.0, 2.0];

/// A scored candidate in normalised byte offsets.
#[derive(Debug, Clone)]
struct Candidate {
    range: Range<usize>,
    quote: f32,
    context: f32,
    score: f32,
    distance: usize,
}

fn score(context: &Context, text: &str, range: Range<usize>, quote_sim: f32) -> Candidate {
    let prefix = context.prefix_similarity(text, range.start);
    let suffix = context.suffix_similarity(text, range.end);
    let position = context.position_similarity(range.start);
    let total: f32 = WEIGHTS.iter().sum();
    let score = (WEIGHTS[0] * quote_sim
        + WEIGHTS[1] * prefix
        + WEIGHTS[2] * suffix
        + WEIGHTS[3] * position)
        / total;
    Candidate {
        distance: context.distance(range.start),
        range,
        quote: quote_sim,
        context: (prefix + suffix) / 2.0,
        score,
    }
}

/// How many exact occurrences get a full (edit-distance) context comparison.
const SHORTLIST: usize = 24;
/// The context of an accepted exact match must agree at least this much (0–1) …
const EXACT_MIN_CONTEXT: f32 = 0.5;
/// … unless the quote occurs only once and is at least this long (bytes) and three words.
const UNIQUE_MIN_LEN: usize = 16;
/// The winner's context must beat the runner-up's by this much, or be clearly nearer.
const CONTEXT_MARGIN: f32 = 0.1;

/// Step 2: exact occurrences of the normalised quote.
/// Returns (range in normalised bytes, quote similarity, score).
fn exact_candidates(
    norm: &Normalised,
    quote: &str,
    context: &Context,
) -> Option<(Range<usize>, f32, f32)> {
    let text = norm.text.as_str();
    let hits: Vec<usize> = text.match_indices(quote).map(|(at, _)| at).collect();
    if hits.is_empty() {
        return None;
    }
    // Shortlist by exact context agreement, plus the occurrences nearest the old position.
    let mut by_agreement: Vec<(usize, usize)> = hits
        .iter()
        .map(|&at| (context.quick_agreement(text, at, at + quote.len()), at))
        .collect();
    by_agreement.sort_by_key(|&(agree, at)| (std::cmp::Reverse(agree), context.distance(at)));
    let mut shortlist: Vec<usize> = by_agreement
        .iter()
        .take(SHORTLIST)
        .map(|&(_, at)| at)
        .collect();
    let mut by_distance = hits.clone();
    by_distance.sort_by_key(|&at| context.distance(at));
    shortlist.extend(by_distance.iter().take(4));
    shortlist.sort_unstable();
    shortlist.dedup();

    let mut scored: Vec<Candidate> = shortlist
        .into_iter()
        .map(|at| score(context, text, at..at + quote.len(), 1.0))
        .collect();
    scored.sort_by(|a, b| {
        b.context
            .total_cmp(&a.context)
            .then(a.distance.cmp(&b.distance))
    });
    let best = &scored[0];
    let unique_and_distinctive =
        hits.len() == 1 && quote.len() >= UNIQUE_MIN_LEN && quote.split(' ').count() >= 3;
    if best.context < EXACT_MIN_CONTEXT && !unique_and_distinctive {
        return None;
    }
    if let Some(second) = scored.get(1) {
        let clearly_better = best.context - second.context >= CONTEXT_MARGIN;
        let clearly_nearer = context.expected.is_some() && best.distance * 2 < second.distance;
        if !clearly_better && !clearly_nearer {
            return None;
        }
    }
    Some((best.range.clone(), 1.0, best.score))
}

/// Largest share of the quote that may be edited for an approximate match.
const MAX_ERROR_RATE: f32 = 0.25;
/// Quotes shorter than this (bytes) are too short to match approximately with any confidence.
const APPROX_MIN_LEN: usize = 10;
/// An accepted approximate match needs at least this quote similarity …
const APPROX_MIN_QUOTE: f32 = 0.8;
/// … this combined score …
const APPROX_MIN_SCORE: f32 = 0.75;
/// … and this lead over the runner-up.
const APPROX_MARGIN: f32 = 0.05;
/// How many distinct match regions are scored in full.
const APPROX_SHORTLIST: usize = 16;

/// Step 3: approximate matches of the normalised quote.
fn approximate_candidates(
    norm: &Normalised,
    quote: &str,
    context: &Context,
) -> Option<(Range<usize>, f32, f32)> {
    if quote.len() < APPROX_MIN_LEN {
        return None;
    }
    let text = norm.text.as_bytes();
    let pattern = quote.as_bytes();
    let max_errors = ((pattern.len() as f32 * MAX_ERROR_RATE) as usize).max(1);
    let ends = myers::search(&myers::Pattern::new(pattern), text, max_errors);
    if ends.is_empty() {
        return None;
    }
    // One candidate per region: the best end within a run of nearby ends.
    let mut regions: Vec<myers::End> = Vec::new();
    for e in ends {
        match regions.last_mut() {
            Some(last) if e.end - last.end <= pattern.len() / 2 => {
                if e.distance < last.distance {
                    *last = e;
                }
            }
            _ => regions.push(e),
        }
    }
    regions.sort_by_key(|e| {
        (
            e.distance,
            context.distance(e.end.saturating_sub(pattern.len())),
        )
    });
    regions.truncate(APPROX_SHORTLIST);

    let mut scored: Vec<Candidate> = regions
        .iter()
        .filter_map(|e| {
            let (start, distance) = myers::start_of_match(pattern, text, e.end, max_errors);
            // Snap to char boundaries of the normalised text.
            let start = floor_char_boundary(&norm.text, start);
            let end = ceil_char_boundary(&norm.text, e.end);
            (start < end).then(|| {
                let quote_sim = 1.0 - distance as f32 / pattern.len() as f32;
                score(context, &norm.text, start..end, quote_sim)
            })
        })
        .collect();
    scored.sort_by(|a, b| b.score.total_cmp(&a.score));
    let best = scored.first()?;
    if best.quote < APPROX_MIN_QUOTE || best.score < APPROX_MIN_SCORE {
        return None;
    }
    // Context must not contradict a match that needed edits.
    if best.context < 0.4 && best.quote < 0.95 {
        return None;
    }
    if let Some(second) = scored
        .iter()
        .skip(1)
        .find(|c| !overlaps(&c.range, &best.range))
        && best.score - second.score < APPROX_MARGIN
    {
        return None;
    }
    Some((best.range.clone(), best.quote, best.score))
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Color;

    fn anchor(new_text: &str, a: &Annotation) -> Anchor {
        let article = Article::from_text("a.txt", new_text.into(), None);
        locate(&article, a, &mut NormCache::default())
    }

    fn made_on(text: &str, phrase: &str) -> Annotation {
        let article = Article::from_text("a.txt", text.into(), None);
        let byte = text.find(phrase).unwrap();
        let start = text[..byte].chars().count();
        Annotation::new(
            &article,
            start..start + phrase.chars().count(),
            Color::Yellow,
        )
    }

    #[test]
    fn an_unchanged_article_anchors_exactly() {
        let text = "alpha beta gamma";
        let a = made_on(text, "beta");
        assert_eq!(anchor(text, &a), Anchor::Exact(6..10));
    }

    #[test]
    fn an_insertion_before_moves_the_anchor_to_the_right_occurrence() {
        let old = "x beta one. y beta two.";
        let a = made_on(old, "beta two");
        let new = "NEW! x beta one. y beta two.";
        assert_eq!(anchor(new, &a), Anchor::Moved(19..27));
    }

    #[test]
    fn a_deleted_passage_is_an_orphan_even_when_its_words_occur_elsewhere() {
        let old = "Russia said no. Then Britain said yes to talks. Russia said no again.";
        let a = made_on(old, "Britain said yes to talks");
        let new = "Russia said no. Russia said no again.";
        assert_eq!(anchor(new, &a), Anchor::Orphan);
    }

    #[test]
    fn a_typo_fix_inside_the_quote_anchors_approximately() {
        let old = "Intro text here. The foriegn secretary met his counterpart in Moscow. Outro.";
        let a = made_on(old, "The foriegn secretary met his counterpart in Moscow.");
        let new = "Intro text here. The foreign secretary met his counterpart in Moscow. Outro.";
        match anchor(new, &a) {
            Anchor::Approximate { range, .. } => {
                let s: String = new.chars().skip(range.start).take(range.len()).collect();
                assert_eq!(s, "The foreign secretary met his counterpart in Moscow.");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn curly_quotes_and_rewrapping_still_anchor() {
        let old = "He said \"it's over\" and left\nthe room quietly.";
        let a = made_on(old, "\"it's over\" and left\nthe room");
        let new = "He said “it’s over” and\nleft the   room quietly.";
        match anchor(new, &a) {
            Anchor::Moved(range) => {
                let s: String = new.chars().skip(range.start).take(range.len()).collect();
                assert_eq!(s, "“it’s over” and\nleft the   room");
            }
            other => panic!("{other:?}"),
        }
    }
}
