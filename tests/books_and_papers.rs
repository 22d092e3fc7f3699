//! PDF papers and EPUB books as articles: real documents measured against reference texts
//! made by rule (`tests/fixtures/documents/make_references.py`), generated books for sizes
//! and page labels, and every kind of bad file a reader meets — each skipped with its reason,
//! in time, never a panic.

#[path = "../benches/support/paper.rs"]
mod paper;

use std::path::Path;
use std::time::{Duration, Instant};

use gloss::corpus::Corpus;
use gloss::document::BlockKind;

const FIXTURES: &str = "tests/fixtures/documents";

/// Words as the measures count them: letters and digits, lower case, ligatures expanded.
fn words(text: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    text.nfkc()
        .collect::<String>()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Word F1 of `text` against `reference` (bags of words).
fn word_f1(text: &str, reference: &str) -> f64 {
    let (p, r) = gloss::document::word_overlap(text, reference);
    2.0 * p * r / (p + r).max(1e-9)
}

/// Reading-order similarity: of the words both texts share, the share that comes in the same
/// order (the longest common subsequence over the common words), counted over the prose —
/// lines of six words or more in the reference, paragraphs of six or more in ours — since a
/// table's cells or a figure's labels have no reading order to agree on.
fn reading_order(text: &str, reference: &str) -> f64 {
    let prose = |s: &str| -> Vec<String> {
        s.lines()
            .map(words)
            .filter(|w| w.len() >= 6)
            .flatten()
            .collect()
    };
    let (ours, theirs) = (prose(text), prose(reference));
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &theirs, &ours);
    let same: usize = ops
        .iter()
        .map(|op| match op {
            similar::DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    let mut bag = std::collections::HashMap::new();
    for w in &theirs {
        *bag.entry(w).or_insert(0i64) += 1;
    }
    let common: usize = ours
        .iter()
        .filter(|w| {
            let n = bag.entry(*w).or_insert(0);
            *n -= 1;
            *n >= 0
        })
        .count();
    same as f64 / common.max(1) as f64
}

/// Words split by hyphenation left in: "com- pile" (a hyphen, a space, a lower-case letter).
fn hyphen_splits(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(4)
        .filter(|w| w[0].is_alphabetic() && w[1] == '-' && w[2] == ' ' && w[3].is_lowercase())
        .count()
}

/// A corpus of copies of these fixtures.
fn corpus_of(files: &[&str]) -> (tempfile::TempDir, Corpus) {
    let dir = tempfile::tempdir().unwrap();
    for f in files {
        std::fs::copy(Path::new(FIXTURES).join(f), dir.path().join(f)).unwrap();
    }
    let corpus = Corpus::load(dir.path()).unwrap();
    (dir, corpus)
}

fn reference(name: &str) -> String {
    let path = Path::new(FIXTURES).join(name);
    if name.ends_with(".zst") {
        let bytes = std::fs::read(path).unwrap();
        String::from_utf8(zstd::decode_all(&bytes[..]).unwrap()).unwrap()
    } else {
        std::fs::read_to_string(path).unwrap()
    }
}

#[test]
fn a_two_column_paper_reads_column_by_column_with_words_whole() {
    let (_dir, corpus) = corpus_of(&["tracemonkey.pdf"]);
    let a = corpus.article("tracemonkey.pdf").expect("the paper opens");
    let reference = reference("tracemonkey.reference.txt");
    let (f1, order, splits) = (
        word_f1(&a.text, &reference),
        reading_order(&a.text, &reference),
        hyphen_splits(&a.text),
    );
    println!("tracemonkey.pdf: word F1 {f1:.3}, reading order {order:.3}, hyphen splits {splits}");
    assert!(f1 >= 0.97, "word F1 {f1:.3}");
    assert!(order >= 0.95, "reading order {order:.3}");
    assert_eq!(splits, 0, "no word left split by a line-end hyphen");
    // Ligatures expanded, words hyphenated across lines joined, compounds kept.
    assert!(!a.text.contains('\u{FB01}') && !a.text.contains('\u{FB02}'));
    assert!(a.text.contains("efficient"));
    assert!(a.text.contains("trace-based"));
    assert!(
        a.text.contains("naïve"),
        "an accent drawn apart joins its letter"
    );
    // The abstract is one paragraph, read before the introduction in the other column.
    let abs = a
        .text
        .find("Dynamic languages such as JavaScript are more difficult")
        .unwrap();
    let intro = a.text.find("1. Introduction").unwrap();
    assert!(abs < intro);
    let doc = a.document.as_ref().unwrap();
    assert_eq!(doc.pages.len(), 14);
    assert_eq!(
        doc.blocks[0].kind,
        BlockKind::Heading(1),
        "the title is a heading"
    );
    // Numbered sections set in the body's type are headings too, so the paper has contents.
    let outline = a.outline();
    let titles: Vec<&str> = outline.iter().map(|h| h.title.as_str()).collect();
    for section in ["1. Introduction", "6.3 Trace Recording", "6.4 Preemption"] {
        assert!(titles.contains(&section), "{section:?} in {titles:?}");
    }
    println!("tracemonkey.pdf contents: {titles:?}");
    assert!(
        titles.len() < 45,
        "no figure label or list item taken for a section: {titles:?}"
    );
}

#[test]
fn a_manuals_running_heads_and_page_numbers_leave_the_text_for_page_labels() {
    let (_dir, corpus) = corpus_of(&["libtasn1.pdf"]);
    let a = corpus.article("libtasn1.pdf").unwrap();
    let reference = reference("libtasn1.reference.txt");
    let (f1, order) = (
        word_f1(&a.text, &reference),
        reading_order(&a.text, &reference),
    );
    let doc = a.document.as_ref().unwrap();
    let heads = a
        .text
        .lines()
        .filter(|l| l.starts_with("Chapter ") && l.contains(':') && l.len() < 60)
        .count();
    println!("libtasn1.pdf: word F1 {f1:.3}, reading order {order:.3}, running heads left {heads}");
    assert!(f1 >= 0.97, "word F1 {f1:.3}");
    assert!(order >= 0.95, "reading order {order:.3}");
    assert_eq!(heads, 0, "no running header left in the text");
    assert_eq!(hyphen_splits(&a.text), 0);
    // The printed page numbers label the pages (front matter has none: its place in the file).
    assert_eq!(doc.pages.len(), 36);
    let labels: Vec<&str> = doc.pages.iter().map(|p| p.label.as_str()).collect();
    assert!(
        labels.contains(&"9") && labels.contains(&"20"),
        "{labels:?}"
    );
    // Its own labels (/PageLabels) name the front matter too: "T-1", "T-2", then "i".
    assert_eq!(&labels[..4], ["T-1", "T-2", "i", "1"]);
    // The page a passage is on is the page it is printed on.
    let at = a.text.chars().count()
        - a.text[a.text.find("asn1_delete_structure").unwrap()..]
            .chars()
            .count();
    let page = doc.page_at(at).unwrap();
    assert!(page.label.parse::<u32>().is_ok(), "{}", page.label);
    // Bookmarks are the outline.
    let outline = a.outline();
    assert!(outline.len() >= 5, "{outline:?}");
    assert!(
        outline
            .iter()
            .any(|h| h.title.contains("Function reference"))
    );
}

#[test]
fn an_epub_book_reads_its_spine_with_its_contents_and_metadata() {
    let (_dir, corpus) = corpus_of(&["moby-dick.epub", "wasteland-obf.epub"]);
    let moby = corpus.article("moby-dick.epub").expect("the book opens");
    let f1 = word_f1(&moby.text, &reference("moby-dick.reference.txt.zst"));
    println!("moby-dick.epub: word F1 {f1:.3}");
    assert!(f1 >= 0.98, "word F1 {f1:.3}");
    assert_eq!(moby.title, "Moby-Dick");
    assert_eq!(moby.byline.as_deref(), Some("Herman Melville"));
    let outline = moby.outline();
    assert!(outline.len() > 100, "{} entries", outline.len());
    let ch1 = outline
        .iter()
        .find(|h| h.title.contains("Loomings"))
        .expect("chapter 1 in the contents");
    let from: String = moby.text.chars().skip(ch1.start).take(80).collect();
    assert!(
        from.contains("Loomings"),
        "the entry lands on its chapter: {from:?}"
    );
    // Fonts obfuscated by the IDPF algorithm are not DRM: the poem reads.
    let waste = corpus
        .article("wasteland-obf.epub")
        .expect("an obfuscated font is no DRM");
    let f1 = word_f1(&waste.text, &reference("wasteland-obf.reference.txt"));
    assert!(f1 >= 0.98, "word F1 {f1:.3}");
    assert!(waste.text.contains("April is the cruellest month"));
}

#[test]
fn a_generated_book_loses_its_running_header_and_keeps_its_page_numbers() {
    let words: Vec<&str> = "the reader compares two reports of one story line by line"
        .split(' ')
        .collect();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("book.pdf"), paper::pdf_book(30, &words)).unwrap();
    let corpus = Corpus::load(dir.path()).unwrap();
    let a = corpus.article("book.pdf").expect("opens");
    assert!(
        !a.text.contains("A Generated Book"),
        "running header left out"
    );
    let doc = a.document.as_ref().unwrap();
    let labels: Vec<String> = doc.pages.iter().map(|p| p.label.clone()).collect();
    let expected: Vec<String> = (1..=30).map(|n| n.to_string()).collect();
    assert_eq!(labels, expected);
    let chapters = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
        .count();
    assert_eq!(chapters, 3, "a chapter heading every ten pages");
    // Paragraphs of six lines each, joined (an indent starts the next).
    let paragraphs = doc.blocks.len() - chapters;
    assert!(
        paragraphs > 30 * 8 && paragraphs < 30 * 12,
        "{paragraphs} paragraphs"
    );
    // No page number is left in the text.
    assert!(!a.text.lines().any(|l| l.trim().parse::<u32>().is_ok()));
    // Opening counts the pages on the progress bar, not only the file.
    let progress = gloss::job::Progress::default();
    Corpus::load_with_progress(dir.path(), &progress).unwrap();
    assert_eq!(progress.get(), (31, 31), "one file and its 30 pages");
}

/// A PDF that declares its page labels (front matter in roman numerals, an appendix with a
/// prefix) shows them, over the printed numbers, and *Go to page* finds them.
#[test]
fn a_pdfs_own_page_labels_name_its_pages() {
    let words: Vec<&str> = "a few words to fill the pages".split(' ').collect();
    let book = paper::pdf_book(8, &words);
    let labelled = paper::with_page_labels(
        &book,
        &[(0, "r", "", 1), (3, "D", "", 1), (6, "D", "A-", 1)],
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("labelled.pdf"), labelled).unwrap();
    let corpus = Corpus::load(dir.path()).unwrap();
    let doc = corpus
        .article("labelled.pdf")
        .unwrap()
        .document
        .clone()
        .unwrap();
    let labels: Vec<&str> = doc.pages.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["i", "ii", "iii", "1", "2", "3", "A-1", "A-2"]);
    assert_eq!(
        gloss::document::pages::find_page(&doc.pages, "A-2"),
        Some(7)
    );
    assert_eq!(gloss::document::pages::find_page(&doc.pages, "2"), Some(4));
}

/// Writes `bytes` as `name` into a fresh folder and loads it: the reason it was skipped, and
/// how long the load took.
fn skipped(name: &str, bytes: &[u8]) -> (String, Duration) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let t = Instant::now();
    let corpus = Corpus::load(dir.path()).unwrap();
    let took = t.elapsed();
    assert!(corpus.article(name).is_none(), "{name} should not open");
    let s = corpus
        .skipped
        .iter()
        .find(|s| s.file_name == name)
        .unwrap_or_else(|| panic!("{name} listed as skipped"));
    (s.reason.to_string(), took)
}

#[test]
fn broken_encrypted_and_protected_files_are_skipped_with_their_reason_in_time() {
    let budget = Duration::from_secs(10);
    let book = paper::pdf_book(3, &["words", "of", "a", "book"]);
    // Truncated halfway.
    let (why, took) = skipped("cut.pdf", &book[..book.len() / 2]);
    assert!(why.contains("PDF"), "{why}");
    assert!(took < budget);
    // Not a PDF at all.
    let (why, _) = skipped("random.pdf", &[7u8; 5000]);
    assert!(why.contains("not a PDF"), "{why}");
    // Encrypted with a password (made by `qpdf --encrypt secret owner 256`).
    let (why, _) = skipped(
        "locked.pdf",
        &std::fs::read(Path::new(FIXTURES).join("encrypted.pdf")).unwrap(),
    );
    assert!(why.contains("encrypted with a password"), "{why}");
    // An EPUB whose zip is cut off.
    let epub = paper::epub("T", "A", &[("One", "<p>Text.</p>")], &[]);
    let (why, _) = skipped("cut.epub", &epub[..epub.len() / 2]);
    assert!(why.contains("EPUB"), "{why}");
    // DRM: the chapters are listed as encrypted.
    let drm = paper::epub(
        "T",
        "A",
        &[("One", "<p>Text.</p>")],
        &[(
            "META-INF/encryption.xml",
            r#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><enc:CipherData><enc:CipherReference URI="OEBPS/c0.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>"#,
        )],
    );
    let (why, _) = skipped("drm.epub", &drm);
    assert!(why.contains("DRM"), "{why}");
    // A zip bomb: a chapter that says it inflates to 4 GB is refused before it is inflated.
    let small = paper::epub("T", "A", &[("One", "<p>Text.</p>")], &[]);
    let bomb = paper::declare_size(small, "OEBPS/c0.xhtml", 4_000_000_000);
    let (why, took) = skipped("bomb.epub", &bomb);
    assert!(why.contains("zip bomb"), "{why}");
    assert!(took < budget);
    // The CLI says the same (`gloss check` lists what was skipped and why).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("drm.epub"), &drm).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["--corpus", dir.path().to_str().unwrap(), "check"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("drm.epub") && said.contains("DRM"), "{said}");
}

/// A page whose content stream the PDF parser cannot read (it unwraps, and panics) is left
/// out with a warning; the other pages and the process are unharmed.
#[test]
fn a_page_that_breaks_the_parser_is_left_out_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        "BT /F1 12 Tf 72 700 Td {}(x){} TJ ET",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    std::fs::write(
        dir.path().join("broken-page.pdf"),
        paper::pdf_with_content(&deep),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("fine.pdf"),
        paper::pdf_with_content("BT /F1 12 Tf 72 700 Td (A line that reads.) Tj ET"),
    )
    .unwrap();
    let corpus = Corpus::load(dir.path()).unwrap();
    let broken = corpus.article("broken-page.pdf").expect("opens, empty");
    let warning = broken.warning.as_deref().unwrap_or_default();
    assert!(
        warning.contains("its only page could not be read"),
        "{warning}"
    );
    assert!(
        !warning.contains("no text layer"),
        "not called a scan: {warning}"
    );
    let fine = corpus.article("fine.pdf").unwrap();
    assert_eq!(fine.text.trim(), "A line that reads.");
    assert!(fine.warning.is_none(), "{:?}", fine.warning);
}

/// A form that draws itself opens (its text drawn a bounded number of times) instead of
/// overflowing the stack, which would take the whole window down.
#[test]
fn a_form_that_draws_itself_does_not_take_the_process_down() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("loop.pdf"), paper::pdf_self_drawing_form()).unwrap();
    let corpus = Corpus::load(dir.path()).unwrap();
    let a = corpus.article("loop.pdf").expect("opens");
    let times = a.text.matches("again").count();
    assert!((1..=12).contains(&times), "{times} times");
}

/// A chapter nested 100,000 elements deep opens as its text, in time, with a warning.
#[test]
fn a_chapter_nested_a_hundred_thousand_deep_opens_as_text() {
    let deep = format!(
        "{}Deep words.{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let book = paper::epub("Deep", "A", &[("One", &deep), ("Two", "<p>Fine.</p>")], &[]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("deep.epub"), book).unwrap();
    let t = Instant::now();
    let corpus = Corpus::load(dir.path()).unwrap();
    assert!(t.elapsed() < Duration::from_secs(10));
    let a = corpus.article("deep.epub").expect("opens");
    assert!(a.text.contains("Deep words.") && a.text.contains("Fine."));
    let warning = a.warning.as_deref().unwrap_or_default();
    assert!(warning.contains("shown as their text"), "{warning:?}");
}

#[test]
fn a_scan_without_text_opens_and_says_why_it_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("scan.pdf"), paper::pdf_without_text()).unwrap();
    let corpus = Corpus::load(dir.path()).unwrap();
    let a = corpus.article("scan.pdf").expect("a scan opens, empty");
    let warning = a.warning.as_deref().unwrap_or_default();
    assert!(
        warning.contains("no text layer") && warning.contains("OCR"),
        "{warning}"
    );
}

#[test]
fn an_epub_written_here_keeps_headings_lists_notes_and_alt_text() {
    let dir = tempfile::tempdir().unwrap();
    let book = paper::epub(
        "A Small Book",
        "A. Writer",
        &[
            (
                "First Chapter",
                r##"<p>Opening <em>line</em> with a note<a href="#n1">1</a>.</p><ul><li>one item</li><li>two items</li></ul><p><img src="map.png" alt="a map of the coast"/></p><aside id="n1"><p>1. The footnote text.</p></aside>"##,
            ),
            (
                "Second Chapter",
                "<blockquote><p>A quoted line.</p></blockquote>",
            ),
        ],
        &[],
    );
    std::fs::write(dir.path().join("small.epub"), book).unwrap();
    let corpus = Corpus::load(dir.path()).unwrap();
    let a = corpus.article("small.epub").unwrap();
    assert_eq!(a.title, "A Small Book");
    assert_eq!(a.byline.as_deref(), Some("A. Writer"));
    assert_eq!(a.outlet.as_deref(), Some("Gloss Test Press"));
    for shown in [
        "Opening line",
        "one item",
        "a map of the coast",
        "The footnote text",
        "A quoted line",
    ] {
        assert!(a.text.contains(shown), "{shown:?} in {:?}", a.text);
    }
    let doc = a.document.as_ref().unwrap();
    let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
    assert!(kinds.contains(&BlockKind::Heading(1)));
    assert!(
        kinds
            .iter()
            .any(|k| matches!(k, BlockKind::ListItem { .. }))
    );
    assert!(kinds.contains(&BlockKind::Quote));
    let outline = a.outline();
    let titles: Vec<&str> = outline.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(titles, ["First Chapter", "Second Chapter"]);
    let second: String = a.text.chars().skip(outline[1].start).take(14).collect();
    assert_eq!(second, "Second Chapter");
}

fn gloss(corpus: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
        .arg("--corpus")
        .arg(corpus)
        .args(args)
        .env("HOME", corpus)
        .output()
        .unwrap()
}

/// A Hypothesis annotation made on the PDF in a browser (its target `urn:x-pdf:…`, positions
/// in PDF.js's text layer, a page selector) lands on the same words here by its quote, and
/// every export says which page it is on: W3C as an RFC 3778 fragment (the page's number in
/// the file), Markdown and CSV as the printed page label.
#[test]
fn a_hypothesis_note_on_a_pdf_imports_by_quote_and_exports_name_its_page() {
    let (dir, corpus) = corpus_of(&["libtasn1.pdf"]);
    let a = corpus.article("libtasn1.pdf").unwrap();
    let quote = "OBJECT IDENTIFIER: VALUE must be a null terminated string";
    assert!(a.text.contains(quote));
    let hypothesis = serde_json::json!([{
        "id": "Hx12", "uri": "urn:x-pdf:9f1c0e0b5d0b4b8f", "text": "check the OID form",
        "tags": ["oid"],
        "target": [{ "source": "urn:x-pdf:9f1c0e0b5d0b4b8f", "selector": [
            { "type": "TextPositionSelector", "start": 31337, "end": 31394 },
            { "type": "TextQuoteSelector", "exact": quote, "prefix": "FALSE.\n", "suffix": " with each" },
            { "type": "PageSelector", "index": 14, "label": "12" }
        ]}]
    }]);
    let file = dir.path().join("hypothesis.json");
    std::fs::write(&file, hypothesis.to_string()).unwrap();
    let out = gloss(
        dir.path(),
        &[
            "import",
            file.to_str().unwrap(),
            "--article",
            "libtasn1.pdf",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let w3c = gloss(dir.path(), &["export", "--format", "w3c"]);
    let exported: serde_json::Value = serde_json::from_slice(&w3c.stdout).unwrap();
    let selectors = exported[0]["target"]["selector"].as_array().unwrap();
    let position = selectors
        .iter()
        .find(|s| s["type"] == "TextPositionSelector")
        .expect("anchored");
    let start = position["start"].as_u64().unwrap() as usize;
    let end = position["end"].as_u64().unwrap() as usize;
    assert_eq!(
        a.slice(start..end),
        quote,
        "the same words, found by the quote"
    );
    let fragment = selectors
        .iter()
        .find(|s| s["type"] == "FragmentSelector")
        .expect("the page");
    assert_eq!(fragment["conformsTo"], "http://tools.ietf.org/rfc/rfc3778");
    assert_eq!(fragment["value"], "page=15", "the 15th page of the file");
    let md = gloss(dir.path(), &["export", "--format", "markdown"]);
    assert!(String::from_utf8_lossy(&md.stdout).contains("p. 12, chars"));
    let csv_out = gloss(dir.path(), &["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(&csv_out.stdout[..]);
    assert_eq!(reader.headers().unwrap().get(10), Some("page"));
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[10], "12", "the printed page label");
}

/// An EPUB 2 book (an NCX for contents, XHTML 1.1 chapters): its chapters, its author, and
/// the NCX as the outline.
#[test]
fn an_epub_2_book_reads_with_its_ncx_as_contents() {
    let dir = tempfile::tempdir().unwrap();
    let book = paper::epub2(
        "An Older Book",
        &[
            ("The First Part", "<p>It begins in <i>earnest</i> here.</p>"),
            ("The Second Part", "<p>It ends there.</p>"),
        ],
    );
    std::fs::write(dir.path().join("old.epub"), book).unwrap();
    let corpus = Corpus::load(dir.path()).unwrap();
    let a = corpus.article("old.epub").expect("an EPUB 2 opens");
    assert_eq!(a.title, "An Older Book");
    assert_eq!(a.byline.as_deref(), Some("An Old Writer"));
    assert!(a.text.contains("It begins in earnest here."));
    let outline = a.outline();
    let titles: Vec<&str> = outline.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(titles, ["The First Part", "The Second Part"]);
    let second: String = a.text.chars().skip(outline[1].start).take(15).collect();
    assert_eq!(second, "The Second Part");
}
