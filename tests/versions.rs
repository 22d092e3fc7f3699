//! Article versions: the text highlights were made on is kept, highlights are carried through
//! the change when the article is edited (a lone word whose sentence was rewritten included),
//! `gloss diff` and `gloss check` show the versions and what changed, and the window shows an
//! earlier version beside the current one with the changes marked.

mod common;

use std::path::Path;
use std::process::Command as Process;

use common::char_range;
use gloss::anchor::Anchor;
use gloss::annotation::{Annotation, Color};
use gloss::notebook::Command;
use gloss::workspace::Workspace;

const ORIGINAL: &str = "Minister in Moscow\n\n\
    The foreign secretary arrived in Moscow on Tuesday for the first visit by a British \
    minister in five years. He said the talks would be frank and that cyber attacks would be \
    raised directly.\n\n\
    Officials on both sides played down hopes of a breakthrough. One diplomat called the \
    relationship the worst since the Cold War.\n\n\
    The Kremlin said it was ready to listen, and that sanctions were a mistake the West would \
    come to regret.\n\n\
    A second round of talks is expected in the spring.\n";

/// The correction published later: a sentence rewritten around the word "frank", a word
/// added to a highlighted sentence, a paragraph deleted, a new paragraph at the top.
fn edited() -> String {
    ORIGINAL
        .replace(
            "Minister in Moscow\n\n",
            "Minister in Moscow\n\nUpdated: this article was corrected on Wednesday.\n\n",
        )
        .replace(
            "He said the talks would be frank and that",
            "Speaking at the airport, he promised frank exchanges, adding that",
        )
        .replace(
            "the worst since the Cold War",
            "the very worst since the Cold War",
        )
        .replace(
            "The Kremlin said it was ready to listen, and that sanctions were a mistake the West \
             would come to regret.\n\n",
            "",
        )
}

fn gloss(dir: &Path, args: &[&str]) -> (String, String, bool) {
    let out = Process::new(env!("CARGO_BIN_EXE_gloss"))
        .arg("--corpus")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

/// Highlights made on the original, saved; returns their ids by quote.
fn annotate_original(dir: &Path) -> Vec<(String, &'static str)> {
    std::fs::write(dir.join("moscow.txt"), ORIGINAL).unwrap();
    let mut ws = Workspace::open(dir).unwrap();
    let article = ws.corpus.article("moscow.txt").unwrap().clone();
    let quotes = [
        "frank",
        "the relationship the worst since the Cold War",
        "sanctions were a mistake the West would come to regret",
        "A second round of talks is expected in the spring.",
    ];
    let mut ids = Vec::new();
    for q in quotes {
        let a = Annotation::new(&article, char_range(&article.text, q), Color::Yellow);
        ids.push((a.id.clone(), q));
        ws.apply(Command::create(a)).unwrap();
    }
    ws.save().unwrap();
    ids
}

#[test]
fn highlights_are_carried_through_the_change_when_the_original_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let ids = annotate_original(dir.path());
    // The text they were made on is kept, compressed, out of the library's sight.
    let store = gloss::versions::VersionStore::of_corpus(dir.path());
    let kept = store.versions_of("moscow.txt");
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].hash, gloss::corpus::text_hash(ORIGINAL));
    std::fs::write(dir.path().join("moscow.txt"), edited()).unwrap();

    let ws = Workspace::open(dir.path()).unwrap();
    assert_eq!(ws.corpus.articles.len(), 1, "versions are not articles");
    let article = ws.corpus.article("moscow.txt").unwrap();
    let now = |id: &str| ws.range_of(id).map(|r| article.slice(r).to_owned());
    // The lone word, its sentence rewritten around it: exactly the word, in the new sentence.
    let frank = &ids[0].0;
    let r = ws.range_of(frank).expect("frank anchored");
    assert_eq!(article.slice(r.clone()), "frank");
    assert_eq!(
        article.slice(r.start.saturating_sub(9)..r.end + 10),
        "promised frank exchanges"
    );
    // A word added inside: the passage as it reads now, the old words kept.
    assert_eq!(
        now(&ids[1].0).as_deref(),
        Some("the relationship the very worst since the Cold War")
    );
    let changed = ws.notebook().get(&ids[1].0).unwrap();
    assert_eq!(
        changed.original_quote.as_deref(),
        Some("the relationship the worst since the Cold War")
    );
    // The deleted paragraph's highlight is an orphan, not placed on other words.
    assert_eq!(ws.anchor_of(&ids[2].0), Some(&Anchor::Orphan));
    // Untouched text moved down by the new paragraph: exact.
    assert_eq!(now(&ids[3].0).as_deref(), Some(ids[3].1));
}

#[test]
fn without_a_kept_version_the_selectors_still_never_place_a_word_wrongly() {
    let dir = tempfile::tempdir().unwrap();
    let ids = annotate_original(dir.path());
    std::fs::remove_dir_all(dir.path().join(".gloss")).unwrap();
    std::fs::write(dir.path().join("moscow.txt"), edited()).unwrap();
    let ws = Workspace::open_read_only(dir.path()).unwrap();
    let article = ws.corpus.article("moscow.txt").unwrap();
    for (id, quote) in &ids {
        if let Some(r) = ws.range_of(id) {
            let found = article.slice(r);
            assert!(
                found == *quote || ws.notebook().get(id).unwrap().original_quote.is_some(),
                "{quote:?} placed on {found:?}"
            );
        }
    }
    assert_eq!(ws.anchor_of(&ids[2].0), Some(&Anchor::Orphan));
}

#[test]
fn a_corrupt_or_missing_version_only_means_the_selectors_decide() {
    let dir = tempfile::tempdir().unwrap();
    let ids = annotate_original(dir.path());
    let hash = gloss::corpus::text_hash(ORIGINAL);
    let file = dir
        .path()
        .join(".gloss")
        .join("versions")
        .join(format!("{hash}.zst"));
    std::fs::write(&file, b"not zstd at all").unwrap();
    std::fs::write(dir.path().join("moscow.txt"), edited()).unwrap();
    let ws = Workspace::open_read_only(dir.path()).unwrap();
    // The untouched passage is still found (by its selectors), the deleted one orphaned.
    let article = ws.corpus.article("moscow.txt").unwrap();
    assert_eq!(
        ws.range_of(&ids[3].0).map(|r| article.slice(r).to_owned()),
        Some(ids[3].1.to_owned())
    );
    assert_eq!(ws.anchor_of(&ids[2].0), Some(&Anchor::Orphan));
}

#[test]
fn gloss_diff_and_check_show_the_versions_and_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    annotate_original(dir.path());
    let new = edited();
    std::fs::write(dir.path().join("moscow.txt"), &new).unwrap();

    let (out, err, ok) = gloss(dir.path(), &["diff", "moscow.txt", "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["from"]["hash"], gloss::corpus::text_hash(ORIGINAL));
    let changes = v["changes"].as_array().unwrap();
    assert!(!changes.is_empty());
    let slice = |text: &str, side: &serde_json::Value| -> String {
        let (s, e) = (
            side["start"].as_u64().unwrap() as usize,
            side["end"].as_u64().unwrap() as usize,
        );
        text.chars().skip(s).take(e - s).collect()
    };
    // Every change's ranges hold its text on both sides.
    for c in changes {
        assert_eq!(
            slice(ORIGINAL, &c["old"]),
            c["old"]["text"].as_str().unwrap()
        );
        assert_eq!(slice(&new, &c["new"]), c["new"]["text"].as_str().unwrap());
    }
    let kinds: Vec<&str> = changes
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"added") && kinds.contains(&"removed") && kinds.contains(&"edited"));
    assert!(
        changes.iter().any(|c| c["old"]["text"]
            .as_str()
            .unwrap()
            .contains("The Kremlin said")),
        "the deleted paragraph is a change"
    );
    assert!(v["summary"].as_str().unwrap().contains("change"));

    let (text, _, _) = gloss(dir.path(), &["diff", "moscow.txt"]);
    assert!(text.contains("@@ old "), "{text}");
    assert!(text.contains("- The Kremlin said"), "{text}");

    let (check, _, _) = gloss(dir.path(), &["check"]);
    assert!(check.contains("versions kept (1)"), "{check}");
    assert!(check.contains(&gloss::corpus::text_hash(ORIGINAL)));
}

#[test]
fn w3c_annotations_imported_onto_the_original_survive_its_replacement() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("moscow.txt"), ORIGINAL).unwrap();
    let w3c = serde_json::json!([{
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "body": [{"type": "TextualBody", "value": "the key word", "purpose": "commenting"}],
        "target": {
            "source": "moscow.txt",
            "selector": [{
                "type": "TextQuoteSelector",
                "exact": "frank",
                "prefix": "He said the talks would be ",
                "suffix": " and that cyber attacks would"
            }]
        }
    }]);
    let import = dir.path().join("in.json");
    std::fs::write(&import, w3c.to_string()).unwrap();
    let (_, err, ok) = gloss(dir.path(), &["import", import.to_str().unwrap()]);
    assert!(ok, "{err}");
    std::fs::remove_file(&import).unwrap();
    std::fs::write(dir.path().join("moscow.txt"), edited()).unwrap();
    let (out, err, ok) = gloss(dir.path(), &["export", "--format", "w3c"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = v
        .as_array()
        .cloned()
        .unwrap_or_else(|| v["items"].as_array().unwrap().clone());
    let selectors = items[0]["target"]["selector"].as_array().unwrap();
    let position = selectors
        .iter()
        .find(|s| s["type"] == "TextPositionSelector")
        .expect("anchored: it has a position");
    let (s, e) = (
        position["start"].as_u64().unwrap() as usize,
        position["end"].as_u64().unwrap() as usize,
    );
    let new = edited();
    let found: String = new.chars().skip(s).take(e - s).collect();
    assert_eq!(found, "frank");
    let before: String = new.chars().skip(s - 9).take(9).collect();
    assert_eq!(before, "promised ");
}

/// Pieces of text the last frame painted in `rect`, with whether each was struck through and
/// whether it had a background.
fn painted_pieces(
    h: &egui_kittest::Harness<'_, gloss::ui::GlossApp>,
    rect: eframe::egui::Rect,
) -> Vec<(String, bool, bool)> {
    use eframe::egui::Shape;
    fn walk(shape: &Shape, rect: eframe::egui::Rect, out: &mut Vec<(String, bool, bool)>) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, rect, out)),
            Shape::Text(t) if rect.contains(t.pos) => {
                let job = &t.galley.job;
                for section in &job.sections {
                    out.push((
                        job.text[section.byte_range.start.0..section.byte_range.end.0].to_owned(),
                        section.format.strikethrough.width > 0.0,
                        section.format.background.a() > 0,
                    ));
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, rect, &mut out);
    }
    out
}

#[test]
fn the_window_shows_the_earlier_version_beside_the_article_with_the_changes_marked() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let ids = annotate_original(dir.path());
    std::fs::write(dir.path().join("moscow.txt"), edited()).unwrap();
    let mut h = common::open_app(dir.path());

    // The highlight whose text changed says what changed, and offers the comparison.
    // (Its row, then the inline diff in it: the first node is the row.)
    h.get_all_by_label_contains("the relationship the")
        .next()
        .unwrap()
        .click();
    h.run();
    assert_eq!(
        h.state().session().reader.selected.as_deref(),
        Some(ids[1].0.as_str())
    );
    h.get_by_label("Compare with earlier version").click();
    let shown = common::step_until(&mut h, std::time::Duration::from_secs(10), |app| {
        app.session().reader.version.as_ref().is_some()
    });
    assert!(shown.is_some(), "the earlier version opened");
    h.run();
    let (pane, summary) = {
        let v = h.state().session().reader.version.as_ref().unwrap();
        (v.pane, v.summary.clone())
    };
    assert!(summary.contains("change"), "{summary}");
    assert!(
        h.query_by_label_contains("Earlier version · kept")
            .is_some()
    );
    assert!(h.query_by_label_contains(&summary).is_some());

    // Deleted words struck through in the earlier text; inserted words shaded in the current.
    let old_rect = h.state().pane_text_rect(pane).unwrap();
    let old_painted = painted_pieces(&h, old_rect);
    let struck: Vec<&str> = old_painted
        .iter()
        .filter(|(_, struck, shaded)| *struck && *shaded)
        .map(|(t, _, _)| t.as_str())
        .collect();
    assert!(
        struck
            .iter()
            .any(|t| t.contains("The Kremlin said it was ready")),
        "the deleted paragraph: {old_painted:?}"
    );
    assert!(
        struck.iter().any(|t| t.contains("said")) && struck.iter().any(|t| t.contains("would")),
        "{struck:?}"
    );
    // The words that stayed are not marked.
    assert!(
        old_painted
            .iter()
            .any(|(t, struck, _)| !struck && t.contains("frank")),
        "{old_painted:?}"
    );
    let current = 1 - pane;
    let new_painted = painted_pieces(&h, h.state().pane_text_rect(current).unwrap());
    for inserted in [
        "Updated: this article was corrected on Wednesday.",
        "Speaking at",
        "airport, he promised",
    ] {
        assert!(
            new_painted
                .iter()
                .any(|(t, struck, shaded)| !struck && *shaded && t == inserted),
            "{inserted:?} shaded as inserted: {new_painted:?}"
        );
    }

    // Next and previous change.
    let first = h.state().session().reader.version.as_ref().unwrap().current;
    h.get_by_label("Next change ▶").click();
    h.run();
    let second = h.state().session().reader.version.as_ref().unwrap().current;
    assert_ne!(first, second);
    h.get_by_label("◀ Previous").click();
    h.run();
    assert_eq!(
        h.state().session().reader.version.as_ref().unwrap().current,
        first
    );

    // Read-only: a selection there cannot become a highlight.
    let old_text = h
        .state()
        .session()
        .reader
        .version
        .as_ref()
        .unwrap()
        .old
        .text
        .to_string();
    common::drag_select(
        &mut h,
        pane,
        char_range(&old_text, "first visit by a British"),
    );
    h.key_press(eframe::egui::Key::H);
    h.run();
    assert_eq!(
        h.state()
            .session()
            .workspace
            .as_ref()
            .unwrap()
            .notebook()
            .annotations()
            .len(),
        ids.len()
    );

    // Closed: the pane shows the article again.
    h.get_by_label("Close").click();
    h.run();
    assert!(h.state().session().reader.version.as_ref().is_none());
    assert_eq!(
        h.state().session().reader.article_in(pane),
        Some("moscow.txt")
    );
}
