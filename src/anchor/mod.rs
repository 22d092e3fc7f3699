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

mod context;
mod intact;
mod moved;
pub mod myers;
pub mod normalise;
pub mod orphan;
pub mod through_version;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::annotation::Annotation;
use crate::corpus::Article;
use context::Context;
use normalise::Normalised;
use through_version::Versions;

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
    /// The selectors an annotation stores. An empty stored position is no position: it is
    /// how an annotation that never anchored (an imported orphan) is stored, and using `0..0`
    /// as a hint would pull an ambiguous quote towards the top of the article and onto words
    /// it never meant.
    pub fn of(annotation: &'a Annotation) -> Selectors<'a> {
        let range = annotation.range();
        Selectors {
            exact: &annotation.quote.exact,
            prefix: &annotation.quote.prefix,
            suffix: &annotation.quote.suffix,
            position: (range.start < range.end).then_some(range),
            article_hash: &annotation.article_hash,
        }
    }
}

/// What anchoring reuses between annotations: normalised views of articles, built on first
/// need (articles can be megabytes), and the corpus's kept versions with the diffs taken.
#[derive(Default)]
pub struct NormCache {
    norms: HashMap<String, (String, Arc<Normalised>)>,
    pub versions: Versions,
}

impl NormCache {
    /// A cache that also carries annotations through the corpus's kept versions.
    pub fn for_corpus(root: &std::path::Path) -> NormCache {
        NormCache {
            versions: Versions::of_corpus(root),
            ..NormCache::default()
        }
    }

    pub fn get(&mut self, article: &Article) -> Arc<Normalised> {
        if let Some((hash, norm)) = self.norms.get(&article.file_name)
            && *hash == article.hash
        {
            return norm.clone();
        }
        let norm = Arc::new(Normalised::new(&article.text));
        self.norms.insert(
            article.file_name.clone(),
            (article.hash.clone(), norm.clone()),
        );
        norm
    }
}

/// Locates an annotation in `article`: through the kept version of the text it was placed on
/// when there is one ([`through_version`]), else by its selectors ([`locate_selectors`]).
pub fn locate(article: &Article, annotation: &Annotation, cache: &mut NormCache) -> Anchor {
    let sel = Selectors::of(annotation);
    match cache.versions.carry(article, annotation) {
        through_version::Carry::Placed(anchor) => anchor,
        through_version::Carry::GoneFromItsPlace => {
            // Gone from where it stood, and the text it was made on held it once: the same
            // words with the same context anywhere now are the passage, moved.
            let norm = cache.get(article);
            let quote = Normalised::string(sel.exact).trim().to_owned();
            let context = Context::new(&sel, &norm, article.char_len());
            intact::find(&norm, &quote, &context)
                .and_then(|found| place(article, &norm, found))
                .unwrap_or_else(|| locate_selectors(article, &sel, cache))
        }
        through_version::Carry::NoVersion => locate_selectors(article, &sel, cache),
    }
}

/// A place found by its intact context, in the article's chars.
fn place(article: &Article, norm: &Normalised, found: intact::Found) -> Option<Anchor> {
    let chars = norm.original_range(found.range.start, found.range.end);
    let chars = crate::text::trim_range(&article.text, &article.paragraphs, chars)?;
    Some(if found.similarity >= 1.0 {
        Anchor::Moved(chars)
    } else {
        Anchor::Approximate {
            range: chars,
            score: found.similarity,
        }
    })
}

/// The anchoring pipeline (see the module documentation).
pub fn locate_selectors(article: &Article, sel: &Selectors<'_>, cache: &mut NormCache) -> Anchor {
    if sel.exact.is_empty() {
        return Anchor::Orphan;
    }
    // Same text as when the position was recorded: nothing to check.
    if let Some(r) = &sel.position
        && !sel.article_hash.is_empty()
        && sel.article_hash == article.hash
        && r.start < r.end
        && r.end <= article.char_len()
    {
        return Anchor::Exact(r.clone());
    }
    // The stored position still holds the quote. For a word or two that is not enough (the
    // same word may now stand there in another sentence): the chars right around it must be
    // those it had too.
    if let Some(r) = &sel.position
        && r.start < r.end
        && r.end <= article.char_len()
        && article.slice(r.clone()) == sel.exact
        && (!is_short(Normalised::string(sel.exact).trim()) || neighbours_kept(article, r, sel))
    {
        return Anchor::Exact(r.clone());
    }
    let norm = cache.get(article);
    let quote = Normalised::string(sel.exact).trim().to_owned();
    if quote.is_empty() {
        return Anchor::Orphan;
    }
    let context = Context::new(sel, &norm, article.char_len());
    let decided = decide(&norm, &quote, &context);
    // Found unchanged by the usual rules: done. Otherwise (not found, or found only
    // approximately) a passage whose context is intact around it — moved far, or its typos
    // fixed — is looked for by that context (a search of the whole text, so only now).
    if decided.as_ref().is_none_or(|f| f.quote < 1.0) {
        // Moved with its own context (a paragraph moved): the invariant of `moved`.
        if let Some(range) = moved::with_its_context(article, &norm, sel, &quote, &context) {
            let chars = norm.original_range(range.start, range.end);
            if let Some(chars) = crate::text::trim_range(&article.text, &article.paragraphs, chars)
            {
                return Anchor::Moved(chars);
            }
        }
        if let Some(anchor) = intact::between_intact_context(&norm, &quote, &context)
            .and_then(|found| place(article, &norm, found))
        {
            return anchor;
        }
    }
    let Some(found) = decided else {
        return Anchor::Orphan;
    };
    let chars = norm.original_range(found.range.start, found.range.end);
    let Some(chars) = crate::text::trim_range(&article.text, &article.paragraphs, chars) else {
        return Anchor::Orphan;
    };
    if found.quote >= 1.0 {
        Anchor::Moved(chars)
    } else {
        Anchor::Approximate {
            range: chars,
            score: found.score,
        }
    }
}

/// Whether the chars right before and after `r` are the last and first chars of the stored
/// prefix and suffix (as many as [`SHORT_ADJACENT`], or all there are).
fn neighbours_kept(article: &Article, r: &Range<usize>, sel: &Selectors<'_>) -> bool {
    let tail: Vec<char> = sel.prefix.chars().rev().take(SHORT_ADJACENT).collect();
    let head: Vec<char> = sel.suffix.chars().take(SHORT_ADJACENT).collect();
    let before: Vec<char> = article
        .slice(r.start.saturating_sub(tail.len())..r.start)
        .chars()
        .rev()
        .collect();
    let after_end = (r.end + head.len()).min(article.char_len());
    let after: Vec<char> = article.slice(r.end..after_end).chars().collect();
    before == tail && after == head
}

/// Whether an occurrence at `at..end` cuts into a word where the quote did not: a quote that
/// began at a word's start (its stored prefix ends in a non-letter) must not be found in the
/// middle of a longer word, nor end inside one — "Russ" must not anchor in "Russia".
fn cuts_a_word(text: &str, at: usize, end: usize, quote: &str, context: &Context) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let starts_word = alnum(quote.chars().next()) && !alnum(context.prefix.last().copied());
    let ends_word = alnum(quote.chars().next_back()) && !alnum(context.suffix.first().copied());
    (starts_word && alnum(text[..at].chars().next_back()))
        || (ends_word && alnum(text[end..].chars().next()))
}

/// The common case, cheaply: the passage moved a little, unchanged, with its whole context.
/// Looks only near where it was; exactly one occurrence there with every char of the stored
/// prefix and suffix around it is what the full search would pick too (nothing can beat
/// perfect context, and a tie between two perfect copies is left to the full search).
fn unchanged_nearby(norm: &Normalised, quote: &str, context: &Context) -> Option<Candidate> {
    let window = context.window(&norm.text, quote.len(), LOCAL_WINDOW_BYTES)?;
    let text = norm.text.as_str();
    let full = context.prefix.len() + context.suffix.len();
    let mut perfect = occurrences(&text[window.clone()], quote)
        .map(|at| window.start + at)
        .filter(|&at| context.quick_agreement(text, at, at + quote.len()) == full);
    let at = perfect.next()?;
    if perfect.next().is_some() || full < 2 * SURROUNDING_MIN {
        return None;
    }
    let found = score(context, text, at..at + quote.len(), 1.0);
    if found.distance > NEAR_BYTES {
        // Far from where it was: the full rules apply (a short quote needs more, and a nearer
        // occurrence — the passage itself, edited around — contests a far perfect copy).
        let base = window.start;
        let nearer = occurrences(&text[window], quote)
            .any(|at| context.distance(base + at) < found.distance);
        if is_short(quote) || nearer {
            return None;
        }
    }
    Some(found)
}

/// Steps 2 and 3: the exact occurrences, and, unless one is beyond doubt, the approximate
/// ones; then the acceptance rules. `None` means orphan.
fn decide(norm: &Normalised, quote: &str, context: &Context) -> Option<Candidate> {
    let found = match unchanged_nearby(norm, quote, context) {
        Some(found) => found,
        None => decide_candidates(norm, quote, context)?,
    };
    // If the words that stood around the passage are still together where it was, the passage
    // was edited away in place; a match anywhere else is a look-alike.
    match context.surroundings_in_place(&norm.text, quote) {
        Some(hole) if !overlaps(&found.range, &hole) => None,
        _ => Some(found),
    }
}

fn decide_candidates(norm: &Normalised, quote: &str, context: &Context) -> Option<Candidate> {
    let short = is_short(quote);
    let (exact, occurrences) = exact_candidates(norm, quote, context);
    let exact_ok = acceptable_exact(&exact, occurrences, quote, short, context);
    if let Some(best) = &exact_ok
        && best.prefix.min(best.suffix) >= 0.8
    {
        return exact_ok; // found unchanged with its context: beyond doubt
    }
    // Otherwise the passage may have been edited in place while a copy survives elsewhere
    // (or its context was edited): weigh the approximate matches too.
    let approx = approximate_candidates(norm, quote, context);
    let approx_best = approx
        .iter()
        .filter(|c| acceptable_approximate(c, short))
        .max_by(|a, b| a.score.total_cmp(&b.score));
    match (exact_ok, approx_best) {
        (Some(e), Some(a)) if !overlaps(&a.range, &e.range) => {
            if a.score >= e.score + APPROX_MARGIN {
                Some(a.clone())
            } else if e.score >= a.score + APPROX_MARGIN {
                Some(e)
            } else {
                None // two different places, equally likely
            }
        }
        (Some(e), _) => Some(e),
        (None, Some(a)) => {
            // It must clearly beat every other place, exact copies included.
            let rival = exact
                .iter()
                .chain(approx.iter())
                .filter(|c| !overlaps(&c.range, &a.range))
                .map(|c| c.score)
                .fold(f32::MIN, f32::max);
            (a.score - rival >= APPROX_MARGIN).then(|| a.clone())
        }
        (None, None) => None,
    }
}

/// The best exact occurrence, if it may be accepted.
fn acceptable_exact(
    scored: &[Candidate],
    occurrences: Occurrences,
    quote: &str,
    short: bool,
    context: &Context,
) -> Option<Candidate> {
    let best = scored.first()?;
    let near = context.expected.is_none_or(|_| best.distance <= NEAR_BYTES);
    // Both sides must agree: a copy of the same sentence elsewhere shares the words before
    // the quote but not those after it (or the reverse). Near where the passage was, the
    // average is enough (an edit right next to it changed one side).
    let (low, high) = (best.prefix.min(best.suffix), best.prefix.max(best.suffix));
    // The chars right before and right after it are those it had.
    let neighbours_unchanged = best.adjacent_prefix >= context.prefix.len().min(SHORT_ADJACENT)
        && best.adjacent_suffix >= context.suffix.len().min(SHORT_ADJACENT);
    let agrees = if short {
        // A word or two: only its surroundings identify it — the words right next to it must
        // be the same, and far from where it was even good surroundings may belong to a
        // similar sentence.
        low >= SHORT_MIN_CONTEXT && (near || low >= SHORT_FAR_MIN_CONTEXT) && neighbours_unchanged
    } else if !near {
        low >= FAR_MIN_CONTEXT // moved far: both sides must still read the same
    } else {
        (low + high) / 2.0 >= EXACT_MIN_CONTEXT
    };
    // A distinctive quote found once in the whole text, near where it was: the text around
    // it was edited, the passage itself was not (a look-alike would have to be the only other
    // occurrence of several words and sit within a few lines).
    let unique_nearby = !short && occurrences.total == 1 && near;
    // A common phrase of a few words: the only occurrence near where it was, with one side
    // of its context unchanged right up to it.
    let anchored_by_one_side = short
        && near
        && occurrences.near == 1
        && high >= 0.9
        && best.adjacent_prefix.max(best.adjacent_suffix) >= SHORT_ONE_SIDE_ADJACENT;
    // A phrase of three or more words, the only occurrence near where it was, with the text
    // right before and right after it unchanged: the words around were edited further out,
    // the phrase and its immediate surroundings were not.
    let anchored_by_both_sides =
        short && near && occurrences.near == 1 && word_count(quote) >= 3 && neighbours_unchanged;
    if !agrees && !unique_nearby && !anchored_by_one_side && !anchored_by_both_sides {
        return None;
    }
    if let Some(second) = scored.get(1) {
        let clearly_better = best.context() - second.context() >= CONTEXT_MARGIN;
        let clearly_nearer = context.expected.is_some() && best.distance * 2 < second.distance;
        if !clearly_better && !clearly_nearer {
            return None;
        }
    }
    // Context and position disagree — a plausible occurrence nearer to where the passage was
    // loses on context to one farther away (two similar sentences, one of them edited
    // around): either could be it.
    let contested = best.distance > NEAR_BYTES
        && scored[1..].iter().any(|other| {
            other.distance < best.distance
                && (other.distance <= NEAR_BYTES || other.context() >= EXACT_MIN_CONTEXT)
        });
    if contested {
        return None;
    }
    Some(best.clone())
}

/// Whether an approximate match is good enough to be considered at all.
fn acceptable_approximate(c: &Candidate, short: bool) -> bool {
    let (low, high) = (c.prefix.min(c.suffix), c.prefix.max(c.suffix));
    let context_ok = if short {
        low >= 0.6
    } else {
        low >= 0.4 && (low + high) / 2.0 >= 0.6
    };
    c.quote >= APPROX_MIN_QUOTE && c.score >= APPROX_MIN_SCORE && context_ok
}

/// Weights of the combined score: quote, prefix, suffix, position (Hypothesis's).
const WEIGHTS: [f32; 4] = [50.0, 20.0, 20.0, 2.0];

/// A scored candidate in normalised byte offsets.
#[derive(Debug, Clone)]
struct Candidate {
    range: Range<usize>,
    quote: f32,
    prefix: f32,
    suffix: f32,
    score: f32,
    distance: usize,
    /// Chars right before / after the candidate equal to the end of the stored prefix /
    /// start of the stored suffix.
    adjacent_prefix: usize,
    adjacent_suffix: usize,
}

impl Candidate {
    fn context(&self) -> f32 {
        (self.prefix + self.suffix) / 2.0
    }
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
    let (adjacent_prefix, adjacent_suffix) = context.adjacent(text, range.start, range.end);
    Candidate {
        distance: context.distance(range.start),
        range,
        quote: quote_sim,
        prefix,
        suffix,
        score,
        adjacent_prefix,
        adjacent_suffix,
    }
}

/// A quote under three words or [`DISTINCTIVE_LEN`] bytes is "short": common enough to occur
/// by chance, so only its surroundings can identify it.
fn is_short(quote: &str) -> bool {
    word_count(quote) < 3 || quote.len() < DISTINCTIVE_LEN
}

/// Words of a normalised quote (its white space is single spaces).
fn word_count(quote: &str) -> usize {
    quote.split(' ').count()
}

/// How many exact occurrences get a full (edit-distance) context comparison.
const SHORTLIST: usize = 24;
/// Near where it was, an exact match's context must agree at least this much (0–1) on average.
const EXACT_MIN_CONTEXT: f32 = 0.5;
/// "Near where it was", in normalised bytes. Small on purpose: the bundled BBC article repeats
/// a sentence 300 bytes further on, and a reader's passage must not slide onto its twin.
const NEAR_BYTES: usize = 200;
/// The surroundings check looks for this many chars of the stored prefix's end and suffix's
/// start (at least `SURROUNDING_MIN` of them not blank).
const SURROUNDING_CHARS: usize = 16;
const SURROUNDING_MIN: usize = 10;
/// Farther than that, each side's context must agree at least this much: a copy of the same
/// sentence elsewhere often shares a few words on one side.
const FAR_MIN_CONTEXT: f32 = 0.7;
/// A quote of a word or two needs this much agreement on each side, anywhere.
const SHORT_MIN_CONTEXT: f32 = 0.75;
/// … and this much when found far from where it was.
const SHORT_FAR_MIN_CONTEXT: f32 = 0.9;
/// Chars right before and after a short quote that must be unchanged.
const SHORT_ADJACENT: usize = 6;
/// … or, near where it was and alone there, this many unchanged chars on one side.
const SHORT_ONE_SIDE_ADJACENT: usize = 12;
/// Byte offsets of the non-overlapping occurrences of `needle` in `hay`, by memchr's SIMD
/// substring search: std's `match_indices` over the whole text was over half of re-anchoring's
/// time (1,000 annotations on 2 MB).
fn occurrences<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    memchr::memmem::find_iter(hay.as_bytes(), needle.as_bytes())
}

/// See [`is_short`].
const DISTINCTIVE_LEN: usize = 16;
/// The winner's context must beat the runner-up's by this much, or be clearly nearer.
const CONTEXT_MARGIN: f32 = 0.1;

/// Step 2: exact occurrences of the normalised quote, scored, best first (by context, then
/// nearness), and how many there are in all.
fn exact_candidates(
    norm: &Normalised,
    quote: &str,
    context: &Context,
) -> (Vec<Candidate>, Occurrences) {
    let text = norm.text.as_str();
    let hits: Vec<usize> = occurrences(text, quote)
        .filter(|&at| !cuts_a_word(text, at, at + quote.len(), quote, context))
        .collect();
    let occurrences = Occurrences {
        total: hits.len(),
        near: hits
            .iter()
            .filter(|&&at| context.expected.is_some() && context.distance(at) <= NEAR_BYTES)
            .count(),
    };
    if hits.is_empty() {
        return (Vec::new(), occurrences);
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
        b.context()
            .total_cmp(&a.context())
            .then(a.distance.cmp(&b.distance))
    });
    (scored, occurrences)
}

/// How often the quote occurs: in the whole text, and near where it was.
#[derive(Debug, Clone, Copy)]
struct Occurrences {
    total: usize,
    near: usize,
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
/// How far around the stored position the fast path and the approximate search look.
const LOCAL_WINDOW_BYTES: usize = 64 * 1024;
const APPROX_WINDOW_BYTES: usize = 128 * 1024;
/// How many distinct match regions are scored in full.
const APPROX_SHORTLIST: usize = 16;

/// Step 3: approximate matches of the normalised quote, scored (unsorted).
fn approximate_candidates(norm: &Normalised, quote: &str, context: &Context) -> Vec<Candidate> {
    // Myers' search costs the quote's length times the window's: a quote over the limit of
    // what a highlight may hold (only an old or hand-edited notes file has one) is looked
    // for exactly, never approximately, so opening or checking a corpus stays linear.
    if quote.len() < APPROX_MIN_LEN || quote.chars().count() > crate::limits::MAX_QUOTE_CHARS {
        return Vec::new();
    }
    let text = norm.text.as_bytes();
    let pattern = quote.as_bytes();
    let max_errors = ((pattern.len() as f32 * MAX_ERROR_RATE) as usize).max(1);
    // An edited passage is looked for around where it was (the whole text when that is not
    // known). Exact copies are found everywhere by step 2, so a far look-alike still counts
    // as a rival; what is given up is a passage both moved far *and* edited.
    let window = context
        .window(&norm.text, quote.len(), APPROX_WINDOW_BYTES)
        .unwrap_or(0..text.len());
    let ends: Vec<myers::End> = myers::search(
        &myers::Pattern::new(pattern),
        &text[window.clone()],
        max_errors,
    )
    .into_iter()
    .map(|e| myers::End {
        end: e.end + window.start,
        distance: e.distance,
    })
    .collect();
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
    regions
        .iter()
        .filter_map(|e| {
            let (start, distance) = myers::start_of_match(pattern, text, e.end, max_errors);
            // Snap to char boundaries of the normalised text.
            let start = floor_char_boundary(&norm.text, start);
            let end = ceil_char_boundary(&norm.text, e.end);
            (start < end && distance > 0).then(|| {
                let quote_sim = 1.0 - distance as f32 / pattern.len() as f32;
                score(context, &norm.text, start..end, quote_sim)
            })
        })
        .collect()
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

    /// Where `a` lands in `new_text` (also used by the intact-context tests).
    pub(super) fn anchor(new_text: &str, a: &Annotation) -> Anchor {
        let article = Article::from_text("a.txt", new_text.into(), None);
        locate(&article, a, &mut NormCache::default())
    }

    /// A yellow highlight of `phrase` made on `text`.
    pub(super) fn made_on(text: &str, phrase: &str) -> Annotation {
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
    fn a_short_phrase_with_its_neighbours_intact_survives_edits_further_out() {
        let old = "Turkish forces moved to take control of the northern Syrian city of Afrin \
                   from Kurdish militia, officials said on Sunday.";
        let a = made_on(old, "Syrian city of");
        // Both sides rewritten beyond the words right next to the phrase.
        let new = "Ankara's campaign, long threatened: the northern Syrian city of Afrin, a \
                   district under siege since January.";
        match anchor(new, &a) {
            Anchor::Moved(range) => {
                let s: String = new.chars().skip(range.start).take(range.len()).collect();
                assert_eq!(s, "Syrian city of");
            }
            other => panic!("{other:?}"),
        }
        // The same phrase with its neighbours changed too is left unanchored.
        let changed = new.replace(
            "the northern Syrian city of Afrin",
            "a Syrian city of Idlib",
        );
        assert!(
            matches!(anchor(&changed, &a), Anchor::Orphan),
            "{:?}",
            anchor(&changed, &a)
        );
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
