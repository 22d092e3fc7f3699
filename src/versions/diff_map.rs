//! Carrying positions from one version of a text to the next through the diff between them.
//!
//! With the text an annotation was made on, re-anchoring need not guess: the diff says which
//! chars of the old text are still there and where they went. A passage in unchanged text maps
//! exactly — even a single common word whose sentence around it was rewritten, which no
//! selector can place safely; a passage the change touched is carried when most of it survives
//! and given up when most of it was deleted or rewritten.
//!
//! The diff is taken by lines first (fast on long texts with few changes), then by words
//! inside each changed stretch (`similar`, Myers' algorithm, with a time limit so a text
//! rewritten from end to end costs a bounded time and gives a coarser map, never a hang).

use std::ops::Range;
use std::time::{Duration, Instant};

use similar::{DiffTag, TextDiff};

mod moves;

/// Share of a passage's letters (white space aside) that must survive for it to be carried
/// through a change: "most of it".
pub const MIN_KEPT: f32 = 0.5;
/// Longest the whole diff of two versions may take — lines, then the words of every changed
/// stretch — before settling for a coarser result. One deadline for all of it: with one per
/// stretch, an article rewritten in 100 separate places took 50 s in `diff`, `check` and
/// `export`. Changed stretches not compared by words when it passes are recorded
/// ([`DiffMap::unfinished`]): annotations in them are placed by their selectors instead.
const BUDGET: Duration = Duration::from_millis(800);

/// A stretch the two versions share: `len` chars at `old` in the old text, at `new` in the
/// new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Same {
    old: usize,
    new: usize,
    len: usize,
}

/// Where a range of the old text is in the new one.
#[derive(Debug, Clone, PartialEq)]
pub enum Mapped {
    /// Every char of it is unchanged and together: here it is now.
    Exact(Range<usize>),
    /// It was edited, and `kept` (at least [`MIN_KEPT`]) of its letters survive: from the first
    /// to the last of them.
    Changed { range: Range<usize>, kept: f32 },
    /// Most of it was deleted or rewritten.
    Gone,
}

/// The shared stretches of two versions, for mapping ranges of the old one.
#[derive(Debug, Clone, Default)]
pub struct DiffMap {
    same: Vec<Same>,
    /// Chars shared inside small changed stretches (see [`words_same`]): for edges only.
    fine: Fine,
    old_len: usize,
    new_len: usize,
    /// Letters (chars that are not white space) of the old text before each char.
    letters_before: Vec<u32>,
    /// Changed stretches of the old text (chars) left uncompared when the time ran out.
    unfinished: Vec<Range<usize>>,
}

/// Char offset of the start of each slice, and of the end.
fn char_offsets(slices: &[&str]) -> Vec<usize> {
    let mut out = Vec::with_capacity(slices.len() + 1);
    let mut at = 0;
    out.push(0);
    for s in slices {
        at += s.chars().count();
        out.push(at);
    }
    out
}

/// Byte offset of the start of each slice, and of the end.
fn byte_offsets(slices: &[&str]) -> Vec<usize> {
    let mut out = Vec::with_capacity(slices.len() + 1);
    let mut at = 0;
    out.push(0);
    for s in slices {
        at += s.len();
        out.push(at);
    }
    out
}

impl DiffMap {
    pub fn new(old: &str, new: &str) -> DiffMap {
        DiffMap::with_deadline(old, new, Instant::now() + BUDGET)
    }

    /// [`DiffMap::new`] with the time it must be done by.
    pub fn with_deadline(old: &str, new: &str, deadline: Instant) -> DiffMap {
        // Patience anchors on lines found once in each text, so blank lines (all alike)
        // never pull paragraphs out of line with each other.
        let lines = TextDiff::configure()
            .algorithm(similar::Algorithm::Patience)
            .deadline(deadline)
            .diff_lines(old, new);
        let (old_chars, new_chars) = (
            char_offsets(lines.old_slices()),
            char_offsets(lines.new_slices()),
        );
        let (old_bytes, new_bytes) = (
            byte_offsets(lines.old_slices()),
            byte_offsets(lines.new_slices()),
        );
        let mut same = Vec::new();
        let mut fine = Fine::default();
        let mut unfinished = Vec::new();
        let mut stretches = Vec::new();
        let mut changed: Option<(Range<usize>, Range<usize>)> = None;
        let mut flush = |changed: Option<(Range<usize>, Range<usize>)>, same: &mut Vec<Same>| {
            let Some((o, n)) = changed else { return };
            stretches.push(moves::Stretch {
                old_at: old_chars[o.start],
                new_at: new_chars[n.start],
                old: old_bytes[o.start]..old_bytes[o.end],
                new: new_bytes[n.start]..new_bytes[n.end],
            });
            if Instant::now() >= deadline {
                unfinished.push(old_chars[o.start]..old_chars[o.end]);
                return;
            }
            let old_part = &old[old_bytes[o.start]..old_bytes[o.end]];
            let new_part = &new[new_bytes[n.start]..new_bytes[n.end]];
            words_same(
                old_part,
                new_part,
                old_chars[o.start],
                new_chars[n.start],
                &mut Sink {
                    same,
                    fine: &mut fine,
                },
                deadline,
            );
        };
        let blank = |o: &Range<usize>| {
            lines.old_slices()[o.clone()]
                .iter()
                .all(|l| l.trim().is_empty())
        };
        for op in lines.ops() {
            let (tag, o, n) = op.as_tag_tuple();
            // Blank lines between two changed stretches belong to the change: the words on
            // either side are compared together, so a paragraph inserted above another that
            // was edited does not leave the edited one compared with the wrong paragraph.
            let joins_a_change = tag == DiffTag::Equal && changed.is_some() && blank(&o);
            if tag == DiffTag::Equal && !joins_a_change {
                flush(changed.take(), &mut same);
                push(
                    &mut same,
                    Same {
                        old: old_chars[o.start],
                        new: new_chars[n.start],
                        len: old_chars[o.end] - old_chars[o.start],
                    },
                );
            } else {
                changed = Some(match changed {
                    Some((co, cn)) => (co.start.min(o.start)..co.end.max(o.end), {
                        cn.start.min(n.start)..cn.end.max(n.end)
                    }),
                    None => (o, n),
                });
            }
        }
        flush(changed, &mut same);
        // A block deleted here and inserted there is a move: its words are shared text.
        moves::carry_moves(
            old,
            new,
            &stretches,
            &mut Sink {
                same: &mut same,
                fine: &mut fine,
            },
            deadline,
        );
        for list in [&mut same, &mut fine.starts, &mut fine.ends] {
            list.sort_by_key(|s| s.old);
        }
        let mut letters_before = Vec::with_capacity(old.len() + 1);
        let mut letters = 0u32;
        letters_before.push(0);
        for c in old.chars() {
            letters += u32::from(!c.is_whitespace());
            letters_before.push(letters);
        }
        DiffMap {
            same,
            fine,
            letters_before,
            unfinished,
            old_len: *old_chars.last().unwrap_or(&0),
            new_len: *new_chars.last().unwrap_or(&0),
        }
    }

    /// Whether `range` of the old text lies in a changed stretch the diff had no time to
    /// compare by words (then the map cannot say where it went; the selectors can).
    pub fn unfinished(&self, range: &Range<usize>) -> bool {
        self.unfinished
            .iter()
            .any(|u| u.start < range.end && range.start < u.end)
    }

    fn letters(&self, range: Range<usize>) -> usize {
        let at = |i: usize| self.letters_before[i.min(self.letters_before.len() - 1)];
        (at(range.end) - at(range.start)) as usize
    }

    /// Where `range` of the old text is in the new one.
    pub fn map(&self, range: Range<usize>) -> Mapped {
        if range.is_empty() {
            return Mapped::Gone;
        }
        let first_same = self.same.partition_point(|s| s.old + s.len <= range.start);
        let (mut kept, mut kept_chars) = (0usize, 0usize);
        let (mut start, mut end) = (None, 0);
        for s in &self.same[first_same..] {
            if s.old >= range.end {
                break;
            }
            let from = s.old.max(range.start);
            let to = (s.old + s.len).min(range.end);
            kept += self.letters(from..to);
            kept_chars += to - from;
            start.get_or_insert(s.new + (from - s.old));
            end = s.new + (to - s.old);
        }
        let Some(start) = start else {
            return Mapped::Gone;
        };
        if kept_chars == range.len() && end - start == range.len() {
            return Mapped::Exact(start..end);
        }
        let letters = self.letters(range.clone()).max(1);
        let share = kept as f32 / letters as f32;
        // An edge inside a changed word (a typo fixed in the quote's first or last word) maps
        // to the same place in the word that replaced it, not to the next word that survived.
        let (start, end) = (self.edge(range.start, true), self.edge(range.end, false));
        if end <= start {
            return Mapped::Gone;
        }
        // What is left must still look like the passage: not stretched over a long insertion.
        let stretched = end - start > 2 * range.len() + 16;
        if share >= MIN_KEPT && !stretched {
            Mapped::Changed {
                range: start..end,
                kept: share.min(1.0),
            }
        } else {
            Mapped::Gone
        }
    }

    /// When `range` lies wholly in a changed stretch (no char of it shared): that stretch of
    /// the old text, and the stretch of the new text that replaced it.
    pub fn replacement(&self, range: Range<usize>) -> Option<(Range<usize>, Range<usize>)> {
        let i = self.same.partition_point(|s| s.old + s.len <= range.start);
        if self.same.get(i).is_some_and(|s| s.old < range.end) {
            return None;
        }
        let before = i.checked_sub(1).and_then(|k| self.same.get(k));
        let (old_from, new_from) = before.map_or((0, 0), |s| (s.old + s.len, s.new + s.len));
        let (old_to, new_to) = self
            .same
            .get(i)
            .map_or((self.old_len, self.new_len), |s| (s.old, s.new));
        Some((old_from..old_to, new_from..new_to.max(new_from)))
    }

    /// Where caret position `p` of the old text is in the new one. In a shared stretch, the
    /// same place in it; in a changed stretch, as far into the replacement as `p` was into
    /// what it replaced — counted from the left for a start, from the right for an end. A
    /// start at the boundary of an insertion stays after it, an end stays before it.
    fn edge(&self, p: usize, is_start: bool) -> usize {
        let inside = |s: &Same| {
            if is_start {
                s.old <= p && p < s.old + s.len
            } else {
                s.old < p && p <= s.old + s.len
            }
        };
        let i = self.same.partition_point(|s| s.old + s.len < p);
        if let Some(s) = self.same[i..].iter().take(2).find(|s| inside(s)) {
            return s.new + (p - s.old);
        }
        // In a changed stretch: the chars it shares with its replacement first.
        let fine = if is_start {
            &self.fine.starts
        } else {
            &self.fine.ends
        };
        let k = fine.partition_point(|s| s.old + s.len < p);
        if let Some(s) = fine[k..].iter().take(2).find(|s| inside(s)) {
            return s.new + (p - s.old);
        }
        // In the gap between shared stretches `i - 1` and `i`.
        let before = i.checked_sub(1).and_then(|k| self.same.get(k));
        let (old_from, new_from) = before.map_or((0, 0), |s| (s.old + s.len, s.new + s.len));
        let after = self.same[i..].iter().find(|s| s.old >= p);
        let (old_to, new_to) = after.map_or((self.old_len, self.new_len), |s| (s.old, s.new));
        let new_gap = new_to.saturating_sub(new_from);
        if is_start {
            new_from + (p.saturating_sub(old_from)).min(new_gap)
        } else {
            new_to - (old_to.saturating_sub(p)).min(new_gap)
        }
    }

    /// The changes, as pairs of ranges (old, new) between the shared stretches: what
    /// `gloss diff` and the compare-version view show. An insertion has an empty old range, a
    /// deletion an empty new one.
    pub fn changes(&self, old_len: usize, new_len: usize) -> Vec<(Range<usize>, Range<usize>)> {
        let mut out = Vec::new();
        let (mut o, mut n) = (0, 0);
        for s in self.same.iter().chain(std::iter::once(&Same {
            old: old_len,
            new: new_len,
            len: 0,
        })) {
            if s.old > o || s.new > n {
                out.push((o..s.old, n..s.new));
            }
            o = s.old + s.len;
            n = s.new + s.len;
        }
        out
    }
}

/// Adds a shared stretch, merged with the previous one when they touch on both sides.
fn push(same: &mut Vec<Same>, s: Same) {
    if s.len == 0 {
        return;
    }
    if let Some(last) = same.last_mut()
        && last.old + last.len == s.old
        && last.new + last.len == s.new
    {
        last.len += s.len;
        return;
    }
    same.push(s);
}

/// Longest changed stretch (chars, each side) whose chars are aligned one by one for
/// [`DiffMap::edge`].
const FINE_MAX: usize = 300;

/// Where the shared stretches go.
struct Sink<'a> {
    same: &'a mut Vec<Same>,
    fine: &'a mut Fine,
}

/// Chars shared inside small changed stretches, aligned two ways: for passage starts and for
/// passage ends.
#[derive(Debug, Clone, Default)]
struct Fine {
    starts: Vec<Same>,
    ends: Vec<Same>,
}

/// A word (a run of chars that are not white space): where it is, in chars and bytes.
struct Token<'a> {
    chars: Range<usize>,
    bytes: Range<usize>,
    text: &'a str,
}

fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    let mut char_i = 0;
    for (byte_i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some((char_i, byte_i)),
            (true, Some((cs, bs))) => {
                out.push(Token {
                    chars: cs..char_i,
                    bytes: bs..byte_i,
                    text: &s[bs..byte_i],
                });
                start = None;
            }
            _ => {}
        }
        char_i += 1;
    }
    if let Some((cs, bs)) = start {
        out.push(Token {
            chars: cs..char_i,
            bytes: bs..s.len(),
            text: &s[bs..],
        });
    }
    out
}

/// The shared stretches of a changed stretch, by words (offsets added to place them): the
/// words are compared alone, white space aside — spaces are all alike, and letting them
/// count as shared pulls words out of line. The white space between two shared words is
/// shared too when it is as long on both sides (a line break that became a space). In each
/// small stretch of changed words, the chars the two sides share are aligned for placing a
/// passage's edge inside a changed word (they never count as kept text: two different
/// sentences share many letters by chance).
fn words_same(
    old: &str,
    new: &str,
    old_at: usize,
    new_at: usize,
    sink: &mut Sink<'_>,
    deadline: Instant,
) {
    let (a, b) = (tokens(old), tokens(new));
    let (ka, kb): (Vec<&str>, Vec<&str>) = (
        a.iter().map(|t| t.text).collect(),
        b.iter().map(|t| t.text).collect(),
    );
    // Runs of shared words: (old token, new token, count).
    let mut runs: Vec<(usize, usize, usize)> = if ka.len() * kb.len() <= WEIGHTED_MAX_CELLS {
        weighted_runs(&ka, &kb)
    } else {
        similar::capture_diff_slices_deadline(similar::Algorithm::Myers, &ka, &kb, Some(deadline))
            .iter()
            .map(|op| op.as_tag_tuple())
            .filter(|(tag, _, _)| *tag == DiffTag::Equal)
            .map(|(_, o, n)| (o.start, n.start, o.len()))
            .collect()
    };
    // A lone shared word between changes may have been paired with the wrong copy of itself
    // ("the" in a rewritten sentence that now says "the" twice): take the copy that sits as
    // far into the rewritten words as the word sat into the words it replaced.
    for r in 0..runs.len() {
        let (o, n, len) = runs[r];
        if len != 1 {
            continue;
        }
        let (po, pn) = r
            .checked_sub(1)
            .map_or((0, 0), |p| (runs[p].0 + runs[p].2, runs[p].1 + runs[p].2));
        let nn = runs.get(r + 1).map_or(kb.len(), |x| x.1);
        let best = (pn..nn)
            .filter(|&j| kb[j] == ka[o])
            .min_by_key(|&j| (j - pn).abs_diff(o - po));
        if let Some(j) = best
            && j != n
        {
            runs[r].1 = j;
        }
    }
    let old_chars_len = old.chars().count();
    let new_chars_len = new.chars().count();
    // Where the last shared word ended (chars, bytes), on each side.
    let (mut old_end, mut new_end) = ((0, 0), (0, 0));
    for &(o, n, len) in &runs {
        changed_between(
            (old, new),
            (old_end, (a[o].chars.start, a[o].bytes.start)),
            (new_end, (b[n].chars.start, b[n].bytes.start)),
            (old_at, new_at),
            sink,
        );
        for k in 0..len {
            let (ta, tb) = (&a[o + k], &b[n + k]);
            push(
                sink.same,
                Same {
                    old: old_at + ta.chars.start,
                    new: new_at + tb.chars.start,
                    len: ta.chars.len(),
                },
            );
            if k + 1 < len {
                let (na, nb) = (&a[o + k + 1], &b[n + k + 1]);
                let gap = na.chars.start - ta.chars.end;
                if gap == nb.chars.start - tb.chars.end {
                    push(
                        sink.same,
                        Same {
                            old: old_at + ta.chars.end,
                            new: new_at + tb.chars.end,
                            len: gap,
                        },
                    );
                }
            }
        }
        let (la, lb) = (&a[o + len - 1], &b[n + len - 1]);
        old_end = (la.chars.end, la.bytes.end);
        new_end = (lb.chars.end, lb.bytes.end);
    }
    changed_between(
        (old, new),
        (old_end, (old_chars_len, old.len())),
        (new_end, (new_chars_len, new.len())),
        (old_at, new_at),
        sink,
    );
}

/// Largest table (old words × new words) aligned by [`weighted_runs`]; larger changed
/// stretches (rare: a paragraph is tens of words) use Myers' diff.
const WEIGHTED_MAX_CELLS: usize = 250_000;

/// The shared words of two word lists as runs `(old index, new index, count)`, chosen so that
/// the shared *letters* are as many as can be: when two alignments share as many words, the
/// one keeping "relations" beats the one keeping "that" (Myers' diff counts words and takes
/// either). A longest common subsequence weighted by word length, by dynamic programming.
fn weighted_runs(a: &[&str], b: &[&str]) -> Vec<(usize, usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let width = m + 1;
    // best[i * width + j]: the weight shareable between a[i..] and b[j..].
    let mut best = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let skip = best[(i + 1) * width + j].max(best[i * width + j + 1]);
            let take = if a[i] == b[j] {
                best[(i + 1) * width + j + 1] + a[i].chars().count() as u32 + 1
            } else {
                0
            };
            best[i * width + j] = skip.max(take);
        }
    }
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        let here = best[i * width + j];
        if a[i] == b[j] && here == best[(i + 1) * width + j + 1] + a[i].chars().count() as u32 + 1 {
            match runs.last_mut() {
                Some((ri, rj, len)) if *ri + *len == i && *rj + *len == j => *len += 1,
                _ => runs.push((i, j, 1)),
            }
            i += 1;
            j += 1;
        } else if best[(i + 1) * width + j] == here {
            i += 1;
        } else {
            j += 1;
        }
    }
    runs
}

/// A stretch between shared words (`(chars, bytes)` from and to, on each side): the white
/// space it starts and ends with is shared when it is the same on both sides (only the words
/// between changed); what is left is aligned char by char ([`refine`]).
fn changed_between(
    (old, new): (&str, &str),
    old_span: ((usize, usize), (usize, usize)),
    new_span: ((usize, usize), (usize, usize)),
    at: (usize, usize),
    sink: &mut Sink<'_>,
) {
    let (((mut oc0, mut ob0), (mut oc1, mut ob1)), ((mut nc0, mut nb0), (mut nc1, mut nb1))) =
        (old_span, new_span);
    let (o, n) = (&old[ob0..ob1], &new[nb0..nb1]);
    let lead = |s: &str| s.len() - s.trim_start().len();
    let (lo, ln) = (lead(o), lead(n));
    if lo > 0 && lo == ln && o[..lo] == n[..ln] {
        let chars = o[..lo].chars().count();
        push(
            sink.same,
            Same {
                old: at.0 + oc0,
                new: at.1 + nc0,
                len: chars,
            },
        );
        (oc0, ob0, nc0, nb0) = (oc0 + chars, ob0 + lo, nc0 + chars, nb0 + ln);
    }
    let (o, n) = (&old[ob0..ob1], &new[nb0..nb1]);
    let trail = |s: &str| s.len() - s.trim_end().len();
    let (to, tn) = (trail(o), trail(n));
    let trailing = if to > 0 && to == tn && o[o.len() - to..] == n[n.len() - tn..] {
        let chars = o[o.len() - to..].chars().count();
        (oc1, ob1, nc1, nb1) = (oc1 - chars, ob1 - to, nc1 - chars, nb1 - tn);
        Some(Same {
            old: at.0 + oc1,
            new: at.1 + nc1,
            len: chars,
        })
    } else {
        None
    };
    refine(
        old,
        new,
        ((oc0, ob0), (oc1, ob1)),
        ((nc0, nb0), (nc1, nb1)),
        at,
        sink.fine,
    );
    if let Some(t) = trailing {
        push(sink.same, t);
    }
}

/// The chars a changed stretch shares with its replacement, aligned from the left (for
/// passage ends: text inserted after an end stays out) and from the right (for starts: text
/// inserted before a start, even run into its first word — "as.relationship" — stays out).
/// Each side is `((chars, bytes) from, (chars, bytes) to)` within `old` / `new`.
fn refine(
    old: &str,
    new: &str,
    old_span: ((usize, usize), (usize, usize)),
    new_span: ((usize, usize), (usize, usize)),
    at: (usize, usize),
    fine: &mut Fine,
) {
    let (((oc0, ob0), (oc1, ob1)), ((nc0, nb0), (nc1, nb1))) = (old_span, new_span);
    let (old_len, new_len) = (oc1.saturating_sub(oc0), nc1.saturating_sub(nc0));
    if old_len == 0 || new_len == 0 || old_len > FINE_MAX || new_len > FINE_MAX {
        return;
    }
    let (old_part, new_part) = (&old[ob0..ob1], &new[nb0..nb1]);
    let (base_old, base_new) = (at.0 + oc0, at.1 + nc0);
    let chars = TextDiff::configure().diff_chars(old_part, new_part);
    for op in chars.ops() {
        let (tag, co, cn) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            push(
                &mut fine.ends,
                Same {
                    old: base_old + co.start,
                    new: base_new + cn.start,
                    len: co.len(),
                },
            );
        }
    }
    let (old_rev, new_rev): (String, String) = (
        old_part.chars().rev().collect(),
        new_part.chars().rev().collect(),
    );
    let reversed = TextDiff::configure().diff_chars(&old_rev, &new_rev);
    let mut starts: Vec<Same> = reversed
        .ops()
        .iter()
        .map(|op| op.as_tag_tuple())
        .filter(|(tag, _, _)| *tag == DiffTag::Equal)
        .map(|(_, co, cn)| Same {
            old: base_old + old_len - co.end,
            new: base_new + new_len - cn.end,
            len: co.len(),
        })
        .collect();
    starts.reverse();
    for s in starts {
        push(&mut fine.starts, s);
    }
}

#[cfg(test)]
mod tests;
