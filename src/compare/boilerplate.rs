//! Boilerplate: text that most articles of a corpus share (a comment-widget prompt, a byline
//! template, "Sign up to our newsletter"). Two articles that both carry it do not tell the same
//! thing there, so a pair made of it is dropped.
//!
//! A passage is boilerplate when most of its 6-word shingles occur in at least half of the
//! *other* articles of the corpus (at least two of them): a real shared passage between two
//! reports is rare across a whole corpus; a template is everywhere.

use std::collections::{HashMap, HashSet};

/// Words per shingle.
const SHINGLE: usize = 6;

/// The shingles of the corpus's articles, for telling boilerplate apart.
pub struct Boilerplate {
    /// Shingle hash → in how many articles it occurs.
    spread: HashMap<u64, u32>,
    articles: u32,
}

impl Boilerplate {
    /// Counts the shingles of `texts` (the whole corpus).
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> Boilerplate {
        let mut spread: HashMap<u64, u32> = HashMap::new();
        let mut articles = 0;
        for text in texts {
            articles += 1;
            let unique: HashSet<u64> = shingles(text).into_iter().collect();
            for s in unique {
                *spread.entry(s).or_default() += 1;
            }
        }
        Boilerplate { spread, articles }
    }

    /// Whether `passage`, found in two articles, is mostly text that at least half of the
    /// other articles carry too.
    pub fn is_boilerplate(&self, passage: &str) -> bool {
        let others = self.articles.saturating_sub(2);
        if others < 2 {
            return false;
        }
        let own = shingles(passage);
        if own.is_empty() {
            return false;
        }
        let common = own
            .iter()
            .filter(|s| {
                // The two articles of the pair carry it; how many others do?
                let elsewhere = self.spread.get(s).copied().unwrap_or(0).saturating_sub(2);
                elsewhere * 2 >= others
            })
            .count();
        common * 2 > own.len()
    }
}

fn shingles(text: &str) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words
        .windows(SHINGLE)
        .map(|w| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIDGET: &str = "Join the conversation and share your views on this story with other \
                          readers in the comments below";

    #[test]
    fn text_most_articles_carry_is_boilerplate_and_a_shared_report_is_not() {
        let shared = "The minister flew to Moscow on Friday for talks about cyber attacks \
                      and election interference";
        let a = format!("First report. {shared}. {WIDGET}.");
        let b = format!("Second report. {shared}. {WIDGET}.");
        let others: Vec<String> = (0..4)
            .map(|i| format!("Unrelated story number {i} about gardens and trains. {WIDGET}."))
            .collect();
        let all: Vec<&str> = [a.as_str(), b.as_str()]
            .into_iter()
            .chain(others.iter().map(String::as_str))
            .collect();
        let bp = Boilerplate::new(all);
        assert!(bp.is_boilerplate(WIDGET));
        assert!(!bp.is_boilerplate(shared));
    }

    #[test]
    fn with_two_articles_nothing_is_boilerplate() {
        let bp = Boilerplate::new([WIDGET, WIDGET]);
        assert!(!bp.is_boilerplate(WIDGET));
    }
}
