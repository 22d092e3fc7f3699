//! Import of W3C and Hypothesis JSON through the CLI, and W3C round trips.

mod common;

use common::{BBC, SKY, bundled_corpus};

use std::path::Path;
use std::process::Command as Process;

use serde_json::json;

fn gloss(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .output()
        .unwrap()
}

fn text_of(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

fn char_pos(text: &str, phrase: &str) -> (usize, usize) {
    let byte = text.find(phrase).unwrap();
    let start = text[..byte].chars().count();
    (start, start + phrase.chars().count())
}

/// A Hypothesis API search result for passages of the bundled articles: one exact, one with a
/// typo the article does not have, one whose passage is not in the article, and a page note.
fn hypothesis_rows(dir: &Path) -> serde_json::Value {
    let bbc = text_of(dir, BBC);
    let exact = "relations between the two countries are";
    let (s, e) = char_pos(&bbc, exact);
    let row = |id: &str, quote: &str, start: usize, end: usize, text: &str, tags: &[&str]| {
        json!({
            "id": id,
            "uri": format!("https://www.bbc.co.uk/news/{BBC}"),
            "text": text,
            "tags": tags,
            "created": "2024-05-01T10:00:00.000000+00:00",
            "updated": "2024-05-02T10:00:00.000000+00:00",
            "target": [{
                "source": format!("https://www.bbc.co.uk/news/{BBC}"),
                "selector": [
                    {"type": "RangeSelector", "startContainer": "/div[1]/p[3]", "startOffset": 0,
                     "endContainer": "/div[1]/p[3]", "endOffset": 10},
                    {"type": "TextPositionSelector", "start": start, "end": end},
                    {"type": "TextQuoteSelector", "exact": quote,
                     "prefix": "orrespondent James Robbins says that ", "suffix": " \"at best very bad, at worst, appalling\""}
                ]
            }]
        })
    };
    json!({
        "total": 4,
        "rows": [
            row("hyp-exact", exact, s, e, "the key phrase", &["tone"]),
            row("hyp-typo", "relations betwen the two countries are", s, e + 1, "typo in the quote", &[]),
            row("hyp-gone", "Russia and Britain signed a new trade agreement yesterday", 0, 57, "not in this article", &[]),
            {"id": "hyp-page-note", "uri": "https://www.bbc.co.uk/news/x", "text": "page note",
             "target": [{"source": "https://www.bbc.co.uk/news/x"}]}
        ]
    })
}

#[test]
fn hypothesis_json_imports_with_counts_tags_and_ids() {
    let dir = bundled_corpus();
    let file = dir.path().join("hypothesis.json");
    std::fs::write(&file, hypothesis_rows(dir.path()).to_string()).unwrap();
    let corpus = dir.path().to_str().unwrap();
    let out = gloss(&["import", "--corpus", corpus, file.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("1 anchored exactly, 1 anchored approximately, 1 orphaned"),
        "{stdout}"
    );
    assert!(
        stdout.contains("1 entries without a quoted passage"),
        "{stdout}"
    );

    let notes = gloss::store::load(&dir.path().join("annotations.ron")).unwrap();
    assert_eq!(notes.len(), 3);
    let by_id = |id: &str| notes.iter().find(|a| a.id == id).unwrap();
    assert_eq!(by_id("hyp-exact").tags, ["tone"]);
    assert_eq!(by_id("hyp-exact").note, "the key phrase");
    assert_eq!(by_id("hyp-exact").article, BBC);
    // The typo'd quote anchored to the real text, and the original quote is kept beside it.
    let typo = by_id("hyp-typo");
    assert_eq!(typo.quote.exact, "relations between the two countries are");
    assert_eq!(
        typo.original_quote.as_deref(),
        Some("relations betwen the two countries are")
    );

    // Exported again: ids unchanged, the orphan without a position selector.
    let out = gloss(&["export", "--corpus", corpus, "--format", "w3c"]);
    let exported: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let find = |id: &str| {
        exported
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap_or_else(|| panic!("{id} exported under another id"))
            .clone()
    };
    let gone = find("hyp-gone");
    let selectors = gone["target"]["selector"].as_array().unwrap();
    assert_eq!(selectors.len(), 1);
    assert_eq!(selectors[0]["type"], "TextQuoteSelector");
    let kept = find("hyp-exact");
    assert_eq!(kept["body"][1]["purpose"], "tagging");
    assert_eq!(kept["body"][1]["value"], "tone");

    // `gloss check` shows each state.
    let out = gloss(&["check", "--corpus", corpus, "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let state = |id: &str| {
        report["annotations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap()["anchoring"]
            .clone()
    };
    assert_eq!(state("hyp-exact"), "exact");
    assert_eq!(state("hyp-gone"), "orphan");
    assert_eq!(
        out.status.code(),
        Some(1),
        "an orphan is a problem worth a non-zero exit"
    );
}

#[test]
fn a_w3c_round_trip_keeps_everything() {
    let dir = bundled_corpus();
    std::fs::write(
        dir.path().join("hyp.json"),
        hypothesis_rows(dir.path()).to_string(),
    )
    .unwrap();
    let corpus = dir.path().to_str().unwrap();
    assert!(
        gloss(&[
            "import",
            "--corpus",
            corpus,
            dir.path().join("hyp.json").to_str().unwrap()
        ])
        .status
        .success()
    );
    let first = gloss(&["export", "--corpus", corpus, "--format", "w3c"]).stdout;

    // Into a fresh copy of the corpus and out again.
    let other = bundled_corpus();
    let exported = other.path().join("export.json");
    std::fs::write(&exported, &first).unwrap();
    let out = gloss(&[
        "import",
        "--corpus",
        other.path().to_str().unwrap(),
        exported.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let second = gloss(&[
        "export",
        "--corpus",
        other.path().to_str().unwrap(),
        "--format",
        "w3c",
    ])
    .stdout;
    assert_eq!(
        String::from_utf8_lossy(&first),
        String::from_utf8_lossy(&second)
    );
}

#[test]
fn w3c_annotations_made_on_an_older_text_anchor_in_the_edited_one() {
    let dir = bundled_corpus();
    let sky = text_of(dir.path(), SKY);
    let phrase = "Johnson has this week sought to play down differences with the US";
    let (s, e) = char_pos(&sky, phrase);
    let annotation = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:uuid:6f1c2a4e-0000-4000-8000-000000000001",
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": "compare BBC"},
        "target": {"source": SKY, "styleClass": "blue", "selector": [
            {"type": "TextQuoteSelector", "exact": phrase, "prefix": "", "suffix": ""},
            {"type": "TextPositionSelector", "start": s, "end": e}]}
    });
    // The article is corrected afterwards: a paragraph inserted at the top.
    let edited = sky.replacen(
        "Sky News\n",
        "Sky News\n\nUpdated: this article was corrected.\n",
        1,
    );
    std::fs::write(dir.path().join(SKY), &edited).unwrap();
    std::fs::write(dir.path().join("one.json"), annotation.to_string()).unwrap();
    let out = gloss(&[
        "import",
        "--corpus",
        dir.path().to_str().unwrap(),
        dir.path().join("one.json").to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 anchored exactly"));
    let notes = gloss::store::load(&dir.path().join("annotations.ron")).unwrap();
    let a = &notes[0];
    let (ns, ne) = char_pos(&edited, phrase);
    assert_eq!((a.position.start, a.position.end), (ns, ne));
    assert_eq!(a.color, gloss::annotation::Color::Blue);
    assert_eq!(a.id, "urn:uuid:6f1c2a4e-0000-4000-8000-000000000001");
}

#[test]
fn import_refuses_while_another_gloss_holds_the_corpus() {
    let dir = bundled_corpus();
    std::fs::write(
        dir.path().join("h.json"),
        hypothesis_rows(dir.path()).to_string(),
    )
    .unwrap();
    let _lock = gloss::store::lock::CorpusLock::acquire(dir.path()).unwrap();
    let out = gloss(&[
        "import",
        "--corpus",
        dir.path().to_str().unwrap(),
        dir.path().join("h.json").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("another gloss"));
    assert!(!dir.path().join("annotations.ron").exists());
}
