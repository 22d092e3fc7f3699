//! EPUB books (2 and 3), read with `rbook`: the chapters in spine order, each walked into
//! blocks by the same HTML walk saved web pages use (headings, emphasis, lists, quotations,
//! tables; footnotes as text, images as their alt text), into one document. Title, author and
//! publisher come from the package metadata; the navigation document (EPUB 3) or NCX (EPUB 2)
//! becomes the outline, each entry at its chapter — at its heading when the chapter shows
//! the entry's label.
//!
//! A broken zip, a missing package document or a book whose chapters are encrypted (DRM)
//! gives a reason, not a panic; the book is read on a thread of its own within
//! [`TIME_BUDGET`]. Nothing in a book runs: scripts and styles are dropped as for web pages.

use std::collections::HashMap;
use std::time::Duration;

use rbook::Epub;

use super::{Builder, Document, Meta, TocEntry};

/// Longest one book may take to read before it is given up with a reason.
pub const TIME_BUDGET: Duration = Duration::from_secs(20);

/// Most text (XHTML, package, navigation) a book may declare, inflated. The longest novels are
/// a few MB of XHTML; a zip that declares more is a zip bomb, refused before anything is
/// inflated (the zip reader stops at each entry's declared size).
pub const MAX_TEXT_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a book's text (see the module documentation); `Err` says why it cannot be read.
pub fn read(bytes: Vec<u8>) -> Result<Document, String> {
    super::on_reading_thread(TIME_BUDGET, move || read_here(bytes))
        .unwrap_or_else(|u| Err(u.reason("EPUB", TIME_BUDGET)))
}

fn read_here(bytes: Vec<u8>) -> Result<Document, String> {
    if !bytes.starts_with(b"PK") {
        return Err("is not an EPUB (not a zip archive)".into());
    }
    let declared = declared_text_bytes(&bytes)?;
    if declared > MAX_TEXT_BYTES {
        return Err(format!(
            "declares {} of text inflated, more than the {} a book may have (a zip bomb?); not read",
            crate::safe_file::megabytes(declared),
            crate::safe_file::megabytes(MAX_TEXT_BYTES)
        ));
    }
    let epub = Epub::read(std::io::Cursor::new(bytes))
        .map_err(|e| format!("is damaged and cannot be read as an EPUB ({e})"))?;
    if let Some(why) = protected(&epub) {
        return Err(why);
    }
    let mut b = Builder::default();
    // Where each chapter's text starts, by its path in the book.
    let mut chapters: HashMap<String, usize> = HashMap::new();
    let mut failed = 0;
    let mut too_deep = 0;
    for content in epub.reader() {
        let Ok(content) = content else {
            failed += 1;
            continue;
        };
        b.end();
        let path = content.manifest_entry().href().path().decode().into_owned();
        chapters.entry(path).or_insert(b.chars());
        let source = content.content();
        // As for web pages: a chapter nested past what the HTML parser handles in time (its
        // cost grows with the square of the depth) is shown as its text.
        // A chapter larger than a web page gloss builds a DOM for (a DOM holds ~55 times its
        // source) is shown as its text too.
        if source.len() > super::html::MAX_DOM_BYTES
            || super::html::nesting_depth(source, super::html::MAX_DEPTH) >= super::html::MAX_DEPTH
        {
            b.push_collapsed(&super::html::strip_tags(source));
            b.end();
            too_deep += 1;
            continue;
        }
        let page = dom_query::Document::from(source);
        match page.body() {
            Some(body) => super::html::walk(&body, &mut b, &[]),
            None => super::html::walk(&page.root(), &mut b, &[]),
        }
    }
    let meta = metadata(&epub);
    let mut doc = b.finish(meta);
    doc.toc = contents(&epub, &doc, &chapters);
    if failed > 0 {
        doc.warning = Some(format!(
            "{failed} chapters could not be read and are left out"
        ));
    } else if too_deep > 0 {
        doc.warning = Some(format!(
            "{too_deep} chapters are too large or nest their elements too deep (more than {} \
             or {} deep) to lay out: shown as their text",
            crate::safe_file::megabytes(super::html::MAX_DOM_BYTES as u64),
            super::html::MAX_DEPTH
        ));
    } else if doc.text.trim().is_empty() {
        doc.warning = Some("this book has no text (only images?)".into());
    }
    Ok(doc)
}

/// How many bytes the book's text entries (everything but images, fonts, audio and video)
/// say they inflate to.
fn declared_text_bytes(bytes: &[u8]) -> Result<u64, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| {
        "is damaged or cut short (not a complete zip archive) and cannot be read as an EPUB"
            .to_owned()
    })?;
    let media = [
        ".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".otf", ".ttf", ".woff", ".woff2",
        ".mp3", ".mp4", ".m4a", ".ogg", ".webm",
    ];
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else {
            continue;
        };
        let name = entry
            .name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        if !media.iter().any(|m| name.ends_with(m)) {
            total = total.saturating_add(entry.size());
        }
    }
    Ok(total)
}

/// Why a book cannot be read because it is protected (Adobe ADEPT, Readium LCP and other
/// DRM encrypt the chapters, listed in `encryption.xml`; a font obfuscated by the IDPF or
/// Adobe algorithm is not protection, and the text reads).
fn protected(epub: &Epub) -> Option<String> {
    let drm =
        "is protected by DRM (its chapters are encrypted); gloss reads only unprotected books";
    if epub.contains_resource("/META-INF/rights.xml") {
        return Some(drm.into());
    }
    let encryption = epub.read_resource_str("/META-INF/encryption.xml").ok()?;
    let encrypted_text = encryption
        .split("URI=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .any(|uri| {
            let uri = uri.to_ascii_lowercase();
            uri.ends_with(".xhtml") || uri.ends_with(".html") || uri.ends_with(".htm")
        });
    encrypted_text.then(|| drm.into())
}

/// Title, first author and publisher.
fn metadata(epub: &Epub) -> Meta {
    let m = epub.metadata();
    let clean = |s: &str| {
        let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
        (!t.is_empty()).then_some(t)
    };
    Meta {
        title: m.title().and_then(|t| clean(t.value())),
        byline: m.creators().next().and_then(|c| clean(c.value())),
        site: m.publishers().next().and_then(|p| clean(p.value())),
        published: m.published_entry().and_then(|d| clean(d.value())),
    }
}

/// The book's table of contents, each entry at its chapter's start — or at its label's text
/// inside that chapter, for an entry that points into the middle of one.
fn contents(epub: &Epub, doc: &Document, chapters: &HashMap<String, usize>) -> Vec<TocEntry> {
    let Some(root) = epub.toc().contents() else {
        return Vec::new();
    };
    let sections = super::Sections::new(&doc.text, chapters.values().copied().collect());
    root.flatten()
        .filter_map(|entry| {
            let href = entry.href()?;
            let start = *chapters.get(href.path().decode().as_ref())?;
            let title = entry
                .label()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let at = if href.fragment().is_some() {
                sections.place(start, &title)
            } else {
                start
            };
            Some(TocEntry {
                level: entry.depth().clamp(1, 6) as u8,
                title,
                start: at,
            })
        })
        .collect()
}
