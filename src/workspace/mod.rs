//! A workspace: one opened corpus, its notebook, where each annotation sits, and the state of
//! its notes file.
//!
//! This is what the UI and the CLI hold, and it owns the rules that protect the reader's notes:
//!
//! - only the process holding the corpus lock may save; a second one is read-only;
//! - a notes file that cannot be read is never saved over (the reader may restore the backup or
//!   start fresh; the bad file has been copied aside);
//! - a save first merges whatever changed on disk ([`crate::store::notes_file`]);
//! - annotations whose article is missing are kept, and re-attached when an article with the
//!   same content appears under another name.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::anchor::{self, Anchor, NormCache};
use crate::annotation::{PositionSelector, QuoteSelector, quote_selector};
use crate::corpus::{Corpus, CorpusError, is_safe_article_name};
use crate::notebook::{Command, Notebook, Refused};
use crate::notes::Notes;
use crate::store::LoadError;
use crate::store::lock::{CorpusLock, LockError};
use crate::store::notes_file::{DiskChange, NotesFile};

/// A save running on the saver thread: the revision and the annotations it is writing, and
/// where its result arrives.
struct InFlight {
    revision: u64,
    /// Shared pointers: taking it costs the UI thread no copy of the annotations.
    snapshot: crate::notebook::Snapshot,
    job: crate::job::Job<Result<Option<DiskChange>, crate::store::SaveError>>,
}

/// How a workspace is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Take the corpus lock and save changes (the app, `gloss import`).
    Write,
    /// Never lock, never save (`gloss export`, `gloss check`).
    Read,
}

/// Why the notes cannot be changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnly {
    /// The notes file could not be read (see `load_error`).
    Unreadable,
    /// Another process holds the corpus lock.
    Locked(LockError),
    /// Opened with [`Mode::Read`].
    ReadMode,
    /// One of gloss's own files (the backup) is a link or special file, which gloss will not
    /// write through or replace; the reason says which.
    UnsafeFile(String),
}

/// Where an annotation's article is, when it is not simply in the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleProblem {
    /// No file of that name in the corpus (renamed, moved or deleted).
    Missing,
    /// The name points outside the corpus folder; it is never read or written.
    Refused,
}

pub struct Workspace {
    /// The versions being kept after opening, on a worker (see [`Workspace::versions`]).
    keeping: Option<crate::job::Job<()>>,
    pub corpus: Corpus,
    notebook: Notebook,
    /// Shared with the background saver thread (see [`Workspace::start_background_save`]).
    notes: Arc<Mutex<NotesFile>>,
    /// A save running on the saver thread.
    in_flight: Option<InFlight>,
    /// A check of the notes file running on a worker (see `polling.rs`).
    polling: Option<polling::Polling>,
    _lock: Option<CorpusLock>,
    read_only: Option<ReadOnly>,
    /// Set when the notes file could not be read.
    pub load_error: Option<LoadError>,
    /// Where an unreadable notes file was copied (byte for byte) before anything else.
    pub corrupt_copy: Option<PathBuf>,
    /// Ids the notes file repeated, and the new ids the later copies were given.
    pub renamed_duplicates: Vec<crate::store::duplicates::Renamed>,
    /// What was done with the notes file's sync-conflict copies since opening (see
    /// `sync_merging.rs`).
    pub sync_merges: Vec<crate::store::sync_copies::CopyMerge>,
    anchors: HashMap<String, Anchor>,
    norms: NormCache,
    saved_revision: u64,
    /// Bumped whenever every anchor may have moved (articles re-read, notes replaced), so
    /// views rebuild what they derived from anchors; single changes show in the notebook's
    /// revision instead.
    generation: u64,
    /// See [`Workspace::backup_available`].
    backup_readable: bool,
}

mod keeping;
mod linking;
mod orphans;
mod polling;
mod refresh;
mod saving;
mod selection;
mod sync_merging;

pub use linking::{End, Linked};
pub use orphans::OrphanReason;
pub use refresh::{AnchorJob, Anchored, check_articles};
pub use selection::{Highlighted, SelectionRefused};

impl Workspace {
    /// Opens a corpus folder for reading and annotating.
    pub fn open(root: &Path) -> Result<Workspace, CorpusError> {
        Workspace::open_with(root, Mode::Write)
    }

    /// Opens a corpus folder without locking it or ever saving.
    pub fn open_read_only(root: &Path) -> Result<Workspace, CorpusError> {
        Workspace::open_with(root, Mode::Read)
    }

    pub fn open_with(root: &Path, mode: Mode) -> Result<Workspace, CorpusError> {
        Workspace::open_with_progress(root, mode, &crate::job::Progress::default())
    }

    /// [`Workspace::open_with`], reporting on `progress` the articles read, then the
    /// annotations placed — what the window shows while a big corpus opens on a worker.
    pub fn open_with_progress(
        root: &Path,
        mode: Mode,
        progress: &crate::job::Progress,
    ) -> Result<Workspace, CorpusError> {
        let corpus = Corpus::load_with_progress(root, progress)?;
        crate::startup::stage("articles read");
        let (lock, lock_error) = match mode {
            Mode::Read => (None, None),
            // Whatever the reason the lock cannot be taken (held by another gloss, a read-only
            // folder, a link or directory in its place), this process does not write.
            Mode::Write => match CorpusLock::acquire(&corpus.root) {
                Ok(lock) => (Some(lock), None),
                Err(e) => (None, Some(e)),
            },
        };
        let notes_path = crate::store::notes_path(&corpus.root);
        if lock.is_some() {
            // Holding the lock, no other save is in flight: tidy what killed saves left.
            crate::store::backup::remove_stale_temp_files(&notes_path);
        }
        let opened = NotesFile::open(&notes_path);
        crate::startup::stage("notes read");
        let (notes, load_error) = match opened.notes {
            Ok(notes) => (notes, None),
            Err(e) => (Notes::default(), Some(e)),
        };
        let backup = crate::store::backup::backup_path(&notes_path);
        let unsafe_backup = crate::safe_file::inspect(&backup).err();
        let read_only = if load_error.is_some() {
            Some(ReadOnly::Unreadable)
        } else if let Some(e) = lock_error {
            Some(ReadOnly::Locked(e))
        } else if let Some(e) = unsafe_backup
            && mode == Mode::Write
        {
            Some(ReadOnly::UnsafeFile(e.to_string()))
        } else if mode == Mode::Read {
            Some(ReadOnly::ReadMode)
        } else {
            None
        };
        let corpus_root = corpus.root.clone();
        let mut workspace = Workspace {
            keeping: None,
            corpus,
            notebook: Notebook::from_notes(notes),
            notes: Arc::new(Mutex::new(opened.file)),
            in_flight: None,
            polling: None,
            _lock: lock,
            read_only: None,
            load_error,
            corrupt_copy: opened.corrupt_copy,
            renamed_duplicates: opened.renamed,
            sync_merges: Vec::new(),
            anchors: HashMap::new(),
            norms: NormCache::for_corpus(&corpus_root),
            saved_revision: 0,
            generation: 0,
            backup_readable: false,
        };
        workspace.set_read_only(read_only);
        workspace.backup_readable =
            workspace.can_recover() && workspace.notes_file().read_backup().is_ok();
        if !workspace.renamed_duplicates.is_empty() && workspace.can_annotate() {
            // The file on disk still repeats those ids: write the renamed copies.
            workspace.saved_revision = u64::MAX;
        }
        workspace.reattach_moved_articles();
        crate::startup::stage("notebook built");
        workspace.reanchor_all_with(progress);
        crate::startup::stage("highlights placed");
        workspace.take_in_sync_copies();
        workspace.follow_text();
        // The texts are kept on a worker: compressing two 2 MB articles took 300 ms of a
        // 565 ms open. Whatever reads the versions waits for it (`versions`).
        workspace.keep_versions_in_background();
        Ok(workspace)
    }

    /// Checks that the corpus lock this workspace holds is still the corpus's lock file (see
    /// [`CorpusLock::still_held`]); if it is not, takes the lock again, or — when another
    /// process took it meanwhile, or it cannot be taken — goes read-only. Returns what the
    /// reader should be told. One `stat`: the window calls it on a timer.
    pub fn check_lock(&mut self) -> Option<String> {
        if self._lock.as_ref()?.still_held() {
            return None;
        }
        match CorpusLock::acquire(&self.corpus.root) {
            Ok(lock) => {
                self._lock = Some(lock);
                Some(
                    "The corpus folder was replaced while gloss ran; gloss holds its lock again."
                        .into(),
                )
            }
            Err(e) => {
                self._lock = None;
                self.set_read_only(Some(ReadOnly::Locked(LockError::Lost(e.to_string()))));
                self.read_only_reason()
            }
        }
    }

    fn set_read_only(&mut self, read_only: Option<ReadOnly>) {
        self.read_only = read_only;
        self.notebook.set_read_only(self.read_only_reason());
    }

    pub fn notebook(&self) -> &Notebook {
        &self.notebook
    }

    /// Whether commands will be accepted.
    pub fn can_annotate(&self) -> bool {
        self.read_only.is_none()
    }

    pub fn read_only(&self) -> Option<&ReadOnly> {
        self.read_only.as_ref()
    }

    /// Why the notes cannot be changed, in words for the reader.
    pub fn read_only_reason(&self) -> Option<String> {
        match self.read_only.as_ref()? {
            ReadOnly::Unreadable => Some(match &self.load_error {
                Some(e) => format!("the notes file could not be read — {e}"),
                None => "the notes file could not be read".into(),
            }),
            ReadOnly::Locked(e) => Some(e.to_string()),
            ReadOnly::ReadMode => Some("opened read-only".into()),
            ReadOnly::UnsafeFile(why) => Some(why.clone()),
        }
    }

    /// Whether the reader may recover from an unreadable notes file (restore the backup or
    /// start fresh): only when its bytes were damaged and have been copied aside. Never for a
    /// file from a newer gloss, one too large to read (it was not copied), a link or special
    /// file (never replaced), or one the system would not let us read.
    pub fn can_recover(&self) -> bool {
        self.read_only == Some(ReadOnly::Unreadable)
            && self.corrupt_copy.is_some()
            && self.load_error.as_ref().is_some_and(LoadError::is_corrupt)
    }

    /// Whether a readable backup exists to recover from — read once when the workspace
    /// opened (the banner asks every frame; the file is not read every frame).
    pub fn backup_available(&self) -> bool {
        self.backup_readable
    }

    /// Replaces an unreadable notes file by the last backup (the bad file stays copied aside).
    pub fn recover_from_backup(&mut self) -> Result<usize, RecoverError> {
        if !self.can_recover() {
            return Err(RecoverError::NothingToRecover);
        }
        let notes = self
            .notes_file()
            .read_backup()
            .map_err(RecoverError::Backup)?;
        let count = notes.annotations.len();
        self.recover_with(notes);
        Ok(count)
    }

    /// Starts an empty notebook in place of an unreadable notes file (which stays copied
    /// aside); the next save writes a new `annotations.ron`.
    pub fn start_fresh(&mut self) {
        if self.can_recover() {
            self.recover_with(Notes::default());
        }
    }

    fn recover_with(&mut self, notes: Notes) {
        self.load_error = None;
        self.notebook = Notebook::from_notes(notes);
        self.set_read_only(None);
        // Unsaved by definition: the file on disk is still the unreadable one.
        self.saved_revision = u64::MAX;
        self.reattach_moved_articles();
        self.reanchor_all();
        self.follow_text();
    }

    /// Applies a command (the one door for changes) and keeps anchors current.
    pub fn apply(&mut self, command: Command) -> Result<(), Refused> {
        let mut ids = Vec::new();
        command_annotations(&command, &mut ids);
        self.notebook.apply(command)?;
        for id in ids {
            self.reanchor(&id);
        }
        Ok(())
    }

    /// Undoes the last change; returns the annotations it touched.
    pub fn undo(&mut self) -> Option<Vec<String>> {
        let ids = self.notebook.undo()?;
        for id in &ids {
            self.reanchor(id);
        }
        Some(ids)
    }

    /// Redoes the last undone change; returns the annotations it touched.
    pub fn redo(&mut self) -> Option<Vec<String>> {
        let ids = self.notebook.redo()?;
        for id in &ids {
            self.reanchor(id);
        }
        Some(ids)
    }

    pub fn end_typing(&mut self) {
        self.notebook.end_typing();
    }

    /// Where an annotation is shown now (`None` for orphans and missing articles).
    pub fn range_of(&self, id: &str) -> Option<Range<usize>> {
        self.anchors.get(id).and_then(Anchor::range)
    }

    pub fn anchor_of(&self, id: &str) -> Option<&Anchor> {
        self.anchors.get(id)
    }

    /// Whether an annotation's article is missing or refused.
    pub fn article_problem(&self, article: &str) -> Option<ArticleProblem> {
        if !is_safe_article_name(article) {
            Some(ArticleProblem::Refused)
        } else if self.corpus.article(article).is_none() {
            Some(ArticleProblem::Missing)
        } else {
            None
        }
    }

    pub(super) fn notes_file(&self) -> std::sync::MutexGuard<'_, NotesFile> {
        // A panic while saving leaves the notes file's state as it was before that save.
        self.notes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Annotations whose article is missing but whose recorded content hash matches an article
    /// of the corpus under another name are moved to it (a rename or a move into the folder).
    fn reattach_moved_articles(&mut self) {
        if !self.can_annotate() {
            return;
        }
        for (id, article) in moved_articles(&self.corpus, self.notebook.annotations()) {
            let _ = self.notebook.apply(Command::MoveToArticle { id, article });
        }
    }

    /// Changes whenever anchors may all have moved (see the field).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    fn reanchor_all(&mut self) {
        self.reanchor_all_with(&crate::job::Progress::default());
    }

    fn reanchor_all_with(&mut self, progress: &crate::job::Progress) {
        progress.restart(self.notebook.annotations().len());
        self.generation += 1;
        self.anchors.clear();
        for annotation in self.notebook.annotations() {
            let anchor = anchor_in(&self.corpus, annotation, &mut self.norms);
            self.anchors.insert(annotation.id.clone(), anchor);
            progress.step();
        }
    }

    fn reanchor(&mut self, id: &str) {
        let Some(annotation) = self.notebook.get(id) else {
            self.anchors.remove(id);
            return;
        };
        let anchor = anchor_in(&self.corpus, annotation, &mut self.norms);
        self.anchors.insert(id.to_owned(), anchor);
    }

    /// The selectors an annotation has in the current text: re-computed from its anchor, or the
    /// stored quote alone (no position) for an orphan.
    pub fn current_selectors(
        &self,
        annotation: &crate::annotation::Annotation,
    ) -> (QuoteSelector, Option<PositionSelector>) {
        match (
            self.range_of(&annotation.id),
            self.corpus.article(&annotation.article),
        ) {
            (Some(range), Some(article)) => (
                quote_selector(article, range.clone()),
                Some(PositionSelector {
                    start: range.start,
                    end: range.end,
                }),
            ),
            _ => (annotation.quote.clone(), None),
        }
    }

    /// After re-anchoring, stored selectors follow the current text (see
    /// [`Notebook::follow_text`]). Orphans keep theirs. Only when the notes can be saved.
    fn follow_text(&mut self) {
        if !self.can_annotate() {
            return;
        }
        let updates: Vec<(String, QuoteSelector, PositionSelector, String)> = self
            .notebook
            .annotations()
            .iter()
            .filter_map(|a| {
                let article = self.corpus.article(&a.article)?;
                let (quote, position) = self.current_selectors(a);
                let position = position?;
                let unchanged =
                    a.position == position && a.quote == quote && a.article_hash == article.hash;
                (!unchanged).then(|| (a.id.clone(), quote, position, article.hash.clone()))
            })
            .collect();
        for (id, quote, position, hash) in updates {
            self.notebook.follow_text(&id, quote, position, &hash);
            self.reanchor(&id);
        }
    }
}

/// The annotations a command may change (whose anchors must then be looked at again).
fn command_annotations(command: &Command, out: &mut Vec<String>) {
    match command {
        Command::Create(a) => out.push(a.id.clone()),
        Command::Delete { id }
        | Command::Recolor { id, .. }
        | Command::SetNote { id, .. }
        | Command::SetTags { id, .. }
        | Command::MoveToArticle { id, .. }
        | Command::Retarget { id, .. } => out.push(id.clone()),
        Command::Batch(commands) => {
            for c in commands {
                command_annotations(c, out);
            }
        }
        Command::CreateLink(_)
        | Command::DeleteLink { .. }
        | Command::EditLink { .. }
        | Command::Dismiss(_) => {}
    }
}

/// Where an annotation sits in the corpus: anchored in its article, or an orphan when the
/// article is missing or its name is refused.
fn anchor_in(
    corpus: &Corpus,
    annotation: &crate::annotation::Annotation,
    norms: &mut NormCache,
) -> Anchor {
    match corpus.article(&annotation.article) {
        Some(article) if is_safe_article_name(&annotation.article) => {
            anchor::locate(article, annotation, norms)
        }
        _ => Anchor::Orphan,
    }
}

/// Annotations whose article is missing but whose recorded content hash matches an article
/// of the corpus under another name: `(id, new article)`.
fn moved_articles(
    corpus: &Corpus,
    annotations: &[Arc<crate::annotation::Annotation>],
) -> Vec<(String, String)> {
    annotations
        .iter()
        .filter(|a| !a.article_hash.is_empty() && corpus.article(&a.article).is_none())
        .filter_map(|a| {
            let found = corpus.articles.iter().find(|x| x.hash == a.article_hash)?;
            Some((a.id.clone(), found.file_name.clone()))
        })
        .collect()
}

/// Why the last backup could not replace an unreadable notes file.
#[derive(Debug)]
pub enum RecoverError {
    /// The notes file is readable (or there is none): nothing to recover.
    NothingToRecover,
    /// The backup itself cannot be read.
    Backup(crate::store::LoadError),
}

impl std::fmt::Display for RecoverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecoverError::NothingToRecover => write!(f, "nothing to recover from"),
            RecoverError::Backup(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for RecoverError {}
