//! Opening and leaving a corpus: a folder or an article (its folder the corpus), after saving
//! the notes of the one open (asking first when they cannot be saved), on a worker; taking the
//! opened one in (panes as remembered, what to tell the reader); quitting.

use std::path::{Path, PathBuf};

use eframe::egui::{self, ViewportCommand};

use super::app::GlossApp;
use super::notices::{AfterSave, Unsaved, renamed_message};
use super::state::{MAX_PANES, PaneState};
use crate::session::reader::Reader;
use crate::store::SaveError;
use crate::workspace::Workspace;

impl GlossApp {
    /// Saves the notes now if anything changed. Errors are also shown in the UI.
    pub fn save_notes(&mut self) -> Result<(), SaveError> {
        let outcome = self.session.save_now();
        self.carry_out_effects();
        outcome
    }

    /// Opens a folder as the corpus, or an article: its folder becomes the corpus (unless it
    /// is the open one) and the article shows in the active pane.
    pub(super) fn open_path(&mut self, path: &Path) {
        let (dir, article) = crate::corpus::split_path(path);
        let open_here = self
            .session
            .workspace
            .as_ref()
            .is_some_and(|ws| canonical(&ws.corpus.root) == canonical(&dir));
        match article {
            Some(article) if open_here => {
                let pane = self.session.reader.active;
                self.forward(crate::session::Action::SetArticle { pane, article });
            }
            article => {
                self.pending_article = article;
                self.switch_corpus(dir);
            }
        }
    }

    /// Asks for a path in the window itself (no file dialog can open here), starting at the
    /// open corpus's folder.
    pub(super) fn open_prompt(&mut self, files_too: bool) {
        let start = self
            .session
            .workspace
            .as_ref()
            .map(|ws| ws.corpus.root.clone())
            .or_else(|| std::env::var_os("HOME").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("/"));
        self.notices.open_prompt = Some(super::open_prompt::OpenPrompt::new(&start, files_too));
    }

    /// *Open* in the path field: the folder (or article) typed, if there is one.
    pub(super) fn prompt_open(&mut self) {
        let Some(prompt) = &mut self.notices.open_prompt else {
            return;
        };
        let path = super::open_prompt::typed_path(&prompt.text);
        let fits = std::fs::metadata(&path).is_ok_and(|m| {
            m.is_dir() || (prompt.files_too && crate::corpus::has_article_extension(&path))
        });
        if !fits {
            prompt.error = Some(if path.exists() {
                format!("{} is not a folder or an article.", path.display())
            } else {
                format!("There is no {}.", path.display())
            });
            return;
        }
        self.notices.open_prompt = None;
        self.open_path(&path);
    }

    /// Opens another corpus folder — after saving this one's notes. If they cannot be saved,
    /// asks first, exactly as quitting does: switching must never drop notes silently.
    pub(super) fn switch_corpus(&mut self, dir: PathBuf) {
        match self.save_notes() {
            Ok(()) => self.open_corpus(&dir),
            Err(error) => {
                self.notices.unsaved = Some(Unsaved {
                    error: error.to_string(),
                    then: AfterSave::Open(dir),
                })
            }
        }
    }

    /// Opens a corpus folder in place of the current one (whose notes were saved, or which
    /// the reader chose to leave unsaved). The folder is read and its highlights placed on a
    /// worker while the window shows progress; [`GlossApp::opened`] takes the result in.
    pub(super) fn open_corpus(&mut self, dir: &Path) {
        self.store_layout();
        self.session.reader = Reader::default();
        self.views.clear();
        self.open_pair = None;
        self.derived.clear();
        self.session.start_opening(dir);
    }

    /// A corpus finished opening on the worker (or failed to).
    pub(super) fn opened(
        &mut self,
        dir: &Path,
        previous: Option<PathBuf>,
        result: Result<Workspace, crate::session::OpenError>,
    ) {
        let ws = match result {
            Ok(ws) => ws,
            Err(e) => {
                match previous.filter(|p| p != dir) {
                    // Back to the folder that was open: a failed switch loses nothing.
                    Some(back) => {
                        self.notices.error(e.to_string());
                        self.go_back(&back);
                    }
                    None => self.notices.corpus_error = Some(e.to_string()),
                }
                return;
            }
        };
        let key = canonical(dir);
        self.ui_state.remember_folder(key.clone());
        let names = ws.corpus.file_names();
        let mut panes: Vec<PaneState> = self
            .ui_state
            .layouts
            .get(&key)
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|p| p.article.as_deref().is_none_or(|a| names.contains(&a)))
            .take(MAX_PANES)
            .collect();
        if panes.is_empty() {
            // Two panes side by side from the first start: comparing is what gloss is for.
            let first = names.first().map(|s| s.to_string());
            let second = names.get(1).map(|s| s.to_string()).or(first.clone());
            panes = [first, second]
                .into_iter()
                .map(|article| PaneState {
                    article,
                    top_char: 0,
                })
                .collect();
        }
        self.session.reader = Reader::new(panes);
        if let Some(article) = self.pending_article.take()
            && names.contains(&article.as_str())
        {
            let first = self.session.reader.active;
            self.session.reader.set_article(first, article);
            // Several files opened at once go into the next panes, side by side.
            let more: Vec<String> = std::mem::take(&mut self.pending_more);
            let reader = &mut self.session.reader;
            for (k, extra) in more
                .into_iter()
                .filter(|a| names.contains(&a.as_str()))
                .enumerate()
            {
                let pane = first + 1 + k;
                if pane >= reader.layout().len() && !reader.add_pane(&[extra.as_str()]) {
                    break;
                }
                reader.set_article(pane, extra);
            }
            reader.activate(first);
        }
        self.views.clear();
        self.derived.clear();
        self.notices.save_error = None;
        self.notices.corpus_error = None;
        if let Some(text) = renamed_message(&ws.renamed_duplicates) {
            self.notices.info(text);
        }
        // Sync copies merged or left, and gloss's own folder refused (a link in place of
        // `.gloss`: earlier versions are then not kept), said once on opening.
        let said: Vec<String> = ws
            .sync_merges
            .iter()
            .map(ToString::to_string)
            .chain(
                ws.versions_as_they_are()
                    .problems()
                    .into_iter()
                    .map(|p| format!("Earlier versions of the articles are not kept: {p}")),
            )
            .collect();
        if !said.is_empty() {
            self.notices.info(said.join("\n"));
        }
        let name = key
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| ws.corpus.name());
        self.house.title = format!("gloss — {name}");
        self.session.take_in(ws);
    }

    /// Copies the panes' state into the persisted UI state.
    pub(super) fn store_layout(&mut self) {
        if let Some(ws) = &self.session.workspace {
            let key = canonical(&ws.corpus.root);
            self.ui_state
                .layouts
                .insert(key, self.session.reader.layout());
        }
    }

    /// Saves, then closes the window; if saving fails, asks instead of closing.
    pub(super) fn quit(&mut self, ctx: &egui::Context) {
        match self.save_notes() {
            Ok(()) => {
                self.discard_on_quit = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Err(error) => {
                self.notices.unsaved = Some(Unsaved {
                    error: error.to_string(),
                    then: AfterSave::Quit,
                })
            }
        }
    }
}

pub(super) fn canonical(dir: &Path) -> PathBuf {
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())
}
