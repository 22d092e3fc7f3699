//! Versions kept: the article texts annotations were anchored to, so that when an article
//! changes, its highlights are carried through the change itself ([`diff_map`]) rather than
//! looked for by their stored words alone — and the reader can see what changed.
//!
//! A version is the article's text (for Markdown and web pages, the displayed text: what the
//! positions count), compressed with zstd, in `<corpus>/.gloss/versions/<article_hash>.zst`:
//! named by the content hash the annotations already store, so an annotation finds the text
//! it was made on by its own `article_hash`. `index.ron` beside the files says which article
//! each version is of and when it was kept. Both are written atomically through
//! [`crate::safe_file`]; the folders must be real folders (a link in their place means no
//! versions are kept, never a write through it). A version file that is missing, corrupt or
//! not the text its name says only means anchoring falls back to the selectors.
//!
//! What is kept: every version an annotation refers to, plus the last [`KEEP_LAST`] of each
//! article (see [`VersionStore::prune`]).

pub mod changes;
pub mod diff_map;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::annotation::Timestamp;
use crate::safe_file::{self, Replace};

pub use diff_map::{DiffMap, Mapped};

/// Versions kept per article beyond those annotations refer to.
pub const KEEP_LAST: usize = 3;
/// zstd's level. Measured on a 2 MB text (`cargo bench --bench anchoring`): level 3 keeps
/// 31 % of it in 10 ms, level 12 29 % in about 160 ms, level 19 26 % in a second. Versions
/// are written on the saver thread after the notes, so a few hundred milliseconds cost
/// nothing a reader sees; 12 keeps them under a third of the text.
const LEVEL: i32 = 12;
const INDEX: &str = "index.ron";
/// Largest index file read (a line per version: thousands of versions fit).
const MAX_INDEX_BYTES: u64 = 4 * 1024 * 1024;

/// One kept version of an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Version {
    pub article: String,
    /// The text's content hash (its file name).
    pub hash: String,
    /// When it was first kept.
    pub kept: Timestamp,
    /// Length of the text, in chars.
    pub chars: usize,
    /// Size of the compressed file, in bytes.
    pub bytes: u64,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    versions: Vec<Version>,
}

/// The kept versions of one corpus.
#[derive(Debug, Clone)]
pub struct VersionStore {
    root: PathBuf,
    dir: PathBuf,
}

/// The folders of kept versions, under the corpus folder.
const DIRS: [&str; 2] = [".gloss", "versions"];

impl VersionStore {
    pub fn of_corpus(root: &Path) -> VersionStore {
        VersionStore {
            root: root.to_path_buf(),
            dir: root.join(DIRS[0]).join(DIRS[1]),
        }
    }

    /// Whether `.gloss` and `.gloss/versions` are real folders (or absent). Checked before
    /// every read, write and removal: a link in place of either would lead gloss to read an
    /// index elsewhere, rewrite it and delete files there.
    fn dirs_ok(&self) -> Result<(), VersionError> {
        safe_file::check_own_dirs(&self.root, &DIRS).map_err(VersionError::Folder)
    }

    /// Everything about the kept versions that gloss refuses or cannot read: a link in
    /// place of either folder, an unreadable index, a link or special file among the
    /// version files (for `gloss check`).
    pub fn problems(&self) -> Vec<String> {
        if let Err(why) = self.dirs_ok() {
            return vec![why.to_string()];
        }
        let mut out: Vec<String> = self.index_problem().into_iter().collect();
        if let Ok(entries) = std::fs::read_dir(&self.dir) {
            let mut refused: Vec<String> = entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| !t.is_file()))
                .map(|e| {
                    let path = e.path();
                    let what = safe_file::inspect(&path)
                        .err()
                        .map_or_else(|| "not a plain file".into(), |e| e.to_string());
                    format!("{what}; refused as a kept version")
                })
                .collect();
            refused.sort();
            out.extend(refused);
        }
        out
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of a version; `None` for a name that is not a content hash (it comes from the
    /// notes file, which anyone can edit: `../../x` must never become a path).
    fn file_of(&self, hash: &str) -> Option<PathBuf> {
        let is_hash = hash.len() == 32 && hash.bytes().all(|b| b.is_ascii_hexdigit());
        is_hash.then(|| self.dir.join(format!("{hash}.zst")))
    }

    /// Every kept version, oldest first. A missing or unreadable index lists none.
    pub fn list(&self) -> Vec<Version> {
        self.read_index().map(|i| i.versions).unwrap_or_default()
    }

    /// The index: empty when there is none; an error when one is there but cannot be read
    /// (too large, not RON, from a newer gloss, a link or a FIFO) — it is then never written
    /// over, so the versions it lists are not forgotten.
    fn read_index(&self) -> Result<Index, VersionError> {
        self.dirs_ok()?;
        let path = self.dir.join(INDEX);
        let unreadable = |cause: String| VersionError::Unreadable {
            path: path.clone(),
            cause,
        };
        let bytes = match safe_file::read_limited(&path, MAX_INDEX_BYTES) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return Ok(Index::default()),
            Err(e) => return Err(unreadable(e.to_string())),
        };
        std::str::from_utf8(&bytes)
            .map_err(|e| unreadable(e.to_string()))
            .and_then(|s| ron::from_str(s).map_err(|e| unreadable(e.to_string())))
    }

    /// Why the index cannot be read, if it cannot (for `gloss check`).
    pub fn index_problem(&self) -> Option<String> {
        self.read_index().err().map(|e| e.to_string())
    }

    /// The kept versions of one article, oldest first.
    pub fn versions_of(&self, article: &str) -> Vec<Version> {
        self.list()
            .into_iter()
            .filter(|v| v.article == article)
            .collect()
    }

    /// Whether the text with this hash is kept.
    pub fn has(&self, hash: &str) -> bool {
        self.dirs_ok().is_ok()
            && self
                .file_of(hash)
                .is_some_and(|f| safe_file::inspect(&f).is_ok_and(|m| m.is_some()))
    }

    /// The text with this hash, if it is kept and reads back as exactly that text.
    pub fn load(&self, hash: &str) -> Option<String> {
        self.dirs_ok().ok()?;
        let file = self.file_of(hash)?;
        let limit = crate::limits::MAX_ARTICLE_BYTES;
        let compressed = safe_file::read_limited(&file, limit).ok()??;
        let bytes = zstd::bulk::decompress(&compressed, limit as usize).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        (crate::text::text_hash(&text) == hash).then_some(text)
    }

    /// Keeps `text` as a version of `article`, unless it is kept already. Returns whether it
    /// was written now.
    pub fn keep(&self, article: &str, text: &str) -> Result<bool, VersionError> {
        self.keep_all(&[(article, text)]).map(|n| n > 0)
    }

    /// Keeps each `(article, text)` not kept yet: one read and at most one write of the index.
    /// Returns how many were newly kept.
    pub fn keep_all(&self, texts: &[(&str, &str)]) -> Result<usize, VersionError> {
        self.dirs_ok()?;
        // An index that cannot be read is not written over; the version files are still
        // written (they are found by their hash, index or not).
        let (mut index, unreadable) = match self.read_index() {
            Ok(index) => (index, None),
            Err(why) => (Index::default(), Some(why)),
        };
        let mut added = 0;
        for &(article, text) in texts {
            let hash = crate::text::text_hash(text);
            let file = self.file_of(&hash).ok_or(VersionError::NotAHash)?;
            let listed = index
                .versions
                .iter()
                .any(|v| v.hash == hash && v.article == article);
            let on_disk = self.has(&hash);
            if listed && on_disk {
                continue;
            }
            self.ensure_dir()?;
            if !on_disk {
                let compressed = zstd::bulk::compress(text.as_bytes(), LEVEL).map_err(|e| {
                    VersionError::Compress {
                        article: article.to_owned(),
                        cause: e.to_string(),
                    }
                })?;
                safe_file::write_atomic(&file, &compressed, None, Replace::Overwrite).map_err(
                    |e| VersionError::Write {
                        path: file.clone(),
                        cause: e.to_string(),
                    },
                )?;
            }
            if !listed {
                let bytes = safe_file::inspect(&file)
                    .ok()
                    .flatten()
                    .map_or(0, |m| m.len());
                index.versions.push(Version {
                    article: article.to_owned(),
                    hash,
                    kept: crate::annotation::now(),
                    chars: text.chars().count(),
                    bytes,
                });
            }
            added += 1;
        }
        if let Some(why) = unreadable {
            return Err(why);
        }
        if added > 0 {
            self.write_index(&index)?;
        }
        Ok(added)
    }

    /// Removes the versions no annotation refers to (`referenced`: their hashes), except the
    /// last [`KEEP_LAST`] of each article. Returns how many were removed.
    pub fn prune(&self, referenced: &HashSet<&str>) -> Result<usize, VersionError> {
        let versions = self.read_index()?.versions;
        let mut keep = Vec::new();
        let mut drop = Vec::new();
        for (i, v) in versions.iter().enumerate() {
            let later_of_same = versions[i + 1..]
                .iter()
                .filter(|w| w.article == v.article)
                .count();
            if referenced.contains(v.hash.as_str()) || later_of_same < KEEP_LAST {
                keep.push(v.clone());
            } else {
                drop.push(v.clone());
            }
        }
        if drop.is_empty() {
            return Ok(0);
        }
        self.write_index(&Index {
            versions: keep.clone(),
        })?;
        let still_listed: HashSet<&str> = keep.iter().map(|v| v.hash.as_str()).collect();
        self.dirs_ok()?;
        for v in &drop {
            // The same text may be kept for another article too.
            if !still_listed.contains(v.hash.as_str())
                && let Some(file) = self.file_of(&v.hash)
                && safe_file::inspect(&file).is_ok_and(|m| m.is_some())
            {
                let _ = std::fs::remove_file(file);
            }
        }
        Ok(drop.len())
    }

    fn write_index(&self, index: &Index) -> Result<(), VersionError> {
        let path = self.dir.join(INDEX);
        let failed = |cause: String| VersionError::Write {
            path: path.clone(),
            cause,
        };
        let text = ron::ser::to_string_pretty(index, ron::ser::PrettyConfig::default())
            .map_err(|e| failed(e.to_string()))?;
        safe_file::write_atomic(&path, text.as_bytes(), None, Replace::Overwrite)
            .map_err(|e| failed(e.to_string()))
    }

    /// Creates `.gloss/versions` as real folders; refuses a link, file or anything else in
    /// the place of either.
    fn ensure_dir(&self) -> Result<(), VersionError> {
        safe_file::ensure_own_dirs(&self.root, &DIRS)
            .map(|_| ())
            .map_err(VersionError::NotKept)
    }
}

/// Why versions could not be read or kept: what, where, and the cause — shown in the
/// window and by `gloss check` as its sentence.
#[derive(Debug, Clone, PartialEq)]
pub enum VersionError {
    /// `.gloss` or `.gloss/versions` is not a real folder (a link, a file).
    Folder(safe_file::OwnDirError),
    /// The folders could not be made, or something else stands in their place.
    NotKept(safe_file::OwnDirError),
    /// The index is there but cannot be read (it is then never written over).
    Unreadable { path: PathBuf, cause: String },
    /// A version could not be compressed.
    Compress { article: String, cause: String },
    /// A version or the index could not be written.
    Write { path: PathBuf, cause: String },
    /// A version's name is not a content hash.
    NotAHash,
}

impl std::fmt::Display for VersionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VersionError::Folder(why) => write!(f, "{why}"),
            VersionError::NotKept(why) => write!(f, "{why}: versions are not kept"),
            VersionError::Unreadable { path, cause } => {
                write!(
                    f,
                    "{} cannot be read ({cause}): left as it is",
                    path.display()
                )
            }
            VersionError::Compress { article, cause } => {
                write!(f, "cannot compress a version of {article}: {cause}")
            }
            VersionError::Write { path, cause } => {
                write!(f, "{} cannot be written: {cause}", path.display())
            }
            VersionError::NotAHash => write!(f, "not a content hash"),
        }
    }
}

impl std::error::Error for VersionError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_version_reads_back_and_a_bad_one_is_no_version() {
        let dir = tempfile::tempdir().unwrap();
        let store = VersionStore::of_corpus(dir.path());
        let text = "The minister said on Tuesday. ".repeat(200);
        assert!(store.keep("a.txt", &text).unwrap());
        assert!(!store.keep("a.txt", &text).unwrap(), "kept once");
        let hash = crate::text::text_hash(&text);
        assert_eq!(store.load(&hash).as_deref(), Some(text.as_str()));
        let listed = store.versions_of("a.txt");
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].chars, text.chars().count());
        assert!(listed[0].bytes < text.len() as u64 / 4, "compressed");
        // Corrupt: no version, no panic.
        std::fs::write(store.dir().join(format!("{hash}.zst")), b"garbage").unwrap();
        assert_eq!(store.load(&hash), None);
        // A name that is not a hash never becomes a path.
        assert_eq!(store.load("../../etc/passwd"), None);
        assert_eq!(store.load(""), None);
    }

    #[test]
    fn an_index_that_cannot_be_read_is_never_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let store = VersionStore::of_corpus(dir.path());
        std::fs::create_dir_all(store.dir()).unwrap();
        let index = store.dir().join(INDEX);
        std::fs::write(&index, "(versions: [ from a newer gloss").unwrap();
        assert!(store.keep("a.txt", "some text to keep").is_err());
        assert!(store.prune(&HashSet::new()).is_err());
        assert_eq!(
            std::fs::read_to_string(&index).unwrap(),
            "(versions: [ from a newer gloss"
        );
        assert!(store.index_problem().is_some());
        // The text itself is kept all the same: anchoring finds it by its hash.
        let hash = crate::text::text_hash("some text to keep");
        assert_eq!(store.load(&hash).as_deref(), Some("some text to keep"));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_place_of_the_folder_keeps_nothing_and_writes_nowhere() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join(".gloss")).unwrap();
        let store = VersionStore::of_corpus(dir.path());
        assert!(store.keep("a.txt", "some text").is_err());
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    }

    /// Versions kept in a folder outside the corpus, then `.gloss` or `.gloss/versions` of
    /// the corpus made a link to it: nothing there is read, rewritten or deleted.
    #[cfg(unix)]
    #[test]
    fn a_link_in_place_of_either_folder_is_never_read_rewritten_or_pruned() {
        for linked in [&[".gloss"][..], &[".gloss", "versions"][..]] {
            let outside = tempfile::tempdir().unwrap();
            let there = VersionStore::of_corpus(outside.path());
            let texts: Vec<String> = (0..6).map(|i| format!("outside text {i}")).collect();
            for t in &texts {
                there.keep("a.txt", t).unwrap();
            }
            let before = snapshot(outside.path());
            let corpus = tempfile::tempdir().unwrap();
            if linked.len() == 1 {
                std::os::unix::fs::symlink(
                    outside.path().join(".gloss"),
                    corpus.path().join(".gloss"),
                )
                .unwrap();
            } else {
                std::fs::create_dir(corpus.path().join(".gloss")).unwrap();
                std::os::unix::fs::symlink(
                    outside.path().join(".gloss/versions"),
                    corpus.path().join(".gloss/versions"),
                )
                .unwrap();
            }
            let store = VersionStore::of_corpus(corpus.path());
            assert!(
                store.list().is_empty(),
                "{linked:?}: index read through a link"
            );
            let hash = crate::text::text_hash(&texts[0]);
            assert!(!store.has(&hash));
            assert_eq!(store.load(&hash), None);
            assert!(store.keep("b.txt", "new text").is_err());
            assert!(store.prune(&HashSet::new()).is_err());
            let problems = store.problems();
            assert!(
                problems.iter().any(|p| p.contains("symbolic link")),
                "{linked:?}: {problems:?}"
            );
            assert_eq!(
                snapshot(outside.path()),
                before,
                "{linked:?}: written outside"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_among_the_version_files_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let store = VersionStore::of_corpus(dir.path());
        store.keep("a.txt", "some text").unwrap();
        let elsewhere = tempfile::NamedTempFile::new().unwrap();
        std::os::unix::fs::symlink(
            elsewhere.path(),
            store.dir().join(format!("{}.zst", "0".repeat(32))),
        )
        .unwrap();
        assert_eq!(store.load(&"0".repeat(32)), None);
        assert_eq!(store.problems().len(), 1, "{:?}", store.problems());
    }

    /// Every file under `dir` with its bytes.
    fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                if e.file_type().unwrap().is_dir() {
                    stack.push(e.path());
                } else {
                    out.push((e.path(), std::fs::read(e.path()).unwrap()));
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn pruning_keeps_what_annotations_refer_to_and_the_last_few() {
        let dir = tempfile::tempdir().unwrap();
        let store = VersionStore::of_corpus(dir.path());
        let texts: Vec<String> = (0..6).map(|i| format!("version {i} of the text")).collect();
        for t in &texts {
            store.keep("a.txt", t).unwrap();
        }
        store.keep("b.txt", "another article").unwrap();
        let first = crate::text::text_hash(&texts[0]);
        let referenced: HashSet<&str> = [first.as_str()].into_iter().collect();
        assert_eq!(store.prune(&referenced).unwrap(), 2);
        let left: Vec<String> = store
            .versions_of("a.txt")
            .into_iter()
            .map(|v| v.hash)
            .collect();
        let expect: Vec<String> = [0, 3, 4, 5]
            .iter()
            .map(|&i| crate::text::text_hash(&texts[i]))
            .collect();
        assert_eq!(left, expect);
        assert!(!store.has(&crate::text::text_hash(&texts[1])));
        assert_eq!(store.versions_of("b.txt").len(), 1);
    }
}
