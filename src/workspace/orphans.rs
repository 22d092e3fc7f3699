//! Why an annotation is unanchored — article missing, words gone, or words standing where
//! nothing decides between them ([`crate::anchor::orphan`]) — for the notes panel, which
//! offers the places to re-attach to, and for `gloss check`.

use super::{ArticleProblem, Workspace};
use crate::anchor::orphan::{self, Orphaned};

/// Why an annotation has no place in its article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrphanReason {
    /// No file of that name in the corpus (or a name gloss refuses).
    ArticleMissing(ArticleProblem),
    /// The article is there; see [`Orphaned`].
    InArticle(Orphaned),
}

impl std::fmt::Display for OrphanReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OrphanReason::ArticleMissing(ArticleProblem::Missing) => {
                write!(f, "its article is not in the corpus folder")
            }
            OrphanReason::ArticleMissing(ArticleProblem::Refused) => {
                write!(f, "its article's name points outside the corpus folder")
            }
            OrphanReason::InArticle(why) => why.fmt(f),
        }
    }
}

impl Workspace {
    /// Why annotation `id` is unanchored; `None` when it is anchored (or unknown).
    pub fn orphan_reason(&self, id: &str) -> Option<OrphanReason> {
        let a = self.notebook.get(id)?;
        if let Some(problem) = self.article_problem(&a.article) {
            return Some(OrphanReason::ArticleMissing(problem));
        }
        if self.range_of(id).is_some() {
            return None;
        }
        let article = self.corpus.article(&a.article)?;
        Some(OrphanReason::InArticle(orphan::why(
            article,
            &a.quote.exact,
        )))
    }
}
