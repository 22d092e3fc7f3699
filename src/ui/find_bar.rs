//! The find bar, in a strip of its own under the text of the pane it searches (as browsers
//! put theirs: it never covers the text, and opening it does not move the text): the query (matches update as
//! you type), "3 of 17", previous / next, match case and whole word, highlight or note the
//! current match, close. `Enter` / `Shift+Enter` step and hand the keyboard back to the
//! reading (so `H` and `N` act on the current match); `F3` / `Shift+F3` step from anywhere;
//! `Escape` closes.

use eframe::egui::{self, Id, RichText, TextEdit};

use super::context::FrameCtx;
use crate::session::Action;

/// Accessible name of the query field (its label).
pub const FIND_FIELD_LABEL: &str = "Find";

/// The strip's height: two rows of buttons and the frame around them.
pub fn height(ui: &egui::Ui) -> f32 {
    let spacing = ui.spacing();
    2.0 * spacing.interact_size.y + spacing.item_spacing.y + 6.0 + 2.0 * 4.0
}

/// Draws the bar in the strip under its pane's text (where it takes its own room, so it never
/// covers a match: the text above it is what the reader sees).
pub fn show(ui: &mut egui::Ui, cx: &FrameCtx<'_>) {
    let Some(find) = cx.find else { return };
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::symmetric(6, 3))
        .show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            // Two rows, always: the strip's height is known before it is drawn (the pane's
            // text gets the rest), and nothing wraps out of it in a narrow pane.
            ui.horizontal(|ui| {
                let label = ui.label(RichText::new(FIND_FIELD_LABEL).small());
                let mut query = find.query.clone();
                let response = ui
                    .add(
                        TextEdit::singleline(&mut query)
                            .id(Id::unique("gloss-find-field"))
                            .hint_text("in this article")
                            .desired_width(150.0_f32.min(ui.available_width() - 150.0).max(60.0)),
                    )
                    .labelled_by(label.id);
                if find.focus.take() {
                    response.request_focus();
                }
                if response.changed() {
                    cx.send(Action::FindQuery(query));
                }
                if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    let back = ui.input(|i| i.modifiers.shift);
                    cx.send(Action::FindStep(if back { -1 } else { 1 }));
                }
                ui.label(RichText::new(find.status()).small().weak());
                if ui
                    .small_button("↑")
                    .on_hover_text("Previous match (Shift+Enter, Shift+F3)")
                    .clicked()
                {
                    cx.send(Action::FindStep(-1));
                }
                if ui
                    .small_button("↓")
                    .on_hover_text("Next match (Enter, F3)")
                    .clicked()
                {
                    cx.send(Action::FindStep(1));
                }
                if ui
                    .small_button("×")
                    .on_hover_text("Close (Escape)")
                    .clicked()
                {
                    cx.send(Action::CloseFind);
                }
            });
            ui.horizontal(|ui| {
                if let Some(options) = super::widgets::search_options(ui, find.options) {
                    cx.send(Action::FindOptions(options));
                }
                let has_match = find.current.is_some() && cx.can_annotate();
                if ui
                    .add_enabled(has_match, egui::Button::new("Highlight").small())
                    .on_hover_text("Highlight the current match (H)")
                    .clicked()
                {
                    cx.send(Action::HighlightSelection {
                        pane: find.pane,
                        note: false,
                    });
                }
                if ui
                    .add_enabled(has_match, egui::Button::new("Note").small())
                    .on_hover_text("Highlight the current match and write a note (N)")
                    .clicked()
                {
                    cx.send(Action::HighlightSelection {
                        pane: find.pane,
                        note: true,
                    });
                }
            });
        });
}
