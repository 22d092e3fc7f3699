//! Frame-time, open and save benchmark for book-length texts.
//!
//! Builds the workload itself — two generated articles of 2 MB each side by side at 1280×800,
//! 10,000 highlights spread over them (a third with notes, some overlapping) — then drives the
//! real app UI headless: `Context::run_ui` with `GlossApp::ui`, then `Context::tessellate`,
//! timing the CPU cost of each frame. Prints one `name: value` line per figure.
//!
//! `cargo bench --bench frames` runs it; `cargo bench --bench frames -- --write-corpus DIR`
//! only writes the workload corpus (used by `benches/peak_rss.sh`);
//! `cargo bench --bench frames -- --corpus DIR` measures a copy of DIR instead (open, scroll
//! and resize figures only), e.g. a real book twice side by side;
//! `cargo bench --bench frames -- --long-line` measures only a 20 MB single-line article (with
//! this process's peak RSS), and `-- --write-long-line DIR` writes it for `peak_rss.sh`;
//! `-- --links` measures only the compare-and-links workload (two 2 MB articles sharing a
//! paragraph in twenty, compare mode on, 2,000 links drawn as connectors).

#[path = "support/anchoring_set.rs"]
mod anchoring_set;
#[path = "support/driver.rs"]
mod driver;

use std::path::Path;
use std::time::Instant;

use anchoring_set::{Rng, long_text};
use driver::{Driver, H, W, percentile, wheel};
use eframe::egui::{self, Event, Modifiers, PointerButton, pos2, vec2};
use gloss::annotation::{Annotation, Color};
use gloss::corpus::Article;

/// Writes `a.txt` and `b.txt` of `bytes` each and `annotations` highlights over them.
fn write_corpus(dir: &Path, bytes: usize, annotations: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let mut all = Vec::new();
    let mut rng = Rng::new(99);
    for (name, seed) in [("a.txt", 1), ("b.txt", 2)] {
        let text = long_text(bytes, seed);
        std::fs::write(dir.join(name), &text).unwrap();
        let article = Article::from_text(name, text, None);
        let chars = article.char_len();
        for i in 0..annotations / 2 {
            // Spread evenly, each 2–60 words long; every tenth overlaps the previous one.
            let slot = chars / (annotations / 2);
            let mut start = i * slot + rng.below(slot / 2);
            if i % 10 == 9 {
                start = start.saturating_sub(slot / 2);
            }
            let len = 10 + rng.below(300);
            let end = (start + len).min(chars);
            let mut a = Annotation::new(&article, start..end, Color::ALL[i % 6]);
            if i % 3 == 0 {
                a.note = format!("Note {i}: compare with the other report; check the wording.");
            }
            all.push(a);
        }
    }
    gloss::store::save(&dir.join("annotations.ron"), &all).unwrap();
}

/// Scrolls both panes, alternating, through `frames` frames; returns sorted frame times.
fn scroll_both(d: &mut Driver, frames: usize, step: f32) -> Vec<f64> {
    // Pane centres at 1280×800 with the default side panels.
    let panes = [pos2(420.0, 420.0), pos2(800.0, 420.0)];
    let mut times = Vec::with_capacity(frames);
    for i in 0..frames {
        times.push(d.frame(wheel(panes[i % 2], -step)));
    }
    times.sort_by(f64::total_cmp);
    times
}

/// Open, scroll and resize figures for a copy (in `work`) of a corpus the reader brings.
fn measure_existing(corpus: &Path, work: &Path) {
    std::fs::create_dir_all(work).unwrap();
    for entry in std::fs::read_dir(corpus).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), work.join(entry.file_name())).unwrap();
        }
    }
    let (mut d, open_ms) = Driver::open(work);
    d.settle();
    let times = scroll_both(&mut d, 3_000, 600.0);
    d.settle();
    d.size = vec2(W - 160.0, H);
    let resize_ms = d.frame(Vec::new());
    let articles = &d.app.session().workspace.as_ref().unwrap().corpus.articles;
    let sizes: Vec<String> = articles
        .iter()
        .map(|a| format!("{} ({} chars)", a.file_name, a.char_len()))
        .collect();
    println!("corpus: {}", sizes.join(", "));
    println!(
        "open_ms: {open_ms:.0}{}",
        over_target(open_ms, OPEN_TARGET_MS)
    );
    println!("frame_p50_ms: {:.2}", percentile(&times, 0.5));
    println!("frame_p99_ms: {:.2}", percentile(&times, 0.99));
    println!("resize_frame_ms: {resize_ms:.2}");
}

/// A 20 MB article on one line (a book saved without line breaks), beside a short one.
fn write_long_line_corpus(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let text = long_text(20_000_000, 7).replace('\n', " ");
    std::fs::write(dir.join("a-one-line.txt"), text).unwrap();
    std::fs::write(dir.join("b-short.txt"), long_text(20_000, 8)).unwrap();
}

/// Peak resident memory of this process so far (Linux), in MB.
fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// Opening and scrolling a 20 MB single-line article: the long line is laid out in pieces,
/// only those on screen. Run first in its own process (`-- --long-line`) for a peak RSS that
/// is this case's alone.
fn measure_long_line(dir: &Path) {
    write_long_line_corpus(dir);
    let (mut d, open_ms) = Driver::open(dir);
    let first_frame_ms = d.frame(Vec::new());
    d.settle();
    let times = scroll_both(&mut d, 1_000, 600.0);
    d.settle();
    d.size = vec2(W - 160.0, H);
    let resize_ms = d.frame(Vec::new());
    d.size = vec2(W, H);
    let article = &d.app.session().workspace.as_ref().unwrap().corpus.articles[0];
    println!(
        "long_line_article: {} chars in {} pieces",
        article.char_len(),
        article.paragraphs.len()
    );
    println!("long_line_open_ms: {open_ms:.0}");
    println!("long_line_first_frame_ms: {first_frame_ms:.2}");
    println!("long_line_frame_ms: {:.2}", percentile(&times, 0.5));
    println!("long_line_frame_p99_ms: {:.2}", percentile(&times, 0.99));
    println!("long_line_resize_frame_ms: {resize_ms:.2}");
    if let Some(mb) = peak_rss_mb() {
        println!("long_line_peak_rss_mb: {mb}");
    }
}

/// Two 2 MB articles, every twentieth paragraph of the second copied from the first;
/// 10,000 highlights and 2,000 links, each from a highlight of the first article to the one
/// at the same place in the second (so both ends are often on screen together).
fn write_linked_corpus(dir: &Path) {
    write_corpus(dir, 2_000_000, 10_000);
    let a = std::fs::read_to_string(dir.join("a.txt")).unwrap();
    let b = std::fs::read_to_string(dir.join("b.txt")).unwrap();
    let a_paragraphs: Vec<&str> = a.split("\n\n").collect();
    let b: Vec<String> = b
        .split("\n\n")
        .enumerate()
        .map(|(i, p)| match a_paragraphs.get(i) {
            Some(from_a) if i % 20 == 7 => from_a.to_string(),
            _ => p.to_string(),
        })
        .collect();
    std::fs::write(dir.join("b.txt"), b.join("\n\n")).unwrap();
    let mut notes = gloss::store::load_notes(&dir.join("annotations.ron")).unwrap();
    // The second article changed: its highlights are made again on the new text.
    let b_article = Article::from_text("b.txt", b.join("\n\n"), None);
    let b_len = b_article.char_len();
    for an in notes
        .annotations
        .iter_mut()
        .filter(|x| x.article == "b.txt")
    {
        let end = an.position.end.min(b_len);
        let start = an.position.start.min(end.saturating_sub(1));
        *an = Annotation {
            id: an.id.clone(),
            ..Annotation::new(&b_article, start..end, an.color)
        };
    }
    let ids = |name: &str| -> Vec<String> {
        let mut list: Vec<&Annotation> = notes
            .annotations
            .iter()
            .filter(|x| x.article == name)
            .collect();
        list.sort_by_key(|x| x.position.start);
        list.iter().map(|x| x.id.clone()).collect()
    };
    let (from, to) = (ids("a.txt"), ids("b.txt"));
    let step = from.len() / 2_000;
    notes.links = (0..2_000)
        .map(|i| {
            gloss::link::Link::new(
                &from[i * step],
                &to[i * step],
                gloss::link::Relation::ALL[i % 6],
                if i % 4 == 0 {
                    "see the other report"
                } else {
                    ""
                },
            )
        })
        .collect();
    gloss::store::save_notes(&dir.join("annotations.ron"), &notes).unwrap();
}

/// Frame times with compare mode on and 2,000 links drawn as connectors.
fn measure_links(dir: &Path) {
    write_linked_corpus(dir);
    let (mut d, open_ms) = Driver::open(dir);
    d.settle();
    let c_key = |pressed| Event::Key {
        key: egui::Key::C,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    d.frame(vec![c_key(true), c_key(false)]);
    let started = Instant::now();
    while d.app.compare_marks_now().iter().any(|m| m.is_empty())
        && started.elapsed().as_secs() < 120
    {
        d.frame(Vec::new());
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let compare_ms = started.elapsed().as_secs_f64() * 1e3;
    let marks = d.app.compare_marks_now().first().map_or(0, Vec::len);
    d.settle();
    let panes = [pos2(420.0, 420.0), pos2(800.0, 420.0)];
    let mut times = Vec::new();
    let mut drawn_max = 0;
    let mut drawn_frames = 0;
    // Scrolling in step: the left pane is scrolled, the right one follows along the
    // corresponding passages and the links, so linked passages are on screen together.
    d.app.set_sync_scroll(true);
    d.settle();
    for _ in 0..3_000 {
        times.push(d.frame(wheel(panes[0], -200.0)));
        let drawn = gloss::ui::connectors::drawn(&d.ctx).len();
        drawn_max = drawn_max.max(drawn);
        drawn_frames += usize::from(drawn > 0);
    }
    times.sort_by(f64::total_cmp);
    println!("links_open_ms: {open_ms:.0}");
    println!("links_compare_ready_ms: {compare_ms:.0} ({marks} passages marked in the first pane)");
    println!(
        "links_frame_p50_ms: {:.2} (compare on, {} links in the notes){}",
        percentile(&times, 0.5),
        d.app
            .session()
            .workspace
            .as_ref()
            .map_or(0, |w| w.notebook().links().len()),
        over_target(percentile(&times, 0.5), LINKS_P50_TARGET_MS)
    );
    println!(
        "links_frame_p99_ms: {:.2}{}",
        percentile(&times, 0.99),
        over_target(percentile(&times, 0.99), LINKS_P99_TARGET_MS)
    );
    println!(
        "links_connectors_drawn: up to {drawn_max} per frame, in {drawn_frames} of {} frames",
        times.len()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--links") {
        let tmp = tempfile::tempdir().unwrap();
        measure_links(&tmp.path().join("linked"));
        return;
    }
    if args.iter().any(|a| a == "--long-line") {
        let tmp = tempfile::tempdir().unwrap();
        measure_long_line(&tmp.path().join("long-line"));
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--write-long-line") {
        let dir = Path::new(&args[i + 1]);
        write_long_line_corpus(dir);
        println!("wrote the long-line corpus to {}", dir.display());
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--write-corpus") {
        let dir = Path::new(&args[i + 1]);
        write_corpus(dir, 2_000_000, 10_000);
        println!("wrote the workload corpus to {}", dir.display());
        return;
    }

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    if let Some(i) = args.iter().position(|a| a == "--corpus") {
        measure_existing(Path::new(&args[i + 1]), &dir);
        return;
    }
    write_corpus(&dir, 2_000_000, 10_000);

    let (mut d, open_ms) = Driver::open(&dir);
    d.settle();
    // Scroll through both whole texts: 2 MB ≈ 1.2 million points of text per pane.
    let times = scroll_both(&mut d, 6_000, 600.0);
    let p50 = percentile(&times, 0.5);
    let p99 = percentile(&times, 0.99);
    let total_chars = d.app.session().workspace.as_ref().unwrap().corpus.articles[0].char_len();
    println!(
        "scrolled_to_char: {} and {} of {total_chars}",
        d.app.session().reader.top_char(0).unwrap_or(0),
        d.app.session().reader.top_char(1).unwrap_or(0)
    );

    // The same scrolling with a screen reader attached (AccessKit on): every paragraph on
    // screen is exposed as text runs and every highlight as a mark, each frame.
    d.ctx.enable_accesskit();
    d.settle();
    let times = scroll_both(&mut d, 1_000, -600.0);
    let a11y_p50 = percentile(&times, 0.5);
    println!(
        "screen_reader_frame_p50_ms: {a11y_p50:.2}{}",
        over_target(a11y_p50, 2.0)
    );
    println!(
        "screen_reader_frame_p99_ms: {:.2}{}",
        percentile(&times, 0.99),
        over_target(percentile(&times, 0.99), 6.0)
    );
    d.ctx.disable_accesskit();

    // Resize: the frame right after the window gets narrower.
    d.settle();
    d.size = vec2(W - 160.0, H);
    let resize_ms = d.frame(Vec::new());
    d.size = vec2(W, H);
    d.settle();

    // Drag-select across paragraphs in the left pane.
    let mut select = Vec::new();
    let start = pos2(300.0, 150.0);
    select.push(d.frame(vec![
        Event::PointerMoved(start),
        Event::PointerButton {
            pos: start,
            button: PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        },
    ]));
    for step in 1..=60 {
        let p = pos2(300.0 + (step % 7) as f32 * 20.0, 150.0 + step as f32 * 9.0);
        select.push(d.frame(vec![Event::PointerMoved(p)]));
    }
    let end = pos2(440.0, 690.0);
    select.push(d.frame(vec![Event::PointerButton {
        pos: end,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    }]));
    select.sort_by(f64::total_cmp);
    println!(
        "selected_chars: {:?}",
        d.app.session().reader.selection_of(0).map(|r| r.len())
    );
    let select_ms = percentile(&select, 0.5);
    let select_max = select.last().copied().unwrap_or_default();

    // Highlight the selection (H): the frame that applies it, then the autosave frame that
    // follows a quarter of a second later (autosave runs on the UI thread).
    let key = |pressed| Event::Key {
        key: egui::Key::H,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    let highlight_ms = d.frame(vec![key(true), key(false)]);
    let mut autosave_ms: f64 = 0.0;
    for _ in 0..60 {
        autosave_ms = autosave_ms.max(d.frame(Vec::new()));
    }
    for _ in 0..200 {
        d.app.wait_for_saves();
        if !d
            .app
            .session()
            .workspace
            .as_ref()
            .is_some_and(|w| w.is_dirty())
        {
            break;
        }
        d.frame(Vec::new());
    }
    let saved = gloss::store::load(&dir.join("annotations.ron"))
        .unwrap()
        .len();

    // Typing a note: N opens the note window on the new highlight, then one character per
    // frame, with 10,000 annotations in the notebook. Each keystroke is a notebook command
    // (undo, autosave); the frame must not rebuild what the note does not change.
    let n_key = |pressed| Event::Key {
        key: egui::Key::N,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    d.frame(vec![n_key(true), n_key(false)]);
    d.settle();
    let rebuilds_before = d.app.derived_rebuilds();
    let mut keystrokes = Vec::new();
    for c in "the BBC report leaves this sentence out entirely".chars() {
        keystrokes.push(d.frame(vec![Event::Text(c.to_string())]));
    }
    keystrokes.sort_by(f64::total_cmp);
    let typed_note = d
        .app
        .session()
        .reader
        .selected
        .as_deref()
        .and_then(|id| d.app.session().workspace.as_ref()?.notebook().get(id))
        .map(|a| a.note.chars().count())
        .unwrap_or(0);
    let rebuilds_typing = d.app.derived_rebuilds() - rebuilds_before;

    // Save: serialise and atomically write all 10,000 annotations.
    let ws = gloss::workspace::Workspace::open_read_only(&dir).unwrap();
    let list = ws.notebook().to_list();
    let target = tmp.path().join("save-test.ron");
    let mut saves = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        gloss::store::save(&target, &list).unwrap();
        saves.push(started.elapsed().as_secs_f64() * 1e3);
    }
    saves.sort_by(f64::total_cmp);

    println!("frame_p50_ms: {p50:.2}");
    println!("frame_p99_ms: {p99:.2}");
    println!("resize_frame_ms: {resize_ms:.2}");
    println!("select_frame_ms: {select_ms:.2}");
    println!("select_frame_max_ms: {select_max:.2}");
    println!("highlight_frame_ms: {highlight_ms:.2}");
    println!("autosave_frame_ms: {autosave_ms:.2} ({saved} annotations on disk)");
    println!(
        "note_keystroke_frame_ms: {:.2} (p99 {:.2}; {typed_note} chars typed into the note, \
         {rebuilds_typing} full rebuilds of spans/rows meanwhile)",
        percentile(&keystrokes, 0.5),
        percentile(&keystrokes, 0.99)
    );
    println!(
        "open_ms: {open_ms:.0}{}",
        over_target(open_ms, OPEN_TARGET_MS)
    );
    println!("save_ms: {:.1}", percentile(&saves, 0.5));
    println!("annotations: {}", list.len());

    // Scaling: the same scroll on articles of 0.1, 1 and 4 MB (annotations in proportion).
    for (label, bytes) in [("0.1", 100_000), ("1", 1_000_000), ("4", 4_000_000)] {
        let dir = tmp.path().join(format!("scale-{label}"));
        write_corpus(&dir, bytes, (bytes / 200).max(100));
        let (mut d, _) = Driver::open(&dir);
        d.settle();
        let times = scroll_both(&mut d, 1_500, 420.0);
        println!("frame_p50_ms_at_{label}_mb: {:.2}", percentile(&times, 0.5));
    }

    measure_long_line(&tmp.path().join("long-line"));
    measure_links(&tmp.path().join("linked"));
}

/// `open_ms`'s target: a corpus with 10,000 notes on two 2 MB texts readable in 0.3 s.
const OPEN_TARGET_MS: f64 = 300.0;

/// The links frame's targets: scrolling two panes with 2,000 links drawn stays smooth.
const LINKS_P50_TARGET_MS: f64 = 2.0;
const LINKS_P99_TARGET_MS: f64 = 6.0;

/// What a figure over its target prints after it: never accepted silently.
fn over_target(value: f64, target: f64) -> String {
    if value > target {
        format!("  OVER TARGET ({target:.0})")
    } else {
        String::new()
    }
}
