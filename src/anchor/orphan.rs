//! Why a highlight is an orphan, in words a reader can act on: its words are gone from the
//! article (deleted or rewritten), or they are there but nothing decides which place is the
//! passage — then the places are offered, and the reader picks one to re-attach it.
//!
//! A reader cannot otherwise tell an orphan caused by a bug from one whose words are really
//! gone; and where the words stand several times, the reader (who knows the text) can decide
//! what the stored context could not.

use std::ops::Range;

use crate::corpus::Article;

/// Places offered at most (a common phrase may stand hundreds of times).
pub const MAX_CANDIDATES: usize = 12;

/// Why an annotation did not anchor in its article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Orphaned {
    /// The quoted words are not in the article any more (deleted or rewritten).
    WordsGone,
    /// The words stand in the article (`count` times; the first places, as char ranges, in
    /// `places`), but their stored context, changed around them, decides none of them.
    Undecided {
        count: usize,
        places: Vec<Range<usize>>,
    },
}

impl std::fmt::Display for Orphaned {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Orphaned::WordsGone => {
                write!(
                    f,
                    "its words are not in the article any more (deleted or rewritten)"
                )
            }
            Orphaned::Undecided { count: 1, .. } => write!(
                f,
                "its words are in the article once, but the text around them changed too much \
                 to be sure it is the passage"
            ),
            Orphaned::Undecided { count, .. } => write!(
                f,
                "its words are in the article {count} times, and nothing decides which is the \
                 passage"
            ),
        }
    }
}

/// Why `quote` did not anchor in `article`: where its exact words stand now, if anywhere.
pub fn why(article: &Article, quote: &str) -> Orphaned {
    let quote = quote.trim();
    if quote.is_empty() {
        return Orphaned::WordsGone;
    }
    let text = &*article.text;
    let mut count = 0;
    let mut places = Vec::new();
    // Char offsets counted along the way, once through the text.
    let (mut byte, mut chars) = (0, 0);
    let len = quote.chars().count();
    for at in memchr::memmem::find_iter(text.as_bytes(), quote.as_bytes()) {
        count += 1;
        if places.len() < MAX_CANDIDATES {
            chars += text[byte..at].chars().count();
            byte = at;
            places.push(chars..chars + len);
        }
    }
    if count == 0 {
        Orphaned::WordsGone
    } else {
        Orphaned::Undecided { count, places }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_orphan_says_whether_its_words_are_gone_or_where_they_stand() {
        let article = Article::from_text(
            "a.txt",
            "Écoutez. The talks were frank.\n\nLater the talks were frank again.".into(),
            None,
        );
        assert_eq!(why(&article, "cordial talks"), Orphaned::WordsGone);
        let Orphaned::Undecided { count, places } = why(&article, "talks were frank") else {
            panic!("found")
        };
        assert_eq!(count, 2);
        for p in &places {
            assert_eq!(article.slice(p.clone()), "talks were frank");
        }
        assert!(
            why(&article, "talks were frank")
                .to_string()
                .contains("2 times")
        );
    }
}
