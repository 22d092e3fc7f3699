//! [`Session::tick`]: what must go on whether or not anything is drawn — the window calls it
//! from `eframe::App::logic` before every frame, and also while it is hidden.
//!
//! - **Opening.** The corpus opened on a worker is reported when it is ready.
//! - **Saving.** Autosave waits for a pause in the changes ([`SAVE_DEBOUNCE_S`], at most
//!   [`SAVE_MAX_DELAY_S`]), saves on the saver thread, and takes the result in before the
//!   frame is drawn, so the frame that learns a save failed also shows it.
//! - **Watching the folder.** A [`crate::watch::FolderWatcher`] reports changes (or a slow
//!   timer does, where watching fails). The notes file is then checked; for articles, a worker
//!   lists the folder and re-reads it, a second worker places every highlight in the new
//!   texts, and the result is swapped in within one tick. Nothing here touches the disk per
//!   tick.
//! - **The lock.** Every [`LOCK_CHECK`], that the corpus lock is still the corpus's.
//!
//! Each part says when it is next due; `tick` returns the earliest, which keeps an idle app
//! awake exactly as often as it has something to do.

use std::time::{Duration, Instant};

use super::{ArticleWork, Effect, Session};
use crate::corpus::{Corpus, CorpusError};
use crate::job::Job;
use crate::workspace::Anchored;

/// Seconds of quiet after a change before autosave writes (typing a note saves once it pauses).
pub const SAVE_DEBOUNCE_S: f64 = 0.25;
/// Longest a change may stay unsaved while changes keep coming.
pub const SAVE_MAX_DELAY_S: f64 = 0.8;
/// After a failed save, how long to wait before trying again.
pub const SAVE_RETRY_S: f64 = 2.0;
/// How long the folder must be quiet after a change before it is read: an editor that
/// truncates a file and then writes it sends two events, and reading between them would see
/// an empty file.
const SETTLE: Duration = Duration::from_millis(100);
/// While work runs on a worker, how often a tick looks for its answer.
pub(crate) const JOB_POLL: Duration = Duration::from_millis(50);
/// How often the corpus lock is checked to still be the corpus's.
const LOCK_CHECK: Duration = Duration::from_secs(2);

/// The earliest of the times the parts of a tick are next due.
struct Due {
    now: Instant,
    next: Option<Instant>,
}

impl Due {
    fn after(&mut self, wait: Duration) {
        let at = self.now + wait;
        self.next = Some(self.next.map_or(at, |n| n.min(at)));
    }
}

impl Session {
    /// Does what is due at `now` (`clock`: seconds on the window's clock, which autosave's
    /// timing follows — egui's time, never behind the wall clock) and returns when it next
    /// needs a tick, if ever.
    pub fn tick(&mut self, now: Instant, clock: f64) -> Option<Instant> {
        let mut due = Due { now, next: None };
        if let Some(opening) = self.opening.take() {
            match opening.job.try_take() {
                Some(result) => self.effects.push(Effect::Opened {
                    dir: opening.dir,
                    previous: opening.previous,
                    result: super::opened(result),
                }),
                None => {
                    self.opening = Some(opening);
                    due.after(JOB_POLL);
                }
            }
        }
        // Before drawing, so the frame that learns how a save went also shows it.
        if let Some(ws) = &mut self.workspace
            && let Some(result) = ws.finish_background_save()
        {
            self.saved(result, Some(clock));
        }
        self.watch_folder(&mut due);
        self.check_lock(&mut due);
        let neighbours = self.neighbours();
        let neighbours: Vec<(&str, &str)> = neighbours
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        if let Some(ws) = &self.workspace
            && !neighbours.is_empty()
            && self.comparing.update(&self.waker, &ws.corpus, &neighbours)
        {
            due.after(JOB_POLL);
        }
        // Workers wake the window when they finish (folds, an earlier version).
        self.find_upkeep();
        self.version_upkeep();
        self.autosave(clock, &mut due);
        due.next
    }

    /// Takes in what the watcher reported and what the workers finished, and starts the next
    /// piece of work.
    fn watch_folder(&mut self, due: &mut Due) {
        let Some(watcher) = &mut self.watcher else {
            return;
        };
        let now = due.now;
        let seen = watcher.due(now);
        due.after(watcher.next_check_in(now));
        // A change is remembered until it is looked at — never dropped because other work
        // was running — and looked at once the folder has been quiet for SETTLE.
        if seen.notes {
            self.notes_due = Some(now);
        }
        if seen.articles {
            self.articles_due = Some(now);
        }
        let settled = |at: Option<Instant>| at.is_some_and(|t| now.duration_since(t) >= SETTLE);
        for at in [self.notes_due, self.articles_due].into_iter().flatten() {
            due.after(SETTLE.saturating_sub(now.duration_since(at)));
        }
        if let Some(ws) = &mut self.workspace {
            if settled(self.notes_due) && !ws.is_saving() && !ws.is_polling() {
                // One stat here; reading and merging a changed file happen on a worker.
                self.notes_due = None;
                ws.start_background_poll();
                // A sync tool's conflict copy (rare; one listing of the folder when the notes
                // changed) is merged, saved and put away.
                let merged: Vec<String> = ws
                    .take_in_sync_copies()
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                if !merged.is_empty() {
                    self.effects.push(Effect::Info(merged.join("\n")));
                }
            }
            if let Some(change) = ws.finish_background_poll() {
                self.effects.push(Effect::DiskChanged(change));
            }
            if ws.is_polling() {
                due.after(JOB_POLL);
            }
        }
        let Some(ws) = &self.workspace else {
            return;
        };
        if settled(self.articles_due) && self.work.is_none() {
            self.articles_due = None;
            let root = ws.corpus.root.clone();
            let known = ws.known_signature().clone();
            self.work = Some(ArticleWork::Checking(Job::spawn(
                "Reading the changed articles",
                move |_| crate::workspace::check_articles(&root, &known),
            )));
        }
        match self.work.take() {
            Some(ArticleWork::Checking(job)) => match job.try_take() {
                Some(result) => self.checked(result),
                None => self.work = Some(ArticleWork::Checking(job)),
            },
            Some(ArticleWork::Anchoring(job)) => match job.try_take() {
                Some(result) => self.anchored(result),
                None => self.work = Some(ArticleWork::Anchoring(job)),
            },
            None => {}
        }
        if self.work.is_some() {
            due.after(JOB_POLL);
        }
    }

    /// That the corpus lock held is still the corpus's: a folder removed and restored while
    /// the window runs has a new lock file nobody holds (one `stat`).
    fn check_lock(&mut self, due: &mut Due) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        if self
            .lock_checked
            .is_some_and(|t| due.now.duration_since(t) < LOCK_CHECK)
        {
            return;
        }
        self.lock_checked = Some(due.now);
        due.after(LOCK_CHECK);
        if let Some(message) = ws.check_lock() {
            self.effects.push(if ws.can_annotate() {
                Effect::Info(message)
            } else {
                Effect::Error(message)
            });
        }
    }

    /// The folder listing was checked: if articles changed, place the highlights in them.
    pub(super) fn checked(
        &mut self,
        result: Result<Result<Option<Corpus>, CorpusError>, crate::job::JobFailed>,
    ) {
        let Some(ws) = &self.workspace else { return };
        match result {
            Ok(Ok(None)) => {}
            Ok(Ok(Some(corpus))) => {
                let job = ws.anchor_job(corpus);
                let label = format!(
                    "Articles changed on disk: placing {} highlight(s) again",
                    job.len()
                );
                self.work = Some(ArticleWork::Anchoring(Job::spawn(label, move |p| {
                    job.run(p)
                })));
            }
            Ok(Err(e)) => self.effects.push(Effect::Error(e.to_string())),
            Err(e) => self.effects.push(Effect::Error(e.to_string())),
        }
    }

    /// The highlights were placed in the new texts: swap them in, in this one tick.
    pub(super) fn anchored(&mut self, result: Result<Anchored, crate::job::JobFailed>) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        match result {
            Ok(done) => {
                ws.finish_refresh(done);
                let orphans = ws.unplaced_count();
                self.effects.push(Effect::Info(format!(
                    "Articles changed on disk; highlights were found again in the new text \
                     ({orphans} could not be placed — see Unanchored)."
                )));
            }
            Err(e) => self.effects.push(Effect::Error(e.to_string())),
        }
    }

    /// Autosave alone, for the shell right after it applied a frame's changes (so a change
    /// gets its timer in the frame it was made); returns when it is next due.
    pub fn autosave_now(&mut self, now: Instant, clock: f64) -> Option<Instant> {
        let mut due = Due { now, next: None };
        self.autosave(clock, &mut due);
        due.next
    }

    /// Saves in the background once the notes have been quiet for a moment (or have waited
    /// too long).
    fn autosave(&mut self, now: f64, due: &mut Due) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        if ws.is_saving() || ws.is_polling() {
            due.after(JOB_POLL);
            return;
        }
        if !ws.is_dirty() || ws.load_error.is_some() {
            return;
        }
        let a = &mut self.autosave;
        let revision = ws.notebook().revision();
        if revision != a.revision_seen {
            a.revision_seen = revision;
            a.last_change = now;
            a.dirty_since.get_or_insert(now);
        }
        let dirty_since = *a.dirty_since.get_or_insert(now);
        let mut when = (a.last_change + SAVE_DEBOUNCE_S).min(dirty_since + SAVE_MAX_DELAY_S);
        if let Some(failed) = a.last_failure {
            when = when.max(failed + SAVE_RETRY_S);
        }
        if now < when {
            due.after(Duration::from_secs_f64(when - now));
            return;
        }
        if ws.start_background_save() {
            a.dirty_since = None;
            due.after(JOB_POLL);
        } else if self.save_now().is_err() {
            // No thread could be started: saved in place, and that failed.
            self.autosave.last_failure = Some(now);
            due.after(Duration::from_secs_f64(SAVE_RETRY_S));
        }
    }
}
