//! A reading pane as the session knows it: which article, the text selection, where it is
//! scrolled to and where it is asked to go — all as text positions (chars), never pixels, so
//! the rules that move panes (revealing a note, a find match, scrolling in step, an earlier
//! version beside its article) are tested without a window. The window keeps each pane's
//! layout caches beside it ([`crate::ui`]'s `Pane`); what survives a restart is [`PaneState`].

use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

/// Most panes shown side by side.
pub const MAX_PANES: usize = 4;

/// One reading pane: which article, and how far the reader had scrolled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PaneState {
    pub article: Option<String>,
    /// First char visible at the top; restored as a position in the text rather than in
    /// pixels, so it survives a different window size or font size.
    pub top_char: usize,
}

/// A text selection in char offsets: `anchor` is where the drag began, `head` where it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Selection {
    pub anchor: usize,
    pub head: usize,
}

impl Selection {
    pub fn caret(pos: usize) -> Selection {
        Selection {
            anchor: pos,
            head: pos,
        }
    }

    /// The selection of `range` (a find match, a search result), head at its end.
    pub fn of(range: Range<usize>) -> Selection {
        Selection {
            anchor: range.start,
            head: range.end,
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.anchor.min(self.head)..self.anchor.max(self.head)
    }

    pub fn is_empty(&self) -> bool {
        self.anchor == self.head
    }
}

/// Where to scroll a pane on the next frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reveal {
    /// Put the paragraph holding this char at the top (restoring a saved position).
    Top(usize),
    /// Bring this char range into the middle of the view (jumping to a note).
    Center(usize),
    /// Put this char exactly at the top, within its paragraph (scrolling in step).
    TopExact(usize),
    /// Put this char `offset` points below the top of the view (level with its counterpart
    /// in the neighbouring pane).
    At { char: usize, offset: f32 },
}

/// How far a keyboard scroll goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ScrollBy {
    /// Lines of text, down when positive.
    Lines(f32),
    /// Screens, down when positive; the last whole line of the old screen stays in view.
    Pages(f32),
    Start,
    End,
}

/// Gives each pane shown a new identity, so the window knows when its layout caches belong
/// to another article (a pane closed to its left shifts the others' indices, not their ids).
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

#[derive(Debug, Clone, PartialEq)]
pub struct Pane {
    /// Changes whenever the pane starts over on another article.
    pub id: u64,
    pub state: PaneState,
    pub selection: Selection,
    /// Where to scroll on the next frame (taken by the reading view).
    pub reveal: Option<Reveal>,
    /// A keyboard scroll to apply on the next frame (taken by the reading view).
    pub pending_scroll: Option<ScrollBy>,
    /// The char at the top edge of the view last frame, to within a line (scrolling in step,
    /// where find starts).
    pub top_pos: usize,
    /// The chars the reader could see last frame, below any bar floating over the text
    /// (empty before the first frame): a find match inside needs no scroll.
    pub visible: Range<usize>,
}

impl Default for Pane {
    fn default() -> Self {
        Pane::new(PaneState::default())
    }
}

impl Pane {
    pub fn new(state: PaneState) -> Pane {
        let reveal = (state.top_char > 0).then_some(Reveal::Top(state.top_char));
        Pane {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            state,
            selection: Selection::default(),
            reveal,
            pending_scroll: None,
            top_pos: 0,
            visible: 0..0,
        }
    }

    pub fn article(&self) -> Option<&str> {
        self.state.article.as_deref()
    }

    /// Shows another article: selection and layout start over.
    pub fn set_article(&mut self, article: String) {
        if self.state.article.as_deref() != Some(article.as_str()) {
            *self = Pane::new(PaneState {
                article: Some(article),
                top_char: 0,
            });
        }
    }

    /// Whether char `pos` was in sight last frame.
    pub fn in_sight(&self, pos: usize) -> bool {
        self.visible.contains(&pos)
    }

    /// Adds a keyboard scroll to the one waiting: presses that come in one frame add up
    /// (twenty quick Page Downs move twenty screens, not one).
    pub fn scroll(&mut self, by: ScrollBy) {
        self.pending_scroll = Some(match (self.pending_scroll, by) {
            (Some(ScrollBy::Pages(a)), ScrollBy::Pages(b)) => ScrollBy::Pages(a + b),
            (Some(ScrollBy::Lines(a)), ScrollBy::Lines(b)) => ScrollBy::Lines(a + b),
            _ => by,
        });
    }
}
