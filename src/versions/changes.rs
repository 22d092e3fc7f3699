//! What changed in an article since an earlier kept version: word-level changes as pairs of
//! char ranges (old, new) with their text, and a one-line summary — for `gloss diff` and the
//! compare-version view.

use std::ops::Range;

use serde::Serialize;

use super::{DiffMap, Version, VersionStore};
use crate::corpus::Article;
use crate::text::{Paragraphs, slice_chars};

/// One change: what stood at `old` in the earlier text and what stands at `new` now (an
/// insertion has an empty old side, a deletion an empty new one).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub old: Range<usize>,
    pub new: Range<usize>,
    pub old_text: String,
    pub new_text: String,
}

impl Change {
    /// "added", "removed" or "edited".
    pub fn kind(&self) -> &'static str {
        match (self.old.is_empty(), self.new.is_empty()) {
            (true, _) => "added",
            (_, true) => "removed",
            _ => "edited",
        }
    }
}

/// The changes from an earlier text to an article's current one.
#[derive(Debug, Clone)]
pub struct Changes {
    /// The earlier version.
    pub from: Version,
    pub old_text: String,
    pub changes: Vec<Change>,
}

impl Changes {
    /// "14 changes: 9 edited, 3 added, 2 removed" (or "no changes").
    pub fn summary(&self) -> String {
        if self.changes.is_empty() {
            return "no changes".into();
        }
        let count = |kind: &str| self.changes.iter().filter(|c| c.kind() == kind).count();
        let parts: Vec<String> = ["edited", "added", "removed"]
            .into_iter()
            .map(|k| (k, count(k)))
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| format!("{n} {k}"))
            .collect();
        let n = self.changes.len();
        format!(
            "{n} change{}: {}",
            if n == 1 { "" } else { "s" },
            parts.join(", ")
        )
    }
}

/// The changes between two texts, word by word.
pub fn between(old: &str, new: &str) -> Vec<Change> {
    let map = DiffMap::new(old, new);
    let (old_p, new_p) = (Paragraphs::new(old), Paragraphs::new(new));
    map.changes(old_p.total_chars(), new_p.total_chars())
        .into_iter()
        .map(|(o, n)| Change {
            old_text: slice_chars(old, &old_p, o.clone()).to_owned(),
            new_text: slice_chars(new, &new_p, n.clone()).to_owned(),
            old: o,
            new: n,
        })
        .collect()
}

/// The changes since the oldest kept version of `article` that still reads back (`None` when
/// none is kept, or the only one kept is the current text).
pub fn since_oldest(store: &VersionStore, article: &Article) -> Option<Changes> {
    store
        .versions_of(&article.file_name)
        .into_iter()
        .filter(|v| v.hash != article.hash)
        .find_map(|v| {
            let old_text = store.load(&v.hash)?;
            Some(Changes {
                changes: between(&old_text, &article.text),
                from: v,
                old_text,
            })
        })
}

/// The changes since one particular kept version.
pub fn since(store: &VersionStore, article: &Article, hash: &str) -> Option<Changes> {
    let from = store
        .versions_of(&article.file_name)
        .into_iter()
        .find(|v| v.hash == hash)?;
    let old_text = store.load(hash)?;
    Some(Changes {
        changes: between(&old_text, &article.text),
        from,
        old_text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_change_and_the_summary() {
        let one = |old: &str, new: &str| {
            let c = between(old, new);
            assert_eq!(c.len(), 1, "{c:?}");
            (c[0].kind(), c[0].old_text.clone(), c[0].new_text.clone())
        };
        assert_eq!(
            one("a b c\n", "a x c\n"),
            ("edited", "b".into(), "x".into())
        );
        assert_eq!(
            one("a b c\n", "a b c d\n"),
            ("added", "".into(), " d".into())
        );
        assert_eq!(
            one("a b c d\n", "a b c\n"),
            ("removed", " d".into(), "".into())
        );
        let old = "a b c d\n";
        let c = Changes {
            from: Version {
                article: "a.txt".into(),
                hash: String::new(),
                kept: crate::annotation::now(),
                chars: 0,
                bytes: 0,
            },
            old_text: old.into(),
            changes: between(old, "x b c d e\n"),
        };
        assert_eq!(c.summary(), "2 changes: 1 edited, 1 added");
    }
}
