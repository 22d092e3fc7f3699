//! Highlights when the article changes under the reader: followed, marked "text changed",
//! or listed as Unanchored and re-attached by hand.

mod common;

use common::{
    SKY, bundled_corpus, char_range, drag_select, let_autosave_run, open_app, step_until,
};

use std::ops::Range;

use eframe::egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use gloss::ui::GlossApp;

fn select_and_highlight(h: &mut Harness<'_, GlossApp>, pane: usize, range: Range<usize>) {
    drag_select(h, pane, range);
    h.key_press(Key::H);
    h.run();
}

#[test]
fn highlights_follow_edits_and_lost_ones_can_be_reattached() {
    let dir = bundled_corpus();
    let sky = std::fs::read_to_string(dir.path().join(SKY)).unwrap();
    let mut h = open_app(dir.path());
    let moved = "Gavin Williamson, met with his Russian counterpart";
    let typo = "swift and unequivocal response";
    let doomed = "over dinner at the UN";
    for phrase in [moved, typo, doomed] {
        select_and_highlight(&mut h, 0, char_range(&sky, phrase));
    }
    // The passage that will get a typo carries a note.
    let note = "Compare the BBC's wording";
    // Its row in the notes list selects it (the highlight itself is a mark node of that name).
    h.get_all_by_label_contains(typo)
        .find(|n| n.accesskit_node().role() != eframe::egui::accesskit::Role::Mark)
        .expect("its row in the notes list")
        .click();
    h.run();
    h.get_by_label("Note for the selected highlight").click();
    h.run();
    h.get_by_label("Note for the selected highlight")
        .type_text(note);
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
        3
    );
    let_autosave_run(&mut h);

    // The article is corrected on disk: a line added at the top, a word changed inside one
    // passage, another passage cut.
    let edited = sky
        .replacen(
            "Sky News\n",
            "Sky News\n\nCorrection: an earlier version misnamed the minister.\n",
            1,
        )
        .replacen(
            "swift and unequivocal response",
            "swift and unequivocal reponse",
            1,
        )
        .replacen(" over dinner at the UN,", ",", 1);
    std::fs::write(dir.path().join(SKY), &edited).unwrap();
    // The watcher reports the edit; workers re-read the article and place the highlights.
    let moved_range = char_range(&edited, moved);
    step_until(&mut h, std::time::Duration::from_secs(5), |app| {
        app.drawn_highlights(0).contains(&moved_range)
    })
    .expect("the edit is picked up");
    h.run();

    let drawn = h.state().drawn_highlights(0);
    assert!(drawn.contains(&char_range(&edited, moved)), "{drawn:?}");
    assert!(
        drawn.contains(&char_range(&edited, "swift and unequivocal reponse")),
        "{drawn:?}"
    );
    h.get_by_label_contains("Articles changed on disk");
    // The row says the text changed and still shows the note.
    // (old → new as an inline word diff between the two)
    assert!(h.query_by_label_contains("text changed: ").is_some());
    assert!(h.query_by_label_contains(&format!(" · {note}")).is_some());
    h.get_by_label("Unanchored");

    // The reader picks the lost note in the list, selects where its words now are, and
    // re-attaches it.
    h.key_press(Key::Escape); // nothing selected: only the list shows the quote
    h.run();
    // (Below the editor's place the list may have to be scrolled to the row.)
    h.get_by_label_contains(doomed).scroll_to_me();
    h.run();
    h.get_by_label_contains(doomed).click();
    h.run();
    let target = char_range(&edited, "his Russian counterpart Vyacheslav Kozhin");
    drag_select(&mut h, 0, target.clone());
    h.get_by_label("Attach to selection").click();
    h.run();
    assert!(h.query_by_label("Unanchored").is_none());
    assert!(h.state().drawn_highlights(0).contains(&target));
    let_autosave_run(&mut h);
    let saved = gloss::store::load(&dir.path().join("annotations.ron")).unwrap();
    let reattached = saved
        .iter()
        .find(|a| a.quote.exact == "his Russian counterpart Vyacheslav Kozhin")
        .unwrap();
    assert_eq!(reattached.original_quote.as_deref(), Some(doomed));
}

/// The reproduction in the window: a highlight in a line that another program moves
/// twelve lines down stays drawn at its new place and listed with its article, not under
/// Unanchored.
#[test]
fn a_highlight_in_a_moved_line_stays_drawn_and_listed() {
    let dir = bundled_corpus();
    let sky = std::fs::read_to_string(dir.path().join(SKY)).unwrap();
    let mut h = open_app(dir.path());
    let phrase = "met Russia’s acting foreign minister Sergey";
    select_and_highlight(&mut h, 0, char_range(&sky, phrase));
    let_autosave_run(&mut h);
    let mut lines: Vec<&str> = sky.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.starts_with("He met Russia"))
        .unwrap();
    let line = lines.remove(i);
    lines.insert((i + 12).min(lines.len()), line);
    let moved = lines.join("\n") + "\n";
    std::fs::write(dir.path().join(SKY), &moved).unwrap();
    let now_at = char_range(&moved, phrase);
    step_until(&mut h, std::time::Duration::from_secs(5), |app| {
        let ws = app.session().workspace.as_ref().unwrap();
        ws.range_of(&ws.notebook().annotations()[0].id) == Some(now_at.clone())
    })
    .expect("the highlight follows its words");
    h.run();
    // Its row takes the reader there, and there it is drawn.
    h.key_press(Key::Escape); // nothing selected: only the list shows the quote
    h.run();
    h.get_by_label_contains(phrase).click();
    for _ in 0..4 {
        h.run();
    }
    assert!(h.state().drawn_highlights(0).contains(&now_at));
    assert!(h.query_by_label("Unanchored").is_none());
}

/// An orphan whose words now stand twice, with their context changed at both, says so, and
/// offers both places: a click re-attaches it to the one the reader picks.
#[test]
fn an_orphan_says_why_and_offers_the_places_its_words_stand() {
    let dir = bundled_corpus();
    let sky = std::fs::read_to_string(dir.path().join(SKY)).unwrap();
    let mut h = open_app(dir.path());
    let phrase = "over dinner at the UN";
    select_and_highlight(&mut h, 0, char_range(&sky, phrase));
    let_autosave_run(&mut h);
    // Cut where it stood; the words come back twice, in other sentences.
    let edited = sky.replacen(" over dinner at the UN,", ",", 1)
        + "\nThe talks went on over dinner at the UN that night.\n\
           \nA reception followed, over dinner at the UN, for all delegates.\n";
    std::fs::write(dir.path().join(SKY), &edited).unwrap();
    step_until(&mut h, std::time::Duration::from_secs(5), |app| {
        app.session()
            .workspace
            .as_ref()
            .unwrap()
            .corpus
            .article(SKY)
            .is_some_and(|a| a.text.contains("A reception followed"))
    })
    .expect("the edit is picked up");
    h.run();
    h.get_by_label("Unanchored");
    assert!(
        h.query_by_label_contains("not found: its words are in the article 2 times")
            .is_some()
    );
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label_contains("not found: its words").click();
    h.run();
    h.get_by_label_contains("Re-attach it to one of the places");
    // (The editor has a fixed place above the list: its end may need scrolling to.)
    h.get_by_label_contains("2. …").scroll_to_me();
    h.run();
    h.get_by_label_contains("2. …").click();
    h.run();
    let second = {
        let at = edited.rfind(phrase).unwrap();
        let start = edited[..at].chars().count();
        start..start + phrase.chars().count()
    };
    assert!(h.query_by_label("Unanchored").is_none());
    assert!(h.state().drawn_highlights(0).contains(&second));
}
