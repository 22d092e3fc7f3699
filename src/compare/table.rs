//! The correspondence table: two articles as aligned rows — a sentence (or run) of one beside
//! its counterpart in the other — with the sentences that have no counterpart on rows of
//! their own (the omissions), in the order of either article. The window's *View ▸
//! Correspondences* and `gloss compare --format csv|markdown` both read it, so what a reader
//! exports is what they saw.
//!
//! Rows follow one article's sentences. The other article's omissions are placed after the
//! row of the pair just before them in that article (so an omission stands near what
//! surrounds it in its own text), or before the row of its first pair when nothing of theirs
//! comes before.

use std::ops::Range;

use super::{Pair, sentences};

/// Whose order the rows follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    #[default]
    A,
    B,
}

/// One row: a pair (`pair` indexes the pairs given), or a sentence of one article with no
/// counterpart (the other side `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub a: Option<Range<usize>>,
    pub b: Option<Range<usize>>,
    pub pair: Option<usize>,
}

/// The rows for articles `a` and `b` and their `pairs`, in the order of `order`'s article.
pub fn rows(a: &str, b: &str, pairs: &[Pair], order: Order) -> Vec<Row> {
    let ranges: Vec<(Range<usize>, Range<usize>)> = pairs
        .iter()
        .map(|p| (p.a.start..p.a.end, p.b.start..p.b.end))
        .collect();
    rows_from(&sentences::split(a), &sentences::split(b), &ranges, order)
}

/// [`rows`] from the two articles' sentences (computed once, off the window's thread) and
/// the pairs' ranges (`pair` in a row indexes `pairs`).
pub fn rows_from(
    sa: &[Range<usize>],
    sb: &[Range<usize>],
    pairs: &[(Range<usize>, Range<usize>)],
    order: Order,
) -> Vec<Row> {
    match order {
        Order::A => aligned(sa, sb, pairs),
        Order::B => {
            let swapped: Vec<(Range<usize>, Range<usize>)> =
                pairs.iter().map(|(a, b)| (b.clone(), a.clone())).collect();
            aligned(sb, sa, &swapped)
                .into_iter()
                .map(|r| Row {
                    a: r.b,
                    b: r.a,
                    pair: r.pair,
                })
                .collect()
        }
    }
}

/// Whether a range overlaps any of a set of ranges, in O(log n): the ranges sorted by start,
/// with the furthest end reached by each prefix.
struct Cover {
    starts: Vec<usize>,
    reach: Vec<usize>,
}

impl Cover {
    fn new<'a>(ranges: impl Iterator<Item = &'a Range<usize>>) -> Cover {
        let mut sorted: Vec<&Range<usize>> = ranges.filter(|r| !r.is_empty()).collect();
        sorted.sort_by_key(|r| r.start);
        let mut reach = Vec::with_capacity(sorted.len());
        let mut far = 0;
        for r in &sorted {
            far = far.max(r.end);
            reach.push(far);
        }
        Cover {
            starts: sorted.iter().map(|r| r.start).collect(),
            reach,
        }
    }

    fn overlaps(&self, s: &Range<usize>) -> bool {
        let n = self.starts.partition_point(|&start| start < s.end);
        n > 0 && self.reach[n - 1] > s.start
    }
}

/// Rows in the order of the leading article (`lead`'s sentences), `pairs` as (lead, follow).
fn aligned(
    lead: &[Range<usize>],
    follow: &[Range<usize>],
    pairs: &[(Range<usize>, Range<usize>)],
) -> Vec<Row> {
    let (lead_cover, follow_cover) = (
        Cover::new(pairs.iter().map(|p| &p.0)),
        Cover::new(pairs.iter().map(|p| &p.1)),
    );
    // Each omission of the following article goes after the pair nearest before it there:
    // the pairs by where they end in it (the earlier start first among equal ends).
    let mut by_end: Vec<usize> = (0..pairs.len()).collect();
    by_end.sort_by_key(|&i| (pairs[i].1.end, std::cmp::Reverse(pairs[i].1.start)));
    let mut after: Vec<Vec<Range<usize>>> = vec![Vec::new(); pairs.len()];
    // …or, with none before it, before the first pair after it there; with no pair at all,
    // at the end.
    let mut before: Vec<Vec<Range<usize>>> = vec![Vec::new(); pairs.len()];
    let mut last: Vec<Range<usize>> = Vec::new();
    let first_in_follow = (0..pairs.len()).min_by_key(|&i| (pairs[i].1.start, pairs[i].1.end));
    for s in follow.iter().filter(|s| !follow_cover.overlaps(s)) {
        let n = by_end.partition_point(|&i| pairs[i].1.end <= s.start);
        match (n.checked_sub(1).map(|k| by_end[k]), first_in_follow) {
            (Some(i), _) => after[i].push(s.clone()),
            (None, Some(i)) => before[i].push(s.clone()),
            (None, None) => last.push(s.clone()),
        }
    }
    let only_follow = |s: Range<usize>| Row {
        a: None,
        b: Some(s),
        pair: None,
    };
    let mut rows: Vec<Row> = Vec::new();
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    order.sort_by_key(|&i| (pairs[i].0.start, pairs[i].1.start));
    let mut next = 0;
    let mut emit = |i: usize, rows: &mut Vec<Row>| {
        rows.extend(std::mem::take(&mut before[i]).into_iter().map(only_follow));
        rows.push(Row {
            a: Some(pairs[i].0.clone()),
            b: Some(pairs[i].1.clone()),
            pair: Some(i),
        });
        rows.extend(std::mem::take(&mut after[i]).into_iter().map(only_follow));
    };
    for s in lead {
        // Pairs that begin before this sentence ends (or between sentences) come first.
        while next < order.len() && pairs[order[next]].0.start < s.end {
            emit(order[next], &mut rows);
            next += 1;
        }
        if !lead_cover.overlaps(s) {
            rows.push(Row {
                a: Some(s.clone()),
                b: None,
                pair: None,
            });
        }
    }
    for &i in &order[next..] {
        emit(i, &mut rows);
    }
    rows.extend(last.into_iter().map(only_follow));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{Kind, Side};

    fn pair(a: Range<usize>, b: Range<usize>) -> Pair {
        let side = |r: Range<usize>| Side {
            start: r.start,
            end: r.end,
            quote: String::new(),
        };
        Pair {
            a: side(a),
            b: side(b),
            score: 0.5,
            kind: Kind::Similar,
            differing: None,
        }
    }

    fn quote(text: &str, r: &Option<Range<usize>>) -> String {
        r.as_ref()
            .map(|r| text.chars().skip(r.start).take(r.len()).collect())
            .unwrap_or_else(|| "-".into())
    }

    #[test]
    fn rows_follow_either_article_with_omissions_near_their_context() {
        let a = "Alpha one. Beta two. Gamma three.";
        let b = "Omega null. Gamma drei. Delta vier. Alpha eins.";
        // Alpha ↔ Alpha, Gamma ↔ Gamma; Beta, Omega and Delta have no counterpart.
        let pairs = [pair(0..10, 36..47), pair(21..33, 12..23)];
        let table = |order| {
            rows(a, b, &pairs, order)
                .iter()
                .map(|r| format!("{} | {}", quote(a, &r.a), quote(b, &r.b)))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            table(Order::A),
            [
                "Alpha one. | Alpha eins.",
                "Beta two. | -",
                // Omega comes before Gamma in B, Delta after it.
                "- | Omega null.",
                "Gamma three. | Gamma drei.",
                "- | Delta vier.",
            ]
        );
        assert_eq!(
            table(Order::B),
            [
                "- | Omega null.",
                "Gamma three. | Gamma drei.",
                "- | Delta vier.",
                "Alpha one. | Alpha eins.",
                "Beta two. | -",
            ]
        );
    }
}
