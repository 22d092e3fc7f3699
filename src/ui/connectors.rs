//! Links drawn between the panes: a curve in the relation's colour from one passage, through
//! the gutter, to its counterpart in the neighbouring pane, when both are on screen; a marker
//! with a count and an arrow at the edge of a pane for ends scrolled out of view (clicking it
//! brings the nearest one level with its counterpart); a tooltip with the relation and note
//! over a hovered curve. In compare mode the corresponding passages found get a thin, quiet
//! curve of their own.
//!
//! Everything here is computed from the panes as they were laid out this frame and the link
//! list [`super::derived::Derived`] keeps placed; only links between the articles of two
//! neighbouring panes are looked at, so 2,000 links cost a pass over a list, not a layout.

use std::ops::Range;

use eframe::egui::{
    self, Color32, Id, Pos2, Rect, RichText, Sense, Stroke, Ui, WidgetInfo,
    epaint::CubicBezierShape, pos2, vec2,
};

use super::action::UiAction;
use super::context::FrameCtx;
use super::pane::Pane;
use super::theme;
use super::widgets::excerpt;
use crate::workspace::Workspace;

/// Where a passage is, seen from a pane.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Place {
    /// On screen; the screen height of its first line shown and of the middle of what shows.
    Shown {
        top: f32,
        middle: f32,
    },
    Above,
    Below,
}

/// Where `range` of a pane's article is relative to what the pane showed this frame
/// (`None` before the pane was drawn).
pub fn place(pane: &Pane, range: &Range<usize>) -> Option<Place> {
    let shown = pane.shown_rect?;
    let first = pane.placed.first()?;
    let last = pane.placed.last()?;
    if range.end <= first.start {
        return Some(Place::Above);
    }
    if range.start >= last.end() {
        return Some(Place::Below);
    }
    let start = range.start.max(first.start);
    let end = range.end.min(last.end()).max(start + 1) - 1;
    let top = pane.placed_at_char(start)?.caret_rect(start).top();
    let bottom = pane.placed_at_char(end)?.caret_rect(end).bottom();
    if bottom < shown.top() {
        return Some(Place::Above);
    }
    if top > shown.bottom() {
        return Some(Place::Below);
    }
    let (top, bottom) = (top.max(shown.top()), bottom.min(shown.bottom()));
    Some(Place::Shown {
        top,
        middle: (top + bottom) / 2.0,
    })
}

/// The pane's text column, left and right, this frame.
fn text_column(pane: &Pane) -> Option<(f32, f32)> {
    let left = pane.placed.iter().map(|p| p.rect.left()).reduce(f32::min)?;
    let right = pane
        .placed
        .iter()
        .map(|p| p.rect.right())
        .reduce(f32::max)?;
    Some((left, right))
}

/// The curve from a passage in the left pane (at `ya`) to one in the right pane (at `yb`).
fn curve(left: &Pane, right: &Pane, ya: f32, yb: f32) -> Option<[Pos2; 4]> {
    let (_, a_right) = text_column(left)?;
    let (b_left, _) = text_column(right)?;
    let (from, to) = (pos2(a_right + 4.0, ya), pos2(b_left - 4.0, yb));
    let mid = (from.x + to.x) / 2.0;
    Some([from, pos2(mid, ya), pos2(mid, yb), to])
}

/// Distance from `p` to the curve (sampled).
fn distance(points: [Pos2; 4], p: Pos2) -> f32 {
    let shape =
        CubicBezierShape::from_points_stroke(points, false, Color32::TRANSPARENT, Stroke::NONE);
    let samples: Vec<Pos2> = (0..=24).map(|i| shape.sample(i as f32 / 24.0)).collect();
    samples
        .windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let ab = b - a;
            let t = ((p - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
            (a + ab * t).distance(p)
        })
        .fold(f32::INFINITY, f32::min)
}

/// An end out of view, for the markers.
struct OffScreen {
    pane: usize,
    /// Where the counterpart's connector starts when it is on screen (a stub is drawn from
    /// there to the marker).
    stub_from: Option<(Pos2, Color32)>,
    /// The marker sits on the side facing the other pane.
    right_side: bool,
    above: bool,
    char: usize,
    /// The screen height of the counterpart's first line, when it is on screen.
    level_with: Option<f32>,
}

/// Draws connectors and markers over the panes (after they were laid out this frame).
pub fn draw(ui: &Ui, cx: &FrameCtx<'_>, ws: &Workspace, panes: &[Pane]) {
    let painter = ui.painter();
    let dark = cx.dark();
    let pointer = ui.input(|i| i.pointer.hover_pos());
    let mut hovered: Option<(&str, f32)> = None;
    let mut off_screen: Vec<OffScreen> = Vec::new();
    let mut drawn: Vec<String> = Vec::new();
    for i in 0..panes.len().saturating_sub(1) {
        let (left, right) = (&panes[i], &panes[i + 1]);
        let (Some(a), Some(b)) = (left.article(), right.article()) else {
            continue;
        };
        if let Some(pairs) = cx.compare.pairs.get(i) {
            let stroke = Stroke::new(1.0, theme::pair_connector(dark));
            for p in pairs {
                if let (
                    Some(Place::Shown { middle: ya, .. }),
                    Some(Place::Shown { middle: yb, .. }),
                ) = (place(left, &p.a), place(right, &p.b))
                    && let Some(points) = curve(left, right, ya, yb)
                {
                    painter.add(CubicBezierShape::from_points_stroke(
                        points,
                        false,
                        Color32::TRANSPARENT,
                        stroke,
                    ));
                }
            }
        }
        for link in cx.derived.links() {
            let Some((ra, rb)) = link.between(a, b) else {
                continue;
            };
            let (pa, pb) = (place(left, &ra), place(right, &rb));
            if let (Some(Place::Shown { middle: ya, .. }), Some(Place::Shown { middle: yb, .. })) =
                (pa, pb)
            {
                let Some(points) = curve(left, right, ya, yb) else {
                    continue;
                };
                let near = pointer.map(|p| distance(points, p)).filter(|d| *d < 6.0);
                if let Some(d) = near
                    && hovered.is_none_or(|(_, best)| d < best)
                {
                    hovered = Some((&link.id, d));
                }
                let color = theme::relation(link.relation, dark);
                let width = if hovered.is_some_and(|(id, _)| id == link.id) {
                    3.0
                } else {
                    1.8
                };
                painter.add(CubicBezierShape::from_points_stroke(
                    points,
                    false,
                    Color32::TRANSPARENT,
                    Stroke::new(width, color),
                ));
                painter.circle_filled(points[0], 3.0, color);
                painter.circle_filled(points[3], 3.0, color);
                drawn.push(link.id.clone());
                continue;
            }
            let color = theme::relation(link.relation, dark);
            // The end on screen, at the side facing the other pane.
            let stub = |pane: &Pane, place: Option<Place>, right_side: bool| match place {
                Some(Place::Shown { middle, .. }) => text_column(pane).map(|(l, r)| {
                    let x = if right_side { r + 4.0 } else { l - 4.0 };
                    (pos2(x, middle), color)
                }),
                _ => None,
            };
            let stub_a = stub(left, pa, true);
            let stub_b = stub(right, pb, false);
            let top_of = |p: Option<Place>| match p {
                Some(Place::Shown { top, .. }) => Some(top),
                _ => None,
            };
            for (pane, place, range, other, right_side, stub_from) in [
                (i, pa, &ra, top_of(pb), true, stub_b),
                (i + 1, pb, &rb, top_of(pa), false, stub_a),
            ] {
                if let Some(Place::Above | Place::Below) = place {
                    off_screen.push(OffScreen {
                        pane,
                        stub_from,
                        right_side,
                        above: place == Some(Place::Above),
                        char: range.start,
                        level_with: other,
                    });
                }
            }
        }
    }
    markers(ui, cx, panes, &off_screen);
    if let (Some((id, _)), Some(at)) = (hovered, pointer) {
        link_tooltip(ui, cx, ws, id, at);
    }
    ui.ctx()
        .data_mut(|d| d.insert_temp(drawn_id(), std::sync::Arc::new(drawn)));
}

fn drawn_id() -> Id {
    Id::unique("gloss-connectors-drawn")
}

/// The links whose connector was drawn in the last frame (for tests and the frames bench).
pub fn drawn(ctx: &egui::Context) -> Vec<String> {
    ctx.data(|d| d.get_temp::<std::sync::Arc<Vec<String>>>(drawn_id()))
        .map(|v| v.to_vec())
        .unwrap_or_default()
}

/// One marker per pane edge with ends beyond it: an arrow and a count. Clicking it brings
/// the nearest end into view, level with its counterpart when that is on screen.
fn markers(ui: &Ui, cx: &FrameCtx<'_>, panes: &[Pane], ends: &[OffScreen]) {
    let mut groups: Vec<(usize, bool, bool)> = ends
        .iter()
        .map(|e| (e.pane, e.right_side, e.above))
        .collect();
    groups.sort();
    groups.dedup();
    for (pane, right_side, above) in groups {
        let here: Vec<&OffScreen> = ends
            .iter()
            .filter(|e| (e.pane, e.right_side, e.above) == (pane, right_side, above))
            .collect();
        let Some(shown) = panes.get(pane).and_then(|p| p.shown_rect) else {
            continue;
        };
        // The nearest: the last one above the view, the first one below it.
        let nearest = if above {
            here.iter().max_by_key(|e| e.char)
        } else {
            here.iter().min_by_key(|e| e.char)
        };
        let Some(nearest) = nearest else { continue };
        let text = format!("{} {}", if above { "↑" } else { "↓" }, here.len());
        let size = vec2(38.0, 20.0);
        let x = if right_side {
            shown.right() - size.x - 18.0
        } else {
            shown.left() + 6.0
        };
        let y = if above {
            shown.top() + 4.0
        } else {
            shown.bottom() - size.y - 4.0
        };
        let rect = Rect::from_min_size(pos2(x, y), size);
        // From each counterpart on screen, a faint line to the marker: where its end went.
        for end in &here {
            if let Some((from, color)) = end.stub_from {
                let to = pos2(
                    if right_side {
                        rect.right()
                    } else {
                        rect.left()
                    },
                    rect.center().y,
                );
                ui.painter()
                    .line_segment([from, to], Stroke::new(1.0, color.gamma_multiply(0.5)));
            }
        }
        let label = format!(
            "{} {} {}",
            here.len(),
            if here.len() == 1 { "link" } else { "links" },
            if above { "above" } else { "below" }
        );
        let response = ui
            .interact(
                rect,
                Id::unique(("gloss-link-marker", pane, right_side, above)),
                Sense::click(),
            )
            .on_hover_text(format!("{label}: click to bring the nearest into view"));
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
        let visuals = ui.visuals();
        let fill = if response.hovered() {
            visuals.widgets.hovered.bg_fill
        } else {
            visuals.widgets.inactive.bg_fill
        };
        ui.painter().rect_filled(rect, 9.0, fill);
        ui.painter().text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            text,
            egui::FontId::proportional(12.0),
            visuals.text_color(),
        );
        if response.clicked() {
            cx.send(UiAction::Level {
                pane,
                char: nearest.char,
                y: nearest.level_with,
            });
        }
    }
}

/// Relation, note and both passages of the hovered link.
fn link_tooltip(ui: &Ui, cx: &FrameCtx<'_>, ws: &Workspace, id: &str, at: Pos2) {
    let Some(link) = ws.notebook().link(id) else {
        return;
    };
    let quote = |end: &str| {
        ws.notebook()
            .get(end)
            .map(|a| excerpt(&a.quote.exact, 90))
            .unwrap_or_default()
    };
    egui::Area::new(Id::unique("gloss-link-tooltip"))
        .order(egui::Order::Tooltip)
        .fixed_pos(at + vec2(14.0, 14.0))
        .interactable(false)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(340.0);
                ui.label(
                    RichText::new(link.relation.label())
                        .strong()
                        .color(theme::relation(link.relation, cx.dark())),
                );
                if !link.note.is_empty() {
                    ui.label(&link.note);
                }
                ui.label(
                    RichText::new(format!("“{}”", quote(&link.from)))
                        .small()
                        .italics(),
                );
                ui.label(
                    RichText::new(format!("“{}”", quote(&link.to)))
                        .small()
                        .italics(),
                );
            });
        });
}

/// Where a pane should scroll so the counterpart of an end at screen height `y` in another
/// pane is level with it: the action for the pane showing `counterpart`.
pub fn level_action(pane: usize, counterpart: &Range<usize>, y: Option<f32>) -> UiAction {
    UiAction::Level {
        pane,
        char: counterpart.start,
        y,
    }
}
