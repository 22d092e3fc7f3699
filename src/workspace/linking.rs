//! Linking two passages: the rules every front end shares.
//!
//! An end of a new link is either a highlight the reader picked or a selection; a selection
//! becomes a highlight first (trimmed as [`Workspace::highlight`] trims), unless a highlight
//! already covers exactly that passage — accepting a corresponding passage twice, or linking
//! a passage that was highlighted before, does not stack identical highlights. Highlights and
//! link go in as one [`Command::Batch`], so one undo removes all of them.

use std::ops::Range;

use super::{SelectionRefused, Workspace};
use crate::annotation::{Annotation, Color};
use crate::link::{Dismissal, Link, Relation};
use crate::notebook::Command;

/// One end of a link being made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// An existing annotation.
    Annotation(String),
    /// A passage of an article (a selection, or a corresponding passage found by compare).
    Passage {
        article: String,
        range: Range<usize>,
    },
}

/// A link made: its id and the annotations at its two ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linked {
    pub link: String,
    pub from: String,
    pub to: String,
}

impl Workspace {
    /// Links two passages with `relation` and `note` (one undo step, highlights included).
    /// New highlights get `color`.
    pub fn link(
        &mut self,
        from: End,
        to: End,
        relation: Relation,
        note: &str,
        color: Color,
    ) -> Result<Linked, SelectionRefused> {
        let mut commands = Vec::new();
        let from = self.end_annotation(from, color, &mut commands)?;
        let to = self.end_annotation(to, color, &mut commands)?;
        let link = Link::new(&from, &to, relation, note);
        let id = link.id.clone();
        commands.push(Command::link(link));
        self.apply(Command::Batch(commands))
            .map_err(SelectionRefused::Refused)?;
        Ok(Linked { link: id, from, to })
    }

    /// Accepts a corresponding passage found by compare: a link between the two passages
    /// (highlighted if they are not yet) — *same fact*, or *contradicts* for a pair whose
    /// details differ.
    pub fn accept_pair(
        &mut self,
        a: (&str, Range<usize>),
        b: (&str, Range<usize>),
        relation: Relation,
        color: Color,
    ) -> Result<Linked, SelectionRefused> {
        let end = |(article, range): (&str, Range<usize>)| End::Passage {
            article: article.to_owned(),
            range,
        };
        self.link(end(a), end(b), relation, "", color)
    }

    /// Dismisses a corresponding passage found by compare (remembered in the notes file).
    pub fn dismiss_pair(
        &mut self,
        a: (&str, Range<usize>),
        b: (&str, Range<usize>),
    ) -> Result<(), SelectionRefused> {
        let quote = |(article, range): &(&str, Range<usize>)| {
            self.corpus
                .article(article)
                .map(|x| x.slice(range.clone()).to_owned())
                .ok_or_else(|| SelectionRefused::NoArticle(article.to_string()))
        };
        let (qa, qb) = (quote(&a)?, quote(&b)?);
        let dismissal = Dismissal::new(a.0, &qa, b.0, &qb);
        self.apply(Command::Dismiss(Box::new(dismissal)))
            .map_err(SelectionRefused::Refused)
    }

    /// Whether the corresponding passage (`a`, `b`) was dismissed.
    pub fn is_pair_dismissed(&self, a: (&str, Range<usize>), b: (&str, Range<usize>)) -> bool {
        let quote = |(article, range): &(&str, Range<usize>)| {
            self.corpus
                .article(article)
                .map(|x| x.slice(range.clone()).to_owned())
        };
        match (quote(&a), quote(&b)) {
            (Some(qa), Some(qb)) => self
                .notebook()
                .is_dismissed(&Dismissal::key_for(a.0, &qa, b.0, &qb)),
            _ => false,
        }
    }

    /// The annotation for one end: the one named, the one already covering the passage, or
    /// a new highlight (its `Create` pushed onto `commands`).
    fn end_annotation(
        &self,
        end: End,
        color: Color,
        commands: &mut Vec<Command>,
    ) -> Result<String, SelectionRefused> {
        let (article, selection) = match end {
            End::Annotation(id) => {
                return match self.notebook().get(&id) {
                    Some(_) => Ok(id),
                    None => Err(SelectionRefused::Refused(
                        crate::notebook::Refused::NoSuchAnnotation(id),
                    )),
                };
            }
            End::Passage { article, range } => (article, range),
        };
        let range = self.trimmed_selection(&article, selection)?;
        if let Some(existing) = self.highlight_covering_exactly(&article, &range) {
            return Ok(existing);
        }
        let a = self
            .corpus
            .article(&article)
            .ok_or_else(|| SelectionRefused::NoArticle(article.clone()))?;
        let annotation = Annotation::new(a, range, color);
        let id = annotation.id.clone();
        commands.push(Command::create(annotation));
        Ok(id)
    }

    /// An annotation of `article` anchored at exactly `range`, if there is one.
    fn highlight_covering_exactly(&self, article: &str, range: &Range<usize>) -> Option<String> {
        self.notebook()
            .annotations()
            .iter()
            .find(|a| a.article == article && self.range_of(&a.id).as_ref() == Some(range))
            .map(|a| a.id.clone())
    }

    /// Where each end of a link is now: `(article, range)` when anchored, `None` when the
    /// end is dangling (its annotation gone or its passage lost).
    pub fn link_ends(&self, link: &Link) -> [Option<(&str, Range<usize>)>; 2] {
        [&link.from, &link.to].map(|id| {
            let a = self.notebook().get(id)?;
            Some((a.article.as_str(), self.range_of(id)?))
        })
    }
}
