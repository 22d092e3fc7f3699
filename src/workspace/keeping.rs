//! Keeping the texts the annotations are anchored to ([`crate::versions`]): after the notes
//! are saved (a new highlight, an import, a re-anchor after a change all end in a save) and
//! when a corpus is opened for writing. A background save keeps them on its own thread.

use std::collections::HashSet;
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
    pub(super) fn keep(self, store: &VersionStore) -> Result<usize, crate::versions::VersionError> {
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
    /// The corpus's kept versions — once the versions being kept since opening are written
    /// (a wait only in the first moments after opening a corpus for the first time).
    pub fn versions(&self) -> VersionStore {
        self.wait_for_versions();
        VersionStore::of_corpus(&self.corpus.root)
    }

    /// The kept versions as they are on disk now, without waiting (what the window says on
    /// opening about a refused `.gloss` folder).
    pub fn versions_as_they_are(&self) -> VersionStore {
        VersionStore::of_corpus(&self.corpus.root)
    }

    /// Waits until the versions being kept since opening are written.
    pub fn wait_for_versions(&self) {
        if let Some(job) = &self.keeping {
            // Answered once; later calls return at once.
            let _ = job.wait_here();
        }
    }

    /// Keeps the versions the annotations are anchored to now, on a worker.
    pub(super) fn keep_versions_in_background(&mut self) {
        if !self.can_annotate() {
            return;
        }
        let (to_keep, store) = (self.to_keep(), self.versions_as_they_are());
        self.keeping = Some(crate::job::Job::spawn(
            "Keeping the articles' versions",
            move |_| {
                if let Err(e) = to_keep.keep(&store) {
                    log::warn!("versions not kept: {e}");
                }
            },
        ));
    }

    /// Runs on the UI thread before each background save: one pass over the annotations,
    /// sets for what was seen (ten thousand annotations over a hundred articles).
    pub(super) fn to_keep(&self) -> ToKeep {
        let mut texts: Vec<(String, Arc<str>)> = Vec::new();
        let mut seen_articles: HashSet<&str> = HashSet::new();
        let mut referenced: HashSet<&str> = HashSet::new();
        for a in self.notebook.annotations() {
            if !a.article_hash.is_empty() {
                referenced.insert(&a.article_hash);
            }
            if !seen_articles.contains(a.article.as_str())
                && let Some(article) = self.corpus.article(&a.article)
                && article.hash == a.article_hash
                && self.range_of(&a.id).is_some()
            {
                seen_articles.insert(&a.article);
                texts.push((article.file_name.clone(), article.text.clone()));
            }
        }
        ToKeep {
            texts,
            referenced: referenced.into_iter().map(str::to_owned).collect(),
        }
    }

    /// Keeps the versions the annotations are anchored to now, on this thread (see the
    /// module documentation). Does nothing for a workspace that does not write.
    pub fn keep_versions(&self) -> Result<usize, crate::versions::VersionError> {
        if !self.can_annotate() {
            return Ok(0);
        }
        let store = self.versions();
        self.to_keep().keep(&store)
    }
}
