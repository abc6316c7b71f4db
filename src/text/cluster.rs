//! From characters to clusters: the units the line breaker moves around.
//!
//! A cluster is what is drawn as one piece: one character usually, but a 破折号 (——) or 省略号
//! (……) is one cluster because it must never be split across lines. Each cluster knows its
//! glyphs, its natural width, and for compressible punctuation which half of its cell is blank.

use super::classify::{classify_text, is_invisible, is_variation_selector, Class, SOFT_HYPHEN};
use super::Run;
use crate::fonts::{FontChain, FontIdx, FontSet};
use crate::units::Pt;
use std::ops::Range;

/// A glyph of a cluster, relative to the cluster's own origin.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClusterGlyph {
    pub font: FontIdx,
    pub glyph: u16,
    /// Offset from the cluster's left edge.
    pub x: Pt,
    /// Horizontal scale (1.0 except for dashes stretched to fill their cells).
    pub scale: f64,
}

/// Which half of a full-width punctuation cell is blank.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blank {
    /// Opening marks: the ink is in the right half.
    Leading,
    /// Closing marks: the ink is in the left half.
    Trailing,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Byte range in the paragraph text (for the PDF's text layer).
    pub text: Range<usize>,
    pub class: Class,
    pub glyphs: Vec<ClusterGlyph>,
    /// Natural width, as the font sets it (a full-width mark is one em).
    pub advance: Pt,
    /// For compressible marks whose glyph really fills only one half: where the blank half is.
    pub blank: Option<Blank>,
    /// A space was typed right before this cluster.
    pub space_before: bool,
    /// A soft hyphen (U+00AD) was typed right before this cluster: a line may break here, with
    /// a hyphen added.
    pub soft_hyphen_before: bool,
    /// First character (for rules that name characters, such as the solidus).
    pub first: char,
    pub last: char,
    /// The style of the run the cluster belongs to (see [`Run`]).
    pub style: u16,
    /// The type size of its run.
    pub size: Pt,
}

impl Cluster {
    /// Set at another size than the paragraph's `size` (a superscript or subscript).
    pub fn resized(&self, size: Pt) -> bool {
        (self.size.0 - size.0).abs() > 1e-9
    }

    /// Width of the blank half, if there is one.
    pub fn blank_width(&self) -> Pt {
        if self.blank.is_some() {
            self.advance / 2.0
        } else {
            Pt::ZERO
        }
    }
}

/// A character no font of the chain has.
#[derive(Clone, Debug, PartialEq)]
pub struct Missing {
    pub ch: char,
    /// Character offset in the paragraph.
    pub offset: usize,
}

/// The clusters of a paragraph, plus the characters that no font could draw.
pub struct Clusters {
    pub clusters: Vec<Cluster>,
    pub missing: Vec<Missing>,
    /// Width of a typed space in the primary font.
    pub space_width: Pt,
}

/// Splits `text` into clusters drawn at `size`, each character with the chain of its run
/// (`base` where no run covers it).
pub fn build(
    text: &str,
    base: &FontChain,
    runs: &[Run],
    fonts: &FontSet,
    par_size: Pt,
) -> Clusters {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let plain: Vec<char> = chars.iter().map(|&(_, c)| c).collect();
    let classes = classify_text(&plain);
    let mut clusters = Vec::with_capacity(chars.len());
    let mut missing = Vec::new();
    let mut space_before = false;
    let mut soft_hyphen_before = false;
    let mut i = 0;
    let mut run = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let class = classes[i];
        while run < runs.len() && runs[run].end <= start {
            run += 1;
        }
        // A —— or …… pair is one unit even across a run boundary: it takes its first half's run.
        let (chain, style, size) = match runs.get(run) {
            Some(r) => (r.chain, r.style, r.size),
            None => (base, 0, par_size),
        };
        if class == Class::Space {
            space_before = true;
            i += 1;
            continue;
        }
        if is_invisible(c) {
            // Drawn as nothing: a soft hyphen marks a break for the next cluster, a variation
            // selector picks the form of the character before it where the font has one (the
            // sequence then stands for the glyph in the PDF's text), the rest have no effect on
            // the drawing (their effect on line breaks is UAX #14's, in `breaks`).
            if c == SOFT_HYPHEN {
                soft_hyphen_before = true;
            } else if is_variation_selector(c) {
                let end = chars.get(i + 1).map_or(text.len(), |&(b, _)| b);
                if let Some(prev) = clusters.last_mut() {
                    use_variant(prev, c, start..end, fonts);
                }
            }
            i += 1;
            continue;
        }
        // Dashes and ellipses come in pairs that are one unit.
        let pair = matches!(class, Class::Dash | Class::Ellipsis)
            && plain.get(i + 1) == Some(&c)
            && matches!(c, '—' | '…' | '⋯');
        let (mut cluster, count) = if pair && class == Class::Dash {
            (two_em_dash(chain, fonts, size), 2)
        } else if pair {
            // Both halves are the same character: found (or missing) once, reported at each.
            let r = chain.resolve(fonts, c);
            if !r.found {
                missing.extend((i..i + 2).map(|offset| Missing { ch: c, offset }));
            }
            let step = advance(fonts, r.font, r.glyph, size);
            let glyphs: Vec<ClusterGlyph> = (0..2)
                .map(|k| ClusterGlyph {
                    font: r.font,
                    glyph: r.glyph,
                    x: step * k as f64,
                    scale: 1.0,
                })
                .collect();
            let x = step * 2.0;
            (plain_cluster(glyphs, x, c), 2)
        } else {
            with_marks(&plain, i, chain, fonts, size, &mut missing)
        };
        let end = chars.get(i + count).map_or(text.len(), |&(b, _)| b);
        cluster.style = style;
        cluster.size = size;
        cluster.text = start..end;
        cluster.class = class;
        cluster.space_before = std::mem::take(&mut space_before);
        cluster.soft_hyphen_before = std::mem::take(&mut soft_hyphen_before);
        cluster.blank = blank_side(&cluster, fonts, size);
        clusters.push(cluster);
        i += count;
    }
    let primary = base.primary();
    let space_width = fonts
        .get(primary)
        .glyph(' ')
        .map_or(par_size * 0.25, |g| advance(fonts, primary, g, par_size));
    Clusters {
        clusters,
        missing,
        space_width,
    }
}

fn plain_cluster(glyphs: Vec<ClusterGlyph>, advance: Pt, c: char) -> Cluster {
    Cluster {
        text: 0..0,
        class: Class::Latin,
        glyphs,
        advance,
        blank: None,
        space_before: false,
        soft_hyphen_before: false,
        first: c,
        last: c,
        style: 0,
        size: Pt::ZERO,
    }
}

/// The cluster of the character at `i` with the combining marks after it (an accent typed as
/// e + U+0301, as macOS and PDF copies give it; pinyin tones a + U+030C), and how many
/// characters it takes. Marks are composed into the character where Unicode has the composed
/// form and a font of the chain draws it (e + U+0301 → é, as NFC does, but a lone character is
/// never replaced: a compatibility ideograph stays itself); a mark that does not compose is
/// drawn centred over it, taking no width. Before, each mark was a cluster of its own, set
/// after the letter as a spacing accent, and a line could break before it.
fn with_marks(
    plain: &[char],
    i: usize,
    chain: &FontChain,
    fonts: &FontSet,
    size: Pt,
    missing: &mut Vec<Missing>,
) -> (Cluster, usize) {
    let marks = plain[i + 1..]
        .iter()
        .take_while(|&&m| unicode_normalization::char::is_combining_mark(m) && !is_invisible(m))
        .count();
    let mut base = plain[i];
    let mut r = chain.resolve(fonts, base);
    let mut k = i + 1;
    while k <= i + marks {
        let Some(composed) = unicode_normalization::char::compose(base, plain[k]) else {
            break;
        };
        let rc = chain.resolve(fonts, composed);
        if !rc.found {
            break;
        }
        (base, r) = (composed, rc);
        k += 1;
    }
    if !r.found {
        missing.push(Missing {
            ch: base,
            offset: i,
        });
    }
    let width = advance(fonts, r.font, r.glyph, size);
    let mut glyphs = vec![ClusterGlyph {
        font: r.font,
        glyph: r.glyph,
        x: Pt::ZERO,
        scale: 1.0,
    }];
    for (n, &m) in plain[k..=i + marks].iter().enumerate() {
        let rm = chain.resolve(fonts, m);
        if !rm.found {
            missing.push(Missing {
                ch: m,
                offset: k + n,
            });
        }
        // The mark's ink centred on the base's advance (fonts draw some marks with a width
        // of their own, some with none and the ink left of the origin: both land on the base).
        let x = match fonts.get(rm.font).ink_extent(rm.glyph) {
            Some((lo, hi)) => width / 2.0 - size * ((lo + hi) / 2.0),
            None => width / 2.0,
        };
        glyphs.push(ClusterGlyph {
            font: rm.font,
            glyph: rm.glyph,
            x,
            scale: 1.0,
        });
    }
    (plain_cluster(glyphs, width, base), 1 + marks)
}

/// Gives `prev` the glyph of the variation sequence of its character and `vs` (at `at` in the
/// text, right after it), if its font has one; else it keeps the character's own glyph, as
/// word processors do.
fn use_variant(prev: &mut Cluster, vs: char, at: Range<usize>, fonts: &FontSet) {
    if prev.text.end != at.start || prev.glyphs.len() != 1 || prev.first != prev.last {
        return;
    }
    let g = &mut prev.glyphs[0];
    let face = fonts.get(g.font);
    let Some(variant) = face.variant(prev.last, vs) else {
        return;
    };
    let ratio = |glyph: u16| face.advance(glyph);
    let (old, new) = (ratio(g.glyph), ratio(variant));
    g.glyph = variant;
    if old > 0.0 {
        prev.advance = prev.advance * (new / old);
    }
    prev.text.end = at.end;
    prev.blank = blank_side(prev, fonts, prev.size);
}

/// Grid typesetting: every full-width cluster (Han characters and Chinese punctuation) takes a
/// whole number of cells of `pitch` — one for a character, two for —— and …… — whatever its
/// font's advance. A pitch a little under the type size (GB/T 9704's 28 characters of 16 pt in
/// 156 mm) tightens the text evenly; the glyphs keep their size.
///
/// A cluster at another size (a superscript) takes no cells: it is tightened in proportion.
pub fn snap_to_grid(clusters: &mut [Cluster], pitch: Pt, size: Pt) {
    let scale = pitch / size;
    for c in clusters.iter_mut().filter(|c| c.class.is_cjk()) {
        for g in &mut c.glyphs {
            g.x = g.x * scale;
        }
        c.advance = if c.resized(size) {
            c.advance * scale
        } else {
            pitch * (c.advance / size).round().max(1.0)
        };
    }
}

fn advance(fonts: &FontSet, font: FontIdx, glyph: u16, size: Pt) -> Pt {
    size * fonts.get(font).advance(glyph)
}

/// A 破折号: two em dashes drawn as one unbroken two-em line. Fonts draw U+2014 narrower than an
/// em and with side bearings, so two of them side by side show a gap; the two-em dash ⸺ drawn
/// across both cells does not. Without ⸺, each dash is stretched to fill its own cell.
fn two_em_dash(chain: &FontChain, fonts: &FontSet, size: Pt) -> Cluster {
    let target = size * 2.0;
    let r = chain.resolve(fonts, '⸺');
    let glyphs = if r.found {
        let adv = advance(fonts, r.font, r.glyph, size);
        vec![ClusterGlyph {
            font: r.font,
            glyph: r.glyph,
            x: Pt::ZERO,
            scale: if adv.0 > 0.0 { target / adv } else { 1.0 },
        }]
    } else {
        let r = chain.resolve(fonts, '—');
        let face = fonts.get(r.font);
        // Stretch the ink (not the advance) over the cell so that the two dashes touch.
        let (scale, x) = match face.ink_extent(r.glyph) {
            Some((lo, hi)) if hi > lo => {
                let scale = 1.0 / (hi - lo);
                (scale, -size * (lo * scale))
            }
            _ => (1.0, Pt::ZERO),
        };
        (0..2)
            .map(|k| ClusterGlyph {
                font: r.font,
                glyph: r.glyph,
                x: size * k as f64 + x,
                scale,
            })
            .collect()
    };
    let mut cluster = plain_cluster(glyphs, target, '—');
    cluster.class = Class::Dash;
    cluster
}

/// Whether a compressible mark's glyph really has a blank half on the expected side: a full-width
/// advance with the ink inside one half. Fonts from other regions centre some marks (Taiwanese
/// fonts centre ，。) and those must not be compressed.
fn blank_side(cluster: &Cluster, fonts: &FontSet, size: Pt) -> Option<Blank> {
    // Curly quotes in Latin text come from the CJK font as full-width glyphs too; they get the
    // same treatment so that English quotations are not set with em-wide gaps.
    let latin_quote =
        cluster.class == Class::Latin && matches!(cluster.first, '“' | '”' | '‘' | '’');
    if !(cluster.class.is_compressible() || latin_quote) || cluster.glyphs.len() != 1 {
        return None;
    }
    let g = cluster.glyphs[0];
    let face = fonts.get(g.font);
    let adv = face.advance(g.glyph);
    if cluster.advance < size * 0.9 || g.glyph == 0 {
        return None;
    }
    let (lo, hi) = face.ink_extent(g.glyph)?;
    let half = adv / 2.0;
    let slack = adv * 0.04;
    match cluster.class {
        Class::Open if lo >= half - slack => Some(Blank::Leading),
        Class::Close | Class::Pause | Class::Stop if hi <= half + slack => Some(Blank::Trailing),
        Class::Latin if lo >= half - slack => Some(Blank::Leading),
        Class::Latin if hi <= half + slack => Some(Blank::Trailing),
        _ => None,
    }
}
