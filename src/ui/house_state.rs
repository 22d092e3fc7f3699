//! What housekeeping ([`super::housekeeping`]) keeps between frames: the autosave timer, the
//! folder watcher, the work running on workers (opening a corpus, re-reading changed
//! articles), the window title. Plain state with small accessors; the rules that act on it
//! live in `housekeeping`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui;

use crate::corpus::{Corpus, CorpusError};
use crate::job::{Job, Progress};
use crate::watch::FolderWatcher;
use crate::workspace::{Anchored, Mode, Workspace};

/// Work quicker than this shows no progress bar (a banner flashing up for one frame would
/// only make the text jump).
const SHOW_PROGRESS_AFTER: Duration = Duration::from_millis(300);

#[derive(Default)]
pub(super) struct Autosave {
    pub(super) revision_seen: u64,
    pub(super) dirty_since: Option<f64>,
    pub(super) last_change: f64,
    pub(super) last_failure: Option<f64>,
}

/// Work on a worker that changes the articles.
pub(super) enum ArticleWork {
    /// Listing the folder and, if it changed, reading it again.
    Checking(Job<Result<Option<Corpus>, CorpusError>>),
    /// Placing every highlight in the new texts.
    Anchoring(Job<Anchored>),
}

/// A corpus being opened on a worker.
pub(super) struct Opening {
    pub(super) job: Job<Result<Workspace, String>>,
    pub(super) dir: PathBuf,
    /// The folder open before, to go back to if this one cannot be opened.
    pub(super) previous: Option<PathBuf>,
}

pub struct Housekeeping {
    started: Instant,
    pub(super) opening: Option<Opening>,
    egui: egui::Context,
    pub(super) autosave: Autosave,
    pub(super) watcher: Option<FolderWatcher>,
    /// Compare mode's results and the comparison running.
    pub(super) comparing: super::comparing::Comparing,
    /// Articles folded for find (on a worker, kept by content hash).
    pub(super) folds: super::find::Folds,
    /// Scrolling in step: each pane's top char last frame, and the pane that leads.
    pub(super) sync_last: Vec<usize>,
    pub(super) sync_lead: Option<usize>,
    pub(super) sync_settling: Vec<u8>,
    /// When the watcher last reported a change to the notes file / the articles that has not
    /// been looked at yet.
    pub(super) notes_due: Option<Instant>,
    pub(super) articles_due: Option<Instant>,
    /// When the corpus lock was last checked to still be the corpus's (see
    /// [`crate::workspace::Workspace::check_lock`]).
    pub(super) lock_checked: Option<Instant>,
    pub(super) work: Option<ArticleWork>,
    /// An earlier version of an article being read and compared (compare with earlier
    /// version).
    pub(super) version_loading: Option<super::version_state::VersionLoading>,
    pub(super) title: String,
    pub(super) title_sent: String,
    /// Frames drawn until the first page was steady, for the start-up probe.
    pub frames: u32,
    /// Where each pane's first paragraph was drawn in the last frame (start-up probe).
    pub last_page: Vec<(usize, i32)>,
    pub page_steady: bool,
    pub(super) page_shown: bool,
}

impl Housekeeping {
    pub fn new(egui: egui::Context) -> Housekeeping {
        Housekeeping {
            started: Instant::now(),
            opening: None,
            egui,
            autosave: Autosave::default(),
            notes_due: None,
            articles_due: None,
            lock_checked: None,
            sync_last: Vec::new(),
            sync_settling: Vec::new(),
            sync_lead: None,
            comparing: Default::default(),
            folds: Default::default(),
            watcher: None,
            work: None,
            version_loading: None,
            title: "gloss — no corpus".into(),
            title_sent: String::new(),
            frames: 0,
            last_page: Vec::new(),
            page_steady: false,
            page_shown: false,
        }
    }

    /// Starts opening `dir` on a worker; the window asks for a frame as soon as it is done.
    pub fn start_opening(&mut self, dir: &Path, previous: Option<PathBuf>) {
        self.watcher = None;
        self.work = None;
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| dir.display().to_string());
        let (egui, root) = (self.egui.clone(), dir.to_path_buf());
        let job = Job::spawn(format!("Opening {name}"), move |progress| {
            let opened = Workspace::open_with_progress(&root, Mode::Write, progress)
                .map_err(|e| e.to_string());
            egui.request_repaint();
            opened
        });
        self.opening = Some(Opening {
            job,
            dir: dir.to_path_buf(),
            previous,
        });
    }

    pub fn is_opening(&self) -> bool {
        self.opening.is_some()
    }

    /// A corpus was opened: watch its folder, name the window after it.
    pub fn watch(&mut self, ws: &Workspace, canonical_root: &Path) {
        let name = canonical_root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| ws.corpus.name());
        self.title = format!("gloss — {name}");
        let egui = self.egui.clone();
        self.watcher = Some(FolderWatcher::new_with_waker(
            &ws.corpus.root,
            Box::new(move || egui.request_repaint()),
        ));
        self.work = None;
        self.notes_due = None;
        self.articles_due = None;
        self.autosave = Autosave::default();
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

    /// Seconds since start: egui's input time, but never behind the wall clock. While eframe
    /// runs only `logic` (a window it considers hidden or occluded), egui's time stays at the
    /// last drawn frame's, and a timer run by it alone would never come due; in tests egui's
    /// time runs ahead of the wall clock, and wins.
    pub fn clock(&self, ctx: &egui::Context) -> f64 {
        ctx.input(|i| i.time)
            .max(self.started.elapsed().as_secs_f64())
    }
}
