//! # gloss — read articles side by side, highlight, annotate
//!
//! The crate is split in two. The **data core** knows nothing about egui and is what the CLI
//! and the tests use directly:
//!
//! | module | owns |
//! | --- | --- |
//! | [`text`] | decoding (BOM, CRLF, lossy UTF-8), the paragraph table, char/byte offsets, content hashes |
//! | [`document`] | Markdown, web-page, EPUB and PDF articles: the displayed text, its blocks and styles, metadata, a PDF's pages (laid out from its glyphs) and a book's contents |
//! | [`corpus`] | a folder of `.txt`/`.md`/`.html`/`.pdf`/`.epub` articles, titles, skipped files and why, the folder's signature |
//! | [`annotation`] | the annotation model: quote + position selectors, colour, note, times |
//! | [`anchor`] | finding an annotation's passage in the current article text (through a kept version's diff when there is one) |
//! | [`versions`] | the article texts annotations were anchored to, kept compressed; diffs between versions and what changed |
//! | [`link`] | links between two annotations (relation, note), dismissed compare suggestions |
//! | [`notes`] | everything one notes file holds: annotations, links, dismissals |
//! | [`notebook`] | the annotations and the only door that changes them: [`notebook::Command`], undo/redo, which annotation each revision touched |
//! | [`store`] | `annotations.ron`: versioned, atomic save, backup, lock, merge of outside edits, never overwriting what it can't read; [`store::SaveError`] |
//! | [`workspace`] | one open corpus + notebook + anchors + notes file; the rules that protect notes; selection → highlight; re-reading changed articles in worker-sized steps |
//! | [`watch`] | the corpus folder watched (`notify`), with a slow timed check where watching fails |
//! | [`job`] | every piece of background work: a worker thread, progress the UI reads for free, cancellation |
//! | [`session`] | the reader's session without a window: the workspace, opening, autosave, watching, the lock, compare results, scrolling in step; `tick` and its effects |
//! | [`startup`] | the start-up probe (`GLOSS_STARTUP_PROBE=1`) |
//! | [`check`] | `gloss check`: the state of a corpus's notes |
//! | [`tags`] | tags on highlights: normalising, tags in use, rename / merge / delete everywhere as one command |
//! | [`filter`] | which annotations a notes-panel filter keeps (text, colours, tags, article, note, state) |
//! | [`desktop_entry`] | `gloss desktop-install`: the launcher entry and icons into the desktop's folders |
//! | [`outline`] | an article's headings or chapters (plain-text books too), to jump by |
//! | [`overview`] | the overview grid: tags and colours by article, counts, possible omissions |
//! | [`search`] | find in an article, search everywhere: folding (case, accents, quotes, white space) with the way back to char positions |
//! | [`compare`] | corresponding passages of two articles (copied or reworded, any order), corpus boilerplate set aside |
//! | [`export`] | W3C Web Annotation JSON-LD, Markdown and CSV (a PDF's page in each) |
//! | [`import`] | W3C Web Annotation and Hypothesis JSON, anchored on the way in |
//! | [`safe_file`] | opening gloss's own files as plain files only (no links, FIFOs, devices), sizes checked first, atomic writes |
//! | [`spreadsheet`] | CSV cells that a spreadsheet would run as formulas, written as text |
//! | [`limits`] | every size limit (notes file, quote, note, article, import), checked before the work |
//!
//! Imports go one way, lowest first: `safe_file`, `limits`, `job`, `reflow`, `spreadsheet` (leaves) ←
//! `text` ← `corpus` ← `annotation`, `link`, `notes`, `versions` ← `anchor`, `store` ← `notebook`, `watch` ← `workspace` ←
//! `check`, `export`, `import`, `session` ← `ui` ← the CLI; `compare` is a leaf. No module imports one above it.
//!
//! The **UI** ([`ui`]) is a shell around a [`session::Session`]: it ticks it from `logic`,
//! carries out its effects, and reads its [`workspace::Workspace`] through one per-frame
//! [`ui::context::FrameCtx`] and changes it only by sending actions that become notebook
//! commands, so undo, autosave and tests see every change the same way.
//!
//! All text positions are `char` offsets into the normalised article text, end exclusive.

pub mod anchor;
pub mod annotation;
pub mod check;
pub mod compare;
pub mod corpus;
pub mod desktop_entry;
pub mod document;
pub mod export;
pub mod filter;
pub mod import;
pub mod job;
pub mod limits;
pub mod link;
pub mod notebook;
pub mod notes;
pub mod outline;
pub mod overview;
pub mod reflow;
pub mod safe_file;
pub mod search;
pub mod session;
pub mod spreadsheet;
pub mod startup;
pub mod store;
pub mod tags;
pub mod text;
pub mod ui;
pub mod versions;
pub mod watch;
pub mod workspace;
