//! The copy finder's passages and the sentence aligner's pairs made into one list a reader can
//! trust: pairs of whole sentences, never two pairs partly over one another, each with its kind.
//!
//! The copy finder works on words, so its passages start and end where the shared words do —
//! "billion – was for American troops in Iraq…", leaving out the "$51" / "$US69" that makes
//! the two sentences differ, or running on into the first word of the next sentence ("…surgery.
//! The"). Here each side is snapped to sentence bounds: a sentence the passage covers at least
//! half of is taken whole, one it only touches is left out. A copied run inside one sentence
//! (a quotation within a longer sentence of each text) stays as it is, word for word, unless
//! the sentences around it tell the same event with other numbers — then the pair is the two
//! sentences, marked `differs`.

use std::ops::Range;

use super::{Differing, Kind, Pair, Side, align, overlap, sentences};

/// A pair before its quotes and kind are settled.
struct Draft {
    a: Range<usize>,
    b: Range<usize>,
    score: f32,
    /// A copied run kept inside a sentence (not snapped).
    run: bool,
}

/// The copy finder's passages snapped to sentences, then the corresponding sentences of the
/// two texts told in their own words ([`align`]) wherever no copied passage already stands on
/// either side — the copy finder's verbatim runs keep precedence. In the order of `a`; with
/// the two texts' sentences (split once here, for the correspondence table too).
pub(super) fn with_sentences(
    copies: Vec<Pair>,
    a: &str,
    b: &str,
    achars: &[char],
    bchars: &[char],
) -> (Vec<Pair>, [Vec<Range<usize>>; 2]) {
    let (sa, sb) = (sentences::split(a), sentences::split(b));
    let told = align::align_split(a, b, &sa, &sb);
    let drafts = copies
        .into_iter()
        .map(|p| snap(&p, &sa, &sb, achars, bchars))
        .flat_map(|d| one_fact_each(d, &told, &sa, &sb, achars, bchars))
        .collect();
    let mut drafts = without_partial_overlaps(drafts);
    let taken = |drafts: &[Draft], ra: &Range<usize>, rb: &Range<usize>| {
        drafts
            .iter()
            .any(|d| overlap(&d.a, ra) > 0 || overlap(&d.b, rb) > 0)
    };
    for s in told {
        if !taken(&drafts, &s.a, &s.b) {
            drafts.push(Draft {
                a: s.a,
                b: s.b,
                score: s.score,
                run: false,
            });
        }
    }
    let mut pairs: Vec<Pair> = drafts
        .into_iter()
        .map(|d| finish(d, &sa, &sb, achars, bchars))
        .collect();
    pairs.sort_by_key(|p| (p.a.start, p.b.start));
    (pairs, [sa, sb])
}

/// Longest sentence a passage is snapped to, in chars (about 80 words). A longer "sentence"
/// is a text without sentence ends (a list, verse, a transcript in lower case): its bounds
/// say nothing, and a passage is never grown over it.
const MAX_SENTENCE: usize = 500;

/// `r` snapped to whole sentences: each end moves out to the bound of a sentence it covers at
/// least half of, or in past one it only touches (ends inside an over-long sentence stay).
/// `None` when nothing is left (a run inside one sentence).
fn snap_side(r: &Range<usize>, sentences: &[Range<usize>]) -> Option<Range<usize>> {
    let first = sentences.partition_point(|s| s.end <= r.start);
    let touched = &sentences[first..sentences.partition_point(|s| s.start < r.end)];
    let (head, tail) = (touched.first()?, touched.last()?);
    let whole = |s: &Range<usize>| overlap(s, r) * 2 >= s.len().max(1);
    let start = if head.len() > MAX_SENTENCE || head.start >= r.start {
        r.start
    } else if whole(head) {
        head.start
    } else {
        touched.get(1).map_or(r.end, |s| s.start)
    };
    let end = if tail.len() > MAX_SENTENCE || tail.end <= r.end {
        r.end
    } else if whole(tail) {
        tail.end
    } else if touched.len() >= 2 {
        touched[touched.len() - 2].end
    } else {
        start
    };
    (start < end).then_some(start..end)
}

/// The sentence `r` overlaps most (or `r` itself between sentences).
fn around(r: &Range<usize>, sentences: &[Range<usize>]) -> Range<usize> {
    let first = sentences.partition_point(|s| s.end <= r.start);
    sentences[first..]
        .iter()
        .take_while(|s| s.start < r.end)
        .max_by_key(|s| overlap(s, r))
        .cloned()
        .unwrap_or_else(|| r.clone())
}

fn snap(p: &Pair, sa: &[Range<usize>], sb: &[Range<usize>], ac: &[char], bc: &[char]) -> Draft {
    let (ra, rb) = (p.a.start..p.a.end, p.b.start..p.b.end);
    let word_for_word = same_words(&quote(ac, &ra), &quote(bc, &rb));
    match (snap_side(&ra, sa), snap_side(&rb, sb)) {
        (Some(a), Some(b)) => Draft {
            a,
            b,
            score: p.score,
            run: false,
        },
        _ if word_for_word => Draft {
            a: ra,
            b: rb,
            score: p.score,
            run: true,
        },
        (a, b) => Draft {
            a: a.unwrap_or_else(|| around(&ra, sa)),
            b: b.unwrap_or_else(|| around(&rb, sb)),
            score: p.score,
            run: false,
        },
    }
}

/// A reworded passage of the copy finder over several sentences that the sentence aligner
/// pairs one by one is those pairs: two neighbouring facts told in the same order by both
/// texts make one diagonal for the copy finder, and one pair over both would tint them as one.
fn one_fact_each(
    d: Draft,
    told: &[align::SentencePair],
    sa: &[Range<usize>],
    sb: &[Range<usize>],
    ac: &[char],
    bc: &[char],
) -> Vec<Draft> {
    let within = |inner: &Range<usize>, outer: &Range<usize>| {
        outer.start <= inner.start && inner.end <= outer.end
    };
    let count = |r: &Range<usize>, s: &[Range<usize>]| s.iter().filter(|s| within(s, r)).count();
    if d.run
        || (count(&d.a, sa) < 2 && count(&d.b, sb) < 2)
        || same_words(&quote(ac, &d.a), &quote(bc, &d.b))
    {
        return vec![d];
    }
    let inner: Vec<Draft> = told
        .iter()
        .filter(|s| within(&s.a, &d.a) && within(&s.b, &d.b))
        .map(|s| Draft {
            a: s.a.clone(),
            b: s.b.clone(),
            score: s.score,
            run: false,
        })
        .collect();
    if inner.len() >= 2 { inner } else { vec![d] }
}

/// Two pairs over the same sentences on one side but not the other's, or partly over one
/// another, are not both kept: a pair overlapping a better one on both sides joins it, one
/// overlapping it on one side only is dropped.
fn without_partial_overlaps(mut drafts: Vec<Draft>) -> Vec<Draft> {
    drafts.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.a.start.cmp(&y.a.start)));
    let mut kept: Vec<Draft> = Vec::with_capacity(drafts.len());
    for d in drafts {
        let partly = |x: &Range<usize>, y: &Range<usize>| overlap(x, y) > 0 && x != y;
        match kept
            .iter_mut()
            .find(|k| partly(&k.a, &d.a) || partly(&k.b, &d.b) || (k.a == d.a && k.b == d.b))
        {
            None => kept.push(d),
            Some(k) if overlap(&k.a, &d.a) > 0 && overlap(&k.b, &d.b) > 0 => {
                k.a = k.a.start.min(d.a.start)..k.a.end.max(d.a.end);
                k.b = k.b.start.min(d.b.start)..k.b.end.max(d.b.end);
                k.run &= d.run;
            }
            Some(_) => {}
        }
    }
    kept
}

/// The pair with its quotes and kind: `same` when its words are the same, `differs` when
/// its numbers differ (for a copied run inside a sentence, the sentences' numbers — and then
/// the pair becomes the two sentences), `similar` otherwise.
fn finish(d: Draft, sa: &[Range<usize>], sb: &[Range<usize>], ac: &[char], bc: &[char]) -> Pair {
    let (mut ra, mut rb) = (d.a, d.b);
    let mut differs = if d.run {
        let (wa, wb) = (around(&ra, sa), around(&rb, sb));
        let found = align::differing_numbers(&quote(ac, &wa), &quote(bc, &wb));
        if found.is_some() {
            (ra, rb) = (wa, wb);
        }
        found
    } else {
        align::differing_numbers(&quote(ac, &ra), &quote(bc, &rb))
    };
    let (qa, qb) = (quote(ac, &ra), quote(bc, &rb));
    let kind = if same_words(&qa, &qb) {
        differs = None;
        Kind::Same
    } else if differs.is_some() {
        Kind::Differs
    } else {
        Kind::Similar
    };
    Pair {
        a: Side {
            start: ra.start,
            end: ra.end,
            quote: qa,
        },
        b: Side {
            start: rb.start,
            end: rb.end,
            quote: qb,
        },
        score: d.score,
        kind,
        differing: differs.map(|(a, b)| Differing { a, b }),
    }
}

fn quote(chars: &[char], r: &Range<usize>) -> String {
    chars[r.clone()].iter().collect()
}

/// The same words in the same order, case and punctuation set aside.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passage_snaps_to_the_sentences_it_mostly_covers() {
        let text = "One two three four. Five six seven eight nine. Ten eleven.";
        let s = sentences::split(text);
        // From inside "One two…" (most of it) to "Ten" (a touch of the last).
        let snapped = snap_side(&(4..50), &s).unwrap();
        let got: String = text
            .chars()
            .skip(snapped.start)
            .take(snapped.len())
            .collect();
        assert_eq!(got, "One two three four. Five six seven eight nine.");
        // A few words inside one sentence: no whole sentence.
        assert_eq!(snap_side(&(25..34), &s), None);
        // Inside a "sentence" too long to be one, the ends stay where they are.
        let long = "word ".repeat(200);
        assert_eq!(snap_side(&(10..40), &sentences::split(&long)), Some(10..40));
    }

    const CALM: &str = "Markets were calm on Monday as traders waited for figures on inflation \
        and the harvest looked better than farmers had feared earlier this spring.";
    const BRIDGE: &str = "A new bridge opened downtown after years of delays, and commuters \
        said the shorter journey was worth the long wait for everyone involved.";

    #[test]
    fn a_figure_outside_the_shared_words_makes_the_whole_sentences_differ() {
        let a = format!(
            "{CALM} Most of that - $51 billion - was for American troops in Iraq, while \
             another $10 billion was for U.S. forces in Afghanistan. {BRIDGE}"
        );
        let b = String::from(
            "The museum reopened its east wing. Most of that – $US69 billion – was for \
             American troops in Iraq, while another $US10 billion was for US forces in \
             Afghanistan.",
        );
        let pairs = super::super::compare(&a, &b);
        assert_eq!(pairs.len(), 1, "{pairs:#?}");
        let p = &pairs[0];
        assert!(p.a.quote.starts_with("Most of that - $51") && p.a.quote.ends_with("Afghanistan."));
        assert!(
            p.b.quote.starts_with("Most of that – $US69"),
            "{:?}",
            p.b.quote
        );
        assert_eq!(p.kind, Kind::Differs);
        let d = p.differing.as_ref().unwrap();
        assert_eq!(
            (d.a.clone(), d.b.clone()),
            (vec!["51".into()], vec!["US69".into()])
        );
    }

    #[test]
    fn neighbouring_facts_told_in_the_same_order_are_pairs_of_their_own_on_sentence_bounds() {
        let a = format!(
            "{CALM} Jordan Green, the prelate's private lawyer, said he had no comment on \
             the charges. A female attendant was slashed across the face as the attacker \
             closed on the cockpit of the plane. {BRIDGE} Officials in the city said the \
             harbour would stay closed until the storm had passed over the coast."
        );
        let b = format!(
            "{BRIDGE} O'Brien's attorney, Jordan Green, declined to comment on the charges \
             against him. A female colleague was slashed across the face as the man \
             continued to try to reach the cockpit. The harbour will stay closed until the \
             storm has passed, city officials said."
        );
        let pairs = super::super::compare(&a, &b);
        let (sa, sb) = (sentences::split(&a), sentences::split(&b));
        let on_bounds = |r: (usize, usize), s: &[Range<usize>]| {
            s.iter().any(|x| x.start == r.0) && s.iter().any(|x| x.end == r.1)
        };
        for p in &pairs {
            assert!(on_bounds((p.a.start, p.a.end), &sa), "{:?}", p.a.quote);
            assert!(on_bounds((p.b.start, p.b.end), &sb), "{:?}", p.b.quote);
        }
        for (i, x) in pairs.iter().enumerate() {
            for y in &pairs[i + 1..] {
                for (p, q) in [
                    (x.a.start..x.a.end, y.a.start..y.a.end),
                    (x.b.start..x.b.end, y.b.start..y.b.end),
                ] {
                    assert!(overlap(&p, &q) == 0 || p == q, "{pairs:#?}");
                }
            }
        }
        let starts: Vec<&str> = pairs.iter().map(|p| &p.a.quote[..12]).collect();
        assert!(
            starts.contains(&"Jordan Green") && starts.contains(&"A female att"),
            "{starts:?}"
        );
        // The bridge sentence is copied word for word: same.
        assert!(
            pairs
                .iter()
                .any(|p| p.kind == Kind::Same && p.a.quote == BRIDGE)
        );
    }
}
