//! What the shell keeps between frames beside the [`crate::session::Session`]: the window
//! title and the start-up probe — state that serves the window only. The session's own housekeeping (saving, watching, the lock, compare
//! results) lives in [`crate::session`].

use std::time::Instant;

use eframe::egui;

pub struct Housekeeping {
    started: Instant,
    pub(super) title: String,
    /// The message showing, and when it first showed (on the window's clock).
    pub(super) message_since: Option<(super::notices::Message, f64)>,
    pub(super) title_sent: String,
    /// Frames drawn until the first page was steady, for the start-up probe.
    pub frames: u32,
    /// Where each pane's first paragraph was drawn in the last frame (start-up probe).
    pub last_page: Vec<(usize, i32)>,
    pub page_steady: bool,
    pub(super) page_shown: bool,
}

impl Housekeeping {
    pub fn new() -> Housekeeping {
        Housekeeping {
            started: Instant::now(),
            title: "gloss — no corpus".into(),
            message_since: None,
            title_sent: String::new(),
            frames: 0,
            last_page: Vec::new(),
            page_steady: false,
            page_shown: false,
        }
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
