//! Choosing where lines end: total fit (Knuth–Plass) and first fit (greedy).
//!
//! Both work on the same items and the same notion of a feasible line: one whose glue can be
//! stretched or shrunk to the measure (adjustment ratio ≥ −1). Total fit considers every way to
//! break the paragraph and keeps the one with the fewest demerits — loose or tight lines, a runt
//! last line, consecutive lines ending in compressed marks or hyphens, abrupt changes of
//! looseness from one line to the next — so one bad line is not bought by a good one before it.

use super::breaks::Break;
use super::items::{Item, Kind, FILL, INFINITY};
use crate::units::Pt;

/// Knobs of total fit. Demerits follow TeX: `(line_penalty + badness)² + penalty²`, with
/// `badness = 100·|ratio|³` for a stretched line and `shrink_weight` times that for a shrunk one
/// (compressing punctuation to pull a character back is preferred to pushing one out, as in
/// clreq and JLREQ).
#[derive(Clone, Debug)]
pub struct Params {
    /// Largest stretch ratio tried in each pass; the last pass accepts anything. Ratio 1 is
    /// 0.1 em more between Chinese characters (about +0.2 em between Latin words).
    pub tolerances: Vec<f64>,
    pub line_penalty: f64,
    /// Added (squared) when the last line would hold a single character (plus punctuation):
    /// as bad as one line stretched to about 0.14 em between characters.
    pub runt_penalty: f64,
    /// Added (squared) when the last line would hold two characters (plus punctuation): Chinese
    /// typesetters pull such a line back by compressing punctuation (缩行) where they can.
    pub short_penalty: f64,
    /// Two consecutive lines ending in hyphen or emergency breaks.
    pub flagged_demerits: f64,
    /// Two consecutive lines ending in punctuation set half width at line end.
    pub compressed_demerits: f64,
    /// Adjacent lines whose looseness differs by more than one class.
    pub fitness_demerits: f64,
    /// Badness of a shrunk line relative to a stretched one at the same |ratio|.
    pub shrink_weight: f64,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            tolerances: vec![1.0, 2.0, 10.0, f64::INFINITY],
            line_penalty: 10.0,
            runt_penalty: 300.0,
            short_penalty: 100.0,
            flagged_demerits: 3000.0,
            compressed_demerits: 500.0,
            fitness_demerits: 3000.0,
            shrink_weight: 0.05,
        }
    }
}

impl Params {
    /// Demerits for a last line of `chars` characters.
    fn short_last_line(&self, chars: usize) -> f64 {
        match chars {
            0 | 1 => self.runt_penalty * self.runt_penalty,
            2 => self.short_penalty * self.short_penalty,
            _ => 0.0,
        }
    }

    fn badness(&self, ratio: f64) -> f64 {
        let b = 100.0 * ratio.abs().powi(3);
        if ratio < 0.0 {
            b * self.shrink_weight
        } else {
            b
        }
    }
}

/// A chosen line end: the item it breaks at, and whether the mark before it hangs into the
/// margin (only where the layout allows hanging punctuation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chosen {
    pub at: usize,
    pub hang: bool,
}

/// Running totals of widths, so that any line's natural width, stretch and shrink is a
/// subtraction.
struct Sums {
    width: Vec<f64>,
    stretch: Vec<f64>,
    shrink: Vec<f64>,
    /// Boxes of clusters (for letter-spacing a line that has no glue).
    boxes: Vec<u32>,
}

impl Sums {
    fn new(items: &[Item]) -> Sums {
        let n = items.len() + 1;
        let (mut width, mut stretch, mut shrink) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let (mut w, mut st, mut sh) = (0.0, 0.0, 0.0);
        let mut boxes = Vec::with_capacity(n);
        let mut count = 0;
        width.push(0.0);
        stretch.push(0.0);
        shrink.push(0.0);
        boxes.push(0);
        for it in items {
            if matches!(it.kind, Kind::Box(Some(_))) {
                count += 1;
            }
            boxes.push(count);
            // Penalties count only when a line breaks at them.
            if !matches!(it.kind, Kind::Penalty { .. }) {
                w += it.width.0;
                st += it.stretch.0;
                sh += it.shrink.0;
            }
            width.push(w);
            stretch.push(st);
            shrink.push(sh);
        }
        Sums {
            width,
            stretch,
            shrink,
            boxes,
        }
    }
}

/// A line's geometry before adjustment.
#[derive(Clone, Copy, Debug)]
pub struct LineFit {
    pub natural: Pt,
    pub stretch: Pt,
    pub shrink: Pt,
    /// The line has no glue to stretch (a run of Latin characters, such as a URL): `stretch` is
    /// letter-spacing between its characters instead.
    pub letter_spaced: bool,
}

impl LineFit {
    /// How far the glue must stretch (> 0) or shrink (< 0) to fill `width`, as a ratio of what it
    /// can; `f64::INFINITY` when it must stretch but cannot.
    pub fn ratio(&self, width: Pt) -> f64 {
        let diff = width.0 - self.natural.0;
        if diff.abs() < 1e-9 {
            0.0
        } else if diff > 0.0 {
            if self.stretch.0 > 0.0 {
                diff / self.stretch.0
            } else {
                f64::INFINITY
            }
        } else if self.shrink.0 > 0.0 {
            diff / self.shrink.0
        } else {
            f64::NEG_INFINITY
        }
    }

    /// Whether the line fits in `width` (within `eps`) with its glue shrunk as far as it goes.
    pub fn fits(&self, width: Pt, eps: f64) -> bool {
        self.natural.0 - self.shrink.0 <= width.0 + eps
    }
}

/// The measuring side of line breaking, shared by both algorithms and by line building.
pub struct Measure<'a> {
    items: &'a [Item],
    sums: Sums,
    letter_stretch: Pt,
    /// Gaps: the stretch of an even gap (between Chinese characters), the widest stretch of any
    /// one glue, and how many glues stretch more than an even gap before each item (see
    /// [`Measure::with_even_gap`]).
    even: f64,
    widest: f64,
    wide: Vec<u32>,
    /// The widest penalty (an added hyphen), for [`Measure::could_fit`]'s bound.
    widest_penalty: f64,
    /// The legal breaks without, and with, the hyphenation points kept for loose paragraphs.
    strict: Vec<usize>,
    loose: Vec<usize>,
}

impl<'a> Measure<'a> {
    /// `letter_stretch`: how far each gap between characters may open at ratio 1 in a line
    /// with no glue at all (the last resort for a URL or word broken by force).
    pub fn new(items: &'a [Item], letter_stretch: Pt) -> Measure<'a> {
        let widest_penalty = items
            .iter()
            .filter(|it| matches!(it.kind, Kind::Penalty { .. }))
            .fold(0.0, |w: f64, it| w.max(it.width.0));
        let legal = |b: &usize| is_legal(items, *b);
        let loose: Vec<usize> = (0..items.len()).filter(legal).collect();
        let strict = loose
            .iter()
            .copied()
            .filter(|&b| {
                !matches!(
                    items[b].kind,
                    Kind::Penalty {
                        why: Break::HyphenateIfLoose,
                        ..
                    }
                )
            })
            .collect();
        Measure {
            items,
            sums: Sums::new(items),
            letter_stretch,
            even: f64::INFINITY,
            widest: 0.0,
            wide: Vec::new(),
            widest_penalty,
            strict,
            loose,
        }
    }

    /// Judges lines by their widest gap rather than by the share of their stretch they use:
    /// `even` is the stretch of a gap between Chinese characters. A line whose glue includes a
    /// gap that stretches more than that (a Latin word space) opens that gap wider at the same
    /// ratio, so total fit counts its looseness (and feasibility) as if the ratio were that much
    /// higher: of two settings it prefers the one whose widest gap is narrower, not merely the
    /// one whose ratios are smaller.
    pub fn with_even_gap(mut self, even: Pt) -> Measure<'a> {
        let mut count = 0;
        self.wide = Vec::with_capacity(self.items.len() + 1);
        self.wide.push(0);
        for it in self.items {
            // The glue that fills the last line is not a gap.
            let gap = matches!(it.kind, Kind::Glue(_)) && it.stretch < FILL;
            if gap && it.stretch.0 > even.0 * (1.0 + 1e-9) {
                count += 1;
                self.widest = self.widest.max(it.stretch.0);
            }
            self.wide.push(count);
        }
        self.even = even.0;
        self
    }

    /// How much wider than an even gap the widest gap of the line from `start` to `b` opens at
    /// the same ratio (1 when the line has no wider gap, or without [`Self::with_even_gap`]).
    fn gap_scale(&self, start: usize, b: usize) -> f64 {
        let end = b.max(start);
        let wider = match (self.wide.get(end), self.wide.get(start)) {
            (Some(e), Some(s)) => e > s,
            _ => false,
        };
        if wider {
            self.widest / self.even
        } else {
            1.0
        }
    }

    /// Whether every line of `breaks` fits in `width` with its glue shrunk as far as it goes.
    pub fn all_fit(&self, breaks: &[Chosen], width: Pt) -> bool {
        let mut start = 0;
        breaks.iter().all(|c| {
            let fits = self.fit(start, c.at, c.hang).fits(width, 0.01);
            start = self.line_start(c.at);
            fits
        })
    }

    pub fn letter_stretch(&self) -> Pt {
        self.letter_stretch
    }

    /// Whether a line may end at item `b`.
    pub fn is_legal(&self, b: usize) -> bool {
        is_legal(self.items, b)
    }

    /// The first item of the line after a break at `b`: glue and penalties after a break vanish.
    pub fn line_start(&self, b: usize) -> usize {
        let mut i = b + 1;
        while i < self.items.len() && !self.items[i].is_box() {
            if matches!(self.items[i].kind, Kind::Penalty { cost, .. } if cost <= -INFINITY) {
                break;
            }
            i += 1;
        }
        i
    }

    /// Natural width, stretch and shrink of the line from item `start` to a break at `b`, with
    /// the mark before `b` hanging into the margin or not.
    pub fn fit(&self, start: usize, b: usize, hang: bool) -> LineFit {
        let s = &self.sums;
        let end = b.max(start);
        let mut natural = s.width[end] - s.width[start];
        let it = &self.items[b];
        if let Kind::Penalty { .. } = it.kind {
            natural += it.width.0;
        }
        if hang {
            natural -= it.hang.0;
        }
        let mut fit = LineFit {
            natural: Pt(natural),
            stretch: Pt(s.stretch[end] - s.stretch[start]),
            shrink: Pt(s.shrink[end] - s.shrink[start]),
            letter_spaced: false,
        };
        let boxes = s.boxes[end] - s.boxes[start];
        if fit.stretch.0 <= 0.0 && boxes > 1 {
            fit.stretch = self.letter_stretch * (boxes - 1) as f64;
            fit.letter_spaced = true;
        }
        fit
    }

    /// Whether a line from `start` to `b` could be tight enough for `tolerance` — a bound that
    /// only ever errs towards "yes": it counts every stretch the line could have (glue and
    /// letter-spacing both) and the widest penalty the break could add. It is monotone in `b`:
    /// once true, true for every later break, which lets total fit skip a node until then.
    fn could_fit(&self, start: usize, b: usize, width: Pt, tolerance: f64) -> bool {
        let s = &self.sums;
        let end = b.max(start);
        let natural = s.width[end] - s.width[start] + self.widest_penalty;
        let boxes = (s.boxes[end] - s.boxes[start]).saturating_sub(1) as f64;
        let stretch = s.stretch[end] - s.stretch[start] + self.letter_stretch.0 * boxes;
        width.0 - natural <= tolerance * stretch + 1e-9
    }

    /// The first index into `legal`, from `from` on, whose break [`Self::could_fit`] a line from
    /// `start` (`legal.len()` if none).
    fn wake(&self, legal: &[usize], from: usize, start: usize, width: Pt, tolerance: f64) -> usize {
        if !tolerance.is_finite() {
            return from;
        }
        from + legal[from..].partition_point(|&b| !self.could_fit(start, b, width, tolerance))
    }

    fn forced(&self, b: usize) -> bool {
        matches!(self.items[b].kind, Kind::Penalty { cost, .. } if cost <= -INFINITY)
    }

    fn penalty(&self, b: usize) -> (f64, bool) {
        match self.items[b].kind {
            Kind::Penalty { cost, flagged, .. } => (cost, flagged),
            _ => (0.0, false),
        }
    }

    /// Whether a line ending at `b` may let the mark before it hang.
    fn can_hang(&self, b: usize) -> bool {
        self.items[b].hang.0 > 0.0
    }
}

/// Whether a line may end at item `b` of `items`.
fn is_legal(items: &[Item], b: usize) -> bool {
    match items[b].kind {
        Kind::Glue(_) => b > 0 && items[b - 1].is_box(),
        Kind::Penalty { cost, .. } => cost < INFINITY,
        Kind::Box(_) => false,
    }
}

/// Breaks greedily: each line takes as much as fits (shrinking if it must, hanging a mark if
/// that is allowed and needed), then breaks at the last legal place.
pub fn greedy(measure: &Measure, width: Pt) -> Vec<Chosen> {
    let legal = &measure.strict;
    let mut breaks = Vec::new();
    let mut start = 0;
    let mut k = 0; // index into `legal`
    let fits = |start: usize, b: usize, hang: bool| measure.fit(start, b, hang).fits(width, 1e-6);
    while k < legal.len() {
        let mut chosen = None;
        while k < legal.len() {
            let b = legal[k];
            let hang = if fits(start, b, false) {
                false
            } else if measure.can_hang(b) && fits(start, b, true) {
                true
            } else {
                break;
            };
            chosen = Some((k, hang));
            k += 1;
            if measure.forced(b) {
                break;
            }
        }
        // Nothing fits: take the first break anyway (the line is overfull).
        let (pick, hang) = chosen.unwrap_or((k.min(legal.len() - 1), false));
        let b = legal[pick];
        breaks.push(Chosen { at: b, hang });
        if measure.forced(b) {
            break;
        }
        start = measure.line_start(b);
        k = pick + 1;
    }
    breaks
}

/// A feasible break remembered by total fit.
#[derive(Clone, Copy)]
struct Node {
    /// Item index of the break (`usize::MAX` for the paragraph start).
    at: usize,
    /// The mark before the break hangs.
    hang: bool,
    /// First item of the line that follows.
    start: usize,
    fitness: u8,
    demerits: f64,
    prev: Option<usize>,
    flagged: bool,
    compressed: bool,
    /// Index into the legal breaks before which no line from this node can be tight enough
    /// (see [`Measure::could_fit`]): the node is not evaluated until then.
    wake: usize,
}

fn fitness_class(ratio: f64) -> u8 {
    if ratio < -0.5 {
        0
    } else if ratio <= 0.5 {
        1
    } else if ratio <= 1.0 {
        2
    } else {
        3
    }
}

/// Breaks the paragraph with the fewest total demerits. `last_chars(start, end)` counts the
/// characters (not punctuation) of a last line from item `start` to item `end`.
///
/// Passes with growing tolerance are tried in turn; the first that can set the paragraph wins,
/// unless it leaves a runt: then the next pass may find a runt-free setting with a looser line,
/// and the one with fewer demerits is kept. Hyphenation points for loose paragraphs join from
/// the second pass on (TeX's pretolerance pass). The last pass accepts overfull lines where
/// nothing else is possible (a word longer than the measure that could not be broken), so a
/// paragraph is always set.
pub fn total_fit(
    measure: &Measure,
    width: Pt,
    params: &Params,
    last_chars: &dyn Fn(usize, usize) -> usize,
) -> Vec<Chosen> {
    let mut best: Option<Setting> = None;
    for (pass, &tolerance) in params.tolerances.iter().enumerate() {
        let last = pass + 1 == params.tolerances.len();
        let legal = if pass == 0 {
            &measure.strict
        } else {
            &measure.loose
        };
        let Some(found) =
            total_fit_pass(measure, legal, width, params, tolerance, last, last_chars)
        else {
            continue;
        };
        let runt = found.runt;
        if best.as_ref().is_none_or(|b| found.demerits < b.demerits) {
            best = Some(found);
        }
        if !runt {
            break;
        }
    }
    match best {
        Some(s) => s.breaks,
        None => greedy(measure, width),
    }
}

/// The result of one pass.
struct Setting {
    breaks: Vec<Chosen>,
    demerits: f64,
    /// The last line is a runt.
    runt: bool,
}

/// A candidate line from an active node to a break: its adjustment ratio, whether its last
/// mark hangs, and — only when the line is feasible (ratio in −1..=`tolerance`), since the
/// others are never kept — its demerits.
fn candidate(
    measure: &Measure,
    node: &Node,
    b: usize,
    width: Pt,
    params: &Params,
    tolerance: f64,
    last_chars: &dyn Fn(usize, usize) -> usize,
) -> (f64, bool, Option<f64>) {
    let forced = measure.forced(b);
    let (cost, flagged) = measure.penalty(b);
    // A stretched line is judged by its widest gap (see `Measure::with_even_gap`).
    let scale = measure.gap_scale(node.start, b);
    let ratio_of = |hang: bool| {
        let r = measure.fit(node.start, b, hang).ratio(width);
        // The last line is set at its natural width.
        if forced && r > 0.0 {
            0.0
        } else if r > 0.0 {
            r * scale
        } else {
            r
        }
    };
    let mut ratio = ratio_of(false);
    let mut hang = false;
    if measure.can_hang(b) {
        // Hang the mark only where that makes the line better.
        let hung = ratio_of(true);
        if hung >= -1.0 && (ratio < -1.0 || params.badness(hung) < params.badness(ratio)) {
            ratio = hung;
            hang = true;
        }
    }
    if !(-1.0..=tolerance).contains(&ratio) {
        return (ratio, hang, None);
    }
    let mut d = (params.line_penalty + params.badness(ratio)).powi(2);
    if cost >= 0.0 {
        d += cost * cost;
    } else if cost > -INFINITY {
        d -= cost * cost;
    }
    if flagged && node.flagged {
        d += params.flagged_demerits;
    }
    if measure.items[b].compressed_end && !hang && node.compressed {
        d += params.compressed_demerits;
    }
    if (fitness_class(ratio) as i32 - node.fitness as i32).abs() > 1 {
        d += params.fitness_demerits;
    }
    if forced {
        d += params.short_last_line(last_chars(node.start, b));
    }
    (ratio, hang, Some(d))
}

#[allow(clippy::too_many_arguments)]
fn total_fit_pass(
    measure: &Measure,
    legal: &[usize],
    width: Pt,
    params: &Params,
    tolerance: f64,
    rescue: bool,
    last_chars: &dyn Fn(usize, usize) -> usize,
) -> Option<Setting> {
    let mut nodes = vec![Node {
        at: usize::MAX,
        hang: false,
        start: 0,
        fitness: 1,
        demerits: 0.0,
        prev: None,
        flagged: false,
        compressed: false,
        wake: measure.wake(legal, 0, 0, width, tolerance),
    }];
    let mut active: Vec<usize> = vec![0];
    for (k, &b) in legal.iter().enumerate() {
        let forced = measure.forced(b);
        let (_, flagged) = measure.penalty(b);
        // Best candidate per fitness class: (demerits, from node, hang).
        let mut best: [Option<(f64, usize, bool)>; 4] = [None; 4];
        let mut dropped: Option<usize> = None;
        let mut i = 0;
        while i < active.len() {
            let a = active[i];
            let node = nodes[a];
            if k < node.wake && !forced {
                // Still too loose from this node; nothing to evaluate yet.
                i += 1;
                continue;
            }
            let (ratio, hang, d) =
                candidate(measure, &node, b, width, params, tolerance, last_chars);
            let overfull = ratio < -1.0;
            if overfull || forced {
                active.swap_remove(i);
                dropped = Some(dropped.map_or(a, |d: usize| {
                    if nodes[d].demerits <= node.demerits {
                        d
                    } else {
                        a
                    }
                }));
            } else {
                i += 1;
            }
            let Some(d) = d else { continue };
            let total = node.demerits + d;
            let slot = &mut best[fitness_class(ratio) as usize];
            if slot.is_none_or(|(t, _, _)| total < t) {
                *slot = Some((total, a, hang));
            }
        }
        let mut added = false;
        for (fitness, slot) in best.iter().enumerate() {
            if let Some((total, from, hang)) = *slot {
                let start = measure.line_start(b);
                nodes.push(Node {
                    at: b,
                    hang,
                    start,
                    wake: measure.wake(legal, k + 1, start, width, tolerance),
                    fitness: fitness as u8,
                    demerits: total,
                    prev: Some(from),
                    flagged,
                    compressed: measure.items[b].compressed_end && !hang,
                });
                active.push(nodes.len() - 1);
                added = true;
            }
        }
        if !added && active.is_empty() && rescue {
            // No way to reach this break without an overfull line: take the best node that just
            // dropped out and accept the overfull line, so the paragraph still gets set.
            if let Some(from) = dropped {
                let start = measure.line_start(b);
                nodes.push(Node {
                    at: b,
                    hang: false,
                    start,
                    wake: measure.wake(legal, k + 1, start, width, tolerance),
                    fitness: 1,
                    demerits: nodes[from].demerits + 1e8,
                    prev: Some(from),
                    flagged,
                    compressed: false,
                });
                active.push(nodes.len() - 1);
            }
        }
        if forced {
            break;
        }
    }
    // The winner is the best node that ended at the forced final break (ties: the earliest
    // created, so that the result does not depend on the order of the active list).
    let end = *legal.last()?;
    let winner = active
        .iter()
        .copied()
        .filter(|&n| nodes[n].at == end)
        .min_by(|&x, &y| {
            nodes[x]
                .demerits
                .total_cmp(&nodes[y].demerits)
                .then(x.cmp(&y))
        })?;
    let last_start = nodes[winner].prev.map_or(0, |p| nodes[p].start);
    let setting = |breaks| Setting {
        breaks,
        demerits: nodes[winner].demerits,
        runt: last_chars(last_start, end) <= 1,
    };
    let mut breaks = Vec::new();
    let mut cur = Some(winner);
    while let Some(n) = cur {
        if nodes[n].at != usize::MAX {
            breaks.push(Chosen {
                at: nodes[n].at,
                hang: nodes[n].hang,
            });
        }
        cur = nodes[n].prev;
    }
    breaks.reverse();
    Some(setting(breaks))
}
