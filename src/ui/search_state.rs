//! Search everywhere (`Ctrl+Shift+F`): the query, and its results streaming in from a worker.
//!
//! A query runs on its own thread over every article, one after another; each article's hits
//! are published as soon as they are found, so the panel fills while the search goes on and no
//! frame ever waits. A new query cancels the one running. Articles are folded once and kept
//! (by content hash and case mode), so the next query only searches.

use crate::job::Job;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use eframe::egui;

use crate::corpus::Corpus;
use crate::search::corpus_search::hits_in;
use crate::search::{AnnotationHit, Folded, Hit, Options, fold, fold_query};

/// One article's hits.
#[derive(Debug)]
pub struct ArticleHits {
    pub article: String,
    pub title: String,
    pub hits: Vec<Hit>,
    /// Hits in the article, shown or not.
    pub count: usize,
}

/// What the worker has found so far.
#[derive(Debug, Default)]
pub struct Found {
    pub articles: Vec<Arc<ArticleHits>>,
    /// Every hit counted, kept or not (see [`crate::search::Keep`]).
    pub total_hits: usize,
    /// Hits kept (shown).
    pub kept: usize,
    pub annotations: Arc<Vec<AnnotationHit>>,
    /// Articles searched so far, of how many.
    pub searched: usize,
    pub total: usize,
    pub done: bool,
}

type FoldCache = Arc<Mutex<HashMap<(String, bool), Arc<Folded>>>>;

/// The results so far, whoever panicked while holding them (they are plain data).
fn lock(f: &Mutex<Found>) -> std::sync::MutexGuard<'_, Found> {
    f.lock().unwrap_or_else(|p| p.into_inner())
}

/// One row of the results list (the panel shows them virtualised, one height for all).
#[derive(Debug, Clone)]
pub enum ResultRow {
    /// An article's heading: title and count.
    Article(Arc<ArticleHits>),
    /// A hit: the article's hits and which.
    Hit(Arc<ArticleHits>, usize),
    /// The heading of the notes that matched.
    NotesHeading(usize),
    Note(Arc<Vec<AnnotationHit>>, usize),
}

#[derive(Default)]
pub struct SearchState {
    pub open: bool,
    pub query: String,
    pub options: Options,
    /// Give the field the keyboard on the next frame (taken by the panel when drawn).
    pub focus: std::cell::Cell<bool>,
    found: Arc<Mutex<Found>>,
    /// The search running (a new query cancels it).
    job: Option<Job<()>>,
    folds: FoldCache,
    /// The rows for what was found, rebuilt when more came in.
    rows: Arc<Vec<ResultRow>>,
    rows_for: (usize, usize, bool),
}

impl SearchState {
    /// Starts searching `corpus` and `annotations` for the current query (the previous search,
    /// if running, stops).
    pub fn start(
        &mut self,
        corpus: &Corpus,
        annotations: Vec<crate::annotation::Annotation>,
        egui: &egui::Context,
    ) {
        if let Some(running) = self.job.take() {
            running.cancel();
        }
        self.found = Arc::new(Mutex::new(Found::default()));
        self.rows = Arc::default();
        self.rows_for = (0, 0, false);
        let q = fold_query(&self.query, self.options.match_case);
        if q.trim().is_empty() {
            return;
        }
        let articles: Vec<(String, String, String, Arc<str>)> = corpus
            .articles
            .iter()
            .map(|a| {
                (
                    a.file_name.clone(),
                    a.display_title().to_owned(),
                    a.hash.clone(),
                    a.text.clone(),
                )
            })
            .collect();
        let (found, folds, options, query) = (
            self.found.clone(),
            self.folds.clone(),
            self.options,
            self.query.clone(),
        );
        let wake = egui.clone();
        self.job = Some(Job::spawn("Searching every article", move |progress| {
            lock(&found).total = articles.len();
            let notes = crate::search::corpus_search::search_annotations(
                annotations.iter(),
                &query,
                options,
            );
            lock(&found).annotations = Arc::new(notes);
            for (name, title, hash, text) in articles {
                if progress.cancelled() {
                    return;
                }
                let key = (hash, options.match_case);
                let cached = folds
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .get(&key)
                    .cloned();
                let folded = cached.unwrap_or_else(|| {
                    let f = Arc::new(fold(&text, options.match_case));
                    folds
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .insert(key, f.clone());
                    f
                });
                let keep = crate::search::Keep::default();
                let room = keep.total.saturating_sub(lock(&found).kept);
                let (hits, count) = hits_in(
                    &name,
                    &text,
                    &folded,
                    &q,
                    options.whole_word,
                    keep.per_article.min(room),
                );
                let mut f = lock(&found);
                f.searched += 1;
                f.total_hits += count;
                f.kept += hits.len();
                if count > 0 {
                    f.articles.push(Arc::new(ArticleHits {
                        article: name,
                        title,
                        hits,
                        count,
                    }));
                }
                drop(f);
                wake.request_repaint();
            }
            lock(&found).done = true;
            wake.request_repaint();
        }));
    }

    /// The rows for what was found so far (rebuilt only when more came in), and a status line.
    pub fn rows(&mut self) -> (Arc<Vec<ResultRow>>, String) {
        let found = lock(&self.found);
        let key = (found.articles.len(), found.annotations.len(), found.done);
        let matches = found.total_hits;
        let more = found.total_hits - found.kept;
        let status = if self.query.trim().is_empty() {
            String::new()
        } else {
            let progress = if found.done {
                String::new()
            } else {
                format!(" (searching {} of {}…)", found.searched, found.total)
            };
            let shown = if more > 0 {
                format!("; the first {} shown, and {more} more", found.kept)
            } else {
                String::new()
            };
            format!(
                "{matches} matches in {} articles, {} in notes{shown}{progress}",
                found.articles.len(),
                found.annotations.len()
            )
        };
        if key != self.rows_for {
            let mut rows = Vec::new();
            for a in &found.articles {
                rows.push(ResultRow::Article(a.clone()));
                rows.extend((0..a.hits.len()).map(|i| ResultRow::Hit(a.clone(), i)));
            }
            if !found.annotations.is_empty() {
                rows.push(ResultRow::NotesHeading(found.annotations.len()));
                rows.extend(
                    (0..found.annotations.len())
                        .map(|i| ResultRow::Note(found.annotations.clone(), i)),
                );
            }
            drop(found);
            self.rows = Arc::new(rows);
            self.rows_for = key;
        }
        (self.rows.clone(), status)
    }

    /// Whether the search is still running.
    pub fn running(&self) -> bool {
        let f = self.found.lock().unwrap_or_else(|p| p.into_inner());
        !f.done && f.total > 0
    }

    /// Every hit found so far (for tests).
    pub fn hits(&self) -> Vec<Hit> {
        let f = self.found.lock().unwrap_or_else(|p| p.into_inner());
        f.articles
            .iter()
            .flat_map(|a| a.hits.iter().cloned())
            .collect()
    }
}
