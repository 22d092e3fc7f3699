//! Saved web pages (`.html`, `.htm`): the article extracted as Firefox's Reader View does
//! (`dom_smoothie`, a port of Mozilla's readability.js), then walked into blocks and inline
//! styles like a Markdown article. Title, byline, site name and publication date come from
//! the page's metadata. Nothing is fetched and nothing runs: scripts and styles are dropped,
//! images show as their alt text, links are only styled.
//!
//! A page where no article is found opens with the text of its whole body and a warning.
//! Extraction runs on a thread of its own with a large stack, so a hostile page (nesting a
//! hundred thousand deep) costs a warning, not the process.

use dom_query::NodeRef;

use super::{BlockKind, Builder, Document, Inline, Meta};

/// Stack for the extraction thread: deep enough for pathological nesting.
const STACK_BYTES: usize = 256 * 1024 * 1024;

/// Elements whose content is never shown.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "svg", "canvas", "iframe",
    "object", "embed", "video", "audio", "button", "select", "input", "textarea", "form",
];

/// Without an article: page furniture left out of the whole-body text as well.
const FURNITURE: &[&str] = &["nav", "footer", "aside", "menu"];

/// Longest one page may take to extract before it is shown as plain text instead. Pages a
/// parser handles badly (a hundred thousand `<div/>`, which HTML does not close) once took
/// minutes while the whole corpus waited; a real article takes well under a second.
pub const TIME_BUDGET: std::time::Duration = std::time::Duration::from_secs(10);

/// Pages larger than this are shown as their text, without a DOM: extraction holds about 55
/// times the page in memory (a 26 MB page peaked at 1.45 GB), and no article is this large.
pub const MAX_DOM_BYTES: usize = 4_000_000;

/// Pages from this size on are extracted one at a time (the corpus is read on every core):
/// three 3 MB pages at once would hold half a gigabyte.
const LARGE_PAGE_BYTES: usize = 1024 * 1024;

/// Held while a large page is extracted (see [`LARGE_PAGE_BYTES`]).
static LARGE_PAGE: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Extracts the article of a page (see the module documentation), within [`TIME_BUDGET`].
pub fn extract(source: &str) -> Document {
    extract_within(source, TIME_BUDGET)
}

/// [`extract`] with its time budget given: past it, the page is shown as its text with a
/// warning, and the extraction is left to finish on its thread (its result dropped).
pub fn extract_within(source: &str, budget: std::time::Duration) -> Document {
    if source.len() > MAX_DOM_BYTES {
        return text_only(
            source,
            format!(
                "this page is {}, larger than the {} gloss reads as a web page: showing its text \
                 only",
                crate::safe_file::megabytes(source.len() as u64),
                crate::safe_file::megabytes(MAX_DOM_BYTES as u64)
            ),
        );
    }
    let _one_at_a_time = (source.len() >= LARGE_PAGE_BYTES)
        .then(|| LARGE_PAGE.lock().unwrap_or_else(|p| p.into_inner()));
    let owned = source.to_owned();
    let (send, answer) = std::sync::mpsc::channel();
    let run = std::thread::Builder::new()
        .name(format!("{}-html", super::READER_THREAD))
        .stack_size(STACK_BYTES)
        .spawn(move || {
            let doc = std::panic::catch_unwind(|| extract_here(&owned));
            let _ = send.send(doc);
        });
    if run.is_err() {
        return text_only(source, "this page could not be read as a web page".into());
    }
    match answer.recv_timeout(budget) {
        Ok(Ok(doc)) => doc,
        Ok(Err(_)) => Document {
            warning: Some("this page could not be read as a web page".into()),
            ..Document::default()
        },
        Err(_) => text_only(
            source,
            format!(
                "this page took longer than {} s to read as a web page: showing its text only",
                budget.as_secs_f32()
            ),
        ),
    }
}

/// The page as its text (no DOM), with why.
fn text_only(source: &str, warning: String) -> Document {
    let mut b = Builder::default();
    b.push_collapsed(&strip_tags(source));
    let mut doc = b.finish(Meta::default());
    doc.warning = Some(warning);
    doc
}

/// Deepest nesting handed to the HTML parser: html5ever slows down with the square of the
/// depth (20,000 nested `div`s take two seconds to parse), and no real article nests past a
/// few hundred.
pub(super) const MAX_DEPTH: usize = 1_000;

/// Elements whose end tag HTML lets a page leave out (they are closed by the next sibling):
/// not counted as nesting.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "tbody", "thead", "tfoot",
    "colgroup", "rt", "rp",
];

/// Elements that never have content (`<br>`, `<img>`): never open.
const VOID: &[&str] = &[
    "br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "track",
    "wbr", "param",
];

/// How deep the page's elements nest, as the HTML parser will build them, estimated in one
/// pass over the bytes: a stack of open elements, as the parser keeps. Its rules, where they
/// differ from a naive count of tags:
///
/// - a self-closing slash means nothing on an HTML element (`<div/>` opens a div that stays
///   open); only void elements and elements inside `<svg>` or `<math>` close themselves;
/// - an end tag closes the nearest open element of its name, and every element opened after
///   it; an end tag with no open element of its name is ignored (`</br>` is even read as
///   `<br>`: it closes nothing);
/// - elements whose end tag may be left out are not counted.
///
/// Stops at `limit`.
pub(super) fn nesting_depth(source: &str, limit: usize) -> usize {
    let bytes = source.as_bytes();
    let mut open: Vec<String> = Vec::new();
    let mut foreign = 0usize; // open svg / math elements
    let mut max = 0usize;
    let mut i = 0;
    let name_at = |rest: &str| -> String {
        rest.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
            .collect::<String>()
            .to_ascii_lowercase()
    };
    while let Some(at) = memchr::memchr(b'<', &bytes[i..]) {
        i += at + 1;
        let rest = &source[i..];
        if let Some(closing) = rest.strip_prefix('/') {
            let name = name_at(closing);
            if let Some(k) = open.iter().rposition(|n| *n == name) {
                for closed in open.drain(k..) {
                    if closed == "svg" || closed == "math" {
                        foreign = foreign.saturating_sub(1);
                    }
                }
            }
        } else if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let name = name_at(rest);
            let self_closing = rest.find('>').is_some_and(|end| rest[..end].ends_with('/'));
            if VOID.contains(&name.as_str()) || OPTIONAL_END.contains(&name.as_str()) {
                continue;
            }
            if self_closing && (foreign > 0 || name == "svg" || name == "math") {
                continue;
            }
            if name == "svg" || name == "math" {
                foreign += 1;
            }
            open.push(name);
            max = max.max(open.len());
            if max >= limit {
                return max;
            }
        }
    }
    max
}

/// The text of a page without a DOM: tags dropped, script and style content left out,
/// entities for the common characters decoded. For pages too deep to parse.
pub(super) fn strip_tags(source: &str) -> String {
    let lower = source.to_ascii_lowercase();
    let mut out = String::with_capacity(source.len() / 2);
    let mut i = 0;
    while i < source.len() {
        let Some(at) = source[i..].find('<') else {
            out.push_str(&source[i..]);
            break;
        };
        out.push_str(&source[i..i + at]);
        i += at;
        let skip_to = ["script", "style"].iter().find_map(|t| {
            lower[i + 1..].starts_with(t).then(|| {
                lower[i..]
                    .find(&format!("</{t}"))
                    .map_or(source.len(), |e| i + e)
            })
        });
        let from = skip_to.unwrap_or(i);
        i = source[from..]
            .find('>')
            .map_or(source.len(), |e| from + e + 1);
        out.push(' ');
    }
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn extract_here(source: &str) -> Document {
    if nesting_depth(source, MAX_DEPTH) >= MAX_DEPTH {
        return text_only(
            source,
            format!(
                "this page nests its elements more than {MAX_DEPTH} deep: showing its text only"
            ),
        );
    }
    let cfg = dom_smoothie::Config {
        // Large pages are read whole (the limit of the articles' size applies before).
        max_elements_to_parse: 0,
        ..Default::default()
    };
    let mut reader = dom_smoothie::Readability::new(source, None, Some(cfg)).ok();
    // What the page says about itself, read before parsing (which rewrites the page): also
    // wanted when no article is found.
    let page_meta = reader.as_ref().map(|r| {
        let m = r.get_article_metadata(r.parse_json_ld());
        Meta {
            title: non_empty(&m.title),
            byline: m.byline.as_deref().and_then(non_empty),
            site: m.site_name.as_deref().and_then(non_empty),
            published: m.published_time.as_deref().and_then(non_empty),
        }
    });
    // As Reader View does: a page that does not look like an article is not forced into one.
    let parsed = reader
        .as_mut()
        .filter(|r| r.is_probably_readable())
        .and_then(|r| r.parse().ok());
    match parsed {
        Some(article) if !article.text_content.trim().is_empty() => {
            let page = dom_query::Document::from(article.content.as_ref());
            let mut b = Builder::default();
            headline_and_standfirst(&mut b, &article);
            walk(&page.root(), &mut b, &[]);
            let meta = Meta {
                title: non_empty(&article.title),
                byline: article.byline.as_deref().and_then(non_empty),
                site: article.site_name.as_deref().and_then(non_empty),
                published: article.published_time.as_deref().and_then(non_empty),
            };
            b.finish(meta)
        }
        _ => {
            let page = dom_query::Document::from(source);
            let mut b = Builder::default();
            match page.body() {
                Some(body) => walk(&body, &mut b, FURNITURE),
                None => walk(&page.root(), &mut b, FURNITURE),
            }
            let mut meta = page_meta.unwrap_or_default();
            if meta.title.is_none() {
                meta.title = non_empty(&page.select("title").text());
            }
            let mut doc = b.finish(meta);
            doc.warning = Some("no article was found in this page: showing all of its text".into());
            doc
        }
    }
}

/// The article opens as Reader View shows it: its headline (the page's title), then its
/// standfirst (the page's description) in bold — unless the article's own text already begins
/// with them (many pages repeat the headline; a page with no description gets its first
/// paragraph as excerpt, which is already there).
fn headline_and_standfirst(b: &mut Builder, article: &dom_smoothie::Article) {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let opening: String = words(&article.text_content.chars().take(4_000).collect::<String>());
    let title = words(&article.title);
    if !title.is_empty() && !opening.starts_with(&title) {
        b.start(BlockKind::Heading(1), 0, false);
        b.push_collapsed(&title);
        b.end();
    }
    let standfirst = article.excerpt.as_deref().map(words).unwrap_or_default();
    // Compared without punctuation and case: an excerpt is often the first paragraph
    // with its quotes or dashes normalised.
    let bare = |s: &str| {
        words(
            &s.chars()
                .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                .flat_map(char::to_lowercase)
                .collect::<String>(),
        )
    };
    if !standfirst.is_empty() && !bare(&opening).contains(&bare(&standfirst)) {
        b.start(BlockKind::Paragraph, 0, false);
        b.open(Inline::Strong);
        b.push_collapsed(&standfirst);
        b.close();
        b.end();
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// Where the walk is: list and quotation nesting, preformatted text, the next list number.
#[derive(Default)]
struct Context {
    lists: Vec<Option<u64>>,
    quotes: u8,
    pre: usize,
}

impl Context {
    fn depth(&self) -> u8 {
        (self.lists.len() as u8).saturating_add(self.quotes)
    }

    fn paragraph_kind(&self) -> BlockKind {
        if self.pre > 0 {
            BlockKind::Code
        } else if self.quotes > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    }
}

/// What leaving an element must undo.
enum Exit {
    Nothing,
    Block,
    Inline,
    List,
    Quote,
    Pre,
}

/// Walks `root` without recursion (pages nest deep), building blocks and styles.
pub(super) fn walk(root: &NodeRef<'_>, b: &mut Builder, also_skip: &[&str]) {
    let mut cx = Context::default();
    let mut stack: Vec<(NodeRef<'_>, Option<Exit>)> = vec![(*root, None)];
    while let Some((node, exit)) = stack.pop() {
        if let Some(exit) = exit {
            match exit {
                Exit::Nothing => {}
                Exit::Block => b.end(),
                Exit::Inline => b.close(),
                Exit::List => {
                    b.end();
                    cx.lists.pop();
                }
                Exit::Quote => {
                    b.end();
                    cx.quotes = cx.quotes.saturating_sub(1);
                }
                Exit::Pre => {
                    b.end();
                    cx.pre = cx.pre.saturating_sub(1);
                }
            }
            continue;
        }
        if node.is_text() {
            let text = node.text();
            if cx.pre > 0 {
                if !b.in_block() {
                    b.start(BlockKind::Code, cx.depth(), cx.quotes > 0);
                }
                b.push_raw(&text);
            } else if !text.trim().is_empty() || b.in_block() {
                if !b.in_block() {
                    b.start(cx.paragraph_kind(), cx.depth(), cx.quotes > 0);
                }
                b.push_collapsed(&text);
            }
            continue;
        }
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        if !node.is_element() && !node.is_document() {
            continue;
        }
        if SKIPPED.contains(&name.as_str()) || also_skip.contains(&name.as_str()) {
            continue;
        }
        let exit = match name.as_str() {
            "p" | "div" | "section" | "article" | "main" | "header" | "figure" | "figcaption"
            | "dt" | "dd" | "address" | "details" | "summary" | "caption" | "center" => {
                b.start(cx.paragraph_kind(), cx.depth(), cx.quotes > 0);
                Exit::Block
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.as_bytes()[1] - b'0';
                b.start(BlockKind::Heading(level), cx.depth(), cx.quotes > 0);
                Exit::Block
            }
            "ul" | "ol" => {
                b.end();
                let start = (name == "ol").then(|| {
                    node.attr("start")
                        .and_then(|s| s.trim().parse::<u64>().ok())
                        .unwrap_or(1)
                });
                cx.lists.push(start);
                Exit::List
            }
            "li" => {
                let number = cx.lists.last_mut().and_then(|n| {
                    let this = *n;
                    if let Some(k) = n {
                        *k += 1;
                    }
                    this
                });
                b.start(BlockKind::ListItem { number }, cx.depth(), cx.quotes > 0);
                Exit::Block
            }
            "blockquote" => {
                b.end();
                cx.quotes = cx.quotes.saturating_add(1);
                Exit::Quote
            }
            "pre" => {
                b.start(BlockKind::Code, cx.depth(), cx.quotes > 0);
                cx.pre += 1;
                Exit::Pre
            }
            "tr" => {
                let header = node
                    .children_it(false)
                    .any(|c| c.node_name().is_some_and(|n| n.eq_ignore_ascii_case("th")));
                b.start(BlockKind::TableRow { header }, cx.depth(), cx.quotes > 0);
                Exit::Block
            }
            "td" | "th" => {
                if b.in_block() {
                    b.table_cell();
                }
                Exit::Nothing
            }
            "hr" => {
                b.start(BlockKind::Rule, cx.depth(), cx.quotes > 0);
                b.end();
                continue;
            }
            "br" => {
                b.line_break();
                continue;
            }
            "img" => {
                if let Some(alt) = node.attr("alt").and_then(|a| non_empty(&a)) {
                    if !b.in_block() {
                        b.start(cx.paragraph_kind(), cx.depth(), cx.quotes > 0);
                    }
                    b.open(Inline::Emphasis);
                    b.push_collapsed(&alt);
                    b.close();
                }
                continue;
            }
            "em" | "i" | "cite" | "dfn" | "var" => {
                b.open(Inline::Emphasis);
                Exit::Inline
            }
            "strong" | "b" => {
                b.open(Inline::Strong);
                Exit::Inline
            }
            "code" | "kbd" | "samp" | "tt" if cx.pre == 0 => {
                b.open(Inline::Code);
                Exit::Inline
            }
            "s" | "del" | "strike" => {
                b.open(Inline::Strike);
                Exit::Inline
            }
            "a" => match node.attr("href") {
                Some(href) => {
                    b.open(Inline::Link(href.to_string()));
                    Exit::Inline
                }
                None => Exit::Nothing,
            },
            _ => Exit::Nothing,
        };
        stack.push((node, Some(exit)));
        let children: Vec<NodeRef<'_>> = node.children_it(true).collect();
        stack.extend(children.into_iter().map(|c| (c, None)));
    }
    b.end();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(description: &str, body: &str) -> String {
        let filler = "<p>The minister said the talks would continue next week, and that both \
                      sides had agreed to keep their embassies open while the inquiry ran.</p>"
            .repeat(6);
        format!(
            "<html><head><title>Talks go on</title>\
             <meta name=\"description\" content=\"{description}\"></head><body>\
             <article>{body}{filler}</article></body></html>"
        )
    }

    #[test]
    fn a_web_article_opens_with_its_headline_and_standfirst_once() {
        let standfirst = "Both sides agree to meet again after a first day of hard bargaining.";
        let d = extract(&page(
            standfirst,
            "<p>Officials met on Friday in Geneva.</p>",
        ));
        let got = d.block_texts();
        assert_eq!(got[0], (BlockKind::Heading(1), "Talks go on".into()));
        assert_eq!(got[1], (BlockKind::Paragraph, standfirst.into()));
        assert!(
            d.spans
                .iter()
                .any(|s| s.style == Inline::Strong && s.range == d.blocks[1].range),
            "the standfirst is set in bold"
        );
        assert_eq!(got[2].1, "Officials met on Friday in Geneva.");

        // A page whose article repeats its headline, and whose description is its first
        // paragraph (in other quotes): neither is shown twice.
        let first = "Officials met on “Friday” in Geneva.";
        let d = extract(&page(
            "Officials met on \"Friday\" in Geneva.",
            &format!("<h1>Talks go on</h1><p>{first}</p>"),
        ));
        let got = d.block_texts();
        assert_eq!(
            got[0],
            (BlockKind::Heading(1), "Talks go on".into()),
            "{got:?}"
        );
        assert_eq!(got[1].1, first, "{got:?}");
        assert_eq!(d.text.matches("Talks go on").count(), 1);
    }

    #[test]
    fn an_article_page_gives_its_text_blocks_and_metadata() {
        let filler = "<p>The minister said the talks would continue next week, and that both \
                      sides had agreed to keep their embassies open while the inquiry ran its course.</p>"
            .repeat(6);
        let page = format!(
            "<html><head><title>Talks go on | Example News</title>\
             <meta property=\"og:site_name\" content=\"Example News\">\
             <meta name=\"author\" content=\"Jo Reporter\">\
             <meta property=\"article:published_time\" content=\"2024-03-01T10:00:00Z\">\
             <script>alert('x')</script></head><body>\
             <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
             <article><h1>Talks go on</h1>\
             <p>Officials met on <em>Friday</em> in <a href=\"https://example.org/geneva\">Geneva</a>.</p>\
             {filler}<ul><li>first point</li><li>second point</li></ul>\
             <blockquote><p>We will not give up.</p></blockquote>\
             <img src=\"x.png\" alt=\"the delegates\"></article>\
             <footer>Copyright</footer></body></html>"
        );
        let d = extract(&page);
        assert!(d.warning.is_none(), "{:?}", d.warning);
        assert!(
            d.text.contains("Officials met on Friday in Geneva."),
            "{}",
            d.text
        );
        assert!(!d.text.contains("alert"), "no script text");
        assert!(
            !d.text.contains("Copyright") && !d.text.contains("Home"),
            "{}",
            d.text
        );
        assert_eq!(d.meta.site.as_deref(), Some("Example News"));
        assert_eq!(d.meta.byline.as_deref(), Some("Jo Reporter"));
        assert!(
            d.meta
                .published
                .as_deref()
                .is_some_and(|p| p.starts_with("2024-03-01"))
        );
        assert!(
            d.meta
                .title
                .as_deref()
                .is_some_and(|t| t.starts_with("Talks go on"))
        );
        let kinds: Vec<BlockKind> = d.blocks.iter().map(|b| b.kind).collect();
        assert!(
            kinds.contains(&BlockKind::ListItem { number: None }),
            "{kinds:?}"
        );
        assert!(kinds.contains(&BlockKind::Quote), "{kinds:?}");
        assert!(
            d.spans
                .iter()
                .any(|s| s.style == Inline::Link("https://example.org/geneva".into()))
        );
    }

    #[test]
    fn a_page_without_an_article_shows_its_body_with_a_warning() {
        let d = extract("<html><body><nav>menu</nav><p>Only a line.</p></body></html>");
        assert!(d.warning.is_some());
        assert!(d.text.contains("Only a line."));
        // Its metadata is still read.
        let d = extract(
            "<html><head><title>Short item | The Example Times</title>\
             <meta property=\"og:site_name\" content=\"The Example Times\">\
             <meta name=\"author\" content=\"Jane Doe\"></head>\
             <body><p>Only a line.</p></body></html>",
        );
        assert!(d.warning.is_some());
        assert_eq!(d.meta.site.as_deref(), Some("The Example Times"));
        assert_eq!(d.meta.byline.as_deref(), Some("Jane Doe"));
        assert!(d.meta.title.as_deref().unwrap().starts_with("Short item"));
    }

    #[test]
    fn unclosed_paragraphs_are_paragraphs_not_nesting() {
        let page = format!(
            "<html><head><title>Long</title></head><body><article>{}</article></body></html>",
            (0..3000)
                .map(|i| format!(
                    "<p>Paragraph {i} of a page that never closes its paragraphs, as HTML allows."
                ))
                .collect::<String>()
        );
        let d = extract(&page);
        assert!(d.warning.is_none(), "{:?}", d.warning);
        assert!(d.blocks.len() >= 3000, "{} blocks", d.blocks.len());
    }

    #[test]
    fn hostile_pages_open_without_hanging_or_crashing() {
        let deep = format!(
            "{}text{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let d = extract(&deep);
        assert!(d.text.contains("text") || d.warning.is_some());
        let links: String = (0..10_000)
            .map(|i| format!("<a href=\"/p{i}\">link {i}</a> "))
            .collect();
        let d = extract(&format!(
            "<html><body><p>{links}</p><p><b>broken <i>markup</p>"
        ));
        assert!(d.text.contains("link 9999") || d.warning.is_some());
    }

    /// `<div/>` opens a div that stays open (HTML ignores the slash), and `</br>` closes
    /// nothing: both nest a hundred thousand deep, which took minutes to parse.
    #[test]
    fn self_closed_divs_and_stray_end_tags_count_as_the_nesting_they_are() {
        for page in [
            format!("<html><body>{}text</body></html>", "<div/>".repeat(100_000)),
            format!(
                "<html><body>{}text</body></html>",
                "<div></br>".repeat(100_000)
            ),
            format!(
                "<html><body>{}text</body></html>",
                "<span/><b/>".repeat(50_000)
            ),
        ] {
            assert!(nesting_depth(&page, MAX_DEPTH) >= MAX_DEPTH);
            let started = std::time::Instant::now();
            let d = extract(&page);
            assert!(started.elapsed() < std::time::Duration::from_secs(8));
            assert!(d.text.contains("text"));
            assert!(
                d.warning.as_deref().is_some_and(|w| w.contains("deep")),
                "{:?}",
                d.warning
            );
        }
        // Inline SVG's self-closed shapes really are closed; real pages stay shallow.
        let svg = format!(
            "<html><body><p>A chart.</p><svg>{}</svg><p>After.</p></body></html>",
            "<path d=\"M0 0\"/>".repeat(5_000)
        );
        assert!(nesting_depth(&svg, MAX_DEPTH) < 10);
        let closed = "<div><span>a</span></div>".repeat(10_000);
        assert!(nesting_depth(&closed, MAX_DEPTH) <= 2);
    }

    #[test]
    fn a_page_over_its_time_budget_opens_as_text_with_a_warning() {
        // Deep enough to be slow to parse, shallow enough to be parsed.
        let page = format!(
            "<html><body>{}<p>The words of the page.</p>{}</body></html>",
            "<div>".repeat(900),
            "</div>".repeat(900)
        );
        let d = extract_within(&page, std::time::Duration::ZERO);
        assert!(d.text.contains("The words of the page."));
        assert!(
            d.warning
                .as_deref()
                .is_some_and(|w| w.contains("longer than")),
            "{:?}",
            d.warning
        );
    }

    #[test]
    fn a_page_too_large_for_a_dom_is_read_as_text() {
        let page = format!(
            "<html><body><p>Start.</p>{}<p>End.</p></body></html>",
            "<span>word</span> ".repeat(MAX_DOM_BYTES / 18 + 1)
        );
        assert!(page.len() > MAX_DOM_BYTES);
        let d = extract(&page);
        let text = d.text.trim();
        assert!(
            text.starts_with("Start.") && text.ends_with("End."),
            "{:?}",
            &text[text.len() - 40..]
        );
        assert!(
            d.warning
                .as_deref()
                .is_some_and(|w| w.contains("larger than"))
        );
    }
}
