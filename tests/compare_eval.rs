//! How well `compare` finds corresponding passages, on a labelled set built here: passages of
//! one generated text copied into another at random places and in random order, verbatim or
//! reworded to a known degree, and pairs of texts that share nothing. The truth comes from the
//! construction, never from the matcher. Prints recall per kind and precision
//! (`cargo test --release --test compare_eval -- --nocapture`).

use std::ops::Range;

use gloss::compare::{Pair, compare};

/// A small deterministic generator (no dependency on the matcher's internals).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 1_000_000) as f64 / 1_000_000.0 < p
    }
}

const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "it", "with", "as",
    "his", "on", "be", "at", "by", "had", "not", "are", "but", "from", "or", "have", "an", "they",
    "which", "one", "were", "her", "all", "she", "there", "would", "their", "we",
];

/// Content words: made-up but word-like, Zipf-distributed so some are common.
fn content_vocabulary(rng: &mut Rng, n: usize) -> Vec<String> {
    let onsets = [
        "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "st", "tr",
        "pl", "gr", "sh",
    ];
    let vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"];
    let codas = ["", "n", "r", "s", "t", "l", "nd", "st", "m"];
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let syllables = 1 + rng.below(3);
        let mut w = String::new();
        for _ in 0..syllables {
            w.push_str(onsets[rng.below(onsets.len())]);
            w.push_str(vowels[rng.below(vowels.len())]);
            w.push_str(codas[rng.below(codas.len())]);
        }
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

struct Words {
    content: Vec<String>,
    /// Cumulative Zipf weights over `content`.
    cumulative: Vec<f64>,
}

impl Words {
    fn new(rng: &mut Rng) -> Words {
        let content = content_vocabulary(rng, 4000);
        let mut total = 0.0;
        let cumulative = (1..=content.len())
            .map(|r| {
                total += 1.0 / r as f64;
                total
            })
            .collect();
        Words {
            content,
            cumulative,
        }
    }

    fn word(&self, rng: &mut Rng) -> String {
        if rng.chance(0.45) {
            return FUNCTION_WORDS[rng.below(FUNCTION_WORDS.len())].to_string();
        }
        let total = *self.cumulative.last().unwrap();
        let x = (rng.next() % 1_000_000) as f64 / 1_000_000.0 * total;
        let i = self.cumulative.partition_point(|&c| c < x);
        self.content[i.min(self.content.len() - 1)].clone()
    }

    fn sentence(&self, rng: &mut Rng) -> Vec<String> {
        (0..8 + rng.below(18)).map(|_| self.word(rng)).collect()
    }
}

/// A text as sentences of words; joined with spaces and ". ".
fn join(sentences: &[Vec<String>]) -> (String, Vec<Vec<Range<usize>>>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut pos = 0;
    for s in sentences {
        let mut ranges = Vec::new();
        for (k, w) in s.iter().enumerate() {
            if k > 0 {
                text.push(' ');
                pos += 1;
            }
            let len = w.chars().count();
            ranges.push(pos..pos + len);
            text.push_str(w);
            pos += len;
        }
        text.push_str(". ");
        pos += 2;
        spans.push(ranges);
    }
    (text, spans)
}

/// A text of `n` sentences, and its words with their char spans.
fn text_of(vocab: &Words, rng: &mut Rng, n: usize) -> (String, Vec<(String, Range<usize>)>) {
    let sentences: Vec<Vec<String>> = (0..n).map(|_| vocab.sentence(rng)).collect();
    let (text, spans) = join(&sentences);
    let words = sentences
        .iter()
        .zip(&spans)
        .flat_map(|(s, r)| s.iter().cloned().zip(r.iter().cloned()))
        .collect();
    (text, words)
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Degree {
    Verbatim,
    Light,
    Medium,
    Heavy,
}

impl Degree {
    fn share(self) -> f64 {
        match self {
            Degree::Verbatim => 0.0,
            Degree::Light => 0.15,
            Degree::Medium => 0.30,
            Degree::Heavy => 0.65,
        }
    }
}

/// Rewords `words`: each word, with probability `share`, is replaced (60 %), dropped (20 %),
/// or followed by an inserted word (20 %).
fn reword(rng: &mut Rng, vocab: &Words, words: &[String], share: f64) -> Vec<String> {
    let mut out = Vec::new();
    for w in words {
        if rng.chance(share) {
            match rng.below(10) {
                0..=5 => out.push(vocab.word(rng)),
                6..=7 => {}
                _ => {
                    out.push(w.clone());
                    out.push(vocab.word(rng));
                }
            }
        } else {
            out.push(w.clone());
        }
    }
    out
}

struct Case {
    a: String,
    b: String,
    /// (degree, A span, B span) in chars.
    truth: Vec<(Degree, Range<usize>, Range<usize>)>,
}

/// Text A of 250 sentences; text B of 250 other sentences with `per_degree` passages of A of
/// each degree inserted as sentences of their own, at random places, in random order.
fn build_case(seed: u64, per_degree: usize) -> Case {
    let mut rng = Rng(seed);
    let vocab = Words::new(&mut rng);
    let (a, a_words) = text_of(&vocab, &mut rng, 250);
    let mut b_sentences: Vec<Vec<String>> = (0..250).map(|_| vocab.sentence(&mut rng)).collect();
    // Passages: distinct, non-overlapping places in A.
    let mut inserted: Vec<(Degree, Range<usize>, usize)> = Vec::new(); // degree, A words, B sentence
    let mut used: Vec<Range<usize>> = Vec::new();
    for degree in [
        Degree::Verbatim,
        Degree::Light,
        Degree::Medium,
        Degree::Heavy,
    ] {
        for _ in 0..per_degree {
            let len = 12 + rng.below(29);
            let start = loop {
                let s = rng.below(a_words.len() - len);
                if used.iter().all(|u| s + len + 5 < u.start || u.end + 5 < s) {
                    break s;
                }
            };
            used.push(start..start + len);
            let words: Vec<String> = a_words[start..start + len]
                .iter()
                .map(|(w, _)| w.clone())
                .collect();
            let passage = reword(&mut rng, &vocab, &words, degree.share());
            let at = rng.below(b_sentences.len() + 1);
            b_sentences.insert(at, passage);
            for x in &mut inserted {
                if x.2 >= at {
                    x.2 += 1;
                }
            }
            inserted.push((degree, start..start + len, at));
        }
    }
    let (b, b_spans) = join(&b_sentences);
    let truth = inserted
        .into_iter()
        .map(|(degree, words, sentence)| {
            let a_span = a_words[words.start].1.start..a_words[words.end - 1].1.end;
            let s = &b_spans[sentence];
            (degree, a_span, s[0].start..s[s.len() - 1].end)
        })
        .collect();
    Case { a, b, truth }
}

fn overlap(x: &Range<usize>, y: &Range<usize>) -> usize {
    x.end.min(y.end).saturating_sub(x.start.max(y.start))
}

fn a_range(p: &Pair) -> Range<usize> {
    p.a.start..p.a.end
}

fn b_range(p: &Pair) -> Range<usize> {
    p.b.start..p.b.end
}

/// A truth passage is found when one pair covers at least half of it on both sides.
fn found(pairs: &[Pair], a: &Range<usize>, b: &Range<usize>) -> bool {
    pairs
        .iter()
        .any(|p| overlap(&a_range(p), a) * 2 >= a.len() && overlap(&b_range(p), b) * 2 >= b.len())
}

/// A pair is right when most of it lies in one truth passage on both sides.
fn right(p: &Pair, truth: &[(Degree, Range<usize>, Range<usize>)]) -> bool {
    truth.iter().any(|(_, a, b)| {
        overlap(&a_range(p), a) * 2 >= a_range(p).len()
            && overlap(&b_range(p), b) * 2 >= b_range(p).len()
    })
}

#[test]
fn recall_per_rewording_degree_and_precision() {
    let mut hits = [0usize; 4];
    let mut totals = [0usize; 4];
    let (mut reported, mut correct) = (0usize, 0usize);
    for seed in 1..=6 {
        let case = build_case(seed, 10);
        let pairs = compare(&case.a, &case.b);
        for (degree, a, b) in &case.truth {
            let k = *degree as usize;
            totals[k] += 1;
            if found(&pairs, a, b) {
                hits[k] += 1;
            }
        }
        reported += pairs.len();
        correct += pairs.iter().filter(|p| right(p, &case.truth)).count();
        if std::env::var("GLOSS_SHOW_WRONG").is_ok() {
            for p in pairs.iter().filter(|p| !right(p, &case.truth)) {
                println!(
                    "WRONG {:?} {:?} {:?}\n  {}\n  {}",
                    p.kind,
                    a_range(p),
                    b_range(p),
                    p.a.quote,
                    p.b.quote
                );
            }
        }
        // Negative pair: two texts built from the same vocabulary that share no passage.
        let other = build_case(seed + 1000, 0);
        let unrelated = compare(&case.a, &other.b);
        reported += unrelated.len();
    }
    let recall: Vec<f64> = hits
        .iter()
        .zip(&totals)
        .map(|(&h, &t)| h as f64 / t as f64)
        .collect();
    let precision = correct as f64 / reported.max(1) as f64;
    println!("passages of 12-40 words, 6 text pairs + 6 unrelated pairs");
    for (name, k) in [
        ("verbatim", 0),
        ("light (15 %)", 1),
        ("medium (30 %)", 2),
        ("heavy (65 %)", 3),
    ] {
        println!(
            "recall {name:<14} {:.3} ({}/{})",
            recall[k], hits[k], totals[k]
        );
    }
    println!("precision {precision:.3} ({correct}/{reported})");
    assert!(recall[0] >= 0.99, "verbatim {:.3}", recall[0]);
    assert!(recall[1] >= 0.90, "light {:.3}", recall[1]);
    assert!(recall[2] >= 0.90, "medium {:.3}", recall[2]);
    assert!(precision >= 0.95, "precision {precision:.3}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// A passage of 12 or more words copied word for word anywhere into another text is
    /// always found, at its place on both sides.
    #[test]
    fn a_verbatim_passage_of_twelve_words_or_more_is_always_found(
        seed in 1u64..1_000_000,
        len in 12usize..60,
        from in 0.0f64..1.0,
        to in 0.0f64..1.0,
    ) {
        let mut rng = Rng(seed);
        let vocab = Words::new(&mut rng);
        let (a, a_words) = text_of(&vocab, &mut rng, 120);
        let start = ((a_words.len() - len) as f64 * from) as usize;
        let passage: Vec<String> = a_words[start..start + len].iter().map(|(w, _)| w.clone()).collect();
        let mut b_sentences: Vec<Vec<String>> = (0..120).map(|_| vocab.sentence(&mut rng)).collect();
        let at = (b_sentences.len() as f64 * to) as usize;
        b_sentences.insert(at, passage);
        let (b, b_spans) = join(&b_sentences);
        let a_span = a_words[start].1.start..a_words[start + len - 1].1.end;
        let s = &b_spans[at];
        let b_span = s[0].start..s[s.len() - 1].end;
        let pairs = compare(&a, &b);
        proptest::prop_assert!(found(&pairs, &a_span, &b_span), "{a_span:?} {b_span:?} {pairs:#?}");
    }
}
