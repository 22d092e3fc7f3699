//! Copies kept beside the notes file: the rolling backup and preserved corrupt files.
//!
//! `annotations.ron.bak` holds the previous good version. It is refreshed from the file on disk
//! just before a save, but at most once a minute: if it were refreshed on every save, two quick
//! saves would leave both copies new and a mistake just made would be in both.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::safe_file::{self, Replace};

/// Minimum age of the backup before it is replaced.
pub const BACKUP_INTERVAL: Duration = Duration::from_secs(60);

pub fn backup_path(notes: &Path) -> PathBuf {
    with_suffix(notes, ".bak")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Before overwriting `notes` (whose current, readable bytes are `current`), refreshes the
/// backup if it is missing or older than [`BACKUP_INTERVAL`]. Returns whether it did. The
/// backup gets the notes file's permissions: a private notes file has a private backup. A
/// link or special file where the backup goes is refused, not written through.
pub fn rotate(notes: &Path, current: &[u8], now: SystemTime) -> std::io::Result<bool> {
    let bak = backup_path(notes);
    let fresh = safe_file::inspect(&bak)?
        .and_then(|m| m.modified().ok())
        .is_some_and(|t| now.duration_since(t).unwrap_or_default() < BACKUP_INTERVAL);
    if fresh {
        return Ok(false);
    }
    safe_file::write_atomic(&bak, current, safe_file::mode_of(notes), Replace::Overwrite)?;
    Ok(true)
}

/// Copies a notes file that cannot be read to `annotations.ron.corrupt-<UTC time>`, byte for
/// byte (with the notes file's permissions), unless an identical copy is already there.
/// Returns the copy's path.
///
/// A file with more than one name (a hard link — it may be `/etc/passwd` under another
/// name) is not copied: its bytes belong elsewhere too, and staying unreadable it is never
/// overwritten anyway (recovery needs the copy).
pub fn preserve_corrupt(notes: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let links = std::fs::symlink_metadata(notes).map_or(1, |m| m.nlink());
        if links > 1 {
            return Err(std::io::Error::other(format!(
                "{} has {links} names (hard links); it is not copied into the corpus",
                notes.display()
            )));
        }
    }
    let dir = parent_of(notes);
    let prefix = format!(
        "{}.corrupt-",
        notes.file_name().unwrap_or_default().to_string_lossy()
    );
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            // Only plain files are compared: a link or FIFO named like a copy is not read.
            if name.to_string_lossy().starts_with(&prefix)
                && safe_file::read_limited(&entry.path(), bytes.len() as u64)
                    .is_ok_and(|b| b.as_deref() == Some(bytes))
            {
                return Ok(entry.path());
            }
        }
    }
    Ok(write_stamped(
        dir,
        &prefix,
        "",
        bytes,
        safe_file::mode_of(notes),
    )?)
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to a new file `<prefix><UTC time><suffix>` in `dir` (with `-2`, `-3`…
/// before the suffix if that name is taken, by anything, link or not), for copies that must
/// never overwrite one another. Returns its path.
pub fn write_stamped(
    dir: &Path,
    prefix: &str,
    suffix: &str,
    bytes: &[u8],
    mode: Option<u32>,
) -> Result<PathBuf, safe_file::FileError> {
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut n = 1;
    loop {
        let path = if n == 1 {
            dir.join(format!("{prefix}{stamp}{suffix}"))
        } else {
            dir.join(format!("{prefix}{stamp}-{n}{suffix}"))
        };
        n += 1;
        if std::fs::symlink_metadata(&path).is_ok() {
            continue;
        }
        match safe_file::write_atomic(&path, bytes, mode, Replace::New) {
            Err(safe_file::FileError::Io { error, .. })
                if error.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 =>
            {
                continue; // taken between the look and the write
            }
            other => return other.map(|()| path),
        }
    }
}

/// Removes temporary files that a save killed mid-way left beside the notes file — only
/// those gloss itself names (see [`safe_file::is_our_temp_name`]); a reader's
/// `.annotations.ron.backup` or `.annotations.ron.v2copy` is never touched. Call only while
/// holding the corpus lock. Returns how many were removed.
pub fn remove_stale_temp_files(notes: &Path) -> usize {
    safe_file::remove_stale_temp_files(parent_of(notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backup_rotates_at_most_once_a_minute() {
        let dir = tempfile::tempdir().unwrap();
        let notes = dir.path().join("annotations.ron");
        let t0 = SystemTime::now();
        assert!(rotate(&notes, b"v1", t0).unwrap());
        assert!(!rotate(&notes, b"v2", t0 + Duration::from_secs(5)).unwrap());
        assert_eq!(std::fs::read(backup_path(&notes)).unwrap(), b"v1");
        assert!(rotate(&notes, b"v3", t0 + Duration::from_secs(61)).unwrap());
        assert_eq!(std::fs::read(backup_path(&notes)).unwrap(), b"v3");
    }

    #[test]
    fn only_our_stale_temporary_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let notes = dir.path().join("annotations.ron");
        for name in [
            ".annotations.ron.Ab3dE9xY12zQ.gloss-tmp",
            ".annotations.ron.bak.x1Y2z3aB4c5D.gloss-tmp",
            ".annotations.ron.Ab3dE9",
            ".annotations.ron.backup",
            ".annotations.ron.v2copy",
            "annotations.ron",
        ] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        assert_eq!(remove_stale_temp_files(&notes), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".annotations.ron.Ab3dE9",
                ".annotations.ron.backup",
                ".annotations.ron.v2copy",
                "annotations.ron"
            ]
        );
    }

    #[test]
    fn corrupt_files_are_preserved_once() {
        let dir = tempfile::tempdir().unwrap();
        let notes = dir.path().join("annotations.ron");
        let a = preserve_corrupt(&notes, b"garbage").unwrap();
        let b = preserve_corrupt(&notes, b"garbage").unwrap();
        assert_eq!(a, b);
        assert_eq!(std::fs::read(&a).unwrap(), b"garbage");
        let c = preserve_corrupt(&notes, b"other garbage").unwrap();
        assert_ne!(a, c);
    }
}
