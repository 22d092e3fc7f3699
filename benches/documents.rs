//! Opening rendered articles: `open_ms` for a 2 MB Markdown article and a 2 MB saved web page
//! (the corpus read, the document built — parsed, extracted, laid into blocks — its
//! paragraphs and hash; target ≤ 300 ms), and `gloss text`'s view of both.

#[path = "support/anchoring_set.rs"]
mod anchoring_set;

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
        let mut times = Vec::new();
        let mut chars = 0;
        for _ in 0..5 {
            let started = Instant::now();
            let ws = gloss::workspace::Workspace::open_read_only(dir.path()).unwrap();
            times.push(started.elapsed().as_secs_f64() * 1e3);
            chars = ws.corpus.articles[0].char_len();
        }
        times.sort_by(f64::total_cmp);
        let label = name.replace('.', "_");
        println!(
            "open_ms_{label}: {:.0} ({:.1} MB file, {chars} chars shown)",
            times[times.len() / 2],
            body.len() as f64 / 1e6
        );
    }
}
