//! Native file dialogs, behind a trait so tests can replace them.
//!
//! rfd dialogs block the calling (main) thread until the reader answers, which is what a modal
//! "Open folder…" should do; tests must never reach them, so the app only calls them through
//! [`Dialogs`] and tests pass their own implementation.

use std::path::PathBuf;

pub trait Dialogs {
    /// Asks for a corpus folder.
    fn pick_folder(&self) -> Option<PathBuf>;
    /// Asks for one article to open (its folder becomes the corpus).
    fn pick_file(&self) -> Option<PathBuf>;
    /// Asks where to save an export; `default_name` includes the extension.
    fn save_file(&self, default_name: &str) -> Option<PathBuf>;
}

/// The real dialogs (xdg-desktop-portal on Linux).
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn pick_folder(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open corpus folder")
            .pick_folder()
    }

    fn pick_file(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open an article")
            .add_filter("Articles", &["txt", "md", "markdown", "html", "htm"])
            .pick_file()
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
}

impl Dialogs for ScriptedDialogs {
    fn pick_folder(&self) -> Option<PathBuf> {
        self.folder.clone()
    }

    fn pick_file(&self) -> Option<PathBuf> {
        self.file.clone()
    }

    fn save_file(&self, _default_name: &str) -> Option<PathBuf> {
        self.save_to.clone()
    }
}
