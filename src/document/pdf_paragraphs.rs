//! A PDF's laid-out lines ([`super::pdf_layout`]) turned into the document a reader reads:
//! running headers, footers and page numbers left out (a page number becomes the page's
//! label), lines joined into paragraphs and headings from the pages' geometry, words
//! hyphenated across a line end joined (a real hyphen kept), each page's start recorded.

use std::collections::{HashMap, HashSet};

use super::pdf_layout::{Column, Line, PageLines};
use super::{BlockKind, Builder, Meta, Page};

/// Lines this close to the top or bottom (a share of the page's height) may be running heads.
const MARGIN_SHARE: f64 = 0.09;

/// A line's text with its digits replaced, so "Page 3" and "Page 4" are the same running line.
fn running_key(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A page number as printed: arabic, or lower/upper roman numerals, alone on its line
/// (possibly between dashes: "– 12 –").
fn page_number(text: &str) -> Option<String> {
    let t = text.trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace());
    let arabic = !t.is_empty() && t.len() <= 5 && t.chars().all(|c| c.is_ascii_digit());
    let roman = !t.is_empty()
        && t.len() <= 7
        && (t.chars().all(|c| "ivxlc".contains(c)) || t.chars().all(|c| "IVXLC".contains(c)));
    (arabic || roman).then(|| t.to_owned())
}

/// What a laid-out page keeps: its lines in order, and the label printed on it, if any.
struct Laid {
    lines: Vec<(Line, Column)>,
    label: Option<String>,
}

/// Leaves out running headers and footers — lines near the top or bottom of the page that
/// repeat (digits aside) on several pages — and page numbers, which become labels.
fn drop_running_lines(pages: Vec<(Vec<(Line, Column)>, f64)>) -> Vec<Laid> {
    let in_margin = |l: &Line, height: f64| {
        height > 0.0 && (l.y < height * MARGIN_SHARE || l.y > height * (1.0 - MARGIN_SHARE))
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (lines, height) in &pages {
        let keys: HashSet<String> = lines
            .iter()
            .filter(|(l, _)| in_margin(l, *height))
            .map(|(l, _)| running_key(&l.text))
            .collect();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let repeats = if pages.len() <= 4 { 2 } else { 3 };
    // Where running lines sit (their height on the page and type size): a chapter's own
    // running head ("Chapter 2: Utilities") may repeat on only two pages, but it sits where
    // the others do.
    let slot = |l: &Line| ((l.y / 2.0).round() as i64, (l.size * 2.0).round() as i64);
    let mut slots: HashMap<(i64, i64), usize> = HashMap::new();
    for (lines, height) in &pages {
        for (l, _) in lines.iter().filter(|(l, _)| in_margin(l, *height)) {
            if seen.get(&running_key(&l.text)).copied().unwrap_or(0) >= repeats {
                *slots.entry(slot(l)).or_default() += 1;
            }
        }
    }
    let running = |l: &Line| {
        let times = seen.get(&running_key(&l.text)).copied().unwrap_or(0);
        times >= repeats || (times >= 2 && slots.get(&slot(l)).copied().unwrap_or(0) >= repeats)
    };
    pages
        .into_iter()
        .map(|(lines, height)| {
            let mut label = None;
            let kept = lines
                .into_iter()
                .filter(|(l, _)| {
                    if !in_margin(l, height) {
                        return true;
                    }
                    if let Some(n) = page_number(&l.text) {
                        label.get_or_insert(n);
                        return false;
                    }
                    !running(l)
                })
                .collect();
            Laid { lines: kept, label }
        })
        .collect()
}

/// The most common value (rounded to a tenth), weighted: the body's font size or line step.
fn mode(values: impl Iterator<Item = (f64, usize)>) -> Option<f64> {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for (v, weight) in values {
        *counts.entry((v * 10.0).round() as i64).or_default() += weight;
    }
    counts
        .into_iter()
        .max_by_key(|&(v, n)| (n, -v))
        .map(|(v, _)| v as f64 / 10.0)
}

/// Lower-case words of the whole text, to tell a hyphenated compound from a word broken at
/// a line end: what the document writes elsewhere on one line decides.
fn vocabulary(pages: &[Laid]) -> HashSet<String> {
    let mut words = HashSet::new();
    for p in pages {
        for (l, _) in &p.lines {
            for w in l.text.split_whitespace() {
                let w: String = w
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                if !w.is_empty() {
                    words.insert(w);
                }
            }
        }
    }
    words
}

/// How the next line continues the text: `with_hyphen` is whether a line-end hyphen is kept.
/// A hyphen after a letter, before a lower-case letter, is a break in a word unless the
/// document writes the hyphenated form elsewhere, or the word is already a compound
/// ("three-and-\ntwenty").
fn joins_hyphenated(prev: &str, next: &str, words: &HashSet<String>) -> Option<bool> {
    let stem = prev.strip_suffix(['-', '\u{00AD}'])?;
    let soft = prev.ends_with('\u{00AD}');
    let last_word = stem.rsplit(char::is_whitespace).next().unwrap_or("");
    if !last_word.chars().last().is_some_and(char::is_alphabetic) {
        return None;
    }
    let first = next.split_whitespace().next().unwrap_or("");
    if !first.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    if soft {
        return Some(false);
    }
    if !first.chars().next().is_some_and(char::is_lowercase) {
        // "Trace-\nMonkey" is TraceMonkey where the document writes it so, else the
        // hyphen stays ("Franco-Prussian").
        let whole = format!("{last_word}{first}").to_lowercase();
        let whole: String = whole.chars().filter(|c| c.is_alphanumeric()).collect();
        return Some(!words.contains(&whole));
    }
    let left: String = last_word
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let right: String = first
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let hyphenated = format!("{left}-{right}");
    let whole = format!("{left}{right}");
    let keep = left.contains('-') || (words.contains(&hyphenated) && !words.contains(&whole));
    Some(keep)
}

/// The line that ends the paragraph being written, and what it says about the paragraph.
struct Open {
    line: Line,
    col: Column,
    /// The paragraph is a list item (its later lines hang, indented).
    bullet: bool,
    indented: bool,
    heading: Option<u8>,
}

/// Where a page's columns begin and end.
struct Edges {
    left: [f64; 3],
    right: [f64; 3],
}

impl Edges {
    /// Each column's left edge is where most of its lines start (a figure's label or a hanging
    /// number may start further left); its right edge is where the longest line ends.
    fn of(lines: &[(Line, Column)]) -> Edges {
        let mut e = Edges {
            left: [0.0; 3],
            right: [f64::NEG_INFINITY; 3],
        };
        for col in [Column::Whole, Column::Left, Column::Right] {
            let of_col = || lines.iter().filter(move |(_, c)| *c == col).map(|(l, _)| l);
            e.left[col as usize] = mode(of_col().map(|l| (l.x0, 1))).unwrap_or(0.0);
            e.right[col as usize] = of_col().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
        }
        e
    }

    fn left(&self, col: Column) -> f64 {
        self.left[col as usize]
    }

    fn right(&self, col: Column) -> f64 {
        self.right[col as usize]
    }

    /// The middle of a column: halfway between its left edge and its longest line's end.
    fn centre(&self, col: Column) -> f64 {
        (self.left(col) + self.right(col)) / 2.0
    }
}

/// How deep a numbered section heading is ("2 Overview" and "1. Introduction": 1, "3.1
/// Typing": 2, "6.3.2 Calls": 3): a section number, then a capitalised title of at most eight
/// words that does not end as a sentence does. `None` for anything else — a numbered list
/// item is a sentence, longer, or ends with a full stop.
fn section_number(text: &str) -> Option<u8> {
    let (number, title) = text.split_once(' ')?;
    let number = number.strip_suffix('.').unwrap_or(number);
    let parts: Vec<&str> = number.split('.').collect();
    let numeric = parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()));
    let title = title.trim();
    let words = title.split_whitespace().count();
    let capitalised = title.chars().next().is_some_and(char::is_uppercase);
    let sentence_end = title.ends_with(['.', ',', ';', ':']);
    (numeric && parts.len() <= 3 && capitalised && (1..=8).contains(&words) && !sentence_end)
        .then_some(parts.len() as u8)
}

/// A list item's mark: a bullet, a dash, or a number or letter with its stop ("3.", "(b)").
fn starts_with_bullet(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    if matches!(first, "•" | "◦" | "▪" | "‣" | "–" | "—" | "-" | "*" | "·") {
        return true;
    }
    let inner = first.trim_start_matches('(');
    let stopped = inner.ends_with(['.', ')']) && inner.len() >= 2 && inner.len() <= 4;
    stopped
        && inner[..inner.len() - 1]
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
        && text.split_whitespace().count() > 2
}

/// Whether `next` goes on with the paragraph `prev` ends: same type size, the line step of
/// the body, no first-line indent (unless it hangs under a list item or an indented block),
/// no list mark, and the line before either full or mid-sentence. Across a page or column
/// break a sentence that had not ended goes on. Heading lines join their heading.
fn continues(prev: &Open, next: &Open, edges: &Edges, body: f64, step: f64) -> bool {
    let (p, l) = (&prev.line, &next.line);
    if (p.size - l.size).abs() >= 0.12 * body || next.bullet || prev.heading != next.heading {
        return false;
    }
    if next.heading.is_some() {
        return prev.col == next.col && l.y > p.y && l.y - p.y < 1.6 * l.size;
    }
    let prev_ends = p.text.ends_with(['.', '!', '?', ':', '”', '"']);
    if prev.col != next.col || l.y <= p.y {
        return !next.indented
            && !prev_ends
            && l.text.chars().next().is_some_and(|c| !c.is_uppercase());
    }
    let hangs = prev.bullet || (prev.indented && (p.x0 - l.x0).abs() < 0.5 * l.size);
    if next.indented && !hangs {
        return false;
    }
    let prev_full = p.x1 > edges.right(prev.col) - 2.5 * p.size;
    l.y - p.y < step * 1.45 && (prev_full || !prev_ends)
}

/// Lays out every page and builds the document's blocks: paragraphs and headings, with each
/// page's start (and label) recorded where its first line lands in the text.
pub fn build(pages: Vec<PageLines>, meta: Meta) -> (super::Document, usize) {
    let ordered: Vec<(Vec<(Line, Column)>, f64)> =
        pages.into_iter().map(|p| (p.lines, p.height)).collect();
    let laid = drop_running_lines(ordered);
    let words = vocabulary(&laid);
    let all = || laid.iter().flat_map(|p| p.lines.iter().map(|(l, _)| l));
    let glyph_lines = all().count();
    let body = mode(all().map(|l| (l.size, l.text.chars().count()))).unwrap_or(10.0);
    // The usual step from one line to the next in the body's size.
    let step = mode(laid.iter().flat_map(|p| {
        p.lines.windows(2).filter_map(|w| {
            let (a, b) = (&w[0].0, &w[1].0);
            let same = (a.size - body).abs() < 0.5 && (b.size - body).abs() < 0.5;
            (same && w[0].1 == w[1].1 && b.y > a.y).then_some((b.y - a.y, 1))
        })
    }))
    .unwrap_or(body * 1.2);
    // Heading sizes, largest first: level 1, 2, 3 — sizes set in words (four letters or more
    // on a line), not a figure's big symbol or a drop capital.
    let mut heading_sizes: Vec<i64> = all()
        .filter(|l| {
            l.size > body * 1.15 && l.text.chars().filter(|c| c.is_alphabetic()).count() >= 4
        })
        .map(|l| (l.size * 10.0).round() as i64)
        .collect();
    heading_sizes.sort_unstable_by(|a, b| b.cmp(a));
    // Sizes a rounding apart (17.9 and 18.0) are one level.
    heading_sizes.dedup_by(|a, b| (*b - *a).abs() <= 3);
    let level_of = |size: f64| -> Option<u8> {
        let key = (size * 10.0).round() as i64;
        heading_sizes
            .iter()
            .position(|&s| (s - key).abs() <= 3)
            .map(|i| (i + 1).min(3) as u8)
    };

    let mut b = Builder::default();
    let mut page_marks: Vec<Page> = Vec::new();
    // The paragraph being written: its last line, its column's left edge and kind.
    let mut open: Option<Open> = None;
    for (index, page) in laid.iter().enumerate() {
        let label = page
            .label
            .clone()
            .unwrap_or_else(|| (index + 1).to_string());
        let mut marked = false;
        let edges = Edges::of(&page.lines);
        for (line, col) in &page.lines {
            // Larger type makes a heading, unless it reads as a list (a paper's authors, set
            // large, are names and commas).
            // A figure's labels are set large too: a heading starts at its column's edge (or,
            // on the first page, is centred: a title).
            let placed_as_heading = (line.x0 - edges.left(*col)).abs() < line.size
                || (index == 0
                    && ((line.x0 + line.x1) / 2.0 - edges.centre(*col)).abs() < 2.0 * line.size);
            let heading = level_of(line.size)
                .filter(|_| {
                    placed_as_heading
                        && line.text.chars().filter(|c| c.is_alphabetic()).count() >= 3
                        && line.text.chars().count() <= 120
                        && line.text.matches(',').count() < 3
                })
                .or_else(|| {
                    // A numbered section heading in the body's size ("3.1 Type Specialization"),
                    // where the sentence before has ended.
                    let after_sentence = open.as_ref().is_none_or(|o| {
                        o.heading.is_some() || o.line.text.ends_with(['.', '!', '?', ':'])
                    });
                    section_number(&line.text)
                        .filter(|_| after_sentence)
                        .map(|depth| (depth + 1).min(3))
                });
            let next = Open {
                line: line.clone(),
                col: *col,
                bullet: heading.is_none() && starts_with_bullet(&line.text),
                indented: line.x0 > edges.left(*col) + 0.8 * line.size,
                heading,
            };
            let continues = open
                .as_ref()
                .is_some_and(|prev| continues(prev, &next, &edges, body, step));
            match (&open, continues) {
                (Some(prev), true) => match joins_hyphenated(&prev.line.text, &line.text, &words) {
                    Some(true) => {}
                    Some(false) => b.drop_last_char(),
                    None => b.push_raw(" "),
                },
                _ => b.start(
                    heading.map_or(BlockKind::Paragraph, BlockKind::Heading),
                    0,
                    false,
                ),
            }
            if !marked {
                page_marks.push(Page {
                    start: b.chars(),
                    label: label.clone(),
                });
                marked = true;
            }
            b.push_raw(&line.text);
            // A bulleted item's later lines hang under its first.
            let bullet = next.bullet || (continues && open.as_ref().is_some_and(|o| o.bullet));
            open = Some(Open { bullet, ..next });
        }
        if !marked {
            page_marks.push(Page {
                start: b.chars(),
                label,
            });
        }
    }
    let mut doc = b.finish(meta);
    // A page whose first line continued a paragraph starts at that line, inside the block.
    let end = doc.text.chars().count();
    for p in &mut page_marks {
        p.start = p.start.min(end);
    }
    doc.pages = page_marks;
    (doc, glyph_lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::pdf_layout::{Glyph, PageGlyphs, lay_out_page};

    /// A page with `lines` drawn at (x, y) in a 10 pt font, 5 pt per char.
    pub(crate) fn page(lines: &[(f64, f64, &str)]) -> PageGlyphs {
        let mut glyphs = Vec::new();
        for &(x, y, text) in lines {
            for (i, c) in text.chars().enumerate() {
                glyphs.push(Glyph {
                    x: x + 5.0 * i as f64,
                    y,
                    w: 5.0,
                    size: 10.0,
                    text: c.to_string(),
                });
            }
        }
        PageGlyphs {
            width: 600.0,
            height: 800.0,
            glyphs,
        }
    }

    fn laid(pages: Vec<PageGlyphs>) -> Vec<PageLines> {
        pages.iter().map(lay_out_page).collect()
    }

    fn text(pages: Vec<PageGlyphs>) -> String {
        build(laid(pages), Meta::default()).0.text
    }

    #[test]
    fn two_columns_read_column_by_column_and_hyphens_join() {
        let mut lines = vec![(60.0, 100.0, "A Title Across Both Columns Of The Page Here")];
        let left = [
            "Left column starts here and it",
            "goes on in the left col-",
            "umn until the end of it is",
            "reached at last on this page.",
        ];
        let right = [
            "Right column text begins now",
            "and carries on down the right",
            "side, with no break at all in",
            "its sentence till the end now.",
        ];
        for i in 0..4 {
            let y = 130.0 + 12.0 * i as f64;
            // Interleaved as a PDF may draw them: left line, right line.
            lines.push((60.0, y, left[i]));
            lines.push((320.0, y, right[i]));
        }
        let t = text(vec![page(&lines)]);
        let l = t.find("Left column").unwrap();
        let r = t.find("Right column").unwrap();
        assert!(t.find("A Title").unwrap() < l && l < r, "{t}");
        assert!(t.contains("in the left column until"), "{t}");
        assert!(t.contains("in its sentence"), "{t}");
    }

    #[test]
    fn running_heads_and_page_numbers_leave_the_text_and_label_the_pages() {
        let pages: Vec<PageGlyphs> = (1..=5)
            .map(|n| {
                page(&[
                    (60.0, 30.0, "Journal of Careful Reading"),
                    (
                        60.0,
                        120.0,
                        &format!("Body text of page number {n} which ends."),
                    ),
                    (290.0, 780.0, &format!("{}", n + 10)),
                ])
            })
            .collect();
        let (doc, _) = build(laid(pages), Meta::default());
        assert!(!doc.text.contains("Journal"), "{}", doc.text);
        assert!(!doc.text.contains("11"), "{}", doc.text);
        let labels: Vec<&str> = doc.pages.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["11", "12", "13", "14", "15"]);
        let third = &doc.pages[2];
        assert!(
            doc.text
                .chars()
                .skip(third.start)
                .collect::<String>()
                .starts_with("Body text of page number 3")
        );
    }

    #[test]
    fn real_hyphens_stay_and_ligatures_expand() {
        let mut glyphs = page(&[
            (60.0, 100.0, "a trace-based compiler and a"),
            (60.0, 112.0, "trace-"),
            (60.0, 124.0, "based one and three-and-"),
            (60.0, 136.0, "twenty more."),
        ]);
        glyphs.glyphs.push(Glyph {
            x: 60.0,
            y: 148.0,
            w: 5.0,
            size: 10.0,
            text: "\u{FB01}".into(),
        });
        let t = text(vec![glyphs]);
        assert!(t.contains("a trace-based one"), "{t}");
        assert!(t.contains("three-and-twenty"), "{t}");
        assert!(t.contains("fi"), "{t}");
        assert!(!t.contains('\u{FB01}'));
    }

    #[test]
    fn larger_type_is_a_heading_and_indents_start_paragraphs() {
        let mut p = page(&[
            (70.0, 120.0, "    Indented first line of the first para"),
            (60.0, 132.0, "graph goes on here."),
            (75.0, 144.0, "Second paragraph starts indented."),
        ]);
        p.glyphs.splice(
            0..0,
            "Introduction".chars().enumerate().map(|(i, c)| Glyph {
                x: 60.0 + 8.0 * i as f64,
                y: 90.0,
                w: 8.0,
                size: 16.0,
                text: c.to_string(),
            }),
        );
        let (doc, _) = build(laid(vec![p]), Meta::default());
        assert_eq!(doc.blocks[0].kind, BlockKind::Heading(1));
        assert_eq!(doc.blocks.len(), 3, "{:?}", doc.text);
    }
}
