//! Reading W3C Web Annotation JSON and Hypothesis JSON into one shape.
//!
//! Accepted layouts: a single annotation, an array of them, a W3C `AnnotationCollection`
//! (with its `first` page embedded) or `AnnotationPage` (`items`), and a Hypothesis API
//! search result (`rows`). The two annotation formats differ mostly in names — W3C `body`
//! (`TextualBody`, purpose `tagging` for tags) and `target.source` vs Hypothesis `text`,
//! `tags` and `uri` — so one tolerant reader handles both.

use std::ops::Range;

use serde_json::Value;

use crate::annotation::{Color, Timestamp};
use crate::link::Relation;

/// One annotation as read from another tool.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Imported {
    pub id: Option<String>,
    /// `target.source` (W3C) or `uri` (Hypothesis).
    pub source: Option<String>,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    pub position: Option<Range<usize>>,
    pub note: String,
    pub tags: Vec<String>,
    pub color: Option<Color>,
    pub created: Option<Timestamp>,
    pub modified: Option<Timestamp>,
    /// For a link (motivation `linking`): the relation, and the second passage (the body).
    /// Then `end_id` is the first passage's highlight id (the target's) and the record's
    /// own passage fields describe that first passage.
    pub link: Option<ImportedLink>,
    /// The id of the highlight a passage is (a `SpecificResource`'s `id`).
    pub end_id: Option<String>,
}

/// The second passage of an imported link.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedLink {
    pub relation: Relation,
    pub to: Box<Imported>,
}

impl Imported {
    pub fn is_link(&self) -> bool {
        self.link.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(pub String);

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parses a file's text. Annotations without a quote selector (page notes, replies) are
/// skipped: there is no passage to attach them to. Returns the records and how many were
/// skipped.
pub fn parse(text: &str) -> Result<(Vec<Imported>, usize), ParseError> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        ParseError(format!(
            "not JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        ))
    })?;
    let items = annotation_values(&value);
    if items.is_empty() {
        return Err(ParseError(
            "no annotations found (expected a W3C annotation, array, AnnotationCollection or \
             AnnotationPage, or Hypothesis rows)"
                .into(),
        ));
    }
    let mut out = Vec::new();
    let mut skipped = 0;
    for item in items {
        match read_annotation(item) {
            Some(a) => out.push(a),
            None => skipped += 1,
        }
    }
    Ok((out, skipped))
}

/// The annotation objects inside whatever container the file uses.
fn annotation_values(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(items) => items.iter().filter(|v| v.is_object()).collect(),
        Value::Object(map) => {
            for key in ["rows", "items"] {
                if let Some(Value::Array(items)) = map.get(key) {
                    return items.iter().filter(|v| v.is_object()).collect();
                }
            }
            if let Some(first) = map.get("first").filter(|f| f.is_object()) {
                return annotation_values(first);
            }
            vec![value]
        }
        _ => Vec::new(),
    }
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// A value that may be one object or an array of them, as a list.
fn one_or_many(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    }
}

fn has_type(v: &Value, wanted: &str) -> bool {
    match v.get("type") {
        Some(Value::String(t)) => t == wanted,
        Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str() == Some(wanted)),
        _ => false,
    }
}

fn read_annotation(v: &Value) -> Option<Imported> {
    let mut out = Imported {
        id: str_of(v, "id")
            .or_else(|| str_of(v, "@id"))
            .map(str::to_owned),
        source: str_of(v, "uri").map(str::to_owned),
        created: str_of(v, "created").and_then(|t| t.parse().ok()),
        modified: str_of(v, "modified")
            .or_else(|| str_of(v, "updated"))
            .and_then(|t| t.parse().ok()),
        ..Imported::default()
    };
    if str_of(v, "motivation") == Some("linking") {
        return read_link(v, out);
    }
    // Targets: an object, a string (IRI only — no passage), or an array of either.
    let mut found_quote = false;
    for target in one_or_many(v.get("target")) {
        if let Some(source) = target.as_str() {
            out.source.get_or_insert_with(|| source.to_owned());
            continue;
        }
        if let Some(source) = str_of(target, "source") {
            out.source = Some(source.to_owned());
        }
        if let Some(class) = str_of(target, "styleClass") {
            out.color = Color::from_name(class);
        }
        for selector in one_or_many(target.get("selector")) {
            read_selector(selector, &mut out, &mut found_quote);
        }
        if found_quote {
            break;
        }
    }
    // Bodies: W3C TextualBody (tagging → tag), bodyValue; Hypothesis text and tags.
    let mut notes = Vec::new();
    if let Some(text) = str_of(v, "bodyValue").or_else(|| str_of(v, "text"))
        && !text.is_empty()
    {
        notes.push(text.to_owned());
    }
    for body in one_or_many(v.get("body")) {
        let value = body
            .as_str()
            .or_else(|| str_of(body, "value"))
            .unwrap_or_default();
        if value.is_empty() {
            continue;
        }
        if str_of(body, "purpose") == Some("tagging") {
            out.tags.push(value.to_owned());
        } else {
            notes.push(value.to_owned());
        }
    }
    out.note = notes.join("\n\n");
    // Hypothesis on a PDF (`urn:x-pdf:<fingerprint>`): positions count PDF.js's text layer,
    // not gloss's reflowed text, so the passage is found by its quote (and context) alone.
    if out
        .source
        .as_deref()
        .is_some_and(|s| s.starts_with("urn:x-pdf:"))
    {
        out.position = None;
    }
    if let Some(Value::Array(tags)) = v.get("tags") {
        out.tags
            .extend(tags.iter().filter_map(Value::as_str).map(str::to_owned));
    }
    found_quote.then_some(out)
}

/// A passage given as a `SpecificResource` (source, selectors, the highlight's id).
fn read_passage(v: &Value) -> Option<Imported> {
    let mut out = Imported {
        source: str_of(v, "source").map(str::to_owned),
        end_id: str_of(v, "id").map(str::to_owned),
        color: str_of(v, "styleClass").and_then(Color::from_name),
        ..Imported::default()
    };
    let mut found_quote = false;
    for selector in one_or_many(v.get("selector")) {
        read_selector(selector, &mut out, &mut found_quote);
    }
    found_quote.then_some(out)
}

/// A `linking` annotation: target and body are the two passages; the relation is
/// `gloss:relation` (or the expanded IRI; `other` when absent or unknown), a textual body is
/// the link's note.
fn read_link(v: &Value, mut out: Imported) -> Option<Imported> {
    let relation = str_of(v, "gloss:relation")
        .or_else(|| str_of(v, &format!("{}relation", crate::link::GLOSS_NS)))
        .and_then(Relation::from_name)
        .unwrap_or(Relation::Other);
    let from = one_or_many(v.get("target"))
        .into_iter()
        .find_map(read_passage)?;
    let mut to = None;
    let mut notes = Vec::new();
    for body in one_or_many(v.get("body")) {
        if has_type(body, "SpecificResource") || body.get("selector").is_some() {
            to = to.or_else(|| read_passage(body));
        } else if let Some(text) = body.as_str().or_else(|| str_of(body, "value")) {
            notes.push(text.to_owned());
        }
    }
    let to = to?;
    out.source = from.source;
    out.end_id = from.end_id;
    out.color = from.color;
    out.exact = from.exact;
    out.prefix = from.prefix;
    out.suffix = from.suffix;
    out.position = from.position;
    out.note = notes.join("\n\n");
    out.link = Some(ImportedLink {
        relation,
        to: Box::new(to),
    });
    Some(out)
}

fn read_selector(selector: &Value, out: &mut Imported, found_quote: &mut bool) {
    if has_type(selector, "TextQuoteSelector") {
        if let Some(exact) = str_of(selector, "exact") {
            out.exact = exact.to_owned();
            out.prefix = str_of(selector, "prefix").unwrap_or_default().to_owned();
            out.suffix = str_of(selector, "suffix").unwrap_or_default().to_owned();
            *found_quote = !exact.is_empty();
        }
    } else if has_type(selector, "TextPositionSelector") {
        let (start, end) = (
            selector.get("start").and_then(Value::as_u64),
            selector.get("end").and_then(Value::as_u64),
        );
        if let (Some(start), Some(end)) = (start, end)
            && start <= end
        {
            out.position = Some(start as usize..end as usize);
        }
    }
    // Selectors may refine each other (W3C `refinedBy`).
    if let Some(refined) = selector.get("refinedBy") {
        for s in one_or_many(Some(refined)) {
            read_selector(s, out, found_quote);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_w3c_collection_with_tags_and_colour() {
        let json = r#"{
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "AnnotationCollection",
            "first": { "type": "AnnotationPage", "items": [ {
                "id": "urn:uuid:1", "type": "Annotation",
                "body": [ {"type": "TextualBody", "value": "a note"},
                          {"type": "TextualBody", "value": "cyber", "purpose": "tagging"} ],
                "target": { "source": "http://x/a.txt", "styleClass": "green",
                    "selector": [ {"type": "TextQuoteSelector", "exact": "hello", "prefix": "a ", "suffix": " b"},
                                  {"type": "TextPositionSelector", "start": 2, "end": 7} ] }
            } ] } }"#;
        let (items, skipped) = parse(json).unwrap();
        assert_eq!(skipped, 0);
        let a = &items[0];
        assert_eq!(a.id.as_deref(), Some("urn:uuid:1"));
        assert_eq!(
            (a.exact.as_str(), a.prefix.as_str(), a.suffix.as_str()),
            ("hello", "a ", " b")
        );
        assert_eq!(a.position, Some(2..7));
        assert_eq!(a.note, "a note");
        assert_eq!(a.tags, ["cyber"]);
        assert_eq!(a.color, Some(Color::Green));
        assert_eq!(a.source.as_deref(), Some("http://x/a.txt"));
    }

    #[test]
    fn reads_hypothesis_rows_and_skips_page_notes() {
        let json = r#"{ "total": 2, "rows": [
            { "id": "Ab12Cd", "uri": "https://example.org/news/003_b.txt", "text": "my note",
              "tags": ["uk", "russia"], "updated": "2024-01-02T03:04:05.000000+00:00",
              "target": [ { "source": "https://example.org/news/003_b.txt", "selector": [
                  {"type": "RangeSelector", "startContainer": "/p[1]"},
                  {"type": "TextPositionSelector", "start": 10, "end": 20},
                  {"type": "TextQuoteSelector", "exact": "quoted text", "prefix": "", "suffix": ""} ] } ] },
            { "id": "PageNote", "uri": "https://example.org/x", "text": "no target", "target": [ {"source": "https://example.org/x"} ] }
        ] }"#;
        let (items, skipped) = parse(json).unwrap();
        assert_eq!((items.len(), skipped), (1, 1));
        let a = &items[0];
        assert_eq!(a.id.as_deref(), Some("Ab12Cd"));
        assert_eq!(a.note, "my note");
        assert_eq!(a.tags, ["uk", "russia"]);
        assert_eq!(a.position, Some(10..20));
        assert!(a.modified.is_some());
    }

    #[test]
    fn garbage_is_a_clear_error() {
        assert!(parse("{not json").unwrap_err().0.contains("line 1"));
        assert!(parse("42").is_err());
    }
}
