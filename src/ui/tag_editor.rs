//! The tags of one highlight, editable: chips (× removes one) and a field that adds a tag on
//! Enter, completing from the tags already in use. Each change is one `SetTags` command.

use eframe::egui::{self, Id, RichText, TextEdit, Ui};

use super::context::FrameCtx;
use crate::annotation::Annotation;
use crate::notebook::Command;
use crate::session::Action;
use crate::workspace::Workspace;

/// Accessible name of the field that adds a tag.
pub const ADD_TAG_LABEL: &str = "Add tag";

/// At most this many completions are offered.
const MAX_COMPLETIONS: usize = 6;

/// A tag as a small chip.
pub fn chip(ui: &mut Ui, tag: &str) -> egui::Response {
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| ui.label(RichText::new(format!("#{tag}")).small()))
        .response
}

fn set_tags(cx: &FrameCtx<'_>, a: &Annotation, tags: Vec<String>) {
    cx.send(Action::Annotate(Command::SetTags {
        id: a.id.clone(),
        tags,
    }));
}

/// The chips and the add field for annotation `a`.
pub fn show(ui: &mut Ui, cx: &FrameCtx<'_>, ws: &Workspace, a: &Annotation) {
    ui.horizontal_wrapped(|ui| {
        for tag in &a.tags {
            chip(ui, tag);
            if ui
                .small_button("×")
                .on_hover_text(format!("Remove the tag {tag}"))
                .clicked()
            {
                set_tags(
                    cx,
                    a,
                    a.tags.iter().filter(|t| *t != tag).cloned().collect(),
                );
            }
        }
    });
    if !cx.can_annotate() {
        return;
    }
    let id = Id::unique(("gloss-add-tag", &a.id));
    let mut draft: String = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    let label = ui.label(RichText::new(ADD_TAG_LABEL).small().weak());
    let response = ui
        .add(
            TextEdit::singleline(&mut draft)
                .id(id.with("field"))
                .hint_text("tag, Enter to add")
                .char_limit(crate::limits::MAX_TAG_CHARS)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    let add = |tag: &str, draft: &mut String| {
        if let Some(tag) = crate::tags::normalise(tag)
            && !a.tags.contains(&tag)
        {
            let mut tags = a.tags.clone();
            tags.push(tag);
            set_tags(cx, a, tags);
        }
        draft.clear();
    };
    if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        add(&draft.clone(), &mut draft);
        // Enter adds the tag, and the field stays the keyboard's: a reader adding several
        // tags types on, and the letters of the next one must not become shortcuts (the
        // "c" of "contrast" toggled compare mode, its "n" opened the note).
        response.request_focus();
    }
    let typed = crate::search::fold_query(draft.trim(), false);
    if !typed.is_empty() {
        let in_use = crate::tags::in_use(ws.notebook().annotations());
        let completions: Vec<&str> = crate::tags::listed(&in_use)
            .into_iter()
            .map(|(t, _)| t)
            .filter(|t| !a.tags.iter().any(|x| x == t))
            .filter(|t| crate::search::fold_query(t, false).contains(&typed))
            .take(MAX_COMPLETIONS)
            .collect();
        if !completions.is_empty() {
            ui.horizontal_wrapped(|ui| {
                for t in completions {
                    if ui
                        .small_button(format!("#{t}"))
                        .on_hover_text("Add this tag")
                        .clicked()
                    {
                        add(t, &mut draft);
                        response.request_focus();
                    }
                }
            });
        }
    }
    ui.data_mut(|d| d.insert_temp(id, draft));
}
