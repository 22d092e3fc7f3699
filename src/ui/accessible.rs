//! The reading panes as a screen reader meets them (AccessKit): each pane is a document node
//! named for its pane and article; each laid-out paragraph a paragraph (or a heading, with its
//! level) whose text is exposed as text runs, row by row, with the selection — so the article
//! can be read and navigated by line, word and char; each highlight on screen a mark node
//! whose name is its quote and whose description is its note and tags.
//!
//! The text is painted by hand (per-paragraph galleys, [`super::reading_view`]), so none of
//! this comes from egui's widgets: it is built here from what the view placed this frame —
//! only the paragraphs on screen, as egui does for the rows of a long label.

use eframe::egui::{
    self, Rect, Sense, Ui, UiBuilder, emath::TSTransform, text_selection::CCursorRange,
};

use super::context::FrameCtx;
use super::pane::{Pane, Placed};
use crate::corpus::Article;
use crate::document::BlockKind;

/// The document node of pane `pane_index`: its paragraphs, their text runs and its marks.
pub fn expose(ui: &mut Ui, cx: &FrameCtx<'_>, pane_index: usize, pane: &Pane, article: &Article) {
    // No screen reader attached (egui then builds no nodes): nothing to expose, and no
    // paragraph or mark widgets registered on the per-frame path.
    let listening = ui
        .ctx()
        .accesskit_node_builder(ui.unique_id(), |_| ())
        .is_some();
    let Some(shown) = pane.shown_rect.filter(|_| listening) else {
        return;
    };
    let label = format!("Pane {}: {}", pane_index + 1, article.display_title());
    let doc = ui.new_child(
        UiBuilder::new()
            .id_salt(("gloss-document", pane_index))
            .max_rect(shown)
            .accessibility_role(egui::accesskit::Role::Document)
            .accessibility_label(label),
    );
    let selection = pane.selection.range();
    for placed in &pane.placed {
        paragraph(&doc, placed, article, &selection);
    }
    marks(&doc, cx, pane, article);
}

/// One placed paragraph: its node and the text runs of its rows.
fn paragraph(doc: &Ui, placed: &Placed, article: &Article, selection: &std::ops::Range<usize>) {
    let id = doc.unique_id().with(("paragraph", placed.start));
    let response = doc.interact(placed.rect, id, Sense::hover());
    let block = article
        .document
        .as_deref()
        .and_then(|d| d.block_at(placed.start));
    let (role, level) = match block.map(|b| b.kind) {
        Some(BlockKind::Heading(level)) => (egui::accesskit::Role::Heading, Some(level)),
        Some(BlockKind::ListItem { .. }) => (egui::accesskit::Role::ListItem, None),
        Some(BlockKind::Quote) => (egui::accesskit::Role::Blockquote, None),
        Some(BlockKind::Code) => (egui::accesskit::Role::Code, None),
        Some(BlockKind::TableRow { .. }) => (egui::accesskit::Role::Row, None),
        _ => (egui::accesskit::Role::Paragraph, None),
    };
    response.widget_info(|| egui::WidgetInfo::new(role));
    if let Some(level) = level {
        doc.ctx()
            .accesskit_node_builder(id, |node| node.set_level(usize::from(level)));
    }
    // The selection, where it touches this paragraph, in its chars.
    let end = placed.end();
    let cursor = (!selection.is_empty() && selection.start <= end && selection.end >= placed.start)
        .then(|| {
            let from = selection.start.max(placed.start) - placed.start;
            let to = selection.end.min(end) - placed.start;
            CCursorRange::two(egui::text::CCursor::new(from), egui::text::CCursor::new(to))
        });
    egui::text_selection::accesskit_text::update_accesskit_for_text_widget(
        doc.ctx(),
        id,
        cursor,
        TSTransform::from_translation(placed.rect.min.to_vec2()),
        &placed.galley,
    );
}

/// The highlights on screen as mark nodes: the quote as name, the note and tags as
/// description, at the highlight's first line.
fn marks(doc: &Ui, cx: &FrameCtx<'_>, pane: &Pane, article: &Article) {
    let (Some(first), Some(last), Some(ws)) =
        (pane.placed.first(), pane.placed.last(), cx.workspace)
    else {
        return;
    };
    let spans = cx.derived.spans(&article.file_name);
    for span in spans.overlapping(first.start..last.end()) {
        let Some(a) = ws.notebook().get(&span.id) else {
            continue;
        };
        let at = span.range.start.max(first.start);
        let Some(placed) = pane.placed_at_char(at) else {
            continue;
        };
        let start = placed.char_rect(at);
        let end_char = span.range.end.min(placed.end());
        let end = placed.caret_rect(end_char);
        let rect = if (end.center().y - start.center().y).abs() < 1.0 {
            Rect::from_min_max(start.min, end.max)
        } else {
            Rect::from_min_max(start.min, egui::pos2(placed.rect.right(), start.max.y))
        };
        let id = doc.unique_id().with(("mark", &*span.id));
        let response = doc.interact(rect, id, Sense::hover());
        let quote = a.quote.exact.clone();
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Mark, true, &quote));
        let mut description = a.note.trim().to_owned();
        if !a.tags.is_empty() {
            if !description.is_empty() {
                description.push_str(" — ");
            }
            description.push_str(&format!("tags: {}", a.tags.join(", ")));
        }
        if !description.is_empty() {
            doc.ctx()
                .accesskit_node_builder(id, |node| node.set_description(description));
        }
    }
}
