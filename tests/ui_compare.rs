//! Compare mode in the window: C marks, in both panes, the passages that tell the same thing.

mod common;

use std::time::Duration;

use common::{char_range, open_app, step_until};
use eframe::egui::{self, Key};
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn compare_mode_marks_the_corresponding_passages_in_both_panes() {
    let dir = tempfile::tempdir().unwrap();
    let a = "Sky report\n\nMarkets were calm as traders waited for inflation figures.\n\n\
             The minister flew to Moscow on Friday for talks about cyber attacks, election \
             interference and the poisoning of a former spy in Salisbury.\n\n\
             Weather stayed cold across the north.\n";
    let b = "BBC report\n\nA new bridge opened downtown after years of delays.\n\n\
             On Friday the minister flew to Moscow for talks about cyber attacks, election \
             meddling and the poisoning of a former spy in Salisbury.\n";
    std::fs::write(dir.path().join("a.txt"), a).unwrap();
    std::fs::write(dir.path().join("b.txt"), b).unwrap();
    let mut h = open_app(dir.path());
    assert!(h.state().compare_marks_now().is_empty(), "off by default");

    h.key_press(Key::C);
    let marks = |app: &gloss::ui::GlossApp| app.compare_marks_now();
    step_until(&mut h, Duration::from_secs(3), |app| {
        marks(app).iter().all(|m| !m.is_empty())
    })
    .expect("both panes get their marks");
    h.run();
    let m = marks(h.state());
    let in_a = char_range(a, "poisoning of a former spy in Salisbury");
    let in_b = char_range(b, "poisoning of a former spy in Salisbury");
    assert!(
        m[0].iter()
            .any(|r| r.start <= in_a.start && r.end >= in_a.end),
        "{m:?}"
    );
    assert!(
        m[1].iter()
            .any(|r| r.start <= in_b.start && r.end >= in_b.end),
        "{m:?}"
    );
    // Nothing else is marked: the opening lines tell different things.
    let other = char_range(a, "Markets were calm");
    assert!(
        m[0].iter()
            .all(|r| r.end <= other.start || r.start >= other.end)
    );

    // C again: off, no marks.
    h.key_press(Key::C);
    h.run();
    assert!(h.state().compare_marks_now().is_empty());
}

/// Two reports of one story, far apart in each text, with a line of filler between.
fn reports(dir: &std::path::Path) -> (String, String) {
    let words = [
        "amber", "birch", "cedar", "delta", "ember", "fjord", "grove", "heath", "inlet", "juniper",
        "kelp", "larch", "moss", "nettle", "oak", "pine", "quartz", "reed", "sorrel", "thistle",
        "umber", "violet", "willow", "yarrow", "zinnia", "alder", "bramble", "clover", "dune",
        "elm",
    ];
    let weather =
        |w: &str| format!("Weather note on {w}: rain fell over the {w} valley overnight.\n\n");
    // Other words on the other side: a rare word both share would rightly be a pair.
    let sport = |w: &str| {
        let w = w.chars().rev().collect::<String>();
        format!("Sports desk on {w}: the {w}s club won again at home.\n\n")
    };
    let mut a = String::from("Sky report\n\n");
    words.iter().for_each(|w| a.push_str(&weather(w)));
    a.push_str(
        "Yucaipa owned Dominick's before selling the chain to Safeway in 1998 for $2.5 \
         billion.\n\n",
    );
    words[..10]
        .iter()
        .for_each(|w| a.push_str(&weather(&format!("{w}wood"))));
    a.push_str(
        "He met Russia’s acting foreign minister Sergey Lavrov on the sidelines of the UN \
         General Assembly in New York.\n",
    );
    let mut b = String::from("BBC report\n\n");
    b.push_str(
        "Mr Johnson met his counterpart, Russian Foreign Minister Sergei Lavrov, at the UN \
         General Assembly in New York.\n\n",
    );
    words[..25].iter().for_each(|w| b.push_str(&sport(w)));
    b.push_str(
        "Yucaipa bought Dominick's in 1995 and sold the chain to Safeway for $1.8 billion in \
         1998.\n\n",
    );
    words[25..].iter().for_each(|w| b.push_str(&sport(w)));
    std::fs::write(dir.join("a.txt"), &a).unwrap();
    std::fs::write(dir.join("b.txt"), &b).unwrap();
    (a, b)
}

/// View ▸ Correspondences (T): the pairs and the omissions as rows; a click brings both
/// panes to a row, ↓ walks to the next, Enter accepts — a pair whose figures differ becomes a
/// *contradicts* link.
#[test]
fn the_correspondence_table_works_with_mouse_and_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = reports(dir.path());
    let mut h = open_app(dir.path());
    assert!(h.query_by_label_contains("only left").is_none());
    h.key_press(Key::T);
    step_until(&mut h, Duration::from_secs(5), |app| {
        app.compare_marks_now().iter().all(|m| !m.is_empty())
    })
    .expect("T turns compare mode on");
    h.run();
    // Two pairs; every filler sentence is an omission (title lines included).
    h.get_by_label_contains("2 pairs · 41 only left · 31 only right");
    assert_eq!(h.state().session().reader.top_char(0), Some(0));
    assert_eq!(h.state().session().reader.top_char(1), Some(0));

    // ↓ walks the rows (b's title, a's title, a's 30 weather lines, then the Yucaipa pair),
    // the table scrolling along; a click on the row brings both panes to it.
    assert!(
        h.query_by_label_contains("Yucaipa owned").is_none(),
        "out of sight at first"
    );
    for _ in 0..33 {
        h.key_press(Key::ArrowDown);
    }
    h.run();
    h.get_by_label_contains("Yucaipa owned").click();
    h.run();
    let (in_a, in_b) = (
        char_range(&a, "Yucaipa owned"),
        char_range(&b, "Yucaipa bought"),
    );
    let (top_a, top_b) = (
        h.state().session().reader.top_char(0).unwrap(),
        h.state().session().reader.top_char(1).unwrap(),
    );
    assert!(top_a > 0 && top_a <= in_a.start, "{top_a} / {in_a:?}");
    assert!(top_b > 0 && top_b <= in_b.start, "{top_b} / {in_b:?}");
    let visible = |app: &gloss::ui::GlossApp, pane: usize, at: usize| {
        let rect = app.pane_text_rect(pane).unwrap();
        app.char_screen_pos(pane, at)
            .is_some_and(|p| rect.contains(p))
    };
    assert!(visible(h.state(), 0, in_a.start) && visible(h.state(), 1, in_b.start));

    // ↓: the next row is the sport line after Yucaipa in b (an omission): pane b follows.
    h.key_press(Key::ArrowDown);
    h.run();
    let next = char_range(&b, "Sports desk on redla");
    assert!(visible(h.state(), 1, next.start));
    // Past the other four sport lines, a's ten 'wood' lines and b's title (placed before its
    // first pair): the Lavrov pair, at the end of a and the start of b — pane b goes back up.
    for _ in 0..16 {
        h.key_press(Key::ArrowDown);
    }
    h.run();
    let (lavrov_a, lavrov_b) = (
        char_range(&a, "He met Russia"),
        char_range(&b, "Mr Johnson met"),
    );
    assert!(visible(h.state(), 0, lavrov_a.start) && visible(h.state(), 1, lavrov_b.start));
    assert!(h.state().session().reader.top_char(1).unwrap() < top_b);
    for _ in 0..16 {
        h.key_press(Key::ArrowUp);
    }
    // Back on the sport line: Enter on an omission does nothing; ↑ and Enter accept the differing pair.
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.state()
            .session()
            .workspace
            .as_ref()
            .unwrap()
            .notebook()
            .links()
            .is_empty()
    );
    h.key_press(Key::ArrowUp);
    h.run();
    assert!(visible(h.state(), 0, in_a.start) && visible(h.state(), 1, in_b.start));
    h.key_press(Key::Enter);
    h.run();
    let ws = h.state().session().workspace.as_ref().unwrap();
    let links = ws.notebook().links();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].relation, gloss::link::Relation::Contradicts);
    let ends = ws.link_ends(&links[0]);
    let sentence = char_range(
        &a,
        "Yucaipa owned Dominick's before selling the chain to Safeway in 1998 for $2.5 billion.",
    );
    assert_eq!(ends[0].as_ref().unwrap().1, sentence);
    h.get_by_label("Linked");
    h.get_by_label_contains("Linked as contradicting");

    // In the order of b, b's title leads (a's lines before its first pair stand before that
    // pair's row): ↓ from no selection goes to it, so pane b goes back to the top and pane a
    // stays.
    h.get_all_by_label("BBC report")
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::RadioButton)
        .expect("the order toggle")
        .click();
    h.run();
    let before_a = h.state().session().reader.top_char(0).unwrap();
    assert!(h.state().session().reader.top_char(1).unwrap() > 0);
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(h.state().session().reader.top_char(1), Some(0));
    assert_eq!(h.state().session().reader.top_char(0), Some(before_a));
    // Escape closes the window.
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label_contains("only left").is_none());
}
