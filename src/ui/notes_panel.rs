//! The notes panel: the annotations of the articles on screen, in reading order.
//!
//! Each entry shows the colour, an excerpt of the quote and a preview of the note; clicking it
//! scrolls the pane showing that article to the highlight. The selected entry opens an inline
//! editor (unless the note window is already editing it). Highlights whose passage could not be
//! found in the current text are listed under "Unanchored", never dropped.

use eframe::egui::{self, Id, RichText, Sense, TextEdit, Ui};

use super::action::{Action, Actions};
use super::fonts::reading_font;
use super::widgets::{color_chip, color_chip_button, excerpt};
use crate::annotation::{Annotation, Color};
use crate::notebook::Command;
use crate::workspace::{ArticleProblem, Workspace};

/// Accessible name of the inline note field.
pub const INLINE_NOTE_LABEL: &str = "Note for the selected highlight";

pub struct NotesCtx<'a> {
    pub workspace: &'a Workspace,
    /// File names of the articles on screen, in pane order, without repeats.
    pub articles: Vec<&'a str>,
    pub selected: Option<&'a str>,
    /// Id whose note is open in the note window (the inline editor stays closed for it).
    pub editing_in_window: Option<&'a str>,
    pub font_size: f32,
    /// The active pane has a text selection an orphan could be attached to.
    pub can_attach: bool,
}

pub fn show(ui: &mut Ui, cx: &NotesCtx<'_>, actions: &mut Actions) {
    ui.add_space(6.0);
    ui.heading("Notes");
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .id_salt("gloss-notes-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut any = false;
            for article_name in &cx.articles {
                let annotations = cx.workspace.notebook().in_article(article_name);
                let (mut anchored, orphans): (Vec<&Annotation>, Vec<&Annotation>) = annotations
                    .into_iter()
                    .partition(|a| cx.workspace.range_of(&a.id).is_some());
                if anchored.is_empty() && orphans.is_empty() {
                    continue;
                }
                any = true;
                anchored.sort_by_key(|a| {
                    let r = cx.workspace.range_of(&a.id).unwrap_or_default();
                    (r.start, r.end)
                });
                let title = cx
                    .workspace
                    .corpus
                    .article(article_name)
                    .map(|a| a.display_title().to_owned())
                    .unwrap_or_else(|| article_name.to_string());
                ui.add_space(6.0);
                ui.label(RichText::new(excerpt(&title, 60)).strong());
                ui.separator();
                for a in anchored {
                    entry(ui, cx, a, false, actions);
                }
                if !orphans.is_empty() {
                    ui.label(RichText::new("Unanchored").weak().small())
                        .on_hover_text("The highlighted passage is no longer in the article.");
                    for a in orphans {
                        entry(ui, cx, a, true, actions);
                    }
                }
            }
            any |= missing_articles(ui, cx, actions);
            if !any {
                ui.label(
                    RichText::new(
                        "No notes yet.\n\nSelect text in an article and press H to highlight \
                         it, or N to highlight it and write a note.",
                    )
                    .weak(),
                );
            }
        });
}

/// Annotations whose article file is gone (or whose name was refused): never dropped, listed
/// here until the article comes back or the reader deletes them. Returns whether any exist.
fn missing_articles(ui: &mut Ui, cx: &NotesCtx<'_>, actions: &mut Actions) -> bool {
    let ws = cx.workspace;
    let mut missing: Vec<&Annotation> = ws
        .notebook()
        .annotations()
        .iter()
        .filter(|a| ws.article_problem(&a.article).is_some())
        .collect();
    if missing.is_empty() {
        return false;
    }
    missing.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    ui.add_space(10.0);
    ui.label(
        RichText::new("Missing article")
            .strong()
            .color(ui.visuals().warn_fg_color),
    )
    .on_hover_text(
        "These notes belong to article files that are not in the corpus folder any more. \
             They are kept; if the article comes back (under any name, with the same text) \
             they are attached to it again.",
    );
    ui.separator();
    let mut current: Option<&str> = None;
    for a in missing {
        if current != Some(a.article.as_str()) {
            current = Some(a.article.as_str());
            let why = match ws.article_problem(&a.article) {
                Some(ArticleProblem::Refused) => "refused: not a file inside the corpus folder",
                _ => "not found",
            };
            ui.label(
                RichText::new(format!("{} — {why}", a.article))
                    .small()
                    .weak(),
            );
        }
        entry(ui, cx, a, true, actions);
    }
    true
}

fn entry(ui: &mut Ui, cx: &NotesCtx<'_>, a: &Annotation, orphan: bool, actions: &mut Actions) {
    let selected = cx.selected == Some(a.id.as_str());
    let visuals = ui.visuals().clone();
    let frame = egui::Frame::group(ui.style())
        .fill(if selected {
            visuals.faint_bg_color.gamma_multiply(2.0)
        } else {
            visuals.panel_fill
        })
        .stroke(if selected {
            visuals.selection.stroke
        } else {
            egui::Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color)
        });
    // The entry's click area is the scope's own response, registered before its contents so
    // that the buttons inside stay clickable.
    let scope = egui::UiBuilder::new()
        .id_salt(("gloss-note-entry", &a.id))
        .sense(Sense::click());
    let response = ui
        .scope_builder(scope, |ui| {
            frame.show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_top(|ui| {
                    color_chip(ui, a.color, 12.0);
                    let mut quote = RichText::new(excerpt(&a.quote.exact, 140))
                        .font(reading_font(cx.font_size * 0.8))
                        .italics();
                    if orphan {
                        quote = quote.strikethrough();
                    }
                    ui.add(egui::Label::new(quote).wrap().selectable(false));
                });
                if selected && cx.editing_in_window != Some(a.id.as_str()) && !orphan {
                    ui.horizontal(|ui| {
                        for color in Color::ALL {
                            if color_chip_button(ui, color, a.color == color).clicked() {
                                actions.push(Action::PickColor(color));
                            }
                        }
                    });
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
                        actions.push(Action::Annotate(Command::SetNote {
                            id: a.id.clone(),
                            note,
                        }));
                    }
                    if ui.small_button("Delete").clicked() {
                        actions.push(Action::Annotate(Command::Delete { id: a.id.clone() }));
                    }
                } else if !a.note.is_empty() {
                    ui.add(
                        egui::Label::new(excerpt(&a.note, 200))
                            .wrap()
                            .selectable(false),
                    );
                }
                if orphan {
                    ui.horizontal(|ui| {
                        if ui
                            .add_enabled(
                                cx.can_attach,
                                egui::Button::new("Attach to selection").small(),
                            )
                            .on_hover_text(
                                "Attach this note to the text selected in the active pane",
                            )
                            .on_disabled_hover_text("Select the passage in a pane first")
                            .clicked()
                        {
                            actions.push(Action::AttachToSelection(a.id.clone()));
                        }
                        if ui.small_button("Delete").clicked() {
                            actions.push(Action::Annotate(Command::Delete { id: a.id.clone() }));
                        }
                    });
                } else if let Some(old) = &a.original_quote {
                    // The passage was found again with different wording: say so, and show both.
                    let label = ui
                        .label(
                            RichText::new("text changed")
                                .small()
                                .color(ui.visuals().warn_fg_color),
                        )
                        .on_hover_text(format!(
                            "Was: “{}”\nNow: “{}”",
                            excerpt(old, 300),
                            excerpt(&a.quote.exact, 300)
                        ));
                    if selected {
                        let _ = label;
                        ui.label(
                            RichText::new(format!("Was: {}", excerpt(old, 300)))
                                .small()
                                .strikethrough(),
                        );
                        ui.label(
                            RichText::new(format!("Now: {}", excerpt(&a.quote.exact, 300))).small(),
                        );
                    }
                }
            })
        })
        .response;
    if response.clicked() {
        if orphan {
            actions.push(Action::SelectAnnotation(Some(a.id.clone())));
        } else {
            actions.push(Action::Reveal(a.id.clone()));
        }
    }
    ui.add_space(4.0);
}
