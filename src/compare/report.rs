//! `gloss compare`'s output: the pairs as text or JSON, or the correspondence table
//! ([`super::table`]: pairs and the sentences without counterpart, in the order of either
//! article) as CSV (for a spreadsheet or a script) or Markdown (a table a reader pastes into
//! notes). The JSON shape is kept:
//! `{"a", "b", "pairs": [{"a": {start, end, quote}, "b": …, "score", "kind", "differing"?}]}`.

use super::Pair;
use super::table::{Order, Row, rows};

/// What was compared: the two articles' names and texts, what corresponds, and whose order
/// the table follows.
pub struct Compared<'a> {
    pub a: &'a str,
    pub b: &'a str,
    pub a_text: &'a str,
    pub b_text: &'a str,
    pub pairs: &'a [Pair],
    pub order: Order,
}

/// A row of the table as printed: kind, score, both sides (start, end, quote) and the
/// differing words. A sentence with no counterpart is kind `only_a` / `only_b`.
struct Printed {
    kind: &'static str,
    score: Option<f32>,
    a: Option<(usize, usize, String)>,
    b: Option<(usize, usize, String)>,
    differs: (String, String),
}

impl Compared<'_> {
    fn printed(&self) -> Vec<Printed> {
        let quote = |text: &str, r: &std::ops::Range<usize>| -> String {
            text.chars().skip(r.start).take(r.len()).collect()
        };
        rows(self.a_text, self.b_text, self.pairs, self.order)
            .into_iter()
            .map(|Row { a, b, pair }| {
                let pair = pair.map(|i| &self.pairs[i]);
                Printed {
                    kind: match (pair, &a) {
                        (Some(p), _) => kind_name(p),
                        (None, Some(_)) => "only_a",
                        (None, None) => "only_b",
                    },
                    score: pair.map(|p| p.score),
                    a: a.map(|r| (r.start, r.end, quote(self.a_text, &r))),
                    b: b.map(|r| (r.start, r.end, quote(self.b_text, &r))),
                    differs: pair.map(differing).unwrap_or_default(),
                }
            })
            .collect()
    }
}

/// How to print a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
    Markdown,
}

fn kind_name(p: &Pair) -> &'static str {
    match p.kind {
        super::Kind::Same => "same",
        super::Kind::Similar => "similar",
        super::Kind::Differs => "differs",
    }
}

/// The differing words of a pair, "a | b", or "".
fn differing(p: &Pair) -> (String, String) {
    p.differing
        .as_ref()
        .map_or((String::new(), String::new()), |d| {
            (d.a.join(", "), d.b.join(", "))
        })
}

/// The comparison in `format`.
pub fn render(format: Format, c: &Compared<'_>) -> String {
    let (a, b, pairs) = (c.a, c.b, c.pairs);
    match format {
        Format::Json => {
            #[derive(serde::Serialize)]
            struct Output<'a> {
                a: &'a str,
                b: &'a str,
                pairs: &'a [Pair],
            }
            serde_json::to_string_pretty(&Output { a, b, pairs }).expect("plain data") + "\n"
        }
        Format::Csv => {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new());
            let cell = |s: &str| crate::spreadsheet::neutralise(s).into_owned();
            w.write_record([
                "kind",
                "score",
                "a_start",
                "a_end",
                "a_quote",
                "b_start",
                "b_end",
                "b_quote",
                "a_differs",
                "b_differs",
            ])
            .expect("in memory");
            let side = |s: &Option<(usize, usize, String)>| match s {
                Some((start, end, quote)) => [start.to_string(), end.to_string(), cell(quote)],
                None => Default::default(),
            };
            for row in c.printed() {
                let [a_start, a_end, a_quote] = side(&row.a);
                let [b_start, b_end, b_quote] = side(&row.b);
                w.write_record([
                    row.kind.to_owned(),
                    row.score.map(|s| format!("{s:.3}")).unwrap_or_default(),
                    a_start,
                    a_end,
                    a_quote,
                    b_start,
                    b_end,
                    b_quote,
                    cell(&row.differs.0),
                    cell(&row.differs.1),
                ])
                .expect("in memory");
            }
            String::from_utf8(w.into_inner().expect("in memory")).expect("UTF-8 fields")
        }
        Format::Markdown => {
            let cell = |s: &str| {
                s.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .replace('|', "\\|")
            };
            let mut out = format!(
                "| {} | {} | kind | score |\n| --- | --- | --- | --- |\n",
                cell(a),
                cell(b)
            );
            for row in c.printed() {
                let text = |side: &Option<(usize, usize, String)>, differs: &str| match side {
                    None => "—".to_owned(),
                    Some((.., quote)) if differs.is_empty() => cell(quote),
                    Some((.., quote)) => format!("{} **[{}]**", cell(quote), cell(differs)),
                };
                let kind = match row.kind {
                    "only_a" => format!("only in {}", cell(a)),
                    "only_b" => format!("only in {}", cell(b)),
                    k => k.to_owned(),
                };
                out.push_str(&format!(
                    "| {} | {} | {kind} | {} |\n",
                    text(&row.a, &row.differs.0),
                    text(&row.b, &row.differs.1),
                    row.score.map(|s| format!("{s:.2}")).unwrap_or_default()
                ));
            }
            out
        }
        Format::Text => {
            let mut out = format!("{} corresponding passage(s) in {a} and {b}\n", pairs.len());
            for p in pairs {
                out.push_str(&format!(
                    "\n{}, score {:.2}\n  {a} {}..{}: {}\n  {b} {}..{}: {}\n",
                    kind_name(p),
                    p.score,
                    p.a.start,
                    p.a.end,
                    p.a.quote,
                    p.b.start,
                    p.b.end,
                    p.b.quote
                ));
                if let (da, db) = differing(p)
                    && !da.is_empty()
                {
                    out.push_str(&format!("  differs: {da} / {db}\n"));
                }
            }
            out
        }
    }
}
