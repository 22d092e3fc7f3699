//! The application shell: the [`GlossApp`] struct and its eframe callbacks.
//!
//! The shell is split by concern, as rerun's viewer splits its `app/`:
//!
//! | file | does |
//! | --- | --- |
//! | `app` (this) | the state, start-up, drawing a frame, the eframe `logic` / `ui` / `save` |
//! | [`super::opening`] | opening a folder or an article (saving first), taking it in, quitting |
//! | [`crate::session`] | the reader's session without a window: the workspace, autosave, watching the folder, jobs, compare results, scrolling in step |
//! | [`super::housekeeping`] | `logic`: ticks the session and carries out its effects; the title, find folds, versions loading |
//! | [`super::house_state`] | what the shell keeps between frames beside the session |
//! | [`super::apply`] | applying the frame's actions — the one place the app changes |
//! | [`super::notices`], [`super::banners`] | what to tell the reader; the banners and the "notes not saved" dialog |
//! | [`super::reader`] | the reading session's rules (panes, selection, note editor) |
//! | [`super::derived`] | spans, notes rows and counts, kept up to date per change |
//!
//! Each frame, `ui` refreshes the derived data, borrows one [`FrameCtx`] and hands it to every
//! view; views send actions, which [`GlossApp::apply_actions`] applies after drawing.

use std::path::PathBuf;

use eframe::egui::{self, Ui, ViewportCommand};

use super::action::ActionSender;
use super::banners;
use super::context::FrameCtx;
use super::derived::Derived;
use super::dialogs::Dialogs;
use super::house_state::Housekeeping;
use super::notices::{AfterSave, Notices, Unsaved};
use super::pair_ref::PairRef;
use super::pane::Pane;
use super::state::{STORAGE_KEY, UiState};
use super::{
    correspondence_table, fonts, library, link_window, menu_bar, notes_panel, overview_window,
    pair_popup, panes_view, search_panel, shortcuts, side_panels, tags_window, web_links,
};
use crate::session::Session;

/// How the app is started.
pub struct AppOptions {
    /// A folder, or an article (its folder becomes the corpus, it shows in the first pane).
    pub corpus_dir: PathBuf,
    /// More articles of that folder to show, in the panes after the first (`gloss a.pdf
    /// b.epub`, a launcher's "Open with" on several files).
    pub more_articles: Vec<String>,
    pub dialogs: Box<dyn Dialogs>,
}

pub struct GlossApp {
    /// The open workspace and what goes on with no frame drawn (no egui inside).
    pub(super) session: Session,
    /// Remembered between runs (eframe storage): font size, theme, layouts, recent folders.
    pub(super) ui_state: UiState,
    /// The session's panes as drawn last frame, with their layout caches.
    pub(super) views: Vec<Pane>,
    /// The corresponding passage whose popup is open (compare mode), and where.
    pub(super) open_pair: Option<PairRef>,
    /// The egui context, for effects carried out between frames (the clipboard).
    pub(super) egui: egui::Context,
    /// Where the menu bar ended in the last frame (floating windows stay below it).
    pub(super) menu_bottom: f32,
    /// An article to show in the active pane once the corpus being opened is open.
    pub(super) pending_article: Option<String>,
    /// Articles for the panes after the first, once the corpus is open.
    pub(super) pending_more: Vec<String>,
    /// Search everywhere: the query and its results.
    pub(super) search: super::search_state::SearchState,
    pub(super) derived: Derived,
    pub(super) notices: Notices,
    pub(super) house: Housekeeping,
    pub(super) actions: ActionSender,
    pub(super) dialogs: Box<dyn Dialogs>,
    /// The compare view the last frame drew from.
    pub(super) drawn_compare: std::sync::Arc<crate::session::comparing::CompareView>,
    /// The reader chose to quit without saving (or saving succeeded and the window closes).
    pub(super) discard_on_quit: bool,
}

impl GlossApp {
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> GlossApp {
        fonts::install(&cc.egui_ctx);
        super::theme::install_style(&cc.egui_ctx);
        let ui_state: UiState = cc
            .storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default();
        ui_state.theme.apply(&cc.egui_ctx);
        if ui_state.zoom.is_finite() && (0.5..=3.0).contains(&ui_state.zoom) {
            cc.egui_ctx.set_zoom_factor(ui_state.zoom);
        }
        if ui_state.fullscreen {
            cc.egui_ctx
                .send_viewport_cmd(ViewportCommand::Fullscreen(true));
        }
        let egui = cc.egui_ctx.clone();
        let mut session = Session::new(std::sync::Arc::new(move || egui.request_repaint()));
        // The window remembers these modes between runs; the session acts on them.
        session.compare = ui_state.compare;
        session.sync_scroll = ui_state.sync_scroll;
        let mut app = GlossApp {
            session,
            ui_state,
            views: Vec::new(),
            open_pair: None,
            egui: cc.egui_ctx.clone(),
            menu_bottom: 24.0,
            pending_article: None,
            pending_more: options.more_articles,
            search: Default::default(),
            derived: Derived::default(),
            notices: Notices::default(),
            house: Housekeeping::new(),
            actions: ActionSender::default(),
            dialogs: options.dialogs,
            discard_on_quit: false,
            drawn_compare: Default::default(),
        };
        crate::startup::stage("fonts and state");
        let (dir, article) = crate::corpus::split_path(&options.corpus_dir);
        app.pending_article = article;
        app.open_corpus(&dir);
        app
    }

    /// For the start-up probe: the first frame whose text sits where the previous frame's did
    /// in every pane (first paragraph shown, and its place) is the first steady page.
    fn probe_first_page(&mut self) {
        self.house.frames += 1;
        crate::startup::stage(&format!("frame {} drawn", self.house.frames));
        let page: Vec<(usize, i32)> = self
            .views
            .iter()
            .filter_map(|p| p.placed.first())
            .map(|p| (p.start, p.rect.top().round() as i32))
            .collect();
        let all_drawn = page.len() == self.views.len() && !page.is_empty();
        if all_drawn && page == self.house.last_page {
            self.house.page_steady = true;
            crate::startup::stage("first page steady");
        }
        self.house.last_page = page;
    }

    // ----- drawing -----

    /// Draws one frame: refreshes the derived data, borrows the frame's context once, and
    /// hands it to every view.
    fn draw(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let reader = &mut self.session.reader;
        let on_screen: Vec<String> = reader
            .articles_on_screen()
            .into_iter()
            .map(str::to_owned)
            .collect();
        if let Some(ws) = &self.session.workspace {
            let on_screen: Vec<&str> = on_screen.iter().map(String::as_str).collect();
            self.derived.refresh(ws, &on_screen, &reader.filter);
        }
        let focus_note = reader.take_editor_focus();
        Pane::follow(&mut self.views, &reader.panes);
        let compare = self.session.compare_view();
        self.drawn_compare = compare.clone();
        let reader = &self.session.reader;
        let active_article = reader
            .active_pane()
            .and_then(|p| p.article())
            .map(str::to_owned);
        let has_selection = reader.active_selection().is_some();
        let pane_names = reader.article_names();
        let pane_articles: Vec<Option<&str>> = pane_names.iter().map(|a| a.as_deref()).collect();
        let (search_rows, search_status) = self.search.rows();
        let panels = self.decide_panels(&ctx, ui);
        let reader = &self.session.reader;
        let panes = &mut self.views;
        let cx = FrameCtx {
            workspace: self.session.workspace.as_ref(),
            ui_state: &self.ui_state,
            derived: &self.derived,
            notices: &self.notices,
            pane_count: panes.len(),
            pane_articles: &pane_articles,
            active_pane: reader.active,
            active_article: active_article.as_deref(),
            has_selection,
            selected: reader.selected.as_deref(),
            editing: reader.note_editor.as_ref().map(|e| e.id.as_str()),
            focus_note,
            color: reader.color,
            busy: self.session.busy(),
            compare: &compare,
            open_pair: self.open_pair.as_ref(),
            link_draft: reader.link_draft.as_ref(),
            find: reader.find.as_ref(),
            filter: &reader.filter,
            search: self.search.open.then_some(&self.search),
            version: reader.version.as_ref(),
            caret: reader.caret,
            below_menu: {
                let mut r = ctx.content_rect();
                r.min.y = r.min.y.max(self.menu_bottom);
                r
            },
            actions: &self.actions,
        };

        let mut widths = PanelWidths::default();
        shortcuts::read(&ctx, &cx);
        let menu_bottom = egui::Panel::top("gloss-menu")
            .show(ui, |ui| menu_bar::show(ui, &cx))
            .response
            .rect
            .bottom();
        banners::banners(ui, &cx);
        match cx.workspace {
            None => panes_view::welcome(ui, &cx),
            Some(ws) => {
                if cx.search.is_some() {
                    let shown = egui::Panel::left("gloss-search")
                        .resizable(true)
                        .default_size(self.ui_state.search_width)
                        .size_range(220.0..=560.0)
                        .show(ui, |ui| {
                            search_panel::show(ui, &cx, &search_rows, &search_status)
                        });
                    widths.search = Some(shown.response.rect.width());
                } else if panels.library {
                    let shown = egui::Panel::left("gloss-library")
                        .resizable(true)
                        .default_size(self.ui_state.library_width)
                        .size_range(150.0..=400.0)
                        .show(ui, |ui| library::show(ui, &cx, ws));
                    widths.library = Some(shown.response.rect.width());
                }
                if panels.notes {
                    let shown = egui::Panel::right("gloss-notes")
                        .resizable(true)
                        .default_size(self.ui_state.notes_width)
                        .size_range(200.0..=480.0)
                        .show(ui, |ui| notes_panel::show(ui, &cx, ws));
                    widths.notes = Some(shown.response.rect.width());
                }
                panes_view::show(ui, &cx, ws, panes);
                panes_view::popups(&ctx, &cx, ws, panes);
                link_window::show(&ctx, &cx, ws);
                tags_window::show(&ctx, &cx, ws);
                overview_window::show(&ctx, &cx, ws);
                correspondence_table::show(&ctx, &cx, ws);
                pair_popup::show(&ctx, &cx, ws);
            }
        }
        menu_bar::shortcuts_window(&ctx, &cx);
        web_links::prompt(&ctx, &cx);
        super::open_prompt_window::show(&ctx, &cx);
        banners::toasts(&ctx, &cx);
        banners::unsaved_dialog(&ctx, &cx);
        self.menu_bottom = menu_bottom;
        // The frame's report: the selection a drag made, where each pane is scrolled to and
        // what is in sight, scroll requests taken.
        for (pane, drawn) in self.session.reader.panes.iter_mut().zip(&self.views) {
            *pane = drawn.text.clone();
        }
        // The widths the reader dragged the panels to count in the next frame's folding rule
        // and are remembered.
        let state = &mut self.ui_state;
        for (width, slot) in [
            (widths.library, &mut state.library_width),
            (widths.notes, &mut state.notes_width),
            (widths.search, &mut state.search_width),
        ] {
            if let Some(w) = width {
                *slot = w;
            }
        }
    }

    /// Which side panels show this frame: the reader's choice, folded away where the window
    /// is too narrow for the panes (see [`side_panels`]).
    fn decide_panels(&mut self, ctx: &egui::Context, ui: &Ui) -> side_panels::Shown {
        let state = &self.ui_state;
        let spacing = &ui.spacing().scroll;
        let geometry = side_panels::Geometry {
            window_width: ctx.content_rect().width(),
            panes: self.session.reader.panes.len(),
            char_width: side_panels::char_width(ctx, state.font_size),
            font_size: state.font_size,
            scroll_bar: spacing.bar_width + spacing.bar_outer_margin,
            left_width: if self.search.open {
                state.search_width
            } else {
                state.library_width
            },
            right_width: state.notes_width,
        };
        let search_open = self.search.open;
        self.ui_state.decide_panels(&geometry, search_open)
    }
}

/// Widths of the side panels drawn this frame.
#[derive(Default)]
struct PanelWidths {
    library: Option<f32>,
    notes: Option<f32>,
    search: Option<f32>,
}

impl eframe::App for GlossApp {
    /// Housekeeping that must go on with no input and nothing drawn (eframe calls this before
    /// every frame, and also while the window is hidden when a repaint was requested): see
    /// [`super::housekeeping`].
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.housekeeping(ctx);
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if ctx.input(|i| i.viewport().close_requested())
            && !self.discard_on_quit
            && let Err(e) = self.save_notes()
        {
            // Never lose notes silently: keep the window and ask.
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.notices.unsaved = Some(Unsaved {
                error: e.to_string(),
                then: AfterSave::Quit,
            });
        }
        self.draw(ui);
        self.apply_actions(&ctx);
        if self.session.scroll_in_step() {
            ctx.request_repaint();
        }
        let (now, clock) = (std::time::Instant::now(), self.house.clock(&ctx));
        if let Some(next) = self.session.autosave_now(now, clock) {
            ctx.request_repaint_after(next.saturating_duration_since(now));
        }
        self.carry_out_effects();
        if !self.house.page_steady {
            self.probe_first_page();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.store_layout();
        self.ui_state.zoom = self.egui.zoom_factor();
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
