//! *Compare with earlier version*, its state: an article's earlier kept text
//! ([`crate::versions`]) read beside the current one, read-only, with the word-level changes
//! marked in both panes — deleted words struck through in the earlier text, inserted ones
//! shaded in the current — a summary ("14 changes: 9 edited, 3 added, 2 removed") and next /
//! previous change. The pane's header is drawn by `crate::ui::version_view`.
//!
//! The earlier text is read and diffed on a worker ([`VersionLoading`]); the rest is plain
//! state the reading view and the header read through the frame context.

use std::ops::Range;
use std::sync::Arc;

use crate::corpus::Article;
use crate::job::Job;
use crate::versions::changes::{self, Change};
use crate::versions::{Version, VersionStore};

/// An earlier version shown beside its article.
pub struct VersionView {
    /// The article (file name) whose earlier version is shown.
    pub article: String,
    pub from: Version,
    /// The earlier text, as an article to read (not in the corpus: nothing can be made on it).
    pub old: Arc<Article>,
    pub changes: Vec<Change>,
    pub summary: String,
    /// Deleted text in the earlier version and inserted text in the current one, sorted.
    pub old_marks: Vec<Range<usize>>,
    pub new_marks: Vec<Range<usize>>,
    /// The pane showing the earlier version.
    pub pane: usize,
    /// The change last stepped to.
    pub current: Option<usize>,
    /// What the pane showed before (restored on close); `None` when it was opened for the
    /// version.
    pub previous: Option<super::pane::PaneState>,
}

/// What the worker hands back.
pub struct Loaded {
    pub article: String,
    pub from: Version,
    pub old: Arc<Article>,
    pub changes: Vec<Change>,
    pub summary: String,
}

/// No earlier version of the article differs from its text now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoEarlierVersion {
    /// The article's title as the reader sees it.
    pub title: String,
}

impl std::fmt::Display for NoEarlierVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "No earlier version of {} is kept (gloss keeps the text highlights were made on \
             from now on).",
            self.title
        )
    }
}

impl std::error::Error for NoEarlierVersion {}

/// An earlier version being read and compared on a worker.
pub type VersionLoading = Job<Result<Loaded, NoEarlierVersion>>;

/// Starts reading the version `hash` of `article` (the oldest kept one that differs from the
/// current text when `None`) and comparing it with the current text.
pub fn start(
    store: VersionStore,
    article: &Article,
    hash: Option<String>,
    wake: super::Waker,
) -> VersionLoading {
    let current = article.clone();
    Job::spawn("Comparing with the earlier version", move |_| {
        let loaded = load(&store, &current, hash);
        wake();
        loaded
    })
}

fn load(
    store: &VersionStore,
    current: &Article,
    hash: Option<String>,
) -> Result<Loaded, NoEarlierVersion> {
    {
        let found = match &hash {
            Some(h) => changes::since(store, current, h),
            None => changes::since_oldest(store, current),
        };
        let found = found.ok_or_else(|| NoEarlierVersion {
            title: current.display_title().to_owned(),
        })?;
        let label = format!(
            "{} (kept {})",
            current.file_name,
            found.from.kept.strftime("%Y-%m-%d %H:%M")
        );
        let old = Arc::new(Article::from_version(
            current,
            found.old_text.clone(),
            label,
        ));
        Ok(Loaded {
            summary: found.summary(),
            article: current.file_name.clone(),
            from: found.from,
            old,
            changes: found.changes,
        })
    }
}

impl VersionView {
    pub fn new(loaded: Loaded, pane: usize) -> VersionView {
        let old_marks = loaded
            .changes
            .iter()
            .filter(|c| !c.old.is_empty())
            .map(|c| c.old.clone())
            .collect();
        let new_marks = loaded
            .changes
            .iter()
            .filter(|c| !c.new.is_empty())
            .map(|c| c.new.clone())
            .collect();
        VersionView {
            article: loaded.article,
            from: loaded.from,
            old: loaded.old,
            changes: loaded.changes,
            summary: loaded.summary,
            old_marks,
            new_marks,
            pane,
            current: None,
            previous: None,
        }
    }

    /// The change `step` changes on from the current one (wrapping round).
    pub fn step(&mut self, step: i32) -> Option<&Change> {
        let n = self.changes.len();
        if n == 0 {
            return None;
        }
        let next = match self.current {
            None if step >= 0 => 0,
            None => n - 1,
            Some(i) => (i as i64 + step as i64).rem_euclid(n as i64) as usize,
        };
        self.current = Some(next);
        self.changes.get(next)
    }

    /// The marks for pane `pane` showing `article`: the deleted text in the earlier version,
    /// the inserted text in the current one. Empty for any other pane.
    pub fn marks_for(&self, pane: usize, article: Option<&str>) -> (&[Range<usize>], bool) {
        if pane == self.pane {
            (&self.old_marks, true)
        } else if article == Some(self.article.as_str()) {
            (&self.new_marks, false)
        } else {
            (&[], false)
        }
    }
}
