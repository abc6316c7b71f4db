//! Stage 4: paragraphs into lines.
//!
//! [`layout_paragraph`] reads as the list of steps: classify and cluster the characters
//! (fonts chosen per character through the fallback chain), find where lines may break, express
//! spacing as boxes/glue/penalties, choose the breaks (total fit or greedy), set the lines.

pub mod breaks;
pub mod classify;
pub mod cluster;
pub mod items;
pub mod line;
pub mod linebreak;

use crate::fonts::{FontChain, FontSet};
use crate::model::layout::{Align, LineBreaking, Punctuation, Strictness};
use crate::units::Pt;
use breaks::Break;
use classify::Class;
pub use cluster::Missing;
pub use line::{Line, LineEnd, PlacedGlyph};

/// Paragraph-engine settings from the layout's `[text]` table.
#[derive(Clone, Debug, PartialEq)]
pub struct TextSettings {
    pub line_breaking: LineBreaking,
    pub punctuation: Punctuation,
    pub strictness: Strictness,
    pub cjk_latin_spacing: bool,
    pub hanging_punctuation: bool,
    /// Grid typesetting: the character pitch. Every full-width cluster takes whole cells of
    /// this width (so a line of the measure holds a fixed number of characters), closing marks
    /// may hang past the line's end when hanging punctuation is on, and a short last line is
    /// not avoided.
    pub grid: Option<Pt>,
}

impl Default for TextSettings {
    fn default() -> TextSettings {
        TextSettings {
            line_breaking: LineBreaking::TotalFit,
            punctuation: Punctuation::Gb,
            strictness: Strictness::Gb,
            cjk_latin_spacing: true,
            hanging_punctuation: false,
            grid: None,
        }
    }
}

/// What to set: the text and the style it is set in.
pub struct Paragraph<'a> {
    pub text: &'a str,
    pub chain: &'a FontChain,
    pub size: Pt,
    /// First-line indent.
    pub indent: Pt,
    pub align: Align,
    /// The measure.
    pub width: Pt,
}

/// A set paragraph.
#[derive(Clone, Debug)]
pub struct ParagraphLayout {
    pub lines: Vec<Line>,
    /// Characters no font of the chain has (drawn as .notdef boxes).
    pub missing: Vec<Missing>,
    /// Words longer than the measure that had to be broken inside.
    pub broken_words: Vec<String>,
}

/// Sets a paragraph into lines.
pub fn layout_paragraph(
    par: &Paragraph,
    settings: &TextSettings,
    fonts: &FontSet,
) -> ParagraphLayout {
    let mut built = cluster::build(par.text, par.chain, fonts, par.size);
    if let Some(pitch) = settings.grid {
        cluster::snap_to_grid(&mut built.clusters, pitch, par.size);
    }
    let clusters = &built.clusters;
    let mut rules = breaks::opportunities(par.text, clusters, settings.strictness);
    let broken_words = allow_emergency_breaks(par.text, clusters, &mut rules, par.width);
    let items = items::build(
        clusters,
        &rules,
        settings,
        par.size,
        built.space_width,
        par.indent,
    );
    let measure = linebreak::Measure::new(&items);
    let breaks = choose_breaks(&measure, &items, clusters, par, settings);
    let lines = line::build(&items, clusters, &measure, &breaks, par.width, par.align);
    ParagraphLayout {
        lines,
        missing: built.missing,
        broken_words,
    }
}

fn choose_breaks(
    measure: &linebreak::Measure,
    items: &[items::Item],
    clusters: &[cluster::Cluster],
    par: &Paragraph,
    settings: &TextSettings,
) -> Vec<usize> {
    let params = linebreak::Params::default();
    // On a grid every line but the last is full; a short last line is what the grid gives.
    let grid = settings.grid.is_some();
    let is_runt = |start: usize, end: usize| !grid && is_runt(items, clusters, start, end);
    let run = |width: Pt| match settings.line_breaking {
        LineBreaking::TotalFit => linebreak::total_fit(measure, width, &params, &is_runt),
        LineBreaking::Greedy => linebreak::greedy(measure, width),
    };
    let breaks = run(par.width);
    if par.align != Align::Center || breaks.len() < 2 {
        return breaks;
    }
    // Centred text (titles) is balanced: the narrowest measure that needs no more lines.
    let (mut lo, mut hi) = (par.width * 0.3, par.width);
    let mut best = breaks.clone();
    for _ in 0..12 {
        let mid = (lo + hi) / 2.0;
        let candidate = run(mid);
        let fits = candidate.len() == breaks.len()
            && line::build(items, clusters, measure, &candidate, mid, Align::Left)
                .iter()
                .all(|l| l.width.0 <= mid.0 + 0.01);
        if fits {
            best = candidate;
            hi = mid;
        } else {
            lo = mid;
        }
    }
    best
}

/// A last line holding one character, or one character and its punctuation.
fn is_runt(items: &[items::Item], clusters: &[cluster::Cluster], start: usize, end: usize) -> bool {
    let mut chars = 0;
    for it in &items[start..end] {
        if let items::Kind::Box(Some(ci)) = it.kind {
            let class = clusters[ci as usize].class;
            if !class.is_cjk_punct() {
                chars += 1;
            }
        }
    }
    chars <= 1
}

/// Where a run of clusters with no break inside is wider than the measure (a long Latin word or
/// URL), allows breaks between its characters as a last resort and names the run.
fn allow_emergency_breaks(
    text: &str,
    clusters: &[cluster::Cluster],
    rules: &mut [Break],
    width: Pt,
) -> Vec<String> {
    let mut broken = Vec::new();
    let mut run_start = 0;
    let mut run_width = Pt::ZERO;
    for i in 0..=clusters.len() {
        let ends = i == clusters.len() || (i > 0 && rules[i] != Break::Never);
        if ends && i > run_start {
            if run_width > width {
                for rule in &mut rules[run_start + 1..i] {
                    *rule = Break::Emergency;
                }
                let first = &clusters[run_start];
                let last = &clusters[i - 1];
                broken.push(text[first.text.start..last.text.end].to_string());
            }
            run_start = i;
            run_width = Pt::ZERO;
        }
        if i < clusters.len() {
            if clusters[i].class == Class::Space {
                continue;
            }
            run_width += clusters[i].advance;
        }
    }
    broken
}

#[cfg(test)]
mod grid_tests;
#[cfg(test)]
mod tests;
