//! The notes panel: the annotations of the articles on screen, in reading order.
//!
//! The selected annotation is edited at the top of the panel (colour, note, and for a
//! highlight whose passage was lost: re-attach). Below it, every annotation is one row of the
//! same height — colour, quote, note preview — so the list is virtualised with
//! `ScrollArea::show_rows`: ten thousand notes cost what the twenty on screen cost. Clicking a
//! row scrolls the pane showing that article to the highlight. Highlights whose passage could
//! not be found are listed under "Unanchored", and notes whose article file is gone under
//! "Missing article" — never dropped.
//!
//! The rows are computed by [`super::derived::Derived`] when the notes change, not per frame.

use eframe::egui::text::LayoutJob;
use eframe::egui::{
    self, Align, FontSelection, Id, RichText, Sense, TextEdit, Ui, WidgetText, vec2,
};

use super::context::FrameCtx;
use super::derived::Row;
use super::fonts::reading_font;
use super::theme;
use super::widgets::{color_chip_button, excerpt};
use crate::annotation::{Annotation, Color};
use crate::notebook::Command;
use crate::session::Action;
use crate::workspace::{ArticleProblem, Workspace};

/// Accessible name of the note field of the selected annotation.
pub const INLINE_NOTE_LABEL: &str = "Note for the selected highlight";

/// Height of one row of the list (quote, note, first link).
const ROW_HEIGHT: f32 = 70.0;

/// The height kept at the top of the panel for the selected highlight's editor: a share of
/// the panel, within these bounds (a longer editor — an orphan's places — scrolls inside it).
const EDITOR_SHARE: f32 = 0.3;
const EDITOR_MIN: f32 = 190.0;
const EDITOR_MAX: f32 = 320.0;

pub fn show(ui: &mut Ui, cx: &FrameCtx<'_>, ws: &Workspace) {
    ui.add_space(6.0);
    ui.heading("Notes");
    ui.add_space(4.0);
    // The selected highlight's editor has a place of its own, kept whether one is selected
    // or not: selecting a highlight never pushes the list down under the pointer.
    if !ws.notebook().annotations().is_empty() {
        let width = ui.available_width();
        // Depends on the window's height only: stays put as highlights are (de)selected.
        let height = (ui.available_height() * EDITOR_SHARE).clamp(EDITOR_MIN, EDITOR_MAX);
        ui.allocate_ui(vec2(width, height), |ui| {
            ui.set_min_size(vec2(width, height));
            egui::ScrollArea::vertical()
                .id_salt("gloss-selected-editor")
                .max_height(height)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    match cx.selected.and_then(|id| ws.notebook().get(id)) {
                        Some(a) => selected_editor(ui, cx, ws, a),
                        None => {
                            ui.label(
                                RichText::new(
                                    "Select a highlight (click it, or press Tab) to edit its \
                                     colour, tags and note here.",
                                )
                                .weak(),
                            );
                        }
                    }
                });
        });
        ui.separator();
    }
    if !ws.notebook().annotations().is_empty() {
        super::filter_row::show(ui, cx, ws);
        ui.separator();
    }
    if cx.derived.rows().is_empty() && !cx.filter.is_empty() {
        ui.label(RichText::new("No highlight matches the filter.").weak());
        return;
    }
    if cx.derived.rows().is_empty() {
        // With annotating off, the usual invitation to press H would promise what the app
        // then refuses; say why instead (the banner above has the details and the remedies).
        let hint = if ws.can_annotate() {
            "No notes yet.\n\nSelect text in an article and press H to highlight it, or N to \
             highlight it and write a note."
                .to_owned()
        } else {
            format!(
                "No notes shown.\n\nHighlighting is off: {}.",
                ws.read_only_reason().unwrap_or_default()
            )
        };
        ui.label(RichText::new(hint).weak());
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("gloss-notes-scroll")
        .auto_shrink([false, false])
        .show_rows(ui, ROW_HEIGHT, cx.derived.rows().len(), |ui, range| {
            for row in &cx.derived.rows()[range] {
                row_ui(ui, cx, ws, row);
            }
        });
}

/// One row, exactly [`ROW_HEIGHT`] tall.
fn row_ui(ui: &mut Ui, cx: &FrameCtx<'_>, ws: &Workspace, row: &Row) {
    let width = ui.available_width();
    let (rect, _) = ui.allocate_exact_size(vec2(width, ROW_HEIGHT), Sense::hover());
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect.shrink2(vec2(2.0, 3.0)))
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    let ui = &mut child;
    match row {
        Row::Article(title) => {
            ui.add_space(ROW_HEIGHT - 30.0);
            ui.add(egui::Label::new(RichText::new(excerpt(title, 80)).strong()).truncate());
            ui.separator();
        }
        Row::Heading(text, hint) => {
            ui.add_space(ROW_HEIGHT - 30.0);
            ui.label(
                RichText::new(*text)
                    .strong()
                    .color(ui.visuals().warn_fg_color),
            )
            .on_hover_text(*hint);
        }
        Row::Entry { id, lost, why } => {
            let Some(a) = ws.notebook().get(id) else {
                return;
            };
            entry(ui, cx, ws, a, *lost, why.as_deref());
        }
    }
}

fn entry(
    ui: &mut Ui,
    cx: &FrameCtx<'_>,
    ws: &Workspace,
    a: &Annotation,
    lost: bool,
    why: Option<&str>,
) {
    let selected = cx.selected == Some(a.id.as_str());
    let rect = ui.max_rect();
    let response = ui.interact(
        rect,
        Id::unique(("gloss-note-entry", &a.id)),
        Sense::click(),
    );
    let visuals = ui.visuals();
    let fill = if selected {
        visuals.selection.bg_fill.gamma_multiply(0.35)
    } else if response.hovered() {
        visuals.faint_bg_color
    } else {
        visuals.panel_fill
    };
    ui.painter().rect(
        rect,
        4.0,
        fill,
        egui::Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
        egui::StrokeKind::Inside,
    );
    let chip = egui::Rect::from_min_size(rect.min + vec2(6.0, 7.0), vec2(10.0, 10.0));
    ui.painter().rect_filled(chip, 2.0, theme::chip(a.color));
    let mut inner = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect.shrink(4.0).with_min_x(rect.min.x + 22.0))
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    let mut quote = RichText::new(excerpt(&a.quote.exact, 160))
        .font(reading_font(cx.font_size() * 0.78))
        .italics();
    if lost {
        quote = quote.strikethrough();
    }
    inner.add(egui::Label::new(quote).truncate().selectable(false));
    let second_line: WidgetText = if lost && ws.article_problem(&a.article).is_some() {
        let why = match ws.article_problem(&a.article) {
            Some(ArticleProblem::Refused) => "refused: not a file inside the corpus folder",
            _ => "article not found",
        };
        let note = if a.note.is_empty() {
            String::new()
        } else {
            format!(" · {}", excerpt(&a.note, 120))
        };
        RichText::new(format!("{} — {why}{note}", a.article))
            .small()
            .weak()
            .into()
    } else if let Some(why) = why.filter(|_| lost) {
        let note = if a.note.is_empty() {
            String::new()
        } else {
            format!(" · {}", excerpt(&a.note, 120))
        };
        RichText::new(format!("not found: {why}{note}"))
            .small()
            .weak()
            .into()
    } else if let Some(old) = a.original_quote.as_ref().filter(|_| !lost) {
        // The marker and what changed, old → new as an inline word diff, then the note: a
        // row that showed only the marker would look as if the edit had taken the note away.
        let mut job = LayoutJob::default();
        let style = inner.style().clone();
        RichText::new("text changed: ")
            .small()
            .color(inner.visuals().warn_fg_color)
            .append_to(&mut job, &style, FontSelection::Default, Align::Center);
        inline_word_diff(&mut job, &inner, cx, old, &a.quote.exact);
        if !a.note.is_empty() {
            RichText::new(format!(" · {}", excerpt(&a.note, 160)))
                .small()
                .append_to(&mut job, &style, FontSelection::Default, Align::Center);
        }
        job.into()
    } else if a.tags.is_empty() {
        RichText::new(excerpt(&a.note, 160)).small().into()
    } else {
        let mut job = LayoutJob::default();
        let style = inner.style().clone();
        let tags: Vec<String> = a.tags.iter().map(|t| format!("#{t}")).collect();
        RichText::new(tags.join(" "))
            .small()
            .color(inner.visuals().hyperlink_color)
            .append_to(&mut job, &style, FontSelection::Default, Align::Center);
        if !a.note.is_empty() {
            RichText::new(format!(" · {}", excerpt(&a.note, 160)))
                .small()
                .append_to(&mut job, &style, FontSelection::Default, Align::Center);
        }
        job.into()
    };
    inner.add(egui::Label::new(second_line).truncate().selectable(false));
    let links: Vec<&crate::link::Link> = ws.notebook().links_of(&a.id).collect();
    if let Some(first) = links.first() {
        let more = if links.len() > 1 {
            format!("  (+{} more)", links.len() - 1)
        } else {
            String::new()
        };
        let text = format!("{}{more}", link_text(ws, first, &a.id));
        let line = inner.add(
            egui::Label::new(
                RichText::new(text)
                    .small()
                    .color(theme::relation(first.relation, cx.dark())),
            )
            .truncate()
            .selectable(false)
            .sense(Sense::click()),
        );
        if line.clicked()
            && let Some(other) = first.other_end(&a.id)
        {
            cx.send(Action::Reveal(other.to_owned()));
        }
    }
    let response = match &a.original_quote {
        Some(old) if !lost => {
            let response = response.on_hover_text(format!(
                "Was: “{}”\nNow: “{}”\n(right-click: compare with the earlier version)",
                excerpt(old, 300),
                excerpt(&a.quote.exact, 300)
            ));
            response.context_menu(|ui| {
                if ui.button("Compare with earlier version").clicked() {
                    cx.send(Action::CompareWithVersion {
                        article: a.article.clone(),
                        hash: None,
                    });
                }
            });
            response
        }
        _ => response,
    };
    if response.clicked() {
        if lost {
            cx.send(Action::SelectAnnotation(Some(a.id.clone())));
        } else {
            cx.send(Action::Reveal(a.id.clone()));
        }
    }
}

/// Old → new as one line: shared words as they are, words that went struck through in red,
/// words that came in green.
fn inline_word_diff(job: &mut LayoutJob, ui: &Ui, cx: &FrameCtx<'_>, old: &str, new: &str) {
    use crate::compare::diff::{Piece, word_diff};
    let font = egui::TextStyle::Small.resolve(ui.style());
    let ink = ui.visuals().text_color();
    // A long quote: its start is what fits on the row anyway.
    let (old, new) = (excerpt(old, 200), excerpt(new, 200));
    for piece in word_diff(&old, &new) {
        let (text, deleted, inserted) = match &piece {
            Piece::Same(t) => (t, false, false),
            Piece::OnlyA(t) => (t, true, false),
            Piece::OnlyB(t) => (t, false, true),
        };
        let mut format = egui::TextFormat {
            font_id: font.clone(),
            color: ink,
            ..Default::default()
        };
        if deleted || inserted {
            format.background = theme::change_fill(deleted, cx.dark());
        }
        if deleted {
            format.strikethrough = egui::Stroke::new(1.0, ink);
        }
        job.append(text, 0.0, format);
    }
}

/// "↔ contradicts: “…” — other article" for a link seen from annotation `from`.
fn link_text(ws: &Workspace, link: &crate::link::Link, from: &str) -> String {
    let other = link.other_end(from).and_then(|id| ws.notebook().get(id));
    match other {
        Some(o) => {
            let title = ws
                .corpus
                .article(&o.article)
                .map(|a| a.display_title().to_owned())
                .unwrap_or_else(|| o.article.clone());
            format!(
                "↔ {}: “{}” — {}",
                link.relation.label(),
                excerpt(&o.quote.exact, 70),
                excerpt(&title, 40)
            )
        }
        None => format!("↔ {}: (the other passage is gone)", link.relation.label()),
    }
}

/// The selected highlight's links, each clickable (scrolls to the other passage), with its
/// relation to change and a button to remove it.
fn links_editor(ui: &mut Ui, cx: &FrameCtx<'_>, ws: &Workspace, a: &Annotation) {
    let links: Vec<&crate::link::Link> = ws.notebook().links_of(&a.id).collect();
    if links.is_empty() {
        return;
    }
    ui.label(RichText::new("Links").small().weak());
    for link in links {
        ui.horizontal(|ui| {
            ui.menu_button(
                RichText::new(link.relation.label())
                    .small()
                    .color(theme::relation(link.relation, cx.dark())),
                |ui| {
                    for relation in crate::link::Relation::ALL {
                        if ui.button(relation.label()).clicked() {
                            cx.send(Action::Annotate(Command::EditLink {
                                id: link.id.clone(),
                                relation,
                                note: link.note.clone(),
                            }));
                        }
                    }
                },
            );
            if ui
                .small_button("×")
                .on_hover_text("Remove this link (the highlights stay)")
                .clicked()
            {
                cx.send(Action::Annotate(Command::DeleteLink {
                    id: link.id.clone(),
                }));
            }
            let text = link_text(ws, link, &a.id);
            let text = text.split_once(": ").map_or(text.as_str(), |(_, t)| t);
            let mut label = egui::Label::new(RichText::new(text).small())
                .truncate()
                .sense(Sense::click());
            if ws.notebook().is_dangling(link) {
                label = egui::Label::new(RichText::new(text).small().strikethrough()).truncate();
            }
            let response = ui.add(label);
            let response = if link.note.is_empty() {
                response
            } else {
                response.on_hover_text(&link.note)
            };
            if response.clicked()
                && let Some(other) = link.other_end(&a.id)
            {
                cx.send(Action::Reveal(other.to_owned()));
            }
        });
    }
}

/// The editor of the selected annotation, at the top of the panel.
fn selected_editor(ui: &mut Ui, cx: &FrameCtx<'_>, ws: &Workspace, a: &Annotation) {
    let lost = ws.range_of(&a.id).is_none();
    let mut quote = RichText::new(format!("“{}”", excerpt(&a.quote.exact, 240)))
        .font(reading_font(cx.font_size() * 0.8))
        .italics();
    if lost {
        quote = quote.strikethrough();
    }
    ui.add(egui::Label::new(quote).wrap());
    if let Some(old) = a.original_quote.as_ref().filter(|_| !lost) {
        ui.label(
            RichText::new("text changed")
                .small()
                .color(ui.visuals().warn_fg_color),
        );
        ui.label(
            RichText::new(format!("Was: {}", excerpt(old, 300)))
                .small()
                .strikethrough(),
        );
        ui.label(RichText::new(format!("Now: {}", excerpt(&a.quote.exact, 300))).small());
        if ui
            .small_button("Compare with earlier version")
            .on_hover_text("The text this highlight was made on, beside the current one")
            .clicked()
        {
            cx.send(Action::CompareWithVersion {
                article: a.article.clone(),
                hash: None,
            });
        }
    }
    // A lost highlight's way back comes first, in sight at the top of the editor's place.
    if lost {
        if ui
            .add_enabled(
                cx.can_annotate() && cx.has_selection,
                egui::Button::new("Attach to selection").small(),
            )
            .on_hover_text("Attach this note to the text selected in the active pane")
            .on_disabled_hover_text("Select the passage in a pane first")
            .clicked()
        {
            cx.send(Action::AttachToSelection(a.id.clone()));
        }
        orphan_places(ui, cx, ws, a);
    }
    ui.horizontal(|ui| {
        for color in Color::ALL {
            if color_chip_button(ui, color, a.color == color).clicked() {
                cx.send(Action::PickColor(color));
            }
        }
    });
    if cx.editing != Some(a.id.as_str()) {
        super::tag_editor::show(ui, cx, ws, a);
        let mut note = a.note.clone();
        let label = ui.label(RichText::new(INLINE_NOTE_LABEL).small().weak());
        let response = ui
            .add(
                TextEdit::multiline(&mut note)
                    .id(Id::unique(("gloss-inline-note", &a.id)))
                    .hint_text("Write a note…")
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if response.changed() {
            cx.send(Action::Annotate(Command::SetNote {
                id: a.id.clone(),
                note,
            }));
        }
    }
    links_editor(ui, cx, ws, a);
    ui.horizontal(|ui| {
        if ui.small_button("Delete").clicked() {
            cx.send(Action::Annotate(Command::Delete { id: a.id.clone() }));
        }
    });
}

/// Why the selected highlight is unanchored, and — where its words still stand but nothing
/// decided between the places — those places, each a button that re-attaches it there.
fn orphan_places(ui: &mut Ui, cx: &FrameCtx<'_>, ws: &Workspace, a: &Annotation) {
    use crate::anchor::orphan::Orphaned;
    use crate::workspace::OrphanReason;
    let Some(why) = ws.orphan_reason(&a.id) else {
        return;
    };
    ui.label(
        RichText::new(format!("Not found: {why}."))
            .small()
            .color(ui.visuals().warn_fg_color),
    );
    let OrphanReason::InArticle(Orphaned::Undecided { count, places }) = why else {
        return;
    };
    let Some(article) = ws.corpus.article(&a.article) else {
        return;
    };
    ui.label(RichText::new("Re-attach it to one of the places its words stand:").small());
    for (i, place) in places.iter().enumerate() {
        let from = place.start.saturating_sub(30);
        let to = (place.end + 30).min(article.char_len());
        let around = article
            .slice(from..to)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let button =
            egui::Button::new(RichText::new(format!("{}. …{around}…", i + 1)).small()).wrap();
        if ui
            .add_enabled(cx.can_annotate(), button)
            .on_hover_text("Attach this highlight here")
            .clicked()
        {
            cx.send(Action::AttachAt {
                id: a.id.clone(),
                article: a.article.clone(),
                range: place.clone(),
            });
        }
    }
    if count > places.len() {
        ui.label(
            RichText::new(format!(
                "…and {} more places; or select the passage and use Attach to selection.",
                count - places.len()
            ))
            .small()
            .weak(),
        );
    }
}
