//! Which line breaks of an article end a paragraph and which only wrap a line.
//!
//! Plain-text books (Project Gutenberg), mailing-list archives and `fmt`-ed notes break every
//! line at about 70 columns and separate paragraphs with blank lines. Shown line by line in a
//! pane narrower than those 70 columns, each source line wraps again and the page turns into
//! ragged half-lines; readers (Calibre, KOReader) join such lines back into paragraphs. News
//! articles, by contrast, put one paragraph on each (long) line, and verse and lists use short
//! lines on purpose: their breaks must stay.
//!
//! The rule: an article is *hard-wrapped* when its lines stop at a common width (between 50
//! and 100 chars) and at least half of them come close to it. In such an article a break is
//! *soft* — shown as a space — when the line with the next line's first word would have come
//! within a few chars of the width (or past it), i.e. the line was broken for width, not for
//! meaning. Blank lines, indented lines and
//! lines that start a list item, heading, quotation or table always start a new paragraph.
//!
//! Many plain-text books indent *every* line (the Jargon File, RFCs, some Project Gutenberg
//! texts): that common indentation is a margin, not a sign of a block. It is found as the
//! indentation nearly every line has ([`Layout::margin`]) and set aside before the rules
//! above; the reading view does not show it. A line indented *beyond* the margin starts a
//! paragraph where the text marks paragraphs with first-line indents (few blank lines, many
//! lines indented a little more than the ones before them); otherwise it is a block of its
//! own (a quotation, verse, code) whose breaks stay — except where the block is itself
//! wrapped: a line of it that was about full, followed by one indented at least as far (the
//! hanging text of a licence's item "a)", the next line of an indented quotation), carries on
//! the same paragraph.
//!
//! Only the display changes: a soft break is still the `\n` char of the article, so every
//! char offset (annotations, selections, exports) is the same as without reflowing.

/// Fewest non-blank lines for a width to be trusted.
const MIN_LINES: usize = 8;
/// Narrowest and widest width treated as a hard wrap.
const WIDTHS: std::ops::RangeInclusive<usize> = 50..=100;
/// A line within this many chars of the width counts as full (and its break as a wrap).
const FULL_SLACK: usize = 12;

/// How a plain text is laid out: the column it is wrapped at (if it is hard-wrapped), its
/// margin, and whether its paragraphs start with first-line indents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layout {
    pub width: Option<usize>,
    pub margin: usize,
    pub first_line_indents: bool,
}

/// Share of non-blank lines that must be indented at least as much as the margin.
const MARGIN_SHARE: f32 = 0.9;
/// A first-line indent goes at most this far beyond the margin.
const MAX_FIRST_LINE_INDENT: usize = 8;

/// Leading white-space chars of a line.
fn indent(line: &str) -> usize {
    line.chars().take_while(|c| *c == ' ' || *c == '\t').count()
}

/// The layout of a text (see the module documentation).
pub fn layout(text: &str) -> Layout {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut indents: Vec<usize> = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| indent(l))
        .collect();
    if indents.len() < MIN_LINES {
        return Layout {
            width: wrap_width(text),
            ..Layout::default()
        };
    }
    indents.sort_unstable();
    // The largest indentation that nearly every line has.
    let margin = indents[((1.0 - MARGIN_SHARE) * (indents.len() - 1) as f32) as usize];
    let blank = lines.iter().filter(|l| l.trim().is_empty()).count();
    let mut indented_starts = 0;
    for w in lines.windows(2) {
        let (prev, line) = (w[0], w[1]);
        if prev.trim().is_empty() || line.trim().is_empty() {
            continue;
        }
        let extra = indent(line).saturating_sub(margin);
        if (1..=MAX_FIRST_LINE_INDENT).contains(&extra) && indent(prev) <= margin {
            indented_starts += 1;
        }
    }
    let nonblank = indents.len();
    let first_line_indents = indented_starts * 30 >= nonblank && blank * 10 < nonblank;
    Layout {
        width: wrap_width(text),
        margin,
        first_line_indents,
    }
}

impl Layout {
    /// Whether the break between `line` and `next` only wraps a paragraph.
    pub fn is_soft_break(&self, line: &str, next: &str) -> bool {
        let Some(width) = self.width else {
            return false;
        };
        let cut = |l: &str| -> usize {
            l.char_indices()
                .take(self.margin)
                .take_while(|(_, c)| *c == ' ' || *c == '\t')
                .last()
                .map_or(0, |(b, c)| b + c.len_utf8())
        };
        let next_body = &next[cut(next)..];
        let line_body = &line[cut(line)..];
        let width = width.saturating_sub(self.margin);
        if next_body.starts_with([' ', '\t']) {
            // Beyond the margin: a paragraph's first line, or a block of its own — unless it
            // carries on an indented block the line above belongs to (a licence's item a),
            // its text hanging under the first line's; an indented quotation), wrapped at the
            // same width.
            let (above, below) = (indent(line_body), indent(next_body));
            let carries_on = above > 0 && below >= above;
            return carries_on && is_soft_break(line_body, next_body.trim_start(), width);
        }
        is_soft_break(line_body, next_body, width)
    }
}

/// The column a hard-wrapped article was wrapped at, or `None` when its line breaks are
/// meaningful (one paragraph per line, verse, lists, or too little text to tell).
pub fn wrap_width(text: &str) -> Option<usize> {
    let mut lengths: Vec<usize> = text
        .split('\n')
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim_end().chars().count())
        .collect();
    if lengths.len() < MIN_LINES {
        return None;
    }
    lengths.sort_unstable();
    // Long lines (a URL, a table, a paragraph pasted in unwrapped) must not set the width:
    // up to one line in twenty may run past the widest wrap; the width is then the 99th
    // percentile of the others. (The 99th percentile of all lines let 20 pasted paragraphs
    // in a 1,000-line book leave the whole book unjoined.)
    let within = lengths.partition_point(|&l| l <= *WIDTHS.end());
    if within * 20 < lengths.len() * 19 || within == 0 {
        return None;
    }
    let width = lengths[(within - 1) * 99 / 100];
    if !WIDTHS.contains(&width) {
        return None;
    }
    let full = lengths[..within]
        .iter()
        .filter(|&&l| l + FULL_SLACK >= width)
        .count();
    (full * 2 >= lengths.len()).then_some(width)
}

/// Whether the break between `line` and `next` only wraps a paragraph of an article
/// hard-wrapped at `width` (see the module documentation).
pub fn is_soft_break(line: &str, next: &str, width: usize) -> bool {
    if line.trim().is_empty() || next.trim().is_empty() || starts_a_block(next) {
        return false;
    }
    let first_word = next
        .split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count());
    // Not "the next word would not have fitted" to the char: wrappers balance their lines
    // (fmt, Project Gutenberg's tools) and break up to a word early. Judged greedily, 11 % of
    // the breaks inside Pride and Prejudice's paragraphs and 19 % of War and Peace's were
    // taken for paragraph ends (all within 12 chars of the width); verse and short last
    // lines fall well short of it (13+ chars in Ulysses).
    line.trim_end().chars().count() + 1 + first_word + FULL_SLACK >= width
}

/// Lines that begin something of their own: indented text (quotations, verse, code), list
/// items, Markdown headings, block quotes and table rows.
fn starts_a_block(line: &str) -> bool {
    if line.starts_with(char::is_whitespace) {
        return true;
    }
    let mut words = line.split_whitespace();
    let first = words.next().unwrap_or("");
    let bullet = matches!(first, "-" | "*" | "+" | "•" | "–" | "—");
    let numbered = first.len() > 1
        && (first.ends_with('.') || first.ends_with(')'))
        && first[..first.len() - 1].chars().all(|c| c.is_ascii_digit());
    // a) b) … and (a) (iv): items of licences and contracts.
    let lettered = {
        let inner = first.strip_prefix('(').unwrap_or(first);
        inner.len() > 1
            && inner.len() <= 5
            && inner.ends_with(')')
            && inner[..inner.len() - 1]
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c.is_ascii_digit())
    };
    bullet
        || numbered
        || lettered
        || first.starts_with('#')
        || first.starts_with('>')
        || first.starts_with('|')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Twelve lines of prose wrapped at `width` the way `fmt` does it.
    fn wrapped(width: usize) -> String {
        let words = "The vicomte told his tale very neatly and the ladies looked agitated \
                     while the little princess followed every word with her needle held high"
            .split(' ')
            .cycle()
            .take(160);
        let mut out = String::new();
        let mut line = String::new();
        for (i, w) in words.enumerate() {
            if !line.is_empty() && line.len() + 1 + w.len() > width {
                out += &line;
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line += w;
            if i == 80 {
                out += &line;
                out += ".\n\n";
                line.clear();
            }
        }
        out + &line + "\n"
    }

    #[test]
    fn a_hard_wrapped_text_is_recognised_at_its_width() {
        let text = wrapped(70);
        let width = wrap_width(&text).expect("hard-wrapped");
        assert!((60..=70).contains(&width), "{width}");
    }

    #[test]
    fn a_few_long_lines_pasted_into_a_wrapped_text_do_not_hide_its_width() {
        let mut text = wrapped(70);
        let long = "A paragraph pasted in without wrapping, much longer than the width. ".repeat(3);
        for _ in 0..2 {
            text = format!("{text}\n\n{long}\n\n{}", wrapped(70));
        }
        assert_eq!(wrap_width(&text), Some(70));
        // One paragraph per line throughout is still not hard-wrapped.
        let news = format!("{long}\n").repeat(20);
        assert_eq!(wrap_width(&news), None);
    }

    #[test]
    fn one_paragraph_per_line_and_verse_keep_their_breaks() {
        let news = "A long paragraph of a news report that runs well past any wrap width, \
                    as news text does when each paragraph sits on a line of its own.\n"
            .repeat(10);
        assert_eq!(wrap_width(&news), None);
        let verse = "Tyger Tyger, burning bright,\nIn the forests of the night;\n\
                     What immortal hand or eye,\nCould frame thy fearful symmetry?\n"
            .repeat(3);
        assert_eq!(wrap_width(&verse), None);
        assert_eq!(wrap_width("too\nshort\n"), None);
    }

    #[test]
    fn a_break_is_soft_only_when_the_line_was_about_full() {
        let full = "x".repeat(66);
        assert!(is_soft_break(&full, "princess followed", 70));
        let balanced = "x".repeat(60);
        assert!(
            is_soft_break(&balanced, "a b", 70),
            "a wrapper balancing its lines broke early"
        );
        let short = "x".repeat(50);
        assert!(!is_soft_break(&short, "a b", 70), "well short of the width");
        assert!(!is_soft_break("Short last line.", "Next paragraph", 70));
        assert!(!is_soft_break(&full, "", 70));
        assert!(!is_soft_break(&full, "  indented quotation", 70));
        assert!(!is_soft_break(&full, "- a list item", 70));
        assert!(!is_soft_break(&full, "12. numbered item", 70));
        assert!(!is_soft_break(&full, "# Heading", 70));
    }

    /// A licence as plain-text books carry it: wrapped at 70, items a)–d) indented with
    /// their text hanging under the first line's.
    const LICENCE: &str = "\
Permission is granted to anyone to use this software for any purpose,
including commercial applications, and to alter it and redistribute it
freely, subject to the following restrictions which are listed below:

   a) The origin of this software must not be misrepresented; you must
      not claim that you wrote the original software. If you use this
      software in a product, an acknowledgment would be appreciated.
   b) Altered source versions must be plainly marked as such, and must
      not be misrepresented as being the original software at all.
   c) This notice may not be removed or altered from any distribution
      of the source, nor from any of the files that were part of it.

The author of these lines was, by his own account, only three-and-
twenty when it was written, and the licence has been used ever since
by a great many programs, large and small, all over the whole world.
";

    #[test]
    fn an_indented_wrapped_item_joins_into_one_paragraph_and_items_stay_apart() {
        let paragraphs = crate::text::Paragraphs::new(LICENCE);
        let shown: Vec<String> = paragraphs
            .iter()
            .map(|p| p.display_text(LICENCE).replace('\u{200B}', ""))
            .filter(|t| !t.trim().is_empty())
            .collect();
        let item = |letter: &str| {
            shown
                .iter()
                .find(|t| t.trim_start().starts_with(letter))
                .unwrap_or_else(|| panic!("{letter} in {shown:#?}"))
        };
        assert!(
            item("a)").ends_with("an acknowledgment would be appreciated."),
            "{shown:#?}"
        );
        assert!(
            !item("a)").contains("b)"),
            "the next item starts its own paragraph"
        );
        assert!(item("b)").ends_with("the original software at all."));
        assert!(
            item("c)").contains("distribution of the source"),
            "no run of spaces"
        );
        let last = shown.last().unwrap();
        assert!(last.contains("only three-and-twenty when"), "{last}");
        // Every char still stands where the file has it.
        assert_eq!(paragraphs.total_chars(), LICENCE.chars().count());
        for p in paragraphs.iter() {
            assert_eq!(p.display_text(LICENCE).chars().count(), p.char_len());
        }
    }
}
