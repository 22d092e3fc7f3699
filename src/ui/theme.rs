//! Design tokens: colours, spacing and reading measure, in one place so every view agrees.

use eframe::egui::{self, Color32};

use crate::annotation::Color;

/// Light or dark, chosen by the reader (persisted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, Default)]
pub enum ThemeChoice {
    #[default]
    Light,
    Dark,
}

impl ThemeChoice {
    pub fn is_dark(self) -> bool {
        self == ThemeChoice::Dark
    }

    pub fn apply(self, ctx: &egui::Context) {
        ctx.set_theme(match self {
            ThemeChoice::Light => egui::Theme::Light,
            ThemeChoice::Dark => egui::Theme::Dark,
        });
    }
}

/// The smallest interface text at zoom 1, in points: egui's default `Small` is 9, too small
/// to read comfortably (WCAG has no size floor, but 9 px grey on grey is what readers
/// complained of).
pub const MIN_UI_TEXT: f32 = 11.0;

/// gloss's interface style over egui's, for both themes: no text style under
/// [`MIN_UI_TEXT`], and text colours — weak text, links, warnings and errors — that reach
/// WCAG AA contrast (4.5:1) on every background they are drawn on (egui's weak text is the
/// text colour at 60 %, 2.9:1 on the light panel; its red and link blue are under 4:1).
pub fn install_style(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        for font in style.text_styles.values_mut() {
            font.size = font.size.max(MIN_UI_TEXT);
        }
    });
    ctx.style_mut_of(egui::Theme::Light, |style| {
        let v = &mut style.visuals;
        v.weak_text_color = Some(Color32::from_gray(92));
        v.hyperlink_color = Color32::from_rgb(20, 90, 180);
        v.warn_fg_color = Color32::from_rgb(160, 80, 0);
        v.error_fg_color = Color32::from_rgb(190, 30, 30);
        v.widgets.noninteractive.fg_stroke.color = Color32::from_gray(60);
    });
    ctx.style_mut_of(egui::Theme::Dark, |style| {
        let v = &mut style.visuals;
        v.weak_text_color = Some(Color32::from_gray(165));
        v.hyperlink_color = Color32::from_rgb(120, 180, 255);
        v.warn_fg_color = Color32::from_rgb(255, 170, 60);
        v.error_fg_color = Color32::from_rgb(255, 115, 105);
        v.widgets.noninteractive.fg_stroke.color = Color32::from_gray(200);
    });
}

/// WCAG contrast ratio of two opaque colours (1–21).
pub fn contrast(a: Color32, b: Color32) -> f32 {
    fn luminance(c: Color32) -> f32 {
        let lin = |v: u8| {
            let v = v as f32 / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

pub const MIN_FONT_SIZE: f32 = 12.0;
pub const MAX_FONT_SIZE: f32 = 32.0;
pub const DEFAULT_FONT_SIZE: f32 = 18.0;

/// Longest line, in ems: about 70 characters, the upper end of comfortable reading.
pub const READING_MEASURE_EM: f32 = 34.0;
/// Line height as a multiple of the font size.
pub const LINE_HEIGHT: f32 = 1.5;
/// Space after each paragraph as a multiple of the font size.
pub const PARAGRAPH_GAP: f32 = 0.75;
/// Horizontal padding inside a reading pane.
pub const PANE_PADDING: f32 = 16.0;

/// Compare with earlier version: text deleted since (red) or inserted since (green).
pub fn change_fill(deleted: bool, dark: bool) -> Color32 {
    match (deleted, dark) {
        (true, false) => Color32::from_rgb(0xf6, 0xc9, 0xc4),
        (true, true) => Color32::from_rgb(0x6b, 0x2d, 0x2a),
        (false, false) => Color32::from_rgb(0xc8, 0xeb, 0xc4),
        (false, true) => Color32::from_rgb(0x2a, 0x55, 0x2d),
    }
}

pub fn paper(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x1d, 0x1f, 0x21)
    } else {
        Color32::from_rgb(0xfb, 0xf8, 0xf1)
    }
}

pub fn ink(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xdd, 0xda, 0xd2)
    } else {
        Color32::from_rgb(0x24, 0x22, 0x1f)
    }
}

/// Solid colour of a highlight colour, for chips and underlines.
pub fn chip(color: Color) -> Color32 {
    match color {
        Color::Yellow => Color32::from_rgb(0xf2, 0xc9, 0x1f),
        Color::Green => Color32::from_rgb(0x5c, 0xb8, 0x5c),
        Color::Blue => Color32::from_rgb(0x4a, 0x90, 0xd9),
        Color::Pink => Color32::from_rgb(0xe8, 0x6a, 0xa6),
        Color::Purple => Color32::from_rgb(0x9b, 0x6b, 0xd6),
        Color::Orange => Color32::from_rgb(0xf0, 0x8c, 0x2e),
    }
}

/// The colour of a link's connector, by relation: agreement cool, contradiction warm and
/// strong, the rest in between — readable on both themes.
pub fn relation(relation: crate::link::Relation, dark: bool) -> Color32 {
    use crate::link::Relation;
    let (light, night) = match relation {
        Relation::SameFact => ((0x2b, 0x6c, 0xb0), (0x7f, 0xb2, 0xf0)),
        Relation::Agrees => ((0x2e, 0x8b, 0x57), (0x7c, 0xcf, 0x9a)),
        Relation::Contradicts => ((0xc0, 0x39, 0x2b), (0xf0, 0x7a, 0x6e)),
        Relation::AddsDetail => ((0x8e, 0x44, 0xad), (0xc3, 0x9b, 0xe0)),
        Relation::Quotes => ((0xb9, 0x77, 0x0e), (0xf0, 0xb4, 0x5a)),
        Relation::Other => ((0x60, 0x60, 0x60), (0xb0, 0xb0, 0xb0)),
    };
    let (r, g, b) = if dark { night } else { light };
    Color32::from_rgb(r, g, b)
}

/// The thin connector of a corresponding passage found by compare (quieter than a link's).
pub fn pair_connector(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgba_unmultiplied(140, 170, 255, 90)
    } else {
        Color32::from_rgba_unmultiplied(40, 80, 200, 70)
    }
}

/// The shade in the margin of a passage with no counterpart in the neighbouring pane.
pub fn omission(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgba_unmultiplied(255, 170, 90, 70)
    } else {
        Color32::from_rgba_unmultiplied(200, 110, 20, 60)
    }
}

/// A match of the find bar (the current one stronger): warm, unlike any highlight colour.
pub fn find_match(current: bool, dark: bool) -> Color32 {
    match (current, dark) {
        (true, false) => Color32::from_rgb(0xff, 0x9a, 0x3c),
        (false, false) => Color32::from_rgb(0xff, 0xe0, 0xb8),
        (true, true) => Color32::from_rgb(0x8c, 0x48, 0x08),
        (false, true) => Color32::from_rgb(0x4e, 0x3a, 0x1c),
    }
}

/// Links in rendered articles.
pub fn link(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x8a, 0xb4, 0xf8)
    } else {
        Color32::from_rgb(0x1a, 0x5f, 0xb4)
    }
}

/// Behind inline code in rendered articles.
pub fn code_background(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgba_unmultiplied(255, 255, 255, 18)
    } else {
        Color32::from_rgba_unmultiplied(0, 0, 0, 14)
    }
}

/// The faint tint of a passage that has a counterpart in the neighbouring pane.
pub fn compare_mark(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgba_unmultiplied(140, 170, 255, 34)
    } else {
        Color32::from_rgba_unmultiplied(40, 80, 200, 22)
    }
}

/// Background of highlighted text: the chip colour, translucent enough that overlapping
/// highlights composite into a visibly different shade and the text stays readable.
pub fn highlight_fill(color: Color, dark: bool) -> Color32 {
    // On dark paper the light ink needs a dark shade under it: at 0.2 two overlapping
    // highlights of the brightest colour still leave it 4.5:1 (the contrast test checks).
    let alpha = if dark { 0.2 } else { 0.42 };
    chip(color).gamma_multiply(alpha)
}

/// Composites highlight fills over the paper colour (later ones on top).
pub fn composite(fills: impl IntoIterator<Item = Color32>, dark: bool) -> Color32 {
    let mut out = paper(dark);
    for fill in fills {
        let a = fill.a() as f32 / 255.0;
        let blend = |under: u8, over: u8| -> u8 {
            // `fill` is premultiplied, so `over` already carries its alpha.
            (under as f32 * (1.0 - a) + over as f32)
                .round()
                .clamp(0.0, 255.0) as u8
        };
        out = Color32::from_rgb(
            blend(out.r(), fill.r()),
            blend(out.g(), fill.g()),
            blend(out.b(), fill.b()),
        );
    }
    out
}
