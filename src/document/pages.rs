//! Finding a paginated article's page as a reader names it.

use super::Page;

/// The index of the page a reader asks for: a printed label first (books number their front
/// matter in roman numerals, so "5" may be printed on the 12th page), then a number in the
/// file ("#15" is always the file's 15th).
pub fn find_page(pages: &[Page], asked: &str) -> Option<usize> {
    let asked = asked.trim().trim_start_matches("p.").trim();
    if asked.is_empty() {
        return None;
    }
    if let Some(n) = asked.strip_prefix('#') {
        return n
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=pages.len()).contains(n))
            .map(|n| n - 1);
    }
    pages
        .iter()
        .position(|p| p.label.eq_ignore_ascii_case(asked))
        .or_else(|| {
            asked
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=pages.len()).contains(n))
                .map(|n| n - 1)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printed_label_comes_before_a_number_in_the_file() {
        let pages: Vec<Page> = ["i", "ii", "1", "2", "3"]
            .iter()
            .enumerate()
            .map(|(i, l)| Page {
                start: i * 100,
                label: l.to_string(),
            })
            .collect();
        assert_eq!(find_page(&pages, "ii"), Some(1));
        assert_eq!(find_page(&pages, "II"), Some(1));
        assert_eq!(find_page(&pages, "2"), Some(3), "the page printed 2");
        assert_eq!(find_page(&pages, "#2"), Some(1), "the file's second page");
        assert_eq!(
            find_page(&pages, "5"),
            Some(4),
            "no page printed 5: the fifth"
        );
        assert_eq!(find_page(&pages, "p. 3"), Some(4));
        assert_eq!(find_page(&pages, "9"), None);
        assert_eq!(find_page(&pages, "#0"), None);
        assert_eq!(find_page(&pages, ""), None);
    }
}
