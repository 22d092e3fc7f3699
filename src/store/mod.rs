//! `annotations.ron`: the reader's notes file, next to the articles.
//!
//! The file belongs to the reader, so it is plain, pretty RON with `\n` line ends, sorted
//! deterministically (saving the same notes twice gives the same bytes, and a change shows up
//! as a small diff).
//!
//! What protects the notes, piece by piece:
//!
//! | piece | guards against |
//! | --- | --- |
//! | [`crate::safe_file`] (no links, FIFOs, devices or directories; sizes checked before reading) | a hostile or unlucky corpus folder |
//! | [`write_atomic`] (temp file named only as gloss names it, fsync, rename, fsync folder; permissions kept) | a crash or power cut mid-save |
//! | [`backup`] (`annotations.ron.bak`, rotated at most once a minute) | a bad save, an edit the reader regrets |
//! | [`lock`] (`.gloss.lock`, an OS lock freed when the process dies) | two gloss windows writing one file |
//! | [`notes_file`] + [`merge`] (hash of what was loaded, three-way merge by id) | edits made to the file by something else |
//! | [`parse`] (size and nesting limits, version check, [`migrate`]) | corrupt, hostile or newer files |
//! | [`duplicates`] (later copies of an id get new ids, and the reader is told) | hand edits, merged sync copies |
//! | [`sync_copies`] (found, merged by id against `.gloss/base.ron` never dropping an entry, moved to `.gloss/merged/`) | two machines editing the notes at once through a sync tool |
//!
//! A file that exists but cannot be read is reported with its line and column, copied aside
//! byte for byte, and never overwritten without the reader's say-so.

pub mod backup;
pub mod duplicates;
pub mod lock;
pub mod merge;
pub mod migrate;
pub mod notes_file;
pub mod save_error;
pub mod sync_copies;

pub use save_error::SaveError;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::annotation::Annotation;
use crate::link::{Dismissal, Link};
use crate::notes::Notes;
use crate::safe_file;

/// File name of the notes file inside the corpus folder.
pub const NOTES_FILE: &str = "annotations.ron";

/// The format version this build writes. A file with a higher version is not ours to rewrite.
/// Version 1 lacked `article_hash`, `tags` and `original_quote`; version 2 lacked `links` and
/// `dismissed` (see [`migrate`]).
pub const FORMAT_VERSION: u32 = 3;

pub use crate::limits::MAX_NOTES_BYTES;

/// Nesting deeper than this is refused while parsing (the real format needs 5 levels), so a
/// hostile file cannot overflow the stack.
const RECURSION_LIMIT: usize = 32;

pub fn notes_path(corpus_root: &Path) -> PathBuf {
    corpus_root.join(NOTES_FILE)
}

/// What `annotations.ron` holds.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "notes_file")]
struct NotesFile {
    version: u32,
    annotations: Vec<Annotation>,
    #[serde(default)]
    links: Vec<Link>,
    #[serde(default)]
    dismissed: Vec<Dismissal>,
}

/// Only the version, read first so that a newer file is recognised even when the rest of
/// it uses fields this build does not know.
#[derive(Debug, Deserialize)]
#[serde(rename = "notes_file")]
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
    /// Larger than [`MAX_NOTES_BYTES`] (checked from its size, before reading).
    TooLarge { path: PathBuf, bytes: u64 },
    /// Not a plain file: a symbolic link, a FIFO, a device or a directory (`what` says
    /// which). Never read through, never replaced.
    Refused { path: PathBuf, what: String },
}

impl LoadError {
    /// Whether the bytes on disk are damaged (as opposed to unreadable or from the future):
    /// such a file is copied aside and the reader may restore a backup or start fresh.
    pub fn is_corrupt(&self) -> bool {
        matches!(self, LoadError::Parse { .. })
    }
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
                 (version {FORMAT_VERSION}); it is shown read-only and never rewritten — \
                 update gloss to edit these notes",
                path.display()
            ),
            LoadError::TooLarge { path, bytes } => write!(
                f,
                "{} is {}, over the {} limit for a notes file; it was not read",
                path.display(),
                safe_file::megabytes(*bytes),
                safe_file::megabytes(MAX_NOTES_BYTES)
            ),
            LoadError::Refused { path, what } => write!(
                f,
                "{} is {what}, not a plain file; gloss does not read or write its notes \
                 through links or special files, so these notes are shown read-only — replace \
                 it with the file itself",
                path.display()
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// Reads the notes file's bytes, refusing links, special files and files over the size limit
/// (from their size, before reading). `Ok(None)`: no file.
pub fn read_bytes(path: &Path) -> Result<Option<Vec<u8>>, LoadError> {
    safe_file::read_limited(path, MAX_NOTES_BYTES).map_err(LoadError::from)
}

impl From<safe_file::FileError> for LoadError {
    fn from(e: safe_file::FileError) -> LoadError {
        match e {
            safe_file::FileError::Refused { path, what } => LoadError::Refused { path, what },
            safe_file::FileError::TooLarge { path, bytes, .. } => {
                LoadError::TooLarge { path, bytes }
            }
            safe_file::FileError::Io { path, error } => LoadError::Io {
                path,
                message: error.to_string(),
            },
        }
    }
}

/// Loads the annotations of a notes file (without its links: see [`load_notes`]). A missing
/// file is an empty set of notes, not an error.
pub fn load(path: &Path) -> Result<Vec<Annotation>, LoadError> {
    load_notes(path).map(|n| n.annotations)
}

/// Loads everything a notes file holds. A missing file is an empty set of notes.
pub fn load_notes(path: &Path) -> Result<Notes, LoadError> {
    match read_bytes(path)? {
        None => Ok(Notes::default()),
        Some(bytes) => parse_notes(path, &bytes),
    }
}

/// Parses the annotations of a notes file's bytes (see [`parse_notes`]).
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Vec<Annotation>, LoadError> {
    parse_notes(path, bytes).map(|n| n.annotations)
}

/// Parses the bytes of a notes file (any supported version); `path` is only used in messages.
pub fn parse_notes(path: &Path, bytes: &[u8]) -> Result<Notes, LoadError> {
    if bytes.len() as u64 > MAX_NOTES_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            bytes: bytes.len() as u64,
        });
    }
    // Some editors save UTF-8 with a byte-order mark; it is not part of the notes.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col_of_byte(bytes, e.valid_up_to());
        LoadError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: "the file is not UTF-8 text".into(),
        }
    })?;
    if text.trim().is_empty() {
        return Err(LoadError::Parse {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "the file is empty".into(),
        });
    }
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
    if header.version == 0 {
        return Err(LoadError::Parse {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "format version 0 does not exist".into(),
        });
    }
    let file: NotesFile = options.from_str(text).map_err(parse_error)?;
    Ok(migrate::to_current(
        header.version,
        Notes {
            annotations: file.annotations,
            links: file.links,
            dismissed: file.dismissed,
        },
    ))
}

/// The `version` field of a notes file, if it can be read that far.
pub fn peek_version(bytes: &[u8]) -> Option<u32> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).ok()?;
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    options
        .from_str::<VersionOnly>(text)
        .ok()
        .map(|v| v.version)
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

/// RON's own pretty printer settings that [`serialise`] reproduces (used to check it).
#[cfg(test)]
fn pretty_config() -> ron::ser::PrettyConfig {
    entry_config()
}

/// The exact text of a notes file holding these annotations and nothing else.
pub fn serialise(annotations: &[Annotation]) -> String {
    serialise_parts(annotations, &[], &[])
}

/// The exact text of the notes file for these notes (sorted, pretty, `\n` line ends).
pub fn serialise_notes(notes: &Notes) -> String {
    serialise_parts(&notes.annotations, &notes.links, &notes.dismissed)
}

/// The notes file's text.
///
/// Each annotation is serialised on its own and indented into place — the same bytes RON's
/// pretty printer gives for the whole file (a unit test holds the two equal), but split over
/// the machine's cores: 10,000 annotations are 8 MB of text.
fn serialise_parts(annotations: &[Annotation], links: &[Link], dismissed: &[Dismissal]) -> String {
    let mut sorted: Vec<&Annotation> = annotations.iter().collect();
    sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
        .min(sorted.len().div_ceil(500).max(1));
    let chunk = sorted.len().div_ceil(threads).max(1);
    let parts: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = sorted
            .chunks(chunk)
            .map(|part| scope.spawn(move || serialise_entries(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("serialising annotations does not panic"))
            .collect()
    });
    let mut out = String::with_capacity(parts.iter().map(String::len).sum::<usize>() + 64);
    out.push_str(&format!(
        "(\n    version: {FORMAT_VERSION},\n    annotations: ["
    ));
    if sorted.is_empty() {
        out.push_str("],\n");
    } else {
        out.push('\n');
        for part in parts {
            out.push_str(&part);
        }
        out.push_str("    ],\n");
    }
    let mut links: Vec<&Link> = links.iter().collect();
    links.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    list_field(&mut out, "links", &links);
    let mut dismissed: Vec<&Dismissal> = dismissed.iter().collect();
    dismissed.sort_by(|a, b| a.key.cmp(&b.key));
    list_field(&mut out, "dismissed", &dismissed);
    out.push_str(")\n");
    out
}

/// A top-level list of small entries (links, dismissals), as RON's pretty printer writes it.
fn list_field<T: Serialize>(out: &mut String, name: &str, items: &[T]) {
    out.push_str("    ");
    out.push_str(name);
    out.push_str(": [");
    if items.is_empty() {
        out.push_str("],\n");
        return;
    }
    out.push('\n');
    for item in items {
        out.push_str(&small_entry(item));
    }
    out.push_str("    ],\n");
}

/// One small entry two levels deep (8 spaces), followed by ",\n".
fn small_entry<T: Serialize>(item: &T) -> String {
    let text = ron::ser::to_string_pretty(item, entry_config())
        .expect("links and dismissals are plain data");
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.lines() {
        out.push_str("        ");
        out.push_str(line);
        out.push('\n');
    }
    out.pop();
    out.push_str(",\n");
    out
}

fn entry_config() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(true)
        .escape_strings(true)
}

/// Bytes the notes file gives one link.
pub fn link_len(link: &Link) -> usize {
    small_entry(link).len()
}

/// Bytes the notes file gives one dismissal.
pub fn dismissal_len(dismissal: &Dismissal) -> usize {
    small_entry(dismissal).len()
}

/// Annotations as list items two levels deep (8 spaces), each followed by ",\n".
///
/// Written by hand for the one fixed shape of [`Annotation`] because RON's serialiser escapes
/// strings one char at a time through `fmt::Write` and was most of the save time; the output
/// is byte for byte what RON's pretty printer writes (held equal by a unit test), so files
/// stay identical whichever wrote them.
fn serialise_entries(annotations: &[&Annotation]) -> String {
    let mut out = String::with_capacity(annotations.len() * 900);
    for a in annotations {
        let q = &a.quote;
        out.push_str("        (\n");
        field_str(&mut out, "id", &a.id);
        field_str(&mut out, "article", &a.article);
        out.push_str("            quote: (\n");
        out.push_str("                exact: ");
        escaped(&mut out, &q.exact);
        out.push_str(",\n                prefix: ");
        escaped(&mut out, &q.prefix);
        out.push_str(",\n                suffix: ");
        escaped(&mut out, &q.suffix);
        out.push_str(",\n            ),\n");
        out.push_str(&format!(
            "            position: (\n                start: {},\n                end: {},\n            ),\n",
            a.position.start, a.position.end
        ));
        out.push_str("            color: ");
        out.push_str(a.color.name());
        out.push_str(",\n");
        field_str(&mut out, "note", &a.note);
        field_str(&mut out, "created", &a.created.to_string());
        field_str(&mut out, "modified", &a.modified.to_string());
        field_str(&mut out, "article_hash", &a.article_hash);
        if a.tags.is_empty() {
            out.push_str("            tags: [],\n");
        } else {
            out.push_str("            tags: [\n");
            for tag in &a.tags {
                out.push_str("                ");
                escaped(&mut out, tag);
                out.push_str(",\n");
            }
            out.push_str("            ],\n");
        }
        if let Some(original) = &a.original_quote {
            out.push_str("            original_quote: Some(");
            escaped(&mut out, original);
            out.push_str("),\n");
        }
        out.push_str("        ),\n");
    }
    out
}

/// Bytes the notes file gives one annotation (exactly: it is serialised). The notebook keeps
/// the sum, so it can refuse a change that would make the file larger than gloss reads.
pub fn entry_len(annotation: &Annotation) -> usize {
    serialise_entries(&[annotation]).len()
}

/// Bytes of the notes file around its entries (the header, the empty lists and the closing
/// lines; a little over).
pub const FRAME_LEN: usize = 96;

fn field_str(out: &mut String, name: &str, value: &str) {
    out.push_str("            ");
    out.push_str(name);
    out.push_str(": ");
    escaped(out, value);
    out.push_str(",\n");
}

/// A RON string literal as RON writes it with `escape_strings`: every char through
/// `char::escape_debug`.
fn escaped(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        if c.is_ascii_graphic() && c != '"' && c != '\\' && c != '\'' || c == ' ' {
            out.push(c);
        } else {
            out.extend(c.escape_debug());
        }
    }
    out.push('"');
}

/// Content hash of a notes file's bytes, to notice when it changed behind our back.
pub fn bytes_hash(bytes: &[u8]) -> String {
    crate::text::bytes_hash(bytes)
}

/// Replaces `path` atomically with `bytes` (see [`crate::safe_file::write_atomic`]): readers see
/// the old or the new content, never a mix, whenever the process dies. The old file's
/// permissions are kept; a link or special file at `path` is refused, not replaced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    safe_file::write_atomic(path, bytes, None, safe_file::Replace::Overwrite).map_err(Into::into)
}

/// Writes a notes file holding these annotations atomically. (No backup, lock or merge: see
/// [`notes_file`].)
pub fn save(path: &Path, annotations: &[Annotation]) -> std::io::Result<()> {
    write_atomic(path, serialise(annotations).as_bytes())
}

/// Writes a notes file holding these notes atomically. (No backup, lock or merge.)
pub fn save_notes(path: &Path, notes: &Notes) -> std::io::Result<()> {
    write_atomic(path, serialise_notes(notes).as_bytes())
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

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!(
            "(version: 2, annotations: {}{})",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let err = parse(Path::new("n.ron"), deep.as_bytes()).unwrap_err();
        assert!(err.is_corrupt(), "{err}");
    }

    #[test]
    fn serialising_in_parts_gives_the_bytes_ron_gives_for_the_whole_file() {
        use crate::annotation::Color;
        use crate::link::Relation;
        let article = crate::corpus::Article::from_text(
            "a.txt",
            "He said: \"no\" — it’s over.\nNext line 😀 here.\n".repeat(40),
            None,
        );
        let mut list = Vec::new();
        for i in 0..1200 {
            let start = (i * 7) % 900;
            let mut a = Annotation::new(&article, start..start + 20, Color::ALL[i % 6]);
            a.note = format!("note {i}\nwith \"quotes\" and \\ backslash");
            a.tags = if i % 3 == 0 {
                vec![]
            } else {
                vec![format!("tag{i}"), "e\u{301}\t\u{7f}".into()]
            };
            if i % 5 == 0 {
                a.original_quote = Some(format!("old 'quote' {i} \u{200b}\r"));
            }
            list.push(a);
        }
        for slice in [&list[..0], &list[..1], &list[..]] {
            let mut sorted: Vec<&Annotation> = slice.iter().collect();
            sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            #[derive(Serialize)]
            struct Whole<'a> {
                version: u32,
                annotations: Vec<&'a Annotation>,
                links: Vec<Link>,
                dismissed: Vec<Dismissal>,
            }
            let links: Vec<Link> = slice
                .windows(2)
                .take(40)
                .enumerate()
                .map(|(i, w)| {
                    let mut l = Link::new(&w[0].id, &w[1].id, Relation::ALL[i % 6], "");
                    l.note = format!("why {i}: \"see\"\n");
                    l.created = w[0].created;
                    l.id = format!("link-{i:03}");
                    l
                })
                .collect();
            let dismissed: Vec<Dismissal> = if slice.len() > 1 {
                vec![Dismissal::new("a.txt", "it’s \"over\"", "b.txt", "x")]
            } else {
                vec![]
            };
            let mut whole = ron::ser::to_string_pretty(
                &Whole {
                    version: FORMAT_VERSION,
                    annotations: sorted,
                    links: links.clone(),
                    dismissed: dismissed.clone(),
                },
                pretty_config(),
            )
            .unwrap();
            whole.push('\n');
            let notes = Notes {
                annotations: slice.to_vec(),
                links,
                dismissed,
            };
            assert_eq!(serialise_notes(&notes), whole);
        }
    }

    #[test]
    fn empty_and_whitespace_files_are_corrupt_not_empty_notebooks() {
        for bytes in [&b""[..], b"  \n\n"] {
            assert!(parse(Path::new("n.ron"), bytes).unwrap_err().is_corrupt());
        }
    }
}
