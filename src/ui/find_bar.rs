//! The find bar, drawn over the top of the pane it searches: the query (matches update as
//! you type), "3 of 17", previous / next, match case and whole word, highlight or note the
//! current match, close. `Enter` / `Shift+Enter` step and hand the keyboard back to the
//! reading (so `H` and `N` act on the current match); `F3` / `Shift+F3` step from anywhere;
//! `Escape` closes.

use eframe::egui::{self, Id, RichText, TextEdit};

use super::context::FrameCtx;
use crate::session::Action;

/// Accessible name of the query field (its label).
pub const FIND_FIELD_LABEL: &str = "Find";

/// Where the bar's height is kept between frames (the reading view keeps the text under it
/// out of what counts as in sight).
fn height_id() -> Id {
    Id::unique("gloss-find-bar-height")
}

/// How far the bar reaches below the top of its pane, as last drawn (before its first frame,
/// an estimate of two rows).
pub fn height(ctx: &egui::Context) -> f32 {
    ctx.data(|d| d.get_temp(height_id())).unwrap_or(64.0)
}

pub fn show(ctx: &egui::Context, cx: &FrameCtx<'_>, within: Option<egui::Rect>) {
    let Some(find) = cx.find else { return };
    let Some(rect) = within else { return };
    let shown = egui::Area::new(Id::unique("gloss-find-bar"))
        .order(egui::Order::Foreground)
        .fixed_pos(egui::pos2(rect.right() - 20.0, rect.top() + 4.0))
        .pivot(egui::Align2::RIGHT_TOP)
        .constrain_to(rect)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    let label = ui.label(RichText::new(FIND_FIELD_LABEL).small());
                    let mut query = find.query.clone();
                    let response = ui
                        .add(
                            TextEdit::singleline(&mut query)
                                .id(Id::unique("gloss-find-field"))
                                .hint_text("in this article")
                                .desired_width(150.0),
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
                        .small_button("×")
                        .on_hover_text("Close (Escape)")
                        .clicked()
                    {
                        cx.send(Action::CloseFind);
                    }
                });
                ui.horizontal(|ui| {
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
        });
    let reach = shown.response.rect.bottom() - rect.top();
    ctx.data_mut(|d| d.insert_temp(height_id(), reach));
}
