//! One writer per corpus: an OS file lock on `<corpus>/.gloss.lock`.
//!
//! The lock file is separate from the notes file and never replaced or deleted: the notes file
//! is replaced on every save (atomic rename), and a lock on a file that gets replaced locks
//! nothing. The lock is an advisory `flock`-style lock taken through the standard library; the
//! operating system releases it when the process exits or is killed, so a crash never leaves a
//! corpus locked. The holder's process id is written into the file for the message the second
//! instance shows.
//!
//! The lock file is opened as a plain file only ([`super::safe_file`]): a link named
//! `.gloss.lock` is not followed (an outside file is never truncated, a dangling link never
//! creates its target), and a directory, FIFO or device there cannot serve as a lock. In every
//! case where the lock cannot be taken, the corpus opens read-only and says why: gloss never
//! goes on as if it held a lock it does not.

use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::safe_file;

pub const LOCK_FILE: &str = ".gloss.lock";

/// Held while this process may write the corpus's notes.
#[derive(Debug)]
pub struct CorpusLock {
    file: File,
    pub path: PathBuf,
}

/// Why the lock was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockError {
    /// Another process holds it (its pid, when it could be read).
    Held { pid: Option<u32> },
    /// The lock file could not be created or locked (read-only folder, unsupported filesystem).
    Unavailable(String),
    /// Something that cannot be a lock is at its name (a link, a directory, a FIFO).
    Unusable(String),
    /// The lock file this process held is no longer the one at `.gloss.lock` (the corpus
    /// folder was removed and restored, or the file deleted) and could not be taken again.
    Lost(String),
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Held { pid: Some(pid) } => write!(
                f,
                "this corpus is open in another gloss (process {pid}); only one may change its notes"
            ),
            LockError::Held { pid: None } => write!(
                f,
                "this corpus is open in another gloss; only one may change its notes"
            ),
            LockError::Unavailable(why) => write!(
                f,
                "cannot lock the corpus ({why}), so its notes are read-only here"
            ),
            LockError::Unusable(why) => write!(
                f,
                "cannot lock the corpus: {why}. Its notes are read-only until that is fixed"
            ),
            LockError::Lost(why) => write!(
                f,
                "the corpus folder was replaced while gloss ran and its lock could not be taken \
                 again ({why}); the notes are read-only here — reopen the corpus to edit them"
            ),
        }
    }
}

impl CorpusLock {
    /// Tries to take the lock without waiting.
    pub fn acquire(corpus_root: &Path) -> Result<CorpusLock, LockError> {
        let path = corpus_root.join(LOCK_FILE);
        let mut file = safe_file::open_or_create_regular(&path).map_err(|e| match e {
            safe_file::FileError::Refused { .. } => LockError::Unusable(e.to_string()),
            other => LockError::Unavailable(other.to_string()),
        })?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                return Err(LockError::Held {
                    pid: text.trim().parse().ok(),
                });
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(LockError::Unavailable(format!("{}: {e}", path.display())));
            }
        }
        // Record who holds it (best effort: the lock matters, not the text).
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = write!(file, "{}", std::process::id());
        let _ = file.flush();
        Ok(CorpusLock { file, path })
    }

    /// Whether the file this lock is held on is still the one at `.gloss.lock` (same device
    /// and inode). A corpus folder removed and restored (a sync tool, a backup restore, `mv`
    /// and back) has a new lock file that nobody holds: another gloss or `gloss import` would
    /// take it and write beside this one. Checked on a timer by the window.
    pub fn still_held(&self) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let (Ok(held), Ok(now)) = (self.file.metadata(), std::fs::symlink_metadata(&self.path))
            else {
                return false;
            };
            held.dev() == now.dev() && held.ino() == now.ino()
        }
        #[cfg(not(unix))]
        {
            // Windows keeps an open file's name from being deleted or replaced.
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_corpus_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = CorpusLock::acquire(dir.path()).unwrap();
        match CorpusLock::acquire(dir.path()) {
            Err(LockError::Held { pid }) => assert_eq!(pid, Some(std::process::id())),
            other => panic!("expected Held, got {other:?}"),
        }
        drop(first);
        assert!(CorpusLock::acquire(dir.path()).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_corpus_folder_removed_and_restored_is_noticed() {
        let parent = tempfile::tempdir().unwrap();
        let corpus = parent.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        let lock = CorpusLock::acquire(&corpus).unwrap();
        assert!(lock.still_held());
        std::fs::rename(&corpus, parent.path().join("moved")).unwrap();
        assert!(!lock.still_held(), "gone");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::copy(
            parent.path().join("moved").join(LOCK_FILE),
            corpus.join(LOCK_FILE),
        )
        .unwrap();
        assert!(!lock.still_held(), "a restored copy is not the file held");
        // And nothing holds the restored one: a second gloss would take it.
        assert!(CorpusLock::acquire(&corpus).is_ok());
    }
}
