//! *Compare with earlier version*, its pane header: what the pane shows, the summary of the
//! changes, previous / next change and close (the state is [`super::version_state`]).

use eframe::egui::{self, RichText, Ui};

use super::context::FrameCtx;
use crate::session::Action;
use crate::session::version_view::VersionView;

/// The header of the pane showing the earlier version: what it is, the summary, previous /
/// next change and close.
pub fn header(ui: &mut Ui, cx: &FrameCtx<'_>, view: &VersionView) {
    // Two lines, so a narrow pane truncates the label rather than drawing the buttons over
    // it: what the pane shows and *Close*; then the summary between previous and next.
    ui.horizontal(|ui| {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("Close")
                .on_hover_text("Close the earlier version")
                .clicked()
            {
                cx.send(Action::CloseVersion);
            }
            ui.add(
                egui::Label::new(
                    RichText::new(format!(
                        "Earlier version · kept {} · read-only",
                        view.from.kept.strftime("%-d %b %Y %H:%M")
                    ))
                    .strong(),
                )
                .truncate(),
            );
        });
    });
    ui.horizontal(|ui| {
        let any = !view.changes.is_empty();
        if ui
            .add_enabled(any, egui::Button::new("◀ Previous").small())
            .clicked()
        {
            cx.send(Action::VersionStep(-1));
        }
        if ui
            .add_enabled(any, egui::Button::new("Next change ▶").small())
            .clicked()
        {
            cx.send(Action::VersionStep(1));
        }
        let at = view
            .current
            .map(|i| format!(" — change {} of {}", i + 1, view.changes.len()))
            .unwrap_or_default();
        ui.add(
            egui::Label::new(
                RichText::new(format!("{}{at}", view.summary))
                    .small()
                    .weak(),
            )
            .truncate(),
        );
    });
}
