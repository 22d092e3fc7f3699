//! Applying actions: the one place where the app changes. Views sent the frame's actions
//! through the [`super::context::FrameCtx`]; after drawing, the shell applies them here in
//! order. A session action goes to [`crate::session::Session::apply`] (changes to notes
//! become notebook commands there, so undo and autosave see every one) and the shell carries
//! out the effects it reports; the window's own actions change the notices, dialogs or the
//! remembered UI state.

use eframe::egui::{self, ViewportCommand};

use super::action::{Action, UiAction};
use super::app::GlossApp;
use super::connectors::{self, Place};
use super::dialogs::Picked;
use super::notices::{AfterSave, Unsaved};
use super::theme::{self, MAX_FONT_SIZE, MIN_FONT_SIZE};
use crate::export;
use crate::session;
use crate::workspace::Workspace;

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
            Action::Session(action) => self.forward(action),
            Action::Ui(action) => self.apply_ui(ctx, action),
        }
    }

    /// A session action: the session carries it out, the shell does what it reports.
    pub(super) fn forward(&mut self, action: session::Action) {
        if matches!(
            action,
            session::Action::AcceptPair(_) | session::Action::DismissPair(_)
        ) {
            self.open_pair = None;
        }
        let effects = self.session.apply(action);
        self.carry_out(effects);
    }

    fn apply_ui(&mut self, ctx: &egui::Context, action: UiAction) {
        match action {
            UiAction::OpenCorpusDialog => match self.dialogs.pick_folder() {
                Picked::Path(dir) => self.switch_corpus(dir),
                Picked::Cancelled => {}
                Picked::Unavailable => self.open_prompt(false),
            },
            UiAction::OpenCorpus(dir) => self.switch_corpus(dir),
            UiAction::OpenFileDialog => match self.dialogs.pick_file() {
                Picked::Path(file) => self.open_path(&file),
                Picked::Cancelled => {}
                Picked::Unavailable => self.open_prompt(true),
            },
            UiAction::PromptText(text) => {
                if let Some(p) = &mut self.notices.open_prompt {
                    p.text = text;
                    p.error = None;
                }
            }
            UiAction::PromptComplete(text) => {
                if let Some(p) = &mut self.notices.open_prompt {
                    // The field takes the keyboard back, the caret at the end.
                    p.text = text;
                    p.error = None;
                    p.focus = true;
                }
            }
            UiAction::PromptFocused => {
                if let Some(p) = &mut self.notices.open_prompt {
                    p.focus = false;
                }
            }
            UiAction::ClosePrompt => self.notices.open_prompt = None,
            UiAction::OpenMenuBar => self.notices.open_menu_bar = true,
            UiAction::MenuBarOpened => self.notices.open_menu_bar = false,
            UiAction::PromptOpen => self.prompt_open(),
            UiAction::OpenPath(path) => self.open_path(&path),
            UiAction::ExportDialog => self.export_dialog(),
            UiAction::FontSize(size) => {
                self.ui_state.font_size = size.clamp(MIN_FONT_SIZE, MAX_FONT_SIZE).round();
            }
            UiAction::ToggleTheme => {
                self.ui_state.theme = if self.ui_state.theme.is_dark() {
                    theme::ThemeChoice::Light
                } else {
                    theme::ThemeChoice::Dark
                };
                self.ui_state.theme.apply(ctx);
            }
            UiAction::ToggleShortcuts => {
                self.notices.show_shortcuts = !self.notices.show_shortcuts;
            }
            UiAction::DismissMessage => self.notices.message = None,
            UiAction::ToggleCompare => self.set_compare(!self.ui_state.compare),
            UiAction::ToggleSyncScroll => {
                self.ui_state.sync_scroll = !self.ui_state.sync_scroll;
                let on = self.ui_state.sync_scroll;
                self.forward(session::Action::SetSyncScroll(on));
            }
            UiAction::TogglePanel(side) => {
                let width = ctx.content_rect().width();
                self.ui_state.toggle_panel(side, width);
            }
            UiAction::LinkPrompt(href) => self.notices.link_prompt = href,
            UiAction::OpenUrl(url) => {
                self.notices.link_prompt = None;
                ctx.open_url(egui::OpenUrl::new_tab(url));
            }
            UiAction::ToggleFullscreen => {
                self.ui_state.fullscreen = !self.ui_state.fullscreen;
                ctx.send_viewport_cmd(ViewportCommand::Fullscreen(self.ui_state.fullscreen));
            }
            UiAction::Quit => self.quit(ctx),
            UiAction::RetrySave => match self.notices.unsaved.take().map(|u| u.then) {
                Some(AfterSave::Open(dir)) => self.switch_corpus(dir),
                _ => self.quit(ctx),
            },
            UiAction::DiscardUnsaved => match self.notices.unsaved.take().map(|u| u.then) {
                Some(AfterSave::Open(dir)) => self.open_corpus(&dir),
                _ => {
                    self.discard_on_quit = true;
                    ctx.send_viewport_cmd(ViewportCommand::Close);
                }
            },
            UiAction::CancelUnsaved => self.notices.unsaved = None,
            UiAction::SaveCopyElsewhere => self.save_copy_elsewhere(),
            UiAction::Level { pane, char, y } => self.level_at(pane, char, y),
            UiAction::OpenPair(pair) => self.open_pair = pair,
            UiAction::OpenSearch => {
                self.search.open = true;
                self.search.focus.set(true);
            }
            UiAction::CloseSearch => self.search.open = false,
            UiAction::SearchQuery(query) => {
                self.search.query = query;
                self.restart_search(ctx);
            }
            UiAction::SearchOptions(options) => {
                self.search.options = options;
                self.restart_search(ctx);
            }
            UiAction::ToggleTags => self.ui_state.show_tags = !self.ui_state.show_tags,
            UiAction::ToggleOverview => self.ui_state.show_overview = !self.ui_state.show_overview,
            UiAction::ToggleCorrespondences => {
                // The table needs the comparison: opening it turns compare mode on.
                let show = !self.ui_state.show_correspondences;
                self.ui_state.show_correspondences = show;
                self.ui_state.table.row = None;
                if show {
                    self.set_compare(true);
                }
            }
            UiAction::TableOrder(order) => {
                self.ui_state.table = super::state::TableUi { order, row: None }
            }
            UiAction::TableSelect { row, a, b } => {
                self.ui_state.table.row = Some(row);
                let passages = [a, b].into_iter().flatten().collect();
                self.forward(session::Action::NearTop(passages));
            }
            UiAction::ToggleDimFiltered => self.ui_state.dim_filtered = !self.ui_state.dim_filtered,
            UiAction::ToggleOmissions => {
                self.ui_state.shade_omissions = !self.ui_state.shade_omissions
            }
        }
    }

    /// Compare mode on or off: the window remembers it, the session compares.
    fn set_compare(&mut self, on: bool) {
        self.ui_state.compare = on;
        self.forward(session::Action::SetCompare(on));
    }

    /// Scrolls `pane` so `char` is at screen height `y` (or in the middle): the height
    /// becomes an offset below the pane's top, which is where the session keeps it.
    fn level_at(&mut self, pane: usize, char: usize, y: Option<f32>) {
        let top = self
            .views
            .get(pane)
            .and_then(|v| v.shown_rect)
            .map(|r| r.top());
        let offset = y.zip(top).map(|(y, top)| y - top);
        let effects = self
            .session
            .apply(session::Action::Level { pane, char, offset });
        self.carry_out(effects);
    }

    /// Searches everywhere again (query or options changed).
    fn restart_search(&mut self, ctx: &egui::Context) {
        let Some(ws) = &self.session.workspace else {
            return;
        };
        self.search.start(&ws.corpus, ws.notebook().to_list(), ctx);
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
        let panes = &self.views;
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
            self.level_at(j, char, Some(top));
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
