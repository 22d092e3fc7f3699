//! Markdown articles (CommonMark with tables and strikethrough, by `pulldown-cmark`): the text
//! as rendered — no `#`, `*`, backticks or link targets — with its blocks and styles. The
//! title is the first heading's text. Raw HTML in the Markdown is left out (nothing of it is
//! shown or run); an image shows as its alt text.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::{BlockKind, Builder, Document, Inline, Meta};

fn level(h: HeadingLevel) -> u8 {
    match h {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Renders a Markdown text.
pub fn render(source: &str) -> Document {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut b = Builder::default();
    // Where we are: list nesting (with the next number of each ordered list), quotations.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut quotes: u8 = 0;
    // An item's first paragraph is the item itself; later ones are plain paragraphs in it.
    let mut item_open = false;
    let mut in_code = false;
    let mut title: Option<String> = None;
    let mut heading_text: Option<String> = None;
    let mut image_depth = 0usize;
    let depth = |lists: &Vec<Option<u64>>, quotes: u8| (lists.len() as u8).saturating_add(quotes);
    for event in Parser::new_ext(source, options) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {
                    if item_open {
                        item_open = false; // the item's block is already open
                    } else {
                        let kind = if quotes > 0 {
                            BlockKind::Quote
                        } else {
                            BlockKind::Paragraph
                        };
                        b.start(kind, depth(&lists, quotes), quotes > 0);
                    }
                }
                Tag::Heading { level: l, .. } => {
                    b.start(
                        BlockKind::Heading(level(l)),
                        depth(&lists, quotes),
                        quotes > 0,
                    );
                    heading_text = title.is_none().then(String::new);
                }
                Tag::BlockQuote(_) => {
                    b.end();
                    quotes = quotes.saturating_add(1);
                }
                Tag::CodeBlock(_) => {
                    b.start(BlockKind::Code, depth(&lists, quotes), quotes > 0);
                    in_code = true;
                }
                Tag::List(start) => {
                    b.end();
                    lists.push(start);
                }
                Tag::Item => {
                    let number = lists.last_mut().and_then(|n| {
                        let this = *n;
                        if let Some(k) = n {
                            *k += 1;
                        }
                        this
                    });
                    b.start(
                        BlockKind::ListItem { number },
                        depth(&lists, quotes),
                        quotes > 0,
                    );
                    item_open = true;
                }
                Tag::TableHead => {
                    b.start(
                        BlockKind::TableRow { header: true },
                        depth(&lists, quotes),
                        quotes > 0,
                    );
                }
                Tag::TableRow => {
                    b.start(
                        BlockKind::TableRow { header: false },
                        depth(&lists, quotes),
                        quotes > 0,
                    );
                }
                Tag::TableCell if b.in_block() => b.table_cell(),
                Tag::Emphasis => b.open(Inline::Emphasis),
                Tag::Strong => b.open(Inline::Strong),
                Tag::Strikethrough => b.open(Inline::Strike),
                Tag::Link { dest_url, .. } => b.open(Inline::Link(dest_url.to_string())),
                Tag::Image { .. } => {
                    image_depth += 1;
                    b.open(Inline::Emphasis);
                }
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock => {
                    if let (TagEnd::Heading(_), Some(t)) = (end, heading_text.take()) {
                        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
                        if !t.is_empty() {
                            title = Some(t);
                        }
                    }
                    in_code = false;
                    b.end();
                }
                TagEnd::Item => {
                    item_open = false;
                    b.end();
                }
                TagEnd::List(_) => {
                    b.end();
                    lists.pop();
                }
                TagEnd::BlockQuote(_) => {
                    b.end();
                    quotes = quotes.saturating_sub(1);
                }
                TagEnd::TableHead => b.end(),
                TagEnd::TableRow | TagEnd::Table => b.end(),
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => {
                    b.close()
                }
                TagEnd::Image => {
                    image_depth = image_depth.saturating_sub(1);
                    b.close();
                }
                _ => {}
            },
            Event::Text(t) => {
                if in_code {
                    // (The code block's last line break is dropped when the block ends.)
                    b.push_raw(&t);
                } else {
                    if let Some(h) = heading_text.as_mut() {
                        h.push_str(&t);
                    }
                    b.push_raw(&t);
                }
            }
            Event::Code(t) => {
                b.open(Inline::Code);
                b.push_raw(&t);
                b.close();
                if let Some(h) = heading_text.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::SoftBreak => {
                b.push_raw(" ");
                if let Some(h) = heading_text.as_mut() {
                    h.push(' ');
                }
            }
            Event::HardBreak => b.line_break(),
            Event::Rule => {
                b.start(BlockKind::Rule, depth(&lists, quotes), quotes > 0);
                b.end();
            }
            // A task's box: a char of the text (copied as ☐/☑), drawn by the view as a box.
            Event::TaskListMarker(done) => b.push_raw(if done { "☑ " } else { "☐ " }),
            // Raw HTML is not shown and never run; footnote references and math are rare
            // in clippings and shown as nothing.
            _ => {}
        }
    }
    b.finish(Meta {
        title,
        ..Meta::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_lists_quotes_code_and_emphasis_lose_their_markup() {
        let md = "# A Markdown *article*\n\nSome **bold** and `code` with a [link](https://example.org).\n\n\
                  - one\n- two\n  1. inner\n\n> quoted\n> text\n\n```\nlet x = 1;\nlet y = 2;\n```\n\n---\n\n\
                  | a | b |\n|---|---|\n| 1 | 2 |\n\n![a chart](chart.png)\n";
        let d = render(md);
        assert_eq!(d.meta.title.as_deref(), Some("A Markdown article"));
        let got = d.block_texts();
        assert_eq!(got[0], (BlockKind::Heading(1), "A Markdown article".into()));
        assert_eq!(
            got[1],
            (
                BlockKind::Paragraph,
                "Some bold and code with a link.".into()
            )
        );
        assert_eq!(got[2], (BlockKind::ListItem { number: None }, "one".into()));
        assert_eq!(got[3], (BlockKind::ListItem { number: None }, "two".into()));
        assert_eq!(
            got[4],
            (BlockKind::ListItem { number: Some(1) }, "inner".into())
        );
        assert_eq!(got[5], (BlockKind::Quote, "quoted text".into()));
        assert_eq!(got[6], (BlockKind::Code, "let x = 1;\nlet y = 2;".into()));
        assert_eq!(got[7].0, BlockKind::Rule);
        assert_eq!(
            got[8],
            (BlockKind::TableRow { header: true }, "a\tb".into())
        );
        assert_eq!(
            got[9],
            (BlockKind::TableRow { header: false }, "1\t2".into())
        );
        assert_eq!(got[10].1, "a chart");
        assert!(!d.text.contains(['#', '*', '`', '[', '|']), "{:?}", d.text);
        let styles: Vec<(&Inline, String)> = d
            .spans
            .iter()
            .map(|s| {
                (
                    &s.style,
                    d.text
                        .chars()
                        .skip(s.range.start)
                        .take(s.range.len())
                        .collect(),
                )
            })
            .collect();
        assert!(
            styles.contains(&(&Inline::Strong, "bold".into())),
            "{styles:?}"
        );
        assert!(styles.contains(&(&Inline::Code, "code".into())));
        assert!(styles.contains(&(&Inline::Link("https://example.org".into()), "link".into())));
        assert!(styles.contains(&(&Inline::Emphasis, "article".into())));
    }

    #[test]
    fn table_cells_keep_their_columns_and_the_table_its_widths() {
        let md =
            "| a | bb |\n|---|---|\n| | x y |\n| ccc | |\n\nafter\n\n- [x] done\n- [ ] to do\n";
        let d = render(md);
        let got = d.block_texts();
        assert_eq!(got[0].1, "a\tbb");
        assert_eq!(got[1].1, "\tx y", "an empty first cell keeps its tab");
        assert_eq!(got[2].1, "ccc", "a trailing empty cell is nothing to show");
        assert_eq!(d.tables.len(), 1);
        assert_eq!(d.tables[0].rows, 0..3);
        assert_eq!(d.tables[0].widths, vec![3, 3]);
        assert_eq!(d.tables[0].words, vec![3, 2]);
        assert!(d.table_at(d.blocks[1].range.start).is_some());
        assert!(
            d.table_at(d.blocks[3].range.start).is_none(),
            "{:?}",
            got[3]
        );
        assert_eq!(got[4].1, "☑ done");
        assert_eq!(got[5].1, "☐ to do");
    }
}
