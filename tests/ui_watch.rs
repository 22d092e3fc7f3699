//! The open window follows the corpus folder: an article edited, added or removed by another
//! program shows up within a second, with its highlights placed again — noticed by watching
//! the folder, not by the UI thread listing it.

mod common;

use std::time::Duration;

use common::{SKY, bundled_corpus, char_range, open_app, step_until};
use egui_kittest::kittest::Queryable;
use gloss::annotation::Color;
use gloss::workspace::Workspace;

/// The bundled corpus with one saved highlight on `phrase` of the Sky article.
fn corpus_with_highlight(phrase: &str) -> (tempfile::TempDir, String) {
    let dir = bundled_corpus();
    let text = std::fs::read_to_string(dir.path().join(SKY)).unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let made = ws
        .highlight(SKY, char_range(&text, phrase), Color::Green)
        .unwrap();
    ws.save().unwrap();
    (dir, made.id)
}

#[test]
fn an_article_edited_on_disk_is_picked_up_within_a_second() {
    let phrase = "swift and unequivocal response";
    let (dir, id) = corpus_with_highlight(phrase);
    let mut h = open_app(dir.path());
    let sky = std::fs::read_to_string(dir.path().join(SKY)).unwrap();
    assert_eq!(
        h.state()
            .session()
            .workspace
            .as_ref()
            .unwrap()
            .range_of(&id),
        Some(char_range(&sky, phrase))
    );

    // Another program puts a paragraph at the top: every offset after it moves.
    let edited = sky.replacen(
        "Sky News\n",
        "Sky News\n\nUpdate: this article was revised after publication.\n",
        1,
    );
    std::fs::write(dir.path().join(SKY), &edited).unwrap();
    let now_at = char_range(&edited, phrase);
    let took = step_until(&mut h, Duration::from_secs(3), |app| {
        app.session().workspace.as_ref().unwrap().range_of(&id) == Some(now_at.clone())
    })
    .expect("the edited article was taken in");
    assert!(
        took < Duration::from_secs(1),
        "took {took:?}: the watcher should report the edit at once"
    );
    h.run();
    // The reader sees the new text and is told.
    h.get_by_label_contains("Articles changed on disk");
    assert!(
        h.state()
            .session()
            .workspace
            .as_ref()
            .unwrap()
            .corpus
            .article(SKY)
            .unwrap()
            .text
            .contains("revised after publication")
    );
}

#[test]
fn an_article_added_to_the_folder_appears_in_the_library() {
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    std::fs::write(
        dir.path().join("new-article.txt"),
        "A third report\n\nWith a sentence of its own.\n",
    )
    .unwrap();
    step_until(&mut h, Duration::from_secs(3), |app| {
        app.session()
            .workspace
            .as_ref()
            .unwrap()
            .corpus
            .article("new-article.txt")
            .is_some()
    })
    .expect("the new article was listed");
    h.run();
    h.get_by_label_contains("A third report");
}

/// Editors often truncate a file and then write it: two events. When the second comes while
/// the app is still busy with the first (reading the empty file), it must not be lost: the
/// final text is shown promptly, not at the next timed check.
#[test]
fn a_change_arriving_while_the_last_one_is_read_is_not_lost() {
    let phrase = "swift and unequivocal response";
    let (dir, id) = corpus_with_highlight(phrase);
    let mut h = open_app(dir.path());
    let path = dir.path().join(SKY);
    let sky = std::fs::read_to_string(&path).unwrap();
    let edited = sky.replacen("Sky News\n", "Sky News\n\nCorrection appended.\n", 1);
    std::fs::File::create(&path).unwrap(); // truncated
    step_until(&mut h, Duration::from_secs(2), |app| {
        app.session().article_work_running()
    })
    .expect("the truncation is being looked at");
    // The worker has read the empty file by now; the app has not yet taken its answer in.
    std::thread::sleep(Duration::from_millis(100));
    std::fs::write(&path, &edited).unwrap(); // ...and written, while that work is pending
    std::thread::sleep(Duration::from_millis(50));
    let now_at = char_range(&edited, phrase);
    step_until(&mut h, Duration::from_secs(2), |app| {
        let ws = app.session().workspace.as_ref().unwrap();
        ws.corpus
            .article(SKY)
            .unwrap()
            .text
            .contains("Correction appended")
            && ws.range_of(&id) == Some(now_at.clone())
    })
    .expect("the final text is shown");
}
