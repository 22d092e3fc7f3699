//! Caret browsing in the window: the caret drawn in the active pane, and the moves that need
//! the lines as laid out — ↑/↓ to the line above or below, Home/End to the ends of the line
//! (Shift extends). The session moves the caret ([`crate::session::caret`]); ←/→ and word
//! moves are read with the other shortcuts.

use eframe::egui::{self, Key, Modifiers, Ui, pos2};

use super::context::FrameCtx;
use super::pane::{Pane, Placed};
use crate::session::Action;
use crate::session::caret::CaretTo;

/// Reads the line moves for the active pane and draws its caret.
pub fn show(ui: &Ui, cx: &FrameCtx<'_>, pane_index: usize, pane: &Pane, ink: egui::Color32) {
    if !cx.caret || pane_index != cx.active_pane || pane.placed.is_empty() {
        return;
    }
    let head = pane.selection.head;
    let on_screen = pane.placed_at_char(head);
    // A focused widget (a text field, the menu) keeps its keys; the caret still shows.
    if ui.ctx().memory(|m| m.focused()).is_some() {
        return draw(ui, on_screen, head, ink);
    }
    let moves = [
        (Modifiers::SHIFT, Key::ArrowUp, Line::Up, true),
        (Modifiers::SHIFT, Key::ArrowDown, Line::Down, true),
        (Modifiers::SHIFT, Key::Home, Line::Start, true),
        (Modifiers::SHIFT, Key::End, Line::End, true),
        (Modifiers::NONE, Key::ArrowUp, Line::Up, false),
        (Modifiers::NONE, Key::ArrowDown, Line::Down, false),
        (Modifiers::NONE, Key::Home, Line::Start, false),
        (Modifiers::NONE, Key::End, Line::End, false),
    ];
    for (modifiers, key, line, extend) in moves {
        if ui.input_mut(|i| i.consume_key(modifiers, key)) {
            let target = match on_screen {
                Some(placed) => line_target(pane, placed, head, line),
                // The caret is out of sight: it comes back at the first line in sight.
                None => pane.visible.start,
            };
            cx.send(Action::MoveCaret {
                pane: pane_index,
                to: CaretTo::At(target),
                extend,
            });
        }
    }
    draw(ui, on_screen, head, ink);
}

#[derive(Clone, Copy)]
enum Line {
    Up,
    Down,
    Start,
    End,
}

/// Where a line move from `head` (in `placed`) lands.
fn line_target(pane: &Pane, placed: &Placed, head: usize, line: Line) -> usize {
    let caret = placed.char_rect(head);
    match line {
        Line::Up | Line::Down => {
            let dy = if matches!(line, Line::Up) {
                -caret.height()
            } else {
                caret.height()
            };
            let y = caret.center().y + dy;
            // Past the paragraph's edge: the gap to the next paragraph is crossed too.
            pane.placed
                .iter()
                .find(|p| p.rect.top() - 1.0 <= y && y <= p.rect.bottom() + 1.0)
                .or_else(|| neighbour(pane, placed, matches!(line, Line::Down)))
                .map_or(head, |p| {
                    p.char_at(pos2(
                        caret.center().x,
                        y.clamp(p.rect.top() + 1.0, p.rect.bottom() - 1.0),
                    ))
                })
        }
        Line::Start | Line::End => {
            let (start, end) = row_of(placed, head);
            if matches!(line, Line::Start) {
                start
            } else {
                end
            }
        }
    }
}

/// The paragraph drawn after (or before) `placed`, if one is.
fn neighbour<'p>(pane: &'p Pane, placed: &Placed, down: bool) -> Option<&'p Placed> {
    let i = pane.placed.iter().position(|p| p.start == placed.start)?;
    if down {
        pane.placed.get(i + 1)
    } else {
        i.checked_sub(1).and_then(|i| pane.placed.get(i))
    }
}

/// The first and the last caret position of the laid-out row holding `head` (a wrapped row's
/// trailing space is not in it: End stops after its last word).
fn row_of(placed: &Placed, head: usize) -> (usize, usize) {
    let mut start = placed.start;
    let rows = &placed.galley.rows;
    for (k, row) in rows.iter().enumerate() {
        let chars = row.char_count_including_newline().0;
        let last_row = k + 1 == rows.len();
        if head < start + chars || last_row {
            let glyphs = &row.row.glyphs;
            let trailing_space = !last_row && glyphs.last().is_some_and(|g| g.chr.is_whitespace());
            return (start, start + glyphs.len() - usize::from(trailing_space));
        }
        start += chars;
    }
    (placed.start, placed.end())
}

fn draw(ui: &Ui, on_screen: Option<&Placed>, head: usize, ink: egui::Color32) {
    let Some(placed) = on_screen else {
        return;
    };
    let r = placed.char_rect(head);
    ui.painter().line_segment(
        [pos2(r.left(), r.top()), pos2(r.left(), r.bottom())],
        egui::Stroke::new(2.0, ink),
    );
}
