//! Corresponding passages: the parts of two articles that tell the same thing, copied word
//! for word or reworded, in any order and at any place.
//!
//! Method (seed, chain, align — the approach of text-reuse tools, made to tolerate rewording):
//!
//! 1. **Words** with rarity weights ([`words`]): shared rare words mean much, shared common
//!    words almost nothing.
//! 2. **Seeds**: every place where both texts have the same word pair (bigram) or the same
//!    rare word. A word that is frequent in either text seeds nothing on its own — seeds are
//!    where the search looks, not evidence.
//! 3. **Chains**: seeds on nearly the same diagonal (same offset between the texts) and close
//!    together are one candidate region. Reworded passages keep several seeds on their
//!    diagonal; chance matches scatter.
//! 4. **Alignment**: Smith–Waterman over the words of each region, scoring a shared word by
//!    its weight, a shared stem (Sergey / Sergei, warn / warned) by half, and charging
//!    replacements and gaps. The best local alignment is the passage pair.
//! 5. **Acceptance**: a pair must share enough weighted words ([`MIN_MATCHED_WEIGHT`]),
//!    enough distinct content words and enough words in all, so a run of common words or a
//!    name with its title is never a match. Overlapping pairs keep the best.
//!
//! The score is the matched weight over the weight of both passages (0..1); a pair whose
//! words are identical is `Same`, otherwise `Similar`. Positions are char offsets into each
//! article's text, end exclusive, like every selector.

pub mod align;
pub mod boilerplate;
mod combine;
pub mod diff;
pub mod mapping;
pub mod report;
pub mod sentences;
pub mod suggestions;
pub mod table;
pub mod words;

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;
use words::{Vocabulary, Word};

/// A word that occurs more often than this in either text seeds nothing by itself.
const MAX_SEED_POSTINGS: u32 = 8;
/// Seeds whose diagonals differ by at most this many words can be one passage.
const DIAGONAL_SLACK: i64 = 12;
/// Seeds at most this many words apart (in the first text) can be one passage.
const CHAIN_GAP: usize = 24;
/// Words of context around a chain given to the alignment.
const PAD: usize = 12;
/// Most words of either text one alignment looks at (its table is at most about
/// `(WINDOW + 2 PAD)²` cells: 2 MB of scores, 0.4 MB of directions).
const WINDOW: usize = 600;
/// Alignment scores.
const MISMATCH: f32 = -0.9;
const GAP: f32 = -0.7;
/// Least matched weight for a pair to count (about four rare-ish words).
pub const MIN_MATCHED_WEIGHT: f32 = 6.0;
/// Least number of distinct matched words of some weight.
const MIN_CONTENT_WORDS: usize = 4;
/// Least number of matched words in all (function words included): a name with its title
/// ("foreign secretary Boris Johnson") is not a passage.
const MIN_MATCHED_WORDS: usize = 7;
/// A run of this many matched words with at least two content words is accepted whatever
/// the words weigh (a copied passage of common words is still a copy).
const LONG_COPY_WORDS: usize = 12;
/// A word weighing less than this is "common" for the content-word count.
const CONTENT_WEIGHT: f32 = 0.8;

/// One side of a pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    pub start: usize,
    pub end: usize,
    pub quote: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The same words (after case and punctuation are set aside).
    Same,
    /// Reworded: words replaced, added or dropped — or told in other words (sentences of
    /// independent reports, [`align`]).
    Similar,
    /// The same event told with a differing detail: a different number, date or amount.
    Differs,
}

/// The words that differ in a `Differs` pair: what each side has that the other lacks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Differing {
    pub a: Vec<String>,
    pub b: Vec<String>,
}

/// Two passages that correspond.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    pub a: Side,
    pub b: Side,
    pub score: f32,
    pub kind: Kind,
    /// For `Differs`: the differing words of each side.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub differing: Option<Differing>,
}

/// The corresponding passages of two articles of a corpus, without the boilerplate most of
/// its articles share ([`boilerplate`]).
pub fn compare_in_corpus(
    a: &str,
    b: &str,
    boilerplate: &boilerplate::Boilerplate,
    progress: &crate::job::Progress,
) -> Vec<Pair> {
    corresponding(a, b, boilerplate, progress).0
}

/// [`compare_in_corpus`], with the two texts' sentences it split (what the correspondence
/// table is built from).
pub fn corresponding(
    a: &str,
    b: &str,
    boilerplate: &boilerplate::Boilerplate,
    progress: &crate::job::Progress,
) -> (Vec<Pair>, [Vec<Range<usize>>; 2]) {
    let (pairs, sentences) = compare_split(a, b, progress);
    let pairs = pairs
        .into_iter()
        .filter(|p| !boilerplate.is_boilerplate(&p.a.quote))
        .collect();
    (pairs, sentences)
}

/// The corresponding passages of texts `a` and `b`, in the order of `a`.
pub fn compare(a: &str, b: &str) -> Vec<Pair> {
    compare_with_progress(a, b, &crate::job::Progress::default())
}

/// [`compare`], counting the candidate regions aligned on `progress` (for a progress bar on
/// book-length texts).
pub fn compare_with_progress(a: &str, b: &str, progress: &crate::job::Progress) -> Vec<Pair> {
    compare_split(a, b, progress).0
}

/// [`compare_with_progress`], with the two texts' sentences.
fn compare_split(
    a: &str,
    b: &str,
    progress: &crate::job::Progress,
) -> (Vec<Pair>, [Vec<Range<usize>>; 2]) {
    let v = Vocabulary::new(a, b);
    let chains = chains(&v, seeds(&v));
    progress.restart(chains.len());
    let mut found: Vec<(Range<usize>, Range<usize>, f32, f32)> = Vec::new();
    for (ra, rb) in chains {
        if let Some(m) = align(&v, ra, rb) {
            found.push(m);
        }
        progress.step();
    }
    let mut found = join_adjacent(found);
    // Overlapping finds keep the best (by matched weight).
    found.sort_by(|x, y| y.3.total_cmp(&x.3));
    let mut kept: Vec<(Range<usize>, Range<usize>, f32, f32)> = Vec::new();
    for f in found {
        let clash = kept
            .iter()
            .any(|k| overlap(&k.0, &f.0) * 2 > f.0.len() || overlap(&k.1, &f.1) * 2 > f.1.len());
        if !clash {
            kept.push(f);
        }
    }
    kept.sort_by_key(|k| k.0.start);
    let achars: Vec<char> = a.chars().collect();
    let bchars: Vec<char> = b.chars().collect();
    let copies = kept
        .into_iter()
        .map(|(wa, wb, score, _)| {
            let side = |words: &[Word], r: &Range<usize>, chars: &[char]| {
                let (start, end) = (words[r.start].span.start, words[r.end - 1].span.end);
                Side {
                    start,
                    end,
                    quote: chars[start..end].iter().collect(),
                }
            };
            let same = wa.len() == wb.len()
                && v.a[wa.clone()]
                    .iter()
                    .zip(&v.b[wb.clone()])
                    .all(|(x, y)| x.id == y.id);
            Pair {
                a: side(&v.a, &wa, &achars),
                b: side(&v.b, &wb, &bchars),
                score,
                kind: if same { Kind::Same } else { Kind::Similar },
                differing: None,
            }
        })
        .collect();
    combine::with_sentences(copies, a, b, &achars, &bchars)
}

fn overlap(x: &Range<usize>, y: &Range<usize>) -> usize {
    x.end.min(y.end).saturating_sub(x.start.max(y.start))
}

/// `(i, j)`: word `i` of `a` and word `j` of `b` start a shared bigram or are a shared rare
/// word.
fn seeds(v: &Vocabulary) -> Vec<(usize, usize)> {
    let rare = |id: u32| {
        v.count_a[id as usize] <= MAX_SEED_POSTINGS && v.count_b[id as usize] <= MAX_SEED_POSTINGS
    };
    let mut unigrams: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut bigrams: HashMap<(u32, u32), Vec<usize>> = HashMap::new();
    for (j, w) in v.b.iter().enumerate() {
        if rare(w.id) && v.weight[w.id as usize] >= CONTENT_WEIGHT {
            unigrams.entry(w.id).or_default().push(j);
        }
        if let Some(next) = v.b.get(j + 1) {
            bigrams.entry((w.id, next.id)).or_default().push(j);
        }
    }
    let mut out = Vec::new();
    for (i, w) in v.a.iter().enumerate() {
        if let Some(js) = unigrams.get(&w.id) {
            out.extend(js.iter().map(|&j| (i, j)));
        }
        if let Some(next) = v.a.get(i + 1)
            && let Some(js) = bigrams.get(&(w.id, next.id))
            // A bigram of two very common words ("of the") is everywhere: not a seed.
            && js.len() as u32 <= MAX_SEED_POSTINGS * 4
            && v.weight[w.id as usize] + v.weight[next.id as usize] >= CONTENT_WEIGHT
        {
            out.extend(js.iter().map(|&j| (i, j)));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Groups seeds into candidate regions: word ranges of `a` and `b` to align.
///
/// A chain can run the length of both texts (two near-copies are one chain), and the
/// alignment's table is the product of its two sides: a 1 MB near-copy asked for 78 GB. So a
/// long chain is cut into windows of at most [`WINDOW`] words on either side, which tile its
/// first text without overlapping; what they find is joined again afterwards
/// ([`join_adjacent`]). Memory stays O(n + m) whatever the texts, and time near-linear for
/// near-copies.
fn chains(v: &Vocabulary, seeds: Vec<(usize, usize)>) -> Vec<(Range<usize>, Range<usize>)> {
    struct Chain {
        seeds: Vec<(usize, usize)>,
    }
    impl Chain {
        fn last(&self) -> (usize, usize) {
            *self.seeds.last().expect("a chain has a seed")
        }
    }
    let mut open: Vec<Chain> = Vec::new();
    let mut done: Vec<Chain> = Vec::new();
    for (i, j) in seeds {
        // Chains too far behind are finished.
        let (old, still): (Vec<Chain>, Vec<Chain>) =
            open.into_iter().partition(|c| i > c.last().0 + CHAIN_GAP);
        done.extend(old);
        open = still;
        let d = j as i64 - i as i64;
        let fit = open.iter_mut().find(|c| {
            let last = c.last();
            let cd = last.1 as i64 - last.0 as i64;
            (d - cd).abs() <= DIAGONAL_SLACK
        });
        match fit {
            Some(c) => c.seeds.push((i, j)),
            None => open.push(Chain {
                seeds: vec![(i, j)],
            }),
        }
    }
    done.extend(open);
    let mut regions = Vec::new();
    for c in done.into_iter().filter(|c| c.seeds.len() >= 2) {
        // Cut into windows: a new one starts when either side would pass WINDOW words.
        let mut cuts = vec![0];
        let (mut lo_j, mut hi_j) = (c.seeds[0].1, c.seeds[0].1);
        for (k, &(i, j)) in c.seeds.iter().enumerate().skip(1) {
            let first_i = c.seeds[*cuts.last().expect("cuts start with 0")].0;
            lo_j = lo_j.min(j);
            hi_j = hi_j.max(j);
            if i - first_i > WINDOW || hi_j - lo_j > WINDOW {
                cuts.push(k);
                (lo_j, hi_j) = (j, j);
            }
        }
        let last_cut = cuts.len() - 1;
        for (n, &from) in cuts.iter().enumerate() {
            let to = cuts.get(n + 1).copied().unwrap_or(c.seeds.len());
            let seg = &c.seeds[from..to];
            let a_start = if n == 0 {
                seg[0].0.saturating_sub(PAD)
            } else {
                seg[0].0
            };
            let a_end = if n == last_cut {
                (seg[seg.len() - 1].0 + 2 + PAD).min(v.a.len())
            } else {
                c.seeds[to].0
            };
            let lo = seg.iter().map(|s| s.1).min().unwrap_or(0);
            let hi = seg.iter().map(|s| s.1).max().unwrap_or(0);
            let b = lo.saturating_sub(PAD)..(hi + 2 + PAD).min(v.b.len());
            regions.push((a_start..a_end, b));
        }
    }
    regions
}

/// Joins finds that continue each other in both texts (one passage cut by the windows of
/// [`chains`]) into one, their scores weighted by what each matched.
fn join_adjacent(
    mut found: Vec<(Range<usize>, Range<usize>, f32, f32)>,
) -> Vec<(Range<usize>, Range<usize>, f32, f32)> {
    found.sort_by_key(|f| f.0.start);
    let mut out: Vec<(Range<usize>, Range<usize>, f32, f32)> = Vec::with_capacity(found.len());
    for f in found {
        if let Some(last) = out.last_mut()
            && last.0.end == f.0.start
            && last.1.end == f.1.start
        {
            let total = last.3 + f.3;
            last.2 = (last.2 * last.3 + f.2 * f.3) / total.max(f32::EPSILON);
            last.0.end = f.0.end;
            last.1.end = f.1.end;
            last.3 = total;
            continue;
        }
        out.push(f);
    }
    out
}

/// Smith–Waterman over a region: the best local alignment as word ranges of `a` and `b`, its
/// score in 0..1 and its matched weight — `None` when it does not pass acceptance.
fn align(
    v: &Vocabulary,
    ra: Range<usize>,
    rb: Range<usize>,
) -> Option<(Range<usize>, Range<usize>, f32, f32)> {
    let (wa, wb) = (&v.a[ra.clone()], &v.b[rb.clone()]);
    let (n, m) = (wa.len(), wb.len());
    if n == 0 || m == 0 {
        return None;
    }
    let cols = m + 1;
    let mut h = vec![0f32; (n + 1) * cols];
    // 0 stop, 1 diagonal, 2 up (gap in b), 3 left (gap in a)
    let mut from = vec![0u8; (n + 1) * cols];
    let mut best = (0f32, 0usize, 0usize);
    for i in 1..=n {
        for j in 1..=m {
            let (x, y) = (&wa[i - 1], &wb[j - 1]);
            let s = if x.id == y.id {
                v.weight[x.id as usize]
            } else if x.stem == y.stem && v.weight[x.id as usize] >= CONTENT_WEIGHT {
                0.5 * v.weight[x.id as usize].min(v.weight[y.id as usize])
            } else {
                MISMATCH
            };
            let diag = h[(i - 1) * cols + j - 1] + s;
            let up = h[(i - 1) * cols + j] + GAP;
            let left = h[i * cols + j - 1] + GAP;
            let (val, dir) = [(0.0, 0u8), (diag, 1), (up, 2), (left, 3)]
                .into_iter()
                .fold((0.0f32, 0u8), |acc, c| if c.0 > acc.0 { c } else { acc });
            h[i * cols + j] = val;
            from[i * cols + j] = dir;
            if val > best.0 {
                best = (val, i, j);
            }
        }
    }
    // Trace back, summing what matched.
    let (mut i, mut j) = (best.1, best.2);
    let (end_i, end_j) = (i, j);
    let mut matched = 0f32;
    let mut matched_words = 0usize;
    let mut content: Vec<u32> = Vec::new();
    while i > 0 && j > 0 && h[i * cols + j] > 0.0 {
        match from[i * cols + j] {
            1 => {
                let (x, y) = (&wa[i - 1], &wb[j - 1]);
                let w = v.weight[x.id as usize];
                if x.id == y.id {
                    matched += w;
                    matched_words += 1;
                    if w >= CONTENT_WEIGHT {
                        content.push(x.id);
                    }
                } else if x.stem == y.stem && w >= CONTENT_WEIGHT {
                    matched += 0.5 * w.min(v.weight[y.id as usize]);
                    matched_words += 1;
                    content.push(x.id);
                }
                i -= 1;
                j -= 1;
            }
            2 => i -= 1,
            3 => j -= 1,
            _ => break,
        }
    }
    let (start_i, start_j) = (i, j);
    content.sort_unstable();
    content.dedup();
    // Twelve words or more in a row, word for word, with some content: copied, whatever
    // its words weigh.
    let long_copy = matched_words >= LONG_COPY_WORDS && content.len() >= 2;
    // A short passage reworded by a third keeps few content words (12 words, four changed,
    // three content words left): accepted when its matches are dense — at least 8 matched
    // words making 70 % of the longer side — as a chance alignment's are not. On real text
    // (passages of one book put into another) this took medium-reworded recall from 0.93 to
    // 0.95–0.96; precision across books stayed at 0.99–1.00.
    let span = (end_i - start_i).max(end_j - start_j);
    let dense = content.len() >= 3
        && matched_words >= 8
        && matched >= MIN_MATCHED_WEIGHT
        && matched_words * 10 >= span * 7;
    if !long_copy
        && !dense
        && (matched < MIN_MATCHED_WEIGHT
            || content.len() < MIN_CONTENT_WORDS
            || matched_words < MIN_MATCHED_WORDS)
    {
        return None;
    }
    let span_weight = |words: &[Word]| words.iter().map(|w| v.weight_of(w)).sum::<f32>();
    let total = span_weight(&wa[start_i..end_i]) + span_weight(&wb[start_j..end_j]);
    let score = (2.0 * matched / total.max(f32::EPSILON)).clamp(0.0, 1.0);
    Some((
        ra.start + start_i..ra.start + end_i,
        rb.start + start_j..rb.start + end_j,
        score,
        matched,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILLER_A: &str = "Markets were calm on Monday as traders waited for figures on \
        inflation and the harvest looked better than farmers had feared earlier this spring.";
    const FILLER_B: &str = "A new bridge opened downtown after six years of delays, and \
        commuters said the shorter journey was worth the long wait for everyone involved.";
    const FILLER_C: &str = "The museum reopened its east wing with a show of early \
        photographs, drawing queues around the block on a cold and windy weekend.";

    #[test]
    fn a_copied_sentence_is_found_where_it_is_in_each_text() {
        let shared = "The foreign secretary warned that any attempt to destabilise Ukraine \
                      would be met with a swift and unequivocal response from London.";
        let a = format!("{FILLER_A} {shared} {FILLER_C}");
        let b = format!("{FILLER_B} Officials added little. {shared}");
        let pairs = compare(&a, &b);
        assert_eq!(pairs.len(), 1, "{pairs:#?}");
        let p = &pairs[0];
        assert_eq!(p.kind, Kind::Same);
        // The whole sentence, full stop and all (a pair never ends mid-sentence).
        assert_eq!(p.a.quote, shared);
        let a_chars: Vec<char> = a.chars().collect();
        assert_eq!(
            a_chars[p.a.start..p.a.end].iter().collect::<String>(),
            p.a.quote
        );
        assert!(p.score > 0.95);
    }

    #[test]
    fn a_reworded_passage_is_found_as_similar() {
        let a = format!(
            "{FILLER_A} Sergey Lavrov met the British minister in New York on Thursday and \
             told reporters that relations between the two countries were at their worst. \
             {FILLER_C}"
        );
        let b = format!(
            "{FILLER_B} On Thursday in New York Sergei Lavrov met Britain's minister and told \
             journalists that relations between both countries were at their lowest point."
        );
        let pairs = compare(&a, &b);
        assert_eq!(pairs.len(), 1, "{pairs:#?}");
        assert_eq!(pairs[0].kind, Kind::Similar);
        assert!(pairs[0].a.quote.contains("relations between"));
    }

    #[test]
    fn a_short_passage_reworded_by_a_third_is_found_when_its_matches_are_dense() {
        // Fourteen words, four changed (from the real-text set: War and Peace into Moby-Dick);
        // only three content words are left (done, spots, projectiles), but the matches run
        // nearly unbroken.
        let a = format!(
            "{FILLER_A} This could not be done, as from the spots selected by Napoleon the \
             projectiles. {FILLER_C}"
        );
        let b = format!(
            "{FILLER_B} Tell could not be done, set from the spots were by frenzied the \
             projectiles. Officials added little."
        );
        let pairs = compare(&a, &b);
        assert_eq!(pairs.len(), 1, "{pairs:#?}");
        assert!(pairs[0].a.quote.contains("the spots selected by Napoleon"));
    }

    #[test]
    fn texts_sharing_only_common_words_have_no_pairs() {
        assert!(compare(FILLER_A, FILLER_B).is_empty());
        let a = "and the of to in that it was for on as with by at ".repeat(30);
        let b = "of the and in to was it that on for by as at with ".repeat(30);
        assert!(compare(&a, &b).is_empty());
    }
}
