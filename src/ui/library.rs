//! The library sidebar: the corpus's articles, and the files that could not be opened.

use eframe::egui::{self, RichText, Ui};

use super::context::FrameCtx;
use super::widgets::excerpt;
use crate::session::Action;
use crate::workspace::Workspace;

pub fn show(ui: &mut Ui, cx: &FrameCtx<'_>, workspace: &Workspace) {
    ui.add_space(6.0);
    ui.heading("Library");
    ui.label(
        RichText::new(workspace.corpus.root.display().to_string())
            .small()
            .weak(),
    );
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .id_salt("gloss-library-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Highlights that carry a note, per article: one pass a frame (notes change as
            // they are typed; the derived counts follow placement only).
            let mut notes: std::collections::HashMap<&str, usize> = Default::default();
            for a in workspace.notebook().annotations() {
                if !a.note.trim().is_empty() {
                    *notes.entry(a.article.as_str()).or_default() += 1;
                }
            }
            if workspace.corpus.articles.is_empty() {
                ui.label(RichText::new("This folder has no .txt or .md articles.").weak());
            }
            for article in &workspace.corpus.articles {
                let count = cx.derived.count(&article.file_name);
                let noted = notes.get(article.file_name.as_str()).copied().unwrap_or(0);
                let is_active = cx.active_article == Some(article.file_name.as_str());
                let title = excerpt(article.display_title(), 90);
                let response = ui
                    .add(egui::Button::selectable(is_active, RichText::new(title)).wrap())
                    .on_hover_text(format!(
                        "Open in pane {} — {}",
                        cx.active_pane + 1,
                        article.file_name
                    ));
                if response.clicked() {
                    cx.send(Action::SetArticle {
                        pane: cx.active_pane,
                        article: article.file_name.clone(),
                    });
                }
                response.context_menu(|ui| {
                    if ui
                        .button("Compare with earlier version")
                        .on_hover_text(
                            "The text gloss kept when highlights were made on it, beside the \
                             current one, with the changes marked",
                        )
                        .clicked()
                    {
                        cx.send(Action::CompareWithVersion {
                            article: article.file_name.clone(),
                            hash: None,
                        });
                    }
                });
                let mut meta = Vec::new();
                if let Some(source) = article.source_line() {
                    meta.push(source);
                }
                meta.push(article.file_name.clone());
                if count > 0 {
                    meta.push(counted(count, "highlight", "highlights"));
                }
                if noted > 0 {
                    meta.push(counted(noted, "note", "notes"));
                }
                ui.label(RichText::new(meta.join(" · ")).small().weak());
                if let Some(warning) = &article.warning {
                    ui.label(
                        RichText::new(format!("⚠ {warning}"))
                            .small()
                            .color(ui.visuals().warn_fg_color),
                    );
                }
                ui.add_space(6.0);
            }
            if !workspace.corpus.skipped.is_empty() {
                ui.separator();
                ui.label(
                    RichText::new(format!("Skipped ({})", workspace.corpus.skipped.len()))
                        .color(ui.visuals().warn_fg_color),
                );
                for s in &workspace.corpus.skipped {
                    ui.label(RichText::new(format!("{}: {}", s.file_name, s.reason)).small());
                }
            }
        });
}

/// "1 highlight", "3 notes".
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
