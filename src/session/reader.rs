//! What the reader is doing right now: the panes and which one is active, the selected
//! annotation, the colour for new highlights, and the note being edited.
//!
//! These are the rules of the reading session — activating a pane collapses the other pane's
//! selection, closing a pane keeps the active one pointing at the same pane, a deleted
//! annotation is deselected and its editor closed — kept as plain methods, unit-tested
//! directly. The panes' layout caches are the window's business (`crate::ui`'s `Pane`).

use std::ops::Range;

use super::find::FindBar;
use super::link_draft::LinkDraft;
use super::pane::{MAX_PANES, Pane, PaneState, Reveal, Selection};
use crate::annotation::Color;

/// The note editor (the floating note window) is open on `id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEditor {
    pub id: String,
    /// Give the text field keyboard focus on the next frame (it just opened).
    pub focus: bool,
}

pub struct Reader {
    pub panes: Vec<Pane>,
    /// The pane keyboard commands act on.
    pub active: usize,
    pub selected: Option<String>,
    /// The colour new highlights get.
    pub color: Color,
    pub note_editor: Option<NoteEditor>,
    /// A link being made (`L`): its first end, and its second once picked.
    pub link_draft: Option<LinkDraft>,
    /// The find bar, while open.
    pub find: Option<FindBar>,
    /// The notes-panel filter.
    pub filter: crate::filter::Filter,
    /// An article's earlier version shown beside it (read-only).
    pub version: Option<super::version_view::VersionView>,
    /// Caret browsing (F7): the arrows move a caret in the active pane.
    pub caret: bool,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            panes: Vec::new(),
            active: 0,
            selected: None,
            color: Color::Yellow,
            note_editor: None,
            link_draft: None,
            find: None,
            filter: Default::default(),
            version: None,
            caret: false,
        }
    }
}

/// What the reader state asks of the notebook after a change: a closed note editor ends the
/// typing session (the next keystroke starts a new undo step).
#[must_use]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndTyping(pub bool);

impl Reader {
    /// A session on these panes (at most [`MAX_PANES`]), the first one active.
    pub fn new(panes: Vec<PaneState>) -> Reader {
        Reader {
            panes: panes.into_iter().take(MAX_PANES).map(Pane::new).collect(),
            ..Reader::default()
        }
    }

    /// The panes' articles and scroll positions, to remember between runs.
    pub fn layout(&self) -> Vec<PaneState> {
        self.panes.iter().map(|p| p.state.clone()).collect()
    }

    /// Each pane's article (file name), in pane order.
    pub fn article_names(&self) -> Vec<Option<String>> {
        self.panes
            .iter()
            .map(|p| p.article().map(str::to_owned))
            .collect()
    }

    /// A pane's article, if the pane exists and shows one.
    pub fn article_in(&self, pane: usize) -> Option<&str> {
        self.panes.get(pane)?.article()
    }

    /// A pane's text selection (empty: the caret), if the pane exists.
    pub fn selection_of(&self, pane: usize) -> Option<Range<usize>> {
        Some(self.panes.get(pane)?.selection.range())
    }

    /// The first char at the top of a pane (its scroll position in the text), if it exists.
    pub fn top_char(&self, pane: usize) -> Option<usize> {
        Some(self.panes.get(pane)?.state.top_char)
    }

    pub fn active_pane(&self) -> Option<&Pane> {
        self.panes.get(self.active)
    }

    /// The active pane's article and its (untrimmed) text selection, when text is selected.
    pub fn active_selection(&self) -> Option<(&str, Range<usize>)> {
        self.selection_in(self.active)
    }

    /// A pane's article and its text selection, when text is selected there.
    pub fn selection_in(&self, pane: usize) -> Option<(&str, Range<usize>)> {
        let pane = self.panes.get(pane)?;
        (!pane.selection.is_empty()).then(|| pane.article().map(|a| (a, pane.selection.range())))?
    }

    /// The articles shown, each once, in pane order.
    pub fn articles_on_screen(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for a in self.panes.iter().filter_map(Pane::article) {
            if !out.contains(&a) {
                out.push(a);
            }
        }
        out
    }

    /// Selects an annotation (or none). A note editor open on another one closes; the panes'
    /// text selections let go.
    pub fn select(&mut self, id: Option<String>) -> EndTyping {
        if id.is_some() {
            // Its toolbar shows: no text selection stays behind with a bar of its own.
            self.collapse_selections();
        }
        let close = self
            .note_editor
            .as_ref()
            .is_some_and(|e| Some(&e.id) != id.as_ref());
        self.selected = id;
        if close {
            self.close_editor()
        } else {
            EndTyping(false)
        }
    }

    /// Opens the note editor on an annotation (selecting it), focused.
    pub fn open_editor(&mut self, id: String) {
        self.selected = Some(id.clone());
        self.note_editor = Some(NoteEditor { id, focus: true });
    }

    pub fn close_editor(&mut self) -> EndTyping {
        EndTyping(self.note_editor.take().is_some())
    }

    /// Takes the "focus the note field" request (true once, right after opening).
    pub fn take_editor_focus(&mut self) -> bool {
        self.note_editor
            .as_mut()
            .is_some_and(|e| std::mem::take(&mut e.focus))
    }

    /// An annotation no longer exists: it is no longer selected or edited.
    pub fn forget(&mut self, id: &str) {
        if self.selected.as_deref() == Some(id) {
            self.selected = None;
        }
        if self.note_editor.as_ref().is_some_and(|e| e.id == id) {
            self.note_editor = None;
        }
    }

    /// Every pane's selection shrinks to its caret.
    pub fn collapse_selections(&mut self) {
        for p in &mut self.panes {
            p.selection = Selection::caret(p.selection.head);
        }
    }

    /// Makes `pane` the active one; the pane left behind keeps its caret but not its
    /// selection (one selection at a time, so keys act on the one the reader sees).
    pub fn activate(&mut self, pane: usize) {
        if pane == self.active {
            return;
        }
        if let Some(p) = self.panes.get_mut(self.active) {
            p.selection = Selection::caret(p.selection.head);
        }
        self.active = pane.min(self.panes.len().saturating_sub(1));
    }

    /// Shows `article` in `pane` and makes it active.
    pub fn set_article(&mut self, pane: usize, article: String) {
        if let Some(p) = self.panes.get_mut(pane) {
            p.set_article(article);
            self.active = pane;
        }
    }

    /// Adds a pane (up to [`MAX_PANES`]) showing the first of `articles` no pane shows, or
    /// the first article when all are shown; it becomes active.
    pub fn add_pane(&mut self, articles: &[&str]) -> bool {
        if self.panes.len() >= MAX_PANES {
            return false;
        }
        let shown = self.articles_on_screen();
        let next = articles
            .iter()
            .find(|a| !shown.contains(a))
            .or(articles.first())
            .map(|a| a.to_string());
        self.panes.push(Pane::new(PaneState {
            article: next,
            top_char: 0,
        }));
        self.active = self.panes.len() - 1;
        true
    }

    /// Closes a pane (never the last); the active pane stays the same pane if it is still
    /// there.
    pub fn close_pane(&mut self, i: usize) -> bool {
        if self.panes.len() <= 1 || i >= self.panes.len() {
            return false;
        }
        self.panes.remove(i);
        if self.active >= i && self.active > 0 {
            self.active -= 1;
        }
        true
    }

    /// Brings annotation `id` of `article` into view: in the pane showing that article (or
    /// the active pane, which then opens it), centred on `start` when it has a place, and
    /// selects it.
    pub fn reveal(&mut self, id: &str, article: &str, start: Option<usize>) -> EndTyping {
        let end = self.select(Some(id.to_owned()));
        let Some(start) = start else {
            return end;
        };
        let pane = self
            .panes
            .iter()
            .position(|p| p.article() == Some(article))
            .unwrap_or(self.active);
        if let Some(p) = self.panes.get_mut(pane) {
            p.set_article(article.to_owned());
            p.reveal = Some(Reveal::Center(start));
            self.active = pane;
        }
        end
    }

    /// After a highlight was made from a pane's selection: the caret goes to its end (so
    /// the next keys do not act on the old selection), it is selected, and with `note` the
    /// note editor opens on it.
    pub fn highlighted(&mut self, pane: usize, id: String, range: Range<usize>, note: bool) {
        if let Some(p) = self.panes.get_mut(pane) {
            p.selection = Selection::caret(range.end);
        }
        if note {
            self.open_editor(id);
        } else {
            self.selected = Some(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(articles: &[&str]) -> Reader {
        Reader::new(
            articles
                .iter()
                .map(|a| PaneState {
                    article: Some(a.to_string()),
                    top_char: 0,
                })
                .collect(),
        )
    }

    #[test]
    fn activating_another_pane_collapses_the_old_selection() {
        let mut r = reader(&["a.txt", "b.txt"]);
        r.panes[0].selection = Selection { anchor: 3, head: 9 };
        assert_eq!(r.active_selection(), Some(("a.txt", 3..9)));
        r.activate(1);
        assert_eq!(r.active, 1);
        assert_eq!(r.panes[0].selection, Selection::caret(9));
        assert_eq!(r.active_selection(), None);
    }

    #[test]
    fn selecting_another_annotation_closes_the_editor_and_ends_typing() {
        let mut r = reader(&["a.txt"]);
        r.open_editor("one".into());
        assert!(r.take_editor_focus());
        assert!(!r.take_editor_focus(), "focus is requested once");
        assert_eq!(r.select(Some("one".into())), EndTyping(false));
        assert!(r.note_editor.is_some());
        assert_eq!(r.select(Some("two".into())), EndTyping(true));
        assert!(r.note_editor.is_none());
        assert_eq!(r.selected.as_deref(), Some("two"));
    }

    #[test]
    fn a_deleted_annotation_is_forgotten() {
        let mut r = reader(&["a.txt"]);
        r.open_editor("gone".into());
        r.forget("other");
        assert!(r.note_editor.is_some());
        r.forget("gone");
        assert!(r.note_editor.is_none());
        assert_eq!(r.selected, None);
    }

    #[test]
    fn closing_a_pane_keeps_the_same_pane_active_and_never_closes_the_last() {
        let mut r = reader(&["a.txt", "b.txt", "c.txt"]);
        r.activate(2);
        assert!(r.close_pane(0));
        assert_eq!(r.active, 1);
        assert_eq!(r.active_pane().unwrap().article(), Some("c.txt"));
        assert!(r.close_pane(1));
        assert!(!r.close_pane(0), "the last pane stays");
        assert_eq!(r.panes.len(), 1);
    }

    #[test]
    fn a_new_pane_shows_an_article_not_yet_on_screen() {
        let mut r = reader(&["a.txt", "b.txt"]);
        assert!(r.add_pane(&["a.txt", "b.txt", "c.txt"]));
        assert_eq!(r.panes[2].article(), Some("c.txt"));
        assert_eq!(r.active, 2);
        assert!(r.add_pane(&["a.txt", "b.txt", "c.txt"]));
        assert_eq!(r.panes[3].article(), Some("a.txt"), "all shown: the first");
        assert!(!r.add_pane(&["a.txt"]), "at most four panes");
    }

    #[test]
    fn revealing_uses_the_pane_showing_the_article_or_opens_it_in_the_active_one() {
        let mut r = reader(&["a.txt", "b.txt"]);
        let _ = r.reveal("x", "b.txt", Some(40));
        assert_eq!(r.active, 1);
        assert_eq!(r.panes[1].reveal, Some(Reveal::Center(40)));
        r.activate(0);
        let _ = r.reveal("y", "c.txt", Some(7));
        assert_eq!(r.panes[0].article(), Some("c.txt"));
        assert_eq!(r.selected.as_deref(), Some("y"));
        // An orphan has no place: selected, nothing scrolls.
        let _ = r.reveal("z", "a.txt", None);
        assert_eq!(r.selected.as_deref(), Some("z"));
        assert_eq!(r.panes[0].article(), Some("c.txt"));
    }

    #[test]
    fn after_highlighting_the_caret_moves_to_the_end_and_the_note_can_open() {
        let mut r = reader(&["a.txt"]);
        r.panes[0].selection = Selection {
            anchor: 2,
            head: 12,
        };
        r.highlighted(0, "h".into(), 3..11, true);
        assert_eq!(r.panes[0].selection, Selection::caret(11));
        assert_eq!(r.selected.as_deref(), Some("h"));
        assert_eq!(r.note_editor.as_ref().map(|e| e.id.as_str()), Some("h"));
    }

    #[test]
    fn articles_on_screen_are_listed_once_in_pane_order() {
        let r = reader(&["b.txt", "a.txt", "b.txt"]);
        assert_eq!(r.articles_on_screen(), vec!["b.txt", "a.txt"]);
    }
}
