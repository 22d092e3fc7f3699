//! Folding text for search: what a reader means by "the same" when looking for a phrase.
//!
//! Case is folded (unless the reader asks to match it) by Unicode's full case folding
//! (Straße = strasse, ς = σ), compatibility forms are decomposed (NFKD: the ligature ﬁ = fi,
//! the digraph ǅ = dž), accents are dropped (é = e: the char is decomposed and its combining
//! marks left out), curly and straight quotes are one
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
    // NFKD, marks dropped; then (folding case) full case folding of what is left, which may
    // itself decompose (ǅ → ǆ → d z ̌), so it is decomposed once more.
    let mut emit = |d: char| {
        for e in std::iter::once(d).nfkd() {
            if !is_combining_mark(e) {
                push(e);
            }
        }
    };
    if match_case {
        emit(c);
    } else {
        use caseless::Caseless;
        for d in std::iter::once(c).nfkd().filter(|d| !is_combining_mark(*d)) {
            for e in std::iter::once(d).default_case_fold() {
                emit(e);
            }
        }
    }
}

/// Folds a text, remembering where each folded byte came from.
///
/// ASCII bytes — nearly all of an English book — take a byte-at-a-time path (their folding
/// is a lower-casing, the backtick and the white-space run); other chars go through
/// [`fold_char`]. Both give the same text and map: the ASCII path is the general one, made
/// cheaper (folding was half of `gloss search`'s time on an 18 MB corpus).
pub fn fold(text: &str, match_case: bool) -> Folded {
    let mut folded: Vec<u8> = Vec::with_capacity(text.len());
    let mut starts: Vec<u32> = Vec::with_capacity(text.len());
    let mut in_space = false;
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut i: u32 = 0;
    while at < bytes.len() {
        let x = bytes[at];
        if x.is_ascii() {
            // ASCII white space as `char::is_whitespace` has it: \t \n \v \f \r and space.
            if matches!(x, 9..=13 | b' ') {
                if !in_space {
                    folded.push(b' ');
                    starts.push(i);
                }
                in_space = true;
            } else {
                in_space = false;
                folded.push(match x {
                    b'`' => b'\'',
                    _ if match_case => x,
                    _ => x.to_ascii_lowercase(),
                });
                starts.push(i);
            }
            at += 1;
            i += 1;
            continue;
        }
        let c = text[at..].chars().next().expect("at a char boundary");
        if c.is_whitespace() {
            if !in_space {
                folded.push(b' ');
                starts.push(i);
            }
            in_space = true;
        } else {
            in_space = false;
            fold_char(c, match_case, |d| {
                let mut buf = [0u8; 4];
                let encoded = d.encode_utf8(&mut buf).as_bytes();
                folded.extend_from_slice(encoded);
                starts.extend(std::iter::repeat_n(i, encoded.len()));
            });
        }
        at += c.len_utf8();
        i += 1;
    }
    Folded {
        text: String::from_utf8(folded).expect("built from whole UTF-8 chars"),
        starts,
        total: i as usize,
    }
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
    fn the_ascii_path_folds_as_the_general_one() {
        // Every ASCII char, alone and beside non-ASCII ones, folds as char-by-char folding
        // (the query folder, which has no ASCII path) says, with one map entry per byte.
        let ascii: String = (0u8..128).map(char::from).collect();
        for text in [ascii.clone(), format!("é{ascii}\u{a0}Ü“x”\u{2003}{ascii}")] {
            for match_case in [false, true] {
                let f = fold(&text, match_case);
                assert_eq!(f.text, fold_query(&text, match_case));
                assert_eq!(f.starts.len(), f.text.len());
                assert_eq!(f.original_len(), text.chars().count());
                assert!(f.starts.windows(2).all(|w| w[0] <= w[1]));
            }
        }
    }

    #[test]
    fn match_case_keeps_case_but_still_folds_accents() {
        assert_eq!(fold_query("Émile", true), "Emile");
        assert_eq!(fold_query("Émile", false), "emile");
    }
}
