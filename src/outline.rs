//! An article's outline: its headings (Markdown, web pages) or its chapters (plain-text books),
//! each with where it starts, so a reader of a long text can jump by them.
//!
//! A plain-text book has no markup: a chapter is a short paragraph of its own that opens with
//! a chapter word and a number ("CHAPTER IV.", "Chapter 12", "BOOK TWO", "Letter 3"), or is a
//! lone roman numeral ("XII."), or one of the few words that stand alone ("PREFACE",
//! "EPILOGUE"). A sentence that begins with "Part of…" or "Act now" is not one: a chapter word
//! must be followed by a number, and the paragraph must be short.

use crate::document::{BlockKind, Document};
use crate::text::Paragraphs;

/// One entry of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 is the outermost (a book's parts, a page's title); deeper levels nest under it.
    pub level: u8,
    /// The heading's text, on one line.
    pub title: String,
    /// Its first char in the article's text.
    pub start: usize,
}

/// The longest paragraph (in chars) read as a chapter heading.
const MAX_HEADING_CHARS: usize = 80;

/// The longest line (in chars) read as a chapter's name under its number.
const MAX_TITLE_LINE_CHARS: usize = 60;

/// Words that open a chapter heading when a number follows them, and their level.
const NUMBERED: &[(&str, u8)] = &[
    ("volume", 1),
    ("book", 1),
    ("part", 1),
    ("act", 1),
    ("chapter", 2),
    ("letter", 2),
    ("scene", 2),
    ("stave", 2),
    ("canto", 2),
    ("section", 2),
];

/// Words that are a heading by themselves.
const ALONE: &[&str] = &[
    "preface",
    "foreword",
    "introduction",
    "prologue",
    "epilogue",
    "afterword",
    "contents",
    "appendix",
    "conclusion",
];

/// Number words a chapter may be counted in.
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "last", "the",
];

/// The outline of an article's text (with its paragraphs, and its document when it is a
/// rendered one): the document's headings, else the chapters of the text.
pub fn of(text: &str, paragraphs: &Paragraphs, document: Option<&Document>) -> Vec<Heading> {
    match document {
        // The file's own contents (an EPUB's navigation, a PDF's bookmarks) when it has one.
        Some(doc) if !doc.toc.is_empty() => doc
            .toc
            .iter()
            .map(|e| Heading {
                level: e.level,
                title: e.title.clone(),
                start: e.start,
            })
            .collect(),
        Some(doc) => doc
            .blocks
            .iter()
            .filter_map(|b| match b.kind {
                BlockKind::Heading(level) => Some(Heading {
                    level,
                    title: one_line(&slice(text, b.range.clone())),
                    start: b.range.start,
                }),
                _ => None,
            })
            .collect(),
        None => chapters(text, paragraphs),
    }
}

fn chapters(text: &str, paragraphs: &Paragraphs) -> Vec<Heading> {
    let short = |i: usize, most: usize| {
        paragraphs
            .get(i)
            .filter(|p| !p.is_empty() && p.char_len() <= most && !p.continues)
    };
    let mut out = Vec::new();
    for i in 0..paragraphs.len() {
        let Some(p) = short(i, MAX_HEADING_CHARS) else {
            continue;
        };
        let mut title = one_line(&p.display_text(text));
        let Some(level) = chapter_level(&title) else {
            continue;
        };
        // "CHAPTER I." with its name on the next line ("Down the Rabbit-Hole"), no blank
        // line between: one heading.
        if let Some(next) = short(i + 1, MAX_TITLE_LINE_CHARS)
            .filter(|n| n.start_char == p.end_char + 1)
            .map(|n| one_line(&n.display_text(text)))
            .filter(|n| chapter_level(n).is_none())
        {
            title = format!("{title} {next}");
        }
        out.push(Heading {
            level,
            title,
            start: p.start_char,
        });
    }
    out
}

/// The level of a paragraph that reads as a chapter heading, if it does.
fn chapter_level(line: &str) -> Option<u8> {
    let words: Vec<String> = line
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let first = words.first()?;
    if words.len() <= 2 && ALONE.contains(&first.as_str()) {
        return Some(2);
    }
    if words.len() == 1 && is_roman(first) && line.chars().any(|c| c.is_uppercase()) {
        return Some(2);
    }
    let (_, level) = NUMBERED.iter().find(|(w, _)| w == first)?;
    let second = words.get(1)?;
    let numbered = second.chars().all(|c| c.is_ascii_digit())
        || is_roman(second)
        || NUMBER_WORDS.contains(&second.as_str());
    // "Chapter the Last" is a heading, "Part the way" is not.
    let numbered = numbered && (second != "the" || words.get(2).is_some_and(|w| w == "last"));
    // A sentence starting "Book 2 is…" runs on: a heading is short.
    (numbered && words.len() <= 12).then_some(*level)
}

fn is_roman(w: &str) -> bool {
    !w.is_empty() && w.len() <= 7 && w.chars().all(|c| "ivxlc".contains(c))
}

fn slice(text: &str, range: std::ops::Range<usize>) -> String {
    text.chars()
        .skip(range.start)
        .take(range.end - range.start)
        .collect()
}

fn one_line(s: &str) -> String {
    s.split_whitespace()
        .map(|w| w.trim_matches('\u{200B}'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(text: &str) -> Vec<(u8, String)> {
        of(text, &Paragraphs::new(text), None)
            .into_iter()
            .map(|h| (h.level, h.title))
            .collect()
    }

    #[test]
    fn a_plain_text_book_has_its_parts_and_chapters_and_no_sentences() {
        let book = "THE TALE\n\nPREFACE\n\nA word first.\n\nBOOK ONE\n\nCHAPTER I.\n\
                    Down the Hole\n\nIt was a day. Part of the problem was the rain.\n\n\
                    Chapter 2\n\nAct now, she said.\n\nII.\n\nThe book is on the table.\n\n\
                    Chapter the Last\n\nEnd.\n";
        assert_eq!(
            titles(book),
            vec![
                (2, "PREFACE".into()),
                (1, "BOOK ONE".into()),
                (2, "CHAPTER I. Down the Hole".into()),
                (2, "Chapter 2".into()),
                (2, "II.".into()),
                (2, "Chapter the Last".into()),
            ]
        );
    }

    #[test]
    fn a_document_has_its_headings_with_their_places() {
        let md = "# Title\n\nText.\n\n## One\n\nMore.\n\n### Deeper\n";
        let doc = crate::document::markdown::render(md);
        let outline = of(&doc.text, &Paragraphs::unwrapped(&doc.text), Some(&doc));
        let got: Vec<(u8, &str)> = outline
            .iter()
            .map(|h| (h.level, h.title.as_str()))
            .collect();
        assert_eq!(got, vec![(1, "Title"), (2, "One"), (3, "Deeper")]);
        let at: String = doc.text.chars().skip(outline[1].start).take(3).collect();
        assert_eq!(at, "One");
    }

    #[test]
    fn a_news_article_has_no_outline() {
        let news = "Boris Johnson to visit Russia\n\nBBC\n\nThe foreign secretary will travel to \
                    Moscow.\n\nPart of the talks will cover cyber attacks.\n";
        assert!(titles(news).is_empty());
    }
}
