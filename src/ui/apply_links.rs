//! Applying the actions of linking and comparing: the link draft (`L`, its second end, the
//! relation window), levelling a pane with a counterpart, and accepting or dismissing a
//! corresponding passage. Notes change only through the workspace's rules
//! ([`crate::workspace::Workspace::link`], `accept_pair`, `dismiss_pair`), as notebook
//! commands.

use super::app::GlossApp;
use super::connectors::{self, Place};
use super::link_draft::LinkDraft;
use super::pair_ref::PairRef;
use super::pane::Reveal;
use crate::workspace::End;

impl GlossApp {
    /// L / *Link…*: a draft from the pane's selection, else from the selected highlight.
    pub(super) fn start_link(&mut self, pane: usize) {
        let Some(ws) = &self.session.workspace else {
            return;
        };
        if let Some(why) = ws.read_only_reason() {
            self.notices
                .error(format!("Cannot link: annotating is disabled ({why})."));
            return;
        }
        let from = match self.reader.selection_in(pane) {
            Some((article, selection)) => match ws.trimmed_selection(article, selection) {
                Ok(range) => End::Passage {
                    article: article.to_owned(),
                    range,
                },
                Err(e) => {
                    self.notices.info(e.to_string());
                    return;
                }
            },
            None => match self.reader.selected.clone() {
                Some(id) if ws.range_of(&id).is_some() => End::Annotation(id),
                _ => {
                    self.notices
                        .info("To link, select a passage or click a highlight, then press L.");
                    return;
                }
            },
        };
        let end = self.reader.select(None);
        self.end_typing(end);
        self.reader.link_draft = Some(LinkDraft::new(from));
    }

    /// The reader clicked a highlight while a link waits for its second end: it is the end.
    /// Returns whether the click was taken that way.
    pub(super) fn link_to_annotation(&mut self, id: &str) -> bool {
        let Some(draft) = self.reader.link_draft.as_mut().filter(|d| d.waiting()) else {
            return false;
        };
        if draft.from != End::Annotation(id.to_owned()) {
            draft.to = Some(End::Annotation(id.to_owned()));
        }
        true
    }

    /// The pane's new selection is the second end of the link being made.
    pub(super) fn link_to_selection(&mut self, pane: usize) {
        let (Some(ws), Some(draft)) = (&self.session.workspace, &self.reader.link_draft) else {
            return;
        };
        if !draft.waiting() {
            return;
        }
        let Some((article, selection)) = self.reader.selection_in(pane) else {
            return;
        };
        let Ok(range) = ws.trimmed_selection(article, selection) else {
            return;
        };
        let to = End::Passage {
            article: article.to_owned(),
            range,
        };
        if let Some(draft) = &mut self.reader.link_draft
            && draft.from != to
        {
            draft.to = Some(to);
        }
    }

    /// *Link* in the relation window: the link is made (one undo step).
    pub(super) fn finish_link(&mut self) {
        let Some(ws) = &mut self.session.workspace else {
            return;
        };
        let Some(draft) = self.reader.link_draft.take() else {
            return;
        };
        let Some(to) = draft.to else {
            self.reader.link_draft = Some(LinkDraft { to: None, ..draft });
            return;
        };
        match ws.link(
            draft.from,
            to,
            draft.relation,
            &draft.note,
            self.reader.color,
        ) {
            Ok(_) => {
                for pane in &mut self.reader.panes {
                    pane.selection = Default::default();
                }
                self.notices
                    .info(format!("Linked: {}.", draft.relation.label()));
            }
            Err(e) => self.notices.error(format!("Not linked: {e}")),
        }
    }

    /// Scrolls `pane` so `char` is at screen height `y` (or in the middle).
    pub(super) fn level(&mut self, pane: usize, char: usize, y: Option<f32>) {
        let Some(p) = self.reader.panes.get_mut(pane) else {
            return;
        };
        p.reveal = Some(match (y, p.shown_rect) {
            (Some(y), Some(shown)) => Reveal::At {
                char,
                offset: (y - shown.top()).max(0.0),
            },
            _ => Reveal::Center(char),
        });
        self.settle(pane);
    }

    /// A pane put in place is not the reader's scrolling (see scrolling in step).
    fn settle(&mut self, pane: usize) {
        self.session.sync.settle(pane);
    }

    /// A linked highlight was clicked: each neighbouring pane showing the other end of one of
    /// its links scrolls so that end is level with it.
    pub(super) fn level_counterparts(&mut self, id: &str) {
        let Some(ws) = &self.session.workspace else {
            return;
        };
        let (Some(a), Some(range)) = (ws.notebook().get(id), ws.range_of(id)) else {
            return;
        };
        let panes = &self.reader.panes;
        let Some((i, top)) = panes.iter().enumerate().find_map(|(i, p)| {
            (p.article() == Some(a.article.as_str()))
                .then(|| match connectors::place(p, &range) {
                    Some(Place::Shown { top, .. }) => Some((i, top)),
                    _ => None,
                })
                .flatten()
        }) else {
            return;
        };
        let mut moves = Vec::new();
        for link in ws.notebook().links_of(id) {
            let Some(other) = link.other_end(id) else {
                continue;
            };
            let (Some(oa), Some(or)) = (ws.notebook().get(other), ws.range_of(other)) else {
                continue;
            };
            for j in [i.checked_sub(1), Some(i + 1)].into_iter().flatten() {
                if panes.get(j).and_then(|p| p.article()) == Some(oa.article.as_str())
                    && !moves.iter().any(|(k, _)| *k == j)
                {
                    moves.push((j, or.start));
                }
            }
        }
        for (j, char) in moves {
            self.level(j, char, Some(top));
        }
    }

    /// *Accept*: the corresponding passage becomes a *same fact* link.
    pub(super) fn accept_pair(&mut self, pair: PairRef) {
        let Some(ws) = &mut self.session.workspace else {
            return;
        };
        let a = (pair.a.0.as_str(), pair.a.1.clone());
        let b = (pair.b.0.as_str(), pair.b.1.clone());
        let (relation, said) = if pair.kind == crate::compare::Kind::Differs {
            (
                crate::link::Relation::Contradicts,
                "Linked as contradicting (both passages highlighted).",
            )
        } else {
            (
                crate::link::Relation::SameFact,
                "Linked as the same fact (both passages highlighted).",
            )
        };
        match ws.accept_pair(a, b, relation, self.reader.color) {
            Ok(_) => self.notices.info(said),
            Err(e) => self.notices.error(format!("Not linked: {e}")),
        }
        self.reader.open_pair = None;
    }

    /// *Dismiss*: the corresponding passage is hidden, and stays hidden.
    pub(super) fn dismiss_pair(&mut self, pair: PairRef) {
        let Some(ws) = &mut self.session.workspace else {
            return;
        };
        let a = (pair.a.0.as_str(), pair.a.1.clone());
        let b = (pair.b.0.as_str(), pair.b.1.clone());
        match ws.dismiss_pair(a, b) {
            Ok(()) => self
                .notices
                .info("Suggestion dismissed (Ctrl+Z brings it back)."),
            Err(e) => self.notices.error(e.to_string()),
        }
        self.reader.open_pair = None;
    }

    /// View ▸ Correspondences: the table needs the comparison, so opening it turns compare
    /// mode on.
    pub(super) fn toggle_correspondences(&mut self) {
        let show = !self.ui_state.show_correspondences;
        self.ui_state.show_correspondences = show;
        self.ui_state.table.row = None;
        if show {
            self.ui_state.compare = true;
        }
    }

    /// A row of the correspondence table: selected, and each pane showing one of its
    /// articles brought to its passage (a little below the pane's top).
    pub(super) fn table_select(
        &mut self,
        row: usize,
        a: Option<(String, std::ops::Range<usize>)>,
        b: Option<(String, std::ops::Range<usize>)>,
    ) {
        self.ui_state.table.row = Some(row);
        for (article, range) in [a, b].into_iter().flatten() {
            if let Some(p) = self
                .reader
                .panes
                .iter_mut()
                .find(|p| p.article() == Some(article.as_str()))
            {
                // Near the top: the table window sits over the lower part of the panes.
                p.reveal = Some(super::pane::Reveal::At {
                    char: range.start,
                    offset: 48.0,
                });
            }
        }
    }
}
