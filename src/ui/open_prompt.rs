//! *Open folder…* where no desktop file dialog can open (no portal, no zenity — a bare X
//! session, a container): a field in the window to type the path into, with the folders (and
//! articles) under what is typed offered as completions, Tab to complete, and the recent
//! folders one click away. Before, the menu entry did nothing visible.
//!
//! This file is the prompt's state and its completions; [`super::open_prompt_window`] draws
//! it. The folder being typed in is listed on a worker ([`crate::job::Job`]): a directory on a
//! slow or hung mount must not freeze the window.

use std::path::{Path, PathBuf};

use crate::job::Job;

/// The most completions listed under the field.
const MAX_ENTRIES: usize = 12;

/// A completion: a folder or an article file under the typed path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: PathBuf,
    pub is_dir: bool,
}

/// The prompt while it is open.
pub struct OpenPrompt {
    /// What the reader typed.
    pub text: String,
    /// Opened from *Open file…*: articles are offered too.
    pub files_too: bool,
    /// Completions of `listed_for`.
    pub entries: Vec<Entry>,
    listed_for: Option<String>,
    listing: Option<(String, Job<Vec<Entry>>)>,
    /// Why the last *Open* did nothing (no such folder).
    pub error: Option<String>,
    /// The field still has to take the keyboard (the first frame).
    pub focus: bool,
}

impl OpenPrompt {
    /// A prompt starting at `start` (the open corpus's folder, or the home folder).
    pub fn new(start: &Path, files_too: bool) -> Self {
        let mut text = start.to_string_lossy().into_owned();
        if !text.ends_with(std::path::MAIN_SEPARATOR) {
            text.push(std::path::MAIN_SEPARATOR);
        }
        OpenPrompt {
            text,
            files_too,
            entries: Vec::new(),
            listed_for: None,
            listing: None,
            error: None,
            focus: true,
        }
    }

    /// Lists the completions of the text typed, on a worker, if not listed yet; takes a
    /// finished listing in. Returns whether a listing is still running (the window should look
    /// again soon).
    pub fn poll(&mut self) -> bool {
        if let Some((for_text, job)) = &self.listing
            && let Some(result) = job.try_take()
        {
            self.listed_for = Some(for_text.clone());
            self.entries = result.unwrap_or_default();
            self.listing = None;
        }
        let current = self.listed_for.as_deref() == Some(self.text.as_str())
            || self.listing.as_ref().is_some_and(|(t, _)| *t == self.text);
        if !current {
            let (text, files_too) = (self.text.clone(), self.files_too);
            let job = Job::spawn("listing a folder", move |_| completions(&text, files_too));
            self.listing = Some((self.text.clone(), job));
        }
        self.listing.is_some()
    }

    /// The typed text completed as far as the completions agree (Tab).
    pub fn completed(&self) -> Option<String> {
        let first = self.entries.first()?;
        let mut common = first.path.to_string_lossy().into_owned();
        for e in &self.entries[1..] {
            let other = e.path.to_string_lossy();
            let same = common
                .chars()
                .zip(other.chars())
                .take_while(|(a, b)| a == b)
                .count();
            common = common.chars().take(same).collect();
        }
        if self.entries.len() == 1 && first.is_dir {
            common.push(std::path::MAIN_SEPARATOR);
        }
        (common.chars().count() > self.text.chars().count()).then_some(common)
    }
}

/// What `typed` may go on to: the entries of its folder (the part before the last separator)
/// whose names start with what follows it (ignoring case), folders first; hidden ones only
/// when a dot is typed.
pub fn completions(typed: &str, files_too: bool) -> Vec<Entry> {
    let typed = expand_home(typed);
    let (dir, prefix) = match typed.rfind(std::path::MAIN_SEPARATOR) {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => (".", typed.as_str()),
    };
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let prefix = prefix.to_lowercase();
    let mut entries: Vec<Entry> = read
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && !prefix.starts_with('.') {
                return None;
            }
            if !name.to_lowercase().starts_with(&prefix) {
                return None;
            }
            let is_dir = std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir());
            let article = crate::corpus::has_article_extension(Path::new(&name));
            (is_dir || (files_too && article)).then(|| Entry {
                path: Path::new(dir).join(&name),
                is_dir,
            })
        })
        .collect();
    entries.sort_by(|a, b| {
        b.is_dir.cmp(&a.is_dir).then_with(|| {
            a.path
                .to_string_lossy()
                .to_lowercase()
                .cmp(&b.path.to_string_lossy().to_lowercase())
        })
    });
    entries.truncate(MAX_ENTRIES);
    entries
}

/// `~/…` is the home folder, as in a shell.
fn expand_home(typed: &str) -> String {
    match (typed.strip_prefix('~'), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            format!("{}{rest}", home.to_string_lossy())
        }
        _ => typed.to_owned(),
    }
}

/// The path the typed text stands for.
pub fn typed_path(typed: &str) -> PathBuf {
    // Normalised ("a/b/" and "a/b" are one folder, in the library and the recent list).
    Path::new(&expand_home(typed.trim())).components().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completions_are_the_folders_and_articles_under_what_is_typed() {
        let dir = tempfile::tempdir().unwrap();
        for d in ["Reports", "reviews", "other", ".hidden"] {
            std::fs::create_dir(dir.path().join(d)).unwrap();
        }
        std::fs::write(dir.path().join("review.md"), "# R\n").unwrap();
        std::fs::write(dir.path().join("readme.bin"), "x").unwrap();
        let typed = format!("{}/re", dir.path().display());
        let names = |entries: Vec<Entry>| -> Vec<String> {
            entries
                .iter()
                .map(|e| e.path.file_name().unwrap().to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(
            names(completions(&typed, false)),
            vec!["Reports", "reviews"]
        );
        assert_eq!(
            names(completions(&typed, true)),
            vec!["Reports", "reviews", "review.md"],
            "folders first, then articles; not other files"
        );
        let all = format!("{}/", dir.path().display());
        assert!(!names(completions(&all, false)).contains(&".hidden".to_owned()));

        let mut prompt = OpenPrompt::new(dir.path(), false);
        prompt.text = format!("{}/oth", dir.path().display());
        prompt.entries = completions(&prompt.text, false);
        assert_eq!(
            prompt.completed(),
            Some(format!("{}/other/", dir.path().display())),
            "Tab completes a single folder with its separator"
        );
    }
}
