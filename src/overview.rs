//! The overview grid: who says what. Tags (then colours) as rows, articles as columns, the
//! number of highlights in each cell. A cell left empty where other articles have entries is
//! a possible omission — the thing a comparative reader looks for.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::annotation::{Annotation, Color};

/// What a row counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum RowKey {
    Tag(String),
    Color(Color),
}

impl RowKey {
    pub fn label(&self) -> String {
        match self {
            RowKey::Tag(t) => t.clone(),
            RowKey::Color(c) => format!("colour: {}", c.name()),
        }
    }

    /// Whether an annotation belongs to this row.
    pub fn holds(&self, annotation: &Annotation) -> bool {
        match self {
            RowKey::Tag(t) => annotation.tags.contains(t),
            RowKey::Color(c) => annotation.color == *c,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub key: RowKey,
    /// One count per article, in [`Grid::articles`] order.
    pub counts: Vec<usize>,
}

impl Row {
    /// Whether the cell of article `i` is a possible omission: empty while another article
    /// has entries in this row.
    pub fn omission(&self, i: usize) -> bool {
        self.counts.get(i) == Some(&0) && self.counts.iter().any(|&n| n > 0)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Grid {
    /// Article file names, the columns.
    pub articles: Vec<String>,
    pub rows: Vec<Row>,
}

/// The grid of `annotations` over `articles` (columns in that order): a row per tag in use
/// (sorted), then a row per colour in use. Annotations of other articles are not counted.
pub fn grid(articles: &[&str], annotations: &[Arc<Annotation>]) -> Grid {
    let column: BTreeMap<&str, usize> = articles.iter().enumerate().map(|(i, a)| (*a, i)).collect();
    let mut rows: BTreeMap<RowKey, Vec<usize>> = BTreeMap::new();
    for a in annotations {
        let Some(&i) = column.get(a.article.as_str()) else {
            continue;
        };
        let keys = a
            .tags
            .iter()
            .map(|t| RowKey::Tag(t.clone()))
            .chain(std::iter::once(RowKey::Color(a.color)));
        for key in keys {
            rows.entry(key).or_insert_with(|| vec![0; articles.len()])[i] += 1;
        }
    }
    let mut rows: Vec<Row> = rows
        .into_iter()
        .map(|(key, counts)| Row { key, counts })
        .collect();
    // Tags as a reader sorts them (case and accents aside), then the colours.
    rows.sort_by(|x, y| match (&x.key, &y.key) {
        (RowKey::Tag(a), RowKey::Tag(b)) => crate::tags::reading_order(a, b),
        (a, b) => a.cmp(b),
    });
    Grid {
        articles: articles.iter().map(|a| a.to_string()).collect(),
        rows,
    }
}

impl Grid {
    /// The tag rows only (the CSV grid).
    pub fn tag_rows(&self) -> impl Iterator<Item = (&str, &[usize])> {
        self.rows.iter().filter_map(|r| match &r.key {
            RowKey::Tag(t) => Some((t.as_str(), &r.counts[..])),
            RowKey::Color(_) => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;

    #[test]
    fn counts_per_tag_and_article_with_omissions() {
        let a = Article::from_text("a.txt", "one two three four".into(), None);
        let b = Article::from_text("b.txt", "one two three four".into(), None);
        let make = |art: &Article, tags: &[&str], color| {
            let mut x = Annotation::new(art, 0..3, color);
            x.tags = tags.iter().map(|t| t.to_string()).collect();
            Arc::new(x)
        };
        let list = vec![
            make(&a, &["cyber"], Color::Yellow),
            make(&a, &["cyber", "nato"], Color::Green),
            make(&b, &["nato"], Color::Yellow),
        ];
        let g = grid(&["a.txt", "b.txt", "c.txt"], &list);
        let tags: Vec<(&str, &[usize])> = g.tag_rows().collect();
        assert_eq!(tags, [("cyber", &[2, 0, 0][..]), ("nato", &[1, 1, 0][..])]);
        let cyber = &g.rows[0];
        assert!(cyber.omission(1) && cyber.omission(2) && !cyber.omission(0));
        let yellow = g
            .rows
            .iter()
            .find(|r| r.key == RowKey::Color(Color::Yellow))
            .unwrap();
        assert_eq!(yellow.counts, [1, 1, 0]);
    }
}
