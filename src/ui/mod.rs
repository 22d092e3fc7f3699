//! The egui user interface. It reads the data core and the [`crate::session`] and changes
//! them only through [`action::Action`]s applied by [`app::GlossApp`].
//!
//! The reader's session without a window (the workspace, the panes as text positions,
//! selection, find, links being made, earlier versions, autosave, watching, compare results,
//! scrolling in step) is [`crate::session`]; this is the shell around it: layouts, dialogs,
//! panels, popups, the theme.
//!
//! Each frame: [`housekeeping`] runs (also with nothing drawn), [`derived`] data is brought
//! up to date, one [`context::FrameCtx`] is borrowed and handed to every view, views send
//! [`action::Action`]s, and [`apply`] applies them — the only place the app changes.
//!
//! | file | owns |
//! | --- | --- |
//! | `app` | the shell: the `GlossApp` state, drawing a frame, the eframe callbacks |
//! | `opening` | opening a folder or an article (saving the open one first), taking it in, quitting |
//! | `inspect` | what tests, benches and the CLI read of the window (the session, panes as drawn) |
//! | `housekeeping` | `logic`: ticks the [`crate::session::Session`] (autosave, watching, workers, compare results), carries out its effects; the title |
//! | `apply` | applying the frame's actions: session actions go to [`crate::session::Session::apply`], the window's own are done here |
//! | `house_state` | what the shell keeps between frames beside the session (title, start-up probe) |
//! | `version_view` | the pane header of an article's earlier version (the state is the session's) |
//! | `side_panels` | the library and notes panels: widths, folding in narrow windows |
//! | `web_links` | links inside an article: asking before opening, exactly the URL shown |
//! | `notices`, `banners` | what to tell the reader; the banners, progress and the "notes not saved" dialog |
//! | `link_window` | making a link: the hint and the relation window |
//! | `connectors` | links and suggestions drawn between panes, markers for ends out of view, levelling |
//! | `find_bar` | find in an article: the bar (its state is the session's) |
//! | `search_state`, `search_panel` | search everywhere: the query, results streaming in from a worker, the panel |
//! | `filter_row` | the notes panel's filter: text, colours, tags, article, note, state; "12 of 240" |
//! | `tag_editor`, `tags_window` | a highlight's tags (chips, add with completion); View ▸ Tags: rename, merge, delete |
//! | `open_prompt` | Open folder… where no file dialog can show: a path field with completion, recent folders |
//! | `accessible` | the panes for screen readers: document, paragraphs as text runs, highlights as marks |
//! | `block_decor` | a rendered document's indents, bullets, task boxes, quote bars, code shade, rules |
//! | `caret` | caret browsing (F7): the caret drawn, moves by line and to a line's ends |
//! | `outline_menu` | a pane's Contents menu: headings or chapters of its article, to jump by |
//! | `table_row` | a document's table row laid out as cells side by side in aligned columns |
//! | `correspondence_table` | View ▸ Correspondences: aligned rows of two articles, omissions, accept, keyboard |
//! | `overview_window` | View ▸ Overview: tags and colours by article, possible omissions, click to filter |
//! | `pair_ref` | a corresponding passage as the window refers to it (actions, popup, table) |
//! | `pair_popup` | a suggestion's word diff (hover) and its Accept / Dismiss popup |
//! | `derived` | spans, notes rows (what the notes panel lists) and counts, updated per changed annotation |
//! | `context`, `action` | the per-frame context views read, the actions they send |
//! | `panes_view`, `reading_view`, `pane`, `height_index`, `highlight_spans` | the virtualised reading panes (`pane`: the session's pane with its layout caches) |
//! | `note_marks` | the mark at the end of a highlight that has a note |
//! | `notes_panel`, `note_editor`, `library`, `menu_bar` | the other views |
//! | `shortcuts` | keyboard → actions |
//! | `theme`, `fonts`, `widgets` | design tokens and shared widgets |
//! | `state` | what is remembered between runs (not notes) |
//! | `dialogs` | native file dialogs behind a replaceable trait |

pub mod accessible;
pub mod action;
pub mod app;
mod apply;
pub mod banners;
pub mod block_decor;
pub mod caret;
pub mod connectors;
pub mod context;
pub mod correspondence_table;
pub mod derived;
pub mod dialogs;
pub mod filter_row;
pub mod find_bar;
pub mod fonts;
pub mod height_index;
pub mod highlight_spans;
mod house_state;
mod housekeeping;
mod inspect;
pub mod library;
pub mod link_window;
pub mod menu_bar;
pub mod note_editor;
pub mod note_marks;
pub mod notes_panel;
pub mod notices;
pub mod open_prompt;
pub mod open_prompt_window;
mod opening;
pub mod outline_menu;
pub mod overview_window;
pub mod page_menu;
pub mod pair_popup;
pub mod pair_ref;
pub mod pane;
pub mod panes_view;
pub mod reading_view;
pub mod search_panel;
pub mod search_state;
pub mod shortcuts;
pub mod side_panels;
pub mod state;
pub mod table_row;
pub mod tag_editor;
pub mod tags_window;
pub mod theme;
pub mod version_view;
pub mod web_links;
pub mod widgets;

pub use app::{AppOptions, GlossApp};

/// The application id: the window's (Wayland app id, X11 class) and the desktop entry's name.
pub const APP_ID: &str = "gloss";

/// The icon the window shows (the same drawing as the launcher's, `assets/icons/`).
const WINDOW_ICON: &[u8] = include_bytes!("../../assets/icons/hicolor/128x128/apps/gloss.png");

/// Window size on first start (later starts restore the last size).
pub const DEFAULT_WINDOW_SIZE: [f32; 2] = [1280.0, 800.0];

/// Opens the window on `corpus_dir` and runs until it is closed.
pub fn run(corpus_dir: std::path::PathBuf, more_articles: Vec<String>) -> eframe::Result<()> {
    let mut viewport = eframe::egui::ViewportBuilder::default()
        .with_title("gloss")
        // The desktop entry's name (`assets/gloss.desktop`): the desktop pairs the window
        // with its launcher and icon by it.
        .with_app_id(APP_ID);
    // The window's own icon (task bar, window list), the launcher's icon at 128 px.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(WINDOW_ICON) {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    let options = eframe::NativeOptions {
        viewport: viewport
            .with_inner_size(DEFAULT_WINDOW_SIZE)
            .with_min_inner_size([640.0, 400.0]),
        ..Default::default()
    };
    crate::startup::stage("starting eframe");
    eframe::run_native(
        "gloss",
        options,
        Box::new(move |cc| {
            crate::startup::stage("window and GL ready");
            Ok(Box::new(GlossApp::new(
                cc,
                AppOptions {
                    corpus_dir,
                    more_articles,
                    dialogs: Box::new(dialogs::NativeDialogs),
                },
            )))
        }),
    )
}
