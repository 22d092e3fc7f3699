//! Why the notes could not be saved — one variant per cause, each carrying the file it is
//! about, so the app's banner, the quit dialog and the CLI can all say *which file* and
//! *what to do*, and tests can tell the causes apart without matching on words.
//!
//! The notes stay in memory whatever the cause; the app shows the error and retries.

use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// The notes cannot be changed here (unreadable file, another window holds the lock,
    /// opened read-only, one of gloss's files is a link): nothing is written.
    ReadOnly { reason: String },
    /// Whatever is now at the notes file's name is not a plain file gloss may replace.
    NotAPlainFile { path: PathBuf, reason: String },
    /// The notes would make a file larger than gloss reads back.
    TooLarge {
        path: PathBuf,
        bytes: u64,
        limit: u64,
    },
    /// The file on disk could not be read to merge changes made elsewhere.
    Read { path: PathBuf, error: String },
    /// The file on disk became unreadable and could not be copied aside first.
    CopyAside {
        path: PathBuf,
        why: String,
        error: String,
    },
    /// The backup of the previous version could not be written.
    Backup { path: PathBuf, error: String },
    /// Versions that lost a merge could not be written next to the notes.
    Conflicts { folder: PathBuf, error: String },
    /// Writing the notes file failed (disk full, no permission, folder gone…).
    Write { path: PathBuf, error: String },
    /// The thread saving in the background stopped before it said how the save went.
    SaverStopped,
}

impl SaveError {
    /// The file the error is about, when there is one.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            SaveError::ReadOnly { .. } | SaveError::SaverStopped => None,
            SaveError::NotAPlainFile { path, .. }
            | SaveError::TooLarge { path, .. }
            | SaveError::Read { path, .. }
            | SaveError::CopyAside { path, .. }
            | SaveError::Backup { path, .. }
            | SaveError::Write { path, .. } => Some(path),
            SaveError::Conflicts { folder, .. } => Some(folder),
        }
    }
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::safe_file::megabytes;
        match self {
            SaveError::ReadOnly { reason } => write!(f, "not saving: {reason}"),
            SaveError::NotAPlainFile { path, reason } => {
                write!(f, "not saving {}: {reason}", path.display())
            }
            SaveError::TooLarge { path, bytes, limit } => write!(
                f,
                "not saving {}: the notes would take {}, over the {} limit for a notes file \
                 (delete some highlights or shorten long notes)",
                path.display(),
                megabytes(*bytes),
                megabytes(*limit)
            ),
            SaveError::Read { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            SaveError::CopyAside { path, why, error } => write!(
                f,
                "{} became unreadable ({why}), and it could not be copied aside: {error}",
                path.display()
            ),
            SaveError::Backup { path, error } => {
                write!(f, "cannot write the backup {}: {error}", path.display())
            }
            SaveError::Conflicts { folder, error } => write!(
                f,
                "cannot write a conflict file in {}: {error}",
                folder.display()
            ),
            SaveError::Write { path, error } => {
                write!(f, "cannot save {}: {error}", path.display())
            }
            SaveError::SaverStopped => f.write_str("the saving thread stopped unexpectedly"),
        }
    }
}

impl std::error::Error for SaveError {}
