//! Folding text for search: what a reader means by "the same" when looking for a phrase.
//!
//! Case is folded (unless the reader asks to match it), accents are dropped (é = e: the char
//! is decomposed, NFD, and its combining marks left out), curly and straight quotes are one
//! (‘ ’ ‚ ‛ ′ → ', “ ” „ ‟ ″ « » → "), and every run of white space — a line break, a tab, two
//! spaces — is one space. The folded text keeps, for each of its bytes, the char of the
//! original text it came from, so a match in the folded text is a char range of the article:
//! the units of every selector.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Text folded for search, with the way back to the original chars.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// For each byte of `text`, the original char it came from.
    starts: Vec<u32>,
    /// Chars in the original text.
    total: usize,
}

impl Folded {
    /// The original char range of folded bytes `bytes` (a match found in `text`).
    pub fn original(&self, bytes: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.starts[bytes.start] as usize;
        let last = self.starts[bytes.end - 1] as usize;
        let next = self
            .starts
            .get(bytes.end)
            .map_or(self.total, |&s| s as usize);
        // A char that folds to several chars ends the match after itself even when the match
        // stops inside its folding.
        start..next.max(last + 1)
    }

    /// Chars in the original text.
    pub fn original_len(&self) -> usize {
        self.total
    }

    /// Heap bytes held (the text and its map).
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.starts.capacity() * 4
    }
}

/// The one char a quote-like char stands for.
fn quote(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
            Some('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => Some('"'),
        _ => None,
    }
}

/// Folds one char (not white space) into `out`, calling `mark` for each byte pushed.
fn fold_char(c: char, match_case: bool, mut push: impl FnMut(char)) {
    if let Some(q) = quote(c) {
        push(q);
        return;
    }
    if c.is_ascii() {
        push(if match_case {
            c
        } else {
            c.to_ascii_lowercase()
        });
        return;
    }
    let mut emit = |d: char| {
        for e in std::iter::once(d).nfd() {
            if !is_combining_mark(e) {
                push(e);
            }
        }
    };
    if match_case {
        emit(c);
    } else {
        for d in c.to_lowercase() {
            emit(d);
        }
    }
}

/// Folds a text, remembering where each folded byte came from.
pub fn fold(text: &str, match_case: bool) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(text.len()),
        starts: Vec::with_capacity(text.len()),
        total: 0,
    };
    let mut in_space = false;
    for (i, c) in text.chars().enumerate() {
        out.total = i + 1;
        if c.is_whitespace() {
            if !in_space {
                out.text.push(' ');
                out.starts.push(i as u32);
            }
            in_space = true;
            continue;
        }
        in_space = false;
        let (text, starts) = (&mut out.text, &mut out.starts);
        fold_char(c, match_case, |d| {
            text.push(d);
            for _ in 0..d.len_utf8() {
                starts.push(i as u32);
            }
        });
    }
    out
}

/// Folds a query the same way (no map needed).
pub fn fold_query(query: &str, match_case: bool) -> String {
    let mut out = String::with_capacity(query.len());
    let mut in_space = false;
    for c in query.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        fold_char(c, match_case, |d| out.push(d));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_quotes_and_white_space_fold_and_map_back() {
        let text = "Le Café “Noir”\n\n  it’s NAÏVE";
        let f = fold(text, false);
        assert_eq!(f.text, "le cafe \"noir\" it's naive");
        let at = f.text.find("it's naive").unwrap();
        let range = f.original(at..at + "it's naive".len());
        let chars: Vec<char> = text.chars().collect();
        let found: String = chars[range].iter().collect();
        assert_eq!(found, "it’s NAÏVE");
        assert_eq!(fold_query("CAFÉ  “noir”", false), "cafe \"noir\"");
    }

    #[test]
    fn a_decomposed_accent_is_inside_the_match() {
        let text = "cafe\u{301} au lait";
        let f = fold(text, false);
        assert_eq!(f.text, "cafe au lait");
        let range = f.original(0..4);
        assert_eq!(range, 0..5, "the combining mark belongs to the e");
    }

    #[test]
    fn match_case_keeps_case_but_still_folds_accents() {
        assert_eq!(fold_query("Émile", true), "Emile");
        assert_eq!(fold_query("Émile", false), "emile");
    }
}
