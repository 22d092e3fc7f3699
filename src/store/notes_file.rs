//! One corpus's notes file over time: what was loaded, what is on disk now, and how a save
//! reconciles the two.
//!
//! The file is remembered by the hash of its bytes. Before every save (and whenever the app
//! polls) the bytes on disk are hashed again; if they changed, someone else edited the file,
//! and their version is merged with ours by annotation id ([`super::merge`]) instead of being
//! overwritten. Conflicting versions go to `annotations.conflict-<time>.ron`, an unreadable
//! replacement is copied aside byte for byte, and the backup is refreshed only from a good file.

use super::save_error::SaveError;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::duplicates::{self, Renamed};
use super::merge::{MergeReport, merge_notes};
use super::{
    LoadError, MAX_NOTES_BYTES, backup, bytes_hash, parse_notes, read_bytes, serialise_notes,
};
use crate::notes::Notes;
use crate::safe_file::{self, Replace};

/// What happened to the file on disk since we last looked, if anything.
#[derive(Debug, Clone, PartialEq)]
pub struct DiskChange {
    /// Ours merged with theirs: what the notebook should now hold.
    pub notes: Notes,
    pub report: MergeReport,
    /// Where losing versions of annotations edited on both sides were written.
    pub conflict_file: Option<PathBuf>,
    /// The file was replaced by something unreadable, copied here; ours was kept.
    pub corrupt_copy: Option<PathBuf>,
    /// Ids the file on disk repeated; the later copies were given these new ids.
    pub renamed: Vec<Renamed>,
}

#[derive(Debug)]
pub struct NotesFile {
    pub path: PathBuf,
    /// What this process last loaded from or wrote to disk: the base of every merge.
    base: Notes,
    /// Hash of the bytes on disk as of then (`None`: there was no file).
    disk_hash: Option<String>,
    /// Whether those bytes were a readable notes file (only such a file goes to the backup).
    disk_good: bool,
    /// Size and modification time of the file as of then: polling compares these first and
    /// reads the file only when they differ.
    disk_meta: Option<(u64, Option<SystemTime>)>,
}

/// Size and modification time of the notes file's own entry (a link is not followed).
fn metadata_of(path: &Path) -> Option<(u64, Option<SystemTime>)> {
    std::fs::symlink_metadata(path)
        .ok()
        .map(|m| (m.len(), m.modified().ok()))
}

/// Parses the notes file's bytes and gives repeated ids new ones.
fn parse_unique(path: &Path, bytes: &[u8]) -> Result<(Notes, Vec<Renamed>), LoadError> {
    let mut notes = parse_notes(path, bytes)?;
    let renamed = duplicates::renumber(&mut notes.annotations);
    duplicates::renumber_links(&mut notes.links);
    Ok((notes, renamed))
}

/// The result of opening: the notes, or why they cannot be read (and where the unreadable file
/// was copied, when it was corrupt).
pub struct Opened {
    pub file: NotesFile,
    pub notes: Result<Notes, LoadError>,
    pub corrupt_copy: Option<PathBuf>,
    /// Ids the file repeated; the later copies were given these new ids.
    pub renamed: Vec<Renamed>,
}

impl NotesFile {
    pub fn open(path: &Path) -> Opened {
        let mut file = NotesFile {
            path: path.to_path_buf(),
            base: Notes::default(),
            disk_hash: None,
            disk_good: false,
            disk_meta: metadata_of(path),
        };
        let bytes = match read_bytes(path) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => {
                return Opened {
                    file,
                    notes: Ok(Notes::default()),
                    corrupt_copy: None,
                    renamed: Vec::new(),
                };
            }
            Err(e) => {
                return Opened {
                    file,
                    notes: Err(e),
                    corrupt_copy: None,
                    renamed: Vec::new(),
                };
            }
        };
        file.disk_hash = Some(bytes_hash(&bytes));
        match parse_unique(path, &bytes) {
            Ok((list, renamed)) => {
                file.base = list.clone();
                file.disk_good = true;
                Opened {
                    file,
                    notes: Ok(list),
                    corrupt_copy: None,
                    renamed,
                }
            }
            Err(e) => {
                let corrupt_copy = if e.is_corrupt() {
                    backup::preserve_corrupt(path, &bytes).ok()
                } else {
                    None
                };
                Opened {
                    file,
                    notes: Err(e),
                    corrupt_copy,
                    renamed: Vec::new(),
                }
            }
        }
    }

    /// The annotations in `annotations.ron.bak`, for recovering from a corrupt file.
    pub fn read_backup(&self) -> Result<Notes, LoadError> {
        let bak = backup::backup_path(&self.path);
        match read_bytes(&bak)? {
            Some(bytes) => parse_unique(&bak, &bytes).map(|(list, _)| list),
            None => Err(LoadError::Io {
                path: bak,
                message: "there is no backup".into(),
            }),
        }
    }

    /// Like [`Self::absorb_disk_changes`], but first compares the file's size and modification
    /// time, and reads nothing when they are as last seen: cheap enough to call every couple
    /// of seconds with a large notes file. (Saving always does the full check.)
    /// Whether the file's size or modification time differs from when we last read or wrote
    /// it (one `stat`): the cheap test before reading it again.
    pub fn looks_changed(&self) -> bool {
        metadata_of(&self.path) != self.disk_meta
    }

    pub fn poll(&mut self, ours: &Notes) -> Result<Option<DiskChange>, SaveError> {
        if metadata_of(&self.path) == self.disk_meta {
            return Ok(None);
        }
        self.absorb_disk_changes(ours)
    }

    /// Looks at the file on disk; if it changed since we last loaded or wrote it, merges it
    /// with `ours` and returns what changed. Returns `Ok(None)` when it did not change.
    pub fn absorb_disk_changes(&mut self, ours: &Notes) -> Result<Option<DiskChange>, SaveError> {
        self.disk_meta = metadata_of(&self.path);
        let disk = read_bytes(&self.path).map_err(|e| SaveError::Read {
            path: self.path.clone(),
            error: e.to_string(),
        })?;
        let hash = disk.as_deref().map(bytes_hash);
        if hash == self.disk_hash {
            return Ok(None);
        }
        let Some(bytes) = disk else {
            // The file was deleted: that is not a request to delete every note. Ours stands
            // and is written again at the next save.
            self.disk_hash = None;
            self.disk_good = false;
            return Ok(None);
        };
        self.disk_hash = hash;
        match parse_unique(&self.path, &bytes) {
            Ok((theirs, renamed)) => {
                let merged = merge_notes(&self.base, ours, &theirs);
                let conflict_file = if merged.conflicts.is_empty() {
                    None
                } else {
                    Some(self.write_conflicts(&merged.conflicts)?)
                };
                self.base = theirs;
                self.disk_good = true;
                Ok(Some(DiskChange {
                    notes: merged.notes,
                    report: merged.report,
                    conflict_file,
                    corrupt_copy: None,
                    renamed,
                }))
            }
            Err(e) => {
                // Replaced by something unreadable (or from a newer gloss): keep a copy of it
                // byte for byte, keep ours, and let the next save write ours.
                let copy = backup::preserve_corrupt(&self.path, &bytes).map_err(|io| {
                    SaveError::CopyAside {
                        path: self.path.clone(),
                        why: e.to_string(),
                        error: io.to_string(),
                    }
                })?;
                self.disk_good = false;
                Ok(Some(DiskChange {
                    notes: ours.clone(),
                    report: MergeReport::default(),
                    conflict_file: None,
                    corrupt_copy: Some(copy),
                    renamed: Vec::new(),
                }))
            }
        }
    }

    /// Saves `ours`, first merging any change made on disk since we last looked. Returns the
    /// disk change when there was one: the caller must then hold `change.annotations`, which
    /// is what was written.
    pub fn save(&mut self, ours: &Notes) -> Result<Option<DiskChange>, SaveError> {
        // Whatever is at the name must be a plain file (or nothing) before anything is read
        // or written: a link or FIFO put there since opening is left alone.
        safe_file::inspect(&self.path).map_err(|e| SaveError::NotAPlainFile {
            path: self.path.clone(),
            reason: e.to_string(),
        })?;
        let change = self.absorb_disk_changes(ours)?;
        let to_write = change.as_ref().map_or(ours, |c| &c.notes);
        let text = serialise_notes(to_write);
        if text.len() as u64 > MAX_NOTES_BYTES {
            // Never write what gloss would then refuse to read.
            return Err(SaveError::TooLarge {
                path: self.path.clone(),
                bytes: text.len() as u64,
                limit: MAX_NOTES_BYTES,
            });
        }
        if self.disk_good {
            // The file on disk is a good version (the one we last loaded, wrote or merged).
            if let Ok(Some(current)) = read_bytes(&self.path) {
                backup::rotate(&self.path, &current, SystemTime::now()).map_err(|e| {
                    SaveError::Backup {
                        path: backup::backup_path(&self.path),
                        error: e.to_string(),
                    }
                })?;
            }
        }
        safe_file::write_atomic(&self.path, text.as_bytes(), None, Replace::Overwrite).map_err(
            |e| SaveError::Write {
                path: self.path.clone(),
                error: e.to_string(),
            },
        )?;
        // The base of a later merge of a sync tool's conflict copy (`.gloss/base.ron`): what
        // this machine last saved. Failing to keep it costs only certainty in that merge.
        let root = self.path.parent().unwrap_or(Path::new("."));
        if let Err(e) = super::sync_copies::write_base(root, text.as_bytes()) {
            log::warn!("merge base not kept: {e}");
        }
        self.base = to_write.clone();
        self.disk_hash = Some(bytes_hash(text.as_bytes()));
        self.disk_good = true;
        self.disk_meta = metadata_of(&self.path);
        Ok(change)
    }

    fn write_conflicts(&self, conflicts: &Notes) -> Result<PathBuf, SaveError> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let text = serialise_notes(conflicts);
        backup::write_stamped(
            dir,
            "annotations.conflict-",
            ".ron",
            text.as_bytes(),
            safe_file::mode_of(&self.path),
        )
        .map_err(|e| SaveError::Conflicts {
            folder: dir.to_path_buf(),
            error: e.to_string(),
        })
    }
}
