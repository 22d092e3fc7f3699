//! Find, search everywhere and the notes filter, timed. Prints one `name: value` line per
//! figure:
//!
//! - `find_keystroke_ms`: the whole frame in which one more character of a find query is
//!   typed, on a 2 MB article (the article folded once beforehand, on its worker);
//! - `find_scroll_frame_p50_ms` / `_p99_ms`: scrolling both panes with the find bar open and
//!   a query matching tens of thousands of times (all shaded on screen, ticks on the bar);
//! - `search_corpus_ms`: one query over a 20 MB corpus (ten 2 MB articles), as search
//!   everywhere runs it once the articles are folded; `search_corpus_cold_ms` includes folding
//!   them (the first query, and what `gloss search` does in one process);
//! - `filter_ms`: the notes panel filtered (text, colour and tag) over 10,000 annotations.

#[path = "support/anchoring_set.rs"]
mod anchoring_set;
#[path = "support/driver.rs"]
mod driver;

use std::time::Instant;

use anchoring_set::{Rng, long_text};
use driver::{Driver, percentile, wheel};
use eframe::egui::{self, Event, Modifiers, pos2};
use gloss::annotation::{Annotation, Color};
use gloss::corpus::Article;
use gloss::search::Options;

fn key(key: egui::Key, modifiers: Modifiers) -> Vec<Event> {
    [true, false]
        .map(|pressed| Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers,
        })
        .to_vec()
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("two");
    std::fs::create_dir_all(&dir).unwrap();
    // Two 2 MB articles and 10,000 highlights (a third with notes, tags on some).
    let mut rng = Rng::new(7);
    let mut all = Vec::new();
    let tags = ["cyber", "sanctions", "nato", "election", "diplomacy"];
    for (name, seed) in [("a.txt", 1), ("b.txt", 2)] {
        let text = long_text(2_000_000, seed);
        std::fs::write(dir.join(name), &text).unwrap();
        let article = Article::from_text(name, text, None);
        let chars = article.char_len();
        for i in 0..5_000 {
            let start = i * (chars / 5_000) + rng.below(50);
            let end = (start + 20 + rng.below(200)).min(chars);
            let mut a = Annotation::new(&article, start..end, Color::ALL[i % 6]);
            if i % 3 == 0 {
                a.note = format!("Note {i}: check the wording against the other report.");
            }
            if i % 4 == 0 {
                a.tags = vec![tags[i % 5].to_string()];
            }
            all.push(a);
        }
    }
    gloss::store::save(&dir.join("annotations.ron"), &all).unwrap();

    let (mut d, _) = Driver::open(&dir);
    d.settle();
    // Find: Ctrl+F on the left pane, then a query typed one character per frame.
    d.frame(vec![Event::PointerMoved(pos2(420.0, 420.0))]);
    d.frame(key(egui::Key::F, Modifiers::COMMAND));
    d.frame(Vec::new());
    // Wait for the fold (on its worker) with the first character typed.
    d.frame(vec![Event::Text("m".into())]);
    let started = Instant::now();
    while d
        .app
        .session()
        .reader
        .find
        .as_ref()
        .is_some_and(|f| f.pending)
        && started.elapsed().as_secs() < 30
    {
        d.frame(Vec::new());
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let mut keystrokes = Vec::new();
    for c in "inister".chars() {
        keystrokes.push(d.frame(vec![Event::Text(c.to_string())]));
    }
    keystrokes.sort_by(f64::total_cmp);
    let found = d
        .app
        .session()
        .reader
        .find
        .as_ref()
        .map_or(0, |f| f.matches.len());
    let query = d
        .app
        .session()
        .reader
        .find
        .as_ref()
        .map(|f| f.query.clone())
        .unwrap_or_default();
    println!(
        "find_keystroke_ms: {:.2} (p99 {:.2}; query {query:?}, {found} matches in a 2 MB article)",
        percentile(&keystrokes, 0.5),
        percentile(&keystrokes, 0.99)
    );
    // Many matches: "the".
    for _ in 0.."minister".len() {
        d.frame(key(egui::Key::Backspace, Modifiers::NONE));
    }
    d.frame(vec![Event::Text("the".into())]);
    d.settle();
    let many = d
        .app
        .session()
        .reader
        .find
        .as_ref()
        .map_or(0, |f| f.matches.len());
    let query = d
        .app
        .session()
        .reader
        .find
        .as_ref()
        .map(|f| f.query.clone())
        .unwrap_or_default();
    let panes = [pos2(420.0, 420.0), pos2(800.0, 420.0)];
    let mut times = Vec::new();
    for i in 0..2_000 {
        times.push(d.frame(wheel(panes[i % 2], -500.0)));
    }
    times.sort_by(f64::total_cmp);
    println!(
        "find_scroll_frame_p50_ms: {:.2} (find bar open, {many} matches of {query:?})",
        percentile(&times, 0.5)
    );
    println!("find_scroll_frame_p99_ms: {:.2}", percentile(&times, 0.99));

    // Filter: text + colour + tag over 10,000 annotations, alternating with no filter.
    let mut filter = gloss::filter::Filter {
        text: "wording".into(),
        ..Default::default()
    };
    filter.colors.insert(Color::Yellow);
    filter.tags.insert("cyber".into());
    let ws = d.app.session().workspace.as_ref().unwrap();
    let on_screen = ["a.txt", "b.txt"];
    let mut derived = gloss::ui::derived::Derived::default();
    derived.refresh(ws, &on_screen, &Default::default());
    // The first filter folds every annotation's text once (kept for the next ones).
    let started = Instant::now();
    derived.refresh(ws, &on_screen, &filter);
    let first_ms = started.elapsed().as_secs_f64() * 1e3;
    // Then what each keystroke in the filter field costs.
    let mut filters = Vec::new();
    let words = [
        "w", "wo", "wor", "word", "wordi", "wordin", "wording", "wordin", "c", "ch", "che", "chec",
        "check",
    ];
    for (i, text) in words.iter().enumerate() {
        let mut f = filter.clone();
        f.text = text.to_string();
        if i % 3 == 0 {
            f.colors.clear();
        }
        let started = Instant::now();
        derived.refresh(ws, &on_screen, &f);
        filters.push(started.elapsed().as_secs_f64() * 1e3);
    }
    filters.sort_by(f64::total_cmp);
    let (kept, total) = derived.kept();
    println!(
        "filter_ms: {:.2} (p99 {:.2}; a keystroke in the filter over {total} annotations, last kept {kept})",
        percentile(&filters, 0.5),
        percentile(&filters, 0.99)
    );
    println!(
        "filter_first_ms: {first_ms:.1} (the first filter: every annotation's text folded once)"
    );
    d.app.set_filter(filter.clone());
    d.frame(Vec::new());
    d.frame(Vec::new());
    let (_, (kept, total)) = d.app.notes_rows();
    println!("filter_in_app: {kept} of {total} kept");

    // Search everywhere over 20 MB: ten 2 MB articles.
    let texts: Vec<(String, String)> = (0..10)
        .map(|i| (format!("{i:02}.txt"), long_text(2_000_000, 100 + i)))
        .collect();
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let started = Instant::now();
    let (_, cold) = gloss::search::corpus_search::search_texts(
        &refs,
        "foreign minister",
        Options::default(),
        gloss::search::Keep::default(),
    );
    let cold_ms = started.elapsed().as_secs_f64() * 1e3;
    let folded: Vec<gloss::search::Folded> = texts
        .iter()
        .map(|(_, t)| gloss::search::fold(t, false))
        .collect();
    let mut warm = Vec::new();
    let mut hits = 0;
    for _ in 0..10 {
        let q = gloss::search::fold_query("foreign minister", false);
        let started = Instant::now();
        hits = texts
            .iter()
            .zip(&folded)
            .map(|((n, t), f)| {
                let keep = gloss::search::corpus_search::HITS_PER_ARTICLE;
                gloss::search::corpus_search::hits_in(n, t, f, &q, false, keep).1
            })
            .sum::<usize>();
        warm.push(started.elapsed().as_secs_f64() * 1e3);
    }
    warm.sort_by(f64::total_cmp);
    println!(
        "search_corpus_ms: {:.1} ({} MB, {hits} matches, articles folded)",
        percentile(&warm, 0.5),
        texts.iter().map(|(_, t)| t.len()).sum::<usize>() / 1_000_000
    );
    println!(
        "search_corpus_cold_ms: {cold_ms:.0} (folding included, {} matches)",
        cold
    );
}
