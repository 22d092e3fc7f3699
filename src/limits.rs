//! How much gloss takes, in one place, so that what it writes it can always read back.
//!
//! Every limit is checked *before* the work it protects: a file's size from its metadata
//! before it is read, a highlight's length before it is anchored or stored, the notes file's
//! size before a change that would grow it is accepted. A limit that is hit is reported with
//! the number that hit it; nothing is cut short silently.
//!
//! The figures behind each value are in `BENCHMARKS.md` ("Limits").

/// The largest notes file gloss reads or writes: 32 MB, about 40,000 annotations with short
/// notes (four times the notebook the frames benchmark keeps smooth). Measured
/// (`cargo bench --bench limits`): opening grows linearly, 178 ms for 8 MB, 379 ms for 16 MB,
/// 550 ms for 24 MB — so about 0.75 s and ~130 MB at the limit; twice that (the old 64 MB
/// limit) would make opening a corpus take a second and a half. Saving refuses to write a
/// larger file and the notebook refuses a change that would make one, so gloss never writes
/// what it would then refuse to read.
pub const MAX_NOTES_BYTES: u64 = 32 * 1000 * 1000;

/// The longest passage one highlight may quote, in chars: about twelve printed pages. Longer
/// selections are refused with a message. Re-anchoring a quote costs time in proportion to its
/// length times the article's (approximate search), so an unbounded quote would let one
/// imported annotation stall opening a corpus for minutes.
pub const MAX_QUOTE_CHARS: usize = 20_000;

/// The longest note, in chars (about forty printed pages).
pub const MAX_NOTE_CHARS: usize = 100_000;

/// The longest tag, in chars. A tag is a label shown as a chip, listed in menus and written
/// into every export's cells; 200 chars is a long sentence. Without a bound, one imported
/// 30 MB "tag" was stored and drawn in every tag list.
pub const MAX_TAG_CHARS: usize = 200;

/// Articles larger than this are refused: gloss keeps whole texts in memory and a file this
/// size is almost certainly not an article.
pub const MAX_ARTICLE_BYTES: u64 = 50 * 1024 * 1024;

/// PDFs and EPUBs larger than this are refused. They carry images and fonts beside their
/// text (a 500-page PDF report is often 60–100 MB); the file is held in memory while its text
/// is read, and only the text is kept, so the limit is the file's, not the text's.
pub const MAX_BOOK_BYTES: u64 = 200 * 1024 * 1024;

/// The largest file `gloss import` reads (W3C or Hypothesis JSON carries more per annotation
/// than the notes file, hence twice the notes limit).
pub const MAX_IMPORT_BYTES: u64 = 2 * MAX_NOTES_BYTES;
