//! Property: edits anywhere that leave a passage and its context intact never lose it — it
//! re-anchors exactly where the edits moved it.

#[path = "../benches/support/anchoring_set.rs"]
mod anchoring_set;

use gloss::anchor::{Anchor, NormCache, locate};
use gloss::annotation::{Annotation, Color};
use gloss::corpus::Article;
use proptest::prelude::*;

/// An edit: at a fraction of the text, delete some chars and/or insert some words.
#[derive(Debug, Clone)]
struct Edit {
    at: f64,
    delete: usize,
    insert: String,
}

fn arb_edit() -> impl Strategy<Value = Edit> {
    (
        0.0..1.0f64,
        0usize..120,
        prop::collection::vec("[A-Za-z’“”—]{1,9}", 0..12),
    )
        .prop_map(|(at, delete, words)| Edit {
            at,
            delete,
            insert: if words.is_empty() {
                String::new()
            } else {
                format!("{} ", words.join(" "))
            },
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn edits_outside_a_passage_and_its_context_keep_it_exactly(
        seed in 0u64..1_000,
        quote_at in 0.0..1.0f64,
        words in 3usize..25,
        edits in prop::collection::vec(arb_edit(), 1..12),
    ) {
        let original = anchoring_set::long_text(6_000, seed);
        let chars: Vec<char> = original.chars().collect();
        // A passage of whole words.
        let mut start = (quote_at * chars.len() as f64) as usize;
        while start > 0 && !chars[start - 1].is_whitespace() { start -= 1; }
        while start < chars.len() && chars[start].is_whitespace() { start += 1; }
        let mut end = start;
        let mut n = 0;
        while end < chars.len() && n < words {
            while end < chars.len() && !chars[end].is_whitespace() { end += 1; }
            n += 1;
            if n < words { while end < chars.len() && chars[end] == ' ' { end += 1; } }
        }
        prop_assume!(end > start + 15);
        let article = Article::from_text("a.txt", original.clone(), None);
        let annotation = Annotation::new(&article, start..end, Color::Yellow);
        let quote = annotation.quote.exact.clone();
        prop_assume!(original.matches(quote.as_str()).count() == 1);

        // Apply the edits, none touching the passage or the 32 chars either side of it.
        let protected = start.saturating_sub(32)..(end + 32).min(chars.len());
        let mut text = chars.clone();
        let mut truth = start..end;
        let mut guard = protected.clone();
        for e in edits {
            let at = (e.at * text.len() as f64) as usize;
            let del_end = (at + e.delete).min(text.len());
            let touches = at < guard.end && (del_end > guard.start || at > guard.start);
            if touches { continue; }
            text.drain(at..del_end);
            let inserted: Vec<char> = e.insert.chars().collect();
            let delta = inserted.len() as isize - (del_end - at) as isize;
            text.splice(at..at, inserted);
            if at <= guard.start {
                let shift = |x: usize| (x as isize + delta) as usize;
                truth = shift(truth.start)..shift(truth.end);
                guard = shift(guard.start)..shift(guard.end);
            }
        }
        let edited: String = text.iter().collect();
        prop_assume!(edited.matches(quote.as_str()).count() == 1);
        let edited = Article::from_text("a.txt", edited, None);
        let anchor = locate(&edited, &annotation, &mut NormCache::default());
        prop_assert!(
            matches!(anchor, Anchor::Exact(_) | Anchor::Moved(_)),
            "{anchor:?} for {quote:?}"
        );
        prop_assert_eq!(anchor.range(), Some(truth));
    }
}
