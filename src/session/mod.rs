//! The reader's session without a window: the open workspace, the panes and what the reader
//! is doing in them (selection, find, a link being made, an earlier version shown), and
//! everything that goes on whether or not a frame is drawn — opening a corpus on a worker,
//! autosave, watching the folder and taking in what changed, the corpus lock, compare mode's
//! results, scrolling in step. No egui: the window ([`crate::ui`]) forwards the reader's
//! [`Action`]s to [`Session::apply`], drives [`Session::tick`] from its `logic`, and carries
//! out the [`Effect`]s both report; tests drive it the same way without a harness.
//!
//! In the spirit of rerun's App/AppState split: the session is the state and its rules, the
//! shell owns the egui context, layouts and dialogs. A worker that finishes wakes the window
//! through the [`Waker`] the shell gave.
//!
//! | file | does |
//! | --- | --- |
//! | `mod` (this) | the [`Session`], its [`Effect`]s, opening a corpus, saving now |
//! | [`action`] | the [`Action`]s the reader sends |
//! | `apply` | [`Session::apply`]: annotating, panes, selection, copying |
//! | `apply_links` | links being made, levelling panes, accepting and dismissing pairs |
//! | `apply_find` | the find bar, search results and overview cells opened |
//! | `apply_versions` | an earlier version beside its article |
//! | [`housekeeping`] | `tick`: save results, the folder watcher, article work, the lock, autosave |
//! | [`reader`] | the reading session's rules (panes, selection, note editor) |
//! | [`pane`] | a pane as text positions: article, selection, scroll requests |
//! | [`find`] | the find bar's state and the folded texts it searches |
//! | [`link_draft`] | a link being made |
//! | [`version_view`] | an earlier version read on a worker and shown beside its article |
//! | [`comparing`] | compare mode's results (cached by content) and the view built from them |
//! | [`sync_scroll`] | scrolling in step |

pub mod action;
mod apply;
mod apply_find;
mod apply_links;
mod apply_versions;
pub mod caret;
pub mod comparing;
pub mod find;
pub mod housekeeping;
pub mod link_draft;
pub mod pane;
pub mod reader;
pub mod sync_scroll;
pub mod version_view;

pub use action::{Action, Pair};

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::corpus::{Corpus, CorpusError};
use crate::job::{Job, Progress};
use crate::store::SaveError;
use crate::store::notes_file::DiskChange;
use crate::watch::FolderWatcher;
use crate::workspace::{Anchored, Mode, Workspace};

pub use housekeeping::{SAVE_DEBOUNCE_S, SAVE_MAX_DELAY_S, SAVE_RETRY_S};

/// Called by a worker that finished, so the window draws (and ticks) again.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// Work quicker than this shows no progress bar (a banner flashing up for one frame would
/// only make the text jump).
const SHOW_PROGRESS_AFTER: Duration = Duration::from_millis(300);

/// What the session asks the shell to do or show.
pub enum Effect {
    /// A corpus finished opening on the worker, or failed to (`previous` is the folder open
    /// before, to go back to).
    Opened {
        dir: PathBuf,
        previous: Option<PathBuf>,
        result: Result<Box<Workspace>, OpenError>,
    },
    /// A message for the reader.
    Info(String),
    Error(String),
    /// A save finished: `Ok` (what it merged from disk, if the file had changed, follows as
    /// [`Effect::DiskChanged`]), or the error to show until a save succeeds.
    Saved(Result<(), SaveError>),
    /// The notes file had changed on disk and was merged in.
    DiskChanged(DiskChange),
    /// Put this text on the clipboard.
    CopyText(String),
    /// A change took more than it shows (a highlight deleted with its note): say so, with
    /// Undo.
    Undoable(String),
    /// Show the notes panel (its filter changed).
    ShowNotes,
    /// An annotation was selected: level the other ends of its links with it in the
    /// neighbouring panes (where it stands on screen is the window's to say).
    LevelCounterparts(String),
}

/// Why a corpus could not be opened.
#[derive(Debug)]
pub enum OpenError {
    Corpus(CorpusError),
    /// The worker opening it stopped without an answer.
    Worker(crate::job::JobFailed),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::Corpus(e) => write!(f, "{e}"),
            OpenError::Worker(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for OpenError {}

/// What an opening worker handed back, as [`Effect::Opened`] reports it.
fn opened(
    answer: Result<Result<Workspace, CorpusError>, crate::job::JobFailed>,
) -> Result<Box<Workspace>, OpenError> {
    match answer {
        Ok(Ok(ws)) => Ok(Box::new(ws)),
        Ok(Err(e)) => Err(OpenError::Corpus(e)),
        Err(e) => Err(OpenError::Worker(e)),
    }
}

#[derive(Default)]
struct Autosave {
    revision_seen: u64,
    dirty_since: Option<f64>,
    last_change: f64,
    last_failure: Option<f64>,
}

/// Work on a worker that changes the articles.
enum ArticleWork {
    /// Listing the folder and, if it changed, reading it again.
    Checking(Job<Result<Option<Corpus>, CorpusError>>),
    /// Placing every highlight in the new texts.
    Anchoring(Job<Anchored>),
}

/// A corpus being opened on a worker.
struct Opening {
    job: Job<Result<Workspace, CorpusError>>,
    dir: PathBuf,
    previous: Option<PathBuf>,
}

pub struct Session {
    /// The open corpus and its notes; `None` while opening or when none could be opened.
    pub workspace: Option<Workspace>,
    /// The panes and what the reader is doing in them.
    pub reader: reader::Reader,
    /// Compare mode: corresponding passages of neighbouring panes marked.
    pub compare: bool,
    /// Scrolling in step on.
    pub sync_scroll: bool,
    /// Articles folded for find (on a worker, kept by content hash).
    folds: find::Folds,
    /// An earlier version of an article being read and compared.
    version_loading: Option<version_view::VersionLoading>,
    /// Compare mode's results and the comparison running.
    pub comparing: comparing::Comparing,
    /// Scrolling in step.
    pub sync: sync_scroll::SyncScroll,
    opening: Option<Opening>,
    autosave: Autosave,
    watcher: Option<FolderWatcher>,
    /// When the watcher last reported a change to the notes file / the articles that has not
    /// been looked at yet.
    notes_due: Option<Instant>,
    articles_due: Option<Instant>,
    /// When the corpus lock was last checked to still be the corpus's.
    lock_checked: Option<Instant>,
    work: Option<ArticleWork>,
    waker: Waker,
    effects: Vec<Effect>,
}

impl Session {
    pub fn new(waker: Waker) -> Session {
        Session {
            workspace: None,
            reader: Default::default(),
            compare: false,
            sync_scroll: false,
            folds: Default::default(),
            version_loading: None,
            comparing: Default::default(),
            sync: Default::default(),
            opening: None,
            autosave: Autosave::default(),
            watcher: None,
            notes_due: None,
            articles_due: None,
            lock_checked: None,
            work: None,
            waker,
            effects: Vec::new(),
        }
    }

    /// What the session reported since the last call, in order.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    fn info(&mut self, text: impl Into<String>) {
        self.effects.push(Effect::Info(text.into()));
    }

    fn error(&mut self, text: impl Into<String>) {
        self.effects.push(Effect::Error(text.into()));
    }

    /// Compare mode's suggestions and marks for the panes as they are (empty when it is off).
    pub fn compare_view(&mut self) -> std::sync::Arc<comparing::CompareView> {
        match &self.workspace {
            Some(ws) if self.compare => {
                let articles: Vec<Option<&str>> =
                    self.reader.panes.iter().map(|p| p.article()).collect();
                self.comparing.view(ws, &articles)
            }
            _ => Default::default(),
        }
    }

    /// The selected annotation is gone (merged away from disk): it is no longer selected or
    /// edited.
    pub fn forget_gone(&mut self) {
        if let Some(id) = self.reader.selected.clone()
            && self
                .workspace
                .as_ref()
                .is_some_and(|w| w.notebook().get(&id).is_none())
        {
            self.reader.forget(&id);
        }
    }

    /// The articles of neighbouring panes, compared while compare mode or scrolling in step
    /// is on.
    fn neighbours(&self) -> Vec<(String, String)> {
        if !(self.compare || self.sync_scroll) {
            return Vec::new();
        }
        let names = self.reader.article_names();
        names
            .windows(2)
            .filter_map(|w| Some((w[0].clone()?, w[1].clone()?)))
            .collect()
    }

    /// Lets go of the open corpus (and its lock) and starts opening `dir` on a worker;
    /// [`Effect::Opened`] reports it. A save or check in flight finishes first.
    pub fn start_opening(&mut self, dir: &Path) {
        let previous = self.workspace.as_ref().map(|ws| ws.corpus.root.clone());
        if let Some(ws) = &mut self.workspace {
            let _ = ws.wait_for_background_poll();
            let _ = ws.wait_for_background_save();
        }
        // Reopening the same folder must find it free, not locked by ourselves.
        self.workspace = None;
        self.open_in_background(dir, previous);
    }

    /// Opens `dir` on a worker (going back to `previous` if it cannot be opened is the
    /// shell's choice, with [`Self::go_back`]).
    fn open_in_background(&mut self, dir: &Path, previous: Option<PathBuf>) {
        self.watcher = None;
        self.work = None;
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| dir.display().to_string());
        let (wake, root) = (self.waker.clone(), dir.to_path_buf());
        let job = Job::spawn(format!("Opening {name}"), move |progress| {
            let opened = Workspace::open_with_progress(&root, Mode::Write, progress);
            wake();
            opened
        });
        self.opening = Some(Opening {
            job,
            dir: dir.to_path_buf(),
            previous,
        });
    }

    /// Opening failed: open `back` (the folder open before) again.
    pub fn go_back(&mut self, back: &Path) {
        self.open_in_background(back, None);
    }

    pub fn is_opening(&self) -> bool {
        self.opening.is_some()
    }

    /// Waits until the corpus being opened is open and reports it — tests and benches.
    pub fn wait_for_open(&mut self) {
        if let Some(Opening { job, dir, previous }) = self.opening.take() {
            self.effects.push(Effect::Opened {
                dir,
                previous,
                result: opened(job.wait()),
            });
        }
    }

    /// The shell took the opened workspace in: keep it and watch its folder.
    pub fn take_in(&mut self, ws: Workspace) {
        let wake = self.waker.clone();
        self.watcher = Some(FolderWatcher::new_with_waker(
            &ws.corpus.root,
            Box::new(move || wake()),
        ));
        self.work = None;
        self.notes_due = None;
        self.articles_due = None;
        self.autosave = Autosave::default();
        self.workspace = Some(ws);
    }

    /// Long work running now, once it has taken long enough to be worth a progress bar
    /// ([`SHOW_PROGRESS_AFTER`]): what it is, and how far it got. Opening a corpus shows at
    /// once (the window has nothing else to show).
    pub fn busy(&self) -> Option<(&str, &Progress)> {
        if let Some(o) = &self.opening {
            return Some((o.job.label.as_str(), &*o.job.progress));
        }
        if let Some(busy) = self.comparing.busy() {
            return Some(busy);
        }
        let (label, progress, started) = match self.work.as_ref()? {
            ArticleWork::Checking(job) => (&job.label, &job.progress, job.started),
            ArticleWork::Anchoring(job) => (&job.label, &job.progress, job.started),
        };
        (started.elapsed() >= SHOW_PROGRESS_AFTER).then_some((label.as_str(), &**progress))
    }

    /// Whether articles are being re-read or their highlights placed on a worker.
    pub fn article_work_running(&self) -> bool {
        self.work.is_some()
    }

    /// Saves the notes now if anything changed (quitting, switching folders); the outcome is
    /// also reported as [`Effect::Saved`].
    pub fn save_now(&mut self) -> Result<(), SaveError> {
        let Some(ws) = &mut self.workspace else {
            return Ok(());
        };
        if !ws.is_dirty() {
            return Ok(());
        }
        let result = ws.save();
        let outcome = result.as_ref().map(|_| ()).map_err(Clone::clone);
        self.saved(result, None);
        outcome
    }

    /// Takes in how a save went (`now`: the clock when it was a background save).
    fn saved(&mut self, result: Result<Option<DiskChange>, SaveError>, now: Option<f64>) {
        match result {
            Ok(change) => {
                self.autosave.last_failure = None;
                if now.is_none() {
                    self.autosave.dirty_since = None;
                }
                self.effects.push(Effect::Saved(Ok(())));
                if let Some(change) = change {
                    self.effects.push(Effect::DiskChanged(change));
                }
            }
            Err(e) => {
                if now.is_some() {
                    self.autosave.last_failure = now;
                }
                self.effects.push(Effect::Saved(Err(e)));
            }
        }
    }

    /// Waits for a background save (and check of the notes file) to finish and reports it.
    /// Tests call this before reading the notes file.
    pub fn wait_for_saves(&mut self) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        if let Some(change) = ws.wait_for_background_poll() {
            self.effects.push(Effect::DiskChanged(change));
        }
        let Some(ws) = &mut self.workspace else {
            return;
        };
        if let Some(result) = ws.wait_for_background_save() {
            self.saved(result, Some(0.0));
        }
    }

    /// Waits for the article work on the workers (re-reading, re-anchoring) to finish and
    /// takes it in — for tests, which then look at the result.
    pub fn wait_for_article_work(&mut self) {
        while let Some(work) = self.work.take() {
            match work {
                ArticleWork::Checking(job) => self.checked(job.wait()),
                ArticleWork::Anchoring(job) => self.anchored(job.wait()),
            }
        }
    }
}
