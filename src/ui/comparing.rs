//! Compare mode in the window: the corresponding passages ([`crate::compare`]) of the articles
//! in neighbouring panes, computed on a worker, cached by the two texts' content hashes (so
//! scrolling, switching back and forth or reopening a pane costs nothing), and turned into the
//! faint marks the reading view draws under passages that have a counterpart.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use eframe::egui;

use crate::compare::{Pair, boilerplate::Boilerplate, compare_in_corpus};
use crate::corpus::Corpus;
use crate::job::Job;

type Key = (String, String);

#[derive(Default)]
pub struct Comparing {
    done: HashMap<Key, Arc<Vec<Pair>>>,
    running: Option<(Key, Job<Vec<Pair>>)>,
}

impl Comparing {
    /// Starts comparing the first neighbouring pair (by file name) not yet compared, if no
    /// comparison is running; takes in a finished one. Returns whether work is still running.
    pub fn update(
        &mut self,
        egui: &egui::Context,
        corpus: &Corpus,
        neighbours: &[(&str, &str)],
    ) -> bool {
        if let Some((key, job)) = self.running.take() {
            match job.try_take() {
                Some(result) => {
                    self.done.insert(key, Arc::new(result.unwrap_or_default()));
                }
                None => self.running = Some((key, job)),
            }
        }
        if self.running.is_none() {
            let next = neighbours.iter().find_map(|(a, b)| {
                let (a, b) = (corpus.article(a)?, corpus.article(b)?);
                let key = (a.hash.clone(), b.hash.clone());
                (a.hash != b.hash && !self.done.contains_key(&key))
                    .then(|| (key, a.text.clone(), b.text.clone()))
            });
            if let Some((key, a, b)) = next {
                let texts: Vec<Arc<str>> = corpus.articles.iter().map(|x| x.text.clone()).collect();
                let wake = egui.clone();
                let job = Job::spawn("Finding corresponding passages", move |progress| {
                    let boilerplate = Boilerplate::new(texts.iter().map(|t| &t[..]));
                    let pairs = compare_in_corpus(&a, &b, &boilerplate, progress);
                    wake.request_repaint();
                    pairs
                });
                self.running = Some((key, job));
            }
        }
        self.running.is_some()
    }

    /// The comparison running, once it has taken long enough to show (book-length texts).
    pub fn busy(&self) -> Option<(&str, &crate::job::Progress)> {
        let (_, job) = self.running.as_ref()?;
        (job.started.elapsed() >= std::time::Duration::from_millis(300))
            .then_some((job.label.as_str(), &*job.progress))
    }

    /// The pairs of two articles (by content hash), when compared.
    pub fn pairs(&self, a_hash: &str, b_hash: &str) -> Option<&[Pair]> {
        // (a_hash, b_hash) in pane order; a pair of identical texts has no entry.
        self.done
            .get(&(a_hash.to_owned(), b_hash.to_owned()))
            .map(|p| &p[..])
    }
}

/// The marks of each pane: the passages that have a counterpart in a neighbouring pane,
/// sorted and merged.
pub fn marks(
    comparing: &Comparing,
    corpus: &Corpus,
    articles: &[Option<&str>],
) -> Vec<Vec<Range<usize>>> {
    let hash = |i: usize| {
        articles
            .get(i)
            .copied()
            .flatten()
            .and_then(|a| corpus.article(a))
            .map(|a| a.hash.as_str())
    };
    (0..articles.len())
        .map(|i| {
            let mut out: Vec<Range<usize>> = Vec::new();
            let Some(me) = hash(i) else { return out };
            if let Some(left) = i.checked_sub(1).and_then(hash)
                && let Some(pairs) = comparing.pairs(left, me)
            {
                out.extend(pairs.iter().map(|p| p.b.start..p.b.end));
            }
            if let Some(right) = hash(i + 1)
                && let Some(pairs) = comparing.pairs(me, right)
            {
                out.extend(pairs.iter().map(|p| p.a.start..p.a.end));
            }
            out.sort_by_key(|r| r.start);
            out
        })
        .collect()
}
