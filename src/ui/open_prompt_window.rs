//! The window of the in-app path field ([`super::open_prompt`]): the field, its completions,
//! the recent folders, *Open* and *Cancel*.

use eframe::egui::{self, Key, RichText};

use super::action::UiAction;
use super::context::FrameCtx;

/// The height kept for the completions under the field.
const COMPLETIONS_HEIGHT: f32 = 160.0;

/// The prompt's window, when it is open.
pub fn show(ctx: &egui::Context, cx: &FrameCtx<'_>) {
    let Some(prompt) = &cx.notices.open_prompt else {
        return;
    };
    let title = if prompt.files_too {
        "Open a folder or an article"
    } else {
        "Open a folder"
    };
    let modal = egui::Modal::new(egui::Id::unique("gloss-open-prompt")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.heading(title);
        ui.label(
            RichText::new(
                "No file dialog can open here (no desktop portal or zenity): type the path.",
            )
            .weak(),
        );
        ui.add_space(6.0);
        let mut text = prompt.text.clone();
        let label = ui.label("Path");
        let id = egui::Id::unique("gloss-open-prompt-field");
        if prompt.focus {
            // Opened, or the text was completed: typing goes on at its end.
            let mut state = egui::text_edit::TextEditState::load(ctx, id).unwrap_or_default();
            let end = egui::text::CCursor::new(prompt.text.chars().count());
            state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::one(end)));
            state.store(ctx, id);
            ctx.memory_mut(|m| m.request_focus(id));
            cx.send(UiAction::PromptFocused);
        }
        // Tab completes instead of leaving the field (focus is locked to it).
        let field = ui.add(
            egui::TextEdit::singleline(&mut text)
                .id(id)
                .lock_focus(true)
                .desired_width(f32::INFINITY)
                .hint_text("/home/me/articles"),
        );
        let field = field.labelled_by(label.id);
        let tab = field.has_focus() && ui.input(|i| i.key_pressed(Key::Tab));
        if field.changed() {
            cx.send(UiAction::PromptText(text.clone()));
        }
        if tab && let Some(done) = prompt.completed() {
            cx.send(UiAction::PromptComplete(done));
        }
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        if let Some(error) = &prompt.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        // The completions' room is kept whether there are any or not: the buttons below do
        // not move under the pointer as the reader types.
        ui.add_space(4.0);
        egui::ScrollArea::vertical()
            .min_scrolled_height(COMPLETIONS_HEIGHT)
            .max_height(COMPLETIONS_HEIGHT)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for e in &prompt.entries {
                    let name = e
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let shown = if e.is_dir { format!("{name}/") } else { name };
                    if ui.selectable_label(false, shown).clicked() {
                        let mut next = e.path.to_string_lossy().into_owned();
                        if e.is_dir {
                            next.push(std::path::MAIN_SEPARATOR);
                        }
                        cx.send(UiAction::PromptComplete(next));
                    }
                }
            });
        if !cx.ui_state.recent.is_empty() {
            ui.add_space(6.0);
            ui.label(RichText::new("Recent folders").strong());
            for folder in &cx.ui_state.recent {
                if ui.link(folder.to_string_lossy()).clicked() {
                    cx.send(UiAction::ClosePrompt);
                    cx.send(UiAction::OpenCorpus(folder.clone()));
                }
            }
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Open").clicked() || enter {
                cx.send(UiAction::PromptOpen);
            }
            if ui.button("Cancel").clicked() {
                cx.send(UiAction::ClosePrompt);
            }
        });
    });
    if modal.should_close() {
        cx.send(UiAction::ClosePrompt);
    }
}
