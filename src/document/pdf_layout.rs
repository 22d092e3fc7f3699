//! A PDF's characters, placed on their pages, turned into the text a reader reads: lines in
//! reading order (a two-column page column by column), running headers, footers and page
//! numbers left out (a page number becomes the page's label), lines joined into paragraphs
//! from the page's geometry, words hyphenated across a line end joined, ligatures expanded.
//!
//! A PDF has no paragraphs, no reading order and often no spaces — only glyphs drawn at
//! positions. Everything here is read off those positions, measured in the page's own units
//! (points) relative to the font size, so it holds for any page size and type size. Pure
//! geometry, no PDF parsing: [`super::pdf`] hands the glyphs over, and the tests build pages
//! by hand.

use std::collections::{HashMap, HashSet};

use super::{BlockKind, Builder, Meta, Page};

/// One drawn character (or a few, for a glyph that maps to several).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Left edge, from the page's left.
    pub x: f64,
    /// Baseline, from the page's top (down is larger).
    pub y: f64,
    /// Advance width.
    pub w: f64,
    /// Font size as drawn.
    pub size: f64,
    pub text: String,
}

/// One page's glyphs in the order the page draws them.
#[derive(Debug, Clone, Default)]
pub struct PageGlyphs {
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
}

/// A run of glyphs on one baseline, without a wide gap: a line of a column.
#[derive(Debug, Clone)]
struct Line {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
}

/// Part of the page a line sits in: both columns, or one of two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Whole,
    Left,
    Right,
}

/// A gap wider than this (in font sizes) on one baseline separates two columns' lines.
const COLUMN_GAP: f64 = 1.5;
/// A gap wider than this (in font sizes) between glyphs is a space.
const SPACE_GAP: f64 = 0.15;
/// Lines this close to the top or bottom (a share of the page's height) may be running heads.
const MARGIN_SHARE: f64 = 0.09;

/// The glyphs' text with compatibility ligatures expanded (ﬁ → fi, as NFKC does); other
/// characters are kept as they are (NFKC would also flatten superscripts and fractions).
fn expand_ligatures(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if !text.chars().any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)) {
        return text.to_owned();
    }
    text.chars()
        .flat_map(|c| {
            if ('\u{FB00}'..='\u{FB06}').contains(&c) {
                std::iter::once(c).nfkc().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// The combining form of a spacing accent drawn as a glyph of its own.
fn combining(c: char) -> Option<char> {
    Some(match c {
        '¨' => '\u{308}',
        '´' => '\u{301}',
        '`' => '\u{300}',
        'ˆ' | '^' => '\u{302}',
        '˜' => '\u{303}',
        '¸' => '\u{327}',
        'ˇ' => '\u{30C}',
        '˘' => '\u{306}',
        '˚' => '\u{30A}',
        '˙' => '\u{307}',
        '¯' => '\u{304}',
        _ => return None,
    })
}

/// The page's glyphs grouped into lines: a new line where the baseline moves, the pen goes
/// back, or a gap as wide as a column gutter opens.
fn lines_of(page: &PageGlyphs) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut space_pending = false;
    for g in &page.glyphs {
        if !(g.x.is_finite() && g.y.is_finite() && g.size.is_finite()) || g.size <= 0.0 {
            continue;
        }
        if g.text.chars().all(char::is_whitespace) {
            space_pending = true;
            continue;
        }
        let size = g.size;
        let joins = lines.last().is_some_and(|l| {
            let em = l.size.max(size);
            (g.y - l.y).abs() < 0.45 * em && g.x > l.x1 - 0.5 * em && g.x - l.x1 < COLUMN_GAP * em
        });
        let mut text = expand_ligatures(&g.text);
        // TeX's old fonts draw an accent as a glyph of its own over the letter ("na¨ıve"):
        // the letter takes it as a combining mark ("naïve").
        if let Some(l) = lines.last_mut()
            && let Some(mark) = l.text.chars().last().and_then(combining)
            && (g.x - (l.x1 - l.size)).abs() < l.size
            && text.chars().next().is_some_and(char::is_alphabetic)
        {
            use unicode_normalization::UnicodeNormalization;
            l.text.pop();
            let base = text.replacen('ı', "i", 1);
            let mut chars = base.chars();
            let first = chars.next().expect("a letter");
            text = format!("{first}{mark}{}", chars.as_str()).nfc().collect();
        }
        if joins {
            let l = lines.last_mut().expect("joins only onto a line");
            if (space_pending || g.x - l.x1 > SPACE_GAP * l.size.max(size))
                && !l.text.ends_with(' ')
            {
                l.text.push(' ');
            }
            l.text.push_str(&text);
            l.x1 = l.x1.max(g.x + g.w);
            // A superscript does not move the line's baseline or size.
            if size > l.size {
                l.size = size;
                l.y = g.y;
            }
        } else {
            lines.push(Line {
                x0: g.x,
                x1: g.x + g.w,
                y: g.y,
                size,
                text,
            });
        }
        space_pending = false;
    }
    for l in &mut lines {
        l.text = l.text.trim().to_owned();
    }
    lines.retain(|l| !l.text.is_empty());
    lines
}

/// Where a two-column page's gutter is: an x in the middle third that no line crosses while
/// many lines lie wholly on each side. `None` for a one-column page.
fn gutter(lines: &[Line], width: f64) -> Option<f64> {
    let body: Vec<&Line> = lines
        .iter()
        .filter(|l| l.x1 - l.x0 > 4.0 * l.size)
        .collect();
    if body.len() < 8 || width <= 0.0 {
        return None;
    }
    let mut best: Option<(usize, f64)> = None;
    let (from, to) = ((width * 0.3) as i64, (width * 0.7) as i64);
    for x in from..=to {
        let x = x as f64;
        let crossing = body
            .iter()
            .filter(|l| l.x0 < x - 1.0 && l.x1 > x + 1.0)
            .count();
        let left = body.iter().filter(|l| l.x1 <= x).count();
        let right = body.iter().filter(|l| l.x0 >= x).count();
        let enough = (body.len() / 5).max(4);
        if left >= enough && right >= enough && crossing * 10 <= body.len() * 3 {
            let better = best.is_none_or(|(c, _)| crossing < c);
            if better {
                best = Some((crossing, x));
            }
        }
    }
    best.map(|(_, x)| x)
}

/// The page's lines in reading order: one column top to bottom; two columns band by band —
/// what spans both columns (a title, a wide figure's caption) separates bands, and each band
/// is read left column first. Within a column the page's own drawing order is kept when it
/// already runs down the page (as TeX and word processors draw), so a figure's labels stay
/// together instead of being threaded between the lines of the text beside them; a page drawn
/// in no such order is read top to bottom.
fn reading_order(lines: Vec<Line>, width: f64) -> Vec<(Line, Column)> {
    let gx = gutter(&lines, width);
    // A line reaching a little over the gutter (a figure's label: under two ems and a fifth
    // of its length) is its side's; a centred title is not.
    let column = |l: &Line| {
        let over = (2.0 * l.size).min(0.2 * (l.x1 - l.x0));
        match gx {
            None => Column::Whole,
            Some(gx) if l.x1 <= gx + over => Column::Left,
            Some(gx) if l.x0 >= gx - over => Column::Right,
            Some(_) => Column::Whole,
        }
    };
    let mut columns: Vec<Column> = lines.iter().map(column).collect();
    // A narrow line across the gutter with the columns' text beside it is a figure's label,
    // not a title: it goes with the column its middle is in rather than cutting the page.
    if let Some(gx) = gx {
        let beside = |y: f64, size: f64, side: Column| {
            lines
                .iter()
                .zip(&columns)
                .any(|(o, c)| *c == side && (o.y - y).abs() < 1.5 * size)
        };
        let moved: Vec<(usize, Column)> = lines
            .iter()
            .enumerate()
            .filter(|(i, l)| {
                columns[*i] == Column::Whole
                    && l.x1 - l.x0 < 0.4 * width
                    && beside(l.y, l.size, Column::Left)
                    && beside(l.y, l.size, Column::Right)
            })
            .map(|(i, l)| {
                let side = if (l.x0 + l.x1) / 2.0 < gx {
                    Column::Left
                } else {
                    Column::Right
                };
                (i, side)
            })
            .collect();
        for (i, side) in moved {
            columns[i] = side;
        }
    }
    // Drawn down the page: most consecutive lines of one column step downwards.
    let (mut down, mut pairs) = (0, 0);
    for i in 1..lines.len() {
        if columns[i] == columns[i - 1] {
            pairs += 1;
            if lines[i].y > lines[i - 1].y - 0.5 * lines[i].size {
                down += 1;
            }
        }
    }
    let drawn_in_order = pairs > 0 && down * 10 >= pairs * 8;
    // Bands: the spanning lines, top to bottom, cut the page; a line belongs to the band
    // below the last spanning line above it.
    let mut cuts: Vec<f64> = lines
        .iter()
        .zip(&columns)
        .filter(|(_, c)| gx.is_some() && **c == Column::Whole)
        .map(|(l, _)| l.y)
        .collect();
    cuts.sort_by(f64::total_cmp);
    let band = |y: f64| cuts.partition_point(|&c| c < y);
    // Sorted by band, then column (spanning lines first), then drawing order or height.
    type Key = (usize, u8, usize, i64);
    let mut keyed: Vec<(Key, Line, Column)> = lines
        .into_iter()
        .zip(columns)
        .enumerate()
        .map(|(i, (l, c))| {
            let rank = match c {
                Column::Whole => 0,
                Column::Left => 1,
                Column::Right => 2,
            };
            // Spanning lines sort before the columns of their band (the band starts with them).
            let b = if c == Column::Whole {
                band(l.y) + 1
            } else {
                band(l.y + 0.01)
            };
            let within = if drawn_in_order || c == Column::Whole {
                i
            } else {
                0
            };
            let y = (l.y * 100.0) as i64;
            ((b, rank, within, y), l, c)
        })
        .collect();
    keyed.sort_by_key(|(k, _, _)| *k);
    keyed.into_iter().map(|(_, l, c)| (l, c)).collect()
}

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
pub fn build(pages: Vec<PageGlyphs>, meta: Meta) -> (super::Document, usize) {
    let ordered: Vec<(Vec<(Line, Column)>, f64)> = pages
        .iter()
        .map(|p| (reading_order(lines_of(p), p.width), p.height))
        .collect();
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
            let heading = level_of(line.size).filter(|_| line.text.chars().count() <= 200);
            let next = Open {
                line: line.clone(),
                col: *col,
                bullet: starts_with_bullet(&line.text),
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

    fn text(pages: Vec<PageGlyphs>) -> String {
        build(pages, Meta::default()).0.text
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
        let (doc, _) = build(pages, Meta::default());
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
        let (doc, _) = build(vec![p], Meta::default());
        assert_eq!(doc.blocks[0].kind, BlockKind::Heading(1));
        assert_eq!(doc.blocks.len(), 3, "{:?}", doc.text);
    }
}
