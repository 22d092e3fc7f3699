//! A table row of a rendered document, laid out as cells side by side in the table's columns.
//!
//! A row is one paragraph of the text (its cells separated by tabs), so positions, selection,
//! highlights and search treat it like any other paragraph. Only its galley differs: each cell
//! is laid out on its own, wrapped to its column's width, and their rows are put side by side
//! in one galley, in text order. egui's own hit test assumes rows go down the page, so a click
//! on a row with columns is resolved here ([`char_at`]).

use std::sync::Arc;

use eframe::egui::{Galley, Ui, Vec2, text::LayoutJob, vec2};

/// The most columns laid out side by side; a wider table shows as its text.
pub const MAX_COLUMNS: usize = 16;

/// Space between two columns, in font sizes.
const GAP: f32 = 0.9;
/// A cell longer than this (in chars) is wrapped rather than widening its column further.
const LONGEST: usize = 48;
/// A word longer than this (in chars: an address, a hash) may be broken.
const LONGEST_WORD: usize = 14;
/// Average advance of a char of the reading face, in font sizes (a column's width is estimated
/// from its cells' char counts: no layout of the rows off screen).
const CHAR_WIDTH: f32 = 0.6;

/// Each column's left edge and width (gap included) for a table whose columns' longest cells
/// have `widths` chars and longest words `words` chars, in `available` points: natural widths
/// when they fit; else every column keeps its longest word (words are not broken) and the rest
/// is shared by how much more each would want; in a pane too narrow even for that, the words'
/// widths scaled down.
pub fn columns(
    widths: &[usize],
    words: &[usize],
    available: f32,
    font_size: f32,
) -> Vec<(f32, f32)> {
    let gap = GAP * font_size;
    let width =
        |chars: usize, cap: usize| chars.clamp(1, cap) as f32 * CHAR_WIDTH * font_size + gap;
    let natural: Vec<f32> = widths.iter().map(|&w| width(w, LONGEST)).collect();
    let least: Vec<f32> = natural
        .iter()
        .enumerate()
        .map(|(k, &n)| n.min(width(words.get(k).copied().unwrap_or(1), LONGEST_WORD)))
        .collect();
    let (total, needed): (f32, f32) = (natural.iter().sum(), least.iter().sum());
    let sized: Vec<f32> = if total <= available {
        natural
    } else if needed <= available {
        let spare = available - needed;
        natural
            .iter()
            .zip(&least)
            .map(|(n, l)| l + spare * (n - l) / (total - needed).max(1e-3))
            .collect()
    } else {
        least.iter().map(|l| l * available / needed).collect()
    };
    let mut x = 0.0;
    sized
        .into_iter()
        .map(|w| {
            let column = (x, w);
            x += w;
            column
        })
        .collect()
}

/// Lays out a row's job (cells separated by tabs) in `columns`; the galley keeps the row's
/// text, so its char count and positions are the paragraph's.
pub fn lay_out(ui: &Ui, job: LayoutJob, columns: &[(f32, f32)], font_size: f32) -> Arc<Galley> {
    let gap = GAP * font_size;
    let mut cells = Vec::new();
    let mut from = 0;
    for (i, _) in job.text.match_indices('\t') {
        cells.push(from..i + 1);
        from = i + 1;
    }
    cells.push(from..job.text.len());
    let mut placed: Vec<(f32, Arc<Galley>)> = Vec::with_capacity(cells.len());
    let mut last_right = 0.0;
    for (k, bytes) in cells.iter().enumerate() {
        // The tab closing a cell shows as a space at its end (one byte either way).
        let mut cell = LayoutJob {
            text: job.text[bytes.clone()].replace('\t', " "),
            ..LayoutJob::default()
        };
        let (x, width) = columns
            .get(k)
            .copied()
            .unwrap_or((last_right, 8.0 * font_size));
        last_right = x + width;
        cell.wrap.max_width = (width - gap).max(font_size);
        for s in &job.sections {
            let (a, b) = (s.byte_range.start.0, s.byte_range.end.0);
            let (a, b) = (a.max(bytes.start), b.min(bytes.end));
            if a < b {
                let mut section = s.clone();
                section.byte_range = eframe::egui::text::ByteIndex(a - bytes.start)
                    ..eframe::egui::text::ByteIndex(b - bytes.start);
                cell.sections.push(section);
            }
        }
        placed.push((x, ui.fonts_mut(|f| f.layout_job(cell))));
    }
    side_by_side(job, &placed)
}

/// One galley of the cells' galleys, each moved right to its column.
fn side_by_side(job: LayoutJob, cells: &[(f32, Arc<Galley>)]) -> Arc<Galley> {
    let mut out: Galley = (*cells[0].1).clone();
    out.job = Arc::new(job);
    out.rows.clear();
    out.num_vertices = 0;
    out.num_indices = 0;
    let mut first = true;
    for (x, g) in cells {
        let shift = vec2(*x, 0.0);
        out.rows.extend(g.rows.iter().map(|r| {
            let mut r = r.clone();
            r.pos += shift;
            r
        }));
        let rect = g.rect.translate(shift);
        let mesh = g.mesh_bounds.translate(shift);
        if first {
            (out.rect, out.mesh_bounds) = (rect, mesh);
            first = false;
        } else {
            out.rect = out.rect.union(rect);
            out.mesh_bounds = out.mesh_bounds.union(mesh);
        }
        out.num_vertices += g.num_vertices;
        out.num_indices += g.num_indices;
    }
    Arc::new(out)
}

/// Whether a galley's rows stand side by side (a table row) rather than one under another.
pub fn has_columns(galley: &Galley) -> bool {
    galley.rows.iter().any(|r| r.pos.x > 0.5)
}

/// The char (in the galley's text) under `pos` (relative to the galley) of a galley with
/// columns: the column under the pointer (or the nearest), then its row nearest in height.
pub fn char_at(galley: &Galley, pos: Vec2) -> usize {
    let column_x = galley
        .rows
        .iter()
        .map(|r| r.pos.x)
        .filter(|&x| x <= pos.x + 0.5)
        .fold(0.0, f32::max);
    let mut start = 0;
    let mut best: Option<(f32, usize)> = None;
    for row in &galley.rows {
        let count = row.char_count_including_newline().0;
        if (row.pos.x - column_x).abs() < 0.5 {
            let dy = if pos.y < row.min_y() {
                row.min_y() - pos.y
            } else {
                (pos.y - row.max_y()).max(0.0)
            };
            let at = start + row.char_at(pos.x - row.pos.x).0;
            if best.is_none_or(|(d, _)| dy < d) {
                best = Some((dy, at));
            }
        }
        start += count;
    }
    best.map_or(0, |(_, at)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_keep_their_natural_width_when_the_table_fits() {
        let c = columns(&[4, 10], &[4, 5], 1000.0, 10.0);
        assert_eq!(c[0].0, 0.0);
        assert!(
            (c[1].0 - c[0].1).abs() < 1e-3,
            "the second column follows the first"
        );
        assert!(c[1].1 > c[0].1, "a longer column is wider");
    }

    #[test]
    fn a_table_too_wide_shares_the_pane_and_breaks_no_word() {
        let c = columns(&[200, 200, 3], &[9, 12, 3], 400.0, 10.0);
        let right = c.last().map(|(x, w)| x + w).unwrap();
        assert!(
            (right - 400.0).abs() < 1e-2,
            "fills the pane exactly: {c:?}"
        );
        let fits = |k: usize, word: usize| c[k].1 - GAP * 10.0 >= word as f32 * CHAR_WIDTH * 10.0;
        assert!(fits(0, 9) && fits(1, 12) && fits(2, 3), "{c:?}");
        assert!(c[0].1 > c[2].1);
    }

    #[test]
    fn a_pane_too_narrow_for_the_words_scales_them_down_to_fit() {
        let c = columns(&[40, 40], &[14, 14], 100.0, 10.0);
        let right = c.last().map(|(x, w)| x + w).unwrap();
        assert!((right - 100.0).abs() < 1e-2, "{c:?}");
    }
}
