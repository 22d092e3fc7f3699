//! Find in an article (`Ctrl+F`): the find bar's state, and the folded texts it searches.
//!
//! An article is folded for search ([`crate::search::fold`]) once, on a worker, and kept by
//! content hash (so a 2 MB article costs one fold, not one per keystroke); a keystroke then
//! searches the folded text (`memchr`, well under a millisecond for 2 MB). The current match
//! is also the pane's selection, so `H` and `N` highlight or note it as they do any selection.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::corpus::Article;
use crate::job::Job;
use crate::search::{self, Folded, Options};

/// The find bar, while open.
#[derive(Debug, Clone)]
pub struct FindBar {
    pub query: String,
    pub options: Options,
    /// The pane it searches (the active pane when it opened).
    pub pane: usize,
    /// The article searched (the bar follows the pane's article).
    pub article: String,
    /// Every match, sorted, not overlapping.
    pub matches: Arc<Vec<Range<usize>>>,
    /// Index of the current match.
    pub current: Option<usize>,
    /// Give the query field the keyboard on the next frame (taken by the bar when drawn).
    pub focus: std::cell::Cell<bool>,
    /// The article is being folded: matches come when it is ready.
    pub pending: bool,
}

impl FindBar {
    pub fn new(pane: usize, article: &str) -> FindBar {
        FindBar {
            query: String::new(),
            options: Options::default(),
            pane,
            article: article.to_owned(),
            matches: Arc::default(),
            current: None,
            focus: std::cell::Cell::new(true),
            pending: false,
        }
    }

    pub fn current_range(&self) -> Option<Range<usize>> {
        self.matches.get(self.current?).cloned()
    }

    /// "3 of 17", "no matches", or nothing for an empty query.
    pub fn status(&self) -> String {
        if self.query.trim().is_empty() {
            String::new()
        } else if self.pending {
            "…".into()
        } else if self.matches.is_empty() {
            "no matches".into()
        } else {
            format!(
                "{} of {}",
                self.current.map_or(0, |c| c + 1),
                self.matches.len()
            )
        }
    }

    /// Moves to the next (`by` > 0) or previous match, wrapping around.
    pub fn step(&mut self, by: i32) {
        let n = self.matches.len();
        if n == 0 {
            return;
        }
        self.current = Some(match self.current {
            None => 0,
            Some(c) => (c as i64 + by as i64).rem_euclid(n as i64) as usize,
        });
    }

    /// Searches `folded` again with the current query; the current match becomes the first
    /// at or after `from` (the top of the pane).
    pub fn search(&mut self, folded: &Folded, from: usize) {
        self.pending = false;
        self.matches = Arc::new(search::find_all(folded, &self.query, self.options));
        self.current = if self.matches.is_empty() {
            None
        } else {
            Some(
                self.matches
                    .partition_point(|m| m.start < from)
                    .min(self.matches.len() - 1),
            )
        };
    }
}

type FoldKey = (String, bool);

/// Folded texts by content hash and case mode, folded on a worker once each.
#[derive(Default)]
pub struct Folds {
    done: HashMap<FoldKey, Arc<Folded>>,
    running: Option<(FoldKey, Job<Folded>)>,
}

impl Folds {
    /// The folded text of an article, or `None` while it is being folded (the fold is started
    /// if it is not running).
    pub fn get(
        &mut self,
        article: &Article,
        match_case: bool,
        wake: &super::Waker,
    ) -> Option<Arc<Folded>> {
        let key = (article.hash.clone(), match_case);
        if let Some(f) = self.done.get(&key) {
            return Some(f.clone());
        }
        if self.running.as_ref().is_none_or(|(k, _)| *k != key) {
            let text = article.text.clone();
            let wake = wake.clone();
            let job = Job::spawn("Preparing the article for find", move |_| {
                let folded = search::fold(&text, match_case);
                wake();
                folded
            });
            self.running = Some((key, job));
        }
        None
    }

    /// Takes in a finished fold; returns whether one finished.
    pub fn poll(&mut self) -> bool {
        let Some((key, job)) = self.running.take() else {
            return false;
        };
        match job.try_take() {
            Some(Ok(folded)) => {
                // Keep a few: each is about five times its article's size.
                if self.done.len() >= 8 {
                    self.done.clear();
                }
                self.done.insert(key, Arc::new(folded));
                true
            }
            Some(Err(_)) => true,
            None => {
                self.running = Some((key, job));
                false
            }
        }
    }
}
