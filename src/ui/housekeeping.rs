//! Housekeeping: what must go on whether or not anything is drawn — eframe calls it from
//! [`eframe::App::logic`] before every frame, and also while the window is hidden.
//!
//! - **Saving.** Autosave waits for a pause in the changes ([`SAVE_DEBOUNCE_S`], at most
//!   [`SAVE_MAX_DELAY_S`]), saves on the saver thread, and takes the result in before the
//!   frame is drawn, so the frame that learns a save failed also shows it.
//! - **Watching the folder.** A [`FolderWatcher`] reports changes (or a slow timer does, where
//!   watching fails). The notes file is then checked; for articles, a worker lists the folder
//!   and re-reads it, a second worker places every highlight in the new texts, and the result
//!   is swapped in within one frame. Nothing here touches the disk per frame.
//! - **The title**, computed once per opened corpus.
//!
//! Each part asks for the frame at which it is next due, which keeps an idle app awake exactly
//! as often as it has something to do. Time is [`Housekeeping::clock`]: egui's time, but
//! never behind the wall clock (see there).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use eframe::egui::{self, ViewportCommand};

use super::app::GlossApp;
use super::house_state::ArticleWork;
use crate::corpus::{Corpus, CorpusError};
use crate::job::Job;
use crate::store::SaveError;
use crate::store::notes_file::DiskChange;
use crate::workspace::{Anchored, Workspace};

/// Seconds of quiet after a change before autosave writes (typing a note saves once it pauses).
pub const SAVE_DEBOUNCE_S: f64 = 0.25;
/// Longest a change may stay unsaved while changes keep coming.
pub const SAVE_MAX_DELAY_S: f64 = 0.8;
/// After a failed save, how long to wait before trying again.
pub const SAVE_RETRY_S: f64 = 2.0;
/// While work runs on a worker, how often a frame looks for its answer.
/// How long the folder must be quiet after a change before it is read.
const SETTLE: Duration = Duration::from_millis(100);
pub(super) const JOB_POLL: Duration = Duration::from_millis(50);
/// How often the corpus lock is checked to still be the corpus's.
const LOCK_CHECK: Duration = Duration::from_secs(2);

impl GlossApp {
    pub(super) fn housekeeping(&mut self, ctx: &egui::Context) {
        if self.house.page_steady && !self.house.page_shown {
            // This runs before the next frame, so the steady frame has been painted.
            self.house.page_shown = true;
            crate::startup::stage("first page on screen");
        }
        if self.house.title != self.house.title_sent {
            ctx.send_viewport_cmd(ViewportCommand::Title(self.house.title.clone()));
            self.house.title_sent = self.house.title.clone();
        }
        if let Some(opening) = self.house.opening.take() {
            match opening.job.try_take() {
                Some(result) => self.opened_job(opening.dir, opening.previous, result),
                None => {
                    self.house.opening = Some(opening);
                    ctx.request_repaint_after(JOB_POLL);
                }
            }
        }
        // Before drawing, so the frame that learns how a save went also shows it.
        let now = self.house.clock(ctx);
        if let Some(ws) = &mut self.workspace
            && let Some(result) = ws.finish_background_save()
        {
            self.take_save_result(result, Some(now));
        }
        self.watch_folder(ctx);
        self.check_lock(ctx);
        self.find_housekeeping(ctx);
        self.version_housekeeping(ctx);
        self.compare_neighbours(ctx);
        self.autosave(ctx);
    }

    fn opened_job(
        &mut self,
        dir: PathBuf,
        previous: Option<PathBuf>,
        result: Result<Result<Workspace, String>, crate::job::JobFailed>,
    ) {
        let result = result.unwrap_or_else(|e| Err(e.to_string()));
        self.opened(&dir, previous, result);
    }

    /// Waits until the corpus being opened (also one opened again after a failed switch) is
    /// open, and takes it in — for tests and benches, which then look at it.
    pub fn wait_for_open(&mut self) {
        while let Some(opening) = self.house.opening.take() {
            let result = opening.job.wait();
            self.opened_job(opening.dir, opening.previous, result);
        }
    }

    /// Takes in how a save went: clears or shows the save error, reports merges.
    pub(super) fn take_save_result(
        &mut self,
        result: Result<Option<DiskChange>, SaveError>,
        now: Option<f64>,
    ) {
        match result {
            Ok(change) => {
                self.notices.save_error = None;
                self.house.autosave.last_failure = None;
                if now.is_none() {
                    self.house.autosave.dirty_since = None;
                }
                if let Some(change) = change {
                    self.disk_changed(&change);
                }
            }
            Err(e) => {
                self.notices.save_error = Some(e);
                if now.is_some() {
                    self.house.autosave.last_failure = now;
                }
            }
        }
    }

    /// The notes file had changed on disk and was merged: say so; an annotation that is gone
    /// is no longer selected.
    fn disk_changed(&mut self, change: &DiskChange) {
        self.notices.disk_change(change);
        if let Some(id) = self.reader.selected.clone()
            && self
                .workspace
                .as_ref()
                .is_some_and(|w| w.notebook().get(&id).is_none())
        {
            self.reader.forget(&id);
        }
    }

    /// Waits for a background save to finish and takes its result in. Tests call this before
    /// reading the notes file; quitting waits the same way (inside [`Self::save_notes`]).
    pub fn wait_for_saves(&mut self) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        if let Some(change) = ws.wait_for_background_poll() {
            self.disk_changed(&change);
        }
        let Some(ws) = &mut self.workspace else {
            return;
        };
        if let Some(result) = ws.wait_for_background_save() {
            self.take_save_result(result, Some(0.0));
        }
    }

    /// Waits for the article work on the workers (re-reading, re-anchoring) to finish and
    /// takes it in — for tests, which then look at the result.
    pub fn wait_for_article_work(&mut self) {
        while let Some(work) = self.house.work.take() {
            match work {
                ArticleWork::Checking(job) => self.checked(job.wait()),
                ArticleWork::Anchoring(job) => self.anchored(job.wait()),
            }
        }
    }

    /// Takes in what the watcher reported and what the workers finished, starts the next
    /// piece of work, and asks for the frame at which something is next due.
    fn watch_folder(&mut self, ctx: &egui::Context) {
        let Some(watcher) = &mut self.house.watcher else {
            return;
        };
        let now = Instant::now();
        let due = watcher.due(now);
        ctx.request_repaint_after(watcher.next_check_in(now));
        // A change is remembered until it is looked at — never dropped because other work
        // was running — and looked at once the folder has been quiet for SETTLE: an editor
        // that truncates a file and then writes it sends two events, and reading between
        // them would see an empty file.
        let house = &mut self.house;
        if due.notes {
            house.notes_due = Some(now);
        }
        if due.articles {
            house.articles_due = Some(now);
        }
        let settled = |at: Option<Instant>| at.is_some_and(|t| now.duration_since(t) >= SETTLE);
        for at in [house.notes_due, house.articles_due].into_iter().flatten() {
            ctx.request_repaint_after(SETTLE.saturating_sub(now.duration_since(at)));
        }
        if let Some(ws) = &mut self.workspace {
            if settled(self.house.notes_due) && !ws.is_saving() && !ws.is_polling() {
                // One stat here; reading and merging a changed file happen on a worker.
                self.house.notes_due = None;
                ws.start_background_poll();
                // A sync tool's conflict copy (rare; one listing of the folder when the notes
                // changed) is merged, saved and put away.
                let merged: Vec<String> = ws
                    .take_in_sync_copies()
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                if !merged.is_empty() {
                    self.notices.info(merged.join("\n"));
                }
            }
            if let Some(change) = ws.finish_background_poll() {
                self.disk_changed(&change);
            }
            if self.workspace.as_ref().is_some_and(Workspace::is_polling) {
                ctx.request_repaint_after(JOB_POLL);
            }
        }
        let Some(ws) = &self.workspace else {
            return;
        };
        if settled(self.house.articles_due) && self.house.work.is_none() {
            self.house.articles_due = None;
            let root = ws.corpus.root.clone();
            let known = ws.known_signature().clone();
            self.house.work = Some(ArticleWork::Checking(Job::spawn(
                "Reading the changed articles",
                move |_| crate::workspace::check_articles(&root, &known),
            )));
        }
        match self.house.work.take() {
            Some(ArticleWork::Checking(job)) => match job.try_take() {
                Some(result) => self.checked(result),
                None => self.house.work = Some(ArticleWork::Checking(job)),
            },
            Some(ArticleWork::Anchoring(job)) => match job.try_take() {
                Some(result) => self.anchored(result),
                None => self.house.work = Some(ArticleWork::Anchoring(job)),
            },
            None => {}
        }
        if self.house.work.is_some() {
            ctx.request_repaint_after(JOB_POLL);
        }
    }

    /// Every [`LOCK_CHECK`], that the corpus lock held is still the corpus's: a folder removed
    /// and restored while the window runs has a new lock file nobody holds (one `stat`).
    fn check_lock(&mut self, ctx: &egui::Context) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        let now = Instant::now();
        if self
            .house
            .lock_checked
            .is_some_and(|t| now.duration_since(t) < LOCK_CHECK)
        {
            return;
        }
        self.house.lock_checked = Some(now);
        ctx.request_repaint_after(LOCK_CHECK);
        if let Some(message) = ws.check_lock() {
            if ws.can_annotate() {
                self.notices.info(message);
            } else {
                self.notices.error(message);
            }
        }
    }

    /// In compare mode, compares the articles of neighbouring panes on a worker (each pair
    /// once per pair of texts).
    fn compare_neighbours(&mut self, ctx: &egui::Context) {
        let Some(ws) = &self.workspace else { return };
        if !self.ui_state.compare && !self.ui_state.sync_scroll {
            return;
        }
        let articles: Vec<Option<&str>> = self.reader.panes.iter().map(|p| p.article()).collect();
        let neighbours: Vec<(&str, &str)> = articles
            .windows(2)
            .filter_map(|w| Some((w[0]?, w[1]?)))
            .collect();
        if self.house.comparing.update(ctx, &ws.corpus, &neighbours) {
            ctx.request_repaint_after(JOB_POLL);
        }
    }

    /// Scrolling in step: the pane the reader scrolled leads, and each neighbour, in turn, is
    /// put where the lead's top line maps to along their corresponding passages
    /// ([`crate::compare::mapping`]). A follower's own small move is not a lead's.
    pub(super) fn scroll_in_step(&mut self) {
        /// Chars a pane must move to count as scrolled by the reader (a follower lands within
        /// a line of its target).
        const MOVED: usize = 30;
        /// Frames a follower is not taken for a lead after it was put in place.
        const SETTLING_FRAMES: u8 = 6;
        if !self.ui_state.sync_scroll {
            self.house.sync_last.clear();
            return;
        }
        let Some(ws) = &self.workspace else { return };
        let panes = &self.reader.panes;
        let tops: Vec<usize> = panes.iter().map(|p| p.top_pos).collect();
        let last = std::mem::take(&mut self.house.sync_last);
        // A pane just put in place settles for a few frames (measured heights replace
        // estimates): its moves then are not the reader's.
        let settling = &mut self.house.sync_settling;
        settling.resize(tops.len(), 0);
        let lead = self.house.sync_lead.take().or_else(|| {
            let moved: Vec<usize> = (0..tops.len())
                .filter(|&i| settling[i] == 0)
                .filter(|&i| last.get(i).is_some_and(|&l| l.abs_diff(tops[i]) > MOVED))
                .collect();
            if moved.contains(&self.reader.active) {
                Some(self.reader.active)
            } else {
                moved.first().copied()
            }
        });
        for s in self.house.sync_settling.iter_mut() {
            *s = s.saturating_sub(1);
        }
        self.house.sync_last = tops.clone();
        let Some(lead) = lead.filter(|&l| l < panes.len()) else {
            return;
        };
        let article = |i: usize| {
            panes
                .get(i)
                .and_then(|p| p.article())
                .and_then(|a| ws.corpus.article(a))
        };
        let mut at: Vec<Option<usize>> = vec![None; panes.len()];
        at[lead] = Some(tops[lead]);
        let order: Vec<(usize, usize)> = (lead + 1..panes.len())
            .map(|i| (i - 1, i))
            .chain((0..lead).rev().map(|i| (i + 1, i)))
            .collect();
        for (from, to) in order {
            let (Some(pos), Some(a), Some(b)) = (at[from], article(from), article(to)) else {
                continue;
            };
            // Pairs are kept left pane → right pane; read them the other way round when
            // following leftwards.
            let (left, right) = if from < to { (a, b) } else { (b, a) };
            let pairs: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = self
                .house
                .comparing
                .pairs(&left.hash, &right.hash)
                .unwrap_or_default()
                .iter()
                .map(|p| (p.a.start..p.a.end, p.b.start..p.b.end))
                // The reader's links count as corresponding passages too.
                .chain(
                    self.derived
                        .links()
                        .iter()
                        .filter_map(|l| l.between(&left.file_name, &right.file_name)),
                )
                .map(|(l, r)| if from < to { (l, r) } else { (r, l) })
                .collect();
            at[to] = Some(crate::compare::mapping::map_position(
                &pairs,
                pos,
                a.char_len(),
                b.char_len(),
            ));
        }
        for (i, target) in at.into_iter().enumerate() {
            if i == lead {
                continue;
            }
            if let Some(target) = target
                && target.abs_diff(tops[i]) > MOVED / 2
            {
                self.reader.panes[i].reveal = Some(crate::ui::pane::Reveal::TopExact(target));
                self.house.sync_last[i] = target;
                self.house.sync_settling[i] = SETTLING_FRAMES;
            }
        }
    }

    /// The folder listing was checked: if articles changed, place the highlights in them.
    fn checked(
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
                self.house.work = Some(ArticleWork::Anchoring(Job::spawn(label, move |p| {
                    job.run(p)
                })));
            }
            Ok(Err(e)) => self.notices.error(e.to_string()),
            Err(e) => self.notices.error(e.to_string()),
        }
    }

    /// The highlights were placed in the new texts: swap them in, in this one frame.
    fn anchored(&mut self, result: Result<Anchored, crate::job::JobFailed>) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        match result {
            Ok(done) => {
                ws.finish_refresh(done);
                let orphans = ws.unplaced_count();
                self.notices.info(format!(
                    "Articles changed on disk; highlights were found again in the new text \
                     ({orphans} could not be placed — see Unanchored)."
                ));
            }
            Err(e) => self.notices.error(e.to_string()),
        }
    }

    /// Saves in the background once the notes have been quiet for a moment (or have waited
    /// too long).
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let now = self.house.clock(ctx);
        let Some(ws) = &mut self.workspace else {
            return;
        };
        if ws.is_saving() || ws.is_polling() {
            ctx.request_repaint_after(JOB_POLL);
            return;
        }
        if !ws.is_dirty() || ws.load_error.is_some() {
            return;
        }
        let a = &mut self.house.autosave;
        let revision = ws.notebook().revision();
        if revision != a.revision_seen {
            a.revision_seen = revision;
            a.last_change = now;
            a.dirty_since.get_or_insert(now);
        }
        let dirty_since = *a.dirty_since.get_or_insert(now);
        let mut due = (a.last_change + SAVE_DEBOUNCE_S).min(dirty_since + SAVE_MAX_DELAY_S);
        if let Some(failed) = a.last_failure {
            due = due.max(failed + SAVE_RETRY_S);
        }
        if now < due {
            ctx.request_repaint_after(Duration::from_secs_f64(due - now));
            return;
        }
        if ws.start_background_save() {
            a.dirty_since = None;
            ctx.request_repaint_after(JOB_POLL);
        } else if self.save_notes().is_err() {
            // No thread could be started: saved in place, and that failed.
            self.house.autosave.last_failure = Some(now);
            ctx.request_repaint_after(Duration::from_secs_f64(SAVE_RETRY_S));
        }
    }
}
