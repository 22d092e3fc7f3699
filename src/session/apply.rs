//! Applying actions: the one place where the session changes. Changes to notes become
//! notebook commands through the [`Workspace`]'s rules, so undo and autosave see every one;
//! everything else changes the reading session (panes, selection, find, links being made,
//! an earlier version shown). What the shell should do or say comes back as [`Effect`]s.

use super::action::Action;
use super::reader::EndTyping;
use super::{Effect, Session};
use crate::notebook::Command;
use crate::workspace::SelectionRefused;

impl Session {
    /// Carries out one action; returns what the shell should do now (with anything else the
    /// session reported since the last call), in order.
    pub fn apply(&mut self, action: Action) -> Vec<Effect> {
        self.carry_out(action);
        self.take_effects()
    }

    fn carry_out(&mut self, action: Action) {
        match action {
            Action::Annotate(command) => self.annotate(command),
            Action::Undo | Action::Redo => {
                let Some(ws) = &mut self.workspace else {
                    return;
                };
                let touched = if action == Action::Undo {
                    ws.undo()
                } else {
                    ws.redo()
                };
                for id in touched.unwrap_or_default() {
                    if ws.notebook().get(&id).is_none() {
                        self.reader.forget(&id);
                    }
                }
            }
            Action::HighlightSelection { pane, note } => self.highlight_selection(pane, note),
            Action::SelectAnnotation(id) => {
                if let Some(id) = &id
                    && self.link_to_annotation(id)
                {
                    return;
                }
                let end = self.reader.select(id.clone());
                self.end_typing(end);
                if let Some(id) = id {
                    // Levelling its links' other ends needs the panes' geometry.
                    self.effects.push(Effect::LevelCounterparts(id));
                }
            }
            Action::TextPressed => {
                // A selected highlight is deselected (colour keys then apply to the next
                // one); a selected *unanchored* annotation stays, waiting to be attached.
                let anchored = self.reader.selected.as_ref().is_some_and(|id| {
                    self.workspace
                        .as_ref()
                        .is_some_and(|w| w.range_of(id).is_some())
                });
                if anchored {
                    let end = self.reader.select(None);
                    self.end_typing(end);
                }
            }
            Action::ClearSelection => {
                self.reader.collapse_selections();
                let end = self.reader.select(None);
                self.end_typing(end);
            }
            Action::Reveal(id) => {
                let Some(ws) = &self.workspace else {
                    return;
                };
                let Some(article) = ws.notebook().get(&id).map(|a| a.article.clone()) else {
                    return;
                };
                let start = ws.range_of(&id).map(|r| r.start);
                let end = self.reader.reveal(&id, &article, start);
                self.end_typing(end);
            }
            Action::OpenNoteEditor(id) => self.reader.open_editor(id),
            Action::CloseNoteEditor => {
                let end = self.reader.close_editor();
                self.end_typing(end);
            }
            Action::PickColor(color) => {
                self.reader.color = color;
                if let Some(id) = self.reader.selected.clone() {
                    self.annotate(Command::Recolor { id, color });
                }
            }
            Action::Activate(pane) => self.reader.activate(pane),
            Action::SetArticle { pane, article } => {
                if self.reader.version.as_ref().is_some_and(|v| v.pane == pane) {
                    // Another article picked in the earlier version's pane: the comparison
                    // ends (the pane is not given back its old article).
                    self.reader.version = None;
                }
                self.reader.set_article(pane, article)
            }
            Action::AddPane => {
                let Some(ws) = &self.workspace else {
                    return;
                };
                self.reader.add_pane(&ws.corpus.file_names());
            }
            Action::ClosePane(i) => {
                if self.reader.version.as_ref().is_some_and(|v| v.pane == i) {
                    self.reader.version = None;
                }
                if self.reader.close_pane(i)
                    && let Some(v) = &mut self.reader.version
                    && v.pane > i
                {
                    v.pane -= 1;
                }
            }
            Action::CopySelection => {
                if let Some(text) = self.selection_text() {
                    self.effects.push(Effect::CopyText(text));
                }
            }
            Action::SetCompare(on) => self.compare = on,
            Action::SetSyncScroll(on) => {
                self.sync_scroll = on;
                // Aligns from where both panes are: the active one leads.
                self.sync.lead_with(self.reader.active);
            }
            Action::CompareWithVersion { article, hash } => {
                self.compare_with_version(&article, hash)
            }
            Action::VersionStep(step) => self.version_step(step),
            Action::CloseVersion => self.close_version(),
            Action::ToggleCaret => {
                self.reader.caret = !self.reader.caret;
                let active = self.reader.active;
                if self.reader.caret
                    && let Some(p) = self.reader.panes.get_mut(active)
                    && p.selection.is_empty()
                    && !p.visible.contains(&p.selection.head)
                {
                    // The caret starts where the reader is reading: the first line in sight.
                    p.selection = super::pane::Selection::caret(p.visible.start);
                }
                self.effects.push(Effect::Info(
                    if self.reader.caret {
                        "Caret browsing on: arrows move the caret, Shift selects (F7 turns it off)"
                    } else {
                        "Caret browsing off"
                    }
                    .into(),
                ));
            }
            Action::MoveCaret { pane, to, extend } => self.move_caret(pane, to, extend),
            Action::StepHighlight { pane, step } => self.step_highlight(pane, step),
            Action::JumpTo { pane, char } => {
                if let Some(p) = self.reader.panes.get_mut(pane) {
                    p.reveal = Some(crate::session::pane::Reveal::Top(char));
                    self.reader.activate(pane);
                }
            }
            Action::Scroll { pane, by } => {
                if let Some(pane) = self.reader.panes.get_mut(pane) {
                    pane.scroll(by);
                }
            }
            Action::RecoverFromBackup => {
                let Some(ws) = &mut self.workspace else {
                    return;
                };
                self.effects.push(match ws.recover_from_backup() {
                    Ok(n) => {
                        Effect::Info(format!("Restored {n} annotations from the last backup."))
                    }
                    Err(e) => Effect::Error(format!("Could not restore the backup: {e}")),
                });
            }
            Action::StartFresh => {
                if let Some(ws) = &mut self.workspace {
                    ws.start_fresh();
                }
            }
            Action::AttachToSelection(id) => self.attach_to_selection(&id),
            Action::AttachAt { id, article, range } => self.attach_at(&id, &article, range),
            Action::StartLink { pane } => self.start_link(pane),
            Action::LinkTo { pane } => self.link_to_selection(pane),
            Action::LinkDraftRelation(relation) => {
                if let Some(draft) = &mut self.reader.link_draft {
                    draft.relation = relation;
                }
            }
            Action::LinkDraftNote(note) => {
                if let Some(draft) = &mut self.reader.link_draft {
                    draft.note = note;
                }
            }
            Action::FinishLink => self.finish_link(),
            Action::CancelLink => self.reader.link_draft = None,
            Action::Level { pane, char, offset } => self.level(pane, char, offset),
            Action::AcceptPair(pair) => self.accept_pair(pair),
            Action::DismissPair(pair) => self.dismiss_pair(pair),
            Action::OpenFind => self.open_find(),
            Action::CloseFind => self.reader.find = None,
            Action::FindQuery(query) => {
                if let Some(find) = &mut self.reader.find {
                    find.query = query;
                }
                self.refind();
            }
            Action::FindOptions(options) => {
                if let Some(find) = &mut self.reader.find {
                    find.options = options;
                }
                self.refind();
            }
            Action::FindStep(by) => self.find_step(by),
            Action::NearTop(passages) => self.near_top(passages),
            Action::OpenAt { article, range } => self.open_at(&article, range),
            Action::SetFilter(filter) => {
                self.reader.filter = filter;
                self.effects.push(Effect::ShowNotes);
            }
            Action::FilterCell { key, article } => self.filter_cell(key, article),
        }
    }

    /// The active pane's selected text: the earlier version's text when that pane shows one
    /// (it is not in the corpus).
    fn selection_text(&self) -> Option<String> {
        let (article, range) = self.reader.active_selection()?;
        let version = self
            .reader
            .version
            .as_ref()
            .filter(|v| v.pane == self.reader.active);
        if let Some(v) = version {
            let end = range.end.min(v.old.char_len());
            return Some(v.old.slice(range.start.min(end)..end).to_owned());
        }
        self.workspace.as_ref()?.selection_text(article, range)
    }

    /// A run of typing in a note ended (the editor closed or lost focus): the next keystroke
    /// is a new undo step.
    pub fn end_typing(&mut self, end: EndTyping) {
        if end.0
            && let Some(ws) = &mut self.workspace
        {
            ws.end_typing();
        }
    }

    fn annotate(&mut self, command: Command) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        let deleted = match &command {
            Command::Delete { id } => Some(id.clone()),
            _ => None,
        };
        // What a deletion takes with it beyond the highlight, said with Undo beside it.
        let lost = deleted.as_deref().and_then(|id| {
            let note = ws
                .notebook()
                .get(id)
                .is_some_and(|a| !a.note.trim().is_empty());
            let links = ws.notebook().links_of(id).count();
            deleted_what(note, links)
        });
        match ws.apply(command) {
            Err(e) => self.effects.push(Effect::Error(e.to_string())),
            Ok(()) => {
                if let Some(id) = deleted {
                    self.reader.forget(&id);
                }
                if let Some(text) = lost {
                    self.effects.push(Effect::Undoable(text));
                }
            }
        }
    }

    /// H / N: a highlight from a pane's selection (the rules are the workspace's). N with no
    /// selection opens the note of the selected highlight.
    fn highlight_selection(&mut self, pane: usize, note: bool) {
        if self.reader.version.as_ref().is_some_and(|v| v.pane == pane) {
            self.effects.push(Effect::Info(
                "The earlier version is read-only: highlight the current text instead.".into(),
            ));
            return;
        }
        let Some(ws) = &mut self.workspace else {
            return;
        };
        let Some((article, range)) = self.reader.selection_in(pane) else {
            if note && let Some(id) = self.reader.selected.clone() {
                self.reader.open_editor(id);
            }
            return;
        };
        let article = article.to_owned();
        match ws.highlight(&article, range, self.reader.color) {
            Ok(made) => self.reader.highlighted(pane, made.id, made.range, note),
            Err(e) => self.refused(e),
        }
    }

    /// Re-attaches an annotation (one whose passage was lost) to the active pane's selection.
    fn attach_to_selection(&mut self, id: &str) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        let Some((article, selection)) = self.reader.active_selection() else {
            return;
        };
        let article = article.to_owned();
        match ws.attach(id, &article, selection) {
            Ok(range) => self
                .reader
                .highlighted(self.reader.active, id.to_owned(), range, false),
            Err(e) => self.refused(e),
        }
    }

    /// Re-attaches an annotation to a place of its article the notes panel offered, and
    /// brings it into view.
    fn attach_at(&mut self, id: &str, article: &str, range: std::ops::Range<usize>) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        match ws.attach(id, article, range) {
            Ok(range) => {
                let end = self.reader.reveal(id, article, Some(range.start));
                self.end_typing(end);
            }
            Err(e) => self.refused(e),
        }
    }

    fn refused(&mut self, why: SelectionRefused) {
        match why {
            SelectionRefused::Empty => {}
            SelectionRefused::OnlyWhiteSpace => self.effects.push(Effect::Info(why.to_string())),
            _ => self.effects.push(Effect::Error(why.to_string())),
        }
    }
}

/// "Deleted the highlight and its note", "… and its 2 links": `None` for a bare highlight,
/// whose loss needs no word.
fn deleted_what(note: bool, links: usize) -> Option<String> {
    let links = match links {
        0 => None,
        1 => Some("its link".to_owned()),
        n => Some(format!("its {n} links")),
    };
    match (note, links) {
        (false, None) => None,
        (true, None) => Some("Deleted the highlight and its note.".into()),
        (false, Some(l)) => Some(format!("Deleted the highlight and {l}.")),
        (true, Some(l)) => Some(format!("Deleted the highlight, its note and {l}.")),
    }
}
