//! The link being made, drawn: the hint while its second end is awaited, then the small
//! window that picks the relation and takes a note ([`super::link_draft`] holds the state).

use eframe::egui::{self, Id, RichText, TextEdit};

use super::context::FrameCtx;
use super::fonts::reading_font;
use super::theme;
use super::widgets::excerpt;
use crate::link::Relation;
use crate::session::Action;
use crate::session::link_draft::end_text;
use crate::workspace::Workspace;

/// Accessible name of the link note field.
pub const LINK_NOTE_LABEL: &str = "Link note";

/// The hint while the second end is awaited, or the relation window once it is picked.
pub fn show(ctx: &egui::Context, cx: &FrameCtx<'_>, ws: &Workspace) {
    let Some(draft) = cx.link_draft else { return };
    if draft.waiting() {
        egui::Area::new(Id::unique("gloss-link-hint"))
            .order(egui::Order::Foreground)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 64.0))
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(format!(
                            "Linking “{}” — select the other passage or click a highlight",
                            excerpt(&end_text(ws, &draft.from), 50)
                        ));
                        if ui.button("Cancel").on_hover_text("Esc").clicked() {
                            cx.send(Action::CancelLink);
                        }
                    });
                });
            });
        return;
    }
    let to = draft.to.as_ref().expect("not waiting");
    let mut open = true;
    egui::Window::new("Link passages")
        .constrain_to(cx.below_menu)
        .id(Id::unique("gloss-link-window"))
        .collapsible(false)
        .resizable(false)
        .default_width(380.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .open(&mut open)
        .show(ctx, |ui| {
            let quote = |text: String| {
                RichText::new(format!("“{}”", excerpt(&text, 140)))
                    .font(reading_font(cx.font_size() * 0.8))
                    .italics()
            };
            ui.label(quote(end_text(ws, &draft.from)));
            ui.label(RichText::new("↕").weak());
            ui.label(quote(end_text(ws, to)));
            ui.add_space(6.0);
            ui.label("Relation");
            ui.horizontal_wrapped(|ui| {
                for relation in Relation::ALL {
                    let text =
                        RichText::new(relation.label()).color(theme::relation(relation, cx.dark()));
                    if ui
                        .selectable_label(draft.relation == relation, text)
                        .clicked()
                    {
                        cx.send(Action::LinkDraftRelation(relation));
                    }
                }
            });
            ui.add_space(4.0);
            let label = ui.label(LINK_NOTE_LABEL);
            let mut note = draft.note.clone();
            let response = ui
                .add(
                    TextEdit::multiline(&mut note)
                        .id(Id::unique("gloss-link-note"))
                        .hint_text("Why they are linked (optional)")
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if response.changed() {
                cx.send(Action::LinkDraftNote(note));
            }
            ui.horizontal(|ui| {
                if ui.button("Link").on_hover_text("Enter").clicked() {
                    cx.send(Action::FinishLink);
                }
                if ui.button("Cancel").on_hover_text("Esc").clicked() {
                    cx.send(Action::CancelLink);
                }
            });
            if !response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                cx.send(Action::FinishLink);
            }
        });
    if !open {
        cx.send(Action::CancelLink);
    }
}
