//! Noticing changes to a corpus folder without touching the disk on the UI thread.
//!
//! The folder is watched with the `notify` crate (inotify on Linux, FSEvents on macOS,
//! ReadDirectoryChangesW on Windows) from its own thread; the UI asks [`FolderWatcher::due`]
//! each frame, which only drains a channel. Where watching cannot be set up (no inotify
//! watches left, some network drives) it falls back to a slow timed check, and even while
//! watching, a check now and then catches what a network file system never reports. The
//! check itself (listing the folder, reading what changed) is the caller's job, run on a
//! worker.

use std::path::Path;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

/// Without events, how often the folder is checked.
pub const FALLBACK_POLL: Duration = Duration::from_secs(2);
/// While watching, how often the folder is checked anyway.
pub const SAFETY_POLL: Duration = Duration::from_secs(15);

/// What may have changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    /// An article file (or the folder listing).
    pub articles: bool,
    /// The notes file.
    pub notes: bool,
}

impl Due {
    pub fn any(self) -> bool {
        self.articles || self.notes
    }
}

/// How the folder is followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchMode {
    /// The system reports changes as they happen.
    Events,
    /// Watching failed (the reason); the folder is checked every [`FALLBACK_POLL`].
    Polling(String),
}

pub struct FolderWatcher {
    mode: WatchMode,
    events: Option<Receiver<Due>>,
    /// Kept alive: dropping it stops the watch.
    _watcher: Option<notify::RecommendedWatcher>,
    last_check: Instant,
}

impl FolderWatcher {
    /// Starts watching `root` (not its sub-folders: articles live at the top).
    pub fn new(root: &Path) -> FolderWatcher {
        FolderWatcher::new_with_waker(root, Box::new(|| {}))
    }

    /// Watches `root` and calls `wake` from the watching thread whenever something changed,
    /// so an idle window wakes up to look (the UI passes "request a repaint").
    pub fn new_with_waker(root: &Path, wake: Box<dyn Fn() + Send>) -> FolderWatcher {
        let (send, events) = std::sync::mpsc::channel();
        let notes_name = std::ffi::OsString::from(crate::store::NOTES_FILE);
        let handler = move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else {
                // An error (overflowed queue…): say everything may have changed.
                let _ = send.send(Due {
                    articles: true,
                    notes: true,
                });
                wake();
                return;
            };
            // Reads (ours included) are not changes; reacting to them would loop.
            if matches!(event.kind, EventKind::Access(_)) {
                return;
            }
            let mut due = Due::default();
            for path in &event.paths {
                classify(path, &notes_name, &mut due);
            }
            if event.paths.is_empty() {
                due.articles = true;
            }
            if due.any() {
                let _ = send.send(due);
                wake();
            }
        };
        let watched = notify::recommended_watcher(handler).and_then(|mut w| {
            w.watch(root, RecursiveMode::NonRecursive)?;
            Ok(w)
        });
        match watched {
            Ok(watcher) => FolderWatcher {
                mode: WatchMode::Events,
                events: Some(events),
                _watcher: Some(watcher),
                last_check: Instant::now(),
            },
            Err(e) => FolderWatcher::polling(format!("the folder cannot be watched ({e})")),
        }
    }

    /// A watcher that only checks on a timer (also what tests of the fallback use).
    pub fn polling(reason: impl Into<String>) -> FolderWatcher {
        FolderWatcher {
            mode: WatchMode::Polling(reason.into()),
            events: None,
            _watcher: None,
            last_check: Instant::now(),
        }
    }

    pub fn mode(&self) -> &WatchMode {
        &self.mode
    }

    /// What should be checked now: what the system reported since the last call, or
    /// everything when the timed check is due. Never touches the disk.
    pub fn due(&mut self, now: Instant) -> Due {
        let mut due = Due::default();
        if let Some(events) = &self.events {
            loop {
                match events.try_recv() {
                    Ok(d) => {
                        due.articles |= d.articles;
                        due.notes |= d.notes;
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        self.mode = WatchMode::Polling("the watch stopped".into());
                        self.events = None;
                        break;
                    }
                }
            }
        }
        if now.duration_since(self.last_check) >= self.interval() {
            due = Due {
                articles: true,
                notes: true,
            };
        }
        if due.any() {
            self.last_check = now;
        }
        due
    }

    /// How long until the next timed check (the app sleeps until then when idle).
    pub fn next_check_in(&self, now: Instant) -> Duration {
        self.interval()
            .saturating_sub(now.duration_since(self.last_check))
    }

    fn interval(&self) -> Duration {
        match self.mode {
            WatchMode::Events => SAFETY_POLL,
            WatchMode::Polling(_) => FALLBACK_POLL,
        }
    }
}

fn classify(path: &Path, notes_name: &std::ffi::OsStr, due: &mut Due) {
    let Some(name) = path.file_name() else {
        due.articles = true;
        return;
    };
    if name == notes_name
        || name
            .to_str()
            .is_some_and(crate::store::sync_copies::is_sync_copy)
    {
        // A sync tool's conflict copy of the notes is taken in with the notes.
        due.notes = true;
    } else if crate::corpus::has_article_extension(Path::new(name)) {
        due.articles = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait_for(w: &mut FolderWatcher, what: impl Fn(Due) -> bool) -> bool {
        let until = Instant::now() + Duration::from_secs(5);
        while Instant::now() < until {
            if what(w.due(Instant::now())) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    #[test]
    fn an_edited_article_and_the_notes_file_are_reported_apart() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "one").unwrap();
        let mut w = FolderWatcher::new(dir.path());
        assert_eq!(w.mode(), &WatchMode::Events);
        assert!(!w.due(Instant::now()).any(), "nothing happened yet");
        std::fs::write(dir.path().join("a.txt"), "two").unwrap();
        assert!(wait_for(&mut w, |d| d.articles));
        std::fs::write(dir.path().join(crate::store::NOTES_FILE), "[]").unwrap();
        assert!(wait_for(&mut w, |d| d.notes));
        // Reading is not a change.
        std::thread::sleep(Duration::from_millis(100));
        w.due(Instant::now());
        let _ = std::fs::read(dir.path().join("a.txt")).unwrap();
        std::thread::sleep(Duration::from_millis(200));
        assert!(!w.due(Instant::now()).any());
    }

    #[test]
    fn without_events_the_folder_is_checked_on_a_timer() {
        let mut w = FolderWatcher::polling("test");
        let start = Instant::now();
        assert!(!w.due(start).any());
        assert!(w.due(start + FALLBACK_POLL).articles);
        assert!(!w.due(start + FALLBACK_POLL).any(), "once per interval");
    }
}
