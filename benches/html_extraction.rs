//! How well saved web pages are extracted, against Firefox's Reader View: for each page of a
//! labelled set (a folder per page holding `source.html`, `expected.html` — what Mozilla's
//! readability.js extracts — and `expected-metadata.json`, the layout of readability's own test
//! pages), the word overlap of gloss's displayed text with Reader View's (precision, recall)
//! and whether the title and byline agree. Prints one line per page and the means.
//!
//! The set is `tests/fixtures/pages` (a few news pages from readability's tests), or the
//! folder named by `GLOSS_PAGES` (e.g. a checkout of readability's `test/test-pages`, 130
//! pages).

use std::path::PathBuf;

fn text_of_html(html: &str) -> String {
    dom_query::Document::from(html).root().text().to_string()
}

fn same(a: Option<&str>, b: Option<&str>) -> bool {
    let norm = |s: Option<&str>| {
        s.map(|s| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
        .filter(|s| !s.is_empty())
    };
    norm(a) == norm(b)
}

fn main() {
    let root = std::env::var_os("GLOSS_PAGES")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages"));
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").exists() && p.join("expected.html").exists())
        .collect();
    pages.sort();
    let (mut sum_p, mut sum_r, mut titles, mut bylines, mut bylines_known) = (0.0, 0.0, 0, 0, 0);
    let mut below = 0;
    let mut ms = Vec::new();
    for page in &pages {
        let name = page.file_name().unwrap().to_string_lossy();
        let source = std::fs::read_to_string(page.join("source.html")).unwrap_or_default();
        let expected = text_of_html(&std::fs::read_to_string(page.join("expected.html")).unwrap());
        let meta: serde_json::Value = std::fs::read_to_string(page.join("expected-metadata.json"))
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default();
        let started = std::time::Instant::now();
        let doc = gloss::document::html::extract(&source);
        ms.push(started.elapsed().as_secs_f64() * 1e3);
        let (p, r) = gloss::document::word_overlap(&doc.text, &expected);
        sum_p += p;
        sum_r += r;
        let title_ok = same(doc.meta.title.as_deref(), meta["title"].as_str());
        titles += title_ok as usize;
        let byline = meta["byline"].as_str();
        if byline.is_some() {
            bylines_known += 1;
            bylines += same(doc.meta.byline.as_deref(), byline) as usize;
        }
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        below += (f1 < 0.9) as usize;
        println!(
            "{name:32} precision {p:.3} recall {r:.3} F1 {f1:.3} title {} {}",
            if title_ok { "same" } else { "DIFF" },
            if doc.warning.is_some() {
                "(no article found)"
            } else {
                ""
            }
        );
    }
    let n = pages.len().max(1) as f64;
    ms.sort_by(f64::total_cmp);
    println!("pages: {}", pages.len());
    println!("word_precision_mean: {:.3}", sum_p / n);
    println!("word_recall_mean: {:.3}", sum_r / n);
    println!("pages_f1_below_0.9: {below}");
    println!("titles_same: {titles}/{}", pages.len());
    println!("bylines_same: {bylines}/{bylines_known}");
    if let Some(median) = ms.get(ms.len() / 2) {
        println!("extract_ms_median: {median:.1}");
    }
}
