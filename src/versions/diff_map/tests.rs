//! The diff map's tests: exact and changed passages, moved blocks, the one deadline.

use super::*;

fn range_of(text: &str, phrase: &str) -> Range<usize> {
    let at = text.find(phrase).unwrap();
    let start = text[..at].chars().count();
    start..start + phrase.chars().count()
}

fn slice(text: &str, r: Range<usize>) -> String {
    text.chars().skip(r.start).take(r.len()).collect()
}

const OLD: &str = "Talks in Moscow\n\nThe minister arrived on Tuesday. He said the talks \
                   would be frank.\n\nOfficials played down hopes of a breakthrough in \
                   the talks.\n\nA second round is expected in the spring.\n";

#[test]
fn unchanged_passages_map_exactly_and_a_lone_common_word_too() {
    let new = OLD
        .replace("Talks in Moscow", "Minister in Moscow for talks")
        .replace(
            "played down hopes of a breakthrough in",
            "said little could come of",
        );
    let map = DiffMap::new(OLD, &new);
    for phrase in ["He said the talks would be frank.", "spring"] {
        let mapped = map.map(range_of(OLD, phrase));
        assert_eq!(mapped, Mapped::Exact(range_of(&new, phrase)), "{phrase}");
    }
    // "the" of "in the talks": its sentence was rewritten around it, the word itself
    // survives and is found exactly — though "the" occurs three times in the new text.
    let the = range_of(OLD, "the talks.\n\nA");
    let the = the.start..the.start + 3;
    let Mapped::Exact(r) = map.map(the) else {
        panic!("not exact")
    };
    assert_eq!(slice(&new, r.start..r.end + 6), "the talks");
    assert_eq!(
        r,
        range_of(&new, "the talks.\n\nA").start..range_of(&new, "the talks.\n\nA").start + 3
    );
}

/// An article rewritten in a hundred separate stretches: the diff has one deadline for
/// all of them (with one per stretch it took 50 s). Past it, the stretches left are
/// marked unfinished — a passage there is not said to be gone, the selectors place it —
/// and what was compared before the deadline still maps.
#[test]
fn one_deadline_for_the_whole_diff_and_what_it_left_is_marked_unfinished() {
    let old: String = (0..100)
        .map(|i| format!("Paragraph {i} says the minister met officials on day {i}.\n\n"))
        .collect();
    let new: String = (0..100)
        .map(|i| format!("Paragraph {i} says the envoy met nobody on day {i}.\n\n"))
        .collect();
    let started = Instant::now();
    let timed_out = DiffMap::with_deadline(&old, &new, started);
    assert!(started.elapsed() < Duration::from_secs(2));
    let passage = range_of(&old, "minister met officials on day 7.");
    assert!(timed_out.unfinished(&passage));
    // In time, nothing is unfinished and an unchanged word maps exactly.
    let full = DiffMap::new(&old, &new);
    assert!(!full.unfinished(&passage));
    let day = range_of(&old, "Paragraph 7 says");
    assert_eq!(
        full.map(day.clone()),
        Mapped::Exact(range_of(&new, "Paragraph 7 says"))
    );
}

/// A paragraph cut and pasted elsewhere is a move, not a deletion: a passage in it maps
/// exactly to its new place, and one whose own words were edited on the way maps as
/// changed.
#[test]
fn a_moved_paragraph_is_carried_to_its_new_place() {
    let paras = [
        "Talks in Moscow",
        "The minister arrived on Tuesday and said the talks would be frank.",
        "Officials played down hopes of a breakthrough in the talks.",
        "A second round is expected in the spring, officials said.",
        "The embassy declined to comment on the visit.",
    ];
    let old = paras.join("\n\n");
    let moved = [paras[0], paras[2], paras[3], paras[1], paras[4]].join("\n\n");
    let map = DiffMap::new(&old, &moved);
    let phrase = "said the talks would be frank";
    assert_eq!(
        map.map(range_of(&old, phrase)),
        Mapped::Exact(range_of(&moved, phrase))
    );
    let edited = moved.replace("would be frank", "would be very frank");
    let map = DiffMap::new(&old, &edited);
    match map.map(range_of(&old, phrase)) {
        Mapped::Changed { range, .. } => {
            assert_eq!(slice(&edited, range), "said the talks would be very frank")
        }
        other => panic!("{other:?}"),
    }
    // Unrelated paragraphs are not taken for a move.
    let rewritten = [
        paras[0],
        paras[2],
        paras[3],
        "Nobody expects anything now.",
        paras[4],
    ]
    .join("\n\n");
    let map = DiffMap::new(&old, &rewritten);
    assert_eq!(map.map(range_of(&old, phrase)), Mapped::Gone);
}

#[test]
fn an_edited_passage_is_carried_when_most_survives_and_given_up_otherwise() {
    let new = OLD
        .replace("would be frank", "would be very frank")
        .replace(
            "Officials played down hopes of a breakthrough in the talks.",
            "Nobody expects anything to come of it.",
        );
    let map = DiffMap::new(OLD, &new);
    match map.map(range_of(OLD, "He said the talks would be frank.")) {
        Mapped::Changed { range, kept } => {
            assert_eq!(slice(&new, range), "He said the talks would be very frank.");
            assert!(kept > 0.99);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        map.map(range_of(OLD, "played down hopes of a breakthrough")),
        Mapped::Gone
    );
}

#[test]
fn a_rewrapped_text_maps_every_word() {
    let old = "one two three four five six seven eight nine ten\n".repeat(20);
    let new = old.replace('\n', " ").replace("five six", "five\nsix");
    let map = DiffMap::new(&old, &new);
    let r = range_of(&old, "three four five");
    assert_eq!(map.map(r.clone()), Mapped::Exact(r));
}

#[test]
fn changes_list_what_was_deleted_and_inserted() {
    let old = "a b c d e\n";
    let new = "a b x d e f\n";
    let map = DiffMap::new(old, new);
    let changes = map.changes(old.chars().count(), new.chars().count());
    let shown: Vec<(String, String)> = changes
        .iter()
        .map(|(o, n)| (slice(old, o.clone()), slice(new, n.clone())))
        .collect();
    assert_eq!(
        shown,
        [
            ("c".to_owned(), "x".to_owned()),
            ("".to_owned(), " f".to_owned())
        ]
    );
}
