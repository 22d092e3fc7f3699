//! What the shell keeps between frames beside the [`crate::session::Session`]: the window
//! title, the start-up probe, the find folds and an earlier version being loaded — state that
//! serves the window only. The session's own housekeeping (saving, watching, the lock, compare
//! results) lives in [`crate::session`].

use std::time::Instant;

use eframe::egui;

pub struct Housekeeping {
    started: Instant,
    /// Articles folded for find (on a worker, kept by content hash).
    pub(super) folds: super::find::Folds,
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
    pub fn new() -> Housekeeping {
        Housekeeping {
            started: Instant::now(),
            folds: Default::default(),
            version_loading: None,
            title: "gloss — no corpus".into(),
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
