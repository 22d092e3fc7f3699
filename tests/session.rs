//! The reader's session without a window: opening, autosave, watching the folder, compare
//! mode's results and their suggestion rules, the reader's actions (highlighting, copying,
//! find, scrolling in step, earlier versions) — driven by `Session::apply` and
//! `Session::tick` as the window drives them, with no egui harness.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use gloss::annotation::Color;
use gloss::session::pane::{PaneState, Reveal, Selection};
use gloss::session::reader::Reader;
use gloss::session::{Action, Effect, Session};

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
    session.reader = Reader::new(vec![pane("a.txt"), pane("b.txt")]);
    (session, wakes)
}

fn pane(article: &str) -> PaneState {
    PaneState {
        article: Some(article.into()),
        top_char: 0,
    }
}

/// Char offset of `needle` in `text`.
fn at(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect("in the text")]
        .chars()
        .count()
}

/// Ticks with real time passing until `done` holds (or 5 s pass).
fn tick_until(session: &mut Session, done: impl Fn(&Session) -> bool) {
    let start = Instant::now();
    while !done(session) {
        assert!(start.elapsed() < Duration::from_secs(5), "never happened");
        session.tick(Instant::now(), start.elapsed().as_secs_f64());
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
    let next = session.tick(now, 10.0).expect("a save is due");
    assert!(next > now && next <= now + Duration::from_secs_f64(gloss::session::SAVE_DEBOUNCE_S));
    assert!(!notes.exists());
    // After the pause: saved on the saver thread, and reported.
    session.tick(now, 10.0 + gloss::session::SAVE_DEBOUNCE_S);
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
    tick_until(&mut session, |s| {
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
    // Nothing compared unless asked (compare mode off).
    session.tick(Instant::now(), 0.0);
    assert!(session.comparing.busy().is_none());
    session.apply(Action::SetCompare(true));
    let hashes = |s: &Session| {
        let ws = s.workspace.as_ref().unwrap();
        let h = |n: &str| ws.corpus.article(n).unwrap().hash.clone();
        (h("a.txt"), h("b.txt"))
    };
    tick_until(&mut session, |s| {
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

#[test]
fn a_selection_is_highlighted_copied_and_undone_through_actions() {
    let dir = tempfile::tempdir().unwrap();
    let (mut session, _) = opened(dir.path());
    let spy = at(A, "former spy");
    session.reader.panes[0].selection = Selection::of(spy..spy + 10);
    let copied = session.apply(Action::CopySelection);
    assert!(
        matches!(copied.as_slice(), [Effect::CopyText(t)] if t == "former spy"),
        "copy hands the shell the selected words"
    );
    session.apply(Action::PickColor(Color::Blue));
    session.apply(Action::HighlightSelection {
        pane: 0,
        note: true,
    });
    let ws = session.workspace.as_ref().unwrap();
    let made = &ws.notebook().annotations()[0];
    assert_eq!(
        (made.quote.exact.as_str(), made.color),
        ("former spy", Color::Blue)
    );
    assert_eq!(session.reader.selected.as_deref(), Some(made.id.as_str()));
    assert!(
        session.reader.note_editor.is_some(),
        "N opens the note on it"
    );
    assert_eq!(
        session.reader.panes[0].selection,
        Selection::caret(spy + 10),
        "the caret goes to its end"
    );
    // A selection that is only white space is refused, with a reason for the reader.
    let gap = A.find("\n\n").unwrap();
    session.reader.panes[1].selection = Selection::of(gap..gap + 2);
    let said = session.apply(Action::HighlightSelection {
        pane: 1,
        note: false,
    });
    assert!(
        matches!(said.as_slice(), [Effect::Info(_)]),
        "{}",
        said.len()
    );
    session.apply(Action::Undo);
    assert!(
        session
            .workspace
            .as_ref()
            .unwrap()
            .notebook()
            .annotations()
            .is_empty()
    );
    assert_eq!(
        session.reader.selected, None,
        "an undone highlight is not selected"
    );
    assert!(session.reader.note_editor.is_none());
}

#[test]
fn find_selects_each_match_and_scrolls_only_to_one_out_of_sight() {
    let dir = tempfile::tempdir().unwrap();
    let (mut session, _) = opened(dir.path());
    session.apply(Action::Activate(1));
    session.apply(Action::OpenFind);
    session.apply(Action::FindQuery("the".into()));
    // The article is folded on a worker; the matches come with a tick.
    tick_until(&mut session, |s| {
        s.reader.find.as_ref().is_some_and(|f| !f.pending)
    });
    let find = session.reader.find.as_ref().unwrap();
    assert_eq!(find.pane, 1);
    let first = find.current_range().expect("a match");
    assert_eq!(
        session.reader.panes[1].selection,
        Selection::of(first.clone())
    );
    // Nothing was in sight (no frame drawn yet): the pane goes to the match.
    assert_eq!(
        session.reader.panes[1].reveal,
        Some(Reveal::Center(first.start))
    );
    // The whole text in sight: stepping selects the next match and does not scroll.
    session.reader.panes[1].reveal = None;
    session.reader.panes[1].visible = 0..B.chars().count();
    session.apply(Action::FindStep(1));
    let next = session
        .reader
        .find
        .as_ref()
        .unwrap()
        .current_range()
        .unwrap();
    assert!(next.start > first.start);
    assert_eq!(session.reader.panes[1].selection, Selection::of(next));
    assert_eq!(session.reader.panes[1].reveal, None);
    // "bbc" finds "BBC", until case must match.
    session.apply(Action::FindQuery("bbc".into()));
    assert_eq!(session.reader.find.as_ref().unwrap().status(), "1 of 1");
    let options = gloss::search::Options {
        match_case: true,
        ..Default::default()
    };
    session.apply(Action::FindOptions(options));
    tick_until(&mut session, |s| {
        s.reader.find.as_ref().is_some_and(|f| !f.pending)
    });
    assert_eq!(session.reader.find.as_ref().unwrap().status(), "no matches");
    session.apply(Action::CloseFind);
    assert!(session.reader.find.is_none());
}

#[test]
fn the_follower_scrolls_to_the_leads_corresponding_passage() {
    let dir = tempfile::tempdir().unwrap();
    let (mut session, _) = opened(dir.path());
    session.apply(Action::SetSyncScroll(true));
    tick_until(&mut session, |s| {
        let ws = s.workspace.as_ref().unwrap();
        let h = |n: &str| ws.corpus.article(n).unwrap().hash.clone();
        s.comparing.pairs(&h("a.txt"), &h("b.txt")).is_some()
    });
    // The frame reports the lead (pane 1, active) at the top and the follower elsewhere.
    session.apply(Action::Activate(0));
    session.apply(Action::SetSyncScroll(true));
    session.reader.panes[0].top_pos = at(A, "The minister flew");
    assert!(session.scroll_in_step(), "the follower moves");
    let Some(Reveal::TopExact(to)) = session.reader.panes[1].reveal else {
        panic!(
            "the follower is put in place: {:?}",
            session.reader.panes[1].reveal
        );
    };
    let target = at(B, "On Friday the minister");
    assert!(
        to.abs_diff(target) <= 3,
        "level with its counterpart: {to} vs {target}"
    );
    session.apply(Action::SetSyncScroll(false));
    session.reader.panes[1].reveal = None;
    session.reader.panes[0].top_pos = 0;
    assert!(!session.scroll_in_step(), "off: nothing follows");
}

#[test]
fn an_article_without_an_earlier_version_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (mut session, _) = opened(dir.path());
    session.apply(Action::CompareWithVersion {
        article: "a.txt".into(),
        hash: None,
    });
    let mut said = Vec::new();
    let start = Instant::now();
    while said.is_empty() {
        assert!(start.elapsed() < Duration::from_secs(5), "never answered");
        session.tick(Instant::now(), 0.0);
        said.extend(session.take_effects().into_iter().filter_map(|e| match e {
            Effect::Info(t) => Some(t),
            _ => None,
        }));
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(said[0].starts_with("No earlier version of"), "{said:?}");
    assert!(session.reader.version.is_none());
    assert_eq!(session.reader.panes.len(), 2, "no pane opened for nothing");
}
