//! Bringing notes written by older versions of gloss up to the current format.
//!
//! Each format version is parsed with the current types — fields added later carry
//! `#[serde(default)]` — and then passed through the steps from its version onwards. A fixture
//! of every old version lives in `tests/fixtures/` and is loaded by the tests, so a change that
//! breaks an old file fails there first.
//!
//! | version | change |
//! | --- | --- |
//! | 1 | first format |
//! | 2 | `article_hash` (content hash of the article), `tags`, `original_quote` |
//! | 3 | top-level `links` (between annotations) and `dismissed` (compare suggestions set aside) |

use crate::annotation::Annotation;
use crate::notes::Notes;

/// Upgrades notes parsed from a file of format `version`.
pub fn to_current(version: u32, mut notes: Notes) -> Notes {
    if version < 2 {
        notes.annotations = v1_to_v2(notes.annotations);
    }
    if version < 3 {
        notes = v2_to_v3(notes);
    }
    notes
}

/// Version 2 had no links or dismissals: a `links` list in such a file was not written by
/// gloss and is not trusted.
fn v2_to_v3(notes: Notes) -> Notes {
    Notes::from_annotations(notes.annotations)
}

/// Version 1 did not record which text an annotation was made on: the hash stays empty (so
/// anchoring verifies the quote instead of trusting the hash), and there were no tags.
fn v1_to_v2(annotations: Vec<Annotation>) -> Vec<Annotation> {
    annotations
        .into_iter()
        .map(|mut a| {
            a.article_hash.clear();
            a.tags.clear();
            a.original_quote = None;
            a
        })
        .collect()
}
