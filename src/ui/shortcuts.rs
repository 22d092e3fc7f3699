//! Keyboard shortcuts, read once per frame and turned into actions.
//!
//! While a text field has focus (a note is being typed) only `Escape` and `Ctrl+Q` are taken
//! here; everything else belongs to the text field, so typing "h" in a note never highlights.

use eframe::egui::{self, Event, Key, Modifiers};

use super::action::ScrollBy;
use super::action::UiAction;
use super::context::FrameCtx;
use super::side_panels::Side;
use crate::annotation::Color;
use crate::session::Action;

/// Reads this frame's keys and sends the actions they stand for.
pub fn read(ctx: &egui::Context, cx: &FrameCtx<'_>) {
    let typing = ctx.text_edit_focused();
    // The text has the keys while no widget has keyboard focus: Tab then steps through the
    // highlights instead of egui's focus moving to the first button (F10 reaches the menu;
    // once a widget has focus, Tab goes from widget to widget; Escape hands the keys back).
    let text_has_keys = !typing && ctx.memory(|m| m.focused()).is_none();
    if text_has_keys {
        let tab = ctx.input_mut(|i| {
            if i.consume_key(Modifiers::SHIFT, Key::Tab) {
                Some(-1)
            } else if i.consume_key(Modifiers::NONE, Key::Tab) {
                Some(1)
            } else {
                None
            }
        });
        if let Some(step) = tab {
            ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
            cx.send(Action::StepHighlight {
                pane: cx.active_pane,
                step,
            });
        }
    }
    // A file or folder dropped on the window opens (the first, when several are).
    if let Some(path) = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .next()
    }) {
        cx.send(UiAction::OpenPath(path));
    }
    ctx.input_mut(|i| {
        if i.consume_key(Modifiers::COMMAND, Key::Q) {
            cx.send(UiAction::Quit);
        }
        if i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::F) {
            cx.send(UiAction::OpenSearch);
        }
        if i.consume_key(Modifiers::COMMAND, Key::F) {
            cx.send(Action::OpenFind);
        }
        if i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::L) {
            cx.send(UiAction::TogglePanel(Side::Library));
        }
        if i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::N) {
            cx.send(UiAction::TogglePanel(Side::Notes));
        }
        if i.consume_key(Modifiers::NONE, Key::F11) {
            cx.send(UiAction::ToggleFullscreen);
        }
        if i.consume_key(Modifiers::NONE, Key::F10) {
            cx.send(UiAction::OpenMenuBar);
        }
        if cx.find.is_some() {
            if i.consume_key(Modifiers::SHIFT, Key::F3) {
                cx.send(Action::FindStep(-1));
            }
            if i.consume_key(Modifiers::NONE, Key::F3) {
                cx.send(Action::FindStep(1));
            }
        }
        if i.key_pressed(Key::Escape) {
            if cx.notices.link_prompt.is_some() {
                cx.send(UiAction::LinkPrompt(None));
            } else if cx.link_draft.is_some() {
                cx.send(Action::CancelLink);
            } else if cx.open_pair.is_some() {
                cx.send(UiAction::OpenPair(None));
            } else if cx.ui_state.show_correspondences && !typing {
                cx.send(UiAction::ToggleCorrespondences);
            } else if cx.find.is_some() && cx.editing.is_none() {
                cx.send(Action::CloseFind);
            } else if cx.editing.is_some() {
                cx.send(Action::CloseNoteEditor);
            } else if !typing {
                cx.send(Action::ClearSelection);
            }
        }
        if typing {
            return;
        }
        if i.consume_key(Modifiers::NONE, Key::F7) {
            cx.send(Action::ToggleCaret);
        }
        if cx.caret && text_has_keys {
            caret_keys(i, cx);
        }
        // Enter on the selected highlight opens its note (after Tab picked it).
        if text_has_keys
            && cx.editing.is_none()
            && !cx.ui_state.show_correspondences
            && let Some(id) = cx.selected
            && i.consume_key(Modifiers::NONE, Key::Enter)
        {
            cx.send(Action::OpenNoteEditor(id.to_owned()));
        }
        if i.consume_key(Modifiers::NONE, Key::C) {
            cx.send(UiAction::ToggleCompare);
        }
        if i.consume_key(Modifiers::NONE, Key::T) {
            cx.send(UiAction::ToggleCorrespondences);
        }
        // While the correspondence table is open, ↑/↓ walk its rows and Enter accepts.
        if cx.ui_state.show_correspondences {
            use super::correspondence_table as table;
            for (key, step) in [(Key::ArrowDown, 1), (Key::ArrowUp, -1)] {
                if i.consume_key(Modifiers::NONE, key)
                    && let Some(action) = table::step(cx, step)
                {
                    cx.send(action);
                }
            }
            if i.consume_key(Modifiers::NONE, Key::Enter)
                && let Some(action) = table::accept_selected(cx)
            {
                cx.send(action);
            }
        }
        if cx.link_draft.is_none() && i.consume_key(Modifiers::NONE, Key::L) {
            cx.send(Action::StartLink {
                pane: cx.active_pane,
            });
        }
        if i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z)
            || i.consume_key(Modifiers::COMMAND, Key::Y)
        {
            cx.send(Action::Redo);
        }
        if i.consume_key(Modifiers::COMMAND, Key::Z) {
            cx.send(Action::Undo);
        }
        let copy_event = i.events.iter().any(|e| matches!(e, Event::Copy));
        if copy_event || i.consume_key(Modifiers::COMMAND, Key::C) {
            cx.send(Action::CopySelection);
        }
        // Ctrl+Alt +/−: the article's text size. Ctrl +/−/0 alone are egui's zoom of the whole
        // interface (taken after this, at the end of the frame).
        let text = Modifiers::COMMAND | Modifiers::ALT;
        if i.consume_key(text, Key::Plus) || i.consume_key(text, Key::Equals) {
            cx.send(UiAction::FontSize(cx.font_size() + 1.0));
        }
        if i.consume_key(text, Key::Minus) {
            cx.send(UiAction::FontSize(cx.font_size() - 1.0));
        }
        if i.consume_key(Modifiers::NONE, Key::H) {
            cx.send(Action::HighlightSelection {
                pane: cx.active_pane,
                note: false,
            });
        }
        if i.consume_key(Modifiers::NONE, Key::N) {
            // With no text selected, the app opens the selected highlight's note instead.
            cx.send(Action::HighlightSelection {
                pane: cx.active_pane,
                note: true,
            });
        }
        let digits = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
        ];
        for (key, color) in digits.into_iter().zip(Color::ALL) {
            if i.consume_key(Modifiers::NONE, key) {
                cx.send(Action::PickColor(color));
            }
        }
        // Reading from the keyboard, in the active pane. Shift+Space first: a pattern without
        // Shift also matches a press with it.
        let scroll = [
            (Modifiers::SHIFT, Key::Space, ScrollBy::Pages(-1.0)),
            (Modifiers::NONE, Key::Space, ScrollBy::Pages(1.0)),
            (Modifiers::NONE, Key::PageDown, ScrollBy::Pages(1.0)),
            (Modifiers::NONE, Key::PageUp, ScrollBy::Pages(-1.0)),
            (Modifiers::NONE, Key::ArrowDown, ScrollBy::Lines(2.0)),
            (Modifiers::NONE, Key::ArrowUp, ScrollBy::Lines(-2.0)),
            (Modifiers::COMMAND, Key::Home, ScrollBy::Start),
            (Modifiers::COMMAND, Key::End, ScrollBy::End),
            (Modifiers::NONE, Key::Home, ScrollBy::Start),
            (Modifiers::NONE, Key::End, ScrollBy::End),
        ];
        for (modifiers, key, by) in scroll {
            // Caret browsing: the reading view moves the caret by lines with these.
            let caret_key = matches!(key, Key::ArrowDown | Key::ArrowUp | Key::Home | Key::End);
            // A focused widget (F10's menu, a button reached by Tab) keeps its keys.
            if (cx.caret && caret_key) || !text_has_keys {
                continue;
            }
            if i.consume_key(modifiers, key) {
                cx.send(Action::Scroll {
                    pane: cx.active_pane,
                    by,
                });
            }
        }
        if let Some(id) = cx.selected
            && (i.consume_key(Modifiers::NONE, Key::Delete)
                || i.consume_key(Modifiers::NONE, Key::Backspace))
        {
            cx.send(Action::Annotate(crate::notebook::Command::Delete {
                id: id.to_owned(),
            }));
        }
    });
}

/// Caret browsing: ←/→ by char, Ctrl+←/→ by word, Shift extends the selection. (↑/↓ and
/// Home/End need the lines as laid out: the reading view takes those.)
fn caret_keys(i: &mut egui::InputState, cx: &FrameCtx<'_>) {
    use crate::session::caret::CaretTo;
    let moves = [
        (
            Modifiers::COMMAND | Modifiers::SHIFT,
            Key::ArrowLeft,
            CaretTo::Words(-1),
            true,
        ),
        (
            Modifiers::COMMAND | Modifiers::SHIFT,
            Key::ArrowRight,
            CaretTo::Words(1),
            true,
        ),
        (
            Modifiers::COMMAND,
            Key::ArrowLeft,
            CaretTo::Words(-1),
            false,
        ),
        (
            Modifiers::COMMAND,
            Key::ArrowRight,
            CaretTo::Words(1),
            false,
        ),
        (Modifiers::SHIFT, Key::ArrowLeft, CaretTo::Chars(-1), true),
        (Modifiers::SHIFT, Key::ArrowRight, CaretTo::Chars(1), true),
        (Modifiers::NONE, Key::ArrowLeft, CaretTo::Chars(-1), false),
        (Modifiers::NONE, Key::ArrowRight, CaretTo::Chars(1), false),
    ];
    for (modifiers, key, to, extend) in moves {
        if i.consume_key(modifiers, key) {
            cx.send(Action::MoveCaret {
                pane: cx.active_pane,
                to,
                extend,
            });
        }
    }
}
