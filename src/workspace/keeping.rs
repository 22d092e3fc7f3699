//! Keeping the texts the annotations are anchored to ([`crate::versions`]): after the notes
//! are saved (a new highlight, an import, a re-anchor after a change all end in a save) and
//! when a corpus is opened for writing. A background save keeps them on its own thread.

use std::sync::Arc;

use super::Workspace;
use crate::versions::VersionStore;

/// What to keep: each article some annotation is anchored to as it is now (name, text), and
/// every text hash an annotation refers to (those are never pruned).
pub(super) struct ToKeep {
    texts: Vec<(String, Arc<str>)>,
    referenced: Vec<String>,
}

impl ToKeep {
    /// Writes the versions not kept yet and prunes the ones nothing needs. Returns how many
    /// were written. Never touches the notes: a failure here only means fewer versions.
    pub(super) fn keep(self, store: &VersionStore) -> Result<usize, String> {
        let texts: Vec<(&str, &str)> = self
            .texts
            .iter()
            .map(|(name, text)| (name.as_str(), &**text))
            .collect();
        let written = store.keep_all(&texts)?;
        let referenced = self.referenced.iter().map(String::as_str).collect();
        store.prune(&referenced)?;
        Ok(written)
    }
}

impl Workspace {
    /// The corpus's kept versions.
    pub fn versions(&self) -> VersionStore {
        VersionStore::of_corpus(&self.corpus.root)
    }

    pub(super) fn to_keep(&self) -> ToKeep {
        let mut texts: Vec<(String, Arc<str>)> = Vec::new();
        let mut referenced: Vec<String> = Vec::new();
        for a in self.notebook.annotations() {
            if !a.article_hash.is_empty() && !referenced.contains(&a.article_hash) {
                referenced.push(a.article_hash.clone());
            }
            if let Some(article) = self.corpus.article(&a.article)
                && article.hash == a.article_hash
                && self.range_of(&a.id).is_some()
                && !texts.iter().any(|(name, _)| *name == article.file_name)
            {
                texts.push((article.file_name.clone(), article.text.clone()));
            }
        }
        ToKeep { texts, referenced }
    }

    /// Keeps the versions the annotations are anchored to now, on this thread (see the
    /// module documentation). Does nothing for a workspace that does not write.
    pub fn keep_versions(&self) -> Result<usize, String> {
        if !self.can_annotate() {
            return Ok(0);
        }
        self.to_keep().keep(&self.versions())
    }
}
