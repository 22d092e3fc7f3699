//! Helpers shared by the integration tests: the bundled corpus in a temporary folder, char
//! ranges of phrases, and driving the real app with egui_kittest.

// Each test crate uses a different subset.
#![allow(dead_code)]

use std::ops::Range;
use std::path::Path;

use eframe::egui::{self, Modifiers, vec2};
use egui_kittest::Harness;
use gloss::ui::dialogs::ScriptedDialogs;
use gloss::ui::{AppOptions, GlossApp};

/// The Sky News-style report and the BBC report of the bundled corpus.
pub const SKY: &str = "000_085c7264399e0b47.txt";
pub const BBC: &str = "003_b993387af2baf757.txt";

/// A temporary folder holding a copy of the two bundled articles.
pub fn bundled_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in [SKY, BBC] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(name);
        std::fs::copy(from, dir.path().join(name)).unwrap();
    }
    dir
}

/// Char range of the first occurrence of `phrase` in `text` (found by plain string search,
/// not by anything the app computes).
pub fn char_range(text: &str, phrase: &str) -> Range<usize> {
    let byte = text.find(phrase).expect("phrase is in the text");
    let start = text[..byte].chars().count();
    start..start + phrase.chars().count()
}

/// Char range of `phrase` in an article file of `dir`.
pub fn find_in_file(dir: &Path, article: &str, phrase: &str) -> Range<usize> {
    char_range(&std::fs::read_to_string(dir.join(article)).unwrap(), phrase)
}

/// The real app on `dir` at 1280×800, each frame advancing egui time by 0.25 s.
pub fn open_app(dir: &Path) -> Harness<'static, GlossApp> {
    open_app_with_step(dir, 0.25)
}

/// The real app on `dir`; `step_dt` is the egui time each frame advances.
pub fn open_app_with_step(dir: &Path, step_dt: f32) -> Harness<'static, GlossApp> {
    open_app_with(dir, step_dt, ScriptedDialogs::default())
}

/// The real app on `dir`, its file dialogs answering from `dialogs`.
pub fn open_app_with(
    dir: &Path,
    step_dt: f32,
    dialogs: ScriptedDialogs,
) -> Harness<'static, GlossApp> {
    open_app_sized(dir, vec2(1280.0, 800.0), step_dt, dialogs)
}

/// The real app on `dir` in a window of `size`.
pub fn open_app_sized(
    dir: &Path,
    size: egui::Vec2,
    step_dt: f32,
    dialogs: ScriptedDialogs,
) -> Harness<'static, GlossApp> {
    open_app_full(dir, Vec::new(), size, step_dt, dialogs)
}

/// The real app on `path` (a folder or an article) with `more` articles of its folder for
/// the next panes, as `gloss a.pdf b.epub c.md` opens them.
#[allow(dead_code)]
pub fn open_app_with_more(path: &Path, more: &[&str]) -> Harness<'static, GlossApp> {
    let more = more.iter().map(|s| s.to_string()).collect();
    open_app_full(
        path,
        more,
        vec2(1280.0, 800.0),
        0.25,
        ScriptedDialogs::default(),
    )
}

fn open_app_full(
    dir: &Path,
    more_articles: Vec<String>,
    size: egui::Vec2,
    step_dt: f32,
    dialogs: ScriptedDialogs,
) -> Harness<'static, GlossApp> {
    let dir = dir.to_path_buf();
    let mut harness = Harness::builder()
        .with_size(size)
        .with_step_dt(step_dt)
        // The folder watcher wakes the app from its own thread when a file in the folder
        // changes — the app's own saves included — so a few more frames than the default
        // four may run before the app settles.
        .with_max_steps(16)
        .build_eframe(move |cc| {
            GlossApp::new(
                cc,
                AppOptions {
                    corpus_dir: dir,
                    more_articles,
                    dialogs: Box::new(dialogs),
                },
            )
        });
    // The corpus opens on a worker; tests start once it is open.
    harness.state_mut().wait_for_open();
    harness.run();
    harness
}

/// Presses at the start of `range` in a pane, drags through its middle, releases at its end.
pub fn drag_select(harness: &mut Harness<'_, GlossApp>, pane: usize, range: Range<usize>) {
    let state = harness.state();
    let from = state
        .char_screen_pos(pane, range.start)
        .expect("start on screen");
    let to = state
        .char_screen_pos(pane, range.end)
        .expect("end on screen");
    harness.hover_at(from);
    harness.drag_at(from);
    harness.run();
    harness.hover_at(from + (to - from) * 0.5);
    harness.run();
    harness.hover_at(to);
    harness.run();
    harness.drop_at(to);
    harness.run();
}

/// A press and release at one spot, with the pointer staying there (as a real mouse does).
pub fn click_at(harness: &Harness<'_, GlossApp>, pos: egui::Pos2) {
    harness.hover_at(pos);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
}

/// Presses Ctrl+C alone in one frame and returns what that frame put on the clipboard.
pub fn copy_selection(harness: &mut Harness<'_, GlossApp>) -> Vec<String> {
    // The harness runs one frame per queued event, so send the key down alone and read the
    // output of exactly that frame.
    harness.event(egui::Event::Key {
        key: egui::Key::C,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::COMMAND,
    });
    harness.step();
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

/// Lets autosave's debounce elapse (each step is 0.25 s of egui time), waits for the save it
/// started on the background thread, and runs a frame so the app shows the outcome.
pub fn let_autosave_run(harness: &mut Harness<'_, GlossApp>) {
    // Harness frames take no real time, so a save started earlier may still be writing an
    // older snapshot; the app then saves again on a later frame, as it would in real use.
    for _ in 0..5 {
        harness.run_steps(6);
        harness.state_mut().wait_for_saves();
        let dirty = harness
            .state()
            .session()
            .workspace
            .as_ref()
            .is_some_and(|w| w.is_dirty());
        if !dirty {
            break;
        }
    }
    harness.run_steps(1);
}

/// Runs frames (with real time passing, as the watcher and the workers need) until `done`
/// holds or `limit` passes; returns how long it took, or `None` when it never held.
pub fn step_until(
    harness: &mut Harness<'_, GlossApp>,
    limit: std::time::Duration,
    done: impl Fn(&GlossApp) -> bool,
) -> Option<std::time::Duration> {
    let start = std::time::Instant::now();
    while start.elapsed() < limit {
        harness.step();
        if done(harness.state()) {
            return Some(start.elapsed());
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    None
}
