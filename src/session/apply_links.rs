//! Applying the actions of linking and comparing: the link draft (`L`, its second end, the
//! relation window), levelling a pane with a counterpart, and accepting or dismissing a
//! corresponding passage. Notes change only through the workspace's rules
//! ([`crate::workspace::Workspace::link`], `accept_pair`, `dismiss_pair`), as notebook
//! commands.

use super::Session;
use super::action::Pair;
use super::link_draft::LinkDraft;
use super::pane::Reveal;
use crate::workspace::End;

impl Session {
    /// L / *Link…*: a draft from the pane's selection, else from the selected highlight.
    pub(super) fn start_link(&mut self, pane: usize) {
        let Some(ws) = &self.workspace else {
            return;
        };
        if let Some(why) = ws.read_only_reason() {
            self.error(format!("Cannot link: annotating is disabled ({why})."));
            return;
        }
        let from = match self.reader.selection_in(pane) {
            Some((article, selection)) => match ws.trimmed_selection(article, selection) {
                Ok(range) => End::Passage {
                    article: article.to_owned(),
                    range,
                },
                Err(e) => {
                    self.info(e.to_string());
                    return;
                }
            },
            None => match self.reader.selected.clone() {
                Some(id) if ws.range_of(&id).is_some() => End::Annotation(id),
                _ => {
                    self.info("To link, select a passage or click a highlight, then press L.");
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
        let (Some(ws), Some(draft)) = (&self.workspace, &self.reader.link_draft) else {
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
        let Some(ws) = &mut self.workspace else {
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
                self.info(format!("Linked: {}.", draft.relation.label()));
            }
            Err(e) => self.error(format!("Not linked: {e}")),
        }
    }

    /// Scrolls `pane` so `char` is `offset` points below its top (or in the middle).
    pub(super) fn level(&mut self, pane: usize, char: usize, offset: Option<f32>) {
        let Some(p) = self.reader.panes.get_mut(pane) else {
            return;
        };
        p.reveal = Some(match offset {
            Some(offset) => Reveal::At {
                char,
                offset: offset.max(0.0),
            },
            None => Reveal::Center(char),
        });
        // A pane put in place is not the reader's scrolling (see scrolling in step).
        self.sync.settle(pane);
    }

    /// *Accept*: the corresponding passage becomes a *same fact* link.
    pub(super) fn accept_pair(&mut self, pair: Pair) {
        let Some(ws) = &mut self.workspace else {
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
            Ok(_) => self.info(said),
            Err(e) => self.error(format!("Not linked: {e}")),
        }
    }

    /// *Dismiss*: the corresponding passage is hidden, and stays hidden.
    pub(super) fn dismiss_pair(&mut self, pair: Pair) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        let a = (pair.a.0.as_str(), pair.a.1.clone());
        let b = (pair.b.0.as_str(), pair.b.1.clone());
        match ws.dismiss_pair(a, b) {
            Ok(()) => self.info("Suggestion dismissed (Ctrl+Z brings it back)."),
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Each pane showing one of these articles brought to its passage, a little below the
    /// pane's top (a correspondence table row: the table sits over the lower part of the panes).
    pub(super) fn near_top(&mut self, passages: Vec<(String, std::ops::Range<usize>)>) {
        for (article, range) in passages {
            if let Some(p) = self
                .reader
                .panes
                .iter_mut()
                .find(|p| p.article() == Some(article.as_str()))
            {
                p.reveal = Some(Reveal::At {
                    char: range.start,
                    offset: 48.0,
                });
            }
        }
    }
}
