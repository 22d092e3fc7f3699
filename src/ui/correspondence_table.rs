//! View ▸ Correspondences (T): the two articles of the active pane and its neighbour as
//! aligned rows ([`crate::compare::table`]) — a sentence beside its counterpart, kind and
//! score, and the sentences that have no counterpart on rows of their own — in the order of
//! either article. A click (or ↑/↓) brings both panes to the row; *Accept* (or Enter) links
//! the pair: *same fact*, or *contradicts* for a pair whose details differ.
//!
//! The rows are built with the compare view (once per change, from sentences split on the
//! worker); the window draws only the rows in sight, so a book pair's thousands of rows cost
//! what a news pair's do.

use std::ops::Range;

use eframe::egui::{self, Id, RichText};

use super::action::UiAction;
use super::context::FrameCtx;
use crate::compare::Kind;
use crate::compare::table::{Order, Row};
use crate::session::Action;
use crate::session::Pair;
use crate::session::comparing::ViewPair;
use crate::workspace::Workspace;

/// Height of a row: one line of text and a button.
const ROW_HEIGHT: f32 = 26.0;

/// The neighbouring panes the table is for: the active pane and the one to its right (the
/// last pane and the one to its left).
pub fn neighbours(cx: &FrameCtx<'_>) -> Option<usize> {
    (cx.pane_count >= 2).then(|| cx.active_pane.min(cx.pane_count - 2))
}

/// The rows shown and the listed pairs they index, with the two articles' names.
fn table<'a>(cx: &'a FrameCtx<'_>) -> Option<(&'a [Row], &'a [ViewPair], &'a str, &'a str)> {
    let i = neighbours(cx)?;
    let tables = cx.compare.tables.get(i)?;
    let rows = &tables[usize::from(cx.ui_state.table.order == Order::B)];
    let a = cx.pane_articles.get(i).copied().flatten()?;
    let b = cx.pane_articles.get(i + 1).copied().flatten()?;
    Some((rows, cx.compare.listed.get(i)?, a, b))
}

/// Selecting row `row`: the action that selects it and brings both panes to it.
fn select(cx: &FrameCtx<'_>, row: usize) -> Option<UiAction> {
    let (rows, _, a, b) = table(cx)?;
    let r = rows.get(row)?;
    Some(UiAction::TableSelect {
        row,
        a: r.a.clone().map(|x| (a.to_owned(), x)),
        b: r.b.clone().map(|x| (b.to_owned(), x)),
    })
}

/// The next (`step` 1) or previous (-1) row: ↑/↓ while the table is open.
pub fn step(cx: &FrameCtx<'_>, step: i32) -> Option<UiAction> {
    let (rows, ..) = table(cx)?;
    if rows.is_empty() {
        return None;
    }
    let next = match cx.ui_state.table.row {
        None if step > 0 => 0,
        None => rows.len() - 1,
        Some(r) => (r as i64 + i64::from(step)).clamp(0, rows.len() as i64 - 1) as usize,
    };
    select(cx, next)
}

/// Accepting the selected row's pair (Enter), when it is a pair not yet linked.
pub fn accept_selected(cx: &FrameCtx<'_>) -> Option<Action> {
    let (rows, listed, a, b) = table(cx)?;
    let pair = &listed[rows.get(cx.ui_state.table.row?)?.pair?];
    (!pair.linked && cx.can_annotate()).then(|| Action::AcceptPair(pair_ref(pair, a, b)))
}

fn pair_ref(p: &ViewPair, a: &str, b: &str) -> Pair {
    Pair {
        a: (a.to_owned(), p.a.clone()),
        b: (b.to_owned(), p.b.clone()),
        kind: p.kind,
    }
}

fn kind_label(p: &ViewPair) -> &'static str {
    match p.kind {
        Kind::Same => "same",
        Kind::Similar => "similar",
        Kind::Differs => "differs",
    }
}

pub fn show(ctx: &egui::Context, cx: &FrameCtx<'_>, ws: &Workspace) {
    if !cx.ui_state.show_correspondences {
        return;
    }
    let mut open = true;
    // Low in the window, so the two panes' tops (where a row brings its passages) stay in
    // sight above it.
    let screen = ctx.content_rect();
    let height = 300.0_f32.min(screen.height() * 0.45);
    egui::Window::new("Correspondences")
        .constrain_to(cx.below_menu)
        .id(Id::unique("gloss-correspondence-window"))
        .default_width(760.0_f32.min(screen.width() - 40.0))
        .default_height(height)
        .default_pos([
            (screen.center().x - 380.0).max(screen.left() + 10.0),
            screen.bottom() - height - 90.0,
        ])
        .open(&mut open)
        .show(ctx, |ui| body(ui, cx, ws));
    if !open {
        cx.send(UiAction::ToggleCorrespondences);
    }
}

fn body(ui: &mut egui::Ui, cx: &FrameCtx<'_>, ws: &Workspace) {
    let Some(i) = neighbours(cx) else {
        ui.label("Open two articles side by side (View ▸ Add pane) to see what corresponds.");
        return;
    };
    let title = |k: usize| {
        cx.pane_articles
            .get(k)
            .copied()
            .flatten()
            .and_then(|a| ws.corpus.article(a))
            .map(|a| super::widgets::excerpt(a.display_title(), 40))
            .unwrap_or_else(|| "(no article)".into())
    };
    let (left, right) = (title(i), title(i + 1));
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("{left}  ⇄  {right}")).strong());
    });
    if let Some(status) = cx.compare.status.get(i).cloned().flatten()
        && status.starts_with("Comparison failed")
    {
        ui.colored_label(ui.visuals().error_fg_color, status);
        return;
    }
    let Some((rows, listed, a, b)) = table(cx) else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Finding corresponding passages…");
        });
        return;
    };
    let order = cx.ui_state.table.order;
    ui.horizontal(|ui| {
        ui.label("Order of:");
        for (o, name) in [(Order::A, &left), (Order::B, &right)] {
            if ui
                .radio(order == o, super::widgets::excerpt(name, 24))
                .on_hover_text("Rows follow this article's sentences")
                .clicked()
                && order != o
            {
                cx.send(UiAction::TableOrder(o));
            }
        }
        let only = |left: bool| {
            rows.iter()
                .filter(|r| r.pair.is_none() && r.a.is_some() == left)
                .count()
        };
        ui.label(
            RichText::new(format!(
                "{} pairs · {} only left · {} only right",
                listed.len(),
                only(true),
                only(false)
            ))
            .small(),
        );
    });
    ui.label(
        RichText::new(
            "Click a row or use ↑/↓ to bring both panes to it · Enter accepts · Esc closes",
        )
        .small(),
    );
    ui.separator();
    let text = |name: &str, r: &Range<usize>| {
        ws.corpus
            .article(name)
            .map(|x| {
                let end = r.end.min(x.char_len());
                x.slice(r.start.min(end)..end).to_owned()
            })
            .unwrap_or_default()
    };
    let side_width = ((ui.available_width() - 190.0) / 2.0).max(120.0);
    // A row selected from the keyboard out of sight is scrolled to (the rows in sight last
    // frame are remembered in egui's memory: window state, not the reader's).
    let seen_id = ui.scope_id().with("gloss-table-seen");
    let seen: Option<(Option<usize>, Range<usize>)> = ui.data(|d| d.get_temp(seen_id));
    let mut scroll = egui::ScrollArea::vertical().auto_shrink([false, true]);
    if let Some(row) = cx.ui_state.table.row
        && seen.as_ref().is_none_or(|(was, shown)| {
            *was != Some(row) && !(shown.start + 1..shown.end.saturating_sub(1)).contains(&row)
        })
    {
        let spacing = ui.spacing().item_spacing.y;
        scroll =
            scroll.vertical_scroll_offset((row as f32 * (ROW_HEIGHT + spacing) - 80.0).max(0.0));
    }
    scroll.show_rows(ui, ROW_HEIGHT, rows.len(), |ui, range| {
        ui.data_mut(|d| d.insert_temp(seen_id, (cx.ui_state.table.row, range.clone())));
        for n in range {
            let r = &rows[n];
            let selected = cx.ui_state.table.row == Some(n);
            let pair = r.pair.map(|k| &listed[k]);
            ui.horizontal(|ui| {
                ui.set_height(ROW_HEIGHT);
                let mut clicked = false;
                for (side, name) in [(&r.a, a), (&r.b, b)] {
                    let full = side.as_ref().map(|range| text(name, range));
                    clicked |= cell(ui, side_width, selected, full.as_deref()).clicked();
                }
                match pair {
                    Some(p) => {
                        let color = match p.kind {
                            Kind::Differs => ui.visuals().warn_fg_color,
                            _ => ui.visuals().text_color(),
                        };
                        let kind = ui.label(
                            RichText::new(format!("{} {:.2}", kind_label(p), p.score)).color(color),
                        );
                        if let Some(d) = &p.differing {
                            kind.on_hover_ui(|ui| super::pair_popup::differing_ui(ui, d));
                        }
                        if p.linked {
                            ui.label(RichText::new("Linked").small());
                        } else if ui
                            .add_enabled(cx.can_annotate(), egui::Button::new("Accept"))
                            .on_hover_text(super::pair_popup::accept_label(p.kind))
                            .clicked()
                        {
                            cx.send(Action::AcceptPair(pair_ref(p, a, b)));
                        }
                    }
                    None => {
                        ui.label(RichText::new("omission").small());
                    }
                }
                if clicked && let Some(action) = select(cx, n) {
                    cx.send(action);
                }
            });
        }
    });
}

/// One side of a row: the sentence on one line, left-aligned and cut with an ellipsis (the
/// whole of it on hover), or "no counterpart"; the row's selection and hover drawn behind it.
/// Its accessible name is the whole sentence (screen readers, tests).
fn cell(ui: &mut egui::Ui, width: f32, selected: bool, text: Option<&str>) -> egui::Response {
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(width, ROW_HEIGHT - 4.0), egui::Sense::click());
    let visuals = ui.visuals();
    let fill = if selected {
        Some(visuals.selection.bg_fill)
    } else if response.hovered() {
        Some(visuals.widgets.hovered.weak_bg_fill)
    } else {
        None
    };
    if let Some(fill) = fill {
        ui.painter().rect_filled(rect, 3.0, fill);
    }
    let label = match text {
        Some(t) => RichText::new(super::widgets::excerpt(t, 400)),
        None => RichText::new("— no counterpart —").italics(),
    };
    let color = if selected {
        visuals.selection.stroke.color
    } else {
        visuals.text_color()
    };
    let galley = egui::WidgetText::from(label).into_galley(
        ui,
        Some(egui::TextWrapMode::Truncate),
        rect.width() - 10.0,
        egui::TextStyle::Body,
    );
    let at = egui::pos2(rect.left() + 5.0, rect.center().y - galley.size().y / 2.0);
    ui.painter().galley(at, galley, color);
    let name = text.unwrap_or("no counterpart").to_owned();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    match text {
        Some(t) => response.on_hover_text(t),
        None => response,
    }
}
