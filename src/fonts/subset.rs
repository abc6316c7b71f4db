//! Cutting a face down to the glyphs a document uses. The PDF embeds the result; the preview
//! rasteriser loads it instead of the whole font (fontdue outlines every glyph of a font when
//! it loads it: a full CJK face costs seconds and hundreds of MB, a subset a few milliseconds).

use super::FontFace;

/// A subset font: the bytes of a new font file holding only the chosen glyphs, and the mapping
/// from the original glyph ids to the subset's.
pub struct Subset {
    pub data: Vec<u8>,
    pub remapper: subsetter::GlyphRemapper,
}

impl Subset {
    /// The subset's id for a glyph of the original face.
    pub fn glyph(&self, original: u16) -> Option<u16> {
        self.remapper.get(original)
    }
}

/// Subsets `face` to `glyphs` (sorted, without duplicates). Glyph 0 (.notdef, the box drawn for
/// a missing character) is always kept.
pub fn subset(face: &FontFace, glyphs: &[u16]) -> Result<Subset, String> {
    let remapper = subsetter::GlyphRemapper::new_from_glyphs_sorted(glyphs);
    let data = subset_as(face, &remapper)?;
    Ok(Subset { data, remapper })
}

/// Subsets `face` to the glyphs `remapper` has numbered, with its numbers (the PDF writer
/// numbers glyphs in the order the pages first draw them, as it paints them).
pub fn subset_as(face: &FontFace, remapper: &subsetter::GlyphRemapper) -> Result<Vec<u8>, String> {
    subsetter::subset(face.data(), face.index(), remapper)
        .map_err(|e| crate::messages::msg::subset_failed(&face.postscript_name, e).text)
}
