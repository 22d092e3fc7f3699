//! W3C Web Annotation Data Model, as JSON-LD (<https://www.w3.org/TR/annotation-model/>).
//!
//! One JSON array of annotations. The target's `source` is the article's file name (the corpus
//! folder is the reader's, so there is no better IRI), its selectors are a `TextQuoteSelector`
//! and a `TextPositionSelector` counted in chars of the current text — the same unit the model
//! uses (code points of the normalised text) — and the colour travels as `styleClass`. A note
//! becomes a `TextualBody` with purpose `commenting`, each tag one with purpose `tagging`.
//! An orphan (its passage is gone) is exported with its quote selector only, so nothing claims
//! a position that is not true.
//!
//! A link between two passages is an annotation of its own with motivation `linking`: its
//! `target` is the first passage and its `body` the second, each a `SpecificResource` (source,
//! selectors, and the id of the highlight it is, so an import into the same notes finds it);
//! the relation travels as `gloss:relation`, a term the `@context` declares, and the
//! link's note as a second, `commenting` body.

use serde_json::{Value, json};

use crate::annotation::{Annotation, PositionSelector, QuoteSelector};
use crate::link::{GLOSS_NS, Link};
use crate::workspace::Workspace;

/// The id an annotation is exported under: gloss's own UUIDs become `urn:uuid:` IRIs; any other
/// id (one that came with an imported annotation) is exported exactly as it came.
pub fn export_id(id: &str) -> String {
    if uuid::Uuid::try_parse(id).is_ok() && !id.contains(':') {
        format!("urn:uuid:{id}")
    } else {
        id.to_owned()
    }
}

/// One annotation as a JSON-LD object, with the given (current) selectors.
pub fn to_value(
    annotation: &Annotation,
    quote: &QuoteSelector,
    position: Option<PositionSelector>,
) -> Value {
    let selectors = selectors(quote, position);
    let mut value = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": export_id(&annotation.id),
        "type": "Annotation",
        "motivation": if annotation.note.is_empty() { "highlighting" } else { "commenting" },
        "created": annotation.created.to_string(),
        "modified": annotation.modified.to_string(),
        "target": {
            "source": annotation.article,
            "styleClass": annotation.color.name(),
            "selector": selectors,
        }
    });
    let mut bodies = Vec::new();
    if !annotation.note.is_empty() {
        bodies.push(json!({
            "type": "TextualBody",
            "value": annotation.note,
            "format": "text/plain",
            "purpose": "commenting",
        }));
    }
    for tag in &annotation.tags {
        bodies.push(json!({
            "type": "TextualBody",
            "value": tag,
            "purpose": "tagging",
        }));
    }
    match bodies.len() {
        0 => {}
        1 => value["body"] = bodies.remove(0),
        _ => value["body"] = Value::Array(bodies),
    }
    value
}

/// A quote selector, and a position selector when the passage is anchored.
fn selectors(quote: &QuoteSelector, position: Option<PositionSelector>) -> Vec<Value> {
    let mut selectors = vec![json!({
        "type": "TextQuoteSelector",
        "exact": quote.exact,
        "prefix": quote.prefix,
        "suffix": quote.suffix,
    })];
    if let Some(p) = position {
        selectors.push(json!({
            "type": "TextPositionSelector",
            "start": p.start,
            "end": p.end,
        }));
    }
    selectors
}

/// A PDF's page as a `FragmentSelector` (RFC 3778's `page=N`, the page's number in the
/// file), added beside the quote and position selectors of a passage on a paginated article.
fn add_page(selectors: &mut Value, page: Option<(usize, String)>) {
    if let (Some((n, _)), Some(list)) = (page, selectors.as_array_mut()) {
        list.push(json!({
            "type": "FragmentSelector",
            "conformsTo": "http://tools.ietf.org/rfc/rfc3778",
            "value": format!("page={n}"),
        }));
    }
}

/// One end of a link as a `SpecificResource` (`None` when its annotation is gone).
fn end_value(workspace: &Workspace, id: &str) -> Option<Value> {
    let annotation = workspace.notebook().get(id)?;
    let (quote, position) = workspace.current_selectors(annotation);
    let page = super::page_of(workspace, &annotation.article, position.as_ref());
    let mut value = json!({
        "id": export_id(id),
        "type": "SpecificResource",
        "source": annotation.article,
        "styleClass": annotation.color.name(),
        "selector": selectors(&quote, position),
    });
    add_page(&mut value["selector"], page);
    Some(value)
}

/// A link as a `linking` annotation (`None` when an end is gone: a link to nothing cannot
/// be described to another tool).
pub fn link_value(workspace: &Workspace, link: &Link) -> Option<Value> {
    let target = end_value(workspace, &link.from)?;
    let other = end_value(workspace, &link.to)?;
    let mut body = vec![other];
    if !link.note.is_empty() {
        body.push(json!({
            "type": "TextualBody",
            "value": link.note,
            "format": "text/plain",
            "purpose": "commenting",
        }));
    }
    Some(json!({
        "@context": ["http://www.w3.org/ns/anno.jsonld", { "gloss": GLOSS_NS }],
        "id": export_id(&link.id),
        "type": "Annotation",
        "motivation": "linking",
        "gloss:relation": link.relation.name(),
        "created": link.created.to_string(),
        "modified": link.modified.to_string(),
        "target": target,
        "body": if body.len() == 1 { body.remove(0) } else { Value::Array(body) },
    }))
}

/// All annotations as a pretty JSON array, sorted like the notes file, followed by the links
/// between them.
pub fn to_json(workspace: &Workspace, annotations: &[Annotation]) -> String {
    let mut sorted: Vec<&Annotation> = annotations.iter().collect();
    sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let ids: std::collections::HashSet<&str> = sorted.iter().map(|a| a.id.as_str()).collect();
    let mut links: Vec<&Link> = workspace
        .notebook()
        .links()
        .iter()
        .filter(|l| ids.contains(l.from.as_str()) && ids.contains(l.to.as_str()))
        .collect();
    links.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let array = Value::Array(
        sorted
            .into_iter()
            .map(|a| {
                let (quote, position) = workspace.current_selectors(a);
                let page = super::page_of(workspace, &a.article, position.as_ref());
                let mut value = to_value(a, &quote, position);
                add_page(&mut value["target"]["selector"], page);
                value
            })
            .chain(links.into_iter().filter_map(|l| link_value(workspace, l)))
            .collect(),
    );
    let mut out = serde_json::to_string_pretty(&array).expect("JSON values always serialise");
    out.push('\n');
    out
}
