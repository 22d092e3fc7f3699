//! Highlights when the article changes under the reader: followed, marked "text changed",
//! or listed as Unanchored and re-attached by hand.

use std::ops::Range;
use std::path::Path;

use eframe::egui::{Key, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gloss::ui::dialogs::ScriptedDialogs;
use gloss::ui::{AppOptions, GlossApp};

const SKY: &str = "000_085c7264399e0b47.txt";
const BBC: &str = "003_b993387af2baf757.txt";

fn corpus_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in [SKY, BBC] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(name);
        std::fs::copy(from, dir.path().join(name)).unwrap();
    }
    dir
}

fn open(dir: &Path) -> Harness<'static, GlossApp> {
    let dir = dir.to_path_buf();
    let mut h = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            GlossApp::new(
                cc,
                AppOptions {
                    corpus_dir: dir,
                    dialogs: Box::new(ScriptedDialogs::default()),
                },
            )
        });
    h.run();
    h
}

fn find(text: &str, phrase: &str) -> Range<usize> {
    let byte = text.find(phrase).unwrap();
    let start = text[..byte].chars().count();
    start..start + phrase.chars().count()
}

fn select_and_highlight(h: &mut Harness<'_, GlossApp>, pane: usize, range: Range<usize>) {
    let from = h.state().char_screen_pos(pane, range.start).unwrap();
    let to = h.state().char_screen_pos(pane, range.end).unwrap();
    h.hover_at(from);
    h.drag_at(from);
    h.run();
    h.hover_at(to);
    h.drop_at(to);
    h.run();
    h.key_press(Key::H);
    h.run();
}

#[test]
fn highlights_follow_edits_and_lost_ones_can_be_reattached() {
    let dir = corpus_copy();
    let sky = std::fs::read_to_string(dir.path().join(SKY)).unwrap();
    let mut h = open(dir.path());
    let moved = "Gavin Williamson, met with his Russian counterpart";
    let typo = "swift and unequivocal response";
    let doomed = "over dinner at the UN";
    for phrase in [moved, typo, doomed] {
        select_and_highlight(&mut h, 0, find(&sky, phrase));
    }
    assert_eq!(
        h.state()
            .workspace()
            .unwrap()
            .notebook()
            .annotations()
            .len(),
        3
    );
    h.run_steps(6);

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
    h.run_steps(12); // the folder is checked every two seconds

    let drawn = h.state().drawn_highlights(0);
    assert!(drawn.contains(&find(&edited, moved)), "{drawn:?}");
    assert!(
        drawn.contains(&find(&edited, "swift and unequivocal reponse")),
        "{drawn:?}"
    );
    h.get_by_label_contains("Articles changed on disk");
    h.get_by_label("text changed");
    h.get_by_label("Unanchored");

    // The reader picks the lost note in the list, selects where its words now are, and
    // re-attaches it.
    h.key_press(Key::Escape); // nothing selected: only the list shows the quote
    h.run();
    h.get_by_label_contains(doomed).click();
    h.run();
    let target = find(&edited, "his Russian counterpart Vyacheslav Kozhin");
    let from = h.state().char_screen_pos(0, target.start).unwrap();
    let to = h.state().char_screen_pos(0, target.end).unwrap();
    h.hover_at(from);
    h.drag_at(from);
    h.run();
    h.hover_at(to);
    h.drop_at(to);
    h.run();
    h.get_by_label("Attach to selection").click();
    h.run();
    assert!(h.query_by_label("Unanchored").is_none());
    assert!(h.state().drawn_highlights(0).contains(&target));
    h.run_steps(6);
    let saved = gloss::store::load(&dir.path().join("annotations.ron")).unwrap();
    let reattached = saved
        .iter()
        .find(|a| a.quote.exact == "his Russian counterpart Vyacheslav Kozhin")
        .unwrap();
    assert_eq!(reattached.original_quote.as_deref(), Some(doomed));
}
