//! View ▸ Overview: who says what. Tags and colours as rows, the corpus's articles as
//! columns, the number of highlights in each cell; an empty cell where other articles have
//! entries is marked as a possible omission. Clicking a cell filters the notes to its
//! highlights and goes to the first.

use eframe::egui::{self, Id, RichText};

use super::action::UiAction;
use super::context::FrameCtx;
use super::widgets::excerpt;
use crate::session::Action;
use crate::workspace::Workspace;

pub fn show(ctx: &egui::Context, cx: &FrameCtx<'_>, ws: &Workspace) {
    if !cx.ui_state.show_overview {
        return;
    }
    let mut open = true;
    egui::Window::new("Overview")
        .constrain_to(cx.below_menu)
        .id(Id::unique("gloss-overview-window"))
        .default_width(560.0)
        .open(&mut open)
        .show(ctx, |ui| {
            let articles: Vec<&str> = ws
                .corpus
                .articles
                .iter()
                .map(|a| a.file_name.as_str())
                .collect();
            let grid = crate::overview::grid(&articles, ws.notebook().annotations());
            if grid.rows.is_empty() {
                ui.label(RichText::new("No highlights yet.").weak());
                return;
            }
            ui.label(
                RichText::new("Highlights per tag and colour in each article; – marks a possible omission.")
                    .small()
                    .weak(),
            );
            egui::ScrollArea::both().max_height(460.0).show(ui, |ui| {
                egui::Grid::new("gloss-overview-grid")
                    .striped(true)
                    .show(ui, |ui| {
                        ui.label("");
                        for a in &ws.corpus.articles {
                            ui.label(RichText::new(excerpt(a.display_title(), 22)).small().strong())
                                .on_hover_text(format!("{} ({})", a.display_title(), a.file_name));
                        }
                        ui.end_row();
                        for row in &grid.rows {
                            ui.label(excerpt(&row.key.label(), 30));
                            for (i, count) in row.counts.iter().enumerate() {
                                let article = &grid.articles[i];
                                if *count > 0 {
                                    let cell = format!("{count}");
                                    let r = ui
                                        .button(cell)
                                        .on_hover_text(format!(
                                            "{} in {article}: show them",
                                            row.key.label()
                                        ));
                                    if r.clicked() {
                                        cx.send(Action::FilterCell {
                                            key: row.key.clone(),
                                            article: article.clone(),
                                        });
                                    }
                                } else if row.omission(i) {
                                    ui.label(RichText::new("–").color(ui.visuals().warn_fg_color))
                                        .on_hover_text(
                                            "Possible omission: other articles have highlights here",
                                        );
                                } else {
                                    ui.label("");
                                }
                            }
                            ui.end_row();
                        }
                    });
            });
        });
    if !open {
        cx.send(UiAction::ToggleOverview);
    }
}
