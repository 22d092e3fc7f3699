//! Everything one notes file holds: the annotations, the links between them, and the
//! corresponding passages the reader dismissed. The notebook, the store and its merge all pass
//! this one value around, so a new kind of note cannot be saved by one and dropped by another.

use crate::annotation::Annotation;
use crate::link::{Dismissal, Link};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Notes {
    pub annotations: Vec<Annotation>,
    pub links: Vec<Link>,
    pub dismissed: Vec<Dismissal>,
}

impl Notes {
    /// Notes with annotations only (what format version 2 and older could hold).
    pub fn from_annotations(annotations: Vec<Annotation>) -> Notes {
        Notes {
            annotations,
            ..Notes::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.annotations.is_empty() && self.links.is_empty() && self.dismissed.is_empty()
    }
}
