//! Links between passages of two articles, as the core keeps them: made from selections or
//! highlights, saved in format version 3 and read back, merged with outside edits by id,
//! kept (dangling) when an end is lost, moved with their highlights when an article changes.

mod common;

use common::{BBC, SKY, bundled_corpus, find_in_file};

use std::path::{Path, PathBuf};

use gloss::annotation::Color;
use gloss::link::{Link, Relation};
use gloss::notebook::Command;
use gloss::store;
use gloss::workspace::{End, Workspace};

fn notes(dir: &Path) -> PathBuf {
    dir.join(store::NOTES_FILE)
}

const SKY_PHRASE: &str = "Sergey Lavrov";
const BBC_PHRASE: &str = "Sergei Lavrov";

fn passage(dir: &Path, article: &str, phrase: &str) -> End {
    End::Passage {
        article: article.into(),
        range: find_in_file(dir, article, phrase),
    }
}

#[test]
fn a_link_between_two_selections_survives_save_and_reopen() {
    let dir = bundled_corpus();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let linked = ws
        .link(
            passage(dir.path(), SKY, SKY_PHRASE),
            passage(dir.path(), BBC, BBC_PHRASE),
            Relation::SameFact,
            "spelled differently",
            Color::Green,
        )
        .unwrap();
    assert_eq!(
        ws.notebook().annotations().len(),
        2,
        "both ends highlighted"
    );
    ws.save().unwrap();
    let text = std::fs::read_to_string(notes(dir.path())).unwrap();
    assert!(text.contains("version: 3"), "{text}");
    assert!(text.contains("relation: same_fact"));
    drop(ws);

    let ws = Workspace::open(dir.path()).unwrap();
    let link = ws.notebook().link(&linked.link).expect("link read back");
    assert_eq!(link.note, "spelled differently");
    let [from, to] = ws.link_ends(link);
    assert_eq!(from, Some((SKY, find_in_file(dir.path(), SKY, SKY_PHRASE))));
    assert_eq!(to, Some((BBC, find_in_file(dir.path(), BBC, BBC_PHRASE))));
}

#[test]
fn linking_a_passage_already_highlighted_reuses_the_highlight_and_undo_removes_all_of_it() {
    let dir = bundled_corpus();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let range = find_in_file(dir.path(), SKY, SKY_PHRASE);
    let made = ws.highlight(SKY, range, Color::Yellow).unwrap();
    let linked = ws
        .link(
            End::Annotation(made.id.clone()),
            passage(dir.path(), BBC, BBC_PHRASE),
            Relation::Contradicts,
            "",
            Color::Pink,
        )
        .unwrap();
    assert_eq!(linked.from, made.id);
    assert_eq!(ws.notebook().annotations().len(), 2);
    // Accepting the same pair as a corresponding passage finds both highlights: no new ones,
    // and the pair is already linked.
    let again = ws.accept_pair(
        (SKY, find_in_file(dir.path(), SKY, SKY_PHRASE)),
        (BBC, find_in_file(dir.path(), BBC, BBC_PHRASE)),
        gloss::link::Relation::SameFact,
        Color::Yellow,
    );
    assert!(again.is_err());
    assert_eq!(ws.notebook().annotations().len(), 2);
    ws.undo();
    assert!(ws.notebook().links().is_empty());
    assert_eq!(
        ws.notebook().annotations().len(),
        1,
        "the highlight made for the link went with it; the older one stayed"
    );
}

#[test]
fn format_version_2_is_migrated_and_saved_as_version_3() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/notes-v2.ron");
    let bytes = std::fs::read(&fixture).unwrap();
    assert_eq!(store::peek_version(&bytes), Some(2));
    let dir = bundled_corpus();
    std::fs::write(notes(dir.path()), &bytes).unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    assert!(ws.load_error.is_none(), "{:?}", ws.load_error);
    let list = ws.notebook().to_list();
    assert_eq!(list.len(), 4);
    assert!(list.iter().any(|a| a.tags == ["sanctions", "quote"]));
    assert!(ws.notebook().links().is_empty());
    let (a, b) = (list[0].id.clone(), list[1].id.clone());
    ws.apply(Command::link(Link::new(&a, &b, Relation::AddsDetail, "")))
        .unwrap();
    ws.save().unwrap();
    let saved = store::load_notes(&notes(dir.path())).unwrap();
    assert_eq!(saved.links.len(), 1);
    assert_eq!(saved.annotations.len(), 4);
    assert!(
        saved
            .annotations
            .iter()
            .any(|x| x.tags == ["sanctions", "quote"])
    );
    // Written as version 3: a version-2 build sees a newer file and opens it read-only
    // (the version check every build has), so it never drops the links by rewriting it.
    let text = std::fs::read_to_string(notes(dir.path())).unwrap();
    assert_eq!(store::peek_version(text.as_bytes()), Some(3));
}

#[test]
fn links_edited_outside_merge_by_id_and_the_older_of_two_edits_goes_to_the_conflict_file() {
    let dir = bundled_corpus();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let first = ws
        .link(
            passage(dir.path(), SKY, SKY_PHRASE),
            passage(dir.path(), BBC, BBC_PHRASE),
            Relation::SameFact,
            "",
            Color::Yellow,
        )
        .unwrap();
    ws.save().unwrap();

    // Elsewhere (a synced copy, a text editor): the link's note changed, and a new highlight
    // with a link to it was added.
    let mut theirs = store::load_notes(&notes(dir.path())).unwrap();
    theirs.links[0].note = "theirs, older".into();
    theirs.links[0].modified = jiff::Timestamp::from_second(1_000_000_000).unwrap();
    let mut other = theirs.annotations[0].clone();
    other.id = "added-elsewhere".into();
    theirs.annotations.push(other);
    let mut added = Link::new(&first.to, "added-elsewhere", Relation::Quotes, "theirs");
    added.id = "link-added-elsewhere".into();
    theirs.links.push(added);
    std::thread::sleep(std::time::Duration::from_millis(20));
    store::save_notes(&notes(dir.path()), &theirs).unwrap();

    // Here: the same link's note changed later.
    ws.apply(Command::EditLink {
        id: first.link.clone(),
        relation: Relation::SameFact,
        note: "ours, newer".into(),
    })
    .unwrap();
    let change = ws.save().unwrap().expect("the file had changed on disk");
    assert_eq!(ws.notebook().link(&first.link).unwrap().note, "ours, newer");
    assert_eq!(
        ws.notebook().link("link-added-elsewhere").unwrap().note,
        "theirs"
    );
    let conflicts = change.conflict_file.expect("both edited the note");
    let lost = store::load_notes(&conflicts).unwrap();
    assert_eq!(lost.links[0].note, "theirs, older");
    let on_disk = store::load_notes(&notes(dir.path())).unwrap();
    assert_eq!(on_disk.links.len(), 2);
}

#[test]
fn a_link_whose_end_was_deleted_elsewhere_is_kept_dangling_and_ends_follow_edits() {
    let dir = bundled_corpus();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let linked = ws
        .link(
            passage(dir.path(), SKY, SKY_PHRASE),
            passage(dir.path(), BBC, BBC_PHRASE),
            Relation::Agrees,
            "",
            Color::Yellow,
        )
        .unwrap();
    ws.save().unwrap();
    drop(ws);

    // The BBC article gets a new first paragraph: the BBC end moves with its highlight.
    let bbc = dir.path().join(BBC);
    let text = std::fs::read_to_string(&bbc).unwrap();
    std::fs::write(&bbc, format!("An editor's note added on top.\n{text}")).unwrap();
    // And the Sky end's highlight is deleted by hand from the file (links left alone).
    let mut on_disk = store::load_notes(&notes(dir.path())).unwrap();
    on_disk.annotations.retain(|a| a.id != linked.from);
    store::save_notes(&notes(dir.path()), &on_disk).unwrap();

    let ws = Workspace::open(dir.path()).unwrap();
    let link = ws.notebook().link(&linked.link).expect("kept");
    assert!(ws.notebook().is_dangling(link));
    let [from, to] = ws.link_ends(link);
    assert_eq!(from, None);
    assert_eq!(to, Some((BBC, find_in_file(dir.path(), BBC, BBC_PHRASE))));
}

#[test]
fn links_round_trip_through_w3c_export_and_import_and_show_in_markdown() {
    let dir = bundled_corpus();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.link(
        passage(dir.path(), SKY, SKY_PHRASE),
        passage(dir.path(), BBC, BBC_PHRASE),
        Relation::Contradicts,
        "one says Sergey",
        Color::Blue,
    )
    .unwrap();
    let json = gloss::export::render(gloss::export::Format::W3c, &ws);
    let values: serde_json::Value = serde_json::from_str(&json).unwrap();
    let link = values
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["motivation"] == "linking")
        .expect("the link is exported");
    assert_eq!(link["gloss:relation"], "contradicts");
    assert_eq!(link["@context"][1]["gloss"], gloss::link::GLOSS_NS);
    assert_eq!(link["target"]["source"], SKY);
    let body = &link["body"][0];
    assert_eq!(body["type"], "SpecificResource");
    assert_eq!(body["source"], BBC);
    assert_eq!(body["selector"][0]["exact"], BBC_PHRASE);

    let md = gloss::export::render(gloss::export::Format::Markdown, &ws);
    assert!(
        md.contains(&format!("↔ contradicts: “{BBC_PHRASE}”")),
        "{md}"
    );

    // Into a fresh copy of the corpus with no notes: the link comes back between the same
    // passages.
    let other = bundled_corpus();
    let mut fresh = Workspace::open(other.path()).unwrap();
    let (records, skipped) = gloss::import::parse(&json).unwrap();
    assert_eq!(skipped, 0);
    let report = gloss::import::import(&mut fresh, records.clone(), None).unwrap();
    assert_eq!(report.links, 1, "{report}");
    assert_eq!(
        fresh.notebook().annotations().len(),
        2,
        "no duplicate highlights"
    );
    let link = &fresh.notebook().links()[0];
    assert_eq!(link.relation, Relation::Contradicts);
    assert_eq!(link.note, "one says Sergey");
    assert_eq!(
        fresh.link_ends(link),
        [
            Some((SKY, find_in_file(other.path(), SKY, SKY_PHRASE))),
            Some((BBC, find_in_file(other.path(), BBC, BBC_PHRASE))),
        ]
    );
    // Importing the same file again adds nothing.
    let again = gloss::import::import(&mut fresh, records, None).unwrap();
    assert_eq!((again.links, again.links_already_present), (0, 1));
    assert_eq!(fresh.notebook().links().len(), 1);
}
