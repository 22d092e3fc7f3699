//! The correspondence table: two articles as aligned rows — a sentence (or run) of one beside
//! its counterpart in the other — with the sentences that have no counterpart on rows of
//! their own (the omissions), in the order of either article. The window's *View ▸
//! Correspondences* and `gloss compare --format csv|markdown` both read it, so what a reader
//! exports is what they saw.
//!
//! Rows follow one article's sentences. The other article's omissions are placed after the
//! row of the pair just before them in that article (so an omission stands near what
//! surrounds it in its own text), or at the top when nothing of theirs comes before.

use std::ops::Range;

use super::{Pair, overlap, sentences};

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
    let sides = |p: &Pair| (p.a.start..p.a.end, p.b.start..p.b.end);
    let ranges: Vec<(Range<usize>, Range<usize>)> = match order {
        Order::A => pairs.iter().map(sides).collect(),
        Order::B => pairs.iter().map(|p| (sides(p).1, sides(p).0)).collect(),
    };
    let (lead, follow) = match order {
        Order::A => (a, b),
        Order::B => (b, a),
    };
    let rows = aligned(&sentences::split(lead), &sentences::split(follow), &ranges);
    match order {
        Order::A => rows,
        Order::B => rows
            .into_iter()
            .map(|r| Row {
                a: r.b,
                b: r.a,
                pair: r.pair,
            })
            .collect(),
    }
}

/// Rows in the order of the leading article (`lead`'s sentences), `pairs` as (lead, follow).
fn aligned(
    lead: &[Range<usize>],
    follow: &[Range<usize>],
    pairs: &[(Range<usize>, Range<usize>)],
) -> Vec<Row> {
    // Whether sentence `s` of the leading (`lead_side`) or following article has a pair.
    let covered = |s: &Range<usize>, lead_side: bool| {
        pairs
            .iter()
            .any(|p| overlap(if lead_side { &p.0 } else { &p.1 }, s) > 0)
    };
    // Each omission of the following article goes after the pair nearest before it there.
    let mut after: Vec<Vec<Range<usize>>> = vec![Vec::new(); pairs.len()];
    let mut top: Vec<Range<usize>> = Vec::new();
    for s in follow.iter().filter(|s| !covered(s, false)) {
        let before = pairs
            .iter()
            .enumerate()
            .filter(|(_, p)| p.1.end <= s.start)
            .max_by_key(|(_, p)| (p.1.end, std::cmp::Reverse(p.1.start)))
            .map(|(i, _)| i);
        match before {
            Some(i) => after[i].push(s.clone()),
            None => top.push(s.clone()),
        }
    }
    let only_follow = |s: Range<usize>| Row {
        a: None,
        b: Some(s),
        pair: None,
    };
    let mut rows: Vec<Row> = top.into_iter().map(only_follow).collect();
    let mut shown = vec![false; pairs.len()];
    // Pairs that begin before a sentence, or in no sentence at all, still get their row.
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    order.sort_by_key(|&i| (pairs[i].0.start, pairs[i].1.start));
    let mut next = 0;
    for s in lead {
        while next < order.len() && pairs[order[next]].0.start < s.end {
            let i = order[next];
            next += 1;
            if !shown[i] {
                shown[i] = true;
                rows.push(Row {
                    a: Some(pairs[i].0.clone()),
                    b: Some(pairs[i].1.clone()),
                    pair: Some(i),
                });
                rows.extend(after[i].drain(..).map(only_follow));
            }
        }
        if !covered(s, true) {
            rows.push(Row {
                a: Some(s.clone()),
                b: None,
                pair: None,
            });
        }
    }
    for &i in &order[next..] {
        rows.push(Row {
            a: Some(pairs[i].0.clone()),
            b: Some(pairs[i].1.clone()),
            pair: Some(i),
        });
        rows.extend(after[i].drain(..).map(only_follow));
    }
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
        let b = "Gamma drei. Delta vier. Alpha eins.";
        // Alpha ↔ Alpha, Gamma ↔ Gamma; Beta and Delta have no counterpart.
        let pairs = [pair(0..10, 24..35), pair(21..33, 0..11)];
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
                "Gamma three. | Gamma drei.",
                // Delta follows Gamma in B.
                "- | Delta vier.",
            ]
        );
        assert_eq!(
            table(Order::B),
            [
                "Gamma three. | Gamma drei.",
                "- | Delta vier.",
                "Alpha one. | Alpha eins.",
                "Beta two. | -",
            ]
        );
    }
}
