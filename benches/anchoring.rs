//! Re-anchoring benchmark: 1,000 annotations made on a 2 MB text, re-anchored after the
//! text was edited (insertions and deletions throughout, typos inside some passages, some
//! passages deleted), including a one-word quote that occurs tens of thousands of times —
//! by their selectors alone, and through the diff with the original text kept
//! (`reanchor_diff_ms`, and the kept version's size against the text's).
//!
//! Run: `cargo bench --bench anchoring`. Prints one `name: value` line per figure.

#[path = "support/anchoring_set.rs"]
mod anchoring_set;

use std::time::Instant;

use anchoring_set::{Rng, long_text};
use gloss::anchor::{Anchor, NormCache, locate};
use gloss::annotation::{Annotation, Color};
use gloss::corpus::Article;

fn main() {
    let original = long_text(2_000_000, 11);
    let chars: Vec<char> = original.chars().collect();
    let article = Article::from_text("book.txt", original.clone(), None);
    let mut rng = Rng::new(5);

    // 1,000 passages: whole words, 1 to 30 of them; the first is the word "the".
    let mut annotations = Vec::new();
    // Near the end, so that edits before it move it.
    let the_at = original
        .rfind(" the ")
        .map(|b| original[..b].chars().count() + 1)
        .unwrap();
    annotations.push(Annotation::new(&article, the_at..the_at + 3, Color::Yellow));
    while annotations.len() < 1_000 {
        let mut start = rng.below(chars.len() - 200);
        while start > 0 && !chars[start - 1].is_whitespace() {
            start -= 1;
        }
        let words = 1 + rng.below(30);
        let mut end = start;
        for _ in 0..words {
            while end < chars.len() && chars[end].is_whitespace() {
                end += 1;
            }
            while end < chars.len() && !chars[end].is_whitespace() {
                end += 1;
            }
        }
        annotations.push(Annotation::new(&article, start..end, Color::Yellow));
    }

    // Edit the text: 400 insertions/deletions anywhere, a typo inside 3% of the passages and
    // 2% of the passages deleted.
    let mut text = chars.clone();
    let mut edits: Vec<(usize, usize, String)> = Vec::new(); // (at, delete, insert)
    for _ in 0..400 {
        let at = rng.below(text.len());
        if rng.chance(50) {
            edits.push((at, 0, " Inserted words from an editor's correction.".into()));
        } else {
            edits.push((at, 1 + rng.below(80), String::new()));
        }
    }
    for a in &annotations[1..] {
        if rng.chance(3) && a.range().len() > 12 {
            let i = a.range().start + a.range().len() / 2;
            edits.push((i, 1, "x".into()));
        } else if rng.chance(2) {
            edits.push((a.range().start, a.range().len(), String::new()));
        }
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0)); // apply from the end: offsets stay valid
    for (at, delete, insert) in edits {
        let end = (at + delete).min(text.len());
        text.splice(at..end, insert.chars());
    }
    let edited_text: String = text.iter().collect();

    let started = Instant::now();
    let edited = Article::from_text("book.txt", edited_text, None);
    let load_ms = started.elapsed().as_secs_f64() * 1e3;

    let mut cache = NormCache::default();
    let started = Instant::now();
    let anchors: Vec<Anchor> = annotations
        .iter()
        .map(|a| locate(&edited, a, &mut cache))
        .collect();
    let reanchor_ms = started.elapsed().as_secs_f64() * 1e3;

    let the_started = Instant::now();
    let the = locate(&edited, &annotations[0], &mut cache);
    let the_ms = the_started.elapsed().as_secs_f64() * 1e3;
    let the_count = edited.text.matches(" the ").count();
    // The same word with its context garbled: no shortcut, every occurrence is weighed.
    let garbled = gloss::anchor::Selectors {
        prefix: "qqqq zzzz wwww xxxx yyyy vvvv ",
        suffix: " kkkk jjjj hhhh gggg ffff dddd",
        ..gloss::anchor::Selectors::of(&annotations[0])
    };
    let full_started = Instant::now();
    let full = gloss::anchor::locate_selectors(&edited, &garbled, &mut cache);
    let full_ms = full_started.elapsed().as_secs_f64() * 1e3;

    // With the original kept, as gloss keeps it: the same annotations carried through the
    // diff of the two texts (the diff taken once, included in the time).
    let corpus = tempfile::tempdir().unwrap();
    let store = gloss::versions::VersionStore::of_corpus(corpus.path());
    if let Ok(path) = std::env::var("GLOSS_BENCH_DUMP") {
        std::fs::write(path, &original).unwrap();
    }
    // A corpus for timing whole processes (`gloss export`, `gloss import`): the edited text
    // and the 1,000 annotations made on the original, in its notes file.
    if let Ok(dir) = std::env::var("GLOSS_BENCH_CORPUS") {
        let dir = std::path::Path::new(&dir);
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("book.txt"), &*edited.text).unwrap();
        let notes = gloss::notes::Notes {
            annotations: annotations.clone(),
            ..Default::default()
        };
        std::fs::write(
            dir.join("annotations.ron"),
            gloss::store::serialise_notes(&notes),
        )
        .unwrap();
    }
    let keep_started = Instant::now();
    store.keep("book.txt", &original).unwrap();
    let keep_ms = keep_started.elapsed().as_secs_f64() * 1e3;
    let mut diff_times = Vec::new();
    let mut carried = Vec::new();
    for _ in 0..3 {
        let mut cache = NormCache::for_corpus(corpus.path());
        let started = Instant::now();
        carried = annotations
            .iter()
            .map(|a| locate(&edited, a, &mut cache))
            .collect::<Vec<Anchor>>();
        diff_times.push(started.elapsed().as_secs_f64() * 1e3);
    }
    diff_times.sort_by(f64::total_cmp);
    let kept_bytes = store.versions_of("book.txt")[0].bytes;

    let count = |kind: &str| anchors.iter().filter(|a| a.kind() == kind).count();
    let count_carried = |kind: &str| carried.iter().filter(|a| a.kind() == kind).count();
    println!("text_bytes: {}", edited.text.len());
    println!("annotations: {}", annotations.len());
    println!("article_load_ms: {load_ms:.1}");
    println!("reanchor_1000_ms: {reanchor_ms:.1}");
    println!(
        "reanchor_per_annotation_us: {:.0}",
        reanchor_ms * 1e3 / annotations.len() as f64
    );
    println!("one_word_quote_occurrences: {the_count}");
    println!("one_word_quote_ms: {the_ms:.1} ({})", the.kind());
    println!(
        "one_word_quote_garbled_context_ms: {full_ms:.1} ({})",
        full.kind()
    );
    println!(
        "states: exact {} moved {} approximate {} orphan {}",
        count("exact"),
        count("moved"),
        count("approximate"),
        count("orphan")
    );
    println!("reanchor_diff_ms: {:.1}", diff_times[1]);
    println!("version_keep_ms: {keep_ms:.1}");
    println!(
        "version_size_ratio: {:.3} ({kept_bytes} bytes kept for {} bytes of text)",
        kept_bytes as f64 / original.len() as f64,
        original.len()
    );
    println!(
        "states_with_version: exact {} moved {} approximate {} orphan {}",
        count_carried("exact"),
        count_carried("moved"),
        count_carried("approximate"),
        count_carried("orphan")
    );
}
