//! The application shell: owns the workspace and the UI state, draws the panels each frame,
//! and applies the frame's [`Action`]s in one place.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use eframe::egui::{self, Pos2, Rect, RichText, Ui, ViewportCommand, vec2};

use super::action::{Action, Actions};
use super::dialogs::Dialogs;
use super::highlight_spans::ArticleSpans;
use super::notes_panel::NotesCtx;
use super::pane::{Pane, Reveal, Selection};
use super::reading_view::{self, ViewCtx};
use super::state::{MAX_PANES, PaneState, STORAGE_KEY, UiState};
use super::theme::{self, MAX_FONT_SIZE, MIN_FONT_SIZE};
use super::{fonts, library, menu_bar, note_editor, notes_panel, shortcuts};
use crate::annotation::{Annotation, Color};
use crate::export;
use crate::notebook::Command;
use crate::text;
use crate::workspace::Workspace;

/// How the app is started.
pub struct AppOptions {
    pub corpus_dir: PathBuf,
    pub dialogs: Box<dyn Dialogs>,
}

/// Seconds of quiet after a change before autosave writes (typing a note saves once it pauses).
const SAVE_DEBOUNCE_S: f64 = 0.25;
/// Longest a change may stay unsaved while changes keep coming.
const SAVE_MAX_DELAY_S: f64 = 0.8;
/// After a failed save, how long to wait before trying again.
const SAVE_RETRY_S: f64 = 2.0;

#[derive(Default)]
struct Autosave {
    revision_seen: u64,
    dirty_since: Option<f64>,
    last_change: f64,
    last_failure: Option<f64>,
}

struct NoteEditor {
    id: String,
    focus: bool,
}

/// A message shown under the menu bar until dismissed.
struct Message {
    text: String,
    is_error: bool,
}

pub struct GlossApp {
    workspace: Option<Workspace>,
    corpus_error: Option<String>,
    ui_state: UiState,
    panes: Vec<Pane>,
    active_pane: usize,
    color: Color,
    selected: Option<String>,
    note_editor: Option<NoteEditor>,
    actions: Actions,
    dialogs: Box<dyn Dialogs>,
    message: Option<Message>,
    save_error: Option<String>,
    autosave: Autosave,
    spans: HashMap<String, (u64, Rc<ArticleSpans>)>,
    show_shortcuts: bool,
    window_title: String,
    /// Set when quitting or opening another folder could not save the notes: the dialog
    /// asking what to do is open.
    unsaved: Option<Unsaved>,
    /// The notes panel's rows, rebuilt once per notebook revision.
    notes_rows: notes_panel::NotesRows,
    /// Annotation counts per article for the library, once per notebook revision.
    library_counts: (u64, Rc<HashMap<String, usize>>),
    /// The reader chose to quit without saving.
    discard_on_quit: bool,
    last_disk_poll: f64,
    /// When the app started: housekeeping's clock (see [`GlossApp::clock`]).
    started: std::time::Instant,
}

/// The notes could not be saved, and something waits for them to be: the reader decides.
struct Unsaved {
    error: String,
    then: AfterSave,
}

/// What was about to happen when saving failed.
#[derive(Clone)]
enum AfterSave {
    Quit,
    /// Open this corpus folder instead of the current one.
    Open(PathBuf),
}

/// How often the notes file is checked for changes made elsewhere.
const DISK_POLL_S: f64 = 1.0;

impl GlossApp {
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> GlossApp {
        fonts::install(&cc.egui_ctx);
        let ui_state: UiState = cc
            .storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default();
        ui_state.theme.apply(&cc.egui_ctx);
        let mut app = GlossApp {
            workspace: None,
            corpus_error: None,
            ui_state,
            panes: Vec::new(),
            active_pane: 0,
            color: Color::Yellow,
            selected: None,
            note_editor: None,
            actions: Actions::default(),
            dialogs: options.dialogs,
            message: None,
            save_error: None,
            autosave: Autosave::default(),
            spans: HashMap::new(),
            show_shortcuts: false,
            window_title: String::new(),
            unsaved: None,
            notes_rows: notes_panel::NotesRows::default(),
            library_counts: (u64::MAX, Rc::default()),
            discard_on_quit: false,
            last_disk_poll: 0.0,
            started: std::time::Instant::now(),
        };
        app.open_corpus(&options.corpus_dir);
        app
    }

    /// Seconds since start, for housekeeping: egui's input time, but never behind the wall
    /// clock. While eframe runs only [`eframe::App::logic`] (a window it considers hidden or
    /// occluded), egui's time stays at the last drawn frame's, and a poll timed by it alone
    /// would never come due; in tests egui's time runs ahead of the wall clock, and wins.
    fn clock(&self, ctx: &egui::Context) -> f64 {
        ctx.input(|i| i.time)
            .max(self.started.elapsed().as_secs_f64())
    }

    // ----- read access, for tests and the CLI -----

    pub fn workspace(&self) -> Option<&Workspace> {
        self.workspace.as_ref()
    }

    pub fn pane_count(&self) -> usize {
        self.panes.len()
    }

    pub fn pane_article(&self, pane: usize) -> Option<&str> {
        self.panes.get(pane)?.article()
    }

    /// The current text selection of a pane, in chars.
    pub fn selection(&self, pane: usize) -> Option<std::ops::Range<usize>> {
        Some(self.panes.get(pane)?.selection.range())
    }

    /// The first char visible at the top of a pane (its scroll position in the text).
    pub fn pane_top_char(&self, pane: usize) -> Option<usize> {
        Some(self.panes.get(pane)?.state.top_char)
    }

    pub fn selected_annotation(&self) -> Option<&str> {
        self.selected.as_deref()
    }

    pub fn note_editor_open(&self) -> bool {
        self.note_editor.is_some()
    }

    pub fn current_color(&self) -> Color {
        self.color
    }

    /// Where char `pos` of a pane's article is on screen (left edge, vertical middle of its
    /// line), if it was drawn in the last frame.
    pub fn char_screen_pos(&self, pane: usize, pos: usize) -> Option<Pos2> {
        let placed = self.panes.get(pane)?.placed_at_char(pos)?;
        Some(placed.caret_rect(pos).left_center())
    }

    /// Where a pane's text was shown in the last frame.
    pub fn pane_text_rect(&self, pane: usize) -> Option<Rect> {
        self.panes.get(pane)?.shown_rect
    }

    /// Ranges of the highlights drawn in a pane in the last frame.
    pub fn drawn_highlights(&self, pane: usize) -> Vec<std::ops::Range<usize>> {
        let Some(pane) = self.panes.get(pane) else {
            return Vec::new();
        };
        let Some((_, spans)) = pane.article().and_then(|a| self.spans.get(a)) else {
            return Vec::new();
        };
        let Some(first) = pane.placed.first() else {
            return Vec::new();
        };
        let end = pane.placed.last().map_or(first.start, |p| p.end());
        spans
            .overlapping(first.start..end)
            .map(|s| s.range.clone())
            .collect()
    }

    /// Saves the notes now if anything changed. Errors are also shown in the UI.
    pub fn save_notes(&mut self) -> Result<(), String> {
        let Some(ws) = &mut self.workspace else {
            return Ok(());
        };
        if !ws.is_dirty() {
            return Ok(());
        }
        match ws.save() {
            Ok(change) => {
                self.save_error = None;
                self.autosave.dirty_since = None;
                self.autosave.last_failure = None;
                if let Some(change) = change {
                    self.report_disk_change(&change);
                }
                Ok(())
            }
            Err(e) => {
                self.save_error = Some(e.clone());
                Err(e)
            }
        }
    }

    // ----- corpus and layout -----

    /// Opens another corpus folder — after saving this one's notes. If they cannot be saved,
    /// asks first, exactly as quitting does: switching must never drop notes silently.
    fn switch_corpus(&mut self, dir: PathBuf) {
        match self.save_notes() {
            Ok(()) => self.open_corpus(&dir),
            Err(error) => {
                self.unsaved = Some(Unsaved {
                    error,
                    then: AfterSave::Open(dir),
                })
            }
        }
    }

    /// Opens a corpus folder in place of the current one (whose notes were saved, or which
    /// the reader chose to leave unsaved).
    fn open_corpus(&mut self, dir: &Path) {
        if let Some(ws) = &mut self.workspace {
            // A save in flight finishes before the folder is let go.
            let _ = ws.wait_for_background_save();
        }
        self.store_layout();
        match Workspace::open(dir) {
            Ok(ws) => {
                let key = canonical(dir);
                self.ui_state.remember_folder(key.clone());
                let names: Vec<&str> = ws
                    .corpus
                    .articles
                    .iter()
                    .map(|a| a.file_name.as_str())
                    .collect();
                let mut panes: Vec<PaneState> = self
                    .ui_state
                    .layouts
                    .get(&key)
                    .cloned()
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|p| p.article.as_deref().is_none_or(|a| names.contains(&a)))
                    .take(MAX_PANES)
                    .collect();
                if panes.is_empty() {
                    let first = names.first().map(|s| s.to_string());
                    let second = names.get(1).map(|s| s.to_string()).or(first.clone());
                    panes = vec![
                        PaneState {
                            article: first,
                            top_char: 0,
                        },
                        PaneState {
                            article: second,
                            top_char: 0,
                        },
                    ];
                }
                self.panes = panes.into_iter().map(Pane::new).collect();
                self.active_pane = 0;
                self.selected = None;
                self.note_editor = None;
                self.spans.clear();
                self.autosave = Autosave::default();
                self.save_error = None;
                self.corpus_error = None;
                if let Some(text) = renamed_message(&ws.renamed_duplicates) {
                    self.message = Some(Message {
                        text,
                        is_error: false,
                    });
                }
                self.workspace = Some(ws);
            }
            Err(e) => {
                if self.workspace.is_some() {
                    self.message = Some(Message {
                        text: e.to_string(),
                        is_error: true,
                    });
                } else {
                    self.corpus_error = Some(e.to_string());
                }
            }
        }
    }

    /// Copies the panes' state into the persisted UI state.
    fn store_layout(&mut self) {
        if let Some(ws) = &self.workspace {
            let key = canonical(&ws.corpus.root);
            let panes = self.panes.iter().map(|p| p.state.clone()).collect();
            self.ui_state.layouts.insert(key, panes);
        }
    }

    fn spans_for(&mut self, article: &str) -> Rc<ArticleSpans> {
        let Some(ws) = &self.workspace else {
            return Rc::default();
        };
        let revision = ws.notebook().revision();
        match self.spans.get(article) {
            Some((r, spans)) if *r == revision => spans.clone(),
            _ => {
                let spans = Rc::new(ArticleSpans::build(ws, article));
                self.spans
                    .insert(article.to_owned(), (revision, spans.clone()));
                spans
            }
        }
    }

    // ----- drawing -----

    fn draw(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let can_undo = self
            .workspace
            .as_ref()
            .is_some_and(|w| w.notebook().can_undo());
        let can_redo = self
            .workspace
            .as_ref()
            .is_some_and(|w| w.notebook().can_redo());
        let has_selection = self
            .panes
            .get(self.active_pane)
            .is_some_and(|p| !p.selection.is_empty());

        egui::Panel::top("gloss-menu").show(ui, |ui| {
            menu_bar::show(
                ui,
                &menu_bar::MenuCtx {
                    ui_state: &self.ui_state,
                    can_undo,
                    can_redo,
                    has_selection,
                    pane_count: self.panes.len(),
                    has_workspace: self.workspace.is_some(),
                },
                &mut self.actions,
            );
        });
        self.banners(ui);

        let Some(ws) = &self.workspace else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.add_space(40.0);
                ui.vertical_centered(|ui| {
                    ui.heading("No corpus open");
                    if let Some(e) = &self.corpus_error {
                        ui.colored_label(ui.visuals().error_fg_color, e);
                    }
                    if ui.button("Open corpus folder…").clicked() {
                        self.actions.push(Action::OpenCorpusDialog);
                    }
                });
            });
            return;
        };

        if self.ui_state.show_library {
            let revision = ws.notebook().revision();
            if self.library_counts.0 != revision {
                let mut counts: HashMap<String, usize> = HashMap::new();
                for a in ws.notebook().annotations() {
                    *counts.entry(a.article.clone()).or_default() += 1;
                }
                self.library_counts = (revision, Rc::new(counts));
            }
            let counts = self.library_counts.1.clone();
            let active_article = self.panes.get(self.active_pane).and_then(|p| p.article());
            egui::Panel::left("gloss-library")
                .resizable(true)
                .default_size(230.0)
                .size_range(160.0..=400.0)
                .show(ui, |ui| {
                    library::show(
                        ui,
                        ws,
                        &counts,
                        active_article,
                        self.active_pane,
                        &mut self.actions,
                    );
                });
        }

        if self.ui_state.show_notes {
            let mut articles: Vec<&str> = Vec::new();
            for p in &self.panes {
                if let Some(a) = p.article()
                    && !articles.contains(&a)
                {
                    articles.push(a);
                }
            }
            let rows = self.notes_rows.get(ws, &articles);
            let cx = NotesCtx {
                workspace: ws,
                rows,
                selected: self.selected.as_deref(),
                editing_in_window: self.note_editor.as_ref().map(|e| e.id.as_str()),
                font_size: self.ui_state.font_size,
                can_attach: ws.can_annotate() && has_selection,
            };
            egui::Panel::right("gloss-notes")
                .resizable(true)
                .default_size(300.0)
                .size_range(200.0..=480.0)
                .show(ui, |ui| notes_panel::show(ui, &cx, &mut self.actions));
        }

        self.draw_panes(ui);
        self.draw_popups(&ctx);
        if self.show_shortcuts {
            menu_bar::shortcuts_window(&ctx, &mut self.show_shortcuts);
        }
        self.unsaved_dialog(&ctx);
    }

    fn banners(&mut self, ui: &mut Ui) {
        let (load_error, corrupt_copy, can_recover, has_backup, locked) = match &self.workspace {
            Some(ws) => (
                ws.load_error.as_ref().map(|e| e.to_string()),
                ws.corrupt_copy.clone(),
                ws.can_recover(),
                ws.can_recover() && ws.backup_available(),
                match ws.read_only() {
                    Some(crate::workspace::ReadOnly::Locked(
                        e @ crate::store::lock::LockError::Held { .. },
                    )) => Some(format!(
                        "🔒 Read-only: {e}. This window follows that one's changes; close it \
                         there to annotate here."
                    )),
                    Some(crate::workspace::ReadOnly::Locked(e)) => Some(format!(
                        "🔒 Read-only: {e}. Notes are shown but cannot be changed here."
                    )),
                    Some(crate::workspace::ReadOnly::UnsafeFile(why)) => Some(format!(
                        "🔒 Read-only: {why}. Notes are shown but cannot be changed here."
                    )),
                    _ => None,
                },
            ),
            None => (None, None, false, false, None),
        };
        if load_error.is_none()
            && locked.is_none()
            && self.save_error.is_none()
            && self.message.is_none()
        {
            return;
        }
        egui::Panel::top("gloss-banners").show(ui, |ui| {
            ui.add_space(2.0);
            let error = ui.visuals().error_fg_color;
            let warn = ui.visuals().warn_fg_color;
            if let Some(e) = load_error {
                ui.colored_label(
                    error,
                    format!(
                        "⚠ The notes file could not be read — {e}. Annotating is disabled so \
                         that it is never overwritten."
                    ),
                );
                if let Some(copy) = &corpus_copy_label(corrupt_copy.as_deref()) {
                    ui.label(RichText::new(copy).small());
                }
                if can_recover {
                    ui.horizontal(|ui| {
                        if ui
                            .add_enabled(has_backup, egui::Button::new("Open last backup"))
                            .on_hover_text(
                                "Replace it with annotations.ron.bak, the last good version",
                            )
                            .on_disabled_hover_text("There is no readable backup")
                            .clicked()
                        {
                            self.actions.push(Action::RecoverFromBackup);
                        }
                        if ui
                            .button("Start fresh")
                            .on_hover_text("Start with no notes; the unreadable file stays aside")
                            .clicked()
                        {
                            self.actions.push(Action::StartFresh);
                        }
                    });
                }
            }
            if let Some(text) = locked {
                ui.colored_label(warn, text);
            }
            if let Some(e) = &self.save_error {
                ui.colored_label(
                    error,
                    format!("⚠ Notes are not saved: {e}. They are kept in memory; retrying…"),
                );
            }
            let mut dismiss = false;
            if let Some(m) = &self.message {
                ui.horizontal(|ui| {
                    let color = if m.is_error {
                        error
                    } else {
                        ui.visuals().text_color()
                    };
                    ui.colored_label(color, &m.text);
                    dismiss = ui.small_button("Dismiss").clicked();
                });
            }
            if dismiss {
                self.message = None;
            }
            ui.add_space(2.0);
        });
    }

    /// Tells the reader what happened when the notes file had changed on disk.
    fn report_disk_change(&mut self, change: &crate::store::notes_file::DiskChange) {
        let mut text = String::new();
        if let Some(copy) = &change.corrupt_copy {
            text = format!(
                "annotations.ron was replaced by a file gloss cannot read; it was copied to {} \
                 and your notes were kept.",
                copy.display()
            );
        } else if !change.report.is_empty() {
            text = format!(
                "annotations.ron was changed outside gloss; merged: {}.",
                change.report
            );
        }
        if let Some(conflicts) = &change.conflict_file {
            text.push_str(&format!(
                " The versions that lost are in {}.",
                conflicts.display()
            ));
        }
        if let Some(renamed) = renamed_message(&change.renamed) {
            text.push(' ');
            text.push_str(&renamed);
        }
        if !text.is_empty() {
            let is_error = change.conflict_file.is_some() || change.corrupt_copy.is_some();
            self.message = Some(Message { text, is_error });
        }
        if let Some(id) = &self.selected
            && self
                .workspace
                .as_ref()
                .is_some_and(|w| w.notebook().get(id).is_none())
        {
            self.selected = None;
            self.note_editor = None;
        }
    }

    /// The dialog shown when quitting could not save the notes.
    fn unsaved_dialog(&mut self, ctx: &egui::Context) {
        let Some(unsaved) = &self.unsaved else {
            return;
        };
        let error = unsaved.error.clone();
        let (lose, discard) = match &unsaved.then {
            AfterSave::Quit => ("Quitting now", "Quit without saving"),
            AfterSave::Open(_) => ("Opening another folder now", "Discard and open"),
        };
        egui::Modal::new(egui::Id::unique("gloss-unsaved-on-quit")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading("Your notes could not be saved");
            ui.add_space(4.0);
            ui.label(&error);
            ui.add_space(4.0);
            ui.label(format!(
                "They are still here. {lose} would lose the unsaved changes."
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Try again").clicked() {
                    self.actions.push(Action::RetrySave);
                }
                if ui.button("Save a copy elsewhere…").clicked() {
                    self.actions.push(Action::SaveCopyElsewhere);
                }
                if ui.button(discard).clicked() {
                    self.actions.push(Action::DiscardUnsaved);
                }
                if ui.button("Cancel").clicked() {
                    self.actions.push(Action::CancelUnsaved);
                }
            });
        });
    }

    /// Saves, then closes the window; if saving fails, asks instead of closing.
    fn quit(&mut self, ctx: &egui::Context) {
        match self.save_notes() {
            Ok(()) => {
                self.discard_on_quit = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Err(error) => {
                self.unsaved = Some(Unsaved {
                    error,
                    then: AfterSave::Quit,
                })
            }
        }
    }

    fn draw_panes(&mut self, ui: &mut Ui) {
        let pane_articles: Vec<Option<String>> =
            self.panes.iter().map(|p| p.state.article.clone()).collect();
        let spans: Vec<Option<Rc<ArticleSpans>>> = pane_articles
            .iter()
            .map(|a| a.as_deref().map(|a| self.spans_for(a)))
            .collect();
        let Some(ws) = &self.workspace else { return };
        let dark = self.ui_state.theme.is_dark();
        let pane_count = self.panes.len();
        let active = self.active_pane;
        let font_size = self.ui_state.font_size;
        let selected = self.selected.as_deref();
        let color = self.color;
        let can_annotate = ws.can_annotate();
        let actions = &mut self.actions;
        let panes = &mut self.panes;

        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(ui.visuals().panel_fill))
            .show(ui, |ui| {
                ui.spacing_mut().item_spacing.x = 10.0;
                ui.columns(pane_count, |columns| {
                    for (i, (col, pane)) in columns.iter_mut().zip(panes.iter_mut()).enumerate() {
                        pane_header(col, i, pane, ws, pane_count, i == active, actions);
                        let frame = egui::Frame::new()
                            .fill(theme::paper(dark))
                            .stroke(if i == active && pane_count > 1 {
                                egui::Stroke::new(1.0, col.visuals().selection.stroke.color)
                            } else {
                                egui::Stroke::new(
                                    1.0,
                                    col.visuals().widgets.noninteractive.bg_stroke.color,
                                )
                            })
                            .corner_radius(4.0);
                        frame.show(col, |ui| {
                            ui.set_min_size(ui.available_size());
                            let article = pane.article().and_then(|a| ws.corpus.article(a));
                            match (article, &spans[i]) {
                                (Some(article), Some(spans)) => {
                                    if article.char_len() == 0 {
                                        ui.add_space(20.0);
                                        ui.vertical_centered(|ui| {
                                            ui.label(RichText::new("This article is empty.").weak())
                                        });
                                        return;
                                    }
                                    let cx = ViewCtx {
                                        workspace: ws,
                                        spans,
                                        font_size,
                                        dark,
                                        selected,
                                        color,
                                        can_annotate,
                                    };
                                    reading_view::show(ui, pane, i, article, &cx, actions);
                                }
                                _ => {
                                    ui.add_space(20.0);
                                    ui.vertical_centered(|ui| {
                                        ui.label(
                                            RichText::new("Pick an article for this pane.").weak(),
                                        )
                                    });
                                }
                            }
                        });
                    }
                });
            });
    }

    /// The note window and the toolbar by the selected highlight.
    fn draw_popups(&mut self, ctx: &egui::Context) {
        let Some(ws) = &self.workspace else { return };
        let Some(id) = self.selected.clone() else {
            return;
        };
        let Some(annotation) = ws.notebook().get(&id).cloned() else {
            return;
        };
        let anchor_pos = self.highlight_end_on_screen(&annotation);
        if let Some(editor) = &mut self.note_editor {
            let at = anchor_pos.map(|(p, _)| p + vec2(0.0, 8.0));
            let focus = std::mem::take(&mut editor.focus);
            note_editor::note_window(
                ctx,
                at,
                &annotation,
                focus,
                self.ui_state.font_size,
                &mut self.actions,
            );
        } else if let Some((p, pane_rect)) = anchor_pos {
            note_editor::annotation_toolbar(
                ctx,
                p + vec2(0.0, 6.0),
                pane_rect,
                &annotation,
                &mut self.actions,
            );
        }
    }

    /// Bottom-left of the end of an annotation's highlight, and the rect of the pane showing
    /// it, if a pane does.
    fn highlight_end_on_screen(&self, annotation: &Annotation) -> Option<(Pos2, Rect)> {
        let range = self.workspace.as_ref()?.range_of(&annotation.id)?;
        let end = range.end.saturating_sub(1).max(range.start);
        self.panes
            .iter()
            .filter(|p| p.article() == Some(annotation.article.as_str()))
            .find_map(|p| {
                p.placed_at_char(end)
                    .zip(p.shown_rect)
                    .map(|(pl, shown)| (pl.caret_rect(end).left_bottom(), shown))
            })
    }

    // ----- actions -----

    fn apply_actions(&mut self, ctx: &egui::Context) {
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
                let Some(ws) = &mut self.workspace else {
                    return;
                };
                let touched = if action == Action::Undo {
                    ws.undo()
                } else {
                    ws.redo()
                };
                if let Some(id) = touched
                    && ws.notebook().get(&id).is_none()
                    && self.selected.as_deref() == Some(id.as_str())
                {
                    self.selected = None;
                    self.note_editor = None;
                }
            }
            Action::HighlightSelection { pane, note } => self.highlight_selection(pane, note),
            Action::SelectAnnotation(id) => {
                if self
                    .note_editor
                    .as_ref()
                    .is_some_and(|e| Some(&e.id) != id.as_ref())
                {
                    self.close_note_editor();
                }
                self.selected = id;
            }
            Action::TextPressed => {
                let anchored = self.selected.as_ref().is_some_and(|id| {
                    self.workspace
                        .as_ref()
                        .is_some_and(|w| w.range_of(id).is_some())
                });
                if anchored {
                    self.apply(ctx, Action::SelectAnnotation(None));
                }
            }
            Action::Reveal(id) => self.reveal(&id),
            Action::OpenNoteEditor(id) => {
                self.selected = Some(id.clone());
                self.note_editor = Some(NoteEditor { id, focus: true });
            }
            Action::CloseNoteEditor => self.close_note_editor(),
            Action::PickColor(color) => {
                self.color = color;
                if let Some(id) = self.selected.clone() {
                    self.annotate(Command::Recolor { id, color });
                }
            }
            Action::Activate(pane) => {
                if pane != self.active_pane {
                    if let Some(p) = self.panes.get_mut(self.active_pane) {
                        p.selection = Selection::caret(p.selection.head);
                    }
                    self.active_pane = pane.min(self.panes.len().saturating_sub(1));
                }
            }
            Action::SetArticle { pane, article } => {
                if let Some(p) = self.panes.get_mut(pane) {
                    p.set_article(article);
                    self.active_pane = pane;
                }
            }
            Action::AddPane => self.add_pane(),
            Action::ClosePane(i) => {
                if self.panes.len() > 1 && i < self.panes.len() {
                    self.panes.remove(i);
                    if self.active_pane >= i && self.active_pane > 0 {
                        self.active_pane -= 1;
                    }
                }
            }
            Action::CopySelection => {
                if let Some(text) = self.selected_text(self.active_pane) {
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
            Action::ToggleShortcuts => self.show_shortcuts = !self.show_shortcuts,
            Action::Scroll { pane, by } => {
                if let Some(pane) = self.panes.get_mut(pane) {
                    pane.pending_scroll = Some(by);
                }
            }
            Action::Quit => self.quit(ctx),
            Action::RetrySave => match self.unsaved.take().map(|u| u.then) {
                Some(AfterSave::Open(dir)) => self.switch_corpus(dir),
                _ => self.quit(ctx),
            },
            Action::DiscardUnsaved => match self.unsaved.take().map(|u| u.then) {
                Some(AfterSave::Open(dir)) => self.open_corpus(&dir),
                _ => {
                    self.discard_on_quit = true;
                    ctx.send_viewport_cmd(ViewportCommand::Close);
                }
            },
            Action::CancelUnsaved => self.unsaved = None,
            Action::SaveCopyElsewhere => {
                let Some(ws) = &self.workspace else { return };
                let Some(path) = self.dialogs.save_file("annotations-rescued.ron") else {
                    return;
                };
                let text = crate::store::serialise(ws.notebook().annotations());
                match crate::store::write_atomic(&path, text.as_bytes()) {
                    Ok(()) => {
                        self.unsaved = None;
                        self.message = Some(Message {
                            text: format!("A copy of your notes was saved to {}", path.display()),
                            is_error: false,
                        });
                    }
                    Err(e) => {
                        let error =
                            format!("The copy could not be written to {}: {e}", path.display());
                        match &mut self.unsaved {
                            Some(unsaved) => unsaved.error = error,
                            None => {
                                self.unsaved = Some(Unsaved {
                                    error,
                                    then: AfterSave::Quit,
                                })
                            }
                        }
                    }
                }
            }
            Action::RecoverFromBackup => {
                let Some(ws) = &mut self.workspace else {
                    return;
                };
                self.message = Some(match ws.recover_from_backup() {
                    Ok(n) => Message {
                        text: format!("Restored {n} annotations from the last backup."),
                        is_error: false,
                    },
                    Err(e) => Message {
                        text: format!("Could not restore the backup: {e}"),
                        is_error: true,
                    },
                });
                self.spans.clear();
            }
            Action::AttachToSelection(id) => self.attach_to_selection(&id),
            Action::StartFresh => {
                if let Some(ws) = &mut self.workspace {
                    ws.start_fresh();
                    self.spans.clear();
                }
            }
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
        if let Err(e) = ws.apply(command) {
            self.message = Some(Message {
                text: e.to_string(),
                is_error: true,
            });
            return;
        }
        if deleted.is_some() && deleted == self.selected {
            self.selected = None;
            self.note_editor = None;
        }
    }

    fn highlight_selection(&mut self, pane_index: usize, note: bool) {
        let Some(ws) = &self.workspace else { return };
        let Some(pane) = self.panes.get(pane_index) else {
            return;
        };
        let selection = pane.selection.range();
        if selection.is_empty() {
            if note && let Some(id) = self.selected.clone() {
                self.note_editor = Some(NoteEditor { id, focus: true });
            }
            return;
        }
        let Some(article) = pane.article().and_then(|a| ws.corpus.article(a)) else {
            return;
        };
        let Some(range) = text::trim_range(&article.text, &article.paragraphs, selection) else {
            self.message = Some(Message {
                text: "Nothing to highlight: the selection is only white space.".into(),
                is_error: false,
            });
            return;
        };
        let annotation = Annotation::new(article, range.clone(), self.color);
        let id = annotation.id.clone();
        self.annotate(Command::Create(Box::new(annotation)));
        if self
            .workspace
            .as_ref()
            .is_some_and(|w| w.notebook().get(&id).is_some())
        {
            let pane = &mut self.panes[pane_index];
            pane.selection = Selection::caret(range.end);
            self.selected = Some(id.clone());
            if note {
                self.note_editor = Some(NoteEditor { id, focus: true });
            }
        }
    }

    /// Re-attaches an annotation to the active pane's (trimmed) selection.
    fn attach_to_selection(&mut self, id: &str) {
        let Some(ws) = &self.workspace else { return };
        let Some(pane) = self.panes.get(self.active_pane) else {
            return;
        };
        let Some(article) = pane.article().and_then(|a| ws.corpus.article(a)) else {
            return;
        };
        let Some(range) =
            text::trim_range(&article.text, &article.paragraphs, pane.selection.range())
        else {
            return;
        };
        let command = Command::Retarget {
            id: id.to_owned(),
            article: article.file_name.clone(),
            quote: crate::annotation::quote_selector(article, range.clone()),
            position: crate::annotation::PositionSelector {
                start: range.start,
                end: range.end,
            },
            article_hash: article.hash.clone(),
        };
        self.annotate(command);
        if let Some(pane) = self.panes.get_mut(self.active_pane) {
            pane.selection = Selection::caret(range.end);
        }
        self.selected = Some(id.to_owned());
    }

    fn close_note_editor(&mut self) {
        self.note_editor = None;
        if let Some(ws) = &mut self.workspace {
            ws.end_typing();
        }
    }

    fn reveal(&mut self, id: &str) {
        let Some(ws) = &self.workspace else { return };
        let Some(annotation) = ws.notebook().get(id) else {
            return;
        };
        let Some(range) = ws.range_of(id) else {
            self.selected = Some(id.to_owned());
            return;
        };
        let pane_index = self
            .panes
            .iter()
            .position(|p| p.article() == Some(annotation.article.as_str()))
            .unwrap_or(self.active_pane);
        let article = annotation.article.clone();
        if let Some(pane) = self.panes.get_mut(pane_index) {
            pane.set_article(article);
            pane.reveal = Some(Reveal::Center(range.start));
        }
        self.active_pane = pane_index;
        if self.note_editor.as_ref().is_some_and(|e| e.id != id) {
            self.close_note_editor();
        }
        self.selected = Some(id.to_owned());
    }

    fn add_pane(&mut self) {
        if self.panes.len() >= MAX_PANES {
            return;
        }
        let Some(ws) = &self.workspace else { return };
        let shown: Vec<&str> = self.panes.iter().filter_map(|p| p.article()).collect();
        let next = ws
            .corpus
            .articles
            .iter()
            .map(|a| a.file_name.as_str())
            .find(|a| !shown.contains(a))
            .or_else(|| ws.corpus.articles.first().map(|a| a.file_name.as_str()))
            .map(str::to_owned);
        self.panes.push(Pane::new(PaneState {
            article: next,
            top_char: 0,
        }));
        self.active_pane = self.panes.len() - 1;
    }

    fn selected_text(&self, pane: usize) -> Option<String> {
        let ws = self.workspace.as_ref()?;
        let pane = self.panes.get(pane)?;
        let range = pane.selection.range();
        if range.is_empty() {
            return None;
        }
        let article = ws.corpus.article(pane.article()?)?;
        Some(text::display_slice(
            &article.text,
            &article.paragraphs,
            range,
        ))
    }

    fn export_dialog(&mut self) {
        let Some(ws) = &self.workspace else { return };
        let default_name = format!("{}-notes.json", ws.corpus.name());
        let Some(path) = self.dialogs.save_file(&default_name) else {
            return;
        };
        let format = export::Format::from_path(&path);
        let text = export::render(format, ws);
        let count = ws.notebook().annotations().len();
        self.message = Some(match std::fs::write(&path, text) {
            Ok(()) => Message {
                text: format!("Exported {count} annotations to {}", path.display()),
                is_error: false,
            },
            Err(e) => Message {
                text: format!("Could not export to {}: {e}", path.display()),
                is_error: true,
            },
        });
    }

    // ----- saving -----

    /// Saves in the background once the notes have been quiet for a moment (or have waited
    /// too long).
    fn autosave(&mut self, ctx: &egui::Context) {
        let now = self.clock(ctx);
        let Some(ws) = &mut self.workspace else {
            return;
        };
        if ws.is_saving() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
            return;
        }
        if !ws.is_dirty() || ws.load_error.is_some() {
            return;
        }
        let revision = ws.notebook().revision();
        if revision != self.autosave.revision_seen {
            self.autosave.revision_seen = revision;
            self.autosave.last_change = now;
            self.autosave.dirty_since.get_or_insert(now);
        }
        let dirty_since = *self.autosave.dirty_since.get_or_insert(now);
        let mut due =
            (self.autosave.last_change + SAVE_DEBOUNCE_S).min(dirty_since + SAVE_MAX_DELAY_S);
        if let Some(failed) = self.autosave.last_failure {
            due = due.max(failed + SAVE_RETRY_S);
        }
        if now < due {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - now));
            return;
        }
        if ws.start_background_save() {
            self.autosave.dirty_since = None;
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        } else if self.save_notes().is_err() {
            // No thread could be started: saved in place, and that failed.
            self.autosave.last_failure = Some(now);
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(SAVE_RETRY_S));
        }
    }

    /// Takes in a finished background save: clears or shows the save error, reports merges.
    fn collect_background_save(&mut self, now: f64) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        let Some(result) = ws.finish_background_save() else {
            return;
        };
        self.handle_save_result(result, now);
    }

    fn handle_save_result(
        &mut self,
        result: Result<Option<crate::store::notes_file::DiskChange>, String>,
        now: f64,
    ) {
        match result {
            Ok(change) => {
                self.save_error = None;
                self.autosave.last_failure = None;
                if let Some(change) = change {
                    self.spans.clear();
                    self.report_disk_change(&change);
                }
            }
            Err(e) => {
                self.save_error = Some(e);
                self.autosave.last_failure = Some(now);
            }
        }
    }

    /// Waits for a background save to finish and takes its result in. Tests call this before
    /// reading the notes file; quitting waits the same way (inside [`Self::save_notes`]).
    pub fn wait_for_saves(&mut self) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        if let Some(result) = ws.wait_for_background_save() {
            self.handle_save_result(result, 0.0);
        }
    }

    /// Every second, takes in changes made to the notes file and the articles elsewhere.
    ///
    /// Every call asks for the next frame at the next poll, whether or not it polled now: with
    /// no input at all, that request is the only thing that wakes the app, and an app that
    /// skips it stops noticing outside changes until the mouse moves.
    fn poll_disk(&mut self, ctx: &egui::Context) {
        let now = self.clock(ctx);
        let since = now - self.last_disk_poll;
        if (0.0..DISK_POLL_S).contains(&since) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(DISK_POLL_S - since));
            return;
        }
        self.last_disk_poll = now;
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(DISK_POLL_S));
        let Some(ws) = &mut self.workspace else {
            return;
        };
        if let Some(change) = ws.poll_disk() {
            self.spans.clear();
            self.report_disk_change(&change);
        }
        let Some(ws) = &mut self.workspace else {
            return;
        };
        match ws.refresh_articles() {
            Ok(true) => {
                self.spans.clear();
                let orphans = ws
                    .notebook()
                    .annotations()
                    .iter()
                    .filter(|a| ws.range_of(&a.id).is_none())
                    .count();
                self.message = Some(Message {
                    text: format!(
                        "Articles changed on disk; highlights were found again in the new text \
                         ({orphans} could not be placed — see Unanchored)."
                    ),
                    is_error: false,
                });
            }
            Ok(false) => {}
            Err(e) => {
                self.message = Some(Message {
                    text: e.to_string(),
                    is_error: true,
                })
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let name = self
            .workspace
            .as_ref()
            .map(|w| w.corpus.name())
            .unwrap_or_else(|| "no corpus".into());
        let title = format!("gloss — {name}");
        if title != self.window_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }
}

fn pane_header(
    ui: &mut Ui,
    index: usize,
    pane: &mut Pane,
    ws: &Workspace,
    pane_count: usize,
    active: bool,
    actions: &mut Actions,
) {
    ui.horizontal(|ui| {
        let label_text = RichText::new(format!("Pane {}", index + 1));
        let label = ui.label(if active {
            label_text.strong()
        } else {
            label_text.weak()
        });
        let current = pane
            .article()
            .and_then(|a| ws.corpus.article(a))
            .map(|a| a.display_title().to_owned())
            .unwrap_or_else(|| "(none)".into());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if pane_count > 1
                && ui
                    .small_button("×")
                    .on_hover_text("Close this pane")
                    .clicked()
            {
                actions.push(Action::ClosePane(index));
            }
            if index + 1 == pane_count
                && pane_count < MAX_PANES
                && ui
                    .small_button("+")
                    .on_hover_text(format!("Add a pane (up to {MAX_PANES})"))
                    .clicked()
            {
                actions.push(Action::AddPane);
            }
            let combo = egui::ComboBox::from_id_salt(("gloss-pane-article", index))
                .selected_text(current)
                .width(ui.available_width())
                .truncate()
                .show_ui(ui, |ui| {
                    for article in &ws.corpus.articles {
                        let is_current = pane.article() == Some(article.file_name.as_str());
                        let text = format!(
                            "{} ({})",
                            super::widgets::excerpt(article.display_title(), 60),
                            article.file_name
                        );
                        if ui.selectable_label(is_current, text).clicked() {
                            actions.push(Action::SetArticle {
                                pane: index,
                                article: article.file_name.clone(),
                            });
                        }
                    }
                });
            combo.response.labelled_by(label.id);
        });
    });
}

/// What to tell the reader when the notes file repeated ids (`None` when it did not).
fn renamed_message(renamed: &[crate::store::duplicates::Renamed]) -> Option<String> {
    if renamed.is_empty() {
        return None;
    }
    let list: Vec<String> = renamed.iter().take(5).map(|r| r.to_string()).collect();
    let more = renamed.len().saturating_sub(5);
    Some(format!(
        "The notes file gave {} annotation(s) an id that another one already had; all are \
         kept, the later copies under new ids: {}{}",
        renamed.len(),
        list.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    ))
}

fn corpus_copy_label(copy: Option<&Path>) -> Option<String> {
    copy.map(|p| {
        format!(
            "The unreadable file was copied, byte for byte, to {}",
            p.display()
        )
    })
}

fn canonical(dir: &Path) -> PathBuf {
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())
}

impl eframe::App for GlossApp {
    /// Housekeeping that must go on with no input and nothing drawn (eframe calls this before
    /// every frame, and also while the window is hidden when a repaint was requested): take in
    /// a finished save, notice outside changes to the notes file and the articles, autosave.
    /// Each of them asks for the frame at which it is next due, which keeps an idle app awake
    /// exactly as often as it has something to do.
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.update_title(ctx);
        // Before drawing, so the frame that learns how a save went also shows it: taken in
        // after the banner was drawn, a failure would stay unseen until the next retry.
        self.collect_background_save(self.clock(ctx));
        self.poll_disk(ctx);
        self.autosave(ctx);
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if ctx.input(|i| i.viewport().close_requested())
            && !self.discard_on_quit
            && let Err(e) = self.save_notes()
        {
            // Never lose notes silently: keep the window and ask.
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.unsaved = Some(Unsaved {
                error: e,
                then: AfterSave::Quit,
            });
        }
        let shortcut_actions = shortcuts::read(
            &ctx,
            &shortcuts::ShortcutCtx {
                active_pane: self.active_pane,
                selected_annotation: self.selected.clone(),
                note_editor_open: self.note_editor.is_some(),
                font_size: self.ui_state.font_size,
            },
        );
        for a in shortcut_actions {
            self.actions.push(a);
        }
        self.draw(ui);
        self.apply_actions(&ctx);
        self.autosave(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.store_layout();
        eframe::set_value(storage, STORAGE_KEY, &self.ui_state);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if !self.discard_on_quit
            && let Err(e) = self.save_notes()
        {
            eprintln!("gloss: notes not saved: {e}");
        }
    }
}
