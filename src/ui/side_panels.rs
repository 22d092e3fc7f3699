//! The side panels — the library on the left, the notes on the right — and which of them show
//! this frame.
//!
//! The reader decides (View menu, `Ctrl+Shift+L`, `Ctrl+Shift+N`), and the choice is remembered
//! with the layout. On top of that choice, a window too narrow for its panes folds the panels
//! away on its own so that every pane keeps at least [`MIN_CHARS_PER_LINE`] characters a line:
//! a column of 15-character lines is not readable, and the text is what the window is for. The
//! library folds first (each pane's header still picks its article), then the notes. Showing a
//! folded panel on purpose pins it open until the window is resized, so the shortcut always
//! does what it says.

use eframe::egui;

use super::theme;

/// The fewest characters a line every pane should keep before a side panel gives way.
pub const MIN_CHARS_PER_LINE: f32 = 45.0;
/// Widths the panels open at the first time (the reader can drag them; egui remembers).
pub const LIBRARY_WIDTH: f32 = 180.0;
pub const NOTES_WIDTH: f32 = 240.0;
pub const SEARCH_WIDTH: f32 = 320.0;
/// Space between two panes (the gutter where connectors run).
pub const PANE_GAP: f32 = 10.0;

/// Text whose letters, spaces and punctuation come in the proportions of running English
/// prose: its average advance is the width of "a character" in the chars-per-line rule.
const SAMPLE: &str = "The minister said on Tuesday that the sanctions would remain in place, \
                      and that Britain would work with its allies to hold Moscow to account.";

/// One of the two side panels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Library,
    Notes,
}

/// Panels shown against the reader's wish because the reader asked for them while the window
/// was narrow; let go when the window is resized. Not remembered between runs.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Pins {
    pub library: bool,
    pub notes: bool,
    /// The window width the pins were made at.
    pub window_width: f32,
}

/// What the central area looks like, for the chars-per-line rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub window_width: f32,
    pub panes: usize,
    /// Average advance of a character of the reading font at its size, in points.
    pub char_width: f32,
    pub font_size: f32,
    /// Width the scroll bar takes from a pane.
    pub scroll_bar: f32,
    /// Widths of the panels if shown (the left one is the search panel while that is open).
    pub left_width: f32,
    pub right_width: f32,
}

/// Which panels show this frame, and which the window folded away.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shown {
    pub library: bool,
    pub notes: bool,
    pub library_folded: bool,
    pub notes_folded: bool,
}

impl Shown {
    pub fn is_shown(&self, side: Side) -> bool {
        match side {
            Side::Library => self.library,
            Side::Notes => self.notes,
        }
    }

    pub fn is_folded(&self, side: Side) -> bool {
        match side {
            Side::Library => self.library_folded,
            Side::Notes => self.notes_folded,
        }
    }
}

/// Width a pane's text wraps at, given the pane's width: padding on both sides, room for the
/// scroll bar, and never longer than a comfortable line. Shared by the reading view and the
/// folding rule so the two never disagree.
pub fn wrap_width(pane_width: f32, font_size: f32, scroll_bar: f32) -> f32 {
    (pane_width - 2.0 * theme::PANE_PADDING - scroll_bar)
        .min(font_size * theme::READING_MEASURE_EM)
        .max(80.0)
}

/// Characters a line each pane holds when the panels take `left` and `right` points.
pub fn chars_per_line(g: &Geometry, left: f32, right: f32) -> f32 {
    let panes = g.panes.max(1) as f32;
    let central = g.window_width - left - right;
    // The frame around each pane's text takes a point on each side.
    let pane_width = (central - PANE_GAP * (panes - 1.0)) / panes - 2.0;
    wrap_width(pane_width, g.font_size, g.scroll_bar) / g.char_width.max(0.1)
}

/// Which panels show: the reader's wish (and pins), less what the window is too narrow for.
/// A window too narrow even with no panels folds both: the panes get all the room there is.
pub fn decide(want_library: bool, want_notes: bool, pins: Pins, g: &Geometry) -> Shown {
    let fits = |library: bool, notes: bool| {
        let left = if library { g.left_width } else { 0.0 };
        let right = if notes { g.right_width } else { 0.0 };
        chars_per_line(g, left, right) >= MIN_CHARS_PER_LINE
    };
    let (mut library, mut notes) = (want_library, want_notes);
    let (mut library_folded, mut notes_folded) = (false, false);
    if library && !pins.library && !fits(library, notes) {
        library = false;
        library_folded = true;
    }
    if notes && !pins.notes && !fits(library, notes) {
        notes = false;
        notes_folded = true;
    }
    Shown {
        library,
        notes,
        library_folded,
        notes_folded,
    }
}

/// Average advance of one character of the reading font at `font_size`, measured on
/// [`SAMPLE`] (egui caches the layout, so this costs nothing after the first frame).
pub fn char_width(ctx: &egui::Context, font_size: f32) -> f32 {
    let galley = ctx.fonts_mut(|f| {
        f.layout_no_wrap(
            SAMPLE.to_owned(),
            super::fonts::reading_font(font_size),
            egui::Color32::WHITE,
        )
    });
    galley.rect.width() / SAMPLE.chars().count() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geometry(window_width: f32, panes: usize) -> Geometry {
        Geometry {
            window_width,
            panes,
            // Charis SIL at 18 pt averages about 8 points a character.
            char_width: 8.0,
            font_size: 18.0,
            scroll_bar: 10.0,
            left_width: LIBRARY_WIDTH,
            right_width: NOTES_WIDTH,
        }
    }

    #[test]
    fn a_wide_window_keeps_both_panels() {
        let shown = decide(true, true, Pins::default(), &geometry(1600.0, 2));
        assert!(shown.library && shown.notes);
        assert!(!shown.library_folded && !shown.notes_folded);
    }

    #[test]
    fn a_narrow_window_folds_the_library_first_then_the_notes() {
        let g = geometry(900.0, 2);
        assert!(chars_per_line(&g, LIBRARY_WIDTH, NOTES_WIDTH) < MIN_CHARS_PER_LINE);
        let shown = decide(true, true, Pins::default(), &g);
        assert!(!shown.library && shown.library_folded);
        // With the library gone two panes still do not get 45 chars at 900 points.
        assert!(!shown.notes && shown.notes_folded);
        assert!(chars_per_line(&g, 0.0, 0.0) >= MIN_CHARS_PER_LINE);
        // One pane has room enough at 900 points for both panels.
        let one = decide(true, true, Pins::default(), &geometry(900.0, 1));
        assert!(one.library && one.notes);
        // A little wider, two panes need only the library folded.
        let g = geometry(1150.0, 2);
        let shown = decide(true, true, Pins::default(), &g);
        assert!(!shown.library && shown.library_folded);
        assert!(shown.notes && !shown.notes_folded);
    }

    #[test]
    fn every_pane_keeps_its_line_after_folding() {
        for width in (640..=2400).step_by(40) {
            for panes in 1..=4 {
                let g = geometry(width as f32, panes);
                let shown = decide(true, true, Pins::default(), &g);
                let left = if shown.library { g.left_width } else { 0.0 };
                let right = if shown.notes { g.right_width } else { 0.0 };
                let with_panels = chars_per_line(&g, left, right);
                // Either the line is long enough, or no panel is left to fold.
                assert!(
                    with_panels >= MIN_CHARS_PER_LINE || (!shown.library && !shown.notes),
                    "{width} pt, {panes} panes: {with_panels} chars"
                );
            }
        }
    }

    #[test]
    fn a_panel_the_reader_hid_is_not_reported_folded_and_pins_win() {
        let g = geometry(900.0, 2);
        let shown = decide(false, true, Pins::default(), &g);
        assert!(!shown.library && !shown.library_folded);
        let pinned = Pins {
            notes: true,
            ..Pins::default()
        };
        let shown = decide(true, true, pinned, &g);
        assert!(shown.notes && !shown.notes_folded);
    }
}
