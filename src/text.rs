//! Article text: decoding, normalisation and the paragraph table.
//!
//! Every position gloss stores or shows is a count of Unicode scalar values (`char`s) into the
//! *normalised* text: the file decoded as UTF-8 with the byte-order mark removed and every CRLF
//! or lone CR turned into LF. Normalising once, at load, means a file saved on Windows and the
//! same file saved on Linux give the same offsets, so highlights survive the round trip.
//!
//! Rendering works per paragraph (a line of the file, or the joined lines of a paragraph of a
//! hard-wrapped text), and egui's layout sections count bytes
//! while its cursors count chars. [`Paragraphs`] is the table that converts between the two
//! without scanning the whole article.

use std::borrow::Cow;
use std::ops::Range;

use crate::reflow;

/// Identifies an article's content: SHA-256 of the normalised text, first 128 bits in hex.
/// The same text gives the same hash under any file name or line-end convention.
pub fn text_hash(text: &str) -> String {
    bytes_hash(text.as_bytes())
}

/// SHA-256 of `bytes`, first 128 bits in hex: plenty to tell files apart, short enough to read.
pub fn bytes_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// The result of decoding a file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// Normalised text (no BOM, LF line ends).
    pub text: String,
    /// Set when the bytes were not valid UTF-8 and were decoded lossily; says where.
    pub warning: Option<String>,
}

/// Why a file's bytes cannot be shown as text at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undecodable {
    /// The file contains NUL bytes, which plain text never does.
    Binary { first_nul_at: usize },
}

impl std::fmt::Display for Undecodable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Undecodable::Binary { first_nul_at } => write!(
                f,
                "binary file (NUL byte at offset {first_nul_at}), not a text article"
            ),
        }
    }
}

/// Decodes a file's bytes into normalised article text.
///
/// Non-UTF-8 input is decoded lossily (invalid sequences become U+FFFD) rather than refused,
/// because a reader would rather read an article with a few odd characters than not at all;
/// the returned warning lets the UI say so.
pub fn decode(bytes: &[u8]) -> Result<Decoded, Undecodable> {
    if let Some(first_nul_at) = bytes.iter().position(|&b| b == 0) {
        return Err(Undecodable::Binary { first_nul_at });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, warning) = match std::str::from_utf8(bytes) {
        Ok(s) => (normalise_line_ends(s), None),
        Err(e) => {
            let lossy = String::from_utf8_lossy(bytes);
            let warning = format!(
                "not valid UTF-8 (first bad byte at offset {}); invalid bytes are shown as \u{FFFD}",
                e.valid_up_to()
            );
            (normalise_line_ends(&lossy), Some(warning))
        }
    };
    Ok(Decoded { text, warning })
}

/// Turns CRLF and lone CR into LF.
pub fn normalise_line_ends(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// One paragraph of the article, as laid out by the reading view: a line, or several lines of
/// a hard-wrapped text joined by soft breaks (see [`crate::reflow`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    /// First char of the paragraph (global char offset).
    pub start_char: usize,
    /// One past the last char, excluding the line break that ends the paragraph.
    pub end_char: usize,
    /// Byte offset of `start_char` in the article text.
    pub start_byte: usize,
    /// Byte offset of `end_char` in the article text.
    pub end_byte: usize,
    /// Holds soft line breaks, shown as spaces.
    pub reflowed: bool,
    /// The text goes on in the next paragraph without a line break: a very long line was cut
    /// here for layout (see [`MAX_PARAGRAPH_CHARS`]). The next one starts at this one's end.
    pub continues: bool,
    /// White space every line of the text starts with (an indented book's margin): not shown.
    pub margin: u16,
}

/// The longest run of text laid out as one galley. A longer line (a whole book saved without
/// line breaks, a minified file) is cut into pieces of at most this many chars — at the end of
/// a sentence or a word when there is one near — so that only the pieces on screen are laid
/// out and measured: a 20 MB line as one galley takes gigabytes and tens of seconds. Real
/// paragraphs are far shorter, so ordinary texts are never cut.
pub const MAX_PARAGRAPH_CHARS: usize = 8_000;

/// Cuts `para` (of `text`) into pieces of at most [`MAX_PARAGRAPH_CHARS`] chars, pushing each.
fn push_cut(items: &mut Vec<Paragraph>, para: Paragraph, text: &str) {
    if para.char_len() <= MAX_PARAGRAPH_CHARS {
        items.push(para);
        return;
    }
    let mut piece = Paragraph {
        end_char: para.start_char,
        end_byte: para.start_byte,
        continues: true,
        ..para
    };
    let raw = &text[para.byte_range()];
    // Candidate cut points within the current piece: after a sentence end, after a space.
    let (mut count, mut sentence, mut space) = (0usize, None, None);
    let mut prev = '\0';
    for (at, c) in raw.char_indices() {
        if count == MAX_PARAGRAPH_CHARS {
            // Prefer a sentence end in the last half, then a word end in the last quarter.
            let cut = sentence
                .filter(|&(n, _)| n >= MAX_PARAGRAPH_CHARS / 2)
                .or(space.filter(|&(n, _)| n >= MAX_PARAGRAPH_CHARS * 3 / 4))
                .unwrap_or((count, at));
            piece.end_char = piece.start_char + cut.0;
            piece.end_byte = para.start_byte + cut.1;
            items.push(piece);
            piece.start_char = piece.end_char;
            piece.start_byte = piece.end_byte;
            count -= cut.0;
            let shift = |p: Option<(usize, usize)>| {
                p.filter(|&(n, _)| n > cut.0).map(|(n, b)| (n - cut.0, b))
            };
            sentence = shift(sentence);
            space = shift(space);
        }
        if c.is_whitespace() {
            let here = (count + 1, at + c.len_utf8());
            space = Some(here);
            if matches!(prev, '.' | '!' | '?' | '…' | '"' | '”' | '»') {
                sentence = Some(here);
            }
        }
        prev = c;
        count += 1;
    }
    piece.end_char = para.end_char;
    piece.end_byte = para.end_byte;
    piece.continues = para.continues;
    items.push(piece);
}

impl Paragraph {
    pub fn char_range(&self) -> Range<usize> {
        self.start_char..self.end_char
    }

    pub fn byte_range(&self) -> Range<usize> {
        self.start_byte..self.end_byte
    }

    pub fn char_len(&self) -> usize {
        self.end_char - self.start_char
    }

    pub fn is_empty(&self) -> bool {
        self.start_char == self.end_char
    }

    /// The paragraph as shown: its soft breaks as spaces — as nothing after a word broken at
    /// a hyphen ("three-and-⏎twenty" reads "three-and-twenty") — and the white space the lines
    /// start with (the text's margin on the first; all of it on the lines a soft break joined)
    /// as zero-width spaces. Each shown char stands for one char of the article, so char
    /// offsets into the shown text are those of the article.
    pub fn display_text<'t>(&self, article_text: &'t str) -> Cow<'t, str> {
        let raw = &article_text[self.byte_range()];
        if self.margin == 0 && !self.reflowed {
            return Cow::Borrowed(raw);
        }
        let mut out = String::with_capacity(raw.len() + 16);
        // At the start of each line: how much white space is still to hide.
        let mut hide = usize::from(self.margin);
        let (mut before, mut last) = (' ', ' ');
        for c in raw.chars() {
            if c == '\n' {
                let hyphenated = last == '-' && before.is_alphabetic();
                out.push(if hyphenated { '\u{200B}' } else { ' ' });
                hide = usize::MAX;
            } else if hide > 0 && (c == ' ' || c == '\t') {
                out.push('\u{200B}');
                hide -= 1;
            } else {
                hide = 0;
                out.push(c);
            }
            (before, last) = (last, c);
        }
        Cow::Owned(out)
    }
}

/// The paragraph table of an article: every paragraph with its char and byte extents.
///
/// Each line is a paragraph — news text comes both ways (one paragraph per line, or paragraphs
/// separated by blank lines) and a line is what a triple-click should select in either — except
/// in hard-wrapped texts, where the lines of a paragraph are joined ([`crate::reflow`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraphs {
    items: Vec<Paragraph>,
    total_chars: usize,
}

impl Paragraphs {
    /// The paragraphs of a plain text: one per line, except where a hard-wrapped text only
    /// wrapped a line ([`reflow`]).
    pub fn new(text: &str) -> Self {
        Paragraphs::build(text, reflow::layout(text))
    }

    /// One paragraph per line, never reflowed: the displayed text of a rendered document,
    /// whose lines are its blocks.
    pub fn unwrapped(text: &str) -> Self {
        Paragraphs::build(text, reflow::Layout::default())
    }

    fn build(text: &str, layout: reflow::Layout) -> Self {
        let margin = layout.margin.min(usize::from(u16::MAX)) as u16;
        let starting_at = |start_char, start_byte| Paragraph {
            start_char,
            end_char: start_char,
            start_byte,
            end_byte: start_byte,
            reflowed: false,
            continues: false,
            margin,
        };
        let mut items = Vec::new();
        let mut current = starting_at(0, 0);
        let (mut char_pos, mut byte_pos) = (0, 0);
        let mut lines = text.split('\n').peekable();
        while let Some(line) = lines.next() {
            char_pos += line.chars().count();
            byte_pos += line.len();
            let Some(next) = lines.peek() else { break };
            if layout.is_soft_break(line, next) {
                current.reflowed = true;
            } else {
                current.end_char = char_pos;
                current.end_byte = byte_pos;
                push_cut(&mut items, current, text);
                current = starting_at(char_pos + 1, byte_pos + 1);
            }
            // The line break.
            char_pos += 1;
            byte_pos += 1;
        }
        current.end_char = char_pos;
        current.end_byte = byte_pos;
        push_cut(&mut items, current, text);
        Paragraphs {
            items,
            total_chars: char_pos,
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&Paragraph> {
        self.items.get(index)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Paragraph> {
        self.items.iter()
    }

    /// Total number of chars in the article.
    pub fn total_chars(&self) -> usize {
        self.total_chars
    }

    /// Index of the paragraph holding global char `pos` (a line break belongs to the paragraph
    /// it ends; `pos == total_chars` belongs to the last paragraph).
    pub fn index_of_char(&self, pos: usize) -> usize {
        self.items
            .partition_point(|p| p.end_char < pos)
            .min(self.items.len().saturating_sub(1))
    }

    /// Indices of paragraphs that overlap the char range (including touching empty ones).
    pub fn indices_overlapping(&self, range: Range<usize>) -> Range<usize> {
        let first = self.index_of_char(range.start);
        let last = self.index_of_char(range.end.max(range.start));
        first..last + 1
    }

    /// Converts a global char offset to a byte offset in the article text.
    pub fn byte_of_char(&self, text: &str, pos: usize) -> usize {
        let p = &self.items[self.index_of_char(pos)];
        let local = pos.saturating_sub(p.start_char);
        let para = &text[p.byte_range()];
        p.start_byte + byte_offset_of_char(para, local)
    }
}

/// Byte offset of the `n`th char of `s` (or `s.len()` when `n` is past the end).
pub fn byte_offset_of_char(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(b, _)| b)
}

/// The slice of `text` between two global char offsets, using the paragraph table so that
/// only the paragraphs involved are scanned.
pub fn slice_chars<'t>(text: &'t str, paragraphs: &Paragraphs, range: Range<usize>) -> &'t str {
    let start = paragraphs.byte_of_char(text, range.start);
    let end = paragraphs.byte_of_char(text, range.end.max(range.start));
    &text[start..end]
}

/// The text between two global char offsets as the reader sees it — soft line breaks as
/// spaces — for copying.
pub fn display_slice(text: &str, paragraphs: &Paragraphs, range: Range<usize>) -> String {
    let slice = slice_chars(text, paragraphs, range.clone());
    if !paragraphs.iter().any(|p| p.reflowed) {
        return slice.to_owned();
    }
    slice
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let at = range.start + i;
            let inside = paragraphs.items[paragraphs.index_of_char(at)].end_char > at;
            if c == '\n' && inside { ' ' } else { c }
        })
        .collect()
}

/// Narrows a char range so it neither starts nor ends with whitespace. Returns `None` when
/// nothing but whitespace is selected: such a selection makes no highlight.
pub fn trim_range(
    text: &str,
    paragraphs: &Paragraphs,
    range: Range<usize>,
) -> Option<Range<usize>> {
    let slice = slice_chars(text, paragraphs, range.clone());
    let leading = slice.chars().take_while(|c| c.is_whitespace()).count();
    let total = slice.chars().count();
    if leading == total {
        return None;
    }
    let trailing = slice
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    Some(range.start + leading..range.end - trailing)
}

/// The word around global char `pos` (Unicode word boundaries), for double-click selection.
/// Falls back to the single char when `pos` is on whitespace or punctuation.
pub fn word_at(text: &str, paragraphs: &Paragraphs, pos: usize) -> Range<usize> {
    use unicode_segmentation::UnicodeSegmentation;
    let p = paragraphs.items[paragraphs.index_of_char(pos)];
    let para = &text[p.byte_range()];
    let local = pos - p.start_char;
    let mut char_at = 0;
    for word in para.split_word_bounds() {
        let len = word.chars().count();
        if local < char_at + len {
            return p.start_char + char_at..p.start_char + char_at + len;
        }
        char_at += len;
    }
    pos..pos
}

/// A drag from caret position `origin` to `head`, widened to the whole words it touches, as
/// e-readers select: a quick drag that starts or ends inside a word takes the whole word, so
/// a highlight never reads "ussia’s acting foreign minister". Returned as (anchor, head), the
/// anchor on the side the drag began. Spaces and punctuation at either end are not widened.
pub fn word_drag(
    text: &str,
    paragraphs: &Paragraphs,
    origin: usize,
    head: usize,
) -> (usize, usize) {
    if origin == head || paragraphs.items.is_empty() {
        return (origin, head);
    }
    let total = paragraphs.total_chars();
    let is_word = |r: &Range<usize>| {
        let p = paragraphs.items[paragraphs.index_of_char(r.start)];
        let local = r.start - p.start_char..r.end - p.start_char;
        text[p.byte_range()]
            .chars()
            .skip(local.start)
            .take(local.len())
            .any(char::is_alphanumeric)
    };
    // The word holding the char at `pos`, if that char is part of a word.
    let word_of = |pos: usize| {
        let r = word_at(text, paragraphs, pos.min(total.saturating_sub(1)));
        (!r.is_empty() && r.contains(&pos) && is_word(&r)).then_some(r)
    };
    let (start, end) = (origin.min(head), origin.max(head));
    let start = word_of(start).map_or(start, |w| w.start);
    let end = word_of(end - 1).map_or(end, |w| w.end);
    if head > origin {
        (start, end)
    } else {
        (end, start)
    }
}

/// The paragraph around global char `pos`, for triple-click selection.
pub fn paragraph_at(paragraphs: &Paragraphs, pos: usize) -> Range<usize> {
    paragraphs.items[paragraphs.index_of_char(pos)].char_range()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_removed_and_line_ends_normalised() {
        let d = decode(b"\xEF\xBB\xBFone\r\ntwo\rthree\n").unwrap();
        assert_eq!(d.text, "one\ntwo\nthree\n");
        assert!(d.warning.is_none());
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily_with_a_warning() {
        let d = decode(b"caf\xE9 ok").unwrap();
        assert_eq!(d.text, "caf\u{FFFD} ok");
        assert!(d.warning.unwrap().contains("offset 3"));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00"),
            Err(Undecodable::Binary { first_nul_at: 4 })
        );
    }

    #[test]
    fn hard_wrapped_lines_join_into_paragraphs_with_unchanged_offsets() {
        let line = "Prince Vasili always spoke languidly, like an actor repeating a";
        let para = format!("{line}\nstale part, and smiled.");
        let text = format!("{para}\n\n").repeat(12);
        let p = Paragraphs::new(&text);
        // Per copy: the joined paragraph, then the empty line; and the final empty line.
        assert_eq!(p.len(), 25);
        let first = p.get(0).unwrap();
        assert!(first.reflowed);
        assert_eq!(first.char_range(), 0..para.chars().count());
        assert_eq!(first.display_text(&text), para.replace('\n', " "));
        assert_eq!(slice_chars(&text, &p, first.char_range()), para);
        let across = 50..70;
        assert_eq!(
            display_slice(&text, &p, across.clone()),
            slice_chars(&text, &p, across).replace('\n', " ")
        );
        // Paragraph ends stay line breaks when copied.
        let two = 0..first.end_char + 2;
        assert!(display_slice(&text, &p, two).ends_with(".\n\n"));
    }

    #[test]
    fn a_very_long_line_is_cut_into_pieces_that_cover_it_exactly() {
        let sentence = "Ünïcödé words, one after another, and then a full stop. ";
        let line = sentence.repeat(2_000); // 112,000 chars on one line
        let text = format!("Title\n{line}\nlast");
        let p = Paragraphs::new(&text);
        let pieces: Vec<&Paragraph> = p.iter().skip(1).take_while(|x| x.continues).collect();
        assert!(pieces.len() >= 13, "{} pieces", pieces.len());
        let mut at = p.get(1).unwrap().start_char;
        for piece in p.iter().skip(1).take(pieces.len() + 1) {
            assert_eq!(piece.start_char, at, "pieces are contiguous");
            assert!(piece.char_len() <= MAX_PARAGRAPH_CHARS);
            assert_eq!(
                piece.end_char - piece.start_char,
                text[piece.byte_range()].chars().count(),
                "byte and char extents agree"
            );
            at = piece.end_char;
        }
        // Cut after a sentence, not inside a word.
        assert!(text[pieces[0].byte_range()].ends_with(". "));
        assert_eq!(slice_chars(&text, &p, 6..at), line);
        assert_eq!(p.get(p.len() - 1).unwrap().display_text(&text), "last");
        assert_eq!(p.total_chars(), text.chars().count());
    }

    #[test]
    fn paragraph_table_counts_chars_not_bytes() {
        let text = "Héllo “x”\n\nRussia’s 😀 end";
        let p = Paragraphs::new(text);
        assert_eq!(p.len(), 3);
        assert_eq!(p.get(0).unwrap().char_range(), 0..9);
        assert_eq!(p.get(1).unwrap().char_range(), 10..10);
        assert_eq!(p.get(2).unwrap().char_range(), 11..25);
        assert_eq!(p.total_chars(), text.chars().count());
        assert_eq!(slice_chars(text, &p, 11..19), "Russia’s");
        assert_eq!(slice_chars(text, &p, 20..21), "😀");
        assert_eq!(slice_chars(text, &p, 6..13), "“x”\n\nRu");
    }

    #[test]
    fn trimming_drops_outer_whitespace_and_refuses_blank_selections() {
        let text = "  a b  \n\n";
        let p = Paragraphs::new(text);
        assert_eq!(trim_range(text, &p, 0..9), Some(2..5));
        assert_eq!(trim_range(text, &p, 5..9), None);
    }

    #[test]
    fn word_and_paragraph_at_a_position() {
        let text = "The world’s biggest power.\nNext line";
        let p = Paragraphs::new(text);
        assert_eq!(slice_chars(text, &p, word_at(text, &p, 6)), "world’s");
        assert_eq!(slice_chars(text, &p, paragraph_at(&p, 30)), "Next line");
    }

    #[test]
    fn a_drag_takes_the_whole_words_it_touches() {
        let text = "Russia’s acting foreign minister spoke.\nNext line here";
        let p = Paragraphs::new(text);
        let pos = |s: &str| text[..text.find(s).unwrap()].chars().count();
        let selected = |origin: usize, head: usize| {
            let (a, h) = word_drag(text, &p, origin, head);
            slice_chars(text, &p, a.min(h)..a.max(h))
        };
        // Inside "Russia’s" to inside "minister": both words whole.
        assert_eq!(
            selected(pos("ussia"), pos("ister")),
            "Russia’s acting foreign minister"
        );
        // Backwards, the same words, and the anchor stays on the side the drag began.
        let (a, h) = word_drag(text, &p, pos("ister"), pos("ussia"));
        assert!(a > h);
        assert_eq!(
            slice_chars(text, &p, h..a),
            "Russia’s acting foreign minister"
        );
        // Ends already on word edges, or on spaces and punctuation, are not widened.
        assert_eq!(selected(pos("acting"), pos(" foreign")), "acting");
        assert_eq!(
            selected(pos(" acting"), pos("spoke") + 5),
            " acting foreign minister spoke"
        );
        // Across a paragraph break.
        assert_eq!(selected(pos("poke"), pos("ine")), "spoke.\nNext line");
        // A click (no movement) stays a caret.
        assert_eq!(word_drag(text, &p, 5, 5), (5, 5));
    }
}
