//! The data core without any UI: corpus loading, the notes file, export, and the CLI.

mod common;

use common::{BBC, SKY, bundled_corpus, char_range};

use std::path::Path;
use std::process::Command as Process;

use gloss::annotation::{Annotation, Color};
use gloss::corpus::{Article, Corpus};
use gloss::notebook::Command;
use gloss::store;
use gloss::workspace::Workspace;

#[test]
fn corpus_loading_normalises_and_reports_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("b-windows.txt"),
        b"\xEF\xBB\xBFTitle\r\n\r\nOutlet\r\nBody \xE2\x80\x9Cquoted\xE2\x80\x9D.\r",
    )
    .unwrap();
    std::fs::write(p.join("a-latin1.md"), b"Caf\xE9 society\n").unwrap();
    std::fs::write(p.join("c-binary.txt"), b"\x89PNG\r\n\x1a\n\x00\x00\x00").unwrap();
    std::fs::write(p.join("d-empty.txt"), b"").unwrap();
    std::fs::write(p.join("notes.pdf"), b"%PDF").unwrap();
    std::fs::create_dir(p.join("sub.txt")).unwrap();

    let corpus = Corpus::load(p).unwrap();
    let names: Vec<&str> = corpus
        .articles
        .iter()
        .map(|a| a.file_name.as_str())
        .collect();
    assert_eq!(names, ["a-latin1.md", "b-windows.txt", "d-empty.txt"]);

    let windows = corpus.article("b-windows.txt").unwrap();
    assert_eq!(&*windows.text, "Title\n\nOutlet\nBody “quoted”.\n");
    assert_eq!(windows.title, "Title");
    assert_eq!(windows.outlet.as_deref(), Some("Outlet"));
    assert!(windows.warning.is_none());
    // Offsets count chars of the normalised text: “ is one char, CRLF is one.
    assert_eq!(windows.slice(19..27), "“quoted”");

    let latin1 = corpus.article("a-latin1.md").unwrap();
    assert!(latin1.text.starts_with("Caf\u{FFFD} society"));
    assert!(latin1.warning.as_deref().unwrap().contains("UTF-8"));

    let empty = corpus.article("d-empty.txt").unwrap();
    assert_eq!(empty.char_len(), 0);
    assert_eq!(empty.title, "");

    // A PDF that is nothing but its header is listed with why, as a binary .txt is.
    assert_eq!(corpus.skipped.len(), 2);
    assert_eq!(corpus.skipped[0].file_name, "c-binary.txt");
    assert!(corpus.skipped[0].reason.contains("binary"));
    assert_eq!(corpus.skipped[1].file_name, "notes.pdf");
    assert!(
        corpus.skipped[1].reason.contains("PDF"),
        "{}",
        corpus.skipped[1].reason
    );
}

#[test]
fn a_missing_corpus_folder_is_a_clear_error() {
    let err = Corpus::load(Path::new("/definitely/not/here")).unwrap_err();
    assert!(err.to_string().contains("/definitely/not/here"), "{err}");
}

/// Annotations whose quotes and notes hold what plain-text formats get wrong.
fn tricky_annotations() -> Vec<Annotation> {
    let text =
        "He said: \"it's fine\" — \\n isn't a newline.\nמשפט בעברית and e\u{301}\u{301} 😀🇬🇧 end\n";
    let article = Article::from_text("tricky.txt", text.to_owned(), None);
    let notes = [
        "line one\nline two\r\nline three",
        "quotes \" and ' and \\ and \\n literally",
        "emoji 😀🇬🇧👩‍👩‍👧 and RTL שלום and combining e\u{301}",
        "",
        "trailing newline\n",
    ];
    let ranges = [0..20, 9..20, 44..55, 56..63, 0..text.chars().count() - 1];
    ranges
        .into_iter()
        .zip(notes)
        .zip(Color::ALL)
        .map(|((range, note), color)| {
            let mut a = Annotation::new(&article, range, color);
            a.note = note.to_owned();
            a
        })
        .collect()
}

#[test]
fn the_notes_file_round_trips_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(store::NOTES_FILE);
    let original = tricky_annotations();
    store::save(&path, &original).unwrap();
    let loaded = store::load(&path).unwrap();
    let mut expected = original.clone();
    expected.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    assert_eq!(loaded, expected);

    // Saving what was loaded, in any order, gives the same bytes: the file is deterministic.
    let first = std::fs::read(&path).unwrap();
    let mut shuffled = loaded.clone();
    shuffled.reverse();
    store::save(&path, &shuffled).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), first);

    let text = String::from_utf8(first).unwrap();
    assert!(!text.contains('\r'), "line ends are \\n only");
    assert!(text.starts_with("(\n    version: 3,\n"), "{text}");
    assert!(
        text.ends_with("    links: [],\n    dismissed: [],\n)\n"),
        "{text}"
    );
    // One field per line: a note with line breaks stays on one line of the file.
    assert!(
        text.lines()
            .any(|l| l.trim_start().starts_with("note: \"line one\\nline two"))
    );
}

#[test]
fn the_notes_file_keeps_every_documented_field() {
    let dir = bundled_corpus();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let article = ws.corpus.article(SKY).unwrap().clone();
    let range = char_range(&article.text, "swift and unequivocal response");
    let mut a = Annotation::new(&article, range.clone(), Color::Green);
    a.note = "Johnson's warning".into();
    let id = a.id.clone();
    ws.apply(Command::create(a)).unwrap();
    ws.save().unwrap();
    let text = std::fs::read_to_string(dir.path().join("annotations.ron")).unwrap();
    // 32 chars of context either side, counted here from the article text itself.
    let chars: Vec<char> = article.text.chars().collect();
    let prefix: String = chars[range.start - 32..range.start].iter().collect();
    let suffix: String = chars[range.end..range.end + 32].iter().collect();
    let escape = |s: &str| s.replace('\n', "\\n");
    for needle in [
        "version: 3",
        &format!("id: \"{id}\""),
        &format!("article: \"{SKY}\""),
        "exact: \"swift and unequivocal response\"",
        &format!("prefix: \"{}\"", escape(&prefix)),
        &format!("suffix: \"{}\"", escape(&suffix)),
        &format!("start: {}", range.start),
        &format!("end: {}", range.end),
        "color: green",
        "created: \"20",
        "modified: \"20",
        &format!(
            "article_hash: \"{}\"",
            gloss::corpus::text_hash(&article.text)
        ),
        "tags: [],",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    let created = text.lines().find(|l| l.contains("created:")).unwrap();
    assert!(
        created.trim_end().ends_with("Z\","),
        "UTC RFC 3339: {created}"
    );
}

#[test]
fn a_workspace_with_an_unreadable_notes_file_never_saves_over_it() {
    let dir = bundled_corpus();
    let bad = "(version: 1, annotations: [(\n  id: 5 ]";
    let path = dir.path().join("annotations.ron");
    std::fs::write(&path, bad).unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let err = ws.load_error.clone().unwrap().to_string();
    assert!(err.contains("annotations.ron:2:"), "line and column: {err}");
    let article = ws.corpus.article(SKY).unwrap().clone();
    assert!(
        ws.apply(Command::create(Annotation::new(
            &article,
            0..5,
            Color::Yellow
        )))
        .is_err()
    );
    assert!(ws.save().is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), bad);
}

#[test]
fn w3c_export_has_the_web_annotation_shape() {
    let dir = bundled_corpus();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let sky = ws.corpus.article(SKY).unwrap().clone();
    let bbc = ws.corpus.article(BBC).unwrap().clone();
    let mut noted = Annotation::new(&bbc, char_range(&bbc.text, "cyber espionage"), Color::Pink);
    noted.note = "Compare with Sky: “no freeze-out” 😀".into();
    ws.apply(Command::create(noted)).unwrap();
    ws.apply(Command::create(Annotation::new(
        &sky,
        char_range(&sky.text, "Russia’s acting foreign minister"),
        Color::Blue,
    )))
    .unwrap();

    let json = gloss::export::w3c::to_json(&ws, &ws.notebook().to_list());
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let items = value.as_array().expect("an array");
    assert_eq!(items.len(), 2);
    for item in items {
        assert_eq!(item["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(item["type"], "Annotation");
        assert!(item["id"].as_str().unwrap().starts_with("urn:uuid:"));
        let source = item["target"]["source"].as_str().unwrap();
        let article = ws
            .corpus
            .article(source)
            .expect("source is a corpus file name");
        let selectors = item["target"]["selector"].as_array().unwrap();
        let quote = selectors
            .iter()
            .find(|s| s["type"] == "TextQuoteSelector")
            .unwrap();
        let position = selectors
            .iter()
            .find(|s| s["type"] == "TextPositionSelector")
            .unwrap();
        let (start, end) = (
            position["start"].as_u64().unwrap() as usize,
            position["end"].as_u64().unwrap() as usize,
        );
        // Char offsets: the quote sits exactly at the stated position.
        assert_eq!(article.slice(start..end), quote["exact"].as_str().unwrap());
        assert!(
            article
                .slice(0..start)
                .ends_with(quote["prefix"].as_str().unwrap())
        );
        assert!(item["target"]["styleClass"].is_string());
    }
    let pink = items
        .iter()
        .find(|i| i["target"]["styleClass"] == "pink")
        .unwrap();
    assert_eq!(pink["body"]["type"], "TextualBody");
    assert_eq!(
        pink["body"]["value"],
        "Compare with Sky: “no freeze-out” 😀"
    );
    let blue = items
        .iter()
        .find(|i| i["target"]["styleClass"] == "blue")
        .unwrap();
    assert!(blue.get("body").is_none(), "a plain highlight has no body");
}

#[test]
fn markdown_export_groups_by_article_with_quotes_and_notes() {
    let dir = bundled_corpus();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let sky = ws.corpus.article(SKY).unwrap().clone();
    let bbc = ws.corpus.article(BBC).unwrap().clone();
    let mut a = Annotation::new(
        &bbc,
        char_range(&bbc.text, "at best very bad"),
        Color::Yellow,
    );
    a.note = "Strong words".into();
    ws.apply(Command::create(a)).unwrap();
    ws.apply(Command::create(Annotation::new(
        &sky,
        char_range(&sky.text, "Sergey Lavrov"),
        Color::Green,
    )))
    .unwrap();
    let md = gloss::export::markdown::to_markdown(&ws, &ws.notebook().to_list());
    let sky_heading = md.find(&format!("## {}", sky.title)).expect("Sky heading");
    let bbc_heading = md.find(&format!("## {}", bbc.title)).expect("BBC heading");
    let lavrov = md.find("> Sergey Lavrov").unwrap();
    let bad = md.find("> at best very bad").unwrap();
    let note = md.find("Strong words").unwrap();
    assert!(
        sky_heading < lavrov && lavrov < bbc_heading && bbc_heading < bad && bad < note,
        "{md}"
    );
}

fn gloss_cli(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn cli_export_writes_w3c_and_markdown_without_a_display() {
    let dir = bundled_corpus();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let sky = ws.corpus.article(SKY).unwrap().clone();
    let mut a = Annotation::new(
        &sky,
        char_range(&sky.text, "The world needs Russia"),
        Color::Orange,
    );
    a.note = "Key quote".into();
    ws.apply(Command::create(a)).unwrap();
    ws.save().unwrap();

    let corpus = dir.path().to_str().unwrap();
    let out = gloss_cli(&["export", "--corpus", corpus, "--format", "w3c"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json[0]["target"]["selector"][0]["exact"],
        "The world needs Russia"
    );
    assert_eq!(json[0]["body"]["value"], "Key quote");

    let md_path = dir.path().join("out.md");
    let out = gloss_cli(&[
        "export",
        "--corpus",
        corpus,
        "--format",
        "markdown",
        "-o",
        md_path.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let md = std::fs::read_to_string(md_path).unwrap();
    assert!(
        md.contains("> The world needs Russia") && md.contains("Key quote"),
        "{md}"
    );
}

#[test]
fn cli_export_refuses_a_corrupt_notes_file_with_its_position() {
    let dir = bundled_corpus();
    std::fs::write(
        dir.path().join("annotations.ron"),
        "(version: 1,\n annotations: [ nope",
    )
    .unwrap();
    let out = gloss_cli(&[
        "export",
        "--corpus",
        dir.path().to_str().unwrap(),
        "--format",
        "w3c",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("annotations.ron:2:"), "{err}");

    let out = gloss_cli(&["export", "--corpus", "/no/such/folder", "--format", "w3c"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/folder"));
}
