//! Compare mode's results: the corresponding passages ([`crate::compare`]) of the articles in
//! neighbouring panes, computed on a worker, cached by the two texts' content hashes (so
//! scrolling, switching back and forth or reopening a pane costs nothing), and the view the
//! window draws — the suggestions still open after the rules of [`crate::compare::suggestions`]
//! (dismissed or already linked), the marks they make, the correspondence table's rows.
//! No egui here: a finished comparison wakes the window through the session's [`Waker`].

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::compare::suggestions::{self, Status};
use crate::compare::table::{Order, Row, rows_from};
use crate::compare::{Differing, Kind, Pair, boilerplate::Boilerplate, corresponding};
use crate::corpus::Corpus;
use crate::job::Job;
use crate::workspace::Workspace;

use super::Waker;

type Key = (String, String);

/// A finished comparison: the pairs, and the two articles' sentences (for the
/// correspondence table; split on the worker, as book-length texts take a while).
struct Done {
    pairs: Vec<Pair>,
    sentences: [Vec<Range<usize>>; 2],
}

#[derive(Default)]
pub struct Comparing {
    done: HashMap<Key, Arc<Done>>,
    running: Option<(Key, Job<Done>)>,
    /// Comparisons whose worker failed, with why: shown in the pane header, never retried
    /// in a loop (and never taking the window down).
    failed: HashMap<Key, String>,
    /// Bumped when a comparison finishes (the view is rebuilt then).
    version: u64,
    /// The last view and what it was built for.
    view: Option<(ViewKey, Arc<CompareView>)>,
}

/// What a view depends on: the panes' articles (by content), finished comparisons, and the
/// links and dismissals in the notes.
type ViewKey = (Vec<Option<String>>, u64, u64, u64);

/// What compare mode shows for the panes as they are: the suggestions still open (neither
/// dismissed nor already linked) and the marks they make.
#[derive(Debug, Default)]
pub struct CompareView {
    /// Per pane, the passages with a counterpart in a neighbouring pane, sorted by start.
    pub marks: Vec<Vec<Range<usize>>>,
    /// Per pair of neighbouring panes (pane `i` and `i + 1`), their corresponding passages
    /// still suggested (neither dismissed nor linked).
    pub pairs: Vec<Vec<ViewPair>>,
    /// Per pair of neighbouring panes, every corresponding passage not dismissed — the
    /// suggestions and those the reader linked (`linked`): the correspondence table's pairs.
    pub listed: Vec<Vec<ViewPair>>,
    /// Per pane: a comparison with a neighbour has finished (so what is unmarked is known to
    /// have no counterpart).
    pub compared: Vec<bool>,
    /// Per pane, every passage with a counterpart in a neighbouring pane: the marks and the
    /// passages the reader linked (an accepted suggestion is no omission).
    pub covered: Vec<Vec<Range<usize>>>,
    /// Per pair of neighbouring panes, the correspondence table's rows in the order of the
    /// left article and of the right one (`pair` indexes `listed`).
    pub tables: Vec<[Vec<Row>; 2]>,
    /// Per pane, what the reader should know about its comparison: that it failed and why,
    /// or that it found nothing (so a pane without tints is not taken for one still working).
    pub status: Vec<Option<String>>,
}

/// One suggestion between pane `i` (`a`) and pane `i + 1` (`b`).
#[derive(Debug, Clone, PartialEq)]
pub struct ViewPair {
    pub a: Range<usize>,
    pub b: Range<usize>,
    pub score: f32,
    pub kind: Kind,
    /// For `Differs`: the differing words of each side.
    pub differing: Option<Differing>,
    /// The reader linked the two passages (only in [`CompareView::listed`]).
    pub linked: bool,
}

impl CompareView {
    /// The listed pair with exactly these passages (left pane's first).
    pub fn find(&self, a: &Range<usize>, b: &Range<usize>) -> Option<&ViewPair> {
        self.listed
            .iter()
            .flatten()
            .find(|p| p.a == *a && p.b == *b)
    }

    /// The suggestion of neighbour pair `i` whose passage in pane `pane` holds char `c`.
    pub fn pair_at(&self, pane: usize, c: usize) -> Option<(usize, &ViewPair)> {
        let left = pane
            .checked_sub(1)
            .and_then(|i| Some((i, self.pairs.get(i)?.iter().find(|p| p.b.contains(&c))?)));
        let right = self
            .pairs
            .get(pane)
            .and_then(|ps| ps.iter().find(|p| p.a.contains(&c)))
            .map(|p| (pane, p));
        right.or(left)
    }
}

impl Comparing {
    /// Starts comparing the first neighbouring pair (by file name) not yet compared, if no
    /// comparison is running; takes in a finished one. Returns whether work is still running.
    pub fn update(&mut self, wake: &Waker, corpus: &Corpus, neighbours: &[(&str, &str)]) -> bool {
        if let Some((key, job)) = self.running.take() {
            match job.try_take() {
                Some(Ok(done)) => {
                    self.done.insert(key, Arc::new(done));
                    self.version += 1;
                }
                Some(Err(failed)) => {
                    log::warn!("comparison failed: {failed}");
                    self.failed.insert(key, failed.to_string());
                    self.version += 1;
                }
                None => self.running = Some((key, job)),
            }
        }
        if self.running.is_none() {
            let next = neighbours.iter().find_map(|(a, b)| {
                let (a, b) = (corpus.article(a)?, corpus.article(b)?);
                let key = (a.hash.clone(), b.hash.clone());
                (a.hash != b.hash
                    && !self.done.contains_key(&key)
                    && !self.failed.contains_key(&key))
                .then(|| (key, a.text.clone(), b.text.clone()))
            });
            if let Some((key, a, b)) = next {
                let texts: Vec<Arc<str>> = corpus.articles.iter().map(|x| x.text.clone()).collect();
                let wake = wake.clone();
                let job = Job::spawn("Finding corresponding passages", move |progress| {
                    let boilerplate = Boilerplate::new(texts.iter().map(|t| &t[..]));
                    let (pairs, sentences) = corresponding(&a, &b, &boilerplate, progress);
                    wake();
                    Done { pairs, sentences }
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
            .map(|d| &d.pairs[..])
    }

    /// The sentences of two compared articles (by content hash).
    fn sentences(&self, a_hash: &str, b_hash: &str) -> Option<&[Vec<Range<usize>>; 2]> {
        self.done
            .get(&(a_hash.to_owned(), b_hash.to_owned()))
            .map(|d| &d.sentences)
    }

    /// Why comparing two articles (by content hash) failed, if it did.
    pub fn failure(&self, a_hash: &str, b_hash: &str) -> Option<&str> {
        self.failed
            .get(&(a_hash.to_owned(), b_hash.to_owned()))
            .map(String::as_str)
    }
}

impl Comparing {
    /// The view for panes showing `articles` (rebuilt only when they, the finished
    /// comparisons, or the notes' links and dismissals changed).
    pub fn view(&mut self, ws: &Workspace, articles: &[Option<&str>]) -> Arc<CompareView> {
        let key: ViewKey = (
            articles
                .iter()
                .map(|a| a.and_then(|a| ws.corpus.article(a)).map(|a| a.hash.clone()))
                .collect(),
            self.version,
            ws.notebook().links_revision(),
            ws.generation(),
        );
        if let Some((k, view)) = &self.view
            && *k == key
        {
            return view.clone();
        }
        let view = Arc::new(build_view(self, ws, articles));
        self.view = Some((key, view.clone()));
        view
    }
}

/// A passage: an article and a range of it.
type Passage<'a> = (&'a str, Range<usize>);

/// The suggestions between neighbouring panes, without the dismissed ones and those the
/// reader already linked (a link between highlights at exactly those passages).
pub fn build_view(comparing: &Comparing, ws: &Workspace, articles: &[Option<&str>]) -> CompareView {
    let article = |i: usize| {
        articles
            .get(i)
            .copied()
            .flatten()
            .and_then(|a| ws.corpus.article(a))
    };
    let linked: std::collections::HashSet<(Passage, Passage)> = ws
        .notebook()
        .links()
        .iter()
        .filter_map(|l| match ws.link_ends(l) {
            [Some(x), Some(y)] => Some([(x.clone(), y.clone()), (y, x)]),
            _ => None,
        })
        .flatten()
        .collect();
    let mut view = CompareView {
        marks: vec![Vec::new(); articles.len()],
        pairs: Vec::new(),
        listed: Vec::new(),
        compared: vec![false; articles.len()],
        covered: vec![Vec::new(); articles.len()],
        tables: Vec::new(),
        status: vec![None; articles.len()],
    };
    let mut found_any = vec![false; articles.len()];
    for i in 0..articles.len().saturating_sub(1) {
        let mut shown = Vec::new();
        let mut listed = Vec::new();
        if let (Some(a), Some(b)) = (article(i), article(i + 1))
            && let Some(why) = comparing.failure(&a.hash, &b.hash)
        {
            for pane in [i, i + 1] {
                view.status[pane] = Some(format!("Comparison failed: {why}"));
            }
        }
        if let (Some(a), Some(b)) = (article(i), article(i + 1))
            && let Some(pairs) = comparing.pairs(&a.hash, &b.hash)
        {
            found_any[i] |= !pairs.is_empty();
            found_any[i + 1] |= !pairs.is_empty();
            view.compared[i] = true;
            view.compared[i + 1] = true;
            for p in pairs {
                let (ra, rb) = (p.a.start..p.a.end, p.b.start..p.b.end);
                let ends = |x: &Range<usize>, y: &Range<usize>| {
                    (
                        (a.file_name.as_str(), x.clone()),
                        (b.file_name.as_str(), y.clone()),
                    )
                };
                view.covered[i].push(ra.clone());
                view.covered[i + 1].push(rb.clone());
                let status = suggestions::status(
                    p,
                    (&a.file_name, &b.file_name),
                    |key| ws.notebook().is_dismissed(key),
                    |x, y| linked.contains(&ends(x, y)),
                );
                if status == Status::Dismissed {
                    continue;
                }
                let pair = ViewPair {
                    a: ra.clone(),
                    b: rb.clone(),
                    score: p.score,
                    kind: p.kind,
                    differing: p.differing.clone(),
                    linked: status == Status::Linked,
                };
                listed.push(pair.clone());
                if pair.linked {
                    continue;
                }
                view.marks[i].push(ra);
                view.marks[i + 1].push(rb);
                shown.push(pair);
            }
        }
        view.pairs.push(shown);
        let table = match (article(i), article(i + 1)) {
            (Some(a), Some(b)) => comparing.sentences(&a.hash, &b.hash).map(|[sa, sb]| {
                let ranges: Vec<(Range<usize>, Range<usize>)> =
                    listed.iter().map(|p| (p.a.clone(), p.b.clone())).collect();
                [Order::A, Order::B].map(|o| rows_from(sa, sb, &ranges, o))
            }),
            _ => None,
        };
        view.tables.push(table.unwrap_or_default());
        view.listed.push(listed);
        if let (Some(a), Some(b)) = (article(i), article(i + 1)) {
            for (x, y) in &linked {
                if x.0 == a.file_name && y.0 == b.file_name {
                    view.covered[i].push(x.1.clone());
                    view.covered[i + 1].push(y.1.clone());
                }
            }
        }
    }
    for m in &mut view.marks {
        m.sort_by_key(|r| (r.start, r.end));
    }
    for (pane, status) in view.status.iter_mut().enumerate() {
        if status.is_none() && view.compared[pane] && !found_any[pane] {
            *status = Some("No corresponding passages found".into());
        }
    }
    view
}
