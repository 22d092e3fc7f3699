//! A small mark at the end of each highlight that has a note, so notes can be found by eye
//! while reading (the underline alone says "noted" only to a reader who knows the code).
//! Drawn after the text, in the highlight's colour, at the top right of its last char.

use eframe::egui::{self, Ui, vec2};

use super::context::FrameCtx;
use super::pane::Pane;
use super::theme;

/// Draws the marks of the noted highlights ending in the paragraphs on screen and remembers
/// where (tests read [`Pane::note_marks`]).
pub fn draw(ui: &Ui, pane: &mut Pane, cx: &FrameCtx<'_>, article: &str) {
    pane.note_marks.clear();
    let (Some(first), Some(last)) = (pane.placed.first(), pane.placed.last()) else {
        return;
    };
    let shown = first.start..last.end() + 1;
    let spans = cx.derived.spans(article);
    let painter = ui.painter();
    let mut marks = Vec::new();
    for span in spans.overlapping(shown) {
        if !span.has_note || span.range.is_empty() {
            continue;
        }
        let end = span.range.end;
        let Some(placed) = pane.placed_at_char(end - 1) else {
            continue;
        };
        // After the last char of the highlight, raised like a note call.
        let caret = placed.caret_rect(end.min(placed.end()));
        let at = caret.left_top() + vec2(2.0, caret.height() * 0.18);
        let size = (caret.height() * 0.16).clamp(3.0, 6.0);
        let color = theme::chip(span.color);
        painter.circle_filled(at, size, color);
        painter.circle_stroke(at, size, egui::Stroke::new(1.0, theme::ink(cx.dark())));
        marks.push(end);
    }
    pane.note_marks = marks;
}
