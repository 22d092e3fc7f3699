//! The normalised view of a text that matching works on, with the map back to real offsets.
//!
//! Editors and re-publishers change text in ways a reader does not consider a change: line
//! breaks and re-wrapping, runs of spaces, straight vs curly quotes, `--` vs en/em dashes,
//! no-break spaces. Matching compares texts with those differences folded away:
//!
//! - every run of white space (including line breaks) becomes one space;
//! - ‘ ’ ‚ ‛ ′ and ` become `'`; “ ” „ ‟ ″ become `"`;
//! - – — ― ‒ − and a run of hyphens (`--`) become `-`;
//! - letters keep their case (a case change can change meaning, and is rare in corrections).
//!
//! The view is UTF-8 (so exact search runs on bytes at memchr speed) and every byte records the
//! original char range it came from, so a match found in the view maps back to exact char
//! offsets in the real text.

/// One text in normalised form.
#[derive(Debug, Clone, Default)]
pub struct Normalised {
    /// The normalised text.
    pub text: String,
    /// For each byte of `text`: the first original char it stands for.
    start_of: Vec<u32>,
    /// For each byte of `text`: one past the last original char it stands for.
    end_of: Vec<u32>,
    /// For each original char index (and one past the end): the byte in `text` where it landed.
    byte_of_char: Vec<u32>,
}

/// What an original char becomes.
enum Folded {
    Space,
    Char(char),
    Hyphen,
}

fn fold(c: char) -> Folded {
    match c {
        c if c.is_whitespace() => Folded::Space,
        '‘' | '’' | '‚' | '‛' | '′' | '`' => Folded::Char('\''),
        '“' | '”' | '„' | '‟' | '″' => Folded::Char('"'),
        '-' | '–' | '—' | '―' | '‒' | '−' => Folded::Hyphen,
        c => Folded::Char(c),
    }
}

impl Normalised {
    pub fn new(original: &str) -> Normalised {
        let n = original.len();
        let mut out = Normalised {
            text: String::with_capacity(n),
            start_of: Vec::with_capacity(n),
            end_of: Vec::with_capacity(n),
            byte_of_char: Vec::with_capacity(n + 1),
        };
        // Kind of the last output char, so runs collapse: 1 = space, 2 = hyphen.
        let mut last_run = 0u8;
        for (i, c) in original.chars().enumerate() {
            let i = i as u32;
            out.byte_of_char.push(out.text.len() as u32);
            let (folded, run) = match fold(c) {
                Folded::Space => (' ', 1),
                Folded::Hyphen => ('-', 2),
                Folded::Char(c) => (c, 0),
            };
            if run != 0 && run == last_run {
                // Extend the previous run's byte to cover this char too.
                if let Some(end) = out.end_of.last_mut() {
                    *end = i + 1;
                }
                continue;
            }
            last_run = run;
            let before = out.text.len();
            out.text.push(folded);
            for _ in before..out.text.len() {
                out.start_of.push(i);
                out.end_of.push(i + 1);
            }
        }
        out.byte_of_char.push(out.text.len() as u32);
        out
    }

    /// Just the normalised string (for quotes and context, where no map is needed).
    pub fn string(original: &str) -> String {
        Normalised::new(original).text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The original char range covered by normalised bytes `start..end`.
    pub fn original_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        if start >= end || start >= self.start_of.len() {
            let at = self.original_char_at(start);
            return at..at;
        }
        self.start_of[start] as usize..self.end_of[end - 1] as usize
    }

    fn original_char_at(&self, byte: usize) -> usize {
        match self.start_of.get(byte) {
            Some(&c) => c as usize,
            None => self.end_of.last().map_or(0, |&e| e as usize),
        }
    }

    /// The normalised byte where original char `pos` landed (clamped to the text).
    pub fn byte_of_char(&self, pos: usize) -> usize {
        let i = pos.min(self.byte_of_char.len() - 1);
        self.byte_of_char[i] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_spaces_quotes_and_dashes_and_maps_back() {
        let original = "He said:\n  “no”—it’s\tover -- really";
        let n = Normalised::new(original);
        assert_eq!(n.text, "He said: \"no\"-it's over - really");
        let at = n.text.find("it's").unwrap();
        let r = n.original_range(at, at + 4);
        let chars: String = original.chars().skip(r.start).take(r.len()).collect();
        assert_eq!(chars, "it’s");
        let at = n.text.find("said: \"no").unwrap();
        let r = n.original_range(at, at + 9);
        let chars: String = original.chars().skip(r.start).take(r.len()).collect();
        assert_eq!(chars, "said:\n  “no");
        assert_eq!(n.byte_of_char(0), 0);
        assert_eq!(n.byte_of_char(original.chars().count()), n.len());
    }

    #[test]
    fn non_ascii_maps_every_byte() {
        let original = "café 😀 ok";
        let n = Normalised::new(original);
        let at = n.text.find("😀").unwrap();
        assert_eq!(n.original_range(at, at + 4), 5..6);
    }
}
