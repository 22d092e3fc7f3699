//! Compare mode in the window: C marks, in both panes, the passages that tell the same thing.

mod common;

use std::time::Duration;

use common::{char_range, open_app, step_until};
use eframe::egui::Key;

#[test]
fn compare_mode_marks_the_corresponding_passages_in_both_panes() {
    let dir = tempfile::tempdir().unwrap();
    let a = "Sky report\n\nMarkets were calm as traders waited for inflation figures.\n\n\
             The minister flew to Moscow on Friday for talks about cyber attacks, election \
             interference and the poisoning of a former spy in Salisbury.\n\n\
             Weather stayed cold across the north.\n";
    let b = "BBC report\n\nA new bridge opened downtown after years of delays.\n\n\
             On Friday the minister flew to Moscow for talks about cyber attacks, election \
             meddling and the poisoning of a former spy in Salisbury.\n";
    std::fs::write(dir.path().join("a.txt"), a).unwrap();
    std::fs::write(dir.path().join("b.txt"), b).unwrap();
    let mut h = open_app(dir.path());
    assert!(h.state().compare_marks_now().is_empty(), "off by default");

    h.key_press(Key::C);
    let marks = |app: &gloss::ui::GlossApp| app.compare_marks_now();
    step_until(&mut h, Duration::from_secs(3), |app| {
        marks(app).iter().all(|m| !m.is_empty())
    })
    .expect("both panes get their marks");
    h.run();
    let m = marks(h.state());
    let in_a = char_range(a, "poisoning of a former spy in Salisbury");
    let in_b = char_range(b, "poisoning of a former spy in Salisbury");
    assert!(
        m[0].iter()
            .any(|r| r.start <= in_a.start && r.end >= in_a.end),
        "{m:?}"
    );
    assert!(
        m[1].iter()
            .any(|r| r.start <= in_b.start && r.end >= in_b.end),
        "{m:?}"
    );
    // Nothing else is marked: the opening lines tell different things.
    let other = char_range(a, "Markets were calm");
    assert!(
        m[0].iter()
            .all(|r| r.end <= other.start || r.start >= other.end)
    );

    // C again: off, no marks.
    h.key_press(Key::C);
    h.run();
    assert!(h.state().compare_marks_now().is_empty());
}
