//! The menu bar: File, Edit, View, Help.

use eframe::egui::{self, Ui};

use super::action::UiAction;
use super::context::FrameCtx;
use super::side_panels::Side;
use super::state::MAX_PANES;
use super::theme::{MAX_FONT_SIZE, MIN_FONT_SIZE};
use crate::session::Action;

pub fn show(ui: &mut Ui, cx: &FrameCtx<'_>) {
    egui::MenuBar::new().ui(ui, |ui| {
        let file = ui.menu_button("File", |ui| {
            if ui.button("Open corpus folder…").clicked() {
                cx.send(UiAction::OpenCorpusDialog);
            }
            if ui
                .button("Open file…")
                .on_hover_text(
                    "One article: its folder becomes the corpus (or drop it on the window)",
                )
                .clicked()
            {
                cx.send(UiAction::OpenFileDialog);
            }
            ui.menu_button("Open recent", |ui| {
                if cx.ui_state.recent.is_empty() {
                    ui.label("No recent folders");
                }
                for folder in &cx.ui_state.recent {
                    if ui.button(folder.display().to_string()).clicked() {
                        cx.send(UiAction::OpenCorpus(folder.clone()));
                    }
                }
            });
            ui.separator();
            if ui
                .add_enabled(cx.workspace.is_some(), egui::Button::new("Export notes…"))
                .clicked()
            {
                cx.send(UiAction::ExportDialog);
            }
            ui.separator();
            if ui
                .add(egui::Button::new("Quit").shortcut_text("Ctrl+Q"))
                .clicked()
            {
                cx.send(UiAction::Quit);
            }
        });
        // F10: the File menu opens and its button takes the keyboard (arrows and Enter
        // go on from there).
        if cx.notices.open_menu_bar {
            egui::Popup::open_id(ui.ctx(), egui::Popup::default_response_id(&file.response));
            file.response.request_focus();
            cx.send(UiAction::MenuBarOpened);
        }
        ui.menu_button("Edit", |ui| {
            if ui
                .add_enabled(
                    cx.can_undo(),
                    egui::Button::new("Undo").shortcut_text("Ctrl+Z"),
                )
                .clicked()
            {
                cx.send(Action::Undo);
            }
            if ui
                .add_enabled(
                    cx.can_redo(),
                    egui::Button::new("Redo").shortcut_text("Ctrl+Shift+Z"),
                )
                .clicked()
            {
                cx.send(Action::Redo);
            }
            ui.separator();
            if ui
                .add_enabled(
                    cx.has_selection,
                    egui::Button::new("Copy").shortcut_text("Ctrl+C"),
                )
                .clicked()
            {
                cx.send(Action::CopySelection);
            }
            ui.separator();
            if ui
                .add(egui::Button::new("Find in article…").shortcut_text("Ctrl+F"))
                .clicked()
            {
                cx.send(Action::OpenFind);
            }
            if ui
                .add(egui::Button::new("Search everywhere…").shortcut_text("Ctrl+Shift+F"))
                .clicked()
            {
                cx.send(UiAction::OpenSearch);
            }
        });
        ui.menu_button("View", |ui| {
            let mut caret = cx.caret;
            if ui
                .add(egui::Checkbox::new(&mut caret, "Caret browsing (F7)"))
                .on_hover_text("Arrows move a caret in the active pane; Shift selects")
                .clicked()
            {
                cx.send(Action::ToggleCaret);
            }
            if ui
                .add(egui::Button::new("Next highlight").shortcut_text("Tab"))
                .clicked()
            {
                cx.send(Action::StepHighlight {
                    pane: cx.active_pane,
                    step: 1,
                });
            }
            ui.separator();
            if ui
                .button("Tags…")
                .on_hover_text("Rename, merge and delete tags")
                .clicked()
            {
                cx.send(UiAction::ToggleTags);
            }
            if ui
                .button("Overview…")
                .on_hover_text("Highlights per tag and colour in each article")
                .clicked()
            {
                cx.send(UiAction::ToggleOverview);
            }
            if ui
                .add(egui::Button::new("Correspondences…").shortcut_text("T"))
                .on_hover_text("What corresponds between the two articles side by side, row by row")
                .clicked()
            {
                cx.send(UiAction::ToggleCorrespondences);
            }
            ui.separator();
            panel_toggles(ui, cx);
            ui.separator();
            if ui
                .add_enabled(cx.pane_count < MAX_PANES, egui::Button::new("Add pane"))
                .clicked()
            {
                cx.send(Action::AddPane);
            }
            ui.separator();
            let size = cx.ui_state.font_size;
            ui.menu_button("Text size", |ui| {
                if ui
                    .add_enabled(
                        size < MAX_FONT_SIZE,
                        egui::Button::new("Larger text").shortcut_text("Ctrl+Alt++"),
                    )
                    .clicked()
                {
                    cx.send(UiAction::FontSize(size + 1.0));
                }
                if ui
                    .add_enabled(
                        size > MIN_FONT_SIZE,
                        egui::Button::new("Smaller text").shortcut_text("Ctrl+Alt+-"),
                    )
                    .clicked()
                {
                    cx.send(UiAction::FontSize(size - 1.0));
                }
                if ui.button("Default size").clicked() {
                    cx.send(UiAction::FontSize(super::theme::DEFAULT_FONT_SIZE));
                }
            });
            // The whole interface, as egui zooms it (Ctrl++, Ctrl+−, Ctrl+0).
            ui.menu_button("Zoom", egui::gui_zoom::zoom_menu_buttons);
            ui.separator();
            let toggles = [
                (
                    cx.ui_state.compare,
                    "Compare neighbouring panes (C)",
                    "Mark the passages that have a counterpart in the next pane",
                    UiAction::ToggleCompare,
                ),
                (
                    cx.ui_state.shade_omissions,
                    "Shade passages without counterpart",
                    "In compare mode, mark in the margin what the next pane does not tell",
                    UiAction::ToggleOmissions,
                ),
                (
                    cx.ui_state.sync_scroll,
                    "Scroll panes in step",
                    "Keep the neighbouring pane level with the one you scroll",
                    UiAction::ToggleSyncScroll,
                ),
            ];
            for (on, label, hover, action) in toggles {
                let label = if on {
                    format!("✓ {label}")
                } else {
                    label.to_owned()
                };
                if ui.button(label).on_hover_text(hover).clicked() {
                    cx.send(action);
                }
            }
            ui.separator();
            let label = if cx.ui_state.theme.is_dark() {
                "Light theme"
            } else {
                "Dark theme"
            };
            if ui.button(label).clicked() {
                cx.send(UiAction::ToggleTheme);
            }
        });
        ui.menu_button("Help", |ui| {
            if ui.button("Keyboard shortcuts").clicked() {
                cx.send(UiAction::ToggleShortcuts);
            }
        });
    });
}

/// Library, notes and full screen, each with its shortcut; a panel the window folded away
/// says so.
fn panel_toggles(ui: &mut Ui, cx: &FrameCtx<'_>) {
    let panels = cx.ui_state.panels;
    for (side, label, keys) in [
        (Side::Library, "Library panel", "Ctrl+Shift+L"),
        (Side::Notes, "Notes panel", "Ctrl+Shift+N"),
    ] {
        let shown = panels.is_shown(side);
        let text = if shown {
            format!("✓ {label}")
        } else {
            label.to_owned()
        };
        let mut button = ui.add(egui::Button::new(text).shortcut_text(keys));
        if panels.is_folded(side) {
            button = button.on_hover_text(
                "Folded away: the window is too narrow for it and the panes. Show it anyway, \
                 or widen the window.",
            );
        }
        if button.clicked() {
            cx.send(UiAction::TogglePanel(side));
        }
    }
    let text = if cx.ui_state.fullscreen {
        "✓ Full screen"
    } else {
        "Full screen"
    };
    if ui
        .add(egui::Button::new(text).shortcut_text("F11"))
        .clicked()
    {
        cx.send(UiAction::ToggleFullscreen);
    }
}

/// The shortcuts, as shown in Help ▸ Keyboard shortcuts (and in the README).
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Drag", "select text (across paragraphs)"),
    ("Double-click / triple-click", "select a word / a paragraph"),
    ("Shift+click", "extend the selection"),
    ("H", "highlight the selection"),
    ("N", "highlight the selection and write a note"),
    (
        "1 – 6",
        "pick the colour (recolours the selected highlight)",
    ),
    ("Click a highlight", "select it"),
    (
        "Tab / Shift+Tab",
        "select the next / previous highlight of the active pane (Enter opens its note)",
    ),
    (
        "F7",
        "caret browsing: arrows move a caret, Ctrl+arrows by word, Shift selects; then H, N, L",
    ),
    ("F10", "the menu bar (arrows and Enter go on from there)"),
    ("Delete / Backspace", "delete the selected highlight"),
    (
        "Escape",
        "cancel a link, close the note editor, clear the selection",
    ),
    (
        "Space / Shift+Space",
        "next / previous screen in the active pane",
    ),
    ("Page Down / Page Up", "next / previous screen"),
    ("↓ / ↑", "scroll by two lines"),
    ("Home / End", "start / end of the article"),
    (
        "L",
        "link the selection or selected highlight to a passage in another pane",
    ),
    (
        "C",
        "compare: tint passages with a counterpart in the next pane",
    ),
    (
        "T",
        "correspondences: the two articles as aligned rows (↑/↓ walk, Enter accepts, Esc closes)",
    ),
    (
        "Click a suggestion",
        "compare mode: its word diff, Accept or Dismiss",
    ),
    (
        "Ctrl+F",
        "find in the active pane's article (Enter / F3 next, Shift+Enter / Shift+F3 previous)",
    ),
    ("Ctrl+Shift+F", "search every article, quote, note and tag"),
    ("Ctrl+C", "copy the selection"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo"),
    (
        "Ctrl++ / Ctrl+- / Ctrl+0",
        "zoom the whole window in / out / back",
    ),
    ("Ctrl+Alt++ / Ctrl+Alt+-", "larger / smaller article text"),
    (
        "Ctrl+Shift+L / Ctrl+Shift+N",
        "show or hide the library / notes panel",
    ),
    ("F11", "full screen"),
    ("Ctrl+Q", "save and quit"),
];

/// The keyboard shortcuts window, while the reader has it open; its close button sends
/// the toggle like the Help menu does.
pub fn shortcuts_window(ctx: &egui::Context, cx: &FrameCtx<'_>) {
    if !cx.notices.show_shortcuts {
        return;
    }
    let mut open = true;
    egui::Window::new("Keyboard shortcuts")
        .constrain_to(cx.below_menu)
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("gloss-shortcuts")
                .striped(true)
                .show(ui, |ui| {
                    for (keys, what) in SHORTCUTS {
                        ui.strong(*keys);
                        ui.label(*what);
                        ui.end_row();
                    }
                });
        });
    if !open {
        cx.send(UiAction::ToggleShortcuts);
    }
}
