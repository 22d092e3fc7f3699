//! Small widgets shared by several views.

use eframe::egui::{self, Response, Sense, Ui, vec2};

use super::theme;
use crate::annotation::Color;

/// A square colour swatch that works as a button, named for screen readers and tests
/// ("Yellow (1)"). `current` draws a ring around it.
pub fn color_chip_button(ui: &mut Ui, color: Color, current: bool) -> Response {
    let index = Color::ALL.iter().position(|&c| c == color).unwrap_or(0) + 1;
    let label = format!("{} ({index})", capitalised(color.name()));
    let (rect, response) = ui.allocate_exact_size(vec2(18.0, 18.0), Sense::click());
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, current, &label));
    let painter = ui.painter();
    let fill = theme::chip(color);
    painter.rect_filled(rect.shrink(2.0), 4.0, fill);
    if current || response.hovered() {
        let stroke = egui::Stroke::new(2.0, ui.visuals().strong_text_color());
        painter.rect_stroke(rect, 5.0, stroke, egui::StrokeKind::Inside);
    }
    response.on_hover_text(label)
}

/// The match-case (*Aa*) and whole-word (*W*) toggles of find and search; returns the options
/// when one was clicked.
pub fn search_options(
    ui: &mut Ui,
    options: crate::search::Options,
) -> Option<crate::search::Options> {
    let mut changed = None;
    if ui
        .selectable_label(options.match_case, "Aa")
        .on_hover_text("Match case")
        .clicked()
    {
        changed = Some(crate::search::Options {
            match_case: !options.match_case,
            ..options
        });
    }
    if ui
        .selectable_label(options.whole_word, "W")
        .on_hover_text("Whole words only")
        .clicked()
    {
        changed = Some(crate::search::Options {
            whole_word: !options.whole_word,
            ..options
        });
    }
    changed
}

pub fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The first `max_chars` chars of `s` on one line, with an ellipsis when cut.
pub fn excerpt(s: &str, max_chars: usize) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if flat.chars().count() <= max_chars {
        flat
    } else {
        let mut cut: String = flat.chars().take(max_chars).collect();
        cut.truncate(cut.trim_end().len());
        cut.push('…');
        cut
    }
}

/// How far long work got: a bar with "done of total" when the total is known, a spinner
/// before that.
pub fn progress(ui: &mut Ui, progress: &crate::job::Progress, width: f32) {
    let (done, total) = progress.get();
    match progress.fraction() {
        Some(fraction) => {
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(width)
                    .text(format!("{done} of {total}")),
            );
        }
        None => {
            ui.spinner();
        }
    }
}
