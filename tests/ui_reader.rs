//! The reader driven through its real UI with egui_kittest, on a temporary copy of the
//! bundled corpus: drag-select, highlight, note, recolour, delete, undo/redo, reopen.

mod common;

use common::{
    BBC, SKY, bundled_corpus, char_range, click_at, copy_selection, drag_select, find_in_file,
    let_autosave_run, open_app, open_app_with_step,
};

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use gloss::annotation::Color;
use gloss::ui::GlossApp;

fn annotations(harness: &Harness<'_, GlossApp>) -> Vec<gloss::annotation::Annotation> {
    harness
        .state()
        .session()
        .workspace
        .as_ref()
        .unwrap()
        .notebook()
        .to_list()
}

#[test]
fn highlight_note_recolour_delete_undo_and_reopen() {
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    assert_eq!(h.state().session().reader.article_in(0), Some(SKY));
    assert_eq!(h.state().session().reader.article_in(1), Some(BBC));

    // Drag across two lines of the left pane and press H.
    let phrase = "acting foreign minister Sergey Lavrov on the sidelines";
    let range = find_in_file(dir.path(), SKY, phrase);
    drag_select(&mut h, 0, range.clone());
    assert_eq!(
        h.state().session().reader.selection_of(0),
        Some(range.clone())
    );
    h.key_press(Key::H);
    h.run();
    let list = annotations(&h);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].quote.exact, phrase);
    assert_eq!(list[0].article, SKY);
    assert_eq!(
        (list[0].position.start, list[0].position.end),
        (range.start, range.end)
    );
    assert_eq!(list[0].color, Color::Yellow);
    assert!(h.state().drawn_highlights(0).contains(&range));

    // In the right pane, select a passage, press N and type a note.
    let phrase2 = "relations between the two countries are";
    let range2 = find_in_file(dir.path(), BBC, phrase2);
    drag_select(&mut h, 1, range2.clone());
    h.key_press(Key::N);
    h.run();
    assert!(h.state().session().reader.note_editor.is_some());
    let note = "Sky never says \"appalling\" — compare ✓ 😀\nsecond line";
    h.event(egui::Event::Text(note.to_owned()));
    h.run();
    let list = annotations(&h);
    assert_eq!(list.len(), 2);
    let noted = list.iter().find(|a| a.article == BBC).unwrap();
    assert_eq!(noted.quote.exact, phrase2);
    assert_eq!(noted.note, note);
    let noted_id = noted.id.clone();

    // Typing "h" in the note did not make another highlight.
    h.event(egui::Event::Text("h".into()));
    h.key_press(Key::H);
    h.run();
    assert_eq!(annotations(&h).len(), 2);
    let with_h = format!("{note}h");
    assert_eq!(
        annotations(&h)
            .iter()
            .find(|a| a.id == noted_id)
            .unwrap()
            .note,
        with_h
    );

    // Escape closes the editor; key 3 recolours the selected highlight blue.
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().session().reader.note_editor.is_none());
    h.key_press(Key::Num3);
    h.run();
    assert_eq!(
        annotations(&h)
            .iter()
            .find(|a| a.id == noted_id)
            .unwrap()
            .color,
        Color::Blue
    );

    // Click the first highlight to select it, then Delete removes it.
    let first_id = annotations(&h)
        .iter()
        .find(|a| a.article == SKY)
        .unwrap()
        .id
        .clone();
    let inside = h.state().char_screen_pos(0, range.start + 3).unwrap();
    click_at(&h, inside);
    h.run();
    assert_eq!(
        h.state().session().reader.selected.as_deref(),
        Some(first_id.as_str())
    );
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(annotations(&h).len(), 1);

    // Undo brings it back, redo deletes it again, undo once more restores it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(annotations(&h).len(), 2);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(annotations(&h).len(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(annotations(&h).len(), 2);

    // Autosave writes within a second of the last change.
    let_autosave_run(&mut h);
    let saved = std::fs::read_to_string(dir.path().join("annotations.ron")).unwrap();
    assert!(saved.contains(phrase), "{saved}");
    drop(h);

    // A new window on the same folder shows the highlight and the note.
    let mut h = open_app(dir.path());
    h.run();
    let list = annotations(&h);
    assert_eq!(list.len(), 2);
    assert!(h.state().drawn_highlights(0).contains(&range));
    assert!(h.state().drawn_highlights(1).contains(&range2));
    let reopened = list.iter().find(|a| a.id == noted_id).unwrap();
    assert_eq!(reopened.note, with_h);
    assert_eq!(reopened.color, Color::Blue);
    // The notes panel lists the note's first line.
    h.get_by_label_contains("Sky never says");
}

#[test]
fn whitespace_only_selection_makes_no_highlight_and_edges_are_trimmed() {
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    // From the end of the "Sky News" line across the blank line: only line breaks.
    let outlet = find_in_file(dir.path(), SKY, "Sky News");
    drag_select(&mut h, 0, outlet.end..outlet.end + 2);
    h.key_press(Key::H);
    h.run();
    assert!(annotations(&h).is_empty());

    // A selection with spaces and line breaks around a word keeps only the word.
    drag_select(&mut h, 0, outlet.start - 2..outlet.end + 2);
    h.key_press(Key::H);
    h.run();
    let list = annotations(&h);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].quote.exact, "Sky News");
}

#[test]
fn double_click_selects_a_word_and_ctrl_c_copies_it() {
    let dir = bundled_corpus();
    // egui splits each click's press and release over two frames; at 60 frames a second two
    // clicks fit in its 0.3 s double-click window.
    let mut h = open_app_with_step(dir.path(), 1.0 / 60.0);
    let word = find_in_file(dir.path(), SKY, "unequivocal");
    let at = h.state().char_screen_pos(0, word.start + 4).unwrap();
    click_at(&h, at);
    click_at(&h, at);
    h.run();
    assert_eq!(h.state().session().reader.selection_of(0), Some(word));
    assert_eq!(copy_selection(&mut h), ["unequivocal"]);
}

#[test]
fn a_notes_file_that_cannot_be_read_is_reported_and_never_overwritten() {
    let dir = bundled_corpus();
    let bad = "(version: 1, annotations: [ (id: \"x\", oops ]\n";
    std::fs::write(dir.path().join("annotations.ron"), bad).unwrap();
    let mut h = open_app(dir.path());
    h.get_by_label_contains("The notes file could not be read");
    assert!(
        !h.state()
            .session()
            .workspace
            .as_ref()
            .unwrap()
            .can_annotate()
    );
    // The notes panel says highlighting is off, rather than inviting the reader to press H.
    h.get_by_label_contains("Highlighting is off");
    assert!(h.query_by_label_contains("press H").is_none());
    let range = find_in_file(dir.path(), SKY, "British foreign secretary");
    drag_select(&mut h, 0, range);
    h.key_press(Key::H);
    h.run();
    let_autosave_run(&mut h);
    assert!(annotations(&h).is_empty());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("annotations.ron")).unwrap(),
        bad
    );
}

#[test]
fn panes_can_be_added_retargeted_and_closed() {
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    // Wide enough for three panes and the library (a narrower window folds the library).
    h.set_size(eframe::egui::vec2(1920.0, 1000.0));
    h.run();
    assert_eq!(h.state().session().reader.panes.len(), 2);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Add pane").click();
    h.run();
    assert_eq!(h.state().session().reader.panes.len(), 3);
    // Clicking an article in the library opens it in the active (new) pane.
    // (Its library entry, not the pane showing it: a pane is a document named for its article.)
    h.get_all_by_label_contains("Boris Johnson is the first UK")
        .find(|n| n.accesskit_node().role() != eframe::egui::accesskit::Role::Document)
        .expect("the library entry")
        .click();
    h.run();
    assert_eq!(h.state().session().reader.article_in(2), Some(BBC));
    h.get_all_by_label("×").next().unwrap().click();
    h.run();
    assert_eq!(h.state().session().reader.panes.len(), 2);
}

/// A selection or highlight that ends by the right edge of a pane: its toolbar is pulled back
/// inside that pane instead of covering the next pane's text, or the notes panel where the
/// note of the selected highlight is being edited.
#[test]
fn toolbars_by_the_text_stay_inside_their_pane() {
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    let left = h.state().pane_text_rect(0).expect("left pane drawn");
    let right = h.state().pane_text_rect(1).expect("right pane drawn");
    assert!(left.right() <= right.left(), "{left:?} {right:?}");
    // Each phrase ends near the end of a line at this width.
    for (pane, rect, article, phrase) in [
        (0, left, SKY, "British foreign secretary Boris Johnson"),
        (1, right, BBC, "Boris Johnson will warn Russia to stop"),
    ] {
        let inside = |what: &str, rect_of: egui::Rect| {
            assert!(
                rect.contains_rect(rect_of),
                "pane {pane}: {what} {rect_of:?} is outside the pane {rect:?}"
            )
        };
        let range = find_in_file(dir.path(), article, phrase);
        let end = h.state().char_screen_pos(pane, range.end).unwrap();
        assert!(end.x > rect.center().x, "the phrase ends in the right half");
        drag_select(&mut h, pane, range.clone());
        inside("Highlight", h.get_by_label("Highlight").rect());
        inside("Note", h.get_by_label("Note").rect());

        h.key_press(Key::H);
        h.run();
        // Clicking the new highlight selects it and shows its toolbar by its end.
        click_at(&h, h.state().char_screen_pos(pane, range.end - 2).unwrap());
        h.run();
        assert!(h.state().session().reader.selected.as_deref().is_some());
        inside("Add note", h.get_by_label("Add note").rect());
        // The notes panel has a Delete button of its own; the toolbar's is the other one.
        let deletes: Vec<egui::Rect> = h.get_all_by_label("Delete").map(|n| n.rect()).collect();
        assert_eq!(deletes.len(), 2, "toolbar and notes panel");
        assert!(
            deletes.iter().any(|r| rect.contains_rect(*r)),
            "pane {pane}: no Delete button inside the pane: {deletes:?}"
        );
        h.key_press(Key::Escape);
        h.run();
    }
}

/// Reading from the keyboard: Page Down / Space, Shift+Space, arrows, Home and End scroll the
/// active pane only, and keys typed into a note stay in the note.
#[test]
fn the_keyboard_scrolls_the_active_pane() {
    let dir = bundled_corpus();
    let sky = std::fs::read_to_string(dir.path().join(SKY)).unwrap();
    let last = sky.trim_end().chars().count() - 1;
    let mut h = open_app(dir.path());
    let shown = |h: &Harness<'_, GlossApp>, pane: usize, pos: usize| {
        h.state().char_screen_pos(pane, pos).is_some()
    };
    assert!(
        shown(&h, 0, 0) && !shown(&h, 0, last),
        "the left pane starts at the top"
    );
    // Whether a char sits inside the visible part of the left pane.
    let visible = |h: &Harness<'_, GlossApp>, pos: usize| {
        let rect = h
            .state()
            .pane_text_rect(0)
            .unwrap()
            .shrink2(egui::vec2(0.0, 12.0));
        h.state()
            .char_screen_pos(0, pos)
            .is_some_and(|p| rect.contains(p))
    };
    let y_of = |h: &Harness<'_, GlossApp>, pos: usize| h.state().char_screen_pos(0, pos).unwrap().y;

    // The last line of the first screen is still in view after Page Down, at the top.
    let bottom_char = (0..=last).rev().find(|&c| visible(&h, c)).unwrap();
    let before = y_of(&h, bottom_char);
    h.key_press(Key::PageDown);
    h.run();
    assert!(!shown(&h, 0, 0), "the first screen has scrolled away");
    assert!(visible(&h, bottom_char), "the old last line stays in view");
    assert!(
        y_of(&h, bottom_char) < before - 300.0,
        "moved up by most of a screen"
    );
    assert!(shown(&h, 1, 0), "the other pane did not move");

    h.key_press_modifiers(Modifiers::SHIFT, Key::Space);
    h.run();
    assert!(shown(&h, 0, 0), "Shift+Space goes back a screen");

    h.key_press(Key::Space);
    h.run();
    assert!(!shown(&h, 0, 0), "Space goes forward a screen");

    h.key_press(Key::End);
    h.run();
    assert!(shown(&h, 0, last), "End shows the end of the article");
    h.key_press(Key::Home);
    h.run();
    assert!(shown(&h, 0, 0), "Home shows its start");

    let probe = char_range(&sky, "acting foreign minister").start;
    let down = y_of(&h, probe);
    h.key_press(Key::ArrowDown);
    h.run();
    let step = down - y_of(&h, probe);
    assert!(
        (20.0..120.0).contains(&step),
        "an arrow scrolls a little: {step}"
    );

    // In a note, Space is a space.
    h.key_press(Key::Home);
    h.run();
    let range = char_range(&sky, "swift and unequivocal");
    drag_select(&mut h, 0, range);
    h.key_press(Key::N);
    h.run();
    h.event(egui::Event::Text("a b".into()));
    h.key_press(Key::Space);
    h.run();
    assert!(shown(&h, 0, 0), "typing did not scroll");
    assert!(
        annotations(&h)[0].note.starts_with("a b"),
        "{:?}",
        annotations(&h)[0].note
    );
}

/// `End` in a long article lands on its last line, although the paragraphs down there have
/// only estimated heights until they are first laid out.
#[test]
fn end_reaches_the_last_line_of_a_long_article() {
    let dir = tempfile::tempdir().unwrap();
    // Paragraphs of wide capitals: twice as tall as a length-based estimate says.
    let mut text = String::new();
    for i in 0..2000 {
        text.push_str(&format!("{i} {}\n\n", ["WMWMW"; 12].join(" ")));
    }
    text.push_str("The very last line.\n");
    std::fs::write(dir.path().join("long.txt"), &text).unwrap();
    let last = text.trim_end().chars().count() - 1;
    let mut h = open_app(dir.path());
    assert_eq!(h.state().session().reader.article_in(0), Some("long.txt"));
    h.key_press(Key::End);
    h.run();
    let rect = h.state().pane_text_rect(0).unwrap();
    let end = h.state().char_screen_pos(0, last);
    assert!(
        end.is_some_and(|p| rect.contains(p)),
        "last line at {end:?}, pane {rect:?}"
    );
}

/// Greedy word wrap at `width` columns, as `fmt` and Project Gutenberg texts do it.
fn hard_wrap(paragraph: &str, width: usize) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    for word in paragraph.split_whitespace() {
        let line = lines.last_mut().unwrap();
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.join("\n")
}

#[test]
fn a_hard_wrapped_article_reads_as_paragraphs_not_as_broken_lines() {
    // The BBC report as a plain-text book would store it: wrapped at 66 columns, a blank line
    // between paragraphs.
    let dir = bundled_corpus();
    let original = std::fs::read_to_string(dir.path().join(BBC)).unwrap();
    let paragraphs: Vec<&str> = original.lines().filter(|l| !l.trim().is_empty()).collect();
    let wrapped: Vec<String> = paragraphs.iter().map(|p| hard_wrap(p, 66)).collect();
    let text = wrapped.join("\n\n") + "\n";
    std::fs::write(dir.path().join(BBC), &text).unwrap();
    // A paragraph near the top that the wrap cut into three or more lines.
    let (index, block) = wrapped
        .iter()
        .enumerate()
        .find(|(_, w)| w.lines().count() >= 3)
        .expect("a long paragraph");
    let block_range = char_range(&text, block);
    let second_line = block.lines().nth(1).unwrap();
    let word = char_range(&text, second_line).start + 1;

    let mut h = open_app_with_step(dir.path(), 1.0 / 60.0);
    let at = h.state().char_screen_pos(1, word).expect("on screen");
    for _ in 0..3 {
        click_at(&h, at);
    }
    h.run();
    assert_eq!(
        h.state().session().reader.selection_of(1),
        Some(block_range),
        "a triple-click selects the whole paragraph, every wrapped line of it"
    );
    assert_eq!(
        copy_selection(&mut h),
        [paragraphs[index].trim().to_owned()],
        "copied as the reader sees it: soft breaks as spaces"
    );
}

/// Found in the real window: after Enter added a tag, the field let go of the keyboard, so
/// the next tag's letters became shortcuts ("c" toggled compare mode, "n" opened the note).
#[test]
fn tags_typed_one_after_another_are_all_added_and_never_become_shortcuts() {
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    let range = find_in_file(dir.path(), SKY, "acting foreign minister Sergey Lavrov");
    drag_select(&mut h, 0, range);
    h.key_press(Key::H);
    h.run();
    assert!(h.state().session().reader.selected.as_deref().is_some());

    h.get_by_label(gloss::ui::tag_editor::ADD_TAG_LABEL).click();
    h.run();
    for tag in ["economy", "contrast"] {
        h.event(egui::Event::Text(tag.into()));
        h.key_press(Key::Enter);
        h.run();
    }
    let list = annotations(&h);
    assert_eq!(list[0].tags, ["economy", "contrast"]);
    assert_eq!(list[0].note, "", "no letter went to the note");
    assert!(h.state().session().reader.note_editor.is_none());
    assert!(
        h.state().compare_marks_now().is_empty(),
        "the \"c\" of \"contrast\" did not switch compare mode on"
    );
}

/// The filter row as a reader uses it: words typed in the filter keep the highlights that
/// carry them ("1 of 2"), and "Dim the others" draws the rest faint in the panes.
#[test]
fn the_filter_keeps_matching_highlights_and_can_dim_the_others_in_the_panes() {
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    for phrase in [
        "acting foreign minister Sergey Lavrov",
        "UN General Assembly",
    ] {
        let range = find_in_file(dir.path(), SKY, phrase);
        drag_select(&mut h, 0, range);
        h.key_press(Key::H);
        h.run();
    }
    let list = annotations(&h);
    assert_eq!(list.len(), 2);
    let lavrov = list
        .iter()
        .find(|a| a.quote.exact.contains("Lavrov"))
        .unwrap();
    let other = list.iter().find(|a| a.id != lavrov.id).unwrap().id.clone();

    h.get_by_label(gloss::ui::filter_row::FILTER_FIELD_LABEL)
        .click();
    h.run();
    h.event(egui::Event::Text("sergéy".into()));
    h.run();
    assert_eq!(
        h.state().notes_rows().1,
        (1, 2),
        "accents folded: 1 of 2 kept"
    );
    assert!(
        h.state().dimmed_highlights().is_empty(),
        "dimming is off by default"
    );

    h.get_by_label(gloss::ui::filter_row::DIM_LABEL).click();
    h.run();
    assert_eq!(h.state().dimmed_highlights(), [other]);
    // Both are still drawn; the other one only fainter.
    assert_eq!(h.state().drawn_highlights(0).len(), 2);

    h.get_by_label("Clear filter").click();
    h.run();
    assert_eq!(h.state().notes_rows().1, (2, 2));
    assert!(
        h.state().dimmed_highlights().is_empty(),
        "no filter, nothing dimmed"
    );
}

/// The issue asks for tags as chips in the hover too: hovering a tagged highlight (no note)
/// shows its tags.
#[test]
fn hovering_a_tagged_highlight_shows_its_tags() {
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    let range = find_in_file(dir.path(), SKY, "acting foreign minister Sergey Lavrov");
    drag_select(&mut h, 0, range.clone());
    h.key_press(Key::H);
    h.run();
    h.get_by_label(gloss::ui::tag_editor::ADD_TAG_LABEL).click();
    h.run();
    h.event(egui::Event::Text("diplomacy".into()));
    h.key_press(Key::Enter);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    let chips = |h: &Harness<'_, GlossApp>| h.query_all_by_label("#diplomacy").count();
    let listed = chips(&h);
    let at = h.state().char_screen_pos(0, range.start + 5).unwrap() + egui::vec2(2.0, 0.0);
    h.hover_at(at);
    h.run();
    h.run();
    assert_eq!(chips(&h), listed + 1, "the hover shows the tag as a chip");
}
