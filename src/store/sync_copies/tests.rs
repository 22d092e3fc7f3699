use super::*;
use crate::link::{Link, Relation};
use crate::store::merge::tests::ann;
use proptest::prelude::*;

fn notes(list: Vec<Annotation>) -> Notes {
    Notes {
        annotations: list,
        ..Notes::default()
    }
}

fn by_id<'a>(n: &'a Notes, id: &str) -> Option<&'a Annotation> {
    n.annotations.iter().find(|a| a.id == id)
}

/// One name per sync tool's pattern, and names that are not copies.
#[test]
fn each_sync_tools_conflict_copy_is_recognised_by_its_name() {
    let copies = [
        (
            "annotations.sync-conflict-20261205-123456-ABCDEFG.ron",
            Service::Syncthing,
        ),
        (
            "annotations (Jane's conflicted copy 2026-12-05).ron",
            Service::Dropbox,
        ),
        (
            "annotations (Jane's conflicted copy 2026-12-05 (1)).ron",
            Service::Dropbox,
        ),
        (
            "annotations (conflicted copy 2026-12-05 123456).ron",
            Service::Nextcloud,
        ),
        (
            "annotations_conflict-20261205-123456.ron",
            Service::OwnCloud,
        ),
        (
            "annotations (SFConflict jane@example.org 2026-12-05-12-34-56).ron",
            Service::Seafile,
        ),
        ("annotations-DESKTOP-ABC1234.ron", Service::OneDrive),
    ];
    for (name, service) in copies {
        assert_eq!(classify(name), Some(service), "{name}");
    }
    for name in [
        "annotations.ron",
        "annotations.ron.bak",
        "annotations.conflict-20261205T123456Z.ron",
        "annotations.corrupt-20261205T123456Z.ron",
        "annotations-old.ron",
        "annotations (1).ron",
        "annotations.sync-conflict-2026-x.ron",
        "notes.sync-conflict-20261205-123456-ABCDEFG.ron",
        "annotations.sync-conflict-20261205-123456-ABCDEFG.ron.tmp",
    ] {
        assert_eq!(classify(name), None, "{name}");
    }
}

#[test]
fn a_note_only_in_the_copy_is_added_and_one_sided_edits_are_taken() {
    let base = notes(vec![ann("a", "", 0), ann("b", "", 0)]);
    let ours = notes(vec![ann("a", "mine", 1), ann("b", "", 0)]);
    let theirs = notes(vec![
        ann("a", "", 0),
        ann("b", "theirs", 2),
        ann("new", "laptop", 2),
    ]);
    let (merged, report) = merge(&base, &ours, &theirs, "a copy");
    assert_eq!(by_id(&merged, "a").unwrap().note, "mine");
    assert_eq!(by_id(&merged, "b").unwrap().note, "theirs");
    assert_eq!(by_id(&merged, "new").unwrap().note, "laptop");
    assert_eq!((report.added, report.changed, report.both_kept), (1, 1, 0));
    assert_eq!(report.annotations(), 2);
}

#[test]
fn a_note_edited_on_both_machines_keeps_both_texts() {
    let base = notes(vec![ann("a", "first", 0)]);
    let mut ours = ann("a", "desktop text", 1);
    ours.tags = vec!["cyber".into()];
    let mut theirs = ann("a", "laptop text", 2);
    theirs.tags = vec!["UK politics".into()];
    let (merged, report) = merge(
        &base,
        &notes(vec![ours]),
        &notes(vec![theirs]),
        "a Syncthing conflict copy (x.ron)",
    );
    let a = by_id(&merged, "a").unwrap();
    assert!(
        a.note.contains("desktop text") && a.note.contains("laptop text"),
        "{}",
        a.note
    );
    assert!(a.note.contains("Syncthing conflict copy"), "{}", a.note);
    assert_eq!(a.tags, ["UK politics", "cyber"]);
    assert_eq!(report.both_kept, 1);
}

#[test]
fn links_and_dismissals_of_the_copy_are_merged_by_id() {
    let mut link = Link::new("a", "b", Relation::SameFact, "");
    let ours = Notes::default();
    let mut theirs = Notes::default();
    theirs.links.push(link.clone());
    let (merged, report) = merge(&Notes::default(), &ours, &theirs, "c");
    assert_eq!(merged.links, theirs.links);
    assert_eq!(report.links, 1);
    // Edited on both sides: both notes kept.
    let base = merged.clone();
    let mut mine = merged.clone();
    mine.links[0].note = "mine".into();
    link.note = "theirs".into();
    link.modified = jiff::Timestamp::from_second(1_900_000_000).unwrap();
    let theirs = Notes {
        links: vec![link],
        ..Notes::default()
    };
    let (merged, _) = merge(&base, &mine, &theirs, "c");
    assert!(merged.links[0].note.contains("mine") && merged.links[0].note.contains("theirs"));
}

fn arb_notes() -> impl Strategy<Value = (Notes, Notes, Notes)> {
    // Ten ids; each side has each id absent or with one of three notes.
    let side = || proptest::collection::vec(proptest::option::of(0..3u8), 10);
    (side(), side(), side()).prop_map(|(b, o, t)| {
        let make = |v: Vec<Option<u8>>, minute: i64| {
            notes(
                v.into_iter()
                    .enumerate()
                    .filter_map(|(i, n)| {
                        n.map(|n| ann(&format!("id{i}"), &format!("note {n}"), minute + n as i64))
                    })
                    .collect(),
            )
        };
        (make(b, 0), make(o, 10), make(t, 20))
    })
}

proptest! {
    /// No annotation present in either file is lost by a merge: its id is kept, and its
    /// note text is in the merged note.
    #[test]
    fn no_annotation_in_either_file_is_lost((base, ours, theirs) in arb_notes()) {
        let (merged, _) = merge(&base, &ours, &theirs, "copy");
        for a in ours.annotations.iter().chain(&theirs.annotations) {
            let m = by_id(&merged, &a.id);
            prop_assert!(m.is_some(), "{} lost", a.id);
            let m = m.unwrap();
            // And no note's text is dropped, whatever the base says.
            prop_assert!(m.note.contains(&a.note), "{:?} lost from {:?}", a.note, m.note);
            for tag in &a.tags {
                prop_assert!(m.tags.contains(tag));
            }
        }
        let ids: std::collections::HashSet<&str> = merged.annotations.iter().map(|a| a.id.as_str()).collect();
        prop_assert_eq!(ids.len(), merged.annotations.len(), "an id twice");
    }
}

fn write_notes(path: &Path, n: &Notes) {
    std::fs::write(path, super::super::serialise_notes(n)).unwrap();
}

#[test]
fn a_copy_is_found_read_and_put_away_never_over_another() {
    let dir = tempfile::tempdir().unwrap();
    let name = "annotations.sync-conflict-20261205-123456-ABCDEFG.ron";
    write_notes(&dir.path().join(name), &notes(vec![ann("x", "laptop", 1)]));
    std::fs::write(
        dir.path()
            .join("annotations (Jane's conflicted copy 2026-12-05).ron"),
        "(garbage",
    )
    .unwrap();
    let found = find(dir.path());
    assert_eq!(found.len(), 2);
    let bad = found
        .iter()
        .find(|c| c.service == Service::Dropbox)
        .unwrap();
    assert!(read(bad).is_err());
    let good = found
        .iter()
        .find(|c| c.service == Service::Syncthing)
        .unwrap();
    assert_eq!(read(good).unwrap().annotations.len(), 1);
    // A file of that name already in .gloss/merged/ is not replaced.
    std::fs::create_dir_all(dir.path().join(".gloss/merged")).unwrap();
    std::fs::write(dir.path().join(".gloss/merged").join(name), "earlier").unwrap();
    let to = put_away(dir.path(), good).unwrap();
    assert!(!good.path.exists());
    assert_ne!(to, dir.path().join(".gloss/merged").join(name));
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".gloss/merged").join(name)).unwrap(),
        "earlier"
    );
    assert_eq!(
        read(&SyncCopy {
            path: to,
            ..good.clone()
        })
        .unwrap()
        .annotations
        .len(),
        1
    );
}

#[cfg(unix)]
#[test]
fn a_link_in_place_of_the_merged_folder_keeps_the_copy_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".gloss")).unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join(".gloss/merged")).unwrap();
    let name = "annotations (conflicted copy 2026-12-05 123456).ron";
    write_notes(&dir.path().join(name), &notes(vec![ann("x", "", 1)]));
    let copy = find(dir.path()).remove(0);
    assert!(put_away(dir.path(), &copy).is_err());
    assert!(copy.path.exists());
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    assert!(!own_file_problems(dir.path()).is_empty());
}
