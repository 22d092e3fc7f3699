//! The banners under the menu bar (unreadable notes file, read-only), the toasts over the
//! window's bottom (notes not saved, progress of long work, a message) and the dialog that asks before quitting or opening
//! another folder would lose notes that cannot be saved. They read [`super::notices::Notices`]
//! through the [`FrameCtx`] and answer with actions (Dismiss, Try again…).

use std::path::Path;

use eframe::egui::{self, RichText, Ui};

use super::action::UiAction;
use super::context::FrameCtx;
use super::notices::AfterSave;
use crate::session::Action;
use crate::store::lock::LockError;
use crate::workspace::ReadOnly;

fn corrupt_copy_label(copy: Option<&Path>) -> Option<String> {
    copy.map(|p| {
        format!(
            "The unreadable file was copied, byte for byte, to {}",
            p.display()
        )
    })
}

fn read_only_banner(read_only: Option<&ReadOnly>) -> Option<String> {
    match read_only? {
        ReadOnly::Locked(e @ LockError::Held { .. }) => Some(format!(
            "🔒 Read-only: {e}. This window follows that one's changes; close it there to \
             annotate here."
        )),
        ReadOnly::Locked(e) => Some(format!(
            "🔒 Read-only: {e}. Notes are shown but cannot be changed here."
        )),
        ReadOnly::UnsafeFile(why) => Some(format!(
            "🔒 Read-only: {why}. Notes are shown but cannot be changed here."
        )),
        ReadOnly::Unreadable | ReadOnly::ReadMode => None,
    }
}

/// The banners under the menu bar — what is known when a corpus opens (its notes file cannot
/// be read, it is read-only) and stays so; nothing at all when there is nothing to say.
/// What comes and goes while the reader works is a toast over the window ([`toasts`]), so the
/// text never moves under the pointer.
pub fn banners(ui: &mut Ui, cx: &FrameCtx<'_>) {
    let ws = cx.workspace;
    let load_error = ws.and_then(|w| w.load_error.as_ref());
    let locked = read_only_banner(ws.and_then(|w| w.read_only()));
    if load_error.is_none() && locked.is_none() {
        return;
    }
    egui::Panel::top("gloss-banners").show(ui, |ui| {
        ui.add_space(2.0);
        let error = ui.visuals().error_fg_color;
        let warn = ui.visuals().warn_fg_color;
        if let (Some(e), Some(ws)) = (load_error, ws) {
            ui.colored_label(
                error,
                format!(
                    "⚠ The notes file could not be read — {e}. Annotating is disabled so that \
                     it is never overwritten."
                ),
            );
            if let Some(copy) = corrupt_copy_label(ws.corrupt_copy.as_deref()) {
                ui.label(RichText::new(copy).small());
            }
            if ws.can_recover() {
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(ws.backup_available(), egui::Button::new("Open last backup"))
                        .on_hover_text("Replace it with annotations.ron.bak, the last good version")
                        .on_disabled_hover_text("There is no readable backup")
                        .clicked()
                    {
                        cx.send(Action::RecoverFromBackup);
                    }
                    if ui
                        .button("Start fresh")
                        .on_hover_text("Start with no notes; the unreadable file stays aside")
                        .clicked()
                    {
                        cx.send(Action::StartFresh);
                    }
                });
            }
        }
        if let Some(text) = locked {
            ui.colored_label(warn, text);
        }
        ui.add_space(2.0);
    });
}

/// What comes and goes while the reader works — a save failing, long work's progress, a
/// message (with Undo where it says what a change did) — over the bottom of the window, on
/// top of the text: it takes no room, so nothing moves when it shows or goes.
pub fn toasts(ctx: &egui::Context, cx: &FrameCtx<'_>) {
    let notices = cx.notices;
    let ws = cx.workspace;
    let busy = cx.busy.filter(|_| ws.is_some());
    let empty = notices.save_error.is_none() && notices.message.is_none() && busy.is_none();
    // The area is kept even when empty (it then draws nothing): a new area spends its first
    // frame measuring itself unseen, and a failed save must show in the frame that learns it.
    let window = cx.below_menu;
    egui::Area::new(egui::Id::unique("gloss-toasts"))
        .order(egui::Order::Foreground)
        .fixed_pos(egui::pos2(window.center().x, window.bottom() - 12.0))
        .pivot(egui::Align2::CENTER_BOTTOM)
        .constrain_to(window)
        .show(ctx, |ui| {
            ui.set_max_width((window.width() - 40.0).min(720.0));
            if empty {
                return;
            }
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                let error = ui.visuals().error_fg_color;
                if let Some(e) = &notices.save_error {
                    ui.colored_label(
                        error,
                        format!("⚠ Notes are not saved: {e}. They are kept in memory; retrying…"),
                    );
                }
                if let Some((label, progress)) = busy {
                    progress_row(ui, label, progress);
                }
                if let Some(m) = &notices.message {
                    ui.horizontal_wrapped(|ui| {
                        let color = if m.is_error {
                            error
                        } else {
                            ui.visuals().text_color()
                        };
                        ui.colored_label(color, &m.text);
                        if m.undo && ui.button("Undo").on_hover_text("Ctrl+Z").clicked() {
                            cx.send(Action::Undo);
                            cx.send(UiAction::DismissMessage);
                        }
                        if ui.small_button("Dismiss").clicked() {
                            cx.send(UiAction::DismissMessage);
                        }
                    });
                }
            });
        });
}

/// A progress bar for long work: a fraction when the total is known, a spinner before.
fn progress_row(ui: &mut Ui, label: &str, progress: &crate::job::Progress) {
    ui.horizontal(|ui| {
        super::widgets::progress(ui, progress, 220.0);
        ui.label(format!("{label}…"));
    });
}

/// The dialog shown when quitting or opening another folder could not save the notes.
pub fn unsaved_dialog(ctx: &egui::Context, cx: &FrameCtx<'_>) {
    let Some(unsaved) = &cx.notices.unsaved else {
        return;
    };
    let (lose, discard) = match &unsaved.then {
        AfterSave::Quit => ("Quitting now", "Quit without saving"),
        AfterSave::Open(_) => ("Opening another folder now", "Discard and open"),
    };
    egui::Modal::new(egui::Id::unique("gloss-unsaved-on-quit")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("Your notes could not be saved");
        ui.add_space(4.0);
        ui.label(&unsaved.error);
        ui.add_space(4.0);
        ui.label(format!(
            "They are still here. {lose} would lose the unsaved changes."
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Try again").clicked() {
                cx.send(UiAction::RetrySave);
            }
            if ui.button("Save a copy elsewhere…").clicked() {
                cx.send(UiAction::SaveCopyElsewhere);
            }
            if ui.button(discard).clicked() {
                cx.send(UiAction::DiscardUnsaved);
            }
            if ui.button("Cancel").clicked() {
                cx.send(UiAction::CancelUnsaved);
            }
        });
    });
}
