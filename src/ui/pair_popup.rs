//! A corresponding passage found by compare, shown to the reader: hovering a marked passage
//! shows both passages with a word-level diff (what only one of them says is coloured);
//! clicking it opens the same in a popup with *Accept* — a *same fact* link between the two,
//! highlighting them — and *Dismiss*, which hides it and is remembered in the notes file.

use eframe::egui::{self, Color32, Id, RichText, Ui, text::LayoutJob};

use super::action::UiAction;
use super::context::FrameCtx;
use super::fonts::reading_font;
use super::pair_ref::PairRef;
use crate::compare::diff::{Piece, shared_share, word_diff};
use crate::session::Action;
use crate::workspace::Workspace;

/// The longest passage shown whole in the diff; longer ones are cut (the reader can open
/// both in their panes).
const MAX_DIFF_CHARS: usize = 1_500;

/// The pair whose passage in `pane_index` holds char `c`, if compare shows one there.
pub fn pair_at(
    cx: &FrameCtx<'_>,
    panes: (Option<&str>, Option<&str>, Option<&str>),
    pane_index: usize,
    c: usize,
    at: egui::Pos2,
) -> Option<PairRef> {
    let (i, p) = cx.compare.pair_at(pane_index, c)?;
    // Pair `i` joins pane `i` (left) and pane `i + 1` (right).
    let (left, right) = if i == pane_index {
        (panes.1?, panes.2?)
    } else {
        (panes.0?, panes.1?)
    };
    Some(PairRef {
        a: (left.to_owned(), p.a.clone()),
        b: (right.to_owned(), p.b.clone()),
        at,
        kind: p.kind,
    })
}

/// Both passages, what only one says coloured in each.
fn diff_ui(ui: &mut Ui, cx: &FrameCtx<'_>, ws: &Workspace, pair: &PairRef) {
    let text = |(article, range): &(String, std::ops::Range<usize>)| {
        ws.corpus.article(article).map(|a| {
            let end = range.end.min(a.char_len());
            let start = range.start.min(end);
            let cut = (start + MAX_DIFF_CHARS).min(end);
            (a.display_title().to_owned(), a.slice(start..cut).to_owned())
        })
    };
    let (Some((title_a, a)), Some((title_b, b))) = (text(&pair.a), text(&pair.b)) else {
        return;
    };
    let pieces = word_diff(&a, &b);
    let font = reading_font(cx.font_size() * 0.8);
    let ink = ui.visuals().text_color();
    let (only_a, only_b) = if cx.dark() {
        (
            Color32::from_rgba_unmultiplied(230, 90, 80, 80),
            Color32::from_rgba_unmultiplied(90, 200, 120, 80),
        )
    } else {
        (
            Color32::from_rgba_unmultiplied(220, 60, 50, 60),
            Color32::from_rgba_unmultiplied(40, 170, 80, 60),
        )
    };
    for (title, side) in [(title_a, 0), (title_b, 1)] {
        ui.label(
            RichText::new(super::widgets::excerpt(&title, 60))
                .small()
                .weak(),
        );
        let mut job = LayoutJob::default();
        job.wrap.max_width = ui.available_width();
        for piece in &pieces {
            let (text, background) = match (piece, side) {
                (Piece::Same(t), _) => (t, Color32::TRANSPARENT),
                (Piece::OnlyA(t), 0) => (t, only_a),
                (Piece::OnlyB(t), 1) => (t, only_b),
                _ => continue,
            };
            job.append(
                text,
                0.0,
                egui::TextFormat {
                    font_id: font.clone(),
                    color: ink,
                    background,
                    ..Default::default()
                },
            );
        }
        ui.label(job);
        ui.add_space(4.0);
    }
    ui.label(
        RichText::new(format!(
            "{:.0}% of the words shared",
            shared_share(&pieces) * 100.0
        ))
        .small()
        .weak(),
    );
    if let Some(d) = cx
        .compare
        .find(&pair.a.1, &pair.b.1)
        .and_then(|p| p.differing.as_ref())
    {
        differing_ui(ui, d);
    }
}

/// A pair telling the same event with another detail: the differing words of each side,
/// the contradiction a fact-checker looks for.
pub fn differing_ui(ui: &mut Ui, d: &crate::compare::Differing) {
    let warn = ui.visuals().warn_fg_color;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Differs:").strong().color(warn));
        ui.label(RichText::new(d.a.join(", ")).strong());
        ui.label("here,");
        ui.label(RichText::new(d.b.join(", ")).strong());
        ui.label("there");
    });
}

/// What *Accept* makes of a pair.
pub fn accept_label(kind: crate::compare::Kind) -> &'static str {
    if kind == crate::compare::Kind::Differs {
        "Accept as contradiction"
    } else {
        "Accept as same fact"
    }
}

/// Hovering a marked passage (compare mode): both passages with their word diff.
pub fn hover(
    ui: &Ui,
    cx: &FrameCtx<'_>,
    ws: &Workspace,
    pair: Option<PairRef>,
    response: &egui::Response,
) {
    let Some(pair) = pair else { return };
    if cx.open_pair.is_some() {
        return;
    }
    let _ = ui;
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.set_max_width(420.0);
        diff_ui(ui, cx, ws, &pair);
        ui.label(RichText::new("Click to accept or dismiss").small().weak());
    });
}

/// The popup of the corresponding passage the reader clicked.
pub fn show(ctx: &egui::Context, cx: &FrameCtx<'_>, ws: &Workspace) {
    let Some(pair) = cx.open_pair else { return };
    let mut open = true;
    egui::Window::new("Corresponding passages")
        .constrain_to(cx.below_menu)
        .id(Id::unique("gloss-pair-window"))
        .collapsible(false)
        .resizable(false)
        .default_width(440.0)
        .default_pos(pair.at)
        .open(&mut open)
        .show(ctx, |ui| {
            diff_ui(ui, cx, ws, pair);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        cx.can_annotate(),
                        egui::Button::new(accept_label(pair.kind)),
                    )
                    .on_hover_text("Link the two passages (both highlighted)")
                    .clicked()
                {
                    cx.send(Action::AcceptPair(pair.pair()));
                }
                if ui
                    .add_enabled(cx.can_annotate(), egui::Button::new("Dismiss suggestion"))
                    .on_hover_text("Hide this suggestion (remembered in the notes file)")
                    .clicked()
                {
                    cx.send(Action::DismissPair(pair.pair()));
                }
                if ui.button("Close").clicked() {
                    cx.send(UiAction::OpenPair(None));
                }
            });
        });
    if !open {
        cx.send(UiAction::OpenPair(None));
    }
}
