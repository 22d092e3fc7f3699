//! Importing annotations made elsewhere: W3C Web Annotation JSON and Hypothesis JSON.
//!
//! Both formats describe a passage the same way — a `TextQuoteSelector` (exact text with
//! prefix and suffix) and often a `TextPositionSelector` — so [`parse`] reads either into
//! [`Imported`] records, and [`import`] anchors each in the article it names with the same
//! pipeline as everything else ([`crate::anchor`]). A record whose passage cannot be found is
//! stored as an orphan with its quote, never dropped and never guessed.
//!
//! A W3C `linking` annotation (what gloss exports for a link) becomes a link again once every
//! annotation of the file is in: each of its passages is the highlight with the id it names,
//! else the highlight anchored at exactly that passage, else a new one (an orphan when the
//! passage is not found, so the link is kept, dangling).

pub mod parse;

use crate::anchor::{self, Anchor, NormCache, Selectors};
use crate::annotation::{Annotation, Color, PositionSelector, QuoteSelector, quote_selector};
use crate::notebook::{Command, Refused};
use crate::workspace::{End, SelectionRefused, Workspace};

pub use parse::{Imported, ParseError, parse};

impl Imported {
    /// The record's passage as selectors to anchor (it carries no article hash).
    fn selectors(&self) -> Selectors<'_> {
        Selectors {
            exact: &self.exact,
            prefix: &self.prefix,
            suffix: &self.suffix,
            // An empty position is no position (see `Selectors::of`).
            position: self.position.clone().filter(|r| r.start < r.end),
            article_hash: "",
        }
    }
}

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// The quote was found as it was (at its position, or elsewhere unchanged).
    pub exact: usize,
    /// A close passage was found.
    pub approximate: usize,
    /// The passage was not found (or the article is not in the corpus); stored as orphans.
    pub orphaned: usize,
    /// An annotation with the same id is already in the notes.
    pub already_present: usize,
    /// Article names that matched no file of the corpus.
    pub unknown_articles: Vec<String>,
    /// Not taken: the quote or the note was longer than one annotation may hold
    /// ([`crate::limits`]).
    pub too_long: usize,
    /// Not taken: the notes file would have grown past [`crate::limits::MAX_NOTES_BYTES`].
    pub over_file_limit: usize,
    /// Links made between imported (or existing) passages.
    pub links: usize,
    /// Links whose two passages were already linked.
    pub links_already_present: usize,
    /// Links not made, and why (a passage linked to itself, a limit).
    pub links_refused: Vec<String>,
}

impl ImportReport {
    /// How many records were not stored because of a limit.
    pub fn not_taken(&self) -> usize {
        self.too_long + self.over_file_limit
    }
}

impl std::fmt::Display for ImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} anchored exactly, {} anchored approximately, {} orphaned",
            self.exact, self.approximate, self.orphaned
        )?;
        if self.already_present > 0 {
            write!(f, ", {} already present (skipped)", self.already_present)?;
        }
        if self.links > 0 || self.links_already_present > 0 {
            write!(f, "; {} links", self.links)?;
            if self.links_already_present > 0 {
                write!(f, " ({} already linked)", self.links_already_present)?;
            }
        }
        if !self.links_refused.is_empty() {
            write!(
                f,
                "; {} links NOT MADE: {}",
                self.links_refused.len(),
                self.links_refused.join("; ")
            )?;
        }
        if self.too_long > 0 {
            write!(
                f,
                ", {} NOT TAKEN: quote over {}, note over {} or a tag over {} characters",
                self.too_long,
                crate::limits::MAX_QUOTE_CHARS,
                crate::limits::MAX_NOTE_CHARS,
                crate::limits::MAX_TAG_CHARS
            )?;
        }
        if self.over_file_limit > 0 {
            write!(
                f,
                ", {} NOT TAKEN: the notes file would have grown past {}",
                self.over_file_limit,
                crate::safe_file::megabytes(crate::limits::MAX_NOTES_BYTES)
            )?;
        }
        if !self.unknown_articles.is_empty() {
            write!(
                f,
                "; no article in the corpus for: {}",
                self.unknown_articles.join(", ")
            )?;
        }
        Ok(())
    }
}

/// How one record anchored, counted once it is stored.
enum Kind {
    Exact,
    Approximate,
    Orphan,
    Unknown(String),
}

/// Which corpus article an imported annotation's source or URI refers to: the last path
/// segment (percent-decoded), matched by file name, else by file name without extension.
pub fn match_article(workspace: &Workspace, source: &str) -> Option<String> {
    let without_fragment = source.split(['#', '?']).next().unwrap_or(source);
    let segment = without_fragment
        .trim_end_matches('/')
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(without_fragment);
    let name = percent_encoding::percent_decode_str(segment)
        .decode_utf8_lossy()
        .into_owned();
    let articles = &workspace.corpus.articles;
    if let Some(a) = articles.iter().find(|a| a.file_name == name) {
        return Some(a.file_name.clone());
    }
    let stem = |s: &str| s.rsplit_once('.').map_or(s, |(stem, _)| stem).to_owned();
    let wanted = stem(&name);
    articles
        .iter()
        .find(|a| stem(&a.file_name) == wanted)
        .map(|a| a.file_name.clone())
}

/// Why an import stopped (what it had stored by then stays, as notebook commands).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Annotating is disabled in this corpus (its notes file cannot be read, another window
    /// holds it…): nothing was imported.
    ReadOnly { why: String },
    /// The notebook refused an annotation for a reason no other record would escape.
    Refused(Refused),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::ReadOnly { why } => write!(f, "{why}"),
            ImportError::Refused(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// Anchors and stores imported annotations (through notebook commands). `article` forces the
/// target article for all of them.
pub fn import(
    workspace: &mut Workspace,
    records: Vec<Imported>,
    article: Option<&str>,
) -> Result<ImportReport, ImportError> {
    if let Some(why) = workspace.read_only_reason() {
        return Err(ImportError::ReadOnly { why });
    }
    let mut report = ImportReport::default();
    let mut cache = NormCache::for_corpus(&workspace.corpus.root);
    let (links, records): (Vec<Imported>, Vec<Imported>) =
        records.into_iter().partition(Imported::is_link);
    for record in records {
        if let Some(id) = &record.id
            && workspace.notebook().get(id).is_some()
        {
            report.already_present += 1;
            continue;
        }
        // Checked before anchoring: anchoring a quote costs time in proportion to its length.
        if record.exact.chars().count() > crate::limits::MAX_QUOTE_CHARS
            || record.note.chars().count() > crate::limits::MAX_NOTE_CHARS
            || record
                .tags
                .iter()
                .any(|t| t.chars().count() > crate::limits::MAX_TAG_CHARS)
        {
            report.too_long += 1;
            continue;
        }
        let target = match article {
            Some(name) => workspace.corpus.article(name).map(|a| a.file_name.clone()),
            None => record
                .source
                .as_deref()
                .and_then(|s| match_article(workspace, s)),
        };
        let (annotation, kind) = match target
            .as_deref()
            .and_then(|name| workspace.corpus.article(name))
        {
            Some(found) => {
                let anchor = anchor::locate_selectors(found, &record.selectors(), &mut cache);
                let kind = match &anchor {
                    Anchor::Exact(_) | Anchor::Moved(_) => Kind::Exact,
                    Anchor::Approximate { .. } => Kind::Approximate,
                    Anchor::Orphan => Kind::Orphan,
                };
                (
                    build(&record, &found.file_name, Some((found, anchor))),
                    kind,
                )
            }
            None => {
                let name = article
                    .map(str::to_owned)
                    .or_else(|| record.source.clone())
                    .unwrap_or_else(|| "(unknown)".into());
                let file_name = name.rsplit('/').next().unwrap_or(&name).to_owned();
                (build(&record, &file_name, None), Kind::Unknown(name))
            }
        };
        // Without an id (an export that carries none, imported twice), the same passage of the
        // same article with the same note and tags is the same annotation: already present.
        if record.id.is_none() && already_there(workspace, &annotation) {
            report.already_present += 1;
            continue;
        }
        match workspace.apply(Command::create(annotation)) {
            Ok(()) => {}
            Err(
                Refused::QuoteTooLong { .. }
                | Refused::NoteTooLong { .. }
                | Refused::TagTooLong { .. },
            ) => {
                report.too_long += 1;
                continue;
            }
            Err(Refused::NotesFileFull { .. }) => {
                report.over_file_limit += 1;
                continue;
            }
            Err(e) => return Err(ImportError::Refused(e)),
        }
        match kind {
            Kind::Exact => report.exact += 1,
            Kind::Approximate => report.approximate += 1,
            Kind::Orphan => report.orphaned += 1,
            Kind::Unknown(name) => {
                if !report.unknown_articles.contains(&name) {
                    report.unknown_articles.push(name);
                }
                report.orphaned += 1;
            }
        }
    }
    for record in links {
        import_link(workspace, record, article, &mut cache, &mut report)?;
    }
    Ok(report)
}

/// Makes the link a `linking` record describes (see the module documentation).
fn import_link(
    workspace: &mut Workspace,
    mut record: Imported,
    article: Option<&str>,
    cache: &mut NormCache,
    report: &mut ImportReport,
) -> Result<(), ImportError> {
    let Some(link) = record.link.take() else {
        return Ok(());
    };
    let color = record.color.unwrap_or(Color::Yellow);
    let from = link_end(workspace, &record, article, cache)?;
    let to = link_end(workspace, &link.to, article, cache)?;
    match workspace.link(from, to, link.relation, &record.note, color) {
        Ok(_) => report.links += 1,
        Err(SelectionRefused::Refused(Refused::AlreadyLinked(_))) => {
            report.links_already_present += 1
        }
        Err(SelectionRefused::Refused(Refused::ReadOnly(why))) => {
            return Err(ImportError::ReadOnly { why });
        }
        Err(e) => report.links_refused.push(e.to_string()),
    }
    Ok(())
}

/// The highlight one passage of an imported link is (see the module documentation).
fn link_end(
    workspace: &mut Workspace,
    passage: &Imported,
    article: Option<&str>,
    cache: &mut NormCache,
) -> Result<End, ImportError> {
    if let Some(id) = &passage.end_id {
        let bare = id.strip_prefix("urn:uuid:").unwrap_or(id);
        for candidate in [id.as_str(), bare] {
            if workspace.notebook().get(candidate).is_some() {
                return Ok(End::Annotation(candidate.to_owned()));
            }
        }
    }
    let name = match article {
        Some(name) => Some(name.to_owned()),
        None => passage
            .source
            .as_deref()
            .and_then(|s| match_article(workspace, s)),
    };
    if let Some(found) = name.as_deref().and_then(|n| workspace.corpus.article(n))
        && let Some(range) = anchor::locate_selectors(found, &passage.selectors(), cache).range()
    {
        return Ok(End::Passage {
            article: found.file_name.clone(),
            range,
        });
    }
    // Not found: kept as an orphan highlight, so the link is kept (dangling), not dropped.
    let file_name = name
        .or_else(|| passage.source.clone())
        .unwrap_or_else(|| "(unknown)".into());
    let mut orphan = passage.clone();
    orphan.id = passage.end_id.clone();
    let annotation = build(&orphan, &file_name, None);
    let id = annotation.id.clone();
    workspace
        .apply(Command::create(annotation))
        .map_err(ImportError::Refused)?;
    Ok(End::Annotation(id))
}

/// The annotation to store for a record: anchored selectors when found, the imported ones
/// (an orphan) otherwise.
/// Whether an annotation of the same article already covers the same span (where it is
/// anchored now, or by its stored position when neither is placed) with the same body.
fn already_there(workspace: &Workspace, new: &Annotation) -> bool {
    let tags = crate::annotation::normalise_tags(new.tags.iter().map(String::as_str));
    workspace.notebook().annotations().iter().any(|a| {
        a.article == new.article
            && a.note == new.note
            && a.tags == tags
            && a.quote.exact == new.quote.exact
            && match workspace.range_of(&a.id) {
                Some(r) => r.start == new.position.start && r.end == new.position.end,
                None => a.position == new.position,
            }
    })
}

fn build(
    record: &Imported,
    article_name: &str,
    anchored: Option<(&crate::corpus::Article, Anchor)>,
) -> Annotation {
    let now = crate::annotation::now();
    let imported_quote = QuoteSelector {
        exact: record.exact.clone(),
        prefix: record.prefix.clone(),
        suffix: record.suffix.clone(),
    };
    let imported_position = record
        .position
        .clone()
        .map(|r| PositionSelector {
            start: r.start,
            end: r.end,
        })
        .unwrap_or(PositionSelector { start: 0, end: 0 });
    let (quote, position, article_hash) = match anchored {
        Some((article, anchor)) => match anchor.range() {
            Some(range) => (
                quote_selector(article, range.clone()),
                PositionSelector {
                    start: range.start,
                    end: range.end,
                },
                article.hash.clone(),
            ),
            None => (imported_quote.clone(), imported_position, String::new()),
        },
        None => (imported_quote.clone(), imported_position, String::new()),
    };
    let original_quote = (quote.exact != record.exact).then(|| record.exact.clone());
    Annotation {
        id: record
            .id
            .clone()
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
        article: article_name.to_owned(),
        quote,
        position,
        color: record.color.unwrap_or(Color::Yellow),
        note: record.note.clone(),
        created: record.created.unwrap_or(now),
        modified: record.modified.or(record.created).unwrap_or(now),
        article_hash,
        tags: record.tags.clone(),
        original_quote,
    }
}
