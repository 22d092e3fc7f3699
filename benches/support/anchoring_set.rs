//! A labelled re-anchoring data set, built from the bundled articles and a long generated
//! text, shared by `tests/anchoring_eval.rs` and `benches/anchoring.rs`.
//!
//! Each case takes an original text, makes an annotation on it, applies one kind of edit, and
//! computes the *true* answer from the edit itself — where the passage is now, or that it is
//! gone — never from a matcher. A Hypothesis-style matcher (exact search, then approximate
//! search scored 50/20/20/2 with no minimum) is reproduced here as the baseline.

#![allow(dead_code)]

use std::ops::Range;

use gloss::anchor::{self, Anchor, NormCache, Selectors, myers};
use gloss::annotation::{Annotation, Color};
use gloss::corpus::Article;

/// Deterministic pseudo-random numbers (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// Fisher–Yates.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

pub fn bundled_articles() -> Vec<String> {
    ["000_085c7264399e0b47.txt", "003_b993387af2baf757.txt"]
        .iter()
        .map(|name| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("corpus")
                .join(name);
            std::fs::read_to_string(path).unwrap()
        })
        .collect()
}

/// A long, news-like text of at least `min_bytes`, generated deterministically from the
/// bundled articles' vocabulary (so common words like "the" occur tens of thousands of times,
/// and some sentences repeat, as in real long documents).
pub fn long_text(min_bytes: usize, seed: u64) -> String {
    let source = bundled_articles().join(" ");
    let words: Vec<&str> = source
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '’' && c != '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let glue = [
        "the", "of", "and", "to", "in", "a", "that", "with", "for", "on",
    ];
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(min_bytes + 1024);
    let mut sentences: Vec<String> = Vec::new();
    while out.len() < min_bytes {
        let sentences_in_paragraph = 2 + rng.below(5);
        for s in 0..sentences_in_paragraph {
            // One sentence in fifty repeats an earlier one word for word.
            let sentence = if !sentences.is_empty() && rng.chance(2) {
                rng.pick(&sentences).clone()
            } else {
                let len = 6 + rng.below(22);
                let mut sentence = String::new();
                for i in 0..len {
                    let w = if rng.chance(30) {
                        *rng.pick(&glue)
                    } else {
                        *rng.pick(&words)
                    };
                    if i == 0 {
                        let mut c = w.chars();
                        if let Some(first) = c.next() {
                            sentence.extend(first.to_uppercase());
                            sentence.push_str(c.as_str());
                        }
                    } else {
                        sentence.push(' ');
                        sentence.push_str(w);
                    }
                    if i + 1 < len && rng.chance(6) {
                        sentence.push(',');
                    }
                }
                if rng.chance(10) {
                    sentence = format!("\"{sentence}\"");
                }
                sentence.push('.');
                sentences.push(sentence.clone());
                sentence
            };
            if s > 0 {
                out.push(' ');
            }
            out.push_str(&sentence);
        }
        out.push_str("\n\n");
    }
    out
}

/// The kinds of edit in the set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    InsertElsewhere,
    DeleteElsewhere,
    TypoInside,
    PassageDeleted,
    PassageRewritten,
    DuplicatedElsewhere,
    LineEndingsAndRewrap,
    CurlyQuotes,
    ManyEditsAround,
    /// The passage and its surroundings cut and pasted tens of kB away.
    MovedFar,
    /// Up to a third of the quote's letters changed (typos fixed), its context intact.
    TyposFixed,
    /// A one-word passage whose words around it were rewritten.
    WordInRewrittenSentence,
}

impl Kind {
    pub const ALL: [Kind; 12] = [
        Kind::InsertElsewhere,
        Kind::DeleteElsewhere,
        Kind::TypoInside,
        Kind::PassageDeleted,
        Kind::PassageRewritten,
        Kind::DuplicatedElsewhere,
        Kind::LineEndingsAndRewrap,
        Kind::CurlyQuotes,
        Kind::ManyEditsAround,
        Kind::MovedFar,
        Kind::TyposFixed,
        Kind::WordInRewrittenSentence,
    ];
}

/// One labelled case.
pub struct Case {
    pub kind: Kind,
    pub annotation: Annotation,
    pub edited: Article,
    /// Where the passage truly is in the edited text; `None` when it is gone.
    pub truth: Option<Range<usize>>,
    pub quote_words: usize,
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

fn string(c: &[char]) -> String {
    c.iter().collect()
}

/// A passage to annotate: whole words, 1 to 40 of them, starting at a word start.
fn pick_passage(text: &[char], rng: &mut Rng, words: usize) -> Option<Range<usize>> {
    for _ in 0..50 {
        let mut start = rng.below(text.len());
        while start > 0 && !text[start - 1].is_whitespace() {
            start -= 1;
        }
        while start < text.len() && text[start].is_whitespace() {
            start += 1;
        }
        let mut end = start;
        let mut count = 0;
        while end < text.len() && count < words {
            while end < text.len() && !text[end].is_whitespace() {
                end += 1;
            }
            count += 1;
            if count < words {
                while end < text.len() && text[end].is_whitespace() && text[end] != '\n' {
                    end += 1;
                }
            }
        }
        // Trim punctuation-only tails (a reader selects words).
        if count == words && end > start + 1 {
            return Some(start..end);
        }
    }
    None
}

fn random_sentence(rng: &mut Rng, words: &[&str], len: usize) -> String {
    let mut s: Vec<&str> = (0..len).map(|_| *rng.pick(words)).collect();
    if s.is_empty() {
        s.push("word");
    }
    format!("{}.", s.join(" "))
}

/// A place at least `margin` chars away from `avoid`, at a word boundary.
fn place_outside(text: &[char], avoid: &Range<usize>, margin: usize, rng: &mut Rng) -> usize {
    for _ in 0..100 {
        let mut at = rng.below(text.len() + 1);
        while at > 0 && at < text.len() && !text[at - 1].is_whitespace() {
            at -= 1;
        }
        if at + margin <= avoid.start || at >= avoid.end + margin {
            return at;
        }
    }
    if avoid.start > margin { 0 } else { text.len() }
}

/// Builds `per_kind` cases of every kind over `originals`.
pub fn build_cases(originals: &[String], per_kind: usize, seed: u64) -> Vec<Case> {
    let mut rng = Rng::new(seed);
    let vocabulary: Vec<String> = bundled_articles()
        .join(" ")
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let words: Vec<&str> = vocabulary.iter().map(String::as_str).collect();
    let mut cases = Vec::new();
    for kind in Kind::ALL {
        let mut made = 0;
        let mut attempts = 0;
        while made < per_kind && attempts < per_kind * 20 {
            attempts += 1;
            let original = rng.pick(originals);
            let text = chars(original);
            // Mostly passages of 3+ words; some one- and two-word ones (the hard cases).
            let n_words = match rng.below(10) {
                0 => 1,
                1 => 2,
                2..=6 => 3 + rng.below(8),
                _ => 10 + rng.below(30),
            };
            let n_words = if kind == Kind::WordInRewrittenSentence {
                1
            } else {
                n_words
            };
            let Some(quote) = pick_passage(&text, &mut rng, n_words) else {
                continue;
            };
            if matches!(kind, Kind::TypoInside | Kind::TyposFixed) && n_words < 3 {
                continue;
            }
            let article = Article::from_text("case.txt", original.clone(), None);
            let annotation = Annotation::new(&article, quote.clone(), Color::Yellow);
            // A passage with an identical twin — the same words with the same 32 characters
            // either side — cannot be told from it by anything stored (not by gloss, not by
            // Hypothesis): its truth after an edit is a coin toss, so it is not a case.
            let q = &annotation.quote;
            let needle = format!("{}{}{}", q.prefix, q.exact, q.suffix);
            if original.matches(&needle).nth(1).is_some() {
                continue;
            }
            let Some((edited, truth)) = apply_edit(kind, &text, &quote, &mut rng, &words) else {
                continue;
            };
            let edited_text = if kind == Kind::LineEndingsAndRewrap {
                // Saved with Windows line ends: decoding normalises them back.
                let crlf = edited.replace('\n', "\r\n");
                gloss::text::decode(crlf.as_bytes()).unwrap().text
            } else {
                edited
            };
            let quote_words = annotation.quote.exact.split_whitespace().count();
            cases.push(Case {
                kind,
                annotation,
                edited: Article::from_text("case.txt", edited_text, None),
                truth,
                quote_words,
            });
            made += 1;
        }
    }
    cases
}

/// Applies one edit of `kind`; returns the new text and the passage's true new range.
fn apply_edit(
    kind: Kind,
    text: &[char],
    quote: &Range<usize>,
    rng: &mut Rng,
    words: &[&str],
) -> Option<(String, Option<Range<usize>>)> {
    let shift = |r: &Range<usize>, at: usize, delta: isize| -> Range<usize> {
        if at <= r.start {
            (r.start as isize + delta) as usize..(r.end as isize + delta) as usize
        } else {
            r.clone()
        }
    };
    match kind {
        Kind::InsertElsewhere => {
            let at = place_outside(text, quote, 0, rng);
            let n = 5 + rng.below(30);
            let insert = format!("{} ", random_sentence(rng, words, n));
            let mut out = text.to_vec();
            out.splice(at..at, insert.chars());
            Some((
                string(&out),
                Some(shift(quote, at, insert.chars().count() as isize)),
            ))
        }
        Kind::DeleteElsewhere => {
            let at = place_outside(text, quote, 0, rng);
            let len = 5 + rng.below(200);
            let end = (at + len).min(text.len());
            // A deletion starting at or before the quote must stop where the quote starts.
            let end = if at <= quote.start {
                end.min(quote.start)
            } else {
                end
            };
            if end <= at {
                return None;
            }
            let mut out = text.to_vec();
            out.drain(at..end);
            let delta = -((end - at) as isize);
            Some((string(&out), Some(shift(quote, at, delta))))
        }
        Kind::TypoInside => {
            // Change one letter inside the quote (a correction, or a new typo).
            let letters: Vec<usize> = (quote.start..quote.end)
                .filter(|&i| text[i].is_alphabetic())
                .collect();
            if letters.is_empty() {
                return None; // a passage of figures and signs has no letter to change
            }
            let i = *rng.pick(&letters);
            let mut out = text.to_vec();
            let replacement = if text[i] == 'e' { 'a' } else { 'e' };
            out[i] = replacement;
            Some((string(&out), Some(quote.clone())))
        }
        Kind::PassageDeleted => {
            let mut out = text.to_vec();
            out.drain(quote.clone());
            Some((string(&out), None))
        }
        Kind::PassageRewritten => {
            let n = quote.len() / 6 + 1;
            let new = random_sentence(rng, words, n);
            // A rewrite that happens to contain the old words is not a rewrite.
            if new.contains(string(&text[quote.clone()]).as_str()) {
                return None;
            }
            let mut out = text.to_vec();
            out.splice(quote.clone(), new.chars());
            Some((string(&out), None))
        }
        Kind::DuplicatedElsewhere => {
            // The same words appear again elsewhere (a pull quote, a repeated line).
            let at = place_outside(text, quote, 200, rng);
            let copy = format!("{} ", string(&text[quote.clone()]));
            let mut out = text.to_vec();
            out.splice(at..at, copy.chars());
            Some((
                string(&out),
                Some(shift(quote, at, copy.chars().count() as isize)),
            ))
        }
        Kind::LineEndingsAndRewrap => {
            // Re-wrap at ~60 columns: spaces become line breaks and line breaks inside
            // paragraphs become spaces (length-preserving), then saved with CRLF.
            let mut out = text.to_vec();
            let mut col = 0;
            for i in 0..out.len() {
                let paragraph_break = out[i] == '\n'
                    && (i + 1 < out.len() && out[i + 1] == '\n' || i > 0 && out[i - 1] == '\n');
                if out[i] == '\n' && !paragraph_break {
                    out[i] = ' ';
                }
                if out[i] == '\n' {
                    col = 0;
                } else if out[i] == ' ' && col > 60 {
                    out[i] = '\n';
                    col = 0;
                } else {
                    col += 1;
                }
            }
            Some((string(&out), Some(quote.clone())))
        }
        Kind::CurlyQuotes => {
            let mut out = text.to_vec();
            let mut open = true;
            for c in out.iter_mut() {
                *c = match *c {
                    '\'' => '’',
                    '"' => {
                        open = !open;
                        if open { '”' } else { '“' }
                    }
                    other => other,
                };
            }
            Some((string(&out), Some(quote.clone())))
        }
        Kind::MovedFar => {
            // The paragraph-sized stretch around the passage, moved at least 20,000 chars.
            let from = quote.start.saturating_sub(60);
            let to = (quote.end + 60).min(text.len());
            let block: Vec<char> = text[from..to].to_vec();
            let mut out = text.to_vec();
            out.drain(from..to);
            let candidates: Vec<usize> = (0..out.len())
                .filter(|&i| i.abs_diff(from) >= 20_000 && (i == 0 || out[i - 1] == ' '))
                .collect();
            if candidates.is_empty() {
                return None;
            }
            let at = *rng.pick(&candidates);
            out.splice(at..at, block.iter().copied());
            let start = at + (quote.start - from);
            Some((string(&out), Some(start..start + quote.len())))
        }
        Kind::TyposFixed => {
            // Between a tenth and a third of the quote's letters replaced, one for one.
            let letters: Vec<usize> = (quote.start..quote.end)
                .filter(|&i| text[i].is_alphabetic())
                .collect();
            if letters.len() < 9 {
                return None;
            }
            let share = 10 + rng.below(24); // percent of the quote's chars
            let n = (quote.len() * share / 100).clamp(1, letters.len());
            let mut out = text.to_vec();
            for _ in 0..n {
                let i = *rng.pick(&letters);
                out[i] = if text[i] == 'e' { 'a' } else { 'e' };
            }
            Some((string(&out), Some(quote.clone())))
        }
        Kind::WordInRewrittenSentence => {
            // Three words either side of the one-word passage replaced by others.
            let mut before = quote.start;
            for _ in 0..3 {
                while before > 0 && text[before - 1] == ' ' {
                    before -= 1;
                }
                while before > 0 && !text[before - 1].is_whitespace() {
                    before -= 1;
                }
            }
            let mut after = quote.end;
            for _ in 0..3 {
                while after < text.len() && text[after] == ' ' {
                    after += 1;
                }
                while after < text.len() && !text[after].is_whitespace() {
                    after += 1;
                }
            }
            if before == quote.start || after == quote.end {
                return None;
            }
            let new_before = format!("{} ", random_sentence(rng, words, 3).trim_end_matches('.'));
            let new_after = format!(" {}", random_sentence(rng, words, 3).trim_end_matches('.'));
            let mut out: Vec<char> = text[..before].to_vec();
            out.extend(new_before.chars());
            let start = out.len();
            out.extend(text[quote.clone()].iter().copied());
            let end = out.len();
            out.extend(new_after.chars());
            out.extend(text[after..].iter().copied());
            Some((string(&out), Some(start..end)))
        }
        Kind::ManyEditsAround => {
            // A correction pass: several insertions and deletions, some next to the quote.
            let mut out = text.to_vec();
            let mut truth = quote.clone();
            for _ in 0..(3 + rng.below(6)) {
                let near = rng.chance(40);
                let at = if near {
                    if rng.chance(50) {
                        truth.start.saturating_sub(1 + rng.below(20))
                    } else {
                        (truth.end + 1 + rng.below(20)).min(out.len())
                    }
                } else {
                    place_outside(&out, &truth, 0, rng)
                };
                // Editors change whole words: snap to the start of a word.
                let mut at = at.min(out.len());
                while at > 0 && at < out.len() && !out[at - 1].is_whitespace() {
                    at -= 1;
                }
                if at > truth.start && at < truth.end {
                    continue;
                }
                if rng.chance(50) {
                    let n = 2 + rng.below(10);
                    let insert = format!(" {}", random_sentence(rng, words, n));
                    let n = insert.chars().count() as isize;
                    out.splice(at..at, insert.chars());
                    truth = shift(&truth, at, n);
                } else {
                    let mut end = (at + 1 + rng.below(40)).min(out.len());
                    while end < out.len() && !out[end].is_whitespace() {
                        end += 1; // to the end of a word
                    }
                    let end = if at <= truth.start {
                        end.min(truth.start)
                    } else {
                        end
                    };
                    if end <= at {
                        continue;
                    }
                    out.drain(at..end);
                    truth = shift(&truth, at, -((end - at) as isize));
                }
            }
            Some((string(&out), Some(truth)))
        }
    }
}

/// The outcome of one case for one matcher.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Anchored where the passage is.
    Correct,
    /// Anchored somewhere the passage is not (or anchored although it is gone).
    Wrong,
    /// Orphaned although the passage is there.
    Missed,
    /// Orphaned, and the passage is indeed gone.
    RightlyOrphaned,
}

/// Judges an anchor against the truth. An approximate match may differ by a couple of chars
/// at its edges (where a changed char sits), nothing more.
pub fn judge(found: Option<Range<usize>>, truth: &Option<Range<usize>>) -> Outcome {
    match (found, truth) {
        (None, None) => Outcome::RightlyOrphaned,
        (None, Some(_)) => Outcome::Missed,
        (Some(_), None) => Outcome::Wrong,
        (Some(f), Some(t)) => {
            if f.start.abs_diff(t.start) <= 2 && f.end.abs_diff(t.end) <= 2 {
                Outcome::Correct
            } else {
                Outcome::Wrong
            }
        }
    }
}

/// gloss's matcher.
pub fn gloss_anchor(case: &Case, cache: &mut NormCache) -> Option<Range<usize>> {
    let sel = Selectors::of(&case.annotation);
    let sel = Selectors {
        article_hash: "",
        ..sel
    };
    match anchor::locate_selectors(&case.edited, &sel, cache) {
        Anchor::Orphan => None,
        a => a.range(),
    }
}

/// Hypothesis's rule (its `match-quote.js`): exact occurrences if any, else approximate
/// matches with up to half the quote's length in errors; every match is scored
/// 50·quote + 20·prefix + 20·suffix + 2·position and the best is taken, whatever its score.
/// Works on the raw text, as Hypothesis does.
pub fn hypothesis_anchor(case: &Case) -> Option<Range<usize>> {
    let text = &case.edited.text;
    let quote = &case.annotation.quote;
    let hint = case.annotation.position.start;
    let bytes = text.as_bytes();
    let q = quote.exact.as_bytes();
    if q.is_empty() {
        return None;
    }
    let mut matches: Vec<(usize, usize, usize)> = text
        .match_indices(quote.exact.as_str())
        .map(|(at, _)| (at, at + q.len(), 0))
        .collect();
    if matches.is_empty() {
        let max_errors = (q.len() / 2).min(256);
        let ends = myers::search(&myers::Pattern::new(q), bytes, max_errors);
        // Like approx-string-match, report each local best end with its start.
        let mut last_end = None::<usize>;
        for e in ends {
            if last_end.is_some_and(|l| e.end <= l + 1) {
                last_end = Some(e.end);
                if let Some(m) = matches.last_mut()
                    && e.distance < m.2
                {
                    let (start, d) = myers::start_of_match(q, bytes, e.end, max_errors);
                    *m = (start, e.end, d);
                }
                continue;
            }
            last_end = Some(e.end);
            let (start, d) = myers::start_of_match(q, bytes, e.end, max_errors);
            matches.push((start, e.end, d));
        }
    }
    // Myers works on bytes; snap matches to char boundaries before slicing.
    for m in matches.iter_mut() {
        m.0 = floor(text, m.0);
        m.1 = ceil(text, m.1);
    }
    let hint_byte = gloss::text::byte_offset_of_char(text, hint);
    let score = |&(start, end, errors): &(usize, usize, usize)| -> f64 {
        let quote_score = 1.0 - errors as f64 / q.len() as f64;
        let prefix_score = if quote.prefix.is_empty() {
            1.0
        } else {
            let from = floor(text, start.saturating_sub(quote.prefix.len()));
            text_match_score(&text[from..start.max(from)], &quote.prefix)
        };
        let suffix_score = if quote.suffix.is_empty() {
            1.0
        } else {
            let to = ceil(text, (end + quote.suffix.len()).min(text.len()));
            text_match_score(&text[end.min(to)..to], &quote.suffix)
        };
        let pos_score = 1.0 - start.abs_diff(hint_byte) as f64 / text.len().max(1) as f64;
        (50.0 * quote_score + 20.0 * prefix_score + 20.0 * suffix_score + 2.0 * pos_score) / 92.0
    };
    let best = matches
        .iter()
        .max_by(|a, b| score(a).total_cmp(&score(b)))?;
    let (start, end) = (floor(text, best.0), ceil(text, best.1));
    let start_char = text[..start].chars().count();
    let end_char = start_char + text[start..end].chars().count();
    Some(start_char..end_char)
}

fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// 1 − edits/length of the best alignment of `expected` inside `actual` (Hypothesis's
/// `textMatchScore`).
fn text_match_score(actual: &str, expected: &str) -> f64 {
    if expected.is_empty() {
        return 1.0;
    }
    let e = expected.as_bytes();
    let ends = myers::search(&myers::Pattern::new(e), actual.as_bytes(), e.len());
    let best = ends.iter().map(|m| m.distance).min().unwrap_or(e.len());
    1.0 - best as f64 / e.len() as f64
}
