//! `annotations.ron`: the reader's notes file, next to the articles.
//!
//! The file belongs to the reader, so it is plain, pretty RON with `\n` line ends, sorted
//! deterministically (saving the same notes twice gives the same bytes, and a change shows up
//! as a small diff). Saving is atomic — written to a temporary file in the same folder, synced,
//! then renamed over the old one — so a crash mid-save leaves either the old file or the new
//! one, never half of each.
//!
//! A file that exists but cannot be read is reported with its line and column and is never
//! overwritten: the caller gets a [`LoadError`] and must not save over it.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::annotation::Annotation;

/// File name of the notes file inside the corpus folder.
pub const NOTES_FILE: &str = "annotations.ron";

/// The format version this build writes. A file with a higher version is not ours to rewrite.
pub const FORMAT_VERSION: u32 = 1;

/// Nesting deeper than this is refused while parsing (the real format needs 5 levels), so a
/// hostile file cannot overflow the stack.
const RECURSION_LIMIT: usize = 32;

pub fn notes_path(corpus_root: &Path) -> PathBuf {
    corpus_root.join(NOTES_FILE)
}

/// What `annotations.ron` holds.
#[derive(Debug, Serialize, Deserialize)]
struct NotesFile {
    version: u32,
    annotations: Vec<Annotation>,
}

/// Only the version, read first so that a newer file is recognised even when the rest of
/// it uses fields this build does not know.
#[derive(Debug, Deserialize)]
struct VersionOnly {
    version: u32,
}

/// Why the notes file could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file exists but could not be read from disk.
    Io { path: PathBuf, message: String },
    /// The file is not valid notes RON. `line` and `column` are 1-based.
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// Written by a newer gloss; this build must not rewrite it.
    TooNew { path: PathBuf, version: u32 },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io { path, message } => {
                write!(f, "cannot read {}: {message}", path.display())
            }
            LoadError::Parse {
                path,
                line,
                column,
                message,
            } => write!(
                f,
                "{}:{line}:{column}: not a valid notes file: {message}",
                path.display()
            ),
            LoadError::TooNew { path, version } => write!(
                f,
                "{} has format version {version}, newer than this gloss understands \
                 (version {FORMAT_VERSION}); update gloss to edit these notes",
                path.display()
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// Loads the notes file. A missing file is an empty set of notes, not an error.
pub fn load(path: &Path) -> Result<Vec<Annotation>, LoadError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(LoadError::Io {
                path: path.to_path_buf(),
                message: e.to_string(),
            });
        }
    };
    parse(path, &bytes)
}

/// Parses the bytes of a notes file; `path` is only used in messages.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Vec<Annotation>, LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col_of_byte(bytes, e.valid_up_to());
        LoadError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: "the file is not UTF-8 text".into(),
        }
    })?;
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    let parse_error = |e: ron::error::SpannedError| LoadError::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    };
    let header: VersionOnly = options.from_str(text).map_err(parse_error)?;
    if header.version > FORMAT_VERSION {
        return Err(LoadError::TooNew {
            path: path.to_path_buf(),
            version: header.version,
        });
    }
    let file: NotesFile = options.from_str(text).map_err(parse_error)?;
    Ok(file.annotations)
}

fn line_col_of_byte(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (line, at - line_start + 1)
}

/// The exact text of the notes file for these annotations (sorted, pretty, `\n` line ends).
pub fn serialise(annotations: &[Annotation]) -> String {
    let mut sorted: Vec<&Annotation> = annotations.iter().collect();
    sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    #[derive(Serialize)]
    struct NotesFileRef<'a> {
        version: u32,
        annotations: Vec<&'a Annotation>,
    }
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(true)
        .escape_strings(true);
    let file = NotesFileRef {
        version: FORMAT_VERSION,
        annotations: sorted,
    };
    let mut out = ron::ser::to_string_pretty(&file, config)
        .expect("annotations always serialise: they hold only strings, numbers and enums");
    out.push('\n');
    out
}

/// Writes the notes file atomically (temporary file in the same folder, fsync, rename).
pub fn save(path: &Path, annotations: &[Annotation]) -> std::io::Result<()> {
    let text = serialise(annotations);
    let mut file = atomic_write_file::AtomicWriteFile::options().open(path)?;
    file.write_all(text.as_bytes())?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_carry_line_and_column() {
        let err = parse(
            Path::new("n.ron"),
            b"(\n  version: 1,\n  annotations: [ oops ]\n)",
        )
        .unwrap_err();
        match err {
            LoadError::Parse { line, column, .. } => {
                assert_eq!(line, 3);
                assert!(column > 1, "column {column}");
            }
            other => panic!("expected a parse error, got {other:?}"),
        }
    }

    #[test]
    fn newer_versions_are_refused_even_with_unknown_fields() {
        let err = parse(
            Path::new("n.ron"),
            b"(version: 99, annotations: [], shiny_new_thing: 3)",
        )
        .unwrap_err();
        assert!(matches!(err, LoadError::TooNew { version: 99, .. }));
    }

    #[test]
    fn a_missing_file_is_an_empty_notebook() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(&dir.path().join(NOTES_FILE)).unwrap(), vec![]);
    }
}
