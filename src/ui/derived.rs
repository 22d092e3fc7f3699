//! What the views draw that is computed from the notes rather than stored: the highlight
//! spans of the articles on screen, the notes panel's rows, and the library's note counts.
//!
//! One cache, refreshed once per frame before drawing ([`Derived::refresh`]). When the
//! notebook says exactly which annotations changed since the last refresh
//! ([`crate::notebook::Notebook::touched_since`]), only those are brought up to date: typing
//! one character of a note updates one span and leaves the rows and the counts alone, however
//! many notes there are. When anchors may all have moved (articles re-read, notes merged from
//! disk: [`Workspace::generation`]) or the change is not known, everything is rebuilt once.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use super::highlight_spans::ArticleSpans;
use crate::annotation::Annotation;
use crate::filter::Filter;
use crate::workspace::Workspace;

/// Where an annotation is, as far as rows and counts care.
type Placement = (String, Option<Range<usize>>);

#[derive(Default)]
pub struct Derived {
    /// `(generation, revision)` of the workspace at the last refresh.
    seen: Option<(u64, u64)>,
    spans: HashMap<String, ArticleSpans>,
    rows: Vec<Row>,
    blocks: Vec<Block>,
    /// The articles the rows were built for.
    rows_for: Vec<String>,
    counts: HashMap<String, usize>,
    placement: HashMap<String, Placement>,
    /// Every link with its ends placed, for the connectors (rebuilt when links change or an
    /// end's highlight moves, not per frame).
    links: Vec<LinkView>,
    /// `(generation, links revision)` the links were placed for.
    links_seen: Option<(u64, u64)>,
    /// The notes-panel filter the rows were filtered with, and the rows it kept (`None`: no
    /// filter, [`Derived::rows`] are all rows).
    filter: Filter,
    filtered: Option<Vec<Row>>,
    /// Annotations listed but hidden by the filter (empty with no filter): drawn faint in
    /// the panes when the reader asks. Worked out on first use after each filtering, so a
    /// keystroke in the filter pays nothing for it while dimming is off.
    hidden: std::cell::OnceCell<HashSet<Arc<str>>>,
    /// Annotations listed and kept by the filter: "12 of 240".
    kept: (usize, usize),
    /// Each annotation's folded text for the filter, with the annotation it was made from
    /// (a changed annotation is a new `Arc`, so its text is folded again).
    haystacks: HashMap<String, (usize, String)>,
    /// How many full rebuilds ran (tests and the frames bench check that a keystroke causes
    /// none).
    pub rebuilds: u64,
}

static EMPTY: std::sync::LazyLock<ArticleSpans> = std::sync::LazyLock::new(ArticleSpans::default);

impl Derived {
    /// Brings everything up to date for `ws` with `on_screen` articles shown.
    pub fn refresh(&mut self, ws: &Workspace, on_screen: &[&str], filter: &Filter) {
        let now = (ws.generation(), ws.notebook().revision());
        let changed = self.seen != Some(now)
            || *filter != self.filter
            || self
                .rows_for
                .iter()
                .map(String::as_str)
                .ne(on_screen.iter().copied());
        let touched = match self.seen {
            Some((generation, revision)) if generation == now.0 => {
                ws.notebook().touched_since(revision)
            }
            _ => None,
        };
        let links_now = (ws.generation(), ws.notebook().links_revision());
        let mut links_stale = self.links_seen != Some(links_now);
        match touched {
            None => {
                links_stale = true;
                self.rebuild(ws, on_screen)
            }
            Some(ids) => {
                links_stale |= ids
                    .iter()
                    .any(|id| ws.notebook().links_of(id).next().is_some());
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
        if changed {
            self.apply_filter(ws, filter);
        }
        if links_stale {
            self.links = place_links(ws);
            self.links_seen = Some(links_now);
        }
    }

    /// Every link, its ends placed where they are now.
    pub fn links(&self) -> &[LinkView] {
        &self.links
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

    /// The rows the notes panel lists: all of them, or those the filter keeps.
    pub fn rows(&self) -> &[Row] {
        self.filtered.as_deref().unwrap_or(&self.rows)
    }

    /// Annotations listed in the notes panel that the filter hides.
    pub fn hidden(&self) -> &HashSet<Arc<str>> {
        self.hidden.get_or_init(|| {
            let Some(kept) = &self.filtered else {
                return HashSet::new();
            };
            let kept: HashSet<&str> = kept
                .iter()
                .filter_map(|r| match r {
                    Row::Entry { id, .. } => Some(id.as_str()),
                    _ => None,
                })
                .collect();
            self.rows
                .iter()
                .filter_map(|r| match r {
                    Row::Entry { id, .. } if !kept.contains(id.as_str()) => {
                        Some(id.as_str().into())
                    }
                    _ => None,
                })
                .collect()
        })
    }

    /// Annotations the filter keeps, of those listed (equal when nothing is filtered).
    pub fn kept(&self) -> (usize, usize) {
        self.kept
    }

    /// Filters the rows (headings without a kept entry go too).
    fn apply_filter(&mut self, ws: &Workspace, filter: &Filter) {
        self.filter = filter.clone();
        let total = self
            .rows
            .iter()
            .filter(|r| matches!(r, Row::Entry { .. }))
            .count();
        self.hidden = std::cell::OnceCell::new();
        if filter.is_empty() {
            self.filtered = None;
            self.kept = (total, total);
            return;
        }
        let query = filter.folded_text();
        let mut out: Vec<Row> = Vec::new();
        let mut heading: Option<Row> = None;
        let mut kept = 0;
        for row in &self.rows {
            let Row::Entry { id, lost, .. } = row else {
                heading = Some(row.clone());
                continue;
            };
            let Some(arc) = ws.notebook().get_arc(id) else {
                continue;
            };
            let key = std::sync::Arc::as_ptr(arc) as usize;
            if self.haystacks.get(id).is_none_or(|(k, _)| *k != key) {
                self.haystacks
                    .insert(id.clone(), (key, crate::filter::haystack(arc)));
            }
            let hay = &self.haystacks[id].1;
            let state = crate::filter::State::of(arc, !*lost && ws.range_of(id).is_some());
            if filter.keeps(arc, state, hay, &query) {
                if let Some(h) = heading.take() {
                    out.push(h);
                }
                out.push(row.clone());
                kept += 1;
            }
        }
        self.filtered = Some(out);
        self.kept = (kept, total);
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
        (self.rows, self.blocks) = build_rows(ws, on_screen);
        self.rows_for = on_screen.iter().map(|s| s.to_string()).collect();
    }

    /// Updates what one annotation's change touches; returns whether the rows need
    /// rebuilding (it appeared, went, or moved, and the rows could not be patched).
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
        if before == now {
            return false;
        }
        // Listed: an annotation of an article on screen, or of a missing one.
        let listed = |p: Option<&Placement>| {
            p.is_some_and(|(a, _)| self.rows_for.contains(a) || ws.article_problem(a).is_some())
        };
        if !listed(before.as_ref()) && !listed(now.as_ref()) {
            return false;
        }
        !self.patch_rows(ws, id, before.as_ref(), now.as_ref())
    }
}

/// A link as the connectors draw it.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkView {
    pub id: String,
    pub relation: crate::link::Relation,
    /// `(article, range)` of each end; `None` for a dangling end.
    pub ends: [Option<(String, Range<usize>)>; 2],
}

impl LinkView {
    /// The ends in the order of two articles (`a` then `b`), when the link joins them.
    pub fn between(&self, a: &str, b: &str) -> Option<(Range<usize>, Range<usize>)> {
        let [Some((x, rx)), Some((y, ry))] = &self.ends else {
            return None;
        };
        if x == a && y == b {
            Some((rx.clone(), ry.clone()))
        } else if x == b && y == a {
            Some((ry.clone(), rx.clone()))
        } else {
            None
        }
    }
}

fn place_links(ws: &Workspace) -> Vec<LinkView> {
    ws.notebook()
        .links()
        .iter()
        .map(|l| LinkView {
            id: l.id.clone(),
            relation: l.relation,
            ends: ws
                .link_ends(l)
                .map(|e| e.map(|(article, range)| (article.to_owned(), range))),
        })
        .collect()
}

/// One row of the list.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// An article's title.
    Article(String),
    /// A sub-heading: "Unanchored" or "Missing article".
    Heading(&'static str, &'static str),
    /// An annotation; `lost` when its passage or article is gone, and then (its article
    /// there) `why` in words ([`crate::workspace::OrphanReason`]), worked out with the rows.
    Entry {
        id: String,
        lost: bool,
        why: Option<String>,
    },
}

/// The rows for the articles on screen (file names, in pane order). Called by
/// [`super::derived::Derived`] when the notes or the articles on screen change, not per frame.
fn build_rows(ws: &Workspace, articles: &[&str]) -> (Vec<Row>, Vec<Block>) {
    let mut rows = Vec::new();
    let mut blocks = Vec::new();
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
        let first = rows.len();
        rows.extend(anchored.into_iter().map(|(_, a)| Row::Entry {
            id: a.id.clone(),
            lost: false,
            why: None,
        }));
        blocks.push(Block {
            article: article.to_string(),
            rows: first..rows.len(),
        });
        if !lost.is_empty() {
            lost.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            rows.push(Row::Heading(
                "Unanchored",
                "The highlighted passage is no longer in the article.",
            ));
            rows.extend(lost.into_iter().map(|a| Row::Entry {
                id: a.id.clone(),
                lost: true,
                why: ws.orphan_reason(&a.id).map(|w| w.to_string()),
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
            why: None,
        }));
    }
    (rows, blocks)
}

/// Where an article's anchored entries are in the rows (they are sorted by position), so a
/// new or deleted highlight moves one row instead of rebuilding the list.
#[derive(Debug, Clone)]
struct Block {
    article: String,
    rows: Range<usize>,
}

impl Derived {
    /// Updates the rows for one annotation's change when it is the common case — an
    /// anchored highlight created, deleted or moved within an article on screen that keeps
    /// other highlights; returns false when the list must be rebuilt instead.
    fn patch_rows(
        &mut self,
        ws: &Workspace,
        id: &str,
        before: Option<&Placement>,
        now: Option<&Placement>,
    ) -> bool {
        let anchored = |p: Option<&Placement>| match p {
            Some((article, Some(_))) if ws.article_problem(article).is_none() => {
                Some(article.clone())
            }
            None => Some(String::new()), // absent: nothing to place
            _ => None,
        };
        let (Some(was), Some(is)) = (anchored(before), anchored(now)) else {
            return false; // lost or missing-article entries: rebuild
        };
        if !was.is_empty() {
            let Some(b) = self.blocks.iter().position(|b| b.article == was) else {
                return false;
            };
            let block = self.blocks[b].rows.clone();
            let Some(at) = self.rows[block.clone()]
                .iter()
                .position(|r| matches!(r, Row::Entry { id: e, .. } if e == id))
            else {
                return false;
            };
            if block.len() == 1 {
                return false; // the article's heading would be left alone
            }
            self.rows.remove(block.start + at);
            self.shift_blocks(b, -1);
        }
        if !is.is_empty() {
            let Some(b) = self.blocks.iter().position(|b| b.article == is) else {
                return false; // first highlight of this article: it needs a heading
            };
            let Some(range) = ws.range_of(id) else {
                return false;
            };
            let key = (range.start, range.end, id);
            let block = self.blocks[b].rows.clone();
            let at = self.rows[block.clone()].partition_point(|r| match r {
                Row::Entry { id: e, .. } => ws
                    .range_of(e)
                    .is_some_and(|r| (r.start, r.end, e.as_str()) < key),
                _ => false,
            });
            self.rows.insert(
                block.start + at,
                Row::Entry {
                    id: id.to_owned(),
                    lost: false,
                    why: None,
                },
            );
            self.shift_blocks(b, 1);
        }
        true
    }

    /// Block `b` grew or shrank by `by` rows at its end; later blocks move.
    fn shift_blocks(&mut self, b: usize, by: isize) {
        let shift = |x: usize| x.saturating_add_signed(by);
        self.blocks[b].rows.end = shift(self.blocks[b].rows.end);
        for later in &mut self.blocks[b + 1..] {
            later.rows = shift(later.rows.start)..shift(later.rows.end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Color;
    use crate::notebook::Command;

    /// What a full rebuild gives, to hold the incremental updates against.
    fn fresh(ws: &Workspace, on_screen: &[&str]) -> Derived {
        let mut d = Derived::default();
        d.refresh(ws, on_screen, &Filter::default());
        d
    }

    fn same(a: &Derived, b: &Derived, on_screen: &[&str]) {
        assert_eq!(a.rows, b.rows);
        for article in on_screen {
            let spans = |d: &Derived| {
                d.spans(article)
                    .overlapping(0..usize::MAX / 2)
                    .map(|s| (s.range.clone(), s.color, s.id.to_string(), s.has_note))
                    .collect::<Vec<_>>()
            };
            assert_eq!(spans(a), spans(b), "{article}");
            assert_eq!(a.count(article), b.count(article));
        }
    }

    #[test]
    fn updating_one_annotation_at_a_time_gives_what_a_rebuild_gives() {
        let dir = tempfile::tempdir().unwrap();
        let text: String = (0..40)
            .map(|i| format!("Paragraph {i} has some words in it.\n\n"))
            .collect();
        for name in ["a.txt", "b.txt", "c.txt"] {
            std::fs::write(dir.path().join(name), &text).unwrap();
        }
        let mut ws = Workspace::open(dir.path()).unwrap();
        let on_screen = ["a.txt", "b.txt"]; // c.txt is not shown
        let mut d = Derived::default();
        d.refresh(&ws, &on_screen, &Filter::default());
        let rebuilds = d.rebuilds;
        let mut ids: Vec<String> = Vec::new();
        // A fixed pseudo-random walk of creates, deletes, recolours, notes and undos.
        let mut seed: u64 = 7;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..300 {
            match next(6) {
                0..=1 => {
                    let article = ["a.txt", "b.txt", "c.txt"][next(3) as usize];
                    let start = next(1200) as usize;
                    let len = 1 + next(60) as usize;
                    if let Ok(made) = ws.highlight(article, start..start + len, Color::Green) {
                        ids.push(made.id);
                    }
                }
                2 if !ids.is_empty() => {
                    let id = ids.swap_remove(next(ids.len() as u64) as usize);
                    ws.apply(Command::Delete { id }).unwrap();
                }
                3 if !ids.is_empty() => {
                    let id = ids[next(ids.len() as u64) as usize].clone();
                    let note = if next(2) == 0 { "" } else { "a note" };
                    ws.apply(Command::SetNote {
                        id,
                        note: note.into(),
                    })
                    .unwrap();
                }
                4 if !ids.is_empty() => {
                    let id = ids[next(ids.len() as u64) as usize].clone();
                    ws.apply(Command::Recolor {
                        id,
                        color: Color::Blue,
                    })
                    .unwrap();
                }
                _ => {
                    for id in ws.undo().unwrap_or_default() {
                        match ws.notebook().get(&id) {
                            Some(_) if !ids.contains(&id) => ids.push(id),
                            None => ids.retain(|i| *i != id),
                            _ => {}
                        }
                    }
                }
            }
            d.refresh(&ws, &on_screen, &Filter::default());
            same(&d, &fresh(&ws, &on_screen), &on_screen);
        }
        assert!(
            d.rebuilds - rebuilds < 30,
            "most changes were applied one annotation at a time ({} rebuilds)",
            d.rebuilds - rebuilds
        );
    }
}
