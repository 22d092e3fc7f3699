//! Three-way merge of annotation sets by id, for when the notes file changed behind our back.
//!
//! *Base* is what this process last loaded or saved, *ours* is what it holds now, *theirs* is
//! what is on disk now. For each id:
//!
//! - changed on one side only → that side's version;
//! - changed on both sides, identically → that version;
//! - changed on both sides differently → the one with the newer `modified` wins and the other is
//!   returned as a conflict (the caller writes it to `annotations.conflict-<time>.ron`);
//! - deleted on one side and unchanged on the other → deleted, but only when the id was in
//!   *base* — that is, the deleting side knew the annotation. An annotation this process never
//!   loaded is never deleted by it;
//! - deleted on one side, edited on the other → the edited version stays (nothing is lost), and
//!   the deletion is reported as a conflict.

//!
//! Links and dismissals merge the same way, by their own ids ([`merge_notes`]).

use std::collections::{BTreeMap, BTreeSet};

use crate::annotation::{Annotation, Timestamp};
use crate::link::{Dismissal, Link};
use crate::notes::Notes;

/// What merging needs of an entry of the notes file.
pub trait Entry: Clone + PartialEq {
    fn key(&self) -> &str;
    fn modified(&self) -> Timestamp;
    /// Both sides changed the entry but the changes can be combined (see [`combine`]);
    /// returns the combination and whether the disk's content was taken.
    fn combine(_base: &Self, _ours: &Self, _theirs: &Self) -> Option<(Self, bool)> {
        None
    }
}

impl Entry for Annotation {
    fn key(&self) -> &str {
        &self.id
    }
    fn modified(&self) -> Timestamp {
        self.modified
    }
    fn combine(base: &Self, ours: &Self, theirs: &Self) -> Option<(Self, bool)> {
        combine_annotations(base, ours, theirs)
    }
}

impl Entry for Link {
    fn key(&self) -> &str {
        &self.id
    }
    fn modified(&self) -> Timestamp {
        self.modified
    }
}

impl Entry for Dismissal {
    fn key(&self) -> &str {
        &self.key
    }
    fn modified(&self) -> Timestamp {
        self.created
    }
}

/// The outcome of a merge.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Merged {
    pub annotations: Vec<Annotation>,
    /// Versions that lost to a newer edit of the same annotation.
    pub conflicts: Vec<Annotation>,
    pub report: MergeReport,
}

/// What a merge did, for the message shown to the reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Annotations added or changed on disk that were taken in.
    pub taken_from_disk: usize,
    /// Annotations deleted on disk (and unchanged here) that were removed.
    pub deleted_from_disk: usize,
    /// Edited on both sides; the newer kept.
    pub both_changed: usize,
    /// Deleted on one side while edited on the other; the edit kept.
    pub delete_edit: usize,
}

impl MergeReport {
    pub fn is_empty(&self) -> bool {
        *self == MergeReport::default()
    }
}

impl std::fmt::Display for MergeReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        if self.taken_from_disk > 0 {
            parts.push(format!("{} added or changed", self.taken_from_disk));
        }
        if self.deleted_from_disk > 0 {
            parts.push(format!("{} deleted", self.deleted_from_disk));
        }
        if self.both_changed > 0 {
            parts.push(format!(
                "{} changed on both sides (newer kept)",
                self.both_changed
            ));
        }
        if self.delete_edit > 0 {
            parts.push(format!(
                "{} deleted on one side but edited on the other (edit kept)",
                self.delete_edit
            ));
        }
        if parts.is_empty() {
            write!(f, "no differences")
        } else {
            write!(f, "{}", parts.join(", "))
        }
    }
}

/// What the reader edits is equal: article, colour, note, tags and times.
fn content_eq(a: &Annotation, b: &Annotation) -> bool {
    a.article == b.article
        && a.color == b.color
        && a.note == b.note
        && a.tags == b.tags
        && a.created == b.created
        && a.modified == b.modified
}

/// Where gloss anchored it is equal: the selectors and the text they refer to.
fn anchoring_eq(a: &Annotation, b: &Annotation) -> bool {
    a.quote == b.quote
        && a.position == b.position
        && a.article_hash == b.article_hash
        && a.original_quote == b.original_quote
}

/// `with`'s content, `anchored`'s selectors.
fn with_anchoring(with: &Annotation, anchored: &Annotation) -> Annotation {
    Annotation {
        quote: anchored.quote.clone(),
        position: anchored.position,
        article_hash: anchored.article_hash.clone(),
        original_quote: anchored.original_quote.clone(),
        ..with.clone()
    }
}

/// Both sides changed one annotation, but (at least) one of them only re-anchored it: the
/// stored selectors were rewritten to follow an edited article, which is gloss's bookkeeping,
/// not an edit. Then the edit is kept with the newest anchoring — nothing goes to the conflict
/// file. Returns the combination and whether the disk's content was taken; `None` when both
/// sides edited content (a real conflict).
fn combine_annotations(
    base: &Annotation,
    ours: &Annotation,
    theirs: &Annotation,
) -> Option<(Annotation, bool)> {
    let pick_anchoring = |preferred: &Annotation, other: &Annotation| {
        if anchoring_eq(preferred, base) {
            other.clone()
        } else {
            preferred.clone()
        }
    };
    if content_eq(ours, base) {
        // Ours only re-anchored: their content, their anchoring if they changed it too.
        let anchoring = pick_anchoring(theirs, ours);
        Some((with_anchoring(theirs, &anchoring), true))
    } else if content_eq(theirs, base) {
        let anchoring = pick_anchoring(ours, theirs);
        Some((with_anchoring(ours, &anchoring), false))
    } else {
        None
    }
}

fn by_id<T: Entry>(list: &[T]) -> BTreeMap<&str, &T> {
    list.iter().map(|a| (a.key(), a)).collect()
}

/// Merges the annotations (see the module documentation).
pub fn merge(base: &[Annotation], ours: &[Annotation], theirs: &[Annotation]) -> Merged {
    let mut report = MergeReport::default();
    let (annotations, conflicts) = merge_entries(base, ours, theirs, &mut report);
    Merged {
        annotations,
        conflicts,
        report,
    }
}

/// Everything a notes file holds, merged: annotations, links and dismissals, each by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergedNotes {
    pub notes: Notes,
    /// Versions that lost to a newer edit.
    pub conflicts: Notes,
    pub report: MergeReport,
}

pub fn merge_notes(base: &Notes, ours: &Notes, theirs: &Notes) -> MergedNotes {
    let mut report = MergeReport::default();
    let (annotations, lost_annotations) = merge_entries(
        &base.annotations,
        &ours.annotations,
        &theirs.annotations,
        &mut report,
    );
    let (links, lost_links) = merge_entries(&base.links, &ours.links, &theirs.links, &mut report);
    let (dismissed, _) = merge_entries(
        &base.dismissed,
        &ours.dismissed,
        &theirs.dismissed,
        &mut report,
    );
    MergedNotes {
        notes: Notes {
            annotations,
            links,
            dismissed,
        },
        conflicts: Notes {
            annotations: lost_annotations,
            links: lost_links,
            dismissed: Vec::new(),
        },
        report,
    }
}

/// Three-way merge of one kind of entry by key; returns the merged entries and the versions
/// that lost to a newer edit.
fn merge_entries<T: Entry>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    report: &mut MergeReport,
) -> (Vec<T>, Vec<T>) {
    let (b, o, t) = (by_id(base), by_id(ours), by_id(theirs));
    let ids: BTreeSet<&str> = b.keys().chain(o.keys()).chain(t.keys()).copied().collect();
    let mut out: Vec<T> = Vec::with_capacity(ours.len().max(theirs.len()));
    let mut conflicts = Vec::new();
    for id in ids {
        let (base, ours, theirs) = (b.get(id).copied(), o.get(id).copied(), t.get(id).copied());
        let keep = match (ours, theirs) {
            (Some(o), Some(t)) if o == t => Some(o),
            (Some(o), Some(t)) => {
                if Some(o) == base {
                    report.taken_from_disk += 1;
                    Some(t)
                } else if Some(t) == base {
                    Some(o)
                } else if let Some((combined, from_disk)) = base.and_then(|b| T::combine(b, o, t)) {
                    // One side only re-anchored (gloss's bookkeeping), the other edited: both
                    // are kept, in one annotation.
                    report.taken_from_disk += usize::from(from_disk);
                    out.push(combined);
                    continue;
                } else {
                    // Edited on both sides: newer wins, the other is kept as a conflict.
                    report.both_changed += 1;
                    let (winner, loser) = if t.modified() > o.modified() {
                        (t, o)
                    } else {
                        (o, t)
                    };
                    conflicts.push(loser.clone());
                    Some(winner)
                }
            }
            (Some(o), None) => match base {
                None => Some(o), // new here
                Some(b) if b == o => {
                    report.deleted_from_disk += 1;
                    None // deleted on disk, unchanged here: honour the deletion
                }
                Some(_) => {
                    report.delete_edit += 1;
                    Some(o) // deleted on disk, edited here: keep the edit
                }
            },
            (None, Some(t)) => match base {
                None => {
                    report.taken_from_disk += 1;
                    Some(t) // new on disk (never loaded here, so never ours to delete)
                }
                Some(b) if b == t => None, // deleted here, unchanged on disk
                Some(_) => {
                    report.delete_edit += 1;
                    Some(t) // deleted here, edited on disk: keep the edit
                }
            },
            (None, None) => None,
        };
        if let Some(a) = keep {
            out.push(a.clone());
        }
    }
    (out, conflicts)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::annotation::Color;
    use crate::corpus::Article;

    /// An annotation with this id and note, made `minute` minutes after a fixed time (for
    /// merge tests here and in `sync_copies`).
    pub(crate) fn ann(id: &str, note: &str, minute: i64) -> Annotation {
        let article = Article::from_text("a.txt", "some text here".into(), None);
        let mut a = Annotation::new(&article, 0..4, Color::Yellow);
        a.id = id.into();
        a.note = note.into();
        let t = jiff::Timestamp::from_second(1_700_000_000 + minute * 60).unwrap();
        a.created = t;
        a.modified = t;
        a
    }

    fn ids(list: &[Annotation]) -> Vec<(&str, &str)> {
        list.iter()
            .map(|a| (a.id.as_str(), a.note.as_str()))
            .collect()
    }

    #[test]
    fn one_sided_changes_are_taken_from_each_side() {
        let base = vec![ann("a", "", 0), ann("b", "", 0), ann("c", "", 0)];
        let ours = vec![
            ann("a", "mine", 1),
            ann("b", "", 0),
            ann("c", "", 0),
            ann("new-here", "", 1),
        ];
        let theirs = vec![
            ann("a", "", 0),
            ann("b", "theirs", 2),
            ann("new-there", "", 2),
        ];
        let m = merge(&base, &ours, &theirs);
        assert_eq!(
            ids(&m.annotations),
            [
                ("a", "mine"),
                ("b", "theirs"),
                ("new-here", ""),
                ("new-there", "")
            ]
        );
        assert!(m.conflicts.is_empty());
        assert_eq!(m.report.deleted_from_disk, 1, "c was deleted on disk");
    }

    #[test]
    fn both_changed_keeps_the_newer_and_returns_the_other() {
        let base = vec![ann("a", "", 0)];
        let m = merge(
            &base,
            &[ann("a", "older mine", 1)],
            &[ann("a", "newer theirs", 2)],
        );
        assert_eq!(ids(&m.annotations), [("a", "newer theirs")]);
        assert_eq!(ids(&m.conflicts), [("a", "older mine")]);
    }

    #[test]
    fn re_anchoring_on_one_side_and_a_note_edit_on_the_other_are_both_kept() {
        let base = ann("a", "", 0);
        let mut ours = base.clone(); // gloss re-anchored: new position, same content
        ours.position.start += 5;
        ours.position.end += 5;
        ours.article_hash = "new".into();
        let theirs = ann("a", "edited by hand", 3);
        let m = merge(
            std::slice::from_ref(&base),
            std::slice::from_ref(&ours),
            std::slice::from_ref(&theirs),
        );
        assert!(m.conflicts.is_empty());
        assert_eq!(m.annotations.len(), 1);
        assert_eq!(m.annotations[0].note, "edited by hand");
        assert_eq!(m.annotations[0].position, ours.position);
        // And the other way round.
        let m = merge(&[base], &[theirs], &[ours.clone()]);
        assert!(m.conflicts.is_empty());
        assert_eq!(m.annotations[0].note, "edited by hand");
        assert_eq!(m.annotations[0].article_hash, "new");
    }

    #[test]
    fn unknown_annotations_are_never_deleted_and_edits_beat_deletions() {
        // "x" was never loaded here: absent from ours does not mean deleted.
        let m = merge(&[], &[], &[ann("x", "", 0)]);
        assert_eq!(ids(&m.annotations), [("x", "")]);
        // Deleted on disk while edited here: the edit stays.
        let m = merge(&[ann("a", "", 0)], &[ann("a", "edited", 1)], &[]);
        assert_eq!(ids(&m.annotations), [("a", "edited")]);
        assert_eq!(m.report.delete_edit, 1);
    }
}
