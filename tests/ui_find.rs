//! Find in an article, as a reader does it: Ctrl+F, type, step with Enter and F3, highlight
//! the current match with H, Escape closes. Counts and positions are checked against a plain
//! search of the article file done here.

mod common;

use std::time::Duration;

use common::{BBC, bundled_corpus, open_app, step_until};
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

/// Char starts of every (lower-cased) occurrence of `word` in `text`.
fn occurrences(text: &str, word: &str) -> Vec<usize> {
    let lower = text.to_lowercase();
    lower
        .match_indices(word)
        .map(|(b, _)| lower[..b].chars().count())
        .collect()
}

#[test]
fn ctrl_f_finds_steps_and_highlights_the_current_match() {
    let dir = bundled_corpus();
    let text = std::fs::read_to_string(dir.path().join(BBC)).unwrap();
    let expected = occurrences(&text, "russia");
    assert!(expected.len() > 5);
    let mut h = open_app(dir.path());
    h.state_mut().activate_pane(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label(gloss::ui::find_bar::FIND_FIELD_LABEL)
        .type_text("RUSSIA");
    h.run();
    step_until(&mut h, Duration::from_secs(3), |app| {
        app.session()
            .reader
            .find
            .as_ref()
            .is_some_and(|f| !f.pending && !f.matches.is_empty())
    })
    .expect("matches come once the article is folded");
    let find = h.state().session().reader.find.as_ref().unwrap();
    let starts: Vec<usize> = find.matches.iter().map(|m| m.start).collect();
    assert_eq!(
        starts, expected,
        "every match, case folded, at its char position"
    );
    assert_eq!(find.status(), format!("1 of {}", expected.len()));

    // Enter: the next match (and the keyboard back to the reading); F3 next, Shift+F3 back.
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().session().reader.find.as_ref().unwrap().current,
        Some(1)
    );
    h.key_press(Key::F3);
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.run();
    let current = h
        .state()
        .session()
        .reader
        .find
        .as_ref()
        .unwrap()
        .current_range()
        .unwrap();
    assert_eq!(current.start, expected[1]);
    assert_eq!(
        h.state().session().reader.selection_of(1),
        Some(current.clone()),
        "the match is selected"
    );

    // H highlights the current match.
    h.key_press(Key::H);
    h.run();
    let ws = h.state().session().workspace.as_ref().unwrap();
    let highlighted: Vec<_> = ws
        .notebook()
        .annotations()
        .iter()
        .map(|a| ws.range_of(&a.id))
        .collect();
    assert_eq!(highlighted, [Some(current)]);

    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.state().session().reader.find.as_ref().is_none(),
        "Escape closes the bar"
    );
}

#[test]
fn search_everywhere_lists_hits_by_article_and_a_click_opens_the_match() {
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run();
    h.get_by_label(gloss::ui::search_panel::SEARCH_FIELD_LABEL)
        .type_text("Lavrov");
    h.run();
    step_until(&mut h, Duration::from_secs(3), |app| {
        let (hits, running) = app.search_hits();
        !running && !hits.is_empty()
    })
    .expect("results come in");
    let (hits, _) = h.state().search_hits();
    // One per article: "Sergey Lavrov" (Sky) and "Sergei Lavrov" (BBC), at their positions.
    assert_eq!(hits.len(), 2, "{hits:?}");
    for hit in &hits {
        let text = std::fs::read_to_string(dir.path().join(&hit.article)).unwrap();
        let found: String = text
            .chars()
            .skip(hit.start)
            .take(hit.end - hit.start)
            .collect();
        assert_eq!(found, "Lavrov");
    }
    // Show the Sky article in both panes, then click the BBC hit: the active pane opens the
    // BBC article at the match, selected.
    h.state_mut().show_in_pane(1, common::SKY);
    h.run();
    let bbc_hit = hits.iter().find(|h| h.article == BBC).unwrap().clone();
    h.get_by_label_contains("Minister Sergei Lavrov").click();
    h.run();
    h.run();
    let pane = (0..2)
        .find(|&p| h.state().session().reader.article_in(p) == Some(BBC))
        .expect("a pane shows the BBC article");
    assert_eq!(
        h.state().session().reader.selection_of(pane),
        Some(bbc_hit.start..bbc_hit.end)
    );
}
