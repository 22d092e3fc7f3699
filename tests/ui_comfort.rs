//! The side panels make room for the text: they hide and show from the keyboard and the View
//! menu, fold away on their own when the window is too narrow for the panes, and full screen
//! is one key away.

mod common;

use eframe::egui::{self, Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gloss::ui::GlossApp;
use gloss::ui::dialogs::ScriptedDialogs;

/// A corpus of two articles of long paragraphs of ordinary prose, so that every line on
/// screen is a full one.
fn prose_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sentence = "The committee said on Tuesday that the inquiry into the sale of the \
                    harbour land would report before the summer, and that every letter \
                    written by the council would be published in full. ";
    for name in ["first.txt", "second.txt"] {
        let paragraph = sentence.repeat(6);
        let text = [paragraph.trim_end(); 12].join("\n\n");
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// The shortest line a pane may hold: 38 letters and the space after them. (Until the caret
/// at a wrap was placed on the next line, this helper also counted that caret: "40".)
const MIN_LINE: usize = 39;

fn open(dir: &std::path::Path, width: f32, height: f32) -> Harness<'static, GlossApp> {
    common::open_app_sized(dir, vec2(width, height), 0.25, ScriptedDialogs::default())
}

/// How many characters the first line of the first paragraph of a pane holds, as drawn (its
/// trailing space included; the caret after it, on the next line, is not a char of it).
fn chars_on_first_line(harness: &Harness<'_, GlossApp>, pane: usize) -> usize {
    let state = harness.state();
    let first = state.char_screen_pos(pane, 0).expect("text on screen");
    (0..2000)
        .take_while(|&c| {
            state
                .char_screen_pos(pane, c)
                .is_some_and(|p| (p.y - first.y).abs() < 1.0)
        })
        .count()
}

fn press(harness: &mut Harness<'_, GlossApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

#[test]
fn the_default_window_shows_both_panels_and_a_full_line_in_each_pane() {
    let dir = prose_corpus();
    let harness = open(dir.path(), 1280.0, 800.0);
    let panels = harness.state().panels();
    assert!(panels.library && panels.notes, "{panels:?}");
    for pane in 0..2 {
        let chars = chars_on_first_line(&harness, pane);
        println!("1280×800, both panels: pane {pane} holds {chars} chars a line");
        assert!(chars >= MIN_LINE, "pane {pane}: {chars} chars a line");
    }
}

#[test]
fn a_narrow_window_folds_the_panels_so_the_panes_keep_their_lines() {
    let dir = prose_corpus();
    let mut harness = open(dir.path(), 900.0, 620.0);
    let panels = harness.state().panels();
    assert!(!panels.library && !panels.notes, "{panels:?}");
    assert!(panels.library_folded && panels.notes_folded);
    // Nothing of the panels is drawn.
    assert!(harness.query_by_label("Notes").is_none());
    for pane in 0..2 {
        let chars = chars_on_first_line(&harness, pane);
        println!("900×620, panels folded: pane {pane} holds {chars} chars a line");
        assert!(chars >= MIN_LINE, "pane {pane}: {chars} chars a line");
    }

    // Asked for on purpose, the notes panel shows even so; asked again, it hides.
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    assert!(harness.state().panels().notes);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    assert!(!harness.state().panels().notes);
    assert!(
        !harness.state().panels().notes_folded,
        "hidden by the reader"
    );

    // A wider window brings the library back on its own.
    harness.set_size(vec2(1600.0, 900.0));
    harness.run();
    let panels = harness.state().panels();
    assert!(panels.library && !panels.library_folded, "{panels:?}");
    assert!(!panels.notes, "the notes stay hidden: the reader hid them");
}

#[test]
fn the_panels_hide_and_show_from_the_keyboard_and_the_view_menu() {
    let dir = prose_corpus();
    let mut harness = open(dir.path(), 1600.0, 900.0);
    let before = chars_on_first_line(&harness, 0);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    assert!(!harness.state().panels().library);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    assert!(!harness.state().panels().notes);
    let after = chars_on_first_line(&harness, 0);
    assert!(
        after > before,
        "hiding both panels widens the lines: {before} → {after}"
    );

    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label_contains("Library panel").click();
    harness.run();
    assert!(harness.state().panels().library);
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label_contains("Notes panel").click();
    harness.run();
    assert!(harness.state().panels().notes);
}

#[test]
fn f11_asks_the_window_for_full_screen_and_back() {
    let dir = prose_corpus();
    let mut harness = open(dir.path(), 1280.0, 800.0);
    // The command goes to the window in the frame the key goes down (the harness runs one
    // frame per queued event, so the key goes down alone).
    let f11_asks = |harness: &mut Harness<'_, GlossApp>, on: bool| {
        harness.event(egui::Event::Key {
            key: Key::F11,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::NONE,
        });
        harness.step();
        let asked = harness
            .output()
            .viewport_output
            .values()
            .any(|v| v.commands.contains(&egui::ViewportCommand::Fullscreen(on)));
        harness.event(egui::Event::Key {
            key: Key::F11,
            physical_key: None,
            pressed: false,
            repeat: false,
            modifiers: Modifiers::NONE,
        });
        harness.run();
        asked
    };
    assert!(f11_asks(&mut harness, true));
    assert!(harness.state().fullscreen());
    assert!(f11_asks(&mut harness, false));
    assert!(!harness.state().fullscreen());
}

/// Presses at char `from` of pane 0 with `modifiers` held, drags to char `to`, releases.
fn drag_chars(harness: &mut Harness<'_, GlossApp>, from: usize, to: usize, modifiers: Modifiers) {
    let state = harness.state();
    let a = state.char_screen_pos(0, from).expect("start on screen") + vec2(1.0, 0.0);
    let b = state.char_screen_pos(0, to).expect("end on screen") + vec2(1.0, 0.0);
    harness.hover_at(a);
    harness.run();
    for (pos, pressed) in [(a, true), (a + (b - a) * 0.5, true), (b, false)] {
        harness.event(egui::Event::PointerMoved(pos));
        if pos == a || !pressed {
            harness.event(egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers,
            });
        }
        harness.run();
    }
}

fn selected_text(harness: &Harness<'_, GlossApp>, dir: &std::path::Path) -> String {
    let range = harness.state().session().reader.selection_of(0).unwrap();
    let text = std::fs::read_to_string(dir.join("first.txt")).unwrap();
    text.chars().skip(range.start).take(range.len()).collect()
}

#[test]
fn a_drag_selects_whole_words_and_alt_selects_characters() {
    let dir = prose_corpus();
    let mut harness = open(dir.path(), 1280.0, 800.0);
    let text = std::fs::read_to_string(dir.path().join("first.txt")).unwrap();
    let at = |s: &str| common::char_range(&text, s).start;
    // From inside "committee" to inside "Tuesday".
    let (from, to) = (at("mittee"), at("sday"));
    drag_chars(&mut harness, from, to, Modifiers::NONE);
    assert_eq!(
        selected_text(&harness, dir.path()),
        "committee said on Tuesday"
    );
    // Backwards, the same words.
    drag_chars(&mut harness, to, from, Modifiers::NONE);
    assert_eq!(
        selected_text(&harness, dir.path()),
        "committee said on Tuesday"
    );
    // With Alt held, exactly the characters dragged over.
    drag_chars(&mut harness, from, to, Modifiers::ALT);
    assert_eq!(selected_text(&harness, dir.path()), "mittee said on Tue");
}
