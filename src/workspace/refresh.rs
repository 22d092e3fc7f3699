//! Taking in articles that changed on disk — in steps a worker thread can run, so that
//! reading a book-length file and placing ten thousand highlights again never freezes a
//! frame:
//!
//! 1. [`check_articles`] lists the folder and, if its signature changed, reads the corpus
//!    (worker; no workspace needed);
//! 2. [`AnchorJob::run`] places every highlight in the new texts, reporting progress (worker;
//!    works on a snapshot of the annotations);
//! 3. [`Workspace::finish_refresh`] swaps the new corpus and anchors in, in one step (UI
//!    thread). If the notes changed while the worker ran, their anchors are placed again here
//!    rather than trusting the snapshot's.
//!
//! [`Workspace::refresh_articles`] runs the three in a row, for the CLI and tests.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::{Workspace, anchor_in, moved_articles};
use crate::anchor::{Anchor, NormCache};
use crate::annotation::Annotation;
use crate::corpus::{Corpus, CorpusError, Signature};
use crate::job::Progress;

/// Reads the corpus again if the folder's signature differs from `known` (`None`: it does
/// not; one directory listing).
pub fn check_articles(root: &Path, known: &Signature) -> Result<Option<Corpus>, CorpusError> {
    if &Corpus::signature(root) == known {
        return Ok(None);
    }
    Corpus::load(root).map(Some)
}

/// Placing a snapshot of the annotations in a newly read corpus.
pub struct AnchorJob {
    corpus: Corpus,
    /// A snapshot (shared pointers: no copy on the UI thread).
    annotations: Vec<Arc<Annotation>>,
    /// Annotations whose article was renamed (same text): id → new name.
    moves: HashMap<String, String>,
    revision: u64,
}

/// The new corpus with every annotation placed in it, ready to be swapped in.
pub struct Anchored {
    corpus: Corpus,
    anchors: HashMap<String, Anchor>,
    norms: NormCache,
    revision: u64,
}

impl AnchorJob {
    pub fn len(&self) -> usize {
        self.annotations.len()
    }

    pub fn is_empty(&self) -> bool {
        self.annotations.is_empty()
    }

    pub fn run(self, progress: &Progress) -> Anchored {
        progress.restart(self.annotations.len());
        let mut norms = NormCache::for_corpus(&self.corpus.root);
        let mut anchors = HashMap::with_capacity(self.annotations.len());
        for annotation in &self.annotations {
            let anchor = match self.moves.get(&annotation.id) {
                Some(to) => {
                    let mut moved = (**annotation).clone();
                    moved.article = to.clone();
                    anchor_in(&self.corpus, &moved, &mut norms)
                }
                None => anchor_in(&self.corpus, annotation, &mut norms),
            };
            anchors.insert(annotation.id.clone(), anchor);
            progress.step();
        }
        Anchored {
            corpus: self.corpus,
            anchors,
            norms,
            revision: self.revision,
        }
    }
}

impl Workspace {
    /// What [`check_articles`] compares against.
    pub fn known_signature(&self) -> &Signature {
        &self.corpus.signature
    }

    /// A job placing the current annotations in `corpus` — with the moves
    /// [`Workspace::finish_refresh`] will make (an article renamed, same text) already made.
    pub fn anchor_job(&self, corpus: Corpus) -> AnchorJob {
        // Anchoring through a kept version needs the versions kept at opening.
        self.wait_for_versions();
        let annotations = self.notebook.snapshot().annotations;
        let moves = if self.can_annotate() {
            moved_articles(&corpus, &annotations).into_iter().collect()
        } else {
            HashMap::new()
        };
        AnchorJob {
            corpus,
            annotations,
            moves,
            revision: self.notebook.revision(),
        }
    }

    /// Swaps in a re-read corpus and its anchors; stored selectors then follow the new text.
    pub fn finish_refresh(&mut self, done: Anchored) {
        let unchanged = self.notebook.revision() == done.revision;
        self.corpus = done.corpus;
        self.norms = done.norms;
        self.reattach_moved_articles();
        if unchanged {
            self.anchors = done.anchors;
            self.generation += 1;
        } else {
            // Edited while the worker ran: the snapshot's anchors may be stale.
            self.reanchor_all();
        }
        self.follow_text();
    }

    /// Re-reads the corpus if an article file was edited, added, renamed or removed since it
    /// was loaded, and re-anchors every annotation against the new texts (stored selectors
    /// follow). Returns whether anything changed. All on this thread.
    pub fn refresh_articles(&mut self) -> Result<bool, CorpusError> {
        let Some(corpus) = check_articles(&self.corpus.root, &self.corpus.signature)? else {
            return Ok(false);
        };
        let done = self.anchor_job(corpus).run(&Progress::default());
        self.finish_refresh(done);
        Ok(true)
    }

    /// How many annotations could not be placed (orphans and missing articles).
    pub fn unplaced_count(&self) -> usize {
        self.notebook
            .annotations()
            .iter()
            .filter(|a| self.range_of(&a.id).is_none())
            .count()
    }
}
