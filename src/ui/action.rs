//! Actions: everything a widget may ask the app to do.
//!
//! Widgets never change the app or the notebook themselves; they push an [`Action`] and the app
//! applies all of them in one place at the end of the frame ([`super::apply`]). Changes
//! to annotations travel inside [`Action::Annotate`] as notebook commands, which is the single
//! door undo, autosave and tests share.

use std::path::PathBuf;

use crate::annotation::Color;
use crate::link::Relation;
use crate::notebook::Command;

use super::pair_ref::PairRef;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Change the annotations.
    Annotate(Command),
    Undo,
    Redo,
    /// Make a highlight from the selection of a pane; with `note` the note editor opens on it.
    HighlightSelection {
        pane: usize,
        note: bool,
    },
    /// Select an annotation (shows its toolbar and, in the notes panel, its editor).
    SelectAnnotation(Option<String>),
    /// The reader pressed on the text to start a selection: a selected highlight is
    /// deselected (so colour keys apply to the next highlight), but a selected *unanchored*
    /// annotation stays selected, waiting to be attached to the new selection.
    TextPressed,
    /// Scroll the pane showing the annotation's article to it (opening it in the active pane
    /// if no pane shows it) and select it.
    Reveal(String),
    OpenNoteEditor(String),
    CloseNoteEditor,
    /// The colour new highlights get; recolours the selected highlight too.
    PickColor(Color),
    /// Make `pane` the one keyboard commands act on.
    Activate(usize),
    SetArticle {
        pane: usize,
        article: String,
    },
    AddPane,
    ClosePane(usize),
    CopySelection,
    OpenCorpusDialog,
    OpenCorpus(PathBuf),
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
    /// Ask whether to open a link of the article (a click on it), or stop asking.
    LinkPrompt(Option<String>),
    /// The reader said yes: open this web or mail address in their browser.
    OpenUrl(String),
    /// Show an earlier kept version of an article beside it (the oldest when `hash` is
    /// `None`): library context menu, *text changed* rows.
    CompareWithVersion {
        article: String,
        hash: Option<String>,
    },
    /// Go to the next (1) or previous (-1) change between the versions.
    VersionStep(i32),
    CloseVersion,
    /// Save and close the window (asks first if the notes cannot be saved).
    Quit,
    /// Replace an unreadable notes file with its last backup.
    RecoverFromBackup,
    /// Start an empty notebook in place of an unreadable notes file.
    StartFresh,
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
    /// Re-attach an (unanchored) annotation to a place of its article (one the notes panel
    /// offers: where its words stand).
    AttachAt {
        id: String,
        article: String,
        range: std::ops::Range<usize>,
    },
    /// Re-attach an (unanchored) annotation to the active pane's text selection.
    AttachToSelection(String),
    /// Scroll a pane from the keyboard.
    Scroll {
        pane: usize,
        by: ScrollBy,
    },
    /// Start a link from a pane's selection, or from the selected highlight (L, *Link…*).
    StartLink {
        pane: usize,
    },
    /// The pane's selection is the second end of the link being made.
    LinkTo {
        pane: usize,
    },
    /// The relation picked in the link window.
    LinkDraftRelation(Relation),
    /// The note typed in the link window.
    LinkDraftNote(String),
    /// Make the link being drafted.
    FinishLink,
    CancelLink,
    /// Scroll a pane so char `char` is at screen height `y` — level with its counterpart in
    /// the neighbouring pane — or in the middle of the pane when `y` is `None`.
    Level {
        pane: usize,
        char: usize,
        y: Option<f32>,
    },
    /// Open (or close) the popup of a corresponding passage (compare mode).
    OpenPair(Option<PairRef>),
    /// Turn a corresponding passage into a *same fact* link.
    AcceptPair(PairRef),
    /// Hide a corresponding passage (remembered in the notes file).
    DismissPair(PairRef),
    /// Shade passages without a counterpart on or off (View menu).
    ToggleOmissions,
    /// Dim the highlights the notes filter hides (filter row's "Dim the others").
    ToggleDimFiltered,
    /// Open the find bar on the active pane (or give it the keyboard again): Ctrl+F.
    OpenFind,
    CloseFind,
    /// The find query as typed.
    FindQuery(String),
    /// Match case / whole word.
    FindOptions(crate::search::Options),
    /// Next (1) or previous (-1) match.
    FindStep(i32),
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
    /// An overview cell clicked: filter the notes to its highlights, go to the first.
    FilterCell {
        key: crate::overview::RowKey,
        article: String,
    },
    /// The notes-panel filter changed.
    SetFilter(crate::filter::Filter),
    /// Show an article's passage in the active pane (or the pane showing the article),
    /// selected.
    OpenAt {
        article: String,
        range: std::ops::Range<usize>,
    },
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

/// The one way views ask for a change: they `send` an [`Action`] through the
/// [`super::context::FrameCtx`] they were given, and the app applies the frame's actions in
/// one place after drawing. Interior mutability lets every view share the sender through the
/// same `&FrameCtx` (one thread, one frame: a `RefCell` is all it needs).
#[derive(Debug, Default)]
pub struct ActionSender(std::cell::RefCell<Vec<Action>>);

impl ActionSender {
    pub fn send(&self, action: Action) {
        self.0.borrow_mut().push(action);
    }

    /// The actions sent since the last call, in order.
    pub fn take(&self) -> Vec<Action> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}
