//! One font face.

use super::FaceInfo;
use crate::messages::msg;
use std::fmt;
use std::sync::Arc;

/// The bytes of a font file: a memory map or an owned buffer. The I/O layer decides which.
pub type FontData = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// A parsed font face. Cheap to share (`Arc<FontFace>`); lookups go straight to the font tables.
pub struct FontFace {
    // `face` borrows from the bytes `data` owns; it is declared first so that it is dropped
    // before them.
    face: ttf_parser::Face<'static>,
    data: FontData,
    index: u32,
    /// PostScript name (name ID 6), e.g. `NotoSerifSC-Regular`; used in the PDF.
    pub postscript_name: String,
    /// Family (ID 16, else 1) and style (ID 17, else 2) names, e.g. `Noto Serif SC` / `Bold`.
    pub family: String,
    pub style: String,
    /// Full name (ID 4), e.g. `Noto Serif SC Bold`.
    pub full_name: String,
    /// Every name and the properties the catalog matches on.
    pub info: FaceInfo,
    units_per_em: f64,
}

impl FontFace {
    /// Parses the face at `index` of `data` (0 for a plain .ttf/.otf).
    pub fn new(data: FontData, index: u32) -> Result<FontFace, String> {
        let bytes: &[u8] = (*data).as_ref();
        // SAFETY: `bytes` points into the buffer owned by `data` (an `Arc` to a memory map or a
        // Vec), which never moves or changes and lives as long as this struct, which owns `data`
        // and drops `face` first. The `'static` lifetime never escapes: `face()` hands out a
        // reference bounded by `&self`.
        let bytes: &'static [u8] =
            unsafe { std::slice::from_raw_parts(bytes.as_ptr(), bytes.len()) };
        let face = ttf_parser::Face::parse(bytes, index).map_err(|e| match e {
            ttf_parser::FaceParsingError::UnknownMagic => msg::not_a_font_file().text,
            other => msg::unusable_font(other).text,
        })?;
        if face.number_of_glyphs() == 0 || face.tables().cmap.is_none() {
            return Err(msg::font_no_glyphs().text);
        }
        // A table that runs past the end of the file is dropped by the parser, so a truncated
        // file still parses; without outlines it could not be embedded (subsetting would fail
        // later with no word of which file).
        let t = face.tables();
        if t.glyf.is_none() && t.cff.is_none() && t.cff2.is_none() {
            return Err(msg::font_no_outlines().text);
        }
        let info = FaceInfo::read(face.raw_face());
        let postscript_name = sanitize_ps_name(&info.postscript_name);
        let family = info.family.clone();
        let style = info.style.clone();
        let full_name = info.face_names.first().cloned().unwrap_or_default();
        let units_per_em = face.units_per_em() as f64;
        check_advances(&face, units_per_em)?;
        Ok(FontFace {
            face,
            data,
            index,
            postscript_name,
            family,
            style,
            full_name,
            info,
            units_per_em,
        })
    }

    /// The full name, with the Chinese family name after it when there is one (`FangSong_GB2312
    /// (仿宋_GB2312)`): how messages name a face a clerk knows by its Chinese name.
    pub fn display_name(&self) -> String {
        match &self.info.family_zh {
            Some(zh) if *zh != self.info.family && !self.full_name.contains(zh.as_str()) => {
                format!("{} ({zh})", self.full_name)
            }
            _ => self.full_name.clone(),
        }
    }

    /// The parsed tables, for lookups this type does not wrap.
    pub fn face(&self) -> &ttf_parser::Face<'_> {
        &self.face
    }

    /// The whole font file.
    pub fn data(&self) -> &[u8] {
        (*self.data).as_ref()
    }

    pub fn index(&self) -> u32 {
        self.index
    }

    /// Whether outlines are CFF (OpenType/PostScript) rather than TrueType `glyf`.
    pub fn is_cff(&self) -> bool {
        self.face.tables().cff.is_some()
    }

    /// Whether the face is a bold weight (usWeightClass ≥ 600 or the style name says so).
    pub fn is_bold(&self) -> bool {
        self.face.weight().to_number() >= 600 || self.style.to_lowercase().contains("bold")
    }

    /// The glyph for a character, if the font has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.face.glyph_index(c).map(|g| g.0).filter(|&g| g != 0)
    }

    /// The glyph of a variation sequence (`c` followed by the selector `vs`), if the font's
    /// format 14 character map has one that differs from the character's own glyph.
    pub fn variant(&self, c: char, vs: char) -> Option<u16> {
        self.face
            .glyph_variation_index(c, vs)
            .map(|g| g.0)
            .filter(|&g| g != 0)
    }

    /// Advance width of a glyph, in ems.
    pub fn advance(&self, glyph: u16) -> f64 {
        self.face
            .glyph_hor_advance(ttf_parser::GlyphId(glyph))
            .map_or(0.0, |a| a as f64 / self.units_per_em)
    }

    /// Horizontal extent of a glyph's ink `(x_min, x_max)`, in ems; `None` for blank glyphs.
    pub fn ink_extent(&self, glyph: u16) -> Option<(f64, f64)> {
        let b = self.face.glyph_bounding_box(ttf_parser::GlyphId(glyph))?;
        Some((
            b.x_min as f64 / self.units_per_em,
            b.x_max as f64 / self.units_per_em,
        ))
    }

    /// Typographic ascender and descender (descender negative), in ems.
    pub fn ascender_descender(&self) -> (f64, f64) {
        let os2 = self.face.tables().os2;
        let (a, d) = match os2 {
            Some(t) if t.typographic_ascender() != 0 => {
                (t.typographic_ascender(), t.typographic_descender())
            }
            _ => (self.face.ascender(), self.face.descender()),
        };
        (a as f64 / self.units_per_em, d as f64 / self.units_per_em)
    }

    pub fn units_per_em(&self) -> f64 {
        self.units_per_em
    }
}

/// Refuses a face whose characters would all print on top of one another (every advance zero)
/// or far apart (an advance of more than 4 em): such a font is broken or made to mislead, and
/// would be used silently otherwise. A few common characters are sampled.
fn check_advances(face: &ttf_parser::Face, units_per_em: f64) -> Result<(), String> {
    let advances: Vec<f64> = ['中', '国', '质', '。', 'a', 'n', 'A', '0']
        .iter()
        .filter_map(|&c| face.glyph_index(c))
        .filter_map(|g| face.glyph_hor_advance(g))
        .map(|a| a as f64 / units_per_em)
        .collect();
    if !advances.is_empty() && advances.iter().all(|&a| a == 0.0) {
        return Err(msg::font_zero_width().text);
    }
    if let Some(wide) = advances.iter().copied().find(|&a| a > 4.0) {
        return Err(msg::font_too_wide(format!("{wide:.0}")).text);
    }
    Ok(())
}

impl fmt::Debug for FontFace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FontFace({})", self.postscript_name)
    }
}

/// PostScript names may only hold printable ASCII without PDF delimiters.
fn sanitize_ps_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%#".contains(*c))
        .collect();
    if cleaned.is_empty() {
        "Font".into()
    } else {
        cleaned
    }
}
