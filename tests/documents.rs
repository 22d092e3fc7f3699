//! Articles as people keep them: a Markdown clipping and a saved web page read as documents —
//! the text counted is the displayed text, so a selection in the window, a highlight, search
//! and `gloss text` all agree on positions.

mod common;

use common::{char_range, drag_select, open_app};
use eframe::egui::{self, Key};
use egui_kittest::kittest::Queryable;

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
    assert_eq!(h.state().session().reader.article_in(0), Some("clip.md"));
    let range = char_range(&shown, "Tuesday, with code and a link");
    drag_select(&mut h, 0, range.clone());
    h.key_press(Key::H);
    h.run();
    let ws = h.state().session().workspace.as_ref().unwrap();
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

/// Every piece of text the last frame painted: its text, where, and its first font size.
fn painted_text(
    h: &egui_kittest::Harness<'_, gloss::ui::GlossApp>,
) -> Vec<(String, egui::Pos2, f32)> {
    fn walk(shape: &egui::Shape, out: &mut Vec<(String, egui::Pos2, f32)>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            egui::Shape::Text(t) => {
                let size = t
                    .galley
                    .job
                    .sections
                    .iter()
                    .map(|s| s.format.font_id.size)
                    .fold(0.0, f32::max);
                out.push((t.galley.job.text.clone(), t.pos, size));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

fn heading_and_lists_are_drawn_as_such(file: &str, content: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(file), content).unwrap();
    let h = open_app(dir.path());
    assert_eq!(h.state().session().reader.article_in(0), Some(file));
    // What was painted on the pane's text (not the library's or the header's titles).
    let pane = h.state().pane_text_rect(0).unwrap();
    let painted: Vec<_> = painted_text(&h)
        .into_iter()
        .filter(|(_, pos, _)| pane.contains(*pos))
        .collect();
    let find = |needle: &str| {
        painted
            .iter()
            .find(|(t, _, _)| t.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} not drawn: {painted:?}"))
            .clone()
    };
    let (_, _, heading) = find("Talks in Geneva");
    let (_, _, body) = find("The ministers met");
    assert!(
        heading >= body * 1.3,
        "the heading is drawn larger: {heading} vs {body}"
    );
    // Each item of the bullet list has a bullet drawn left of it, level with its first line;
    // the numbered list has its numbers.
    for (item, marker) in [
        ("Sanctions stay", "•"),
        ("Cyber attacks", "•"),
        ("First the talks", "1."),
        ("Then a statement", "2."),
    ] {
        let ws = h.state().session().workspace.as_ref().unwrap();
        let text = &ws.corpus.article(file).unwrap().text;
        let start = char_range(text, item).start;
        let at = h.state().char_screen_pos(0, start).expect("item on screen");
        let drawn = painted.iter().any(|(t, pos, _)| {
            t == marker && pos.x < at.x && (pos.y - at.y).abs() < 20.0 && at.x - pos.x < 60.0
        });
        assert!(drawn, "{marker:?} left of {item:?} at {at:?}");
    }
}

#[test]
fn a_markdown_heading_and_lists_are_drawn_as_such() {
    heading_and_lists_are_drawn_as_such(
        "talks.md",
        "# Talks in Geneva\n\nThe ministers met on Tuesday.\n\n- Sanctions stay\n- Cyber attacks\n\n\
         1. First the talks\n2. Then a statement\n",
    );
}

#[test]
fn a_web_page_heading_and_lists_are_drawn_as_such() {
    heading_and_lists_are_drawn_as_such(
        "talks.html",
        "<html><head><title>Talks in Geneva</title></head><body><article>\
         <h1>Talks in Geneva</h1><p>The ministers met on Tuesday, and talked for a long time \
         about what each side wanted from the other, which was not much.</p>\
         <ul><li>Sanctions stay</li><li>Cyber attacks</li></ul>\
         <ol><li>First the talks</li><li>Then a statement</li></ol></article></body></html>",
    );
}

#[test]
fn a_click_on_a_link_shows_where_it_goes_and_opens_it_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("clip.md"),
        "# Links\n\nRead [the full report](https://example.org/report) or \
         [the notes below](#notes) before the meeting.\n",
    )
    .unwrap();
    let mut h = open_app(dir.path());
    let text = h
        .state()
        .session()
        .workspace
        .as_ref()
        .unwrap()
        .corpus
        .article("clip.md")
        .unwrap()
        .text
        .to_string();
    let opened = |h: &egui_kittest::Harness<'_, gloss::ui::GlossApp>| {
        h.output()
            .platform_output
            .commands
            .iter()
            .any(|c| matches!(c, egui::OutputCommand::OpenUrl(u) if u.url == "https://example.org/report"))
    };
    let middle = |h: &egui_kittest::Harness<'_, gloss::ui::GlossApp>, phrase: &str| {
        let r = char_range(&text, phrase);
        h.state().char_screen_pos(0, r.start + 3).unwrap() + egui::vec2(2.0, 0.0)
    };

    // Hovering shows the target.
    let at = middle(&h, "the full report");
    h.hover_at(at);
    h.run();
    assert!(h.query_by_label("https://example.org/report").is_some());

    // A click asks first; nothing opens.
    common::click_at(&h, at);
    h.run();
    assert!(h.query_by_label("Open this link?").is_some());
    assert!(!opened(&h));
    // Cancel: nothing opened, the prompt gone.
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Open this link?").is_none());

    // Asked again and answered yes: the browser is asked to open exactly that address.
    common::click_at(&h, at);
    h.run();
    h.get_by_label("Open in browser").click();
    let mut asked = false;
    for _ in 0..3 {
        h.step();
        asked |= opened(&h);
    }
    assert!(asked, "the link was handed to the browser");

    // An in-page anchor cannot be opened: the prompt says why and offers no Open button.
    common::click_at(&h, middle(&h, "the notes below"));
    h.run();
    assert!(h.query_by_label("Open this link?").is_some());
    assert!(h.query_by_label("Open in browser").is_none());
    assert!(h.query_by_label_contains("same page").is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Open this link?").is_none());
    // A click on a link selects nothing.
    assert!(
        h.state()
            .session()
            .workspace
            .as_ref()
            .unwrap()
            .notebook()
            .annotations()
            .is_empty()
    );
}

#[test]
fn a_web_page_says_where_it_comes_from_in_the_pane_header_and_the_library() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("page.html"),
        "<html><head><title>Talks in Geneva | The Example Times</title>\
         <meta property=\"og:site_name\" content=\"The Example Times\">\
         <meta name=\"author\" content=\"Jane Doe\">\
         <meta property=\"article:published_time\" content=\"2024-03-12T10:04:00Z\">\
         </head><body><article><h1>Talks in Geneva</h1>\
         <p>The ministers met on Tuesday, and talked for a long time about what each side \
         wanted from the other, which in the end was not very much at all.</p>\
         <p>Officials said a second round would follow in the spring, in Vienna.</p>\
         </article></body></html>",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("plain.txt"),
        "A plain note\n\nNothing about it.\n",
    )
    .unwrap();
    let h = open_app(dir.path());
    let shown: Vec<Option<&str>> = (0..2)
        .map(|p| h.state().session().reader.article_in(p))
        .collect();
    assert!(shown.contains(&Some("page.html")), "{shown:?}");
    let source = "The Example Times · Jane Doe · 12 Mar 2024";
    // Under the pane's header.
    assert!(h.query_by_label(source).is_some());
    // And in the library, with the file name.
    assert!(
        h.query_by_label(&format!("{source} · page.html")).is_some(),
        "the library's line"
    );
}

/// A news page as a browser saves it: `{furniture}` is the site's navigation and extras,
/// `{b}` / `{eb}` its bold tags, `{apos}` its apostrophe.
fn news_page(furniture: &str, b: &str, eb: &str, apos: &str, wrap: &str) -> String {
    let paragraphs = [
        format!(
            "The foreign secretary arrived in Moscow on Tuesday for the first visit by a \
             British minister in five years, saying the talks would be {b}frank{eb} and \
             that Britain{apos}s concerns about cyber attacks would be raised directly."
        ),
        "Officials on both sides played down hopes of a breakthrough. One diplomat said the \
         relationship was at its lowest point since the end of the Cold War, and that a \
         meeting was at least a start."
            .to_owned(),
        format!(
            "The Kremlin said it was ready to listen. Its spokesman told reporters that \
             Russia{apos}s position on Syria had not changed, and that sanctions were a \
             mistake the West would come to regret."
        ),
        "A second round of talks is expected in the spring, though no date has been set, \
         and both ministers are to speak to the press on Wednesday morning."
            .to_owned(),
    ];
    let body: String = paragraphs
        .iter()
        .map(|p| {
            format!(
                "<p{wrap}>{}</p>\n",
                p.replace(
                    ". ",
                    &format!(".{}", if wrap.is_empty() { " " } else { "\n      " })
                )
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html><head><title>Minister in Moscow | The Example Times</title>\
         <meta property=\"og:site_name\" content=\"The Example Times\"></head><body>\
         {furniture}<main><article><h1>Minister in Moscow for first talks in five years</h1>\
         <div class=\"story-body\">{body}</div></article></main></body></html>"
    )
}

#[test]
fn a_page_re_saved_with_different_markup_keeps_its_highlights_exactly() {
    use gloss::annotation::{Annotation, Color};
    use gloss::notebook::Command;
    use gloss::workspace::Workspace;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("moscow.html");
    let first = news_page(
        "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>",
        "<strong>",
        "</strong>",
        "’",
        "",
    );
    std::fs::write(&path, &first).unwrap();
    let quotes = [
        "talks would be frank and that Britain’s concerns",
        "lowest point since the end of the Cold War",
        "Russia’s position on Syria had not changed",
        "spring",
        "a mistake the West would come to regret.",
    ];
    {
        let mut ws = Workspace::open(dir.path()).unwrap();
        let article = ws.corpus.article("moscow.html").unwrap().clone();
        assert!(article.warning.is_none(), "{:?}", article.warning);
        for q in quotes {
            let a = Annotation::new(&article, char_range(&article.text, q), Color::Yellow);
            ws.apply(Command::create(a)).unwrap();
        }
        ws.save().unwrap();
    }

    // Saved again later: other site furniture (a cookie banner, a newsletter box, scripts),
    // <b> for <strong>, the apostrophe as an entity, the source lines broken differently.
    let second = news_page(
        "<div id=\"cookie-banner\">We use cookies. <button>Accept</button></div>\
         <script>window.track = 1;</script>\
         <header><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/uk\">UK</a></li>\
         </ul></nav></header>\
         <aside class=\"newsletter\">Sign up to our morning briefing</aside>",
        "<b class=\"x\">",
        "</b>",
        "&rsquo;",
        " class=\"para\"",
    );
    // And a photo with its caption now sits after the first paragraph: everything after it
    // moves.
    let second = second.replacen(
        "</p>\n",
        "</p>\n<figure><img src=\"a.jpg\" alt=\"The minister at the airport\">\
         <figcaption>The minister was met by officials at the airport.</figcaption></figure>\n",
        1,
    );
    assert_ne!(first, second);
    std::fs::write(&path, &second).unwrap();

    let ws = Workspace::open(dir.path()).unwrap();
    let article = ws.corpus.article("moscow.html").unwrap();
    assert!(!article.text.contains("cookies") && !article.text.contains("briefing"));
    assert!(article.text.contains("met by officials at the airport"));
    for a in ws.notebook().annotations() {
        let range = ws.range_of(&a.id).expect("anchored");
        assert_eq!(
            article.slice(range),
            a.quote.exact,
            "{:?}",
            ws.anchor_of(&a.id)
        );
        assert!(
            matches!(
                ws.anchor_of(&a.id),
                Some(gloss::anchor::Anchor::Exact(_) | gloss::anchor::Anchor::Moved(_))
            ),
            "{:?} for {:?}",
            ws.anchor_of(&a.id),
            a.quote.exact
        );
    }
    assert_eq!(ws.notebook().annotations().len(), quotes.len());
}

/// Real saved news pages against what Firefox's Reader View extracts from them
/// (`tests/fixtures/pages`): gloss must show the article's words — nearly all of them, and
/// little else — and the same title and byline.
#[test]
fn saved_news_pages_read_as_reader_view_reads_them() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    let mut checked = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let page = entry.unwrap().path();
        if !page.join("source.html").exists() {
            continue;
        }
        let name = page.file_name().unwrap().to_string_lossy().to_string();
        let source = std::fs::read_to_string(page.join("source.html")).unwrap();
        let expected = std::fs::read_to_string(page.join("expected.html")).unwrap();
        let expected = dom_query::Document::from(expected.as_str())
            .root()
            .text()
            .to_string();
        let meta: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(page.join("expected-metadata.json")).unwrap(),
        )
        .unwrap();
        let doc = gloss::document::html::extract(&source);
        assert!(doc.warning.is_none(), "{name}: {:?}", doc.warning);
        // The article opens with its headline, then its standfirst (where the article's own
        // opening does not already say it), as Reader View shows them.
        let title = meta["title"].as_str().unwrap();
        let first = &doc.blocks[0];
        let first_text: String = doc.text.chars().take(first.range.end).collect();
        assert_eq!(first.kind, gloss::document::BlockKind::Heading(1), "{name}");
        assert_eq!(first_text, title, "{name}");
        let excerpt = meta["excerpt"].as_str().unwrap_or_default();
        let excerpt_words: Vec<&str> = excerpt.split_whitespace().collect();
        let opening: Vec<&str> = doc.text.split_whitespace().take(120).collect();
        assert!(
            opening.windows(4).any(|w| excerpt_words.starts_with(w)),
            "{name}: the standfirst is in the article's opening: {excerpt:?}"
        );
        let bare = |s: &str| {
            s.chars()
                .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                .flat_map(char::to_lowercase)
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let standfirst = if bare(&expected).contains(&bare(excerpt)) {
            ""
        } else {
            excerpt
        };
        let expected = format!("{title}\n{standfirst}\n{expected}");
        let (precision, recall) = gloss::document::word_overlap(&doc.text, &expected);
        // Images show as their alt text, which Reader View's text leaves out: precision has
        // that much room.
        assert!(recall >= 0.97, "{name}: recall {recall:.3}");
        assert!(precision >= 0.9, "{name}: precision {precision:.3}");
        assert_eq!(doc.meta.title.as_deref(), meta["title"].as_str(), "{name}");
        if let Some(byline) = meta["byline"].as_str() {
            assert_eq!(doc.meta.byline.as_deref(), Some(byline.trim()), "{name}");
        }
        checked += 1;
    }
    assert!(checked >= 7, "only {checked} pages");
}
