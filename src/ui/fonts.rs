//! Fonts: the bundled reading face and its fallbacks.
//!
//! Charis SIL (OFL, `assets/fonts/`) is a book face designed for long reading on screen and
//! covers Latin, Greek and Cyrillic with typographic quotes and dashes. egui's fonts (with
//! monochrome emoji) and DejaVu Sans follow it as fallbacks, so symbols, other scripts and
//! emoji in articles and notes still render. The UI chrome keeps egui's
//! sans-serif so that controls and text are easy to tell apart.

use std::sync::Arc;

use eframe::egui::{self, FontData, FontDefinitions, FontFamily, FontId};

const READING_FONT: &str = "charis-sil";
const SYMBOL_FONT: &str = "dejavu-sans";

/// The family the reading view, quotes and notes use.
const BOLD_FONT: &str = "DejaVuSerif-Bold";

pub fn reading_family() -> FontFamily {
    FontFamily::Name("reading".into())
}

pub fn reading_font(size: f32) -> FontId {
    FontId::new(size, reading_family())
}

/// The bold face of rendered documents: headings and strong text (DejaVu Serif Bold; Charis
/// SIL is bundled in its regular face only).
pub fn bold_family() -> FontFamily {
    FontFamily::Name("reading-bold".into())
}

pub fn bold_font(size: f32) -> FontId {
    FontId::new(size, bold_family())
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
    fonts.font_data.insert(
        SYMBOL_FONT.to_owned(),
        Arc::new(FontData::from_static(include_bytes!(
            "../../assets/fonts/DejaVuSans.ttf"
        ))),
    );
    // Every family falls back to DejaVu Sans (wide coverage of symbols and scripts) after its
    // own fonts, so nothing a reader types in a note turns into boxes.
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        if let Some(list) = fonts.families.get_mut(&family) {
            list.push(SYMBOL_FONT.to_owned());
        }
    }
    let mut reading = vec![READING_FONT.to_owned()];
    reading.extend(
        fonts
            .families
            .get(&FontFamily::Proportional)
            .cloned()
            .unwrap_or_default(),
    );
    fonts.font_data.insert(
        BOLD_FONT.to_owned(),
        Arc::new(FontData::from_static(include_bytes!(
            "../../assets/fonts/DejaVuSerif-Bold.ttf"
        ))),
    );
    let mut bold = vec![BOLD_FONT.to_owned()];
    bold.extend(reading.iter().cloned());
    fonts.families.insert(reading_family(), reading);
    fonts.families.insert(bold_family(), bold);
    ctx.set_fonts(fonts);
}
