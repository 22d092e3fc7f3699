//! Taking in changes made to the notes file elsewhere without reading it on the UI thread.
//!
//! When the folder watcher says the notes file changed, [`Workspace::start_background_poll`]
//! first compares its size and time with what gloss last read or wrote (one `stat`: after
//! gloss's own save they match, and nothing more happens). Only a file that really changed is
//! read, parsed and merged — on a worker, against a snapshot of the annotations — and
//! [`Workspace::finish_background_poll`] applies the result in one step, merging on top any
//! edit made here meanwhile. [`Workspace::poll_disk`] does the same on the calling thread.

use crate::job::Job;

use super::{ReadOnly, Workspace};
use crate::notebook::Snapshot;
use crate::store::notes_file::DiskChange;

/// A check of the notes file running on a worker.
pub(super) struct Polling {
    revision: u64,
    was_dirty: bool,
    snapshot: Snapshot,
    job: Job<Option<DiskChange>>,
}

impl Workspace {
    /// Starts reading the notes file on a worker if it looks changed. Returns whether it did
    /// (not while a save or another check runs: the save checks the file itself).
    pub fn start_background_poll(&mut self) -> bool {
        if matches!(self.read_only, Some(ReadOnly::Unreadable))
            || self.in_flight.is_some()
            || self.polling.is_some()
            || !self.notes_file().looks_changed()
        {
            return false;
        }
        // Pointers only: the copy the merge needs is made on the worker.
        let snapshot = self.notebook.snapshot();
        let (notes, shared) = (self.notes.clone(), snapshot.clone());
        let job = Job::spawn("Checking the notes file", move |_| {
            let ours = shared.to_notes();
            let mut file = notes.lock().unwrap_or_else(|p| p.into_inner());
            file.poll(&ours).ok().flatten()
        });
        self.polling = Some(Polling {
            revision: self.notebook.revision(),
            was_dirty: self.is_dirty(),
            snapshot,
            job,
        });
        true
    }

    /// Whether a check of the notes file is running on a worker.
    pub fn is_polling(&self) -> bool {
        self.polling.is_some()
    }

    /// Takes in a finished check: the change found, merged with what was edited here
    /// meanwhile (`None` while it runs, or when nothing changed).
    pub fn finish_background_poll(&mut self) -> Option<DiskChange> {
        let received = self.polling.as_ref()?.job.try_take()?.ok().flatten();
        self.take_in_poll(received)
    }

    /// Blocks until a running check finishes, and takes it in.
    pub fn wait_for_background_poll(&mut self) -> Option<DiskChange> {
        let received = self.polling.as_ref()?.job.wait_here().ok().flatten();
        self.take_in_poll(received)
    }

    fn take_in_poll(&mut self, change: Option<DiskChange>) -> Option<DiskChange> {
        let done = self.polling.take()?;
        let change = change?;
        let unchanged_here = self.absorb(&change, &done.snapshot, done.revision);
        if unchanged_here && !done.was_dirty && only_theirs(&change) {
            // We now hold exactly what is on disk.
            self.saved_revision = self.notebook.revision();
        }
        Some(change)
    }

    /// Checks the notes file for changes made elsewhere and takes them in (merged with any
    /// unsaved changes here), on this thread. Cheap when nothing changed: one `stat`.
    pub fn poll_disk(&mut self) -> Option<DiskChange> {
        if matches!(self.read_only, Some(ReadOnly::Unreadable)) {
            return None;
        }
        if self.in_flight.is_some() {
            return None; // the save in progress checks the file itself
        }
        if let Some(change) = self.wait_for_background_poll() {
            return Some(change);
        }
        let was_dirty = self.is_dirty();
        let change = self.notes_file().poll(&self.notebook.to_notes()).ok()??;
        self.renamed_duplicates
            .extend(change.renamed.iter().cloned());
        self.notebook.replace_all(change.notes.clone());
        self.reanchor_all();
        if !was_dirty && only_theirs(&change) {
            self.saved_revision = self.notebook.revision();
        }
        Some(change)
    }
}

/// The change only brought in edits made elsewhere: nothing of ours had to be merged.
fn only_theirs(change: &DiskChange) -> bool {
    change.report.delete_edit == 0
        && change.report.both_changed == 0
        && change.corrupt_copy.is_none()
        && change.renamed.is_empty()
}
