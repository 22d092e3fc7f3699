//! Highlights as the reading view draws them: per-article spans and per-paragraph layout jobs.
//!
//! egui lays text out from a [`LayoutJob`] whose sections are *byte* ranges, while highlights
//! are *char* ranges. Each paragraph's job is built by walking the paragraph's chars once and
//! cutting a section wherever a highlight starts or ends; overlapping highlights composite their
//! translucent colours, so both stay visible and the overlap reads as a third shade.

use std::ops::Range;
use std::sync::Arc;

use eframe::egui::{
    Color32, FontId, Stroke, TextFormat,
    text::{ByteIndex, LayoutJob},
};

use super::theme;
use crate::annotation::Color;
use crate::workspace::Workspace;

/// One highlight, placed in its article's current text.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub range: Range<usize>,
    pub color: Color,
    pub id: Arc<str>,
    pub has_note: bool,
}

/// The spans of one article, sorted by start, with what is needed to find the ones that
/// overlap a paragraph without scanning them all.
#[derive(Debug, Default)]
pub struct ArticleSpans {
    spans: Vec<Span>,
    longest: usize,
}

impl ArticleSpans {
    pub fn build(workspace: &Workspace, article: &str) -> ArticleSpans {
        let mut spans: Vec<Span> = workspace
            .notebook()
            .annotations()
            .iter()
            .filter(|a| a.article == article)
            .filter_map(|a| span_of(workspace, a))
            .collect();
        spans.sort_by_key(|s| (s.range.start, s.range.end));
        let longest = spans.iter().map(|s| s.range.len()).max().unwrap_or(0);
        ArticleSpans { spans, longest }
    }

    /// Brings one annotation's span up to date (added, moved, recoloured, removed) without
    /// rebuilding the rest: what a keystroke in a note or a new highlight costs.
    pub fn update(&mut self, workspace: &Workspace, article: &str, id: &str) {
        let old = self.spans.iter().position(|s| &*s.id == id);
        let removed = old.map(|i| self.spans.remove(i));
        let new = workspace
            .notebook()
            .get(id)
            .filter(|a| a.article == article)
            .and_then(|a| span_of(workspace, a));
        if let Some(span) = new {
            let key = (span.range.start, span.range.end);
            let at = self
                .spans
                .partition_point(|s| (s.range.start, s.range.end) <= key);
            self.longest = self.longest.max(span.range.len());
            self.spans.insert(at, span);
        }
        if removed.is_some_and(|r| r.range.len() == self.longest) {
            self.longest = self.spans.iter().map(|s| s.range.len()).max().unwrap_or(0);
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Spans overlapping `range`, in start order: O(log n + candidates).
    pub fn overlapping(&self, range: Range<usize>) -> impl Iterator<Item = &Span> {
        let lo = self
            .spans
            .partition_point(|s| s.range.start + self.longest < range.start);
        let hi = self.spans.partition_point(|s| s.range.start < range.end);
        self.spans[lo..hi.max(lo)]
            .iter()
            .filter(move |s| s.range.end > range.start)
    }

    /// The innermost (shortest) span containing char `pos`: what a click there selects.
    pub fn at(&self, pos: usize) -> Option<&Span> {
        self.overlapping(pos..pos + 1)
            .filter(|s| s.range.contains(&pos))
            .min_by_key(|s| s.range.len())
    }
}

fn span_of(workspace: &Workspace, a: &crate::annotation::Annotation) -> Option<Span> {
    Some(Span {
        range: workspace.range_of(&a.id)?,
        color: a.color,
        id: a.id.as_str().into(),
        has_note: !a.note.trim().is_empty(),
    })
}

/// How much of its colour a highlight the notes filter hides keeps.
const DIMMED: f32 = 0.25;

/// How a paragraph is to be drawn.
pub struct ParagraphStyle<'a> {
    pub font: FontId,
    pub ink: Color32,
    pub dark: bool,
    pub wrap_width: f32,
    pub line_height: f32,
    pub selected: Option<&'a str>,
    /// Passages with a counterpart in the neighbouring pane (compare mode), sorted: a faint
    /// tint under text no highlight covers.
    pub marks: &'a [Range<usize>],
    /// Matches of the find bar, sorted and not overlapping: shaded over everything.
    pub found: &'a [Range<usize>],
    /// The current match of the find bar: shaded stronger.
    pub current: Option<Range<usize>>,
    /// Compare with earlier version: the text changed since (sorted, apart) — deleted text
    /// in the earlier version, struck through; inserted text in the current one, shaded.
    pub changed: &'a [Range<usize>],
    pub changed_is_deleted: bool,
    /// A rendered article's blocks and inline styles (Markdown, web pages).
    pub document: Option<&'a crate::document::Document>,
    /// Highlights the notes filter hides, drawn faint ("Dim the others"); `None` draws all
    /// alike.
    pub dimmed: Option<&'a std::collections::HashSet<Arc<str>>>,
}

/// The face of a block: headings larger and bold, code monospace, the rest as read.
fn block_font(kind: Option<crate::document::BlockKind>, font: &FontId) -> FontId {
    use crate::document::BlockKind;
    match kind {
        Some(BlockKind::Heading(level)) => {
            let scale = match level {
                1 => 1.6,
                2 => 1.35,
                3 => 1.18,
                _ => 1.05,
            };
            super::fonts::bold_font((font.size * scale).round())
        }
        Some(BlockKind::Code) => FontId::monospace((font.size * 0.85).round()),
        Some(BlockKind::TableRow { header: true }) => super::fonts::bold_font(font.size),
        _ => font.clone(),
    }
}

/// Whether a list item begins with a task's box (`☐`/`☑`, as Markdown's task lists render),
/// and whether it is ticked: the view draws the box in place of the char and the bullet.
pub fn task_box(block: Option<&crate::document::Block>, text: &str) -> Option<bool> {
    block.filter(|b| matches!(b.kind, crate::document::BlockKind::ListItem { .. }))?;
    match text.chars().next()? {
        '☐' => Some(false),
        '☑' => Some(true),
        _ => None,
    }
}

/// Builds the layout job of one paragraph (`text`, starting at global char `start`); the job
/// takes ownership of the text, so a paragraph shown with soft breaks is not copied twice.
pub fn paragraph_job(
    text: String,
    start: usize,
    spans: &[&Span],
    style: &ParagraphStyle<'_>,
) -> LayoutJob {
    let len = text.chars().count();
    let mut cuts: Vec<usize> = vec![0, len];
    for s in spans {
        cuts.push(s.range.start.saturating_sub(start).min(len));
        cuts.push(s.range.end.saturating_sub(start).min(len));
    }
    let marks: Vec<&Range<usize>> = style
        .marks
        .iter()
        .filter(|m| m.end > start && m.start < start + len)
        .collect();
    for m in &marks {
        cuts.push(m.start.saturating_sub(start).min(len));
        cuts.push(m.end.saturating_sub(start).min(len));
    }
    // Matches are sorted and apart: the ones in this paragraph by binary search (a find can
    // have a hundred thousand).
    let lo = style.found.partition_point(|m| m.end <= start);
    let hi = style.found.partition_point(|m| m.start < start + len);
    let found = &style.found[lo..hi.max(lo)];
    for m in found {
        cuts.push(m.start.saturating_sub(start).min(len));
        cuts.push(m.end.saturating_sub(start).min(len));
    }
    let lo = style.changed.partition_point(|m| m.end <= start);
    let hi = style.changed.partition_point(|m| m.start < start + len);
    let changed = &style.changed[lo..hi.max(lo)];
    for m in changed {
        cuts.push(m.start.saturating_sub(start).min(len));
        cuts.push(m.end.saturating_sub(start).min(len));
    }
    // A rendered document: the block's face, and its inline styles as cuts of their own.
    let block = style.document.and_then(|d| d.block_at(start));
    let task = task_box(block, &text);
    if task.is_some() {
        cuts.push(1.min(len));
    }
    let inline: Vec<&crate::document::Span> = style
        .document
        .map(|d| d.spans_in(start..start + len).collect())
        .unwrap_or_default();
    for s in &inline {
        cuts.push(s.range.start.saturating_sub(start).min(len));
        cuts.push(s.range.end.saturating_sub(start).min(len));
    }
    let base_font = block_font(block.map(|b| b.kind), &style.font);
    cuts.sort_unstable();
    cuts.dedup();

    // Char offset -> byte offset for every cut, in one pass over the paragraph.
    let mut byte_cuts = Vec::with_capacity(cuts.len());
    let mut next = cuts.iter().peekable();
    for (char_i, (byte_i, _)) in text.char_indices().enumerate() {
        while next.peek().is_some_and(|&&c| c == char_i) {
            byte_cuts.push(byte_i);
            next.next();
        }
    }
    while next.next().is_some() {
        byte_cuts.push(text.len());
    }

    let mut job = LayoutJob {
        text,
        ..LayoutJob::default()
    };
    job.wrap.max_width = style.wrap_width;
    for w in 0..cuts.len().saturating_sub(1) {
        let (a, b) = (cuts[w] + start, cuts[w + 1] + start);
        let covering: Vec<&&Span> = spans
            .iter()
            .filter(|s| s.range.start <= a && s.range.end >= b)
            .collect();
        let mut format = TextFormat {
            font_id: base_font.clone(),
            // A thematic break's one char stands in the text for positions; the reading view
            // draws the rule itself, so the char is not shown.
            color: if block.is_some_and(|b| b.kind == crate::document::BlockKind::Rule)
                || (task.is_some() && cuts[w] == 0)
            {
                Color32::TRANSPARENT
            } else {
                style.ink
            },
            line_height: Some(style.line_height * base_font.size / style.font.size),
            ..TextFormat::default()
        };
        for s in inline
            .iter()
            .filter(|s| s.range.start <= a && s.range.end >= b)
        {
            use crate::document::Inline;
            match &s.style {
                Inline::Emphasis => format.italics = true,
                Inline::Strong => format.font_id = super::fonts::bold_font(format.font_id.size),
                Inline::Code => {
                    format.font_id = FontId::monospace(format.font_id.size * 0.88);
                    format.background = theme::code_background(style.dark);
                }
                Inline::Strike => format.strikethrough = Stroke::new(1.0, style.ink),
                Inline::Link(_) => {
                    format.color = theme::link(style.dark);
                    format.underline = Stroke::new(1.0, theme::link(style.dark));
                }
            }
        }
        if covering.is_empty() && marks.iter().any(|m| m.start <= a && m.end >= b) {
            format.background = theme::compare_mark(style.dark);
        }
        if changed.iter().any(|m| m.start <= a && m.end >= b) {
            format.background = theme::change_fill(style.changed_is_deleted, style.dark);
            if style.changed_is_deleted {
                format.strikethrough = Stroke::new(1.0, style.ink);
            }
        }
        if !covering.is_empty() {
            let selected = covering.iter().find(|s| Some(&*s.id) == style.selected);
            let dim = |s: &Span| style.dimmed.is_some_and(|d| d.contains(&s.id));
            format.background = theme::composite(
                covering.iter().map(|s| {
                    let fill = theme::highlight_fill(s.color, style.dark);
                    if Some(&*s.id) == style.selected {
                        fill.gamma_multiply(1.6)
                    } else if dim(s) {
                        fill.gamma_multiply(DIMMED)
                    } else {
                        fill
                    }
                }),
                style.dark,
            );
            if let Some(s) = selected {
                format.underline = Stroke::new(2.0, theme::chip(s.color));
            } else if let Some(s) = covering.iter().find(|s| s.has_note && !dim(s)) {
                format.underline = Stroke::new(1.0, theme::chip(s.color));
            }
        }
        if let Some(m) = found.iter().find(|m| m.start <= a && m.end >= b) {
            let current = style.current.as_ref() == Some(m);
            format.background = theme::find_match(current, style.dark);
        }
        job.sections.push(eframe::egui::text::LayoutSection {
            leading_space: 0.0,
            byte_range: ByteIndex(byte_cuts[w])..ByteIndex(byte_cuts[w + 1]),
            format,
        });
    }
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(range: Range<usize>, color: Color) -> Span {
        Span {
            range,
            color,
            id: "x".into(),
            has_note: false,
        }
    }

    /// A light-theme paragraph with no marks, matches or changes.
    fn plain_style(dimmed: Option<&std::collections::HashSet<Arc<str>>>) -> ParagraphStyle<'_> {
        ParagraphStyle {
            font: FontId::proportional(16.0),
            ink: Color32::BLACK,
            dark: false,
            wrap_width: 300.0,
            line_height: 24.0,
            selected: None,
            marks: &[],
            changed: &[],
            changed_is_deleted: false,
            found: &[],
            current: None,
            document: None,
            dimmed,
        }
    }

    #[test]
    fn a_markdown_rule_is_drawn_by_the_view_not_shown_as_a_dash() {
        let doc = crate::document::markdown::render("Before the break.\n\n---\n\nAfter it.\n");
        let rule = doc
            .blocks
            .iter()
            .find(|b| b.kind == crate::document::BlockKind::Rule)
            .expect("a rule block");
        let style = ParagraphStyle {
            document: Some(&doc),
            ..plain_style(None)
        };
        let text: String = doc
            .text
            .chars()
            .skip(rule.range.start)
            .take(rule.range.len())
            .collect();
        let job = paragraph_job(text, rule.range.start, &[], &style);
        assert!(!job.sections.is_empty());
        assert!(
            job.sections
                .iter()
                .all(|s| s.format.color == Color32::TRANSPARENT),
            "the placeholder char is not shown"
        );
        let prose = paragraph_job("Before the break.".into(), 0, &[], &style);
        assert_eq!(prose.sections[0].format.color, Color32::BLACK);
    }

    #[test]
    fn sections_cut_at_highlight_edges_in_bytes() {
        let text = "Russia’s “hostile” behaviour";
        let spans = [span(9..18, Color::Yellow), span(0..8, Color::Blue)];
        let refs: Vec<&Span> = spans.iter().collect();
        let style = plain_style(None);
        let job = paragraph_job(text.to_owned(), 0, &refs, &style);
        let pieces: Vec<&str> = job
            .sections
            .iter()
            .map(|s| &text[s.byte_range.start.0..s.byte_range.end.0])
            .collect();
        assert_eq!(pieces, ["Russia’s", " ", "“hostile”", " behaviour"]);
        assert_ne!(
            job.sections[0].format.background,
            job.sections[2].format.background
        );
        assert_eq!(job.sections[1].format.background, Color32::TRANSPARENT);
    }

    #[test]
    fn overlaps_get_their_own_shade() {
        let text = "abcdef";
        let spans = [span(0..4, Color::Yellow), span(2..6, Color::Blue)];
        let refs: Vec<&Span> = spans.iter().collect();
        let style = plain_style(None);
        let job = paragraph_job(text.to_owned(), 0, &refs, &style);
        let bgs: Vec<Color32> = job.sections.iter().map(|s| s.format.background).collect();
        assert_eq!(bgs.len(), 3);
        assert!(bgs[0] != bgs[1] && bgs[1] != bgs[2] && bgs[0] != bgs[2]);
    }

    #[test]
    fn a_highlight_the_filter_hides_is_drawn_faint_when_asked() {
        let text = "kept hidden";
        let mut spans = [span(0..4, Color::Yellow), span(5..11, Color::Yellow)];
        spans[1].id = "hidden".into();
        let refs: Vec<&Span> = spans.iter().collect();
        let hidden: std::collections::HashSet<Arc<str>> = ["hidden".into()].into();
        let backgrounds = |dimmed| {
            let style = plain_style(dimmed);
            let job = paragraph_job(text.to_owned(), 0, &refs, &style);
            [
                job.sections[0].format.background,
                job.sections[2].format.background,
            ]
        };
        let [kept, other] = backgrounds(None);
        assert_eq!(kept, other, "no dimming asked: both alike");
        let [kept_dim, hidden_dim] = backgrounds(Some(&hidden));
        assert_eq!(kept_dim, kept, "the kept one is unchanged");
        let paper = theme::paper(false);
        let from_paper = |c: Color32| {
            (c.r() as i32 - paper.r() as i32).abs()
                + (c.g() as i32 - paper.g() as i32).abs()
                + (c.b() as i32 - paper.b() as i32).abs()
        };
        assert!(
            from_paper(hidden_dim) * 2 < from_paper(kept),
            "the hidden one is nearer the paper: {hidden_dim:?} vs {kept:?}"
        );
    }

    #[test]
    fn overlapping_finds_long_spans_that_start_early() {
        let spans = ArticleSpans {
            spans: vec![
                span(0..100, Color::Yellow),
                span(50..55, Color::Blue),
                span(200..210, Color::Green),
            ],
            longest: 100,
        };
        let found: Vec<_> = spans
            .overlapping(90..120)
            .map(|s| s.range.clone())
            .collect();
        assert_eq!(found, vec![(0..100)]);
        assert_eq!(spans.at(52).unwrap().range, 50..55, "innermost wins");
    }
}
