//! Search everywhere: every article of a corpus, and every quote, note and tag of its notes
//! (`gloss search`, the search panel). Articles are folded and searched on all cores; the
//! results are plain data, in corpus order and text order, ready for JSON.

use std::ops::Range;

use serde::Serialize;

use super::{Folded, Options, find_folded, find_folded_capped, fold, fold_query};
use crate::annotation::Annotation;

/// Chars of context on each side of a hit.
pub const CONTEXT_CHARS: usize = 40;

/// Hits kept per article by default: every hit is counted, but a search for "a" in a book
/// has hundreds of thousands, and holding them all (20 million in 20 MB) took 6.6 GB in the
/// window and 8 GB in `gloss search`. A reader refines the query long before reading the
/// thousandth hit of one article.
pub const HITS_PER_ARTICLE: usize = 1_000;
/// Hits kept over the whole corpus by default.
pub const HITS_TOTAL: usize = 10_000;

/// How many hits a search keeps (it counts all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keep {
    pub per_article: usize,
    pub total: usize,
}

impl Default for Keep {
    fn default() -> Keep {
        Keep {
            per_article: HITS_PER_ARTICLE,
            total: HITS_TOTAL,
        }
    }
}

impl Keep {
    /// At most `limit` hits per article and ten times that over the corpus (`--limit`).
    pub fn at_most(limit: usize) -> Keep {
        Keep {
            per_article: limit,
            total: limit.saturating_mul(10),
        }
    }
}

/// A match in an article's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub article: String,
    pub start: usize,
    pub end: usize,
    pub context: String,
    /// Where the match is in `context` (bytes), for showing it emphasised.
    #[serde(skip)]
    pub in_context: Range<usize>,
}

/// Which part of an annotation matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Quote,
    Note,
    Tag,
}

/// An annotation whose quote, note or a tag matched (once per field, or per tag).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnotationHit {
    pub id: String,
    pub article: String,
    pub field: Field,
    pub text: String,
}

/// What `gloss search --json` prints.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SearchResults {
    pub hits: Vec<Hit>,
    pub annotations: Vec<AnnotationHit>,
    /// Every hit in the articles, kept or not.
    pub total_hits: usize,
    /// Some hits were counted but not kept (see [`Keep`]).
    pub truncated: bool,
}

/// The hits of an already folded query in one folded article: the first `keep`, and the
/// count of all.
pub fn hits_in(
    name: &str,
    text: &str,
    folded: &Folded,
    q: &str,
    whole_word: bool,
    keep: usize,
) -> (Vec<Hit>, usize) {
    let (ranges, count) = find_folded_capped(folded, q, whole_word, keep);
    let hits = contexts(text, &ranges)
        .into_iter()
        .zip(ranges)
        .map(|((context, in_context), r)| Hit {
            article: name.to_owned(),
            start: r.start,
            end: r.end,
            context,
            in_context,
        })
        .collect();
    (hits, count)
}

/// White space runs as one space, a space kept at either edge (so parts join as the text did).
fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// A line of context for each range (in order), in one pass over the text, with where the
/// match is in it.
fn contexts(text: &str, ranges: &[Range<usize>]) -> Vec<(String, Range<usize>)> {
    if ranges.is_empty() {
        return Vec::new();
    }
    // Byte offset of every char that starts or ends a context window, found in one walk.
    let mut wanted: Vec<usize> = ranges
        .iter()
        .flat_map(|r| {
            [
                r.start.saturating_sub(CONTEXT_CHARS),
                r.start,
                r.end,
                r.end + CONTEXT_CHARS,
            ]
        })
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut byte_of = std::collections::HashMap::with_capacity(wanted.len());
    let mut next = 0;
    for (i, (b, _)) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .enumerate()
    {
        while next < wanted.len() && wanted[next] == i {
            byte_of.insert(i, b);
            next += 1;
        }
        if next == wanted.len() {
            break;
        }
    }
    ranges
        .iter()
        .map(|r| {
            let from = r.start.saturating_sub(CONTEXT_CHARS);
            let to = r.end + CONTEXT_CHARS;
            let at = |c: usize, default: usize| byte_of.get(&c).copied().unwrap_or(default);
            let (b0, bs, be, b1) = (
                at(from, 0),
                at(r.start, 0),
                at(r.end, text.len()),
                at(to, text.len()),
            );
            let mut line = String::new();
            if b0 > 0 {
                line.push('…');
            }
            line.push_str(squash(&text[b0..bs]).trim_start());
            let m0 = line.len();
            line.push_str(&squash(&text[bs..be]));
            let m1 = line.len();
            line.push_str(squash(&text[be..b1]).trim_end());
            if b1 < text.len() {
                line.push('…');
            }
            (line, m0..m1)
        })
        .collect()
}

/// Searches texts `(name, text)`, folding them on all cores; hits in the order given, as many
/// as `keep` allows, and the count of all.
pub fn search_texts(
    texts: &[(&str, &str)],
    query: &str,
    options: Options,
    keep: Keep,
) -> (Vec<Hit>, usize) {
    let q = fold_query(query, options.match_case);
    if q.trim().is_empty() {
        return (Vec::new(), 0);
    }
    let per_article = crate::job::on_every_core(texts.len(), |i| {
        let (name, text) = texts[i];
        let folded = fold(text, options.match_case);
        hits_in(
            name,
            text,
            &folded,
            &q,
            options.whole_word,
            keep.per_article,
        )
    });
    let mut total = 0;
    let mut hits = Vec::new();
    for (found, count) in per_article {
        total += count;
        let room = keep.total.saturating_sub(hits.len());
        hits.extend(found.into_iter().take(room));
    }
    (hits, total)
}

/// The annotations whose quote, note or tags match, in the order given.
pub fn search_annotations<'a>(
    annotations: impl IntoIterator<Item = &'a Annotation>,
    query: &str,
    options: Options,
) -> Vec<AnnotationHit> {
    let q = fold_query(query, options.match_case);
    if q.trim().is_empty() {
        return Vec::new();
    }
    let matches = |text: &str| {
        !find_folded(&fold(text, options.match_case), &q, options.whole_word).is_empty()
    };
    let mut out = Vec::new();
    for a in annotations {
        let hit = |field, text: &str| AnnotationHit {
            id: a.id.clone(),
            article: a.article.clone(),
            field,
            text: text.to_owned(),
        };
        if matches(&a.quote.exact) {
            out.push(hit(Field::Quote, &a.quote.exact));
        }
        if !a.note.is_empty() && matches(&a.note) {
            out.push(hit(Field::Note, &a.note));
        }
        for tag in &a.tags {
            if matches(tag) {
                out.push(hit(Field::Tag, tag));
            }
        }
    }
    out
}

/// Every article of a corpus and every annotation of its notes (sorted as the notes file
/// sorts them).
pub fn search_corpus(
    corpus: &crate::corpus::Corpus,
    annotations: &[Annotation],
    query: &str,
    options: Options,
    keep: Keep,
) -> SearchResults {
    let texts: Vec<(&str, &str)> = corpus
        .articles
        .iter()
        .map(|a| (a.file_name.as_str(), &*a.text))
        .collect();
    let mut sorted: Vec<&Annotation> = annotations.iter().collect();
    sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let (hits, total_hits) = search_texts(&texts, query, options, keep);
    SearchResults {
        truncated: hits.len() < total_hits,
        hits,
        annotations: search_annotations(sorted, query, options),
        total_hits,
    }
}
