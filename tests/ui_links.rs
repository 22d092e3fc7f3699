//! Linking passages across panes in the window, as a reader does it: select, L, select in the
//! other pane, pick the relation, Link — then undo, redo, reopen, and see the connector; an
//! end scrolled away leaves a marker that brings it back level. In compare mode a suggestion
//! is accepted (a same-fact link) or dismissed (and stays dismissed after reopening).

mod common;

use std::time::Duration;

use common::{
    BBC, SKY, bundled_corpus, click_at, drag_select, find_in_file, let_autosave_run, open_app,
    step_until,
};
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use gloss::link::Relation;
use gloss::ui::connectors;

const SKY_PASSAGE: &str = "He met Russia’s acting foreign minister Sergey Lavrov";
const BBC_PASSAGE: &str = "Mr Johnson is the first UK foreign secretary to visit Russia";

#[test]
fn a_link_made_across_panes_is_drawn_undone_redone_and_still_there_after_reopening() {
    let dir = bundled_corpus();
    let mut h = open_app(dir.path());
    assert_eq!(
        (
            h.state().session().reader.article_in(0),
            h.state().session().reader.article_in(1)
        ),
        (Some(SKY), Some(BBC))
    );
    let sky = find_in_file(dir.path(), SKY, SKY_PASSAGE);
    let bbc = find_in_file(dir.path(), BBC, BBC_PASSAGE);

    drag_select(&mut h, 0, sky.clone());
    h.key_press(Key::L);
    h.run();
    drag_select(&mut h, 1, bbc.clone());
    // The relation window: contradicts, a note, Link.
    h.get_by_label("contradicts").click();
    h.run();
    h.get_by_label(gloss::ui::link_window::LINK_NOTE_LABEL)
        .click();
    h.run();
    h.get_by_label(gloss::ui::link_window::LINK_NOTE_LABEL)
        .type_text("different visits");
    h.run();
    h.get_by_label("Link").click();
    h.run();

    let ws = h.state().session().workspace.as_ref().unwrap();
    assert_eq!(ws.notebook().links().len(), 1, "one link made");
    let link = ws.notebook().links()[0].clone();
    assert_eq!(link.relation, Relation::Contradicts);
    assert_eq!(link.note, "different visits");
    assert_eq!(
        ws.link_ends(&link),
        [Some((SKY, sky.clone())), Some((BBC, bbc.clone()))],
        "both selections became highlights at exactly those passages"
    );
    h.run();
    assert_eq!(
        connectors::drawn(&h.ctx),
        vec![link.id.clone()],
        "the connector is drawn"
    );

    // One undo takes the link and both highlights made for it; redo brings all back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let ws = h.state().session().workspace.as_ref().unwrap();
    assert!(ws.notebook().links().is_empty());
    assert!(ws.notebook().annotations().is_empty());
    assert!(connectors::drawn(&h.ctx).is_empty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(
        h.state()
            .session()
            .workspace
            .as_ref()
            .unwrap()
            .notebook()
            .links()
            .len(),
        1
    );

    // Scroll the BBC pane away: its end leaves a marker; clicking it brings the end back,
    // level with the Sky passage.
    let sky_top = h.state().char_screen_pos(0, sky.start).unwrap().y;
    h.state_mut().activate_pane(1);
    h.key_press(Key::End);
    h.run();
    assert!(
        h.state().char_screen_pos(1, bbc.start).is_none(),
        "scrolled away"
    );
    h.get_by_label("1 link above").click();
    h.run();
    h.run();
    let bbc_top = h
        .state()
        .char_screen_pos(1, bbc.start)
        .expect("back on screen")
        .y;
    assert!(
        (bbc_top - sky_top).abs() < 4.0,
        "level: {bbc_top} vs {sky_top}"
    );

    let_autosave_run(&mut h);
    drop(h);
    let mut h = open_app(dir.path());
    h.run();
    let ws = h.state().session().workspace.as_ref().unwrap();
    assert_eq!(
        ws.notebook().link(&link.id).unwrap().note,
        "different visits"
    );
    step_until(&mut h, Duration::from_secs(2), |_| true);
    h.run();
    assert_eq!(connectors::drawn(&h.ctx), vec![link.id.clone()]);
}

#[test]
fn a_suggestion_is_accepted_as_a_same_fact_link_and_another_dismissed_for_good() {
    let dir = tempfile::tempdir().unwrap();
    let a = "Sky report\n\nThe minister flew to Moscow on Friday for talks about cyber attacks, \
             election interference and the poisoning of a former spy in Salisbury.\n\n\
             Markets were calm as traders waited for inflation figures.\n\n\
             Officials said the embassy in London would expel twenty three diplomats within \
             a week after the chemical attack on the quiet cathedral city.\n\n\
             The prime minister told parliament the evidence pointed clearly to the Kremlin \
             and demanded an explanation from the ambassador by midnight on Tuesday.\n";
    let b = "BBC report\n\nTwenty three diplomats will be expelled from the embassy in London \
             within a week after the chemical attack on the quiet cathedral city, officials said.\n\n\
             A new bridge opened downtown after years of delays.\n\n\
             On Friday the minister flew to Moscow for talks about cyber attacks, election \
             meddling and the poisoning of a former spy in Salisbury.\n\n\
             The prime minister told MPs the evidence pointed clearly to the Kremlin and \
             demanded an explanation from the ambassador by midnight on Tuesday.\n";
    std::fs::write(dir.path().join("a.txt"), a).unwrap();
    std::fs::write(dir.path().join("b.txt"), b).unwrap();
    let mut h = open_app(dir.path());
    h.key_press(Key::C);
    step_until(&mut h, Duration::from_secs(3), |app| {
        app.compare_marks_now().iter().all(|m| m.len() >= 3)
    })
    .expect("three suggestions marked in both panes");
    h.run();

    // Click the Salisbury passage in the left pane: its popup; Accept.
    let spy = common::char_range(a, "poisoning of a former spy");
    let at = h.state().char_screen_pos(0, spy.start + 3).unwrap();
    click_at(&h, at + eframe::egui::vec2(2.0, 0.0));
    h.run();
    h.get_by_label("Accept as same fact").click();
    h.run();
    let ws = h.state().session().workspace.as_ref().unwrap();
    assert_eq!(ws.notebook().links().len(), 1);
    assert_eq!(ws.notebook().links()[0].relation, Relation::SameFact);
    assert_eq!(
        ws.notebook().annotations().len(),
        2,
        "both passages highlighted"
    );
    h.run();
    assert_eq!(connectors::drawn(&h.ctx).len(), 1);

    // The diplomats passage (the other mark): Dismiss. Its marks go, and stay gone after
    // reopening.
    let cathedral = common::char_range(a, "quiet cathedral city");
    let expel = h.state().compare_marks_now()[0]
        .iter()
        .find(|r| r.start <= cathedral.start && r.end >= cathedral.end)
        .expect("the reworded passage is marked")
        .clone();
    let at = h.state().char_screen_pos(0, cathedral.start + 2).unwrap();
    click_at(&h, at + eframe::egui::vec2(2.0, 0.0));
    h.run();
    h.get_by_label("Dismiss suggestion").click();
    h.run();
    let marked = |app: &gloss::ui::GlossApp| {
        app.compare_marks_now()
            .first()
            .is_some_and(|m| m.iter().any(|r| r.start < expel.end && r.end > expel.start))
    };
    assert_eq!(
        h.state()
            .session()
            .workspace
            .as_ref()
            .unwrap()
            .notebook()
            .dismissed()
            .count(),
        1,
        "the dismissal is in the notes"
    );
    assert!(!marked(h.state()), "dismissed: no longer marked");
    let_autosave_run(&mut h);
    drop(h);

    let mut h = open_app(dir.path());
    h.run();
    if h.state().compare_marks_now().is_empty() {
        h.key_press(Key::C);
    }
    step_until(&mut h, Duration::from_secs(3), |app| {
        app.compare_marks_now()
            .first()
            .is_some_and(|m| !m.is_empty())
    });
    h.run();
    assert!(!marked(h.state()), "still dismissed after reopening");
    let ws = h.state().session().workspace.as_ref().unwrap();
    assert_eq!(ws.notebook().dismissed().count(), 1);
    let kremlin = common::char_range(a, "pointed clearly to the Kremlin");
    assert!(
        h.state().compare_marks_now()[0]
            .iter()
            .any(|r| r.start <= kremlin.start && r.end >= kremlin.end),
        "compare ran after reopening and marks the suggestion left open"
    );
}
