//! Articles that are more than plain text: Markdown clippings and saved web pages, turned
//! into the text the reader sees — markup removed, as a web annotator counts a rendered page —
//! plus what the reading view needs to show it as a document: each block's kind (heading,
//! list item, quotation, code…) and the inline styles (emphasis, strong, code, links).
//!
//! Every position of gloss (selectors, anchoring, search, comparison) counts chars of
//! [`Document::text`]; blocks and styles are char ranges of it. Blocks are separated by one
//! `\n`, so the paragraph table splits the text exactly at blocks.

pub mod charset;
pub mod epub;
pub mod html;
pub mod markdown;
pub mod pages;
pub mod pdf;
pub mod pdf_labels;
pub mod pdf_layout;
pub mod pdf_paragraphs;

use std::ops::Range;

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// Heading level 1–6.
    Heading(u8),
    /// A list item; `number` for an ordered list.
    ListItem {
        number: Option<u64>,
    },
    /// A paragraph inside a block quotation.
    Quote,
    /// Preformatted code.
    Code,
    /// A thematic break (drawn as a rule).
    Rule,
    /// One row of a table (cells separated by tabs).
    TableRow {
        header: bool,
    },
}

/// A block: a char range of the text (without its closing `\n`), its kind, and how deeply
/// it is nested in lists and quotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub range: Range<usize>,
    pub kind: BlockKind,
    pub depth: u8,
    /// Inside a block quotation (at any depth).
    pub quoted: bool,
}

/// An inline style over a char range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Emphasis,
    Strong,
    Code,
    Strike,
    /// A link and where it goes (never followed without asking).
    Link(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub range: Range<usize>,
    pub style: Inline,
}

/// A table: consecutive table-row blocks, and how wide each column's longest cell is (in
/// chars), so the reading view lines the cells of every row up in the same columns without
/// looking at the other rows each frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Indices into [`Document::blocks`].
    pub rows: Range<usize>,
    /// The longest cell of each column, in chars.
    pub widths: Vec<usize>,
    /// The longest word of each column, in chars: narrower, the column breaks words.
    pub words: Vec<usize>,
}

/// A page of a paginated source (a PDF): where its text begins and the label printed on it
/// ("12", "xiv"; its number in the file when none is printed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub start: usize,
    pub label: String,
}

/// An entry of the document's own table of contents (an EPUB's navigation document or NCX, a
/// PDF's bookmarks): the outline is taken from it rather than guessed from headings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    /// 1 is the outermost.
    pub level: u8,
    pub title: String,
    pub start: usize,
}

/// A document's sections (an EPUB's chapters, a PDF's pages), found once so that contents
/// entries can be placed on their headings without walking the whole text per entry.
pub(crate) struct Sections<'a> {
    text: &'a str,
    /// Each section's first char, sorted.
    starts: Vec<usize>,
    /// The byte of each start, then the text's end.
    bytes: Vec<usize>,
}

impl<'a> Sections<'a> {
    /// Sections beginning at these chars of `text` (in one pass over it).
    pub(crate) fn new(text: &'a str, mut starts: Vec<usize>) -> Sections<'a> {
        starts.sort_unstable();
        starts.dedup();
        let mut bytes = Vec::with_capacity(starts.len() + 1);
        let mut wanted = starts.iter().peekable();
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            while wanted.peek() == Some(&&chars) {
                bytes.push(byte);
                wanted.next();
            }
        }
        bytes.resize(starts.len(), text.len());
        bytes.push(text.len());
        Sections {
            text,
            starts,
            bytes,
        }
    }

    /// Where an entry titled `title` for the section starting at char `start` lands: the
    /// first place the section writes the title (its heading), else the section's start.
    pub(crate) fn place(&self, start: usize, title: &str) -> usize {
        let Ok(i) = self.starts.binary_search(&start) else {
            return start;
        };
        let (from, to) = (self.bytes[i], self.bytes[i + 1].max(self.bytes[i]));
        let within = &self.text[from..to];
        if title.is_empty() {
            return start;
        }
        within
            .find(title)
            .map_or(start, |b| start + within[..b].chars().count())
    }
}

/// What the file says about itself (web pages: their metadata; Markdown: its first heading).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site: Option<String>,
    pub published: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The displayed text: blocks, each followed by `\n`.
    pub text: String,
    /// Sorted, not overlapping.
    pub blocks: Vec<Block>,
    /// Sorted by start.
    pub spans: Vec<Span>,
    pub meta: Meta,
    /// The tables, in order (their rows' cells are separated by tabs).
    pub tables: Vec<Table>,
    /// Why the document may not read as expected (a page with no article found).
    pub warning: Option<String>,
    /// A PDF's pages, in order (empty for other documents).
    pub pages: Vec<Page>,
    /// The file's own table of contents, when it has one (EPUB, PDF bookmarks).
    pub toc: Vec<TocEntry>,
}

/// Why a reading thread gave no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unfinished {
    /// The reader panicked (a parser's unwrap on a damaged file).
    Failed,
    /// It took longer than its budget; it is left to finish on its own, its answer dropped.
    TookTooLong,
}

impl Unfinished {
    /// What a file of `kind` ("PDF", "EPUB") says when its reader gave no answer.
    pub(crate) fn reason(self, kind: &str, budget: std::time::Duration) -> String {
        match self {
            Unfinished::Failed => {
                format!("the {kind} reader failed on this file (it may be damaged)")
            }
            Unfinished::TookTooLong => format!(
                "reading it took longer than {} s; it may be damaged",
                budget.as_secs()
            ),
        }
    }
}

/// The name (prefix) of the threads that read documents: a parser's panic on them is a
/// damaged file, reported as the file's reason, not a crash (see [`quiet_reader_panics`]).
pub const READER_THREAD: &str = "gloss-read";

/// Keeps the panics of third-party parsers on the reading threads (`pdf-extract` unwraps on a
/// damaged content stream) off the terminal: each is caught and becomes the file's reason or
/// warning ("1 of its 3 pages could not be read"), so the default "thread panicked … stack
/// backtrace" would only alarm. Logged at debug level instead. Panics elsewhere print as before.
pub fn quiet_reader_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let on_reader = std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with(READER_THREAD));
        if on_reader {
            log::debug!("a document reader failed (caught): {info}");
        } else {
            default(info);
        }
    }));
}

/// Runs `read` on a thread of its own with a large stack (parsers recurse on deep nesting)
/// and waits for it at most `budget`: a damaged or hostile file costs a message, never the
/// process or a hang.
pub(crate) fn on_reading_thread<T: Send + 'static>(
    budget: std::time::Duration,
    read: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Unfinished> {
    on_reading_thread_ticking(budget, read, || {})
}

/// [`on_reading_thread`], calling `tick` on the waiting thread every tenth of a second (to
/// pass the reader's progress on to a progress bar the reading thread cannot hold).
pub(crate) fn on_reading_thread_ticking<T: Send + 'static>(
    budget: std::time::Duration,
    read: impl FnOnce() -> T + Send + 'static,
    mut tick: impl FnMut(),
) -> Result<T, Unfinished> {
    let (send, answer) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name(READER_THREAD.into())
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
            let _ = send.send(result);
        })
        .map_err(|_| Unfinished::Failed)?;
    let deadline = std::time::Instant::now() + budget;
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let wait = left.min(std::time::Duration::from_millis(100));
        match answer.recv_timeout(wait) {
            Ok(Ok(value)) => {
                tick();
                return Ok(value);
            }
            Ok(Err(_)) => return Err(Unfinished::Failed),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                return Err(Unfinished::Failed);
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) if left.is_zero() => {
                return Err(Unfinished::TookTooLong);
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => tick(),
        }
    }
}

/// Whether a link's target can be opened in the reader's browser, and the exact address that
/// will be opened — or why not. Only web and mail addresses are: a saved page's relative links
/// point at files that were never saved, an in-page anchor has nowhere to go outside the page,
/// and `javascript:` or `file:` targets are never followed (nothing in an article runs or
/// reaches the disk).
///
/// The target is parsed by a real URL parser (`url`, the WHATWG rules browsers follow) and
/// only its re-serialised form is passed on, so what the reader confirms is what opens: a
/// text that merely starts with `http:` but does not parse (`http://a:99999/../x`) is refused
/// rather than handed to an opener that would fall back to a local path. Also refused: tabs,
/// line breaks and other control characters inside (the parser would drop them silently), a
/// backslash (read as `/`), `http:host` without `//`, and a user name or password before the
/// host (`https://bank.example@evil.example` goes to evil.example). A `mailto:` keeps only its
/// recipients, `subject` and `cc` — never `attach` or other headers.
pub fn openable(href: &str) -> Result<String, &'static str> {
    let href = href.trim();
    let scheme = href
        .split_once(':')
        .map(|(s, _)| s.to_ascii_lowercase())
        .filter(|s| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        });
    match scheme.as_deref() {
        Some("http" | "https" | "mailto") => {}
        Some(_) => return Err("Only web and mail links are opened."),
        None if href.starts_with('#') => {
            return Err("This link points elsewhere in the same page.");
        }
        None if href.starts_with("//") => return Err("This link has no scheme (http or https)."),
        None => {
            return Err("This link points at a file next to the saved page, which was not saved.");
        }
    }
    if href.chars().any(char::is_control) {
        return Err("This link has tabs, line breaks or control characters inside; not opened.");
    }
    if href.contains('\\') {
        return Err("This link has a backslash, which browsers read as another address.");
    }
    let url = url::Url::parse(href).map_err(|_| "This link is not a valid web address.")?;
    match url.scheme() {
        "http" | "https" => {
            let after_scheme = &href[url.scheme().len() + 1..];
            if !after_scheme.starts_with("//") || after_scheme.starts_with("///") {
                return Err("This link is malformed (no // after the scheme).");
            }
            if !url.username().is_empty() || url.password().is_some() {
                return Err("This link hides its real address behind a user name; not opened.");
            }
            if url.host_str().is_none_or(str::is_empty) {
                return Err("This link has no host.");
            }
            Ok(url.to_string())
        }
        "mailto" => {
            let mut clean = url::Url::parse(&format!("mailto:{}", url.path()))
                .map_err(|_| "This mail link is not valid.")?;
            let kept: Vec<(String, String)> = url
                .query_pairs()
                .filter(|(k, _)| ["to", "subject", "cc"].contains(&k.to_ascii_lowercase().as_str()))
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            if !kept.is_empty() {
                clean.query_pairs_mut().extend_pairs(kept);
            }
            Ok(clean.to_string())
        }
        _ => Err("Only web and mail links are opened."),
    }
}

/// How much of `reference`'s wording `text` has, as (precision, recall) over words (lower
/// case, letters and digits; each word counted as often as it occurs). The measure the
/// extraction of web pages is checked by against Reader View's output: a page's furniture
/// lowers precision, a lost paragraph lowers recall.
pub fn word_overlap(text: &str, reference: &str) -> (f64, f64) {
    use std::collections::HashMap;
    fn counts(s: &str) -> HashMap<String, usize> {
        let mut m = HashMap::new();
        for w in s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            *m.entry(w.to_lowercase()).or_insert(0) += 1;
        }
        m
    }
    let (ours, theirs) = (counts(text), counts(reference));
    let common: usize = ours
        .iter()
        .map(|(w, n)| (*n).min(theirs.get(w).copied().unwrap_or(0)))
        .sum();
    let total = |m: &HashMap<String, usize>| m.values().sum::<usize>().max(1) as f64;
    (common as f64 / total(&ours), common as f64 / total(&theirs))
}

impl Document {
    /// Each block's kind and text (tests read a rendering this way).
    #[cfg(test)]
    pub(crate) fn block_texts(&self) -> Vec<(BlockKind, String)> {
        self.blocks
            .iter()
            .map(|b| {
                let text = self.text.chars().skip(b.range.start).take(b.range.len());
                (b.kind, text.collect())
            })
            .collect()
    }

    /// The table whose row holds char `c`, if any.
    pub fn table_at(&self, c: usize) -> Option<&Table> {
        let i = self.blocks.partition_point(|b| b.range.end < c);
        let t = self.tables.partition_point(|t| t.rows.end <= i);
        self.tables.get(t).filter(|t| t.rows.contains(&i))
    }

    /// Groups the table rows into tables and measures their columns.
    fn find_tables(&mut self) {
        let mut tables: Vec<Table> = Vec::new();
        for (i, block) in self.blocks.iter().enumerate() {
            if !matches!(block.kind, BlockKind::TableRow { .. }) {
                continue;
            }
            let text: String = self
                .text
                .chars()
                .skip(block.range.start)
                .take(block.range.len())
                .collect();
            let cells: Vec<(usize, usize)> = text
                .split('\t')
                .map(|c| {
                    let word = c.split_whitespace().map(|w| w.chars().count()).max();
                    (c.chars().count(), word.unwrap_or(0))
                })
                .collect();
            let goes_on = tables.last().is_some_and(|t| t.rows.end == i);
            if !goes_on {
                tables.push(Table {
                    rows: i..i,
                    widths: Vec::new(),
                    words: Vec::new(),
                });
            }
            let table = tables.last_mut().expect("just pushed");
            table.rows.end = i + 1;
            if table.widths.len() < cells.len() {
                table.widths.resize(cells.len(), 0);
                table.words.resize(cells.len(), 0);
            }
            for (k, (chars, word)) in cells.into_iter().enumerate() {
                table.widths[k] = table.widths[k].max(chars);
                table.words[k] = table.words[k].max(word);
            }
        }
        self.tables = tables;
    }

    /// The block holding char `c`, if any.
    pub fn block_at(&self, c: usize) -> Option<&Block> {
        let i = self.blocks.partition_point(|b| b.range.end < c);
        self.blocks.get(i).filter(|b| b.range.start <= c)
    }

    /// The page char `c` is on (a PDF's; `None` for other documents).
    pub fn page_at(&self, c: usize) -> Option<&Page> {
        self.pages.get(self.page_index_at(c)?)
    }

    /// The index in [`Document::pages`] of the page char `c` is on.
    pub fn page_index_at(&self, c: usize) -> Option<usize> {
        self.pages.partition_point(|p| p.start <= c).checked_sub(1)
    }

    /// Where the link holding char `c` goes, if `c` is in a link.
    pub fn link_at(&self, c: usize) -> Option<&str> {
        // Spans are sorted by start; a link is short, so only spans starting before `c` and
        // not long before it can hold it.
        let end = self.spans.partition_point(|s| s.range.start <= c);
        self.spans[..end].iter().rev().find_map(|s| match &s.style {
            Inline::Link(href) if s.range.contains(&c) => Some(href.as_str()),
            _ => None,
        })
    }

    /// The inline styles overlapping `range`.
    pub fn spans_in(&self, range: Range<usize>) -> impl Iterator<Item = &Span> {
        self.spans
            .iter()
            .filter(move |s| s.range.start < range.end && s.range.end > range.start)
    }
}

/// Builds a document block by block: text goes into the open block, styles open and close
/// around it, and a block that ends with nothing but white space leaves no trace.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    doc: Document,
    chars: usize,
    /// The open block: kind, depth, quoted, and where it starts (char, byte).
    block: Option<(BlockKind, u8, bool, usize, usize)>,
    open: Vec<(Inline, usize)>,
    /// HTML: white space collapses and a space waits until the next word.
    pending_space: bool,
    /// Cells begun in the open table row.
    cells: usize,
}

impl Builder {
    /// Starts a block (ending the one open).
    pub fn start(&mut self, kind: BlockKind, depth: u8, quoted: bool) {
        self.end();
        self.block = Some((kind, depth, quoted, self.chars, self.doc.text.len()));
        self.pending_space = false;
        self.cells = 0;
    }

    /// A table cell begins: a tab before every cell but a row's first, empty ones too, so the
    /// cells of every row fall in the same columns.
    pub fn table_cell(&mut self) {
        if self.cells > 0 {
            self.pending_space = false;
            self.push_raw("\t");
        }
        self.cells += 1;
    }

    /// Chars written so far: where the next text lands.
    pub fn chars(&self) -> usize {
        self.chars + usize::from(self.pending_space)
    }

    /// Takes the last char back out (a PDF's line-end hyphen inside a word).
    pub fn drop_last_char(&mut self) {
        if self.doc.text.pop().is_some() {
            self.chars -= 1;
        }
    }

    /// Whether a block is open.
    pub fn in_block(&self) -> bool {
        self.block.is_some()
    }

    /// Ends the open block, if any: recorded when it holds something, then `\n`.
    pub fn end(&mut self) {
        let Some((kind, depth, quoted, start, start_byte)) = self.block.take() else {
            return;
        };
        self.pending_space = false;
        let empty = self.doc.text[start_byte..].trim().is_empty();
        if empty && kind != BlockKind::Rule {
            // Nothing shown: take the white space back out.
            self.doc.text.truncate(start_byte);
            self.chars = start;
            self.doc.spans.retain(|s| s.range.start < start);
            return;
        }
        if kind == BlockKind::Rule && empty {
            self.doc.text.push('―');
            self.chars += 1;
        }
        // Trailing white space of a block (a code block's last line break) is not shown.
        while self.doc.text.len() > start_byte && self.doc.text.ends_with([' ', '\t', '\n']) {
            self.doc.text.pop();
            self.chars -= 1;
        }
        let end = self.chars;
        for s in &mut self.doc.spans {
            s.range.end = s.range.end.min(end);
        }
        self.doc.blocks.push(Block {
            range: start..end,
            kind,
            depth,
            quoted,
        });
        self.doc.text.push('\n');
        self.chars += 1;
    }

    /// Text as it is (Markdown text, code): appended unchanged.
    pub fn push_raw(&mut self, s: &str) {
        if self.block.is_none() {
            self.start(BlockKind::Paragraph, 0, false);
        }
        if self.pending_space {
            self.doc.text.push(' ');
            self.chars += 1;
            self.pending_space = false;
        }
        self.doc.text.push_str(s);
        self.chars += s.chars().count();
    }

    /// HTML text: white-space runs collapse to one space; none at the start of a block.
    pub fn push_collapsed(&mut self, s: &str) {
        for (i, word) in s.split(|c: char| c.is_whitespace()).enumerate() {
            if i > 0 {
                self.pending_space = true;
            }
            if word.is_empty() {
                continue;
            }
            let at_start = self
                .block
                .as_ref()
                .is_none_or(|(_, _, _, start, _)| *start == self.chars)
                || self.doc.text.ends_with('\t');
            if at_start {
                self.pending_space = false;
            }
            self.push_raw(word);
        }
    }

    /// A forced line break inside a block.
    pub fn line_break(&mut self) {
        self.pending_space = false;
        // A table row is one line of the text (one paragraph): a break in a cell is a space.
        if let Some((BlockKind::TableRow { .. }, ..)) = self.block {
            self.push_raw(" ");
        } else if self.block.is_some() {
            self.doc.text.push('\n');
            self.chars += 1;
        }
    }

    pub fn open(&mut self, style: Inline) {
        // A space waiting at the start of a block or a cell is never written (see
        // `push_collapsed`), so the styled text starts right here.
        let at_start = self
            .block
            .as_ref()
            .is_none_or(|(_, _, _, start, _)| *start == self.chars)
            || self.doc.text.ends_with('\t');
        let at = self.chars + usize::from(self.pending_space && !at_start);
        self.open.push((style, at));
    }

    pub fn close(&mut self) {
        if let Some((style, start)) = self.open.pop()
            && self.chars > start
        {
            self.doc.spans.push(Span {
                range: start..self.chars,
                style,
            });
        }
    }

    pub fn finish(mut self, meta: Meta) -> Document {
        self.end();
        self.open.clear();
        self.doc.spans.sort_by_key(|s| (s.range.start, s.range.end));
        self.doc.meta = meta;
        self.doc.find_tables();
        self.doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_open() {
        assert_eq!(
            openable(" https://example.org/a "),
            Ok("https://example.org/a".to_owned())
        );
        assert!(openable("HTTP://example.org").is_ok());
        assert!(openable("mailto:desk@example.org").is_ok());
        for refused in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "#section-2",
            "../images/map.html",
            "//cdn.example.org/x",
            "data:text/html,hi",
        ] {
            assert!(openable(refused).is_err(), "{refused}");
        }
    }

    /// The WHATWG edge cases: what does not parse is refused (it once reached the browser
    /// opener as a local path), what parses is passed on re-serialised.
    #[test]
    fn links_are_parsed_as_browsers_do_and_only_their_clean_form_is_opened() {
        for refused in [
            "http://a:99999/../../../../tmp/evil.html", // port out of range
            "http://a:-1/x",
            "http://[::1/x",
            "http:\\\\evil.example\\x", // backslashes
            "http://evil.example\\@good.example/",
            "ht\ttp://evil.example/",             // tab inside
            "http://evil.\nexample/",             // line break inside
            "http:evil.example",                  // no //
            "https://bank.example@evil.example/", // user name
            "https://user:pass@evil.example/",
            "http://",
            "http:///path-only",
        ] {
            assert!(openable(refused).is_err(), "{refused:?} should be refused");
        }
        assert_eq!(
            openable("HTTP://EXAMPLE.org:80/a/../b?q=1#x").unwrap(),
            "http://example.org/b?q=1#x"
        );
        // IDNA: the real (punycode) host is what is opened and shown.
        assert_eq!(
            openable("https://bücher.example/").unwrap(),
            "https://xn--bcher-kva.example/"
        );
        assert_eq!(
            openable("https://ex\u{0430}mple.com/").unwrap(),
            "https://xn--exmple-4nf.com/"
        );
        assert_eq!(
            openable("https://example.org/a b").unwrap(),
            "https://example.org/a%20b"
        );
    }

    #[test]
    fn a_mail_link_keeps_only_recipients_subject_and_cc() {
        assert_eq!(
            openable(
                "mailto:desk@example.org?subject=Hi&attach=/etc/passwd&cc=b@example.org&body=x"
            )
            .unwrap(),
            "mailto:desk@example.org?subject=Hi&cc=b%40example.org"
        );
        assert_eq!(
            openable("mailto:desk@example.org").unwrap(),
            "mailto:desk@example.org"
        );
    }

    #[test]
    fn word_overlap_counts_words_as_often_as_they_occur() {
        assert_eq!(
            word_overlap("The cat, the hat.", "the hat the cat"),
            (1.0, 1.0)
        );
        let (p, r) = word_overlap("menu the cat", "the cat sat down");
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 0.5).abs() < 1e-9);
        assert_eq!(word_overlap("", "words"), (0.0, 0.0));
    }

    #[test]
    fn the_link_at_a_char() {
        let doc = Document {
            text: "see the map and the list\n".into(),
            spans: vec![
                Span {
                    range: 4..11,
                    style: Inline::Emphasis,
                },
                Span {
                    range: 8..11,
                    style: Inline::Link("https://example.org/map".into()),
                },
                Span {
                    range: 20..24,
                    style: Inline::Link("#list".into()),
                },
            ],
            ..Document::default()
        };
        assert_eq!(doc.link_at(8), Some("https://example.org/map"));
        assert_eq!(doc.link_at(10), Some("https://example.org/map"));
        assert_eq!(doc.link_at(11), None);
        assert_eq!(doc.link_at(5), None);
        assert_eq!(doc.link_at(22), Some("#list"));
    }
}
