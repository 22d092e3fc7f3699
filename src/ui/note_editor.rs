//! Editing one annotation: the floating toolbar by a selected highlight and the note window.
//!
//! The note is edited in place: every keystroke sends a `SetNote` command (merged into one
//! undo step per typing session), so the note is saved as you type and there is no "Save"
//! button to forget.

use eframe::egui::{self, Id, Pos2, Rect, TextEdit, Ui};

use super::context::FrameCtx;
use super::fonts::reading_font;
use super::widgets::{color_chip_button, excerpt};
use crate::annotation::{Annotation, Color};
use crate::notebook::Command;
use crate::session::Action;

/// Accessible name of the note editor's text field.
pub const NOTE_FIELD_LABEL: &str = "Note text";

/// The toolbar shown by a selected highlight: recolour, open the note, delete. It is kept
/// inside `within`, the pane showing the highlight.
pub fn annotation_toolbar(
    ctx: &egui::Context,
    at: Pos2,
    within: Rect,
    annotation: &Annotation,
    cx: &FrameCtx<'_>,
) {
    egui::Area::new(Id::unique("gloss-annotation-toolbar"))
        .order(egui::Order::Foreground)
        .fixed_pos(at)
        .constrain_to(within)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                // Two rows: the colours, then the actions — narrow enough for a pane.
                ui.horizontal(|ui| color_row(ui, annotation, cx));
                ui.horizontal(|ui| {
                    let label = if annotation.note.is_empty() {
                        "Add note"
                    } else {
                        "Edit note"
                    };
                    if ui.button(label).on_hover_text("N").clicked() {
                        cx.send(Action::OpenNoteEditor(annotation.id.clone()));
                    }
                    if let Some(ws) = cx.workspace {
                        let tags = if annotation.tags.is_empty() {
                            "Tags".to_owned()
                        } else {
                            format!("Tags ({})", annotation.tags.len())
                        };
                        ui.menu_button(tags, |ui| {
                            ui.set_min_width(220.0);
                            super::tag_editor::show(ui, cx, ws, annotation);
                        });
                    }
                    if cx.link_draft.is_none()
                        && ui
                            .button("Link…")
                            .on_hover_text("Link this highlight to a passage in another pane (L)")
                            .clicked()
                    {
                        cx.send(Action::StartLink {
                            pane: cx.active_pane,
                        });
                    }
                    if ui
                        .button("Delete")
                        .on_hover_text("Delete the highlight (Del)")
                        .clicked()
                    {
                        cx.send(Action::Annotate(Command::Delete {
                            id: annotation.id.clone(),
                        }));
                    }
                });
            });
        });
}

fn color_row(ui: &mut Ui, annotation: &Annotation, cx: &FrameCtx<'_>) {
    for color in Color::ALL {
        if color_chip_button(ui, color, annotation.color == color).clicked() {
            cx.send(Action::PickColor(color));
        }
    }
}

/// The note window, placed near `at` (the end of the highlight) when it is on screen.
pub fn note_window(
    ctx: &egui::Context,
    at: Option<Pos2>,
    annotation: &Annotation,
    cx: &FrameCtx<'_>,
) {
    let (focus, font_size) = (cx.focus_note, cx.font_size());
    let mut open = true;
    // One window id per annotation: egui remembers a window's position by id, so each note
    // opens by its own highlight the first time, and where the reader last put it after that.
    let mut window = egui::Window::new("Note")
        .constrain_to(cx.below_menu)
        .id(Id::unique(("gloss-note-window", &annotation.id)))
        .collapsible(false)
        .resizable(true)
        .default_width(340.0)
        .open(&mut open);
    if let Some(at) = at {
        window = window.default_pos(at);
    }
    window.show(ctx, |ui| {
        ui.label(
            egui::RichText::new(format!("“{}”", excerpt(&annotation.quote.exact, 160)))
                .font(reading_font(font_size * 0.85))
                .italics(),
        );
        ui.add_space(4.0);
        ui.horizontal(|ui| color_row(ui, annotation, cx));
        if let Some(ws) = cx.workspace {
            super::tag_editor::show(ui, cx, ws, annotation);
        }
        ui.add_space(4.0);
        let mut note = annotation.note.clone();
        let label = ui.label(NOTE_FIELD_LABEL);
        let response = ui
            .add(
                TextEdit::multiline(&mut note)
                    .id(Id::unique(("gloss-note-field", &annotation.id)))
                    .hint_text("Write a note… (saved as you type; Esc closes)")
                    .font(reading_font(font_size * 0.9))
                    .desired_rows(5)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if focus {
            response.request_focus();
        }
        if response.changed() {
            cx.send(Action::Annotate(Command::SetNote {
                id: annotation.id.clone(),
                note,
            }));
        }
        ui.horizontal(|ui| {
            if ui.button("Done").on_hover_text("Esc").clicked() {
                cx.send(Action::CloseNoteEditor);
            }
            if ui.button("Delete highlight").clicked() {
                cx.send(Action::Annotate(Command::Delete {
                    id: annotation.id.clone(),
                }));
            }
        });
    });
    if !open {
        cx.send(Action::CloseNoteEditor);
    }
}
