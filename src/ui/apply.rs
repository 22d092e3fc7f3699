//! Applying actions: the one place where the app changes. Views sent the frame's actions
//! through the [`super::context::FrameCtx`]; after drawing, the shell applies them here in
//! order. Changes to notes become notebook commands through the [`Workspace`]'s rules, so undo
//! and autosave see every one; everything else changes the reader state, the notices or the
//! remembered UI state.

use eframe::egui::{self, ViewportCommand};

use super::action::{Action, ScrollBy};
use super::app::GlossApp;
use super::notices::{AfterSave, Unsaved};
use super::reader::EndTyping;
use super::theme::{self, MAX_FONT_SIZE, MIN_FONT_SIZE};
use crate::export;
use crate::notebook::Command;
use crate::workspace::{SelectionRefused, Workspace};

impl GlossApp {
    /// Applies the actions views sent this frame, in order.
    pub(super) fn apply_actions(&mut self, ctx: &egui::Context) {
        let actions = self.actions.take();
        if actions.is_empty() {
            return;
        }
        for action in actions {
            self.apply(ctx, action);
        }
        ctx.request_repaint();
    }

    fn apply(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Annotate(command) => self.annotate(command),
            Action::Undo | Action::Redo => {
                let Some(ws) = &mut self.session.workspace else {
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
                    self.level_counterparts(&id);
                }
            }
            Action::TextPressed => {
                // A selected highlight is deselected (colour keys then apply to the next
                // one); a selected *unanchored* annotation stays, waiting to be attached.
                let anchored = self.reader.selected.as_ref().is_some_and(|id| {
                    self.session
                        .workspace
                        .as_ref()
                        .is_some_and(|w| w.range_of(id).is_some())
                });
                if anchored {
                    let end = self.reader.select(None);
                    self.end_typing(end);
                }
            }
            Action::Reveal(id) => {
                let Some(ws) = &self.session.workspace else {
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
                let Some(ws) = &self.session.workspace else {
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
                let version = self
                    .reader
                    .version
                    .as_ref()
                    .filter(|v| v.pane == self.reader.active);
                if let (Some(v), Some((_, range))) = (version, self.reader.active_selection()) {
                    // The earlier version's text, which is not in the corpus.
                    let end = range.end.min(v.old.char_len());
                    ctx.copy_text(v.old.slice(range.start.min(end)..end).to_owned());
                } else if let (Some(ws), Some((article, range))) =
                    (&self.session.workspace, self.reader.active_selection())
                    && let Some(text) = ws.selection_text(article, range)
                {
                    ctx.copy_text(text);
                }
            }
            Action::OpenCorpusDialog => {
                if let Some(dir) = self.dialogs.pick_folder() {
                    self.switch_corpus(dir);
                }
            }
            Action::OpenCorpus(dir) => self.switch_corpus(dir),
            Action::ExportDialog => self.export_dialog(),
            Action::FontSize(size) => {
                self.ui_state.font_size = size.clamp(MIN_FONT_SIZE, MAX_FONT_SIZE).round();
            }
            Action::ToggleTheme => {
                self.ui_state.theme = if self.ui_state.theme.is_dark() {
                    theme::ThemeChoice::Light
                } else {
                    theme::ThemeChoice::Dark
                };
                self.ui_state.theme.apply(ctx);
            }
            Action::ToggleShortcuts => {
                self.notices.show_shortcuts = !self.notices.show_shortcuts;
            }
            Action::DismissMessage => self.notices.message = None,
            Action::ToggleCompare => self.ui_state.compare = !self.ui_state.compare,
            Action::TogglePanel(side) => {
                let width = ctx.content_rect().width();
                self.ui_state.toggle_panel(side, width);
            }
            Action::CompareWithVersion { article, hash } => {
                self.compare_with_version(&article, hash)
            }
            Action::VersionStep(step) => self.version_step(step),
            Action::CloseVersion => self.close_version(),
            Action::LinkPrompt(href) => self.notices.link_prompt = href,
            Action::OpenUrl(url) => {
                self.notices.link_prompt = None;
                ctx.open_url(egui::OpenUrl::new_tab(url));
            }
            Action::ToggleFullscreen => {
                self.ui_state.fullscreen = !self.ui_state.fullscreen;
                ctx.send_viewport_cmd(ViewportCommand::Fullscreen(self.ui_state.fullscreen));
            }
            Action::ToggleSyncScroll => {
                self.ui_state.sync_scroll = !self.ui_state.sync_scroll;
                // Aligns from where both panes are: the active one leads.
                self.session.sync.lead_with(self.reader.active);
            }
            Action::Scroll { pane, by } => {
                if let Some(pane) = self.reader.panes.get_mut(pane) {
                    // Presses that come in one frame add up: twenty quick Page Downs move
                    // twenty screens, not one.
                    pane.pending_scroll = Some(match (pane.pending_scroll, by) {
                        (Some(ScrollBy::Pages(a)), ScrollBy::Pages(b)) => ScrollBy::Pages(a + b),
                        (Some(ScrollBy::Lines(a)), ScrollBy::Lines(b)) => ScrollBy::Lines(a + b),
                        _ => by,
                    });
                }
            }
            Action::Quit => self.quit(ctx),
            Action::RetrySave => match self.notices.unsaved.take().map(|u| u.then) {
                Some(AfterSave::Open(dir)) => self.switch_corpus(dir),
                _ => self.quit(ctx),
            },
            Action::DiscardUnsaved => match self.notices.unsaved.take().map(|u| u.then) {
                Some(AfterSave::Open(dir)) => self.open_corpus(&dir),
                _ => {
                    self.discard_on_quit = true;
                    ctx.send_viewport_cmd(ViewportCommand::Close);
                }
            },
            Action::CancelUnsaved => self.notices.unsaved = None,
            Action::SaveCopyElsewhere => self.save_copy_elsewhere(),
            Action::RecoverFromBackup => {
                let Some(ws) = &mut self.session.workspace else {
                    return;
                };
                match ws.recover_from_backup() {
                    Ok(n) => self
                        .notices
                        .info(format!("Restored {n} annotations from the last backup.")),
                    Err(e) => self
                        .notices
                        .error(format!("Could not restore the backup: {e}")),
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
            Action::Level { pane, char, y } => self.level(pane, char, y),
            Action::OpenPair(pair) => self.reader.open_pair = pair,
            Action::AcceptPair(pair) => self.accept_pair(pair),
            Action::DismissPair(pair) => self.dismiss_pair(pair),
            Action::OpenFind => self.open_find(ctx),
            Action::CloseFind => self.reader.find = None,
            Action::FindQuery(query) => {
                if let Some(find) = &mut self.reader.find {
                    find.query = query;
                }
                self.refind(ctx);
            }
            Action::FindOptions(options) => {
                if let Some(find) = &mut self.reader.find {
                    find.options = options;
                }
                self.refind(ctx);
            }
            Action::FindStep(by) => self.find_step(by),
            Action::OpenSearch => {
                self.search.open = true;
                self.search.focus.set(true);
            }
            Action::CloseSearch => self.search.open = false,
            Action::SearchQuery(query) => {
                self.search.query = query;
                self.restart_search(ctx);
            }
            Action::SearchOptions(options) => {
                self.search.options = options;
                self.restart_search(ctx);
            }
            Action::OpenAt { article, range } => self.open_at(&article, range),
            Action::ToggleTags => self.ui_state.show_tags = !self.ui_state.show_tags,
            Action::ToggleOverview => self.ui_state.show_overview = !self.ui_state.show_overview,
            Action::ToggleCorrespondences => self.toggle_correspondences(),
            Action::TableOrder(order) => {
                self.ui_state.table = super::state::TableUi { order, row: None }
            }
            Action::TableSelect { row, a, b } => self.table_select(row, a, b),
            Action::SetFilter(filter) => {
                self.reader.filter = filter;
                self.ui_state.show_notes = true;
            }
            Action::FilterCell { key, article } => self.filter_cell(key, article),
            Action::ToggleDimFiltered => self.ui_state.dim_filtered = !self.ui_state.dim_filtered,
            Action::ToggleOmissions => {
                self.ui_state.shade_omissions = !self.ui_state.shade_omissions
            }
            Action::StartFresh => {
                if let Some(ws) = &mut self.session.workspace {
                    ws.start_fresh();
                }
            }
        }
    }

    /// A run of typing in a note ended (the editor closed or lost focus): the next keystroke
    /// is a new undo step.
    pub(super) fn end_typing(&mut self, end: EndTyping) {
        if end.0
            && let Some(ws) = &mut self.session.workspace
        {
            ws.end_typing();
        }
    }

    fn annotate(&mut self, command: Command) {
        let Some(ws) = &mut self.session.workspace else {
            return;
        };
        let deleted = match &command {
            Command::Delete { id } => Some(id.clone()),
            _ => None,
        };
        match ws.apply(command) {
            Err(e) => self.notices.error(e.to_string()),
            Ok(()) => {
                if let Some(id) = deleted {
                    self.reader.forget(&id);
                }
            }
        }
    }

    /// H / N: a highlight from a pane's selection (the rules are the workspace's). N with no
    /// selection opens the note of the selected highlight.
    fn highlight_selection(&mut self, pane: usize, note: bool) {
        if self.reader.version.as_ref().is_some_and(|v| v.pane == pane) {
            self.notices
                .info("The earlier version is read-only: highlight the current text instead.");
            return;
        }
        let Some(ws) = &mut self.session.workspace else {
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
        let Some(ws) = &mut self.session.workspace else {
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
        let Some(ws) = &mut self.session.workspace else {
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
            SelectionRefused::OnlyWhiteSpace => self.notices.info(why.to_string()),
            _ => self.notices.error(why.to_string()),
        }
    }

    fn export_dialog(&mut self) {
        let Some(ws) = &self.session.workspace else {
            return;
        };
        let default_name = format!("{}-notes.json", ws.corpus.name());
        let Some(path) = self.dialogs.save_file(&default_name) else {
            return;
        };
        let format = export::Format::from_path(&path);
        let text = export::render(format, ws);
        let count = ws.notebook().annotations().len();
        match std::fs::write(&path, text) {
            Ok(()) => self.notices.info(format!(
                "Exported {count} annotations to {}",
                path.display()
            )),
            Err(e) => self
                .notices
                .error(format!("Could not export to {}: {e}", path.display())),
        }
    }

    /// From the "notes not saved" dialog: write the notes where the reader picks.
    fn save_copy_elsewhere(&mut self) {
        let Some(ws) = &self.session.workspace else {
            return;
        };
        let Some(path) = self.dialogs.save_file("annotations-rescued.ron") else {
            return;
        };
        match write_copy(ws, &path) {
            Ok(()) => {
                self.notices.unsaved = None;
                self.notices.info(format!(
                    "A copy of your notes was saved to {}",
                    path.display()
                ));
            }
            Err(e) => {
                let error = format!("The copy could not be written to {}: {e}", path.display());
                match &mut self.notices.unsaved {
                    Some(unsaved) => unsaved.error = error,
                    None => {
                        self.notices.unsaved = Some(Unsaved {
                            error,
                            then: AfterSave::Quit,
                        })
                    }
                }
            }
        }
    }
}

fn write_copy(ws: &Workspace, path: &std::path::Path) -> std::io::Result<()> {
    let text = crate::store::serialise(&ws.notebook().to_list());
    crate::store::write_atomic(path, text.as_bytes())
}
