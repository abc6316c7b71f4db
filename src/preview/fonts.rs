//! Glyph bitmaps for the preview, from subset fonts.
//!
//! fontdue parses and outlines *every* glyph of a font when it loads it (0.8–2.3 s and
//! 260–500 MB for one of the CJK faces in fonts/), so it is never given a whole font: each face
//! is first cut down to the glyphs the previewed pages draw — typically a few hundred — the same
//! way the PDF writer subsets it, and fontdue loads that.

use crate::error::{Error, ErrorKind, Result};
use crate::fonts::{FontIdx, Subset};
use crate::messages::msg;
use crate::page::{Item, Page};
use crate::resolve::Document;
use std::collections::{BTreeSet, HashMap};

/// A rasterised glyph: an alpha mask and where it sits relative to the pen and baseline.
pub struct GlyphBitmap {
    /// From the pen position to the mask's left edge, in pixels.
    pub left: i32,
    /// From the baseline up to the mask's top edge, in pixels.
    pub top: i32,
    pub width: usize,
    pub coverage: Vec<u8>,
}

struct Loaded {
    font: fontdue::Font,
    subset: Subset,
}

/// The subset faces of a set of pages, and the glyphs rasterised so far.
pub struct Glyphs {
    faces: HashMap<FontIdx, Loaded>,
    cache: HashMap<(FontIdx, u16, u32, u32, u32, u32), GlyphBitmap>,
}

impl Glyphs {
    /// Subsets and loads every face the `pages` draw with.
    pub fn new(doc: &Document, pages: &[&Page]) -> Result<Glyphs> {
        let mut used: HashMap<FontIdx, BTreeSet<u16>> = HashMap::new();
        for page in pages {
            for item in page.items() {
                let Item::Text(run) = item else { continue };
                for g in &run.glyphs {
                    used.entry(g.font).or_default().insert(g.glyph);
                }
            }
        }
        let mut faces = HashMap::new();
        for (idx, glyphs) in used {
            let face = doc.fonts.get(idx);
            let ids: Vec<u16> = glyphs.into_iter().collect();
            let subset = crate::fonts::subset(face, &ids)
                .map_err(|detail| Error::new(ErrorKind::Font, detail))?;
            let settings = fontdue::FontSettings {
                collection_index: 0,
                scale: 40.0,
                load_substitutions: false,
            };
            let with_cmap =
                with_index_cmap(&subset.data, subset.remapper.num_gids()).ok_or_else(|| {
                    Error::new(
                        ErrorKind::Font,
                        msg::preview_subset_unreadable(&face.postscript_name),
                    )
                })?;
            let font = fontdue::Font::from_bytes(with_cmap.as_slice(), settings).map_err(|e| {
                Error::new(
                    ErrorKind::Font,
                    msg::preview_subset_unloadable(&face.postscript_name, e),
                )
            })?;
            faces.insert(idx, Loaded { font, subset });
        }
        Ok(Glyphs {
            faces,
            cache: HashMap::new(),
        })
    }

    /// The bitmap of glyph `glyph` of face `font` at `size` pixels per em, stretched
    /// horizontally by `scale` (1.0 except for stretched dashes).
    ///
    /// `shift` is the pen's fractional pixel offset `(x, y)`, each in `[0, 1)`; it is quantised to
    /// quarters of a pixel and applied by resampling the mask, so that glyphs keep the spacing
    /// the line breaker gave them instead of snapping to whole pixels.
    pub fn get(
        &mut self,
        font: FontIdx,
        glyph: u16,
        size: f32,
        scale: f64,
        shift: (f64, f64),
    ) -> Result<&GlyphBitmap> {
        let quarter = |f: f64| ((f * SUBPIXELS as f64).round() as u32).min(SUBPIXELS - 1);
        let (qx, qy) = (quarter(shift.0), quarter(shift.1));
        let key = (
            font,
            glyph,
            size.to_bits(),
            (scale as f32).to_bits(),
            qx,
            qy,
        );
        if !self.cache.contains_key(&key) {
            let loaded = self
                .faces
                .get(&font)
                .expect("every face drawn on the pages was loaded");
            let id = loaded
                .subset
                .glyph(glyph)
                .expect("every glyph drawn is in its face's subset");
            let (m, mask) = loaded.font.rasterize_indexed(id, size);
            let bitmap = shift_mask(
                stretch(
                    GlyphBitmap {
                        left: m.xmin,
                        top: m.ymin + m.height as i32,
                        width: m.width,
                        coverage: mask,
                    },
                    scale,
                ),
                qx as f64 / SUBPIXELS as f64,
                qy as f64 / SUBPIXELS as f64,
            );
            self.cache.insert(key, bitmap);
        }
        Ok(&self.cache[&key])
    }
}

/// First code point of the private-use range the added `cmap` maps subset glyphs from.
const CMAP_BASE: u32 = 0xF0000;

/// The subset font with a `cmap` that maps one private-use code point to each glyph.
///
/// fontdue outlines only the glyphs a font's `cmap` reaches (plus .notdef); a subset made for a
/// PDF has no `cmap` (the PDF addresses glyphs by id), so without one fontdue would draw nothing.
/// The font's tables are copied into a new sfnt container with one format-12 `cmap` added.
fn with_index_cmap(font: &[u8], glyphs: u16) -> Option<Vec<u8>> {
    let be16 = |at: usize| Some(u16::from_be_bytes(font.get(at..at + 2)?.try_into().ok()?));
    let be32 = |at: usize| Some(u32::from_be_bytes(font.get(at..at + 4)?.try_into().ok()?));
    let version = be32(0)?;
    let count = be16(4)? as usize;
    let mut tables: Vec<([u8; 4], Vec<u8>)> = Vec::with_capacity(count + 1);
    for i in 0..count {
        let rec = 12 + i * 16;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let offset = be32(rec + 8)? as usize;
        let len = be32(rec + 12)? as usize;
        if &tag != b"cmap" {
            tables.push((tag, font.get(offset..offset.checked_add(len)?)?.to_vec()));
        }
    }
    let mut cmap = Vec::new();
    cmap.extend_from_slice(&0u16.to_be_bytes()); // version
    cmap.extend_from_slice(&1u16.to_be_bytes()); // one encoding record
    cmap.extend_from_slice(&3u16.to_be_bytes()); // Windows
    cmap.extend_from_slice(&10u16.to_be_bytes()); // Unicode full repertoire
    cmap.extend_from_slice(&12u32.to_be_bytes()); // subtable offset
    let groups: u32 = if glyphs > 1 { 1 } else { 0 };
    cmap.extend_from_slice(&12u16.to_be_bytes()); // format 12
    cmap.extend_from_slice(&0u16.to_be_bytes());
    cmap.extend_from_slice(&(16 + 12 * groups).to_be_bytes()); // length
    cmap.extend_from_slice(&0u32.to_be_bytes()); // language
    cmap.extend_from_slice(&groups.to_be_bytes());
    if groups == 1 {
        cmap.extend_from_slice(&(CMAP_BASE + 1).to_be_bytes());
        cmap.extend_from_slice(&(CMAP_BASE + glyphs as u32 - 1).to_be_bytes());
        cmap.extend_from_slice(&1u32.to_be_bytes());
    }
    tables.push((*b"cmap", cmap));
    tables.sort_by_key(|t| t.0);

    let n = tables.len() as u16;
    let search = 16 * (1u16 << (15 - n.leading_zeros()));
    let mut out = Vec::new();
    out.extend_from_slice(&version.to_be_bytes());
    out.extend_from_slice(&n.to_be_bytes());
    out.extend_from_slice(&search.to_be_bytes());
    out.extend_from_slice(&(15 - n.leading_zeros() as u16).to_be_bytes());
    out.extend_from_slice(&(n * 16 - search).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    Some(out)
}

/// The sfnt table checksum (sum of big-endian u32 words, zero-padded).
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// Subpixel positions per pixel, horizontally and vertically.
const SUBPIXELS: u32 = 4;

/// Moves a mask right by `fx` and down by `fy` pixels (each in `[0, 1)`) by bilinear
/// resampling; the mask grows by a pixel in each direction that moves.
fn shift_mask(b: GlyphBitmap, fx: f64, fy: f64) -> GlyphBitmap {
    if b.width == 0 || (fx == 0.0 && fy == 0.0) {
        return b;
    }
    let h = b.coverage.len() / b.width;
    let (w2, h2) = (b.width + usize::from(fx > 0.0), h + usize::from(fy > 0.0));
    let at = |x: isize, y: isize| -> f64 {
        if x < 0 || y < 0 || x >= b.width as isize || y >= h as isize {
            0.0
        } else {
            b.coverage[y as usize * b.width + x as usize] as f64
        }
    };
    let mut coverage = Vec::with_capacity(w2 * h2);
    for y in 0..h2 as isize {
        for x in 0..w2 as isize {
            let v = (1.0 - fx) * (1.0 - fy) * at(x, y)
                + fx * (1.0 - fy) * at(x - 1, y)
                + (1.0 - fx) * fy * at(x, y - 1)
                + fx * fy * at(x - 1, y - 1);
            coverage.push(v.round().min(255.0) as u8);
        }
    }
    GlyphBitmap {
        left: b.left,
        top: b.top,
        width: w2,
        coverage,
    }
}

/// Widens a glyph mask by `scale` (nearest neighbour: only dashes are stretched, and only a
/// little).
fn stretch(b: GlyphBitmap, scale: f64) -> GlyphBitmap {
    if (scale - 1.0).abs() < 1e-6 || b.width == 0 {
        return b;
    }
    let height = b.coverage.len() / b.width;
    let width = ((b.width as f64 * scale).round() as usize).max(1);
    let mut coverage = Vec::with_capacity(width * height);
    for row in 0..height {
        for col in 0..width {
            let src = ((col as f64 + 0.5) / scale).floor() as usize;
            coverage.push(b.coverage[row * b.width + src.min(b.width - 1)]);
        }
    }
    GlyphBitmap {
        left: (b.left as f64 * scale).round() as i32,
        top: b.top,
        width,
        coverage,
    }
}
