//! A paginated article's page button in its pane's header: it shows the page the pane is on
//! ("p. 12", the label printed on the page) and opens *Go to page…*, which takes a printed
//! label ("xiv", "12") or, failing that, a page's number in the file ("#15" or "15").

use eframe::egui::{self, Ui};

use super::context::FrameCtx;
use crate::corpus::Article;
use crate::document::pages::find_page;
use crate::session::Action;

/// The page button of pane `pane` (its top at char `top`), for an article with pages.
pub fn button(ui: &mut Ui, cx: &FrameCtx<'_>, pane: usize, article: &Article, top: usize) {
    let Some(doc) = article.document.as_deref().filter(|d| !d.pages.is_empty()) else {
        return;
    };
    let current = doc.page_at(top).map_or("1", |p| p.label.as_str());
    let response = ui.menu_button(format!("p. {current}"), |ui| {
        ui.set_min_width(220.0);
        let typed_id = egui::Id::unique(("gloss-go-to-page", pane));
        let mut typed: String = ui.data(|d| d.get_temp(typed_id)).unwrap_or_default();
        let mut go = false;
        ui.horizontal(|ui| {
            let label = ui.label("Go to page");
            let field = ui
                .add(egui::TextEdit::singleline(&mut typed).desired_width(70.0))
                .labelled_by(label.id);
            if !field.has_focus() && typed.is_empty() {
                field.request_focus();
            }
            go |= field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            go |= ui.button("Go").clicked();
        });
        ui.label(
            egui::RichText::new(format!(
                "{} pages: a printed number, or #N for the Nth page of the file",
                doc.pages.len()
            ))
            .small(),
        );
        let found = find_page(&doc.pages, &typed);
        if !typed.trim().is_empty() && found.is_none() {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("No page “{}”", typed.trim()),
            );
        }
        if go && let Some(i) = found {
            cx.send(Action::JumpTo {
                pane,
                char: doc.pages[i].start,
            });
            typed.clear();
            ui.close_kind(egui::UiKind::Menu);
        }
        ui.data_mut(|d| d.insert_temp(typed_id, typed));
    });
    let label = format!("Page of pane {}: p. {current}", pane + 1);
    response
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, ui.is_enabled(), &label));
    response.response.on_hover_text(format!(
        "Page {current} of {} — go to a page",
        doc.pages.len()
    ));
}
