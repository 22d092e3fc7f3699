//! The per-frame context: everything a view may read this frame, borrowed once by the shell
//! and handed to every view, plus the [`ActionSender`] through which views ask for changes.
//!
//! Like rerun's `ViewerContext`, it replaces globals and long parameter lists: a view's
//! signature says `(ui, cx)` and, for the reading view, the one pane it draws. Views never
//! hold `&mut` to the app, the workspace or the reader state; what they want changed goes
//! through [`FrameCtx::send`] and is applied after the frame in one place
//! ([`super::apply`]), where undo, autosave and tests see it.

use super::action::{Action, ActionSender};
use super::derived::Derived;
use super::notices::Notices;
use super::pair_ref::PairRef;
use super::search_state::SearchState;
use super::state::UiState;
use crate::annotation::Color;
use crate::job::Progress;
use crate::session::comparing::CompareView;
use crate::session::find::FindBar;
use crate::session::link_draft::LinkDraft;
use crate::workspace::Workspace;

pub struct FrameCtx<'a> {
    /// The open corpus; `None` when none could be opened (only the menu and the welcome
    /// screen draw then).
    pub workspace: Option<&'a Workspace>,
    /// Font size, theme, recent folders, which side panels show.
    pub ui_state: &'a UiState,
    /// Spans, notes rows and counts, refreshed before this frame.
    pub derived: &'a Derived,
    /// Messages, errors and open dialogs.
    pub notices: &'a Notices,
    pub pane_count: usize,
    /// The article of each pane, in pane order.
    pub pane_articles: &'a [Option<&'a str>],
    pub active_pane: usize,
    /// The article in the active pane.
    pub active_article: Option<&'a str>,
    /// The active pane has selected text (Copy, Attach to selection).
    pub has_selection: bool,
    pub selected: Option<&'a str>,
    /// The annotation whose note window is open.
    pub editing: Option<&'a str>,
    /// The note window just opened: its text field takes the keyboard this frame.
    pub focus_note: bool,
    /// The colour new highlights get.
    pub color: Color,
    /// Long work in progress (opening, re-reading, re-anchoring): what, and how far.
    pub busy: Option<(&'a str, &'a Progress)>,
    /// Compare mode's suggestions and marks (empty when it is off).
    pub compare: &'a CompareView,
    /// The corresponding passage whose popup is open.
    pub open_pair: Option<&'a PairRef>,
    /// A link being made.
    pub link_draft: Option<&'a LinkDraft>,
    /// The find bar, while open.
    pub find: Option<&'a FindBar>,
    /// The notes-panel filter.
    pub filter: &'a crate::filter::Filter,
    /// The search-everywhere panel, while open.
    pub search: Option<&'a SearchState>,
    /// An article's earlier version shown beside it.
    pub version: Option<&'a crate::session::version_view::VersionView>,
    /// Caret browsing (F7) is on: the active pane draws its caret and takes the arrows.
    pub caret: bool,
    /// The window below the menu bar: floating windows stay inside it, never over the menu.
    pub below_menu: eframe::egui::Rect,
    pub(super) actions: &'a ActionSender,
}

impl FrameCtx<'_> {
    /// Asks for a change; it is applied after this frame's drawing.
    pub fn send(&self, action: impl Into<Action>) {
        self.actions.send(action);
    }

    pub fn font_size(&self) -> f32 {
        self.ui_state.font_size
    }

    pub fn dark(&self) -> bool {
        self.ui_state.theme.is_dark()
    }

    /// Whether commands that change notes will be accepted.
    pub fn can_annotate(&self) -> bool {
        self.workspace.is_some_and(Workspace::can_annotate)
    }

    pub fn can_undo(&self) -> bool {
        self.workspace.is_some_and(|w| w.notebook().can_undo())
    }

    pub fn can_redo(&self) -> bool {
        self.workspace.is_some_and(|w| w.notebook().can_redo())
    }
}
