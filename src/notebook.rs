//! The notebook: the annotations of one corpus and the only door through which they change.
//!
//! Every change is a named [`Command`]. Applying one records the annotation as it was before
//! and after, which is all undo and redo need; the revision counter it bumps is what autosave
//! watches. The UI, the CLI and the tests all change annotations this way and no other, so
//! they cannot disagree about what a change means.

use std::collections::HashMap;
use std::sync::Arc;

use crate::annotation::{Annotation, Color, PositionSelector, QuoteSelector, now};
use crate::limits::{MAX_NOTE_CHARS, MAX_NOTES_BYTES, MAX_QUOTE_CHARS};
use crate::safe_file::megabytes;
use crate::store::entry_len;

/// A change to the annotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Add a new annotation (highlight, possibly with a note). Boxed: an annotation is large
    /// and the other commands are small.
    Create(Box<Annotation>),
    /// Remove an annotation.
    Delete { id: String },
    /// Change an annotation's colour.
    Recolor { id: String, color: Color },
    /// Replace an annotation's note. Consecutive edits of the same note merge into one undo
    /// step until [`Notebook::end_typing`] is called, so undo removes a typed note at once
    /// rather than letter by letter.
    SetNote { id: String, note: String },
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
}

impl Command {
    /// `Create` for an annotation.
    pub fn create(annotation: Annotation) -> Command {
        Command::Create(Box::new(annotation))
    }

    /// The id of the annotation the command changes.
    pub fn annotation_id(&self) -> &str {
        match self {
            Command::Create(a) => &a.id,
            Command::Delete { id }
            | Command::Recolor { id, .. }
            | Command::SetNote { id, .. }
            | Command::MoveToArticle { id, .. }
            | Command::Retarget { id, .. } => id,
        }
    }
}

/// Why a command was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The notes file could not be read, so nothing may change (see [`crate::store`]).
    ReadOnly(String),
    /// No annotation has this id.
    NoSuchAnnotation(String),
    /// `Create` with an id that is already taken.
    DuplicateId(String),
    /// The highlighted passage is longer than [`MAX_QUOTE_CHARS`].
    QuoteTooLong { chars: usize },
    /// The note is longer than [`MAX_NOTE_CHARS`].
    NoteTooLong { chars: usize },
    /// The notes file would grow past [`MAX_NOTES_BYTES`] (`bytes`: what it would take).
    NotesFileFull { bytes: u64 },
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::ReadOnly(why) => write!(f, "annotating is disabled: {why}"),
            Refused::NoSuchAnnotation(id) => write!(f, "no annotation with id {id}"),
            Refused::DuplicateId(id) => write!(f, "an annotation with id {id} already exists"),
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

/// One applied change: the annotation before and after (`None` = did not exist).
#[derive(Debug, Clone)]
struct Change {
    before: Option<Annotation>,
    after: Option<Annotation>,
}

impl Change {
    fn id(&self) -> &str {
        self.before
            .as_ref()
            .or(self.after.as_ref())
            .map(|a| a.id.as_str())
            .unwrap_or_default()
    }
}

#[derive(Debug, Default)]
pub struct Notebook {
    /// Shared, so that a snapshot for the saver thread is a copy of pointers, not of 10,000
    /// annotations (a change replaces one `Arc`; see [`Notebook::snapshot`]).
    annotations: Vec<Arc<Annotation>>,
    /// Position of each id in `annotations` (looked up every frame; must not scan 10,000).
    index: HashMap<String, usize>,
    undo: Vec<Change>,
    redo: Vec<Change>,
    revision: u64,
    /// Id of the note being typed, whose edits merge into the last undo step.
    typing: Option<String>,
    read_only: Option<String>,
    /// What the notes file for these annotations takes, in bytes (kept up to date by every
    /// change, so a change that would make the file too large to read back is refused).
    file_bytes: u64,
    /// The last revisions and the annotation each touched (`None`: all of them), so views
    /// can update what they derived for that one annotation instead of rebuilding it all.
    touched: std::collections::VecDeque<(u64, Option<String>)>,
}

/// How many revisions [`Notebook::touched_since`] can look back.
const TOUCHED_KEPT: usize = 64;

impl Notebook {
    pub fn new(annotations: Vec<Annotation>) -> Notebook {
        let mut notebook = Notebook {
            annotations: annotations.into_iter().map(Arc::new).collect(),
            ..Notebook::default()
        };
        notebook.reindex();
        notebook
    }

    fn reindex(&mut self) {
        self.file_bytes = crate::store::FRAME_LEN as u64
            + self
                .annotations
                .iter()
                .map(|a| entry_len(a) as u64)
                .sum::<u64>();
        self.index = self
            .annotations
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
    }

    /// A notebook that refuses every command, with the reason shown to the reader.
    pub fn read_only(reason: impl Into<String>) -> Notebook {
        Notebook {
            read_only: Some(reason.into()),
            ..Notebook::default()
        }
    }

    pub fn read_only_reason(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Makes the notebook refuse (with the reason) or accept commands.
    pub fn set_read_only(&mut self, reason: Option<String>) {
        self.read_only = reason;
    }

    /// Replaces every annotation at once — for taking in the notes file as merged with changes
    /// made elsewhere. Undo history is dropped: steps recorded against the old set could undo
    /// someone else's edit.
    pub fn replace_all(&mut self, annotations: Vec<Annotation>) {
        self.annotations = annotations.into_iter().map(Arc::new).collect();
        self.reindex();
        self.undo.clear();
        self.redo.clear();
        self.typing = None;
        self.bump(None);
    }

    /// Moves to the next revision, remembering which annotation changed.
    fn bump(&mut self, id: Option<&str>) {
        self.revision += 1;
        if self.touched.len() == TOUCHED_KEPT {
            self.touched.pop_front();
        }
        self.touched
            .push_back((self.revision, id.map(str::to_owned)));
    }

    /// The annotations changed since `revision`, one id per change (repeats possible), or
    /// `None` when that is not known: everything was replaced, or it is too long ago.
    pub fn touched_since(&self, revision: u64) -> Option<Vec<&str>> {
        if revision == self.revision {
            return Some(Vec::new());
        }
        let oldest = self.touched.front()?.0;
        if revision >= self.revision || revision + 1 < oldest {
            return None;
        }
        self.touched
            .iter()
            .filter(|(r, _)| *r > revision)
            .map(|(_, id)| id.as_deref())
            .collect()
    }

    pub fn annotations(&self) -> &[Arc<Annotation>] {
        &self.annotations
    }

    /// The annotations as they are now, for a worker: cheap (pointers are copied), and later
    /// changes here do not show in it.
    pub fn snapshot(&self) -> Vec<Arc<Annotation>> {
        self.annotations.clone()
    }

    /// A plain copy of every annotation (for saving, merging and exporting; costs a copy of
    /// each — not for the UI thread with many notes).
    pub fn to_list(&self) -> Vec<Annotation> {
        self.annotations.iter().map(|a| (**a).clone()).collect()
    }

    /// The size the notes file for these annotations has, in bytes.
    pub fn file_bytes(&self) -> u64 {
        self.file_bytes
    }

    /// Whether `after` may replace `before` (`None`: a new annotation): a quote or note over
    /// its limit, or a notes file that would grow past what gloss reads, is refused. Changes
    /// that do not grow what is over a limit (deleting, recolouring, shortening) always pass,
    /// so a notebook loaded over a limit can still be tidied.
    fn admit(&self, before: Option<&Annotation>, after: &Annotation) -> Result<(), Refused> {
        let quote_changed = before.is_none_or(|b| b.quote.exact != after.quote.exact);
        if quote_changed {
            let chars = after.quote.exact.chars().count();
            if chars > MAX_QUOTE_CHARS {
                return Err(Refused::QuoteTooLong { chars });
            }
        }
        if before.is_none_or(|b| b.note.len() < after.note.len()) {
            let chars = after.note.chars().count();
            if chars > MAX_NOTE_CHARS {
                return Err(Refused::NoteTooLong { chars });
            }
        }
        let old = before.map_or(0, |b| entry_len(b) as u64);
        let new = entry_len(after) as u64;
        let total = self.file_bytes - old.min(self.file_bytes) + new;
        if new > old && total > MAX_NOTES_BYTES {
            return Err(Refused::NotesFileFull { bytes: total });
        }
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Annotation> {
        self.index.get(id).map(|&i| &*self.annotations[i])
    }

    /// Increases with every applied command, undo and redo; autosave compares it.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Applies a command and records it for undo.
    pub fn apply(&mut self, command: Command) -> Result<(), Refused> {
        if let Some(why) = &self.read_only {
            return Err(Refused::ReadOnly(why.clone()));
        }
        let change = match command {
            Command::Create(annotation) => {
                if self.get(&annotation.id).is_some() {
                    return Err(Refused::DuplicateId(annotation.id));
                }
                Change {
                    before: None,
                    after: Some(*annotation),
                }
            }
            Command::Delete { id } => Change {
                before: Some(self.existing(&id)?.clone()),
                after: None,
            },
            Command::Recolor { id, color } => {
                let before = self.existing(&id)?.clone();
                if before.color == color {
                    return Ok(());
                }
                let mut after = before.clone();
                after.color = color;
                after.modified = now();
                Change {
                    before: Some(before),
                    after: Some(after),
                }
            }
            Command::MoveToArticle { id, article } => {
                let before = self.existing(&id)?.clone();
                if before.article == article {
                    return Ok(());
                }
                let mut after = before.clone();
                after.article = article;
                after.modified = now();
                Change {
                    before: Some(before),
                    after: Some(after),
                }
            }
            Command::Retarget {
                id,
                article,
                quote,
                position,
                article_hash,
            } => {
                let before = self.existing(&id)?.clone();
                let mut after = before.clone();
                if after.original_quote.is_none() && after.quote.exact != quote.exact {
                    after.original_quote = Some(after.quote.exact.clone());
                }
                after.article = article;
                after.quote = quote;
                after.position = position;
                after.article_hash = article_hash;
                after.modified = now();
                Change {
                    before: Some(before),
                    after: Some(after),
                }
            }
            Command::SetNote { id, note } => {
                let before = self.existing(&id)?.clone();
                if before.note == note {
                    return Ok(());
                }
                let mut after = before.clone();
                after.note = note;
                after.modified = now();
                self.admit(Some(&before), &after)?;
                if self.typing.as_deref() == Some(id.as_str())
                    && self.undo.last().is_some_and(|last| last.id() == id)
                {
                    // Same typing session: keep the original `before`, move `after` forward.
                    self.put(&id, Some(after.clone()));
                    if let Some(last) = self.undo.last_mut() {
                        last.after = Some(after);
                    }
                    self.redo.clear();
                    self.bump(Some(&id));
                    return Ok(());
                }
                self.typing = Some(id);
                Change {
                    before: Some(before),
                    after: Some(after),
                }
            }
        };
        if let Some(after) = &change.after {
            self.admit(change.before.as_ref(), after)?;
        }
        if !matches!(
            (&change.before, &change.after),
            (Some(b), Some(a)) if b.note != a.note
        ) {
            self.typing = None;
        }
        let id = change.id().to_owned();
        self.put(&id, change.after.clone());
        self.undo.push(change);
        self.redo.clear();
        self.bump(Some(&id));
        Ok(())
    }

    /// Makes an annotation's stored selectors follow its article's current text after
    /// re-anchoring: new position, quote and context, and the hash of the text they now refer
    /// to. When the quoted text itself changed, the first version is kept in `original_quote`.
    ///
    /// This is bookkeeping, not an edit by the reader: it is not an undo step and leaves
    /// `modified` alone (so merges still see the reader's last real edit), but it bumps the
    /// revision so that autosave writes it.
    pub fn follow_text(
        &mut self,
        id: &str,
        quote: QuoteSelector,
        position: PositionSelector,
        article_hash: &str,
    ) -> bool {
        if self.read_only.is_some() {
            return false;
        }
        let Some(&i) = self.index.get(id) else {
            return false;
        };
        let a = Arc::make_mut(&mut self.annotations[i]);
        if a.quote == quote && a.position == position && a.article_hash == article_hash {
            return false;
        }
        let old = entry_len(a) as u64;
        if a.quote.exact != quote.exact && a.original_quote.is_none() {
            a.original_quote = Some(a.quote.exact.clone());
        }
        a.quote = quote;
        a.position = position;
        a.article_hash = article_hash.to_owned();
        let new = entry_len(a) as u64;
        self.file_bytes = self.file_bytes - old.min(self.file_bytes) + new;
        self.bump(Some(id));
        true
    }

    /// Ends the current note-typing session: the next edit starts a new undo step.
    pub fn end_typing(&mut self) {
        self.typing = None;
    }

    /// Reverts the last change; returns the id of the annotation it touched.
    pub fn undo(&mut self) -> Option<String> {
        if self.read_only.is_some() {
            return None;
        }
        let change = self.undo.pop()?;
        self.typing = None;
        let id = change.id().to_owned();
        self.put(&id, change.before.clone());
        self.redo.push(change);
        self.bump(Some(&id));
        Some(id)
    }

    /// Re-applies the last undone change; returns the id of the annotation it touched.
    pub fn redo(&mut self) -> Option<String> {
        if self.read_only.is_some() {
            return None;
        }
        let change = self.redo.pop()?;
        self.typing = None;
        let id = change.id().to_owned();
        self.put(&id, change.after.clone());
        self.undo.push(change);
        self.bump(Some(&id));
        Some(id)
    }

    fn existing(&self, id: &str) -> Result<&Annotation, Refused> {
        self.get(id)
            .ok_or_else(|| Refused::NoSuchAnnotation(id.to_owned()))
    }

    /// Sets the annotation with `id` to `value` (insert, replace or remove).
    fn put(&mut self, id: &str, value: Option<Annotation>) {
        let index = self.index.get(id).copied();
        let old = index.map_or(0, |i| entry_len(&self.annotations[i]) as u64);
        let new = value.as_ref().map_or(0, |v| entry_len(v) as u64);
        self.file_bytes = self.file_bytes - old.min(self.file_bytes) + new;
        match (index, value) {
            (Some(i), Some(v)) => self.annotations[i] = Arc::new(v),
            (Some(i), None) => {
                // Order in memory does not matter (output is always sorted): swap-remove
                // and fix the index of the one that moved.
                self.annotations.swap_remove(i);
                self.index.remove(id);
                if let Some(moved) = self.annotations.get(i) {
                    self.index.insert(moved.id.clone(), i);
                }
            }
            (None, Some(v)) => {
                self.index.insert(v.id.clone(), self.annotations.len());
                self.annotations.push(Arc::new(v));
            }
            (None, None) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;

    fn sample() -> (Article, Annotation) {
        let article = Article::from_text("a.txt", "one two three".into(), None);
        let annotation = Annotation::new(&article, 4..7, Color::Yellow);
        (article, annotation)
    }

    #[test]
    fn typing_a_note_is_one_undo_step() {
        let (_, a) = sample();
        let id = a.id.clone();
        let mut nb = Notebook::new(vec![]);
        nb.apply(Command::Create(Box::new(a))).unwrap();
        for note in ["h", "he", "hey"] {
            nb.apply(Command::SetNote {
                id: id.clone(),
                note: note.into(),
            })
            .unwrap();
        }
        assert_eq!(nb.get(&id).unwrap().note, "hey");
        nb.undo();
        assert_eq!(nb.get(&id).unwrap().note, "");
        nb.undo();
        assert!(nb.get(&id).is_none());
        nb.redo();
        nb.redo();
        assert_eq!(nb.get(&id).unwrap().note, "hey");
    }

    #[test]
    fn read_only_notebooks_refuse_changes() {
        let (_, a) = sample();
        let mut nb = Notebook::read_only("corrupt file");
        assert!(matches!(
            nb.apply(Command::Create(Box::new(a))),
            Err(Refused::ReadOnly(_))
        ));
        assert_eq!(nb.revision(), 0);
    }

    #[test]
    fn recolor_and_delete_are_undoable() {
        let (_, a) = sample();
        let id = a.id.clone();
        let mut nb = Notebook::new(vec![a]);
        nb.apply(Command::Recolor {
            id: id.clone(),
            color: Color::Blue,
        })
        .unwrap();
        nb.apply(Command::Delete { id: id.clone() }).unwrap();
        assert!(nb.annotations().is_empty());
        nb.undo();
        assert_eq!(nb.get(&id).unwrap().color, Color::Blue);
        nb.undo();
        assert_eq!(nb.get(&id).unwrap().color, Color::Yellow);
        assert_eq!(nb.revision(), 4);
    }

    #[test]
    fn touched_since_names_the_changed_annotations_or_admits_it_does_not_know() {
        let (_, a) = sample();
        let id = a.id.clone();
        let mut nb = Notebook::new(vec![a]);
        let start = nb.revision();
        nb.apply(Command::SetNote {
            id: id.clone(),
            note: "x".into(),
        })
        .unwrap();
        nb.undo();
        assert_eq!(
            nb.touched_since(start),
            Some(vec![id.as_str(), id.as_str()])
        );
        assert_eq!(nb.touched_since(nb.revision()), Some(vec![]));
        let before_replace = nb.revision();
        nb.replace_all(Vec::new());
        assert_eq!(nb.touched_since(before_replace), None);
        for _ in 0..TOUCHED_KEPT + 1 {
            nb.replace_all(Vec::new());
        }
        assert_eq!(nb.touched_since(start), None, "too long ago to know");
    }
}
