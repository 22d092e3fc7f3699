//! What the app has to tell the reader, as state: the message over the window's bottom, the last
//! save error, the open "notes not saved" dialog, why no corpus could be opened. Changed
//! only by the shell; [`super::banners`] draws it and answers with actions.

use std::path::PathBuf;

use crate::store::SaveError;
use crate::store::duplicates::Renamed;
use crate::store::notes_file::DiskChange;

/// A message shown over the bottom of the window: an error until dismissed, anything else
/// for [`MESSAGE_SECONDS`] (or until dismissed).
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
    /// It says what a change did that Undo takes back (a deleted highlight with a note): the
    /// message offers Undo.
    pub undo: bool,
}

/// How long a message that is not an error stays.
pub const MESSAGE_SECONDS: f64 = 8.0;

/// The notes could not be saved, and something waits for them to be: the reader decides.
#[derive(Debug, Clone)]
pub struct Unsaved {
    pub error: String,
    pub then: AfterSave,
}

/// What was about to happen when saving failed.
#[derive(Debug, Clone, PartialEq)]
pub enum AfterSave {
    Quit,
    /// Open this corpus folder instead of the current one.
    Open(PathBuf),
}

#[derive(Default)]
pub struct Notices {
    pub message: Option<Message>,
    /// The last save failed (autosave retries).
    pub save_error: Option<SaveError>,
    /// The "notes not saved" dialog is open.
    pub unsaved: Option<Unsaved>,
    /// "Open this link?" is asked about this link's target.
    pub link_prompt: Option<String>,
    /// The in-app path field, open where no file dialog can show.
    pub open_prompt: Option<super::open_prompt::OpenPrompt>,
    /// No corpus could be opened: why.
    pub corpus_error: Option<String>,
    pub show_shortcuts: bool,
    /// F10 was pressed: the menu bar opens its File menu this frame.
    pub open_menu_bar: bool,
}

impl Notices {
    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: false,
            undo: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: true,
            undo: false,
        });
    }

    /// Says what a change did, with Undo beside it.
    pub fn undoable(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: false,
            undo: true,
        });
    }

    /// Tells the reader what happened when the notes file had changed on disk.
    pub fn disk_change(&mut self, change: &DiskChange) {
        if let Some(m) = disk_change_message(change) {
            self.message = Some(m);
        }
    }
}

/// What to say about a change found in the notes file on disk (`None`: nothing worth it).
pub fn disk_change_message(change: &DiskChange) -> Option<Message> {
    let mut text = String::new();
    if let Some(copy) = &change.corrupt_copy {
        text = format!(
            "annotations.ron was replaced by a file gloss cannot read; it was copied to {} \
             and your notes were kept.",
            copy.display()
        );
    } else if !change.report.is_empty() {
        text = format!(
            "annotations.ron was changed outside gloss; merged: {}.",
            change.report
        );
    }
    if let Some(conflicts) = &change.conflict_file {
        text.push_str(&format!(
            " The versions that lost are in {}.",
            conflicts.display()
        ));
    }
    if let Some(renamed) = renamed_message(&change.renamed) {
        text.push(' ');
        text.push_str(&renamed);
    }
    (!text.is_empty()).then(|| Message {
        text,
        is_error: change.conflict_file.is_some() || change.corrupt_copy.is_some(),
        undo: false,
    })
}

/// What to tell the reader when the notes file repeated ids (`None` when it did not).
pub fn renamed_message(renamed: &[Renamed]) -> Option<String> {
    if renamed.is_empty() {
        return None;
    }
    let list: Vec<String> = renamed.iter().take(5).map(|r| r.to_string()).collect();
    let more = renamed.len().saturating_sub(5);
    Some(format!(
        "The notes file gave {} annotation(s) an id that another one already had; all are \
         kept, the later copies under new ids: {}{}",
        renamed.len(),
        list.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    ))
}
