//! The reader's session without a window: opening, autosave, watching the folder, compare
//! mode's results and their suggestion rules — driven by `Session::tick` as the window's
//! `logic` drives it, with no egui harness.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use gloss::annotation::Color;
use gloss::session::{Effect, Session};

const A: &str = "Sky report\n\nMarkets were calm as traders waited for inflation figures.\n\n\
    The minister flew to Moscow on Friday for talks about cyber attacks, election interference \
    and the poisoning of a former spy in Salisbury.\n";
const B: &str = "BBC report\n\nA new bridge opened downtown after years of delays.\n\n\
    On Friday the minister flew to Moscow for talks about cyber attacks, election meddling and \
    the poisoning of a former spy in Salisbury.\n";

/// A session on a folder holding `a.txt` and `b.txt`, opened; and how often it woke the window.
fn opened(dir: &std::path::Path) -> (Session, Arc<AtomicUsize>) {
    std::fs::write(dir.join("a.txt"), A).unwrap();
    std::fs::write(dir.join("b.txt"), B).unwrap();
    let wakes = Arc::new(AtomicUsize::new(0));
    let counter = wakes.clone();
    let mut session = Session::new(Arc::new(move || {
        counter.fetch_add(1, Ordering::Relaxed);
    }));
    session.start_opening(dir);
    assert!(session.is_opening());
    session.wait_for_open();
    let ws = match session.take_effects().pop() {
        Some(Effect::Opened { result: Ok(ws), .. }) => ws,
        _ => panic!("the corpus opens"),
    };
    session.take_in(*ws);
    (session, wakes)
}

/// Ticks with real time passing until `done` holds (or 5 s pass).
fn tick_until(session: &mut Session, neighbours: &[(&str, &str)], done: impl Fn(&Session) -> bool) {
    let start = Instant::now();
    while !done(session) {
        assert!(start.elapsed() < Duration::from_secs(5), "never happened");
        session.tick(Instant::now(), start.elapsed().as_secs_f64(), neighbours);
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn autosave_waits_for_a_pause_then_saves_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (mut session, _) = opened(dir.path());
    let ws = session.workspace.as_mut().unwrap();
    ws.highlight("a.txt", 12..30, Color::Yellow).unwrap();
    let notes = dir.path().join("annotations.ron");
    let now = Instant::now();
    // Just changed: autosave is due after the debounce, not before.
    let next = session.tick(now, 10.0, &[]).expect("a save is due");
    assert!(next > now && next <= now + Duration::from_secs_f64(gloss::session::SAVE_DEBOUNCE_S));
    assert!(!notes.exists());
    // After the pause: saved on the saver thread, and reported.
    session.tick(now, 10.0 + gloss::session::SAVE_DEBOUNCE_S, &[]);
    session.wait_for_saves();
    assert!(
        std::fs::read_to_string(&notes)
            .unwrap()
            .contains("Markets were calm")
    );
    assert!(
        session
            .take_effects()
            .iter()
            .any(|e| matches!(e, Effect::Saved(Ok(()))))
    );
    assert!(!session.workspace.as_ref().unwrap().is_dirty());
}

#[test]
fn an_article_changed_on_disk_is_read_again_and_its_highlights_follow() {
    let dir = tempfile::tempdir().unwrap();
    let (mut session, wakes) = opened(dir.path());
    let ws = session.workspace.as_mut().unwrap();
    let spy = A.find("poisoning").unwrap();
    let spy = A[..spy].chars().count();
    let id = ws.highlight("a.txt", spy..spy + 9, Color::Pink).unwrap().id;
    // A paragraph added at the top of a.txt.
    std::fs::write(dir.path().join("a.txt"), format!("Breaking.\n\n{A}")).unwrap();
    tick_until(&mut session, &[], |s| {
        s.workspace
            .as_ref()
            .unwrap()
            .corpus
            .article("a.txt")
            .unwrap()
            .text
            .starts_with("Breaking.")
    });
    let ws = session.workspace.as_ref().unwrap();
    assert_eq!(
        ws.range_of(&id),
        Some(spy + 11..spy + 20),
        "the highlight moved with its words"
    );
    let said: Vec<String> = session
        .take_effects()
        .into_iter()
        .filter_map(|e| match e {
            Effect::Info(t) => Some(t),
            _ => None,
        })
        .collect();
    assert!(
        said.iter().any(|t| t.contains("Articles changed on disk")),
        "{said:?}"
    );
    assert!(
        wakes.load(Ordering::Relaxed) > 0,
        "the watcher woke the window"
    );
}

#[test]
fn compare_results_come_from_a_worker_and_a_dismissed_pair_is_no_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let (mut session, _) = opened(dir.path());
    let neighbours = [("a.txt", "b.txt")];
    // Nothing compared unless asked (compare mode off: no neighbours given).
    session.tick(Instant::now(), 0.0, &[]);
    assert!(session.comparing.busy().is_none());
    let hashes = |s: &Session| {
        let ws = s.workspace.as_ref().unwrap();
        let h = |n: &str| ws.corpus.article(n).unwrap().hash.clone();
        (h("a.txt"), h("b.txt"))
    };
    tick_until(&mut session, &neighbours, |s| {
        let (a, b) = hashes(s);
        s.comparing.pairs(&a, &b).is_some()
    });
    let (ha, hb) = hashes(&session);
    let pairs = session.comparing.pairs(&ha, &hb).unwrap().to_vec();
    assert_eq!(pairs.len(), 1, "{pairs:#?}");
    assert!(pairs[0].a.quote.contains("poisoning of a former spy"));
    let ws = session.workspace.as_ref().unwrap();
    let view = gloss::session::comparing::build_view(
        &session.comparing,
        ws,
        &[Some("a.txt"), Some("b.txt")],
    );
    assert_eq!(view.pairs[0].len(), 1);

    // Dismissed: neither a suggestion nor in the table; the same rule hides it from the CLI.
    let p = &pairs[0];
    session
        .workspace
        .as_mut()
        .unwrap()
        .dismiss_pair(("a.txt", p.a.start..p.a.end), ("b.txt", p.b.start..p.b.end))
        .unwrap();
    let ws = session.workspace.as_ref().unwrap();
    let view = gloss::session::comparing::build_view(
        &session.comparing,
        ws,
        &[Some("a.txt"), Some("b.txt")],
    );
    assert!(view.pairs[0].is_empty() && view.listed[0].is_empty());
    let dismissed = ws.notebook().dismissed().map(|d| d.key.clone()).collect();
    assert!(
        gloss::compare::suggestions::shown(pairs.clone(), ("a.txt", "b.txt"), &dismissed, false)
            .is_empty()
    );
    assert_eq!(
        gloss::compare::suggestions::shown(pairs, ("a.txt", "b.txt"), &dismissed, true).len(),
        1
    );
}
