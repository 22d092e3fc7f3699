//! W3C Web Annotation Data Model, as JSON-LD (<https://www.w3.org/TR/annotation-model/>).
//!
//! One JSON array of annotations. The target's `source` is the article's file name (the corpus
//! folder is the reader's, so there is no better IRI), its selectors are a `TextQuoteSelector`
//! and a `TextPositionSelector` counted in chars — the same unit the model uses (code points of
//! the normalised text) — and the colour travels as `styleClass`. A note becomes a
//! `TextualBody`; a plain highlight has no body.

use serde_json::{Value, json};

use crate::annotation::Annotation;

/// The id an annotation is exported under: gloss's UUIDs become `urn:uuid:` IRIs, ids that are
/// already IRIs (imported annotations) are kept as they are.
pub fn export_id(id: &str) -> String {
    if id.contains(':') {
        id.to_owned()
    } else {
        format!("urn:uuid:{id}")
    }
}

/// One annotation as a JSON-LD object.
pub fn to_value(annotation: &Annotation) -> Value {
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
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": annotation.quote.exact,
                    "prefix": annotation.quote.prefix,
                    "suffix": annotation.quote.suffix,
                },
                {
                    "type": "TextPositionSelector",
                    "start": annotation.position.start,
                    "end": annotation.position.end,
                }
            ]
        }
    });
    if !annotation.note.is_empty() {
        value["body"] = json!({
            "type": "TextualBody",
            "value": annotation.note,
            "format": "text/plain",
            "purpose": "commenting",
        });
    }
    value
}

/// All annotations as a pretty JSON array, sorted like the notes file.
pub fn to_json(annotations: &[Annotation]) -> String {
    let mut sorted: Vec<&Annotation> = annotations.iter().collect();
    sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let array = Value::Array(sorted.into_iter().map(to_value).collect());
    let mut out = serde_json::to_string_pretty(&array).expect("JSON values always serialise");
    out.push('\n');
    out
}
