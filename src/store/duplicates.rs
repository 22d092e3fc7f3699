//! Two annotations with one id in a notes file.
//!
//! Ids are unique in everything gloss writes, but a notes file edited by hand, or stitched
//! together from two synced copies, can repeat one. Merging by id would then fold the two into
//! one and lose the other, so on loading every later copy of an id gets a new id of its own —
//! derived from the old id and its place in the file, so that reading the same file twice
//! gives the same ids and a merge against it lines up — and the reader is told which.

use std::collections::HashSet;

use crate::annotation::Annotation;
use crate::link::Link;

/// An id that appeared more than once, and the new id one later copy was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    pub old: String,
    pub new: String,
}

impl std::fmt::Display for Renamed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (a repeated id, now {})", self.old, self.new)
    }
}

/// Gives every later copy of a repeated id a new, unused id (`<id>-copy<n>`), keeping file
/// order. Returns what was renamed (empty when every id was unique).
pub fn renumber(annotations: &mut [Annotation]) -> Vec<Renamed> {
    let mut taken: HashSet<String> = HashSet::with_capacity(annotations.len());
    let mut repeated = Vec::new();
    for (i, a) in annotations.iter().enumerate() {
        if !taken.insert(a.id.clone()) {
            repeated.push(i);
        }
    }
    let mut renamed = Vec::with_capacity(repeated.len());
    for i in repeated {
        let old = annotations[i].id.clone();
        let mut n = 2;
        let new = loop {
            let candidate = format!("{old}-copy{n}");
            if taken.insert(candidate.clone()) {
                break candidate;
            }
            n += 1;
        };
        annotations[i].id = new.clone();
        renamed.push(Renamed { old, new });
    }
    renamed
}

/// Links with a repeated id: the later copies get new ids (`<id>-copy<n>`), as annotations do.
/// Nobody is told: a link's id is never shown.
pub fn renumber_links(links: &mut [Link]) {
    let mut taken: HashSet<String> = links.iter().map(|l| l.id.clone()).collect();
    let mut seen: HashSet<String> = HashSet::with_capacity(links.len());
    for link in links.iter_mut() {
        if seen.insert(link.id.clone()) {
            continue;
        }
        let mut n = 2;
        let new = loop {
            let candidate = format!("{}-copy{n}", link.id);
            if taken.insert(candidate.clone()) {
                break candidate;
            }
            n += 1;
        };
        seen.insert(new.clone());
        link.id = new;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Color;
    use crate::corpus::Article;

    #[test]
    fn later_copies_get_new_ids_the_same_way_each_time() {
        let article = Article::from_text("a.txt", "one two three four".into(), None);
        let mut a = Annotation::new(&article, 0..3, Color::Yellow);
        a.id = "x".into();
        let mut b = a.clone();
        b.note = "second".into();
        let mut c = a.clone();
        c.id = "x-copy2".into(); // already taken by a third annotation
        let mut list = vec![a.clone(), b.clone(), c.clone(), b.clone()];
        let renamed = renumber(&mut list);
        let ids: Vec<&str> = list.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["x", "x-copy3", "x-copy2", "x-copy4"]);
        assert_eq!(renamed.len(), 2);
        let mut again = vec![a, b.clone(), c, b];
        renumber(&mut again);
        assert_eq!(again, list);
    }
}
