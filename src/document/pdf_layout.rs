//! A PDF page's characters, placed on the page, turned into its lines in reading order: glyphs
//! on one baseline joined into lines (spaces where the pen skips, ligatures expanded, accents
//! drawn apart put on their letters), a two-column page read column by column. The lines go
//! on to [`super::pdf_paragraphs`], which leaves out running heads and builds paragraphs.
//!
//! A PDF has no paragraphs, no reading order and often no spaces — only glyphs drawn at
//! positions. Everything here is read off those positions, measured in the page's own units
//! (points) relative to the font size, so it holds for any page size and type size. Pure
//! geometry, no PDF parsing: [`super::pdf`] hands the glyphs over, and the tests build pages
//! by hand.

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
pub(super) struct Line {
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) y: f64,
    pub(super) size: f64,
    pub(super) text: String,
}

/// Part of the page a line sits in: both columns, or one of two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Column {
    Whole,
    Left,
    Right,
}

/// A gap wider than this (in font sizes) on one baseline separates two columns' lines.
const COLUMN_GAP: f64 = 1.5;
/// A gap wider than this (in font sizes) between glyphs is a space.
const SPACE_GAP: f64 = 0.15;

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

/// One page's lines in reading order, with the column each is in. The glyphs are dropped
/// once a page is laid out: a 500-page book held as glyphs would take ten times its text.
pub struct PageLines {
    pub(super) height: f64,
    pub(super) lines: Vec<(Line, Column)>,
    /// Glyphs drawn on the page, spaces aside (none on a scanned page).
    pub glyphs: usize,
}

/// Lays out one page's glyphs (see the module documentation).
pub fn lay_out_page(page: &PageGlyphs) -> PageLines {
    PageLines {
        height: page.height,
        lines: reading_order(lines_of(page), page.width),
        glyphs: page
            .glyphs
            .iter()
            .filter(|g| !g.text.trim().is_empty())
            .count(),
    }
}
