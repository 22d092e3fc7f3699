//! The reading view: one article, laid out paragraph by paragraph, only where it is visible.
//!
//! Inside `ScrollArea::show_viewport` the view asks the [`HeightIndex`] which paragraph sits at
//! the top of the viewport, lays out paragraphs from there until the bottom, records their real
//! heights, and allocates the full (partly estimated) height so the scroll bar is right. Each
//! paragraph is its own galley, so selection hit-testing is `Galley::cursor_from_pos` on the
//! paragraph under the pointer and a highlight change re-lays out only the paragraphs it
//! touches (egui caches galleys by their job).

use std::sync::Arc;

use eframe::egui::{
    self, Align, Galley, Id, Rect, ScrollArea, Sense, Ui, Vec2, pos2, text_selection::CCursorRange,
    text_selection::visuals::paint_text_selection, vec2,
};

use super::action::ScrollBy;
use super::action::UiAction;
use super::context::FrameCtx;
use super::fonts::reading_font;
use super::height_index::LayoutKey;
use super::highlight_spans::{ParagraphStyle, Span, paragraph_job};
use super::pane::{Pane, Placed, Reveal, Selection};
use super::theme;
use crate::corpus::Article;
use crate::session::Action;
use crate::text;

/// Id of a pane's text area (its interaction response), stable for tests and accessibility.
pub fn content_id(pane_index: usize) -> Id {
    Id::unique(("gloss-reading-content", pane_index))
}

/// Draws `article` in `pane`.
pub fn show(ui: &mut Ui, cx: &FrameCtx<'_>, pane_index: usize, pane: &mut Pane, article: &Article) {
    let spans = cx.derived.spans(&article.file_name);
    let line_height = (cx.font_size() * theme::LINE_HEIGHT).round();
    let gap = (cx.font_size() * theme::PARAGRAPH_GAP).round();
    let ink = theme::ink(cx.dark());

    let mut scroll = ScrollArea::vertical()
        .id_salt(("gloss-reading-scroll", pane_index))
        .auto_shrink([false, false]);
    if let (Some(by), Some(view)) = (pane.pending_scroll.take(), pane.last_viewport) {
        let bottom = (pane.heights.total() - view.height()).max(0.0);
        let target = match by {
            ScrollBy::Lines(n) => view.min.y + n * line_height,
            // Two lines short of a screen: the bottom edge may cut a line in half, and the
            // last whole line should still be there to read on from.
            ScrollBy::Pages(n) => {
                view.min.y + n * (view.height() - 2.0 * line_height).max(line_height)
            }
            ScrollBy::Start => 0.0,
            ScrollBy::End => {
                pane.measure_end = true;
                bottom
            }
        };
        pane.scroll_to = Some(target.clamp(0.0, bottom));
    }
    if let Some(y) = pane.scroll_to.take() {
        scroll = scroll.vertical_scroll_offset(y.max(0.0));
    }

    scroll.show_viewport(ui, |ui, viewport| {
        let origin = ui.max_rect().min;
        let full_width = ui.available_width();
        let scroll_bar = ui.spacing().scroll.bar_width + ui.spacing().scroll.bar_outer_margin;
        let wrap_width = super::side_panels::wrap_width(full_width, cx.font_size(), scroll_bar);
        let left = ((full_width - scroll_bar - wrap_width) / 2.0).max(theme::PANE_PADDING);

        let paragraphs = &article.paragraphs;
        let avg_char_width = cx.font_size() * 0.47;
        // A piece of a cut line runs on into the next piece: no paragraph gap between them.
        let gap_after = |p: &text::Paragraph| if p.continues { 0.0 } else { gap };
        pane.heights.ensure(
            LayoutKey {
                article_id: std::sync::Arc::as_ptr(&article.text) as *const u8 as usize as u64,
                wrap_width,
                font_size: cx.font_size(),
            },
            paragraphs.iter().map(|p| {
                if p.is_empty() {
                    0.0
                } else {
                    let rows = (p.char_len() as f32 * avg_char_width / wrap_width)
                        .ceil()
                        .max(1.0);
                    rows * line_height + gap_after(p)
                }
            }),
        );

        // Straight to the place, not an animated scroll: paragraphs measured on the way
        // would move the target under it (a restored position or a chapter picked in the
        // outline would land paragraphs off).
        if let Some(Reveal::Top(c) | Reveal::TopExact(c) | Reveal::At { char: c, .. }) = pane.reveal
        {
            let revealed = pane.reveal.take();
            let offset = match revealed {
                Some(Reveal::At { offset, .. }) => offset,
                _ => 0.0,
            };
            let mut c = c.min(paragraphs.total_chars());
            let i = paragraphs.index_of_char(c);
            if matches!(revealed, Some(Reveal::Top(_))) {
                c = paragraphs.get(i).map_or(c, |p| p.start_char);
            }
            let (top, bottom) = (pane.heights.top_of(i), pane.heights.top_of(i + 1));
            let frac = paragraphs.get(i).map_or(0.0, |p| {
                (c.saturating_sub(p.start_char)) as f32 / p.char_len().max(1) as f32
            });
            pane.scroll_to = Some((top + frac * (bottom - top) - offset).max(0.0));
            ui.ctx().request_repaint();
        }
        if let Some(Reveal::Center(pos)) = pane.reveal.take() {
            let i = paragraphs.index_of_char(pos.min(paragraphs.total_chars()));
            let y = pane.heights.top_of(i);
            let target = Rect::from_min_size(origin + vec2(0.0, y), vec2(full_width, line_height));
            ui.scroll_to_rect(target, Some(Align::Center));
            ui.ctx().request_repaint();
        }

        // Lay out the visible paragraphs, measuring as we go.
        pane.placed.clear();
        pane.last_viewport = Some(viewport);
        // The viewport is in content coordinates; the clip rect may span the whole central
        // area, so only their intersection is this pane's text on screen.
        let shown = viewport
            .translate(origin.to_vec2())
            .intersect(ui.clip_rect());
        pane.shown_rect = Some(shown);
        let (changed, changed_is_deleted) = cx.version.map_or((&[][..], false), |v| {
            v.marks_for(pane_index, pane.article())
        });
        let style = ParagraphStyle {
            font: reading_font(cx.font_size()),
            ink,
            dark: cx.dark(),
            wrap_width,
            line_height,
            selected: cx.selected,
            marks: cx.compare.marks.get(pane_index).map_or(&[], |m| &m[..]),
            found: cx
                .find
                .filter(|f| f.pane == pane_index)
                .map_or(&[], |f| &f.matches[..]),
            current: cx
                .find
                .filter(|f| f.pane == pane_index)
                .and_then(|f| f.current_range()),
            document: article.document.as_deref(),
            changed,
            changed_is_deleted,
            dimmed: (cx.ui_state.dim_filtered && !cx.filter.is_empty())
                .then(|| cx.derived.hidden()),
        };
        // An empty paragraph (a blank line) has no galley and no height.
        let lay_out = |ui: &Ui, i: usize| -> Option<Arc<Galley>> {
            let p = paragraphs.get(i).filter(|p| !p.is_empty())?;
            let para_text = p.display_text(&article.text).into_owned();
            let here: Vec<&Span> = spans.overlapping(p.char_range()).collect();
            let mut job = paragraph_job(para_text, p.start_char, &here, &style);
            job.wrap.max_width -=
                super::block_decor::indent_of(article, p.start_char, cx.font_size());
            // A "table" of dozens of columns (a CSV pasted into Markdown) cannot be read in
            // columns in a pane: it shows as its text.
            let table = article
                .document
                .as_deref()
                .and_then(|d| d.table_at(p.start_char))
                .filter(|t| t.widths.len() <= super::table_row::MAX_COLUMNS);
            Some(match table {
                Some(t) => {
                    let fs = cx.font_size();
                    let columns =
                        super::table_row::columns(&t.widths, &t.words, job.wrap.max_width, fs);
                    super::table_row::lay_out(ui, job, &columns, fs)
                }
                None => ui.fonts_mut(|f| f.layout_job(job)),
            })
        };

        // After `End`: the last screenful of paragraphs had estimated heights only; measure
        // them now, so the jump lands on the last line in the next frame, not a few short.
        let jump_to_end = std::mem::take(&mut pane.measure_end);
        if jump_to_end {
            let mut measured = 0.0;
            let mut k = paragraphs.len();
            while k > 0 && measured < viewport.height() {
                k -= 1;
                let gap = paragraphs.get(k).map_or(gap, gap_after);
                let height = lay_out(ui, k).map_or(0.0, |g| g.size().y + gap);
                pane.heights.set_measured(k, height);
                measured += height;
            }
        }

        let first = pane.heights.index_at(viewport.min.y);
        let mut y = pane.heights.top_of(first);
        let mut correction = 0.0;
        let mut i = first;
        while i < paragraphs.len() && y < viewport.max.y {
            let p = *paragraphs.get(i).expect("index in range");
            let mut height = 0.0;
            if let Some(galley) = lay_out(ui, i) {
                height = galley.size().y + gap_after(&p);
                pane.placed.push(Placed {
                    index: i,
                    start: p.start_char,
                    rect: Rect::from_min_size(
                        origin
                            + vec2(
                                left + super::block_decor::indent_of(
                                    article,
                                    p.start_char,
                                    cx.font_size(),
                                ),
                                y,
                            ),
                        galley.size(),
                    ),
                    galley,
                });
            }
            let delta = pane.heights.set_measured(i, height);
            if y < viewport.min.y {
                correction += delta;
            }
            y += height;
            i += 1;
        }
        if jump_to_end {
            // Every paragraph of the last screen is measured now (some just above, in the
            // loop): the true bottom.
            pane.scroll_to = Some((pane.heights.total() - viewport.height()).max(0.0));
            ui.ctx().request_repaint();
        } else if correction != 0.0 {
            pane.scroll_to = Some(viewport.min.y + correction);
            ui.ctx().request_repaint();
        }
        if let Some(p) = paragraphs.get(first) {
            pane.state.top_char = p.start_char;
            let (top, bottom) = (pane.heights.top_of(first), pane.heights.top_of(first + 1));
            let frac = ((viewport.min.y - top) / (bottom - top).max(1.0)).clamp(0.0, 1.0);
            pane.top_pos = p.start_char + (frac * p.char_len() as f32) as usize;
        }

        pane.text.visible = in_sight(pane, shown);

        let total = pane.heights.total().max(viewport.height());
        let content = Rect::from_min_size(origin, vec2(full_width, total));
        ui.allocate_rect(content, Sense::hover());
        let response = ui.interact(content, content_id(pane_index), Sense::click_and_drag());

        handle_pointer(ui, pane, pane_index, article, cx, &response);
        if cx.ui_state.shade_omissions && cx.compare.compared.get(pane_index) == Some(&true) {
            shade_omissions(ui, pane, cx, pane_index, cx.dark());
        }
        super::block_decor::decorate(ui, pane, article, cx.font_size(), cx.dark());
        paint(ui, pane, ink);
        super::caret::show(ui, cx, pane_index, pane, ink);
        super::accessible::expose(ui, cx, pane_index, pane, article);
        if let Some(name) = pane.article().map(str::to_owned) {
            super::note_marks::draw(ui, pane, cx, &name);
        }
        if let Some(find) = cx.find.filter(|f| f.pane == pane_index) {
            scroll_bar_marks(ui, pane, article, find, cx.dark());
        }
        if !pane.dragging && cx.link_draft.is_none_or(|d| d.waiting()) {
            selection_toolbar(ui, pane, pane_index, cx);
        }
        if !hover_note(ui, pane, cx, &response)
            && !super::web_links::hover(ui, pane, article, &response)
        {
            hover_pair(ui, pane, pane_index, cx, &response);
        }
    });
}

/// Turns presses, drags and clicks on the text into selection changes and actions.
fn handle_pointer(
    ui: &Ui,
    pane: &mut Pane,
    pane_index: usize,
    article: &Article,
    cx: &FrameCtx<'_>,
    response: &egui::Response,
) {
    // Replay this frame's pointer events in order: a fast drag (or synthetic input) can press,
    // move and release within one frame, and the selection must still start where the button
    // went down and end where it came up.
    let (events, shift, latest) = ui.input(|i| {
        let events: Vec<egui::Event> = i
            .events
            .iter()
            .filter(|e| {
                matches!(
                    e,
                    egui::Event::PointerMoved(_)
                        | egui::Event::PointerButton {
                            button: egui::PointerButton::Primary,
                            ..
                        }
                )
            })
            .cloned()
            .collect();
        (events, i.modifiers.shift, i.pointer.latest_pos())
    });
    let on_text = |pos: egui::Pos2| {
        response.interact_rect.contains(pos) && ui.ctx().layer_id_at(pos) == Some(ui.layer_id())
    };
    for event in events {
        match event {
            egui::Event::PointerButton {
                pos,
                pressed: true,
                modifiers,
                ..
            } if on_text(pos) => {
                cx.send(Action::Activate(pane_index));
                // A new selection starts: colour keys now pick the colour of the next
                // highlight instead of recolouring the last selected one. (A click on a
                // highlight selects it again when the button comes up.)
                cx.send(Action::TextPressed);
                pane.last_press = Some(pos);
                if let Some(c) = pane.char_at(pos) {
                    if shift {
                        pane.selection.head = c;
                        pane.drag_origin = pane.selection.anchor;
                        pane.by_words = false;
                    } else {
                        pane.selection = Selection::caret(c);
                        pane.drag_origin = c;
                        // Whole words, as e-readers select; Alt selects characters.
                        pane.by_words = !modifiers.alt;
                    }
                    pane.dragging = true;
                }
            }
            egui::Event::PointerMoved(pos) if pane.dragging => {
                if let Some(c) = pane.char_at(pos) {
                    drag_to(pane, article, c);
                }
            }
            egui::Event::PointerButton {
                pos,
                pressed: false,
                ..
            } if pane.dragging => {
                if let Some(c) = pane.char_at(pos) {
                    drag_to(pane, article, c);
                }
                pane.dragging = false;
                // A link waiting for its second end: this selection is it.
                if cx.link_draft.is_some_and(|d| d.waiting()) && !pane.selection.is_empty() {
                    cx.send(Action::LinkTo { pane: pane_index });
                }
            }
            _ => {}
        }
    }
    if pane.dragging
        && let Some(pointer) = latest
    {
        auto_scroll(ui, pointer);
        // While auto-scrolling the text moves under a still pointer.
        if let Some(c) = pane.char_at(pointer) {
            drag_to(pane, article, c);
        }
    }
    // Clicks are judged where the button went down (the pointer may have left since).
    let Some(pointer) = pane.last_press else {
        return;
    };

    let paragraphs = &article.paragraphs;
    if response.triple_clicked() {
        if let Some(c) = pane.char_at(pointer) {
            let r = text::paragraph_at(paragraphs, c);
            pane.selection = Selection {
                anchor: r.start,
                head: r.end,
            };
        }
    } else if response.double_clicked() {
        if let Some(c) = pane.char_at(pointer) {
            let r = text::word_at(&article.text, paragraphs, c);
            pane.selection = Selection {
                anchor: r.start,
                head: r.end,
            };
        }
    } else if response.clicked() && pane.selection.is_empty() {
        let hit = pane.char_at(pointer).and_then(|c| {
            // A click lands between chars; test the char to the right of the caret.
            pane.placed_at_char(c)
                .filter(|p| p.rect.expand2(vec2(0.0, 4.0)).contains(pointer))
                .and_then(|_| cx.derived.spans(&article.file_name).at(c))
        });
        let link = || super::web_links::link_under(pane, article, pointer);
        match hit {
            Some(span) => cx.send(Action::SelectAnnotation(Some(span.id.to_string()))),
            // A link's target is shown and the reader asked before anything opens.
            None if let Some(href) = link() => {
                cx.send(Action::SelectAnnotation(None));
                cx.send(UiAction::LinkPrompt(Some(href.to_owned())));
            }
            None => {
                cx.send(Action::SelectAnnotation(None));
                // Compare mode: a click on a marked passage opens its popup.
                let pair = pane.char_at(pointer).and_then(|c| {
                    super::pair_popup::pair_at(
                        cx,
                        neighbours(cx, pane_index),
                        pane_index,
                        c,
                        pointer,
                    )
                });
                cx.send(UiAction::OpenPair(pair));
            }
        }
    }
}

/// The drag in progress has reached caret position `c`: the selection runs from where it
/// began to there, widened to whole words unless the drag selects characters.
/// The chars the reader can see: whole lines inside the pane (no bar floats over the text:
/// the find bar has a strip of its own).
fn in_sight(pane: &Pane, shown: Rect) -> std::ops::Range<usize> {
    let top = shown.top();
    let lines = pane.placed.iter().flat_map(|p| {
        let mut start = p.start;
        p.galley.rows.iter().map(move |row| {
            let chars = row.char_count_including_newline().0;
            let line = (
                start,
                start + chars,
                p.rect.top() + row.min_y(),
                p.rect.top() + row.max_y(),
            );
            start += chars;
            line
        })
    });
    let mut first = None;
    let mut last = None;
    for (start, end, y0, y1) in lines {
        if y0 >= top - 0.5 && y1 <= shown.bottom() + 0.5 {
            first.get_or_insert(start);
            last = Some(end);
        }
    }
    match (first, last) {
        (Some(a), Some(b)) => a..b,
        _ => 0..0,
    }
}

fn drag_to(pane: &mut Pane, article: &Article, c: usize) {
    let (anchor, head) = if pane.by_words {
        text::word_drag(&article.text, &article.paragraphs, pane.drag_origin, c)
    } else {
        (pane.drag_origin, c)
    };
    pane.selection = Selection { anchor, head };
}

/// The articles of the panes left of, at and right of `pane_index`.
fn neighbours<'a>(
    cx: &FrameCtx<'a>,
    pane_index: usize,
) -> (Option<&'a str>, Option<&'a str>, Option<&'a str>) {
    let at = |i: Option<usize>| i.and_then(|i| cx.pane_articles.get(i).copied().flatten());
    (
        at(pane_index.checked_sub(1)),
        at(Some(pane_index)),
        at(Some(pane_index + 1)),
    )
}

/// The find bar's matches as ticks along the pane's right edge, where the scroll bar runs, so
/// the reader sees where in the article they are (at most one tick per pixel row).
fn scroll_bar_marks(
    ui: &Ui,
    pane: &Pane,
    article: &Article,
    find: &crate::session::find::FindBar,
    dark: bool,
) {
    let Some(shown) = pane.shown_rect else { return };
    let total = pane.heights.total().max(1.0);
    let x = shown.right() - 6.0;
    let tick = |y: f32, current: bool| {
        let rect = Rect::from_min_max(pos2(x, y - 1.0), pos2(x + 5.0, y + 1.0));
        ui.painter()
            .rect_filled(rect, 0.0, theme::find_match(current, dark));
    };
    let y_of = |c: usize| {
        let i = article.paragraphs.index_of_char(c);
        shown.top() + pane.heights.top_of(i) / total * shown.height()
    };
    // Row by row (not match by match: there may be a hundred thousand): does any match start
    // in the chars this pixel row of the scroll bar stands for?
    let matches = &find.matches[..];
    let rows = shown.height().max(1.0) as usize;
    let mut from = 0;
    for r in 1..=rows {
        let to = if r == rows {
            usize::MAX
        } else {
            let i = pane.heights.index_at(r as f32 / rows as f32 * total);
            article
                .paragraphs
                .get(i)
                .map_or(usize::MAX, |p| p.start_char)
        };
        let k = matches.partition_point(|m| m.start < from);
        if matches.get(k).is_some_and(|m| m.start < to) {
            tick(shown.top() + (r - 1) as f32, false);
        }
        from = from.max(to);
    }
    if let Some(current) = find.current_range() {
        tick(y_of(current.start), true);
    }
}

/// Compare mode: a faint bar in the margin of each paragraph (of some length) no passage of
/// which has a counterpart in the neighbouring pane — the omissions a comparative reader
/// looks for.
fn shade_omissions(ui: &Ui, pane: &Pane, cx: &FrameCtx<'_>, pane_index: usize, dark: bool) {
    /// Shorter paragraphs (headings, bylines) are not worth a mark.
    const MIN_CHARS: usize = 60;
    let marks = cx
        .compare
        .covered
        .get(pane_index)
        .map_or(&[][..], |m| &m[..]);
    let color = theme::omission(dark);
    for placed in &pane.placed {
        let (start, end) = (placed.start, placed.end());
        if end - start < MIN_CHARS {
            continue;
        }
        let covered = marks.iter().any(|m| m.start < end && m.end > start);
        if !covered {
            let bar = Rect::from_min_max(
                pos2(placed.rect.left() - 10.0, placed.rect.top()),
                pos2(placed.rect.left() - 6.0, placed.rect.bottom()),
            );
            ui.painter().rect_filled(bar, 2.0, color);
        }
    }
}

/// Compare mode: hovering a marked passage shows both passages with their word diff.
fn hover_pair(
    ui: &Ui,
    pane: &Pane,
    pane_index: usize,
    cx: &FrameCtx<'_>,
    response: &egui::Response,
) {
    let Some(ws) = cx.workspace else { return };
    if pane.dragging || cx.compare.pairs.is_empty() {
        return;
    }
    let Some(pos) = response.hover_pos() else {
        return;
    };
    let Some(c) = pane.char_at(pos) else { return };
    if !pane.placed_at_char(c).is_some_and(|p| p.rect.contains(pos)) {
        return;
    }
    let pair = super::pair_popup::pair_at(cx, neighbours(cx, pane_index), pane_index, c, pos);
    super::pair_popup::hover(ui, cx, ws, pair, response);
}

/// While drag-selecting past the top or bottom edge, scroll towards the pointer.
fn auto_scroll(ui: &Ui, pointer: egui::Pos2) {
    let clip = ui.clip_rect();
    let dy = if pointer.y < clip.top() {
        (clip.top() - pointer.y).min(60.0)
    } else if pointer.y > clip.bottom() {
        -(pointer.y - clip.bottom()).min(60.0)
    } else {
        0.0
    };
    if dy != 0.0 {
        ui.scroll_with_delta(Vec2::new(0.0, dy * 0.5));
        ui.ctx().request_repaint();
    }
}

fn paint(ui: &Ui, pane: &Pane, ink: egui::Color32) {
    let selection = pane.selection.range();
    let painter = ui.painter();
    for placed in &pane.placed {
        let mut galley = placed.galley.clone();
        let end = placed.end();
        if !selection.is_empty() && selection.start <= end && selection.end >= placed.start {
            let from = selection.start.max(placed.start) - placed.start;
            let to = selection.end.min(end) - placed.start;
            // Show that the line break is selected too when the selection continues below.
            let range =
                CCursorRange::two(egui::text::CCursor::new(from), egui::text::CCursor::new(to));
            paint_text_selection(&mut galley, ui.visuals(), &range, None);
        }
        painter.galley(placed.rect.min, galley, ink);
    }
}

/// The small bar that appears by a finished selection: highlight or annotate it.
fn selection_toolbar(ui: &Ui, pane: &Pane, pane_index: usize, cx: &FrameCtx<'_>) {
    if pane.selection.is_empty() || !cx.can_annotate() {
        return;
    }
    // The find bar's current match: the bar has its own Highlight and Note (one floating bar
    // at a time).
    if cx
        .find
        .is_some_and(|f| f.pane == pane_index && f.current_range() == Some(pane.selection.range()))
    {
        return;
    }
    // A highlight's toolbar is showing: never a stale selection bar beside it.
    if cx.selected.is_some() {
        return;
    }
    let head = pane.selection.head;
    let Some(placed) = pane.placed_at_char(head) else {
        return;
    };
    let caret = placed.caret_rect(head);
    let shown = pane.shown_rect.unwrap_or(ui.clip_rect());
    if !shown.contains(caret.center()) {
        return;
    }
    // Under the selection's end when it was dragged down, over it when dragged up — and the
    // other way where that side has no room; never out of the pane (nor the window).
    const ROOM: f32 = 36.0;
    let wants_below = head >= pane.selection.anchor;
    let fits_below = caret.bottom() + 4.0 + ROOM <= shown.bottom();
    let fits_above = caret.top() - 4.0 - ROOM >= shown.top();
    let below = (wants_below && fits_below) || !fits_above;
    let (pos, pivot) = if below {
        (
            pos2(caret.left(), caret.bottom() + 4.0),
            egui::Align2::LEFT_TOP,
        )
    } else {
        (
            pos2(caret.left(), caret.top() - 4.0),
            egui::Align2::LEFT_BOTTOM,
        )
    };
    egui::Area::new(Id::unique(("gloss-selection-toolbar", pane_index)))
        .order(egui::Order::Foreground)
        .fixed_pos(pos)
        .pivot(pivot)
        .constrain_to(shown.intersect(ui.ctx().content_rect()))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    let (chip, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
                    ui.painter().rect_filled(chip, 3.0, theme::chip(cx.color));
                    if ui
                        .button("Highlight")
                        .on_hover_text("Highlight the selection (H)")
                        .clicked()
                    {
                        cx.send(Action::HighlightSelection {
                            pane: pane_index,
                            note: false,
                        });
                    }
                    if ui
                        .button("Note")
                        .on_hover_text("Highlight and write a note (N)")
                        .clicked()
                    {
                        cx.send(Action::HighlightSelection {
                            pane: pane_index,
                            note: true,
                        });
                    }
                    if cx.link_draft.is_none()
                        && ui
                            .button("Link…")
                            .on_hover_text("Link this passage to one in another pane (L)")
                            .clicked()
                    {
                        cx.send(Action::StartLink { pane: pane_index });
                    }
                });
            });
        });
}

/// Hovering a highlight that carries a note or tags shows them (the tags as chips); returns
/// whether it did.
fn hover_note(ui: &Ui, pane: &Pane, cx: &FrameCtx<'_>, response: &egui::Response) -> bool {
    let (Some(ws), Some(article)) = (cx.workspace, pane.article()) else {
        return false;
    };
    if pane.dragging {
        return false;
    }
    let Some(pos) = response.hover_pos() else {
        return false;
    };
    let Some(c) = pane.char_at(pos) else {
        return false;
    };
    let on_text = pane.placed_at_char(c).is_some_and(|p| p.rect.contains(pos));
    let Some(span) = cx.derived.spans(article).at(c).filter(|_| on_text) else {
        return false;
    };
    let Some(annotation) = ws.notebook().get(&span.id) else {
        return false;
    };
    if !span.has_note && annotation.tags.is_empty() {
        return false;
    }
    let _ = ui;
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.set_max_width(320.0);
        if span.has_note {
            ui.label(egui::RichText::new("Note").small().weak());
            ui.label(&annotation.note);
        }
        if !annotation.tags.is_empty() {
            ui.horizontal_wrapped(|ui| {
                for tag in &annotation.tags {
                    super::tag_editor::chip(ui, tag);
                }
            });
        }
    });
    true
}
