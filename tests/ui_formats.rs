//! The formats' rough edges, as a reader sees them in the window: a Markdown table's cells in
//! aligned columns that wrap, task items as boxes, deep nesting that stops indenting.

mod common;

use common::{char_range, drag_select, open_app};
use eframe::egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

const NOTES: &str = "# Tracker\n\nWho did what.\n\n\
| Country | Measure | Date |\n|---|---|---|\n\
| UK | Asset freeze on twelve individuals and three entities connected with the regime, announced after a long review | 14 March |\n\
| EU | Travel ban | |\n\
| US | Visa restrictions | 2 April |\n\n\
- [x] Compare the dates\n- [ ] Find the release\n\n\
- one\n  - two\n    - three\n      - four\n        - five\n          - six\n            - seven\n";

fn text_of(h: &egui_kittest::Harness<'_, gloss::ui::app::GlossApp>) -> String {
    let session = h.state().session();
    let ws = session.workspace.as_ref().unwrap();
    ws.corpus.article("notes.md").unwrap().text.to_string()
}

#[test]
fn a_markdown_table_shows_its_cells_in_aligned_columns_that_wrap() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.md"), NOTES).unwrap();
    let mut h = open_app(&dir.path().join("notes.md"));
    h.run();
    let text = text_of(&h);
    let x_of = |h: &egui_kittest::Harness<'_, gloss::ui::app::GlossApp>, phrase: &str| {
        let at = char_range(&text, phrase).start;
        h.state().char_screen_pos(0, at).expect("drawn").x
    };
    let y_of = |h: &egui_kittest::Harness<'_, gloss::ui::app::GlossApp>, phrase: &str| {
        let at = char_range(&text, phrase).start;
        h.state().char_screen_pos(0, at).expect("drawn").y
    };
    // Every row's cells start at its column's left edge.
    let column_1 = [x_of(&h, "Country"), x_of(&h, "UK"), x_of(&h, "EU")];
    let column_2 = [x_of(&h, "Measure"), x_of(&h, "Asset"), x_of(&h, "Travel")];
    let column_3 = [x_of(&h, "Date"), x_of(&h, "14 March"), x_of(&h, "2 April")];
    for column in [column_1, column_2, column_3] {
        assert!(
            column.iter().all(|x| (x - column[0]).abs() < 1.0),
            "cells of a column line up: {column:?}"
        );
    }
    assert!(column_1[0] < column_2[0] && column_2[0] < column_3[0]);
    // The long cell wraps inside its column: its last words are below its first, in the same
    // column, and the next column's cell stays on the row's first line.
    assert!(y_of(&h, "long review") > y_of(&h, "Asset") + 1.0);
    assert!(x_of(&h, "review") >= column_2[0] - 0.5 && x_of(&h, "review") < column_3[0]);
    assert!((y_of(&h, "14 March") - y_of(&h, "Asset")).abs() < 1.0);
    // The next row starts below the wrapped cell.
    assert!(y_of(&h, "EU") > y_of(&h, "long review"));

    // A drag across a word of the third column selects that word, not something in another.
    let march = char_range(&text, "March");
    drag_select(&mut h, 0, march.clone());
    let selected = h
        .state()
        .session()
        .reader
        .selection_of(0)
        .unwrap_or_default();
    assert_eq!(
        text.chars()
            .skip(selected.start)
            .take(selected.len())
            .collect::<String>(),
        "March"
    );
}

#[test]
fn task_items_are_boxes_and_deep_lists_stop_indenting() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.md"), NOTES).unwrap();
    let mut h = open_app(&dir.path().join("notes.md"));
    h.run();
    let text = text_of(&h);
    // The task marker is one char of the text (☑/☐: copied as such), not "[x]".
    assert!(
        text.contains("☑ Compare the dates\n☐ Find the release"),
        "{text}"
    );
    let x_of = |phrase: &str| {
        let at = char_range(&text, phrase).start;
        h.state().char_screen_pos(0, at).expect("drawn").x
    };
    let (one, two, five, six, seven) = (
        x_of("one"),
        x_of("two"),
        x_of("five"),
        x_of("six"),
        x_of("seven"),
    );
    assert!(two > one + 5.0, "nesting indents: {one} {two}");
    assert!(five > two + 5.0, "{two} {five}");
    assert!(
        (six - five).abs() < 0.5 && (seven - five).abs() < 0.5,
        "past the cap, deeper items line up: {five} {six} {seven}"
    );
}

/// A plain-text book: a preface, two books of chapters, hard-wrapped prose between them.
fn book() -> String {
    let prose = "The rain came down on the square all that week, and the clerks went \
                 about\ntheir business under the arcades as if nothing had happened at \
                 all, though\neverybody knew that something had.\n\n";
    let mut text = String::from("THE LONG ROAD\n\nPREFACE\n\n");
    text.push_str(prose);
    let mut n = 0;
    for book in ["BOOK ONE", "BOOK TWO"] {
        text.push_str(book);
        text.push_str("\n\n");
        for _ in 0..4 {
            n += 1;
            text.push_str(&format!("CHAPTER {n}.\nThe Chapter Called {n}\n\n"));
            text.push_str(&prose.repeat(30));
        }
    }
    text
}

#[test]
fn a_books_contents_menu_lists_its_chapters_and_jumps_to_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("book.txt"), book()).unwrap();
    let mut h = open_app(&dir.path().join("book.txt"));
    h.run();
    h.get_by_label("Contents of pane 1").click();
    h.run();
    // Books fold their chapters; every chapter of this short book is listed open.
    for label in [
        "PREFACE",
        "CHAPTER 1. The Chapter Called 1",
        "CHAPTER 7. The Chapter Called 7",
    ] {
        assert!(
            h.query_by_role_and_label(Role::Button, label).is_some(),
            "{label} in the menu"
        );
    }
    h.get_by_role_and_label(Role::Button, "CHAPTER 7. The Chapter Called 7")
        .click();
    let text = std::fs::read_to_string(dir.path().join("book.txt")).unwrap();
    let at_top = |h: &mut egui_kittest::Harness<'_, gloss::ui::app::GlossApp>, n: usize| {
        for _ in 0..4 {
            h.run();
        }
        let chapter = char_range(&text, &format!("CHAPTER {n}.")).start;
        let reader = &h.state().session().reader;
        assert_eq!(
            reader.top_char(0),
            Some(chapter),
            "chapter {n} is at the pane's top"
        );
        let y = h.state().char_screen_pos(0, chapter).expect("drawn").y;
        let top = h.state().pane_text_rect(0).unwrap().top();
        assert!(
            y - top < 30.0,
            "its heading is the first line: {y} vs {top}"
        );
    };
    at_top(&mut h, 7);
    assert!(
        h.query_by_role_and_label(Role::Button, "PREFACE").is_none(),
        "the menu closed"
    );
    // Back, and on again from there: each lands on its heading, whatever was measured.
    for n in [2, 8, 3] {
        h.get_by_label("Contents of pane 1").click();
        h.run();
        let label = format!("CHAPTER {n}. The Chapter Called {n}");
        h.get_by_role_and_label(Role::Button, &label).click();
        at_top(&mut h, n);
    }
}

#[test]
fn a_table_too_wide_for_columns_shows_as_its_text() {
    // A spreadsheet pasted into Markdown: 40 columns, 200 rows.
    let header: Vec<String> = (0..40).map(|c| format!("col{c}")).collect();
    let mut md = format!("| {} |\n|{}\n", header.join(" | "), "---|".repeat(40));
    for r in 0..200 {
        let row: Vec<String> = (0..40).map(|c| format!("r{r}c{c}")).collect();
        md.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.md"), md).unwrap();
    let mut h = open_app(&dir.path().join("notes.md"));
    h.run();
    let text = text_of(&h);
    let pos = |phrase: &str| {
        let at = char_range(&text, phrase).start;
        h.state().char_screen_pos(0, at).expect("drawn")
    };
    // Laid out as text: a row wraps like a paragraph, its cells one after another (in 40
    // columns its last cell would stand level with its first).
    assert!(pos("r0c1").x > pos("r0c0").x);
    assert!(
        pos("r0c39").y > pos("r0c0").y + 1.0,
        "the row wraps as text"
    );
    assert!(pos("r1c0").y > pos("r0c39").y, "the next row is below");
}

/// A PDF in a pane: its page button says which page the reader is on, *Go to page…* takes a
/// printed page number, and the page's first line lands at the top with its label beside it.
#[test]
fn a_pdf_shows_its_page_and_goes_to_a_printed_page_number() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("libtasn1.pdf");
    std::fs::copy("tests/fixtures/documents/libtasn1.pdf", &pdf).unwrap();
    let mut h = open_app(&pdf);
    h.run();
    // The manual labels its own pages (/PageLabels): its title page is "T-1".
    assert!(
        h.query_by_label("Page of pane 1: p. T-1").is_some(),
        "the first page shown by its own label"
    );
    h.get_by_label("Page of pane 1: p. T-1").click();
    h.run();
    h.get_by_label("Go to page").type_text("12");
    h.key_press(eframe::egui::Key::Enter);
    for _ in 0..4 {
        h.run();
    }
    let (start, index) = {
        let session = h.state().session();
        let ws = session.workspace.as_ref().unwrap();
        let doc = ws
            .corpus
            .article("libtasn1.pdf")
            .unwrap()
            .document
            .clone()
            .unwrap();
        let index = doc.pages.iter().position(|p| p.label == "12").unwrap();
        (doc.pages[index].start, index)
    };
    assert!(index > 11, "the page printed 12 is not the file's 12th");
    assert_eq!(h.state().session().reader.top_char(0), Some(start));
    assert!(
        h.query_by_label("Page of pane 1: p. 12").is_some(),
        "the button follows the page"
    );
}

/// `gloss paper.pdf book.epub notes.md` (a launcher's "Open with" on three files): the folder
/// opens with the three side by side, the first active.
#[test]
fn several_files_opened_at_once_show_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["tracemonkey.pdf", "wasteland-obf.epub"] {
        std::fs::copy(format!("tests/fixtures/documents/{f}"), dir.path().join(f)).unwrap();
    }
    std::fs::write(dir.path().join("notes.md"), NOTES).unwrap();
    std::fs::write(dir.path().join("another.txt"), "Another article.\n").unwrap();
    let mut h = common::open_app_with_more(
        &dir.path().join("tracemonkey.pdf"),
        &["wasteland-obf.epub", "notes.md"],
    );
    h.run();
    let reader = &h.state().session().reader;
    assert_eq!(reader.article_in(0), Some("tracemonkey.pdf"));
    assert_eq!(reader.article_in(1), Some("wasteland-obf.epub"));
    assert_eq!(reader.article_in(2), Some("notes.md"));
    assert_eq!(reader.active, 0);
}
