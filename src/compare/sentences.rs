//! An article cut into sentences, the units independent reports are compared in.
//!
//! Unicode's sentence bounds (`unicode-segmentation`, UAX #29) are the start: they keep
//! decimals ("2.5") and a full stop inside quotes together, and break at every line end (a
//! paragraph of a saved article). What they get wrong in news text is mended here: a bound
//! after an abbreviation ("Mr.", "Dr.", "U.S.", "Jan.") or an initial ("John S. Wolf") is no
//! bound, nor one before a word in lower case.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Words ending in a full stop that do not end a sentence (lower case, without the stop).
const ABBREVIATIONS: &[&str] = &[
    "adm", "apr", "aug", "capt", "cf", "co", "col", "corp", "dec", "dept", "dr", "e.g", "etc",
    "feb", "fig", "gen", "gov", "i.e", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "mar",
    "messrs", "mr", "mrs", "ms", "mt", "no", "nov", "oct", "ph.d", "prof", "rep", "rev", "sen",
    "sep", "sept", "sgt", "sr", "st", "u.k", "u.n", "u.s", "u.s.a", "vs",
];

/// Abbreviations that also end sentences ("…made by Hynix Semiconductor Inc. In the second
/// quarter…", "…troops in the U.S. The Pentagon…"): a bound after one stands when the next
/// word is one that opens sentences.
const CAN_END: &[&str] = &[
    "co", "corp", "etc", "inc", "jr", "ltd", "sr", "u.k", "u.n", "u.s", "u.s.a",
];

/// Words that open sentences, capitalised.
const OPENERS: &[&str] = &[
    "A",
    "After",
    "An",
    "And",
    "As",
    "At",
    "But",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "On",
    "She",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "We",
    "When",
    "While",
];

/// The sentences of `text`, as char ranges without the white space around them.
pub fn split(text: &str) -> Vec<Range<usize>> {
    // Byte ranges first, joined where a bound is no sentence end.
    let mut spans: Vec<Range<usize>> = Vec::new();
    for (at, piece) in text.split_sentence_bound_indices() {
        let range = at..at + piece.len();
        let join = spans.last().is_some_and(|last| {
            let before = text[last.clone()].trim_end();
            let after = piece.trim_start();
            // A line break always ends a sentence (a headline has no full stop).
            !text[last.clone()].contains('\n')
                && !after.is_empty()
                && ((ends_in_abbreviation(before) && !ends_before_opener(before, after))
                    || after.starts_with(char::is_lowercase))
        });
        match spans.last_mut() {
            Some(last) if join => last.end = range.end,
            _ => spans.push(range),
        }
    }
    // To char ranges, trimmed, in one walk.
    let mut out = Vec::with_capacity(spans.len());
    let mut chars = 0;
    let mut byte = 0;
    for span in spans {
        let piece = &text[span.clone()];
        let lead = piece.len() - piece.trim_start().len();
        let body = piece.trim();
        if body.is_empty() {
            continue;
        }
        let start_byte = span.start + lead;
        chars += text[byte..start_byte].chars().count();
        byte = start_byte;
        let len = body.chars().count();
        out.push(chars..chars + len);
    }
    out
}

/// Whether `s` ends in a known abbreviation or a single-letter initial and its full stop.
fn ends_in_abbreviation(s: &str) -> bool {
    let Some(without) = s.strip_suffix('.') else {
        return false;
    };
    let last = without
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let lower = last.to_lowercase();
    (last.chars().count() == 1 && last.chars().all(char::is_uppercase))
        || ABBREVIATIONS.binary_search(&lower.as_str()).is_ok()
}

/// Whether `before` ends in an abbreviation that also ends sentences and `after` starts with
/// a word that opens one.
fn ends_before_opener(before: &str, after: &str) -> bool {
    let last = before
        .trim_end_matches('.')
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    let next = after
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    CAN_END.binary_search(&last.as_str()).is_ok() && OPENERS.binary_search(&next).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        split(text)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_end_sentences() {
        let text = "Talks in Moscow\nMr. Johnson met John S. Wolf of the U.S. State Department \
                    on Jan. 5. Shares rose 2.5 percent to $3.01. “It went well.” He left.\n\n\
                    Dr. Smith agreed.";
        assert_eq!(
            sentences(text),
            [
                "Talks in Moscow",
                "Mr. Johnson met John S. Wolf of the U.S. State Department on Jan. 5.",
                "Shares rose 2.5 percent to $3.01.",
                "“It went well.”",
                "He left.",
                "Dr. Smith agreed."
            ]
        );
    }

    #[test]
    fn the_abbreviation_lists_are_sorted_for_binary_search() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(CAN_END.windows(2).all(|w| w[0] < w[1]));
        assert!(OPENERS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_company_suffix_or_country_ends_a_sentence_before_a_sentence_opener() {
        let text = "The tariff hits chips made by Hynix Semiconductor Inc. In the second \
                    quarter it lost money. Troops came home to the U.S. The Pentagon said so. \
                    Shares of Peabody Energy Corp. rose. He met Edgar Bronfman Jr. on Monday.";
        assert_eq!(
            sentences(text),
            [
                "The tariff hits chips made by Hynix Semiconductor Inc.",
                "In the second quarter it lost money.",
                "Troops came home to the U.S.",
                "The Pentagon said so.",
                "Shares of Peabody Energy Corp. rose.",
                "He met Edgar Bronfman Jr. on Monday."
            ]
        );
    }
}
