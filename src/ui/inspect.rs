//! What tests, benches and the CLI read of the window (and the few settings they change
//! without a click): the session, the panes as drawn, the derived rows. Views never call these;
//! they read the per-frame context.

use eframe::egui::{Pos2, Rect};

use super::app::GlossApp;
use crate::session::Session;

impl GlossApp {
    /// Sends an action as a view does (applied after the next frame's drawing): for tests that
    /// reach a control the harness cannot click.
    pub fn send(&self, action: impl Into<super::action::Action>) {
        self.actions.send(action);
    }

    /// The reader's session: the workspace, compare results, work running — what tests look
    /// at without the window.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Scrolling in step on or off (as the View menu does).
    pub fn set_sync_scroll(&mut self, on: bool) {
        if self.ui_state.sync_scroll != on {
            self.actions.send(super::action::UiAction::ToggleSyncScroll);
        }
    }

    /// Every hit search everywhere has found so far, and whether it is still running.
    pub fn search_hits(&self) -> (Vec<crate::search::Hit>, bool) {
        (self.search.hits(), self.search.running())
    }

    /// Sets the notes-panel filter (as the filter row does).
    pub fn set_filter(&mut self, filter: crate::filter::Filter) {
        self.actions.send(crate::session::Action::SetFilter(filter));
    }

    /// The notes panel's rows now, and how many the filter keeps of how many.
    pub fn notes_rows(&self) -> (usize, (usize, usize)) {
        (self.derived.rows().len(), self.derived.kept())
    }

    /// Which side panels showed in the last frame, and which the window folded away.
    pub fn panels(&self) -> super::side_panels::Shown {
        self.ui_state.panels
    }

    /// What the window remembers between runs, as it would be stored now.
    pub fn remembered(&self) -> super::state::UiState {
        let mut state = self.ui_state.clone();
        state.zoom = self.egui.zoom_factor();
        state
    }

    /// Whether the reader asked for full screen.
    pub fn fullscreen(&self) -> bool {
        self.ui_state.fullscreen
    }

    /// Shows an article in a pane (as its article picker does).
    pub fn show_in_pane(&mut self, pane: usize, article: &str) {
        self.actions.send(crate::session::Action::SetArticle {
            pane,
            article: article.to_owned(),
        });
    }

    /// Makes a pane the one keyboard commands act on (as a click in it does).
    pub fn activate_pane(&mut self, pane: usize) {
        let effects = self.session.apply(crate::session::Action::Activate(pane));
        self.carry_out(effects);
    }

    /// How many times the derived data (spans, rows, counts) was rebuilt whole.
    pub fn derived_rebuilds(&self) -> u64 {
        self.derived.rebuilds
    }

    /// Highlights drawn faint because the notes filter hides them (none unless "Dim the
    /// others" is on and a filter is set), sorted.
    pub fn dimmed_highlights(&self) -> Vec<String> {
        if !self.ui_state.dim_filtered || self.session.reader.filter.is_empty() {
            return Vec::new();
        }
        let mut ids: Vec<String> = self
            .derived
            .hidden()
            .iter()
            .map(|s| s.to_string())
            .collect();
        ids.sort();
        ids
    }

    /// Per pane, the passages marked in compare mode in the last frame drawn (none when it is
    /// off): what the reading view tinted, not a view built again.
    pub fn compare_marks_now(&self) -> Vec<Vec<std::ops::Range<usize>>> {
        self.drawn_compare.marks.clone()
    }

    /// Where char `pos` of a pane's article is on screen (left edge, vertical middle of its
    /// line), if it was drawn in the last frame.
    pub fn char_screen_pos(&self, pane: usize, pos: usize) -> Option<Pos2> {
        let placed = self.views.get(pane)?.placed_at_char(pos)?;
        Some(placed.char_rect(pos).left_center())
    }

    /// The ends of the noted highlights whose mark a pane drew in the last frame.
    pub fn note_marks(&self, pane: usize) -> Vec<usize> {
        self.views
            .get(pane)
            .map_or_else(Vec::new, |p| p.note_marks.clone())
    }

    /// Where a pane's text was shown in the last frame.
    pub fn pane_text_rect(&self, pane: usize) -> Option<Rect> {
        self.views.get(pane)?.shown_rect
    }

    /// Ranges of the highlights drawn in a pane in the last frame.
    pub fn drawn_highlights(&self, pane: usize) -> Vec<std::ops::Range<usize>> {
        let Some(pane) = self.views.get(pane) else {
            return Vec::new();
        };
        let (Some(article), Some(first)) = (pane.article(), pane.placed.first()) else {
            return Vec::new();
        };
        let end = pane.placed.last().map_or(first.start, |p| p.end());
        self.derived
            .spans(article)
            .overlapping(first.start..end)
            .map(|s| s.range.clone())
            .collect()
    }
}
