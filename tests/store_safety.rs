//! Notes are never lost: each test opens one door through which notes get lost in other tools
//! (a crash mid-save, two writers, an edit behind the app's back, a corrupt, newer or hostile
//! file, a failing disk, a renamed article) and checks that gloss keeps everything.
//!
//! Some tests run this very test binary again as a child process (`GLOSS_CHILD=...`), to have
//! a second, real process to kill or to compete with.

mod common;

use common::{BBC, SKY, bundled_corpus};

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use gloss::annotation::{Annotation, Color};
use gloss::notebook::Command;
use gloss::store::{self, LoadError};
use gloss::workspace::{ArticleProblem, ReadOnly, Workspace};
use proptest::prelude::*;

fn notes(dir: &Path) -> PathBuf {
    dir.join(store::NOTES_FILE)
}

/// A highlight numbered `n` on the Sky article, its note saying which it is.
fn numbered(ws: &Workspace, n: usize) -> Annotation {
    let article = ws.corpus.article(SKY).unwrap();
    let start = n % 500;
    let mut a = Annotation::new(article, start..start + 7, Color::ALL[n % 6]);
    a.note = format!("note {n}");
    a
}

fn note_numbers(list: &[Annotation]) -> Vec<usize> {
    let mut n: Vec<usize> = list
        .iter()
        .filter_map(|a| a.note.strip_prefix("note ")?.parse().ok())
        .collect();
    n.sort();
    n
}

/// Re-runs this test binary, running only `child_entry` with the given role.
fn spawn_child(role: &str, corpus: &Path) -> std::process::Child {
    Process::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_entry", "--nocapture", "--test-threads=1"])
        .env("GLOSS_CHILD", role)
        .env("GLOSS_CHILD_CORPUS", corpus)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The child's protocol lines (its stdout also carries the test harness's own output).
fn protocol(stdout: std::process::ChildStdout) -> impl Iterator<Item = String> {
    BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        // The harness prints "test child_entry ... " without a line break before our output.
        .filter_map(|l| l.find("GLOSS ").map(|at| l[at + 6..].to_owned()))
}

/// Entry point of the child processes (does nothing in a normal test run).
#[test]
fn child_entry() {
    let Ok(role) = std::env::var("GLOSS_CHILD") else {
        return;
    };
    let corpus = PathBuf::from(std::env::var("GLOSS_CHILD_CORPUS").unwrap());
    let mut ws = Workspace::open(&corpus).unwrap();
    let mut out = std::io::stdout();
    match role.as_str() {
        // Saves forever, one more annotation each time, reporting each completed save.
        "save-loop" => {
            for n in 0.. {
                let a = numbered(&ws, n);
                ws.apply(Command::create(a)).unwrap();
                ws.save().unwrap();
                writeln!(out, "GLOSS saved {n}").unwrap();
                out.flush().unwrap();
            }
        }
        // Holds the lock; adds annotation n for each line "add n" and answers "ok n".
        "writer" => {
            assert!(ws.can_annotate(), "the first process gets the lock");
            writeln!(out, "GLOSS ready").unwrap();
            out.flush().unwrap();
            for line in std::io::stdin().lines() {
                let line = line.unwrap();
                let Some(n) = line.strip_prefix("add ") else {
                    break;
                };
                let n: usize = n.parse().unwrap();
                let a = numbered(&ws, n);
                ws.apply(Command::create(a)).unwrap();
                ws.save().unwrap();
                writeln!(out, "GLOSS ok {n}").unwrap();
                out.flush().unwrap();
            }
        }
        other => panic!("unknown child role {other}"),
    }
}

/// A small, seedable random source (no need for a crate to pick kill moments).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn killing_a_saving_process_at_random_moments_never_loses_a_completed_save() {
    let dir = bundled_corpus();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut rng = XorShift(seed);
    let rounds = 40;
    let mut previous = std::collections::BTreeSet::new();
    for round in 0..rounds {
        let mut child = spawn_child("save-loop", dir.path());
        let mut lines = protocol(child.stdout.take().unwrap());
        // Let it complete a few saves (the lock is free again once the previous child died).
        let wanted = 1 + (rng.next() % 4) as usize;
        let mut confirmed = None;
        for _ in 0..wanted {
            let line = lines.next().expect("the child saves");
            confirmed = line
                .strip_prefix("saved ")
                .map(|n| n.parse::<usize>().unwrap());
        }
        // Then kill it at a random moment, usually in the middle of the next save.
        std::thread::sleep(Duration::from_micros(rng.next() % 3_000));
        child.kill().unwrap(); // SIGKILL: no destructors, no flush, nothing
        child.wait().unwrap();
        // Saves completed before the kill were reported on stdout; collect the stragglers.
        for line in lines {
            if let Some(n) = line.strip_prefix("saved ") {
                confirmed = Some(n.parse().unwrap());
            }
        }

        let bytes = std::fs::read(notes(dir.path())).unwrap();
        let list = store::parse(&notes(dir.path()), &bytes)
            .unwrap_or_else(|e| panic!("round {round} (seed {seed}): file does not parse: {e}"));
        let ids: std::collections::BTreeSet<String> = list.iter().map(|a| a.id.clone()).collect();
        // Everything on disk before this round is still there...
        let lost: Vec<&String> = previous.difference(&ids).collect();
        assert!(
            lost.is_empty(),
            "round {round} (seed {seed}): lost {lost:?}"
        );
        // ...plus every save this child confirmed (annotations 0..=n), and at most one more
        // whose save completed just before the kill, before it could say so.
        let confirmed = confirmed.expect("at least one save completed");
        let added = ids.len() - previous.len();
        assert!(
            added == confirmed + 1 || added == confirmed + 2,
            "round {round} (seed {seed}): {added} added, saves 0..={confirmed} confirmed"
        );
        previous = ids;
    }
    // A kill between writing the temporary file and renaming it can leave the temporary
    // file behind; the next gloss to open the corpus (holding the lock) removes it.
    drop(Workspace::open(dir.path()).unwrap());
    let litter: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".annotations") || n.contains(".tmp"))
        .collect();
    assert!(litter.is_empty(), "{litter:?}");
}

#[test]
fn a_second_process_is_read_only_and_nothing_the_first_wrote_is_lost() {
    let dir = bundled_corpus();
    let mut writer = spawn_child("writer", dir.path());
    let mut to_writer = writer.stdin.take().unwrap();
    let mut from_writer = protocol(writer.stdout.take().unwrap());
    assert_eq!(from_writer.next().unwrap(), "ready");

    let mut second = Workspace::open(dir.path()).unwrap();
    assert!(matches!(second.read_only(), Some(ReadOnly::Locked(_))));
    let reason = second.read_only_reason().unwrap();
    assert!(reason.contains("another gloss"), "{reason}");
    assert!(
        second
            .apply(Command::create(numbered(&second, 999)))
            .is_err()
    );
    assert!(second.save().is_err());

    for n in 0..5 {
        writeln!(to_writer, "add {n}").unwrap();
        assert_eq!(from_writer.next().unwrap(), format!("ok {n}"));
    }
    // The read-only window follows the writer's saves.
    assert!(second.poll_disk().is_some());
    assert_eq!(note_numbers(&second.notebook().to_list()), [0, 1, 2, 3, 4]);
    drop(second);

    drop(to_writer); // the writer exits when its input ends
    assert!(writer.wait().unwrap().success());
    let on_disk = store::load(&notes(dir.path())).unwrap();
    assert_eq!(note_numbers(&on_disk), [0, 1, 2, 3, 4]);
    // With the writer gone, the lock is free.
    assert!(Workspace::open(dir.path()).unwrap().can_annotate());
}

#[test]
fn a_killed_writer_frees_the_lock() {
    let dir = bundled_corpus();
    let mut writer = spawn_child("writer", dir.path());
    let mut from_writer = protocol(writer.stdout.take().unwrap());
    assert_eq!(from_writer.next().unwrap(), "ready");
    assert!(!Workspace::open(dir.path()).unwrap().can_annotate());
    writer.kill().unwrap();
    writer.wait().unwrap();
    assert!(Workspace::open(dir.path()).unwrap().can_annotate());
}

#[test]
fn an_external_edit_between_load_and_save_is_merged() {
    let dir = bundled_corpus();
    let path = notes(dir.path());
    let mut ws = Workspace::open(dir.path()).unwrap();
    let (a, b, c) = (numbered(&ws, 1), numbered(&ws, 2), numbered(&ws, 3));
    for x in [&a, &b, &c] {
        ws.apply(Command::create(x.clone())).unwrap();
    }
    ws.save().unwrap();

    // Someone else edits the file: changes b's note, deletes c, adds d.
    let mut theirs = store::load(&path).unwrap();
    let mut d = numbered(&ws, 4);
    d.note = "added elsewhere".into();
    theirs.iter_mut().find(|x| x.id == b.id).unwrap().note = "b edited elsewhere".into();
    theirs.retain(|x| x.id != c.id);
    theirs.push(d.clone());
    store::save(&path, &theirs).unwrap();

    // Meanwhile, here: a's note changes. Saving merges instead of overwriting.
    ws.apply(Command::SetNote {
        id: a.id.clone(),
        note: "a edited here".into(),
    })
    .unwrap();
    let change = ws.save().unwrap().expect("the change on disk was noticed");
    assert!(change.conflict_file.is_none());
    assert_eq!(change.report.taken_from_disk, 2, "{:?}", change.report);
    assert_eq!(change.report.deleted_from_disk, 1);
    let on_disk = store::load(&path).unwrap();
    let note_of = |id: &str| on_disk.iter().find(|x| x.id == id).map(|x| x.note.clone());
    assert_eq!(note_of(&a.id).as_deref(), Some("a edited here"));
    assert_eq!(note_of(&b.id).as_deref(), Some("b edited elsewhere"));
    assert_eq!(note_of(&c.id), None, "deleted elsewhere, unchanged here");
    assert_eq!(note_of(&d.id).as_deref(), Some("added elsewhere"));
    assert_eq!(
        ws.notebook().annotations().len(),
        3,
        "the app holds the merged set"
    );
}

#[test]
fn the_same_note_changed_on_both_sides_keeps_the_newer_and_writes_a_conflict_file() {
    let dir = bundled_corpus();
    let path = notes(dir.path());
    let mut ws = Workspace::open(dir.path()).unwrap();
    let a = numbered(&ws, 1);
    ws.apply(Command::create(a.clone())).unwrap();
    ws.save().unwrap();

    ws.apply(Command::SetNote {
        id: a.id.clone(),
        note: "mine, older".into(),
    })
    .unwrap();
    std::thread::sleep(Duration::from_millis(5));
    let mut theirs = store::load(&path).unwrap();
    theirs[0].note = "theirs, newer".into();
    theirs[0].modified = gloss::annotation::now();
    store::save(&path, &theirs).unwrap();

    let change = ws.save().unwrap().unwrap();
    assert_eq!(change.report.both_changed, 1);
    let conflict_file = change.conflict_file.expect("a conflict file");
    assert!(
        conflict_file
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("annotations.conflict-")
    );
    let lost = store::load(&conflict_file).unwrap();
    assert_eq!(lost[0].note, "mine, older");
    assert_eq!(store::load(&path).unwrap()[0].note, "theirs, newer");
}

/// The bad files of the issue, by name.
fn bad_files() -> Vec<(&'static str, Vec<u8>)> {
    let good = {
        let dir = bundled_corpus();
        let mut ws = Workspace::open(dir.path()).unwrap();
        for n in 0..3 {
            let a = numbered(&ws, n);
            ws.apply(Command::create(a)).unwrap();
        }
        ws.save().unwrap();
        std::fs::read(notes(dir.path())).unwrap()
    };
    vec![
        (
            "corrupt",
            b"(version: 2, annotations: [ (id: \"x\" ;; }".to_vec(),
        ),
        ("truncated", good[..good.len() / 2].to_vec()),
        ("empty", Vec::new()),
        ("not RON", b"\x89PNG\r\n\x1a\n\x00\x00binary".to_vec()),
        (
            "future version",
            b"(version: 99, annotations: [], hologram: true)".to_vec(),
        ),
        (
            "deeply nested",
            format!("(version: 2, annotations: {})", "[".repeat(50_000)).into_bytes(),
        ),
    ]
}

#[test]
fn bad_notes_files_are_preserved_reported_and_never_overwritten() {
    for (kind, bytes) in bad_files() {
        let dir = bundled_corpus();
        let path = notes(dir.path());
        std::fs::write(&path, &bytes).unwrap();
        let mut ws = Workspace::open(dir.path()).unwrap();
        let error = ws
            .load_error
            .clone()
            .unwrap_or_else(|| panic!("{kind}: not reported"));
        assert!(!ws.can_annotate(), "{kind}");
        match &error {
            LoadError::Parse { line, column, .. } => {
                assert!(*line >= 1 && *column >= 1, "{kind}");
                assert!(
                    error.to_string().contains(&format!(":{line}:{column}:")),
                    "{kind}: {error}"
                );
                // Copied aside byte for byte.
                let copy = ws
                    .corrupt_copy
                    .clone()
                    .unwrap_or_else(|| panic!("{kind}: no copy"));
                assert_eq!(std::fs::read(copy).unwrap(), bytes, "{kind}");
            }
            LoadError::TooNew { version, .. } => {
                assert_eq!(*version, 99, "{kind}");
                assert!(!ws.can_recover(), "a newer file is never replaced");
            }
            other => panic!("{kind}: unexpected {other:?}"),
        }
        // The corpus is still readable, and nothing writes over the file.
        assert_eq!(ws.corpus.articles.len(), 2);
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
        drop(ws);
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{kind}: file changed");
        // `gloss check` reports it and fails.
        let out = Process::new(env!("CARGO_BIN_EXE_gloss"))
            .args(["check", "--corpus", dir.path().to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{kind}");
    }
}

#[test]
fn the_reader_can_restore_the_backup_or_start_fresh_and_the_bad_file_stays_aside() {
    let dir = bundled_corpus();
    let path = notes(dir.path());
    {
        let mut ws = Workspace::open(dir.path()).unwrap();
        for n in 0..3 {
            let a = numbered(&ws, n);
            ws.apply(Command::create(a)).unwrap();
            ws.save().unwrap();
        }
        // A fourth save within the minute does not replace the backup (it holds 2 of 3).
        let a = numbered(&ws, 3);
        ws.apply(Command::create(a)).unwrap();
        ws.save().unwrap();
    }
    let backup = store::load(&store::backup::backup_path(&path)).unwrap();
    assert!(
        !backup.is_empty() && backup.len() < 4,
        "backup holds an earlier version"
    );
    std::fs::write(&path, b"garbage").unwrap();

    let mut ws = Workspace::open(dir.path()).unwrap();
    assert!(ws.can_recover() && ws.backup_available());
    let restored = ws.recover_from_backup().unwrap();
    assert_eq!(restored, backup.len());
    assert!(ws.can_annotate());
    ws.save().unwrap();
    assert_eq!(store::load(&path).unwrap().len(), backup.len());
    let copies: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("annotations.ron.corrupt-"))
        .collect();
    assert_eq!(copies.len(), 1);
    assert_eq!(std::fs::read(&copies[0]).unwrap(), b"garbage");
    drop(ws);

    std::fs::write(&path, b"(version: 2, annotations: [").unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.start_fresh();
    let a = numbered(&ws, 7);
    ws.apply(Command::create(a)).unwrap();
    ws.save().unwrap();
    assert_eq!(note_numbers(&store::load(&path).unwrap()), [7]);
}

#[test]
fn a_failing_save_keeps_the_notes_in_memory_and_a_retry_succeeds() {
    let dir = bundled_corpus();
    let path = notes(dir.path());
    let mut ws = Workspace::open(dir.path()).unwrap();
    let a = numbered(&ws, 1);
    ws.apply(Command::create(a.clone())).unwrap();
    // Make the save fail even for root: a non-empty directory where the file should go.
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("blocker"), b"x").unwrap();
    let err = ws.save().unwrap_err();
    // The error names the file, as a value the app and the CLI can show.
    assert_eq!(err.path(), Some(path.as_path()), "{err}");
    assert!(err.to_string().contains("annotations.ron"), "{err}");
    assert!(ws.is_dirty());
    assert_eq!(ws.notebook().annotations().len(), 1);
    // The disk recovers; the next attempt saves everything.
    std::fs::remove_dir_all(&path).unwrap();
    ws.save().unwrap();
    assert!(!ws.is_dirty());
    assert_eq!(store::load(&path).unwrap()[0].id, a.id);
}

#[test]
fn the_notes_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = bundled_corpus();
    let path = notes(dir.path());
    let mut ws = Workspace::open(dir.path()).unwrap();
    let a = numbered(&ws, 1);
    ws.apply(Command::create(a)).unwrap();
    ws.save().unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let b = numbered(&ws, 2);
    ws.apply(Command::create(b)).unwrap();
    ws.save().unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn annotations_of_a_renamed_article_follow_it_and_of_a_deleted_one_are_kept() {
    let dir = bundled_corpus();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let sky = numbered(&ws, 1);
    let bbc_article = ws.corpus.article(BBC).unwrap().clone();
    let mut bbc = Annotation::new(&bbc_article, 10..30, Color::Green);
    bbc.note = "on the BBC piece".into();
    ws.apply(Command::create(sky.clone())).unwrap();
    ws.apply(Command::create(bbc.clone())).unwrap();
    ws.save().unwrap();
    drop(ws);

    // The Sky article is renamed; the BBC one is deleted.
    std::fs::rename(dir.path().join(SKY), dir.path().join("sky-renamed.txt")).unwrap();
    let bbc_text = std::fs::read(dir.path().join(BBC)).unwrap();
    std::fs::remove_file(dir.path().join(BBC)).unwrap();

    let mut ws = Workspace::open(dir.path()).unwrap();
    let moved = ws.notebook().get(&sky.id).unwrap();
    assert_eq!(
        moved.article, "sky-renamed.txt",
        "re-attached by content hash"
    );
    assert!(ws.range_of(&sky.id).is_some());
    let kept = ws.notebook().get(&bbc.id).unwrap();
    assert_eq!(kept.article, BBC);
    assert_eq!(ws.article_problem(BBC), Some(ArticleProblem::Missing));
    ws.save().unwrap();
    drop(ws);
    assert_eq!(
        store::load(&notes(dir.path())).unwrap().len(),
        2,
        "nothing dropped"
    );

    // The BBC article comes back under a new name: its note follows.
    std::fs::write(dir.path().join("bbc-again.txt"), bbc_text).unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    assert_eq!(ws.notebook().get(&bbc.id).unwrap().article, "bbc-again.txt");
    assert_eq!(ws.range_of(&bbc.id), Some(10..30));
}

#[test]
fn article_paths_that_leave_the_corpus_are_refused() {
    let outer = tempfile::tempdir().unwrap();
    let corpus = outer.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let secret_text = "TOP SECRET passage that must never be read\n";
    std::fs::write(outer.path().join("secret.txt"), secret_text).unwrap();
    std::fs::write(corpus.join("ok.txt"), "An ordinary article.\n").unwrap();
    // A symbolic link inside the corpus pointing outside it.
    std::os::unix::fs::symlink(outer.path().join("secret.txt"), corpus.join("link.txt")).unwrap();

    let article = gloss::corpus::Article::from_text("x", secret_text.into(), None);
    let hostile: Vec<Annotation> = [
        "../secret.txt",
        "/etc/passwd",
        "sub/../../secret.txt",
        "..",
        "link.txt",
    ]
    .iter()
    .map(|name| {
        let mut a = Annotation::new(&article, 0..10, Color::Yellow);
        a.article = name.to_string();
        a.article_hash = String::new();
        a
    })
    .collect();
    store::save(&notes(&corpus), &hostile).unwrap();

    let mut ws = Workspace::open(&corpus).unwrap();
    let names: Vec<&str> = ws
        .corpus
        .articles
        .iter()
        .map(|a| a.file_name.as_str())
        .collect();
    assert_eq!(names, ["ok.txt"], "the link is not read");
    assert!(
        ws.corpus
            .skipped
            .iter()
            .any(|s| s.file_name == "link.txt" && s.reason.contains("outside"))
    );
    for a in &hostile {
        assert!(ws.range_of(&a.id).is_none(), "{} anchored", a.article);
        assert!(ws.article_problem(&a.article).is_some(), "{}", a.article);
    }
    for name in ["../secret.txt", "/etc/passwd", "sub/../../secret.txt", ".."] {
        assert_eq!(
            ws.article_problem(name),
            Some(ArticleProblem::Refused),
            "{name}"
        );
    }
    // Kept, untouched, and saved again as they were.
    let a = Annotation::new(ws.corpus.article("ok.txt").unwrap(), 0..5, Color::Blue);
    ws.apply(Command::create(a)).unwrap();
    ws.save().unwrap();
    let saved = store::load(&notes(&corpus)).unwrap();
    assert_eq!(saved.len(), 6);
    assert_eq!(
        std::fs::read_to_string(outer.path().join("secret.txt")).unwrap(),
        secret_text
    );
}

#[test]
fn huge_articles_and_notes_files_are_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let huge = std::fs::File::create(dir.path().join("huge.txt")).unwrap();
    huge.set_len(gloss::corpus::MAX_ARTICLE_BYTES + 1).unwrap(); // sparse: costs no disk
    let notes_file = std::fs::File::create(notes(dir.path())).unwrap();
    notes_file.set_len(store::MAX_NOTES_BYTES + 1).unwrap();
    std::fs::write(dir.path().join("fine.txt"), "fine\n").unwrap();
    let start = Instant::now();
    let ws = Workspace::open(dir.path()).unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "refused without reading it all"
    );
    let skipped = &ws.corpus.skipped;
    assert!(skipped[0].reason.contains("too large"), "{skipped:?}");
    assert!(matches!(ws.load_error, Some(LoadError::TooLarge { .. })));
    assert!(ws.load_error.as_ref().unwrap().to_string().contains("MB"));
}

#[test]
fn every_old_format_version_loads_and_migrates() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/notes-v1.ron");
    let bytes = std::fs::read(&fixture).unwrap();
    assert_eq!(store::peek_version(&bytes), Some(1));
    let dir = bundled_corpus();
    std::fs::write(notes(dir.path()), &bytes).unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    assert!(ws.load_error.is_none());
    // Parsed, a version-1 annotation has no article hash (v1 did not record it) and no tags.
    let parsed = store::parse(&fixture, &bytes).unwrap();
    assert_eq!(parsed.len(), 4);
    assert!(
        parsed
            .iter()
            .all(|a| a.article_hash.is_empty() && a.tags.is_empty())
    );
    // Opened, positions from version 1 still point at their quotes, and once verified the
    // annotations record the hash of the text they point into.
    let list = ws.notebook().to_list();
    assert_eq!(list.len(), 4);
    for a in &list {
        assert_eq!(ws.range_of(&a.id), Some(a.range()));
        let article = ws.corpus.article(&a.article).unwrap();
        assert_eq!(a.article_hash, article.hash);
        assert_eq!(article.slice(a.range()), a.quote.exact);
    }
    // A change makes it save in the current version with the same annotations.
    ws.apply(Command::SetNote {
        id: list[0].id.clone(),
        note: "migrated".into(),
    })
    .unwrap();
    ws.save().unwrap();
    let saved = std::fs::read(notes(dir.path())).unwrap();
    assert_eq!(store::peek_version(&saved), Some(store::FORMAT_VERSION));
    let reloaded = store::load(&notes(dir.path())).unwrap();
    let ids = |l: &[Annotation]| {
        let mut v: Vec<String> = l.iter().map(|a| a.id.clone()).collect();
        v.sort();
        v
    };
    assert_eq!(ids(&reloaded), ids(&list));
}

#[test]
fn check_reports_counts_missing_articles_and_problems() {
    let dir = bundled_corpus();
    let mut ws = Workspace::open(dir.path()).unwrap();
    for n in 0..3 {
        let a = numbered(&ws, n);
        ws.apply(Command::create(a)).unwrap();
    }
    let mut ghost = numbered(&ws, 9);
    ghost.article = "gone.txt".into();
    ghost.article_hash = "0".repeat(32);
    ws.apply(Command::create(ghost)).unwrap();
    ws.save().unwrap();
    drop(ws);
    let run = |json: bool| {
        let mut args = vec!["check", "--corpus", dir.path().to_str().unwrap()];
        if json {
            args.push("--json");
        }
        Process::new(env!("CARGO_BIN_EXE_gloss"))
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(true);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["notes_state"], "readable");
    assert_eq!(report["version"], store::FORMAT_VERSION);
    assert_eq!(report["annotation_count"], 4);
    assert_eq!(report["per_article"][SKY], 3);
    assert_eq!(report["missing_articles"][0], "gone.txt");
    let text = String::from_utf8(run(false).stdout).unwrap();
    assert!(
        text.contains("gone.txt") && text.contains("problems:"),
        "{text}"
    );

    // Without the ghost, all is well.
    let list: Vec<Annotation> = store::load(&notes(dir.path()))
        .unwrap()
        .into_iter()
        .filter(|a| a.article != "gone.txt")
        .collect();
    store::save(&notes(dir.path()), &list).unwrap();
    let out = run(false);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

// ----- property tests -----

fn arb_annotation() -> impl Strategy<Value = Annotation> {
    (
        "\\PC{0,40}",
        "\\PC{0,40}",
        "\\PC{0,40}",
        any::<String>(),
        0usize..10_000,
        0usize..500,
        0usize..6,
        any::<String>(),
        prop::collection::vec("\\PC{0,10}", 0..3),
        0i64..2_000_000_000,
    )
        .prop_map(
            |(exact, prefix, suffix, note, start, len, color, article, tags, secs)| {
                let t = jiff::Timestamp::from_second(secs).unwrap();
                Annotation {
                    id: uuid::Uuid::new_v4().to_string(),
                    article: if article.is_empty() {
                        "a.txt".into()
                    } else {
                        article
                    },
                    quote: gloss::annotation::QuoteSelector {
                        exact,
                        prefix,
                        suffix,
                    },
                    position: gloss::annotation::PositionSelector {
                        start,
                        end: start + len,
                    },
                    color: Color::ALL[color],
                    note,
                    created: t,
                    modified: t,
                    article_hash: String::new(),
                    tags,
                    original_quote: None,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_annotation_set_round_trips_and_saves_identically(list in prop::collection::vec(arb_annotation(), 0..20)) {
        let dir = tempfile::tempdir().unwrap();
        let path = notes(dir.path());
        store::save(&path, &list).unwrap();
        let loaded = store::load(&path).unwrap();
        let mut expected = list.clone();
        expected.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        prop_assert_eq!(&loaded, &expected);
        let first = std::fs::read(&path).unwrap();
        store::save(&path, &loaded).unwrap();
        prop_assert_eq!(std::fs::read(&path).unwrap(), first);
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = store::parse(Path::new("x.ron"), &bytes);
    }

    #[test]
    fn ron_like_garbage_never_panics_the_loader(text in "[()\\[\\]{},:\" a-z0-9_.\\\\-]{0,400}") {
        let _ = store::parse(Path::new("x.ron"), format!("(version: 2, annotations: [{text}").as_bytes());
        let _ = store::parse(Path::new("x.ron"), text.as_bytes());
    }
}

#[test]
fn a_background_save_merges_outside_edits_and_keeps_edits_made_while_it_ran() {
    let dir = bundled_corpus();
    let path = notes(dir.path());
    let mut ws = Workspace::open(dir.path()).unwrap();
    let a = numbered(&ws, 1);
    ws.apply(Command::create(a.clone())).unwrap();
    ws.save().unwrap();

    // Someone else adds an annotation to the file.
    let mut theirs = store::load(&path).unwrap();
    let b = numbered(&ws, 2);
    theirs.push(b.clone());
    store::save(&path, &theirs).unwrap();

    // Here: a note, saved in the background; while that runs, the note is edited again.
    ws.apply(Command::SetNote {
        id: a.id.clone(),
        note: "first".into(),
    })
    .unwrap();
    assert!(ws.start_background_save());
    ws.end_typing();
    ws.apply(Command::SetNote {
        id: a.id.clone(),
        note: "second".into(),
    })
    .unwrap();
    let change = ws.wait_for_background_save().unwrap().unwrap();
    assert_eq!(change.unwrap().report.taken_from_disk, 1);
    // The app holds the outside addition and its own newer edit, still to be saved.
    assert!(ws.notebook().get(&b.id).is_some());
    assert_eq!(ws.notebook().get(&a.id).unwrap().note, "second");
    assert!(ws.is_dirty());
    ws.save().unwrap();
    let on_disk = store::load(&path).unwrap();
    assert_eq!(on_disk.len(), 2);
    assert_eq!(
        on_disk.iter().find(|x| x.id == a.id).unwrap().note,
        "second"
    );
}
