//! Which corresponding passages are still *suggestions*: the rules the window's compare mode
//! and `gloss compare` share, so a pair the reader dismissed stays hidden in both.
//!
//! A pair is `Dismissed` when the notes hold a dismissal for its two quotes (by
//! [`crate::link::Dismissal::key_for`], which survives the passages moving); `Linked` when the
//! reader already linked exactly those two passages (it is no longer a suggestion, but it is
//! still a correspondence: the table lists it, an omission bar does not fall on it); `Open`
//! otherwise.

use std::ops::Range;

use super::Pair;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Open,
    Linked,
    Dismissed,
}

/// The status of pair `p` of articles `a` and `b`, given the notes' dismissals (`dismissed`,
/// asked by key) and links (`linked`, asked by the two passages, `a`'s first).
pub fn status(
    p: &Pair,
    (a, b): (&str, &str),
    dismissed: impl Fn(&str) -> bool,
    linked: impl Fn(&Range<usize>, &Range<usize>) -> bool,
) -> Status {
    if dismissed(&crate::link::Dismissal::key_for(
        a, &p.a.quote, b, &p.b.quote,
    )) {
        Status::Dismissed
    } else if linked(&(p.a.start..p.a.end), &(p.b.start..p.b.end)) {
        Status::Linked
    } else {
        Status::Open
    }
}

/// The pairs `gloss compare` prints: without the dismissed ones unless `all`.
pub fn shown(
    pairs: Vec<Pair>,
    (a, b): (&str, &str),
    dismissed: &std::collections::HashSet<String>,
    all: bool,
) -> Vec<Pair> {
    if all {
        return pairs;
    }
    pairs
        .into_iter()
        .filter(|p| status(p, (a, b), |k| dismissed.contains(k), |_, _| false) != Status::Dismissed)
        .collect()
}
