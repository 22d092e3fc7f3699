//! A reading pane in the window: the session's pane ([`crate::session::pane::Pane`] — article,
//! selection, scroll requests as text positions) with the layout caches the reading view keeps
//! beside it (paragraph heights, what was placed where last frame, the drag in progress).
//!
//! The shell copies each session pane in before drawing and hands the drawn one back after
//! ([`super::app`]): the reading view is where a drag changes the selection and where the
//! scroll position is known, so those come back to the session as the frame's report.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use eframe::egui::{Galley, Pos2, Rect, epaint::text::cursor::CCursor};

use super::height_index::HeightIndex;
pub use crate::session::pane::{Reveal, ScrollBy, Selection};

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
        let local = pos - self.rect.min;
        if super::table_row::has_columns(&self.galley) {
            return self.start + super::table_row::char_at(&self.galley, local);
        }
        self.start + self.galley.cursor_from_pos(local).index.0
    }

    /// Screen rectangle of the caret before global char `pos` (which must be in this paragraph).
    pub fn caret_rect(&self, pos: usize) -> Rect {
        let local = pos.saturating_sub(self.start);
        self.galley
            .pos_from_cursor(CCursor::new(local))
            .translate(self.rect.min.to_vec2())
    }

    /// Screen rectangle of the caret just before global char `pos`, on the row that char is
    /// on (a caret at a wrap or a table cell's edge is also the end of the row before).
    pub fn char_rect(&self, pos: usize) -> Rect {
        let local = pos.saturating_sub(self.start);
        let mut cursor = CCursor::new(local);
        cursor.prefer_next_row = true;
        self.galley
            .pos_from_cursor(cursor)
            .translate(self.rect.min.to_vec2())
    }

    pub fn end(&self) -> usize {
        self.start + self.galley.job.text.chars().count()
    }
}

/// A pane as drawn: the session's pane and the reading view's caches for it.
#[derive(Default)]
pub struct Pane {
    /// The session's pane, as of this frame.
    pub text: crate::session::pane::Pane,
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
    /// `End` was pressed: measure the last screenful of paragraphs before jumping there (their
    /// heights were estimates until first laid out, so the jump would fall short).
    pub measure_end: bool,
    /// Absolute scroll offset to apply on the next frame (keeps text still when estimated
    /// heights above the view are replaced by measured ones).
    pub scroll_to: Option<f32>,
    /// Where a noted highlight's mark was drawn last frame (the char its highlight ends at).
    pub note_marks: Vec<usize>,
}

impl Deref for Pane {
    type Target = crate::session::pane::Pane;
    fn deref(&self) -> &Self::Target {
        &self.text
    }
}

impl DerefMut for Pane {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.text
    }
}

impl Pane {
    /// The window's panes for the session's: a pane keeps its caches while it shows the same
    /// article (same id), wherever it moved; a new one starts without.
    pub fn follow(views: &mut Vec<Pane>, panes: &[crate::session::pane::Pane]) {
        let mut old: Vec<Option<Pane>> = std::mem::take(views).into_iter().map(Some).collect();
        for p in panes {
            let kept = old
                .iter_mut()
                .find(|v| v.as_ref().is_some_and(|v| v.text.id == p.id))
                .and_then(Option::take);
            let mut view = kept.unwrap_or_default();
            view.text = p.clone();
            views.push(view);
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
