//! Actions: everything a widget may ask the app to do.
//!
//! Widgets never change the app or the notebook themselves; they send an action and the app
//! applies all of them in one place at the end of the frame ([`super::apply`]). What changes
//! the reading session or the notes is a [`crate::session::Action`], carried out by
//! [`crate::session::Session::apply`] (changes to annotations travel inside it as notebook
//! commands, the single door undo, autosave and tests share); what only the window knows —
//! dialogs, theme, panels, popups — is a [`UiAction`].

use std::path::PathBuf;

use super::pair_ref::PairRef;
pub use crate::session::pane::ScrollBy;

/// What a view sends: a session action, or one of the window's own.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Session(crate::session::Action),
    Ui(UiAction),
}

impl From<crate::session::Action> for Action {
    fn from(a: crate::session::Action) -> Action {
        Action::Session(a)
    }
}

impl From<UiAction> for Action {
    fn from(a: UiAction) -> Action {
        Action::Ui(a)
    }
}

/// What only the window does: dialogs, settings of the window, panels and popups.
#[derive(Debug, Clone, PartialEq)]
pub enum UiAction {
    OpenCorpusDialog,
    OpenCorpus(PathBuf),
    /// File ▸ Open file…: pick one article.
    OpenFileDialog,
    /// Open a folder as the corpus, or an article — its folder the corpus, it in the active
    /// pane (a file dropped on the window, `gloss article.html`).
    OpenPath(PathBuf),
    ExportDialog,
    FontSize(f32),
    ToggleTheme,
    ToggleShortcuts,
    /// Compare mode on or off (View ▸ Compare, C).
    ToggleCompare,
    /// Scrolling in step on or off (View menu, pane header).
    ToggleSyncScroll,
    /// Show or hide a side panel (View menu, Ctrl+Shift+L / Ctrl+Shift+N).
    TogglePanel(super::side_panels::Side),
    /// Full screen on or off (View menu, F11).
    ToggleFullscreen,
    /// The in-app path field (no file dialog here): its text changed, it took the keyboard,
    /// *Open* was pressed, it closed.
    PromptText(String),
    /// A completion was taken (Tab, a click on one).
    PromptComplete(String),
    PromptFocused,
    PromptOpen,
    ClosePrompt,
    /// F10: the menu bar takes the keyboard, its File menu open.
    OpenMenuBar,
    MenuBarOpened,
    /// Ask whether to open a link of the article (a click on it), or stop asking.
    LinkPrompt(Option<String>),
    /// The reader said yes: open this web or mail address in their browser.
    OpenUrl(String),
    /// Save and close the window (asks first if the notes cannot be saved).
    Quit,
    /// From the "notes not saved" dialog: try saving again, then go on (close the window, or
    /// open the other folder).
    RetrySave,
    /// From the "notes not saved" dialog: write the notes to a file the reader picks.
    SaveCopyElsewhere,
    /// From the "notes not saved" dialog: lose the unsaved changes and go on.
    DiscardUnsaved,
    /// Close the "notes not saved" dialog and keep working.
    CancelUnsaved,
    /// Hide the message under the menu bar.
    DismissMessage,
    /// Scroll a pane so char `char` is at screen height `y` — level with its counterpart in
    /// the neighbouring pane — or in the middle of the pane when `y` is `None`.
    Level {
        pane: usize,
        char: usize,
        y: Option<f32>,
    },
    /// Open (or close) the popup of a corresponding passage (compare mode).
    OpenPair(Option<PairRef>),
    /// Shade passages without a counterpart on or off (View menu).
    ToggleOmissions,
    /// Dim the highlights the notes filter hides (filter row's "Dim the others").
    ToggleDimFiltered,
    /// Open the search-everywhere panel (or give it the keyboard): Ctrl+Shift+F.
    OpenSearch,
    CloseSearch,
    SearchQuery(String),
    SearchOptions(crate::search::Options),
    /// The Tags window (View ▸ Tags) open or closed.
    ToggleTags,
    /// The Overview window (View ▸ Overview) open or closed.
    ToggleOverview,
    /// The Correspondences window (View ▸ Correspondences, T) open or closed; opening it
    /// turns compare mode on.
    ToggleCorrespondences,
    /// The correspondence table follows the left (`A`) or right (`B`) article's order.
    TableOrder(crate::compare::table::Order),
    /// A row of the correspondence table selected: both panes go to its passages.
    TableSelect {
        row: usize,
        a: Option<(String, std::ops::Range<usize>)>,
        b: Option<(String, std::ops::Range<usize>)>,
    },
}

/// The one way views ask for a change: they `send` an [`Action`] through the
/// [`super::context::FrameCtx`] they were given, and the app applies the frame's actions in
/// one place after drawing. Interior mutability lets every view share the sender through the
/// same `&FrameCtx` (one thread, one frame: a `RefCell` is all it needs).
#[derive(Debug, Default)]
pub struct ActionSender(std::cell::RefCell<Vec<Action>>);

impl ActionSender {
    pub fn send(&self, action: impl Into<Action>) {
        self.0.borrow_mut().push(action.into());
    }

    /// The actions sent since the last call, in order.
    pub fn take(&self) -> Vec<Action> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}
