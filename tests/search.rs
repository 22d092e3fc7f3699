//! Search, as the reader and scripts use it: every match of a phrase, whatever its case,
//! accents, quotes or line breaks, at the right char positions — checked against a plain
//! reference search written here, on random texts and through `gloss search --json`; CSV
//! exports read back with a CSV reader; the overview grid counted against a generated corpus.

use std::process::Command as Process;

use gloss::annotation::{Annotation, Color};
use gloss::corpus::Article;
use gloss::search::{Options, find_all, fold};
use proptest::prelude::*;

/// The reference: each char folded on its own (Unicode full case folding, compatibility
/// decomposition with accents dropped, quotes unified), white space runs as one space, then a
/// naive scan — slow and obvious.
fn reference(text: &str, query: &str, options: Options) -> Vec<std::ops::Range<usize>> {
    use unicode_normalization::UnicodeNormalization;
    fn one(c: char, case: bool) -> String {
        let c = match c {
            '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' => '\'',
            '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
            c => c,
        };
        let lowered: String = if case {
            c.to_string()
        } else {
            caseless::default_case_fold_str(&c.to_string())
        };
        lowered
            .nfkd()
            .filter(|d| !unicode_normalization::char::is_combining_mark(*d))
            .collect()
    }
    // Folded chars with the original char each came from.
    let mut folded: Vec<(char, usize)> = Vec::new();
    let mut space = false;
    for (i, c) in text.chars().enumerate() {
        if c.is_whitespace() {
            if !space {
                folded.push((' ', i));
            }
            space = true;
        } else {
            space = false;
            for d in one(c, options.match_case).chars() {
                folded.push((d, i));
            }
        }
    }
    let mut q: Vec<char> = Vec::new();
    let mut space = false;
    for c in query.chars() {
        if c.is_whitespace() {
            if !space {
                q.push(' ');
            }
            space = true;
        } else {
            space = false;
            q.extend(one(c, options.match_case).chars());
        }
    }
    if q.iter().all(|c| *c == ' ') {
        return Vec::new();
    }
    let total = text.chars().count();
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut out = Vec::new();
    let mut i = 0;
    while i + q.len() <= folded.len() {
        let hit = folded[i..i + q.len()]
            .iter()
            .map(|(c, _)| *c)
            .eq(q.iter().copied());
        let before = word(i.checked_sub(1).map(|k| folded[k].0));
        let after = word(folded.get(i + q.len()).map(|x| x.0));
        let glued = (before && word(q.first().copied())) || (after && word(q.last().copied()));
        let edges_ok = !options.whole_word || !glued;
        if hit && edges_ok {
            let start = folded[i].1;
            let last = folded[i + q.len() - 1].1;
            let next = folded.get(i + q.len()).map_or(total, |x| x.1);
            out.push(start..next.max(last + 1));
            i += q.len();
        } else {
            i += 1;
        }
    }
    out
}

fn slice(text: &str, r: std::ops::Range<usize>) -> String {
    text.chars().skip(r.start).take(r.len()).collect()
}

#[test]
fn case_accents_quotes_and_line_breaks_fold_with_positions_on_the_text() {
    let text =
        "The CAFÉ “Noir” opened.\nA cafe\u{301} noir — “café\n  noir”, Café\tNoir! cafés noirs.";
    let found: Vec<String> = find_all(&fold(text, false), "café noir", Options::default())
        .into_iter()
        .map(|r| slice(text, r))
        .collect();
    assert_eq!(
        found,
        ["cafe\u{301} noir", "café\n  noir", "Café\tNoir"],
        "“Noir” has a quote between; “cafés noirs” has an s between"
    );
    let quoted: Vec<String> = find_all(&fold(text, false), "\"noir\"", Options::default())
        .into_iter()
        .map(|r| slice(text, r))
        .collect();
    assert_eq!(quoted, ["“Noir”"], "curly quotes match straight ones");
    let exact = Options {
        match_case: true,
        whole_word: false,
    };
    let cased: Vec<String> = find_all(&fold(text, true), "Café", exact)
        .into_iter()
        .map(|r| slice(text, r))
        .collect();
    assert_eq!(cased, ["Café"], "match case: CAFÉ, cafe and café are out");
    let word = Options {
        match_case: false,
        whole_word: true,
    };
    let words = find_all(&fold(text, false), "cafe", word).len();
    assert_eq!(words, 4, "whole word: cafés is not cafe");
}

#[test]
fn full_case_folding_and_compatibility_forms_find_what_a_reader_types() {
    // ß folds to ss, the ligature ﬁ is f i, the digraph ǅ (one char) is d ž, final ς is σ.
    let text = "Die Straße ist ﬁnal. Mr. ǅemal Ćosić wrote ΟΔΟΣ and οδος.";
    let find = |q: &str| -> Vec<String> {
        find_all(&fold(text, false), q, Options::default())
            .into_iter()
            .map(|r| slice(text, r))
            .collect()
    };
    assert_eq!(find("strasse"), ["Straße"]);
    assert_eq!(find("STRASSE"), ["Straße"]);
    assert_eq!(find("final"), ["ﬁnal"]);
    assert_eq!(find("dzemal"), ["ǅemal"]);
    assert_eq!(find("cosic"), ["Ćosić"]);
    assert_eq!(find("οδοσ"), ["ΟΔΟΣ", "οδος"]);
    assert_eq!(find("οδος"), ["ΟΔΟΣ", "οδος"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn find_agrees_with_the_reference_on_random_text(
        text in proptest::collection::vec(
            prop::sample::select(vec!["a", "b", "A", "é", "e\u{301}", "É", "’", "'", "“", "\"", " ", "\n", "  ", "ß", "İ", "x", "s", "ﬁ", "f", "i", "ς", "σ", "Σ"]),
            0..60,
        ),
        query in proptest::collection::vec(
            prop::sample::select(vec!["a", "b", "e", "é", "'", "\"", " ", "\n", "B", "s", "fi", "σ", "ς"]),
            1..4,
        ),
        match_case in any::<bool>(),
        whole_word in any::<bool>(),
    ) {
        let text: String = text.concat();
        let query: String = query.concat();
        let options = Options { match_case, whole_word };
        let ours = find_all(&fold(&text, match_case), &query, options);
        prop_assert_eq!(ours, reference(&text, &query, options), "{:?} in {:?}", query, text);
    }
}

/// A corpus folder with two articles and notes: a quote, a note with awkward characters and
/// tags.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let a = "Russia’s cyber attacks.\r\nThe CYBER\r\nattacks went on; Naïve claims.\n";
    let b = "No cyber-attacks here, said the ministry. Cyber attacks, cyber attacks!\n";
    std::fs::write(dir.path().join("a.txt"), a).unwrap();
    std::fs::write(dir.path().join("b.txt"), b).unwrap();
    let article = Article::from_text("a.txt", a.replace("\r\n", "\n"), None);
    let mut one = Annotation::new(&article, 0..23, Color::Green);
    one.note = "Compare: \"cyber\", said who?\nSecond line, with a comma".into();
    one.tags = vec!["cyber".into(), "russia".into()];
    let mut two = Annotation::new(&article, 24..40, Color::Pink);
    two.tags = vec!["cyber".into()];
    let b_article = Article::from_text("b.txt", b.into(), None);
    let mut three = Annotation::new(&b_article, 42..54, Color::Green);
    three.tags = vec!["ministry".into()];
    gloss::store::save(&dir.path().join("annotations.ron"), &[one, two, three]).unwrap();
    dir
}

fn gloss(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn cli_search_json_reports_every_match_at_char_positions_and_the_notes() {
    let dir = corpus();
    let root = dir.path().to_str().unwrap();
    let out = gloss(&["search", "--corpus", root, "cyber attacks", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = v["hits"].as_array().unwrap();
    let texts = |name: &str| {
        std::fs::read_to_string(dir.path().join(name))
            .unwrap()
            .replace("\r\n", "\n")
    };
    let mut seen = Vec::new();
    for h in hits {
        let name = h["article"].as_str().unwrap();
        let (s, e) = (
            h["start"].as_u64().unwrap() as usize,
            h["end"].as_u64().unwrap() as usize,
        );
        let found = slice(&texts(name), s..e);
        assert_eq!(
            found
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase(),
            "cyber attacks",
            "{found:?}"
        );
        assert!(
            h["context"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("cyber attacks")
        );
        seen.push((name.to_owned(), s));
    }
    // a.txt: "cyber attacks", "CYBER\nattacks"; b.txt: "Cyber attacks", "cyber attacks"
    // ("cyber-attacks" has a hyphen, not white space).
    assert_eq!(seen.len(), 4, "{seen:?}");
    let notes = v["annotations"].as_array().unwrap();
    let fields: Vec<(&str, &str)> = notes
        .iter()
        .map(|n| (n["field"].as_str().unwrap(), n["article"].as_str().unwrap()))
        .collect();
    assert!(fields.contains(&("quote", "a.txt")), "{fields:?}");

    let tag = gloss(&[
        "search",
        "--corpus",
        root,
        "MINISTRY",
        "--json",
        "--case-sensitive",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&tag.stdout).unwrap();
    assert!(
        v["hits"].as_array().unwrap().is_empty(),
        "case-sensitive: no MINISTRY"
    );
    let naive = gloss(&["search", "--corpus", root, "naive", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&naive.stdout).unwrap();
    assert_eq!(v["hits"].as_array().unwrap().len(), 1, "Naïve = naive");
}

#[test]
fn csv_export_reads_back_in_a_csv_reader_and_the_grid_counts_tags_per_article() {
    let dir = corpus();
    let root = dir.path().to_str().unwrap();
    let out = gloss(&["export", "--corpus", root, "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout.windows(2).any(|w| w == b"\r\n"),
        "RFC 4180 line ends"
    );
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "id", "article", "start", "end", "color", "tags", "quote", "note", "created",
            "modified", "page"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    let first = rows.iter().find(|r| !r[7].is_empty()).unwrap();
    assert_eq!(
        &first[7],
        "Compare: \"cyber\", said who?\nSecond line, with a comma"
    );
    assert_eq!(&first[5], "cyber;russia");
    let text = std::fs::read_to_string(dir.path().join("a.txt"))
        .unwrap()
        .replace("\r\n", "\n");
    let (s, e): (usize, usize) = (first[2].parse().unwrap(), first[3].parse().unwrap());
    assert_eq!(
        slice(&text, s..e),
        first[6].to_string(),
        "start/end lead back to the quote"
    );

    let grid = gloss(&["export", "--corpus", root, "--format", "grid"]);
    let mut reader = csv::Reader::from_reader(&grid.stdout[..]);
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["tag", "a.txt", "b.txt"]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(
        rows,
        [
            vec!["cyber", "2", "0"],
            vec!["ministry", "0", "1"],
            vec!["russia", "1", "0"]
        ]
    );
}

#[test]
fn the_grid_counts_match_a_generated_corpus() {
    // 3 articles, 300 annotations with tags drawn by a fixed rule: the expected counts come
    // from the rule, not from the grid code.
    let tags = ["cyber", "sanctions", "nato", "election"];
    let mut list = Vec::new();
    let mut expected = std::collections::BTreeMap::new();
    for i in 0..300usize {
        let name = ["a.txt", "b.txt", "c.txt"][i % 3];
        let article = Article::from_text(name, "x".repeat(50), None);
        let mut a = Annotation::new(&article, 0..5, Color::ALL[i % 6]);
        for (k, t) in tags.iter().enumerate() {
            // Article c never gets "nato": an omission.
            if (i / 3 + k) % (k + 2) == 0 && !(name == "c.txt" && *t == "nato") {
                a.tags.push(t.to_string());
                *expected.entry((t.to_string(), i % 3)).or_insert(0usize) += 1;
            }
        }
        list.push(std::sync::Arc::new(a));
    }
    let grid = gloss::overview::grid(&["a.txt", "b.txt", "c.txt"], &list);
    for (tag, counts) in grid.tag_rows() {
        for (col, n) in counts.iter().enumerate() {
            assert_eq!(
                *n,
                expected.get(&(tag.to_owned(), col)).copied().unwrap_or(0),
                "{tag} in column {col}"
            );
        }
    }
    let nato = grid
        .rows
        .iter()
        .find(|r| r.key == gloss::overview::RowKey::Tag("nato".into()))
        .unwrap();
    assert!(nato.omission(2) && !nato.omission(0));
}
