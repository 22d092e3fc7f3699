//! Exporting notes for other tools: W3C Web Annotation JSON-LD, Markdown, and CSV (one row per
//! annotation, or the overview grid).
//!
//! Both exporters read the workspace (for titles and current positions) and a slice of
//! annotations and return a string;
//! writing it somewhere is the caller's business, so the CLI and the UI share them unchanged.

pub mod csv;
pub mod markdown;
pub mod w3c;

/// The export formats gloss writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    W3c,
    Markdown,
    /// One row per annotation.
    Csv,
    /// The overview grid: a row per tag, a count column per article.
    Grid,
}

impl Format {
    /// Picks the format from a file name's extension (`.md`/`.markdown` → Markdown, `.csv` →
    /// CSV, else W3C).
    pub fn from_path(path: &std::path::Path) -> Format {
        match path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .as_deref()
        {
            Some("md" | "markdown") => Format::Markdown,
            Some("csv") => Format::Csv,
            _ => Format::W3c,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::W3c => "json",
            Format::Markdown => "md",
            Format::Csv | Format::Grid => "csv",
        }
    }
}

/// The page a passage of `article` begins on, for a paginated article (a PDF): its number in
/// the file (from 1) and the label printed on it. `None` for other articles and for a passage
/// that is lost.
pub fn page_of(
    workspace: &crate::workspace::Workspace,
    article: &str,
    position: Option<&crate::annotation::PositionSelector>,
) -> Option<(usize, String)> {
    let doc = workspace.corpus.article(article)?.document.as_ref()?;
    let i = doc.page_index_at(position?.start)?;
    Some((i + 1, doc.pages[i].label.clone()))
}

/// Renders a workspace's annotations in the chosen format, with their positions in the
/// current article texts (orphans carry their quote only).
pub fn render(format: Format, workspace: &crate::workspace::Workspace) -> String {
    let annotations = &workspace.notebook().to_list()[..];
    match format {
        Format::W3c => w3c::to_json(workspace, annotations),
        Format::Markdown => markdown::to_markdown(workspace, annotations),
        Format::Csv => csv::to_csv(workspace, annotations),
        Format::Grid => csv::grid_csv(workspace),
    }
}
