//! The central area: the reading panes side by side, each with its header (article picker,
//! add and close, where the article comes from), and the popups that sit by a selected
//! highlight (its toolbar, or the note window). With no corpus open, the welcome screen.

use eframe::egui::{self, Pos2, Rect, RichText, Ui, vec2};

use super::action::UiAction;
use super::context::FrameCtx;
use super::pane::Pane;
use super::state::MAX_PANES;
use super::{connectors, find_bar, note_editor, reading_view, theme, widgets};
use crate::annotation::Annotation;
use crate::session::Action;
use crate::workspace::Workspace;

/// No corpus open: how far opening one got, or why none could be opened and a way to pick
/// a folder.
pub fn welcome(ui: &mut Ui, cx: &FrameCtx<'_>) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.add_space(40.0);
        ui.vertical_centered(|ui| {
            if let Some((label, progress)) = cx.busy {
                ui.heading(format!("{label}…"));
                ui.add_space(8.0);
                widgets::progress(ui, progress, 320.0);
                return;
            }
            ui.heading("No corpus open");
            if let Some(e) = &cx.notices.corpus_error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            if ui.button("Open corpus folder…").clicked() {
                cx.send(UiAction::OpenCorpusDialog);
            }
        });
    });
}

/// The panes side by side.
pub fn show(ui: &mut Ui, cx: &FrameCtx<'_>, ws: &Workspace, panes: &mut [Pane]) {
    let pane_count = panes.len();
    // Each pane's source line, once a frame; `None` for all when no pane has one.
    let sources: Vec<Option<String>> = panes
        .iter()
        .map(|p| {
            p.article()
                .and_then(|a| ws.corpus.article(a))
                .and_then(|a| a.source_line())
        })
        .collect();
    let any_source = sources.iter().any(Option::is_some);
    egui::CentralPanel::default()
        .frame(egui::Frame::new().fill(ui.visuals().panel_fill))
        .show(ui, |ui| {
            ui.spacing_mut().item_spacing.x = super::side_panels::PANE_GAP;
            ui.columns(pane_count, |columns| {
                for (i, (col, pane)) in columns.iter_mut().zip(panes.iter_mut()).enumerate() {
                    let version = cx.version.filter(|v| v.pane == i);
                    match version {
                        Some(v) => super::version_view::header(col, cx, v),
                        None => pane_header(
                            col,
                            cx,
                            ws,
                            i,
                            pane,
                            any_source.then(|| sources[i].clone().unwrap_or_default()),
                        ),
                    }
                    let active = i == cx.active_pane;
                    let stroke_color = if active && pane_count > 1 {
                        col.visuals().selection.stroke.color
                    } else {
                        col.visuals().widgets.noninteractive.bg_stroke.color
                    };
                    // The find bar takes a strip under the text of the pane it searches.
                    let finding = cx.find.is_some_and(|f| f.pane == i);
                    let bar = if finding { find_bar::height(col) } else { 0.0 };
                    let size = col.available_size() - vec2(0.0, bar);
                    let top_down = egui::Layout::top_down(egui::Align::LEFT);
                    col.allocate_ui_with_layout(size, top_down, |col| {
                        text_frame(col, cx, ws, i, pane, version, stroke_color);
                    });
                    if finding {
                        find_bar::show(col, cx);
                    }
                }
            });
            connectors::draw(ui, cx, ws, panes);
        });
}

/// The paper a pane's text is read on, and the text (or why there is none).
fn text_frame(
    ui: &mut Ui,
    cx: &FrameCtx<'_>,
    ws: &Workspace,
    i: usize,
    pane: &mut Pane,
    version: Option<&crate::session::version_view::VersionView>,
    stroke_color: egui::Color32,
) {
    egui::Frame::new()
        .fill(theme::paper(cx.dark()))
        .stroke(egui::Stroke::new(1.0, stroke_color))
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_min_size(ui.available_size());
            let shown = match version {
                Some(v) => Some(&*v.old),
                None => pane.article().and_then(|a| ws.corpus.article(a)),
            };
            match shown {
                Some(article) if article.char_len() == 0 => {
                    placeholder(ui, "This article is empty.")
                }
                Some(article) => reading_view::show(ui, cx, i, pane, article),
                None => placeholder(ui, "Pick an article for this pane."),
            }
        });
}

fn placeholder(ui: &mut Ui, text: &str) {
    ui.add_space(20.0);
    ui.vertical_centered(|ui| ui.label(RichText::new(text).weak()));
}

/// "Pane n", the article picker, and the add / close buttons; then `source` (outlet, byline,
/// date) when some pane has one — an empty line for a pane without, so texts start level.
fn pane_header(
    ui: &mut Ui,
    cx: &FrameCtx<'_>,
    ws: &Workspace,
    index: usize,
    pane: &Pane,
    source: Option<String>,
) {
    ui.horizontal(|ui| {
        let label_text = RichText::new(format!("Pane {}", index + 1));
        let label = ui.label(if index == cx.active_pane {
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
            if cx.pane_count > 1
                && ui
                    .small_button("×")
                    .on_hover_text("Close this pane")
                    .clicked()
            {
                cx.send(Action::ClosePane(index));
            }
            if cx.pane_count > 1
                && ui
                    .selectable_label(cx.ui_state.sync_scroll, "⇅")
                    .on_hover_text("Scroll the panes in step")
                    .clicked()
            {
                cx.send(UiAction::ToggleSyncScroll);
            }
            if index + 1 == cx.pane_count
                && cx.pane_count < MAX_PANES
                && ui
                    .small_button("+")
                    .on_hover_text(format!("Add a pane (up to {MAX_PANES})"))
                    .clicked()
            {
                cx.send(Action::AddPane);
            }
            if let Some(article) = pane.article().and_then(|a| ws.corpus.article(a)) {
                super::outline_menu::button(ui, cx, index, article, pane.top_pos);
                super::page_menu::button(ui, cx, index, article, pane.top_pos);
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
                            widgets::excerpt(article.display_title(), 60),
                            article.file_name
                        );
                        if ui.selectable_label(is_current, text).clicked() {
                            cx.send(Action::SetArticle {
                                pane: index,
                                article: article.file_name.clone(),
                            });
                        }
                    }
                });
            combo.response.labelled_by(label.id);
        });
    });
    // Which report is which: outlet, byline and date under the header. A pane without them
    // keeps the line empty while another pane shows one, so the texts start level.
    if let Some(source) = source {
        ui.add(egui::Label::new(RichText::new(source).small().weak()).truncate());
    }
    if cx.ui_state.compare
        && let Some(status) = cx.compare.status.get(index).cloned().flatten()
    {
        ui.add(egui::Label::new(RichText::new(status).small().italics()).truncate());
    }
}

/// The note window (when open) or the toolbar by the selected highlight.
pub fn popups(ctx: &egui::Context, cx: &FrameCtx<'_>, ws: &Workspace, panes: &[Pane]) {
    let Some(annotation) = cx.selected.and_then(|id| ws.notebook().get(id)) else {
        return;
    };
    let anchor_pos = highlight_end_on_screen(ws, panes, annotation);
    if cx.editing.is_some() {
        let at = anchor_pos.map(|(p, _)| p + vec2(0.0, 8.0));
        note_editor::note_window(ctx, at, annotation, cx);
    } else if let Some((p, pane_rect)) = anchor_pos {
        note_editor::annotation_toolbar(ctx, p + vec2(0.0, 6.0), pane_rect, annotation, cx);
    }
}

/// Bottom-left of the end of an annotation's highlight, and the rect of the pane showing it,
/// if a pane does.
fn highlight_end_on_screen(
    ws: &Workspace,
    panes: &[Pane],
    annotation: &Annotation,
) -> Option<(Pos2, Rect)> {
    let range = ws.range_of(&annotation.id)?;
    let end = range.end.saturating_sub(1).max(range.start);
    panes
        .iter()
        .filter(|p| p.article() == Some(annotation.article.as_str()))
        .find_map(|p| {
            p.placed_at_char(end)
                .zip(p.shown_rect)
                .map(|(pl, shown)| (pl.caret_rect(end).left_bottom(), shown))
        })
}
