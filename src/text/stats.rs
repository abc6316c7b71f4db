//! Quality figures for a set of paragraphs: how many lines, how loose the justified ones are.
//!
//! `jianbao render --stats` prints these for total-fit and greedy breaking side by side, so
//! that a change to the line breaker can be judged by numbers and the numbers regenerated.

use super::{LineEnd, ParagraphLayout};
use crate::units::Pt;

/// Figures over many paragraphs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stats {
    pub paragraphs: usize,
    pub lines: usize,
    /// Lines of each paragraph, in order.
    pub lines_per_paragraph: Vec<usize>,
    /// For every justified line (every line but a paragraph's last): the most any one gap was
    /// widened to fill the measure, in ems of the paragraph's size.
    pub max_gaps: Vec<f64>,
    /// For every justified line: the most any one gap was narrowed, in ems.
    pub max_squeezes: Vec<f64>,
    /// Last lines holding a single character (plus punctuation).
    pub runts: usize,
    /// Lines ending at a hyphenation point or inside a word by force.
    pub hyphenated: usize,
    pub emergency: usize,
    /// Justified lines that had to be shrunk.
    pub shrunk: usize,
}

impl Stats {
    /// Adds one paragraph set at `size`.
    pub fn add(&mut self, text: &str, laid: &ParagraphLayout, size: Pt) {
        self.paragraphs += 1;
        self.lines += laid.lines.len();
        self.lines_per_paragraph.push(laid.lines.len());
        let n = laid.lines.len();
        for line in &laid.lines[..n.saturating_sub(1)] {
            self.max_gaps.push(line.max_gap / size);
            self.max_squeezes.push(line.max_squeeze / size);
            if line.ratio < 0.0 {
                self.shrunk += 1;
            }
        }
        for line in &laid.lines {
            match line.end {
                LineEnd::Hyphenated => self.hyphenated += 1,
                LineEnd::Emergency => self.emergency += 1,
                _ => {}
            }
        }
        if let Some(last) = laid.lines.last() {
            if n > 1 && is_runt(&text[last.text.clone()]) {
                self.runts += 1;
            }
        }
    }

    /// The `p`-th percentile (0–100) of the justified lines' largest gaps, nearest rank.
    pub fn gap_percentile(&self, p: f64) -> f64 {
        percentile(&self.max_gaps, p)
    }

    /// The `p`-th percentile of the justified lines' largest squeezes.
    pub fn squeeze_percentile(&self, p: f64) -> f64 {
        percentile(&self.max_squeezes, p)
    }
}

/// One character, alone or with punctuation after it.
fn is_runt(line: &str) -> bool {
    line.chars()
        .filter(|&c| {
            let class = super::classify::class_of(c);
            !class.is_cjk_punct() && class != super::classify::Class::Space
        })
        .count()
        <= 1
}

/// Nearest-rank percentile of `values` (0 when empty).
pub fn percentile(values: &[f64], p: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let v = [0.5, 0.1, 0.3, 0.2, 0.4];
        assert_eq!(percentile(&v, 50.0), 0.3);
        assert_eq!(percentile(&v, 95.0), 0.5);
        assert_eq!(percentile(&v, 100.0), 0.5);
        assert_eq!(percentile(&v, 0.0), 0.1);
        assert_eq!(percentile(&[], 50.0), 0.0);
    }

    #[test]
    fn runts_are_one_character_and_its_marks() {
        assert!(is_runt("字。"));
        assert!(is_runt("字”。"));
        assert!(!is_runt("两字。"));
    }
}
