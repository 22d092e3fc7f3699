//! Applying the find bar's actions: open it on the active pane, search as the query or the
//! options change (once the article's folded text is ready), step between matches. The
//! current match becomes the pane's selection and is scrolled into view when it is not.

use super::Session;
use super::find::FindBar;
use super::pane::{Reveal, Selection};

impl Session {
    /// Ctrl+F: the bar on the active pane (kept, and focused again, when it is already there).
    pub(super) fn open_find(&mut self) {
        let pane = self.reader.active;
        let Some(article) = self.reader.panes.get(pane).and_then(|p| p.article()) else {
            self.info("Pick an article for this pane first, then Ctrl+F.");
            return;
        };
        match &mut self.reader.find {
            Some(find) if find.pane == pane && find.article == article => find.focus.set(true),
            _ => {
                self.reader.find = Some(FindBar::new(pane, article));
                self.refind();
            }
        }
    }

    /// Searches again (query, options or article changed).
    pub(super) fn refind(&mut self) {
        let (Some(ws), Some(find)) = (&self.workspace, &mut self.reader.find) else {
            return;
        };
        let Some(article) = ws.corpus.article(&find.article) else {
            return;
        };
        if find.query.trim().is_empty() {
            find.matches = Default::default();
            find.current = None;
            find.pending = false;
            return;
        }
        let top = self.reader.panes.get(find.pane).map_or(0, |p| p.top_pos);
        match self
            .folds
            .get(article, find.options.match_case, &self.waker)
        {
            Some(folded) => {
                find.search(&folded, top);
                self.show_current_match();
            }
            None => find.pending = true,
        }
    }

    /// Next or previous match.
    pub(super) fn find_step(&mut self, by: i32) {
        if let Some(find) = &mut self.reader.find {
            find.step(by);
            self.show_current_match();
        }
    }

    /// Selects the current match in its pane and scrolls to it when it is not on screen.
    fn show_current_match(&mut self) {
        let Some(find) = &self.reader.find else {
            return;
        };
        let Some(range) = find.current_range() else {
            return;
        };
        let Some(pane) = self.reader.panes.get_mut(find.pane) else {
            return;
        };
        pane.selection = Selection::of(range.clone());
        if !(pane.in_sight(range.start) && pane.in_sight(range.end.saturating_sub(1))) {
            pane.reveal = Some(Reveal::Center(range.start));
        }
        self.reader.active = find.pane;
    }

    /// A search result clicked: its article in the pane showing it (else the active pane),
    /// scrolled to the match, the match selected.
    pub(super) fn open_at(&mut self, article: &str, range: std::ops::Range<usize>) {
        let pane = match self
            .reader
            .panes
            .iter()
            .position(|p| p.article() == Some(article))
        {
            Some(i) => i,
            None => {
                let active = self.reader.active;
                self.reader.set_article(active, article.to_owned());
                active
            }
        };
        self.reader.activate(pane);
        if let Some(p) = self.reader.panes.get_mut(pane) {
            p.selection = Selection::of(range.clone());
            p.reveal = Some(Reveal::Center(range.start));
        }
    }

    /// An overview cell: the notes filtered to its highlights (its tag or colour, its article),
    /// the article shown, and the first of them revealed.
    pub(super) fn filter_cell(&mut self, key: crate::overview::RowKey, article: String) {
        let mut filter = crate::filter::Filter {
            article: Some(article.clone()),
            ..Default::default()
        };
        match &key {
            crate::overview::RowKey::Tag(t) => {
                filter.tags.insert(t.clone());
            }
            crate::overview::RowKey::Color(c) => {
                filter.colors.insert(*c);
            }
        }
        self.reader.filter = filter;
        self.effects.push(super::Effect::ShowNotes);
        let Some(ws) = &self.workspace else {
            return;
        };
        let first = ws
            .notebook()
            .annotations()
            .iter()
            .filter(|a| a.article == article && key.holds(a))
            .filter_map(|a| Some((ws.range_of(&a.id)?.start, a.id.clone())))
            .min();
        if let Some((start, id)) = first {
            let end = self.reader.reveal(&id, &article, Some(start));
            self.end_typing(end);
        } else if !self.reader.articles_on_screen().contains(&article.as_str()) {
            let active = self.reader.active;
            self.reader.set_article(active, article);
        }
    }

    /// Each frame: a finished fold brings the matches it waited for; a pane that now shows
    /// another article takes the bar with it.
    pub(super) fn find_upkeep(&mut self) {
        let folded = self.folds.poll();
        let Some(find) = &mut self.reader.find else {
            return;
        };
        let article = self
            .reader
            .panes
            .get(find.pane)
            .and_then(|p| p.article())
            .map(str::to_owned);
        match article {
            None => self.reader.find = None,
            Some(a) if a != find.article => {
                find.article = a;
                self.refind();
            }
            Some(_) if folded && find.pending => self.refind(),
            Some(_) => {}
        }
    }
}
