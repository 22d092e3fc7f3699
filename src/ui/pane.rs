//! A reading pane's runtime state: which article, the text selection, layout caches and
//! pending scroll requests. What survives a restart is its [`PaneState`].

use std::ops::Range;
use std::sync::Arc;

use eframe::egui::{Galley, Pos2, Rect, epaint::text::cursor::CCursor};

use super::action::ScrollBy;
use super::height_index::HeightIndex;
use super::state::PaneState;

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

    pub fn range(&self) -> Range<usize> {
        self.anchor.min(self.head)..self.anchor.max(self.head)
    }

    pub fn is_empty(&self) -> bool {
        self.anchor == self.head
    }
}

/// A paragraph laid out and drawn in the last frame.
#[derive(Clone)]
pub struct Placed {
    pub index: usize,
    /// First char of the paragraph.
    pub start: usize,
    /// Screen rectangle of the galley.
    pub rect: Rect,
    pub galley: Arc<Galley>,
}

impl Placed {
    /// Global char under a screen position (clamped into this paragraph).
    pub fn char_at(&self, pos: Pos2) -> usize {
        self.start + self.galley.cursor_from_pos(pos - self.rect.min).index.0
    }

    /// Screen rectangle of the caret before global char `pos` (which must be in this paragraph).
    pub fn caret_rect(&self, pos: usize) -> Rect {
        let local = pos.saturating_sub(self.start);
        self.galley
            .pos_from_cursor(CCursor::new(local))
            .translate(self.rect.min.to_vec2())
    }

    pub fn end(&self) -> usize {
        self.start + self.galley.job.text.chars().count()
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

#[derive(Default)]
pub struct Pane {
    pub state: PaneState,
    pub selection: Selection,
    /// A drag-selection is in progress.
    pub dragging: bool,
    /// Where the drag-selection in progress began (the char the button went down at), and
    /// whether it selects whole words (`Alt` held at the press selects characters).
    pub drag_origin: usize,
    pub by_words: bool,
    /// Where the primary button last went down on the text (clicks are judged there).
    pub last_press: Option<Pos2>,
    pub heights: HeightIndex,
    pub placed: Vec<Placed>,
    /// Where the pane's text was on screen last frame: popups by its text stay inside it, so
    /// they never cover the neighbouring pane or the notes panel. `None` before its first frame.
    pub shown_rect: Option<Rect>,
    /// The part of the article's content the pane showed last frame (content coordinates):
    /// where a keyboard scroll starts from.
    pub last_viewport: Option<Rect>,
    /// A keyboard scroll to apply on the next frame.
    pub pending_scroll: Option<ScrollBy>,
    /// `End` was pressed: measure the last screenful of paragraphs before jumping there (their
    /// heights were estimates until first laid out, so the jump would fall short).
    pub measure_end: bool,
    pub reveal: Option<Reveal>,
    /// The char at the top edge of the view last frame, to within a line (scrolling in step).
    pub top_pos: usize,
    /// Absolute scroll offset to apply on the next frame (keeps text still when estimated
    /// heights above the view are replaced by measured ones).
    pub scroll_to: Option<f32>,
}

impl Pane {
    pub fn new(state: PaneState) -> Pane {
        let reveal = (state.top_char > 0).then_some(Reveal::Top(state.top_char));
        Pane {
            state,
            reveal,
            ..Pane::default()
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

    /// The placed paragraph holding global char `pos`, if it is on screen.
    pub fn placed_at_char(&self, pos: usize) -> Option<&Placed> {
        self.placed
            .iter()
            .find(|p| p.start <= pos && pos <= p.end())
    }

    /// Global char under a screen position, clamped to what is on screen.
    pub fn char_at(&self, pos: Pos2) -> Option<usize> {
        let first = self.placed.first()?;
        if pos.y < first.rect.top() {
            return Some(first.start);
        }
        let p = self
            .placed
            .iter()
            .rev()
            .find(|p| p.rect.top() <= pos.y)
            .unwrap_or(first);
        Some(p.char_at(pos))
    }
}
