//! The shell's `logic`: tick the [`crate::session::Session`] (saving, watching, the lock,
//! compare results — see there), carry out the effects it reports, and ask egui for a frame
//! when it is next due. Also the window's own upkeep: the title and the start-up probe.

use std::path::Path;
use std::time::Instant;

use eframe::egui::{self, ViewportCommand};

use super::app::GlossApp;
use super::notices::MESSAGE_SECONDS;
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
        if let Some(next) = self.session.tick(now, clock) {
            ctx.request_repaint_after(next.saturating_duration_since(now));
        }
        self.carry_out_effects();
        self.expire_message(ctx, clock);
        if let Some(prompt) = &mut self.notices.open_prompt
            && prompt.poll()
        {
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }
    }

    /// What the session reported: messages, save results, a corpus opened.
    pub(super) fn carry_out_effects(&mut self) {
        let effects = self.session.take_effects();
        self.carry_out(effects);
    }

    /// Does what the session asked, in order.
    pub(super) fn carry_out(&mut self, effects: Vec<Effect>) {
        for effect in effects {
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
                Effect::CopyText(text) => self.egui.copy_text(text),
                Effect::Undoable(text) => self.notices.undoable(text),
                Effect::ShowNotes => self.ui_state.show_notes = true,
                Effect::LevelCounterparts(id) => self.level_counterparts(&id),
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
        self.session.forget_gone();
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

    /// A message that is not an error goes after [`MESSAGE_SECONDS`] (the clock starts when
    /// it first shows).
    fn expire_message(&mut self, ctx: &egui::Context, clock: f64) {
        let Some(message) = &self.notices.message else {
            self.house.message_since = None;
            return;
        };
        let since = match &self.house.message_since {
            Some((seen, at)) if seen == message => *at,
            _ => {
                self.house.message_since = Some((message.clone(), clock));
                clock
            }
        };
        if message.is_error {
            return;
        }
        let left = since + MESSAGE_SECONDS - clock;
        if left <= 0.0 {
            self.notices.message = None;
            self.house.message_since = None;
            ctx.request_repaint();
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(left));
        }
    }
}
