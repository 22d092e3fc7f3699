//! Native file dialogs, behind a trait so tests can replace them.
//!
//! rfd dialogs block the calling (main) thread until the reader answers, which is what a modal
//! "Open folder…" should do; tests must never reach them, so the app only calls them through
//! [`Dialogs`] and tests pass their own implementation.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What asking for a folder or a file came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    Path(PathBuf),
    /// The reader closed the dialog.
    Cancelled,
    /// No dialog could open (no portal, no zenity): the window asks in a field of its own.
    Unavailable,
}

/// An answer faster than this came from no dialog at all: no one closes a dialog that fast.
const NO_DIALOG: Duration = Duration::from_millis(400);

/// rfd answers `None` both when the reader cancels and when no dialog could be shown (it
/// only logs why): told apart by how long the answer took.
fn judged(started: Instant, answer: Option<PathBuf>) -> Picked {
    match answer {
        Some(path) => Picked::Path(path),
        None if started.elapsed() < NO_DIALOG => Picked::Unavailable,
        None => Picked::Cancelled,
    }
}

pub trait Dialogs {
    /// Asks for a corpus folder.
    fn pick_folder(&self) -> Picked;
    /// Asks for one article to open (its folder becomes the corpus).
    fn pick_file(&self) -> Picked;
    /// Asks where to save an export; `default_name` includes the extension.
    fn save_file(&self, default_name: &str) -> Option<PathBuf>;
}

/// The real dialogs (xdg-desktop-portal on Linux).
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn pick_folder(&self) -> Picked {
        let started = Instant::now();
        let answer = rfd::FileDialog::new()
            .set_title("Open corpus folder")
            .pick_folder();
        judged(started, answer)
    }

    fn pick_file(&self) -> Picked {
        let started = Instant::now();
        let answer = rfd::FileDialog::new()
            .set_title("Open an article")
            .add_filter(
                "Articles",
                &["txt", "md", "markdown", "html", "htm", "pdf", "epub"],
            )
            .pick_file();
        judged(started, answer)
    }

    fn save_file(&self, default_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Export notes")
            .set_file_name(default_name)
            .add_filter("W3C Web Annotation JSON", &["json", "jsonld"])
            .add_filter("Markdown", &["md"])
            .save_file()
    }
}

/// Dialogs that answer from a script: for tests, and for any caller that must not block.
#[derive(Default)]
pub struct ScriptedDialogs {
    pub folder: Option<PathBuf>,
    pub file: Option<PathBuf>,
    pub save_to: Option<PathBuf>,
    /// No file dialog exists here (a picked folder or file is then never answered).
    pub unavailable: bool,
}

impl ScriptedDialogs {
    fn answer(&self, path: &Option<PathBuf>) -> Picked {
        match path {
            _ if self.unavailable => Picked::Unavailable,
            Some(p) => Picked::Path(p.clone()),
            None => Picked::Cancelled,
        }
    }
}

impl Dialogs for ScriptedDialogs {
    fn pick_folder(&self) -> Picked {
        self.answer(&self.folder)
    }

    fn pick_file(&self) -> Picked {
        self.answer(&self.file)
    }

    fn save_file(&self, _default_name: &str) -> Option<PathBuf> {
        self.save_to.clone()
    }
}
