//! Fallback chains: which face draws each character.

use super::face::FontFace;
use std::sync::Arc;

/// Index of a face in a document's [`FontSet`].
pub type FontIdx = usize;

/// The faces a document uses, each once. Glyph runs refer to faces by index into this set.
#[derive(Clone, Debug, Default)]
pub struct FontSet {
    faces: Vec<Arc<FontFace>>,
}

impl FontSet {
    /// Adds a face (once: the same `Arc` twice gives the same index).
    pub fn add(&mut self, face: Arc<FontFace>) -> FontIdx {
        if let Some(i) = self.faces.iter().position(|f| Arc::ptr_eq(f, &face)) {
            return i;
        }
        self.faces.push(face);
        self.faces.len() - 1
    }

    pub fn get(&self, idx: FontIdx) -> &Arc<FontFace> {
        &self.faces[idx]
    }

    pub fn faces(&self) -> &[Arc<FontFace>] {
        &self.faces
    }
}

/// Fonts tried in order for each character, with an optional face for Latin letters and digits.
#[derive(Clone, Debug, PartialEq)]
pub struct FontChain {
    pub faces: Vec<FontIdx>,
    pub latin: Option<FontIdx>,
}

/// Which face draws a character and with which glyph.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Resolved {
    pub font: FontIdx,
    pub glyph: u16,
    /// False when no face in the chain has the character: `glyph` is then the first face's
    /// .notdef (a visible box), and the caller reports it.
    pub found: bool,
}

impl FontChain {
    /// Finds the face for `c`: the Latin face first for Latin letters and digits when one is set,
    /// then each face of the chain in order.
    pub fn resolve(&self, fonts: &FontSet, c: char) -> Resolved {
        let latin_first = self.latin.filter(|_| is_latin(c));
        for idx in latin_first.into_iter().chain(self.faces.iter().copied()) {
            if let Some(glyph) = fonts.get(idx).glyph(c) {
                return Resolved {
                    font: idx,
                    glyph,
                    found: true,
                };
            }
        }
        // A hyphen that none of the faces has as a character of its own is drawn with the
        // hyphen-minus, which looks the same (the text keeps the character, and with it the
        // non-breaking hyphen's rule: no break on either side).
        if matches!(c, '\u{2010}' | '\u{2011}') {
            let r = self.resolve(fonts, '-');
            if r.found {
                return r;
            }
        }
        Resolved {
            font: self.primary(),
            glyph: 0,
            found: false,
        }
    }

    /// The first face: it sets the metrics of the style (ascent, the em).
    pub fn primary(&self) -> FontIdx {
        self.latin
            .filter(|_| self.faces.is_empty())
            .unwrap_or_else(|| self.faces[0])
    }
}

/// Letters, digits and punctuation of the Latin scripts (what a "Latin font" is for).
fn is_latin(c: char) -> bool {
    c.is_ascii_graphic() || matches!(c as u32, 0xC0..=0x24F | 0x1E00..=0x1EFF)
}
