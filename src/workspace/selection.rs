//! From a reader's selection to an annotation: the rules every front end shares.
//!
//! A selection is a char range of an article's text as the reader dragged it. Before it
//! becomes (or re-anchors) a highlight, white space at both ends is trimmed — a triple-click
//! picks up the paragraph break, and a highlight that starts on a blank line looks wrong and
//! anchors worse — and a selection of nothing but white space is refused with a reason, not
//! silently ignored. The quote and its context come from the article's current text.
//! Living here rather than in the UI, the same rules hold for the app, the CLI and the tests.

use std::ops::Range;

use super::Workspace;
use crate::annotation::{Annotation, Color, PositionSelector, quote_selector};
use crate::notebook::{Command, Refused};
use crate::text;

/// Why a selection did not become (or re-anchor) a highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelectionRefused {
    /// No article of that name is open.
    NoArticle(String),
    /// The selection is empty.
    Empty,
    /// The selection holds nothing but white space.
    OnlyWhiteSpace,
    /// The notebook refused the command (read-only, limits, no such annotation).
    Refused(Refused),
}

impl std::fmt::Display for SelectionRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SelectionRefused::NoArticle(name) => write!(f, "no article named {name}"),
            SelectionRefused::Empty => f.write_str("nothing is selected"),
            SelectionRefused::OnlyWhiteSpace => {
                f.write_str("Nothing to highlight: the selection is only white space.")
            }
            SelectionRefused::Refused(r) => write!(f, "{r}"),
        }
    }
}

impl std::error::Error for SelectionRefused {}

/// A highlight made from a selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlighted {
    pub id: String,
    /// The selection as highlighted, after trimming.
    pub range: Range<usize>,
}

impl Workspace {
    /// The selection trimmed of white space at both ends, as it would be highlighted.
    pub fn trimmed_selection(
        &self,
        article: &str,
        selection: Range<usize>,
    ) -> Result<Range<usize>, SelectionRefused> {
        let a = self
            .corpus
            .article(article)
            .ok_or_else(|| SelectionRefused::NoArticle(article.to_owned()))?;
        if selection.is_empty() {
            return Err(SelectionRefused::Empty);
        }
        let end = selection.end.min(a.char_len());
        text::trim_range(&a.text, &a.paragraphs, selection.start.min(end)..end)
            .ok_or(SelectionRefused::OnlyWhiteSpace)
    }

    /// Highlights a selection of `article` in `color` (one undoable command).
    pub fn highlight(
        &mut self,
        article: &str,
        selection: Range<usize>,
        color: Color,
    ) -> Result<Highlighted, SelectionRefused> {
        let range = self.trimmed_selection(article, selection)?;
        let a = self
            .corpus
            .article(article)
            .ok_or_else(|| SelectionRefused::NoArticle(article.to_owned()))?;
        let annotation = Annotation::new(a, range.clone(), color);
        let id = annotation.id.clone();
        self.apply(Command::Create(Box::new(annotation)))
            .map_err(SelectionRefused::Refused)?;
        Ok(Highlighted { id, range })
    }

    /// Attaches annotation `id` — typically one whose passage was lost — to a selection of
    /// `article` (one undoable command). The first quote is kept as its original.
    pub fn attach(
        &mut self,
        id: &str,
        article: &str,
        selection: Range<usize>,
    ) -> Result<Range<usize>, SelectionRefused> {
        let range = self.trimmed_selection(article, selection)?;
        let a = self
            .corpus
            .article(article)
            .ok_or_else(|| SelectionRefused::NoArticle(article.to_owned()))?;
        let command = Command::Retarget {
            id: id.to_owned(),
            article: a.file_name.clone(),
            quote: quote_selector(a, range.clone()),
            position: PositionSelector {
                start: range.start,
                end: range.end,
            },
            article_hash: a.hash.clone(),
        };
        self.apply(command).map_err(SelectionRefused::Refused)?;
        Ok(range)
    }

    /// The text of a selection as the reader copies it (paragraph breaks as blank lines).
    pub fn selection_text(&self, article: &str, selection: Range<usize>) -> Option<String> {
        let a = self.corpus.article(article)?;
        if selection.is_empty() {
            return None;
        }
        let end = selection.end.min(a.char_len());
        Some(text::display_slice(
            &a.text,
            &a.paragraphs,
            selection.start.min(end)..end,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace(text: &str) -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), text).unwrap();
        let ws = Workspace::open(dir.path()).unwrap();
        (dir, ws)
    }

    #[test]
    fn a_highlight_is_trimmed_and_quotes_the_text() {
        let (_d, mut ws) = workspace("First line.\n\nSecond paragraph here.\n");
        let made = ws.highlight("a.txt", 11..23, Color::Blue).unwrap();
        assert_eq!(made.range, 13..23);
        let a = ws.notebook().get(&made.id).unwrap();
        assert_eq!(a.quote.exact, "Second par");
        assert_eq!(a.color, Color::Blue);
        assert_eq!(ws.range_of(&made.id), Some(13..23));
    }

    #[test]
    fn white_space_and_empty_selections_are_refused_with_a_reason() {
        let (_d, mut ws) = workspace("One.\n\n\nTwo.\n");
        assert_eq!(
            ws.highlight("a.txt", 4..7, Color::Yellow),
            Err(SelectionRefused::OnlyWhiteSpace)
        );
        assert_eq!(
            ws.highlight("a.txt", 2..2, Color::Yellow),
            Err(SelectionRefused::Empty)
        );
        assert!(matches!(
            ws.highlight("gone.txt", 0..2, Color::Yellow),
            Err(SelectionRefused::NoArticle(_))
        ));
        assert!(ws.notebook().annotations().is_empty());
    }

    #[test]
    fn attaching_an_orphan_moves_it_to_the_selection_and_keeps_its_first_quote() {
        let (_d, mut ws) = workspace("Alpha beta gamma. Delta epsilon.\n");
        let made = ws.highlight("a.txt", 0..5, Color::Green).unwrap();
        let range = ws.attach(&made.id, "a.txt", 17..24).unwrap();
        assert_eq!(range, 18..23);
        let a = ws.notebook().get(&made.id).unwrap();
        assert_eq!(a.quote.exact, "Delta");
        assert_eq!(a.original_quote.as_deref(), Some("Alpha"));
        assert!(ws.notebook().can_undo());
    }

    #[test]
    fn a_read_only_workspace_refuses_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Some text.\n").unwrap();
        let mut ws = Workspace::open_read_only(dir.path()).unwrap();
        assert!(matches!(
            ws.highlight("a.txt", 0..4, Color::Yellow),
            Err(SelectionRefused::Refused(Refused::ReadOnly(_)))
        ));
    }
}
