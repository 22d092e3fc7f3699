//! What the UI remembers between runs (eframe persistence): pane layout per corpus, font
//! size, theme and recent folders. Notes are *not* here; they live in the corpus folder.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::side_panels::{self, Geometry, Pins, Shown, Side, decide};
use super::theme::{DEFAULT_FONT_SIZE, ThemeChoice};

/// Key under which the state is stored.
pub const STORAGE_KEY: &str = "gloss-ui-state";
/// How many recent corpus folders the File menu lists.
pub const MAX_RECENT: usize = 8;
pub use crate::session::pane::{MAX_PANES, PaneState};

/// `#[serde(default)]` so that fields added later never break an older saved state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UiState {
    pub font_size: f32,
    pub theme: ThemeChoice,
    pub recent: Vec<PathBuf>,
    /// Pane layout per corpus folder (canonical path).
    pub layouts: BTreeMap<PathBuf, Vec<PaneState>>,
    /// The side panels the reader wants (a narrow window may still fold them: see
    /// [`super::side_panels`]).
    pub show_library: bool,
    pub show_notes: bool,
    /// Widths the reader dragged the panels to.
    pub library_width: f32,
    pub notes_width: f32,
    pub search_width: f32,
    /// Full screen (`F11`).
    pub fullscreen: bool,
    /// The whole interface's zoom (egui's zoom factor; Ctrl++ / Ctrl+− / Ctrl+0).
    pub zoom: f32,
    /// Panels shown on purpose in a window too narrow for them (not remembered).
    #[serde(skip)]
    pub pins: Pins,
    /// Which panels showed in the last frame, and which the window folded away.
    #[serde(skip)]
    pub panels: Shown,
    /// Compare mode: passages with a counterpart in the neighbouring pane are marked.
    pub compare: bool,
    /// Neighbouring panes scroll in step, along the corresponding passages.
    pub sync_scroll: bool,
    /// In compare mode, passages without a counterpart get a bar in the margin.
    pub shade_omissions: bool,
    /// While the notes panel is filtered, the highlights the filter hides are drawn faint in
    /// the panes, so the kept ones stand out where they are.
    pub dim_filtered: bool,
    /// The Tags window is open (not remembered between runs).
    #[serde(skip)]
    pub show_tags: bool,
    /// The Overview window is open (not remembered between runs).
    #[serde(skip)]
    pub show_overview: bool,
    /// The Correspondences window is open (not remembered between runs).
    #[serde(skip)]
    pub show_correspondences: bool,
    /// Its order and selected row.
    #[serde(skip)]
    pub table: TableUi,
}

impl Default for UiState {
    fn default() -> Self {
        UiState {
            font_size: DEFAULT_FONT_SIZE,
            theme: ThemeChoice::default(),
            recent: Vec::new(),
            layouts: BTreeMap::new(),
            show_library: true,
            show_notes: true,
            library_width: side_panels::LIBRARY_WIDTH,
            notes_width: side_panels::NOTES_WIDTH,
            search_width: side_panels::SEARCH_WIDTH,
            fullscreen: false,
            zoom: 1.0,
            pins: Pins::default(),
            panels: Shown::default(),
            compare: false,
            sync_scroll: false,
            shade_omissions: true,
            dim_filtered: false,
            show_tags: false,
            show_overview: false,
            show_correspondences: false,
            table: Default::default(),
        }
    }
}

impl UiState {
    /// Moves `folder` to the front of the recent list.
    pub fn remember_folder(&mut self, folder: PathBuf) {
        self.recent.retain(|f| f != &folder);
        self.recent.insert(0, folder);
        self.recent.truncate(MAX_RECENT);
    }
}

impl UiState {
    /// Shows a panel that is hidden (or folded), hides one that shows. A panel shown on
    /// purpose is pinned: the window's narrowness does not fold it again until the window is
    /// resized.
    pub fn toggle_panel(&mut self, side: Side, window_width: f32) {
        let shown = self.panels.is_shown(side);
        let (want, pin) = match side {
            Side::Library => (&mut self.show_library, &mut self.pins.library),
            Side::Notes => (&mut self.show_notes, &mut self.pins.notes),
        };
        *want = !shown;
        *pin = !shown;
        self.pins.window_width = window_width;
    }

    /// Which panels show in a window of this geometry; a resize lets go of the pins.
    /// With the search panel open (`search_open`) the left slot is the search panel, opened
    /// on purpose: it stays, and the notes panel gives way if the panes need the room.
    pub fn decide_panels(&mut self, g: &Geometry, search_open: bool) -> Shown {
        if (self.pins.window_width - g.window_width).abs() > 0.5 {
            self.pins = Pins::default();
        }
        self.panels = if search_open {
            let pins = Pins {
                library: true,
                ..self.pins
            };
            Shown {
                library: false,
                ..decide(true, self.show_notes, pins, g)
            }
        } else {
            decide(self.show_library, self.show_notes, self.pins, g)
        };
        self.panels
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::side_panels::NOTES_WIDTH;

    #[test]
    fn the_choices_are_remembered_and_an_older_saved_state_still_loads() {
        let mut state = UiState {
            show_notes: false,
            fullscreen: true,
            library_width: 222.0,
            ..UiState::default()
        };
        // The last frame showed the library.
        state.panels.library = true;
        state.toggle_panel(Side::Library, 900.0);
        let back: UiState = ron::from_str(&ron::to_string(&state).unwrap()).unwrap();
        assert!(!back.show_notes && back.fullscreen && back.library_width == 222.0);
        // The library was showing, so the toggle hid it.
        assert!(!back.show_library);
        // Pins last only while the window keeps its size: they are not kept.
        assert_eq!(back.pins, Pins::default());
        // A state saved before these fields existed loads with the defaults.
        let older: UiState = ron::from_str("(font_size: 20.0, show_notes: false)").unwrap();
        assert_eq!(older.notes_width, NOTES_WIDTH);
        assert!(!older.show_notes && !older.fullscreen);
    }
}

/// What the table window remembers while open: whose order, which row is selected.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableUi {
    pub order: crate::compare::table::Order,
    pub row: Option<usize>,
}
