//! The annotation model: plain data, serialised as-is into `annotations.ron`.
//!
//! An annotation remembers *what* was highlighted twice over — as a quote with its context and
//! as a char position — so that it can be found again when the article changes (see
//! [`crate::anchor`]).

use serde::{Deserialize, Serialize};

/// How many chars of context the quote selector keeps on each side (as Hypothesis does).
pub const CONTEXT_CHARS: usize = 32;

/// The six highlight colours. Stored by name so the file stays readable and a theme can
/// render them differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Color {
    Yellow,
    Green,
    Blue,
    Pink,
    Purple,
    Orange,
}

impl Color {
    /// In keyboard order: key `1` picks `ALL[0]`.
    pub const ALL: [Color; 6] = [
        Color::Yellow,
        Color::Green,
        Color::Blue,
        Color::Pink,
        Color::Purple,
        Color::Orange,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Color::Yellow => "yellow",
            Color::Green => "green",
            Color::Blue => "blue",
            Color::Pink => "pink",
            Color::Purple => "purple",
            Color::Orange => "orange",
        }
    }

    pub fn from_name(name: &str) -> Option<Color> {
        Color::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// The highlighted text with up to [`CONTEXT_CHARS`] chars before and after it
/// (W3C `TextQuoteSelector`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct QuoteSelector {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// Char offsets into the normalised article text, end exclusive (W3C `TextPositionSelector`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PositionSelector {
    pub start: usize,
    pub end: usize,
}

impl PositionSelector {
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// A point in time, stored as RFC 3339 in UTC with millisecond precision.
pub type Timestamp = jiff::Timestamp;

/// The current time, rounded to milliseconds so that what is saved equals what is in memory.
pub fn now() -> Timestamp {
    jiff::Timestamp::now()
        .round(jiff::Unit::Millisecond)
        .unwrap_or_else(|_| jiff::Timestamp::now())
}

/// One highlight, with an optional note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// Stable and unique; a UUID for annotations made in gloss.
    pub id: String,
    /// File name of the article inside the corpus folder.
    pub article: String,
    pub quote: QuoteSelector,
    pub position: PositionSelector,
    pub color: Color,
    #[serde(default)]
    pub note: String,
    pub created: Timestamp,
    pub modified: Timestamp,
    /// Hash of the article text the selectors were made on ([`crate::corpus::Article::hash`]);
    /// empty when unknown (notes from format version 1). It lets an unchanged article anchor
    /// instantly and a renamed article be recognised by its content.
    #[serde(default)]
    pub article_hash: String,
    /// Free-form tags (kept from imported annotations, exported again).
    #[serde(default)]
    pub tags: Vec<String>,
    /// The quote as it was first made, kept when re-anchoring found the passage with changed
    /// text, so the reader can compare old and new.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_quote: Option<String>,
}

impl Annotation {
    /// A new highlight of `range` in `text` (the article's normalised text).
    pub fn new(
        article: &crate::corpus::Article,
        range: std::ops::Range<usize>,
        color: Color,
    ) -> Annotation {
        let at = now();
        Annotation {
            id: uuid::Uuid::new_v4().to_string(),
            article: article.file_name.clone(),
            quote: quote_selector(article, range.clone()),
            position: PositionSelector {
                start: range.start,
                end: range.end,
            },
            color,
            note: String::new(),
            created: at,
            modified: at,
            article_hash: article.hash.clone(),
            tags: Vec::new(),
            original_quote: None,
        }
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.position.range()
    }

    /// Deterministic order for the saved file and for reading order on screen.
    pub fn sort_key(&self) -> (&str, usize, usize, Timestamp, &str) {
        (
            &self.article,
            self.position.start,
            self.position.end,
            self.created,
            &self.id,
        )
    }
}

/// A tag as stored: trimmed, inner white space squashed; `None` for an empty one.
pub fn normalise_tag(tag: &str) -> Option<String> {
    let t = tag.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// A tag list as stored: each normalised, empty ones dropped, repeats dropped (first kept).
pub fn normalise_tags<'a>(tags: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags.into_iter().filter_map(normalise_tag) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Builds the quote selector of `range` in an article.
pub fn quote_selector(
    article: &crate::corpus::Article,
    range: std::ops::Range<usize>,
) -> QuoteSelector {
    let prefix_start = range.start.saturating_sub(CONTEXT_CHARS);
    let suffix_end = (range.end + CONTEXT_CHARS).min(article.char_len());
    QuoteSelector {
        exact: article.slice(range.clone()).to_owned(),
        prefix: article.slice(prefix_start..range.start).to_owned(),
        suffix: article.slice(range.end..suffix_end).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;

    #[test]
    fn quote_selector_keeps_32_chars_of_context() {
        let text = "a".repeat(40) + "QUOTE" + &"b".repeat(40);
        let article = Article::from_text("x.txt", text, None);
        let a = Annotation::new(&article, 40..45, Color::Green);
        assert_eq!(a.quote.exact, "QUOTE");
        assert_eq!(a.quote.prefix, "a".repeat(32));
        assert_eq!(a.quote.suffix, "b".repeat(32));
    }

    #[test]
    fn context_is_cut_at_the_article_edges() {
        let article = Article::from_text("x.txt", "ab😀cd".into(), None);
        let a = Annotation::new(&article, 2..3, Color::Yellow);
        assert_eq!(
            (a.quote.prefix.as_str(), a.quote.exact.as_str()),
            ("ab", "😀")
        );
        assert_eq!(a.quote.suffix, "cd");
    }
}
