//! Articles as people keep them: a Markdown clipping and a saved web page read as documents —
//! the text counted is the displayed text, so a selection in the window, a highlight, search
//! and `gloss text` all agree on positions.

mod common;

use common::{char_range, drag_select, open_app};
use eframe::egui::Key;

const CLIP: &str = "# A Markdown *clipping*\n\nSaved by a web clipper on **Tuesday**, with `code` \
                    and a [link](https://example.org/story).\n\n- The minister flew to Moscow.\n\
                    - Talks covered cyber attacks.\n";

#[test]
fn a_highlight_in_a_rendered_markdown_article_counts_displayed_chars() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("clip.md"), CLIP).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args([
            "text",
            "--corpus",
            dir.path().to_str().unwrap(),
            "clip.md",
            "--json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let shown = v["text"].as_str().unwrap().to_owned();
    assert_eq!(
        v["title"], "A Markdown clipping",
        "the first heading's text"
    );
    assert!(!shown.contains("**") && !shown.contains("](") && !shown.contains("# "));

    let mut h = open_app(dir.path());
    assert_eq!(h.state().pane_article(0), Some("clip.md"));
    let range = char_range(&shown, "Tuesday, with code and a link");
    drag_select(&mut h, 0, range.clone());
    h.key_press(Key::H);
    h.run();
    let ws = h.state().workspace().unwrap();
    let a = &ws.notebook().annotations()[0];
    assert_eq!(a.quote.exact, "Tuesday, with code and a link");
    assert_eq!(
        ws.range_of(&a.id),
        Some(range),
        "positions in the displayed text"
    );
    // The list items are their own paragraphs, without their markers.
    let article = ws.corpus.article("clip.md").unwrap();
    let lines: Vec<String> = article
        .paragraphs
        .iter()
        .map(|p| p.display_text(&article.text).trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    assert!(
        lines.contains(&"The minister flew to Moscow.".to_owned()),
        "{lines:?}"
    );
}
