//! Markdown export: one section per article, in reading order, each highlight as a block quote
//! followed by its note — something a reader can paste into a report.

use std::fmt::Write;

use crate::annotation::Annotation;
use crate::workspace::Workspace;

pub fn to_markdown(workspace: &Workspace, annotations: &[Annotation]) -> String {
    let corpus = &workspace.corpus;
    let mut sorted: Vec<&Annotation> = annotations.iter().collect();
    sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));

    let mut out = String::new();
    let _ = writeln!(out, "# Notes on {}\n", corpus.name());
    let mut current: Option<&str> = None;
    for a in sorted {
        if current != Some(a.article.as_str()) {
            current = Some(a.article.as_str());
            match corpus.article(&a.article) {
                Some(article) if !article.title.is_empty() => {
                    let _ = writeln!(out, "## {}\n", article.title);
                    let outlet = article
                        .outlet
                        .as_deref()
                        .map(|o| format!("{o} — "))
                        .unwrap_or_default();
                    let _ = writeln!(out, "*{outlet}`{}`*\n", a.article);
                }
                _ => {
                    let _ = writeln!(out, "## `{}`\n", a.article);
                }
            }
        }
        let (quote, position) = workspace.current_selectors(a);
        for line in quote.exact.lines() {
            let _ = writeln!(out, "> {line}");
        }
        let place = match position {
            Some(p) => format!("chars {}–{}", p.start, p.end),
            None => "passage no longer in the article".into(),
        };
        let tags = if a.tags.is_empty() {
            String::new()
        } else {
            format!(", tags: {}", a.tags.join(", "))
        };
        let _ = writeln!(out, ">\n> — {place}, {}{tags}\n", a.color.name());
        if !a.note.is_empty() {
            let _ = writeln!(out, "{}\n", a.note.trim_end());
        }
    }
    out
}
