//! Reading from the keyboard alone: caret browsing (F7, as in browsers) and stepping through
//! the highlights of a pane (Tab).
//!
//! With caret browsing on, the active pane's selection head is a caret the arrows move (by
//! char, by word with Ctrl, by line — the window knows the lines and sends where the caret
//! lands); Shift extends the selection from where it was anchored. H, N and L then act on the
//! selection as they do after a drag. Tab selects the next highlight of the active pane in
//! reading order (Shift+Tab the one before), scrolling it into view when it is not; Enter
//! opens its note.

use super::Session;
use super::pane::{Reveal, Selection};
use crate::text::Paragraphs;

/// Where the caret goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaretTo {
    /// This many chars on (back when negative).
    Chars(i32),
    /// To the end of the next word (the start of the previous one when negative).
    Words(i32),
    /// To this char (a line up or down, a line's start or end: the window's layout knows).
    At(usize),
}

/// The char a word step from `pos` lands on: forward, past the rest of the word the caret is
/// in (or the next one) to its end; backward, to the start of the word before the caret.
pub fn word_step(text: &str, paragraphs: &Paragraphs, pos: usize, forward: bool) -> usize {
    let len = paragraphs.total_chars();
    let pos = pos.min(len);
    let byte = paragraphs.byte_of_char(text, pos);
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
    if forward {
        let mut at = pos;
        let mut chars = text[byte..].chars().peekable();
        while chars.peek().is_some_and(|&c| !is_word(c)) {
            chars.next();
            at += 1;
        }
        while chars.peek().is_some_and(|&c| is_word(c)) {
            chars.next();
            at += 1;
        }
        at.min(len)
    } else {
        let mut at = pos;
        let mut chars = text[..byte].chars().rev().peekable();
        while chars.peek().is_some_and(|&c| !is_word(c)) {
            chars.next();
            at -= 1;
        }
        while chars.peek().is_some_and(|&c| is_word(c)) {
            chars.next();
            at -= 1;
        }
        at
    }
}

impl Session {
    /// Moves the caret of `pane` (its selection's head); `extend` keeps the anchor.
    pub(super) fn move_caret(&mut self, pane: usize, to: CaretTo, extend: bool) {
        let Some(article) = self.reader.article_in(pane).map(str::to_owned) else {
            return;
        };
        let Some(a) = self
            .workspace
            .as_ref()
            .and_then(|ws| ws.corpus.article(&article))
        else {
            return;
        };
        let Some(p) = self.reader.panes.get(pane) else {
            return;
        };
        let len = a.char_len();
        let head = p.selection.head.min(len);
        let target = match to {
            CaretTo::Chars(n) => head.saturating_add_signed(n as isize).min(len),
            CaretTo::Words(n) => {
                let mut at = head;
                for _ in 0..n.unsigned_abs() {
                    at = word_step(&a.text, &a.paragraphs, at, n > 0);
                }
                at
            }
            CaretTo::At(c) => c.min(len),
        };
        self.reader.activate(pane);
        let end = self.reader.select(None);
        self.end_typing(end);
        let p = &mut self.reader.panes[pane];
        p.selection = Selection {
            anchor: if extend { p.selection.anchor } else { target },
            head: target,
        };
        // Out of sight: brought into the middle (never a jump while it is on screen).
        if !p.visible.contains(&target) && p.visible.end != target {
            p.reveal = Some(Reveal::Center(target));
        }
    }

    /// Selects the highlight `step` places on from the selected one in `pane`'s article (or
    /// from what is in sight), wrapping at the ends, and brings it into view.
    pub(super) fn step_highlight(&mut self, pane: usize, step: i32) {
        let Some(article) = self.reader.article_in(pane).map(str::to_owned) else {
            return;
        };
        let Some(ws) = self.workspace.as_ref() else {
            return;
        };
        let mut placed: Vec<(usize, usize, String)> = ws
            .notebook()
            .annotations()
            .iter()
            .filter(|a| a.article == article)
            .filter_map(|a| {
                let r = ws.range_of(&a.id)?;
                Some((r.start, r.end, a.id.clone()))
            })
            .collect();
        if placed.is_empty() {
            self.effects.push(super::Effect::Info(
                "This article has no highlights yet.".into(),
            ));
            return;
        }
        placed.sort();
        let current = self
            .reader
            .selected
            .as_ref()
            .and_then(|id| placed.iter().position(|(_, _, p)| p == id));
        let visible = self
            .reader
            .panes
            .get(pane)
            .map_or(0..0, |p| p.visible.clone());
        let n = placed.len();
        let index = match current {
            Some(i) => (i as i64 + i64::from(step)).rem_euclid(n as i64) as usize,
            // From what is on screen: the first one in sight going on, the last going back.
            None if step > 0 => placed
                .iter()
                .position(|(s, _, _)| *s >= visible.start)
                .unwrap_or(0),
            None => placed
                .iter()
                .rposition(|(s, _, _)| *s < visible.end.max(1))
                .unwrap_or(n - 1),
        };
        let (start, end, id) = placed[index].clone();
        self.reader.activate(pane);
        let typing = self.reader.select(Some(id.clone()));
        self.end_typing(typing);
        self.effects.push(super::Effect::LevelCounterparts(id));
        if let Some(p) = self.reader.panes.get_mut(pane)
            && !(p.visible.contains(&start) && end <= p.visible.end)
        {
            p.reveal = Some(Reveal::Center(start));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_step_goes_to_the_end_of_the_next_word_or_the_start_of_the_last() {
        let text = "Boris Johnson's trip, to Moscow.\nNext line";
        let p = Paragraphs::new(text);
        let at = |c: usize, f: bool| word_step(text, &p, c, f);
        assert_eq!(at(0, true), 5, "end of Boris");
        assert_eq!(at(5, true), 15, "end of Johnson's");
        assert_eq!(at(15, true), 20, "end of trip, past the comma's word");
        assert_eq!(at(20, false), 16, "start of trip");
        assert_eq!(at(16, false), 6, "start of Johnson's");
        assert_eq!(at(0, false), 0);
        assert_eq!(at(31, true), 37, "across the line break: end of Next");
        let end = text.chars().count();
        assert_eq!(at(end, true), end);
    }
}
