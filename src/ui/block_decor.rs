//! What a rendered document (Markdown, a web page) draws around its text in the reading
//! view: how far lists and quotations indent (capped, so deep nesting stays readable),
//! bullets and numbers, task boxes, the bar of a quotation, the shade of code, rules, the
//! line under a table's header; a PDF's page breaks as quiet labels in the margin ("p. 12").

use eframe::egui::{self, Rect, Ui, pos2, vec2};

use super::pane::{Pane, Placed};
use super::theme;
use crate::corpus::Article;

/// How many levels of lists and quotations indent; deeper ones line up with the last.
const MAX_INDENT_LEVELS: f32 = 4.0;

/// How far a rendered block is indented: list items and quotations by their nesting.
pub fn indent_of(article: &Article, start: usize, font_size: f32) -> f32 {
    use crate::document::BlockKind;
    let Some(block) = article.document.as_deref().and_then(|d| d.block_at(start)) else {
        return 0.0;
    };
    let list = matches!(block.kind, BlockKind::ListItem { .. });
    // Past a few levels deep nesting stops indenting: the text keeps a readable width.
    let levels = (f32::from(block.depth) + if list || block.quoted { 0.0 } else { -1.0 })
        .min(MAX_INDENT_LEVELS);
    (levels.max(0.0) * 1.4 + if list { 0.4 } else { 0.0 }) * font_size
        + if block.quoted { 0.6 * font_size } else { 0.0 }
}

/// What a rendered document draws around its text: bullets and numbers of list items, the
/// bar of a quotation, the shade of code, rules.
pub fn decorate(ui: &Ui, pane: &Pane, article: &Article, font_size: f32, dark: bool) {
    use crate::document::BlockKind;
    let Some(doc) = article.document.as_deref() else {
        return;
    };
    let painter = ui.painter();
    let weak = ui.visuals().weak_text_color();
    for placed in &pane.placed {
        page_marks(ui, pane, placed, article, font_size, weak);
        let Some(block) = doc.block_at(placed.start) else {
            continue;
        };
        let first_line = placed
            .galley
            .rows
            .first()
            .map_or(font_size, |r| r.rect().height());
        let r = placed.rect;
        match block.kind {
            BlockKind::ListItem { .. }
                if block.range.start == placed.start
                    && let Some(done) =
                        super::highlight_spans::task_box(Some(block), &placed.galley.job.text) =>
            {
                task_box(painter, placed, done, weak);
            }
            BlockKind::TableRow { header: true } => {
                let y = r.bottom() + 1.0;
                painter.line_segment(
                    [pos2(r.left(), y), pos2(r.right(), y)],
                    egui::Stroke::new(1.0, weak),
                );
            }
            BlockKind::ListItem { number } if block.range.start == placed.start => {
                let marker = match number {
                    Some(n) => format!("{n}."),
                    None => "•".to_owned(),
                };
                painter.text(
                    pos2(r.left() - 0.35 * font_size, r.top() + first_line / 2.0),
                    egui::Align2::RIGHT_CENTER,
                    marker,
                    super::fonts::reading_font(font_size),
                    weak,
                );
            }
            BlockKind::Code => {
                painter.rect_filled(r.expand2(vec2(6.0, 1.0)), 2.0, theme::code_background(dark));
            }
            BlockKind::Rule => {
                let y = r.center().y;
                let right = pane
                    .shown_rect
                    .map_or(r.right(), |s| s.right() - 2.0 * font_size);
                painter.line_segment(
                    [pos2(r.left(), y), pos2(right.max(r.right()), y)],
                    egui::Stroke::new(1.0, weak),
                );
            }
            _ => {}
        }
        if block.quoted {
            let x = r.left() - 0.45 * font_size;
            painter.line_segment(
                [pos2(x, r.top()), pos2(x, r.bottom())],
                egui::Stroke::new(3.0, weak.gamma_multiply(0.6)),
            );
        }
    }
}

/// Where a PDF's page begins inside this paragraph: its label ("p. 12") in the right margin
/// (the left one is the width of a list's bullets), level with the line the page's first
/// word is on, as a printed book's margin would say.
fn page_marks(
    ui: &Ui,
    pane: &Pane,
    placed: &Placed,
    article: &Article,
    font_size: f32,
    ink: egui::Color32,
) {
    let Some(doc) = article.document.as_deref().filter(|d| !d.pages.is_empty()) else {
        return;
    };
    // The paragraph's end from the paragraph table, not by counting the galley's chars.
    let end = article
        .paragraphs
        .get(placed.index)
        .map_or(placed.start, |p| p.end_char);
    let first = doc.pages.partition_point(|p| p.start < placed.start);
    for page in doc.pages[first..].iter().take_while(|p| p.start <= end) {
        let glyph = placed.char_rect(page.start);
        let right = pane
            .shown_rect
            .map_or(placed.rect.right() + 3.0 * font_size, |s| {
                s.right() - 0.9 * font_size
            });
        ui.painter().text(
            pos2(right, glyph.center().y),
            egui::Align2::RIGHT_CENTER,
            format!("p. {}", page.label),
            egui::FontId::proportional((0.72 * font_size).max(11.0)),
            ink,
        );
    }
}

/// A task list item's box (read-only), drawn where its `☐`/`☑` char is laid out.
fn task_box(painter: &egui::Painter, placed: &Placed, done: bool, ink: egui::Color32) {
    let glyph = placed.char_rect(placed.start);
    let size = glyph.height() * 0.62;
    let bx = Rect::from_center_size(
        pos2(glyph.left() + size / 2.0 + 1.0, glyph.center().y),
        vec2(size, size),
    );
    painter.rect_stroke(
        bx,
        2.0,
        egui::Stroke::new(1.2, ink),
        egui::StrokeKind::Inside,
    );
    if done {
        let (a, b, c) = (
            pos2(bx.left() + size * 0.2, bx.center().y),
            pos2(bx.left() + size * 0.42, bx.bottom() - size * 0.22),
            pos2(bx.right() - size * 0.18, bx.top() + size * 0.2),
        );
        painter.line_segment([a, b], egui::Stroke::new(1.6, ink));
        painter.line_segment([b, c], egui::Stroke::new(1.6, ink));
    }
}
