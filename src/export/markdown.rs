//! Markdown export: one section per article, in reading order, each highlight as a block quote
//! followed by its note and its links ("↔ contradicts: “…” — other article") — something a
//! reader can paste into a report.

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
        let page = super::page_of(workspace, &a.article, position.as_ref());
        let place = match (position, page) {
            (Some(p), Some((_, label))) => format!("p. {label}, chars {}–{}", p.start, p.end),
            (Some(p), None) => format!("chars {}–{}", p.start, p.end),
            (None, _) => "passage no longer in the article".into(),
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
        let mut any_link = false;
        for link in workspace.notebook().links_of(&a.id) {
            let Some(other) = link
                .other_end(&a.id)
                .and_then(|id| workspace.notebook().get(id))
            else {
                continue;
            };
            let title = match corpus.article(&other.article) {
                Some(article) if !article.title.is_empty() => article.title.clone(),
                _ => other.article.clone(),
            };
            let (quote, _) = workspace.current_selectors(other);
            let quote: String = quote.exact.split_whitespace().collect::<Vec<_>>().join(" ");
            let _ = write!(
                out,
                "- ↔ {}: “{}” — {title}",
                link.relation.label(),
                shorten(&quote, 200)
            );
            if !link.note.is_empty() {
                let _ = write!(out, " ({})", link.note.trim().replace('\n', " "));
            }
            out.push('\n');
            any_link = true;
        }
        if any_link {
            out.push('\n');
        }
    }
    out
}

/// At most `max` chars of `text`, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max).collect();
    cut.push('…');
    cut
}
