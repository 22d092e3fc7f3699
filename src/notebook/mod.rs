//! The notebook: the notes of one corpus — annotations, the links between them, dismissed
//! compare suggestions — and the only door through which they change.
//!
//! Every change is a named [`Command`]. Applying one records each entry it touched as it was
//! before and after (one undo *step* may touch several: deleting a highlight deletes its links
//! with it), which is all undo and redo need; the revision counter it bumps is what autosave
//! watches. The UI, the CLI and the tests all change notes this way and no other, so they
//! cannot disagree about what a change means.

mod command;
mod links;
#[cfg(test)]
mod tests;

pub use command::{Command, Refused};
pub use links::Snapshot;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::annotation::{Annotation, PositionSelector, QuoteSelector, now};
use crate::limits::{MAX_NOTE_CHARS, MAX_NOTES_BYTES, MAX_QUOTE_CHARS, MAX_TAG_CHARS};
use crate::link::{Dismissal, Link};
use crate::notes::Notes;
use crate::store::{dismissal_len, entry_len, link_len};

/// One entry as it was before and after a change (`None` = did not exist).
#[derive(Debug, Clone)]
enum Edit {
    Annotation {
        before: Option<Box<Annotation>>,
        after: Option<Box<Annotation>>,
    },
    Link {
        before: Option<Link>,
        after: Option<Link>,
    },
    Dismissal {
        before: Option<Dismissal>,
        after: Option<Dismissal>,
    },
}

impl Edit {
    /// The id of the entry edited.
    fn id(&self) -> &str {
        fn pick<'a, T>(b: &'a Option<T>, a: &'a Option<T>, f: fn(&T) -> &str) -> &'a str {
            b.as_ref().or(a.as_ref()).map(f).unwrap_or_default()
        }
        match self {
            Edit::Annotation { before, after } => pick(before, after, |x| &x.id),
            Edit::Link { before, after } => pick(before, after, |x| &x.id),
            Edit::Dismissal { before, after } => pick(before, after, |x| &x.key),
        }
    }

    /// The annotations whose display the edit changes: the annotation itself, or a link's
    /// two ends (their rows list the link).
    fn touched(&self, out: &mut Vec<String>) {
        match self {
            Edit::Annotation { .. } => out.push(self.id().to_owned()),
            Edit::Link { before, after } => {
                for link in before.iter().chain(after.iter()) {
                    for end in [&link.from, &link.to] {
                        if !out.contains(end) {
                            out.push(end.clone());
                        }
                    }
                }
            }
            Edit::Dismissal { .. } => {}
        }
    }

    /// The same edit the other way round (for undo).
    fn reversed(&self) -> Edit {
        match self.clone() {
            Edit::Annotation { before, after } => Edit::Annotation {
                before: after,
                after: before,
            },
            Edit::Link { before, after } => Edit::Link {
                before: after,
                after: before,
            },
            Edit::Dismissal { before, after } => Edit::Dismissal {
                before: after,
                after: before,
            },
        }
    }
}

/// What one command changed: undone and redone as a whole.
type Step = Vec<Edit>;

#[derive(Debug, Default)]
pub struct Notebook {
    /// Shared, so that a snapshot for the saver thread is a copy of pointers, not of 10,000
    /// annotations (a change replaces one `Arc`; see [`Notebook::snapshot`]).
    annotations: Vec<Arc<Annotation>>,
    /// Position of each id in `annotations` (looked up every frame; must not scan 10,000).
    index: HashMap<String, usize>,
    links: Vec<Link>,
    link_index: HashMap<String, usize>,
    /// Annotation id → the ids of the links that end there.
    ends: HashMap<String, Vec<String>>,
    dismissed: BTreeMap<String, Dismissal>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    revision: u64,
    /// Bumped by every change to links or dismissals (views derive connectors from them).
    links_revision: u64,
    /// Id of the note being typed (an annotation's or a link's), whose edits merge into the
    /// last undo step.
    typing: Option<String>,
    read_only: Option<String>,
    /// What the notes file for these notes takes, in bytes (kept up to date by every change,
    /// so a change that would make the file too large to read back is refused).
    file_bytes: u64,
    /// The annotations the last revisions touched, so views can update what they derived for
    /// those instead of rebuilding it all. Complete for revisions after `touched_from`.
    touched: std::collections::VecDeque<(u64, String)>,
    touched_from: u64,
}

/// How many touched annotations [`Notebook::touched_since`] keeps.
const TOUCHED_KEPT: usize = 64;

impl Notebook {
    pub fn new(annotations: Vec<Annotation>) -> Notebook {
        Notebook::from_notes(Notes::from_annotations(annotations))
    }

    pub fn from_notes(notes: Notes) -> Notebook {
        let mut notebook = Notebook::default();
        notebook.set_all(notes);
        notebook
    }

    fn set_all(&mut self, notes: Notes) {
        self.annotations = notes.annotations.into_iter().map(Arc::new).collect();
        self.links = notes.links;
        self.dismissed = notes
            .dismissed
            .into_iter()
            .map(|d| (d.key.clone(), d))
            .collect();
        self.reindex();
    }

    fn reindex(&mut self) {
        self.file_bytes = crate::store::FRAME_LEN as u64
            + self
                .annotations
                .iter()
                .map(|a| entry_len(a) as u64)
                .sum::<u64>()
            + self.links.iter().map(|l| link_len(l) as u64).sum::<u64>()
            + self
                .dismissed
                .values()
                .map(|d| dismissal_len(d) as u64)
                .sum::<u64>();
        self.index = self
            .annotations
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        self.link_index = self
            .links
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id.clone(), i))
            .collect();
        self.ends.clear();
        for link in &self.links {
            for end in [&link.from, &link.to] {
                self.ends
                    .entry(end.clone())
                    .or_default()
                    .push(link.id.clone());
            }
        }
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

    /// Replaces all notes at once — for taking in the notes file as merged with changes
    /// made elsewhere. Undo history is dropped: steps recorded against the old set could undo
    /// someone else's edit.
    pub fn replace_all(&mut self, notes: Notes) {
        self.set_all(notes);
        self.undo.clear();
        self.redo.clear();
        self.typing = None;
        self.links_revision += 1;
        self.bump(None);
    }

    /// Moves to the next revision, remembering which annotations changed (`None`: all).
    fn bump(&mut self, touched: Option<Vec<String>>) {
        self.revision += 1;
        let Some(ids) = touched else {
            self.touched.clear();
            self.touched_from = self.revision;
            return;
        };
        for id in ids {
            if self.touched.len() == TOUCHED_KEPT
                && let Some((dropped, _)) = self.touched.pop_front()
            {
                self.touched_from = self.touched_from.max(dropped);
            }
            self.touched.push_back((self.revision, id));
        }
    }

    /// The annotations changed since `revision`, one id per change (repeats possible), or
    /// `None` when that is not known: everything was replaced, or it is too long ago.
    pub fn touched_since(&self, revision: u64) -> Option<Vec<&str>> {
        if revision == self.revision {
            return Some(Vec::new());
        }
        if revision > self.revision || revision < self.touched_from {
            return None;
        }
        Some(
            self.touched
                .iter()
                .filter(|(r, _)| *r > revision)
                .map(|(_, id)| id.as_str())
                .collect(),
        )
    }

    pub fn annotations(&self) -> &[Arc<Annotation>] {
        &self.annotations
    }

    /// A plain copy of every annotation (for saving, merging and exporting; costs a copy of
    /// each — not for the UI thread with many notes).
    pub fn to_list(&self) -> Vec<Annotation> {
        self.annotations.iter().map(|a| (**a).clone()).collect()
    }

    /// A plain copy of all notes (see [`Notebook::to_list`]).
    pub fn to_notes(&self) -> Notes {
        Notes {
            annotations: self.to_list(),
            links: self.links.clone(),
            dismissed: self.dismissed.values().cloned().collect(),
        }
    }

    /// The size the notes file for these notes has, in bytes.
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
        admit_note(before.map(|b| b.note.as_str()), &after.note)?;
        // A tag not there before may not be over the limit (one loaded over it may stay).
        if let Some(long) = after.tags.iter().find(|t| {
            before.is_none_or(|b| !b.tags.contains(t)) && t.chars().count() > MAX_TAG_CHARS
        }) {
            return Err(Refused::TagTooLong {
                chars: long.chars().count(),
            });
        }
        self.admit_bytes(before.map_or(0, entry_len), entry_len(after))
    }

    /// Whether the notes file may grow from `old` bytes to `new` bytes for one entry.
    fn admit_bytes(&self, old: usize, new: usize) -> Result<(), Refused> {
        let (old, new) = (old as u64, new as u64);
        let total = self.file_bytes - old.min(self.file_bytes) + new;
        if new > old && total > MAX_NOTES_BYTES {
            return Err(Refused::NotesFileFull { bytes: total });
        }
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Annotation> {
        self.index.get(id).map(|&i| &*self.annotations[i])
    }

    /// The shared annotation with `id`: a change replaces it with a new `Arc`, so a view can
    /// tell by pointer whether what it derived from it is still current.
    pub fn get_arc(&self, id: &str) -> Option<&Arc<Annotation>> {
        self.index.get(id).map(|&i| &self.annotations[i])
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

    /// Applies a command and records it as one undo step. A command that fails part way
    /// (inside a [`Command::Batch`]) changes nothing.
    pub fn apply(&mut self, command: Command) -> Result<(), Refused> {
        if let Some(why) = &self.read_only {
            return Err(Refused::ReadOnly(why.clone()));
        }
        let typing_id = match &command {
            Command::SetNote { id, .. } | Command::EditLink { id, .. } => Some(id.clone()),
            _ => None,
        };
        if let Some(id) = &typing_id
            && self.typing.as_ref() == Some(id)
            && self
                .undo
                .last()
                .is_some_and(|last| last.len() == 1 && last[0].id() == id)
        {
            return self.continue_typing(command);
        }
        let mut step = Step::new();
        if let Err(e) = self.plan(command, &mut step) {
            for edit in step.iter().rev() {
                self.put_edit(&edit.reversed());
            }
            return Err(e);
        }
        if step.is_empty() {
            return Ok(());
        }
        self.typing = typing_id;
        let mut touched = Vec::new();
        for edit in &step {
            edit.touched(&mut touched);
        }
        if step.iter().any(|e| !matches!(e, Edit::Annotation { .. })) {
            self.links_revision += 1;
        }
        self.undo.push(step);
        self.redo.clear();
        self.bump(Some(touched));
        Ok(())
    }

    /// The next keystroke of the note being typed: the last undo step's `after` moves
    /// forward, its `before` stays, so undo removes the whole typed note.
    fn continue_typing(&mut self, command: Command) -> Result<(), Refused> {
        let mut step = Step::new();
        self.plan(command, &mut step)?;
        let (Some(new), Some(last)) = (step.pop(), self.undo.last_mut()) else {
            return Ok(()); // nothing changed
        };
        let mut touched = Vec::new();
        new.touched(&mut touched);
        match (&mut last[0], new) {
            (Edit::Annotation { after, .. }, Edit::Annotation { after: new, .. }) => *after = new,
            (Edit::Link { after, .. }, Edit::Link { after: new, .. }) => {
                *after = new;
                self.links_revision += 1;
            }
            _ => {}
        }
        self.redo.clear();
        self.bump(Some(touched));
        Ok(())
    }

    /// Carries out `command`, pushing each edit made onto `step` (so a failure can be rolled
    /// back by the caller).
    fn plan(&mut self, command: Command, step: &mut Step) -> Result<(), Refused> {
        match command {
            Command::Create(annotation) => {
                if self.get(&annotation.id).is_some() {
                    return Err(Refused::DuplicateId(annotation.id));
                }
                self.set_annotation(None, Some(*annotation), step)
            }
            Command::Delete { id } => {
                let before = self.existing(&id)?.clone();
                let link_ids: Vec<String> = self.ends.get(&id).cloned().unwrap_or_default();
                for link in link_ids {
                    if let Some(before) = self.link(&link).cloned() {
                        self.set_link(Some(before), None, step)?;
                    }
                }
                self.set_annotation(Some(before), None, step)
            }
            Command::Recolor { id, color } => self.change(&id, step, |a| {
                let changed = a.color != color;
                a.color = color;
                changed
            }),
            Command::MoveToArticle { id, article } => self.change(&id, step, |a| {
                let changed = a.article != article;
                a.article = article;
                changed
            }),
            Command::Retarget {
                id,
                article,
                quote,
                position,
                article_hash,
            } => self.change(&id, step, |a| {
                if a.original_quote.is_none() && a.quote.exact != quote.exact {
                    a.original_quote = Some(a.quote.exact.clone());
                }
                a.article = article;
                a.quote = quote;
                a.position = position;
                a.article_hash = article_hash;
                true
            }),
            Command::SetTags { id, tags } => self.change(&id, step, |a| {
                let tags = crate::annotation::normalise_tags(tags.iter().map(String::as_str));
                let changed = a.tags != tags;
                a.tags = tags;
                changed
            }),
            Command::SetNote { id, note } => self.change(&id, step, |a| {
                let changed = a.note != note;
                a.note = note;
                changed
            }),
            Command::CreateLink(link) => {
                if self.link(&link.id).is_some() {
                    return Err(Refused::DuplicateId(link.id));
                }
                self.existing(&link.from)?;
                self.existing(&link.to)?;
                if link.from == link.to {
                    return Err(Refused::LinkToItself);
                }
                if let Some(other) = self
                    .links_of(&link.from)
                    .find(|l| l.other_end(&link.from) == Some(link.to.as_str()))
                {
                    return Err(Refused::AlreadyLinked(other.id.clone()));
                }
                self.set_link(None, Some(*link), step)
            }
            Command::DeleteLink { id } => {
                let before = self.existing_link(&id)?.clone();
                self.set_link(Some(before), None, step)
            }
            Command::EditLink { id, relation, note } => {
                let before = self.existing_link(&id)?.clone();
                if before.relation == relation && before.note == note {
                    return Ok(());
                }
                let mut after = before.clone();
                after.relation = relation;
                after.note = note;
                after.modified = now();
                self.set_link(Some(before), Some(after), step)
            }
            Command::Dismiss(dismissal) => {
                if self.dismissed.contains_key(&dismissal.key) {
                    return Ok(());
                }
                self.admit_bytes(0, dismissal_len(&dismissal))?;
                self.record(
                    Edit::Dismissal {
                        before: None,
                        after: Some(*dismissal),
                    },
                    step,
                );
                Ok(())
            }
            Command::Batch(commands) => {
                for command in commands {
                    self.plan(command, step)?;
                }
                Ok(())
            }
        }
    }

    /// Edits annotation `id` with `f` (which says whether it changed anything); `modified`
    /// is set to now.
    fn change(
        &mut self,
        id: &str,
        step: &mut Step,
        f: impl FnOnce(&mut Annotation) -> bool,
    ) -> Result<(), Refused> {
        let before = self.existing(id)?.clone();
        let mut after = before.clone();
        if !f(&mut after) {
            return Ok(());
        }
        after.modified = now();
        self.set_annotation(Some(before), Some(after), step)
    }

    fn set_annotation(
        &mut self,
        before: Option<Annotation>,
        after: Option<Annotation>,
        step: &mut Step,
    ) -> Result<(), Refused> {
        if let Some(after) = &after {
            self.admit(before.as_ref(), after)?;
        }
        self.record(
            Edit::Annotation {
                before: before.map(Box::new),
                after: after.map(Box::new),
            },
            step,
        );
        Ok(())
    }

    fn set_link(
        &mut self,
        before: Option<Link>,
        after: Option<Link>,
        step: &mut Step,
    ) -> Result<(), Refused> {
        if let Some(after) = &after {
            admit_note(before.as_ref().map(|b| b.note.as_str()), &after.note)?;
            self.admit_bytes(before.as_ref().map_or(0, link_len), link_len(after))?;
        }
        self.record(Edit::Link { before, after }, step);
        Ok(())
    }

    /// Makes an edit and remembers it in the step.
    fn record(&mut self, edit: Edit, step: &mut Step) {
        self.put_edit(&edit);
        step.push(edit);
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
        self.bump(Some(vec![id.to_owned()]));
        true
    }

    /// Ends the current note-typing session: the next edit starts a new undo step.
    pub fn end_typing(&mut self) {
        self.typing = None;
    }

    /// Reverts the last change; returns the annotations it touched (for a link, its ends).
    pub fn undo(&mut self) -> Option<Vec<String>> {
        self.travel(true)
    }

    /// Re-applies the last undone change; returns the annotations it touched.
    pub fn redo(&mut self) -> Option<Vec<String>> {
        self.travel(false)
    }

    fn travel(&mut self, back: bool) -> Option<Vec<String>> {
        if self.read_only.is_some() {
            return None;
        }
        let step = if back {
            self.undo.pop()?
        } else {
            self.redo.pop()?
        };
        self.typing = None;
        let mut touched = Vec::new();
        if back {
            for edit in step.iter().rev() {
                self.put_edit(&edit.reversed());
            }
        } else {
            for edit in &step {
                self.put_edit(edit);
            }
        }
        for edit in &step {
            edit.touched(&mut touched);
        }
        if step.iter().any(|e| !matches!(e, Edit::Annotation { .. })) {
            self.links_revision += 1;
        }
        if back {
            self.redo.push(step);
        } else {
            self.undo.push(step);
        }
        self.bump(Some(touched.clone()));
        Some(touched)
    }

    fn existing(&self, id: &str) -> Result<&Annotation, Refused> {
        self.get(id)
            .ok_or_else(|| Refused::NoSuchAnnotation(id.to_owned()))
    }

    fn existing_link(&self, id: &str) -> Result<&Link, Refused> {
        self.link(id)
            .ok_or_else(|| Refused::NoSuchLink(id.to_owned()))
    }

    /// Makes the notes hold the edit's `after`.
    fn put_edit(&mut self, edit: &Edit) {
        let id = edit.id().to_owned();
        match edit {
            Edit::Annotation { after, .. } => self.put(&id, after.as_deref().cloned()),
            Edit::Link { after, .. } => self.put_link(&id, after.clone()),
            Edit::Dismissal { after, .. } => {
                let old = self.dismissed.remove(&id).map_or(0, |d| dismissal_len(&d));
                let new = after.as_ref().map_or(0, dismissal_len);
                self.resize(old, new);
                if let Some(d) = after {
                    self.dismissed.insert(id, d.clone());
                }
            }
        }
    }

    fn resize(&mut self, old: usize, new: usize) {
        self.file_bytes = self.file_bytes - (old as u64).min(self.file_bytes) + new as u64;
    }

    /// Sets the annotation with `id` to `value` (insert, replace or remove).
    fn put(&mut self, id: &str, value: Option<Annotation>) {
        let index = self.index.get(id).copied();
        let old = index.map_or(0, |i| entry_len(&self.annotations[i]));
        let new = value.as_ref().map_or(0, entry_len);
        self.resize(old, new);
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

/// A note may not grow past [`MAX_NOTE_CHARS`] (one already over it may shrink).
fn admit_note(before: Option<&str>, after: &str) -> Result<(), Refused> {
    if before.is_none_or(|b| b.len() < after.len()) {
        let chars = after.chars().count();
        if chars > MAX_NOTE_CHARS {
            return Err(Refused::NoteTooLong { chars });
        }
    }
    Ok(())
}
