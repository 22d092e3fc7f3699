//! What the notes-file size limit costs: opening notes files of growing size, and the size of
//! the file the largest notebook writes. Decides [`gloss::limits::MAX_NOTES_BYTES`].
//!
//! For 10,000 to 80,000 annotations (a third with a sentence of note, as in the frames
//! benchmark) on a 2 MB article it writes `annotations.ron`, then times a read-only open — read,
//! parse, index, anchor: what `gloss check`, `export` and the app do first — and reads this
//! process's peak RSS after it. Sizes go up, so each peak is that size's own (the peak never
//! comes down). Run: `cargo bench --bench limits`; prints one `name: value` line per figure.

#[path = "support/anchoring_set.rs"]
mod anchoring_set;

use std::time::Instant;

use anchoring_set::{Rng, long_text};
use gloss::annotation::{Annotation, Color};
use gloss::corpus::Article;

fn peak_rss_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?.to_owned();
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .map_or(0, |kb| kb / 1024)
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let text = long_text(2_000_000, 3);
    let article = Article::from_text("a.txt", text.clone(), None);
    let chars = article.char_len();
    println!("peak_rss_mb_before: {}", peak_rss_mb());
    for count in [10_000usize, 20_000, 30_000, 40_000, 80_000] {
        let dir = tmp.path().join(format!("n{count}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.txt"), &text).unwrap();
        let mut rng = Rng::new(count as u64);
        let list: Vec<Annotation> = (0..count)
            .map(|i| {
                let start = rng.below(chars - 400);
                let mut a = Annotation::new(
                    &article,
                    start..start + 10 + rng.below(300),
                    Color::ALL[i % 6],
                );
                if i % 3 == 0 {
                    a.note = format!("Note {i}: compare with the other report; check the wording.");
                }
                a
            })
            .collect();
        let text = gloss::store::serialise(&list);
        drop(list);
        let bytes = text.len();
        std::fs::write(dir.join("annotations.ron"), text).unwrap();
        let started = Instant::now();
        let ws = gloss::workspace::Workspace::open_read_only(&dir);
        let ms = started.elapsed().as_secs_f64() * 1e3;
        let loaded = match &ws {
            Ok(ws) if ws.load_error.is_none() => ws.notebook().annotations().len().to_string(),
            Ok(ws) => format!("refused ({})", ws.load_error.as_ref().unwrap()),
            Err(e) => format!("error {e}"),
        };
        drop(ws);
        println!(
            "notes_{count}: {:.1} MB, open {ms:.0} ms, peak RSS {} MB, loaded {loaded}",
            bytes as f64 / 1e6,
            peak_rss_mb()
        );
    }
}
