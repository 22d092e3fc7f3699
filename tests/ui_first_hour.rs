//! What a new reader meets in the first hour, checked as they meet it: find never covers what
//! it found, Escape lets go, one floating bar at a time, the chrome can be read, the layout
//! does not jump.

mod common;

use std::time::Duration;

use common::{SKY, bundled_corpus, drag_select, find_in_file, open_app, step_until};
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

#[test]
fn the_find_bar_never_covers_the_match_it_finds() {
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    // "Russian" first stands in the title line, at the very top of the pane.
    h.get_by_label(gloss::ui::find_bar::FIND_FIELD_LABEL)
        .type_text("Russian");
    h.run();
    step_until(&mut h, Duration::from_secs(3), |app| {
        app.session()
            .reader
            .find
            .as_ref()
            .is_some_and(|f| !f.pending && f.current.is_some())
    })
    .expect("matches come once the article is folded");
    let count = h
        .state()
        .session()
        .reader
        .find
        .as_ref()
        .unwrap()
        .matches
        .len();
    assert!(count >= 3, "{count}");
    for step in 0..=count {
        for _ in 0..3 {
            h.run();
        }
        let app = h.state();
        let current = app
            .session()
            .reader
            .find
            .as_ref()
            .unwrap()
            .current_range()
            .unwrap();
        let at = app
            .char_screen_pos(0, current.start)
            .unwrap_or_else(|| panic!("match {step} is on screen"));
        let text = app.pane_text_rect(0).unwrap();
        assert!(text.contains(at), "match {step} at {at:?} inside {text:?}");
        let field = h.get_by_label(gloss::ui::find_bar::FIND_FIELD_LABEL).rect();
        assert!(
            field.top() >= text.bottom() - 1.0,
            "the bar ({field:?}) stands under the text ({text:?}), not over it"
        );
        // One floating bar at a time: the find bar's Highlight, no selection bar's — and the
        // bar whole inside the window.
        assert_eq!(h.query_all_by_label("Highlight").count(), 1, "step {step}");
        for label in ["Highlight", "Note", gloss::ui::find_bar::FIND_FIELD_LABEL] {
            let button = h.get_by_label(label).rect();
            assert!(
                h.ctx.content_rect().contains_rect(button),
                "{label} ({button:?}) inside the window"
            );
        }
        assert!(h.query_by_label("Link…").is_none(), "step {step}");
        h.key_press(Key::F3);
    }
}

#[test]
fn escape_lets_go_of_a_selection_and_its_bar() {
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    let range = find_in_file(dir.path(), SKY, "acting foreign minister");
    drag_select(&mut h, 0, range.clone());
    assert_eq!(h.state().session().reader.selection_of(0), Some(range));
    assert!(
        h.query_by_label("Link…").is_some(),
        "the selection bar shows"
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.state()
            .session()
            .reader
            .selection_of(0)
            .unwrap()
            .is_empty(),
        "the selection is let go"
    );
    assert!(h.query_by_label("Link…").is_none(), "and its bar with it");
}

#[test]
fn a_highlights_toolbar_never_shows_beside_a_stale_selection_bar() {
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    let range = find_in_file(dir.path(), SKY, "acting foreign minister");
    drag_select(&mut h, 0, range);
    h.key_press(Key::H);
    h.run();
    // A new selection elsewhere in the pane, then the highlight picked in the notes panel.
    let other = find_in_file(dir.path(), SKY, "Sky News");
    drag_select(&mut h, 0, other);
    assert!(h.query_by_label("Highlight").is_some());
    let id = h
        .state()
        .session()
        .workspace
        .as_ref()
        .unwrap()
        .notebook()
        .annotations()[0]
        .id
        .clone();
    h.state().send(gloss::session::Action::Reveal(id.clone()));
    for _ in 0..3 {
        h.run();
    }
    assert_eq!(
        h.state().session().reader.selected.as_deref(),
        Some(id.as_str())
    );
    assert!(
        h.query_by_label("Highlight").is_none(),
        "the text selection's bar went when the highlight's toolbar showed"
    );
    assert!(
        h.state()
            .session()
            .reader
            .selection_of(0)
            .unwrap()
            .is_empty(),
        "and the selection with it"
    );
    assert!(
        h.query_by_label("Add note").is_some(),
        "the highlight's toolbar shows"
    );
}

#[test]
fn floating_windows_stay_below_the_menu_bar_and_bars_inside_the_window() {
    let dir = bundled_corpus();
    let mut h = common::open_app_sized(
        dir.path(),
        eframe::egui::vec2(900.0, 620.0),
        1.0 / 60.0,
        Default::default(),
    );
    let menu_bottom = h.get_by_label("File").rect().bottom();
    h.state().send(gloss::ui::action::UiAction::ToggleTags);
    h.run();
    // Dragged by its title up against the top of the screen, the window stops under the menu.
    let title = h.get_by_label("Tags").rect().center();
    h.hover_at(title);
    h.drag_at(title);
    h.run();
    let up = eframe::egui::pos2(title.x, 2.0);
    h.hover_at(up);
    h.run();
    h.drop_at(up);
    for _ in 0..3 {
        h.run();
    }
    let moved = h.get_by_label("Tags").rect();
    assert!(moved.top() < title.y, "the window was moved up: {moved:?}");
    assert!(
        moved.top() >= menu_bottom,
        "the window's title ({moved:?}) stays below the menu bar ({menu_bottom})"
    );
    h.state().send(gloss::ui::action::UiAction::ToggleTags);
    h.run();

    // A selection at the right edge of the right-hand pane: its bar is whole, inside.
    let text = std::fs::read_to_string(dir.path().join(common::BBC)).unwrap();
    let line_end = |app: &gloss::ui::app::GlossApp| {
        // The last char on screen of the first long paragraph, at the right of its line.
        let rect = app.pane_text_rect(1).unwrap();
        (0..text.chars().count())
            .filter_map(|c| Some((c, app.char_screen_pos(1, c)?)))
            .filter(|(_, p)| p.y > rect.top() + 40.0 && p.y < rect.bottom() - 60.0)
            .max_by(|a, b| a.1.x.total_cmp(&b.1.x))
            .map(|(c, _)| c)
            .unwrap()
    };
    let end = line_end(h.state());
    drag_select(&mut h, 1, end - 6..end);
    let bar = h.get_by_label("Highlight").rect();
    let window = h.ctx.content_rect();
    assert!(
        window.contains_rect(bar),
        "the selection bar's Highlight ({bar:?}) inside the window ({window:?})"
    );
    let link = h.get_by_label("Link…").rect();
    assert!(window.contains_rect(link), "{link:?}");
}

/// Every text colour of the interface against every background it is drawn on, in both
/// themes: WCAG AA (4.5:1); and no text style under 11 px.
#[test]
fn every_text_meets_aa_contrast_and_none_is_tiny() {
    use eframe::egui::Theme;
    use gloss::ui::theme;
    let ctx = eframe::egui::Context::default();
    theme::install_style(&ctx);
    for t in [Theme::Light, Theme::Dark] {
        let style = ctx.style_of(t);
        let v = &style.visuals;
        let dark = t == Theme::Dark;
        for (name, font) in &style.text_styles {
            assert!(
                font.size >= theme::MIN_UI_TEXT,
                "{t:?} {name:?}: {}",
                font.size
            );
        }
        let backgrounds = [
            ("panel", v.panel_fill),
            ("window", v.window_fill),
            ("text field", v.text_edit_bg_color()),
            ("paper", theme::paper(dark)),
        ];
        let texts = [
            ("text", v.text_color()),
            ("weak text", v.weak_text_color()),
            ("link", v.hyperlink_color),
            ("warning", v.warn_fg_color),
            ("error", v.error_fg_color),
            ("article link", theme::link(dark)),
        ];
        for (bg_name, bg) in backgrounds {
            for (fg_name, fg) in texts {
                let ratio = theme::contrast(fg, bg);
                assert!(
                    ratio >= 4.5,
                    "{t:?}: {fg_name} {fg:?} on {bg_name} {bg:?} is {ratio:.2}:1"
                );
            }
        }
        // Buttons: their text on their own fill, at rest and hovered.
        for (state, w) in [
            ("inactive", &v.widgets.inactive),
            ("hovered", &v.widgets.hovered),
        ] {
            let ratio = theme::contrast(w.fg_stroke.color, w.weak_bg_fill);
            assert!(ratio >= 4.5, "{t:?} {state} button: {ratio:.2}:1");
        }
        // The article's ink on every highlight colour, alone and two overlapping.
        for c in gloss::annotation::Color::ALL {
            let one = theme::composite([theme::highlight_fill(c, dark)], dark);
            let two = theme::composite(
                [
                    theme::highlight_fill(c, dark),
                    theme::highlight_fill(c, dark),
                ],
                dark,
            );
            for fill in [one, two, theme::find_match(true, dark)] {
                let ratio = theme::contrast(theme::ink(dark), fill);
                assert!(ratio >= 4.5, "{t:?} ink on {c:?} {fill:?}: {ratio:.2}:1");
            }
        }
    }
}

#[test]
fn ctrl_plus_zooms_the_whole_window_and_ctrl_alt_plus_the_article_text() {
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    let text = h.state().remembered().font_size;
    let file_menu = h.get_by_label("File").rect();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    h.run();
    assert!(h.ctx.zoom_factor() > 1.05, "{}", h.ctx.zoom_factor());
    assert_eq!(
        h.state().remembered().font_size,
        text,
        "zoom leaves the text size"
    );
    assert!(h.state().remembered().zoom > 1.05, "and is remembered");
    // Everything grew: the menu bar too (it is in points; one point is more pixels now).
    assert!(h.ctx.pixels_per_point() > 1.05);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    h.run();
    assert!((h.ctx.zoom_factor() - 1.0).abs() < 1e-3);
    assert_eq!(h.get_by_label("File").rect(), file_menu);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::Plus);
    h.run();
    assert_eq!(h.state().remembered().font_size, text + 1.0);
    assert!(
        (h.ctx.zoom_factor() - 1.0).abs() < 1e-3,
        "the text size alone"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::Minus);
    h.run();
    assert_eq!(h.state().remembered().font_size, text);
}

#[test]
fn deleting_a_noted_highlight_says_so_with_undo_and_nothing_moves() {
    use gloss::notebook::Command;
    use gloss::session::Action;
    let dir = bundled_corpus();
    let mut h = common::open_app_with_step(dir.path(), 0.25);
    let range = find_in_file(dir.path(), SKY, "acting foreign minister");
    drag_select(&mut h, 0, range);
    h.key_press(Key::H);
    h.run();
    let id = h.state().session().reader.selected.clone().unwrap();
    h.state().send(Action::Annotate(Command::SetNote {
        id: id.clone(),
        note: "Lavrov's title".into(),
    }));
    h.run();
    // Where the text and the notes list stand before anything is said.
    let (a, b) = (200, 300);
    let before = (
        h.state().char_screen_pos(0, a),
        h.state().char_screen_pos(1, b),
        h.get_by_label("Notes").rect(),
    );
    h.state().send(Action::SelectAnnotation(Some(id.clone())));
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert!(
        h.state()
            .session()
            .workspace
            .as_ref()
            .unwrap()
            .notebook()
            .get(&id)
            .is_none()
    );
    h.get_by_label("Deleted the highlight and its note.");
    let after = (
        h.state().char_screen_pos(0, a),
        h.state().char_screen_pos(1, b),
        h.get_by_label("Notes").rect(),
    );
    let near = |p: Option<eframe::egui::Pos2>, q: Option<eframe::egui::Pos2>| {
        p.zip(q).is_some_and(|(p, q)| p.distance(q) < 0.5)
    };
    assert!(
        near(before.0, after.0)
            && near(before.1, after.1)
            && near(Some(before.2.min), Some(after.2.min)),
        "the message took no room, nothing moved: {before:?} → {after:?}"
    );
    h.get_by_label("Undo").click();
    h.run();
    h.run();
    let ws = h.state().session().workspace.as_ref().unwrap();
    assert_eq!(
        ws.notebook().get(&id).map(|a| a.note.as_str()),
        Some("Lavrov's title")
    );
    assert!(
        h.query_by_label("Undo").is_none(),
        "Undo once, then the message goes"
    );

    // A message that is not an error goes by itself after a few seconds.
    h.state().send(Action::Annotate(Command::Delete { id }));
    h.run();
    assert!(h.query_by_label("Undo").is_some());
    for _ in 0..40 {
        h.step();
    }
    h.run();
    assert!(h.query_by_label("Undo").is_none(), "gone after ten seconds");
}

#[test]
fn the_library_counts_highlights_and_notes_apart_and_a_noted_highlight_shows_a_mark() {
    use gloss::notebook::Command;
    use gloss::session::Action;
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    let noted = find_in_file(dir.path(), SKY, "acting foreign minister");
    let plain = find_in_file(dir.path(), SKY, "swift and unequivocal");
    for range in [noted.clone(), plain.clone()] {
        drag_select(&mut h, 0, range);
        h.key_press(Key::H);
        h.run();
    }
    let ws = h.state().session().workspace.as_ref().unwrap();
    let id = ws
        .notebook()
        .annotations()
        .iter()
        .find(|a| a.quote.exact == "acting foreign minister")
        .unwrap()
        .id
        .clone();
    h.state().send(Action::Annotate(Command::SetNote {
        id,
        note: "his title then".into(),
    }));
    h.run();
    h.run();
    h.get_by_label_contains("2 highlights · 1 note");
    let marks = h.state().note_marks(0);
    assert!(marks.contains(&noted.end), "{marks:?} {noted:?}");
    assert!(
        !marks.contains(&plain.end),
        "no mark without a note: {marks:?}"
    );
}

/// A file dropped on the window, as winit hands it to egui.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl eframe::egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn an_article_opens_from_the_command_line_a_drop_or_open_file() {
    let dir = bundled_corpus();
    // `gloss path/to/article.txt`: its folder is the corpus, it shows in the first pane.
    let mut h = open_app(&dir.path().join(common::BBC));
    assert_eq!(
        h.state().session().workspace.as_ref().unwrap().corpus.root,
        dir.path()
    );
    assert_eq!(h.state().session().reader.article_in(0), Some(common::BBC));

    // Dropped on the window: an article of another folder opens that folder, it in view.
    let other = tempfile::tempdir().unwrap();
    let file = other.path().join("dropped.md");
    std::fs::write(&file, "# Dropped\n\nA note on the talks in Moscow.\n").unwrap();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(file.clone())));
    // One frame takes the drop in; the folder then opens on a worker (a spinner shows).
    h.step();
    h.step();
    h.state_mut().wait_for_open();
    h.run();
    let app = h.state();
    assert_eq!(
        app.session().workspace.as_ref().unwrap().corpus.root,
        other.path()
    );
    let active = app.session().reader.active;
    assert_eq!(app.session().reader.article_in(active), Some("dropped.md"));

    // File ▸ Open file… on an article of the open folder: shown in the active pane.
    let mut h = common::open_app_with(
        dir.path(),
        1.0 / 60.0,
        gloss::ui::dialogs::ScriptedDialogs {
            file: Some(dir.path().join(SKY)),
            ..Default::default()
        },
    );
    h.state_mut().activate_pane(1);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open file…").click();
    h.run();
    assert_eq!(h.state().session().reader.article_in(1), Some(SKY));
}

#[test]
fn open_folder_without_a_file_dialog_asks_in_the_window_with_completion() {
    let dir = bundled_corpus();
    let parent = tempfile::tempdir().unwrap();
    let other = parent.path().join("second-corpus");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(
        other.join("note.md"),
        "# Second\n\nAnother folder's article.\n",
    )
    .unwrap();
    std::fs::create_dir(parent.path().join("scratch")).unwrap();
    let mut h = common::open_app_with(
        dir.path(),
        1.0 / 60.0,
        gloss::ui::dialogs::ScriptedDialogs {
            unavailable: true,
            ..Default::default()
        },
    );
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open corpus folder…").click();
    h.run();
    // No dialog could open: the window asks for the path itself, the field taking the keys.
    let field = h.get_by_label("Path");
    field.focus();
    h.run();
    // Select what is there and type the parent folder and the start of a name.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Path")
        .type_text(&format!("{}/sec", parent.path().display()));
    // The folder is listed on a worker: a few frames.
    for _ in 0..500 {
        h.step();
        if h.query_by_label("second-corpus/").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        h.query_by_label("second-corpus/").is_some(),
        "offered as a completion"
    );
    assert!(
        h.query_by_label("scratch/").is_none(),
        "only names that start so"
    );
    // Tab completes the one folder; Enter opens it.
    h.key_press(Key::Tab);
    h.run();
    h.key_press(Key::Enter);
    // Opening runs on a worker with a spinner shown: step, not run, until it is in.
    for _ in 0..10 {
        h.step();
        if h.state().session().is_opening() {
            break;
        }
    }
    h.state_mut().wait_for_open();
    h.run();
    let ws = h.state().session().workspace.as_ref().unwrap();
    assert_eq!(ws.corpus.root, other, "the typed folder opened");
    assert!(ws.corpus.article("note.md").is_some());
}

#[test]
fn selecting_a_highlight_does_not_push_the_notes_list_under_the_pointer() {
    use egui_kittest::kittest::NodeT;
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    for phrase in ["swift and unequivocal", "acting foreign minister"] {
        drag_select(&mut h, 0, find_in_file(dir.path(), SKY, phrase));
        h.key_press(Key::H);
        h.run();
    }
    h.key_press(Key::Escape);
    h.run();
    // The rows of the notes list (not the marks of the same name in the text).
    let row_top = |h: &egui_kittest::Harness<'_, gloss::ui::GlossApp>, quote: &str| {
        h.get_all_by_label_contains(quote)
            .find(|n| n.accesskit_node().role() != eframe::egui::accesskit::Role::Mark)
            .expect("its row")
            .rect()
            .top()
    };
    let before = row_top(&h, "acting foreign minister");
    // Select the first highlight from its row, then the other from the text: the editor of
    // the selected one shows above the list, in the place kept for it.
    h.get_all_by_label_contains("swift and unequivocal")
        .find(|n| n.accesskit_node().role() != eframe::egui::accesskit::Role::Mark)
        .unwrap()
        .click();
    h.run();
    assert!(h.state().session().reader.selected.is_some());
    assert_eq!(
        row_top(&h, "acting foreign minister"),
        before,
        "the list stayed put"
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().session().reader.selected.is_none());
    assert_eq!(row_top(&h, "acting foreign minister"), before);
}
