//! Saving a workspace's notes: in place, or on the saver thread so a large notes file never
//! stalls a frame; and taking in changes made to the notes file elsewhere.
//!
//! Every save first merges what changed on disk ([`crate::store::notes_file`]); a background
//! save writes a snapshot, and edits made while it runs are merged on top of what it wrote.

use super::{InFlight, Workspace};
use crate::job::Job;
use crate::notebook::Snapshot;
use crate::store::SaveError;
use crate::store::notes_file::DiskChange;

impl Workspace {
    /// Unsaved changes exist.
    pub fn is_dirty(&self) -> bool {
        self.notebook.revision() != self.saved_revision
    }

    /// Saves the notes if there are unsaved changes, merging any change made to the file on
    /// disk meanwhile. Returns that change, if there was one, for the reader to be told.
    pub fn save(&mut self) -> Result<Option<DiskChange>, SaveError> {
        if let Some(why) = self.read_only_reason() {
            return Err(SaveError::ReadOnly { reason: why });
        }
        // A check of the file may be running, or a background save writing: let them finish
        // (and take in what they merged).
        let polled = self.wait_for_background_poll();
        let mut earlier = match self.wait_for_background_save() {
            Some(Err(e)) => return Err(e),
            Some(Ok(change)) => change.or(polled),
            None => polled,
        };
        if !self.is_dirty() {
            return Ok(earlier);
        }
        let change = self.notes_file().save(&self.notebook.to_notes())?;
        if let Some(change) = &change {
            self.renamed_duplicates
                .extend(change.renamed.iter().cloned());
            self.notebook.replace_all(change.notes.clone());
            self.reanchor_all();
        }
        self.saved_revision = self.notebook.revision();
        if change.is_some() {
            earlier = change;
        }
        if let Err(e) = self.keep_versions() {
            log::warn!("versions not kept: {e}");
        }
        Ok(earlier)
    }

    /// Starts saving the current notes on a background thread, so a large notes file (10,000
    /// annotations are 8 MB) never stalls a frame. What is saved is a snapshot; changes made
    /// meanwhile stay unsaved and go with the next save. Returns false when there is nothing
    /// to save, the notes are read-only, or a save is already running.
    pub fn start_background_save(&mut self) -> bool {
        if self.in_flight.is_some()
            || self.polling.is_some()
            || !self.can_annotate()
            || !self.is_dirty()
        {
            return false;
        }
        // Pointers only: the copy the saver needs is made on its own thread.
        let snapshot = self.notebook.snapshot();
        let notes = self.notes.clone();
        let to_save = snapshot.clone();
        // The texts the notes are anchored to are kept after the notes are written, by a job
        // of its own (compressing a long article takes milliseconds): the reader learns the
        // notes are saved first.
        let (to_keep, versions) = (self.to_keep(), self.versions());
        let job = Job::spawn("Saving the notes", move |_| {
            let owned = to_save.to_notes();
            let mut file = notes.lock().unwrap_or_else(|p| p.into_inner());
            let saved = file.save(&owned);
            drop(file);
            if saved.is_ok() {
                // Detached: nobody waits for the versions.
                let _ = Job::spawn("Keeping the articles' versions", move |_| {
                    if let Err(e) = to_keep.keep(&versions) {
                        log::warn!("versions not kept: {e}");
                    }
                });
            }
            saved
        });
        self.in_flight = Some(InFlight {
            revision: self.notebook.revision(),
            snapshot,
            job,
        });
        true
    }

    /// Whether a background save is running.
    pub fn is_saving(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Takes the result of a finished background save (`None` while it runs or when none
    /// ran). On success the saved revision is recorded; if the file had changed on disk, the
    /// merged notes are taken in — together with anything changed here while it was saving.
    pub fn finish_background_save(&mut self) -> Option<Result<Option<DiskChange>, SaveError>> {
        let result = self
            .in_flight
            .as_ref()?
            .job
            .try_take()?
            .unwrap_or(Err(SaveError::SaverStopped));
        Some(self.take_in(result))
    }

    /// Blocks until a running background save finishes, and takes its result in.
    pub fn wait_for_background_save(&mut self) -> Option<Result<Option<DiskChange>, SaveError>> {
        let result = self
            .in_flight
            .as_ref()?
            .job
            .wait_here()
            .unwrap_or(Err(SaveError::SaverStopped));
        Some(self.take_in(result))
    }

    /// Takes in a change found on disk by work that ran on `snapshot` (taken at `revision`):
    /// the merged notes replace ours if nothing changed here meanwhile; otherwise what was
    /// edited here goes on top (three-way merge, the snapshot as base). Returns whether
    /// nothing had changed here.
    pub(super) fn absorb(
        &mut self,
        change: &DiskChange,
        snapshot: &Snapshot,
        revision: u64,
    ) -> bool {
        self.renamed_duplicates
            .extend(change.renamed.iter().cloned());
        let unchanged_here = self.notebook.revision() == revision;
        if unchanged_here {
            self.notebook.replace_all(change.notes.clone());
        } else {
            let merged = crate::store::merge::merge_notes(
                &snapshot.to_notes(),
                &self.notebook.to_notes(),
                &change.notes,
            );
            self.notebook.replace_all(merged.notes);
        }
        self.reanchor_all();
        unchanged_here
    }

    fn take_in(
        &mut self,
        result: Result<Option<DiskChange>, SaveError>,
    ) -> Result<Option<DiskChange>, SaveError> {
        let Some(done) = self.in_flight.take() else {
            return result;
        };
        match &result {
            Ok(None) => self.saved_revision = done.revision,
            Ok(Some(change)) => {
                // Edited here while the save ran: those edits stay unsaved, and the next save
                // writes them.
                if self.absorb(change, &done.snapshot, done.revision) {
                    self.saved_revision = self.notebook.revision();
                }
            }
            Err(_) => {}
        }
        result
    }
}
