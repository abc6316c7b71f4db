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
pub mod stats;
pub mod uax14;

use crate::fonts::{FontChain, FontSet};
use crate::model::layout::{Align, Hyphenation, LineBreaking, Punctuation, Strictness};
use crate::units::Pt;
use breaks::Break;
pub use cluster::Missing;
pub use line::{Line, LineEnd, PlacedGlyph};

pub use linebreak::Chosen;

/// Paragraph-engine settings from the layout's `[text]` table.
#[derive(Clone, Debug, PartialEq)]
pub struct TextSettings {
    pub line_breaking: LineBreaking,
    pub punctuation: Punctuation,
    pub strictness: Strictness,
    pub cjk_latin_spacing: bool,
    pub hanging_punctuation: bool,
    pub hyphenation: Hyphenation,
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
            hyphenation: Hyphenation::Auto,
            grid: None,
        }
    }
}

/// A styled run of a paragraph: the text up to byte `end` (from where the run before it ends)
/// is set in `chain` at `size` and its glyphs carry `style`, an index the caller gives meaning
/// to (the page stage: colour, fake bold, emphasis dots, underline, baseline shift). Line
/// breaking, compression and CJK–Latin spacing see only characters, so every rule holds across
/// run boundaries; a run at another size than the paragraph's (a superscript or subscript) is
/// measured at its own size, hugs the text before it (no break, no Han–Latin gap, no stretch)
/// and is not put into grid cells.
#[derive(Clone, Copy, Debug)]
pub struct Run<'a> {
    pub end: usize,
    pub chain: &'a FontChain,
    pub style: u16,
    pub size: Pt,
}

/// What to set: the text and the style it is set in.
pub struct Paragraph<'a> {
    pub text: &'a str,
    /// The paragraph's own face chain (its typed spaces and added hyphens, and any text no run
    /// covers).
    pub chain: &'a FontChain,
    /// The styled runs, in order; empty: the whole text is one run in `chain`, style 0.
    pub runs: &'a [Run<'a>],
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
    /// Words longer than the measure that had to be broken inside (not at a hyphenation point).
    pub broken_words: Vec<String>,
    /// Set first-fit although the layout asks for total fit: the paragraph is longer than
    /// [`TOTAL_FIT_MAX_CHARS`].
    pub greedy_fallback: bool,
}

/// The longest paragraph, in characters, that total fit sets. Total fit keeps every feasible
/// breakpoint of the paragraph to choose the best sequence at the end: its memory grows with
/// the paragraph (a 10-million-character paragraph needed gigabytes), while first fit needs
/// none beyond the lines. No real paragraph comes near this (it is about 140 pages of one
/// paragraph); a longer one is set first-fit, with a warning.
pub const TOTAL_FIT_MAX_CHARS: usize = 200_000;

/// The longest centred paragraph, in characters, that is balanced (set at the narrowest
/// measure that needs no more lines, as titles are). Balancing breaks the paragraph a dozen
/// more times, so past this it would multiply the cost of a long centred block (a fuzzed
/// 8,000-character title took five times as long as the same text as body). And it gains
/// little there: with n lines it narrows each by at most the last line's shortfall over n,
/// less than one character once there are more lines than characters on a line. Titles,
/// captions and centred cells are far shorter.
pub const BALANCE_MAX_CHARS: usize = 1_000;

/// Sets a paragraph into lines.
pub fn layout_paragraph(
    par: &Paragraph,
    settings: &TextSettings,
    fonts: &FontSet,
) -> ParagraphLayout {
    let mut built = cluster::build(par.text, par.chain, par.runs, fonts, par.size);
    if let Some(pitch) = settings.grid {
        cluster::snap_to_grid(&mut built.clusters, pitch, par.size);
    }
    let clusters = &built.clusters;
    let mut rules = breaks::opportunities(par.text, clusters, settings.strictness);
    hug_resized_runs(clusters, &mut rules, par.size);
    let everywhere = match settings.hyphenation {
        Hyphenation::All => Some(Break::Hyphenate),
        Hyphenation::Auto => Some(Break::HyphenateIfLoose),
        Hyphenation::None => None,
    };
    if let Some(kind) = everywhere {
        breaks::hyphenate(par.text, clusters, 0..clusters.len(), &mut rules, kind);
    }
    let hyphen = {
        let r = par.chain.resolve(fonts, '-');
        line::Hyphen {
            font: r.font,
            glyph: r.glyph,
        }
    };
    let hyphen_width = par.size * fonts.get(hyphen.font).advance(hyphen.glyph);
    let broken_words = break_overlong_words(
        par.text,
        clusters,
        &mut rules,
        (par.width - par.indent, par.width),
        settings.hyphenation != Hyphenation::None,
        hyphen_width,
    );
    let metrics = items::Metrics {
        size: par.size,
        space_width: built.space_width,
        hyphen_width,
        indent: par.indent,
        in_url: url_gaps(par.text, clusters),
    };
    let items = items::build(clusters, &rules, settings, &metrics);
    let measure = linebreak::Measure::new(&items, par.size * items::em::LETTER_STRETCH)
        .with_even_gap(par.size * items::em::CJK_STRETCH);
    let greedy_fallback =
        settings.line_breaking == LineBreaking::TotalFit && clusters.len() > TOTAL_FIT_MAX_CHARS;
    let settings = &TextSettings {
        line_breaking: if greedy_fallback {
            LineBreaking::Greedy
        } else {
            settings.line_breaking
        },
        ..settings.clone()
    };
    let breaks = choose_breaks(&measure, &items, clusters, par, settings);
    let lines = line::build(
        &items, clusters, &measure, &breaks, par.width, par.align, hyphen,
    );
    ParagraphLayout {
        lines,
        missing: built.missing,
        broken_words,
        greedy_fallback,
    }
}

fn choose_breaks(
    measure: &linebreak::Measure,
    items: &[items::Item],
    clusters: &[cluster::Cluster],
    par: &Paragraph,
    settings: &TextSettings,
) -> Vec<Chosen> {
    let params = linebreak::Params::default();
    // On a grid every line but the last is full; a short last line is what the grid gives, so
    // it costs nothing there.
    let grid = settings.grid.is_some();
    let last_chars = |start: usize, end: usize| {
        if grid {
            usize::MAX
        } else {
            chars_on_line(items, clusters, start, end)
        }
    };
    let run = |width: Pt| {
        #[cfg(test)]
        tests::BREAKINGS.with(|n| n.set(n.get() + 1));
        match settings.line_breaking {
            LineBreaking::TotalFit => linebreak::total_fit(measure, width, &params, &last_chars),
            LineBreaking::Greedy => linebreak::greedy(measure, width),
        }
    };
    let breaks = run(par.width);
    if par.align != Align::Center || breaks.len() < 2 || clusters.len() > BALANCE_MAX_CHARS {
        return breaks;
    }
    // Centred text (titles) is balanced: the narrowest measure that needs no more lines.
    let (mut lo, mut hi) = (par.width * 0.3, par.width);
    let mut best = breaks.clone();
    for _ in 0..12 {
        let mid = (lo + hi) / 2.0;
        let candidate = run(mid);
        let fits = candidate.len() == breaks.len() && measure.all_fit(&candidate, mid);
        if fits {
            best = candidate;
            hi = mid;
        } else {
            lo = mid;
        }
    }
    best
}

/// The characters (not punctuation) on the line from item `start` to item `end`, counted up to
/// three (the last-line penalties look no further). A Latin word counts by its letters.
fn chars_on_line(
    items: &[items::Item],
    clusters: &[cluster::Cluster],
    start: usize,
    end: usize,
) -> usize {
    let mut chars = 0;
    for it in &items[start..end] {
        if let items::Kind::Box(Some(ci)) = it.kind {
            if !clusters[ci as usize].class.is_cjk_punct() {
                chars += 1;
                if chars >= 3 {
                    break;
                }
            }
        }
    }
    chars
}

/// Where a run of clusters with no break inside is wider than the measure (a long Latin word,
/// number or URL, or Chinese marks that may not be separated; the first run against the measure
/// less the first-line indent), first allows its hyphenation points (when `hyphenate`), then,
/// for any part still wider than the measure, breaks between its characters as a last resort
/// ([`force_breaks`]). Returns the runs that had to be broken by force, for a warning.
fn break_overlong_words(
    text: &str,
    clusters: &[cluster::Cluster],
    rules: &mut [Break],
    (first, width): (Pt, Pt),
    hyphenate: bool,
    hyphen_width: Pt,
) -> Vec<String> {
    // The first run starts after the first-line indent.
    let room = |start: usize| if start == 0 { first } else { width };
    let mut broken = Vec::new();
    for run in unbroken_runs(clusters, rules, 0..clusters.len()) {
        if run_width(clusters, run.clone()) <= room(run.start) {
            continue;
        }
        if hyphenate {
            breaks::hyphenate(text, clusters, run.clone(), rules, Break::Hyphenate);
        }
        let mut forced = false;
        for part in unbroken_runs(clusters, rules, run.clone()) {
            if run_width(clusters, part.clone()) + hyphen_width > room(part.start) {
                forced |= force_breaks(clusters, part, rules);
            }
        }
        if forced {
            let (first, last) = (&clusters[run.start], &clusters[run.end - 1]);
            broken.push(text[first.text.start..last.text.end].to_string());
        }
    }
    broken
}

/// Allows last-resort breaks inside `part`, a run with no legal break that is wider than the
/// line: between Latin letters and digits, so that the marks around a word keep their
/// prohibitions even when the word must be broken; where there are none (a run of Chinese
/// characters or marks that may not be separated, such as 58 ～ in a row), wherever the basic
/// prohibitions allow ([`breaks::may_force`]): an opening bracket never ends a line and a
/// closing mark never starts one, even by force. Returns whether any break was added.
fn force_breaks(
    clusters: &[cluster::Cluster],
    part: std::ops::Range<usize>,
    rules: &mut [Break],
) -> bool {
    let inside = part.start + 1..part.end;
    let latin = |c: &cluster::Cluster| c.class == classify::Class::Latin;
    let in_word = |i: usize| {
        let (a, b) = (&clusters[i - 1], &clusters[i]);
        latin(a) && latin(b) && a.last.is_alphanumeric() && b.first.is_alphanumeric()
    };
    let word_breaks: Vec<usize> = inside.clone().filter(|&i| in_word(i)).collect();
    let chosen = if word_breaks.is_empty() {
        inside.filter(|&i| breaks::may_force(clusters, i)).collect()
    } else {
        word_breaks
    };
    for &i in &chosen {
        rules[i] = Break::Emergency;
    }
    !chosen.is_empty()
}

/// A run at another size than the paragraph's (a superscript note number, the 2 of m²) starts
/// without a break before it unless a space was typed there: it belongs to the word it follows.
fn hug_resized_runs(clusters: &[cluster::Cluster], rules: &mut [Break], size: Pt) {
    for i in 1..clusters.len() {
        let (a, b) = (&clusters[i - 1], &clusters[i]);
        if b.resized(size) && !a.resized(size) && !b.space_before {
            rules[i] = Break::Never;
        }
    }
}

/// For each cluster boundary, whether it lies inside a URL or e-mail address.
fn url_gaps(text: &str, clusters: &[cluster::Cluster]) -> Vec<bool> {
    let urls = breaks::find_urls(text);
    clusters
        .iter()
        .map(|c| {
            urls.iter()
                .any(|u| u.start < c.text.start && c.text.start < u.end)
        })
        .collect()
}

/// The runs of clusters inside `range` with no break between them.
fn unbroken_runs(
    clusters: &[cluster::Cluster],
    rules: &[Break],
    range: std::ops::Range<usize>,
) -> Vec<std::ops::Range<usize>> {
    let cuts = (range.start + 1..range.end).filter(|&i| rules[i].breaks_in_first_pass());
    let mut runs = Vec::new();
    let mut start = range.start;
    for cut in cuts.chain(std::iter::once(range.end)) {
        runs.push(start..cut);
        start = cut;
    }
    runs.retain(|r| !r.is_empty() && r.start < clusters.len());
    runs
}

fn run_width(clusters: &[cluster::Cluster], run: std::ops::Range<usize>) -> Pt {
    clusters[run].iter().fold(Pt::ZERO, |w, c| w + c.advance)
}

#[cfg(test)]
mod grid_tests;
#[cfg(test)]
mod tests;
