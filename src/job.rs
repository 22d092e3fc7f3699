//! Work that runs on a worker thread while the window keeps drawing: opening a corpus,
//! re-reading changed articles, placing thousands of highlights again.
//!
//! A [`Job`] is one thread and one answer. The worker reports how far it got through a shared
//! [`Progress`] (two atomics — reading them costs the UI nothing), and the UI takes the
//! answer with [`Job::try_take`] in the frame it arrives, so the result is applied in one
//! step and a frame never waits on the disk. Tests and the CLI call [`Job::wait`]. Long work
//! looks at [`Progress::cancelled`] between steps; [`Job::cancel`] asks it to stop.
//!
//! Every piece of background work goes through here: opening a corpus, re-reading and
//! re-anchoring articles, saving and checking the notes file, compare, search, versions.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

/// How far a job got: `done` of `total` steps (`total` 0 while it does not know yet).
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    cancelled: AtomicBool,
}

impl Progress {
    pub fn set_total(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
    }

    /// `done` steps are finished.
    pub fn set_done(&self, done: usize) {
        self.done.store(done, Ordering::Relaxed);
    }

    pub fn step(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// `n` more steps to do: work that learns its size as it goes (a PDF's pages, found once
    /// the file is open) adds them to the bar.
    pub fn add_total(&self, n: usize) {
        self.total.fetch_add(n, Ordering::Relaxed);
    }

    /// `n` more steps are finished.
    pub fn advance(&self, n: usize) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }

    pub fn restart(&self, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.set_total(total);
    }

    /// `(done, total)`.
    pub fn get(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// Whether the job was asked to stop ([`Job::cancel`]): long work looks between steps.
    pub fn cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// The fraction done, when the total is known.
    pub fn fraction(&self) -> Option<f32> {
        let (done, total) = self.get();
        (total > 0).then(|| (done.min(total) as f32) / total as f32)
    }
}

/// A piece of work running on its own thread.
pub struct Job<T> {
    /// What it is doing, in words for the reader ("Re-reading the articles").
    pub label: String,
    pub progress: Arc<Progress>,
    /// When it was started (the UI shows progress only for work that takes a while).
    pub started: std::time::Instant,
    answer: Receiver<std::thread::Result<T>>,
}

/// How a job ended when it did not give its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobFailed {
    /// The thread panicked (a bug); the message says where.
    Panicked(String),
}

impl std::fmt::Display for JobFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JobFailed::Panicked(m) => write!(f, "the work stopped unexpectedly: {m}"),
        }
    }
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a new thread. If no thread can be started, the work runs here and
    /// the job is already finished: slower, never lost.
    pub fn spawn(
        label: impl Into<String>,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
    ) -> Job<T> {
        let progress = Arc::new(Progress::default());
        let (send, answer) = std::sync::mpsc::channel();
        let shared = progress.clone();
        let work = std::sync::Arc::new(std::sync::Mutex::new(Some(work)));
        let for_thread = work.clone();
        let send_thread = send.clone();
        let spawned = std::thread::Builder::new()
            .name("gloss-work".into())
            .spawn(move || {
                let work = for_thread.lock().ok().and_then(|mut w| w.take());
                if let Some(work) = work {
                    let result =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&shared)));
                    let _ = send_thread.send(result);
                }
            });
        if spawned.is_err()
            && let Some(work) = work.lock().ok().and_then(|mut w| w.take())
        {
            let local = Progress::default();
            let _ = send.send(Ok(work(&local)));
        }
        Job {
            label: label.into(),
            progress,
            started: std::time::Instant::now(),
            answer,
        }
    }

    /// Asks the work to stop at its next step (its answer, if any, is then partial).
    pub fn cancel(&self) {
        self.progress.cancelled.store(true, Ordering::Relaxed);
    }

    /// The answer, if the work has finished (never blocks).
    pub fn try_take(&self) -> Option<Result<T, JobFailed>> {
        match self.answer.try_recv() {
            Ok(result) => Some(result.map_err(panic_message)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                Some(Err(JobFailed::Panicked("the worker thread is gone".into())))
            }
        }
    }

    /// Blocks until the work has finished.
    pub fn wait(self) -> Result<T, JobFailed> {
        self.wait_here()
    }

    /// Blocks until the work has finished, the job staying with its owner (who lets it go
    /// once the answer is taken in).
    pub fn wait_here(&self) -> Result<T, JobFailed> {
        match self.answer.recv() {
            Ok(result) => result.map_err(panic_message),
            Err(_) => Err(JobFailed::Panicked("the worker thread is gone".into())),
        }
    }
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> JobFailed {
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    JobFailed::Panicked(text)
}

/// `f(i)` for every `i` in `0..n`, on every core (workers take the next index as they
/// finish), results in index order: reading a corpus's files, folding its articles for a
/// search. A panic in `f` is passed on.
pub fn on_every_core<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(n)
        .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= n {
                            break mine;
                        }
                        mine.push((i, f(i)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_reports_progress_and_its_answer() {
        let gate = Arc::new(std::sync::Barrier::new(2));
        let inside = gate.clone();
        let job = Job::spawn("counting", move |p| {
            p.set_total(4);
            for _ in 0..2 {
                p.step();
            }
            inside.wait();
            42
        });
        // Not finished until the gate opens.
        assert!(job.try_take().is_none());
        gate.wait();
        assert_eq!(job.wait(), Ok(42));
    }

    #[test]
    fn a_panicking_job_says_so_instead_of_hanging() {
        let job: Job<()> = Job::spawn("failing", |_| panic!("boom"));
        assert_eq!(job.wait(), Err(JobFailed::Panicked("boom".into())));
    }
}
