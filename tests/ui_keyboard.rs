//! Reading and annotating from the keyboard alone: caret browsing (F7), Tab through the
//! highlights of a pane (Enter opens the note), F10 to the menu bar.

mod common;

use common::{SKY, bundled_corpus, drag_select, find_in_file, open_app};
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

fn quotes(h: &egui_kittest::Harness<'_, gloss::ui::GlossApp>) -> Vec<String> {
    let ws = h.state().session().workspace.as_ref().unwrap();
    ws.notebook()
        .annotations()
        .iter()
        .map(|a| a.quote.exact.clone())
        .collect()
}

#[test]
fn caret_browsing_selects_by_char_word_and_line_and_h_highlights_it() {
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    h.state_mut().activate_pane(0);
    h.run();
    h.key_press(Key::F7);
    h.run();
    assert!(
        h.state().session().reader.caret,
        "F7 turns caret browsing on"
    );
    // The caret starts at the first line in sight: the article's title, at its start.
    let text = std::fs::read_to_string(dir.path().join(SKY)).unwrap();
    assert_eq!(h.state().session().reader.selection_of(0), Some(0..0));
    // Down twice: the third line (the title wraps onto two at this width), then to
    // "British foreign secretary…" — a word at a time, Shift held, selects.
    let british = common::char_range(&text, "British foreign secretary").start;
    for _ in 0..6 {
        h.key_press(Key::ArrowDown);
        h.run();
        let head = h.state().session().reader.selection_of(0).unwrap().end;
        if head >= british {
            break;
        }
    }
    let head = h.state().session().reader.selection_of(0).unwrap().end;
    assert!(
        head >= british && head < british + 45,
        "a line down at a time: {head}"
    );
    // Back to the paragraph's start: Home.
    h.key_press(Key::Home);
    h.run();
    let at = h.state().session().reader.selection_of(0).unwrap();
    assert_eq!(at, british..british, "Home: the line's start");
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
        h.run();
    }
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    let selected = h.state().session().reader.selection_of(0).unwrap();
    let words: String = text
        .chars()
        .skip(selected.start)
        .take(selected.len())
        .collect();
    assert_eq!(words, "British foreign");
    h.key_press(Key::H);
    h.run();
    assert!(
        quotes(&h).contains(&"British foreign".to_owned()),
        "{:?}",
        quotes(&h)
    );
    // Off again: the arrows scroll as before.
    h.key_press(Key::F7);
    h.run();
    assert!(!h.state().session().reader.caret);
}

#[test]
fn tab_steps_through_a_panes_highlights_and_enter_opens_the_note() {
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    let first = find_in_file(dir.path(), SKY, "swift and unequivocal");
    let second = find_in_file(dir.path(), SKY, "acting foreign minister");
    // Made in the other order: Tab follows the text, not the order they were made in.
    for range in [second.clone(), first.clone()] {
        drag_select(&mut h, 0, range);
        h.key_press(Key::H);
        h.run();
    }
    h.key_press(Key::Escape);
    h.run();
    let selected_quote = |h: &egui_kittest::Harness<'_, gloss::ui::GlossApp>| {
        let s = h.state().session();
        let id = s.reader.selected.clone()?;
        Some(
            s.workspace
                .as_ref()?
                .notebook()
                .get(&id)?
                .quote
                .exact
                .clone(),
        )
    };
    assert_eq!(selected_quote(&h), None);
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(selected_quote(&h).as_deref(), Some("swift and unequivocal"));
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        selected_quote(&h).as_deref(),
        Some("acting foreign minister")
    );
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        selected_quote(&h).as_deref(),
        Some("swift and unequivocal"),
        "wraps around"
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    assert_eq!(
        selected_quote(&h).as_deref(),
        Some("acting foreign minister")
    );
    // No button took the keyboard on the way.
    assert!(h.ctx.memory(|m| m.focused()).is_none());
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.state().session().reader.note_editor.is_some(),
        "Enter opens the note of the highlight Tab picked"
    );
}

#[test]
fn f10_opens_the_menu_bar_for_the_keyboard() {
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    assert!(h.query_by_label("Open corpus folder…").is_none());
    h.key_press(Key::F10);
    h.run();
    h.run();
    assert!(
        h.query_by_label("Open corpus folder…").is_some(),
        "the File menu is open"
    );
    let focused = h.ctx.memory(|m| m.focused());
    assert!(focused.is_some(), "a menu widget has the keyboard");
}

#[test]
fn a_screen_reader_reads_the_article_and_its_highlights_from_the_tree() {
    use eframe::egui::accesskit::Role;
    use egui_kittest::kittest::NodeT;
    use gloss::notebook::Command;
    use gloss::session::Action;
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    let range = find_in_file(dir.path(), SKY, "acting foreign minister");
    drag_select(&mut h, 0, range);
    h.key_press(Key::H);
    h.run();
    let id = h.state().session().reader.selected.clone().unwrap();
    h.state().send(Action::Annotate(Command::SetNote {
        id: id.clone(),
        note: "his title then".into(),
    }));
    h.state().send(Action::Annotate(Command::SetTags {
        id,
        tags: vec!["people".into()],
    }));
    h.key_press(Key::Escape);
    h.run();
    // The pane is a document named for its article…
    let title = "Vladimir Putin: Russian president to address the UN over bombing in Syria";
    let name = format!("Pane 1: {title}");
    let doc = h.get_by_role_and_label(Role::Document, &name);
    // …whose text runs read the article's opening back, line by line.
    let read: String = doc
        .children()
        .map(|paragraph| {
            paragraph
                .children()
                .filter(|n| n.accesskit_node().role() == Role::TextRun)
                .filter_map(|n| n.accesskit_node().value())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n");
    let text = std::fs::read_to_string(dir.path().join(SKY)).unwrap();
    let opening: String = text
        .split_whitespace()
        .take(40)
        .collect::<Vec<_>>()
        .join(" ");
    let read_words: String = read.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        read_words.starts_with(&opening),
        "read back: {:?}",
        &read_words[..200.min(read_words.len())]
    );
    // The highlight is a mark: its quote the name, its note and tags the description.
    let mark = h.get_by_role_and_label(Role::Mark, "acting foreign minister");
    let description = mark.accesskit_node().description().unwrap_or_default();
    assert!(description.contains("his title then"), "{description}");
    assert!(description.contains("people"), "{description}");
    h.check_accessibility();
}
