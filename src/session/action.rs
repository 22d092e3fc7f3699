//! What the reader asks of the session: every change to the reading session and, through
//! [`Action::Annotate`], to the notes. The window's views send these (and a few of their own:
//! dialogs, theme, panels — `crate::ui::action`); tests send them to a [`super::Session`]
//! with no window at all. [`super::Session::apply`] carries each out and reports what the
//! shell should do as [`super::Effect`]s.

use std::ops::Range;

use super::pane::ScrollBy;
use crate::annotation::Color;
use crate::link::Relation;
use crate::notebook::Command;

/// A corresponding passage (compare mode) as an action names it: the two articles and ranges,
/// left pane first, and how they compare.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub a: (String, Range<usize>),
    pub b: (String, Range<usize>),
    /// `Differs` is accepted as a *contradicts* link, the others as *same fact*.
    pub kind: crate::compare::Kind,
}

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
    /// Escape: the text selection (every pane's) and the selected annotation let go.
    ClearSelection,
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
    /// Copy the active pane's selection ([`super::Effect::CopyText`]).
    CopySelection,
    /// Compare mode on or off (View ▸ Compare, C).
    SetCompare(bool),
    /// Scrolling in step on or off (View menu, pane header); the active pane leads.
    SetSyncScroll(bool),
    /// Show an earlier kept version of an article beside it (the oldest when `hash` is
    /// `None`): library context menu, *text changed* rows.
    CompareWithVersion {
        article: String,
        hash: Option<String>,
    },
    /// Go to the next (1) or previous (-1) change between the versions.
    VersionStep(i32),
    CloseVersion,
    /// Replace an unreadable notes file with its last backup.
    RecoverFromBackup,
    /// Start an empty notebook in place of an unreadable notes file.
    StartFresh,
    /// Re-attach an (unanchored) annotation to a place of its article (one the notes panel
    /// offers: where its words stand).
    AttachAt {
        id: String,
        article: String,
        range: Range<usize>,
    },
    /// Re-attach an (unanchored) annotation to the active pane's text selection.
    AttachToSelection(String),
    /// Caret browsing on or off (F7).
    ToggleCaret,
    /// Move the caret of a pane (caret browsing); `extend` (Shift) keeps the selection's
    /// anchor where it was.
    MoveCaret {
        pane: usize,
        to: super::caret::CaretTo,
        extend: bool,
    },
    /// Select the next highlight of a pane in reading order (Tab; Shift+Tab: -1).
    StepHighlight {
        pane: usize,
        step: i32,
    },
    /// Put a pane's paragraph holding `char` at its top (a heading picked in the outline) and
    /// make that pane the active one.
    JumpTo {
        pane: usize,
        char: usize,
    },
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
    /// Scroll a pane so char `char` is `offset` points below its top — level with its
    /// counterpart in the neighbouring pane — or in the middle when `offset` is `None`.
    Level {
        pane: usize,
        char: usize,
        offset: Option<f32>,
    },
    /// Turn a corresponding passage into a link (*same fact*, or *contradicts* when they
    /// differ).
    AcceptPair(Pair),
    /// Hide a corresponding passage (remembered in the notes file).
    DismissPair(Pair),
    /// Open the find bar on the active pane (or give it the keyboard again): Ctrl+F.
    OpenFind,
    CloseFind,
    /// The find query as typed.
    FindQuery(String),
    /// Match case / whole word.
    FindOptions(crate::search::Options),
    /// Next (1) or previous (-1) match.
    FindStep(i32),
    /// Bring each pane showing one of these articles to its passage, near the pane's top
    /// (a correspondence table row: the table sits over the lower part of the panes).
    NearTop(Vec<(String, Range<usize>)>),
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
        range: Range<usize>,
    },
}
