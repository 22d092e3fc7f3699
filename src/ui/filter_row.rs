//! The filter row of the notes panel: text, colours, tags, article, has note, state — all
//! combined — and how many of the listed highlights it keeps ("12 of 240").

use eframe::egui::{self, Id, RichText, TextEdit, Ui};

use super::action::UiAction;
use super::context::FrameCtx;
use super::widgets::{color_chip_button, excerpt};
use crate::annotation::Color;
use crate::filter::{Filter, State};
use crate::session::Action;
use crate::workspace::Workspace;

/// Accessible name of the filter's text field (its label).
pub const FILTER_FIELD_LABEL: &str = "Filter notes";
/// The checkbox that dims, in the panes, the highlights the filter hides.
pub const DIM_LABEL: &str = "Dim the others";

pub fn show(ui: &mut Ui, cx: &FrameCtx<'_>, ws: &Workspace) {
    let filter = cx.filter;
    let send = |f: Filter| cx.send(Action::SetFilter(f));
    ui.horizontal(|ui| {
        let label = ui.label(RichText::new(FILTER_FIELD_LABEL).small().weak());
        let mut text = filter.text.clone();
        let response = ui
            .add(
                TextEdit::singleline(&mut text)
                    .id(Id::unique("gloss-filter-text"))
                    .hint_text("words in quote, note, tags")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if response.changed() {
            send(Filter {
                text,
                ..filter.clone()
            });
        }
    });
    ui.horizontal_wrapped(|ui| {
        for color in Color::ALL {
            let on = filter.colors.contains(&color);
            if color_chip_button(ui, color, on).clicked() {
                let mut f = filter.clone();
                if on {
                    f.colors.remove(&color);
                } else {
                    f.colors.insert(color);
                }
                send(f);
            }
        }
        let tags_text = if filter.tags.is_empty() {
            "Tags".to_owned()
        } else {
            format!("Tags ({})", filter.tags.len())
        };
        ui.menu_button(tags_text, |ui| {
            // Counted only while the menu is open: the row is drawn every frame.
            let in_use = crate::tags::in_use(ws.notebook().annotations());
            if in_use.is_empty() {
                ui.label(RichText::new("no tags yet").weak());
            }
            for (tag, _) in crate::tags::listed(&in_use) {
                let mut on = filter.tags.contains(tag);
                if ui.checkbox(&mut on, format!("#{tag}")).changed() {
                    let mut f = filter.clone();
                    if on {
                        f.tags.insert(tag.to_owned());
                    } else {
                        f.tags.remove(tag);
                    }
                    send(f);
                }
            }
        });
        let article_text = match &filter.article {
            Some(a) => ws
                .corpus
                .article(a)
                .map_or(a.clone(), |x| excerpt(x.display_title(), 18)),
            None => "Any article".into(),
        };
        let combo = egui::ComboBox::from_id_salt("gloss-filter-article")
            .selected_text(article_text)
            .width(110.0)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(filter.article.is_none(), "Any article")
                    .clicked()
                {
                    send(Filter {
                        article: None,
                        ..filter.clone()
                    });
                }
                for a in &ws.corpus.articles {
                    let on = filter.article.as_deref() == Some(a.file_name.as_str());
                    if ui
                        .selectable_label(on, excerpt(a.display_title(), 50))
                        .clicked()
                    {
                        send(Filter {
                            article: Some(a.file_name.clone()),
                            ..filter.clone()
                        });
                    }
                }
            });
        combo.response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Filter by article")
        });
        let note_text = match filter.has_note {
            None => "Any note",
            Some(true) => "With note",
            Some(false) => "Without note",
        };
        let combo = egui::ComboBox::from_id_salt("gloss-filter-note")
            .selected_text(note_text)
            .width(90.0)
            .show_ui(ui, |ui| {
                for (value, text) in [
                    (None, "Any note"),
                    (Some(true), "With note"),
                    (Some(false), "Without note"),
                ] {
                    if ui
                        .selectable_label(filter.has_note == value, text)
                        .clicked()
                    {
                        send(Filter {
                            has_note: value,
                            ..filter.clone()
                        });
                    }
                }
            });
        combo.response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Filter by note")
        });
        let state_text = if filter.states.is_empty() {
            "Any state".to_owned()
        } else {
            filter
                .states
                .iter()
                .map(|s| s.label())
                .collect::<Vec<_>>()
                .join(", ")
        };
        ui.menu_button(state_text, |ui| {
            for state in State::ALL {
                let mut on = filter.states.contains(&state);
                if ui.checkbox(&mut on, state.label()).changed() {
                    let mut f = filter.clone();
                    if on {
                        f.states.insert(state);
                    } else {
                        f.states.remove(&state);
                    }
                    send(f);
                }
            }
        });
    });
    let (kept, total) = cx.derived.kept();
    ui.horizontal(|ui| {
        let text = if filter.is_empty() {
            format!("{total} highlight{}", if total == 1 { "" } else { "s" })
        } else {
            format!("{kept} of {total}")
        };
        ui.label(RichText::new(text).small().weak());
        if !filter.is_empty() && ui.small_button("Clear filter").clicked() {
            send(Filter::default());
        }
        let mut dim = cx.ui_state.dim_filtered;
        if ui
            .checkbox(&mut dim, RichText::new(DIM_LABEL).small())
            .on_hover_text("Draw the highlights the filter hides faintly in the articles")
            .changed()
        {
            cx.send(UiAction::ToggleDimFiltered);
        }
    });
}
