//! A PDF's own page labels (the catalog's `/PageLabels` number tree, PDF 32000 §12.4.2): the
//! numbering the document declares — "i, ii, iii" for front matter, "1, 2, 3" from chapter
//! one, "A-1" for an appendix — which readers show instead of the page's place in the file.
//! Where a PDF declares none, the printed page numbers found on the pages stand in
//! ([`super::pdf_paragraphs`]). Also how a PDF writes text strings (labels' prefixes, the
//! Info title), which [`super::pdf`] reads too.

use pdf_extract::{Dictionary, Document, Object};

/// Deepest `/Kids` nesting followed (a hostile tree may loop).
const MAX_DEPTH: usize = 16;

/// How a range of pages is numbered: its first page (index in the file), the style, a prefix
/// and the number of its first page.
struct Range {
    first: usize,
    style: Option<u8>,
    prefix: String,
    start: i64,
}

/// The label of each of `pages` pages, or `None` when the document declares no labels.
pub fn labels(pdf: &Document, pages: usize) -> Option<Vec<String>> {
    let tree = pdf.catalog().ok()?.get(b"PageLabels").ok()?;
    let mut ranges = Vec::new();
    collect(pdf, tree, 0, &mut ranges);
    if ranges.is_empty() {
        return None;
    }
    ranges.sort_by_key(|r| r.first);
    Some(
        (0..pages)
            .map(|i| {
                let at = ranges.partition_point(|r| r.first <= i);
                match at.checked_sub(1).map(|k| &ranges[k]) {
                    Some(r) => label(r, r.start + (i - r.first) as i64),
                    None => (i + 1).to_string(),
                }
            })
            .collect(),
    )
}

/// Reads a number-tree node's `/Nums` pairs, and its `/Kids`.
fn collect(pdf: &Document, node: &Object, depth: usize, out: &mut Vec<Range>) {
    if depth > MAX_DEPTH || out.len() > 100_000 {
        return;
    }
    let Some(node) = dict(pdf, node) else {
        return;
    };
    if let Ok(nums) = node
        .get(b"Nums")
        .and_then(|n| pdf.dereference(n))
        .and_then(|(_, n)| n.as_array())
    {
        for pair in nums.chunks_exact(2) {
            let (Ok(first), Some(spec)) = (pair[0].as_i64(), dict(pdf, &pair[1])) else {
                continue;
            };
            let Ok(first) = usize::try_from(first) else {
                continue;
            };
            out.push(Range {
                first,
                style: spec
                    .get(b"S")
                    .ok()
                    .and_then(|s| s.as_name().ok())
                    .and_then(|s| s.first().copied()),
                prefix: spec
                    .get(b"P")
                    .ok()
                    .and_then(|p| pdf.dereference(p).ok())
                    .and_then(|(_, p)| p.as_str().ok())
                    .map(text_string)
                    .unwrap_or_default(),
                start: spec
                    .get(b"St")
                    .ok()
                    .and_then(|s| s.as_i64().ok())
                    .filter(|s| *s >= 1)
                    .unwrap_or(1),
            });
        }
    }
    if let Ok(kids) = node
        .get(b"Kids")
        .and_then(|k| pdf.dereference(k))
        .and_then(|(_, k)| k.as_array())
    {
        for kid in kids {
            collect(pdf, kid, depth + 1, out);
        }
    }
}

/// A PDF text string: UTF-16BE with its byte-order mark, UTF-8 with its own, or
/// PDFDocEncoding (Latin-1 for what matters here).
pub(super) fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| b as char).collect()
}

fn dict<'a>(pdf: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    pdf.dereference(object).ok()?.1.as_dict().ok()
}

/// A page's label in its range's style.
fn label(range: &Range, n: i64) -> String {
    let number = match range.style {
        Some(b'D') => n.to_string(),
        Some(b'R') => roman(n).to_uppercase(),
        Some(b'r') => roman(n),
        Some(b'A') => letters(n).to_uppercase(),
        Some(b'a') => letters(n),
        _ => String::new(),
    };
    format!("{}{number}", range.prefix)
}

/// Lower-case roman numerals (numbers past 3,999 are written as digits).
fn roman(mut n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    let mut out = String::new();
    for (value, digits) in [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ] {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Letters as PDF numbers pages with them: a … z, then aa … zz, aaa …
fn letters(n: i64) -> String {
    if n < 1 {
        return n.to_string();
    }
    let letter = (b'a' + ((n - 1) % 26) as u8) as char;
    let times = ((n - 1) / 26 + 1).min(100) as usize;
    std::iter::repeat_n(letter, times).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_each_style() {
        assert_eq!(roman(14), "xiv");
        assert_eq!(roman(1999), "mcmxcix");
        assert_eq!(letters(1), "a");
        assert_eq!(letters(27), "aa");
        let appendix = Range {
            first: 10,
            style: Some(b'D'),
            prefix: "A-".into(),
            start: 1,
        };
        assert_eq!(label(&appendix, 3), "A-3");
    }
}
