//! The notes-panel filter: which annotations a reader wants to see. Every part that is set
//! must hold (text AND colours AND tags AND article AND note AND state); within colours and
//! within tags, any one listed is enough. Text is matched as search matches it (folded:
//! case, accents, quotes, white space) in the quote, the note and the tags.

use std::collections::BTreeSet;

use crate::annotation::{Annotation, Color};
use crate::search::fold_query;

/// Where an annotation stands in its article now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum State {
    /// Found where it was made, the text unchanged.
    Anchored,
    /// Found, but the quoted text changed since it was made.
    TextChanged,
    /// Its passage (or article) is gone.
    Unanchored,
}

impl State {
    pub const ALL: [State; 3] = [State::Anchored, State::TextChanged, State::Unanchored];

    pub fn label(self) -> &'static str {
        match self {
            State::Anchored => "anchored",
            State::TextChanged => "text changed",
            State::Unanchored => "unanchored",
        }
    }

    /// The state of an annotation, given whether it anchors now.
    pub fn of(annotation: &Annotation, anchored: bool) -> State {
        if !anchored {
            State::Unanchored
        } else if annotation.original_quote.is_some() {
            State::TextChanged
        } else {
            State::Anchored
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub text: String,
    /// Empty: any colour.
    pub colors: BTreeSet<Color>,
    /// Empty: any tags (or none).
    pub tags: BTreeSet<String>,
    pub article: Option<String>,
    /// `Some(true)`: only with a note; `Some(false)`: only without.
    pub has_note: Option<bool>,
    /// Empty: any state.
    pub states: BTreeSet<State>,
}

/// What the text filter looks in, folded once per annotation (the panel keeps these, so a
/// keystroke in the filter field folds the query only). No way back to positions is kept:
/// the filter only asks whether the text is there.
pub fn haystack(annotation: &Annotation) -> String {
    let mut text = String::with_capacity(annotation.quote.exact.len() + annotation.note.len() + 16);
    text.push_str(&annotation.quote.exact);
    text.push('\n');
    text.push_str(&annotation.note);
    for t in &annotation.tags {
        text.push('\n');
        text.push_str(t);
    }
    fold_query(&text, false)
}

impl Filter {
    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// The folded text query (computed once per filter change).
    pub fn folded_text(&self) -> String {
        fold_query(self.text.trim(), false)
    }

    /// Whether `annotation` (in `state`, its folded [`haystack`]) passes. `query` is
    /// [`Filter::folded_text`].
    pub fn keeps(&self, annotation: &Annotation, state: State, hay: &str, query: &str) -> bool {
        (self.colors.is_empty() || self.colors.contains(&annotation.color))
            && (self.tags.is_empty() || annotation.tags.iter().any(|t| self.tags.contains(t)))
            && self
                .article
                .as_ref()
                .is_none_or(|a| *a == annotation.article)
            && self
                .has_note
                .is_none_or(|want| want != annotation.note.trim().is_empty())
            && (self.states.is_empty() || self.states.contains(&state))
            && (query.is_empty()
                || memchr::memmem::find(hay.as_bytes(), query.as_bytes()).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;

    fn ann(color: Color, note: &str, tags: &[&str]) -> Annotation {
        let article = Article::from_text("a.txt", "Russia’s cyber café attacks".into(), None);
        let mut a = Annotation::new(&article, 0..14, color);
        a.note = note.into();
        a.tags = tags.iter().map(|t| t.to_string()).collect();
        a
    }

    fn keeps(f: &Filter, a: &Annotation, state: State) -> bool {
        f.keeps(a, state, &haystack(a), &f.folded_text())
    }

    #[test]
    fn parts_combine_with_and_lists_with_or() {
        let a = ann(Color::Green, "Check the CAFÉ claim", &["cyber", "uk"]);
        let mut f = Filter {
            text: "cafe".into(),
            ..Filter::default()
        };
        assert!(keeps(&f, &a, State::Anchored), "folded: CAFÉ = cafe");
        f.colors = [Color::Yellow, Color::Green].into();
        f.tags = ["uk".to_string(), "nato".to_string()].into();
        assert!(keeps(&f, &a, State::Anchored));
        f.has_note = Some(false);
        assert!(!keeps(&f, &a, State::Anchored), "it has a note");
        f.has_note = Some(true);
        f.states = [State::Unanchored].into();
        assert!(!keeps(&f, &a, State::Anchored));
        assert!(keeps(&f, &a, State::Unanchored));
        f.article = Some("b.txt".into());
        assert!(!keeps(&f, &a, State::Unanchored));
    }

    #[test]
    fn text_is_found_in_the_quote_and_the_tags_too() {
        let a = ann(Color::Blue, "", &["Disinformation"]);
        for q in ["russia's", "disinformation", "RUSSIA’S CYBER"] {
            let f = Filter {
                text: q.into(),
                ..Filter::default()
            };
            assert!(keeps(&f, &a, State::Anchored), "{q}");
        }
    }
}
