//! Fonts: the bundled reading face and its fallbacks.
//!
//! Charis SIL (OFL, `assets/fonts/`) is a book face designed for long reading on screen and
//! covers Latin, Greek and Cyrillic with typographic quotes and dashes. egui's own fonts follow
//! it as fallbacks, so emoji and symbols in notes still render. The UI chrome keeps egui's
//! sans-serif so that controls and text are easy to tell apart.

use std::sync::Arc;

use eframe::egui::{self, FontData, FontDefinitions, FontFamily, FontId};

const READING_FONT: &str = "charis-sil";

/// The family the reading view, quotes and notes use.
pub fn reading_family() -> FontFamily {
    FontFamily::Name("reading".into())
}

pub fn reading_font(size: f32) -> FontId {
    FontId::new(size, reading_family())
}

/// Installs the bundled font; call once at start-up.
pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        READING_FONT.to_owned(),
        Arc::new(FontData::from_static(include_bytes!(
            "../../assets/fonts/CharisSIL-Regular.ttf"
        ))),
    );
    let mut reading = vec![READING_FONT.to_owned()];
    reading.extend(
        fonts
            .families
            .get(&FontFamily::Proportional)
            .cloned()
            .unwrap_or_default(),
    );
    fonts.families.insert(reading_family(), reading);
    ctx.set_fonts(fonts);
}
