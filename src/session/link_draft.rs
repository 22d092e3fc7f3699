//! A link being made in the window: `L` (or *Link…*) with a selection or a highlight starts a
//! draft; selecting text or clicking a highlight (in another pane, usually) gives its second
//! end; the relation window ([`super::link_window`]) then picks the relation and takes an
//! optional note. The draft is plain reader state; the link itself is made by
//! [`crate::workspace::Workspace::link`] when the reader confirms, as one undo step with any
//! highlights made for its ends.

use crate::link::Relation;
use crate::workspace::{End, Workspace};

/// A link being made.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkDraft {
    pub from: End,
    /// Set once the reader picked the second passage: the relation window shows.
    pub to: Option<End>,
    pub relation: Relation,
    pub note: String,
}

impl LinkDraft {
    pub fn new(from: End) -> LinkDraft {
        LinkDraft {
            from,
            to: None,
            relation: Relation::SameFact,
            note: String::new(),
        }
    }

    /// Whether the draft waits for its second end.
    pub fn waiting(&self) -> bool {
        self.to.is_none()
    }
}

/// The text of one end, for showing it.
pub fn end_text(ws: &Workspace, end: &End) -> String {
    match end {
        End::Annotation(id) => ws
            .notebook()
            .get(id)
            .map(|a| a.quote.exact.clone())
            .unwrap_or_default(),
        End::Passage { article, range } => ws
            .corpus
            .article(article)
            .map(|a| a.slice(range.start.min(a.char_len())..range.end.min(a.char_len())))
            .unwrap_or_default()
            .to_owned(),
    }
}
