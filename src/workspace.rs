//! A workspace: one opened corpus, its notebook, where each annotation sits, and save state.
//!
//! This is what the UI and the CLI hold. It owns the rule that protects the reader's notes:
//! when `annotations.ron` exists but cannot be read, the notebook is read-only and nothing is
//! ever saved over that file.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use crate::anchor::{self, Anchor};
use crate::corpus::{Corpus, CorpusError};
use crate::notebook::{Command, Notebook, Refused};
use crate::store::{self, LoadError};

pub struct Workspace {
    pub corpus: Corpus,
    notebook: Notebook,
    /// Set when the notes file could not be read; the notebook is read-only then.
    pub load_error: Option<LoadError>,
    anchors: HashMap<String, Anchor>,
    saved_revision: u64,
}

impl Workspace {
    /// Opens a corpus folder and its notes file.
    pub fn open(root: &Path) -> Result<Workspace, CorpusError> {
        let corpus = Corpus::load(root)?;
        let (notebook, load_error) = match store::load(&corpus.notes_path()) {
            Ok(annotations) => (Notebook::new(annotations), None),
            Err(e) => (Notebook::read_only(e.to_string()), Some(e)),
        };
        let mut workspace = Workspace {
            corpus,
            notebook,
            load_error,
            anchors: HashMap::new(),
            saved_revision: 0,
        };
        workspace.reanchor_all();
        Ok(workspace)
    }

    pub fn notebook(&self) -> &Notebook {
        &self.notebook
    }

    /// Whether commands will be accepted.
    pub fn can_annotate(&self) -> bool {
        self.notebook.read_only_reason().is_none()
    }

    /// Applies a command (the one door for changes) and keeps anchors current.
    pub fn apply(&mut self, command: Command) -> Result<(), Refused> {
        let id = match &command {
            Command::Create(a) => a.id.clone(),
            Command::Delete { id } | Command::Recolor { id, .. } | Command::SetNote { id, .. } => {
                id.clone()
            }
        };
        self.notebook.apply(command)?;
        self.reanchor(&id);
        Ok(())
    }

    pub fn undo(&mut self) -> Option<String> {
        let id = self.notebook.undo()?;
        self.reanchor(&id);
        Some(id)
    }

    pub fn redo(&mut self) -> Option<String> {
        let id = self.notebook.redo()?;
        self.reanchor(&id);
        Some(id)
    }

    pub fn end_typing(&mut self) {
        self.notebook.end_typing();
    }

    /// Where an annotation is shown now (`None` for orphans and unknown articles).
    pub fn range_of(&self, id: &str) -> Option<Range<usize>> {
        self.anchors.get(id).and_then(Anchor::range)
    }

    pub fn anchor_of(&self, id: &str) -> Option<&Anchor> {
        self.anchors.get(id)
    }

    /// Unsaved changes exist.
    pub fn is_dirty(&self) -> bool {
        self.notebook.revision() != self.saved_revision
    }

    /// Saves the notes file if there are unsaved changes. Refuses when the file on disk could
    /// not be read at open, because saving would destroy it.
    pub fn save(&mut self) -> Result<(), String> {
        if let Some(e) = &self.load_error {
            return Err(format!("not saving: {e}"));
        }
        if !self.is_dirty() {
            return Ok(());
        }
        let path = self.corpus.notes_path();
        store::save(&path, self.notebook.annotations())
            .map_err(|e| format!("cannot save {}: {e}", path.display()))?;
        self.saved_revision = self.notebook.revision();
        Ok(())
    }

    fn reanchor_all(&mut self) {
        let ids: Vec<String> = self
            .notebook
            .annotations()
            .iter()
            .map(|a| a.id.clone())
            .collect();
        for id in ids {
            self.reanchor(&id);
        }
    }

    fn reanchor(&mut self, id: &str) {
        let Some(annotation) = self.notebook.get(id) else {
            self.anchors.remove(id);
            return;
        };
        let anchor = match self.corpus.article(&annotation.article) {
            Some(article) => anchor::locate(article, annotation),
            None => Anchor::Orphan,
        };
        self.anchors.insert(id.to_owned(), anchor);
    }
}
