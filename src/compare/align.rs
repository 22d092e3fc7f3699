//! Sentences of two independent reports of one story, paired by what they say rather than by
//! copied runs: "He met Russia’s acting foreign minister Sergey Lavrov…" with "…his
//! counterpart, Russian Foreign Minister Sergei Lavrov…".
//!
//! Each sentence becomes a weighted set of word stems (first five letters: Sergey / Sergei,
//! Russia’s / Russian). A word weighs by how rare it is in English at large — a background
//! table of 30,000 word frequencies shipped in `assets/english_zipf.tsv`, so "the", "said" and
//! "also" weigh nothing even in two short articles — and a little less when it runs through
//! many sentences of both articles (the story's own name). Numbers weigh as rare words.
//! Two sentences score the weight they share over the weight they have (Dice); each sentence
//! takes its best counterpart, best pairs first, one to one, above [`MIN_SCORE`].
//!
//! A pair whose numbers differ ("$2.5 billion" / "$1.8 billion", "five years" / "six years")
//! while the rest agrees is `Differs`, with the differing words of each side: the
//! contradictions a fact-checker looks for. Headlines (a first line without a full stop),
//! bylines and other lines of few words are never paired.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use super::sentences;

/// Least score (0–1) for two sentences to correspond. Calibrated on the training part of a
/// corpus of news sentences paraphrased by different outlets (see BENCHMARKS.md).
pub const MIN_SCORE: f32 = 0.36;
/// Weaker pairs, taken only where each sentence is the other's best match among those left
/// (see [`align`]): least score, least shared weight.
const WEAK_SCORE: f32 = 0.16;
const WEAK_SHARED: f32 = 4.5;
/// Sentences with fewer words than this (bylines, datelines, "Sky News") are not paired.
const MIN_WORDS: usize = 5;
/// Least shared weight: two rare words' worth.
const MIN_SHARED: f32 = 3.0;
/// A stem in more sentences of `b` than this is skipped when looking for candidates (it still
/// counts in the score).
const MAX_POSTINGS: usize = 64;

/// Two corresponding sentences (char ranges of each article).
#[derive(Debug, Clone, PartialEq)]
pub struct SentencePair {
    pub a: Range<usize>,
    pub b: Range<usize>,
    pub score: f32,
    /// The numbers (as written) each side has and the other lacks, when they differ.
    pub differing: Option<(Vec<String>, Vec<String>)>,
}

/// English words' Zipf frequencies (log10 per billion words).
fn background() -> &'static HashMap<&'static str, f32> {
    static TABLE: OnceLock<HashMap<&'static str, f32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../../assets/english_zipf.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (w, z) = l.split_once('\t')?;
                Some((w, z.parse().ok()?))
            })
            .collect()
    })
}

/// Number words read as numbers ("five years" = "5 years").
const NUMBER_WORDS: &[(&str, &str)] = &[
    ("eight", "8"),
    ("eleven", "11"),
    ("five", "5"),
    ("four", "4"),
    ("nine", "9"),
    ("one", "1"),
    ("seven", "7"),
    ("six", "6"),
    ("ten", "10"),
    ("three", "3"),
    ("twelve", "12"),
    ("two", "2"),
];

/// One word of a sentence: its stem, weight, whether it is a number, and how it was written.
struct Token {
    stem: String,
    weight: f32,
    number: Option<String>,
    written: String,
}

fn tokens(sentence: &str) -> Vec<Token> {
    let table = background();
    let mut out = Vec::new();
    for raw in sentence.split(|c: char| !(c.is_alphanumeric() || "'’.,$%".contains(c))) {
        let written = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if written.is_empty() {
            continue;
        }
        let lower = written.to_lowercase().replace('’', "'");
        let lower = lower
            .strip_suffix("'s")
            .unwrap_or(&lower)
            .trim_end_matches('\'')
            .to_owned();
        let digits: String = lower.chars().filter(|c| *c != ',').collect();
        // "US$100" and "$US100" are "100"; a code with digits ("N2H2", "Power5") is a
        // detail that can differ like a number.
        let digits = ["us", "a", "c", "nz", "hk"]
            .iter()
            .find_map(|p| {
                digits
                    .strip_prefix(p)
                    .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            })
            .unwrap_or(&digits);
        let number = if digits.chars().any(|c| c.is_ascii_digit()) {
            Some(digits.trim_end_matches('.').to_owned())
        } else {
            NUMBER_WORDS
                .binary_search_by(|(w, _)| w.cmp(&lower.as_str()))
                .ok()
                .map(|i| NUMBER_WORDS[i].1.to_owned())
        };
        let (stem, weight) = match &number {
            Some(n) => (n.clone(), 2.5),
            None => {
                let zipf = table.get(lower.as_str()).copied().unwrap_or(2.0);
                let weight = (6.0 - zipf).clamp(0.0, 4.0);
                (
                    lower.chars().take(5).collect(),
                    if weight < 0.4 { 0.0 } else { weight },
                )
            }
        };
        out.push(Token {
            stem,
            weight,
            number,
            written: written.to_owned(),
        });
    }
    out
}

/// A sentence as a weighted set of stems.
struct Sentence {
    range: Range<usize>,
    stems: HashMap<String, f32>,
    numbers: Vec<(String, String)>,
    pairable: bool,
}

fn prepare(text: &str, split: &[Range<usize>]) -> Vec<Sentence> {
    let chars: Vec<char> = text.chars().collect();
    split
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, range)| {
            let s: String = chars[range.clone()].iter().collect();
            let toks = tokens(&s);
            let headline = i == 0 && !s.trim_end().ends_with(['.', '!', '?', '"', '”', '’']);
            let mut stems: HashMap<String, f32> = HashMap::new();
            let mut numbers = Vec::new();
            for t in &toks {
                let w = stems.entry(t.stem.clone()).or_insert(0.0);
                *w = w.max(t.weight);
                if let Some(n) = &t.number {
                    numbers.push((n.clone(), t.written.clone()));
                }
            }
            Sentence {
                range,
                stems,
                numbers,
                pairable: toks.len() >= MIN_WORDS && !headline,
            }
        })
        .collect()
}

/// The corresponding sentences of `a` and `b`, in the order of `a`.
pub fn align(a: &str, b: &str) -> Vec<SentencePair> {
    align_split(a, b, &sentences::split(a), &sentences::split(b))
}

/// [`align`] on the texts' sentences split already ([`sentences::split`]).
pub fn align_split(
    a: &str,
    b: &str,
    split_a: &[Range<usize>],
    split_b: &[Range<usize>],
) -> Vec<SentencePair> {
    let (sa, sb) = (prepare(a, split_a), prepare(b, split_b));
    // Stems that run through many sentences of both weigh less.
    let mut df: HashMap<&str, usize> = HashMap::new();
    for s in sa.iter().chain(&sb) {
        for stem in s.stems.keys() {
            *df.entry(stem.as_str()).or_default() += 1;
        }
    }
    let n = (sa.len() + sb.len()).max(2) as f32;
    let spread = |stem: &str| {
        let d = df.get(stem).copied().unwrap_or(1) as f32;
        0.5 + 0.5 * ((n / d).ln() / n.ln()).clamp(0.0, 1.0)
    };
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, s) in sb.iter().enumerate().filter(|(_, s)| s.pairable) {
        for (stem, w) in &s.stems {
            if *w > 0.0 {
                postings.entry(stem.as_str()).or_default().push(j);
            }
        }
    }
    let total = |s: &Sentence| -> f32 { s.stems.iter().map(|(k, w)| w * spread(k)).sum() };
    let totals_b: Vec<f32> = sb.iter().map(total).collect();
    let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
    let mut weak: Vec<(f32, usize, usize)> = Vec::new();
    for (i, s) in sa.iter().enumerate().filter(|(_, s)| s.pairable) {
        let ta = total(s);
        // Per candidate: shared weight, shared content stems.
        let mut shared: HashMap<usize, (f32, usize)> = HashMap::new();
        for (stem, wa) in &s.stems {
            let Some(js) = postings
                .get(stem.as_str())
                .filter(|js| js.len() <= MAX_POSTINGS)
            else {
                continue;
            };
            for &j in js {
                let wb = sb[j].stems[stem];
                let e = shared.entry(j).or_default();
                e.0 += wa.min(wb) * spread(stem);
                e.1 += usize::from(wa.min(wb) >= 1.0);
            }
        }
        for (j, (w, content)) in shared {
            let score = 2.0 * w / (ta + totals_b[j]).max(f32::EPSILON);
            if w >= MIN_SHARED && score >= MIN_SCORE {
                candidates.push((score, i, j));
            } else if w >= WEAK_SHARED && content >= 2 && score >= WEAK_SCORE {
                weak.push((score, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let (mut used_a, mut used_b) = (HashSet::new(), HashSet::new());
    let mut matched: Vec<(f32, usize, usize)> = Vec::new();
    for (score, i, j) in candidates {
        if used_a.contains(&i) || used_b.contains(&j) {
            continue;
        }
        used_a.insert(i);
        used_b.insert(j);
        matched.push((score, i, j));
    }
    // Then weaker pairs among the sentences left: only where each is the other's best match
    // (two long sentences sharing a fact and its key words, each with details of its own).
    weak.retain(|(_, i, j)| !used_a.contains(i) && !used_b.contains(j));
    let best = |key: &dyn Fn(&(f32, usize, usize)) -> usize| {
        let mut best: HashMap<usize, (f32, usize, usize)> = HashMap::new();
        for c in &weak {
            let e = best.entry(key(c)).or_insert(*c);
            if c.0 > e.0 {
                *e = *c;
            }
        }
        best
    };
    let (best_of_a, best_of_b) = (best(&|c| c.1), best(&|c| c.2));
    for (_, &(score, i, j)) in best_of_a.iter() {
        if best_of_b.get(&j).is_some_and(|c| c.1 == i) {
            used_a.insert(i);
            used_b.insert(j);
            matched.push((score, i, j));
        }
    }
    let weight = |s: &Sentence, stem: &str| s.stems.get(stem).map_or(0.0, |w| w * spread(stem));
    let runs = Runs {
        sa: &sa,
        sb: &sb,
        weight: &weight,
    };
    let mut out: Vec<SentencePair> = matched
        .into_iter()
        .map(|(score, i, j)| {
            let (ra, rb) = runs.grow(i, j, &mut used_a, &mut used_b);
            let numbers = |s: &[Sentence], r: &std::ops::RangeInclusive<usize>| Sentence {
                range: 0..0,
                stems: HashMap::new(),
                numbers: s[r.clone()]
                    .iter()
                    .flat_map(|s| s.numbers.clone())
                    .collect(),
                pairable: false,
            };
            SentencePair {
                a: sa[*ra.start()].range.start..sa[*ra.end()].range.end,
                b: sb[*rb.start()].range.start..sb[*rb.end()].range.end,
                score,
                differing: differing(&numbers(&sa, &ra), &numbers(&sb, &rb)),
            }
        })
        .collect();
    out.sort_by_key(|p| p.a.start);
    out
}

/// Runs of sentences: one sentence of an article often tells what the other says in two
/// ("Johnson met Lavrov in New York. They discussed Syria." / "Johnson met Lavrov in New York,
/// where they discussed Syria."). A paired sentence takes in a neighbour left unpaired when most
/// of the neighbour's weight is in its counterpart and not already in itself — so a run never
/// takes in a sentence that has no counterpart.
struct Runs<'a> {
    sa: &'a [Sentence],
    sb: &'a [Sentence],
    weight: &'a dyn Fn(&Sentence, &str) -> f32,
}

/// Share of a neighbour's weight that must be found in the counterpart's remainder.
const RUN_SHARE: f32 = 0.4;

impl Runs<'_> {
    fn grow(
        &self,
        i: usize,
        j: usize,
        used_a: &mut HashSet<usize>,
        used_b: &mut HashSet<usize>,
    ) -> (
        std::ops::RangeInclusive<usize>,
        std::ops::RangeInclusive<usize>,
    ) {
        let (mut ra, mut rb) = (i..=i, j..=j);
        // A's neighbours against what B's sentence has beyond A's; then B's.
        for _ in 0..2 {
            ra = self.extend(self.sa, ra, &self.sb[j], &self.sa[i], used_a);
            rb = self.extend(self.sb, rb, &self.sa[i], &self.sb[j], used_b);
        }
        (ra, rb)
    }

    /// `run` of `side` grown by an unused neighbour that tells what `counterpart` says
    /// beyond `own`.
    fn extend(
        &self,
        side: &[Sentence],
        run: std::ops::RangeInclusive<usize>,
        counterpart: &Sentence,
        own: &Sentence,
        used: &mut HashSet<usize>,
    ) -> std::ops::RangeInclusive<usize> {
        let (lo, hi) = (*run.start(), *run.end());
        let tells = |n: usize| {
            let s = &side[n];
            if !s.pairable || used.contains(&n) {
                return false;
            }
            let total: f32 = s.stems.keys().map(|k| (self.weight)(s, k)).sum();
            let shared: f32 = s
                .stems
                .keys()
                .filter(|k| !own.stems.contains_key(*k))
                .map(|k| (self.weight)(s, k).min((self.weight)(counterpart, k)))
                .sum();
            shared >= MIN_SHARED && shared >= RUN_SHARE * total
        };
        if hi + 1 < side.len() && tells(hi + 1) {
            used.insert(hi + 1);
            return lo..=hi + 1;
        }
        if lo > 0 && tells(lo - 1) {
            used.insert(lo - 1);
            return lo - 1..=hi;
        }
        run
    }
}

/// The numbers of two passages that differ (as written on each side), when each has one the
/// other lacks: for passages the copy finder paired.
pub fn differing_numbers(a: &str, b: &str) -> Option<(Vec<String>, Vec<String>)> {
    let numbers = |s: &str| -> Vec<(String, String)> {
        tokens(s)
            .into_iter()
            .filter_map(|t| Some((t.number?, t.written)))
            .collect()
    };
    let side = |numbers| Sentence {
        range: 0..0,
        stems: HashMap::new(),
        numbers,
        pairable: false,
    };
    differing(&side(numbers(a)), &side(numbers(b)))
}

/// The numbers only one side has, when each side has one the other lacks. Counted as a
/// multiset: "Sept. 11 … by 15 percent" against "Sept. 15 … by 15 percent" differs (the
/// other side's 15 is spoken for).
fn differing(a: &Sentence, b: &Sentence) -> Option<(Vec<String>, Vec<String>)> {
    let only = |x: &Sentence, y: &Sentence| -> Vec<String> {
        let mut left: Vec<&str> = y.numbers.iter().map(|(n, _)| n.as_str()).collect();
        x.numbers
            .iter()
            .filter(|(n, _)| match left.iter().position(|m| m == n) {
                Some(k) => {
                    left.swap_remove(k);
                    false
                }
                None => true,
            })
            .map(|(_, w)| w.clone())
            .collect()
    };
    let (oa, ob) = (only(a, b), only(b, a));
    (!oa.is_empty() && !ob.is_empty()).then_some((oa, ob))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_word_table_is_sorted_for_binary_search() {
        assert!(NUMBER_WORDS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    fn quote(text: &str, r: &Range<usize>) -> String {
        text.chars().skip(r.start).take(r.len()).collect()
    }

    #[test]
    fn reworded_sentences_pair_and_a_differing_number_is_named() {
        let a = "Talks in Moscow\n\nHe met Russia’s acting foreign minister Sergey Lavrov on \
                 the sidelines of the UN General Assembly in New York. The weather was fine \
                 for the harvest this year. The company sold the chain for $2.5 billion in 1998.";
        let b = "Moscow visit\n\nMarkets in Asia were calm on Monday morning. Mr Johnson met his \
                 counterpart, Russian Foreign Minister Sergei Lavrov, at the UN in New York. \
                 Yucaipa sold the supermarket chain for $1.8 billion in 1998.";
        let pairs = align(a, b);
        let got: Vec<(String, String)> = pairs
            .iter()
            .map(|p| (quote(a, &p.a), quote(b, &p.b)))
            .collect();
        assert_eq!(got.len(), 2, "{got:#?}");
        assert!(got[0].0.starts_with("He met") && got[0].1.starts_with("Mr Johnson met"));
        assert!(got[1].1.starts_with("Yucaipa"));
        assert_eq!(
            pairs[1].differing,
            Some((vec!["2.5".into()], vec!["1.8".into()]))
        );
        assert_eq!(pairs[0].differing, None);
    }
}
