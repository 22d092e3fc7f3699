//! "Notes are never lost, part 2": the doors found open from outside, one test each.
//!
//! Links and special files where gloss keeps its own files, one size limit everywhere, orphans
//! that stay orphans, repeated ids, a reader's own dotfiles, permissions, `export -o` onto the
//! notes, an unusable lock, names that are not UTF-8, and merges that see only real changes.
//! (The idle app is in `e2e_xvfb.rs`; the long-line figures in `benches/frames.rs`.)
#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output, Stdio};
use std::time::{Duration, Instant};

use common::{BBC, SKY, bundled_corpus, find_in_file};
use gloss::annotation::{Annotation, Color};
use gloss::notebook::{Command, Refused};
use gloss::store::{self, lock::LOCK_FILE};
use gloss::workspace::{ReadOnly, Workspace};
use serde_json::json;

fn notes(dir: &Path) -> PathBuf {
    dir.join(store::NOTES_FILE)
}

/// Runs the `gloss` binary on `corpus`; panics if it has not finished within `limit` (the
/// doors below used to hang forever).
fn gloss_within(limit: Duration, corpus: &Path, args: &[&str]) -> Output {
    let child = Process::new(env!("CARGO_BIN_EXE_gloss"))
        .arg("--corpus")
        .arg(corpus)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id().to_string();
    // Output is collected while the command runs (a full pipe would stall it).
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            let _ = Process::new("kill").args(["-9", &pid]).status();
            let out = rx.recv().unwrap().unwrap();
            panic!(
                "gloss {args:?} still running after {limit:?}; stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

fn gloss(corpus: &Path, args: &[&str]) -> Output {
    gloss_within(Duration::from_secs(60), corpus, args)
}

fn export_markdown_to(corpus: &Path, target: &Path) -> Output {
    gloss(
        corpus,
        &[
            "export",
            "--format",
            "markdown",
            "-o",
            target.to_str().unwrap(),
        ],
    )
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn highlight(ws: &Workspace, article: &str, n: usize) -> Annotation {
    let a = ws.corpus.article(article).unwrap();
    let start = 40 + n * 3;
    let mut annotation = Annotation::new(a, start..start + 12, Color::Green);
    annotation.note = format!("note {n}");
    annotation
}

/// The bundled corpus with one saved highlight (note "note 1") on the Sky article.
fn corpus_with_one_highlight() -> tempfile::TempDir {
    let dir = bundled_corpus();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.apply(Command::create(highlight(&ws, SKY, 1))).unwrap();
    ws.save().unwrap();
    dir
}

/// A W3C annotation of `exact` in `article`, with an optional position.
fn w3c(id: &str, article: &str, exact: &str, note: &str) -> serde_json::Value {
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": id,
        "type": "Annotation",
        "body": [{"type": "TextualBody", "value": note, "purpose": "commenting"}],
        "target": {
            "source": article,
            "selector": [{"type": "TextQuoteSelector", "exact": exact}]
        }
    })
}

fn write_json(dir: &Path, value: &serde_json::Value) -> PathBuf {
    let path = dir.join("import.json");
    std::fs::write(&path, serde_json::to_vec(value).unwrap()).unwrap();
    path
}

// ----- 1. links and special files -----

#[test]
fn a_notes_file_linked_from_outside_is_never_read_used_or_replaced() {
    let dir = bundled_corpus();
    let outside = tempfile::tempdir().unwrap();
    // A real notes file outside the corpus, and a private non-notes file.
    let theirs = outside.path().join("their-notes.ron");
    store::save(&theirs, &[]).unwrap();
    std::fs::set_permissions(&theirs, std::fs::Permissions::from_mode(0o600)).unwrap();
    let before = std::fs::read(&theirs).unwrap();
    std::os::unix::fs::symlink(&theirs, notes(dir.path())).unwrap();

    let mut ws = Workspace::open(dir.path()).unwrap();
    assert!(!ws.can_annotate());
    let why = ws.read_only_reason().unwrap();
    assert!(why.contains("symbolic link"), "{why}");
    assert!(!ws.can_recover(), "start fresh would replace the link");
    let a = highlight(&ws, SKY, 1);
    assert!(matches!(
        ws.apply(Command::create(a)),
        Err(Refused::ReadOnly(_))
    ));
    assert!(ws.save().is_err());
    drop(ws);
    assert_eq!(std::fs::read(&theirs).unwrap(), before);
    let mode = std::fs::metadata(&theirs).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(
        std::fs::symlink_metadata(notes(dir.path()))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link itself is left alone"
    );

    // /etc/passwd-like: never read, so never copied into the corpus.
    let secret = outside.path().join("passwd");
    std::fs::write(&secret, b"root:x:0:0:root:/root:/bin/bash\n").unwrap();
    std::fs::remove_file(notes(dir.path())).unwrap();
    std::os::unix::fs::symlink(&secret, notes(dir.path())).unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    assert!(ws.corrupt_copy.is_none());
    drop(ws);
    // A hard link to it (same filesystem): unreadable as notes, and never copied in either.
    std::fs::remove_file(notes(dir.path())).unwrap();
    std::fs::hard_link(&secret, notes(dir.path())).unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    assert!(ws.corrupt_copy.is_none());
    assert!(!ws.can_recover());
    drop(ws);
    std::fs::remove_file(notes(dir.path())).unwrap();
    std::os::unix::fs::symlink(&secret, notes(dir.path())).unwrap();
    let out = gloss(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("refused"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    for name in listing(dir.path()) {
        assert!(!name.contains("corrupt"), "copied in: {name}");
        let path = dir.path().join(&name);
        if std::fs::symlink_metadata(&path).unwrap().is_file() {
            let bytes = std::fs::read(&path).unwrap();
            assert!(
                !bytes.starts_with(b"root:x"),
                "{name} holds the outside file"
            );
        }
    }
}

#[test]
fn a_linked_lock_or_backup_never_touches_its_target() {
    let dir = bundled_corpus();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("precious.txt");
    std::fs::write(&target, b"precious content").unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join(LOCK_FILE)).unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    assert!(matches!(ws.read_only(), Some(ReadOnly::Locked(_))));
    assert!(ws.read_only_reason().unwrap().contains("lock"));
    drop(ws);
    let json = write_json(
        outside.path(),
        &json!([w3c("x", SKY, "Vladimir Putin", "n")]),
    );
    let out = gloss(dir.path(), &["import", json.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(std::fs::read(&target).unwrap(), b"precious content");
    assert!(!notes(dir.path()).exists(), "no writer without the lock");

    // A dangling link must not create its target.
    std::fs::remove_file(dir.path().join(LOCK_FILE)).unwrap();
    let nowhere = outside.path().join("created-by-gloss");
    std::os::unix::fs::symlink(&nowhere, dir.path().join(LOCK_FILE)).unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    assert!(!ws.can_annotate());
    drop(ws);
    assert!(!nowhere.exists());

    // The backup linked outside: read-only, the target unchanged after a save attempt.
    std::fs::remove_file(dir.path().join(LOCK_FILE)).unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let a = highlight(&ws, SKY, 2);
    ws.apply(Command::create(a)).unwrap();
    ws.save().unwrap();
    drop(ws);
    let bak = store::backup::backup_path(&notes(dir.path()));
    let _ = std::fs::remove_file(&bak);
    std::os::unix::fs::symlink(&target, &bak).unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    assert!(matches!(ws.read_only(), Some(ReadOnly::UnsafeFile(_))));
    assert!(ws.read_only_reason().unwrap().contains(".bak"));
    assert!(ws.save().is_err() || !ws.is_dirty());
    drop(ws);
    assert_eq!(std::fs::read(&target).unwrap(), b"precious content");
}

#[test]
fn a_fifo_or_device_as_the_notes_file_never_hangs() {
    let dir = bundled_corpus();
    let fifo = notes(dir.path());
    let made = Process::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // And a FIFO and a device posing as articles: listed as skipped, with the reason.
    assert!(
        Process::new("mkfifo")
            .arg(dir.path().join("pipe.txt"))
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.md")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    let out = outside.path().join("out.md");
    let json = write_json(
        outside.path(),
        &json!([w3c("x", SKY, "Vladimir Putin", "n")]),
    );
    for round in ["fifo", "device"] {
        if round == "device" {
            std::fs::remove_file(&fifo).unwrap();
            std::os::unix::fs::symlink("/dev/zero", &fifo).unwrap();
        }
        let second = Duration::from_secs(5); // the issue asks for one; CI machines vary
        let check = gloss_within(second, dir.path(), &["check"]);
        assert_eq!(check.status.code(), Some(1), "{round}");
        let export = gloss_within(
            second,
            dir.path(),
            &[
                "export",
                "--format",
                "markdown",
                "-o",
                out.to_str().unwrap(),
            ],
        );
        assert!(!export.status.success(), "{round}");
        assert!(
            stderr(&export).contains("not a plain file"),
            "{round}: {}",
            stderr(&export)
        );
        let import = gloss_within(second, dir.path(), &["import", json.to_str().unwrap()]);
        assert!(!import.status.success(), "{round}");
        // In-process, as the app opens it.
        let started = Instant::now();
        let ws = Workspace::open(dir.path()).unwrap();
        assert!(started.elapsed() < second);
        assert!(!ws.can_annotate());
        assert!(ws.read_only_reason().unwrap().contains("not a plain file"));
        let skipped: Vec<String> = ws
            .corpus
            .skipped
            .iter()
            .map(|s| format!("{}: {}", s.file_name, s.reason))
            .collect();
        assert!(
            skipped
                .iter()
                .any(|s| s.starts_with("pipe.txt") && s.contains("FIFO")),
            "{skipped:?}"
        );
        assert!(
            skipped
                .iter()
                .any(|s| s.starts_with("zero.md") && s.contains("not read")),
            "{skipped:?}"
        );
    }
}

// ----- 2. one size limit -----

#[test]
fn a_notes_file_over_the_limit_is_refused_from_its_size_without_reading_it() {
    let dir = bundled_corpus();
    // A terabyte, sparse: reading it first would take hours and all the memory there is.
    let f = std::fs::File::create(notes(dir.path())).unwrap();
    f.set_len(1 << 40).unwrap();
    drop(f);
    let started = Instant::now();
    let ws = Workspace::open(dir.path()).unwrap();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(!ws.can_annotate());
    assert!(!ws.can_recover(), "start fresh would overwrite it");
    let out = gloss_within(Duration::from_secs(5), dir.path(), &["check", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["notes_state"], "too-large");
    assert_eq!(
        std::fs::metadata(notes(dir.path())).unwrap().len(),
        1 << 40,
        "untouched"
    );
}

#[test]
fn import_never_grows_the_notes_file_past_what_gloss_reads() {
    let dir = bundled_corpus();
    let outside = tempfile::tempdir().unwrap();
    let sky = std::fs::read_to_string(dir.path().join(SKY)).unwrap();
    let quote: String = sky.lines().nth(4).unwrap().chars().take(60).collect();
    // Each record carries a note just under the per-note limit: together far over the file
    // limit.
    let note = "long note ".repeat(gloss::limits::MAX_NOTE_CHARS / 10 - 1);
    let per_record = note.len() as u64;
    let count = (store::MAX_NOTES_BYTES / per_record + 20) as usize;
    let mut records: Vec<serde_json::Value> = (0..count)
        .map(|i| w3c(&format!("rec-{i}"), SKY, &quote, &note))
        .collect();
    // And one quote over the per-quote limit.
    let huge_quote = "word ".repeat(gloss::limits::MAX_QUOTE_CHARS);
    records.push(w3c("huge", SKY, &huge_quote, ""));
    let json = write_json(outside.path(), &serde_json::Value::Array(records));
    let out = gloss(dir.path(), &["import", json.to_str().unwrap()]);
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("NOT TAKEN"), "{said}");
    assert!(said.contains("1 NOT TAKEN: quote over"), "{said}");
    let size = std::fs::metadata(notes(dir.path())).unwrap().len();
    assert!(size <= store::MAX_NOTES_BYTES, "{size}");
    // Everything that was written reads back: check, export and the app open it.
    let check = gloss(dir.path(), &["check", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(report["notes_state"], "readable");
    let taken = report["annotation_count"].as_u64().unwrap() as usize;
    assert!(taken > 0 && taken < count, "{taken} of {count}");
    assert!(said.contains(&format!("{} NOT TAKEN: the notes file", count - taken)));
    // The app refuses to grow it further, with a message, and still saves other changes.
    let mut ws = Workspace::open(dir.path()).unwrap();
    assert!(ws.can_annotate());
    let mut a = highlight(&ws, BBC, 1);
    a.note = note.clone();
    let refused = ws.apply(Command::create(a)).unwrap_err();
    assert!(matches!(refused, Refused::NotesFileFull { .. }));
    assert!(refused.to_string().contains("MB"), "{refused}");
    let id = ws.notebook().annotations()[0].id.clone();
    ws.apply(Command::Delete { id }).unwrap();
    ws.save().unwrap();
}

#[test]
fn one_overlong_quote_or_note_is_refused_quickly_with_a_message() {
    let dir = bundled_corpus();
    let outside = tempfile::tempdir().unwrap();
    // A 10 MB quote took 38 s to import and 16 s to check.
    let json = write_json(
        outside.path(),
        &json!([w3c("big", SKY, &"Russia ".repeat(1_500_000), "")]),
    );
    let out = gloss_within(
        Duration::from_secs(20),
        dir.path(),
        &["import", json.to_str().unwrap()],
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 NOT TAKEN"));
    let mut ws = Workspace::open(dir.path()).unwrap();
    let article = ws.corpus.article(SKY).unwrap();
    let mut a = Annotation::new(article, 0..article.char_len(), Color::Yellow);
    a.quote.exact = "x".repeat(gloss::limits::MAX_QUOTE_CHARS + 1);
    assert!(matches!(
        ws.apply(Command::create(a)),
        Err(Refused::QuoteTooLong { .. })
    ));
    let a = highlight(&ws, SKY, 3);
    let id = a.id.clone();
    ws.apply(Command::create(a)).unwrap();
    let err = ws
        .apply(Command::SetNote {
            id,
            note: "n".repeat(gloss::limits::MAX_NOTE_CHARS + 1),
        })
        .unwrap_err();
    assert!(err.to_string().contains("at most"), "{err}");
}

#[test]
fn a_notes_file_holding_an_overlong_quote_still_opens_and_checks_quickly() {
    // Written before the limit existed (or by hand): one annotation quoting 2 MB that the
    // article does not contain. Looking for it approximately would cost its length times the
    // article's; it is looked for exactly, found nowhere, and reported as an orphan.
    let dir = bundled_corpus();
    let ws = Workspace::open_read_only(dir.path()).unwrap();
    let mut a = highlight(&ws, SKY, 1);
    drop(ws);
    a.quote.exact = "Russia said nothing new. ".repeat(80_000);
    a.article_hash.clear();
    store::save(&notes(dir.path()), &[a]).unwrap();
    let out = gloss_within(Duration::from_secs(30), dir.path(), &["check", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["annotations"][0]["anchoring"], "orphan");
    let ws = Workspace::open(dir.path()).unwrap();
    assert!(ws.can_annotate(), "the reader can still delete it");
}

// ----- 3. orphans stay orphans -----

#[test]
fn an_imported_orphan_is_not_anchored_on_other_words_when_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    // A two-word phrase found twice — once near the top, once much further down — given with
    // no context and no position: nothing says which occurrence was meant, so it must stay an
    // orphan. (Stored at 0..0 and read back as a position, the top one looked "nearer".)
    let filler = "Officials met again on Tuesday to discuss the details. ".repeat(60);
    let text = format!(
        "Talks resume\n\nThen the minister arrived early.\n\n{filler}\n\nLater the minister \
         left.\n"
    );
    std::fs::write(dir.path().join("talks.txt"), &text).unwrap();
    let phrase = "the minister";
    assert_eq!(text.matches(phrase).count(), 2);
    let json = write_json(
        outside.path(),
        &json!([w3c("amb", "talks.txt", phrase, "which one?")]),
    );
    let out = gloss(dir.path(), &["import", json.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(said.contains("1 orphaned"), "{said}");
    let orphan = "amb";
    let quote = phrase.to_owned();
    for _ in 0..2 {
        let mut ws = Workspace::open(dir.path()).unwrap();
        assert_eq!(ws.range_of(orphan), None, "an orphan stays an orphan");
        ws.save().unwrap();
    }
    let stored = store::load(&notes(dir.path())).unwrap();
    let stored = stored.iter().find(|a| a.id == orphan).unwrap();
    assert_eq!(stored.quote.exact, quote);
    assert_eq!(stored.original_quote, None);
}

// ----- 4. repeated ids -----

#[test]
fn repeated_ids_are_reported_and_every_annotation_kept() {
    let dir = bundled_corpus();
    let ws = Workspace::open(dir.path()).unwrap();
    let first = highlight(&ws, SKY, 1);
    let mut second = highlight(&ws, BBC, 2);
    second.id = first.id.clone();
    drop(ws);
    // Two annotations with one id, as a hand edit or a merge of synced copies leaves them.
    let one = store::serialise(std::slice::from_ref(&first));
    let two = store::serialise(std::slice::from_ref(&second));
    let entry = |text: &str| {
        let start = text.find("        (").unwrap();
        let end = text.rfind("    ],").unwrap();
        text[start..end].to_owned()
    };
    let file = format!(
        "(\n    version: 2,\n    annotations: [\n{}{}    ],\n)\n",
        entry(&one),
        entry(&two)
    );
    std::fs::write(notes(dir.path()), file).unwrap();

    let out = gloss(dir.path(), &["check", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["duplicate_ids"], json!([first.id]));
    assert!(report["problems"].to_string().contains("more than one"));

    let mut ws = Workspace::open(dir.path()).unwrap();
    assert_eq!(ws.notebook().annotations().len(), 2);
    assert_eq!(ws.renamed_duplicates.len(), 1);
    ws.save().unwrap();
    drop(ws);
    let saved = store::load(&notes(dir.path())).unwrap();
    let mut notes_kept: Vec<&str> = saved.iter().map(|a| a.note.as_str()).collect();
    notes_kept.sort();
    assert_eq!(notes_kept, ["note 1", "note 2"]);
    assert_ne!(saved[0].id, saved[1].id);
    // A later merge (an outside edit) keeps both.
    let mut ws = Workspace::open(dir.path()).unwrap();
    let mut edited = saved.clone();
    edited[0].note = "edited outside".into();
    std::thread::sleep(Duration::from_millis(20));
    store::save(&notes(dir.path()), &edited).unwrap();
    let a = highlight(&ws, SKY, 9);
    ws.apply(Command::create(a)).unwrap();
    ws.save().unwrap();
    assert_eq!(store::load(&notes(dir.path())).unwrap().len(), 3);
}

// ----- 5. a reader's files are never deleted -----

#[test]
fn dotfiles_the_reader_made_survive_open_save_and_import() {
    let dir = bundled_corpus();
    let outside = tempfile::tempdir().unwrap();
    let theirs = [
        ".annotations.ron.backup",
        ".annotations.ron.v2copy",
        ".annotations.ron.Ab3dE9",
        ".annotations.ron.bak.x1Y2z3",
    ];
    for name in theirs {
        std::fs::write(dir.path().join(name), name).unwrap();
    }
    // And one left by an interrupted save of gloss's own: that one goes.
    let ours = dir.path().join(".annotations.ron.Zq81mXc0Lp2W.gloss-tmp");
    std::fs::write(&ours, b"partial").unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let a = highlight(&ws, SKY, 1);
    ws.apply(Command::create(a)).unwrap();
    ws.save().unwrap();
    drop(ws);
    let json = write_json(
        outside.path(),
        &json!([w3c("x", SKY, "Vladimir Putin", "n")]),
    );
    let out = gloss(dir.path(), &["import", json.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    for name in theirs {
        assert_eq!(
            std::fs::read_to_string(dir.path().join(name)).unwrap(),
            name,
            "{name} was touched"
        );
    }
    assert!(!ours.exists());
    assert!(
        !listing(dir.path())
            .iter()
            .any(|n| n.ends_with(".gloss-tmp")),
        "saves leave no temporary files: {:?}",
        listing(dir.path())
    );
}

// ----- 6. permissions and footguns -----

#[test]
fn the_backup_and_copies_take_the_notes_files_permissions() {
    let dir = bundled_corpus();
    let path = notes(dir.path());
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.apply(Command::create(highlight(&ws, SKY, 1))).unwrap();
    ws.save().unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    ws.apply(Command::create(highlight(&ws, SKY, 2))).unwrap();
    ws.save().unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let bak = store::backup::backup_path(&path);
    assert!(bak.exists());
    assert_eq!(
        mode(&bak),
        0o600,
        "a private notes file has a private backup"
    );
    assert_eq!(mode(&path), 0o600);
    drop(ws);
    // A corrupt file's copy is as private as it was.
    std::fs::write(&path, b"(version: 2, annotations: [ oops").unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let copy = ws.corrupt_copy.clone().unwrap();
    assert_eq!(mode(&copy), 0o600);
}

#[test]
fn export_refuses_to_write_over_the_corpus_own_files() {
    let dir = corpus_with_one_highlight();
    let before = std::fs::read(notes(dir.path())).unwrap();
    let sky = std::fs::read(dir.path().join(SKY)).unwrap();
    let link = tempfile::tempdir().unwrap();
    let via_link = link.path().join("out.md");
    std::os::unix::fs::symlink(notes(dir.path()), &via_link).unwrap();
    for target in [
        notes(dir.path()),
        store::backup::backup_path(&notes(dir.path())),
        dir.path().join(LOCK_FILE),
        dir.path().join(SKY),
        via_link,
    ] {
        let out = export_markdown_to(dir.path(), &target);
        assert_eq!(out.status.code(), Some(2), "{}", target.display());
        assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    }
    assert_eq!(std::fs::read(notes(dir.path())).unwrap(), before);
    assert_eq!(std::fs::read(dir.path().join(SKY)).unwrap(), sky);
    // Elsewhere it writes, and --force is the reader's explicit say-so.
    let elsewhere = link.path().join("notes.md");
    let out = export_markdown_to(dir.path(), &elsewhere);
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(&elsewhere)
            .unwrap()
            .contains("note 1")
    );
}

// ----- 7. the lock is a lock -----

#[test]
fn a_directory_as_the_lock_file_means_read_only_and_writing_commands_refuse() {
    let dir = bundled_corpus();
    std::fs::create_dir(dir.path().join(LOCK_FILE)).unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    assert!(!ws.can_annotate());
    let why = ws.read_only_reason().unwrap();
    assert!(why.contains("directory"), "{why}");
    assert!(ws.apply(Command::create(highlight(&ws, SKY, 1))).is_err());
    drop(ws);
    let outside = tempfile::tempdir().unwrap();
    let json = write_json(
        outside.path(),
        &json!([w3c("x", SKY, "Vladimir Putin", "n")]),
    );
    let out = gloss(dir.path(), &["import", json.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(!notes(dir.path()).exists());
    let check = gloss(dir.path(), &["check"]);
    assert!(String::from_utf8_lossy(&check.stdout).contains("cannot lock"));
}

// ----- 10. names that are not UTF-8 -----

#[test]
fn files_whose_names_differ_only_in_invalid_bytes_stay_distinct() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let names: [&[u8]; 3] = [b"bad\xff.txt", b"bad\xfe.txt", "bad\u{FFFD}.txt".as_bytes()];
    for (i, raw) in names.iter().enumerate() {
        let text = format!("Article {i}\n\nThis is the text of article number {i}, unique.\n");
        std::fs::write(dir.path().join(OsStr::from_bytes(raw)), text).unwrap();
    }
    let mut ws = Workspace::open(dir.path()).unwrap();
    assert_eq!(ws.corpus.articles.len(), 3, "{:?}", ws.corpus.skipped);
    let keys: Vec<&str> = ws
        .corpus
        .articles
        .iter()
        .map(|a| a.file_name.as_str())
        .collect();
    assert!(keys.contains(&"bad\\xff.txt"), "{keys:?}");
    assert!(keys.contains(&"bad\\xfe.txt"), "{keys:?}");
    assert!(keys.contains(&"bad\u{FFFD}.txt"), "{keys:?}");
    // A note on the \xfe file lands on that file, and stays there after reopening.
    let article = ws.corpus.article("bad\\xfe.txt").unwrap();
    assert!(article.text.contains("number 1"));
    let at = article.text.find("number 1").unwrap();
    let a = Annotation::new(article, at..at + 8, Color::Blue);
    let id = a.id.clone();
    ws.apply(Command::create(a)).unwrap();
    ws.save().unwrap();
    drop(ws);
    let ws = Workspace::open(dir.path()).unwrap();
    let stored = ws.notebook().get(&id).unwrap();
    assert_eq!(stored.article, "bad\\xfe.txt");
    let range = ws.range_of(&id).unwrap();
    assert_eq!(
        ws.corpus.article(&stored.article).unwrap().slice(range),
        "number 1"
    );
}

// ----- 11. merges see only real changes; a BOM reads -----

#[test]
fn re_anchoring_on_open_does_not_send_a_hand_edit_to_the_conflict_file() {
    let dir = bundled_corpus();
    let phrase = "Sergey Lavrov";
    let mut ws = Workspace::open(dir.path()).unwrap();
    let range = find_in_file(dir.path(), SKY, phrase);
    let article = ws.corpus.article(SKY).unwrap();
    let mut a = Annotation::new(article, range.clone(), Color::Yellow);
    a.note = "first".into();
    let id = a.id.clone();
    ws.apply(Command::create(a)).unwrap();
    ws.save().unwrap();
    drop(ws);
    // The article gains a paragraph at the top: opening re-anchors and rewrites the position.
    let sky = std::fs::read_to_string(dir.path().join(SKY)).unwrap();
    std::fs::write(dir.path().join(SKY), format!("A new first line.\n{sky}")).unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    assert!(ws.is_dirty(), "the selectors followed the text");
    // Meanwhile the reader edits the note by hand in the file.
    let mut on_disk = store::load(&notes(dir.path())).unwrap();
    on_disk[0].note = "edited by hand".into();
    on_disk[0].modified = gloss::annotation::now();
    std::thread::sleep(Duration::from_millis(20));
    store::save(&notes(dir.path()), &on_disk).unwrap();
    ws.save().unwrap();
    let saved = store::load(&notes(dir.path())).unwrap();
    assert_eq!(saved[0].note, "edited by hand");
    assert_eq!(
        saved[0].position.start,
        range.start + 18,
        "the new position kept"
    );
    assert_eq!(ws.notebook().get(&id).unwrap().note, "edited by hand");
    assert!(
        !listing(dir.path()).iter().any(|n| n.contains("conflict")),
        "{:?}",
        listing(dir.path())
    );
}

#[test]
fn a_notes_file_with_a_byte_order_mark_reads_normally() {
    let dir = corpus_with_one_highlight();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(notes(dir.path())).unwrap());
    std::fs::write(notes(dir.path()), bytes).unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    assert!(ws.load_error.is_none(), "{:?}", ws.load_error);
    assert_eq!(ws.notebook().annotations().len(), 1);
    let out = gloss(dir.path(), &["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
