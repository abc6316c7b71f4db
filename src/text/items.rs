//! Clusters and break rules become boxes, glue and penalties (the Knuth–Plass model).
//!
//! A box is a cluster's ink; glue is the space at a boundary, with how far it may stretch and
//! shrink; a penalty marks a break that costs something. All Chinese typographic spacing is
//! expressed here, once, for both line breakers:
//!
//! - a compressible mark's blank half is glue: it vanishes at a line break (a mark at line end
//!   is set half width, an opening mark at line start loses its leading half), it may shrink
//!   when a line is a little too long, and of two adjacent marks one blank is dropped (the pair
//!   takes 1.5 em);
//! - between Han and Latin letters or digits there is a quarter em (⅛–⅓ em);
//! - every boundary between Chinese characters may stretch a little, so justification spreads
//!   evenly instead of opening one gap;
//! - a boundary where no break is allowed gets an infinite penalty before its glue.

use super::breaks::Break;
use super::classify::Class;
use super::cluster::{Blank, Cluster};
use super::TextSettings;
use crate::model::layout::Punctuation;
use crate::units::Pt;

/// A penalty at least this large forbids the break; one this negative forces it.
pub const INFINITY: f64 = 10_000.0;

/// The stretch of the glue that fills a paragraph's last line (in points: more than any line
/// could need).
pub const FILL: Pt = Pt(1e9);

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// Ink of cluster `index` (or an empty box, such as the first-line indent, when `None`).
    Box(Option<u32>),
    /// Space at the boundary before cluster `index` (`index == clusters.len()` at the end).
    Glue(u32),
    /// A break opportunity with a cost; `flagged` for hyphen breaks; `why` the rule that made it
    /// (for the line's end reason). Its width is set only if the line breaks here (an added
    /// hyphen).
    Penalty {
        cost: f64,
        flagged: bool,
        why: Break,
    },
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Item {
    pub kind: Kind,
    pub width: Pt,
    pub stretch: Pt,
    pub shrink: Pt,
    /// When a line breaks at this glue, how much of the box before it may hang into the margin.
    pub hang: Pt,
    /// The blank half of a compressed mark was dropped here at a break (for the penalty on
    /// consecutive lines ending in compressed marks).
    pub compressed_end: bool,
}

impl Item {
    fn boxed(index: Option<u32>, width: Pt) -> Item {
        Item {
            kind: Kind::Box(index),
            width,
            stretch: Pt::ZERO,
            shrink: Pt::ZERO,
            hang: Pt::ZERO,
            compressed_end: false,
        }
    }

    fn penalty(cost: f64, flagged: bool, why: Break) -> Item {
        Item {
            kind: Kind::Penalty { cost, flagged, why },
            width: Pt::ZERO,
            stretch: Pt::ZERO,
            shrink: Pt::ZERO,
            hang: Pt::ZERO,
            compressed_end: false,
        }
    }

    pub fn is_box(&self) -> bool {
        matches!(self.kind, Kind::Box(_))
    }
}

/// Spacing amounts, in ems of the paragraph's font size.
pub mod em {
    /// How far each gap between Chinese characters may stretch at adjustment ratio 1.
    pub const CJK_STRETCH: f64 = 0.1;
    /// Letter-spacing at ratio 1: between the characters of a URL, and in a line with no glue
    /// at all (a word broken by force).
    pub const LETTER_STRETCH: f64 = 0.05;
    /// The cost of a break inside a URL.
    pub const URL_PENALTY: f64 = 30.0;
    /// The Han–Latin gap: natural, and the limits it may shrink and stretch to.
    pub const HAN_LATIN: f64 = 0.25;
    pub const HAN_LATIN_MIN: f64 = 0.125;
    pub const HAN_LATIN_MAX: f64 = 1.0 / 3.0;
    /// A Latin word space may shrink to this and stretch by this: half as much again as a gap
    /// between Chinese characters, so that a line mixing the two spreads its extra space over
    /// all of its gaps (the word spaces taking a larger share, not all of it).
    pub const SPACE_MIN: f64 = 0.25;
    pub const SPACE_STRETCH: f64 = 0.15;
    /// Share of a mark's blank half that may go when a line must shrink. Brackets and quotes go
    /// first, pause marks next, stops last (clreq's order).
    pub const SHRINK_BRACKET: f64 = 1.0;
    pub const SHRINK_PAUSE: f64 = 0.75;
    pub const SHRINK_STOP: f64 = 0.5;
    /// The cost of a break after a typed hyphen or at a hyphenation point, and of an emergency
    /// break inside an over-long word.
    pub const HYPHEN_PENALTY: f64 = 50.0;
    pub const EMERGENCY_PENALTY: f64 = 1000.0;
}

/// How a mark's blank half is treated under the punctuation style.
#[derive(Clone, Copy, PartialEq)]
enum BlankUse {
    /// No blank (not a compressible mark, or the blank is always removed).
    None,
    /// The blank is glue that vanishes at breaks and may shrink.
    Glue,
    /// The blank is part of the box (quanjiao: marks are always full width).
    Fixed,
}

fn blank_use(c: &Cluster, settings: &TextSettings) -> BlankUse {
    if c.blank.is_none() {
        return BlankUse::None;
    }
    if c.class == Class::Latin {
        // Curly quotes in Latin text are always set half width.
        return BlankUse::None;
    }
    match settings.punctuation {
        Punctuation::Quanjiao => BlankUse::Fixed,
        Punctuation::Gb => BlankUse::Glue,
        Punctuation::Kaiming if c.class == Class::Stop => BlankUse::Glue,
        Punctuation::Kaiming => BlankUse::None,
    }
}

/// What the items are built from, besides the clusters and break rules.
pub struct Metrics {
    pub size: Pt,
    /// A typed space in the paragraph's font.
    pub space_width: Pt,
    /// The hyphen added at a hyphenation point.
    pub hyphen_width: Pt,
    pub indent: Pt,
    /// For each cluster boundary (as in the break rules): it lies inside a URL, where the
    /// characters may be letter-spaced a little to justify the line.
    pub in_url: Vec<bool>,
}

/// Builds the items of a paragraph. `indent` opens the first line; the paragraph ends with the
/// usual infinite-stretch glue and forced break.
pub fn build(
    clusters: &[Cluster],
    breaks: &[Break],
    settings: &TextSettings,
    m: &Metrics,
) -> Vec<Item> {
    let indent = m.indent;
    let mut items = Vec::with_capacity(clusters.len() * 2 + 4);
    if indent.0 != 0.0 {
        items.push(Item::boxed(None, indent));
    }
    let uses: Vec<BlankUse> = clusters.iter().map(|c| blank_use(c, settings)).collect();
    for (i, c) in clusters.iter().enumerate() {
        if i > 0 {
            push_boundary(&mut items, clusters, &uses, breaks[i], i, settings, m);
        }
        items.push(Item::boxed(Some(i as u32), box_width(c, uses[i])));
    }
    // The paragraph's end: the last mark's trailing blank goes (line-end rule), then a glue that
    // fills the last line and a forced break.
    items.push(Item::penalty(INFINITY, false, Break::Never));
    items.push(Item {
        kind: Kind::Glue(clusters.len() as u32),
        width: Pt::ZERO,
        stretch: FILL,
        shrink: Pt::ZERO,
        hang: Pt::ZERO,
        compressed_end: false,
    });
    let mut end = Item::penalty(-INFINITY, false, Break::Allowed);
    if let (Some(last), Some(&blank)) = (clusters.last(), uses.last()) {
        end.hang = hang_width(last, blank, settings);
    }
    items.push(end);
    items
}

/// How far a mark before a break may hang into the margin: its box, if hanging punctuation is
/// on and it is one of 、，。 (only the one mark right before the break ever hangs).
fn hang_width(c: &Cluster, blank: BlankUse, settings: &TextSettings) -> Pt {
    // 、，。 may hang (clreq); on a grid every closing mark may, so that a full line keeps its
    // cells instead of losing one to the line-start prohibition.
    let may_hang = if settings.grid.is_some() {
        matches!(c.class, Class::Close | Class::Pause | Class::Stop)
    } else {
        matches!(c.first, '、' | '，' | '。') && c.class.is_cjk_punct()
    };
    if settings.hanging_punctuation && may_hang {
        box_width(c, blank)
    } else {
        Pt::ZERO
    }
}

/// The width of a cluster's box: its ink, plus its blank half where marks are full width.
fn box_width(c: &Cluster, blank: BlankUse) -> Pt {
    if blank == BlankUse::Fixed {
        c.advance
    } else {
        c.advance - c.blank_width()
    }
}

/// The glue (and penalty) at the boundary before cluster `i`.
fn push_boundary(
    items: &mut Vec<Item>,
    clusters: &[Cluster],
    uses: &[BlankUse],
    rule: Break,
    i: usize,
    settings: &TextSettings,
    m: &Metrics,
) {
    let (size, space_width) = (m.size, m.space_width);
    let (a, b) = (&clusters[i - 1], &clusters[i]);
    let mut width = Pt::ZERO;
    let mut stretch = Pt::ZERO;
    let mut shrink = Pt::ZERO;

    // Blank halves of compressible marks on both sides.
    let trailing = uses[i - 1] == BlankUse::Glue && a.blank == Some(Blank::Trailing);
    let leading = uses[i] == BlankUse::Glue && b.blank == Some(Blank::Leading);
    let b_is_mark = b.blank.is_some() && uses[i] != BlankUse::None;
    let a_is_mark = a.blank.is_some() && uses[i - 1] != BlankUse::None;
    let gb_pairs = settings.punctuation == Punctuation::Gb;
    let mut blank = |c: &Cluster| {
        let w = c.blank_width();
        width += w;
        shrink += w * shrink_share(c.class);
    };
    match (trailing, leading) {
        // Closing then opening (，“): one blank for the pair.
        (true, true) => blank(a),
        // Closing then closing (。”): the first loses its blank.
        (true, false) if gb_pairs && b_is_mark => {}
        (true, false) => blank(a),
        // Opening then opening (（“): the second loses its blank.
        (false, true) if gb_pairs && a_is_mark => {}
        (false, true) => blank(b),
        (false, false) => {}
    }
    let compressed_end = trailing;

    // A superscript or subscript hugs its neighbours: no Han–Latin gap, no stretch.
    let resized = a.resized(size) || b.resized(size);
    let han_latin = settings.cjk_latin_spacing && !resized && is_han_latin(a, b);
    // A space typed next to full-width punctuation is dropped: the mark's own blank half is the
    // space there.
    let typed_space = b.space_before && !a.class.is_cjk_punct() && !b.class.is_cjk_punct();
    if han_latin {
        // The typed space, if any, becomes this gap rather than adding to it. At ratio 1 the gap
        // is ⅓ em, at −1 ⅛ em.
        width += size * em::HAN_LATIN;
        stretch += size * (em::HAN_LATIN_MAX - em::HAN_LATIN);
        shrink += size * (em::HAN_LATIN - em::HAN_LATIN_MIN);
    } else {
        if typed_space {
            // A word space stretches as a word space, also next to a Chinese character.
            width += space_width;
            stretch += size * em::SPACE_STRETCH;
            shrink += (space_width - size * em::SPACE_MIN).max(Pt::ZERO);
        } else if resized {
        } else if a.class.is_cjk() || b.class.is_cjk() {
            stretch += size * em::CJK_STRETCH;
        } else if m.in_url[i] {
            stretch += size * em::LETTER_STRETCH;
        }
    }

    let hang = hang_width(a, uses[i - 1], settings);
    let glue = Item {
        kind: Kind::Glue(i as u32),
        width,
        stretch,
        shrink,
        hang,
        compressed_end,
    };
    let has_glue = width.0 != 0.0 || stretch.0 != 0.0 || shrink.0 != 0.0;
    let (cost, flagged) = match rule {
        Break::Never | Break::Allowed => (0.0, false),
        Break::Url => (em::URL_PENALTY, false),
        Break::Hyphen | Break::Hyphenate | Break::HyphenateIfLoose => (em::HYPHEN_PENALTY, true),
        Break::Emergency => (em::EMERGENCY_PENALTY, true),
    };
    match rule {
        Break::Never if has_glue => {
            items.push(Item::penalty(INFINITY, false, Break::Never));
            items.push(glue);
        }
        Break::Never => {}
        Break::Allowed if has_glue => items.push(glue),
        _ => {
            let mut penalty = Item::penalty(cost, flagged, rule);
            if matches!(rule, Break::Hyphenate | Break::HyphenateIfLoose) {
                penalty.width = m.hyphen_width;
            }
            items.push(penalty);
            if has_glue {
                items.push(Item::penalty(INFINITY, false, Break::Never));
                items.push(glue);
            }
        }
    }
}

fn shrink_share(class: Class) -> f64 {
    match class {
        Class::Open | Class::Close => em::SHRINK_BRACKET,
        Class::Pause => em::SHRINK_PAUSE,
        _ => em::SHRINK_STOP,
    }
}

/// A boundary between a Han character and a Latin letter or digit (in either order); not
/// between Han and Latin punctuation.
fn is_han_latin(a: &Cluster, b: &Cluster) -> bool {
    (a.class == Class::Ideograph && b.class == Class::Latin && b.first.is_alphanumeric())
        || (a.class == Class::Latin && a.last.is_alphanumeric() && b.class == Class::Ideograph)
}
