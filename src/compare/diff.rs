//! A word-level diff of two corresponding passages, for the reader comparing them: which
//! words the two share, which only one has. White space is squashed first (a line break in
//! one article and a space in the other are the same).

/// One piece of the diff, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Words both passages have.
    Same(String),
    /// Words only the first passage has.
    OnlyA(String),
    /// Words only the second passage has.
    OnlyB(String),
}

/// The word diff of passage `a` against passage `b` (the `similar` crate's Myers diff over
/// words, compared as compare matches them: case and surrounding punctuation set aside, so
/// "Twenty" at the start of a sentence is the same word as "twenty"; runs of one kind are
/// joined). A shared word is shown as the first passage has it.
pub fn word_diff(a: &str, b: &str) -> Vec<Piece> {
    let words =
        |s: &str| -> Vec<String> { s.split_whitespace().map(|w| format!("{w} ")).collect() };
    let key = |w: &String| {
        w.trim()
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let (wa, wb) = (words(a), words(b));
    let (ka, kb): (Vec<String>, Vec<String>) =
        (wa.iter().map(key).collect(), wb.iter().map(key).collect());
    let mut out: Vec<Piece> = Vec::new();
    let mut push = |piece: Piece| match (out.last_mut(), &piece) {
        (Some(Piece::Same(s)), Piece::Same(t))
        | (Some(Piece::OnlyA(s)), Piece::OnlyA(t))
        | (Some(Piece::OnlyB(s)), Piece::OnlyB(t)) => s.push_str(t),
        _ => out.push(piece),
    };
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &ka, &kb) {
        for change in op.iter_changes(&wa, &wb) {
            push(match change.tag() {
                similar::ChangeTag::Equal => Piece::Same(change.value()),
                similar::ChangeTag::Delete => Piece::OnlyA(change.value()),
                similar::ChangeTag::Insert => Piece::OnlyB(change.value()),
            });
        }
    }
    out
}

/// The share of words the two passages have in common (0..1), for the reader.
pub fn shared_share(pieces: &[Piece]) -> f32 {
    let words = |s: &str| s.split_whitespace().count();
    let (mut same, mut all) = (0, 0);
    for p in pieces {
        match p {
            Piece::Same(s) => {
                same += 2 * words(s);
                all += 2 * words(s);
            }
            Piece::OnlyA(s) | Piece::OnlyB(s) => all += words(s),
        }
    }
    if all == 0 {
        1.0
    } else {
        same as f32 / all as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_respelled_name_and_an_added_word_show_as_changes_around_shared_words() {
        let pieces = word_diff(
            "He met foreign minister Sergey Lavrov\nin New York",
            "He met Russian Foreign Minister Sergei Lavrov in New York",
        );
        let only_a: Vec<&str> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::OnlyA(s) => Some(s.trim()),
                _ => None,
            })
            .collect();
        let only_b: String = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::OnlyB(s) => Some(s.as_str()),
                _ => None,
            })
            .collect();
        assert!(only_a.iter().any(|s| s.contains("Sergey")), "{pieces:?}");
        assert!(
            !only_b.contains("Foreign"),
            "case alone is no difference: {pieces:?}"
        );
        assert!(
            only_b.contains("Sergei") && only_b.contains("Russian"),
            "{pieces:?}"
        );
        assert!(
            pieces
                .iter()
                .any(|p| matches!(p, Piece::Same(s) if s.contains("in New York"))),
            "the line break in one and the space in the other are the same: {pieces:?}"
        );
        let share = shared_share(&pieces);
        assert!(share > 0.5 && share < 1.0, "{share}");
    }
}
