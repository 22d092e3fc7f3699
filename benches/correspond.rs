//! Corresponding sentences between independent reports, measured on real paraphrases:
//! sentence pairs written by different news outlets about the same events (the Microsoft
//! Research Paraphrase Corpus: pairs labelled "same meaning" by people), placed in article
//! pairs in random order among sentences with no counterpart (200 article pairs per part). Beside gloss, the classic peer:
//! TF-IDF cosine between sentences, each with its best counterpart above a threshold.
//!
//! The corpus is not shipped (its licence is its own): point `GLOSS_MSRP` at the folder holding
//! `msr_paraphrase_train.txt` (tuning) and `msr_paraphrase_test.txt` (held out, never tuned on).
//!
//! Kinds: `same fact` — a labelled paraphrase pair as written; `differs` — a paraphrase pair
//! with a number on the second side changed (the same event, a differing detail). A true pair
//! is found when one reported pair overlaps both its sentences; a reported pair is right when
//! both its sides overlap the two sentences of one true pair.
//!
//! Usage: `GLOSS_MSRP=/path cargo bench --bench correspond`

use std::collections::HashMap;
use std::ops::Range;

#[path = "support/anchoring_set.rs"]
mod anchoring_set;

use anchoring_set::Rng;

fn read(path: &std::path::Path) -> Vec<(bool, String, String)> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() == 5).then(|| (f[0] == "1", f[3].to_owned(), f[4].to_owned()))
        })
        .collect()
}

/// `s` with a number it shares with `other` changed (the first such), if it has one: the
/// same event with a differing detail. (A number only `s` has — an age, a date the other
/// leaves out — changed is no contradiction.)
fn change_a_number(s: &str, other: &str) -> Option<String> {
    let numbers = |t: &str| -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in t.char_indices().chain([(t.len(), ' ')]) {
            match (c.is_ascii_digit(), start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    // Whole numbers only: not part of a word or a decimal ("N2H2", "6.8").
                    let before = t[..st].chars().next_back();
                    let rest = &t[i..];
                    let word_before = before.is_some_and(|c| c.is_alphanumeric() || c == '.');
                    let word_after = rest.starts_with(char::is_alphanumeric)
                        || (rest.starts_with('.')
                            && rest[1..].starts_with(|c: char| c.is_ascii_digit()));
                    if !word_before && !word_after {
                        out.push((st, i));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        out
    };
    let theirs: Vec<&str> = numbers(other)
        .into_iter()
        .map(|(x, y)| &other[x..y])
        .collect();
    let (start, end) = numbers(s)
        .into_iter()
        .find(|&(x, y)| theirs.contains(&&s[x..y]))?;
    let n: u64 = s[start..end].parse().ok()?;
    let changed = if n >= 10 { n + n / 3 + 1 } else { n + 2 };
    Some(format!("{}{changed}{}", &s[..start], &s[end..]))
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Same,
    Differs,
}

struct Case {
    a: String,
    b: String,
    truth: Vec<(Range<usize>, Range<usize>, Kind)>,
    /// The sentences without counterpart on each side.
    fillers: [Vec<Range<usize>>; 2],
}

/// An article pair: 8 paraphrase pairs, 3 with a changed number, 14 unrelated sentences on
/// each side, in random order, three sentences to a paragraph.
fn case(rows: &[(bool, String, String)], rng: &mut Rng) -> Case {
    let positives: Vec<&(bool, String, String)> = rows.iter().filter(|r| r.0).collect();
    let mut a_items: Vec<(String, Option<usize>)> = Vec::new();
    let mut b_items: Vec<(String, Option<usize>)> = Vec::new();
    let mut kinds = Vec::new();
    let mut taken = std::collections::HashSet::new();
    while kinds.len() < 11 {
        let k = rng.below(positives.len());
        if !taken.insert(k) {
            continue;
        }
        let (_, s1, s2) = positives[k];
        let (b, kind) = if kinds.len() >= 8 {
            match change_a_number(s2, s1) {
                Some(changed) => (changed, Kind::Differs),
                _ => continue,
            }
        } else {
            (s2.clone(), Kind::Same)
        };
        a_items.push((s1.clone(), Some(kinds.len())));
        b_items.push((b, Some(kinds.len())));
        kinds.push(kind);
    }
    // Fillers from rows of their own: A's from even rows, B's from odd ones, so a filler of
    // one side is never the other's own paraphrase (MSRP pairs rows from the same clusters).
    let taken_sentences: std::collections::HashSet<&str> = taken
        .iter()
        .flat_map(|&k| [positives[k].1.as_str(), positives[k].2.as_str()])
        .collect();
    let mut fill = |side: usize, items: &mut Vec<(String, Option<usize>)>| loop {
        let k = rng.below(rows.len() / 2) * 2 + side;
        let Some(row) = rows.get(k) else { continue };
        let s = if side == 0 { &row.1 } else { &row.2 };
        if !taken_sentences.contains(s.as_str()) {
            items.push((s.clone(), None));
            return;
        }
    };
    for _ in 0..14 {
        fill(0, &mut a_items);
        fill(1, &mut b_items);
    }
    rng.shuffle(&mut a_items);
    rng.shuffle(&mut b_items);
    let build = |items: &[(String, Option<usize>)]| {
        let mut text = String::new();
        let mut at: HashMap<usize, Range<usize>> = HashMap::new();
        let mut fillers = Vec::new();
        for (n, (s, id)) in items.iter().enumerate() {
            let start = text.chars().count();
            text.push_str(s);
            let range = start..start + s.chars().count();
            match id {
                Some(id) => {
                    at.insert(*id, range);
                }
                None => fillers.push(range),
            }
            text.push_str(if n % 3 == 2 { "\n\n" } else { " " });
        }
        (text, at, fillers)
    };
    let (a, at_a, fillers_a) = build(&a_items);
    let (b, at_b, fillers_b) = build(&b_items);
    let truth = (0..kinds.len())
        .map(|k| (at_a[&k].clone(), at_b[&k].clone(), kinds[k]))
        .collect();
    Case {
        a,
        b,
        truth,
        fillers: [fillers_a, fillers_b],
    }
}

/// What a matcher reported for one case: both sides, and whether it marked the pair `differs`.
type Found = Vec<(Range<usize>, Range<usize>, bool)>;

fn overlaps(x: &Range<usize>, y: &Range<usize>) -> bool {
    x.start < y.end && y.start < x.end
}

/// The TF-IDF peer: sentences (gloss's splitter), words lower-cased, IDF over both articles'
/// sentences, cosine, best counterpart first, one to one, above `threshold`.
fn tfidf(a: &str, b: &str, threshold: f32) -> Vec<(Range<usize>, Range<usize>)> {
    let split = |t: &str| -> Vec<(Range<usize>, HashMap<String, f32>)> {
        let chars: Vec<char> = t.chars().collect();
        gloss::compare::sentences::split(t)
            .into_iter()
            .map(|r| {
                let s: String = chars[r.clone()].iter().collect();
                let mut tf = HashMap::new();
                for w in s
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                {
                    *tf.entry(w.to_lowercase()).or_insert(0.0) += 1.0;
                }
                (r, tf)
            })
            .collect()
    };
    let (sa, sb) = (split(a), split(b));
    let mut df: HashMap<&str, f32> = HashMap::new();
    for (_, tf) in sa.iter().chain(&sb) {
        for w in tf.keys() {
            *df.entry(w).or_default() += 1.0;
        }
    }
    let n = (sa.len() + sb.len()) as f32;
    let vec = |tf: &HashMap<String, f32>| -> HashMap<String, f32> {
        let v: HashMap<String, f32> = tf
            .iter()
            .map(|(w, c)| (w.clone(), c * (n / df[w.as_str()]).ln()))
            .collect();
        let norm = v.values().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
        v.into_iter().map(|(w, x)| (w, x / norm)).collect()
    };
    let va: Vec<_> = sa.iter().map(|(_, tf)| vec(tf)).collect();
    let vb: Vec<_> = sb.iter().map(|(_, tf)| vec(tf)).collect();
    let mut cands = Vec::new();
    for (i, x) in va.iter().enumerate() {
        for (j, y) in vb.iter().enumerate() {
            let cos: f32 = x.iter().filter_map(|(w, p)| y.get(w).map(|q| p * q)).sum();
            if cos >= threshold {
                cands.push((cos, i, j));
            }
        }
    }
    cands.sort_by(|x, y| y.0.total_cmp(&x.0));
    let (mut ua, mut ub) = (vec![false; sa.len()], vec![false; sb.len()]);
    let mut out = Vec::new();
    for (_, i, j) in cands {
        if !ua[i] && !ub[j] {
            ua[i] = true;
            ub[j] = true;
            out.push((sa[i].0.clone(), sb[j].0.clone()));
        }
    }
    out
}

/// Recall of same-fact pairs, of differing pairs, precision, and how many differing pairs were
/// also marked `differs`.
/// The chars `r` of `t` (to show a pair with GLOSS_SHOW_*).
fn quote(t: &str, r: &Range<usize>) -> String {
    t.chars().skip(r.start).take(r.len()).collect()
}

fn score(cases: &[Case], found: &[Found]) -> [f64; 5] {
    let (mut same, mut same_hit, mut diff, mut diff_hit, mut diff_marked) = (0, 0, 0, 0, 0);
    let (mut reported, mut right, mut spilled) = (0, 0, 0);
    for (c, f) in cases.iter().zip(found) {
        for (ta, tb, kind) in &c.truth {
            let hit = f
                .iter()
                .find(|(a, b, _)| overlaps(a, ta) && overlaps(b, tb));
            match kind {
                Kind::Same => {
                    same += 1;
                    same_hit += usize::from(hit.is_some());
                }
                Kind::Differs => {
                    diff += 1;
                    diff_hit += usize::from(hit.is_some());
                    diff_marked += usize::from(hit.is_some_and(|h| h.2));
                    if let Some(h) = hit.filter(|h| !h.2)
                        && std::env::var("GLOSS_SHOW_UNMARKED").is_ok()
                    {
                        println!(
                            "UNMARKED\n  truth {}\n        {}\n  found {}\n        {}",
                            quote(&c.a, ta),
                            quote(&c.b, tb),
                            quote(&c.a, &h.0),
                            quote(&c.b, &h.1)
                        );
                    }
                }
            }
        }
        for (a, b, _) in f {
            reported += 1;
            let ok = c
                .truth
                .iter()
                .any(|(ta, tb, _)| overlaps(a, ta) && overlaps(b, tb));
            right += usize::from(ok);
            // A right pair that takes in a sentence with no counterpart on either side.
            // …or spans two facts.
            let facts = |side: usize, r: &Range<usize>| {
                c.truth
                    .iter()
                    .filter(|t| overlaps(r, if side == 0 { &t.0 } else { &t.1 }))
                    .count()
            };
            let spill = ok
                && (c.fillers[0].iter().any(|f| overlaps(a, f))
                    || c.fillers[1].iter().any(|f| overlaps(b, f))
                    || facts(0, a) > 1
                    || facts(1, b) > 1);
            spilled += usize::from(spill);
            if spill && std::env::var("GLOSS_SHOW_SPILLED").is_ok() {
                println!("SPILLED\n  {}\n  {}", quote(&c.a, a), quote(&c.b, b));
            }
            if !ok && std::env::var("GLOSS_SHOW_WRONG").is_ok() {
                println!("WRONG\n  {}\n  {}", quote(&c.a, a), quote(&c.b, b));
            }
        }
    }
    [
        same_hit as f64 / same.max(1) as f64,
        diff_hit as f64 / diff.max(1) as f64,
        right as f64 / reported.max(1) as f64,
        diff_marked as f64 / diff.max(1) as f64,
        spilled as f64 / reported.max(1) as f64,
    ]
}

/// The bundled pair: what each matcher pairs (the reader pairs the Lavrov meeting and the
/// Syria talks).
fn bundled() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let read = |f: &str| {
        gloss::text::decode(&std::fs::read(root.join(f)).unwrap())
            .unwrap()
            .text
    };
    let (a, b) = (
        read("000_085c7264399e0b47.txt"),
        read("003_b993387af2baf757.txt"),
    );
    let show = |r: &Range<usize>, t: &str| -> String {
        t.chars().skip(r.start).take(r.len().min(60)).collect()
    };
    for p in gloss::compare::compare(&a, &b) {
        println!(
            "bundled, gloss: {:?} / {:?}",
            show(&(p.a.start..p.a.end), &a),
            show(&(p.b.start..p.b.end), &b)
        );
    }
    for threshold in [0.2f32, 0.3] {
        for (x, y) in tfidf(&a, &b, threshold) {
            println!(
                "bundled, tf-idf ≥ {threshold}: {:?} / {:?}",
                show(&x, &a),
                show(&y, &b)
            );
        }
    }
}

fn main() {
    bundled();
    let Ok(dir) = std::env::var("GLOSS_MSRP") else {
        println!("correspond: set GLOSS_MSRP to the folder of msr_paraphrase_{{train,test}}.txt");
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    for (part, file, seed) in [
        ("train", "msr_paraphrase_train.txt", 11),
        ("held-out test", "msr_paraphrase_test.txt", 29),
    ] {
        let rows = read(&dir.join(file));
        let mut rng = Rng::new(seed);
        let cases: Vec<Case> = (0..200).map(|_| case(&rows, &mut rng)).collect();
        let started = std::time::Instant::now();
        let gloss_found: Vec<Found> = cases
            .iter()
            .map(|c| {
                gloss::compare::compare(&c.a, &c.b)
                    .into_iter()
                    .map(|p| {
                        (
                            p.a.start..p.a.end,
                            p.b.start..p.b.end,
                            p.kind == gloss::compare::Kind::Differs,
                        )
                    })
                    .collect()
            })
            .collect();
        let ms = started.elapsed().as_secs_f64() * 1e3 / cases.len() as f64;
        let [same, diff, precision, marked, spilled] = score(&cases, &gloss_found);
        println!(
            "{part}: gloss same-fact recall {same:.3}, differing recall {diff:.3} (marked differs \
             {marked:.3}), precision {precision:.3}, pairs taking in a sentence without \
             counterpart or two facts {spilled:.3}, {ms:.1} ms per article pair"
        );
        for threshold in [0.3f32, 0.4, 0.5] {
            let peer: Vec<Found> = cases
                .iter()
                .map(|c| {
                    tfidf(&c.a, &c.b, threshold)
                        .into_iter()
                        .map(|(a, b)| (a, b, false))
                        .collect()
                })
                .collect();
            let [same, diff, precision, _, _] = score(&cases, &peer);
            println!(
                "{part}: tf-idf cosine ≥ {threshold}: same-fact recall {same:.3}, differing \
                 recall {diff:.3}, precision {precision:.3}"
            );
        }
    }
}
