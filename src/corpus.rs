//! A corpus: a folder of articles — plain text (`.txt`), Markdown (`.md`) and saved web pages
//! (`.html`, `.htm`) — loaded and normalised. A Markdown or HTML article's text is its
//! *displayed* text ([`crate::document`]); a plain text's is the file.
//!
//! Loading never fails because of one bad file: a binary or unreadable file is listed in
//! [`Corpus::skipped`] with the reason, a non-UTF-8 file is decoded lossily and carries a
//! warning, and an empty file opens empty. Only a folder that cannot be listed is an error.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::text::{self, Paragraphs};

pub use crate::limits::MAX_ARTICLE_BYTES;

/// One article of the corpus.
#[derive(Debug, Clone)]
pub struct Article {
    /// File name inside the corpus folder; the key annotations refer to.
    pub file_name: String,
    /// First non-empty line.
    pub title: String,
    /// A short line following the title that names the outlet ("Sky News"), when present.
    pub outlet: Option<String>,
    /// Normalised text (see [`crate::text`]). Shared because panes and caches hold it too.
    pub text: Arc<str>,
    pub paragraphs: Arc<Paragraphs>,
    /// Set when the file was not valid UTF-8.
    pub warning: Option<String>,
    /// Content hash of the normalised text (see [`text_hash`]).
    pub hash: String,
    /// For Markdown and HTML: blocks, styles and metadata of the displayed text.
    pub document: Option<Arc<crate::document::Document>>,
    /// Who wrote it and when it was published (web pages' metadata).
    pub byline: Option<String>,
    pub published: Option<String>,
    /// Headings or chapters, found the first time they are asked for (most articles are
    /// never asked: the window asks when a pane shows one).
    outline: std::sync::OnceLock<Arc<[crate::outline::Heading]>>,
}

impl Article {
    /// The article's headings or chapters, to jump by.
    pub fn outline(&self) -> Arc<[crate::outline::Heading]> {
        self.outline
            .get_or_init(|| {
                crate::outline::of(&self.text, &self.paragraphs, self.document.as_deref()).into()
            })
            .clone()
    }

    pub fn from_text(file_name: impl Into<String>, text: String, warning: Option<String>) -> Self {
        let (title, outlet) = title_and_outlet(&text);
        let paragraphs = Arc::new(Paragraphs::new(&text));
        let hash = text_hash(&text);
        Article {
            file_name: file_name.into(),
            title,
            outlet,
            text: text.into(),
            paragraphs,
            warning,
            hash,
            document: None,
            byline: None,
            published: None,
            outline: Default::default(),
        }
    }

    /// An article whose text is a rendered document's displayed text.
    pub fn from_document(
        file_name: impl Into<String>,
        mut doc: crate::document::Document,
        warning: Option<String>,
    ) -> Self {
        let text = std::mem::take(&mut doc.text);
        let (first_line, _) = title_and_outlet(&text);
        let title = doc.meta.title.clone().unwrap_or(first_line);
        let paragraphs = Arc::new(Paragraphs::unwrapped(&text));
        let hash = text_hash(&text);
        let warning = match (warning, doc.warning.take()) {
            (Some(a), Some(b)) => Some(format!("{a}; {b}")),
            (a, b) => a.or(b),
        };
        Article {
            file_name: file_name.into(),
            title,
            outlet: doc.meta.site.clone(),
            text: text.into(),
            paragraphs,
            warning,
            hash,
            byline: doc.meta.byline.clone(),
            published: doc.meta.published.clone(),
            document: Some(Arc::new(doc)),
            outline: Default::default(),
        }
    }

    /// An earlier kept version of `current`, to read beside it: its text counted and laid
    /// out the way `current`'s is (a rendered article's displayed text keeps its lines), with
    /// `current`'s title and source. No document styles: a version keeps the text only.
    pub fn from_version(current: &Article, text: String, label: String) -> Article {
        let paragraphs = Arc::new(if current.document.is_some() {
            Paragraphs::unwrapped(&text)
        } else {
            Paragraphs::new(&text)
        });
        Article {
            file_name: label,
            title: current.title.clone(),
            outlet: current.outlet.clone(),
            hash: text_hash(&text),
            text: text.into(),
            paragraphs,
            warning: None,
            document: None,
            byline: current.byline.clone(),
            published: current.published.clone(),
            outline: Default::default(),
        }
    }

    pub fn char_len(&self) -> usize {
        self.paragraphs.total_chars()
    }

    /// The title, or the file name for an article with no text.
    pub fn display_title(&self) -> &str {
        if self.title.is_empty() {
            &self.file_name
        } else {
            &self.title
        }
    }

    /// Where the article comes from, in one line: outlet, byline and publication date, as
    /// far as they are known ("BBC News · Paul Kirby · 12 Mar 2024"). Shown under the pane's
    /// header, where a comparing reader checks which report is which.
    pub fn source_line(&self) -> Option<String> {
        let date = self.published.as_deref().map(readable_date);
        let mut parts: Vec<&str> = Vec::new();
        for part in [
            self.outlet.as_deref(),
            self.byline.as_deref(),
            date.as_deref(),
        ]
        .into_iter()
        .flatten()
        .map(str::trim)
        {
            // Pages often name the outlet as the byline too ("BBC News · BBC News").
            if !part.is_empty() && !parts.iter().any(|p| p.eq_ignore_ascii_case(part)) {
                parts.push(part);
            }
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    /// The text between two char offsets.
    pub fn slice(&self, range: std::ops::Range<usize>) -> &str {
        text::slice_chars(&self.text, &self.paragraphs, range)
    }
}

/// A page's publication date as a reader writes it ("12 Mar 2024"); a value that is not an
/// ISO date or timestamp (pages write all sorts) is shown as the page gives it.
fn readable_date(raw: &str) -> String {
    let raw = raw.trim();
    let date = raw
        .parse::<jiff::Timestamp>()
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())
        .or_else(|_| raw.parse::<jiff::civil::DateTime>().map(|d| d.date()))
        .or_else(|_| raw.parse::<jiff::civil::Date>());
    match date {
        Ok(d) => d.strftime("%-d %b %Y").to_string(),
        Err(_) => raw.to_owned(),
    }
}

pub use crate::text::{bytes_hash, text_hash};

/// Whether `name` (from `annotations.ron`) is a plain file name directly inside the corpus
/// folder. Anything else — `../x`, `/etc/passwd`, `a/b`, `.` — is refused: gloss never reads
/// or writes a path a notes file points at outside its folder. A backslash is allowed only as
/// part of the escapes of [`file_name_key`] (on Windows it would separate folders).
pub fn is_safe_article_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\0'])
        && only_key_escapes(name)
        && !Path::new(name).is_absolute()
        && name.chars().nth(1) != Some(':') // a Windows drive prefix such as `C:x`
}

/// Every backslash in `name` starts `\\` or `\xHH`.
fn only_key_escapes(name: &str) -> bool {
    let bytes = name.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            match bytes.get(i + 1) {
                Some(b'\\') => i += 2,
                Some(b'x')
                    if bytes.len() >= i + 4
                        && bytes[i + 2].is_ascii_hexdigit()
                        && bytes[i + 3].is_ascii_hexdigit() =>
                {
                    i += 4
                }
                _ => return false,
            }
        } else {
            i += 1;
        }
    }
    true
}

/// The name an article file is known by in the notes file: its file name, with any byte that
/// is not UTF-8 written as `\xHH` (and a backslash as `\\`). Two files whose names differ
/// only in invalid bytes (`bad\xff.txt`, `bad\xfe.txt`, and a real `bad\u{FFFD}.txt`) keep
/// three different names, so a note can never land on the wrong one. A UTF-8 name without
/// backslashes is unchanged.
pub fn file_name_key(name: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::with_capacity(name.len());
        for chunk in name.as_bytes().utf8_chunks() {
            out.push_str(&chunk.valid().replace('\\', "\\\\"));
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().replace('\\', "\\\\")
    }
}

/// A file in the folder that could not be opened as an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub file_name: String,
    pub reason: SkipReason,
}

/// Why a file of the folder is not read as an article (the library's *Skipped* list and the
/// CLI say it after the file's name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// A link to a file outside the corpus folder.
    OutsideFolder,
    /// Listed, then gone before it was read.
    Gone,
    TooLarge {
        bytes: u64,
        /// The limit for its kind ([`MAX_ARTICLE_BYTES`], or `MAX_BOOK_BYTES` for a PDF or
        /// EPUB).
        limit: u64,
    },
    /// A link, FIFO, device or folder where a file was listed.
    NotPlainFile {
        what: String,
    },
    Unreadable {
        error: String,
    },
    /// Binary, or not in an encoding gloss reads.
    Undecodable(crate::text::Undecodable),
    /// A PDF or EPUB that cannot be read: damaged, encrypted, protected (the reason says).
    Document {
        kind: &'static str,
        why: String,
    },
}

impl SkipReason {
    /// Whether the reason, as said, contains `words` (tests and checks look for a phrase).
    pub fn contains(&self, words: &str) -> bool {
        self.to_string().contains(words)
    }
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::OutsideFolder => {
                write!(f, "a link to a file outside the corpus folder; not read")
            }
            SkipReason::Gone => write!(f, "cannot read: it disappeared"),
            SkipReason::TooLarge { bytes, limit } => write!(
                f,
                "too large ({:.1} MB; the limit is {} MB)",
                *bytes as f64 / 1e6,
                limit / 1024 / 1024
            ),
            SkipReason::NotPlainFile { what } => write!(f, "not a plain file ({what})"),
            SkipReason::Unreadable { error } => write!(f, "cannot read: {error}"),
            SkipReason::Undecodable(why) => write!(f, "{why}"),
            SkipReason::Document { kind, why } => write!(f, "this {kind} {why}"),
        }
    }
}

/// The articles of one folder, sorted by file name.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub root: PathBuf,
    pub articles: Vec<Article>,
    pub skipped: Vec<Skipped>,
    /// What the folder looked like when loaded (see [`Corpus::signature`]).
    pub signature: Signature,
}

/// A cheap fingerprint of the folder's article files — name, size, modification time — to
/// notice an article edited, added, renamed or removed without reading any of them.
pub type Signature = Vec<(String, u64, Option<std::time::SystemTime>)>;

/// The folder itself could not be read.
#[derive(Debug)]
pub struct CorpusError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

impl std::fmt::Display for CorpusError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot read the corpus folder {}: {}",
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for CorpusError {}

impl Corpus {
    /// Loads every `.txt` / `.md` file of `root` (not recursing into sub-folders).
    pub fn load(root: &Path) -> Result<Corpus, CorpusError> {
        Corpus::load_with_progress(root, &crate::job::Progress::default())
    }

    /// [`Corpus::load`], counting the files read on `progress` (for a progress bar).
    pub fn load_with_progress(
        root: &Path,
        progress: &crate::job::Progress,
    ) -> Result<Corpus, CorpusError> {
        let err = |source| CorpusError {
            path: root.to_path_buf(),
            source,
        };
        // The signature is taken *before* the files are read: an edit that lands while they
        // are read changes the folder's signature from this one, so the next check reloads.
        // Taken after, it could already include the edit and hide it for good.
        let signature = Corpus::signature(root);
        let mut names: Vec<(String, PathBuf)> = Vec::new();
        for entry in std::fs::read_dir(root).map_err(err)? {
            let entry = entry.map_err(err)?;
            let path = entry.path();
            if !is_article_path(&path) {
                continue;
            }
            names.push((file_name_key(&entry.file_name()), path));
        }
        names.sort();

        let canonical_root = root.canonicalize().map_err(err)?;
        progress.restart(names.len());
        // Files are read and decoded (and Markdown and web pages rendered) on every core, kept
        // in the folder's order: `gloss search` and `gloss compare` wait for the whole corpus
        // (on two cores, an 18 MB corpus of books: 0.22 → 0.18 s for the whole search).
        let read_one = |i: usize| -> Result<Article, Skipped> {
            let (file_name, path) = &names[i];
            // Counted when finished: a big file shows "0 of 1" while it is read.
            let result = if !stays_inside(&canonical_root, path) {
                Err(SkipReason::OutsideFolder)
            } else {
                read_article(file_name, path, progress)
            };
            progress.step();
            result.map_err(|reason| Skipped {
                file_name: file_name.clone(),
                reason,
            })
        };
        let read = crate::job::on_every_core(names.len(), read_one);
        let mut articles = Vec::new();
        let mut skipped = Vec::new();
        for r in read {
            match r {
                Ok(article) => articles.push(article),
                Err(s) => skipped.push(s),
            }
        }
        Ok(Corpus {
            root: root.to_path_buf(),
            articles,
            skipped,
            signature,
        })
    }

    /// The folder's current [`Signature`] (empty when it cannot be listed).
    pub fn signature(root: &Path) -> Signature {
        let Ok(entries) = std::fs::read_dir(root) else {
            return Vec::new();
        };
        let mut out: Signature = entries
            .flatten()
            .filter(|e| is_article_path(&e.path()))
            .filter_map(|e| {
                let meta = std::fs::metadata(e.path()).ok()?;
                Some((
                    file_name_key(&e.file_name()),
                    meta.len(),
                    meta.modified().ok(),
                ))
            })
            .collect();
        out.sort();
        out
    }

    /// The folder's name, for the window title.
    pub fn name(&self) -> String {
        let canonical = self
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.root.clone());
        canonical
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| canonical.display().to_string())
    }

    /// The articles' file names, in the corpus's order.
    pub fn file_names(&self) -> Vec<&str> {
        self.articles.iter().map(|a| a.file_name.as_str()).collect()
    }

    pub fn article(&self, file_name: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.file_name == file_name)
    }

    pub fn index_of(&self, file_name: &str) -> Option<usize> {
        self.articles.iter().position(|a| a.file_name == file_name)
    }
}

/// Whether `path` (possibly a symbolic link) resolves to a file inside `canonical_root`.
fn stays_inside(canonical_root: &Path, path: &Path) -> bool {
    path.canonicalize()
        .is_ok_and(|target| target.starts_with(canonical_root))
}

/// A `.txt` or `.md` name that is not a folder. FIFOs and devices with such names are listed
/// too, so that the library can say why they were skipped (they are never read).
fn is_article_path(path: &Path) -> bool {
    let is_file = std::fs::metadata(path).is_ok_and(|m| !m.is_dir());
    is_file && has_article_extension(path)
}

/// Whether a file name is an article's (`.txt`, `.md`, `.html`, `.htm`), by its name alone —
/// also for a file that was just deleted.
pub fn has_article_extension(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    matches!(
        ext.as_deref(),
        Some("txt" | "md" | "markdown" | "html" | "htm" | "pdf" | "epub")
    )
}

fn read_article(
    file_name: &str,
    path: &Path,
    progress: &crate::job::Progress,
) -> Result<Article, SkipReason> {
    use crate::safe_file::{self, FileError};
    // Never blocks on a FIFO or device swapped in since the folder was listed, and the size is
    // checked before reading.
    let ext = Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let limit = match ext.as_deref() {
        Some("pdf" | "epub") => crate::limits::MAX_BOOK_BYTES,
        _ => MAX_ARTICLE_BYTES,
    };
    let bytes = match safe_file::read_limited_following(path, limit) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Err(SkipReason::Gone),
        Err(FileError::TooLarge { bytes, .. }) => {
            return Err(SkipReason::TooLarge { bytes, limit });
        }
        Err(FileError::Refused { what, .. }) => return Err(SkipReason::NotPlainFile { what }),
        Err(FileError::Io { error, .. }) => {
            return Err(SkipReason::Unreadable {
                error: error.to_string(),
            });
        }
    };
    // Books and papers: read from their bytes (see `document::pdf` and `document::epub`).
    let (kind, read) = match ext.as_deref() {
        Some("pdf") => ("PDF", {
            let budget = crate::document::pdf::budget_for(bytes.len());
            crate::document::pdf::read_within(bytes, budget, progress)
        }),
        Some("epub") => ("EPUB", crate::document::epub::read(bytes)),
        _ => return decoded_article(file_name, ext.as_deref(), &bytes),
    };
    match read {
        Ok(doc) => Ok(Article::from_document(file_name, doc, None)),
        Err(why) => Err(SkipReason::Document { kind, why }),
    }
}

/// A text article (plain text, Markdown, a web page) from its file's bytes.
fn decoded_article(
    file_name: &str,
    ext: Option<&str>,
    bytes: &[u8],
) -> Result<Article, SkipReason> {
    // A web page says which charset it is in; plain text and Markdown are UTF-8.
    let decoded = if matches!(ext, Some("html" | "htm")) {
        crate::document::charset::decode_page(bytes)
    } else {
        text::decode(bytes)
    }
    .map_err(SkipReason::Undecodable)?;
    Ok(article_from(file_name, decoded.text, decoded.warning))
}

/// An article from a file's decoded text, by the file's kind (its extension).
pub fn article_from(file_name: &str, text: String, warning: Option<String>) -> Article {
    let ext = Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("md" | "markdown") => {
            Article::from_document(file_name, crate::document::markdown::render(&text), warning)
        }
        Some("html" | "htm") => {
            Article::from_document(file_name, crate::document::html::extract(&text), warning)
        }
        _ => Article::from_text(file_name, text, warning),
    }
}

/// The longest title kept (the rest of a long first line is the article, not its title).
const TITLE_CHARS: usize = 160;

/// Title = first non-empty line; outlet = the next non-empty line when it is short and reads
/// like a name rather than a sentence (news exports put "Sky News" or "BBC" there).
fn title_and_outlet(text: &str) -> (String, Option<String>) {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines
        .next()
        .map(|t| t.trim_end_matches(['|', '-', '–', '—', ' ']))
        .map(|t| match t.char_indices().nth(TITLE_CHARS) {
            // A text with no line breaks would make its whole self the title.
            Some((cut, _)) => format!("{}…", &t[..cut]),
            None => t.to_owned(),
        })
        .unwrap_or_default();
    let outlet = lines
        .next()
        .filter(|l| l.chars().count() <= 40 && !l.ends_with(['.', '!', '?', ':', '"', '”']))
        .map(str::to_owned);
    (title, outlet)
}

/// The two bundled articles, embedded so that `gloss` has something to open on a machine
/// without a `./corpus` folder.
pub const SAMPLE_ARTICLES: [(&str, &str); 2] = [
    (
        "000_085c7264399e0b47.txt",
        include_str!("../corpus/000_085c7264399e0b47.txt"),
    ),
    (
        "003_b993387af2baf757.txt",
        include_str!("../corpus/003_b993387af2baf757.txt"),
    ),
];

/// Writes the sample articles into `dir` (creating it) unless they are already there;
/// existing files, and the reader's notes, are never touched.
pub fn ensure_sample_corpus(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, content) in SAMPLE_ARTICLES {
        let path = dir.join(name);
        if !path.exists() {
            std::fs::write(path, content)?;
        }
    }
    Ok(())
}

/// What a path given to open stands for: a folder is the corpus as it is; an article file
/// is its folder as the corpus, with the article's name to show.
pub fn split_path(path: &Path) -> (PathBuf, Option<String>) {
    if path.is_file()
        && let (Some(dir), Some(name)) = (path.parent(), path.file_name())
    {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        return (dir.to_path_buf(), Some(name.to_string_lossy().into_owned()));
    }
    (path.to_path_buf(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_outlets_of_the_bundled_articles() {
        let (t, o) = title_and_outlet(SAMPLE_ARTICLES[0].1);
        assert_eq!(
            t,
            "Vladimir Putin: Russian president to address the UN over bombing in Syria"
        );
        assert_eq!(o.as_deref(), Some("Sky News"));
        let (t, o) = title_and_outlet(SAMPLE_ARTICLES[1].1);
        assert_eq!(
            t,
            "Boris Johnson is the first UK foreign secretary to visit Russia in five years"
        );
        assert_eq!(o, None, "the BBC file's second line is a sentence");
    }

    #[test]
    fn the_source_line_names_outlet_byline_and_date() {
        let mut a = Article::from_text("a.txt", "Title\nSky News\n\nBody.".into(), None);
        assert_eq!(a.source_line().as_deref(), Some("Sky News"));
        a.byline = Some("Paul Kirby ".into());
        for (published, shown) in [
            ("2024-03-12T10:04:00Z", "12 Mar 2024"),
            ("2024-03-12T23:30:00+00:00", "12 Mar 2024"),
            ("2024-03-02", "2 Mar 2024"),
            ("Tuesday morning", "Tuesday morning"),
        ] {
            a.published = Some(published.into());
            assert_eq!(
                a.source_line().unwrap(),
                format!("Sky News · Paul Kirby · {shown}")
            );
        }
        a.byline = Some("sky news".into());
        assert_eq!(
            a.source_line().unwrap(),
            "Sky News · Tuesday morning",
            "said once"
        );
        let plain = Article::from_text("b.txt", "Title\n\nA sentence follows here.".into(), None);
        assert_eq!(plain.source_line(), None);
    }
}
