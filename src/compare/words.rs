//! Articles as sequences of words for comparison: each word with its char span in the text,
//! an id shared by both articles, and a weight that says how much sharing it means.
//!
//! Words are runs of letters and digits (an apostrophe inside a word belongs to it), compared
//! lowercased with typographic apostrophes folded, so "Russia’s" and "russia's" are one word.
//! Weights follow rarity across the two texts (minus the log of the word's share of all
//! words), and English function words weigh almost nothing: "the" counts for nothing, a name
//! that occurs once in each text counts most. A
//! short *stem* (the first five letters) lets spellings of one name (Sergey / Sergei) and
//! inflections (warn / warned) count as a partial match.

use std::collections::HashMap;
use std::ops::Range;

/// One word of an article.
#[derive(Debug, Clone)]
pub struct Word {
    pub id: u32,
    pub stem: u32,
    /// Char range in the article text.
    pub span: Range<usize>,
}

/// Both articles' words with shared ids, and each id's weight.
pub struct Vocabulary {
    pub a: Vec<Word>,
    pub b: Vec<Word>,
    pub weight: Vec<f32>,
    /// How often each id occurs in each text.
    pub count_a: Vec<u32>,
    pub count_b: Vec<u32>,
}

/// English function words (sorted): they carry no evidence that two passages say the same.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has",
    "have", "he", "her", "him", "his", "i", "if", "in", "into", "is", "it", "its", "more", "most",
    "no", "not", "of", "on", "one", "only", "or", "other", "our", "out", "over", "said", "says",
    "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "to", "up", "was", "we", "were", "what", "when", "which",
    "who", "will", "with", "would", "you",
];

impl Vocabulary {
    pub fn new(a: &str, b: &str) -> Vocabulary {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut stems: HashMap<String, u32> = HashMap::new();
        let a = words(a, &mut ids, &mut stems);
        let b = words(b, &mut ids, &mut stems);
        let n = ids.len();
        let mut count_a = vec![0u32; n];
        let mut count_b = vec![0u32; n];
        for w in &a {
            count_a[w.id as usize] += 1;
        }
        for w in &b {
            count_b[w.id as usize] += 1;
        }
        // Rarity across both texts; function words weigh almost nothing however rare.
        let total = (a.len() + b.len()).max(1) as f32;
        let mut text_of: Vec<&str> = vec![""; n];
        for (word, &id) in &ids {
            text_of[id as usize] = word.as_str();
        }
        let weight = (0..n)
            .map(|id| {
                if STOP_WORDS.binary_search(&text_of[id]).is_ok() {
                    return 0.1;
                }
                let share = (count_a[id] + count_b[id]) as f32 / total;
                (-share.ln() - 1.5).clamp(0.4, 4.0)
            })
            .collect();
        Vocabulary {
            a,
            b,
            weight,
            count_a,
            count_b,
        }
    }

    pub fn weight_of(&self, w: &Word) -> f32 {
        self.weight[w.id as usize]
    }
}

fn words(
    text: &str,
    ids: &mut HashMap<String, u32>,
    stems: &mut HashMap<String, u32>,
) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    let chars: Vec<char> = text.chars().collect();
    let mut flush = |current: &mut String, start: usize, end: usize, out: &mut Vec<Word>| {
        if current.is_empty() {
            return;
        }
        let word = std::mem::take(current);
        let word = word.trim_end_matches('\'').to_owned();
        let next = ids.len() as u32;
        let id = *ids.entry(word.clone()).or_insert(next);
        let stem_text: String = word.chars().take(5).collect();
        let next_stem = stems.len() as u32;
        let stem = *stems.entry(stem_text).or_insert(next_stem);
        out.push(Word {
            id,
            stem,
            span: start..end,
        });
    };
    for (i, &c) in chars.iter().enumerate() {
        let c = if c == '\u{2019}' || c == '\u{2018}' {
            '\''
        } else {
            c
        };
        let inside_apostrophe = c == '\''
            && prev.is_some_and(char::is_alphanumeric)
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if c.is_alphanumeric() || inside_apostrophe {
            if current.is_empty() {
                start = i;
            }
            current.extend(c.to_lowercase());
        } else {
            flush(&mut current, start, i, &mut out);
        }
        prev = Some(c);
    }
    flush(&mut current, start, chars.len(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_carry_char_spans_and_fold_case_and_apostrophes() {
        let v = Vocabulary::new("Russia’s envoy — “Sergey”", "russia's ENVOY Sergei");
        let spans: Vec<_> = v.a.iter().map(|w| w.span.clone()).collect();
        assert_eq!(spans, vec![0..8, 9..14, 18..24]);
        assert_eq!(v.a[0].id, v.b[0].id, "Russia’s = russia's");
        assert_eq!(v.a[1].id, v.b[1].id);
        assert_ne!(v.a[2].id, v.b[2].id);
        assert_eq!(v.a[2].stem, v.b[2].stem, "Sergey / Sergei share a stem");
    }

    #[test]
    fn the_stop_word_list_is_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn common_words_weigh_less_than_rare_ones() {
        let a = "the cat and the dog and the bird ".repeat(100) + "zygote";
        let b = "the fish and the frog ".repeat(100) + "zygote";
        let v = Vocabulary::new(&a, &b);
        let w = |word: &str| {
            let x = v.a.iter().find(|w| &a[w.span.clone()] == word).unwrap();
            v.weight_of(x)
        };
        assert!(
            w("zygote") > 4.0 * w("the"),
            "{} vs {}",
            w("zygote"),
            w("the")
        );
        assert!(
            w("zygote") > 2.0 * w("cat"),
            "{} vs {}",
            w("zygote"),
            w("cat")
        );
    }
}
