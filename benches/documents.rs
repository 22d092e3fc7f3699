//! Opening rendered articles: `open_ms` for a 2 MB Markdown article and a 2 MB saved web page
//! (the corpus read, the document built — parsed, extracted, laid into blocks — its
//! paragraphs and hash; target ≤ 300 ms), and `gloss text`'s view of both. Books and papers:
//! a generated 500-page PDF and EPUBs of 0.6 MB (Moby-Dick, the fixture) and ~1 MB, opened in
//! process and as a whole `gloss text` process (start to text printed; target ≤ 2 s for the
//! PDF), with that process's peak resident memory.

#[path = "support/anchoring_set.rs"]
mod anchoring_set;
#[path = "support/paper.rs"]
mod paper;

use std::time::Instant;

use anchoring_set::long_text;

fn main() {
    let prose = long_text(2_000_000, 5);
    let paragraphs: Vec<&str> = prose
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut md = String::new();
    let mut html = String::from(
        "<html><head><title>A long page</title><meta property=\"og:site_name\" content=\"Bench\"></head><body><article>",
    );
    for (i, p) in paragraphs.iter().enumerate() {
        if i % 20 == 0 {
            md.push_str(&format!("## Part {i}\n\n"));
            html.push_str(&format!("<h2>Part {i}</h2>"));
        }
        if i % 7 == 0 {
            let start: String = p.chars().take(60).collect();
            md.push_str(&format!("- *{start}*\n- **item**\n\n"));
            html.push_str(&format!(
                "<ul><li><em>{start}</em></li><li><b>item</b></li></ul>"
            ));
        }
        md.push_str(p);
        md.push_str("\n\n");
        html.push_str(&format!("<p>{p} <a href=\"/x{i}\">link</a></p>"));
    }
    html.push_str("</article></body></html>");
    for (name, body) in [("long.md", md), ("long.html", html)] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), &body).unwrap();
        let (ms, chars) = open_median_ms(dir.path(), 5);
        let label = name.replace('.', "_");
        println!(
            "open_ms_{label}: {ms:.0} ({:.1} MB file, {chars} chars shown)",
            body.len() as f64 / 1e6
        );
    }
    books_and_papers(&prose);
}

/// Opens each book or paper in process (median of 3) and as a whole `gloss text` process
/// (median of 3), and reports the process's peak memory.
fn books_and_papers(prose: &str) {
    let words: Vec<&str> = prose.split_whitespace().take(20_000).collect();
    let pdf = paper::pdf_book(500, &words);
    let moby = std::fs::read("tests/fixtures/documents/moby-dick.epub").unwrap();
    let chapters: Vec<(String, String)> = prose
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .chunks(40)
        .take(60)
        .enumerate()
        .map(|(i, ps)| {
            let body: String = ps.iter().map(|p| format!("<p>{p}</p>")).collect();
            (format!("Chapter {}", i + 1), body)
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = chapters
        .iter()
        .map(|(t, b)| (t.as_str(), b.as_str()))
        .collect();
    let generated = paper::epub("A Long Book", "A. Writer", &borrowed, &[]);
    for (name, body) in [
        ("book-500-pages.pdf", pdf),
        ("moby-dick.epub", moby),
        ("long.epub", generated),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), &body).unwrap();
        let (ms, chars) = open_median_ms(dir.path(), 3);
        let label = name.replace(['.', '-'], "_");
        println!(
            "open_ms_{label}: {ms:.0} ({:.2} MB file, {chars} chars shown)",
            body.len() as f64 / 1e6
        );
        let mut whole = Vec::new();
        for _ in 0..3 {
            let started = Instant::now();
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
                .args(["text", "--corpus"])
                .arg(dir.path())
                .arg(name)
                .stdout(std::process::Stdio::null())
                .status()
                .unwrap();
            assert!(out.success());
            whole.push(started.elapsed().as_secs_f64() * 1e3);
        }
        whole.sort_by(f64::total_cmp);
        println!(
            "text_process_ms_{label}: {:.0} (whole `gloss text` process, peak RSS of the \
             largest child so far {:.0} MB)",
            whole[1],
            peak_child_rss_mb()
        );
    }
}

/// Opens the one-article corpus in `dir` `runs` times: the median time (ms) and the chars of
/// the article shown.
fn open_median_ms(dir: &std::path::Path, runs: usize) -> (f64, usize) {
    let mut times = Vec::new();
    let mut chars = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let ws = gloss::workspace::Workspace::open_read_only(dir).unwrap();
        times.push(started.elapsed().as_secs_f64() * 1e3);
        chars = ws.corpus.articles.first().map_or(0, |a| a.char_len());
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], chars)
}

/// The largest peak resident set of the children this process has waited for.
fn peak_child_rss_mb() -> f64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr());
        usage.assume_init()
    };
    usage.ru_maxrss as f64 / 1024.0
}
