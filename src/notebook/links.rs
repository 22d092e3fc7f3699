//! The notebook's links and dismissals: looking them up (every frame, for connectors and the
//! notes panel) and keeping the index of which links end at which annotation.

use std::sync::Arc;

use super::Notebook;
use crate::annotation::Annotation;
use crate::link::{Dismissal, Link};
use crate::notes::Notes;
use crate::store::link_len;

/// The notes as they are at one moment, for a worker (the saver): annotations are shared
/// pointers, links and dismissals (few and small) are copied.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub annotations: Vec<Arc<Annotation>>,
    pub links: Vec<Link>,
    pub dismissed: Vec<Dismissal>,
}

impl Snapshot {
    /// A plain copy (costs a copy of each annotation: for the worker's thread).
    pub fn to_notes(&self) -> Notes {
        Notes {
            annotations: self.annotations.iter().map(|a| (**a).clone()).collect(),
            links: self.links.clone(),
            dismissed: self.dismissed.clone(),
        }
    }
}

impl Notebook {
    /// The notes as they are now, for a worker: cheap, and later changes here do not show
    /// in it.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            annotations: self.annotations.clone(),
            links: self.links.clone(),
            dismissed: self.dismissed.values().cloned().collect(),
        }
    }

    pub fn links(&self) -> &[Link] {
        &self.links
    }

    pub fn link(&self, id: &str) -> Option<&Link> {
        self.link_index.get(id).map(|&i| &self.links[i])
    }

    /// The links that end at an annotation, oldest first.
    pub fn links_of<'a>(&'a self, annotation: &str) -> impl Iterator<Item = &'a Link> + 'a {
        let mut found: Vec<&Link> = self
            .ends
            .get(annotation)
            .into_iter()
            .flatten()
            .filter_map(|id| self.link(id))
            .collect();
        found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        found.into_iter()
    }

    /// Whether a link has lost an end: its annotation is gone (deleted elsewhere).
    pub fn is_dangling(&self, link: &Link) -> bool {
        self.get(&link.from).is_none() || self.get(&link.to).is_none()
    }

    /// Whether the corresponding passage with this key ([`Dismissal::key_for`]) was dismissed.
    pub fn is_dismissed(&self, key: &str) -> bool {
        self.dismissed.contains_key(key)
    }

    pub fn dismissed(&self) -> impl Iterator<Item = &Dismissal> {
        self.dismissed.values()
    }

    /// Changes whenever a link or dismissal changes (or everything was replaced), so views
    /// rebuild connectors only then.
    pub fn links_revision(&self) -> u64 {
        self.links_revision
    }

    /// Sets the link with `id` to `value` (insert, replace or remove), keeping the indexes.
    pub(super) fn put_link(&mut self, id: &str, value: Option<Link>) {
        let index = self.link_index.get(id).copied();
        let old = index.map_or(0, |i| link_len(&self.links[i]));
        let new = value.as_ref().map_or(0, link_len);
        self.resize(old, new);
        if let Some(i) = index {
            let gone = self.links.swap_remove(i);
            self.link_index.remove(id);
            if let Some(moved) = self.links.get(i) {
                self.link_index.insert(moved.id.clone(), i);
            }
            for end in [&gone.from, &gone.to] {
                if let Some(ids) = self.ends.get_mut(end) {
                    ids.retain(|l| l != id);
                    if ids.is_empty() {
                        self.ends.remove(end);
                    }
                }
            }
        }
        if let Some(link) = value {
            for end in [&link.from, &link.to] {
                self.ends
                    .entry(end.clone())
                    .or_default()
                    .push(link.id.clone());
            }
            self.link_index.insert(link.id.clone(), self.links.len());
            self.links.push(link);
        }
    }
}
