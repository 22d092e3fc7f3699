//! View ▸ Tags: every tag in use with how many highlights carry it; rename (into a tag in use:
//! merge), or delete, everywhere at once — each one undoable command.

use eframe::egui::{self, Id, RichText, TextEdit};

use super::action::UiAction;
use super::context::FrameCtx;
use super::tag_editor::chip;
use crate::session::Action;
use crate::workspace::Workspace;

/// Accessible name of a tag's rename field: `Rename <tag>`.
pub fn rename_label(tag: &str) -> String {
    format!("Rename {tag}")
}

pub fn show(ctx: &egui::Context, cx: &FrameCtx<'_>, ws: &Workspace) {
    if !cx.ui_state.show_tags {
        return;
    }
    let mut open = true;
    egui::Window::new("Tags")
        .constrain_to(cx.below_menu)
        .id(Id::unique("gloss-tags-window"))
        .default_width(360.0)
        .open(&mut open)
        .show(ctx, |ui| {
            let in_use = crate::tags::in_use(ws.notebook().annotations());
            if in_use.is_empty() {
                ui.label(
                    RichText::new("No tags yet. Add one to a highlight from its toolbar or note.")
                        .weak(),
                );
                return;
            }
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .show(ui, |ui| {
                    egui::Grid::new("gloss-tags-grid")
                        .num_columns(4)
                        .striped(true)
                        .show(ui, |ui| {
                            for (tag, count) in crate::tags::listed(&in_use) {
                                chip(ui, tag);
                                ui.label(RichText::new(count.to_string()).weak());
                                let id = Id::unique(("gloss-rename-tag", tag));
                                let mut draft: String = ui
                                    .data(|d| d.get_temp(id))
                                    .unwrap_or_else(|| tag.to_owned());
                                let label = rename_label(tag);
                                let field = ui
                                    .add(
                                        TextEdit::singleline(&mut draft)
                                            .char_limit(crate::limits::MAX_TAG_CHARS)
                                            .desired_width(130.0),
                                    )
                                    .on_hover_text("A new name; a name in use merges the two");
                                field.widget_info(|| {
                                    let mut info =
                                        egui::WidgetInfo::text_edit(true, tag, &draft, "");
                                    info.label = Some(label.clone());
                                    info
                                });
                                ui.data_mut(|d| d.insert_temp(id, draft.clone()));
                                ui.horizontal(|ui| {
                                    let target = crate::tags::normalise(&draft);
                                    let merge = target
                                        .as_ref()
                                        .is_some_and(|t| t != tag && in_use.contains_key(t));
                                    let rename_text = if merge { "Merge" } else { "Rename" };
                                    let changed = target.as_ref().is_some_and(|t| t != tag);
                                    if ui
                                        .add_enabled(
                                            changed && cx.can_annotate(),
                                            egui::Button::new(rename_text).small(),
                                        )
                                        .clicked()
                                        && let Some(cmd) = crate::tags::rename(
                                            ws.notebook().annotations(),
                                            tag,
                                            &draft,
                                        )
                                    {
                                        cx.send(Action::Annotate(cmd));
                                        ui.data_mut(|d| d.remove::<String>(id));
                                    }
                                    if ui
                                        .add_enabled(
                                            cx.can_annotate(),
                                            egui::Button::new("Delete").small(),
                                        )
                                        .on_hover_text(format!(
                                            "Remove {tag} from {count} highlights"
                                        ))
                                        .clicked()
                                        && let Some(cmd) =
                                            crate::tags::delete(ws.notebook().annotations(), tag)
                                    {
                                        cx.send(Action::Annotate(cmd));
                                    }
                                });
                                ui.end_row();
                            }
                        });
                });
        });
    if !open {
        cx.send(UiAction::ToggleTags);
    }
}
