//! Choosing where lines end: total fit (Knuth–Plass) and first fit (greedy).
//!
//! Both work on the same items and the same notion of a feasible line: one whose glue can be
//! stretched or shrunk to the measure (adjustment ratio ≥ −1). Total fit considers every way to
//! break the paragraph and keeps the one with the fewest demerits — loose or tight lines, a runt
//! last line, consecutive lines ending in compressed marks or hyphens, abrupt changes of
//! looseness from one line to the next — so one bad line is not bought by a good one before it.

use super::items::{Item, Kind, INFINITY};
use crate::units::Pt;

/// Knobs of total fit. Demerits follow TeX: `(line_penalty + badness)² + penalty²`, with
/// `badness = 100·|ratio|³`.
#[derive(Clone, Debug)]
pub struct Params {
    /// Largest stretch ratio tried in each pass; the last pass accepts anything.
    pub tolerances: Vec<f64>,
    pub line_penalty: f64,
    /// Added (squared) when the last line would hold a single character (plus punctuation).
    pub runt_penalty: f64,
    /// Two consecutive lines ending in hyphen or emergency breaks.
    pub flagged_demerits: f64,
    /// Two consecutive lines ending in punctuation set half width at line end.
    pub compressed_demerits: f64,
    /// Adjacent lines whose looseness differs by more than one class.
    pub fitness_demerits: f64,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            tolerances: vec![1.0, 3.0, f64::INFINITY],
            line_penalty: 10.0,
            runt_penalty: 150.0,
            flagged_demerits: 3000.0,
            compressed_demerits: 500.0,
            fitness_demerits: 3000.0,
        }
    }
}

/// Running totals of widths, so that any line's natural width, stretch and shrink is a
/// subtraction.
struct Sums {
    width: Vec<f64>,
    stretch: Vec<f64>,
    shrink: Vec<f64>,
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
        width.push(0.0);
        stretch.push(0.0);
        shrink.push(0.0);
        for it in items {
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
        }
    }
}

/// A line's geometry before adjustment.
#[derive(Clone, Copy, Debug)]
pub struct LineFit {
    pub natural: Pt,
    pub stretch: Pt,
    pub shrink: Pt,
    /// How much of the line's last mark may hang past its end.
    pub hang: Pt,
}

impl LineFit {
    /// Whether the last mark hangs: only when the line is too long with it inside.
    pub fn hangs(&self, width: Pt) -> bool {
        self.hang.0 > 0.0 && self.natural.0 > width.0 + 1e-6
    }

    /// How far the glue must stretch (> 0) or shrink (< 0) to fill `width`, as a ratio of what it
    /// can; `f64::INFINITY` when it must stretch but cannot.
    pub fn ratio(&self, width: Pt) -> f64 {
        let natural = if self.hangs(width) {
            self.natural - self.hang
        } else {
            self.natural
        };
        let diff = width.0 - natural.0;
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
}

/// The measuring side of line breaking, shared by both algorithms and by line building.
pub struct Measure<'a> {
    items: &'a [Item],
    sums: Sums,
}

impl<'a> Measure<'a> {
    pub fn new(items: &'a [Item]) -> Measure<'a> {
        Measure {
            items,
            sums: Sums::new(items),
        }
    }

    /// Whether a line may end at item `b`.
    pub fn is_legal(&self, b: usize) -> bool {
        match self.items[b].kind {
            Kind::Glue(_) => b > 0 && self.items[b - 1].is_box(),
            Kind::Penalty { cost, .. } => cost < INFINITY,
            Kind::Box(_) => false,
        }
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

    /// Natural width, stretch and shrink of the line from item `start` to a break at `b`.
    pub fn fit(&self, start: usize, b: usize) -> LineFit {
        let s = &self.sums;
        let end = b.max(start);
        let mut natural = s.width[end] - s.width[start];
        let it = &self.items[b];
        let mut hang = Pt::ZERO;
        match it.kind {
            Kind::Penalty { .. } => natural += it.width.0,
            Kind::Glue(_) => hang = it.hang,
            Kind::Box(_) => {}
        }
        LineFit {
            natural: Pt(natural),
            hang,
            stretch: Pt(s.stretch[end] - s.stretch[start]),
            shrink: Pt(s.shrink[end] - s.shrink[start]),
        }
    }

    fn forced(&self, b: usize) -> bool {
        matches!(self.items[b].kind, Kind::Penalty { cost, .. } if cost <= -INFINITY)
    }

    fn penalty(&self, b: usize) -> (f64, bool) {
        match self.items[b].kind {
            Kind::Penalty { cost, flagged } => (cost, flagged),
            _ => (0.0, false),
        }
    }

    fn legal_breaks(&self) -> Vec<usize> {
        (0..self.items.len())
            .filter(|&b| self.is_legal(b))
            .collect()
    }
}

/// Breaks greedily: each line takes as much as fits (shrinking if it must), then breaks at the
/// last legal place. Returns the item index of each break.
pub fn greedy(measure: &Measure, width: Pt) -> Vec<usize> {
    let legal = measure.legal_breaks();
    let mut breaks = Vec::new();
    let mut start = 0;
    let mut k = 0; // index into `legal`
    while k < legal.len() {
        let mut chosen = None;
        while k < legal.len() {
            let b = legal[k];
            let fit = measure.fit(start, b);
            if fit.natural.0 - fit.hang.0 - fit.shrink.0 <= width.0 + 1e-6 {
                chosen = Some(k);
                k += 1;
                if measure.forced(b) {
                    break;
                }
            } else {
                break;
            }
        }
        // Nothing fits: take the first break anyway (the line is overfull).
        let pick = chosen.unwrap_or(k);
        let b = legal[pick];
        breaks.push(b);
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
    /// First item of the line that follows.
    start: usize,
    fitness: u8,
    demerits: f64,
    prev: Option<usize>,
    flagged: bool,
    compressed: bool,
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

/// Breaks the paragraph with the fewest total demerits. `is_runt(start, end)` tells whether the
/// last line from item `start` to item `end` would be a runt.
pub fn total_fit(
    measure: &Measure,
    width: Pt,
    params: &Params,
    is_runt: &dyn Fn(usize, usize) -> bool,
) -> Vec<usize> {
    let legal = measure.legal_breaks();
    for (pass, &tolerance) in params.tolerances.iter().enumerate() {
        let last = pass + 1 == params.tolerances.len();
        if let Some(breaks) =
            total_fit_pass(measure, &legal, width, params, tolerance, last, is_runt)
        {
            return breaks;
        }
    }
    greedy(measure, width)
}

#[allow(clippy::too_many_arguments)]
fn total_fit_pass(
    measure: &Measure,
    legal: &[usize],
    width: Pt,
    params: &Params,
    tolerance: f64,
    rescue: bool,
    is_runt: &dyn Fn(usize, usize) -> bool,
) -> Option<Vec<usize>> {
    let mut nodes = vec![Node {
        at: usize::MAX,
        start: 0,
        fitness: 1,
        demerits: 0.0,
        prev: None,
        flagged: false,
        compressed: false,
    }];
    let mut active: Vec<usize> = vec![0];
    for &b in legal {
        let forced = measure.forced(b);
        let (cost, flagged) = measure.penalty(b);
        let compressed = measure.items[b].compressed_end;
        // Best candidate per fitness class: (demerits, from node, fitness).
        let mut best: [Option<(f64, usize)>; 4] = [None; 4];
        let mut dropped: Option<usize> = None;
        let mut i = 0;
        while i < active.len() {
            let a = active[i];
            let node = nodes[a];
            let fit = measure.fit(node.start, b);
            let mut ratio = fit.ratio(width);
            if forced && ratio > 0.0 {
                // The last line is set at its natural width.
                ratio = 0.0;
            }
            let overfull = ratio < -1.0;
            if overfull || forced {
                active.remove(i);
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
            if overfull || ratio > tolerance {
                continue;
            }
            let badness = 100.0 * ratio.abs().powi(3);
            let mut d = (params.line_penalty + badness).powi(2);
            if cost >= 0.0 {
                d += cost * cost;
            } else if cost > -INFINITY {
                d -= cost * cost;
            }
            if flagged && node.flagged {
                d += params.flagged_demerits;
            }
            if compressed && node.compressed {
                d += params.compressed_demerits;
            }
            let fitness = fitness_class(ratio);
            if (fitness as i32 - node.fitness as i32).abs() > 1 {
                d += params.fitness_demerits;
            }
            if forced && is_runt(node.start, b) {
                d += params.runt_penalty * params.runt_penalty;
            }
            let total = node.demerits + d;
            let slot = &mut best[fitness as usize];
            if slot.is_none_or(|(t, _)| total < t) {
                *slot = Some((total, a));
            }
        }
        let mut added = false;
        for (fitness, slot) in best.iter().enumerate() {
            if let Some((total, from)) = *slot {
                nodes.push(Node {
                    at: b,
                    start: measure.line_start(b),
                    fitness: fitness as u8,
                    demerits: total,
                    prev: Some(from),
                    flagged,
                    compressed,
                });
                active.push(nodes.len() - 1);
                added = true;
            }
        }
        if !added && active.is_empty() && rescue {
            // No way to reach this break without an overfull line: take the best node that just
            // dropped out and accept the overfull line, so the paragraph still gets set.
            if let Some(from) = dropped {
                nodes.push(Node {
                    at: b,
                    start: measure.line_start(b),
                    fitness: 1,
                    demerits: nodes[from].demerits + 1e8,
                    prev: Some(from),
                    flagged,
                    compressed,
                });
                active.push(nodes.len() - 1);
            }
        }
        if forced {
            break;
        }
    }
    // The winner is the best node that ended at the forced final break.
    let end = *legal.last()?;
    let winner = active
        .iter()
        .copied()
        .filter(|&n| nodes[n].at == end)
        .min_by(|&x, &y| nodes[x].demerits.total_cmp(&nodes[y].demerits))?;
    let mut breaks = Vec::new();
    let mut cur = Some(winner);
    while let Some(n) = cur {
        if nodes[n].at != usize::MAX {
            breaks.push(nodes[n].at);
        }
        cur = nodes[n].prev;
    }
    breaks.reverse();
    Some(breaks)
}
