//! Taking in the notes file's sync-conflict copies ([`crate::store::sync_copies`]): when the
//! corpus opens, and whenever the folder watcher sees a new one while the window runs.
//!
//! Opened for writing, the merged notes are saved first and only then is each copy moved to
//! `.gloss/merged/` — a failed save leaves the copies where they were, and merging one again
//! later changes nothing. Opened read-only (`export`, `check`, `search`), the copies are
//! merged in memory only, so what those commands show includes them, and nothing moves.

use super::Workspace;
use crate::store::sync_copies::{self, CopyMerge};

impl Workspace {
    /// Finds the sync-conflict copies of the notes file, merges each readable one into the
    /// notes and (when this workspace may save) saves and puts them away. Returns what was
    /// done with each copy met for the first time; the reports are also kept in
    /// [`Workspace::sync_merges`].
    pub fn take_in_sync_copies(&mut self) -> Vec<CopyMerge> {
        // One listing of the folder; the notes are copied only when there is a copy to merge.
        if sync_copies::find(&self.corpus.root).is_empty() {
            return Vec::new();
        }
        if self.load_error.is_some() {
            // Nothing is merged into a notes file that cannot be read.
            let reports: Vec<CopyMerge> = sync_copies::find(&self.corpus.root)
                .iter()
                .map(|copy| {
                    CopyMerge::untouched(
                        copy,
                        "the notes file itself cannot be read, so nothing is merged into it".into(),
                    )
                })
                .collect();
            return self.remember(reports);
        }
        let ours = self.notebook.to_notes();
        let (notes, merged) = sync_copies::merge_all_in_memory(&self.corpus.root, ours.clone());
        let merged_any = notes != ours;
        if merged_any {
            self.notebook.replace_all(notes);
            self.reanchor_all();
            self.generation += 1;
        }
        let mut reports = Vec::with_capacity(merged.len());
        let mut to_move = Vec::new();
        for (copy, report) in merged {
            if !report.untouched {
                to_move.push((copy, reports.len()));
            }
            reports.push(report);
        }
        if self.can_annotate() && !to_move.is_empty() {
            let saved = if self.is_dirty() || merged_any {
                self.save().map(|_| ())
            } else {
                Ok(())
            };
            for (copy, i) in to_move {
                match &saved {
                    Ok(()) => match sync_copies::put_away(&self.corpus.root, &copy) {
                        Ok(to) => reports[i].moved_to = Some(to),
                        Err(why) => {
                            reports[i].problem =
                                Some(format!("merged, but the copy was not moved: {why}"))
                        }
                    },
                    Err(e) => {
                        reports[i].problem = Some(format!(
                            "merged, but not saved ({e}); the copy stays where it is"
                        ))
                    }
                }
            }
        }
        self.remember(reports)
    }

    /// Keeps the reports of copies met for the first time (a copy that cannot be read is
    /// reported once, not at every look) and returns them.
    fn remember(&mut self, mut reports: Vec<CopyMerge>) -> Vec<CopyMerge> {
        reports.retain(|r| {
            r.problem.is_none()
                || r.moved_to.is_some()
                || !self
                    .sync_merges
                    .iter()
                    .any(|old| old.file_name == r.file_name && old.problem == r.problem)
        });
        self.sync_merges.extend(reports.iter().cloned());
        reports
    }
}
