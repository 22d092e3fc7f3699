//! Links between passages — usually of two articles — made by the reader, and corresponding
//! passages the reader dismissed.
//!
//! A link joins two *annotations* (not two ranges): its ends then move with their highlights
//! when an article is edited and re-anchored, and deleting a highlight is one place to delete
//! its links too. A link whose end annotation is missing or lost its passage is kept and
//! shown as dangling, never dropped silently.

use serde::{Deserialize, Serialize};

use crate::annotation::{Timestamp, now};

/// The namespace of gloss's own terms in exported JSON-LD (`gloss:relation`).
pub const GLOSS_NS: &str = "https://w3id.org/gloss/ns#";

/// What the reader says one passage is to the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    SameFact,
    Agrees,
    Contradicts,
    AddsDetail,
    Quotes,
    Other,
}

impl Relation {
    /// In the order the link popup offers them.
    pub const ALL: [Relation; 6] = [
        Relation::SameFact,
        Relation::Agrees,
        Relation::Contradicts,
        Relation::AddsDetail,
        Relation::Quotes,
        Relation::Other,
    ];

    /// The name in the notes file and in exports (`same_fact`).
    pub fn name(self) -> &'static str {
        match self {
            Relation::SameFact => "same_fact",
            Relation::Agrees => "agrees",
            Relation::Contradicts => "contradicts",
            Relation::AddsDetail => "adds_detail",
            Relation::Quotes => "quotes",
            Relation::Other => "other",
        }
    }

    /// The name a reader reads (`same fact`).
    pub fn label(self) -> &'static str {
        match self {
            Relation::SameFact => "same fact",
            Relation::Agrees => "agrees",
            Relation::Contradicts => "contradicts",
            Relation::AddsDetail => "adds detail",
            Relation::Quotes => "quotes",
            Relation::Other => "other",
        }
    }

    /// Accepts the file name (`same_fact`), the label (`same fact`) and `same-fact`.
    pub fn from_name(name: &str) -> Option<Relation> {
        let wanted = name.trim().to_lowercase().replace([' ', '-'], "_");
        Relation::ALL.into_iter().find(|r| r.name() == wanted)
    }
}

/// A link from one annotation to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub id: String,
    /// Annotation id of the first passage (where the reader started the link).
    pub from: String,
    /// Annotation id of the second passage.
    pub to: String,
    pub relation: Relation,
    #[serde(default)]
    pub note: String,
    pub created: Timestamp,
    pub modified: Timestamp,
}

impl Link {
    pub fn new(from: &str, to: &str, relation: Relation, note: &str) -> Link {
        let at = now();
        Link {
            id: uuid::Uuid::new_v4().to_string(),
            from: from.to_owned(),
            to: to.to_owned(),
            relation,
            note: note.to_owned(),
            created: at,
            modified: at,
        }
    }

    /// Whether `annotation` is one of the link's ends.
    pub fn touches(&self, annotation: &str) -> bool {
        self.from == annotation || self.to == annotation
    }

    /// The end that is not `annotation` (`None` when `annotation` is not an end).
    pub fn other_end(&self, annotation: &str) -> Option<&str> {
        if self.from == annotation {
            Some(&self.to)
        } else if self.to == annotation {
            Some(&self.from)
        } else {
            None
        }
    }

    /// Deterministic order for the saved file.
    pub fn sort_key(&self) -> (Timestamp, &str) {
        (self.created, &self.id)
    }
}

/// A corresponding passage the reader dismissed in compare mode: it is not shown again.
///
/// Remembered by a key made from both articles and both passages' text, so the same
/// suggestion found again (on the next run, or with the panes swapped) is recognised; an
/// edit to either passage makes it a different suggestion, shown again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dismissal {
    pub key: String,
    /// The two articles, for the reader who opens the file.
    pub articles: (String, String),
    /// The start of the first passage, for the same reader.
    #[serde(default)]
    pub excerpt: String,
    pub created: Timestamp,
}

/// How many chars of the first passage a dismissal keeps as a reminder.
const EXCERPT_CHARS: usize = 60;

impl Dismissal {
    /// The dismissal of the pair (passage `quote_a` of `a`, passage `quote_b` of `b`).
    pub fn new(a: &str, quote_a: &str, b: &str, quote_b: &str) -> Dismissal {
        let ((first, first_quote), (second, _)) = ordered((a, quote_a), (b, quote_b));
        Dismissal {
            key: Dismissal::key_for(a, quote_a, b, quote_b),
            articles: (first.to_owned(), second.to_owned()),
            excerpt: first_quote.chars().take(EXCERPT_CHARS).collect(),
            created: now(),
        }
    }

    /// The key of a pair, the same whichever side is named first.
    pub fn key_for(a: &str, quote_a: &str, b: &str, quote_b: &str) -> String {
        let ((a, qa), (b, qb)) = ordered((a, quote_a), (b, quote_b));
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = format!("{a}\u{0}{}\u{0}{b}\u{0}{}", squash(qa), squash(qb));
        crate::text::bytes_hash(text.as_bytes())[..16].to_owned()
    }
}

/// A side: an article and a passage's text.
type Side<'a> = (&'a str, &'a str);

/// The two sides in a fixed order (by article, then text).
fn ordered<'a>(x: Side<'a>, y: Side<'a>) -> (Side<'a>, Side<'a>) {
    if x <= y { (x, y) } else { (y, x) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_read_back_from_any_spelling() {
        for r in Relation::ALL {
            assert_eq!(Relation::from_name(r.name()), Some(r));
            assert_eq!(Relation::from_name(r.label()), Some(r));
        }
        assert_eq!(
            Relation::from_name("Adds-Detail"),
            Some(Relation::AddsDetail)
        );
        assert_eq!(Relation::from_name("refutes"), None);
    }

    #[test]
    fn a_dismissal_is_the_same_whichever_pane_is_first() {
        let one = Dismissal::key_for("sky.txt", "Russia  said", "bbc.txt", "Moscow said");
        let two = Dismissal::key_for("bbc.txt", "Moscow said", "sky.txt", "Russia said");
        assert_eq!(one, two);
        let other = Dismissal::key_for("bbc.txt", "Moscow said.", "sky.txt", "Russia said");
        assert_ne!(one, other, "a changed passage is a new suggestion");
    }
}
