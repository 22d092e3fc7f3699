//! `gloss check`: the state of a corpus's notes, for people and for scripts.
//!
//! Reads without locking or writing anything. Problems — an unreadable notes file, annotations
//! whose article is missing or refused, highlights that no longer anchor — make the command
//! exit non-zero; skipped article files are reported but are not problems of the notes.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::anchor::Anchor;
use crate::store::lock::{CorpusLock, LockError};
use crate::store::{self, LoadError};
use crate::workspace::{ArticleProblem, Workspace};

#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub corpus: String,
    pub notes_file: String,
    /// "absent", "readable", "unreadable", "too-new", "too-large", "refused" (a link or
    /// special file, not read).
    pub notes_state: String,
    /// Format version of the file on disk, when it could be read that far.
    pub version: Option<u32>,
    pub annotation_count: usize,
    /// Annotations per article file name.
    pub per_article: BTreeMap<String, usize>,
    /// Article names that annotations refer to but the corpus lacks (or refuses).
    pub missing_articles: Vec<String>,
    pub annotations: Vec<AnnotationState>,
    /// Article files the corpus skipped, with the reason.
    pub skipped_files: Vec<String>,
    /// Another gloss holds the corpus lock.
    pub locked_by_other: bool,
    /// Ids that the notes file gives to more than one annotation (each listed once per
    /// repeat). gloss keeps every copy, renaming the later ones when it opens the corpus.
    pub duplicate_ids: Vec<String>,
    /// The article texts kept in `.gloss/versions` (oldest first).
    pub versions: Vec<crate::versions::Version>,
    pub problems: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct AnnotationState {
    pub id: String,
    pub article: String,
    /// "exact", "moved", "approximate", "orphan", "missing-article".
    pub anchoring: String,
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub quote: String,
    /// Match score (0–1) of an approximate anchor.
    pub score: Option<f32>,
    /// The quoted text changed since the annotation was made (`original_quote` is kept).
    pub text_changed: bool,
    /// Why an orphan is one: its words gone, or standing where nothing decides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// Inspects the corpus at `root`. Errors only when the folder itself cannot be read.
pub fn check(root: &Path) -> Result<CheckReport, crate::corpus::CorpusError> {
    let ws = Workspace::open_read_only(root)?;
    let notes_path = store::notes_path(&ws.corpus.root);
    // Read as the workspace reads it: never through a link, never a FIFO, never over the limit.
    let bytes = store::read_bytes(&notes_path).ok().flatten();
    let version = bytes.as_deref().and_then(store::peek_version);
    let notes_state = match (&ws.load_error, &bytes) {
        (None, None) => "absent",
        (None, Some(_)) => "readable",
        (Some(LoadError::TooNew { .. }), _) => "too-new",
        (Some(LoadError::TooLarge { .. }), _) => "too-large",
        (Some(LoadError::Refused { .. }), _) => "refused",
        (Some(_), _) => "unreadable",
    };
    let mut problems = Vec::new();
    if let Some(e) = &ws.load_error {
        problems.push(e.to_string());
    }
    let annotations = ws.notebook().annotations();
    let mut per_article = BTreeMap::new();
    let mut missing = Vec::new();
    let mut states = Vec::new();
    let mut sorted: Vec<_> = annotations.iter().collect();
    sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    for a in sorted {
        let mut approx_score = None;
        let mut orphan_why = None;
        *per_article.entry(a.article.clone()).or_insert(0) += 1;
        let (anchoring, range) = match ws.article_problem(&a.article) {
            Some(problem) => {
                if !missing.contains(&a.article) {
                    missing.push(a.article.clone());
                    problems.push(match problem {
                        ArticleProblem::Missing => format!("article {:?} is missing", a.article),
                        ArticleProblem::Refused => format!(
                            "article name {:?} points outside the corpus folder (refused)",
                            a.article
                        ),
                    });
                }
                ("missing-article", None)
            }
            None => match ws.anchor_of(&a.id) {
                Some(Anchor::Exact(r)) => ("exact", Some(r.clone())),
                Some(Anchor::Moved(r)) => ("moved", Some(r.clone())),
                Some(Anchor::Approximate { range, score }) => {
                    approx_score = Some(*score);
                    ("approximate", Some(range.clone()))
                }
                _ => {
                    let why = ws.orphan_reason(&a.id).map_or_else(
                        || "its passage is not in the article".into(),
                        |w| w.to_string(),
                    );
                    problems.push(format!(
                        "annotation {} in {} no longer anchors: {why}",
                        a.id, a.article
                    ));
                    orphan_why = Some(why);
                    ("orphan", None)
                }
            },
        };
        states.push(AnnotationState {
            id: a.id.clone(),
            article: a.article.clone(),
            anchoring: anchoring.into(),
            start: range.as_ref().map(|r| r.start),
            end: range.as_ref().map(|r| r.end),
            quote: a.quote.exact.clone(),
            score: approx_score,
            text_changed: a.original_quote.is_some(),
            why: orphan_why,
        });
    }
    for r in &ws.renamed_duplicates {
        problems.push(format!(
            "id {} is used by more than one annotation; gloss keeps both and will give the \
             later one the id {} when it opens this corpus for writing",
            r.old, r.new
        ));
    }
    let lock = CorpusLock::acquire(&ws.corpus.root);
    let locked_by_other = matches!(lock, Err(LockError::Held { .. }));
    if let Err(e @ LockError::Unusable(_)) = &lock {
        problems.push(e.to_string());
    }
    drop(lock);
    // Every other file and folder of gloss's own that it would refuse: the backup, the merge
    // base and the folder of merged sync copies (versions are checked below).
    let backup = crate::store::backup::backup_path(&notes_path);
    if let Err(e) = crate::safe_file::inspect(&backup) {
        problems.push(format!("backup: {e}"));
    }
    let own = crate::store::sync_copies::own_file_problems(&ws.corpus.root);
    problems.extend(own.iter().cloned());
    for s in &ws.sync_merges {
        problems.push(s.to_string());
    }
    Ok(CheckReport {
        corpus: ws.corpus.root.display().to_string(),
        notes_file: notes_path.display().to_string(),
        notes_state: notes_state.into(),
        version,
        annotation_count: annotations.len(),
        per_article,
        missing_articles: missing,
        annotations: states,
        skipped_files: ws
            .corpus
            .skipped
            .iter()
            .map(|s| format!("{}: {}", s.file_name, s.reason))
            .collect(),
        locked_by_other,
        duplicate_ids: ws
            .renamed_duplicates
            .iter()
            .map(|r| r.old.clone())
            .collect(),
        versions: {
            let store = ws.versions();
            // A link in place of `.gloss` is reported once, above.
            problems.extend(
                store
                    .problems()
                    .into_iter()
                    .filter(|p| !own.contains(p))
                    .map(|p| format!("versions: {p}")),
            );
            store.list()
        },
        problems,
    })
}

impl std::fmt::Display for CheckReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "corpus:      {}", self.corpus)?;
        let version = self
            .version
            .map(|v| format!(", format version {v}"))
            .unwrap_or_default();
        writeln!(
            f,
            "notes file:  {} ({}{version})",
            self.notes_file, self.notes_state
        )?;
        writeln!(f, "annotations: {}", self.annotation_count)?;
        for (article, n) in &self.per_article {
            writeln!(f, "  {n:>5}  {article}")?;
        }
        if self.locked_by_other {
            writeln!(
                f,
                "lock:        held by another gloss (it may be saving right now)"
            )?;
        }
        for s in &self.skipped_files {
            writeln!(f, "skipped:     {s}")?;
        }
        if !self.versions.is_empty() {
            writeln!(f, "versions kept ({}):", self.versions.len())?;
            for v in &self.versions {
                writeln!(
                    f,
                    "  {}  {}  {} chars, {} bytes kept  {}",
                    v.kept.strftime("%Y-%m-%d %H:%M"),
                    v.hash,
                    v.chars,
                    v.bytes,
                    v.article
                )?;
            }
        }
        if !self.annotations.is_empty() {
            writeln!(f, "anchoring:")?;
            for a in &self.annotations {
                let at = match (a.start, a.end) {
                    (Some(s), Some(e)) => format!("{s}..{e}"),
                    _ => "-".into(),
                };
                let kind = match a.score {
                    Some(score) => format!("{} {score:.2}", a.anchoring),
                    None => a.anchoring.clone(),
                };
                let quote: String = a.quote.chars().take(50).collect();
                writeln!(f, "  {:<16} {:<12} {}  {:?}", kind, at, a.article, quote)?;
            }
        }
        if self.problems.is_empty() {
            writeln!(f, "no problems")?;
        } else {
            writeln!(f, "problems:")?;
            for p in &self.problems {
                writeln!(f, "  - {p}")?;
            }
        }
        Ok(())
    }
}
