//! Copies of the notes file that sync tools make when two machines edit it at once
//! (Syncthing, Dropbox, Nextcloud, ownCloud, Seafile, OneDrive), found, merged into the notes
//! and put away in `.gloss/merged/` — never deleted.
//!
//! A note written on the laptop while the desktop also saved ends up only in such a copy; if
//! gloss ignored the copy, the note would never show again. The merge is by annotation and
//! link id, beside the **base**: `.gloss/base.ron`, what this machine last saved (written
//! after every save, see [`write_base`]), which tells the report which side changed what.
//! Unlike merging an outside edit of the notes file, a sync copy's merge **never drops an
//! entry present in either file, nor a note's text**: the base of one machine cannot tell
//! "the other machine deleted it" from "the other machine never saw it" (both machines added,
//! edited and deleted since they last synced — the last save here may itself be an edit the
//! other never saw), and losing a note is worse than bringing back one the reader deleted.
//! The same note edited on both machines keeps both texts, visibly, with where the other came
//! from; the later edit's colour and place; every tag of either.
//!
//! | threat | guard |
//! | --- | --- |
//! | a copy that cannot be read (corrupt, too large, a link, a FIFO) | reported and left where it is; nothing merged from it |
//! | a link in place of `.gloss` or `.gloss/merged` | refused ([`crate::safe_file::check_own_dirs`]): the copy stays where it is |
//! | merging, then failing to save | the copy is moved only after the merged notes are saved; merging it again changes nothing |
//! | a name taken in `.gloss/merged/` | the copy gets a new name there (`… (2).ron`), never replacing one |

use std::path::{Path, PathBuf};

use super::{LoadError, MAX_NOTES_BYTES, parse_notes};
use crate::annotation::Annotation;
use crate::link::Link;
use crate::notes::Notes;
use crate::safe_file::{self, Replace};

/// The notes file's name without its extension, which every copy's name starts with.
const STEM: &str = "annotations";
/// gloss's own folder for what it keeps beside the notes.
const OWN: &str = ".gloss";
/// Where merged copies go.
const MERGED: &str = "merged";
/// The base of the merge: what this machine last saved.
const BASE: &str = "base.ron";

/// The sync tool a copy's name says made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Syncthing,
    Dropbox,
    Nextcloud,
    OwnCloud,
    Seafile,
    OneDrive,
}

impl Service {
    pub fn name(self) -> &'static str {
        match self {
            Service::Syncthing => "Syncthing",
            Service::Dropbox => "Dropbox",
            Service::Nextcloud => "Nextcloud",
            Service::OwnCloud => "ownCloud",
            Service::Seafile => "Seafile",
            Service::OneDrive => "OneDrive",
        }
    }
}

/// A sync-conflict copy of the notes file found in the corpus folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncCopy {
    pub path: PathBuf,
    pub file_name: String,
    pub service: Service,
}

impl SyncCopy {
    /// "a Syncthing conflict copy (annotations.sync-conflict-….ron)", as merged notes name it.
    pub fn described(&self) -> String {
        format!(
            "a {} conflict copy ({})",
            self.service.name(),
            self.file_name
        )
    }
}

/// Which sync tool, if any, gave a file this name as a conflict copy of `annotations.ron`.
///
/// - Syncthing: `annotations.sync-conflict-20261205-123456-ABCDEFG.ron`
/// - Dropbox: `annotations (Jane's conflicted copy 2026-12-05).ron` (also `… (1)).ron`)
/// - Nextcloud: `annotations (conflicted copy 2026-12-05 123456).ron`
/// - ownCloud (older clients): `annotations_conflict-20261205-123456.ron`
/// - Seafile: `annotations (SFConflict jane@example.org 2026-12-05-12-34-56).ron`
/// - OneDrive: `annotations-DESKTOP-ABC1234.ron` (the computer's name, upper case)
///
/// gloss's own copies (`annotations.conflict-…`, `annotations.corrupt-…`, the backup) are
/// not sync copies.
pub fn classify(name: &str) -> Option<Service> {
    let rest = name.strip_prefix(STEM)?.strip_suffix(".ron")?;
    if let Some(tail) = rest.strip_prefix(".sync-conflict-") {
        // 20261205-123456-ABCDEFG (the device id's first seven characters).
        let parts: Vec<&str> = tail.split('-').collect();
        let ok = parts.len() == 3
            && parts[0].len() == 8
            && parts[0].bytes().all(|b| b.is_ascii_digit())
            && parts[1].len() == 6
            && parts[1].bytes().all(|b| b.is_ascii_digit())
            && !parts[2].is_empty()
            && parts[2].bytes().all(|b| b.is_ascii_alphanumeric());
        return ok.then_some(Service::Syncthing);
    }
    if let Some(inside) = rest.strip_prefix(" (").and_then(|r| r.strip_suffix(')')) {
        let lower = inside.to_lowercase();
        if lower.starts_with("conflicted copy") {
            return Some(Service::Nextcloud);
        }
        if lower.contains("conflicted copy") {
            return Some(Service::Dropbox);
        }
        if inside.starts_with("SFConflict ") {
            return Some(Service::Seafile);
        }
        return None;
    }
    if let Some(tail) = rest.strip_prefix("_conflict-") {
        let ok = !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_digit() || b == b'-');
        return ok.then_some(Service::OwnCloud);
    }
    if let Some(machine) = rest.strip_prefix('-') {
        // A Windows computer name: at most 15 characters, upper case as Windows shows it,
        // at least one letter ("annotations-old.ron" is a reader's own file, not a copy).
        let ok = (1..=15).contains(&machine.len())
            && machine
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
            && machine.bytes().any(|b| b.is_ascii_uppercase());
        return ok.then_some(Service::OneDrive);
    }
    None
}

pub fn is_sync_copy(name: &str) -> bool {
    classify(name).is_some()
}

/// The sync-conflict copies of the notes file in the corpus folder, by name.
pub fn find(root: &Path) -> Vec<SyncCopy> {
    let Ok(entries) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut out: Vec<SyncCopy> = entries
        .flatten()
        .filter_map(|e| {
            let file_name = e.file_name().into_string().ok()?;
            let service = classify(&file_name)?;
            Some(SyncCopy {
                path: e.path(),
                file_name,
                service,
            })
        })
        .collect();
    out.sort_by(|a, b| a.file_name.cmp(&b.file_name));
    out
}

/// Reads a copy as a notes file: never through a link, never a FIFO, never over the limit.
pub fn read(copy: &SyncCopy) -> Result<Notes, LoadError> {
    match super::read_bytes(&copy.path)? {
        Some(bytes) => parse_notes(&copy.path, &bytes),
        None => Err(LoadError::Io {
            path: copy.path.clone(),
            message: "it is gone".into(),
        }),
    }
}

/// The base of the merge, if one was kept and can be read.
pub fn read_base(root: &Path) -> Option<Notes> {
    safe_file::check_own_dirs(root, &[OWN]).ok()?;
    let path = root.join(OWN).join(BASE);
    let bytes = safe_file::read_limited(&path, MAX_NOTES_BYTES).ok()??;
    parse_notes(&path, &bytes).ok()
}

/// Keeps `text` (the notes file just written) as the base of the next sync-copy merge.
pub fn write_base(root: &Path, text: &[u8]) -> Result<(), CopyError> {
    let dir = safe_file::ensure_own_dirs(root, &[OWN])?;
    let path = dir.join(BASE);
    safe_file::write_atomic(&path, text, None, Replace::Overwrite).map_err(|e| CopyError::Write {
        path,
        cause: e.to_string(),
    })
}

/// Why a sync copy could not be put away, or the merge base not kept: what, where, why.
#[derive(Debug, Clone, PartialEq)]
pub enum CopyError {
    /// `.gloss` or `.gloss/merged` refused or not made.
    Dir(safe_file::OwnDirError),
    /// The copy is no longer there.
    Gone(PathBuf),
    /// The copy is no longer a plain file (swapped for a link meanwhile…).
    Refused(String),
    Move {
        path: PathBuf,
        cause: String,
    },
    NoFreeName {
        name: String,
        dir: PathBuf,
    },
    Write {
        path: PathBuf,
        cause: String,
    },
}

impl From<safe_file::OwnDirError> for CopyError {
    fn from(e: safe_file::OwnDirError) -> CopyError {
        CopyError::Dir(e)
    }
}

impl std::fmt::Display for CopyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CopyError::Dir(e) => write!(f, "{e}"),
            CopyError::Gone(path) => write!(f, "{} is gone", path.display()),
            CopyError::Refused(why) => write!(f, "{why}"),
            CopyError::Move { path, cause } => {
                write!(f, "cannot move {}: {cause}", path.display())
            }
            CopyError::NoFreeName { name, dir } => {
                write!(f, "no free name for {name} in {}", dir.display())
            }
            CopyError::Write { path, cause } => {
                write!(f, "{} cannot be written: {cause}", path.display())
            }
        }
    }
}

impl std::error::Error for CopyError {}

/// What gloss refuses among the files this module keeps (for `gloss check`).
pub fn own_file_problems(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    if let Err(why) = safe_file::check_own_dirs(root, &[OWN, MERGED]) {
        out.push(why.to_string());
    }
    if safe_file::check_own_dirs(root, &[OWN]).is_ok()
        && let Err(e) = safe_file::inspect(&root.join(OWN).join(BASE))
    {
        out.push(format!("merge base: {e}"));
    }
    out
}

/// Moves a merged copy to `.gloss/merged/`, under a name not taken there. Returns where.
pub fn put_away(root: &Path, copy: &SyncCopy) -> Result<PathBuf, CopyError> {
    // The copy itself must still be a plain file (not swapped for a link meanwhile).
    match safe_file::inspect(&copy.path) {
        Ok(Some(_)) => {}
        Ok(None) => return Err(CopyError::Gone(copy.path.clone())),
        Err(e) => return Err(CopyError::Refused(e.to_string())),
    }
    let dir = safe_file::ensure_own_dirs(root, &[OWN, MERGED])?;
    let (stem, ext) = copy
        .file_name
        .rsplit_once('.')
        .unwrap_or((copy.file_name.as_str(), "ron"));
    for n in 1..1000 {
        let name = if n == 1 {
            copy.file_name.clone()
        } else {
            format!("{stem} ({n}).{ext}")
        };
        let target = dir.join(name);
        if std::fs::symlink_metadata(&target).is_ok() {
            continue;
        }
        // A hard link, then removing the old name: a name taken meanwhile is never replaced.
        let moved = |e: std::io::Error| CopyError::Move {
            path: copy.path.clone(),
            cause: e.to_string(),
        };
        return match std::fs::hard_link(&copy.path, &target) {
            Ok(()) => std::fs::remove_file(&copy.path)
                .map(|()| target)
                .map_err(moved),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => Err(moved(e)),
        };
    }
    Err(CopyError::NoFreeName {
        name: copy.file_name.clone(),
        dir,
    })
}

/// What merging one copy did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyMerge {
    /// The copy's file name and the sync tool that made it.
    pub file_name: String,
    pub service: &'static str,
    /// Annotations the notes did not have, taken from the copy.
    pub added: usize,
    /// Annotations edited in the copy only, taken from it.
    pub changed: usize,
    /// Annotations edited on both sides: both texts kept in one.
    pub both_kept: usize,
    /// Links taken from the copy (new or edited there).
    pub links: usize,
    /// Where the copy went (`None`: not moved — merged in memory only, or the move failed).
    pub moved_to: Option<PathBuf>,
    /// Why the copy was not used or not moved, if so.
    pub problem: Option<String>,
    /// The copy was not used at all (unreadable, or the notes file itself is): `problem`
    /// says why, and nothing was merged.
    pub untouched: bool,
}

impl CopyMerge {
    /// A copy left as it is, and why (nothing merged from it).
    pub fn untouched(copy: &SyncCopy, why: String) -> CopyMerge {
        CopyMerge {
            file_name: copy.file_name.clone(),
            service: copy.service.name(),
            problem: Some(why),
            untouched: true,
            ..CopyMerge::default()
        }
    }

    /// A copy that could not be read, and why in a reader's words.
    pub fn unreadable(copy: &SyncCopy, e: &LoadError) -> CopyMerge {
        let why = match e {
            LoadError::Refused { what, .. } => format!("it is {what}, not a plain file"),
            LoadError::Parse {
                line,
                column,
                message,
                ..
            } => format!("not a notes file: line {line}, column {column}: {message}"),
            other => other.to_string(),
        };
        CopyMerge::untouched(copy, format!("cannot be read: {why}"))
    }

    /// Annotations the notes gained or changed from the copy.
    pub fn annotations(&self) -> usize {
        self.added + self.changed + self.both_kept
    }
}

impl std::fmt::Display for CopyMerge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.untouched {
            return write!(
                f,
                "{} conflict copy {} left where it is — {}",
                self.service,
                self.file_name,
                self.problem.as_deref().unwrap_or("not used")
            );
        }
        let n = self.annotations();
        let what = if n == 1 { "annotation" } else { "annotations" };
        write!(
            f,
            "{n} {what} merged from a {} conflict copy ({})",
            self.service, self.file_name
        )?;
        if self.both_kept > 0 {
            write!(
                f,
                "; {} edited on both machines keep both texts",
                self.both_kept
            )?;
        }
        if self.links > 0 {
            write!(f, "; {} links", self.links)?;
        }
        match (&self.moved_to, &self.problem) {
            (_, Some(p)) => write!(f, " — {p}"),
            (Some(to), None) => write!(f, "; the copy is now {}", to.display()),
            (None, None) => write!(
                f,
                "; not yet saved (open the corpus in gloss to merge it into the notes file)"
            ),
        }
    }
}

/// Merges `theirs` (a sync copy) into `ours` against `base`. Never drops an entry present in
/// either, nor the text of a note (see the module documentation).
///
/// An annotation that differs between the two files: the one edited last (`modified`) is
/// kept, with every tag of either, and the other's note text is kept in it too unless it is
/// already there (empty, or contained in the newer note). The base only sorts what the report
/// says: it cannot say which side is an edit of the other — this machine's last save may be
/// an edit the other machine never saw (then its older time does not make it stale), and
/// which file is the copy depends on the sync tool (Syncthing makes the older file the copy).
pub fn merge(base: &Notes, ours: &Notes, theirs: &Notes, from: &str) -> (Notes, CopyMerge) {
    let mut report = CopyMerge::default();
    let mut annotations = Vec::with_capacity(ours.annotations.len());
    let find = |list: &[Annotation], id: &str| list.iter().position(|a| a.id == id);
    let base_of = |id: &str| base.annotations.iter().find(|a| a.id == id);
    for o in &ours.annotations {
        match theirs.annotations.iter().find(|t| t.id == o.id) {
            None => annotations.push(o.clone()),
            Some(t) if t == o => annotations.push(o.clone()),
            Some(t) => {
                let theirs_newer = t.modified > o.modified;
                let (newer, older) = if theirs_newer { (t, o) } else { (o, t) };
                let superseded =
                    older.note.trim().is_empty() || newer.note.contains(older.note.as_str());
                let mut kept = newer.clone();
                for tag in &older.tags {
                    if !kept.tags.contains(tag) {
                        kept.tags.push(tag.clone());
                    }
                }
                if !superseded {
                    kept.note = join_texts(&o.note, &t.note, from);
                }
                // Both sides moved on from what was last saved here: an edit on each.
                let base = base_of(&o.id);
                if !superseded && base != Some(o) && base != Some(t) {
                    report.both_kept += 1;
                } else if kept != *o {
                    report.changed += 1;
                }
                annotations.push(kept);
            }
        }
    }
    for t in &theirs.annotations {
        if find(&ours.annotations, &t.id).is_none() {
            report.added += 1;
            annotations.push(t.clone());
        }
    }
    let mut links: Vec<Link> = ours.links.clone();
    for t in &theirs.links {
        match links.iter_mut().find(|l| l.id == t.id) {
            None => {
                report.links += 1;
                links.push(t.clone());
            }
            Some(o) if o == t => {}
            Some(o) => {
                let b = base.links.iter().find(|l| l.id == t.id);
                if b == Some(o) {
                    *o = t.clone();
                    report.links += 1;
                } else if b != Some(t) {
                    // Both edited: the newer relation, both notes.
                    let mut kept = if t.modified > o.modified {
                        t.clone()
                    } else {
                        o.clone()
                    };
                    kept.note = join_texts(&o.note, &t.note, from);
                    *o = kept;
                    report.links += 1;
                }
            }
        }
    }
    let mut dismissed = ours.dismissed.clone();
    for d in &theirs.dismissed {
        if !dismissed.iter().any(|x| x.key == d.key) {
            dismissed.push(d.clone());
        }
    }
    (
        Notes {
            annotations,
            links,
            dismissed,
        },
        report,
    )
}

/// Every readable sync copy of the corpus at `root` merged into `ours` in memory, nothing
/// moved — for commands that only read (`gloss search`).
///
/// Returns the merged notes and, for each copy, what was done with it (a copy whose report is
/// not `untouched` was merged, and may be put away once the notes are saved).
pub fn merge_all_in_memory(root: &Path, ours: Notes) -> (Notes, Vec<(SyncCopy, CopyMerge)>) {
    let copies = find(root);
    if copies.is_empty() {
        return (ours, Vec::new());
    }
    let base = read_base(root).unwrap_or_default();
    let mut notes = ours;
    let mut reports = Vec::new();
    for copy in copies {
        let report = match read(&copy) {
            Ok(theirs) => {
                let (merged, report) = merge(&base, &notes, &theirs, &copy.described());
                notes = merged;
                CopyMerge {
                    file_name: copy.file_name.clone(),
                    service: copy.service.name(),
                    ..report
                }
            }
            Err(e) => CopyMerge::unreadable(&copy, &e),
        };
        reports.push((copy, report));
    }
    (notes, reports)
}

/// Both texts of a note edited on two machines, ours first, the copy's marked as such.
fn join_texts(ours: &str, theirs: &str, from: &str) -> String {
    if ours == theirs || theirs.trim().is_empty() {
        ours.to_owned()
    } else if ours.trim().is_empty() {
        theirs.to_owned()
    } else {
        format!("{ours}\n\n— also, in {from}:\n{theirs}")
    }
}

#[cfg(test)]
mod tests;
