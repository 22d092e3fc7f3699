//! What may change in the notes ([`Command`]), and why a change is refused ([`Refused`]).

use crate::annotation::{Annotation, Color, PositionSelector, QuoteSelector};
use crate::limits::{MAX_NOTE_CHARS, MAX_NOTES_BYTES, MAX_QUOTE_CHARS, MAX_TAG_CHARS};
use crate::link::{Dismissal, Link, Relation};
use crate::safe_file::megabytes;

/// A change to the notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Add a new annotation (highlight, possibly with a note). Boxed: an annotation is large
    /// and the other commands are small.
    Create(Box<Annotation>),
    /// Remove an annotation, and with it (in the same undo step) the links it ends.
    Delete { id: String },
    /// Change an annotation's colour.
    Recolor { id: String, color: Color },
    /// Replace an annotation's note. Consecutive edits of the same note merge into one undo
    /// step until [`super::Notebook::end_typing`] is called, so undo removes a typed note at
    /// once rather than letter by letter.
    SetNote { id: String, note: String },
    /// Replace an annotation's tags (normalised: trimmed, no empty ones, no repeats).
    SetTags { id: String, tags: Vec<String> },
    /// Point an annotation at another article file (its article was renamed or moved).
    MoveToArticle { id: String, article: String },
    /// Attach an annotation to a new passage (an orphan re-attached by the reader).
    Retarget {
        id: String,
        article: String,
        quote: QuoteSelector,
        position: PositionSelector,
        article_hash: String,
    },
    /// Link two existing annotations.
    CreateLink(Box<Link>),
    /// Remove a link (its highlights stay).
    DeleteLink { id: String },
    /// Change a link's relation and note (typing the note merges into one undo step, as
    /// [`Command::SetNote`] does).
    EditLink {
        id: String,
        relation: Relation,
        note: String,
    },
    /// Hide a corresponding passage found by compare.
    Dismiss(Box<Dismissal>),
    /// Several changes as one undo step (a link with the highlights made for its ends); all
    /// or none are applied.
    Batch(Vec<Command>),
}

impl Command {
    /// `Create` for an annotation.
    pub fn create(annotation: Annotation) -> Command {
        Command::Create(Box::new(annotation))
    }

    /// `CreateLink` for a link.
    pub fn link(link: Link) -> Command {
        Command::CreateLink(Box::new(link))
    }
}

/// Why a command was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The notes file could not be read, so nothing may change (see [`crate::store`]).
    ReadOnly(String),
    /// No annotation has this id.
    NoSuchAnnotation(String),
    /// No link has this id.
    NoSuchLink(String),
    /// `Create` with an id that is already taken.
    DuplicateId(String),
    /// A link from a passage to itself.
    LinkToItself,
    /// The two passages are already linked (the existing link's id).
    AlreadyLinked(String),
    /// The highlighted passage is longer than [`MAX_QUOTE_CHARS`].
    QuoteTooLong { chars: usize },
    /// The note is longer than [`MAX_NOTE_CHARS`].
    NoteTooLong { chars: usize },
    /// A tag is longer than [`MAX_TAG_CHARS`].
    TagTooLong { chars: usize },
    /// The notes file would grow past [`MAX_NOTES_BYTES`] (`bytes`: what it would take).
    NotesFileFull { bytes: u64 },
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::ReadOnly(why) => write!(f, "annotating is disabled: {why}"),
            Refused::NoSuchAnnotation(id) => write!(f, "no annotation with id {id}"),
            Refused::NoSuchLink(id) => write!(f, "no link with id {id}"),
            Refused::DuplicateId(id) => write!(f, "an annotation with id {id} already exists"),
            Refused::LinkToItself => write!(f, "a passage cannot be linked to itself"),
            Refused::AlreadyLinked(_) => write!(
                f,
                "these two passages are already linked — change that link's relation instead"
            ),
            Refused::QuoteTooLong { chars } => write!(
                f,
                "the selection is {chars} characters long; a highlight may cover at most \
                 {MAX_QUOTE_CHARS} (about twelve pages) — highlight it in parts"
            ),
            Refused::NoteTooLong { chars } => write!(
                f,
                "the note would be {chars} characters long; a note may hold at most \
                 {MAX_NOTE_CHARS}"
            ),
            Refused::TagTooLong { chars } => write!(
                f,
                "the tag is {chars} characters long; a tag may hold at most {MAX_TAG_CHARS} — \
                 put longer text in the note"
            ),
            Refused::NotesFileFull { bytes } => write!(
                f,
                "the notes file would grow to {}, past the {} that gloss reads and writes; \
                 delete some highlights or shorten long notes first",
                megabytes(*bytes),
                megabytes(MAX_NOTES_BYTES)
            ),
        }
    }
}
