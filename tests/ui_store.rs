//! What the reader sees when the notes file is in trouble, driven through the real UI.

mod common;

use common::{BBC, SKY, bundled_corpus, drag_select, find_in_file, let_autosave_run, open_app};

use std::path::Path;

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gloss::annotation::{Annotation, Color};
use gloss::store;
use gloss::ui::GlossApp;

fn highlight(h: &mut Harness<'_, GlossApp>, dir: &Path, phrase: &str) {
    drag_select(h, 0, find_in_file(dir, SKY, phrase));
    h.key_press(Key::H);
    h.run();
}

fn count(h: &Harness<'_, GlossApp>) -> usize {
    h.state()
        .session()
        .workspace
        .as_ref()
        .unwrap()
        .notebook()
        .annotations()
        .len()
}

#[test]
fn a_corrupt_notes_file_is_reported_and_the_reader_can_start_fresh() {
    let dir = bundled_corpus();
    let path = dir.path().join(store::NOTES_FILE);
    std::fs::write(&path, "(version: 2, annotations: [(id: \"a\",\n  oops").unwrap();
    let mut h = open_app(dir.path());
    h.get_by_label_contains("The notes file could not be read");
    h.get_by_label_contains("copied, byte for byte");
    // Annotating is off: H does nothing.
    highlight(&mut h, dir.path(), "swift and unequivocal");
    assert_eq!(count(&h), 0);

    h.get_by_label("Start fresh").click();
    h.run();
    highlight(&mut h, dir.path(), "swift and unequivocal");
    assert_eq!(count(&h), 1);
    let_autosave_run(&mut h);
    assert_eq!(store::load(&path).unwrap().len(), 1);
    let copies = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("corrupt-")
        })
        .count();
    assert_eq!(copies, 1, "the bad file stays aside");
}

#[test]
fn a_second_window_on_a_locked_corpus_is_read_only_and_says_why() {
    let dir = bundled_corpus();
    let _first = store::lock::CorpusLock::acquire(dir.path()).unwrap();
    let mut h = open_app(dir.path());
    h.get_by_label_contains("Read-only");
    highlight(&mut h, dir.path(), "swift and unequivocal");
    assert_eq!(count(&h), 0);
    let_autosave_run(&mut h);
    assert!(!dir.path().join(store::NOTES_FILE).exists());
}

#[test]
fn changes_made_to_the_file_elsewhere_appear_and_the_reader_is_told() {
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    let text = std::fs::read_to_string(dir.path().join(BBC)).unwrap();
    let article = gloss::corpus::Article::from_text(BBC, text, None);
    let range = find_in_file(dir.path(), BBC, "at best very bad");
    let mut a = Annotation::new(&article, range.clone(), Color::Purple);
    a.note = "added by another tool".into();
    store::save(&dir.path().join(store::NOTES_FILE), &[a]).unwrap();
    // The watcher reports the change; a worker reads and merges the file.
    common::step_until(&mut h, std::time::Duration::from_secs(3), |app| {
        app.session()
            .workspace
            .as_ref()
            .is_some_and(|w| w.notebook().annotations().len() == 1)
    })
    .expect("the outside change is taken in");
    h.run();
    assert_eq!(count(&h), 1);
    h.get_by_label_contains("changed outside gloss");
    h.get_by_label_contains("added by another tool");
    assert!(h.state().drawn_highlights(1).contains(&range));
}

/// A save that fails is reported by the very frame that learns of it. Drawn before the
/// result was taken in, the banner would wait for the next frame — which, with the reader
/// idle, comes only at the next retry two seconds later (seen in the real window).
#[test]
fn a_failed_save_is_shown_by_the_frame_that_learns_of_it() {
    let dir = bundled_corpus();
    let path = dir.path().join(store::NOTES_FILE);
    let mut h = open_app(dir.path());
    highlight(&mut h, dir.path(), "swift and unequivocal");
    let_autosave_run(&mut h);
    // The disk starts refusing writes (a non-empty directory where the file goes: fails even
    // as root), and the reader recolours the selected highlight.
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("blocker"), "x").unwrap();
    h.key_press(Key::Num3);
    let saving =
        |h: &Harness<'_, GlossApp>| h.state().session().workspace.as_ref().unwrap().is_saving();
    let mut started = false;
    for _ in 0..40 {
        h.step();
        if saving(&h) {
            started = true;
            // The save runs on a thread, in real time: let it fail before the next frame.
            std::thread::sleep(std::time::Duration::from_millis(50));
        } else if started {
            break;
        }
    }
    assert!(started, "a save was started");
    assert!(!saving(&h), "the failed save was taken in");
    h.get_by_label_contains("Notes are not saved");
    assert_eq!(
        h.state()
            .session()
            .workspace
            .as_ref()
            .unwrap()
            .notebook()
            .annotations()[0]
            .color,
        Color::Blue,
        "the change is kept in memory"
    );
}

#[test]
fn quitting_when_the_notes_cannot_be_saved_asks_first() {
    let dir = bundled_corpus();
    let path = dir.path().join(store::NOTES_FILE);
    let mut h = open_app(dir.path());
    // The disk refuses writes (a non-empty directory where the file goes: fails even as root).
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("blocker"), "x").unwrap();
    highlight(&mut h, dir.path(), "swift and unequivocal");
    let_autosave_run(&mut h);
    h.get_by_label_contains("Notes are not saved");
    assert_eq!(count(&h), 1, "kept in memory");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    h.get_by_label("Your notes could not be saved");
    assert_eq!(count(&h), 1);

    // The disk recovers: "Try again" saves and closes.
    std::fs::remove_dir_all(&path).unwrap();
    h.get_by_label("Try again").click();
    let mut closed = false;
    for _ in 0..6 {
        h.step();
        closed |= h
            .output()
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .is_some_and(|v| v.commands.contains(&egui::ViewportCommand::Close));
    }
    assert!(closed, "the window closes once the notes are saved");
    assert_eq!(store::load(&path).unwrap().len(), 1);
}

#[test]
fn opening_another_folder_when_the_notes_cannot_be_saved_asks_first_and_keeps_them() {
    let dir = bundled_corpus();
    let other = bundled_corpus();
    let path = dir.path().join(store::NOTES_FILE);
    let dialogs = gloss::ui::dialogs::ScriptedDialogs {
        folder: Some(other.path().to_path_buf()),
        ..Default::default()
    };
    let mut h = common::open_app_with(dir.path(), 0.25, dialogs);
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("blocker"), "x").unwrap();
    highlight(&mut h, dir.path(), "swift and unequivocal");
    let_autosave_run(&mut h);
    let root = |h: &Harness<'_, GlossApp>| {
        h.state()
            .session()
            .workspace
            .as_ref()
            .unwrap()
            .corpus
            .root
            .clone()
    };
    let open_other = |h: &mut Harness<'_, GlossApp>| {
        h.get_by_label("File").click();
        h.run();
        h.get_by_label("Open corpus folder…").click();
        h.run();
    };

    open_other(&mut h);
    h.get_by_label("Your notes could not be saved");
    h.get_by_label_contains("Opening another folder now would lose");
    assert_eq!(root(&h), dir.path(), "still on the first folder");
    assert_eq!(count(&h), 1, "the highlight is kept");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(root(&h), dir.path());
    assert_eq!(count(&h), 1);

    // The disk recovers: "Try again" saves, then opens the other folder.
    open_other(&mut h);
    std::fs::remove_dir_all(&path).unwrap();
    h.get_by_label("Try again").click();
    h.step(); // saves, then starts opening the other folder on a worker
    h.state_mut().wait_for_open();
    h.run();
    assert_eq!(root(&h), other.path());
    assert_eq!(
        store::load(&path).unwrap().len(),
        1,
        "saved before switching"
    );
}

#[test]
fn notes_of_a_missing_article_are_listed_not_dropped() {
    let dir = bundled_corpus();
    let text = std::fs::read_to_string(dir.path().join(SKY)).unwrap();
    let article = gloss::corpus::Article::from_text("deleted-article.txt", text, None);
    let mut a = Annotation::new(&article, 10..40, Color::Green);
    a.note = "note on a deleted article".into();
    a.article_hash = "f".repeat(32); // no article has this content
    store::save(&dir.path().join(store::NOTES_FILE), &[a]).unwrap();
    let mut h = open_app(dir.path());
    h.get_by_label("Missing article");
    h.get_by_label_contains("deleted-article.txt");
    h.get_by_label_contains("note on a deleted article");
    // Something else changes and is saved: the missing article's note is still in the file.
    highlight(&mut h, dir.path(), "swift and unequivocal");
    let_autosave_run(&mut h);
    assert_eq!(
        store::load(&dir.path().join(store::NOTES_FILE))
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn hostile_text_renders_and_selects_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let long_line = "word ".repeat(20_000);
    let text = format!(
        "Hostile article\n\nRTL: שלום עולם and مرحبا بالعالم, mixed ‏with marks‎.\n\
         Combining: e\u{301}\u{301}\u{301} a\u{308}\u{20dd} Z\u{336}a\u{335}l\u{334}g\u{337}o\n\
         Controls: \u{1}\u{7}\u{1b}[31m red \u{7f} tab\there \u{200b}zero-width\u{feff}\n\
         {long_line}\nEmoji: 👩‍👩‍👧‍👦 🇬🇧 end.\n"
    );
    std::fs::write(dir.path().join("hostile.txt"), &text).unwrap();
    let mut h = open_app(dir.path());
    let article = gloss::corpus::Article::from_text("hostile.txt", text.clone(), None);
    // Drag from inside the right-to-left line to inside the combining marks.
    let range = find_chars(&text, "שלום")..find_chars(&text, "a\u{308}") + 2;
    drag_select(&mut h, 0, range.clone());
    h.key_press(Key::H);
    h.run();
    let list = h
        .state()
        .session()
        .workspace
        .as_ref()
        .unwrap()
        .notebook()
        .annotations()
        .to_vec();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].quote.exact, article.slice(list[0].range()));
    // Scroll through the very long line and back: nothing panics, the highlight stays drawn.
    for _ in 0..10 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -800.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        });
        h.run();
    }
}

fn find_chars(text: &str, phrase: &str) -> usize {
    text[..text.find(phrase).unwrap()].chars().count()
}
