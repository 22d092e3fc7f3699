//! Tags on highlights: what a tag may be, which are in use, and renaming, merging or deleting
//! one everywhere at once — each a single notebook command (a [`Command::Batch`] of one
//! `SetTags` per annotation touched), so one undo takes the whole change back.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::annotation::Annotation;
use crate::notebook::Command;

pub use crate::annotation::{normalise_tag as normalise, normalise_tags as normalise_all};

/// Every tag in use, with how many annotations carry it, sorted by name.
pub fn in_use(annotations: &[Arc<Annotation>]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for a in annotations {
        for t in &a.tags {
            *out.entry(t.clone()).or_default() += 1;
        }
    }
    out
}

/// How tags are listed for the reader: alphabetically as a reader means it — case and
/// accents set aside ("cyber", "économie", "UK politics"), not by bytes, which put every
/// capitalised tag first; ties by bytes, so the order is total.
pub fn reading_order(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |t: &str| crate::search::fold_query(t, false);
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

/// The tags in use (see [`in_use`]) in [`reading_order`].
pub fn listed(in_use: &BTreeMap<String, usize>) -> Vec<(&str, usize)> {
    let mut out: Vec<(&str, usize)> = in_use.iter().map(|(t, &n)| (t.as_str(), n)).collect();
    out.sort_by(|x, y| reading_order(x.0, y.0));
    out
}

/// The command that renames tag `from` to `to` on every annotation carrying it. When `to` is
/// already in use this merges the two (an annotation with both keeps one). `None` when no
/// annotation carries `from` or `to` is empty.
pub fn rename(annotations: &[Arc<Annotation>], from: &str, to: &str) -> Option<Command> {
    let to = normalise(to)?;
    let commands: Vec<Command> = annotations
        .iter()
        .filter(|a| a.tags.iter().any(|t| t == from))
        .map(|a| Command::SetTags {
            id: a.id.clone(),
            tags: normalise_all(
                a.tags
                    .iter()
                    .map(|t| if t == from { to.as_str() } else { t.as_str() }),
            ),
        })
        .collect();
    (!commands.is_empty()).then_some(Command::Batch(commands))
}

/// The command that removes tag `tag` from every annotation (`None` when none carries it).
pub fn delete(annotations: &[Arc<Annotation>], tag: &str) -> Option<Command> {
    let commands: Vec<Command> = annotations
        .iter()
        .filter(|a| a.tags.iter().any(|t| t == tag))
        .map(|a| Command::SetTags {
            id: a.id.clone(),
            tags: a.tags.iter().filter(|t| *t != tag).cloned().collect(),
        })
        .collect();
    (!commands.is_empty()).then_some(Command::Batch(commands))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Color;
    use crate::corpus::Article;
    use crate::notebook::Notebook;

    fn notebook(tags: &[&[&str]]) -> Notebook {
        let article = Article::from_text("a.txt", "some words to tag here".into(), None);
        Notebook::new(
            tags.iter()
                .map(|t| {
                    let mut a = Annotation::new(&article, 0..4, Color::Yellow);
                    a.tags = t.iter().map(|s| s.to_string()).collect();
                    a
                })
                .collect(),
        )
    }

    fn all_tags(nb: &Notebook) -> Vec<Vec<String>> {
        let mut v: Vec<Vec<String>> = nb.annotations().iter().map(|a| a.tags.clone()).collect();
        v.sort();
        v
    }

    #[test]
    fn renaming_into_a_tag_in_use_merges_and_one_undo_takes_it_back() {
        let mut nb = notebook(&[&["cyber", "russia"], &["Cyber"], &["cyber"]]);
        let before = all_tags(&nb);
        let merge = rename(nb.annotations(), "Cyber", "cyber").unwrap();
        nb.apply(merge).unwrap();
        assert_eq!(in_use(nb.annotations()).get("cyber"), Some(&3));
        assert!(!in_use(nb.annotations()).contains_key("Cyber"));
        let rename_all = rename(nb.annotations(), "cyber", "  cyber  security ").unwrap();
        nb.apply(rename_all).unwrap();
        assert_eq!(in_use(nb.annotations()).get("cyber security"), Some(&3));
        nb.undo();
        nb.undo();
        assert_eq!(all_tags(&nb), before);
    }

    #[test]
    fn tags_are_listed_as_a_reader_sorts_them() {
        let in_use: BTreeMap<String, usize> = ["UK politics", "cyber", "économie", "Zeal", "apple"]
            .into_iter()
            .map(|t| (t.to_owned(), 1))
            .collect();
        let names: Vec<&str> = listed(&in_use).into_iter().map(|(t, _)| t).collect();
        assert_eq!(names, ["apple", "cyber", "économie", "UK politics", "Zeal"]);
    }

    #[test]
    fn deleting_a_tag_removes_it_everywhere_in_one_step() {
        let mut nb = notebook(&[&["a", "b"], &["b"], &["c"]]);
        nb.apply(delete(nb.annotations(), "b").unwrap()).unwrap();
        assert_eq!(
            all_tags(&nb),
            [vec![], vec!["a".to_string()], vec!["c".to_string()]]
        );
        nb.undo();
        assert_eq!(in_use(nb.annotations()).get("b"), Some(&2));
        assert!(delete(nb.annotations(), "zzz").is_none());
    }
}
