//! A corresponding passage as the window refers to it — what a popup, an action and the
//! correspondence table pass around. Its own file so the actions and the views that name it
//! do not import one another.

use eframe::egui;

/// One corresponding passage as the window refers to it: the two articles and ranges (left
/// pane first), and where its popup opens.
#[derive(Debug, Clone, PartialEq)]
pub struct PairRef {
    pub a: (String, std::ops::Range<usize>),
    pub b: (String, std::ops::Range<usize>),
    pub at: egui::Pos2,
    /// `Differs` is accepted as a *contradicts* link, the others as *same fact*.
    pub kind: crate::compare::Kind,
}

impl PairRef {
    /// The passage as the session's actions name it.
    pub fn pair(&self) -> crate::session::Pair {
        crate::session::Pair {
            a: self.a.clone(),
            b: self.b.clone(),
            kind: self.kind,
        }
    }
}
