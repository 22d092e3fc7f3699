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
