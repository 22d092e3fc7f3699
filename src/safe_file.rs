//! Reading and replacing gloss's own files without being led astray.
//!
//! The notes file, its backup, the lock file and the conflict and corrupt copies all live in
//! the corpus folder, which the reader (or a sync tool, or an attacker who can write there)
//! may fill with anything. So every one of them is opened as *exactly a regular file at this
//! name*:
//!
//! | threat | guard |
//! | --- | --- |
//! | a symbolic link to a file outside the corpus (`annotations.ron -> /etc/passwd`) | opened with `O_NOFOLLOW`: a link is refused, never read, written or replaced through |
//! | a FIFO, socket or device under the name (a read that never returns, `/dev/zero` forever) | opened with `O_NONBLOCK`, then `fstat`: anything but a regular file is refused before a byte is read |
//! | a huge file | its size is taken from `fstat` and refused before reading; a file growing while read is cut off at the limit and refused |
//! | a reader's own files that look like ours | temporary files carry a name only gloss makes (`.<name>.<random>`[`TEMP_SUFFIX`]) and only those are ever cleaned up |
//! | a new file readable by everyone | a replaced file keeps the permissions of the file it replaces, copies take the notes file's |
//!
//! The checks are made on the open file descriptor, not on the name, so a swap between a check
//! and the read cannot slip a link or a FIFO past them.

use std::fs::{File, Metadata};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The suffix of every temporary file gloss writes. No other program uses it, so a file with
/// this suffix and gloss's name pattern is known to be a left-over of an interrupted save.
pub const TEMP_SUFFIX: &str = ".gloss-tmp";

/// Random characters in a temporary file's name.
const TEMP_RANDOM: usize = 12;

/// Why one of gloss's own files was not used.
#[derive(Debug)]
pub enum FileError {
    /// The name is taken by something that is not a plain file (a link, a FIFO, a device, a
    /// directory): it is left exactly as it is.
    Refused { path: PathBuf, what: String },
    /// Larger than the limit for this kind of file; not read.
    TooLarge {
        path: PathBuf,
        bytes: u64,
        limit: u64,
    },
    /// The operating system said no (permissions, a read-only folder, a full disk).
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl FileError {
    pub fn path(&self) -> &Path {
        match self {
            FileError::Refused { path, .. }
            | FileError::TooLarge { path, .. }
            | FileError::Io { path, .. } => path,
        }
    }
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::Refused { path, what } => write!(
                f,
                "{} is {what}, not a plain file; gloss does not read, write or replace its own \
                 files through links or special files — replace it with the file itself",
                path.display()
            ),
            FileError::TooLarge { path, bytes, limit } => write!(
                f,
                "{} is {}, over the {} limit; it was not read",
                path.display(),
                megabytes(*bytes),
                megabytes(*limit)
            ),
            FileError::Io { path, error } => write!(f, "{}: {error}", path.display()),
        }
    }
}

impl std::error::Error for FileError {}

impl From<FileError> for std::io::Error {
    fn from(e: FileError) -> std::io::Error {
        match e {
            FileError::Io { error, .. } => error,
            other => std::io::Error::other(other.to_string()),
        }
    }
}

/// A size in MB for messages (decimal, as file managers show it).
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// What kind of thing a metadata describes, in words ("a symbolic link", "a FIFO").
fn kind(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_symlink() {
        return "a symbolic link";
    }
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_file() {
        "a file"
    } else {
        "a special file"
    }
}

/// Describes what is at `path` when it is not a regular file, from its own entry (a link is
/// described with where it points).
fn describe_refused(path: &Path) -> String {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => match std::fs::read_link(path) {
            Ok(target) => format!("a symbolic link (to {})", target.display()),
            Err(_) => "a symbolic link".into(),
        },
        Ok(meta) => kind(&meta).into(),
        Err(_) => "not a plain file".into(),
    }
}

/// What is at `path`, looked at without following a link: `Ok(None)` when nothing is,
/// `Ok(Some(meta))` for a regular file, `Err(Refused)` for anything else.
pub fn inspect(path: &Path) -> Result<Option<Metadata>, FileError> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_file() => Ok(Some(meta)),
        Ok(_) => Err(FileError::Refused {
            path: path.to_path_buf(),
            what: describe_refused(path),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(FileError::Io {
            path: path.to_path_buf(),
            error,
        }),
    }
}

/// `path` with `.` and `..` resolved by name (`a/sub/../b` is `a/b`), without asking the disk.
pub fn lexically_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Checks that each folder of `root/parts[0]/parts[1]/…` is a real folder or absent — never a
/// link (to a folder outside the corpus), file or special file. `O_NOFOLLOW` guards only the
/// last part of a path, so gloss's own folders (`.gloss`, `.gloss/versions`, …) are checked
/// this way before anything in them is read, written or removed. Returns the first folder
/// that is not one, described.
pub fn check_own_dirs(root: &Path, parts: &[&str]) -> Result<(), OwnDirError> {
    let mut dir = root.to_path_buf();
    for part in parts {
        dir.push(part);
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                let what = describe_refused(&dir).to_string();
                return Err(OwnDirError::Refused { dir, what });
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => {
                return Err(OwnDirError::Unreadable {
                    dir,
                    cause: e.to_string(),
                });
            }
        }
    }
    Ok(())
}

/// Why one of gloss's own folders is refused or could not be made: which, and why.
#[derive(Debug, Clone, PartialEq)]
pub enum OwnDirError {
    /// Something other than a real folder stands there (a link, a file, a FIFO).
    Refused { dir: PathBuf, what: String },
    /// It could not be looked at.
    Unreadable { dir: PathBuf, cause: String },
    /// It could not be created.
    Create { dir: PathBuf, cause: String },
}

impl std::fmt::Display for OwnDirError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OwnDirError::Refused { dir, what } => write!(
                f,
                "{} is {what}, not a folder gloss made; gloss does not read or write through it",
                dir.display()
            ),
            OwnDirError::Unreadable { dir, cause } => {
                write!(f, "cannot look at {}: {cause}", dir.display())
            }
            OwnDirError::Create { dir, cause } => {
                write!(f, "cannot create {}: {cause}", dir.display())
            }
        }
    }
}

impl std::error::Error for OwnDirError {}

/// [`check_own_dirs`], then creates the folders that are missing (as real folders).
pub fn ensure_own_dirs(root: &Path, parts: &[&str]) -> Result<PathBuf, OwnDirError> {
    check_own_dirs(root, parts)?;
    let mut dir = root.to_path_buf();
    for part in parts {
        dir.push(part);
        match std::fs::create_dir(&dir) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                // Made meanwhile: it must still be a real folder.
                if !std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
                    let what = describe_refused(&dir).to_string();
                    return Err(OwnDirError::Refused { dir, what });
                }
            }
            Err(e) => {
                return Err(OwnDirError::Create {
                    dir,
                    cause: e.to_string(),
                });
            }
        }
    }
    Ok(dir)
}

/// Opens `path` for reading as a regular file, never following a link and never blocking on
/// a FIFO or device. `Ok(None)`: no such file.
pub fn open_regular(path: &Path) -> Result<Option<(File, Metadata)>, FileError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    open_checked(path, &mut options, false)
}

fn open_checked(
    path: &Path,
    options: &mut std::fs::OpenOptions,
    follow: bool,
) -> Result<Option<(File, Metadata)>, FileError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nofollow = if follow { 0 } else { libc::O_NOFOLLOW };
        options.custom_flags(nofollow | libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    #[cfg(not(unix))]
    if !follow {
        // No O_NOFOLLOW: look first (a swap in between is not guarded against here).
        inspect(path)?;
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            // ELOOP (a link under O_NOFOLLOW), ENXIO (a FIFO with no writer opened for
            // writing), EISDIR…: say what is there rather than the bare errno.
            if !follow && let Err(refused @ FileError::Refused { .. }) = inspect(path) {
                return Err(refused);
            }
            return Err(FileError::Io {
                path: path.to_path_buf(),
                error,
            });
        }
    };
    let meta = file.metadata().map_err(|error| FileError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    if !meta.file_type().is_file() {
        return Err(FileError::Refused {
            path: path.to_path_buf(),
            what: kind(&meta).into(),
        });
    }
    Ok(Some((file, meta)))
}

/// Reads a regular file of at most `limit` bytes. The size is checked before reading, and a
/// file that grows past the limit while it is read is refused too. `Ok(None)`: no such file.
pub fn read_limited(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, FileError> {
    read_checked(path, limit, false)
}

/// [`read_limited`] for a file that may be reached through a link (an article the reader
/// linked into the corpus, already checked to stay inside it): the link is followed, but what
/// it reaches must still be a regular file within the limit.
pub fn read_limited_following(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, FileError> {
    read_checked(path, limit, true)
}

fn read_checked(path: &Path, limit: u64, follow: bool) -> Result<Option<Vec<u8>>, FileError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    let Some((file, meta)) = open_checked(path, &mut options, follow)? else {
        return Ok(None);
    };
    let too_large = |bytes| FileError::TooLarge {
        path: path.to_path_buf(),
        bytes,
        limit,
    };
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| FileError::Io {
            path: path.to_path_buf(),
            error,
        })?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(Some(bytes))
}

/// Opens (creating it if needed) a regular file for reading and writing, never through a
/// link and never a FIFO, device or directory. The file is not truncated. Used for the lock.
pub fn open_or_create_regular(path: &Path) -> Result<File, FileError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    match open_checked(path, &mut options, false)? {
        Some((file, _)) => Ok(file),
        None => Err(FileError::Io {
            path: path.to_path_buf(),
            error: std::io::Error::from(std::io::ErrorKind::NotFound),
        }),
    }
}

/// The permission bits of a regular file (`None` when it does not exist or on other systems).
pub fn mode_of(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        inspect(path)
            .ok()
            .flatten()
            .map(|m| m.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// What a new version of a file is allowed to do to what is at its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Replace the regular file at the name (or create it).
    Overwrite,
    /// Create the name; fail if anything is there (copies that must never replace another).
    New,
}

/// Writes `bytes` to `path` atomically: a temporary file with a name only gloss makes is
/// written, synced, given its permissions, and renamed over `path`; then the folder is synced.
/// Whenever the process dies, `path` holds the old or the new bytes, never a mix.
///
/// `mode`: the permission bits to give the file; `None` keeps those of the file being
/// replaced, or the usual ones (0666 less the umask) for a new file. A link, directory or
/// special file at `path` is refused, not replaced.
pub fn write_atomic(
    path: &Path,
    bytes: &[u8],
    mode: Option<u32>,
    replace: Replace,
) -> Result<(), FileError> {
    let io = |error| FileError::Io {
        path: path.to_path_buf(),
        error,
    };
    let existing = inspect(path)?;
    if existing.is_some() && replace == Replace::New {
        return Err(io(std::io::Error::from(std::io::ErrorKind::AlreadyExists)));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    #[cfg(unix)]
    let exact_mode = mode.or_else(|| {
        use std::os::unix::fs::PermissionsExt;
        existing.as_ref().map(|m| m.permissions().mode() & 0o7777)
    });
    #[cfg(not(unix))]
    let exact_mode: Option<u32> = {
        let _ = (mode, &existing);
        None
    };
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(&prefix)
        .suffix(TEMP_SUFFIX)
        .rand_bytes(TEMP_RANDOM);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created with the usual bits less the umask (tempfile's default would be 0600); a
        // known mode is then set exactly below.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(io)?;
    temp.write_all(bytes).map_err(io)?;
    #[cfg(unix)]
    if let Some(bits) = exact_mode {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(bits))
            .map_err(io)?;
    }
    temp.as_file().sync_all().map_err(io)?;
    match replace {
        Replace::Overwrite => temp.persist(path).map_err(|e| io(e.error))?,
        Replace::New => temp.persist_noclobber(path).map_err(|e| io(e.error))?,
    };
    sync_dir(dir);
    Ok(())
}

/// Makes a rename in `dir` durable (best effort: some filesystems cannot sync a folder).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Whether `name` is a temporary file gloss itself names: `.<name>.<random>.gloss-tmp`.
pub fn is_our_temp_name(name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix('.')
        .and_then(|r| r.strip_suffix(TEMP_SUFFIX))
    else {
        return false;
    };
    let Some((stem, random)) = rest.rsplit_once('.') else {
        return false;
    };
    !stem.is_empty()
        && random.len() == TEMP_RANDOM
        && random.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Removes the temporary files gloss's interrupted saves left in `dir` (regular files named by
/// [`is_our_temp_name`]; nothing else, whatever it looks like). Call only while holding the
/// corpus lock, so no save of another process is in flight. Returns how many were removed.
pub fn remove_stale_temp_files(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if is_our_temp_name(name)
            && entry.file_type().is_ok_and(|t| t.is_file())
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn links_and_special_files_are_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        std::fs::write(&outside, b"secret").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        let err = read_limited(&link, 100).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        assert!(matches!(
            read_limited(&sub, 100),
            Err(FileError::Refused { .. })
        ));
        assert!(matches!(
            read_limited(Path::new("/dev/zero"), 100),
            Err(FileError::Refused { .. })
        ));
    }

    #[test]
    fn sizes_are_checked_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        let f = File::create(&path).unwrap();
        f.set_len(1 << 40).unwrap(); // sparse: a terabyte that costs no disk
        match read_limited(&path, 1000) {
            Err(FileError::TooLarge { bytes, .. }) => assert_eq!(bytes, 1 << 40),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn replacing_keeps_permissions_and_refuses_links() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&path, b"new", None, Replace::Overwrite).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let link = dir.path().join("l");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        assert!(write_atomic(&link, b"x", None, Replace::Overwrite).is_err());
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert!(write_atomic(&path, b"y", None, Replace::New).is_err());
    }

    #[test]
    fn only_names_gloss_makes_count_as_its_temporary_files() {
        assert!(is_our_temp_name(".annotations.ron.Ab3dE9xY12zQ.gloss-tmp"));
        for name in [
            ".annotations.ron.backup",
            ".annotations.ron.v2copy",
            ".annotations.ron.Ab3dE9",
            "annotations.ron.Ab3dE9xY12zQ.gloss-tmp",
            ".annotations.ron.short.gloss-tmp",
        ] {
            assert!(!is_our_temp_name(name), "{name}");
        }
    }
}
