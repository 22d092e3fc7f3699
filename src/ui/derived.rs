//! What the views draw that is computed from the notes rather than stored: the highlight
//! spans of the articles on screen, the notes panel's rows, and the library's note counts.
//!
//! One cache, refreshed once per frame before drawing ([`Derived::refresh`]). When the
//! notebook says exactly which annotations changed since the last refresh
//! ([`crate::notebook::Notebook::touched_since`]), only those are brought up to date: typing
//! one character of a note updates one span and leaves the rows and the counts alone, however
//! many notes there are. When anchors may all have moved (articles re-read, notes merged from
//! disk: [`Workspace::generation`]) or the change is not known, everything is rebuilt once.

use std::collections::HashMap;
use std::ops::Range;

use super::highlight_spans::ArticleSpans;
use crate::annotation::Annotation;
use crate::workspace::Workspace;

/// Where an annotation is, as far as rows and counts care.
type Placement = (String, Option<Range<usize>>);

#[derive(Default)]
pub struct Derived {
    /// `(generation, revision)` of the workspace at the last refresh.
    seen: Option<(u64, u64)>,
    spans: HashMap<String, ArticleSpans>,
    rows: Vec<Row>,
    /// The articles the rows were built for.
    rows_for: Vec<String>,
    counts: HashMap<String, usize>,
    placement: HashMap<String, Placement>,
    /// How many full rebuilds ran (tests and the frames bench check that a keystroke causes
    /// none).
    pub rebuilds: u64,
}

static EMPTY: std::sync::LazyLock<ArticleSpans> = std::sync::LazyLock::new(ArticleSpans::default);

impl Derived {
    /// Brings everything up to date for `ws` with `on_screen` articles shown.
    pub fn refresh(&mut self, ws: &Workspace, on_screen: &[&str]) {
        let now = (ws.generation(), ws.notebook().revision());
        let touched = match self.seen {
            Some((generation, revision)) if generation == now.0 => {
                ws.notebook().touched_since(revision)
            }
            _ => None,
        };
        match touched {
            None => self.rebuild(ws, on_screen),
            Some(ids) => {
                let mut rows_stale = false;
                let mut seen_ids: Vec<&str> = Vec::new();
                for id in ids {
                    if seen_ids.contains(&id) {
                        continue;
                    }
                    seen_ids.push(id);
                    rows_stale |= self.update_one(ws, id);
                }
                if rows_stale
                    || self
                        .rows_for
                        .iter()
                        .map(String::as_str)
                        .ne(on_screen.iter().copied())
                {
                    self.build_rows(ws, on_screen);
                }
                self.spans.retain(|a, _| on_screen.contains(&a.as_str()));
                for article in on_screen {
                    if !self.spans.contains_key(*article) {
                        self.spans
                            .insert(article.to_string(), ArticleSpans::build(ws, article));
                    }
                }
            }
        }
        self.seen = Some(now);
    }

    /// Forgets everything (another corpus was opened).
    pub fn clear(&mut self) {
        *self = Derived {
            rebuilds: self.rebuilds,
            ..Derived::default()
        };
    }

    /// The spans of an article on screen (none for any other).
    pub fn spans(&self, article: &str) -> &ArticleSpans {
        self.spans.get(article).unwrap_or(&EMPTY)
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Notes per article, for the library.
    pub fn count(&self, article: &str) -> usize {
        self.counts.get(article).copied().unwrap_or(0)
    }

    fn rebuild(&mut self, ws: &Workspace, on_screen: &[&str]) {
        self.rebuilds += 1;
        self.placement = ws
            .notebook()
            .annotations()
            .iter()
            .map(|a| (a.id.clone(), (a.article.clone(), ws.range_of(&a.id))))
            .collect();
        self.counts.clear();
        for (article, _) in self.placement.values() {
            *self.counts.entry(article.clone()).or_default() += 1;
        }
        self.spans = on_screen
            .iter()
            .map(|a| (a.to_string(), ArticleSpans::build(ws, a)))
            .collect();
        self.build_rows(ws, on_screen);
    }

    fn build_rows(&mut self, ws: &Workspace, on_screen: &[&str]) {
        self.rows = build_rows(ws, on_screen);
        self.rows_for = on_screen.iter().map(|s| s.to_string()).collect();
    }

    /// Updates what one annotation's change touches; returns whether the rows need
    /// rebuilding (it appeared, went, or moved).
    fn update_one(&mut self, ws: &Workspace, id: &str) -> bool {
        let now: Option<Placement> = ws
            .notebook()
            .get(id)
            .map(|a| (a.article.clone(), ws.range_of(id)));
        let before = match &now {
            Some(p) => self.placement.insert(id.to_owned(), p.clone()),
            None => self.placement.remove(id),
        };
        for (article, spans) in &mut self.spans {
            let was_here = before.as_ref().is_some_and(|(a, _)| a == article);
            let is_here = now.as_ref().is_some_and(|(a, _)| a == article);
            if was_here || is_here {
                spans.update(ws, article, id);
            }
        }
        let old_article = before.as_ref().map(|(a, _)| a.as_str());
        let new_article = now.as_ref().map(|(a, _)| a.as_str());
        if old_article != new_article {
            if let Some(a) = old_article
                && let Some(n) = self.counts.get_mut(a)
            {
                *n = n.saturating_sub(1);
            }
            if let Some(a) = new_article {
                *self.counts.entry(a.to_owned()).or_default() += 1;
            }
        }
        before != now
    }
}

/// One row of the list.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// An article's title.
    Article(String),
    /// A sub-heading: "Unanchored" or "Missing article".
    Heading(&'static str, &'static str),
    /// An annotation; `lost` when its passage or article is gone.
    Entry { id: String, lost: bool },
}

/// The rows for the articles on screen (file names, in pane order). Called by
/// [`super::derived::Derived`] when the notes or the articles on screen change, not per frame.
fn build_rows(ws: &Workspace, articles: &[&str]) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut by_article: std::collections::HashMap<&str, Vec<&Annotation>> =
        std::collections::HashMap::new();
    let mut missing: Vec<&Annotation> = Vec::new();
    for a in ws.notebook().annotations() {
        if ws.article_problem(&a.article).is_some() {
            missing.push(a);
        } else if articles.contains(&a.article.as_str()) {
            by_article.entry(a.article.as_str()).or_default().push(a);
        }
    }
    for article in articles {
        let Some(list) = by_article.get(article) else {
            continue;
        };
        let title = ws
            .corpus
            .article(article)
            .map(|a| a.display_title().to_owned())
            .unwrap_or_else(|| article.to_string());
        rows.push(Row::Article(title));
        let mut anchored: Vec<(std::ops::Range<usize>, &Annotation)> = Vec::new();
        let mut lost: Vec<&Annotation> = Vec::new();
        for a in list {
            match ws.range_of(&a.id) {
                Some(r) => anchored.push((r, a)),
                None => lost.push(a),
            }
        }
        anchored
            .sort_by(|(ra, a), (rb, b)| (ra.start, ra.end, &a.id).cmp(&(rb.start, rb.end, &b.id)));
        rows.extend(anchored.into_iter().map(|(_, a)| Row::Entry {
            id: a.id.clone(),
            lost: false,
        }));
        if !lost.is_empty() {
            lost.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            rows.push(Row::Heading(
                "Unanchored",
                "The highlighted passage is no longer in the article.",
            ));
            rows.extend(lost.into_iter().map(|a| Row::Entry {
                id: a.id.clone(),
                lost: true,
            }));
        }
    }
    if !missing.is_empty() {
        missing.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        rows.push(Row::Heading(
            "Missing article",
            "These notes belong to article files that are not in the corpus folder any more. \
             They are kept; if the article comes back (under any name, with the same text) \
             they are attached to it again.",
        ));
        rows.extend(missing.into_iter().map(|a| Row::Entry {
            id: a.id.clone(),
            lost: true,
        }));
    }
    rows
}
