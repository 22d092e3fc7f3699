//! The commands that read a corpus and print what they find: `gloss diff`, `text`, `search`
//! and `compare` (the ones that change notes — import, export, check — stay in `main`).
//! Each loads the corpus read-only, never takes the lock and never writes.

use std::path::Path;
use std::process::ExitCode;

use gloss::corpus::{Article, Corpus};

use crate::{CliError, print_json};

/// The article of `corpus` named `name`, or the error naming the articles there are.
fn article_named<'a>(corpus: &'a Corpus, name: &str) -> Result<&'a Article, CliError> {
    // A file that is there but could not be read (a damaged PDF, a protected EPUB): say why.
    if let Some(s) = corpus.skipped.iter().find(|s| s.file_name == name) {
        return Err(CliError::input(format!(
            "{name} was not read: {}",
            s.reason
        )));
    }
    corpus.article(name).ok_or_else(|| {
        CliError::input(format!(
            "no article {name:?} in {} (articles: {})",
            corpus.root.display(),
            corpus.file_names().join(", ")
        ))
    })
}

pub(crate) fn diff_command(corpus: &Path, name: &str, json: bool) -> Result<ExitCode, CliError> {
    let corpus = Corpus::load(corpus).map_err(|e| CliError::input(e.to_string()))?;
    let article = article_named(&corpus, name)?;
    let store = gloss::versions::VersionStore::of_corpus(&corpus.root);
    let found = gloss::versions::changes::since_oldest(&store, article);
    if json {
        let side = |r: &std::ops::Range<usize>, text: &str| serde_json::json!({"start": r.start, "end": r.end, "text": text});
        let out = serde_json::json!({
            "article": article.file_name,
            "from": found.as_ref().map(|c| serde_json::json!({
                "hash": c.from.hash,
                "kept": c.from.kept.to_string(),
                "chars": c.from.chars,
            })),
            "to": article.hash,
            "summary": found.as_ref().map_or("no earlier version kept".to_owned(), |c| c.summary()),
            "changes": found.as_ref().map_or(Vec::new(), |c| c.changes.iter().map(|ch| serde_json::json!({
                "kind": ch.kind(),
                "old": side(&ch.old, &ch.old_text),
                "new": side(&ch.new, &ch.new_text),
            })).collect()),
        });
        print_json(&out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(changes) = found else {
        println!(
            "{name}: no earlier version is kept (gloss keeps the text annotations were made on)"
        );
        return Ok(ExitCode::SUCCESS);
    };
    println!(
        "{name}: {} since the version kept {} ({})",
        changes.summary(),
        changes.from.kept.strftime("%Y-%m-%d %H:%M"),
        changes.from.hash
    );
    for c in &changes.changes {
        println!(
            "@@ old {}..{} new {}..{} ({})",
            c.old.start,
            c.old.end,
            c.new.start,
            c.new.end,
            c.kind()
        );
        if !c.old_text.is_empty() {
            println!("- {}", c.old_text.replace('\n', "\n- "));
        }
        if !c.new_text.is_empty() {
            println!("+ {}", c.new_text.replace('\n', "\n+ "));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn text_command(
    corpus: &Path,
    name: &str,
    json: bool,
    paragraphs: bool,
) -> Result<ExitCode, CliError> {
    // `gloss text path/to/paper.pdf`: a path to a file names its folder and the file in it.
    let given = Path::new(name);
    let (folder, name) = match (given.parent(), given.file_name()) {
        (Some(parent), Some(file))
            if name.contains(std::path::MAIN_SEPARATOR) && given.is_file() =>
        {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            (parent.to_path_buf(), file.to_string_lossy().into_owned())
        }
        _ => (corpus.to_path_buf(), name.to_owned()),
    };
    let name = name.as_str();
    let corpus = Corpus::load(&folder).map_err(|e| CliError::input(e.to_string()))?;
    let article = article_named(&corpus, name)?;
    let pages = article
        .document
        .as_ref()
        .map(|d| d.pages.as_slice())
        .unwrap_or_default();
    let page_of = |c: usize| {
        article
            .document
            .as_ref()
            .and_then(|d| d.page_at(c))
            .map(|p| p.label.clone())
    };
    if let Some(w) = &article.warning {
        eprintln!("gloss: {name}: {w}");
    }
    let text: String = if paragraphs {
        let mut out = String::new();
        for p in article.paragraphs.iter() {
            // The hidden margin (zero-width spaces) is not text.
            let shown = p.display_text(&article.text).replace('\u{200B}', "");
            let line = shown.trim();
            if !line.is_empty() {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    } else {
        article.text.to_string()
    };
    if json {
        let mut out = serde_json::json!({
            "article": article.file_name,
            "title": article.title,
            "outlet": article.outlet,
            "byline": article.byline,
            "published": article.published,
            "text": text,
            // A PDF's pages: where each starts in the text (chars) and its printed label.
            "pages": pages.iter().map(|p| serde_json::json!({"label": p.label, "start": p.start})).collect::<Vec<_>>(),
        });
        if paragraphs {
            out["paragraphs"] = article
                .paragraphs
                .iter()
                .filter(|p| !p.display_text(&article.text).trim().is_empty())
                .map(|p| {
                    serde_json::json!({
                        "start": p.start_char,
                        "end": p.end_char,
                        "page": page_of(p.start_char),
                        "text": p.display_text(&article.text).replace('\u{200B}', "").trim(),
                    })
                })
                .collect();
        }
        print_json(&out)?;
    } else {
        print!("{text}");
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn search_command(
    corpus: &Path,
    query: &str,
    json: bool,
    options: gloss::search::Options,
    keep: gloss::search::Keep,
) -> Result<ExitCode, CliError> {
    if query.trim().is_empty() {
        return Err(CliError::input(
            "nothing to search for: the query is empty or only white space",
        ));
    }
    let corpus = Corpus::load(corpus).map_err(|e| CliError::input(e.to_string()))?;
    for s in &corpus.skipped {
        eprintln!("gloss: skipped {}: {}", s.file_name, s.reason);
    }
    // The notes are read, never written; an unreadable file is reported and the articles
    // are still searched.
    let annotations = match gloss::store::load_notes(&gloss::store::notes_path(&corpus.root)) {
        Ok(notes) => {
            // Notes only in a sync tool's conflict copy are searched too (merged in memory).
            let (notes, merges) =
                gloss::store::sync_copies::merge_all_in_memory(&corpus.root, notes);
            for (_, m) in merges {
                eprintln!("gloss: {m}");
            }
            notes.annotations
        }
        Err(e) => {
            eprintln!("gloss: notes not searched: {e}");
            Vec::new()
        }
    };
    let results = gloss::search::search_corpus(&corpus, &annotations, query, options, keep);
    if json {
        print_json(&results)?;
        return Ok(ExitCode::SUCCESS);
    }
    let articles: std::collections::BTreeSet<&str> =
        results.hits.iter().map(|h| h.article.as_str()).collect();
    println!(
        "{} match(es) in {} article(s); {} in notes",
        results.total_hits,
        articles.len(),
        results.annotations.len()
    );
    let mut current = "";
    for hit in &results.hits {
        if hit.article != current {
            current = &hit.article;
            let n = results.hits.iter().filter(|h| h.article == current).count();
            println!("\n{current} ({n})");
        }
        println!("  {}..{}: {}", hit.start, hit.end, hit.context);
    }
    if results.truncated {
        println!(
            "\n… and {} more (not shown; --limit N shows up to N per article)",
            results.total_hits - results.hits.len()
        );
    }
    if !results.annotations.is_empty() {
        println!("\nnotes:");
        for a in &results.annotations {
            let field = match a.field {
                gloss::search::Field::Quote => "quote",
                gloss::search::Field::Note => "note",
                gloss::search::Field::Tag => "tag",
            };
            let text: String = a.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let text: String = text.chars().take(120).collect();
            println!("  {} {} [{field}]: {text}", a.article, a.id);
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn compare_command(
    corpus: &Path,
    a: &str,
    b: &str,
    format: gloss::compare::report::Format,
    all: bool,
    order: gloss::compare::table::Order,
) -> Result<ExitCode, CliError> {
    let corpus = Corpus::load(corpus).map_err(|e| CliError::input(e.to_string()))?;
    let article = |name: &str| {
        if let Some(s) = corpus.skipped.iter().find(|s| s.file_name == name) {
            return Err(CliError::input(format!(
                "{name} cannot be compared: {}",
                s.reason
            )));
        }
        article_named(&corpus, name)
    };
    let (first, second) = (article(a)?, article(b)?);
    // Text most articles of the corpus carry (comment widgets, bylines) is not a match.
    let boilerplate =
        gloss::compare::boilerplate::Boilerplate::new(corpus.articles.iter().map(|x| &x.text[..]));
    let pairs = gloss::compare::compare_in_corpus(
        &first.text,
        &second.text,
        &boilerplate,
        &gloss::job::Progress::default(),
    );
    // The suggestions the reader dismissed (in the notes file, read only) stay hidden, by the
    // rules the window uses.
    let dismissed: std::collections::HashSet<String> =
        gloss::store::load_notes(&gloss::store::notes_path(&corpus.root))
            .map(|n| n.dismissed.into_iter().map(|d| d.key).collect())
            .unwrap_or_default();
    let pairs = gloss::compare::suggestions::shown(pairs, (a, b), &dismissed, all);
    let compared = gloss::compare::report::Compared {
        a,
        b,
        a_text: &first.text,
        b_text: &second.text,
        pairs: &pairs,
        order,
    };
    print!("{}", gloss::compare::report::render(format, &compared));
    Ok(ExitCode::SUCCESS)
}
