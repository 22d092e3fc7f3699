//! `gloss compare`'s output: the pairs as text, JSON, CSV (a row per pair, for a spreadsheet
//! or a script) or Markdown (a table a reader pastes into notes). The JSON shape is kept:
//! `{"a", "b", "pairs": [{"a": {start, end, quote}, "b": …, "score", "kind", "differing"?}]}`.

use super::Pair;

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

/// The comparison of articles `a` and `b` in `format`.
pub fn render(format: Format, a: &str, b: &str, pairs: &[Pair]) -> String {
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
            for p in pairs {
                let (da, db) = differing(p);
                w.write_record([
                    kind_name(p).to_owned(),
                    format!("{:.3}", p.score),
                    p.a.start.to_string(),
                    p.a.end.to_string(),
                    cell(&p.a.quote),
                    p.b.start.to_string(),
                    p.b.end.to_string(),
                    cell(&p.b.quote),
                    cell(&da),
                    cell(&db),
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
            for p in pairs {
                let (da, db) = differing(p);
                let note = |d: &str| {
                    if d.is_empty() {
                        String::new()
                    } else {
                        format!(" **[{}]**", cell(d))
                    }
                };
                out.push_str(&format!(
                    "| {}{} | {}{} | {} | {:.2} |\n",
                    cell(&p.a.quote),
                    note(&da),
                    cell(&p.b.quote),
                    note(&db),
                    kind_name(p),
                    p.score
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
