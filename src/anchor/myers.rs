//! Approximate string search: where in a text does a pattern occur with at most `k` edits?
//!
//! Myers' bit-parallel algorithm ("A fast bit-vector algorithm for approximate string matching
//! based on dynamic programming", 1999) computes one column of the edit-distance table per text
//! byte with a handful of word operations. Patterns longer than 64 bytes are split into 64-bit
//! blocks that pass the horizontal delta of their bottom row to the next block (the block-based
//! variant of the same paper), so quotes of any length work. The search is semi-global: the
//! pattern must match whole, anywhere in the text.
//!
//! The search reports the *end* of each good match; [`start_of_match`] then recovers where the
//! match begins with a small dynamic program over the window before that end.
//!
//! (Crates implementing Myers exist, but the well-kept ones either cap the pattern at 64 bytes
//! or come inside large bioinformatics libraries; the algorithm is ~80 lines.)

const W: usize = 64;

/// The pattern, pre-processed: for each block, a bit mask per byte value of where it occurs.
pub struct Pattern {
    len: usize,
    peq: Vec<[u64; 256]>,
}

impl Pattern {
    pub fn new(pattern: &[u8]) -> Pattern {
        let blocks = pattern.len().div_ceil(W).max(1);
        let mut peq = vec![[0u64; 256]; blocks];
        for (i, &b) in pattern.iter().enumerate() {
            peq[i / W][b as usize] |= 1 << (i % W);
        }
        Pattern {
            len: pattern.len(),
            peq,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A match ending just before byte `end` of the text, with `distance` edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct End {
    pub end: usize,
    pub distance: usize,
}

/// Every text position where the pattern ends with at most `max_errors` edits.
pub fn search(pattern: &Pattern, text: &[u8], max_errors: usize) -> Vec<End> {
    let m = pattern.len;
    if m == 0 {
        return Vec::new();
    }
    let blocks = pattern.peq.len();
    let mut pv = vec![!0u64; blocks];
    let mut mv = vec![0u64; blocks];
    let last_bit = 1u64 << ((m - 1) % W);
    let mut score = m; // edit distance at the bottom row of the last block
    let mut out = Vec::new();
    for (j, &c) in text.iter().enumerate() {
        // Row 0 is all zeros (the match may start anywhere): no horizontal carry into block 0.
        let mut carry: i8 = 0;
        for b in 0..blocks {
            let high = if b + 1 == blocks {
                last_bit
            } else {
                1 << (W - 1)
            };
            let mut eq = pattern.peq[b][c as usize];
            let (p, n) = (pv[b], mv[b]);
            let xv = eq | n;
            if carry < 0 {
                eq |= 1;
            }
            let xh = (((eq & p).wrapping_add(p)) ^ p) | eq;
            let mut ph = n | !(xh | p);
            let mut mh = p & xh;
            let out_carry: i8 = if ph & high != 0 {
                1
            } else if mh & high != 0 {
                -1
            } else {
                0
            };
            ph <<= 1;
            mh <<= 1;
            if carry < 0 {
                mh |= 1;
            } else if carry > 0 {
                ph |= 1;
            }
            pv[b] = mh | !(xv | ph);
            mv[b] = ph & xv;
            carry = out_carry;
        }
        score = (score as isize + carry as isize) as usize;
        if score <= max_errors {
            out.push(End {
                end: j + 1,
                distance: score,
            });
        }
    }
    out
}

/// Where the best match of `pattern` that ends exactly at `end` begins, and its distance.
/// Looks back at most `pattern.len() + max_errors` bytes.
pub fn start_of_match(
    pattern: &[u8],
    text: &[u8],
    end: usize,
    max_errors: usize,
) -> (usize, usize) {
    let m = pattern.len();
    let from = end.saturating_sub(m + max_errors);
    let window = &text[from..end];
    let n = window.len();
    // Align the reversed pattern to the reversed window: the alignment must start at the
    // window's end (row 0 fixed at column 0) and may stop anywhere, which is where the match
    // begins in the forward text.
    let mut prev: Vec<usize> = (0..=n).collect(); // row 0: reaching column j costs j (no skipping)
    for i in 1..=m {
        let pc = pattern[m - i];
        let mut cur = vec![i; n + 1];
        for j in 1..=n {
            let tc = window[n - j];
            let sub = prev[j - 1] + usize::from(pc != tc);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        prev = cur;
    }
    // prev[j]: distance of the whole pattern against the last j bytes of the window.
    let (best_j, best) = prev
        .iter()
        .enumerate()
        .min_by_key(|&(j, &d)| (d, std::cmp::Reverse(j)))
        .map(|(j, &d)| (j, d))
        .unwrap_or((0, m));
    (end - best_j, best)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook dynamic program, for checking the bit-parallel one.
    fn naive_ends(p: &[u8], t: &[u8], k: usize) -> Vec<End> {
        let m = p.len();
        let mut col: Vec<usize> = (0..=m).collect();
        let mut out = Vec::new();
        for (j, &c) in t.iter().enumerate() {
            let mut next = vec![0; m + 1];
            for i in 1..=m {
                let sub = col[i - 1] + usize::from(p[i - 1] != c);
                next[i] = sub.min(col[i] + 1).min(next[i - 1] + 1);
            }
            col = next;
            if col[m] <= k {
                out.push(End {
                    end: j + 1,
                    distance: col[m],
                });
            }
        }
        out
    }

    #[test]
    fn agrees_with_the_naive_algorithm_for_short_and_long_patterns() {
        let text =
            b"the quick brown fox jumps over the lazy dog; the quick brown cat sleeps".repeat(3);
        for pattern in [
            &b"quick brwn"[..],
            b"lazy dgo",
            b"the quick brown fox jumps over the lazy dog; the quick brown cat sleeps the quikc",
            b"x",
        ] {
            for k in [0, 1, 3, 8] {
                assert_eq!(
                    search(&Pattern::new(pattern), &text, k),
                    naive_ends(pattern, &text, k),
                    "pattern {:?} k {k}",
                    String::from_utf8_lossy(pattern)
                );
            }
        }
    }

    #[test]
    fn finds_the_start_of_a_match() {
        let text = b"aaaa hello wrld bbbb";
        let p = b"hello world";
        let ends = search(&Pattern::new(p), text, 1);
        let best = ends.iter().min_by_key(|e| e.distance).unwrap();
        let (start, d) = start_of_match(p, text, best.end, 1);
        assert_eq!((&text[start..best.end], d), (&b"hello wrld"[..], 1));
    }
}
