//! Plain-text books in the layouts people find them in — blank-line paragraphs, first-line
//! indents, every line indented (the Jargon File, RFCs), verse, a table — built from known
//! paragraphs of public-domain text, so the true paragraph breaks come from the construction.
//! Prints how many breaks gloss gets right and wrong per layout (`--nocapture`).

use gloss::text::Paragraphs;

/// Public-domain prose (Austen, Dickens, Melville, Stevenson), one paragraph each.
const PROSE: &[&str] = &[
    "It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife. However little known the feelings or views of such a man may be on his first entering a neighbourhood, this truth is so well fixed in the minds of the surrounding families, that he is considered the rightful property of some one or other of their daughters.",
    "My dear Mr. Bennet, said his lady to him one day, have you heard that Netherfield Park is let at last? Mr. Bennet replied that he had not. But it is, returned she; for Mrs. Long has just been here, and she told me all about it.",
    "It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity, it was the season of Light, it was the season of Darkness, it was the spring of hope, it was the winter of despair.",
    "There were a king with a large jaw and a queen with a plain face, on the throne of England; there were a king with a large jaw and a queen with a fair face, on the throne of France. In both countries it was clearer than crystal to the lords of the State preserves of loaves and fishes, that things in general were settled for ever.",
    "Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my purse, and nothing particular to interest me on shore, I thought I would sail about a little and see the watery part of the world. It is a way I have of driving off the spleen and regulating the circulation.",
    "Whenever I find myself growing grim about the mouth; whenever it is a damp, drizzly November in my soul; whenever I find myself involuntarily pausing before coffin warehouses, and bringing up the rear of every funeral I meet, then, I account it high time to get to sea as soon as I can.",
    "Mr. Utterson the lawyer was a man of a rugged countenance that was never lighted by a smile; cold, scanty and embarrassed in discourse; backward in sentiment; lean, long, dusty, dreary and yet somehow lovable. At friendly meetings, and when the wine was to his taste, something eminently human beaconed from his eye.",
    "No doubt the feat was easy to Mr. Utterson; for he was undemonstrative at the best, and even his friendship seemed to be founded in a similar catholicity of good-nature. It is the mark of a modest man to accept his friendly circle ready-made from the hands of opportunity.",
];

/// Words of `text` wrapped at `width` (after `indent`), as `fmt` wraps.
fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_owned();
    let mut empty = true;
    for w in text.split_whitespace() {
        if !empty && line.chars().count() + 1 + w.chars().count() > width {
            lines.push(line);
            line = rest.to_owned();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(w);
        empty = false;
    }
    lines.push(line);
    lines
}

/// Paragraph texts as gloss shows them (soft breaks as spaces, margins hidden).
fn shown(text: &str) -> Vec<String> {
    let p = Paragraphs::new(text);
    p.iter()
        .map(|q| {
            q.display_text(text)
                .replace('\u{200B}', "")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// (right, wrong) breaks: a break is the end of a paragraph (counted by its text).
fn score(truth: &[String], got: &[String]) -> (usize, usize) {
    // Boundaries as word counts from the start.
    let bounds = |paras: &[String]| -> std::collections::BTreeSet<usize> {
        let mut n = 0;
        paras
            .iter()
            .map(|p| {
                n += p.split_whitespace().count();
                n
            })
            .collect()
    };
    let (t, g) = (bounds(truth), bounds(got));
    let right = t.intersection(&g).count();
    let wrong = t.symmetric_difference(&g).count();
    (right, wrong)
}

fn norm(p: &str) -> String {
    p.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn paragraph_breaks_of_plain_text_books_in_five_layouts() {
    let truth: Vec<String> = PROSE.iter().map(|p| norm(p)).collect();
    let mut layouts: Vec<(&str, String, Vec<String>)> = Vec::new();
    // 1. Blank-line paragraphs, wrapped at 70 (Gutenberg).
    let text: String = PROSE
        .iter()
        .map(|p| wrap(p, 70, "", "").join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n");
    layouts.push(("blank lines, 70 columns", text, truth.clone()));
    // 2. First-line indents, no blank lines.
    let text: String = PROSE
        .iter()
        .map(|p| wrap(p, 72, "    ", "").join("\n"))
        .collect::<Vec<_>>()
        .join("\n");
    layouts.push(("first-line indents", text, truth.clone()));
    // 3. Every line indented by three (RFC, Jargon File), blank-line paragraphs.
    let text: String = PROSE
        .iter()
        .map(|p| wrap(p, 72, "   ", "   ").join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n");
    layouts.push(("uniformly indented", text, truth.clone()));
    // 4. Indented with first-line indents on top of the margin.
    let text: String = PROSE
        .iter()
        .map(|p| wrap(p, 72, "      ", "   ").join("\n"))
        .collect::<Vec<_>>()
        .join("\n");
    layouts.push(("indented, first-line indents", text, truth.clone()));
    // 5. Prose with verse and a table between: their lines stay lines.
    let verse = [
        "Tyger Tyger, burning bright,",
        "In the forests of the night;",
        "What immortal hand or eye,",
        "Could frame thy fearful symmetry?",
    ];
    let table = [
        "Name        Born   Died",
        "Austen      1775   1817",
        "Dickens     1812   1870",
    ];
    let mut parts: Vec<String> = Vec::new();
    let mut expected: Vec<String> = Vec::new();
    for (i, p) in PROSE.iter().enumerate() {
        parts.push(wrap(p, 70, "", "").join("\n"));
        expected.push(norm(p));
        if i == 2 {
            parts.push(
                verse
                    .iter()
                    .map(|l| format!("    {l}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
            expected.extend(verse.iter().map(|l| norm(l)));
        }
        if i == 5 {
            parts.push(table.join("\n"));
            expected.extend(table.iter().map(|l| norm(l)));
        }
    }
    layouts.push(("with verse and a table", parts.join("\n\n"), expected));

    let (mut all_right, mut all_wrong, mut all_true) = (0, 0, 0);
    for (name, text, truth) in &layouts {
        let got = shown(text);
        let (right, wrong) = score(truth, &got);
        println!(
            "{name}: {right} of {} breaks right, {wrong} wrong ({} paragraphs shown)",
            truth.len(),
            got.len()
        );
        all_right += right;
        all_wrong += wrong;
        all_true += truth.len();
    }
    println!("all layouts: {all_right} of {all_true} right, {all_wrong} wrong");
    assert!(
        all_right * 100 >= all_true * 95 && all_wrong * 100 <= all_true * 5,
        "{all_right} right, {all_wrong} wrong of {all_true}"
    );
}
