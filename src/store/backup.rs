//! Copies kept beside the notes file: the rolling backup and preserved corrupt files.
//!
//! `annotations.ron.bak` holds the previous good version. It is refreshed from the file on disk
//! just before a save, but at most once a minute: if it were refreshed on every save, two quick
//! saves would leave both copies new and a mistake just made would be in both.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

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
/// backup if it is missing or older than [`BACKUP_INTERVAL`]. Returns whether it did.
pub fn rotate(notes: &Path, current: &[u8], now: SystemTime) -> std::io::Result<bool> {
    let bak = backup_path(notes);
    let fresh = std::fs::metadata(&bak)
        .and_then(|m| m.modified())
        .is_ok_and(|t| now.duration_since(t).unwrap_or_default() < BACKUP_INTERVAL);
    if fresh {
        return Ok(false);
    }
    super::write_atomic(&bak, current)?;
    Ok(true)
}

/// Copies a notes file that cannot be read to `annotations.ron.corrupt-<UTC time>`, byte for
/// byte, unless an identical copy is already there. Returns the copy's path.
pub fn preserve_corrupt(notes: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let dir = notes.parent().unwrap_or(Path::new("."));
    let prefix = format!(
        "{}.corrupt-",
        notes.file_name().unwrap_or_default().to_string_lossy()
    );
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            if name.to_string_lossy().starts_with(&prefix)
                && std::fs::read(entry.path()).is_ok_and(|b| b == bytes)
            {
                return Ok(entry.path());
            }
        }
    }
    let path = stamped_path(dir, &prefix, "");
    super::write_atomic(&path, bytes)?;
    Ok(path)
}

/// A new file name `<prefix><UTC time><suffix>` in `dir` (with `-2`, `-3`… before the suffix
/// if that name is taken), for copies that must never overwrite one another.
pub fn stamped_path(dir: &Path, prefix: &str, suffix: &str) -> PathBuf {
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut path = dir.join(format!("{prefix}{stamp}{suffix}"));
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = dir.join(format!("{prefix}{stamp}-{n}{suffix}"));
    }
    path
}

/// Removes temporary files that a save killed mid-way left beside the notes file
/// (`.annotations.ron.XXXXXX`, six random letters or digits, as `atomic-write-file` names them).
/// Call only while holding the corpus lock, so no save of another process is in flight. Each
/// such file is a complete version that never replaced the notes file; the notes file itself
/// is intact. Returns how many were removed.
pub fn remove_stale_temp_files(notes: &Path) -> usize {
    let Some(dir) = notes.parent() else { return 0 };
    let Some(base) = notes.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return 0;
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix('.') else {
            continue;
        };
        let Some((stem, suffix)) = rest.rsplit_once('.') else {
            continue;
        };
        let ours = stem == base || stem.starts_with(&format!("{base}."));
        let random = suffix.len() == 6 && suffix.chars().all(|c| c.is_ascii_alphanumeric());
        if ours
            && random
            && entry.file_type().is_ok_and(|t| t.is_file())
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
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
            ".annotations.ron.Ab3dE9",
            ".annotations.ron.bak.x1Y2z3",
            ".other.ron.Ab3dE9",
            ".annotations.ron.toolong7",
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
                ".annotations.ron.toolong7",
                ".other.ron.Ab3dE9",
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
