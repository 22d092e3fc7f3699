//! The shell's `logic`: tick the [`crate::session::Session`] (saving, watching, the lock,
//! compare results — see there), carry out the effects it reports, and ask egui for a frame
//! when it is next due. Also the window's own upkeep: the title, the start-up probe, find
//! folds, an earlier version loading, and moving the panes that scroll in step.

use std::path::Path;
use std::time::Instant;

use eframe::egui::{self, ViewportCommand};

use super::app::GlossApp;
use crate::session::Effect;
use crate::store::notes_file::DiskChange;

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
        let now = Instant::now();
        let clock = self.house.clock(ctx);
        let comparing = self.ui_state.compare || self.ui_state.sync_scroll;
        let articles = self.reader.article_names();
        let neighbours: Vec<(&str, &str)> = articles
            .windows(2)
            .filter(|_| comparing)
            .filter_map(|w| Some((w[0].as_deref()?, w[1].as_deref()?)))
            .collect();
        if let Some(next) = self.session.tick(now, clock, &neighbours) {
            ctx.request_repaint_after(next.saturating_duration_since(now));
        }
        self.carry_out_effects();
        self.find_housekeeping(ctx);
        self.version_housekeeping(ctx);
    }

    /// What the session reported: messages, save results, a corpus opened.
    pub(super) fn carry_out_effects(&mut self) {
        for effect in self.session.take_effects() {
            match effect {
                Effect::Opened {
                    dir,
                    previous,
                    result,
                } => self.opened(&dir, previous, result.map(|ws| *ws)),
                Effect::Info(text) => self.notices.info(text),
                Effect::Error(text) => self.notices.error(text),
                Effect::Saved(Ok(())) => self.notices.save_error = None,
                Effect::Saved(Err(e)) => self.notices.save_error = Some(e),
                Effect::DiskChanged(change) => self.disk_changed(&change),
            }
        }
    }

    /// Waits until the corpus being opened (also one opened again after a failed switch) is
    /// open, and takes it in — for tests and benches, which then look at it.
    pub fn wait_for_open(&mut self) {
        while self.session.is_opening() {
            self.session.wait_for_open();
            self.carry_out_effects();
        }
    }

    /// The notes file had changed on disk and was merged: say so; an annotation that is gone
    /// is no longer selected.
    fn disk_changed(&mut self, change: &DiskChange) {
        self.notices.disk_change(change);
        if let Some(id) = self.reader.selected.clone()
            && self
                .session
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
        self.session.wait_for_saves();
        self.carry_out_effects();
    }

    /// Waits for the article work on the workers (re-reading, re-anchoring) to finish and
    /// takes it in — for tests, which then look at the result.
    pub fn wait_for_article_work(&mut self) {
        self.session.wait_for_article_work();
        self.carry_out_effects();
    }

    /// Opening `dir` failed after a switch: back to the folder that was open (a failed switch
    /// loses nothing).
    pub(super) fn go_back(&mut self, back: &Path) {
        self.session.go_back(back);
    }

    /// Scrolling in step ([`crate::session::sync_scroll`]): the followers are put where the
    /// lead's top line maps to along the corresponding passages and the reader's links.
    pub(super) fn scroll_in_step(&mut self) {
        if !self.ui_state.sync_scroll {
            self.session.sync.off();
            return;
        }
        let Some(ws) = &self.session.workspace else {
            return;
        };
        let panes = &self.reader.panes;
        let tops: Vec<usize> = panes.iter().map(|p| p.top_pos).collect();
        let article = |i: usize| {
            panes
                .get(i)
                .and_then(|p| p.article())
                .and_then(|a| ws.corpus.article(a))
        };
        let (comparing, derived) = (&self.session.comparing, &self.derived);
        let map = |from: usize, to: usize, pos: usize| {
            let (a, b) = (article(from)?, article(to)?);
            // Pairs are kept left pane → right pane; read them the other way round when
            // following leftwards.
            let (left, right) = if from < to { (a, b) } else { (b, a) };
            let pairs: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = comparing
                .pairs(&left.hash, &right.hash)
                .unwrap_or_default()
                .iter()
                .map(|p| (p.a.start..p.a.end, p.b.start..p.b.end))
                // The reader's links count as corresponding passages too.
                .chain(
                    derived
                        .links()
                        .iter()
                        .filter_map(|l| l.between(&left.file_name, &right.file_name)),
                )
                .map(|(l, r)| if from < to { (l, r) } else { (r, l) })
                .collect();
            Some(crate::compare::mapping::map_position(
                &pairs,
                pos,
                a.char_len(),
                b.char_len(),
            ))
        };
        let moves = self.session.sync.follow(&tops, self.reader.active, map);
        for (pane, target) in moves {
            self.reader.panes[pane].reveal = Some(super::pane::Reveal::TopExact(target));
        }
    }
}
