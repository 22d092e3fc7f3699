//! The search-everywhere panel: a query over every article and every quote, note and tag;
//! results grouped by article with a line of context and a count per article, then the notes
//! that matched. Clicking a hit opens its article in the active pane at the match; clicking a
//! note goes to its highlight. The list is virtualised (one row height), so a hundred thousand
//! hits cost what the twenty on screen cost.

use eframe::egui::{self, Id, RichText, Sense, TextEdit, Ui, vec2};

use super::action::UiAction;
use super::context::FrameCtx;
use super::search_state::ResultRow;
use super::widgets::excerpt;
use crate::session::Action;

/// Accessible name of the query field (its label).
pub const SEARCH_FIELD_LABEL: &str = "Search everywhere";

const ROW_HEIGHT: f32 = 22.0;

/// The panel; `rows` and `status` come from [`super::search_state::SearchState::rows`].
pub fn show(ui: &mut Ui, cx: &FrameCtx<'_>, rows: &[ResultRow], status: &str) {
    let Some(search) = cx.search else { return };
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.heading("Search");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.small_button("×").on_hover_text("Close").clicked() {
                cx.send(UiAction::CloseSearch);
            }
        });
    });
    let label = ui.label(RichText::new(SEARCH_FIELD_LABEL).small().weak());
    let mut query = search.query.clone();
    let response = ui
        .add(
            TextEdit::singleline(&mut query)
                .id(Id::unique("gloss-search-field"))
                .hint_text("articles, quotes, notes, tags")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if search.focus.take() {
        response.request_focus();
    }
    if response.changed() {
        cx.send(UiAction::SearchQuery(query));
    }
    ui.horizontal(|ui| {
        if let Some(options) = super::widgets::search_options(ui, search.options) {
            cx.send(UiAction::SearchOptions(options));
        }
        ui.label(RichText::new(status).small().weak());
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("gloss-search-results")
        .auto_shrink([false, false])
        .show_rows(ui, ROW_HEIGHT, rows.len(), |ui, range| {
            for row in &rows[range] {
                row_ui(ui, cx, row);
            }
        });
}

/// Chars of context shown before a match (the rest of the line follows it).
const BEFORE_CHARS: usize = 24;

/// A hit's line: a little context, the match emphasised, what follows.
fn hit_line(ui: &Ui, hit: &crate::search::Hit) -> egui::text::LayoutJob {
    let c = &hit.context;
    let m = hit.in_context.clone();
    let before = &c[..m.start];
    let cut = before
        .char_indices()
        .rev()
        .nth(BEFORE_CHARS)
        .map_or(0, |(i, _)| i);
    let small = egui::TextStyle::Small.resolve(ui.style());
    let weak = ui.visuals().weak_text_color();
    let strong = ui.visuals().strong_text_color();
    let mut job = egui::text::LayoutJob::default();
    let format = |color, background| egui::TextFormat {
        font_id: small.clone(),
        color,
        background,
        ..Default::default()
    };
    if cut > 0 {
        job.append("…", 0.0, format(weak, egui::Color32::TRANSPARENT));
    }
    job.append(
        &before[cut..],
        0.0,
        format(weak, egui::Color32::TRANSPARENT),
    );
    job.append(
        &c[m.clone()],
        0.0,
        format(
            strong,
            super::theme::find_match(false, ui.visuals().dark_mode),
        ),
    );
    job.append(&c[m.end..], 0.0, format(weak, egui::Color32::TRANSPARENT));
    job
}

fn row_ui(ui: &mut Ui, cx: &FrameCtx<'_>, row: &ResultRow) {
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(vec2(width, ROW_HEIGHT), Sense::click());
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::left_to_right(egui::Align::Center)),
    );
    let ui = &mut child;
    match row {
        ResultRow::Article(a) => {
            let count = if a.count > a.hits.len() {
                format!("first {} of {}", a.hits.len(), a.count)
            } else {
                a.count.to_string()
            };
            ui.add(
                egui::Label::new(
                    RichText::new(format!("{} ({count})", excerpt(&a.title, 60))).strong(),
                )
                .truncate(),
            );
        }
        ResultRow::Hit(a, i) => {
            let hit = &a.hits[*i];
            if response.hovered() {
                ui.painter()
                    .rect_filled(rect, 3.0, ui.visuals().faint_bg_color);
            }
            ui.add_space(10.0);
            ui.add(
                egui::Label::new(hit_line(ui, hit))
                    .truncate()
                    .selectable(false),
            );
            if response.clicked() {
                cx.send(Action::OpenAt {
                    article: hit.article.clone(),
                    range: hit.start..hit.end,
                });
            }
        }
        ResultRow::NotesHeading(n) => {
            ui.add(egui::Label::new(
                RichText::new(format!("In notes ({n})")).strong(),
            ));
        }
        ResultRow::Note(list, i) => {
            let note = &list[*i];
            if response.hovered() {
                ui.painter()
                    .rect_filled(rect, 3.0, ui.visuals().faint_bg_color);
            }
            let field = match note.field {
                crate::search::Field::Quote => "quote",
                crate::search::Field::Note => "note",
                crate::search::Field::Tag => "tag",
            };
            ui.add_space(10.0);
            ui.add(
                egui::Label::new(
                    RichText::new(format!("{field}: {}", excerpt(&note.text, 120))).small(),
                )
                .truncate()
                .selectable(false),
            );
            if response.clicked() {
                cx.send(Action::Reveal(note.id.clone()));
            }
        }
    }
}
