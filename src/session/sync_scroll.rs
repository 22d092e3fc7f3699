//! Scrolling in step: the pane the reader scrolled leads, and each neighbour, in turn, is put
//! where the lead's top line maps to along their corresponding passages
//! ([`crate::compare::mapping`]). A follower's own small move is not a lead's.
//!
//! Plain state and rules, no window: the shell gives each frame's top chars and a way to map a
//! position from one pane to its neighbour; it gets back where to put the followers.

use std::ops::Range;
use std::sync::Arc;

use crate::workspace::Workspace;

/// Chars a pane must move to count as scrolled by the reader (a follower lands within a line
/// of its target).
const MOVED: usize = 30;
/// Frames a pane put in place is not taken for a lead: measured heights replace estimates
/// for a few frames after a jump, and its moves then are not the reader's.
pub const SETTLING_FRAMES: u8 = 6;

#[derive(Debug, Default)]
pub struct SyncScroll {
    /// Each pane's top char last frame.
    last: Vec<usize>,
    /// The corresponding passages of each neighbour pair, left → right and right → left, as
    /// last built, and what they were built from: rebuilt when an article, the notes or the
    /// comparison change, not at every move of the lead (2,000 links are 4,000 look-ups).
    passages: Vec<(PassagesKey, Arc<Passages>)>,
    /// The pane that leads next frame, when chosen (turning it on, a keyboard scroll).
    lead: Option<usize>,
    /// Frames each pane still settles.
    settling: Vec<u8>,
}

/// What a neighbour pair's passages were built from: both texts, the notes' revision, and
/// how many pairs the comparison had found (it arrives from a worker).
type PassagesKey = (String, String, u64, Option<usize>);

/// Corresponding passages, sorted as found: left → right, and right → left.
#[derive(Debug, Default)]
struct Passages {
    forward: Vec<(Range<usize>, Range<usize>)>,
    backward: Vec<(Range<usize>, Range<usize>)>,
}

impl SyncScroll {
    /// Scrolling in step is off: forget where the panes were.
    pub fn off(&mut self) {
        self.last.clear();
    }

    /// `pane` leads next frame (turning scrolling in step on: the active pane leads).
    pub fn lead_with(&mut self, pane: usize) {
        self.lead = Some(pane);
    }

    /// `pane` was put in place (levelled with a link's other end): not the reader's scrolling.
    pub fn settle(&mut self, pane: usize) {
        if self.settling.len() <= pane {
            self.settling.resize(pane + 1, 0);
        }
        self.settling[pane] = SETTLING_FRAMES;
    }

    /// This frame's top chars (`tops`); `active` wins when several moved; `map(from, to, pos)`
    /// maps char `pos` of pane `from` to its neighbour `to`. Returns the followers to move:
    /// `(pane, top char)`.
    pub fn follow(
        &mut self,
        tops: &[usize],
        active: usize,
        map: impl Fn(usize, usize, usize) -> Option<usize>,
    ) -> Vec<(usize, usize)> {
        let last = std::mem::take(&mut self.last);
        self.settling.resize(tops.len(), 0);
        let settling = &self.settling;
        let lead = self.lead.take().or_else(|| {
            let moved: Vec<usize> = (0..tops.len())
                .filter(|&i| settling[i] == 0)
                .filter(|&i| last.get(i).is_some_and(|&l| l.abs_diff(tops[i]) > MOVED))
                .collect();
            if moved.contains(&active) {
                Some(active)
            } else {
                moved.first().copied()
            }
        });
        for s in self.settling.iter_mut() {
            *s = s.saturating_sub(1);
        }
        self.last = tops.to_vec();
        let Some(lead) = lead.filter(|&l| l < tops.len()) else {
            return Vec::new();
        };
        let mut at: Vec<Option<usize>> = vec![None; tops.len()];
        at[lead] = Some(tops[lead]);
        let order = (lead + 1..tops.len())
            .map(|i| (i - 1, i))
            .chain((0..lead).rev().map(|i| (i + 1, i)));
        for (from, to) in order {
            if let Some(pos) = at[from] {
                at[to] = map(from, to, pos);
            }
        }
        let mut moves = Vec::new();
        for (i, target) in at.into_iter().enumerate() {
            if let Some(target) = target
                && i != lead
                && target.abs_diff(tops[i]) > MOVED / 2
            {
                self.last[i] = target;
                self.settling[i] = SETTLING_FRAMES;
                moves.push((i, target));
            }
        }
        moves
    }
}

impl super::Session {
    /// After a frame reported where the panes are: the followers are put where the lead's
    /// top line maps to along the corresponding passages and the reader's links. Returns
    /// whether a pane was moved (the window then draws again).
    pub fn scroll_in_step(&mut self) -> bool {
        if !self.sync_scroll {
            self.sync.off();
            return false;
        }
        let Some(ws) = &self.workspace else {
            return false;
        };
        let panes = &self.reader.panes;
        let tops: Vec<usize> = panes.iter().map(|p| p.top_pos).collect();
        let article = |i: usize| {
            panes
                .get(i)
                .and_then(|p| p.article())
                .and_then(|a| ws.corpus.article(a))
        };
        // Each neighbour pair's passages: the comparison's pairs and the reader's links.
        let mut kept = std::mem::take(&mut self.sync.passages);
        let mut passages = Vec::new();
        for i in 0..panes.len().saturating_sub(1) {
            let (Some(left), Some(right)) = (article(i), article(i + 1)) else {
                passages.push(None);
                continue;
            };
            let pairs = self.comparing.pairs(&left.hash, &right.hash);
            let key: PassagesKey = (
                left.hash.clone(),
                right.hash.clone(),
                ws.notebook().revision(),
                pairs.map(<[_]>::len),
            );
            let built = match kept.iter().position(|(k, _)| *k == key) {
                Some(at) => kept.swap_remove(at).1,
                None => Arc::new(Passages::between(
                    ws,
                    pairs.unwrap_or_default(),
                    (&left.file_name, &right.file_name),
                )),
            };
            passages.push(Some((key, built)));
        }
        self.sync.passages = passages.iter().flatten().cloned().collect();
        let map = |from: usize, to: usize, pos: usize| {
            let (a, b) = (article(from)?, article(to)?);
            let (_, built) = passages.get(from.min(to))?.as_ref()?;
            let pairs = if from < to {
                &built.forward
            } else {
                &built.backward
            };
            Some(crate::compare::mapping::map_position(
                pairs,
                pos,
                a.char_len(),
                b.char_len(),
            ))
        };
        let moves = self.sync.follow(&tops, self.reader.active, map);
        let moved = !moves.is_empty();
        for (pane, target) in moves {
            self.reader.panes[pane].reveal = Some(super::pane::Reveal::TopExact(target));
        }
        moved
    }
}

impl Passages {
    /// The comparison's pairs of `names` (left, right) and the reader's links between them.
    fn between(ws: &Workspace, pairs: &[crate::compare::Pair], names: (&str, &str)) -> Passages {
        let links = ws.notebook().links().iter().filter_map(|l| {
            let [Some((x, rx)), Some((y, ry))] = ws.link_ends(l) else {
                return None;
            };
            if (x, y) == names {
                Some((rx, ry))
            } else if (y, x) == names {
                Some((ry, rx))
            } else {
                None
            }
        });
        let forward: Vec<(Range<usize>, Range<usize>)> = pairs
            .iter()
            .map(|p| (p.a.start..p.a.end, p.b.start..p.b.end))
            // The reader's links count as corresponding passages too.
            .chain(links)
            .collect();
        let backward = forward
            .iter()
            .map(|(l, r)| (r.clone(), l.clone()))
            .collect();
        Passages { forward, backward }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pane 1 shows pane 0's text shifted by 1,000 chars.
    fn shifted(from: usize, to: usize, pos: usize) -> Option<usize> {
        Some(if from < to {
            pos + 1_000
        } else {
            pos.saturating_sub(1_000)
        })
    }

    #[test]
    fn the_pane_the_reader_scrolls_leads_and_a_follower_settling_does_not() {
        let mut sync = SyncScroll::default();
        assert!(
            sync.follow(&[0, 1_000], 0, shifted).is_empty(),
            "first frame: no lead"
        );
        // The reader scrolls pane 0: pane 1 follows.
        assert_eq!(sync.follow(&[500, 1_000], 0, shifted), [(1, 1_500)]);
        // Pane 1 lands near its target and wobbles while its heights are measured: not a lead.
        assert!(sync.follow(&[500, 1_460], 0, shifted).is_empty());
        assert!(sync.follow(&[500, 1_520], 0, shifted).is_empty());
        // Once settled, the reader scrolling pane 1 leads it, backwards too.
        for _ in 0..SETTLING_FRAMES {
            sync.follow(&[500, 1_520], 0, shifted);
        }
        assert_eq!(sync.follow(&[500, 3_000], 0, shifted), [(0, 2_000)]);
        // A small move is no lead.
        for _ in 0..SETTLING_FRAMES {
            sync.follow(&[2_000, 3_000], 0, shifted);
        }
        assert!(sync.follow(&[2_010, 3_000], 0, shifted).is_empty());
    }

    #[test]
    fn turning_it_on_levels_from_the_active_pane() {
        let mut sync = SyncScroll::default();
        sync.lead_with(1);
        assert_eq!(sync.follow(&[0, 4_000], 1, shifted), [(0, 3_000)]);
    }
}
