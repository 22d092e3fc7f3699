//! Importing annotations made elsewhere: W3C Web Annotation JSON and Hypothesis JSON.
//!
//! Both formats describe a passage the same way — a `TextQuoteSelector` (exact text with
//! prefix and suffix) and often a `TextPositionSelector` — so [`parse`] reads either into
//! [`Imported`] records, and [`import`] anchors each in the article it names with the same
//! pipeline as everything else ([`crate::anchor`]). A record whose passage cannot be found is
//! stored as an orphan with its quote, never dropped and never guessed.

pub mod parse;

use crate::anchor::{self, Anchor, NormCache, Selectors};
use crate::annotation::{Annotation, Color, PositionSelector, QuoteSelector, quote_selector};
use crate::notebook::Command;
use crate::workspace::Workspace;

pub use parse::{Imported, ParseError, parse};

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

/// Anchors and stores imported annotations (through notebook commands). `article` forces the
/// target article for all of them.
pub fn import(
    workspace: &mut Workspace,
    records: Vec<Imported>,
    article: Option<&str>,
) -> Result<ImportReport, String> {
    if let Some(why) = workspace.read_only_reason() {
        return Err(why);
    }
    let mut report = ImportReport::default();
    let mut cache = NormCache::default();
    for record in records {
        if let Some(id) = &record.id
            && workspace.notebook().get(id).is_some()
        {
            report.already_present += 1;
            continue;
        }
        let target = match article {
            Some(name) => workspace.corpus.article(name).map(|a| a.file_name.clone()),
            None => record
                .source
                .as_deref()
                .and_then(|s| match_article(workspace, s)),
        };
        let annotation = match target
            .as_deref()
            .and_then(|name| workspace.corpus.article(name))
        {
            Some(found) => {
                let selectors = Selectors {
                    exact: &record.exact,
                    prefix: &record.prefix,
                    suffix: &record.suffix,
                    position: record.position.clone(),
                    article_hash: "",
                };
                let anchor = anchor::locate_selectors(found, &selectors, &mut cache);
                match &anchor {
                    Anchor::Exact(_) | Anchor::Moved(_) => report.exact += 1,
                    Anchor::Approximate { .. } => report.approximate += 1,
                    Anchor::Orphan => report.orphaned += 1,
                }
                build(&record, &found.file_name, Some((found, anchor)))
            }
            None => {
                let name = article
                    .map(str::to_owned)
                    .or_else(|| record.source.clone())
                    .unwrap_or_else(|| "(unknown)".into());
                if !report.unknown_articles.contains(&name) {
                    report.unknown_articles.push(name.clone());
                }
                report.orphaned += 1;
                let file_name = name.rsplit('/').next().unwrap_or(&name).to_owned();
                build(&record, &file_name, None)
            }
        };
        workspace
            .apply(Command::create(annotation))
            .map_err(|e| e.to_string())?;
    }
    Ok(report)
}

/// The annotation to store for a record: anchored selectors when found, the imported ones
/// (an orphan) otherwise.
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
