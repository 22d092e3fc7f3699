//! Links in an article's text (Markdown clippings and saved web pages): where one goes shows
//! on hover, and a click asks before anything opens. A reader selecting text must never be
//! sent to a browser by a stray click, and a saved page's link may lead anywhere — so the
//! target is shown in full first, and only web and mail links can be opened at all
//! ([`crate::document::openable`]).

use eframe::egui::{self, Ui};

use super::action::UiAction;
use super::context::FrameCtx;
use super::pane::Pane;
use crate::corpus::Article;

/// The link under screen position `pos` in a pane, if the pointer is on its text.
pub fn link_under<'a>(pane: &Pane, article: &'a Article, pos: egui::Pos2) -> Option<&'a str> {
    let doc = article.document.as_deref()?;
    let c = pane.char_at(pos)?;
    // A caret position lands between chars: the char to its right must be on the line under
    // the pointer, not the end of a line beside it.
    pane.placed_at_char(c)
        .filter(|p| p.rect.contains(pos))
        .and_then(|_| doc.link_at(c))
}

/// While the pointer is on a link: a hand cursor and the link's target. Returns whether it
/// showed.
pub fn hover(ui: &Ui, pane: &Pane, article: &Article, response: &egui::Response) -> bool {
    if pane.dragging {
        return false;
    }
    let Some(href) = response
        .hover_pos()
        .and_then(|pos| link_under(pane, article, pos))
    else {
        return false;
    };
    ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.set_max_width(420.0);
        ui.label(egui::RichText::new(href).monospace());
        let how = match crate::document::openable(href) {
            Ok(_) => "Click to open it (gloss asks first)",
            Err(why) => why,
        };
        ui.label(egui::RichText::new(how).small().weak());
    });
    true
}

/// "Open this link?": the target in full, *Open in browser* (web and mail links only), *Copy
/// link*, *Cancel*.
pub fn prompt(ctx: &egui::Context, cx: &FrameCtx<'_>) {
    let Some(href) = &cx.notices.link_prompt else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::unique("gloss-open-link")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading("Open this link?");
        ui.add_space(4.0);
        ui.add(egui::Label::new(egui::RichText::new(href).monospace()).wrap());
        let openable = crate::document::openable(href);
        match &openable {
            Err(why) => {
                ui.add_space(4.0);
                ui.colored_label(ui.visuals().warn_fg_color, *why);
            }
            // What will open, exactly, when it differs from the text of the link.
            Ok(url) if url != href.trim() => {
                ui.add_space(4.0);
                ui.label("Opens exactly:");
                ui.add(egui::Label::new(egui::RichText::new(url).monospace()).wrap());
            }
            Ok(_) => {}
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if let Ok(url) = &openable
                && ui.button("Open in browser").clicked()
            {
                cx.send(UiAction::OpenUrl(url.clone()));
            }
            if ui.button("Copy link").clicked() {
                ui.ctx().copy_text(href.clone());
                cx.send(UiAction::LinkPrompt(None));
            }
            if ui.button("Cancel").clicked() {
                cx.send(UiAction::LinkPrompt(None));
            }
        });
    });
    if modal.should_close() {
        cx.send(UiAction::LinkPrompt(None));
    }
}
