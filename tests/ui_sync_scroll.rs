//! Scrolling in step: with the toggle on, scrolling one pane keeps the corresponding passage
//! of the other article level with it, though it sits at a different place in each.

mod common;

use std::time::Duration;

use common::{char_range, open_app, step_until};
use egui_kittest::kittest::Queryable;

/// `n` paragraphs of words no other article uses (`tag` makes them unique).
fn filler(tag: &str, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            (0..30)
                .map(|k| format!("{tag}{}x{}", i % 97, k % 13))
                .collect::<Vec<_>>()
                .join(" ")
                + "."
        })
        .collect()
}

const SHARED: &str = "The minister flew to Moscow on Friday for talks about cyber attacks, \
                      election interference and the poisoning of a former spy in Salisbury.";

#[test]
fn the_other_pane_follows_to_the_corresponding_passage() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = filler("north", 160);
    a.insert(30, SHARED.to_string());
    let mut b = filler("south", 160);
    b.insert(130, SHARED.replace("interference", "meddling"));
    let (a, b) = (a.join("\n\n"), b.join("\n\n"));
    std::fs::write(dir.path().join("a.txt"), &a).unwrap();
    std::fs::write(dir.path().join("b.txt"), &b).unwrap();
    let mut h = open_app(dir.path());

    h.get_all_by_label("⇅").next().unwrap().click();
    h.run();
    // Wait for the comparison the mapping follows.
    step_until(&mut h, Duration::from_secs(3), |app| {
        app.session().workspace.as_ref().is_some() && !app.session().article_work_running()
    });
    std::thread::sleep(Duration::from_millis(300));
    h.run_steps(4);

    // Scroll pane 1 (left, active) down to the shared passage, a screen at a time.
    let in_a = char_range(&a, "poisoning of a former spy");
    let in_b = char_range(&b, "poisoning of a former spy");
    for _ in 0..60 {
        if h.state().char_screen_pos(0, in_a.start).is_some() {
            break;
        }
        h.key_press(eframe::egui::Key::PageDown);
        h.run_steps(3);
    }
    assert!(
        h.state().char_screen_pos(0, in_a.start).is_some(),
        "scrolled to it: top {:?} / {:?}, passage at {}",
        h.state().session().reader.top_char(0),
        h.state().session().reader.top_char(1),
        in_a.start
    );
    h.run_steps(6);
    assert!(
        h.state().char_screen_pos(1, in_b.start).is_some(),
        "the counterpart is in view in the other pane (its top is at char {:?}, the passage at {})",
        h.state().session().reader.top_char(1),
        in_b.start
    );
}
