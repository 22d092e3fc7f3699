//! Applying the compare-with-earlier-version actions: reading the version on a worker, placing
//! it in the pane beside its article, stepping through the changes, closing it.

use super::Session;
use super::pane::{Pane, PaneState, Reveal};
use super::version_view::{self, Loaded, VersionView};

impl Session {
    /// *Compare with earlier version* of `article`: the version `hash`, or the oldest kept.
    pub(super) fn compare_with_version(&mut self, article: &str, hash: Option<String>) {
        let Some(ws) = &self.workspace else {
            return;
        };
        let Some(current) = ws.corpus.article(article) else {
            return;
        };
        self.version_loading = Some(version_view::start(
            ws.versions(),
            current,
            hash,
            self.waker.clone(),
        ));
    }

    /// Takes in a finished comparison with an earlier version.
    pub(super) fn version_upkeep(&mut self) {
        let Some(job) = self.version_loading.take() else {
            return;
        };
        match job.try_take() {
            None => self.version_loading = Some(job),
            Some(Ok(Ok(loaded))) => self.version_loaded(loaded),
            Some(Ok(Err(none))) => self.info(none.to_string()),
            Some(Err(e)) => self.error(e.to_string()),
        }
    }

    /// Shows the earlier version in the pane beside the one showing its article (the next
    /// one, else the previous one, else a new pane), and goes to the first change.
    fn version_loaded(&mut self, loaded: Loaded) {
        self.close_version();
        let reader = &mut self.reader;
        let shown_at = |i: &usize| reader.panes[*i].article() == Some(loaded.article.as_str());
        let at = std::iter::once(reader.active)
            .chain(0..reader.panes.len())
            .find(|i| *i < reader.panes.len() && shown_at(i));
        let at = match at {
            Some(at) => at,
            None => {
                let active = reader.active;
                reader.set_article(active, loaded.article.clone());
                active
            }
        };
        let (pane, added) = if at + 1 < reader.panes.len() {
            (at + 1, false)
        } else if at > 0 {
            (at - 1, false)
        } else if reader.add_pane(&[]) {
            (reader.panes.len() - 1, true)
        } else {
            return;
        };
        let label = loaded.old.file_name.clone();
        let previous = reader.panes[pane].state.clone();
        reader.panes[pane] = Pane::new(PaneState {
            article: Some(label),
            top_char: 0,
        });
        let mut view = VersionView::new(loaded, pane);
        view.previous = (!added).then_some(previous);
        reader.version = Some(view);
        self.version_step(1);
    }

    /// Goes `step` changes on and brings the change into view in both panes.
    pub(super) fn version_step(&mut self, step: i32) {
        let Some(view) = &mut self.reader.version else {
            return;
        };
        let Some(change) = view.step(step).cloned() else {
            return;
        };
        let (pane, article) = (view.pane, view.article.clone());
        for (i, p) in self.reader.panes.iter_mut().enumerate() {
            if i == pane {
                p.reveal = Some(Reveal::Center(change.old.start));
            } else if p.article() == Some(article.as_str()) {
                p.reveal = Some(Reveal::Center(change.new.start));
            }
        }
    }

    /// Closes the earlier version: its pane shows again what it showed before (or goes, if it
    /// was opened for the version).
    pub(super) fn close_version(&mut self) {
        let Some(view) = self.reader.version.take() else {
            return;
        };
        match view.previous {
            Some(state) if view.pane < self.reader.panes.len() => {
                self.reader.panes[view.pane] = Pane::new(state);
            }
            _ => {
                self.reader.close_pane(view.pane);
            }
        }
    }
}
