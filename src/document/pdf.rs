//! PDF articles, read as reflowed text: `pdf-extract` (on `lopdf`) draws each page's text into
//! a collector that keeps every character with its position and size; [`super::pdf_layout`]
//! turns those into paragraphs in reading order with page labels. The PDF's bookmarks become
//! the outline, its Info title and author the header.
//!
//! A hostile or broken file must cost a message, never the process or a hang: the file is read
//! on a thread of its own within [`budget_for`] its size (the collector also stops drawing once the
//! budget is spent), each page is drawn under `catch_unwind` (a page that trips the parser is
//! left out and counted in the warning), and an encrypted PDF is opened only when it needs no
//! password (many PDFs are "encrypted" with an empty one to forbid printing).

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::pdf_layout::{self, Glyph, PageGlyphs, PageLines};
use super::{Document, Meta, READER_THREAD, TocEntry};

/// Longest one PDF may take to read before it is given up with a reason. A 500-page book
/// takes about two seconds; a file that takes this long is one the parser handles badly.
pub const TIME_BUDGET: Duration = Duration::from_secs(20);

/// The time a PDF of `bytes` may take: [`TIME_BUDGET`], and a second more for every 5 MB (a
/// 200 MB report of a thousand pages is not a damaged file for taking half a minute).
pub fn budget_for(bytes: usize) -> Duration {
    TIME_BUDGET + Duration::from_secs((bytes / (5 * 1024 * 1024)) as u64)
}

/// PDFs from this size on are read one at a time (the corpus is read on every core, and the
/// parser holds about seven times a large file while it reads: a 37 MB paper peaked at 253 MB).
const LARGE_PDF_BYTES: usize = 20 * 1024 * 1024;

/// Held while a large PDF is read (see [`LARGE_PDF_BYTES`]).
static LARGE_PDF: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Pages are drawn on this many threads (pdf-extract is single-threaded per page).
const THREADS: usize = 2;

/// Collects one page's characters.
struct Collector {
    page: PageGlyphs,
    /// Flips the PDF's upward y so that y grows down the page.
    top: f64,
    left: f64,
    deadline: Instant,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.top = media_box.ury;
        self.left = media_box.llx;
        self.page.width = (media_box.urx - media_box.llx).abs();
        self.page.height = (media_box.ury - media_box.lly).abs();
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        if self.page.glyphs.len().is_multiple_of(4096) && Instant::now() > self.deadline {
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        // The size as drawn: the side of the square with the area the text matrix gives a
        // font_size × font_size square (as pdf-extract's own text output measures it).
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt();
        self.page.glyphs.push(Glyph {
            x: trm.m31 - self.left,
            y: self.top - trm.m32,
            w: width * size,
            size,
            text: char.to_owned(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Reads a PDF's text (see the module documentation); `Err` says why it cannot be read.
pub fn read(bytes: Vec<u8>) -> Result<Document, String> {
    let budget = budget_for(bytes.len());
    read_within(bytes, budget, &crate::job::Progress::default())
}

/// Pages found and pages drawn so far, shared with the reading thread.
#[derive(Default)]
struct PagesDone {
    found: AtomicUsize,
    drawn: AtomicUsize,
}

/// [`read`] with its time budget given, counting the pages on `progress` as they are drawn (a
/// 500-page book moves the opening bar instead of holding it at "0 of 1").
pub fn read_within(
    bytes: Vec<u8>,
    budget: Duration,
    progress: &crate::job::Progress,
) -> Result<Document, String> {
    let _one_at_a_time = (bytes.len() >= LARGE_PDF_BYTES)
        .then(|| LARGE_PDF.lock().unwrap_or_else(|p| p.into_inner()));
    let deadline = Instant::now() + budget;
    let pages = Arc::new(PagesDone::default());
    let counted = pages.clone();
    let (mut found, mut drawn) = (0, 0);
    let tick = || {
        let (f, d) = (
            pages.found.load(Ordering::Relaxed),
            pages.drawn.load(Ordering::Relaxed),
        );
        progress.add_total(f - found);
        progress.advance(d - drawn);
        (found, drawn) = (f, d);
    };
    let read = move || read_here(&bytes, deadline, &counted);
    let result = super::on_reading_thread_ticking(budget + Duration::from_secs(1), read, tick);
    // Whatever the outcome, the bar ends with this file's pages done.
    progress.advance(found - drawn);
    result.unwrap_or_else(|u| Err(u.reason("PDF", budget)))
}

fn read_here(bytes: &[u8], deadline: Instant, counted: &PagesDone) -> Result<Document, String> {
    if !bytes.starts_with(b"%PDF")
        && !bytes[..bytes.len().min(1024)]
            .windows(4)
            .any(|w| w == b"%PDF")
    {
        return Err("is not a PDF (no %PDF header)".into());
    }
    let mut pdf = pdf_extract::Document::load_mem(bytes)
        .map_err(|e| format!("is damaged or truncated and cannot be read as a PDF ({e})"))?;
    if pdf.is_encrypted() && pdf.decrypt("").is_err() {
        return Err("is encrypted with a password; gloss cannot open protected PDFs".into());
    }
    let numbers: Vec<u32> = pdf.get_pages().keys().copied().collect();
    if numbers.is_empty() {
        return Err("has no pages (it may be damaged or truncated)".into());
    }
    counted.found.store(numbers.len(), Ordering::Relaxed);
    let pages = draw_pages(&pdf, &numbers, deadline, &counted.drawn);
    if Instant::now() > deadline {
        return Err("reading it took too long; it may be damaged".into());
    }
    let failed = pages.iter().filter(|p| p.is_none()).count();
    let pages: Vec<PageLines> = pages
        .into_iter()
        .map(|p| p.unwrap_or_else(|| pdf_layout::lay_out_page(&PageGlyphs::default())))
        .collect();
    let drawn: usize = pages.iter().map(|p| p.glyphs).sum();
    let (mut doc, _) = super::pdf_paragraphs::build(pages, info(&pdf));
    // The document's own page labels, where it declares them, over the printed numbers.
    if let Some(labels) = super::pdf_labels::labels(&pdf, doc.pages.len()) {
        for (page, label) in doc.pages.iter_mut().zip(labels) {
            page.label = label;
        }
    }
    doc.toc = bookmarks(&pdf, &doc);
    let mut warnings = Vec::new();
    // Not one drawn character for every page: a scan (an OCR'd scan has its invisible text
    // layer, which is read).
    if drawn < numbers.len() - failed {
        warnings.push(
            "this PDF has no text layer (a scan?): gloss reads a PDF's text and does not \
             recognise text in images (no OCR)"
                .to_owned(),
        );
    }
    if undecodable_share(&doc.text) > 0.2 {
        warnings.push(
            "much of this PDF's text is not stored as readable characters (its fonts map no \
             letters): it shows as symbols"
                .to_owned(),
        );
    }
    if failed > 0 {
        warnings.push(if numbers.len() == 1 {
            "its only page could not be read (it may be damaged)".to_owned()
        } else {
            format!(
                "{failed} of its {} pages could not be read and are left out",
                numbers.len()
            )
        });
    }
    if !warnings.is_empty() {
        doc.warning = Some(warnings.join("; "));
    }
    Ok(doc)
}

/// The share of the text's visible characters that stand for nothing a reader can read: the
/// spacing accents, private-use code points, control characters and replacement characters a
/// font without a Unicode map turns its glyphs into ("˝ ˚ˇ ˇ").
fn undecodable_share(text: &str) -> f64 {
    let (mut odd, mut all) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        all += 1;
        let spacing_modifier = ('\u{02B0}'..='\u{02FF}').contains(&c);
        let private = ('\u{E000}'..='\u{F8FF}').contains(&c);
        if spacing_modifier || private || c.is_control() || c == '\u{FFFD}' {
            odd += 1;
        }
    }
    if all == 0 {
        0.0
    } else {
        odd as f64 / all as f64
    }
}

/// Draws every page into a collector and lays it out, on [`THREADS`] threads; `None` for a
/// page the parser failed on.
fn draw_pages(
    pdf: &pdf_extract::Document,
    numbers: &[u32],
    deadline: Instant,
    drawn: &AtomicUsize,
) -> Vec<Option<PageLines>> {
    // One processor per thread draws its pages, so each font is parsed once; a page that
    // panics the parser is left out, and the next page starts with a fresh processor.
    let draw_all = |part: &[u32]| -> Vec<Option<PageLines>> {
        let mut processor = pdf_extract::Processor::new();
        part.iter()
            .map(|&n| {
                let mut c = Collector {
                    page: PageGlyphs::default(),
                    top: 0.0,
                    left: 0.0,
                    deadline,
                };
                let ok = std::panic::catch_unwind(AssertUnwindSafe(|| {
                    processor.output_page(pdf, &mut c, n)
                }));
                if ok.is_err() {
                    processor = pdf_extract::Processor::new();
                }
                drawn.fetch_add(1, Ordering::Relaxed);
                matches!(ok, Ok(Ok(()))).then(|| pdf_layout::lay_out_page(&c.page))
            })
            .collect()
    };
    let chunk = numbers.len().div_ceil(THREADS).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = numbers
            .chunks(chunk)
            .filter_map(|part| {
                std::thread::Builder::new()
                    .name(format!("{READER_THREAD}-pages"))
                    // The content-stream parser recurses on nested arrays and dictionaries.
                    .stack_size(64 * 1024 * 1024)
                    .spawn_scoped(s, move || draw_all(part))
                    .ok()
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// The Info dictionary's title and author.
fn info(pdf: &pdf_extract::Document) -> Meta {
    let field = |key: &[u8]| -> Option<String> {
        let info = pdf.trailer.get(b"Info").ok()?;
        let (_, info) = pdf.dereference(info).ok()?;
        let value = info.as_dict().ok()?.get(key).ok()?;
        let (_, value) = pdf.dereference(value).ok()?;
        let text = super::pdf_labels::text_string(value.as_str().ok()?);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        (!text.is_empty()).then_some(text)
    };
    Meta {
        title: field(b"Title"),
        byline: field(b"Author"),
        site: None,
        published: None,
    }
}

/// The bookmarks, each at the start of its page's text.
fn bookmarks(pdf: &pdf_extract::Document, doc: &Document) -> Vec<TocEntry> {
    let Ok(toc) = pdf.get_toc() else {
        return Vec::new();
    };
    let sections = super::Sections::new(&doc.text, doc.pages.iter().map(|p| p.start).collect());
    toc.toc
        .into_iter()
        .filter_map(|e| {
            let page = doc.pages.get(e.page.checked_sub(1)?)?;
            let title = e.title.split_whitespace().collect::<Vec<_>>().join(" ");
            // The heading itself, when its page shows it, rather than the page's top.
            let start = sections.place(page.start, &title);
            Some(TocEntry {
                level: e.level.clamp(1, 6) as u8,
                title,
                start,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyphs_without_letters_are_told_from_text() {
        assert!(undecodable_share("  ˝  (˙ˇˆ -.45)& 2   ˇ   ˇˇ ˝ ˚ˇ ˇ  ˇ ˇ") > 0.5);
        assert!(undecodable_share("Naïve café — “quoted” text, 12 €.") < 0.01);
        assert_eq!(undecodable_share(""), 0.0);
    }
}
