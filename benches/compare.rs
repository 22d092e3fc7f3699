//! How long finding corresponding passages takes (`cargo bench --bench compare`).
//!
//! - `compare_news_ms`: the two bundled news articles (median of 20 runs);
//! - `compare_book_ms`: two 1 MB generated texts (news vocabulary, so every word is common and
//!   some sentences repeat — a hard case for seeding), 40 passages of the first copied into the
//!   second; median of 3;
//! - `compare_cli_075mb_ms`: the whole `gloss compare --json` process on two 0.75 MB texts
//!   (start, read the corpus, compare, print); median of 3. Target ≤ 2,000 ms.

#[path = "support/anchoring_set.rs"]
mod anchoring_set;

use std::time::Instant;

use anchoring_set::{Rng, bundled_articles, long_text};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed().as_secs_f64() * 1e3)
}

/// `b` with `count` passages of `a` (20–60 words each) inserted at random places.
fn with_copies(a: &str, b: &str, count: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let a_words: Vec<&str> = a.split_whitespace().collect();
    let mut paragraphs: Vec<String> = b.split("\n\n").map(str::to_owned).collect();
    for _ in 0..count {
        let len = 20 + rng.below(41);
        let start = rng.below(a_words.len() - len);
        let at = rng.below(paragraphs.len());
        paragraphs.insert(at, a_words[start..start + len].join(" "));
    }
    paragraphs.join("\n\n")
}

fn main() {
    let news = bundled_articles();
    let runs: Vec<f64> = (0..20)
        .map(|_| timed(|| gloss::compare::compare(&news[0], &news[1])).1)
        .collect();
    let pairs = gloss::compare::compare(&news[0], &news[1]).len();
    println!("compare_news_ms: {:.2} ({pairs} pairs)", median(runs));

    let a = long_text(1_000_000, 11);
    let b = with_copies(&a, &long_text(1_000_000, 12), 40, 13);
    let mut found = 0;
    let runs: Vec<f64> = (0..3)
        .map(|_| {
            let (pairs, ms) = timed(|| gloss::compare::compare(&a, &b));
            found = pairs.len();
            ms
        })
        .collect();
    println!(
        "compare_book_ms: {:.0} ({} and {} bytes, {found} pairs)",
        median(runs),
        a.len(),
        b.len()
    );

    let dir = tempfile::tempdir().unwrap();
    let a = long_text(750_000, 21);
    let b = with_copies(&a, &long_text(750_000, 22), 30, 23);
    std::fs::write(dir.path().join("a.txt"), &a).unwrap();
    std::fs::write(dir.path().join("b.txt"), &b).unwrap();
    let runs: Vec<f64> = (0..3)
        .map(|_| {
            let (status, ms) = timed(|| {
                std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
                    .args(["compare", "--json", "--corpus"])
                    .arg(dir.path())
                    .args(["a.txt", "b.txt"])
                    .output()
                    .unwrap()
            });
            assert!(status.status.success());
            ms
        })
        .collect();
    println!("compare_cli_075mb_ms: {:.0} (target 2000)", median(runs));
}
