//! Generated PDFs and EPUBs for the tests and benches: a book of any number of pages with a
//! running header and page numbers, a scan without a text layer, and EPUBs written by hand
//! (so a test can also write a broken or protected one). Real documents are in
//! `tests/fixtures/documents/`; these cover sizes and damage no real sample shows.

#![allow(dead_code)]

use std::io::Write;

use pdf_extract::content::{Content, Operation};
use pdf_extract::{Object, Stream, dictionary};

/// Points per line, and the line width in chars of the generated book.
const LEADING: f64 = 13.0;
const CHARS_PER_LINE: usize = 80;

/// A book of `pages` pages of `words` (repeated as needed), in Helvetica 10 pt: the running
/// header "A Generated Book" and the page number (from 1) on every page, a chapter heading in
/// 16 pt every ten pages, paragraphs of six lines with a first-line indent.
pub fn pdf_book(pages: usize, words: &[&str]) -> Vec<u8> {
    let mut doc = pdf_extract::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut kids = Vec::new();
    let mut next_word = 0;
    for page in 0..pages {
        let mut ops = vec![Operation::new("BT", vec![])];
        let line_at = |ops: &mut Vec<Operation>, size: i64, x: f64, y: f64, text: &str| {
            ops.push(Operation::new("Tf", vec!["F1".into(), size.into()]));
            ops.push(Operation::new(
                "Tm",
                vec![1.into(), 0.into(), 0.into(), 1.into(), x.into(), y.into()],
            ));
            ops.push(Operation::new("Tj", vec![Object::string_literal(text)]));
        };
        line_at(&mut ops, 9, 72.0, 760.0, "A Generated Book");
        let mut y = 720.0;
        if page % 10 == 0 {
            line_at(&mut ops, 16, 72.0, y, &format!("Chapter {}", page / 10 + 1));
            y -= 2.0 * LEADING;
        }
        let mut line_no = 0;
        while y > 80.0 {
            let mut line = String::new();
            while line.len() < CHARS_PER_LINE - 12 {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(words[next_word % words.len()]);
                next_word += 1;
            }
            let last_of_paragraph = line_no % 6 == 5;
            if last_of_paragraph {
                line.push('.');
            }
            let x = if line_no % 6 == 0 { 90.0 } else { 72.0 };
            line_at(&mut ops, 10, x, y, &line);
            y -= LEADING;
            line_no += 1;
        }
        line_at(&mut ops, 9, 300.0, 40.0, &(page + 1).to_string());
        ops.push(Operation::new("ET", vec![]));
        let content = Content { operations: ops };
        let stream = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        kids.push(
            doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => stream,
            })
            .into(),
        );
    }
    finish(doc, pages_id, kids, resources)
}

/// One page with a filled rectangle and no text, as a scan without OCR looks to a reader.
pub fn pdf_without_text() -> Vec<u8> {
    let mut doc = pdf_extract::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let resources = doc.add_object(dictionary! {});
    let ops = vec![
        Operation::new("re", vec![72.into(), 72.into(), 400.into(), 600.into()]),
        Operation::new("f", vec![]),
    ];
    let content = Content { operations: ops };
    let stream = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => stream,
    });
    finish(doc, pages_id, vec![page.into()], resources)
}

fn finish(
    mut doc: pdf_extract::Document,
    pages_id: (u32, u16),
    kids: Vec<Object>,
    resources: (u32, u16),
) -> Vec<u8> {
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// An EPUB's zip, written entry by entry, stored (the `mimetype` first, as the format asks).
struct EpubZip(zip::ZipWriter<std::io::Cursor<Vec<u8>>>);

impl EpubZip {
    /// A zip with the `mimetype` and a container pointing at the package document `opf`.
    fn new(opf: &str) -> EpubZip {
        let mut zip = EpubZip(zip::ZipWriter::new(std::io::Cursor::new(Vec::new())));
        zip.add("mimetype", "application/epub+zip");
        zip.add(
            "META-INF/container.xml",
            &format!(
                r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="{opf}" media-type="application/oebps-package+xml"/></rootfiles></container>"#
            ),
        );
        zip
    }

    fn add(&mut self, name: &str, body: &str) {
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        self.0.start_file(name, stored).unwrap();
        self.0.write_all(body.as_bytes()).unwrap();
    }

    fn finish(self) -> Vec<u8> {
        self.0.finish().unwrap().into_inner()
    }
}

/// An EPUB 3 with these chapters (title, XHTML body), a navigation document listing them,
/// and any `extra` files (a path in the zip and its content: an `encryption.xml`, say).
pub fn epub(
    title: &str,
    author: &str,
    chapters: &[(&str, &str)],
    extra: &[(&str, &str)],
) -> Vec<u8> {
    let mut zip = EpubZip::new("OEBPS/content.opf");
    let mut manifest = String::from(
        r#"<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>"#,
    );
    let mut spine = String::new();
    let mut nav = String::new();
    for (i, (heading, body)) in chapters.iter().enumerate() {
        manifest.push_str(&format!(
            r#"<item id="c{i}" href="c{i}.xhtml" media-type="application/xhtml+xml"/>"#
        ));
        spine.push_str(&format!(r#"<itemref idref="c{i}"/>"#));
        nav.push_str(&format!(r#"<li><a href="c{i}.xhtml">{heading}</a></li>"#));
        zip.add(
            &format!("OEBPS/c{i}.xhtml"),
            &format!(
                r#"<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>{heading}</title></head><body><h1>{heading}</h1>{body}</body></html>"#
            ),
        );
    }
    zip.add(
        "OEBPS/nav.xhtml",
        &format!(
            r#"<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Contents</title></head><body><nav epub:type="toc"><ol>{nav}</ol></nav></body></html>"#
        ),
    );
    zip.add(
        "OEBPS/content.opf",
        &format!(
            r#"<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:12345678-1234-1234-1234-123456789012</dc:identifier><dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><dc:publisher>Gloss Test Press</dc:publisher><dc:language>en</dc:language><meta property="dcterms:modified">2026-01-01T00:00:00Z</meta></metadata><manifest>{manifest}</manifest><spine>{spine}</spine></package>"#
        ),
    );
    for (name, body) in extra {
        zip.add(name, body);
    }
    zip.finish()
}

/// One page whose content stream is `content` as written (a damaged or hostile stream).
pub fn pdf_with_content(content: &str) -> Vec<u8> {
    let mut doc = pdf_extract::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let stream = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => stream,
    });
    finish(doc, pages_id, vec![page.into()], resources)
}

/// `epub`'s bytes with the central directory's inflated size of entry `name` replaced by
/// `size`: a zip that declares more than it holds, as a zip bomb does.
pub fn declare_size(mut zip: Vec<u8>, name: &str, size: u32) -> Vec<u8> {
    let mut i = 0;
    while i + 46 <= zip.len() {
        if zip[i..i + 4] == *b"PK\x01\x02" {
            let len = u16::from_le_bytes([zip[i + 28], zip[i + 29]]) as usize;
            if zip.get(i + 46..i + 46 + len) == Some(name.as_bytes()) {
                zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
                return zip;
            }
        }
        i += 1;
    }
    panic!("no entry {name}");
}

/// An EPUB 2 book: an OPF of version 2.0 whose table of contents is an NCX (no navigation
/// document), with these chapters.
pub fn epub2(title: &str, chapters: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = EpubZip::new("content.opf");
    let (mut manifest, mut spine, mut points) = (String::new(), String::new(), String::new());
    for (i, (heading, body)) in chapters.iter().enumerate() {
        manifest.push_str(&format!(
            r#"<item id="c{i}" href="text/c{i}.html" media-type="application/xhtml+xml"/>"#
        ));
        spine.push_str(&format!(r#"<itemref idref="c{i}"/>"#));
        points.push_str(&format!(
            r#"<navPoint id="p{i}" playOrder="{n}"><navLabel><text>{heading}</text></navLabel><content src="text/c{i}.html"/></navPoint>"#,
            n = i + 1
        ));
        zip.add(
            &format!("text/c{i}.html"),
            &format!(
                r#"<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd"><html xmlns="http://www.w3.org/1999/xhtml"><head><title>{heading}</title></head><body><h2>{heading}</h2>{body}</body></html>"#
            ),
        );
    }
    zip.add(
        "toc.ncx",
        &format!(
            r#"<?xml version="1.0" encoding="utf-8"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><head><meta name="dtb:uid" content="urn:uuid:1"/></head><docTitle><text>{title}</text></docTitle><navMap>{points}</navMap></ncx>"#
        ),
    );
    zip.add(
        "content.opf",
        &format!(
            r#"<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf"><dc:identifier id="id">urn:uuid:1</dc:identifier><dc:title>{title}</dc:title><dc:creator opf:role="aut">An Old Writer</dc:creator><dc:language>en</dc:language></metadata><manifest><item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>{manifest}</manifest><spine toc="ncx">{spine}</spine></package>"#
        ),
    );
    zip.finish()
}

/// One page that draws a form XObject which draws itself (a hostile file: it once recursed
/// until the stack overflowed).
pub fn pdf_self_drawing_form() -> Vec<u8> {
    let mut doc = pdf_extract::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let form_id = doc.new_object_id();
    let body = b"BT /F1 12 Tf 72 700 Td (again) Tj ET /X1 Do".to_vec();
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Resources" => dictionary! {
                "Font" => dictionary! { "F1" => font },
                "XObject" => dictionary! { "X1" => form_id },
            },
        },
        body,
    );
    doc.objects.insert(form_id, Object::Stream(form));
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font },
        "XObject" => dictionary! { "X1" => form_id },
    });
    let stream = doc.add_object(Stream::new(dictionary! {}, b"/X1 Do".to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => stream,
    });
    finish(doc, pages_id, vec![page.into()], resources)
}

/// `pdf` with a `/PageLabels` number tree: each entry is (first page index, style name, prefix,
/// first number), held in a kid of the tree's root as larger documents hold them.
pub fn with_page_labels(pdf: &[u8], ranges: &[(i64, &str, &str, i64)]) -> Vec<u8> {
    let mut doc = pdf_extract::Document::load_mem(pdf).unwrap();
    let mut nums: Vec<Object> = Vec::new();
    for &(first, style, prefix, start) in ranges {
        let mut spec = dictionary! { "St" => start };
        if !style.is_empty() {
            spec.set("S", Object::Name(style.as_bytes().to_vec()));
        }
        if !prefix.is_empty() {
            spec.set("P", Object::string_literal(prefix));
        }
        nums.push(first.into());
        nums.push(Object::Dictionary(spec));
    }
    let kid = doc.add_object(dictionary! { "Nums" => nums });
    let tree = doc.add_object(dictionary! { "Kids" => vec![Object::Reference(kid)] });
    doc.catalog_mut().unwrap().set("PageLabels", tree);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}
