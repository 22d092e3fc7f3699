//! A pane's *Contents* menu: the outline of its article (headings of a Markdown or web page,
//! chapters of a plain-text book) to jump by. Entries under an outer heading fold away under
//! it; the heading the reader is in is marked.

use eframe::egui::{self, RichText, Ui};

use super::context::FrameCtx;
use crate::corpus::Article;
use crate::outline::Heading;
use crate::session::Action;

/// Fewer headings than this make no outline worth a menu.
const MIN_ENTRIES: usize = 2;

/// The *Contents* button of pane `pane` (showing `article`, its top at char `top`), if the
/// article has an outline.
pub fn button(ui: &mut Ui, cx: &FrameCtx<'_>, pane: usize, article: &Article, top: usize) {
    let outline = article.outline();
    if outline.len() < MIN_ENTRIES {
        return;
    }
    let response = ui.menu_button("☰", |ui| {
        ui.set_max_width(360.0);
        egui::ScrollArea::vertical()
            .max_height(ui.ctx().content_rect().height() * 0.6)
            .show(ui, |ui| list(ui, cx, pane, &outline, top));
    });
    // Read out (and found by tests) by what it is, not by its glyph.
    let label = format!("Contents of pane {}", pane + 1);
    response
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, ui.is_enabled(), &label));
    response
        .response
        .on_hover_text(format!("Contents: {} headings to jump to", outline.len()));
}

/// The entries: each outermost heading, with the ones under it folding under it.
fn list(ui: &mut Ui, cx: &FrameCtx<'_>, pane: usize, outline: &[Heading], top: usize) {
    let outer = outline.iter().map(|h| h.level).min().unwrap_or(1);
    // The menu has just opened (it was not drawn last frame): the part holding the reader's
    // heading opens, however it was left.
    let shown_id = egui::Id::unique(("gloss-outline-shown", pane));
    let frame = ui.ctx().cumulative_frame_nr();
    let last: Option<u64> = ui.data(|d| d.get_temp(shown_id));
    let just_opened = last.is_none_or(|l| l + 1 < frame);
    ui.data_mut(|d| d.insert_temp(shown_id, frame));
    // The heading the reader is in: the last one starting at or before the pane's top.
    let current = outline.iter().rposition(|h| h.start <= top);
    let mut i = 0;
    while i < outline.len() {
        let head = &outline[i];
        let children = if head.level == outer {
            outline[i + 1..]
                .iter()
                .take_while(|h| h.level > outer)
                .count()
        } else {
            0
        };
        if children == 0 {
            entry(ui, cx, pane, head, outer, current == Some(i));
            i += 1;
            continue;
        }
        let inside = current.is_some_and(|c| c >= i && c <= i + children);
        egui::CollapsingHeader::new(title(head, current == Some(i)))
            .id_salt(("gloss-outline", pane, i))
            .default_open(inside || outline.len() <= 40)
            .open((inside && just_opened).then_some(true))
            .show(ui, |ui| {
                entry(ui, cx, pane, head, outer, current == Some(i));
                for (k, h) in outline[i + 1..=i + children].iter().enumerate() {
                    entry(ui, cx, pane, h, outer, current == Some(i + 1 + k));
                }
            });
        i += children + 1;
    }
}

fn title(h: &Heading, current: bool) -> RichText {
    let text = RichText::new(super::widgets::excerpt(&h.title, 60));
    if current { text.strong() } else { text }
}

/// One heading: a click puts it at the top of the pane.
fn entry(ui: &mut Ui, cx: &FrameCtx<'_>, pane: usize, h: &Heading, outer: u8, current: bool) {
    ui.horizontal(|ui| {
        ui.add_space(f32::from(h.level.saturating_sub(outer).min(4)) * 12.0);
        if ui.selectable_label(current, title(h, current)).clicked() {
            cx.send(Action::JumpTo {
                pane,
                char: h.start,
            });
            ui.close_kind(egui::UiKind::Menu);
        }
    });
}
