//! The notebook's rules, one by one.

use super::*;
use crate::annotation::Color;
use crate::corpus::Article;

fn sample() -> (Article, Annotation) {
    let article = Article::from_text("a.txt", "one two three".into(), None);
    let annotation = Annotation::new(&article, 4..7, Color::Yellow);
    (article, annotation)
}

#[test]
fn typing_a_note_is_one_undo_step() {
    let (_, a) = sample();
    let id = a.id.clone();
    let mut nb = Notebook::new(vec![]);
    nb.apply(Command::Create(Box::new(a))).unwrap();
    for note in ["h", "he", "hey"] {
        nb.apply(Command::SetNote {
            id: id.clone(),
            note: note.into(),
        })
        .unwrap();
    }
    assert_eq!(nb.get(&id).unwrap().note, "hey");
    nb.undo();
    assert_eq!(nb.get(&id).unwrap().note, "");
    nb.undo();
    assert!(nb.get(&id).is_none());
    nb.redo();
    nb.redo();
    assert_eq!(nb.get(&id).unwrap().note, "hey");
}

#[test]
fn read_only_notebooks_refuse_changes() {
    let (_, a) = sample();
    let mut nb = Notebook::read_only("corrupt file");
    assert!(matches!(
        nb.apply(Command::Create(Box::new(a))),
        Err(Refused::ReadOnly(_))
    ));
    assert_eq!(nb.revision(), 0);
}

#[test]
fn recolor_and_delete_are_undoable() {
    let (_, a) = sample();
    let id = a.id.clone();
    let mut nb = Notebook::new(vec![a]);
    nb.apply(Command::Recolor {
        id: id.clone(),
        color: Color::Blue,
    })
    .unwrap();
    nb.apply(Command::Delete { id: id.clone() }).unwrap();
    assert!(nb.annotations().is_empty());
    nb.undo();
    assert_eq!(nb.get(&id).unwrap().color, Color::Blue);
    nb.undo();
    assert_eq!(nb.get(&id).unwrap().color, Color::Yellow);
    assert_eq!(nb.revision(), 4);
}

#[test]
fn touched_since_names_the_changed_annotations_or_admits_it_does_not_know() {
    let (_, a) = sample();
    let id = a.id.clone();
    let mut nb = Notebook::new(vec![a]);
    let start = nb.revision();
    nb.apply(Command::SetNote {
        id: id.clone(),
        note: "x".into(),
    })
    .unwrap();
    nb.undo();
    assert_eq!(
        nb.touched_since(start),
        Some(vec![id.as_str(), id.as_str()])
    );
    assert_eq!(nb.touched_since(nb.revision()), Some(vec![]));
    let before_replace = nb.revision();
    nb.replace_all(Notes::default());
    assert_eq!(nb.touched_since(before_replace), None);
    for _ in 0..TOUCHED_KEPT + 1 {
        nb.replace_all(Notes::default());
    }
    assert_eq!(nb.touched_since(start), None, "too long ago to know");
}

/// A notebook with two highlights in two articles, and their ids.
fn two_passages() -> (Notebook, String, String) {
    let sky = Article::from_text("sky.txt", "Russia denied it.".into(), None);
    let bbc = Article::from_text("bbc.txt", "Moscow denies it.".into(), None);
    let a = Annotation::new(&sky, 0..6, Color::Yellow);
    let b = Annotation::new(&bbc, 0..6, Color::Yellow);
    let (ia, ib) = (a.id.clone(), b.id.clone());
    (Notebook::new(vec![a, b]), ia, ib)
}

#[test]
fn deleting_a_highlight_deletes_its_links_in_the_same_undo_step() {
    use crate::link::{Link, Relation};
    let (mut nb, a, b) = two_passages();
    let link = Link::new(&a, &b, Relation::Contradicts, "dates differ");
    let link_id = link.id.clone();
    nb.apply(Command::link(link)).unwrap();
    assert_eq!(nb.links_of(&b).count(), 1);
    nb.apply(Command::Delete { id: a.clone() }).unwrap();
    assert!(nb.link(&link_id).is_none(), "the link went with its end");
    assert_eq!(nb.links_of(&b).count(), 0);
    let touched = nb.undo().unwrap();
    assert!(touched.contains(&a) && touched.contains(&b));
    assert!(nb.get(&a).is_some(), "one undo brings back the highlight…");
    assert_eq!(
        nb.link(&link_id).unwrap().note,
        "dates differ",
        "…and its link"
    );
    nb.undo();
    assert!(nb.links().is_empty());
    nb.redo();
    assert_eq!(
        nb.links_of(&a).next().unwrap().relation,
        Relation::Contradicts
    );
}

#[test]
fn a_batch_is_all_or_nothing_and_one_undo_step() {
    use crate::link::{Link, Relation};
    let (mut nb, a, _) = two_passages();
    let article = Article::from_text("new.txt", "fresh passage".into(), None);
    let fresh = Annotation::new(&article, 0..5, Color::Blue);
    let fresh_id = fresh.id.clone();
    let revision = nb.revision();
    // The link's second end does not exist: nothing of the batch stays.
    let bad = Command::Batch(vec![
        Command::create(fresh.clone()),
        Command::link(Link::new(&a, "nobody", Relation::Agrees, "")),
    ]);
    assert!(matches!(nb.apply(bad), Err(Refused::NoSuchAnnotation(_))));
    assert!(nb.get(&fresh_id).is_none());
    assert_eq!(nb.revision(), revision);
    let good = Command::Batch(vec![
        Command::create(fresh),
        Command::link(Link::new(&a, &fresh_id, Relation::Agrees, "")),
    ]);
    nb.apply(good).unwrap();
    assert_eq!(nb.links().len(), 1);
    nb.undo();
    assert!(nb.get(&fresh_id).is_none() && nb.links().is_empty());
}

#[test]
fn a_pair_is_linked_once_and_never_to_itself() {
    use crate::link::{Link, Relation};
    let (mut nb, a, b) = two_passages();
    nb.apply(Command::link(Link::new(&a, &b, Relation::Agrees, "")))
        .unwrap();
    let again = nb.apply(Command::link(Link::new(&b, &a, Relation::Quotes, "")));
    assert!(matches!(again, Err(Refused::AlreadyLinked(_))));
    let itself = nb.apply(Command::link(Link::new(&a, &a, Relation::Quotes, "")));
    assert_eq!(itself, Err(Refused::LinkToItself));
}

#[test]
fn typing_a_link_note_is_one_undo_step_and_touches_both_ends() {
    use crate::link::{Link, Relation};
    let (mut nb, a, b) = two_passages();
    let link = Link::new(&a, &b, Relation::Other, "");
    let id = link.id.clone();
    nb.apply(Command::link(link)).unwrap();
    let before = nb.revision();
    let links_before = nb.links_revision();
    for note in ["s", "se", "see"] {
        nb.apply(Command::EditLink {
            id: id.clone(),
            relation: Relation::Other,
            note: note.into(),
        })
        .unwrap();
    }
    assert!(nb.links_revision() > links_before);
    let touched = nb.touched_since(before).unwrap();
    assert!(touched.contains(&a.as_str()) && touched.contains(&b.as_str()));
    nb.undo();
    assert_eq!(nb.link(&id).unwrap().note, "");
    nb.undo();
    assert!(nb.link(&id).is_none());
}

#[test]
fn dismissals_are_remembered_and_undoable() {
    use crate::link::Dismissal;
    let (mut nb, _, _) = two_passages();
    let d = Dismissal::new("sky.txt", "Russia denied it", "bbc.txt", "Moscow denies it");
    let key = d.key.clone();
    nb.apply(Command::Dismiss(Box::new(d))).unwrap();
    assert!(nb.is_dismissed(&key));
    assert_eq!(nb.to_notes().dismissed.len(), 1);
    nb.undo();
    assert!(!nb.is_dismissed(&key));
}
