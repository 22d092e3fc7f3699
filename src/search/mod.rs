//! Finding a phrase: in one article (the find bar), in every article and every note of a
//! corpus (search everywhere, `gloss search`).
//!
//! Text and query are folded alike ([`fold`]: case unless asked, accents, quotes, white space)
//! and the folded query is looked for with `memchr`'s substring search; each match is mapped
//! back to a char range of the original text. Matches do not overlap: after one, the search
//! goes on at its end. *Whole word* keeps only matches with no letter or digit just before or
//! just after them.

pub mod corpus_search;
pub mod fold;

use std::ops::Range;

pub use corpus_search::{AnnotationHit, Field, Hit, Keep, SearchResults, search_corpus};
pub use fold::{Folded, fold, fold_query};

/// How to match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    pub match_case: bool,
    pub whole_word: bool,
}

/// Every non-overlapping match of `query` in a folded text, as char ranges of the original.
/// An empty (or all-white-space) query matches nothing.
pub fn find_all(folded: &Folded, query: &str, options: Options) -> Vec<Range<usize>> {
    let q = fold_query(query, options.match_case);
    if q.trim().is_empty() {
        return Vec::new();
    }
    find_folded(folded, &q, options.whole_word)
}

/// [`find_all`] with the query already folded (for many texts, one query).
pub fn find_folded(folded: &Folded, q: &str, whole_word: bool) -> Vec<Range<usize>> {
    find_folded_capped(folded, q, whole_word, usize::MAX).0
}

/// [`find_folded`], keeping at most `keep` matches (the first ones) but counting all: a
/// search for "a" in 20 MB has millions, and holding them all took gigabytes. Returns the
/// kept matches and the count of all.
pub fn find_folded_capped(
    folded: &Folded,
    q: &str,
    whole_word: bool,
    keep: usize,
) -> (Vec<Range<usize>>, usize) {
    let hay = folded.text.as_bytes();
    let finder = memchr::memmem::Finder::new(q.as_bytes());
    let mut out = Vec::new();
    let mut count = 0;
    let mut from = 0;
    while from <= hay.len() {
        let Some(at) = finder.find(&hay[from..]) else {
            break;
        };
        let start = from + at;
        let end = start + q.len();
        if whole_word && !at_word_edges(&folded.text, start, end) {
            // Try again one char further on.
            from = start
                + folded.text[start..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
            continue;
        }
        count += 1;
        if out.len() < keep {
            out.push(folded.original(start..end));
        }
        from = end;
    }
    (out, count)
}

/// Whether folded bytes `start..end` have no letter or digit just before or just after.
fn at_word_edges(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    // An edge only counts where the match itself starts or ends with a word char.
    !(word(first) && word(before) || word(last) && word(after))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slices(text: &str, query: &str, options: Options) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        find_all(&fold(text, options.match_case), query, options)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn a_line_break_matches_a_space_and_matches_do_not_overlap() {
        let text = "cyber\nattacks and Cyber  attacks; aaa";
        assert_eq!(
            slices(text, "cyber attacks", Options::default()),
            ["cyber\nattacks", "Cyber  attacks"]
        );
        assert_eq!(slices(text, "aa", Options::default()), ["aa"]);
    }

    #[test]
    fn match_case_and_whole_word() {
        let text = "Russia, Russian and russia.";
        let case = Options {
            match_case: true,
            whole_word: false,
        };
        assert_eq!(slices(text, "Russia", case), ["Russia", "Russia"]);
        let word = Options {
            match_case: false,
            whole_word: true,
        };
        assert_eq!(slices(text, "russia", word), ["Russia", "russia"]);
        assert_eq!(slices(text, "ussia", word), Vec::<String>::new());
    }
}
