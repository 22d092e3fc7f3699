//! `gloss compare` as a script uses it: JSON on stdout with char positions that slice the
//! quoted text out of each article, corpus boilerplate left out, exit 2 for an unknown article.

use std::process::Command;

fn gloss(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .arg("compare")
        .arg("--corpus")
        .arg(dir)
        .args(args)
        .output()
        .unwrap()
}

const WIDGET: &str = "Join the conversation and share your views on this story with other \
                      readers in the comments below.";

#[test]
fn compare_prints_pairs_as_json_that_slice_the_articles() {
    let dir = tempfile::tempdir().unwrap();
    let shared = "The minister flew to Moscow on Friday for talks about cyber attacks, \
                  election interference and the poisoning of a former spy in Salisbury";
    let a = format!(
        "Sky report\n\nMarkets were calm as traders waited for inflation figures.\n\n\
         {shared}.\n\n{WIDGET}\n"
    );
    let b = format!(
        "BBC report\n\nA new bridge opened downtown after years of delays.\n\n\
         On Friday the minister flew to Moscow for talks about cyber attacks, election \
         meddling and the poisoning of a former spy in Salisbury.\n\n{WIDGET}\n"
    );
    std::fs::write(dir.path().join("a.txt"), &a).unwrap();
    std::fs::write(dir.path().join("b.txt"), &b).unwrap();
    for i in 0..3 {
        std::fs::write(
            dir.path().join(format!("other{i}.txt")),
            format!("Story {i} about gardens, trains and {i} weather fronts.\n\n{WIDGET}\n"),
        )
        .unwrap();
    }
    let out = gloss(dir.path(), &["a.txt", "b.txt", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["a"], "a.txt");
    assert_eq!(json["b"], "b.txt");
    let pairs = json["pairs"].as_array().unwrap();
    assert_eq!(
        pairs.len(),
        1,
        "the shared report, not the comment widget: {json:#}"
    );
    let p = &pairs[0];
    assert_eq!(p["kind"], "similar");
    let score = p["score"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&score));
    for (side, text) in [("a", &a), ("b", &b)] {
        let (start, end) = (
            p[side]["start"].as_u64().unwrap() as usize,
            p[side]["end"].as_u64().unwrap() as usize,
        );
        let slice: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(slice, p[side]["quote"].as_str().unwrap());
        assert!(
            slice.contains("poisoning of a former spy in Salisbury"),
            "{slice}"
        );
    }
}

#[test]
fn an_unknown_article_exits_2_and_names_the_articles() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Some text.\n").unwrap();
    let out = gloss(dir.path(), &["a.txt", "missing.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("missing.txt") && err.contains("a.txt"),
        "{err}"
    );
}

/// A file of the folder that is not a readable article (binary here) is named with the
/// reason, not reported as missing; an empty search is refused the same way.
#[test]
fn a_skipped_file_is_refused_with_its_reason_and_an_empty_search_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Some text.\n").unwrap();
    std::fs::write(dir.path().join("bin.txt"), b"MZ\0\0\x90\0binary").unwrap();
    let out = gloss(dir.path(), &["a.txt", "bin.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bin.txt cannot be compared: binary"), "{err}");

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["search", "--corpus"])
        .arg(dir.path())
        .args(["--json", "--", "  "])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to search for"));
}

/// Two outlets' reports of one story in their own words: the bundled pair's two
/// correspondences are found, as whole sentences; a differing figure is `differs` with the
/// differing words; CSV reads back; a dismissed suggestion stays hidden unless `--all`.
#[test]
fn independent_reports_pair_sentence_by_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let (sky, bbc) = ("000_085c7264399e0b47.txt", "003_b993387af2baf757.txt");
    for f in [sky, bbc] {
        std::fs::copy(root.join(f), dir.path().join(f)).unwrap();
    }
    let out = gloss(dir.path(), &[sky, bbc, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pairs = json["pairs"].as_array().unwrap();
    let has = |a: &str, b: &str| {
        pairs.iter().any(|p| {
            p["a"]["quote"].as_str().unwrap().starts_with(a)
                && p["b"]["quote"].as_str().unwrap().contains(b)
        })
    };
    assert!(
        has(
            "He met Russia’s acting foreign minister Sergey Lavrov",
            "Sergei Lavrov"
        ),
        "{json:#}"
    );
    assert!(
        has(
            "The two ministers are also expected to discuss Syria",
            "The two politicians"
        ),
        "{json:#}"
    );
    for p in pairs {
        // Whole sentences: each quote ends a sentence.
        for side in ["a", "b"] {
            let q = p[side]["quote"].as_str().unwrap();
            assert!(q.ends_with(['.', '"', '”']), "{q}");
        }
    }

    // A differing figure.
    std::fs::write(
        dir.path().join("x.txt"),
        "Deal report\n\nMarkets in Asia were calm on Monday morning as traders waited. Yucaipa \
         owned Dominick's before selling the chain to Safeway in 1998 for $2.5 billion.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("y.txt"),
        "Another report\n\nA new bridge opened downtown after six years of delays. Yucaipa \
         bought Dominick's in 1995 and sold the chain to Safeway for $1.8 billion in 1998.\n",
    )
    .unwrap();
    let out = gloss(dir.path(), &["x.txt", "y.txt", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let p = &json["pairs"][0];
    assert_eq!(p["kind"], "differs", "{json:#}");
    assert!(p["differing"]["a"].to_string().contains("2.5"), "{p}");
    assert!(p["differing"]["b"].to_string().contains("1.8"), "{p}");

    let csv_out = gloss(dir.path(), &["x.txt", "y.txt", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(&csv_out.stdout[..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // The correspondence table: the pair, and each sentence without counterpart on a row of
    // its own, in the order of x.txt (y's lines before the pair stand just before its row).
    let table: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| (r[0].to_owned(), r[4].to_owned(), r[7].to_owned()))
        .collect();
    let kinds: Vec<&str> = table.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        kinds,
        ["only_a", "only_a", "only_b", "only_b", "differs"],
        "{table:#?}"
    );
    assert!(table[4].1.starts_with("Yucaipa owned") && table[4].2.starts_with("Yucaipa bought"));
    assert_eq!(
        table[1].1,
        "Markets in Asia were calm on Monday morning as traders waited."
    );
    assert!(table[1].2.is_empty());
    assert_eq!(
        table[3].2,
        "A new bridge opened downtown after six years of delays."
    );
    assert_eq!(&rows[4][8], "2.5");
    // In the order of y.txt, y's own sentences lead; x's stand before the pair.
    let by_b = gloss(
        dir.path(),
        &["x.txt", "y.txt", "--format", "csv", "--order", "b"],
    );
    let mut reader = csv::Reader::from_reader(&by_b.stdout[..]);
    let kinds: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
    assert_eq!(kinds, ["only_b", "only_b", "only_a", "only_a", "differs"]);
    let md = gloss(dir.path(), &["x.txt", "y.txt", "--format", "markdown"]);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.contains("| differs |"), "{md}");
    assert!(md.contains("| only in x.txt |"), "{md}");

    // Dismissed in the notes file: hidden, unless --all.
    let key = gloss::link::Dismissal::new(
        "x.txt",
        p["a"]["quote"].as_str().unwrap(),
        "y.txt",
        p["b"]["quote"].as_str().unwrap(),
    );
    let notes = gloss::notes::Notes {
        dismissed: vec![key],
        ..Default::default()
    };
    std::fs::write(
        dir.path().join("annotations.ron"),
        gloss::store::serialise_notes(&notes),
    )
    .unwrap();
    let hidden = gloss(dir.path(), &["x.txt", "y.txt", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&hidden.stdout).unwrap();
    assert!(json["pairs"].as_array().unwrap().is_empty(), "{json:#}");
    let all = gloss(dir.path(), &["x.txt", "y.txt", "--json", "--all"]);
    let json: serde_json::Value = serde_json::from_slice(&all.stdout).unwrap();
    assert_eq!(json["pairs"].as_array().unwrap().len(), 1);
}
